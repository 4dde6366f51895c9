"""Members of declared sequences (``h_t``, ``h^{(f)}_t``), read back from
the names the reader gives them, and the notation's recurrences: built from
its definitions, and written out for the members a step holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import Any, Protocol

import sympy as sp
from sympy.assumptions.ask import global_assumptions
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.capture import substituted
from symproofs.core.errors import InputError
from symproofs.core.model import Given
from symproofs.latex.dependence import reaches_variables
from symproofs.latex.parser import Notation, parse_math, parse_relation_chain
from symproofs.latex.recurrences import (
    Defined,
    Recurrence,
    bound_names,
    family_members,
    instance_of,
    member_name,
    members_in_scope,
)
from symproofs.matrices.calculus import Definitions, Unsupported, symbolic_derivative
from symproofs.matrices.linalg import Grad, Jacobian
from symproofs.verifier.rewrite import point_values

__all__ = [
    "close_forms", "index_facts", "member_parts", "read_defined", "read_recurrences", "recurrence_givens",
    "recurrence_heads", "through_recurrences",
]


class Definition(Protocol):
    """A definition of a notation file, as :mod:`symproofs.latex.notation` reads it."""

    @property
    def name(self) -> str: ...
    @property
    def latex(self) -> str: ...
    @property
    def for_all(self) -> tuple[str, ...]: ...
    @property
    def valid_from(self) -> int | str | None: ...



def member_parts(symbol: sp.MatrixSymbol, notation: Notation,
                 among: AbstractSet[str] | None = None) -> tuple[str, tuple[sp.Expr, ...]] | None:
    """The sequence and indices of a member read by the parser (``h_t-1`` is
    ``h`` at ``t - 1``), or ``None`` for any other matrix; ``among``: the
    names that may have members (default: the declared sequences)."""
    name = str(symbol.name)
    bases = [b for b in (notation.sequences if among is None else among) if name.startswith(f"{b}_")]
    if not bases:
        return None
    base = max(bases, key=len)
    try:
        indices = tuple(parse_math(part, notation=notation) for part in name[len(base) + 1 :].split(","))
    except InputError:
        return None
    if member_name(base, indices) != name or not all(isinstance(i, sp.Expr) for i in indices):
        return None
    return base, indices


def read_recurrences(notation: Notation, definitions: Sequence[Definition]) -> tuple[Recurrence, ...]:
    """The definitions of members of a declared sequence for every value of
    one index and no starting point (``h_t = W \\sigma(h_{t-1}) + U x_t + b``
    for all ``t``), and of members of a family of numbers through such
    members (``L_t = \\|z_t - y_t\\|^2``: a member's name hides its index, so
    only the reader, which knows the names, writes them at another index). A
    definition that does not parse is reported when the notation is built."""
    read: list[tuple[Definition, sp.Eq]] = []
    for d in definitions:
        if len(d.for_all) != 1 or d.valid_from is not None or not notation.sequences:
            continue
        try:
            statement = parse_math(d.latex, notation=notation)
        except InputError:
            continue
        if isinstance(statement, sp.Eq):
            read.append((d, statement))
    out: list[Recurrence] = []
    grew = True
    while grew:  # a family defined through another family's members (G_t = L_t + L_{t-1}) after it
        grew = False
        for d, statement in read:
            if any(r.name == d.name for r in out):
                continue
            rec = _recurrence(d, statement, notation, out)
            if rec is not None:
                out.append(rec)
                grew = True
    return tuple(sorted(out, key=lambda r: [d.name for d, _ in read].index(r.name)))


def _recurrence(d: Definition, statement: sp.Eq, notation: Notation,
                known: Sequence[Recurrence]) -> Recurrence | None:
    """``d`` as a recurrence: its left side a member of a sequence, or of a
    family of numbers whose right side holds members (or members of families
    already ``known``); else None."""
    if isinstance(statement.lhs, sp.MatrixSymbol):
        lhs = member_parts(statement.lhs, notation)
    elif isinstance(statement.lhs, AppliedUndef) and statement.lhs.func.__name__ not in notation.functions \
            and all(isinstance(i, sp.Expr) for i in statement.lhs.args):
        lhs = str(statement.lhs.func.__name__), tuple(statement.lhs.args)
    else:
        return None
    if lhs is None:
        return None
    index = next((x for i in lhs[1] for x in i.free_symbols
                  if isinstance(x, sp.Symbol) and x.name == d.for_all[0]), None)
    if index is None:
        return None
    members, constants, unread = [], [], False
    for m in sorted(statement.rhs.atoms(sp.MatrixSymbol), key=sp.default_sort_key):
        if (parts := member_parts(m, notation)) is not None:
            members.append((m, *parts))
        elif (parts := member_parts(m, notation, notation.matrices.keys())) is not None:
            constants.append((m, *parts))  # W_t, W^{(f)}: moves with the index, depends on nothing
        elif str(m.name) not in notation.matrices:
            unread = True  # a matrix whose index the recurrence could not move
    families = family_members(statement.rhs, known)
    number = isinstance(statement.lhs, AppliedUndef)
    itself = any(base == lhs[0] and idx == lhs[1] for _, base, idx in members) or (
        number and statement.lhs in statement.rhs.atoms(AppliedUndef))
    if unread or itself or not members_in_scope(statement.rhs, members) or (number and not (members or families)):
        return None  # or h_t defined in terms of itself; a family of numbers through no member is a given
    return Recurrence(name=d.name, base=lhs[0], index=index, at=lhs[1], rhs=statement.rhs,
                      members=tuple(members), constants=tuple(constants))


_ORDER = {"<": sp.Lt, "\\lt": sp.Lt, ">": sp.Gt, "\\gt": sp.Gt, "\\le": sp.Le, "\\leq": sp.Le, "<=": sp.Le,
          "\\ge": sp.Ge, "\\geq": sp.Ge, ">=": sp.Ge}


def index_facts(notation: Notation, facts: Sequence[str]) -> tuple[sp.Basic, ...]:
    """The inequalities of the ``[sequences] steps`` relations (``1 \\le t \\le T``, a chain gives two), when
    the notation has recurrences: the reader decides with them which members of a sum a derivative by a member
    reaches (:mod:`symproofs.latex.tailsum`). A relation that does not read gives nothing."""
    if not notation.recurrences:
        return ()
    out: list[sp.Basic] = []
    for text in facts:
        sides = parse_relation_chain(text, notation=notation)
        if any(side.error is not None for side in sides):
            continue
        for prev, side in pairwise(sides):
            build = _ORDER.get(side.relation_text or "")
            if build is not None and isinstance(prev.expr, sp.Expr) and isinstance(side.expr, sp.Expr):
                out.append(build(prev.expr, side.expr))
    return tuple(out)


def read_defined(notation: Notation, definitions: Sequence[Definition]) -> tuple[Defined, ...]:
    """The definitions, for no index, of a name through members of sequences
    or of the families the notation's recurrences define (``L = \\sum_{t=1}^{T}
    L_t``): the reader writes them out in a derivative by a member."""
    out: list[Defined] = []
    for d in definitions:
        if d.for_all or d.valid_from is not None or not notation.recurrences:
            continue
        try:
            statement = parse_math(d.latex, notation=notation)
        except InputError:
            continue
        if not isinstance(statement, sp.Eq) or not isinstance(statement.lhs, sp.Symbol) \
                or statement.lhs in statement.rhs.free_symbols:
            continue
        members = [(m, *parts) for m in sorted(statement.rhs.atoms(sp.MatrixSymbol), key=sp.default_sort_key)
                   if (parts := member_parts(m, notation)) is not None]
        if not members_in_scope(statement.rhs, members):
            continue  # the same member's name inside a sum over its index and outside: not read
        if members or family_members(statement.rhs, notation.recurrences):
            out.append(Defined(name=d.name, symbol=statement.lhs.name, rhs=statement.rhs, members=tuple(members)))
    return tuple(out)


def recurrence_heads(note: Notation | None, expr: sp.Basic) -> set[str]:
    """``{name}`` when ``expr`` is a member of a sequence or of a family of
    numbers the notation defines by a recurrence (``h_{t+1}``, ``L_{t+1}``:
    checked, not a definition), or a name it defines through members
    (``L``), else empty."""
    if note is None or not note.recurrences:
        return set()
    if isinstance(expr, AppliedUndef) and family_members(expr, note.recurrences) == [expr]:
        return {str(expr.func.__name__)} if instance_of(
            note.recurrences, str(expr.func.__name__), tuple(expr.args)) is not None else set()
    if isinstance(expr, sp.Symbol):
        return {expr.name} if any(d.symbol == expr.name for d in note.defined) else set()
    if not isinstance(expr, sp.MatrixSymbol):
        return set()
    parts = member_parts(expr, note)
    return {str(expr.name)} if parts is not None and instance_of(note.recurrences, *parts) is not None else set()


def recurrence_givens(note: Notation | None, exprs: Sequence[sp.Basic],
                      convert: Callable[[sp.Basic], sp.Basic]) -> tuple[Given, ...]:
    """The values of the members of defined sequences a step holds (``h_t =
    W \\sigma(h_{t-1}) + U x_t + b``), and of the members between them that
    those values hold, so that the points the probe draws follow the
    recurrence; except the members it differentiates by: a variable stays a
    variable (its value would make every derivative by it vanish). The
    members of defined families of numbers the step holds at an index no sum
    of it binds (``L_t = \\|z_t - y_t\\|^2``) take their values too, and the
    members those hold theirs. ``convert`` puts a value in the algebras' terms."""
    if note is None or not note.recurrences:
        return ()
    variables: set[sp.Basic] = set()
    members: set[sp.MatrixSymbol] = set()
    numbers: list[AppliedUndef] = []
    for e in exprs:
        members |= e.atoms(sp.MatrixSymbol)
        bound = bound_names(e)
        numbers += [a for a in family_members(e, note.recurrences) if not a.free_symbols & bound]
        for x in sp.preorder_traversal(e):
            if isinstance(x, (Grad, Jacobian)):
                variables.add(x.args[1])
            elif isinstance(x, sp.Derivative):
                variables |= {v.parent if isinstance(v, MatrixElement) else v for v in x.variables}
    by_name = {s.name: s for e in exprs for s in e.free_symbols if isinstance(s, sp.Symbol)}
    written: dict[sp.Basic, tuple[str, tuple[sp.Expr, ...]]] = {}
    for m in members:
        parts = member_parts(m, note)
        if parts is not None:
            written[m] = parts[0], tuple(i.xreplace({s: by_name.get(s.name, s) for s in i.free_symbols
                                                     if isinstance(s, sp.Symbol)}) for i in parts[1])
    for a in numbers:
        written[a] = str(a.func.__name__), tuple(a.args)
    todo: list[sp.Basic] = sorted(set(written) - variables, key=sp.default_sort_key)

    def _written_out(x: sp.Basic, parts: tuple[str, tuple[sp.Expr, ...]]) -> bool:
        """A member whose recurrence leads to members the step writes (h_{t-1}^{(b)} to h_t^{(b)}): a
        derivative by them writes it out (L_{t-1} by h_t^{(b)}), so it takes its value wherever it stands."""
        if not isinstance(x, sp.MatrixSymbol):
            return False
        known = {k: v for k, v in written.items() if isinstance(k, sp.MatrixSymbol)}
        return reaches_variables(x, sorted(known, key=sp.default_sort_key), note, known | {x: parts})

    out: list[Given] = []
    done: set[sp.Basic] = set()
    while todo and len(out) < _MAX_VALUES:
        # the step's members, then those between them that their values hold (h_{t-1} for h_t, h_{t-2}), and
        # every member a number's value holds (y_t in L_t = ||z_t - y_t||^2)
        m = todo.pop(0)
        done.add(m)
        base, indices = written[m]
        found = instance_of(note.recurrences, base, indices)
        if found is None:
            continue
        out.append(_value_given(found[0].name, m, convert(found[1])))
        held: list[sp.Basic] = [*sorted(found[1].atoms(sp.MatrixSymbol), key=sp.default_sort_key),
                                *family_members(found[1], note.recurrences)]
        for x in held:
            parts = member_parts(x, note) if isinstance(x, sp.MatrixSymbol) else (
                str(x.func.__name__), tuple(x.args))
            if x in done or x in todo or x in variables or parts is None or (
                    not isinstance(m, AppliedUndef) and not _between(parts, written.values())
                    and not _written_out(x, parts)):
                continue
            written[x] = parts
            todo.append(x)
    return tuple(out)


#: the most values one step is given through recurrences
_MAX_VALUES = 64


def _value_given(name: str, member: sp.Basic, value: sp.Basic) -> Given:
    """The given ``member = value`` of the recurrence ``name``, built once per
    member, value and set of sympy's global assumptions: the steps of a
    document hold the same members, and building the equation between
    matrices asks sympy whether they are equal, which is slow."""
    try:
        return _value_built(name, member, value, frozenset(global_assumptions))
    except TypeError:  # an unhashable part somewhere: built every time
        return _value_built.__wrapped__(name, member, value, frozenset())


@lru_cache(maxsize=4096)
def _value_built(name: str, member: sp.Basic, value: sp.Basic, context: frozenset[sp.Basic]) -> Given:
    return Given(name=f"{name} at {_shown(member)}", statement=sp.Eq(member, value),
                 text=f"{_shown(member)} = {sp.sstr(value)}")


def _shown(member: sp.Basic) -> str:
    return str(member.name) if isinstance(member, sp.MatrixSymbol) else sp.sstr(member)


def through_recurrences(note: Notation | None, side: Any) -> Any:
    """``side`` with each Jacobian or gradient by a member of a defined
    sequence taken at once by matrix calculus (``\\partial h_t / \\partial
    h_{t-1}`` is ``W diag(sigma'(h_{t-1}))``), so that the member is a value
    like the others, which its recurrence gives. One that matrix calculus
    does not take stays, and its variable stays a variable."""
    if isinstance(side, tuple):
        return tuple(through_recurrences(note, part) for part in side)
    if note is None or not note.recurrences or not isinstance(side, sp.Basic) or not side.has(Jacobian, Grad):
        return side
    derivatives = note.derivatives()
    nothing = Definitions.from_givens(())

    def taken(x: sp.Basic) -> sp.Basic:
        v = x.args[1]
        if not isinstance(v, sp.MatrixSymbol) or member_parts(v, note) is None or x.has(sp.Derivative):
            return x
        try:
            return symbolic_derivative(x, nothing, derivatives)
        except (Unsupported, TypeError, ValueError, AttributeError, NotImplementedError):
            return x

    return side.replace(lambda x: isinstance(x, (Jacobian, Grad)), taken)


def _between(member: tuple[str, tuple[sp.Expr, ...]], written: Iterable[tuple[str, tuple[sp.Expr, ...]]]) -> bool:
    """Whether a member lies, index by index, between two members a step writes
    (``h_{t-1}`` between ``h_t`` and ``h_{t-2}``): the unfolding stops there."""
    base, idx = member
    gaps = [[sp.expand(a - b) for a, b in zip(idx, other, strict=True)]
            for b2, other in written if b2 == base and len(other) == len(idx)]
    gaps = [g for g in gaps if all(x.is_Integer for x in g)]
    return any(all(x >= 0 for x in g) for g in gaps) and any(all(x <= 0 for x in g) for g in gaps)


def close_forms(givens: list[Given]) -> tuple[Given, ...]:
    """Put plain values such as ``v_0 = 0`` into the indexed givens, so that a
    closed form ``v_t = beta^t v_0 + ...`` no longer mentions ``v`` and is
    used as a formula for every ``v_t`` (not as a recurrence)."""
    values = point_values(givens)
    if not values:
        return tuple(givens)
    out = []
    for g in givens:
        st = g.statement
        if g.index is not None and isinstance(st, sp.Eq) and st.rhs.has(*values):
            g = replace(g, statement=sp.Eq(st.lhs, substituted(st.rhs, values)))
        out.append(g)
    return tuple(out)
