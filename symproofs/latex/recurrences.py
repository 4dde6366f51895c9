"""Recurrences of a notation file: a declared sequence of vectors defined for
every index, ``h_t = W \\sigma(h_{t-1}) + U x_t + b``, or a family of
numbers defined through such members (``L_t = \\|z_t - y_t\\|^2``, its
members ``L(t)``); and the numbers a notation defines through members
(``L = \\sum_t L_t``, :class:`Defined`).

A member of a sequence is read as a matrix symbol whose name carries its
index (``h_t-1`` for ``h_{t-1}``, :func:`member_name`). A
:class:`Recurrence` gives the value of any member at an index of the form
``index + c``: its right side with every member's index and the index
itself shifted. The reader uses it to differentiate through one step
(``\\partial h_t / \\partial h_{t-1}`` is the Jacobian of the right side),
and the grader to know what a member stands for.

>>> d = sp.Symbol("d", integer=True, positive=True)
>>> t = sp.Symbol("t", integer=True)
>>> W = sp.MatrixSymbol("W", d, d)
>>> prev = sp.MatrixSymbol(member_name("h", (t - 1,)), d, 1)
>>> rec = Recurrence(name="state", base="h", index=t, at=(t,), rhs=W * prev, members=((prev, "h", (t - 1,)),))
>>> value, members = rec.instance((t + 1,))
>>> value, members
(W*h_t, (('h', (t,)),))
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Defined", "Held", "Recurrence", "bound_names", "closed", "defined_numbers", "family_members",
           "independent_of", "instance_of", "member_name", "members_in_scope", "renamed_apart"]


def member_name(text: str, indices: Sequence[sp.Basic]) -> str:
    """The name of the member of ``text`` at ``indices`` (``h_t-1``)."""
    label = ",".join(str(x).replace(" ", "") for x in indices)
    return f"{text}_{label}" if indices else text


def declared_whole(text: str, indices: Sequence[sp.Basic], declared: Collection[str]) -> str | None:
    """The declared name ``text`` with its subscript (``b_1``, ``W_hh``, ``w_2``) when the notation
    declares that name itself, else None: a subscript of digits or letters that is part of a name."""
    if not indices or not all(isinstance(x, (sp.Integer, sp.Symbol)) for x in indices):
        return None
    for name in (member_name(text, indices), f"{text}_" + "".join(str(x) for x in indices)):
        if name in declared:
            return name
    return None


#: the members a value holds: each one's sequence and indices
Held = tuple[tuple[str, tuple[sp.Expr, ...]], ...]


@dataclass(frozen=True, kw_only=True)
class Recurrence:
    """``base_{at} = rhs`` for every integer value of ``index``; ``members``
    lists the members ``rhs`` holds, each with its sequence and indices."""

    name: str
    base: str
    index: sp.Symbol
    at: tuple[sp.Expr, ...]
    rhs: sp.Basic
    members: tuple[tuple[sp.MatrixSymbol, str, tuple[sp.Expr, ...]], ...]
    #: indexed matrices that are not sequences (time-varying weights ``W_t``): moved with the index
    constants: tuple[tuple[sp.MatrixSymbol, str, tuple[sp.Expr, ...]], ...] = ()

    def instance(self, indices: Sequence[sp.Basic],
                 avoid: AbstractSet[str] = frozenset()) -> tuple[sp.Basic, Held] | None:
        """The value of the member at ``indices`` and the members it holds
        (sequence, indices); ``None`` when the member is not one the
        definition gives: another number of indices, another label
        (``h^{(b)}`` for a definition of ``h^{(f)}``), or a left side whose
        varying index is not ``index + c``. The indices the right side's sums
        bind are renamed apart from the names of ``indices`` and from ``avoid``
        (the names around the place the value is put in)."""
        if len(indices) != len(self.at):
            return None
        varying = [k for k, a in enumerate(self.at) if self.index in a.free_symbols]
        if len(varying) != 1:
            return None
        k = varying[0]
        if any(sp.expand(a - b) != 0 for m, (a, b) in enumerate(zip(self.at, indices, strict=True)) if m != k):
            return None
        shift = sp.expand(self.at[k] - self.index)
        if self.index in shift.free_symbols:
            return None
        at = {self.index: sp.expand(indices[k] - shift)}
        # the index a sum of the right side binds is renamed apart from the names of the new index
        # (L_t = sum_{k <= t} l_k at k), with the members written at it
        names = set().union(*(sp.sympify(i, strict=True).free_symbols for i in indices))
        apart = renamed_apart(self.rhs, names | {b for b in bound_names(self.rhs) if str(b) in avoid}, avoid)
        if apart is None:
            return None
        swap: dict[sp.Basic, sp.Basic] = {}
        held: list[tuple[str, tuple[sp.Expr, ...]]] = []
        for symbol, base, idx in (*self.members, *self.constants):
            moved = tuple(sp.expand(i.xreplace(apart).xreplace(at)) for i in idx)
            swap[symbol] = sp.MatrixSymbol(member_name(base, moved), *symbol.shape)
            if (symbol, base, idx) in self.members:
                held.append((base, moved))
        return self.rhs.xreplace(swap).xreplace(apart).xreplace(at), tuple(held)


def bound_names(expr: sp.Basic) -> set[sp.Symbol]:
    """The indices the sums and products of ``expr`` bind."""
    return {lim[0] for e in sp.preorder_traversal(expr) if isinstance(e, (sp.Sum, sp.Product)) for lim in e.limits}


def renamed_apart(expr: sp.Basic, names: AbstractSet[sp.Basic],
                  avoid: AbstractSet[str] = frozenset()) -> dict[sp.Basic, sp.Basic] | None:
    """New names (``k'``, none of ``avoid``) for the indices the sums of
    ``expr`` bind that are among ``names``; ``None`` when such an index is
    also free in ``expr`` (two meanings of one name, which renaming cannot
    keep apart)."""
    clash = sorted(bound_names(expr) & set(names), key=sp.default_sort_key)
    if any(b in expr.free_symbols for b in clash):
        return None
    taken = {str(s) for s in (*expr.free_symbols, *bound_names(expr), *names) if isinstance(s, sp.Symbol)} | set(avoid)
    out: dict[sp.Basic, sp.Basic] = {}
    for b in clash:
        name = f"{b.name}'"
        while name in taken:
            name += "'"
        taken.add(name)
        out[b] = sp.Symbol(name, **b.assumptions0)
    return out


def members_in_scope(expr: sp.Basic, members: Sequence[tuple[sp.MatrixSymbol, str, tuple[sp.Expr, ...]]]) -> bool:
    """Whether every member of ``members`` whose index holds a name a sum of
    ``expr`` binds stands inside such a sum (``\\sum_t \\|y_t\\|^2 + y_t^T
    y_t`` writes two ``y_t``, which names cannot tell apart: False)."""
    bound = bound_names(expr)
    at_bound = {m: set().union(*(sp.sympify(i, strict=True).free_symbols for i in idx)) & bound
                for m, _, idx in members}
    at_bound = {m: b for m, b in at_bound.items() if b}
    if not at_bound:
        return True

    def walk(e: sp.Basic, scope: frozenset[sp.Basic]) -> bool:
        if e in at_bound:
            return at_bound[e] <= scope
        if isinstance(e, (sp.Sum, sp.Product)):
            inner = scope | {lim[0] for lim in e.limits}
            return walk(e.function, inner) and all(walk(x, scope) for lim in e.limits for x in lim[1:])
        return all(walk(a, scope) for a in e.args if isinstance(a, sp.Basic))

    return walk(expr, frozenset())


@dataclass(frozen=True, kw_only=True)
class Defined:
    """A number the notation defines, with no index, through members of
    sequences or of families a recurrence defines (``L = \\sum_{t=1}^{T}
    L_t``): written out by the reader in a derivative by a member."""

    name: str
    symbol: str
    rhs: sp.Basic
    #: the members ``rhs`` holds, each with its sequence and indices (``y_t`` at a sum's ``t``)
    members: tuple[tuple[sp.MatrixSymbol, str, tuple[sp.Expr, ...]], ...] = ()


def defined_numbers(recurrences: Sequence[Recurrence], defined: Sequence[Defined],
                    matrices: Collection[str]) -> frozenset[str]:
    """The names of the families of numbers (``L`` of ``L_t = \\|z_t - y_t\\|^2``)
    and of the numbers (``L = \\sum_t L_t``) the definitions give."""
    families = {r.base for r in recurrences if r.base not in matrices and not isinstance(r.rhs, sp.MatrixExpr)}
    return frozenset(families | {d.symbol for d in defined if not isinstance(d.rhs, sp.MatrixExpr)})


def family_members(expr: sp.Basic, recurrences: Sequence[Recurrence]) -> list[AppliedUndef]:
    """The members of families of numbers a recurrence defines that ``expr``
    holds (``L(k)`` for ``L_t = \\|z_t - y_t\\|^2``), in a fixed order."""
    bases = {r.base for r in recurrences}
    return sorted((a for a in expr.atoms(AppliedUndef) if a.func.__name__ in bases), key=sp.default_sort_key)


def instance_of(recurrences: Sequence[Recurrence], base: str, indices: Sequence[sp.Basic],
                avoid: AbstractSet[str] = frozenset()) -> tuple[Recurrence, sp.Basic, Held] | None:
    """The first of ``recurrences`` that gives the member of ``base`` at
    ``indices``, with the member's value (its sums' indices apart from the
    names in ``avoid``) and the members it holds."""
    return _instance_of(tuple(recurrences), base, tuple(indices), frozenset(avoid))


@functools.lru_cache(maxsize=4096)
def _instance_of(recurrences: tuple[Recurrence, ...], base: str, indices: tuple[sp.Basic, ...],
                 avoid: frozenset[str]) -> tuple[Recurrence, sp.Basic, Held] | None:
    for rec in recurrences:
        if rec.base == base and (found := rec.instance(indices, avoid)) is not None:
            return rec, found[0], found[1]
    return None


def closed(recurrences: Sequence[Recurrence], inputs: AbstractSet[str], base: str) -> bool:
    """Whether the recurrences of ``base`` hold members of ``base`` only, and
    inputs (``h_t = \\sigma(W x_t + U h_{t-1})``): its members reach no other sequence."""
    mine = [r for r in recurrences if r.base == base]
    return bool(mine) and all(b == base or b in inputs for r in mine for _, b, _ in r.members) \
        and not any(family_members(r.rhs, recurrences) for r in mine)


def independent_of(recurrences: Sequence[Recurrence], inputs: AbstractSet[str],
                   member: tuple[str, tuple[sp.Basic, ...]],
                   variables: Sequence[tuple[str, tuple[str, tuple[sp.Basic, ...]] | None]]) -> bool:
    """Whether ``member`` is provably no function of the ``variables`` (each
    a matrix's name, with its sequence and indices when it is a member): its
    recurrence and every one its value's members follow, step after step,
    never hold a variable, a member of a variable's recurrence or of an
    input sequence a variable belongs to (``h^{(b)}_t`` is no function of
    ``h^{(f)}_t``). A member no recurrence gives is not known to be."""
    first = instance_of(recurrences, *member)
    if first is None:
        return False
    seen: dict[str, Recurrence] = {}
    todo = [first[0]]
    while todo:
        rec = todo.pop()
        if rec.name in seen:
            continue
        seen[rec.name] = rec
        # the members of numbers a recurrence defines (L_t for L_t = ||z_t - y_t||^2) are followed too
        held = [*((base, idx) for _, base, idx in rec.members),
                *((str(a.func.__name__), tuple(a.args)) for a in family_members(rec.rhs, recurrences))]
        for base, idx in held:
            if base in inputs:
                continue
            found = instance_of(recurrences, base, idx)
            if found is None:
                return False
            todo.append(found[0])
    # the names a value holds, by what comes before the index: W_t moves with t, so W_{t+1} is held too
    named = {str(m.name).split("_")[0] for rec in seen.values() for m in rec.rhs.atoms(sp.MatrixSymbol)}
    fed = {base for rec in seen.values() for _, base, _ in rec.members if base in inputs}
    for name, parts in variables:
        if parts is None and name.split("_")[0] in named:
            return False
        if parts is not None:
            base, idx = parts
            given = instance_of(recurrences, base, idx)
            if (given is not None and given[0].name in seen) or base in fed:
                return False
            if given is None and base not in inputs:
                return False  # a member with no recurrence: anything may hold it
    return True
