"""Whether a constant is zero, decided only when proved.

``x - y != 0`` compares forms: ``sin(1)**2 + cos(1)**2 - 1`` is a number
that is not the expression ``0``, yet it is zero. :func:`constant_zero`
answers ``True`` only when the constant is shown to vanish (a rational 0,
the minimal polynomial ``z`` of an algebraic number, sympy's assumptions or
its simplification to ``0``), ``False`` only when it is shown not to (a
nonzero rational or algebraic number, or a value evaluated to 50 correct
digits, far from 0), and ``None`` otherwise.

>>> import sympy as sp
>>> constant_zero(sp.sin(1)**2 + sp.cos(1)**2 - 1), constant_zero(sp.pi - 3), constant_zero(sp.Symbol("x"))
(True, False, None)
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import untrusted

__all__ = ["constant_zero"]

#: Digits a value must be evaluated to (sympy's evalf with ``strict=True``
#: raises rather than give fewer) before it counts as away from 0.
_DIGITS = 50

#: A value evaluated as above whose absolute value exceeds this is not 0.
_MARGIN = sp.Float("1e-30")


def constant_zero(d: sp.Basic) -> bool | None:
    """Whether the constant ``d`` is 0: ``True`` or ``False`` when proved,
    ``None`` when not decided or when ``d`` is not a finite constant."""
    if not isinstance(d, sp.Expr) or d.free_symbols or not d.is_number:
        return None
    if d.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    e = sp.expand(d)
    if e.is_Rational:
        return bool(e == 0)
    if not untrusted(e) and e.is_zero is not None:
        return bool(e.is_zero)
    try:
        value = e.evalf(_DIGITS, strict=True)
    except Exception:  # precision exhausted (a zero, or too close to one), or no numeric value
        value = None
    if value is not None and value.is_number and abs(value) > _MARGIN:
        return False
    algebraic = _algebraic_zero(e)
    if algebraic is not None:
        return algebraic
    try:
        return True if sp.simplify(e) == 0 else None
    except Exception:  # sympy could not simplify it: undecided
        return None


def _algebraic_zero(e: sp.Expr) -> bool | None:
    """Whether the algebraic number ``e`` is 0, by its minimal polynomial;
    ``None`` when ``e`` is not (known to be) algebraic."""
    try:
        z = sp.Dummy("z")
        return bool(sp.minimal_polynomial(e, z) == z)
    except Exception:  # not algebraic, or too hard
        return None
