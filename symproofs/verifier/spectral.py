"""The spectral norm through the largest eigenvalue.

``||A|| = sqrt(lambda_1(A^T A))`` is what the spectral norm of a (real)
matrix means, and for a vector ``A^T A`` is the ``1 x 1`` matrix
``[||A||^2]``: either way ``lambda_1(A^T A) = ||A||^2``. For a symmetric
``S`` (a diagonal matrix, a Gram matrix ``B^T B``, the identity), ``S^T S``
is written ``S^2``, and ``lambda_1(S^2) = ||S||^2`` the same way. The
strategy writes every such eigenvalue as the square of the norm on both
sides of a step and compares what is left: a renaming of equal values, so
it proves only what the normal form of the rest proves. The norm it writes
is :class:`~symproofs.matrices.linalg.Norm` itself (the spectral one): an
``||M||`` whose kind the text leaves open (``UnsetNorm``) is never taken
for it.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalMatrix

from symproofs.core.goals import Goal, Outcome
from symproofs.core.results import Trust, Verdict
from symproofs.matrices.linalg import LargestEigenvalue, Norm
from symproofs.matrices.realness import complex_scalar

__all__ = ["gram_root", "spectral_norms"]


def _symmetric(s: sp.Basic) -> bool:
    """``S^T = S`` by its form: a diagonal matrix, the identity, ``B^T B``."""
    if isinstance(s, (sp.Identity, sp.ZeroMatrix, DiagMatrix, DiagonalMatrix)):
        return True
    try:
        return bool(isinstance(s, sp.MatrixExpr) and sp.Transpose(s).doit() == s)
    except (TypeError, ValueError):
        return False


def gram_root(m: sp.Basic) -> sp.Basic | None:
    """``A`` for ``m = A^T A``, and ``S`` for ``m = S^2`` with ``S`` symmetric by its form; else ``None``."""
    if isinstance(m, sp.MatPow) and m.exp == 2 and _symmetric(m.base):
        return m.base
    if isinstance(m, sp.MatMul):
        coeff, rest = m.as_coeff_mmul()
        mats: tuple[sp.Basic, ...] = tuple(rest.args) if isinstance(rest, sp.MatMul) else (rest,)
        if coeff == 1 and len(mats) == 2 and isinstance(mats[0], sp.MatrixExpr) \
                and mats[0] == sp.Transpose(mats[1]).doit():
            return mats[1]
    return None


def _as_norms(e: sp.Basic) -> sp.Basic:
    def norm_squared(x: sp.Basic) -> sp.Basic:
        root = gram_root(x.args[0])  # a real root only: lambda_1(S^2) of S = diag(i v) is not ||S||^2
        return x if root is None or complex_scalar(root) is not None else Norm(root) ** 2

    return e.replace(lambda x: isinstance(x, LargestEigenvalue), norm_squared)


def spectral_norms(goal: Goal, state: object) -> Outcome | None:
    """A step between norms and largest eigenvalues of Gram matrices, with
    each such eigenvalue written as the squared spectral norm."""
    lhs, rhs = goal.lhs, goal.rhs
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)) or isinstance(lhs, sp.MatrixExpr) \
            or isinstance(rhs, sp.MatrixExpr) or not (lhs.has(LargestEigenvalue) or rhs.has(LargestEigenvalue)):
        return None
    diff = sp.expand(_as_norms(lhs) - _as_norms(rhs))
    if diff == 0:
        return Outcome(verdict=Verdict.PROVED, method="spectral norm through the largest eigenvalue",
                       trust=Trust.SYMBOLIC)
    return None
