"""A refutation search run a few points at a time evaluates exactly the
points, in the same order and with the same draws, as a fresh probe with
that many trials: the quick refutation's points first, then the full
probe's others, none of them twice."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Given
from symproofs.core.results import Counterexample
from symproofs.verifier.points import Point
from symproofs.verifier.probe import Probe
from symproofs.verifier.search import Search

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
f = sp.Function("f")


class _Recording(Probe):
    """A probe that records each point it evaluates, and the first value it
    draws for an undeclared function there (the draws go on from point to point)."""

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.seen: list[tuple[tuple[tuple[sp.Basic, sp.Basic], ...], object]] = []

    def failing_at(self, point: Point, lhs: sp.Basic, rhs: sp.Basic, kind: str,
                   rng: random.Random) -> Counterexample | None:
        state = rng.getstate()
        self.seen.append((tuple(sorted(point.values.items(), key=str)), state))
        return super().failing_at(point, lhs, rhs, kind, rng)


def _probe(seed: int, trials: int = 24, facts: Facts | None = None) -> _Recording:
    return _Recording(facts=facts or Facts(), givens=(), algebras=(), seed=seed, trials=trials)


CASES = [
    pytest.param(2 * x, x**2 + 1, "le", Facts(), id="true everywhere"),
    pytest.param(f(n) + n, n + 1, "eq", Facts((sp.Ge(n, 2),)), id="undeclared function drawn at each point"),
    pytest.param(x, sp.S.One, "le", Facts((sp.Gt(x, 0), sp.Lt(x, 2))), id="draws rejected by the bounds"),
]


@pytest.mark.parametrize(("lhs", "rhs", "kind", "facts"), CASES)
def test_a_continued_search_evaluates_a_fresh_probes_points(lhs: sp.Basic, rhs: sp.Basic, kind: str,
                                                            facts: Facts) -> None:
    for seed in range(6):
        quick, full = _probe(seed, 3, facts), _probe(seed, 24, facts)
        quick_cx, full_cx = quick.refute(lhs, rhs, kind), full.refute(lhs, rhs, kind)
        continued = _probe(seed, 24, facts)
        search = Search(continued, lhs, rhs, kind)
        first = search.run(3)
        assert continued.seen == quick.seen  # the quick pass: a trials=3 probe's points, no more
        assert first == quick_cx
        if first is None:
            assert search.run(24) == full_cx
            assert continued.seen == full.seen  # then the others of a trials=24 probe, none twice


def test_the_quick_pass_stops_at_its_own_draws_when_few_are_admissible() -> None:
    facts = Facts((sp.Lt(x**2, sp.Rational(1, 100)),))  # most draws are rejected
    short = 0
    for seed in range(8):
        quick, full = _probe(seed, 3, facts), _probe(seed, 24, facts)
        quick.refute(x, sp.S.One, "le")
        full.refute(x, sp.S.One, "le")
        continued = _probe(seed, 24, facts)
        search = Search(continued, x, sp.S.One, "le")
        search.run(3)
        assert continued.seen == quick.seen
        assert search.evaluated + search.boundary_evaluated == len(quick.seen)
        short += search.evaluated < 3
        search.run(24)
        assert continued.seen == full.seen
    assert short  # some quick passes ran out of draws before 3 points


def test_the_first_failing_point_of_a_continued_search_is_a_fresh_probes() -> None:
    step = x * (x - 1) * (x + 1) * (x - 2) * (2 * x - 1)  # 0 at the boundary points and at 1/2, which the
    # first draws favour
    refuted_late = [s for s in range(12) if _probe(s, 3).refute(step, sp.S.Zero, "eq") is None
                    and _probe(s).refute(step, sp.S.Zero, "eq") is not None]
    assert refuted_late  # the case the continuation is for
    for seed in refuted_late:
        search = Search(_probe(seed), step, sp.S.Zero, "eq")
        assert search.run(3) is None
        assert search.run(24) == _probe(seed).refute(step, sp.S.Zero, "eq")


def test_a_given_is_checked_at_the_continued_points_too() -> None:
    lam = sp.Symbol("lambda", real=True)
    p = sp.Symbol("p", positive=True)
    givens = (Given(name="lambda", statement=sp.Eq(lam, (1 - p) / p)),)
    probe = Probe(facts=Facts((sp.Lt(p, 1),)), givens=givens, algebras=(), seed=5)
    search = Search(probe, lam * p, 1 - p, "eq")
    assert search.run(3) is None and search.run(24) is None  # lambda p = 1 - p wherever lambda is defined
