"""Implication and equivalence between statements in one real unknown,
decided by their solution sets: proved when the sets nest, refuted at an
exact point of the difference that satisfies the facts."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Relation
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.solution_sets import solution_sets

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True)


def _goal(premise: sp.Basic, conclusion: sp.Basic, relation: Relation = Relation.IMPLIES,
          facts: tuple[sp.Basic, ...] = (), givens: tuple[Given, ...] = ()) -> Goal:
    return Goal(relation=relation, lhs=(premise,), rhs=(conclusion,),
                context=Context(facts=Facts(facts), givens=givens, seed=1))


@pytest.mark.parametrize(("premise", "conclusion", "relation"), [
    (sp.Le(2 * x + 3, 7), sp.Le(x, 2), Relation.IFF),
    (sp.Le(-2 * x, 4), sp.Ge(x, -2), Relation.IFF),
    (sp.Lt(x**2, 4), sp.And(sp.Lt(-2, x), sp.Lt(x, 2)), Relation.IFF),
    (sp.Lt(x**2, 4), sp.Lt(x, 2), Relation.IMPLIES),
    (sp.Gt(1 / x, 1), sp.Lt(x, 1), Relation.IMPLIES),
    (sp.Eq(x**2, 4), sp.Le(x, 2), Relation.IMPLIES),
    (sp.Lt(sp.Abs(x - 1), 2), sp.And(sp.Lt(-1, x), sp.Lt(x, 3)), Relation.IFF),
])
def test_nested_solution_sets_prove(premise: sp.Basic, conclusion: sp.Basic, relation: Relation) -> None:
    res = check_goal(_goal(premise, conclusion, relation))
    assert res.verdict is Verdict.PROVED and "solution sets" in res.method, res.describe()


@pytest.mark.parametrize(("premise", "conclusion", "relation"), [
    (sp.Le(-2 * x, 4), sp.Le(x, -2), Relation.IMPLIES),  # the sign not flipped
    (sp.Le(x, 2), sp.Le(x**2, 4), Relation.IMPLIES),
    (sp.Ge(x**2, 1), sp.Ge(x, 1), Relation.IMPLIES),
    (sp.Gt(1 / x, 1), sp.Lt(x, 1), Relation.IFF),  # the converse fails at x = -1
])
def test_a_point_of_the_difference_refutes(premise: sp.Basic, conclusion: sp.Basic, relation: Relation) -> None:
    res = check_goal(_goal(premise, conclusion, relation))
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None, res.describe()
    (key, v), = res.counterexample.assignment
    assert key == x and v.is_Rational
    p, c = (premise.subs(x, v), conclusion.subs(x, v))
    assert (p, c) in ((sp.true, sp.false), (sp.false, sp.true))


def test_the_facts_bound_the_unknown_and_the_point() -> None:
    # for x >= 0, x^2 <= 4 => x <= 2 holds; without the fact it still holds; x^2 >= 1 => x >= 1 holds for x >= 0
    assert check_goal(_goal(sp.Ge(x**2, 1), sp.Ge(x, 1), facts=(sp.Ge(x, 0),))).verdict is Verdict.PROVED
    # a fact the interval does not capture (x != -2): the point -2 is never drawn
    out = solution_sets(_goal(sp.Ge(x**2, 4), sp.Ge(x, 2), facts=(sp.Ne(x, -3), sp.Ne(x, -2))), None)
    assert out is None or (out.counterexample is not None
                           and dict(out.counterexample.assignment)[x] not in (-2, -3))


def test_what_it_does_not_read() -> None:
    y = sp.Symbol("y", real=True)
    assert solution_sets(_goal(sp.Le(x + y, 1), sp.Le(x, 1)), None) is None  # two unknowns
    assert solution_sets(_goal(sp.Le(n, 2), sp.Le(n, 3)), None) is None  # an integer
    assert solution_sets(_goal(sp.Eq(x**2, 1), sp.Eq(x, 1)), None) is None  # equations: ideal membership's
    assert solution_sets(_goal(sp.Le(sp.sin(x), 1), sp.Le(x, 9)), None) is None  # not a rational function
    given = (Given(name="at", statement=sp.Eq(x, 5)),)
    out = solution_sets(_goal(sp.Le(x, 2), sp.Le(x, 1), givens=given), None)
    assert out is None  # a point must satisfy the givens about x: left to the probe


def test_a_point_never_breaks_the_unknowns_own_assumptions() -> None:
    # refuted at x = 1 for an x that cannot be 1: 1 <= x <= 1 holds for no real non-integer x
    for sym in (sp.Symbol("x", real=True, integer=False), sp.Symbol("x", irrational=True)):
        for premise, conclusion in (((sp.Ge(sym, 1), sp.Le(sym, 1)), (sp.Gt(sym, 2),)),
                                    ((sp.Ge(sym, 1),), (sp.Gt(sym, 1),))):
            res = check_goal(Goal(relation=Relation.IMPLIES, lhs=premise, rhs=conclusion,
                                  context=Context(facts=Facts(()), seed=1)))
            assert res.verdict is not Verdict.REFUTED, res.describe()
    nonzero = sp.Symbol("z", real=True, nonzero=True)
    res = check_goal(_goal(sp.Ge(nonzero**2, 0), sp.Gt(nonzero, 0)))
    assert res.verdict is not Verdict.REFUTED or dict(res.counterexample.assignment)[nonzero] != 0


@pytest.mark.parametrize("relation", [Relation.IMPLIES, Relation.IFF])
def test_a_premise_no_allowed_point_satisfies_proves_nothing(relation: Relation) -> None:
    # under x > 1, "x < 0 => x = 7" is true of no x at all
    res = check_goal(_goal(sp.Lt(x, 0), sp.Lt(x, -5), relation, facts=(sp.Gt(x, 1),)))
    assert res.verdict is Verdict.UNKNOWN and "vacuously" in res.message, res.describe()
    assert check_goal(_goal(sp.Lt(x, 3), sp.Lt(x, 5), facts=(sp.Gt(x, 1),))).verdict is Verdict.PROVED


def test_a_lemma_about_the_unknown_keeps_its_points_away(make_goal) -> None:
    from symproofs.core.model import Lemma
    from symproofs.core.model import Relation as Rel
    from symproofs.core.results import Verdict as V
    from symproofs.verifier.pipeline import check_goal as check
    x = sp.Symbol("x", real=True)
    nonneg = Lemma(name="x nonneg", statement=x >= 0, variables=())
    assert check(make_goal(x**2 <= 1, x >= 0, Rel.IMPLIES, lemmas=(nonneg,))).verdict is not V.REFUTED


@pytest.mark.parametrize("value", [sp.Abs(x**2 - 4) - 3 + 3 / x, sp.Abs(x**2 - 4) - 3 - 1 / (x - 2)])
def test_an_absolute_value_is_split_before_solving(value: sp.Expr) -> None:
    # solveset gave (-oo, 0) and (-oo, r) for these: every negative x was taken for a solution
    # (at x = -3 the first is 1, at x = -60/7 the second is positive)
    for relation, premise, conclusion in ((Relation.IMPLIES, sp.Lt(x, 0), sp.Lt(value, 0)),
                                          (Relation.IFF, sp.Lt(value, 0), sp.Lt(x, 0))):
        res = check_goal(_goal(premise, conclusion, relation))
        assert res.verdict is Verdict.REFUTED, res.describe()
        assert res.counterexample is not None
        at = dict(res.counterexample.assignment)[x]
        assert (sp.Lt(value, 0).subs(x, at) is sp.true) != (sp.Lt(x, 0).subs(x, at) is sp.true)


def test_inequalities_in_a_logical_step_are_tried_at_points() -> None:
    # no equation to solve for: each relation is decided at drawn points
    y = sp.Symbol("y", real=True)
    goal = Goal(relation=Relation.IMPLIES, lhs=(sp.Lt(x, y),), rhs=(sp.Lt(x**2, y**2),),
                context=Context(facts=Facts(()), seed=1))
    res = check_goal(goal)
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    at = dict(res.counterexample.assignment)
    assert at[x] < at[y] and not at[x] ** 2 < at[y] ** 2
