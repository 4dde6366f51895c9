"""``DiagMatrix(v).doit()`` with its question to the assumptions system
remembered.

Building a product or a sum that holds ``diag(v)`` calls ``doit``, and
``doit`` asks whether ``v`` is diagonal. For a column of symbolic length
(``U*h + b``, an elementwise function of one) the answer is ``None`` after
sympy's satisfiability search, tens of milliseconds each time: grading a
document with ``diag(sigma'(h_t))`` asked the same hundred questions
thousands of times, half of the whole run.

:func:`install` (called when :mod:`symproofs.matrices.linalg` loads) wraps
the ``ask`` that ``doit`` looks up when it runs: a question
``Q.diagonal(v)`` asked with no local assumptions is answered once per
vector and per set of sympy's global assumptions; any other question goes
to sympy's ``ask`` unchanged. ``doit`` itself stays sympy's, so every
expression built is the one sympy builds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy as sp
import sympy.assumptions as assumptions
from sympy.assumptions import Q
from sympy.assumptions.ask import AppliedPredicate, global_assumptions

__all__ = ["install", "is_diagonal", "uninstall"]

_SYMPY_ASK = assumptions.ask


@lru_cache(maxsize=4096)
def _asked(vector: sp.Basic, context: frozenset[sp.Basic]) -> bool | None:
    answer: bool | None = _SYMPY_ASK(Q.diagonal(vector))
    return answer


def is_diagonal(vector: sp.Basic) -> bool | None:
    """``ask(Q.diagonal(vector))``, asked once per vector and set of global assumptions."""
    try:
        return _asked(vector, frozenset(global_assumptions))
    except TypeError:  # an unhashable argument somewhere: ask every time
        answer: bool | None = _SYMPY_ASK(Q.diagonal(vector))
        return answer


def _ask(proposition: Any, assumptions: Any = True, context: Any = global_assumptions) -> bool | None:
    """sympy's ``ask``, a plain ``Q.diagonal`` question answered by :func:`is_diagonal`."""
    if assumptions is True and context is global_assumptions and isinstance(proposition, AppliedPredicate) \
            and proposition.function == Q.diagonal and len(proposition.arguments) == 1:
        return is_diagonal(proposition.arguments[0])
    answer: bool | None = _SYMPY_ASK(proposition, assumptions, context)
    return answer


def install() -> None:
    """Make the ``ask`` that ``DiagMatrix.doit`` imports remember diagonal questions (idempotent)."""
    assumptions.ask = _ask


def uninstall() -> None:
    """sympy's own ``ask`` again (for tests comparing the two)."""
    assumptions.ask = _SYMPY_ASK
