"""The condition text math is stated under in words (symproofs.latex.remarks.trailing_condition)."""

from __future__ import annotations

from symproofs.latex.remarks import defined_in, trailing_condition


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
