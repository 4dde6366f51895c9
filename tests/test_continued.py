"""A chain that words cut (symproofs.grading.continued): ``\\intertext``, or a
sentence before a display that opens with a relation, read as the text
between two displays, the chain going on across it."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded

from symproofs.grading.continued import says_something
from symproofs.grading.report import Mark, SubmissionGrade


def _graded(tmp_path: Path, body: str, name: str = "answer.tex") -> SubmissionGrade:
    return graded(tmp_path, body, name=name, timeout=10)


def _steps(sub: SubmissionGrade) -> list[tuple[int, Mark]]:
    return [(s.line, s.verdict) for c in sub.chains for s in c.steps if s.relation]


def _align(*rows: str) -> str:
    return "\\section*{Answer 1}\n\\begin{align*}\n" + "\n".join(rows) + "\n\\end{align*}\n"


@pytest.mark.parametrize("command", ["\\intertext", "\\shortintertext"])
def test_a_case_in_intertext_holds_for_the_rows_after_it(tmp_path: Path, command: str) -> None:
    # w^2 - 1 >= 0 was refuted at w = -1/8: the case "since $w \ge 1$" inside \intertext was dropped
    sub = _graded(tmp_path, _align("w^2 - 1 &= (w-1)(w+1) \\\\",
                                   f"{command}{{and since $w \\ge 1$, both factors are nonnegative, so}}",
                                   "&\\ge 0"))
    assert _steps(sub) == [(3, Mark.PROVED), (5, Mark.UNKNOWN)]
    assert "w ≥ 1" in sub.chains[-1].steps[-1].message


def test_a_case_in_intertext_never_reaches_the_rows_before_it(tmp_path: Path) -> None:
    sub = _graded(tmp_path, _align("\\sqrt{x^2} &= x \\\\", "\\intertext{and for $x \\ge 0$ we get}", "&= |x|"))
    assert _steps(sub) == [(3, Mark.REFUTED), (5, Mark.UNKNOWN)]


def test_words_in_intertext_that_take_the_row_back_are_read(tmp_path: Path) -> None:
    sub = _graded(tmp_path, _align("(c+1)^2 &= c^2 + 2c + 1 \\\\", "\\intertext{a common mistake is to write}",
                                   "&= c^2 + 1"))
    assert _steps(sub) == [(3, Mark.PROVED), (5, Mark.UNKNOWN)]
    assert sub.chains[-1].steps[-1].method == "not a claim"


def test_words_between_displays_are_read_as_in_intertext(tmp_path: Path) -> None:
    # the same sentence between two Markdown displays: the display after it continues the chain, in the case
    body = ("# Answer 1\n\n$$ \\frac{t^2 + t}{t} = t + 1 $$\nand for $t > 0$ we have, so\n"
            "$$ \\le t + 1 + \\frac{1}{t} $$\n")
    sub = _graded(tmp_path, body, "answer.md")
    assert _steps(sub) == [(3, Mark.PROVED), (5, Mark.UNKNOWN)]


def test_a_false_row_after_intertext_is_still_refuted(tmp_path: Path) -> None:
    sub = _graded(tmp_path, _align("(a+1)^2 &= a^2 + 2a + 1 \\\\", "\\intertext{hence, for $b > 0$,}",
                                   "&= a^2 + 1"))
    assert _steps(sub) == [(3, Mark.PROVED), (5, Mark.REFUTED)]


def test_words_that_say_nothing_read_leave_one_chain(tmp_path: Path) -> None:
    # "Summing the geometric series," between two displays: one chain, as before, for the rubric and results
    sub = _graded(tmp_path, _align("(a+1)^2 &= a^2 + 2a + 1 \\\\", "\\intertext{expanding once more, we get}",
                                   "&= a^2 + a + a + 1"))
    assert len(sub.chains) == 1 and _steps(sub) == [(3, Mark.PROVED), (5, Mark.PROVED)]


def test_a_condition_of_the_rows_before_the_words_still_holds(tmp_path: Path) -> None:
    # a + a = 2a "because a = 3", then words with a case of their own: 2a = 6 still works with a = 3
    sub = _graded(tmp_path, _align("a + a &= 2a \\quad (a = 3) \\\\", "\\intertext{and since $b > 0$,}",
                                   "&= 6"))
    assert _steps(sub) == [(3, Mark.PROVED), (5, Mark.PROVED)]


@pytest.mark.parametrize(("lead", "read"), [
    ("Summing the geometric series,", False), ("$$ a = b $$ Using this,", False), ("so", False),
    ("and since $w \\ge 1$,", True), ("A common mistake is to write", True), ("In general,", True),
    ("Otherwise", True), ("if $\\sigma$ is the identity,", True), ("\\end{align*}if $f$ is linear, \\begin{align*}",
                                                                    True)])
def test_what_the_words_between_say(lead: str, read: bool) -> None:
    assert says_something(lead) is read
