"""Tests of the reader's vocabulary (symproofs.latex.vocabulary): a 1 x 1 product beside a vector is a scalar."""

from __future__ import annotations

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
