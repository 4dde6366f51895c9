"""Lines the planner checks against the line before them: a link between
statements, a line "hence" drawn from the equation above it, and a
displayed inequality in one unknown, which is a condition the answer works
with rather than an identity (:mod:`symproofs.grading.plan`)."""

from __future__ import annotations

import re

import sympy as sp

from symproofs.core.model import Relation
from symproofs.core.statements import RELATION_OF, RELATIONAL
from symproofs.grading.cues import GENERAL, INEQUALITY_MESSAGE, consequence, since_display
from symproofs.grading.document import ReadChain, ReadLink, ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.links import link_step
from symproofs.grading.planned import Known, Pending, Plan, Restated, line_grade
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.solving import solutions, to_solve
from symproofs.latex.notation import Setting

__all__ = ["SOLVED", "follows", "on_row", "plan_inequality", "plan_link", "unread_condition"]


#: a name the text quantifies over: "for every real $c$", "for all $x \\ge 0$", "\\forall x"
_QUANTIFIED = re.compile(r"(?:\bfor\s+(?:all|every|each|any)(?:\s+(?:strictly\s+)?(?:positive|negative|non-?negative))?"
                         r"(?:\s+(?:integers?|reals?|real\s+numbers?|natural\s+numbers?|values?(?:\s+of)?))?\s*\$"
                         r"|\\forall)\s*\\?([A-Za-z]+)", re.I)

#: words that present what follows as drawn from what comes before, besides those of
#: :data:`~symproofs.grading.cues.CONSEQUENCE` ("so", "hence", "that is", "whence", ...): "that is to say",
#: "which means", "so that", "implying", "from which", ``\\iff``
_DRAWN = re.compile(r"(?:\b(?:that\s+is\s+to\s+say|(?:which|this)\s+(?:gives|means|implies|yields|shows)|so\s+that"
                    r"|implying|from\s+which)|\\(?:iff|Leftrightarrow))\W*$", re.I)

Previous = tuple[sp.Basic, int, str | None, int]


def drawn(lead: str) -> bool:
    """Whether ``lead`` presents the statement after it as drawn from what
    comes before ("so", "hence", "that is", "whence", ``\\therefore``)."""
    return consequence(lead, _DRAWN)


def on_row(previous: Previous | None, statement: sp.Basic, line: int, question: str | None) -> sp.Basic:
    """``statement`` with the equation before it on the same row (``a + b = 3, \\quad a - b = 1``: one
    system, both hold)."""
    return sp.And(previous[0], statement) if previous is not None and previous[1:3] == (line, question) else statement


def plan_link(plan: Plan, ci: int, steps: list[LineGrade], link: ReadLink, setting: Setting,
               goals: GoalSet, sides: list[ReadSide], hypothesis: tuple[sp.Basic, ...] = (),
               before: tuple[sp.Basic, ...] | None = ()) -> None:
    grade, goal = link_step(link, setting, goals, sides, hypothesis, before)
    steps.append(grade)
    if goal is not None:
        plan.pending.append(Pending(ci, len(steps) - 1, goal))


def _parts(statement: sp.Basic) -> set[str]:
    """The relations ``statement`` joins, each one way round (``2 \\le y`` is ``y \\ge 2``)."""
    out: set[str] = set()
    for c in sp.And.make_args(statement):
        if isinstance(c, sp.Eq):
            out.add(min(sp.srepr(c), sp.srepr(sp.Eq(c.rhs, c.lhs, evaluate=False))))
        else:
            out.add(sp.srepr(c.canonical if isinstance(c, sp.Rel) else c))
    return out


def follows(plan: Plan, ci: int, steps: list[LineGrade], side: ReadSide, previous: Previous, claim: sp.Basic,
             relation: Relation, setting: Setting, goals: GoalSet, assumed: tuple[sp.Basic, ...] | None = ()) -> bool:
    """The line ``side`` ends, "hence" ``claim``: it must follow (``relation``) from
    the equation ``previous`` states (on its line), unless that equation has no
    solution where it is defined, from which nothing follows. A claim that
    only restates that equation follows from it only where the equation was
    itself shown (every step of its chain proved): one read as a condition
    the answer works with, not checked, or refuted, grounds nothing, and the
    line is then proved only as written (:class:`Restated`). Whether the
    check was planned."""
    equation, line = previous[0], previous[1]
    if solutions(equation, next(iter(equation.free_symbols)), setting.facts) is sp.S.EmptySet:
        steps.append(line_grade(side, Mark.UNKNOWN, method="not checked", message=(
            f"the equation on line {line} has no solution where it is defined: nothing follows from it")))
        return False
    steps.append(line_grade(side, Mark.UNKNOWN, message=f"follows from line {line}"))
    goal = goals.add(setting, relation, equation, claim, assumed=assumed or ())
    if not _parts(claim) <= _parts(equation):
        plan.pending.append(Pending(ci, len(steps) - 1, goal))
        return True
    main = next((c for c in sp.And.make_args(claim) if type(c) in RELATION_OF), None)
    if main is None:  # a restated relation that cannot be checked as written
        steps[-1] = line_grade(side, Mark.UNKNOWN, method="restated", message=f"restates line {line} (not checked)")
        return True
    written = goals.add(setting, RELATION_OF[type(main)], main.lhs, main.rhs, assumed=tuple(
        c for c in sp.And.make_args(claim) if c is not main) + (assumed or ()))
    plan.restated.append(Restated(chain=ci, step=len(steps) - 1, goal=goal, written=written, basis=previous[3],
                                  line=line))
    return True


#: what the words of a row's condition say where they make it an equation to solve (symproofs.latex.extract:
#: ``x^2 = 4x - 4 \text{ gives } x = 2``)
SOLVED = "make it an equation to solve"


def unread_condition(steps: list[LineGrade], side: ReadSide, prev: ReadSide | None, seen: Known,
                 question: str | None, ci: int) -> None:
    """A step stated under a condition in words not read: *unknown*, saying
    so. Where the words make the row an equation to solve ("gives $x = 2$"),
    the value they give is checked as following from it (``seen.last``)."""
    steps.append(line_grade(side, Mark.UNKNOWN, method="not checked",
                            message=f"{side.condition_error}; the line is stated under it"))
    if SOLVED in side.condition_error and prev is not None and prev.expr is not None and side.expr is not None:
        seen.last = (sp.Eq(prev.expr, side.expr), prev.line, question, ci)


def plan_inequality(plan: Plan, ci: int, steps: list[LineGrade], sides: list[ReadSide], chain: ReadChain,
                     setting: Setting, goals: GoalSet, seen: Known) -> bool:
    """One displayed inequality in one unknown on its own, with a number on
    one side (``2x + 3 \\le 7``): a condition the answer works with, not an
    identity, unless "hence" draws it from the statement above or it holds
    for every value (both are checked). One the text presents as derived
    ("so", "hence", ``\\implies``) or claims for every value of its unknown
    ("for every real $c$") is a claim, never a condition. What a "hence"
    display after it says must follow from it. Whether it was planned."""
    if len(sides) != 2 or chain.links or chain.cut or sides[1].relation not in RELATIONAL \
            or sides[1].relation is Relation.EQ or (sides[1].condition and sides[1].assumed is None) \
            or not all(isinstance(x.expr, sp.Expr) and not isinstance(x.expr, sp.MatrixExpr) for x in sides):
        return False
    first, second = sides
    relation = sides[1].relation
    assert relation is not None
    here = {m.group(1) for m in _QUANTIFIED.finditer(since_display(chain.lead[-300:]))}
    seen.free |= here
    # where the row is written defined, and under its own condition (x^2 \le 4, \quad x > 0)
    domain = (*first.domain, *second.domain, *(second.assumed or ()))
    previous = seen.last
    statement = sp.And(RELATIONAL[relation](first.expr, second.expr), *domain)
    if consequence(chain.lead) and previous is not None and previous[2] == chain.question \
            and {v.name for v in previous[0].free_symbols} == {x.name for x in statement.free_symbols}:
        # x^2 < 1, "hence" x < 1: it follows from the statement above, and the next "hence" from it
        seen.last = (statement, first.line, chain.question, ci)
        follows(plan, ci, steps, second, previous, statement, Relation.IMPLIES, setting, goals, second.assumed)
        return True
    stated = {x for c in goals.stated_for_now for x in c.free_symbols}
    if GENERAL.search(chain.lead[-80:]) or not to_solve(first.expr, second.expr, goals.valued(setting),
                                                        setting.facts, domain, relation) \
            or (stated and statement.free_symbols <= stated):  # "suppose $y > 2$. Then $$y^2 > 4$$": a claim in it
        # checked as written: what a "hence" or an "i.e." draws from it holds where it does, everywhere, so never
        # from an older line ((b-1)^2 >= 0 \quad\text{i.e.}\quad b^2 + 1 >= 4b, after x^2 = 4 in b)
        seen.last = None
        return False
    names, derived = {x.name for x in statement.free_symbols}, drawn(chain.lead)
    if names & here or (derived and names & seen.free):
        return False  # "for every real $c$, ... $$c^2 + 1 \ge 2$$": claimed for every value, as what it gives is
    seen.last = (statement, first.line, chain.question, ci)
    if derived:
        # "so $$x^2 + 1 \ge 2$$" with nothing above to follow from: a claim, never a condition, but perhaps of a
        # value the text fixed in words, or a requirement ("so $$\eta \le 1/10$$")
        steps.append(line_grade(second, Mark.UNKNOWN, method="not checked", message=(
            f"a bound drawn with no line above it to follow from, false for some values of "
            f"{', '.join(sorted(names))}, which the text does not claim it for (not checked)")))
        return True
    steps.append(line_grade(second, Mark.UNKNOWN, method="condition", message=INEQUALITY_MESSAGE))
    return True
