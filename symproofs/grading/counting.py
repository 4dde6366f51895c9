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

A number of terms counts too (:func:`term_counts`, :func:`nonnegative_counts`):
a refutation at a point where a sum or product the step's chain writes has a
negative number of terms (``\sum_{t=1}^{T}`` at ``T = -2``), or a binomial
coefficient or factorial a negative argument (``\binom{n}{2}`` at ``n = -1``),
is moved to a point where every count is at least 0, or held back (*unknown*,
saying why). The counts are never assumed: they only keep such a point from
being reported, and the verifier's empty-range convention is unchanged.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Goal
from symproofs.core.results import Counterexample, StepResult, Verdict
from symproofs.core.statements import RELATIONAL
from symproofs.grading.context import flat
from symproofs.verifier.points import settled
from symproofs.verifier.recheck import confirmed
from symproofs.verifier.values import Undecided

__all__ = ["COUNTING", "TermCount", "integer_point", "nonnegative_counts", "off_integers", "term_counts"]

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
    point = dict(cx.assignment)
    choices = []
    for x in letters:
        v = point[x]
        near = [sp.floor(v), sp.ceiling(v)]
        # a count is a natural number: from a point >= 0 (n = 1/2), only whole values >= 0
        choices.append([c for c in dict.fromkeys([*near, *(sp.Integer(t) for t in _TRIED)]) if v < 0 or c >= 0])
    return _moved_to(goal, cx, letters, choices, cases)


def _moved_to(goal: Goal, cx: Counterexample, letters: list[sp.Symbol], choices: list[list[sp.Basic]],
              cases: tuple[sp.Basic, ...], keep: Callable[[dict[Any, Any]], bool] = lambda _: True,
              ) -> Counterexample | None:
    """The point with ``letters`` at one of their ``choices`` (in order) where
    the relation fails, exactly, the step's facts hold and ``keep`` accepts it,
    confirmed afresh; None if none of the first few is."""
    exprs = flat(goal.lhs) + flat(goal.rhs)
    build = RELATIONAL.get(goal.relation)
    if build is None or len(exprs) != 2 or not all(
            isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) for e in exprs):
        return None
    point = dict(cx.assignment)
    for values in itertools.islice(itertools.product(*choices), _MAX_POINTS):
        at = {**point, **dict(zip(letters, values, strict=True))}
        try:
            if not keep(at):
                continue
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


@dataclass(frozen=True)
class TermCount:
    """A count a chain writes: ``condition`` (``T >= 0``) holds where it is
    not negative; ``what`` names it ("the sum over t = 1..T has a negative
    number of terms")."""

    condition: sp.Basic
    what: str


#: the values a count's letter is moved to, the smallest first
_COUNTS_TRIED = (0, 1, 2, 3, 4, 5, 6, 8, 10)


def term_counts(sides: Sequence[Any]) -> tuple[TermCount, ...]:
    r"""The counts of ``sides`` (the sides of a chain): for each sum or product
    with a bound in free names, its number of terms ``hi - lo + 1 >= 0`` (a
    range the reader leaves unwritten, ``k_lo..k_hi`` of ``\sum_k``, is not
    one the student counts); for each binomial coefficient and factorial, each
    argument in free names ``>= 0``."""
    out: list[TermCount] = []
    for side in sides:
        if not isinstance(side, sp.Basic) or isinstance(side, sp.MatrixExpr):
            continue
        free = side.free_symbols
        for s in side.atoms(sp.Sum, sp.Product):
            kind = "sum" if isinstance(s, sp.Sum) else "product"
            for lim in s.limits:
                if len(lim) != 3:
                    continue
                var, lo, hi = lim
                names = lo.free_symbols | hi.free_symbols
                if not names or not names <= free or any(
                        x.name in (f"{var}_lo", f"{var}_hi") for x in names if isinstance(x, sp.Symbol)):
                    continue
                _count(out, sp.Ge(hi, lo - 1), f"the {kind} over {var} = {sp.sstr(lo)}..{sp.sstr(hi)} "
                                               "has a negative number of terms")
        for f in side.atoms(sp.binomial, sp.factorial):
            for arg in f.args:
                if arg.free_symbols and arg.free_symbols <= free:
                    _count(out, sp.Ge(arg, 0), f"{sp.sstr(f)} has a negative argument")
    return tuple(out)


def _count(out: list[TermCount], condition: sp.Basic, what: str) -> None:
    if isinstance(condition, sp.Rel) and all(c.condition != condition for c in out):
        out.append(TermCount(condition, what))


def nonnegative_counts(result: StepResult, goal: Goal, counts: Sequence[TermCount],
                       cases: tuple[sp.Basic, ...] = ()) -> StepResult:
    """A refutation at a point where one of the chain's ``counts`` is negative,
    moved to a point where every count is at least 0 (and the sides still
    differ there), else *unknown*, naming the count; any other result as it is.
    A count the step's stated facts or ``cases`` contradict (the text takes
    ``n <= -2``), or whose names a case speaks of ("let $n < 1$"), is the
    text's range, not a count (what the reader presumes is not stated)."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None or not counts:
        return result
    presumed = set(goal.context.presumed)  # (a range read as not reversed is no statement of the text)
    stated = Facts((*(c for c in goal.context.facts.constraints if c not in presumed),
                    *(c for c in cases if isinstance(c, sp.Basic))))
    told = {str(x.name): x for f in (*goal.context.facts.constraints, *cases) if isinstance(f, sp.Basic)
            for x in f.free_symbols if isinstance(x, sp.Symbol)}
    spoken = {str(x.name) for f in cases if isinstance(f, sp.Basic) for x in f.free_symbols if isinstance(x, sp.Symbol)}

    def left_open(c: TermCount) -> bool:
        """Whether nothing stated contradicts the count ``c``, in its names or
        in the text's (its ``n`` may carry other assumptions), and no case
        speaks of its names (the text's range, then)."""
        names = {x for x in c.condition.free_symbols if isinstance(x, sp.Symbol)}
        said = c.condition.xreplace({x: told[str(x.name)] for x in names if str(x.name) in told})
        return not spoken & {str(x.name) for x in names} and stated.decide(c.condition) is not False \
            and stated.decide(said) is not False

    counts = [c for c in counts if left_open(c)]
    by_name = {str(k.name): k for k, _ in cx.assignment if isinstance(k, sp.Symbol)}
    point = dict(cx.assignment)

    def at(condition: sp.Basic, values: dict[Any, Any]) -> sp.Basic:
        names = {x: by_name[x.name] for x in condition.free_symbols if isinstance(x, sp.Symbol) and x.name in by_name}
        if len(names) != len(condition.free_symbols):
            return condition  # a name the point does not give: undecided here
        return sp.simplify(condition.xreplace(names).xreplace(values))

    negative = [c for c in counts if at(c.condition, point) is sp.false]
    if not negative:
        return result
    letters = sorted({by_name[x.name] for c in counts for x in c.condition.free_symbols
                      if isinstance(x, sp.Symbol) and x.name in by_name}, key=str)
    choices = [[sp.Integer(v) for v in _COUNTS_TRIED] for _ in letters]
    if goal.relation in RELATIONAL and not cx.model:
        moved = _moved_to(goal, cx, letters, choices, cases,
                          keep=lambda values: all(at(c.condition, values) is not sp.false for c in counts))
        if moved is not None:
            return result.replace(counterexample=moved)
    values = ", ".join(f"{x} = {point[x]}" for x in letters)
    why = "; ".join(dict.fromkeys(c.what for c in negative))
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe", message=(
        f"not refuted: refuted only where {why} ({values}), read as a count (the sides differ "
        f"{cx.describe()}); at no point tried where every count is at least 0"))
