"""Equations between matrices written out entry by entry.

``[[1, 2], [3, 4]] [[1], [1]] = [[3], [7]]`` holds when every entry does: each
entry is a goal of its own, checked by the same pipeline. The step is proved
when every entry is (with the weakest trust among them), refuted when one
entry is (its counterexample, with the entry named), and otherwise unknown
with what the first undecided entry leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict

__all__ = ["entrywise"]

_MAX_ENTRIES = 100


def _explicit(side: object, shape: tuple[int, int]) -> sp.ImmutableMatrix | None:
    if isinstance(side, sp.ImmutableMatrix):
        return side if side.shape == shape else None
    if isinstance(side, sp.MatrixExpr) and side.shape == shape:
        try:
            return sp.ImmutableMatrix(side.as_explicit())
        except (TypeError, ValueError, AttributeError, NotImplementedError):
            return None
    return None


def entrywise(goal: Goal, check: Callable[[Goal], StepResult]) -> StepResult | None:
    """The result of an equation with a matrix written out on one side, from
    its entries; ``None`` for any other goal."""
    if goal.relation is not Relation.EQ:
        return None
    written = next((s for s in (goal.lhs, goal.rhs) if isinstance(s, sp.ImmutableMatrix)), None)
    if written is None or written.rows * written.cols > _MAX_ENTRIES:
        return None
    shape = (written.rows, written.cols)
    lhs, rhs = _explicit(goal.lhs, shape), _explicit(goal.rhs, shape)
    if lhs is None or rhs is None:
        return None
    results: list[tuple[str, StepResult]] = []
    for i in range(shape[0]):
        for j in range(shape[1]):
            where = f"entry ({i + 1}, {j + 1})"
            res = check(replace(goal, lhs=lhs[i, j], rhs=rhs[i, j]))
            if res.verdict is Verdict.REFUTED:
                return replace(res, message=f"{where}: {res.message}".rstrip(": "))
            results.append((where, res))
    seconds = sum(r.seconds for _, r in results)
    open_ = [(w, r) for w, r in results if r.verdict is not Verdict.PROVED]
    if open_:
        where, res = open_[0]
        return replace(res, seconds=seconds, message=f"{where}: {res.message}".rstrip(": "))
    trust = min((r.trust for _, r in results), key=lambda t: t.rank, default=Trust.SYMBOLIC)
    methods = sorted({r.method for _, r in results})
    return StepResult(verdict=Verdict.PROVED, method="entrywise (matrices written out): " + ", ".join(methods),
                      trust=trust, seconds=seconds)
