"""The spectral norm through the largest eigenvalue: lambda_1(A^T A) = ||A||^2, and
lambda_1(S^2) = ||S||^2 for a matrix symmetric by its form; nothing else."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.matrices.linalg import LargestEigenvalue, Norm, UnsetNorm
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.spectral import gram_root

n = sp.Symbol("n", integer=True, positive=True)
A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", n, 3)
v = sp.MatrixSymbol("v", n, 1)
c = sp.Symbol("c", positive=True)
D = DiagMatrix(v)


@pytest.mark.parametrize(("lhs", "rhs"), [
    (Norm(A), sp.sqrt(LargestEigenvalue(A.T * A))),
    (Norm(B) ** 2, LargestEigenvalue(B.T * B)),                        # a matrix that is not square
    (c * Norm(D), c * sp.sqrt(LargestEigenvalue(D**2))),               # a diagonal matrix, its transpose dropped
    (Norm(A) * Norm(v), sp.sqrt(LargestEigenvalue(A.T * A)) * sp.sqrt(LargestEigenvalue(v.T * v))),  # a vector
], ids=["square", "not-square", "diagonal", "vector"])
def test_the_spectral_norm_is_the_root_of_the_largest_eigenvalue(make_goal, lhs, rhs) -> None:
    res = check_goal(make_goal(lhs, rhs))
    assert res.verdict is Verdict.PROVED, res


@pytest.mark.parametrize(("lhs", "rhs"), [
    (Norm(A), LargestEigenvalue(A.T * A)),                             # the root forgotten
    (Norm(A), sp.sqrt(LargestEigenvalue(A**2))),                       # A^2 is not A^T A for every A
    (Norm(A), 2 * sp.sqrt(LargestEigenvalue(A.T * A))),
    (UnsetNorm(A), sp.sqrt(LargestEigenvalue(A.T * A))),               # ||A|| may be Frobenius's here
], ids=["no-root", "square-of-a-matrix", "factor", "unset-norm"])
def test_no_other_eigenvalue_is_a_spectral_norm(make_goal, lhs, rhs) -> None:
    res = check_goal(make_goal(lhs, rhs))
    assert res.verdict is not Verdict.PROVED, res


def test_only_gram_matrices_and_squares_of_symmetric_matrices_have_a_root() -> None:
    assert gram_root(A.T * A) == A
    assert gram_root(D**2) == D
    assert gram_root(A**2) is None
    assert gram_root(2 * A.T * A) is None
    assert gram_root(A.T * A + A) is None


def test_an_inequality_is_left_to_the_order_strategies(make_goal) -> None:
    res = check_goal(make_goal(Norm(A), sp.sqrt(LargestEigenvalue(A.T * A)), R.LE))
    assert res.verdict is not Verdict.REFUTED, res


def test_a_root_with_a_complex_entry_is_not_written_as_a_norm() -> None:
    """lambda_1(S^2) = -min v_i^2 for S = diag(i v), while ||S||^2 = max v_i^2."""
    from symproofs.verifier.spectral import _as_norms

    s = DiagMatrix(sp.I * v)
    assert _as_norms(LargestEigenvalue(s**2)) == LargestEigenvalue(s**2)
    assert _as_norms(LargestEigenvalue(D**2)) == Norm(D) ** 2
