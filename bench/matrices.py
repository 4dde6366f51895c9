"""Benchmark: verifying the matrix derivations, and the cost of instance checks.

For every derivation of Q2, Q4, Q5 and Q6 this prints the time to verify it
in this process and the trust it reaches. Then, for every step proved on
instances, and for every step proved entrywise at symbolic shape (whose
proof holds for all shapes at one cost), it times the entrywise instance
check at a single shape with every dimension equal to ``s`` (``s = 1 ..
--max``; every time index of an unrolled network included) and prints the
ratio to ``s = 1`` measured in the same run, so the cost curve of the
instance strategy is visible next to the one-off cost of the symbolic proof.
sympy's cache and the matrix algebra's remembered evaluations are cleared
before each measurement.

Usage::

    python bench/matrices.py [--max 4] [--budget 120] [--only ID]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import sympy as sp
from sympy.core.cache import clear_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symproofs.core.model import Derivation
from symproofs.core.results import Trust
from symproofs.library import q2, q4, q5, q6
from symproofs.matrices.polynomials import clear_caches
from symproofs.matrices.space import MatrixAlgebra
from symproofs.matrices.unfolding import EntrywiseAlgebra
from symproofs.verifier.pipeline import goals_of, verify


def cold(alg: MatrixAlgebra | None = None) -> None:
    """Clear sympy's cache and everything the matrix algebra remembers."""
    clear_cache()
    clear_caches()
    if alg is not None:
        alg.forms.forget()


def instance_time(alg: MatrixAlgebra, goal: object, size: int) -> tuple[float, bool | None]:
    """Seconds to check ``goal`` at the shape with every dimension ``size``."""
    cold(alg)
    dims = alg.dims_of(goal)  # type: ignore[arg-type]
    started = time.perf_counter()
    ok: bool | None = True
    for index in alg.index_assignments(goal):  # type: ignore[arg-type]
        subs = {**{dim: sp.Integer(size) for dim in dims}, **index}
        checked = alg.check_instance(goal, subs)  # type: ignore[arg-type]
        if checked is None:
            ok = None
            break
        ok = ok and checked[0]
    return time.perf_counter() - started, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=4, help="largest dimension in the cost curve")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="stop a cost curve once one size takes longer than this (s)")
    parser.add_argument("--only", default="", help="only the derivation with this id")
    args = parser.parse_args(argv)

    derivations: list[Derivation] = [d for mod in (q2, q4, q5, q6) for d in mod.DERIVATIONS
                                     if not args.only or d.id == args.only]
    print(f"{'derivation':32} {'steps':>5} {'seconds':>8}  trust")
    curves: list[tuple[str, MatrixAlgebra, object, float | None]] = []
    total = 0.0
    for d in derivations:
        for alg in d.algebras:
            cold(alg if isinstance(alg, MatrixAlgebra) else None)
        started = time.perf_counter()
        result = verify(d, isolate=False)
        seconds = time.perf_counter() - started
        total += seconds
        print(f"{d.id:32} {d.step_count:5d} {seconds:8.2f}  {result.trust.value} ({result.status.value})")
        refs = goals_of(d)
        steps = [s for c in result.chains for s in c.steps]
        alg = next(a for a in d.algebras if isinstance(a, MatrixAlgebra))
        entrywise = next((a for a in d.algebras if isinstance(a, EntrywiseAlgebra)), None)
        for ref, step in zip(refs, steps, strict=False):
            label = f"{d.id} step {ref.chain + 1}.{ref.step + 1}"
            if step.trust is Trust.INSTANCES:
                curves.append((label, alg, ref.goal, None))
            elif entrywise is not None and step.method in ("entrywise at symbolic shape",
                                                            "chain rule through the unrolled graph"):
                cold(alg)
                started = time.perf_counter()
                entrywise.prove(ref.goal, None)  # type: ignore[arg-type]
                curves.append((label, alg, ref.goal, time.perf_counter() - started))
    print(f"{'total':32} {'':5} {total:8.2f}")

    sizes = list(range(1, args.max + 1))
    print()
    print("instance checks at one shape, every dimension = s (seconds, and ratio to s = 1);")
    print("'symbolic': the entrywise proof for every shape, where the step has one")
    print(f"{'step':40} {'symbolic':>9} " + " ".join(f"{'s=' + str(s):>16}" for s in sizes))
    for label, alg, goal, symbolic in curves:
        cells: list[str] = []
        base: float | None = None
        for size in sizes:
            seconds, ok = instance_time(alg, goal, size)
            base = base or seconds
            mark = "" if ok else (" ?" if ok is None else " x")
            cells.append(f"{seconds:8.3f} x{seconds / base:5.1f}{mark}")
            if seconds > args.budget:
                cells.extend(f"{'(skipped)':>16}" for _ in sizes[len(cells):])
                break
        once = "-" if symbolic is None else f"{symbolic:.3f}"
        print(f"{label:40} {once:>9} " + " ".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
