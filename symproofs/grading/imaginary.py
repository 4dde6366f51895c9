r"""A letter ``i`` that may be the imaginary unit.

Outside a power (where the parser already calls it ambiguous), a free ``i``
is read as a real number: in ``|3 + 4i| = 5`` or ``(1+2i)(1-2i) = 5`` that
refutes a correct line. In an ML answer ``i`` is far more often an index,
so it is not made the imaginary unit either: a step with a free real ``i``
(no integer index of the chain, no name the notation declares, no name the
answer defines) is checked under both readings, and the verdict stands only
where they agree (:func:`both_readings`); else the step is *unknown*.

>>> i = sp.Symbol("i", real=True)
>>> imaginary_unit((3 + 4 * i, sp.Integer(5)), None, ())
{i: I}
>>> imaginary_unit((sp.Symbol("i", integer=True),), None, ()) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.model import Given, Relation
from symproofs.core.results import StepResult, Verdict
from symproofs.grading.goals import GoalSet
from symproofs.grading.report import LineGrade, Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.notation import Setting

__all__ = ["AMBIGUOUS_I", "both_readings", "imaginary_twin", "imaginary_unit"]

AMBIGUOUS_I = "i may be the imaginary unit: as a real number i the step is {}, as the imaginary unit it is {}"


def imaginary_unit(exprs: Sequence[sp.Basic], notation: Notation | None,
                   givens: Sequence[Given]) -> dict[sp.Basic, sp.Basic] | None:
    """``{i: I}`` when a free ``i`` of these expressions may be the imaginary
    unit: a real symbol, not an integer index, that neither the notation
    declares nor a definition of the answer gives a value; else None."""
    if notation is not None and ("i" in notation.symbols or "i" in notation.indices):
        return None
    found = {s for e in exprs for s in e.free_symbols
             if isinstance(s, sp.Symbol) and s.name == "i" and s.is_integer is not True}
    if len(found) != 1 or any(getattr(g.statement, "lhs", None) in found for g in givens):  # "let i = 3"
        return None
    return {found.pop(): sp.I}


def both_readings(line: LineGrade, imaginary: StepResult) -> LineGrade:
    """The step as graded with ``i`` a real number, weighed against its result
    with ``i`` the imaginary unit: it stands when both agree (proved, or
    refuted, the counterexample under the real reading); otherwise it is
    *unknown*, never refuted where one reading makes it true."""
    other = {Verdict.PROVED: Mark.PROVED, Verdict.REFUTED: Mark.REFUTED}.get(imaginary.verdict, Mark.UNKNOWN)
    if line.verdict is other or line.verdict not in (Mark.PROVED, Mark.REFUTED):
        return line
    said = {Mark.PROVED: "true", Mark.REFUTED: "false", Mark.UNKNOWN: "not decided"}
    return replace(line, verdict=Mark.UNKNOWN, method="ambiguous reading", trust="none", counterexample=None,
                   explanation=(), explanation_text="",
                   message=AMBIGUOUS_I.format(said[line.verdict], said[other]))


def imaginary_twin(goals: GoalSet, setting: Setting, relation: Relation, sides: tuple[sp.Basic, sp.Basic],
                   assumed: Sequence[sp.Basic]) -> int | None:
    """The goal of the step with ``i`` the imaginary unit, added to ``goals``
    (its index), when :func:`imaginary_unit` says ``i`` may be one; else None."""
    unit = imaginary_unit(sides, setting.notation, setting.givens)
    if unit is None:
        return None
    lhs, rhs = (side.xreplace(unit) for side in sides)
    return goals.add(setting, relation, lhs, rhs, assumed=tuple(a.xreplace(unit) for a in assumed))
