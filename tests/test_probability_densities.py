"""Integrals against the density of a random variable as expectations
(symproofs.probability.densities)."""

from __future__ import annotations

import sympy as sp

from symproofs.probability.densities import Density, as_expectations
from symproofs.probability.variables import E

X = sp.Symbol("X", real=True)
x = sp.Symbol("x", positive=True)


def test_an_integral_over_the_half_line_is_an_expectation_of_a_part() -> None:
    assert as_expectations(sp.Integral(x**2 * Density(X, x), (x, 0, sp.oo))) == E(sp.Max(0, X) ** 2)
    assert as_expectations(sp.Integral(x**2 * Density(X, -x), (x, 0, sp.oo))) == E(sp.Min(0, X) ** 2)


def test_a_sum_under_one_integral_is_split() -> None:
    both = sp.Integral(x**2 * (Density(X, x) + Density(X, -x)), (x, 0, sp.oo))
    assert as_expectations(both) == E(sp.Max(0, X) ** 2) + E(sp.Min(0, X) ** 2)


def test_an_integrand_that_is_not_zero_at_zero_is_kept() -> None:
    # the half where X <= 0 would count h(0) = 1 times P(X <= 0), which the rewrite does not know
    kept = sp.Integral(Density(X, x), (x, 0, sp.oo))
    assert as_expectations(kept) == kept
    other = sp.Integral(x * Density(X, x), (x, 1, sp.oo))  # not over the half-line
    assert as_expectations(other) == other
