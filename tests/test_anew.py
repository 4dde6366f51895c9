"""A plain name the answer gives a value again (symproofs.grading.anew)."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark

#: a course that defines the name s, so that the answer's values for it are claims about it
_COURSE = "[symbols]\na = \"real\"\nb = \"real\"\n[definitions]\ntotal = 's = a + b'\n"


def test_a_name_the_course_defines_has_no_second_value_of_the_answer(tmp_path: Path) -> None:
    # s = 2a + b after s = b + a = a + b: a slip about the course's s, refuted, never a "new quantity"
    sub = graded(tmp_path, "## Answer 1\n\n$$s = b + a = a + b$$\n\n$$s = 2a + b = a + b$$\n", notation=_COURSE)
    got = steps(sub)
    assert [s.verdict for s in got[:2]] == [Mark.PROVED, Mark.PROVED]
    slip = got[2]
    assert slip.verdict is Mark.REFUTED and slip.method != "two values", slip.message
    assert slip.counterexample is not None


def test_a_line_after_a_slip_on_a_course_defined_name_is_checked_against_the_course(tmp_path: Path) -> None:
    # the slip s = 2a + b (line 5) is no result: s = b + 2a repeats it and is refuted, s = b + a is proved
    body = "## Answer 1\n\n$$s = b + a = a + b$$\n\n$$s = 2a + b = a + b$$\n\n$$s = b + 2a$$\n\n$$s = b + a$$\n"
    got = {s.line: s for s in steps(graded(tmp_path, body, notation=_COURSE))}
    assert got[7].verdict is Mark.REFUTED, got[7].message
    assert got[9].verdict is Mark.PROVED, got[9].message


def test_a_name_of_the_answers_own_still_takes_a_new_value(tmp_path: Path) -> None:
    # o is the answer's own name: a second computation under it is a new quantity or a slip, never refuted
    body = "## Answer 1\n\nConv1: $$o = \\frac{32 + 4 - 5}{1} + 1 = 32$$\n\nPool: $$o = \\frac{32 - 2}{2} + 1 = 16$$\n"
    got = steps(graded(tmp_path, body))
    assert got[2].verdict is Mark.UNKNOWN and got[2].method == "two values", got[2].message
    assert got[3].verdict is Mark.PROVED
