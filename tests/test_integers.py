"""Where the text says names are integers (symproofs.latex.integers)."""

from __future__ import annotations

import pytest

from symproofs.latex.integers import integer_declarations


@pytest.mark.parametrize(("text", "expected"), [
    ("Let $n \\in \\mathbb{Z}$. Then", [("n", "integers")]),
    ("For every integer $k$, we have", [("k", "integers")]),
    ("for all Integers $n, m$", [("n", "integers"), ("m", "integers")]),
    ("for every integer $n \\ge 0$.", [("n", "integers")]),
    ("where $m$ is a positive integer", [("m", "naturals")]),
    ("Let $n$ be a nonnegative integer.", [("n", "naturals0")]),
    ("$i, j \\in \\mathbb{N}$", [("i", "naturals"), ("j", "naturals")]),
    ("$t \\in \\mathbb{Z}^+$", [("t", "naturals")]),
    ("$n \\in \\mathbb{Z}_{\\ge 0}$", [("n", "naturals0")]),
    ("$x \\in \\mathbb{R}$ and $y$ is real", []),
    ("the integer part $\\lfloor x \\rfloor$", []),
    # a name that counts what the words after it name, or "the number of": a whole number from 0
    ("Observing $k$ successes in $n$ trials", [("k", "naturals0"), ("n", "naturals0")]),
    ("we draw $n$ i.i.d. samples", [("n", "naturals0")]),
    ("Let $d$ be the number of features", [("d", "naturals0")]),
    ("where $x$ points to the mode", []),
])
def test_the_names_a_text_declares_integers(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((text[a:b], kind) for a, b, kind in integer_declarations(text)) == sorted(expected)
