r"""Capture-avoiding substitution of a definition into a step.

A definition's right side may bind names: ``J = \sum_{i=1}^{n} w_i^2``
binds ``i``. Put as it is into ``\partial J / \partial w_i`` it gives
``\partial/\partial w_i \sum_i w_i^2``, where the sum's ``i`` captures the
derivative's free ``i``: every term ``w_i^2`` is differentiated by itself,
and ``2 \sum_k w_k`` is "proved" while the true ``2 w_i`` is refuted. The
student's ``i`` in ``w_i`` is not the sum's.

:func:`apart` renames every variable a sum, product, integral, lambda,
limit, substitution or indexed maximum or minimum (``\max_i``) of a body
binds that is among the names to avoid, to a fresh dummy (the same one
:func:`symproofs.core.facts.rename_bound` makes, so two sides renamed apart
still compare equal). :func:`substituted` puts definitions into a target
through it, apart from every free name of the target: every place a
definition, a notation's definition or a recurrence is written into a step
goes through it.

>>> i, k, n = sp.symbols("i k n", integer=True)
>>> w, J = sp.Function("w"), sp.Symbol("J")
>>> d = substituted(sp.Derivative(J, w(i)), {J: sp.Sum(w(i) ** 2, (i, 1, n))})
>>> d.expr.limits[0][0] == i
False
>>> substituted(J + 1, {J: sp.Sum(w(i) ** 2, (i, 1, n))}) == sp.Sum(w(i) ** 2, (i, 1, n)) + 1
True
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

import sympy as sp

from symproofs.core.facts import fresh_bound, rename_bound

__all__ = ["apart", "bound_in", "names_in", "substituted"]

#: the reader's indexed extrema (``\max_i x_i``): a function that binds its second argument
_EXTREMA = frozenset({"IndexedMax", "IndexedMin"})


def _binds(node: sp.Basic) -> set[sp.Basic]:
    """The names ``node`` binds (none when it binds nothing)."""
    if isinstance(node, (sp.Sum, sp.Product, sp.Integral)):
        return {lim[0] for lim in node.limits}
    if isinstance(node, sp.Lambda):
        return set(node.variables)
    if isinstance(node, sp.Limit):
        return {node.args[1]}
    if isinstance(node, sp.Subs):
        return set(node.variables)
    if type(node).__name__ in _EXTREMA and len(node.args) == 2 and isinstance(node.args[1], sp.Symbol):
        return {node.args[1]}
    return set()


def bound_in(expr: sp.Basic) -> set[sp.Basic]:
    """Every name a binder of ``expr`` binds."""
    if not isinstance(expr, sp.Basic):
        return set()
    return set().union(*(_binds(e) for e in sp.preorder_traversal(expr)))


def names_in(expr: sp.Basic) -> set[sp.Basic]:
    """The free names of ``expr`` with those of the variables of its
    derivatives (sympy leaves the ``i`` of ``d/dw_i`` out of ``free_symbols``)."""
    if not isinstance(expr, sp.Basic):
        return set()
    out = set(expr.free_symbols)
    for d in expr.atoms(sp.Derivative):
        out |= {x for v in d.variables for x in v.free_symbols}
    return out


def apart(body: sp.Basic, avoid: AbstractSet[sp.Basic]) -> sp.Basic:
    """``body`` with every name one of its binders binds that is in ``avoid``
    renamed to a fresh dummy; the free names of ``body`` are kept."""
    if not isinstance(body, sp.Basic):
        return body
    clash = bound_in(body) & set(avoid)
    if not clash:
        return body
    out = rename_bound(body, clash)

    def other(e: sp.Basic) -> bool:
        return isinstance(e, sp.Subs) or type(e).__name__ in _EXTREMA

    def renamed(e: sp.Basic) -> sp.Basic:
        fresh = {v: fresh_bound(v) for v in _binds(e) & clash}
        if not fresh:
            return e
        if isinstance(e, sp.Subs):
            return sp.Subs(e.expr.xreplace(fresh), tuple(fresh.get(v, v) for v in e.variables), e.point)
        return e.func(e.args[0].xreplace(fresh), fresh.get(e.args[1], e.args[1]))

    return out.replace(other, renamed) if any(other(e) for e in sp.preorder_traversal(out)) else out


def substituted(
    target: sp.Basic, values: Mapping[sp.Basic, sp.Basic], avoid: AbstractSet[sp.Basic] = frozenset()
) -> sp.Basic:
    """``target`` with every key of ``values`` replaced by its value, each
    value's bound names first renamed apart from the free names of
    ``target`` and from ``avoid`` (the names of the context ``target`` is
    part of: the variables of the derivative whose body it is)."""
    if not values or not isinstance(target, sp.Basic):
        return target
    free = names_in(target) | set(avoid)
    return target.xreplace({k: apart(v, free) for k, v in values.items()})
