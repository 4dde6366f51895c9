"""What a whole chain of a submission shows: from its first side to its
last, composed over its steps, a result an expected one may be reached by
(:func:`symproofs.grading.reach.plan_reach`), and an equation the answer
states about its first side (a later line restating it is checked against it)."""

from __future__ import annotations

import itertools

import sympy as sp

from symproofs.core.model import Relation
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.planned import Known, Plan, Result
from symproofs.grading.reach import fixed_names, plan_reach
from symproofs.grading.report import LineGrade
from symproofs.latex.notation import Setting

__all__ = ["plan_chain_result"]


def plan_chain_result(plan: Plan, ci: int, chain: ReadChain, sides: list[ReadSide], steps: list[LineGrade],
                      first: ReadSide | None, last: ReadSide | None, composed: Relation | None,
                      setting: Setting, goals: GoalSet, seen: Known) -> None:
    """Plan what chain ``ci`` reaches, read from ``first`` to ``last`` with
    the relation ``composed`` of its steps (``None``: they do not compose);
    its ``steps`` are the grades planned for its sides."""
    if first is None or last is None or first is last or first.expr is None or last.expr is None \
            or composed is None:
        return
    # a chain shown under a condition (= a^2 \qquad (b = 0)) or in a case shows no result about its names
    fixed = [*goals.cases_now, *(rel for s in sides for rel in s.assumed or ())]
    # the sides from the first that says something else than the first (E[v] + 0 is E[v] once read)
    at = sides.index(first)
    later = [s for s in sides[at + 1:] if s.expr is not None]
    later = later[next((k for k, s in enumerate(later) if s.expr != first.expr), len(later)):]
    where = {(g.line, g.column): k for k, g in enumerate(steps)}
    ordered = [s for s in sides[at:] if s.expr is not None and (s is first or (s.line, s.column) in where)]
    backward = [(a.expr, where[b.line, b.column]) for a, b in itertools.pairwise(ordered)][::-1]
    backward = backward[next((k for k, (e, _) in enumerate(backward) if e != last.expr), len(backward)):]
    plan_reach(plan.reach, ci, first.expr, last.expr, composed, setting, goals,
               avoid=fixed_names(fixed, setting),
               later=[(s.expr, where[s.line, s.column]) for s in later
                      if (s.line, s.column) in where and s.expr is not None], earlier=backward)
    if composed is Relation.EQ and not any(s.condition for s in sides):
        seen.results.setdefault(sp.srepr(first.expr), Result(last.expr, first.line, ci, False, chain.question))
