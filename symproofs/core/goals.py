"""What the verifier checks: one step as a goal in its context.

A :class:`Goal` is ``lhs relation rhs`` with everything a strategy may use:
the assumptions (as :class:`~symproofs.core.facts.Facts`), the givens, the
lemmas, the domain algebras and the names the step cites. An
:class:`Outcome` is what a strategy concludes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symproofs.core.algebra import Algebra
from symproofs.core.facts import Facts
from symproofs.core.model import Given, Lemma, Relation, Side
from symproofs.core.results import Counterexample, Trust, Verdict

__all__ = ["Context", "Goal", "Outcome"]


@dataclass(frozen=True, kw_only=True)
class Context:
    facts: Facts
    givens: tuple[Given, ...] = ()
    lemmas: tuple[Lemma, ...] = ()
    algebras: tuple[Algebra, ...] = ()
    uses: tuple[str, ...] = ()
    seed: int = 0

    def cited_lemmas(self) -> tuple[Lemma, ...]:
        return tuple(lem for lem in self.lemmas if lem.name in self.uses)


@dataclass(frozen=True, kw_only=True)
class Goal:
    relation: Relation
    lhs: Side
    rhs: Side
    context: Context
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    verdict: Verdict
    method: str
    trust: Trust = Trust.SYMBOLIC
    residual: sp.Basic | None = None
    counterexample: Counterexample | None = None
    instances: str = ""
    message: str = ""
    extra: dict[str, object] = field(default_factory=dict)
