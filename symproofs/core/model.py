"""The derivation model: steps, chains, induction, derivations.

The statements they are made of (relations, sides, givens, lemmas) are in
:mod:`symproofs.core.statements` and importable from here too. Everything
here is an immutable value. A derivation is data; checking it is
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

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sympy as sp

from symproofs.core import reprs
from symproofs.core.errors import InputError
from symproofs.core.statements import (
    Given,
    Identically,
    Lemma,
    Relation,
    Side,
    _as_sympy,
    compose,
    conjuncts,
    ensure_sequence,
    flatten_side,
    free_symbols,
    symbols,
    within,
)

if TYPE_CHECKING:
    from symproofs.core.goals import Algebra

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
    "conjuncts",
    "ensure_sequence",
    "flatten_side",
    "free_symbols",
    "symbols",
    "within",
]


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

    def _repr_latex_(self) -> str | None:
        return reprs.show(self, "latex")

    def _repr_markdown_(self) -> str | None:
        return reprs.show(self, "markdown")

    def _repr_html_(self) -> str | None:
        return reprs.show(self, "html")

    @property
    def step_count(self) -> int:
        return sum(len(c.steps) for c in self.chains)

    def given(self, name: str) -> Given:
        for g in self.givens:
            if g.name == name:
                return g
        raise KeyError(name)
