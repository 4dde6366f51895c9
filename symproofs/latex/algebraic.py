"""What the parser leaves generic, put in the algebras' terms: a norm of a
vector or of a matrix, and a ``1 x 1`` matrix product as a scalar."""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["for_algebras"]

_NORM_NAME = "norm"


def for_algebras(expr: sp.Basic) -> sp.Basic:
    """What the parser leaves generic, in the matrix algebra's terms: the
    norm of a vector is :class:`~symproofs.matrices.linalg.Norm` (squared,
    :class:`~symproofs.matrices.linalg.SqNorm`), that of a matrix whose kind
    nothing fixes :class:`~symproofs.matrices.linalg.UnsetNorm`, and a ``1 x 1``
    product such as ``u^T g`` is the scalar :class:`~symproofs.matrices.linalg.Scalar`."""
    if not expr.has(sp.MatrixExpr) and not isinstance(expr, sp.MatrixExpr):
        return expr
    from symproofs.matrices.linalg import Norm, Scalar, SqNorm, UnsetNorm, is_vector

    def is_norm(e: sp.Basic) -> bool:
        return (isinstance(e, AppliedUndef) and e.func.__name__ == _NORM_NAME and len(e.args) == 1
                and isinstance(e.args[0], sp.MatrixExpr))

    def square(e: sp.Basic) -> sp.Basic:
        arg = e.base.args[0]
        return SqNorm(arg) if 1 in arg.shape else UnsetNorm(arg) ** 2

    expr = expr.replace(lambda e: isinstance(e, sp.Pow) and e.exp == 2 and is_norm(e.base), square)
    expr = expr.replace(is_norm, lambda e: (Norm if is_vector(e.args[0]) else UnsetNorm)(e.args[0]))
    if isinstance(expr, sp.MatrixExpr) and expr.shape == (1, 1):
        return Scalar(expr)
    return expr
