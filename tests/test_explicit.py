"""Equations between matrices written out (symproofs.verifier.explicit)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal

x, y = sp.symbols("x y", real=True)
M = sp.ImmutableMatrix


def test_an_equation_of_written_matrices_holds_entry_by_entry(make_goal) -> None:
    res = check_goal(make_goal(M([[x, 1], [0, 1]]) * M([x, 1]), M([x**2 + 1, 1])))
    assert res.verdict is Verdict.PROVED and res.method.startswith("entrywise (matrices written out)")
    assert res.trust.name == "SYMBOLIC"


def test_one_wrong_entry_refutes_and_is_named(make_goal) -> None:
    res = check_goal(make_goal(M([[1, 2], [3, 4]]) * M([1, 1]), M([3, 8])))
    assert res.verdict is Verdict.REFUTED and res.message.startswith("entry (2, 1)")
    res = check_goal(make_goal(M([x + y, x * y]), M([y + x, x**2])))
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None


def test_an_undecided_entry_leaves_the_step_unknown(make_goal) -> None:
    f = sp.Function("f", real=True)
    res = check_goal(make_goal(M([f(x), 1]), M([f(y), 1]), assumptions=(sp.Eq(x, y),)))
    assert res.verdict is not Verdict.REFUTED


def test_a_symbolic_matrix_is_compared_with_a_written_one_through_its_entries(make_goal) -> None:
    A = sp.MatrixSymbol("A", 2, 2)
    res = check_goal(make_goal(M([[1, 0], [0, 1]]) * A, A.as_explicit().as_immutable()))
    assert res.verdict is Verdict.PROVED
    assert check_goal(make_goal(A, M([[1, 0], [0, 1]]), R.EQ)).verdict is not Verdict.PROVED


def test_matrices_the_givens_write_out_are_put_in_before_the_entries_are_compared(make_goal) -> None:
    from symproofs.core.model import Given

    A, B = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("B", 2, 2)
    givens = (Given(name="defined on line 1", statement=sp.Eq(A, M([[1, 1], [0, 1]]))),
              Given(name="defined on line 2", statement=sp.Eq(B, M([[1, 0], [1, 1]]))))

    def check(lhs: sp.Basic, rhs: sp.Basic) -> Verdict:
        return check_goal(make_goal(lhs, rhs, givens=givens)).verdict

    assert check(A * B, B * A) is Verdict.REFUTED  # they do not commute
    assert check(A * B, M([[2, 1], [1, 1]])) is Verdict.PROVED
    assert check((A + B) * (A - B), A**2 - B**2) is Verdict.REFUTED
    assert check(sp.Determinant(A), sp.Integer(1)) is Verdict.PROVED
    assert check(sp.Trace(A * B), sp.Integer(4)) is Verdict.REFUTED  # it is 3
