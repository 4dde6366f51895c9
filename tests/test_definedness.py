"""Denominators: a point where one vanishes is outside a side's domain, even
when sympy would combine the powers of an empty sum into a number."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.verifier.definedness import denominators, vanishing_denominator
from symproofs.verifier.probe import Point, Probe

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
EMPTY_AT_ONE = sp.Sum(k, (k, 1, n - 1))  # 0 at n = 1


def test_denominators_leave_out_what_mentions_a_bound_variable() -> None:
    e = 1 / (x - 1) + sp.Sum(1 / (k + x), (k, 1, n)) + sp.Sum(1 / (x + 2), (k, 1, n))
    assert denominators(e) == [x - 1, x + 2]


def test_a_vanishing_denominator_is_found_by_its_own_value() -> None:
    e = (x**2 - EMPTY_AT_ONE) / (x - sp.sqrt(EMPTY_AT_ONE))
    at = {x: sp.Integer(0), n: sp.Integer(1)}
    assert vanishing_denominator(e, lambda d: d.subs(at).doit())
    assert not vanishing_denominator(e, lambda d: d.subs({x: 2, n: 1}).doit())


def test_the_probe_draws_no_value_where_a_side_is_zero_over_zero() -> None:
    e = (x**2 - EMPTY_AT_ONE) / (x - sp.sqrt(EMPTY_AT_ONE))
    probe = Probe(facts=Facts(()), givens=(), algebras=(), seed=3)
    with pytest.raises(Exception, match="denominator vanishes"):
        probe.evaluate(e, Point(values={x: sp.Integer(0), n: sp.Integer(1)}), {}, random.Random(1))
    assert probe.evaluate(e, Point(values={x: sp.Integer(3), n: sp.Integer(1)}), {}, random.Random(1)) == 3


@pytest.mark.parametrize("side", [
    sp.Integral(1 / x, (x, -1, 1)),                        # infinite inside the range
    sp.Integral(x / (1 + x**2), (x, -sp.oo, sp.oo)),       # no decay: only the principal value is 0
    sp.Sum(1 / k, (k, 1, sp.oo)) - sp.Sum(1 / (k + 1), (k, 1, sp.oo)),  # oo - oo, not 1
    sp.Sum((-1)**k, (k, 0, sp.oo)),
])
def test_a_series_or_an_integral_that_may_not_exist_is_never_decided(side: sp.Expr) -> None:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import existence_problem
    from symproofs.verifier.pipeline import verify

    assert existence_problem(side) is not None
    for value in (sp.Integer(0), sp.Integer(1)):  # neither value: the side has none
        d = Derivation(id="exists", title="a value", question="T", chains=(
            Chain(start=side, steps=(Step(R.EQ, value, "?"),)),))
        step = verify(d, isolate=False).chains[0].steps[0]
        assert step.verdict is Verdict.UNKNOWN and step.method == "may not exist"


def test_series_and_integrals_that_exist_are_still_proved() -> None:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import existence_problem
    from symproofs.verifier.pipeline import verify

    f = sp.Function("f")
    a, b = sp.symbols("a b", real=True)
    geometric = sp.Sum(sp.Rational(1, 2)**k, (k, 1, sp.oo))
    assert existence_problem(geometric) is None
    assert existence_problem(sp.Integral(x**2 * f(x), (x, -sp.oo, sp.oo))) is None  # a density's moment
    assert existence_problem(sp.Integral(x / (b - a), (x, a, b))) is None
    d = Derivation(id="gauss", title="halves", question="T", chains=(Chain(
        start=sp.Integral(sp.exp(-x**2), (x, -sp.oo, sp.oo)),
        steps=(Step(R.EQ, 2 * sp.Integral(sp.exp(-x**2), (x, 0, sp.oo)), "symmetry"),)),))
    assert verify(d, isolate=False).chains[0].steps[0].verdict is Verdict.PROVED


def _one_step(start: sp.Basic, end: sp.Basic) -> object:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.verifier.pipeline import verify

    d = Derivation(id="one", title="one step", question="T",
                   chains=(Chain(start=start, steps=(Step(R.EQ, end, "?"),)),))
    return verify(d, isolate=False).chains[0].steps[0]


a = sp.Symbol("a", real=True)
_PIECES = sp.Piecewise((x**2, x < 1), (2 * x, True))  # jumps at 1


@pytest.mark.parametrize(("f", "point", "claimed"), [
    (sp.Abs(x), 0, sp.Integer(0)),               # one-sided slopes -1 and 1
    (sp.Max(x, 0), 0, sp.Rational(1, 2)),        # sympy's Heaviside(0), no slope
    (_PIECES, 1, sp.Integer(2)),                 # not even continuous at 1
])
def test_a_derivative_at_a_kink_or_a_jump_is_never_proved(f: sp.Expr, point: int, claimed: sp.Expr) -> None:
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import derivative_at

    at = sp.Subs(sp.Derivative(f, x), x, point)
    assert derivative_at(at) is None
    step = _one_step(at, claimed)
    assert step.verdict is Verdict.UNKNOWN, step.describe()  # type: ignore[attr-defined]


def test_a_derivative_away_from_the_kinks_is_its_formal_value() -> None:
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import derivative_at

    assert derivative_at(sp.Subs(sp.Derivative(sp.Abs(x), x), x, -2)) == -1
    assert derivative_at(sp.Subs(sp.Derivative(_PIECES, x), x, 3)) == 2
    assert _one_step(sp.Subs(sp.Derivative(sp.Max(x, 0), x), x, 3), sp.Integer(1)).verdict \
        is Verdict.PROVED  # type: ignore[attr-defined]
    assert _one_step(sp.Subs(sp.Derivative(sp.Max(x, 0), x), x, 3), sp.Integer(0)).verdict \
        is Verdict.REFUTED  # type: ignore[attr-defined]


def test_the_probe_takes_no_value_of_a_slope_at_a_kink() -> None:
    # d/dx max(x, 0) = 1[x > 0] wherever the derivative exists; at 0 sympy's
    # formal value is Heaviside(0) = 1/2, and the point is no counterexample.
    from symproofs.verifier.values import Undecided

    probe = Probe(facts=Facts(()), givens=(), algebras=(), seed=0, trials=4)
    slope = sp.Derivative(sp.Max(x, 0), x)
    assert probe.evaluate(slope, Point({x: sp.Integer(3)}, None), {}, random.Random(0)) == 1
    with pytest.raises(Undecided):
        probe.evaluate(slope, Point({x: sp.Integer(0)}, None), {}, random.Random(0))


def _with_givens(start: sp.Basic, end: sp.Basic, *givens: sp.Eq) -> object:
    from symproofs.core.model import Chain, Derivation, Given, Step
    from symproofs.core.model import Relation as R
    from symproofs.verifier.pipeline import verify

    d = Derivation(id="given", title="with givens", question="T",
                   givens=tuple(Given(name=f"g{k}", statement=g) for k, g in enumerate(givens)),
                   chains=(Chain(start=start, steps=(
                       Step(R.EQ, end, "?", tuple(f"g{k}" for k in range(len(givens)))),)),))
    return verify(d, isolate=False).chains[0].steps[0]


def test_the_guards_look_through_the_givens_too() -> None:
    from symproofs.core.results import Verdict

    g, L, c = sp.Function("g", real=True), sp.Symbol("L", real=True), sp.Symbol("c", real=True)
    cases = [
        (sp.Subs(sp.Derivative(g(x), x), x, 0), sp.Integer(0), sp.Eq(g(x), sp.Abs(x))),
        (sp.Subs(sp.Derivative(g(x), x), x, 0), sp.Rational(1, 2), sp.Eq(g(x), sp.Max(x, 0))),
        (L, sp.Integer(1), sp.Eq(L, sp.Limit(a * x / (a * x + 1), x, sp.oo))),
        (c, sp.Integer(0), sp.Eq(c, sp.Subs(sp.Derivative(sp.Abs(x), x), x, 0))),
    ]
    for start, end, given in cases:
        step = _with_givens(start, end, given)
        assert step.verdict is not Verdict.PROVED, (given, step.describe())  # type: ignore[attr-defined]


@pytest.mark.parametrize("f", [
    sp.SingularityFunction(x, 0, 1),                                  # max(x, 0)
    sp.Integral(sp.Heaviside(a), (a, 0, x)),                          # max(x, 0) again
    sp.Integral(sp.sign(a), (a, 0, x)),                               # |x|
])
def test_a_kink_made_by_an_integral_or_a_singularity_function_is_a_kink(f: sp.Expr) -> None:
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import derivative_at

    at = sp.Subs(sp.Derivative(f, x), x, 0)
    assert derivative_at(at) is None
    for claimed in (sp.Integer(0), sp.Rational(1, 2), sp.Integer(1)):
        assert _one_step(at, claimed).verdict is not Verdict.PROVED  # type: ignore[attr-defined]


def test_a_name_defined_through_a_bound_variable_is_not_read_two_ways() -> None:
    from symproofs.core.results import Verdict

    y, k = sp.Symbol("y", real=True), sp.Symbol("k", integer=True)
    for start, end, given in [
        (sp.Integral(sp.Derivative(y, x), (x, 0, 1)), sp.Integer(0), sp.Eq(y, x)),
        (sp.Integral(sp.Derivative(y, x), (x, 0, 1)), sp.Integer(1), sp.Eq(y, x)),
        (sp.Sum(y, (k, 1, 3)), 3 * y, sp.Eq(y, k)),
        (sp.Limit(y, x, sp.oo), sp.Integer(1), sp.Eq(y, x / (x + 1))),
    ]:
        step = _with_givens(start, end, given)
        assert step.verdict is Verdict.UNKNOWN, step.describe()  # type: ignore[attr-defined]
    assert _with_givens(sp.Derivative(y, x), sp.Integer(1), sp.Eq(y, x)).verdict \
        is Verdict.PROVED  # type: ignore[attr-defined]


def test_an_integral_whose_singular_points_sympy_cannot_locate_may_not_exist() -> None:
    from symproofs.core.results import Verdict
    from symproofs.verifier.definedness import existence_problem

    m = sp.Symbol("m", integer=True)
    for body in (x ** (2 * m + 1), sp.gamma(x) - sp.gamma(-x)):  # 1/x at m = -1; ~ 2/x near 0
        side = sp.Integral(body, (x, -1, 1))
        assert existence_problem(side) is not None
        assert _one_step(side, sp.Integer(0)).verdict is Verdict.UNKNOWN  # type: ignore[attr-defined]


@pytest.mark.parametrize(("start", "end"), [
    (sp.Abs(sp.sqrt(x)) ** 2, x),
    (sp.sqrt(x) * sp.sqrt(x**3), x**2),
    (sp.sqrt(x * a), sp.sqrt(x) * sp.sqrt(a)),
])
def test_a_point_where_a_root_of_a_real_is_not_real_is_no_counterexample(start: sp.Expr, end: sp.Expr) -> None:
    # true wherever the roots are real (x, a >= 0); at x < 0 the sides agree or differ only
    # through complex values (i * i = -1), which a step about real numbers does not speak of
    from symproofs.core.results import Verdict

    assert _one_step(start, end).verdict is not Verdict.REFUTED  # type: ignore[attr-defined]
    assert _one_step(start, end + 1).verdict is Verdict.REFUTED  # type: ignore[attr-defined]


def test_a_delta_pinning_an_index_through_a_multiple_is_not_summed_out() -> None:
    from symproofs.core.results import Verdict
    from symproofs.verifier.sums import delta_congruence

    i, kk, m = sp.symbols("i kk m", integer=True)
    wrong = sp.Sum(sp.KroneckerDelta(i, 3 * kk + 1), (kk, 0, m - 1))  # 0 at m = 2, i = 2
    assert delta_congruence((wrong,)) is not None
    assert delta_congruence((sp.Sum(sp.KroneckerDelta(i, kk + 1), (kk, 0, m - 1)),)) is None
    claim = sp.Piecewise((1, (i >= 1) & (i <= 3 * m - 2)), (0, True))
    assert _one_step(wrong, claim).verdict is not Verdict.PROVED  # type: ignore[attr-defined]


def test_a_given_false_under_the_assumptions_decides_nothing() -> None:
    from symproofs.core.results import Verdict

    b = sp.Symbol("b", negative=True)
    step = _with_givens(b * x, x, sp.Eq(b, 1))  # sympy builds Eq(b, 1) as False for a negative b
    assert step.verdict is Verdict.UNKNOWN  # type: ignore[attr-defined]


def test_a_binomial_identity_read_through_the_gamma_function_is_not_proved_for_negative_arguments() -> None:
    from symproofs.core.results import Verdict

    n, kk = sp.symbols("n kk", integer=True)
    step = _one_step(sp.binomial(n, kk), sp.binomial(n, n - kk))  # binomial(-3, 1) = -3, binomial(-3, -4) = 0
    assert step.verdict is not Verdict.PROVED  # type: ignore[attr-defined]
    m, j = sp.symbols("m j", integer=True, nonnegative=True)
    pascal = _one_step(sp.binomial(m + 1, j + 1), sp.binomial(m, j) + sp.binomial(m, j + 1))
    assert pascal.verdict is Verdict.PROVED  # type: ignore[attr-defined]


def _at(f: sp.Expr, point: sp.Expr) -> sp.Subs:
    return sp.Subs(sp.Derivative(f, x), x, point)


_NEGATIVE = sp.Symbol("a", negative=True)
_Y = sp.Symbol("y", real=True)


@pytest.mark.parametrize(("start", "end"), [
    (_at(sp.acot(x), 0), sp.Integer(-1)),                                # acot jumps at 0 (pi/2 and -pi/2)
    (_at(sp.atan(x) + sp.acot(x), 0), sp.Integer(0)),                    # jumps by pi at 0
    (_at(sp.atan2(x, -1), 0), sp.Integer(-1)),                           # jumps across the negative real axis
    (_at(sp.atan2(sp.sin(x), sp.cos(x)), sp.pi), sp.Integer(1)),         # jumps at pi
    (_at(sp.atan(1 / x), 0), sp.Integer(-1)),                            # not even defined at 0
    (_at(sp.atan2(x, _NEGATIVE), 0), 1 / _NEGATIVE),
    (sp.Subs(sp.Derivative(sp.atan2(_Y, x), _Y), (x, _Y), (-1, 0)), sp.Integer(-1)),  # partial, two variables
    (_at((x**2 - 1) / (x - 1), 1), sp.Integer(1)),                       # no value at 1
    (_at(sp.log(x), -1), sp.Integer(-1)),                                # not real at -1
    (_at(sp.Derivative(sp.acot(x), x), 0), sp.Integer(0)),               # second order
    (2 * _at(sp.acot(x), 0) + 1, sp.Integer(-1)),                        # inside a larger expression
])
def test_a_derivative_where_the_function_is_undefined_or_jumps_by_convention_is_never_proved(
        start: sp.Expr, end: sp.Expr) -> None:
    from symproofs.core.results import Verdict

    step = _one_step(start, end)
    assert step.verdict is Verdict.UNKNOWN, step.describe()  # type: ignore[attr-defined]
    assert "may not exist" in step.describe()  # type: ignore[attr-defined]
    from symproofs.verifier.definedness import irregularity, kinked_points

    assert kinked_points(start) and all(irregularity(s) is not None for s in kinked_points(start))


@pytest.mark.parametrize(("start", "end"), [
    (_at(sp.atan(x), 0), sp.Integer(1)),
    (_at(sp.acot(x), 1), sp.Rational(-1, 2)),
    (_at(sp.atan2(x, 1), 0), sp.Integer(1)),
    (sp.Subs(sp.Derivative(sp.atan2(_Y, x), _Y), (x, _Y), (1, 0)), sp.Integer(1)),
    (_at(sp.log(x), 2), sp.Rational(1, 2)),
    (_at(sp.sqrt(x), 4), sp.Rational(1, 4)),
    (_at(sp.acoth(x), 2), sp.Rational(-1, 3)),
    (_at(sp.exp(x) * sp.sin(x), 0), sp.Integer(1)),
])
def test_a_derivative_of_a_smooth_function_where_it_is_defined_is_still_proved(start: sp.Expr, end: sp.Expr) -> None:
    from symproofs.core.results import Verdict

    assert _one_step(start, end).verdict is Verdict.PROVED  # type: ignore[attr-defined]
    from symproofs.verifier.definedness import irregularity

    assert all(irregularity(s) is None for s in start.atoms(sp.Subs))


def test_branch_edges_are_found_with_parameters_and_left_open_only_when_provable() -> None:
    from symproofs.verifier.definedness import irregularity

    p, r = sp.Symbol("p", positive=True), sp.Symbol("r", real=True)
    assert irregularity(_at(sp.log(x), p)) is None
    assert irregularity(_at(sp.log(x), r)) is not None            # r may be <= 0
    assert irregularity(_at(sp.atan2(x, p), 0)) is None
    assert irregularity(_at(sp.acsc(x), sp.Rational(1, 2))) is not None
    assert irregularity(_at(sp.LambertW(x), -1)) is not None
    assert irregularity(_at(sp.LambertW(x), 1)) is None
    assert irregularity(_at(sp.tan(x), sp.pi / 2)) is not None
    assert irregularity(_at(sp.Piecewise((sp.log(x), x > 0), (x, True)), -1)) is None  # the log is not in force


def test_a_power_whose_exponent_varies_needs_a_positive_base() -> None:
    x = sp.Symbol("x", real=True)
    from symproofs.verifier.definedness import irregularity
    assert irregularity(sp.Subs(sp.Derivative(x**x, x), x, -1)) is not None  # x^x is not real near -1
    assert irregularity(sp.Subs(sp.Derivative((x - 3)**x, x), x, 2)) is not None
    assert irregularity(sp.Subs(sp.Derivative(x**x, x), x, 2)) is None


def test_a_series_the_facts_make_converge_by_the_ratio_test_exists() -> None:
    from symproofs.core.facts import Facts
    from symproofs.verifier.definedness import existence_problem

    r = sp.Symbol("r", real=True)
    k = sp.Symbol("k", integer=True)
    inside = Facts((sp.Gt(r, 0), sp.Lt(r, 1)))
    for series in (sp.Sum(r**k, (k, 0, sp.oo)), sp.Sum(k * r**k, (k, 1, sp.oo))):
        assert existence_problem(series) is not None  # r could be 2
        assert existence_problem(series, inside) is None
    assert existence_problem(sp.Sum(r**k, (k, 0, sp.oo)), Facts((sp.Gt(r, 0),))) is not None
    assert existence_problem(sp.Sum(2**k * r**k, (k, 0, sp.oo)), inside) is not None  # diverges at r = 3/4


def test_a_number_sympy_cannot_decide_is_possibly_zero() -> None:
    from symproofs.verifier.definedness import possibly_zero
    one = sp.Integer(1)
    assert possibly_zero(one - sp.sin(one) ** 2 - sp.cos(one) ** 2)
    assert possibly_zero(sp.Integer(0))
    assert not possibly_zero(sp.sqrt(2) - 1)
    assert not possibly_zero(sp.pi - sp.Rational(355, 113))
