"""The degree of a step in the entries of its matrices (symproofs.matrices.degree)."""

from __future__ import annotations

import sympy as sp

from symproofs import Chain, Derivation, Relation, Step, check
from symproofs.core.results import Verdict
from symproofs.matrices.degree import sizes_needed, symbol_top, value_degree
from symproofs.matrices.space import MatrixAlgebra

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


n = sp.Symbol("n", integer=True, positive=True)


def test_the_symbol_range_covers_the_sizes_not_the_symbol() -> None:
    assert symbol_top([n], (n,), 4, ()) == 4
    assert symbol_top([n - 1], (n,), 4, ()) == 5  # (n - 1) x (n - 1) reaches size 4 at n = 5
    assert symbol_top([n + 1, 2], (n,), 4, ()) == 3
    assert symbol_top([n - 1, n], (n,), 4, (n <= 3,)) is None  # no admitted shape reaches size 4


def _trace_identity(a: sp.MatrixExpr) -> sp.Expr:
    t = sp.Trace
    return t(a) ** 4 - 6 * t(a) ** 2 * t(a**2) + 3 * t(a**2) ** 2 + 8 * t(a) * t(a**3) - 6 * t(a**4)


def test_an_identity_of_sizes_up_to_three_is_not_proved_on_shapes_n_minus_one() -> None:
    """True for sizes <= 3, false at 4: with A of shape (n - 1) x (n - 1), n in 1..4 is not enough."""
    a = sp.MatrixSymbol("A", n - 1, n - 1)
    d = Derivation(id="d", title="d", question="Q", algebras=(MatrixAlgebra(),), assumptions=(n >= 2,),
                   chains=(Chain(start=_trace_identity(a), steps=(Step(Relation.EQ, 0, "trace identity"),)),))
    assert check(d, isolate=False).chains[0].steps[0].verdict is Verdict.REFUTED


def test_a_matrix_of_size_zero_is_not_a_checked_instance() -> None:
    a = sp.MatrixSymbol("A", n - 1, n - 1)
    d = Derivation(id="d", title="d", question="Q", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=sp.Trace(a * a.T), steps=(Step(Relation.EQ, sp.Trace(a.T * a), "t"),)),))
    r = check(d, isolate=False).chains[0].steps[0]
    assert r.verdict is Verdict.PROVED
    assert "not at n = 1 (A has no entries)" in r.describe()
