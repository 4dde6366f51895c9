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

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation
from symproofs.core.results import Trust, Verdict

__all__ = ["antiderivatives", "integrals", "normal_integrals"]

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
    state.diff = form  # type: ignore[attr-defined]
    return None


def antiderivatives(goal: Goal) -> tuple[Goal, sp.Symbol | None]:
    r"""A goal with indefinite integrals, as a TA reads it: an indefinite
    integral is a function known up to a constant, so ``\int 2x dx = x^2 + C``
    (or ``= x^2 + 5``) holds when the derivatives of the two sides in the
    integration variable agree. The goal comes back between those
    derivatives, with the variable (``None`` when there is no indefinite
    integral). Only ``=`` is read, in one variable, with the integrals
    entering the difference of the sides linearly and with factors that do
    not depend on the variable (``x \int f dx`` depends on the constant);
    anything else is an :class:`InputError`."""
    sides = [s for s in (goal.lhs, goal.rhs) if isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr)]
    if len(sides) != 2:
        return goal, None
    found = {i for s in sides for i in s.atoms(sp.Integral) if any(len(lim) == 1 for lim in i.limits)}
    if not found:
        return goal, None
    if goal.relation is not Relation.EQ:
        raise InputError("an indefinite integral is a function known up to a constant: "
                         "only an equation with it is checked")
    variables = {lim[0] for i in found for lim in i.limits}
    if len(variables) != 1 or any(len(i.limits) != 1 for i in found):
        raise InputError("indefinite integrals in several variables are not checked")
    (x,) = variables
    marks = {i: sp.Dummy(f"I{k}") for k, i in enumerate(sorted(found, key=sp.default_sort_key))}
    gap = sp.expand((goal.lhs - goal.rhs).xreplace(marks))  # type: ignore[operator]
    linear = all(not gap.diff(m).has(x, *marks.values()) for m in marks.values())
    if not linear or any(i.has(*marks.values()) for i in found):
        raise InputError("an indefinite integral inside a product or a function depends on its "
                         "constant: not checked")
    return replace(goal, lhs=sp.diff(goal.lhs, x), rhs=sp.diff(goal.rhs, x)), x
