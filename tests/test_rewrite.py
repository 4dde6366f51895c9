"""Rewriting with givens: an integer-indexed family rewrites only at
arguments known to be integers."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Given
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.rewrite import rewrite_with_givens, solved_recurrences

k = sp.Symbol("k", integer=True)
t = sp.Symbol("t", integer=True)
x = sp.Symbol("x", real=True)
v = sp.Function("v", real=True)
REC = Given(name="rec", index=k, valid_from=1, statement=sp.Eq(v(k), 2 * v(k - 1)))


@pytest.mark.parametrize("arg, facts", [
    (x, (sp.Ge(x, 1),)),
    (t / 2, (sp.Ge(t, 2),)),
], ids=["real", "half-integer"])
def test_a_family_never_rewrites_at_a_non_integer_argument(make_goal, arg: sp.Expr,
                                                           facts: tuple[sp.Basic, ...]) -> None:
    assert rewrite_with_givens(v(arg), (REC,), Facts(facts)) == v(arg)
    res = check_goal(make_goal(v(arg), 2 * v(arg - 1), assumptions=facts, givens=(REC,), uses=("rec",)))
    assert res.verdict is not Verdict.PROVED


def test_a_family_rewrites_at_an_integer_argument(make_goal) -> None:
    res = check_goal(make_goal(v(t + 1), 2 * v(t), R.EQ, assumptions=(sp.Ge(t, 0),), givens=(REC,), uses=("rec",)))
    assert res.verdict is Verdict.PROVED


def test_a_definition_never_replaces_a_sum_index_of_the_same_name() -> None:
    given = Given(name="k", statement=sp.Eq(k, 5))
    e = rewrite_with_givens(k + sp.Sum(k, (k, 1, 3)), (given,), Facts())
    assert e.doit() == 11


def test_a_definition_never_reaches_the_variable_of_a_limit() -> None:
    x = sp.Symbol("x", real=True)
    given = Given(name="x", statement=sp.Eq(x, 2))
    e = sp.Limit(x**2, x, 0) + x
    out = rewrite_with_givens(e, [given], Facts())
    assert out.doit() == 2  # the limit is 0 whatever x is outside it; the free x is 2
    assert out.atoms(sp.Limit) and sp.Integer(4) not in out.atoms(sp.Integer)


def test_a_given_about_a_free_index_never_rewrites_a_sum_over_its_namesake(make_goal) -> None:
    # u(k) = 5 speaks of the free k (k >= 2); the sum's own k runs over 1..3, where u(1) = 0
    u = sp.Function("u", real=True)
    givens = (Given(name="free", statement=sp.Eq(u(k), 5)), Given(name="one", statement=sp.Eq(u(1), 0)))
    res = check_goal(make_goal(sp.Sum(u(k), (k, 1, 3)), sp.Integer(15), assumptions=(sp.Ge(k, 2),), givens=givens))
    assert res.verdict is not Verdict.PROVED


def test_a_family_given_is_checked_against_the_sums_range_not_a_free_namesake(make_goal) -> None:
    # u(j) = 1 for j >= 1 says nothing of u(0); the fact j >= 1 is about the free j
    j = sp.Symbol("j", integer=True)
    u = sp.Function("u", real=True)
    family = Given(name="family", statement=sp.Eq(u(j), 1), index=j, valid_from=1)
    res = check_goal(make_goal(j + sp.Sum(u(j), (j, 0, 2)), j + 3, assumptions=(sp.Ge(j, 1),), givens=(family,)))
    assert res.verdict is not Verdict.PROVED
    assert rewrite_with_givens(sp.Sum(u(j), (j, 1, 2)).doit(), (family,), Facts()) == 2  # inside its range


# -- first-order linear recurrences solved in closed form -------------------------
b = sp.Symbol("b", positive=True)
g = sp.Function("g", real=True)
AVG = Given(name="avg", index=k, valid_from=1, statement=sp.Eq(v(k), b * v(k - 1) + (1 - b) * g(k)))
START = Given(name="start", statement=sp.Eq(v(0), 0))


def _unrolled(n: sp.Expr, *, power: sp.Expr = t - k, lo: int = 1) -> sp.Expr:
    return (1 - b) * sp.Sum(b ** power * g(k), (k, lo, n))


def test_the_unrolled_running_average_is_proved_from_the_recurrence_and_its_start(make_goal) -> None:
    res = check_goal(make_goal(v(t), _unrolled(t), assumptions=(sp.Ge(t, 1),), givens=(AVG, START)))
    assert res.verdict is Verdict.PROVED and res.trust.name == "SYMBOLIC"
    # the induction step: b v_t written out with the formula at t
    step = make_goal(b * v(t) + (1 - b) * g(t + 1), _unrolled(t + 1, power=t + 1 - k),
                     assumptions=(sp.Ge(t, 1),), givens=(AVG, START))
    assert check_goal(step).verdict is Verdict.PROVED


@pytest.mark.parametrize("rhs", [
    _unrolled(t, power=t - k + 1),          # one power too many
    sp.Sum(b ** (t - k) * g(k), (k, 1, t)),  # the factor 1 - b lost
    _unrolled(t - 1),                        # one term short
    _unrolled(t, lo=0),                      # a term before the start
], ids=["power", "factor", "short", "extra"])
def test_a_wrong_closed_form_is_never_proved(make_goal, rhs: sp.Expr) -> None:
    res = check_goal(make_goal(v(t), rhs, assumptions=(sp.Ge(t, 1),), givens=(AVG, START)))
    assert res.verdict is not Verdict.PROVED


def test_the_closed_form_needs_an_integer_index_and_the_starting_value(make_goal) -> None:
    real_t = sp.Symbol("t", real=True)
    res = check_goal(make_goal(v(real_t), _unrolled(real_t), assumptions=(sp.Ge(real_t, 1),), givens=(AVG, START)))
    assert res.verdict is not Verdict.PROVED
    other_start = Given(name="start", statement=sp.Eq(v(0), 1))
    for givens in ((AVG,), (AVG, other_start)):
        res = check_goal(make_goal(v(t), _unrolled(t), assumptions=(sp.Ge(t, 1),), givens=givens))
        assert res.verdict is not Verdict.PROVED


def test_only_a_constant_coefficient_and_a_start_the_recurrence_reaches_are_solved() -> None:
    varying = Given(name="var", index=k, valid_from=1, statement=sp.Eq(v(k), k * v(k - 1) + g(k)))
    late = Given(name="late", index=k, valid_from=3, statement=AVG.statement)
    second = Given(name="second", index=k, valid_from=2, statement=sp.Eq(v(k), v(k - 1) + v(k - 2)))
    for rec in (varying, late, second):
        assert solved_recurrences((rec, START)) == ()
    (solved,) = solved_recurrences((AVG, START))
    m = solved.index
    assert solved.valid_from == 0
    for n in range(4):  # the formula agrees with the recurrence unfolded by hand
        by_hand = rewrite_with_givens(v(n), (AVG, START), Facts(), concrete=True)
        assert sp.expand(solved.statement.rhs.xreplace({m: n}).doit() - by_hand.xreplace({v(0): 0})) == 0


def test_a_member_of_a_family_is_not_captured_by_the_familys_own_sum(make_goal) -> None:
    # v(k) = sum_j k g(j): v(j) is j (g(1) + g(2) + g(3)), not sum_j j g(j)
    i, j, k = sp.symbols("i j k", integer=True, nonnegative=True)
    v, g = sp.Function("v"), sp.Function("g")
    family = Given(name="def", statement=sp.Eq(v(k), sp.Sum(k * g(j), (j, 1, 3))), index=k, valid_from=0)
    assert check_goal(make_goal(v(j), sp.Sum(i * g(i), (i, 1, 3)), givens=(family,))).verdict is not Verdict.PROVED
    assert check_goal(make_goal(v(j), j * sp.Sum(g(i), (i, 1, 3)), givens=(family,))).verdict is Verdict.PROVED


def test_a_member_of_a_family_is_not_captured_by_a_limit_the_family_takes(make_goal) -> None:
    # v(k) = lim_n k/(n+1) is 0 for every k: v(n) = 1 is false, v(n) = 0 true
    k, n = sp.symbols("k n", integer=True, nonnegative=True)
    v = sp.Function("v")
    family = Given(name="def", statement=sp.Eq(v(k), sp.Limit(k / (n + 1), n, sp.oo)), index=k, valid_from=0)
    assert check_goal(make_goal(v(n), sp.Integer(1), givens=(family,))).verdict is not Verdict.PROVED
    assert check_goal(make_goal(v(n), sp.Integer(0), givens=(family,))).verdict is not Verdict.REFUTED


def test_a_lemma_is_checked_at_a_point_without_capturing_its_limit() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.core.model import Lemma
    k = sp.Symbol("k", integer=True, nonnegative=True)
    n = sp.Symbol("n", integer=True, positive=True)
    F = sp.Function("F")
    lemma = Lemma(name="L", statement=sp.Eq(F(k), sp.Limit(k / (n + 1), n, sp.oo)), variables=(k,))
    goal = Goal(relation=R.EQ, lhs=F(n), rhs=sp.Integer(0),
                context=Context(facts=Facts(()), lemmas=(lemma,), uses=("L",), seed=3))
    assert check_goal(goal).verdict is not Verdict.REFUTED


def test_a_derivative_with_respect_to_a_given_name_keeps_that_name(make_goal: Any) -> None:
    """``dL/d\\hat y`` with ``\\hat y = w h + b`` given: the derivative is taken in ``\\hat y``, not in its value
    (substituting inside it raised a ValueError, and the step was left with one)."""
    y_hat, y, w, h, b, big_l = sp.symbols("y_hat y w h b L", real=True)
    givens = (Given(name="out", statement=sp.Eq(y_hat, w * h + b)),
              Given(name="loss", statement=sp.Eq(big_l, (y_hat - y) ** 2 / 2)))
    derivative = sp.Derivative(big_l, y_hat)
    assert rewrite_with_givens(derivative, givens[:1], Facts(())) == derivative
    assert check_goal(make_goal(derivative, y_hat - y, givens=givens)).verdict is Verdict.PROVED
    wrong = check_goal(make_goal(derivative, sp.S.Zero, givens=givens))
    assert wrong.verdict is not Verdict.PROVED and "ValueError" not in wrong.message


def test_whether_a_given_is_a_recurrence_is_computed_once_per_given() -> None:
    from symproofs.verifier.rewrite import is_recurrence

    plain = Given(name="def", statement=sp.Eq(v(0), 1))
    assert is_recurrence(REC) and not is_recurrence(plain)
    before = is_recurrence.cache_info().hits  # type: ignore[attr-defined]
    assert rewrite_with_givens(v(3), (REC, plain), Facts(), concrete=True) == 8
    assert is_recurrence.cache_info().hits > before  # type: ignore[attr-defined]
    # the names, equations and recurrences of the same givens: worked out once, at the first point
    from symproofs.verifier.rewrite import _equations

    before = _equations.cache_info().hits
    assert rewrite_with_givens(v(2), (REC, plain), Facts(), concrete=True) == 4
    assert _equations.cache_info().hits == before + 1


def test_a_definitions_bound_index_never_captures_the_free_index_of_the_step() -> None:
    # J = sum_i w_i^2 put into dJ/dw_i (the given's i is bound, the step's i free): the sum's i renamed
    i, n = sp.symbols("i n", integer=True)
    w, big_j = sp.Function("w", real=True), sp.Symbol("J", real=True)
    given = Given(name="defined on line 4", statement=sp.Eq(big_j, sp.Sum(w(i) ** 2, (i, 1, n))))
    out = rewrite_with_givens(sp.Derivative(big_j, w(i)), [given], Facts())
    assert isinstance(out, sp.Derivative) and out.variables == (w(i),)
    assert all(lim[0] != i for s in out.atoms(sp.Sum) for lim in s.limits)
    # the body alone, with the derivative's names to avoid (how a derivative is evaluated)
    body = rewrite_with_givens(big_j, [given], Facts(), avoid=frozenset({i}))
    assert body.has(sp.Sum) and all(lim[0] != i for s in body.atoms(sp.Sum) for lim in s.limits)
    # nothing to avoid: the definition as written
    assert rewrite_with_givens(big_j, [given], Facts()) == sp.Sum(w(i) ** 2, (i, 1, n))
