"""Whether the sides of a step have a value at all.

A step is checked where both of its sides are defined; a step whose side
may have no value (a series that may diverge, a limit at a jump, an
expectation that may be ``0/0`` at an atom) or has none at any admissible
point (a sum through a term ``1/0``, an order between numbers that are
never real) is neither proved nor refuted: proving it would certify a
statement with no instance, and no point can refute it.

>>> k, n = sp.Symbol("k", integer=True), sp.Symbol("n", integer=True, positive=True)
>>> sum_pole(sp.Sum(1 / (k - 2), (k, 1, n + 2)), None)
'the sum Sum(1/(k - 2), (k, 1, n + 2)) may not exist: its term 1/(k - 2) is 1/0 at k = 2'
>>> x = sp.Symbol("x", real=True)
>>> never_real((sp.sqrt(-1 - x**2),), None).split(":")[0]
'sqrt(-x**2 - 1) is real at no admissible value (-x**2 - 1 is outside its real domain at every one)'
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.core.goals import Goal
from symproofs.verifier.definedness import REAL_DOMAIN, partly_real, parts, sides_existence_problem
from symproofs.verifier.givens import exposed
from symproofs.verifier.limits import jump_problem

__all__ = ["bound_problem", "goal_existence_problem", "never_real", "sum_pole"]


def _decide(rel: sp.Basic, facts: Facts | None) -> bool | None:
    """The truth of ``rel`` for every admissible value, when decided."""
    if rel in (sp.true, sp.false):
        return bool(rel)
    return None if facts is None else facts.decide(rel)


def _integer_roots(base: sp.Expr, k: sp.Symbol) -> list[sp.Expr] | None:
    """The roots of the polynomial ``base`` in ``k`` that are integers; None
    when ``base`` is no polynomial in ``k`` (``2^k - 4``)."""
    try:
        poly = sp.Poly(base, k)
        if any(k in g.free_symbols for g in poly.gens if g != k):
            return None
        found = sp.roots(poly)
    except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
        return None
    return sorted((r for r in found if r.is_integer is True), key=sp.default_sort_key)


def sum_pole(s: sp.Sum | sp.Product, facts: Facts | None) -> str | None:
    """Why a sum or product has no value: its term is ``1/0`` at an integer
    that lies in the range of its index (or may lie there) for the
    admissible values of the bounds."""
    body = s.function
    what = "sum" if isinstance(s, sp.Sum) else "product"
    for lim in s.limits:
        if len(lim) != 3:
            continue
        k, lo, hi = lim
        for p in sorted(body.atoms(sp.Pow), key=sp.default_sort_key):
            if p.exp.is_negative is not True or k not in p.base.free_symbols:
                continue
            roots = _integer_roots(p.base, k)
            if roots is None:  # 2^k - 4: no roots to list; a pole unless it is nonzero at every integer
                at = p.base.xreplace({k: sp.Dummy("k", integer=True)})
                if at.is_zero is not False:
                    return (f"the {what} {sp.sstr(s)} may not exist: its term {sp.sstr(body)} may be 1/0 at an "
                            f"integer {sp.sstr(k)} of its range ({sp.sstr(p.base)} is not provably nonzero there)")
                continue
            for r in roots:
                inside = (_decide(sp.Ge(r, lo), facts), _decide(sp.Le(r, hi), facts))
                if False not in inside:
                    return (f"the {what} {sp.sstr(s)} may not exist: its term {sp.sstr(body)} is 1/0 at "
                            f"{sp.sstr(k)} = {sp.sstr(r)}")
    return None


def never_real(sides: Sequence[object], facts: Facts | None) -> str | None:
    """A part of a side that is real at no admissible value (``sqrt`` or
    ``log`` of a provably negative number): a step about real numbers has
    no point there."""
    for part in (q for side in parts(sides) for q in partly_real(side)):
        if isinstance(part, sp.Pow):
            if part.exp.is_integer is not False:
                continue
            arg = part.base
            conditions: tuple[sp.Basic, ...] = (sp.Ge(arg, 0) if part.exp.is_positive else sp.Gt(arg, 0),)
        else:
            arg = part.args[0]
            conditions = REAL_DOMAIN[type(part)](arg)
        if any(_decide(c, facts) is False for c in conditions):
            return (f"{sp.sstr(part)} is real at no admissible value ({sp.sstr(arg)} is outside its real domain at "
                    "every one): an order between values that are never real is not checked")
    return None


def goal_existence_problem(goal: Goal) -> str | None:
    """Why a side of ``goal`` may have no value (see the module), or ``None``."""
    sides = (goal.lhs, goal.rhs)
    facts = goal.context.facts
    problem = sides_existence_problem(sides, facts) or jump_problem((*sides, *exposed(goal)))
    if problem is not None:
        return problem
    for part in parts(sides):
        for s in part.atoms(sp.Sum, sp.Product):
            problem = sum_pole(s, facts)
            if problem is not None:
                return problem
    if goal.relation.is_order:
        problem = never_real(sides, facts)
        if problem is not None:
            return problem
    return next(filter(None, (a.existence_problem(goal) for a in goal.context.algebras)), None)


def bound_problem(goal: Goal) -> str | None:
    r"""Why a sum or product of ``goal`` has no range to read: a bound written
    as an operation on names (``2m``, ``n/2``, ``\sqrt{n}``) that is not known
    to be a whole number. Read up to its floor, ``\sum_{k=1}^{2m} (-1)^k = 0``
    fails at ``m = 1/2``, and ``\sum_{k=1}^{n/2} 1 = n/2`` at ``n = 1``; read as a
    whole number, both hold: neither is decided. A bound that is one name
    (``n``, ``d^{(t-1)}``) counts terms, a whole number by convention."""
    for part in parts((goal.lhs, goal.rhs)):
        for s in part.atoms(sp.Sum, sp.Product):
            for limit in s.limits:
                for bound in limit[1:]:
                    if isinstance(bound, sp.Expr) and bound.free_symbols and not bound.is_Atom \
                            and not isinstance(bound, (AppliedUndef, sp.Indexed)) and bound.is_integer is not True:
                        return f"the bound {sp.sstr(bound)} of a sum may not be a whole number: its range is not read"
    return None

