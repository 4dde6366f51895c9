"""Polynomial systems: an equation proved from the equations among the
assumptions, and never from an equation they do not imply."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Identically
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal

alpha, beta, mu, s = sp.symbols("alpha beta mu s", real=True)
x = sp.Symbol("x", real=True)
_c, _r = sp.symbols("c r", real=True)
_s = sp.Symbol("s", positive=True)
_m = sp.Symbol("m", integer=True, positive=True)
_k = sp.Symbol("k", integer=True)
_j = sp.Symbol("j", integer=True)
MEAN = sp.Eq(mu, (alpha + beta) / 2)


def test_an_equation_among_the_assumptions_proves_the_step(make_goal) -> None:
    res = check_goal(make_goal(mu, (alpha + beta) / 2, assumptions=(MEAN, sp.Lt(alpha, beta))))
    assert res.verdict is Verdict.PROVED
    assert "assumptions" in res.method


def test_consequences_of_several_equations_are_proved(make_goal) -> None:
    # mu = (a + b)/2 and s^2 = (b - a)^2/12: 12 s^2 + 12 mu^2 = (b - a)^2 + 3 (a + b)^2
    var = sp.Eq(s**2, (beta - alpha) ** 2 / 12)
    res = check_goal(make_goal(12 * s**2 + 12 * mu**2, 4 * (alpha**2 + alpha * beta + beta**2),
                               assumptions=(MEAN, var)))
    assert res.verdict is Verdict.PROVED


def test_an_equation_the_assumptions_do_not_imply_is_refuted(make_goal) -> None:
    res = check_goal(make_goal(mu, alpha + beta, assumptions=(MEAN,)))
    assert res.verdict is Verdict.REFUTED
    cx = res.counterexample
    assert cx is not None
    assert MEAN.subs(dict(cx.assignment)) is sp.true
    assert cx.lhs != cx.rhs


def test_a_denominator_the_facts_may_zero_is_not_cleared(make_goal) -> None:
    # x (mu - (a+b)/2) / x is 0 only where x != 0: nothing says x is not 0
    res = check_goal(make_goal(x * mu / x, x * (alpha + beta) / (2 * x), assumptions=(MEAN,)))
    assert res.verdict is not Verdict.REFUTED


def test_an_inequality_is_not_read_as_an_equation(make_goal) -> None:
    res = check_goal(make_goal(mu, (alpha + beta) / 2, assumptions=(sp.Le(mu, (alpha + beta) / 2),)))
    assert res.verdict is not Verdict.PROVED


def test_coefficients_are_compared_only_over_infinitely_many_values(make_goal) -> None:
    # a x^2 = a x for every integer 0 <= x <= 1 holds for every a; so does a z = 2a for an even prime z
    n = sp.Symbol("n", integer=True)
    z = sp.Symbol("z", prime=True, even=True)
    for ident, facts in ((Identically(sp.Eq(alpha * n**2, alpha * n), (n,)), (sp.Ge(n, 0), sp.Le(n, 1))),
                         (Identically(sp.Eq(alpha * z, 2 * alpha), (z,)), ())):
        res = check_goal(make_goal((ident,), (sp.Eq(alpha, 0),), R.IMPLIES, assumptions=facts))
        assert res.verdict is not Verdict.PROVED


def test_an_identity_in_a_real_variable_gives_its_coefficients(make_goal) -> None:
    res = check_goal(make_goal((Identically(sp.Eq(alpha * x**2 + beta, mu), (x,)),),
                               (sp.Eq(alpha, 0), sp.Eq(beta, mu)), R.IMPLIES))
    assert res.verdict is Verdict.PROVED


def test_a_given_that_leaves_finitely_many_values_gives_no_coefficients(make_goal) -> None:
    from symproofs.core.model import Given
    ident = Identically(sp.Eq(alpha * x**2, alpha * x), (x,))
    res = check_goal(make_goal((ident,), (sp.Eq(alpha, 0),), R.IMPLIES,
                               givens=(Given(name="idempotent", statement=sp.Eq(x**2, x)),)))
    assert res.verdict is not Verdict.PROVED


def test_a_conclusion_with_no_value_where_the_premise_holds_is_not_proved(make_goal) -> None:
    y = sp.Symbol("y", real=True)
    g = sp.Function("g", real=True)
    for prem, concl, rel in ((sp.Eq(x, 0), sp.Eq(x * sp.cot(y), 0), R.IMPLIES),
                             (sp.Eq(x, 0), sp.Eq(x * sp.log(y), 0), R.IMPLIES),
                             (sp.Eq(x * sp.cosh(1 / y), 0), sp.Eq(x, 0), R.IFF),
                             (sp.Eq(g(1), 1), sp.Eq((g(1) - 1) / (g(1) ** 2 - 1), 0), R.IMPLIES),
                             (sp.Le(x, 0), sp.Le(x * sp.cosh(1 / g(1)), 0), R.IMPLIES)):
        assert check_goal(make_goal(prem, concl, rel)).verdict is not Verdict.PROVED, (prem, concl)


def test_equations_no_value_meets_prove_nothing(make_goal) -> None:
    res = check_goal(make_goal(sp.S.Zero, sp.S.One, assumptions=(sp.Eq(x, 1), sp.Eq(x, 2))))
    assert res.verdict is not Verdict.PROVED


def test_a_function_value_in_a_denominator_is_not_a_number(make_goal) -> None:
    g = sp.Function("g", real=True)
    res = check_goal(make_goal((g(1) - 1) / (g(1) ** 2 - 1), sp.S.Zero, assumptions=(sp.Eq(g(1), 1),)))
    assert res.verdict is not Verdict.PROVED


def test_only_functions_defined_everywhere_are_plain_unknowns(make_goal) -> None:
    y, z = sp.symbols("y z", real=True)
    k = sp.Symbol("k", integer=True)
    for part in (sp.zeta(y), sp.atan2(y, z), sp.Mod(z, y), sp.Sum(1 / (k - y), (k, 1, 3)),
                 sp.Integral(1 / z, (z, 1, y))):
        res = check_goal(make_goal(sp.Eq(x, 0), sp.Eq(x * part, 0), R.IMPLIES))
        assert res.verdict is not Verdict.PROVED, part
    assert check_goal(make_goal(sp.Eq(x, 0), sp.Eq(x * sp.exp(y), 0), R.IMPLIES)).verdict is Verdict.PROVED


def test_two_definitions_of_one_name_are_both_used(make_goal) -> None:
    from symproofs.core.model import Given
    y = sp.Symbol("y", real=True)
    res = check_goal(make_goal(y, sp.Integer(1), givens=(Given(name="g1", statement=sp.Eq(x, 1)),
                                                         Given(name="g2", statement=sp.Eq(x, y)))))
    assert res.verdict is Verdict.PROVED


def test_a_factor_sympy_calls_nonzero_is_not_divided_out() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal

    p = sp.Symbol("p", integer=True, positive=True)
    ev = sp.Symbol("e", even=True)
    y = sp.Symbol("y", real=True)
    # sympy: (-2)^(p/2) is never real and frac(e/3) never 0; both factors vanish (p = 2, e = 0), so y = 1
    # satisfies the premise there and the conclusion fails
    for factor in ((-2) ** (p / 2) + 2, (-1) ** (p / 2) + 1, sp.frac(ev / 3)):
        goal = Goal(relation=R.IMPLIES, lhs=(sp.Eq(factor * y, 0),), rhs=(sp.Eq(y, 0),),
                    context=Context(facts=Facts(()), seed=1))
        res = check_goal(goal)
        assert res.verdict is Verdict.REFUTED, (factor, res.describe())
        at = dict(res.counterexample.assignment)  # type: ignore[union-attr]
        assert factor.subs(at) == 0 and at[y] != 0


def _system(*eqs: sp.Basic) -> sp.Basic:
    return sp.And(*eqs, evaluate=False) if len(eqs) > 1 else eqs[0]


@pytest.mark.parametrize(("premise", "conclusion", "proved"), [
    # a constant summed over j = 1..m with m >= 1: m times the constant
    ((sp.Eq(_c, 0), sp.Eq(sp.Sum(_s**2 + _r**2, (_j, 1, _m)), 1)),
     (sp.Eq(_c, 0), sp.Eq((_s**2 + _r**2) * _m, 1)), True),
    ((sp.Eq(sp.Sum(3 * _r, (_j, 0, _m)), 6),), (sp.Eq(_r * (_m + 1), 2),), True),  # m + 1 terms from 0
    ((sp.Eq(sp.Sum(_s**2 + _r**2, (_j, 1, _m)), 1),), (sp.Eq((_s**2 + _r**2) * (_m + 1), 1),), False),  # one too many
    ((sp.Eq(sp.Sum(_r, (_j, 1, _k)), 1),), (sp.Eq(_r * _k, 1),), False),  # k may be negative: the range may be empty
    ((sp.Eq(sp.Sum(_j * _r, (_j, 1, _m)), 1),), (sp.Eq(_r * _m, 1),), False),  # the term depends on j
], ids=["constant", "from-zero", "one-too-many", "maybe-empty", "not-constant"])
def test_a_constant_summed_over_a_range_is_its_length_times_the_constant(make_goal, premise, conclusion,
                                                                        proved: bool) -> None:
    res = check_goal(make_goal(_system(*premise), _system(*conclusion), R.IMPLIES))
    assert (res.verdict is Verdict.PROVED) is proved, res
