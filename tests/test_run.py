"""Stage 3 of grading, as the grader runs it (symproofs.grading.run): a
display under a hypothesis in words that is not read."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark

_STEP = "$$ \\frac{n(n+1)}{2} + n = \\frac{(n+1)(n+2)}{2} $$"
_RIGHT = "$$ \\frac{n(n+1)}{2} + n + 1 = \\frac{(n+1)(n+2)}{2} $$"


def _marks(tmp_path: Path, lead: str, display: str) -> list[tuple[Mark, str]]:
    sub = graded(tmp_path, f"## Question 1\n\nInductive step. {lead}\n\n{display}\n")
    return [(s.verdict, s.message) for s in steps(sub)]


def test_a_line_false_for_every_value_is_refuted_under_an_induction_hypothesis(tmp_path: Path) -> None:
    ((verdict, message),) = _marks(tmp_path, "Assume the claim holds for $n$. Then", _STEP)
    assert verdict is Mark.REFUTED and "differ for every value" in message


def test_the_right_induction_step_is_not_refuted(tmp_path: Path) -> None:
    assert all(v is not Mark.REFUTED for v, _ in _marks(tmp_path, "Assume the claim holds for $n$. Then", _RIGHT))


def test_a_supposition_made_for_a_contradiction_still_holds_the_line_back(tmp_path: Path) -> None:
    # a contradictory supposition may make any line follow: never refuted under it
    ((verdict, _),) = _marks(tmp_path, "Suppose for contradiction that the claim holds for $n$. Then", _STEP)
    assert verdict is Mark.UNKNOWN
