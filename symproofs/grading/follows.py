"""Lines the planner checks against the line before them: a link between
statements, a line "hence" drawn from the equation above it, and a
displayed inequality in one unknown, which is a condition the answer works
with rather than an identity (:mod:`symproofs.grading.plan`)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Relation
from symproofs.core.statements import RELATIONAL
from symproofs.grading.cues import GENERAL, INEQUALITY_MESSAGE, consequence
from symproofs.grading.document import ReadChain, ReadLink, ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.links import link_step
from symproofs.grading.planned import Known, Pending, Plan, line_grade
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.solving import solutions, to_solve
from symproofs.latex.notation import Setting

__all__ = ["follows", "on_row", "plan_inequality", "plan_link"]


def on_row(previous: tuple[sp.Basic, int, str | None] | None, statement: sp.Basic, line: int,
            question: str | None) -> sp.Basic:
    """``statement`` with the equation before it on the same row (``a + b = 3, \\quad a - b = 1``: one
    system, both hold)."""
    return sp.And(previous[0], statement) if previous is not None and previous[1:] == (line, question) else statement


def plan_link(plan: Plan, ci: int, steps: list[LineGrade], link: ReadLink, setting: Setting,
               goals: GoalSet, sides: list[ReadSide], hypothesis: tuple[sp.Basic, ...] = ()) -> None:
    grade, goal = link_step(link, setting, goals, sides, hypothesis)
    steps.append(grade)
    if goal is not None:
        plan.pending.append(Pending(ci, len(steps) - 1, goal))


def follows(plan: Plan, ci: int, steps: list[LineGrade], side: ReadSide,
             previous: tuple[sp.Basic, int, str | None], claim: sp.Basic, relation: Relation, setting: Setting,
             goals: GoalSet, assumed: tuple[sp.Basic, ...] | None = ()) -> bool:
    """The line ``side`` ends, "hence" ``claim``: it must follow (``relation``) from
    the equation ``previous`` states (on its line), unless that equation has no
    solution where it is defined, from which nothing follows. Whether the
    check was planned."""
    equation, line, _ = previous
    if solutions(equation, next(iter(equation.free_symbols)), setting.facts) is sp.S.EmptySet:
        steps.append(line_grade(side, Mark.UNKNOWN, method="not checked", message=(
            f"the equation on line {line} has no solution where it is defined: nothing follows from it")))
        return False
    steps.append(line_grade(side, Mark.UNKNOWN, message=f"follows from line {line}"))
    plan.pending.append(Pending(ci, len(steps) - 1, goals.add(setting, relation, equation, claim,
                                                              assumed=assumed or ())))
    return True


def plan_inequality(plan: Plan, ci: int, steps: list[LineGrade], sides: list[ReadSide], chain: ReadChain,
                     setting: Setting, goals: GoalSet, seen: Known) -> bool:
    """One displayed inequality in one unknown on its own, with a number on
    one side (``2x + 3 \\le 7``, given or derived): a condition the answer
    works with, not an identity, unless "hence" draws it from the statement
    above or it holds for every value (both are checked). What a "hence"
    display after it says must follow from it. Whether it was planned."""
    if len(sides) != 2 or chain.links or sides[1].relation not in RELATIONAL or sides[1].relation is Relation.EQ \
            or (sides[1].condition and sides[1].assumed is None) or not all(isinstance(
                x.expr, sp.Expr) and not isinstance(x.expr, sp.MatrixExpr) for x in sides):  # numbers only
        return False
    first, second = sides
    relation = sides[1].relation
    assert relation is not None
    # where the row is written defined, and under its own condition (x^2 \le 4, \quad x > 0)
    domain = (*first.domain, *second.domain, *(second.assumed or ()))
    previous = seen.last
    statement = sp.And(RELATIONAL[relation](first.expr, second.expr), *domain)
    if consequence(chain.lead) and previous is not None and previous[2] == chain.question \
            and {v.name for v in previous[0].free_symbols} == {x.name for x in statement.free_symbols}:
        # x^2 < 1, "hence" x < 1: it follows from the statement above, and the next "hence" from it
        seen.last = (statement, first.line, chain.question)
        follows(plan, ci, steps, second, previous, statement, Relation.IMPLIES, setting, goals, second.assumed)
        return True
    stated = {x for c in goals.stated_for_now for x in c.free_symbols}
    if GENERAL.search(chain.lead[-80:]) or not to_solve(first.expr, second.expr, goals.valued(setting),
                                                        setting.facts, domain, relation) \
            or (stated and statement.free_symbols <= stated):  # "suppose $y > 2$. Then $$y^2 > 4$$": a claim in it
        return False
    seen.last = (statement, first.line, chain.question)
    steps.append(line_grade(second, Mark.UNKNOWN, method="condition", message=INEQUALITY_MESSAGE))
    return True
