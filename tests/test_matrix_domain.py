"""Whether a concrete point is in a matrix step's domain: its denominators."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Given
from symproofs.matrices.domain import definitions_used, random_outside_moments, undefined_at
from symproofs.matrices.linalg import Expectation, Norm, Scalar, SqNorm
from symproofs.probability.variables import E, Var

n = sp.Symbol("n", integer=True, positive=True)
gamma = sp.Symbol("gamma", real=True)
u, v, w, x = (sp.MatrixSymbol(s, n, 1) for s in "uvwx")
WEIGHT = Given(name="weight", statement=sp.Eq(w, gamma / Norm(u) * u))
SHIFTED = Given(name="shifted", statement=sp.Eq(v, w + u))


def test_the_definitions_a_side_uses_directly_or_through_another() -> None:
    assert definitions_used([SqNorm(w)], [WEIGHT, SHIFTED]) == [WEIGHT.statement.rhs]
    assert set(definitions_used([SqNorm(v)], [WEIGHT, SHIFTED])) == {WEIGHT.statement.rhs, SHIFTED.statement.rhs}
    assert definitions_used([SqNorm(u)], [WEIGHT, SHIFTED]) == []


def test_a_zero_denominator_or_one_without_a_value_is_undefined() -> None:
    side = gamma / Norm(u)
    assert undefined_at([side], lambda e: sp.S.Zero)
    assert not undefined_at([side], lambda e: sp.Integer(2))
    assert undefined_at([side], lambda e: sp.Symbol("z"))  # not a number: nothing shows it is not 0

    def fails(e: sp.Basic) -> sp.Basic:
        raise ValueError(e)

    assert undefined_at([side], fails)
    assert not undefined_at([gamma * Norm(u)], fails)  # no denominator: nothing to evaluate
    assert undefined_at([sp.Integer(1) / Norm(x)], lambda e: sp.Integer(1), random=[x])  # 0 at some outcome?
    assert undefined_at([(gamma, sp.Integer(1) / (1 - sp.sin(1) ** 2 - sp.cos(1) ** 2))], lambda e: e)


def test_a_random_matrix_inside_a_moment_is_averaged_over() -> None:
    y = Scalar(u.T * x)
    assert random_outside_moments(y, [x])
    assert random_outside_moments(E(y) + y, [x])
    assert not random_outside_moments(sp.sqrt(Var(y)), [x])
    assert not random_outside_moments(Scalar(u.T * Expectation(x * x.T) * u), [x])
    assert not random_outside_moments(SqNorm(u), [x])


def test_a_standard_deviation_in_a_denominator_is_decided_by_its_value() -> None:
    side = (Scalar(u.T * x) - E(Scalar(u.T * x))) / sp.sqrt(Var(Scalar(u.T * x)))
    assert not undefined_at([side], lambda e: sp.Integer(2), random=[x])
    assert undefined_at([side], lambda e: sp.S.Zero, random=[x])  # a variance 0 in the model: no value
    assert undefined_at([sp.Integer(1) / (Scalar(u.T * x) + E(Scalar(u.T * x)))], lambda e: sp.Integer(1), random=[x])


def test_a_denominator_inside_an_expectation_must_be_nonzero_at_every_outcome() -> None:
    side = E(Scalar(u.T * x) ** -2)
    assert undefined_at([side], lambda e: sp.Integer(1), random=[x])  # the outcomes are not known
    assert not undefined_at([side], lambda e: sp.Integer(1), random=[x],
                            everywhere=lambda e: [sp.Integer(1), sp.Integer(-3)])
    assert undefined_at([side], lambda e: sp.Integer(1), random=[x],
                        everywhere=lambda e: [sp.Integer(1), sp.S.Zero])  # 0 at one outcome: E has no value
