"""Every refutation made outside the probe is re-checked as the probe's
are: the step evaluated afresh at the point, exactly; where the values
differ, the step holds there, or nothing can be decided, it is unknown."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal, Outcome
from symproofs.core.model import Relation as R
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.verifier.recheck import rechecked

x, y = sp.symbols("x y", real=True)
k = sp.Symbol("k", integer=True)


def _goal(rel: R, lhs: sp.Basic, rhs: sp.Basic) -> Goal:
    return Goal(relation=rel, lhs=lhs, rhs=rhs, context=Context(facts=Facts(), seed=1))


def _refuted(cx: Counterexample) -> Outcome:
    return Outcome(verdict=Verdict.REFUTED, method="some strategy", trust=Trust.NONE, counterexample=cx)


def test_a_counterexample_with_the_true_values_stands() -> None:
    goal = _goal(R.EQ, sp.Sum(k, (k, 1, x)), x**2 / 2)
    cx = Counterexample(assignment=((x, sp.Integer(2)),), lhs=sp.Integer(3), rhs=sp.Integer(2))
    assert rechecked(goal, _refuted(cx)).verdict is Verdict.REFUTED


def test_a_counterexample_with_other_values_is_unknown() -> None:
    goal = _goal(R.EQ, sp.Sum(k, (k, 1, x)), x**2 / 2)
    cx = Counterexample(assignment=((x, sp.Integer(2)),), lhs=sp.Integer(4), rhs=sp.Integer(2))
    out = rechecked(goal, _refuted(cx))
    assert out.verdict is Verdict.UNKNOWN and "other values" in out.message


def test_a_point_where_the_step_holds_refutes_nothing() -> None:
    goal = _goal(R.LE, x**2, x**2 + 1)
    cx = Counterexample(assignment=((x, sp.Integer(0)),), lhs=sp.Integer(0), rhs=sp.Integer(1))
    assert rechecked(goal, _refuted(cx)).verdict is Verdict.UNKNOWN


def test_a_point_that_leaves_a_symbol_free_decides_nothing() -> None:
    goal = _goal(R.EQ, x + y, sp.Integer(0))
    cx = Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.Integer(1), rhs=sp.Integer(0))
    out = rechecked(goal, _refuted(cx))
    assert out.verdict is Verdict.UNKNOWN and "cannot decide" in out.message


def test_an_undefined_side_is_no_counterexample() -> None:
    goal = _goal(R.EQ, sp.sign(x) / x, 1 / sp.Abs(x))
    cx = Counterexample(assignment=((x, sp.Integer(0)),), lhs=sp.Integer(0), rhs=sp.Integer(1))
    assert rechecked(goal, _refuted(cx)).verdict is Verdict.UNKNOWN


def test_statements_are_decided_at_the_point() -> None:
    goal = _goal(R.IMPLIES, sp.Gt(x**2, 4), sp.Gt(x, 2))
    good = Counterexample(assignment=((x, sp.Integer(-3)),), lhs=sp.true, rhs=sp.false)
    assert rechecked(goal, _refuted(good)).verdict is Verdict.REFUTED
    bad = Counterexample(assignment=((x, sp.Integer(3)),), lhs=sp.true, rhs=sp.false)  # x = 3: both hold
    assert rechecked(goal, _refuted(bad)).verdict is Verdict.UNKNOWN
    true_iff = _goal(R.IFF, sp.Ge(x, 0), sp.Ge(x**3, 0))
    claimed = Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.true, rhs=sp.false)
    assert rechecked(true_iff, _refuted(claimed)).verdict is Verdict.UNKNOWN


def test_a_series_is_rechecked_in_closed_form_confirmed_numerically() -> None:
    basel = sp.Sum(1 / k**2, (k, 1, sp.oo))
    goal = _goal(R.EQ, basel, sp.Integer(2))
    right = Counterexample(assignment=(), lhs=sp.pi**2 / 6, rhs=sp.Integer(2))
    assert rechecked(goal, _refuted(right)).verdict is Verdict.REFUTED
    wrong = Counterexample(assignment=(), lhs=sp.Integer(1), rhs=sp.Integer(2))
    assert rechecked(goal, _refuted(wrong)).verdict is Verdict.UNKNOWN


def test_a_side_stated_where_it_is_defined_is_decided_at_the_point() -> None:
    """``(x-1)^2/(x-1) = 0`` as written holds only where ``x - 1 != 0``: at
    x = 1 that side is false and ``x = 1`` true, so the equivalence fails there."""
    goal = _goal(R.IFF, sp.And(sp.Eq(x - 1, 0), sp.Ne(x - 1, 0)), sp.Eq(x, 1))
    at_one = Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.false, rhs=sp.true)
    assert rechecked(goal, _refuted(at_one)).verdict is Verdict.REFUTED
    at_two = Counterexample(assignment=((x, sp.Integer(2)),), lhs=sp.false, rhs=sp.true)  # both false there
    assert rechecked(goal, _refuted(at_two)).verdict is Verdict.UNKNOWN
