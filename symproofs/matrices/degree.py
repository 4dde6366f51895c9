"""The degree of a step in the entries of its matrices, and the sizes that
decide it.

A polynomial identity of degree ``d`` in the entries of ``n x n`` matrices
that holds for every ``n <= d`` (``d + 1`` for matrix-valued sides) holds for
every ``n``: each monomial of a scalar side involves at most ``d`` indices of
each dimension. Below that, small sizes prove nothing: the trace identity
``tr(A)^4 - 6 tr(A)^2 tr(A^2) + 3 tr(A^2)^2 + 8 tr(A) tr(A^3) - 6 tr(A^4) = 0``
holds for ``n <= 3`` and fails at ``n = 4``.

The bound is on the *sizes* of the matrices, not on the dimension symbols:
for ``A`` of shape ``(n - 1) x (n - 1)`` the sizes up to 4 need ``n`` up to
5. A polynomial that is not zero at some sizes stays nonzero at any larger
ones (its sub-block at the smaller sizes is the smaller polynomial), so the
step is decided once every dimension of its matrices reaches the bound at
one checked point: :func:`symbol_top` finds the smallest box of symbol
values that holds such a point. The same cut holds above a lower bound on
the sizes (``n >= 3``): a monomial of ``P_n`` uses at most ``d`` indices,
which lie in a block of any size ``s`` with ``d <= s <= n``, so ``P_s = 0``
at the smallest admitted ``s >= d`` and at the admitted sizes below decide
every admitted ``n``. The argument needs the sides to be the same
polynomial at every size, unchanged by relabelling the indices and by
cutting out a block: a dimension used as a number, an entry index in it
and a determinant break that, fixed indices move the sizes up
(:mod:`symproofs.matrices.dimensions`).

>>> import sympy as sp
>>> a, b, lam = sp.symbols("a b lam")
>>> value_degree([a**2 * b + lam**5, a], {a, b})
3
>>> value_degree([sp.sqrt(a)], {a}) is None
True
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> symbol_top([n - 1, n, 2], (n,), 4, ())
5
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import sympy as sp

__all__ = ["sizes_needed", "symbol_top", "value_degree"]

#: How far above the size asked the dimension symbols are searched.
_SEARCH = 8


def value_degree(values: Iterable[sp.Basic], entries: set[sp.Basic]) -> int | None:
    """An upper bound on the total degree in ``entries`` of every value
    (entries of matrices included); ``None`` when a value is not a
    polynomial in them (a root, a quotient, a function of an entry)."""
    memo: dict[sp.Basic, int | None] = {}

    def deg(e: sp.Basic) -> int | None:
        if e in memo:
            return memo[e]
        out: int | None
        if e in entries:
            out = 1
        elif not (e.free_symbols & entries):
            out = 0
        elif isinstance(e, sp.Add):
            parts = [deg(a) for a in e.args]
            out = None if any(p is None for p in parts) else max(p for p in parts if p is not None)
        elif isinstance(e, sp.Mul):
            parts = [deg(a) for a in e.args]
            out = None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
        elif isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp >= 0:
            base = deg(e.base)
            out = None if base is None else base * int(e.exp)
        else:
            out = None
        memo[e] = out
        return out

    best = 0
    for v in values:
        for x in v if isinstance(v, sp.MatrixBase) else [v]:
            d = deg(x)
            if d is None:
                return None
            best = max(best, d)
    return best


def sizes_needed(degree: int, matrix_valued: bool) -> int:
    """The largest size to check: ``d`` for a scalar side, ``d + 1`` for a
    matrix-valued one (its row and column indices count)."""
    return degree + 1 if matrix_valued else degree


def symbol_top(
    shapes: Iterable[sp.Basic], dims: Sequence[sp.Symbol], need: int, told: Sequence[sp.Basic]
) -> int | None:
    """The smallest ``top`` such that some values of ``dims`` in ``1..top``
    that ``told`` admits make every dimension in ``shapes`` written in them
    alone at least ``need``; ``None`` when none up to ``need + 8`` does."""
    wanted = set(dims)
    varying = {e for e in map(sp.sympify, shapes) if e.free_symbols & wanted and e.free_symbols <= wanted}
    for top in range(1, need + _SEARCH + 1):
        for values in itertools.product(range(1, top + 1), repeat=len(dims)):
            if top not in values:
                continue  # the smaller boxes were searched already
            at = dict(zip(dims, map(sp.Integer, values), strict=True))
            sizes = [e.xreplace(at) for e in varying]
            if all(x.is_Integer and x >= need for x in sizes) and not any(c.xreplace(at) is sp.false for c in told):
                return top
    return None
