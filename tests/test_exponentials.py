"""Exponentials and hyperbolic functions as rational functions of new variables."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.exponentials import exponential_form
from symproofs.verifier.pipeline import verify

a, b, x = sp.symbols("a b x", real=True)
sigma = 1 / (1 + sp.exp(-x))


def _verdicts(start: sp.Basic, *sides: sp.Basic) -> list[Verdict]:
    d = Derivation(id="exp", title="t", question="T",
                   chains=(Chain(start=start, steps=tuple(Step(R.EQ, s, "?") for s in sides)),))
    return [r.verdict for r in verify(d, isolate=False).all_steps]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lhs", "rhs"), [
    (sp.tanh(a), 2 / (1 + sp.exp(-2 * a)) - 1),  # tanh a = 2 sigma(2a) - 1
    (sp.cosh(a) ** 2 - sp.sinh(a) ** 2, sp.Integer(1)),
    (sp.exp(a + b), sp.exp(a) * sp.exp(b)),
    ((sp.exp(a / 2) + 1) ** 2, sp.exp(a) + 2 * sp.exp(a / 2) + 1),
    (sp.sinh(2 * a), 2 * sp.sinh(a) * sp.cosh(a)),
    (sigma * (1 - sigma), sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
], ids=["tanh-sigmoid", "cosh-sinh", "product", "half", "double", "sigmoid-derivative"])
def test_identities_through_exponentials_are_proved(lhs: sp.Expr, rhs: sp.Expr) -> None:
    assert exponential_form(lhs - rhs) == 0
    assert _verdicts(lhs, rhs) == [Verdict.PROVED]


@pytest.mark.parametrize(("lhs", "rhs"), [
    (sp.tanh(a), 2 / (1 + sp.exp(-a)) - 1),  # the factor 2 in the exponent dropped
    (sp.exp(a + b), sp.exp(a) + sp.exp(b)),
    (sp.cosh(a) ** 2 + sp.sinh(a) ** 2, sp.Integer(1)),
], ids=["tanh-slip", "sum", "plus"])
def test_slips_through_exponentials_are_refuted(lhs: sp.Expr, rhs: sp.Expr) -> None:
    assert exponential_form(lhs - rhs) != 0
    assert _verdicts(lhs, rhs) == [Verdict.REFUTED]


def test_derivatives_of_hyperbolic_and_logistic_functions() -> None:
    assert _verdicts(sp.Derivative(sp.tanh(a), a), 4 / (sp.exp(a) + sp.exp(-a)) ** 2, 1 - sp.tanh(a) ** 2) \
        == [Verdict.PROVED, Verdict.PROVED]
    assert _verdicts(sp.Derivative(sp.log(1 + sp.exp(x)), x), sigma) == [Verdict.PROVED]  # softplus' = sigmoid
    assert _verdicts(sp.Derivative(sp.tanh(a), a), 2 / (sp.exp(a) + sp.exp(-a)) ** 2) == [Verdict.REFUTED]


def test_nothing_under_a_binder_and_no_irrational_exponent_is_replaced() -> None:
    assert exponential_form(sp.Derivative(sp.exp(2 * a), a) - 2 * sp.exp(2 * a)) is None
    assert exponential_form(sp.Sum(sp.exp(a * x), (x, 1, 3))) is None
    assert exponential_form(sp.exp(sp.sqrt(2) * a) - sp.exp(a) ** sp.sqrt(2)) is None


def test_an_exponent_that_may_be_complex_and_trigonometric_functions_are_not_made_rational() -> None:
    """e^{ia} is no positive number (sqrt(e^{2ia}) = e^{ia} fails at a = pi), cos a is not rewritten through
    e^{ia}, and nothing with a sign or a branch is decided here."""
    for lhs, rhs in ((sp.sqrt(sp.exp(2 * sp.I * a)), sp.exp(sp.I * a)), (sp.sign(sp.exp(sp.I * a)), sp.Integer(1)),
                     (sp.sign(1 + sp.cos(a)) * sp.cosh(x), sp.cosh(x)),
                     (sp.Piecewise((sp.cosh(x), sp.cos(a) > -1), (0, True)), sp.cosh(x))):
        assert exponential_form(lhs - rhs) != 0
        assert _verdicts(lhs, rhs) != [Verdict.PROVED]
