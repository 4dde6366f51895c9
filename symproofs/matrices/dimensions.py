"""Where a step's dimensions enter it other than as the shapes of its
matrices, and what that leaves of the degree argument.

The instances prove a step for every size only through the degree argument
(:mod:`symproofs.matrices.degree`): the sides are the same polynomial in the
entries at every size, relabelling the indices and cutting out a block
commute with them. A dimension that is a *number* in the step breaks that:
a scalar factor ``(n - 1) A``, an exponent ``A^{n(n - 1)}``, the function of
``applyfunc``, an entry index ``A[n - 1, n - 1]``, the range of a sum that
does not run over a whole axis, or a symbol that a given or an assumption
ties to the dimension (``c = n``). Such a step is never proved on
instances (:func:`as_number`). An entry at a fixed index (``A[2, 2]``) or a
sum over a fixed range marks indices that no relabelling moves: the sizes
the degree asks for grow by them (:func:`marked_indices`). A determinant's
degree grows with the size and cutting out a block does not commute with it
(:func:`size_dependent`).

>>> n = sp.Symbol("n", integer=True, positive=True)
>>> A = sp.MatrixSymbol("A", n, n)
>>> uses_as_number(sp.MatPow(A, n * (n - 1)), {n}), uses_as_number(sp.Trace(A * A.T), {n})
(True, False)
>>> uses_as_number(A[n - 1, 0], {n}), marked_indices([A[2, 0] * sp.Trace(A)], {n})
(True, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Set

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from symproofs.core.goals import Goal
from symproofs.core.model import flatten_side
from symproofs.matrices.linalg import SeqTerm

__all__ = ["as_number", "exponent_in", "marked_indices", "size_dependent", "step_parts", "tied_names", "uses_as_number"]

#: Matrices whose entries are fixed numbers: their shape is a number for
#: whatever reads their entries (``tr(I_n) = n``).
_CONSTANT_MATRICES = (sp.Identity, sp.OneMatrix, sp.ZeroMatrix)

#: Matrix nodes through which a term of a product stays a term of it.
_LINEAR = (sp.MatAdd, sp.MatMul, sp.Transpose, sp.MatPow, sp.Inverse, sp.Adjoint)

#: Nodes whose value at a size is not the same polynomial cut to a block.
_SIZE_DEPENDENT = (sp.Determinant, sp.Permanent)


def step_parts(goal: Goal) -> list[sp.Basic]:
    """The sides of the step, its givens, assumptions and lemmas: all that
    the instances evaluate or read."""
    parts: list[object] = [
        *flatten_side(goal.lhs),
        *flatten_side(goal.rhs),
        *(g.statement for g in goal.context.givens),
        *goal.context.facts.constraints,
        *(m.statement for m in goal.context.lemmas),
    ]
    return [p for p in parts if isinstance(p, sp.Basic)]


def _value_args(e: sp.Basic) -> tuple[sp.Basic, ...]:
    """The arguments of a matrix node that are not its shape."""
    if isinstance(e, sp.MatrixSymbol):
        return ()
    if isinstance(e, SeqTerm):
        return (e.index,)
    if isinstance(e, sp.FunctionMatrix):
        return (e.args[2],)
    return tuple(e.args)


def _names(e: sp.Basic) -> set[sp.Basic]:
    """The symbols, matrices, sequence terms and unknown functions in ``e``."""
    found: set[sp.Basic] = set(e.free_symbols)
    for call in e.atoms(AppliedUndef):
        found |= {call, call.func}
    return found


def uses_as_number(e: object, wanted: Set[sp.Basic]) -> bool:
    """Whether a name of ``wanted`` (a dimension, or a name tied to one)
    occurs in ``e`` other than in the shape of a matrix symbol: in a scalar,
    an exponent, a function, an entry index, the bounds of a sum that does
    not run over a whole axis, or hidden in the shape of an identity,
    all-ones or zero matrix whose entries something adds up (anywhere inside
    a trace, a determinant, a norm or an entry: ``tr(I_n) = n``; an all-ones
    term of a matrix product reached through sums, products, transposes,
    powers and inverses only: ``1^T (A + I) 1 = sum(A) + n``; not ``(I - u
    u^T) x``, nor ``diag(h o (1 - h)) B``, whose entries are generic)."""
    if not wanted:
        return False

    def sized(shape: tuple[object, ...]) -> bool:
        return any(bool(sp.sympify(d, strict=True).free_symbols & wanted) for d in shape)

    def scan(e: object, mode: str = "") -> bool:
        """``mode``: ``"read"`` inside a scalar made from matrices or an
        entry; ``"linear"`` inside a matrix product, through linear nodes."""
        if isinstance(e, tuple):
            return any(scan(p, mode) for p in e)
        if not isinstance(e, sp.Basic):
            return False
        if e in wanted or (isinstance(e, AppliedUndef) and e.func in wanted):
            return True
        if isinstance(e, _CONSTANT_MATRICES):
            # a product adds up entries only against all-ones factors: (I - u u^T) x has no n in it
            return (mode == "read" or (mode == "linear" and isinstance(e, sp.OneMatrix))) and sized(e.shape)
        if isinstance(e, MatrixExpr):
            if isinstance(e, sp.MatMul):  # scalar coefficients included
                inner = mode or ("linear" if sum(isinstance(a, MatrixExpr) for a in e.args) > 1 else "")
                return any(scan(a, inner) for a in e.args)
            inner = mode if mode == "read" or isinstance(e, _LINEAR) else ""
            # exponents, the function of applyfunc, the index of a sequence term: numbers
            return any(scan(a, inner if isinstance(a, MatrixExpr) else "read") for a in _value_args(e))
        if isinstance(e, MatrixElement):
            return scan(e.args[0], "read") or any(scan(i, "read") for i in e.args[1:])
        if isinstance(e, sp.Indexed):
            return any(scan(i, "read") for i in e.indices)
        if isinstance(e, (sp.Sum, sp.Product)):
            if scan(e.function, mode):
                return True
            return any(
                bool(sp.sympify(b).free_symbols & wanted) and not _whole_axis(e, k, lo, hi)
                for k, lo, hi in e.limits
                for b in (lo, hi)
            )
        if isinstance(e, sp.Symbol):
            return False
        reads = "read" if any(isinstance(a, MatrixExpr) for a in e.args) else mode  # trace, norm, ... of matrices
        return any(scan(a, reads) for a in e.args)

    return scan(e)


def _whole_axis(e: sp.Basic, k: sp.Symbol, lo: sp.Basic, hi: sp.Basic) -> bool:
    """Whether the sum's variable ``k`` occurs only as an entry index ``k +
    c`` that runs over the whole axis (``0..rows - 1``) of every entry it
    indexes (``sum_{i=1}^{n} A[i - 1, i - 1] = tr(A)``)."""
    body = e.function if isinstance(e, (sp.Sum, sp.Product)) else e
    if isinstance(e, sp.Product):
        return False
    seen = False
    elements = [x for x in sp.preorder_traversal(body) if isinstance(x, MatrixElement) and k in x.free_symbols]
    for x in elements:
        for index, length in zip(x.args[1:], x.args[0].shape, strict=True):
            if k not in sp.sympify(index).free_symbols:
                continue
            shift = sp.expand(index - k)
            if shift.free_symbols:
                return False
            if sp.expand(lo + shift) != 0 or sp.expand(hi + shift - (length - 1)) != 0:
                return False
            seen = True
    # a Kronecker delta is an entry of the identity (sympy writes (D y)[1, 0] with one); its indices
    # are marked where they are fixed (marked_indices)
    deltas = [x for x in sp.preorder_traversal(body) if isinstance(x, sp.KroneckerDelta) and k in x.free_symbols]
    for x in deltas:
        for index in x.args:
            if k in index.free_symbols and sp.expand(index - k).free_symbols:
                return False
    # k must occur nowhere else (a factor k, an exponent): cut out of the entries, nothing is left of it
    rest = body.xreplace({x: sp.Dummy("entry") for x in (*elements, *deltas)})
    return seen and k not in rest.free_symbols


def tied_names(parts: Iterable[sp.Basic], dims: Iterable[sp.Symbol]) -> frozenset[sp.Basic]:
    """The dimensions and every name that a given, an assumption or a lemma
    ties to one as a number (``c = n``, ``B = n A``, ``m <= n``): the other
    side of a relation whose side uses a tied name as a number, every name
    of a statement that is not a relation. A name is tied back through the
    statement that tied it only when something else ties it too: ``B = n
    A`` ties ``B``, not ``A`` (any ``A`` has such a ``B``); with ``B = n I``
    as well, ``A`` is tied."""
    sources: dict[sp.Basic, set[int]] = {d: {-1} for d in dims}
    statements = [
        p for p in parts if isinstance(p, (sp.Rel, sp.logic.boolalg.Boolean)) and not isinstance(p, sp.Symbol)
    ]
    changed = bool(sources)
    while changed:
        changed = False
        for k, s in enumerate(statements):
            others = {name for name, src in sources.items() if src - {k}}
            new: set[sp.Basic] = set()
            if isinstance(s, sp.Rel):
                if uses_as_number(s.rhs, others):
                    new |= _names(s.lhs)
                if uses_as_number(s.lhs, others):
                    new |= _names(s.rhs)
            elif uses_as_number(s, others):
                new = _names(s)
            for name in new:
                if k not in sources.setdefault(name, set()):
                    sources[name].add(k)
                    changed = True
    return frozenset(sources)


def as_number(goal: Goal, dims: tuple[sp.Symbol, ...]) -> bool:
    """Whether a dimension, or a name tied to one, occurs in a side of the
    step as a number (:func:`uses_as_number`)."""
    if not dims:
        return False
    tied = tied_names(step_parts(goal), dims)
    return uses_as_number(goal.lhs, tied) or uses_as_number(goal.rhs, tied)


def marked_indices(parts: Iterable[sp.Basic], dims: Set[sp.Basic]) -> int | None:
    """How many indices of an axis the step fixes (``A[2, 0]`` fixes 0..2,
    ``sum_{k=1}^{2} A[k - 1, k - 1]`` fixes 0 and 1, a free index symbol one
    each); ``None`` when an index is neither such nor a variable running
    over a whole axis (the degree argument then says nothing)."""
    marks = 0
    free: set[sp.Basic] = set()
    for part in parts:
        ranges: dict[sp.Basic, tuple[sp.Basic, sp.Basic]] = {}
        for x in sp.preorder_traversal(part):
            if isinstance(x, (sp.Sum, sp.Product)):
                for k, lo, hi in x.limits:
                    if not ((lo.free_symbols | hi.free_symbols) & dims):
                        ranges[k] = (lo, hi)
                    elif not _whole_axis(x, k, lo, hi):
                        return None
        for x in sp.preorder_traversal(part):
            if not isinstance(x, (MatrixElement, sp.Indexed, sp.KroneckerDelta)):
                continue
            indices = x.indices if isinstance(x, sp.Indexed) else x.args[1:] if isinstance(x, MatrixElement) else x.args
            for index in indices:
                index = sp.sympify(index)
                if index.is_Integer:
                    marks = max(marks, int(index) + 1)
                    continue
                if index.free_symbols & dims:
                    return None
                fixed = index.free_symbols & set(ranges)
                if not fixed:
                    free |= index.free_symbols  # an index symbol: one index no relabelling moves
                    continue
                if len(fixed) != 1:
                    return None
                k = next(iter(fixed))
                shift, hi = sp.expand(index - k), ranges[k][1]
                if shift.free_symbols or not (shift.is_Integer and hi.is_Integer):
                    return None
                marks = max(marks, int(hi + shift) + 1)
    bound = {
        k
        for part in parts
        for x in sp.preorder_traversal(part)
        if isinstance(x, (sp.Sum, sp.Product))
        for k, _, _ in x.limits
    }
    return marks + len(free - bound)


def size_dependent(parts: Iterable[sp.Basic]) -> bool:
    """Whether a determinant (or a permanent) is in the step: its degree
    grows with the size, so no degree bounds the sizes that decide it."""
    return any(isinstance(x, _SIZE_DEPENDENT) for p in parts for x in sp.preorder_traversal(p))


def exponent_in(goal: Goal, dims: tuple[sp.Symbol, ...]) -> bool:
    """Whether an exponent or an elementwise function of a matrix in the
    step holds a dimension or a name tied to one (``A^{n(n - 1)}``)."""
    tied = tied_names(step_parts(goal), dims)
    for side in (*flatten_side(goal.lhs), *flatten_side(goal.rhs)):
        if not isinstance(side, sp.Basic):
            continue
        for x in sp.preorder_traversal(side):
            if isinstance(x, (sp.MatPow, sp.HadamardPower, ElementwiseApplyFunction)) and any(
                not isinstance(a, MatrixExpr) and uses_as_number(a, tied) for a in x.args
            ):
                return True
    return False
