"""Gradescope's autograder ``results.json`` for one submission.

Gradescope runs ``run_autograder`` in its container with the student's files
under ``/autograder/submission`` and reads ``/autograder/results/results.json``:
a top-level ``score`` and ``output``, and ``tests``, each with ``name``,
``score``, ``max_score``, ``status``, ``output`` and ``visibility``. Here each
graded file (one per question) is one test; its output is the student's
feedback, line by line, in plain text without paths. A question without a
rubric scores its proved steps out of its steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from symproofs.grading.feedback import feedback_rows, private
from symproofs.grading.report import SubmissionGrade
from symproofs.grading.roster import question_of

__all__ = ["VISIBILITIES", "results_json"]

#: Gradescope's visibility values, least visible first.
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")


def _points(sub: SubmissionGrade) -> tuple[float, float]:
    steps = [s for c in sub.chains for s in c.steps]
    if sub.max_score is not None:
        return float(sub.score or 0.0), float(sub.max_score)
    if sub.score is not None:
        return float(sub.score), float(sub.score)
    return float(sum(s.verdict.value == "proved" for s in steps)), float(len(steps))


def _output(sub: SubmissionGrade) -> str:
    lines: list[str] = []
    if sub.error:
        lines.append(f"The tool could not read this file: {private(sub.error, sub)}. Your TA grades it by hand.")
    for chain in sub.chains:
        reaches = f" (reaches {', '.join(chain.reaches)})" if chain.reaches else \
            f" (states {', '.join(chain.states)}, not proved)" if chain.states else ""
        lines.append(f"Derivation at line {chain.line}{reaches}: {chain.start}")
        for row in feedback_rows(sub, chain.steps):
            label = f" [{row.label}]" if row.label else ""
            lines.append(f"  line {row.line}: {row.symbol}{label} {row.relation} {row.source}".rstrip())
            if row.note:
                lines.append(f"      {row.note}")
    return "\n".join(lines) or "No derivation found."


def results_json(grades: Sequence[SubmissionGrade], *, visibility: str = "visible") -> dict[str, Any]:
    """The results of one student's submission (every file in it)."""
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility is one of {', '.join(VISIBILITIES)}")
    tests: list[dict[str, Any]] = []
    scores: list[tuple[float, float]] = []
    for number, sub in enumerate(grades, start=1):
        score, top = _points(sub)
        scores.append((score, top))
        name = question_of(sub)
        tests.append({"name": name, "number": str(number), "score": score, "max_score": top,
                      "status": "passed" if sub.passed else "failed", "output": _output(sub),
                      "visibility": visibility})
    total = sum(s for s, _ in scores)
    top = sum(t for _, t in scores)
    unchecked = sum(r.label == "not checked" for s in grades for c in s.chains for r in feedback_rows(s, c.steps))
    summary = f"Checked {len(grades)} file(s): {total:g} of {top:g} points."
    if unchecked:
        summary += f" {unchecked} line(s) could not be checked by the tool; your TA reads them."
    return {"score": total, "output": summary, "visibility": visibility, "stdout_visibility": "hidden",
            "tests": tests}
