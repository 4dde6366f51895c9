"""The value a probe draws for one symbol at one draw.

Exact rationals: small integers for integer symbols (so that sums with
symbolic bounds expand), a closed interval's endpoints now and then, a few
special values (0, 1, -1, 2, 1/2, ...) in the first draws, otherwise
fractions inside the symbol's bounds. A swept integer symbol takes the small
values of :data:`EDGES` in turn.

>>> import random
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> draw(n, (None, False, None, False), [n], random.Random(0), 1)
2
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import sympy as sp

__all__ = ["EDGES", "Bounds", "draw"]

#: The integers a sweep gives in turn: from the lower bound up (0, 1, 2, ...
#: above it), or these values themselves where nothing bounds the symbol.
#: A closed form that sympy gets wrong at a few small values (a sum right
#: from n = 2 on) fails at one of them.
EDGES = (0, 1, 2, 3, 4, 5, 7, -1, -2, 6)

_SPECIAL = [sp.S.Zero, sp.S.One, -sp.S.One, sp.S(2), sp.Rational(1, 2), sp.S(3), sp.Rational(-3, 2)]

#: A symbol's bounds: (low, low strict, high, high strict), as :func:`~symproofs.core.facts.bounds_of` gives them.
Bounds = tuple[sp.Expr | None, bool, sp.Expr | None, bool]


def draw(sym: sp.Symbol, bounds: Bounds, swept: Sequence[sp.Basic], rng: random.Random, trial: int) -> sp.Basic:
    """The value of ``sym`` at draw number ``trial``, within ``bounds``;
    ``swept``: the integer symbols that take the values of :data:`EDGES` in turn."""
    lo, los, hi, his = bounds
    if lo is None and (sym.is_positive or sym.is_nonnegative):
        lo, los = sp.S.Zero, bool(sym.is_positive)
    if sym.is_integer:
        base = int(sp.ceiling(lo)) + (1 if los and sp.ceiling(lo) == lo else 0) if lo is not None else -2
        top = int(sp.floor(hi)) - (1 if his and sp.floor(hi) == hi else 0) if hi is not None else base + 5
        if top < base:
            top = base
        turn = list(swept).index(sym) if sym in swept else -1
        if turn >= 0 and (trial // len(EDGES)) % len(swept) == turn:  # this one's turn
            step = EDGES[trial % len(EDGES)]
            return sp.Integer(min(base + step, top) if lo is not None else step if hi is None else min(step, top))
        return sp.Integer(rng.randint(base, min(top, base + 5)))
    closed = [b for b, strict in ((lo, los), (hi, his)) if b is not None and not strict and b.is_Rational]
    if closed and trial % 5 == 1:  # a closed interval's endpoint
        cand = closed[rng.randrange(len(closed))]
    elif trial < len(_SPECIAL) and rng.random() < 0.5:
        cand = _SPECIAL[rng.randrange(len(_SPECIAL))]
    elif lo is not None and hi is not None:
        cand = lo + (hi - lo) * sp.Rational(rng.randint(1, 19), 20)
    elif lo is not None:
        cand = lo + sp.Rational(rng.randint(1, 60), rng.randint(1, 12))
    elif hi is not None:
        cand = hi - sp.Rational(rng.randint(1, 60), rng.randint(1, 12))
    else:
        cand = sp.Rational(rng.randint(-40, 40), rng.randint(1, 12))
    return cand
