"""Placeholders the reader puts where a size is not yet known, and the
readings that resolve them.

``\\mathbf{1}`` and ``I`` with several sizes declared wait for the sum or
product they stand in (``1 - h``, ``X^T X + lambda I``, ``X I``) to tell
their size; an entry written in digits (``R_{11}``) is read as the entry; two
columns of one length written ``a \\cdot b`` are a dot product.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["IDENTITY_PENDING", "ONES_PENDING", "entry_digits", "identity_factors", "identity_terms", "same_columns"]

#: ``\mathbf{1}`` whose length only the sum it stands in can tell (``\mathbf{1} - h``)
ONES_PENDING = sp.Symbol("_ones_of_the_sum", commutative=True)
#: ``I`` with several sizes declared, until the sum or product it stands in tells its size.
IDENTITY_PENDING = sp.Symbol("_identity_of_the_sum", commutative=True)


def entry_digits(indices: list[sp.Basic], shape: tuple[object, ...]) -> list[sp.Basic]:
    """The position written in digits on a declared matrix (not a vector):
    ``R_{11}`` (two nonzero digits) or ``R_{1,2}`` is the entry ``(1, 1)``,
    ``(1, 2)``, read as ``R_{ij}`` is; otherwise nothing (``R_1`` names a member)."""
    if len(shape) != 2 or not all(isinstance(i, sp.Integer) and i > 0 for i in indices):
        return []
    if len(indices) == 2:
        return list(indices)
    digits = str(indices[0]) if len(indices) == 1 else ""
    return [sp.Integer(int(c)) for c in digits] if len(digits) == 2 and "0" not in digits else []


def identity_factors(factors: list[sp.Basic]) -> list[sp.Basic]:
    """``I`` of unstated size as a factor of a product with a matrix: the
    product forces its size, and ``I A = A``."""
    if IDENTITY_PENDING in factors and any(isinstance(f, sp.MatrixExpr) for f in factors):
        return [f for f in factors if f != IDENTITY_PENDING]
    return factors


def identity_terms(terms: list[sp.Basic]) -> list[sp.Basic]:
    """``I`` of unstated size in a sum of square matrices of one shape
    (``X^T X + lambda I``, ``A - I``): the identity of that size."""
    shapes = {t.shape for t in terms if isinstance(t, sp.MatrixExpr)}
    if len(shapes) != 1 or (shape := shapes.pop())[0] != shape[1]:
        return terms
    out: list[sp.Basic] = []
    for t in terms:
        if isinstance(t, sp.Expr) and not isinstance(t, sp.MatrixExpr) and t.has(IDENTITY_PENDING):
            coeff = sp.expand(t / IDENTITY_PENDING)
            if not coeff.has(IDENTITY_PENDING) and not coeff.has(ONES_PENDING):
                t = coeff * sp.Identity(shape[0])
        out.append(t)
    return out


def same_columns(a: sp.Basic, b: sp.Basic) -> bool:
    """Whether ``a`` and ``b`` are column vectors of one length (their shapes declared): ``a \\cdot b`` is then
    their dot product, as every reader takes it (not a product of an n x 1 and an n x 1 matrix)."""
    if not (isinstance(a, sp.MatrixExpr) and isinstance(b, sp.MatrixExpr)):
        return False
    (rows, cols), (other, one) = a.shape, b.shape
    return bool(cols == 1 and one == 1 and sp.Eq(rows, other) is sp.true)
