"""The names a step rests on through equations: its own, and those the
course's equations (``\\mu = (\\alpha + \\beta)/2``) and the student's
definitions (``o = (n + 1)/2``) tie to them. A value the answer gives one of
them (``\\mu = 5``, "has $n = 3$ units") fixes the others too: a refutation at
a point that gives it another value contradicts the text, whichever name
the step writes."""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.grading.context import head

__all__ = ["tied_names"]


def _names(e: sp.Basic) -> set[str]:
    """The plain names and the heads of the functions ``e`` holds."""
    return {head(x) for x in (*e.free_symbols, *e.atoms(AppliedUndef))} - {""}


def tied_names(exprs: Iterable[sp.Basic], relations: Iterable[sp.Basic], depth: int = 4) -> set[str]:
    """The names of ``exprs`` and of every equation among ``relations`` that
    shares a name with them, a few equations deep (the index names of sums
    aside, which tie nothing)."""
    names = set().union(*(_names(e) for e in exprs if isinstance(e, sp.Basic)))
    equations = [_names(r) for r in relations if isinstance(r, sp.Eq) and not r.has(sp.Sum, sp.Product)]
    for _ in range(depth):
        grown = set(names)
        for tied in equations:
            if tied & names:
                grown |= tied
        if grown == names:
            break
        names = grown
    return names
