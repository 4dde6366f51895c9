"""Strategies keep the meaning of what they cite: strictness of lemmas and of
monotone contexts, every assumption of a lemma variable, the unknowns of an
ideal-membership argument."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Lemma
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.strategies import State, closed_forms, order_simplify, simplification

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
a = sp.Symbol("a", nonnegative=True)
m = sp.Symbol("m", integer=True, positive=True)
f = sp.Function("f", real=True)

AMGM = Lemma(name="amgm", statement=sp.Le(2 * x, x**2 + 1), variables=(x,), proved_by="elsewhere")
STRICT = Lemma(name="lt", statement=sp.Lt(f(x), 1), variables=(x,))


def test_a_non_strict_lemma_never_proves_a_strict_step(make_goal) -> None:
    # 2x + 3 < x^2 + 4 fails at x = 1 (both sides 5)
    res = check_goal(make_goal(2 * x + 3, x**2 + 4, R.LT, lemmas=(AMGM,), uses=("amgm",)))
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.lhs == res.counterexample.rhs


def test_the_non_strict_step_from_the_same_lemma_is_still_proved(make_goal) -> None:
    res = check_goal(make_goal(2 * x + 3, x**2 + 4, R.LE, lemmas=(AMGM,), uses=("amgm",)))
    assert res.verdict is Verdict.PROVED


def test_a_slope_that_may_vanish_never_gives_strictness(make_goal) -> None:
    res = check_goal(make_goal(a * f(x), a, R.LT, lemmas=(STRICT,), uses=("lt",)))
    assert res.verdict is not Verdict.PROVED


def test_a_strict_lemma_with_a_positive_slope_gives_strictness(make_goal) -> None:
    b = sp.Symbol("b", positive=True)
    res = check_goal(make_goal(b * f(x) + 2, b + 2, R.LT, lemmas=(STRICT,), uses=("lt",)))
    assert res.verdict is Verdict.PROVED


@pytest.mark.parametrize("context", [
    lambda e: sp.Piecewise((e, e > sp.Rational(1, 3)), (e + 5, True)),  # slope 1 on each piece, a jump down
    lambda e: -1 / e,  # slope 1/e^2 > 0 on each side of a pole
    lambda e: sp.floor(e) - 2 * e,
], ids=["piecewise-jump", "pole", "floor"])
def test_a_context_whose_derivative_hides_a_jump_is_not_monotone(make_goal, context) -> None:
    u = sp.Symbol("u", real=True)
    eps = sp.Rational(1, 10)
    lemma = Lemma(name="eps", statement=sp.Le(u, u + eps, evaluate=False), variables=(u,), proved_by="elsewhere")
    res = check_goal(make_goal(context(x), context(x + eps), R.LE, lemmas=(lemma,), uses=("eps",)))
    assert res.verdict is not Verdict.PROVED


def test_a_lemma_never_matches_a_variable_an_integral_binds(make_goal) -> None:
    # |u| = u for u >= 0; the fact x > 0 is about the free x, not the x the integral runs over
    u = sp.Symbol("u", real=True)
    lemma = Lemma(name="abs", statement=sp.Eq(sp.Abs(u), u), variables=(u,), hypotheses=(sp.Ge(u, 0),),
                  proved_by="elsewhere")
    g = sp.Function("g", real=True)
    step = (sp.Integral(g(x) * sp.Abs(x), (x, -1, 1)), sp.Integral(g(x) * x, (x, -1, 1)))
    res = check_goal(make_goal(*step, assumptions=(sp.Gt(x, 0),), lemmas=(lemma,), uses=("abs",)))
    assert res.verdict is not Verdict.PROVED
    free = check_goal(make_goal(g(x) * sp.Abs(x), g(x) * x, assumptions=(sp.Gt(x, 0),), lemmas=(lemma,),
                                uses=("abs",)))
    assert free.verdict is Verdict.PROVED  # outside the integral the fact applies


@pytest.mark.parametrize("lemma_symbol, statement, step", [
    (sp.Symbol("n", odd=True), lambda n: sp.Eq(sp.floor(n / 2), (n - 1) / 2),
     (sp.floor(m / 2), (m - 1) / 2)),
    (sp.Symbol("p", prime=True), lambda p: sp.Eq(sp.Mod(2**p, p), sp.Mod(2, p)),
     (sp.Mod(2**m, m), sp.Mod(2, m))),
], ids=["odd", "prime"])
def test_a_lemma_variable_keeps_every_assumption(make_goal, lemma_symbol, statement, step) -> None:
    lemma = Lemma(name="lemma", statement=statement(lemma_symbol), variables=(lemma_symbol,))
    res = check_goal(make_goal(*step, lemmas=(lemma,), uses=("lemma",)))
    assert res.verdict is Verdict.REFUTED  # m = 2 or m = 4 is not odd, not prime


def test_a_lemma_variable_matches_an_expression_with_its_assumptions(make_goal) -> None:
    n = sp.Symbol("n", odd=True)
    k = sp.Symbol("k", integer=True)
    lemma = Lemma(name="odd", statement=sp.Eq(sp.floor(n / 2), (n - 1) / 2), variables=(n,))
    res = check_goal(make_goal(sp.floor((2 * k + 1) / 2), k, lemmas=(lemma,), uses=("odd",)))
    assert res.verdict is not Verdict.REFUTED


@pytest.mark.parametrize("premise, conclusion, relation", [
    (sp.Eq(f(1), 2), sp.Eq(y, 5), R.IMPLIES),
    ((sp.Eq(f(1), 2), sp.Eq(y, 1)), (sp.Eq(f(1), 3), sp.Eq(y, 1)), R.IFF),
], ids=["implies", "iff"])
def test_applications_are_unknowns_of_an_ideal(make_goal, premise, conclusion, relation) -> None:
    res = check_goal(make_goal(premise, conclusion, relation))
    assert res.verdict is Verdict.REFUTED  # at f(1) = 2 and a y the premise allows
    assert res.counterexample is not None and dict(res.counterexample.assignment)[f(1)] == 2


def test_an_application_is_still_solved_for(make_goal) -> None:
    res = check_goal(make_goal(sp.Eq(f(1) + y, 2), sp.Eq(y, 2 - f(1)), R.IMPLIES))
    assert res.verdict is Verdict.PROVED


def test_general_simplification_leaves_scalars_made_of_matrices_alone(make_goal) -> None:
    # simplify knows no matrix algebra: on w^T X^T X w it can spend minutes on
    # shapes. The strategies that call it decide nothing on such a difference.
    n, d = sp.symbols("n d", integer=True, positive=True)
    X, w = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("w", d, 1)
    quad = (w.T * X.T * X * w)[0, 0]
    goal = make_goal(quad, quad * x)
    for strategy in (simplification, closed_forms, order_simplify):
        state = State(diff=quad - quad * x)
        assert strategy(goal, state) is None
        assert state.diff == quad - quad * x


def test_closed_forms_leave_a_case_distinction_inside_a_moment_alone() -> None:
    # E[max(0, Z) W]: max is not rewritten as a piecewise function folded out of the
    # expectation (a condition on a random variable outside E means nothing)
    from symproofs.verifier.strategies import _unexpanded_moments

    z, w = sp.symbols("Z W", real=True)
    expect = sp.Function("E")
    assert _unexpanded_moments(expect(sp.Max(0, z) * w) - 1)
    assert not _unexpanded_moments(expect(z * w) + sp.Max(0, z))  # a max outside any moment is fine


def test_a_family_given_states_a_hypothesis_only_inside_its_range(make_goal) -> None:
    from symproofs.core.model import Given

    k = sp.Symbol("k", integer=True)
    u, w = sp.Function("u", real=True), sp.Function("w", real=True)
    s = sp.Symbol("s", real=True)
    lemma = Lemma(name="abs", statement=sp.Eq(sp.Abs(x), x), variables=(x,), hypotheses=(sp.Ge(x, 0),),
                  proved_by="elsewhere")
    family = Given(name="family", statement=sp.Ge(u(k), 0), index=k, valid_from=1)
    area = sp.Integral(w(s), (s, 0, 1))  # a term the probe cannot evaluate
    res = check_goal(make_goal(sp.Abs(u(k)) + area, u(k) + area, lemmas=(lemma,), givens=(family,), uses=("abs",)))
    assert res.verdict is not Verdict.PROVED  # k may be 0, where u(0) may be negative


@pytest.mark.parametrize("step", [
    # |x| and x inside the integral are the integration variable's, not the free x >= 1
    lambda w: (sp.Abs(x) + sp.Integral(w(sp.Abs(x)), (x, -1, 1)), x + sp.Integral(w(x), (x, -1, 1))),
    lambda w: (sp.Integral(sp.Abs(x) * w(x), (x, -1, 1)), x * sp.Integral(w(x), (x, -1, 1))),
], ids=["rewrite-under-binder", "whole-statement-capture"])
def test_a_lemma_rewrites_only_free_occurrences(make_goal, step) -> None:
    w = sp.Function("w", real=True)
    a_ = sp.Symbol("a", real=True)
    lemmas = (Lemma(name="abs", statement=sp.Eq(sp.Abs(a_), a_), variables=(a_,), hypotheses=(sp.Ge(a_, 0),),
                    proved_by="elsewhere"),
              Lemma(name="absint", statement=sp.Eq(sp.Integral(sp.Abs(a_) * w(x), (x, -1, 1)),
                                                    a_ * sp.Integral(w(x), (x, -1, 1))),
                    variables=(a_,), hypotheses=(sp.Ge(a_, 0),), proved_by="elsewhere"))
    res = check_goal(make_goal(*step(w), assumptions=(sp.Ge(x, 1),), lemmas=lemmas, uses=("abs", "absint")))
    assert res.verdict is not Verdict.PROVED


def test_a_case_on_a_sums_own_index_is_never_pulled_out_by_simplification(make_goal) -> None:
    # sympy's simplify turns q * sum_{j=0}^{4} [j >= 2] (j - 2) into a case on a free j
    i, j = sp.symbols("i j", integer=True)
    q = sp.Symbol("q", irrational=True, positive=True)
    nested = sp.Sum(sp.Sum(1, (i, 0, j - 3)), (j, 0, 4))  # 0 + 0 + 0 + 1 + 2 = 3 with empty ranges
    res = check_goal(make_goal(j + q * nested, j, assumptions=(sp.Ge(j, 5),)))
    assert res.verdict is not Verdict.PROVED


@pytest.mark.parametrize("binder", [
    lambda q: q * sp.Integral(sp.sign(x - 2), (x, 0, 3)),  # -q: sign is -1 on [0, 2), +1 on (2, 3]
    lambda q: q * sp.Sum(sp.Max(m - 2, 0), (m, 1, 4)),  # 3q
], ids=["sign-in-integral", "max-in-sum"])
def test_a_disguised_case_on_a_binders_own_variable_is_never_simplified_out(make_goal, binder) -> None:
    q = sp.Symbol("q", irrational=True, positive=True)
    wrong = sp.Integer(0)
    res = check_goal(make_goal(binder(q), wrong))
    assert res.verdict is not Verdict.PROVED
    from symproofs.verifier.sums import case_in_binder

    assert case_in_binder(binder(q))


_xb, _bb = sp.symbols("x_pm b_pm", real=True)
_ap = sp.Symbol("a_pm", real=True)


@pytest.mark.parametrize(("prem", "concl", "relation", "facts"), [
    (sp.Le(2 * _xb, _bb), sp.Le(_xb, _bb / 2), R.IFF, ()),
    (sp.Ge(_bb, 2 * _xb), sp.Le(_xb, _bb / 2), R.IFF, ()),
    (sp.Le(_ap * _xb, _bb), sp.Le(_xb, _bb / _ap), R.IFF, (sp.Gt(_ap, 0),)),
    (sp.Lt(2 * _xb, _bb), sp.Le(_xb, _bb / 2), R.IMPLIES, ()),  # strict gives non-strict
], ids=["number", "swapped", "positive-parameter", "strict-premise"])
def test_an_inequality_follows_from_a_positive_multiple_of_it(make_goal, prem, concl, relation, facts) -> None:
    res = check_goal(make_goal(prem, concl, relation, assumptions=facts))
    assert res.verdict is Verdict.PROVED and res.method.startswith("a positive multiple")


@pytest.mark.parametrize(("prem", "concl", "relation", "facts"), [
    (sp.Le(_ap * _xb, _bb), sp.Le(_xb, _bb / _ap), R.IFF, ()),           # a may be negative
    (sp.Le(_ap * _xb, _bb), sp.Le(_xb, _bb / _ap), R.IFF, (sp.Lt(_ap, 0),)),
    (sp.Le(3 * _xb, _bb), sp.Le(_xb, _bb / 2), R.IMPLIES, ()),           # not a multiple
    (sp.Le(2 * _xb, _bb), sp.Lt(_xb, _bb / 2), R.IMPLIES, ()),           # non-strict never gives strict
    (sp.Lt(2 * _xb, _bb), sp.Le(_xb, _bb / 2), R.IFF, ()),               # <=> needs the same strictness
    (sp.Le(2 * _xb, _bb), sp.Ge(_xb, _bb / 2), R.IFF, ()),               # the other direction
], ids=["unknown-sign", "negative", "other-slope", "strictness", "iff-strictness", "reversed"])
def test_no_other_inequality_is_a_positive_multiple(make_goal, prem, concl, relation, facts) -> None:
    res = check_goal(make_goal(prem, concl, relation, assumptions=facts))
    assert not (res.verdict is Verdict.PROVED and res.method.startswith("a positive multiple"))
    if facts == (sp.Lt(_ap, 0),) or concl == sp.Ge(_xb, _bb / 2):
        assert res.verdict is not Verdict.PROVED


@pytest.mark.parametrize(("prem", "concl", "relation", "holds"), [
    (sp.Le(_xb, 1), sp.Le((_xb**2 - 1) / (_xb - 1), 2), R.IMPLIES, False),   # 0/0 at x = 1, where x <= 1 holds
    (sp.Le((_xb**2 - 1) / (_xb - 1), 2), sp.Le(_xb, 1), R.IFF, False),
    (sp.Le(sp.sqrt(_xb), 1), sp.Le(2 * sp.sqrt(_xb) - 2, 0), R.IFF, True),   # both need x >= 0
])
def test_a_multiple_is_compared_only_where_the_conclusion_is_defined(make_goal, prem, concl, relation,
                                                                     holds) -> None:
    res = check_goal(make_goal(prem, concl, relation))
    assert (res.verdict is Verdict.PROVED) is holds


def test_a_premise_that_divides_as_the_conclusion_does_gives_it(make_goal) -> None:
    frac = (_xb**2 - 1) / (_xb - 1)
    res = check_goal(make_goal(sp.Le(frac, 2), sp.Le(2 * frac, 4), R.IMPLIES))
    assert res.verdict is Verdict.PROVED


_n = sp.Symbol("n_pw", real=True)
_p = sp.Symbol("p_pw", real=True)


@pytest.mark.parametrize(("lhs", "rhs", "proved"), [
    ((1 + x) ** (_n + 1), (1 + x) ** _n * (1 + x), True),
    (x**_n * x**_p, x ** (_n + _p), True),
    (2 ** (_n + 2) - 2 ** (_n + 1), 2 ** (_n + 1), True),
    (sp.sqrt(x) * sp.sqrt(y), sp.sqrt(x * y), False),  # false for x = y = -1
    ((x**2) ** (_n / 2), x**_n, False),  # false for x = -1, n = 1
    ((1 + x) ** (_n + 1), (1 + x) ** _n * (2 + x), False),
])
def test_powers_of_one_base_are_combined_only_where_that_holds(make_goal, lhs, rhs, proved: bool) -> None:
    res = check_goal(make_goal(lhs, rhs))
    assert (res.verdict is Verdict.PROVED) is proved, (res.verdict, res.method)


# -- a lemma about the derivative of a function at its variable ----------------------------------------------
_z = sp.Symbol("z", real=True)
_phi = sp.Function("phi", real=True)
_DPHI = Lemma(name="dphi", statement=sp.Eq(sp.Derivative(_phi(_z), _z), 2 * _phi(_z) ** 2 - 1), variables=(_z,))


def _slope_at(point: sp.Expr) -> sp.Expr:
    at = sp.Dummy("xi")  # phi'(point) as the reader writes it: a substitution into phi'(xi)
    return sp.Subs(sp.Derivative(_phi(at), at), at, point)


@pytest.mark.parametrize(("lhs", "rhs", "proved"), [
    (_slope_at(x + 1), 2 * _phi(x + 1) ** 2 - 1, True),                    # the lemma at a point
    (3 * _slope_at(2 * x) + x, 6 * _phi(2 * x) ** 2 - 3 + x, True),        # rewritten inside a context
    (sp.Function("phi'", real=True)(x - 1), 2 * _phi(x - 1) ** 2 - 1, True),  # phi' as the reader names it
    (_slope_at(x + 1), 2 * _phi(x + 1) ** 2 + 1, False),                   # a sign changed
    (_slope_at(x + 1), 2 * _phi(x) ** 2 - 1, False),                       # the wrong point
    (3 * _slope_at(2 * x), 6 * _phi(2 * x) ** 2 - 1, False),               # the factor dropped on one term
], ids=["point", "context", "named", "sign", "point-moved", "factor"])
def test_a_lemma_about_a_derivative_speaks_of_every_point(make_goal, lhs, rhs, proved: bool) -> None:
    res = check_goal(make_goal(lhs, rhs, lemmas=(_DPHI,), uses=("dphi",)))
    assert (res.verdict is Verdict.PROVED) is proved, res


# -- a lemma about f' at the entries of an elementwise application -------------------------
_n = sp.Symbol("n", integer=True, positive=True)
_sig = sp.Function("sigma")
_W, _U = sp.MatrixSymbol("W", _n, _n), sp.MatrixSymbol("U", _n, _n)
_x, _h = sp.MatrixSymbol("x", _n, 1), sp.MatrixSymbol("h", _n, 1)
_i, _j, _k = sp.symbols("i j k", integer=True)
_z = sp.Symbol("z", real=True)
SIGMOID = Lemma(name="sigmoid", statement=sp.Eq(sp.Derivative(_sig(_z), _z), _sig(_z) * (1 - _sig(_z))),
                variables=(_z,))


def _slope_goal(make_goal, rhs_of, *, cite: bool = True):
    """``delta_ik sigma'(W x + U h)_k x_j = delta_ik rhs x_j``, the entries unevaluated (as the reader writes them)."""
    from sympy.matrices.expressions.matexpr import MatrixElement

    from symproofs.matrices.linalg import derivative_of, elementwise

    v = _W * _x + _U * _h
    slope = MatrixElement(elementwise(derivative_of(_sig), v), _k, 0)
    lhs = sp.KroneckerDelta(_i, _k) * slope * _x[_j, 0]

    def at(m, row):
        return MatrixElement(elementwise(_sig, m), row, 0)

    rhs = sp.KroneckerDelta(_i, _k) * rhs_of(at) * _x[_j, 0]
    return make_goal(lhs, rhs, lemmas=(SIGMOID,), uses=("sigmoid",) if cite else ())


def test_a_lemma_about_a_slope_applies_at_an_entry_of_an_elementwise_function(make_goal) -> None:
    # delta_ik sigma'(W x + U h)_k x_j = delta_ik sigma(W x + U h)_k (1 - sigma(W x + U h)_k) x_j
    v = _W * _x + _U * _h
    goal = _slope_goal(make_goal, lambda s: s(v, _k) * (1 - s(v, _k)))
    res = check_goal(goal)
    assert res.verdict is Verdict.PROVED, res.describe()
    assert "sigmoid" in res.method


def test_false_variants_of_a_slope_at_an_entry_are_not_proved(make_goal) -> None:
    v, other = _W * _x + _U * _h, _U * _x + _W * _h
    for rhs_of in (
        lambda s: s(v, _k) * (1 + s(v, _k)),  # a sign slip
        lambda s: s(v, _j) * (1 - s(v, _j)),  # another entry
        lambda s: s(other, _k) * (1 - s(other, _k)),  # another argument
        lambda s: s(v, _k),  # a factor dropped
    ):
        res = check_goal(_slope_goal(make_goal, rhs_of))
        assert res.verdict is not Verdict.PROVED, res.describe()
    uncited = _slope_goal(make_goal, lambda s: s(v, _k) * (1 - s(v, _k)), cite=False)
    assert check_goal(uncited).verdict is not Verdict.PROVED


def test_a_slope_at_an_entry_with_the_definition_of_the_state(make_goal) -> None:
    # given g = sigma(W x + U h): delta_ik sigma'(W x + U h)_k x_j = delta_ik g_k (1 - g_k) x_j
    from sympy.matrices.expressions.matexpr import MatrixElement

    from symproofs.core.model import Given
    from symproofs.matrices.linalg import derivative_of, elementwise

    g, v = sp.MatrixSymbol("g", _n, 1), _W * _x + _U * _h
    lhs = sp.KroneckerDelta(_i, _k) * MatrixElement(elementwise(derivative_of(_sig), v), _k, 0) * _x[_j, 0]

    def goal(defined_as: sp.Basic, sign: int) -> object:
        given = Given(name="state", statement=sp.Eq(g, elementwise(_sig, defined_as)))
        rhs = sp.KroneckerDelta(_i, _k) * g[_k, 0] * (1 - sign * g[_k, 0]) * _x[_j, 0]
        return make_goal(lhs, rhs, lemmas=(SIGMOID,), uses=("sigmoid",), givens=(given,))

    res = check_goal(goal(v, 1))
    assert res.verdict is Verdict.PROVED, res.describe()
    for false in (goal(_U * _x + _W * _h, 1), goal(v, -1)):  # another definition, a sign slip
        assert check_goal(false).verdict is not Verdict.PROVED


def test_a_max_identity_is_proved_case_by_case_without_simplify(make_goal, monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.verifier import strategies

    def never(e: sp.Basic) -> sp.Basic:
        raise AssertionError("simplify reached")

    monkeypatch.setattr(strategies, "simplified", never)
    res = check_goal(make_goal(sp.Max(x, y), (x + y + sp.Abs(x - y)) / 2))
    assert res.verdict is Verdict.PROVED and "every case of max" in res.method
