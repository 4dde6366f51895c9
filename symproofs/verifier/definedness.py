"""Where an expression is defined: its denominators.

The probe substitutes a whole point at once into an expression with sums;
sympy may then combine powers of one base (``S * S**(-1/2)`` into
``sqrt(S)``) before an empty sum ``S`` becomes 0, so that a side that is
``0/0`` at the point evaluates to a number. Each denominator is therefore
evaluated on its own: a point where one is exactly 0 is not a point of the
step's domain, and no counterexample is drawn from it.

>>> x, S = sp.symbols("x S")
>>> denominators((x**2 - S) / (x - sp.sqrt(S)))
[-sqrt(S) + x]
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

__all__ = ["denominators", "vanishing_denominator"]


def denominators(expr: sp.Basic) -> list[sp.Basic]:
    """The bases ``expr`` raises to a negative power, outermost first, each
    once; those inside a sum, product or integral that mention its bound
    variable are left out (they are not values at the point)."""
    out: list[sp.Basic] = []

    def walk(e: sp.Basic, bound: frozenset[sp.Basic]) -> None:
        if isinstance(e, sp.Pow) and e.exp.is_negative and not (e.base.free_symbols & bound):
            if e.base not in out:
                out.append(e.base)
        if isinstance(e, (sp.Sum, sp.Product, sp.Integral)):
            bound = bound | {lim[0] for lim in e.limits}
        for a in e.args:
            if isinstance(a, sp.Basic):
                walk(a, bound)

    walk(expr, frozenset())
    return out


def vanishing_denominator(expr: sp.Basic, value: Callable[[sp.Basic], sp.Basic]) -> bool:
    """Whether a denominator of ``expr`` is exactly 0 where ``value``
    evaluates (a denominator ``value`` cannot evaluate does not count)."""
    for base in denominators(expr):
        try:
            v = value(base)
        except Exception:  # undefined itself, or not a number: no verdict on definedness
            continue
        if isinstance(v, sp.Expr) and v.is_zero is True:
            return True
    return False
