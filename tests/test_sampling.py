"""The value drawn for one symbol: inside its bounds (after the first
draws, which may try special values), an integer for an integer symbol,
the small values of ``EDGES`` in turn when swept."""

from __future__ import annotations

import random

import sympy as sp

from symproofs.verifier.sampling import EDGES, draw

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True)
m = sp.Symbol("m", integer=True)


def test_values_after_the_first_draws_are_inside_the_bounds() -> None:
    rng = random.Random(3)  # (the first draws may try special values: 0, 1, -1, 2, ...; the point is then rejected)
    for trial in range(7, 60):
        v = draw(x, (sp.S.Zero, True, sp.S.One, False), [], rng, trial)
        assert v.is_Rational and 0 < v <= 1
        w = draw(n, (sp.S(2), False, None, False), [], rng, trial)
        assert w.is_Integer and w >= 2


def test_swept_integers_take_the_edges_in_turn() -> None:
    rng = random.Random(0)
    both = [n, m]
    first = [draw(n, (None, False, None, False), both, rng, t) for t in range(len(EDGES))]
    assert first == [sp.Integer(e) for e in EDGES]  # n's turn
    second = [draw(m, (sp.S.One, False, None, False), both, rng, t) for t in range(len(EDGES), 2 * len(EDGES))]
    assert second == [sp.Integer(min(1 + e, 6)) for e in EDGES]  # m's turn, from its lower bound up (to 5 above it)
