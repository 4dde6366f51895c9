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
