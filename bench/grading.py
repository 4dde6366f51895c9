"""Benchmark: grading the corpus of student chains (``tests/corpus``).

Grades every submission of the corpus with one worker, then with two
(``--jobs 2``), in this process, sympy's cache cleared before each run, and
prints chains and steps graded per second for both and the ratio. The two
runs must give the same verdicts; the script says so, and fails if not.

Usage::

    python bench/grading.py [--repeat 1] [--timeout 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sympy.core.cache import clear_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from symproofs.grading.report import SubmissionGrade  # noqa: E402
from symproofs.grading.run import GradeOptions, grade  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def run(jobs: int, timeout: float) -> tuple[float, list[SubmissionGrade]]:
    clear_cache()
    started = time.perf_counter()
    grades = grade([CORPUS], GradeOptions(jobs=jobs, timeout=timeout))
    return time.perf_counter() - started, grades


def verdicts(grades: Sequence[SubmissionGrade]) -> list[tuple[str, int, int, str]]:
    return [(g.path, s.line, s.column, s.verdict.value) for g in grades for c in g.chains for s in c.steps]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="chains graded per second on the corpus, 1 vs 2 workers")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration; the best counts (1)")
    parser.add_argument("--timeout", type=float, default=20.0, help="time limit per step in seconds (20)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    best: dict[int, float] = {}
    results: dict[int, list[SubmissionGrade]] = {}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            seconds, results[jobs] = run(jobs, args.timeout)
            best[jobs] = min(best.get(jobs, seconds), seconds)
    grades = results[1]
    chains = sum(len(g.chains) for g in grades)
    steps = sum(len(c.steps) for g in grades for c in g.chains)
    print(f"corpus: {len(grades)} submissions, {chains} chains, {steps} steps")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} at the start (other work slows --jobs 2)")
    for jobs in (1, 2):
        print(f"--jobs {jobs}: {best[jobs]:6.1f} s  {chains / best[jobs]:5.2f} chains/s  "
              f"{steps / best[jobs]:5.2f} steps/s")
    same = verdicts(results[1]) == verdicts(results[2])
    print(f"verdicts with --jobs 2 {'match' if same else 'DIFFER FROM'} --jobs 1")
    ratio = best[1] / best[2]
    print(f"grading: {chains / best[1]:.2f} chains/s with 1 worker, {chains / best[2]:.2f} with --jobs 2, "
          f"speed-up {ratio:.2f}x")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
