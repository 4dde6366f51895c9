"""Denominators: a point where one vanishes is outside a side's domain, even
when sympy would combine the powers of an empty sum into a number."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.verifier.definedness import denominators, vanishing_denominator
from symproofs.verifier.probe import Point, Probe

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
EMPTY_AT_ONE = sp.Sum(k, (k, 1, n - 1))  # 0 at n = 1


def test_denominators_leave_out_what_mentions_a_bound_variable() -> None:
    e = 1 / (x - 1) + sp.Sum(1 / (k + x), (k, 1, n)) + sp.Sum(1 / (x + 2), (k, 1, n))
    assert denominators(e) == [x - 1, x + 2]


def test_a_vanishing_denominator_is_found_by_its_own_value() -> None:
    e = (x**2 - EMPTY_AT_ONE) / (x - sp.sqrt(EMPTY_AT_ONE))
    at = {x: sp.Integer(0), n: sp.Integer(1)}
    assert vanishing_denominator(e, lambda d: d.subs(at).doit())
    assert not vanishing_denominator(e, lambda d: d.subs({x: 2, n: 1}).doit())


def test_the_probe_draws_no_value_where_a_side_is_zero_over_zero() -> None:
    e = (x**2 - EMPTY_AT_ONE) / (x - sp.sqrt(EMPTY_AT_ONE))
    probe = Probe(facts=Facts(()), givens=(), algebras=(), seed=3)
    with pytest.raises(Exception, match="denominator vanishes"):
        probe.evaluate(e, Point(values={x: sp.Integer(0), n: sp.Integer(1)}), {}, random.Random(1))
    assert probe.evaluate(e, Point(values={x: sp.Integer(3), n: sp.Integer(1)}), {}, random.Random(1)) == 3
