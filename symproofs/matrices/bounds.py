"""Inequalities, limits, cited lemmas and logical steps about matrices.

* **Cited lemmas** whose variables are matrices (``||AB|| <= ||A|| ||B||``)
  are matched by :func:`unify`, which lets a matrix variable stand for a
  sub-product; an equational lemma rewrites a side, an inequality is used
  directly or as a bound. A cited lemma without ``proved_by`` is trusted
  as given.
* **Bounds from hypotheses**: ``f(a_1, ..., a_k) <= f(b_1, ..., b_k)`` when
  ``a_i <= b_i`` are hypotheses (givens or lemma instances) and ``f`` is
  nondecreasing in each ``a_i`` on the whole domain (its partial
  derivatives are nonnegative for every admissible value).
* **Nonnegative combinations**: a side that expands into nonnegative
  coefficients times squared norms (or Gram forms ``v^T A^T A v``).
* **Products of bounds**: ``prod a_k <= prod b_k`` from ``0 <= a_k <= b_k``.
* **Limits**: ``c q^T -> 0`` as the integer ``T`` grows, for ``|q| < 1``.
* **Logical steps** between matrix equations ``D_1 = 0`` and ``D_2 = 0``:
  ``D_2 = K D_1`` with ``K`` a nonzero scalar or the inverse of a
  positive-definite matrix.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy as sp

from symproofs.core.facts import Facts, bounds_of
from symproofs.core.goals import Goal, Outcome
from symproofs.core.hypotheses import holds, pattern_symbols, shares
from symproofs.core.model import Lemma, Relation, flatten_side
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.matrices.forms import _scalar_zero
from symproofs.matrices.linalg import is_matrix
from symproofs.matrices.setting import MatrixSetting

__all__ = ["lemma_rewriting", "limit", "logical_strategies", "nonnegative", "order_strategies", "unify"]

Binding = dict[sp.Basic, sp.Basic]


# -- matching ------------------------------------------------------------------
def unify(pattern: sp.Basic, target: sp.Basic, variables: frozenset[sp.Basic], binding: Binding
          ) -> Iterator[Binding]:
    """Every extension of ``binding`` that makes ``pattern`` equal to
    ``target``; a matrix variable may stand for a sub-product of its own
    shape: the dimension symbols of the lemma's matrix variables are among
    ``variables`` (:func:`~symproofs.core.hypotheses.pattern_symbols`), each bound once, and a numeric
    dimension matches only itself (a lemma for a square ``A`` says nothing
    about an ``n x d`` matrix)."""
    if pattern in variables:
        if pattern in binding:
            if binding[pattern] == target:
                yield binding
            return
        if is_matrix(pattern) != is_matrix(target):
            return
        if not is_matrix(pattern):
            yield {**binding, pattern: target}
            return
        shape = getattr(target, "shape", None)
        if not isinstance(shape, tuple) or len(shape) != len(pattern.shape):
            return
        yield from _unify_args(list(pattern.shape), [sp.sympify(x, strict=True) for x in shape], variables,
                               {**binding, pattern: target})
        return
    if not (pattern.free_symbols & variables) and not any(v in variables for v in sp.preorder_traversal(pattern)):
        if pattern == target:
            yield binding
        return
    if isinstance(pattern, sp.MatMul) and isinstance(target, sp.MatMul):
        yield from _unify_chain(list(pattern.args), list(target.args), variables, binding)
        return
    if type(pattern) is not type(target) or len(pattern.args) != len(target.args):
        return
    if isinstance(pattern, (sp.Add, sp.Mul)) and len(pattern.args) <= 4:
        orders: Iterator[tuple[sp.Basic, ...]] = itertools.permutations(target.args)
    else:
        orders = iter([target.args])
    for order in orders:
        yield from _unify_args(list(pattern.args), list(order), variables, binding)


def _unify_args(ps: list[sp.Basic], ts: list[sp.Basic], variables: frozenset[sp.Basic], binding: Binding
                ) -> Iterator[Binding]:
    if not ps:
        yield binding
        return
    for b in unify(ps[0], ts[0], variables, binding):
        yield from _unify_args(ps[1:], ts[1:], variables, b)


def _unify_chain(ps: list[sp.Basic], ts: list[sp.Basic], variables: frozenset[sp.Basic], binding: Binding
                 ) -> Iterator[Binding]:
    if not ps:
        if not ts:
            yield binding
        return
    head = ps[0]
    if head in variables and is_matrix(head):
        for k in range(1, len(ts) - len(ps) + 2):
            part = ts[0] if k == 1 else sp.MatMul(*ts[:k])
            for b in unify(head, part, variables, binding):
                yield from _unify_chain(ps[1:], ts[k:], variables, b)
        return
    if ts:
        for b in unify(head, ts[0], variables, binding):
            yield from _unify_chain(ps[1:], ts[1:], variables, b)


def _assumptions_hold(sub: Binding, facts: Facts) -> bool:
    """Each scalar variable's value has every assumption of the variable
    (:func:`~symproofs.core.hypotheses.shares`, the scalar matcher's test):
    a lemma about a positive integer ``t`` applies only to such values, one
    about an odd ``k`` not to every integer."""
    return all(shares(var, val, facts) for var, val in sub.items()
               if isinstance(var, sp.Symbol) and not is_matrix(var))


def _hypotheses_hold(goal: Goal, lemma: Lemma, sub: Binding, facts: Facts | None = None) -> bool:
    facts = facts or goal.context.facts
    if not _assumptions_hold(sub, facts):
        return False
    ctx = goal.context
    return all(holds(hyp.xreplace(sub), ctx.givens, facts, ctx.algebras) for hyp in lemma.hypotheses)


def _trust(lemmas: Sequence[Lemma]) -> Trust:
    return Trust.GIVEN if any(lem.proved_by is None for lem in lemmas) else Trust.SYMBOLIC


def _proved(method: str, trust: Trust = Trust.SYMBOLIC) -> Outcome:
    return Outcome(verdict=Verdict.PROVED, method=method, trust=trust)


def _same(alg: MatrixSetting, a: sp.Basic, b: sp.Basic) -> bool:
    if is_matrix(a) != is_matrix(b):
        return False
    try:
        return a == b or alg.forms.is_zero(a - b)
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return False


def lemma_rewriting(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """An equality step that rewrites one side with a cited equational lemma."""
    lemmas = [lem for lem in goal.context.cited_lemmas() if isinstance(lem.statement, sp.Eq)]
    for lem in lemmas:
        variables = pattern_symbols(lem)
        st = lem.statement
        for a, b in ((st.lhs, st.rhs), (st.rhs, st.lhs)):
            repl: dict[sp.Basic, sp.Basic] = {}
            for sub in set(sp.preorder_traversal(goal.lhs)) | set(sp.preorder_traversal(goal.rhs)):
                for binding in unify(a, sub, variables, {}):
                    if _hypotheses_hold(goal, lem, binding) and _same(alg, a.xreplace(binding), sub):
                        repl[sub] = b.xreplace(binding)
                        break
            lhs, rhs = goal.lhs, goal.rhs
            if repl and isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic) and \
                    _same(alg, lhs.xreplace(repl), rhs.xreplace(repl)):
                return _proved(f"instance of lemma '{lem.name}' (rewriting)", _trust([lem]))
    return None


# -- inequalities ---------------------------------------------------------------
def _oriented(goal: Goal) -> tuple[sp.Basic, sp.Basic, bool] | None:
    """The goal as ``small <= big`` (or ``<``), with strictness."""
    if isinstance(goal.lhs, tuple) or isinstance(goal.rhs, tuple):
        return None
    if goal.relation in (Relation.LE, Relation.LT):
        return goal.lhs, goal.rhs, goal.relation is Relation.LT
    if goal.relation in (Relation.GE, Relation.GT):
        return goal.rhs, goal.lhs, goal.relation is Relation.GT
    return None


def _as_le(st: sp.Basic) -> tuple[sp.Basic, sp.Basic] | None:
    if isinstance(st, (sp.LessThan, sp.StrictLessThan)):
        return st.lhs, st.rhs
    if isinstance(st, (sp.GreaterThan, sp.StrictGreaterThan)):
        return st.rhs, st.lhs
    return None


def order_lemma(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """The step is an instance of a cited inequality lemma."""
    oriented = _oriented(goal)
    if oriented is None:
        return None
    small, big, strict = oriented
    for lem in goal.context.cited_lemmas():
        pair = _as_le(lem.statement)
        if pair is None or (strict and not isinstance(lem.statement, (sp.StrictLessThan, sp.StrictGreaterThan))):
            continue
        variables = pattern_symbols(lem)
        for binding in unify(pair[0], small, variables, {}):
            if _same(alg, pair[1].xreplace(binding), big) and _hypotheses_hold(goal, lem, binding):
                return _proved(f"instance of lemma '{lem.name}'", _trust([lem]))
    return None


def _hypothesis_bounds(goal: Goal, small: sp.Basic) -> list[tuple[sp.Basic, sp.Basic, Lemma | None]]:
    """``(a, b, lemma)`` with ``a <= b`` a hypothesis and ``a`` inside ``small``."""
    out: list[tuple[sp.Basic, sp.Basic, Lemma | None]] = []
    bound = {lim[0] for x in sp.preorder_traversal(small) if isinstance(x, (sp.Sum, sp.Product, sp.Integral))
             for lim in x.limits}
    subs = {x for x in sp.preorder_traversal(small) if not (x.free_symbols & bound)}
    for g in goal.context.givens:
        pair = _as_le(g.statement) if g.index is None else None
        if pair is not None and pair[0] in subs:
            out.append((pair[0], pair[1], None))
    for lem in goal.context.cited_lemmas():
        pair = _as_le(lem.statement)
        if pair is None:
            continue
        for sub in subs:
            for binding in unify(pair[0], sub, pattern_symbols(lem), {}):
                if _hypotheses_hold(goal, lem, binding):
                    out.append((sub, pair[1].xreplace(binding), lem))
                    break
    return out


def order_bounds(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """Replace bounded quantities by their bounds where the expression is
    nondecreasing in them, then compare."""
    oriented = _oriented(goal)
    if oriented is None or is_matrix(oriented[0]):
        return None
    small, big, strict = oriented
    bounds = _hypothesis_bounds(goal, small)
    if not bounds or strict:
        return None
    facts = goal.context.facts
    zs: dict[sp.Basic, sp.Dummy] = {}
    for a, _, _ in bounds:
        nonneg = nonnegative(a, facts) is True
        zs.setdefault(a, sp.Dummy("z", nonnegative=True) if nonneg else sp.Dummy("z", real=True))
    f = small.xreplace(zs)
    if any(a in sp.preorder_traversal(f) for a in zs):  # a bounded quantity survived (nested)
        return None
    inside = {z: sp.Dummy("z", positive=True) for z in zs.values() if z.is_nonnegative}
    for a, b, _ in bounds:
        z = zs[a]
        if z.is_nonnegative and nonnegative(b, facts) is not True:
            return None
        slope = sp.diff(f, z)
        if nonnegative(slope, facts) is True:
            continue
        # Nondecreasing inside the orthant and continuous up to its boundary.
        if not _continuous_at_zero(f, list(inside)) or nonnegative(slope.xreplace(inside), facts) is not True:
            return None
    top = f.xreplace({zs[a]: b for a, b, _ in bounds})
    gap = big - top
    if _scalar_zero(sp.simplify(gap)) or nonnegative(gap, facts) is True:
        used = [lem for _, _, lem in bounds if lem is not None]
        return _proved("monotone in the bounded quantities (hypotheses)", _trust(used) if used else Trust.SYMBOLIC)
    return None


def _continuous_at_zero(f: sp.Basic, zs: list[sp.Basic]) -> bool:
    """Every power of every ``z`` in ``f`` has a positive exponent, and ``f``
    is built from sums, products and such powers only (so ``f`` is
    continuous on the closed orthant)."""
    for x in sp.preorder_traversal(f):
        if isinstance(x, sp.Pow) and x.base.has(*zs) and not (x.exp.is_positive and not x.exp.has(*zs)):
            return False
        if isinstance(x, sp.Function) and x.has(*zs):
            return False
    return True


def order_combination(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """``big - small`` is a nonnegative combination of squares."""
    oriented = _oriented(goal)
    if oriented is None or is_matrix(oriented[0]) or oriented[2]:
        return None
    small, big, _ = oriented
    facts = goal.context.facts
    gap = big - small
    if nonnegative(gap, facts) is True or nonnegative(sp.expand(gap), facts) is True:
        return _proved("nonnegative combination of squared norms")
    normal = alg.forms.scalar(gap)
    if all(nonnegative(t, facts) is True for t in sp.Add.make_args(normal)):
        return _proved("nonnegative combination of Gram forms")
    return None


def order_product(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """``prod_k a_k <= prod_k b_k`` from ``0 <= a_k <= b_k`` for every ``k``."""
    oriented = _oriented(goal)
    if oriented is None or oriented[2]:
        return None
    small, big, _ = oriented
    if not (isinstance(small, sp.Product) and isinstance(big, sp.Product)) or small.limits != big.limits:
        return None
    if len(small.limits) != 1:
        return None
    k, lo, hi = small.limits[0]
    inner = Facts((*goal.context.facts.constraints, sp.Ge(k, lo), sp.Le(k, hi)))
    a, b = small.function, big.function
    if nonnegative(a, inner) is not True:
        return None
    for lem in goal.context.cited_lemmas():
        pair = _as_le(lem.statement)
        if pair is None:
            continue
        for binding in unify(pair[0], a, pattern_symbols(lem), {}):
            if _same(alg, pair[1].xreplace(binding), b) and _hypotheses_hold(goal, lem, binding, inner):
                return _proved(f"product of bounds (lemma '{lem.name}' for every factor)", _trust([lem]))
    return None


def _closed_reparam(facts: Facts) -> dict[sp.Basic, sp.Basic]:
    """Symbols in half-open intervals written with a fresh nonnegative ``u``."""
    out: dict[sp.Basic, sp.Basic] = {}
    for sym, (lo, los, hi, his) in bounds_of(facts.constraints).items():
        if lo is None or hi is None or sym.is_integer or (los and his) or (not los and not his):
            continue
        u = sp.Dummy(f"{sym}_u", nonnegative=True)
        out[sym] = lo + (hi - lo) / (1 + u) if los else hi - (hi - lo) / (1 + u)
    return out


def nonnegative(e: sp.Basic, facts: Facts) -> bool | None:
    """Whether ``e >= 0`` under the facts (``None`` when undecided)."""
    if facts.nonnegative(e) is True:
        return True
    rep = _closed_reparam(facts)
    if rep:
        r = e.xreplace(rep)
        for form in (r, sp.factor_terms(sp.together(r))):
            if form.is_nonnegative is True:
                return True
    return None


def order_strategies(alg: MatrixSetting) -> Sequence[tuple[str, Callable[..., object]]]:
    def wrap(fn: Callable[[MatrixSetting, Goal], Outcome | None]) -> Callable[[Goal, object], Outcome | None]:
        return lambda goal, state: fn(alg, goal)

    return (
        ("matrix lemma instance", wrap(order_lemma)),
        ("bounds from hypotheses", wrap(order_bounds)),
        ("nonnegative combination", wrap(order_combination)),
        ("product of bounds", wrap(order_product)),
    )


# -- limits ------------------------------------------------------------------------
def limit(goal: Goal, state: object) -> Outcome | None:
    """``c q^T -> 0`` as the positive integer ``T`` grows, when ``|q| < 1``."""
    lhs, rhs = goal.lhs, goal.rhs
    if goal.relation is not Relation.TENDS or not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr):
        return None
    ints = [s for s in lhs.free_symbols if isinstance(s, sp.Symbol) and s.is_integer and s.is_nonnegative]
    if len(ints) != 1:
        return None
    if rhs != 0:
        return _refute_geometric(goal, lhs, rhs, ints[0])
    (var,) = ints
    facts = goal.context.facts
    coeff, rest = lhs.as_independent(var, as_Mul=True)
    if isinstance(rest, sp.Pow) and rest.exp == var and not rest.base.has(var):
        q = rest.base
        below = facts.decide(sp.Lt(q, 1))
        above = facts.decide(sp.Gt(q, -1))
        if below is True and above is True and coeff.is_finite is not False:
            return _proved(f"geometric sequence: |{sp.sstr(q)}| < 1, {var} -> oo")
    if lhs.free_symbols == {var}:
        try:
            value = sp.limit(lhs, var, sp.oo)
        except (NotImplementedError, ValueError):
            return None
        if value == 0:
            return _proved(f"limit as {var} -> oo")
    return _refute_geometric(goal, lhs, rhs, var)


_LIMIT_POINTS = [sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(3, 4), sp.Rational(1, 10), sp.Rational(9, 10),
                 sp.S(2), sp.S(3), sp.S.One, sp.S.Zero, sp.Rational(-1, 2), sp.S(-2)]


def _geometric_limit(c: sp.Basic, q: sp.Basic) -> sp.Basic | None:
    """The limit of ``c q^T`` as ``T -> oo`` for rationals ``c``, ``q``
    (``sp.nan`` when there is none)."""
    if not (c.is_Rational and q.is_Rational):
        return None
    if c == 0 or abs(q) < 1:
        return sp.S.Zero
    if q == 1:
        return c
    return sp.nan


def _refute_geometric(goal: Goal, lhs: sp.Expr, rhs: sp.Expr, var: sp.Symbol) -> Outcome | None:
    """``c q^T -> r`` is false at an admissible point where ``c q^T``
    has another limit, or none (the sides are exact rationals)."""
    coeff, rest = lhs.as_independent(var, as_Mul=True)
    if not (isinstance(rest, sp.Pow) and rest.exp == var and not rest.base.has(var)) or rhs.has(var):
        return None
    others = sorted((lhs.free_symbols | rhs.free_symbols) - {var}, key=sp.default_sort_key)
    if any(g.statement.free_symbols & set(others) for g in goal.context.givens):
        return None  # a hypothesis about the parameters: not sampled here
    from symproofs.verifier.points import settled  # (the verifier's, imported where used: no cycle)

    constraints = goal.context.facts.constraints
    for values in itertools.product(_LIMIT_POINTS, repeat=len(others)):
        point = dict(zip(others, values))
        if not all(_admissible_value(s, v) for s, v in point.items()):
            continue
        if not all(c.xreplace(point) is sp.true for c in constraints if not c.free_symbols & {var}):
            continue
        if any(c.free_symbols & {var} for c in constraints):
            return None
        c, q = coeff.xreplace(point), rest.base.xreplace(point)
        value = _geometric_limit(c, q)
        target = rhs.xreplace(point)
        if value is None or not target.is_Rational or value == target:
            continue
        # the re-check, from the step at the point, inside out: exactly c q^T and the target
        if settled(rhs, point) != target or sp.expand(settled(lhs, point) - c * q**var) != 0:
            continue
        what = "no limit" if value is sp.nan else f"the limit is {value}"
        cx = Counterexample(assignment=tuple(point.items()), lhs=value, rhs=target,
                            model=f"{sp.sstr(lhs)} as {var} -> oo: {what}")
        return Outcome(verdict=Verdict.REFUTED, method="geometric sequence", trust=Trust.NONE, counterexample=cx)
    return None


def _admissible_value(s: sp.Basic, v: sp.Basic) -> bool:
    """Whether ``v`` has every property the symbol ``s`` is declared with."""
    return all(getattr(v, f"is_{name}", None) is declared
               for name, declared in s.assumptions0.items() if declared is not None)


# -- logical steps between matrix equations -------------------------------------------
def _equation(side: Any) -> sp.Basic | None:
    parts = flatten_side(side)
    if len(parts) != 1 or not isinstance(parts[0], sp.Eq):
        return None
    eq = parts[0]
    if not (is_matrix(eq.lhs) and is_matrix(eq.rhs)) or eq.lhs.shape != eq.rhs.shape:
        return None
    return eq.lhs - eq.rhs


def _positive_definite(alg: MatrixSetting, m: sp.Basic, facts: Facts) -> bool:
    """A sum of Gram matrices with nonnegative weights and a positive
    multiple of the identity."""
    terms = alg.forms.terms(m)
    identity = False
    for fs, c in terms.items():
        if not fs:
            if facts.positive(c) is not True:
                return False
            identity = True
            continue
        if nonnegative(c, facts) is not True:
            return False
        if len(fs) % 2 or tuple(fs) != alg.forms.transpose_factors(tuple(fs)):
            if not (len(fs) == 1 and isinstance(fs[0], sp.DiagonalMatrix) and _gram(alg, fs[0].args[0])):
                return False
    return identity


def _gram(alg: MatrixSetting, m: sp.Basic) -> bool:
    terms = alg.forms.terms(m)
    return len(terms) == 1 and all(
        len(fs) % 2 == 0 and tuple(fs) == alg.forms.transpose_factors(tuple(fs)) for fs in terms
    ) and all(c.is_nonnegative for c in terms.values())


def _ratio(alg: MatrixSetting, d1: sp.Basic, d2: sp.Basic, facts: Facts) -> sp.Expr | None:
    """A scalar ``c``, defined and nonzero, with ``d2 = c d1``."""
    t1, t2 = alg.forms.terms(d1), alg.forms.terms(d2)
    if not t1 or set(t1) != set(t2):
        return None
    key = next(iter(t1))
    if facts.nonzero(t1[key]) is not True:
        return None
    c = sp.cancel(t2[key] / t1[key])
    if facts.nonzero(sp.numer(sp.together(c))) is not True:
        return None
    if all(_scalar_zero(sp.together(t2[k] - c * t1[k])) for k in t1):
        return c
    return None


def _inverse_factor(alg: MatrixSetting, d1: sp.Basic, d2: sp.Basic, facts: Facts) -> bool:
    """``d2 = M^{-1} d1`` for a positive-definite ``M`` written in ``d2``."""
    for inv in {x for x in sp.preorder_traversal(d2) if isinstance(x, sp.Inverse)}:
        if not _positive_definite(alg, inv.arg, facts):
            continue
        parts = d1.args if isinstance(d1, sp.MatAdd) else (d1,)
        product = sp.MatAdd(*[sp.MatMul(inv, p).doit() for p in parts])
        if alg.forms.is_zero(d2 - product):
            return True
    return False


def matrix_equations(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    d1, d2 = _equation(goal.lhs), _equation(goal.rhs)
    if d1 is None or d2 is None or d1.shape != d2.shape:
        return None
    facts = goal.context.facts
    forms1 = [f for _, f in alg.symbolic_forms(goal, d1)]
    forms2 = [f for _, f in alg.symbolic_forms(goal, d2)]
    for a in forms1[-2:]:
        for b in forms2[-2:]:
            if _ratio(alg, a, b, facts) is not None:
                return _proved("the equations differ by a nonzero factor")
            forward = _inverse_factor(alg, a, b, facts)
            backward = _inverse_factor(alg, b, a, facts)
            if goal.relation is Relation.IMPLIES and forward:
                return _proved("multiply by the inverse of a positive-definite matrix")
            if forward or backward:
                return _proved("multiply by a positive-definite matrix or its inverse")
    return None


def logical_strategies(alg: MatrixSetting) -> Sequence[tuple[str, Callable[..., object]]]:
    return (("equivalent matrix equations", lambda goal, state: matrix_equations(alg, goal)),)
