"""Normal forms for sums with symbolic bounds.

Two sums that differ by how they are written (a factor inside or outside,
a term peeled off, the index renamed or shifted, a sum split in two) get
the same normal form, so that a polynomial normal form of the difference
sees them cancel. Every rewrite is an identity of finite sums; peeling is
only done when each range is provably non-empty or one term short of it
(so the usual empty-sum convention and sympy's agree).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts, surely_integer
from symproofs.core.goals import Goal
from symproofs.verifier.definedness import denominators

__all__ = ["BINDERS", "bound_by", "canonical_deltas", "case_in_binder", "delta_congruence", "empty_ranges", "has_sum",
           "honest_indices", "normalize_sums", "pin_deltas", "read_sums"]

_INDEX = sp.Symbol("iota_", integer=True)


def _index_for(body: sp.Basic, var: sp.Symbol) -> sp.Symbol:
    """The canonical index of a sum of ``body`` over ``var``: ``iota_``,
    unless renaming ``var`` to it would be captured by a nested sum already
    over ``iota_`` (or ``iota_`` is free in ``body``); then ``iota1_``,
    ``iota2_``, ..."""
    level = 0
    while True:
        index = _INDEX if level == 0 else sp.Symbol(f"iota{level}_", integer=True)
        if index == var:
            return index
        captured = any(index in s.variables and var in s.free_symbols for s in body.atoms(sp.Sum))
        if not captured and index not in body.free_symbols:
            return index
        level += 1


def has_sum(expr: sp.Basic) -> bool:
    return bool(expr.has(sp.Sum))


def honest_indices(expr: sp.Basic, facts: Facts) -> sp.Basic:
    """``expr`` with every sum's or product's index whose sign assumption its
    range may break (``n`` declared nonnegative running from -2) renamed to
    a plain integer: sympy would otherwise use the assumption on the terms
    (``|sum n x| = -sum n x`` for ``x < 0``), a value the sum does not have."""

    def breaks(k: sp.Symbol, lo: sp.Basic, hi: sp.Basic) -> bool:
        checks = ((k.is_positive, lo - 1), (k.is_nonnegative, lo), (k.is_negative, -hi - 1), (k.is_nonpositive, -hi))
        return any(claimed and facts.nonnegative(sp.expand(bound)) is not True for claimed, bound in checks)

    def honest(e: sp.Basic) -> sp.Basic:
        renamed = {lim[0]: sp.Dummy(lim[0].name, integer=True) for lim in e.limits
                   if len(lim) == 3 and isinstance(lim[0], sp.Symbol) and breaks(lim[0], lim[1], lim[2])}
        if not renamed:
            return e
        # An index is bound in the body and in the bounds of the limits
        # inside it (those listed before it), never in its own bounds or
        # those of the limits outside it: there the name is the outer one.
        limits = list(e.limits)
        body = e.function
        for at, lim in enumerate(e.limits):
            if lim[0] not in renamed:
                continue
            change = {lim[0]: renamed[lim[0]]}
            body = body.xreplace(change)
            limits[at] = (renamed[lim[0]], *lim[1:])
            limits[:at] = [(inner[0], *(b.xreplace(change) for b in inner[1:])) for inner in limits[:at]]
        return e.func(body, *limits)

    return expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)), honest)


def case_in_binder(expr: sp.Basic) -> bool:
    """Whether a sum, product, integral, limit or substitution of ``expr``
    has a piecewise body (or a sign, step, max or min) that speaks of its
    own variable. sympy's ``piecewise_fold``
    (and so ``simplify``) pulls such a case out of the binder, where its
    variable is no longer bound: ``q \\sum_{j=0}^{4} [j \\ge 2] j`` becomes
    ``10q if j >= 2 else 0``. No such expression is simplified."""
    for e in sp.preorder_traversal(expr):
        if isinstance(e, (sp.Sum, sp.Product, sp.Integral)):
            bound, body = set(e.bound_symbols), e.function
        elif isinstance(e, sp.Limit):
            bound, body = {e.args[1]}, e.args[0]
        elif isinstance(e, sp.Subs):
            bound, body = set(e.variables), e.expr
        else:
            continue
        if any(pw.args and any(c.free_symbols & bound for _, c in pw.args) for pw in body.atoms(sp.Piecewise)):
            return True
        if any(f.free_symbols & bound for f in body.atoms(sp.sign, sp.Heaviside, sp.Max, sp.Min)):
            return True  # cases in disguise: simplify writes them as piecewise and folds them out too
    return False


def _congruent(s: sp.Sum) -> bool:
    """Whether a Kronecker delta in the body of ``s`` pins a summation index
    only through a multiple of it (``delta(i, 3k + 1)``): sympy sums it out
    as if ``k = (i - 1)/3`` were always an index, whatever ``i``'s residue."""
    bound = set(s.bound_symbols)
    for d in s.function.atoms(sp.KroneckerDelta):
        diff = sp.expand(d.args[0] - d.args[1])
        for k in diff.free_symbols & bound:
            slope = diff.diff(k)
            if slope.free_symbols & bound or slope not in (sp.S.One, sp.S.NegativeOne):
                return True
    return False


def delta_congruence(sides: Sequence[object]) -> str | None:
    """Why sympy's delta summation is not to be trusted in the sides (a
    delta pinning an index through a multiple of it), or ``None``."""
    for side in sides:
        for part in side if isinstance(side, tuple) else (side,):
            if isinstance(part, sp.Basic):
                for s in part.atoms(sp.Sum):
                    if _congruent(s):
                        return (f"{sp.sstr(s)[:80]} pins its index through a multiple of it: "
                                "sympy's delta summation ignores the residue, and it is not used")
    return None


def canonical_deltas(e: sp.Basic) -> sp.Basic:
    """``delta(a, b)`` as ``delta(a - b, 0)`` (one with sympy's index range
    times a piecewise that is 1 inside it),
    the difference written one way, so that ``delta_{ij}`` and
    ``delta(i - 1, j - 1)`` meet."""
    def one(d: sp.KroneckerDelta) -> sp.Basic:
        diff = sp.expand(d.args[0] - d.args[1])
        if sp.default_sort_key(-diff) < sp.default_sort_key(diff):
            diff = -diff
        if len(d.args) == 3:  # delta(i, j, (1, 3)) is 0 outside its range: a piecewise the ranges decide
            lo, hi = d.args[2]
            return sp.KroneckerDelta(diff, 0) * sp.Piecewise(
                (1, sp.And(sp.Ge(d.args[0], lo), sp.Le(d.args[0], hi))), (0, True))
        return sp.KroneckerDelta(diff, 0)

    return e.replace(lambda x: isinstance(x, sp.KroneckerDelta), one)


#: what binds a name: a sum's, product's, integral's, lambda's, limit's, derivative's or substitution's variable
BINDERS = (sp.Sum, sp.Product, sp.Integral, sp.Lambda, sp.Limit, sp.Derivative, sp.Subs)


def bound_by(e: sp.Basic) -> set[sp.Basic]:
    """The names ``e`` (one of :data:`BINDERS`) binds."""
    if isinstance(e, sp.Limit):
        return {e.args[1]}
    if isinstance(e, (sp.Derivative, sp.Subs)):
        return set(e.variables)
    return set(e.bound_symbols)


def _bound_in(factors: Sequence[sp.Basic]) -> set[sp.Basic]:
    """The names the ``factors`` bind."""
    return {x for f in factors for b in f.atoms(*BINDERS) for x in bound_by(b)}


def _pinned(term: sp.Basic) -> sp.Basic:
    """A product with a factor ``delta(a, b)`` has ``x = x - (a - b)/c`` in
    its other factors, for a name ``x`` of coefficient ``c = 1`` or ``-1``
    in ``a - b``: where ``a != b`` the product is 0 either way. Never a
    name some factor binds (a sum's index, a limit's variable), nor a value
    that speaks of one (it would be captured), nor a delta with a range."""
    factors = sp.Mul.make_args(term)
    for d in factors:
        if not isinstance(d, sp.KroneckerDelta) or len(d.args) != 2:
            continue
        rest = [f for f in factors if f is not d]
        bound = _bound_in(rest)
        diff = sp.expand(d.args[0] - d.args[1])
        for x in sorted(diff.free_symbols, key=sp.default_sort_key, reverse=True):
            coeff = diff.coeff(x)
            if x in bound or coeff not in (1, -1) or (diff - coeff * x).has(x):
                continue
            value = sp.expand(-(diff - coeff * x) / coeff)
            if value.free_symbols & bound:
                continue
            return d * sp.Mul(*rest).xreplace({x: value})
    return term


def pin_deltas(e: sp.Basic) -> sp.Basic:
    """Every term of the expanded ``e``, and of the bodies of its sums, with
    its deltas' equations put into its other factors (see :func:`_pinned`),
    so that ``delta_{ij} A_{ij}`` and ``delta_{ij} A_{ii}`` meet."""
    if not e.has(sp.KroneckerDelta):
        return e

    def terms(x: sp.Basic) -> sp.Basic:
        return sp.Add(*[_pinned(t) for t in sp.Add.make_args(sp.expand(x))])

    e = e.replace(lambda x: isinstance(x, sp.Sum) and x.function.has(sp.KroneckerDelta),
                  lambda s: sp.Sum(terms(s.function), *s.limits))
    return terms(e)


def empty_ranges(expr: sp.Basic, facts: Facts) -> sp.Basic:
    """``expr`` with every sum and product read with the usual convention
    that a range whose upper bound is below its lower bound is empty (sum 0,
    product 1). sympy's ``doit`` and ``simplify`` follow Karr's convention
    instead (``sum_{k=3}^{1} k = -2``); the two agree whenever the range has
    at least ``-1`` terms' slack (``hi >= lo - 1``). So a range provably
    that long is kept, one provably shorter is replaced by 0 (or 1), and an
    undecided one is guarded: ``Piecewise((sum, hi >= lo - 1), (0, True))``.
    Bounds not known to be integers are rounded inwards first."""
    if not expr.has(sp.Sum, sp.Product):
        return expr
    # an index the facts also speak of as a free symbol (j >= 5, and a sum over j): renamed apart,
    # or the facts would decide the ranges of the sum's own j
    expr = facts.bound_apart(expr)

    def single(func: type, body: sp.Basic, limit: tuple[sp.Basic, ...], known: Facts) -> sp.Basic:
        empty = sp.S.Zero if func is sp.Sum else sp.S.One
        var, lo, hi = limit
        # The index runs over the integers between the bounds: a bound not
        # known to be an integer is rounded inwards (sympy would otherwise
        # put it into a closed form, sum_{k=1}^{x} k = x(x+1)/2).
        for bound in (lo, hi):
            if bound.is_integer and not surely_integer(bound):  # sympy would also round e/6 to itself
                raise InputError(f"the bound {bound} of a sum is an integer only by sympy's word, which is wrong "
                                 "for some such forms (e/6 for an even e): not decided")
        lo = lo if lo.is_integer else sp.ceiling(lo)
        hi = hi if hi.is_integer else sp.floor(hi)
        limit = (var, lo, hi)
        whole = func(body, limit)
        slack = sp.expand(hi - lo + 1)
        if known.nonnegative(slack) is True:
            return whole
        if known.positive(-slack) is True:
            return empty
        return sp.Piecewise((whole, sp.Ge(slack, 0)), (empty, True))

    def convention(s: sp.Basic) -> sp.Basic:
        # Inner limits first (sympy lists them inner to outer); an inner
        # range may depend on an outer index, so each is guarded inside,
        # knowing that the outer indices lie in their ranges.
        limits = [tuple(lim) for lim in s.limits]
        out = s.function
        for i, limit in enumerate(limits):
            outer = [c for v, lo, hi in limits[i + 1:] for c in (sp.Ge(v, lo), sp.Le(v, hi))]
            known = Facts(facts.constraints + tuple(outer)) if outer else facts
            out = single(type(s), out, limit, known)
        return s if out == s else out

    return expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)), convention)


def normalize_sums(expr: sp.Basic, facts: Facts, *, shift: bool = False) -> sp.Basic:
    """Expand, split and align every sum in ``expr``.

    With ``shift`` every sum is first shifted to start at 0, which lines up
    sums written with shifted indices.
    """
    if not has_sum(expr):
        return expr
    expr = sp.expand(expr.replace(lambda e: isinstance(e, sp.Sum), lambda e: _split(e, facts, shift)))
    expr = _align(sp.expand(expr), facts)
    return sp.expand(expr)


def _split(s: sp.Sum, facts: Facts, shift: bool) -> sp.Basic:
    """One sum as a linear combination of canonical single sums."""
    if len(s.limits) != 1:
        # Nested sums: split the innermost first.
        inner = sp.Sum(s.function, *s.limits[:-1])
        outer_var, lo, hi = s.limits[-1]
        # Not Sum(inner, outer): sympy would merge them back into one sum.
        return _split_single(_split(inner, facts, shift), outer_var, lo, hi, facts, shift)
    var, lo, hi = s.limits[0]
    return _split_single(s.function, var, lo, hi, facts, shift)


def _split_single(
    body: sp.Basic, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, facts: Facts, shift: bool
) -> sp.Basic:
    if shift and lo != 0:
        body = body.xreplace({var: var + lo})
        lo, hi = sp.S.Zero, hi - lo
    index = _index_for(body, var)
    body = body.xreplace({var: index}) if var != index else body
    body = sp.expand(sp.powsimp(sp.expand(body, power_exp=True, mul=True), combine="base"), power_exp=True)
    terms = sp.Add.make_args(body)
    out = sp.S.Zero
    for term in terms:
        const, dep = term.as_independent(index, as_Add=False)
        if dep == 1:
            out += const * (hi - lo + 1) if _nonempty_or_one_short(lo, hi, facts) else const * sp.Sum(
                sp.S.One, (index, lo, hi)
            )
        else:
            out += const * sp.Sum(dep, (index, lo, hi))
    return out


def _nonempty_or_one_short(lo: sp.Expr, hi: sp.Expr, facts: Facts) -> bool:
    return facts.nonnegative(sp.expand(hi - lo + 1)) is True


def _align(expr: sp.Basic, facts: Facts) -> sp.Basic:
    """Peel terms so that sums of the same body share their bounds."""
    sums = [s for s in expr.atoms(sp.Sum) if len(s.limits) == 1]
    groups: dict[tuple[sp.Basic, sp.Basic], list[sp.Sum]] = defaultdict(list)
    for s in sums:
        groups[(s.function, s.limits[0][0])].append(s)
    replacements: dict[sp.Basic, sp.Basic] = {}
    for (body, index), members in groups.items():
        if len(members) < 2:
            continue
        lows = [m.limits[0][1] for m in members]
        highs = [m.limits[0][2] for m in members]
        lo_ref = _extreme(lows, want_max=True)
        hi_ref = _extreme(highs, want_max=False)
        if lo_ref is None or hi_ref is None:
            continue
        if not _nonempty_or_one_short(lo_ref, hi_ref, facts):
            continue
        for m in members:
            _, lo, hi = m.limits[0]
            extra_low = int(lo_ref - lo)
            extra_high = int(hi - hi_ref)
            if extra_low == 0 and extra_high == 0:
                continue
            peeled = sp.Sum(body, (index, lo_ref, hi_ref))
            peeled += sp.Add(*[body.xreplace({index: lo + i}) for i in range(extra_low)])
            peeled += sp.Add(*[body.xreplace({index: hi_ref + 1 + i}) for i in range(extra_high)])
            replacements[m] = peeled
    if not replacements:
        return expr
    return expr.xreplace(replacements)


def _extreme(values: list[sp.Expr], *, want_max: bool) -> sp.Expr | None:
    """The largest (or smallest) of bounds that differ by integer constants;
    ``None`` when some pair differs by anything else."""
    best = values[0]
    for v in values[1:]:
        diff = sp.expand(v - best)
        if not diff.is_Integer:
            return None
        if (diff > 0) == want_max and diff != 0:
            best = v
    # Peeling more than a few terms is not what people write; stay cheap.
    if any(abs(int(sp.expand(v - best))) > 8 for v in values):
        return None
    return best


def _read_scalars_of_matrix(m: sp.MatrixExpr, read: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
    """The matrix expression ``m`` with each scalar sum or product it holds
    (a factor ``sum_{k=4}^{n} 1 A``, an exponent, an entry) read by ``read``,
    ``m`` itself rebuilt unevaluated: sympy's ``doit`` of a matrix product
    would put in the sum's reversed-range (Karr) value."""
    found: dict[sp.Basic, sp.Basic] = {}
    todo: list[sp.Basic] = [m]
    while todo:
        x = todo.pop()
        if isinstance(x, (sp.Sum, sp.Product)) and not isinstance(x.function, (sp.MatrixExpr, sp.MatrixBase)):
            found[x] = read(x)
            continue
        todo.extend(a for a in x.args if isinstance(a, sp.Basic))
    found = {k: v for k, v in found.items() if k != v}
    return m.xreplace(found) if found else m


def read_sums(goal: Goal) -> Goal:
    """The goal with every sum and product read with the empty-range
    convention (see :func:`symproofs.verifier.sums.empty_ranges`), so that
    no strategy and no probe point uses sympy's reversed-range values."""
    facts = goal.context.facts
    defined: list[sp.Basic] = []

    def read(e: sp.Basic) -> sp.Basic:
        return empty_ranges(honest_indices(e, facts), facts)

    def side(s: object) -> object:
        if isinstance(s, tuple):
            return tuple(side(p) for p in s)
        if isinstance(s, sp.MatrixExpr):
            return _read_scalars_of_matrix(s, read)
        if isinstance(s, sp.Basic) and not isinstance(s, sp.MatrixExpr) and s.has(sp.Sum, sp.Product):
            # A denominator can cancel as soon as a sum's value is written in:
            # (x^2 - S^2)/(x - S) with S = 0 is x, and (x^2 - m^2)/(x - m) * S
            # is 0. Where it vanishes the written side has no value, so it
            # stays a condition of the step.
            for base in denominators(s):
                if isinstance(base, sp.Expr) and base.free_symbols:
                    value = read(base) if base.has(sp.Sum, sp.Product) else base
                    if not (value.is_number and value.is_zero is False):
                        defined.append(sp.Ne(value, 0))
            return read(s)
        return s

    lhs, rhs = side(goal.lhs), side(goal.rhs)
    if lhs is goal.lhs and rhs is goal.rhs:
        return goal
    kept = [c for c in dict.fromkeys(defined) if c is not sp.true]
    if sp.false in kept:
        raise InputError("a side has no value: one of its denominators is 0 (an empty sum or product)")
    if kept:
        goal = replace(goal, context=replace(goal.context, facts=Facts((*facts.constraints, *kept))))
    return replace(goal, lhs=lhs, rhs=rhs)
