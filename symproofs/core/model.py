"""The derivation model: relations, steps, chains, givens, lemmas, derivations.

Everything here is an immutable value. A derivation is data; checking it is
the verifier's job (:mod:`symproofs.verifier.pipeline`).

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> d = Derivation(id="square", title="A square", question="Q0.1",
...     chains=(Chain(start=(x + 1)**2, steps=(
...         Step(Relation.EQ, x**2 + 2*x + 1, "expand the square"),)),))
>>> d.chains[0].end
x**2 + 2*x + 1
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

import sympy as sp

from symproofs.core.errors import InputError

if TYPE_CHECKING:
    from symproofs.core.algebra import Algebra

__all__ = [
    "Chain",
    "Derivation",
    "Given",
    "Identically",
    "Induction",
    "Lemma",
    "Relation",
    "Side",
    "Step",
    "compose",
    "symbols",
    "within",
]

#: What a step's new side may be: an expression, a relation between two
#: expressions (an equation or inequality), or a system of them.
Side = Union[sp.Basic, "Identically", tuple[sp.Basic, ...]]


class Relation(enum.Enum):
    """The relation a step claims between the previous side and its own."""

    EQ = "="
    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"
    IMPLIES = "=>"
    IFF = "<=>"
    TENDS = "->"

    @property
    def latex(self) -> str:
        return _LATEX[self]

    @property
    def is_order(self) -> bool:
        return self in (Relation.LE, Relation.LT, Relation.GE, Relation.GT)

    @property
    def is_logical(self) -> bool:
        return self in (Relation.IMPLIES, Relation.IFF)

    @classmethod
    def parse(cls, text: str) -> Relation:
        """Read a relation from its ASCII or LaTeX spelling.

        >>> Relation.parse(r"\\le")
        <Relation.LE: '<='>
        """
        key = text.strip()
        try:
            return _SPELLINGS[key]
        except KeyError:
            raise InputError(f"unknown relation {text!r}") from None


_LATEX = {
    Relation.EQ: "=",
    Relation.LE: r"\le",
    Relation.LT: "<",
    Relation.GE: r"\ge",
    Relation.GT: ">",
    Relation.IMPLIES: r"\implies",
    Relation.IFF: r"\iff",
    Relation.TENDS: r"\to",
}

_SPELLINGS: dict[str, Relation] = {
    "=": Relation.EQ,
    "==": Relation.EQ,
    "<=": Relation.LE,
    r"\le": Relation.LE,
    r"\leq": Relation.LE,
    r"\leqslant": Relation.LE,
    "<": Relation.LT,
    r"\lt": Relation.LT,
    ">=": Relation.GE,
    r"\ge": Relation.GE,
    r"\geq": Relation.GE,
    r"\geqslant": Relation.GE,
    ">": Relation.GT,
    r"\gt": Relation.GT,
    "=>": Relation.IMPLIES,
    r"\implies": Relation.IMPLIES,
    r"\Rightarrow": Relation.IMPLIES,
    r"\Longrightarrow": Relation.IMPLIES,
    "<=>": Relation.IFF,
    r"\iff": Relation.IFF,
    r"\Leftrightarrow": Relation.IFF,
    r"\Longleftrightarrow": Relation.IFF,
    "->": Relation.TENDS,
    r"\to": Relation.TENDS,
    r"\rightarrow": Relation.TENDS,
}

_UP = {Relation.LE, Relation.LT}
_DOWN = {Relation.GE, Relation.GT}


def compose(first: Relation, second: Relation) -> Relation | None:
    """The relation between a chain's start and end after two steps.

    ``=`` is neutral; ``<=`` then ``<`` is ``<``; ``=>`` then ``<=>`` is
    ``=>``. Returns ``None`` when the two do not compose (``<=`` then ``>=``).

    >>> compose(Relation.EQ, Relation.LE)
    <Relation.LE: '<='>
    >>> compose(Relation.LE, Relation.GE) is None
    True
    """
    if first is Relation.EQ:
        return second
    if second is Relation.EQ:
        return first
    if first is Relation.TENDS or second is Relation.TENDS:
        return None
    for family, strict in ((_UP, Relation.LT), (_DOWN, Relation.GT)):
        if first in family and second in family:
            return strict if strict in (first, second) else first
    if first.is_logical and second.is_logical:
        if first is Relation.IFF and second is Relation.IFF:
            return Relation.IFF
        return Relation.IMPLIES
    return None


@dataclass(frozen=True)
class Step:
    """One line of a chain: ``relation`` to the previous side, the new side,
    and the justification in words.

    ``uses`` names the givens and lemmas the step relies on; they are
    rendered with the justification, and a step that cites a lemma is checked
    as an instance of it.
    """

    relation: Relation
    expr: Side
    why: str
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.relation, Relation):
            raise InputError(f"step relation must be a Relation, not {self.relation!r}")
        if not self.why.strip():
            raise InputError("every step needs a justification")
        if isinstance(self.uses, str):
            raise InputError("Step.uses must be a tuple of names, not a string")
        object.__setattr__(self, "expr", _as_sympy(self.expr))


@dataclass(frozen=True, kw_only=True)
class Chain:
    """A start side followed by steps. ``label`` names it (``"base case"``)."""

    start: Side
    steps: tuple[Step, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if not self.steps:
            raise InputError("a chain needs at least one step")
        object.__setattr__(self, "start", _as_sympy(self.start))

    @property
    def end(self) -> Side:
        return self.steps[-1].expr

    def sides(self) -> Iterator[tuple[Side, Step]]:
        """Pairs (previous side, step) in order."""
        prev = self.start
        for step in self.steps:
            yield prev, step
            prev = step.expr

    @property
    def relation(self) -> Relation | None:
        """The composed relation between start and end (``None`` if broken)."""
        rel: Relation | None = Relation.EQ
        for step in self.steps:
            if rel is None:
                return None
            rel = compose(rel, step.relation)
        return rel


@dataclass(frozen=True, kw_only=True)
class Given:
    """A hypothesis or definition that steps may use as a rewrite rule.

    ``statement`` is an equation (or a relation) between sympy expressions.
    With ``index`` set, it is a family valid for every integer value of the
    index at least ``valid_from`` and at most ``valid_to``: a recurrence
    such as ``v(k) = beta*v(k-1) + (1-beta)*g(k)`` for ``k >= 1``, or a
    backward one ``h(k) = f(h(k+1))`` for ``k <= T`` from ``h(T+1)``.
    """

    name: str
    statement: sp.Basic
    index: sp.Symbol | None = None
    valid_from: sp.Expr | int | None = None
    valid_to: sp.Expr | int | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.statement, sp.Basic) or not isinstance(
            self.statement, (sp.Rel, sp.logic.boolalg.Boolean)
        ):
            raise InputError(f"given {self.name!r}: statement must be a sympy relation")
        for bound in ("valid_from", "valid_to"):
            if getattr(self, bound) is not None:
                object.__setattr__(self, bound, _as_sympy(getattr(self, bound)))

    def covers(self, index: sp.Expr, nonnegative: Callable[[sp.Expr], bool | None]) -> bool:
        """Whether the family speaks of ``index``: provably at least
        ``valid_from`` and at most ``valid_to``, with ``nonnegative``
        deciding the sign of a difference."""
        return all(
            nonnegative(sp.expand(high - low)) is True
            for low, high in ((self.valid_from, index), (index, self.valid_to))
            if low is not None and high is not None
        )


@dataclass(frozen=True, kw_only=True)
class Lemma:
    """A named fact with universally quantified ``variables``.

    A step citing it is checked to be an instance: the step's relation
    matched against ``statement`` with the variables as pattern, and every
    hypothesis proved for the match. ``proved_by`` names the derivation that
    proves it in the library; a lemma without one is cited, and steps using
    it are trusted as given.
    """

    name: str
    statement: sp.Basic
    variables: tuple[sp.Basic, ...]
    hypotheses: tuple[sp.Basic, ...] = ()
    proved_by: str | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class Induction:
    """Marks a derivation as a proof by induction on ``variable`` from ``start``.

    The derivation's ``claim`` is ``P(variable)``. Its first chain must prove
    ``P(start)``; its second proves ``P(variable + 1)`` and may use the
    hypothesis ``P(variable)`` under the name ``hypothesis``.
    """

    variable: sp.Symbol
    start: sp.Expr | int = 0
    hypothesis: str = "IH"

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _as_sympy(self.start))


@dataclass(frozen=True, kw_only=True)
class Derivation:
    """A named, checkable derivation: one or more chains, with their context.

    ``assumptions`` are sympy relations on the symbols beyond what the
    symbols' own assumptions say (``beta < 1``). ``algebras`` supply domain
    knowledge (random variables, matrix shapes). ``claim`` is what the
    derivation concludes; when given it is checked against the chains.
    ``text`` is prose rendered with the derivation.
    """

    id: str
    title: str
    question: str
    chains: tuple[Chain, ...]
    assumptions: tuple[sp.Basic, ...] = ()
    givens: tuple[Given, ...] = ()
    lemmas: tuple[Lemma, ...] = ()
    algebras: tuple[Algebra, ...] = ()
    claim: sp.Basic | None = None
    induction: Induction | None = None
    setting: str = ""
    text: str = ""
    provides: tuple[Lemma, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.id or not self.id.replace("-", "").replace("_", "").replace(".", "").isalnum():
            raise InputError(f"derivation id {self.id!r}: use letters, digits, '-', '_' or '.'")
        if not self.chains:
            raise InputError(f"derivation {self.id!r}: needs at least one chain")
        if self.induction is not None:
            if len(self.chains) != 2:
                raise InputError(
                    f"derivation {self.id!r}: an induction has exactly two chains "
                    "(base case, then induction step)"
                )
            if self.claim is None:
                raise InputError(f"derivation {self.id!r}: an induction needs a claim P(t)")
        if self.claim is not None and self.claim in (sp.true, sp.false):
            raise InputError(
                f"derivation {self.id!r}: the claim evaluated to {self.claim}; "
                "build it with evaluate=False or with symbols"
            )
        names = [g.name for g in self.givens] + [lem.name for lem in self.lemmas]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise InputError(f"derivation {self.id!r}: duplicate given/lemma names {sorted(dup)}")
        known = set(names)
        if self.induction is not None:
            known.add(self.induction.hypothesis)
        for ci, chain in enumerate(self.chains):
            for si, step in enumerate(chain.steps):
                missing = [u for u in step.uses if u not in known]
                if missing:
                    raise InputError(
                        f"derivation {self.id!r}, chain {ci + 1}, step {si + 1}: "
                        f"cites unknown given or lemma {missing[0]!r}; declare it in "
                        "givens= or lemmas="
                    )

    def _repr_latex_(self) -> str:
        from symproofs.render.document import derivation_repr_latex

        return derivation_repr_latex(self)

    def _repr_markdown_(self) -> str:
        from symproofs.render.document import derivation_repr_markdown

        return derivation_repr_markdown(self)

    def _repr_html_(self) -> str:
        from symproofs.render.html_repr import derivation_repr_html

        return derivation_repr_html(self)

    @property
    def step_count(self) -> int:
        return sum(len(c.steps) for c in self.chains)

    def given(self, name: str) -> Given:
        for g in self.givens:
            if g.name == name:
                return g
        raise KeyError(name)


def symbols(names: str, **assumptions: Any) -> Any:
    """Like :func:`sympy.symbols`, but real unless told otherwise.

    >>> a, b = symbols("a b")
    >>> a.is_real
    True
    """
    assumptions.setdefault("real", True)
    return sp.symbols(names, **assumptions)


def within(
    symbol: sp.Expr, low: Any = None, high: Any = None, *, closed: bool = False
) -> tuple[sp.Basic, ...]:
    """Interval constraints on ``symbol`` as a tuple of relations.

    >>> b = symbols("beta")
    >>> within(b, 0, 1)
    (beta > 0, beta < 1)
    """
    out: list[sp.Basic] = []
    if low is not None:
        out.append(sp.Ge(symbol, low) if closed else sp.Gt(symbol, low))
    if high is not None:
        out.append(sp.Le(symbol, high) if closed else sp.Lt(symbol, high))
    return tuple(out)


def _as_sympy(value: Any) -> Any:
    """Python numbers as exact sympy numbers (``1`` becomes ``Integer(1)``)."""
    if isinstance(value, bool):
        raise InputError("a side must be an expression, not a bool")
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, float):
        raise InputError(f"a side must be exact: write sympy.Rational instead of the float {value!r}")
    return value


def flatten_side(side: Side) -> tuple[sp.Basic, ...]:
    """A side as a tuple of sympy objects (a system stays a tuple)."""
    if isinstance(side, tuple):
        return side
    return (side,)


def free_symbols(items: Iterable[Side]) -> set[sp.Basic]:
    out: set[sp.Basic] = set()
    for item in items:
        for part in flatten_side(item):
            out |= part.free_symbols
    return out


def ensure_sequence(value: Sequence[Any] | Any) -> tuple[Any, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


@dataclass(frozen=True)
class Identically:
    """``equation`` holds for all values of ``variables`` (an identity in
    them, as in comparing coefficients).

    >>> a, b, x = symbols("a b x")
    >>> Identically(sp.Eq(a*x, b*x), (x,)).variables
    (x,)
    """

    equation: sp.Basic
    variables: tuple[sp.Symbol, ...]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return set(self.equation.free_symbols) - set(self.variables)
