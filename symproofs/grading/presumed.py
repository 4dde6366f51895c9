r"""A proof that needs what the reader presumes proves the step only there.

The grader reads a sum or product the student writes with symbolic integer
bounds as not reversed (``\sum_{i=1}^{m}`` for ``m >= 0``, see
:func:`symproofs.grading.context.ranges_written`): a point where the range
runs backwards is no counterexample to what the student wrote. The same
presumption must not prove the step for every integer ``m``: with the
empty-range convention the verifier follows (a reversed range is empty: a
sum 0, a product 1), ``\sum_{i=1}^{m} 1 = m`` is false at ``m = -3``. A step
proved with such a presumption that nothing states is checked again where
the presumption fails (``m < 0``: the range is empty there); unless that is
a proof too, the step is *unknown* and says for which ranges it holds
(:func:`unpresumed`).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import sympy as sp

from symproofs.core.facts import Facts, contradiction
from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Trust, Verdict

__all__ = ["METHOD", "PRESUMED", "held_by_presumption", "unpresumed"]

#: the most presumptions whose cases are checked one by one (2^n - 1 more checks)
_MAX_OPEN = 2

#: the method of a step held back so
METHOD = "proved where no range is reversed"

#: why a step proved where its ranges are not reversed is not proved for every value
PRESUMED = (
    "proved only where {conds} (its sums' and products' ranges not reversed); nothing states it, and "
    "a reversed range is empty (a sum 0, a product 1)"
)


def held_by_presumption(result: StepResult) -> bool:
    """Whether ``result`` is a proof :func:`unpresumed` held back (proved where a range is not reversed only)."""
    return result.verdict is Verdict.UNKNOWN and result.method == METHOD


def unpresumed(goal: Goal, result: StepResult) -> StepResult:
    """``result`` if it is no proof or needs no presumption of ``goal``'s
    context that its stated facts leave open; else a proof only if the goal
    is proved too in every other case of those presumptions (each one or its
    negation: ``m < 0``, where the range is empty), and *unknown* otherwise."""
    presumed = goal.context.presumed
    if result.verdict is not Verdict.PROVED or not presumed:
        return result
    stated = tuple(c for c in goal.context.facts.constraints if c not in presumed)
    # a name the text gives a number ("let $n = 2$") has it here too: n >= 0 is then stated
    values = {
        g.statement.lhs: g.statement.rhs
        for g in goal.context.givens
        if g.index is None
        and isinstance(g.statement, sp.Eq)
        and isinstance(g.statement.lhs, sp.Symbol)
        and g.statement.rhs.is_number
    }
    open_ = [p for p in presumed if Facts(stated).decide(p.xreplace(values)) is not True]
    if not open_:
        return result
    from symproofs.verifier.pipeline import check_goal

    seconds = result.seconds
    if len(open_) <= _MAX_OPEN:
        for signs in product((True, False), repeat=len(open_)):
            if all(signs):
                continue  # the case the proof at hand covers
            case = (*stated, *(p if keep else sp.Not(p) for p, keep in zip(open_, signs, strict=True)))
            if sp.false in case or contradiction(case) is not None:
                continue  # no value is in this case (m >= 0 and m + 1 < 0)
            again = check_goal(replace(goal, context=replace(goal.context, facts=Facts(case), presumed=())))
            seconds += again.seconds
            if again.verdict is not Verdict.PROVED:
                break
        else:
            return result
    conds = ", ".join(sp.sstr(p) for p in open_[:3])
    return StepResult(
        verdict=Verdict.UNKNOWN,
        method=METHOD,
        trust=Trust.NONE,
        seconds=seconds,
        message=PRESUMED.format(conds=conds),
    )
