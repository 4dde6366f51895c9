"""The ``symproofs`` command line.

Exit codes: 0 every step proved (or the command succeeded), 1 some step
refuted or unknown, 2 usage or input error. sympy is imported only by the
commands that need it, so ``symproofs --help`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from symproofs.core.model import Derivation
    from symproofs.core.results import DerivationResult, StepResult

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EPILOG = """\
exit codes:
  0  every step proved (or the command succeeded)
  1  some step refuted or unknown
  2  usage or input error

targets are derivation ids (q3-unroll), question tags (Q3.2, Q3), module
names or paths to .py files; with none, the library and the modules listed
under [tool.symproofs] in pyproject.toml.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with a clear message, like argparse
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_verify_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time limit per step in seconds (60)")
    p.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory cap per step in MiB (2048)")
    p.add_argument("--seed", type=int, default=20261125, help="seed of the refutation probe")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="result cache folder (default: the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress on stderr (default: when stderr is a terminal)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="symproofs",
        description="Check derivations written as chains of sympy steps, render them to LaTeX, "
        "and grade students' LaTeX derivations.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list derivations", epilog=_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET")
    p.add_argument("--json", action="store_true", help="JSON: a list of {id, title, question, steps}")

    p = sub.add_parser("check", help="verify derivations step by step", epilog=_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET")
    p.add_argument("--json", action="store_true", help="machine-readable results on stdout")
    _add_verify_options(p)

    p = sub.add_parser("render", help="verify, then write LaTeX (and a PDF)", epilog=_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET")
    p.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (build)")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="a folder of templates overriding the built-in ones")
    p.add_argument("--preamble", type=Path, default=None, metavar="FILE",
                   help="a course preamble (macros, packages) for the document")
    p.add_argument("--pdf", action="store_true", help="also compile proofs.pdf with latexmk (if installed)")
    _add_verify_options(p)

    p = sub.add_parser("cache", help="inspect or clear the result cache")
    p.add_argument("action", choices=("info", "clear"))
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR")

    try:
        from symproofs.grading.cli import add_grade_parser
    except ImportError:  # pragma: no cover - grading is part of every release
        pass
    else:
        add_grade_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version

        print(f"symproofs {version('symproofs')}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from symproofs.core.errors import SymproofsError

    try:
        handler = {
            "list": _cmd_list,
            "check": _cmd_check,
            "render": _cmd_render,
            "cache": _cmd_cache,
        }.get(args.command)
        if handler is None:
            return int(args.run(args))
        return handler(args)
    except SymproofsError as exc:
        print(f"symproofs: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("symproofs: interrupted", file=sys.stderr)
        return 130


# -- commands ----------------------------------------------------------------
def _cmd_list(args: argparse.Namespace) -> int:
    from symproofs.loader import load

    ds = load(args.targets)
    if args.json:
        print(json.dumps([{"id": d.id, "title": d.title, "question": d.question, "steps": d.step_count}
                          for d in ds], indent=2))
        return EXIT_OK
    width = max((len(d.id) for d in ds), default=0)
    for d in ds:
        print(f"{d.question:<7} {d.id:<{width}}  {d.step_count:>3} steps  {d.title}")
    return EXIT_OK


def _options(args: argparse.Namespace) -> Any:
    from symproofs.core.errors import InputError
    from symproofs.verifier.pipeline import Options

    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if args.timeout <= 0:
        raise InputError("--timeout must be positive")
    return Options(timeout=args.timeout, memory_mb=args.memory, jobs=args.jobs, seed=args.seed)


def _cache(args: argparse.Namespace) -> Any:
    if getattr(args, "no_cache", False):
        return None
    try:
        from symproofs.verifier.cache import StepCache
    except ImportError:  # pragma: no cover
        return None
    return StepCache(args.cache_dir)


class _Progress:
    def __init__(self, enabled: bool, what: str) -> None:
        self.enabled = enabled
        self.what = what

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        sys.stderr.write(f"\r{self.what}: {done}/{total} steps")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _verify(args: argparse.Namespace, what: str) -> tuple[tuple[Derivation, ...], list[DerivationResult]]:
    from symproofs.loader import load
    from symproofs.verifier.pipeline import verify_all

    ds = load(args.targets)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    results = verify_all(ds, options=_options(args), cache=_cache(args), on_step=_Progress(progress, what))
    return ds, results


def _step_json(index: int, relation: str, r: StepResult) -> dict[str, Any]:
    return {
        "index": index,
        "relation": relation,
        "verdict": r.verdict.value,
        "method": r.method,
        "trust": r.trust.value,
        "instances": r.instances or None,
        "counterexample": r.counterexample.to_json() if r.counterexample else None,
        "residual": None if r.residual is None else str(r.residual),
        "message": r.message or None,
        "cached": r.cached,
        "seconds": round(r.seconds, 4),
    }


def result_json(d: Derivation, res: DerivationResult) -> dict[str, Any]:
    steps = []
    index = 0
    for chain, cres in zip(d.chains, res.chains, strict=True):
        for step, sres in zip(chain.steps, cres.steps, strict=True):
            index += 1
            entry = _step_json(index, step.relation.value, sres)
            entry["chain"] = cres.label
            steps.append(entry)
    return {
        "id": d.id,
        "title": d.title,
        "question": d.question,
        "status": res.status.value,
        "trust": res.trust.value,
        "steps": steps,
        "conclusion": [_step_json(i + 1, "claim", c) for i, c in enumerate(res.conclusion)],
    }


def _cmd_check(args: argparse.Namespace) -> int:
    """``symproofs check``: load the derivations; turn their steps into goals,
    verify them and collect the results (:func:`~symproofs.verifier.pipeline.verify_all`);
    report."""
    from symproofs.core.results import Verdict

    derivations, results = _verify(args, "checking")
    _report_check(derivations, results, as_json=args.json)
    return EXIT_OK if all(r.status is Verdict.PROVED for r in results) else EXIT_FAILED


def _report_check(ds: Sequence[Derivation], results: Sequence[DerivationResult], *, as_json: bool) -> None:
    from symproofs.core.results import Verdict

    if as_json:
        print(json.dumps({"derivations": [result_json(d, r) for d, r in zip(ds, results, strict=True)]}, indent=2))
    else:
        for d, r in zip(ds, results, strict=True):
            print(format_result(d, r))
        proved = sum(r.status is Verdict.PROVED for r in results)
        print(f"{proved} of {len(results)} derivations proved")


def format_result(d: Derivation, res: DerivationResult) -> str:
    """Human text: the derivation, then a mark per step."""
    lines = [f"{d.question} {d.id}: {d.title} [{res.status.value}]"]
    for chain, cres in zip(d.chains, res.chains, strict=True):
        if len(d.chains) > 1:
            lines.append(f"  {cres.label}")
        for i, (step, sres) in enumerate(zip(chain.steps, cres.steps, strict=True), start=1):
            lines.append(f"    {sres.verdict.symbol} {i:>2} {step.relation.value:<3} {sres.describe()}"
                         f"  ({sres.seconds:.2f}s{', cached' if sres.cached else ''})")
    for c in res.conclusion:
        from symproofs.core.results import Verdict

        if c.verdict is not Verdict.PROVED:
            lines.append(f"    {c.verdict.symbol} claim {c.describe()} {c.message}")
    return "\n".join(lines)


def _cmd_render(args: argparse.Namespace) -> int:
    from symproofs.core.results import Verdict

    ds, results = _verify(args, "checking")
    from symproofs.render.document import write_build

    figures = _figures(ds)
    written = write_build(list(zip(ds, results, strict=True)), args.out, templates=args.templates,
                          preamble=args.preamble, figures=figures)
    for path in written:
        print(path)
    if args.pdf:
        code = _compile_pdf(args.out / "proofs.tex")
        if code != EXIT_OK:
            return code
    return EXIT_OK if all(r.status is Verdict.PROVED for r in results) else EXIT_FAILED


def _figures(ds: Sequence[Derivation]) -> dict[str, Any]:
    from symproofs.library import figures

    questions = {d.question.split(".")[0] for d in ds}
    return {q: g for q, g in figures().items() if q in questions}


def _compile_pdf(tex: Path) -> int:
    import shutil
    import subprocess

    latexmk = shutil.which("latexmk")
    if latexmk is None:
        print("symproofs: latexmk is not installed; wrote the .tex only", file=sys.stderr)
        return EXIT_OK
    cmd = [latexmk, "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-quiet", tex.name]
    try:
        proc = subprocess.run(cmd, cwd=tex.parent, capture_output=True, text=True, env={**os.environ},
                              stdin=subprocess.DEVNULL, timeout=600)
    except subprocess.TimeoutExpired:
        print(f"symproofs: error: LaTeX did not finish on {tex} within 600 s", file=sys.stderr)
        return EXIT_USAGE
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-2000:])
        print(f"symproofs: error: LaTeX failed on {tex}", file=sys.stderr)
        return EXIT_USAGE
    print(tex.with_suffix(".pdf"))
    return EXIT_OK


def _cmd_cache(args: argparse.Namespace) -> int:
    from symproofs.verifier.cache import StepCache

    cache = StepCache(args.cache_dir)
    if args.action == "clear":
        removed = cache.clear()
        print(f"removed {removed} cached results from {cache.folder}")
    else:
        print(f"{cache.folder}: {cache.count()} cached results")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
