"""A plain name the answer gives a value again (:mod:`symproofs.grading.plan`).

An answer that works out one layer after another often calls each result
by the same name: "Conv1: $o = \\frac{32 + 4 - 5}{1} + 1 = 32$", then "Pool:
$o = \\frac{32 - 2}{2} + 1 = 16$". A TA reads the second computation as a
new quantity under the old name, or else as a slip; never as a claim that 16
is 32. So the step that gives the name its new value is compared with the
old value, and where the two differ it is *unknown*, saying both values
("o was 32 on line 3; here it is 16: a new quantity or a slip?"), never
refuted on the strength of the old value.

A name the course's notation (or the problem statement) defines is no such
name: it has one value, its definition, and a step that gives it another is
a claim about it, checked against that definition like any step; the
answer's earlier value for it is no value the step is compared with.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Relation
from symproofs.grading.definitions import course_defines
from symproofs.grading.document import ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.planned import Known, Pending, Plan, Restated, Result, line_grade
from symproofs.grading.report import LineGrade, Mark
from symproofs.latex.notation import Setting

__all__ = ["closed", "earlier_value", "two_values", "value_anew"]

#: the longest value a message quotes
_QUOTED = 40


def earlier_value(seen: Known, setting: Setting, lhs: sp.Basic) -> tuple[sp.Basic, int, Result | None] | None:
    """The value the answer gave the plain name ``lhs`` earlier in this part
    of the question, its line, and the result it was stated as (None for a
    definition in text math, "let $o = 5$"): a value it arrived at or a
    definition of its own, never the course's. None if it gave none, or if
    the course defines the name (``\\hat{y}``: its value is the course's,
    which a step about it is checked against, see the module)."""
    if not isinstance(lhs, sp.Symbol) or course_defines(setting, lhs):
        return None
    earlier = seen.results.get(sp.srepr(lhs))
    if earlier is not None and not earlier.claim:
        return earlier.value, earlier.line, earlier
    for g in reversed(setting.givens):
        st = g.statement
        if g.name.startswith("defined on line ") and isinstance(st, sp.Eq) and st.lhs == lhs \
                and g.name.removeprefix("defined on line ").isdigit():
            return st.rhs, int(g.name.removeprefix("defined on line ")), None
    return None


def closed(expr: sp.Basic) -> bool:
    """Whether ``expr`` is a number worked out from numbers alone (``\\frac{32 - 2}{2} + 1``)."""
    return isinstance(expr, sp.Expr) and not isinstance(expr, sp.MatrixExpr) and not expr.free_symbols \
        and not expr.atoms(AppliedUndef)


def two_values(name: str, old: sp.Basic, line: int, new: sp.Basic) -> str:
    """What a step that gives ``name`` another value than on ``line`` says when the two differ."""
    def shown(value: sp.Basic) -> str:
        text = str(sp.sstr(value))
        return text if len(text) <= _QUOTED else text[:_QUOTED - 3] + "..."

    return f"{name.strip()[:_QUOTED]} was {shown(old)} on line {line}; here it is {shown(new)}: " \
           "a new quantity or a slip?"


def value_anew(plan: Plan, ci: int, steps: list[LineGrade], name: ReadSide, side: ReadSide,
                before: tuple[sp.Basic, int, Result | None], setting: Setting, goals: GoalSet,
                assumed: tuple[sp.Basic, ...]) -> None:
    """The step that gives the plain name ``name`` the value ``side`` after the
    answer gave it another (``before``: the value, its line, the result it was
    stated as): compared with the old value, *unknown* where they differ (see
    :mod:`symproofs.grading.anew`); a value the answer derived counts only
    where it was shown, as a restated result does."""
    assert name.expr is not None and side.expr is not None
    old, line, earlier = before
    differs = two_values(name.text, old, line, side.expr)
    steps.append(line_grade(side, Mark.UNKNOWN, message=f"compared with the value on line {line}"))
    goal = goals.add(setting, Relation.EQ, old, side.expr, assumed=(*assumed, *side.domain))
    if earlier is not None and earlier.chain is not None:
        written = goals.add(setting, Relation.EQ, name.expr, side.expr, assumed=(*assumed, *side.domain))
        plan.restated.append(Restated(chain=ci, step=len(steps) - 1, goal=goal, written=written,
                                      basis=earlier.chain, line=line, differs=differs))
    else:
        plan.pending.append(Pending(ci, len(steps) - 1, goal, differs=differs))
