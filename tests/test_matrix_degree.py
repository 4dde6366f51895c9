"""The degree of a step in the entries of its matrices (symproofs.matrices.degree)."""

from __future__ import annotations

import sympy as sp

from symproofs.matrices.degree import sizes_needed, value_degree

a, b, c, lam = sp.symbols("a b c lambda", real=True)


def test_the_degree_counts_entries_only() -> None:
    assert value_degree([a**2 * b * lam**7 + c], {a, b, c}) == 3
    assert value_degree([sp.Matrix([[a * b, c], [1, lam]])], {a, b, c}) == 2


def test_a_value_that_is_not_a_polynomial_in_the_entries_has_no_degree() -> None:
    assert value_degree([sp.sqrt(a) + b], {a, b}) is None
    assert value_degree([1 / (a + b)], {a, b}) is None
    assert value_degree([sp.exp(a)], {a}) is None
    assert value_degree([sp.exp(lam) * a], {a}) == 1


def test_a_matrix_valued_side_needs_one_size_more() -> None:
    assert sizes_needed(4, matrix_valued=False) == 4
    assert sizes_needed(4, matrix_valued=True) == 5
