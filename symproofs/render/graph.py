"""Computational graphs as data, drawn with TikZ.

A :class:`Graph` is a description (nodes with a LaTeX label, a kind and a
grid position; labelled edges); :func:`to_tikz` draws it. Figures are
generated from descriptions such as :func:`bidirectional_rnn`, never written
as TikZ by hand.

>>> g = Graph(nodes=(Node("x", "x", "input", (0, 0)), Node("h", "h", "state", (0, 1))),
...           edges=(Edge("x", "h", "W"),))
>>> print(to_tikz(g).splitlines()[-2])
  \\draw[->] (x) to node[sp label, pos=0.5] {$W$} (h);
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from symproofs.core.errors import InputError

__all__ = ["KINDS", "Edge", "Graph", "Node", "bidirectional_rnn", "to_tikz"]

#: Node kinds and their TikZ styles.
KINDS: dict[str, str] = {
    "input": "draw, rounded corners=2pt, fill=black!6, minimum width=8mm, minimum height=6mm",
    "state": "draw, circle, thick, fill=blue!7, minimum size=9mm, inner sep=1pt",
    "initial": "draw, circle, dashed, fill=white, minimum size=9mm, inner sep=1pt",
    "output": "draw, rounded corners=2pt, fill=green!8, minimum width=8mm, minimum height=6mm",
    "target": "draw, dashed, rounded corners=2pt, fill=white, minimum width=8mm, minimum height=6mm",
    "loss": "draw, rounded corners=2pt, fill=red!8, minimum width=8mm, minimum height=6mm",
}

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Node:
    """A value in the graph: ``label`` is LaTeX math (without ``$``),
    ``kind`` one of :data:`KINDS`, ``position`` a (column, row) on the grid."""

    id: str
    label: str
    kind: str
    position: tuple[float, float]

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise InputError(f"graph node id {self.id!r}: use a letter, then letters, digits, '-' or '_'")
        if self.kind not in KINDS:
            raise InputError(f"graph node {self.id!r}: unknown kind {self.kind!r}; "
                             f"use one of {sorted(KINDS)}")


@dataclass(frozen=True)
class Edge:
    """A dependency ``source -> target`` labelled with LaTeX math (a weight
    matrix). ``bend`` bends it (degrees, positive to the left); ``pos`` is
    where along it the label sits (0 at the source, 1 at the target);
    ``side`` puts the label on the line (``""``) or beside it, to the
    ``"left"`` or ``"right"`` of the direction of travel."""

    source: str
    target: str
    label: str
    bend: int = 0
    pos: float = 0.5
    side: str = ""

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise InputError(f"graph edge {self.source} -> {self.target}: every edge needs a label")
        if self.side not in ("", "left", "right"):
            raise InputError(f"graph edge {self.source} -> {self.target}: side must be '', 'left' or 'right'")
        if not 0.0 <= self.pos <= 1.0:
            raise InputError(f"graph edge {self.source} -> {self.target}: pos must be in [0, 1]")


@dataclass(frozen=True)
class Graph:
    """Nodes, edges between them, and a title (free text; ``$...$`` for math)."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    title: str = ""

    def __post_init__(self) -> None:
        ids = [n.id for n in self.nodes]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise InputError(f"graph {self.title!r}: duplicate node ids {dup}")
        known = set(ids)
        for e in self.edges:
            for end in (e.source, e.target):
                if end not in known:
                    raise InputError(f"graph {self.title!r}: edge {e.source} -> {e.target} names "
                                     f"unknown node {end!r}")

    def node(self, id: str) -> Node:
        for n in self.nodes:
            if n.id == id:
                return n
        raise KeyError(id)


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def to_tikz(graph: Graph, *, x_unit: float = 2.9, y_unit: float = 1.35) -> str:
    """A ``tikzpicture`` drawing ``graph`` (units in cm per grid step).

    Needs only ``\\usepackage{tikz}``; the styles travel with the picture.
    """
    styles = ",\n  ".join(f"sp {kind}/.style={{{style}}}" for kind, style in KINDS.items())
    lines = [
        rf"\begin{{tikzpicture}}[x={_num(x_unit)}cm, y={_num(y_unit)}cm, >=latex, semithick,",
        f"  {styles},",
        r"  sp label/.style={fill=white, inner sep=1pt, font=\footnotesize}]",
    ]
    for n in graph.nodes:
        col, row = n.position
        lines.append(rf"  \node[sp {n.kind}] ({n.id}) at ({_num(col)},{_num(row)}) {{${n.label}$}};")
    for e in graph.edges:
        how = f"to[bend left={e.bend}]" if e.bend > 0 else f"to[bend right={-e.bend}]" if e.bend < 0 else "to"
        side = {"": "", "left": ", auto", "right": ", auto, swap"}[e.side]
        lines.append(rf"  \draw[->] ({e.source}) {how} node[sp label, pos={_num(e.pos)}{side}] "
                     rf"{{${e.label}$}} ({e.target});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def bidirectional_rnn(steps: int = 3) -> Graph:
    """The bidirectional RNN of Q6 unrolled for ``t = 1..steps``.

    Forward states run left to right from ``hf_0``, backward states right to
    left from ``hb_{steps+1}``; each output reads both states of its step.

    >>> g = bidirectional_rnn(3)
    >>> len(g.nodes), len(g.edges)
    (20, 24)
    """
    if steps < 1:
        raise InputError("bidirectional_rnn: steps must be at least 1")
    nodes: list[Node] = [
        Node("hf0", r"\mathbf{h}^{f}_{0}", "initial", (-0.25, 1.1)),
        Node(f"hb{steps + 1}", rf"\mathbf{{h}}^{{b}}_{{{steps + 1}}}", "initial", (steps + 1.25, 2.2)),
    ]
    edges: list[Edge] = []
    for t in range(1, steps + 1):
        nodes += [
            Node(f"x{t}", rf"\mathbf{{x}}_{{{t}}}", "input", (t, 0.0)),
            Node(f"hf{t}", rf"\mathbf{{h}}^{{f}}_{{{t}}}", "state", (t - 0.25, 1.1)),
            Node(f"hb{t}", rf"\mathbf{{h}}^{{b}}_{{{t}}}", "state", (t + 0.25, 2.2)),
            Node(f"y{t}", rf"\mathbf{{y}}_{{{t}}}", "output", (t, 3.3)),
            Node(f"L{t}", rf"L_{{{t}}}", "loss", (t, 4.4)),
            Node(f"z{t}", rf"\mathbf{{z}}_{{{t}}}", "target", (t, 5.5)),
        ]
        # Labels on the recurrent edges sit near their target, clear of the
        # edges that cross the chains.
        edges += [
            Edge(f"x{t}", f"hf{t}", r"\mathbf{W}_{f}", side="left"),
            Edge(f"x{t}", f"hb{t}", r"\mathbf{W}_{b}", side="right", pos=0.3),
            Edge(f"hf{t - 1}", f"hf{t}", r"\mathbf{U}_{f}", pos=0.7),
            Edge(f"hb{t + 1}", f"hb{t}", r"\mathbf{U}_{b}", pos=0.7),
            Edge(f"hf{t}", f"y{t}", r"\mathbf{V}_{f}", side="left", pos=0.75),
            Edge(f"hb{t}", f"y{t}", r"\mathbf{V}_{b}", side="right"),
            Edge(f"y{t}", f"L{t}", r"\text{prediction}"),
            Edge(f"z{t}", f"L{t}", r"\text{target}"),
        ]
    order = {n.id: k for k, n in enumerate(nodes)}
    edges.sort(key=lambda e: (order[e.target], order[e.source]))
    return Graph(nodes=tuple(nodes), edges=tuple(edges),
                 title=f"The bidirectional RNN unrolled for $t = 1, \\dots, {steps}$, with initial states "
                       f"$\\mathbf{{h}}^{{f}}_{{0}}$ and $\\mathbf{{h}}^{{b}}_{{{steps + 1}}}$.")
