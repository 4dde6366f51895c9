"""A proof by contradiction: lines drawn under a supposition no value meets
are never refuted, and the supposition ends where the text concludes the
contradiction."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.contrary import concluded, ended, holds_nowhere
from symproofs.grading.report import Mark

x, n = sp.symbols("x n", real=True)


@pytest.mark.parametrize(("lead", "reached"), [
    ("Then $2 = 9/4$, a contradiction. Hence", True), ("$$ 1 = 2 $$ which is absurd, so", True),
    ("This contradicts the assumption. Now", True), ("but that is impossible. So for all $x$,", True),
    # words that seek a contradiction, or one concluded before the last case taken
    ("Suppose, towards a contradiction, that", False), ("We argue by contradiction. Suppose", False),
    ("Assume for the sake of contradiction that", False), ("a contradiction. Now let $x > 0$ and", False),
])
def test_the_words_that_conclude_a_contradiction(lead: str, reached: bool) -> None:
    assert concluded(lead) is reached


def test_relations_no_value_meets_together() -> None:
    assert holds_nowhere((sp.Eq(sp.sqrt(2), sp.Rational(3, 2), evaluate=False),))
    assert holds_nowhere((sp.Gt(x, 1), sp.Lt(x, 0)))
    assert holds_nowhere((sp.Eq(n, 3), sp.Eq(n**2, 8)))  # once n = 3 is put in
    assert not holds_nowhere((sp.Gt(x, 1), sp.Lt(x, 2)))
    assert not holds_nowhere((sp.Eq(n, 3), sp.Eq(n**2, 9)))


def test_a_concluded_contradiction_ends_the_suppositions_made_for_it() -> None:
    standing, supposed = sp.Gt(x, 0), sp.Gt(n, 5)
    impossible = sp.Lt(x**2, 0, evaluate=False)
    assert ended((standing, supposed, impossible), (supposed,)) == (standing,)


def _answer(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    return [(s.verdict, s.message) for s in steps(graded(tmp_path, f"## Answer 1\n\n{body}\n")) if s.relation]


@pytest.mark.parametrize(("body", "supposition"), [
    ("Suppose $\\sqrt{2} = 3/2$. Then\n$$ 2 = \\frac{9}{4} $$\na contradiction.", "√2 = 3/2"),
    ("Suppose $\\sqrt{2} = 3/2$. Squaring,\n$$ 2 = \\left(\\frac{3}{2}\\right)^2 $$", "√2 = 3/2"),
    ("Towards a contradiction, suppose $n = 3$ and $n^2 = 8$. Then $$ 9 = 8 $$", "n = 3"),
    ("Assume, towards a contradiction, that $x > 1$ and $x < 0$. Then $$ x - 1 > 0 > x $$", "x > 1"),
    # a long supposition, past the window hypothesis words are looked for in
    ("Assume, for the sake of contradiction, that $x^2 < 0$. Then $$ x^2 + 1 < 1 $$", "< 0"),
])
def test_a_line_under_a_supposition_no_value_meets_is_never_refuted(tmp_path: Path, body: str,
                                                                     supposition: str) -> None:
    steps = _answer(tmp_path, body)
    checked = [(v, m) for v, m in steps if "not a claim" not in m and "does not hold, or supposes" not in m]
    assert checked and all(v is Mark.UNKNOWN and supposition in m for v, m in checked), steps


def test_a_supposition_for_contradiction_is_the_case_of_the_lines_after_it_until_it_is_reached(
        tmp_path: Path) -> None:
    steps = _answer(tmp_path, "Suppose for contradiction that $x^2 < 0$. Then $$ x^2 + 1 < 1 $$ which is "
                              "impossible. Hence for all $x$, $$ x^2 + 1 \\ge 1 $$")
    # the supposition itself (not a claim), the line under it (vacuous), the line after the contradiction
    assert [v for v, _ in steps] == [Mark.UNKNOWN, Mark.UNKNOWN, Mark.PROVED], steps
    assert "x**2 < 0" in steps[1][1] or "x² < 0" in steps[1][1], steps


def test_after_the_contradiction_a_slip_is_refuted_again(tmp_path: Path) -> None:
    steps = _answer(tmp_path, "Suppose $\\sqrt{2} = 3/2$. Then $$ 2 = \\frac{9}{4}. $$ This is absurd, so "
                              "$\\sqrt{2} \\ne 3/2$. Now $$ (a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2 $$")
    assert [v for v, _ in steps][-2:] == [Mark.PROVED, Mark.REFUTED], steps
