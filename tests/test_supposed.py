"""Moments the text states as given, not as claims (symproofs.grading.supposed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.grading.supposed import GIVEN_MESSAGE, states_given


@pytest.mark.parametrize(("lead", "expected"), [
    ("Let $X$ and $Y$ be random variables with", True),
    ("Let $X$ be a random variable such that", True),
    ("random variables satisfying", True),
    ("Then\n$$ \\mathbb{E}[3X + 1] = 7 $$\nwhere", True),
    ("Assume that", True),
    # the rows of the same display after the first, and a display joined to it by "and"
    ("random variables with  \\mathbb{E}[X] = 2, \\quad ", True),
    ("such that\n$$ \\mathbb{E}[X] = 2 $$\nand", True),
    # words that draw or claim what follows, and a row after a claim
    ("Hence, with", False),
    ("Let $X$ be a random variable with mean $2$, so that", False),
    ("We show that for random variables with", False),
    ("Then", False),
    ("random variables with  \\mathbb{E}[X + Y] = 5 = ", False),
])
def test_the_words_that_state_a_display_as_given(lead: str, expected: bool) -> None:
    assert states_given(lead) is expected


def _steps(tmp_path: Path, body: str, notation: str | None = None) -> list[LineGrade]:
    if notation is not None:
        (tmp_path / "notation.toml").write_text(notation, encoding="utf-8")
    path = tmp_path / "answer.md"
    path.write_text(body, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    return [s for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("Let $X$ and $Y$ be random variables with\n$$ \\mathbb{E}[X] = 2, \\quad \\mathbb{E}[Y] = 3. $$\n"
                 "Then\n$$ \\mathbb{E}[X + Y] = 5 $$\n", ["given", "given", "proved"], id="with-one-row"),
    pytest.param("Let $X$ be a random variable with\n$$ \\mathbb{E}[X] = 2. $$\nThen\n"
                 "$$ \\mathbb{E}[3X + 1] = 3\\,\\mathbb{E}[X] + 1 = 7 $$\n", ["given", "proved", "proved"],
                 id="with-a-chain-after"),
    pytest.param("Let $X$ and $Y$ be random variables satisfying\n$$ \\begin{aligned} \\mathbb{E}[X] &= 2, \\\\ "
                 "\\mathbb{E}[Y] &= 3. \\end{aligned} $$\nThen\n$$ \\mathbb{E}[X + Y] = 5 $$\n",
                 ["given", "given", "proved"], id="satisfying-aligned"),
    pytest.param("Let $X$ and $Y$ be random variables where\n\\[ \\mathbb{E}[X] = \\mathbb{E}[Y] = 0. \\]\nThen\n"
                 "\\[ \\mathbb{E}[X - Y] = 0 \\]\n", ["given", "given", "proved"], id="where-brackets"),
    pytest.param("Let $X$ be a random variable such that\n$$ \\mathbb{E}[X] = 1 $$\nand\n"
                 "$$ \\operatorname{Var}(X) = 4. $$\nThen\n$$ \\mathbb{E}[X^2] = 5 $$\n$$ \\mathbb{E}[X^2] = 4 $$\n",
                 ["given", "given", "proved", "refuted"], id="two-displays-joined-by-and"),
    pytest.param("Let $X$ and $Y$ be random variables such that $\\mathbb{E}[X] = \\mathbb{E}[Y] = 0$. Then\n"
                 "$$ \\mathbb{E}[X + Y] = 0 $$\n", ["given", "given", "proved"], id="text-math"),
])
def test_moments_a_display_states_as_given_are_data_not_claims(tmp_path: Path, body: str,
                                                                expected: list[str]) -> None:
    got = _steps(tmp_path, body)
    assert ["given" if s.message == GIVEN_MESSAGE else s.verdict.value for s in got] == expected, got
    assert all(s.verdict is Mark.UNKNOWN and s.method == "assumption" for s in got if s.message == GIVEN_MESSAGE)


def test_a_display_the_words_draw_is_a_claim(tmp_path: Path) -> None:
    got = _steps(tmp_path, "Let $X$ be a random variable with mean $2$. Hence, with\n"
                           "$$ \\mathbb{E}[X] = 3, $$\nwe are done.\n")
    assert [s.verdict for s in got] == [Mark.REFUTED], got


def test_a_display_the_laws_contradict_is_a_claim_checked_against_them(tmp_path: Path) -> None:
    got = _steps(tmp_path, "Let $X$ be a random variable with mean $2$. We compute\n$$ \\mathbb{E}[3X] = 9 $$\n"
                           "where\n$$ \\mathbb{E}[X] = 3. $$\n")
    assert [s.verdict for s in got] == [Mark.REFUTED, Mark.REFUTED], got


def test_moments_given_after_a_display_keep_its_refutations_away(tmp_path: Path) -> None:
    # "$$...$$ where $$E[X] = 2$$": X has no law with that mean here; the line above rests on it
    got = _steps(tmp_path, "Let $X$ be a random variable. Then\n$$ \\mathbb{E}[3X + 1] = 7 $$\nwhere\n"
                           "$$ \\mathbb{E}[X] = 2. $$\n")
    assert [s.verdict for s in got] == [Mark.UNKNOWN, Mark.UNKNOWN], got
    assert "supposes" in got[0].message and got[1].message == GIVEN_MESSAGE, got


def test_moments_given_where_a_notation_gives_the_law_keep_refutations_away(tmp_path: Path) -> None:
    # no law read from the text under a notation file: what the display gives is supposed, as in text math
    got = _steps(tmp_path, "Let $X$ be a random variable with\n$$ \\mathbb{E}[X] = 2. $$\nThen\n"
                           "$$ \\mathbb{E}[3X + 1] = 7 $$\n", '[random.variables]\nX = { law = "generic" }\n')
    assert [s.verdict for s in got] == [Mark.UNKNOWN, Mark.UNKNOWN], got
    assert got[0].message == GIVEN_MESSAGE and "supposes" in got[1].message, got


def test_a_name_a_display_defines_by_a_moment_stays_the_student_s_definition(tmp_path: Path) -> None:
    got = _steps(tmp_path, "Let $Y$ be a random variable with mean $0$. We use\n$$ \\operatorname{Var}(Y) = s $$\n"
                           "where\n$$ s = \\mathbb{E}[Y^2]. $$\nThen\n$$ s + 1 = \\mathbb{E}[Y^2 + 1] $$\n")
    assert [(s.verdict, s.method) for s in got][1:] == [(Mark.UNKNOWN, "definition"), (Mark.PROVED, got[2].method)]


#: a random vector known by its first two moments only: its models draw independent signs
_MOMENTS_ONLY = ('[symbols]\nn = "positive integer"\n\n[matrices]\nu = ["n"]\nx = ["n"]\n\n'
                 '[random.variables]\nx = { law = "generic" }\n\n[definitions]\n'
                 "centred = '\\mathbb{E}[x] = 0'\nwhitened = '\\mathbb{E}[x x^\\top] = I_n'\n")
_FOURTH = "$$ \\mathbb{E}[(u^\\top x)^4] = 3\\|u\\|^4 $$\n"  # true for a Gaussian x, false for signs


@pytest.mark.parametrize("lead", [
    "Suppose moreover that $\\mathbb{E}[(u^\\top x)^4] = 3\\|u\\|^4$ for every $u$. Then\n",
    "Suppose moreover that\n$$ \\mathbb{E}[(u^\\top x)^4] = 3\\|u\\|^4. $$\nThen\n",
    "Let $x \\sim \\mathcal{N}(0, I_n)$ and $u$ a fixed vector. Then\n",
    "Let $x$ be a standard Gaussian vector and $u$ a fixed vector. Then\n",
], ids=["supposed-moment-text-math", "supposed-moment-display", "law-in-math", "law-in-words"])
def test_what_the_text_says_of_a_random_vector_keeps_models_that_break_it_away(tmp_path: Path, lead: str) -> None:
    # independent signs give E[(u^T x)^4] = 3|u|^4 - 2 sum u_i^4: a model the text's supposition or law excludes
    got = _steps(tmp_path, f"# Question 1\n\n{lead}{_FOURTH}", _MOMENTS_ONLY)
    assert got and got[-1].verdict is Mark.UNKNOWN and "supposes" in got[-1].message, got
    assert all(s.verdict is not Mark.REFUTED for s in got), got


def test_a_random_vector_the_text_says_nothing_more_of_is_refuted_on_its_models(tmp_path: Path) -> None:
    # E[x] = 0, E[x x^T] = I only: independent signs meet everything stated, and the fourth moment differs there
    got = _steps(tmp_path, f"# Question 1\n\n{_FOURTH}$$ \\mathbb{{E}}[(u^\\top x)^2] = \\|u\\|^2 $$\n", _MOMENTS_ONLY)
    assert [s.verdict for s in got] == [Mark.REFUTED, Mark.PROVED], got
    assert got[0].counterexample is not None and "+1 or -1" in got[0].counterexample, got


def test_the_same_line_before_and_after_a_supposition_is_graded_in_each_place(tmp_path: Path) -> None:
    # one step, twice: refuted where nothing more is said of x, held back once the text supposes its fourth moment
    body = (f"# Question 1\n\n{_FOURTH}\nSuppose moreover that $\\mathbb{{E}}[(u^\\top x)^4] = 3\\|u\\|^4$. "
            f"Then\n{_FOURTH}")
    got = _steps(tmp_path, body, _MOMENTS_ONLY)
    assert [s.verdict for s in got] == [Mark.REFUTED, Mark.UNKNOWN], got
