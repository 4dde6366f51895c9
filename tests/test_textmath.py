"""What text math and chains give the lines after them (symproofs.grading.textmath): a function's formula stated
in passing, the equation a chain ends by solving, a solution named anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark

LOSS = ("## Q1\n\nThe loss is $L(w) = w^2 - 4w + 7$. Then\n\n$$\n\\frac{dL}{dw} = 2w - 4 = 0\n$$\n\n"
        "so\n\n$$\nw = {}\n$$\n")


def _verdicts(tmp_path: Path, text: str) -> list[tuple[int, str, Mark]]:
    return [(s.line, s.source, s.verdict) for s in steps(graded(tmp_path, text))]


def test_a_formula_stated_in_text_math_defines_the_function(tmp_path: Path) -> None:
    """"The loss is $L(w) = ...$": the derivative of L is checked against it."""
    assert _verdicts(tmp_path, LOSS.replace("{}", "2"))[0] == (6, "2w - 4", Mark.PROVED)
    wrong = LOSS.replace("2w - 4 = 0", "2w - 3 = 0").replace("{}", "3/2")
    assert _verdicts(tmp_path, wrong)[0] == (6, "2w - 3", Mark.REFUTED)


def test_a_value_drawn_with_so_must_solve_the_equation_the_chain_above_ends_with(tmp_path: Path) -> None:
    """``\\frac{dL}{dw} = 2w - 4 = 0``, "so" w = 3: refuted; "so" w = 2: proved."""
    assert _verdicts(tmp_path, LOSS.replace("{}", "3"))[-1] == (12, "3", Mark.REFUTED)
    assert _verdicts(tmp_path, LOSS.replace("{}", "2"))[-1] == (12, "2", Mark.PROVED)


def test_a_solution_named_again_in_text_math_is_checked_on_its_own(tmp_path: Path) -> None:
    """After a display that names theta_hat, text math that names it anew from another equation is checked:
    the binomial MLE is k/n, not k/(n+1)."""
    text = ("## Q1\n\n$$\n2\\theta - 4 = 0 \\implies \\hat\\theta = 2\n$$\n\nThe estimate: $\\frac{k}{\\theta} - "
            "\\frac{n-k}{1-\\theta} = 0 \\implies \\hat\\theta = \\frac{k}{n+1}$.\n")
    assert [v for _, _, v in _verdicts(tmp_path, text)] == [Mark.PROVED, Mark.REFUTED]


_DECLARED = '[symbols]\np = "positive"\nlambda = "positive"\nsigma = "positive"\nd = "positive"\n' \
            'epsilon = "positive"\ndelta = "positive"\nbeta = "positive"\n'


@pytest.mark.parametrize(("value", "display"), [
    ("we obtain $\\lambda = \\frac{1-p}{p}$. Hence", "p\\lambda = 1 - p"),
    ("this gives $\\lambda = \\frac{1-p}{p}$, and", "\\lambda + 1 = \\frac{1}{p}"),
    ("the penalty weight is $\\lambda = \\frac{1-p}{p}$. Then", "\\frac{\\lambda}{2} = \\frac{1-p}{2p}"),
    ("Solving, we get $\\sigma^2 = \\frac{2}{d}$. Hence", "\\frac{d\\sigma^2}{2} = 1"),
    ("Matching coefficients we obtain $\\epsilon = \\delta(1-\\beta)$. Hence", "\\frac{\\epsilon}{1-\\beta} = \\delta"),
], ids=["we-obtain", "this-gives", "the-weight-is", "a-square", "several-names"])
def test_a_value_the_text_arrives_at_for_a_declared_name_is_the_case_after_it(tmp_path: Path, value: str,
                                                                              display: str) -> None:
    """A value stated in text math after "we obtain", "this gives", "is" for a name the notation declares: the
    display after it, true with that value, is held back in that case (never refuted at a point that contradicts
    it, never proved with it: the value itself is the student's claim)."""
    sub = graded(tmp_path, f"## Answer 1\n\n{value}\n\n$${display}$$\n", notation=_DECLARED)
    (step,) = steps(sub)
    assert step.verdict is Mark.UNKNOWN and "holds in the case" in step.message, (step.verdict, step.message)


@pytest.mark.parametrize(("value", "display"), [
    ("we obtain $\\lambda = \\frac{1-p}{p}$. Hence", "p\\lambda = 2 - p"),
    ("Solving, we get $\\sigma^2 = \\frac{2}{d}$. Hence", "d\\sigma^2 = 1"),
], ids=["lambda", "a-square"])
def test_a_false_consequence_of_a_stated_value_is_still_refuted(tmp_path: Path, value: str, display: str) -> None:
    sub = graded(tmp_path, f"## Answer 1\n\n{value}\n\n$${display}$$\n", notation=_DECLARED)
    assert [s.verdict for s in steps(sub)] == [Mark.REFUTED]


REALS = '[symbols]\na = "real"\nb = "real"\nc = "real"\nx = "real"\ny = "real"\n'


@pytest.mark.parametrize(("lead", "display", "mark"), [
    ("For $a = b = 1$ we get", "(a + b)^2 = 4", Mark.PROVED),  # at the value, reported as such
    ("Take $a = b = 1$. Then", "(a + b)^2 = 4", Mark.PROVED),
    ("For $a = b = 1$ we get", "(a + b)^2 = 5", Mark.REFUTED),  # a slip inside the case
    ("Counterexample: $a = b = 1$, since then", "a^2 + b^2 = 3", Mark.REFUTED),
    ("Equality holds iff $a = b = c$, and then", "a + b = 2c", Mark.UNKNOWN),  # held in the case, never proved
])
def test_a_chained_choice_of_values_is_the_case_after_it(tmp_path: Path, lead: str, display: str,
                                                          mark: Mark) -> None:
    """"for $a = b = 1$": the case a = 1, b = 1 (never "b = 1 for every b"): the choice itself is no claim,
    the line after it is proved only at the value (and says so), and a slip in the case is still refuted."""
    sub = graded(tmp_path, f"## Answer 1\n\n{lead}\n$$ {display} $$\n", notation=REALS)
    found = steps(sub)
    assert all(s.verdict is Mark.UNKNOWN for s in found if s.line == 3), [(s.line, s.message) for s in found]
    (last,) = [s for s in found if s.line == 4]
    assert last.verdict is mark, last.message
    if mark is Mark.PROVED:
        assert "holds in the case a = 1, b = 1" in last.message


def test_a_chained_choice_in_a_sentence_checks_its_arithmetic_in_the_case(tmp_path: Path) -> None:
    """"Take $x = y = 0$; then $x + y = 0$" and a counterexample's computation: nothing refuted."""
    text = ("## Answer 1\n\nTake $x = y = 0$; then $x + y = 0$.\n\n## Answer 2\n\n"
            "Counterexample: $a = b = 1$, since then $(a+b)^2 = 4 \\ne 2 = a^2 + b^2$.\n")
    found = steps(graded(tmp_path, text, notation=REALS))
    assert found and all(s.verdict is not Mark.REFUTED for s in found), [(s.line, s.message) for s in found]


def test_a_chained_value_drawn_with_so_stays_a_claim(tmp_path: Path) -> None:
    """"so $a = b = 1$": drawn, not chosen: no case taken, the display after it is checked for every value."""
    text = "## Answer 1\n\nSo $a = b = 1$.\n$$ (a + b)^2 = 4 $$\n"
    found = steps(graded(tmp_path, text, notation=REALS))
    assert [s.verdict for s in found if s.line == 4] == [Mark.REFUTED]
