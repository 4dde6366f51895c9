"""Finding derivations: the built-in library, modules, files, ids.

A target is a derivation id (``q3-unroll``), a question tag (``Q3.2`` or
``Q3``), an importable module name, or a path to a ``.py`` file. A module
contributes its ``DERIVATIONS`` tuple if it has one, else every
:class:`~symproofs.core.model.Derivation` at its top level. With no targets,
the library and the modules listed under ``[tool.symproofs] modules`` in
the nearest ``pyproject.toml`` are loaded.
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

__all__ = ["configured_modules", "load"]

_CONFIG_KEYS = {"modules", "timeout", "memory-mb", "jobs", "cache-dir"}


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


def configured_modules(start: Path | None = None) -> list[str]:
    mods = read_config(start).get("modules", [])
    if not isinstance(mods, list) or not all(isinstance(m, str) for m in mods):
        raise InputError("[tool.symproofs] modules must be a list of module names or paths")
    return list(mods)


def _import_path(path: Path) -> ModuleType:
    name = f"symproofs_user_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise InputError(f"cannot import {path}", source=str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except InputError as exc:
        raise InputError(exc.message, source=str(path)) from None
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
    return _from_module(importlib.import_module(target))


def _matches(d: Derivation, target: str) -> bool:
    if d.id == target:
        return True
    tag = target.upper()
    return d.question.upper() == tag or d.question.upper().startswith(tag + ".")


def load(targets: Sequence[str] = (), *, start: Path | None = None) -> tuple[Derivation, ...]:
    """Derivations named by ``targets`` (see the module docstring), in order,
    without duplicates."""
    from symproofs.library import derivations as library

    pool: list[Derivation] = list(library())
    for mod in configured_modules(start):
        found = _module_target(mod)
        if found is None:
            raise InputError(f"[tool.symproofs] modules: cannot import {mod!r}")
        pool.extend(found)
    if not targets:
        return _unique(pool)
    chosen: list[Derivation] = []
    for target in targets:
        hits = [d for d in pool if _matches(d, target)]
        if not hits:
            found = _module_target(target)
            if found is None:
                raise InputError(
                    f"no derivation, question, module or file named {target!r}; "
                    "try 'symproofs list' for the ids"
                )
            if not found:
                raise InputError(f"{target}: defines no derivations (expected DERIVATIONS or Derivation objects)")
            hits = found
        chosen.extend(hits)
    return _unique(chosen)


def _unique(items: Sequence[Derivation]) -> tuple[Derivation, ...]:
    seen: dict[str, Derivation] = {}
    for d in items:
        if d.id in seen and seen[d.id] is not d:
            raise InputError(f"two derivations share the id {d.id!r}")
        seen.setdefault(d.id, d)
    return tuple(seen.values())
