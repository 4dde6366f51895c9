"""Matching a lemma's statement in a step: the pattern variables, the
instances free in an expression, the derivative of a function at a point in
one form, whether an instance's hypotheses hold (shared by the strategies of
:mod:`symproofs.verifier.strategies` and :mod:`symproofs.verifier.lemmabounds`)."""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal
from symproofs.core.hypotheses import declared, holds, shares
from symproofs.core.model import Lemma

__all__ = [
    "Instance",
    "binds",
    "captures",
    "free_subterms",
    "hypotheses_hold",
    "instances_in",
    "replace_free",
    "slopes_as_functions",
    "wilds",
]


def wilds(lemma: Lemma) -> dict[sp.Basic, sp.Wild]:
    """A pattern variable for each lemma variable. A variable matches only
    expressions that sympy knows to share every one of its assumptions: a
    lemma about ``t >= 0`` says nothing about ``v(t - 1)``, one about an odd
    ``n`` nothing about an integer ``m``."""
    out: dict[sp.Basic, sp.Wild] = {}
    for v in lemma.variables:

        def keeps(e: sp.Basic, v: sp.Basic = v) -> bool:
            return shares(v, e)

        out[v] = sp.Wild(f"{getattr(v, 'name', 'v')}_w", properties=[keeps] if declared(v) else [])
    return out


def binds(e: sp.Basic) -> frozenset[sp.Basic]:
    """The variables ``e`` itself binds: a sum's, product's, integral's or
    lambda's own, a derivative's variables, a limit's variable."""
    out = frozenset(getattr(e, "bound_symbols", ()))
    if isinstance(e, sp.Derivative):
        out |= frozenset(e.variables)
    if isinstance(e, sp.Limit):
        out |= frozenset((e.args[1],))
    return out


def _bound_in(expr: sp.Basic) -> set[sp.Basic]:
    """The variables some sum, product, integral, lambda, derivative or limit in ``expr`` binds."""
    return set().union(*(binds(e) for e in sp.preorder_traversal(expr)))


def captures(stmt: sp.Basic, sub: dict[sp.Basic, sp.Basic]) -> bool:
    """Whether a lemma variable was matched to something that mentions a
    variable bound inside the statement: ``a`` of a lemma about
    ``\\int |a| w(x) dx`` is a constant, never the integration variable."""
    bound = _bound_in(stmt)
    return bool(bound) and any(v.free_symbols & bound for v in sub.values() if isinstance(v, sp.Basic))


def hypotheses_hold(goal: Goal, lemma: Lemma, sub: dict[sp.Basic, sp.Basic]) -> bool:
    # a family given (u(k) >= 0 for k >= 1) states nothing at an index outside its range
    ctx = goal.context
    return all(holds(hyp.xreplace(sub), ctx.givens, ctx.facts, ctx.algebras) for hyp in lemma.hypotheses)


def _slope(f: sp.Basic, point: sp.Basic) -> sp.Basic:
    return sp.Function(f"{f.func.__name__}'", real=True)(point)


def slopes_as_functions(e: sp.Basic) -> sp.Basic:
    """The derivative of an unknown function of one argument at a point,
    ``Subs(Derivative(f(x), x), x, p)`` or ``Derivative(f(a), a)``, as an
    application ``f'(p)`` of the function the reader names ``f'`` (the
    derivative of an elementwise ``f`` is read that way): one form for
    ``f'(p)`` in a lemma and in a step, so that a lemma ``f'(a) = ...`` over
    ``a`` has instances at points that are not variables. It renames a term
    only (``f'`` means the derivative of ``f`` in both forms)."""

    def one(d: sp.Basic) -> bool:
        return (
            isinstance(d, sp.Derivative)
            and isinstance(d.expr, AppliedUndef)
            and len(d.variable_count) == 1
            and d.variable_count[0][1] == 1
            and d.expr.args == (d.variable_count[0][0],)
        )

    def at_point(x: sp.Subs) -> sp.Basic:
        if one(x.expr) and len(x.point) == 1 and tuple(x.variables) == x.expr.expr.args:
            return _slope(x.expr.expr, x.point[0])
        return x

    if not isinstance(e, sp.Basic) or not e.has(sp.Derivative):
        return e
    e = e.replace(lambda x: isinstance(x, sp.Subs), at_point)  # the points first, then the variables
    return e.replace(lambda x: isinstance(x, sp.Derivative) and one(x), lambda x: _slope(x.expr, x.expr.args[0]))


Instance = tuple[sp.Basic, dict[sp.Basic, sp.Basic]]


def free_subterms(expr: sp.Basic) -> Iterator[sp.Basic]:
    """The subterms of ``expr`` in preorder, except those that mention a
    variable an enclosing sum, product, integral or derivative binds: in
    ``\\int_{-1}^{1} |x| dx`` the ``x`` of ``|x|`` is not the free ``x`` the
    facts speak of, so no lemma hypothesis about ``x`` holds for it."""
    stack: list[tuple[sp.Basic, frozenset[sp.Basic]]] = [(expr, frozenset())]
    while stack:
        e, bound = stack.pop()
        if not isinstance(e, sp.Basic):
            continue
        if not (bound & e.free_symbols):
            yield e
        inner = bound | binds(e)
        stack.extend((a, inner) for a in reversed(e.args))


def replace_free(expr: sp.Basic, old: sp.Basic, new: sp.Basic) -> sp.Basic:
    """``expr`` with the occurrences of ``old`` that no enclosing binder
    captures replaced by ``new`` (the instance a lemma matched is free)."""
    if expr == old:
        return new
    if not expr.args or not expr.has(old):
        return expr
    if binds(expr) & old.free_symbols:
        return expr
    args = tuple(replace_free(a, old, new) for a in expr.args)
    return expr.func(*args) if args != expr.args else expr


def instances_in(expr: sp.Basic, lemma: Lemma, side: sp.Basic) -> list[Instance]:
    wild = wilds(lemma)
    pattern = side.xreplace(wild)
    out: list[Instance] = []
    for sub in free_subterms(expr):
        m = sub.match(pattern)
        if m is not None and all(w in m for w in wild.values()):
            back = {v: m[w] for v, w in wild.items()}
            if side.xreplace(back) == sub and not captures(sub, back):
                out.append((sub, back))
    return out
