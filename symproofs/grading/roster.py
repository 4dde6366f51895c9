"""Who wrote a submission and which question it answers: the student id
(the file's stem, or what ``--id-pattern`` takes from the path), the
question (the folder of its notation file), and the scores of each student
per question, as gradebooks want them.

>>> from symproofs.grading.report import SubmissionGrade
>>> subs = [SubmissionGrade(path="hw/q1/ada.tex", notation="hw/q1/notation.toml", score=2, max_score=3),
...         SubmissionGrade(path="hw/q2/ada.md", notation="hw/q2/notation.toml", score=1, max_score=1)]
>>> (row,) = gradebook(subs).students
>>> row.student, row.scores, row.total, row.maximum
('ada', {'q1': 2.0, 'q2': 1.0}, 3.0, 4.0)
>>> student_id("submissions/20261234-ada/q1.tex", id_pattern(r"(\\d{8})"))
'20261234'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from symproofs.core.errors import InputError
from symproofs.grading.report import SubmissionGrade, csv_cell

__all__ = ["Gradebook", "StudentRow", "csv_gradebook", "gradebook", "id_pattern", "question_of", "student_id"]


def id_pattern(text: str | None) -> re.Pattern[str] | None:
    """Compile ``--id-pattern``: a regular expression searched in the path
    (with ``/`` separators); its group ``id``, else its first group, else
    the whole match is the student id."""
    if text is None:
        return None
    try:
        return re.compile(text)
    except re.error as exc:
        raise InputError(f"--id-pattern is not a regular expression: {exc}") from None


def student_id(path: str, pattern: re.Pattern[str] | None = None) -> str:
    """The student a submission belongs to (the file's stem by default)."""
    pure = PurePath(path)
    if pattern is None:
        return pure.stem
    found = pattern.search(pure.as_posix())
    if found is None:
        raise InputError(f"--id-pattern {pattern.pattern!r} does not match the path", source=path)
    if "id" in pattern.groupindex:
        return found.group("id")
    return found.group(1) if pattern.groups else found.group(0)


def question_of(sub: SubmissionGrade) -> str:
    """The question a submission answers: the name of its notation file
    (``q3.toml``), or the folder of a ``notation.toml``, else the
    submission's own folder."""
    if sub.notation and PurePath(sub.notation).stem != "notation":
        return PurePath(sub.notation).stem
    where = PurePath(sub.notation) if sub.notation else PurePath(sub.path)
    return where.parent.name or "question"


@dataclass(frozen=True)
class StudentRow:
    """One student's scores per question (``None``: not submitted or not
    scored), their total and the maximum over the questions submitted."""

    student: str
    scores: dict[str, float | None]
    total: float
    maximum: float | None

    @property
    def scored(self) -> bool:
        """Whether some question gave this student a score."""
        return any(v is not None for v in self.scores.values())


@dataclass(frozen=True)
class Gradebook:
    """Every question (in order of first appearance), its maximum, and a row per student."""

    questions: tuple[str, ...]
    maxima: dict[str, float | None]
    students: tuple[StudentRow, ...]


def gradebook(grades: Sequence[SubmissionGrade], pattern: re.Pattern[str] | None = None) -> Gradebook:
    """Group submissions by student; a student with two files for one
    question is an error naming both."""
    questions: dict[str, float | None] = {}
    seen: dict[tuple[str, str], str] = {}
    per_student: dict[str, dict[str, float | None]] = {}
    for sub in grades:
        who, question = student_id(sub.path, pattern), question_of(sub)
        if (who, question) in seen:
            raise InputError(f"two submissions of student {who!r} for question {question!r}: "
                             f"{seen[who, question]} and {sub.path}; use --id-pattern to tell students apart")
        seen[who, question] = sub.path
        if question not in questions or questions[question] is None:
            questions[question] = sub.max_score
        per_student.setdefault(who, {})[question] = None if sub.score is None else float(sub.score)
    rows = []
    for who, scores in per_student.items():
        full = {q: scores.get(q) for q in questions}
        maxima = [questions[q] for q in questions]
        maximum = None if any(m is None for m in maxima) else float(sum(m for m in maxima if m is not None))
        rows.append(StudentRow(student=who, scores=full, total=float(sum(v for v in full.values() if v)),
                               maximum=maximum))
    return Gradebook(questions=tuple(questions), maxima=questions, students=tuple(rows))


def csv_gradebook(book: Gradebook) -> str:
    """The LMS gradebook: ``student``, a column per question, ``total`` and
    ``maximum`` (empty when a question has no ``[rubric] max``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["student", *book.questions, "total", "maximum"])
    for row in book.students:
        writer.writerow([csv_cell(v) for v in (row.student, *row.scores.values(), row.total, row.maximum)])
    return buf.getvalue()
