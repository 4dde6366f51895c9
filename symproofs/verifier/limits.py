"""Limits as a reader of real analysis means them.

A limit at a finite point is taken over the real points near it where the
body has a real value. sympy evaluates a limit in the complex plane:
``sqrt(x)`` and ``x log x`` tend to 0 from the left of 0 too, through
imaginary values, and ``asin(x)`` tends to ``pi/2`` from the right of 1.
Here a side of the point counts only where every part of the body that is
real on part of the line (logarithms, roots, inverse sines, ...; see
:data:`~symproofs.verifier.definedness.REAL_DOMAIN`) is provably real on
it, near the point:

* a one-sided limit (``a^+``, ``a^-``) towards a side where the body is not
  provably real is not taken;
* a two-sided limit is the limit over the body's domain: from both sides
  when the body is real on both, from the one side where it is real when it
  is real on one only (``\\lim_{x \\to 0} x \\log x = 0``), and not taken
  when it is real on neither or a side cannot be decided.

A limit with a parameter, or a one-sided limit whose other side is real and
not provably the same, is not taken either (sympy's ``Limit`` is one-sided
by default, so from the Python API a bare ``Limit`` may well mean the
two-sided one).

>>> x = sp.Symbol("x", real=True)
>>> real_sides(x * sp.log(x), x, sp.S.Zero)
{'+': True, '-': False}
>>> on_domain(sp.Limit(x * sp.log(x), x, 0, "+-"))
Limit(x*log(x), x, 0, dir='+')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Goal
from symproofs.verifier.definedness import REAL_DOMAIN, parts

__all__ = ["generic_limit", "jump_problem", "on_domain", "read_limits", "real_sides"]

_NAME = {"+": "right", "-": "left"}


def _conditions(e: sp.Basic) -> tuple[sp.Basic, ...]:
    """Where a part that is real on part of the line is real."""
    if isinstance(e, sp.Pow):
        return (sp.Ge(e.base, 0),) if sp.S(e.exp).is_positive else (sp.Gt(e.base, 0),)
    return REAL_DOMAIN[type(e)](e.args[0])


def _near_zero_sign(f: sp.Expr, t: sp.Symbol) -> int | None:
    """The sign of ``f(t)`` for every small enough ``t > 0``, when decided."""
    try:
        value = sp.limit(f, t, 0, "+")
        if value.is_extended_positive:
            return 1
        if value.is_extended_negative:
            return -1
        if value != 0:
            return None
        lead = sp.simplify(f).as_leading_term(t)
        coeff = sp.simplify(lead / t ** sp.degree(lead, t)) if lead.is_polynomial(t) else None
    except (NotImplementedError, ValueError, TypeError, AttributeError, sp.PolynomialError):
        return None
    if coeff is None or coeff.has(t):
        return None
    return 1 if coeff.is_positive else -1 if coeff.is_negative else None


def _holds_near(cond: sp.Basic, t: sp.Symbol) -> bool | None:
    """Whether ``cond`` (a relation in ``t``) holds for every small ``t > 0``."""
    if cond is sp.true:
        return True
    if cond is sp.false:
        return False
    if not isinstance(cond, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
        return None
    big, small = (cond.lhs, cond.rhs) if isinstance(cond, (sp.Ge, sp.Gt)) else (cond.rhs, cond.lhs)
    sign = _near_zero_sign(big - small, t)
    if sign is None:
        if sp.simplify(big - small) == 0:
            return isinstance(cond, (sp.Ge, sp.Le))
        return None
    return sign > 0


def real_sides(body: sp.Basic, var: sp.Symbol, point: sp.Basic) -> dict[str, bool | None]:
    """For each side of ``point`` (``"+"`` right, ``"-"`` left), whether
    ``body`` is provably real at every real point near it on that side
    (``None``: not decided)."""
    t = sp.Dummy("t", positive=True)
    # The conditions are written in ``var`` and moved to the side after: sympy
    # would rewrite log(-t) as log(t) + i pi before any condition is read.
    conditions = [c for part in sp.preorder_traversal(body) if var in getattr(part, "free_symbols", ())
                  and ((isinstance(part, sp.Pow) and part.exp.is_integer is not True)
                       or isinstance(part, tuple(REAL_DOMAIN))) for c in _conditions(part)]
    out: dict[str, bool | None] = {}
    for side, step in (("+", t), ("-", -t)):
        verdict: bool | None = True
        for cond in conditions:
            holds = _holds_near(cond.xreplace({var: point + step}), t)
            if holds is False:
                verdict = False
                break
            if holds is None:
                verdict = None
        out[side] = verdict
    return out


def _near(cond: sp.Basic, var: sp.Symbol) -> sp.Basic:
    r"""A piecewise condition as it stands at the points near any point but
    that point itself: one that holds at finitely many values of ``var``
    (``x = 0``, ``x \ge 0 \wedge x \le 0``) holds at none of them, and its
    negation at all (sympy's ``limit`` takes the branch of ``x = 0`` at 0)."""
    if not isinstance(cond, sp.Basic) or cond in (sp.true, sp.false) or cond.free_symbols != {var}:
        return cond
    try:
        where = cond.as_set()
    except Exception:  # not a condition sympy can solve in one variable
        return cond
    if isinstance(where, sp.FiniteSet):
        return sp.false
    if isinstance(sp.Complement(sp.S.Reals, where), sp.FiniteSet):
        return sp.true
    return cond


def punctured(body: sp.Basic, var: sp.Symbol) -> sp.Basic:
    """``body`` with each piecewise branch read near a point, not at it (see :func:`_near`)."""
    return body.replace(lambda e: isinstance(e, sp.Piecewise),
                        lambda e: sp.Piecewise(*((v, _near(c, var)) for v, c in e.args)))


def _holds_side(cond: sp.Basic, t: sp.Symbol) -> bool | None:
    """Whether ``cond`` (in ``t``) holds for every small ``t > 0`` (``True``),
    for none of them (``False``), or is not decided (``None``)."""
    if isinstance(cond, (sp.And, sp.Or)):
        found = [_holds_side(a, t) for a in cond.args]
        absorbing = isinstance(cond, sp.Or)  # one True decides an Or, one False an And
        if absorbing in found:
            return absorbing
        return None if None in found else not absorbing
    if isinstance(cond, sp.Not):
        inner = _holds_side(cond.args[0], t)
        return None if inner is None else not inner
    if isinstance(cond, (sp.Eq, sp.Ne)):
        sign = _near_zero_sign(cond.lhs - cond.rhs, t)
        if sign is not None:
            return isinstance(cond, sp.Ne)
        return None
    return _holds_near(cond, t)


def _switches(e: sp.Basic, var: sp.Symbol) -> bool:
    """Whether ``e`` is a piecewise function with a condition on ``var``."""
    return isinstance(e, sp.Piecewise) and any(var in getattr(c, "free_symbols", ()) for _, c in e.args)


def side_body(body: sp.Basic, var: sp.Symbol, point: sp.Basic, side: str) -> sp.Basic | None:
    """``body`` with each piecewise function of ``var`` replaced by the branch
    that holds at every point near ``point`` on ``side`` (``"+"`` right,
    ``"-"`` left), or ``None`` when a branch is not decided. sympy's ``limit``
    reads ``Piecewise((1, x < 0), (x, True))`` as ``x`` on both sides of 0.

    >>> x = sp.Symbol("x", real=True)
    >>> side_body(sp.Piecewise((1, x < 0), (x, True)), x, sp.S.Zero, "-")
    1
    """
    t = sp.Dummy("t", positive=True)
    near = point + (t if side == "+" else -t)
    undecided = False

    def branch(pw: sp.Basic) -> sp.Basic:
        nonlocal undecided
        for value, cond in pw.args:
            holds = _holds_side(sp.S(cond).xreplace({var: near}), t)
            if holds is None:
                break
            if holds:
                return value
        undecided = True
        return pw

    out = body.replace(lambda e: _switches(e, var), branch)
    return None if undecided else out


def _split(lim: sp.Limit) -> sp.Basic | str | None:
    """A limit at a finite point of a body with a piecewise condition on the
    variable, read with the branch that holds on each side: the limit of the
    common branch when both sides take the same one, the common value of the
    one-sided limits when they differ in branch but agree in value; else why
    it is not taken (``None``: no such piecewise function)."""
    body, var, point, side = lim.args
    if not (point.is_finite and body.has(sp.Piecewise)
            and any(_switches(e, var) for e in sp.preorder_traversal(body))):
        return None
    name = sp.sstr(lim)
    found = {s: side_body(body, var, point, s) for s in ("+", "-")}
    bodies = {s: b for s, b in found.items() if b is not None}
    if len(bodies) < 2:
        return (f"the limit {name} may not exist: which branch of the piecewise body holds on each side of "
                f"{sp.sstr(point)} is not decided, and sympy's limit does not look (it is not evaluated)")
    if bodies["+"] == bodies["-"]:
        return sp.Limit(bodies["+"], var, point, str(side))
    values: dict[str, sp.Basic] = {}
    for s, b in bodies.items():
        if (b.free_symbols | point.free_symbols) - {var} or real_sides(b, var, point)[s] is not True:
            return (f"the limit {name} may not exist: its body takes different branches on the two sides of "
                    f"{sp.sstr(point)}, and the {_NAME[s]} one is not evaluated")
        try:
            values[s] = sp.limit(b, var, point, s)
        except (NotImplementedError, ValueError, TypeError, AttributeError):
            return f"the limit {name} may not exist: the {_NAME[s]} limit of {sp.sstr(b)} is not evaluated"
    right, left = values["+"], values["-"]
    if right.has(sp.Limit, sp.nan, sp.zoo) or left.has(sp.Limit, sp.nan, sp.zoo):
        return f"the limit {name} may not exist: a one-sided limit of its body is not evaluated"
    same = right == left if not (right.is_finite and left.is_finite) else sp.simplify(right - left) == 0
    if same:
        return right
    differ = "differ: the two-sided limit does not exist" if (right - left).is_zero is False else \
        "not provably the same"
    return (f"the limit {name} may not exist: its body is {sp.sstr(bodies['-'])} on the left of "
            f"{sp.sstr(point)} and {sp.sstr(bodies['+'])} on the right, with left limit {sp.sstr(left)} and right "
            f"limit {sp.sstr(right)}, {differ} (a one-sided value is not taken as the limit)")


def jump_problem(sides: Sequence[object]) -> str | None:
    """Why a limit of a piecewise body in the sides (as :func:`read_limits`
    leaves it) is not taken: a jump at the point, or a branch not decided."""
    for lim in (x for part in parts(sides) for x in part.atoms(sp.Limit)):
        split = _split(sp.Limit(punctured(lim.args[0], lim.args[1]), *lim.args[1:3], str(lim.args[3])))
        if isinstance(split, str):
            return split
    return None


def on_domain(lim: sp.Limit) -> sp.Basic:
    """A two-sided limit at a finite point whose body is real on one side
    only, as the limit from that side; any other limit as it is. A
    piecewise branch that holds at finitely many points is never the
    limit's (see :func:`punctured`); a piecewise body is read with the
    branch that holds on each side of the point (see :func:`side_body`):
    a limit with a jump there stays as it is, for :func:`jump_problem`."""
    body, var, point, side = lim.args
    if body.has(sp.Piecewise):
        body = punctured(body, var)
        lim = sp.Limit(body, var, point, str(side))
        split = _split(lim)
        if isinstance(split, sp.Limit):
            lim = split
            body = lim.args[0]
        elif split is not None:
            return lim if isinstance(split, str) else split
    if str(side) != "+-" or not point.is_finite:
        return lim
    real = real_sides(body, var, point)
    if sorted(real.values(), key=str) == [False, True]:
        return sp.Limit(body, var, point, next(s for s, ok in real.items() if ok))
    return lim


def read_limits(goal: Goal) -> Goal:
    """The goal with every limit in its sides as :func:`on_domain` reads it."""
    def side(s: object) -> object:
        if isinstance(s, tuple):
            return tuple(side(p) for p in s)
        if isinstance(s, sp.Basic) and not isinstance(s, sp.MatrixExpr) and s.has(sp.Limit):
            return s.replace(lambda x: isinstance(x, sp.Limit), on_domain)
        return s

    lhs, rhs = side(goal.lhs), side(goal.rhs)
    return goal if (lhs, rhs) == (goal.lhs, goal.rhs) else replace(goal, lhs=lhs, rhs=rhs)


def generic_limit(sides: Sequence[object]) -> str | None:
    """Why a limit in the sides is not taken (see the module's rules), or
    ``None`` when every limit is: a limit with a parameter (``lim_{x -> oo}
    a x / (a x + 1) = 1`` fails at ``a = 0``), a side where the body is not
    provably real, a one-sided value whose other side may differ."""
    for lim in (x for part in parts(sides) for x in part.atoms(sp.Limit)):
        body, var, point = lim.args[0], lim.args[1], lim.args[2]
        # a parameter: a free symbol, or a value the step leaves open (f(1), an entry)
        params = ((body.free_symbols | point.free_symbols) - {var}) | {
            a for e in (body, point) for a in e.atoms(AppliedUndef, MatrixElement, sp.Indexed)}
        if params:
            names = ", ".join(sorted(sp.sstr(p) for p in params))
            return (f"the limit {sp.sstr(lim)} depends on {names}: sympy's value holds for generic values only, "
                    "and is not taken as proved")
        if not point.is_finite:
            continue
        side = str(lim.args[3])
        real = real_sides(body, var, point)
        if side == "+-":
            if True not in real.values() or None in real.values():
                return (f"the limit {sp.sstr(lim)}: {sp.sstr(body)} is not provably real near {sp.sstr(point)} on "
                        "each side where it is taken")
            continue
        if real[side] is not True:
            return (f"the limit {sp.sstr(lim)}: {sp.sstr(body)} is not provably real on the {_NAME[side]} of "
                    f"{sp.sstr(point)}, where the limit is taken")
        other = "-" if side == "+" else "+"
        if real[other] is False:
            continue  # the body's domain lies on this side: the one-sided value is the limit
        # sympy's Limit is one-sided (from the right unless told): lim_{x -> 0} |x|/x is 1 there, while
        # the limit a reader means has both sides
        try:
            agree = real[other] is True and sp.limit(body, var, point, side) == sp.limit(body, var, point, other)
        except (NotImplementedError, ValueError, TypeError, AttributeError):
            agree = False
        if not agree:
            return (f"the limit {sp.sstr(lim)} is taken from one side ({side}) and the other side's is not "
                    "provably the same: a one-sided value is not taken as the limit")
    return None
