"""A student's own definitions (symproofs.grading.definitions): when ``f(x) = ...``
defines a function for every argument, and when it only gives its value at
the point its arguments name."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Given
from symproofs.grading.definitions import (
    AT_A_POINT,
    condition_point,
    course_parameter,
    define_name,
    defines_function,
    formula_of,
    never_holds,
    student_formulas,
    through_functions,
)
from symproofs.grading.report import Mark
from symproofs.latex.notation import Setting

x, y, A, B, X = sp.symbols("x y A B X", real=True)
f, g, P, E = sp.Function("f"), sp.Function("g"), sp.Function("P"), sp.Function("E")


def _setting() -> Setting:
    return Setting(facts=(), givens=(), lemmas=(), algebras=(), expected=())


@pytest.mark.parametrize(("lhs", "rhs", "explicit", "formula"), [
    (f(x), x**2, False, True),  # "with $f(x) = x^2$": a formula in its argument
    (f(x), sp.Integer(3), True, True),  # "define $f(x) = 3$", "f(x) := 3": the constant function
    (g(x), sp.Integer(3), False, False),  # "with $g(x) = 3$": g's value at x
    (P(A), sp.Rational(3, 10), False, False),  # "with $P(A) = 0.3$": the probability of the event A
    (P(A), sp.Rational(3, 10), True, False),  # even after "let": P is never defined constant that way
    (E(X), sp.Integer(2), False, False),
    (P(x), x**2 - 1, True, True),  # "let $P(x) = x^2 - 1$": a polynomial P
    (f(sp.Integer(2)), sp.Integer(5), True, False),  # f(2) = 5: one value
], ids=["formula", "explicit-constant", "value-with", "probability", "probability-let", "expectation",
        "polynomial-P", "number-argument"])
def test_a_function_is_defined_for_every_argument_only_by_a_formula_or_explicitly(
        lhs: sp.Basic, rhs: sp.Basic, explicit: bool, formula: bool) -> None:
    assert defines_function(_setting(), lhs, rhs, explicit=explicit) is formula


def test_an_argument_with_a_value_of_its_own_is_a_point() -> None:
    a = sp.Symbol("a", real=True)
    setting = define_name(_setting(), a, sp.Integer(2), 1)  # "let $a = 2$"
    assert not defines_function(setting, f(a), a**2, explicit=True)  # then "$f(a) = a^2$": f at 2


def test_a_value_at_a_point_is_kept_as_such_and_never_unfolds_elsewhere() -> None:
    setting = define_name(_setting(), P(A), sp.Rational(3, 10), 1)
    (given,) = setting.givens
    assert given.name == "defined on line 1" + AT_A_POINT and not formula_of(given)
    assert student_formulas(setting) == []
    assert through_functions(setting, P(B)) == P(B)  # nothing about P(B)
    # a second value of P at another event keeps the first (P(A) = 0.3 and P(B) = 0.5)
    both = define_name(setting, P(B), sp.Rational(1, 2), 1)
    assert {gv.statement for gv in both.givens} == {sp.Eq(P(A), sp.Rational(3, 10)), sp.Eq(P(B), sp.Rational(1, 2))}
    # while a formula is one for every argument
    squared = define_name(_setting(), f(x), x**2, 2)
    assert through_functions(squared, f(y + 1)) == (y + 1) ** 2


def test_a_probability_in_a_problem_statement_is_a_value_too() -> None:
    stated = Given(name="statement P-0", statement=sp.Eq(P(A), sp.Rational(3, 10)))
    assert not formula_of(stated)
    assert formula_of(Given(name="statement f-0", statement=sp.Eq(f(x), x + 1)))


def _graded(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    return [(s.verdict, s.message) for s in steps(graded(tmp_path, body))]


@pytest.mark.parametrize(("body", "marks"), [
    # a value at one event says nothing of another: never proved
    ("Let $A$ be an event with $P(A) = 0.3$, and $B$ any event. Then\n$$ P(B) = 0.3 $$\n", [Mark.UNKNOWN]),
    ("Let $g$ be differentiable with $g(x) = 3$. Then\n$$ g(y) = 3 $$\n", [Mark.UNKNOWN]),
    # nor makes P or E a constant that refutes a true line
    ("Let $A$ be an event with $P(A) = 0.3$. Then\n$$ P(A^c) = 1 - P(A) = 0.7 $$\n", [Mark.UNKNOWN, Mark.PROVED]),
    ("Let $X$ be a random variable with $E(X) = 2$. Then\n$$ E(3X + 1) = 7 $$\n", [Mark.UNKNOWN]),
    # the values are used where the same application appears
    ("With $P(A) = 0.3$ and $P(B) = 0.5$ we get\n$$ P(A) + P(B) = 0.8 $$\n", [Mark.PROVED]),
    # and a function the text defines is one for every argument
    ("Define $f(x) = 3$. Then\n$$ f(5) = 3 $$\n", [Mark.PROVED]),
    ("Let $f(x) = x^2$. Then\n$$ f(3) = 9 $$\n", [Mark.PROVED]),
], ids=["probability-elsewhere", "function-elsewhere", "complement", "expectation-linear", "values-used",
        "explicit-constant", "formula"])
def test_a_value_given_at_one_argument_is_no_definition_for_all(
        tmp_path: Path, body: str, marks: list[Mark]) -> None:
    steps = _graded(tmp_path, body)
    assert [m for m, _ in steps] == marks, steps


def test_a_condition_no_integer_meets_holds_for_no_value() -> None:
    """``n^2 = 2`` for an integer n, ``n^2 + n = 0`` for a positive one: nothing the line could claim; ``n^2 = 4``
    for a positive n holds at n = 2, which a counterexample names."""
    n = sp.Symbol("n", integer=True, positive=True)
    r = sp.Symbol("r", real=True)
    assert never_holds(sp.Eq(n**2, 2)) and never_holds(sp.Eq(n**2, 3)) and never_holds(sp.Eq(n**2 + n, 3))
    assert never_holds(sp.Eq(n**2 + n, 0)) and not never_holds(sp.Eq(sp.Symbol("k", integer=True)**2 + 1, 2))
    assert not never_holds(sp.Eq(n**2, 4)) and not never_holds(sp.Eq(r**2, 2))
    assert condition_point(sp.Eq(n**2, 4)) == (n, 2)
    assert condition_point(sp.Eq(n**2, 2)) is None and condition_point(sp.Eq(r**2, 2)) == (r, -sp.sqrt(2))


def test_a_recurrence_at_a_shifted_index_is_read_after_its_start(tmp_path: Path) -> None:
    """"Let $a_1 = 3$ and $a_{n+1} = 3 a_n$": a_2 = 3 a_1 = 9 is proved, and so is the base case's arithmetic
    (its first relation, after a case heading, is the case it works in)."""
    sub = graded(tmp_path, "## Q1\n\nLet $a_1 = 3$ and $a_{n+1} = 3 a_n$ for $n \\ge 1$.\n\n"
                           "**Base case.** $a_1 = 3 = 2^1 + 1$.\n\n$$\na_2 = 3 a_1 = 9\n$$\n")
    assert [(s.line, s.source, s.verdict) for s in steps(sub)] == [
        (5, "3", Mark.UNKNOWN), (5, "2^1 + 1", Mark.PROVED), (8, "3 a_1", Mark.PROVED), (8, "9", Mark.PROVED)]


@pytest.mark.parametrize(("value", "mark"), [("5", Mark.REFUTED), ("1", Mark.PROVED)])
def test_a_value_defined_at_a_point_of_a_student_formula_is_checked_against_it(tmp_path: Path, value: str,
                                                                                 mark: Mark) -> None:
    # g(0) := 5 after g(x) := x + 1 is a claim about g (g(0) = 1), never a new definition a later line rests on
    got = _graded(tmp_path, f"Define $$g(x) := x + 1$$ and $$g(0) := {value}$$ so $$g(0) = {value}$$\n")
    assert [v for v, _ in got] == [Mark.UNKNOWN, mark, mark], got
    assert "checked against its definition" in got[1][1]


@pytest.mark.parametrize("body", [
    "Let $S$ denote the sum $1 + 2 + \\dots + n$ of the first $n$ integers. Then\n$$ S = \\frac{n(n-1)}{2} $$\n"
    "hence\n$$ 2S + 2n = n^2 + n $$\n",
    "Let $m$ be the mean of the data, and\n$$ m = \\frac{1}{n}\\sum_{i=1}^n x_i^2 $$\n"
    "$$ n m = \\sum_{i=1}^n x_i^2 $$\n",
    "Let $s$ be the number of subsets of a set of $n$ elements:\n$$ s = n^2 $$\nthus\n$$ s - n^2 = 0 $$\n",
    "The area $A$ of a disc of radius $r$ is\n$$ A = 2\\pi r $$\nand so\n$$ \\frac{A}{r} = 2\\pi $$\n",
    "Write $S_n$ for the sum of the first $n$ odd numbers, so\n$$ S_n = n^2 + 1 $$\nand\n$$ S_n - 1 = n^2 $$\n",
    "Let $V$ be the variance of $X$, i.e. $V = \\mathbb{E}[X^2] - \\mathbb{E}[X]^2$. Then\n"
    "$$ V = \\mathbb{E}[X^2] + \\mathbb{E}[X]^2 $$\nso\n$$ V - \\mathbb{E}[X]^2 = \\mathbb{E}[X^2] $$\n",
], ids=["sum-denote", "mean", "subsets", "area", "write-for", "variance-ie"])
def test_a_formula_for_a_name_the_words_describe_is_a_claim_never_a_definition(tmp_path: Path, body: str) -> None:
    got = steps(graded(tmp_path, "## Answer 1\n\n" + body))
    assert not any(s.verdict is Mark.PROVED for s in got), [(s.line, s.verdict, s.message) for s in got]
    assert not any(s.message.startswith("the student defines") for s in got), [(s.line, s.message) for s in got]


def test_a_name_introduced_by_its_formula_is_still_the_students_definition(tmp_path: Path) -> None:
    got = steps(graded(tmp_path, "## Answer 1\n\nLet $f(x) = x^2$. Then\n$$ f(3) = 9 $$\n\n"
                                 "We write\n$$ S = a + b $$\nso\n$$ 2S = 2a + 2b $$\n"))
    assert [s.verdict for s in got if s.line in (4, 9)] == [Mark.PROVED, Mark.PROVED], [
        (s.line, s.verdict, s.message) for s in got]


_REAL_N = '[symbols]\nx = "real"\nn = "positive integer"\nT = "positive integer"\n'


@pytest.mark.parametrize(("definition", "false", "true"), [
    (r"J = \sum_{i=1}^{n} w_i^2", r"\frac{\partial J}{\partial w_i} = 2\sum_{k=1}^{n} w_k",
     r"\frac{\partial J}{\partial w_i} = 2 w_i"),
    (r"m = \frac{1}{n}\sum_{i=1}^{n} x_i", r"\frac{\partial m}{\partial x_i} = 1",
     r"\frac{\partial m}{\partial x_i} = \frac{1}{n}"),
    (r"L = \sum_{t=1}^{T} (\theta - y_t)^2", r"\frac{\partial L}{\partial y_t} = -2\sum_{k=1}^{T}(\theta - y_k)",
     r"\frac{\partial L}{\partial y_t} = -2(\theta - y_t)"),
], ids=["squares", "sample-mean", "loss"])
def test_a_definitions_sum_index_never_captures_the_index_of_a_derivative(tmp_path: Path, definition: str,
                                                                          false: str, true: str) -> None:
    # the sum's i in J = sum_i w_i^2 is not the i of dJ/dw_i: the capture proved the false line
    for notation in (None, _REAL_N):
        text = f"## Answer 1\n\nLet\n$$ {definition} $$\nThen\n$$ {false} $$\n$$ {true} $$\n"
        got = {s.line: s.verdict for s in steps(graded(tmp_path, text, notation=notation))}
        assert got[6] is not Mark.PROVED


_A2 = (Path(__file__).resolve().parent.parent / "examples" / "ift6135-h19-a2" / "notation.toml").read_text(
    encoding="utf-8")


def test_a_course_parameter_is_a_name_the_facts_definitions_or_laws_speak_of() -> None:
    alpha, beta, lam = sp.symbols("alpha beta lambda_dropout", real=True)
    setting = Setting(facts=(alpha < beta,), givens=(), lemmas=(), algebras=(), expected=())
    assert course_parameter(setting, alpha) and course_parameter(setting, beta)
    assert not course_parameter(setting, lam)  # a name the answer is to define: declared only with a sign
    mine = Setting(facts=(), givens=(Given(name="defined on line 3", statement=sp.Eq(lam, alpha)),), lemmas=(),
                   algebras=(), expected=())
    assert not course_parameter(mine, lam)  # the student's own definition makes no course parameter


@pytest.mark.parametrize(("body", "false_lines"), [
    # Q1: alpha < beta any; "alpha = -beta" is a special case or a false claim, never the student's definition
    ("# Question 1\n\n$$ \\alpha = -\\beta $$\n\n$$ \\mathbb{E}[W_{ij}^2] = \\sigma^2 $$\n\n"
     "$$ \\sigma^2 = \\frac{\\beta^2}{3} $$\n", {5, 7}),
    # Q4: gamma is the learned scale; "gamma = ||u||" does not make w = u
    ("# Question 4\n\n$$ \\gamma = \\|u\\| $$\n\n$$ w = u $$\n\n$$ \\|w\\| = \\|u\\| $$\n", {5, 7}),
    # Q3: alpha the momentum rate, beta the decay, both any number in (0, 1)
    ("# Question 3\n\n$$ \\alpha = 1 - \\beta $$\n\n$$ \\alpha + \\beta = 1 $$\n\n"
     "$$ \\alpha^2 + 2\\alpha\\beta + \\beta^2 = 1 $$\n", {5, 7}),
    # "let alpha := -beta" in 1.1: a case chosen there, carried nowhere as a definition
    ("# Question 1\n\n## 1.1\n\nLet $\\alpha := -\\beta$.\n\n$$ \\mu = 0 $$\n\n## 1.2\n\n"
     "$$ \\mathbb{E}[W_{ij}^2] = \\sigma^2 $$\n", {11}),
], ids=["q1-alpha", "q4-gamma", "q3-alpha", "let-carried"])
def test_an_equation_on_a_course_parameter_is_no_definition_to_prove_with(
        tmp_path: Path, body: str, false_lines: set[int]) -> None:
    got = {s.line: s for s in steps(graded(tmp_path, body, notation=_A2)) if s.relation}
    assert all(got[line].verdict is not Mark.PROVED for line in false_lines), [(s.line, s.verdict, s.message)
                                                                              for s in got.values()]
    assert not any("the student defines" in s.message for s in got.values())


def test_a_name_the_notation_only_declares_is_still_the_students_to_define(tmp_path: Path) -> None:
    body = ("# Question 2\n\nWe put $\\lambda^{\\text{dropout}} = \\frac{1-p}{p}$.\n\n"
            "$$ \\lambda^{\\text{dropout}} = \\frac{1}{p} - 1 $$\n\n$$ \\lambda^{\\text{dropout}} = \\frac{1}{p} $$\n")
    got = [s.verdict for s in steps(graded(tmp_path, body, notation=_A2)) if s.relation]
    assert got == [Mark.PROVED, Mark.REFUTED], got

