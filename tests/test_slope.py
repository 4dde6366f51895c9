"""The derivative of an elementwise function keeps a value at every point (:class:`symproofs.matrices.slope.Slope`)."""

from __future__ import annotations

import sympy as sp

from symproofs.matrices.linalg import derivative_of, elementwise

n = sp.Symbol("n", integer=True, positive=True)
sigma = sp.Function("sigma")
W, U = sp.MatrixSymbol("W", n, n), sp.MatrixSymbol("U", n, n)
x, h = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("h", n, 1)


def test_the_slope_at_an_entry_of_a_sum_is_the_derivative_there() -> None:
    # sigma'(W x + U h)_k: sympy's Lambda would differentiate by the sum itself and raise
    k = sp.Symbol("k", integer=True)
    value = elementwise(derivative_of(sigma), W * x + U * h)[k, 0]
    assert isinstance(value, sp.Subs)
    (var,) = value.variables
    assert value.expr == sp.Derivative(sigma(var), var)
    assert value.point[0].atoms(sp.Sum) and value.point[0].free_symbols == {W, U, x, h, k, n}


def test_the_slope_at_an_entry_of_a_name_is_unchanged() -> None:
    k = sp.Symbol("k", integer=True)
    value = elementwise(derivative_of(sigma), h)._entry(k, 0)
    assert value == sp.Derivative(sigma(h[k, 0]), h[k, 0])
