"""Benchmark: grading a whole class, with one worker, two, and a Dask cluster.

Builds a class of submissions in a temporary folder by perturbing the
grading corpus (``tests/corpus``): symbols renamed in the submission and its
notation file alike, paragraphs swapped, slips planted (a sign flipped, a
number changed). Every variant is a new student; the originals are kept.
Then it grades the class, without the result cache and with sympy's cache
cleared, three ways in one run: ``--jobs 1`` and ``--jobs 2`` in this
process, and on a ``distributed.LocalCluster`` of two worker processes on
loopback (its start-up not counted). It prints the times, chains per
second, the ratios, and whether the three gave the same results in the
same order (the script fails if not).

The machine may be shared: timings of parallel runs are only as good as
the idle cores, so the load average is printed at the start and the end.
Run it with little else running (``nice`` does not help against others).

Usage::

    python bench/scale.py [--students 100] [--timeout 20] [--batch 4] [--keep DIR]

The last line is one JSON object: ``submissions``, ``chains``, ``steps``,
``jobs1_s``, ``jobs2_s``, ``dask2_s``, ``speedup_jobs2``, ``speedup_dask2``,
``chains_per_s_per_core`` (with one worker), ``same_results``, ``load_start``
and ``load_end``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sympy.core.cache import clear_cache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from symproofs.grading.report import SubmissionGrade, json_report  # noqa: E402
from symproofs.grading.run import GradeOptions, grade  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"

#: Greek letters a submission and its notation file may be moved to, when the target is unused.
RENAMES = (("mu", "nu"), ("beta", "gamma"), ("alpha", "kappa"), ("sigma", "tau"), ("lambda", "rho"),
           ("eta", "omega"))


# -- building the class ----------------------------------------------------------------------------
def _rename(text: str, notation: str, old: str, new: str) -> tuple[str, str] | None:
    r"""``\old`` becomes ``\new`` in both files (and the notation file's key
    ``old =``), if ``\old`` is used and ``new`` appears in neither."""
    macro = re.compile(r"\\" + old + r"(?![A-Za-z])")
    if not macro.search(text) or re.search(r"\b" + new + r"\b", text + notation):
        return None
    notation = macro.sub(lambda _: "\\" + new, notation)
    notation = re.sub(r"(?m)^(\s*)" + old + r"(\s*=)", r"\g<1>" + new + r"\g<2>", notation)
    return macro.sub(lambda _: "\\" + new, text), notation


def _swap_paragraphs(text: str, rng: random.Random) -> str | None:
    """Two neighbouring paragraphs (blocks between blank lines) swapped."""
    parts = re.split(r"\n\s*\n", text)
    if len(parts) < 3:
        return None
    i = rng.randrange(1, len(parts) - 1)
    parts[i], parts[i + 1] = parts[i + 1], parts[i]
    return "\n\n".join(parts)


def _slip(text: str, rng: random.Random) -> str | None:
    """One sign flipped or one small number changed, on a line after the
    first side of a chain (a line that starts with ``&=``, ``=`` or holds a
    relation after its start)."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if re.search(r"(?:&\s*=|^\s*=)", line)
                  and re.search(r"[+-]|(?<![_^{\\\w])[2-9](?![\w}])", line)]
    if not candidates:
        return None
    i = rng.choice(candidates)
    line = lines[i]
    signs = [m.start() for m in re.finditer(r"(?<=\S) [+-] ", line)]
    digits = [m.start() for m in re.finditer(r"(?<![_^{\\\w])[2-9](?![\w}])", line)]
    if signs and (not digits or rng.random() < 0.5):
        at = rng.choice(signs) + 1
        line = line[:at] + ("-" if line[at] == "+" else "+") + line[at + 1:]
    elif digits:
        at = rng.choice(digits)
        line = line[:at] + str(int(line[at]) + 1) + line[at + 1:]
    else:
        return None
    lines[i] = line
    return "\n".join(lines)


def build_class(folder: Path, students: int, seed: int = 2026) -> int:
    """Write at least ``students`` submissions under ``folder``, one folder
    per question (and per renamed notation), each with its notation file;
    the number written."""
    rng = random.Random(seed)
    sources = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".tex", ".md"))
    written = 0
    for path in sources:  # the originals
        question = path.parent.name
        (folder / question).mkdir(parents=True, exist_ok=True)
        shutil.copy(path.parent / "notation.toml", folder / question / "notation.toml")
        shutil.copy(path, folder / question / path.name)
        written += 1
    round_ = 0
    while written < students:
        round_ += 1
        for path in sources:
            if written >= students:
                break
            text, notation = path.read_text(), (path.parent / "notation.toml").read_text()
            question, made = path.parent.name, False
            for old, new in rng.sample(RENAMES, len(RENAMES)):
                renamed = _rename(text, notation, old, new)
                if renamed is not None:
                    text, notation = renamed
                    question, made = f"{question}-{new}", True
                    break
            for change in (_swap_paragraphs, _slip):
                if rng.random() < 0.6:
                    changed = change(text, rng)
                    if changed is not None:
                        text, made = changed, True
            if not made:
                changed = _slip(text, rng)
                if changed is None:
                    continue
                text = changed
            target = folder / question
            target.mkdir(exist_ok=True)
            (target / "notation.toml").write_text(notation)
            (target / f"{path.stem}-v{round_}{path.suffix}").write_text(text)
            written += 1
        if round_ > 50 * students:  # nothing left to perturb
            break
    return written


# -- measuring --------------------------------------------------------------------------------------
def timed(run: Callable[[], list[SubmissionGrade]]) -> tuple[float, list[SubmissionGrade]]:
    clear_cache()
    started = time.perf_counter()
    grades = run()
    return time.perf_counter() - started, grades


def on_cluster(folder: Path, options: GradeOptions, batch: int) -> tuple[float, float, list[SubmissionGrade]]:
    """Start-up seconds, grading seconds and grades on a two-worker LocalCluster."""
    import distributed

    from symproofs.grading.cluster import grade_on_cluster

    dask: Any = distributed  # untyped calls
    started = time.perf_counter()
    with dask.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=50) as cluster, \
            dask.Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
        startup = time.perf_counter() - started
        seconds, grades = timed(lambda: grade_on_cluster([folder], options, scheduler=client, batch=batch))
    return startup, seconds, grades


def differences(a: Sequence[SubmissionGrade], b: Sequence[SubmissionGrade]) -> list[str]:
    """Where two runs disagree: the step (file:line:column) and each verdict and method."""
    out = [f"{x.path} vs {y.path}" for x, y in zip(a, b) if x.path != y.path]
    for x, y in zip(a, b):
        if x == y:
            continue
        steps_x = [s for c in x.chains for s in c.steps]
        steps_y = [s for c in y.chains for s in c.steps]
        if x.error != y.error or len(steps_x) != len(steps_y):
            out.append(f"{x.path}: {x.error or len(steps_x)} vs {y.error or len(steps_y)}")
        out += [f"{x.path}:{s.line}:{s.column}: {s.verdict.value} ({s.method}) vs {t.verdict.value} ({t.method})"
                for s, t in zip(steps_x, steps_y) if s != t]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="a generated class graded with 1 and 2 jobs and on Dask")
    parser.add_argument("--students", type=int, default=100, help="submissions in the class (100)")
    parser.add_argument("--timeout", type=float, default=20.0, help="time limit per step in seconds (20)")
    parser.add_argument("--batch", type=int, default=4, help="submissions per Dask task (4)")
    parser.add_argument("--keep", type=Path, default=None, help="write the class here and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="symproofs-class-"))
    try:
        count = build_class(folder, args.students)
        load_start = os.getloadavg()[0]
        options = GradeOptions(timeout=args.timeout)
        jobs1_s, one = timed(lambda: grade([folder], options))
        jobs2_s, two = timed(lambda: grade([folder], GradeOptions(timeout=args.timeout, jobs=2)))
        startup, dask2_s, far = on_cluster(folder, options, args.batch)
        load_end = os.getloadavg()[0]
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    chains = sum(len(g.chains) for g in one)
    steps = sum(len(c.steps) for g in one for c in g.chains)
    same = json_report(one) == json_report(two) == json_report(far)
    print(f"class: {count} submissions, {chains} chains, {steps} steps (from {CORPUS.relative_to(ROOT)})")
    print(f"machine: {os.cpu_count()} CPUs, load average {load_start:.1f} at the start, {load_end:.1f} at the "
          "end (other work on the machine slows the parallel runs)")
    for name, seconds in (("--jobs 1", jobs1_s), ("--jobs 2", jobs2_s), ("dask, 2 workers", dask2_s)):
        print(f"{name:16} {seconds:7.1f} s  {chains / seconds:6.2f} chains/s  {steps / seconds:6.2f} steps/s")
    print(f"dask cluster start-up (not counted): {startup:.1f} s; {args.batch} submissions per task")
    print(f"speed-up: --jobs 2 {jobs1_s / jobs2_s:.2f}x, dask 2 workers {jobs1_s / dask2_s:.2f}x over --jobs 1")
    print(f"results {'identical' if same else 'DIFFER'} across the three runs (same order)")
    for name, other in (("--jobs 2", two), ("dask", far)):
        for line in differences(one, other)[:10]:
            print(f"  {name} differs from --jobs 1: {line}")
    print(json.dumps({"submissions": count, "chains": chains, "steps": steps, "jobs1_s": round(jobs1_s, 2),
                      "jobs2_s": round(jobs2_s, 2), "dask2_s": round(dask2_s, 2),
                      "speedup_jobs2": round(jobs1_s / jobs2_s, 3), "speedup_dask2": round(jobs1_s / dask2_s, 3),
                      "chains_per_s_per_core": round(chains / jobs1_s, 3), "same_results": same,
                      "load_start": load_start, "load_end": load_end}))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
