"""A step whose side has no value at any admissible point is neither proved
nor refuted (symproofs.verifier.existence)."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Chain, Derivation, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import StepResult, Verdict
from symproofs.verifier.existence import never_real, sum_pole
from symproofs.verifier.pipeline import verify

k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
x = sp.Symbol("x", real=True)


def _one(start: sp.Basic, rel: R, end: sp.Basic, *assumptions: sp.Basic) -> StepResult:
    d = Derivation(id="one", title="t", question="T", assumptions=assumptions,
                   chains=(Chain(start=start, steps=(Step(rel, end, "?"),)),))
    return verify(d, isolate=False).all_steps[0]


def test_a_sum_through_a_term_one_over_zero_may_not_exist() -> None:
    step = _one(sp.Sum(1 / ((k - 3) * (k - 2)), (k, 1, n)), R.EQ, -sp.Rational(1, 2) - 1 / (n - 2), sp.Ge(n, 4))
    assert step.verdict is Verdict.UNKNOWN, step.describe()
    assert step.method == "may not exist"


def test_a_sum_whose_poles_lie_outside_its_range_is_still_proved() -> None:
    assert sum_pole(sp.Sum(1 / (k * (k + 1)), (k, 1, n)), Facts()) is None
    step = _one(sp.Sum(1 / (k * (k + 1)), (k, 1, n)), R.EQ, 1 - 1 / (n + 1))
    assert step.verdict is Verdict.PROVED, step.describe()


@pytest.mark.parametrize("part", [sp.sqrt(-1 - x**2), sp.log(-1 - x**2)])
def test_an_order_between_values_that_are_never_real_is_not_checked(part: sp.Expr) -> None:
    assert never_real((part,), Facts()) is not None
    step = _one(part + 1, R.GT, part)
    assert step.verdict is Verdict.UNKNOWN, step.describe()


def test_an_order_with_a_root_real_somewhere_is_still_proved() -> None:
    assert never_real((sp.sqrt(1 - x**2),), Facts()) is None
    step = _one(sp.Abs(x) + 1, R.GT, sp.Abs(x))
    assert step.verdict is Verdict.PROVED, step.describe()


def test_a_denominator_that_is_no_polynomial_in_the_index_must_be_nonzero_at_every_integer() -> None:
    # 2^k - 4 is 0 at k = 2: no roots to list, so the sum may not exist; 2^k + 1 is never 0
    f = 1 / (2**k - 4)
    assert sum_pole(sp.Sum(f, (k, 1, n)), Facts()) is not None
    step = _one(sp.Sum(f - f.subs(k, k + 1), (k, 1, n)), R.EQ, f.subs(k, 1) - f.subs(k, n + 1))
    assert step.verdict is Verdict.UNKNOWN and step.method == "may not exist", step.describe()
    assert sum_pole(sp.Sum(1 / (2**k + 1), (k, 1, n)), Facts()) is None


def test_a_sum_whose_bound_may_not_be_a_whole_number_is_neither_proved_nor_refuted() -> None:
    m = sp.Symbol("m", real=True)
    half = _one(sp.Sum(1, (k, 1, n / 2)), R.EQ, n / 2)  # read to its floor: fails at n = 1; as a count: holds
    assert (half.verdict, half.method) == (Verdict.UNKNOWN, "may not exist"), half.describe()
    root = _one(sp.Sum((-1) ** k, (k, 1, 2 * m)), R.EQ, 0)  # fails at m = 1/2 read to its floor
    assert root.verdict is Verdict.UNKNOWN, root.describe()
    assert "n/2" in half.describe() and "may not be a whole number" in half.describe()


def test_a_whole_number_bound_is_read_and_a_slip_refuted() -> None:
    even = _one(sp.Sum((-1) ** k, (k, 1, 2 * n)), R.EQ, 0)
    assert even.verdict is Verdict.PROVED, even.describe()
    slip = _one(sp.Sum(1, (k, 1, n)), R.EQ, n + 1)
    assert slip.verdict is Verdict.REFUTED, slip.describe()

