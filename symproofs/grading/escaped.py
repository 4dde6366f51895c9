"""A sum's index used outside its sum: ``\\sum_k W_{ik} \\sigma(h_k)``, then
``W_{ik} \\frac{\\partial}{\\partial h_j} \\sum_k \\sigma(h_k)`` (the factor
taken out of the sum keeps its index), or ``(1 - \\beta) \\sum_{k=1}^t
\\beta^{t-k} \\mathbb{E}[g_k] = (1 - \\beta^t) \\mathbb{E}[g_k]``. The index
names no value outside the sum, so the new side speaks of a ``k`` the line
before did not: a slip of scope the report names, whatever the verdict (a
check reads the free ``k`` as any index, which may hold for every one)."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symproofs.grading.report import LineGrade
from symproofs.grading.verdicts import join

__all__ = ["escaped_indices", "flag_escaped"]


def escaped_indices(before: object, after: object) -> tuple[str, ...]:
    """The names of the indices that a sum or product of ``before`` runs over,
    that ``after`` uses outside any sum or product, and that ``before`` does not
    use outside one (sorted)."""
    if not isinstance(before, sp.Basic) or not isinstance(after, sp.Basic):
        return ()
    bound = {str(v) for s in before.atoms(sp.Sum, sp.Product) for v in s.variables}
    free_before = {str(s) for s in before.free_symbols}
    free_after = {str(s) for s in after.free_symbols}
    return tuple(sorted((bound & free_after) - free_before))


def flag_escaped(grade: LineGrade, before: object, after: object) -> LineGrade:
    """``grade`` with a note naming each index of a sum of the side before
    (``before``) that its new side (``after``) uses outside any sum."""
    names = escaped_indices(before, after)
    if not names:
        return grade
    said = ", ".join(names)
    note = (
        f"the index {said} of a sum on the side before is used here outside any sum "
        "(it names no value there: a slip of scope, whatever the check)"
    )
    return replace(grade, message=join(grade.message, note))
