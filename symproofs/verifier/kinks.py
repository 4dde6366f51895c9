"""Identities between ``max``, ``min`` and ``|.|`` proved case by case.

``max(a, b) = (a + b + |a - b|)/2`` holds because on each side of the one
kink ``a - b = 0`` both sides are the same rational function: where
``a - b >= 0`` it reads ``a = (a + b + a - b)/2``, elsewhere ``b = (a + b +
b - a)/2``. sympy's ``simplify`` finds this only through piecewise
functions whose conditions it simplifies at length (seconds, or minutes
when the arguments hold sums); the cases here are a handful of exact
rational normal forms.

A kink is the argument of ``|u|`` or the difference ``a - b`` of
``max(a, b)`` / ``min(a, b)``; two kinks whose ratio is a nonzero number
(``|a - b|`` and ``max(b, a)``, ``|2a - 2b|``) change sign together and
share one case. Every combination of signs of the distinct kinks is a
case: each real point lies in one, so the difference, zero in every case,
is zero wherever it is defined. Only real arguments are split (``|z|`` of a
complex ``z`` is not ``±z``; a rational function of real symbols is real wherever it
is defined), only kinks outside any binder (a kink in the
summation index changes sign within the sum) and not nested in one another,
and at most :data:`MOST_KINKS` distinct kinks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp
from sympy.polys.polyerrors import PolificationFailed

__all__ = ["MOST_KINKS", "zero_in_every_case"]

#: Distinct kinks split at most (``2**MOST_KINKS`` cases).
MOST_KINKS = 4

_KINKED = (sp.Abs, sp.Max, sp.Min)
_BINDERS = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit, sp.Subs, sp.Lambda)


def _kink(f: sp.Basic) -> sp.Expr:
    """The expression whose sign picks the branch of ``f``."""
    return f.args[0] if isinstance(f, sp.Abs) else f.args[0] - f.args[1]


def _pointwise(node: sp.Basic) -> bool:
    """Whether ``node`` takes the value of its arguments at one point: sums,
    products, powers and sympy's elementary functions. Anything else may bind
    a name or average over outcomes (``\\max_i``, an expectation, a
    probability, a sum), where a kink has no single sign."""
    return isinstance(node, (sp.Add, sp.Mul, sp.Pow)) or (
        isinstance(node, sp.Function) and type(node).__module__.startswith("sympy.functions.elementary"))


def _reached_pointwise(e: sp.Basic) -> bool:
    """Whether every kinked function of ``e`` is reached from ``e`` through
    :func:`_pointwise` nodes only."""
    if isinstance(e, _KINKED):
        return True
    if not e.has(*_KINKED):
        return True
    return _pointwise(e) and all(_reached_pointwise(a) for a in e.args)


def _splittable(e: sp.Basic, found: Sequence[sp.Basic]) -> bool:
    """Whether every kinked function of ``e`` is real, binary, reached
    through pointwise operations only (never inside a binder, ``\\max_i``,
    an expectation or a probability) and free of other kinked functions."""
    if any(isinstance(x, _BINDERS) and x.has(*_KINKED) for x in sp.preorder_traversal(e)) \
            or not _reached_pointwise(e):
        return False
    return all((isinstance(f, sp.Abs) or len(f.args) == 2) and not any(a.has(*_KINKED) for a in f.args)
               and all(_real_where_defined(a) for a in f.args) for f in found)


def _real_where_defined(a: sp.Basic) -> bool:
    """``a`` is real, or a rational function of real symbols (real wherever
    its denominator is not 0: ``c/(y - b)``, whose ``is_real`` is unknown;
    rational coefficients only: ``(-1)^{1/3} x`` is not real)."""
    return a.is_real is True or (isinstance(a, sp.Expr) and all(s.is_real is True for s in a.free_symbols)
                                 and a.is_rational_function()
                                 and all(x.is_Rational for x in sp.preorder_traversal(a) if x.is_number))


def _same_sign(k: sp.Expr, other: sp.Expr) -> int:
    """``1`` if ``k`` is a positive multiple of ``other``, ``-1`` if a
    negative one, else ``0``."""
    try:
        ratio = sp.cancel(sp.together(k / other))
    except (sp.PolynomialError, PolificationFailed):
        return 0
    if ratio.is_number and ratio.is_real is True and ratio.is_zero is False:
        return 1 if ratio.is_positive else -1
    return 0


def _classes(found: Sequence[sp.Basic]) -> list[tuple[int, int]] | None:
    """For each kinked function, the distinct kink it shares and the sign
    relating them (``None`` past :data:`MOST_KINKS` distinct kinks)."""
    reps: list[sp.Expr] = []
    out: list[tuple[int, int]] = []
    for f in found:
        k = _kink(f)
        if k == 0:
            return None
        for i, rep in enumerate(reps):
            sign = _same_sign(k, rep)
            if sign:
                out.append((i, sign))
                break
        else:
            reps.append(k)
            out.append((len(reps) - 1, 1))
    return out if len(reps) <= MOST_KINKS else None


def _branch(f: sp.Basic, nonnegative: bool) -> sp.Expr:
    """``f`` where its kink is ``>= 0`` (``nonnegative``) or ``< 0``."""
    if isinstance(f, sp.Abs):
        return f.args[0] if nonnegative else -f.args[0]
    a, b = f.args
    return (a if nonnegative else b) if isinstance(f, sp.Max) else (b if nonnegative else a)


def zero_in_every_case(e: sp.Basic) -> bool:
    """Whether ``e`` (a scalar with ``max``, ``min`` or ``|.|``) is zero in
    every case of the signs of its kinks, each case's rational normal form
    being 0."""
    if not isinstance(e, sp.Expr) or isinstance(e, sp.MatrixExpr) or not e.has(*_KINKED):
        return False
    found = sorted(e.atoms(*_KINKED), key=sp.default_sort_key)
    if not _splittable(e, found):
        return False
    classes = _classes(found)
    if classes is None:
        return False
    count = 1 + max(i for i, _ in classes)
    for signs in itertools.product((True, False), repeat=count):
        at = {f: _branch(f, signs[i] if s > 0 else not signs[i]) for f, (i, s) in zip(found, classes, strict=True)}
        try:
            if sp.cancel(sp.together(e.xreplace(at))) != 0:
                return False
        except (sp.PolynomialError, PolificationFailed):  # a case whose normal form sympy cannot take
            return False
    return True

