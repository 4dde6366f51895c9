"""Rewriting with givens: definitions, hypotheses and recurrences.

A given ``lhs = rhs`` is used left to right. A given with an ``index`` is a
family: every instance whose index is provably at least ``valid_from`` is
rewritten. A recurrence (the right side mentions the same function at other
indices) is unfolded towards the lowest index present, so that two sides
written at different indices meet in one normal form.

A first-order linear recurrence with a starting value (``v_t = a v_{t-1} +
b_t`` for ``t >= 1`` and ``v_0 = c``) also has its closed form
(:func:`solved_recurrences`), the formula that induction on ``t`` proves.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import sympy as sp

from symproofs.core.capture import apart, names_in, substituted
from symproofs.core.facts import Facts, rename_bound, surely_integer
from symproofs.core.model import Given
from symproofs.verifier.sums import BINDERS, bound_by

__all__ = ["apart_from", "is_recurrence", "point_values", "rewrite_with_givens", "solved_recurrences"]

_MAX_ROUNDS = 12


def _head(expr: sp.Basic) -> sp.Basic | None:
    return expr.func if isinstance(expr, sp.core.function.AppliedUndef) else None


@functools.lru_cache(maxsize=4096)
def is_recurrence(given: Given) -> bool:
    """Whether ``given`` is a recurrence: an indexed family whose right side
    mentions its own function (computed once per given: every rewriting
    asks it of every given)."""
    st = given.statement
    if not isinstance(st, sp.Eq) or given.index is None:
        return False
    head = _head(st.lhs)
    return head is not None and any(
        isinstance(a, sp.core.function.AppliedUndef) and a.func == head for a in st.rhs.atoms(sp.Function)
    )


def _valid(given: Given, index_value: sp.Expr, facts: Facts) -> bool:
    return given.covers(index_value, facts.nonnegative)


def apart_from(expr: sp.Basic, names: set[sp.Basic]) -> sp.Basic:
    """``expr`` with every name a sum, product, integral, lambda, limit,
    derivative or substitution binds that is among ``names`` renamed to a
    fresh one, so that putting ``names`` into ``expr`` captures nothing."""
    if not names or not expr.has(*BINDERS):
        return expr

    def rename(e: sp.Basic) -> sp.Basic:
        fresh = {b: sp.Dummy(str(b), **b.assumptions0) for b in bound_by(e) & names}
        if isinstance(e, sp.Subs):
            return sp.Subs(e.expr.xreplace(fresh), tuple(fresh.get(v, v) for v in e.variables), e.point)
        return e.xreplace(fresh)

    return expr.replace(lambda e: isinstance(e, BINDERS) and bool(bound_by(e) & names), rename)


@functools.lru_cache(maxsize=4096)
def _instance(given: Given, term: sp.Basic) -> sp.Basic | None:
    """The right side of ``given`` for ``term`` if ``term`` is an instance
    of its left side (matched once per given and term: a probe unfolds the
    same members at every point)."""
    st = given.statement
    assert isinstance(st, sp.Eq)
    if given.index is None:
        return st.rhs if term == st.lhs else None
    # The family speaks of integer indices only: v(x) for a real x, or
    # v(t/2), is not one of its instances.
    w = sp.Wild("w_", properties=[surely_integer])
    pattern = st.lhs.xreplace({given.index: w})
    m = term.match(pattern)
    if m is None or w not in m:
        return None
    value = m[w]
    if sp.expand(pattern.xreplace({w: value}) - term) != 0:
        return None
    # v(j) from v(k) = sum_j k g(j): the family's own j renamed apart first
    return apart_from(st.rhs, value.free_symbols).xreplace({given.index: value}), value


def _substitute(expr: sp.Basic, given: Given, facts: Facts,
                avoid: frozenset[sp.Basic] = frozenset()) -> sp.Basic:
    st = given.statement
    assert isinstance(st, sp.Eq)
    if given.index is None:
        if not expr.has(st.lhs):
            return expr
        # a sum over an index named like a symbol of the given keeps its index; a derivative with respect
        # to the left side (dL/d\hat y, with \hat y = w h + b given) keeps it: it is taken before.
        # The given's own bound names are renamed apart from the free names of ``expr`` and ``avoid``
        # (dJ/dw_i with J = sum_i w_i^2: the sum's i is not the i of w_i)
        held = {d: sp.Dummy("held") for d in expr.atoms(sp.Derivative) if st.lhs in d.variables}
        renamed = substituted(rename_bound(expr.xreplace(held), {st.lhs, *st.free_symbols}), {st.lhs: st.rhs},
                              avoid | names_in(expr))
        return renamed.xreplace({v: d for d, v in held.items()})
    lhs_func = st.lhs.func

    def repl(term: sp.Basic) -> sp.Basic:
        hit = _instance(given, term)
        if hit is None:
            return term
        rhs, value = hit
        return apart(rhs, avoid | names_in(expr)) if _valid(given, value, facts) else term

    return expr.replace(lambda e: e.func == lhs_func, repl)


def _unfold(expr: sp.Basic, given: Given, facts: Facts, avoid: frozenset[sp.Basic] = frozenset()) -> sp.Basic:
    """Unfold a recurrence towards the lowest index in each group of
    indices that differ by integer constants."""
    st = given.statement
    assert isinstance(st, sp.Eq) and given.index is not None
    head = st.lhs.func
    for _ in range(_MAX_ROUNDS):
        calls = [c for c in expr.atoms(sp.core.function.AppliedUndef) if c.func == head and len(c.args) == 1]
        if len(calls) < 2 and not any(c.args[0].is_Integer for c in calls):
            return expr
        targets: dict[sp.Basic, sp.Basic] = {}
        for c in calls:
            idx = c.args[0]
            lower = [
                d.args[0] for d in calls if d is not c and sp.expand(idx - d.args[0]).is_Integer
                and sp.expand(idx - d.args[0]) > 0
            ]
            concrete_base = idx.is_Integer and given.valid_from is not None
            if not lower and not concrete_base:
                continue
            hit = _instance(given, c)
            if hit is None:
                continue
            rhs, value = hit
            if _valid(given, value, facts):
                targets[c] = apart(rhs, avoid | names_in(expr))
        if not targets:
            return expr
        expr = expr.xreplace(targets)
    return expr


def held_variables(expr: sp.Basic, givens: Sequence[Given]) -> tuple[sp.Basic, ...]:
    """The left sides of givens that ``expr`` differentiates with respect to (``\\hat y`` in
    ``dL/d\\hat y``): :func:`rewrite_with_givens` leaves them in those derivatives."""
    variables = {v for d in expr.atoms(sp.Derivative) for v in d.variables}
    return tuple(g.statement.lhs for g in givens if g.index is None and isinstance(g.statement, sp.Eq)
                 and g.statement.lhs in variables)


def rewrite_with_givens(
    expr: sp.Basic, givens: Sequence[Given], facts: Facts, *, concrete: bool = False,
    avoid: frozenset[sp.Basic] = frozenset(),
) -> sp.Basic:
    """Apply every equation given until nothing changes (bounded).

    Recurrences are unfolded towards the lowest index present; with
    ``concrete`` (numeric indices) they are unfolded down to their base.
    What a given puts in has its bound names renamed apart from the free
    names of ``expr`` and of ``avoid`` (the names of the context ``expr``
    is part of, as the variables of a derivative of it).
    """
    spoken, plain, recs = _equations(tuple(givens), facts)
    expr = rename_bound(expr, set(spoken))
    for _ in range(_MAX_ROUNDS):
        before = expr
        for g in recs:
            expr = _unfold(expr, g, facts, avoid) if not concrete else _unfold_concrete(expr, g, facts, avoid)
        for g in plain:
            expr = _substitute(expr, g, facts, avoid)
        if expr == before:
            break
    return expr


@functools.lru_cache(maxsize=1024)
def _equations(givens: tuple[Given, ...], facts: Facts) -> tuple[frozenset[sp.Basic], tuple[Given, ...],
                                                                    tuple[Given, ...]]:
    """The names the equations given and the facts speak of, the plain
    equations and the recurrences (the same at every point a probe rewrites at)."""
    eqs = [g for g in givens if isinstance(g.statement, sp.Eq)]
    # A sum's own k is not the k a given or a fact speaks of (u(k) = 5, k >= 2): renamed apart first.
    spoken = frozenset().union(*(c.free_symbols for c in facts.constraints),
                               *(g.statement.free_symbols - ({g.index} if g.index is not None else set()) for g in eqs))
    return spoken, tuple(g for g in eqs if not is_recurrence(g)), tuple(g for g in eqs if is_recurrence(g))


def _unfold_concrete(expr: sp.Basic, given: Given, facts: Facts,
                     avoid: frozenset[sp.Basic] = frozenset()) -> sp.Basic:
    st = given.statement
    assert isinstance(st, sp.Eq)
    head = st.lhs.func
    for _ in range(64):
        targets: dict[sp.Basic, sp.Basic] = {}
        for c in expr.atoms(sp.core.function.AppliedUndef):
            if c.func != head or not all(a.is_Integer for a in c.args):
                continue
            hit = _instance(given, c)
            if hit is not None and _valid(given, hit[1], facts):
                targets[c] = apart(hit[0], avoid | names_in(expr))
        if not targets:
            return expr
        expr = expr.xreplace(targets)
    return expr


def point_values(givens: Sequence[Given]) -> dict[sp.Basic, sp.Basic]:
    """The plain values the givens give members at whole-number indices (``v_0 = 0``)."""
    return {g.statement.lhs: g.statement.rhs for g in givens
            if g.index is None and isinstance(g.statement, sp.Eq)
            and isinstance(g.statement.lhs, sp.core.function.AppliedUndef)
            and all(a.is_Integer for a in g.statement.lhs.args)}


def solved_recurrences(givens: Sequence[Given]) -> tuple[Given, ...]:
    """The closed form of every first-order linear recurrence that has a
    starting value: from ``v(k) = a v(k-1) + b(k)`` for integers ``k >= f``
    (``a`` free of ``k`` and of ``v``, ``b`` free of ``v``) and ``v(n) = c``
    with ``n + 1 >= f``, the family ``v(m) = a^(m-n) c + sum_{j=n+1}^{m}
    a^(m-j) b(j)`` for integers ``m >= n`` (an empty sum at ``m = n``). By
    induction on ``m``: the base is ``v(n) = c``, and ``a`` times the formula
    at ``m`` plus ``b(m+1)`` is the formula at ``m + 1``."""
    starts = {call: value for call, value in point_values(givens).items() if len(call.args) == 1}
    out: list[Given] = []
    for g in givens:
        if not is_recurrence(g) or g.valid_to is not None or not isinstance(g.valid_from, sp.Integer):
            continue
        solved = _solved(g, starts)
        if solved is not None:
            out.append(solved)
    return tuple(out)


def _solved(given: Given, starts: dict[sp.Basic, sp.Basic]) -> Given | None:
    st = given.statement
    k = given.index
    assert isinstance(st, sp.Eq) and k is not None
    head = st.lhs.func
    if len(st.lhs.args) != 1:
        return None
    shift = sp.expand(st.lhs.args[0] - k)
    if not shift.is_Integer:
        return None
    previous = head(k + shift - 1)
    calls = {c for c in st.rhs.atoms(sp.core.function.AppliedUndef) if c.func == head}
    if calls != {previous}:
        return None
    rhs = sp.expand(st.rhs)
    a = sp.expand(rhs.coeff(previous))
    b = sp.expand(rhs - a * previous)
    if a == 0 or a.has(k) or a.has(head) or b.has(head) or sp.expand(a * previous + b - rhs) != 0:
        return None
    first = given.valid_from + shift  # the first member the recurrence defines
    for call, value in starts.items():
        if call.func != head or value.has(head):
            continue
        n = call.args[0]
        if first > n + 1:
            continue
        m = sp.Dummy("m", integer=True)
        j = sp.Dummy("j", integer=True)
        term = b.xreplace({k: j - shift})
        formula = a ** (m - n) * value + sp.Sum(a ** (m - j) * term, (j, n + 1, m))
        return Given(name=f"{given.name}, solved from {call}", statement=sp.Eq(head(m), formula),
                     index=m, valid_from=n, text=given.text)
    return None
