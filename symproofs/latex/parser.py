r"""Student LaTeX to sympy, safely: nothing a student writes is ever evaluated.

The text is lexed (:mod:`symproofs.latex.lexer`), macros from the
:class:`Notation` are expanded, delimiters and relations are normalised,
remarks and labels are set aside, the line is split at top-level relations,
and each part is read by a recursive-descent parser
(:mod:`symproofs.latex.grammar`, :mod:`symproofs.latex.calculus`) that builds
the sympy tree itself (no ``eval``, ``sympify`` or ``parse_latex``). A
hand-written parser is used rather than a grammar library because reading
LaTeX is context dependent (``|`` opens or closes, ``\sum`` takes the product
after it, ``f(x)`` is a call and ``a(b)`` a product) and because every
nesting level is counted: deep input is an :class:`InputError`, never a
``RecursionError``. Errors carry file positions. A student's own macros
(``\newcommand`` and the like) are expanded beforehand by
:func:`symproofs.latex.macros.expand_macros`.

Where a TA could read the text in two ways that disagree, the parser raises
:class:`AmbiguousReading` (an :class:`InputError` whose message starts with
"ambiguous reading:"); the grader reports the step *unknown*, never refuted.

LaTeX → sympy (``x`` a real symbol; ``u``, ``X`` declared vectors/matrices):

=====================================  ==============================================
``\frac{1}{2} x^2``, ``\sqrt{y}``      ``x**2/2``, ``sqrt(y)``
``\sqrt[3]{-8}`` (odd index)           ``real_root(-8, 3)`` = -2 (even: principal root)
``e^{x}``, ``\mathrm{e}``, ``\exp``    ``exp(x)``; ``e`` is Euler's number unless
                                       declared, subscripted (``e_i``) or a whole
                                       side of the chain (``e = y - x``)
``\log x``, ``\ln x``, ``\log_2 x``    ``log(x)`` (natural, or the base the text
                                       states: ``Notation.log_base``), ``log(x, 2)``
``\sin 2x``, ``\log 2\pi\sigma^2``     ``sin(2*x)``, ``log(2*pi*sigma**2)``: the factors
                                       that follow, up to ``+``/``-``, a relation, a
                                       bracket, ``\cdot``, a space or another function
``\sin^2 x``, ``\sin^{-1} x``          ``sin(x)**2``, ``asin(x)`` (also cos, tan, sec,
                                       csc, cot, hyperbolic; ``\exp^{-1}`` is log)
``\sec``, ``\csc``, ``\cot``           ``sec``, ``csc``, ``cot``
``\binom{n}{k}``, ``{n \choose k}``    ``binomial(n, k)``
``a != b``, ``\lbrack a \rbrack``      ``a \neq b`` (unchecked), ``[a]``
``g_{t-1}``, ``W_{ij}`` (undeclared)   ``g(t - 1)``, ``W(i, j)``; indices are integers
``d_{in}``, ``\lambda_{\max}``         ``d_in``, ``lambda_max``: a label, part of the name
                                       (:mod:`symproofs.latex.labels`)
``h^{(t-1)}``                          ``h(t - 1)`` when marked as a sequence (declared in
                                       ``Notation.sequences``/``matrices``/``functions``,
                                       its letters declared indices, ``h_t`` or another
                                       ``h^{(s)}`` in the chain, or ``sequences=``, which
                                       :func:`sequence_names` finds in a document);
                                       unmarked: ``(t)``, ``(t-1)``, ``(2)`` are
                                       ambiguous, ``x^{(a+b)}`` is ``x**(a + b)``
``\sigma(x)``, ``f(x)``, ``f_i(x)``    ``sigma(x)``, ``f(x)``, ``f(i, x)`` (applications)
``f(a+b)``, ``\ell(a+b)``              ambiguous unless ``f`` is declared a function
                                       (``f``, ``g``, ``F``, ``G``, ``\ell``); ``h``,
                                       ``L``, ``p``, ``q`` are applied to a plain name,
                                       else a product; other letters: a product
``\sigma^2(x)``, ``\sigma^{-1}(y)``    ``sigma(x)**2``, ``sigma_inv(y)``;
                                       ``\sigma^{-1}(\sigma(x))`` is ``x``
``f'(x)``, ``\sigma'(z)``, ``f''(x)``  ``Derivative(f(x), x)``, ``Derivative(sigma(z), z)``,
                                       ``Derivative(f(x), (x, 2))``; ``f'(h_t)`` is
                                       ``Derivative(f(h(t)), h(t))``; at any other
                                       expression ``Subs(Derivative(f(_x), _x), _x, 2*z)``
                                       (one Dummy ``_x`` for all); ``u'`` alone, or with
                                       ``u_prime`` declared, is the name ``u_prime``
``\frac{d}{dx}(...)``, ``\frac{dy}{dx}``  ``Derivative(..., x)`` (the operator takes the
                                       bracket or the factors after it)
``\frac{\partial L}{\partial u_i}``    ``Derivative(L, u(i))``; ``u[i-1, 0]`` if ``u`` is
                                       a declared vector
``\frac{\partial^2 f}{\partial x\partial y}``  ``Derivative(f, x, y)``
``\frac{\partial y}{\partial x}``      ``Derivative(y, x)``; by a declared vector ``x``:
                                       ``Jacobian(y, x)`` of a vector, ``Grad(y, x)``
                                       of a scalar (:mod:`symproofs.matrices.linalg`)
``\nabla_{u} f`` (u declared)          ``Grad(f, u)`` (``u`` a MatrixSymbol); a name
                                       with scripts: ``\nabla_{W^{(f)}} L`` is
                                       ``Derivative(L, W(f))``; a plain undeclared name:
                                       ``Symbol('grad_u_f')``
``\int_a^b f(x)\,dx``                  ``Integral(f(x), (x, a, b))``; ``\int_{\mathbb{R}}``
                                       is ``(x, -oo, oo)``; no limits: ``Integral(f, x)``
``\sum_{k=1}^{n}``, ``\prod``          ``Sum(body, (k, 1, n))``, ``Product``
``\sum_{k \ge t}``, ``\sum_t``         ``Sum(body, (k, t, k_hi))``, ``(t, t_lo, t_hi)``:
                                       unwritten bounds are integer symbols
                                       ``<k>_lo``/``<k>_hi``, or ``1`` and the dimension
                                       when the index addresses a matrix's entries
``\max_i x_i``, ``\min_x f``           ``IndexedMax(x(i), i)``, ``IndexedMin``
                                       (:mod:`symproofs.latex.vocabulary`, unevaluated)
``(M)_{ij}``, ``M_{ij}``, ``u_i``      ``M[i-1, j-1]`` (MatrixElement: students count
                                       from 1, sympy from 0), ``u[i-1, 0]``; a declared
                                       vector takes entries with ``i``, ``j``, ``k``; a
                                       number (``W_1``) or a sequence names a member
``(X^\top X)_{ij}``                    ``(X.T*X)[i-1, j-1]`` (unevaluated MatrixElement)
``(h_{t-1})_j`` (h undeclared)         ``h(t - 1, j)``
``\delta_{ij}``                        ``KroneckerDelta(i, j)``
``I``, ``I_d``, ``\mathbb{I}_d``       ``Identity(n)`` / ``Identity(d)`` when shapes are
                                       declared (bare ``I``: the one dimension in use)
``\mathbf{1}``, ``\mathbf{1}_n``       ``OneMatrix(n, 1)`` when shapes are declared; else
                                       1, or ambiguous next to bold names or transposes
``diag(v)``, ``\operatorname{diag}``   ``DiagMatrix(v)`` (``DiagonalMatrix`` of a matrix)
``X^\top``, ``X^T``                    ``X.T`` for a declared matrix; nothing on a declared
                                       scalar; ``x^T`` is the power when ``T`` is a
                                       variable; otherwise ambiguous
``\boxed{a}``                          ``a``
``\mathbb{E}[X]``, ``\operatorname{Var}``  ``E(X)``, ``Var(X)``, ``Cov(X, Y)``
``\mathbb{E}^2[X]``, ``\mathbb{E}_R[X]``  ``E(X)**2``; ``E(X)`` only where ``R`` is every random
                                       quantity the notation declares, else an error
                                       (:mod:`symproofs.latex.scripts`)
``a^{[l]}``, ``W^{[l]}_{ij}``          ``a(l)``, ``W(l, i, j)``: a layer index, never a power
``\mathbb{E}[h \mid a \ge 0]``         ``CondE(h, a >= 0)``
``\mathbb{P}(a \ge 0)``, ``\Pr[A|B]``  ``Prob(a >= 0)``, ``Prob(A, B)``
``X \perp Y``, ``\perp\!\!\!\perp``     ``Independent(X, Y)``: a declaration, not a value
``\|x\|``, ``|x|``                     ``norm(x)`` (``Abs`` for declared scalars), ``Abs``
=====================================  ==============================================

Other naming rules:

* Letters and Greek letters are ``Symbol(name, real=True)``: ``\varepsilon``
  is ``epsilon``, ``\ell`` is ``ell``; ``ab`` is ``a*b``. ``\pi`` is
  ``sympy.pi``, ``\infty`` is ``oo``.
* Bold is typographic except that it marks a vector. Accents are suffixes
  (``\hat{m}`` is ``m_hat``), ``\mathcal{L}`` is ``calL``; multi-letter names
  come from ``\mathrm``, ``\operatorname``, ``\text`` and similar.
* ``\Delta\theta_t`` is ``Delta_theta(t)``; ``\Delta\,\theta`` is a product.
* Every name used in an index, or as the variable or a bound of a
  ``\sum``/``\prod``, is ``Symbol(name, integer=True)`` in the whole chain,
  unless the notation declares it. A text subscript is part of the name.
* A declared matrix with a numeric subscript (``W_1``) is a member of a
  family of that shape.

Set aside: ``\label``, ``\tag``, ``\nonumber``, ``\displaystyle``, spacing,
``&``, trailing ``, . ; :``, and remarks (a ``\text`` group that is not a
name, ``\quad`` unless next to a relation or operator, ``\because``,
``\therefore``); after some mathematics a remark ends the row.

Not supported (an :class:`InputError`, verdict "unparsed"): limits,
ellipses, ``\pm``, ``\sum`` over a set, matrices written out, intervals and
sets, nested bare ``|..|`` (write ``\left|``), ``\circ``, and any command not
listed here. Numbers are exact (``0.9`` is ``9/10``); limits: 20000
characters per fragment, 50 nesting levels, 100 digits per literal, numeric
exponents up to 1000, 1000 digits per computed power.

>>> parse_math(r"\frac{1}{2} x^2 + \sqrt{y}")
x**2/2 + sqrt(y)
>>> parse_math(r"\sum_{k=1}^{t} \beta^{t-k} g_k")
Sum(beta**(-k + t)*g(k), (k, 1, t))
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.model import Relation
from symproofs.core.statements import RELATIONAL
from symproofs.latex.conventions import OTHER_BASES, same_in_every_base
from symproofs.latex.declarations import KNOWN_SECTIONS, Notation
from symproofs.latex.grammar import Parser
from symproofs.latex.lexer import prepare, scan, split_relations
from symproofs.latex.readings import applied_members
from symproofs.latex.tokens import GREEK, UNCHECKED_RELS, AmbiguousReading, Origin, Tok
from symproofs.probability.variables import Independent

__all__ = [
    "KNOWN_SECTIONS",
    "AmbiguousReading",
    "Condition",
    "LineSource",
    "Notation",
    "parse_math",
    "parse_relation_chain",
    "sequence_names",
    "unify_indices",
]
_EMPTY = Notation()
_PERP = ("perp", "independent", "indep", "bot")


class _Evidence:
    """What the whole chain shows: names used as sequences, letters used as
    variables, letters that are the whole first side (``e = y - x`` defines ``e``)."""

    def __init__(self, sequences: AbstractSet[str], variables: AbstractSet[str],
                 alone: AbstractSet[str] = frozenset(),
                 applied: AbstractSet[tuple[str, ...]] = frozenset()) -> None:
        self.sequences, self.variables, self.alone = sequences, variables, alone
        self.applied = applied


def _evidence(toks: list[Tok], declared: Iterable[str],
              parts: Sequence[tuple[Tok | None, list[Tok]]] = ()) -> _Evidence:
    """Names used as sequences (subscripted, or with two different index-like
    ``^{(...)}`` with a letter), and letters used as variables (not a
    superscript of their own, ``^T`` or ``^{T}``)."""
    variables = set()
    for k, t in enumerate(toks):
        prev = toks[k - 1].text if k else ""
        sole = k + 1 < len(toks) and toks[k + 1].text == "}"  # x^{T}; in x^{T-1} or ^{T+1} T is a variable
        if t.kind == "letter" and prev != "^" and not (prev == "{" and k > 1 and toks[k - 2].text == "^" and sole):
            variables.add(t.text)
    # e = y - x names e; a lone e, and one a chain arrives at (= \exp(1) = e), is Euler's number
    alone = {seg[0].text for _, seg in parts[:1] if len(seg) == 1 and seg[0].kind == "letter"
             and len(parts) > 1}
    return _Evidence(frozenset(declared) | _sequences(toks), frozenset(variables), frozenset(alone),
                     applied_members(toks))


def _sequences(toks: list[Tok], *, subscripts: bool = True) -> frozenset[str]:
    found: set[str] = set()
    supers: dict[str, set[str]] = {}
    for k, t in enumerate(toks[:-1]):
        if subscripts and t.kind in ("letter", "cmd") and toks[k + 1].text == "_" and (
                k + 2 >= len(toks) or toks[k + 2].kind != "raw"):
            found.add(GREEK.get(t.text, t.text))
        if t.text == "^" and k + 2 < len(toks) and toks[k + 1].text == "{" and toks[k + 2].text == "(":
            close = next((j for j in range(k + 2, len(toks)) if toks[j].text == "}"), len(toks))
            name = _base_before(toks, k)
            if name is not None and _index_like(toks[k + 3 : close - 1]):
                supers.setdefault(name, set()).add(" ".join(x.text for x in toks[k + 3 : close - 1]))
    return frozenset(found | {n for n, contents in supers.items() if len(contents) > 1})


def _base_before(toks: list[Tok], k: int) -> str | None:
    """The name a superscript at ``toks[k]`` belongs to, past a subscript and a
    wrapper (``\\boldsymbol{W}_{ij}^{(t)}`` belongs to ``W``)."""
    j = k - 1
    if j >= 1 and toks[j - 1].text == "_":
        j -= 2
    elif j >= 0 and toks[j].text == "}":
        opening = _opening(toks, j)
        if opening >= 1 and toks[opening - 1].text == "_":
            j = opening - 2
    if j >= 0 and toks[j].text == "}":
        opening = _opening(toks, j)
        names = [x for x in toks[opening + 1 : j] if x.kind == "letter" or x.text in GREEK]
        return GREEK.get(names[0].text, names[0].text) if len(names) == 1 else None
    if j >= 0 and (toks[j].kind == "letter" or (toks[j].kind == "cmd" and (toks[j].text in GREEK
                                                                           or toks[j].text == "pi"))):
        return GREEK.get(toks[j].text, toks[j].text)
    return None


def _opening(toks: list[Tok], j: int) -> int:
    depth = 0
    for m in range(j, -1, -1):
        depth += {"}": 1, "{": -1}.get(toks[m].text, 0) if toks[m].kind == "sym" else 0
        if depth == 0:
            return m
    return 0


def _index_like(content: Sequence[Tok]) -> bool:
    """``t``, ``l``, ``t-1``, ``t+1``: a letter, possibly shifted by an integer."""
    texts = [x.kind if x.kind in ("letter", "num") else x.text for x in content]
    return texts == ["letter"] or texts in (["letter", "+", "num"], ["letter", "-", "num"])


def sequence_names(text: str) -> frozenset[str]:
    r"""Names that a whole document uses as sequences: with two or more
    different index-like parenthesised superscripts (``h^{(t)}`` and
    ``h^{(t-1)}``). Pass them as ``sequences=`` so that ``h^{(t)}`` alone
    in a chain is a member, not a power. Never raises.

    >>> sorted(sequence_names(r"$h^{(t)} = W h^{(t-1)}$ and $x^{(2)} = x^{(3)}$"))
    ['h']
    """
    return _sequences(scan(text), subscripts=False)  # a subscript counts within its chain only


def _prepare(origin: Origin, notation: Notation) -> list[Tok]:
    return prepare(origin, macros=notation.macros, functions=notation.functions)


def _parse_tokens(toks: list[Tok], origin: Origin, notation: Notation, evidence: _Evidence
                  ) -> tuple[sp.Basic, tuple[sp.Basic, ...]]:
    """One side, and where it is defined when its value no longer says so (see
    :meth:`Reader.lost_domain`); ``X \\perp Y`` (top level) is the declaration
    ``Independent(X, Y)``."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for t in toks:
        depth += (t.kind == "sym" and t.text in ("(", "[", "{")) - (
            t.kind == "sym" and t.text in (")", "]", "}"))
        if t.kind == "cmd" and t.text in _PERP and depth == 0:
            if parts[-1]:  # \perp\!\!\!\perp is one symbol
                parts.append([])
        else:
            parts[-1].append(t)
    values = []
    domain: list[sp.Basic] = []
    for part in parts:
        if not part:
            raise origin.error("missing expression next to \\perp", toks[0].start if toks else 0)
        reader = Parser(part, origin, notation, sequences=evidence.sequences,
                        variables=evidence.variables, alone=evidence.alone, applied=evidence.applied)
        values.append(reader.parse())
        domain += reader.domain
    for value in values:  # e^{i\pi}, i^2: the imaginary unit, or a number named i that nothing declares
        if "i" not in notation.symbols and any(
                s.name == "i" and s.is_integer is not True
                for e in value.atoms(sp.exp, sp.Pow)
                for s in (e.args[0] if isinstance(e, sp.exp) else e.base).free_symbols if isinstance(s, sp.Symbol)):
            at = next((t.start for t in toks if t.kind == "letter" and t.text == "i"), 0)
            raise origin.ambiguous("i in an exponent or a power: the imaginary unit or a number i", at,
                                   ("imaginary unit", "a real number i"))
    return (values[0] if len(values) == 1 else Independent(*values)), tuple(domain)


@dataclass(frozen=True, kw_only=True)
class Condition:
    r"""A condition a row is stated under (``x^2 \ge x \quad\text{for all } x \ge 1``):
    its text and the relations it asserts, or ``None`` with why they could not be read."""

    text: str
    facts: tuple[sp.Basic, ...] | None
    error: str = ""
    #: given as a reason ("since", "because", "as"): a claim the row rests on, not a hypothesis it is stated under
    reason: bool = False


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
    condition: Condition | None = None  # the row's stated condition, for the step into this side
    #: where the side as written is defined, when its expression no longer says so (x - 1 \ne 0
    #: for \frac{(x-1)^2}{x-1}): a statement about the side holds only there
    domain: tuple[sp.Basic, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Unparsed because a TA could read it in two ways that disagree: the
        step is *unknown* ("ambiguous reading ..."), never refuted."""
        return isinstance(self.error, AmbiguousReading)

    @property
    def checkable(self) -> bool:
        """Parsed, and first side or joined by a relation that can be checked."""
        return self.error is None and (self.relation is not None or not self.relation_text)



def parse_math(
    text: str,
    *,
    notation: Notation | None = None,
    source: str | None = None,
    line: int = 1,
    column: int = 1,
    indices: Iterable[str] = (),
    sequences: Iterable[str] = (),
) -> sp.Basic:
    r"""Parse one expression, or one relation ``a = b`` / ``a \le b`` / ``a \neq b``
    (a sympy relational), from untrusted LaTeX. ``line`` and ``column`` locate the
    text in its file; ``indices`` are extra names read as integer indices;
    ``sequences`` are names the document uses as sequences (``h`` when it
    writes ``h_t``), so that ``h^{(t-1)}`` is a member, not a power. Raises
    :class:`InputError`, or :class:`AmbiguousReading` where a TA could read
    the text in two ways that disagree.

    >>> parse_math(r"\mathbb{E}\left[(1-\beta) g_k\right]")
    E((1 - beta)*g(k))
    >>> parse_math(r"x^{10^{10}}", source="answer.tex", line=3, column=5)
    Traceback (most recent call last):
    ...
    symproofs.core.errors.InputError: answer.tex:3:6: exponent 10000000000 is too large (limit 1000)
    """
    note = _with_indices(notation or _EMPTY, indices)
    origin = Origin(text, source, line, column)
    parts = split_relations(_prepare(origin, note))
    for rel, seg in parts:
        if not seg:
            raise origin.error("missing expression", rel.end if rel else 0)
    evidence = _evidence([t for _, seg in parts for t in seg], sequences, parts)
    exprs = unify_indices(_parse_tokens(seg, origin, note, evidence)[0] for _, seg in parts)
    if len(parts) == 1:
        return exprs[0]
    rel = parts[1][0]
    assert rel is not None
    build: type[sp.Rel] | None = RELATIONAL.get(_relation(rel.text))  # type: ignore[arg-type]
    if rel.text in ("\\neq", "\\ne"):
        build = sp.Ne
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
    sequences: Iterable[str] = (),
) -> tuple[LineSource, ...]:
    r"""Split ``a = b \le c`` at its top-level relations and parse each side.

    A part that does not parse keeps its error; the others are still read. A
    text starting with a relation (``&= b``) gives a first part with that
    relation (a continuation of an earlier chain).

    >>> [(p.relation_text, p.column, p.expr) for p in parse_relation_chain(r"&= a \le 2a")]
    [('=', 4, a), ('\\le', 10, 2*a)]

    Where ``\log`` is *ambiguous* (the text speaks of a base the reader
    cannot tell), a chain whose every side is the same in every base up to
    the factor ``1/ln b`` (``\log 8 = 3\log 2``) holds or fails alike in
    every base: it is read with the natural logarithm
    (:func:`~symproofs.latex.conventions.same_in_every_base`).
    """
    out = _relation_chain(text, notation, source, line, column, indices, sequences)
    note = notation or _EMPTY
    if "log" not in note.ambiguous or not any(p.ambiguous and "\\log:" in str(p.error) for p in out):
        return out
    readings = [_relation_chain(text, replace(note, ambiguous=note.ambiguous - {"log"}, log_base=base), source,
                                line, column, indices, sequences) for base in (None, *OTHER_BASES)]
    return readings[0] if same_in_every_base(readings) else out


def _relation_chain(text: str, notation: Notation | None, source: str | None, line: int, column: int,
                    indices: Iterable[str], sequences: Iterable[str]) -> tuple[LineSource, ...]:
    r""":func:`parse_relation_chain`, with ``\log`` read as the notation says."""
    note = _with_indices(notation or _EMPTY, indices)
    origin = Origin(text, source, line, column)
    try:
        parts = split_relations(_prepare(origin, note))
    except InputError as exc:
        return (LineSource(line=line, column=column, relation=None, relation_text="",
                           text=text.strip()[:200], error=exc),)
    out: list[LineSource] = []
    evidence = _evidence([t for _, seg in parts for t in seg], sequences, parts)
    for rel, seg in parts:
        if rel is None and not seg:
            continue
        at = seg[0].start if seg else (rel.end if rel else 0)
        row, col = origin.where(at)
        try:
            if not seg:
                raise origin.error("missing expression after the relation", at)
            (expr, domain), error = _parse_tokens(seg, origin, note, evidence), None
        except InputError as exc:
            expr, domain, error = None, (), exc
        out.append(LineSource(
            line=row, column=col, relation=_relation(rel.text) if rel else None,
            relation_text=rel.text if rel else "", expr=expr, error=error,
            text=text[seg[0].start : seg[-1].end] if seg else "", domain=domain,
        ))
    parsed = [p for p in out if p.expr is not None]
    exprs = unify_indices([*(p.expr for p in parsed), *(c for p in parsed for c in p.domain)])
    it, conditions = iter(exprs[:len(parsed)]), iter(exprs[len(parsed):])
    return tuple(replace(p, expr=next(it), domain=tuple(next(conditions) for _ in p.domain))
                 if p.expr is not None else p for p in out)


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
    """The relation checked between two sides; None for an unchecked one
    (``\\approx``, ``:=``, a question ``\\stackrel{?}{=}``, a requirement ``\\overset{!}{=}``)."""
    if spelling.removeprefix("\\") in UNCHECKED_RELS or spelling in (":=",) or spelling[:1] == "?" \
            or spelling.startswith(("\\not", "\\overset{!}")):
        return None
    return Relation.parse(spelling)


def _with_indices(notation: Notation, indices: Iterable[str]) -> Notation:
    extra = frozenset(indices)
    return replace(notation, indices=notation.indices | extra) if extra else notation
