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
