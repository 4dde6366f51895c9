"""Process isolation: a goal that hangs, exhausts memory or kills its worker
is reported *unknown* and the rest of the batch goes on.

Workers are forked, so a ``check_goal`` monkeypatched in the test process is
the one the workers run.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sympy as sp

import symproofs.verifier.pipeline as verify_module
from symproofs.core.goals import Goal
from symproofs.core.model import Chain, Derivation, Relation, Step
from symproofs.core.results import DerivationResult, StepResult, Verdict
from symproofs.library import derivations
from symproofs.verifier.cache import StepCache
from symproofs.verifier.pipeline import Options, verify_all
from symproofs.verifier.worker import bounded, run_tasks

R = Relation
x = sp.Symbol("x", real=True)
real_check_goal = verify_module.check_goal


def _hang() -> None:
    time.sleep(600)


def _oom() -> None:
    hog = [0] * (4 * 1024**3)  # 32 GiB of list slots, far over the cap
    del hog


def _die() -> None:
    os._exit(3)


def _raise() -> None:
    raise RuntimeError("strategy bug")


MISBEHAVIOUR: dict[str, Callable[[], None]] = {"hang": _hang, "oom": _oom, "die": _die, "raise": _raise}


def _checker(goal: Goal) -> StepResult:
    action = MISBEHAVIOUR.get(goal.label)
    if action is not None:
        action()
    return real_check_goal(goal)


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(verify_module, "check_goal", _checker)
    yield


def _derivation(*labels: str) -> Derivation:
    """A chain of true steps ``(x+1)^2 = x^2+2x+1 = (x+1)^2 = ...`` whose
    labels choose how the patched checker misbehaves on them."""
    a, b = (x + 1) ** 2, x**2 + 2 * x + 1
    steps = tuple(Step(R.EQ, b if i % 2 == 0 else a, label) for i, label in enumerate(labels))
    return Derivation(id="isolated", title="Isolation", question="Q0", chains=(Chain(start=a, steps=steps),))


def _check(d: Derivation, *, jobs: int = 1, timeout: float = 1.0, memory_mb: int = 256) -> list[StepResult]:
    opts = Options(timeout=timeout, memory_mb=memory_mb, jobs=jobs)
    (res,) = verify_all([d], options=opts)
    return list(res.chains[0].steps)


@pytest.mark.parametrize(
    ("label", "method", "message"),
    [
        pytest.param("hang", "time limit", "timed out after 1 s", id="hangs"),
        pytest.param("oom", "memory limit", "exceeded the memory cap of 256 MiB", id="blows-memory"),
        pytest.param("die", "worker failure", "the worker died (exit code 3)", id="worker-dies"),
        pytest.param("raise", "worker failure", "RuntimeError: strategy bug", id="raises"),
    ],
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_goal_is_unknown_and_the_batch_goes_on(
    misbehaving: None, label: str, method: str, message: str, jobs: int
) -> None:
    results = _check(_derivation("ok", label, "ok", "ok"), jobs=jobs)
    assert [r.verdict for r in results] == [Verdict.PROVED, Verdict.UNKNOWN, Verdict.PROVED, Verdict.PROVED]
    bad = results[1]
    assert bad.method == method
    assert message in bad.message
    assert f"unknown ({message}" in bad.describe()


def test_several_failures_in_one_batch(misbehaving: None) -> None:
    results = _check(_derivation("hang", "die", "ok", "oom", "hang", "ok"), jobs=2)
    assert [r.method for r in results] == [
        "time limit",
        "worker failure",
        "polynomial normal form",
        "memory limit",
        "time limit",
        "polynomial normal form",
    ]


def test_failures_are_not_cached(misbehaving: None, tmp_path: Path) -> None:
    cache = StepCache(tmp_path)
    d = _derivation("ok", "hang", "die")
    verify_all([d], options=Options(timeout=1.0, jobs=2), cache=cache)
    assert cache.count() == 1
    (res,) = verify_all([d], options=Options(timeout=1.0, jobs=2), cache=cache)
    assert [r.cached for r in res.chains[0].steps] == [True, False, False]


def test_real_memory_cap_inside_check_goal() -> None:
    """Without patching: the cap applies to the real verifier's process."""

    def task(i: int) -> int:
        return len(bytearray(2**33)) if i == 1 else i

    def failed(i: int, kind: str, message: str) -> str:
        return kind

    assert run_tasks(3, task, jobs=2, timeout=5, memory_mb=128, on_failure=failed) == [0, "memory", 2]


def test_results_come_back_in_task_order() -> None:
    def task(i: int) -> int:
        time.sleep(0.05 * (5 - i))  # later tasks finish first
        return i * i

    seen: list[int] = []
    out = run_tasks(
        6, task, jobs=3, timeout=10, memory_mb=0, on_failure=lambda i, k, m: None, on_result=lambda i, v: seen.append(i)
    )
    assert out == [0, 1, 4, 9, 16, 25]
    assert sorted(seen) == list(range(6))


def test_a_worker_leaves_what_it_inherits_out_of_its_collections() -> None:
    # the objects inherited from the parent (modules, goals) are frozen in the worker, not in the parent
    assert gc.get_freeze_count() == 0
    out = run_tasks(1, lambda i: gc.get_freeze_count(), jobs=1, timeout=10, memory_mb=0,
                    on_failure=lambda i, k, m: None)
    assert out[0] > 0
    assert gc.get_freeze_count() == 0


def test_an_unpicklable_result_is_reported() -> None:
    def task(i: int) -> object:
        return (lambda: None) if i == 0 else i

    out = run_tasks(2, task, jobs=1, timeout=5, memory_mb=0, on_failure=lambda i, k, m: (k, m))
    assert out[0][0] == "error" and "could not be sent back" in out[0][1]
    assert out[1] == 1


class _Unreadable:
    """Pickles, but raises when unpickled (as a sympy relation that
    re-evaluates to an invalid comparison does)."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_refuse, ())


def _refuse() -> None:
    raise TypeError("Invalid comparison of non-real x")


def test_a_result_that_does_not_read_back_is_reported_and_the_batch_goes_on() -> None:
    def task(i: int) -> object:
        return _Unreadable() if i == 1 else i

    out = run_tasks(3, task, jobs=2, timeout=5, memory_mb=0, on_failure=lambda i, k, m: (k, m))
    assert out[0] == 0 and out[2] == 2
    assert out[1][0] == "error" and "Invalid comparison" in out[1][1]


@pytest.mark.slow
def test_two_jobs_give_the_same_results_as_one_on_the_library() -> None:
    """Same verdicts, methods and counterexamples, in the same order. A step
    that hits the time limit in either run is not compared: whether it does
    depends on the machine's load, not on the number of workers."""
    ds = derivations()
    one = verify_all(ds, options=Options(jobs=1, timeout=30))
    two = verify_all(ds, options=Options(jobs=2, timeout=30))
    assert [r.id for r in one] == [r.id for r in two] == [d.id for d in ds]

    def summary(results: list[DerivationResult]) -> list[tuple[str, str, str, str]]:
        return [
            (r.id, s.verdict.value, s.method, s.counterexample.describe() if s.counterexample else "")
            for r in results
            for s in r.all_steps
        ]

    pairs = list(zip(summary(one), summary(two), strict=True))
    compared = [(a, b) for a, b in pairs if "time limit" not in a[2] and "time limit" not in b[2]]
    assert len(compared) >= 0.8 * len(pairs)
    assert [a for a, _ in compared] == [b for _, b in compared]


def test_bounded_gives_the_default_past_the_time_limit_and_the_value_within_it() -> None:
    t0 = time.monotonic()
    assert bounded(lambda: time.sleep(30), timeout=0.5, memory_mb=0, default="late") == "late"
    assert time.monotonic() - t0 < 10
    assert bounded(lambda: sp.Integer(2) ** 10, timeout=5, memory_mb=0, default=None) == 1024
    assert bounded(lambda: 1 // 0, timeout=5, memory_mb=0, default="failed") == "failed"
