"""Counterexamples in the student's terms: only the step's values, matrices
as matrices, one sentence, LaTeX that compiles in math mode."""

from __future__ import annotations

import sympy as sp

from symproofs.core.results import Counterexample
from symproofs.render.counterexample import present, present_statements

beta, t, k, x = sp.symbols("beta t k x")
g = sp.Function("g")


def test_only_the_symbols_and_function_values_of_the_step() -> None:
    cx = Counterexample(assignment=((beta, sp.Rational(1, 2)), (t, 3), (k, 7), (g(2), 5), (g(9), 1)),
                        lhs=sp.Rational(7, 8), rhs=sp.Rational(15, 16))
    view = present(cx, beta**t + g(2), 1 - beta)
    assert [v[0] for v in view.values] == ["beta", "t", "g(2)"]
    assert view.sentence() == "at beta = 1/2, t = 3, g(2) = 5 the left side is 7/8 and the right side is 15/16"
    assert [v[0] for v in present(cx).values] == ["beta", "t", "k", "g(2)", "g(9)"]  # no sides: every value


def test_matrices_are_small_matrices_and_internal_laws_are_not_shown() -> None:
    u = sp.MatrixSymbol("u", 2, 1)
    cx = Counterexample(assignment=((u, sp.Matrix([[0], [1]])),), lhs=sp.Integer(1), rhs=sp.Integer(-1),
                        model="_T2 takes -1, 1 with probabilities 1/2, 1/2 [shared model]")
    view = present(cx, u)
    assert view.values[0][3] == r"\left(\begin{matrix}0\\1\end{matrix}\right)"
    assert "_T2" not in view.sentence() and "_T2" not in view.latex()
    pieces = view.pieces()
    assert pieces[0] == ("text", "at ") and ("math", r"u = \left(\begin{matrix}0\\1\end{matrix}\right)") in pieces


def test_the_latex_sentence_escapes_the_model() -> None:
    cx = Counterexample(assignment=((x, 1),), lhs=sp.Integer(1), rhs=sp.Integer(2), model="W & V 50%")
    assert present(cx, x).latex().endswith(r", where W \& V 50\%")


def test_function_values_at_the_point_and_matrices_of_a_concrete_shape_are_kept() -> None:
    i, n = sp.Symbol("i", integer=True), sp.Symbol("n", integer=True, positive=True)
    y = sp.Function("y")
    gv = sp.MatrixSymbol("gv", n, 1)
    cx = Counterexample(assignment=((i, -1), (n, 2), (sp.MatrixSymbol("gv", 2, 1), sp.Matrix([[1], [0]])),
                                    (y(-1), 4), (y(5), 0)),
                        lhs=sp.Integer(1), rhs=sp.Integer(0), model="B ~ Bernoulli(1/2)")
    view = present(cx, y(i) * (gv.T * gv)[0, 0], sp.Integer(0))
    assert [v[0] for v in view.values] == ["i", "n", "gv", "y(-1)"]  # y(5) is not a value of the step
    assert view.sentence().endswith("the right side is 0, where B ~ Bernoulli(1/2)")


def test_a_model_in_internal_names_is_never_shown_to_a_student() -> None:
    cx = Counterexample(assignment=((x, 1),), lhs=sp.Integer(1), rhs=sp.Integer(2),
                        model="_U1 is uniform on [-1, 1]; W(...) = _T3 + 1 [shared model]")
    text = present(cx, x).sentence()
    assert "_U1" not in text and "_T3" not in text and "laws for the random variables" in text


def test_a_sum_index_that_is_also_a_value_keeps_the_sum_readable() -> None:
    j = sp.Symbol("j", integer=True)
    side = j * sp.Sum(g(j), (j, 0, k))  # j free outside the sum and bound inside it
    cx = Counterexample(assignment=((j, -2), (k, 0)), lhs=sp.Integer(1), rhs=sp.Integer(0))
    assert [v[0] for v in present(cx, side).values] == ["j", "k"]


def test_a_typeset_model_is_used_in_latex_and_in_math_pieces() -> None:
    cx = Counterexample(assignment=((x, 1),), lhs=sp.Integer(1), rhs=sp.Integer(2),
                        model="B ~ Bernoulli(1/2), independent of X",
                        model_latex=r"$B \sim \operatorname{Bernoulli}\left(\frac{1}{2}\right)$, independent of $X$")
    view = present(cx, x)
    assert view.sentence().endswith("where B ~ Bernoulli(1/2), independent of X")
    assert view.latex().endswith(r", where $B \sim \operatorname{Bernoulli}\left(\frac{1}{2}\right)$, "
                                 r"independent of $X$")
    law = r"B \sim \operatorname{Bernoulli}\left(\frac{1}{2}\right)"
    assert view.pieces()[-4:] == [("text", ", where "), ("math", law), ("text", ", independent of "), ("math", "X")]


y, z = sp.symbols("y z")


def test_a_step_between_statements_says_which_holds_and_which_fails() -> None:
    cx = Counterexample(assignment=((y, 3), (z, -3), (k, 4)), lhs=sp.Integer(6), rhs=sp.Integer(0))
    view = present_statements(cx, (sp.Eq(y**2, z**2),), (sp.Eq(y, z),), converse=False)
    assert view.sentence() == "at y = 3, z = -3 the premise y**2 = z**2 holds but y = z fails"
    assert view.latex() == "at $y = 3$, $z = -3$ the premise $y^{2} = z^{2}$ holds but $y = z$ fails"
    assert ("math", "y = z") in view.pieces() and "left side" not in view.sentence()


def test_an_equivalence_may_fail_in_its_converse() -> None:
    cx = Counterexample(assignment=((y, 1), (z, -1)), lhs=sp.Integer(0), rhs=sp.Integer(2))
    view = present_statements(cx, (sp.Eq(y + z, 2), sp.Eq(y - z, 0)), (sp.Eq(y, 1),), converse=True)
    assert view.sentence() == ("at y = 1, z = -1 the conclusion y = 1 holds but the premise y + z = 2 "
                               "and y - z = 0 fails")


def test_when_the_values_do_not_tell_the_verifiers_sentence_is_kept() -> None:
    f = sp.Function("f")
    cx = Counterexample(assignment=((y, 1),), lhs=sp.Integer(0), rhs=sp.Integer(2),
                        model="the premise holds there, but f(y) - 1 = 0 fails")
    view = present_statements(cx, (sp.Eq(f(y), 2),), (sp.Eq(f(y), 1),), converse=False)
    assert view.sentence() == "at y = 1 the premise holds there, but f(y) - 1 = 0 fails"
    assert "left side" not in view.latex()


class _Unprintable(sp.Symbol):  # type: ignore[misc]
    """A name sympy's LaTeX printer fails on (as Norm did on a power of itself)."""

    def _latex(self, printer: object) -> str:
        raise TypeError("cannot print")


def test_a_value_the_latex_printer_fails_on_is_shown_as_text() -> None:
    q = _Unprintable("q")
    cx = Counterexample(assignment=((x, 2),), lhs=q**2, rhs=sp.Integer(0))
    view = present(cx, x + q)
    assert view.left == ("q**2", r"\text{q**2}")
    assert view.sentence() == "at x = 2 the left side is q**2 and the right side is 0"
    assert ("math", r"\text{q**2}") in view.pieces()


def test_a_conjunction_in_a_statement_reads_as_math_not_as_sympy() -> None:
    cx = Counterexample(assignment=((y, 5),), lhs=sp.Integer(0), rhs=sp.Integer(1))
    both = sp.And(sp.Eq((y + 1)**2, y**2 + 2*y + 1, evaluate=False), sp.Eq(y**2 + 2*y + 1, y**2 + 1))
    view = present_statements(cx, (sp.Eq((y + 1)**2, y**2 + 2*y + 1, evaluate=False),), (both,), converse=False)
    assert view.sentence() == ("at y = 5 the premise (y + 1)**2 = y**2 + 2*y + 1 holds but "
                               "(y + 1)**2 = y**2 + 2*y + 1 and y**2 + 2*y + 1 = y**2 + 1 fails")
    assert "Eq(" not in view.latex() and "\\text{ and }" in view.latex()
