"""The differential fuzzer (bench/fuzz.py): a bounded, deterministic slice
of random steps and chains (no proved step may be false, no counterexample
may break an assumption or fail to re-check), and the oracle itself, which
must catch a false proof and a bad counterexample when it sees one."""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symproofs.core.model import Relation
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.verifier.pipeline import check_goal

R = Relation


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("symproofs_bench_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


F = _load()
x, p, n, m, b, k = F.x, F.p, F.n, F.m, F.b, F.k


class _Drawn:
    """Choices drawn by hypothesis, so that a failure shrinks."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        return int(self.data.draw(st.integers(lo, hi)))


_SLICE = settings(max_examples=10, derandomize=True, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@_SLICE
@given(st.data())
def test_random_steps_are_proved_only_when_true(data: st.DataObject) -> None:
    pair = F.pair(_Drawn(data))
    res = check_goal(F._goal(pair, 1))
    problem = F.judge(pair.relation, pair.lhs, pair.rhs, res, random.Random(5))
    assert problem is None, f"{sp.srepr(pair.lhs)} {pair.relation.value} {sp.srepr(pair.rhs)}: {problem}"


@settings(_SLICE, max_examples=3)
@given(st.data())
def test_random_chains_prove_only_true_steps_and_claims(data: st.DataObject) -> None:
    report = F.Report()
    F.check_chain(F.chain(_Drawn(data)), 1, report, random.Random(5))
    assert report.false_proved == 0 and report.bad_counterexamples == 0, report.failures


def test_jobs_split_a_run_into_the_same_pairs_and_report() -> None:
    # every job is built from its own seed and the reports merge in index
    # order: two workers stop at the same job and count the same verdicts
    one, two = F.run(10, seed=3, jobs=1), F.run(10, seed=3, jobs=2)
    assert one.pairs >= 10 and one.proved and one.refuted
    assert one.summary(0) == two.summary(0)


def test_a_job_replays_alike_from_its_seed() -> None:
    # job i is the same pair, checked and judged alike, whatever ran before it
    i, seed = list(itertools.islice(F.job_seeds(3), 4))[-1]
    plan = F.Plan(seed=3)
    first = F.check_job(i, seed, plan)
    F.run(6, seed=11)
    assert F.check_job(i, seed, plan) == first and first.pairs == 1


# -- the oracle
def _proved() -> StepResult:
    return StepResult(verdict=Verdict.PROVED, method="pretend", trust=Trust.SYMBOLIC)


def _refuted(cx: Counterexample) -> StepResult:
    return StepResult(verdict=Verdict.REFUTED, method="pretend", trust=Trust.NONE, counterexample=cx)


def test_the_oracle_catches_a_false_proof() -> None:
    rng = random.Random(0)
    assert F.judge(R.EQ, sp.Sum(k, (k, 1, n)), n * (n + 1) / 2, _proved(), rng) is None
    # Gauss's formula for any integer: false at m = -2 (an empty sum is 0)
    assert F.judge(R.EQ, sp.Sum(k, (k, 1, m)), m * (m + 1) / 2, _proved(), rng) is not None
    assert F.judge(R.LT, 2 * x, x**2 + 1, _proved(), rng) is not None  # equal at x = 1
    assert F.judge(R.LE, 2 * x, x**2 + 1, _proved(), rng) is None
    # b < 1 is a fact of every fuzzed goal: b^2 < b holds on all its points
    assert F.judge(R.LT, b**2, b, _proved(), rng) is None


@pytest.mark.parametrize("cx, bad", [
    (Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.Integer(2), rhs=sp.Integer(2)), True),  # holds there
    (Counterexample(assignment=((x, sp.Integer(2)),), lhs=sp.Integer(4), rhs=sp.Integer(5)), True),  # wrong values
    (Counterexample(assignment=((x, sp.Integer(2)),), lhs=sp.Integer(5), rhs=sp.Integer(4)), False),
    (Counterexample(assignment=(), lhs=sp.Integer(5), rhs=sp.Integer(4)), True),  # x left out, and it matters
], ids=["holds-there", "wrong-values", "valid", "missing-symbol"])
def test_the_oracle_checks_a_counterexample(cx: Counterexample, bad: bool) -> None:
    # x^2 + 1 <= 2x holds at x = 1 only
    problem = F.judge(R.LE, x**2 + 1, 2 * x, _refuted(cx), random.Random(0))
    assert (problem is not None) is bad, problem


def test_the_oracle_rejects_a_point_outside_the_facts() -> None:
    cx = Counterexample(assignment=((b, sp.Integer(2)),), lhs=sp.Integer(4), rhs=sp.Integer(2))
    assert F.judge(R.LE, b**2, b, _refuted(cx), random.Random(0)) is not None  # b < 1 is a fact
    cx = Counterexample(assignment=((p, sp.Integer(-1)),), lhs=sp.Integer(-1), rhs=sp.Integer(0))
    assert F.judge(R.GE, p, sp.Integer(0), _refuted(cx), random.Random(0)) is not None  # p is positive


@pytest.mark.parametrize(("a", "b", "sign"), [
    pytest.param(sp.log(6), sp.log(2) + sp.log(3), 0, id="logarithms"),
    pytest.param(-72 / (4 - 4 * sp.exp(-1)), 18 / (-1 + sp.exp(-1)), 0, id="exponentials"),
    pytest.param(2 - 28 / (-4 * sp.sqrt(2) - 2), 4 * sp.sqrt(2), 0, id="algebraic"),
    pytest.param(sp.sqrt(2), sp.Rational(str(sp.N(sp.sqrt(2), 45))), None, id="too-close-to-tell"),
    pytest.param(sp.sqrt(2), sp.Rational(141, 100), 1, id="apart"),
    pytest.param(sp.exp(sp.exp(3) + 729), sp.exp(729) * sp.exp(sp.exp(3)), 0, id="huge-equal"),
    pytest.param(sp.exp(sp.exp(3) + 729), sp.exp(729) * sp.exp(sp.exp(3)) + 1, -1, id="huge-apart"),
])
def test_the_oracle_compares_exact_values(a: sp.Expr, b: sp.Expr, sign: int | None) -> None:
    assert F.compare(a, b, real=True) == sign


def test_the_oracle_reads_reversed_ranges_as_empty() -> None:
    rng = random.Random(0)
    assert F.value(sp.Sum(k, (k, 3, 1)), {}, {}, rng) == 0
    assert F.value(sp.Product(k, (k, 3, 1)), {}, {}, rng) == 1
    # the bound is the free n; the index shadows it only inside the body
    assert F.value(sp.Sum(n, (n, n + 1, 3)), {n: sp.Integer(1)}, {}, rng) == 5


def test_a_counterexample_silent_about_a_cancelled_symbol_is_incomplete_not_wrong() -> None:
    # x/y times an empty sum is 0 wherever y != 0: the step "0 < q" fails at q = 0
    # for every such x and y, but not at y = 0, where both sides are undefined
    y, q, t = F.y, F.q, F.t
    side = x / y * sp.Sum(t**2, (t, 1, -2))
    cx = Counterexample(assignment=((q, sp.Integer(0)),), lhs=sp.Integer(0), rhs=sp.Integer(0))
    problem = F.judge(R.LT, side, q + side, _refuted(cx), random.Random(0))
    assert problem is not None and "): incomplete:" in problem
    report = F.Report()
    F._record(report, "step", _refuted(cx), problem)
    assert (report.incomplete, report.bad_counterexamples) == (1, 0)
