r"""Implication and equivalence between statements in one real unknown, by
their sets of solutions.

``2x + 3 \le 7 \implies x \le 2`` and ``x^2 < 4 \iff -2 < x < 2`` are about
the sets of ``x`` each side allows: the premise's set (intersected with the
domain the facts give ``x``) inside the conclusion's proves ``=>``, equal
sets prove ``<=>``. sympy's ``solveset`` computes the sets of polynomial and
rational equations and inequalities exactly (real roots as algebraic
numbers, intervals between them), and the inclusion is decided on those
sets; an undecided inclusion decides nothing. When the inclusion fails, a
rational point of the premise's set outside the conclusion's (or, for
``<=>``, the other way round) is the counterexample, re-checked by
substituting it into every statement. A premise that no ``x`` allowed by
the facts satisfies (``x < 0`` where ``x > 1`` is assumed) proves nothing:
the step holds vacuously and is *unknown*, saying so.

Only statements that are relations between rational functions of one real
symbol (not declared an integer) or their absolute values, with at least one
inequality among them, are read here; equations alone are left to ideal
membership. ``solveset`` is given rational functions only: an absolute
value is split into its two pieces first.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation, conjuncts
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.verifier.univariate import domain_of

__all__ = ["solution_sets"]

_RELATIONS = (sp.Eq, sp.Ne, sp.Lt, sp.Le, sp.Gt, sp.Ge)
_MAX_DEGREE = 12


def _statements(side: object) -> list[sp.Rel] | None:
    parts = conjuncts(side)
    if not all(isinstance(p, _RELATIONS) and not any(isinstance(a, sp.MatrixExpr) for a in p.args) for p in parts):
        return None
    return parts


def _readable(rel: sp.Rel, x: sp.Symbol) -> bool:
    """A relation between rational functions of ``x`` (absolute values of
    them allowed, ``|x - 1| < 2``) of moderate degree."""
    gap = rel.lhs - rel.rhs
    if not isinstance(gap, sp.Expr):
        return False
    gap = gap.replace(lambda e: isinstance(e, sp.Abs), lambda e: e.args[0])
    if not gap.is_rational_function(x):
        return False
    num, den = sp.fraction(sp.together(gap))
    try:
        return bool(max(sp.degree(num, x), sp.degree(den, x)) <= _MAX_DEGREE)
    except sp.PolynomialError:
        return False


def _domain(x: sp.Symbol, facts: Facts) -> sp.Set | None:
    found = domain_of(x, facts)
    if found is None:
        return None
    lo, los, hi, his = found
    return sp.Interval(sp.S.NegativeInfinity if lo is None else lo, sp.S.Infinity if hi is None else hi,
                       left_open=lo is None or los, right_open=hi is None or his)


def _solutions(rels: list[sp.Rel], x: sp.Symbol, domain: sp.Set) -> sp.Set:
    out = domain
    for rel in rels:
        out = sp.Intersection(out, _solved(rel, x))
    return out


def _solved(rel: sp.Rel, x: sp.Symbol) -> sp.Set:
    """The real solutions of ``rel``. ``solveset`` is trusted only with
    rational functions: an absolute value is split into its two pieces
    first (``|g| < 1`` is ``g < 1`` where ``g >= 0`` and ``-g < 1`` where
    ``g < 0``), since ``solveset`` loses solutions of such relations."""
    found = next(iter(sorted(rel.atoms(sp.Abs), key=sp.count_ops)), None)
    if found is None:
        return sp.solveset(rel, x, sp.S.Reals)
    g = found.args[0]
    pieces = []
    for value, where in ((g, sp.Ge(g, 0)), (-g, sp.Lt(g, 0))):
        piece = rel.xreplace({found: value})
        if not isinstance(piece, sp.Rel):  # the piece is true or false throughout
            piece_set = sp.S.Reals if piece is sp.true else sp.S.EmptySet
        else:
            piece_set = _solved(piece, x)
        pieces.append(sp.Intersection(piece_set, sp.solveset(where, x, sp.S.Reals)))
    return sp.Union(*pieces)


def _rational_in(s: sp.Set) -> sp.Rational | None:
    """A rational number in ``s``, when one is easy to name exactly."""
    if isinstance(s, sp.Union):
        for part in s.args:
            found = _rational_in(part)
            if found is not None:
                return found
        return None
    if isinstance(s, sp.FiniteSet):
        return next((v for v in sorted(s.args, key=sp.default_sort_key) if v.is_Rational), None)
    if not isinstance(s, sp.Interval) or s.measure == 0:
        return None
    lo, hi = s.start, s.end
    if lo.is_infinite and hi.is_infinite:
        return sp.S.Zero
    if lo.is_infinite:
        return sp.Integer(sp.floor(hi)) - 1
    if hi.is_infinite:
        return sp.Integer(sp.ceiling(lo)) + 1
    for k in range(0, 40):  # a dyadic rational strictly inside
        scale = sp.Integer(2) ** k
        v = sp.Rational(sp.floor((lo + hi) / 2 * scale), scale)
        if (v > lo) is sp.true and (v < hi) is sp.true:
            return v
    return None


def _holds(rels: list[sp.Rel], x: sp.Symbol, v: sp.Rational) -> bool | None:
    """Whether every relation holds at ``x = v`` (``None``: some side has no
    value there)."""
    values = []
    for rel in rels:
        sides = [sp.simplify(s.xreplace({x: v})) for s in (rel.lhs, rel.rhs)]
        if any(s.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not s.is_real for s in sides):
            return None
        values.append(type(rel)(*sides))
    if not all(t in (sp.true, sp.false) for t in values):
        return None
    return all(t is sp.true for t in values)


def _counterexample(holding: list[sp.Rel], failing: list[sp.Rel], x: sp.Symbol, v: sp.Rational,
                    converse: bool) -> Counterexample | None:
    if _holds(holding, x, v) is not True or _holds(failing, x, v) is not False:
        return None  # the re-check by substitution: the point must do what it claims
    which = "the conclusion" if converse else "the premise"
    return Counterexample(assignment=((x, v),), lhs=sp.S.true if not converse else sp.S.false,
                          rhs=sp.S.false if not converse else sp.S.true,
                          model=f"{which} holds there, but "
                                f"{' and '.join(sp.sstr(r) for r in failing)} fails")


def solution_sets(goal: Goal, state: object) -> Outcome | None:
    """``=>`` and ``<=>`` between statements in one real unknown with an
    inequality among them, by their solution sets (see the module)."""
    if goal.relation not in (Relation.IMPLIES, Relation.IFF):
        return None
    premise, conclusion = _statements(goal.lhs), _statements(goal.rhs)
    if premise is None or conclusion is None or not conclusion:
        return None
    rels = [*premise, *conclusion]
    if all(isinstance(r, sp.Eq) for r in rels):
        return None
    names = set().union(*(r.free_symbols for r in rels))
    if len(names) != 1 or any(r.atoms(AppliedUndef) for r in rels):
        return None  # (f(1) is an unknown too, not a number: 1/f(1) may have no value)
    (x,) = names
    if not isinstance(x, sp.Symbol) or x.is_integer is not None or x.is_rational is not None \
            or x.is_real is not True or not all(_readable(r, x) for r in rels):  # sets of reals, not of rationals
        return None
    domain = _domain(x, goal.context.facts)
    if domain is None:
        return None
    p, c = _solutions(premise, x, domain), _solutions(conclusion, x, domain)
    if p is sp.S.EmptySet and (goal.relation is Relation.IMPLIES or c is sp.S.EmptySet):
        # x > 1 assumed, then x < 0 => x = 7: true of no x at all, which is no argument for anything
        return Outcome(verdict=Verdict.UNKNOWN, method="vacuous", trust=Trust.NONE,
                       message=f"no {x} satisfies the premise under the assumptions: the step holds vacuously, "
                               "and is not taken as proved")
    inside = p.is_subset(c)
    back = c.is_subset(p) if goal.relation is Relation.IFF else True
    if inside is True and back is True:
        what = "=" if goal.relation is Relation.IFF else "inside"
        return Outcome(verdict=Verdict.PROVED, method=f"solution sets in {x} (premise's {what} conclusion's)",
                       trust=Trust.SYMBOLIC)
    if any(x in g.statement.free_symbols for g in goal.context.givens) or any(
            x in st.free_symbols for lem in goal.context.lemmas for st in (lem.statement, *lem.hypotheses)
            if isinstance(st, sp.Basic)):
        return None  # a point must satisfy the givens and lemmas about x too: left to the probe
    for holding, failing, gap, converse, decided in ((premise, conclusion, sp.Complement(p, c), False, inside),
                                                     (conclusion, premise, sp.Complement(c, p), True, back)):
        if decided is not False:
            continue
        v = _rational_in(gap)
        admissible = v is not None and all(c.xreplace({x: v}) is sp.true for c in goal.context.facts.constraints
                                           if x in c.free_symbols) and all(
            getattr(v, f"is_{key}") is value for key, value in x.assumptions0.items())  # nonzero, positive, ...
        cx = _counterexample(holding, failing, x, v, converse) if v is not None and admissible else None
        if cx is not None:
            return Outcome(verdict=Verdict.REFUTED, method=f"solution sets in {x}", trust=Trust.NONE,
                           counterexample=cx)
    return None
