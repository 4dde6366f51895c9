"""What a matrix algebra is set up with, and the symbolic forms of an expression in it.

:class:`MatrixSetting` holds the configuration of a
:class:`~symproofs.matrices.space.MatrixAlgebra` (dimensions, masks, random
matrices, elementwise functions and their derivatives, unrolling) and what
the strategies read from it: the definitions the givens make, the
dimensions of a goal, and an expression in successively more rewritten
symbolic forms. The bounds (:mod:`symproofs.matrices.bounds`) and the
concrete models (:mod:`symproofs.matrices.models`) take a setting; the
algebra (:mod:`symproofs.matrices.space`) builds on it and calls them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.core.capture import substituted
from symproofs.core.facts import Facts
from symproofs.core.goals import Goal
from symproofs.core.model import Given
from symproofs.matrices.calculus import Definitions, Unsupported, is_node, symbolic_derivative
from symproofs.matrices.forms import Forms, contains_matrix
from symproofs.matrices.linalg import Grad, Jacobian, is_matrix

__all__ = ["MatrixSetting", "Unroll", "matrix_declarations", "rewrite_once", "with_assumed_givens"]


def with_assumed_givens(goal: Goal) -> Goal:
    """``goal`` with every assumption that speaks of a matrix (``A^T = A``,
    ``||u||^2 = 1``) made a given: the instance check and the concrete models
    read the sizes and scalars from the assumptions but evaluate only the
    givens on matrices, so such an assumption constrains them exactly as the
    same given does (rewritten with, checked in every model, or leaving the
    matrices it mentions unrefutable)."""
    facts = goal.context.facts
    matrix = [c for c in facts.constraints if isinstance(c, sp.Basic) and contains_matrix(c)]
    if not matrix:
        return goal
    rest = tuple(c for c in facts.constraints if c not in matrix)
    assumed = tuple(Given(name=f"assumption {sp.sstr(c)}", statement=c) for c in matrix)
    context = replace(goal.context, facts=Facts(rest), givens=(*goal.context.givens, *assumed))
    return replace(goal, context=context)


@dataclass(frozen=True, kw_only=True)
class Unroll:
    """Check sequence steps on the network unrolled for ``horizon = length``.

    ``ranges`` gives each time index its range (``{t: (1, T)}``), in terms
    of ``horizon``; ``boundary`` lists the initial states (leaves even where
    a recurrence would define them, such as ``hb[T + 1]``).
    """

    horizon: sp.Symbol
    length: int = 3
    ranges: tuple[tuple[sp.Symbol, sp.Expr, sp.Expr], ...] = ()
    boundary: tuple[sp.Basic, ...] = ()


@dataclass(frozen=True, eq=False)
class _Config:
    dims: tuple[sp.Symbol, ...]
    max_dim: int
    masks: tuple[tuple[sp.Basic, sp.Expr], ...]
    random: tuple[sp.Basic, ...]
    derivatives: tuple[tuple[Any, Any], ...]
    unroll: Unroll | None
    budget: float
    extra: dict[str, Any] = field(default_factory=dict)


def matrix_declarations(masks: Mapping[sp.Basic, sp.Expr], random: Sequence[sp.Basic],
                        derivatives: Mapping[Any, Any]) -> frozenset[tuple[object, ...]]:
    """The declarations of a matrix algebra as comparable items (a mask of
    :class:`MatrixAlgebra` and one of ``EntrywiseAlgebra`` are the same
    declaration)."""
    return frozenset((*(("mask", m, sp.sympify(p, strict=True)) for m, p in masks.items()),
                      *(("random", m) for m in random),
                      *(("derivative", f, df) for f, df in derivatives.items())))


class MatrixSetting:
    """The configuration of a matrix algebra (see
    :class:`~symproofs.matrices.space.MatrixAlgebra` for the parameters)."""

    def __init__(
        self,
        *,
        dims: Sequence[sp.Symbol] = (),
        max_dim: int = 3,
        masks: Mapping[sp.Basic, sp.Expr] | None = None,
        random: Sequence[sp.Basic] = (),
        derivatives: Mapping[Any, Any] | None = None,
        unroll: Unroll | None = None,
        budget: float = 40.0,
    ) -> None:
        if max_dim < 1:
            raise ValueError("max_dim must be at least 1")
        self.config = _Config(
            dims=tuple(dims), max_dim=max_dim, masks=tuple((masks or {}).items()), random=tuple(random),
            derivatives=tuple((derivatives or {}).items()), unroll=unroll, budget=budget,
        )
        self.forms = Forms(random=self.config.random, masks=dict(self.config.masks),
                           derivatives=dict(self.config.derivatives))

    @property
    def derivatives(self) -> dict[Any, Any]:
        return dict(self.config.derivatives)

    def declarations(self) -> frozenset[tuple[object, ...]]:
        """Each mask with its keep-probability, each other random matrix and
        each derivative (see :meth:`~symproofs.core.goals.Algebra.declarations`)."""
        c = self.config
        return matrix_declarations(dict(c.masks), c.random, dict(c.derivatives))

    def definitions(self, goal: Goal, subs: Mapping[sp.Basic, Any] | None = None) -> Definitions:
        boundary = self.config.unroll.boundary if self.config.unroll else ()
        if subs:
            boundary = tuple(b.xreplace(dict(subs)) for b in boundary)
        return Definitions.from_givens(goal.context.givens, goal.context.facts, boundary=boundary, subs=subs)

    def evaluate_derivatives(self, e: sp.Basic, defs: Definitions) -> sp.Basic:
        """Replace every gradient and Jacobian sympy can take symbolically."""
        def value(x: sp.Basic) -> sp.Basic:
            try:
                return symbolic_derivative(x, defs, self.derivatives)
            except (Unsupported, TypeError, ValueError, NotImplementedError, KeyError):
                pass
            # the gradient of a sum is the sum of the gradients: a term it cannot take (a loss defined
            # through terms it does not write out) stays a gradient of its own, never a constant
            f, v = x.args
            if isinstance(x, Grad) and isinstance(f, sp.Add):
                parts = [value(Grad(a, v)) for a in f.args]
                if any(not isinstance(p, Grad) for p in parts):
                    return sp.MatAdd(*parts)
            return x

        return e.replace(lambda x: isinstance(x, (Grad, Jacobian)), value)

    def symbolic_forms(self, goal: Goal, e: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
        """``e`` in successively more rewritten forms, each with the method
        that justifies it."""
        defs = self.definitions(goal)
        yield "matrix normal form", e
        derived = self.evaluate_derivatives(e, defs)
        if derived != e:
            yield "matrix calculus at symbolic dimension", derived
        current = derived
        for _ in range(4):
            nxt = rewrite_once(current, defs, self.forms)
            if nxt == current:
                try:
                    nxt = rewrite_once(self.forms.normal(current), defs, self.forms)
                except (Unsupported, TypeError, ValueError, NotImplementedError):
                    return
                if nxt == current:
                    return
            current = self.evaluate_derivatives(nxt, defs)
            yield "matrix normal form after rewriting with the givens", current

    def dims_of(self, goal: Goal) -> tuple[sp.Symbol, ...]:
        if self.config.dims:
            return self.config.dims
        found: set[sp.Symbol] = set()
        exprs = [goal.lhs, goal.rhs, *(g.statement for g in goal.context.givens)]
        for e in exprs:
            for x in sp.preorder_traversal(e):
                if isinstance(x, MatrixExpr):
                    for s in x.shape:
                        found |= {y for y in sp.sympify(s, strict=True).free_symbols if y.is_integer and y.is_positive}
        return tuple(sorted(found, key=sp.default_sort_key))


def rewrite_once(e: sp.Basic, defs: Definitions, forms: Forms) -> sp.Basic:
    """One round of rewriting with the givens: nodes by their definitions
    (never the variable of a gradient), then the other equations."""
    def walk(x: sp.Basic) -> sp.Basic:
        if isinstance(x, (Grad, Jacobian)):
            return x.func(walk(x.args[0]), x.args[1])
        if is_node(x):
            rhs = defs.lookup(x)
            return rhs if rhs is not None else x
        if not x.args or isinstance(x, (sp.Sum, sp.Product)):
            return x
        return x.func(*[walk(a) for a in x.args])

    out = walk(e)
    for lhs, rhs in defs.rules:
        out = substituted(out, {lhs: rhs})
        if is_matrix(lhs):
            out = out.xreplace({forms.matrix(lhs): rhs,
                                forms.matrix(sp.Transpose(lhs).doit()): sp.Transpose(rhs).doit()})
    return out
