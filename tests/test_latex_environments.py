"""Matrices written out in a side (symproofs.latex.environments)."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.parser import parse_math

a, b, c, d = sp.symbols("a b c d", real=True)


@pytest.mark.parametrize("env", ["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix"])
def test_a_matrix_written_out_is_an_explicit_matrix(env: str) -> None:
    m = parse_math(f"\\begin{{{env}}} a & b \\\\ c & d \\end{{{env}}}")
    assert m == sp.ImmutableMatrix([[a, b], [c, d]])


def test_products_powers_determinants_and_traces_of_written_matrices() -> None:
    assert parse_math("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}") \
        == sp.ImmutableMatrix([3, 7])
    assert parse_math("\\begin{pmatrix} 1 & 1 \\\\ 0 & 1 \\end{pmatrix}^2") == sp.ImmutableMatrix([[1, 2], [0, 1]])
    assert parse_math("\\det\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}") == -2
    assert parse_math("\\operatorname{tr}\\begin{bmatrix} a & 0 \\\\ 0 & b \\end{bmatrix}") == a + b
    assert sp.expand(parse_math("\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix}") - (a * d - b * c)) == 0
    # a row break before \end closes no row
    assert parse_math("\\begin{pmatrix} 1 & 2 \\\\ \\end{pmatrix}") == sp.ImmutableMatrix([[1, 2]])


@pytest.mark.parametrize(("text", "message"), [
    ("\\begin{pmatrix} 1 & 2 \\\\ 3 \\end{pmatrix}", "same number of entries"),
    ("\\begin{pmatrix} 1 & 2 \\end{bmatrix}", "closed by another environment"),
    ("\\begin{pmatrix} 1 & 2", "without \\end"),
    ("\\begin{tabular} 1 \\end{tabular}", "unsupported environment tabular"),
    ("\\begin{vmatrix} 1 & 2 \\end{vmatrix}", "not square"),
    ("\\begin{pmatrix} 1 & \\\\ 3 & 4 \\end{pmatrix}", "empty entry"),
    ("\\det(A - \\lambda I)", "no declared shape"),
])
def test_a_matrix_that_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("\\", "\\\\")):
        parse_math(text)
