"""An equation displayed on its own (``name = expression``): a result
restated (checked against the earlier or expected result with the same left
side), an equation the answer solves, the claim it sets out to show, the
student's definition of a new name (not checked), a value it arrives at, or
else a step checked as written. :mod:`symproofs.grading.plan` hands each such
line here."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

import sympy as sp

from symproofs.core.goals import random_heads_of
from symproofs.core.model import Relation
from symproofs.grading.anew import closed, two_values
from symproofs.grading.cases import takes_value
from symproofs.grading.context import defined_from, flat
from symproofs.grading.context import head as _head
from symproofs.grading.context import names_of as _names
from symproofs.grading.cues import (
    CONDITION_MESSAGE,
    CUES,
    GENERAL,
    GOAL_CUES,
    NAME_LHS,
    NAMED_MESSAGE,
    VALUE_CUES,
    consequence,
    named_equation,
    right_after_display,
    solving,
)
from symproofs.grading.definiendum import NOT_READ
from symproofs.grading.definitions import (
    DESCRIBED,
    EARLIER_PART,
    a_parameter,
    can_define,
    course_defines,
    course_parameter,
    described,
    is_formula,
    is_name,
    rearranged,
    special_value,
    student_formulas,
)
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.follows import follows, on_row
from symproofs.grading.goals import GoalSet
from symproofs.grading.planned import Known, Pending, Plan, Restated, Result, line_grade
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.solving import one_unknown, to_solve
from symproofs.grading.twovalues import held_by_two_values
from symproofs.latex.after import AFTER
from symproofs.latex.notation import Setting
from symproofs.latex.sequences import recurrence_heads

__all__ = ["arrives_at", "check_with_value", "on_its_own", "plan_lone", "plan_value", "value_message"]


def on_its_own(chain: ReadChain, sides: list[ReadSide]) -> tuple[bool, bool]:
    """Whether a row of two read sides is an equation displayed on its own (``$$x^2 = 4$$ for
    $x > 0$.`` still is), and whether it is a relation on its own, an inequality too (``$$a < b$$``
    between names the text defines in words, held back like an equation where a name is not defined)."""
    read = len(sides) == 2 and not chain.cut and not chain.links and all(s.expr is not None for s in sides)
    lone = read and sides[1].relation is Relation.EQ and (not sides[1].condition
                                                          or sides[1].condition.endswith(AFTER))
    return lone, lone or (read and bool(sides[1].relation and sides[1].relation.is_order)
                          and not sides[1].condition)


def plan_lone(plan: Plan, ci: int, steps: list[LineGrade], sides: list[ReadSide], chain: ReadChain,
               setting: Setting, goals: GoalSet, seen: Known,
               known_heads: Callable[[str | None], frozenset[str]]) -> bool:
    """One displayed equation on its own: a restated result (checked against the earlier or expected result
    with the same left side), a definition the student makes (not checked), or else a step (returns False)."""
    first, second = sides
    assert first.expr is not None and second.expr is not None
    previous = seen.last
    scalar = all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in (first.expr, second.expr))
    domain = (*first.domain, *second.domain)  # where the line as written is defined
    statement = on_row(previous, sp.And(sp.Eq(first.expr, second.expr, evaluate=False), *domain), first.line,
                        chain.question)
    seen.last = (statement, first.line, chain.question, ci) if scalar else None
    if consequence(chain.lead):
        seen.drawn = (first.line, chain.question)
    drawn = seen.drawn == (first.line, chain.question)  # this row, or the row it ends, is drawn from above
    # the left side as written, unless it only reads as a name (\log(e^x), (\sqrt{x})^2 read as x): checked as written
    key = sp.srepr(first.expr) if not first.domain and not (isinstance(first.expr, sp.Symbol) and _NOT_A_NAME.search(
        first.text)) else f"@{first.line}:{first.column}"
    earlier = seen.results.get(key)
    if key in seen.definitions and seen.definitions[key] != chain.question:
        earlier = None  # a name defined anew in another sub-question
    if isinstance(first.expr, sp.Number):
        earlier = None  # 3! = 3 after \binom{4}{2} = 4: a number of the same value, nothing restated
    expected = next((r for _, r in setting.expected if isinstance(r, sp.Eq) and sp.srepr(r.lhs) == key), None)
    if earlier is None and expected is None and scalar and any(isinstance(r, sp.Eq) and rearranged(  # E[v] - x = 0
            first.expr - second.expr, r.lhs - r.rhs) for _, r in setting.expected):
        steps.append(line_grade(second, Mark.UNKNOWN, message="restates the expected result"))  # moved over
        plan.pending.append(Pending(ci, len(steps) - 1, goals.add(setting, Relation.EQ, first.expr, second.expr)))
        return True
    if earlier is not None and seen.definitions.get(key, "") == chain.question \
            and (CUES.search(chain.lead) or VALUE_CUES.search(chain.lead[-40:])) \
            and NAME_LHS.match(first.text) is not None and can_define(first.expr, second.expr):
        # "let $$f(x) = x^2$$" after "let $$f(x) = x \log x$$": the name is defined anew, not restated
        steps.append(line_grade(second, Mark.UNKNOWN, method="definition", message="defined anew (not checked)"))
        seen.results[key] = Result(second.expr, first.line)
        return True
    if earlier is not None or expected is not None:
        old, where = (earlier.value, earlier.line) if earlier is not None \
            else (expected.rhs, 0)  # type: ignore[union-attr]
        what = f"the result of line {where}" if where else "the expected result"
        steps.append(line_grade(second, Mark.UNKNOWN, message=f"restates {what}"))
        # compared with the result, but read where the written left side exists (v_t from t = 0 on)
        floors = tuple(defined_from(setting.givens, flat(first.expr)))
        if earlier is not None and where and not is_name(first.expr):
            # the line is mathematics of its own: checked as written, as on its own (a correct line never
            # inherits the slip of the line it restates), and against the earlier result where that was shown
            restate_own(plan, ci, steps, (first, second), earlier, setting, goals, floors, chain.question,
                        general=GENERAL.search(chain.lead[-80:]) is not None)
            seen.names |= _names(first.expr) | _names(second.expr)
            return True
        goal = goals.add(setting, Relation.EQ, old, second.expr, assumed=floors)
        # a number the answer worked out for a plain name ("o = 32"), and another here: a new quantity or a
        # slip, never refuted by the old one (a formula restated, w = 2u after w := (u+1)^2 - u^2, is)
        # (a name the student defined explicitly, "let $c = 3$", keeps it: another number for it is refuted)
        # (a name the course defines, \hat{y}, has the course's value: a value the answer gave it is a claim,
        # which serves only where it was shown, and never makes another value a new quantity)
        course = is_name(first.expr) and course_defines(setting, first.expr)
        differs = two_values(first.text, old, where, second.expr) if earlier is not None and not earlier.claim \
            and isinstance(first.expr, sp.Symbol) and closed(old) and key not in seen.fixed and not course else ""
        if earlier is not None and (earlier.chain is not None or earlier.claim or course):
            # compared with a result that must itself have been shown
            written = goals.add(setting, Relation.EQ, first.expr, second.expr)
            plan.restated.append(Restated(chain=ci, step=len(steps) - 1, goal=goal, written=written,
                                           basis=earlier.chain, line=where, claim=earlier.claim, differs=differs))
        else:
            plan.pending.append(Pending(ci, len(steps) - 1, goal, differs=differs))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if named_equation(chain.lead) and earlier is None:  # "for $a < 0$ the equation $$x^2 + a = 0$$ has two roots"
        steps.append(line_grade(second, Mark.UNKNOWN, method="condition", message=NAMED_MESSAGE))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if solving(chain.lead) and earlier is None:
        steps.append(line_grade(second, Mark.UNKNOWN, method="condition",
                           message="an equation the answer solves (set to zero, equated), not an identity "
                                   "(not checked)"))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    stale = held_by_two_values(_names(first.expr) | _names(second.expr), seen.unread)
    if earlier is None and stale:  # y^2 = 36 with y = 6 found while z = 3, and the text now takes z = 4
        steps.append(line_grade(second, Mark.UNKNOWN, method="two values", message=stale))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    valued = goals.valued(setting)
    unknown = one_unknown((first.expr, second.expr), valued) if second.relation is Relation.EQ else None
    if earlier is None and unknown is not None and not GENERAL.search(chain.lead[-80:]) \
            and previous is not None and previous[2] == chain.question and consequence(chain.lead) \
            and {s.name for s in previous[0].free_symbols} == {unknown.name}:
        # x^2 + 1 = 5, "hence" x^2 = 4: it must follow from the equation above, where both are defined; a value
        # it arrives at (x = 3) must also solve it
        seen.names |= _names(first.expr) | _names(second.expr)
        value = first.expr == unknown and second.expr.is_number
        if value:
            seen.state(first.expr, second.expr, first.line)  # x = 3 found: the value the answer goes on with
        if follows(plan, ci, steps, second, previous, seen.last[0],  # type: ignore[index]
                    Relation.IFF if value else Relation.IMPLIES, setting, goals):
            seen.results.setdefault(key, Result(second.expr, first.line, ci, question=chain.question))
        return True
    if earlier is None and second.relation is Relation.EQ and not GENERAL.search(chain.lead[-80:]) \
            and to_solve(first.expr, second.expr, valued, setting.facts, domain):  # "in general": for every value
        seen.names |= _names(first.expr) | _names(second.expr)
        steps.append(line_grade(second, Mark.UNKNOWN, method="condition", message=CONDITION_MESSAGE))
        seen.condition = (ci, first.expr, second.expr)
        return True
    if GOAL_CUES.search(chain.lead[-160:]) and earlier is None:
        steps.append(line_grade(second, Mark.UNKNOWN, method="claim",
                           message="the claim the answer sets out to show (not a step)"))
        seen.results.setdefault(key, Result(second.expr, first.line, claim=True))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if earlier is None and not CUES.search(chain.lead) and described(first.expr, first.text, second.expr, setting,
                                                                      goals.known_now, chain.lead):
        # "let $m$ denote the second moment of $X$. We find $$m = 1/2$$": a claim about m, not m's definition
        steps.append(line_grade(second, Mark.UNKNOWN, method="not checked",
                                message=DESCRIBED.format(first.text.strip()[:60])))
        seen.unread.add("~" + _head(first.expr))
        seen.names |= _names(first.expr) | _names(second.expr)
        seen.last = None  # nothing "hence" draws from it is shown either
        return True
    defined_heads = {_head(st.lhs) for st in (*(g.statement for g in setting.givens if not g.name.startswith(
        "defined on line") or (is_formula(g.statement.lhs) and not g.name.endswith(EARLIER_PART))),
        *(lem.statement for lem in setting.lemmas))
        if isinstance(st, sp.Eq)} | recurrence_heads(setting.notation, first.expr)  # f(2) = 5 after f(x) := ...
    head = _head(first.expr)
    anew = key in seen.definitions
    named = is_name(first.expr)
    cued = CUES.search(chain.lead) is not None
    own = {_head(g.statement.lhs) for g in setting.givens
           if g.name.startswith("defined on line") and isinstance(g.statement, sp.Eq)}
    # a number for a name the question has: a case the text takes, or where the answer arrives
    param = (a_parameter(setting, first.expr, seen.names - own) and special_value(setting, first.expr, second.expr)
             ) or course_parameter(setting, first.expr)  # (alpha = -beta: a claim, or a case chosen)
    cued = cued or (param and takes_value(chain.lead))
    # a name the answer defined itself, defined again after "let": its new formula (not a result about the old)
    # (a function the words describe, "let $h$ be the inverse of $f$": its formula is a claim about it)
    described_function = is_formula(first.expr) and "(" in first.text and not cued and bool(
        {"&" + head, "^" + head} & goals.known_now)
    # (not a name whose definition is not read, "$b_k = k^2$ for even $k$": b_3 = 9 is a claim about it)
    new_name = named and NAME_LHS.match(first.text) is not None and not described_function and NOT_READ + head not in \
        goals.known_now and (
        head not in defined_heads or (cued and head in own)) and (
        cued or (not param and (anew or not (_fresh_part(first.expr, second.expr, setting,
                                                         _told(head, chain.lead, goals.known_now)) & seen.names))))
    if new_name and not can_define(first.expr, second.expr):
        if not cued or not second.expr.has(first.expr):
            # an equation about the name, or about no new name (\nabla^2(x^3), \sigma(a + b), D(p, q) = D(q, p)):
            # a claim, checked as written
            return False
        steps.append(line_grade(second, Mark.UNKNOWN, method="not checked",
                           message=f"an equation {first.text.strip()[:60]} must satisfy (it occurs on both "
                                   "sides), not a definition"))
        seen.results[key] = Result(second.expr, first.line, ci)
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if new_name:
        steps.append(line_grade(second, Mark.UNKNOWN, method="definition", message=(
            f"a value of {first.text.strip()[:40]} the text takes as a case: the lines after it are refuted "
            "only in it, never proved by it (not checked)") if param else
            "the student defines " + (first.text.strip()[:60] or "a name") + " here (not checked)"))
        seen.results[key] = Result(second.expr, first.line)
        seen.definitions[key] = chain.question
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if named and isinstance(first.expr, (sp.Symbol, sp.MatrixSymbol)) and head not in defined_heads \
            and NAME_LHS.match(first.text) is not None and can_define(first.expr, second.expr):
        # x = b/a for a variable x that nothing defines: the value the answer arrives at, never an
        # identity in x to refute; after "so", "hence", ... it must follow from the equation above
        seen.results.setdefault(key, Result(second.expr, first.line, ci))
        seen.state(first.expr, second.expr, first.line)
        if previous is not None and scalar and previous[2] == chain.question \
                and (consequence(chain.lead) or _in_it_alone(previous[0], first.expr)):
            steps.append(line_grade(second, Mark.UNKNOWN, message=f"follows from line {previous[1]}"))
            goal = goals.add(setting, Relation.IMPLIES, previous[0], seen.last[0])  # type: ignore[index]
            plan.pending.append(Pending(ci, len(steps) - 1, goal))
            seen.names |= _names(first.expr) | _names(second.expr)
            return True
        steps.append(line_grade(second, Mark.UNKNOWN, method="value", message=value_message(first.text, drawn)))
        seen.names |= _names(first.expr) | _names(second.expr)
        return True
    if NAME_LHS.match(first.text) is not None:
        seen.definitions.setdefault(key, chain.question)  # a name given a value: may be defined anew later
    return False



def restate_own(plan: Plan, ci: int, steps: list[LineGrade], sides: tuple[ReadSide, ReadSide], earlier: Result,
                setting: Setting, goals: GoalSet, floors: tuple[sp.Basic, ...], question: str | None, *,
                general: bool = False) -> None:
    """A line that restates the earlier result ``earlier`` with a left side
    that is no name (``\\sqrt{a^2} = -a`` after ``\\sqrt{a^2} = a``): graded as
    written, with the hold-back of an equation on its own (a result stated on
    its own, where nothing defines its names). Where that leaves it
    *unknown* and the earlier result was shown in the same question (every
    step of its chain proved, in no case the text took), the line is
    compared with it: refuted where the two right sides differ at an exact
    point, proved where they agree. ``general``: the words claim it for every
    value ("in general"), so it is no equation to solve."""
    first, second = sides
    assert first.expr is not None and second.expr is not None
    steps[-1] = replace(steps[-1], message=f"checked as written (it restates line {earlier.line})")
    written = goals.add(setting, Relation.EQ, first.expr, second.expr, assumed=floors)
    if not general and not any(first.expr.has(st.lhs.func) for st in student_formulas(setting)):
        goals.lone.add(written)  # (g'(x) = ... after g(x) := ...: an identity in x, not a value of x)
    plan.pending.append(Pending(ci, len(steps) - 1, written))
    if earlier.chain is not None and not earlier.claim and earlier.question == question:
        goal = goals.add(setting, Relation.EQ, earlier.value, second.expr, assumed=floors)
        plan.restated.append(Restated(chain=ci, step=len(steps) - 1, goal=goal, written=written,
                                      basis=earlier.chain, line=earlier.line, compared=True))


def arrives_at(name: ReadSide, value: ReadSide, setting: Setting) -> bool:
    """Whether the first step of a chain, ``name = value`` (``w = \\frac{1 \\cdot 2 + 2 \\cdot 4}{1 + 4}
    = \\frac{10}{5}``), gives a value to a variable that nothing defines: a plain name or matrix, written as a
    name, that no given or lemma of the setting has as its left side (the course's, or the student's own
    definition, which the step is checked against), no random variable, and a value without it."""
    lhs, rhs = name.expr, value.expr
    if not isinstance(lhs, (sp.Symbol, sp.MatrixSymbol)) or rhs is None or NAME_LHS.match(name.text) is None \
            or not can_define(lhs, rhs) or lhs in random_heads_of(setting.algebras):
        return False
    return not any(isinstance(st, sp.Eq) and _head(st.lhs) == _head(lhs)
                   for st in (*(g.statement for g in setting.givens), *(lem.statement for lem in setting.lemmas)))


def plan_value(plan: Plan, ci: int, steps: list[LineGrade], chain: ReadChain, name: ReadSide, value: ReadSide,
               setting: Setting, goals: GoalSet, seen: Known) -> None:
    """The first step of a chain that gives a variable nothing defines a value (:func:`arrives_at`): as for
    the same equation on its own, never an identity in the name; after "so", "hence", ..., or where the
    equation just above in the question speaks of this name alone, checked as following from it, else
    *unknown*. The steps after it are checked as written."""
    assert name.expr is not None and value.expr is not None
    seen.state(name.expr, value.expr, name.line)
    previous = seen.last
    scalar = all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in (name.expr, value.expr))
    if previous is not None and scalar and previous[2] == chain.question and (
            consequence(chain.lead) or _in_it_alone(previous[0], name.expr)):
        steps.append(line_grade(value, Mark.UNKNOWN, message=f"follows from line {previous[1]}"))
        statement = sp.And(sp.Eq(name.expr, value.expr, evaluate=False), *name.domain, *value.domain)
        plan.pending.append(Pending(ci, len(steps) - 1, goals.add(setting, Relation.IMPLIES, previous[0], statement)))
        return
    steps.append(line_grade(value, Mark.UNKNOWN, method="value",
                            message=value_message(name.text, consequence(chain.lead))))


def _in_it_alone(previous: sp.Basic, name: sp.Basic) -> bool:
    """Whether the equation above speaks of ``name`` and of nothing else, and
    is no identity (``14w = 25`` before ``w = 25/12``, not ``(w+1)^2 = w^2 +
    2w + 1``): it decides the value, whatever the words between them."""
    return isinstance(previous, sp.Eq) and name in previous.free_symbols and previous.free_symbols <= {name} \
        and sp.expand(previous.lhs - previous.rhs) != 0



def value_message(name: str, drawn: bool) -> str:
    """Why a value the answer arrives at for ``name`` is not checked; where the words draw it (or the row it
    ends) from the line above ("so $$\\hat w = ..., \\qquad \\lambda = ...$$") yet it is not checked against
    that line, the message says so."""
    message = f"a value of {name.strip()[:40]} the answer arrives at, not an identity (not checked)"
    return message + ("; not compared with the line above it is drawn from" if drawn else "")


#: a left side that reads as a name without being written as one
_NOT_A_NAME = re.compile(r"\(|\\(?:sqrt|frac|log|ln|exp|sin|cos|tan|sinh|cosh|tanh|arc[a-z]+)(?![A-Za-z])")


#: how a condition checked with the value stated right after it reads
WITH_VALUE = "checked with the value the text gives right after it"


def check_with_value(plan: Plan, seen: Known, setting: Setting, goals: GoalSet, name: sp.Basic,
                     value: sp.Basic) -> None:
    """"$$n^2 = 100$$ where $n = 10$": the equation in one unknown just
    displayed and read as a condition (:attr:`Known.condition`) is a claim
    under the value the sentence right after it gives its unknown ``name``
    (``value``), an assumption of this goal alone."""
    found, seen.condition = seen.condition, None
    if found is None or found[0] != len(plan.chains) - 1 or not plan.chains:
        return
    ci, lhs, rhs = found
    if _head(name) not in _names(lhs) | _names(rhs):
        return
    steps = plan.chains[ci][2]
    at = next((k for k, s in enumerate(steps) if s.method == "condition" and s.message == CONDITION_MESSAGE), None)
    if at is None:
        return
    try:
        assumed = sp.Eq(name, value)
    except (TypeError, ValueError):
        return
    if assumed in (sp.true, sp.false):
        return
    steps[at] = replace(steps[at], method="", message=WITH_VALUE)
    plan.pending.append(Pending(ci, at, goals.add(setting, Relation.EQ, lhs, rhs, assumed=(assumed,))))


def _told(name: str, lead: str, known: AbstractSet[str]) -> bool:
    """Whether the words before a display already fix the function ``name``: they describe it ("let $g$
    be the derivative of $f$": ``&g``, ``^g`` in ``known``; a value in passing ``~g`` or an unread line
    ``?g``), or text math before it starts with it (``let $g = f'$``, ``$g$ is the inverse of $f$``)."""
    if not name:
        return False
    if any(mark + name in known for mark in "&^~?"):
        return True
    return re.search(r"\$\s*\\?" + re.escape(name) + r"(?![A-Za-z0-9])(?!\s*\()", lead) is not None


def _fresh_part(lhs: sp.Basic, rhs: sp.Basic, setting: Setting, told: bool = False) -> set[str]:
    """The names of ``lhs`` that must be new for ``lhs = rhs`` to define it:
    all of them, except the arguments of a function's formula (``f(x) =
    x^2 + 3x``: x is its variable, whatever displays above used x) that no
    given values (``f(a)`` after ``a = 2`` is f's value at 2), unless the words
    already fix the function (``told``: "let $g$ be the derivative of $f$. Then
    $$g(x) = 3x$$" is a claim about g, never its definition)."""
    if told or not (is_formula(lhs) and isinstance(rhs, sp.Basic) and rhs.free_symbols & set(lhs.args)):
        return _names(lhs)
    valued = {g.statement.lhs for g in setting.givens if isinstance(g.statement, sp.Eq)}
    if valued & set(lhs.args):
        return _names(lhs)
    return _names(lhs) - {a.name for a in lhs.args if isinstance(a, sp.Symbol)}


#: a display's end and the equation number a converted page sets after it: "$$ ... $$ (37) where"
_NUMBERED = re.compile(r"(\$\$|\\\]|\\end\{[^{}]*\})\s*\(\d+[a-z]?\)(?=\W*$|\s+\w+\W*$)")


def _uses_unvalued(name: sp.Basic, setting: Setting, sides: Sequence[Any]) -> bool:
    """Whether the sides use ``name`` and no given of ``setting`` gives it a
    value (with one, the step would be read with two values at once)."""
    used = set().union(*(_names(x) for x in sides if isinstance(x, sp.Basic)))
    return _head(name) in used and not any(
        isinstance(g.statement, sp.Eq) and _head(g.statement.lhs) == _head(name) for g in setting.givens)


def value_for_display_above(plan: Plan, goals: GoalSet, lead: str, name: sp.Basic, value: sp.Basic) -> bool:
    r""""$$\nabla_u L = s W \nabla_w L$$ where $$s = \frac{\gamma}{\|u\|}$$":
    a display that gives a name its value right after a display (only
    "where", "with", "for" between them, :func:`right_after_display`; an
    equation number after the display above is no word) states the value the
    display above used, as the text math "where $n = 10$" does
    (:func:`check_with_value`): each step of the display above that uses the
    name is checked with that value, an assumption of its goal alone. Whether
    any step was. A name the display above already had a value for is left
    alone: the step would be read with two values at once."""
    if not plan.chains or not right_after_display(_NUMBERED.sub(r"\1", lead)):
        return False
    try:
        assumed = sp.Eq(name, value)
    except (TypeError, ValueError):
        return False
    if assumed in (sp.true, sp.false):
        return False
    last, took = len(plan.chains) - 1, False
    for k, p in enumerate(plan.pending):
        if p.chain != last or p.readings:
            continue
        setting, relation, lhs, rhs, before, definitions = goals.written[p.goal]
        if not _uses_unvalued(name, setting, (*flat(lhs), *flat(rhs))):
            continue
        plan.pending[k] = replace(p, goal=goals.add(setting, relation, lhs, rhs, definitions=definitions,
                                                    assumed=(*before, assumed)))
        steps = plan.chains[last][2]
        steps[p.step] = replace(steps[p.step], message=WITH_VALUE)
        took = True
    return took
