r"""One step of backpropagation through time: the gradient of a defined loss
by a member of a sequence, written through the next member.

With ``h_t = F(h_{t-1}, x_t)`` (a recurrence that holds its own family only
one step back) and ``L = \sum_{k=lo}^{hi} L_k`` where each ``L_k`` reaches the
family only at ``h_{k+o}`` (through members of other families that hold no
member of it, such as ``y_k`` and ``h^{(b)}_k``), every path from ``h_s`` to
``L`` goes through ``L_{s-o}`` directly or through ``h_{s+1}``, the only
member defined from ``h_s``. The chain rule gives

    ``\nabla_{h_s} L = \nabla_{h_s} L_{s-o} + (\partial h_{s+1}/\partial h_s)^\top \nabla_{h_{s+1}} L``

(the first term only when ``lo <= s - o <= hi``, which the notation's range of
the steps must decide; a backward recurrence, ``h_t = F(h_{t+1}, x_t)``, the
same with ``s - 1``). A TA reads a step that writes ``\nabla_{h_s} L`` and
``\nabla_{h_{s+1}} L`` with this identity.

:func:`unfolded` rewrites a step's sides with it when both gradients are in
the step: ``\nabla_{h_s} L`` by the right side above (the two derivatives of
known expressions are left to the reader's matrix calculus), and every
``\nabla_{h_{s+1}} L`` by one opaque vector ``G`` of its shape. The step then
holds for the actual gradient whenever the rewritten one holds for every
``G``: a proof of it proves the step, while a counterexample to it may rest
on a ``G`` no loss has, so it refutes nothing (the grader only takes a proof
from it). Anything the rule cannot decide leaves the step as it is (None).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Lemma
from symproofs.latex.algebraic import for_algebras
from symproofs.latex.declarations import Notation
from symproofs.latex.dependence import NotWritten, defined_names, written_out
from symproofs.latex.recurrences import Defined, instance_of
from symproofs.latex.sequences import member_parts, through_recurrences
from symproofs.latex.tailsum import _bounds, _direction, _offsets, _plain
from symproofs.matrices.linalg import Grad, Jacobian
from symproofs.matrices.timegraph import holds

__all__ = ["unfolded"]

Parts = tuple[str, tuple[sp.Expr, ...]]


def unfolded(notation: Notation | None, lhs: sp.Basic, rhs: sp.Basic,
             lemmas: Sequence[Lemma] = ()) -> tuple[sp.Basic, sp.Basic] | None:
    r"""The sides with one gradient of a defined loss by a member written
    through the next member's gradient, that gradient opaque (see the
    module); None when no gradient in the step can be. ``lemmas``: the
    setting's identities; one that gives the derivative of an elementwise
    function for every argument (``\sigma'(a) = \sigma(a)(1 - \sigma(a))``)
    is applied to the Jacobian written out."""
    if notation is None or not notation.recurrences or not notation.defined \
            or not isinstance(lhs, sp.Basic) or not isinstance(rhs, sp.Basic):
        return None
    grads = sorted({g for side in (lhs, rhs) for g in side.atoms(Grad)},
                   key=sp.default_sort_key)
    for g in grads:
        try:
            step = _one_step(notation, g, grads)
        except (NotWritten, TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
            continue  # a dependence the notation does not decide: the step as written
        if step is not None:
            value, later = step
            value = _by_lemmas(through_recurrences(notation, value), notation, lemmas)
            opaque = sp.MatrixSymbol(f"G[{later.args[1].name}]", *later.shape)
            swap = {g: value.xreplace({later: opaque}), later: opaque}
            return lhs.xreplace(swap), rhs.xreplace(swap)
    return None


def _one_step(notation: Notation, g: Grad, grads: Sequence[Grad]) -> tuple[sp.Basic, Grad] | None:
    """``(\\nabla_{h_s} L_{s-o} + J^T \\nabla_{h_{s+1}} L, \\nabla_{h_{s+1}} L)``
    for ``g = \\nabla_{h_s} L`` when ``grads`` holds ``\\nabla_{h_{s+1}} L``, else None."""
    loss, var = g.args
    if not isinstance(loss, sp.Symbol) or not isinstance(var, sp.MatrixSymbol):
        return None
    defined = next((d for d in notation.defined if d.symbol == loss.name), None)
    parts = member_parts(var, notation)
    if defined is None or parts is None or not _summed(defined):
        return None
    way = _direction(notation, parts)
    if way is None or not _one_back(notation, parts, *way):
        return None
    position, forward = way
    base, idx = parts
    nxt = tuple(sp.expand(x + (1 if forward else -1)) if q == position else x for q, x in enumerate(idx))
    later = next((h for h in grads if h.args[0] == loss and isinstance(h.args[1], sp.MatrixSymbol)
                  and _same(member_parts(h.args[1], notation), (base, nxt))), None)
    if later is None or instance_of(notation.recurrences, base, nxt) is None:
        return None
    term = _term_at(notation, defined, parts, position)
    if term is None:
        return None
    members = {var: parts, later.args[1]: (base, nxt)}
    try:
        direct = for_algebras(written_out(term, [var], notation, members, defined_names(notation)).value)
        child = for_algebras(written_out(later.args[1], [var], notation, members, defined_names(notation)).value)
        jacobian = Jacobian(child, var)
        local = Grad(direct, var)
    except (NotWritten, TypeError, ValueError, AttributeError):
        return None
    if child == later.args[1] or not child.has(var):
        return None
    return local + jacobian.T * later, later


def _by_lemmas(expr: sp.Basic, notation: Notation, lemmas: Sequence[Lemma]) -> sp.Basic:
    r"""``expr`` with each declared derivative of an elementwise function
    (``\sigma'``) replaced by the value a lemma gives it for every argument
    (``\sigma'(a) = \sigma(a)(1 - \sigma(a))``, no hypotheses)."""
    for f, df in notation.derivatives().items():
        for lemma in lemmas:
            st = lemma.statement
            if lemma.hypotheses or len(lemma.variables) != 1 or not isinstance(st, sp.Eq):
                continue
            (a,) = lemma.variables
            if st.lhs != sp.Derivative(f(a), a) or st.rhs.has(sp.Derivative):
                continue
            expr = expr.replace(lambda e, df=df: isinstance(e, AppliedUndef) and e.func == df and len(e.args) == 1,
                                lambda e, a=a, value=st.rhs: value.xreplace({a: e.args[0]}))
            break
    return expr


def _summed(defined: Defined) -> bool:
    """A number defined as a sum over one index of a scalar summand (``L = \\sum_t L_t``)."""
    rhs = defined.rhs
    return isinstance(rhs, sp.Sum) and len(rhs.limits) == 1 and not isinstance(rhs.function, sp.MatrixExpr)


def _one_back(notation: Notation, parts: Parts, position: int, forward: bool) -> bool:
    """Whether the family's recurrence holds members of its own family only one step back
    (``h_{t-1}``; ``h_{t+1}`` backward): the next member is the only one defined from a member."""
    base, idx = parts
    (rec,) = [r for r in notation.recurrences if r.base == base and r.instance(idx) is not None]
    gaps = {sp.expand(held[position] - rec.at[position]) for _, b, held in rec.members if b == base}
    return gaps == {sp.Integer(-1 if forward else 1)}


def _term_at(notation: Notation, defined: Defined, parts: Parts, position: int) -> sp.Basic | None:
    """The one term ``L_{s-o}`` of the sum that reaches the member directly, when every term
    reaches the family at the one offset ``o`` and the steps' range puts ``s - o`` inside the sum."""
    rhs = defined.rhs
    assert isinstance(rhs, sp.Sum)
    t0, lo, hi = rhs.limits[0]
    offsets = _offsets(notation, rhs.function, t0, parts, position)
    if len(offsets) != 1:
        return None
    k = sp.expand(parts[1][position] - offsets.pop())
    bounds = _bounds(notation, (lo, hi, k))
    if holds(_plain(lo), _plain(k), bounds) is not True or holds(_plain(k), _plain(hi), bounds) is not True:
        return None
    return rhs.function.xreplace({t0: k})


def _same(found: Parts | None, wanted: Parts) -> bool:
    """The same member: the same family at equal indices."""
    if found is None or found[0] != wanted[0] or len(found[1]) != len(wanted[1]):
        return False
    return all(sp.expand(_plain(a) - _plain(b)) == 0 for a, b in zip(found[1], wanted[1], strict=True))
