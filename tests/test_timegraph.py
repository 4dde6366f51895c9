"""The unrolled graph of Q6 as read off its givens."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Given
from symproofs.library import q6
from symproofs.matrices.linalg import Sequence
from symproofs.matrices.timegraph import TimeGraph, Undecided, bounds_from, holds

t, T, k = q6.t, q6.T, q6.k
BOUNDS = bounds_from({t, T}, q6.TIME)
GRAPH = TimeGraph(q6.GIVENS, BOUNDS)


def test_bounds_from_assumptions_and_constraints() -> None:
    assert BOUNDS[t] == (1, T)
    assert holds(t - 1, T, BOUNDS) is True
    assert holds(T + 1, t, BOUNDS) is False
    assert holds(t, 5, BOUNDS) is None


def test_children_follow_the_recurrences() -> None:
    assert set(GRAPH.children(q6.hf[t])) == {q6.hf[t + 1], q6.y[t]}
    assert set(GRAPH.children(q6.hb[t])) == {q6.hb[t - 1], q6.y[t]}
    assert GRAPH.children(q6.y[t]) == [q6.L]


def test_definitions_respect_their_range() -> None:
    assert GRAPH.definition(q6.hf[t + 1]) is not None
    assert GRAPH.definition(q6.hf[0]) is None  # the initial state
    assert GRAPH.definition(q6.hb[T + 1]) is None  # the initial state of the backward pass


def test_ancestors_of_the_loss() -> None:
    anc = GRAPH.ancestors()
    assert anc[q6.hf[t].label] == (0, T)
    assert anc[q6.hb[t].label] == (1, T + 1)
    [(_, lo, hi)] = GRAPH.users(q6.Wf)
    assert (lo, hi) == (1, T)


def test_an_index_range_it_cannot_decide_is_not_guessed() -> None:
    h = Sequence("h", 2)
    m = sp.Symbol("m", integer=True)  # no bounds: h[m + 1] may or may not be defined
    g = Given(name="rec", statement=sp.Eq(h[k], 2 * h[k - 1]), index=k, valid_from=1, valid_to=5)
    graph = TimeGraph((g,), bounds_from({m}, ()))
    with pytest.raises(Undecided):
        graph.children(h[m])
