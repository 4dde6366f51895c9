"""Laws and independence a text states (symproofs.latex.laws)."""

from __future__ import annotations

import pytest

from symproofs.latex.laws import laws_in_text


@pytest.mark.parametrize(("text", "expected"), [
    ("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.", [("X", "normal", (("mean", "\\mu"), ("var", "\\sigma^2")))]),
    ("$Z \\sim N(0,1)$", [("Z", "normal", (("mean", "0"), ("var", "1")))]),
    ("$B \\sim \\mathrm{Bernoulli}(p)$", [("B", "bernoulli", (("p", "p"),))]),
    ("$U \\sim \\mathcal{U}[a, b]$", [("U", "uniform", (("low", "a"), ("high", "b")))]),
    ("$X, Y \\sim \\mathcal{N}(0, 1)$", [("X", "normal", (("mean", "0"), ("var", "1"))),
                                         ("Y", "normal", (("mean", "0"), ("var", "1")))]),
    # left to a notation file: vectors, families, laws it does not know, a name given two laws
    ("$x \\sim \\mathcal{N}(0, I)$", []),
    ("$x \\sim \\mathcal{N}(\\mu, \\Sigma)$", []),
    ("$X_i \\sim \\mathcal{N}(0, 1)$", []),
    ("$X \\sim \\mathrm{Poisson}(\\lambda)$", []),
    ("$X \\sim \\mathcal{N}(0, \\sigma)$", []),  # a standard deviation to some readers
    ("$X \\sim \\mathcal{N}(0, 4)$", []),
    ("$X \\sim \\mathcal{N}(0, 1)$ and later $X \\sim \\mathcal{N}(1, 1)$", []),
])
def test_the_laws_a_text_gives(text: str, expected: list[tuple[str, str, tuple[tuple[str, str], ...]]]) -> None:
    assert [(v.name, v.law, v.params) for v in laws_in_text(text)[0]] == expected


@pytest.mark.parametrize(("text", "groups"), [
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $B \\sim \\mathrm{Bern}(p)$ be independent.", [("X", "B")]),
    ("$X$ and $Y$ are independent.", [("X", "Y")]),
    ("for independent random variables $X$ and $Y$", [("X", "Y")]),
    ("$X$ and $Y$ are not independent.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$. The variables $Y$, $Z$ are dependent.", []),
    # an independence of another kind, or doubted: none, and the names it speaks of get no law
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be conditionally independent given $Z$.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be pairwise independent.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$, where $X$ is independent of $W$.", []),
    ("We do not know whether $X$ and $Y$ are independent.", []),
    ("It is false that $X$ and $Y$ are independent.", []),
    ("Are $X$ and $Y$ independent?", []),
])
def test_the_independence_a_text_states(text: str, groups: list[tuple[str, ...]]) -> None:
    assert laws_in_text(text)[1] == groups


@pytest.mark.parametrize("text", [
    "If $X \\sim \\mathcal{N}(0, 1)$ were true, we would get more.",
    "We do not assume $X \\sim \\mathcal{N}(0, 1)$.",
    "For example, $X \\sim \\mathcal{U}(0, 1)$.",
    "Let $X \\sim \\mathcal{N}(0, 1)$ and $X \\sim \\mathrm{Bernoulli}(p)$. Again $X \\sim \\mathrm{Bernoulli}(p)$.",
    "Let $X \\sim \\mathcal{N}(0, 1)$. We write $$X = \\mu + \\sigma Z$$",  # a formula of its own
    "Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be conditionally independent given $Z$.",
])
def test_a_law_the_text_only_supposes_or_contradicts_is_none(text: str) -> None:
    assert "X" not in [v.name for v in laws_in_text(text)[0]]


def test_the_statement_and_the_answer_are_read_together() -> None:
    # the answer's other law, or its formula for the name, leaves it no law at all
    assert laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.\n\nNow let $X \\sim \\mathrm{Bernoulli}(1/2)$.")[0] == []
    assert laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.\n\nHere $X := 2$, so")[0] == []


@pytest.mark.parametrize("second", ["$X \\sim \\mathrm{Exp}(1)$", "$X \\sim \\mathcal{N}(0, 4)$",
                                    "If $X \\sim \\mathcal{U}(0, 2)$, then"])
def test_a_second_law_the_reader_cannot_use_still_leaves_the_name_none(second: str) -> None:
    assert laws_in_text(f"Let $X \\sim \\mathcal{{N}}(0, 1)$.\n\nNow {second}.")[0] == []
