"""Grading a written answer in a test: the helper the grader's test files share."""

from __future__ import annotations

from pathlib import Path

from symproofs.grading.report import LineGrade, SubmissionGrade
from symproofs.grading.run import GradeOptions, grade


def graded(tmp_path: Path, text: str, *, name: str = "answer.md", notation: str | None = None,
           timeout: float = 20) -> SubmissionGrade:
    """``text`` written to ``tmp_path / name`` and graded alone (one job), under
    the course notation ``notation`` (TOML text) if given, else with none."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    options = GradeOptions(timeout=timeout, jobs=1)
    if notation is not None:
        course = tmp_path / "course-notation.toml"
        course.write_text(notation, encoding="utf-8")
        options = GradeOptions(timeout=timeout, jobs=1, notation=course)
    (sub,) = grade([path], options)
    return sub


def steps(sub: SubmissionGrade) -> list[LineGrade]:
    """Every graded step of ``sub``, chain by chain."""
    return [s for c in sub.chains for s in c.steps]
