"""Benchmark: the strategy pipeline against a plain ``simplify`` baseline.

Every step of the library is checked twice in this one run: by the full
verifier (:func:`symproofs.verifier.pipeline.check_goal`) and by the baseline
``sympy.simplify(lhs - rhs) == 0`` (which can only prove equations between
expressions; it proves no inequality, no logical step, and uses no given).
Both run the same way, one worker process with a time limit per step, so
the ratio compares like with like.

    python bench/verify_library.py [--timeout S]

The last line is one JSON object: ``steps``, ``pipeline_seconds``,
``baseline_seconds``, ``ratio`` (pipeline / baseline), ``pipeline_proved``,
``baseline_proved``, and how many steps each left unknown or refuted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.model import Relation
from symproofs.library import derivations
from symproofs.verifier.pipeline import check_goal, goals_of
from symproofs.verifier.worker import run_tasks


def baseline(goal: Goal) -> str:
    """``proved`` when ``simplify(lhs - rhs) == 0``, else ``unknown``."""
    if goal.relation is not Relation.EQ:
        return "unknown"
    lhs, rhs = goal.lhs, goal.rhs
    if not all(isinstance(s, sp.Expr) for s in (lhs, rhs)):
        return "unknown"
    try:
        return "proved" if sp.simplify(lhs - rhs) == 0 else "unknown"  # type: ignore[operator]
    except Exception:
        return "unknown"


def _timed(goals: Sequence[Goal], check: Any, timeout: float) -> tuple[float, list[str]]:
    started = time.perf_counter()
    verdicts = run_tasks(
        len(goals),
        lambda i: check(goals[i]),
        jobs=1,
        timeout=timeout,
        memory_mb=2048,
        on_failure=lambda i, kind, message: f"unknown ({kind})",
    )
    return time.perf_counter() - started, verdicts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pipeline vs simplify baseline on every library step")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time limit per step (60 s)")
    args = parser.parse_args(argv)
    goals = [ref.goal for d in derivations() for ref in goals_of(d) if ref.chain >= 0]
    pipe_s, pipe = _timed(goals, lambda g: check_goal(g).verdict.value, args.timeout)
    base_s, base = _timed(goals, baseline, args.timeout)
    pc, bc = Counter(pipe), Counter(base)
    both = sum(p == "proved" and b == "proved" for p, b in zip(pipe, base, strict=True))
    summary = {
        "steps": len(goals),
        "pipeline_seconds": round(pipe_s, 3),
        "baseline_seconds": round(base_s, 3),
        "ratio": round(pipe_s / base_s, 3) if base_s > 0 else None,
        "pipeline_proved": pc["proved"],
        "baseline_proved": bc["proved"],
        "baseline_only": sum(p != "proved" and b == "proved" for p, b in zip(pipe, base, strict=True)),
        "both_proved": both,
        "pipeline_verdicts": dict(pc),
        "baseline_verdicts": dict(bc),
    }
    width = 10
    print(f"{'':<{width}} {'seconds':>9} {'proved':>8} of {len(goals)} steps")
    print(f"{'pipeline':<{width}} {pipe_s:>9.2f} {pc['proved']:>8}")
    print(f"{'baseline':<{width}} {base_s:>9.2f} {bc['proved']:>8}   (simplify(lhs - rhs) == 0)")
    print(f"pipeline / baseline time: {summary['ratio']}")
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
