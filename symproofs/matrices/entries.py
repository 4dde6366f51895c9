r"""Expectations of entries of matrices built from Bernoulli keep-masks.

An entry of ``E[M]`` (``M`` built from deterministic matrices and masks
``R`` whose entries are independent Bernoulli(``p``)) is the expectation of
the entry of ``M``: a polynomial in entries, where the expectation of a
monomial in mask entries is ``p`` for one distinct entry (``R_{ki}^2 =
R_{ki}``) and, for two entries ``R_A`` and ``R_B`` whose indices are
symbols, ``p^2 + \delta_{AB} (p - p^2)``: they coincide exactly when their
indices do. Three or more mask entries are left alone.

>>> n, d = sp.symbols("n d", integer=True, positive=True)
>>> R = sp.MatrixSymbol("R", n, d)
>>> i, j, k = sp.symbols("i j k", integer=True)
>>> p = sp.Symbol("p", positive=True)
>>> expect_monomials(R[k, i] * R[k, j], {R: p})
p**2 + (-p**2 + p)*KroneckerDelta(i, j)
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

__all__ = ["expect_monomials"]


def _monomial(term: sp.Expr, masks: Mapping[sp.Basic, sp.Expr]) -> sp.Expr | None:
    entries: list[MatrixElement] = []
    rest = sp.S.One
    for factor in sp.Mul.make_args(term):
        base, power = factor.as_base_exp()
        if isinstance(base, MatrixElement) and base.parent in masks:
            if not (power.is_Integer and power > 0):
                return None
            if base not in entries:
                entries.append(base)
        else:
            rest *= factor
    if not entries:
        return term
    p = masks[entries[0].parent]
    if len(entries) == 1:
        return rest * p
    if len(entries) == 2 and entries[0].parent == entries[1].parent:
        a, b = entries
        same = sp.KroneckerDelta(a.i, b.i) * sp.KroneckerDelta(a.j, b.j)
        return rest * (p**2 + same * (p - p**2))
    return None


def expect_monomials(e: sp.Expr, masks: Mapping[sp.Basic, sp.Expr]) -> sp.Expr | None:
    """``E[e]`` for ``e`` a sum (finite sums inside) of monomials in entries,
    linear through sums; ``None`` when a term is not of the forms above."""
    if isinstance(e, sp.Sum):
        inner = expect_monomials(e.function, masks)
        return None if inner is None else sp.Sum(inner, *e.limits)
    out = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(e)):
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if sums:
            if len(sums) != 1:
                return None
            coeff = term / sums[0]
            if any(isinstance(x, MatrixElement) and x.parent in masks for x in coeff.atoms(MatrixElement)):
                return None
            inner = expect_monomials(sums[0], masks)
            if inner is None:
                return None
            out += coeff * inner
            continue
        value = _monomial(term, masks)
        if value is None:
            return None
        out += value
    return out
