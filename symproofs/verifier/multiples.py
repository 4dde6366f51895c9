"""One inequality from another that is a positive multiple of it.

``2x \\le b`` and ``x \\le b/2`` say the same: the differences ``2x - b`` and
``x - b/2`` are one twice the other, so they have the same sign wherever both
are defined. Any multiplier the facts prove positive will do (``a`` under
``a > 0``, ``x^2 + 1``).
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation
from symproofs.core.results import Trust, Verdict
from symproofs.verifier.ideals import partial_parts

__all__ = ["positive_multiple"]


def _below_zero(r: sp.Basic) -> tuple[sp.Expr, bool] | None:
    """``(A, strict)`` with ``r`` the statement ``A < 0`` (or ``A <= 0``)."""
    if isinstance(r, (sp.Lt, sp.Le)):
        return r.lhs - r.rhs, isinstance(r, sp.Lt)
    if isinstance(r, (sp.Gt, sp.Ge)):
        return r.rhs - r.lhs, isinstance(r, sp.Gt)
    return None


def positive_multiple(goal: Goal, state: object) -> Outcome | None:
    """One inequality from another when the two differences are one a
    provably positive multiple of the other (``2x \\le b`` and ``x \\le b/2``;
    ``az \\le b`` and ``z \\le b/a`` for ``a > 0``): they have the same
    sign wherever both are defined. A strict premise gives a non-strict
    conclusion; ``<=>`` needs the same strictness."""
    if goal.relation not in (Relation.IMPLIES, Relation.IFF):
        return None
    prem, concl = _below_zero(goal.lhs), _below_zero(goal.rhs)
    if prem is None or concl is None or any(isinstance(e, sp.MatrixExpr) for e, _ in (prem, concl)):
        return None
    (a, a_strict), (b, b_strict) = prem, concl
    # the conclusion is defined wherever the premise holds (and, for <=>, the other way round): the
    # multiple is compared after cancelling, which would forget 0/0 at x = 1 in (x^2 - 1)/(x - 1)
    facts = goal.context.facts
    a_open, b_open = partial_parts(a, facts), partial_parts(b, facts)
    if not b_open <= a_open or (goal.relation is Relation.IFF and a_open != b_open):
        return None
    if (b_strict and not a_strict) or (goal.relation is Relation.IFF and a_strict != b_strict) or b == 0:
        return None
    ratio = sp.cancel(sp.together(a / b))
    if facts.positive(ratio) is not True or sp.cancel(sp.together(a - ratio * b)) != 0:
        return None
    return Outcome(verdict=Verdict.PROVED, method="a positive multiple of the other side's difference",
                   trust=Trust.SYMBOLIC)
