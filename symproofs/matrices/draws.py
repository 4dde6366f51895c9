"""The scalars a concrete matrix model draws: a dimension (1 or 2), integers
above their bounds and inside the ranges an unrolled sequence gives, reals
inside their intervals; every value has the properties its symbol is
declared with and satisfies every fact of the goal (:func:`draw_scalars`)."""

from __future__ import annotations

import random

import sympy as sp

from symproofs.core.facts import bounds_of
from symproofs.core.goals import Goal
from symproofs.matrices.intervals import as_number
from symproofs.matrices.setting import MatrixSetting

__all__ = ["admissible", "draw_scalars"]

_REALS = [sp.Rational(1, 2), sp.Rational(1, 3), sp.S(2), sp.Rational(3, 4), sp.S(3), sp.S.One, sp.Rational(-1, 2),
          sp.S(-2), sp.Rational(1, 5), sp.Rational(5, 2), sp.Rational(9, 10), sp.Rational(1, 10)]


def draw_scalars(alg: MatrixSetting, goal: Goal, dims: list[sp.Symbol], ints: list[sp.Symbol],
                  reals: list[sp.Symbol], rng: random.Random, attempt: int) -> dict[sp.Basic, sp.Basic] | None:
    facts = goal.context.facts
    bounds = bounds_of(facts.constraints)
    for _ in range(100):
        subs: dict[sp.Basic, sp.Basic] = {}
        for d in dims:
            subs[d] = sp.Integer(2 if attempt % 2 == 0 or attempt % 3 == 0 else rng.randint(1, 2))
        unroll = alg.config.unroll
        ranged: dict[sp.Basic, tuple[sp.Expr, sp.Expr]] = {}
        if unroll is not None:
            if unroll.horizon in ints:
                subs[unroll.horizon] = sp.Integer(rng.randint(1, 3))
            ranged = {s: (lo, hi) for s, lo, hi in unroll.ranges}
        for s in ints:
            if s in subs:
                continue
            if s in ranged:
                lo_e, hi_e = (as_number(v).xreplace(subs) for v in ranged[s])
                if not (lo_e.is_Integer and hi_e.is_Integer) or hi_e < lo_e:
                    break
                subs[s] = sp.Integer(rng.randint(int(lo_e), int(hi_e)))
                continue
            lo, los, _, _ = bounds.get(s, (None, False, None, False))
            base = 1 if s.is_positive else 0 if s.is_nonnegative else -1
            if lo is not None:
                base = max(base, int(sp.floor(lo)) + 1 if los else int(sp.ceiling(lo)))
            subs[s] = sp.Integer(base + rng.choice((0, 0, 1, 2)))
        else:
            for s in reals:
                lo, _, hi, _ = bounds.get(s, (None, False, None, False))
                if lo is not None and hi is not None and rng.random() < 0.5:
                    subs[s] = lo + (hi - lo) * sp.Rational(rng.randint(1, 9), 10)
                else:
                    subs[s] = rng.choice(_REALS)
            if all(admissible(s, v) for s, v in subs.items()) and \
                    all(c.xreplace(subs) is sp.true for c in facts.constraints):
                return subs
    return None


def admissible(s: sp.Basic, v: sp.Basic) -> bool:
    """Whether ``v`` has every property the symbol ``s`` is declared with
    (positive, integer, ...), decided by sympy on the number itself."""
    for name, declared in s.assumptions0.items():
        if declared is None:
            continue
        if getattr(v, f"is_{name}", None) is not declared:
            return False
    return True
