"""Tests of the heading view the question markers read (layout, spacing and font switches blanked)."""

from __future__ import annotations

import pytest

from symproofs.latex.headings import plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\newpage \\section*{Q. 4}", "\\section*{Q. 4}"),
        ("\\clearpage\\section*{Question 4}", "\\section*{Question 4}"),
        ("\\vspace{1em} \\section*{Question 4}", "\\section*{Question 4}"),
        ("\\bigskip\\noindent\\textbf{Question 4.}", "\\textbf{Question 4.}"),
        ("\\medskip {\\bf Question 4.}", "**Question 4.}"),
        ("{\\large\\textbf{Question 4}}", "\\textbf{Question 4}}"),
        ("\\section*{Question~4}", "\\section*{Question 4}"),
        ("\\section*{Question\\ 4}", "\\section*{Question  4}"),
        ("\\section*{Question \\#4}", "\\section*{Question  #4}"),
        ("## Question&nbsp;4", "## Question      4"),
        ("### Question №4", "### Question #4"),
        ("## ➤ Question 4", "##   Question 4"),
        ("## [Question 4](#q4)", "##  Question 4"),
        ('<a name="q4"></a>## Question 4', "## Question 4"),
    ],
)
def test_layout_before_a_heading_and_spacing_in_it_are_blanked(text: str, expected: str) -> None:
    out = plain(text)
    assert len(out) == len(text)  # every other character keeps its place
    assert out.strip() == expected


@pytest.mark.parametrize(
    "text",
    [
        "a \\\\ b",
        "\\item[2.] x",
        "\\paragraph{3.2}",
        "<sup>3.</sup> The norm",
        "$x \\le y$",
        "n° 3",
        "Réponse 3",
    ],
)
def test_what_is_no_layout_stays(text: str) -> None:
    # a line break "\\" (not a control space), an item's label, "\paragraph", a footnote mark, a degree sign
    assert plain(text) == text
