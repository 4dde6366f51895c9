"""The words around text math that state the condition it holds under (symproofs.latex.remarks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.remarks import trailing_condition


@pytest.mark.parametrize(("after", "condition"), [
    (" assuming $x > 0$.", "x > 0"),
    (", assuming that $z \\geq 0$.", "z \\geq 0"),
    (" provided $a \\neq 0$.", "a \\neq 0"),
    (" if $p \\in (0,1)$.", "p \\in (0,1)"),
    (" for every integer $n \\ge 0$.", "n \\ge 0"),
])
def test_a_condition_after_text_math_is_read_with_it(after: str, condition: str) -> None:
    text = "$a = b$" + after
    found, end = trailing_condition(text, len("$a = b$"))
    assert found.endswith(condition) and end > 0
    assert "integer" not in found  # the kind of number is the declaration's (symproofs.latex.integers)


@pytest.mark.parametrize("words", ["assuming", "assuming that", "provided", "provided that", "when"])
def test_a_hypothesis_after_text_math_on_its_line_proves_it(tmp_path: Path, words: str) -> None:
    body = f"# Q1\n\nWe have $\\sqrt{{x^2}} = |x| = x$ {words} $x > 0$.\n"
    marks = [s.verdict for s in steps(graded(tmp_path, body))]
    assert marks == [Mark.PROVED, Mark.PROVED]


def test_a_slip_under_the_hypothesis_is_still_refuted(tmp_path: Path) -> None:
    body = "# Q1\n\nWe have $\\sqrt{x^2} = |x| = -x$ assuming $x > 0$.\n"
    marks = [s.verdict for s in steps(graded(tmp_path, body))]
    assert marks == [Mark.PROVED, Mark.REFUTED]
