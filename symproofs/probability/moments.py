"""The rewrite engine of the expectation algebra: linearity, sums with
symbolic bounds, independence, and the rules for one group of dependent
factors.

The rules, in order: ``Var`` and ``Cov`` by their definitions; linearity
(constants out, over ``+`` and over ``Sum`` with symbolic bounds);
polynomials in random variables expanded; products of sums split into the
cases where indices coincide or differ (:func:`_set_partitions`); ``E`` of a
product split into groups that a declaration makes independent; then, per
group, the table :data:`GROUP_RULES` (a moment of one variable, a finite
law, the normal moment generating function, the symmetric positive part, an
uncorrelated pair); what is left stays as a canonical unevaluated
``E(...)``, with a single member of a family written as the family's
generic member (a member of a process keeps its index).

What is not declared in the space is a constant: ``E[c X] = c E[X]`` for a
parameter ``c`` or an undeclared function value ``x(j)``. An ``E`` around
matrices or another algebra's constructs is left alone.

:class:`Engine` walks expressions and leaves the value of one group of
factors to :meth:`Engine.leaf`: :class:`Symbolic` applies the exact rules
(used to prove); the concrete engine of :mod:`symproofs.probability.models` evaluates
in one model (used to refute).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.probability.conditioning import split_cells
from symproofs.probability.declarations import MAX_MEMO, NO_CTX, Ctx, Declarations
from symproofs.probability.events import _no_atoms, probability
from symproofs.probability.laws import Normal
from symproofs.probability.variables import OPERATORS, Cov, E, Var, definitions, foreign

__all__ = ["GROUP_RULES", "Engine", "Symbolic", "positive_part"]

#: Cases enumerated for one product of sums (Bell(5) = 52).
_MAX_CASES = 52
#: Nested splits of one expectation over sign cells (a split is a fixed point: one suffices).
_MAX_SPLITS = 2


def _set_partitions(items: Sequence[Any]) -> Iterator[list[list[Any]]]:
    """Every partition of ``items`` into blocks, each block in input order.

    >>> sorted(len(p) for p in _set_partitions("abc"))
    [1, 2, 2, 2, 3]
    """
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _set_partitions(rest):
        yield [[first], *part]
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1:]]


def _falling(n: sp.Expr, b: int) -> sp.Expr:
    return sp.Mul(*[n - t for t in range(b)])


def _make_sum(value: sp.Expr, limits: Sequence[tuple[sp.Basic, sp.Expr, sp.Expr]]) -> sp.Expr:
    """``Sum(value, *limits)`` tidied: one sum per term, limits the term does
    not use counted, factors free of the indices pulled out."""
    if not limits:
        return value
    out: list[sp.Expr] = []
    for term in sp.Add.make_args(value):
        lims = list(limits)
        changed = True
        while changed:
            changed = False
            for n, (v, lo, hi) in enumerate(lims):
                others = [x for m, x in enumerate(lims) if m != n]
                if not term.has(v) and not any(lo2.has(v) or hi2.has(v) for _, lo2, hi2 in others):
                    term = term * (hi - lo + 1)
                    del lims[n]
                    changed = True
                    break
        if not lims:
            out.append(term)
            continue
        indep, dep = term.as_independent(*[v for v, _, _ in lims], as_Add=False)
        out.append(indep * sp.Sum(dep, *lims))
    return sp.Add(*out)


# -- the expectation engine ------------------------------------------------------
class Engine:
    """Linearity, sums and independence; what one group of dependent factors
    is worth is the subclass's :meth:`leaf`."""

    def __init__(self, space: Declarations) -> None:
        self.space = space
        self._memo: dict[tuple[sp.Basic, Ctx], sp.Expr] = {}
        self._origin: dict[sp.Basic, sp.Symbol] = {}

    # walking an expression ------------------------------------------------
    def walk(self, e: sp.Basic) -> sp.Basic:
        if not e.args:
            return e
        if not e.has(*OPERATORS):  # never collapsed where it may be 0/0 (see Declarations.pole)
            return e if self.space.pole(e) is not None else self.space._collapse(e)
        if isinstance(e, OPERATORS) and foreign(e):  # another algebra's expectation
            return e
        if isinstance(e, E):
            return self._restore(self.expect(self.walk(e.args[0])))
        if isinstance(e, Var):
            x = self.walk(e.args[0])
            return self._restore(sp.expand(self.expect(x**2) - self.expect(x) ** 2))
        if isinstance(e, Cov):
            x, y = (self.walk(a) for a in e.args)
            return self._restore(sp.expand(self.expect(x * y) - self.expect(x) * self.expect(y)))
        if isinstance(e, sp.Sum) and all(len(lim) == 3 for lim in e.limits):
            return self._walk_sum(e)
        args = [self.walk(a) for a in e.args]
        if all(a is b for a, b in zip(args, e.args, strict=True)):
            return e
        return e.func(*args)

    def _walk_sum(self, s: sp.Sum) -> sp.Expr:
        """A sum of expectations: terms linear in one ``E`` become ``E`` of a
        sum, so that coinciding and distinct indices are told apart."""
        body = sp.expand(definitions(s.function))
        lift: list[sp.Expr] = []
        rest: list[sp.Expr] = []
        for term in sp.Add.make_args(body):
            factors = sp.Mul.make_args(term)
            ops = [f for f in factors if isinstance(f, E)]
            others = [f for f in factors if not isinstance(f, E)]
            if len(ops) == 1 and not any(o.has(*OPERATORS) or self.space._atoms(o) for o in others):
                lift.append(sp.Mul(*others) * ops[0].args[0])
            else:
                rest.append(term)
        limits = [tuple(lim) for lim in s.limits]
        out = sp.S.Zero
        if lift:
            inner = self.walk(sp.Sum(sp.Add(*lift), *limits))
            out += self._restore(self.expect(inner))
        if rest:
            out += _make_sum(self.walk(sp.Add(*rest)), limits)
        return out

    def _restore(self, e: sp.Expr) -> sp.Expr:
        """Fresh summation indices renamed after the indices they replaced
        (``j``, then ``j2``, ...), so that equal sums are equal structurally."""
        if not e.has(sp.Sum):
            return e

        def rename(s: sp.Sum) -> sp.Sum:
            used = set(s.free_symbols) | {v for v, *_ in s.limits if v not in self._origin}
            used |= {lim[0] for inner in s.function.atoms(sp.Sum) for lim in inner.limits}
            mapping: dict[sp.Basic, sp.Basic] = {}
            for v, *_ in s.limits:
                base = self._origin.get(v)
                if base is None:
                    continue
                name, n = base, 1
                while name in used:
                    n += 1
                    name = sp.Symbol(f"{base.name}{n}", **base.assumptions0)
                mapping[v] = name
                used.add(name)
            return s.xreplace(mapping) if mapping else s

        return e.replace(lambda z: isinstance(z, sp.Sum), rename)

    # expectations ------------------------------------------------------------
    def expect(self, arg: sp.Basic, ctx: Ctx = NO_CTX) -> sp.Expr:
        key = (arg, ctx)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        why = self.space.pole(arg)
        if why is not None:  # checked before the powers collapse: X^2 = 1 would turn 0/0 into 0
            return self.undefined(arg, why)
        expanded = self.space._collapse(sp.expand(arg))
        total: list[sp.Expr] = []
        for limits, body in self._flatten(expanded):
            if limits:
                total.append(self._expect_sum(limits, body, ctx))
            else:
                total.append(self._expect_product(body, ctx))
        out = sp.Add(*total)
        if len(self._memo) > MAX_MEMO:
            self._memo.clear()
        self._memo[key] = out
        return out

    def _expect_product(self, body: sp.Expr, ctx: Ctx) -> sp.Expr:
        body = self.space._collapse(body)
        coeff: list[sp.Expr] = []
        factors: list[sp.Expr] = []
        for f in sp.Mul.make_args(body):
            (factors if self.space._atoms(f) else coeff).append(f)
        if not factors:
            return body
        names = set().union(*(f.free_symbols for f in factors))
        local = frozenset(p for p in ctx if p <= names)
        return sp.Mul(*coeff) * self.leaf(tuple(factors), local)

    def _flatten(self, expr: sp.Expr) -> list[tuple[tuple[tuple[sp.Basic, sp.Expr, sp.Expr], ...], sp.Expr]]:
        """``expr`` as a list of (limits, product): products of random sums
        merged into one multiple sum with fresh indices."""
        out: list[tuple[tuple[tuple[sp.Basic, sp.Expr, sp.Expr], ...], sp.Expr]] = []
        for term in sp.Add.make_args(expr):
            acc: list[tuple[tuple[tuple[sp.Basic, sp.Expr, sp.Expr], ...], sp.Expr]] = [((), sp.S.One)]
            for f in sp.Mul.make_args(term):
                if isinstance(f, sp.Sum) and self._random_sum(f):
                    parts = self._flatten_sum(f)
                elif (isinstance(f, sp.Pow) and isinstance(f.base, sp.Sum) and f.exp.is_Integer
                      and f.exp > 0 and self._random_sum(f.base)):
                    parts = [((), sp.S.One)]
                    for _ in range(int(f.exp)):
                        copy = self._flatten_sum(f.base)
                        parts = [(la + lb, ba * bb) for la, ba in parts for lb, bb in copy]
                else:
                    parts = [((), f)]
                acc = [(la + lb, ba * bb) for la, ba in acc for lb, bb in parts]
            out.extend(acc)
        return out

    def _random_sum(self, s: sp.Sum) -> bool:
        if not all(len(lim) == 3 for lim in s.limits):
            return False
        if any(self.space._atoms(lo) or self.space._atoms(hi) for _, lo, hi in s.limits):
            return False
        return bool(self.space._atoms(s.function))

    def _flatten_sum(self, s: sp.Sum) -> list[tuple[tuple[tuple[sp.Basic, sp.Expr, sp.Expr], ...], sp.Expr]]:
        fresh = {v: sp.Dummy(str(v), integer=True) for v, _, _ in s.limits}
        self._origin.update({new: old for old, new in fresh.items()})
        limits = tuple((fresh[v], lo.xreplace(fresh), hi.xreplace(fresh)) for v, lo, hi in s.limits)
        body = self.space._collapse(sp.expand(s.function.xreplace(fresh)))
        return [(inner + limits, b) for inner, b in self._flatten(body)]

    def _expect_sum(self, limits: tuple[tuple[sp.Basic, sp.Expr, sp.Expr], ...], body: sp.Expr,
                    ctx: Ctx) -> sp.Expr:
        """``E[sum over limits of body]``: every way the indices of one range
        can coincide is a case; in a case, distinct indices are known to
        differ (so distinct members of a family are told apart)."""
        bound = {v for v, _, _ in limits}
        used = set().union(*(a.free_symbols for a in self.space._atoms(body))) & bound
        ranges: dict[tuple[sp.Expr, sp.Expr], list[sp.Basic]] = {}
        for v, lo, hi in limits:
            if v in used and not ((lo.free_symbols | hi.free_symbols) & bound):
                ranges.setdefault((lo, hi), []).append(v)
        classes = [(rng, vs) for rng, vs in ranges.items() if len(vs) > 1]
        choices = [list(_set_partitions(vs)) for _, vs in classes]
        if math.prod(len(c) for c in choices) > _MAX_CASES:
            return self.give_up(sp.Sum(body, *limits))
        total: list[sp.Expr] = []
        for combo in itertools.product(*choices):
            mapping: dict[sp.Basic, sp.Basic] = {}
            reps_by_class: list[tuple[tuple[sp.Expr, sp.Expr], list[sp.Basic]]] = []
            for (rng, _), partition in zip(classes, combo, strict=True):
                reps = []
                for block in partition:
                    rep = block[-1]  # the outermost index of the block
                    mapping.update({v: rep for v in block if v != rep})
                    reps.append(rep)
                reps_by_class.append((rng, reps))
            distinct = frozenset(
                frozenset(pair) for _, reps in reps_by_class for pair in itertools.combinations(reps, 2)
            )
            lims = [(v, lo.xreplace(mapping), hi.xreplace(mapping))
                    for v, lo, hi in limits if v not in mapping]
            value = self.expect(body.xreplace(mapping), ctx | distinct)
            total.append(self._distinct_sum(value, lims, reps_by_class))
        return sp.Add(*total)

    @staticmethod
    def _distinct_sum(value: sp.Expr, limits: list[tuple[sp.Basic, sp.Expr, sp.Expr]],
                      classes: list[tuple[tuple[sp.Expr, sp.Expr], list[sp.Basic]]]) -> sp.Expr:
        """Sum ``value`` over ``limits`` with the indices of each class
        pairwise distinct: a falling factorial when the value does not
        depend on them, Moebius inversion over their partitions otherwise."""
        terms = [(sp.S.One, value, limits)]
        for (lo, hi), reps in classes:
            if len(reps) < 2:
                continue
            new: list[tuple[sp.Expr, sp.Expr, list[tuple[sp.Basic, sp.Expr, sp.Expr]]]] = []
            for coeff, val, lims in terms:
                rest = [lim for lim in lims if lim[0] not in reps]
                if not any(val.has(r) or lo2.has(r) or hi2.has(r) for r in reps for _, lo2, hi2 in rest) \
                        and not any(val.has(r) for r in reps):
                    new.append((coeff * _falling(hi - lo + 1, len(reps)), val, rest))
                    continue
                for sigma in _set_partitions(reps):
                    mu = sp.Mul(*[(-1) ** (len(b) - 1) * sp.factorial(len(b) - 1) for b in sigma])
                    merge = {r: b[-1] for b in sigma for r in b if r != b[-1]}
                    merged = [(v, a.xreplace(merge), z.xreplace(merge)) for v, a, z in lims if v not in merge]
                    new.append((coeff * mu, val.xreplace(merge), merged))
            terms = new
        return sp.Add(*[c * _make_sum(v, ls) for c, v, ls in terms])

    # to be provided ----------------------------------------------------------
    def leaf(self, factors: tuple[sp.Expr, ...], ctx: Ctx) -> sp.Expr:
        raise NotImplementedError

    def give_up(self, arg: sp.Expr) -> sp.Expr:
        raise NotImplementedError

    def undefined(self, arg: sp.Basic, why: str) -> sp.Expr:
        """``E[arg]`` when ``arg`` may have no value at some outcome (``why``)."""
        raise NotImplementedError


# -- the symbolic rules for one group of dependent factors ----------------------------
Rule = Callable[["Declarations", sp.Expr, frozenset[sp.Basic], Ctx], "sp.Expr | None"]


def _only(atoms: frozenset[sp.Basic]) -> sp.Basic | None:
    return next(iter(atoms)) if len(atoms) == 1 else None


def _rule_moment(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                 ctx: Ctx) -> sp.Expr | None:
    """``E[X^k]`` is the law's k-th moment."""
    a = _only(atoms)
    base, k = product.as_base_exp()
    if a is None or base != a or not k.is_Integer or k < 0:
        return None
    return space._moment(a, int(k))


def _rule_finite_law(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                     ctx: Ctx) -> sp.Expr | None:
    """``E[f(R)] = sum_v P(R = v) f(v)`` for a two-valued law (Bernoulli,
    Rademacher, two-point), whatever ``f`` is."""
    a = _only(atoms)
    if a is None:
        return None
    dist = space._law(a)[0]
    if dist.kind != "binary":
        return None
    values, probs = dist.values()
    return sp.Add(*[p * product.xreplace({a: v}) for v, p in zip(values, probs, strict=True)])


def _rule_normal_mgf(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                     ctx: Ctx) -> sp.Expr | None:
    """``E[exp(t X)] = exp(t mu + t^2 s2 / 2)`` for a normal ``X``."""
    a = _only(atoms)
    if a is None or not isinstance(product, sp.exp):
        return None
    dist = space._law(a)[0]
    t = sp.expand(product.args[0] / a)
    if not isinstance(dist, Normal) or t.has(a) or space._atoms(t):
        return None
    return sp.exp(t * dist.mu + t**2 * dist.s2 / 2)


def positive_part(space: Declarations, product: sp.Expr,
                   atoms: frozenset[sp.Basic]) -> tuple[sp.Expr, sp.Basic, sp.Expr, int] | None:
    """``(c, X, m, k)`` when ``product`` is ``max(0, c (X - m))^k`` (or
    ``min``) with ``k`` even and the law of ``X`` symmetric about ``m``."""
    a = _only(atoms)
    base, k = product.as_base_exp()
    if a is None or not isinstance(base, (sp.Max, sp.Min)) or len(base.args) != 2:
        return None
    if sp.S.Zero not in base.args or not (k.is_Integer and k > 0 and k % 2 == 0):
        return None
    center = space._law(a)[0].center
    inner = sp.expand(base.args[0] if base.args[1] == 0 else base.args[1])
    c = inner.coeff(a)
    if center is None or c == 0 or c.has(a) or space._atoms(c) or sp.expand(inner - c * (a - center)) != 0:
        return None
    return c, a, center, int(k)


def _rule_positive_part(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                        ctx: Ctx) -> sp.Expr | None:
    """``E[max(0, X - m)^k] = E[(X - m)^k] / 2`` for even ``k`` when the law of
    ``X`` is symmetric about ``m``: ``max(0, Y)^k + max(0, -Y)^k = Y^k`` for
    ``Y = X - m``, and ``max(0, -Y)`` has the law of ``max(0, Y)`` because
    ``-Y`` has the law of ``Y``. So ``E[relu(a)^2] = Var(a)/2`` for a
    symmetric zero-mean ``a``; a law not known to be symmetric is left alone."""
    found = positive_part(space, product, atoms)
    if found is None:
        return None
    c, a, center, k = found
    central = sp.Add(*[sp.binomial(k, n) * space._moment(a, n) * (-center) ** (k - n) for n in range(k + 1)])
    return c**k * central / 2


def _rule_uncorrelated(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                       ctx: Ctx) -> sp.Expr | None:
    """``E[XY] = E[X] E[Y]`` for a declared uncorrelated pair (only the
    product of the two, never ``E[X^2 Y^2]``)."""
    if len(atoms) != 2:
        return None
    a, b = sorted(atoms, key=sp.default_sort_key)
    if product != a * b or not space._uncorrelated_pair(a, b, ctx):
        return None
    return space._moment(a, 1) * space._moment(b, 1)


def _rule_two_members(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                      ctx: Ctx) -> sp.Expr | None:
    """``E[X_a X_b] = mu^2 + delta(a, b) Var(X)`` for two members of one
    independent or uncorrelated family whose indices may or may not coincide
    (``E[R_{ki} R_{kj}] = p^2 + delta_{ij} p (1 - p)``): the Kronecker deltas
    say where the two are one variable."""
    if len(atoms) != 2:
        return None
    a, b = sorted(atoms, key=sp.default_sort_key)
    if product != a * b or not (isinstance(a, AppliedUndef) and isinstance(b, AppliedUndef)):
        return None
    if a.func != b.func or len(a.args) != len(b.args) or space._relation(a, b, ctx) != "unknown":
        return None
    fam = space._family_of(a)
    if fam.members not in ("independent", "uncorrelated") or not fam.identical:
        return None
    if not all(x.is_integer and y.is_integer for x, y in zip(a.args, b.args, strict=True)):
        return None
    same = sp.Mul(*[sp.KroneckerDelta(x, y) for x, y in zip(a.args, b.args, strict=True)])
    mean = space._moment(a, 1)
    return sp.expand(mean**2 + same * (space._moment(a, 2) - mean**2))


def _rule_indicator(space: Declarations, product: sp.Expr, atoms: frozenset[sp.Basic],
                    ctx: Ctx) -> sp.Expr | None:
    """``E[1_A] = P(A)`` for an event ``A`` about one variable, where its law
    decides ``P(A)``."""
    a = _only(atoms)
    if a is None or not isinstance(product, sp.Piecewise) or len(product.args) != 2:
        return None
    (one, event), (zero, rest) = product.args
    if one != 1 or zero != 0 or rest is not sp.true or space._opaque(a):
        return None
    law = space._law(a)[0]
    return probability(event, lambda x: law if x == a else None)


#: The rules for ``E`` of one group of factors that no declaration splits,
#: tried in order; the first that applies decides.
GROUP_RULES: tuple[tuple[str, Rule], ...] = (
    ("moment of one variable", _rule_moment),
    ("probability of an event", _rule_indicator),
    ("finite law", _rule_finite_law),
    ("normal moment generating function", _rule_normal_mgf),
    ("symmetric positive part", _rule_positive_part),
    ("uncorrelated pair", _rule_uncorrelated),
    ("two members of one family", _rule_two_members),
)


class Symbolic(Engine):
    _depth = 0

    def leaf(self, factors: tuple[sp.Expr, ...], ctx: Ctx) -> sp.Expr:
        space = self.space
        same = space.same_members(frozenset().union(*(space._atoms(f) for f in factors)), ctx)
        if same:  # one member written two ways (W(log(4)/log(2)) W(2) is W(2)^2)
            factors = tuple(f.xreplace(same) for f in factors)
        items = [(f, space._atoms(f)) for f in factors]
        out = sp.S.One
        for group in space._independent_groups(items, ctx):
            product = space._collapse(sp.Mul(*[f for f, _ in group]))
            atoms = frozenset().union(*(a for _, a in group))
            out *= self._group(product, atoms, ctx)
        return out

    def _group(self, product: sp.Expr, atoms: frozenset[sp.Basic], ctx: Ctx) -> sp.Expr:
        if any(self.space._opaque(a) for a in atoms):  # a process: nothing but linearity
            return E(product)
        for _, rule in GROUP_RULES:
            value = rule(self.space, product, atoms, ctx)
            if value is not None:
                return value
        if self._depth < _MAX_SPLITS:  # the sign cells of Max, Abs, Piecewise ... (probability/conditioning.py)
            split = split_cells(product, atoms, lambda x: _no_atoms(self.space._law(x)[0]))
            if split is not None:
                self._depth += 1
                try:
                    return self.expect(split, ctx)
                finally:
                    self._depth -= 1
        a = _only(atoms)
        if isinstance(a, AppliedUndef):  # identically distributed: any member will do
            return E(product.xreplace({a: self.space._family_of(a).generic}))
        return E(product)

    def give_up(self, arg: sp.Expr) -> sp.Expr:
        return E(arg)

    def undefined(self, arg: sp.Basic, why: str) -> sp.Expr:
        return E(arg)
