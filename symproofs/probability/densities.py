r"""The density of a random variable, as a text names it ("let $f_i$ be the
density of $a_i$"), and the integrals against it read as expectations.

``Density(X, x)`` is the value at ``x`` of the density of ``X``: an
unevaluated function of ``x`` that nothing else knows, so that a step about
it is checked as about any function, except where an integral against it is
an expectation (the law of the unconscious statistician):

* ``\int_0^\infty h(x) Density(X, x) dx = E[h(max(0, X))]`` when ``h(0) = 0``
  (the part where ``X <= 0`` contributes ``h(0) = 0``);
* ``\int_0^\infty h(x) Density(X, -x) dx = E[h(-min(0, X))]`` when ``h(0) = 0``
  (the change of variables ``x -> -x``).

These are the only forms :func:`as_expectations` rewrites: the integrals
normal form (:mod:`symproofs.verifier.integrals`) puts every integral over
the line or a half-line in them. Like that normal form, the rewrite takes
the integrals to exist.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from symproofs.core.printing import powered
from symproofs.probability.variables import E

__all__ = ["Density", "as_expectations"]


class Density(sp.Function):  # type: ignore[misc]
    """``Density(X, x)``: the density of the random variable ``X`` at ``x``."""

    nargs = 2
    is_real = True

    def _eval_evalf(self, prec: int) -> None:  # no numeric value without a law
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(rf"f_{{{printer._print(self.args[0])}}}\left({printer._print(self.args[1])}\right)", exp)


def _as_expectation(integral: sp.Integral) -> sp.Basic | None:
    """One integral over ``(0, oo)`` of ``h(x)`` times one density at ``x``
    or ``-x``, as an expectation; ``None`` for any other."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return None
    x, lo, hi = integral.limits[0]
    if lo != 0 or hi is not sp.oo or not isinstance(x, sp.Symbol):
        return None
    factors = sp.Mul.make_args(integral.function)
    found = [f for f in factors if isinstance(f, Density)]
    if len(found) != 1:
        return None
    (density,) = found
    rest = sp.Mul(*(f for f in factors if f is not density))
    variable, at = density.args
    if rest.has(Density) or variable.has(x) or at not in (x, -x):
        return None
    try:
        at_zero = rest.subs(x, 0)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if at_zero != 0:
        return None
    part = sp.Max(0, variable) if at == x else -sp.Min(0, variable)
    return E(rest.xreplace({x: part}))


def as_expectations(e: sp.Basic) -> sp.Basic:
    """``e`` with each integral of the forms above as an expectation (the
    others as they are)."""
    if not isinstance(e, sp.Basic) or not e.has(Density):
        return e

    def one(i: sp.Integral) -> sp.Basic:
        if len(i.limits) != 1:
            return i
        terms = [sp.Integral(t, i.limits[0]) for t in sp.Add.make_args(sp.expand(i.function))]
        found = [_as_expectation(t) for t in terms]
        if all(f is None for f in found):
            return i
        return sp.Add(*(t if f is None else f for t, f in zip(terms, found, strict=True)))

    return e.replace(lambda x: isinstance(x, sp.Integral), one)
