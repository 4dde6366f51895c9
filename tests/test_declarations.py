"""Tests of what the declarations say about two members of one family:
the same member, distinct members, or not known, by proof, never by the
form of their indices."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.probability.declarations import NO_CTX
from symproofs.probability.laws import Generic
from symproofs.probability.space import ProbabilitySpace

i, j = sp.symbols("i j", integer=True)
SPACE = ProbabilitySpace()
W = SPACE.family("W", Generic(), members="iid").func
V = SPACE.family("V", Generic(), members="iid").func


@pytest.mark.parametrize(("a", "b", "relation"), [
    pytest.param(W(1), W(1), "same", id="identical"),
    pytest.param(W(sp.sin(1) ** 2 + sp.cos(1) ** 2), W(1), "same", id="pythagoras-is-one"),
    pytest.param(W(sp.GoldenRatio**2 - sp.GoldenRatio), W(1), "same", id="golden-ratio-is-one"),
    pytest.param(W(sp.log(4) / sp.log(2)), W(2), "same", id="logarithms"),
    pytest.param(W(1, sp.sin(1) ** 2 + sp.cos(1) ** 2), W(1, 1), "same", id="two-indices"),
    pytest.param(W(2, sp.sin(1) ** 2 + sp.cos(1) ** 2), W(1, 1), "distinct", id="one-index-differs"),
    pytest.param(W(sp.pi), W(3), "distinct", id="pi-is-not-three"),
    pytest.param(W(sp.Rational(355, 113)), W(sp.pi), "distinct", id="close-but-not-equal"),
    pytest.param(W(i), W(i + 1), "distinct", id="shifted"),
    pytest.param(W(i), W(j), "unknown", id="symbolic"),
    pytest.param(W(1), V(1), "unknown", id="another-family"),
])
def test_members_are_the_same_or_distinct_only_when_proved(a: sp.Basic, b: sp.Basic, relation: str) -> None:
    assert SPACE._relation(a, b, NO_CTX) == relation
    assert SPACE._relation(b, a, NO_CTX) == relation


def test_a_case_can_make_symbolic_indices_distinct() -> None:
    assert SPACE._relation(W(i), W(j), frozenset({frozenset((i, j))})) == "distinct"


def test_members_written_two_ways_map_to_one() -> None:
    one = sp.sin(1) ** 2 + sp.cos(1) ** 2
    same = SPACE.same_members(frozenset({W(one), W(1), W(2), W(i)}), NO_CTX)
    assert same == {W(one): W(1)}
    assert SPACE.same_members(frozenset({W(1), W(2), W(i)}), NO_CTX) == {}
