"""Whether a concrete point is in a matrix step's domain: its denominators."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Given
from symproofs.matrices.domain import definitions_used, undefined_at
from symproofs.matrices.linalg import Norm, SqNorm

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
