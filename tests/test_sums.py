"""Kronecker deltas: written one way, and their equations put into the
factors they multiply, never past a name a factor binds."""

from __future__ import annotations

import sympy as sp

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
