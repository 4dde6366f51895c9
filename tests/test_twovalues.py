"""A name the text gives two values (symproofs.grading.twovalues)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Given
from symproofs.grading.twovalues import MARK, held_by_two_values, stale_values
from symproofs.latex.notation import Setting

y, z, b = sp.symbols("y z b", real=True)


def _given(line: int, lhs: sp.Symbol, rhs: int) -> Given:
    return Given(name=f"defined on line {line}", statement=sp.Eq(lhs, rhs), text=f"{lhs} = {rhs}")


def _setting(*givens: Given) -> Setting:
    return Setting(facts=(), givens=givens, lemmas=(), algebras=(), expected=())


def test_a_value_found_under_the_old_value_is_dropped_and_marked() -> None:
    setting = _setting(_given(11, y, 6), _given(12, b, 5))
    stated = {"z": (sp.Eq(z, 3), 8), "y": (sp.Eq(y, 6), 11), "b": (sp.Eq(b, 5), 12)}
    after, marks = stale_values(setting, (sp.Eq(z, 4),), (sp.Eq(y, 2 * z),), stated, 14)
    assert [g.statement for g in after.givens] == [sp.Eq(b, 5)]  # b is tied to nothing: it stays
    assert marks == (f"{MARK}y|z is given two values: 3 (line 8) and 4 (line 14)",)
    message = held_by_two_values({"y"}, marks)
    assert message is not None and "z is given two values: 3 (line 8) and 4 (line 14)" in message
    assert held_by_two_values({"b"}, marks) is None


def test_the_same_value_again_is_no_second_value() -> None:
    setting = _setting(_given(11, y, 6))
    stated = {"z": (sp.Eq(z, 3), 8), "y": (sp.Eq(y, 6), 11)}
    assert stale_values(setting, (sp.Eq(z, 3),), (sp.Eq(y, 2 * z),), stated, 14) == (setting, ())


def test_a_line_resting_on_a_value_found_under_an_old_value_is_not_proved(tmp_path: Path) -> None:
    sub = graded(tmp_path, "$$\ny = 2z\n$$\n\nwhere $z = 3$. Hence\n\n$$\ny = 6\n$$\n\n"
                           "and, since $y = 2z$ with $z = 4$,\n\n$$\ny^2 = 36\n$$\n")
    last = steps(sub)[-1]
    assert (last.source, last.verdict.value) == ("36", "unknown")
    assert "z is given two values: 3 (line 5) and 4 (line 11)" in last.message


def test_a_new_value_in_a_later_part_leaves_lines_that_do_not_rest_on_the_old_one(tmp_path: Path) -> None:
    sub = graded(tmp_path, "(a) We draw $n$ samples, where $n = 10$. The standard error is\n\n"
                           "$$\n\\frac{s}{\\sqrt{n}} = \\frac{s}{\\sqrt{10}}\n$$\n\n"
                           "(b) Now we draw more samples, with $n = 40$. Then\n\n"
                           "$$\n\\frac{s}{\\sqrt{n}} = \\frac{s}{\\sqrt{40}} = \\frac{s}{2\\sqrt{10}}\n$$\n")
    assert [s.verdict.value for s in steps(sub)] == ["proved", "unknown", "proved"]


def test_a_name_a_statement_describes_in_words_is_no_value_found_twice() -> None:
    # "Let $\beta$ be the shift": the statement's "^beta" among the known names holds nothing back (it once read
    # "rests on the value of beta found while ;")
    assert held_by_two_values(["beta"], ["^beta", "beta"]) is None
    held = held_by_two_values(["y"], [f"{MARK}y|z is given two values: 3 (line 8) and 4 (line 14)"])
    assert held is not None and "found while z is given two values" in held
