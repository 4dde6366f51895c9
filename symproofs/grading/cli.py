"""The ``symproofs grade`` command: check students' LaTeX derivations.

Kept import-light: sympy and the grader are imported when the command
runs, so that ``symproofs --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symproofs.grading.report import SubmissionGrade
    from symproofs.grading.run import GradeOptions

__all__ = ["add_grade_parser", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "csv", "html", "gradescope")
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")

_EPILOG = """\
exit codes:
  0  every step of every submission proved
  1  some step refuted, unknown or unparsed, or a submission could not be graded
  2  usage or input error (a missing file, a bad notation file, an unmatched
     --id-pattern)
  130  interrupted

PATH is a .tex or .md file or a folder (searched recursively for *.tex and
*.md). The notation file is --notation, else the notation.toml nearest to
the top on the way from PATH down to the submission's folder: the course's
file wins, and a notation.toml further down, next to a student's file, is
never read. For a file given as PATH the way starts at the current folder
when the file is below it (grade class/alice/a.md reads class/notation.toml,
not class/alice/notation.toml), else at the file's folder. The notation files
used are named on stderr; a submission without one is graded with a warning.
The question of a submission is the name of its notation file (q3.toml), or
the folder of a notation.toml.
"""


def add_grade_parser(subparsers: Any, common: Callable[[argparse.ArgumentParser], None] | None = None
                     ) -> argparse.ArgumentParser:
    """Register ``grade`` on the CLI's subparsers; ``common`` adds the
    options every checking command shares (limits, cache, colour)."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "grade", help="check students' LaTeX derivations line by line",
        description="Check every step of the derivations in students' .tex and Markdown files.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="submission files or folders")
    p.add_argument("--notation", type=Path, default=None, metavar="FILE",
                   help="notation file for every submission (default: the course's notation.toml "
                        "found from PATH down, never one next to a student's file; see below)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="report format (text); json, csv (a gradebook row per student) and gradescope go "
                        "to stdout, html (student pages and a class page) to --out")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder of the HTML report (default grade-report)")
    p.add_argument("--id-pattern", default=None, metavar="REGEX",
                   help="the student id is what this regular expression finds in the path (its group 'id', "
                        "else its first group); default: the file's stem")
    p.add_argument("--visibility", choices=VISIBILITIES, default="visible",
                   help="Gradescope visibility of the results (visible)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="grade on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of "
                        "locally; needs pip install 'symproofs[cluster]', and the same files at the same paths "
                        "on every worker")
    p.add_argument("--batch", type=int, default=1, metavar="N",
                   help="with --scheduler: submissions per Dask task (1)")
    if common is not None:
        common(p)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    """``symproofs grade``: read each submission, extract its derivations,
    parse them, check every step (:func:`~symproofs.grading.run.grade`), then
    report; returns the exit code."""
    from dataclasses import replace

    from symproofs.grading.run import grade
    from symproofs.render.terminal import Progress, use_color

    options = _options(args)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    with Progress(progress, color=use_color(args.color, stream=sys.stderr)) as bar:
        if args.scheduler is not None:
            from symproofs.grading.cluster import grade_on_cluster

            grades = grade_on_cluster(args.paths, replace(options, progress=bar), scheduler=args.scheduler,
                                      batch=args.batch)
        else:
            grades = grade(args.paths, replace(options, progress=bar))
    _report(args, grades)
    return EXIT_OK if grades and all(g.passed for g in grades) else EXIT_FAILED


def _options(args: argparse.Namespace) -> GradeOptions:
    from symproofs.core.errors import InputError
    from symproofs.grading.roster import id_pattern
    from symproofs.grading.run import GradeOptions

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if args.batch < 1:
        raise InputError("--batch must be at least 1")
    if args.timeout <= 0:
        raise InputError("--timeout must be positive")
    if args.memory < 64:
        raise InputError("--memory must be at least 64 MiB")
    if args.out is not None and args.format != "html":
        raise InputError("--out is for --format html; the other formats go to stdout")
    if args.notation is not None and not args.notation.is_file():
        raise InputError("no such notation file", source=str(args.notation))
    id_pattern(args.id_pattern)  # a bad pattern is an error before any work
    cache = None
    if not args.no_cache:
        from symproofs.verifier.cache import StepCache

        cache = StepCache(args.cache_dir)
    return GradeOptions(timeout=args.timeout, memory_mb=args.memory, jobs=args.jobs, seed=args.seed,
                        notation=args.notation, cache=cache)


def _report(args: argparse.Namespace, grades: Sequence[SubmissionGrade]) -> None:
    from symproofs.grading.report import json_report, text_report
    from symproofs.grading.roster import csv_gradebook, gradebook, id_pattern, question_of
    from symproofs.render.terminal import use_color

    pattern = id_pattern(args.id_pattern)
    if args.notation is None:  # which notation file graded what: a TA sees when one was not the course's
        used: dict[str, int] = {}
        for g in grades:
            if g.notation is not None:
                used[g.notation] = used.get(g.notation, 0) + 1
        for found, count in used.items():
            print(f"symproofs: notation file {found} for {count} submission(s)", file=sys.stderr)
    missing = [g.path for g in grades if g.notation is None and g.error is None]
    if missing:
        print(f"symproofs: warning: no notation file for {len(missing)} submission(s) (first: {missing[0]}); "
              "their symbols have no assumptions and nothing is scored. Put a notation.toml next to them "
              "or pass --notation FILE", file=sys.stderr)
    unbounded = sorted({question_of(g) for g in grades if g.score is not None and g.max_score is None})
    if unbounded:
        print(f"symproofs: warning: the rubric of {', '.join(unbounded)} sets no max: its scores have no "
              "maximum (gradebooks show none; Gradescope gets the score as its max_score). Add "
              "[rubric] max = ...", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(json_report(grades), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(csv_gradebook(gradebook(grades, pattern)))
    elif args.format == "gradescope":
        from symproofs.grading.gradescope import results_json

        print(json.dumps(results_json(grades, visibility=args.visibility), indent=2, ensure_ascii=False))
    elif args.format == "html":
        from symproofs.grading.pages import write_html

        for path in write_html(grades, args.out or Path("grade-report"), pattern=pattern):
            print(path)
    else:
        print(text_report(grades, color=use_color(args.color, stream=sys.stdout)))
