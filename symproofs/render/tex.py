"""LaTeX in the course's notation, and line breaking for long sides.

:class:`NotationPrinter` is sympy's LaTeX printer with the handful of
changes the course uses: bold matrices and vectors, ``^\\top``,
``\\mathbb{E}``, ``\\operatorname{Var}``, ``\\odot``, and sequences written
with subscripts (``g(t - 1)`` prints as ``g_{t - 1}``).

:func:`tex_width` estimates how wide a piece of LaTeX math is (in em), and
:func:`break_side` splits a side of a chain into lines that fit a width.

>>> import sympy as sp
>>> t = sp.Symbol("t", integer=True)
>>> tex(sp.Function("g")(t - 1))
'g_{t - 1}'
>>> tex(sp.MatrixSymbol("X", 3, 2).T)
'\\\\mathbf{X}^{\\\\top}'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE, precedence_traditional

from symproofs.core.model import Identically, Side
from symproofs.core.printing import powered
from symproofs.render.written import written_position

__all__ = ["NotationPrinter", "break_side", "notation", "tex", "tex_width"]

#: Undefined functions with these names print as the course's operators.
_OPERATORS = {
    "E": (r"\mathbb{E}\left[", r"\right]"),
    "Var": (r"\operatorname{Var}\left(", r"\right)"),
    "Cov": (r"\operatorname{Cov}\left(", r"\right)"),
    "diag": (r"\operatorname{diag}\left(", r"\right)"),
    "norm": (r"\left\lVert ", r"\right\rVert"),
}


#: Matrix expressions that need parentheses before ``^\top``.
_COMPOUND = (sp.MatAdd, sp.MatMul, sp.HadamardProduct, sp.MatPow, sp.Inverse, sp.KroneckerProduct,
             sp.Transpose)
_NEG_SCRIPT = re.compile(r"([_^])\{- ")

#: Factors written last in an entrywise product (a dropout mask: ``X \odot R``).
_LAST: ContextVar[frozenset[sp.Basic]] = ContextVar("hadamard_last", default=frozenset())

#: Names for bound indices that sympy invented (``i_1``), in order of preference.
_INDEX_NAMES = ("j", "k", "l", "r", "s", "a", "b", "c")


@contextmanager
def notation(*, last: Iterable[sp.Basic] = ()) -> Iterator[None]:
    """Print with the conventions of one derivation: ``last`` lists matrices
    written as the last factor of an entrywise product (masks).

    >>> import sympy as sp
    >>> X, R = sp.MatrixSymbol("X", 2, 2), sp.MatrixSymbol("R", 2, 2)
    >>> with notation(last=[R]):
    ...     tex(sp.HadamardProduct(R, X))
    '\\\\mathbf{X} \\\\odot \\\\mathbf{R}'
    """
    token = _LAST.set(frozenset(last))
    try:
        yield
    finally:
        _LAST.reset(token)


def _function_name(name: str, printer: LatexPrinter) -> str:
    """A function's name in the course notation: primes stay primes
    (``sigma'`` is ``\\sigma'``) and the logistic sigmoid is ``s``."""
    if name == "Sigmoid":
        return "s"
    base = name.rstrip("'")
    primes = name[len(base):]
    return str(LatexPrinter._hprint_Function(printer, base)) + primes


def _transposed_hadamard(e: object) -> bool:
    return isinstance(e, sp.HadamardProduct) and all(isinstance(a, sp.Transpose) for a in e.args)


def _hadamard_rank(factor: sp.Basic) -> int:
    """Plain factors first, then sums (``h \\odot (1 - h)``), masks last."""
    core = factor.arg if isinstance(factor, sp.Transpose) else factor
    if core in _LAST.get():
        return 2
    return 1 if isinstance(core, sp.MatAdd) else 0


class NotationPrinter(LatexPrinter):  # type: ignore[misc]
    """sympy's LaTeX printer in the course notation.

    >>> import sympy as sp
    >>> i, j = sp.symbols("i j", integer=True)
    >>> NotationPrinter().doprint(sp.Function("W")(i, j))
    'W_{ij}'
    """

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        super().__init__({"mat_symbol_style": "bold", **(settings or {})})

    def doprint(self, expr: Any) -> str:
        self._bound: list[str] = []
        return plain_delimiters(_NEG_SCRIPT.sub(r"\1{-", str(super().doprint(expr))))

    def _print(self, expr: Any, **kwargs: Any) -> str:
        # Classes of the matrix library print themselves; these few print in
        # the course notation instead (a sequence term is a bold vector, the
        # sigmoid is ``s``).
        name = type(expr).__name__
        exp = kwargs.get("exp")  # a power of a function prints as the function with an exponent
        if name == "SeqTerm":
            return powered(self._print_SeqTerm(expr), exp)
        if name == "Elementwise":
            return powered(self._print_Elementwise(expr), exp)
        if name == "Sigmoid":
            return powered(rf"s\left({self._print(expr.args[0])}\right)", exp)
        return str(super()._print(expr, **kwargs))

    def _hprint_Function(self, func: str) -> str:
        return _function_name(func, self)

    def _print_FunctionClass(self, expr: Any) -> str:
        return _function_name(expr.__name__, self)

    def _print_SeqTerm(self, expr: Any) -> str:
        base, supers, subs = self._split_super_sub(str(expr.label))
        out = rf"\mathbf{{{base}}}" if expr.shape[0] != 1 or expr.shape[1] != 1 else base
        if supers:
            out += "^{" + " ".join(supers) + "}"
        return out + "_{" + ", ".join([*subs, self._print(expr.index)]) + "}"

    def _print_Elementwise(self, expr: Any) -> str:
        f = expr.function
        head = f.expr.func if isinstance(f, sp.Lambda) and f.expr.args == f.variables else f
        name = self._print_FunctionClass(head) if isinstance(head, sp.FunctionClass) else self._print(head)
        return rf"{name}\left({self._print(expr.expr)}\right)"

    # -- sums: a non-negative term first (t - k, not -k + t), sums last ---------
    def ordered_terms(self, expr: sp.Add) -> list[sp.Basic]:
        terms: list[sp.Basic] = list(expr.as_ordered_terms())
        terms.sort(key=lambda term: term.has(sp.Sum, sp.Integral, sp.Product))
        if isinstance(expr, sp.MatAdd):
            terms.sort(key=written_position)
        if terms and _minus(terms[0]):
            for i, term in enumerate(terms):
                if not _minus(term):
                    terms.insert(0, terms.pop(i))
                    break
        return terms

    def term_pieces(self, expr: sp.Add) -> list[tuple[str, str, sp.Basic]]:
        """The terms of a sum as ``(sign, latex, term)``; the first sign is
        ``""`` unless the term is negative; ``term`` is without its sign."""
        out: list[tuple[str, str, sp.Basic]] = []
        for i, term in enumerate(self.ordered_terms(expr)):
            sign = "+" if i else ""
            if _minus(term):
                sign, term = "-", -term
            text = self._print(term)
            if self._needs_add_brackets(term):
                text = rf"\left({text}\right)"
            out.append((sign, text, term))
        return out

    def _print_Add(self, expr: sp.Add, order: Any = None) -> str:
        return join_terms(self.term_pieces(expr))

    # -- products: numbers, then parameters (alpha, 1 - beta), then the rest ----
    def _print_Mul(self, expr: sp.Mul) -> str:
        if not expr.is_commutative or sp.fraction(expr, exact=True)[1] != 1:
            return str(super()._print_Mul(expr))
        if expr.could_extract_minus_sign():
            body = -expr
            if isinstance(body, sp.Add):
                return rf"- \left({self._print(body)}\right)"
            return f"- {self._print(body)}"
        factors = sorted(expr.as_ordered_factors(), key=_factor_rank)
        out = ""
        for i, f in enumerate(factors):
            text = self._print(f)
            if self._needs_mul_brackets(f, first=i == 0, last=i == len(factors) - 1):
                text = rf"\left({text}\right)"
            if out:
                out += r" \cdot " if out[-1].isdigit() and text[:1].isdigit() else " "
            out += text
        return out

    # -- matrices ---------------------------------------------------------------
    def _print_MatrixSymbol(self, expr: sp.MatrixSymbol) -> str:
        name, supers, subs = self._split_super_sub(expr.name)
        out = rf"\boldsymbol{{{name}}}" if name.startswith("\\") else rf"\mathbf{{{name}}}"
        if supers:
            out += "^{" + " ".join(supers) + "}"
        if subs:
            out += "_{" + " ".join(subs) + "}"
        return out

    def _print_Transpose(self, expr: sp.Transpose) -> str:
        mat = expr.arg
        s = str(self._print(mat))
        if isinstance(mat, _COMPOUND) or "^" in s or r"\frac" in s:
            s = rf"\left({s}\right)"
        return s + r"^{\top}"

    def _print_MatMul(self, expr: sp.MatMul) -> str:
        # A gradient followed by more factors is bracketed: (\nabla_h L) x^T, not \nabla_h L x^T.
        args = list(expr.args)
        if not any(type(a).__name__ == "Grad" for a in args[:-1]):
            return str(super()._print_MatMul(expr))
        sign = ""
        if expr.could_extract_minus_sign():
            sign = "- "
            args = args[1:] if args[0] == -1 else [-args[0], *args[1:]]
        level = precedence_traditional(expr)

        def factor(k: int, a: sp.Basic) -> str:
            if type(a).__name__ == "Grad" and k < len(args) - 1:
                return rf"\left({self._print(a)}\right)"
            if isinstance(a, sp.Mul) and not isinstance(a, sp.MatMul):
                return str(self._print(a))
            return self.parenthesize(a, level, False)

        return sign + " ".join(factor(k, a) for k, a in enumerate(args))

    def parenthesize(self, item: Any, level: int, is_neg: bool = False, strict: bool = False) -> str:
        if _transposed_hadamard(item):  # prints as (A ⊙ B)^T, already bracketed
            return self._print(item)
        return str(super().parenthesize(item, level, is_neg, strict))

    def _print_HadamardProduct(self, expr: sp.HadamardProduct) -> str:
        args = sorted(expr.args, key=_hadamard_rank)
        if _transposed_hadamard(expr):
            # (A ⊙ B)^T, as written, rather than A^T ⊙ B^T
            inner = r" \odot ".join(self.parenthesize(a.arg, PRECEDENCE["Mul"], strict=True) for a in args)
            return rf"\left({inner}\right)^{{\top}}"
        return r" \odot ".join(self.parenthesize(a, PRECEDENCE["Mul"], strict=True) for a in args)

    def _print_Identity(self, expr: sp.Identity) -> str:
        return r"\mathbf{I}"

    def _print_ZeroMatrix(self, expr: sp.ZeroMatrix) -> str:
        return r"\mathbf{0}"

    def _print_OneMatrix(self, expr: sp.OneMatrix) -> str:
        return r"\mathbf{1}"

    def _print_DiagMatrix(self, expr: Any) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_DiagonalMatrix(self, expr: Any) -> str:
        # the diagonal part of a square matrix, as the course writes it
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_MatrixElement(self, expr: MatrixElement) -> str:
        # sympy counts entries from 0, the course from 1: M[i - 1, j - 1] is M_{ij}.
        parent = expr.parent
        base = self._deal_with_super_sub(parent.name) if isinstance(parent, sp.MatrixSymbol) else (
            rf"\left({self._print(parent)}\right)")
        rows, cols = parent.shape
        index = [expr.i + 1] if cols == 1 else [expr.j + 1] if rows == 1 else [expr.i + 1, expr.j + 1]
        return f"{base}_{{{self._index(index)}}}"

    # -- sums over entries: 1-based, with readable names for invented indices -----
    def _print_Sum(self, expr: sp.Sum) -> str:
        if len(expr.limits) != 1:
            return str(super()._print_Sum(expr))
        var, lo, hi = expr.limits[0]
        body = expr.function
        if lo == 0 and any(var in (e.i.free_symbols | e.j.free_symbols) for e in body.atoms(MatrixElement)):
            body, lo, hi = body.xreplace({var: var - 1}), sp.S.One, hi + 1
        name = var
        bound = getattr(self, "_bound", [])
        if isinstance(var, sp.Dummy):
            taken = {str(s) for s in expr.free_symbols} | set(bound)
            fresh = next((c for c in _INDEX_NAMES if c not in taken), str(var))
            name = sp.Symbol(fresh, integer=True)
            body = body.xreplace({var: name})
        bound.append(str(name))
        try:
            head = rf"\sum_{{{self._print(name)}={self._print(lo)}}}^{{{self._print(hi)}}} "
            text = self._print(body)
        finally:
            bound.pop()
        return head + (rf"\left({text}\right)" if isinstance(body, sp.Add) else text)

    def _print_Subs(self, expr: sp.Subs) -> str:
        # one line under the bar, each value a slashed fraction: stacked
        # fractions in a subscript are too small to read
        body, names, values = expr.args
        pairs = ",\\ ".join(f"{self._print(n)} = {self._inline(v)}" for n, v in zip(names, values, strict=True))
        return rf"\left. {self._print(body)} \right|_{{{pairs}}}"

    def _inline(self, value: sp.Basic) -> str:
        num, den = sp.fraction(value, exact=True)
        if den == 1:
            return str(self._print(value))
        sign = "-" if num.could_extract_minus_sign() else ""
        num = -num if sign else num
        parts = [self._print(p) for p in (num, den)]
        parts = [rf"\left({t}\right)" if isinstance(p, sp.Add) or (isinstance(p, sp.Mul) and k == 1) else t
                 for k, (p, t) in enumerate(zip((num, den), parts, strict=True))]
        return f"{sign}{parts[0]}/{parts[1]}"

    # -- probability ------------------------------------------------------------
    def _print_Expectation(self, expr: sp.Basic) -> str:
        return rf"\mathbb{{E}}\left[{self._print(expr.args[0])}\right]"

    def _print_Variance(self, expr: sp.Basic) -> str:
        return rf"\operatorname{{Var}}\left({self._print(expr.args[0])}\right)"

    def _print_Covariance(self, expr: sp.Basic) -> str:
        a, b = (self._print(arg) for arg in expr.args[:2])
        return rf"\operatorname{{Cov}}\left({a}, {b}\right)"

    # -- sequences: g(t - 1) is g_{t - 1}, W(i, j) is W_{ij} --------------------
    def _index(self, args: Iterable[sp.Basic]) -> str:
        parts = [self._print(a) for a in args]
        sep = "" if all(len(p) == 1 for p in parts) else ", "
        return sep.join(parts)

    def _print_AppliedUndef(self, expr: AppliedUndef, exp: str | None = None) -> str:
        name = expr.func.__name__
        if name in _OPERATORS:
            left, right = _OPERATORS[name]
            out = left + ", ".join(self._print(a) for a in expr.args) + right
        elif expr.args and all(a.is_integer for a in expr.args):
            base, supers, subs = self._split_super_sub(name)
            out = base
            if supers:
                out += "^{" + " ".join(supers) + "}"
            out += "_{" + ", ".join([*subs, self._index(expr.args)]) + "}"
        else:
            return str(super()._print_Function(expr, exp))
        if exp is not None:
            out = f"{out}^{{{exp}}}"
        return str(out)

    def _print_And(self, expr: sp.And) -> str:
        return r" \text{ and } ".join(self._print(a) for a in expr.args)


_SCRIPTED = re.compile(r"[_^{]")


_DELIMITER = re.compile(r"\\(left|right)(\\[A-Za-z]+|\\[{}|]|[()\[\]|.])")
#: What makes a bracketed group tall enough for ``\left`` and ``\right``.
_SIZED = re.compile(r"\\(?:frac|dfrac|tfrac|sum|prod|int|oint|begin|binom|substack|overset|underset|underbrace"
                    r"|overbrace)(?![A-Za-z])")


def plain_delimiters(latex: str) -> str:
    """``\\left( x \\right)`` as ``( x )`` where nothing inside is tall (no
    fraction, sum, integral, ...): sized delimiters add space after an operator
    name (``Var (X)``) and grow with every superscript.

    >>> plain_delimiters(r"\\operatorname{Var}\\left(X^{2}\\right) + \\left(\\frac{1}{2}\\right)")
    '\\\\operatorname{Var}(X^{2}) + \\\\left(\\\\frac{1}{2}\\\\right)'
    """
    stack: list[re.Match[str]] = []
    plain: list[tuple[int, int, str]] = []
    for m in _DELIMITER.finditer(latex):
        if m.group(1) == "left":
            stack.append(m)
            continue
        if not stack:
            return latex  # unbalanced: leave it as printed
        opened = stack.pop()
        if "." in (opened.group(2), m.group(2)) or _SIZED.search(latex, opened.end(), m.start()):
            continue
        plain += [(opened.start(), opened.end(), opened.group(2)), (m.start(), m.end(), m.group(2))]
    if stack:
        return latex
    out, at = [], 0
    for start, end, delimiter in sorted(plain):
        out += [latex[at:start], delimiter]
        at = end
    return "".join(out) + latex[at:]


def _minus(term: sp.Basic) -> bool:
    """Whether a term prints with a leading minus (a matrix product does when
    its scalar coefficient is negative, which sympy's test does not say)."""
    if isinstance(term, sp.MatMul):
        head = term.args[0]
        return not getattr(head, "is_Matrix", False) and bool(head.as_coeff_Mul()[0].is_negative)
    return bool(term.could_extract_minus_sign())


def _factor_rank(f: sp.Basic) -> int:
    """0 for numbers, 1 for parameters (plain symbols and expressions in
    them), 2 for sequence terms, indexed symbols, sums, matrices, operators."""
    if f.is_Number:
        return 0
    if isinstance(f, sp.MatrixExpr) or f.has(AppliedUndef, sp.Sum, sp.Integral, sp.Product):
        return 2
    if any(not isinstance(s, sp.Symbol) or _SCRIPTED.search(s.name) for s in f.free_symbols):
        return 2
    if f.atoms(sp.Function):
        return 2
    return 1


_PRINTER = NotationPrinter()


def tex(expr: sp.Basic | Side) -> str:
    """LaTeX for a sympy object (or a side of a chain) in the course notation.

    >>> import sympy as sp
    >>> tex(sp.Sum(sp.Symbol("k"), (sp.Symbol("k"), 1, sp.Symbol("t"))))
    '\\\\sum_{k=1}^{t} k'
    """
    return " ".join(break_side(expr, float("inf")))


def join_terms(pieces: Iterable[tuple[str, str, sp.Basic]]) -> str:
    out = ""
    for sign, text, _ in pieces:
        if not out:
            out = f"- {text}" if sign == "-" else text
        else:
            out += f" {sign} {text}"
    return out


# -- width estimate -------------------------------------------------------------
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)
_ZERO = {r"\left", r"\right", r"\displaystyle", r"\limits", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr",
         r"\biggl", r"\biggr", r"\vphantom", r"\begin", r"\end", r"\mathbf", r"\boldsymbol", r"\mathbb",
         r"\mathrm", r"\mathcal", r"\operatorname", r"\text", r"\textsf", r"\small"}
_WIDE = {r"\sum": 1.45, r"\prod": 1.45, r"\int": 1.0, r"\quad": 1.0, r"\qquad": 2.0, r"\,": 0.17,
         r"\;": 0.28, r"\ ": 0.33, r"\!": -0.17, r"\implies": 2.6, r"\iff": 2.6, r"\to": 1.5,
         r"\cdot": 1.0, r"\odot": 1.3, r"\times": 1.3, r"\le": 1.35, r"\ge": 1.35, r"\leq": 1.35,
         r"\geq": 1.35, r"\lVert": 0.5, r"\rVert": 0.5, r"\top": 0.75, r"\infty": 1.0}
_CHAR = {"=": 1.35, "<": 1.35, ">": 1.35, "+": 1.3, "-": 1.3, "(": 0.4, ")": 0.4, "[": 0.3, "]": 0.3,
         ",": 0.45, ".": 0.3, "|": 0.3, "'": 0.3}
_TEXTLIKE = {r"\text", r"\textsf", r"\operatorname", r"\mathrm"}


def tex_width(latex: str) -> float:
    """Estimated width of display math, in em of the body font.

    Rough but monotone: fractions count their wider part, scripts count at
    70 %, the limits of a display sum sit under it.

    >>> tex_width("a + b") < tex_width(r"\\frac{a + b + c}{2} + d")
    True
    """
    tokens = [t for t in _TOKEN.findall(latex) if not t.isspace()]
    width, _ = _seq(tokens, 0, stop=None)
    return width


def _group(tokens: list[str], i: int) -> tuple[float, int, str]:
    """The width of the argument starting at ``tokens[i]``, the index after it,
    and its raw text."""
    if i >= len(tokens):
        return 0.0, i, ""
    if tokens[i] == "{":
        w, j = _seq(tokens, i + 1, stop="}")
        return w, j + 1, "".join(tokens[i + 1:j])
    w, j = _seq(tokens[i:i + 1], 0, stop=None)
    return w, i + 1, tokens[i]


def _seq(tokens: list[str], i: int, stop: str | None) -> tuple[float, int]:
    best = 0.0
    row = 0.0
    last_big = False  # the previous atom was a display operator with limits
    while i < len(tokens):
        tok = tokens[i]
        if tok == stop:
            break
        i += 1
        if tok in ("^", "_"):
            w, i, _ = _group(tokens, i)
            scripts = [0.7 * w]
            if i < len(tokens) and tokens[i] in ("^", "_"):
                w2, i, _ = _group(tokens, i + 1)
                scripts.append(0.7 * w2)
            if last_big:
                row += max(0.0, max(scripts) - 1.45)
            else:
                row += max(scripts)
            last_big = False
            continue
        last_big = tok in (r"\sum", r"\prod")
        if tok == "{":
            w, i = _seq(tokens, i, stop="}")
            i += 1
            row += w
        elif tok in (r"\frac", r"\dfrac", r"\tfrac", r"\binom"):
            w1, i, _ = _group(tokens, i)
            w2, i, _ = _group(tokens, i)
            row += max(w1, w2) + 0.3
        elif tok == r"\sqrt":
            w, i, _ = _group(tokens, i)
            row += w + 1.0
        elif tok in _TEXTLIKE:
            _, i, raw = _group(tokens, i)
            row += 0.5 * len(raw) + (0.3 if tok == r"\operatorname" else 0.0)
        elif tok in (r"\mathbf", r"\boldsymbol"):
            w, i, _ = _group(tokens, i)
            row += 1.3 * w
        elif tok in (r"\begin", r"\end", r"\vphantom"):
            _, i, _ = _group(tokens, i)
        elif tok in (r"\left", r"\right"):
            if i < len(tokens):
                row += 0.0 if tokens[i] == "." else 0.45
                i += 1
        elif tok == r"\\":
            best = max(best, row)
            row = 0.0
        elif tok == "&":
            row += 0.5
        elif tok in _WIDE:
            row += _WIDE[tok]
        elif tok in _ZERO:
            pass
        elif tok.startswith("\\"):
            row += 0.6
        elif tok in _CHAR:
            row += _CHAR[tok]
        else:
            row += 0.75 if tok.isupper() else 0.52
    return max(best, row), i


# -- line breaking --------------------------------------------------------------
#: Continuation lines are indented by this much (em) relative to the first.
INDENT = 2.0


def break_side(side: Side, width: float) -> list[str]:
    """Lines of LaTeX for one side of a chain, each meant to fit ``width`` em
    (the first line after its relation, later lines after an indent).

    Sums break before a top-level ``+`` or ``-``; a product whose last
    factor is a long sum breaks inside its parentheses; equations break
    before the relation; systems put one equation per line.

    >>> import sympy as sp
    >>> xs = sp.symbols("x1:13")
    >>> len(break_side(sum(xs), 12))
    3
    """
    return [_NEG_SCRIPT.sub(r"\1{-", line) for line in _break(side, width)]


def _break(side: Side, width: float) -> list[str]:
    if isinstance(side, tuple):
        parts = [_break(p, width) for p in side]
        flat = [line for p in parts for line in p]
        one = r",\quad ".join(flat)
        if all(len(p) == 1 for p in parts) and tex_width(one) <= width:
            return [one]
        return [line + ("," if k == len(p) - 1 and n < len(parts) - 1 else "")
                for n, p in enumerate(parts) for k, line in enumerate(p)]
    if isinstance(side, Identically):
        names = ", ".join(_PRINTER.doprint(v) for v in side.variables)
        tail = r"\text{for all } " + names
        lines = _break(side.equation, width)
        if tex_width(lines[-1] + r"\quad " + tail) <= width:
            lines[-1] += r"\quad " + tail
        else:
            lines.append(tail)
        return lines
    return _break_expr(side, width)


def _break_expr(expr: sp.Basic, width: float) -> list[str]:
    text = str(_PRINTER.doprint(expr))
    if tex_width(text) <= width:
        return [text]
    if isinstance(expr, sp.Rel) and not isinstance(expr, sp.Ne):
        rel = _PRINTER.doprint(type(expr)(sp.Symbol("x"), sp.Symbol("y"))).split(" ")[1]
        left = _break_expr(expr.lhs, width)
        right = _break_expr(expr.rhs, width - 2 * INDENT)
        return [*left, f"{rel} {right[0]}", *(rf"\qquad {line}" for line in right[1:])]
    if isinstance(expr, sp.Add):
        return _fill(_PRINTER.term_pieces(expr), width)
    if isinstance(expr, (sp.Mul, sp.MatMul)):
        return _break_product(expr, width) or [text]
    return [text]


def _factor(expr: sp.Basic) -> str:
    text = str(_PRINTER.doprint(expr))
    return rf"\left({text}\right)" if isinstance(expr, (sp.Add, sp.MatAdd)) else text


def _fill(pieces: list[tuple[str, str, sp.Basic]], width: float, lead: str = "", tail: str = "") -> list[str]:
    """Greedy filling of sum terms into lines; ``lead`` opens the first line
    and ``tail`` closes the last (a coefficient and its parentheses). A term
    too wide for a line of its own is broken inside its parentheses."""
    lines: list[str] = []
    current = lead
    for sign, text, term in pieces:
        first = not (current.strip() or lines)
        piece = (f"- {text}" if sign == "-" else text) if first else f"{sign} {text}"
        budget = width - (INDENT if lines else 0.0)
        candidate = f"{current} {piece}".strip() if current else piece
        if not current.strip() or tex_width(candidate) <= budget:
            current = candidate
            continue
        lines.append(current)
        current = piece
        if tex_width(piece) > width - INDENT and isinstance(term, (sp.Mul, sp.MatMul)):
            parts = _break_product(term, width - INDENT - 1.5)
            if parts:
                lines += [f"{sign} {parts[0]}".strip(), *parts[1:-1]]
                current = parts[-1]
    lines.append(f"{current}{tail}")
    return lines


_TALL = (r"\sum", r"\prod", r"\int", r"rac", r"\sqrt", r"\left", "^")


def _phantom(pieces: list[tuple[str, str, sp.Basic]]) -> str:
    """A ``\\vphantom`` as tall as the tallest term, so that parentheses
    split over lines get the same size on every line."""
    def rank(text: str) -> int:
        return next((len(_TALL) - k for k, mark in enumerate(_TALL) if mark in text), 0)

    tallest = max((text for _, text, _ in pieces), key=rank, default="")
    return rf"\vphantom{{{tallest}}}" if rank(tallest) else ""


def _break_product(expr: sp.Basic, width: float) -> list[str] | None:
    """``c (a + b + ...) M`` with the widest sum broken inside its parentheses
    (matrix factors keep their order)."""
    factors = list(expr.args)
    sums = [k for k, f in enumerate(factors) if isinstance(f, sp.Add)]
    if not sums:
        return None
    at = max(sums, key=lambda k: tex_width(_PRINTER.doprint(factors[k])))
    inner = factors[at]
    if isinstance(expr, sp.MatMul):
        before, after = factors[:at], factors[at + 1:]
    else:
        before, after = factors[:at] + factors[at + 1:], []
    coeff = sp.Mul(*before) if not isinstance(expr, sp.MatMul) else sp.MatMul(*before).doit()
    sign = ""
    if coeff.could_extract_minus_sign():
        sign, coeff = "- ", -coeff
    head = "" if coeff == 1 else _factor(coeff)
    tail = " ".join(_factor(f) for f in after)
    pieces = _PRINTER.term_pieces(inner)
    phantom = _phantom(pieces)
    lines = _fill(pieces, width - 1.0, lead=rf"{sign}{head} \left({phantom}".strip(),
                  tail=rf"\right) {tail}".rstrip())
    if len(lines) == 1:
        return None
    lines = [line + r"\right." if k < len(lines) - 1 else line for k, line in enumerate(lines)]
    return [lines[0]] + [rf"\left.{phantom}{{}} {line}" for line in lines[1:]]
