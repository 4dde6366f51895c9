"""DiagMatrix.doit with its assumptions query remembered (symproofs.matrices.diagonal):
the same expressions as sympy's own, each question asked once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sympy as sp
from sympy.assumptions import Q, assuming

import symproofs.matrices.linalg  # noqa: F401  (installs the remembered query)
from symproofs.matrices import diagonal

n = sp.Symbol("n", integer=True, positive=True)
h = sp.MatrixSymbol("h", n, 1)
b = sp.MatrixSymbol("b", n, 1)
U = sp.MatrixSymbol("U", n, n)
W = sp.MatrixSymbol("W", n, n)
x = sp.Symbol("x")


def _cases() -> list[sp.Basic]:
    a = sp.MatrixSymbol("a", 1, 1)
    return [
        U * h + b,
        2 * (U * h),
        (U * h).T,
        sp.ImmutableMatrix([x, 2, 3]),
        sp.ImmutableMatrix([[x]]),
        a,
        sp.Identity(3),
        sp.ZeroMatrix(n, 1),
        W * sp.DiagMatrix(U * h + b) * W,
        sp.DiagMatrix(h) * sp.DiagMatrix(sp.OneMatrix(n, 1) - h) * U,
    ]


@pytest.fixture
def sympy_own() -> Iterator[None]:
    diagonal.uninstall()
    try:
        yield
    finally:
        diagonal.install()


def _built() -> list[sp.Basic]:
    return [sp.DiagMatrix(v).doit() for v in _cases()] + [(W * sp.DiagMatrix(U * h + b) * (U + W)).doit()]


def test_installed_with_the_matrix_layer() -> None:
    import sympy.assumptions

    assert sympy.assumptions.ask is diagonal._ask


def test_same_expressions_as_sympy(sympy_own: None) -> None:
    theirs = _built()
    diagonal.install()
    ours = _built()
    diagonal.uninstall()
    assert ours == theirs


def test_each_question_asked_once() -> None:
    diagonal._asked.cache_clear()
    v = U * h + b
    for _ in range(5):
        sp.DiagMatrix(v).doit()
    info = diagonal._asked.cache_info()
    assert info.misses == 1 and info.hits == 4


def test_answer_follows_the_global_assumptions() -> None:
    """A vector assumed diagonal (a 1 x 1 symbol, say) is asked again under
    other global assumptions: the remembered answer never outlives them."""
    v = sp.MatrixSymbol("v", n, 1)
    assert diagonal.is_diagonal(v) is None
    assert sp.DiagMatrix(v).doit() == sp.DiagMatrix(v)
    with assuming(Q.diagonal(v)):
        assert diagonal.is_diagonal(v) is True
        assert sp.DiagMatrix(v).doit() == v
    assert diagonal.is_diagonal(v) is None
