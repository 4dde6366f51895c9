"""Exact values at a point: whether a relation between two of them fails.

The probe and the oracles compare values only here. A comparison is
decided exactly (rationals; algebraic numbers through their minimal
polynomial) or numerically with a margin far above the working precision;
anything else (a value that is undefined, infinite, not real, or too close
to call) raises :class:`Undecided`, and the point refutes nothing.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Undecided", "admissible", "exactly_zero", "fails"]


class Undecided(Exception):
    """The value at a point cannot be compared (undefined, complex, too big)."""


def admissible(target: sp.Basic, value: sp.Basic) -> bool:
    """Whether ``value`` may stand for ``target`` (a symbol, or an
    application of an undeclared function): every sympy assumption of the
    target (``odd``, ``prime``, ``integer=False``, ``irrational``,
    ``positive``, ...) must be decided the same way for the value. An
    assumption the value leaves undecided makes it inadmissible."""
    if isinstance(target, sp.Symbol):
        declared = target.assumptions0
    elif isinstance(target, AppliedUndef):
        declared = getattr(target.func, "_kwargs", None) or {}
    else:
        return True
    for name, wanted in declared.items():
        if wanted is None or name == "commutative":
            continue
        if getattr(value, f"is_{name}", None) is not wanted:
            return False
    return True


def exactly_zero(v: sp.Basic) -> bool:
    """Whether ``v`` is 0, decided exactly (algebraic numbers by their minimal polynomial), else ``False``."""
    if not isinstance(v, sp.Expr) or v.free_symbols:
        return False
    e = sp.expand(v)
    if e.is_Rational:
        return bool(e == 0)
    try:
        z = sp.Dummy("z")
        return bool(sp.minimal_polynomial(e, z) == z)
    except Exception:  # not algebraic, or too hard: not shown to vanish
        return False


def _numerically_real(v: sp.Expr) -> bool:
    """Whether ``v``, a number sympy cannot classify, has no imaginary part."""
    if v.is_Rational or v.is_extended_real:
        return True
    try:
        part = sp.im(v.evalf(30, strict=False))
    except Exception:  # not a number: the caller decides nothing either way
        return True
    return not (part.is_number and abs(part) > sp.Float("1e-20"))


def fails(a: sp.Basic, b: sp.Basic, kind: str) -> bool:
    """Whether ``a kind b`` is false, decided rigorously; ``Undecided`` if a
    value is not finite and real. A side that is not real at the point (the
    principal value ``(-8)**(1/3) = 1 + sqrt(3)*I``, where a reader means the
    real root -2) is no counterexample, for equations too."""
    for v in (a, b):
        if not isinstance(v, sp.Expr) or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise Undecided("not a finite number")
        if v.has(sp.I) or v.is_extended_real is False or not _numerically_real(v):
            raise Undecided("not a real number")
    d = sp.expand(a - b) if not (a.is_Rational and b.is_Rational) else a - b
    if d.is_Rational:
        value = d
    else:
        try:
            value = d.evalf(40, strict=True)
        except Exception as exc:  # precision exhausted, or not numeric
            raise Undecided(str(exc)) from exc
        if kind != "eq" and not value.is_real:
            raise Undecided("complex value")
        if abs(value) < sp.Float("1e-25"):
            if kind == "eq":
                return False
            raise Undecided("too close to decide")
    if kind == "eq":
        return bool(value != 0)
    if kind == "le":
        return bool(value > 0)
    if kind == "lt":
        return bool(value >= 0)
    raise ValueError(kind)
