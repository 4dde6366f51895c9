r"""A normal form for definite integrals over the line: split, reflect, merge.

Two sums of integrals that differ by how the range is cut
(``\int_{\mathbb{R}} = \int_{-\infty}^0 + \int_0^\infty``), by the change of
variables ``x -> -x`` (``\int_{-\infty}^0 x^2 f(x) dx = \int_0^\infty x^2
f(-x) dx``) or by linearity get the same normal form:

1. every integral over a range that contains 0 inside is cut at 0;
2. every integral over a range at or below 0 is reflected to the range at
   or above 0 (``x -> -x``);
3. the variable is renamed to one positive symbol, so that ``max(0, x)``
   is ``x`` on ``(0, oo)`` (the endpoint does not change an integral);
4. integrals over the same range are merged into one (constant factors go
   inside), whose integrand is expanded.

Each rewrite is an identity between integrals that exist (as the usual
improper integral over the line is the sum of its two halves); the
verifier's other normal forms make the same assumption when they cancel
two equal integrals. Integrals with several variables, indefinite
integrals, and limits that are not provably ordered are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation, flatten_side
from symproofs.core.results import Trust, Verdict
from symproofs.probability.densities import Density, as_expectations

__all__ = ["antiderivatives", "indefinite", "integrals", "normal_integrals"]

_PLUS = sp.Symbol("xi_", positive=True)


def _sign(facts: Facts, e: sp.Expr) -> tuple[bool, bool]:
    """Whether ``e <= 0`` and whether ``e >= 0`` are known."""
    if e is sp.oo:
        return False, True
    if e is -sp.oo:
        return True, False
    return facts.nonnegative(-e) is True, facts.nonnegative(e) is True


Piece = tuple[sp.Expr, sp.Expr, sp.Expr]


def _pieces(body: sp.Expr, x: sp.Symbol, lo: sp.Expr, hi: sp.Expr, facts: Facts) -> list[Piece] | None:
    """The integral as integrals over ranges at or above 0: (integrand in
    ``_PLUS``, low, high); ``None`` when the range is not provably ordered
    and placed."""
    lo_neg, lo_pos = _sign(facts, lo)
    hi_neg, hi_pos = _sign(facts, hi)
    if facts.nonnegative(sp.expand(hi - lo)) is not True and not (lo is -sp.oo or hi is sp.oo):
        return None
    if lo_pos:  # [lo, hi] at or above 0
        return [(body.xreplace({x: _PLUS}), lo, hi)]
    if hi_neg:  # reflected: x -> -x
        return [(body.xreplace({x: -_PLUS}), -hi, -lo)]
    if lo_neg and hi_pos:  # cut at 0
        return [(body.xreplace({x: -_PLUS}), sp.S.Zero, -lo), (body.xreplace({x: _PLUS}), sp.S.Zero, hi)]
    return None


def normal_integrals(e: sp.Basic, facts: Facts) -> sp.Basic | None:
    """``e`` with its definite integrals in the normal form above; ``None``
    when an integral cannot be put in it (or there is none)."""
    if not isinstance(e, sp.Expr) or not e.has(sp.Integral) or e.has(_PLUS):
        return None
    failed = False

    def one(i: sp.Integral) -> sp.Basic:
        nonlocal failed
        if len(i.limits) != 1 or len(i.limits[0]) != 3:
            failed = True
            return i
        x, lo, hi = i.limits[0]
        if not (isinstance(x, sp.Symbol) and x.is_real) or i.function.has(sp.Integral):
            failed = True
            return i
        parts = _pieces(i.function, x, lo, hi, facts)
        if parts is None:
            failed = True
            return i
        return sp.Add(*(sp.Integral(b, (_PLUS, a, c)) for b, a, c in parts))

    out = e.replace(lambda x: isinstance(x, sp.Integral), one)
    if failed:
        return None
    return _merge(sp.expand(out))


def _merge(e: sp.Expr) -> sp.Expr:
    """Integrals over the same range merged into one (linearity)."""
    groups: dict[tuple[sp.Expr, sp.Expr], sp.Expr] = defaultdict(lambda: sp.S.Zero)
    rest = sp.S.Zero
    for term in sp.Add.make_args(e):
        found = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Integral)]
        if len(found) != 1:
            rest += term
            continue
        (integral,) = found
        coeff = term / integral
        if coeff.has(_PLUS):
            rest += term
            continue
        _, lo, hi = integral.limits[0]
        groups[(lo, hi)] += coeff * integral.function
    out = rest
    for (lo, hi), body in sorted(groups.items(), key=lambda kv: sp.default_sort_key(kv[0])):
        body = sp.expand(body)
        if body != 0:
            out += sp.Integral(body, (_PLUS, lo, hi))
    return out


def integrals(goal: Goal, state: object) -> Outcome | None:
    """An equation between sums of definite integrals, proved when the
    normal forms of its sides agree; otherwise the difference, in normal
    form, is left for the closed forms (and the message)."""
    if goal.relation is not Relation.EQ:
        return None
    diff = getattr(state, "diff", None)
    if not isinstance(diff, sp.Expr) or isinstance(diff, sp.MatrixExpr) or not diff.has(sp.Integral):
        return None
    form = normal_integrals(diff, goal.context.facts)
    if form is None:
        return None
    if form == 0 or sp.simplify(form) == 0:
        return Outcome(verdict=Verdict.PROVED, method="integrals in normal form (cut at 0, reflected, merged)",
                       trust=Trust.SYMBOLIC)
    even = _reflections(goal)
    if even and form.has(-_PLUS):
        reflected = _merge(sp.expand(form.replace(
            lambda f: isinstance(f, (AppliedUndef, Density)) and f.args and f.args[-1] == -_PLUS
            and (f.func, f.args[:-1]) in even,
            lambda f: even[(f.func, f.args[:-1])] * f.func(*f.args[:-1], _PLUS))))
        if reflected == 0 or sp.simplify(reflected) == 0:
            return Outcome(verdict=Verdict.PROVED, trust=Trust.SYMBOLIC,
                           method="integrals in normal form (cut at 0, reflected with the stated symmetry, merged)")
        form = reflected
    if form.has(Density):  # an integral against a density the text names: an expectation (the algebra goes on)
        form = sp.expand(as_expectations(form))
        if form == 0:
            return Outcome(verdict=Verdict.PROVED, trust=Trust.SYMBOLIC,
                           method="integrals against a named density as expectations")
    state.diff = form  # type: ignore[attr-defined]
    return None


def _reflections(goal: Goal) -> dict[tuple[object, tuple[sp.Basic, ...]], int]:
    r"""The functions a condition of the step says are even or odd in their
    last argument: ``f_i(x) = f_i(-x)`` (1) or ``f(-x) = -f(x)`` (-1), with
    ``x`` a name the step's sides do not hold free (the variable of its
    integrals), so that the condition is read for every ``x``, as written
    beside ``\int_0^\infty x^2 f_i(-x) dx``."""
    free = set().union(*(s.free_symbols for s in flatten_side(goal.lhs) + flatten_side(goal.rhs)))
    found: dict[tuple[object, tuple[sp.Basic, ...]], int] = {}
    for c in goal.context.facts.constraints:
        if not isinstance(c, sp.Eq):
            continue
        for a, b in ((c.lhs, c.rhs), (c.rhs, c.lhs)):
            sign = -1 if isinstance(b, sp.Mul) and b.args[0] == -1 and len(b.args) == 2 else 1
            b = -b if sign == -1 else b
            applied = (AppliedUndef, Density)
            if not (isinstance(a, applied) and isinstance(b, applied) and a.func == b.func and a.args
                    and len(a.args) == len(b.args) and a.args[:-1] == b.args[:-1]):
                continue
            # f(-x) = s f(x) says f(x) = s f(-x) too (s = 1 or -1): either side may hold the plain name
            x = a.args[-1] if isinstance(a.args[-1], sp.Symbol) else b.args[-1]
            if isinstance(x, sp.Symbol) and x not in free and {a.args[-1], b.args[-1]} == {x, -x} \
                    and not any(x in arg.free_symbols for arg in a.args[:-1]):
                found[(a.func, a.args[:-1])] = sign
    return found


def indefinite(e: object) -> bool:
    """Whether ``e`` (a side, a statement) holds an indefinite integral."""
    return isinstance(e, sp.Basic) and any(len(lim) == 1 for i in e.atoms(sp.Integral) for lim in i.limits)


#: what makes "the derivatives agree" say less than "the sides differ by a constant": kinks and jumps
_KINKS = (sp.Piecewise, sp.Abs, sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.Min, sp.Max, sp.frac, sp.Mod)


def antiderivatives(goal: Goal) -> tuple[Goal, sp.Symbol | None]:
    r"""A goal with indefinite integrals, as a TA reads it: an indefinite
    integral is a function known only up to a constant, so a side with one
    has no value, and ``\int 2x dx = x^2 + C`` (or ``= x^2 + 5``) says that
    the two sides differ by a constant. The goal comes back between the
    derivatives of its sides in the integration variable (with the
    variable; ``None`` when there is no indefinite integral): where they
    differ, no constant makes the sides equal, and the step is refuted;
    where they agree, the step holds up to a constant, which is all it can
    say, and it is never *proved* (a chain through it would compose
    "up to a constant" as "=", ``x^2 = \int 2x dx = x^2 + 1``).

    Read only where the derivatives tell: ``=`` in one variable, the
    integrals entering the difference of the sides linearly with factors
    free of the variable (``x \int f dx`` depends on the constant), no
    derivative, substitution or bound use of the variable around them, no
    kink or jump (a "constant" that jumps is no constant), and no given
    about the step's names (a name defined through the variable is not a
    constant); an indefinite integral anywhere else, in a given too, is an
    :class:`InputError` (it has no value to compute with)."""
    if any(indefinite(g.statement) for g in goal.context.givens):
        raise InputError("a given holds an indefinite integral, which is known only up to a constant")
    sides = [s for s in (goal.lhs, goal.rhs) if isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr)]
    if not any(indefinite(s) for s in flatten_side(goal.lhs) + flatten_side(goal.rhs)):
        return goal, None
    what = "an indefinite integral is known only up to a constant"
    if goal.relation is not Relation.EQ or len(sides) != 2:
        raise InputError(f"{what}: only an equation between expressions with it is checked")
    found = {i for s in sides for i in s.atoms(sp.Integral) if any(len(lim) == 1 for lim in i.limits)}
    variables = {lim[0] for i in found for lim in i.limits}
    if len(variables) != 1 or any(len(i.limits) != 1 for i in found):
        raise InputError(f"{what}: indefinite integrals in several variables are not checked")
    (x,) = variables
    marks = {i: sp.Dummy(f"I{k}") for k, i in enumerate(sorted(found, key=sp.default_sort_key))}
    rest = [s.xreplace(marks) for s in sides]
    gap = sp.expand(rest[0] - rest[1])
    linear = all(not gap.diff(m).has(x, *marks.values()) for m in marks.values())
    if not linear or any(i.has(*marks.values()) for i in found):
        raise InputError(f"{what}: one inside a product or a function depends on the constant")
    if any(r.has(sp.Derivative, sp.Subs, sp.Limit, sp.Sum, sp.Product, sp.Integral, *_KINKS) for r in rest):
        raise InputError(f"{what}: the sides around it are not read here")
    names = set().union(*(r.free_symbols for r in rest))
    if any(g.statement.free_symbols & names for g in goal.context.givens):
        raise InputError(f"{what}: a given speaks of the step's names")
    return replace(goal, lhs=sp.diff(goal.lhs, x), rhs=sp.diff(goal.rhs, x)), x
