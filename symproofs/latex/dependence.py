r"""What a derivative by a member of a sequence differentiates: the
expression with every dependence the notation gives written out.

sympy differentiates by syntax: ``y_t`` is a symbol of its own, so
``\partial y_t / \partial h_t`` would be 0. A member of a declared sequence
(``y_t``) stands for its definition (``y_t = V h_t + c``), a member of a
family of numbers the notation defines (``L_t = \|z_t - y_t\|^2``) and a name
it defines through them (``L = \sum_t L_t``) for theirs. :func:`written_out`
writes each out, member after member, until what remains is the variables,
members provably no function of them (another sequence no recurrence leads
from, a parameter, an input) and functions of those: then every dependence
is in the expression, and the chain rule is the derivative of it.

When a member's dependence cannot be written out that way, the derivative is
not read: ``h_k`` for a ``k`` a sum runs over (``\sum_k L_k`` by ``h_t``
reaches ``h_t`` for some ``k`` only, through the recurrence; the reader then
reads the whole sum a definition gives as the number it defines,
:mod:`symproofs.latex.wholesum`), a member the
recurrences reach only in more steps than followed (``h_T`` by ``h_0``), a
family no definition gives. :class:`NotWritten` names what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.latex.declarations import Notation
from symproofs.latex.recurrences import (
    bound_names,
    closed,
    family_members,
    independent_of,
    instance_of,
    member_name,
    renamed_apart,
)
from symproofs.latex.vocabulary import NORM

__all__ = ["NotWritten", "Written", "defined_names", "reaches_variables", "written_out"]

#: members followed one after the other through the recurrences before a dependence is left unwritten
_DEPTH = 6
#: rounds of writing out defined names and members of defined families
_ROUNDS = 8

Parts = tuple[str, tuple[sp.Basic, ...]]


def defined_names(notation: Notation) -> frozenset[str]:
    r"""The names the notation's definitions define: each written on the left
    of a definition's first relation (``W^{\perp} = ...`` defines ``W``, by
    its letters), whatever they define it by."""
    found: set[str] = set()
    raw = notation.sections.get("definitions", {})
    for value in raw.values() if isinstance(raw, dict) else ():
        text = value.get("latex", "") if isinstance(value, dict) else value
        if isinstance(text, str):
            left = re.split(r"=|\\(?:le|ge|leq|geq|coloneqq)\b|<|>", text, maxsplit=1)[0]
            found.update(re.findall(r"(?<![\\A-Za-z])[A-Za-z]+", left))
    return frozenset(found)


class NotWritten(Exception):
    """How ``names`` depend on the variables is not written in the notation
    (``why``: the members the notation's definitions reach and cannot
    follow, when the names are defined)."""

    def __init__(self, names: Sequence[sp.Basic], why: str = "",
                 chains: tuple[tuple[sp.Basic, ...], ...] = ()) -> None:
        super().__init__(", ".join(_shown(m) for m in names))
        self.names, self.why, self.chains = tuple(names), why, chains


@dataclass(frozen=True)
class Written:
    """The expression with the dependences written out, and the members read
    in the values (each with its sequence and indices)."""

    value: sp.Basic
    members: Mapping[sp.Basic, Parts]


def written_out(f: sp.Basic, variables: Sequence[sp.Basic], notation: Notation,
                members: Mapping[sp.Basic, Parts], defined_names: frozenset[str]) -> Written:
    """``f`` with the members of declared sequences it holds written out
    where they depend on ``variables``, and, when a variable is a vector,
    matrix or entry, the numbers the notation defines through members too;
    raises :class:`NotWritten`. ``members``: the members the reader read;
    ``defined_names``: the names any definition of the notation gives."""
    work = _Work(notation, members, variables, defined_names)
    by_matrix = any(isinstance(v, (sp.MatrixSymbol, MatrixElement)) for v in variables)
    if by_matrix and (notation.defined or any(_is_number_family(r.base, notation) for r in notation.recurrences)):
        expanded = work.expand(f)
        if expanded != f:
            try:
                return work.written(expanded, blocked_by_sums=True)
            except NotWritten as exc:  # read as written, with what the definitions could not reach
                work = _Work(notation, members, variables, defined_names)
                reached = exc
            left = sorted((s for s in f.free_symbols if isinstance(s, sp.Symbol)
                           and s.name in {d.symbol for d in notation.defined}), key=sp.default_sort_key)
            if left and f not in left:  # L + x: differentiated as written, the name L would count as a constant
                raise NotWritten(left, _reason(reached))
            try:
                return work.written(f, blocked_by_sums=False)
            except NotWritten as exc:
                raise NotWritten(exc.names, _reason(reached)) from None
    return work.written(f, blocked_by_sums=False)


def reaches_variables(member: sp.MatrixSymbol, variables: Sequence[sp.Basic], notation: Notation,
                      members: Mapping[sp.Basic, Parts]) -> bool:
    """Whether a derivative by ``variables`` writes ``member`` out (its
    recurrence leads to them, member after member): then wherever else it
    stands it takes its value too, or the two would differ."""
    if member not in members or member in variables:
        return False
    work = _Work(notation, members, variables, defined_names(notation))
    value = work._value(member, 0)
    return value is not None and value != member


def _reason(exc: NotWritten) -> str:
    """What the definitions reached and could not follow (``through y_k, h_k``)."""
    chains = exc.chains or tuple((m,) for m in exc.names)
    return exc.why or "through " + "; ".join(", ".join(_shown(x) for x in chain) for chain in chains)


def _is_number_family(base: str, notation: Notation) -> bool:
    return base not in notation.matrices


def _shown(m: sp.Basic) -> str:
    return str(m.name) if isinstance(m, sp.MatrixSymbol) else sp.sstr(m)


class _Work:
    """One reading of a derivative: the members known, the variables and what
    each member is found to be (its value, itself when it is a constant, None
    when its dependence is not written)."""

    def __init__(self, notation: Notation, members: Mapping[sp.Basic, Parts], variables: Sequence[sp.Basic],
                 defined_names: frozenset[str]) -> None:
        self.notation, self.defined_names = notation, defined_names
        self.members: dict[sp.Basic, Parts] = dict(members)
        self.variables = tuple(variables)
        self.own = {v.parent if isinstance(v, MatrixElement) else v for v in variables}
        self.by = [(str(o.name), self.members.get(o)) for o in self.own if isinstance(o, sp.MatrixSymbol)]
        self.own_names = {name for name, _ in self.by}
        self.found: dict[sp.Basic, sp.Basic | None] = {}
        #: the member through which a member's dependence is not written (y_k: through h_k)
        self.through: dict[sp.Basic, sp.Basic] = {}

    # -- the names and families the notation defines through members -------------------
    def expand(self, f: sp.Basic) -> sp.Basic:
        """``f`` with each name defined through members (``L``) and each member
        of a defined family of numbers (``L_t``, ``L_k`` under a sum) written
        out; a sum's index in a name's definition renamed apart from every
        name around (``\\sum_t`` in ``L`` is not the ``t`` of ``h_t``)."""
        recurrences = self.notation.recurrences
        defined = {d.symbol: d for d in self.notation.defined}
        for _ in range(_ROUNDS):
            before = f
            names = {s for s in f.free_symbols if isinstance(s, sp.Symbol) and s.name in defined}
            for s in sorted(names, key=sp.default_sort_key):
                d = defined[s.name]
                apart = renamed_apart(d.rhs, bound_names(d.rhs), avoid=self._names(f))
                if apart is None:
                    continue
                swap: dict[sp.Basic, sp.Basic] = {}
                for m, base, idx in d.members:  # y_t at the sum's t is y_t' at t'
                    moved = tuple(i.xreplace(apart) for i in idx)
                    swap[m] = sp.MatrixSymbol(member_name(base, moved), *m.shape)
                    self.members[swap[m]] = (base, moved)
                f = f.xreplace({s: d.rhs.xreplace(swap).xreplace(apart)})
            for a in family_members(f, recurrences):
                found = instance_of(recurrences, str(a.func.__name__), tuple(a.args), self._names(f))
                if found is None:
                    continue
                _, value, held = found
                named = {member_name(b, idx): (b, idx) for b, idx in held}
                self.members.update({y: named[str(y.name)] for y in value.atoms(sp.MatrixSymbol)
                                     if str(y.name) in named})
                f = f.xreplace({a: value})
            if f == before:
                return f
        return f

    def _names(self, f: sp.Basic) -> set[str]:
        """Every name in ``f``, in its members' indices and the variables'."""
        out = {str(s) for s in f.free_symbols if isinstance(s, sp.Symbol)}
        for m in [*f.atoms(sp.MatrixSymbol), *self.own]:
            out |= {str(s) for i in self.members.get(m, ("", ()))[1] for s in sp.sympify(i, strict=True).free_symbols}
        for a in f.atoms(AppliedUndef):
            out |= {str(s) for s in a.free_symbols}
        return out | {str(s) for s in bound_names(f)}

    # -- members written out ---------------------------------------------------------
    def written(self, f: sp.Basic, *, blocked_by_sums: bool) -> Written:
        """``f`` with its members' dependences written out (:class:`NotWritten` if one is not)."""
        inputs = self.notation.inputs
        others = sorted((m for m in f.atoms(sp.MatrixSymbol)
                         if m in self.members and m not in self.own and self.members[m][0] not in inputs),
                        key=sp.default_sort_key)
        unknown: list[sp.Basic] = []
        for m in others:
            if self._value(m, 0) is None:
                unknown.append(m)
        if unknown:
            raise NotWritten(unknown, chains=tuple((m, self.through[m]) if m in self.through else (m,)
                                                   for m in unknown))
        value = f
        for _ in range(_DEPTH + 1):
            swap = {m: v for m, v in self.found.items() if v is not None and v != m and value.has(m)}
            if not swap:
                break
            value = value.xreplace(swap)
        if blocked_by_sums:
            bound = bound_names(value)
            at_sums = sorted((m for m in value.atoms(sp.MatrixSymbol) if m in self.members
                              and self.members[m][0] not in self.notation.inputs and any(
                sp.sympify(i, strict=True).free_symbols & bound for i in self.members[m][1])), key=sp.default_sort_key)
            if at_sums:  # y_k under a sum over k: sympy would take it for a constant of the sum
                raise NotWritten(at_sums, "through " + ", ".join(_shown(m) for m in at_sums)
                                 + " at every index of a sum")
        if any(isinstance(v, (sp.MatrixSymbol, MatrixElement)) for v in self.variables):
            # L_t, an undeclared family: by a vector it is neither a constant nor known (a norm is a function of
            # its argument, whose members are written out above)
            families = sorted((a for a in value.atoms(AppliedUndef)
                               if a.func.__name__ not in self.notation.functions and a.func != NORM
                               and not any(_depends(a, v) for v in self.variables)), key=sp.default_sort_key)
            if families:
                raise NotWritten(families)
        return Written(value=value, members=self.members)

    def _value(self, m: sp.Basic, depth: int, gap: int | None = None) -> sp.Basic | None:
        """What member ``m`` is, written out: itself when it is no function of
        the variables, its definition with its own members written out, or
        None when that takes more than ``_DEPTH`` steps, no definition gives it
        or its sequence never leads to a variable (``gap``: how far the member
        it is held by was from the nearest variable of its sequence)."""
        if m in self.found:
            return self.found[m]
        base, indices = self.members[m]
        if self._constant((base, indices)):
            self.found[m] = m
            return m
        self.found[m] = None  # while it is followed: a member that holds itself again is not written
        nearest = self._nearest(base, indices)
        if nearest == -1 or (gap is not None and nearest is not None and nearest >= gap):
            return None  # h_k for h_t, k any index; h_{t-2} for h_t from h_{t-1}: never nearer
        found = instance_of(self.notation.recurrences, base, indices)
        if found is None or depth >= _DEPTH:
            return None
        _, value, held = found
        named = {member_name(b, idx): (b, idx) for b, idx in held}
        self.members.update({y: named[str(y.name)] for y in value.atoms(sp.MatrixSymbol) if str(y.name) in named})
        for b, idx in held:
            if b in self.notation.inputs or member_name(b, idx) in self.own_names:
                continue
            y = next(x for x in value.atoms(sp.MatrixSymbol) if str(x.name) == member_name(b, idx))
            if self._value(y, depth + 1, nearest if b == base else None) is None:
                self.through[m] = y
                return None
        self.found[m] = value
        return value

    def _nearest(self, base: str, indices: tuple[sp.Basic, ...]) -> int | None:
        """For a sequence whose members hold only members of it (and inputs),
        the fewest whole steps from ``indices`` to a variable's indices, -1 when
        no variable is a whole number of steps away (none can be reached);
        None when that says nothing (another sequence, a variable that is no member)."""
        if any(parts is None for _, parts in self.by) or not closed(
                self.notation.recurrences, self.notation.inputs, base):
            return None
        steps = []
        for _, parts in self.by:
            if parts is None or parts[0] != base or len(parts[1]) != len(indices):
                continue
            gaps = [sp.expand(a - b) for a, b in zip(parts[1], indices, strict=True)]
            if all(g.is_Integer for g in gaps):
                steps.append(sum(abs(int(g)) for g in gaps))
        return min(steps) if steps else -1

    def _constant(self, member: Parts) -> bool:
        """``h^{(b)}_t`` by ``h^{(f)}_t``: no recurrence leads from one to the other; or a parameter."""
        return self._labelled_parameter(member) or independent_of(
            self.notation.recurrences, self.notation.inputs, member, self.by)

    def _labelled_parameter(self, member: Parts) -> bool:
        """``V^{(f)}``: a matrix the notation declares, no sequence of its own, that no definition
        gives (nor a recurrence) and no variable is a copy of, under labels that are no indices
        (``(f)``, ``(b)``, ``(2)``, not ``(t)``): one of the question's parameters, a leaf as ``V``
        is, which depends on no variable."""
        base, labels = member
        notation = self.notation
        return base in notation.matrices and base not in notation.sequences \
            and not any(name == base or name.startswith(f"{base}_") for name in self.own_names) \
            and not any(parts is not None and parts[0] == base for _, parts in self.by) \
            and not any(r.base == base for r in notation.recurrences) \
            and base.split("_")[0] not in self.defined_names \
            and all(x.is_Integer or (isinstance(x, sp.Symbol) and x.name not in notation.indices)
                    for x in labels)


def _depends(f: sp.Basic, var: sp.Basic) -> bool:
    """Whether ``f`` mentions ``var`` (or the matrix it is an entry of)."""
    base = var.parent if isinstance(var, MatrixElement) else var
    return bool(f.has(var) or f.has(base))
