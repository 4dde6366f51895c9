"""The memos of pure computations: the result is the computation's, for
equal expressions only, and an exception is not remembered."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.verifier.memo import finite, simplified
from symproofs.verifier.points import expand_finite
from symproofs.verifier.values import Undecided

x = sp.Symbol("x", real=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True)


@pytest.mark.parametrize("e", [
    pytest.param(sp.sin(x) ** 2 + sp.cos(x) ** 2, id="trigonometric"),
    pytest.param((x**2 - 1) / (x - 1), id="rational"),
    pytest.param(sp.Float("0.5", 30) * x + x / 2, id="float of another precision"),
])
def test_simplified_is_simplify(e: sp.Basic) -> None:
    assert simplified(e) == sp.simplify(e)
    hits = simplified.cache_info().hits
    assert simplified(e) == sp.simplify(e) and simplified.cache_info().hits == hits + 1


def test_equal_looking_expressions_are_not_confused() -> None:
    xr = sp.Symbol("x")  # no assumption: sqrt(x**2) is not |x|
    assert simplified(sp.sqrt(x**2)) == sp.Abs(x)
    assert simplified(sp.sqrt(xr**2)) == sp.sqrt(xr**2)
    low, high = simplified(sp.Float("0.1", 15) * x), simplified(sp.Float("0.1", 30) * x)
    assert low.as_coeff_Mul()[0]._prec != high.as_coeff_Mul()[0]._prec  # each its own precision


def test_finite_is_expand_finite() -> None:
    e = sp.Sum(k**2, (k, 1, 4)) + sp.Integral(x, (x, 0, 2))
    assert finite(e) == expand_finite(e) == 32


def test_an_exception_is_not_remembered() -> None:
    e = sp.Sum(k, (k, 1, n))  # bounds not concrete
    for _ in range(2):
        with pytest.raises(Undecided):
            finite(e)
