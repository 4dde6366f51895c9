"""Indices a counterexample puts outside the family they address (symproofs.grading.indexrange)."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Relation
from symproofs.core.results import Counterexample
from symproofs.grading.indexrange import inside, outside

i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
s = sp.Symbol("s", real=True)
x = sp.Function("x")


def test_a_member_outside_the_range_of_a_definitions_sum_is_found() -> None:
    # s = sum_{i=1}^n x_i^2, then s >= x_i^2 at i = 2, n = 1: i lies outside 1..n
    cx = Counterexample(
        assignment=((i, sp.Integer(2)), (n, sp.Integer(1)), (x(2), sp.Integer(5))),
        lhs=sp.Integer(1),
        rhs=sp.Integer(25),
    )
    found = outside([s, x(i) ** 2], [sp.Sum(x(i) ** 2, (i, 1, n))], cx)
    assert found == [(i, "x", sp.Integer(1), n)]
    inner = replace(cx, assignment=((i, sp.Integer(1)), (n, sp.Integer(3))))
    assert outside([s, x(i) ** 2], [sp.Sum(x(i) ** 2, (i, 1, n))], inner) == []
    # the sum's own index is bound: its members are not "written" by the step
    assert outside([sp.Sum(x(i), (i, 1, n)), sp.Integer(0)], [], cx) == []


def test_inside_finds_a_point_in_the_range_only_where_the_step_fails() -> None:
    given = Given(name="s", statement=sp.Eq(s, sp.Sum(x(i) ** 2, (i, 1, n))))
    ctx = Context(facts=Facts(()), givens=(given,))
    cx = Counterexample(
        assignment=((i, sp.Integer(0)), (n, sp.Integer(1)), (x(0), sp.Integer(2))), lhs=sp.Integer(0), rhs=sp.Integer(4)
    )
    found = [(i, "x", sp.Integer(1), n)]
    true_step = Goal(relation=Relation.GE, lhs=s, rhs=x(i) ** 2, context=ctx)
    assert inside(true_step, cx, found) is None
    slip = Goal(relation=Relation.EQ, lhs=s, rhs=n * x(i) ** 2, context=ctx)
    moved = inside(slip, cx, found)
    assert moved is not None
    point = dict(moved.assignment)
    assert 1 <= point[i] <= point[n] and moved.lhs != moved.rhs


def test_a_member_past_the_sum_written_in_its_bound_is_no_index_of_it() -> None:
    # v_{t+1} = ... + (1-beta) sum_{k=1}^{t} beta^{t-k} g_k + (1-beta) g_{t+1}: g_{t+1} is the next member of g,
    # not an index of the sum drawn outside 1..t; a slip there must stay refutable
    t, k = sp.Symbol("t", integer=True, positive=True), sp.Symbol("k", integer=True)
    g = sp.Function("g")
    cx = Counterexample(assignment=((t, sp.Integer(1)), (g(1), sp.Integer(1)), (g(2), sp.Integer(3))),
                        lhs=sp.Integer(1), rhs=sp.Integer(2))
    assert outside([sp.Sum(g(k), (k, 1, t)) + g(t + 1)], [], cx) == []
    far = replace(cx, assignment=((t, sp.Integer(1)), (j, sp.Integer(5))))
    assert outside([sp.Sum(g(k), (k, 1, t)) + g(j)], [], far)  # g_j at j = 5 beside sum_{k=1}^{1}: outside
