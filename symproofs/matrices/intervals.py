"""Exact comparison of real numbers built from rationals, roots, norms and
exponentials, by rational intervals.

:func:`interval` bounds a value between two rationals, exactly: sums and
products by interval arithmetic, square roots by integer square roots,
``exp`` and the logistic function by their Taylor series with the remainder
bounded (rounded outward), the spectral norm ``||A|| = sqrt(lambda_1(A^T
A))`` and the largest eigenvalue by isolating the largest root of a
characteristic polynomial (:meth:`sympy.Poly.intervals`). :func:`compare`
decides ``a < b``, ``a = b`` or ``a > b`` only when the intervals are
disjoint or both values are the same rational (or their difference expands
to 0); otherwise it is undecided. Nothing is ever rounded to a float.

>>> compare(sp.sqrt(2), sp.Rational(141, 100))
1
>>> compare(sp.exp(1), sp.Rational(2718, 1000))
1
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sympy as sp

from symproofs.matrices.linalg import FrobeniusNorm, LargestEigenvalue, MaxAbs, Norm, Sigmoid, UnsetNorm

__all__ = ["Interval", "Undecided", "as_number", "compare", "exact", "holds", "interval", "sign", "vanishes"]

Interval = tuple[sp.Rational, sp.Rational]


def as_number(value: Any) -> sp.Basic:
    """A sympy object for ``value`` (a sympy object already, or a Python
    integer), without parsing anything; :class:`Undecided` otherwise."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, int):
        return sp.Integer(value)
    raise Undecided(f"not a sympy value: {type(value).__name__}")


class Undecided(Exception):
    """A value the exact comparison cannot bound (a symbol, ``exp``, a
    complex eigenvalue)."""


def _rat(x: Any) -> sp.Rational:
    return sp.Rational(x)


def _sqrt_floor(q: sp.Rational) -> int:
    return math.isqrt(int(sp.floor(q)))


def _sqrt_bounds(lo: sp.Rational, hi: sp.Rational, bits: int) -> Interval:
    if lo < 0:
        raise Undecided("square root of a possibly negative number")
    scale = sp.Integer(2) ** bits
    a = _sqrt_floor(lo * scale**2)
    q = hi * scale**2
    b = _sqrt_floor(q)
    if b * b < q:
        b += 1
    return _rat(sp.Rational(a) / scale), _rat(sp.Rational(b) / scale)


def _mul(x: Interval, y: Interval) -> Interval:
    products = [x[0] * y[0], x[0] * y[1], x[1] * y[0], x[1] * y[1]]
    return min(products), max(products)


def _power(x: Interval, k: int) -> Interval:
    if k == 0:
        return sp.S.One, sp.S.One
    if k < 0:
        if x[0] <= 0 <= x[1]:
            raise Undecided("division by a number that may be zero")
        inv = (1 / x[1], 1 / x[0])
        return _power((_rat(inv[0]), _rat(inv[1])), -k)
    lo, hi = x[0] ** k, x[1] ** k
    if k % 2:
        return lo, hi
    if x[0] >= 0:
        return lo, hi
    if x[1] <= 0:
        return hi, lo
    return sp.S.Zero, max(lo, hi)


def _matrix_of(m: Any) -> sp.ImmutableMatrix:
    if not isinstance(m, sp.MatrixBase):
        raise Undecided("a norm of something other than an explicit matrix")
    if not all(x.is_Rational for x in m):
        raise Undecided("a matrix with irrational entries")
    return sp.ImmutableMatrix(m)


def _largest_root(m: sp.ImmutableMatrix, bits: int) -> Interval:
    if m.rows != m.cols or m != m.T:
        raise Undecided("the largest eigenvalue of a matrix that is not symmetric")
    x = sp.Dummy("x")
    poly = sp.Poly(m.charpoly().all_coeffs(), x, domain=sp.QQ)
    roots = poly.intervals(eps=sp.Rational(1, 2**bits))
    if sum(mult for _, mult in roots) != m.rows:
        raise Undecided("complex eigenvalues")
    a, b = max((iv for iv, _ in roots), key=lambda iv: iv[1])
    return _rat(a), _rat(b)


def _outward(lo: sp.Rational, hi: sp.Rational, bits: int) -> Interval:
    """``[lo, hi]`` widened to the grid of step ``2^-(bits + 8)`` (keeps the
    rationals small)."""
    scale = sp.Integer(2) ** (bits + 8)
    return _rat(sp.floor(lo * scale) / scale), _rat(sp.ceiling(hi * scale) / scale)


def _exp_point(r: sp.Rational, bits: int) -> Interval:
    """Rational bounds of ``exp(r)``: the Taylor series of ``exp(r / 2^j)``
    with its remainder bounded, then squared ``j`` times."""
    if r < 0:
        lo, hi = _exp_point(-r, bits)
        return _outward(1 / hi, 1 / lo, bits)
    if r > 64:
        raise Undecided("an exponential too large to bound")
    j, x = 0, r
    while x > sp.Rational(1, 2):
        x, j = x / 2, j + 1
    terms, term, total = 30, sp.S.One, sp.S.One
    for k in range(1, terms + 1):
        term = term * x / k
        total += term
    remainder = term * x / (terms + 1) / (1 - x / (terms + 2))
    lo, hi = _outward(total, total + remainder, bits + 2 * j)
    for _ in range(j):
        lo, hi = _outward(lo * lo, hi * hi, bits + 2 * j)
    return lo, hi


def _exp(x: Interval, bits: int) -> Interval:
    return _exp_point(x[0], bits)[0], _exp_point(x[1], bits)[1]


def interval(e: Any, bits: int = 64) -> Interval:
    """Rational bounds ``(lo, hi)`` with ``lo <= e <= hi``, exactly."""
    if isinstance(e, sp.MatrixBase):
        raise Undecided("a matrix where a number was expected")
    e = as_number(e)
    if e.is_Rational:
        return e, e
    if isinstance(e, sp.Add):
        lo, hi = sp.S.Zero, sp.S.Zero
        for a in e.args:
            x = interval(a, bits)
            lo, hi = lo + x[0], hi + x[1]
        return lo, hi
    if isinstance(e, sp.Mul):
        out: Interval = (sp.S.One, sp.S.One)
        for a in e.args:
            out = _mul(out, interval(a, bits))
        return out
    if isinstance(e, sp.Pow):
        base = interval(e.base, bits)
        if e.exp.is_Integer:
            return _power(base, int(e.exp))
        if e.exp.is_Rational and e.exp.q == 2:
            root = _sqrt_bounds(base[0], base[1], bits)
            return _power(root, int(e.exp.p))
        raise Undecided("a power with a non-integer exponent")
    if isinstance(e, sp.Abs):
        lo, hi = interval(e.args[0], bits)
        if lo >= 0:
            return lo, hi
        if hi <= 0:
            return -hi, -lo
        return sp.S.Zero, max(-lo, hi)
    if isinstance(e, (sp.Max, sp.Min)):
        parts = [interval(a, bits) for a in e.args]
        pick = max if isinstance(e, sp.Max) else min
        return pick(p[0] for p in parts), pick(p[1] for p in parts)
    if e is sp.E:
        return _exp_point(sp.S.One, bits)
    if isinstance(e, sp.exp):
        return _exp(interval(e.args[0], bits), bits)
    if isinstance(e, Sigmoid):  # 1 / (1 + exp(-x)), increasing
        x = interval(e.args[0], bits)
        return 1 / (1 + _exp((-x[0], -x[0]), bits)[1]), 1 / (1 + _exp((-x[1], -x[1]), bits)[0])
    if isinstance(e, MaxAbs):
        m = e.args[0]
        if not isinstance(m, sp.MatrixBase):
            raise Undecided("MaxAbs of something other than an explicit matrix")
        parts = [interval(sp.Abs(x), bits) for x in m]
        return max(p[0] for p in parts), max(p[1] for p in parts)
    if isinstance(e, LargestEigenvalue):
        return _largest_root(_matrix_of(e.args[0]), bits)
    if isinstance(e, FrobeniusNorm):
        s = sum((x**2 for x in _matrix_of(e.args[0])), sp.S.Zero)
        return _sqrt_bounds(s, s, bits)
    if isinstance(e, UnsetNorm) and 1 not in _matrix_of(e.args[0]).shape:
        # its kind left open: an interval holding the spectral and the Frobenius value (either may be meant)
        m = _matrix_of(e.args[0])
        total = sum((x**2 for x in m), sp.S.Zero)
        spectral, frobenius = interval(Norm(m), bits), _sqrt_bounds(total, total, bits)
        return min(spectral[0], frobenius[0]), max(spectral[1], frobenius[1])
    if isinstance(e, Norm):
        m = _matrix_of(e.args[0])
        if 1 in m.shape:
            s = sum((x**2 for x in m), sp.S.Zero)
            return _sqrt_bounds(s, s, bits)
        lo, hi = _largest_root(sp.ImmutableMatrix(m.T * m), bits)
        return _sqrt_bounds(max(lo, sp.S.Zero), hi, bits)
    raise Undecided(f"no exact bounds for {type(e).__name__}")


def exact(e: sp.Basic) -> sp.Basic:
    """``e`` with each norm, largest eigenvalue and largest absolute entry of
    an explicit rational matrix replaced by its exact value, for a
    counterexample to show numbers: the square root of the largest root of a
    characteristic polynomial, in radicals when that root is rational or
    quadratic, else a ``CRootOf``.

    >>> exact(Norm(sp.Matrix([[1, 1], [0, 1]])))
    sqrt(sqrt(5)/2 + 3/2)
    """
    def value(x: sp.Basic) -> sp.Basic:
        try:
            m = _matrix_of(x.args[0])
        except Undecided:
            return x
        if isinstance(x, MaxAbs):
            return sp.Max(*[abs(v) for v in m])
        if isinstance(x, UnsetNorm) and 1 not in m.shape:
            return x  # its kind left open: no one value
        if isinstance(x, FrobeniusNorm) or (isinstance(x, Norm) and 1 in m.shape):
            return sp.sqrt(sp.Add(*[v**2 for v in m]))
        sym = m if isinstance(x, LargestEigenvalue) else sp.ImmutableMatrix(m.T * m)
        if sym.rows != sym.cols or sym != sym.T:
            return x
        try:
            top = _largest_exact(sym)
        except (IndexError, sp.PolynomialError):  # no real root found: shown as it is
            return x
        return top if isinstance(x, LargestEigenvalue) else sp.sqrt(top)

    if not isinstance(e, sp.Basic):
        return e
    return e.replace(lambda x: isinstance(x, (Norm, FrobeniusNorm, LargestEigenvalue, MaxAbs)), value)


def _largest_exact(m: sp.ImmutableMatrix) -> sp.Basic:
    """The largest eigenvalue of a symmetric rational matrix, exactly."""
    x = sp.Dummy("x")
    top = sp.Poly(m.charpoly().all_coeffs(), x, domain=sp.QQ).real_roots()[-1]
    if isinstance(top, sp.CRootOf) and top.poly.degree() == 2:
        a, b, c = top.poly.all_coeffs()
        if a < 0:
            a, b, c = -a, -b, -c
        return (-b + sp.sqrt(b**2 - 4 * a * c)) / (2 * a)
    return top


def sign(e: Any) -> int | None:
    """The sign of ``e`` (-1, 0, 1) decided exactly, or ``None``."""
    e = as_number(e)
    if e.is_Rational:
        return int(sp.sign(e))
    if e.free_symbols:
        return None
    try:
        if vanishes(e) or sp.expand(e) == 0:
            return 0
        for bits in (64, 160):
            lo, hi = interval(e, bits)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            if lo == hi == 0:
                return 0
    except Exception:  # anything that cannot be bounded is undecided
        return None
    return None


def vanishes(e: sp.Basic) -> bool:
    """Whether ``e`` is 0 as a polynomial over the rationals in its other
    parts (sums, products and whole powers of them), each part (``sigma(1/4)``,
    ``sqrt(2)``, ``1/(1 + x)``) taken as an unknown of its own: then ``e`` is 0
    whatever those parts are worth. Exact, in sympy's sparse polynomials
    (far cheaper than expanding a large product of sums); ``False`` says
    nothing (parts that are equal without being the same expression).

    >>> s = Sigmoid(sp.Rational(1, 4))
    >>> vanishes((1 - s) * s - s + s**2), vanishes(s - sp.Rational(1, 2))
    (True, False)
    """
    if e.has(sp.oo, -sp.oo, sp.zoo, sp.nan):  # no value to be 0
        return False
    parts: dict[sp.Basic, int] = {}

    def collect(x: sp.Basic) -> None:
        if x.is_Rational:
            return
        if isinstance(x, (sp.Add, sp.Mul)):
            for a in x.args:
                collect(a)
        elif isinstance(x, sp.Pow) and x.exp.is_Integer and x.exp >= 0:
            collect(x.base)
        else:
            parts.setdefault(x, len(parts))

    def poly(x: sp.Basic, ring: Any, unknowns: Sequence[Any]) -> Any:
        if x.is_Rational:
            return ring(x)
        if isinstance(x, sp.Add):
            out = ring.zero
            for a in x.args:
                out += poly(a, ring, unknowns)
            return out
        if isinstance(x, sp.Mul):
            out = ring.one
            for a in x.args:
                out *= poly(a, ring, unknowns)
            return out
        if isinstance(x, sp.Pow) and x.exp.is_Integer and x.exp >= 0:
            return poly(x.base, ring, unknowns) ** int(x.exp)
        return unknowns[parts[x]]

    try:
        collect(e)
        if not parts:
            return bool(e == 0)
        ring, *unknowns = sp.polys.rings.ring([f"_p{k}" for k in range(len(parts))], sp.QQ)
        return bool(poly(e, ring, unknowns) == 0)
    except Exception:  # a part the polynomial reading cannot take: it says nothing
        return False


def compare(a: Any, b: Any) -> int | None:
    """``-1``, ``0`` or ``1`` as ``a <, =, > b``, decided exactly; ``None``
    when undecided (matrices compare equal when every entry does, and
    different when one entry does)."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)) or a.shape != b.shape:
            return None
        decided = True
        for x, y in zip(a, b):  # the first entry that differs decides: the others are not compared
            s = sign(x - y)
            if s in (-1, 1):
                return s
            decided = decided and s == 0
        return 0 if decided else None
    return sign(as_number(a) - as_number(b))


def holds(rel: type, a: Any, b: Any) -> bool | None:
    """Whether ``a rel b`` (``sp.Eq``, ``sp.Le``...), exactly; ``None`` when
    undecided."""
    c = compare(a, b)
    if c is None:
        return None
    if rel is sp.Eq:
        return c == 0
    if rel is sp.Ne:
        return c != 0 if not isinstance(a, sp.MatrixBase) else None
    table = {sp.LessThan: c <= 0, sp.StrictLessThan: c < 0, sp.GreaterThan: c >= 0, sp.StrictGreaterThan: c > 0}
    return table.get(rel)
