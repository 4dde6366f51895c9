"""Whole functions and point values of a matrix model respect what is known of the functions."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Lemma
from symproofs.matrices.functions import X, has_assumptions, respecting_model, whole_ok

z = sp.Symbol("z", real=True)


def test_assumptions_of_a_name_hold_for_every_argument() -> None:
    f, df = sp.Function("f", real=True), sp.Function("df", positive=True)
    models = respecting_model(f, df, [X**2 / 2 + X / 3], [])
    assert models is not None
    slope = sp.expand(models[df](X))
    assert all(slope.subs(X, v) > 0 for v in (-10, -1, 0, 1, 10))  # an increasing f, whatever was preferred
    assert not whole_ok({sp.Function("g", positive=True): sp.Lambda(X, X**2)}, [])  # g(0) = 0 is not positive
    assert whole_ok({sp.Function("g", nonnegative=True): sp.Lambda(X, X**2)}, [])
    assert not whole_ok({sp.Function("g", integer=True): sp.Lambda(X, X)}, [])  # cannot vouch for integer values


def test_positive_and_increasing_has_no_polynomial_model() -> None:
    f, df = sp.Function("f", positive=True), sp.Function("df", positive=True)
    assert respecting_model(f, df, [X], []) is None  # the model then refutes nothing


def test_lemmas_and_definitions_of_a_whole_function() -> None:
    f, df = sp.Function("f", real=True), sp.Function("df", real=True)
    bounded = Lemma(name="L", statement=sp.Le(df(z), sp.Rational(1, 4)), variables=(z,))
    models = respecting_model(f, df, [2 * X], [bounded])
    assert models is not None and whole_ok(models, [bounded]) and models[f](X) != 2 * X
    square = Lemma(name="D", statement=sp.Eq(f(z), z**2), variables=(z,))
    models = respecting_model(f, df, [X], [square])
    assert models is not None and models[f](X) == X**2 and models[df](X) == 2 * X


def test_which_names_say_more_than_real() -> None:
    assert not has_assumptions(sp.Function("f"))
    assert not has_assumptions(sp.Function("f", real=True))
    assert has_assumptions(sp.Function("f", positive=True))


def test_a_function_known_by_the_logistic_equation_is_the_logistic() -> None:
    """s' = s (1 - s) has no polynomial solution but the constants 0 and 1,
    whose derivative 0 hides every argument: the model is the logistic
    function, which satisfies the equation for every argument."""
    s, ds = sp.Function("s"), sp.Function("ds")
    logistic = Lemma(name="sigmoid", statement=sp.Eq(sp.Derivative(s(z), z), s(z) * (1 - s(z))), variables=(z,))
    models = respecting_model(s, ds, [X / 2], [logistic])
    assert models is not None and whole_ok(models, [logistic])
    assert models[s](sp.S.Zero).rewrite(sp.exp) == sp.Rational(1, 2)
    assert sp.diff(models[s](X), X) != 0  # not a constant
    assert not whole_ok({s: sp.Lambda(X, X / 2)}, [logistic])  # (x/2)' = 1/2 is not x/2 (1 - x/2)
