"""Run every benchmark and print one table, each number next to a baseline
measured in the same run.

    python bench/run_all.py            # the mutation harness on a sample
    python bench/run_all.py --full     # every mutant (takes a while)

Rows:

* library verification: the strategy pipeline against ``simplify(lhs - rhs)
  == 0`` on every step (``bench/verify_library.py``);
* the result cache: ``symproofs check`` with an empty cache folder, then
  again with the folder it filled;
* parallel checking: ``symproofs check --jobs 1`` against ``--jobs 2``;
* start-up: the median time of ``symproofs --help`` against ``python -c
  pass``, and whether ``--help`` imports sympy (``python -X importtime``);
* peak memory (maximum resident set size) of each benchmark process;
* the mutation harness summary (``bench/mutants.py``);
* the other benchmark scripts, when present (``bench/expectations.py``, ``bench/cache.py``,
  ``bench/matrices.py``, ``bench/grading.py``): their last lines.

Times are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OTHERS = ("expectations.py", "matrices.py", "grading.py", "cache.py")


@dataclass
class Run:
    """One finished subprocess: wall time, exit code, output, peak memory."""

    seconds: float
    code: int
    stdout: str
    stderr: str
    maxrss_mb: float
    timed_out: bool = False

    @property
    def last_line(self) -> str:
        lines = [ln for ln in self.stdout.splitlines() if ln.strip()]
        return lines[-1] if lines else ""

    def last_json(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.last_line)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


def run(cmd: Sequence[str], *, timeout: float = 3600.0, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``, measuring its wall time and, with ``os.wait4``, the peak
    resident memory of it and the workers it waited for."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, cwd=ROOT, env=env or os.environ.copy())
    deadline = started + timeout
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            timed_out = True
            break
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    return Run(
        seconds=seconds,
        code=proc.returncode,
        stdout=out.read().decode(errors="replace"),
        stderr=err.read().decode(errors="replace"),
        maxrss_mb=usage.ru_maxrss / 1024,
        timed_out=timed_out,
    )


def _symproofs() -> list[str]:
    script = Path(sys.executable).parent / "symproofs"
    return [str(script)] if script.exists() else [sys.executable, "-m", "symproofs.cli"]


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0 else "n/a"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.notes: list[str] = []

    def add(self, what: str, value: str, baseline: str = "", ratio: str = "") -> None:
        self.rows.append((what, value, baseline, ratio))
        print(
            f"  {what}: {value}" + (f"  | baseline {baseline}" if baseline else "") + (f"  | {ratio}" if ratio else ""),
            file=sys.stderr,
            flush=True,
        )

    def render(self, width: int = 60) -> str:
        def cut(text: str) -> str:
            return text if len(text) <= width else text[: width - 3] + "..."

        head = ("benchmark", "measured", "baseline (same run)", "ratio / note")
        rows = [tuple(cut(c) for c in r) for r in self.rows]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        out = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip(), line]
        out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        return "\n".join(out)


# -- the benchmarks ------------------------------------------------------------------
def library(table: Table, timeout: float) -> None:
    r = run([sys.executable, str(BENCH / "verify_library.py")], timeout=timeout)
    s = r.last_json()
    if s is None:
        table.add("library: pipeline vs simplify", f"failed (exit {r.code})", "", r.stderr[-200:].strip())
        return
    steps = s["steps"]
    table.add(
        "library: pipeline vs simplify (time)",
        f"{s['pipeline_seconds']:.2f} s",
        f"{s['baseline_seconds']:.2f} s",
        _ratio(s["pipeline_seconds"], s["baseline_seconds"]),
    )
    table.add(
        "library: steps proved",
        f"{s['pipeline_proved']}/{steps}",
        f"{s['baseline_proved']}/{steps}",
        f"baseline-only {s['baseline_only']}",
    )
    table.add("peak memory: library benchmark", f"{r.maxrss_mb:.0f} MiB")


def cache(table: Table, timeout: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix="symproofs-bench-cache-"))
    try:
        cmd = [*_symproofs(), "check", "--no-progress", "--jobs", "1", "--cache-dir", str(folder)]
        cold = run(cmd, timeout=timeout)
        warm = run(cmd, timeout=timeout)
        fixed = run([*_symproofs(), "list"], timeout=timeout)  # start-up and loading the library
        cached = warm.stdout.count(", cached)")
        table.add(
            "cache: warm vs cold check",
            f"{warm.seconds:.2f} s",
            f"{cold.seconds:.2f} s",
            _ratio(warm.seconds, cold.seconds),
        )
        cold_v, warm_v = max(cold.seconds - fixed.seconds, 0.0), max(warm.seconds - fixed.seconds, 0.0)
        table.add(
            "cache: the same minus `symproofs list` time",
            f"{warm_v:.2f} s",
            f"{cold_v:.2f} s",
            _ratio(warm_v, cold_v),
        )
        table.add("cache: steps served warm", str(cached), "", f"exit codes {cold.code}/{warm.code}")
        table.add("peak memory: check (cold, jobs 1)", f"{cold.maxrss_mb:.0f} MiB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def jobs(table: Table, timeout: float) -> None:
    base = [*_symproofs(), "check", "--no-progress", "--no-cache"]
    one = run([*base, "--jobs", "1"], timeout=timeout)
    two = run([*base, "--jobs", "2"], timeout=timeout)
    table.add(
        "check --jobs 2 vs --jobs 1",
        f"{two.seconds:.2f} s",
        f"{one.seconds:.2f} s",
        _ratio(two.seconds, one.seconds),
    )
    same = _marks(one.stdout) == _marks(two.stdout)
    table.add("check --jobs 2: same verdicts", "yes" if same else "NO", "", f"{os.cpu_count()} CPUs")
    table.add("peak memory: check --jobs 2", f"{two.maxrss_mb:.0f} MiB")


def _marks(stdout: str) -> list[str]:
    """The verdict and method of every step line of ``symproofs check``."""
    out = []
    for line in stdout.splitlines():
        body = line.strip()
        if body[:1] in ("✓", "✗", "?"):
            out.append(body.rsplit("  (", 1)[0])
    return out


def startup(table: Table, repeats: int) -> None:
    help_cmd = [*_symproofs(), "--help"]
    base_cmd = [sys.executable, "-c", "pass"]
    for _ in range(2):  # warm the file cache
        run(help_cmd)
        run(base_cmd)
    help_s = statistics.median(run(help_cmd).seconds for _ in range(repeats))
    base_s = statistics.median(run(base_cmd).seconds for _ in range(repeats))
    table.add(
        f"start-up: symproofs --help (median of {repeats})",
        f"{help_s * 1000:.0f} ms",
        f"{base_s * 1000:.0f} ms (python -c pass)",
        _ratio(help_s, base_s),
    )
    probe = "import sys\nfrom symproofs.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    r = run([sys.executable, "-X", "importtime", "-c", probe])
    heavy = sorted(
        {name for name in ("sympy", "jinja2", "mpmath", "latex2mathml") if _imported(r.stderr, name)}
    )
    table.add(
        "start-up: heavy imports in --help",
        ", ".join(heavy) if heavy else "none",
        "",
        "LAZY" if not heavy else "NOT LAZY",
    )


def _imported(importtime: str, module: str) -> bool:
    for line in importtime.splitlines():
        if "|" not in line:
            continue
        name = line.rsplit("|", 1)[1].strip()
        if name == module or name.startswith(module + "."):
            return True
    return False


def mutation(table: Table, full: bool, limit: int, timeout: float) -> None:
    cmd = [sys.executable, str(BENCH / "mutants.py"), "--json", "--jobs", "2"]
    if not full:
        cmd += ["--limit", str(limit)]
    r = run(cmd, timeout=timeout)
    s = r.last_json()
    if s is None:
        why = "timed out" if r.timed_out else f"exit {r.code}"
        tail = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        table.add("mutants", f"failed ({why})", "", tail)
        return
    n = s["mutants"]
    table.add(
        "mutants: refuted / verified" + ("" if full else f" (sample of {limit})"),
        f"{s['refuted']}/{n} ({s['refuted_pct']}%)",
        f"{s['set_aside']} set aside as true, {s.get('ill_formed', 0)} ill-formed left out",
        f"{s['seconds']:.0f} s",
    )
    witnessed = s.get("false_proved_witnessed", 0)
    table.add(
        "mutants: proved (must be 0)",
        str(s["false_proved"]),
        f"{witnessed} with a point where the step fails",
        "OK" if s["false_proved"] == 0 else ("SOUNDNESS BUG" if witnessed else "review: may be true steps"),
    )
    refuted_aside = s.get("set_aside_refuted", [])
    table.add(
        "mutants set aside as true, yet refuted",
        str(len(refuted_aside)),
        f"of {s['set_aside']} cross-checked",
        "OK" if not refuted_aside else "REFUTES A TRUE STEP?",
    )
    table.add("mutants: unknown", str(s["unknown"]), "", "reasons below")
    table.notes.append("mutants left unknown, by category, reason and screening:")
    table.notes += [f"  {count:>5}  {reason}" for reason, count in s.get("unknown_reasons", {}).items()]
    if s.get("proved"):
        table.notes.append(
            "PROVED MUTANTS (each a soundness bug unless the step is true after all): " + ", ".join(s["proved"])
        )
    if refuted_aside:
        table.notes.append("REFUTED, though they held at every screening point: " + ", ".join(refuted_aside))
    if s.get("original_disagrees"):
        table.notes.append(
            "the screening evaluator disagrees with these library steps: " + "; ".join(s["original_disagrees"])
        )
    table.add("peak memory: mutation harness", f"{r.maxrss_mb:.0f} MiB")


def others(table: Table, timeout: float) -> None:
    for name in OTHERS:
        path = BENCH / name
        if not path.exists():
            table.add(f"bench/{name}", "not present")
            continue
        r = run([sys.executable, str(path)], timeout=timeout)
        last = r.last_line if not r.timed_out else f"timed out after {timeout:g} s"
        table.add(f"bench/{name}", last[:100] or f"no output (exit {r.code})", "", f"{r.seconds:.1f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run every symproofs benchmark")
    parser.add_argument("--full", action="store_true", help="run the mutation harness on every mutant")
    parser.add_argument("--limit", type=int, default=150, metavar="N", help="mutants in the default sample (150)")
    parser.add_argument("--repeats", type=int, default=7, help="runs of each start-up measurement (7)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800.0,
        metavar="S",
        help="time limit of each benchmark script (1800 s)",
    )
    args = parser.parse_args(argv)
    table = Table()
    started = time.perf_counter()
    benches: list[tuple[str, Callable[[], None]]] = [
        ("library verification", functools.partial(library, table, args.timeout)),
        ("result cache", functools.partial(cache, table, args.timeout)),
        ("parallel checking", functools.partial(jobs, table, args.timeout)),
        ("start-up", functools.partial(startup, table, args.repeats)),
        ("mutation harness", functools.partial(mutation, table, args.full, args.limit, 4 * args.timeout)),
        ("other benchmarks", functools.partial(others, table, args.timeout)),
    ]
    for title, bench in benches:
        print(f"[{title}]", file=sys.stderr, flush=True)
        bench()
    print()
    print(table.render())
    if table.notes:
        print()
        print("\n".join(table.notes))
    print(
        f"\n(all benchmarks: {time.perf_counter() - started:.0f} s; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
