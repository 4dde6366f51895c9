"""The strategies, as ordered tables of small named callables.

Each strategy takes the goal and a per-goal :class:`State` (which carries
the running normal form of the difference, so later strategies build on
earlier ones) and returns an :class:`~symproofs.core.goals.Outcome` or ``None``
(undecided). Cheap exact strategies come first. Only symbolic arguments
prove; the probe in :mod:`symproofs.verifier.probe` can only refute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Lemma, Relation
from symproofs.core.results import Trust, Verdict
from symproofs.core.statements import RELATIONAL
from symproofs.verifier.congruence import equals_for_equals
from symproofs.verifier.constants import closed_values
from symproofs.verifier.differentiation import derivatives, expand_entries
from symproofs.verifier.exponentials import exponential_form
from symproofs.verifier.ideals import fact_equations, ideal
from symproofs.verifier.indexcases import in_index_case
from symproofs.verifier.integrals import integrals
from symproofs.verifier.kinks import zero_in_every_case
from symproofs.verifier.lemmabounds import lemma_bounds
from symproofs.verifier.lemmamatch import captures as _captures
from symproofs.verifier.lemmamatch import hypotheses_hold as _hypotheses_hold
from symproofs.verifier.lemmamatch import instances_in as _instances_in
from symproofs.verifier.lemmamatch import replace_free as _replace_free
from symproofs.verifier.lemmamatch import slopes_as_functions as _slopes_as_functions
from symproofs.verifier.lemmamatch import wilds as _wilds
from symproofs.verifier.memo import simplified
from symproofs.verifier.multiples import positive_multiple
from symproofs.verifier.reasons import readable
from symproofs.verifier.rewrite import rewrite_with_givens, solved_recurrences
from symproofs.verifier.search import Search
from symproofs.verifier.solution_sets import solution_sets
from symproofs.verifier.spectral import spectral_norms
from symproofs.verifier.sums import canonical_deltas, case_in_binder, empty_ranges, has_sum, normalize_sums, pin_deltas
from symproofs.verifier.univariate import domain_of, polynomial_sign

__all__ = ["EQUALITY", "LOGICAL", "ORDER", "State", "Strategy", "failure_note", "is_zero"]


@dataclass
class State:
    """The running normal form of one goal (owned by one check, not shared),
    and the quick refutation's search, which the full probe goes on with."""

    diff: sp.Basic
    notes: list[str] = field(default_factory=list)
    quick: Search | None = None


Strategy = Callable[[Goal, State], "Outcome | None"]


def _proved(method: str, trust: Trust = Trust.SYMBOLIC, **kw: object) -> Outcome:
    return Outcome(verdict=Verdict.PROVED, method=method, trust=trust, **kw)  # type: ignore[arg-type]


def is_zero(e: sp.Basic) -> bool:
    if isinstance(e, sp.MatrixExpr):
        return isinstance(e, sp.ZeroMatrix) or (e.is_ZeroMatrix is True)
    if e == 0:
        return True
    return False


def _zero_or_none(method: str, e: sp.Basic) -> Outcome | None:
    return _proved(method) if is_zero(e) else None


def _expand(e: sp.Basic) -> sp.Basic:
    if isinstance(e, sp.MatrixExpr):
        return e.doit().expand()
    return sp.expand(e)


def _reduce(goal: Goal, e: sp.Basic) -> sp.Basic:
    for alg in goal.context.algebras:
        e = alg.reduce(e)
    return e


# -- shared ------------------------------------------------------------------
def structural(goal: Goal, state: State) -> Outcome | None:
    if goal.relation in (Relation.LT, Relation.GT, Relation.TENDS):
        return None
    return _proved("structural identity") if goal.lhs == goal.rhs else None


def _match_lemma(lemma: Lemma, stmt: sp.Basic) -> dict[sp.Basic, sp.Basic] | None:
    wild = _wilds(lemma)
    pattern = lemma.statement.xreplace(wild)
    candidates = [stmt]
    if isinstance(stmt, sp.Eq):
        candidates.append(sp.Eq(stmt.rhs, stmt.lhs, evaluate=False))
    if isinstance(stmt, (sp.GreaterThan, sp.StrictGreaterThan)):
        candidates.append(stmt.reversed)
    for cand in candidates:
        m = cand.match(pattern)
        if m is not None and all(w in m for w in wild.values()):
            back = {v: m[w] for v, w in wild.items()}
            if lemma.statement.xreplace(back) == cand and not _captures(cand, back):
                return back
    return None


def _relation_statement(goal: Goal) -> sp.Basic | None:
    ctor = RELATIONAL.get(goal.relation)
    if ctor is None or isinstance(goal.lhs, tuple) or isinstance(goal.rhs, tuple):
        return None
    try:
        return ctor(goal.lhs, goal.rhs, evaluate=False)
    except TypeError:
        return None


def _with_slopes(goal: Goal, lemmas: Sequence[Lemma]) -> tuple[Goal, tuple[Lemma, ...]]:
    """The goal and the lemmas with every derivative at a point written as ``f'(p)``."""
    out = tuple(replace(lem, statement=_slopes_as_functions(lem.statement)) for lem in lemmas)
    return replace(goal, lhs=_slopes_as_functions(goal.lhs), rhs=_slopes_as_functions(goal.rhs)), out


def lemma_instance(goal: Goal, state: State) -> Outcome | None:
    """A step that cites a lemma is proved when it is an instance of the
    lemma's statement (directly, or after rewriting with an equational
    lemma, or inside a context monotone in the instance). A lemma about the
    derivative of a function at its variable speaks of every point."""
    lemmas = goal.context.cited_lemmas()
    if not lemmas:
        return None
    entries = _by_entries(goal, lemmas)
    goal, lemmas = _with_slopes(goal, lemmas)
    stmt = _relation_statement(goal)
    if stmt is None:
        return None
    for lemma in lemmas:
        trust = Trust.SYMBOLIC if lemma.proved_by else Trust.GIVEN
        how = f"instance of lemma '{lemma.name}'"
        sub = _match_lemma(lemma, stmt)
        if sub is not None and _hypotheses_hold(goal, lemma, sub):
            return _proved(how, trust)
        st = lemma.statement
        if isinstance(st, sp.Eq) and goal.relation is Relation.EQ:
            rewritten = _rewrite_by_lemma(goal, lemma)
            if rewritten is None and entries is not None:
                rewritten = _rewrite_by_lemma(entries, lemma, sums=True)
            if rewritten is not None:
                return _proved(how + " (rewriting)", trust)
        if isinstance(st, (sp.LessThan, sp.StrictLessThan)) and goal.relation in (Relation.LE, Relation.LT):
            if _monotone_instance(goal, lemma, strict=goal.relation is Relation.LT):
                return _proved(how + " (in a monotone context)", trust)
    return None


def _by_entries(goal: Goal, lemmas: Sequence[Lemma]) -> Goal | None:
    """The goal between scalars with each entry of a function applied
    entrywise written as the function at the entry (``sigma'(v)_k`` as
    ``sigma'(v_k)``, :func:`~symproofs.verifier.differentiation.expand_entries`),
    where a lemma may apply (an identity of entries); ``None`` where the
    sides hold no such entry."""
    sides = (goal.lhs, goal.rhs)
    if not all(isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr) for s in sides) or not any(
        isinstance(x, MatrixElement) and isinstance(x.parent, ElementwiseApplyFunction)
        for s in sides
        for x in sp.preorder_traversal(s)
    ):
        return None
    lhs, rhs = (expand_entries(s) for s in sides)
    return _with_slopes(replace(goal, lhs=lhs, rhs=rhs), lemmas)[0]


def _rewrite_by_lemma(goal: Goal, lemma: Lemma, *, sums: bool = False) -> bool | None:
    """Whether rewriting one instance of a side of the equational lemma makes
    the sides equal; with ``sums``, up to the sum normal form (entries written
    out, each with its own summation index)."""
    st = lemma.statement
    if not isinstance(goal.lhs, sp.Basic) or not isinstance(goal.rhs, sp.Basic):
        return None
    lhs, rhs = goal.lhs, goal.rhs
    for a, b in ((st.lhs, st.rhs), (st.rhs, st.lhs)):
        for source in (lhs, rhs):
            for inst, sub in _instances_in(source, lemma, a):
                if not _hypotheses_hold(goal, lemma, sub):
                    continue
                new = _replace_free(source, inst, b.xreplace(sub))
                other = rhs if source is lhs else lhs
                diff = _expand(_reduce(goal, new - other))
                if sums and _entries_zero(goal, diff):
                    return True
                if is_zero(diff):
                    return True
    return None


def _entries_zero(goal: Goal, diff: sp.Basic) -> bool:
    """Whether a difference of entries written out is 0 in the sum normal
    form (each entry has its own summation index), or once the givens are
    rewritten into it too (``h_t = sigma(W x_t + U h_{t+1})``)."""
    facts = goal.context.facts
    if has_sum(diff) and is_zero(normalize_sums(diff, facts)):
        return True
    if not goal.context.givens:
        return False
    diff = expand_entries(rewrite_with_givens(diff, goal.context.givens, facts))
    diff = _expand(_reduce(goal, diff))
    return is_zero(diff) or (has_sum(diff) and is_zero(normalize_sums(diff, facts)))


def _monotone_instance(goal: Goal, lemma: Lemma, *, strict: bool) -> bool:
    """``F(a) <= F(b)`` (or ``<``) from the lemma ``a <= b`` (or ``a < b``)
    with ``F`` affine in the instance (a polynomial of degree one in it: no
    piecewise, absolute value or reciprocal, whose derivative may say
    nothing about a jump or a pole) and a nonnegative slope. A strict step
    needs a strict lemma and a provably positive slope: ``a <= b`` never
    gives ``<``, nor does a slope that may vanish."""
    st = lemma.statement
    facts = goal.context.facts
    z = sp.Dummy("z")
    if not isinstance(goal.lhs, sp.Basic):
        return False
    if strict and not isinstance(st, sp.StrictLessThan):
        return False
    for inst, sub in _instances_in(goal.lhs, lemma, st.lhs):
        if not _hypotheses_hold(goal, lemma, sub):
            continue
        f = goal.lhs.xreplace({inst: z})
        try:
            poly = sp.Poly(f, z)
        except sp.PolynomialError:
            continue
        if poly.degree() > 1 or any(c.has(z) for c in poly.coeffs()):
            continue
        slope = poly.coeff_monomial(z)
        if facts.nonnegative(slope) is not True:
            continue
        if strict and facts.positive(slope) is not True:
            continue
        bigger = f.xreplace({z: st.rhs.xreplace(sub)})
        if is_zero(_expand(bigger - goal.rhs)):
            return True
    return False


def given_hypothesis(goal: Goal, state: State) -> Outcome | None:
    """The step states a given (or a given's two sides swapped)."""
    stmt = _relation_statement(goal)
    if stmt is None:
        return None
    for g in goal.context.givens:
        if g.index is not None:
            continue
        st = g.statement
        if stmt == st or (isinstance(st, sp.Eq) and isinstance(stmt, sp.Eq) and stmt.reversed == st):
            return _proved(f"given '{g.name}'", Trust.GIVEN)
    return None


# -- equality -----------------------------------------------------------------
def polynomial(goal: Goal, state: State) -> Outcome | None:
    state.diff = _expand(state.diff)
    return _zero_or_none("polynomial normal form", state.diff)


def powers(goal: Goal, state: State) -> Outcome | None:
    """Powers of one base combined (``(1+x)^{n+1} = (1+x)^n (1+x)``), before
    the product is multiplied out: ``x^a x^b = x^{a+b}`` wherever both sides
    are defined (sympy's ``powsimp`` combines only where that holds)."""
    if isinstance(state.diff, sp.MatrixExpr) or not isinstance(goal.lhs, sp.Expr) \
            or not isinstance(goal.rhs, sp.Expr) or not any(p.exp.free_symbols for p in state.diff.atoms(sp.Pow)):
        return None
    return _zero_or_none("powers of one base combined", _expand(sp.powsimp(goal.lhs - goal.rhs)))


def rational(goal: Goal, state: State) -> Outcome | None:
    if isinstance(state.diff, sp.MatrixExpr) or not state.diff.has(sp.Pow):
        return None
    return _zero_or_none("rational normal form", sp.cancel(sp.together(state.diff)))


def exponentials(goal: Goal, state: State) -> Outcome | None:
    """Hyperbolic functions through ``exp``, each exponential a power of a new
    variable: a rational identity in those (``tanh a = 2 sigma(2a) - 1``)."""
    if isinstance(state.diff, sp.MatrixExpr):
        return None
    form = exponential_form(state.diff)
    return None if form is None else _zero_or_none("exponential normal form", form)


def algebra_reduce(goal: Goal, state: State) -> Outcome | None:
    if not goal.context.algebras:
        return None
    state.diff = _expand(_reduce(goal, state.diff))
    return _zero_or_none("domain algebra normal form", state.diff)


def index_cases(goal: Goal, state: State) -> Outcome | None:
    """The difference in the case ``i = j`` or ``i != j`` the goal assumes (:mod:`symproofs.verifier.indexcases`)."""
    return in_index_case(goal, state.diff)


def givens(goal: Goal, state: State) -> Outcome | None:
    if not goal.context.givens:
        return None
    diff = state.diff
    if isinstance(diff, sp.Expr) and any(len(d.args) == 3 for d in diff.atoms(sp.KroneckerDelta)):
        diff = canonical_deltas(diff)  # delta(i, j, (1, 3)) with j := i: sympy would make it 1 at every i
    return _rewritten(goal, state, rewrite_with_givens(diff, goal.context.givens, goal.context.facts),
                      "rewriting with givens")


def recurrences(goal: Goal, state: State) -> Outcome | None:
    """Members of a sequence written out by the closed form of its
    recurrence (``v_t = (1-beta) sum_k beta^(t-k) g_k`` from ``v_0 = 0``)."""
    solved = solved_recurrences(goal.context.givens)
    heads = {g.statement.lhs.func for g in solved if isinstance(g.statement, sp.Eq)}
    if not heads or not any(c.func in heads for c in state.diff.atoms(sp.core.function.AppliedUndef)):
        return None
    return _rewritten(goal, state, rewrite_with_givens(state.diff, solved, goal.context.facts),
                      "recurrence solved in closed form")


def _rewritten(goal: Goal, state: State, new: sp.Basic, method: str) -> Outcome | None:
    """The difference rewritten as ``new``: zero, or zero once its sums are in normal form."""
    if new == state.diff:
        return None
    state.diff = _expand(_reduce(goal, new))
    if isinstance(state.diff, sp.Expr) and state.diff.has(sp.KroneckerDelta):
        state.diff = _expand(pin_deltas(canonical_deltas(state.diff)))
    if is_zero(state.diff):
        return _proved(method)
    return _sum_zero(goal, state, f"{method} and sum normal form")


def _sum_zero(goal: Goal, state: State, method: str) -> Outcome | None:
    if not has_sum(state.diff):
        return None
    facts = goal.context.facts
    plain = normalize_sums(state.diff, facts)
    if is_zero(plain):
        state.diff = plain
        return _proved(method)
    shifted = normalize_sums(state.diff, facts, shift=True)
    if is_zero(shifted):
        state.diff = shifted
        return _proved(method + " (index shift)")
    state.diff = plain
    return None


def sums(goal: Goal, state: State) -> Outcome | None:
    return _sum_zero(goal, state, "sum normal form")


def _has_matrices(e: sp.Basic) -> bool:
    """``e`` mentions a matrix expression (inside a scalar such as ``w^T X w``
    or an expectation of one): ``simplify`` knows no matrix algebra and
    can spend minutes on shapes."""
    return any(isinstance(x, sp.MatrixExpr) for x in sp.preorder_traversal(e))


def _through_gamma(e: sp.Basic) -> bool:
    """Whether ``simplify`` would read a binomial coefficient through the
    gamma function where that reading is not its value: ``binomial(n, k)`` is
    0 at a negative integer ``k`` while the gamma form is not, so
    ``binomial(n, k) = binomial(n, n - k)`` "holds" for every ``n`` there
    (it fails at ``n = -3, k = 1``). Only arguments known nonnegative are safe."""
    return any(not all(a.is_nonnegative is True for a in b.args) for b in e.atoms(sp.binomial))


def simplification(goal: Goal, state: State) -> Outcome | None:
    if _has_matrices(state.diff):
        return None
    facts = goal.context.facts
    e = facts.refine_piecewise(empty_ranges(state.diff, facts))
    if case_in_binder(e) or _through_gamma(e):
        return None
    simple = simplified(e)
    if is_zero(simple):
        return _proved("assumption-aware simplification")
    other = facts.reparametrize(e)  # simplified only when it differs: simplify(e) is not zero
    if other != e and is_zero(simplified(other)):
        return _proved("assumption-aware simplification")
    if simple.has(*_CLOSED) != e.has(*_CLOSED) and _rational_zero(simple):
        # simplify evaluated an integral or a sum and stopped short of the algebra
        return _proved("assumption-aware simplification (rational normal form after evaluation)")
    state.diff = simple
    return None


def kink_cases(goal: Goal, state: State) -> Outcome | None:
    """``max``, ``min`` and ``|.|`` on either side of each kink, every case a
    rational normal form (:mod:`symproofs.verifier.kinks`): exact, and far
    cheaper than ``simplify`` through piecewise functions."""
    return _proved("rational normal form in every case of max, min and |.|") \
        if zero_in_every_case(state.diff) else None


def _rational_zero(e: sp.Basic) -> bool:
    """``e`` is a rational function of its symbols that cancels to 0."""
    return isinstance(e, sp.Expr) and e.is_rational_function() and is_zero(sp.cancel(sp.together(e)))


_CLOSED = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Piecewise, sp.Max, sp.Min)


_MOMENTS = ("E", "Var", "Cov", "CondE", "Prob")
_CASEWISE = (sp.Max, sp.Min, sp.Abs, sp.Piecewise, sp.Heaviside, sp.sign)


def _unexpanded_moments(e: sp.Basic) -> bool:
    """Whether a moment the domain algebra could not write out is left in
    ``e`` with a case distinction inside (``E[max(0, a_j) a_k]``). Closed
    forms would rewrite ``max`` as a piecewise function and fold it out of
    the expectation, putting a condition on a random variable outside the
    moment, which means nothing; and sympy may spend the whole time limit
    on it (a variance of a sum of such terms up to a symbolic width)."""
    return isinstance(e, sp.Basic) and any(
        type(x).__name__ in _MOMENTS and x.has(*_CASEWISE) for x in e.atoms(sp.Function))


def closed_forms(goal: Goal, state: State) -> Outcome | None:
    """Evaluate sums, products and integrals in closed form, write ``Max``
    and ``Min`` as piecewise functions, then simplify. The goal's own sides
    decide whether to try: an earlier simplification may have evaluated an
    integral without finishing the algebra."""
    if _has_matrices(state.diff) or _unexpanded_moments(state.diff):
        return None
    if not any(isinstance(s, sp.Basic) and s.has(*_CLOSED) for s in (state.diff, goal.lhs, goal.rhs)):
        return None
    facts = goal.context.facts
    e = empty_ranges(state.diff, facts).doit()
    if e.has(sp.Max, sp.Min):
        e = e.rewrite(sp.Piecewise)
    e = facts.refine_piecewise(e)
    if case_in_binder(e) or _through_gamma(e):
        return None
    e = _where_written_defined(facts.refine_piecewise(sp.piecewise_fold(e)), goal)
    for form in (simplified(e), simplified(facts.reparametrize(e))):
        if is_zero(form):
            return _proved("closed forms (sums and integrals evaluated)")
    state.diff = e
    return None


_POINT_CASES = (sp.Piecewise, sp.KroneckerDelta, sp.Heaviside, sp.sign, sp.DiracDelta)


def _where_written_defined(e: sp.Basic, goal: Goal) -> sp.Basic:
    """``e`` without the cases at a single point where a side as written has
    no value: ``\\sum_{t<T} g^t = (1 - g^T)/(1 - g)`` is claimed where both
    sides are defined, so sympy's case ``g = 1`` of the sum is not the
    step's (the right side is 0/0 there)."""
    if any(isinstance(side, sp.Basic) and side.has(*_POINT_CASES) for side in (goal.lhs, goal.rhs)):
        return e  # a case the sides write themselves (x + [x = 1]) is the step's: never dropped

    def undefined_at(cond: sp.Basic) -> bool:
        if not (isinstance(cond, sp.Eq) and isinstance(cond.lhs, sp.Symbol) and cond.rhs.is_number):
            return False
        at = {cond.lhs: cond.rhs}
        return any(isinstance(side, sp.Expr) and side.xreplace(at).has(sp.nan, sp.zoo)
                   for side in (goal.lhs, goal.rhs))

    def drop(pw: sp.Basic) -> sp.Basic:
        keep = [(x, c) for x, c in pw.args if not undefined_at(c)]
        if len(keep) == len(pw.args) or not keep or keep[-1][1] is not sp.true:
            return pw
        return sp.Piecewise(*keep) if len(keep) > 1 else keep[0][0]

    return e.replace(lambda x: isinstance(x, sp.Piecewise), drop) if e.has(sp.Piecewise) else e


# -- order --------------------------------------------------------------------
def _order_sign(goal: Goal, e: sp.Basic, method: str) -> Outcome | None:
    facts = goal.context.facts
    strict = goal.relation in (Relation.LT, Relation.GT)
    if not strict and is_zero(e):
        return _proved(method)
    nonneg, pos = facts.sign(e)
    if (pos if strict else nonneg) is True:
        return _proved(method)
    return None


def order_direct(goal: Goal, state: State) -> Outcome | None:
    out = _order_sign(goal, state.diff, "sign of the difference")
    if out is None and not isinstance(state.diff, sp.MatrixExpr):
        out = _order_sign(goal, sp.factor(state.diff), "sign of the factored difference")
    return out


def order_normal(goal: Goal, state: State) -> Outcome | None:
    e = _reduce(goal, state.diff)
    if goal.context.givens:
        e = rewrite_with_givens(e, goal.context.givens, goal.context.facts)
    e = _reduce(goal, e)
    for form, name in ((e, "sign after rewriting"), (_expand(e), "sign of the normal form")):
        out = _order_sign(goal, form, name)
        if out is not None:
            return out
    if has_sum(e):
        e = normalize_sums(_expand(e), goal.context.facts)
        out = _order_sign(goal, e, "sign after sum normal form")
        if out is not None:
            return out
    state.diff = e
    return None


def order_polynomial(goal: Goal, state: State) -> Outcome | None:
    """A difference that is a polynomial in one real variable: its sign on
    the variable's interval from the real roots (:mod:`.univariate`)."""
    e = state.diff
    if not isinstance(e, sp.Expr) or _has_matrices(e) or len(e.free_symbols) != 1:
        return None
    (sym,) = e.free_symbols
    domain = domain_of(sym, goal.context.facts) if isinstance(sym, sp.Symbol) else None
    if domain is None:
        return None
    nonneg, pos = polynomial_sign(sp.expand(e), sym, domain)
    strict = goal.relation in (Relation.LT, Relation.GT)
    return _proved("sign of a polynomial in one variable (real roots)") if (pos if strict else nonneg) else None


def order_simplify(goal: Goal, state: State) -> Outcome | None:
    if _has_matrices(state.diff):
        return None
    e = goal.context.facts.refine_piecewise(empty_ranges(state.diff, goal.context.facts))
    if case_in_binder(e) or _through_gamma(e):
        return None
    e = simplified(e)
    out = _order_sign(goal, e, "sign after simplification")
    if out is None:
        out = _order_sign(goal, sp.factor(e), "sign after simplification")
    state.diff = e
    return out


# -- logical ------------------------------------------------------------------
EQUALITY: Sequence[tuple[str, Strategy]] = (
    ("structural identity", structural),
    ("lemma instance", lemma_instance),
    ("given hypothesis", given_hypothesis),
    ("derivatives and entries", derivatives),
    ("integrals", integrals),
    ("polynomial normal form", polynomial),
    ("powers of one base combined", powers),
    ("rational normal form", rational),
    ("exponential normal form", exponentials),
    ("spectral norm through the largest eigenvalue", spectral_norms),
    ("domain algebra", algebra_reduce),
    ("domain algebra in an index case", index_cases),
    ("rewriting with givens", givens),
    ("equations among the assumptions", fact_equations),
    ("sum normal form", sums),
    ("recurrence in closed form", recurrences),
    ("cases of max, min and absolute values", kink_cases),
    ("assumption-aware simplification", simplification),
    ("closed forms", closed_forms),
    ("exact values", closed_values),
)

ORDER: Sequence[tuple[str, Strategy]] = (
    ("structural identity", structural),
    ("lemma instance", lemma_instance),
    ("bounds from lemmas", lemma_bounds),
    ("given hypothesis", given_hypothesis),
    ("sign of the difference", order_direct),
    ("sign of the normal form", order_normal),
    ("sign of a polynomial in one variable", order_polynomial),
    ("sign after simplification", order_simplify),
    ("exact values", closed_values),
)

LOGICAL: Sequence[tuple[str, Strategy]] = (
    ("structural identity", structural),
    ("equals put for equals", equals_for_equals),
    ("positive multiple", positive_multiple),
    ("ideal membership", ideal),
    ("solution sets", solution_sets),
)


def failure_note(name: str, exc: Exception) -> str:
    """A strategy that failed on a step, for the TA: its name and what stopped it, in one short line
    (never a bare exception class name)."""
    reason = readable(exc)
    if not reason:
        return f"{name} (it failed on this step)"
    return f"{name} (failed: {reason if len(reason) <= 100 else reason[:97] + '...'})"
