"""A bound variable whose declared assumptions its range or point breaks, a
body with the imaginary unit where every name is real, and assumptions that
contradict each other: the step is unknown, never proved
(symproofs.verifier.binders)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.facts import Facts
from symproofs.core.model import Chain, Derivation, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import StepResult, Verdict
from symproofs.grading.report import Mark
from symproofs.verifier.binders import binder_problem, dimension_clash, imaginary_problem
from symproofs.verifier.pipeline import verify

xp = sp.Symbol("x", positive=True)
xn = sp.Symbol("x", nonnegative=True)
kp = sp.Symbol("k", positive=True, integer=True)
ke = sp.Symbol("k", even=True)
ki = sp.Symbol("k", integer=True)
n = sp.Symbol("n", positive=True, integer=True)
x = sp.Symbol("x", real=True)


def _one(start: sp.Basic, rel: R, end: sp.Basic) -> StepResult:
    d = Derivation(id="one", title="t", question="T", chains=(Chain(start=start, steps=(Step(rel, end, "?"),)),))
    return verify(d, isolate=False).all_steps[0]


@pytest.mark.parametrize(("start", "end"), [
    (sp.Integral(sp.Abs(xp), (xp, -1, 1)), 0),
    (sp.Sum(sp.Abs(kp), (kp, -2, 2)), 0),
    (sp.Sum(sp.KroneckerDelta(kp, 0), (kp, 0, n)), 0),
    (sp.Subs(sp.Abs(xp), xp, -3), -3),
    (sp.Limit(sp.Abs(xp), xp, -1), -1),
    (sp.Sum((-1)**ke, (ke, 1, 3)), 3),
    (sp.Integral(sp.sin(sp.pi * ki), (ki, 0, sp.Rational(1, 2))), 0),
    (sp.Subs(sp.Derivative(sp.Abs(xn), xn), xn, 0), 1),
], ids=["integral-positive", "sum-positive", "delta-from-zero", "subs", "limit", "sum-even", "integral-integer",
        "derivative-at-the-edge"])
def test_a_binder_against_its_variables_assumptions_is_not_proved(start: sp.Basic, end: int) -> None:
    step = _one(start, R.EQ, sp.Integer(end))
    assert step.verdict is Verdict.UNKNOWN, step.describe()
    assert "bound variable" in step.message


@pytest.mark.parametrize(("start", "end"), [
    (sp.Integral(sp.Abs(xp), (xp, 0, 1)), sp.Rational(1, 2)),
    (sp.Sum(sp.Abs(kp), (kp, 1, 3)), 6),
    (sp.Subs(sp.Abs(xp), xp, 3), 3),
    (sp.Limit(sp.Abs(xp), xp, 0, "+"), 0),
    (sp.Limit(1 / n, n, sp.oo), 0),
    (sp.Subs(sp.Derivative(xp**2, xp), xp, 2), 4),
], ids=["integral", "sum", "subs", "limit-from-the-right", "sequence", "derivative"])
def test_a_binder_within_its_variables_assumptions_is_still_proved(start: sp.Basic, end: sp.Basic) -> None:
    step = _one(start, R.EQ, sp.sympify(end))
    assert step.verdict is Verdict.PROVED, step.describe()


def test_the_problem_names_the_variable_and_the_declaration() -> None:
    why = binder_problem((sp.Integral(xp, (xp, -1, 1)),), None)
    assert why is not None and why.startswith("the bound variable x is declared positive")
    assert binder_problem((sp.Integral(xp, (xp, 1, 2)),), None) is None
    assert binder_problem((sp.Limit(xp, xp, 0, "+-"),), None) is not None  # below 0 too
    assert binder_problem((sp.Limit(xp, xp, 0, "+"),), None) is None


@pytest.mark.parametrize("start", [sp.Limit(sp.sqrt(-x**2), x, 0), sp.Limit(sp.sqrt(-x**2) + 5, x, 0) - 5],
                         ids=["root", "shifted"])
def test_a_limit_of_a_body_with_no_real_value_is_not_proved(start: sp.Basic) -> None:
    step = _one(start, R.EQ, sp.Integer(0))
    assert step.verdict is Verdict.UNKNOWN, step.describe()
    assert imaginary_problem((start,), order=False) is not None


def test_a_limit_of_a_real_root_is_still_proved() -> None:
    step = _one(sp.Limit(sp.sqrt(x**2), x, 0), R.EQ, sp.Integer(0))
    assert step.verdict is Verdict.PROVED, step.describe()


def test_an_order_between_sides_that_are_not_real_is_not_checked() -> None:
    assert imaginary_problem((sp.I * x**2, sp.Integer(0)), order=True) is not None
    assert imaginary_problem((sp.I * sp.I * x**2, sp.Integer(0)), order=True) is None  # -x**2: real
    step = _one(sp.I * sp.Abs(x), R.LE, sp.I * sp.Abs(x) + 1)
    assert step.verdict is Verdict.UNKNOWN, step.describe()


def test_assumptions_on_dimensions_that_contradict_each_other_are_named() -> None:
    m = sp.Symbol("m", positive=True, integer=True)
    assert dimension_clash(Facts((sp.Gt(m, n), sp.Ge(n, m)))) is not None
    assert dimension_clash(Facts((sp.Gt(m, n), sp.Ge(m, n)))) is None


_POSITIVE = '[symbols]\nt = "positive"\nk = "positive integer"\n'


@pytest.mark.parametrize("line", [
    r"$$\int_{-1}^{1} |t| \, dt = 0$$",
    r"$$\sum_{k=-2}^{2} |k| = 0$$",
    r"$$\sum_{k=-2}^{2} k^2 = \sum_{k=-2}^{2} |k| k$$",
], ids=["integral", "sum", "sums"])
def test_a_graded_binder_against_the_course_declaration_is_not_proved(tmp_path: Path, line: str) -> None:
    found = steps(graded(tmp_path, line + "\n", notation=_POSITIVE))
    assert found and all(s.verdict is not Mark.PROVED for s in found), found


@pytest.mark.parametrize("line", [r"$$\int_{0}^{1} |t| \, dt = \frac{1}{2}$$", r"$$\sum_{k=1}^{3} |k| = 6$$"],
                         ids=["integral", "sum"])
def test_a_graded_binder_within_the_course_declaration_is_still_proved(tmp_path: Path, line: str) -> None:
    (step,) = steps(graded(tmp_path, line + "\n", notation=_POSITIVE))
    assert step.verdict is Mark.PROVED, step
