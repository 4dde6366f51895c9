"""Models of the functions of a matrix step that respect what is known about them.

A concrete model (:mod:`symproofs.matrices.models`, the instance refutation of
:mod:`symproofs.matrices.space`) gives every declared elementwise function a
whole function (a polynomial, the logistic function when no polynomial but a
constant satisfies the lemmas, ``s' = s(1 - s)``, or its definition ``s(z) =
z^2`` when a lemma defines it for every real argument) and every other function a value at each
point where it is used. A model may refute a step only when those values
could be the functions the step speaks of:

* a whole function (and its declared derivative) satisfies the sympy
  assumptions of its name for every real argument (``sigma'`` positive: an
  increasing ``sigma``) and every lemma about it for every value of the
  lemma's variable; what cannot be decided rejects the candidate;
* a value at a point respects the assumptions of the function's name (drawn
  like the scalar probe's, :func:`~symproofs.verifier.values.function_value`),
  and every instance of a quantified lemma at a drawn point
  (:func:`~symproofs.verifier.points.instance`, the probe's matching) holds.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.core.assumptions import _assume_defined
from sympy.core.function import AppliedUndef

from symproofs.core.model import Lemma
from symproofs.matrices.definitions import definitions_of
from symproofs.matrices.linalg import Sigmoid
from symproofs.verifier.points import instance
from symproofs.verifier.values import admissible

__all__ = [
    "CANDIDATES",
    "X",
    "applications_of",
    "has_assumptions",
    "instances_hold",
    "preferred_model",
    "respecting_model",
    "whole_ok",
]

X = sp.Symbol("x", real=True)

#: Whole functions tried, in order, after the preferred one breaks a fact
#: (sign-definite and monotone ones included, so that declared signs still leave a model).
CANDIDATES: tuple[sp.Expr, ...] = (
    X**3 / 3 + X / 2 + 1,
    X / 2,
    X + 1,
    2 * X - sp.Rational(1, 2),
    X**2 / 4 - X / 2 + 1,
    X**2 / 2 + 1,
    X**2 / 2,
    -X / 2 + 1,
    -(X**3) / 3 - X,
    -(X**2) / 2 - 1,
    # the logistic function, the solution of s' = s (1 - s) with s(0) = 1/2 (no polynomial but a constant
    # solves it, and a constant's derivative hides every argument): valued exactly by rational intervals
    # (:mod:`symproofs.matrices.intervals`); before the constants, which fit more facts but show less
    Sigmoid(X),
    sp.S.One,
    sp.Rational(1, 2),
    -sp.S.One,
    sp.S.Zero,
)

_SLOPES = [
    sp.Rational(1, 2),
    sp.S.One,
    sp.Rational(-1, 2),
    sp.S(2),
    sp.Rational(1, 4),
    sp.S.Zero,
    sp.S(-1),
    sp.S(3),
    sp.Rational(-3, 2),
    sp.Rational(1, 10),
    sp.Rational(-1, 5),
]
_INTERCEPTS = [sp.S.Zero, sp.S.One, sp.Rational(-1, 2)]
_CURVED = [
    X**2 / 2 + X / 3,
    X**3 / 3 + X / 2 + 1,
    X**2 / 4 - X / 2 + 1,
    -(X**2) / 2 + X,
    X**3 / 6 - X / 3,
    2 * X**2 + X,
    X**2 / 2,
    X**3 / 3 + 1,
]


def preferred_model(rng: random.Random, attempt: int) -> sp.Expr:
    """The whole function a model tries first: curved and straight functions
    in turn, every slope in turn."""
    if attempt % 2:
        return _SLOPES[(attempt // 2) % len(_SLOPES)] * X + rng.choice(_INTERCEPTS)
    return _CURVED[(attempt // 2) % len(_CURVED)]


_SIGNS: dict[str, type[sp.Basic]] = {
    "positive": sp.Gt,
    "nonnegative": sp.Ge,
    "negative": sp.Lt,
    "nonpositive": sp.Le,
    "zero": sp.Eq,
    "nonzero": sp.Ne,
}
_NEGATED: dict[type[sp.Basic], type[sp.Basic]] = {
    sp.Gt: sp.Le,
    sp.Ge: sp.Lt,
    sp.Lt: sp.Ge,
    sp.Le: sp.Gt,
    sp.Eq: sp.Ne,
    sp.Ne: sp.Eq,
}


def _facts(func: Any) -> dict[str, bool]:
    """The assumptions sympy derives for an application of ``func``."""
    app = func(sp.Dummy())
    return {k: v for k in sorted(_assume_defined) if (v := getattr(app, f"is_{k}", None)) is not None}


_PLAIN = sp.Dummy(real=True)


def has_assumptions(func: Any) -> bool:
    """Whether the name ``func`` says more of its values than that they are real."""
    return any(getattr(_PLAIN, f"is_{k}", None) != v for k, v in _facts(func).items())


@functools.lru_cache(maxsize=256)
def _conditions(func: Any) -> list[type[sp.Basic]] | None:
    """The relations to ``0`` a real model of ``func`` must satisfy everywhere
    for its assumptions; ``None`` when a real-valued model cannot be
    vouched for (``integer=True``, contradictory assumptions)."""
    facts = _facts(func)
    signs = {k: v for k, v in facts.items() if k in _SIGNS}
    try:
        ref = sp.Dummy(real=True, **signs)
    except Exception:  # inconsistent assumptions: no model
        return None
    if any(getattr(ref, f"is_{k}", None) != v for k, v in facts.items()):
        return None  # a fact a real number with those signs need not have (integer, rational, ...)
    return [_SIGNS[k] if v else _NEGATED[_SIGNS[k]] for k, v in signs.items()]


def _always(rel: type[sp.Basic], e: sp.Expr) -> bool:
    """Whether ``rel(e, 0)`` holds for every real ``X``: by sympy's
    assumptions, or exactly for a polynomial (Sturm counts of real roots)."""
    e = sp.expand(e)
    known = {
        sp.Gt: e.is_positive,
        sp.Ge: e.is_nonnegative,
        sp.Lt: e.is_negative,
        sp.Le: e.is_nonpositive,
        sp.Eq: e.is_zero,
        sp.Ne: e.is_nonzero,
    }[rel]
    if known is not None:
        return bool(known)
    if e.free_symbols - {X} or not e.is_polynomial(X):
        return False
    poly = sp.Poly(e, X)
    if poly.is_zero:
        return rel in (sp.Ge, sp.Le, sp.Eq)
    if rel is sp.Eq:
        return False
    roots = poly.count_roots() > 0
    if rel is sp.Ne:
        return not roots
    if any(f.count_roots() > 0 for f, m in poly.sqf_list()[1] if m % 2):
        return False  # changes sign
    up = bool(poly.LC() > 0)  # the sign away from the (even) roots
    return {sp.Gt: up and not roots, sp.Ge: up, sp.Lt: not up and not roots, sp.Le: not up}[rel]


def _statement_always(statement: sp.Basic, variables: Sequence[sp.Basic]) -> bool:
    """Whether a relation in at most one variable (``X`` after renaming)
    holds for every real value of it: holding on the whole line, it holds on
    any part of it, whatever the lemma's hypotheses."""
    if len(variables) > 1:
        return False
    if variables:
        statement = statement.xreplace({variables[0]: X})
    if statement.has(sp.Derivative):  # a derivative of a whole function: its value
        statement = statement.doit()
    if statement in (sp.true, sp.false):  # decided once the functions are put in
        return statement is sp.true
    if type(statement) not in _NEGATED or statement.free_symbols - {X} or statement.atoms(AppliedUndef):
        return False
    return _always(type(statement), statement.lhs - statement.rhs)


def whole_ok(models: Mapping[Any, sp.Lambda], lemmas: Iterable[Lemma]) -> bool:
    """Whether the whole functions ``models`` satisfy their names'
    assumptions and every lemma that speaks of them only."""
    for func, lam in models.items():
        conds = _conditions(func)
        expr = lam(X)
        if conds is None or not all(_always(rel, expr) for rel in conds):
            return False
    for lem in lemmas:
        calls = lem.statement.atoms(AppliedUndef)
        if not any(c.func in models for c in calls):
            continue
        st = lem.statement.replace(
            lambda x: isinstance(x, AppliedUndef) and x.func in models, lambda x: models[x.func](*x.args)
        )
        if not _statement_always(st, tuple(lem.variables)):
            return False
    return True


def respecting_model(
    func: Any, derivative: Any | None, preferred: Iterable[sp.Expr], lemmas: Sequence[Lemma]
) -> dict[Any, sp.Lambda] | None:
    """Models of ``func`` (and of its declared ``derivative``) that respect
    everything known about them: its definition by a lemma when there is one,
    else the first of ``preferred`` then :data:`CANDIDATES` that does;
    ``None`` when none does (the model then refutes nothing). The choice
    depends on the names and the lemmas alone: made once for them."""
    key = (func, derivative, tuple(preferred), tuple(lemmas))
    try:
        found = _respecting(*key)
    except TypeError:  # a lemma that cannot be hashed: chosen afresh
        found = _respecting.__wrapped__(*key)
    return dict(found) if found is not None else None


@functools.lru_cache(maxsize=256)
def _respecting(
    func: Any, derivative: Any | None, preferred: tuple[sp.Expr, ...], lemmas: tuple[Lemma, ...]
) -> dict[Any, sp.Lambda] | None:
    defined = definitions_of(lemmas).get(func)
    if defined is not None and len(defined.variables) == 1:
        preferred, rest = (defined(X),), ()
    else:
        rest = CANDIDATES
    for expr in (*preferred, *rest):
        try:
            ok = _candidate_ok(func, derivative, expr, lemmas)
        except TypeError:  # a lemma that cannot be hashed: checked afresh
            ok = _candidate_ok.__wrapped__(func, derivative, expr, lemmas)
        if ok:
            return _candidate(func, derivative, expr)
    return None


def _candidate(func: Any, derivative: Any | None, expr: sp.Expr) -> dict[Any, sp.Lambda]:
    models = {func: sp.Lambda(X, expr)}
    if derivative is not None:
        models[derivative] = sp.Lambda(X, sp.diff(expr, X))
    return models


@functools.lru_cache(maxsize=1024)
def _candidate_ok(func: Any, derivative: Any | None, expr: sp.Expr, lemmas: tuple[Lemma, ...]) -> bool:
    """Whether the model ``expr`` of ``func`` (its derivative's too) respects everything known of them."""
    return whole_ok(_candidate(func, derivative, expr), lemmas)


def applications_of(lemmas: Sequence[Lemma], funcs: set[Any]) -> list[tuple[Lemma, sp.Basic]]:
    """The quantified lemmas and the applications in them of the functions
    ``funcs`` drawn point by point."""
    out = []
    for lem in lemmas:
        for pattern in sorted(lem.statement.atoms(AppliedUndef), key=sp.default_sort_key):
            if pattern.func in funcs:
                out.append((lem, pattern))
    return out


def instances_hold(
    lemmas: Sequence[Lemma],
    calls: Callable[[], set[sp.Basic]],
    holds: Callable[[sp.Basic], bool | None],
    rounds: int = 6,
) -> bool:
    """Whether every lemma about a function drawn point by point holds at
    each drawn application (``calls()``: those drawn so far; ``holds``
    evaluates a statement in the model, drawing what it brings in, which is
    then checked in turn). False when an instance fails, cannot be formed or
    decided, or new applications keep coming."""
    checked: set[sp.Basic] = set()
    for _ in range(rounds):
        pending = sorted(calls() - checked, key=sp.default_sort_key)
        if not pending:
            return True
        for call in pending:
            checked.add(call)
            for lem, pattern in applications_of(lemmas, {call.func}):
                try:
                    at = instance(pattern, call, tuple(lem.variables), admissible)
                    if at is None:
                        continue
                    hyps = [holds(h.xreplace(at)) for h in lem.hypotheses]
                    if False in hyps:
                        continue
                    if None in hyps or holds(lem.statement.xreplace(at)) is not True:
                        return False
                except Exception:  # an instance that cannot be formed or evaluated: cannot vouch for the model
                    return False
    return False
