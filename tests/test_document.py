"""Tests of what a document's text assumes for its questions (symproofs.grading.document)."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark

_PREAMBLE = "# Assignment\n\n{said}\n\n**Question 3.** Show that $\\beta^2 < \\beta$.\n\n**Answer 3.**\n\n" \
            "$$ \\beta - \\beta^2 = \\beta(1 - \\beta) > 0 $$\n\n" \
            "**Question 4.** Let $\\beta$ be the shift, any real number.\n\n**Answer 4.**\n\n" \
            "$$ \\beta^2 \\le \\beta $$\n"


def test_an_assumption_stated_throughout_holds_in_every_question_that_does_not_give_the_name_anew(
        tmp_path: Path) -> None:
    sub = graded(tmp_path, _PREAMBLE.format(said="Throughout, $0 < \\beta < 1$ is the decay rate."))
    got = [(s.line, s.verdict) for s in steps(sub)]
    # question 3: beta(1 - beta) > 0 under 0 < beta < 1, never refuted at beta = 0
    assert got[:2] == [(9, Mark.PROVED), (9, Mark.PROVED)]
    # question 4 gives beta anew (any real): the standing range never proves beta^2 <= beta there
    assert got[2][0] == 15 and got[2][1] is not Mark.PROVED
    assert all("found while ;" not in s.message for s in steps(sub))


def test_text_before_the_first_question_without_a_word_for_all_questions_assumes_nothing(tmp_path: Path) -> None:
    sub = graded(tmp_path, _PREAMBLE.format(said="In the lecture we had $0 < \\beta < 1$."))
    assert [s.verdict for s in steps(sub)][:2] == [Mark.PROVED, Mark.REFUTED]


def test_the_range_of_one_lettered_part_of_a_statement_holds_in_that_part_only(tmp_path: Path) -> None:
    text = ("**Question 3.** (a) For $\\beta > 1$, show that $\\beta^2 > \\beta$. (b) For $0 < \\beta < 1$, show that "
            "$\\beta^2 < \\beta$.\n\n**Answer 3.**\n\n(a)\n\n$$ \\beta^2 - \\beta = \\beta(\\beta - 1) > 0 $$\n\n"
            "(b)\n\n$$ \\beta^2 - \\beta = \\beta(\\beta - 1) < 0 $$\n\n$$ \\beta^3 > \\beta $$\n")
    sub = graded(tmp_path, text)
    assert [(c.question, s.verdict) for c in sub.chains for s in c.steps] == [
        ("3.1", Mark.PROVED), ("3.1", Mark.PROVED), ("3.2", Mark.PROVED), ("3.2", Mark.PROVED),
        ("3.2", Mark.REFUTED)]
    refuted = steps(sub)[-1]
    assert refuted.counterexample is not None and "beta = 2" not in refuted.counterexample
