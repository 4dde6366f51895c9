"""Names the words of a text define (symproofs.latex.naming)."""

from __future__ import annotations

import pytest

from symproofs.latex.naming import definitions_in_words

_M = "\\mathbb{E}[X^2]"


@pytest.mark.parametrize(("text", "said"), [
    # a formula the words give the name: as "let $m = ...$" does
    (f"Let $X$ be uniform and write $m$ for the second moment ${_M}$.", [f"m = {_M}"]),
    (f"Let $m$ denote ${_M}$.", [f"m = {_M}"]),
    (f"let $m$ be ${_M}$.", [f"m = {_M}"]),
    (f"Denote by $m$ the second moment ${_M}$.", [f"m = {_M}"]),
    (f"We denote the second moment ${_M}$ by $m$.", [f"m = {_M}"]),
    (f"where $m$ is the second moment ${_M}$.", [f"m = {_M}"]),
    ("Define $s$ as $a + b$.", ["s = a + b"]),
    # a quantity described in words: the name alone (bound, with no formula read)
    ("let $m$ denote the second moment of $X$.", ["m"]),
    ("let $m$ be the mean.", ["m"]),
    ("Here $p$ is the probability of heads.", ["p"]),
    ("let $t$ be the time at which $f(t) = 0$.", ["t"]),  # a condition, no formula of t
    # a kind, a sign, a rewriting: nothing is defined
    ("Let $x$ be a real number.", []),
    ("Let $X$ and $Y$ be independent random variables.", []),
    ("Let $X$ denote a random variable.", []),
    ("Let $b$ be positive.", []),
    ("where $x$ is positive.", []),
    ("we write $x^2 - 1$ as $(x-1)(x+1)$", []),
])
def test_what_the_words_define(text: str, said: list[str]) -> None:
    assert [s for _, _, s in definitions_in_words(text)] == said


def test_the_span_is_the_names_text_math() -> None:
    text = f"and write $m$ for ${_M}$."
    ((start, end, _),) = definitions_in_words(text)
    assert text[start:end] == "m"
