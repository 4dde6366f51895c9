"""The words around text math and a row's mathematics (symproofs.latex.remarks): the condition a definition
is stated under, and qualifiers that restrict a row."""

from __future__ import annotations

import pytest

from symproofs.latex.remarks import QUALIFYING, defined_in, solved_for, trailing_condition


def _after(text: str, math: str) -> tuple[str, int]:
    return trailing_condition(text, text.index(f"${math}$") + len(math) + 2, math)


def test_the_next_clause_of_a_definition_is_no_condition_of_the_one_before() -> None:
    text = "Let $h(x) = x$ if $x > 0$, and $h(x) = -x$ if $x \\le 0$."
    condition, end = _after(text, "h(x) = x")
    assert "x > 0" in condition and "h(x)" not in condition
    assert end < text.index("$h(x) = -x$")
    text = "Let $a_n = 2^n$ for $n \\ge 1$, and $a_0 = 5$."
    assert "a_0" not in _after(text, "a_n = 2^n")[0]


def test_a_restriction_in_words_after_a_definition_is_a_condition_not_read() -> None:
    for text, math in [
        ("and $g(t) = 0$ otherwise.", "g(t) = 0"),
        ("Let $b_k = k^2$ for even $k$.", "b_k = k^2"),
        ("Let $k(x) = x^2$ on $[0, 1]$.", "k(x) = x^2"),
        ("Let $f(x) = x^2$, $x \\ge 0$.", "f(x) = x^2"),
        ("Let $f(x) = x$ when $x$ is positive.", "f(x) = x"),
    ]:
        condition, _ = _after(text, math)
        assert condition and "\\text" in condition, (text, condition)


def test_what_defines_nothing_keeps_its_old_reading() -> None:
    assert _after("Let $f(x) = x^2$, $g(x) = x^3$.", "f(x) = x^2") == ("", -1)  # a list of definitions
    assert _after("Let $f(x) = x^2$ for every real $x$.", "f(x) = x^2")[0] == ""
    assert _after("we get $x + 1 > x$ otherwise.", "x + 1 > x") == ("", -1)  # not a definition: as before
    assert defined_in("g(t) = t^2 - 1") == "g" and defined_in("a_{n} = 2") == "a" and defined_in("x < 1") == ""


@pytest.mark.parametrize("words", [
    "at", "(at", "evaluated at", "at the point", "in the case", "(equality case", "equality case", "only when",
    "precisely for", "exactly at", "holds for", "which holds only for", "is true for", "is solved by",
    "is satisfied by", "has the double root", "has the solution", "has the roots", "whose only root is", "up to",
    "to first order", "near",
])
def test_words_that_restrict_a_row_to_a_point_or_a_case(words: str) -> None:
    assert QUALIFYING.fullmatch(words)


@pytest.mark.parametrize("words", [
    "by", "by expanding", "gives", "so", "and", "rather than", "at most", "at least", "for", "which is false for",
    "by the binomial theorem", "note that",
])
def test_neutral_words_do_not_restrict_a_row(words: str) -> None:
    assert not QUALIFYING.fullmatch(words)


def test_a_consequence_that_gives_a_value_makes_the_row_an_equation_to_solve() -> None:
    assert solved_for("x^2 = 4x - 4", " x = 2") == "x"
    assert solved_for("x^2 = 4x - 4", "x = -\\frac{1}{2}.") == "x"
    assert solved_for("(a+b)^2 = a^2 + 2ab + b^2", "x = 2") is None  # another name: no solving
    assert solved_for("x^2 = 4x - 4", "(x+1)^2 - 1 = x^2 + 2x") is None  # not a value
