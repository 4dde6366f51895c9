"""Equals put for equals: an implication whose conclusion is an equation
that becomes an identity once the premise's equations are used as
replacements.

``h = W s + b  =>  f(h) = f(W s + b)``: wherever the premise holds, ``h``
and ``W s + b`` have the same value, so any expression keeps its value when
the free occurrences of one are replaced by the other. When the two sides of
the conclusion become the same expression (structurally, or in the
polynomial normal form), the conclusion holds wherever the premise does.

Nothing is replaced under a binder (a sum's index, an integral's or a
derivative's variable, a lambda's argument) that binds a name of either side
of the premise: ``y = k`` says nothing about ``\\sum_k y``, and ``x = 1``
nothing about ``d/dx x^2``; nor in a gradient or a Jacobian (``w = v`` does
not give ``grad_w L = grad_v L``), a derivative by an entry, or a moment or
event of random variables (``X = 1`` may be an event). The conclusion may have no pole, root or
function not defined everywhere that the premise does not have
(:func:`~symproofs.verifier.ideals.partial_parts`): ``x = y`` does not make
``1/x = 1/y`` hold at ``x = y = 0``. Only ``=>``: ``f(a) = f(b)`` does not
give ``a = b``.
"""

from __future__ import annotations

import itertools

import sympy as sp

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation, flatten_side
from symproofs.core.results import Trust, Verdict
from symproofs.verifier.ideals import partial_parts
from symproofs.verifier.lemmamatch import binds, replace_free

__all__ = ["equals_for_equals"]

_MAX_PREMISES = 3  # orientations tried: 2 ** premises


def _equations(side: object) -> list[sp.Eq] | None:
    parts = flatten_side(side)
    if not parts or not all(isinstance(p, sp.Eq) for p in parts):
        return None
    return [p for p in parts if isinstance(p, sp.Eq)]


def _bound(e: sp.Basic) -> set[sp.Basic]:
    return set().union(*(binds(x) for x in sp.preorder_traversal(e)))


#: what reads its argument as more than a value: a gradient or Jacobian (by a variable, ``w = v`` does not give
#: ``grad_w L = grad_v L``), the moments and events of random variables (``X = 1`` read as an event), an extremum
#: over an index it binds (``i = 2`` says nothing about ``max_i F(i)``) and the verifier's opaque stand-ins
_OPAQUE = frozenset(
    {
        "Grad",
        "Jacobian",
        "E",
        "Var",
        "Cov",
        "CondE",
        "Prob",
        "Expectation",
        "Independent",
        "Uncorrelated",
        "Density",
        "IndexedMax",
        "IndexedMin",
        "UnevaluatedAt",
        "OpaqueCall",
    }
)


def _opaque(e: sp.Basic) -> bool:
    """Whether ``e`` holds a term that is not a function of its arguments' values (see :data:`_OPAQUE`), or a
    derivative by something that is not a plain name (an entry ``h[i, 0]`` of a matrix the premise names)."""
    for x in sp.preorder_traversal(e):
        if type(x).__name__ in _OPAQUE:
            return True
        if isinstance(x, sp.Derivative) and not all(isinstance(v, sp.Symbol) for v in x.variables):
            return True
    return False


def _same(a: sp.Basic, b: sp.Basic) -> bool:
    if a == b:
        return True
    if isinstance(a, sp.MatrixExpr) != isinstance(b, sp.MatrixExpr):
        return False
    try:
        if isinstance(a, sp.MatrixExpr):
            diff = (a - b).doit().expand()
            return bool(isinstance(diff, sp.ZeroMatrix) or diff.is_ZeroMatrix is True)
        if isinstance(a, sp.Expr) and isinstance(b, sp.Expr):
            return bool(sp.expand(a - b) == 0)
    except (TypeError, ValueError, sp.ShapeError, NotImplementedError):
        return False
    return False


def equals_for_equals(goal: Goal, state: object) -> Outcome | None:
    """``A = B => C = D`` when ``C`` and ``D`` become the same expression once
    the free occurrences of ``A`` are replaced by ``B`` (or of ``B`` by ``A``),
    for each equation of the premise (see the module's docstring)."""
    if goal.relation is not Relation.IMPLIES:
        return None
    premise, conclusion = _equations(goal.lhs), _equations(goal.rhs)
    if premise is None or conclusion is None or len(premise) > _MAX_PREMISES:
        return None
    facts = goal.context.facts
    if not partial_parts(goal.rhs, facts) <= partial_parts(goal.lhs, facts):
        return None
    if any(_opaque(eq) for eq in conclusion):
        return None
    names: set[sp.Basic] = set().union(*(eq.free_symbols for eq in premise))
    if any(_bound(eq) & names for eq in conclusion):
        return None  # an occurrence under a binder of one of the premise's names: never replaced
    for flips in itertools.product((False, True), repeat=len(premise)):
        pairs = [(eq.rhs, eq.lhs) if flip else (eq.lhs, eq.rhs) for eq, flip in zip(premise, flips, strict=True)]
        if any(old.is_number for old, _ in pairs):
            continue

        def put(e: sp.Basic, pairs: list[tuple[sp.Basic, sp.Basic]] = pairs) -> sp.Basic:
            for old, new in pairs:
                e = replace_free(e, old, new)
            return e

        if all(_same(put(eq.lhs), put(eq.rhs)) for eq in conclusion):
            return Outcome(
                verdict=Verdict.PROVED, method="equals put for equals (the premise's equations)", trust=Trust.SYMBOLIC
            )
    return None
