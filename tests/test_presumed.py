"""A proof that needs a presumed range (not reversed) proves a step only there
(symproofs.grading.presumed): the empty-range convention, never Karr's."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.presumed import unpresumed
from symproofs.grading.report import Mark

i = sp.Symbol("i", integer=True)
m = sp.Symbol("m", integer=True)


def _goal(lhs: sp.Basic, rhs: sp.Basic, facts: tuple[sp.Basic, ...], presumed: tuple[sp.Basic, ...]) -> Goal:
    return Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(facts), presumed=presumed, seed=7))


_PROVED = StepResult(verdict=Verdict.PROVED, method="sum normal form", trust=Trust.SYMBOLIC)


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (sp.Sum(1, (i, 1, m)), m),  # m = -3: the empty sum 0, not -3
        (sp.Sum(i, (i, 1, m)), m * (m + 1) / 2),  # m = -2: 0, not 1
        (sp.Product(2, (i, 1, m)), 2**m),  # m = -1: 1, not 1/2
    ],
    ids=["count", "gauss", "product"],
)
def test_a_closed_form_proved_under_a_presumed_range_is_not_proved_for_every_integer(lhs, rhs) -> None:
    presumed = (sp.Ge(m, 0),)
    out = unpresumed(_goal(lhs, rhs, presumed, presumed), _PROVED)
    assert out.verdict is Verdict.UNKNOWN and "m >= 0" in out.message


def test_a_stated_range_or_a_proof_without_the_presumption_stands() -> None:
    stated = (sp.Ge(m, 1), sp.Ge(m, 0))
    assert unpresumed(_goal(sp.Sum(1, (i, 1, m)), m, stated, (sp.Ge(m, 0),)), _PROVED) is _PROVED
    # sum_i 2 x_i = 2 sum_i x_i holds for every integer m (for m < 0 both sums are empty): still proved
    x = sp.Function("x", real=True)
    lhs, rhs = sp.Sum(2 * x(i), (i, 1, m)), 2 * sp.Sum(x(i), (i, 1, m))
    assert unpresumed(_goal(lhs, rhs, (sp.Ge(m, 0),), (sp.Ge(m, 0),)), _PROVED) is _PROVED


def test_each_case_of_two_presumptions_is_checked() -> None:
    # peeling the last term: sum_{k=1}^{m+1} x_k = sum_{k=1}^{m} x_k + x_{m+1} fails at m = -1 (0 vs x_0)
    x = sp.Function("x", real=True)
    lhs, rhs = sp.Sum(x(i), (i, 1, m + 1)), sp.Sum(x(i), (i, 1, m)) + x(m + 1)
    presumed = (sp.Ge(m, 0), sp.Ge(m + 1, 0))
    out = unpresumed(_goal(lhs, rhs, presumed, presumed), _PROVED)
    assert out.verdict is Verdict.UNKNOWN and "m >= 0" in out.message


def test_a_graded_sum_up_to_an_integer_of_unknown_sign_is_never_proved(tmp_path: Path) -> None:
    text = (
        "## Answer 1\n\n$$ \\sum_{i=1}^{m} 1 = m $$\n\n$$ \\prod_{i=1}^{m} 2 = 2^m $$\n\n"
        "## Answer 2\n\nFor every integer $m$,\n$$ \\sum_{i=1}^{m} i = \\frac{m(m+1)}{2} $$\n"
    )
    got = steps(graded(tmp_path, text, notation='[symbols]\nm = "integer"\n'))
    assert got and all(s.verdict is Mark.UNKNOWN for s in got)
    assert all("reversed" in s.message for s in got)
    # a count the notation declares: proved as before
    got = steps(graded(tmp_path, text, notation='[symbols]\nm = "nonnegative integer"\n'))
    assert got and all(s.verdict is Mark.PROVED for s in got)
