"""Whether a case the text takes on vectors or matrices (``\\|u\\| = 1``,
``\\|u\\|^2 = 4``) holds at a counterexample's point.

The scalar cases are decided by putting the point's values in
(:func:`~symproofs.grading.cases.outside_case`); a norm of a matrix the
point gives an explicit value is evaluated on that value, at the point's
sizes, as the matrix instances evaluate it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symproofs.matrices.calculus import Definitions, Unsupported
from symproofs.matrices.forms import contains_matrix
from symproofs.matrices.instances import Explicit
from symproofs.matrices.linalg import FrobeniusNorm, Norm, SqNorm
from symproofs.verifier.values import Undecided, fails

__all__ = ["NORMS", "breaks_matrix_case", "matrix_case_holds", "on_matrices", "powered_name", "valued"]

#: the scalars of vectors and matrices a case may bound
NORMS = (Norm, SqNorm, FrobeniusNorm)

_KINDS = {sp.Eq: ("eq", False), sp.Le: ("le", False), sp.Lt: ("lt", False), sp.Ge: ("le", True), sp.Gt: ("lt", True)}


def on_matrices(case: sp.Basic) -> bool:
    """Whether ``case`` speaks of a vector or a matrix (a norm of one)."""
    return contains_matrix(case) or bool(case.atoms(*NORMS))


def matrix_case_holds(case: sp.Basic, assignment: Sequence[tuple[sp.Basic, sp.Basic]]) -> bool | None:
    """Whether ``case``, a relation on norms of matrices, holds at the point
    ``assignment`` (decided exactly); None when the point does not value
    every matrix it speaks of, or it cannot be decided."""
    if type(case) not in _KINDS:
        return None
    scalars = {k: v for k, v in assignment if isinstance(k, sp.Symbol)}
    at = case.xreplace(scalars)  # the point's sizes: its matrices are keyed at them (u of shape 1 x 1)
    matrices = {
        k.xreplace(scalars): v for k, v in assignment if isinstance(k, sp.MatrixSymbol) and isinstance(v, sp.MatrixBase)
    }
    named = at.atoms(sp.MatrixSymbol)
    if not named or not named <= matrices.keys():
        return None
    concrete = {k: sp.ImmutableMatrix(v) for k, v in matrices.items()}
    kind, swap = _KINDS[type(case)]
    try:
        ev = Explicit(Definitions(), concrete=concrete)
        a, b = ev.value(at.lhs), ev.value(at.rhs)
        if not all(isinstance(v, sp.Expr) and v.is_number for v in (a, b)):
            return None
        return not (fails(b, a, kind) if swap else fails(a, b, kind))
    except (Unsupported, Undecided, TypeError, ValueError, ArithmeticError, AttributeError, KeyError):
        return None


def valued(case: sp.Basic, assignment: Sequence[tuple[sp.Basic, sp.Basic]]) -> bool:
    """Whether the point gives a value to a matrix ``case`` speaks of (by
    name: the point keys it at its own sizes)."""
    names = {m.name for m in case.atoms(sp.MatrixSymbol)}
    return any(isinstance(k, sp.MatrixSymbol) and k.name in names for k, _ in assignment)


def breaks_matrix_case(case: sp.Basic, point: Sequence[tuple[sp.Basic, sp.Basic]]) -> bool:
    """Whether ``point`` (a counterexample's assignment) gives a matrix of
    ``case`` a value and breaks it: a point that values none of them may be
    chosen inside it."""
    return valued(case, point) and matrix_case_holds(case, point) is not True


def powered_name(e: sp.Basic | None) -> sp.Basic | None:
    """The name a positive power of a name raises (``sigma`` of ``\\sigma^2``,
    a case on it as on a norm), else ``e`` itself."""
    return e.base if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp.is_positive else e
