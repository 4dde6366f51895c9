"""Tests of the exam class's questions and their counters."""

from __future__ import annotations

from symproofs.latex.examclass import exam_cuts, exam_spans
from symproofs.latex.questions import derives, split_questions
from symproofs.latex.switches import UNCLEAR


def _answers(text: str, subs: frozenset[str] = frozenset()) -> list[str | None]:
    cuts = exam_cuts(text, exam_spans(text), subs, lambda _: False, derives)
    return [q for _, q, quoted in cuts if not quoted]


def _exam(between: str) -> str:
    return ("\\begin{questions}\n\\question One.\n\\begin{solution}\n$$x = 1$$\n\\end{solution}\n"
            f"{between}\n\\question Next.\n\\begin{{solution}}\n$$x = 2$$\n\\end{{solution}}\n\\end{{questions}}\n")


def test_a_question_counter_set_by_the_student_numbers_the_next_question() -> None:
    # "I did not do question 2": the next \question is typeset 3, never graded as 2
    assert _answers(_exam("\\setcounter{question}{2}")) == ["1", "3", None]
    assert _answers(_exam("\\addtocounter{question}{1}")) == ["1", "3", None]
    assert _answers(_exam("\\stepcounter{question}")) == ["1", "3", None]
    # commented out, it sets nothing
    assert _answers(_exam("% \\setcounter{question}{2}")) == ["1", "2", None]


def test_a_counter_set_to_what_is_not_a_number_loses_the_count() -> None:
    assert _answers(_exam("\\setcounter{question}{\\value{saved}}")) == ["1", UNCLEAR, None]


def test_the_parts_counter_numbers_the_next_part() -> None:
    text = ("\\begin{questions}\n\\question\n\\begin{parts}\n\\setcounter{partno}{1}\n\\part $$y = 2$$\n"
            "\\end{parts}\n\\end{questions}\n")
    assert _answers(text, frozenset({"1.1", "1.2"})) == ["1", "1.2", None]


def test_the_split_reads_the_counter() -> None:
    parts = split_questions(_exam("\\setcounter{question}{3}"))
    assert [p.question for p in parts if not p.statement] == [None, "1", "4", None]
