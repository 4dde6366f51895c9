"""A refutation that rests on what nothing determines is held back
(symproofs.grading.needs): also when the step reaches it through a
definition it uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade


def _steps(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    return [(s.verdict, s.message) for s in steps(graded(tmp_path, "# Q1\n\n" + body))]


def test_an_undefined_function_behind_a_definition_is_what_the_refutation_needs(tmp_path: Path) -> None:
    # p = sigma(wx) with sigma only named: p(1 - p) >= 0 depends on what sigma is
    steps = _steps(tmp_path, "Let $p = \\sigma(wx)$ where $\\sigma$ is the sigmoid. Then\n\n"
                             "$$ x^2 p(1-p) = x^2 (p - p^2) \\geq 0 $$\n")
    assert [v for v, _ in steps] == [Mark.PROVED, Mark.UNKNOWN]
    assert "sigma" in steps[1][1] and steps[1][1].startswith("needs:")


def test_a_function_defined_by_its_formula_defines_what_is_defined_through_it(tmp_path: Path) -> None:
    # sigma(z) = 1/(1 + e^{-z}) written into p = sigma(wx): p(1 - p) > 0 is proved, and a slip refuted
    body = ("Let $\\sigma(z) = \\frac{1}{1+e^{-z}}$ and let $p = \\sigma(wx)$. Then\n\n"
            "$$ x^2 p(1-p) = x^2 (p - p^2) \\geq 0 $$\n\n$$ p(1 - p) \\le -x^2 $$\n")
    verdicts = [v for v, _ in _steps(tmp_path, body)]
    assert verdicts == [Mark.PROVED, Mark.PROVED, Mark.REFUTED]


def test_a_false_line_whatever_the_undefined_values_stays_refuted(tmp_path: Path) -> None:
    steps = _steps(tmp_path, "Let $p = \\sigma(wx)$ where $\\sigma$ is the sigmoid.\n\n$$ p + 1 = p $$\n")
    assert [v for v, _ in steps] == [Mark.REFUTED]


def test_a_label_a_delta_compares_with_a_sums_index_is_presumed_in_its_range(tmp_path: Path) -> None:
    # c is "the true class": a point with c outside 1..K refutes nothing the student wrote
    steps = _steps(tmp_path, "Let $c$ be the true class. With $y_i = (1-\\epsilon)\\delta_{ic} + \\epsilon/K$,\n\n"
                             "$$\\sum_{i=1}^K \\delta_{ic} = 1$$\n")
    assert [v for v, _ in steps] == [Mark.UNKNOWN]
    assert "the range of c" in steps[0][1]


def test_a_value_given_in_passing_is_no_definition_and_refutes_nothing(tmp_path: Path) -> None:
    # "hence $x = 2$": the next line speaks of that x; "in general" ends it
    steps = _steps(tmp_path, "Hence $x = 2$.\n\n$$x^2 + 0 = x^2 = 4$$\n\nIn general,\n\n$$x^2 = 4$$\n")
    assert [v for v, _ in steps] == [Mark.PROVED, Mark.UNKNOWN, Mark.REFUTED]
    assert "a value in passing" in steps[1][1]


def test_a_counterexample_moved_into_the_range_still_meets_the_facts(tmp_path: Path) -> None:
    # with c >= 2 (the course's fact) the true line must not be refuted at c = 1, the range's start
    (tmp_path / "n.toml").write_text('[symbols]\nc = "positive integer"\nK = "positive integer"\n'
                                      "[assumptions]\nfacts = ['c \\ge 2']\n", encoding="utf-8")
    path = tmp_path / "answer.md"
    path.write_text("The true class is $c$, and\n\n$$\\sum_{i=1}^{K} \\delta_{ic} = \\min(c - 1, 1)$$\n",
                    encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.UNKNOWN]


def test_a_line_on_its_own_false_for_every_value_is_refuted(tmp_path: Path) -> None:
    # no definition of x could make these hold: the sides differ by a nonzero constant
    for line in ("(x+1)^2 - x^2 - 2x = 2", "\\sin^2 y + \\cos^2 y = 2", "(x+1)^3 = x^3 + 3x^2 + 3x + 2",
                 "\\frac{x}{x} + u = u + 2"):
        steps = _steps(tmp_path, f"Expanding,\n$$ {line} $$\n")
        assert [v for v, _ in steps] == [Mark.REFUTED], line
        assert "differ for every value" in steps[0][1]


def test_a_line_on_its_own_that_holds_for_some_value_is_not_refuted(tmp_path: Path) -> None:
    # a definition or an equation to solve: unknown as before; the true identity is proved
    for line in ("x^2 = 4", "2x + 1 = 5", "x^2 + y = 3y", "u + v = 2w"):
        assert [v for v, _ in _steps(tmp_path, f"$$ {line} $$\n")] == [Mark.UNKNOWN], line
    assert [v for v, _ in _steps(tmp_path, "$$ (x+1)^2 - x^2 - 2x = 1 $$\n")] == [Mark.PROVED]


def test_asymptotic_notation_is_no_arithmetic(tmp_path: Path) -> None:
    # O(n) + 1 = O(n) is true of sets of functions: never refuted as if O(n) were a number
    for line in ("\\mathcal{O}(n) + 1 = \\mathcal{O}(n)", "\\Theta(n) + 1 = \\Theta(n)", "O(n^2) + n = O(n^2)"):
        assert [v for v, _ in _steps(tmp_path, f"so the running time is\n$$ {line} $$\n")] != [Mark.REFUTED], line


def test_a_line_on_its_own_false_for_every_value_of_its_undefined_name_is_refuted(tmp_path: Path) -> None:
    # the KL special case with a dropped factor 2: at the point's a, b no value of s (nothing declares s) makes
    # the sides equal. Proved by the sign of the difference, not sampled
    (tmp_path / "n.toml").write_text('[symbols]\na = "real"\nb = "real"\n', encoding="utf-8")
    path = tmp_path / "answer.md"
    path.write_text("# Q1\n\n$$ \\frac{s^2 + (a-b)^2}{2s^2} - \\frac{1}{2} = \\frac{(a-b)^2}{s^2} $$\n\n"
                    "$$ s^2 + 1 = 0 $$\n\n$$ \\frac{s^2 + a^2}{2s^2} = \\frac{a^2}{s^2} $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    steps = [(s.verdict, s.message) for c in sub.chains for s in c.steps]
    # s^2 + 1 = 0 is a polynomial equation to solve (a characteristic equation, over C): never refuted so
    assert [v for v, _ in steps] == [Mark.REFUTED, Mark.UNKNOWN, Mark.UNKNOWN]
    assert "differ for every value of s" in steps[0][1] and "needs the definition of s" in steps[1][1]
    assert "needs the definition of s" in steps[2][1]  # s = |a| makes it hold: held back


def test_a_line_whose_difference_vanishes_somewhere_is_held_back(tmp_path: Path) -> None:
    # -(a-b)^2 / (2 s^2) is zero where a = b: with nothing declared no definition is ruled out
    steps = _steps(tmp_path, "$$ \\frac{s^2 + (a-b)^2}{2s^2} - \\frac{1}{2} = \\frac{(a-b)^2}{s^2} $$\n")
    assert [v for v, _ in steps] == [Mark.UNKNOWN]
    assert "needs the definition" in steps[0][1]


def test_a_polynomial_equation_to_solve_is_never_refuted_for_having_no_real_root(tmp_path: Path) -> None:
    # the characteristic equation of a rotation, of y'' + 4y = 0, and a supposition led to a contradiction
    for body in ("The eigenvalues solve\n$$ \\lambda^2 + 1 = 0 $$\n", "$$ r^2 + 4 = 0 $$\n",
                 "Suppose $x$ is a real root. Then\n$$ x^2 + 1 = 0 $$\na contradiction.\n"):
        assert [v for v, _ in _steps(tmp_path, body)] == [Mark.UNKNOWN], body


def test_a_loss_the_notation_defines_through_members_is_no_free_value(tmp_path: Path) -> None:
    # L_t = ||z_t - y_t||^2 and L = sum_t L_t: under a sum, L_k has no value the check can write (y_k's name hides
    # k), yet it is no free number: true lines are never refuted through it
    notation = tmp_path / "n.toml"
    notation.write_text(
        '[indices]\nnames = ["t", "k"]\n[matrices]\nV = ["q", "d"]\nh = ["d"]\ny = ["q"]\nz = ["q"]\n'
        '[sequences]\nnames = ["h", "y"]\n'
        'inputs = ["z"]\n[definitions]\noutput = { latex = \'y_t = V h_t\', for_all = "t" }\n'
        "step = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\nloss = 'L = \\sum_{t=1}^{T} L_t'\n",
        encoding="utf-8")
    path = tmp_path / "answer.md"
    path.write_text("$$L \\ge 0$$\n\n$$\\sum_{k=1}^{T} L_k \\ge 0$$\n\n$$L = \\sum_{t=1}^{T} L_t$$\n\n"
                    "$$L_t = \\|z_t - y_t\\|^2 = \\|z_t\\|^2$$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1, notation=notation))
    got = [(s.line, s.verdict, s.message) for c in sub.chains for s in c.steps]
    assert [(line, v) for line, v, _ in got] == [(1, Mark.UNKNOWN), (3, Mark.UNKNOWN), (5, Mark.PROVED),
                                                  (7, Mark.PROVED), (7, Mark.REFUTED)]
    assert all("defines through members" in m for _, _, m in got[:2])
    # L_t at t itself is written (y_t takes its value): the definition restated, and a slip refuted


def test_probabilities_stated_before_decide_a_lone_equation(tmp_path: Path) -> None:
    # P(A) + P(B) = 0.9 with P(A) = 0.5, P(B) = 0.3 given: 0.8, whatever the events A and B are
    body = "Let $P(A) = 0.5$ and $P(B) = 0.3$. Then\n\n$$P(A) + P(B) = 0.9$$\n\n$$P(A) + P(C) = 0.9$$\n"
    verdicts = [v for v, _ in _steps(tmp_path, body)]
    assert verdicts == [Mark.REFUTED, Mark.UNKNOWN]  # (nothing gives P(C))


def test_probabilities_stated_before_prove_a_lone_equation(tmp_path: Path) -> None:
    body = "Let $P(A) = 0.5$ and $P(B) = 0.3$. Then\n\n$$P(A) + P(B) = 0.8$$\n"
    assert [v for v, _ in _steps(tmp_path, body)] == [Mark.PROVED]


def test_a_counterexample_names_a_value_where_the_rows_condition_holds(tmp_path: Path) -> None:
    r"""``x^2 + 1 \le 0 \text{ for } n^2 = 4``, n a positive integer: refuted at a point with n = 2; under
    ``n^2 = 2`` the line claims nothing."""
    notation = '[symbols]\nx = "real"\nn = "positive integer"\n'
    sub = graded(tmp_path, "# Q1\n\n$$ x^2 + 1 \\le 0 \\quad \\text{for } n^2 = 4 $$\n\n"
                           "$$ x^2 + 1 \\le 0 \\quad \\text{for } n^2 = 2 $$\n", notation=notation)
    first, second = steps(sub)
    assert first.verdict is Mark.REFUTED and "n = 2" in (first.counterexample or "")
    assert second.verdict is Mark.UNKNOWN and "holds for no value" in second.message


_MASK = ('[symbols]\np = "positive"\n[matrices]\nX = ["n", "d"]\nR = ["n", "d"]\n'
         '[random.variables]\nR = { law = "bernoulli", p = \'p\', members = "iid" }\n'
         "[assumptions]\nfacts = ['p \\le 1']\n")


def test_a_member_of_a_random_family_gets_no_fixed_value(tmp_path: Path) -> None:
    # R^{(2)}, R^{(l)}: masks of a layer, members of the random family R: a counterexample that gives R_2 the
    # fixed value 17 (no Bernoulli mask takes it) refutes nothing; the mask R itself is still checked
    sub = graded(tmp_path, "# Q1\n\n$$\\mathbb{E}[R_{ij}^{(2)}] = p$$\n\n$$\\mathbb{E}[R_{ij}^{(l)}] = p$$\n\n"
                           "$$R_{ij}^{(2)} (1 - R_{ij}^{(2)}) = 0$$\n\n$$\\mathbb{E}[R_{ij}] = 2p$$\n", notation=_MASK)
    got = [(s.line, s.verdict, s.message) for s in steps(sub)]
    assert [v for _, v, _ in got[:3]] == [Mark.UNKNOWN] * 3, got
    assert all("R_" in m and "law" in m for _, _, m in got[:3])
    assert got[3][1] is Mark.REFUTED


def test_a_wrong_derivative_stated_on_its_own_is_refuted(tmp_path: Path) -> None:
    # x is the variable differentiated by: the line is an identity between functions of x, false at x = 2
    body = "$$\\frac{d}{dx} x^3 = 3x$$\n\n$$\\frac{d}{dx} x^3 = 3x^2$$\n"
    assert [v for v, _ in _steps(tmp_path, body)] == [Mark.REFUTED, Mark.PROVED]


def test_a_wrong_partial_derivative_is_refuted_whatever_the_other_variable(tmp_path: Path) -> None:
    # d/dy (x^2 y + sin(xy)) - (x^2 + y cos(xy)) has a y-derivative -1 at y = 0, whatever x is
    body = ("$$\\frac{\\partial}{\\partial y} \\left( x^2 y + \\sin(xy) \\right) = x^2 + y\\cos(xy)$$\n\n"
            "$$\\frac{\\partial}{\\partial y} \\left( x^2 y + \\sin(xy) \\right) = x^2 + x\\cos(xy)$$\n")
    assert [v for v, _ in _steps(tmp_path, body)] == [Mark.REFUTED, Mark.PROVED]


def test_a_derivative_that_holds_for_some_value_of_another_name_is_held_back(tmp_path: Path) -> None:
    # d/dy (x^2 y) = 2xy holds for every y when x = 0: x may be defined so
    ((verdict, message),) = _steps(tmp_path, "$$\\frac{\\partial}{\\partial y} ( x^2 y ) = 2 x y$$\n")
    assert verdict is Mark.UNKNOWN and "definition of x" in message


def test_a_derivative_of_a_function_defined_in_pieces_stays_held_back(tmp_path: Path) -> None:
    # d/dx |x| = -1 holds on x < 0, which the words around it may say
    ((verdict, _),) = _steps(tmp_path, "$$\\frac{d}{dx} |x| = -1$$\n")
    assert verdict is Mark.UNKNOWN


@pytest.mark.parametrize("body", [
    "We pick $\\eta$ with\n\n$$\\eta \\le \\frac{1}{L}$$\n",
    "Take the learning rate $\\eta$ small, say $$\\eta \\le \\frac{1}{L}$$\n",
    "Let $\\epsilon > 0$ be small enough that\n\n$$\\epsilon < \\delta$$\n",
    "Choose $\\epsilon$ such that\n\n$$0 < \\epsilon < \\delta$$\n",
], ids=["pick-with", "take-say", "let-small-enough", "choose-such-that"])
def test_an_inequality_the_words_choose_a_name_by_is_never_refuted(tmp_path: Path, body: str) -> None:
    got = _steps(tmp_path, body)
    assert got and all(v is Mark.UNKNOWN and "a condition the text sets on" in m for v, m in got), got


@pytest.mark.parametrize("body", [
    "$$x^2 < x$$\n",
    "Let $x > 1$. Then $$x^2 < x$$\n",
    "Suppose $x > 1$, then we see that $$x^2 < x$$\n",
    "Take $x = 2$, so that $$x^2 < 3$$\n",
    "We pick $\\eta$ with $$\\eta + 1 < \\eta$$\n",  # no choice of eta meets it
], ids=["alone", "let-then", "suppose-then", "value-so-that", "impossible-choice"])
def test_a_false_inequality_the_words_choose_nothing_by_is_still_refuted(tmp_path: Path, body: str) -> None:
    assert [v for v, _ in _steps(tmp_path, body)] == [Mark.REFUTED]


_N_REAL = '[symbols]\nx = "real"\nn = "positive integer"\n'


def test_an_index_outside_the_range_of_the_sum_it_addresses_refutes_nothing(tmp_path: Path) -> None:
    # w_j is one of the w_i of the sum only for 1 <= j <= n: j = 0 (or i = 2 with n = 1) is no counterexample;
    # the slips beside them stay refuted, at an index inside the range
    body = ("$$ \\frac{\\partial}{\\partial w_j} \\sum_{i=1}^{n} w_i^2 = 2 w_j $$\n\n"
            "$$ \\frac{\\partial}{\\partial w_j} \\sum_{i=1}^{n} w_i^2 = 2 \\sum_{i=1}^{n} w_i $$\n\n"
            "Let\n$$ s = \\sum_{i=1}^{n} x_i^2 $$\nThen\n$$ s \\ge x_i^2 $$\n\n$$ s = n x_i^2 $$\n")
    graded_steps = steps(graded(tmp_path, "# Q1\n\n" + body, notation=_N_REAL))
    marks = [(s.verdict, s.message) for s in graded_steps if s.verdict is not Mark.UNKNOWN
             or "range of" in s.message]
    assert [v for v, _ in marks] == [Mark.UNKNOWN, Mark.REFUTED, Mark.UNKNOWN, Mark.REFUTED]
    assert "range of j" in marks[0][1] and "range of i" in marks[2][1]
    for s in graded_steps:
        if s.verdict is Mark.REFUTED:
            found = re.search(r"\b[ij] = (-?\d+),.*\bn = (\d+)", s.counterexample or "")
            assert found is not None and 1 <= int(found[1]) <= int(found[2]), s.counterexample


@pytest.mark.parametrize(("lead", "display"), [
    ("Since the matrix $A = \\begin{pmatrix} 2 & 1 \\\\ 1 & 3\\end{pmatrix}$ is symmetric,",
     "$$A^\\top = \\begin{pmatrix} 2 & 1 \\\\ 1 & 3\\end{pmatrix}.$$"),
    ("The matrix $C = \\begin{pmatrix} 0 & 1 \\\\ 1 & 0\\end{pmatrix}$ is symmetric, so",
     "$$C^\\top = \\begin{pmatrix} 0 & 1 \\\\ 1 & 0\\end{pmatrix}.$$"),
])
def test_a_matrix_given_a_value_in_passing_is_held_back_as_a_scalar_is(tmp_path: Path, lead: str,
                                                                        display: str) -> None:
    # a value in passing is no definition to prove with: never a refutation at free entries of the matrix
    graded_steps = steps(graded(tmp_path, f"# Q1\n\n{lead}\n{display}\n"))
    assert [s.verdict for s in graded_steps] == [Mark.UNKNOWN]
    assert "in passing" in graded_steps[0].message
    scalar = steps(graded(tmp_path, "# Q1\n\nSince $c = 2$ is positive,\n$$c^2 = 4 = 2c.$$\n"))
    assert [s.verdict for s in scalar] == [Mark.UNKNOWN] * 2 and "in passing" in scalar[0].message
