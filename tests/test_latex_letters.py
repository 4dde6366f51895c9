"""What the words of one question make a letter (symproofs.latex.letters)."""

from __future__ import annotations

import pytest

from symproofs.latex.letters import functions_in_words, numbers_in_words


@pytest.mark.parametrize(("text", "names"), [
    ("Now let $g$ be an arbitrary differentiable function and $\\beta \\in (0, 2)$ a step size.", {"g"}),
    ("For any function $f$, we have", {"f"}),
    ("Here $f$ is a smooth function.", {"f"}),
    ("Let $h: \\mathbb{R} \\to \\mathbb{R}$ be given.", {"h"}),
    ("let $f \\colon X \\rightarrow Y$ be continuous", {"f"}),
    ("the activation function $\\sigma$ is applied entrywise", {"sigma"}),
    # a relation to another thing, not a function: "the gradient of the function"
    ("$g$ is the gradient of the loss.", set()),
    ("Let $X = \\mu + \\sigma Z$ where $\\sigma > 0$.", set()),
])
def test_the_letters_the_words_declare_functions(text: str, names: set[str]) -> None:
    assert functions_in_words(text) == names


@pytest.mark.parametrize(("text", "names"), [
    ("Let $X = \\mu + \\sigma Z$ where $Z$ has mean $0$, and $\\sigma > 0$.", {"sigma"}),
    ("Here $\\sigma$ is the standard deviation of the noise.", {"sigma"}),
    ("a coin with $0 < p < 1$", {"p"}),
    # an application bounded, or a letter no reader applies: no declaration
    ("We know $\\sigma(z) > 0$ for every $z$.", set()),
    ("Let $x > 0$.", set()),
])
def test_the_letters_the_words_declare_numbers(text: str, names: set[str]) -> None:
    assert numbers_in_words(text) == names
