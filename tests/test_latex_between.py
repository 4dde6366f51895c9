"""Words between the rows of one chain (symproofs.latex.between): ``\\intertext``
closes the display and opens it again, the words standing between, as the page
shows them; what counts as words between two displays."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.between import new_sentence, open_intertext, words_between


@pytest.mark.parametrize(("doc", "expected"), [
    ("\\begin{align*} a &= b \\\\ \\intertext{since $x > 0$,} &= c \\end{align*}",
     "\\begin{align*} a &= b \\\\ \\end{align*}since $x > 0$,\\begin{align*} &= c \\end{align*}"),
    ("\\begin{alignat*}{2} a &= b \\shortintertext{so} &= c \\end{alignat*}",
     "\\begin{alignat*}{2} a &= b \\end{alignat*}so\\begin{alignat*}{2} &= c \\end{alignat*}"),
    ("$$ a = b \\intertext{by {\\em the} rule} = c $$", "$$ a = b $$by {\\em the} rule$$ = c $$"),
    ("\\[ a = b \\intertext{x} = c \\intertext{y} = d \\]", "\\[ a = b \\]x\\[ = c \\]y\\[ = d \\]"),
    # braces that do not close inside the display, or no display: left alone
    ("\\begin{align*} a &= b \\intertext{so \\end{align*}", "\\begin{align*} a &= b \\intertext{so \\end{align*}"),
    ("Text \\intertext{so} more", "Text \\intertext{so} more"),
])
def test_intertext_closes_the_display_and_opens_it_again(doc: str, expected: str) -> None:
    masked, text = open_intertext(doc, doc.upper())
    assert masked == expected
    assert text.count("\n") == doc.count("\n") and len(text) == len(masked)  # the same places, lines kept


def test_the_two_texts_are_edited_alike() -> None:
    masked = "\\[ a = b \\intertext{      } = c \\]"  # a comment blanked in one of them
    text = "\\[ a = b \\intertext{% note} = c \\]"
    new_masked, new_text = open_intertext(masked, text)
    assert new_masked == "\\[ a = b \\]      \\[ = c \\]" and new_text == "\\[ a = b \\]% note\\[ = c \\]"


@pytest.mark.parametrize(("between", "words"), [
    ("\n\nSumming the geometric series,\n\n", True), (" and since $w \\ge 1$, ", True),
    ("\n(12)\n\n", False), ("\\end{align*}\n% so\n\\begin{align*}", False), ("$$\n\n$$", False),
    ("\\label{eq:1}\\nonumber", False),
])
def test_words_between_two_displays(between: str, words: bool) -> None:
    assert words_between(between) is words


@pytest.mark.parametrize(
    ("between", "sentence"),
    [
        pytest.param("\n\nNext, the square:\n\n", True, id="a-sentence-with-a-colon"),
        pytest.param(" The bound holds. ", True, id="a-full-sentence"),
        pytest.param(" where $x > 0$. Hence ", True, id="a-sentence-ends-another-starts"),
        pytest.param("\n\n## Question 2\n\n", True, id="a-heading"),
        pytest.param(" and since $w \\ge 1$, so ", False, id="a-connective"),
        pytest.param("\n\nSumming the geometric series,\n\n", False, id="a-clause-going-on"),
        pytest.param(" Thus ", False, id="one-word"),
        pytest.param(" (3) ", False, id="an-equation-number"),
        pytest.param("\n\n", False, id="nothing"),
    ],
)
def test_a_new_sentence_between_two_displays(between: str, sentence: bool) -> None:
    assert new_sentence(between) is sentence


@pytest.mark.parametrize(
    ("between", "sentence"),
    [
        pytest.param("x" + "\n " * 20000 + "\n# Question 3\n", True, id="a-heading-after-a-blanked-part"),
        pytest.param("\n \t\n  # Title", True, id="a-heading-after-blank-lines-and-spacing"),
        pytest.param("and so" + "\n " * 20000 + "x", False, id="a-long-blanked-part-no-heading"),
        pytest.param("and $x \\# y$ so,", False, id="a-hash-inside-a-line"),
    ],
)
def test_a_heading_is_found_in_linear_time(between: str, sentence: bool) -> None:
    # a blanked-out part of a document is long runs of newlines and spaces: the search once went back over
    # them from every newline (seconds for 40 000 characters); the same texts are headings as before
    import time

    start = time.perf_counter()
    assert new_sentence(between) is sentence
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("tag", "remark"), [
    ("\\tag{for $v<0$}", "\\quad\\text{for }v<0 "),
    ("\\tag*{if $v \\le 0$}", "\\quad\\text{if }v \\le 0 "),
])
def test_a_tag_that_states_a_condition_becomes_a_remark_beside_its_row(tag: str, remark: str) -> None:
    doc = f"\\begin{{align}}\n|v| &= -v {tag}\n\\end{{align}}"
    assert open_intertext(doc)[0] == f"\\begin{{align}}\n|v| &= -v {remark}\n\\end{{align}}"


def test_a_tag_that_numbers_its_row_is_left_alone() -> None:
    doc = "\\begin{align}\na &= b \\tag{3.1}\n\\end{align}"
    assert open_intertext(doc)[0] == doc


def test_a_condition_in_a_tag_is_the_rows_condition(tmp_path: Path) -> None:
    body = "\\section{Question 1}\n\\begin{align}\n|v| &= -v \\tag{for $v<0$}\n\\end{align}\n"
    assert [(s.verdict, "v<0" in s.message) for s in steps(graded(tmp_path, body, name="answer.tex"))] == [
        (Mark.PROVED, True)]
    wrong = body.replace("&= -v", "&= v")
    assert [s.verdict for s in steps(graded(tmp_path, wrong, name="answer.tex"))] == [Mark.REFUTED]
