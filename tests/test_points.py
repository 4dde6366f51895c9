"""A point put into expressions: bound variables stay bound, givens speak of
the point's applications, finite sums are written out, kinks have no slope."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Given
from symproofs.verifier.points import at_point, expand_finite, givens_at
from symproofs.verifier.values import Undecided

x = sp.Symbol("x", real=True)
t, k, n = sp.symbols("t k n", integer=True)
g = sp.Function("g", real=True)


def test_a_point_leaves_a_sums_own_variable_bound() -> None:
    e = sp.Sum(k * x, (k, 1, n))
    assert expand_finite(at_point(e, {k: sp.Integer(7), x: sp.Integer(2), n: sp.Integer(3)})) == 12


def test_a_point_put_in_structurally_is_what_subs_gives() -> None:
    f = sp.Function("f")
    m, j = sp.symbols("m j", integer=True)
    cases = [
        (sp.Sum(f(k) * x, (k, 1, n)) + sp.Product(k + x, (k, 1, n)), {x: sp.Integer(2), n: sp.Integer(3)}),
        (sp.Sum(sp.Sum(k * j, (j, 1, k)), (k, 1, n)) * x, {n: sp.Integer(4), x: sp.Rational(1, 2)}),
        # a bound variable among the values, or a value that speaks of one: subs's way
        (sp.Sum(k * x, (k, 1, n)) + k, {k: sp.Integer(7), x: sp.Integer(2), n: sp.Integer(3)}),
        (sp.Sum(k * x, (k, 1, n)), {x: k + m, n: sp.Integer(2)}),
        (sp.Integral(x * t, (x, 0, 1)) + sp.Sum(k, (k, 1, t)), {t: sp.Integer(3), x: sp.Integer(5)}),
    ]
    for e, values in cases:
        assert at_point(e, values) == e.subs(values, simultaneous=True)
    # the fast path keeps a sum's own variable bound where it is also drawn
    assert expand_finite(at_point(cases[2][0], cases[2][1])) == 12 + 7


def test_a_point_leaves_a_limits_own_variable_bound() -> None:
    i, a = sp.Symbol("i", integer=True), sp.Symbol("a")
    lim = sp.Limit(sp.Sum(a / n, (i, 1, n)), n, sp.oo)
    # n is drawn for a fact about it elsewhere: inside the limit it stays the limit's own
    assert at_point(lim + n, {n: sp.Integer(2), a: sp.Integer(3)}) == sp.Limit(sp.Sum(3 / n, (i, 1, n)), n, sp.oo) + 2
    inner = sp.Limit(sp.Limit(a * n / (n + sp.Symbol("m")), sp.Symbol("m"), 0), n, sp.oo)
    assert at_point(inner, {n: sp.Integer(5), a: sp.Integer(1)}).has(n)


def test_givens_at_a_point_speak_of_its_applications_and_keep_their_index() -> None:
    hypothesis = Given(name="IH", statement=sp.Eq(g(t), 0))
    family = Given(name="flat", statement=sp.Eq(g(k), g(k - 1)), index=k, valid_from=t + 1)
    at, fam = givens_at((hypothesis, family), {t: sp.Integer(10), k: sp.Integer(99)})
    assert at.statement == sp.Eq(g(10), 0)
    assert fam is family  # a family applies at any member as it is
    plain = Given(name="v", statement=sp.Eq(x, 2))
    assert givens_at((plain,), {x: sp.Integer(2)}) == (plain,)  # no application: rewritten as it is


def test_an_empty_range_is_empty_and_a_kink_has_no_slope() -> None:
    assert expand_finite(sp.Sum(k, (k, 3, 1))) == 0
    assert expand_finite(sp.Product(k, (k, 3, 1))) == 1
    assert expand_finite(sp.Subs(sp.Derivative(sp.Abs(x), x), x, 2)) == 1
    with pytest.raises(Undecided):
        expand_finite(sp.Subs(sp.Derivative(sp.Abs(x), x), x, 0))
