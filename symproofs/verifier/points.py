"""A point put into expressions: the values a probe draws, substituted.

Under a binding construct a point keeps bound variables bound and gives
each matrix its shape first (:func:`at_point`); givens speak of the
applications a point makes of their symbols (:func:`givens_at`); finite
sums and products are written out with the empty-range convention, and a
derivative at a kink or a jump has no value (:func:`expand_finite`); an
application a quantified statement makes is matched with a drawn one
(:func:`instance`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Model
from symproofs.core.model import Given
from symproofs.verifier.definedness import derivative_at, kinked_points
from symproofs.verifier.values import Undecided

__all__ = ["Point", "application", "at_point", "expand_finite", "givens_at", "index_range", "instance",
           "settled"]

_MAX_TERMS = 400


@dataclass(frozen=True)
class Point:
    values: dict[sp.Basic, sp.Basic]
    model: Model | None = None


_BINDING = (sp.Sum, sp.Product, sp.Integral, sp.Lambda, sp.Derivative, sp.Subs)


def at_point(e: sp.Basic, values: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """``e`` at a point. Under a binding construct ``subs`` keeps bound
    variables bound; it leaves a matrix's shape as it was, so every matrix
    first gets its shape at the point, or one entry ``u[0, 0]`` would stand
    for two (of a ``n x 1`` and of a ``1 x 1`` matrix) and get two values.

    Put in once per expression and point: a construct that binds is put in
    with ``subs``, slow, and the probe puts the same sides and givens at the
    same points more than once (a result depends on ``e`` and ``values`` alone)."""
    if not e.has(sp.Limit, *_BINDING):
        return e.xreplace(values)
    key = frozenset(values.items())
    try:
        hash(key)
    except TypeError:  # a value that cannot be hashed (a mutable matrix): put in without the memo
        return _bound_at(e, values)
    return _bound_at_point(e, key)


@functools.lru_cache(maxsize=2048)
def _bound_at_point(e: sp.Basic, items: frozenset[tuple[sp.Basic, sp.Basic]]) -> sp.Basic:
    return _bound_at(e, dict(items))


def _bound_at(e: sp.Basic, values: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """:func:`at_point` of an expression with a limit or a construct that binds."""
    if e.has(sp.Limit):  # a limit's variable is its own: lim_{n -> oo} sum_{i=1}^{n} 1/n keeps its n
        found = e.atoms(sp.Limit)
        limits = [x for x in found if not any(x != y and y.has(x) for y in found)]
        marks = {x: sp.Dummy("lim") for x in limits}
        rest = at_point(e.xreplace(marks), values)
        return rest.xreplace({d: sp.Limit(at_point(x.args[0], {k: v for k, v in values.items() if k != x.args[1]}),
                                          x.args[1], at_point(x.args[2], values), str(x.args[3]))
                              for x, d in marks.items()})
    if not e.has(*_BINDING):
        return e.xreplace(values)
    shapes = {m: m.xreplace(values) for m in e.atoms(sp.MatrixSymbol)}
    e = e.xreplace({m: v for m, v in shapes.items() if m != v})
    if _plain_replacement(e, values):
        return e.xreplace(values)
    return e.subs(values, simultaneous=True)


#: Binding constructs that ``xreplace`` cannot put a value into (a
#: derivative's variable becomes a number; an integral's or a lambda's
#: variable may be the point's too).
_SUBS_ONLY = (sp.Integral, sp.Lambda, sp.Derivative, sp.Subs)


def _plain_replacement(e: sp.Basic, values: dict[sp.Basic, sp.Basic]) -> bool:
    """Whether replacing ``values`` structurally is what ``subs`` would do:
    only sums and products bind, the point gives values to symbols only,
    and none of them is a variable a sum or a product binds (so nothing
    bound is replaced and nothing is captured). Many times faster."""
    if e.has(*_SUBS_ONLY) or not all(isinstance(k, sp.Symbol) for k in values):
        return False
    bound = {lim[0] for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits}
    return not bound & values.keys() and not any(
        bound & v.free_symbols for v in values.values() if isinstance(v, sp.Basic))


def givens_at(givens: Sequence[Given], values: dict[sp.Basic, sp.Basic],
              place: Callable[[sp.Basic, dict[sp.Basic, sp.Basic]], sp.Basic] | None = None) -> tuple[Given, ...]:
    """``givens`` at a point: a hypothesis on applications of the point's
    symbols (the induction hypothesis ``g(t) = 0``) speaks of the
    applications the point makes of them (``g(10)`` at ``t = 10``). Other
    givens stay as they are (an indexed family keeps its index and applies
    at any member; rewriting with them is cached, so they are not rebuilt at
    each point); a hypothesis the point turns into a plain truth value
    rewrites nothing. ``place`` puts the point in (:func:`at_point` by default)."""
    out = []
    for g in givens:
        spoken = _application_symbols(g)
        if not spoken & values.keys():
            out.append(g)
            continue
        at = _given_at(g, tuple(sorted(((k, v) for k, v in values.items() if k in g.statement.free_symbols),
                                       key=lambda kv: sp.default_sort_key(kv[0]))), place or at_point)
        if at is not None:
            out.append(at)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _application_symbols(g: Given) -> frozenset[sp.Basic]:
    """The symbols in the arguments of the applications a non-indexed given speaks of."""
    if g.index is not None:
        return frozenset()
    return frozenset().union(*(a.free_symbols for a in g.statement.atoms(AppliedUndef)))


@functools.lru_cache(maxsize=4096)
def _given_at(g: Given, values: tuple[tuple[sp.Basic, sp.Basic], ...],
              place: Callable[[sp.Basic, dict[sp.Basic, sp.Basic]], sp.Basic]) -> Given | None:
    st = place(g.statement, dict(values))
    return replace(g, statement=st) if isinstance(st, sp.Rel) else None


def index_range(g: Given) -> tuple[sp.Basic, ...]:
    """The hypotheses on the index of an indexed given (``k >= 1``, ``k <= T``)."""
    low = () if g.valid_from is None else (sp.Ge(g.index, g.valid_from),)
    return (*low, *(() if g.valid_to is None else (sp.Le(g.index, g.valid_to),)))


def application(e: sp.Basic) -> bool:
    """An undeclared function at numbers (``f(3)``)."""
    return isinstance(e, AppliedUndef) and all(a.is_number for a in e.args)


def instance(
    pattern: sp.Basic, call: sp.Basic, variables: Sequence[sp.Basic], admissible: Callable[[sp.Symbol, sp.Basic], bool]
) -> dict[sp.Basic, sp.Basic] | None:
    """The values of ``variables`` at which ``pattern`` (an application in a
    quantified statement) is the application ``call``; ``None`` when it is
    never ``call``. Raises :class:`Undecided` when the arguments leave a
    quantified variable free or cannot be solved exactly."""
    if len(pattern.args) != len(call.args):
        return None
    eqs = [e for e in (sp.expand(p - c) for p, c in zip(pattern.args, call.args, strict=True)) if e != 0]
    unknowns = [v for v in variables if v in pattern.free_symbols]
    if not eqs:
        if unknowns:
            raise Undecided("a quantified variable left free")
        return {}
    if any(e.is_number for e in eqs):
        return None  # constant arguments that differ
    solutions = _solve_arguments(tuple(eqs), tuple(unknowns)) if unknowns else []
    if not solutions:
        if any(e.free_symbols for e in eqs) and not unknowns:
            raise Undecided("an argument mentions a symbol that is not quantified")
        return None
    if len(solutions) > 1:
        raise Undecided("several instances")
    (sol,) = solutions
    if set(sol) != set(unknowns) or any(v.free_symbols for v in sol.values()):
        raise Undecided("a quantified variable left free")
    for v, value in sol.items():
        if isinstance(v, sp.Symbol) and not admissible(v, value):
            return None  # outside the variable's domain: not an instance
    return dict(sol)


@functools.lru_cache(maxsize=4096)
def _solve_arguments(eqs: tuple[sp.Expr, ...], unknowns: tuple[sp.Basic, ...]) -> list[dict[sp.Basic, sp.Basic]]:
    """The solutions of ``eqs = 0`` (an application's arguments set equal
    to drawn numbers) for ``unknowns``. One equation linear in one unknown
    with a numeric nonzero slope, the usual case (``t + 1 = 3``), is solved
    directly; anything else goes to ``solve``. Cached: the same instances
    come back at every point."""
    if any(a.has(*unknowns) for e in eqs for a in e.atoms(AppliedUndef)):
        # an undeclared function of the variable (h(t - 1) = 3): no exact solution
        raise Undecided("the arguments cannot be solved for the quantified variables")
    if len(eqs) == 1 and len(unknowns) == 1:
        (e,), (v,) = eqs, unknowns
        slope = e.diff(v)
        if slope.is_number and slope != 0 and not slope.has(sp.nan, sp.zoo):
            return [{v: sp.expand(-e.xreplace({v: sp.S.Zero}) / slope)}]
    return list(sp.solve(list(eqs), list(unknowns), dict=True))


#: Constructs that :func:`settled` evaluates apart from what surrounds them.
_CONSTRUCTS = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative, sp.Subs)


def settled(e: sp.Basic, values: dict[sp.Basic, sp.Basic],
            functions: Mapping[sp.Basic, sp.Basic] | None = None) -> sp.Basic:
    """``e`` at a point, evaluated from the inside out: every sum, product,
    integral, limit, derivative and substitution gets its value first (finite
    sums and products term by term, with the empty-range convention; the
    others by :func:`expand_finite`), and only then is the expression around
    it built, from numbers. :func:`at_point` puts the point in from the outside:
    ``|m - P|`` at ``m = 0`` is rebuilt while the product ``P`` is still
    unevaluated, and sympy decides it from what it infers about ``P``, which
    can be wrong, and differently so from one process to the next (an empty
    product says it is nonpositive, in an order of inference sympy draws at
    random). This is the evaluation a counterexample is re-checked with.
    ``functions``: the values of applications that bound a sum. A construct
    whose value the point does not settle (a bound still symbolic) keeps it
    put in, as :func:`at_point` does."""
    found: list[sp.Basic] = []
    _outermost(e, found)
    if not found:
        return at_point(e, values)
    marks = {c: sp.Dummy("construct") for c in found}  # no assumptions: nothing is inferred from them
    rest = at_point(e.xreplace(marks), values)
    return rest.xreplace({d: _construct_at(c, values, functions or {}) for c, d in marks.items()})


def _outermost(e: sp.Basic, found: list[sp.Basic]) -> None:
    if isinstance(e, _CONSTRUCTS):
        if e not in found:
            found.append(e)
        return
    for a in e.args:
        _outermost(a, found)


def _construct_at(c: sp.Basic, values: dict[sp.Basic, sp.Basic], functions: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    if not isinstance(c, (sp.Sum, sp.Product)):
        at = at_point(c, values)
        return at if at.free_symbols else expand_finite(at)
    var, lo, hi = c.limits[-1]  # the outermost limit
    lo, hi = (settled(b, values, functions).xreplace(dict(functions)) for b in (lo, hi))
    if not (lo.is_Integer and hi.is_Integer):
        return at_point(c, values)
    if int(hi) - int(lo) > _MAX_TERMS:
        raise Undecided("too many terms")
    inner = c.func(c.function, *c.limits[:-1]) if len(c.limits) > 1 else c.function
    terms = [settled(inner, {**values, var: sp.Integer(i)}, functions) for i in range(int(lo), int(hi) + 1)]
    return sp.Add(*terms) if isinstance(c, sp.Sum) else sp.Mul(*terms)


def expand_finite(e: sp.Basic) -> sp.Basic:
    """Finite sums and products written out term by term, with the usual
    convention: a range whose upper bound is below its lower bound is empty
    (sum 0, product 1), never sympy's reversed-range (Karr) value."""

    def expand_one(s: sp.Basic) -> sp.Basic:
        var, lo, hi = s.limits[-1]  # the outermost limit; its bounds are concrete
        if not (lo.is_Integer and hi.is_Integer):
            return s  # bounds an enclosing sum fixes first, or not concrete at all
        if int(hi) - int(lo) > _MAX_TERMS:
            raise Undecided("too many terms")
        inner = s.func(s.function, *s.limits[:-1]) if len(s.limits) > 1 else s.function
        terms = [inner.subs(var, sp.Integer(i)) for i in range(int(lo), int(hi) + 1)]
        return sp.Add(*terms) if isinstance(s, sp.Sum) else sp.Mul(*terms)

    for _ in range(8):
        if not e.has(sp.Sum, sp.Product):
            break
        before = e
        e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)), expand_one)
        if e == before:
            raise Undecided("sum bounds not concrete")
    if not e.has(sp.Integral, sp.Derivative, sp.Limit, sp.Subs):
        return e
    kinks = {s: derivative_at(s) for s in kinked_points(e)}
    if any(v is None for v in kinks.values()):
        raise Undecided("a derivative at a kink or a jump: it may not exist at this point")
    return (e.xreplace(kinks) if kinks else e).doit()
