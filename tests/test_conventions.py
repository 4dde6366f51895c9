"""The base a text states for \\log (symproofs.latex.conventions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.latex.conventions import LogBase, log_base


@pytest.mark.parametrize(("text", "base"), [
    ("Throughout, $\\log$ denotes the logarithm to base $2$ (entropy is measured in bits).", 2),
    ("All logarithms are base 2.", 2),
    ("We use log base 2 throughout.", 2),
    ("Here $\\log = \\log_2$.", 2),
    ("$\\log$ is the binary logarithm.", 2),
    ("Logarithms are taken to base 10.", 10),
    ("where $\\log$ denotes the natural logarithm.", "natural"),
    ("The cross-entropy loss with natural logarithms: for $p = e^{-1}$,", "natural"),
    ("We use the natural log throughout.", "natural"),
    ("Here $\\ln$ denotes the natural log.", "natural"),
    ("All logs are natural.", "natural"),
    ("We use log base $e$.", "natural"),
    ("\\begin{document}\nThroughout, \\(\\log\\) denotes the logarithm to base \\(2\\).\n"
     "\\begin{align} \\log 8 &= 3 \\end{align}\n\\end{document}", 2),
    # nothing said of a base for \log: the natural logarithm, as without a text
    ("Recall that $\\log(xy) = \\log x + \\log y$.", None),
    ("The entropy is measured in bits.", None),
    ("Note that $\\log_2 8 = 3$ in base 2.", None),
    ("$$ \\log 8 = 3 \\ln 2 $$", None),
    ("Let $n$ be a natural number.", None),
])
def test_the_base_a_text_states_for_log(text: str, base: LogBase) -> None:
    assert log_base(text) == base


@pytest.mark.parametrize("text", [
    pytest.param("Logarithms are base $2$ or $e$, as convenient.", id="two-bases"),
    pytest.param("We do not use log base 2.", id="negated"),
    pytest.param("The entropy $H = -\\sum_k p_k \\log p_k$ is in bits.", id="in-bits"),
    pytest.param("Recall $\\log(xy) = \\log x + \\log y$ for any base.", id="any-base"),
    pytest.param("The base-2 logarithm of 8 is 3.", id="not-a-convention"),
    pytest.param("In part (a), log is base 2. In part (b), log is base 10.", id="two-statements"),
    pytest.param("If log were base 2, the answer would be 3.", id="hypothesis"),
    pytest.param("Logs are natural or binary.", id="natural-or-binary"),
])
def test_a_base_the_reader_cannot_tell_is_unclear(text: str) -> None:
    assert log_base(text) == "unclear"


def _steps(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    return [(s.source, s.verdict.value) for s in steps(graded(tmp_path, body)) if s.relation]


def test_the_stated_base_is_the_base_of_every_log(tmp_path: Path) -> None:
    body = ("Throughout, $\\log$ denotes the logarithm to base $2$ (entropy is measured in bits).\n\n"
            "$$ H = -\\sum_{k=1}^{8} \\frac{1}{8} \\log \\frac{1}{8} = \\log 8 = 3 $$\n\n"
            "$$ \\log 8 = \\log 9 $$\n\n$$ \\frac{d}{dx} \\log x = \\frac{1}{x \\ln 2} $$\n")
    assert _steps(tmp_path, body)[1:] == [("\\log 8", "proved"), ("3", "proved"), ("\\log 9", "refuted"),
                                          ("\\frac{1}{x \\ln 2}", "proved")]


@pytest.mark.parametrize("body", [
    pytest.param("Logarithms are in base $2$ or base $e$, whichever is convenient.\n\n$$ \\log 8 = 3 $$\n\n"
                 "$$ \\log 8 = 3 \\ln 2 $$\n", id="unclear"),
    pytest.param("## Question 1\n\nThroughout this question, $\\log$ is the logarithm to base $2$.\n\n"
                 "## Answer 1\n\nDone.\n\n## Question 2\n\nDifferentiate.\n\n## Answer 2\n\n"
                 "$$ \\log 8 = 3 $$\n\n$$ \\log 8 = 3 \\ln 2 $$\n", id="said-in-another-question"),
])
def test_a_log_whose_base_the_text_leaves_open_is_never_refuted(tmp_path: Path, body: str) -> None:
    assert [verdict for _, verdict in _steps(tmp_path, body)] == ["unknown", "unknown"]


def test_without_a_stated_base_log_is_natural(tmp_path: Path) -> None:
    assert _steps(tmp_path, "We have\n\n$$ \\log 8 = 3 $$\n\n$$ \\log 8 = 3 \\ln 2 $$\n") == [
        ("3", "refuted"), ("3 \\ln 2", "proved")]


def test_natural_logarithms_named_are_the_default_base(tmp_path: Path) -> None:
    # "with natural logarithms" names the grader's own base: the lines are checked, not ambiguous
    body = ("The cross-entropy loss with natural logarithms: for $p = e^{-1}$,\n\n$$\n-\\log p = 1\n$$\n\n"
            "$$\n\\log 8 = 3\\log 2\n$$\n\n$$\n\\log 8 = 3\n$$\n")
    assert [verdict for _, verdict in _steps(tmp_path, body)] == ["proved", "proved", "refuted"]


def test_a_chain_that_holds_alike_in_every_base_is_checked_where_the_base_is_unclear(tmp_path: Path) -> None:
    # every side a sum of multiples of logs without a base: the readings agree, so the verdict stands; a side
    # with a plain number (log 8 = 3: true in base 2, false in base e) stays ambiguous
    body = ("Logarithms are in base $2$ or base $e$, whichever is convenient.\n\n"
            "$$\n\\log 8 = 3\\log 2\n$$\n\n$$\n\\log 8 - \\log 2 \\le \\log 3\n$$\n\n$$\n\\log 8 = 3\n$$\n")
    assert [(s.verdict.value, s.method) for s in steps(graded(tmp_path, body)) if s.relation] == [
        ("proved", "polynomial normal form"), ("refuted", "refutation probe"), ("unknown", "not checked")]
