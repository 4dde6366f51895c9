"""Benchmark: warm re-checks of the library from the result cache.

Every step of the library is checked once into an empty cache folder (in
this process, no workers), then checked again from it, several times: with
the cache as it is (JSON entries, see :mod:`symproofs.verifier.cache`) and,
as the baseline measured in the same run, with the same keys and results
stored as pickles (the earlier format, which can run code when read). The
time of a warm step includes computing its key, from nothing remembered
(as in a new process).

    python bench/cache.py [--repeats N]

The last line is one JSON object: ``steps``, ``cold_seconds``,
``warm_ms_per_step`` (median of the repeats), ``pickle_ms_per_step``,
``ratio`` (JSON / pickle), ``key_ms_per_step`` and ``hits``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from symproofs.core.goals import Goal
from symproofs.core.results import StepResult
from symproofs.library import derivations
from symproofs.verifier.cache import _MEMO, StepCache, goal_key
from symproofs.verifier.pipeline import Options, check_goals, goals_of


class PickleCache(StepCache):
    """The baseline: the same keys and folder layout, entries pickled."""

    def _path(self, key: str) -> Path:
        return self.version_folder / key[:2] / (key + ".pkl")

    def get(self, goal: Goal) -> StepResult | None:
        try:
            with open(self._path(self.key(goal)), "rb") as fh:
                result = pickle.load(fh)
        except OSError:
            return None
        return result if isinstance(result, StepResult) else None

    def put(self, goal: Goal, result: StepResult) -> None:
        path = self._path(self.key(goal))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(result.replace(cached=False), protocol=pickle.HIGHEST_PROTOCOL))


def _warm(goals: Sequence[Goal], cache: StepCache, options: Options) -> tuple[float, int]:
    _MEMO.clear()  # a fresh process: no key text computed yet
    started = time.perf_counter()
    results = check_goals(goals, options=options, cache=cache)
    return time.perf_counter() - started, sum(r.cached for r in results)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="warm runs of each cache (5)")
    args = parser.parse_args(argv)
    options = Options(isolate=False)
    goals = [ref.goal for d in derivations() for ref in goals_of(d, seed=options.seed)]
    folder = Path(tempfile.mkdtemp(prefix="symproofs-bench-cache-"))
    try:
        json_cache, pickle_cache = StepCache(folder / "json"), PickleCache(folder / "pickle")
        started = time.perf_counter()
        cold = check_goals(goals, options=options, cache=json_cache)
        cold_seconds = time.perf_counter() - started
        for goal, result in zip(goals, cold, strict=True):
            pickle_cache.put(goal, result)
        json_runs, pickle_runs = [], []
        hits = 0
        for _ in range(args.repeats):
            seconds, hits = _warm(goals, json_cache, options)
            json_runs.append(seconds)
            pickle_runs.append(_warm(goals, pickle_cache, options)[0])
        _MEMO.clear()
        started = time.perf_counter()
        for goal in goals:
            goal_key(goal)
        key_seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    n = len(goals)
    warm_ms = statistics.median(json_runs) * 1000 / n
    pickle_ms = statistics.median(pickle_runs) * 1000 / n
    print(f"{n} steps; cold {cold_seconds:.2f} s; warm from JSON {warm_ms:.3f} ms/step, "
          f"from pickle {pickle_ms:.3f} ms/step (ratio {warm_ms / pickle_ms:.2f}); "
          f"of which the key {key_seconds * 1000 / n:.3f} ms/step; {hits}/{n} hits", file=sys.stderr)
    print(json.dumps({"steps": n, "cold_seconds": round(cold_seconds, 3), "warm_ms_per_step": round(warm_ms, 4),
                      "pickle_ms_per_step": round(pickle_ms, 4), "ratio": round(warm_ms / pickle_ms, 3),
                      "key_ms_per_step": round(key_seconds * 1000 / n, 4), "hits": hits,
                      "cpus": os.cpu_count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
