"""What a lemma instance needs: each variable's assumptions (``shares``) and
each hypothesis stated by the context (``states``, ``holds``)."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.hypotheses import holds, pattern_symbols, shares, states
from symproofs.core.model import Given, Lemma

t = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
m = sp.Symbol("m", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
x = sp.Symbol("x", real=True)
f = sp.Function("f", real=True)
odd = sp.Symbol("o", integer=True, odd=True)
NONE = Facts(())


@pytest.mark.parametrize(("var", "value", "facts", "ok"), [
    pytest.param(odd, 2 * m + 1, NONE, True, id="odd-from-form"),
    pytest.param(odd, m, NONE, False, id="odd-not-integer"),
    pytest.param(t, t + 1, NONE, True, id="positive-by-sympy"),
    pytest.param(t, m, NONE, False, id="positive-unknown"),
    pytest.param(t, m, Facts((sp.Ge(m, 1),)), True, id="positive-by-facts"),
    pytest.param(t, x, Facts((sp.Ge(x, 1),)), False, id="facts-give-no-integer"),
])
def test_a_value_shares_every_assumption_of_the_variable(var: sp.Symbol, value: sp.Expr, facts: Facts,
                                                         ok: bool) -> None:
    assert shares(var, value, facts) is ok


FAMILY = Given(name="fam", statement=sp.Eq(f(k), 0), index=k, valid_from=1)
PLAIN = Given(name="at-t", statement=sp.Eq(f(t), 0))


@pytest.mark.parametrize(("givens", "h", "ok"), [
    pytest.param((PLAIN,), sp.Eq(f(t), 0), True, id="plain-at-t"),
    pytest.param((PLAIN,), sp.Eq(f(t + 1), 0), False, id="plain-not-at-t+1"),
    pytest.param((FAMILY,), sp.Eq(f(t + 1), 0), True, id="family-covers"),
    pytest.param((FAMILY,), sp.Eq(f(m), 0), False, id="family-not-below-its-start"),
    pytest.param((FAMILY,), sp.Eq(f(x), 0), False, id="family-integer-indices-only"),
    pytest.param((FAMILY,), sp.Eq(f(t), 1), False, id="another-statement"),
])
def test_a_given_states_a_hypothesis_at_an_instance(givens: tuple[Given, ...], h: sp.Basic, ok: bool) -> None:
    assert states(givens, h, NONE.nonnegative) is ok
    assert holds(h, givens, NONE, ()) is ok


def test_pattern_symbols_include_the_dimensions_of_matrix_variables() -> None:
    d = sp.Symbol("d", integer=True, positive=True)
    a, v = sp.MatrixSymbol("A", n, d), sp.MatrixSymbol("v", d, 1)
    lem = Lemma(name="l", statement=sp.Eq(a * v, a * v), variables=(a, v, x))
    assert pattern_symbols(lem) == {a, v, x, n, d}


_A = sp.MatrixSymbol("A", n, n)
_v = sp.MatrixSymbol("v", n, 1)


@pytest.mark.parametrize(("var", "value", "ok"), [
    pytest.param(x, _v[k, 0], True, id="entry-of-a-matrix-symbol"),
    pytest.param(x, (_A * _v)[k, 0] + _A[0, k] ** 2, True, id="entries-of-a-product"),
    pytest.param(x, (sp.I * _v)[k, 0], False, id="entry-with-a-complex-factor"),
    pytest.param(t, _v[k, 0], False, id="an-entry-is-no-positive-integer"),
])
def test_an_entry_of_a_real_matrix_is_a_real_value(var: sp.Symbol, value: sp.Expr, ok: bool) -> None:
    assert shares(var, value) is ok
