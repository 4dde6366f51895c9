r"""A step checked in the case of its indices it states: ``i \ne j`` or ``i = j``.

"If $i \ne j$, then $$E[R_{ki} R_{kj}] = E[R_{ki}] E[R_{kj}] = p^2$$": the
goal carries the case as an assumption. The normal form of the difference
then still holds ``\delta_{ij}`` or a moment of ``R_{ki} R_{kj}`` that
depends on whether the two members coincide. In the case:

* ``i = j``: ``j`` is replaced by ``i`` everywhere (the claim at every ``i``
  is the claim in the case);
* ``i \ne j`` between integers: ``j`` is replaced by ``i + s`` for a fresh
  nonzero integer ``s`` (every pair ``i \ne j`` is ``(i, i + s)`` for one such
  ``s``), so that ``\delta_{i, i+s} = 0`` and the members ``R_{ki}``,
  ``R_{k, i+s}`` differ.

The difference, so written and reduced again by the goal's algebras, is 0
only if the step holds at every point of the case. Only relations between
two plain integer names are used; anything else in the facts is left to the
other strategies.
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.goals import Goal, Outcome
from symproofs.core.results import Trust, Verdict
from symproofs.verifier.rewrite import apart_from

__all__ = ["in_index_case", "index_case"]


def _integer_name(e: sp.Basic) -> bool:
    return isinstance(e, sp.Symbol) and e.is_integer is True


def index_case(goal: Goal, names: set[sp.Basic]) -> tuple[dict[sp.Basic, sp.Basic], str] | None:
    """The substitution that writes the goal in the case its facts state
    between two integer names among ``names``, and the case in words; None
    when the facts state no such case."""
    sub: dict[sp.Basic, sp.Basic] = {}
    said: list[str] = []
    for c in goal.context.facts.constraints:
        if not isinstance(c, (sp.Eq, sp.Ne)) or not (_integer_name(c.lhs) and _integer_name(c.rhs)):
            continue
        a, b = sorted((c.lhs, c.rhs), key=sp.default_sort_key)
        if a not in names or b not in names or a in sub or b in sub or a == b:
            continue
        if isinstance(c, sp.Eq):
            sub[b] = a
            said.append(f"{a} = {b}")
        else:
            sub[b] = a + sp.Dummy(f"{b}_{a}", integer=True, nonzero=True)
            said.append(f"{a} != {b}")
    if not sub:
        return None
    if any(v.has(*sub) for v in sub.values()):  # (i = j, j != k: one at a time only)
        return None
    return sub, ", ".join(said)


def _reduced(goal: Goal, e: sp.Basic) -> sp.Basic:
    for alg in goal.context.algebras:
        e = alg.reduce(e)
    return sp.expand(e)


def in_index_case(goal: Goal, diff: sp.Basic) -> Outcome | None:
    """Proved if ``diff`` (a normal form of the step's difference), written
    in the index case the goal assumes and reduced again, is 0."""
    if isinstance(diff, sp.MatrixExpr) or not goal.context.algebras:
        return None
    names = set(diff.free_symbols)
    if isinstance(goal.lhs, sp.Basic) and isinstance(goal.rhs, sp.Basic):
        names |= goal.lhs.free_symbols | goal.rhs.free_symbols
    found = index_case(goal, names)
    if found is None:
        return None
    sub, said = found
    # every name the substitution reads or writes (j and i in j -> i + s): a sum's own i or j is renamed
    # first, so that the case's i is not captured by a sum over i
    touched = set(sub).union(*(v.free_symbols for v in sub.values()))
    for start in (diff, _plain_difference(goal)):
        if start is None or not start.has(*sub) or _extremum_binds(start, touched):
            continue
        try:
            e = _reduced(goal, apart_from(start, touched).xreplace(sub))
        except (TypeError, ValueError, NotImplementedError, AttributeError):
            continue
        if e == 0:
            return Outcome(
                verdict=Verdict.PROVED, method=f"domain algebra normal form in the case {said}", trust=Trust.SYMBOLIC
            )
    return None


def _extremum_binds(e: sp.Basic, names: set[sp.Basic]) -> bool:
    """Whether a ``\\max_i`` or ``\\min_i`` in ``e`` binds one of ``names`` (its
    index is not renamed apart: such a step is left to the other strategies)."""
    return any(
        type(a).__name__ in ("IndexedMax", "IndexedMin") and len(a.args) == 2 and a.args[1] in names
        for a in sp.preorder_traversal(e)
    )


def _plain_difference(goal: Goal) -> sp.Basic | None:
    lhs, rhs = goal.lhs, goal.rhs
    if not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr) or isinstance(lhs - rhs, sp.MatrixExpr):
        return None
    return lhs - rhs
