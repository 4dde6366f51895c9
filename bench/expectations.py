"""Benchmark: checking expectation identities with symproofs against sympy.stats.

For each identity, symproofs reduces both sides with a fresh
:class:`~symproofs.probability.space.ProbabilitySpace` and expands the
difference; sympy.stats computes both sides (``variance``, ``covariance``,
``E``) and simplifies the difference. Both run in this script, sympy.stats in
a subprocess with a time limit (it can take minutes). Times exclude
interpreter start-up and imports; symproofs is timed with sympy's cache
cleared before every repetition.

Usage::

    python bench/expectations.py [--timeout 240] [--repeat 5] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sympy as sp
from sympy.core.cache import clear_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from symproofs.probability.space import (
    Bernoulli,
    Cov,
    E,
    Normal,
    ProbabilitySpace,
    Uniform,
    Var,
)

mu, alpha, beta = sp.symbols("mu alpha beta", real=True)
s2, p = sp.symbols("s2 p", positive=True)


# -- the identities, once for each system -------------------------------------------------
def ours_product_variance() -> bool:
    space = ProbabilitySpace()
    x = space.variable("X", Normal(mu, s2))
    y = space.variable("Y", Uniform(alpha, beta))
    space.independent(x, y)
    lhs = Var(x * y)
    rhs = Var(x) * Var(y) + Var(x) * E(y) ** 2 + Var(y) * E(x) ** 2
    return bool(sp.expand(space.reduce(lhs) - space.reduce(rhs)) == 0)


def ours_covariance() -> bool:
    space = ProbabilitySpace()
    x = space.variable("X", Normal(mu, s2))
    y = space.variable("Y", Uniform(alpha, beta))
    space.independent(x, y)
    lhs = Cov(x + y, x - y)
    rhs = Var(x) - Var(y)
    return bool(sp.expand(space.reduce(lhs) - space.reduce(rhs)) == 0)


def ours_dropout() -> bool:
    space = ProbabilitySpace()
    r = space.variable("R", Bernoulli(p))
    x = space.variable("X", Normal(mu, s2))
    space.independent(r, x)
    lhs = Var(r * x / p)
    rhs = (s2 + (1 - p) * mu**2) / p
    return bool(sp.expand(space.reduce(lhs) - space.reduce(rhs)) == 0)


def stats_product_variance() -> bool:
    from sympy import stats

    x = stats.Normal("X", mu, sp.sqrt(s2))
    y = stats.Uniform("Y", alpha, beta)
    lhs = stats.variance(x * y)
    rhs = stats.variance(x) * stats.variance(y) + stats.variance(x) * stats.E(y) ** 2 \
        + stats.variance(y) * stats.E(x) ** 2
    return bool(sp.simplify(lhs - rhs) == 0)


def stats_covariance() -> bool:
    from sympy import stats

    x = stats.Normal("X", mu, sp.sqrt(s2))
    y = stats.Uniform("Y", alpha, beta)
    lhs = stats.covariance(x + y, x - y)
    rhs = stats.variance(x) - stats.variance(y)
    return bool(sp.simplify(lhs - rhs) == 0)


def stats_dropout() -> bool:
    from sympy import stats

    r = stats.Bernoulli("R", p)
    x = stats.Normal("X", mu, sp.sqrt(s2))
    lhs = stats.variance(r * x / p)
    rhs = (s2 + (1 - p) * mu**2) / p
    return bool(sp.simplify(lhs - rhs) == 0)


CASES: dict[str, tuple[str, Callable[[], bool], Callable[[], bool]]] = {
    "product-variance": ("Var(XY) for X~N(mu,s2) indep. Y~U(alpha,beta)",
                         ours_product_variance, stats_product_variance),
    "covariance": ("Cov(X+Y, X-Y) = Var X - Var Y, same X, Y", ours_covariance, stats_covariance),
    "dropout": ("Var(R X / p) for R~Bernoulli(p) indep. X~N(mu,s2)", ours_dropout, stats_dropout),
}


# -- measuring -----------------------------------------------------------------------------
def time_ours(check: Callable[[], bool], repeat: int) -> tuple[float, bool]:
    times: list[float] = []
    ok = True
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        ok = check() and ok
        times.append(time.perf_counter() - start)
    return statistics.median(times), ok


def time_stats(name: str, timeout: float) -> tuple[float | None, bool | None]:
    """(seconds, agrees) from a child process; (None, None) on timeout."""
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", name],
            capture_output=True, text=True, timeout=timeout, check=True,
        )
    except subprocess.TimeoutExpired:
        return None, None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["seconds"]), bool(result["agrees"])


def child(name: str) -> None:
    check = CASES[name][2]
    start = time.perf_counter()
    agrees = check()
    print(json.dumps({"seconds": time.perf_counter() - start, "agrees": agrees}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=240.0,
                        help="seconds allowed to sympy.stats per identity")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of the symproofs check (median)")
    parser.add_argument("--only", choices=sorted(CASES), help="run one identity")
    parser.add_argument("--child", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    names = [args.only] if args.only else list(CASES)
    header = f"{'identity':<18} {'symproofs':>11} {'sympy.stats':>13} {'ratio':>10}  both proved"
    print(header)
    print("-" * len(header))
    failed = False
    for name in names:
        what, ours, _ = CASES[name]
        ours_s, ours_ok = time_ours(ours, args.repeat)
        stats_s, stats_ok = time_stats(name, args.timeout)
        if stats_s is None:
            stats_text, ratio_text = f"> {args.timeout:.0f} s", f"> {args.timeout / ours_s:,.0f}x"
            agree = "sympy.stats timed out"
        else:
            stats_text, ratio_text = f"{stats_s:.2f} s", f"{stats_s / ours_s:,.0f}x"
            agree = "yes" if ours_ok and stats_ok else f"symproofs {ours_ok}, sympy.stats {stats_ok}"
        failed |= not ours_ok
        print(f"{name:<18} {ours_s * 1000:>8.1f} ms {stats_text:>13} {ratio_text:>10}  {agree}")
        print(f"  {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
