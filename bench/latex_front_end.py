"""Benchmark: the LaTeX front end on the peers' test strings.

Reads ``../shared/peer-latex/cases.json`` (strings from the test suites of
public LaTeX-to-sympy parsers, with the reading each peer expects) and
measures, for this checkout and for a baseline commit of the parser:

* the parse rate on well-formed strings (every ``parse`` string and both
  strings of every ``equiv`` pair; ``reject`` strings are not well formed),
  with the ambiguous readings counted apart;
* agreement with the peer's expected value on ``parse`` cases (compared at
  three exact points, symbols matched by name);
* on ``equiv`` pairs, whether the two readings are equal exactly when the
  pair is mathematically equal;
* how many ``reject`` strings are refused.

The baseline is measured by the same code in a subprocess whose import path
starts with ``git archive <baseline>`` of the package (default: the commit
before the front end was reworked). The peers' expected values are read by a
small reader of sympy's ``srepr`` format with a whitelist of constructors
(nothing is evaluated). ``--show`` lists every difference from the peers.

Usage::

    python bench/latex_front_end.py [--baseline f84a47e] [--show]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "peer-latex" / "cases.json"
BASELINE = "f84a47e"

_CONSTRUCTORS: dict[str, Callable[..., Any]] = {
    "Integer": sp.Integer, "Rational": sp.Rational, "Add": sp.Add, "Mul": sp.Mul, "Pow": sp.Pow,
    "Tuple": sp.Tuple, "Sum": sp.Sum, "Product": sp.Product, "Abs": sp.Abs, "Max": sp.Max,
    "Min": sp.Min, "factorial": sp.factorial, "binomial": sp.binomial, "exp": sp.exp,
    "log": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "csc": sp.csc, "sec": sp.sec,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "sinh": sp.sinh, "cosh": sp.cosh,
    "tanh": sp.tanh, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh,
    "Equality": sp.Eq, "Unequality": sp.Ne, "LessThan": sp.Le, "StrictLessThan": sp.Lt,
    "GreaterThan": sp.Ge, "StrictGreaterThan": sp.Gt,
    "Symbol": lambda name, **_: sp.Symbol(name), "Function": lambda name, **_: sp.Function(name),
    "Float": lambda text, **_: sp.Rational(text),
}
_CONSTANTS: dict[str, Any] = {"pi": sp.pi, "E": sp.E, "I": sp.I, "oo": sp.oo, "zoo": sp.zoo,
                              "nan": sp.nan, "True": True, "False": False}
_SREPR_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_]\w*)|(?P<str>'[^']*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<sym>[(),=]))")


def read_srepr(text: str) -> Any:
    """A sympy object from its ``srepr`` text, built from whitelisted constructors."""
    toks = [(m.lastgroup, m.group(m.lastgroup or "")) for m in _SREPR_TOKEN.finditer(text)]
    pos = 0

    def value() -> Any:
        nonlocal pos
        kind, tok = toks[pos]
        pos += 1
        if kind == "str":
            return tok[1:-1]
        if kind == "num":
            return sp.Rational(tok) if "." in tok else int(tok)
        if kind != "name":
            raise ValueError(f"unexpected {tok!r}")
        if tok in _CONSTANTS and (pos >= len(toks) or toks[pos][1] != "("):
            return _CONSTANTS[tok]
        if tok not in _CONSTRUCTORS:
            raise ValueError(f"unknown constructor {tok}")
        result = _CONSTRUCTORS[tok]
        while pos < len(toks) and toks[pos][1] == "(":
            pos += 1
            args, kwargs = [], {}
            while toks[pos][1] != ")":
                if toks[pos][0] == "name" and pos + 1 < len(toks) and toks[pos + 1][1] == "=":
                    key = toks[pos][1]
                    pos += 2
                    kwargs[key] = value()
                else:
                    args.append(value())
                if toks[pos][1] == ",":
                    pos += 1
            pos += 1
            result = result(*args, **kwargs)
        return result

    out = value()
    if pos != len(toks):
        raise ValueError("trailing text")
    return out


def _key(atom: Any) -> str:
    """One name for an atom on both sides: the peers name ``x_{ij}`` a symbol where
    this parser builds ``x(i, j)``, ``\\bar{x}`` is ``bar{x}`` there and ``x_bar`` here."""
    if isinstance(atom, AppliedUndef):
        name = atom.func.__name__ + "_" + "".join(str(a) for a in atom.args)
    else:
        name = atom.name
    name = re.sub(r"(overline|bar|hat|tilde)\{(\w+)\}", r"\2_\1", name).replace("overline", "bar")
    name = name.replace("varepsilon", "epsilon").replace("^", "**")
    return re.sub(r"[{},\\\s]", "", name)


def _opaque(e: Any) -> set[Any]:
    atoms = {a for a in e.atoms(AppliedUndef) if not (a.free_symbols - e.free_symbols)}
    inner = {s for a in atoms for s in a.free_symbols}
    return atoms | {s for s in e.free_symbols if s not in inner or s in _direct(e)}


def _direct(e: Any) -> set[Any]:
    """Symbols of ``e`` outside every undefined application."""
    return e.xreplace({a: sp.Integer(0) for a in e.atoms(AppliedUndef)}).free_symbols


def _at(e: Any, point: dict[str, int]) -> complex:
    e = e.xreplace({a: sp.Integer(point[_key(a)]) for a in _opaque(e) if isinstance(a, AppliedUndef)})
    e = e.xreplace({s: sp.Integer(point[_key(s)]) for s in e.free_symbols})
    return complex(e.doit().evalf(30))


def _statement(e: Any) -> tuple[str, Any]:
    """A relation as (kind, difference) with ``<``/``<=`` orientation."""
    flip = {"GreaterThan": "LessThan", "StrictGreaterThan": "StrictLessThan"}
    kind = type(e).__name__
    if kind in flip:
        return flip[kind], e.rhs - e.lhs
    return kind, e.lhs - e.rhs


class _Slow(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Slow


def same_value(ours: Any, theirs: Any, rng: random.Random) -> bool:
    """Equal at three points (atoms matched by name, each a small integer), or the
    same tree; two relations are the same statement when their sides' differences
    are proportional. A comparison that takes more than 5 seconds counts as different."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(5)
    try:
        return _same_value(ours, theirs, rng)
    except _Slow:
        return False
    finally:
        signal.alarm(0)


def _same_value(ours: Any, theirs: Any, rng: random.Random) -> bool:
    ours = sp.Integer(ours) if isinstance(ours, int) else ours
    theirs = sp.Integer(theirs) if isinstance(theirs, int) else theirs
    plain = {s: sp.Symbol(s.name) for e in (ours, theirs) for s in e.free_symbols}
    if ours.xreplace(plain) == theirs.xreplace(plain):
        return True
    relational = isinstance(ours, Relational), isinstance(theirs, Relational)
    if relational[0] != relational[1]:
        return False
    ratio_only = relational[0]
    equation = type(ours).__name__ in ("Equality", "Unequality")
    if ratio_only:
        (k1, ours), (k2, theirs) = _statement(ours), _statement(theirs)
        if k1 != k2:
            return False
    keys = {_key(a) for e in (ours, theirs) for a in _opaque(e)}
    ratios = []
    for _ in range(3):
        point = {k: rng.randint(2, 5) for k in keys}
        try:
            vx, vy = _at(ours, point), _at(theirs, point)
        except (TypeError, ValueError, AttributeError, ArithmeticError, KeyError):
            return False
        if ratio_only:  # statements: proportional (a positive factor for inequalities)
            if abs(vy) < 1e-12 or abs(vx) < 1e-12:
                if abs(vx) > 1e-12 or abs(vy) > 1e-12:
                    return False
                continue
            ratios.append(vx / vy)
        elif abs(vx - vy) > 1e-9 * max(1.0, abs(vy)):
            return False
    if ratios:
        first = ratios[0]
        positive = first.real > 0 or equation
        return positive and all(abs(r - first) < 1e-9 * max(1.0, abs(first)) for r in ratios)
    return True


def measure() -> dict[str, Any]:
    from symproofs.latex.parser import parse_math

    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    rng = random.Random(0)
    out: dict[str, Any] = {"well_formed": 0, "parsed": 0, "ambiguous": 0, "parse_cases": 0,
                           "agree": 0, "equiv": 0, "equiv_agree": 0, "reject": 0, "refused": 0,
                           "failures": [], "differences": []}

    def parse(text: str) -> tuple[Any, str | None]:
        try:
            return parse_math(text), None
        except Exception as exc:  # the baseline's errors too
            kind = "ambiguous" if type(exc).__name__ == "AmbiguousReading" else "error"
            return None, f"{kind}: {exc}"

    for case in cases:
        if case["kind"] == "reject":
            out["reject"] += 1
            out["refused"] += parse(case["latex"][0])[0] is None
            continue
        values = []
        for text in case["latex"]:
            out["well_formed"] += 1
            value, error = parse(text)
            values.append(value)
            if error is None:
                out["parsed"] += 1
            elif error.startswith("ambiguous"):
                out["ambiguous"] += 1
                out["failures"].append((case["id"], text, error[:120]))
            else:
                out["failures"].append((case["id"], text, error[:120]))
        if case["kind"] == "parse":
            out["parse_cases"] += 1
            theirs = read_srepr(case["peer_expected_srepr"])
            if values[0] is not None and same_value(values[0], theirs, rng):
                out["agree"] += 1
            elif values[0] is not None:
                out["differences"].append((case["id"], case["latex"][0], str(values[0]), str(theirs)))
        else:
            out["equiv"] += 1
            if all(v is not None for v in values):
                equal = same_value(values[0], values[1], rng)
                if equal == (case["expected"] == "equal"):
                    out["equiv_agree"] += 1
                else:
                    out["differences"].append((case["id"], " vs ".join(case["latex"]),
                                               f"ours equal={equal}", case["expected"]))
    return out


def baseline(commit: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), commit, "symproofs"],
                       check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": tmp}
        done = subprocess.run([sys.executable, __file__, "--measure-json"], env=env, check=True,
                              capture_output=True, text=True, timeout=1200)
        return dict(json.loads(done.stdout))


def _rate(m: dict[str, Any], num: str, den: str) -> str:
    return f"{m[num]}/{m[den]} ({100 * m[num] / max(m[den], 1):.1f}%)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit of the previous parser")
    parser.add_argument("--show", action="store_true", help="list every difference")
    parser.add_argument("--measure-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_json:
        print(json.dumps(measure()))
        return 0
    sys.path.insert(0, str(ROOT))
    now = measure()
    before = baseline(args.baseline)
    rows = [("well-formed strings parsed", "parsed", "well_formed"),
            ("ambiguous (unknown, not unparsed)", "ambiguous", "well_formed"),
            ("parse cases agreeing with the peer", "agree", "parse_cases"),
            ("equiv pairs read right", "equiv_agree", "equiv"),
            ("reject strings refused", "refused", "reject")]
    print(f"{'':38} {'baseline ' + args.baseline:>26} {'now':>22}")
    for label, num, den in rows:
        print(f"{label:38} {_rate(before, num, den):>26} {_rate(now, num, den):>22}")
    if args.show:
        print("\nnot parsed:")
        for row in now["failures"]:
            print("  ", *row)
        print("\nreadings that differ from the peer's:")
        for row in now["differences"]:
            print("  ", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
