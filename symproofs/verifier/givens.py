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

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal, holds_random, random_heads_of
from symproofs.core.model import Given
from symproofs.probability.variables import OPERATORS as MOMENTS
from symproofs.probability.variables import CondE, Prob

__all__ = ["oriented", "tied_to_chance"]

_OPERATORS = (*MOMENTS, CondE, Prob)


def oriented(givens: Sequence[Given]) -> tuple[Given, ...]:
    """``givens`` with a name alone on the right (``X^2 = Y``) moved to the
    left (``Y = X^2``): the same equation, read as the name's definition."""
    out = []
    for g in givens:
        st = g.statement
        if g.index is None and isinstance(st, sp.Eq) and isinstance(st.rhs, sp.Symbol) \
                and not isinstance(st.lhs, sp.Symbol) and not st.lhs.has(st.rhs):
            g = replace(g, statement=sp.Eq(st.rhs, st.lhs, evaluate=False))
        out.append(g)
    return tuple(out)


def _outside_moments(e: sp.Basic) -> sp.Basic:
    """``e`` with every expectation, variance, covariance, probability replaced by 0."""
    return e.replace(lambda x: isinstance(x, _OPERATORS), lambda x: sp.S.Zero)


def tied_to_chance(goal: Goal) -> str | None:
    """Why a step cannot be checked: it takes an expectation (or a variance,
    a probability) of a name that a given ties to a random variable without
    defining it; ``None`` when it does not."""
    heads = random_heads_of(goal.context.algebras)
    if not heads:
        return None
    defined = {g.statement.lhs for g in goal.context.givens if g.index is None
               and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.Symbol)}
    tied: dict[sp.Basic, str] = {}
    for g in goal.context.givens:
        st = g.statement
        if not isinstance(st, sp.Eq) or g.index is not None or any(
                isinstance(side, AppliedUndef) or (isinstance(side, sp.Symbol) and not holds_random(side, heads))
                for side in (st.lhs, st.rhs)):
            continue  # a definition (of a name, a member, a family) or a bound: its parameters stay constants
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
                for op in part.atoms(*_OPERATORS):
                    inside |= op.free_symbols
    hit = sorted((s for s in tied if s in inside), key=str)
    if not hit:
        return None
    s = hit[0]
    return (f"the given '{tied[s]}' ties {s} to a random variable without defining it: "
            f"{s} is random, and nothing says how (write it as {s} = ...)")
