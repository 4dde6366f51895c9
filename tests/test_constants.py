"""Steps between numbers written with sums, products and integrals are decided by the sides' exact values."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.constants import closed_values
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.strategies import State

k = sp.Symbol("k", integer=True)
x = sp.Symbol("x", real=True)
BASEL = sp.Sum(1 / k**2, (k, 1, sp.oo))


@pytest.mark.parametrize(("lhs", "rhs", "relation", "values"), [
    (BASEL, sp.pi**2 / 8, R.EQ, (sp.pi**2 / 6, sp.pi**2 / 8)),
    (BASEL, sp.Rational(3, 2), R.LE, (sp.pi**2 / 6, sp.Rational(3, 2))),
    (BASEL, sp.Integer(2), R.GT, (sp.pi**2 / 6, 2)),
    (sp.Sum((-1) ** k / (2 * k + 1), (k, 0, sp.oo)), sp.pi / 3, R.EQ, (sp.pi / 4, sp.pi / 3)),
    (sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo)), sp.Integer(2), R.EQ, (sp.sqrt(sp.pi), 2)),
], ids=["basel-eq", "basel-le", "basel-gt", "leibniz", "gaussian"])
def test_a_false_step_between_closed_numbers_is_refuted_with_both_values(
        make_goal, lhs: sp.Expr, rhs: sp.Expr, relation: R, values: tuple[sp.Expr, sp.Expr]) -> None:
    res = check_goal(make_goal(lhs, rhs, relation))
    assert res.verdict is Verdict.REFUTED, res.message
    assert res.counterexample is not None and res.counterexample.assignment == ()
    assert sp.simplify(res.counterexample.lhs - values[0]) == 0 and sp.simplify(res.counterexample.rhs - values[1]) == 0


@pytest.mark.parametrize(("lhs", "rhs", "relation"), [
    (BASEL, sp.pi**2 / 6, R.EQ), (BASEL, sp.Rational(3, 2), R.GE), (BASEL, sp.Integer(2), R.LT),
], ids=["basel", "basel-ge", "basel-lt"])
def test_a_true_step_between_closed_numbers_is_never_refuted(make_goal, lhs: sp.Expr, rhs: sp.Expr,
                                                             relation: R) -> None:
    assert check_goal(make_goal(lhs, rhs, relation)).verdict is Verdict.PROVED


def test_what_is_not_confirmed_numerically_or_has_names_decides_nothing(make_goal) -> None:
    # an infinite product sympy evaluates but does not sum numerically; a step with a name is the probe's
    product = sp.Product(1 - 1 / k**2, (k, 2, sp.oo))
    assert closed_values(make_goal(product, sp.Integer(1), R.EQ), State(diff=product - 1)) is None
    named = sp.Sum(x / k**2, (k, 1, sp.oo))
    assert closed_values(make_goal(named, x, R.EQ), State(diff=named - x)) is None
    # a divergent series has no value: nothing is refuted by it
    harmonic = sp.Sum(1 / k, (k, 1, sp.oo))
    assert closed_values(make_goal(harmonic, sp.Integer(2), R.EQ), State(diff=harmonic - 2)) is None
