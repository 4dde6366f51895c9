"""A sum's index used outside its sum: ``\\sum_k W_{ik} \\sigma(h_k)``, then
``W_{ik} \\frac{\\partial}{\\partial h_j} \\sum_k \\sigma(h_k)`` (the factor
taken out of the sum keeps its index), or ``(1 - \\beta) \\sum_{k=1}^t
\\beta^{t-k} \\mathbb{E}[g_k] = (1 - \\beta^t) \\mathbb{E}[g_k]``. The index
names no value outside the sum, so the new side speaks of a ``k`` the line
before did not: a slip of scope the report names, whatever the verdict (a
check reads the free ``k`` as any index, which may hold for every one).

A side that drops the loose index again (``= W_{ij} \\sigma'(h_j)`` after
``W_{ik} \\sigma'(h_j)``) is checked against the side before the slip
(:func:`anchored`): the sides in between name no value, so a step from them
decides nothing, while the chain claims every side equal to that one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.model import Relation
from symproofs.grading.document import ReadSide
from symproofs.grading.report import LineGrade
from symproofs.grading.verdicts import join

__all__ = ["anchored", "escaped_indices", "flag_escaped"]


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


def _free(e: sp.Basic) -> set[str]:
    return {str(s) for s in e.free_symbols}


def _slip_start(sides: Sequence[ReadSide], at: int, loose: set[str]) -> tuple[int, set[str]] | None:
    """The index of the side before the slip the sides up to ``at`` make with
    the names ``loose`` (each side from it on joined by ``=`` and using one
    of them freely, the first one taking it out of a sum of the side before),
    and the names it let loose; ``None`` if there is no such run."""
    j = at
    while j > 0 and loose:
        side, before = sides[j], sides[j - 1]
        if side.relation is not Relation.EQ or side.expr is None or before.expr is None:
            return None
        names = set(escaped_indices(before.expr, side.expr)) & loose
        if names:
            return j - 1, names
        loose &= _free(before.expr)  # only names every side of the run keeps loose
        j -= 1
    return None


def anchored(sides: Sequence[ReadSide], at: int, si: int) -> tuple[ReadSide, str]:
    """The side the step into ``sides[si]`` is checked against, with the note
    saying so: the side before it (``sides[at]``), unless ``sides[at]`` ends a
    run of sides that use a sum's index outside the sum (a slip of scope) and
    ``sides[si]`` no longer uses it: then the side before the slip."""
    prev, side = sides[at], sides[si]
    note = f"checked against the side on line {prev.line}" if si > at + 1 else ""
    if prev.expr is None or side.expr is None or side.relation is not Relation.EQ:
        return prev, note
    start = _slip_start(sides, at, _free(prev.expr) - _free(side.expr))
    if start is None:
        return prev, note
    base, names = sides[start[0]], ", ".join(sorted(start[1]))
    return base, (f"checked against the side on line {base.line} (the sides after it use the index {names} "
                  "of its sum outside the sum, and name no value)")
