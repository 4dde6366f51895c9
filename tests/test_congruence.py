"""Equals put for equals: ``A = B => F(A) = F(B)`` is proved, and nothing
that only looks like it (a converse, a replacement under a binder, a
conclusion undefined where the premise holds, a wrong function) is."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.latex.vocabulary import IndexedMax
from symproofs.matrices.linalg import Grad
from symproofs.probability.variables import E
from symproofs.verifier.congruence import equals_for_equals
from symproofs.verifier.pipeline import check_goal

x, y, z = sp.symbols("x y z", real=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
f, g = sp.Function("f"), sp.Function("g")
d = sp.Symbol("d", integer=True, positive=True)
W, S = sp.MatrixSymbol("W", d, d), sp.MatrixSymbol("S", d, d)
h, b = sp.MatrixSymbol("h", d, 1), sp.MatrixSymbol("b", d, 1)


def _method(goal: object) -> str | None:
    out = equals_for_equals(goal, None)  # type: ignore[arg-type]
    return None if out is None else out.method


def test_a_function_of_equal_values_is_equal(make_goal) -> None:
    # y = x^2 + 1  =>  f(y) = f(x^2 + 1): not an identity of polynomials (f is unknown)
    goal = make_goal(sp.Eq(y, x**2 + 1), sp.Eq(f(y), f(x**2 + 1)), R.IMPLIES)
    assert _method(goal) is not None
    assert check_goal(goal).verdict is Verdict.PROVED


def test_the_premise_used_right_to_left_and_in_a_system(make_goal) -> None:
    goal = make_goal(sp.Eq(x**2 + 1, y), sp.Eq(g(f(y), z), g(f(x**2 + 1), z)), R.IMPLIES)
    assert _method(goal) is not None
    system = make_goal((sp.Eq(y, x + 1), sp.Eq(z, 2 * x)), sp.Eq(f(y) + f(z), f(x + 1) + f(2 * x)), R.IMPLIES)
    assert _method(system) is not None


def test_matrices_through_an_elementwise_function(make_goal) -> None:
    elt = sp.Dummy("elt")
    sig = sp.Lambda(elt, f(elt))
    prem = sp.Eq(h, W * S * h + b)
    concl = sp.Eq(W * h.applyfunc(sig), W * (W * S * h + b).applyfunc(sig))
    assert _method(make_goal(prem, concl, R.IMPLIES)) is not None


def test_false_variants_are_not_proved(make_goal) -> None:
    false_goals = [
        # a different function, a different argument, the converse of a non-injective function
        make_goal(sp.Eq(y, x**2 + 1), sp.Eq(f(y), g(x**2 + 1)), R.IMPLIES),
        make_goal(sp.Eq(y, x**2 + 1), sp.Eq(f(y), f(x**2 + 2)), R.IMPLIES),
        make_goal(sp.Eq(f(y), f(x)), sp.Eq(y, x), R.IMPLIES),
        make_goal(sp.Eq(y, x), sp.Eq(f(y), f(x)), R.IFF),
        # y = k says nothing about the sum over k of y (nor x = 1 about d/dx x^2)
        make_goal(sp.Eq(y, k), sp.Eq(sp.Sum(y, (k, 1, n)), sp.Sum(k, (k, 1, n))), R.IMPLIES),
        make_goal(sp.Eq(x, 1), sp.Eq(sp.Derivative(x**2, x), sp.Derivative(x, x)), R.IMPLIES),
        # x = y does not make 1/x = 1/y hold at x = y = 0
        make_goal(sp.Eq(x, y), sp.Eq(1 / x, 1 / y), R.IMPLIES),
        # a premise's number is never replaced everywhere: x = 0 does not give f(0) = f(y) from f(x) = f(y)
        make_goal(sp.Eq(0, x), sp.Eq(f(0), f(y)), R.IMPLIES),
        # w = v does not make the gradients by w and by v equal; x = 1 may be an event, not E[x] = 1
        make_goal(sp.Eq(h, b), sp.Eq(Grad(sp.Symbol("L"), h), Grad(sp.Symbol("L"), b)), R.IMPLIES),
        make_goal(sp.Eq(x, 1), sp.Eq(E(x), 1), R.IMPLIES),
        # i = 2 says nothing about the maximum over i
        make_goal(sp.Eq(k, 2), sp.Eq(IndexedMax(f(k), k), IndexedMax(f(2), k)), R.IMPLIES),
        # a derivative by an entry of a matrix the premise names
        make_goal(
            sp.Eq(h, b), sp.Eq(sp.Derivative(f(h[0, 0]), h[0, 0]), sp.Derivative(f(b[0, 0]), b[0, 0])), R.IMPLIES
        ),
    ]
    for goal in false_goals:
        assert _method(goal) is None, goal
        assert check_goal(goal).verdict is not Verdict.PROVED, goal
