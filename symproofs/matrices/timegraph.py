"""The computational graph of a network unrolled in time, read off the givens.

A given ``Eq(h[k], f(k))`` with an index ``k`` valid on ``[valid_from,
valid_to]`` defines every node ``h[k]`` in that range from the nodes that
``f(k)`` mentions; a given ``Eq(L, f)`` defines the scalar loss. From these:

- :meth:`TimeGraph.definition`: a node's defining expression, when the
  given provably covers its index;
- :meth:`TimeGraph.children`: every node (or the loss) whose definition
  mentions a node directly, the terms of the chain rule for the total
  derivative (``∇_v L = Σ_c (∂c/∂v)^T ∇_c L``);
- :meth:`TimeGraph.ancestors`: for each sequence, an interval of indices
  that contains every node from which the loss can be reached (computed to
  a fixpoint, a sound over-approximation: a node outside it has a zero
  gradient);
- :meth:`TimeGraph.users`: the nodes whose definition mentions a parameter
  matrix, restricted to the ancestors of the loss.

Index reasoning is done with the bounds the goal declares (``1 <= t <= T``):
a claim about a range that cannot be decided raises :class:`Undecided`,
so that the caller proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symproofs.core.capture import apart
from symproofs.matrices.linalg import SeqTerm

__all__ = ["Bounds", "Definition", "TimeGraph", "Undecided", "bounds_from", "holds"]


class Undecided(Exception):
    """An index range this module cannot decide."""


#: symbol -> (lowest, highest) value, either side possibly infinite
Bounds = Mapping[sp.Symbol, tuple[sp.Expr, sp.Expr]]


def bounds_from(symbols: Iterable[sp.Basic],
                constraints: Iterable[sp.Basic]) -> dict[sp.Symbol, tuple[sp.Expr, sp.Expr]]:
    """Integer bounds of ``symbols`` from their assumptions and from
    constraints ``a <= b`` / ``a < b`` between a symbol and an expression."""
    out: dict[sp.Symbol, tuple[sp.Expr, sp.Expr]] = {}
    for s in symbols:
        if isinstance(s, sp.Symbol) and s.is_integer:
            lo = sp.S.One if s.is_positive else sp.S.Zero if s.is_nonnegative else sp.S.NegativeInfinity
            out[s] = (lo, sp.S.Infinity)
    for c in constraints:
        if not isinstance(c, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
            continue
        small, big = (c.lhs, c.rhs) if isinstance(c, (sp.StrictLessThan, sp.LessThan)) else (c.rhs, c.lhs)
        gap = 1 if isinstance(c, (sp.StrictLessThan, sp.StrictGreaterThan)) else 0
        if small in out and big.is_integer:
            lo, _ = out[small]
            out[small] = (lo, big - gap)
        if big in out and small.is_integer:
            _, hi = out[big]
            out[big] = (small + gap, hi)
    return out


def _extreme(e: sp.Expr, bounds: Bounds, low: bool) -> sp.Expr:
    """The lowest (or highest) value of ``e``, linear with coefficient +-1 in
    bounded symbols; the bounds may mention other symbols (``t <= T``)."""
    e = sp.expand(e)
    for _ in range(6):
        free = sorted((s for s in e.free_symbols if s in bounds), key=sp.default_sort_key)
        if not free:
            return e
        s = free[0]
        a = e.coeff(s)
        if a not in (1, -1) or s in (e - a * s).free_symbols:
            raise Undecided(f"{e} is not linear in {s}")
        lo, hi = bounds[s]
        pick = lo if (a == 1) == low else hi
        if pick.is_infinite:
            return pick if a == 1 else -pick
        e = sp.expand(e.xreplace({s: pick}))
    raise Undecided(f"bounds of {e}")


def holds(small: sp.Expr, big: sp.Expr, bounds: Bounds) -> bool | None:
    """Whether ``small <= big`` for every admissible value (None: undecided)."""
    small, big = sp.sympify(small, strict=True), sp.sympify(big, strict=True)
    if small.is_infinite or big.is_infinite:
        return bool(small == sp.S.NegativeInfinity or big == sp.S.Infinity) or None
    try:
        d = _extreme(big - small, bounds, low=True)
        if d.is_nonnegative:
            return True
        d = _extreme(big - small, bounds, low=False)
        if d.is_negative:
            return False
    except Undecided:
        return None
    return None


@dataclass(frozen=True)
class Definition:
    """``label[k + offset] = rhs(k)`` for ``valid_from <= k <= valid_to``."""

    label: sp.Symbol
    offset: sp.Expr
    index: sp.Symbol
    rhs: sp.Basic
    valid_from: sp.Expr
    valid_to: sp.Expr
    shape: tuple[sp.Expr, sp.Expr]


def _occurrences(e: sp.Basic) -> list[SeqTerm]:
    return [x for x in sp.preorder_traversal(e) if isinstance(x, SeqTerm)]


class TimeGraph:
    def __init__(self, givens: Iterable[Any], bounds: Bounds) -> None:
        self.defs: list[Definition] = []
        self.losses: dict[sp.Symbol, sp.Basic] = {}
        #: givens that are neither: a sequence read there is a dependency this graph does not model
        self.others: list[sp.Basic] = []
        self.bounds = dict(bounds)
        for g in givens:
            st = g.statement
            if not isinstance(st, sp.Eq):
                continue
            if isinstance(st.lhs, SeqTerm) and g.index is not None:
                k = g.index
                lo = sp.S.NegativeInfinity if g.valid_from is None else sp.sympify(g.valid_from, strict=True)
                hi = sp.S.Infinity if g.valid_to is None else sp.sympify(g.valid_to, strict=True)
                offset = sp.expand(st.lhs.index - k)
                if k in offset.free_symbols:
                    self.others.append(st)
                    continue
                self.defs.append(Definition(st.lhs.label, offset, k, st.rhs, lo, hi, st.lhs.shape))
            elif isinstance(st.lhs, sp.Symbol) and g.index is None and st.lhs not in st.rhs.free_symbols:
                self.losses[st.lhs] = st.rhs
            else:
                self.others.append(st)

    def _covers(self, d: Definition, k: sp.Expr, bounds: Bounds) -> bool | None:
        a, b = holds(d.valid_from, k, bounds), holds(k, d.valid_to, bounds)
        if a is True and b is True:
            return True
        if a is False or b is False:
            return False
        return None

    def definition(self, node: SeqTerm) -> sp.Basic | None:
        """The expression defining ``node``, when a given covers its index."""
        for d in self.defs:
            if d.label != node.label:
                continue
            k = sp.expand(node.index - d.offset)
            if self._covers(d, k, self.bounds) is True:
                return apart(d.rhs, k.free_symbols).xreplace({d.index: k})  # its sums' indices apart from k's
        return None

    def children(self, node: SeqTerm) -> list[sp.Basic]:
        """Every node (and loss symbol) defined directly from ``node``."""
        if any(isinstance(x, SeqTerm) and x.label == node.label for st in self.others
               for x in sp.preorder_traversal(st)):
            raise Undecided(f"a given that is not a recurrence reads {node.label}")
        out: list[sp.Basic] = []
        for d in self.defs:
            for occ in _occurrences(d.rhs):
                if occ.label != node.label:
                    continue
                c = sp.expand(occ.index - d.index)
                if d.index in c.free_symbols:
                    raise Undecided(f"index {occ.index}")
                k = sp.expand(node.index - c)
                covered = self._covers(d, k, self.bounds)
                if covered is None:
                    raise Undecided(f"whether {d.label}[{k + d.offset}] is defined")
                child = SeqTerm(d.label, sp.expand(k + d.offset), *d.shape)
                if covered and child not in out:
                    out.append(child)
        for loss, rhs in self.losses.items():
            if self._loss_reads(rhs, node) and loss not in out:
                out.append(loss)
        return out

    def _loss_reads(self, rhs: sp.Basic, node: SeqTerm) -> bool:
        def scan(e: sp.Basic, ranges: dict[sp.Symbol, tuple[sp.Expr, sp.Expr]]) -> bool:
            if isinstance(e, sp.Sum):
                inner = dict(ranges)
                for k, lo, hi in e.limits:
                    inner[k] = (lo, hi)
                return scan(e.function, inner)
            if isinstance(e, SeqTerm):
                if e.label != node.label:
                    return False
                free = [k for k in e.index.free_symbols if k in ranges]
                if not free:
                    same = sp.expand(e.index - node.index)
                    if same == 0:
                        return True
                    if same.is_number:
                        return False
                    raise Undecided(f"whether {e} is {node}")
                k = free[0]
                c = sp.expand(e.index - k)
                if k in c.free_symbols or len(free) > 1:
                    raise Undecided(f"index {e.index}")
                lo, hi = ranges[k]
                at = sp.expand(node.index - c)
                a, b = holds(lo, at, self.bounds), holds(at, hi, self.bounds)
                if a is True and b is True:
                    return True
                if a is False or b is False:
                    return False
                raise Undecided(f"whether {node} is read by the loss")
            return any(scan(x, ranges) for x in e.args)

        return scan(rhs, {})

    def ancestors(self) -> dict[sp.Symbol, tuple[sp.Expr, sp.Expr]]:
        """For each sequence, an interval holding every index that reaches a loss."""
        anc: dict[sp.Symbol, tuple[sp.Expr, sp.Expr]] = {}

        def widen(label: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> bool:
            if label not in anc:
                anc[label] = (lo, hi)
                return True
            a, b = anc[label]
            new = (sp.Min(a, lo), sp.Max(b, hi))
            if any(isinstance(x, (sp.Min, sp.Max)) for x in new):
                raise Undecided("an interval of ancestors")
            if new != (a, b):
                anc[label] = new
                return True
            return False

        def read(e: sp.Basic, k: sp.Symbol | None, lo: sp.Expr, hi: sp.Expr) -> None:
            if isinstance(e, sp.Sum):
                if len(e.limits) != 1 or k is not None:
                    raise Undecided("nested sums in a definition")
                (j, a, b), = e.limits
                read(e.function, j, a, b)
                return
            if isinstance(e, SeqTerm):
                if k is None or k not in e.index.free_symbols:
                    widen(e.label, e.index, e.index)
                else:
                    c = sp.expand(e.index - k)
                    widen(e.label, sp.expand(lo + c), sp.expand(hi + c))
                return
            for x in e.args:
                read(x, k, lo, hi)

        for rhs in self.losses.values():
            read(rhs, None, sp.S.Zero, sp.S.Zero)
        for _ in range(8):
            before = dict(anc)
            for d in self.defs:
                if d.label not in anc:
                    continue
                a, b = anc[d.label]
                lo = sp.Max(sp.expand(a - d.offset), d.valid_from)
                hi = sp.Min(sp.expand(b - d.offset), d.valid_to)
                if isinstance(lo, sp.Max) or isinstance(hi, sp.Min):
                    raise Undecided("an interval of ancestors")
                read(d.rhs, d.index, lo, hi)
            if anc == before:
                return anc
        raise Undecided("the ancestors of the loss do not settle")

    def users(self, parameter: sp.Basic) -> list[tuple[Definition, sp.Expr, sp.Expr]]:
        """The definitions mentioning ``parameter``, each with the range of
        indices both defined by it and able to reach a loss."""
        anc = self.ancestors()
        out = []
        for d in self.defs:
            if not d.rhs.has(parameter):
                continue
            if d.label not in anc:
                continue
            a, b = anc[d.label]
            lo = sp.Max(d.valid_from, sp.expand(a - d.offset))
            hi = sp.Min(d.valid_to, sp.expand(b - d.offset))
            if isinstance(lo, sp.Max) or isinstance(hi, sp.Min) or lo.is_infinite or hi.is_infinite:
                raise Undecided(f"the nodes that use {parameter}")
            out.append((d, lo, hi))
        return out

    def _reads(self, label: sp.Symbol) -> set[sp.Symbol]:
        """Every sequence some node of ``label`` depends on, transitively."""
        seen: set[sp.Symbol] = set()
        todo = [label]
        while todo:
            current = todo.pop()
            for d in self.defs:
                if d.label == current:
                    for occ in _occurrences(d.rhs):
                        if occ.label not in seen:
                            seen.add(occ.label)
                            todo.append(occ.label)
        return seen

    def direct_only(self, node: SeqTerm, definition: sp.Basic, var: SeqTerm) -> bool:
        """Whether ``var`` reaches ``node`` only directly: no other node in the
        definition depends on ``var``'s sequence (so the partial derivative
        of the definition is the total one)."""
        for occ in _occurrences(definition):
            if occ == var:
                continue
            if occ.label == var.label or var.label in self._reads(occ.label):
                return False
        return True
