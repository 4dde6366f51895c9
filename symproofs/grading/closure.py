r"""Givens about a defined name, also written through its definition.

A course defines ``y = u^\top x`` and states ``\mu_y = 0`` (read ``mu(y) =
0``). A step that writes ``y`` gets it written out (``E[y]`` is the
expectation of ``u^\top x``), and ``mu(y)`` with it: ``mu(u^\top x)``, which
the given about ``mu(y)`` no longer matches. :func:`through_names` adds, for
each given that speaks of a defined name inside a larger left side, the same
given with the name replaced by its definition. Equals replaced by equals: a
given so written holds wherever both givens hold.

Only plain definitions are used (a name, no index, not defined through
itself); a given that binds the name (a sum's or an integral's own ``y``) is
left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symproofs.core.capture import substituted
from symproofs.core.model import Given
from symproofs.verifier.sums import BINDERS, bound_by

__all__ = ["through_names"]

#: givens written through the definitions, at most (each one is one more rewrite rule)
_MAX_ADDED = 8


def _definition(g: Given) -> tuple[sp.Basic, sp.Basic] | None:
    st = g.statement
    if g.index is not None or not isinstance(st, sp.Eq):
        return None
    lhs, rhs = st.lhs, st.rhs
    if not isinstance(lhs, (sp.Symbol, sp.MatrixSymbol)) or rhs.has(lhs):
        return None
    return lhs, rhs


def _binds(e: sp.Basic, name: sp.Basic) -> bool:
    return any(name in bound_by(x) for x in sp.preorder_traversal(e) if isinstance(x, BINDERS))


def through_names(givens: Sequence[Given]) -> tuple[Given, ...]:
    """``givens`` and, after them, each given whose left side holds a defined
    name strictly inside (``mu(y) = 0`` with ``y = u^T x``) written through
    that name's definition (``mu(u^T x) = 0``)."""
    defs = [d for g in givens if (d := _definition(g)) is not None]
    if not defs:
        return tuple(givens)
    added: list[Given] = []
    for g in givens:
        st = g.statement
        if g.index is not None or not isinstance(st, sp.Eq) or _definition(g) is not None:
            continue
        subs = {name: value for name, value in defs if st.lhs != name and st.lhs.has(name) and not _binds(st, name)}
        if not subs:
            continue
        lhs, rhs = substituted(st.lhs, subs), substituted(st.rhs, subs)
        if lhs == st.lhs or lhs == rhs:
            continue
        try:
            statement = sp.Eq(lhs, rhs, evaluate=False)
        except (TypeError, ValueError):
            continue
        added.append(Given(name=g.name, statement=statement, text=g.text))
        if len(added) >= _MAX_ADDED:
            break
    return (*givens, *added)
