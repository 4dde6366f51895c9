"""Exact values at a point: whether a relation between two of them fails,
and the values a point gives what it does not draw (an undeclared
function's applications, entries of declared matrices, a symbol an equation
among the facts fixes).

The probe and the oracles compare values only here. A comparison is
decided exactly (rationals; algebraic numbers through their minimal
polynomial) or numerically with a margin far above the working precision;
anything else (a value that is undefined, infinite, not real, or too close
to call) raises :class:`Undecided`, and the point refutes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

__all__ = ["ORIENTED", "Undecided", "admissible", "agree", "bound_value", "entries_at", "exactly_zero", "fails",
           "function_value", "solved_facts"]


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
        if v.has(sp.Derivative):  # left unevaluated at the point: evalf would differentiate numerically, slowly
            raise Undecided("a derivative that has no value here")
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


#: A relation ``a R b`` as the comparison :func:`fails` decides: whether to
#: swap the sides, and ``"eq"``, ``"le"`` or ``"lt"``.
ORIENTED: dict[type, tuple[bool, str]] = {
    sp.Eq: (False, "eq"),
    sp.LessThan: (False, "le"),
    sp.StrictLessThan: (False, "lt"),
    sp.GreaterThan: (True, "le"),
    sp.StrictGreaterThan: (True, "lt"),
}


def agree(a: sp.Basic, b: sp.Basic) -> bool:
    """Whether ``a`` and ``b``, one side's value found in two ways, are the
    same finite real number: exactly, or (a transcendental number) to within
    :func:`fails`'s margin. A value that cannot be compared agrees with nothing."""
    if not all(isinstance(v, sp.Expr) and v.is_number and not v.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I)
               for v in (a, b)):
        return False
    if a == b or exactly_zero(a - b):
        return True
    try:
        return not fails(a, b, "eq")
    except Undecided:  # a difference that is exactly 0: no precision to give it (log(6) - log(2) - log(3))
        d = (a - b).evalf(40)
        return bool(d.is_Number and abs(d) < sp.Float("1e-25"))


def solved_facts(constraints: Sequence[sp.Basic], taken: AbstractSet[sp.Basic]) -> dict[sp.Symbol, sp.Expr]:
    """Symbols that an equation among the facts gives a value (``mu = (alpha +
    beta)/2``, ``sigma^2 = (beta - alpha)^2/12`` for a positive ``sigma``), in
    an order where each value mentions only symbols drawn or given before it:
    drawing them at random would almost never meet the equation."""
    candidates: list[tuple[sp.Symbol, sp.Expr]] = []
    for c in constraints:
        if not isinstance(c, sp.Eq):
            continue
        for lhs, rhs in ((c.lhs, c.rhs), (c.rhs, c.lhs)):
            if isinstance(lhs, sp.Symbol) and lhs not in taken and not rhs.has(lhs):
                candidates.append((lhs, rhs))
                break
            if isinstance(lhs, sp.Pow) and isinstance(lhs.base, sp.Symbol) and lhs.exp == 2 \
                    and lhs.base.is_nonnegative and lhs.base not in taken and not rhs.has(lhs.base):
                candidates.append((lhs.base, sp.sqrt(rhs)))
                break
    solved: dict[sp.Symbol, sp.Expr] = {}
    pending = [(s, e) for s, e in candidates]
    for _ in range(len(pending)):
        later = []
        for s, e in pending:
            if s in solved:
                continue
            if e.free_symbols & ({x for x, _ in pending} - set(solved)):
                later.append((s, e))
            else:
                solved[s] = e.xreplace(solved)
        if not later:
            break
        pending = later
    return solved


def entries_at(e: sp.Basic, lawful: frozenset[sp.Basic]) -> list[sp.Basic]:
    """The entries ``X[0, 1]`` of declared matrices at numeric positions in
    ``e``: free real values, like an undeclared function's values. An entry
    outside its matrix (``X[4, 0]`` of a 2-row ``X``), or of a matrix whose
    entries follow a declared law (a keep-mask's are 0 or 1), has no free
    value: :class:`Undecided`."""
    out = []
    for m in e.atoms(MatrixElement):
        if not (isinstance(m.parent, sp.MatrixSymbol) and m.i.is_number and m.j.is_number):
            continue
        if any(m.parent.name == str(getattr(x, "name", "")) for x in lawful):
            raise Undecided("an entry of a matrix with a declared law")
        rows, cols = m.parent.shape
        inside = [sp.Ge(m.i, 0), sp.Lt(m.i, rows), sp.Ge(m.j, 0), sp.Lt(m.j, cols)]
        if not all(c is sp.true for c in inside):
            raise Undecided("an entry outside its matrix")
        out.append(m)
    return out


def bound_value(call: sp.Basic, rng: random.Random) -> sp.Basic:
    """A value for a function that bounds a sum (a layer's width ``d(t-1)``):
    a small integer where the function's assumptions allow one, so that the
    sum has few terms; else any admissible value."""
    if call.is_integer:
        for cand in rng.sample(range(0, 4), 4):
            if admissible(call, sp.Integer(cand)):
                return sp.Integer(cand)
    return function_value(call, rng)


def function_value(call: sp.Basic, rng: random.Random) -> sp.Basic:
    """A value for an application of an undeclared function that respects
    the function's assumptions (an integer for ``integer=True``, a positive
    number for ``positive=True``); :class:`Undecided` when none is found."""
    for _ in range(40):
        if call.is_integer:
            cand: sp.Basic = sp.Integer(rng.randint(-6, 6))
        else:
            cand = sp.Rational(rng.randint(-20, 20), rng.randint(1, 6))
        if call.is_nonnegative and cand < 0:
            cand = -cand
        if admissible(call, cand):
            return cand
    raise Undecided(f"no admissible value for {call}")
