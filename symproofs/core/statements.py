"""What a step states: relations, sides, givens and lemmas.

These are the statements a derivation is made of and a goal is checked in
(:mod:`symproofs.core.goals`); the derivation itself (steps, chains,
induction) is :mod:`symproofs.core.model`. Everything here is an immutable
value.

>>> a, b = symbols("a b")
>>> Relation.parse(r"\\le"), within(b, 0, 1)
(<Relation.LE: '<='>, (b > 0, b < 1))
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Union

import sympy as sp

from symproofs.core.errors import InputError

__all__ = [
    "RELATIONAL",
    "RELATION_OF",
    "Given",
    "Identically",
    "Lemma",
    "Relation",
    "Side",
    "compose",
    "compose_all",
    "conjuncts",
    "ensure_sequence",
    "flatten_side",
    "free_symbols",
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
    r"\leftrightarrow": Relation.IFF,
    r"\longleftrightarrow": Relation.IFF,
    "->": Relation.TENDS,
    r"\to": Relation.TENDS,
    r"\rightarrow": Relation.TENDS,
}

#: the sympy relational of each relation between two sides, and back
RELATIONAL: dict[Relation, type[sp.Rel]] = {Relation.EQ: sp.Eq, Relation.LE: sp.Le, Relation.LT: sp.Lt,
                                           Relation.GE: sp.Ge, Relation.GT: sp.Gt}
RELATION_OF: dict[type[sp.Basic], Relation] = {rel: relation for relation, rel in RELATIONAL.items()}

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


def compose_all(relations: Iterable[Relation | None]) -> Relation | None:
    """The relation between the ends of several steps, ``None`` where one is
    unknown or two do not compose.

    >>> compose_all([Relation.GT, Relation.EQ, Relation.GE])
    <Relation.GT: '>'>
    """
    out: Relation | None = Relation.EQ
    for r in relations:
        out = compose(out, r) if out is not None and r is not None else None
    return out


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


def conjuncts(side: Side) -> list[sp.Basic]:
    """The statements a side makes, a system and every conjunction in it
    taken apart (``(a = 1, b < 2 & c > 0)`` is three statements)."""
    out: list[sp.Basic] = []
    for part in flatten_side(side):
        out.extend(conjuncts(tuple(part.args)) if isinstance(part, sp.And) else [part])
    return out


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
