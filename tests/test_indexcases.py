"""Tests of a step checked in the index case its goal assumes (symproofs.verifier.indexcases)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import Verdict
from symproofs.latex.vocabulary import IndexedMax
from symproofs.probability.laws import Bernoulli, Generic
from symproofs.probability.space import ProbabilitySpace
from symproofs.probability.variables import E
from symproofs.verifier.indexcases import in_index_case, index_case
from symproofs.verifier.pipeline import _check_goal

p = sp.Symbol("p", positive=True)
i, j, k = sp.symbols("i j k", integer=True)
x = sp.Symbol("x", real=True)


def _space() -> ProbabilitySpace:
    space = ProbabilitySpace()
    space.family("M", Bernoulli(p), members="iid")  # a dropout mask: M_ki ~ Bern(p), i.i.d.
    space.family("S", Generic(mean=0, var=1), members="uncorrelated")
    return space


SPACE = _space()
M, S = SPACE.families["M"], SPACE.families["S"]


def _goal(lhs: sp.Expr, rhs: sp.Expr, *case: sp.Basic) -> Goal:
    facts = Facts((p <= 1, *case))
    return Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=facts, algebras=(SPACE,)))


def test_distinct_members_in_the_case_i_ne_j() -> None:
    # "if i != j, then E[M_ki M_kj] = p^2": two members of an i.i.d. family, distinct in the case
    lhs = E(M(k, i) * M(k, j))
    proved = in_index_case(_goal(lhs, p**2, sp.Ne(i, j)), SPACE.reduce(lhs) - p**2)
    assert proved is not None and proved.verdict is Verdict.PROVED and "i != j" in proved.method
    # the value of the other case, p, does not hold in this one; nor is the case a proof without it
    assert in_index_case(_goal(lhs, p, sp.Ne(i, j)), SPACE.reduce(lhs) - p) is None
    assert in_index_case(_goal(lhs, p**2), SPACE.reduce(lhs) - p**2) is None


def test_one_member_in_the_case_i_eq_j() -> None:
    lhs = E(M(k, i) * M(k, j))
    proved = in_index_case(_goal(lhs, p, sp.Eq(i, j)), SPACE.reduce(lhs) - p)
    assert proved is not None and proved.verdict is Verdict.PROVED
    assert in_index_case(_goal(lhs, p**2, sp.Eq(i, j)), SPACE.reduce(lhs) - p**2) is None


def test_the_whole_check_proves_in_the_case_and_refutes_outside_it() -> None:
    lhs = E(M(k, i) * M(k, j))
    assert _check_goal(_goal(lhs, p**2, sp.Ne(i, j))).verdict is Verdict.PROVED
    assert _check_goal(_goal(lhs, p, sp.Ne(i, j))).verdict is Verdict.REFUTED  # p != p^2 for 0 < p < 1
    # uncorrelated members: E[S_i S_j] = 0 for i != j (their means), E[S_i^2] = 1 where i = j
    pair = E(S(i) * S(j))
    assert _check_goal(_goal(pair, sp.Integer(0), sp.Ne(i, j))).verdict is Verdict.PROVED
    assert _check_goal(_goal(pair, sp.Integer(1), sp.Eq(i, j))).verdict is Verdict.PROVED


def test_only_a_relation_between_two_integer_names_is_a_case() -> None:
    assert index_case(_goal(E(M(k, i)), p, sp.Ne(i, 2)), {i}) is None  # a number, not a name
    assert index_case(_goal(x, x, sp.Ne(x, i)), {x, i}) is None  # x is not an integer
    assert index_case(_goal(E(M(k, i)), p, sp.Ne(i, j)), {i}) is None  # j is not in the step
    found = index_case(_goal(E(M(k, i) * M(k, j)), p, sp.Eq(i, j)), {i, j, k})
    assert found is not None and found[0] == {j: i}


def test_a_sums_own_index_is_not_the_case_s() -> None:
    # sum_j E[M_kj] = n p, with the step's own j elsewhere: the sum's j is renamed apart, not put to i + s
    n = sp.Symbol("n", integer=True, positive=True)
    lhs = sp.Sum(E(M(k, j)), (j, 1, n)) + E(M(k, i) * M(k, j))
    goal = _goal(lhs, n * p + p**2, sp.Ne(i, j))
    proved = in_index_case(goal, SPACE.reduce(lhs) - n * p - p**2)
    assert proved is not None and proved.verdict is Verdict.PROVED
    assert in_index_case(_goal(lhs, n * p + p, sp.Ne(i, j)), SPACE.reduce(lhs) - n * p - p) is None


def test_a_sum_over_the_cases_other_index_does_not_capture_it() -> None:
    # i != j, j -> i + s: the sum's own i is renamed apart first, not read as the case's i
    # (for 1 <= j <= n the sum is E[S_j^2] = 1, so the left side is 1, not 0; in the case i = j it is 2)
    n = sp.Symbol("n", integer=True, positive=True)
    lhs = E(S(i) * S(j)) + sp.Sum(E(S(i) * S(j)), (i, 1, n))
    assert in_index_case(_goal(lhs, sp.Integer(0), sp.Ne(i, j)), SPACE.reduce(lhs)) is None
    assert in_index_case(_goal(lhs, 1 + n, sp.Eq(i, j)), SPACE.reduce(lhs) - 1 - n) is None
    # a sum of its own over i, renamed apart, still has the case put around it
    lhs = E(S(i) * S(j)) + sp.Sum(E(S(i) ** 2), (i, 1, n))
    proved = in_index_case(_goal(lhs, n, sp.Ne(i, j)), SPACE.reduce(lhs) - n)
    assert proved is not None and proved.verdict is Verdict.PROVED


def test_a_max_over_the_cases_index_is_left_alone() -> None:
    # max_i binds i: j -> i + s inside it would capture the case's i (max_i E[S_i S_j] is 1, max_i 0 is 0)
    lhs, rhs = IndexedMax(E(S(i) * S(j)), i), IndexedMax(E(S(i)) * E(S(j)), i)
    assert in_index_case(_goal(lhs, rhs, sp.Ne(i, j)), SPACE.reduce(lhs - rhs)) is None
