"""The fact base: the interval reparametrization replaces free symbols only;
``Ne`` assumptions (``r != 1``) decide the branch of a geometric sum."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts, contradiction, rename_bound
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.core.statements import Given
from symproofs.verifier.pipeline import check_goal

k = sp.Symbol("k", integer=True)
j = sp.Symbol("j", integer=True)


def test_a_bound_variable_is_never_reparametrized() -> None:
    facts = Facts((sp.Ge(k, 0),))
    e = facts.reparametrize(sp.Sum(k, (k, -2, 0)))
    assert isinstance(e, sp.Sum) and e.doit() == -3
    assert facts.sign(sp.Sum(k, (k, -2, 0))) == (None, None)


def test_a_bound_that_is_the_free_symbol_is_still_reparametrized() -> None:
    facts = Facts((sp.Ge(k, 1),))
    e = facts.reparametrize(sp.Sum(k, (k, 0, k)))
    (var, lo, hi), = e.limits
    assert var != k and k not in hi.free_symbols and lo == 0


def test_rename_bound_keeps_the_scope_of_nested_limits() -> None:
    e = sp.Sum(k * j, (k, 0, j), (j, 0, k))  # the outer upper bound k is free
    renamed = rename_bound(e, {k, j})
    assert renamed.free_symbols == {k}
    assert renamed.subs(k, 2).doit() == e.subs(k, 2).doit()


@pytest.mark.parametrize("lhs, relation", [
    (sp.Sum(k, (k, -2, 0)), R.GE),
    (sp.Sum(k + 1, (k, -3, -2)), R.GT),
], ids=["ge", "gt"])
def test_a_sum_over_a_bounded_name_keeps_its_value(make_goal, lhs: sp.Basic, relation: R) -> None:
    res = check_goal(make_goal(lhs, sp.Integer(0), relation, assumptions=(sp.Ge(k, 0),)))
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.lhs == -3


r, x = sp.symbols("r x", real=True)
n, m = sp.symbols("n m", integer=True, positive=True)


def test_ne_makes_the_difference_and_its_multiples_nonzero() -> None:
    facts = Facts((sp.Ne(r, 1),))
    assert facts.nonzero(r - 1) is True and facts.nonzero(2 - 2 * r) is True
    assert facts.decide(sp.Eq(r, 1)) is False and facts.decide(sp.Ne(1, r)) is True
    assert facts.nonzero(r - 2) is None  # r != 1 says nothing of r - 2
    assert Facts().decide(sp.Eq(r, 1)) is None  # without the assumption: undecided


def test_a_geometric_sum_with_r_not_one(make_goal) -> None:  # type: ignore[no-untyped-def]
    m = sp.Symbol("m", integer=True, nonnegative=True)  # (a positive m would be declared against m = 0)
    total = sp.Sum(r**m, (m, 0, n - 1)).doit()  # a Piecewise on Eq(r, 1)
    closed = (1 - r**n) / (1 - r)
    assert check_goal(make_goal(total, closed, assumptions=[sp.Ne(r, 1)])).verdict.value == "proved"
    # without the assumption: the side writes the case r = 1 itself, so it is the step's (a case sympy's own
    # evaluation makes at a point where a written side is 0/0 is not); a closed
    # form wrong anywhere else is never proved
    assert check_goal(make_goal(total, closed)).verdict.value != "proved"
    assert check_goal(make_goal(sp.Sum(r**m, (m, 0, n - 1)), closed)).verdict.value == "proved"
    assert check_goal(make_goal(total, (1 - r**(n + 1)) / (1 - r))).verdict.value != "proved"


def test_a_case_a_side_writes_itself_is_never_dropped(make_goal) -> None:  # type: ignore[no-untyped-def]
    # x + [x = 1] against a side that is 0/0 at x = 1: the written case is the step's, true or not
    x = sp.Symbol("x", real=True)
    step = make_goal((x**2 - x) / (x - 1), x + sp.Piecewise((1, sp.Eq(x, 1)), (0, True)))
    assert check_goal(step).verdict.value != "proved"


def test_a_denominator_in_a_branch_not_taken_is_no_assumption(make_goal) -> None:  # type: ignore[no-untyped-def]
    # the branch 1/(x - 1) is not taken at x = 1: x != 1 is no fact of the step (0 against 2 there)
    x, k, big = sp.Symbol("x", real=True), sp.Symbol("k", integer=True), sp.Symbol("N", integer=True)
    total = sp.Sum(1, (k, 1, big))
    step = make_goal(total * sp.Piecewise((0, sp.Eq(x, 1)), ((x**2 - 1) / (x - 1), True)), total * (x + 1))
    assert check_goal(step).verdict.value != "proved"


@pytest.mark.parametrize(("expr", "relation", "where"), [
    (sp.binomial(k, 3), R.LE, {k: 3}),  # sympy: binomial(k, 3) is never nonnegative for an integer k
    (sp.binomial(k, 5), R.LE, {k: 5}),
    (sp.atan((k - 3) ** 2), R.GT, {k: 3}),  # sympy: atan of an integer is never 0
    (sp.atan((k - 7) ** 2), R.GT, {k: 7}),
    (sp.asin(k**2), None, {k: 0}),
])
def test_signs_sympy_gets_wrong_are_never_trusted(expr: sp.Expr, relation: R | None,
                                                  where: dict[sp.Symbol, int]) -> None:
    from symproofs.core.facts import untrusted
    from symproofs.core.goals import Context, Goal

    assert untrusted(expr) and Facts(()).sign(expr) == (None, None) and Facts(()).nonzero(expr) is None
    if relation is None:
        return
    res = check_goal(Goal(relation=relation, lhs=expr, rhs=sp.S.Zero, context=Context(facts=Facts(()), seed=1)))
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None, res.describe()
    point = dict(res.counterexample.assignment)
    assert point.keys() == where.keys() and point[k].is_Integer


def test_a_closed_form_wrong_at_small_integers_is_never_proved() -> None:
    from symproofs.core.goals import Context, Goal

    n = sp.Symbol("n", integer=True, nonnegative=True)
    # sympy sums k (-1)^k C(n, k) to 0 for every n; it is -1 at n = 1
    total = sp.Sum(k * (-1) ** k * sp.binomial(n, k), (k, 0, n))
    res = check_goal(Goal(relation=R.EQ, lhs=total, rhs=sp.S.Zero, context=Context(facts=Facts(()), seed=1)))
    assert res.verdict is not Verdict.PROVED, res.describe()


def test_integers_by_sympy_word_only_are_not_taken() -> None:
    from symproofs.core.facts import surely_integer

    ev = sp.Symbol("e", even=True)
    assert (ev / 6).is_integer and not surely_integer(ev / 6) and not surely_integer(ev**3 / 6)
    assert surely_integer(2 * k - j + 1) and surely_integer(k**2) and surely_integer(sp.Integer(4))
    assert not surely_integer(sp.Rational(1, 2)) and not surely_integer(k / 2)


def test_a_sum_up_to_a_bound_sympy_wrongly_calls_an_integer_is_not_proved() -> None:
    from symproofs.core.goals import Context, Goal

    ev = sp.Symbol("e", even=True, nonnegative=True)
    # at e = 2 no integer k has 1 <= k <= 1/3: the sum is 0, not 1/3
    res = check_goal(Goal(relation=R.EQ, lhs=sp.Sum(1, (k, 1, ev / 6)), rhs=ev / 6,
                          context=Context(facts=Facts(()), seed=1)))
    assert res.verdict is not Verdict.PROVED, res.describe()


def test_each_integer_is_swept_on_its_own() -> None:
    from symproofs.core.goals import Context, Goal

    q = sp.Symbol("q", integer=True, nonnegative=True)
    m = sp.Symbol("m", integer=True)
    # sympy's closed form of the sum is 0, wrong at q = 1; the factor m - q hides it where m = q
    total = (m - q) * sp.Sum(k * (-1) ** k * sp.binomial(q, k), (k, 0, q))
    for seed in (1, 2, 3):
        res = check_goal(Goal(relation=R.EQ, lhs=total, rhs=sp.S.Zero, context=Context(facts=Facts(()), seed=seed)))
        assert res.verdict is not Verdict.PROVED, res.describe()


a_, b_ = sp.symbols("a b", real=True)


@pytest.mark.parametrize(("facts", "expr", "sign"), [
    ((a_ > b_, b_ > 0), 1 / b_ - 1 / a_, (True, True)),  # (a - b)/(ab): each factor positive
    ((a_ > b_, b_ > 0), a_, (True, True)),  # a = (a - b) + b
    ((a_ > b_, b_ > 0), 1 / a_ - 1 / b_, (False, False)),  # one negative factor
    ((a_ > b_, b_ > 0), (b_ - a_) ** 2 / a_, (True, True)),  # an even power of a negative factor
    ((a_ > b_,), 1 / b_ - 1 / a_, (None, None)),  # the sign of b unknown: a, b may both be negative
    ((a_ > b_, b_ > 0), (a_ - b_) * (a_ - 2 * b_), (None, None)),  # a - 2b of either sign
], ids=["quotient", "through-the-gap", "negative", "even-power", "sign-unknown", "undecided-factor"])
def test_a_product_is_signed_by_its_factors_under_a_relation_between_names(
        facts: tuple[sp.Basic, ...], expr: sp.Expr, sign: tuple[bool | None, bool | None]) -> None:
    assert Facts(facts).sign(expr) == sign


def test_the_goals_of_one_question_reparametrize_alike() -> None:
    beta = sp.Symbol("beta", real=True)
    t = sp.Symbol("t", integer=True)
    diff = beta**t * sp.Sum(beta**k, (k, 0, t - 1))
    same = (sp.Lt(beta, 1), sp.Gt(beta, 0), sp.Ge(t, 1))
    assert Facts(same).reparametrize(diff) == Facts(same).reparametrize(diff)  # simplified once by a worker
    other = Facts((sp.Lt(beta, 1), sp.Gt(beta, 0), sp.Ge(t, 2))).reparametrize(diff)
    assert other != Facts(same).reparametrize(diff)
    # a parameter is fresh: never the symbol, nor a dummy sympy makes
    u = Facts((sp.Gt(beta, 1),)).reparametrize(beta) - 1
    assert isinstance(u, sp.Dummy) and u.is_positive and u != sp.Dummy("beta_u", positive=True)
    assert Facts((sp.Ge(beta, 1),)).reparametrize(beta) != Facts((sp.Gt(beta, 1),)).reparametrize(beta)


def test_a_sign_is_worked_out_once_per_facts_and_expression() -> None:
    from symproofs.core.facts import _signed

    a, b = sp.symbols("a b", real=True)
    exprs = [a - b, (a - b) / (a * b), b - a, a + b, a * b - 1]
    _signed.cache_clear()
    for facts in (Facts((a > b, b > 0)), Facts((b > a,)), Facts(())):
        assert [facts.sign(e) for e in exprs] == [facts._sign(e) for e in exprs]  # the answers of old
    assert Facts((a > b, b > 0)).sign(a - b) == (True, True)
    assert Facts((a > b, b > 0)).sign(a - b) == (True, True)  # equal facts, equal expression: remembered
    info = _signed.cache_info()
    assert info.misses >= len(exprs) * 3 and info.hits >= 2


def test_a_remembered_sign_never_outlives_the_global_assumptions() -> None:
    from sympy.assumptions import Q, assuming

    x = sp.Symbol("x")
    facts = Facts(())
    outside = facts.sign(x)
    with assuming(Q.positive(x)):
        assert facts.sign(x) == facts._sign(x)
    assert facts.sign(x) == outside == (None, None)


c = sp.Symbol("c")


@pytest.mark.parametrize("constraints, clash", [
    ((sp.Eq(c, 0), sp.Ne(c, 0)), "c"),  # a value given beside the condition a written x/c records
    ((sp.Gt(c, 0), sp.Eq(c, 0)), "c"),  # c >= 0 from the value, c > 0 assumed: the strict bound wins
    ((sp.Eq(c, 0), sp.Gt(c, 0)), "c"),
    ((sp.Eq(c, 1), sp.Eq(c, 2)), "c"),
    ((sp.Eq(c, 1), sp.Ne(c, 0)), None),
    ((sp.Ge(c, 0), sp.Le(c, 0)), None),
    ((sp.Ge(c, 0), sp.Lt(c, 0)), "c"),
], ids=["value-vs-ne", "gt-then-value", "value-then-gt", "two-values", "consistent", "closed-point", "half-open"])
def test_a_value_is_two_bounds_and_meets_the_other_assumptions(constraints: tuple[sp.Basic, ...],
                                                             clash: str | None) -> None:
    assert contradiction(constraints) == clash


def test_a_value_given_against_a_written_condition_proves_nothing(make_goal) -> None:  # type: ignore[no-untyped-def]
    # x/c * c = x read with c != 0 recorded, under "let c = 0": no side has a value, nothing follows
    x = sp.Symbol("x")
    goal = make_goal(x, x, assumptions=(sp.Ne(c, 0),), givens=(Given(name="c", statement=sp.Eq(c, 0)),))
    res = check_goal(goal)
    assert res.verdict is Verdict.UNKNOWN and "contradict each other" in res.message
    # the same step under a value the condition allows is proved
    fine = make_goal(x, x, assumptions=(sp.Ne(c, 0),), givens=(Given(name="c", statement=sp.Eq(c, 2)),))
    assert check_goal(fine).verdict is Verdict.PROVED
