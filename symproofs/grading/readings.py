r"""Steps a TA could read two ways: each is checked under every reading, and
its verdict stands only where they agree (:func:`both_readings`); else the
step is *unknown*, never refuted where one reading makes it true.

* A letter ``i`` that may be the imaginary unit. Outside a power (where the
  parser already calls it ambiguous), a free ``i`` is read as a real number:
  in ``|3 + 4i| = 5`` or ``(1+2i)(1-2i) = 5`` that refutes a correct line. In
  an ML answer ``i`` is far more often an index, so it is not made the
  imaginary unit either: a step with a free real ``i`` (no integer index of
  the chain, no name the notation declares, no name the answer defines) is
  checked with ``i`` the imaginary unit too (:func:`imaginary_unit`).
* ``\|M\|`` of a matrix (not a vector) that neither a subscript (``_2``,
  ``_F``) nor the notation (``[norms] matrix``) makes one norm: read as the
  spectral norm (:func:`first_reading`; the verifier itself decides an
  :class:`~symproofs.matrices.linalg.UnsetNorm` only where both kinds
  agree), and checked as the Frobenius norm too (:func:`frobenius_reading`).

>>> i = sp.Symbol("i", real=True)
>>> imaginary_unit((3 + 4 * i, sp.Integer(5)), None, ())
{i: I}
>>> imaginary_unit((sp.Symbol("i", integer=True),), None, ()) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import sympy as sp

from symproofs.core.model import Given, Relation
from symproofs.core.results import StepResult, Verdict
from symproofs.grading.goals import GoalSet
from symproofs.grading.report import LineGrade, Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.notation import Setting
from symproofs.matrices.linalg import FrobeniusNorm, Norm, UnsetNorm

__all__ = ["AMBIGUOUS_I", "AMBIGUOUS_NORM", "Reading", "alternative_readings", "both_readings",
           "first_reading", "frobenius_reading", "imaginary_unit", "spectral_reading"]

AMBIGUOUS_I = "i may be the imaginary unit: as a real number i the step is {}, as the imaginary unit it is {}"
AMBIGUOUS_NORM = ("||M|| of a matrix: the spectral and the Frobenius norm give different verdicts (as the spectral "
                  "norm the step is {}, as the Frobenius norm it is {}); write \\|M\\|_2 or \\|M\\|_F, or set "
                  "[norms] matrix in the notation")


@dataclass(frozen=True)
class Reading:
    """Another reading of a step: the goal that checks it, and the message
    (two ``{}``: the verdict as read first, and under this reading) of a step
    the readings disagree on."""

    goal: int
    ambiguity: str


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


def frobenius_reading(e: sp.Basic) -> sp.Basic:
    """``e`` with every ``||M||`` of unset kind read as the Frobenius norm.

    >>> A = sp.MatrixSymbol("A", 2, 2)
    >>> frobenius_reading(UnsetNorm(A) ** 2 + 1)
    FrobeniusNorm(A)**2 + 1
    """
    return e.replace(lambda x: isinstance(x, UnsetNorm), lambda x: FrobeniusNorm(x.args[0]))


def spectral_reading(e: sp.Basic) -> sp.Basic:
    """``e`` with every ``||M||`` of unset kind read as the spectral norm
    (the verifier itself decides an :class:`UnsetNorm` only where both kinds
    agree; the grader's first reading is the spectral one).

    >>> spectral_reading(UnsetNorm(sp.MatrixSymbol("A", 2, 2)) + 1)
    Norm(A) + 1
    """
    return e.replace(lambda x: isinstance(x, UnsetNorm), lambda x: Norm(x.args[0]))


def _norm_reading(goals: GoalSet, setting: Setting, relation: Relation, sides: tuple[sp.Basic, sp.Basic],
                  assumed: Sequence[sp.Basic], read: Callable[[sp.Basic], sp.Basic]) -> int:
    """The goal of the step with every unset norm read by ``read``, in the
    step and in the definitions it rests on."""
    givens = tuple(replace(g, statement=read(g.statement)) if g.statement.has(UnsetNorm) else g
                   for g in setting.givens)
    lemmas = tuple(replace(m, statement=read(m.statement)) if m.statement.has(UnsetNorm) else m
                   for m in setting.lemmas)
    other = setting if (givens, lemmas) == (setting.givens, setting.lemmas) else \
        replace(setting, givens=givens, lemmas=lemmas)
    lhs, rhs = (read(side) for side in sides)
    return goals.add(other, relation, lhs, rhs, assumed=tuple(read(a) for a in assumed))


def first_reading(goals: GoalSet, setting: Setting, relation: Relation, sides: tuple[sp.Basic, sp.Basic],
                  assumed: Sequence[sp.Basic]) -> int:
    """The goal of the step as read first: ``||M||`` of unset kind as the
    spectral norm (:func:`alternative_readings` adds the Frobenius one)."""
    if any(side.has(UnsetNorm) for side in sides):
        return _norm_reading(goals, setting, relation, sides, assumed, spectral_reading)
    return goals.add(setting, relation, sides[0], sides[1], assumed=tuple(assumed))


def both_readings(line: LineGrade, other: StepResult, ambiguity: str) -> LineGrade:
    """The step as graded under its first reading, weighed against its result
    under ``other``: it stands when both agree (proved, or refuted, the
    counterexample under the first reading); otherwise it is *unknown*,
    never refuted where one reading makes it true."""
    second = {Verdict.PROVED: Mark.PROVED, Verdict.REFUTED: Mark.REFUTED}.get(other.verdict, Mark.UNKNOWN)
    if line.verdict is second or line.verdict not in (Mark.PROVED, Mark.REFUTED):
        return line
    said = {Mark.PROVED: "true", Mark.REFUTED: "false", Mark.UNKNOWN: "not decided"}
    return replace(line, verdict=Mark.UNKNOWN, method="ambiguous reading", trust="none", counterexample=None,
                   explanation=(), explanation_text="", message=ambiguity.format(said[line.verdict], said[second]))


def alternative_readings(goals: GoalSet, setting: Setting, relation: Relation, sides: tuple[sp.Basic, sp.Basic],
                         assumed: Sequence[sp.Basic]) -> tuple[Reading, ...]:
    """The goals of the step under its other readings, added to ``goals``:
    with ``i`` the imaginary unit when :func:`imaginary_unit` says it may be
    one, and with ``||M||`` the Frobenius norm where its kind is unset (in
    the step and in the definitions it rests on)."""
    out = []
    unit = imaginary_unit(sides, setting.notation, setting.givens)
    if unit is not None:
        lhs, rhs = (side.xreplace(unit) for side in sides)
        twin = goals.add(setting, relation, lhs, rhs, assumed=tuple(a.xreplace(unit) for a in assumed))
        out.append(Reading(twin, AMBIGUOUS_I))
    if any(side.has(UnsetNorm) for side in sides):
        twin = _norm_reading(goals, setting, relation, sides, assumed, frobenius_reading)
        out.append(Reading(twin, AMBIGUOUS_NORM))
    return tuple(out)
