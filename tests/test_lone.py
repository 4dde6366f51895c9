"""An equation displayed on its own that restates an earlier result."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

_BASEL = "$$ \\sum_{k=1}^{\\infty} \\frac{1}{k^2} = %s $$"
_GEOMETRIC = "$$ \\sum_{k=0}^{n} 2^k = %s $$"


def _steps(tmp_path: Path, *rows: str) -> list[tuple[Mark, str, str]]:
    path = tmp_path / "answer.md"
    path.write_text("## Answer 1\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=30, jobs=1))
    return [(s.verdict, s.message or "", s.counterexample or "") for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("rows", "said"), [
    ((_BASEL % "\\frac{\\pi^2}{6}", _BASEL % "\\frac{\\pi^2}{8}"), "left = pi**2/6, right = pi**2/8"),
    ((_GEOMETRIC % "2^{n+1} - 1", _GEOMETRIC % "2^{n+1}"), "right = "),
], ids=["basel", "geometric"])
def test_a_restatement_apart_by_a_constant_from_a_shown_result_is_refuted(tmp_path: Path, rows: tuple[str, ...],
                                                                         said: str) -> None:
    (first, *_), (verdict, message, cx) = _steps(tmp_path, *rows)
    assert first is Mark.PROVED
    assert verdict is Mark.REFUTED, message
    assert "restates the result of line" in message and "nonzero constant" in message
    assert said in cx


def test_a_restatement_of_a_result_not_shown_is_checked_as_written(tmp_path: Path) -> None:
    # line 1 is false (refuted): the true line 2 is proved as written, never refuted by comparison with it
    (first, _, _), (verdict, message, _) = _steps(tmp_path, _BASEL % "\\frac{\\pi^2}{5}", _BASEL % "\\frac{\\pi^2}{6}")
    assert first is Mark.REFUTED
    assert verdict is Mark.PROVED and "checked as written" in message


def test_a_restatement_that_agrees_is_proved(tmp_path: Path) -> None:
    steps = _steps(tmp_path, _BASEL % "\\frac{\\pi^2}{6}", _BASEL % "\\frac{\\pi^{2}}{6}")
    assert [v for v, _, _ in steps] == [Mark.PROVED, Mark.PROVED]
    assert "nonzero constant" not in steps[1][1]
