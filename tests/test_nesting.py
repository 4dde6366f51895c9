"""Tests of how a case sits among those taken before it (symproofs.grading.nesting)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.nesting import Standing, nested, standing_lead, still_taken
from symproofs.grading.report import Mark

m = sp.Symbol("m", integer=True)
q = sp.Symbol("q", real=True)


def test_a_case_replaces_the_earlier_case_it_contradicts() -> None:
    # "for $m = 3$" then "for some $m \ge 4$": the base case ends (an equation, not only a bound)
    assert still_taken((m >= 2, sp.Eq(m, 3)), (m >= 4,)) == (m >= 2,)
    assert still_taken((q > 0,), (q < 0,)) == ()


def test_a_standing_assumption_is_never_replaced() -> None:
    assert still_taken((q > 0, q < 2), (q > 5,), standing=(q > 0, q < 2)) == (q > 0, q < 2)
    assert still_taken((q > 0, sp.Eq(q, 1)), (q < 0,), standing=(q > 0,)) == (q > 0,)


@pytest.mark.parametrize(("lead", "nests", "stands"), [
    ("Assume $m \\ge 1$. If moreover ", True, False),
    ("Suppose further that ", True, False),
    ("In addition, let ", True, True),
    ("Let ", False, True),
    ("We show it for all ", False, True),
    ("Given ", False, True),
    ("Now let ", False, False),
    ("In the case ", False, False),
    ("For ", False, False),
    ("Suppose it holds at $m - 1$ for some ", False, False),
])
def test_the_words_that_nest_a_case_or_make_it_stand(lead: str, nests: bool, stands: bool) -> None:
    assert nested(lead) is nests
    assert standing_lead(lead) is stands


@pytest.mark.parametrize("body", [
    "Assume $m \\ge 2$. If moreover $m \\le 1$ then\n\n$$\nm^2 = m + 7\n$$\n",
    "Let $q \\in (2, 5)$. In the case $q < 1$,\n\n$$\nq(q - 3) \\ge 4\n$$\n",
    "Let $q > 3$. Suppose $q < 0$. Then\n\n$$\nq^2 = q + 1\n$$\n",
])
def test_a_case_against_what_stands_claims_nothing(tmp_path: Path, body: str) -> None:
    graded_steps = steps(graded(tmp_path, f"## Question 1\n\n{body}"))
    last = graded_steps[-1]
    assert last.verdict is Mark.UNKNOWN and last.counterexample is None, last
    assert "which no value meets" in last.message


def test_a_new_case_of_the_same_name_still_replaces_the_last(tmp_path: Path) -> None:
    # "suppose ... now suppose instead": each display in its own case, a false one refuted inside it
    body = ("Suppose $q \\ge 1$. Then\n\n$$\nq^3 \\ge q\n$$\n\nNow suppose instead that $q \\le -1$. Then\n\n"
            "$$\nq^3 \\ge q\n$$\n")
    graded_steps = steps(graded(tmp_path, f"## Question 1\n\n{body}"))
    assert [s.verdict for s in graded_steps] == [Mark.PROVED, Mark.REFUTED], graded_steps
    refuted = graded_steps[-1].counterexample or ""
    point = sp.Rational(refuted.split("q = ")[1].split()[0].rstrip(":,;"))
    assert point <= -1


_INDUCTION = r"""## Question 1

We show by induction on $m$ that $S_m = m(m+1)$ for all $m \ge 1$.
For $m = 1$: $S_1 = 2 = 1 \cdot 2$.

Suppose it holds at $m - 1$, i.e.\ $S_{m-1} = (m-1)m$, for some $m \ge 2$. Then

$$
S_m = S_{m-1} + 2m = (m-1)m + 2m = m(m+1)
$$
Hence

$$
S_m - m^2 = m
$$
"""
_SUMS = """[indices]
names = ["m"]

[assumptions]
facts = ['m \\ge 1']

[definitions]
start = 'S_1 = 2'
step = { latex = 'S_m = S_{m-1} + 2m', for_all = "m", from = 2 }
"""


def test_an_induction_step_replaces_its_base_case(tmp_path: Path) -> None:
    # "for $m = 1$" then "for some $m \ge 2$": the lines after are in the case m >= 2 (with m >= 1), never in a
    # case no value meets (they were all unknown)
    graded_steps = steps(graded(tmp_path, _INDUCTION, notation=_SUMS))
    assert [s.verdict for s in graded_steps] == [Mark.PROVED] * 6, graded_steps


def test_a_standing_value_taken_anew_replaces_the_old_one(tmp_path: Path) -> None:
    # "let $c = 3$" ... "now let $c = 7$": the new value, never a case no value meets
    body = "Let $c = 3$.\n\n$$\nc + 1 = 4\n$$\n\nNow let $c = 7$.\n\n$$\nc + 1 = 9\n$$\n"
    graded_steps = steps(graded(tmp_path, f"## Question 1\n\n{body}"))
    assert graded_steps[-1].verdict is Mark.REFUTED, graded_steps
    assert all("no value meets" not in s.message for s in graded_steps)
    assert still_taken((sp.Eq(q, 3),), (sp.Eq(q, 7),), standing=()) == ()


@pytest.mark.parametrize("row", [
    "y = 2x + 1, \\text{ where } x = 3",
    "y = 2x + 1 \\quad \\text{with } x = 3.",
    "y = 2x + 1 \\quad (x = 3)",
])
def test_a_value_stated_beside_a_definition_is_taken_for_the_lines_after_it(tmp_path: Path, row: str) -> None:
    # y = 2x + 1 where x = 3, then y = 7: never refuted at another x (the where-clause is context, not dropped)
    sub = graded(tmp_path, f"## Question 1\n\n$$ {row} $$\n\n$$ y = 7 $$\n\n"
                           f"## Question 2\n\n$$ {row} $$\n\n$$ y = 8 $$\n")
    by_line = {s.line: s for s in steps(sub)}
    assert by_line[5].verdict is not Mark.REFUTED, by_line[5]
    assert "x = 3" in by_line[5].message
    assert by_line[11].verdict is Mark.REFUTED and "7" in (by_line[11].counterexample or "")


def test_the_value_beside_a_definition_is_a_case_of_the_question() -> None:
    x, y = sp.symbols("x y")
    stand = Standing()
    assert stand.where("1", (), y, (sp.Eq(x, 3),), 2 * x + 1) == (sp.Eq(x, 3),)
    assert stand.where("1", (), y, (x > 0,), 2 * x + 1) == ()  # a bound: the row's condition only
    assert stand.where("1", (), sp.Function("f")(x), (sp.Eq(x, 3),), x**2) == ()  # f(x) = x^2 for x = 3: a formula
    assert stand.where("1", (), y, (sp.Eq(q, 3),), 2 * x + 1) == ()  # a name the definition does not use
