"""What text math and chains give the lines after them (symproofs.grading.textmath): a function's formula stated
in passing, the equation a chain ends by solving, a solution named anew."""

from __future__ import annotations

from pathlib import Path

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
