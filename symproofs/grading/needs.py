"""What a refutation needs before it is reported.

A counterexample is a point where the sides differ; it refutes the step only
if nothing the submission leaves undetermined decides the difference: an
undefined sequence or function (also one reached through a definition the
step uses: ``p = \\sigma(wx)`` with ``\\sigma`` undefined), a norm or an
expectation with no law, a member of a recurrence below its first index or
before the start nothing fixes, a name the document defines in a line that
could not be read. Otherwise the step is *unknown* and says what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.goals import Goal, random_heads_of
from symproofs.core.model import Given, Relation
from symproofs.core.results import Counterexample, StepResult, Verdict
from symproofs.grading.context import flat, head, lowest
from symproofs.grading.definitions import condition_point
from symproofs.grading.indexrange import inside as _inside_ranges
from symproofs.grading.indexrange import outside as _outside_ranges
from symproofs.grading.tied import tied_names
from symproofs.grading.twovalues import held_by_two_values
from symproofs.grading.verdicts import DETERMINED, EVERY_VALUE
from symproofs.probability.variables import MOMENTS
from symproofs.verifier.points import settled
from symproofs.verifier.recheck import confirmed
from symproofs.verifier.rewrite import rewrite_with_givens
from symproofs.verifier.sums import empty_ranges
from symproofs.verifier.values import Undecided

__all__ = ["conditions_named", "false_everywhere", "needs"]


def needs(result: StepResult, goal: Goal, known: frozenset[str], lone: bool = False) -> StepResult:
    """A refutation that rests on the value of something nothing determines
    (an undefined sequence or function, a member of a recurrence below its
    first index, a norm or an expectation with no law, or, for an equation
    displayed on its own, a name nothing declares) is no refutation:
    *unknown*, saying what the step needs."""
    if result.verdict is not Verdict.REFUTED:
        return result
    exprs = flat(goal.lhs) + flat(goal.rhs)
    stale = held_by_two_values({str(getattr(s, "name", "")) for e in exprs for s in e.free_symbols}, known)
    if stale:  # y = 6 found while z = 3, and the text now takes z = 4
        return _held_back(result, stale)
    picked = sorted({s.name for e in exprs for s in e.free_symbols if "<" + s.name in known})
    if picked and goal.relation.is_order and not false_everywhere(goal):  # "pick $\\eta$ with $$\\eta \\le 1/L$$"
        return _held_back(result, "a condition the text sets on " + ", ".join(picked[:4]) + " (chosen so, not a claim)")
    outside = _impossible_value(result)
    if outside:
        return _held_back(result, f"needs: a model in which {outside} (the sides differ only at a "
                                  "point no model allows)")
    members = _lawless_members(exprs, goal, known)
    if members:
        family = members[0].partition("_")[0]
        return _held_back(result, f"needs: the law of {', '.join(members[:3])}, a member of the random family "
                                  f"{family} of which nothing here gives the law (a counterexample may not give it "
                                  "a fixed value)")
    labels = _labels(exprs, result)
    if labels:
        label = str(labels[0][0])
        inside = _inside_range(exprs, result, labels)
        if inside is not None and _admissible(goal, inside) and confirmed(goal, inside) is True:
            # false there too, re-checked from the step: inside the range refutes
            return result.replace(counterexample=inside)
        return _held_back(result, f"needs: the range of {label} (the sides differ only where it lies outside "
                                  "the indices it is compared with)")
    off = _outside_ranges(exprs, _definitions_used(exprs, goal.context.givens), result.counterexample) \
        if result.counterexample is not None else []
    if off:  # w_j at j = 0 beside \sum_{i=1}^n w_i^2: refuted only at a j in 1..n
        moved = _inside_ranges(goal, result.counterexample, off) if result.counterexample is not None else None
        if moved is not None and _admissible(goal, moved):
            return result.replace(counterexample=moved)
        index, family, lo, hi = off[0]
        return _held_back(result, f"needs: the range of {sp.sstr(index)} (the sides differ only where it lies "
                                  f"outside {sp.sstr(lo)}..{sp.sstr(hi)}, the indices of the {family} it addresses)")
    start = _undetermined_start(goal, result)
    if start:
        return _held_back(result, f"needs: {start}, which no definition fixes (the start of a recurrence: "
                                  "the text may give it in words)")
    below = _below_range(goal, result)
    if below:
        return _held_back(result, f"needs: {below}, below the first index its definition gives "
                                  "(the step holds only for larger indices)")
    through = _through_members(exprs, goal, known)
    if through:
        return _held_back(result, f"needs: {', '.join(through[:3])}, which the notation defines through members of "
                                  "sequences at an index no given of the check writes (the sides differ only through "
                                  "values it leaves free)")
    if lone:
        valued = {head(g.statement.lhs) for g in goal.context.givens if isinstance(g.statement, sp.Eq)}
        names = {s.name for e in exprs for s in e.free_symbols
                 if isinstance(s, sp.Symbol) and not s.is_integer} - known - valued
        names = _still_used(goal, names)  # P(A) + P(B) = 0.9 with P(A), P(B) given: A and B no longer matter
        names -= _differentiated(exprs)  # d/dx x^3 = 3x: x is the variable of a function, not a name to define
        if names and _fails_as_identity(goal, names):  # d/dy (x^2 y + sin(xy)) = x^2 + y cos(xy), any x
            return result.replace(message=f"{EVERY_VALUE} of " + ", ".join(sorted(names)[:4]) + " (as functions of "
                                          + ", ".join(sorted(_differentiated(exprs))) + ")")
        if goal.relation.is_order:  # an inequality on its own rests on the names the words describe ("let $a$
            # denote the norm of the gradient"); one in free names (x^2 < 0 "for every x") is checked as written
            names = {n for n in names if "&" + n in known or "^" + n in known}
        if names and not _arithmetic(exprs):  # O(n) + 1 = O(n): no arithmetic with what may stand for a set
            return _held_back(result, "a result stated on its own; needs the definition of "
                                      + ", ".join(sorted(names)[:4]))
        if names and false_everywhere(goal):  # no definition of the names could make it hold
            return result.replace(message=f"{EVERY_VALUE} (their difference is a nonzero constant), "
                                          "whatever " + ", ".join(sorted(names)[:4]) + " is defined to be")
        signed = _signed_whatever(goal, result, names) if names else None
        listed = ", ".join(sorted(names)[:4])
        if signed is not None and not signed[1]:  # x^2 + y^2 + 1 = 0: false for every value of every name
            return result.replace(message=f"{EVERY_VALUE} (their difference is always {signed[0]}), "
                                          f"whatever {listed} is defined to be")
        if signed is not None:  # false at the point's other values whatever these names are: what else it
            # rests on (an undefined sequence, a name in passing) is asked below
            result = result.replace(message=f"{EVERY_VALUE} of {listed} at the point below (their difference is "
                                            f"{signed[0]} there), whatever {listed} is defined to be")
        elif names:
            return _held_back(result, "a result stated on its own; needs the definition of "
                                          + ", ".join(sorted(names)[:4]))
    alone = {x for x in exprs if isinstance(x, AppliedUndef) and x.func.__name__ not in known and "*" in known}
    named = sorted({sp.sstr(x) for x in alone}, key=str)
    if named and not goal.relation.is_logical and _rests_on(exprs, alone):
        # ... = p_2: a side that is a member nothing defines names the other side (the data the course's
        # notation leaves free are not named alone on a side)
        return _held_back(result, f"needs: the definition of {', '.join(named[:3])}, which the line names")
    opaque = undetermined_members(exprs, goal.context.givens)  # v_2 where only v_0 = 3 is given
    # and what the definitions the step uses rest on (p = sigma(wx), sigma undefined: p's values are sigma's)
    for e in exprs:
        opaque |= {a for a in opaque_atoms(e, known)
                   if not any(type(alg).__name__ == "ProbabilitySpace" and alg.owns(a)
                              for alg in goal.context.algebras) or _undeclared_inside(a, known)
                   or _without_law(a, known)}
    opaque |= _undefined_functions(_definitions_used(exprs, goal.context.givens), goal, known)
    # (through the definitions the step uses and the course's equations: o = (n + 1)/2 after "$n = 3$ units")
    reached = tied_names(exprs, (*(g.statement for g in goal.context.givens), *goal.context.facts.constraints))
    for mark, why in (("?", "which the document defines in a line that could not be read"),
                      ("~", "to which the text gives a value in passing, not read as a definition")):
        unread = sorted(n for n in reached if mark + n in known)
        if unread:
            return _held_back(result, f"needs: {', '.join(unread)}, {why}")
    supposed = sorted({str(getattr(s, "name", "")) for e in exprs for s in e.free_symbols
                       if {"!" + str(getattr(s, "name", "")), "=" + str(getattr(s, "name", ""))} & known})
    if supposed:
        return _held_back(result, f"rests on {', '.join(supposed)}, of which the text supposes something "
                                  "(a moment, a law, or the solution a step names) that is not used in the check")
    if result.method == DETERMINED:  # the expectations were put in from the givens: none is a free value, unless
        # of something undeclared (which the algebra takes for a constant) or of a variable whose law is left open
        opaque = {a for a in opaque if getattr(a.func, "__name__", "") not in _MOMENT_NAMES
                  or _undeclared_inside(a, known) or _without_law(a, known)}
    if not opaque:
        return result
    scalar = all(isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixExpr)
                 and not any(str(type(f).__module__ or "").startswith("symproofs.matrices")
                             for f in sp.preorder_traversal(e)) for e in exprs)
    hidden = {a for a in opaque if not any(e.has(a) for e in exprs)}  # reached through a definition only
    if not goal.relation.is_logical and scalar and len(exprs) == 2:
        dummies = {a: sp.Dummy() for a in opaque - hidden}
        try:
            lhs, rhs = exprs
            difference = sp.expand((lhs - rhs).xreplace(dummies))
            behind = _undefined_functions(_definitions_used([difference], goal.context.givens), goal, known)
            if not difference.free_symbols & set(dummies.values()) and not behind & hidden:
                return result  # false whatever those values are (p + 1 = p, p := sigma(wx))
            given = sp.expand((lhs - rhs).xreplace(_given_numbers(goal)))
            if given.is_number and given.is_zero is False:
                return result  # the values given for them decide it (P(A) + P(B) = 0.9, P(A) = 0.5, P(B) = 0.3)
        except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
            pass
    shown = sorted({sp.sstr(a) for a in opaque})
    what = ", ".join(shown[:4]) + (", ..." if len(shown) > 4 else "")
    cx = result.counterexample.describe() if result.counterexample is not None else ""
    return _held_back(result, f"needs: the definition or law of {what} (the sides differ {cx}, "
                              "but only through values nothing here determines)")



def _still_used(goal: Goal, names: set[str]) -> set[str]:
    """Those of ``names`` the sides still hold once the numbers given for
    what stands on them are put in (``A`` and ``B`` in ``P(A) + P(B)`` with
    ``P(A) = 1/2`` and ``P(B) = 3/10`` given: none), nothing simplified."""
    values = _given_numbers(goal)
    return {s.name for e in flat(goal.lhs) + flat(goal.rhs) for s in e.xreplace(values).free_symbols
            if isinstance(s, sp.Symbol)} & names if values else names


def _differentiated(exprs: Sequence[sp.Basic]) -> set[str]:
    """The names the sides differentiate by (``x`` in ``d/dx x^3``): the
    line states an identity between functions of them, which no definition
    of another value for them is part of."""
    if any(isinstance(e, sp.Basic) and e.has(*_PIECEWISE) for e in exprs):
        return set()  # d/dx |x| = -1 holds where x < 0, which words may say: a piece, not a function's identity
    return {v.name for e in exprs if isinstance(e, sp.Basic) for d in e.atoms(sp.Derivative)
            for v in d.variables if isinstance(v, sp.Symbol)}


#: functions defined piece by piece, whose derivative's formula holds on one piece
_PIECEWISE = (sp.Abs, sp.sign, sp.Piecewise, sp.Heaviside, sp.floor, sp.ceiling, sp.Max, sp.Min)


def _fails_as_identity(goal: Goal, names: set[str]) -> bool:
    """Whether an equation between functions of the names it differentiates
    by fails as an identity whatever value the other ``names`` take: a
    derivative of the difference, at 0 or 1 in those variables, is a nonzero
    number free of the names (so the difference is not zero near that point
    for any of their values). Never by sampling."""
    exprs = flat(goal.lhs) + flat(goal.rhs)
    variables = sorted(_differentiated(exprs))
    if goal.relation is not Relation.EQ or len(exprs) != 2 or not variables or not all(
            isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixExpr) for e in exprs):
        return False
    try:
        difference = empty_ranges(exprs[0] - exprs[1], goal.context.facts).doit()  # a reversed range: empty
        if difference.has(sp.Derivative, sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Piecewise, *MOMENTS) \
                or difference.atoms(AppliedUndef):
            return False
        by_name = {s.name: s for s in difference.free_symbols if isinstance(s, sp.Symbol)}
        if not set(variables) <= set(by_name) or set(by_name) - set(variables) - names:
            return False  # a name neither differentiated by nor free to define: not this rule's to decide
        xs = [by_name[v] for v in variables]
        for base in (0, 1):
            point = dict.fromkeys(xs, sp.Integer(base))
            terms = [difference, *(sp.diff(difference, x) for x in xs), *(sp.diff(difference, x, 2) for x in xs)]
            for term in terms:
                value = sp.simplify(term.xreplace(point))
                if value.is_number and value.is_finite is True and value.is_zero is False:
                    return True
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError, InputError):
        return False
    return False


def _given_numbers(goal: Goal) -> dict[sp.Basic, sp.Basic]:
    """The numbers the step's givens give names and applied functions (``P(A) = 1/2``)."""
    return {g.statement.lhs: g.statement.rhs for g in goal.context.givens
            if g.index is None and isinstance(g.statement, sp.Eq) and isinstance(g.statement.rhs, sp.Expr)
            and g.statement.rhs.is_number and isinstance(g.statement.lhs, (sp.Symbol, AppliedUndef))}


#: the names of the expectation algebra's operators (E, Var, Cov, P, ...)
_MOMENT_NAMES = frozenset(m.__name__ for m in MOMENTS)


#: Names of asymptotic notation, read as plain names (\Theta(n) is Theta times n): no arithmetic with them.
_ASYMPTOTIC = frozenset({"O", "o", "calO", "Theta", "Omega", "omega"})


def _arithmetic(exprs: Sequence[sp.Basic]) -> bool:
    """Whether the sides are numbers to do arithmetic with: no undefined
    function (``\\mathcal{O}(n)``) and no name of asymptotic notation, which
    may stand for a set of functions."""
    return not any(isinstance(e, sp.Basic) and (e.atoms(AppliedUndef) or {str(x) for x in e.free_symbols}
                                                 & _ASYMPTOTIC) for e in exprs)


def false_everywhere(goal: Goal) -> bool:
    """Whether the two sides of a scalar relation differ by a constant for
    which the relation fails (``(x+1)^2 - x^2 - 2x = 2``, ``\\sin^2 y +
    \\cos^2 y = 2``): false for every value, whatever the names are defined
    to be. The difference is put in the verifier's exact normal forms
    (expanded, cancelled, trigonometric, simplified); a probe never decides it."""
    exprs = flat(goal.lhs) + flat(goal.rhs)
    if len(exprs) != 2 or goal.relation.is_logical or not all(
            isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixExpr) for e in exprs):
        return False
    holds = {Relation.EQ: sp.Eq, Relation.LT: sp.Lt, Relation.LE: sp.Le, Relation.GT: sp.Gt, Relation.GE: sp.Ge}
    compare = holds.get(goal.relation)
    if compare is None:
        return False
    lhs, rhs = exprs
    try:
        difference = lhs - rhs
        if difference.has(sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Derivative, sp.Piecewise):
            return False
        for form in (sp.expand, lambda e: sp.cancel(sp.together(e)), sp.trigsimp, sp.simplify):
            difference = form(difference)
            if difference.is_number:
                break
        if not (difference.is_number and difference.is_real is True and difference.is_finite is True
                and difference.is_zero is False):
            return False
        return compare(difference, 0) is sp.false
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
        return False


def _signed_whatever(goal: Goal, result: StepResult, names: set[str]) -> tuple[str, bool] | None:
    """Whether an equation's sides differ for every value of ``names`` (the
    names nothing declares), the counterexample's values put in for everything
    else: the numerator of the difference proved positive or negative for
    every real value under the step's facts (never by sampling), so that no
    definition of those names, wherever the sides are defined, makes the line
    hold there. A polynomial equation in the names (``x^2 + 1 = 0``, a
    characteristic equation) is one to solve, perhaps over the complex
    numbers, never refuted so. The sign found, and whether other values were
    put in; None if it is not proved."""
    exprs = flat(goal.lhs) + flat(goal.rhs)
    cx = result.counterexample
    if not (goal.relation is Relation.EQ or goal.relation.is_order) or len(exprs) != 2 or cx is None or not all(
            isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixExpr) for e in exprs):
        return None
    point = {k: v for k, v in cx.assignment if not (isinstance(k, sp.Symbol) and k.name in names)}
    try:
        written = exprs[0] - exprs[1]
        difference = written.xreplace(point)
        if difference.free_symbols - {s for s in difference.free_symbols if s.name in names}:
            # p = sigma(wx) given: p's definition put in before the point's values (p has none of its own)
            defining = tuple(g for g in goal.context.givens if g.index is None and isinstance(g.statement, sp.Eq)
                             and isinstance(g.statement.lhs, (sp.Symbol, AppliedUndef)))
            written = rewrite_with_givens(written, defining, goal.context.facts)
            difference = written.xreplace(point)
        if goal.relation.is_order:  # an order compares real values: the names are real
            difference = difference.xreplace({s: sp.Symbol(s.name, real=True) for s in difference.free_symbols
                                              if isinstance(s, sp.Symbol) and s.name in names and not s.is_real})
        if difference.has(sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Derivative, sp.Piecewise, *MOMENTS) \
                or difference.atoms(AppliedUndef) or any(
                    not (isinstance(s, sp.Symbol) and s.name in names and s.is_real) for s in difference.free_symbols):
            return None  # something left that the point does not fix, or a name that may be complex
        if goal.relation.is_order:  # x^2 + 1 < 0: the difference's sign (its denominator's too) the wrong one
            wrong = "positive" if goal.relation in (Relation.LT, Relation.LE) else "negative"
            proved = goal.context.facts.positive(difference if wrong == "positive" else -difference)
            return (wrong, any(written.has(k) for k in point)) if proved is True else None
        numerator, denominator = sp.fraction(sp.cancel(sp.together(sp.expand(difference))))
        if numerator.has(sp.I, sp.nan, sp.zoo, sp.oo):
            return None
        if not (denominator.free_symbols & difference.free_symbols):
            return None  # a polynomial equation in the names (x^2 + 1 = 0): one to solve, perhaps over C
        facts = goal.context.facts
        sign = "positive" if facts.positive(numerator) is True else \
            "negative" if facts.positive(-numerator) is True else None
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError, sp.PolynomialError):
        return None
    if sign is None:
        return None
    return sign, any(written.has(k) for k in point)


def _labels(exprs: list[sp.Basic], result: StepResult) -> list[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    """Each name a Kronecker delta compares with a sum's index (``c`` in
    ``\\sum_{i=1}^K \\delta_{ic}``, a class label) that the point puts outside
    the sum's range, with the ends of that range: nothing said it may be
    there (the text would say "$c \\in \\{1, \\dots, K\\}$")."""
    cx = result.counterexample
    if cx is None:
        return []
    point = dict(cx.assignment)
    out = []
    for e in exprs:
        for s in e.atoms(sp.Sum):
            for var, lo, hi in s.limits:
                for d in s.function.atoms(sp.KroneckerDelta):
                    if var not in d.free_symbols:
                        continue
                    for other in (x for x in d.free_symbols - {var} if x in point):
                        inside = sp.And(sp.Ge(point[other], lo), sp.Le(point[other], hi)).xreplace(point)
                        if inside is sp.false:
                            out.append((other, lo.xreplace(point), hi.xreplace(point)))
    return out


def _inside_range(exprs: list[sp.Basic], result: StepResult,
                  labels: list[tuple[sp.Basic, sp.Basic, sp.Basic]]) -> Counterexample | None:
    """The counterexample with the first of ``labels`` moved to the lower end
    of its range, if the sides still differ there (exact values), else None."""
    cx = result.counterexample
    moves = [(x, lo) for x, lo, hi in labels if x == labels[0][0] and lo.is_Integer
             and hi.is_Integer and hi >= lo]  # a range with room for it (not 1..K at K = 0)
    if cx is None or len(exprs) != 2 or not moves:
        return None
    (x, lo), point = moves[0], dict(cx.assignment)
    point[x] = lo
    try:
        lhs, rhs = (settled(e, point) for e in exprs)
    except (TypeError, ValueError, AttributeError, NotImplementedError, ArithmeticError, Undecided):
        return None
    if not (lhs.is_number and rhs.is_number and lhs.is_real and rhs.is_real) or sp.simplify(lhs - rhs) == 0:
        return None
    return replace(cx, assignment=tuple((k, point[k]) for k, _ in cx.assignment), lhs=lhs, rhs=rhs)


def _admissible(goal: Goal, cx: Counterexample) -> bool:
    """Whether the step's facts and its definitions of plain names hold at the point."""
    point = dict(cx.assignment)
    told = [*goal.context.facts.constraints,
            *(g.statement for g in goal.context.givens if g.index is None and isinstance(g.statement, sp.Eq)
              and isinstance(g.statement.lhs, sp.Symbol))]
    try:
        return all(sp.simplify(c.xreplace(point)) is sp.true for c in told
                   if isinstance(c, sp.Basic) and c.free_symbols <= set(point))
    except (TypeError, ValueError, AttributeError):
        return False


def _definitions_used(exprs: list[sp.Basic], givens: Sequence[Given]) -> list[sp.Basic]:
    """The right sides of the definitions the step's names lead to, through
    definitions of definitions (a few levels)."""
    out: list[sp.Basic] = []
    names = {head(x) for e in exprs for x in (*e.free_symbols, *e.atoms(AppliedUndef))} - {""}
    used: set[int] = set()
    for _ in range(3):
        new = [(k, g.statement.rhs) for k, g in enumerate(givens) if k not in used
               and isinstance(g.statement, sp.Eq) and head(g.statement.lhs) in names]
        if not new:
            break
        for k, rhs in new:
            used.add(k)
            out.append(rhs)
            names |= {head(x) for x in (*rhs.free_symbols, *rhs.atoms(AppliedUndef))} - {""}
    return out


def _through_members(exprs: list[sp.Basic], goal: Goal, known: frozenset[str]) -> list[str]:
    """The members of families of numbers, and the names, that the notation
    defines through members of sequences (``"%"`` in ``known``: ``L_k`` of
    ``L_t = \\|z_t - y_t\\|^2``) that the step or a definition it uses holds
    and no given of the check writes (``L_k`` under a sum over ``k``): the
    check takes them for free values, which they are not."""
    marked = {n[1:] for n in known if n.startswith("%")}
    if not marked:
        return []
    given = {g.statement.lhs for g in goal.context.givens if isinstance(g.statement, sp.Eq)}
    named = {x.name for x in given if isinstance(x, sp.Symbol)}
    found: set[str] = set()
    for e in [*exprs, *_definitions_used(exprs, goal.context.givens)]:
        found |= {sp.sstr(a) for a in e.atoms(AppliedUndef) if a.func.__name__ in marked and a not in given}
        found |= {s.name for s in e.free_symbols
                  if isinstance(s, sp.Symbol) and s.name in marked and s.name not in named}
    return sorted(found)


def _held_back(result: StepResult, message: str) -> StepResult:
    """``result`` as *unknown*, saying what the refutation needs (no counterexample)."""
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, message=message)


def _undefined_functions(exprs: list[sp.Basic], goal: Goal, known: frozenset[str]) -> set[sp.Basic]:
    """Functions nothing defines applied to something other than indices
    (``sigma(wx)``, not the member ``W(t, i, j)`` of a family) in ``exprs``."""
    defined = {head(g.statement.lhs) for g in goal.context.givens if isinstance(g.statement, sp.Eq)}
    return {a for e in exprs for a in e.atoms(AppliedUndef)
            if a.func.__name__ not in known and a.func.__name__ not in defined
            and not all(getattr(x, "is_integer", False) for x in a.args)}


def _rests_on(exprs: list[sp.Basic], atoms: set[sp.Basic]) -> bool:
    """Whether the difference of the two sides still holds ``atoms`` (``g_t + 3
    \\ge g_t`` is false whatever ``g_t`` is)."""
    if len(exprs) != 2 or not all(isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) for e in exprs):
        return True
    try:
        return bool(sp.expand(exprs[0] - exprs[1]).atoms(AppliedUndef) & atoms)
    except (TypeError, ValueError, AttributeError):
        return True



def _impossible_value(result: StepResult) -> str:
    """A value the counterexample gives that no model has: a probability
    outside [0, 1], a negative norm."""
    cx = result.counterexample
    if cx is None:
        return ""
    for key, value in cx.assignment:
        name = str(getattr(getattr(key, "func", None), "__name__", ""))
        if not isinstance(value, sp.Expr) or not value.is_number or not value.is_real:
            continue
        if name == "Prob" and (value < 0 or value > 1) is sp.true:
            return f"{sp.sstr(key)} is a probability, in [0, 1]"
        if name == "norm" and (value < 0) is sp.true:
            return f"{sp.sstr(key)} is a norm, nonnegative"
    return ""



def _undeclared_inside(moment: sp.Basic, known: frozenset[str]) -> set[str]:
    """Undeclared sequences and names inside an expectation: the probability space
    takes them for constants, which nothing says they are (``E[W_ij]`` with a
    weight matrix whose law the notation leaves open; with a notation file,
    only sequences the student brings in alone, ``E[v^{new}_t]``, whose
    definition was not read: beside a declared random variable an
    undeclared sequence is data, ``E[x_i R_i] = x_i E[R_i]``)."""
    inner = {f.func.__name__ for arg in moment.args for f in arg.atoms(AppliedUndef)}
    # a plain name too (Var(\bar X) with X-bar nothing defines: not the variance of a constant)
    inner |= {s.name for arg in moment.args for s in arg.free_symbols
              if isinstance(s, sp.Symbol) and s.is_integer is not True}
    undeclared = {n for n in inner if n not in known and n != "norm"}
    if "*" in known:  # the course's notation: beside its random variables an undeclared sequence is data;
        # an expectation of undeclared sequences alone is of something the student takes to be random
        return undeclared if undeclared == inner else set()
    return undeclared



#: the index of a member of a family (``R_2``, ``R_l``, ``h_t-1``, ``W_2,l``), not a word label (``v_new``)
_MEMBER_INDEX = re.compile(r"(?:\d+|[A-Za-z](?:[-+]\d+)?)(?:,(?:\d+|[A-Za-z](?:[-+]\d+)?))*")


def _lawless_members(exprs: Sequence[sp.Basic], goal: Goal, known: frozenset[str]) -> list[str]:
    """Members of a declared random family that nothing declares themselves
    (``R^{(2)}``, ``R^{(l)}``: the matrices ``R_2``, ``R_l`` beside the
    course's random mask ``R``): random like it, with a law nothing here
    gives, never a fixed value a counterexample may pick."""
    heads = {str(getattr(h, "name", "") or getattr(h, "__name__", "")) for h in random_heads_of(goal.context.algebras)}
    heads.discard("")
    if not heads:
        return []
    names = {str(a.name) for e in exprs for a in e.atoms(sp.MatrixSymbol, sp.Symbol)}
    names |= {str(a.func.__name__) for e in exprs for a in e.atoms(AppliedUndef)}
    return sorted(n for n in names if n not in heads and n not in known and n.partition("_")[0] in heads
                  and _MEMBER_INDEX.fullmatch(n.partition("_")[2]) is not None)


def _without_law(moment: sp.Basic, known: frozenset[str]) -> bool:
    """Whether an expectation involves a random variable whose law the
    notation leaves open (``"~name"`` in ``known``): its value is a parameter
    nothing fixes."""
    if getattr(moment.func, "__name__", "") not in ("E", "Var", "Cov"):
        return False
    inner = {str(getattr(f.func, "__name__", "")) for arg in moment.args for f in arg.atoms(AppliedUndef)}
    inner |= {str(s.name) for arg in moment.args for s in arg.free_symbols if isinstance(s, sp.Symbol)}
    return any("~" + n in known for n in inner)



def _undetermined_start(goal: Goal, result: StepResult) -> str:
    """A member of a family that a recurrence defines, to which the
    counterexample gives a value of its own (``v_0 = 17``): the start of the
    recurrence, which nothing here fixes."""
    cx = result.counterexample
    if cx is None:
        return ""
    recurrent = {g.statement.lhs.func for g in goal.context.givens if g.index is not None
                 and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, AppliedUndef)
                 and g.statement.rhs.has(g.statement.lhs.func)}
    hit = [k for k, _ in cx.assignment if isinstance(k, AppliedUndef) and k.func in recurrent]
    if not hit:
        return ""
    sides = flat(goal.lhs) + flat(goal.rhs)
    if len(sides) == 2 and all(isinstance(x, sp.Expr) and not x.has(sp.MatrixExpr, *MOMENTS) for x in sides):
        point = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
        try:  # the sides at the point's numbers, every member left open: false whatever the start is?
            diff = rewrite_with_givens((sides[0] - sides[1]).xreplace(point), goal.context.givens,
                                       goal.context.facts, concrete=True)
            diff = sp.expand(empty_ranges(diff.xreplace(point), goal.context.facts).doit())
            if diff.is_number and diff != 0:
                return ""
            # a member after the start moves it: false whatever the start (v_1 may be (1 - beta) g_1 in words)
            last = max((a.args[0] for a in hit if len(a.args) == 1 and a.args[0].is_number), default=None)
            later = [a for a in diff.atoms(AppliedUndef) if a not in hit and last is not None and len(a.args) == 1
                     and a.args[0].is_number and a.args[0] > last]
            if later and any(c.is_number and c != 0 for m, c in sp.Poly(diff, *later).terms() if any(m)):
                return ""
        except (TypeError, ValueError, AttributeError, RecursionError, sp.PolynomialError, InputError):
            pass
    return str(sp.sstr(hit[0]))



def conditions_named(result: StepResult, goal: Goal, assumed: Sequence[sp.Basic]) -> StepResult:
    """A refutation whose counterexample gives a value to the name of each
    equation in one name the row is stated under (``assumed``) and the step
    does not speak of (``\\text{for } n^2 = 4``: ``n = 2``), so that it says
    where the row's condition holds."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None:
        return result
    spoken = {x for e in flat(goal.lhs) + flat(goal.rhs) for x in e.free_symbols} | {k for k, _ in cx.assignment}
    extra = [point for c in assumed if isinstance(c, sp.Basic) and not c.free_symbols & spoken
             and (point := condition_point(c)) is not None]
    if not extra:
        return result
    return result.replace(counterexample=replace(cx, assignment=(*cx.assignment, *dict(extra).items())))


def _below_range(goal: Goal, result: StepResult) -> str:
    """A member of an indexed family, at the counterexample, below the first
    index its definitions give it a value (``v_{t-3}`` at ``t = 0``)."""
    cx = result.counterexample
    if cx is None:
        return ""
    by_name = {k.name: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    firsts = lowest(goal.context.givens)
    for e in flat(goal.lhs) + flat(goal.rhs):
        for app in e.atoms(AppliedUndef):
            low = firsts.get(app.func.__name__)
            if low is None or len(app.args) != 1:
                continue
            arg = app.args[0]
            value = arg.xreplace({x: by_name[x.name] for x in arg.free_symbols
                                  if isinstance(x, sp.Symbol) and x.name in by_name})
            if value.is_number and (value < low) is sp.true:
                return f"{sp.sstr(app)} at {sp.sstr(app.args[0])} = {value}"
    return ""


#: moments whose value nothing in a step determines (the caller keeps those a probability space owns)
_MOMENTS = ("E", "Var", "Cov")
#: the name a generic norm is read as (``symproofs.grading.document``)
_NORM = "norm"


def opaque_atoms(expr: sp.Basic, known: frozenset[str]) -> set[sp.Basic]:
    """Applications whose value nothing determines: undefined sequences and
    functions (``v_t``, ``f(x)``) not in ``known``, norms of scalars, and
    expectations (which the caller keeps when a probability space owns
    them). With a notation file (``"*"`` in ``known``) an undeclared
    sequence of indices (``x_i``) is data, free, unless the file defines it
    for another question (``"!name"`` in ``known``); an undeclared function
    of anything else (``\\lambda_1(W^\\top W)``) is still undetermined."""
    out: set[sp.Basic] = set()
    for atom in expr.atoms(sp.Function):
        name = getattr(atom.func, "__name__", "")
        if not isinstance(atom, AppliedUndef) and name not in _MOMENTS:
            continue
        if name in _MOMENTS or name == _NORM:
            out.add(atom)
        elif "*" in known:
            data = all(getattr(a, "is_integer", False) for a in atom.args)
            if "!" + name in known or (name not in known and not data):
                out.add(atom)
        elif name not in known:
            out.add(atom)
    return out


def undetermined_members(exprs: Sequence[sp.Basic], givens: Sequence[Given]) -> set[sp.Basic]:
    """Members of a sequence of which only some values are given (``v_0 = 3``
    and no rule for the others) at any other index (``v_2``): nothing
    determines them."""
    rules = {g.statement.lhs.func for g in givens if isinstance(g.statement, sp.Eq)
             and isinstance(g.statement.lhs, AppliedUndef) and (g.index is not None or g.statement.lhs.free_symbols)}
    points = {g.statement.lhs for g in givens if g.index is None and isinstance(g.statement, sp.Eq)
              and isinstance(g.statement.lhs, AppliedUndef) and not g.statement.lhs.free_symbols}
    only_points = {p.func for p in points} - rules
    return {a for e in exprs for a in e.atoms(AppliedUndef) if a.func in only_points and a not in points}
