"""A result cache for step checks, kept on disk between runs.

A step's result is stored under a key that covers everything the verdict
depends on: the step (relation and both sides, in ``sympy.srepr`` form),
the declared domains (each symbol's and each undefined function's
assumptions, the relational assumptions), every given and lemma in the
goal's context, the domain algebras' fingerprints, the probe seed, and the
version of symproofs (the installed version, the cache format and a digest
of the verifier's source). Change any of them and the step is checked
again; results are never trusted across versions.

Storage is one file per key under ``<folder>/v<version>-f<format>/``,
written to a temporary file and moved into place with :func:`os.replace`,
so concurrent writers never leave a half-written entry. Entries are
pickles: load a cache folder only if you (and no one else) can write to
it, as you would a ``__pycache__``. An entry that cannot be read is a
miss, never an error.

>>> import tempfile, sympy as sp
>>> from symproofs.core.facts import Facts
>>> from symproofs.core.goals import Context, Goal
>>> from symproofs.core.model import Relation
>>> from symproofs.core.results import StepResult, Trust, Verdict
>>> x = sp.Symbol("x", real=True)
>>> goal = Goal(relation=Relation.EQ, lhs=(x + 1)**2, rhs=x**2 + 2*x + 1, context=Context(facts=Facts()))
>>> cache = StepCache(Path(tempfile.mkdtemp()))
>>> cache.get(goal) is None
True
>>> cache.put(goal, StepResult(verdict=Verdict.PROVED, method="polynomial normal form",
...                            trust=Trust.SYMBOLIC))
>>> cache.get(goal).method, cache.count()
('polynomial normal form', 1)
>>> cache.clear()
1
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.model import Identically
from symproofs.core.results import StepResult

__all__ = ["FORMAT", "StepCache", "default_folder", "goal_key", "version_tag"]

#: Bump when the key or the entry layout changes.
FORMAT = 1

_SUFFIX = ".pkl"


def default_folder() -> Path:
    """``$SYMPROOFS_CACHE_DIR`` if set, else the user cache folder."""
    env = os.environ.get("SYMPROOFS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("symproofs"))


@functools.cache
def _source_digest() -> str:
    """A digest of the verifier's source (the package minus the library of
    derivations, which enters keys through the goals themselves), so that an
    edited verifier in a development install does not reuse old verdicts."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] == "library":
            continue
        h.update(str(rel).encode())
        h.update(b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"unreadable")
        h.update(b"\0")
    return h.hexdigest()[:16]


@functools.cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("symproofs")
    except PackageNotFoundError:
        return "unknown"


def version_tag() -> str:
    """The installed version and the cache format: ``0.1.0-f1``."""
    return f"{_installed_version()}-f{FORMAT}"


# -- keys ---------------------------------------------------------------------
def _side(side: object) -> str:
    if isinstance(side, tuple):
        return "(" + ", ".join(_side(part) for part in side) + ")"
    if isinstance(side, Identically):
        return f"Identically({sp.srepr(side.equation)}, {sp.srepr(side.variables)})"
    return str(sp.srepr(side))


def _parts(side: object) -> Iterator[sp.Basic]:
    if isinstance(side, tuple):
        for part in side:
            yield from _parts(part)
    elif isinstance(side, Identically):
        yield side.equation
        yield from side.variables
    elif isinstance(side, sp.Basic):
        yield side


def _domains(items: Iterable[sp.Basic]) -> list[str]:
    """The assumptions of every symbol (free or bound) and of every
    undefined function, which ``srepr`` does not show."""
    symbols: set[sp.Basic] = set()
    functions: set[sp.Basic] = set()
    for item in items:
        symbols |= item.atoms(sp.Symbol)
        functions |= {f.func for f in item.atoms(sp.core.function.AppliedUndef)}
    out = [f"{sp.srepr(s)}: {sorted(s.assumptions0.items())}" for s in symbols]
    out += [f"{f.__name__}(): {sorted(getattr(f, '_kwargs', {}).items())}" for f in functions]
    return sorted(out)


def goal_key(goal: Goal, *, version: str | None = None) -> str:
    """The sha256 key of a goal (hex). ``version`` defaults to the running
    symproofs' :func:`version_tag` and verifier digest.

    >>> from symproofs.core.facts import Facts
    >>> from symproofs.core.goals import Context
    >>> from symproofs.core.model import Relation
    >>> x = sp.Symbol("x")
    >>> g = Goal(relation=Relation.EQ, lhs=x, rhs=x, context=Context(facts=Facts()))
    >>> goal_key(g) == goal_key(g), goal_key(g) == goal_key(g, version="0.0.0")
    (True, False)
    """
    ctx = goal.context
    exprs: list[sp.Basic] = [*_parts(goal.lhs), *_parts(goal.rhs), *ctx.facts.constraints]
    givens = []
    for g in ctx.givens:
        exprs.append(g.statement)
        givens.append([g.name, sp.srepr(g.statement), sp.srepr(g.index), sp.srepr(g.valid_from), sp.srepr(g.valid_to)])
    lemmas = []
    for lem in ctx.lemmas:
        exprs.append(lem.statement)
        exprs.extend(lem.hypotheses)
        lemmas.append(
            [
                lem.name,
                sp.srepr(lem.statement),
                sp.srepr(lem.variables),
                [sp.srepr(h) for h in lem.hypotheses],
                lem.proved_by,
            ]
        )
    for alg in ctx.algebras:  # a law's parameters keep their assumptions in the key
        exprs.extend(alg.declared_symbols())
    payload = {
        "version": version if version is not None else f"{version_tag()}-{_source_digest()}",
        "relation": goal.relation.value,
        "lhs": _side(goal.lhs),
        "rhs": _side(goal.rhs),
        "domains": _domains(exprs),
        "constraints": [sp.srepr(c) for c in ctx.facts.constraints],
        "givens": givens,
        "lemmas": lemmas,
        "algebras": [[type(a).__qualname__, a.fingerprint()] for a in ctx.algebras],
        "uses": list(ctx.uses),
        "seed": ctx.seed,
    }
    text = _canonical_dummies(json.dumps(payload, sort_keys=True, separators=(",", ":")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_DUMMY_INDEX = re.compile(r"dummy_index=(\d+)")


def _canonical_dummies(text: str) -> str:
    """Number the ``Dummy`` symbols of a key by first appearance instead of
    by their process-wide counter, so that the same goal built in another
    run gets the same key. The renaming is one-to-one over the whole key, so
    different goals never share one."""
    order: dict[str, int] = {}

    def number(m: re.Match[str]) -> str:
        return f"dummy_index=#{order.setdefault(m.group(1), len(order))}"

    return _DUMMY_INDEX.sub(number, text)


# -- storage ------------------------------------------------------------------
class StepCache:
    """Step results on disk, one file per goal key (see the module docs).

    ``folder`` is the cache root; entries of this version live in
    :attr:`version_folder`. :meth:`count` counts this version's entries;
    :meth:`clear` removes the entries of every version.
    """

    def __init__(self, folder: Path | None = None, *, version: str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self._version = version
        tag = version if version is not None else version_tag()
        self.version_folder = self.folder / f"v{tag}"

    def _path(self, key: str) -> Path:
        return self.version_folder / key[:2] / (key + _SUFFIX)

    def key(self, goal: Goal) -> str:
        return goal_key(goal, version=self._version)

    def get(self, goal: Goal) -> StepResult | None:
        """The stored result for ``goal``, or ``None`` (also for an entry
        that is missing, truncated, corrupt or from another format)."""
        key = self.key(goal)
        try:
            with open(self._path(key), "rb") as fh:
                entry = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a corrupt or foreign entry is a miss, whatever it raises
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        result = entry.get("result")
        return result if isinstance(result, StepResult) else None

    def put(self, goal: Goal, result: StepResult) -> None:
        """Store ``result`` atomically. A cache that cannot be written (a
        read-only folder, a full disk) is skipped silently."""
        key = self.key(goal)
        path = self._path(key)
        entry: dict[str, Any] = {"format": FORMAT, "key": key, "result": result.replace(cached=False)}
        try:
            data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an unpicklable residual: not worth failing a run
            return
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
            tmp = None
        except OSError:
            return
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _entries(self, root: Path) -> list[Path]:
        if not root.is_dir():
            return []
        return [p for p in root.glob(f"*/*{_SUFFIX}") if p.is_file()]

    def count(self) -> int:
        """How many results this version has stored."""
        return len(self._entries(self.version_folder))

    def clear(self) -> int:
        """Remove every stored result, of this and older versions; returns
        how many were removed."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for version_dir in self.folder.glob("v*"):
            if not version_dir.is_dir():
                continue
            for path in self._entries(version_dir):
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
            for leftover in version_dir.glob("*/.tmp-*"):
                try:
                    leftover.unlink()
                except OSError:
                    pass
            for sub in version_dir.iterdir():
                try:
                    sub.rmdir()
                except OSError:
                    pass
            try:
                version_dir.rmdir()
            except OSError:
                pass
        return removed

    def __repr__(self) -> str:
        return f"StepCache({str(self.folder)!r})"
