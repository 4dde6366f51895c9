"""A root or a logarithm written under an integral or a limit, that sympy
erased as it built the side, is checked over the values the bound variable
takes (symproofs.latex.boundparts)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.boundparts import Bound, bound_condition

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(("condition", "binder", "found"), [
    (sp.Gt(x, 0), sp.Integral(x, (x, -1, 0)), Bound.FAILS),
    (sp.Gt(x, 0), sp.Integral(x, (x, 0, 1)), Bound.HELD),
    (sp.Gt(x, 0), sp.Integral(x, (x, 2, 1)), Bound.HELD),
    (sp.Ge(-x**2, 0), sp.Limit(x, x, 0, "+-"), Bound.FAILS),
    (sp.Ge(x, 0), sp.Limit(x, x, 0, "+"), Bound.HELD),
    (sp.Ge(x, 0), sp.Limit(x, x, 0, "+-"), Bound.FAILS),
    (sp.Gt(x, 0), sp.Limit(x, x, 2, "+-"), Bound.HELD),
], ids=["log-below-zero", "log-above-zero", "reversed", "root-of-minus-square", "root-from-the-right",
        "root-two-sided", "log-away-from-zero"])
def test_a_condition_on_a_bound_variable_is_checked_over_its_values(
        condition: sp.Basic, binder: sp.Basic, found: Bound) -> None:
    assert bound_condition(condition, binder)[0] is found


def test_the_failure_names_an_exact_point() -> None:
    assert bound_condition(sp.Gt(x, 0), sp.Integral(x, (x, -1, 0))) == (Bound.FAILS, "x = -1/2")


@pytest.mark.parametrize("line", [
    r"$$\int_{-1}^{0} e^{\ln x}\,dx = -\frac{1}{2}$$",
    r"$$\lim_{x \to 0} \sqrt{-x^2} = 0$$",
], ids=["log-erased", "root-erased"])
def test_a_side_with_no_real_value_over_its_range_is_not_proved(tmp_path: Path, line: str) -> None:
    found = steps(graded(tmp_path, line))
    assert found and all(s.verdict is not Mark.PROVED for s in found), found


@pytest.mark.parametrize("line", [
    r"$$\int_{1}^{2} e^{\ln x}\,dx = \frac{3}{2}$$",
    r"$$\lim_{x \to 0} \sqrt{x^2} = 0$$",
], ids=["log-defined", "root-defined"])
def test_the_same_sides_where_defined_are_still_proved(tmp_path: Path, line: str) -> None:
    (step,) = steps(graded(tmp_path, line))
    assert step.verdict is Mark.PROVED, step
