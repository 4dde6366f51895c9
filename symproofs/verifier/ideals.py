"""Polynomial systems: a side of a logical step as the polynomials whose
common zeros are its solutions, implication between systems by ideal
membership (a Groebner basis of the premise reduces the conclusion to 0),
and an equation proved from the equations among the assumptions
(``mu = (alpha + beta)/2`` proves ``mu - alpha/2 - beta/2 = 0``).
Every atom that is not a number is an unknown of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Identically, Relation, conjuncts, flatten_side
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.verifier.definedness import denominators, partly_real
from symproofs.verifier.sums import normalize_sums

if TYPE_CHECKING:
    from symproofs.verifier.probe import Probe

__all__ = ["fact_equations", "ideal", "partial_parts", "refute_statements", "statement_differences",
           "statement_polynomials"]

_MAX_GENERATORS = 12  # a Groebner basis of the facts' equations in more unknowns is not worth its time


def statement_polynomials(goal: Goal, side: object) -> list[sp.Expr] | None:
    """A side as polynomials whose common zeros are its solutions, or None."""
    facts = goal.context.facts
    out: list[sp.Expr] = []
    for part in flatten_side(side):
        if isinstance(part, Identically):
            if not all(_infinitely_many(x, goal) for x in part.variables):
                return None  # a polynomial may vanish at finitely many points without its coefficients
            diff = sp.expand(part.equation.lhs - part.equation.rhs)
            try:
                poly = sp.Poly(diff, *part.variables)
            except sp.PolynomialError:
                return None
            out.extend(c for c in poly.coeffs())
            continue
        if isinstance(part, sp.And):
            sub = statement_polynomials(goal, tuple(part.args))
            if sub is None:
                return None
            out.extend(sub)
            continue
        if not isinstance(part, sp.Eq) or isinstance(part.lhs, sp.MatrixExpr) or isinstance(part.rhs, sp.MatrixExpr):
            return None  # a matrix equation is not a polynomial system in its symbols
        # sums in normal form: a constant term summed over a range that is not empty (or one short) is the
        # term times the length of the range (sum_{j=1}^{d} c = d c for d >= 0), other sums are unknowns
        num, den = sp.fraction(sp.together(normalize_sums(part.lhs - part.rhs, facts)))
        if not den.is_number and facts.nonzero(den) is not True:  # f(1) too: not a number
            return None
        out.append(_drop_nonzero_factors(sp.expand(num), goal))
    return out


#: sympy assumptions under which a symbol still takes infinitely many values, alone or together
#: (``prime`` and ``even`` together leave 2; ``integer``, ``nonnegative`` and ``nonpositive`` leave 0)
_OPEN_ENDED = frozenset({"real", "complex", "extended_real", "finite", "commutative", "hermitian", "infinite",
                         "integer", "rational", "algebraic", "transcendental", "irrational", "noninteger",
                         "positive", "negative", "nonnegative", "nonpositive", "nonzero", "extended_positive",
                         "extended_negative", "extended_nonnegative", "extended_nonpositive", "extended_nonzero",
                         "imaginary", "antihermitian"})


def _infinitely_many(x: sp.Basic, goal: Goal) -> bool:
    """Whether ``x`` surely ranges over infinitely many values: a symbol of
    open-ended sympy assumptions, not zero, that no fact, given or lemma
    speaks of (``0 <= x <= 1`` leaves an integer two values, ``x^2 = x`` a
    real one two)."""
    if not isinstance(x, sp.Symbol) or x.is_zero:
        return False
    told = {k for k, v in x.assumptions0.items() if v}
    ctx = goal.context
    said = [*ctx.facts.constraints, *(g.statement for g in ctx.givens), *(lem.statement for lem in ctx.lemmas),
            *(h for lem in ctx.lemmas for h in lem.hypotheses)]
    return told <= _OPEN_ENDED and not any(isinstance(c, sp.Basic) and x in c.free_symbols for c in said)


#: functions with a real value at every real point of their arguments; any other function (``\\cot``,
#: ``\\log``, ``\\zeta``, ``\\operatorname{atan2}``, a piecewise) may have none somewhere, and a step that speaks
#: of it claims nothing there
_TOTAL = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asinh, sp.Abs, sp.sign, sp.Max, sp.Min,
          sp.floor, sp.ceiling, sp.erf, sp.re, sp.im, sp.conjugate, sp.Heaviside, sp.KroneckerDelta, AppliedUndef)
#: what binds a variable: a pole inside one (``\\sum_k 1/(k - y)``, ``\\int_1^y dt/t``) is a pole of the side
_BINDING = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Subs, sp.Derivative)


def partial_parts(side: object, facts: Facts) -> set[sp.Basic]:
    """The parts of a side that may leave it undefined at a real point:
    denominators the facts do not keep nonzero (``1/y``, ``1/f(1)``),
    roots and other powers of a non-integer exponent, and functions with
    poles or branch points (``\\cot y``, ``\\log y``, a piecewise)."""
    out: set[sp.Basic] = set()
    for part in flatten_side(side):
        if not isinstance(part, sp.Basic):
            continue
        out |= {d for d in denominators(part) if not d.is_number and facts.nonzero(d) is not True}
        out |= set(partly_real(part)) | {a for a in part.atoms(sp.Function, sp.Piecewise)
                                         if not isinstance(a, _TOTAL) and not a.is_number}
        out |= {b for b in part.atoms(*_BINDING) if b.free_symbols and (isinstance(b, (sp.Integral, sp.Limit, sp.Subs))
                                                                       or partial_parts(b.args[0], Facts(())))}
    return out


def statement_differences(side: object) -> list[sp.Expr] | None:
    """A side as the differences ``lhs - rhs`` of its equations, denominators
    kept (so that a point where they vanish leaves them undefined), or None
    for identities and matrix equations. For refutation only: a point where
    these are defined and zero satisfies the statement."""
    parts = conjuncts(side)
    if not all(isinstance(p, sp.Eq) and not any(isinstance(s, sp.MatrixExpr) for s in p.args) for p in parts):
        return None
    return [p.lhs - p.rhs for p in parts]


def _relations(side: object) -> list[sp.Basic] | None:
    """A side as the scalar relations it conjoins, or None."""
    parts = conjuncts(side)
    if not all(isinstance(p, sp.Rel) and not isinstance(p, sp.Ne) and not any(
            isinstance(s, sp.MatrixExpr) for s in p.args) for p in parts):
        return None
    return list(parts)


def refute_statements(goal: Goal, probe: Probe, *, polynomials: bool = False) -> Counterexample | None:
    """A point where the premise of a logical step holds and its conclusion
    fails (for ``<=>``, either way round). Equations are solved for at each
    point (as polynomials when ``polynomials`` and they are ones, else
    with their denominators); statements with inequalities are decided at
    drawn points, each relation exactly."""
    prem = concl = None
    if polynomials:
        prem, concl = statement_polynomials(goal, goal.lhs), statement_polynomials(goal, goal.rhs)
    if prem is None or concl is None:  # a denominator that may vanish: keep it, points decide
        prem, concl = statement_differences(goal.lhs), statement_differences(goal.rhs)
    if prem is not None and concl is not None:
        forth, back = (prem, concl), (concl, prem)
        refute = probe.refute_implication
    else:
        rels = _relations(goal.lhs), _relations(goal.rhs)
        if rels[0] is None or rels[1] is None:
            return None
        forth, back = (rels[0], rels[1]), (rels[1], rels[0])
        refute = probe.refute_relations
    cx = refute(*forth)
    if cx is None and goal.relation is Relation.IFF:
        cx = refute(*back)
        if cx is not None:
            cx = replace(cx, model=f"the converse fails: {cx.model}")
    return cx


def _drop_nonzero_factors(poly: sp.Expr, goal: Goal) -> sp.Expr:
    """``f * g = 0`` is equivalent to ``g = 0`` when ``f`` is provably nonzero."""
    if poly == 0 or not poly.free_symbols:
        return poly
    try:
        _, factors = sp.factor_list(poly)
    except (sp.PolynomialError, NotImplementedError):
        return poly
    kept = [f**m for f, m in factors if goal.context.facts.nonzero(f) is not True]
    return sp.expand(sp.Mul(*kept)) if kept else sp.S.One


def ideal(goal: Goal, state: object) -> Outcome | None:
    """Implication and equivalence of polynomial systems by ideal membership
    (a Groebner basis of the premise reduces every conclusion to zero)."""
    prem = statement_polynomials(goal, goal.lhs)
    concl = statement_polynomials(goal, goal.rhs)
    if prem is None or concl is None:
        return None
    # the conclusion is defined wherever the premise holds (for <=>, the other way round too): the unknowns
    # below are atoms, which forget that x cot(y) has no value at y = 0
    a_open, b_open = partial_parts(goal.lhs, goal.context.facts), partial_parts(goal.rhs, goal.context.facts)
    if not b_open <= a_open or (goal.relation is Relation.IFF and a_open != b_open):
        return None
    gens = _generators([*prem, *concl])
    if not gens:
        return None

    def implies(a: list[sp.Expr], b: list[sp.Expr]) -> bool:
        nonzero_a = [p for p in a if p != 0]
        if not nonzero_a:
            return all(q == 0 for q in b)
        try:
            basis = sp.groebner(nonzero_a, *gens, order="grevlex")
            return all(basis.reduce(q)[1] == 0 for q in b)
        except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError):
            return False

    if not implies(prem, concl):
        return None
    if goal.relation is Relation.IFF and not implies(concl, prem):
        return None
    return Outcome(verdict=Verdict.PROVED, method="ideal membership (Groebner basis)", trust=Trust.SYMBOLIC)


def _generators(polys: Sequence[sp.Expr]) -> list[sp.Basic] | None:
    """The unknowns of a polynomial system: every atom that is not a number
    (symbols, and also applications such as ``f(1)``, indexed terms,
    ``sin(x)``), each one an independent generator, so that nothing unknown
    is taken for a coefficient. ``None`` when the coefficients are not plain
    numbers."""
    exprs = [p for p in polys if p != 0]
    if not exprs:
        return []
    try:
        _, opt = sp.parallel_poly_from_expr(exprs)
    except (sp.PolynomialError, sp.GeneratorsNeeded, sp.CoercionFailed):
        return None
    if not opt.domain.is_Numerical:
        return None
    return sorted(opt.gens, key=sp.default_sort_key)


def fact_equations(goal: Goal, state: object) -> Outcome | None:
    """An equation between scalars whose difference (its numerator, over a
    denominator the facts keep nonzero) lies in the ideal of the equations
    among the facts and the givens (``p = q`` and ``q = 1/2`` give ``p + q =
    1``): where they hold, the two sides are equal."""
    told = [*goal.context.facts.constraints, *(g.statement for g in goal.context.givens if g.index is None)]
    equations = [c for c in told if isinstance(c, sp.Eq)
                 and all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in c.args)]
    diff = getattr(state, "diff", None)
    if not equations or not isinstance(diff, sp.Expr) or isinstance(diff, sp.MatrixExpr) or diff == 0:
        return None
    if partial_parts(diff, goal.context.facts):
        return None  # a side that may have no value where the facts hold
    num, den = sp.fraction(sp.together(diff))
    if not den.is_number and goal.context.facts.nonzero(den) is not True:
        return None
    polys = []
    for c in equations:
        p_num, p_den = sp.fraction(sp.together(c.lhs - c.rhs))
        if not p_den.is_number and goal.context.facts.nonzero(p_den) is not True:
            continue
        polys.append(sp.expand(p_num))
    gens = _generators([*polys, sp.expand(num)])
    if not gens or len(gens) > _MAX_GENERATORS or not any(p != 0 for p in polys):
        return None
    try:
        basis = sp.groebner([p for p in polys if p != 0], *gens, order="grevlex")
        if list(basis.exprs) == [1] or basis.reduce(sp.expand(num))[1] != 0:
            return None  # (equations no value meets prove nothing: x = 1 and x = 2)
    except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError):
        return None
    return Outcome(verdict=Verdict.PROVED, method="equations among the assumptions (ideal membership)",
                   trust=Trust.SYMBOLIC)
