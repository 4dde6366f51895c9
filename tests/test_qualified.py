"""Refutations held back where the words around the line state a condition the point breaks
(symproofs.grading.qualified); slips inside the condition, or with none near them, stay refuted."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark


@pytest.mark.parametrize("line", [
    "We have $\\sqrt{w^2} = |w| = w$ for nonnegative $w$.",
    "We have $\\sqrt{w^2} = |w| = w$ so long as $w \\geq 0$.",
    "We have $\\sqrt{w^2} = |w| = w$, $w$ being a norm.",
    "We have $\\sqrt{w^2} = |w| = w$\nfor $w \\ge 0$.",
    "Let w > 0. Then $\\sqrt{w^2} = |w| = w$.",
    "We have $n^2 \\ge 10 n \\ge n$ for sufficiently large $n$.",
    "For odd $n$,\n$$(-1)^n = -1.$$",
])
def test_a_correct_line_under_a_worded_condition_is_not_refuted(tmp_path: Path, line: str) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, f"# Q1\n\n{line}\n"))]
    assert marks and Mark.REFUTED not in marks


@pytest.mark.parametrize("line", [
    "We have $\\sqrt{w^2} = |w| = -w$ for nonnegative $w$.",  # false at every w > 0
    "We have $\\sqrt{w^2} = |w| = -w$ so long as $w \\geq 0$.",
    "Let w > 0. Then $\\sqrt{w^2} = |w| = -w$.",
    "For odd $n$,\n$$(-1)^n + n^2 = n^2 - 1 = n^2 + 1.$$",  # the second fails at every n
    "We have $\\sqrt{w^2} = |w| = w$.",  # no condition near it
])
def test_a_slip_inside_the_worded_condition_is_still_refuted(tmp_path: Path, line: str) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, f"# Q1\n\n{line}\n"))]
    assert Mark.REFUTED in marks


def test_the_message_names_the_condition(tmp_path: Path) -> None:
    step = steps(graded(tmp_path, "# Q1\n\nWe have $\\sqrt{r^2} = |r| = r$, $r$ being a norm.\n"))[-1]
    assert step.verdict is Mark.UNKNOWN and "the condition on r" in step.message and "being a norm" in step.message
