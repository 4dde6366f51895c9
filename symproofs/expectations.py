"""Random variables: the operators E, Var and Cov, and the probability space
that gives them meaning.

Random variables are real sympy symbols (``X``) or applied functions for
indexed families (``W(i, j)``), declared in a :class:`ProbabilitySpace` with
a law (:mod:`symproofs.distributions`). Independence is declared, never
assumed. :meth:`ProbabilitySpace.reduce` rewrites E, Var and Cov into a
normal form (it is used to prove, so every rule is exact);
:meth:`ProbabilitySpace.models` yields concrete models that respect the
declarations (they are used only to refute).

>>> import sympy as sp
>>> mu, s2, a, b = sp.symbols("mu s2 alpha beta", real=True)
>>> space = ProbabilitySpace()
>>> X = space.variable("X", Normal(mu, s2))
>>> Y = space.variable("Y", Uniform(a, b))
>>> space.independent(X, Y)
>>> sp.factor(space.reduce(E(X * Y)))
mu*(alpha + beta)/2
>>> space.reduce(Var(2 * X + 1))
4*s2

The rules of :meth:`~ProbabilitySpace.reduce`, in order: ``Var`` and ``Cov``
by their definitions; linearity (constants out, over ``+`` and over
``Sum`` with symbolic bounds); polynomials in random variables expanded;
products of sums split into the cases where indices coincide or differ
(:func:`_set_partitions`); ``E`` of a product split into groups that a
declaration makes independent; then, per group, the table
:data:`GROUP_RULES` (a moment of one variable, a finite law, the normal
moment generating function, the symmetric positive part, an uncorrelated
pair); what is left stays as a canonical unevaluated ``E(...)``, with a
single member of a family written as the family's generic member.

What is not declared in the space is a constant: ``E[c X] = c E[X]`` for a
parameter ``c`` or an undeclared function value ``x(j)``. An ``E`` around
matrices or another algebra's constructs is left alone.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.algebra import Algebra, Model
from symproofs.distributions import (
    Bernoulli,
    Distribution,
    Flavour,
    Generic,
    Laplace,
    ModelError,
    Normal,
    Rademacher,
    Realization,
    TwoPoint,
    Uniform,
    Unit,
    density,
    moment_integral,
    support,
)
from symproofs.errors import InputError, NotSupportedError

__all__ = [
    "Bernoulli",
    "Cov",
    "Distribution",
    "E",
    "Family",
    "Generic",
    "Independent",
    "Laplace",
    "ModelError",
    "Normal",
    "ProbabilitySpace",
    "Rademacher",
    "TwoPoint",
    "Uncorrelated",
    "Uniform",
    "Var",
    "density",
    "moment_integral",
    "support",
]


class E(sp.Function):  # type: ignore[misc]
    """Expectation ``E[X]`` (unevaluated)."""

    nargs = 1
    is_real = True

    def _latex(self, printer: Any) -> str:
        return r"\mathbb{E}\left[" + str(printer._print(self.args[0])) + r"\right]"


class Var(sp.Function):  # type: ignore[misc]
    """Variance ``Var(X)`` (unevaluated)."""

    nargs = 1
    is_real = True

    def _latex(self, printer: Any) -> str:
        return r"\operatorname{Var}\left(" + str(printer._print(self.args[0])) + r"\right)"


class Cov(sp.Function):  # type: ignore[misc]
    """Covariance ``Cov(X, Y)`` (unevaluated)."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any) -> str:
        x, y = (str(printer._print(a)) for a in self.args)
        return r"\operatorname{Cov}\left(" + x + ", " + y + r"\right)"


class Independent(sp.Function):  # type: ignore[misc]
    """The statement that its arguments are mutually independent (a lemma
    hypothesis, decided by :meth:`ProbabilitySpace.holds`)."""

    def _latex(self, printer: Any) -> str:
        return r" \perp ".join(str(printer._print(a)) for a in self.args)


class Uncorrelated(sp.Function):  # type: ignore[misc]
    """The statement ``Cov(X, Y) = 0`` (a lemma hypothesis)."""

    nargs = 2

    def _latex(self, printer: Any) -> str:
        x, y = (str(printer._print(a)) for a in self.args)
        return r"\operatorname{Cov}\left(" + x + ", " + y + r"\right) = 0"


_OPERATORS = (E, Var, Cov)
_OWN = (E, Var, Cov, Independent, Uncorrelated)
_MEMBERS = {"iid": "independent", "independent": "independent", "uncorrelated": "uncorrelated",
            "dependent": "dependent"}
#: Cases enumerated for one product of sums (Bell(5) = 52).
_MAX_CASES = 52
#: Joint outcomes enumerated by a finite model for one expectation.
_MAX_OUTCOMES = 4096
_MAX_MEMO = 50_000

Ctx = frozenset[frozenset[sp.Basic]]
_NO_CTX: Ctx = frozenset()


@dataclass(frozen=True, eq=False)
class Family:
    """An indexed family of identically distributed random variables.

    Call it to get a member (``W(i, j)``, a sympy applied function);
    ``generic`` is the symbol for a generic member, used in normal forms
    (``E(W**2)``). ``members`` says how distinct members relate:
    ``"independent"`` (i.i.d.), ``"uncorrelated"`` or ``"dependent"``
    (nothing is known). A family that is not ``identical`` is a random
    sequence known only through givens and lemmas (see
    :meth:`ProbabilitySpace.process`).
    """

    name: str
    func: UndefinedFunction
    generic: sp.Symbol
    distribution: Distribution
    members: str
    identical: bool = True

    def __call__(self, *indices: Any) -> sp.Expr:
        return self.func(*indices)

    def _sympy_(self) -> sp.Symbol:
        return self.generic

    # Arithmetic on a family means arithmetic on its generic member: Var(W*h).
    def __mul__(self, other: Any) -> Any:
        return self.generic * other

    def __rmul__(self, other: Any) -> Any:
        return other * self.generic

    def __add__(self, other: Any) -> Any:
        return self.generic + other

    def __radd__(self, other: Any) -> Any:
        return other + self.generic

    def __sub__(self, other: Any) -> Any:
        return self.generic - other

    def __rsub__(self, other: Any) -> Any:
        return other - self.generic

    def __pow__(self, other: Any) -> Any:
        return self.generic**other

    def __neg__(self) -> Any:
        return -self.generic


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


def _classes(n: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of ``range(n)`` under ``linked``."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(n), 2):
        if linked(i, j):
            parent[find(i)] = find(j)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def _overlap_classes(sets: Sequence[set[Any] | frozenset[Any]]) -> list[list[int]]:
    """Classes of indices whose sets are linked by overlaps."""
    return _classes(len(sets), lambda i, j: bool(sets[i] & sets[j]))


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
class _Engine:
    """Linearity, sums and independence; what one group of dependent factors
    is worth is the subclass's :meth:`leaf`."""

    def __init__(self, space: ProbabilitySpace) -> None:
        self.space = space
        self._memo: dict[tuple[sp.Basic, Ctx], sp.Expr] = {}
        self._origin: dict[sp.Basic, sp.Symbol] = {}

    # walking an expression ------------------------------------------------
    def walk(self, e: sp.Basic) -> sp.Basic:
        if not e.args:
            return e
        if not e.has(*_OPERATORS):
            return self.space._collapse(e)
        if isinstance(e, _OPERATORS) and _foreign(e):  # another algebra's expectation
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
        body = sp.expand(_definitions(s.function))
        lift: list[sp.Expr] = []
        rest: list[sp.Expr] = []
        for term in sp.Add.make_args(body):
            factors = sp.Mul.make_args(term)
            ops = [f for f in factors if isinstance(f, E)]
            others = [f for f in factors if not isinstance(f, E)]
            if len(ops) == 1 and not any(o.has(*_OPERATORS) or self.space._atoms(o) for o in others):
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
    def expect(self, arg: sp.Basic, ctx: Ctx = _NO_CTX) -> sp.Expr:
        key = (arg, ctx)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        expanded = self.space._collapse(sp.expand(arg))
        total: list[sp.Expr] = []
        for limits, body in self._flatten(expanded):
            if limits:
                total.append(self._expect_sum(limits, body, ctx))
            else:
                total.append(self._expect_product(body, ctx))
        out = sp.Add(*total)
        if len(self._memo) > _MAX_MEMO:
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


def _foreign(e: sp.Basic) -> bool:
    """Whether ``e`` holds matrices or constructs of another algebra (whose
    ``E`` this algebra must leave alone)."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, MatrixExpr):
            return True
        module = type(node).__module__
        if module is not None and not module.startswith("sympy") and not isinstance(node, _OWN):
            return True
    return False


def _definitions(e: sp.Basic) -> sp.Basic:
    """``Var`` and ``Cov`` replaced by their definitions in terms of ``E``."""
    if not e.has(Var, Cov):
        return e
    return e.replace(
        lambda x: isinstance(x, (Var, Cov)),
        lambda x: E(x.args[0] ** 2) - E(x.args[0]) ** 2 if isinstance(x, Var)
        else E(x.args[0] * x.args[1]) - E(x.args[0]) * E(x.args[1]),
    )


# -- the symbolic rules for one group of dependent factors ----------------------------
Rule = Callable[["ProbabilitySpace", sp.Expr, frozenset[sp.Basic], Ctx], "sp.Expr | None"]


def _only(atoms: frozenset[sp.Basic]) -> sp.Basic | None:
    return next(iter(atoms)) if len(atoms) == 1 else None


def _rule_moment(space: ProbabilitySpace, product: sp.Expr, atoms: frozenset[sp.Basic],
                 ctx: Ctx) -> sp.Expr | None:
    """``E[X^k]`` is the law's k-th moment."""
    a = _only(atoms)
    base, k = product.as_base_exp()
    if a is None or base != a or not k.is_Integer or k < 0:
        return None
    return space._moment(a, int(k))


def _rule_finite_law(space: ProbabilitySpace, product: sp.Expr, atoms: frozenset[sp.Basic],
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


def _rule_normal_mgf(space: ProbabilitySpace, product: sp.Expr, atoms: frozenset[sp.Basic],
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


def _positive_part(space: ProbabilitySpace, product: sp.Expr,
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


def _rule_positive_part(space: ProbabilitySpace, product: sp.Expr, atoms: frozenset[sp.Basic],
                        ctx: Ctx) -> sp.Expr | None:
    """``E[max(0, X - m)^k] = E[(X - m)^k] / 2`` for even ``k`` when the law of
    ``X`` is symmetric about ``m``: ``max(0, Y)^k + max(0, -Y)^k = Y^k`` for
    ``Y = X - m``, and ``max(0, -Y)`` has the law of ``max(0, Y)`` because
    ``-Y`` has the law of ``Y``. So ``E[relu(a)^2] = Var(a)/2`` for a
    symmetric zero-mean ``a``; a law not known to be symmetric is left alone."""
    found = _positive_part(space, product, atoms)
    if found is None:
        return None
    c, a, center, k = found
    central = sp.Add(*[sp.binomial(k, n) * space._moment(a, n) * (-center) ** (k - n) for n in range(k + 1)])
    return c**k * central / 2


def _rule_uncorrelated(space: ProbabilitySpace, product: sp.Expr, atoms: frozenset[sp.Basic],
                       ctx: Ctx) -> sp.Expr | None:
    """``E[XY] = E[X] E[Y]`` for a declared uncorrelated pair (only the
    product of the two, never ``E[X^2 Y^2]``)."""
    if len(atoms) != 2:
        return None
    a, b = sorted(atoms, key=sp.default_sort_key)
    if product != a * b or not space._uncorrelated_pair(a, b, ctx):
        return None
    return space._moment(a, 1) * space._moment(b, 1)


#: The rules for ``E`` of one group of factors that no declaration splits,
#: tried in order; the first that applies decides.
GROUP_RULES: tuple[tuple[str, Rule], ...] = (
    ("moment of one variable", _rule_moment),
    ("finite law", _rule_finite_law),
    ("normal moment generating function", _rule_normal_mgf),
    ("symmetric positive part", _rule_positive_part),
    ("uncorrelated pair", _rule_uncorrelated),
)


class _Symbolic(_Engine):
    def leaf(self, factors: tuple[sp.Expr, ...], ctx: Ctx) -> sp.Expr:
        space = self.space
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
        a = _only(atoms)
        if isinstance(a, AppliedUndef):  # identically distributed: any member will do
            return E(product.xreplace({a: self.space._family_of(a).generic}))
        return E(product)

    def give_up(self, arg: sp.Expr) -> sp.Expr:
        return E(arg)


# -- the probability space --------------------------------------------------------------
Groups = tuple[frozenset[str], ...]


class ProbabilitySpace(Algebra):
    """Declared random variables, families, independence and uncorrelation.

    >>> space = ProbabilitySpace()
    >>> X = space.variable("X", Generic(mean=0, var=1))
    >>> Y = space.variable("Y", Generic(mean=0, var=1))
    >>> space.reduce(Var(X + Y))
    2*E(X*Y) + 2
    >>> space.independent(X, Y)
    >>> space.reduce(Var(X + Y))
    2
    """

    name = "probability"

    def __init__(self) -> None:
        self._variables: dict[sp.Symbol, Distribution] = {}
        self._families: dict[str, Family] = {}
        self._by_func: dict[Any, Family] = {}
        self._by_generic: dict[sp.Symbol, Family] = {}
        self._order: list[str] = []
        self._independent: list[Groups] = []
        self._uncorrelated: list[Groups] = []
        self._reset()

    def _reset(self) -> None:
        self._atom_cache: dict[sp.Basic, frozenset[sp.Basic]] = {}
        self._engine = _Symbolic(self)

    # declarations ----------------------------------------------------------
    def variable(self, name: str, distribution: Distribution) -> sp.Symbol:
        """Declare the random variable ``name`` (a real symbol) with its law."""
        self._check_new(name, distribution)
        sym = sp.Symbol(name, real=True)
        self._variables[sym] = distribution
        self._order.append(name)
        self._reset()
        return sym

    def family(self, name: str, distribution: Distribution, *, members: str = "dependent") -> Family:
        """Declare an indexed family ``name(i, ...)`` of identically
        distributed variables; ``members`` is ``"iid"`` (or
        ``"independent"``), ``"uncorrelated"`` or ``"dependent"``."""
        self._check_new(name, distribution)
        if members not in _MEMBERS:
            raise InputError(f"family {name!r}: members={members!r} is not one of {sorted(_MEMBERS)}")
        fam = Family(name=name, func=sp.Function(name, real=True), generic=sp.Symbol(name, real=True),
                     distribution=distribution, members=_MEMBERS[members])
        self._families[name] = fam
        self._by_func[fam.func] = fam
        self._by_generic[fam.generic] = fam
        self._order.append(name)
        self._reset()
        return fam

    def process(self, name: str) -> Family:
        """Declare ``name(t)`` a random sequence with no declared law (the
        state ``v(t)`` of an optimizer, a function of other variables):
        never a constant, its members not identically distributed. ``E`` is
        linear in it and keeps ``E(v(t))``, ``E(v(t)**2)``, ... as they are;
        what is known about it comes from givens and lemmas.

        >>> space = ProbabilitySpace()
        >>> v = space.process("v")
        >>> t = sp.Symbol("t", integer=True)
        >>> space.reduce(E(2 * v(t) + 1) - E(v(t - 1)))
        2*E(v(t)) - E(v(t - 1)) + 1
        """
        self._check_new(name, Generic())
        fam = Family(name=name, func=sp.Function(name, real=True), generic=sp.Symbol(name, real=True),
                     distribution=Generic(), members="dependent", identical=False)
        self._families[name] = fam
        self._by_func[fam.func] = fam
        self._by_generic[fam.generic] = fam
        self._order.append(name)
        self._reset()
        return fam

    def independent(self, *groups: Any) -> None:
        """Declare the groups mutually independent; a group is a variable, a
        family (all its members) or a tuple of them."""
        self._independent.append(self._groups(groups, "independent"))
        self._reset()

    def uncorrelated(self, *groups: Any) -> None:
        """Declare every variable of one group uncorrelated with every
        variable of another (``E[XY] = E[X]E[Y]``, nothing more)."""
        self._uncorrelated.append(self._groups(groups, "uncorrelated"))
        self._reset()

    def _check_new(self, name: str, distribution: Distribution) -> None:
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"a random variable needs a name, not {name!r}")
        if name in self._order:
            raise InputError(f"{name!r} is already declared in this probability space")
        if not isinstance(distribution, Distribution):
            raise InputError(f"{name!r}: the law must be a Distribution (Normal, Generic, ...), "
                             f"not {distribution!r}")

    def _groups(self, groups: Sequence[Any], what: str) -> Groups:
        out = tuple(frozenset(self._unit_names(g)) for g in groups)
        if len(out) < 2:
            raise InputError(f"{what}(...) needs at least two variables or groups")
        seen: set[str] = set()
        for g in out:
            if seen & g:
                raise InputError(f"{what}(...): {sorted(seen & g)[0]!r} appears in two groups")
            seen |= g
        return out

    def _unit_names(self, item: Any) -> set[str]:
        if isinstance(item, (list, tuple, set, frozenset)):
            return set().union(*(self._unit_names(i) for i in item)) if item else set()
        if isinstance(item, Family) and self._families.get(item.name) is item:
            return {item.name}
        unit = self._unit(item) if isinstance(item, sp.Basic) else None
        if unit is not None:
            return {unit}
        if item in self._by_func:
            return {self._by_func[item].name}
        raise InputError(f"{item!r} is not a random variable of this space; declare it with "
                         "space.variable(...) or space.family(...) first")

    @property
    def families(self) -> dict[str, Family]:
        """The declared families, by name."""
        return dict(self._families)

    # what is random ------------------------------------------------------------
    def _unit(self, atom: sp.Basic) -> str | None:
        if isinstance(atom, sp.Symbol):
            if atom in self._variables:
                return str(atom.name)
            fam = self._by_generic.get(atom)
            return fam.name if fam is not None else None
        if isinstance(atom, AppliedUndef):
            fam = self._by_func.get(atom.func)
            return fam.name if fam is not None else None
        return None

    def _opaque(self, atom: sp.Basic) -> bool:
        """Whether ``atom`` is a member of a process (no law to use)."""
        fam = self._families.get(self._unit(atom) or "")
        return fam is not None and not fam.identical

    def _family_of(self, atom: sp.Basic) -> Family:
        if isinstance(atom, AppliedUndef):
            return self._by_func[atom.func]
        return self._by_generic[atom]

    def _law(self, atom: sp.Basic) -> tuple[Distribution, sp.Symbol]:
        """The law of a random atom and the symbol naming its unknown moments."""
        if isinstance(atom, sp.Symbol) and atom in self._variables:
            return self._variables[atom], atom
        fam = self._family_of(atom)
        return fam.distribution, fam.generic

    def _moment(self, atom: sp.Basic, k: int) -> sp.Expr:
        dist, canon = self._law(atom)
        return dist.moment(k, lambda j: E(canon**j))

    def _atoms(self, expr: sp.Basic) -> frozenset[sp.Basic]:
        """The random variables in ``expr``, outside any E, Var or Cov."""
        hit = self._atom_cache.get(expr)
        if hit is not None:
            return hit
        out: set[sp.Basic] = set()
        stack = [expr]
        while stack:
            e = stack.pop()
            if isinstance(e, _OPERATORS):
                continue
            if isinstance(e, (sp.Symbol, AppliedUndef)) and self._unit(e) is not None:
                out.add(e)
                continue
            stack.extend(e.args)
        found = frozenset(out)
        if len(self._atom_cache) > _MAX_MEMO:
            self._atom_cache.clear()
        self._atom_cache[expr] = found
        return found

    def random_symbols(self) -> frozenset[sp.Symbol]:
        """The declared random variables and generic family members."""
        return frozenset(self._variables) | frozenset(self._by_generic)

    def is_random(self, expr: sp.Basic) -> bool:
        """Whether ``expr`` involves a random variable outside E, Var, Cov."""
        return bool(self._atoms(sp.sympify(expr)))

    def _collapse(self, expr: sp.Basic) -> sp.Basic:
        """``R**k = R`` for a Bernoulli ``R`` and ``k >= 1``; ``S**2 = 1`` for a
        random sign."""
        if not isinstance(expr, sp.Basic) or not expr.has(sp.Pow):
            return expr
        subs: dict[sp.Basic, sp.Basic] = {}
        for p in expr.atoms(sp.Pow):
            if not (p.exp.is_Integer and p.exp > 0) or self._unit(p.base) is None:
                continue
            dist = self._law(p.base)[0]
            if isinstance(dist, Bernoulli):
                subs[p] = p.base
            elif isinstance(dist, Rademacher):
                subs[p] = p.base if p.exp % 2 else sp.S.One
        return expr.xreplace(subs) if subs else expr

    # relations between variables -------------------------------------------------
    @staticmethod
    def _differ(x: sp.Basic, y: sp.Basic, ctx: Ctx) -> bool:
        d = x - y
        return bool((d.is_number and d != 0) or frozenset((x, y)) in ctx)

    def _relation(self, a: sp.Basic, b: sp.Basic, ctx: Ctx) -> str:
        """``"same"``, ``"distinct"`` or ``"unknown"`` for two members of one family."""
        if a == b:
            return "same"
        if not (isinstance(a, AppliedUndef) and isinstance(b, AppliedUndef)) or len(a.args) != len(b.args):
            return "unknown"
        if any(self._differ(x, y, ctx) for x, y in zip(a.args, b.args, strict=True)):
            return "distinct"
        return "unknown"

    @staticmethod
    def _group_index(decl: Groups, unit: str) -> int | None:
        for i, g in enumerate(decl):
            if unit in g:
                return i
        return None

    def _independent_groups(
        self, items: list[tuple[sp.Expr, frozenset[sp.Basic]]], ctx: Ctx
    ) -> list[list[tuple[sp.Expr, frozenset[sp.Basic]]]]:
        """Split factors into groups that the declarations make mutually
        independent (recursively: a group may split again)."""
        out = []
        stack = [items]
        while stack:
            cur = stack.pop()
            parts = self._split(cur, ctx) if len(cur) > 1 else None
            if parts is None:
                out.append(cur)
            else:
                stack.extend(parts)
        return out

    def _split(
        self, items: list[tuple[sp.Expr, frozenset[sp.Basic]]], ctx: Ctx
    ) -> list[list[tuple[sp.Expr, frozenset[sp.Basic]]]] | None:
        units = [{self._unit(a) for a in atoms} for _, atoms in items]
        for decl in self._independent:
            labels: list[set[int | None]] = []
            for us in units:
                idx = {self._group_index(decl, u) for u in us if u is not None}
                if None in idx:
                    break
                labels.append(idx)
            else:
                parts = _overlap_classes(labels)
                if len(parts) > 1:
                    return [[items[i] for i in p] for p in parts]
        names = set().union(*units)
        if len(names) == 1:
            fam = self._families.get(str(next(iter(names))))
            if fam is not None and fam.members == "independent":
                parts = _classes(len(items), lambda i, j: any(
                    self._relation(a, b, ctx) != "distinct" for a in items[i][1] for b in items[j][1]))
                if len(parts) > 1:
                    return [[items[i] for i in p] for p in parts]
        return None

    def _uncorrelated_pair(self, a: sp.Basic, b: sp.Basic, ctx: Ctx) -> bool:
        ua, ub = self._unit(a), self._unit(b)
        if ua is None or ub is None:
            return False
        if ua == ub:
            fam = self._families.get(ua)
            return (fam is not None and fam.members in ("uncorrelated", "independent")
                    and self._relation(a, b, ctx) == "distinct")
        for decl in self._uncorrelated + self._independent:
            ga, gb = self._group_index(decl, ua), self._group_index(decl, ub)
            if ga is not None and gb is not None and ga != gb:
                return True
        return False

    def _separated(self, u: str, v: str) -> bool:
        """Whether some declaration puts ``u`` and ``v`` in different groups."""
        for decl in self._independent:
            gu, gv = self._group_index(decl, u), self._group_index(decl, v)
            if gu is not None and gv is not None and gu != gv:
                return True
        return False

    def _has_uncorrelated(self, u: str) -> bool:
        return any(self._group_index(decl, u) is not None for decl in self._uncorrelated)

    # the Algebra hooks -------------------------------------------------------------
    def reduce(self, expr: sp.Basic) -> sp.Basic:
        """E, Var and Cov rewritten into the normal form (exact)."""
        if not isinstance(expr, sp.Basic) or not expr.args:
            return expr
        return self._engine.walk(expr)

    def owns(self, expr: sp.Basic) -> bool:
        return isinstance(expr, sp.Basic) and bool(expr.has(*_OPERATORS))

    def logical_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (("equations in the expectation normal form", self._equations_in_normal_form),)

    def _equations_in_normal_form(self, goal: Any, state: Any) -> Any:
        """``=>`` and ``<=>`` between systems that mention E, Var or Cov: every
        equation put in the normal form (exact), expectations left
        unevaluated abstracted as unknowns (what holds for every value of an
        unknown holds for its value), then ideal membership."""
        from dataclasses import replace

        from symproofs.model import flatten_side
        from symproofs.strategies import ideal

        sides = [flatten_side(goal.lhs), flatten_side(goal.rhs)]
        if not any(self.owns(p) for side in sides for p in side):
            return None
        if not all(isinstance(p, sp.Eq) for side in sides for p in side):
            return None
        reduced = [[(self.reduce(p.lhs), self.reduce(p.rhs)) for p in side] for side in sides]
        left = {a for side in reduced for pair in side for e in pair for a in e.atoms(*_OPERATORS)}
        ordered = sorted(left, key=sp.default_sort_key)
        unknowns = {a: sp.Dummy(f"m{n}", real=True) for n, a in enumerate(ordered)}
        lhs, rhs = (tuple(sp.Eq(a.xreplace(unknowns), b.xreplace(unknowns), evaluate=False) for a, b in side)
                    for side in reduced)
        out = ideal(replace(goal, lhs=lhs, rhs=rhs), state)
        return None if out is None else replace(out, method=f"{out.method} in the expectation normal form")

    def holds(self, statement: sp.Basic) -> bool | None:
        """Decide ``Independent(A, B, ...)`` and ``Uncorrelated(A, B)`` from
        the declarations; ``None`` when they do not settle it."""
        if isinstance(statement, (Independent, Uncorrelated)):
            items = [(a, self._atoms(a)) for a in statement.args if self._atoms(a)]
            if len(items) < 2:
                return True if len(statement.args) >= 2 else None
            if len(self._independent_groups(items, _NO_CTX)) == len(items):
                return True
            if isinstance(statement, Uncorrelated):
                (x, ax), (y, ay) = items
                if x in ax and y in ay and self._uncorrelated_pair(x, y, _NO_CTX):
                    return True
        return None

    def fingerprint(self) -> str:
        parts = [self.name]
        for sym, dist in self._variables.items():
            parts.append(f"{sym.name}~{dist.describe()}")
        for fam in self._families.values():
            law = fam.distribution.describe() if fam.identical else "process"
            parts.append(f"{fam.name}(...)~{law},{fam.members}")
        for kind, decls in (("independent", self._independent), ("uncorrelated", self._uncorrelated)):
            for decl in decls:
                parts.append(kind + "(" + " | ".join(",".join(sorted(g)) for g in decl) + ")")
        return "; ".join(parts)

    def models(self, rng: random.Random) -> Iterator[Model]:
        """Concrete models that respect every declaration (see
        :class:`~symproofs.distributions.Realization`): a shared model, a
        skewed one, one where everything is independent, then three drawn
        with ``rng``. ``apply`` raises :class:`ModelError` (a
        ``ValueError``) when a model cannot evaluate an expression exactly."""
        order = tuple(self._order)
        flavours = [
            Flavour("shared", order, skew=False, mean=sp.S.One, scale=sp.S.One),
            Flavour("skewed", order[::-1], skew=True, mean=sp.Rational(-1, 2), scale=sp.S(2)),
            Flavour("independent", order, skew=True, mean=sp.S(2), scale=sp.Rational(1, 2), alone=True),
        ]
        for n in range(3):
            shuffled = list(order)
            rng.shuffle(shuffled)
            flavours.append(Flavour(f"random {n + 1}", tuple(shuffled), skew=rng.random() < 0.5,
                                    mean=sp.Rational(rng.randint(-4, 4), rng.randint(1, 3)),
                                    scale=sp.Rational(rng.randint(1, 5), rng.randint(1, 3))))
        units = [Unit(name=name, distribution=dist, members=None if fam is None else fam.members,
                      signed=any(self._group_index(decl, name) is not None for decl in self._uncorrelated))
                 for name, dist, fam in self._units()]
        for flavour in flavours:
            world = Realization(units, self._separated, flavour)
            yield Model(description=world.describe(), apply=_Concrete(self, world).apply)

    # used by the plan --------------------------------------------------------------------
    def _units(self) -> list[tuple[str, Distribution, Family | None]]:
        out: list[tuple[str, Distribution, Family | None]] = []
        for name in self._order:
            fam = self._families.get(name)
            if fam is not None and not fam.identical:  # a process is never realized
                continue
            dist = fam.distribution if fam is not None else self._variables[sp.Symbol(name, real=True)]
            out.append((name, dist, fam))
        return out


# -- concrete models -----------------------------------------------------------------------
class _Concrete(_Engine):
    """The engine with one :class:`Realization` deciding each group."""

    def __init__(self, space: ProbabilitySpace, world: Realization) -> None:
        super().__init__(space)
        self.world = world

    def realize(self, atom: sp.Basic) -> sp.Expr:
        if self.space._opaque(atom):
            raise ModelError(f"{atom} belongs to a process with no declared law")
        if isinstance(atom, sp.Symbol) and atom in self.space._variables:
            return self.world.variable(str(atom.name))
        fam = self.space._family_of(atom)
        return self.world.member(fam.name, tuple(atom.args) if isinstance(atom, AppliedUndef) else None)

    def leaf(self, factors: tuple[sp.Expr, ...], ctx: Ctx) -> sp.Expr:
        space = self.space
        product = space._collapse(sp.Mul(*factors))
        atoms = space._atoms(product)
        found = _positive_part(space, product, atoms)
        if found is not None:  # a law-level fact; keeps continuous coordinates exact
            c, a, center, k = found
            return c**k * self.expect(sp.expand((a - center) ** k), ctx) / 2
        for a, b in itertools.combinations(atoms, 2):
            ua = space._unit(a)
            if ua == space._unit(b) and ua in self.world.private and space._relation(a, b, ctx) != "distinct":
                raise ModelError(f"cannot tell whether {a} and {b} are the same member")
        try:
            return self.world.evaluate(product.xreplace({a: self.realize(a) for a in atoms}))
        except ModelError:
            raise
        except NotSupportedError as exc:  # an undeclared moment
            raise ModelError(str(exc)) from exc

    def give_up(self, arg: sp.Expr) -> sp.Expr:
        raise ModelError("too many cases of coinciding indices")

    def apply(self, expr: sp.Basic) -> sp.Basic:
        out = self.walk(sp.sympify(expr))
        bare = self.space._atoms(out)
        if bare:  # random variables outside E: their values at one outcome
            out = self.world.outcome(out.xreplace({a: self.realize(a) for a in bare}))
        return out
