"""A refutation search that goes on where it stopped.

The quick refutation evaluates a goal's first probe points before any
expensive strategy runs; when no strategy decides the goal, the full probe
evaluates points of the same probe, the first ones again, then more. A
:class:`Search` keeps where the quick pass stopped (the draws made so far,
and the state of the generator of the values drawn for undeclared
functions) so that the full pass goes on from there: it evaluates the same
points, in the same order and with the same draws, as a fresh probe with
more trials would after its first points, and evaluates none of the first
ones again.

>>> import sympy as sp
>>> from symproofs.core.facts import Facts
>>> from symproofs.verifier.probe import Probe
>>> x = sp.Symbol("x", real=True)
>>> search = Search(Probe(facts=Facts(), givens=(), algebras=(), seed=1), 2 * x, x**2 + 1, "le")
>>> search.run(3), search.evaluated  # 2x <= x^2 + 1 everywhere: no point fails
(None, 3)
>>> search.run(24), search.evaluated  # the 21 points after the first 3
(None, 24)
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import sympy as sp

from symproofs.core.results import Counterexample
from symproofs.verifier.boundary import BOUNDARY_POINTS, MODELLED_BOUNDARY_POINTS
from symproofs.verifier.points import Point

__all__ = ["DRAWS_PER_POINT", "Drawing", "Search"]

#: Draws a probe makes at most for each point it is to evaluate (a draw may
#: fall outside the assumptions and be rejected).
DRAWS_PER_POINT = 6


#: The draws among which the boundary points' base is the first admissible point.
_BASE_DRAWS = 3 * DRAWS_PER_POINT


class Drawing(Protocol):
    """What a search needs of a probe (:class:`~symproofs.verifier.probe.Probe`)."""

    seed: int
    sweep: bool
    algebras: tuple[Any, ...]

    def draws(self, symbols: set[sp.Basic], limit: Callable[[], int]) -> Iterator[Point | None]: ...

    def boundary_points(self, symbols: set[sp.Basic], base: dict[sp.Basic, sp.Basic]) -> Iterator[Point]: ...

    def comparison_symbols(self, lhs: sp.Basic, rhs: sp.Basic) -> set[sp.Basic]: ...

    def failing_at(self, point: Point, lhs: sp.Basic, rhs: sp.Basic, kind: str,
                   rng: random.Random) -> Counterexample | None: ...


class Search:
    """The search for a point of ``probe`` where ``lhs kind rhs`` fails
    (``kind``: ``"eq"``, ``"le"`` or ``"lt"``), run a few points at a time."""

    def __init__(self, probe: Drawing, lhs: sp.Basic, rhs: sp.Basic, kind: str) -> None:
        self._probe = probe
        self._sides = (lhs, rhs)
        self._kind = kind
        self._limit = 0
        self._symbols = probe.comparison_symbols(lhs, rhs)
        self._draws = probe.draws(self._symbols, lambda: self._limit)
        self._rng = random.Random(probe.seed + 1)  # the values of undeclared functions, point after point
        self._bounded = False  # whether the boundary points have been evaluated
        self._first: Point | None = None  # a point drawn for the boundary's base, not yet evaluated
        self.evaluated = 0
        self.boundary_evaluated = 0

    def run(self, points: int) -> Counterexample | None:
        """Go on until ``points`` points have been evaluated in all (this run
        and the earlier ones), or the draws a probe of ``points`` trials makes
        run out: the first point where the comparison fails, else ``None``."""
        self._limit = points * DRAWS_PER_POINT
        lhs, rhs = self._sides
        if points > 0 and not self._bounded:
            self._bounded = True
            cx = self._boundary()
            if cx is not None:
                return cx
        while self.evaluated < points:
            point, self._first = (self._first, None) if self._first is not None else (next(self._draws, None), None)
            if point is None:  # no draw left below the limit
                return None
            self.evaluated += 1
            cx = self._probe.failing_at(point, lhs, rhs, self._kind, self._rng)
            if cx is not None:
                return cx
        return None

    def _boundary(self) -> Counterexample | None:
        """The boundary points (:mod:`.boundary`), a bounded few, exact and
        admissible like any other, first: from the first admissible point
        among the first draws (the same whatever the number of trials), with
        their own draws for undeclared functions."""
        if self._probe.sweep:  # a sweeping probe's integers take their small values already
            return None
        if self._limit >= _BASE_DRAWS:  # the search's own first point among as many draws, evaluated next
            limit, self._limit = self._limit, _BASE_DRAWS  # (None: no admissible one among them)
            first = self._first = next(self._draws, None)
            self._limit = limit
        else:
            first = next(self._probe.draws(self._symbols, lambda: _BASE_DRAWS), None)  # None: no admissible draw
        base = {} if first is None else first.values
        rng = random.Random(self._probe.seed + 3)
        lhs, rhs = self._sides
        most = MODELLED_BOUNDARY_POINTS if self._probe.algebras else BOUNDARY_POINTS
        for point in itertools.islice(self._probe.boundary_points(self._symbols, base), most):
            self.boundary_evaluated += 1
            cx = self._probe.failing_at(point, lhs, rhs, self._kind, rng)
            if cx is not None:
                return cx
        return None
