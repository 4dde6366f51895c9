"""Identities of max, min and |.| are proved case by case, only where the
cases cover every point: real arguments, kinks outside binders."""

from __future__ import annotations

import sympy as sp

from symproofs.verifier.kinks import zero_in_every_case

a = sp.Symbol("a", real=True)
b = sp.Symbol("b", real=True)
c = sp.Symbol("c", real=True)
n = sp.Symbol("n", integer=True)
k = sp.Symbol("k", integer=True)
z = sp.Symbol("z")
g = sp.Function("g", real=True)


def test_max_and_min_through_the_absolute_value_hold_in_every_case() -> None:
    assert zero_in_every_case(sp.Max(a, b) - (a + b + sp.Abs(a - b)) / 2)
    assert zero_in_every_case(sp.Min(a, b) - (a + b - sp.Abs(b - a)) / 2)
    assert zero_in_every_case(sp.Max(a, b) - (a + b + sp.Abs(2 * b - 2 * a) / 2) / 2)  # one kink, scaled


def test_a_sign_wrong_in_one_case_is_not_an_identity() -> None:
    assert not zero_in_every_case(sp.Max(a, b) - (a + b - sp.Abs(a - b)) / 2)
    assert not zero_in_every_case(sp.Max(a, b) - sp.Abs(a))


def test_a_kink_that_may_be_undefined_is_split_where_it_is_defined() -> None:
    # c/(a - b) is real wherever it has a value, though sympy cannot say so
    e = c / (a - b)
    assert zero_in_every_case(sp.Min(-n, e) - (e - n - sp.Abs(e + n)) / 2)


def test_no_case_split_of_a_complex_argument() -> None:
    # |z|^2 = z^2 in both "cases" z >= 0 and z < 0, yet fails at z = i
    assert not zero_in_every_case(sp.Abs(z) ** 2 - z**2)
    assert not zero_in_every_case(sp.Abs(sp.root(-1, 3) * a) ** 2 - (sp.root(-1, 3) * a) ** 2)


def test_no_case_split_of_a_kink_in_a_summation_index() -> None:
    # |k - n| changes sign within the sum: sum |k - n| is not +-sum (k - n)
    assert not zero_in_every_case(sp.Sum(sp.Abs(k - n), (k, 0, 3)) - sp.Sum(k - n, (k, 0, 3)))


def test_a_sum_inside_a_kink_is_one_real_quantity() -> None:
    s = sp.Sum(g(k), (k, 0, n))
    assert zero_in_every_case(sp.Max(a, s) - (a + s + sp.Abs(a - s)) / 2)


def test_a_kink_inside_an_indexed_max_an_expectation_or_a_probability_is_not_split() -> None:
    from symproofs.latex.vocabulary import IndexedMax
    from symproofs.probability.variables import E, Prob, Var

    i = sp.Symbol("i", integer=True)
    x, y = sp.Function("x", real=True), sp.Function("y", real=True)
    X, Y = sp.symbols("X Y", real=True)
    false = [  # each false for some family or law: no single sign of the kink inside
        IndexedMax(sp.Max(x(i), y(i)), i) * IndexedMax(sp.Min(x(i), y(i)), i)
        - IndexedMax(x(i), i) * IndexedMax(y(i), i),
        E(sp.Max(X, Y)) * E(sp.Min(X, Y)) - E(X) * E(Y),
        Prob(sp.Max(X, Y) > 1) * Prob(sp.Min(X, Y) > 1) - Prob(X > 1) * Prob(Y > 1),
        Var(sp.Max(X, Y)) + Var(sp.Min(X, Y)) - Var(X) - Var(Y),
    ]
    assert not any(zero_in_every_case(e) for e in false)
    # inside a pointwise function the split still holds
    assert zero_in_every_case(sp.exp(sp.Max(X, Y)) * sp.exp(sp.Min(X, Y)) - sp.exp(X + Y))
