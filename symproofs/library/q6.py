"""Q6. Bidirectional recurrent network: gradients through time."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Relation, Step
from symproofs.matrices.linalg import Grad, Jacobian, MatSum, Sequence, Sigmoid, SqNorm, diag, elementwise, hadamard
from symproofs.matrices.space import MatrixAlgebra, Unroll
from symproofs.matrices.unfolding import EntrywiseAlgebra

R_ = Relation
n, m, q = sp.symbols("n m q", integer=True, positive=True)
t = sp.Symbol("t", integer=True, positive=True)
T = sp.Symbol("T", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
Wf, Wb = sp.MatrixSymbol("W_f", n, m), sp.MatrixSymbol("W_b", n, m)
Uf, Ub = sp.MatrixSymbol("U_f", n, n), sp.MatrixSymbol("U_b", n, n)
Vf, Vb = sp.MatrixSymbol("V_f", q, n), sp.MatrixSymbol("V_b", q, n)
hf, hb = Sequence("h^f", n), Sequence("h^b", n)
x, y, z = Sequence("x", m), Sequence("y", q), Sequence("z", q)
L = sp.Symbol("L", real=True)
ones = sp.OneMatrix(n, 1)


def s(v: sp.Basic) -> sp.Basic:
    """The logistic sigmoid, entrywise."""
    return elementwise(Sigmoid, v)


def ds(h: sp.Basic) -> sp.Basic:
    """``diag(s'(a)) = diag(h (1 - h))`` for ``h = s(a)``."""
    return diag(hadamard(h, ones - h))


#: gradients through the unrolled graph, proved entrywise for every shape and every T
ENTRIES = EntrywiseAlgebra()
ALG = MatrixAlgebra(
    max_dim=2,
    unroll=Unroll(horizon=T, length=3, ranges=((t, sp.S.One, T),), boundary=(hf[0], hb[T + 1])),
)
GIVENS = (
    Given(name="forward", statement=sp.Eq(hf[k], s(Wf * x[k] + Uf * hf[k - 1])), index=k, valid_from=1,
          text=r"$h^f_t = s(W_f x_t + U_f h^f_{t-1})$, from $h^f_0$"),
    Given(name="backward", statement=sp.Eq(hb[k], s(Wb * x[k] + Ub * hb[k + 1])), index=k, valid_to=T,
          text=r"$h^b_t = s(W_b x_t + U_b h^b_{t+1})$, from $h^b_{T+1}$"),
    Given(name="output", statement=sp.Eq(y[k], Vf * hf[k] + Vb * hb[k]), index=k,
          text=r"$y_t = V_f h^f_t + V_b h^b_t$"),
    Given(name="loss", statement=sp.Eq(L, sp.Sum(SqNorm(z[k] - y[k]), (k, 1, T))),
          text=r"$L = \sum_{t=1}^{T} \|z_t - y_t\|^2$"),
)
TIME = (sp.Le(t, T),)

SETTING = (
    r"A bidirectional recurrent network over $t = 1, \dots, T$: a forward state "
    r"$h^f_t = s(W_f x_t + U_f h^f_{t-1})$ from $h^f_0$, a backward state "
    r"$h^b_t = s(W_b x_t + U_b h^b_{t+1})$ from $h^b_{T+1}$, outputs $y_t = V_f h^f_t + V_b h^b_t$ and the "
    r"loss $L = \sum_t \|z_t - y_t\|^2$; $s$ is the logistic sigmoid, applied entrywise, with "
    r"$s' = s(1 - s)$. A gradient with respect to a state is the total derivative: every later "
    r"dependency through time is included. Gradients of states past the ends are zero."
)

forward = Derivation(
    id="q6-forward-states",
    title="Backpropagation through the forward states",
    question="Q6.2",
    setting=SETTING,
    algebras=(ENTRIES, ALG),
    assumptions=TIME,
    givens=GIVENS,
    chains=(
        Chain(start=Grad(L, hf[t]), steps=(
            Step(R_.EQ, Jacobian(y[t], hf[t]).T * Grad(L, y[t]) + Jacobian(hf[t + 1], hf[t]).T * Grad(L, hf[t + 1]),
                 r"$h^f_t$ reaches $L$ only through $y_t$ and $h^f_{t+1}$ (chain rule)",
                 ("forward", "output", "loss")),
            Step(R_.EQ, Vf.T * (2 * (y[t] - z[t])) + (ds(hf[t + 1]) * Uf).T * Grad(L, hf[t + 1]),
                 r"$\partial y_t/\partial h^f_t = V_f$, $\nabla_{y_t} L = 2(y_t - z_t)$ and "
                 r"$\partial h^f_{t+1}/\partial h^f_t = \operatorname{diag}(s'(\cdot)) U_f$ with $s' = s(1-s)$",
                 ("forward", "output", "loss")),
            Step(R_.EQ, 2 * Vf.T * (y[t] - z[t]) + Uf.T * ds(hf[t + 1]) * Grad(L, hf[t + 1]),
                 r"transpose of a product; a diagonal matrix is symmetric"),
        )),
    ),
)

backward = Derivation(
    id="q6-backward-states",
    title="Backpropagation through the backward states",
    question="Q6.3",
    algebras=(ENTRIES, ALG),
    assumptions=TIME,
    givens=GIVENS,
    chains=(
        Chain(start=Grad(L, hb[t]), steps=(
            Step(R_.EQ, Jacobian(y[t], hb[t]).T * Grad(L, y[t]) + Jacobian(hb[t - 1], hb[t]).T * Grad(L, hb[t - 1]),
                 r"$h^b_t$ reaches $L$ only through $y_t$ and $h^b_{t-1}$ (chain rule)",
                 ("backward", "output", "loss")),
            Step(R_.EQ, 2 * Vb.T * (y[t] - z[t]) + Ub.T * ds(hb[t - 1]) * Grad(L, hb[t - 1]),
                 r"$\partial y_t/\partial h^b_t = V_b$ and "
                 r"$\partial h^b_{t-1}/\partial h^b_t = \operatorname{diag}(s'(\cdot))\, U_b$ "
                 r"with $s'(\cdot) = h^b_{t-1} \odot (1 - h^b_{t-1})$",
                 ("backward", "output", "loss")),
        )),
    ),
)

weights = Derivation(
    id="q6-weights",
    title="Gradients of the input and recurrent weights",
    question="Q6.4",
    algebras=(ENTRIES, ALG),
    givens=GIVENS,
    chains=(
        Chain(label="input weights of the forward state", start=Grad(L, Wf), steps=(
            Step(R_.EQ, MatSum(ds(hf[k]) * Grad(L, hf[k]) * x[k].T, (k, 1, T)),
                 r"$W_f$ enters every $h^f_t$ through $a_t = W_f x_t + U_f h^f_{t-1}$, and "
                 r"$\nabla_{a_t} L = \operatorname{diag}(h^f_t \odot (1 - h^f_t)) \nabla_{h^f_t} L$",
                 ("forward", "output", "loss")),
        )),
        Chain(label="recurrent weights of the backward state", start=Grad(L, Ub), steps=(
            Step(R_.EQ, MatSum(ds(hb[k]) * Grad(L, hb[k]) * hb[k + 1].T, (k, 1, T)),
                 r"$U_b$ enters every $h^b_t$ through $W_b x_t + U_b h^b_{t+1}$",
                 ("backward", "output", "loss")),
        )),
    ),
)

DERIVATIONS = (forward, backward, weights)
