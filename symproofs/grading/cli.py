"""The ``symproofs grade`` command: check students' LaTeX derivations.

Kept import-light: sympy and the grader are imported when the command
runs, so that ``symproofs --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symproofs.grading.report import SubmissionGrade
    from symproofs.grading.run import GradeOptions

__all__ = ["add_grade_parser", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EPILOG = """\
exit codes:
  0  every step of every submission proved
  1  some step refuted, unknown or unparsed, or a submission could not be graded
  2  usage or input error (a missing file, a bad notation file)

PATH is a .tex or .md file or a folder (searched recursively for *.tex and
*.md). The notation file is --notation, else the notation.toml in the
submission's folder or the nearest parent folder up to PATH.
"""


def add_grade_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``grade`` on the CLI's subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "grade", help="check students' LaTeX derivations line by line",
        description="Check every step of the derivations in students' .tex and Markdown files.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="submission files or folders")
    p.add_argument("--notation", type=Path, default=None, metavar="FILE",
                   help="notation file for every submission (default: notation.toml next to them)")
    p.add_argument("--format", choices=("text", "json", "csv", "html"), default="text",
                   help="report format (text); json and csv go to stdout, html to --out")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder of the HTML report (default grade-report)")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="S",
                   help="time limit per step in seconds (20); reading a file gets three times as much")
    p.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory cap per worker in MiB (2048)")
    p.add_argument("--seed", type=int, default=20261125, help="seed of the refutation probe")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="keep step results in this folder between runs (default: no cache)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("--color", action=argparse.BooleanOptionalAction, default=None,
                   help="colored text report (default: when stdout is a terminal)")
    p.set_defaults(run=run)
    return p


class _Bar:
    """A one-line progress bar on stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * done // total if total else width
        sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """``symproofs grade``: read each submission, extract its derivations,
    parse them, check every step (:func:`~symproofs.grading.run.grade`), then
    report; returns the exit code."""
    from symproofs.grading.run import grade

    grades = grade(args.paths, _options(args))
    _report(args, grades)
    return EXIT_OK if grades and all(g.passed for g in grades) else EXIT_FAILED


def _options(args: argparse.Namespace) -> GradeOptions:
    from symproofs.core.errors import InputError
    from symproofs.grading.run import GradeOptions

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if args.timeout <= 0:
        raise InputError("--timeout must be positive")
    if args.memory < 64:
        raise InputError("--memory must be at least 64 MiB")
    if args.out is not None and args.format != "html":
        raise InputError("--out is for --format html; json, csv and text go to stdout")
    if args.notation is not None and not args.notation.is_file():
        raise InputError("no such notation file", source=str(args.notation))
    cache = None
    if args.cache_dir is not None:
        from symproofs.verifier.cache import StepCache

        cache = StepCache(args.cache_dir)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    return GradeOptions(timeout=args.timeout, memory_mb=args.memory, jobs=args.jobs, seed=args.seed,
                        notation=args.notation, cache=cache, progress=_Bar(progress))


def _report(args: argparse.Namespace, grades: Sequence[SubmissionGrade]) -> None:
    from symproofs.grading.report import csv_report, json_report, text_report, write_html

    if args.format == "json":
        print(json.dumps(json_report(grades), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(csv_report(grades))
    elif args.format == "html":
        for path in write_html(grades, args.out or Path("grade-report")):
            print(path)
    else:
        color = args.color if args.color is not None else sys.stdout.isatty()
        print(text_report(grades, color=color))
