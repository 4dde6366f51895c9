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

import functools
from collections.abc import Callable, Iterator, Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.probability.densities import Density

__all__ = ["REAL_DOMAIN", "complex_inside", "denominators", "derivative_at", "existence_problem", "irregularity",
           "kinked_points", "may_be_infinite", "partly_real", "parts", "point_problem", "possibly_zero",
           "sides_existence_problem", "vanishing_denominator"]


def denominators(expr: sp.Basic) -> list[sp.Basic]:
    """The bases ``expr`` raises to a negative power, outermost first, each
    once; those inside a sum, product or integral that mention its bound
    variable are left out (they are not values at the point), and so are
    those in a piecewise branch or a substitution (a branch not taken at a
    point divides by nothing there: ``Piecewise((0, Eq(x, 1)), (1/(x-1), True))``)."""
    out: list[sp.Basic] = []

    def walk(e: sp.Basic, bound: frozenset[sp.Basic]) -> None:
        if isinstance(e, (sp.Piecewise, sp.Subs)):
            return
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


#: Functions real at real points only on part of the line, and where each is real for its argument.
REAL_DOMAIN: dict[type, Callable[[sp.Expr], tuple[sp.Basic, ...]]] = {
    sp.log: lambda a: (sp.Gt(a, 0),),
    sp.asin: lambda a: (sp.Ge(a, -1), sp.Le(a, 1)),
    sp.acos: lambda a: (sp.Ge(a, -1), sp.Le(a, 1)),
    sp.acosh: lambda a: (sp.Ge(a, 1),),
    sp.atanh: lambda a: (sp.Gt(a, -1), sp.Lt(a, 1)),
    sp.acoth: lambda a: (sp.Gt(sp.Abs(a), 1),),
    sp.asec: lambda a: (sp.Ge(sp.Abs(a), 1),),
    sp.acsc: lambda a: (sp.Ge(sp.Abs(a), 1),),
}
_PARTLY_REAL: tuple[type[sp.Basic], ...] = tuple(REAL_DOMAIN)


def partly_real(expr: sp.Basic) -> list[sp.Basic]:
    """The parts of ``expr`` that are real at a real point only on part of
    the line: powers with an exponent that is not an integer (``sqrt(x)``,
    ``x^a``), logarithms, inverse sines and cosines, of real symbols only
    (a complex symbol has complex intermediate values by right)."""
    out = []
    for e in sp.preorder_traversal(expr):
        if (isinstance(e, sp.Pow) and e.exp.is_integer is not True) or isinstance(e, _PARTLY_REAL):
            symbols = e.free_symbols
            if symbols and all(getattr(x, "is_real", None) is True for x in symbols):
                out.append(e)
    return out


def complex_inside(expr: sp.Basic, value: Callable[[sp.Basic], sp.Basic]) -> bool:
    """Whether a part of ``expr`` (:func:`partly_real`) is not real where
    ``value`` evaluates, although the whole may be (``sqrt(x) sqrt(x^3)`` is
    ``x^2`` at ``x = -2`` only through ``i \\cdot i = -1``): no point of a
    step about real numbers."""
    for part in partly_real(expr):
        try:
            v = value(part)
        except Exception:  # not evaluated here (a bound variable): no verdict
            continue
        if isinstance(v, sp.Expr) and v.is_extended_real is False:
            return True
    return False


#: Digits to which a number sympy cannot decide to be zero or not is evaluated, and the size below
#: which it counts as possibly zero (``1 - sin(1)^2 - cos(1)^2`` is 0, and ``is_zero`` is ``None``).
_DIGITS, _TINY = 60, sp.Float("1e-40")


def possibly_zero(v: sp.Basic) -> bool:
    """Whether the number ``v`` is 0 or not provably nonzero: ``is_zero``
    when sympy decides it, else its value to many digits below a tiny bound
    (a number that small is treated as 0: a point is rejected, never kept).

    >>> one = sp.Integer(1)
    >>> possibly_zero(one - sp.sin(one) ** 2 - sp.cos(one) ** 2), possibly_zero(sp.sqrt(2) - 1)
    (True, False)
    """
    if not isinstance(v, sp.Expr) or not v.is_number:
        return False
    if v.is_zero is not None:
        return bool(v.is_zero)
    try:
        n = sp.N(v, _DIGITS)
    except Exception:  # not evaluated: not provably nonzero
        return True
    return not (n.is_number and n.is_finite and bool(abs(n) > _TINY))


def vanishing_denominator(expr: sp.Basic, value: Callable[[sp.Basic], sp.Basic]) -> bool:
    """Whether a denominator of ``expr`` is 0, or a number not provably
    nonzero (:func:`possibly_zero`), where ``value`` evaluates; each
    denominator is evaluated on its own, before a factor 0 in front of it
    folds the quotient to 0 (a denominator ``value`` cannot evaluate does
    not count)."""
    for base in denominators(expr):
        try:
            v = value(base)
        except Exception:  # undefined itself, or not a number: no verdict on definedness
            continue
        if possibly_zero(v):
            return True
    return False


def existence_problem(expr: sp.Basic, facts: Facts | None = None) -> str | None:
    """Why a series or an integral of ``expr`` may not exist, or ``None``
    when each one provably does (or follows the course's convention).

    Every identity the normal forms use (splitting a range, cancelling two
    equal terms, merging two series) holds between series and integrals
    that exist; ``\\int_{-1}^1 dx/x`` and ``\\sum 1/k - \\sum 1/(k+1)`` do
    not. A series over an infinite range must be provably convergent. An
    integral must have no singular point on its range (a point where the
    integrand is infinite, even an integrable one, is not decided here),
    and over an infinite range a known integrand must decay (``x^2 f(x) ->
    0``); an unspecified function (a density ``f``) is taken to have the
    integrals the course uses, as the course assumes.

    >>> x = sp.Symbol("x", real=True)
    >>> existence_problem(sp.Integral(1 / x, (x, -1, 1)))
    'the integral of 1/x from -1 to 1 may not exist (its integrand is infinite at 0)'
    >>> existence_problem(sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo))) is None
    True
    """
    for e in sp.preorder_traversal(expr):
        if isinstance(e, sp.Sum):
            problem = _series_problem(e, facts)
        elif isinstance(e, sp.Integral):
            problem = _integral_problem(e)
        else:
            continue
        if problem is not None:
            return problem
    return None


def _infinite(bound: sp.Basic) -> bool:
    return bool(bound.has(sp.oo, -sp.oo, sp.zoo))


def _series_problem(s: sp.Sum, facts: Facts | None = None) -> str | None:
    if not any(_infinite(b) for lim in s.limits for b in lim[1:]):
        return None
    try:
        convergent = s.is_convergent()
    except Exception:  # sympy cannot decide this series
        convergent = None
    if convergent is sp.true or convergent is True or _ratio_test(s, facts):
        return None
    return f"the series {sp.sstr(s)} may diverge"


def _ratio_test(s: sp.Sum, facts: Facts | None) -> bool:
    """``s`` converges by the ratio test under ``facts``: ``|a_{k+1}/a_k|``
    tends to a limit the facts put below 1 (``sum_k r^k``, ``sum_k k r^k``
    for ``0 < r < 1``)."""
    if facts is None or not facts.constraints or len(s.limits) != 1:
        return False
    k, lo, hi = s.limits[0]
    if hi is not sp.oo or _infinite(lo):
        return False
    try:
        term = s.function
        limit = sp.limit(sp.Abs(sp.simplify(term.xreplace({k: k + 1}) / term)), k, sp.oo)
        return limit.is_finite is True and facts.decide(sp.Lt(limit, 1)) is True
    except Exception:  # sympy finds no limit: the test decides nothing
        return False


def _integral_problem(i: sp.Integral) -> str | None:
    if any(len(lim) != 3 for lim in i.limits):
        return None  # an indefinite integral: a family of functions, not a number
    for x, lo, hi in i.limits:
        if not isinstance(x, sp.Symbol):
            return f"the integral {sp.sstr(i)} has an integration variable that is not a symbol"
        body = i.function
        # a function nothing specifies (f(x), the density of a variable): taken to be as good as the rest
        unspecified = [f for f in body.atoms(AppliedUndef, Density) if x in f.free_symbols]
        known = body.xreplace({f: sp.S.One for f in unspecified})
        what = f"the integral of {sp.sstr(body)} from {sp.sstr(lo)} to {sp.sstr(hi)} may not exist"
        try:
            singular = sp.singularities(known, x, sp.Interval(lo, hi)) if _vetted(known, x) else None
        except Exception:  # sympy cannot locate the singular points
            singular = None
        if singular is None:
            return f"{what} (its singular points are not known)"
        if singular is not sp.S.EmptySet:
            return f"{what} (its integrand is infinite at {_points(singular)})"
        if unspecified:
            continue
        for end, at in ((hi, sp.oo), (lo, -sp.oo)):
            if end == at and not _decays(known, x, at):
                return f"{what} (its integrand does not provably decay at {sp.sstr(at)})"
    return None


#: Functions whose singular points ``sympy.singularities`` finds (on top of
#: the poles of rational functions); an integrand built with others (the gamma
#: function, a power with a symbolic exponent) has singular points it misses.
_LOCATED = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc, sp.sinh, sp.cosh, sp.tanh, sp.coth,
            sp.asin, sp.acos, sp.atan, sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min, sp.Piecewise, sp.erf)


def _vetted(body: sp.Basic, x: sp.Symbol) -> bool:
    """Whether ``sympy.singularities`` covers ``body`` in ``x``: every
    function of ``x`` in it is one it knows, and every power of an
    expression in ``x`` has a number for its exponent (``x^{2m+1}`` is
    ``1/x`` at ``m = -1``)."""
    for e in sp.preorder_traversal(body):
        if x not in e.free_symbols:
            continue
        if isinstance(e, sp.Pow) and not e.exp.is_number:
            return False
        if isinstance(e, sp.Function) and not isinstance(e, _LOCATED):
            return False
    return True


def _points(where: sp.Basic) -> str:
    if isinstance(where, sp.FiniteSet):
        return ", ".join(sp.sstr(p) for p in where)
    if isinstance(where, sp.Intersection):
        finite = [a for a in where.args if isinstance(a, sp.FiniteSet)]
        if finite:
            return _points(finite[0])
    return str(sp.sstr(where))


def _decays(body: sp.Expr, x: sp.Symbol, at: sp.Basic) -> bool:
    """``x^2 body -> 0`` at ``at``: the integral converges absolutely there."""
    try:
        return bool(sp.limit(x**2 * body, x, at) == 0)
    except Exception:  # sympy cannot take the limit
        return False


def parts(sides: Sequence[object]) -> Iterator[sp.Basic]:
    """The expressions of a step's sides (a statement side is a tuple)."""
    for side in sides:
        for part in side if isinstance(side, tuple) else (side,):
            if isinstance(part, sp.Basic):
                yield part


def _valueless(e: sp.Basic) -> sp.Basic | None:
    """``zoo`` or ``nan`` where ``e`` always meets it: a branch of a
    piecewise expression (a definition left undefined off its range) is
    met only under its condition, and is not counted."""
    if e is sp.zoo or e is sp.nan:
        return e
    if isinstance(e, sp.Piecewise):
        return None
    return next((h for a in e.args if (h := _valueless(a)) is not None), None)


def sides_existence_problem(sides: Sequence[object], facts: Facts | None = None) -> str | None:
    """:func:`existence_problem` for the first side that has one; first, a
    side that sympy has already made ``zoo`` or ``nan`` (``1/0``, ``log 0``,
    ``0/0``, ``(-1)!``, ``tan(pi/2)``) has no value at all, and two such
    sides are never compared, however alike they look."""
    for part in parts(sides):
        hole = _valueless(part)
        if hole is not None:
            what = "0/0" if hole is sp.nan else "a division by zero or a pole"
            if part is hole:
                return f"a side has no value: sympy reads it as {sp.sstr(hole)} ({what})"
            return f"{sp.sstr(part)} has no value: it contains {sp.sstr(hole)} ({what})"
    for part in parts(sides):
        if part.has(sp.Sum, sp.Integral):
            problem = existence_problem(part, facts)
            if problem is not None:
                return problem
    return None


def may_be_infinite(sides: Sequence[object]) -> set[sp.Symbol]:
    """Symbols of the sides that may stand for an infinity (declared
    ``infinite`` or ``extended_real``): sympy's rules for them (``oo + 1 =
    oo``, ``exp(-oo) = 0``) are not the algebra of numbers."""
    return {x for part in parts(sides) for x in part.free_symbols if isinstance(x, sp.Symbol)
            and (x.is_infinite or (x.is_finite is not True and x.is_extended_real))}


#: Functions with kinks or jumps: a derivative of an expression built with
#: them may not exist at some points, where sympy's formal derivative
#: (``sign``, ``Heaviside``, one branch of a piecewise definition) still
#: gives a number.
KINKED = (sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min, sp.Piecewise, sp.floor, sp.ceiling, sp.frac, sp.Mod,
          sp.DiracDelta, sp.re, sp.im, sp.arg, sp.SingularityFunction, sp.KroneckerDelta)

#: Operators that bind a variable: a kink of their body in it can become a kink
#: in a variable of their range (the integral of Heaviside(t) from 0 to x).
_BINDERS = (sp.Integral, sp.Sum, sp.Product)


def _kinked_in(f: sp.Basic, x: sp.Basic) -> bool:
    return any((isinstance(a, KINKED) and x in a.free_symbols) or _kinked_range(a, x) for a in sp.preorder_traversal(f))


def _kinked_range(a: sp.Basic, x: sp.Basic) -> bool:
    """An integral, sum or product whose range depends on ``x`` and whose
    body has a kink or a jump somewhere."""
    return isinstance(a, _BINDERS) and any(x in b.free_symbols for lim in a.limits for b in lim[1:]) \
        and any(isinstance(e, KINKED) for e in sp.preorder_traversal(a.function))


def kinked_points(e: sp.Basic) -> list[sp.Subs]:
    """The derivatives ``e`` takes at a point (``Subs(Derivative(f, x), x,
    p)``) of a function ``f`` with kinks or jumps in ``x``, or that is not
    provably defined, real and smooth at the point (:func:`irregularity`)."""
    return [s for s in e.atoms(sp.Subs)
            if any(_kinked_in(d.expr, x) for d in s.expr.atoms(sp.Derivative) for x in s.variables
                   if x in d.variables) or irregularity(s) is not None]


def point_problem(s: sp.Subs) -> str:
    """Why the derivative ``s`` at a point is not evaluated."""
    why = irregularity(s)
    if why is not None:
        return f"{sp.sstr(s)} may not exist ({why}) and is not evaluated"
    return f"{sp.sstr(s)} may not exist (a kink or a jump at the point) and is not evaluated"


def derivative_at(s: sp.Subs) -> sp.Basic | None:
    """The value of ``f'(p)`` written ``Subs(Derivative(f, x), x, p)``, for
    ``f`` with kinks or jumps, where it provably exists; ``None`` otherwise.

    Where no kink or jump is at ``p`` (no argument of ``|.|``, ``sign``,
    ``Heaviside`` vanishes there, no two arguments of ``max`` or ``min`` are
    equal, no condition of a piecewise definition is on its boundary, no
    argument of ``floor`` is an integer), ``f`` is smooth near ``p`` and
    its formal derivative is its derivative. At a kink the derivative is
    not decided (``|x|`` has none at 0, ``x |x|`` has one): sympy's formal
    value there (``sign(0) = 0``, ``Heaviside(0) = 1/2``) is no derivative.
    Only a first derivative at a point with no parameter is decided.

    >>> x = sp.Symbol("x", real=True)
    >>> derivative_at(sp.Subs(sp.Derivative(sp.Abs(x), x), x, 0)) is None
    True
    >>> derivative_at(sp.Subs(sp.Derivative(sp.Max(x, 0), x), x, -2))
    0
    """
    d = s.expr
    if not isinstance(d, sp.Derivative) or len(s.variables) != 1 or d.variable_count != ((s.variables[0], 1),):
        return None
    if irregularity(s) is not None:
        return None
    x, p = s.variables[0], s.point[0]
    f = d.expr
    if p.free_symbols or (f.free_symbols - {x}) or not p.is_real or p.is_finite is not True:
        return None
    switches = _switches(f, x)
    try:
        if switches is None or any(q.subs(x, p).is_zero is not False for q in switches):
            return None
        value = d.doit().subs(x, p)
    except Exception:  # sympy cannot evaluate these: not decided
        return None
    if value.has(sp.Derivative, sp.Subs) or value.free_symbols or value.is_finite is not True:
        return None
    return value


def _switches(f: sp.Basic, x: sp.Basic) -> list[sp.Expr] | None:
    """Quantities that vanish where ``f`` may have a kink or a jump in
    ``x``; ``None`` for a piecewise condition that is not a comparison."""
    out: list[sp.Expr] = []
    for a in sp.preorder_traversal(f):
        if _kinked_range(a, x):
            return None  # where the kink of the body lands in x is not worked out
        if not isinstance(a, KINKED) or x not in a.free_symbols:
            continue
        if isinstance(a, (sp.Max, sp.Min)):
            out += [u - v for i, u in enumerate(a.args) for v in a.args[i + 1:]]
        elif isinstance(a, sp.Piecewise):
            for _, cond in a.args:
                if cond in (sp.true, sp.false):
                    continue
                rels = [cond] if isinstance(cond, sp.Rel) else list(cond.atoms(sp.Rel))
                if not rels or not all(isinstance(r, (sp.Lt, sp.Le, sp.Gt, sp.Ge, sp.Eq, sp.Ne)) for r in rels):
                    return None
                out += [r.lhs - r.rhs for r in rels]
        elif isinstance(a, (sp.floor, sp.ceiling, sp.frac)):
            out.append(sp.sin(sp.pi * a.args[0]))  # zero at the integers, where it jumps
        elif isinstance(a, sp.Mod):
            out.append(sp.sin(sp.pi * a.args[0] / a.args[1]))
        elif isinstance(a, (sp.SingularityFunction, sp.KroneckerDelta)):
            out.append(a.args[0] - a.args[1])
        else:
            out.append(a.args[0])
    return out


#: Functions smooth at every real argument (entire, or real-analytic on the line).
_SMOOTH = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh, sp.sech, sp.erf, sp.erfc, sp.erfi, sp.Si, sp.Shi,
           sp.fresnels, sp.fresnelc)

#: Functions smooth wherever their value is finite (their only singular points are poles).
_MEROMORPHIC = (sp.tan, sp.cot, sp.sec, sp.csc, sp.coth, sp.csch, sp.gamma, sp.factorial)


def _pos(v: sp.Expr) -> bool:
    return v.is_extended_real is True and v.is_positive is True


def _real(v: sp.Expr) -> bool:
    return v.is_extended_real is True and v.is_finite is True


def _between(v: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> bool:
    return _real(v) and _pos(v - lo) and _pos(hi - v)


def _outside_unit(v: sp.Expr) -> bool:
    return _real(v) and (_pos(v - 1) or _pos(-1 - v))


def _nonreal(v: sp.Expr) -> bool:
    return v.is_extended_real is False and v.is_finite is True


#: For each function with a branch cut, a domain edge or a jump on the real
#: line (by sympy's convention), whether an argument provably lies where the
#: function is smooth: for a real argument, the open part of the line where
#: it is real and smooth (``acot`` jumps at 0, ``acoth`` is real only outside
#: ``[-1, 1]``); a logarithm of a non-real argument is off its cut.
_CUTS: tuple[tuple[type[sp.Basic], Callable[[sp.Expr], bool], str], ...] = (
    (sp.log, lambda v: _pos(v) or _nonreal(v), "is positive"),
    (sp.asin, lambda v: _between(v, sp.S.NegativeOne, sp.S.One), "is in (-1, 1)"),
    (sp.acos, lambda v: _between(v, sp.S.NegativeOne, sp.S.One), "is in (-1, 1)"),
    (sp.atanh, lambda v: _between(v, sp.S.NegativeOne, sp.S.One), "is in (-1, 1)"),
    (sp.atan, _real, "is real"),
    (sp.asinh, _real, "is real"),
    (sp.acot, lambda v: _real(v) and v.is_zero is False, "is real and not 0"),
    (sp.acsch, lambda v: _real(v) and v.is_zero is False, "is real and not 0"),
    (sp.acosh, lambda v: _real(v) and _pos(v - 1), "is greater than 1"),
    (sp.asech, lambda v: _between(v, sp.S.Zero, sp.S.One), "is in (0, 1)"),
    (sp.acoth, _outside_unit, "is outside [-1, 1]"),
    (sp.asec, _outside_unit, "is outside [-1, 1]"),
    (sp.acsc, _outside_unit, "is outside [-1, 1]"),
)


def _at(e: sp.Basic, point: dict[sp.Basic, sp.Basic]) -> sp.Expr:
    v = e.subs(point)
    if not isinstance(v, sp.Expr) or v.has(sp.nan, sp.zoo):
        raise ValueError("no value")
    return v


def _node_problem(e: sp.Basic, point: dict[sp.Basic, sp.Basic]) -> str | None:
    """Why the node ``e`` (its arguments taken as defined) may not be defined,
    real and smooth at ``point``; ``None`` when it provably is."""
    where = f"{sp.sstr(e)} at {', '.join(f'{sp.sstr(k)} = {sp.sstr(v)}' for k, v in point.items())}"
    if isinstance(e, sp.Pow):
        base, exp = _at(e.base, point), e.exp.subs(point)
        if e.exp.free_symbols & set(point):  # x^x: near the point the exponent is no integer
            if _pos(base) or _nonreal(base):
                return None
            return f"{where} is not provably real and smooth there: its exponent varies, its base may be negative"
        if exp.is_integer is True:
            if exp.is_nonnegative is True or base.is_zero is False:
                return None
            return f"{where} may divide by 0"
        if _pos(base) or _nonreal(base):
            return None
        return f"{where} is not provably real and smooth there: its base may not be positive"
    if isinstance(e, sp.atan2):
        y, x = _at(e.args[0], point), _at(e.args[1], point)
        if _real(y) and _real(x) and (y.is_zero is False or _pos(x)):
            return None
        return f"{where} may jump there (atan2 jumps where its first argument is 0 and its second is not positive)"
    if isinstance(e, sp.LambertW):
        v = _at(e.args[0], point)
        branch = e.args[1] if len(e.args) > 1 else sp.S.Zero
        edge = -sp.exp(-1)
        if (branch == 0 and _real(v) and _pos(v - edge)) or (branch == -1 and _between(v, edge, sp.S.Zero)):
            return None
        return f"{where} may not be real and smooth there (a branch edge of LambertW)"
    for kind, smooth, what in _CUTS:
        if isinstance(e, kind):
            if smooth(_at(e.args[0], point)):
                return None
            return f"{where} may be undefined, not real or jump there: its argument is not provably one that {what}"
    if isinstance(e, _SMOOTH):
        return None
    if isinstance(e, _MEROMORPHIC):
        if _at(e, point).is_finite is True:
            return None
        return f"{where} may be infinite there"
    return f"{where} is not known to be smooth there"


def _walk_problem(e: sp.Basic, point: dict[sp.Basic, sp.Basic], bound: frozenset[sp.Basic]) -> str | None:
    names = set(point)
    if not (e.free_symbols & names):
        return None
    if isinstance(e, sp.Piecewise):  # only the pieces that may be in force at the point
        for piece, cond in e.args:
            decided = cond.subs(point) if isinstance(cond, sp.Basic) else cond
            if decided is sp.false:
                continue
            problem = _walk_problem(piece, point, bound)
            if problem is not None:
                return problem
            if decided is sp.true:
                return None
        return None
    inner = bound | {lim[0] for lim in e.limits} if isinstance(e, _BINDERS) else bound
    for a in e.args:  # the innermost problem first
        if isinstance(a, sp.Basic):
            problem = _walk_problem(a, point, inner)
            if problem is not None:
                return problem
    if not (e.free_symbols & bound) and (isinstance(e, sp.Pow) or (
            isinstance(e, sp.Function) and not isinstance(e, (AppliedUndef, *KINKED)))):
        try:
            return _node_problem(e, point)
        except Exception:  # no value at the point, or sympy cannot evaluate it
            return f"{sp.sstr(e)} may be undefined at the point"
    return None


@functools.lru_cache(maxsize=4096)
def irregularity(s: sp.Subs) -> str | None:
    """Why a derivative at a point (``Subs(Derivative(f, x), x, p)``, of any
    order, in one or several variables) may not be sympy's formal value
    there, or ``None``: ``f`` must be defined, real and smooth near ``p``.

    Each part of ``f`` that depends on the point must be provably so there: a
    denominator is not 0, a power with an exponent that is not an integer
    has a positive base, the argument of a function with a branch cut, a
    domain edge or a jump on the real line (``log``, ``acot``, ``atan2``,
    ``acoth``, ...) is provably away from it, a function with poles is
    finite, and a function not known here is refused. An unspecified
    function (``f(x)``) is taken smooth, as the course does; kinks (``|x|``)
    are left to :func:`derivative_at`.

    >>> x = sp.Symbol("x", real=True)
    >>> irregularity(sp.Subs(sp.Derivative(sp.acot(x), x), x, 1)) is None
    True
    >>> print(irregularity(sp.Subs(sp.Derivative(sp.acot(x), x), x, 0)))
    acot(x) at x = 0 may be undefined, not real or jump there: its argument is not provably one that is real and not 0
    """
    point = dict(zip(s.variables, s.point, strict=True))
    for d in sorted(s.expr.atoms(sp.Derivative), key=sp.default_sort_key):
        if not any(x in d.variables for x in s.variables):
            continue
        problem = _walk_problem(d.expr, point, frozenset())
        if problem is not None:
            return problem
    return None
