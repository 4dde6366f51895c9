"""Q4. Weight normalization."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.matrices.linalg import Expectation, Grad, Jacobian, Norm, Scalar, ScalarFunction, SqNorm
from symproofs.matrices.space import MatrixAlgebra
from symproofs.matrices.unfolding import EntrywiseAlgebra
from symproofs.probability.space import E, Var

R_ = Relation
n = sp.Symbol("n", integer=True, positive=True)
gamma = sp.Symbol("gamma", positive=True)
beta = sp.Symbol("beta", real=True)
eta = sp.Symbol("eta", positive=True)
s = sp.Symbol("s", positive=True)
u = sp.MatrixSymbol("u", n, 1)
x = sp.MatrixSymbol("x", n, 1)
w = sp.MatrixSymbol("w", n, 1)
W_perp = sp.MatrixSymbol(r"W_{\perp}", n, n)
I_n = sp.Identity(n)
L = ScalarFunction(sp.Symbol("L"), w)
y = Scalar(u.T * x)

ALG = MatrixAlgebra(random=(x,))
W_DEF = Given(name="w", statement=sp.Eq(w, gamma * u / Norm(u)), text=r"$w = \gamma u / \|u\|$")
MEAN = Given(name="mean", statement=sp.Eq(Expectation(x), sp.ZeroMatrix(n, 1)), text=r"$\mathbb{E}[x] = 0$")
SECOND = Given(name="covariance", statement=sp.Eq(Expectation(x * x.T), I_n),
               text=r"$\mathbb{E}[x x^\top] = \operatorname{Cov}(x) + \mathbb{E}[x]\mathbb{E}[x]^\top = I$")
S_DEF = Given(name="s", statement=sp.Eq(s, gamma / Norm(u)), text=r"$s = \gamma / \|u\|$")
P_DEF = Given(name="W_perp", statement=sp.Eq(W_perp, I_n - u * u.T / Norm(u) ** 2),
              text=r"$W_\perp = I - u u^\top / \|u\|^2$")

SETTING = (
    r"Weight normalization writes $w = \gamma u / \|u\|$ with $u \in \mathbb{R}^n$, $u \ne 0$, and a scale "
    r"$\gamma > 0$. The input $x$ has $\mathbb{E}[x] = 0$ and $\operatorname{Cov}(x) = I$; the loss $L$ "
    r"depends on $u$ only through $w$."
)

batchnorm = Derivation(
    id="q4-batch-normalization",
    title="Batch normalization of a linear unit is weight normalization",
    question="Q4.1",
    setting=SETTING,
    algebras=(ALG,),
    givens=(W_DEF, MEAN, SECOND),
    chains=(
        Chain(label="mean", start=E(y), steps=(
            Step(R_.EQ, Scalar(u.T * Expectation(x)), r"linearity: $u$ is not random"),
            Step(R_.EQ, sp.S.Zero, r"$\mathbb{E}[x] = 0$", ("mean",)),
        )),
        Chain(label="variance", start=Var(y), steps=(
            Step(R_.EQ, E(y**2) - E(y) ** 2, r"$\operatorname{Var}(y) = \mathbb{E}[y^2] - \mathbb{E}[y]^2$"),
            Step(R_.EQ, E(y**2), r"$\mu_y = 0$ (above)", ("mean",)),
            Step(R_.EQ, E(Scalar(u.T * x * x.T * u)), r"$y$ is a scalar: $y^2 = (u^\top x)(x^\top u)$"),
            Step(R_.EQ, Scalar(u.T * Expectation(x * x.T) * u), r"linearity: $u$ is not random"),
            Step(R_.EQ, SqNorm(u), r"$\mathbb{E}[x x^\top] = I$", ("covariance",)),
        )),
        Chain(label="normalized output", start=gamma * (y - E(y)) / sp.sqrt(Var(y)) + beta, steps=(
            Step(R_.EQ, gamma * y / Norm(u) + beta, r"$\mu_y = 0$ and $\sigma_y = \sqrt{u^\top u} = \|u\|$",
                 ("mean", "covariance")),
            Step(R_.EQ, Scalar(w.T * x) + beta, r"$w = \gamma u / \|u\|$", ("w",)),
        )),
    ),
)

JACOBIAN = "q4-gradient"

gradient = Derivation(
    id=JACOBIAN,
    title="The gradient with respect to the direction",
    question="Q4.2",
    algebras=(EntrywiseAlgebra(), ALG),
    givens=(W_DEF, S_DEF, P_DEF),
    provides=(Lemma(name="gradient-u", statement=sp.Eq(Grad(L, u), s * W_perp * Grad(L, w)), variables=(),
                    proved_by=JACOBIAN),),
    chains=(
        Chain(label="chain rule", start=Grad(L, u), steps=(
            Step(R_.EQ, Jacobian(w, u).T * Grad(L, w), r"chain rule: $L$ depends on $u$ only through $w$", ("w",)),
            Step(R_.EQ, gamma / Norm(u) * (I_n - u * u.T / Norm(u) ** 2) * Grad(L, w),
                 r"$\partial w / \partial u = \frac{\gamma}{\|u\|}\left(I - \frac{u u^\top}{\|u\|^2}\right)$, "
                 r"a symmetric matrix", ("w",)),
            Step(R_.EQ, s * W_perp * Grad(L, w), r"$s = \gamma/\|u\|$ and the definition of $W_\perp$",
                 ("s", "W_perp")),
        )),
        Chain(label="projection", start=W_perp * u, steps=(
            Step(R_.EQ, u - u * Scalar(u.T * u) / Norm(u) ** 2, r"definition of $W_\perp$", ("W_perp",)),
            Step(R_.EQ, sp.ZeroMatrix(n, 1), r"$u^\top u = \|u\|^2$"),
        )),
    ),
)

_GRADIENT_U = gradient.provides[0]
G_u = Grad(L, u)

growth = Derivation(
    id="q4-norm-growth",
    title="A gradient step never shrinks the direction",
    question="Q4.3",
    algebras=(ALG,),
    givens=(W_DEF, S_DEF, P_DEF),
    lemmas=(_GRADIENT_U,),
    text=(
        r"Since the gradient with respect to $u$ is orthogonal to $u$, a step $u' = u - \eta \nabla_u L$ "
        r"adds $\eta^2 \|\nabla_u L\|^2$ to $\|u\|^2$: the norm of $u$ never decreases, and it grows faster "
        r"with a larger learning rate. A growing $\|u\|$ in turn scales the effective step "
        r"$\gamma/\|u\|$ down."
    ),
    chains=(
        Chain(label="norm after the step", start=SqNorm(u - eta * G_u), steps=(
            Step(R_.EQ, SqNorm(u) - 2 * eta * Scalar(u.T * G_u) + eta**2 * SqNorm(G_u), "expand the square"),
            Step(R_.EQ, SqNorm(u) - 2 * eta * s * Scalar(u.T * W_perp * Grad(L, w)) + eta**2 * SqNorm(G_u),
                 r"the gradient of Q4.2", ("gradient-u",)),
            Step(R_.EQ, SqNorm(u) + eta**2 * SqNorm(G_u), r"$u^\top W_\perp = (W_\perp u)^\top = 0$",
                 ("s", "W_perp")),
            Step(R_.GE, SqNorm(u), r"$\eta^2 \|\nabla_u L\|^2 \ge 0$"),
        )),
        Chain(label="growth with the learning rate", start=sp.Derivative(eta**2 * SqNorm(G_u), eta), steps=(
            Step(R_.EQ, 2 * eta * SqNorm(G_u), r"differentiate in $\eta$"),
            Step(R_.GE, sp.S.Zero, r"$\eta > 0$"),
        )),
    ),
)

DERIVATIONS = (batchnorm, gradient, growth)
