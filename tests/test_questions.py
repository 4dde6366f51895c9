"""Tests of the mapping of a document's parts to questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.core.errors import InputError
from symproofs.latex.questions import split_questions

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "solution.md"


def questions(text: str, **patterns: str) -> list[tuple[str | None, bool]]:
    return [(p.question, p.statement) for p in split_questions(text, **patterns)]


def test_statements_and_answers_with_numbered_items() -> None:
    text = ("Intro.\n\nQuestion 1 (5). Show it.\n- 1. a part of the statement\n\n#### Answer 1.\n\n"
            "1. First.\n\n2. Second.\n\n**Question 2** (3). Show more.\n\n**Answer 2.** 1. Only.\n")
    assert questions(text) == [(None, False), ("1", True), ("1", False), ("1.1", False), ("1.2", False),
                               ("2", True), ("2", False), ("2.1", False)]


@pytest.mark.parametrize(("heading", "question"), [
    ("\\section{Q3}", "3"), ("\\section*{Question 3}", "3"), ("\\subsection{3.2}", "3.2"),
    ("Q3.2 The unrolling", "3.2"), ("## 3.", "3"), ("## 3.2", "3.2"), ("Problem 3", "3"),
    ("**Solution 3.**", "3"),
])
def test_heading_styles(heading: str, question: str) -> None:
    parts = split_questions(f"Before.\n{heading}\nText $x = 1$.\n")
    assert [p.question for p in parts] == [None, question]
    assert not parts[1].statement and parts[1].line == 2


def test_a_numbered_list_that_does_not_count_from_one_is_no_sub_question() -> None:
    assert questions("Answer 4\n3. not a sub-question\n5. nor this\n") == [("4", False)]


def test_the_notation_may_replace_the_rule() -> None:
    parts = split_questions("x\nEx-2: y\nEx-3.1: z\n", answer=r"^Ex-(?P<q>\d+)(?:\.(?P<sub>\d+))?")
    assert [p.question for p in parts] == [None, "2", "3.1"]
    with pytest.raises(InputError, match="group named q"):
        split_questions("x", answer=r"^Ex-(\d+)")


def test_the_seed_document_is_cut_into_its_six_questions() -> None:
    if not SEED.is_file():
        pytest.fail(f"the seed document is missing: {SEED}")
    parts = split_questions(SEED.read_text(encoding="utf-8"))
    statements = [p.question for p in parts if p.statement]
    answers = [p.question for p in parts if not p.statement and p.question and "." in p.question]
    assert statements == ["1", "2", "3", "4", "5", "6"]
    assert answers == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3",
                       "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2"]


@pytest.mark.parametrize("text", [
    "## Answer 4\n\nFor this part we reuse the bound from\nQ3, which gives\n$$ x $$\n",
    "## Answer 4\n\nWe argue as in\nQuestion 3 and get\n$$ x $$\n",
    "## Answer 4\n\nQ3, as shown, gives\n$$ x $$\n",
], ids=["wrapped-q", "wrapped-question", "clause"])
def test_a_marker_inside_running_prose_switches_nothing(text: str) -> None:
    assert {p.question for p in split_questions(text)} == {"4", None} - {None}


@pytest.mark.parametrize("text", [
    "Intro.\n\nQuestion 3. Show x.\n\nAnswer 3. Done.\n", "Intro.\n**Q3.** Done.\n", "Intro.\n\\section{Q3} Done.\n",
], ids=["paragraph-start", "bold", "section"])
def test_a_marker_set_apart_opens_a_part(text: str) -> None:
    assert "3" in {p.question for p in split_questions(text)}


def test_a_sentence_about_another_question_switches_nothing() -> None:
    text = "## Answer 4\n\nExercise 3 had a similar bound. Here we get\n\n$$ x $$\n"
    assert [p.question for p in split_questions(text)] == ["4"]


@pytest.mark.parametrize(("text", "expected"), [
    # a numbered problem and a "Solution." label: its statement, then its answer
    ("**Problem 1.** Let $x > 0$.\n\n**Solution.** Done.\n\n**Problem 2.** Show it.\n\n**Solution:** Done.\n",
     [("1", True), ("1", False), ("2", True), ("2", False)]),
    ("\\textbf{Problem 3.} Show it.\n\n\\textbf{Solution.} Done.\n", [("3", True), ("3", False)]),
    # labels with no number inside a numbered question: the statement and answer of that question
    ("## Question 2\n\n\\textbf{Problem.} Show it.\n\n\\textbf{Solution.} Done.\n",
     [("2", True), ("2", True), ("2", False)]),
    ("## Question 2\n\n**Problem:** Show it.\n\n**Answer.** Done.\n", [("2", True), ("2", True), ("2", False)]),
    ("\\section{Q4}\n\\noindent\\textbf{Question.} Show it.\n\n\\paragraph{Solution} Done.\n",
     [("4", False), ("4", True), ("4", False)]),
    # "Answer:" after a numbered question is the answer's last line, not its start: the work stays the answer
    ("**Question 3.** Show it.\n\n$$x = 3$$\n\n**Answer:** $x = 3$.\n", [("3", False)]),
    # a label no solution follows opens nothing
    ("## Question 5\n\n**Problem.** Show it.\n\n$$x = 1$$\n", [("5", False)]),
    # with no numbered marker the problems are one question, read in order
    ("\\section{GD}\n\\textbf{Problem.} Let $0 < \\mu$.\n\n\\textbf{Solution.} Done.\n", [(None, False)]),
], ids=["problem-n-solution", "textbf-numbered", "labels-in-question", "problem-answer", "paragraph",
        "final-answer", "no-solution", "unnumbered"])
def test_problem_and_solution_labels(text: str, expected: list[tuple[str | None, bool]]) -> None:
    assert [q for q in questions(text) if q != (None, False) or expected == [(None, False)]] == expected
