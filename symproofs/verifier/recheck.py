"""The re-check every refutation made outside the probe goes through.

The probe re-checks its own counterexamples: the sides are evaluated again
from the step, from the inside out (:func:`~symproofs.verifier.points.settled`),
and must give the recorded values, which must fail the relation. A strategy
that refutes by other means (exact values of closed forms, solution sets,
a geometric limit) records a point too; :func:`rechecked` evaluates the
step at that point in the same fresh way:

- a relation between scalar expressions: both sides at the point, from the
  inside out, exactly, must agree with the recorded values and fail the
  relation;
- a relation between statements (``=>``, ``<=>``): each relation of each
  side decided at the point exactly, and the truth values recorded must be
  theirs, and fail the implication.

Where the re-check disagrees, or cannot decide (a side without a number at
the point, a value it cannot compare), the step is *unknown*, never refuted.
Steps that an algebra owns (random variables, matrices) are re-checked by
that algebra, in its own models (:mod:`symproofs.matrices.models`,
:mod:`symproofs.probability.space`): this module leaves them as they are.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.core.statements import conjuncts
from symproofs.verifier.points import expand_finite, settled
from symproofs.verifier.values import ORIENTED, Undecided, agree, fails

__all__ = ["confirmed", "rechecked"]

#: The comparison of each order or equality relation, and whether the sides swap for it.
_KIND = {Relation.EQ: ("eq", False), Relation.LE: ("le", False), Relation.LT: ("lt", False),
         Relation.GE: ("le", True), Relation.GT: ("lt", True)}


#: What a closed form must be free of; how far its numerical value may be (relative), and the working digits.
_UNEVALUATED = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative, sp.AccumBounds)
_AGREE, _DIGITS = sp.Float("1e-12"), 30


def rechecked(goal: Goal, outcome: Outcome) -> Outcome:
    """``outcome`` when it is no refutation or its counterexample survives
    the fresh re-check; else *unknown*, saying why."""
    cx = outcome.counterexample
    if outcome.verdict is not Verdict.REFUTED or cx is None or _owned(goal, outcome.method):
        return outcome
    ok = confirmed(goal, cx)
    if ok is True:
        return outcome
    why = "gives other values there" if ok is False else "cannot decide the step there"
    return Outcome(verdict=Verdict.UNKNOWN, method="counterexample not confirmed", trust=Trust.NONE,
                   message=f"{outcome.method} found a counterexample {cx.describe()}, but the re-check from "
                           f"the step {why}")


def _owned(goal: Goal, method: str) -> bool:
    """Whether an algebra owns the step, or made the refutation with one of its
    own strategies (``P(u >= 1/2)`` decided by the declared laws): its own re-check."""
    algebras = goal.context.algebras
    sides = [p for s in (goal.lhs, goal.rhs) for p in conjuncts(s) if isinstance(p, sp.Basic)]
    if any(alg.owns(p) for alg in algebras for p in sides):
        return True
    own = {name for alg in algebras
           for name, _ in (*alg.strategies(), *alg.order_strategies(), *alg.logical_strategies())}
    return method in own


def confirmed(goal: Goal, cx: Counterexample) -> bool | None:
    """Whether the step, evaluated afresh at ``cx``'s point, fails there with
    ``cx``'s values (``False``: other values, or it holds; ``None``: undecided)."""
    values = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    functions = {k: v for k, v in cx.assignment if isinstance(k, AppliedUndef)}
    if len(values) + len(functions) != len(cx.assignment) or not all(
            isinstance(v, sp.Expr) and v.is_number for v in (*values.values(), *functions.values())):
        return None  # matrices, models: not a point of scalars
    try:
        if goal.relation in _KIND:
            return _compared(goal, cx, values, functions)
        if goal.relation.is_logical:
            return _implication(goal, cx, values, functions)
    except (Undecided, TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError):
        return None
    return None


def _value(e: sp.Basic, values: dict[sp.Basic, sp.Basic], functions: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """``e`` at the point, from the inside out, every finite sum written out;
    a series or an integral that is not finite in closed form, confirmed numerically."""
    at = settled(e, values, functions).xreplace(functions)
    try:
        out = expand_finite(at)
    except Undecided:
        out = _closed(at)
    if not isinstance(out, sp.Expr) or out.free_symbols or out.atoms(AppliedUndef):
        raise Undecided("no value at this point")
    return out


def _closed(e: sp.Basic) -> sp.Basic:
    """A number with a series or an integral in it, in closed form, which its
    numerical value must confirm (:class:`Undecided` otherwise)."""
    closed = sp.simplify(e.doit())
    if not isinstance(closed, sp.Expr) or not closed.is_number or closed.has(*_UNEVALUATED):
        raise Undecided("no closed form")
    numeric = e.evalf(_DIGITS)
    if not isinstance(numeric, sp.Float) or abs(numeric - closed.evalf(_DIGITS)) > _AGREE * (1 + abs(numeric)):
        raise Undecided("the closed form is not confirmed numerically")
    return closed


def _compared(goal: Goal, cx: Counterexample, values: dict[sp.Basic, sp.Basic],
              functions: dict[sp.Basic, sp.Basic]) -> bool | None:
    if not all(isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr) for s in (goal.lhs, goal.rhs)):
        return None
    a, b = _value(goal.lhs, values, functions), _value(goal.rhs, values, functions)
    if not (agree(a, cx.lhs) and agree(b, cx.rhs)):
        return False
    kind, swap = _KIND[goal.relation]
    return fails(b, a, kind) if swap else fails(a, b, kind)


def _truth(side: object, values: dict[sp.Basic, sp.Basic], functions: dict[sp.Basic, sp.Basic]) -> bool:
    """Whether every relation of a side holds at the point, decided exactly."""
    for st in conjuncts(side):
        if st is sp.true or st is sp.false:
            if st is sp.false:
                return False
            continue
        if isinstance(st, sp.Ne):  # where a side is defined (x - 1 != 0): false only where exactly equal
            a, b = _value(st.lhs, values, functions), _value(st.rhs, values, functions)
            if fails(a, b, "eq"):
                continue
            if sp.expand(a - b) == 0:
                return False
            raise Undecided("too close to decide")
        if type(st) not in ORIENTED:
            raise Undecided("not a relation between expressions")
        swap, kind = ORIENTED[type(st)]
        a, b = _value(st.lhs, values, functions), _value(st.rhs, values, functions)
        if fails(b, a, kind) if swap else fails(a, b, kind):
            return False
    return True


def _implication(goal: Goal, cx: Counterexample, values: dict[sp.Basic, sp.Basic],
                 functions: dict[sp.Basic, sp.Basic]) -> bool | None:
    if cx.lhs not in (sp.true, sp.false) or cx.rhs not in (sp.true, sp.false):
        return None
    left, right = _truth(goal.lhs, values, functions), _truth(goal.rhs, values, functions)
    if (left, right) != (cx.lhs is sp.true, cx.rhs is sp.true):
        return False
    return left != right if goal.relation is Relation.IFF else left and not right
