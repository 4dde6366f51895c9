r"""Student LaTeX to sympy, safely: nothing a student writes is ever evaluated.

The text is lexed, macros from the :class:`Notation` are expanded, delimiters
and relations are normalised, remarks and labels are set aside, the line is
split at top-level relations, and each part is read by a recursive-descent
parser that builds the sympy tree itself (no ``eval``, ``sympify`` or
``parse_latex``). A hand-written parser is used rather than a grammar because
reading LaTeX is context dependent (``|`` opens or closes, ``\sum`` takes the
product after it, ``a(b)`` is a call only for functions) and because every
nesting level is counted: deep input is an :class:`InputError`, never a
``RecursionError``. Errors carry file positions (``line``/``column`` give
where the fragment starts in its file).

Naming rules:

* Letters and Greek letters are ``Symbol(name, real=True)``: ``\varepsilon``
  is ``epsilon``, ``\lambda`` is ``lambda``, ``\ell`` is ``ell``; ``ab`` is
  ``a*b``. ``\pi`` is ``sympy.pi``, ``\infty`` is ``oo``, ``\mathrm{e}`` is
  ``sympy.E`` (a plain ``e`` is a symbol).
* Bold (``\mathbf``, ``\boldsymbol``, ``\bm``, ``\vec``) is typographic.
  Accents are suffixes (``\hat{m}`` is ``m_hat``; also ``_bar``, ``_tilde``,
  ``_dot``), ``\mathcal{L}`` is ``calL``; multi-letter names come from
  ``\mathrm``, ``\operatorname``, ``\text`` and similar.
* ``\Delta`` before a letter or Greek letter forms one name:
  ``\Delta\theta_t`` is ``Delta_theta(t)``; with a spacing command between
  them (``\Delta\,\theta``) it is a product.
* Subscripts are indices: ``g_{t-1}`` is ``Function('g', real=True)(t - 1)``,
  ``W_{ij}`` and ``W_{i,j}`` are ``W(i, j)``; a parenthesised superscript is
  an index too (``W^{(l)}`` is ``W(l)``); a text subscript is part of the name
  (``L_{\text{train}}`` is ``L_train``). Every name used in an index, or in
  the variable or bounds of a ``\sum``/``\prod``, is ``Symbol(name,
  integer=True)`` everywhere in the expression (in the whole chain for
  :func:`parse_relation_chain`), unless the notation declares it.
* Primes are suffixes: ``\sigma'(h)`` is ``sigma_prime(h)``.
* ``\nabla_w L`` is ``Symbol('grad_w_L')`` and ``\nabla f(x)`` is
  ``grad_f(x)`` (``\nabla^2`` gives ``hess_``).
* ``a(b)`` is a product unless ``a`` is ``\sigma``, ``\phi``, ``\psi``, a
  function of the notation or a multi-letter name; then it is
  ``Function(a, real=True)(b)``, indices first: ``f_t(x)`` is ``f(t, x)``.
* ``^\top`` is a transpose (the identity on scalars); ``^T`` is one only on a
  matrix or a bold name, elsewhere it is the power ``T``.
* ``\|x\|`` and ``||x||`` are ``Function('norm', real=True)(x)``, or ``Abs``
  when every symbol of ``x`` is a scalar declared in the notation.
* A declared matrix with a subscript names a member of a family of that
  shape: ``W_1`` is ``MatrixSymbol('W_1', ...)``; entries are not addressed.
* ``\mathbb{E}``, ``E[..]``, ``\operatorname{E}`` are :class:`E` (a
  subscript is ignored); ``Var`` (also ``\mathbb{V}``) and ``Cov`` likewise.

Set aside: ``\label``, ``\tag``, ``\nonumber``, ``\displaystyle``, spacing,
``&``, trailing ``, . ; :``, and remarks: a ``\text``-like group that is not
a name (``\text{(linearity)}``), ``\quad``/``\qquad`` unless next to a
relation or operator, ``\because``, ``\therefore``. After some mathematics
a remark ends the row (``a = b \quad \text{for } k \ge 1`` is ``a = b``); a
remark inside brackets takes the brackets with it.

Not supported (an :class:`InputError`, verdict "unparsed"): integrals,
limits, derivatives, ellipses, ``\pm``, conditional expectations, ``\sum``
over a set, matrices written out, intervals and sets, nested bare ``|..|``
(write ``\left|``), macros with arguments, and any command not listed here.
Numbers are exact (``0.9`` is ``9/10``); limits: 20000 characters per
fragment, 50 nesting levels, 100 digits per literal, numeric exponents up to
1000 (numerator and denominator), 1000 digits per computed power.

>>> parse_math(r"\frac{1}{2} x^2 + \sqrt{y}")
x**2/2 + sqrt(y)
>>> parse_math(r"\sum_{k=1}^{t} \beta^{t-k} g_k")
Sum(beta**(-k + t)*g(k), (k, 1, t))
"""
from __future__ import annotations

import operator
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import reduce
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.model import Relation
from symproofs.latex.lexer import (
    ACCENTS,
    BOLD,
    CALLABLE,
    CALLIGRAPHIC,
    FORBIDDEN,
    GREEK,
    IDENT,
    MULOPS,
    OPENERS,
    UNCHECKED_RELS,
    Origin,
    Tok,
    group_end,
    is_d,
    prepare,
    split_relations,
    strip_braces,
)
from symproofs.probability.space import Cov, E, Var

__all__ = [
    "KNOWN_SECTIONS",
    "LineSource",
    "Notation",
    "parse_math",
    "parse_relation_chain",
    "unify_indices",
]
_MAX_DEPTH = 50  # nesting of groups, scripts and arguments
_MAX_DIGITS = 100  # integer literals
_MAX_RESULT_DIGITS = 1000  # numbers computed from powers
_MAX_EXPONENT = 1000  # numerator and denominator of a numeric exponent
_MAX_TOTAL_DIGITS = 10_000  # all the powers and factorials of one side together
#: Top-level sections of a notation file. The first five belong to
#: :class:`Notation`; the others are kept raw in ``Notation.sections``.
#: Extend it (or pass ``known_sections=``) to accept new sections.
KNOWN_SECTIONS: tuple[str, ...] = (
    "symbols", "matrices", "functions", "macros", "indices",
    "random", "definitions", "rubric", "expected",
)
_OWN_SECTIONS = ("symbols", "matrices", "functions", "macros", "indices")
_DOMAINS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "integer": {"integer": True},
    "positive integer": {"integer": True, "positive": True},
    "nonnegative integer": {"integer": True, "nonnegative": True},
}
_CONSTANTS: dict[str, sp.Basic] = {"pi": sp.pi, "infty": sp.oo}
_FUNCS: dict[str, Callable[..., sp.Basic]] = {
    "exp": sp.exp, "log": sp.log, "ln": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "arcsin": sp.asin, "arccos": sp.acos,
    "arctan": sp.atan, "sgn": sp.sign, "max": sp.Max, "min": sp.Min,
    "tr": lambda x: sp.Trace(x) if isinstance(x, sp.MatrixExpr) else x,
    "det": lambda x: sp.Determinant(x) if isinstance(x, sp.MatrixExpr) else x,
}
_OPS: dict[str, tuple[Any, int]] = {"E": (E, 1), "Var": (Var, 1), "Cov": (Cov, 2)}
_NORM = sp.Function("norm", real=True)


@dataclass(frozen=True, kw_only=True)
class Notation:
    """What the symbols of a submission mean (every field optional).

    ``symbols`` maps names to a domain (``real``, ``positive``,
    ``nonnegative``, ``integer``, ``positive integer``, ``nonnegative
    integer``); ``matrices`` maps names to shapes (``("n", "m")``, ``("n",)``
    for a column vector; names are positive integer symbols); ``functions``
    are names applied with parentheses; ``macros`` map a command name (no
    backslash, no arguments) to LaTeX; ``indices`` are names that are
    integer indices. ``sections`` keeps other sections of a notation file.

    >>> Notation(symbols={"beta": "positive"}, matrices={"W": ("n", "m")}).matrices["W"]
    ('n', 'm')
    """

    symbols: Mapping[str, str] = field(default_factory=dict)
    matrices: Mapping[str, tuple[str | int, ...]] = field(default_factory=dict)
    functions: AbstractSet[str] = frozenset()
    macros: Mapping[str, str] = field(default_factory=dict)
    indices: AbstractSet[str] = frozenset()
    sections: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, domain in self.symbols.items():
            _check_name(name, "symbol")
            if not isinstance(domain, str) or domain not in _DOMAINS:
                raise InputError(f"symbol {name!r}: unknown domain {domain!r}; use one of "
                                 + ", ".join(repr(d) for d in _DOMAINS))
        shapes = {}
        for name, shape in self.matrices.items():
            _check_name(name, "matrix")
            shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
            if not 1 <= len(shape) <= 2 or not all(
                (isinstance(d, int) and not isinstance(d, bool) and d > 0)
                or (isinstance(d, str) and IDENT.fullmatch(d)) for d in shape
            ):
                raise InputError(f"matrix {name!r}: shape must be 1 or 2 dimension names or "
                                 f"positive integers, not {shape!r}")
            shapes[name] = shape
        both = sorted(set(self.symbols) & set(shapes))
        if both:
            raise InputError(f"{both[0]!r} is declared both as a symbol and as a matrix")
        if isinstance(self.functions, str) or isinstance(self.indices, str):
            raise InputError("functions and indices are sets of names, not a string")
        for name in [*self.functions, *self.indices]:
            _check_name(name, "function or index")
        macros = {}
        for name, body in self.macros.items():
            key = name.removeprefix("\\")
            if not re.fullmatch(r"[A-Za-z]+", key) or not isinstance(body, str) or len(body) > 2000:
                raise InputError(f"macro {name!r}: a name of letters and a LaTeX string "
                                 "of at most 2000 characters")
            macros[key] = body
        object.__setattr__(self, "symbols", MappingProxyType(dict(self.symbols)))
        object.__setattr__(self, "matrices", MappingProxyType(shapes))
        object.__setattr__(self, "functions", frozenset(self.functions))
        object.__setattr__(self, "macros", MappingProxyType(macros))
        object.__setattr__(self, "indices", frozenset(self.indices))
        object.__setattr__(self, "sections", MappingProxyType(dict(self.sections)))

    @classmethod
    def from_toml(cls, path: str | Path, *, known_sections: Sequence[str] = KNOWN_SECTIONS
                  ) -> Notation:
        """Read a notation file: ``[symbols]`` (name = domain), ``[matrices]``
        (name = shape list), ``[functions]`` and ``[indices]`` (``names = [...]``),
        ``[macros]`` (name = LaTeX). Unknown sections or keys are an error."""
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read notation file: {exc.strerror}", source=where) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", source=where) from None
        for key, value in data.items():
            if key not in known_sections:
                raise InputError(f"unknown section [{key}]; known sections: "
                                 + ", ".join(known_sections), source=where)
            if key in _OWN_SECTIONS and not isinstance(value, dict):
                raise InputError(f"[{key}] must be a table", source=where)
        lists = {}
        for key in ("functions", "indices"):
            table = data.get(key, {})
            extra = sorted(set(table) - {"names"})
            names = table.get("names", [])
            if extra or not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(f"[{key}] takes one key, names = [list of names]"
                                 + (f"; unknown key {extra[0]!r}" if extra else ""), source=where)
            lists[key] = frozenset(names)
        try:
            return cls(
                symbols=data.get("symbols", {}),
                matrices={k: tuple(v) if isinstance(v, list) else v
                          for k, v in data.get("matrices", {}).items()},
                functions=lists["functions"],
                macros=data.get("macros", {}),
                indices=lists["indices"],
                sections={k: v for k, v in data.items() if k not in _OWN_SECTIONS},
            )
        except InputError as exc:
            raise InputError(exc.message, source=where) from None


def _check_name(name: object, what: str) -> None:
    if not isinstance(name, str) or not IDENT.fullmatch(name):
        raise InputError(f"{what} name {name!r} is not an identifier")


@dataclass(frozen=True, kw_only=True)
class LineSource:
    """One side of a chain as written: where, the relation to the previous side
    (``relation_text`` as written, ``relation`` ``None`` for a first side and
    for unchecked relations such as ``\\approx``), and the expression or the
    error that makes it "unparsed"."""

    line: int
    column: int
    relation: Relation | None
    relation_text: str
    text: str
    expr: sp.Basic | None = None
    error: InputError | None = None

    @property
    def checkable(self) -> bool:
        """Parsed, and first side or joined by a relation that can be checked."""
        return self.error is None and (self.relation is not None or not self.relation_text)


class _Name(NamedTuple):
    text: str
    bold: bool = False
    word: bool = False  # a multi-letter roman name (\mathrm, \operatorname, \text)


class _Parser:
    """Recursive descent over the tokens of one side; builds the sympy tree."""

    def __init__(self, toks: list[Tok], origin: Origin, notation: Notation) -> None:
        self.toks, self.origin, self.notation = toks, origin, notation
        self.i = self.depth = 0
        self.digits = 0.0  # digits of all the numbers built so far
        self.bars: list[str] = []  # bare bars |, ‖ currently open
        self.indices: set[str] = set()

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def at(self, *texts: str, kind: str = "sym") -> bool:
        t = self.peek()
        return t is not None and t.kind == kind and (not texts or t.text in texts)

    def take(self) -> Tok:
        t = self.peek()
        if t is None:
            raise self.error("unexpected end of expression")
        self.i += 1
        return t

    def expect(self, text: str, kind: str = "sym") -> Tok:
        if not self.at(text, kind=kind):
            raise self.error(f"expected {text!r}")
        return self.take()

    def error(self, message: str, tok: Tok | None = None) -> InputError:
        tok = tok or self.peek()
        if tok is None:
            end = self.toks[-1].end if self.toks else 0
            return self.origin.error(message + " (at the end)", end)
        if message.startswith("expected"):
            message += f", found {self.origin.text[tok.start : tok.end]!r}"
        return self.origin.error(message, tok.start)

    def unexpected(self, tok: Tok) -> InputError:
        return self.error(f"unexpected {self.origin.text[tok.start : tok.end]!r}", tok)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error(f"nested more than {_MAX_DEPTH} levels deep")

    def parse(self) -> sp.Basic:
        try:
            value = self.expr()
            if (t := self.peek()) is not None:
                raise self.unexpected(t)
            if value.has(sp.zoo, sp.nan):
                raise self.error("division by zero", self.toks[0])
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError,
                RecursionError) as exc:
            raise self.error(f"cannot build this expression ({type(exc).__name__}: {exc})") from None
        names = (self.indices | self.notation.indices) - set(self.notation.symbols)
        return value.xreplace({sp.Symbol(n, real=True): sp.Symbol(n, integer=True) for n in names})

    def expr(self) -> sp.Basic:
        terms = [self.term()]
        while self.at("+", "-"):
            minus = self.take().text == "-"
            term = self.term()
            terms.append(-term if minus else term)
        return _fold(terms, sp.Add, operator.add)

    def term(self) -> sp.Basic:
        """Factors, joined by explicit or implicit multiplication (built at once:
        a sympy Add or Mul grown one operand at a time costs quadratic time)."""
        factors = [self.factor()]
        while (t := self.peek()) is not None:
            if (t.kind == "cmd" and t.text in MULOPS) or (t.kind == "sym" and t.text in ("*", "/")):
                self.i += 1
                rhs = self.factor()
                if t.text in ("/", "div"):
                    factors.append(self.inverse(rhs, t))
                elif t.text == "odot" and isinstance(rhs, sp.MatrixExpr) and isinstance(
                    lhs := _fold(factors, sp.Mul, operator.mul), sp.MatrixExpr
                ):
                    factors = [sp.HadamardProduct(lhs, rhs)]
                else:
                    factors.append(rhs)
            elif t.kind in ("num", "letter", "raw", "bad", "cmd") or (t.kind == "sym" and (
                t.text in OPENERS or (t.text in ("|", "‖") and t.text not in self.bars)
            )):
                factors.append(self.factor())
            else:
                break
        return _fold(factors, sp.Mul, operator.mul)

    def inverse(self, den: sp.Basic, tok: Tok) -> sp.Basic:
        if isinstance(den, sp.MatrixExpr):
            raise self.error("cannot divide by a matrix", tok)
        return den**-1

    def count_digits(self, digits: float, tok: Tok) -> None:
        """Keep computed numbers small, so that no arithmetic on them is slow (literals
        need no budget: their product has at most as many digits as the text)."""
        self.digits += digits
        if self.digits > _MAX_TOTAL_DIGITS:
            raise self.error(f"numbers too large (more than {_MAX_TOTAL_DIGITS} digits in all)", tok)

    def factor(self) -> sp.Basic:
        minus = False
        while self.at("+", "-"):
            minus ^= self.take().text == "-"
        value = self.postfix()
        return -value if minus else value

    def postfix(self) -> sp.Basic:
        value, bold = self.atom()
        while self.at("^", "!", "_"):
            op = self.take()
            if op.text == "_":  # \|x\|_2: only the Euclidean norm
                norm = value.func in (_NORM, sp.Abs) or (value.is_Pow and value.base.func == _NORM)
                if not norm or self.argument() != 2:
                    raise self.error("unexpected subscript (only a norm takes one: \\|x\\|_2)", op)
            elif op.text == "!":
                value = self.guarded(sp.factorial, op, value)
            elif self.transpose_follows(value, bold):
                self.i = group_end(self.toks, self.i)
                value = sp.transpose(value) if isinstance(value, sp.MatrixExpr) else value
            else:
                value = self.power(value, self.argument(), op)
            if op.text == "^" and self.at("^"):
                raise self.error("double superscript: use braces")
        return value

    def transpose_follows(self, base: sp.Basic, bold: bool) -> bool:
        inner = [t for t in self.toks[self.i : group_end(self.toks, self.i)]
                 if t.text not in ("{", "}")]
        if len(inner) != 1:
            return False
        t = inner[0]
        if (t.kind == "cmd" and t.text in ("top", "intercal")) or (t.kind == "raw" and t.arg == "T"):
            return True
        return t.kind == "letter" and t.text == "T" and (bold or isinstance(base, sp.MatrixExpr))

    def power(self, base: sp.Basic, exp: sp.Basic, tok: Tok) -> sp.Basic:
        if isinstance(exp, sp.Rational):
            if abs(exp.p) > _MAX_EXPONENT or exp.q > _MAX_EXPONENT:
                raise self.error(f"exponent {exp} is too large (limit {_MAX_EXPONENT})", tok)
            if isinstance(base, sp.Rational) and base != 0:
                digits = max(abs(base.p).bit_length(), base.q.bit_length()) * 0.302
                if digits * abs(exp.p) / exp.q > _MAX_RESULT_DIGITS or (exp.q > 1 and digits > 120):
                    raise self.error("number too large", tok)
                self.count_digits(digits * abs(exp.p) / exp.q, tok)
        return base**exp

    def guarded(self, fn: Callable[..., sp.Basic], tok: Tok, *args: sp.Basic) -> sp.Basic:
        if any(isinstance(a, sp.Number) and abs(a) > 1000 for a in args):
            raise self.error("number too large", tok)
        value = fn(*args)
        if isinstance(value, sp.Integer):
            self.count_digits(int(value).bit_length() * 0.302, tok)
        return value

    def argument(self) -> sp.Basic:
        """A command argument: a brace group or a single token (one digit of a number)."""
        t = self.peek()
        if t is not None and t.kind == "num" and len(t.text) > 1 and t.text[0] != ".":
            self.toks[self.i] = t._replace(text=t.text[1:], start=t.start + 1)
            return sp.Integer(int(t.text[0]))
        if t is not None and t.kind == "letter":
            self.i += 1
            return self.symbol(t.text)
        return self.atom()[0]

    def atom(self) -> tuple[sp.Basic, bool]:
        """One operand and whether it is bold; every nesting passes here."""
        self.enter()
        try:
            name = self.name()
            return self.named(name) if name is not None else self.construct(self.take())
        finally:
            self.depth -= 1

    def construct(self, t: Tok) -> tuple[sp.Basic, bool]:
        if t.kind == "bad":
            raise self.error(t.arg, t)
        if t.kind == "num":
            whole, _, frac = t.text.partition(".")
            if len(whole) + len(frac) > _MAX_DIGITS:
                raise self.error(f"number with more than {_MAX_DIGITS} digits", t)
            return sp.Rational(int(whole or "0") * 10 ** len(frac) + int(frac or "0"),
                               10 ** len(frac)), False
        if t.kind == "raw":
            if t.arg == "e":
                return sp.E, False
            return (self.function if t.arg in _FUNCS else self.operator)(t.arg, t), False
        if t.kind == "sym" and (t.text in OPENERS or t.text in ("|", "‖")):
            return self.bracket(t), False
        if t.kind != "cmd":
            raise self.unexpected(t)
        c = t.text
        if c in _CONSTANTS:
            return _CONSTANTS[c], False
        if c in _FUNCS:
            return self.function(c, t), False
        if c in ("frac", "dfrac", "tfrac", "cfrac"):
            mid = group_end(self.toks, self.i)
            top, bottom = (strip_braces(self.toks[a:b]) for a, b in
                           ((self.i, mid), (mid, group_end(self.toks, mid))))
            if top and len(bottom) > 1 and all(is_d(x[0]) for x in (top, bottom)):
                raise self.error("unsupported derivative (d/dx)", t)
            num = self.argument()
            return num * self.inverse(self.argument(), t), False
        if c == "binom":
            return self.guarded(sp.binomial, t, self.argument(), self.argument()), False
        if c == "sqrt" and self.at("["):
            (index,) = self.group_list(self.take(), 1)
            return self.power(self.argument(), 1 / index, t), False
        if c == "sqrt":
            return sp.sqrt(self.argument()), False
        if c in ("sum", "prod"):
            return self.big_operator(t), False
        if c == "nabla":
            return self.nabla(t), False
        if c in BOLD:
            return self.argument(), True
        if c == "mathbb":
            end = group_end(self.toks, self.i)
            letter = "".join(x.text for x in self.toks[self.i : end] if x.text not in ("{", "}"))
            self.i = end
            if letter in ("E", "V"):
                return self.operator("E" if letter == "E" else "Var", t), False
            raise self.error(f"unsupported \\mathbb{{{letter}}}", t)
        if c in ("cdots", "ldots", "dots", "vdots"):
            raise self.error("unsupported ellipsis: write the sum with \\sum", t)
        if c in FORBIDDEN:
            raise self.error(f"unsupported command \\{c}: TeX programming is not allowed", t)
        raise self.error(f"unsupported command \\{c}", t)

    def bracket(self, t: Tok) -> sp.Basic:
        if t.text in ("L|", "L‖"):
            value = self.expr()
            self.expect(OPENERS[t.text])
            return sp.Abs(value) if t.text == "L|" else self.norm(value)
        if t.text in OPENERS:
            return self.group_list(t, 1)[0]
        after = self.peek()
        double = t.text == "|" and after is not None and after.text == "|" and after.start == t.end
        self.i += double
        self.bars.append(t.text)
        try:
            value = self.expr()
        finally:
            self.bars.pop()
        self.expect(t.text)
        if double:
            self.expect("|")
        return self.norm(value) if double or t.text == "‖" else sp.Abs(value)

    def norm(self, value: sp.Basic) -> sp.Basic:
        declared = self.notation.symbols
        if not isinstance(value, sp.MatrixExpr) and declared and all(
            s.name in declared for s in value.free_symbols
        ):
            return sp.Abs(value)
        return _NORM(value)

    def group_list(self, opener: Tok, count: int | None = None) -> list[sp.Basic]:
        """Comma-separated expressions up to the closing bracket of ``opener``."""
        saved, self.bars = self.bars, []
        try:
            values = [self.expr()]
            while self.at(","):
                self.take()
                values.append(self.expr())
        finally:
            self.bars = saved
        self.expect(OPENERS[opener.text])
        if count is not None and len(values) != count:
            raise self.error(f"expected {count} expression(s) in brackets", opener)
        return values

    def call_args(self) -> list[sp.Basic]:
        return self.group_list(self.take()) if self.at("(", "[", "\\{") else [self.postfix()]

    def function(self, name: str, tok: Tok) -> sp.Basic:
        exponent = base = None
        while self.at("^", "_"):
            if self.take().text == "^":
                exponent = self.argument()
            elif name == "log":
                base = self.argument()
            else:
                raise self.error(f"unsupported subscript on \\{name}", tok)
        args = self.call_args()
        if name not in ("max", "min") and len(args) != 1:
            raise self.error(f"{name} takes one argument", tok)
        value = sp.log(args[0], base) if base is not None else _FUNCS[name](*args)
        return value if exponent is None else self.power(value, exponent, tok)

    def operator(self, name: str, tok: Tok) -> sp.Basic:
        """``E``, ``Var`` and ``Cov``; their sub- and superscripts are ignored."""
        if name not in _OPS:
            raise self.error(f"unsupported operator {name!r}", tok)
        while self.at("_", "^"):
            self.i = group_end(self.toks, self.i + 1)
        cls, arity = _OPS[name]
        args = self.call_args()
        if len(args) != arity:
            raise self.error(f"{name} takes {arity} argument(s)", tok)
        return cls(*args)

    def big_operator(self, tok: Tok) -> sp.Basic:
        var = low = high = None
        while self.at("_", "^"):
            if self.take().text == "^":
                high = self.argument()
                continue
            self.expect("{")
            name = self.name()
            if name is None or name.text in self.notation.matrices:
                raise self.error(f"\\{tok.text} needs a variable: \\{tok.text}_{{k=1}}^{{n}}")
            self.expect("=", kind="rel")
            var, low = self.symbol(name.text), self.expr()
            self.expect("}")
        if var is None or high is None:
            raise self.error(f"write the bounds: \\{tok.text}_{{k=1}}^{{n}}", tok)
        self.indices.update(s.name for s in sp.Tuple(var, low, high).atoms(sp.Symbol))
        return (sp.Sum if tok.text == "sum" else sp.Product)(self.term(), (var, low, high))

    def nabla(self, tok: Tok) -> sp.Basic:
        prefix = "grad"
        while self.at("_", "^"):
            op, end = self.take(), group_end(self.toks, self.i)
            group = [t for t in self.toks[self.i : end] if t.text not in ("{", "}", *BOLD)]
            self.i = end
            parts = [GREEK.get(t.text, t.arg or t.text) for t in group]
            if op.text == "^" and parts == ["2"]:
                prefix = "hess"
            elif op.text == "_" and all(IDENT.fullmatch(p) or p.isdigit() for p in parts):
                prefix += "_" + "".join(parts)
            else:
                raise self.error("unsupported script on \\nabla", op)
        if self.at("("):
            return sp.Function(prefix, real=True)(*self.group_list(self.take()))
        name = self.name()
        if name is None:
            raise self.error("\\nabla must be followed by a name or by parentheses")
        return self.named(_Name(f"{prefix}_{name.text}"), callable_=True)[0]

    def name(self) -> _Name | None:
        """Read a name (letter, Greek, word, bold or accented name) if one starts here."""
        t = self.peek()
        if t is None or (t.kind == "raw" and (t.arg in _OPS or t.arg in _FUNCS or t.arg == "e")):
            return None
        if t.kind in ("letter", "raw"):
            self.i += 1
            return _Name(t.arg, word=len(t.arg) > 1) if t.kind == "raw" else _Name(t.text)
        if t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            after = self.peek()
            if t.text == "Delta" and after is not None and not after.spaced and (
                after.kind == "letter" or (after.kind == "cmd" and after.text in GREEK)
            ):
                self.i += 1
                return _Name(f"Delta_{GREEK.get(after.text, after.text)}")
            return _Name(GREEK[t.text])
        if t.kind == "cmd" and (t.text in BOLD or t.text in ACCENTS or t.text in CALLIGRAPHIC):
            return self.wrapped_name(t)
        return None

    def wrapped_name(self, t: Tok) -> _Name | None:
        start = self.i
        self.i += 1
        end = group_end(self.toks, self.i)
        braced = self.at("{")
        self.i += braced
        self.enter()
        try:
            inner = self.name()
        finally:
            self.depth -= 1
        if inner is not None and braced and self.i < end - 1 and self.at("_", "'"):
            self.toks.insert(self.i, self.toks.pop(end - 1))  # \hat{m_t} is read as \hat{m}_t
        elif inner is None or (braced and self.i != end - 1):
            self.i = start
            return None
        self.i += braced
        if t.text in ACCENTS:
            return _Name(f"{inner.text}_{ACCENTS[t.text]}", inner.bold)
        return inner._replace(bold=True) if t.text in BOLD else _Name("cal" + inner.text)

    def named(self, nm: _Name, *, callable_: bool = False) -> tuple[sp.Basic, bool]:
        """A name with its subscripts, primes and call arguments."""
        if nm.text == "E" and not nm.bold and self.at("["):
            return self.operator("E", self.toks[self.i - 1]), False
        text, suffix, subscripted = nm.text, "", False
        indices: list[sp.Basic] = []
        while self.at("_", "'", "^"):
            t = self.take()
            if t.text == "'":
                text += "_prime"
            elif t.text == "_" and subscripted:
                raise self.error("double subscript", t)
            elif t.text == "_":
                values, suffix = self.subscript()
                indices, subscripted = indices + values, True
            elif not self.superscript(t, indices, subscripted):
                self.i -= 1
                break
        text += suffix
        if text in self.notation.matrices or nm.text in self.notation.matrices:
            base = text if text in self.notation.matrices else nm.text
            label = ",".join(str(x).replace(" ", "") for x in indices)
            return self.matrix(base, f"{text}_{label}" if indices else text), True
        if self.at("(") and (callable_ or nm.word or nm.text in CALLABLE
                             or nm.text in self.notation.functions):
            indices += self.group_list(self.take())
        if indices:
            return sp.Function(text, real=True)(*indices), nm.bold
        return self.symbol(text), nm.bold

    def superscript(self, caret: Tok, indices: list[sp.Basic], has_sub: bool) -> bool:
        """``W^{(l)}`` is an index and ``x^2_t`` is read as ``x_t^2``; False: a power."""
        end = group_end(self.toks, self.i)
        inner = self.toks[self.i : end]
        if len(inner) >= 4 and inner[1].text == "(" and inner[-2].text == ")":
            self.i += 1
            values = self.group_list(self.take())
            self.expect("}")
            indices[:0] = values
            self.indices.update(s.name for v in values for s in v.atoms(sp.Symbol))
            return True
        if end < len(self.toks) and self.toks[end].text == "_" and not has_sub:
            sub_end = group_end(self.toks, end + 1)
            self.toks[self.i - 1 : sub_end] = [*self.toks[end:sub_end], caret, *inner]
            self.i -= 1
            return True
        return False

    def subscript(self) -> tuple[list[sp.Basic], str]:
        """The indices of a subscript, or a name suffix for a text subscript."""
        end = group_end(self.toks, self.i)
        inner = [t for t in self.toks[self.i : end] if t.kind != "sym" or t.text not in ("{", "}")]
        if len(inner) == 1 and inner[0].kind == "raw":
            self.i = end
            return [], "_" + inner[0].arg
        if self.at("{") and len(inner) > 1 and all(t.kind == "letter" for t in inner):
            self.i = end
            values = [self.symbol(t.text) for t in inner]
        elif self.at("{"):
            values = self.group_list(self.take())
        else:
            values = [self.argument()]
        self.indices.update(s.name for v in values for s in v.atoms(sp.Symbol))
        return values, ""

    def symbol(self, name: str) -> sp.Symbol:
        return sp.Symbol(name, **_DOMAINS[self.notation.symbols.get(name, "real")])

    def matrix(self, base: str, name: str) -> sp.MatrixSymbol:
        shape = [sp.Symbol(d, integer=True, positive=True) if isinstance(d, str) else d
                 for d in self.notation.matrices[base]]
        return sp.MatrixSymbol(name, shape[0], shape[1] if len(shape) > 1 else 1)


_EMPTY = Notation()


def _fold(items: list[sp.Basic], build: Callable[..., sp.Basic], op: Callable[..., sp.Basic]
          ) -> sp.Basic:
    if len(items) == 1:
        return items[0]
    return reduce(op, items) if any(isinstance(v, sp.MatrixExpr) for v in items) else build(*items)


def _parse_tokens(toks: list[Tok], origin: Origin, notation: Notation) -> sp.Basic:
    return _Parser(toks, origin, notation).parse()


def parse_math(
    text: str,
    *,
    notation: Notation | None = None,
    source: str | None = None,
    line: int = 1,
    column: int = 1,
    indices: Iterable[str] = (),
) -> sp.Basic:
    r"""Parse one expression, or one relation ``a = b`` / ``a \le b`` (a sympy
    relational), from untrusted LaTeX. ``line`` and ``column`` locate the
    text in its file; ``indices`` are extra names read as integer indices.

    >>> parse_math(r"\mathbb{E}\left[(1-\beta) g_k\right]")
    E((1 - beta)*g(k))
    >>> parse_math(r"x^{10^{10}}", source="answer.tex", line=3, column=5)
    Traceback (most recent call last):
    ...
    symproofs.core.errors.InputError: answer.tex:3:6: exponent 10000000000 is too large (limit 1000)
    """
    note = _with_indices(notation or _EMPTY, indices)
    origin = Origin(text, source, line, column)
    parts = split_relations(prepare(origin, note))
    for rel, seg in parts:
        if not seg:
            raise origin.error("missing expression", rel.end if rel else 0)
    exprs = unify_indices(_parse_tokens(seg, origin, note) for _, seg in parts)
    if len(parts) == 1:
        return exprs[0]
    rel = parts[1][0]
    assert rel is not None
    build = {Relation.EQ: sp.Eq, Relation.LE: sp.Le, Relation.LT: sp.Lt, Relation.GE: sp.Ge,
             Relation.GT: sp.Gt}.get(_relation(rel.text))  # type: ignore[arg-type]
    if len(parts) > 2 or build is None:
        raise origin.error("expected one expression or one relation (=, <, \\le, ...); "
                           "use parse_relation_chain for chains", rel.start)
    try:
        return build(exprs[0], exprs[1], evaluate=False)
    except (TypeError, ValueError) as exc:
        raise origin.error(f"cannot compare these sides: {exc}", rel.start) from None


def parse_relation_chain(
    text: str,
    *,
    notation: Notation | None = None,
    source: str | None = None,
    line: int = 1,
    column: int = 1,
    indices: Iterable[str] = (),
) -> tuple[LineSource, ...]:
    r"""Split ``a = b \le c`` at its top-level relations and parse each side.

    A part that does not parse keeps its error; the others are still read. A
    text starting with a relation (``&= b``) gives a first part with that
    relation (a continuation of an earlier chain).

    >>> [(p.relation_text, p.column, p.expr) for p in parse_relation_chain(r"&= a \le 2a")]
    [('=', 4, a), ('\\le', 10, 2*a)]
    """
    note = _with_indices(notation or _EMPTY, indices)
    origin = Origin(text, source, line, column)
    try:
        parts = split_relations(prepare(origin, note))
    except InputError as exc:
        return (LineSource(line=line, column=column, relation=None, relation_text="",
                           text=text.strip()[:200], error=exc),)
    out: list[LineSource] = []
    for rel, seg in parts:
        if rel is None and not seg:
            continue
        at = seg[0].start if seg else (rel.end if rel else 0)
        row, col = origin.where(at)
        try:
            if not seg:
                raise origin.error("missing expression after the relation", at)
            expr, error = _parse_tokens(seg, origin, note), None
        except InputError as exc:
            expr, error = None, exc
        out.append(LineSource(
            line=row, column=col, relation=_relation(rel.text) if rel else None,
            relation_text=rel.text if rel else "", expr=expr, error=error,
            text=text[seg[0].start : seg[-1].end] if seg else "",
        ))
    exprs = unify_indices(p.expr for p in out if p.expr is not None)
    it = iter(exprs)
    return tuple(replace(p, expr=next(it)) if p.expr is not None else p for p in out)


def unify_indices(exprs: Iterable[sp.Basic]) -> tuple[sp.Basic, ...]:
    """Give a name that is an integer index in one expression the integer
    symbol in all of them (the sides of a chain share their indices).

    >>> a, b = unify_indices([parse_math("g_t"), parse_math("t")])
    >>> b.is_integer
    True
    """
    items = tuple(exprs)
    names = {s.name for e in items for s in e.atoms(sp.Symbol) if s.is_integer}
    mapping = {sp.Symbol(n, real=True): sp.Symbol(n, integer=True) for n in names}
    return tuple(e.xreplace(mapping) for e in items) if mapping else items


def _relation(spelling: str) -> Relation | None:
    if spelling.removeprefix("\\") in UNCHECKED_RELS or spelling == ":=":
        return None
    return Relation.parse(spelling)


def _with_indices(notation: Notation, indices: Iterable[str]) -> Notation:
    extra = frozenset(indices)
    return replace(notation, indices=notation.indices | extra) if extra else notation
