r"""Probabilities of events and conditional expectations, where the declared
law decides them.

``P(X >= c)`` (and ``>``, ``<=``, ``<``) for one declared random variable
``X`` and a constant ``c`` is decided

* for a law with a density (normal, uniform, Laplace) by integrating it;
* for a two-point law by adding the probabilities of the values in the event;
* for a law symmetric about 0 without atoms (``Generic(symmetric=True,
  continuous=True)``, a centred normal or Laplace, ``U(-a, a)``) at ``c = 0``:
  ``1/2``.

``E[g(X) | X >= c]`` is decided for a law with a density, as
``int g f / P(X >= c)`` over the event. Anything else is left as it is, with
the reason (:func:`undecided`): a symmetric law that may put mass at 0 does
not give ``P(X >= 0) = 1/2``, and an event about several variables needs
their joint law.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.probability.laws import (
    Distribution,
    Generic,
    Laplace,
    Normal,
    TwoPoint,
    Uniform,
    density,
    support,
)
from symproofs.probability.variables import CondE, Prob

__all__ = ["Laws", "decide_events", "undecided"]

#: How to find the law of a random quantity (a declared symbol, a member
#: ``a(t, i)`` of a declared family); ``None`` when it is not random.
Laws = dict[sp.Basic, Distribution]

_ONE_SIDED = (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)


def _random_side(rel: sp.Basic, law_of: object) -> tuple[sp.Basic, Distribution, sp.Basic, bool] | None:
    """``(X, law, c, upper)`` for an event ``X >= c`` (``upper``) or
    ``X <= c``, with the sides in either order."""
    if not isinstance(rel, _ONE_SIDED):
        return None
    find = law_of if callable(law_of) else (lambda _: None)
    for x, c, upper in ((rel.lhs, rel.rhs, isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan))),
                        (rel.rhs, rel.lhs, isinstance(rel, (sp.LessThan, sp.StrictLessThan)))):
        law = find(x)
        if law is not None and not _random(c, find):
            return x, law, c, upper
    return None


def _random(e: sp.Basic, find: object) -> bool:
    atoms = e.free_symbols | e.atoms(AppliedUndef)
    return any(find(a) is not None for a in atoms)  # type: ignore[operator]


def _no_atoms(law: Distribution) -> bool:
    """A law with a density: a normal law of positive variance (``N(0, s^2)``
    with ``s = 0`` is the point mass at 0), a uniform law on a proper
    interval, a Laplace law of positive scale, or one declared continuous."""
    if isinstance(law, Normal):
        return bool(law.s2.is_positive)
    if isinstance(law, Uniform):
        return bool((law.beta - law.alpha).is_positive)
    if isinstance(law, Laplace):
        return bool(law.b.is_positive)
    return isinstance(law, Generic) and law.continuous


def _symmetric(law: Distribution) -> bool:
    return bool(law.symmetric)


def tail(law: Distribution, c: sp.Basic, upper: bool) -> sp.Expr | None:
    """``P(X >= c)`` (``upper``) or ``P(X <= c)`` for ``X`` of law ``law``
    (strict and non-strict agree for a law without atoms); ``None`` when the
    law does not decide it."""
    if _no_atoms(law) and _symmetric(law) and c == 0:
        return sp.Rational(1, 2)
    if isinstance(law, (Normal, Uniform, Laplace)) and _no_atoms(law):
        x = sp.Dummy("x", real=True)
        lo, hi = support(law)
        f = density(law, x)
        inside = sp.Piecewise((1, sp.Ge(x, c) if upper else sp.Le(x, c)), (0, True))
        value = sp.integrate(f * inside, (x, lo, hi))
        return None if value.has(sp.Integral) else sp.simplify(value)
    return None


def _two_point(law: TwoPoint, rel: sp.Basic, x: sp.Basic) -> sp.Expr | None:
    values, probs = law.values()
    total = sp.S.Zero
    for v, p in zip(values, probs, strict=True):
        holds = rel.xreplace({x: v})
        if holds not in (sp.true, sp.false):
            return None
        total += p if holds is sp.true else 0
    return total


def probability(event: sp.Basic, law_of: object) -> sp.Expr | None:
    """``P(event)`` when the declared law decides it: also ``P(X = c)`` (and
    ``X != c``) for a law of two values (``P(R_{ij} = 1) = p``) or one
    without atoms (0)."""
    if isinstance(event, (sp.Eq, sp.Ne)):
        find = law_of if callable(law_of) else (lambda _: None)
        for x, c in ((event.lhs, event.rhs), (event.rhs, event.lhs)):
            law = find(x)
            if law is None or _random(c, find):
                continue
            if isinstance(law, TwoPoint):
                return _two_point(law, event, x)
            if _no_atoms(law):
                return sp.S.Zero if isinstance(event, sp.Eq) else sp.S.One
        return None
    found = _random_side(event, law_of)
    if found is None:
        return None
    x, law, c, upper = found
    if isinstance(law, TwoPoint):
        return _two_point(law, event, x)
    return tail(law, c, upper)


def conditional(value: sp.Basic, event: sp.Basic, law_of: object) -> sp.Expr | None:
    """``E[value | event]`` for ``value`` a function of the one variable of
    ``event``, whose law has a density."""
    found = _random_side(event, law_of)
    if found is None:
        return None
    x, law, c, upper = found
    if not isinstance(law, (Normal, Uniform, Laplace)):
        return None
    find = law_of if callable(law_of) else (lambda _: None)
    others = {a for a in value.free_symbols | value.atoms(AppliedUndef) if a != x and find(a) is not None}
    if others:
        return None
    p = tail(law, c, upper)
    if p is None or p == 0:
        return None
    t = sp.Dummy("x", real=True)
    lo, hi = support(law)
    inside = sp.Piecewise((1, sp.Ge(t, c) if upper else sp.Le(t, c)), (0, True))
    total = sp.integrate(value.xreplace({x: t}) * density(law, t) * inside, (t, lo, hi))
    return None if total.has(sp.Integral) else sp.simplify(total / p)


def decide_events(e: sp.Basic, law_of: object) -> sp.Basic:
    """``e`` with every probability and conditional expectation that the
    declared laws decide replaced by its value."""
    if not e.has(Prob, CondE):
        return e

    def prob(p: sp.Basic) -> sp.Basic:
        if len(p.args) != 1:
            return p
        value = probability(p.args[0], law_of)
        return p if value is None else value

    def cond(q: sp.Basic) -> sp.Basic:
        value = conditional(q.args[0], q.args[1], law_of)
        return q if value is None else value

    e = e.replace(lambda x: isinstance(x, Prob), prob)
    return e.replace(lambda x: isinstance(x, CondE), cond)


def undecided(e: sp.Basic, law_of: object) -> list[str]:
    """Why each probability and conditional expectation left in ``e`` is
    not decided."""
    find = law_of if callable(law_of) else (lambda _: None)
    out: list[str] = []
    for p in sorted(e.atoms(Prob, CondE), key=sp.default_sort_key):
        event = p.args[-1] if isinstance(p, Prob) else p.args[1]
        found = _random_side(event, law_of) if len(p.args) == 1 or isinstance(p, CondE) else None
        if isinstance(p, Prob) and len(p.args) == 2:
            why = "a conditional probability needs the joint law of its events"
        elif found is None:
            randoms = sorted(sp.sstr(a) for a in event.free_symbols | event.atoms(AppliedUndef)
                             if find(a) is not None)
            why = ("an event about several random variables needs their joint law (their independence is "
                   "not declared, or P of the event is not decided)" if len(randoms) > 1
                   else "the event is not a comparison of one declared random variable with a constant")
        else:
            law = found[1]
            if isinstance(p, CondE) and probability(event, law_of) is None and _symmetric(law):
                why = (f"the law {law.describe()} has no density to condition with, and is symmetric but may "
                       "put mass at 0: declare it continuous for P(event) = 1/2 > 0")
            elif isinstance(p, CondE):
                why = (f"the law {law.describe()} has no density to condition with, nor a positive P(event) "
                       "for the law of total expectation")
            elif _symmetric(law) and not _no_atoms(law):
                fix = ("declare its parameters so that it has a density (a positive variance or scale)"
                       if isinstance(law, (Normal, Uniform, Laplace)) else "declare it continuous")
                why = (f"the law {law.describe()} is symmetric, but may put mass at 0, and P = 1/2 needs it to put "
                       f"none there (to have a density, say), which nothing stated says ({fix} for P = 1/2)")
            else:
                why = f"the law {law.describe()} does not decide it"
        out.append(f"{sp.sstr(p)}: {why}")
    return out
