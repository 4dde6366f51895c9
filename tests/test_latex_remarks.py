"""The remarks beside a row's statements and the words around text math
that state the condition it holds under (symproofs.latex.remarks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.remarks import drawn_aside, trailing_condition


@pytest.mark.parametrize(("after", "condition"), [
    (" assuming $x > 0$.", "x > 0"),
    (", assuming that $z \\geq 0$.", "z \\geq 0"),
    (" provided $a \\neq 0$.", "a \\neq 0"),
    (" if $p \\in (0,1)$.", "p \\in (0,1)"),
    (" for every integer $n \\ge 0$.", "n \\ge 0"),
])
def test_a_condition_after_text_math_is_read_with_it(after: str, condition: str) -> None:
    text = "$a = b$" + after
    found, end = trailing_condition(text, len("$a = b$"))
    assert found.endswith(condition) and end > 0
    assert "integer" not in found  # the kind of number is the declaration's (symproofs.latex.integers)


@pytest.mark.parametrize("words", ["assuming", "assuming that", "provided", "provided that", "when"])
def test_a_hypothesis_after_text_math_on_its_line_proves_it(tmp_path: Path, words: str) -> None:
    body = f"# Q1\n\nWe have $\\sqrt{{x^2}} = |x| = x$ {words} $x > 0$.\n"
    marks = [s.verdict for s in steps(graded(tmp_path, body))]
    assert marks == [Mark.PROVED, Mark.PROVED]


def test_a_slip_under_the_hypothesis_is_still_refuted(tmp_path: Path) -> None:
    body = "# Q1\n\nWe have $\\sqrt{x^2} = |x| = -x$ assuming $x > 0$.\n"
    marks = [s.verdict for s in steps(graded(tmp_path, body))]
    assert marks == [Mark.PROVED, Mark.REFUTED]



@pytest.mark.parametrize(("after", "drawn"), [
    (r"(\text{thus } y - 1 = y)", True),
    (r"(\text{hence } a > b).", True),
    (r"(\text{so } a = 2)", True),
    (r"(\text{therefore } f(a) = 0)", True),
    (r"(\text{i.e. } a = 2)", True),
    (r"(\text{for } y > 0)", False),
    (r"(\text{since } y > 0)", False),
    (r"(y \ne 0)", False),
])
def test_words_that_draw_a_consequence_open_a_claim_not_a_condition(after: str, drawn: bool) -> None:
    found = drawn_aside(after)
    assert (found is not None) is drawn
    if found is not None:
        assert "=" in after[found[0]:found[1]] or ">" in after[found[0]:found[1]]


@pytest.mark.parametrize(("words", "claim"), [("thus", Mark.REFUTED), ("hence", Mark.REFUTED),
                                             ("i.e.", Mark.REFUTED), ("so", Mark.PROVED)])
def test_a_consequence_in_parentheses_is_checked(tmp_path: Path, words: str, claim: Mark) -> None:
    # (y-2)^2 = y^2 - 4y + 4 holds; "thus y - 2 = y" is a false claim (checked, not the row's condition)
    right = "y - 2 = y" if claim is Mark.REFUTED else "(y-2)^2 \\ge 0"
    row = f"(y-2)^2 = y^2 - 4y + 4 \\quad (\\text{{{words} }} {right})"
    found = steps(graded(tmp_path, f"## Question 1\n\n$$\n{row}\n$$\n"))
    assert [s.verdict for s in found] == [Mark.PROVED, claim], found
    assert all("claims nothing" not in s.message for s in found)


def test_a_condition_in_parentheses_is_still_the_rows(tmp_path: Path) -> None:
    found = steps(graded(tmp_path, "## Question 1\n\n$$\n\\sqrt{y^2} = y \\quad (\\text{for } y \\ge 0)\n$$\n"))
    assert found[-1].verdict is not Mark.REFUTED, found


def test_a_property_named_then_spelled_out_in_parentheses_is_the_reason() -> None:
    from symproofs.latex.remarks import between_statements
    assert between_statements("(symmetry of the distribution ie. ") == "reason"
    assert between_statements("(by evenness of the density, that is") == "reason"
    # a consequence, or words outside parentheses, are not a reason
    assert between_statements("(so, i.e.") != "reason"
    assert between_statements("symmetry, i.e.") != "reason"
    assert between_statements("(we get, i.e.") != "reason"
