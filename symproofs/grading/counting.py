r"""Refutations at a non-integer value of a counting letter.

``n``, ``m``, ``k``, ``i``, ``j``, ``N``, ``K`` count in a text on
mathematics: "$2^n \ge n + 1$ for all $n \ge 0$" is a claim about whole
numbers even where the text never says so, and a TA does not accept the
point ``n = 1/2`` as a counterexample. A refutation whose point gives such a
letter (one no declaration makes an integer or a non-integer) a
value that is not an integer is moved to a nearby whole value where the
sides still differ, every symbol's own assumptions hold (``n`` declared
positive is never moved to ``-1``), the step's facts, cases and definitions
hold, and the fresh re-check of every refutation
(:func:`~symproofs.verifier.recheck.confirmed`) confirms it; where
there is none among the few tried, the step is *unknown* and asks whether
the letter is an integer. A logical step (an implication whose premise the
point meets) keeps its point. Nothing here ever proves.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.results import Counterexample, StepResult, Verdict
from symproofs.core.statements import RELATIONAL
from symproofs.grading.context import flat
from symproofs.verifier.points import settled
from symproofs.verifier.recheck import confirmed
from symproofs.verifier.values import Undecided

__all__ = ["COUNTING", "integer_point", "off_integers"]

#: letters that count: whole numbers unless the text says otherwise
COUNTING = frozenset({"n", "m", "k", "i", "j", "N", "K"})
_TRIED = (0, 1, 2, 3, 4, 5, -1, -2)
_MAX_POINTS = 40
#: the assumptions of a symbol a number's own ``is_...`` decides
_CHECKED = ("positive", "negative", "nonnegative", "nonpositive", "nonzero", "zero", "integer", "even", "odd",
            "rational", "real", "prime", "composite", "extended_positive", "extended_negative",
            "extended_nonnegative", "extended_nonpositive", "extended_nonzero", "extended_real")


def off_integers(cx: Counterexample) -> list[sp.Symbol]:
    """The counting letters (see the module) the point gives a real value that
    is not an integer; a letter declared an integer or not is the declaration's."""
    return [k for k, v in cx.assignment
            if isinstance(k, sp.Symbol) and k.name in COUNTING and k.is_integer is None
            and isinstance(v, sp.Expr) and v.is_number and v.is_real is True and v.is_integer is False]


def integer_point(result: StepResult, goal: Goal, cases: tuple[sp.Basic, ...] = ()) -> StepResult:
    """A refutation at a non-integer value of a counting letter moved to a
    whole value where the sides still differ (and the ``cases`` the text
    takes hold), or *unknown* asking whether the letter is an integer (see
    the module); any other result as it is."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None or goal.relation not in RELATIONAL:
        return result  # (a logical step: its point meets the premise the student wrote, which fixes it)
    parameters = {x for alg in goal.context.algebras for x in alg.declared_symbols()}
    letters = [x for x in off_integers(cx) if x not in parameters]  # a law's mean m is no count
    if not letters:
        return result
    # a point whose random variables the model describes keeps them only where it stays as it is
    moved = _moved(goal, cx, letters, cases) if not cx.model else None
    if moved is not None:
        return result.replace(counterexample=moved)
    named = ", ".join(str(x.name) for x in letters)
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe", message=(
        f"needs: is {named} an integer? ({named} usually counts; the sides differ {cx.describe()}, "
        f"and at no whole value of {named} tried)"))


def _moved(goal: Goal, cx: Counterexample, letters: list[sp.Symbol],
           cases: tuple[sp.Basic, ...]) -> Counterexample | None:
    """The point with ``letters`` at whole values (the nearest first) where the
    relation fails, exactly, and the step's facts hold; None if none is found."""
    exprs = flat(goal.lhs) + flat(goal.rhs)
    build = RELATIONAL.get(goal.relation)
    if build is None or len(exprs) != 2 or not all(
            isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) for e in exprs):
        return None
    point = dict(cx.assignment)
    choices = []
    for x in letters:
        v = point[x]
        near = [sp.floor(v), sp.ceiling(v)]
        # a count is a natural number: from a point >= 0 (n = 1/2), only whole values >= 0
        choices.append([c for c in dict.fromkeys([*near, *(sp.Integer(t) for t in _TRIED)]) if v < 0 or c >= 0])
    for values in itertools.islice(itertools.product(*choices), _MAX_POINTS):
        at = {**point, **dict(zip(letters, values, strict=True))}
        try:
            lhs, rhs = (settled(e, at) for e in exprs)
            if not all(s.is_number and s.is_real is True and s.is_finite is True for s in (lhs, rhs)):
                continue
            if build(sp.simplify(lhs - rhs), 0) is not sp.false or not _admissible(goal, at, cases):
                continue
        except (TypeError, ValueError, AttributeError, NotImplementedError, ArithmeticError, RecursionError,
                Undecided):
            continue
        moved = replace(cx, assignment=tuple((k, at[k]) for k, _ in cx.assignment), lhs=lhs, rhs=rhs,
                        model="", model_latex="")
        if confirmed(goal, moved) is True:
            return moved
    return None


def _admissible(goal: Goal, point: dict[sp.Basic, sp.Basic], cases: tuple[sp.Basic, ...]) -> bool:
    """Whether every symbol's assumptions, the step's facts, the cases and its definitions of plain names
    hold at the point."""
    if not all(_assumed(k, v) for k, v in point.items() if isinstance(k, sp.Symbol)):
        return False
    told = [*goal.context.facts.constraints, *cases,
            *(g.statement for g in goal.context.givens if g.index is None and isinstance(g.statement, sp.Eq)
              and isinstance(g.statement.lhs, sp.Symbol))]
    return all(sp.simplify(c.xreplace(point)) is sp.true for c in told
               if isinstance(c, sp.Basic) and c.free_symbols <= set(point))


def _assumed(k: sp.Symbol, v: sp.Basic) -> bool:
    """Whether the value ``v`` has every assumption of the symbol ``k`` (positive, nonnegative, integer ...),
    decided: a value none of them can be decided for is no point of ``k``."""
    facts = k.assumptions0
    return all(getattr(v, f"is_{f}", None) is facts[f] for f in _CHECKED if f in facts)
