"""What the givens of a goal say about its names.

A given is an equation between expressions; when one side is a name alone
(``Eq(X**2, Y)``) it defines that name, whichever side it stands on
(:func:`oriented`). A name that an equation ties to a random variable
without defining it (``Y - X^2 = 0``, ``Y^3 + Y = X``; a definition of a
name or of a member, ``v_t = \\beta v_{t-1} + ...``, ties nothing) is random too, but nothing
says how: inside an expectation it is not a constant, so a step that takes
an expectation of it is left unknown (:func:`tied_to_chance`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.capture import substituted
from symproofs.core.goals import Goal, holds_random, random_heads_of
from symproofs.core.model import Given
from symproofs.probability.variables import MOMENTS
from symproofs.verifier.rewrite import rewrite_with_givens

__all__ = ["bound_definition", "exposed", "into_moments", "oriented", "tied_to_chance"]

def oriented(givens: Sequence[Given], heads: frozenset[object] = frozenset()) -> tuple[Given, ...]:
    """``givens`` with a plain name alone on the right (``X^2 = Y``, or
    ``X = Y`` with ``X`` random) moved to the left (``Y = X^2``): the same
    equation, read as the name's definition."""
    out = []
    for g in givens:
        st = g.statement
        if g.index is None and isinstance(st, sp.Eq) and isinstance(st.rhs, sp.Symbol) \
                and not holds_random(st.rhs, heads) and not st.lhs.has(st.rhs) \
                and (not isinstance(st.lhs, sp.Symbol) or holds_random(st.lhs, heads)):
            g = replace(g, statement=sp.Eq(st.rhs, st.lhs, evaluate=False))
        out.append(g)
    return tuple(out)


def into_moments(goal: Goal) -> Goal:
    """``goal`` with every name a given defines from random quantities
    (``Y = X^2``, ``v_1 = X``, through other such names) written out inside
    expectations, variances, covariances and probabilities: there it is not
    a constant."""
    heads = random_heads_of(goal.context.algebras)
    if not heads:
        return goal
    values: dict[sp.Basic, sp.Basic] = {}
    for _ in range(5):  # Y = Z and Z = X: through a middle name
        grew = False
        for g in goal.context.givens:
            st = g.statement
            if g.index is None and isinstance(st, sp.Eq) and isinstance(st.lhs, (sp.Symbol, AppliedUndef)) \
                    and st.lhs not in values and not holds_random(st.lhs, heads) and not st.rhs.has(st.lhs) \
                    and (holds_random(_outside_moments(st.rhs), heads) or st.rhs.has(*values)):
                values[st.lhs] = st.rhs
                grew = True
        if not grew:
            break
    if not values:
        return goal

    def written_out(e: Any) -> Any:
        if isinstance(e, tuple):
            return tuple(written_out(x) for x in e)
        if not isinstance(e, sp.Basic):
            return e
        for _ in range(5):
            new = e.replace(lambda x: isinstance(x, MOMENTS), lambda x: substituted(x, values))
            if new == e:
                break
            e = new
        return e

    return replace(goal, lhs=written_out(goal.lhs), rhs=written_out(goal.rhs))


def _defines(side: sp.Basic, other: sp.Basic, heads: frozenset[object]) -> bool:
    """Whether ``side = other`` defines ``side``: a plain name or a member at
    fixed indices (``v_1``), not random, that ``other`` does not use."""
    named = (isinstance(side, sp.Symbol) and not holds_random(side, heads)) or (
        isinstance(side, AppliedUndef) and all(a.is_number for a in side.args))
    return named and not other.has(side)


def _outside_moments(e: sp.Basic) -> sp.Basic:
    """``e`` with every expectation, variance, covariance, probability replaced by 0."""
    return e.replace(lambda x: isinstance(x, MOMENTS), lambda x: sp.S.Zero)


def tied_to_chance(goal: Goal) -> str | None:
    """Why a step cannot be checked: it takes an expectation (or a variance,
    a probability) of a name that a given ties to a random variable without
    defining it; ``None`` when it does not."""
    heads = random_heads_of(goal.context.algebras)
    if not heads:
        return None
    defined = {g.statement.lhs for g in goal.context.givens if g.index is None
               and isinstance(g.statement, sp.Eq) and _defines(g.statement.lhs, g.statement.rhs, heads)}
    tied: dict[sp.Basic, str] = {}
    for g in goal.context.givens:
        st = g.statement
        if not isinstance(st, sp.Eq) or g.index is not None or any(
                _defines(side, other, heads) for side, other in ((st.lhs, st.rhs), (st.rhs, st.lhs))):
            continue  # a definition (of a name, a member, a family): its parameters stay constants
        bare = _outside_moments(st)
        if holds_random(bare, heads):
            for s in bare.free_symbols - defined:
                if isinstance(s, sp.Symbol) and not holds_random(s, heads) and s != g.index:
                    tied.setdefault(s, g.name)
    if not tied:
        return None
    inside = set()
    for side in (goal.lhs, goal.rhs):
        for part in (side if isinstance(side, tuple) else (side,)):
            if isinstance(part, sp.Basic):
                for op in part.atoms(*MOMENTS):
                    inside |= op.free_symbols
    hit = sorted((s for s in tied if s in inside), key=str)
    if not hit:
        return None
    s = hit[0]
    return (f"the given '{tied[s]}' ties {s} to a random variable without defining it: "
            f"{s} is random, and nothing says how (write it as {s} = ...)")


#: Operators whose variable is bound: their range, not the point, gives it values.
_BINDING = (sp.Integral, sp.Sum, sp.Product, sp.Limit)


def _bound(e: sp.Basic) -> set[sp.Basic]:
    out: set[sp.Basic] = set()
    for b in e.atoms(*_BINDING):
        out |= {lim[0] for lim in b.limits} if not isinstance(b, sp.Limit) else {b.args[1]}
    for s in e.atoms(sp.Subs):
        out |= set(s.variables)
    return out


def bound_definition(goal: Goal) -> str | None:
    """Why the step reads a defined name two ways, or ``None``: a given
    defines ``y`` through ``x`` (``y = x``) and the step binds ``x`` in an
    integral, a sum, a product, a limit or a substitution where ``y`` occurs,
    so that ``y`` is the point's value there for some readings and a function
    of the bound ``x`` for others (``\\int_0^1 dy/dx dx``)."""
    sides = [s for side in (goal.lhs, goal.rhs) for s in (side if isinstance(side, tuple) else (side,))
             if isinstance(s, sp.Basic)]
    for b in (x for side in sides for x in side.atoms(*_BINDING, sp.Subs)):
        variables = set(b.variables) if isinstance(b, sp.Subs) else _bound(b)
        for g in goal.context.givens:
            st = g.statement
            if g.index is not None or not isinstance(st, sp.Eq) or not isinstance(st.lhs, sp.Symbol):
                continue
            if st.lhs in b.free_symbols and variables & st.rhs.free_symbols:
                names = ", ".join(sorted(sp.sstr(v) for v in variables & st.rhs.free_symbols))
                return (f"{sp.sstr(st.lhs)} is defined through {names}, which the step also binds in "
                        f"{sp.sstr(b)[:80]}: which {names} it means there is not said")
    return None


def exposed(goal: Goal) -> tuple[sp.Basic, ...]:
    """The sides with the givens rewritten into them, when a given brings a
    limit, a derivative or a substitution in, or the sides take one of a name
    a given defines: what a guard on limits and derivatives must look at too."""
    givens = goal.context.givens
    sides = [s for side in (goal.lhs, goal.rhs) for s in (side if isinstance(side, tuple) else (side,))
             if isinstance(s, sp.Basic)]
    operators = (sp.Limit, sp.Derivative, sp.Subs)
    inside = {x for s in sides for op in s.atoms(*operators) for x in (*op.free_symbols, *op.atoms(AppliedUndef))}
    defined = [g.statement.lhs for g in givens if isinstance(g.statement, sp.Eq)]
    if not (any(g.statement.has(*operators) for g in givens)
            or any(d in inside or (isinstance(d, AppliedUndef) and any(a.func == d.func for a in inside
                                                                      if isinstance(a, AppliedUndef)))
                   for d in defined)):
        return ()  # no given brings an operator in, nor defines a name one of the sides' operators takes
    out = []
    for s in sides:
        try:
            out.append(rewrite_with_givens(s, givens, goal.context.facts))
        except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
            continue
    return tuple(out)
