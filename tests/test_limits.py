"""Limits as a reader of real analysis means them: never sympy's value for
generic parameters, never a one-sided value for the limit, never through
points where the body has no real value."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import StepResult, Verdict
from symproofs.verifier.limits import generic_limit, on_domain, real_sides
from symproofs.verifier.pipeline import verify

x = sp.Symbol("x", real=True)
a = sp.Symbol("a", real=True)


def _one_step(start: sp.Basic, end: sp.Basic) -> StepResult:
    d = Derivation(id="one", title="one step", question="T",
                   chains=(Chain(start=start, steps=(Step(R.EQ, end, "?"),)),))
    return verify(d, isolate=False).all_steps[0]


@pytest.mark.parametrize(("start", "end"), [
    (sp.Limit(a * x / (a * x + 1), x, sp.oo), sp.Integer(1)),   # 0 at a = 0
    (sp.Limit(x / (x + a), x, 0), sp.Integer(0)),               # 1 at a = 0
    (sp.Limit(sp.Abs(x) / x, x, a), sp.sign(a)),                # the right limit is 1 at a = 0
    (sp.Limit(x**2 / (x**2 + a**2), x, 0), sp.Integer(0)),
])
def test_a_limit_with_a_parameter_is_never_proved_by_sympys_generic_value(start: sp.Basic, end: sp.Basic) -> None:
    assert generic_limit((start, end)) is not None
    step = _one_step(start, end)
    assert step.verdict is not Verdict.PROVED, step.describe()


def test_a_limit_without_a_parameter_is_still_proved() -> None:
    start = sp.Limit(sp.sin(x) / x, x, 0)
    assert generic_limit((start, sp.Integer(1))) is None
    assert _one_step(start, sp.Integer(1)).verdict is Verdict.PROVED


@pytest.mark.parametrize(("start", "claimed"), [
    (sp.Limit(sp.Abs(x) / x, x, 0), sp.Integer(1)),  # sympy's Limit is from the right; from the left it is -1
    (sp.Limit(sp.floor(x), x, 0), sp.Integer(0)),
    (sp.Limit(sp.atan(1 / x), x, 0, "-"), -sp.pi / 2),
])
def test_a_one_sided_value_is_never_proved_the_limit(start: sp.Expr, claimed: sp.Expr) -> None:
    assert "one side" in (generic_limit((start, claimed)) or "")
    assert _one_step(start, claimed).verdict is not Verdict.PROVED
    assert _one_step(sp.Limit(sp.exp(x), x, 0), sp.Integer(1)).verdict is Verdict.PROVED


def test_a_limit_of_an_open_value_has_a_parameter() -> None:
    f = sp.Function("f", real=True)
    lim = sp.Limit(f(1) * x / (f(1) * x + 1), x, sp.oo)
    assert generic_limit((lim,)) is not None
    assert _one_step(lim, sp.Integer(1)).verdict is not Verdict.PROVED


@pytest.mark.parametrize(("body", "point", "right", "left"), [
    (x * sp.log(x), 0, True, False),
    (sp.sqrt(x), 0, True, False),
    (sp.asin(x), 1, False, True),
    (sp.sqrt(2 - x) * sp.log(x), 1, True, True),
    (sp.log(sp.Abs(x)) * x, 0, True, True),
    (sp.sin(x) / x, 0, True, True),
])
def test_the_sides_where_a_body_is_real(body: sp.Expr, point: int, right: bool, left: bool) -> None:
    assert real_sides(body, x, sp.Integer(point)) == {"+": right, "-": left}


@pytest.mark.parametrize(("lim", "value"), [
    (sp.Limit(x * sp.log(x), x, 0, "-"), sp.Integer(0)),       # no real value left of 0
    (sp.Limit(sp.asin(x), x, 1, "+"), sp.pi / 2),             # none right of 1
    (sp.Limit(sp.sqrt(x), x, 0, "-"), sp.Integer(0)),
    (sp.Limit(sp.sqrt(-x * x - 1), x, 0, "+-"), sp.I),         # real on neither side
])
def test_a_limit_through_points_without_a_real_value_is_never_proved(lim: sp.Limit, value: sp.Expr) -> None:
    assert "real" in (generic_limit((lim, value)) or "")
    assert _one_step(lim, value).verdict is not Verdict.PROVED


@pytest.mark.parametrize(("lim", "value"), [
    (sp.Limit(x * sp.log(x), x, 0, "+"), sp.Integer(0)),
    (sp.Limit(x * sp.log(x), x, 0, "+-"), sp.Integer(0)),      # over its domain: from the right
    (sp.Limit(sp.asin(x), x, 1, "-"), sp.pi / 2),
    (sp.Limit(sp.sqrt(x), x, 0, "+-"), sp.Integer(0)),
])
def test_a_limit_over_the_bodys_domain_is_proved(lim: sp.Limit, value: sp.Expr) -> None:
    assert generic_limit((on_domain(lim), value)) is None
    assert _one_step(lim, value).verdict is Verdict.PROVED


def test_a_two_sided_limit_is_read_from_the_one_real_side() -> None:
    assert on_domain(sp.Limit(x * sp.log(x), x, 0, "+-")) == sp.Limit(x * sp.log(x), x, 0, "+")
    assert on_domain(sp.Limit(sp.asin(x), x, 1, "+-")) == sp.Limit(sp.asin(x), x, 1, "-")
    both = sp.Limit(sp.sin(x) / x, x, 0, "+-")
    assert on_domain(both) == both


@pytest.mark.parametrize(("body", "point", "limit"), [
    (sp.Piecewise((1, sp.Eq(x, 0)), (x, True)), 0, 0),
    (sp.Piecewise((0, sp.Eq(x, 0)), (sp.sin(x) / x, True)), 0, 1),
    (sp.Piecewise((1, sp.Eq(x, 1)), (x - 1, True)), 1, 0),
    (sp.Piecewise((5, sp.And(sp.Ge(x, 0), sp.Le(x, 0))), (x + 2, True)), 0, 2),
])
def test_a_branch_that_holds_at_the_point_only_is_not_the_limit(body: sp.Basic, point: int, limit: int) -> None:
    # sympy's limit takes the value at the point: a limit never looks there
    start = sp.Limit(body, x, point, "+-")
    assert _one_step(start, sp.Integer(limit)).verdict is Verdict.PROVED
    assert _one_step(start, body.subs(x, point)).verdict is not Verdict.PROVED


JUMP = sp.Piecewise((1, x < 0), (x, True))


@pytest.mark.parametrize(("start", "end"), [
    (sp.Limit(JUMP, x, 0, "-"), sp.Integer(0)),                                  # the left limit is 1
    (sp.Limit(JUMP, x, 0, "+-"), sp.Integer(0)),                                 # no two-sided limit
    (sp.Limit(JUMP, x, 0, "+-"), sp.Integer(1)),                                 # never refuted with "left = 0"
    (sp.Limit(sp.Piecewise((0, x < 1), (1, True)), x, 1, "+-"), sp.Integer(1)),
    (sp.Limit(sp.Piecewise((x + 1, x < 0), (x, True)), x, 0, "+-"), sp.Integer(0)),
])
def test_a_limit_at_a_jump_of_a_piecewise_body_is_neither_proved_nor_refuted(start: sp.Basic,
                                                                             end: sp.Basic) -> None:
    step = _one_step(start, end)
    assert step.verdict is Verdict.UNKNOWN, step.describe()
    assert step.method == "may not exist"
    assert "left limit 1" in (step.message or "") or "left limit 0" in (step.message or "")


@pytest.mark.parametrize(("start", "end"), [
    (sp.Limit(sp.Piecewise((x**2, x < 0), (x, True)), x, 0, "+-"), sp.Integer(0)),   # continuous at 0
    (sp.Limit(JUMP, x, 2, "+-"), sp.Integer(2)),                                     # away from the jump
    (sp.Limit(sp.Piecewise((sp.sin(x) / x, x < 0), (sp.cos(x), True)), x, 0, "+-"), sp.Integer(1)),
])
def test_a_limit_of_a_piecewise_body_with_equal_sides_is_proved(start: sp.Basic, end: sp.Basic) -> None:
    step = _one_step(start, end)
    assert step.verdict is Verdict.PROVED, step.describe()


def test_a_limit_of_a_piecewise_body_with_a_wrong_value_is_refuted_with_the_true_one() -> None:
    step = _one_step(sp.Limit(sp.Piecewise((x**2, x < 0), (x, True)), x, 0, "+-"), sp.Integer(1))
    assert step.verdict is Verdict.REFUTED, step.describe()
    assert step.counterexample is not None and step.counterexample.lhs == 0


def test_side_body_takes_the_branch_that_holds_on_each_side() -> None:
    from symproofs.verifier.limits import side_body
    body = sp.Piecewise((1, (x > -1) & (x < 0)), (x + 5, True))
    assert side_body(body, x, sp.S.Zero, "-") == 1
    assert side_body(body, x, sp.S.Zero, "+") == x + 5
    assert side_body(sp.Piecewise((1, x < a), (x, True)), x, sp.S.Zero, "+") is None   # a not decided
