"""Steps between numbers written with sums, products or integrals.

``\\sum_{k \\ge 1} 1/k^2 = \\pi^2/8`` has no names to put values in, and the
probe cannot evaluate an infinite sum at a point: the step is decided by the
sides' exact values. Each side is evaluated in closed form (sympy's ``doit``,
simplified) and confirmed numerically (sympy's own summation and quadrature,
a method independent of the closed form); two values that fail the relation,
compared rigorously (:func:`symproofs.verifier.values.fails`), refute the
step at any values, with both values. A side whose closed form is not a
finite real number, or whose numerical value is not found or disagrees,
decides nothing.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.verifier.sums import empty_ranges
from symproofs.verifier.values import Undecided, fails

__all__ = ["closed_values"]

#: what only this strategy evaluates (anything else without names the probe evaluates at any point)
_WRITTEN = (sp.Sum, sp.Product, sp.Integral)
#: what a closed form must be free of
_UNEVALUATED = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative, sp.Piecewise, sp.AccumBounds)
#: the comparison for each relation, and whether the sides are swapped for it (``>=``: ``rhs <= lhs``)
_KIND = {Relation.EQ: ("eq", False), Relation.LE: ("le", False), Relation.LT: ("lt", False),
         Relation.GE: ("le", True), Relation.GT: ("lt", True)}
#: how far a numerical value may be from the closed form (relative), and the working digits
_AGREE, _DIGITS = sp.Float("1e-12"), 30


def _value(side: sp.Expr, goal: Goal) -> sp.Expr | None:
    """``side`` (a number) in closed form, confirmed numerically; None if either fails."""
    closed = sp.simplify(empty_ranges(side, goal.context.facts).doit())
    if not isinstance(closed, sp.Expr) or not closed.is_number or closed.has(*_UNEVALUATED) \
            or closed.is_finite is not True or closed.is_extended_real is not True:
        return None
    if not side.has(*_WRITTEN):
        return closed
    numeric = side.evalf(_DIGITS)
    if not isinstance(numeric, sp.Float):  # not evaluated numerically (an infinite product, ...): not confirmed
        return None
    return closed if abs(numeric - closed.evalf(_DIGITS)) <= _AGREE * (1 + abs(numeric)) else None


def closed_values(goal: Goal, state: object) -> Outcome | None:
    """Refute a step between two numbers, one at least written with a sum, a product or an integral, whose
    exact values (confirmed numerically) fail its relation; None otherwise (the step is left to the others)."""
    if goal.relation not in _KIND:
        return None
    sides = [s for s in (goal.lhs, goal.rhs) if isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr)]
    if len(sides) != 2 or any(s.free_symbols or s.atoms(AppliedUndef) for s in sides) \
            or not any(s.has(*_WRITTEN) for s in sides):
        return None
    if any(alg.owns(s) for alg in goal.context.algebras for s in sides):
        return None  # moments of random variables: their algebra's
    try:
        lhs, rhs = (_value(s, goal) for s in sides)
        if lhs is None or rhs is None:
            return None
        kind, swapped = _KIND[goal.relation]
        failed = fails(rhs, lhs, kind) if swapped else fails(lhs, rhs, kind)
    except (Undecided, TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError):
        return None
    if not failed:
        return None
    return Outcome(verdict=Verdict.REFUTED, method="exact values", trust=Trust.NONE,
                   counterexample=Counterexample(assignment=(), lhs=lhs, rhs=rhs))
