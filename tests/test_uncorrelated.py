"""Tests of what a step about functions of uncorrelated members needs (symproofs.grading.uncorrelated)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.uncorrelated import functions_of_uncorrelated, noted_needs
from symproofs.probability.laws import Generic
from symproofs.probability.space import ProbabilitySpace
from symproofs.probability.variables import E

j, m = sp.symbols("j m", integer=True)


def _space() -> ProbabilitySpace:
    space = ProbabilitySpace()
    space.family("a", Generic(mean=0, var=1, symmetric=True), members="uncorrelated")
    space.family("z", Generic(mean=0, var=1), members="iid")
    return space


SPACE = _space()
A, Z = SPACE.families["a"], SPACE.families["z"]


def test_the_moment_of_two_relus_of_uncorrelated_members_is_named() -> None:
    relus = E(sp.Max(0, A(j)) * sp.Max(0, A(m)))
    note = functions_of_uncorrelated(SPACE, 3 * relus - 1)
    assert note is not None and "uncorrelated only" in note and "Max(0, a(j))" in note


def test_what_uncorrelation_decides_needs_no_note() -> None:
    assert functions_of_uncorrelated(SPACE, E(A(j) * A(m)) + 1) is None  # the members themselves
    assert functions_of_uncorrelated(SPACE, E(sp.Max(0, A(j)) ** 2)) is None  # one member
    assert functions_of_uncorrelated(SPACE, E(sp.Max(0, Z(j)) * sp.Max(0, Z(m)))) is None  # independent


def test_an_unknown_step_says_it_and_a_refutation_is_left_alone() -> None:
    relus = E(sp.Max(0, A(j)) * sp.Max(0, A(m)))
    goal = Goal(relation=Relation.EQ, lhs=relus, rhs=sp.Integer(0), context=Context(facts=Facts(()), algebras=(SPACE,)))
    unknown = StepResult(
        verdict=Verdict.UNKNOWN, method="no strategy decided", trust=Trust.NONE, residual=relus, message="not proved"
    )
    said = noted_needs(unknown, goal, frozenset())
    assert said.verdict is Verdict.UNKNOWN and said.message.startswith("not proved; needs E(Max(0, a(j))")
    proved = StepResult(verdict=Verdict.PROVED, method="domain algebra normal form", trust=Trust.SYMBOLIC)
    assert noted_needs(proved, goal, frozenset()) == proved
