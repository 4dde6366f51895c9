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
