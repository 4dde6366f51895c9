"""The subscript before a divergence's bracket (``D_{KL}(p \\| q)``), found from the end."""

from __future__ import annotations

import random

from symproofs.latex.divergences import _subscript_before
from symproofs.latex.tokens import Tok, group_end

_TEXTS = ("_", "{", "}", "D", "K", "L", "(", "x")


def _tok(text: str) -> Tok:
    kind = "letter" if text.isalpha() else "sym"
    return Tok(kind, text, 0, 0)


def _by_every_underscore(toks: list[Tok], k: int) -> int | None:
    """The definition: the ``_`` (not the first token) whose argument ends at ``k``."""
    return next((j for j in range(k - 1, 0, -1) if toks[j].text == "_" and group_end(toks, j + 1) == k), None)


def test_the_subscript_found_from_the_end_is_the_one_the_definition_gives() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        toks = [_tok(rng.choice(_TEXTS)) for _ in range(rng.randint(1, 14))]
        for k in range(len(toks) + 1):
            assert _subscript_before(toks, k) == _by_every_underscore(toks, k), ([t.text for t in toks], k)


def test_a_braced_and_a_one_token_subscript_are_found() -> None:
    braced = [_tok(t) for t in ("D", "_", "{", "K", "L", "}", "(")]
    assert _subscript_before(braced, 6) == 1
    single = [_tok(t) for t in ("D", "_", "x", "(")]
    assert _subscript_before(single, 3) == 1
    assert _subscript_before([_tok(t) for t in ("(", "(", "(")], 2) is None
