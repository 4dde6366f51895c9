"""Tests of a row's reason and condition (symproofs.grading.because): a reason ("since", "because", "as") is a
claim the row rests on, never a hypothesis that proves it; a condition or a reason no value the question admits
meets makes the row claim nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.because import impossible, reason_established
from symproofs.grading.report import Mark

A2 = (Path(__file__).resolve().parent.parent / "examples" / "ift6135-h19-a2" / "notation.toml").read_text(
    encoding="utf-8")


def _verdicts(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    return [(s.verdict, s.message) for s in steps(graded(tmp_path, body, notation=A2)) if s.relation]


def test_a_condition_against_the_facts_holds_nowhere() -> None:
    a, b = sp.symbols("alpha beta", real=True)
    assert impossible((sp.Eq(a, b),), (a < b,))
    assert impossible((sp.Eq(b, 1),), (b > 0, b < 1))
    assert not impossible((sp.Eq(a, 0),), (a < b,))


def test_a_reason_is_established_only_by_the_facts_or_the_cases() -> None:
    b, mu = sp.symbols("beta mu", real=True)
    assert reason_established((b > 0,), (b > 0, b < 1))
    assert not reason_established((sp.Eq(mu, 0),), (b > 0,))
    assert reason_established((sp.Eq(mu, 0),), (), (sp.Eq(mu, 0),))


@pytest.mark.parametrize("row", [
    "\\beta - \\alpha = 0 \\quad \\text{(since } \\alpha = \\beta \\text{)}",
    "\\sigma^2 = 0 \\quad \\text{because } \\alpha = \\beta",
    "\\frac{\\alpha + \\beta}{2} = \\beta \\quad \\text{because } \\alpha = \\beta",
], ids=["since", "because", "mean"])
def test_a_condition_that_contradicts_the_notation_proves_nothing(tmp_path: Path, row: str) -> None:
    # Q1 has alpha < beta: "alpha = beta" holds for no value it admits
    (got,) = _verdicts(tmp_path, f"# Question 1\n\n$$ {row} $$\n")
    assert got[0] is Mark.UNKNOWN and "contradicts" in got[1], got


def test_a_value_against_a_fact_other_than_a_sign_proves_nothing(tmp_path: Path) -> None:
    # Q3.2 has 0 < beta < 1: beta = 1 is no value of it
    got = _verdicts(tmp_path, "# Question 3\n\n## 3.2\n\n$$ v_1 = 0 \\quad \\text{since } \\beta = 1 $$\n\n"
                              "$$ v_t = 0 \\quad \\text{for } \\beta = 1 $$\n")
    assert [v for v, _ in got] == [Mark.UNKNOWN, Mark.UNKNOWN], got


def test_an_unproved_reason_never_proves_its_row(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, "# Question 1\n\n## 1.1\n\n"
                              "$$ \\operatorname{Var}(a_i^{(t)}) = d^{(t-1)} \\sigma^2 \\quad \\text{since } "
                              "\\mu = 0 $$\n\n$$ (c+1)^2 = c^2 + 1 \\quad \\text{since } c = 0 $$\n\n"
                              "$$ \\mu^2 + \\sigma^2 = \\sigma^2 \\quad \\text{as } \\mu = 0 $$\n")
    assert all(v is Mark.UNKNOWN and "reason" in m for v, m in got), got


def test_a_row_false_even_where_its_reason_holds_is_refuted(tmp_path: Path) -> None:
    (got,) = _verdicts(tmp_path, "# Question 1\n\n$$ (c+1)^2 = c^2 + 2 \\quad \\text{since } c = 0 $$\n")
    assert got[0] is Mark.REFUTED, got


def test_a_reason_the_facts_give_is_used(tmp_path: Path) -> None:
    (got,) = _verdicts(tmp_path, "# Question 3\n\n## 3.3\n\n$$ \\beta^2 < \\beta \\quad \\text{since } 0 < \\beta "
                                 "< 1 $$\n")
    assert got[0] is Mark.PROVED, got


def test_a_reason_carries_to_the_rows_after_it_as_a_case_only(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, "# Question 1\n\n$$ \\begin{aligned} (y+1)^3 &= (y+1)(y^2 + 2y + 1) \\quad "
                              "\\text{(because } y = 0\\text{)} \\\\ &= y^3 + 1 \\end{aligned} $$\n")
    # the second row holds only where y = 0: in that case, never proved by the reason, nor refuted elsewhere
    assert [v for v, _ in got] == [Mark.PROVED, Mark.UNKNOWN] and "y = 0" in got[1][1], got


def test_a_condition_consistent_with_the_facts_still_refutes_a_slip(tmp_path: Path) -> None:
    (got,) = _verdicts(tmp_path, "# Question 1\n\n$$ (\\alpha+\\beta)^2 = \\alpha^2 + \\beta^2 \\quad \\text{for } "
                                 "\\alpha > 0 $$\n")
    assert got[0] is Mark.REFUTED, got


def test_a_row_after_a_reason_is_still_refuted_where_the_reason_holds(tmp_path: Path) -> None:
    got = _verdicts(tmp_path, "# Question 1\n\n$$ \\begin{aligned} (y+1)^2 &= y^2 + 2y + 1 \\quad "
                              "\\text{(because } y = 0\\text{)} \\\\ &= 2 \\end{aligned} $$\n")
    assert [v for v, _ in got] == [Mark.PROVED, Mark.REFUTED], got

