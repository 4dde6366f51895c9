"""Whether a bound variable's assumptions agree with the values it runs over.

sympy simplifies an expression with its symbols' assumptions as soon as it is
built: with ``x`` declared positive, ``|x|`` is ``x`` before any check runs.
Under an integral, a sum, a product, a limit or a substitution the variable
runs over its range or approaches its point, not over the declared set: with
``x`` positive, ``Integral(|x|, (x, -1, 1))`` is built as ``Integral(x, (x, -1,
1))``, which is 0, not 1. Once the body is rewritten nothing can recover it,
so such a step is neither proved nor refuted (a refutation would compare the
rewritten body too): it is *unknown*, with the reason.

The same holds for a body with the imaginary unit in it while every name is
real (``sqrt(-x**2)`` is built as ``I*|x|``): a limit, an integral or a
substitution of a real-valued function has no value there, and an order
between sides that are not real is not checked.

>>> x = sp.Symbol("x", positive=True)
>>> binder_problem((sp.Integral(x, (x, -1, 1)),), None).split(":")[0]
'the bound variable x is declared positive, but Integral(x, (x, -1, 1)) takes it over values that are not'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sympy as sp

from symproofs.core.facts import Facts, contradiction
from symproofs.core.goals import Goal

__all__ = ["binder_problem", "dimension_clash", "goal_binder_problem", "imaginary_problem"]

#: the assumptions sympy simplifies with that a range or a point may break
_SIGNS = ("positive", "negative", "nonnegative", "nonpositive", "zero", "nonzero")
_NUMBER_KINDS = ("integer", "even", "odd", "prime", "composite", "rational", "irrational", "noninteger")
_CHECKED = (*_SIGNS, *_NUMBER_KINDS)
#: what every integer is: an index running to infinity may carry these
_OF_INTEGERS = frozenset({("integer", True), ("rational", True), ("noninteger", False), ("irrational", False)})


def _declared(v: sp.Symbol) -> dict[str, bool]:
    """The checked assumptions ``v`` carries (with those they imply)."""
    out: dict[str, bool] = {}
    for key in _CHECKED:
        value = getattr(v, f"is_{key}")
        if value is not None:
            out[key] = bool(value)
    return out


def _decide(rel: sp.Basic, facts: Facts | None) -> bool | None:
    if rel in (sp.true, sp.false):
        return bool(rel)
    if not isinstance(rel, sp.Basic) or not isinstance(rel, sp.core.relational.Relational):
        return None
    return None if facts is None else facts.decide(rel)


#: the set of values a sign assumption allows: "pos", "neg" (with or without 0), "nonzero" or "zero"
_SETS = {("positive", True): ("pos", False), ("positive", False): ("neg", True),
         ("negative", True): ("neg", False), ("negative", False): ("pos", True),
         ("nonnegative", True): ("pos", True), ("nonnegative", False): ("neg", False),
         ("nonpositive", True): ("neg", True), ("nonpositive", False): ("pos", False),
         ("zero", True): ("zero", True), ("zero", False): ("nonzero", False),
         ("nonzero", True): ("nonzero", False), ("nonzero", False): ("zero", True)}


def _sign_holds(key: str, value: bool, lo: sp.Basic, hi: sp.Basic, facts: Facts | None, *,
                open_ends: bool) -> bool:
    """Whether every point from ``lo`` to ``hi`` (``lo <= hi``; the ends
    excluded when ``open_ends``) lies in the set the assumption allows."""
    kind, with_zero = _SETS[(key, value)]
    if kind == "pos":
        return _decide((sp.Ge if with_zero or open_ends else sp.Gt)(lo, 0), facts) is True
    if kind == "neg":
        return _decide((sp.Le if with_zero or open_ends else sp.Lt)(hi, 0), facts) is True
    if kind == "zero":
        return _decide(sp.Eq(lo, 0), facts) is True and _decide(sp.Eq(hi, 0), facts) is True
    return _sign_holds("positive", True, lo, hi, facts, open_ends=open_ends) or _sign_holds(
        "negative", True, lo, hi, facts, open_ends=open_ends)


def _near_holds(key: str, value: bool, point: sp.Basic, side: str, facts: Facts | None) -> bool:
    """Whether the points just beside ``point`` on ``side`` (``+`` or ``-``)
    lie in the set the sign assumption allows."""
    kind, _ = _SETS[(key, value)]
    if kind == "nonzero":
        return True
    if kind == "zero":
        return False
    toward = {("pos", "+"): sp.Ge, ("pos", "-"): sp.Gt, ("neg", "+"): sp.Lt, ("neg", "-"): sp.Le}[(kind, side)]
    return _decide(toward(point, 0), facts) is True


def _range_problem(v: sp.Symbol, lo: sp.Basic, hi: sp.Basic, facts: Facts | None, *, discrete: bool) -> str | None:
    """Which declared assumption of ``v`` the values from ``lo`` to ``hi``
    (integers only when ``discrete``) may break, or None."""
    single = _decide(sp.Eq(lo, hi), facts) is True
    for key, value in _declared(v).items():
        if key in _SIGNS:
            lower, upper = (lo, hi) if discrete or _decide(sp.Le(lo, hi), facts) is True else (hi, lo)
            if not _sign_holds(key, value, lower, upper, facts, open_ends=not discrete and not single):
                return key if value else f"not {key}"
        elif key == "integer" and value and discrete:
            continue
        elif key in ("rational", "noninteger", "irrational") and discrete:
            if (key == "rational") == value:
                continue
            return key if value else f"not {key}"
        elif not single:
            return key if value else f"not {key}"
        else:
            got = getattr(lo, f"is_{key}")
            if got is not value:
                return key if value else f"not {key}"
    return None


def _point_problem(v: sp.Symbol, point: sp.Basic, facts: Facts | None, *, around: str | None) -> str | None:
    """Which declared assumption of ``v`` the ``point`` (or, with ``around``
    one of ``+``, ``-``, ``+-``, the points near it on that side) may break."""
    if around is None:
        return _range_problem(v, point, point, facts, discrete=False)
    for key, value in _declared(v).items():
        if point in (sp.oo, -sp.oo):  # near an infinite point: large numbers of its sign (integers allowed)
            if key in _SIGNS and getattr(sp.Integer(1 if point == sp.oo else -1), f"is_{key}") is value:
                continue
            if (key, value) in _OF_INTEGERS:  # a sequence's index
                continue
            return key if value else f"not {key}"
        if key not in _SIGNS:
            return key if value else f"not {key}"  # no values of that kind fill a neighbourhood
        for side in around if around in ("+", "-") else "+-":
            if not _near_holds(key, value, point, side, facts):
                return key if value else f"not {key}"
    return None


def _problems(b: sp.Basic, facts: Facts | None) -> Iterable[tuple[sp.Symbol, str]]:
    """The bound variables of the binder ``b`` whose assumptions its range breaks."""
    if isinstance(b, (sp.Integral, sp.Sum, sp.Product)):
        for lim in b.limits:
            if len(lim) == 3 and isinstance(lim[0], sp.Symbol):
                why = _range_problem(lim[0], lim[1], lim[2], facts, discrete=not isinstance(b, sp.Integral))
                if why is not None:
                    yield lim[0], why
    elif isinstance(b, sp.Subs):
        expr, variables, points = b.args
        for v, p in zip(variables, points, strict=True):
            if not isinstance(v, sp.Symbol):
                continue
            derived = any(v in d.variables for d in expr.atoms(sp.Derivative))
            why = _point_problem(v, p, facts, around="+-" if derived else None)
            if why is not None:
                yield v, why
    elif isinstance(b, sp.Limit):
        _, v, point, direction = b.args
        if isinstance(v, sp.Symbol):
            why = _point_problem(v, point, facts, around=str(direction))
            if why is not None:
                yield v, why


def binder_problem(sides: Sequence[object], facts: Facts | None) -> str | None:
    """Why a bound variable of a side cannot be trusted: its declared
    assumptions (with which sympy already simplified the body) do not hold
    over the range or at the point it is bound to; ``None`` when they do."""
    for side in sides:
        if not isinstance(side, sp.Basic):
            continue
        for b in sp.preorder_traversal(side):
            for v, why in _problems(b, facts):
                return (f"the bound variable {sp.sstr(v)} is declared {why}, but {sp.sstr(b)} takes it over values "
                        "that are not: the body was already simplified with that declaration (rename the bound "
                        "variable to a name without it)")
    return None


def _all_real(expr: sp.Basic) -> bool:
    return all(s.is_real is True for s in expr.free_symbols)


def imaginary_problem(sides: Sequence[object], *, order: bool) -> str | None:
    """A part with the imaginary unit where every name is real: the body of
    a limit, integral, sum, product or substitution (a real function with no
    real value there, as ``sqrt(-x**2)`` built as ``I*|x|``), or, in an
    order, any side."""
    for side in sides:
        if not isinstance(side, sp.Basic) or not isinstance(side, sp.Expr) or not side.has(sp.I):
            continue
        if not _all_real(side):
            continue
        if order and side.is_real is not True:
            return (f"{sp.sstr(side)} is not real (it has the imaginary unit): an order between values that are "
                    "not real is not checked")
        for b in side.atoms(sp.Limit, sp.Integral, sp.Subs, sp.Sum, sp.Product):
            body = b.args[0]
            if isinstance(body, sp.Expr) and body.has(sp.I) and body.is_real is not True:
                return (f"the body {sp.sstr(body)} of {sp.sstr(b)} is not real where its names are (a root or a "
                        "logarithm with no real value there): it has no value as a real function")
    return None


def dimension_clash(facts: Facts) -> str | None:
    """An assumption between whole numbers (dimensions) that the other
    assumptions refute (``n >= m``, where a cancelled inverse of ``X X^T`` may
    exist, against the declared ``m > n``): nothing follows from them."""
    if contradiction(facts.constraints) is not None:
        return None  # one symbol left no value: the pipeline's own check names it
    relations = [c for c in facts.constraints if isinstance(c, sp.core.relational.Relational)
                 and c.free_symbols and all(s.is_integer for s in c.free_symbols)]
    for c in relations:
        others = Facts(tuple(x for x in facts.constraints if x is not c))
        if others.decide(c) is False:
            return (f"the assumptions contradict each other ({sp.sstr(c)} fails under the others; a side as "
                    "written, an inverse sympy cancelled, may have no value anywhere): nothing follows from them")
    return None


def goal_binder_problem(goal: Goal) -> str | None:
    """Why ``goal`` cannot be checked as built (see the module), or ``None``:
    asked before any strategy rewrites a side."""
    sides = (goal.lhs, goal.rhs)
    facts = goal.context.facts
    return binder_problem(sides, facts) or imaginary_problem(sides, order=goal.relation.is_order) \
        or dimension_clash(facts)
