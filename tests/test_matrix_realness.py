"""Norms of matrices with entries not known to be real (symproofs.matrices.realness)."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproofs import Chain, Derivation, Given, Relation, Step, check
from symproofs.core.facts import Facts
from symproofs.core.results import Verdict
from symproofs.matrices.linalg import FrobeniusNorm, LargestEigenvalue, Norm, Sigmoid, SqNorm, elementwise
from symproofs.matrices.realness import complex_norm, complex_scalar, sum_of_squares
from symproofs.matrices.space import MatrixAlgebra
from symproofs.matrices.unfolding import EntrywiseAlgebra

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


def test_a_real_entry_is_squared_without_building_its_modulus(monkeypatch: pytest.MonkeyPatch) -> None:
    # Abs of a long real entry asks its sign and normalizes it, all to be squared away
    a, b = sp.symbols("a b", real=True)
    entries = [-a - b, 2 * a * b - 1, sp.Rational(-3, 2), sp.Integer(0)]
    expected = sp.Add(*[sp.Abs(x) ** 2 for x in entries])
    built: list[sp.Basic] = []
    real_abs = sp.Abs

    def spy(x: sp.Basic) -> sp.Basic:
        built.append(x)
        return real_abs(x)

    monkeypatch.setattr(sp, "Abs", spy)
    got = sum_of_squares(entries)
    assert built == []
    assert got == expected
    assert sum_of_squares([-a - b]) == (a + b) ** 2  # the sign taken out, as Abs does
    assert sp.expand(sum_of_squares([z, a + sp.I * b]) - (real_abs(z) ** 2 + a**2 + b**2)) == 0
    assert built == [z, a + sp.I * b]  # entries not known to be real keep their modulus


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


# -- entries made complex by an elementwise function or a power (red team A, round 2, #6) --------------
a = sp.Symbol("a")
c = sp.Symbol("c")
A = sp.MatrixSymbol("A", n, n)
W = sp.MatrixSymbol("w", n, 1)
iv = v.applyfunc(sp.Lambda(a, sp.I * a))  # entries i v_k
root = sp.HadamardPower(v, sp.Rational(1, 2))  # sqrt(v_k), imaginary where v_k < 0
logs = v.applyfunc(sp.Lambda(a, sp.log(a)))
f = sp.Function("f")  # no assumptions: complex-valued
fv = elementwise(f, v)
ones_v = (sp.OneMatrix(1, n) * v)[0, 0]


def _step(lhs: Any, rel: Relation, rhs: Any, *, assumptions: tuple[Any, ...] = (),
          givens: tuple[Given, ...] = (), algebras: tuple[Any, ...] | None = None) -> Any:
    d = Derivation(id="r", title="r", question="Q", assumptions=assumptions, givens=givens,
                   algebras=algebras or (EntrywiseAlgebra(), MatrixAlgebra()),
                   chains=(Chain(start=lhs, steps=(Step(rel, rhs, "norm", tuple(g.name for g in givens)),)),))
    return check(d, isolate=False).chains[0].steps[0]


@pytest.mark.parametrize(("lhs", "rel", "rhs"), [
    (Norm(iv) ** 2, Relation.EQ, -Norm(v) ** 2),                       # = ||v||^2
    (Norm(iv) ** 2 + Norm(v) ** 2, Relation.EQ, sp.S.Zero),
    (SqNorm(root), Relation.EQ, ones_v),                                # |sqrt(-1)|^2 = 1, not -1
    (Norm(root), Relation.EQ, sp.sqrt(ones_v)),
    (Norm(logs) ** 2, Relation.EQ, (logs.T * logs)[0, 0]),              # |log(-1)|^2 = pi^2, not -pi^2
    (Norm(fv) ** 2, Relation.EQ, (fv.T * fv)[0, 0]),                    # f = i: n, not -n
    (SqNorm(v.applyfunc(sp.Lambda(a, sp.asin(a)))), Relation.EQ,
     (v.applyfunc(sp.Lambda(a, sp.asin(a))).T * v.applyfunc(sp.Lambda(a, sp.asin(a))))[0, 0]),
    (SqNorm(v.applyfunc(sp.Lambda(a, sp.sqrt(c) * a))), Relation.EQ, c * SqNorm(v)),  # c < 0 possible
    (SqNorm(sp.HadamardPower(v, sp.Rational(1, 3))), Relation.EQ, (sp.OneMatrix(1, n) * sp.HadamardPower(
        v, sp.Rational(2, 3)))[0, 0]),
    (SqNorm(sp.MatPow(A, sp.Rational(1, 2)) * v), Relation.EQ, (v.T * A * v)[0, 0]),  # A not PSD
    (FrobeniusNorm(sp.MatPow(A, sp.Rational(1, 2))) ** 2, Relation.EQ, sp.Trace(A)),
    (FrobeniusNorm(A.applyfunc(sp.Lambda(a, sp.log(a)))) ** 2, Relation.EQ,
     sp.Trace(A.applyfunc(sp.Lambda(a, sp.log(a))).T * A.applyfunc(sp.Lambda(a, sp.log(a))))),
    (LargestEigenvalue(iv.T * iv), Relation.EQ, Norm(iv) ** 2),        # lambda_1([-1]) = -1 at v = [1]
    (LargestEigenvalue(iv.T * iv), Relation.GE, sp.S.Zero),
])
def test_a_norm_of_entries_made_complex_by_a_function_or_a_power_is_never_proved(
        lhs: Any, rel: Relation, rhs: Any) -> None:
    step = _step(lhs, rel, rhs)
    assert step.verdict is Verdict.UNKNOWN
    assert "not known to be real" in step.message


@pytest.mark.parametrize("rhs", [-SqNorm(v), SqNorm(v)])
def test_a_matrix_given_as_complex_entries_keeps_its_norm_undecided(rhs: Any) -> None:
    given = Given(name="w", statement=sp.Eq(W, iv))
    for algebras in ((EntrywiseAlgebra(), MatrixAlgebra()), (MatrixAlgebra(),), (EntrywiseAlgebra(),)):
        assert _step(SqNorm(W), Relation.EQ, rhs, givens=(given,), algebras=algebras).verdict is Verdict.UNKNOWN


@pytest.mark.parametrize(("lhs", "rhs", "assumptions"), [
    (Norm(elementwise(Sigmoid, v)) ** 2, (elementwise(Sigmoid, v).T * elementwise(Sigmoid, v))[0, 0], ()),
    (SqNorm(v.applyfunc(sp.Lambda(a, sp.exp(a)))),
     (v.applyfunc(sp.Lambda(a, sp.exp(a))).T * v.applyfunc(sp.Lambda(a, sp.exp(a))))[0, 0], ()),
    (SqNorm(sp.HadamardPower(sp.HadamardProduct(v, v), sp.Rational(1, 2))),
     (sp.OneMatrix(1, n) * sp.HadamardProduct(v, v))[0, 0], ()),                  # sqrt of squares: real
    (SqNorm(sp.HadamardPower(v, 2)), (sp.HadamardPower(v, 2).T * sp.HadamardPower(v, 2))[0, 0], ()),
    (SqNorm(v.applyfunc(sp.Lambda(a, sp.sqrt(c) * a))), c * SqNorm(v), (c > 0,)),  # real under the facts
])
def test_norms_of_entries_known_to_be_real_keep_their_proofs(lhs: Any, rhs: Any, assumptions: tuple[Any, ...]) -> None:
    assert _step(lhs, Relation.EQ, rhs, assumptions=assumptions).verdict is Verdict.PROVED


def test_realness_is_decided_node_by_node() -> None:
    assert complex_scalar(iv) == sp.Lambda(a, sp.I * a)
    assert complex_scalar(root) == root
    assert complex_scalar(sp.MatPow(A, sp.Rational(1, 2))) == sp.MatPow(A, sp.Rational(1, 2))
    assert complex_scalar(sp.MatPow(A, -2) * v) is None
    assert complex_scalar(sp.HadamardPower(sp.HadamardProduct(v, v), sp.Rational(1, 2))) is None
    assert complex_scalar(sp.DiagMatrix(v.applyfunc(sp.Lambda(a, sp.exp(a)))) ** sp.Rational(1, 2)) is None
    assert complex_scalar(sp.DiagMatrix(v) ** sp.Rational(1, 2)) is not None
    assert complex_scalar(v.applyfunc(sp.Lambda(a, sp.sqrt(c) * a)), Facts((c >= 0,))) is None
    assert complex_scalar(sp.Transpose(fv) * A) is not None
    assert complex_norm([SqNorm(sp.I * W) + SqNorm(W)]) is not None
    real_f = sp.Function("sigma", real=True)
    slope = sp.DiagMatrix(elementwise(sp.Lambda(a, sp.Derivative(real_f(a), a)), v))  # sigma' of a real sigma
    assert complex_scalar(slope) is None
    assert complex_scalar(sp.DiagMatrix(elementwise(sp.Lambda(a, sp.Derivative(f(a), a)), v))) is not None
