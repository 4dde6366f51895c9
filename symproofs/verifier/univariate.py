"""The sign of a polynomial in one real variable on an interval, exactly.

``x^2 - x + 1 > 0`` holds for every real ``x``, yet no rewriting shows it:
the polynomial is not a sum of squares term by term and does not factor over
the rationals. Its real roots decide it. Write the polynomial as ``c * prod
f_i^k_i`` (square-free factors, :func:`sympy.sqf_list`): the factors with an
even ``k_i`` are never negative, so the sign is that of ``q = c * prod_{k_i
odd} f_i`` wherever they do not vanish. If ``q`` has no root inside the
interval (Sturm's count, :meth:`sympy.Poly.count_roots`, exact), it keeps one
sign there, read at one rational point inside. Then

* ``p >= 0`` on the interval when ``q`` is positive inside (a root at a
  closed end or of an even factor gives ``p = 0``, allowed);
* ``p > 0`` when moreover ``p`` has no root in the interval at all.

Everything is exact (integer and rational arithmetic on the coefficients);
nothing is sampled.
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts, bounds_of

__all__ = ["Interval", "domain_of", "polynomial_sign"]

#: ``(low, low_strict, high, high_strict)``; ``None`` for an unbounded end.
Interval = tuple[sp.Rational | None, bool, sp.Rational | None, bool]


def domain_of(sym: sp.Symbol, facts: Facts) -> Interval | None:
    """An interval that contains every admissible value of a real ``sym``:
    its bounds in the facts, else its sign assumptions; ``None`` when ``sym``
    is neither declared real nor bounded by a fact (a fact ``0 <= p`` compares
    it, so makes it real), or a bound is not a rational number."""
    bounds = bounds_of(facts.constraints)
    if sym.is_real is not True and sym not in bounds:
        return None
    lo, los, hi, his = bounds.get(sym, (None, False, None, False))
    if lo is None and sym.is_nonnegative:
        lo, los = sp.S.Zero, bool(sym.is_positive)
    if hi is None and sym.is_nonpositive:
        hi, his = sp.S.Zero, bool(sym.is_negative)
    if any(b is not None and not b.is_Rational for b in (lo, hi)):
        return None
    return (lo, bool(los), hi, bool(his))


def _inside(lo: sp.Rational | None, hi: sp.Rational | None) -> sp.Rational:
    """A rational point strictly inside the interval."""
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    if lo is not None:
        return lo + 1
    if hi is not None:
        return hi - 1
    return sp.S.Zero


def _roots_inside(poly: sp.Poly, lo: sp.Rational | None, hi: sp.Rational | None) -> int:
    """Distinct real roots of a square-free ``poly`` strictly inside."""
    count = int(poly.count_roots(lo, hi))
    return count - sum(1 for end in (lo, hi) if end is not None and poly.eval(end) == 0)


def polynomial_sign(e: sp.Expr, sym: sp.Symbol, domain: Interval) -> tuple[bool, bool]:
    """``(e >= 0, e > 0)`` proved for every ``sym`` in ``domain`` (``False``
    where not proved). ``e`` must be a polynomial in ``sym`` with rational
    coefficients; anything else proves nothing."""
    lo, los, hi, his = domain
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (los or his))):
        return False, False  # an empty domain: nothing to say about it
    try:
        poly = sp.Poly(e, sym, domain="QQ")
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
        return False, False
    if poly.is_zero:
        return True, False
    if lo is not None and lo == hi:  # one point
        value = poly.eval(lo)
        return bool(value >= 0), bool(value > 0)
    coeff, factors = poly.sqf_list()
    odd = sp.Poly(coeff, sym, domain="QQ")
    for f, k in factors:
        if k % 2:
            odd *= f
    if odd.degree() > 0 and _roots_inside(odd, lo, hi):
        return False, False
    if odd.eval(_inside(lo, hi)) <= 0:
        return False, False
    # p > 0 needs no root of p anywhere in the domain, ends included when closed.
    free = poly.sqf_part()
    roots = int(free.count_roots(lo, hi))
    roots -= sum(1 for end, strict in ((lo, los), (hi, his)) if end is not None and strict and free.eval(end) == 0)
    return True, roots == 0
