"""Norms of matrices with entries not known to be real (symproofs.matrices.realness)."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproofs import Chain, Derivation, Relation, Step, check
from symproofs.core.results import Verdict
from symproofs.matrices.linalg import FrobeniusNorm, Norm, SqNorm
from symproofs.matrices.realness import complex_norm, complex_scalar, sum_of_squares
from symproofs.matrices.space import MatrixAlgebra

n = sp.Symbol("n", integer=True, positive=True)
v = sp.MatrixSymbol("v", n, 1)
z = sp.Symbol("z", complex=True)
t = sp.Symbol("t", real=True)
M = sp.ImmutableMatrix


def _verdict(lhs: Any, rel: Relation, rhs: Any) -> Verdict:
    d = Derivation(id="r", title="r", question="Q", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=lhs, steps=(Step(rel, rhs, "norm"),)),))
    return check(d, isolate=False).chains[0].steps[0].verdict


def test_a_sum_of_squares_takes_the_modulus_of_each_entry() -> None:
    assert sum_of_squares(M([[1, sp.I]])) == 2
    assert sum_of_squares(M([[t, 2]])) == t**2 + 4


def test_the_frobenius_norm_of_an_explicit_complex_matrix_is_not_zero() -> None:
    assert FrobeniusNorm(M([[1, sp.I], [0, 0]])) == sp.sqrt(2)


def test_scalars_not_known_to_be_real_are_found_in_factors_and_entries() -> None:
    assert complex_scalar(2 * t * v) is None
    assert complex_scalar(sp.I * v) == sp.I
    assert complex_scalar(M([[1], [z]])) == z
    assert complex_norm([SqNorm(v) + Norm(3 * v)]) is None
    assert complex_norm([SqNorm(z * v)]) is not None


@pytest.mark.parametrize(("lhs", "rel", "rhs"), [
    (Norm(M([[1, sp.I]])), Relation.EQ, sp.S.Zero),        # ||(1, i)|| = sqrt 2
    (Norm(M([[z]])) ** 2, Relation.EQ, z**2),                # false at z = i
    (Norm(M([[sp.I]])), Relation.EQ, sp.I),
    (SqNorm(M([[1], [sp.I]])), Relation.EQ, sp.S.Zero),
    (FrobeniusNorm(M([[1, sp.I], [0, 0]])), Relation.EQ, sp.S.Zero),
    (SqNorm(sp.I * v), Relation.EQ, -SqNorm(v)),              # = ||v||^2
    (SqNorm(z * v), Relation.EQ, z**2 * SqNorm(v)),
    (Norm(z * v), Relation.EQ, sp.sqrt(z**2) * Norm(v)),
])
def test_a_false_norm_step_with_complex_entries_is_never_proved(lhs: Any, rel: Relation, rhs: Any) -> None:
    assert _verdict(lhs, rel, rhs) is not Verdict.PROVED


@pytest.mark.parametrize(("lhs", "rel", "rhs"), [
    (Norm(M([[1, sp.I]])), Relation.GE, sp.S.One),
    (Norm(M([[1, sp.I]])), Relation.GT, sp.S.Zero),
    (Norm(M([[sp.I]])), Relation.EQ, sp.S.One),
    (SqNorm(sp.I * v), Relation.EQ, SqNorm(v)),
])
def test_a_true_norm_step_with_complex_entries_is_never_refuted(lhs: Any, rel: Relation, rhs: Any) -> None:
    assert _verdict(lhs, rel, rhs) is not Verdict.REFUTED


def test_real_factors_keep_their_proofs() -> None:
    assert _verdict(SqNorm(t * v), Relation.EQ, t**2 * SqNorm(v)) is Verdict.PROVED
