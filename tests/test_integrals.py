r"""Integrals in students' steps: read from LaTeX, the range cut at 0, the
change of variables x -> -x, linearity and closed forms prove correct steps;
a wrong closed form is refuted at an exact value, and a step that needs
what nothing declares (a symmetric density) stays unknown."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.latex.notation import Notation
from symproofs.latex.parser import parse_relation_chain
from symproofs.verifier.integrals import normal_integrals
from symproofs.verifier.pipeline import check_goal

NOTE = Notation(functions=frozenset({"f"}))
x = sp.Symbol("x", real=True)
f = sp.Function("f")


def check(text: str) -> StepResult:
    parts = parse_relation_chain(text, notation=NOTE)
    assert [p.error for p in parts] == [None, None]
    return check_goal(Goal(relation=Relation.EQ, lhs=parts[0].expr, rhs=parts[1].expr,
                           context=Context(facts=Facts(()), seed=4)))


def test_an_integral_reads_with_its_limits() -> None:
    parts = parse_relation_chain(r"\int_{-\infty}^0 x^2 f(x)\,dx = \int_0^\infty x^2 f(-x)\,dx", notation=NOTE)
    left, right = parts[0].expr, parts[1].expr
    assert isinstance(left, sp.Integral) and left.limits == ((x, -sp.oo, 0),)
    assert isinstance(right, sp.Integral) and right.limits == ((x, 0, sp.oo),)
    (g,) = right.function.atoms(sp.core.function.AppliedUndef)
    assert g.args == (-x,)


@pytest.mark.parametrize("text", [
    r"\int_{-\infty}^0 x^2 f(x)\,dx = \int_0^\infty x^2 f(-x)\,dx",
    r"\int_{\mathbb{R}} x^2 f(x)\,dx = \int_0^{\infty} x^2 f(x)\,dx + \int_{-\infty}^0 x^2 f(x)\,dx",
    r"\int_{\mathbb{R}} \max(0, x)^2 f(x)\,dx = \int_0^{+\infty} x^2 f(x)\,dx",
    r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}",
    r"\int_{-1}^{1} x^3\,dx = 0",
])
def test_a_correct_step_with_integrals_is_proved(text: str) -> None:
    res = check(text)
    assert res.verdict is Verdict.PROVED and res.trust is Trust.SYMBOLIC


@pytest.mark.parametrize("text", [
    r"\int_0^1 x^2\,dx = \frac12",
    r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \pi",
])
def test_a_wrong_closed_form_is_refuted(text: str) -> None:
    res = check(text)
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.lhs != res.counterexample.rhs


@pytest.mark.parametrize("text", [
    # true only for a symmetric f, which nothing declares
    r"\int_{-\infty}^0 x^2 f(x)\,dx = \int_0^\infty x^2 f(x)\,dx",
    # the cut at 0 loses the negative half
    r"\int_{\mathbb{R}} x^2 f(x)\,dx = \int_0^{\infty} x^2 f(x)\,dx",
])
def test_a_step_about_an_unknown_density_that_does_not_follow_is_not_proved(text: str) -> None:
    res = check(text)
    assert res.verdict is Verdict.UNKNOWN
    assert res.residual is not None and res.residual.has(sp.Integral)


def test_the_normal_form_reflects_negative_ranges_and_merges() -> None:
    e = sp.Integral(f(x), (x, -sp.oo, 0)) - sp.Integral(f(-x), (x, 0, sp.oo))
    assert normal_integrals(e, Facts(())) == 0
    a = sp.Symbol("a", real=True)
    # an integral whose range is not known to be ordered is left alone
    assert normal_integrals(sp.Integral(f(x), (x, a, 1)), Facts(())) is None
    assert normal_integrals(sp.Integral(f(x), (x, a, 1)), Facts((sp.Lt(a, 0),))) is not None
