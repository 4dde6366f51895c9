"""The ``symproofs`` command line.

Exit codes: 0 every step proved (or the command succeeded), 1 some step
refuted or unknown, 2 usage or input error (including an error in a course
module, reported at its file and line). sympy is imported only by the
commands that need it, so ``symproofs --help`` starts fast.

Every command that prints data takes ``--format`` (``--json`` is
``--format json``); ``check``, ``render`` and ``grade`` share the limits
(``--timeout``, ``--memory``, ``--jobs``), the cache (``--cache-dir``,
``--no-cache``) and ``--color``/``--progress``, with the defaults below,
which ``[tool.symproofs]`` in pyproject.toml may change.
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
#: The one default for every command (seconds per step, MiB per worker).
DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB, DEFAULT_JOBS = 60.0, 2048, 1

_TARGETS = """\
targets are derivation ids (q3-unroll), question tags (Q3.2, Q3), module
names or paths to .py files; with none, the modules listed under
[tool.symproofs] in pyproject.toml. The bundled Q1-Q6 library is loaded with
--library, or when the project lists no modules.
"""
_USAGE_EXIT = """\
  2  usage or input error, including an error in a course module (a syntax
     error, steps=Step(...) without a tuple, a missing question=), reported
     as file:line: message; hint: ...
  130  interrupted
"""
_EPILOG = f"""\
exit codes:
  0  every step proved (or the command succeeded)
  1  some step refuted or unknown
{_USAGE_EXIT}
{_TARGETS}
colour follows --color (auto: when writing to a terminal and NO_COLOR is
unset).
"""
_LIST_EPILOG = f"""\
exit codes:
  0  the derivations were listed
{_USAGE_EXIT}
{_TARGETS}"""
_CHECK_EPILOG = f"""\
exit codes:
  0  every step and every claim proved
  1  some step or claim refuted or unknown
{_USAGE_EXIT}
{_TARGETS}
colour follows --color (auto: when writing to a terminal and NO_COLOR is
unset). --timeout, --memory, --jobs and --cache-dir default to the keys
timeout, memory-mb, jobs and cache-dir of [tool.symproofs].
"""
_RENDER_EPILOG = f"""\
exit codes:
  0  every step proved; the LaTeX (and with --pdf the PDF) was written
  1  some step refuted or unknown; the LaTeX was written all the same
  2  usage or input error, or LaTeX failed on proofs.tex with --pdf
     (the log's end is printed), or an error in a course module
     (file:line: message; hint: ...)
  130  interrupted

{_TARGETS}"""
_CACHE_EPILOG = """\
exit codes:
  0  the cache folder was inspected or cleared
  2  usage error
  130  interrupted

info prints the folder and how many results it holds; clear removes them.
The folder is --cache-dir, else cache-dir in [tool.symproofs], else the
user cache folder.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with a clear message, like argparse
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_verify_options(p: argparse.ArgumentParser) -> None:
    """The options ``check``, ``render`` and ``grade`` share."""
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help=f"worker processes (default {DEFAULT_JOBS}, or jobs in [tool.symproofs])")
    p.add_argument("--timeout", type=float, default=None, metavar="S",
                   help=f"time limit per step in seconds (default {DEFAULT_TIMEOUT:g}, or timeout in "
                        "[tool.symproofs])")
    p.add_argument("--memory", type=int, default=None, metavar="MB",
                   help=f"memory cap per worker in MiB (default {DEFAULT_MEMORY_MB}, or memory-mb in "
                        "[tool.symproofs])")
    p.add_argument("--seed", type=int, default=20261125, help="seed of the refutation probe")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="result cache folder (default: cache-dir in [tool.symproofs], else the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress on stderr (default: when stderr is a terminal)")
    _add_color(p)


def _add_color(p: argparse.ArgumentParser) -> None:
    p.add_argument("--color", nargs="?", const="always", default="auto", metavar="WHEN",
                   choices=("auto", "always", "never"),
                   help="colour: auto (a terminal and NO_COLOR unset), always or never")
    p.add_argument("--no-color", dest="color", action="store_const", const="never", help="same as --color never")


def _add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "json")) -> None:
    p.add_argument("--format", choices=choices, default="text", help="output format (text)")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="same as --format json")


def _add_library(p: argparse.ArgumentParser) -> None:
    p.add_argument("--library", action=argparse.BooleanOptionalAction, default=None,
                   help="load the bundled Q1-Q6 derivations (default: when the project lists no modules)")


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

    target_help = "a derivation id, question tag, module name or .py path (default: [tool.symproofs] modules)"
    p = sub.add_parser("list", help="list derivations", epilog=_LIST_EPILOG,
                       description="List the derivations of the targets: question, id, steps, title.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET", help=target_help)
    _add_format(p)
    _add_library(p)

    p = sub.add_parser("check", help="verify derivations step by step", epilog=_CHECK_EPILOG,
                       description="Verify every step of the targets' derivations: proved, refuted "
                                   "(with a counterexample) or unknown (with what is left to show).",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET", help=target_help)
    _add_format(p)
    _add_library(p)
    _add_verify_options(p)

    p = sub.add_parser("render", help="verify, then write LaTeX (and a PDF)", epilog=_RENDER_EPILOG,
                       description="Verify the targets, then write DIR/derivations/<id>.tex and the answer "
                                   "key DIR/proofs.tex (and compile it with --pdf).",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("targets", nargs="*", metavar="TARGET", help=target_help)
    p.add_argument("--out", type=Path, default=Path("build"), metavar="DIR", help="output folder (build)")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="a folder of templates overriding the built-in ones")
    p.add_argument("--preamble", type=Path, default=None, metavar="FILE",
                   help="a course preamble (macros, packages) for the document")
    p.add_argument("--pdf", action="store_true", help="also compile proofs.pdf with latexmk (if installed)")
    _add_library(p)
    _add_verify_options(p)

    p = sub.add_parser("cache", help="inspect or clear the result cache", epilog=_CACHE_EPILOG,
                       description="Inspect or clear the cache of step results.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=("info", "clear"), help="info: the folder and its size; clear: empty it")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="the cache folder (default: cache-dir in [tool.symproofs], else the user cache folder)")
    _add_format(p)

    try:
        from symproofs.grading.cli import add_grade_parser
    except ImportError:  # pragma: no cover - grading is part of every release
        pass
    else:
        add_grade_parser(sub, _add_verify_options)
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
        _apply_config(args)
        if handler is None:
            return int(args.run(args))
        return handler(args)
    except BrokenPipeError:  # `symproofs list | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except SymproofsError as exc:
        print(f"symproofs: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("symproofs: interrupted", file=sys.stderr)
        return 130


def _apply_config(args: argparse.Namespace) -> None:
    """Fill the limits and the cache folder the command line left unset
    from ``[tool.symproofs]``, then from the documented defaults."""
    if not hasattr(args, "cache_dir"):
        return
    from symproofs.core.errors import InputError
    from symproofs.loader import read_config

    config = read_config()
    for attr, key, kind, default in (("timeout", "timeout", (int, float), DEFAULT_TIMEOUT),
                                     ("memory", "memory-mb", (int,), DEFAULT_MEMORY_MB),
                                     ("jobs", "jobs", (int,), DEFAULT_JOBS)):
        if hasattr(args, attr) and getattr(args, attr) is None:
            value = config.get(key, default)
            if isinstance(value, bool) or not isinstance(value, kind):
                raise InputError(f"[tool.symproofs] {key} must be a number, not {value!r}")
            setattr(args, attr, value)
    if args.cache_dir is None and "cache-dir" in config:
        if not isinstance(config["cache-dir"], str):
            raise InputError("[tool.symproofs] cache-dir must be a path")
        args.cache_dir = Path(config["cache-dir"])


# -- commands ----------------------------------------------------------------
def _cmd_list(args: argparse.Namespace) -> int:
    from symproofs.loader import load

    ds = load(args.targets, library=args.library)
    if args.format == "json":
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
    if args.memory < 64:
        raise InputError("--memory must be at least 64 MiB")
    return Options(timeout=args.timeout, memory_mb=args.memory, jobs=args.jobs, seed=args.seed)


def _cache(args: argparse.Namespace) -> Any:
    if getattr(args, "no_cache", False):
        return None
    try:
        from symproofs.verifier.cache import StepCache
    except ImportError:  # pragma: no cover
        return None
    return StepCache(args.cache_dir)


def _verify(args: argparse.Namespace, what: str) -> tuple[tuple[Derivation, ...], list[DerivationResult]]:
    from symproofs.loader import load
    from symproofs.render.terminal import Progress, use_color
    from symproofs.verifier.pipeline import verify_all

    ds = load(args.targets, library=args.library)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    with Progress(progress, color=use_color(args.color, stream=sys.stderr)) as bar:
        results = verify_all(ds, options=_options(args), cache=_cache(args),
                             on_step=lambda done, total: bar(what, done, total))
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
    _report_check(args, derivations, results)
    return EXIT_OK if all(r.status is Verdict.PROVED for r in results) else EXIT_FAILED


def _report_check(args: argparse.Namespace, ds: Sequence[Derivation], results: Sequence[DerivationResult]) -> None:
    from symproofs.core.results import Verdict

    if args.format == "json":
        print(json.dumps({"derivations": [result_json(d, r) for d, r in zip(ds, results, strict=True)]}, indent=2))
    else:
        from symproofs.render.terminal import use_color

        color = use_color(args.color, stream=sys.stdout)
        for d, r in zip(ds, results, strict=True):
            print(format_result(d, r, color=color))
        proved = sum(r.status is Verdict.PROVED for r in results)
        print(f"{proved} of {len(results)} derivations proved")


def format_result(d: Derivation, res: DerivationResult, *, color: bool = False) -> str:
    """Human text: the derivation, then a mark per step (coloured by verdict when ``color``)."""
    from symproofs.render.terminal import paint

    def mark(r: StepResult) -> str:
        return paint(r.verdict.symbol, r.verdict.value, color)

    lines = [f"{d.question} {d.id}: {d.title} [{paint(res.status.value, res.status.value, color)}]"]
    for chain, cres in zip(d.chains, res.chains, strict=True):
        if len(d.chains) > 1:
            lines.append(f"  {cres.label}")
        for i, (step, sres) in enumerate(zip(chain.steps, cres.steps, strict=True), start=1):
            how = sres.describe()
            lines.append(f"    {mark(sres)} {i:>2} {step.relation.value:<3} {how}"
                         f"  ({sres.seconds:.2f}s{', cached' if sres.cached else ''})")
    for c in res.conclusion:
        from symproofs.core.results import Verdict

        if c.verdict is not Verdict.PROVED:
            lines.append(f"    {mark(c)} claim {c.describe()} {c.message}")
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
        info = {"folder": str(cache.folder), "removed": removed}
        text = f"removed {removed} cached results from {cache.folder}"
    else:
        info = {"folder": str(cache.folder), "results": cache.count()}
        text = f"{cache.folder}: {info['results']} cached results"
    print(json.dumps(info) if args.format == "json" else text)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
