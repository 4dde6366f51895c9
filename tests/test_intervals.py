"""Exact bounds and comparisons: rationals, roots, norms, eigenvalues,
exponentials; equal irrational values are undecided, never rounded."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproofs.matrices.intervals import Undecided, compare, exact, holds, interval, sign
from symproofs.matrices.linalg import FrobeniusNorm, LargestEigenvalue, MaxAbs, Norm, Sigmoid, UnsetNorm


def test_spectral_norm_is_bounded_exactly() -> None:
    a = sp.ImmutableMatrix([[1, 2], [3, 4]])
    exact = sp.sqrt(max(a.T.multiply(a).eigenvals()))  # sqrt(15 + sqrt(221))
    lo, hi = interval(Norm(a))
    assert lo.is_Rational and hi.is_Rational
    assert lo <= exact <= hi and hi - lo < sp.Rational(1, 10**15)


@pytest.mark.parametrize(("a", "b", "expected"), [
    pytest.param(sp.sqrt(2), sp.Rational(141, 100), 1, id="sqrt2-above"),
    pytest.param(sp.sqrt(2), sp.Rational(142, 100), -1, id="sqrt2-below"),
    pytest.param(sp.Rational(1, 3), sp.Rational(1, 3), 0, id="equal-rationals"),
    pytest.param(Norm(sp.ImmutableMatrix([[3, 0], [0, 1]])), sp.S(3), None, id="equal-irrational-form-undecided"),
    pytest.param(MaxAbs(sp.ImmutableMatrix([-3, 2])), sp.S(3), 0, id="maxabs"),
    pytest.param(LargestEigenvalue(sp.ImmutableMatrix([[2, 1], [1, 2]])), sp.S(3), None, id="eigenvalue-equal"),
    pytest.param(LargestEigenvalue(sp.ImmutableMatrix([[2, 1], [1, 2]])), sp.Rational(299, 100), 1,
                 id="eigenvalue-above"),
])
def test_compare_is_exact_or_undecided(a: Any, b: Any, expected: int | None) -> None:
    got = compare(a, b)
    assert got == expected or (expected is None and got in (None, 0))


def test_non_symmetric_eigenvalue_is_undecided() -> None:
    assert compare(LargestEigenvalue(sp.ImmutableMatrix([[0, 1], [-1, 0]])), sp.S.Zero) is None


@pytest.mark.parametrize(("e", "lo", "hi"), [
    pytest.param(sp.E, sp.Rational(2718, 1000), sp.Rational(2719, 1000), id="e"),
    pytest.param(sp.exp(-2), sp.Rational(1353, 10000), sp.Rational(1354, 10000), id="exp-negative"),
    pytest.param(Sigmoid(sp.S.One), sp.Rational(7310, 10000), sp.Rational(7311, 10000), id="sigmoid"),
    pytest.param(sp.sqrt(sp.Rational(1, 2)), sp.Rational(7071, 10000), sp.Rational(7072, 10000), id="root"),
])
def test_transcendental_values_are_enclosed_by_rationals(e: Any, lo: sp.Rational, hi: sp.Rational) -> None:
    a, b = interval(e)
    assert a.is_Rational and b.is_Rational
    assert lo <= a <= b <= hi


def test_signs_and_relations_are_exact() -> None:
    assert sign(sp.sqrt(2) - sp.Rational(1414, 1000)) == 1
    assert sign((sp.sqrt(2) + 1) ** 2 - 3 - 2 * sp.sqrt(2)) == 0  # expands to 0
    assert sign(sp.Symbol("x")) is None
    assert holds(sp.LessThan, sp.Rational(1, 3), sp.Rational(1, 2)) is True
    assert holds(sp.StrictGreaterThan, sp.exp(1), 3) is False


def test_what_cannot_be_bounded_is_undecided() -> None:
    with pytest.raises(Undecided):
        interval(sp.Symbol("x") ** sp.Rational(1, 3))
    assert compare(sp.sin(1), sp.S.Zero) is None


@pytest.mark.parametrize(("e", "expected"), [
    pytest.param(FrobeniusNorm(sp.MatrixSymbol("A", 2, 2)).xreplace(
        {sp.MatrixSymbol("A", 2, 2): sp.ImmutableMatrix([[1, 2], [2, 0]])}), sp.S(3), id="frobenius-evaluates"),
    pytest.param(Norm(sp.ImmutableMatrix([[1, 0], [0, 1]])), sp.S.One, id="spectral-rational"),
    pytest.param(Norm(sp.ImmutableMatrix([[1, 1], [0, 1]])), sp.sqrt(sp.Rational(3, 2) + sp.sqrt(5) / 2),
                 id="spectral-quadratic"),
    pytest.param(MaxAbs(sp.ImmutableMatrix([-3, 2])), sp.S(3), id="maxabs"),
    pytest.param(Norm(sp.MatrixSymbol("A", 2, 2)), Norm(sp.MatrixSymbol("A", 2, 2)), id="symbolic-kept"),
])
def test_a_counterexample_shows_norms_as_numbers(e: sp.Basic, expected: sp.Basic) -> None:
    assert sp.simplify(exact(e) - expected) == 0


def test_frobenius_norm_is_bounded_exactly() -> None:
    a = sp.ImmutableMatrix([[1, 1], [1, 0]])
    assert compare(FrobeniusNorm(a, evaluate=False), sp.Rational(173, 100)) == 1  # sqrt(3) = 1.7320...
    assert compare(FrobeniusNorm(a, evaluate=False), sp.Rational(174, 100)) == -1
    assert compare(FrobeniusNorm(a, evaluate=False), Norm(a)) == 1  # sqrt(3) > (1 + sqrt 5)/2


def test_a_norm_of_unset_kind_is_bounded_by_both_kinds() -> None:
    """||I_2|| is 1 as the spectral norm and sqrt 2 as the Frobenius norm: the interval holds both."""
    eye = sp.ImmutableMatrix([[1, 0], [0, 1]])
    lo, hi = interval(UnsetNorm(eye))
    assert lo <= 1 and hi >= sp.sqrt(2)
    assert compare(UnsetNorm(eye), sp.S.One) is None
    assert compare(UnsetNorm(eye), sp.S(3)) == -1
    assert exact(UnsetNorm(eye)) == UnsetNorm(eye)
    assert interval(UnsetNorm(sp.ImmutableMatrix([3, 4]))) == interval(Norm(sp.ImmutableMatrix([3, 4])))


def test_a_difference_that_cancels_as_a_polynomial_is_zero_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.matrices import intervals

    a, b = Sigmoid(sp.Rational(1, 4)), Sigmoid(Sigmoid(sp.Rational(-3, 8)) / 2 - sp.Rational(3, 4))
    zero = sp.Add((1 - a) * (b / 2 + a / 4 - 1) * a * b, -(1 - a) * a * (b**2 / 2 + a * b / 4 - b), evaluate=True)
    assert intervals.vanishes(zero)
    assert not intervals.vanishes((1 - a) * a - a)  # -a**2: not zero
    assert not intervals.vanishes(a - a.xreplace({a: a}) + sp.oo * b)  # no value to be 0
    assert intervals.vanishes(sp.S.Zero) and not intervals.vanishes(sp.Rational(1, 3))

    def no_expand(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the polynomial test decides a cancelling difference")

    monkeypatch.setattr(intervals.sp, "expand", no_expand)
    assert sign(zero) == 0
    assert compare(sp.ImmutableMatrix([zero + a]), sp.ImmutableMatrix([a])) == 0


def test_a_difference_with_equal_parts_written_apart_is_still_decided() -> None:
    # sigma(x(1 + 1/2)) and sigma(3x/2) are one number: the polynomial test, which takes them
    # for two unknowns, says nothing; expanding finds the difference 0
    x = Sigmoid(sp.Rational(1, 4))
    e = Sigmoid(sp.Mul(x, sp.Rational(3, 2))) - Sigmoid(sp.Mul(x, 1 + sp.Rational(1, 2), evaluate=False))
    from symproofs.matrices.intervals import vanishes

    assert sign(e) == 0 and (vanishes(e) or sp.expand(e) == 0)


def test_matrices_differ_at_their_first_differing_entry_without_comparing_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.matrices import intervals

    seen: list[Any] = []
    real = intervals.sign

    def counted(e: Any) -> int | None:
        seen.append(e)
        return real(e)

    monkeypatch.setattr(intervals, "sign", counted)
    x = sp.Symbol("x")
    assert compare(sp.ImmutableMatrix([1, 2, x]), sp.ImmutableMatrix([1, 3, 0])) == -1
    assert len(seen) == 2  # the third entry (undecided) is never looked at
    assert compare(sp.ImmutableMatrix([x, 2]), sp.ImmutableMatrix([0, 2])) is None
    assert compare(sp.ImmutableMatrix([x, 2]), sp.ImmutableMatrix([0, 1])) == 1  # a later entry that differs
    assert compare(sp.ImmutableMatrix([1, 2]), sp.ImmutableMatrix([1, 2])) == 0
