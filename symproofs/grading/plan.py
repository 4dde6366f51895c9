"""Planning a submission's checks: every step of its chains becomes a goal (or a line reported as it is:
unparsed, a definition, a hypothesis), with the student's own definitions, the conditions each row states and the
cases the text takes, in the question's setting; lines that restate an earlier result (an equation displayed on its
own: :mod:`symproofs.grading.lone`) and chains that reach an expected result get goals of their own. The goals are
checked by :mod:`symproofs.grading.run`, which puts the results back in their places."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Given, Relation, compose
from symproofs.core.statements import RELATIONAL
from symproofs.grading import solving as runs
from symproofs.grading import supposed as _supposed
from symproofs.grading import textmath
from symproofs.grading.anew import earlier_value, value_anew
from symproofs.grading.because import UNPROVED_REASON, carried_on, impossible, impossible_message, unproved
from symproofs.grading.cases import (
    case_of,
    denials,
    opening_hypothesis,
    partly_unread,
    range_case,
    setting_case,
    spared,
    stated_as_hypothesis,
    stated_for,
    unread_exception,
    unread_hypothesis,
)
from symproofs.grading.chainreach import plan_chain_result
from symproofs.grading.clauses import clause, next_clause
from symproofs.grading.context import head as _head
from symproofs.grading.context import names_of as _names
from symproofs.grading.continued import rejoined
from symproofs.grading.contrary import concluded, contrary, ended
from symproofs.grading.cues import (
    ASSUMING,
    BRANCH,
    CONDITION_MESSAGE,
    CUES,
    DEFINING,
    EXPLICIT,
    GENERAL,
    NAME_LHS,
    NAMED_MESSAGE,
    NOT_CLAIMED,
    OTHERWISE,
    PART,
    SYSTEM_MESSAGE,
    chosen,
    consequence,
    cue_tail,
    declared_right_after,
    defines,
    general_cue,
    named_equation,
    retracting,
    right_after_display,
    since_display,
    solving,
)
from symproofs.grading.definiendum import NO_NEW_NAME
from symproofs.grading.definitions import (
    DESCRIBED,
    EARLIER_PART,
    a_parameter,
    can_define,
    carried_over,
    contradicts,
    course_parameter,
    define_name,
    defined_already,
    defining_message,
    described,
    forget_values,
    is_formula,
    is_name,
    names_anew,
    rearranged,
    restricted,
    special_value,
    student_formulas,
    ties_random,
    unfolded_sides,
)
from symproofs.grading.document import ReadChain, ReadSide, own_math
from symproofs.grading.escaped import anchored
from symproofs.grading.follows import follows, on_row, plan_inequality, plan_link, unread_condition
from symproofs.grading.goals import GoalSet, stated_equations
from symproofs.grading.links import established, link_sides
from symproofs.grading.lone import arrives_at, check_with_value, on_its_own, plan_lone, plan_value
from symproofs.grading.lone import value_for_display_above as value_above
from symproofs.grading.nesting import Standing, joins, still_taken
from symproofs.grading.planned import Known, Pending, Plan, Restated, Result, line_grade, unread_grade
from symproofs.grading.premises import premise_claims, stated_links
from symproofs.grading.ranges import as_claim, range_grades
from symproofs.grading.readings import alternative_readings, first_reading
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.solving import condition_at, labelled_points, named_in, one_unknown, solving_runs, to_solve
from symproofs.grading.supposed import GIVEN_MESSAGE, given_moments, states_given, suppose_given, suppose_moments
from symproofs.grading.textmath import NUMBER_SETS, renamed, solved_equation, stated_formula, taken_value
from symproofs.grading.twovalues import stale_values
from symproofs.grading.verdicts import join
from symproofs.latex.after import AFTER, right_after
from symproofs.latex.notation import Setting
from symproofs.latex.tokens import ARROW_LIKE

__all__ = ["Plan", "Restated", "plan_chains"]


def plan_chains(chains: list[ReadChain], settings: Callable[[str | None], Setting], goals: GoalSet,
          known_heads: Callable[[str | None], frozenset[str]]) -> Plan:
    plan = Plan()
    known: dict[str | None, Known] = {}
    own: dict[str, Setting] = {}  # per question, with the student's own definitions
    cases: dict[str, tuple[sp.Basic, ...]] = {}  # per question: the case the text states last
    # per question: the branches ("if", "for", a case heading) taken since the last "otherwise" or "in general",
    # each a group of cases taken together ("if $x > 0$ and $y > 0$"): what "otherwise" sets aside
    branches: dict[str, list[list[sp.Basic]]] = {}
    taken_since: dict[str, list[tuple[sp.Basic, str]]] = {}  # per question: every case since the last display
    hypotheses: dict[str, list[tuple[sp.Basic, str]]] = {}  # per question: those a hypothesis states, with its words
    conditioned_above = [False]  # the last display is stated under a condition in the sentence after it
    supposed: dict[str, tuple[sp.Basic, ...]] = {}  # per question: the cases supposed "for contradiction"
    seeded: set[str] = set()  # the questions whose statement's cases were taken
    standing = Standing()  # per question: the cases that stand (its statement's, "let", "for all")
    parts: dict[str, str] = {}  # per question: the part the last chain was in

    def define(setting: Setting, lhs: sp.Basic, rhs: sp.Basic, line: int, fresh: bool = False,
               explicit: bool = False) -> Setting:
        """The student's definition ``lhs = rhs`` in the chain at hand; a value for a name the question already
        has is a case the text takes instead (never a definition the lines after it are proved with). ``fresh``: the
        line names ``lhs`` for the first time ("we fix the step size $$\\eta = 1/10$$"), whatever it mentioned of
        it. ``explicit``: ``:=`` or "let" (f(x) = 3: constant)."""
        explicit = explicit or EXPLICIT.search(cue_tail(chain.lead, 60)) is not None
        question, used = chain.question, seen.names - ({_head(lhs)} if fresh else set())
        own = {_head(g.statement.lhs) for g in setting.givens
               if g.name.startswith("defined on line") and isinstance(g.statement, sp.Eq)}
        # the values of the case the text takes count as the student's other values
        taken = tuple(Given(name="defined on line 0", statement=c) for c in cases.get(question or "", ())
                      if isinstance(c, sp.Eq) and isinstance(c.lhs, sp.Symbol))
        if isinstance(lhs, sp.Symbol) and contradicts(replace(setting, givens=(*setting.givens, *taken)), lhs, rhs):
            return setting  # "we note beta = 2" under 0 < beta < 1: the course's assumption stands
        tie = ties_random(setting, lhs, rhs)  # "take $$Y = X + 1$$", X and Y random: a case that ties them
        if not tie and not (a_parameter(setting, lhs, used - own) and special_value(setting, lhs, rhs)) \
                and not course_parameter(setting, lhs):  # alpha := -beta: a case the text takes
            return define_name(setting, lhs, rhs, line, explicit=explicit)
        try:
            rel = sp.Eq(lhs, rhs)
        except (TypeError, ValueError):
            return setting
        if rel in (sp.true, sp.false):
            return setting
        cases[question or ""] = standing.valued(question or "", cases.get(question or "", ()), lhs, rel)
        seen.state(lhs, rhs, line)  # x = 2 found for a name the answer has: a value it states all the same
        return forget_values(setting, (rel,))

    def fix(setting: Setting, lhs: sp.Basic, rhs: sp.Basic, line: int) -> None:
        """``lhs = rhs`` defined explicitly on ``line`` (``:=``, "let", "we fix ..."), where the setting holds it
        as the student's definition: it holds in the later parts of the question too, and an equation about the
        name after it is a claim checked against it, not a new definition."""
        if seen.holds(setting, lhs, rhs, line):
            key = sp.srepr(lhs)
            seen.fixed[key] = f"defined on line {line}"
            seen.results[key] = Result(rhs, line)
            seen.definitions[key] = chain.question

    def take_case(chain: ReadChain, case: tuple[sp.Basic, ...]) -> tuple[sp.Basic, ...]:
        """The cases after ``case`` is taken: it replaces one taken on the same names, unless joined to it
        ("and"); the cases the question works in now."""
        q = chain.question or ""
        cases[q] = standing.take(q, cases.get(q, ()), case, chain)
        if contrary(chain.lead):  # "suppose, *towards a contradiction*, that": until reached
            supposed[q] = (*supposed.get(q, ()), *case)
        if joins(chain) and branches.get(q) and not re.search(r"\bor\b", chain.lead[-30:]):
            branches[q][-1].extend(case)
        elif re.search(r"\bif\s+(?:moreover|also|further|in\s+addition)\W*$", chain.lead[-30:], re.I):
            branches[q] = [list(case)]  # "if moreover $y > 0$": a branch inside the one taken, which stands
        elif BRANCH.search(chain.lead[-30:]):  # not "let $z > 1$", nor a bound in passing ("a step $h > 0$")
            # alternatives are about the same names: "for $y > 0$" is no alternative of "if $x > 0$"
            names = {x for c in case for x in c.free_symbols}
            branches[q] = [g for g in branches.get(q, []) if names & {x for c in g for x in c.free_symbols}]
            branches[q].append(list(case))
        before = None if right_after(chain.lead) and conditioned_above[0] else stated_as_hypothesis(chain.lead) or (
            chain.lead if joins(chain) and hypotheses.get(q) and (not re.search(r"\bor\b", chain.lead[-40:]))
            else None)  # "for $a > 0$ and $b > 0$," (not "or if"); not the condition of the display above
        taken_since.setdefault(q, []).extend((c, chain.lead) for c in case)
        if before is not None:
            hypotheses.setdefault(q, []).extend((c, before) for c in case)
            seen.last = None  # "assume $x \ge 1$. Then $$x^2 \ge x$$": drawn in the case, not from the line above
        return cases[q]

    runs_of = solving_runs(rejoined([as_claim(c) for c in chains]))  # chains words cut, joined; "so $1 < 2$": claims
    systems = runs.row_systems(runs_of)
    for chain, after in zip(runs_of, [*runs_of[1:], None][: len(runs_of)], strict=True):  # (after: the next)
        ci = len(plan.chains)  # index of this chain in the report
        seen = known.setdefault((chain.question or "").partition(".")[0], Known())
        setting = own.get(chain.question or "") or carried_over(settings(chain.question), own, chain.question,
                                                                frozenset(seen.fixed.values()))
        if setting.cases and (chain.question or "") not in seeded:  # "show that ... whenever $x \ge 1$"
            seeded.add(chain.question or "")
            cases[chain.question or ""] = (*setting.cases, *cases.get(chain.question or "", ()))
            standing.hold(chain.question or "", setting.cases)
        if parts.get((chain.question or "").partition(".")[0]) != (chain.question or "") or PART.search(
                since_display(chain.lead)):
            label, since_label = PART.search(since_display(chain.lead)), len(since_display(chain.lead))
            start = chain.lead[:len(chain.lead) - since_label + label.end()][-40:] if label else str(chain.question)
            if start != seen.part:  # "consider $Y = -X$" in (b) ties nothing in (c), nor is a case there
                seen.part, seen.ties = start, []
                cases[chain.question or ""] = tuple(c for c in cases.get(chain.question or "", ())
                                                    if goals.tying(setting, (c,)) is None)
            seen.new_part(chain.question)  # x = 2 found in 1.1 is no result of 1.2, nor s = 6 of (a) one of (b)
            parts[(chain.question or "").partition(".")[0]] = chain.question or ""
            if (chain.question or "") in own:  # (but "let $c = 3$", "\eta := 1/10" hold on)
                own[chain.question or ""] = setting = replace(setting, givens=tuple(
                    g for g in setting.givens if not (g.name.startswith("defined on line") and isinstance(
                        g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.Symbol) and g.statement.rhs.is_number
                        and g.name.removesuffix(EARLIER_PART) not in seen.fixed.values())))
        seen.unread -= (again := renamed(chain, goals.taken(setting), seen.unread))  # a solution named anew: checked
        _supposed.laws_in_words(seen, setting, chain.lead)  # "let $x$ be a standard Gaussian vector"
        goals.known_now = known_heads(chain.question) | seen.unread | chosen(chain.lead)  # (<eta: a choice)
        goals.stated_now = dict(seen.stated)
        tail = re.split(r"\$|\\\]|\\end\{[^{}]*\}", chain.lead)[-1]
        if concluded(chain.lead):  # "..., a contradiction. Hence": the suppositions made to reach it end
            cases[chain.question or ""] = ended(cases.get(chain.question or "", ()), supposed.pop(
                chain.question or "", ()), setting.facts)
        current = cases.get(chain.question or "", ())
        # the cases "otherwise" sets aside: the branches since the last "otherwise" (not a standing "let" or
        # "assume", nor a bound in passing), else the one case taken
        if PART.search(since_display(chain.lead)):
            branches.pop(chain.question or "", None)  # "**(b)** If ...": "otherwise" speaks of this part's branches
        recent = branches.get(chain.question or "") or ([list(current)] if len(current) == 1 else [])
        otherwise: tuple[sp.Basic, ...] = ()
        if OTHERWISE.search(tail) and recent and all(isinstance(c, sp.Rel) for g in recent for c in g):
            # "if $x < 0$ ... if $x > 5$ ... otherwise": none of them (0 <= x <= 5); "if $x > 0$ and $y > 0$ ...
            # otherwise": one of them fails (x <= 0 or y <= 0), which states nothing to prove with. The cases
            # taken before them stand ("let $y > 0$"); what was found in them no longer holds
            negated = tuple(g[0].negated if len(g) == 1 else sp.Or(*(c.negated for c in g)) for g in recent)
            others = tuple(c for c in current if not any(c in g for g in recent))
            cases[chain.question or ""] = (*others, *negated)
            otherwise = tuple(c for c in negated if isinstance(c, sp.Rel))
            seen.forget(*{str(x) for g in recent for c in g for x in c.free_symbols})
            branches.pop(chain.question or "", None)
        read_here = chain.kind in ("range", "inline1", "asked", "named")  # text math: the cases since the display go on
        since = taken_since.get(chain.question or "", []) if read_here else taken_since.pop(chain.question or "", [])
        if not read_here:
            conditioned_above[0] = bool(chain.unread_after) or any(s.condition.endswith(AFTER) for s in chain.sides)
            # the cases a hypothesis states right before this display ("for $x > 0$, $$...$$"), still taken
            found = [(c, stated_for(chain.lead, before)) for c, before in hypotheses.pop(chain.question or "", ())]
            if any(c not in cases.get(chain.question or "", ()) for c, how in found if how is not False):
                found = []  # "for $x > 0$ and for $x < 0$ we have": one case in place of the other, none stated
            # "if $x > 0$ does not hold, then", and any case the words after it deny ("$x > 0$ is false", "the
            # condition $x > 0$ fails", "we cannot have $x > 0$"), stated for the display or not: the other case,
            # in place of the one taken; one the words ask or deny in a way not read ("could it be that $x > 0$
            # fails?", "it is not the case that $x > 0$ does not hold"): taken as written (a refutation outside it
            # set aside), never the other case nor stated for the display, whose refutations are held back
            denied, unclear = denials(chain.lead, found, since)
            found = [(c, how) for c, how in found if c not in unclear]
            if denied:
                cases[chain.question or ""] = tuple(denied.get(c, c) for c in cases.get(chain.question or "", ()))
            stated = tuple(c for c, how in found if how) + tuple(v for c, v in denied.items()
                                                                 if (c, None) in found)
            # (not where the row states its own condition: "\quad \text{for all } x \in \mathbb{R}")
            goals.stated_for_now = () if any(
                s.condition and not s.condition.endswith(AFTER) for s in chain.sides) else (*stated, *otherwise)
            goals.unread_now = chain.unread_after or next(iter(unclear.values()), "") or unread_exception(
                chain.lead, since) or (
                "" if found or goals.stated_for_now else unread_hypothesis(chain.lead) or "") or (
                partly_unread(chain.lead) or "")
        # "the general case, $p$ arbitrary:", "let $f$ be arbitrary. Then"; not "for any $t > 0$", a case
        if (cue := general_cue(chain.lead, own_math(chain))) is not None:
            # "now the general case": the cases taken before end here (not one stated in its sentence: "let $x >
            # 0$ and $f$ be arbitrary"), and so do the student's values for names the question has ("let $x = y$")
            cases[chain.question or ""] = spared(chain.lead, cue, cases.get(chain.question or "", ()), since)
            branches.pop(chain.question or "", None)
            mine = {_head(g.statement.lhs) for g in setting.givens if g.name.startswith("defined on line")}
            # and the student's own definitions of the names it speaks of ("let $f$ be an arbitrary function")
            spoken = set(re.findall(r"\$\s*\\?([A-Za-z]+)", since_display(chain.lead)))
            general = tuple(g for g in setting.givens if not (
                g.name.startswith("defined on line") and isinstance(g.statement, sp.Eq)
                and (a_parameter(setting, g.statement.lhs, seen.names - mine) or _head(g.statement.lhs) in spoken)))
            if general != setting.givens:
                own[chain.question or ""] = setting = replace(setting, givens=general)
            seen.unread -= {m for m in seen.unread if m.startswith("~")}  # values given in passing end too
            seen.stated.clear()
            goals.stated_now = {}
            goals.known_now = known_heads(chain.question) | seen.unread
        goals.cases_now = cases.get(chain.question or "", ())
        seen.ties.extend(e for e in stated_equations(chain.sides) if e not in seen.ties)
        goals.ties_now = tuple(seen.ties)
        goals.names_now = seen.names - {m[1:] for m in again}  # (free to be named again)
        goals.chain_now = [s.expr for s in chain.sides if isinstance(s.expr, sp.Basic)]
        if chain.kind == "named" and chain.sides and chain.sides[0].expr is not None:
            # "write $m$ for $\mathbb{E}[X^2]$": m is that formula, as after "let $m = ...$"; "let $m$ denote the
            # second moment of $X$": m is what the words describe, which a later display claims something about
            name, said = chain.sides[0].expr, chain.sides[-1].expr
            seen.forget(_head(name))
            own[chain.question or ""] = setting = replace(setting, givens=tuple(
                g for g in setting.givens if not (g.name.startswith("defined on line") and isinstance(
                    g.statement, sp.Eq) and _head(g.statement.lhs) == _head(name))))
            if len(chain.sides) == 2 and said is not None:
                own[chain.question or ""] = setting = define(setting, name, said, chain.line, explicit=True)
                fix(setting, name, said, chain.line)
            else:
                seen.unread.add("&" + _head(name))
            continue
        if chain.kind == "independence":  # "$h_j \perp h_l$": the case j != l, nothing to check
            cases[chain.question or ""] = case_of(chain, list(chain.sides)) or goals.cases_now
            continue
        if chain.kind in NUMBER_SETS:  # "for every integer $k$": the case the lines after it work in
            declared = tuple(sp.Contains(s.expr, NUMBER_SETS[chain.kind]) for s in chain.sides)
            cases[chain.question or ""] = (*cases.get(chain.question or "", ()), *declared)
            if plan.chains and declared_right_after(chain.lead) and plan.questions[-1] == chain.question \
                    and 0 <= chain.line - plan.chains[-1][0] <= 2:  # "$n^2 \ge n$ for every integer $n$": it too
                for g in {p.goal for p in plan.pending if p.chain == len(plan.chains) - 1}:
                    goals.take_case(g, declared)
            continue
        if chain.kind == "range":  # "assume $0 < \delta < 1$": the case taken, if the text takes it
            case = range_case(chain)
            narrowed = restricted(setting, case, chain.line) if case and re.search(
                r"\$\s*(?:,\s*)?(?:for|when|if|where)\s*$", chain.lead) else None
            if narrowed is not None:  # "let $f(x) = x^3$ for $x \ge 0$": where f is defined, not a case
                own[chain.question or ""] = narrowed
            elif case:
                take_case(chain, case)
            for _, start, graded in range_grades(chain, case):  # "hence $0 < p < 1$", "$0 < |x| < d$": never silent
                plan.add(chain, start, graded)
            continue
        sides = list(chain.sides)
        pair = len(sides) == 2 and not chain.cut  # a row on its own, not a part of a chain words cut
        steps: list[LineGrade] = []
        start = sides[0].text if sides else (chain.links[0].text if chain.links else "")
        if chain.links and sides:  # the chain starts with a statement: shown whole (x^2 = y^2)
            opening = sides[:min(link.at for link in chain.links)]
            start = " ".join([*(s.text for s in opening[:1]),
                              *(f"{s.relation_text} {s.text}" for s in opening[1:])]) or start
        inline = chain.kind == "inline" and len(sides) >= 2 and not chain.links
        equations = all(s.relation is Relation.EQ for s in sides[1:])
        # "if", and a chained choice of values ("for $a = b = 1$", "take $x = y = 0$", "iff $a = b = c$"): a case
        hypothesis = inline and (ASSUMING.search(chain.lead[-40:]) is not None or textmath.chosen_values(chain))
        if inline and not equations and (setting_at := setting_case(chain)) is not None:
            # "with $0 < \mu = \lambda_1 \le \dots \le \lambda_m = L$", "assume $0 < x = y^2 \le 1$": the setting
            # the lines after it work in, a case, never a claim to refute
            take_case(chain, setting_at)
            plan.add(chain, start, [line_grade(sides[1], Mark.UNKNOWN, method="assumption", message=(
                "the setting the text works in: a case, not a claim (not checked)"))])
            continue
        if hypothesis or (inline and equations and CUES.search(cue_tail(chain.lead)) is not None):
            # "suppose $p = q = 1/2$": a hypothesis, never a claim to refute; "we take E[W] = mu = 0":
            # a choice, even where one of its sides reads two ways. Its equations serve the lines after it.
            if equations and hypothesis:  # "if $a = b = 0$": a case the lines after it work in, never values
                case = textmath.chained_case(sides)  # a = 1, b = 1; a = b, b = c
                if case:
                    take_case(chain, case)
            elif equations:
                for a, b in itertools.pairwise(sides):
                    if a.expr is not None and b.expr is not None:
                        setting = define(setting, a.expr, b.expr, chain.line)
                        fix(setting, a.expr, b.expr, chain.line)
                        suppose_moments(seen, setting, a.expr, b.expr)  # "with $E[X] = E[Y] = 0$"
                own[chain.question or ""] = setting
            method, why = ("assumption", "a hypothesis the answer makes") if hypothesis \
                else ("definition", "a choice or definition")
            steps = [line_grade(sides[1], Mark.UNKNOWN, method=method, message=f"{why} (not checked)")]
            for a, b in itertools.pairwise(sides[1:]):  # "base case: $a_1 = 3 = 2^1 + 1$": its arithmetic is claimed
                if isinstance(a.expr, sp.Expr) and isinstance(b.expr, sp.Expr) and a.expr.is_number \
                        and b.expr.is_number and not a.expr.atoms(AppliedUndef, sp.MatrixExpr):
                    steps.append(line_grade(b, Mark.UNKNOWN))
                    plan.pending.append(Pending(ci, len(steps) - 1, goals.add(setting, Relation.EQ, a.expr, b.expr)))
            plan.add(chain, start, steps)
            continue
        named = not pair and chain.kind in ("inline", "display") and named_equation(chain.lead)  # (lone: plan_lone)
        if (retracting(chain.lead) and len(sides) >= 2) or chain.kind == "asked" or named:
            # "the following claim is false:", "suppose for contradiction", "Is $a = b$? No", "we cannot write $a = b$",
            # "the equation $$x + a = 0 = ...$$ has": not claimed (a supposition: the case of the lines after it)
            if chain.kind == "inline1" and contrary(chain.lead) and (
                    case := case_of(chain, sides, supposed=True)) is not None:
                take_case(chain, case)
            plan.add(chain, start, [line_grade(s, Mark.UNKNOWN, method="condition" if named else (
                "not a claim"), message=NAMED_MESSAGE if named else NOT_CLAIMED[chain.kind == "asked"])
                for s in sides[1:] if s.relation_text])
            continue
        if (given := given_moments(chain, setting)) is not None:
            # "random variables with $$\mathbb{E}[X] = 2, \quad \mathbb{E}[Y] = 3.$$": the question's data, as in
            # text math; what no law gives keeps refutations that rest on it away
            suppose_given(plan, goals, seen, setting, given, chain.lead)
            plan.add(chain, start, [line_grade(s, Mark.UNKNOWN, method="assumption", message=(
                GIVEN_MESSAGE)) for s in sides if s.relation_text])
            continue
        if pair and not chain.links and sides[1].relation_text.strip() in DEFINING \
                and all(x.expr is not None for x in sides) and (
                    sides[1].relation_text.strip() != "\\equiv" or is_name(sides[0].expr)):
            # f(x) := x^2 + 1: a definition by its very sign, used by the lines after it (c \equiv 3 too, not
            # \sin^2 x + \cos^2 x \equiv 1)
            if not can_define(sides[0].expr, sides[1].expr):  # \sigma(a + b) := ..., \nabla^2(x^3) := ...: a claim
                plan.add(chain, start, [line_grade(sides[1], Mark.UNKNOWN, method="not checked", message=NO_NEW_NAME)])
                continue
            if defined_already(setting, sides[0].expr):  # S_n := ... where the statement defines S_n: a claim
                steps.append(line_grade(sides[1], Mark.UNKNOWN, message="defines anew a name already "
                                                                        "defined: checked against its definition"))
                plan.pending.append(Pending(ci, 0, goals.add(setting, Relation.EQ, sides[0].expr, sides[1].expr)))
                plan.add(chain, start, steps)
                seen.names |= _names(sides[0].expr) | _names(sides[1].expr)
                continue
            own[chain.question or ""] = define(setting, sides[0].expr, sides[1].expr, chain.line, explicit=True)
            seen.forget(_head(sides[0].expr))  # b := 4 after b := 3: results about b are stale
            seen.results[sp.srepr(sides[0].expr)] = Result(sides[1].expr, sides[0].line)
            seen.definitions[sp.srepr(sides[0].expr)] = chain.question
            fix(own[chain.question or ""], sides[0].expr, sides[1].expr, chain.line)
            seen.names |= _names(sides[0].expr) | _names(sides[1].expr)
            plan.add(chain, start, [line_grade(sides[1], Mark.UNKNOWN, method="definition",
                                               message=defining_message(setting, sides[0].expr))])
            continue
        lone, alone = on_its_own(chain, sides)
        if pair and not chain.links and (sides[1].relation is Relation.EQ or sides[1].relation_text.strip()
                in DEFINING) and isinstance(sides[0].expr, (sp.Symbol, sp.MatrixSymbol, AppliedUndef)) \
                and sides[1].expr is None:
            seen.unread.add("?" + _head(sides[0].expr))  # x = [unread], f(x) := [unread]
        if chain.kind == "inline1":  # one relation in text math: only a definition or a case is read
            _supposed.suppose_law(seen, setting, sides)  # "let $x \sim \mathcal{N}(0, I_n)$": no longer moments alone
            # "if $f(x) = 0$" with f(x) := x^2 - 1: the case x^2 - 1 = 0; "consider $Y = -X$" (X, Y independent)
            case = None if (clause_next := next_clause(setting, sides[0].expr, chain.lead, chain.line)) else case_of(
                chain, sides) or (case_of(chain, unfolded_sides(setting, sides) or sides) if ASSUMING.search(
                chain.lead[-40:]) else None) or goals.tying(setting, stated_equations(sides))  # (not "and $a_0 = 5$")
            if case is not None:
                # "we assume $a > 0$ and $b < 0$": both; "assume $x = y$. Let $a > 0$.": both too, while a case
                # on the same names ("now for $y < 0$" after "for $y > 0$") replaces the one before
                take_case(chain, case)
                # "suppose $h = 4$" after "h := 3": the case the text now takes, not the old value, nor what followed
                # (not the values of the cases taken before it: "let $n = 10$ and let $m = n + 1$"); y = 6 found
                # under z = 3 (y = 2z) is held back
                setting, stale = stale_values(setting, case, seen.ties, seen.stated, chain.line)
                seen.forget(*(m[1:].partition("|")[0] for m in stale))
                seen.unread |= set(stale)
                own[chain.question or ""] = setting = forget_values(setting, case)
                seen.forget(*{_head(c.lhs) for c in case if isinstance(c, sp.Eq)})
                if defines(chain.lead) and sides[1].relation is Relation.EQ:  # "let $v_0 = 0$", "(a) Set $n = 1$"
                    own[chain.question or ""] = setting = clause(setting, define(  # "let $f(x) = x$ for $x > 0$"
                        setting, sides[0].expr, sides[1].expr, chain.line), chain, seen.unread)
                    fix(setting, sides[0].expr, sides[1].expr, chain.line)
                continue
            # (not "let $s = E[Y^2]$", a name defined by a moment)
            named = isinstance(sides[0].expr, sp.Symbol) and not a_parameter(setting, sides[0].expr) \
                and sides[-1].relation is Relation.EQ and not ASSUMING.search(chain.lead[-40:])
            if (ASSUMING.search(chain.lead[-40:]) or CUES.search(cue_tail(chain.lead)) or states_given(chain.lead)) \
                    and len(sides) == 2 and not named \
                    and any(x.expr is not None and x.expr.has(*_supposed.ANY_MOMENT) for x in sides):
                # "suppose $E[X] = 0$": a hypothesis about a moment, which no case or definition carries; a
                # refutation that rests on X is no refutation of what the text claims under it
                suppose_moments(seen, setting, sides[0].expr, sides[1].expr)
                continue
            if (defines(chain.lead) or clause_next) and len(sides) == 2 \
                    and all(x.expr is not None for x in sides) and sides[1].relation is Relation.EQ:
                before, undefined = cases.get(chain.question or "", ()), setting
                seen.forget(_head(sides[0].expr))  # a new value: what was stated about the old one no longer holds
                own[chain.question or ""] = setting = clause(setting, define(  # "... for $t \ge 0$ and ... otherwise"
                    setting, sides[0].expr, sides[1].expr, chain.line), chain, seen.unread)
                # "let $s = E[Y^2]$": a later "$$s = 1/2$$" is a claim about s, checked against it
                fix(setting, sides[0].expr, sides[1].expr, chain.line)
                taken = tuple(c for c in cases.get(chain.question or "", ()) if c not in before)
                if taken and plan.chains and right_after_display(chain.lead):
                    # "$$(x+1)^2 = 9$$ where $x = 2$": the case of the display just above too (a claim about x = 2)
                    for g in {p.goal for p in plan.pending if p.chain == len(plan.chains) - 1}:
                        goals.take_case(g, taken, replacing=True)
                    check_with_value(plan, seen, setting, goals, sides[0].expr, sides[1].expr)
                    if any(isinstance(c, sp.Eq) and c.lhs == sides[0].expr for c in before):
                        # a second value of the name ("$$n^2 = 4$$ where $n = 2$" after "where $n = 10$"): each is
                        # its display's; the lines after them rest on neither (no refutation through the name)
                        cases[chain.question or ""] = tuple(c for c in before if not (
                            isinstance(c, sp.Eq) and c.lhs == sides[0].expr))
                        own[chain.question or ""] = setting = undefined
                        seen.unread.add("~" + _head(sides[0].expr))
            elif lone and (value := taken_value(setting, sides, seen.names - {_head(g.statement.lhs) for g in (
                    setting.givens) if g.name.startswith("defined on line")}, consequence(chain.lead))) is not None:
                # "since $\mu = 0$ here", "base case, $t = 1$": a number for a name the question has, not drawn as
                # a consequence, is the case the text now takes; so is a value it arrives at ("we obtain $\lambda
                # = \frac{1-p}{p}$"): a case, never a definition, can only keep refutations away
                q = chain.question or ""
                cases[q] = standing.valued(q, cases.get(q, ()), value[0], value[1])
                if value[2]:
                    own[q] = setting = forget_values(setting, (value[1],))
            elif lone and is_formula(sides[0].expr) and (kept := tuple(
                    g for g in setting.givens if not (g.name.endswith(EARLIER_PART)
                                                      and isinstance(g.statement, sp.Eq)
                                                      and _head(g.statement.lhs) == _head(sides[0].expr)))) \
                    != setting.givens:
                # "in this part $f(x) = x^3$" after f(x) := x^2 in an earlier part: another formula for f, not read
                # as a definition; the old one no longer holds either, and a refutation resting on f is none
                own[chain.question or ""] = setting = replace(setting, givens=kept)
                seen.unread.add("?" + _head(sides[0].expr))
            elif lone and stated_formula(setting, sides, seen.names, chain.lead):  # "the loss is $L(w) = ...$"
                own[chain.question or ""] = setting = define(setting, sides[0].expr, sides[1].expr, chain.line)
                fix(setting, sides[0].expr, sides[1].expr, chain.line)
            elif lone and isinstance(sides[0].expr, (sp.Symbol, sp.MatrixSymbol)) \
                    and can_define(sides[0].expr, sides[1].expr) and not a_parameter(setting, sides[0].expr):
                # "hence $x = 2$", "for $x < 0$, $y = -x$", "the matrix $C = \begin{pmatrix}...\end{pmatrix}$ is
                # symmetric": a value the text gives a name in passing, which is no definition to prove with; a
                # refutation resting on the name is none either
                seen.unread.add("~" + _head(sides[0].expr))
            continue
        if id(chain) in systems and sides[0].expr is not None and sides[1].expr is not None:
            # y = 2 lambda x, \qquad x = 2 lambda y: a system on one row, which holds as a whole
            seen.last = (on_row(seen.last, sp.Eq(sides[0].expr, sides[1].expr, evaluate=False), chain.line,
                                 chain.question), chain.line, chain.question, ci)
            seen.names |= _names(sides[0].expr) | _names(sides[1].expr)
            plan.add(chain, start, [line_grade(sides[1], Mark.UNKNOWN, method="condition", message=SYSTEM_MESSAGE)])
            continue
        if lone and chain.kind == "display":
            done = plan_lone(plan, ci, steps, sides, chain, setting, goals, seen, known_heads)
            if done and steps and steps[-1].method == "definition" and sides[0].expr is not None:
                # "let $$S = ...$$", "we fix the step size $$...$$": defined for the rest of the question
                explicit = EXPLICIT.search(since_display(chain.lead)) is not None and steps[-1].message.startswith(
                    "the student defines")
                own[chain.question or ""] = setting = define(setting, sides[0].expr, sides[1].expr, chain.line,
                                                             fresh=explicit)
                value_above(plan, goals, chain.lead, sides[0].expr, sides[1].expr)  # "where $$s = 2$$"
                if explicit:
                    fix(setting, sides[0].expr, sides[1].expr, chain.line)
                else:
                    seen.holds(setting, sides[0].expr, sides[1].expr, chain.line)
                if sides[1].assumed:  # f(x) = x^3 \qquad \text{for } x \ge 0: defined there only
                    own[chain.question or ""] = restricted(setting, sides[1].assumed, chain.line) or setting
            if done:
                plan.add(chain, start, steps)
                continue
        if chain.kind == "display" and plan_inequality(plan, ci, steps, sides, chain, setting, goals, seen):
            plan.add(chain, start, steps)
            if steps[-1].method == "condition" and seen.last is not None:
                # x > 1, "thus" x^2 > 1 > 0: the lines after a condition work in it, as in a case the text takes
                q = chain.question or ""
                taken = tuple(c for c in sp.And.make_args(seen.last[0]) if isinstance(c, sp.Rel))
                cases[q] = (*still_taken(cases.get(q, ()), taken, standing.of(q)), *taken)
            continue
        prev: ReadSide | None = None
        at = 0  # index of prev
        relation: Relation | None = Relation.EQ  # composed since prev
        composed: Relation | None = Relation.EQ  # of the whole chain
        first_of_chain = sides[0] if sides else None
        links = stated_links(chain, claims := premise_claims(chain))  # f'(w) = w + 1 = 0 => w = -1: a claim, solved
        # a condition stated for a row ("\because a = 3", "(j \ne k)") holds for the rows after it too
        carried: tuple[sp.Basic, ...] = ()
        carried_text, reasons = "", carried  # (reasons: those given above and not proved, cases of the rows after)
        stated_under = opening_hypothesis(chain)
        for si, side in enumerate(sides):
            for link in links.get(si, []):
                plan_link(plan, ci, steps, link, setting, goals, link_sides(chain, sides, link), stated_under,
                          established(chain, link))
            if si > 0 and not side.relation_text:  # a new statement: no step into it
                prev, at, relation = (side if side.expr is not None else None), si, Relation.EQ
                composed, carried, carried_text, reasons = None, (), "", ()
                if side.error:
                    steps.append(unread_grade(side))
                continue
            if chain.links and si > 0 and side.expr is not None and si not in claims:
                prev, at, relation, composed = side, si, Relation.EQ, None
                continue  # joined by => or <=>: its relations are conditions, checked by the link
            if si == 1 and side.relation_text.strip() in DEFINING and prev is not None and prev.expr is not None \
                    and side.expr is not None and is_name(prev.expr) and can_define(prev.expr, side.expr):
                # T := (a+b)^2 = a^2: the first step names T (not checked), the rest is checked
                steps.append(line_grade(side, Mark.UNKNOWN, method="definition",
                                        message=defining_message(setting, prev.expr)))
                own[chain.question or ""] = setting = define(setting, prev.expr, side.expr, prev.line, explicit=True)
                if side.assumed:  # f(x) = x^3 \qquad \text{for } x \ge 0: defined there only
                    own[chain.question or ""] = setting = restricted(setting, side.assumed, prev.line) or setting
                seen.forget(_head(prev.expr))
                seen.definitions[sp.srepr(prev.expr)] = chain.question
                fix(setting, prev.expr, side.expr, prev.line)
                prev, at, relation, composed = side, si, Relation.EQ, None
                continue
            if si > 0:
                rel = side.relation
                relation = compose(relation, rel) if relation is not None and rel is not None else None
                composed = compose(composed, rel) if composed is not None and rel is not None else None
            if side.expr is None:
                if si > 0 or side.error:
                    steps.append(unread_grade(side))
                continue
            if si == 0:
                prev, at, relation = side, si, Relation.EQ
                continue
            hidden = next((m.group() for s in sides[at + 1:si] if s.expr is None  # an arrow: no step across it
                           for m in ARROW_LIKE.finditer(s.text)), None)
            if prev is None or prev.expr is None or relation is None or hidden:
                why = ("nothing before it was parsed" if prev is None else
                       f"an unread side holds {hidden}, which may join other statements" if hidden else
                       ("a question, not a claim" if "?" in side.relation_text else
                        "a requirement the student sets (it must hold), not a claim" if "{!}" in side.relation_text else
                        f"the relation {side.relation_text} is not checked") if side.relation is None
                       else "the relations since the last parsed side do not compose")
                steps.append(line_grade(side, Mark.UNKNOWN, method="not checked",
                                   message=f"{why}; the chain restarts here"))
            elif side.assumed is None:  # (an equation to solve: what "gives" draws from it is checked)
                unread_condition(steps, side, prev, seen, chain.question, ci)
            elif impossible((*carried, *reasons, *side.assumed), setting.facts):  # since alpha = beta, alpha < beta
                steps.append(line_grade(side, Mark.UNKNOWN, method="not checked", message=impossible_message(
                    side.condition or carried_text, side.reason)))
            elif at == 0 and relation is Relation.EQ and not lone \
                    and described(prev.expr, prev.text, side.expr, setting, goals.known_now, chain.lead):
                # "let $m$ denote the second moment", then m = 1/3 = ...: a claim about m, which nothing checks;
                # what rests on the value is held back
                steps.append(line_grade(side, Mark.UNKNOWN, method="not checked",
                                        message=DESCRIBED.format(prev.text.strip()[:60])))
                seen.unread.add("~" + _head(prev.expr))
            elif at == 0 and relation is Relation.EQ and not lone \
                    and prev.expr is not None and side.expr is not None \
                    and names_anew(prev.expr, prev.text, side.expr, setting, seen.names, goals.known_now):
                # x = (a + b)^2 = a^2 + 2ab + b^2, x named here: the first step names, the rest is checked
                steps.append(line_grade(side, Mark.UNKNOWN, method="definition",
                                   message=f"the student defines {prev.text.strip()[:60]} here (not checked)"))
                seen.definitions.setdefault(sp.srepr(prev.expr), chain.question)
                own[chain.question or ""] = setting = define(setting, prev.expr, side.expr, prev.line)
                if side.assumed:  # f(x) = x^3 \qquad \text{for } x \ge 0: defined there only
                    own[chain.question or ""] = setting = restricted(setting, side.assumed, prev.line) or setting
                seen.forget(_head(prev.expr))
                seen.holds(setting, prev.expr, side.expr, prev.line)
                q = chain.question or ""  # y = 2x + 1, \text{ where } x = 3: x = 3 taken for the lines after it
                cases[q] = standing.where(q, cases.get(q, ()), prev.expr, side.assumed, side.expr)
                # its value, whatever the chain goes on to (x = x^2 + 1 \ge 1): a later "x = 0" restates it
                seen.results[sp.srepr(prev.expr)] = Result(side.expr, prev.line)
            elif at == 0 and relation is Relation.EQ and not lone and isinstance(prev.expr, sp.Symbol) \
                    and NAME_LHS.match(prev.text) is not None and can_define(prev.expr, side.expr) \
                    and sp.srepr(prev.expr) not in seen.fixed \
                    and (valued := earlier_value(seen, setting, prev.expr)) is not None:
                # "Conv1: $o = ... = 32$", then "Pool: $o = \frac{32 - 2}{2} + 1 = 16$": a computation under a name
                # the answer gave a value before, a new quantity (or a slip): compared with the old value, never
                # refuted by it; the name has its new value from here on
                value_anew(plan, ci, steps, prev, side, valued, setting, goals, (*carried, *side.assumed))
                own[chain.question or ""] = setting = define(setting, prev.expr, side.expr, prev.line)
                seen.forget(prev.expr.name)
                seen.results[sp.srepr(prev.expr)] = Result(side.expr, prev.line)
                seen.definitions[sp.srepr(prev.expr)] = chain.question
            elif at == 0 and relation is Relation.EQ and not lone and arrives_at(prev, side, setting) \
                    and sp.srepr(prev.expr) not in seen.fixed \
                    and not any(prev.expr in c.free_symbols for c in goals.cases_now):  # (not p = 1 after p = 1/2)
                # w = \frac{1 \cdot 2 + 2 \cdot 4}{1 + 4} = 2, w a variable nothing defines: its value, never an
                # identity in w (after "so", drawn from the line above); the steps after it are checked
                plan_value(plan, ci, steps, chain, prev, side, setting, goals, seen)
            elif pair and relation in RELATIONAL and relation is not Relation.EQ \
                    and consequence(chain.lead) and seen.last is not None and seen.last[2] == chain.question \
                    and (only := one_unknown((prev.expr, side.expr), set())) \
                    and {v.name for v in seen.last[0].free_symbols} == {only.name}:
                # x^2 = 4, "hence" |x| <= 2: it follows from the equation above (where both are defined)
                claim = sp.And(RELATIONAL[relation](prev.expr, side.expr), *prev.domain, *side.domain)
                follows(plan, ci, steps, side, seen.last, claim, Relation.IMPLIES, setting, goals, side.assumed)
            elif relation is Relation.EQ and side.assumed is not None and not GENERAL.search(chain.lead[-80:]) and (
                    consequence(chain.lead) or solving(chain.lead) or pair) and to_solve(
                    prev.expr, side.expr, goals.valued(setting), (*setting.facts, *carried, *side.assumed),
                    (*prev.domain, *side.domain)):
                # "hence" 3x = 5 + 1 = 6, x^2 - 4 = 0 = (x-2)(x+2): an equation solved along the chain;
                # x^2 = 4, x > 0: one solved under its condition
                steps.append(line_grade(side, Mark.UNKNOWN, method="condition", message=CONDITION_MESSAGE))
            elif relation is Relation.EQ and si + 1 == len(sides) and (why := condition_at(sides[0].expr, prev, side,
                    si, chain.lead, goals.valued(setting), setting.facts, after)):
                steps.append(line_grade(side, Mark.UNKNOWN, method="condition", message=why))
            else:
                base, note = anchored(sides, at, si)  # (after W_{ik} \sum_k: the side before the slip)
                if any(isinstance(r, sp.Eq) and not rearranged(r.lhs, r.rhs) and rearranged(base.expr, r.rhs)
                       and rearranged(side.expr, r.rhs) for _, r in setting.expected):  # shows nothing about r.lhs
                    note = join("restates the expected result, rearranged", note)
                reason = unproved(side, setting.facts, goals.cases_now)  # "since mu = 0": a claim, not a hypothesis
                note = join(note, (UNPROVED_REASON.format(side.condition) if reason else f"under the condition stated: "
                                   f"{side.condition}") if side.condition else
                            f"under the condition stated above: {carried_text}" if carried else "")
                steps.append(line_grade(side, Mark.UNKNOWN, message=note))
                assumed = (*carried, *(() if reason else side.assumed), *base.domain,  # where both sides as written
                           *(c for c in side.domain if c not in base.domain))  # are defined (\sqrt{x}\sqrt{x}: x \ge 0)
                was, goals.cases_now = goals.cases_now, (*goals.cases_now, *reasons, *(side.assumed if reason else ()))
                goal = first_reading(goals, setting, relation, (base.expr, side.expr), assumed)  # ||M||: spectral
                readings = alternative_readings(goals, setting, relation, (base.expr, side.expr), assumed)
                goals.cases_now = was  # (unproved reasons: cases of this step, refuted in them, never proved by them)
                plan.pending.append(Pending(ci, len(steps) - 1, goal, readings=readings))
                if alone and not any(prev.expr.has(st.lhs.func) for st in student_formulas(setting)):
                    goals.lone.add(goal)  # (g'(x) = ... after g(x) := ...: an identity in x, not a value of x)
            seen.last = solved_equation(steps, prev, side, chain.question, ci) or seen.last  # 2w - 4 = 0, "so"
            carried, carried_text, reasons = carried_on(side, (carried, carried_text, reasons), setting.facts,
                                                        goals.cases_now)  # a reason not proved: a case only
            prev, at, relation = side, si, Relation.EQ
        for link in links.get(len(sides), []):
            plan_link(plan, ci, steps, link, setting, goals, link_sides(chain, sides, link), stated_under)
        plan.add(chain, start, steps)
        for link in chain.links:  # "\iff w^* = (X^T X)^{-1} X^T y": the solution named, which a later line
            # rests on: never refuted for a value the check does not give it (nor proved with the student's)
            seen.unread |= {"=" + str(name) for name, _ in named_in(link, goals.taken(setting))}
        seen.unread |= {"=" + str(m.name) for m in labelled_points(chain, goals.taken(setting))}  # w^{L_2}: grad 0
        if chain.kind == "solving" and steps and plan.pending and plan.pending[-1].chain == ci \
                and (arrival := runs.arrived_at(chain)) is not None:  # the value arrived at must solve the first row
            solved, lhs, rhs = arrival
            goal = goals.add(replace(setting, givens=(*setting.givens, solved)), Relation.EQ, lhs, rhs)
            plan.solutions.append((ci, len(steps) - 1, goal, chain.sides[0].line))
        plan_chain_result(plan, ci, chain, sides, steps, first_of_chain, prev, composed, setting, goals, seen)
        for side in sides:
            if side.expr is not None:
                seen.names |= _names(side.expr)
    return plan
