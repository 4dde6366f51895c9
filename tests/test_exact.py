"""Tests of :func:`symproofs.core.exact.constant_zero`: a constant is called
zero or nonzero only when that is proved, never by its form."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.exact import constant_zero

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(("d", "zero"), [
    pytest.param(sp.Integer(0), True, id="zero"),
    pytest.param(sp.Rational(-3, 7), False, id="rational"),
    pytest.param(sp.sin(1) ** 2 + sp.cos(1) ** 2 - 1, True, id="pythagoras"),
    pytest.param(sp.GoldenRatio**2 - sp.GoldenRatio - 1, True, id="golden-ratio"),
    pytest.param(sp.sqrt(2) + sp.sqrt(3) - sp.sqrt(5 + 2 * sp.sqrt(6)), True, id="nested-radical"),
    pytest.param(sp.log(4) / sp.log(2) - 2, True, id="logarithms"),
    pytest.param(sp.pi - sp.Rational(355, 113), False, id="close-rational"),
    pytest.param(sp.exp(sp.pi * sp.sqrt(163)) - 640320**3 - 744, False, id="almost-integer"),
    pytest.param(sp.sqrt(2) - sp.Rational(99, 70), False, id="algebraic-nonzero"),
    pytest.param(x - 1, None, id="symbolic"),
    pytest.param(sp.zoo, None, id="infinite"),
])
def test_a_constant_is_zero_or_not_only_when_proved(d: sp.Expr, zero: bool | None) -> None:
    assert constant_zero(d) is zero
