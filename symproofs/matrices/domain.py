"""Whether a concrete model or instance is a point where a matrix step is defined.

A counterexample must be a point of the step's domain: every quantity the
step uses must have a value there. A definition ``w = \\gamma u / \\|u\\|``
has none at ``u = 0``, yet an explicit evaluation folds ``0 \\cdot (1/0)``
to 0, and ``\\|w\\|^2 = \\gamma^2`` would fail there. As in the scalar probe
(:mod:`symproofs.verifier.definedness`), each denominator of the sides and
of the definitions they use is evaluated on its own, and a point where one
is 0, or not provably nonzero, refutes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sympy as sp

from symproofs.core.model import Given, flatten_side
from symproofs.matrices.linalg import Expectation
from symproofs.probability.variables import MOMENTS
from symproofs.verifier.definedness import denominators, possibly_zero

__all__ = ["definitions_used", "random_outside_moments", "undefined_at"]

#: The operators whose value is a number about random quantities.
_AVERAGING = (*MOMENTS, Expectation)


def _exprs(items: Iterable[Any]) -> list[sp.Basic]:
    out: list[sp.Basic] = []
    for item in items:
        out += [p for p in flatten_side(item) if isinstance(p, sp.Basic)]
    return out


def definitions_used(exprs: Iterable[Any], givens: Sequence[Given]) -> list[sp.Basic]:
    """The right sides of the equations given (without an index) whose left
    side ``exprs`` use, directly or through another such definition."""
    todo = _exprs(exprs)
    defs = [g.statement for g in givens if g.index is None and isinstance(g.statement, sp.Eq)]
    used: list[sp.Basic] = []
    while todo:
        e = todo.pop()
        for st in defs:
            if st.rhs not in used and e.has(st.lhs):
                used.append(st.rhs)
                todo.append(st.rhs)
    return used


def undefined_at(exprs: Iterable[Any], value: Callable[[sp.Basic], Any], random: Iterable[sp.Basic] = (),
                 everywhere: Callable[[sp.Basic], Sequence[Any]] | None = None) -> bool:
    """Whether a denominator of ``exprs`` (sides or expressions) may be 0 where
    ``value`` evaluates: it is 0 or a number not provably nonzero
    (:func:`~symproofs.verifier.definedness.possibly_zero`), it has no value
    (``value`` fails), or its value is not a number. A denominator with a
    random matrix in it (``random``) is 0 at some outcomes or none, which one
    outcome does not tell: such a point counts as undefined too. Inside a
    moment (``\\sqrt{Var(u^T x)}``, ``E[x x^T]``) a random matrix is averaged
    over: such a denominator is one number, decided by its value.
    ``everywhere``: the values of a denominator at every outcome of the
    random matrices (a model's finitely many); one nonzero at each of them is
    defined whatever the outcome (``E[1/(u^T x)^2]`` with ``u^T x`` never 0)."""
    random = tuple(random)
    for e in _exprs(exprs):
        for base in denominators(e):
            try:
                if random and random_outside_moments(base, random):
                    if everywhere is None or not all(_nonzero(v) for v in everywhere(base)):
                        return True
                elif not _nonzero(value(base)):
                    return True
            except Exception:  # no value there: nothing shows the point is in the domain
                return True
    return False


def _nonzero(v: Any) -> bool:
    """Whether the value ``v`` of a denominator is a number provably not 0."""
    if isinstance(v, sp.MatrixBase) and v.shape == (1, 1):
        v = v[0, 0]
    return isinstance(v, sp.Expr) and bool(v.is_number) and not possibly_zero(v)


def random_outside_moments(e: sp.Basic, random: Sequence[sp.Basic]) -> bool:
    """Whether one of the ``random`` matrices occurs in ``e`` outside every
    moment (``u^T x`` does, ``Var(u^T x)`` and ``E[x] + 1`` do not): only
    then does the value of ``e`` depend on the outcome."""
    if any(e == r for r in random):
        return True
    if isinstance(e, _AVERAGING):
        return False
    return any(random_outside_moments(a, random) for a in e.args)
