"""Tests of the context of one graded step (symproofs.grading.context)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.core.model import Given
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.core.statements import Lemma
from symproofs.grading.context import index_floors, into_moments, ranges_written, relevant_givens
from symproofs.grading.needs import _impossible_value
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.notation import Setting
from symproofs.probability.variables import E

t = sp.Symbol("t", integer=True)
k = sp.Symbol("k", integer=True)
x = sp.Symbol("x", real=True)


def test_a_written_range_is_not_reversed() -> None:
    s = sp.Sum(x**k, (k, 1, t)) + sp.Sum(x**k, (k, 1, t + 1))
    assert set(ranges_written([s])) == {sp.Ge(t, 0), sp.Ge(t + 1, 0)}
    assert ranges_written([sp.Sum(x**k, (k, 1, 5))]) == []  # numbers: nothing presumed
    assert ranges_written([sp.Sum(x**k, (k, 1, x))]) == []  # a real bound is rounded, not presumed


def test_only_the_definitions_a_step_reaches_are_kept() -> None:
    a, b, c = sp.symbols("a b c", real=True)
    defs = (Given(name="a", statement=sp.Eq(a, b + 1), text="a"),
            Given(name="b", statement=sp.Eq(b, 2), text="b"),
            Given(name="c", statement=sp.Eq(c, x), text="c"))
    assert [g.name for g in relevant_givens(defs, [a + x])] == ["a", "b"]  # c = x: x does not reach c
    assert relevant_givens(defs, [x]) == ()


def test_a_probability_outside_the_unit_interval_is_no_counterexample() -> None:
    prob = sp.Function("Prob")(sp.Gt(x, 0))
    for value, impossible in ((sp.Integer(2), True), (sp.Rational(1, 2), False)):
        cx = Counterexample(assignment=((prob, value),), lhs=sp.Integer(0), rhs=sp.Integer(1))
        result = StepResult(verdict=Verdict.REFUTED, method="probe", trust=Trust.NONE, counterexample=cx)
        assert bool(_impossible_value(result)) is impossible


def _setting(givens: tuple[Given, ...] = (), lemmas: tuple[Lemma, ...] = ()) -> Setting:
    return Setting(facts=(), givens=givens, lemmas=lemmas, algebras=(), expected=())


def test_definitions_are_written_out_inside_moments_only() -> None:
    i = sp.Symbol("i", integer=True)
    a, w, b, v = (sp.Function(n, real=True) for n in "awbv")
    c = sp.Symbol("c", real=True)
    pre = Given(name="pre", statement=sp.Eq(a(i), w(i) + b(i)), index=i, text="a_i = w_i + b_i")
    bias = Lemma(name="bias", statement=sp.Eq(b(i), c), variables=(i,), text="b_i = c")
    rec = Given(name="rec", statement=sp.Eq(v(t), v(t - 1) + 1), index=t, valid_from=1, text="v_t = v_{t-1} + 1")
    setting = _setting((pre, rec), (bias,))
    # E[a_2] is E[w_2 + b_2], with b_2 = c written in too; a outside E is left to the verifier
    assert into_moments(setting, E(a(2)) + a(3)) == E(w(2) + c) + a(3)
    assert into_moments(setting, E(a(x))) == E(a(x))  # a is defined at integer indices only
    assert into_moments(setting, E(v(t))) == E(v(t))  # a recurrence is not unfolded
    late = Given(name="late", statement=sp.Eq(a(i), c), index=i, valid_from=1, text="a_i = c")
    assert into_moments(_setting((late,)), E(a(0)) + E(a(1))) == E(a(0)) + E(c)
    assert into_moments(setting, (E(a(1)), x)) == (E(w(1) + c), x)


# -- what a student's definitions and a line's conditions mean, graded end to end -------------------
_MASK = ('[symbols]\np = "positive"\n[indices]\nnames = ["i", "j", "k"]\n[matrices]\nX = ["n", "d"]\n'
         'R = ["n", "d"]\nu = ["d"]\nW = ["d", "d"]\nh = ["d"]\nA = ["n", "n"]\n'
         '[random.variables]\nR = { law = "bernoulli", p = \'p\', members = "iid" }\n'
         "[assumptions]\nfacts = ['p \\le 1']\n")


def _verdicts(tmp_path: Path, notation: str, *displays: str) -> dict[int, Mark]:
    """Each display (on lines 1, 3, 5, ...) graded under ``notation``: its last step's verdict."""
    (tmp_path / "notation.toml").write_text(notation, encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("\n\n".join(displays) + "\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    return {s.line: s.verdict for c in sub.chains for s in c.steps}


def test_a_name_defined_from_random_entries_is_random_inside_an_expectation(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _MASK, "$$s = R_{ij} + 1$$", "$$\\mathbb{E}[s] = s$$",
                    "We write $M := X \\odot R$ for the masked input.", "$$\\mathbb{E}[M] = M$$",
                    "$$\\mathbb{E}[M] = p X$$")
    assert got[3] is not Mark.PROVED and got[7] is Mark.REFUTED
    assert got[9] is Mark.PROVED


def test_a_definition_that_contradicts_the_assumptions_is_not_used(tmp_path: Path) -> None:
    notation = "[symbols]\nbeta = \"positive\"\nb = \"real\"\n[assumptions]\nfacts = ['0 < \\beta < 1']\n"
    got = _verdicts(tmp_path, notation, "We note $\\beta = 2$.", "$$\\beta^2 = 4$$", "where", "$$b = 3$$",
                    "$$b^2 = 9$$")
    assert got[3] is Mark.REFUTED  # beta = 2 is not beta in (0, 1)
    assert got[9] is Mark.UNKNOWN  # b = 3 contradicts nothing: a case b^2 = 9 holds in, not a definition


def test_an_entry_has_one_value_at_a_point_inside_a_sum(tmp_path: Path) -> None:
    notation = '[indices]\nnames = ["i", "j", "k"]\n[matrices]\nu = ["n"]\nA = ["n", "n"]\n'
    got = _verdicts(tmp_path, notation, "$$\\sum_{j=1}^{i} u_j - \\sum_{j=1}^{i-1} u_j = u_i$$",
                    "$$\\sum_{j=1}^{k} \\delta_{ij} u_j = u_i \\quad (i \\le k)$$",
                    "$$\\sum_{k=1}^{i} A_{ik} = \\sum_{k=1}^{i-1} A_{ik} + A_{ii}$$")
    assert set(got.values()) == {Mark.PROVED}


def test_a_kronecker_delta_before_parentheses_is_a_factor(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _MASK, "$$\\delta_{ij} (1 - \\delta_{ij}) = 0$$",
                    "$$\\delta_{ij} (p - p^2) + p^2 = p^2 + \\delta_{ij} p(1-p)$$",
                    "$$\\delta_{ij} (1 - \\delta_{ij}) = 1$$")
    assert got == {1: Mark.PROVED, 3: Mark.PROVED, 5: Mark.REFUTED}


def test_an_implication_holds_under_the_condition_its_row_states(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, '[symbols]\nx = "real"\n', "$$x^2 = 4 \\iff x = 2 \\quad (x > 0)$$",
                    "$$x^2 = 4 \\implies x = 2 \\quad \\text{for } x > 0$$",
                    "$$x^2 = 4 \\implies x = -2 \\quad (x > 0)$$", "$$x^2 = 4 \\implies x = 2$$")
    assert got == {1: Mark.PROVED, 3: Mark.PROVED, 5: Mark.REFUTED, 7: Mark.REFUTED}


def test_counterexamples_place_entries_inside_the_matrix(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _MASK, "$$\\sum_{k=1}^{d} \\frac{\\partial u_k}{\\partial u_i} = 1$$",
                    "$$\\sum_{k=1}^{d} \\frac{\\partial (W h)_k}{\\partial W_{ij}} = h_j$$",
                    "$$(\\operatorname{diag}(u))_{ij} = u_i$$")
    assert got[1] is Mark.PROVED and got[3] is Mark.PROVED and got[5] is Mark.REFUTED


def test_t_on_a_declared_scalar_is_a_power(tmp_path: Path) -> None:
    notation = '[symbols]\ndelta = "nonnegative"\ngamma = "positive"\n[assumptions]\nfacts = [\'\\delta < 1\']\n'
    got = _verdicts(tmp_path, notation, "$$\\delta^T \\ge \\delta$$", "$$\\delta^T \\delta = \\delta^{T+1}$$")
    assert got[1] is not Mark.PROVED and got[3] is Mark.PROVED


def test_a_defined_function_applied_to_a_bound_name_does_not_capture_it(tmp_path: Path) -> None:
    notation = '[symbols]\nn = "positive integer"\nx = "real"\ny = "real"\n[indices]\nnames = ["k", "j"]\n'
    got = _verdicts(tmp_path, notation, "Let", "$$f(x) := \\sum_{k=1}^{n} x^k$$", "$$f(k) = \\sum_{j=1}^{n} j^j$$",
                    "$$f(2) = \\sum_{k=1}^{n} 2^k$$")
    assert got[5] is Mark.REFUTED and got[7] is Mark.PROVED


def test_a_student_keeps_the_courses_random_variables_and_joint_assumptions(tmp_path: Path) -> None:
    notation = ("[symbols]\nmu = \"real\"\nalpha = \"positive\"\nbeta = \"positive\"\n"
                "[indices]\nnames = [\"t\"]\n[assumptions]\nfacts = ['0 < \\alpha < 1', '0 < \\beta < 1']\n"
                "[random.variables]\ng = { law = \"generic\", mean = '\\mu', members = \"dependent\" }\n")
    got = _verdicts(tmp_path, notation, "where", "$$g_t = \\mu$$", "$$\\mathbb{E}[g_t^2] = \\mu^2$$",
                    "Let", "$$\\beta := 2 - \\alpha$$", "$$\\beta > 1$$")
    assert got[5] is Mark.REFUTED and got[11] is Mark.REFUTED


def test_a_fact_brings_the_definitions_it_ties_to_the_step(tmp_path: Path) -> None:
    notation = ("[symbols]\nalpha = \"real\"\nbeta = \"real\"\nsigma = \"positive\"\nd = \"positive integer\"\n"
                "[assumptions]\nfacts = ['\\alpha < \\beta', '\\sigma^2 = \\frac{(\\beta - \\alpha)^2}{12}']\n")
    got = _verdicts(tmp_path, notation, "we take", "$$\\alpha := -\\sqrt{\\frac{3}{d}}$$",
                    "$$\\beta := \\sqrt{\\frac{3}{d}}$$", "$$\\sigma^2 = \\frac{1}{d}$$")
    assert got[7] is not Mark.REFUTED


def test_chained_student_values_keep_to_the_assumptions(tmp_path: Path) -> None:
    notation = ("[symbols]\nbeta = \"positive\"\nepsilon = \"real\"\n[assumptions]\nfacts = ['0 < \\beta < 1']\n")
    got = _verdicts(tmp_path, notation, "Let $\\epsilon := 2$ and $\\beta := \\epsilon$.", "$$\\beta > 1$$",
                    "$$\\beta < 1$$")
    assert got[3] is Mark.REFUTED and got[5] is Mark.PROVED


_XYZ = '[symbols]\nx = "real"\ny = "real"\nz = "real"\na = "real"\nb = "real"\n'


@pytest.mark.parametrize("lead", ["", "Let", "For instance with", "Without loss of generality", "we take"])
def test_a_number_for_a_declared_name_never_proves_the_lines_after_it(tmp_path: Path, lead: str) -> None:
    # x = 0 is a case the text takes (or where an answer arrives), not a
    # definition: (x + 1)^2 = x^2 + 1 is false for every x but 0.
    got = _verdicts(tmp_path, _XYZ, lead, "$$x = 0$$", "In general,", "$$(x+1)^2 = x^2 + 1$$",
                    "$$\\sin(x) = x^3$$")
    assert got[7] is not Mark.PROVED and got[9] is not Mark.PROVED
    assert Mark.PROVED not in got.values()


def test_an_inline_number_for_a_declared_name_is_a_case(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _XYZ, "For instance with $x = 0$, we get", "$$(x+1)^2 = 1$$",
                    "In general,", "$$(x+1)^2 = x^2 + 1$$")
    assert got == {3: Mark.PROVED, 7: Mark.REFUTED}  # at the value; the general line is no longer in it


@pytest.mark.parametrize("cue", ["Substituting", "Plugging in", "At", "Set", "Take", "Putting", "Consider"])
def test_a_value_given_in_prose_is_a_case_never_a_false_alarm(tmp_path: Path, cue: str) -> None:
    got = _verdicts(tmp_path, _XYZ, f"{cue} $x = 2$ we get", "$$x^2 + 1 = 5$$")
    assert got[3] is Mark.PROVED  # at the value taken
    assert _verdicts(tmp_path, _XYZ, f"{cue} $x = 2$ we get", "$$x^2 + 1 = 6$$")[3] is Mark.REFUTED
    # no value taken: an equation to solve, never an identity to refute; the same slip about x for all x is
    assert _verdicts(tmp_path, _XYZ, "We get", "$$x^2 + 1 = 5$$")[3] is Mark.UNKNOWN
    assert _verdicts(tmp_path, _XYZ, "We get", "$$(x + 1)^2 = x^2 + 1$$")[3] is Mark.REFUTED


def test_a_students_formula_for_a_declared_parameter_still_defines_it(tmp_path: Path) -> None:
    notation = '[symbols]\np = "positive"\nlambda = "positive"\n'
    got = _verdicts(tmp_path, notation, "We put", "$$\\lambda = \\frac{1-p}{p}$$", "$$p\\lambda + p = 1$$")
    assert got[5] is Mark.PROVED


def _rows(tmp_path: Path, *rows: str) -> dict[int, Mark]:
    display = "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
    return _verdicts(tmp_path, _XYZ, display)  # rows on lines 2, 3, ...


def test_a_solving_sequence_checks_each_row_from_the_one_before(tmp_path: Path) -> None:
    got = _rows(tmp_path, "z^2 - 2z + 1 &= 0", "(z - 1)^2 &= 0", "z &= 2")
    assert got == {3: Mark.PROVED, 4: Mark.REFUTED}  # the equation itself is what is solved, not an identity
    assert _rows(tmp_path, "2x + 3 &= 7", "2x &= 4", "x &= 2") == {3: Mark.PROVED, 4: Mark.PROVED}


def test_rows_of_identities_stay_identities(tmp_path: Path) -> None:
    got = _rows(tmp_path, "(a + b)^2 &= a^2 + b^2", "(a - b)^2 &= a^2 - 2ab + b^2")
    assert got == {2: Mark.REFUTED, 3: Mark.PROVED}
    got = _rows(tmp_path, "(a + b)^2 &= a^2 + 2ab + b^2", "x &= 2")  # x is not what the first row speaks of
    assert got[2] is Mark.PROVED and got[3] is not Mark.PROVED


_SQUARE = ('[symbols]\na = "real"\nb = "real"\n[expected]\nsquare = \'(a+b)^2 = a^2 + 2ab + b^2\'\n'
           '[rubric]\nstep = 0.5\nchain = 1\nmax = 3\n[rubric.expected]\nsquare = 2\n')


@pytest.mark.parametrize(("value", "middle"), [("0", "a^2"), ("a", "4a^2"), ("2a - a", "4a^2")])
def test_an_expected_result_shown_in_a_special_case_scores_nothing(tmp_path: Path, value: str, middle: str) -> None:
    (tmp_path / "notation.toml").write_text(_SQUARE, encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text(f"Without loss of generality\n\n$$b = {value}$$\n\n"
                      f"$$(a+b)^2 = {middle} = a^2 + 2ab + b^2$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    assert not any(s.verdict is Mark.PROVED for c in sub.chains for s in c.steps if s.line > 3)
    assert not sub.score


def test_a_value_stated_right_after_a_display_is_its_case(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _XYZ, "$$(x + 1)^2 = 9$$", "where $x = 2$.", "$$x^2 = 5$$")
    assert got[1] is Mark.PROVED  # "where $x = 2$" holds for its line: (2 + 1)^2 = 9
    assert got[5] is Mark.REFUTED  # the case holds for what follows too: 4 = 5 at x = 2
    # no case taken: an equation to solve, not an identity to refute at x = 0
    assert _verdicts(tmp_path, _XYZ, "$$(x + 1)^2 = 9$$", "The answer is $x = 2$.")[1] is Mark.UNKNOWN


def _graded(tmp_path: Path, notation: str, text: str) -> object:
    (tmp_path / "notation.toml").write_text(notation, encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text(text, encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    return sub


_S = ("[definitions]\nsq = 'S = (a+b)^2'\n[expected]\nsquare = 'S = a^2 + 2 a b + b^2'\n"
      "[rubric]\nchain = 1\nmax = 3\n[rubric.expected]\nsquare = 2\n")


def test_a_chain_under_a_condition_on_a_name_of_the_result_does_not_reach_it(tmp_path: Path) -> None:
    sub = _graded(tmp_path, _S, "$$\n\\begin{aligned}\nS &= (a+b)^2 \\\\\n&= a^2 \\qquad (b = 0) \\\\\n"
                                "&= a^2 + 2ab + b^2\n\\end{aligned}\n$$\n")
    assert not any(c.reaches for c in sub.chains)  # type: ignore[attr-defined]
    honest = _graded(tmp_path, _S, "$$S = (a+b)^2 = a^2 + 2ab + b^2$$\n")
    assert any(c.reaches for c in honest.chains)  # type: ignore[attr-defined]


def test_a_name_the_course_defines_through_is_the_questions_own(tmp_path: Path) -> None:
    sub = _graded(tmp_path, _S, "Without loss of generality let $b = 0$.\n\n$$S = (a+b)^2 = a^2 = a^2 + 2ab + b^2$$\n")
    assert not sub.score  # type: ignore[attr-defined]


def test_a_case_in_words_is_taken_and_ended(tmp_path: Path) -> None:
    y = '[symbols]\ny = "real"\na = "real"\nb = "real"\n'
    got = _verdicts(tmp_path, y, "For $y > 0$,", "$$\\sqrt{y^2} = y$$", "Now for $y < 0$:", "$$|y| = -y$$")
    assert got[3] is Mark.PROVED and got[7] is Mark.PROVED  # each holds in its case, refuted in neither
    got = _verdicts(tmp_path, y, "As a check, at $b = 0$ it reduces to $a^2$. Now the general case:",
                    "$$(a+b)^2 = a^2 + ab + b^2$$")
    assert got[3] is Mark.REFUTED  # the check's case ended


def test_the_value_a_solving_run_arrives_at_must_solve_the_first_row(tmp_path: Path) -> None:
    got = _rows(tmp_path, "\\frac{x}{x-3} + 2 &= \\frac{3}{x-3}", "x + 2(x-3) &= 3", "3x &= 9", "x &= 3")
    assert got[3] is Mark.PROVED and got[4] is Mark.PROVED
    assert got[5] is Mark.UNKNOWN  # implied only because no x solves the first row: 3 is not a solution


def test_rows_of_a_system_are_not_one_equation_solved(tmp_path: Path) -> None:
    display = "\\begin{align*}\nx + y &= 3 \\\\\nx - y &= 1 \\\\\nx &= 2\n\\end{align*}"
    got = _verdicts(tmp_path, _XYZ, "Solving the system:", display)  # rows on lines 4, 5, 6
    assert Mark.REFUTED not in got.values()  # x - y = 1 is a second equation, not implied by the first


def test_a_case_on_a_defined_name_is_a_case_on_what_defines_it(tmp_path: Path) -> None:
    quad = '[symbols]\na = "positive"\nb = "real"\nc = "real"\nx = "real"\n'
    square = "$$ax^2 + bx + c = a\\left(x + \\frac{b}{2a}\\right)^2$$"
    got = _verdicts(tmp_path, quad, "Let $\\Delta = b^2 - 4ac$ be the discriminant. If $\\Delta = 0$, then", square)
    assert got[3] is not Mark.REFUTED  # true when b^2 = 4ac
    got = _verdicts(tmp_path, quad, "Let $\\Delta = b^2 - 4ac$ be the discriminant. Then",
                    square[:-2] + " \\qquad (\\Delta = 0)$$")
    assert got[3] is not Mark.REFUTED


def test_a_condition_reaches_a_result_through_the_courses_definitions(tmp_path: Path) -> None:
    notation = ("[symbols]\np = \"positive\"\nw = \"real\"\n[definitions]\nlam = '\\lambda = \\frac{1-p}{p}'\n"
                "pen = 'R = \\frac{1}{p} w^2 - w^2'\n[expected]\npenalty = 'R = \\lambda w^2'\n"
                "[rubric]\nchain = 1\nmax = 5\n[rubric.expected]\npenalty = 3\n")
    sub = _graded(tmp_path, notation, "$$\n\\begin{aligned}\nR &= \\frac{1}{p} w^2 - w^2 \\\\\n"
                                      "&= 0 \\qquad (p = 1) \\\\\n&= \\lambda w^2\n\\end{aligned}\n$$\n")
    assert not any(c.reaches for c in sub.chains)  # type: ignore[attr-defined]


def test_the_courses_definition_of_a_laws_parameter_holds_in_the_model(tmp_path: Path) -> None:
    notation = ("[symbols]\nmu = \"real\"\nsigma = \"positive\"\nalpha = \"real\"\nbeta = \"real\"\n"
                "[definitions]\nmean = '\\mu = \\frac{\\alpha + \\beta}{2}'\n"
                "[random.variables]\nW = { law = \"generic\", mean = '\\mu', var = '\\sigma^2' }\n")
    got = _verdicts(tmp_path, notation, "$$\\mathbb{E}[W] = \\frac{\\alpha + \\beta}{2}$$",
                    "$$\\mathbb{E}[W] = \\alpha$$")
    assert got[1] is Mark.PROVED and got[3] is not Mark.PROVED  # never refuted at a point breaking mu's definition


def test_a_students_value_reaches_a_sums_bound_of_the_same_name(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, '[symbols]\nx = "real"\n[indices]\nnames = ["k"]\n', "Let $n = 2$. Then",
                    "$$\\sum_{k=1}^{n} k^2 = 5$$", "$$\\sum_{k=1}^{n} k = 4$$")
    assert got[3] is Mark.PROVED and got[5] is Mark.REFUTED  # the bound's n is the integer n the text set to 2


@pytest.mark.parametrize("lead", ["Since $\\mu = 0$ here,", "Base case, $\\mu = 0$:", "Using $\\mu = 0$:",
                                  "Note that $\\mu = 0$, so"])
def test_a_number_in_text_math_for_a_declared_name_is_a_case_unless_drawn_as_a_consequence(
        tmp_path: Path, lead: str) -> None:
    mu = '[symbols]\nmu = "real"\n'
    got = _verdicts(tmp_path, mu, lead, "$$\\mu^2 + 1 = 1$$", "$$\\mu + 1 = 2$$")
    # holds at the value a hypothesis takes ("base case", "using"), not one the text recalls ("since"); fails at it
    assert got[3] is (Mark.PROVED if lead.startswith(("Base", "Using")) else Mark.UNKNOWN) and got[5] is Mark.REFUTED
    got = _verdicts(tmp_path, mu, "hence $\\mu = 0$. In general", "$$\\mu^2 + 1 = 1$$")
    assert got[3] is Mark.REFUTED


def test_a_formula_for_a_name_an_expected_result_reaches_through_the_courses_definitions_is_a_case(
        tmp_path: Path) -> None:
    notation = ("[symbols]\nx = \"real\"\ny = \"real\"\n[definitions]\ns = 'S = x + y'\nt = 'T = x^2 + 2xy + y^2'\n"
                "[expected]\nsq = 'S^2 = T'\n[rubric]\nstep = 0.5\nchain = 1\nmax = 5\n[rubric.expected]\nsq = 2\n")
    sub = _graded(tmp_path, notation, "Let $x = y$.\n\n$$ S^2 = 4y^2 = T $$\n")
    assert not sub.score  # type: ignore[attr-defined]


def test_in_general_ends_a_students_value_for_a_name_the_question_has(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _XYZ, "Let $x = y$. Then", "$$ x^2 - y^2 = 0 $$", "In general, we have",
                    "$$ x^2 - y^2 = x - y - x + y $$")
    assert got[7] is Mark.REFUTED


@pytest.mark.parametrize("lead", ["Assume $x = y$. Let $a > 0$. Then", "If moreover $x = y$, then",
                                  "Assume for now $x = y$.", "For the special case $x = y$, we get",
                                  "Restricting to $x = y$,"])
def test_cases_in_more_words_and_together(tmp_path: Path, lead: str) -> None:
    got = _verdicts(tmp_path, _XYZ, lead, "$$ x^2 - 2xy + y^2 = 0 $$")
    assert got[3] is not Mark.REFUTED


def test_a_hypothesis_about_a_moment_the_laws_leave_open_keeps_refutations_away(tmp_path: Path) -> None:
    notation = '[random.variables]\nX = { law = "generic" }\n'
    got = _verdicts(tmp_path, notation, "Suppose $\\mathbb{E}[X] = 0$ and $\\mathbb{E}[X^2] = 1$. Then",
                    "$$ \\mathrm{Var}(X) = 1 $$")
    assert got[3] is Mark.UNKNOWN
    assert _verdicts(tmp_path, notation, "$$ \\mathrm{Var}(X) = 1 $$")[1] is Mark.REFUTED  # nothing supposed


def test_a_definition_opening_a_chain_names_its_left_side(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, _XYZ, "$$T := (a+b)^2 = a^2 + 2ab + b^2$$", "$$S = T - b^2 = a^2 + 2ab$$")
    assert got[1] is Mark.PROVED  # (a+b)^2 = a^2 + 2ab + b^2, checked after T is named
    assert got[3] is not Mark.REFUTED  # T is (a+b)^2 here, not a free number


def test_a_variable_whose_stated_moments_no_law_has_holds_refutations_back() -> None:
    from symproofs.grading.context import known_heads
    from symproofs.latex.notation import GradingNotation, RandomVariable

    spec = GradingNotation(random=(RandomVariable(name="X", law="generic", unread=True),
                                   RandomVariable(name="Y", law="generic", params=(("mean", "2"),))))
    heads = known_heads(spec, spec.build(), None)
    assert "!X" in heads and "!Y" not in heads and {"X", "Y"} <= heads


def test_an_index_keeps_the_range_of_the_sequences_it_runs_over() -> None:
    t = sp.Symbol("t", integer=True)
    beta = sp.Symbol("beta", positive=True)
    v = sp.Function("v")
    givens = (Given(name="start", statement=sp.Eq(v(0), 0)),
              Given(name="average", statement=sp.Eq(v(t), beta * v(t - 1) + 1), index=t, valid_from=sp.Integer(1)))
    assert index_floors(givens, [1 / (1 - beta**t)]) == [sp.Ge(t, 0)]
    assert index_floors(givens, [beta]) == []  # no index written
    assert index_floors((), [1 / (1 - beta**t)]) == []  # no sequence runs over t


def test_a_step_on_the_index_alone_is_never_refuted_below_its_range(tmp_path: Path) -> None:
    notation = (Path(__file__).resolve().parent.parent / "examples" / "ift6135-h19-a2" / "notation.toml")
    answer = tmp_path / "answer.md"
    answer.write_text("# Question 3\n\n## 3.3\n\n$$ \\mathbb{E}[v_t] = (1 - \\beta^t)\\mu $$\n\n"
                      "$$ \\frac{1}{1 - \\beta^t} \\ge 1 $$\n\n$$ \\frac{1}{1 - \\beta^t} \\le 1 $$\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=notation))
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict for s in got] == [Mark.PROVED, Mark.UNKNOWN, Mark.REFUTED], [(s.verdict, s.message)
                                                                                   for s in got]
    assert "t = -" not in (got[2].counterexample or "")

