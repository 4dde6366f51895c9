"""Kronecker deltas: written one way, and their equations put into the
factors they multiply, never past a name a factor binds."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Given
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.sums import canonical_deltas, pin_deltas

i, j, k, n = sp.symbols("i j k n", integer=True)
A = sp.IndexedBase("A")
f = sp.Function("f")


def test_deltas_written_apart_meet() -> None:
    assert canonical_deltas(sp.KroneckerDelta(i - 1, j - 1) - sp.KroneckerDelta(i, j)) == 0


def test_a_delta_puts_its_equation_into_its_factors() -> None:
    e = sp.KroneckerDelta(i, j) * A[i, j] - sp.KroneckerDelta(i, j) * A[i, i]
    assert pin_deltas(e) == 0


def test_the_bodies_of_sums_are_pinned_like_the_terms_outside() -> None:
    body = sp.KroneckerDelta(i, j) * A[k, i] * A[k, j]
    e = sp.Sum(body, (k, 1, n)) - sp.KroneckerDelta(i, j) * sp.Sum(A[k, i] ** 2, (k, 1, n))
    inside = sp.Sum(sp.KroneckerDelta(i, j) * A[k, i] ** 2, (k, 1, n))
    assert pin_deltas(e) == inside - sp.KroneckerDelta(i, j) * sp.Sum(A[k, i] ** 2, (k, 1, n))


def test_a_name_a_factor_binds_is_not_replaced() -> None:
    # the k of the sum is its own: delta(i, k) times the sum stays as it is in k
    e = sp.KroneckerDelta(i, k) * sp.Sum(f(k), (k, 1, n))
    pinned = pin_deltas(e)
    assert pinned.has(sp.Sum(f(k), (k, 1, n))) and not pinned.has(f(i))


def test_a_delta_through_a_multiple_is_solved_only_for_the_name_of_coefficient_one() -> None:
    # j = 2i, never i = j/2 (not an integer for an odd j)
    e = sp.KroneckerDelta(2 * i, j) * f(i) * f(j)
    assert pin_deltas(e) == sp.KroneckerDelta(2 * i, j) * f(i) * f(2 * i)


def test_a_false_step_with_a_delta_is_not_proved(make_goal) -> None:
    # delta_ij A_ij = A_ii fails at i = 1, j = 2 where A_11 = 1
    res = check_goal(make_goal(sp.KroneckerDelta(i, j) * A[i, j], A[i, i], R.EQ))
    assert res.verdict is not Verdict.PROVED


def test_a_true_step_with_a_delta_is_proved(make_goal) -> None:
    res = check_goal(make_goal(sp.KroneckerDelta(i, j) * (A[i, j] + 1),
                               sp.KroneckerDelta(i - 1, j - 1) * (A[i, i] + 1)))
    assert res.verdict is Verdict.PROVED


def test_a_delta_never_pins_into_a_binder(make_goal) -> None:
    # j := i inside sum_i j f(i) would be captured by the sum's own i; a limit binds its n
    a = sp.Symbol("a", real=True)
    given = (Given(name="a", statement=sp.Eq(a, 1)),)
    captured = make_goal(a * sp.KroneckerDelta(i, j) * sp.Sum(j * f(i), (i, 1, 3)),
                         sp.KroneckerDelta(i, j) * sp.Sum(i * f(i), (i, 1, 3)), givens=given)
    limit = make_goal(a * sp.KroneckerDelta(n, 7) * sp.Limit(1 / n, n, sp.oo), sp.KroneckerDelta(n, 7) / 7,
                      givens=given)
    assert check_goal(captured).verdict is not Verdict.PROVED
    assert check_goal(limit).verdict is not Verdict.PROVED


def test_a_delta_with_a_range_keeps_it() -> None:
    ranged = sp.KroneckerDelta(i, j, (1, 3))
    assert canonical_deltas(ranged) != canonical_deltas(sp.KroneckerDelta(i, j))
    assert canonical_deltas(ranged).subs({i: 5, j: 5}) == 0


def test_a_delta_with_a_range_equals_the_plain_one_nowhere_it_is_not(make_goal) -> None:
    res = check_goal(make_goal(sp.KroneckerDelta(i, j, (1, 3)), sp.KroneckerDelta(i, j)))
    assert res.verdict is not Verdict.PROVED


def test_a_delta_never_pins_into_a_substitution(make_goal) -> None:
    a = sp.Symbol("a", real=True)
    goal = make_goal(a * sp.KroneckerDelta(i, j) * sp.Subs(i + j, i, 0), sp.S.Zero,
                     givens=(Given(name="a", statement=sp.Eq(a, 1)),))
    assert check_goal(goal).verdict is not Verdict.PROVED


def test_a_ranged_delta_keeps_its_range_under_a_given(make_goal) -> None:
    goal = make_goal(sp.KroneckerDelta(i, j, (1, 3)), sp.S.One, givens=(Given(name="j", statement=sp.Eq(j, i)),))
    assert check_goal(goal).verdict is not Verdict.PROVED


def test_a_scalar_sum_inside_a_matrix_side_is_read_with_the_empty_range_convention(make_goal) -> None:
    from symproofs.verifier.sums import read_sums

    m = sp.Symbol("m", integer=True, positive=True)
    a = sp.MatrixSymbol("a", m, m)
    goal = read_sums(make_goal(sp.MatMul(sp.Sum(1, (k, 4, m)), a), sp.ZeroMatrix(m, m)))
    assert goal.lhs.xreplace({m: 1}).doit() == sp.ZeroMatrix(1, 1)  # not -2 a (Karr's value)
    assert goal.lhs.xreplace({m: 5}).doit() == 2 * sp.MatrixSymbol("a", 5, 5)
    exponent = sp.HadamardPower(a, sp.Product(2, (k, 4, m)))  # an empty product is 1: a^{o1} at m = 1
    assert read_sums(make_goal(exponent, a)).lhs.xreplace({m: 1}).args[1] == 1
