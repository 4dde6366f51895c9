"""Capture-avoiding substitution of definitions (symproofs.core.capture)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.capture import apart, bound_in, names_in, substituted
from symproofs.latex.vocabulary import IndexedMax

i, k, n = sp.symbols("i k n", integer=True)
x = sp.Symbol("x", real=True)
w = sp.Function("w", real=True)
J = sp.Symbol("J", real=True)


def test_a_definitions_sum_index_is_renamed_apart_from_a_derivatives_free_index() -> None:
    # J = sum_i w_i^2 put into dJ/dw_i: the sum's i is not the i of w_i
    d = substituted(sp.Derivative(J, w(i)), {J: sp.Sum(w(i) ** 2, (i, 1, n))})
    assert isinstance(d, sp.Derivative) and d.variables == (w(i),)
    ((var, lo, hi),) = d.expr.limits
    assert var != i and isinstance(var, sp.Dummy) and (lo, hi) == (1, n) and var.is_integer


def test_a_body_is_kept_where_nothing_would_be_captured() -> None:
    body = sp.Sum(w(i) ** 2, (i, 1, n))
    assert substituted(J + 1, {J: body}) == body + 1
    assert apart(body, {k}) is body


def test_every_kind_of_binder_is_renamed_and_its_bounds_stay_outside() -> None:
    body = sp.Integral(x * w(i), (x, 0, x)) + IndexedMax(w(i), i) + sp.Product(w(i), (i, 1, i))
    out = apart(body, {x, i})
    assert bound_in(out).isdisjoint({x, i})
    assert out.has(sp.Integral) and any(lim[2] == x for s in out.atoms(sp.Integral) for lim in s.limits)
    assert any(lim[2] == i for s in out.atoms(sp.Product) for lim in s.limits)  # the bound i is the outer one


def test_names_in_sees_the_index_of_a_derivatives_variable() -> None:
    assert i not in sp.Derivative(J, w(i)).free_symbols  # sympy leaves it out
    assert i in names_in(sp.Derivative(J, w(i)))


def test_two_sides_renamed_apart_still_compare_equal() -> None:
    body = sp.Sum(w(i) ** 2, (i, 1, n))
    assert substituted(J * w(i), {J: body}) == substituted(J * w(i), {J: body})
