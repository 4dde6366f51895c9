"""Tests of the context of one graded step (symproofs.grading.context)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Given
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.grading.context import _impossible_value, ranges_written, relevant_givens

t = sp.Symbol("t", integer=True)
k = sp.Symbol("k", integer=True)
x = sp.Symbol("x", real=True)


def test_a_written_range_is_not_reversed() -> None:
    s = sp.Sum(x**k, (k, 1, t)) + sp.Sum(x**k, (k, 1, t + 1))
    assert set(ranges_written([s])) == {sp.Ge(t, 0), sp.Ge(t + 1, 0)}
    assert ranges_written([sp.Sum(x**k, (k, 1, 5))]) == []  # numbers: nothing presumed
    assert ranges_written([sp.Sum(x**k, (k, 1, x))]) == []  # a real bound is rounded, not presumed


def test_only_the_definitions_a_step_reaches_are_kept() -> None:
    a, b, c = sp.symbols("a b c", real=True)
    defs = (Given(name="a", statement=sp.Eq(a, b + 1), text="a"),
            Given(name="b", statement=sp.Eq(b, 2), text="b"),
            Given(name="c", statement=sp.Eq(c, x), text="c"))
    assert [g.name for g in relevant_givens(defs, [a + x])] == ["a", "b"]  # c = x: x does not reach c
    assert relevant_givens(defs, [x]) == ()


def test_a_probability_outside_the_unit_interval_is_no_counterexample() -> None:
    prob = sp.Function("Prob")(sp.Gt(x, 0))
    for value, impossible in ((sp.Integer(2), True), (sp.Rational(1, 2), False)):
        cx = Counterexample(assignment=((prob, value),), lhs=sp.Integer(0), rhs=sp.Integer(1))
        result = StepResult(verdict=Verdict.REFUTED, method="probe", trust=Trust.NONE, counterexample=cx)
        assert bool(_impossible_value(result)) is impossible
