"""Finding derivations: the built-in library, modules, files, ids.

A target is a derivation id (``q3-unroll``), a question tag (``Q3.2`` or
``Q3``), an importable module name, or a path to a ``.py`` file. A module
contributes its ``DERIVATIONS`` tuple if it has one, else every
:class:`~symproofs.core.model.Derivation` at its top level. With no targets,
the modules listed under ``[tool.symproofs] modules`` in the nearest
``pyproject.toml`` are loaded. The bundled library (Q1-Q6) is loaded when
asked (``library=True``, ``--library``, ``library = true`` in the settings)
or when the project lists no modules of its own.

An error while importing a course module (a syntax error, a ``Step`` given
where a tuple of steps is expected, a missing ``question=``) is an
:class:`~symproofs.core.errors.InputError` naming the file and line, with a
hint; two derivations with one id name both files.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from symproofs.core.errors import InputError
from symproofs.core.model import Derivation

__all__ = ["configured_modules", "load", "load_located", "read_config"]

_CONFIG_KEYS = {"modules", "timeout", "memory-mb", "jobs", "cache-dir", "library"}


def _find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_config(start: Path | None = None) -> dict[str, object]:
    """The ``[tool.symproofs]`` table of the nearest pyproject.toml (or {})."""
    path = _find_pyproject(start or Path.cwd())
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    table = data.get("tool", {}).get("symproofs", {})
    unknown = sorted(set(table) - _CONFIG_KEYS)
    if unknown:
        raise InputError(
            f"{path}: unknown setting {unknown[0]!r} in [tool.symproofs]; known: {sorted(_CONFIG_KEYS)}"
        )
    return dict(table)


_HINTS = {
    SyntaxError: "fix the Python syntax of the course module",
    TypeError: "check the arguments of Derivation and Chain: steps=(Step(...), ...) is a tuple (mind the "
               "trailing comma for one step), and question=, title= and id= are required",
    NameError: "a name is used before it is defined or imported (import sympy as sp; from symproofs import ...)",
    ImportError: "a module the course module imports is not installed or not on the path",
}


def _author_error(exc: BaseException, path: str) -> InputError:
    """An exception raised while importing a course module, as an input
    error at the module's own line (file, line and a hint)."""
    if isinstance(exc, SyntaxError):
        return InputError(f"syntax error: {exc.msg}; hint: {_HINTS[SyntaxError]}", source=exc.filename or path,
                          line=exc.lineno, column=exc.offset)
    line = None
    where = path
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if Path(name).resolve() == Path(path).resolve():
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, InputError):
        return InputError(exc.message, source=where, line=line if exc.line is None else exc.line)
    hint = next((h for kind, h in _HINTS.items() if isinstance(exc, kind)),
                "the module raised an error while it was imported")
    return InputError(f"{type(exc).__name__}: {exc}; hint: {hint}", source=where, line=line)


def configured_modules(start: Path | None = None) -> list[str]:
    """The modules of ``[tool.symproofs]``; a relative ``.py`` path is taken
    from the folder of the pyproject.toml, wherever the command runs."""
    mods = read_config(start).get("modules", [])
    if not isinstance(mods, list) or not all(isinstance(m, str) for m in mods):
        raise InputError("[tool.symproofs] modules must be a list of module names or paths")
    project = _find_pyproject(start or Path.cwd())
    if project is None:
        return list(mods)
    return [str(_relative(project.parent / m)) if m.endswith(".py") and not Path(m).is_absolute() else m
            for m in mods]


def _relative(path: Path) -> Path:
    """``path`` relative to the working folder when it is under it (shorter messages)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _import_path(path: Path) -> ModuleType:
    name = f"symproofs_user_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise InputError(f"cannot import {path}", source=str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the author's code: report it at its line, exit 2
        sys.modules.pop(name, None)
        raise _author_error(exc, str(path)) from None
    return module


def _from_module(module: ModuleType) -> list[Derivation]:
    found = getattr(module, "DERIVATIONS", None)
    if found is None:
        found = [v for v in vars(module).values() if isinstance(v, Derivation)]
    return [d for d in found if isinstance(d, Derivation)]


def _module_target(target: str) -> list[Derivation] | None:
    path = Path(target)
    if target.endswith(".py"):
        if not path.is_file():
            raise InputError(f"no such file: {target}")
        return _from_module(_import_path(path))
    if not target.replace(".", "").replace("_", "").isalnum():
        return None
    try:
        spec = importlib.util.find_spec(target)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    try:
        module = importlib.import_module(target)
    except Exception as exc:  # the author's code: report it at its line
        raise _author_error(exc, spec.origin or target) from None
    return _from_module(module)


def _matches(d: Derivation, target: str) -> bool:
    if d.id == target:
        return True
    tag = target.upper()
    return d.question.upper() == tag or d.question.upper().startswith(tag + ".")


def _origin(d: Derivation, where: dict[int, str]) -> str:
    return where.get(id(d), "?")


def load(targets: Sequence[str] = (), *, start: Path | None = None,
         library: bool | None = None) -> tuple[Derivation, ...]:
    """Derivations named by ``targets`` (see the module docstring), in order,
    without duplicates. ``library``: load the bundled Q1-Q6 derivations
    (default: when the settings say so or list no modules)."""
    return tuple(d for d, _ in load_located(targets, start=start, library=library))


def load_located(targets: Sequence[str] = (), *, start: Path | None = None,
                 library: bool | None = None) -> tuple[tuple[Derivation, str], ...]:
    """:func:`load`, each derivation with the file that defines it."""
    config = read_config(start)
    modules = configured_modules(start)
    if library is None:
        setting = config.get("library")
        if setting is not None and not isinstance(setting, bool):
            raise InputError("[tool.symproofs] library must be true or false")
        library = setting if setting is not None else not modules
    where: dict[int, str] = {}
    pool: list[Derivation] = []
    if library:
        from symproofs.library import MODULES

        for name in MODULES:
            module = importlib.import_module(f"symproofs.library.{name}")
            for d in module.DERIVATIONS:
                where[id(d)] = str(module.__file__)
                pool.append(d)
    for mod in modules:
        found = _module_target(mod)
        if found is None:
            raise InputError(f"[tool.symproofs] modules: cannot import {mod!r}")
        for d in found:
            where.setdefault(id(d), _file_of(mod))
            pool.append(d)
    if not targets:
        return tuple((d, where.get(id(d), "?")) for d in _unique(pool, where))
    chosen: list[Derivation] = []
    for target in targets:
        hits = [d for d in pool if _matches(d, target)]
        if not hits:
            found = _module_target(target)
            if found is None:
                raise InputError(
                    f"no derivation, question, module or file named {target!r}; "
                    "try 'symproofs list' for the ids (and --library for the bundled Q1-Q6)"
                )
            if not found:
                raise InputError(f"{target}: defines no derivations (expected DERIVATIONS or Derivation objects)")
            for d in found:
                where.setdefault(id(d), _file_of(target))
            hits = found
        chosen.extend(hits)
    return tuple((d, where.get(id(d), "?")) for d in _unique(chosen, where))


def _file_of(target: str) -> str:
    if target.endswith(".py"):
        return target
    try:
        spec = importlib.util.find_spec(target)
    except (ImportError, ValueError):
        spec = None
    return (spec.origin if spec is not None and spec.origin else target)


def _unique(items: Sequence[Derivation], where: dict[int, str]) -> tuple[Derivation, ...]:
    seen: dict[str, Derivation] = {}
    for d in items:
        if d.id in seen and seen[d.id] is not d:
            raise InputError(f"two derivations share the id {d.id!r}: one in {_origin(seen[d.id], where)}, "
                             f"one in {_origin(d, where)}; rename one (or leave out --library)")
        seen.setdefault(d.id, d)
    return tuple(seen.values())
