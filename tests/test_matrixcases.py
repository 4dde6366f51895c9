"""Whether a case on norms of vectors holds at a point (symproofs.grading.matrixcases)."""

from __future__ import annotations

import sympy as sp

from symproofs.grading.matrixcases import matrix_case_holds, on_matrices, valued
from symproofs.matrices.linalg import Norm, SqNorm

n = sp.Symbol("n", integer=True, positive=True)
u = sp.MatrixSymbol("u", n, 1)


def _at(entries: list[int]) -> tuple[tuple[sp.Basic, sp.Basic], ...]:
    # the point keys its matrices at its own sizes, as the matrix refuters report them
    size = sp.Integer(len(entries))
    return ((n, size), (sp.MatrixSymbol("u", size, 1), sp.Matrix(entries)))


def test_a_norm_case_is_decided_at_the_points_matrices() -> None:
    unit = sp.Eq(Norm(u), 1)
    assert on_matrices(unit) and valued(unit, _at([-2]))
    assert matrix_case_holds(unit, _at([-2])) is False
    assert matrix_case_holds(unit, _at([1])) is True
    assert matrix_case_holds(sp.Eq(SqNorm(u), 4), _at([0, 2])) is True
    assert matrix_case_holds(sp.Le(Norm(u), 1), _at([3, 4])) is False


def test_a_point_without_the_cases_matrix_decides_nothing() -> None:
    unit = sp.Eq(Norm(u), 1)
    point = ((n, sp.Integer(1)),)
    assert not valued(unit, point) and matrix_case_holds(unit, point) is None
