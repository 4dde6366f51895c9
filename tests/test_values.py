"""Exact values at a point: a relation fails only when that is decided exactly
(or with a margin far above the working precision), never on a value that is
undefined, infinite, not real or too close to call."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.verifier.values import Undecided, admissible, agree, exactly_zero, fails


@pytest.mark.parametrize(("value", "zero"), [
    pytest.param(sp.sqrt(2) * sp.sqrt(8) - 4, True, id="algebraic-zero"),
    pytest.param(sp.sqrt(2) - sp.Rational(str(sp.N(sp.sqrt(2), 40))), False, id="close-but-not-zero"),
    pytest.param(sp.S.Zero, True, id="zero"),
])
def test_premises_hold_only_exactly(value: sp.Expr, zero: bool) -> None:
    assert exactly_zero(value) is zero


@pytest.mark.parametrize(("a", "b", "kind", "failed"), [
    (sp.Integer(1), sp.Integer(2), "eq", True),
    (sp.sqrt(2), sp.Rational(141, 100), "le", True),    # sqrt(2) > 1.41
    (sp.sqrt(2), sp.Rational(142, 100), "le", False),
    (sp.Integer(2), sp.Integer(2), "lt", True),
    (sp.pi, sp.pi, "eq", False),
])
def test_a_relation_between_exact_values(a: sp.Expr, b: sp.Expr, kind: str, failed: bool) -> None:
    assert fails(a, b, kind) is failed


@pytest.mark.parametrize("value", [
    sp.nan, sp.zoo, sp.oo,
    sp.Pow(-8, sp.Rational(1, 3)),       # the principal root: not real
    sp.I + 1,
    sp.sqrt(2) - sp.Rational(str(sp.N(sp.sqrt(2), 60))),  # 0 within the working precision
])
def test_what_is_not_a_finite_real_number_decides_nothing(value: sp.Expr) -> None:
    with pytest.raises(Undecided):
        fails(value, sp.S.Zero, "le")
    if value.is_finite and not value.is_real:
        with pytest.raises(Undecided):
            fails(value, sp.Integer(-2), "eq")  # for equations too


def test_a_value_keeps_every_assumption_of_what_it_stands_for() -> None:
    n = sp.Symbol("n", odd=True)
    assert admissible(n, sp.Integer(3)) and not admissible(n, sp.Integer(4))
    assert not admissible(sp.Symbol("y", integer=False), sp.Integer(2))
    f = sp.Function("f", positive=True)
    assert admissible(f(1), sp.Rational(1, 2)) and not admissible(f(1), sp.Integer(-1))


def test_a_derivative_left_unevaluated_at_a_point_has_no_value() -> None:
    # evalf differentiated it numerically, through every undefined function: 27 s for one step
    f = sp.Function("ell", real=True)
    x = sp.Symbol("x", real=True)
    at_two = sp.Subs(sp.Derivative(f(x), (x, 2)), x, 2).doit()
    with pytest.raises(Undecided, match="derivative"):
        fails(at_two, sp.Rational(-3, 4), "eq")


@pytest.mark.parametrize(("a", "b", "same"), [
    pytest.param(sp.Integer(2), sp.Integer(2), True, id="equal"),
    pytest.param(sp.sqrt(8), 2 * sp.sqrt(2), True, id="algebraic"),
    pytest.param(sp.log(6), sp.log(2) + sp.log(3), True, id="transcendental"),
    pytest.param(sp.Integer(2), sp.Integer(1), False, id="different"),
    pytest.param(sp.zoo, sp.zoo, False, id="undefined"),
    pytest.param(sp.I, sp.I, False, id="not-real"),
])
def test_a_value_found_twice_agrees_only_with_itself(a: sp.Expr, b: sp.Expr, same: bool) -> None:
    assert agree(a, b) is same
