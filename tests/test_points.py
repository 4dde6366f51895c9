"""A point put into expressions: bound variables stay bound, givens speak of
the point's applications, finite sums are written out, kinks have no slope."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Given
from symproofs.verifier.points import at_point, expand_finite, givens_at, settled
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


class _SaysNegative(sp.Product):
    """A product whose sign sympy infers wrongly: an empty product (1) that
    says it is negative, as sympy's own sometimes do (it infers their sign in
    a random order, and one rule says an empty product is nonpositive)."""

    def _eval_is_extended_negative(self) -> bool:
        return True

    def _eval_is_extended_nonnegative(self) -> bool:
        return False

    _eval_is_extended_positive = _eval_is_nonnegative = _eval_is_positive = _eval_is_extended_nonnegative


def test_settled_values_a_construct_before_what_surrounds_it() -> None:
    m = sp.Symbol("m", integer=True)
    empty = _SaysNegative(t, (t, 1, 0))
    side = sp.Abs(m - empty) / 2 + empty / 2  # 1 at m = 0
    point = {m: sp.Integer(0), t: sp.Integer(3)}
    assert settled(side, point) == 1


@pytest.mark.parametrize(("e", "values", "value"), [
    pytest.param(sp.Sum(k * x, (k, 1, n)) + k, {k: 7, x: 2, n: 3}, 19, id="index-also-drawn"),
    pytest.param(sp.Sum(sp.Sum(k * t, (t, 1, k)), (k, 1, n)) * x, {n: 4, x: sp.Rational(1, 2)}, sp.Rational(65, 2),
                 id="nested"),
    pytest.param(sp.Sum(k, (k, 3, 1)) + sp.Product(k, (k, 3, 1)), {}, 1, id="empty-ranges"),
    pytest.param(sp.Sum(n, (n, n + 1, 3)), {n: 1}, 5, id="bound-by-the-free-name"),
    pytest.param(sp.Integral(x * t, (x, 0, 1)) + sp.Sum(k, (k, 1, t)), {t: 3, x: 5}, sp.Rational(15, 2),
                 id="integral"),
    pytest.param(sp.Sum(g(k), (k, 1, g(0))), {}, g(1) + g(2), id="bound-a-function-gives"),
])
def test_settled_is_the_value_at_the_point(e: sp.Basic, values: dict[sp.Basic, int], value: sp.Basic) -> None:
    at = {s: sp.sympify(v) for s, v in values.items()}
    assert settled(e, at, {g(0): sp.Integer(2)}) == value
    if not e.has(sp.Function):
        assert expand_finite(at_point(e, at)) == value


def test_settled_leaves_a_sum_whose_bounds_the_point_does_not_give() -> None:
    assert settled(sp.Sum(k * x, (k, 1, n)), {x: sp.Integer(2)}) == sp.Sum(2 * k, (k, 1, n))


def test_a_point_put_into_a_binding_construct_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # the probe puts the same side at the same point more than once; subs, slow, runs once
    e = sp.Integral(x * t, (x, 0, t)) + sp.Sum(g(k), (k, 1, t))
    values = {t: sp.Integer(3)}
    first = at_point(e, values)
    calls: list[sp.Basic] = []
    original = sp.Basic.subs

    def counted(self: sp.Basic, *args: object, **kwargs: object) -> sp.Basic:
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(sp.Basic, "subs", counted)
    again = at_point(e, dict(values))
    assert again == first == original(e, values, simultaneous=True)
    assert e not in calls  # the memo's answer: at_point called subs on the side no more
    other = at_point(e, {t: sp.Integer(4)})  # another point: computed, not the memo's
    assert other == original(e, {t: sp.Integer(4)}, simultaneous=True)
    assert calls.count(e) == 1
