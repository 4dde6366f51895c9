"""A ``cases`` environment inside a side: read as one piecewise value, or not at all."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.latex.cases import claims_relation, hide, whole_row

x, y = sp.symbols("x y", real=True)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(r"-x & x \ge 0 \\ x & x < 0", sp.Piecewise((-x, x >= 0), (x, x < 0)), id="bare-conditions"),
        pytest.param(r"x^2 & \text{if } x > 1 \\ 0 & \text{otherwise}", sp.Piecewise((x**2, x > 1), (0, True)),
                     id="if-and-otherwise"),
        pytest.param(r"y, & y \le 2, \\ 2, & y > 2.", sp.Piecewise((y, y <= 2), (2, y > 2)), id="punctuation"),
        pytest.param(r"1 & 0 \le x < 1 \\ 0 & \text{else}",
                     sp.Piecewise((1, sp.And(x >= 0, x < 1)), (0, True)), id="chained-condition"),
        pytest.param(r"x & \text{for $x \ne 3$} \\ 5 & x = 3", sp.Piecewise((x, sp.Ne(x, 3)), (5, sp.Eq(x, 3))),
                     id="math-inside-text"),
        pytest.param(r"1 & x \ge 0 \\ 1 & x \le 0", sp.Piecewise((1, x >= 0), (1, x <= 0)),
                     id="overlap-with-equal-values"),
        pytest.param(r"x & x \ge 0 \\ 0 & x \le 0", sp.Piecewise((x, x >= 0), (0, x <= 0)),
                     id="overlap-at-a-point-with-equal-values"),
    ],
)
def test_a_readable_case_distinction_is_a_piecewise_value(body: str, expected: sp.Basic) -> None:
    text = f"f = \\begin{{cases}} {body} \\end{{cases}} + 1"
    hidden = hide(text)
    assert len(hidden.text) == len(text)
    (case,) = hidden.cases
    assert case.value == expected, case.error
    assert hidden.source(hidden.text) == text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param(r"1 & \text{$x$ is rational} \\ 0 & \text{otherwise}", "in words", id="words"),
        pytest.param(r"1 \\ 0", "value & its condition", id="no-condition"),
        pytest.param(r"0 & \text{otherwise} \\ 1 & x > 0", "in words", id="otherwise-not-last"),
        pytest.param(r"1 & x \ge 0 \\ 2 & x \ge -1", "overlap", id="overlap-with-different-values"),
        pytest.param(r"1 & x \approx 0 \\ 2 & \text{otherwise}", "(in)equality", id="unchecked-relation"),
        pytest.param(r"\frac{1}{ & x > 0", "", id="bad-value"),
    ],
)
def test_an_unreadable_case_distinction_says_why(body: str, reason: str) -> None:
    hidden = hide(f"f = \\begin{{cases}} {body} \\end{{cases}}")
    (case,) = hidden.cases
    assert case.value is None
    assert reason in case.error and "cannot be read" in case.error
    assert hidden.unreadable(hidden.text) == case.error


def test_several_and_nested_environments_are_hidden_one_by_one() -> None:
    text = (r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} + "
            r"\begin{cases} \begin{cases} 1 & y > 0 \\ 2 & y \le 0 \end{cases} & x > 1 \\ 0 & x \le 1 \end{cases}")
    hidden = hide(text)
    assert len(hidden.cases) == 2 and len(hidden.text) == len(text)
    assert hidden.cases[0].value == sp.Piecewise((1, x > 0), (0, x <= 0))
    assert hidden.cases[1].value is None  # a case distinction as a value is not a parsed expression


@pytest.mark.parametrize(
    ("row", "whole"),
    [
        pytest.param(r"\begin{cases} x = 1 \\ y = 2 \end{cases}", True, id="a-system"),
        pytest.param(r"\begin{cases} x = 1 \\ y = 2 \end{cases} \right. .", True, id="closed-and-a-full-stop"),
        pytest.param(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} = 5", False, id="a-value-then-a-relation"),
        pytest.param(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} + 1 = 5", False, id="a-value-then-a-sum"),
    ],
)
def test_a_cases_block_is_the_whole_row_only_when_nothing_follows(row: str, whole: bool) -> None:
    assert whole_row(row, row.index(r"\end{cases}") + len(r"\end{cases}")) is whole


@pytest.mark.parametrize(
    ("body", "claims"),
    [
        pytest.param(r"x + 1 = x \\ y = 2", True, id="a-system"),
        pytest.param(r"1 = 2 & x > 0 \\ 0 & x \le 0", True, id="a-relation-in-a-value"),
        pytest.param(r"1 & x > 0 \\ 0 & x \le 0", False, id="relations-only-in-the-cases"),
    ],
)
def test_a_cases_body_claims_a_relation_in_its_values(body: str, claims: bool) -> None:
    assert claims_relation(body) is claims
