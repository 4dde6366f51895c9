"""The moments a text states of the random variables it declares (symproofs.latex.givenmoments)."""

from __future__ import annotations

import pytest

from symproofs.latex.givenmoments import Moments, inline_displays, merged, said


@pytest.mark.parametrize(("words", "maths", "names", "expected"), [
    pytest.param("Let @0@ be a random variable with mean @1@.", ["X", "2"], ["X"],
                 {"X": (("mean", "2"),)}, id="mean"),
    pytest.param("Let @0@ be a random variable with mean @1@ and variance @2@.", ["X", "0", "1"], ["X"],
                 {"X": (("mean", "0"), ("var", "1"))}, id="mean-and-variance"),
    pytest.param("Let @0@ be a random variable whose expected value is @1@.", ["X", "2"], ["X"],
                 {"X": (("mean", "2"),)}, id="whose-expected-value"),
    pytest.param("Let @0@ be a zero-mean random variable with unit variance.", ["X"], ["X"],
                 {"X": (("mean", "0"), ("var", "1"))}, id="zero-mean-unit-variance"),
    pytest.param("Let @0@ be a random variable with mean zero and variance one.", ["X"], ["X"],
                 {"X": (("mean", "0"), ("var", "1"))}, id="number-words"),
    pytest.param("Let @0@ be a standardized random variable.", ["X"], ["X"],
                 {"X": (("mean", "0"), ("var", "1"))}, id="standardized"),
    pytest.param("Let @0@ be a random variable with mean @1@ and standard deviation @2@.", ["X", "m", "\\sigma"],
                 ["X"], {"X": (("mean", "m"), ("var", "(\\sigma)^2"))}, id="standard-deviation"),
    pytest.param("Let @0@ be a random variable such that @1@.", ["X", "\\mathbb{E}X = 2"], ["X"],
                 {"X": (("mean", "2"),)}, id="E-without-brackets"),
    pytest.param("Let @0@ and @1@ be random variables with @2@.",
                 ["X", "Y", "\\mathbb{E}[X] = 2, \\quad \\mathbb{E}[Y] = 3"], ["X", "Y"],
                 {"X": (("mean", "2"),), "Y": (("mean", "3"),)}, id="math-list"),
    pytest.param("Let @0@ and @1@ be random variables with @2@.",
                 ["X", "Y", "\\mathbb{E}[X] = \\mathbb{E}[Y] = 0"], ["X", "Y"],
                 {"X": (("mean", "0"),), "Y": (("mean", "0"),)}, id="math-chain"),
    pytest.param("Let @0@ and @1@ be random variables with means @2@ and @3@, respectively.",
                 ["X", "Y", "1", "2"], ["X", "Y"], {"X": (("mean", "1"),), "Y": (("mean", "2"),)},
                 id="respectively"),
    pytest.param("Let @0@ and @1@ be random variables with mean @2@.", ["X", "Y", "0"], ["X", "Y"],
                 {"X": (("mean", "0"),), "Y": (("mean", "0"),)}, id="each"),
    pytest.param("Let @0@ be a random variable with @1@ and @2@.",
                 ["X", "\\mathbb{E}[X] = 1", "\\mathbb{E}[X^2] = 5"], ["X"],
                 {"X": (("mean", "1"), ("var", "5 - (1)^2"))}, id="second-moment-with-mean"),
    pytest.param("Let @0@ be a random variable with @1@.", ["X", "\\mathbb{E}[X^2] = 4"], ["X"],
                 {"X": (("second", "4"),)}, id="second-moment-alone"),
    pytest.param("Let @0@ be a random variable with finite variance.", ["X"], ["X"], {}, id="no-value"),
    # a name defined by a moment states nothing the law has to meet
    pytest.param("Let @0@ be a random variable with @1@.", ["Y", "s = \\mathbb{E}[Y^2]"], ["Y"], {},
                 id="a-name-defined"),
])
def test_the_moments_a_declaration_states(words: str, maths: list[str], names: list[str],
                                           expected: dict[str, tuple[tuple[str, str], ...]]) -> None:
    assert {name: m.params() for name, m in said(words, maths, names).items()} == expected


@pytest.mark.parametrize(("words", "maths"), [
    pytest.param("Let @0@ be a random variable with mean @1@ and mean @2@.", ["X", "1", "2"], id="two-means"),
    pytest.param("Let @0@ be a random variable with variance @1@.", ["X", "-1"], id="negative-variance"),
    pytest.param("Let @0@ be a random variable with @1@.", ["X", "\\mathbb{E}[X^2] = -1"], id="negative-second"),
    pytest.param("Let @0@ be a random variable with @1@ and @2@.", ["X", "\\mathbb{E}[X] = 2", "\\mathbb{E}[X^2] = 1"],
                 id="second-below-mean-squared"),
    pytest.param("Let @0@ be a random variable with @1@.", ["X", "\\mathbb{E}[X^2] = 2, \\operatorname{Var}(X) = 1"],
                 id="second-and-variance"),
    pytest.param("Let @0@ be a random variable with @1@.", ["X", "\\mathbb{E}[XY] = 0"], id="a-product"),
    pytest.param("Let @0@ be a random variable with @1@.", ["X", "\\mathbb{E}X^2 = 1"], id="two-readings"),
    pytest.param("Let @0@ be a random variable centered at @1@.", ["X", "\\mu"], id="centered-at"),
    pytest.param("Let @0@ be a random variable whose mean is the median.", ["X"], id="in-words-only"),
    pytest.param("Let @0@ and @1@ be random variables with means @2@, @3@ and @4@.", ["X", "Y", "1", "2", "3"],
                 id="three-values-for-two"),
    # a moment the words draw as a consequence is a claim, which no law is made of
    pytest.param("Let @0@ be a random variable with mean @1@, so that @2@.", ["X", "2", "\\mathbb{E}[X^2] = 5"],
                 id="so-that"),
    pytest.param("Let @0@ be a random variable with mean @1@; hence its variance is @2@.", ["X", "2", "1"],
                 id="hence"),
])
def test_moments_stated_that_no_law_here_honours_are_unread(words: str, maths: list[str]) -> None:
    got = said(words, maths, ["X", "Y"] if "@1@ be" in words else ["X"])
    assert got and all(m.params() is None for m in got.values()), got


def test_a_moment_of_another_name_is_none_of_the_declared_ones() -> None:
    got = said("Let @0@ and @1@ be random variables; the mean of @0@ is @2@.", ["X", "Y", "2"], ["X", "Y"])
    assert got == {"X": Moments(mean="2")}


def test_two_readings_of_one_moment_agree_or_are_unread() -> None:
    assert merged(Moments(mean="2"), Moments(var="1")) == Moments(mean="2", var="1")
    assert merged(Moments(mean="\\sigma^{2}"), Moments(mean="\\sigma^2")) == Moments(mean="\\sigma^{2}")
    assert merged(Moments(mean="2"), Moments(mean="3")).unread


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("with\n$$ \\mathbb{E}[X] = 2, \\quad \\mathbb{E}[Y] = 3. $$\nThen",
                 "with\n$\\mathbb{E}[X] = 2, \\quad \\mathbb{E}[Y] = 3$.\nThen", id="dollars"),
    pytest.param("where \\[ \\operatorname{Var}(X) = 1 \\] and", "where $\\operatorname{Var}(X) = 1$ and",
                 id="brackets"),
    pytest.param("with\n$$ \\begin{aligned} \\mathbb{E}[X] &= 2, \\\\ \\mathbb{E}[Y] &= 3. \\end{aligned} $$",
                 "with\n$\\mathbb{E}[X] &= 2, \\\\ \\mathbb{E}[Y] &= 3$.", id="aligned"),
    # a display that states anything else stays a display
    pytest.param("Then\n$$ \\mathbb{E}[X + Y] = 5 $$", "Then\n$$ \\mathbb{E}[X + Y] = 5 $$", id="a-sum"),
    pytest.param("with $$ a = 2 $$", "with $$ a = 2 $$", id="no-moment"),
    pytest.param("where $$ s = \\mathbb{E}[Y^2] $$", "where $$ s = \\mathbb{E}[Y^2] $$", id="a-definition"),
])
def test_a_display_of_moments_reads_as_text_math_of_its_sentence(text: str, expected: str) -> None:
    assert inline_displays(text) == expected
