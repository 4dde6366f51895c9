"""Differential fuzzer: is every *proved* step true, every counterexample real?

Random scalar expressions are paired with rewritings of themselves (most of
them identities: expansion, factoring, closed forms of sums, the definition
of ``Max`` through ``Abs``, peeling a sum's last term, ...) and with
perturbations of those (a constant off by one, a sign flipped, a bound
shifted, ``Max`` for ``Min``). The expressions mix polynomials, rational
functions whose denominators vanish somewhere, powers with symbolic
exponents, ``Abs``, ``Max``/``Min``, ``sqrt``, ``log``/``exp``, sums and
products whose bounds are symbolic and may be reversed, an undeclared
function, and symbols that are integers or live in intervals (some bounds
are sympy assumptions, some are relational facts of the goal).

Each pair is checked by the verifier in this process
(:func:`~symproofs.verifier.pipeline.check_goal`, no worker, no cache); a
short chain with a claim goes through
:func:`~symproofs.verifier.pipeline.verify`. Then an oracle that shares no
code with the verifier judges the verdict:

* a *proved* step must hold at every admissible exact point where both
  sides are defined (sums and products are expanded term by term with the
  empty-range convention; values are compared exactly, or numerically with a
  margin far above the working precision);
* a *refuted* step's counterexample must assign every symbol of the step an
  admissible value (its sympy assumptions and the relational facts), and the
  two sides evaluated there must be the values shown and must violate the
  relation.

    python bench/fuzz.py --pairs 2000 [--seed 1] [--timeout 20] [--jobs 2]

Job ``i`` (a pair, or a chain every fifth job) is built and judged from its
own seed, the ``i``-th drawn from the run's seed, and sympy's own random
choices are seeded from it too: ``--jobs N`` splits the jobs among N forked
workers and merges their reports in index order, so that it checks the same
pairs and prints the same report as ``--jobs 1`` (the budget, if set, is the
whole run's).

The last line printed is one JSON object: ``pairs``, ``proved``,
``refuted``, ``unknown``, ``false_proved``, ``bad_counterexamples``,
``seconds`` (and ``chains``, ``timeouts``, ``oracle_errors``, ``crashes``,
``incomplete_counterexamples``: counterexamples that leave out a symbol which
cancelled from the step, so that the values shown are right wherever the
step is defined but not where that symbol makes a side undefined; and
``failures``, the first few offending pairs, printed in full).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import multiprocessing
import queue
import random
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, TypeVar

import sympy as sp
from sympy.core import random as sympy_random
from sympy.core.evalf import PrecisionExhausted
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Chain, Derivation, Relation, Step
from symproofs.core.results import Counterexample, StepResult, Verdict
from symproofs.verifier.pipeline import check_goal, verify

__all__ = ["SYMBOLS", "Pair", "Plan", "RandomSource", "Report", "Source", "check_job", "job_seeds", "judge",
           "pair", "run"]

T = TypeVar("T")
R = Relation


class Source(Protocol):
    """Where the choices come from: :class:`RandomSource` for the benchmark,
    hypothesis' ``data.draw`` in the test suite (which can then shrink)."""

    def integer(self, lo: int, hi: int) -> int: ...


class RandomSource:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


def pick(src: Source, items: Sequence[T]) -> T:
    return items[src.integer(0, len(items) - 1)]


# -- the symbols and what may be substituted for them --------------------------------
@dataclass(frozen=True)
class Domain:
    """A symbol's admissible values: its sympy assumptions plus the
    relational facts that bound it (``lo``/``hi``, strict or not)."""

    symbol: sp.Symbol
    samples: tuple[sp.Rational, ...]
    lo: sp.Rational | None = None
    hi: sp.Rational | None = None
    strict: bool = False

    def facts(self) -> tuple[sp.Basic, ...]:
        s = self.symbol
        out: list[sp.Basic] = []
        if self.lo is not None:
            out.append(s > self.lo if self.strict else s >= self.lo)
        if self.hi is not None:
            out.append(s < self.hi if self.strict else s <= self.hi)
        return tuple(out)

    def admits(self, value: sp.Basic) -> bool:
        if not isinstance(value, sp.Rational):
            return False  # the probe's points are exact rationals
        for name, wanted in self.symbol.assumptions0.items():
            if wanted is not None and name != "commutative" and getattr(value, f"is_{name}") is not wanted:
                return False
        if self.lo is not None and (value <= self.lo if self.strict else value < self.lo):
            return False
        return not (self.hi is not None and (value >= self.hi if self.strict else value > self.hi))


def _q(*vals: int | tuple[int, int]) -> tuple[sp.Rational, ...]:
    return tuple(sp.Rational(*v) if isinstance(v, tuple) else sp.Integer(v) for v in vals)


_REALS = _q(-3, -2, -1, 0, 1, 2, 3, (1, 2), (-1, 2), (3, 2), (-5, 3), (7, 4), (-2, 7))
x, y = sp.symbols("x y", real=True)
p = sp.Symbol("p", positive=True)
q = sp.Symbol("q", nonnegative=True)
n = sp.Symbol("n", integer=True, nonnegative=True)
m = sp.Symbol("m", integer=True)
t = sp.Symbol("t", integer=True)      # t >= 1 is a fact of the goal, not an assumption
b = sp.Symbol("b", positive=True)     # b < 1 is a fact
c = sp.Symbol("c", real=True)         # -1 <= c <= 2 are facts (closed interval: endpoints count)
k, j = sp.symbols("k j", integer=True)  # summation indices
g = sp.Function("g", real=True)

SYMBOLS: dict[sp.Symbol, Domain] = {d.symbol: d for d in (
    Domain(x, _REALS),
    Domain(y, _REALS),
    Domain(p, _q(1, 2, 3, (1, 2), (1, 3), (5, 2), (7, 3))),
    Domain(q, _q(0, 1, 2, (1, 2), (3, 4), (5, 2))),
    Domain(n, _q(0, 1, 2, 3, 4, 5)),
    Domain(m, _q(-4, -3, -2, -1, 0, 1, 2, 3)),
    Domain(t, _q(1, 2, 3, 4, 5), lo=sp.Integer(1)),
    Domain(b, _q((1, 2), (1, 3), (2, 3), (1, 10), (9, 10)), hi=sp.Integer(1), strict=True),
    Domain(c, _q(-1, 2, 0, 1, (1, 2), (-1, 3), (3, 2)), lo=sp.Integer(-1), hi=sp.Integer(2)),
)}
_FREE = tuple(SYMBOLS)
_FACTS = tuple(f for d in SYMBOLS.values() for f in d.facts())


# -- random expressions ---------------------------------------------------------------
def atom(src: Source) -> sp.Expr:
    kind = src.integer(0, 9)
    if kind < 7:
        return pick(src, _FREE)
    if kind < 9:
        return sp.Integer(src.integer(-3, 3))
    return sp.Rational(src.integer(-3, 3), src.integer(2, 3))


_BOUNDS: tuple[sp.Expr, ...] = (sp.Integer(0), sp.Integer(1), sp.Integer(3), sp.Integer(-2), n, m, t, n + 1, t - 1,
                                m - 1, n - 2)


def big_operator(src: Source, depth: int) -> sp.Expr:
    """A sum or product; the index is ``k``, sometimes a name that is also
    free elsewhere (``t``: a bound variable must never be captured)."""
    index = pick(src, (k, k, k, t, n))
    bodies: tuple[sp.Expr, ...] = (index, index**2, b**index, x * index, g(index), sp.Integer(1), index * n,
                                   index + expression(src, depth - 1))
    lo, hi = pick(src, _BOUNDS), pick(src, _BOUNDS)
    if src.integer(0, 3) == 0:
        return sp.Product(pick(src, (index, sp.Integer(2), b, index + 1, x, g(index))), (index, lo, hi))
    return sp.Sum(pick(src, bodies), (index, lo, hi))


def expression(src: Source, depth: int = 2) -> sp.Expr:
    if depth <= 0:
        return atom(src)
    op = src.integer(0, 15)
    a = expression(src, depth - 1)
    if op <= 2:
        return a + expression(src, depth - 1)
    if op <= 4:
        return a * expression(src, depth - 1)
    if op == 5:
        return a ** pick(src, (2, 3, -1, -2))
    if op == 6:
        return pick(src, (p, b, sp.Integer(2), sp.Rational(1, 2), x, q, c)) ** pick(src, (n, t, m, x, n + 1, t - 1, p))
    if op == 7:
        return sp.Abs(a)
    if op == 8:
        return pick(src, (sp.Max, sp.Min))(a, expression(src, depth - 1))
    if op == 9:
        return sp.sqrt(a)
    if op == 10:
        return sp.log(pick(src, (a, p, p * b, 1 + x**2, a**2)))
    if op == 11:
        return sp.exp(a)
    if op == 12:
        return a / (expression(src, depth - 1) - pick(src, (x, 1, c, t, b)))
    if op == 13:
        return (x**2 - a**2) / (x - a)
    return big_operator(src, depth)


# -- rewritings (mostly identities) and perturbations ----------------------------------
def _sum_rewrites(e: sp.Expr) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    for s in e.atoms(sp.Sum, sp.Product):
        if len(s.limits) != 1:
            continue
        f, (i, lo, hi) = s.function, s.limits[0]
        cls = type(s)
        join = sp.Add if cls is sp.Sum else sp.Mul
        out += [
            e.xreplace({s: join(cls(f, (i, lo, hi - 1)), f.subs(i, hi))}),   # peel the last term
            e.xreplace({s: join(cls(f, (i, lo + 1, hi)), f.subs(i, lo))}),   # peel the first term
            e.xreplace({s: cls(f.subs(i, i + 1), (i, lo - 1, hi - 1))}),      # shift the index
            e.xreplace({s: s.doit()}),                                        # sympy's closed form
        ]
        if cls is sp.Sum:
            out.append(e.xreplace({s: sp.Sum(f, (i, lo, hi + 1)) - f.subs(i, hi + 1)}))
    return out


def rewrites(e: sp.Expr) -> list[sp.Expr]:
    """Expressions that should equal ``e`` (sympy transforms and classic
    identities; a few hold only on part of the domain, on purpose)."""
    out: list[sp.Expr] = []
    for transform in (sp.expand, sp.factor, sp.cancel, sp.together, sp.powsimp, sp.expand_power_exp):
        try:
            out.append(transform(e))
        except Exception:  # sympy cannot transform this one: other rewritings remain
            continue
    reps: dict[sp.Basic, sp.Basic] = {}
    for a in e.atoms(sp.Max):
        u, v = a.args[0], sp.Max(*a.args[1:])
        reps[a] = (u + v + sp.Abs(u - v)) / 2
    for a in e.atoms(sp.Min):
        u, v = a.args[0], sp.Min(*a.args[1:])
        reps[a] = (u + v - sp.Abs(u - v)) / 2
    for a in e.atoms(sp.Abs):
        reps[a] = sp.sqrt(a.args[0] ** 2)
    for a in e.atoms(sp.Pow):
        base, ex = a.args
        if ex.free_symbols:
            reps[a] = base * base ** (ex - 1)
    if reps:
        out.append(e.xreplace(reps))
    try:
        out += _sum_rewrites(e)
    except Exception:  # a closed form sympy cannot build
        pass
    return out


def perturb(src: Source, e: sp.Expr) -> sp.Expr:
    kind = src.integer(0, 7)
    if kind == 0:
        return e + pick(src, (1, -1, sp.Rational(1, 2)))
    if kind == 1:
        return -e if e != 0 else sp.Integer(1)
    if kind == 2:
        return e * 2
    if kind == 3:
        swap = {sp.Max: sp.Min, sp.Min: sp.Max}
        reps = {a: swap[type(a)](*a.args) for a in e.atoms(sp.Max, sp.Min)}
        return e.xreplace(reps) if reps else e + x
    if kind == 4:
        reps = {s: type(s)(s.function, (s.limits[0][0], s.limits[0][1], s.limits[0][2] + pick(src, (1, -1))))
                for s in e.atoms(sp.Sum, sp.Product)}
        return e.xreplace(reps) if reps else e - 1
    if kind == 5:
        a, z = pick(src, _FREE), pick(src, _FREE)
        return e.xreplace({a: z}) if e.has(a) and a != z else e * z
    if kind == 6:
        reps = {a: a.args[0] for a in e.atoms(sp.Abs)}
        return e.xreplace(reps) if reps else e + sp.Abs(x) - x
    return e.xreplace({sp.Integer(2): sp.Integer(3)}) if e.has(sp.Integer(2)) else e + y**2


#: Right sides of order steps: ``e <= e + gap`` for a gap of known sign.
_GAPS: tuple[sp.Expr, ...] = (x**2, sp.Abs(y), p, q, b, 1 - b, sp.Integer(0), t - 1, c + 1, n, (x - y) ** 2 + 1,
                              sp.exp(x), sp.sqrt(q))


@dataclass(frozen=True)
class Pair:
    relation: Relation
    lhs: sp.Expr
    rhs: sp.Expr


def pair(src: Source) -> Pair:
    """One random step: an equation between an expression and a rewriting
    of it (perturbed half the time), or an order step with a gap."""
    e = expression(src, src.integer(1, 3))
    if src.integer(0, 3) == 0:
        gap = pick(src, _GAPS)
        rel = pick(src, (R.LE, R.LT, R.GE, R.GT))
        rhs = e + gap if rel in (R.LE, R.LT) else e - gap
        if src.integer(0, 2) == 0:
            rhs = perturb(src, rhs)
        return Pair(rel, e, rhs)
    candidates = [r for r in rewrites(e) if r != e] or [e]
    rhs = pick(src, candidates)
    if src.integer(0, 1) == 0:
        rhs = perturb(src, rhs)
    return Pair(R.EQ, e, rhs)


def chain(src: Source) -> Derivation:
    """Two or three steps from one start, and a claim that is sometimes the
    composed relation and sometimes a stronger or a different one."""
    start = expression(src, src.integer(1, 2))
    steps: list[Step] = []
    prev = start
    for _ in range(src.integer(2, 3)):
        nxt = pair_from(src, prev)
        steps.append(Step(nxt.relation, nxt.rhs, "fuzz"))
        prev = nxt.rhs
    ch = Chain(start=start, steps=tuple(steps))
    composed = ch.relation or R.EQ
    rel = pick(src, (composed, composed, R.EQ, R.LE, R.LT, R.GE))
    ctor = {R.EQ: sp.Eq, R.LE: sp.Le, R.LT: sp.Lt, R.GE: sp.Ge, R.GT: sp.Gt}[rel]
    end = prev if src.integer(0, 3) else perturb(src, prev)
    claim = ctor(start, end, evaluate=False)
    return Derivation(id="fuzz", title="fuzz", question="F", assumptions=_FACTS, claim=claim, chains=(ch,))


def pair_from(src: Source, e: sp.Expr) -> Pair:
    if src.integer(0, 2) == 0:
        rel = pick(src, (R.LE, R.LT))
        return Pair(rel, e, e + pick(src, _GAPS))
    candidates = [r for r in rewrites(e) if r != e] or [e]
    rhs = pick(src, candidates)
    return Pair(R.EQ, e, perturb(src, rhs) if src.integer(0, 3) == 0 else rhs)


# -- the oracle -----------------------------------------------------------------------
class Undefined(Exception):
    """The expression has no finite value at the point (or is too costly)."""


_MAX_TERMS = 80


def value(e: sp.Basic, env: dict[sp.Basic, sp.Basic], funcs: dict[sp.Basic, sp.Basic], rng: random.Random) -> sp.Basic:
    """``e`` at the point ``env``: sums and products term by term with the
    empty-range convention (bounds rounded inwards), values of ``g`` drawn
    once per argument (or taken from ``funcs``)."""
    if isinstance(e, (sp.Sum, sp.Product)):
        *inner, (i, lo, hi) = e.limits
        body = type(e)(e.function, *inner) if inner else e.function
        a, z = sp.ceiling(value(lo, env, funcs, rng)), sp.floor(value(hi, env, funcs, rng))
        if not (a.is_Integer and z.is_Integer):
            raise Undefined("bounds")
        if z - a >= _MAX_TERMS:
            raise Undefined("too many terms")
        terms = [value(body, {**env, i: sp.Integer(v)}, funcs, rng) for v in range(int(a), int(z) + 1)]
        return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
    if isinstance(e, AppliedUndef):
        key = e.func(*(value(a, env, funcs, rng) for a in e.args))
        if key not in funcs:
            funcs[key] = sp.Rational(rng.randint(-12, 12), rng.randint(1, 4))
        return funcs[key]
    if isinstance(e, sp.Symbol):
        if e not in env:
            raise Undefined(f"no value for {e}")
        return env[e]
    if not e.args:
        return e
    return e.func(*(value(a, env, funcs, rng) for a in e.args))


def _finite(v: sp.Basic) -> bool:
    return isinstance(v, sp.Expr) and not v.has(sp.nan, sp.zoo, sp.oo, -sp.oo) and not v.free_symbols


def compare(a: sp.Basic, b: sp.Basic, *, real: bool) -> int | None:
    """The sign of ``a - b`` (for ``real=False`` only 0 or 1: equal or
    not), ``None`` when undefined or too close to tell."""
    if not (_finite(a) and _finite(b)):
        return None
    d = a - b
    if d.is_Rational:
        return 0 if d == 0 else (1 if d > 0 else -1)
    try:  # strict: 60 digits of d itself, not of its terms (exp(729 + e^3) - exp(729) exp(e^3) is 0)
        v = sp.N(d, 60, strict=True)
    except PrecisionExhausted:  # no digit of d: it may be exactly 0
        return 0 if _vanishes(d) else None
    except Exception:
        return None
    if not v.is_number:
        return None
    re_, im_ = v.as_real_imag()
    if real and abs(im_) > sp.Float("1e-40"):
        return None  # not a real number: no order
    if abs(re_) + abs(im_) > sp.Float("1e-30"):
        return (1 if re_ > 0 else -1) if real else 1
    return 0 if _vanishes(d) else None


_Z = sp.Dummy("z")


def _vanishes(d: sp.Expr) -> bool:
    """Whether ``d``, a number within 1e-30 of 0, is exactly 0: the cheap
    exact tests first (expanded; an algebraic number's minimal polynomial; a
    rational function of exponentials over one denominator), ``simplify`` last."""
    e = sp.expand(d)
    if e == 0:
        return True
    try:
        if not e.has(sp.exp, sp.log, sp.E) and sp.minimal_polynomial(e, _Z) == _Z:
            return True
        if sp.cancel(e) == 0:
            return True
    except Exception:  # not algebraic, or too hard: simplify decides
        pass
    return bool(sp.simplify(d) == 0)


def holds(rel: Relation, a: sp.Basic, b: sp.Basic) -> bool | None:
    """Whether ``a rel b``; ``None`` when undefined or undecided."""
    s = compare(a, b, real=rel is not R.EQ)
    if s is None:
        return None
    return {R.EQ: s == 0, R.LE: s <= 0, R.LT: s < 0, R.GE: s >= 0, R.GT: s > 0}[rel]


def points(symbols: set[sp.Basic], rng: random.Random, count: int) -> Iterator[dict[sp.Basic, sp.Basic]]:
    mine = sorted((s for s in symbols if s in SYMBOLS), key=str)
    if any(s not in SYMBOLS for s in symbols):
        return
    for i in range(count):
        yield {s: SYMBOLS[s].samples[i % len(SYMBOLS[s].samples)] if i < 2 else rng.choice(SYMBOLS[s].samples)
               for s in mine}


def _free(*es: sp.Basic) -> set[sp.Basic]:
    return set().union(*(e.free_symbols for e in es))


def false_at(rel: Relation, lhs: sp.Expr, rhs: sp.Expr, rng: random.Random, count: int = 16) -> str | None:
    """An admissible point where a step fails, described; ``None`` if none found."""
    for env in points(_free(lhs, rhs), rng, count):
        funcs: dict[sp.Basic, sp.Basic] = {}
        try:
            a, z = value(lhs, env, funcs, rng), value(rhs, env, funcs, rng)
        except (Undefined, ValueError, TypeError, ZeroDivisionError):
            continue
        if holds(rel, a, z) is False:
            return f"at {env} {funcs}: left = {a}, right = {z}"
    return None


def bad_counterexample(rel: Relation, lhs: sp.Expr, rhs: sp.Expr, cx: Counterexample | None) -> str | None:
    """Why a counterexample does not refute the step, or ``None`` if it does."""
    if cx is None:
        return "refuted without a counterexample"
    env: dict[sp.Basic, sp.Basic] = {}
    funcs: dict[sp.Basic, sp.Basic] = {}
    for key, val in cx.assignment:
        if isinstance(key, AppliedUndef):
            if not (isinstance(val, sp.Rational) and val.is_real):
                return f"{key} = {val} is not a real value"
            funcs[key] = val
        elif key in SYMBOLS:
            if not SYMBOLS[key].admits(val):
                return f"{key} = {val} breaks its assumptions"
            env[key] = val
    # A symbol the counterexample leaves out must not matter: the step has
    # to fail, with the values shown, whatever admissible value it takes.
    missing = sorted(_free(lhs, rhs) - set(env), key=str)
    if any(s not in SYMBOLS for s in missing):
        return f"no value for {[str(s) for s in missing if s not in SYMBOLS]}"
    fills = [dict(zip(missing, vals, strict=True)) for vals in zip(*(SYMBOLS[s].samples for s in missing))] \
        if missing else [{}, {}]
    undefined: list[dict[sp.Basic, sp.Basic]] = []
    for attempt, fill in enumerate(fills[:4]):
        rng = random.Random(attempt)  # function values it leaves out must not matter either
        at, fixed = {**env, **fill}, dict(funcs)
        try:
            a, z = value(lhs, at, fixed, rng), value(rhs, at, fixed, rng)
        except Undefined:
            return None  # too costly to evaluate here: not judged
        if fill and not (_finite(a) and _finite(z)):
            undefined.append(fill)
            continue  # a value left out where a side is undefined: judged at the others
        if compare(a, cx.lhs, real=False) != 0 or compare(z, cx.rhs, real=False) != 0:
            return f"the sides are {a} and {z} at {fill}, not {cx.lhs} and {cx.rhs}"
        if holds(rel, a, z) is not False:
            return f"{a} {rel.value} {z} is not shown to fail at {fill}"
    if undefined and len(undefined) == len(fills[:4]):
        return f"a side is undefined wherever the symbols it leaves out are tried ({undefined})"
    if undefined:
        return f"incomplete: the values shown fail where a left-out symbol makes a side undefined ({undefined})"
    return None


# -- running --------------------------------------------------------------------------
class _Timeout(BaseException):
    """Raised by the alarm; not an Exception, so the verifier cannot swallow it.
    The alarm counts the process's CPU time, not the clock's: a busy machine,
    or workers sharing its cores, time out no more jobs."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


@dataclass
class Report:
    pairs: int = 0
    chains: int = 0
    proved: int = 0
    refuted: int = 0
    unknown: int = 0
    timeouts: int = 0
    oracle_errors: int = 0
    crashes: int = 0
    incomplete: int = 0
    false_proved: int = 0
    bad_counterexamples: int = 0
    failures: list[str] = field(default_factory=list)
    #: lines for the error stream (failures, crashes), printed when the job's report is merged
    log: list[str] = field(default_factory=list)

    def summary(self, seconds: float) -> dict[str, Any]:
        return {"pairs": self.pairs, "chains": self.chains, "proved": self.proved, "refuted": self.refuted,
                "unknown": self.unknown, "timeouts": self.timeouts, "oracle_errors": self.oracle_errors,
                "crashes": self.crashes, "incomplete_counterexamples": self.incomplete,
                "false_proved": self.false_proved,
                "bad_counterexamples": self.bad_counterexamples, "seconds": round(seconds, 1),
                "failures": self.failures[:10]}

    def add(self, other: Report) -> None:
        """Count ``other`` (a later job's report) in this one."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _goal(pr: Pair, seed: int) -> Goal:
    return Goal(relation=pr.relation, lhs=pr.lhs, rhs=pr.rhs, context=Context(facts=Facts(_FACTS), seed=seed))


def judge(rel: Relation, lhs: sp.Expr, rhs: sp.Expr, res: StepResult, rng: random.Random) -> str | None:
    """What is wrong with the verifier's result for ``lhs rel rhs``, or ``None``."""
    if res.verdict is Verdict.PROVED:
        where = false_at(rel, lhs, rhs, rng)
        return None if where is None else f"false proved ({res.method}): {where}"
    if res.verdict is Verdict.REFUTED:
        cx = res.counterexample
        why = bad_counterexample(rel, lhs, rhs, cx)
        return None if why is None else f"bad counterexample ({cx.describe() if cx else ''}): {why}"
    return None


def _judged(rel: Relation, lhs: sp.Expr, rhs: sp.Expr, res: StepResult, rng: random.Random,
            report: Report) -> str | None:
    """:func:`judge`, counting the cases the oracle itself cannot handle."""
    try:
        return judge(rel, lhs, rhs, res, rng)
    except Exception:  # the oracle's own limits are not the verifier's mistakes
        report.oracle_errors += 1
        return None


def _record(report: Report, what: str | Callable[[], str], res: StepResult, problem: str | None) -> None:
    """Count a verdict; ``what`` describes the step (built only for a failure)."""
    report.proved += res.verdict is Verdict.PROVED
    report.refuted += res.verdict is Verdict.REFUTED
    report.unknown += res.verdict is Verdict.UNKNOWN
    if problem is not None:
        report.false_proved += problem.startswith("false proved")
        report.incomplete += "): incomplete:" in problem
        report.bad_counterexamples += problem.startswith("bad counterexample") and "): incomplete:" not in problem
        described = what if isinstance(what, str) else what()
        report.failures.append(f"{described}: {problem}")
        report.log.append(f"FAILURE {described}: {problem}")


def check_pair(pr: Pair, seed: int, report: Report, rng: random.Random) -> None:
    res = check_goal(_goal(pr, seed))
    problem = _judged(pr.relation, pr.lhs, pr.rhs, res, rng, report)
    report.pairs += 1
    _record(report, lambda: f"{sp.srepr(pr.lhs)} {pr.relation.value} {sp.srepr(pr.rhs)}", res, problem)


def check_chain(d: Derivation, seed: int, report: Report, rng: random.Random) -> None:
    res = verify(d, isolate=False)
    report.chains += 1
    ch = d.chains[0]
    for (prev, step), sres in zip(ch.sides(), res.chains[0].steps, strict=True):
        report.pairs += 1
        _record(report, functools.partial(_described, prev, step), sres,
                _judged(step.relation, prev, step.expr, sres, rng, report))
    claim = d.claim
    if res.status is Verdict.PROVED and isinstance(claim, sp.core.relational.Relational):
        rel = {sp.Eq: R.EQ, sp.Le: R.LE, sp.Lt: R.LT, sp.Ge: R.GE, sp.Gt: R.GT}[type(claim)]
        try:
            where = false_at(rel, claim.lhs, claim.rhs, rng)
        except Exception:
            report.oracle_errors += 1
            where = None
        if where is not None:
            report.false_proved += 1
            report.failures.append(f"claim {sp.srepr(claim)}: false proved: {where}")
            report.log.append(f"FAILURE {report.failures[-1]}")


def _described(prev: sp.Expr, step: Step) -> str:
    return f"step {sp.srepr(prev)} {step.relation.value} {sp.srepr(step.expr)}"


@dataclass(frozen=True)
class Plan:
    """What a run checks, whichever process checks it: the seed every job's
    own seed derives from, the time limit of a job, which jobs are chains."""

    seed: int = 0
    timeout: float = 20.0
    chains_every: int = 5


def job_seeds(seed: int) -> Iterator[tuple[int, int]]:
    """Each job's index (from 1) and its own seed: everything about the job
    (its pair or chain, the oracle's points, sympy's own random choices)
    derives from that seed alone."""
    rng = random.Random(seed)
    for i in itertools.count(1):
        yield i, rng.getrandbits(64)


def check_job(i: int, job_seed: int, plan: Plan) -> Report:
    """The report of job ``i`` alone. Sympy orders its assumption inferences
    at random (a wrong rule then answers only sometimes): that generator is
    seeded from the job's seed too, so that a job replays alike in any process."""
    report = Report()
    sympy_random.seed(job_seed)
    src = RandomSource(random.Random(job_seed))
    oracle = random.Random(job_seed + 7)
    alarm = plan.timeout > 0 and hasattr(signal, "SIGPROF")
    try:
        if alarm:
            signal.setitimer(signal.ITIMER_PROF, plan.timeout)
        try:  # sympy may refuse to build a random expression (Max of a complex number)
            job: Pair | Derivation = chain(src) if i % plan.chains_every == 0 else pair(src)
        except Exception:
            return report
        try:
            if isinstance(job, Derivation):
                check_chain(job, i, report, oracle)
            else:
                check_pair(job, i, report, oracle)
        except Exception as exc:  # the verifier raised: not a wrong verdict, but worth a look
            report.crashes += 1
            report.log.append(f"CRASH job {i} (replay: --seed {plan.seed}): {type(exc).__name__}: {exc}")
    except _Timeout:
        report.timeouts += 1
        if not report.pairs:  # no verdict recorded: the job counts as one unknown step
            report.pairs, report.unknown = 1, 1
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_PROF, 0)
    return report


def _install_alarm(plan: Plan) -> None:
    if plan.timeout > 0 and hasattr(signal, "SIGPROF"):
        signal.signal(signal.SIGPROF, _alarm)


def _serial(plan: Plan, over: Callable[[], bool]) -> Iterator[tuple[int, Report]]:
    _install_alarm(plan)
    for i, job_seed in job_seeds(plan.seed):
        if over():
            return
        yield i, check_job(i, job_seed, plan)


#: How many jobs a worker may run ahead of the first job not yet reported (per worker).
_AHEAD = 16


def _worker(w: int, jobs: int, plan: Plan, stop: Any, taken: Any, out: Any) -> None:
    """Worker ``w`` of ``jobs``: the jobs ``i`` with ``(i - 1) % jobs == w``, in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    _install_alarm(plan)
    for i, job_seed in job_seeds(plan.seed):
        if (i - 1) % jobs != w:
            continue
        while i > taken.value + _AHEAD * jobs and not stop.is_set():
            time.sleep(0.05)
        if stop.is_set():
            return
        out.put((i, check_job(i, job_seed, plan)))


def _parallel(plan: Plan, jobs: int, over: Callable[[], bool]) -> Iterator[tuple[int, Report]]:
    """The jobs' reports in index order, checked by ``jobs`` forked workers.
    Past the budget, the reports already in are given (in order) and the
    run stops."""
    if "fork" not in multiprocessing.get_all_start_methods():
        raise ValueError("--jobs needs the fork start method")
    ctx = multiprocessing.get_context("fork")
    out, stop, taken = ctx.Queue(), ctx.Event(), ctx.Value("q", 0)
    workers = [ctx.Process(target=_worker, args=(w, jobs, plan, stop, taken, out), daemon=True)
               for w in range(jobs)]
    for proc in workers:
        proc.start()
    waiting: dict[int, Report] = {}
    first = 1  # the first job not yet given
    try:
        while not over():
            try:
                i, part = out.get(timeout=0.2)
            except queue.Empty:
                if not all(proc.is_alive() for proc in workers):
                    raise RuntimeError("a fuzz worker died") from None
                continue
            waiting[i] = part
            while first in waiting:
                yield first, waiting.pop(first)
                first += 1
                taken.value = first - 1
        for i in sorted(waiting):
            yield i, waiting[i]
    finally:
        stop.set()
        for proc in workers:
            proc.terminate()
            proc.join()


def run(count: int, *, seed: int = 0, timeout: float = 20.0, chains_every: int = 5, budget: float = 0.0,
        jobs: int = 1, progress: Callable[[Report], None] | None = None) -> Report:
    """Check ``count`` steps (or stop once ``budget`` seconds have passed, if
    set) in ``jobs`` processes. Jobs are merged in index order and the run
    stops at the same job whatever ``jobs`` is: the same report."""
    plan = Plan(seed=seed, timeout=timeout, chains_every=chains_every)
    started = time.perf_counter()

    def over() -> bool:
        return budget > 0 and time.perf_counter() - started > budget

    report = Report()
    parts = _serial(plan, over) if jobs <= 1 else _parallel(plan, jobs, over)
    try:
        while report.pairs < count:
            got = next(parts, None)
            if got is None:
                break
            i, part = got
            report.add(part)
            for line in part.log:
                print(line, file=sys.stderr, flush=True)
            if progress is not None and i % 200 == 0:
                progress(report)
    finally:
        parts.close()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=1000, help="steps to check (chain steps count)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=20.0, help="CPU seconds per pair or chain (0: none)")
    ap.add_argument("--budget", type=float, default=0.0, help="stop after this many seconds (0: no limit)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (the same pairs and report as 1)")
    args = ap.parse_args(argv)
    started = time.perf_counter()

    def progress(r: Report) -> None:
        print(json.dumps(r.summary(time.perf_counter() - started) | {"failures": len(r.failures)}),
              file=sys.stderr, flush=True)

    report = run(args.pairs, seed=args.seed, timeout=args.timeout, budget=args.budget, jobs=args.jobs,
                 progress=progress)
    for f in report.failures:
        print(f)
    print(json.dumps(report.summary(time.perf_counter() - started)))
    return 1 if report.false_proved or report.bad_counterexamples else 0


if __name__ == "__main__":
    sys.exit(main())
