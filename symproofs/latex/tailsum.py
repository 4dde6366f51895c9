r"""A part of a sum a definition writes, differentiated by a member of a
sequence that runs one way through time: ``\frac{\partial}{\partial h_t}
\sum_{k \ge t} L_k`` where the notation defines ``L = \sum_{t=1}^{T} L_t``,
``L_t`` through ``h_t`` and ``h_t = F(h_{t-1}, x_t)``.

The unrolled graph is read off the notation's definitions. When the family
of the variable (``h^{(f)}``) is given by one recurrence that holds only
earlier members of its own (a *forward* recurrence; a *backward* one holds
only later members) and inputs or parameters no definition gives, a path of
definitions from ``h_s`` reaches ``h_j`` only for ``j >= s`` (``j <= s``
backward). When the summand ``L_k`` reaches the family only at ``h_{k+o}``
for fixed offsets ``o`` (through members of other families that provably
hold no member of it, such as ``h^{(b)}``), ``L_k`` is no function of
``h_s`` for ``k + o < s`` for every ``o`` (``k + o > s`` backward).

The sum ``P = \sum_{k=a}^{b} L_k`` and the definition's ``L =
\sum_{k=lo}^{hi} L_k`` (a bound the student does not write is the
definition's) differ by ``\sum_{k=lo}^{a-1} L_k + \sum_{k=b+1}^{hi} L_k``
(sympy's convention for sums, which holds for every ``a`` and ``b``). When
every term of the difference is provably no function of ``h_s``, the
derivative of ``P`` is the derivative of ``L``, read as such. Which terms
those are is decided from the range ``[sequences] steps`` gives the index of
the steps (``1 \le t \le T``); when it does not decide it, the derivative is
not read and the reason names the range it needs. A part that leaves out a
term the variable reaches (``\sum_{k \ge t+1} L_k`` by ``h_t``) stays
unread: ``L`` less that term would be an expression around the opaque ``L``,
which the verifier differentiates as if ``L`` were a constant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import sympy as sp

from symproofs.latex.declarations import Notation
from symproofs.latex.dependence import NotWritten, defined_names
from symproofs.latex.recurrences import Defined, family_members, independent_of, instance_of, member_name
from symproofs.matrices.timegraph import bounds_from, holds

__all__ = ["Tail", "tail_folded"]

Parts = tuple[str, tuple[sp.Basic, ...]]

#: definitions followed from a summand before its dependence is left undecided
_DEPTH = 8


@dataclass(frozen=True)
class Tail:
    """The expression to differentiate instead (the defined number), and the members it holds (none)."""

    value: sp.Basic
    members: Mapping[sp.Basic, Parts]


def tail_folded(
    f: sp.Basic,
    variables: Sequence[sp.Basic],
    notation: Notation,
    members: Mapping[sp.Basic, Parts],
    symbol: Callable[[str], sp.Symbol],
) -> Tail | None:
    """``f`` (a sum that is part of a defined number's definition) as the
    defined number, where every term it leaves out is no function of the
    variable (see the module); None when the rule does not apply; raises
    :class:`NotWritten` naming the index range it needs when the notation's
    step range does not decide it."""
    s = f
    if len(variables) != 1 or not isinstance(s, sp.Sum) or len(s.limits) != 1:
        return None
    var = variables[0]
    if not isinstance(var, sp.MatrixSymbol) or var not in members:
        return None
    found = _definition(s, notation.defined)
    if found is None:
        return None
    d, (a, b), (lo, hi), t0 = found
    way = _direction(notation, members[var])
    if way is None:
        return None
    position, forward = way
    offsets = _offsets(notation, d.rhs.function, t0, members[var], position)
    if not offsets:
        return None
    s_at = members[var][1][position]
    # the first (forward) or last (backward) index whose term may hold the variable
    c = s_at - max(offsets) if forward else s_at - min(offsets)
    bounds = _bounds(notation, (a, b, lo, hi, c))
    needed: list[tuple[sp.Expr, sp.Expr]] = []  # small <= big, each to hold
    # the terms before the sum's lower bound, then those after its upper bound
    for near, far, end_lower in ((a, lo, True), (b, hi, False)):
        if sp.expand(_plain(near) - _plain(far)) == 0:
            continue
        if forward == end_lower:  # the side the variable reaches: every term left out is before it (after it)
            needed.append((near, c) if forward else (c, near))
            needed.append((far, c) if forward else (c, far))
        else:  # the far side: every term there must be out of reach
            needed += [(near + 1, c), (far + 1, c)] if forward else [(c + 1, near), (c + 1, far)]
    for small, big in needed:
        decided = holds(_plain(small), _plain(big), bounds)
        if decided is not True:
            if decided is False:
                return None
            raise NotWritten(
                (),
                f"the terms the sum leaves out are no function of {var.name} only where "
                f"{sp.sstr(small)} <= {sp.sstr(big)}, which no [sequences] steps range of the notation "
                "gives (the range of the index)",
            )
    # only the number itself: the verifier differentiates an expression around the opaque name as if the
    # name were a constant (Grad(L - x, h) would lose Grad(L, h)), so no term is written beside it
    return Tail(value=symbol(d.symbol), members={})


def _plain(e: sp.Basic) -> sp.Expr:
    """``e`` with its names integers: the indices and bounds of a sum over time steps."""
    out = sp.sympify(e, strict=True).xreplace(
        {x: sp.Symbol(x.name, integer=True) for x in e.free_symbols if isinstance(x, sp.Symbol)}
    )
    assert isinstance(out, sp.Expr)
    return out


def _bounds(notation: Notation, exprs: Sequence[sp.Basic]) -> dict[sp.Symbol, tuple[sp.Expr, sp.Expr]]:
    facts = [f.func(_plain(f.lhs), _plain(f.rhs)) for f in notation.index_facts if isinstance(f, sp.Rel)]
    names = {x for e in exprs for x in _plain(e).free_symbols} | {x for f in facts for x in f.free_symbols}
    return bounds_from(sorted(names, key=sp.default_sort_key), facts)


def _unwritten(bound: sp.Basic, index: sp.Symbol, end: str) -> bool:
    return isinstance(bound, sp.Symbol) and bound.name == f"{index.name}_{end}"


def _definition(
    s: sp.Sum, defined: Sequence[Defined]
) -> tuple[Defined, tuple[sp.Basic, sp.Basic], tuple[sp.Basic, sp.Basic], sp.Symbol] | None:
    """The definition whose sum ``s`` sums the summand of (up to the index's name), with ``s``'s bounds
    (an unwritten one the definition's), the definition's bounds and index."""
    (k, a, b) = s.limits[0]
    for d in defined:
        rhs = d.rhs
        if not isinstance(rhs, sp.Sum) or len(rhs.limits) != 1 or isinstance(rhs.function, sp.MatrixExpr):
            continue
        t0, lo, hi = rhs.limits[0]
        if k.name != t0.name and t0.name in {str(x) for x in s.function.free_symbols}:
            continue
        if _plain(s.function.xreplace({k: t0})) != _plain(rhs.function):
            continue
        a = lo if _unwritten(a, k, "lo") else a
        b = hi if _unwritten(b, k, "hi") else b
        return d, (a, b), (lo, hi), t0
    return None


def _own(notation: Notation, value: sp.Basic, held: Sequence[Parts]) -> bool:
    """Whether every matrix and name ``value`` holds besides the members ``held`` is a variable of its own:
    a declared parameter or input no definition gives, not a defined number."""
    given = defined_names(notation) | {d.symbol for d in notation.defined} | {r.base for r in notation.recurrences}
    named = {member_name(b, idx) for b, idx in held}
    for m in value.atoms(sp.MatrixSymbol):
        if str(m.name) not in named and str(m.name).split("_")[0] in given:
            return False
    return not any(
        x.name in given
        for x in value.free_symbols
        if isinstance(x, sp.Symbol) and x.name in {d.symbol for d in notation.defined}
    )


def _inputs_own(notation: Notation) -> bool:
    """The inputs are variables of their own: no definition gives a member of one; and no definition but
    the recurrences gives a member of a family one defines (a value at one index, ``h_{T+1}^{(b)} =
    h_T^{(f)}``, or a definition from a starting index, would add edges the recurrences do not show)."""
    given = defined_names(notation) | {r.base for r in notation.recurrences}
    if set(notation.inputs) & given:
        return False
    read = {r.name for r in notation.recurrences} | {d.name for d in notation.defined}
    raw = notation.sections.get("definitions", {})
    others = {name: value for name, value in raw.items() if name not in read} if isinstance(raw, dict) else {}
    return not (
        defined_names(replace(notation, sections={"definitions": others})) & {r.base for r in notation.recurrences}
    )


def _direction(notation: Notation, var: Parts) -> tuple[int, bool] | None:
    """The position of the time index of the variable's family and whether its recurrence runs
    forward; None unless it is the only one, holds only members of the family on one side of the index
    and inputs of their own, and those are variables of their own."""
    base, idx = var
    mine = [r for r in notation.recurrences if r.base == base and r.instance(idx) is not None]
    if len(mine) != 1 or not _inputs_own(notation):
        return None
    rec = mine[0]
    varying = [p for p, x in enumerate(rec.at) if rec.index in x.free_symbols]
    if len(varying) != 1:
        return None
    p = varying[0]
    signs = set()
    for _, b, held in rec.members:
        if b in notation.inputs:
            continue
        same = (
            b == base
            and len(held) == len(rec.at)
            and all(sp.expand(h - x) == 0 for q, (h, x) in enumerate(zip(held, rec.at, strict=True)) if q != p)
        )
        gap = sp.expand(held[p] - rec.at[p]) if same else None
        if gap is None or not gap.is_Integer or gap == 0:
            return None  # another family, or the member itself at another label: not one way through time
        signs.add(gap < 0)
    if len(signs) != 1 or not _own(notation, rec.rhs, [(b, i) for _, b, i in rec.members]):
        return None
    return p, signs.pop()


def _offsets(notation: Notation, summand: sp.Basic, t0: sp.Symbol, var: Parts, position: int) -> set[int]:
    """The offsets ``o`` at which the summand at ``t0`` reaches the variable's family (``h_{t0+o}``),
    following the definitions; empty when a path is undecided (a member no definition gives, a family
    that may hold the variable's in turn, more than ``_DEPTH`` steps)."""
    base, idx = var
    todo: list[tuple[Parts, int]] = [
        ((str(a.func.__name__), tuple(a.args)), 0) for a in family_members(summand, notation.recurrences)
    ]
    if not todo or summand.atoms(sp.MatrixSymbol):
        return set()
    out: set[int] = set()
    seen: set[Parts] = set()
    by = [(member_name(*var), var)]
    while todo:
        (b, at), depth = todo.pop()
        if (b, at) in seen:
            continue
        seen.add((b, at))
        if (
            b == base
            and len(at) == len(idx)
            and all(sp.expand(x - y) == 0 for q, (x, y) in enumerate(zip(at, idx, strict=True)) if q != position)
        ):
            gap = sp.expand(at[position] - t0)
            if not gap.is_Integer:
                return set()
            out.add(int(gap))
            continue
        if b in notation.inputs or independent_of(notation.recurrences, notation.inputs, (b, at), by):
            continue
        found = instance_of(notation.recurrences, b, at)
        if found is None or depth >= _DEPTH:
            return set()
        _, value, held = found
        if not _own(notation, value, held):
            return set()
        todo += [((hb, hi), depth + 1) for hb, hi in held]
        todo += [
            ((str(a.func.__name__), tuple(a.args)), depth + 1) for a in family_members(value, notation.recurrences)
        ]
    return out
