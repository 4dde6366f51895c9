"""Tests of the reader's vocabulary (symproofs.latex.vocabulary): a 1 x 1 product beside a vector is a scalar."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.latex.parser import Notation, parse_math
from symproofs.latex.vocabulary import scalar_factors
from symproofs.matrices.linalg import Scalar

n = sp.Symbol("n", positive=True, integer=True)
u, x = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("x", n, 1)
VECTORS = Notation(matrices={"u": ("n",), "x": ("n",), "W": ("n", "n")})


def test_a_one_by_one_run_before_a_vector_is_a_scalar() -> None:
    # (u^T x) u: a number times a vector, never a (1 x 1)(n x 1) product
    assert scalar_factors([u.T * x, u]) == [Scalar(u.T * x), u]
    assert scalar_factors([u.T, sp.Integer(2), x, u]) == [Scalar(u.T * x), sp.Integer(2), u]
    assert scalar_factors([u, u.T * x]) == [u, u.T * x]  # u (u^T x): the shapes fit, left as written
    assert scalar_factors([u, u.T, u]) == [u, u.T, u]  # u u^T u: a vector


def test_factors_no_reading_fits_are_left_as_written() -> None:
    w = sp.MatrixSymbol("W", n, n)
    assert scalar_factors([u, w]) == [u, w]  # (n x 1)(n x n): ill-shaped whatever is a scalar


def test_a_fraction_of_scalars_times_a_vector_reads_as_a_vector() -> None:
    read = parse_math(r"x - \frac{u^\top x}{\|u\|^2} u", notation=VECTORS)
    assert isinstance(read, sp.MatrixExpr) and read.shape == (n, 1)
    assert read.has(Scalar)
    assert parse_math(r"u^\top x \, u", notation=VECTORS).shape == (n, 1)


@pytest.mark.parametrize(
    "text",
    [
        r"(\sum_{k=4}^{m} k) x",
        r"x (\sum_{k=4}^{m} k)",
        r"(\sum_{k=4}^{m} k) \cdot x",
        r"\frac{\sum_{k=4}^{m} k}{2} x",
        r"- (\sum_{k=4}^{m} k) x",
        r"(\sum_{k=4}^{m} k)^2 x",
        r"(\prod_{k=4}^{m} k) x",
        r"\frac{(\sum_{k=4}^{m} k) x}{2}",
    ],
)
def test_a_sum_beside_a_vector_keeps_the_empty_range_convention(text: str) -> None:
    # sympy's MatMul(...).doit() closes the sum with Karr's convention (m^2/2 + m/2 - 6, i.e. -5 at m = 1);
    # an empty range is 0 (a product's 1) for every m <= 3: the sum is kept, and valued with that convention
    from symproofs.verifier.points import settled

    e = parse_math(text, notation=VECTORS)
    assert isinstance(e, sp.MatMul), e
    coeff = sp.Mul(*(a for a in e.args if not isinstance(a, sp.MatrixExpr)))
    (m,) = (s for s in coeff.free_symbols if s.name == "m")
    for value in range(-2, 7):
        terms = range(4, value + 1)
        written = sp.Integer(sum(terms)) if "sum" in text else sp.prod(terms, start=sp.Integer(1))
        written = written**2 if "^2" in text else written
        written = -written if text.startswith("-") else written
        written = written / 2 if "frac" in text else written
        assert sp.simplify(settled(coeff, {m: sp.Integer(value)}) - written) == 0, (text, value)


def test_a_reversed_numeric_range_beside_a_matrix_is_kept() -> None:
    # Karr's convention makes it -4 W; the sum is kept for the verifier's empty-range convention (0)
    e = parse_math(r"(\sum_{k=5}^{3} k) W", notation=VECTORS)
    assert e.has(sp.Sum) and isinstance(e, sp.MatMul)
