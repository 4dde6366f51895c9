"""A refutation held back where the words around the line state a condition the point breaks.

The readers of cases (:mod:`symproofs.grading.cases`,
:mod:`symproofs.latex.remarks`, :mod:`symproofs.latex.after`) turn the
conditions they know into the step's case. Students word conditions in
more ways than those ("for nonnegative $w$", "$r$ being a norm", "Let y >
0." without math, "for $n$ large enough"): a refutation at a point that
breaks a condition the sentences around the line state on one of its
names (:func:`symproofs.latex.qualifiers.qualifier`) is no refutation of
what the student wrote, and is reported *unknown*, saying which condition
it needs. A slip inside the stated condition, or with no condition near
it, stays refuted.
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Verdict
from symproofs.latex.qualifiers import qualifier

__all__ = ["qualified"]

_SMALL = 200  # operations in the difference of the sides, at most, for it to be expanded


def qualified(result: StepResult, goal: Goal, text: str, line: int, column: int = 0) -> StepResult:
    """``result`` held back (*unknown*) where its point breaks a condition the
    text around source ``line`` (at ``column``) states on one of the point's
    names that the step's failure depends on."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None or not text:
        return result
    names = _names(goal)
    point = {k.name: v for k, v in cx.assignment if isinstance(k, sp.Symbol) and (names is None or k.name in names)}
    found = qualifier(text, line, point, column) if point else None
    if found is None:
        return result
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"needs: the condition on {found.name} the text states ('{found.phrase}'), "
                                  f"which is not read; the point where the sides differ breaks it ({cx.describe()})")


def _names(goal: Goal) -> set[str] | None:
    """The names the difference of the step's sides may depend on (``m^2 -
    1 = m^2 + 1`` fails at every ``m``: no condition on m helps); None: any."""
    if not (isinstance(goal.lhs, sp.Expr) and isinstance(goal.rhs, sp.Expr)):
        return None  # sides of other kinds (matrices, several values): any name may count
    try:
        difference = goal.lhs - goal.rhs
        if sp.count_ops(difference) <= _SMALL:  # (a large one is not expanded: its names may all count)
            difference = sp.expand(difference)
    except (TypeError, ValueError, ArithmeticError):  # sides that do not subtract: any name may count
        return None
    return {str(x) for x in difference.free_symbols} if isinstance(difference, sp.Expr) else None
