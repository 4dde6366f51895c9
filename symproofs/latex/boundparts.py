r"""Where a part written under an integral or a limit is defined, over the
values its variable runs over.

sympy erases a root or a logarithm as it builds an expression
(``e^{\ln x}`` is ``x``, ``(\sqrt{x})^2`` is ``x``, ``\sqrt{-x^2}`` is ``i|x|``);
the reader keeps the condition of each part (``x > 0``, ``x \ge 0``,
``-x^2 \ge 0``). On the variable of an integral or a limit the condition is
no statement about a free name: it must hold over the range of integration,
or at the points near the limit point. This module says whether it does
(:func:`bound_condition`): *held* (nothing to assume), *fails* (the part has
no real value at a point the step takes: the reader rejects the side), or
*open* (it cannot tell; the condition stays with the side).

>>> x = sp.Symbol("x", real=True)
>>> bound_condition(sp.Gt(x, 0), sp.Integral(x, (x, -1, 0)))
(<Bound.FAILS: 'fails'>, 'x = -1/2')
>>> bound_condition(sp.Ge(-x**2, 0), sp.Limit(sp.I * sp.Abs(x), x, 0, "+-"))[0]
<Bound.FAILS: 'fails'>
>>> bound_condition(sp.Gt(x, 0), sp.Integral(x, (x, 1, 2)))[0]
<Bound.HELD: 'held'>
"""

from __future__ import annotations

import enum

import sympy as sp

__all__ = ["Bound", "bound_condition"]


class Bound(enum.Enum):
    """What a condition on a bound variable does over its values."""

    HELD = "held"
    FAILS = "fails"
    OPEN = "open"

    def __bool__(self) -> bool:
        raise TypeError("compare a Bound with `is`")


def _solutions(condition: sp.Basic, x: sp.Symbol) -> sp.Set | None:
    try:
        found = sp.solveset(condition, x, sp.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return None
    return found if isinstance(found, (sp.Interval, sp.Union, sp.FiniteSet, sp.EmptySet)) \
        or found is sp.S.EmptySet else None


def _a_point(missing: sp.Set) -> sp.Basic | None:
    """An exact point of ``missing`` (a set of reals), for the message."""
    if isinstance(missing, sp.FiniteSet):
        return next(iter(missing), None)
    piece = missing.args[0] if isinstance(missing, sp.Union) else missing
    if not isinstance(piece, sp.Interval):
        return None
    if piece.inf.is_finite and piece.sup.is_finite:
        return (piece.inf + piece.sup) / 2
    return piece.inf + 1 if piece.inf.is_finite else piece.sup - 1 if piece.sup.is_finite else sp.Integer(0)


def _over_interval(good: sp.Set, lo: sp.Basic, hi: sp.Basic, x: sp.Symbol) -> tuple[Bound, str]:
    low, high = (lo, hi) if (hi - lo).is_nonnegative else (hi, lo)
    missing = sp.Interval.open(low, high) - good
    if missing is sp.S.EmptySet:
        return Bound.HELD, ""
    point = _a_point(missing)
    if point is None or not point.is_real:
        return Bound.OPEN, ""
    return Bound.FAILS, f"{sp.sstr(x)} = {sp.sstr(point)}"


def _near(good: sp.Set, point: sp.Basic, direction: str, x: sp.Symbol) -> tuple[Bound, str]:
    """Whether ``good`` holds at every point beside ``point`` on the sides
    ``direction`` names (some interval on each side)."""
    for side in ("+", "-") if direction == "+-" else (direction,):
        span = sp.Interval.open(point, point + 1) if side == "+" else sp.Interval.open(point - 1, point)
        missing = span - good
        if missing is sp.S.EmptySet:
            continue
        edge = missing.inf if side == "+" else missing.sup
        close = sp.Eq(edge, point)
        if close is sp.true:
            return Bound.FAILS, f"{sp.sstr(x)} near {sp.sstr(point)} ({'above' if side == '+' else 'below'})"
        if close is not sp.false:
            return Bound.OPEN, ""
    return Bound.HELD, ""


def bound_condition(condition: sp.Basic, binder: sp.Basic) -> tuple[Bound, str]:
    """What ``condition`` (on the variable of ``binder``, an integral over
    numeric limits or a limit at a finite point) does over the values the
    variable takes there, with the point where it fails."""
    if isinstance(binder, sp.Integral) and len(binder.limits) == 1 and len(binder.limits[0]) == 3:
        x, lo, hi = binder.limits[0]
    elif isinstance(binder, sp.Limit) and binder.args[2].is_finite:
        x, point = binder.args[1], binder.args[2]
    else:
        return Bound.OPEN, ""
    if not isinstance(x, sp.Symbol) or not condition.free_symbols <= {x}:
        return Bound.OPEN, ""
    good = _solutions(condition, x)
    if good is None:
        return Bound.OPEN, ""
    if isinstance(binder, sp.Integral):
        if not (lo.is_extended_real and hi.is_extended_real and lo.is_number and hi.is_number):
            return Bound.OPEN, ""
        return _over_interval(good, lo, hi, x)
    if not (point.is_real and point.is_number):
        return Bound.OPEN, ""
    return _near(good, point, str(binder.args[3]), x)
