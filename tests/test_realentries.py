"""Entries of real matrices are real numbers: for the questions about what kind of number an expression is."""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.realentries import entries_as_reals, real_matrix

n = sp.Symbol("n", integer=True, positive=True)
B = sp.MatrixSymbol("B", n, n)
c = sp.MatrixSymbol("c", n, 1)
y = sp.Dummy("y", real=True)


def test_matrices_built_from_real_parts_are_real() -> None:
    tanh_c = ElementwiseApplyFunction(sp.Lambda(y, sp.tanh(y)), c)
    assert real_matrix(B.T * tanh_c + 3 * c)
    assert real_matrix(sp.DiagMatrix(c) ** 2)
    assert real_matrix(sp.Matrix([[1, 2]]))


def test_a_part_not_known_to_be_real_keeps_the_entry_as_it_is() -> None:
    g = sp.Function("g")  # no word on its values
    assert not real_matrix(sp.I * c)
    assert not real_matrix(ElementwiseApplyFunction(sp.Lambda(y, g(y)), c))
    assert not real_matrix(sp.Matrix([[1, sp.I]]))
    entry = sp.Inverse(B + sp.I * sp.Identity(n))[0, 0]  # sympy keeps it an entry of a matrix that is not real
    assert entries_as_reals(entry) == entry
    assert entries_as_reals(entry).is_real is None


def test_an_entry_becomes_a_real_variable_for_sympy() -> None:
    i = sp.Symbol("i", integer=True)
    e = entries_as_reals((B * c)[i, 0] ** 2 + sp.Sum(c[i, 0] ** 2, (i, 0, n - 1)))
    assert e.is_nonnegative is True
    assert not e.atoms(MatrixElement)
