"""Stage 3 of grading: a goal's result as the grade of its line.

A refutation is kept only where its point honours every definition the
probe could not (:func:`confirm`); a counterexample is told in the line's
own terms, between statements as "the premise holds but the conclusion
fails" (:func:`line_result`).
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.capture import substituted
from symproofs.core.goals import Goal, holds_random, random_heads_of
from symproofs.core.model import Relation
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict, left_to_show
from symproofs.core.statements import Lemma
from symproofs.grading.context import flat as _flat
from symproofs.grading.context import names_of as _names
from symproofs.grading.presumed import unpresumed
from symproofs.grading.report import LineGrade, Mark
from symproofs.probability.variables import MOMENTS
from symproofs.render.counterexample import present, present_statements
from symproofs.verifier.integrals import indefinite

__all__ = ["DETERMINED", "EVERY_VALUE", "IN_A_CASE", "MAX_MESSAGE", "confirm", "join", "line_result", "not_in_case"]

#: The longest message a line carries (a counterexample may take twice as much).
MAX_MESSAGE = 400


#: the methods of a step proved in a case a hypothesis states for it, or at a value it takes
IN_A_CASE = ("in the case", "at the value")


def line_result(pending: LineGrade, result: StepResult, goal: Goal) -> LineGrade:
    """The grade of ``pending``'s line from the verifier's ``result`` on ``goal``.
    Telling the result never stops a report: a counterexample that cannot be
    presented is given as the verifier's own text, and any other failure makes
    the line *unknown*, saying so."""
    try:
        return _line_result(pending, result, goal)
    except Exception as exc:  # one line's report, not the run
        why = f"the result could not be reported ({type(exc).__name__}: {exc})"
        return replace(pending, verdict=Mark.UNKNOWN, method="report", trust="none", counterexample=None,
                       explanation=(), explanation_text="", message=join(pending.message, why)[:MAX_MESSAGE])


def _line_result(pending: LineGrade, result: StepResult, goal: Goal) -> LineGrade:
    verdict = {Verdict.PROVED: Mark.PROVED, Verdict.REFUTED: Mark.REFUTED}.get(result.verdict, Mark.UNKNOWN)
    message = pending.message
    cx = None
    explanation: tuple[tuple[str, str], ...] = ()
    explanation_text = ""
    if result.counterexample is not None and goal.relation.is_logical:
        # between statements: which one holds at the point and which fails, not "sides"
        statements = [tuple(s) if isinstance(s, tuple) else (s,) for s in (goal.lhs, goal.rhs)]
        try:
            view = present_statements(result.counterexample, *statements, converse=goal.relation is Relation.IFF)
            explanation, explanation_text = tuple(view.pieces()), view.sentence()
        except Exception:  # not presentable in the step's terms: the verifier's own words
            explanation_text = result.counterexample.describe()
            explanation = (("text", explanation_text),)
        cx = explanation_text
    elif result.counterexample is not None:
        found = result.counterexample
        # with an indefinite integral the sides compared are their derivatives: the model says so
        sides = (goal.lhs, goal.rhs)
        if found.model and not any(indefinite(s) for s in sides) and not _random_part(goal):
            found = replace(found, model="")  # the step has no random or matrix part
        cx = found.describe()
        try:
            view = present(found, goal.lhs, goal.rhs)
            explanation, explanation_text = tuple(view.pieces()), view.sentence()
        except Exception:  # not presentable in the step's terms: the verifier's own words
            explanation, explanation_text = (("text", cx),), cx
    if verdict is Mark.UNKNOWN:
        extra = result.message
        if result.residual is not None:
            extra = join(extra, f"left to show: {left_to_show(result.residual)}")
        message = join(message, extra)
    elif verdict is Mark.REFUTED and result.message.startswith(EVERY_VALUE):
        message = join(message, result.message)  # false whatever the names are defined to be
    elif verdict is Mark.PROVED and result.trust is Trust.INSTANCES:
        message = join(message, f"checked on {result.instances}")
    if verdict is Mark.PROVED and result.method.startswith(IN_A_CASE):
        message = join(message, result.message)  # the case it holds in
    return LineGrade(line=pending.line, column=pending.column, relation=pending.relation,
                     source=pending.source, verdict=verdict, method=result.method, trust=result.trust.value,
                     counterexample=cx[:MAX_MESSAGE * 2] if cx else None, message=message[:MAX_MESSAGE],
                     explanation=explanation, explanation_text=explanation_text)


def _random_part(goal: Goal) -> bool:
    r"""Whether a side of ``goal`` holds a construct of its algebras (``E``, a
    matrix product) or a random variable itself (``\mu + Y``, ``Y`` evaluated
    at one outcome): then the model is part of the counterexample, which
    names the law and the outcome it used."""
    heads = random_heads_of(goal.context.algebras)
    return any(a.owns(s) or holds_random(s, heads) for a in goal.context.algebras for s in (goal.lhs, goal.rhs))


#: how a refutation that no definition of the names could undo begins its message
EVERY_VALUE = "the two sides differ for every value"


def join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


def confirm(goal: Goal, result: StepResult) -> StepResult:
    """Keep a refutation only if its point honours every definition: the probe
    cannot honour a known fact for all values, nor a given such as an
    induction hypothesis ``v_t = ...`` once ``t`` has a value; such a given
    is evaluated at the point here, and a point that may violate one is
    no refutation. A proof that needs what the reader presumes (a range not
    reversed) is checked again without it (:func:`~symproofs.grading.presumed.unpresumed`)."""
    result = unpresumed(goal, result)
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None:
        return result
    determined = _moments_put_in(goal)
    if determined is not None:  # E[y^2] = E[y]^2 with E[x x^T] = I, E[x] = 0 given: ||u||^2 = 0
        from symproofs.verifier.pipeline import check_goal

        again = confirm(determined, check_goal(determined))
        if again.verdict is Verdict.REFUTED and again.counterexample is not None:
            return again.replace(method=DETERMINED)
    doubt = "a known fact for all values" if _unchecked_facts(goal, cx) else None
    # (a random variable a given equates to a formula, B = A: the probe's model puts the formula in its place)
    heads = random_heads_of(goal.context.algebras)
    loose = [g for g in _relevant(goal) if g.index is None and isinstance(g.statement, sp.Eq)
             and g.statement.lhs.free_symbols and g.statement.lhs not in heads]
    if loose and doubt is None:
        from symproofs.verifier.probe import Point, Probe

        values = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
        functions = {k: v for k, v in cx.assignment if not isinstance(k, sp.Symbol)}
        probe = Probe(facts=goal.context.facts, givens=goal.context.givens, algebras=(), seed=0)
        for g in loose:
            try:
                known = dict(functions)
                a = probe.evaluate(g.statement.lhs, Point(values), known, random.Random(0))
                b = probe.evaluate(g.statement.rhs, Point(values), known, random.Random(0))
                holds = len(known) == len(functions) and sp.expand(a - b) == 0
            except Exception:  # not a number at this point: cannot tell
                holds = False
            if not holds:
                doubt = f"the definition '{g.name}'"
                break
    if doubt is None:
        return result
    if doubt.startswith("the definition"):
        # the defined names put in: a point where that still fails honours the definitions by construction
        inlined = _definitions_put_in(goal)
        if inlined is not None:
            from symproofs.verifier.pipeline import check_goal

            again = confirm(inlined, check_goal(inlined))
            if again.verdict is Verdict.REFUTED:
                return again
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"not refuted: the point where the sides differ may violate {doubt} "
                                  "(such a point is not shown)")


#: the method of a refutation of a step whose expectations the givens determine, found with them put in
DETERMINED = "expectations rewritten with the givens"


def _moments_put_in(goal: Goal) -> Goal | None:
    """``goal`` with its sides in the last form an algebra rewrites them to
    with the givens (a matrix normal form: ``E[(u^T x)^2]`` is ``u^T u``
    once ``E[x x^T] = I`` is given), when the step has an expectation and
    those forms have none: their values are then determined, not a model's
    choice. None otherwise."""
    if goal.relation.is_logical or not (isinstance(goal.lhs, sp.Basic) and isinstance(goal.rhs, sp.Basic)):
        return None
    if not any(_moment(n) for side in (goal.lhs, goal.rhs) for n in sp.preorder_traversal(side)):
        return None
    for algebra in goal.context.algebras:
        forms = getattr(algebra, "symbolic_forms", None)
        if forms is None:
            continue
        try:
            lhs, rhs = (list(forms(goal, side))[-1][1] for side in (goal.lhs, goal.rhs))
        except Exception:  # no form for these sides: another algebra's, or none
            continue
        if not any(_moment(n) for side in (lhs, rhs) for n in sp.preorder_traversal(side)):
            return replace(goal, lhs=lhs, rhs=rhs)
    return None


def _moment(node: sp.Basic) -> bool:
    return isinstance(node, MOMENTS) or type(node).__name__ == "Expectation"


#: the constructs that bind a name (a definition of that name is not put in there)
_BINDERS = (sp.Integral, sp.Sum, sp.Product, sp.Derivative, sp.Limit, sp.Lambda, sp.Subs)


def _definitions_put_in(goal: Goal) -> Goal | None:
    """``goal`` with every plain name a given defines (``y = u^T x``, not
    recursively, the name absent from its right side and bound nowhere in
    the step) replaced by its definition, repeatedly; None when nothing
    changes or a side is not one expression."""
    if not (isinstance(goal.lhs, sp.Basic) and isinstance(goal.rhs, sp.Basic)) or goal.relation.is_logical:
        return None
    heads = random_heads_of(goal.context.algebras)
    rules = {g.statement.lhs: g.statement.rhs for g in goal.context.givens
             if g.index is None and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.Symbol)
             and g.statement.lhs not in heads and g.statement.lhs not in g.statement.rhs.free_symbols}
    bound = {v for side in (goal.lhs, goal.rhs) for b in side.atoms(*_BINDERS)
             for v in (*getattr(b, "variables", ()), *getattr(b, "bound_symbols", ()))}
    rules = {k: v for k, v in rules.items() if k not in bound}
    if not rules:
        return None
    lhs, rhs = goal.lhs, goal.rhs
    for _ in range(len(rules)):
        new_lhs, new_rhs = substituted(lhs, rules), substituted(rhs, rules)
        if (new_lhs, new_rhs) == (lhs, rhs):
            break
        lhs, rhs = new_lhs, new_rhs
    if (lhs, rhs) == (goal.lhs, goal.rhs) or any(s.has(k) for s in (lhs, rhs) for k in rules):
        return None
    return replace(goal, lhs=lhs, rhs=rhs)


def _relevant(goal: Goal) -> list[Any]:
    """The givens a goal's value depends on (directly or through other givens)."""
    names = set().union(*(_names(e) for e in _flat(goal.lhs) + _flat(goal.rhs)))
    found: list[Any] = []
    grew = True
    while grew:
        grew = False
        for g in goal.context.givens:
            if g not in found and _names(g.statement.lhs) & names:
                found.append(g)
                names |= _names(g.statement.rhs)
                grew = True
    return found


def _unchecked_facts(goal: Goal, cx: Counterexample) -> bool:
    """Whether a known fact for all values (which the probe cannot honour)
    is about something the step mentions, and the point does not visibly
    honour it. A definition of a function's values (``b_i^{(t)} = c`` for
    all ``i, t``) is honoured when every value of that function the point
    gives agrees with it there; a fact that speaks only of functions the
    point gives whole, each checked against every fact about it for all
    values (``Counterexample.whole``), is honoured."""
    names = set().union(*(_names(e) for e in _flat(goal.lhs) + _flat(goal.rhs)))
    # and what the step's terms are defined with (h_t through sigma: a fact about sigma speaks of h_t)
    names |= set().union(*(_names(g.statement.rhs) for g in _relevant(goal) if isinstance(g.statement, sp.Eq)))
    names |= {n.rstrip("'") for n in names}  # a fact about sigma speaks of sigma' too
    for lemma in goal.context.lemmas:
        if lemma.variables:
            heads = {f.func.__name__ for f in lemma.statement.atoms(AppliedUndef)}
            heads |= {s.name for s in lemma.statement.free_symbols if isinstance(s, sp.Symbol)}
            heads -= {v.name for v in lemma.variables if isinstance(v, sp.Symbol)}
            if heads & names and not heads <= set(cx.whole) and not _honoured(lemma, cx):
                return True
    return False


def _honoured(lemma: Lemma, cx: Counterexample) -> bool:
    """Whether ``lemma``, an equation ``f(args) = rhs`` whose right side does
    not use ``f``, holds at every value of ``f`` the point gives: its right
    side evaluated there (with the point's symbols and no other function
    value) equals the value given. False when anything is left undecided."""
    st = lemma.statement
    if not (isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef)) or st.rhs.has(st.lhs.func):
        return False
    if st.rhs.atoms(AppliedUndef) or not all(isinstance(v, sp.Symbol) for v in lemma.variables):
        return False
    values = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    by_name = {k.name: v for k, v in values.items()}
    for key, value in cx.assignment:
        if not (isinstance(key, AppliedUndef) and key.func == st.lhs.func and len(key.args) == len(st.lhs.args)):
            continue
        binding: dict[sp.Basic, sp.Basic] = {}
        for pattern, actual in zip(st.lhs.args, key.args, strict=True):
            actual = actual.xreplace(values)
            if pattern in lemma.variables:
                if binding.setdefault(pattern, actual) != actual:
                    return False
            elif sp.simplify(pattern.xreplace(values) - actual) != 0:
                break  # another member of the family: not constrained by this lemma
        else:
            if any(v.is_integer and binding[v].is_integer is not True for v in binding):
                return False
            hyps = [h.xreplace(binding) for h in lemma.hypotheses]
            hyps = [h.xreplace({s: by_name[s.name] for s in h.free_symbols
                                if isinstance(s, sp.Symbol) and s.name in by_name}) for h in hyps]
            if any(h is sp.false for h in hyps):
                continue
            if not all(h is sp.true for h in hyps):
                return False
            rhs = st.rhs.xreplace(binding)
            rhs = rhs.xreplace({s: by_name[s.name] for s in rhs.free_symbols
                                if isinstance(s, sp.Symbol) and s.name in by_name})
            if rhs.free_symbols or sp.simplify(rhs - value) != 0:
                return False
    return True


def not_in_case(result: StepResult, shown: str, maybe: bool = False) -> StepResult:
    """``result``, a refutation, held back: its point is not (``maybe``: may
    not be) in the case ``shown`` the text takes."""
    where = "may not be" if maybe else "is not"
    cx = result.counterexample.describe() if result.counterexample is not None else ""
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"not refuted: the text takes the case {shown} here, and the point where the "
                                  f"sides differ {where} in it (the sides differ {cx})")
