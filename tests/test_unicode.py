"""Unicode relations, symbols and sets in text math read as their commands (symproofs.latex.unicode)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.unicode import inline_ascii


@pytest.mark.parametrize(("text", "read"), [
    ("Let $x ≥ 0$.", "Let $x \\ge  0$."),
    ("For $u ≤ 0$:", "For $u \\le  0$:"),
    ("For all $y ∈ [0, ∞)$,", "For all $y \\in  [0, \\infty )$,"),
    ("For $t ∈ ℝ_{>0}$,", "For $t \\in  \\mathbb{R}_{>0}$,"),
    ("$q = 1 − p$", "$q = 1 - p$"),
    ("x ≥ 0 in words", "x ≥ 0 in words"),  # words keep their characters
    ("$$x ≥ 0$$", "$$x ≥ 0$$"),  # and so do displays
])
def test_unicode_in_text_math_is_written_as_commands(text: str, read: str) -> None:
    assert inline_ascii(text) == read
    assert inline_ascii(text).count("\n") == text.count("\n")


@pytest.mark.parametrize(("hypothesis", "display"), [
    ("Let $x ≥ 0$. Then", "\\sqrt{x^2} = |x| = x"),
    ("For $u ≤ 0$:", "\\sqrt{u^2} = |u| = -u"),
    ("For $t ∈ ℝ_{>0}$,", "\\sqrt{t^2} = |t| = t"),
    ("For $v ∈ (0, 1)$,", "v^3 < v^2 < 1"),
])
def test_a_hypothesis_in_unicode_is_the_case_of_the_display(tmp_path: Path, hypothesis: str, display: str) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, f"# Q1\n\n{hypothesis}\n$${display}.$$\n"))]
    assert marks == [Mark.PROVED, Mark.PROVED]


def test_a_slip_under_a_hypothesis_in_unicode_is_still_refuted(tmp_path: Path) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, "# Q1\n\nLet $x ≥ 0$. Then\n$$\\sqrt{x^2} = |x| = -x.$$\n"))]
    assert marks[-1] is Mark.REFUTED
