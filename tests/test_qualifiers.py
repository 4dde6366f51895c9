"""Conditions the words around a line state on its names (symproofs.latex.qualifiers)."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.latex.qualifiers import qualifier


@pytest.mark.parametrize(("text", "name", "bad", "good"), [
    # a sign word between the cue and the math, a parenthesis, other cue words
    ("We have $e^{-w} \\le 1$ for nonnegative $w$.", "w", -1, 2),
    ("We have $e^{-w} \\le 1$ (for $w \\ge 0$).", "w", -1, 2),
    ("We have $e^{-w} \\le 1$ so long as $w \\geq 0$.", "w", -1, 0),
    ("We have $e^{-w} \\le 1$ (recall $w \\geq 0$).", "w", -1, 3),
    ("We have $e^{-w} \\le 1$, $w$ being nonnegative.", "w", -1, 1),
    ("We have $e^{-w} \\le 1$ if $w$ is nonnegative.", "w", -1, 1),
    ("Hence $k^3 < k^2$ on $(0, 1)$.", "k", 1, sp.Rational(1, 2)),
    ("Hence $k^3 < k^2$ in the region $0 < k < 1$.", "k", 2, sp.Rational(1, 3)),
    ("Then $\\max(0, z) = z$, where $z \\ge 0$.", "z", -1, 1),
    # a line break between the math and its condition
    ("We have $e^{-w} \\le 1$\nwhenever $w \\ge 0$.", "w", -1, 1),
    # a relation typed without math, and in Unicode
    ("Let y > 0. Then\n$$\\sqrt{y^2} = y.$$", "y", -1, 1),
    ("We have $\\sqrt{s^2} = s$ for s ≥ 0.", "s", -1, 1),
    ("For $v ∈ (0, 1)$,\n$$v^3 < v^2.$$", "v", 1, sp.Rational(1, 2)),
    ("For all $y ∈ [0, ∞)$,\n$$\\sqrt{y^2} = y.$$", "y", -1, 5),
    ("For $t ∈ ℝ_{>0}$,\n$$\\sqrt{t^2} = t.$$", "t", 0, 2),
    # parity and the kinds of quantity that bound it
    ("For odd $m$,\n$$(-1)^m = -1.$$", "m", 0, 3),
    ("With $m$ odd,\n$$(-1)^m = -1.$$", "m", 2, 5),
    ("For every even $n$,\n$$(-1)^n = 1.$$", "n", 1, 4),
    ("which holds for every nonnegative $w$.", "w", -1, 2),
    ("Recall that $u$ is a probability, so $u^2 \\le u$.", "u", 2, sp.Rational(1, 2)),
    ("Note $\\sqrt{r^2} = r$, $r$ being a norm.", "r", -1, 3),
    ("As $\\lambda$ is positive, $\\sqrt{\\lambda^2} = \\lambda$.", "lambda", -2, 2),
])
def test_a_condition_in_the_words_is_broken_only_outside_it(text: str, name: str, bad: int, good: int) -> None:
    line = 1 + text[:text.index("$$")].count("\n") if "$$" in text else 1
    found = qualifier(text, line, {name: sp.sympify(bad)})
    assert found is not None and found.name == name and found.breaks
    assert qualifier(text, line, {name: sp.sympify(good)}) is None


@pytest.mark.parametrize("text", [
    "We have $n^2 \\ge 10 n$ for sufficiently large $n$.",
    "We have $n^2 \\ge 10 n$ as $n \\to \\infty$.",
    "For $m$ large enough,\n$$2^m \\ge m^3.$$",
])
def test_an_eventual_statement_holds_back_every_point(text: str) -> None:
    found = qualifier(text, 1, {"n": sp.Integer(20), "m": sp.Integer(20)})
    assert found is not None and found.breaks


@pytest.mark.parametrize("text", [
    "We have $\\sqrt{x^2} = x$.",
    "Let $x$ be a real number. We have $\\sqrt{x^2} = x$.",
    "Since $x^2 \\ge 0$, we have $\\sqrt{x^2} = x$.",  # a bound on a formula, not on the name
    "For $y > 0$ the claim is clear.\n\nWe have $\\sqrt{x^2} = x$.",  # another paragraph, another name
    "We have $\\sqrt{x^2} = x$ for $y \\ge 0$.",
    "Let $a$ be a number, so $\\sqrt{x^2} = x$ for a positive integer.",
])
def test_no_condition_on_the_name_holds_nothing_back(text: str) -> None:
    line = text.count("\n") + 1
    assert qualifier(text, line, {"x": sp.Integer(-1), "a": sp.Integer(-1)}) is None


def test_a_condition_two_sentences_away_is_not_the_lines() -> None:
    text = "Let $x > 0$. Some words. More words. We have $\\sqrt{x^2} = x$."
    column = text.index("\\sqrt") + 1
    assert qualifier(text, 1, {"x": sp.Integer(-1)}, column) is None
    near = text.replace("Some words. More words. ", "")
    assert qualifier(near, 1, {"x": sp.Integer(-1)}, near.index("\\sqrt") + 1) is not None


def test_an_implication_or_the_steps_own_math_is_no_condition() -> None:
    text = "Note that $x > 1 \\implies x^2 > 1$ and $x^2 > 1 \\implies x > 1$."
    assert qualifier(text, 1, {"x": sp.Integer(-2)}, text.index("x^2 > 1 \\implies") + 1) is None
    own = "So with $x > 1$ we are done."  # the step's own relation, after any cue
    assert qualifier(own, 1, {"x": sp.Integer(-2)}, own.index("x >") + 1) is None
    assert qualifier(own, 1, {"x": sp.Integer(-2)}) is not None  # (where the step stands is not known)
