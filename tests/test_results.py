"""Results: counterexamples read on one line, enums without a truth value."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.results import Counterexample, Trust, Verdict

x = sp.Symbol("x")


def test_a_counterexample_with_a_matrix_reads_on_one_line() -> None:
    cx = Counterexample(assignment=((x, sp.Rational(1, 2)), (sp.Symbol("g"), sp.Matrix([[-1], [sp.Rational(1, 2)]]))),
                        lhs=sp.Matrix([[1, 0]]), rhs=sp.S(2))
    assert cx.describe() == "at x = 1/2, g = [[-1], [1/2]]: left = [[1, 0]], right = 2"
    assert cx.to_json()["assignment"] == {"x": "1/2", "g": "[[-1], [1/2]]"}
    assert "\n" not in cx.describe()


def test_a_counterexample_names_its_model() -> None:
    cx = Counterexample(assignment=(), lhs=sp.S.One, rhs=sp.S.Zero, model="X takes 0, 1")
    assert cx.describe() == "at X takes 0, 1: left = 1, right = 0"


@pytest.mark.parametrize("member", [Verdict.PROVED, Verdict.UNKNOWN, Trust.SYMBOLIC, Trust.NONE], ids=str)
def test_verdicts_and_trust_levels_have_no_truth_value(member: Verdict | Trust) -> None:
    with pytest.raises(TypeError, match=f"a {type(member).__name__} has no truth value"):
        bool(member)
