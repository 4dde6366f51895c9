"""Computational graphs: descriptions are validated, drawn as TikZ, and the
Q6 figure is generated from its description."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from symproofs.core.errors import InputError
from symproofs.render.graph import KINDS, Edge, Graph, Node, bidirectional_rnn, to_tikz

A = Node("a", "a", "input", (0, 0))
B = Node("b", "b", "state", (1, 0))


@pytest.mark.parametrize(("build", "message"), [
    pytest.param(lambda: Node("1x", "x", "input", (0, 0)), "use a letter", id="bad-id"),
    pytest.param(lambda: Node("x", "x", "hidden", (0, 0)), "unknown kind 'hidden'", id="bad-kind"),
    pytest.param(lambda: Edge("a", "b", " "), "every edge needs a label", id="unlabelled-edge"),
    pytest.param(lambda: Edge("a", "b", "W", pos=1.5), "pos must be in", id="bad-pos"),
    pytest.param(lambda: Edge("a", "b", "W", side="above"), "side must be", id="bad-side"),
    pytest.param(lambda: Graph(nodes=(A, A), edges=()), "duplicate node ids", id="duplicate-node"),
    pytest.param(lambda: Graph(nodes=(A,), edges=(Edge("a", "c", "W"),)), "unknown node 'c'",
                 id="dangling-edge"),
    pytest.param(lambda: bidirectional_rnn(0), "at least 1", id="no-steps"),
])
def test_malformed_graphs_are_rejected(build: Callable[[], object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        build()


def test_to_tikz_draws_every_node_and_edge() -> None:
    g = Graph(nodes=(A, B), edges=(Edge("a", "b", r"\mathbf{W}", bend=20, side="right", pos=0.3),))
    tikz = to_tikz(g)
    assert tikz.startswith(r"\begin{tikzpicture}") and tikz.endswith(r"\end{tikzpicture}")
    assert r"\node[sp input] (a) at (0,0) {$a$};" in tikz
    assert r"\node[sp state] (b) at (1,0) {$b$};" in tikz
    assert r"\draw[->] (a) to[bend left=20] node[sp label, pos=0.3, auto, swap] {$\mathbf{W}$} (b);" in tikz
    for kind in KINDS:
        assert f"sp {kind}/.style=" in tikz


@pytest.mark.parametrize("steps", [1, 3, 5])
def test_bidirectional_rnn_shape(steps: int) -> None:
    g = bidirectional_rnn(steps)
    ids = {n.id for n in g.nodes}
    assert {"hf0", f"hb{steps + 1}"} <= ids
    for t in range(1, steps + 1):
        assert {f"x{t}", f"hf{t}", f"hb{t}", f"y{t}", f"z{t}", f"L{t}"} <= ids
    assert len(g.nodes) == 6 * steps + 2
    assert len(g.edges) == 8 * steps


def test_bidirectional_rnn_edges_carry_the_weights() -> None:
    g = bidirectional_rnn(3)
    label = {(e.source, e.target): e.label for e in g.edges}
    assert label[("x2", "hf2")] == r"\mathbf{W}_{f}"
    assert label[("x2", "hb2")] == r"\mathbf{W}_{b}"
    assert label[("hf1", "hf2")] == r"\mathbf{U}_{f}"
    assert label[("hb3", "hb2")] == r"\mathbf{U}_{b}"
    assert label[("hf2", "y2")] == r"\mathbf{V}_{f}"
    assert label[("hb2", "y2")] == r"\mathbf{V}_{b}"
    assert label[("hf0", "hf1")] == r"\mathbf{U}_{f}"
    assert label[("hb4", "hb3")] == r"\mathbf{U}_{b}"
    assert all(n.label for n in g.nodes)


def test_tikz_is_deterministic() -> None:
    assert to_tikz(bidirectional_rnn()) == to_tikz(bidirectional_rnn())
