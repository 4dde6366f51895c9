"""Equations between matrices written out entry by entry.

A matrix the givens define written out (``A = [[1, 1], [0, 1]]``) is put in
first, and products, sums, powers, transposes, inverses, determinants and
traces of matrices written out are worked out: ``AB = BA`` is then a question
about two matrices of numbers.

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


_OPERATIONS = (sp.MatMul, sp.MatAdd, sp.MatPow, sp.Transpose, sp.Inverse, sp.Determinant, sp.Trace,
               sp.HadamardProduct)


def _worked_out(e: sp.Basic) -> sp.Basic:
    """Operations on matrices written out, worked out (innermost first)."""
    def ready(x: sp.Basic) -> bool:
        if not isinstance(x, _OPERATIONS) or (isinstance(x, sp.MatPow) and not x.exp.is_Integer):
            return False
        return all(isinstance(a, sp.ImmutableMatrix) or not isinstance(a, sp.MatrixExpr) for a in x.args)

    def work(x: sp.Basic) -> sp.Basic:
        out = x.doit()
        return sp.ImmutableMatrix(out) if isinstance(out, sp.MatrixBase) else out

    return e.replace(ready, work) if isinstance(e, sp.Basic) else e


def _written_in(goal: Goal) -> Goal:
    """``goal`` with each matrix its givens define written out put in, and worked out."""
    written = {g.statement.lhs: g.statement.rhs for g in goal.context.givens
               if g.index is None and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.MatrixSymbol)
               and isinstance(g.statement.rhs, sp.ImmutableMatrix)}
    if not written or not any(isinstance(s, sp.Basic) and s.has(*written) for s in (goal.lhs, goal.rhs)):
        return goal
    lhs, rhs = (_worked_out(s.xreplace(written)) if isinstance(s, sp.Basic) else s for s in (goal.lhs, goal.rhs))
    return replace(goal, lhs=lhs, rhs=rhs)


def entrywise(goal: Goal, check: Callable[[Goal], StepResult]) -> StepResult | None:
    """The result of an equation with a matrix written out on one side (once
    the matrices the givens write out are put in), from its entries; ``None``
    for any other goal."""
    if goal.relation is not Relation.EQ:
        return None
    given = _written_in(goal)
    written = next((s for s in (given.lhs, given.rhs) if isinstance(s, sp.ImmutableMatrix)), None)
    if written is None or written.rows * written.cols > _MAX_ENTRIES:
        # det(A) = 1 with A written out: a question about numbers once A is put in
        return check(given) if given is not goal and not any(
            isinstance(s, sp.MatrixExpr) for s in (given.lhs, given.rhs)) else None
    goal = given
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
