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
from symproofs.verifier.definedness import denominators, possibly_zero

__all__ = ["definitions_used", "undefined_at"]


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


def undefined_at(exprs: Iterable[Any], value: Callable[[sp.Basic], Any], random: Iterable[sp.Basic] = ()) -> bool:
    """Whether a denominator of ``exprs`` (sides or expressions) may be 0 where
    ``value`` evaluates: it is 0 or a number not provably nonzero
    (:func:`~symproofs.verifier.definedness.possibly_zero`), it has no value
    (``value`` fails), or its value is not a number. A denominator with a
    random matrix in it (``random``) is 0 at some outcomes or none, which one
    outcome does not tell: such a point counts as undefined too."""
    random = tuple(random)
    for e in _exprs(exprs):
        for base in denominators(e):
            if random and base.has(*random):
                return True
            try:
                v = value(base)
            except Exception:  # no value there: nothing shows the point is in the domain
                return True
            if isinstance(v, sp.MatrixBase) and v.shape == (1, 1):
                v = v[0, 0]
            if not isinstance(v, sp.Expr) or not v.is_number or possibly_zero(v):
                return True
    return False
