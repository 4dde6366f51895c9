"""A result cache for step checks, kept on disk between runs.

A step's result is stored under a key that covers everything the verdict
depends on: the step (relation and both sides, in ``sympy.srepr`` form),
the declared domains (each symbol's and each undefined function's
assumptions, the relational assumptions), every given and lemma in the
goal's context, the domain algebras' fingerprints, the probe seed, the
version of symproofs (the installed version, the cache format and a digest
of the verifier's source) and the versions of sympy and Python. Change any
of them and the step is checked again; results are never trusted across
versions.

Storage is one JSON file per key under ``<folder>/v<version>-f<format>/``,
written to a temporary file and moved into place with :func:`os.replace`,
so concurrent writers never leave a half-written entry. A course may share
the folder, so reading an entry never runs code from it: expressions
(residuals, counterexamples) are stored as trees of sympy class names and
arguments (:func:`encode`), and :func:`decode` rebuilds them only from
classes already imported, passing their constructors nothing but numbers,
names checked to be plain text, and expressions it rebuilt itself (never a
string that sympy would parse). An entry is written only when it reads back
equal to the result, and an entry that cannot be read is a miss, never an
error.

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
import platform
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.core.assumptions import _assume_defined
from sympy.core.function import AppliedUndef, UndefinedFunction

from symproofs.core.goals import Goal
from symproofs.core.model import Identically
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict

__all__ = ["FORMAT", "StepCache", "Unreadable", "decode", "default_folder", "encode", "goal_key", "version_tag"]

#: Bump when the key or the entry layout changes.
FORMAT = 2

_SUFFIX = ".json"


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
#: Texts computed for expressions, by the identity of the expression (kept
#: alive with it, so an id is never reused while remembered): the goals of a
#: derivation share their givens, lemmas and assumptions, and each side is
#: the end of one step and the start of the next.
_MEMO: dict[tuple[int, str], tuple[object, Any]] = {}
_MAX_MEMO = 50_000


def _remembered(e: object, what: str, compute: Callable[[Any], Any]) -> Any:
    hit = _MEMO.get((id(e), what))
    if hit is not None and hit[0] is e:
        return hit[1]
    value = compute(e)
    if len(_MEMO) > _MAX_MEMO:
        _MEMO.clear()
    _MEMO[id(e), what] = (e, value)
    return value


def _srepr(e: object) -> str:
    return str(_remembered(e, "srepr", sp.srepr))


def _side(side: object) -> str:
    if isinstance(side, tuple):
        return "(" + ", ".join(_side(part) for part in side) + ")"
    if isinstance(side, Identically):
        return f"Identically({_srepr(side.equation)}, {_srepr(side.variables)})"
    return _srepr(side)


def _parts(side: object) -> Iterator[sp.Basic]:
    if isinstance(side, tuple):
        for part in side:
            yield from _parts(part)
    elif isinstance(side, Identically):
        yield side.equation
        yield from side.variables
    elif isinstance(side, sp.Basic):
        yield side


def _atoms(item: sp.Basic) -> tuple[set[sp.Basic], set[sp.Basic]]:
    return set(item.atoms(sp.Symbol)), {f.func for f in item.atoms(AppliedUndef)}


def _domains(items: Iterable[object]) -> list[str]:
    """The assumptions of every symbol (free or bound) and of every
    undefined function, which ``srepr`` does not show; an item may be an
    undefined function itself (an algebra's family head)."""
    symbols: set[sp.Basic] = set()
    functions: set[object] = set()
    for item in items:
        if isinstance(item, UndefinedFunction):
            functions.add(item)
            continue
        if not isinstance(item, sp.Basic):
            continue
        found, funcs = _remembered(item, "atoms", _atoms)
        symbols |= found
        functions |= funcs
    out = [f"{_srepr(s)}: {sorted(s.assumptions0.items())}" for s in symbols]
    out += [f"{getattr(f, '__name__', f)}(): {sorted(getattr(f, '_kwargs', {}).items())}" for f in functions]
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
        givens.append([g.name, _srepr(g.statement), _srepr(g.index), _srepr(g.valid_from), _srepr(g.valid_to)])
    lemmas = []
    for lem in ctx.lemmas:
        exprs.append(lem.statement)
        exprs.extend(lem.hypotheses)
        lemmas.append(
            [
                lem.name,
                _srepr(lem.statement),
                _srepr(lem.variables),
                [_srepr(h) for h in lem.hypotheses],
                lem.proved_by,
            ]
        )
    declared: list[object] = []
    for alg in ctx.algebras:  # a law's parameters (symbols and functions) keep their assumptions in the key
        declared.extend(alg.declared_terms())
    payload = {
        "version": version if version is not None else f"{version_tag()}-{_source_digest()}",
        "sympy": sp.__version__,
        "python": platform.python_version(),
        "relation": goal.relation.value,
        "lhs": _side(goal.lhs),
        "rhs": _side(goal.rhs),
        "domains": _domains([*exprs, *declared]),
        "constraints": [_srepr(c) for c in ctx.facts.constraints],
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


# -- entries: step results as JSON ------------------------------------------------
class Unreadable(ValueError):
    """An entry (or an expression in it) that this code does not rebuild."""


def _assumptions(e: sp.Basic) -> dict[str, bool]:
    return {k: v for k, v in sorted(e._assumptions_orig.items()) if v is not None}


def encode(e: sp.Basic) -> Any:
    """A sympy expression as JSON data that :func:`decode` turns back into an
    equal expression.

    >>> x = sp.Symbol("x", positive=True)
    >>> decode(json.loads(json.dumps(encode(sp.Rational(1, 3) * x**2 + sp.pi)))) == sp.Rational(1, 3) * x**2 + sp.pi
    True
    """
    if isinstance(e, sp.MatrixBase):
        return {"matrix": [e.rows, e.cols, [encode(v) for v in e]]}
    if isinstance(e, sp.Dummy):
        return {"dummy": e.name, "index": e.dummy_index, "assumptions": _assumptions(e)}
    if isinstance(e, sp.Symbol):
        return {"symbol": e.name, "class": _class_name(type(e)), "assumptions": _assumptions(e)}
    if isinstance(e, sp.Integer):
        return {"integer": str(e.p)}
    if isinstance(e, sp.Rational):
        return {"rational": [str(e.p), str(e.q)]}
    if isinstance(e, sp.Float):
        sign, man, exp, bits = e._mpf_
        return {"float": [sign, str(man), exp, bits], "precision": e._prec}
    if isinstance(e, AppliedUndef):
        return {"function": e.func.__name__, "assumptions": dict(sorted(getattr(e.func, "_kwargs", {}).items())),
                "args": [encode(a) for a in e.args]}
    if isinstance(e, sp.core.symbol.Str):
        return {"str": e.name}
    if isinstance(e, sp.Basic):
        return {"class": _class_name(type(e)), "args": [encode(a) for a in e.args]}
    raise Unreadable(f"not an expression: {type(e).__name__}")


def _class_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _class(name: object, base: type) -> type:
    """A subclass of ``base`` named ``module:qualname``, from a module already
    imported (nothing is imported here)."""
    if not isinstance(name, str) or name.count(":") != 1:
        raise Unreadable(f"bad class name {name!r}")
    module, qualname = name.split(":")
    cls = getattr(sys.modules.get(module), qualname, None) if qualname.isidentifier() else None
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise Unreadable(f"no such class {name!r}")
    return cls


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise Unreadable(f"a name must be text, not {value!r}")
    return value


def _flags(value: object) -> dict[str, bool]:
    if not (isinstance(value, dict) and all(k in _assume_defined and isinstance(v, bool) for k, v in value.items())):
        raise Unreadable(f"bad assumptions {value!r}")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Unreadable(f"not an integer: {value!r}")
    return int(value)


def decode(data: Any) -> sp.Basic:
    """The expression that :func:`encode` wrote (raises :class:`Unreadable`
    for anything else)."""
    if not isinstance(data, dict):
        raise Unreadable("an expression is an object")
    if "matrix" in data:
        rows, cols, entries = data["matrix"]
        return sp.ImmutableMatrix(_int(rows), _int(cols), [decode(v) for v in entries])
    if "dummy" in data:
        return sp.Dummy(_name(data["dummy"]), dummy_index=_int(data["index"]), **_flags(data["assumptions"]))
    if "symbol" in data:
        symbol_class = _class(data["class"], sp.Symbol)
        return symbol_class(_name(data["symbol"]), **_flags(data["assumptions"]))
    if "integer" in data:
        return sp.Integer(_int(data["integer"]))
    if "rational" in data:
        p, q = data["rational"]
        return sp.Rational(_int(p), _int(q))
    if "float" in data:
        sign, man, exp, bits = (_int(v) for v in data["float"])
        return sp.Float._new((sign, man, exp, bits), _int(data["precision"]))
    if "function" in data:
        func = sp.Function(_name(data["function"]), **_flags(data["assumptions"]))
        return func(*[decode(a) for a in data["args"]])
    if "str" in data:
        return sp.core.symbol.Str(_name(data["str"]))
    if "class" in data:
        cls = _class(data["class"], sp.Basic)
        args = [decode(a) for a in data["args"]]
        try:
            return cls(*args, evaluate=False)
        except TypeError:  # a class without the keyword
            return cls(*args)
    raise Unreadable("not an encoded expression")


def _result_data(r: StepResult) -> dict[str, Any]:
    cx = r.counterexample
    return {
        "verdict": r.verdict.value, "method": r.method, "trust": r.trust.value, "seconds": r.seconds,
        "instances": r.instances, "message": r.message,
        "residual": None if r.residual is None else encode(r.residual),
        "counterexample": None if cx is None else {
            "assignment": [[encode(k), encode(v)] for k, v in cx.assignment],
            "lhs": encode(cx.lhs), "rhs": encode(cx.rhs), "model": cx.model, "model_latex": cx.model_latex,
            "whole": list(cx.whole),
        },
    }


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Unreadable(f"not text: {value!r}")
    return value


def _result(data: Any) -> StepResult:
    cx = data["counterexample"]
    seconds = data["seconds"]
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        raise Unreadable("bad seconds")
    return StepResult(
        verdict=Verdict(data["verdict"]), method=_text(data["method"]), trust=Trust(data["trust"]),
        seconds=float(seconds), instances=_text(data["instances"]), message=_text(data["message"]),
        residual=None if data["residual"] is None else decode(data["residual"]),
        counterexample=None if cx is None else Counterexample(
            assignment=tuple((decode(k), decode(v)) for k, v in cx["assignment"]),
            lhs=decode(cx["lhs"]), rhs=decode(cx["rhs"]), model=_text(cx["model"]),
            model_latex=_text(cx.get("model_latex", "")),
            whole=tuple(_text(n) for n in cx.get("whole", []))),
    )


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
                entry = json.loads(fh.read())
            if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            return _result(entry["result"])
        except FileNotFoundError:
            return None
        except Exception:  # a corrupt or foreign entry is a miss, whatever it raises
            return None

    def put(self, goal: Goal, result: StepResult) -> None:
        """Store ``result`` atomically. A result that would not read back
        equal (an expression of a class this code does not rebuild), or a
        cache that cannot be written (a read-only folder, a full disk), is
        skipped silently."""
        key = self.key(goal)
        path = self._path(key)
        result = result.replace(cached=False)
        try:
            data = json.dumps({"format": FORMAT, "key": key, "result": _result_data(result)},
                              separators=(",", ":")).encode("utf-8")
            if _result(json.loads(data)["result"]) != result:
                return
        except Exception:  # an expression that does not round-trip: not worth failing a run
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
            for path in [*self._entries(version_dir), *version_dir.glob("*/*.pkl")]:
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
