"""Boundary points: each symbol's special values respect every assumption
(strict bounds, integer, odd, prime, nonzero), and the candidates include
every symbol at its first special value and two symbols equal."""

from __future__ import annotations

import sympy as sp

from symproofs.verifier.boundary import assignments, near_roots, specials

NONE = (None, False, None, False)


def test_closed_endpoints_come_first_and_strict_ones_never() -> None:
    p = sp.Symbol("p", real=True)
    assert specials(p, (sp.S.Zero, False, sp.S.One, False)) == [0, 1]
    assert specials(p, (sp.S.Zero, True, sp.S.One, True)) == []  # 0 < p < 1: no endpoint, no small value inside
    a = sp.Symbol("a", real=True)
    assert specials(a, (sp.Integer(2), False, None, False))[0] == 2
    assert 2 not in specials(a, (sp.Integer(2), True, None, False))  # a > 2 never gets 2
    x = sp.Symbol("x", positive=True)
    assert 0 not in specials(x, NONE) and specials(x, NONE)[0] == 1


def test_integer_endpoints_and_sympy_assumptions() -> None:
    n = sp.Symbol("n", integer=True)
    assert specials(n, NONE) == [0, 1, -1, 2]
    assert specials(n, (sp.Rational(1, 2), False, None, False))[0] == 1  # n >= 1/2: the first integer inside
    assert specials(n, (sp.Integer(3), True, None, False))[0] == 4  # n > 3
    assert specials(sp.Symbol("k", odd=True), NONE) == [1, -1]
    assert specials(sp.Symbol("q", prime=True), NONE) == [2]
    assert 0 not in specials(sp.Symbol("z", real=True, nonzero=True), NONE)


def test_candidates_put_every_symbol_at_its_special_value_and_two_symbols_equal() -> None:
    x, y = sp.symbols("x y", real=True)
    got = list(assignments([x, y], {x: specials(x, NONE), y: specials(y, NONE)}, {x: sp.Rational(7, 3), y: -5}))
    assert got[0] == {x: 0, y: 0}
    assert {x: sp.Rational(7, 3), y: sp.Rational(7, 3)} in got  # x = y at the drawn point
    assert {x: -1, y: -5} in got and {x: sp.Rational(7, 3), y: 2} in got
    assert len(got) == len({tuple(sorted(g.items(), key=str)) for g in got})  # each once


def test_rationals_near_a_boundary_lie_on_both_sides_of_it() -> None:
    x = sp.Symbol("x", real=True)
    near = near_roots([sp.Gt(x, 1), sp.Gt(x**2, 2)], x, {})
    assert sp.Rational(11, 10) in near and sp.Rational(9, 10) in near
    assert any(1 < v < sp.sqrt(2) for v in near) and all(v.is_Rational for v in near)
    assert near_roots([sp.Gt(x, sp.Symbol("y"))], x, {}) == []  # a boundary in another free name: none
