"""Boundary points: the few exact points where a step that holds almost
everywhere fails.

A random point almost never lands where a step's truth changes: a symbol at
0 (``sign(x)**2 = 1``), two symbols equal (``|x - y| > 0``), an endpoint of an
assumed interval (``p = 0`` and ``p = 1`` for ``0 <= p <= 1``, ``a = 2`` for
``a >= 2``), a small integer. :func:`specials` lists the values of one
symbol worth trying, each admissible for it (its sympy assumptions decided
the same way, strict bounds excluded); :func:`assignments` combines them,
from a base point (an admissible drawn point), into a short list of
candidates: every symbol at its first special value, one symbol at a time at
each of its special values, and two symbols equal. The probe checks every
candidate against all the assumptions before evaluating it
(:meth:`~symproofs.verifier.probe.Probe.boundary_points`).

>>> x = sp.Symbol("x", real=True)
>>> specials(x, (sp.S.Zero, False, sp.S.One, False))
[0, 1]
>>> specials(sp.Symbol("n", integer=True, positive=True), (None, False, None, False))
[1, 2]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

import sympy as sp

from symproofs.verifier.sampling import Bounds
from symproofs.verifier.values import admissible

__all__ = ["BOUNDARY_POINTS", "MODELLED_BOUNDARY_POINTS", "assignments", "specials"]

#: Boundary points a search evaluates at most (before its random ones).
BOUNDARY_POINTS = 6

#: The same where each point is evaluated in the models of an algebra (random
#: variables' moments at each point: many times dearer).
MODELLED_BOUNDARY_POINTS = 2

#: Candidate assignments generated at most (each is checked against the
#: assumptions, cheaply, before it counts as a point).
_CANDIDATES = 40

_SMALL = (sp.S.Zero, sp.S.One, -sp.S.One, sp.Integer(2))


def specials(sym: sp.Symbol, bounds: Bounds) -> list[sp.Basic]:
    """The special values of ``sym`` within ``bounds`` (low, low strict,
    high, high strict): the closed endpoints first (for an integer, the
    first and last integers inside), then 0, 1, -1 and 2; each admissible
    for ``sym`` and inside every bound, strictness respected."""
    lo, los, hi, his = bounds
    if lo is None and (sym.is_positive or sym.is_nonnegative):
        lo, los = sp.S.Zero, bool(sym.is_positive)
    ends: list[sp.Basic] = []
    for end, strict, up in ((lo, los, 1), (hi, his, -1)):
        if end is None or not end.is_Rational:
            continue
        if sym.is_integer:
            whole = sp.ceiling(end) if up > 0 else sp.floor(end)
            ends.append(whole + up if strict and whole == end else whole)
        elif not strict:
            ends.append(end)
    out: list[sp.Basic] = []
    for v in (*ends, *_SMALL):
        if v in out or not admissible(sym, v):
            continue
        if lo is not None and lo.is_Rational and (v < lo or (los and v == lo)):
            continue
        if hi is not None and hi.is_Rational and (v > hi or (his and v == hi)):
            continue
        out.append(v)
    return out


def assignments(syms: Sequence[sp.Symbol], values: Mapping[sp.Symbol, Sequence[sp.Basic]],
                base: Mapping[sp.Basic, sp.Basic]) -> Iterator[dict[sp.Basic, sp.Basic]]:
    """Candidate values of ``syms``, each once: every symbol at its first
    special value (from ``values``), then, from ``base`` (a drawn point;
    a symbol it lacks takes its first special value), one symbol at a time
    at each of its special values, interleaved with two symbols made equal
    (the second takes the first's value where that is admissible for it).
    At most a bounded number of candidates."""
    start = {s: (values[s][0] if values.get(s) else base.get(s)) for s in syms}
    if any(v is None for v in start.values()):
        return
    fallback = {s: base.get(s, start[s]) for s in syms}
    seen: list[dict[sp.Basic, sp.Basic]] = []

    def fresh(candidate: dict[sp.Basic, sp.Basic]) -> bool:
        if candidate in seen:
            return False
        seen.append(candidate)
        return True

    if fresh(dict(start)):
        yield dict(start)
    singles = (
        {**fallback, s: v}
        for k in range(max((len(values.get(s, ())) for s in syms), default=0))
        for s in syms if k < len(values.get(s, ()))
        for v in (values[s][k],)
    )
    pairs = (
        {**fallback, y: fallback[x]}
        for x, y in itertools.combinations(syms, 2)
        if fallback[x] != fallback[y] and admissible(y, fallback[x])
    )
    for candidate in itertools.chain.from_iterable(itertools.zip_longest(singles, pairs)):
        if len(seen) >= _CANDIDATES:
            return
        if candidate is not None and fresh(candidate):
            yield dict(candidate)


#: how far from a boundary the rational points near it lie
_NEAR = tuple(sp.Rational(1, 10**k) for k in (1, 2, 3, 6))


def near_roots(rels: Sequence[sp.Basic], sym: sp.Symbol, base: Mapping[sp.Basic, sp.Basic]) -> list[sp.Rational]:
    """Rational values of ``sym`` on both sides of, and close to, each real
    root of a relation's boundary (its two sides equal), the other symbols at
    ``base``: ``x > 1 => x^2 > 2`` fails only on ``(1, sqrt 2)``, which a random
    point seldom meets and no exact root lies inside. Polynomial boundaries of
    low degree only; exact rationals, each at most once.

    >>> x = sp.Symbol("x", real=True)
    >>> near_roots([sp.Gt(x, 1)], x, {})[:3]
    [9/10, 11/10, 6/5]
    """
    out: list[sp.Rational] = []
    for rel in rels:
        try:
            edge = sp.expand((rel.lhs - rel.rhs).xreplace({s: v for s, v in base.items() if s != sym}))
            if edge.free_symbols != {sym} or not edge.is_polynomial(sym):
                continue
            poly = sp.Poly(edge, sym)
            if not 0 < poly.degree() <= 4 or not all(c.is_rational for c in poly.all_coeffs()):
                continue
            roots = poly.real_roots()
        except (TypeError, ValueError, AttributeError, NotImplementedError, sp.PolynomialError):
            continue
        for root in roots:
            for step in _NEAR:
                centre = sp.Rational(sp.floor(root / step)) * step  # at or below the root
                for v in (centre - step, centre, centre + step, centre + 2 * step):
                    if v != root and v not in out:
                        out.append(v)
    return out[:48]
