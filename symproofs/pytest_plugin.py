"""The pytest plugin: every derivation becomes a test item.

Enable it with ``pytest --symproofs`` (or ``symproofs = true`` in the pytest
ini options); ``--symproofs-module MODULE`` implies it. The derivations are
those of the modules named with ``--symproofs-module`` or listed under
``[tool.symproofs] modules`` (and the bundled library when the project lists
none, or with ``library = true``).

Steps are checked as by ``symproofs check``: the limits of
``[tool.symproofs]`` (``--symproofs-timeout`` wins) and its result cache
(``--symproofs-no-cache`` turns it off), which xdist workers share.

Each derivation is collected from the file that defines it, as pytest
collects a test function: its node id is ``path/to/module.py::derivation-id``,
so ``pytest path/to/module.py::q3-unroll``, ``-k``, ``--lf`` and the
"selected" counts work as for any test. A module named with
``--symproofs-module`` is added to the paths pytest collects (unless node
ids on the command line select what runs). Items carry
the ``xdist_group`` of their file, so ``pytest -n 2 --dist loadgroup`` keeps
a module's derivations (and its imports) in one worker.

A failure shows the derivation, the step, both sides, the verdict and the
counterexample, and points at the file and line of the first step that is
not proved. The library is imported inside the hooks only, so loading pytest
does not import sympy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from symproofs.core.model import Derivation
    from symproofs.core.results import DerivationResult

_RESULT = pytest.StashKey["DerivationResult"]()
_ENABLED = pytest.StashKey[bool]()
_BY_FILE = pytest.StashKey[dict[Path, list["Derivation"]]]()
_SETTINGS = pytest.StashKey[tuple[Any, Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("symproofs", "verify symproofs derivations")
    group.addoption("--symproofs", action="store_true", default=None,
                    help="collect every derivation as a test item")
    group.addoption("--symproofs-module", action="append", default=[], metavar="MODULE",
                    help="also verify the derivations of MODULE (a module name or .py path)")
    group.addoption("--symproofs-timeout", type=float, default=None, metavar="S",
                    help="time limit per step in seconds (default: timeout in [tool.symproofs], else 60, "
                         "as for symproofs check)")
    group.addoption("--symproofs-no-cache", action="store_true", default=False,
                    help="neither read nor write the result cache that symproofs check uses")
    parser.addini("symproofs", type="bool", default=False, help="collect derivations as test items")


def pytest_configure(config: pytest.Config) -> None:
    opt = config.getoption("symproofs")
    modules = list(config.getoption("symproofs_module"))
    enabled = bool(opt) if opt is not None else bool(config.getini("symproofs")) or bool(modules)
    config.stash[_ENABLED] = enabled
    config.addinivalue_line("markers", "xdist_group(name): run in one pytest-xdist worker with --dist loadgroup")
    if not enabled:
        return
    from symproofs.core.errors import SymproofsError
    from symproofs.loader import load_located

    targets = list(modules)
    by_file: dict[Path, list[Derivation]] = {}
    try:
        located = load_located(targets, start=config.rootpath)
    except SymproofsError as exc:  # an author's error: a usage error with file and line, not INTERNALERROR
        raise pytest.UsageError(f"symproofs: {exc}") from None
    for d, origin in located:
        by_file.setdefault(Path(origin).resolve(), []).append(d)
    config.stash[_BY_FILE] = by_file
    config.stash[_SETTINGS] = _settings(config)
    chose_paths = config.args_source is pytest.Config.ArgsSource.ARGS
    if (targets or not chose_paths) and not any("::" in arg for arg in config.args):
        # Collect the derivations' files wherever they are (the bundled
        # library is in site-packages): those of --symproofs-module always,
        # every one when the command line names no paths; node ids select.
        root = config.rootpath.resolve()
        for path in by_file:
            if not any(_under(path, Path(arg.split("::")[0])) for arg in config.args):
                # A file outside the rootdir is collected through its folder, so
                # that its node ids are ``q3.py::q3-unroll``, not ``::q3-unroll``.
                config.args.append(str(path if _under(path, root) else path.parent))


def _settings(config: pytest.Config) -> tuple[Any, Any]:
    """The options and the cache of ``symproofs check``: limits from the
    command line, else ``[tool.symproofs]``, else the CLI's defaults; the
    cache folder of ``[tool.symproofs]`` or the user's (shared by xdist
    workers: entries are written atomically)."""
    from symproofs.cli import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
    from symproofs.loader import read_config
    from symproofs.verifier.cache import StepCache
    from symproofs.verifier.pipeline import Options

    settings = read_config(config.rootpath)
    timeout = config.getoption("symproofs_timeout")
    if timeout is None:
        timeout = settings.get("timeout", DEFAULT_TIMEOUT)
    memory = settings.get("memory-mb", DEFAULT_MEMORY_MB)
    folder = settings.get("cache-dir")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0 \
            or isinstance(memory, bool) or not isinstance(memory, int) \
            or (folder is not None and not isinstance(folder, str)):
        raise pytest.UsageError("symproofs: [tool.symproofs] timeout, memory-mb or cache-dir has a bad value "
                                "(numbers, and a path)")
    cache = None if config.getoption("symproofs_no_cache") else \
        StepCache(Path(folder) if folder is not None else None)
    return Options(timeout=float(timeout), memory_mb=memory), cache


def _under(path: Path, arg: Path) -> bool:
    arg = arg.resolve()
    return path == arg or arg in path.parents


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    by_file = parent.config.stash.get(_BY_FILE, None)
    if not by_file or file_path.resolve() not in by_file:
        return None
    return DerivationFile.from_parent(parent, path=file_path)


class DerivationFile(pytest.File):
    """A course module (or a library module): its derivations are its items."""

    def collect(self) -> list[pytest.Item]:
        derivations = self.config.stash[_BY_FILE].get(self.path.resolve(), [])
        group = pytest.mark.xdist_group(name=self.path.name)
        items: list[pytest.Item] = []
        for d in derivations:
            item = DerivationItem.from_parent(self, name=d.id, derivation=d)
            item.add_marker(group)
            items.append(item)
        return items


class DerivationFailure(Exception):
    """Raised by an item whose derivation is not proved."""


class DerivationItem(pytest.Item):
    """One derivation, checked step by step in isolated workers."""

    def __init__(self, *, derivation: Derivation, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.derivation = derivation

    def runtest(self) -> None:
        from symproofs.core.results import Verdict
        from symproofs.verifier.pipeline import verify_all

        options, cache = self.config.stash[_SETTINGS]
        (result,) = verify_all([self.derivation], options=options, cache=cache)
        self.stash[_RESULT] = result
        if result.status is not Verdict.PROVED:
            raise DerivationFailure(self.derivation.id)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if not isinstance(excinfo.value, DerivationFailure) or _RESULT not in self.stash:
            return str(super().repr_failure(excinfo))
        report = failure_report(self.derivation, self.stash[_RESULT])
        where = step_location(self.path, self.derivation, self.stash[_RESULT])
        return report + (f"\nat {where}" if where else "")

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, _line_of(self.path, f'"{self.derivation.id}"'), \
            f"derivation {self.derivation.id} ({self.derivation.question})"


def _line_of(path: Path, text: str, after: int = 0) -> int | None:
    """The 0-based line of the first occurrence of ``text`` after line ``after``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((i for i, line in enumerate(lines) if i >= after and text in line), None)


def step_location(path: Path, d: Derivation, result: DerivationResult) -> str | None:
    """``file:line`` of the first step that is not proved (found by its
    justification in the module's source), else of the derivation."""
    from symproofs.core.results import Verdict

    start = _line_of(path, f'"{d.id}"')
    if start is None:
        return None
    for chain, cres in zip(d.chains, result.chains, strict=True):
        for step, sres in zip(chain.steps, cres.steps, strict=True):
            if sres.verdict is not Verdict.PROVED and step.why:
                line = _line_of(path, step.why, start)
                return f"{path}:{(line if line is not None else start) + 1}"
    return f"{path}:{start + 1}"


def failure_report(d: Derivation, result: DerivationResult) -> str:
    """The step, both sides, the verdict and the counterexample."""
    import sympy as sp

    from symproofs.core.results import Verdict

    lines = [f"{d.question} {d.id}: {d.title}"]
    for chain, cres in zip(d.chains, result.chains, strict=True):
        prev = chain.start
        for i, (step, sres) in enumerate(zip(chain.steps, cres.steps, strict=True), start=1):
            if sres.verdict is not Verdict.PROVED:
                where = f"{cres.label}, step {i}" if len(d.chains) > 1 else f"step {i}"
                lines.append(f"{where}: {step.why}")
                lines.append(f"  left:  {sp.sstr(prev)}")
                lines.append(f"  {step.relation.value:<5}  {sp.sstr(step.expr)}")
                lines.append(f"  verdict: {sres.describe()}")
            prev = step.expr
    for c in result.conclusion:
        if c.verdict is not Verdict.PROVED:
            lines.append(f"claim: {c.method}: {c.describe()}")
    return "\n".join(lines)
