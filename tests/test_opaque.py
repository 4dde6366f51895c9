r"""Opaque values: a derivative whose value is not certain stays a function of
the names it is written in (``dL/du_k`` depends on ``k``), so that a sum over
``k`` never takes it out as a constant and a Kronecker delta sums it out."""

from __future__ import annotations

import pickle

import sympy as sp

from symproofs.verifier.opaque import Unevaluated, UnevaluatedAt, has_opaque, opaque

n = sp.Symbol("n", integer=True, positive=True)
i, k = sp.Symbol("i", integer=True), sp.Symbol("k", integer=True)
L = sp.Symbol("L", real=True)
u = sp.MatrixSymbol("u", n, 1)


def test_an_opaque_derivative_by_an_entry_depends_on_the_entry_index() -> None:
    at_k = opaque(sp.Derivative(L, u[k - 1, 0]))
    assert isinstance(at_k, UnevaluatedAt) and k in at_k.free_symbols
    # the same derivative at another index is the same unknown function at that index
    assert at_k.xreplace({k: i}) == opaque(sp.Derivative(L, u[i - 1, 0]))
    assert at_k != opaque(sp.Derivative(L, u[i - 1, 0]))


def test_a_sum_over_the_index_keeps_it_and_a_delta_sums_it_out() -> None:
    term = opaque(sp.Derivative(L, u[k - 1, 0]))
    weighted = sp.Sum(k * term, (k, 1, n)) - sp.Sum((n + 1 - k) * term, (k, 1, n))
    assert sp.simplify(weighted) != 0  # sum_k k a_k is not sum_k (n + 1 - k) a_k
    picked = sp.Sum(sp.KroneckerDelta(i, k) * term, (k, 1, n)).doit()
    assert picked.has(opaque(sp.Derivative(L, u[i - 1, 0])))


def test_an_opaque_value_is_recognised_printed_and_pickled() -> None:
    at_k = opaque(sp.Derivative(L, u[k - 1, 0]))
    assert has_opaque(at_k + 1) and has_opaque((sp.S.One, at_k)) and not has_opaque(L + k)
    assert sp.sstr(at_k) == "_Derivative(L, u[k - 1, 0])"
    assert pickle.loads(pickle.dumps(at_k)) == at_k


def test_a_value_written_in_no_name_is_an_opaque_number() -> None:
    x = sp.Symbol("x", real=True)
    at_zero = opaque(sp.Subs(sp.Derivative(sp.Abs(x), x), x, 0))  # |x|' at 0: x is bound
    assert isinstance(at_zero, Unevaluated) and has_opaque(at_zero)
    # dL/dx depends on x, the point it is taken at (sympy counts no x in it)
    assert x in opaque(sp.Derivative(L, x)).free_symbols
