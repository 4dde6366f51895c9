"""Exponentials and hyperbolic functions as a rational function of new
variables: ``tanh a = 1 - 2/(e^{2a} + 1)``, ``sigma(x) = 1/(1 + e^{-x})``.

Every hyperbolic function is written through ``exp``; each quantity ``u``
that the exponents multiply (``a`` in ``e^{2a}``, ``e^{-a/2}``) becomes a new
variable ``z`` with ``e^{u} = z^q`` (``q`` the least common denominator of
its coefficients), a constant part stays ``e^{c}``. An expression that is 0
as a rational function of the ``z`` is 0 wherever it is defined, whatever
complex values the ``z`` stand for: the ``z`` are independent and carry no
assumption (a more general identity than the one asked; ``e^{ia}`` is not
positive), so this can only prove. Only hyperbolic functions are rewritten
(sympy would write ``cos a`` through ``e^{ia}`` too).

>>> a = sp.Symbol("a", real=True)
>>> exponential_form(sp.tanh(a) - (2 / (1 + sp.exp(-2 * a)) - 1))
0
>>> exponential_form(sp.cosh(a) ** 2 - sp.sinh(a) ** 2 - 1)
0
>>> exponential_form(a + 1) is None, exponential_form(sp.Derivative(sp.exp(2 * a), a)) is None
(True, True)
"""

from __future__ import annotations

import sympy as sp

__all__ = ["exponential_form"]

_HYPERBOLIC = (sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch)
#: Functions that are no rational operation (a sign, a branch): an identity with them is not decided here.
_NOT_ALGEBRAIC = (sp.Abs, sp.sign, sp.arg, sp.re, sp.im, sp.conjugate, sp.Piecewise, sp.floor, sp.ceiling, sp.Max,
                  sp.Min, sp.Heaviside)
#: What binds or acts on a variable: no exponential inside them is replaced.
_BINDING = (sp.Derivative, sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Subs, sp.Lambda)


def _linear(argument: sp.Expr) -> dict[sp.Expr, sp.Rational] | None:
    """The exponent as ``{quantity: rational coefficient}`` (the constant
    under ``1``); None when a coefficient is not rational or a quantity holds
    an exponential itself."""
    out: dict[sp.Expr, sp.Rational] = {}
    for term, coeff in sp.expand(argument).as_coefficients_dict().items():
        if term == 1:
            out[sp.S.One] = out.get(sp.S.One, sp.S.Zero) + coeff
            continue
        if not coeff.is_Rational or term.has(sp.exp, *_HYPERBOLIC):
            return None
        out[term] = out.get(term, sp.S.Zero) + coeff
    return out


def exponential_form(expr: sp.Basic) -> sp.Basic | None:
    """``expr`` as a rational function of one new variable per quantity in
    an exponent, cancelled; None when it has no exponential or hyperbolic
    function, or an exponent is not a rational combination of quantities."""
    if not isinstance(expr, sp.Expr) or not expr.has(sp.exp, *_HYPERBOLIC) or expr.has(*_BINDING, *_NOT_ALGEBRAIC):
        return None  # (an exponential under a derivative or a sum: a new variable there would change it)
    # only the hyperbolic functions (rewrite(exp) would also turn cos a into e^{ia})
    e = expr.replace(lambda f: isinstance(f, _HYPERBOLIC), lambda f: f.rewrite(sp.exp))
    if e.has(*_HYPERBOLIC):
        return None
    exponents = [_linear(f.args[0]) for f in e.atoms(sp.exp)]
    if any(x is None for x in exponents):
        return None
    scale: dict[sp.Expr, int] = {}
    for found in exponents:
        for term, coeff in (found or {}).items():
            if term != 1:
                scale[term] = int(sp.ilcm(scale.get(term, 1), sp.Rational(coeff).q))
    new = {term: sp.Dummy("z") for term in scale}  # no assumption: e^{ia} is no positive number

    def rewritten(f: sp.Basic) -> sp.Basic:
        found = _linear(f.args[0]) or {}
        out: sp.Expr = sp.exp(found.get(sp.S.One, sp.S.Zero))
        for term, coeff in found.items():
            if term != 1:
                out *= new[term] ** int(coeff * scale[term])
        return out

    return sp.cancel(sp.together(e.replace(lambda f: isinstance(f, sp.exp), rewritten)))
