"""Entries of real matrices are real numbers.

Matrix symbols stand for real matrices (see :mod:`symproofs.matrices.realness`),
so an entry ``(h_{t-1})_i`` of one, or of a sum, product, transpose, ... of
them with real scalars, is a real number. sympy does not know that
(``MatrixElement.is_real`` is ``None``), so a lemma about every real ``z``
(``|\\sigma'(z)| \\le \\gamma``) would not apply at such an entry.
:func:`entries_as_reals` writes each such entry as a fresh real variable, for
the questions that ask only what kind of number an expression is: whatever
holds for every real value of the variables holds for the entries they stand
for. An entry of a matrix built with something not known to be real (a
complex factor ``i v``, a function not known to map reals to reals, a matrix
kind this module does not know) is left as it is.

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> v = sp.MatrixSymbol("v", n, 1)
>>> v[0, 0].is_real, entries_as_reals(v[0, 0] ** 2 + 1).is_positive
(None, True)
>>> entries_as_reals((sp.I * v)[0, 0]).is_real is None
True
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

__all__ = ["CLOSED", "PLAIN", "entries_as_reals", "real_matrix"]

#: matrix expressions whose entries are real when their arguments (matrices and scalars) are
CLOSED = (
    sp.MatAdd,
    sp.MatMul,
    sp.HadamardProduct,
    sp.Transpose,
    sp.Adjoint,
    sp.Inverse,
    sp.DiagMatrix,
    sp.DiagonalMatrix,
    sp.KroneckerProduct,
    sp.BlockMatrix,
    sp.BlockDiagMatrix,
)
PLAIN = (sp.MatrixSymbol, sp.Identity, sp.ZeroMatrix, sp.OneMatrix)


def real_matrix(m: sp.Basic) -> bool:
    """Whether every entry of the matrix ``m`` is surely a real number."""
    if isinstance(m, PLAIN):
        return True
    if isinstance(m, sp.MatrixBase):
        return all(_real_scalar(x) for x in m)
    if isinstance(m, sp.MatPow):
        return real_matrix(m.base) and isinstance(m.exp, sp.Integer)
    if isinstance(m, ElementwiseApplyFunction):
        x = sp.Dummy("x", real=True)
        return real_matrix(m.expr) and _real_scalar(m.function(x))
    if isinstance(m, CLOSED):
        return all(_real_argument(a) for a in m.args)
    return False


def _real_argument(a: sp.Basic) -> bool:
    """A matrix argument is a real matrix, a scalar one a real number; a shape (``Tuple``) says nothing."""
    if isinstance(a, (MatrixExpr, sp.MatrixBase)):
        return real_matrix(a)
    if isinstance(a, sp.Tuple):
        return True
    return _real_scalar(a)


def _real_scalar(x: sp.Basic) -> bool:
    return isinstance(x, sp.Expr) and entries_as_reals(x).is_real is True


def entries_as_reals(e: sp.Basic) -> sp.Basic:
    """``e`` with each entry of a real matrix (:func:`real_matrix`) written
    as a fresh real variable (one per entry): for asking sympy what kind of
    number ``e`` is, never for its value."""
    if not isinstance(e, sp.Basic):
        return e
    found = [x for x in e.atoms(MatrixElement) if real_matrix(x.parent)]
    if not found:
        return e
    return e.xreplace({x: sp.Dummy("entry", real=True) for x in found})
