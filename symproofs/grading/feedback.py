"""What a student is told about each line of a submission: the mark, a
label (*first wrong line*, *undecided*, *not checked*), and a note without
the grader's paths. Shared by the HTML pages and the Gradescope results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from symproofs.grading.report import LineGrade, Mark, SubmissionGrade

__all__ = ["NOT_CHECKED_METHODS", "FeedbackRow", "feedback_rows", "not_checked", "private"]

#: Methods of an unknown step that mean the tool gave up, not that the step is doubtful.
NOT_CHECKED_METHODS = frozenset({"time limit", "memory limit", "worker failure", "not checked"})


def not_checked(step: LineGrade) -> bool:
    """Whether the tool could not check this line (parser or resource limits)."""
    return step.verdict is Mark.UNPARSED or (step.verdict is Mark.UNKNOWN and step.method in NOT_CHECKED_METHODS)


def private(text: str, sub: SubmissionGrade) -> str:
    """A message without the folders of the grader's machine."""
    for folder in sorted({str(p) for p in PurePath(sub.path).parents if len(str(p)) > 1}, key=len,
                         reverse=True):
        text = text.replace(folder + "/", "").replace(folder, "")
    return re.sub(r"(?<![\w.])/(?:[\w.-]+/)+", "", text)


@dataclass(frozen=True)
class FeedbackRow:
    """One line of a submission as its student sees it."""

    line: int
    css: str
    symbol: str
    label: str
    relation: str
    source: str
    note: str
    #: The counterexample as ("text", words) and ("math", LaTeX) pieces (refuted steps).
    explanation: tuple[tuple[str, str], ...] = ()


def feedback_rows(sub: SubmissionGrade, steps: Sequence[LineGrade]) -> list[FeedbackRow]:
    """The steps of one chain; only the first refuted step is the *first wrong line*."""
    wrong = next((s for s in steps if s.verdict is Mark.REFUTED), None)
    rows: list[FeedbackRow] = []
    for step in steps:
        if not_checked(step):
            css, label = "not-checked", "not checked"
            why = step.message or step.method
            note = f"the tool could not check this line ({why}); your TA reads it" if why else \
                "the tool could not check this line; your TA reads it"
        elif step.verdict is Mark.REFUTED:
            css, label = "refuted", "first wrong line" if step is wrong else "wrong"
            note = step.explanation_text or step.counterexample or step.message
        elif step.verdict is Mark.UNKNOWN:
            css, label, note = "unknown", "undecided", step.message or "the tool could neither prove nor refute it"
        else:
            css, label = "proved", ""
            note = "" if step.trust == "symbolic" else step.method + (f"; {step.message}" if step.message else "")
        css += " first-wrong" if step is wrong else ""
        rows.append(FeedbackRow(step.line, css, step.verdict.symbol if label != "not checked" else "–", label,
                                step.relation, step.source, private(note, sub),
                                step.explanation if step.verdict is Mark.REFUTED else ()))
    return rows
