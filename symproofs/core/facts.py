"""Deciding signs and relations under the declared assumptions.

sympy's own assumptions know ``positive``, ``integer`` and friends but not
``beta < 1``. A :class:`Facts` object adds the derivation's relational
assumptions by reparametrizing bounded symbols with fresh positive symbols
(``beta = 1/(1+u)`` for ``0 < beta < 1``), so that sympy's sign inference
sees the bounds; an assumption ``Ne(r, 1)`` makes ``r - 1`` (and its nonzero
multiples) nonzero, so ``Eq(r, 1)`` is false under it, as in the piecewise
result of a geometric sum. Every answer is ``True``, ``False`` or ``None`` (undecided);
``None`` is never read as ``False``.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.assumptions.ask import global_assumptions

__all__ = [
    "Facts", "bounds_of", "contradiction", "fresh_bound", "pinned", "rename_bound", "surely_integer", "untrusted",
    "values_given",
]

#: Functions whose sympy sign and zero answers are wrong at some arguments:
#: ``binomial(n, 3)`` "not nonnegative" for an integer ``n`` of unknown sign,
#: ``atan(k)`` "nonzero" for every integer ``k`` (0 too), the rising and
#: falling factorials' integrality. Nothing is decided from those answers.
_UNRELIABLE = (sp.binomial, sp.RisingFactorial, sp.FallingFactorial, sp.asin, sp.acos, sp.atan, sp.acot,
               sp.asec, sp.acsc, sp.asinh, sp.acosh, sp.atanh, sp.acoth, sp.gamma, sp.loggamma, sp.frac, sp.Mod)


def untrusted(expr: sp.Basic) -> bool:
    """Whether sympy's assumptions about ``expr`` may be wrong: a function of
    ``_UNRELIABLE``, or a power whose exponent is not an integer and whose
    base is not known to be nonnegative (sympy calls ``(-2)^{p/2}`` never
    real for an integer ``p``: it is 0-free but real and positive at ``p = 4``)."""
    if not isinstance(expr, sp.Basic):
        return False
    return expr.has(*_UNRELIABLE) or _odd_powers(expr)


def _odd_powers(expr: sp.Basic) -> bool:
    """Whether ``expr`` has a power with an exponent that is not an integer
    and a base not known to be nonnegative (see :func:`untrusted`)."""
    return any(not p.exp.is_Integer and p.base.is_nonnegative is not True for p in expr.atoms(sp.Pow))


def surely_integer(expr: sp.Basic) -> bool:
    """Whether ``expr`` is an integer, by sympy's word and by its form: no
    fraction in it (sympy calls ``e/6`` an integer for every even ``e``,
    and ``e^3/6``), no power that is not one of an integer to a natural
    number, and no function whose assumptions may be wrong."""
    if not isinstance(expr, sp.Expr) or expr.is_integer is not True:
        return False
    if expr.is_Integer:
        return True
    return not untrusted(expr) and not any(not r.is_Integer for r in expr.atoms(sp.Rational)) and all(
        p.exp.is_integer is True and p.exp.is_nonnegative is True for p in expr.atoms(sp.Pow))


def bounds_of(
    constraints: Iterable[sp.Basic],
) -> dict[sp.Symbol, tuple[sp.Expr | None, bool, sp.Expr | None, bool]]:
    """Per symbol: (low, low_strict, high, high_strict) from relations whose
    one side is a symbol and the other a number."""
    out: dict[sp.Symbol, tuple[sp.Expr | None, bool, sp.Expr | None, bool]] = {}
    for c in constraints:
        if not isinstance(c, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)):
            continue
        small, big = (c.lhs, c.rhs) if isinstance(c, (sp.StrictLessThan, sp.LessThan)) else (c.rhs, c.lhs)
        strict = isinstance(c, (sp.StrictLessThan, sp.StrictGreaterThan))
        lo, los, hi, his = None, False, None, False
        if isinstance(big, sp.Symbol) and small.is_number:
            sym = big
            lo, los = small, strict
        elif isinstance(small, sp.Symbol) and big.is_number:
            sym = small
            hi, his = big, strict
        else:
            continue
        plo, plos, phi, phis = out.get(sym, (None, False, None, False))
        if lo is not None and (plo is None or bool(lo > plo) or (los and lo == plo)):  # x >= 0 and x > 0: x > 0
            plo, plos = lo, los
        if hi is not None and (phi is None or bool(hi < phi) or (his and hi == phi)):
            phi, phis = hi, his
        out[sym] = (plo, plos, phi, phis)
    for sym, (lo, _los, hi, his) in list(out.items()):
        if lo is None and sym.is_positive:
            out[sym] = (sp.S.Zero, True, hi, his)
        elif lo is None and sym.is_nonnegative:
            out[sym] = (sp.S.Zero, False, hi, his)
    return out


def _span(sym: sp.Symbol, lo: sp.Expr | None, los: bool, hi: sp.Expr | None,
          his: bool) -> tuple[sp.Expr | None, bool, sp.Expr | None, bool]:
    """The bounds of ``sym``, the strict ones closed in to whole numbers for an integer."""
    if sym.is_integer:
        if lo is not None and lo.is_number:
            lo, los = (sp.floor(lo) + 1 if los else sp.ceiling(lo)), False
        if hi is not None and hi.is_number:
            hi, his = (sp.ceiling(hi) - 1 if his else sp.floor(hi)), False
    return lo, los, hi, his


def contradiction(constraints: Iterable[sp.Basic]) -> str | None:
    """A symbol that no value satisfies the ``constraints`` on (``x > 1``
    and ``x < 0``; an integer ``n`` with ``0 < n < 1``; ``c = 0`` beside
    ``c != 0``, the condition a written ``x/c`` records), or ``None``. An
    equation ``c = 0`` bounds ``c`` from both sides."""
    constraints = list(constraints)
    relations: list[sp.Basic] = []
    for c in constraints:
        relations += _as_bounds(c)
    excluded = [(c.lhs, c.rhs) if isinstance(c.lhs, sp.Symbol) else (c.rhs, c.lhs) for c in constraints
                if isinstance(c, sp.Ne) and _symbol_and_number(c)]
    for sym, bounds in bounds_of(relations).items():
        lo, los, hi, his = _span(sym, *bounds)
        if lo is not None and hi is not None and lo.is_number and hi.is_number and (
                bool(lo > hi) or (lo == hi and (los or his))):
            return str(sym)
        if lo is not None and lo == hi and any(s == sym and bool(sp.Eq(v, lo)) for s, v in excluded):
            return str(sym)
    return None


def values_given(givens: Iterable[Any]) -> list[sp.Basic]:
    """The equations among ``givens`` (``c = 0``, not a recurrence's): a value
    given is assumed as much as a fact, and may contradict one."""
    return [g.statement for g in givens if g.index is None and isinstance(g.statement, sp.Eq)]


def _symbol_and_number(rel: sp.Basic) -> bool:
    """Whether a relation has a symbol on one side and a number on the other."""
    return any(isinstance(a, sp.Symbol) and b.is_number for a, b in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)))


def _as_bounds(c: sp.Basic) -> list[sp.Basic]:
    """``c`` as the bounds it sets: an equation between a symbol and a number
    is two of them (``c <= 0`` and ``c >= 0``); an order is itself."""
    if isinstance(c, sp.Eq) and _symbol_and_number(c):
        return [sp.Le(c.lhs, c.rhs, evaluate=False), sp.Ge(c.lhs, c.rhs, evaluate=False)]
    return [c]


def pinned(constraints: Iterable[sp.Basic], sym: sp.Basic) -> bool:
    """Whether the ``constraints`` leave ``sym`` a single value."""
    bounds = bounds_of(constraints)
    if not isinstance(sym, sp.Symbol) or sym not in bounds:
        return False
    lo, _, hi, _ = _span(sym, *bounds[sym])
    return lo is not None and lo == hi


def rename_bound(expr: sp.Basic, names: set[sp.Basic]) -> sp.Basic:
    """``expr`` with every bound variable (of a sum, product, integral,
    lambda, limit) that is one of ``names`` renamed to a fresh dummy with the
    same assumptions, so that a later ``xreplace`` of ``names`` touches free
    occurrences only. The bounds of a sum's range, and the point a limit
    goes to, stay in the enclosing scope."""
    bound = (sp.Sum, sp.Product, sp.Integral)
    if not isinstance(expr, sp.Basic) or not any(
        isinstance(e, (*bound, sp.Lambda, sp.Limit)) for e in sp.preorder_traversal(expr)
    ):
        return expr

    def rebuild(e: sp.Basic) -> sp.Basic:
        if not e.args:
            return e
        args = tuple(rebuild(a) for a in e.args)
        e = e.func(*args) if args != e.args else e
        if isinstance(e, bound):
            return _rename_limits(e, names)
        if isinstance(e, sp.Lambda) and any(v in names for v in e.variables):
            fresh = {v: _fresh(v) for v in e.variables if v in names}
            return sp.Lambda(tuple(fresh.get(v, v) for v in e.variables), e.expr.xreplace(fresh))
        if isinstance(e, sp.Limit) and e.args[1] in names:
            body, v, point, direction = e.args
            new = _fresh(v)
            return sp.Limit(body.xreplace({v: new}), new, point, direction)
        return e

    return rebuild(expr)


def _fresh(v: sp.Basic) -> sp.Basic:
    """A dummy for ``v``: the same one for the same variable every time, so
    that two sides renamed apart still compare equal; no dummy is ever equal
    to a symbol the text writes."""
    if isinstance(v, sp.Symbol):
        index = _FRESH_BASE + zlib.crc32(sp.srepr(v).encode())
        return sp.Dummy(v.name, dummy_index=index, **{k: b for k, b in v.assumptions0.items() if b is not None})
    return v


def fresh_bound(v: sp.Basic) -> sp.Basic:
    """The fresh dummy :func:`rename_bound` renames the bound variable ``v`` to."""
    return _fresh(v)


#: where the indices of the dummies :func:`rename_bound` makes start (far above sympy's own count)
_FRESH_BASE = 10**12


def _parameter(sym: sp.Symbol, role: str, bounds: tuple[object, ...], **assumptions: bool) -> sp.Dummy:
    """The fresh symbol that writes ``sym`` through its ``bounds`` (``role``
    ``u``: a positive parameter; ``n``: an integer offset; ``w``: a
    nonnegative one): the same dummy for the same symbol, role and bounds in
    every :class:`Facts`, so that the goals of one question, which share
    their assumptions, reparametrize a difference into the same expression
    (and a worker simplifies it once: :mod:`symproofs.verifier.memo`). It is
    never equal to a symbol the text writes, nor to a dummy sympy or
    :func:`rename_bound` makes (its index is above both ranges)."""
    text = "|".join([sp.srepr(sym), role, *(sp.srepr(b) if isinstance(b, sp.Basic) else repr(b) for b in bounds)])
    index = _PARAMETER_BASE + int.from_bytes(hashlib.sha256(text.encode()).digest()[:6], "big")
    return sp.Dummy(f"{sym.name}_{role}", dummy_index=index, **assumptions)


#: where the indices of :func:`_parameter`'s dummies start (above :func:`_fresh`'s range)
_PARAMETER_BASE = 2 * 10**12


def _rename_limits(e: sp.Basic, names: set[sp.Basic]) -> sp.Basic:
    """Rename the clashing variables of one sum (product, integral). A
    limit ``(v, lo, hi)`` binds ``v`` in the body and in the bounds of the
    limits before it (the inner ones)."""
    function = e.function
    limits = [tuple(lim) for lim in e.limits]
    for i, lim in enumerate(limits):
        v = lim[0]
        if v not in names:
            continue
        d = _fresh(v)
        function = function.xreplace({v: d})
        for j in range(i):
            limits[j] = (limits[j][0], *(b.xreplace({v: d}) for b in limits[j][1:]))
        limits[i] = (d, *lim[1:])
    if limits == [tuple(lim) for lim in e.limits]:
        return e
    return e.func(function, *limits)


@dataclass(frozen=True)
class Facts:
    """The declared assumptions of one goal."""

    constraints: tuple[sp.Basic, ...] = ()
    _subs: dict[sp.Basic, sp.Basic] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        subs: dict[sp.Basic, sp.Basic] = {}
        for sym, bounds in bounds_of(self.constraints).items():
            lo, los, hi, his = bounds
            # Integer symbols keep their identity: a reparametrization would
            # forget integrality. Only lower bounds are used for them.
            u = _parameter(sym, "u", bounds, positive=los or hi is not None, nonnegative=True)
            if sym.is_integer:
                if lo is not None:
                    v = _parameter(sym, "n", bounds, integer=True, nonnegative=True)
                    subs[sym] = lo + v + (1 if los else 0) if lo.is_integer else sym
                continue
            if lo is not None and hi is not None:
                if los and his:
                    subs[sym] = lo + (hi - lo) * u / (1 + u)
                continue
            if lo is not None:
                subs[sym] = lo + u if los else lo + _parameter(sym, "w", bounds, nonnegative=True)
            elif hi is not None:
                subs[sym] = hi - u if his else hi - _parameter(sym, "w", bounds, nonnegative=True)
        object.__setattr__(self, "_subs", subs)

    def reparametrize(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with each bounded symbol written through fresh positive
        ones. Only free occurrences are replaced: a sum's index that shares
        a name with a bounded symbol is renamed first, never reparametrized."""
        if not self._subs:
            return expr
        return rename_bound(expr, set(self._subs)).xreplace(self._subs)

    def sign(self, expr: sp.Expr, *, products: bool = True) -> tuple[bool | None, bool | None]:
        """(is_nonnegative, is_positive) of ``expr`` under the facts; where a
        fact relates two names (``a > b``), also of ``expr`` as a product whose
        factors' signs are decided (``(a - b)/(ab)`` under ``a > b > 0``).
        Worked out once per set of facts, expression and set of sympy's global
        assumptions (:func:`_signed`): a document asks the same questions under
        the same facts for many of its steps."""
        try:
            return _signed(self, expr, products, frozenset(global_assumptions))
        except TypeError:  # an unhashable part somewhere: work it out every time
            return self._sign(expr, products=products)

    def _sign(self, expr: sp.Expr, *, products: bool = True) -> tuple[bool | None, bool | None]:
        if expr.has(*_UNRELIABLE):
            return None, None
        nonneg: bool | None = None
        pos: bool | None = None
        candidates = [expr]
        re = self.reparametrize(expr)
        if re is not expr:
            candidates.append(re)  # sqrt(x) under x >= 0: a root of a positive symbol
        for cand in candidates:
            if _odd_powers(cand):
                continue
            for form in (cand, sp.factor_terms(sp.together(cand))):
                if nonneg is None:
                    nonneg = form.is_nonnegative
                if pos is None:
                    pos = form.is_positive
                if nonneg is not None and pos is not None:
                    return nonneg, pos
        if nonneg is None or pos is None:
            for gap, strict in self._gaps():  # expr = gap + (something nonnegative), gap >= 0 (or > 0)
                try:
                    rest = sp.expand(expr - gap)
                except (AttributeError, TypeError):  # a gap sympy cannot combine with it (a sequence term bound)
                    continue
                if _odd_powers(rest):
                    continue
                # (the rest under the bounds too: a = (a - b) + b under a > b > 0)
                rest_nonneg = rest.is_nonnegative is True or self.reparametrize(rest).is_nonnegative is True
                if rest_nonneg:
                    nonneg = True if nonneg is None else nonneg
                    if pos is None and (strict or rest.is_positive is True
                                        or self.reparametrize(rest).is_positive is True):
                        pos = True
        if products and pos is None and any(len(gap.free_symbols) > 1 for gap, _ in self._gaps()):
            product = self._product_sign(expr)
            if product is not None:
                nonneg, pos = product, product  # (a negative product is not nonnegative either)
        return nonneg, pos

    def _product_sign(self, expr: sp.Expr) -> bool | None:
        """Whether ``expr`` written as a product of powers (``(a - b)/(ab)``) is
        positive (True) or negative (False) by the signs of its factors, each
        decided under the facts; None where one is not, or it is no product."""
        if sp.count_ops(expr) > 40:
            return None
        try:
            form = sp.factor(sp.together(expr))
        except (sp.PolynomialError, TypeError, ValueError):
            return None
        if not isinstance(form, sp.Mul):
            return None
        negative = False
        for factor in form.args:
            base, exp = factor.as_base_exp()
            if not exp.is_Integer:
                return None
            _, up = self.sign(base, products=False)
            down = None if up else self.sign(-base, products=False)[1]
            if not up and not down:
                return None
            negative ^= bool(down) and bool(exp % 2)
        return not negative

    def _gaps(self) -> list[tuple[sp.Expr, bool]]:
        """``b - a`` for each constraint ``a <= b`` (or ``a < b``: strict),
        so that ``T - t`` is nonnegative under ``t <= T`` even for integer
        symbols, which keep no upper bounds."""
        out = []
        for c in self.constraints:
            if isinstance(c, (sp.LessThan, sp.StrictLessThan)):
                out.append((sp.expand(c.rhs - c.lhs), isinstance(c, sp.StrictLessThan)))
            elif isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)):
                out.append((sp.expand(c.lhs - c.rhs), isinstance(c, sp.StrictGreaterThan)))
        return out

    def nonnegative(self, expr: sp.Expr) -> bool | None:
        return self.sign(expr)[0]

    def positive(self, expr: sp.Expr) -> bool | None:
        return self.sign(expr)[1]

    def nonzero(self, expr: sp.Expr) -> bool | None:
        """Whether ``expr`` is nonzero: by sign, or by an assumption
        ``Ne(a, b)`` with ``expr`` a nonzero multiple of ``a - b``."""
        if expr.has(*_UNRELIABLE):
            return None
        if not _odd_powers(expr) and expr.is_zero is not None:
            return not expr.is_zero
        for c in self.constraints:
            if isinstance(c, sp.Ne):
                ratio = sp.cancel(sp.together(expr / (c.lhs - c.rhs)))
                if ratio.is_number and ratio.is_zero is False:
                    return True
        pos = self.positive(expr)
        if pos:
            return True
        neg = self.positive(-expr)
        if neg:
            return True
        return None

    def decide(self, rel: sp.Basic) -> bool | None:
        """Truth of a relation such as ``Eq(beta, 1)`` under the facts."""
        if rel in (sp.true, sp.false):
            return bool(rel)
        if rel in self.constraints:
            return True
        if isinstance(rel, sp.Eq):
            nz = self.nonzero(rel.lhs - rel.rhs)
            return False if nz else None
        if isinstance(rel, sp.Ne):
            nz = self.nonzero(rel.lhs - rel.rhs)
            return True if nz else None
        if isinstance(rel, (sp.GreaterThan, sp.LessThan)):
            diff = rel.lhs - rel.rhs if isinstance(rel, sp.GreaterThan) else rel.rhs - rel.lhs
            if self.nonnegative(diff):
                return True
            if self.positive(-diff):
                return False
            return None
        if isinstance(rel, (sp.StrictGreaterThan, sp.StrictLessThan)):
            diff = rel.lhs - rel.rhs if isinstance(rel, sp.StrictGreaterThan) else rel.rhs - rel.lhs
            if self.positive(diff):
                return True
            if self.nonnegative(-diff):
                return False
            return None
        if isinstance(rel, sp.And):
            vals = [self.decide(a) for a in rel.args]
            if any(v is False for v in vals):
                return False
            return True if all(v is True for v in vals) else None
        if isinstance(rel, sp.Or):
            vals = [self.decide(a) for a in rel.args]
            if any(v is True for v in vals):
                return True
            return False if all(v is False for v in vals) else None
        if isinstance(rel, sp.Not):
            v = self.decide(rel.args[0])
            return None if v is None else not v
        return None

    def bound_apart(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with the variables its sums (integrals, ...) bind renamed
        apart from the free names these facts speak of: ``j >= 5`` says
        nothing about a sum's own ``j``."""
        if not self.constraints or not isinstance(expr, sp.Basic):
            return expr
        return rename_bound(expr, set().union(*(c.free_symbols for c in self.constraints)))

    def refine_piecewise(self, expr: sp.Basic) -> sp.Basic:
        """Choose the branch of every Piecewise whose condition is decided
        (a sum's own index renamed apart first: the facts about a free ``j``
        decide nothing about the ``j`` a sum runs over)."""
        expr = self.bound_apart(expr)

        def pick(pw: sp.Piecewise) -> sp.Basic:
            for value, cond in pw.args:
                verdict = self.decide(cond)
                if verdict is True:
                    return value
                if verdict is None:
                    return pw
            return pw

        return expr.replace(lambda e: isinstance(e, sp.Piecewise), pick)


@lru_cache(maxsize=8192)
def _signed(facts: Facts, expr: sp.Expr, products: bool,
            context: frozenset[sp.Basic]) -> tuple[bool | None, bool | None]:
    """:meth:`Facts.sign`, remembered: facts compare by their constraints (equal
    constraints give equal reparametrizations), expressions by sympy's
    structural equality (a symbol with its assumptions), and the answer holds
    for the set of sympy's global assumptions ``context`` it was found under."""
    return facts._sign(expr, products=products)
