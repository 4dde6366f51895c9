r"""Integrals in students' steps: read from LaTeX, the range cut at 0, the
change of variables x -> -x, linearity and closed forms prove correct steps;
a wrong closed form is refuted at an exact value, and a step that needs
what nothing declares (a symmetric density) stays unknown."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Relation
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


@pytest.mark.parametrize("text", [
    r"\int 2x\,dx = x^2 + C",
    r"\int 2x\,dx = x^2 + 5",  # a TA reads any antiderivative as right
    r"\int \cos(x)\,dx = \sin(x)",
    r"3 \int x^2\,dx + 1 = x^3",
    r"\int 2xy\,dx = x^2 y + C",  # the constant may depend on y
])
def test_an_antiderivative_up_to_a_constant_is_never_refuted_nor_proved(text: str) -> None:
    # proved, "x^2 = \int 2x dx = x^2 + 1" would compose into x^2 = x^2 + 1
    res = check(text)
    assert res.verdict is Verdict.UNKNOWN and "up to a constant" in res.message, res.describe()


def test_a_wrong_antiderivative_is_refuted_by_its_derivative() -> None:
    res = check(r"\int 2x\,dx = x^3")
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    cx = res.counterexample
    point = dict(cx.assignment)[x]
    assert cx.lhs == 2 * point and cx.rhs == 3 * point**2  # the derivatives of the sides, as it says
    assert "derivatives in x" in cx.describe()


@pytest.mark.parametrize("text", [
    r"x \int 2x\,dx = x^3",  # a factor in x: the constant of integration matters
    r"\left(\int 2x\,dx\right)^2 = x^4",
    r"\exp\left(\int 1\,dx\right) = e^x",
])
def test_an_indefinite_integral_whose_constant_matters_is_not_decided(text: str) -> None:
    res = check(text)
    assert res.verdict is Verdict.UNKNOWN and "constant" in res.message, res.describe()


def _goal(lhs: sp.Basic, rhs: sp.Basic, givens: tuple[Given, ...] = ()) -> Goal:
    return Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(()), givens=givens, seed=4))


def test_around_an_indefinite_integral_nothing_is_proved_or_refuted_by_its_value() -> None:
    y, big_g, big_f = (sp.Symbol(s, real=True) for s in ("y", "G", "F"))
    integral = sp.Integral(2 * x, x)
    cases = [
        _goal(sp.Subs(integral, x, 2) - sp.Subs(integral, x, 1), sp.Integer(17)),  # F(2) - F(1) is 3
        _goal(sp.Subs(integral, x, y), y**3),
        _goal(sp.Derivative(integral, x), 2 * x + 1),  # the derivative is 2x, whatever the constant
        _goal(integral, x**2 + sp.Piecewise((1, x > 1), (0, True))),  # a "constant" that jumps
        _goal(integral, x**2 + y, (Given(name="d", statement=sp.Eq(y, x)),)),  # y is x: not a constant
        _goal(integral, big_g, (Given(name="G", statement=sp.Eq(big_g, x**2 + 5)),)),  # true: never refuted
        _goal(big_f, x**2 + 1, (Given(name="F", statement=sp.Eq(big_f, integral)),)),  # F has no one value
    ]
    for goal in cases:
        res = check_goal(goal)
        assert res.verdict is Verdict.UNKNOWN, (goal.lhs, goal.rhs, res.describe())


def _under(text: str, condition: str) -> StepResult:
    """``text`` checked under the stated ``condition`` (a fact of the step, as a line's condition is)."""
    parts = parse_relation_chain(text, notation=NOTE)
    left, right = (p.expr for p in parse_relation_chain(condition, notation=NOTE))
    return check_goal(Goal(relation=Relation.EQ, lhs=parts[0].expr, rhs=parts[1].expr,
                           context=Context(facts=Facts((sp.Eq(left, right),)), seed=4)))


def test_a_stated_symmetry_of_the_integrand_s_function_reflects_it() -> None:
    step = r"\int_{-\infty}^0 x^2 f(x)\,dx = \int_0^\infty x^2 f(x)\,dx"
    res = _under(step, "f(x) = f(-x)")  # f even, for every x (x is the integrals' own)
    assert res.verdict is Verdict.PROVED and "stated symmetry" in res.method
    odd = _under(r"\int_{-\infty}^0 x f(x)\,dx = \int_0^\infty x f(x)\,dx", "f(-x) = -f(x)")
    assert odd.verdict is Verdict.PROVED
    # f odd does not make the even moment's halves equal (they are opposite)
    wrong = _under(step, "f(-x) = -f(x)")
    assert wrong.verdict is not Verdict.PROVED


def test_a_symmetry_at_a_name_the_step_holds_free_is_no_symmetry_for_all() -> None:
    res = _under(r"\int_{-\infty}^0 x^2 f(x)\,dx + x = \int_0^\infty x^2 f(x)\,dx + x", "f(x) = f(-x)")
    assert res.verdict is not Verdict.PROVED
