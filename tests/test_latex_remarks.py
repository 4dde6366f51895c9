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


@pytest.mark.parametrize(("after", "word", "condition"), [
    (" for nonnegative $w$.", "for", "w \\ge 0"),  # a sign in words between the cue and the name
    (" for all positive $x$.", "for all", "x > 0"),
    (" (for $w \\ge 0$).", "for", "w \\ge 0"),  # a parenthesis around it
    (" as long as $w \\geq 0$.", "when", "w \\geq 0"),
    (" so long as $0 < \\eta L < 1$.", "when", "0 < \\eta L < 1"),
    (" (recall $w \\geq 0$).", "since", "w \\geq 0"),
    (", with $\\lambda > 0$ the weight.", "with", "\\lambda > 0"),
    (", where $z \\ge 0$.", "where", "z \\ge 0"),
    (" in the region $w \\ge 0$.", "for", "w \\ge 0"),
    (" on the interval $0 < k < 1$.", "for", "0 < k < 1"),
    (", $w$ being nonnegative.", "for", "w \\ge 0"),  # a sign said of the name after the math
    (" if $w$ is nonnegative.", "if", "w \\ge 0"),
    (" because $x$ is strictly positive.", "because", "x > 0"),
    (" for $w$ nonnegative.", "for", "w \\ge 0"),
    ("\nwhenever $x \\geq 0$.", "whenever", "x \\geq 0"),  # a line break (a hard-wrapped paragraph)
    (",\nfor $t \\ge 1$.", "for", "t \\ge 1"),
])
def test_the_common_forms_of_a_condition_after_text_math_are_read(after: str, word: str, condition: str) -> None:
    text = "$a = b$" + after
    found, end = trailing_condition(text, len("$a = b$"))
    assert found == rf" \quad \text{{{word} }} {condition}" and end > 0


@pytest.mark.parametrize("after", [
    " with $b = 2$.",  # "with", "where" state a condition only with an order or a range in it
    " where $f(x) = x^2$.",
    "\n\nfor $w \\ge 0$.",  # a blank line ends the paragraph
])
def test_a_cue_that_states_no_condition_here_reads_none(after: str) -> None:
    assert trailing_condition("$a = b$" + after, len("$a = b$")) == ("", -1)


@pytest.mark.parametrize("after", [" if $m$ is odd.", " since $u$ is a probability.", " when $k$ is an integer."])
def test_words_said_of_a_bare_name_are_a_condition_not_read(after: str) -> None:
    found, _ = trailing_condition("$a = b$" + after, len("$a = b$"))
    words = after.split("$")[-1].strip(" .")
    assert words in found and "\\text{ " in found  # never the bare name alone as the condition


@pytest.mark.parametrize("line", [
    "We have $\\sqrt{x^2} = |x| = x$ for nonnegative $x$.",
    "We have $\\sqrt{x^2} = |x| = x$, $x$ being nonnegative.",
    "We have $\\sqrt{x^2} = |x| = x$ if $x$ is nonnegative.",
    "We have $\\sqrt{x^2} = |x| = x$\nwhenever $x \\geq 0$.",
    "We have $\\max(0, z) = z = |z|$, where $z \\ge 0$.",
    "We get $\\sqrt{\\lambda^2} = |\\lambda| = \\lambda$, with $\\lambda > 0$ the weight.",
])
def test_a_correct_line_under_a_condition_in_common_words_is_proved(tmp_path: Path, line: str) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, f"# Q1\n\n{line}\n"))]
    assert marks == [Mark.PROVED, Mark.PROVED]


@pytest.mark.parametrize("line", [
    "We have $\\sqrt{x^2} = |x| = -x$ for nonnegative $x$.",
    "We have $\\sqrt{x^2} = |x| = -x$ if $x$ is nonnegative.",
    "We have $\\sqrt{x^2} = |x| = -x$\nwhenever $x \\geq 0$.",
    "We have $\\max(0, z) = z = -z$, where $z > 0$.",
])
def test_a_slip_under_a_condition_in_common_words_is_refuted(tmp_path: Path, line: str) -> None:
    marks = [s.verdict for s in steps(graded(tmp_path, f"# Q1\n\n{line}\n"))]
    assert marks[-1] is Mark.REFUTED


def test_an_assumption_beside_a_definition_is_not_its_condition() -> None:
    text = "Let $f(w) = (y - w x)^2 + \\lambda w^2$ with $\\lambda > 0$ and $x, y$ real."
    math = "f(w) = (y - w x)^2 + \\lambda w^2"
    assert trailing_condition(text, text.index("$ with") + 1, math) == ("", -1)
    # after a claim, the same words are its condition
    assert "\\text{with } \\lambda > 0" in trailing_condition(text, text.index("$ with") + 1)[0]
