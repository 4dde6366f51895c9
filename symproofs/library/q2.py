"""Q2. Dropout on the input of linear regression versus weight decay."""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.matrices.linalg import DiagSqrt, Expectation, Grad, Jacobian, Scalar, SqNorm, hadamard
from symproofs.matrices.space import MatrixAlgebra
from symproofs.matrices.unfolding import EntrywiseAlgebra
from symproofs.probability.space import E

R_ = Relation
n, d = sp.symbols("n d", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True)
p = sp.Symbol("p", positive=True)
lam = sp.Symbol("lambda", nonnegative=True)
X = sp.MatrixSymbol("X", n, d)
R = sp.MatrixSymbol("R", n, d)
w = sp.MatrixSymbol("w", d, 1)
v = sp.MatrixSymbol("v", d, 1)
y = sp.MatrixSymbol("y", n, 1)
Gamma = sp.MatrixSymbol(r"\Gamma", d, d)
I_d = sp.Identity(d)
XR = hadamard(X, R)
EL = sp.Symbol(r"\mathbb{E}_R L", real=True)

ALG = MatrixAlgebra(masks={R: p})
#: entrywise proofs at symbolic n, d (the mask identities of Q2.1 and Q2.2)
ENTRIES = EntrywiseAlgebra(masks={R: p})
GAMMA = Given(name="Gamma", statement=sp.Eq(Gamma, DiagSqrt(X.T * X)),
              text=r"$\Gamma = \operatorname{diag}(X^\top X)^{1/2}$, diagonal")
KEEP = (sp.Le(p, 1),)

SETTING = (
    r"$X$ is $n \times d$, $w$ is $d \times 1$, $y$ is $n \times 1$. Dropout on the input multiplies $X$ "
    r"entrywise by a mask $R$ whose entries are i.i.d. Bernoulli($p$) (1 = keep), $0 < p \le 1$; "
    r"$\Gamma = \operatorname{diag}(X^\top X)^{1/2}$."
)

loss = Derivation(
    id="q2-loss",
    title="The dropout loss in matrix form",
    question="Q2.1",
    setting=SETTING,
    algebras=(ENTRIES, ALG),
    assumptions=KEEP,
    chains=(
        # entries counted from 1, as the course writes them: X_{ij} is X[i - 1, j - 1]
        Chain(start=sp.Sum((sp.Sum(X[i - 1, j - 1] * R[i - 1, j - 1] * w[j - 1, 0], (j, 1, d)) - y[i - 1, 0]) ** 2,
                           (i, 1, n)),
              steps=(
                  Step(R_.EQ, sp.Sum((MatrixElement(XR * w, i - 1, 0) - y[i - 1, 0]) ** 2, (i, 1, n)),
                       r"$R_{ij} X_{ij}$ is the $(i, j)$ entry of $X \odot R$, and the inner sum is "
                       r"row $i$ of $(X \odot R) w$"),
                  Step(R_.EQ, SqNorm(XR * w - y), r"a sum of squared entries is the squared norm"),
              )),
    ),
)

MOMENTS = "q2-mask-moments"

moments = Derivation(
    id=MOMENTS,
    title="First and second moments of the masked design",
    question="Q2.2",
    algebras=(ENTRIES, ALG),
    assumptions=KEEP,
    givens=(GAMMA,),
    provides=(
        Lemma(name="mask-mean", statement=sp.Eq(Expectation(XR), p * X), variables=(), proved_by=MOMENTS),
        Lemma(name="mask-gram", statement=sp.Eq(Expectation(XR.T * XR), p**2 * X.T * X + p * (1 - p) * Gamma**2),
              variables=(), proved_by=MOMENTS),
    ),
    chains=(
        Chain(label="mean", start=Expectation(XR), steps=(
            Step(R_.EQ, p * X, r"$X \odot R$ is linear in $R$ and $\mathbb{E}[R_{ij}] = p$"),
        )),
        Chain(label="second moment", start=Expectation(XR.T * XR), steps=(
            Step(R_.EQ, p**2 * X.T * X + p * (1 - p) * sp.DiagonalMatrix(X.T * X),
                 r"entry $(j, k)$ is $\sum_i X_{ij} X_{ik} \mathbb{E}[R_{ij} R_{ik}]$: "
                 r"$p^2$ for $j \ne k$ (independent entries), $p$ for $j = k$ ($R_{ij}^2 = R_{ij}$)"),
            Step(R_.EQ, p**2 * X.T * X + p * (1 - p) * Gamma**2,
                 r"$\Gamma^2 = \operatorname{diag}(X^\top X)$", ("Gamma",)),
        )),
    ),
)

_LEMMA_MEAN, _LEMMA_GRAM = moments.provides

expected = Derivation(
    id="q2-expected-loss",
    title="The expected dropout loss is a ridge-like objective",
    question="Q2.3",
    algebras=(ALG,),
    assumptions=KEEP,
    givens=(GAMMA,),
    lemmas=(_LEMMA_GRAM,),
    chains=(
        Chain(start=E(SqNorm(XR * w - y)), steps=(
            Step(R_.EQ, E(Scalar(w.T * XR.T * XR * w) - 2 * Scalar(y.T * XR * w) + Scalar(y.T * y)),
                r"expand the square; $w^\top (X \odot R)^\top y$ is a scalar, equal to its transpose"),
            Step(R_.EQ, Scalar(w.T * Expectation(XR.T * XR) * w) - 2 * Scalar(y.T * Expectation(XR) * w)
                 + Scalar(y.T * y),
                 r"linearity of expectation: $w$, $y$ and $X$ are not random"),
            Step(R_.EQ, Scalar(w.T * (p**2 * X.T * X + p * (1 - p) * Gamma**2) * w) - 2 * p * Scalar(y.T * X * w)
                 + Scalar(y.T * y),
                 r"the moments of Q2.2", ("mask-gram",)),
            Step(R_.EQ, SqNorm(y - p * X * w) + p * (1 - p) * SqNorm(Gamma * w),
                 r"$\|y - pXw\|^2 = y^\top y - 2p\, y^\top X w + p^2 w^\top X^\top X w$, and "
                 r"$w^\top \Gamma^2 w = \|\Gamma w\|^2$ because $\Gamma$ is diagonal", ("Gamma",)),
        )),
    ),
)

MINIMIZER = Given(name="expected-loss", statement=sp.Eq(EL, SqNorm(y - p * X * w) + p * (1 - p) * SqNorm(Gamma * w)),
                  text="the expected loss of Q2.3")
LAMBDA = Given(name="lambda", statement=sp.Eq(lam, (1 - p) / p), text=r"$\lambda = (1 - p)/p$")
H_DROP = 2 * p**2 * X.T * X + 2 * p * (1 - p) * Gamma**2

dropout_minimizer = Derivation(
    id="q2-dropout-minimizer",
    title="Minimizing the expected dropout loss",
    question="Q2.4",
    algebras=(ALG,),
    assumptions=KEEP,
    givens=(GAMMA, MINIMIZER, LAMBDA),
    chains=(
        Chain(label="gradient", start=Grad(EL, w), steps=(
            Step(R_.EQ, -2 * p * X.T * (y - p * X * w) + 2 * p * (1 - p) * Gamma**2 * w,
                 r"$\nabla_w \|y - pXw\|^2 = -2p X^\top (y - pXw)$ and "
                 r"$\nabla_w \|\Gamma w\|^2 = 2 \Gamma^2 w$ ($\Gamma$ symmetric)", ("expected-loss", "Gamma")),
        )),
        Chain(label="stationary point", start=sp.Eq(Grad(EL, w), sp.ZeroMatrix(d, 1)), steps=(
            Step(R_.IFF, sp.Eq(-2 * p * X.T * (y - p * X * w) + 2 * p * (1 - p) * Gamma**2 * w, sp.ZeroMatrix(d, 1)),
                 "the gradient above", ("expected-loss", "Gamma")),
            Step(R_.IFF, sp.Eq(p * X.T * X * w + (1 - p) * Gamma**2 * w, X.T * y),
                 r"divide by $2p > 0$ and move $X^\top y$ to the right"),
            Step(R_.IFF, sp.Eq((X.T * X + lam * Gamma**2) * (p * w), X.T * y),
                 r"factor out $p w$, with $\lambda = (1-p)/p$", ("lambda",)),
        )),
        Chain(label="Hessian", start=Jacobian(Grad(EL, w), w), steps=(
            Step(R_.EQ, H_DROP, "differentiate the gradient once more", ("expected-loss", "Gamma")),
        )),
        Chain(label="positive semi-definite", start=Scalar(v.T * H_DROP * v), steps=(
            Step(R_.EQ, 2 * p**2 * SqNorm(X * v) + 2 * p * (1 - p) * SqNorm(Gamma * v),
                 r"$v^\top X^\top X v = \|Xv\|^2$ and $v^\top \Gamma^2 v = \|\Gamma v\|^2$", ("Gamma",)),
            Step(R_.GE, sp.S.Zero, r"squared norms with weights $2p^2 \ge 0$ and $2p(1-p) \ge 0$ for $0 < p \le 1$"),
        )),
        Chain(label="regularization strength", start=sp.Derivative((1 - p) / p, p), steps=(
            Step(R_.EQ, -1 / p**2, r"differentiate $\lambda(p) = 1/p - 1$"),
            Step(R_.LT, sp.S.Zero, r"$p^2 > 0$: $\lambda$ decreases as $p$ grows, and $\lambda(1) = 0$"),
        )),
    ),
)

RIDGE = Given(name="ridge", statement=sp.Eq(sp.Symbol("L", real=True),
                                            SqNorm(y - X * w) / 2 + lam * SqNorm(w) / 2),
              text=r"$L = \tfrac12 \|y - Xw\|^2 + \tfrac12 \lambda \|w\|^2$")
L_RIDGE = sp.Symbol("L", real=True)
M_RIDGE = X.T * X + lam * I_d

ridge = Derivation(
    id="q2-ridge",
    title="Ridge regression: gradient, minimizer, Hessian",
    question="Q2.5",
    algebras=(ALG,),
    assumptions=(sp.Gt(lam, 0),),
    givens=(RIDGE,),
    chains=(
        Chain(label="gradient", start=Grad(L_RIDGE, w), steps=(
            Step(R_.EQ, -X.T * (y - X * w) + lam * w, "differentiate both squared norms", ("ridge",)),
            Step(R_.EQ, -X.T * y + M_RIDGE * w, r"collect the terms in $w$"),
        )),
        Chain(label="minimizer", start=sp.Eq(Grad(L_RIDGE, w), sp.ZeroMatrix(d, 1)), steps=(
            Step(R_.IFF, sp.Eq(M_RIDGE * w, X.T * y), "the gradient above", ("ridge",)),
            Step(R_.IFF, sp.Eq(w, M_RIDGE.I * X.T * y),
                 r"$X^\top X + \lambda I$ is positive definite for $\lambda > 0$, hence invertible"),
        )),
        Chain(label="Hessian", start=Jacobian(Grad(L_RIDGE, w), w), steps=(
            Step(R_.EQ, M_RIDGE, "differentiate the gradient once more", ("ridge",)),
        )),
        Chain(label="positive semi-definite", start=Scalar(v.T * M_RIDGE * v), steps=(
            Step(R_.EQ, SqNorm(X * v) + lam * SqNorm(v), r"$v^\top X^\top X v = \|Xv\|^2$"),
            Step(R_.GE, sp.S.Zero, r"a sum of squared norms with nonnegative weights"),
        )),
    ),
)

comparison = Derivation(
    id="q2-comparison",
    title="Dropout as a feature-scaled ridge penalty",
    question="Q2.6",
    algebras=(ALG,),
    assumptions=KEEP,
    givens=(GAMMA,),
    text=(
        r"Weight decay adds $\tfrac12\lambda\|w\|^2$ and shrinks every coordinate alike. Dropout on the "
        r"input, in expectation, adds $p(1-p)\|\Gamma w\|^2 = p(1-p)\sum_j (X^\top X)_{jj} w_j^2$: a ridge "
        r"penalty in which coordinate $j$ is weighted by the squared norm of feature column $j$, so "
        r"features with large values are shrunk more. The normal equations "
        r"$(X^\top X + \lambda \Gamma^2)(p w) = X^\top y$ are those of this weighted ridge for the "
        r"rescaled weights $p w$, with strength $\lambda = (1-p)/p$: more dropout (smaller $p$) means "
        r"more regularization, and $p = 1$ means none."
    ),
    chains=(
        Chain(start=p * (1 - p) * SqNorm(Gamma * w), steps=(
            Step(R_.EQ, p * (1 - p) * Scalar(w.T * sp.DiagonalMatrix(X.T * X) * w),
                 r"$\Gamma^2 = \operatorname{diag}(X^\top X)$ weighs $w_j^2$ by $(X^\top X)_{jj}$", ("Gamma",)),
        )),
    ),
)

DERIVATIONS = (loss, moments, expected, dropout_minimizer, ridge, comparison)
