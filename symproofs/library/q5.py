"""Q5. Activations and vanishing gradients in a recurrent network."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.matrices.linalg import Jacobian, LargestEigenvalue, MaxAbs, Norm, Sequence, diag, elementwise
from symproofs.matrices.space import MatrixAlgebra

R_ = Relation
n, m = sp.symbols("n m", integer=True, positive=True)
t = sp.Symbol("t", integer=True, positive=True)
T = sp.Symbol("T", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
gamma = sp.Symbol("gamma", positive=True)
delta = sp.Symbol("delta", nonnegative=True)
W = sp.MatrixSymbol("W", n, n)
U = sp.MatrixSymbol("U", n, m)
b = sp.MatrixSymbol("b", n, 1)
h = Sequence("h", n)
g = Sequence("g", n)
x = Sequence("x", m)
sigma = sp.Function("sigma", real=True)
dsigma = sp.Function(r"sigma'", real=True)

ALG = MatrixAlgebra(derivatives={sigma: dsigma})
H_DEF = Given(name="recurrence", statement=sp.Eq(h[k], W * elementwise(sigma, h[k - 1]) + U * x[k] + b),
              index=k, valid_from=1, text=r"$h_t = W \sigma(h_{t-1}) + U x_t + b$ for every $t \ge 1$")
G_DEF = Given(name="g", statement=sp.Eq(g[k], elementwise(sigma, W * g[k - 1] + U * x[k] + b)),
              index=k, valid_from=1, text=r"$g_t = \sigma(W g_{t-1} + U x_t + b)$ for every $t \ge 1$")
D = diag(elementwise(dsigma, h[t - 1]))

SETTING = (
    r"A recurrent network $h_t = W \sigma(h_{t-1}) + U x_t + b$ with $h_t \in \mathbb{R}^n$, "
    r"$x_t \in \mathbb{R}^m$ and an elementwise differentiable activation $\sigma$; $\|\cdot\|$ is the "
    r"Euclidean norm of a vector and the spectral norm of a matrix."
)

post_activation = Derivation(
    id="q5-post-activation",
    title="The post-activation recurrence",
    question="Q5.1",
    setting=SETTING,
    algebras=(ALG,),
    givens=(H_DEF, G_DEF,
            Given(name="hypothesis", statement=sp.Eq(g[t - 1], elementwise(sigma, h[t - 1])),
                  text=r"induction hypothesis $g_{t-1} = \sigma(h_{t-1})$")),
    chains=(
        Chain(label="induction step", start=g[t], steps=(
            Step(R_.EQ, elementwise(sigma, W * g[t - 1] + U * x[t] + b), r"definition of $g_t$", ("g",)),
            Step(R_.EQ, elementwise(sigma, W * elementwise(sigma, h[t - 1]) + U * x[t] + b),
                 "induction hypothesis", ("hypothesis",)),
            Step(R_.EQ, elementwise(sigma, h[t]), r"the argument is $h_t$", ("recurrence",)),
        )),
    ),
)

jacobian = Derivation(
    id="q5-jacobian",
    title="The Jacobian of one step of the recurrence",
    question="Q5.2",
    algebras=(ALG,),
    givens=(H_DEF,),
    chains=(
        Chain(start=Jacobian(h[t], h[t - 1]), steps=(
            Step(R_.EQ, Jacobian(W * elementwise(sigma, h[t - 1]) + U * x[t] + b, h[t - 1]),
                 r"$h_t$ depends on $h_{t-1}$ only through $W \sigma(h_{t-1})$", ("recurrence",)),
            Step(R_.EQ, W * D, r"entry $(i, j)$ is $W_{ij} \sigma'((h_{t-1})_j)$"),
        )),
    ),
)

A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", n, n)
v = sp.MatrixSymbol("v", n, 1)
SUBMULTIPLICATIVE = Lemma(name="submultiplicative", statement=sp.Le(Norm(A * B), Norm(A) * Norm(B)),
                          variables=(A, B), text=r"$\|AB\| \le \|A\| \|B\|$")
SPECTRAL = Lemma(name="spectral norm", statement=sp.Eq(Norm(A), sp.sqrt(LargestEigenvalue(A.T * A))),
                 variables=(A,), text=r"$\|A\| = \sqrt{\lambda_1(A^\top A)}$")
DIAGONAL = Lemma(name="diagonal norm", statement=sp.Eq(Norm(diag(v)), MaxAbs(v)), variables=(v,),
                 text=r"the norm of a diagonal matrix is its largest absolute entry")

ONE_STEP = "q5-one-step-bound"
# What the question assumes of the activation and the weights; the one-step
# bound rests on both, so whatever cites it states them too.
ACTIVATION = Given(name="activation", statement=sp.Le(MaxAbs(elementwise(dsigma, h[t - 1])), gamma),
                   text=r"$|\sigma'| \le \gamma$ everywhere, so at every entry of $h_{t-1}$")
#: The same bound at every step: the one-step bound is applied at every k in 1..T
#: (its activation hypothesis is needed at h_{k-1}, not only at h_{t-1}).
ACTIVATION_ALL = Given(name="activation", statement=sp.Le(MaxAbs(elementwise(dsigma, h[k - 1])), gamma), index=k,
                       valid_from=1, text=r"$|\sigma'| \le \gamma$ everywhere, so at every entry of $h_{k-1}$ for "
                       r"every $k \ge 1$")
WEIGHTS = Given(name="weights", statement=sp.Le(LargestEigenvalue(W.T * W), delta**2 / gamma**2),
                text=r"$\lambda_1(W^\top W) \le \delta^2 / \gamma^2$ with $0 \le \delta < 1$")

one_step = Derivation(
    id=ONE_STEP,
    title="Each step contracts the gradient by at most δ",
    question="Q5.3",
    algebras=(ALG,),
    assumptions=(sp.Lt(delta, 1),),
    givens=(H_DEF, ACTIVATION, WEIGHTS),
    lemmas=(SUBMULTIPLICATIVE, SPECTRAL, DIAGONAL),
    provides=(Lemma(name="one step", statement=sp.Le(Norm(Jacobian(h[t], h[t - 1])), delta), variables=(t,),
                    hypotheses=(sp.Ge(t, 1),), proved_by=ONE_STEP),),
    chains=(
        Chain(start=Norm(Jacobian(h[t], h[t - 1])), steps=(
            Step(R_.EQ, Norm(W * D), "the Jacobian of Q5.2", ("recurrence",)),
            Step(R_.LE, Norm(W) * Norm(D), "submultiplicativity", ("submultiplicative",)),
            Step(R_.EQ, sp.sqrt(LargestEigenvalue(W.T * W)) * Norm(D), "the spectral norm", ("spectral norm",)),
            Step(R_.EQ, sp.sqrt(LargestEigenvalue(W.T * W)) * MaxAbs(elementwise(dsigma, h[t - 1])),
                 "the norm of a diagonal matrix", ("diagonal norm",)),
            Step(R_.LE, delta, r"$\sqrt{\lambda_1(W^\top W)} \le \delta/\gamma$ and $|\sigma'| \le \gamma$; "
                 r"the product is nondecreasing in both", ("weights", "activation")),
        )),
    ),
)

_ONE_STEP = one_step.provides[0]
CHAIN = Lemma(
    name="chain of Jacobians",
    statement=sp.Le(Norm(Jacobian(h[T], h[0])), sp.Product(Norm(Jacobian(h[k], h[k - 1])), (k, 1, T))),
    variables=(), hypotheses=(sp.Ge(T, 1),),
    text=r"chain rule $\frac{\partial h_T}{\partial h_0} = \prod_{t=T}^{1} \frac{\partial h_t}{\partial h_{t-1}}$, "
         r"then submultiplicativity $T - 1$ times",
)

vanishing = Derivation(
    id="q5-vanishing",
    title="Gradients through time vanish",
    question="Q5.3",
    algebras=(ALG,),
    assumptions=(sp.Lt(delta, 1),),
    givens=(H_DEF, ACTIVATION_ALL, WEIGHTS),
    lemmas=(CHAIN, _ONE_STEP),
    chains=(
        Chain(label="bound over T steps", start=Norm(Jacobian(h[T], h[0])), steps=(
            Step(R_.LE, sp.Product(Norm(Jacobian(h[k], h[k - 1])), (k, 1, T)),
                 "chain rule and submultiplicativity", ("chain of Jacobians",)),
            Step(R_.LE, sp.Product(delta, (k, 1, T)), r"every factor is nonnegative and at most $\delta$",
                 ("one step",)),
            Step(R_.EQ, delta**T, r"a product of $T$ equal factors"),
        )),
        Chain(label="limit", start=delta**T, steps=(
            Step(R_.TENDS, sp.S.Zero, r"$0 \le \delta < 1$, as $T \to \infty$"),
        )),
    ),
)

saturated = Derivation(
    id="q5-explosion",
    title="The reversed condition does not force explosion",
    question="Q5.4",
    algebras=(ALG,),
    givens=(H_DEF, Given(name="saturated", statement=sp.Eq(elementwise(dsigma, h[t - 1]), sp.ZeroMatrix(n, 1)),
                         text=r"every unit is saturated at $h_{t-1}$: $\sigma'(h_{t-1}) = 0$")),
    text=(
        r"If instead $\lambda_1(W^\top W) > \delta^2/\gamma^2$, the bound of Q5.3 becomes larger than "
        r"$\delta$ per step and no longer forces the gradient to vanish; gradients may then explode, but "
        r"need not: the chain gives only an upper bound. The reversed condition is necessary for "
        r"explosion, not sufficient. For instance, a saturated unit ($\sigma' = 0$ at $h_{t-1}$) makes the "
        r"Jacobian vanish whatever $W$ is."
    ),
    chains=(
        Chain(start=Norm(Jacobian(h[t], h[t - 1])), steps=(
            Step(R_.EQ, Norm(W * D), "the Jacobian of Q5.2", ("recurrence",)),
            Step(R_.EQ, sp.S.Zero, r"$\operatorname{diag}(\sigma'(h_{t-1})) = 0$, whatever $W$ is",
                 ("saturated",)),
        )),
    ),
)

DERIVATIONS = (post_activation, jacobian, one_step, vanishing, saturated)
