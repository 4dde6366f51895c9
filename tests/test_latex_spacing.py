"""What a display typesets as nothing (phantoms, empty groups) is blanked
before its rows are read, every other character keeping its position; the
spacing before a row's or a column's content is measured."""

from __future__ import annotations

import pytest

from symproofs.latex.spacing import LEADING, gap, invisible


@pytest.mark.parametrize(("text", "expected"), [
    ("a = {} & b", "a =    & b"),
    ("a ={}& b", "a =  & b"),
    ("& {}+ b", "&   + b"),
    ("\\\\{} + b", "\\\\   + b"),  # a row that starts with one
    ("&\\quad{}+ b", "&\\quad  + b"),  # after a command that takes no argument
    ("a \\mathrel{} & b", "a " + " " * 10 + " & b"),
    ("&\\phantom{=} b", "&            b"),
    ("2{}y", "2  y"),
], ids=["before-mark", "tight", "after-mark", "row-start", "after-quad", "mathrel", "phantom", "between-atoms"])
def test_what_is_typeset_as_nothing_is_blanked(text: str, expected: str) -> None:
    assert invisible(text) == expected


@pytest.mark.parametrize("text", ["y^{}", "y_{}", "\\frac{}{2}", "\\frac{1}{}", "\\text{}", "\\sqrt[3]{}",
                                  "\\text {}", "\\{\\}", "\\left\\{ x \\right."])
def test_an_empty_argument_or_a_printed_brace_is_kept(text: str) -> None:
    assert invisible(text) == text


@pytest.mark.parametrize(("text", "length"), [
    ("&\\quad& \\text{if } y", 8),
    ("&&\\quad \\text{if }", 8),
    ("& \\hspace{1em} &~, x", 19),
    ("x &= 1", 0),
])
def test_the_gap_before_a_columns_content(text: str, length: int) -> None:
    assert gap(text) == length


def test_the_spacing_at_the_start_of_a_row() -> None:
    found = LEADING.match("&\\qquad\\hspace*{2em}\\kern 3pt + z")
    assert found is not None and found.group() == "&\\qquad\\hspace*{2em}\\kern 3pt "
