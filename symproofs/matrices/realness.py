"""Norms of matrices whose entries may not be real.

Matrix symbols stand for real matrices. A norm is ``sqrt(sum_i |v_i|^2)``
(the conjugate, not ``v^T v``): the two agree on real entries only, and
every symbolic form of this package (``||v||^2 = v^T v``, ``||M||_F^2 =
tr(M^T M)``, the entrywise sums) is written for real entries. A norm of an
expression holding a scalar not known to be real (the imaginary unit as an
entry, a complex factor ``z v``) is therefore left undecided:
:func:`complex_norm` says why, and the step is neither proved nor refuted;
explicit values use :func:`sum_of_squares` (``|x|^2`` per entry).

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> v = sp.MatrixSymbol("v", n, 1)
>>> sum_of_squares(sp.Matrix([[1, sp.I]]))
2
>>> complex_scalar(2 * v) is None, complex_scalar(sp.I * v)
(True, I)
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.matrices.linalg import FrobeniusNorm, Norm, SqNorm

__all__ = ["complex_norm", "complex_scalar", "sum_of_squares"]


def sum_of_squares(m: Iterable[sp.Basic]) -> sp.Expr:
    """``sum |x|^2`` over the entries (``x^2`` for a real entry)."""
    return sp.Add(*[sp.Abs(x) ** 2 for x in m])


def _scalars(node: sp.Basic) -> list[sp.Basic]:
    """The scalars a matrix node holds as values: the factors of a product,
    the entries of an explicit matrix (not shapes, indices or exponents)."""
    if isinstance(node, sp.MatrixBase):
        return list(node)
    if isinstance(node, sp.MatMul):
        return [a for a in node.args if not isinstance(a, MatrixExpr)]
    return []


def complex_scalar(m: sp.Basic) -> sp.Basic | None:
    """The first scalar inside the matrix expression ``m`` (a factor or an
    explicit entry) that is not known to be real, or ``None``."""
    todo = [m]
    while todo:
        node = todo.pop()
        for s in _scalars(node):
            if getattr(s, "is_extended_real", None) is not True:
                return s
        if isinstance(node, sp.MatrixBase):
            continue
        todo.extend(a for a in node.args if isinstance(a, (MatrixExpr, sp.MatrixBase)))
    return None


def complex_norm(exprs: Iterable[object]) -> str | None:
    """Why a norm in ``exprs`` is not decided: its argument holds a scalar
    not known to be real; else ``None``."""
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        for x in sp.preorder_traversal(e):
            if isinstance(x, (SqNorm, Norm, FrobeniusNorm)):
                z = complex_scalar(x.args[0])
                if z is not None:
                    return (
                        f"the norm {sp.sstr(x)} holds {sp.sstr(z)}, which is not known to be real: "
                        "matrices are real here (a norm takes |x|^2 of each entry, not x^2)"
                    )
    return None
