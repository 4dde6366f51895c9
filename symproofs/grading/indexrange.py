"""Indices a counterexample puts outside the family they address.

A step that writes ``w_j`` beside ``\\sum_{i=1}^n w_i^2`` (in the step or in
a definition it uses: ``J = \\sum_{i=1}^n w_i^2``, then ``\\partial J /
\\partial w_j``) speaks of ``j`` in ``1..n``: the family ``w`` is indexed
over that range. A point with ``j = 0`` or ``j > n`` is no counterexample
to it (:func:`outside`). The step is refuted only at a point inside every
such range where it fails too (:func:`inside`), else it is *unknown*.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal
from symproofs.core.model import Relation
from symproofs.core.results import Counterexample
from symproofs.verifier.points import expand_finite, settled
from symproofs.verifier.values import Undecided, fails

__all__ = ["Outside", "inside", "outside"]

#: An index outside a family's range: the index (as written), the family, and the range's ends (as written).
Outside = tuple[sp.Basic, str, sp.Basic, sp.Basic]

#: How :func:`fails` decides each relation between expressions (and whether the sides swap).
_KINDS = {
    Relation.EQ: ("eq", False),
    Relation.LE: ("le", False),
    Relation.LT: ("lt", False),
    Relation.GE: ("le", True),
    Relation.GT: ("lt", True),
}

_MAX_MEMBERS = 12


def _ranges(exprs: Sequence[sp.Basic]) -> dict[tuple[sp.Basic, int], list[tuple[sp.Basic, sp.Basic]]]:
    """For each family and argument position, the ranges a sum or a product
    runs that argument over (``w``, 0 -> ``1..n`` in ``\\sum_{i=1}^n w_i^2``)."""
    out: dict[tuple[sp.Basic, int], list[tuple[sp.Basic, sp.Basic]]] = {}
    for e in exprs:
        for s in e.atoms(sp.Sum, sp.Product):
            for var, lo, hi in s.limits:
                for a in s.function.atoms(AppliedUndef):
                    for k, arg in enumerate(a.args):
                        if arg == var and (lo, hi) not in out.setdefault((a.func, k), []):
                            out[(a.func, k)].append((lo, hi))
    return out


def _free_members(e: sp.Basic, bound: frozenset[sp.Basic] = frozenset()) -> Iterator[AppliedUndef]:
    """The applications in ``e`` whose arguments no sum, product or integral around them binds."""
    if isinstance(e, ExprWithLimits):
        inner = bound | {lim[0] for lim in e.limits}
        yield from _free_members(e.function, inner)
        for lim in e.limits:
            for end in lim[1:]:
                yield from _free_members(end, bound)
        return
    if isinstance(e, AppliedUndef) and not (e.free_symbols & bound):
        yield e
    for arg in e.args:
        yield from _free_members(arg, bound)


def outside(exprs: Sequence[sp.Basic], definitions: Sequence[sp.Basic], cx: Counterexample) -> list[Outside]:
    """Each index of a member the step writes (``w_j``) that the point puts
    outside a range a sum or product of the step, or of a definition it
    uses, runs the same family over (``j = 0`` beside ``\\sum_{i=1}^n w_i``)."""
    point = dict(cx.assignment)
    ranges = _ranges([*exprs, *definitions])
    out: list[Outside] = []
    for e in exprs:
        for member in _free_members(e):
            for k, arg in enumerate(member.args):
                if (member.func, k) not in ranges or not arg.free_symbols or not arg.free_symbols <= set(point):
                    continue
                for lo, hi in ranges[(member.func, k)]:
                    if arg.free_symbols & (lo.free_symbols | hi.free_symbols):
                        continue  # g_{t+1} beside sum_{k=1}^{t} g_k: a member past the sum, not an index of it
                    found = (arg, str(member.func), lo, hi)
                    if found not in out and sp.And(sp.Ge(arg, lo), sp.Le(arg, hi)).xreplace(point) is sp.false:
                        out.append(found)
    return out


def _with_definitions(goal: Goal) -> tuple[sp.Basic, sp.Basic]:
    """The step's sides with the definitions of plain names it uses put in (a few levels)."""
    plain = {
        g.statement.lhs: g.statement.rhs
        for g in goal.context.givens
        if g.index is None and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.Symbol)
    }
    lhs, rhs = goal.lhs, goal.rhs
    assert isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)  # (inside: relations between expressions)
    for _ in range(3):
        lhs, rhs = lhs.xreplace(plain), rhs.xreplace(plain)
    return lhs, rhs


def _value(e: sp.Basic, values: dict[sp.Basic, sp.Basic], members: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    out = expand_finite(settled(e, values, members).xreplace(members))
    if not isinstance(out, sp.Expr) or not out.is_number or out.atoms(AppliedUndef):
        raise Undecided("no value at this point")
    return out


def inside(goal: Goal, cx: Counterexample, found: Sequence[Outside]) -> Counterexample | None:
    """A point where every index of ``found`` lies in every range its family
    has, near ``cx`` (the ends' names as at ``cx`` or a little larger; the
    index at an end; members ``cx`` does not value given fresh values), at
    which the step, its definitions put in, fails (decided exactly); None
    if there is none of these."""
    if goal.relation not in _KINDS or not all(isinstance(s, sp.Expr) for s in (goal.lhs, goal.rhs)):
        return None
    if any(not isinstance(x, sp.Symbol) or not x.is_integer for x, _, _, _ in found):
        return None  # j + 1 outside 1..n: no value of j is tried
    point = dict(cx.assignment)
    indices = sorted({x for x, _, _, _ in found}, key=sp.default_sort_key)
    ends = sorted(
        {
            s
            for _, _, lo, hi in found
            for s in (lo.free_symbols | hi.free_symbols)
            if s in point and isinstance(s, sp.Symbol) and s.is_integer and s not in indices
        },
        key=sp.default_sort_key,
    )
    families = {name for _, name, _, _ in found}
    lhs, rhs = _with_definitions(goal)
    kind, swap = _KINDS[goal.relation]
    for shift in itertools.product(range(3), repeat=len(ends)):
        base = {**point, **{s: point[s] + d for s, d in zip(ends, shift, strict=True)}}
        choices = []
        for x in indices:
            spans = [(lo.xreplace(base), hi.xreplace(base)) for y, _, lo, hi in found if y == x]
            if not all(lo.is_Integer and hi.is_Integer and lo <= hi for lo, hi in spans):
                break
            choices.append(sorted({v for lo, hi in spans for v in (lo, hi) if all(a <= v <= b for a, b in spans)}))
        else:
            for picked in itertools.product(*choices):
                at = _tried(lhs, rhs, base, dict(zip(indices, picked, strict=True)), families, kind, swap)
                if at is not None:
                    return at
    return None


def _tried(
    lhs: sp.Basic,
    rhs: sp.Basic,
    base: dict[sp.Basic, sp.Basic],
    picked: dict[sp.Basic, sp.Basic],
    families: set[str],
    kind: str,
    swap: bool,
) -> Counterexample | None:
    """The point ``base`` with the indices ``picked``, if the sides fail there."""
    values = {k: v for k, v in {**base, **picked}.items() if isinstance(k, sp.Symbol)}
    members = {k: v for k, v in base.items() if isinstance(k, AppliedUndef)}
    try:
        sides = [settled(s, values, members) for s in (lhs, rhs)]
        wanted = {
            a
            for s in sides
            for a in expand_finite(s).atoms(AppliedUndef)
            if a.func.__name__ in families and a not in members
        }
        if len(wanted) > _MAX_MEMBERS:
            return None
        for n, a in enumerate(sorted(wanted, key=sp.default_sort_key)):
            members[a] = sp.Rational(3 * n + 2, 7)  # distinct, nonzero, not 1
        a, b = _value(lhs, values, members), _value(rhs, values, members)
        false = fails(b, a, kind) if swap else fails(a, b, kind)
    except (Undecided, TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError):
        return None
    if not false:
        return None
    assignment = tuple(sorted(values.items(), key=lambda kv: str(kv[0]))) + tuple(
        sorted(members.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    )
    return Counterexample(assignment=assignment, lhs=a, rhs=b)
