"""Q3. Momentum and the running average."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Identically, Induction, Lemma, Relation, Step
from symproofs.probability.laws import Generic
from symproofs.probability.space import E, ProbabilitySpace

R = Relation
t = sp.Symbol("t", integer=True, positive=True)
n = sp.Symbol("t", integer=True, nonnegative=True)
k = sp.Symbol("k", integer=True)
alpha, eps, delta = sp.symbols("alpha epsilon delta", real=True)
beta = sp.Symbol("beta", positive=True)
D, G = sp.symbols(r"\Delta\theta_{t-1} g_t", real=True)
v = sp.Function("v", real=True)
g = sp.Function("g", real=True)
dtheta = sp.Function(r"\Delta\theta", real=True)

SETTING = (
    "Gradients $g_t$ are unbiased samples; $v_0 = 0$. Momentum keeps "
    "$v_t = \\alpha v_{t-1} + \\epsilon g_t$ and steps $\\Delta\\theta_t = -v_t$; "
    "the running average keeps $v_t = \\beta v_{t-1} + (1-\\beta) g_t$ and steps "
    "$\\Delta\\theta_t = -\\delta v_t$."
)

momentum = Derivation(
    id="q3-momentum-update",
    title="Momentum as a recurrence on the updates",
    question="Q3.1",
    setting=SETTING,
    givens=(
        Given(name="momentum", statement=sp.Eq(v(k), alpha * v(k - 1) + eps * g(k)), index=k, valid_from=1,
              text="momentum buffer, for every $k \\ge 1$"),
        Given(name="step", statement=sp.Eq(dtheta(k), -v(k)), index=k, text="update rule, for every $k$"),
    ),
    claim=sp.Eq(dtheta(t), alpha * dtheta(t - 1) - eps * g(t)),
    chains=(
        Chain(start=dtheta(t), steps=(
            Step(R.EQ, -v(t), "update rule", ("step",)),
            Step(R.EQ, sp.Mul(-1, alpha * v(t - 1) + eps * g(t), evaluate=False), "momentum recurrence at $t \\ge 1$",
                 ("momentum",)),
            Step(R.EQ, alpha * (-v(t - 1)) - eps * g(t), "distribute the sign"),
            Step(R.EQ, alpha * dtheta(t - 1) - eps * g(t), "update rule at $t-1$", ("step",)),
        )),
    ),
)

running = Derivation(
    id="q3-running-average-update",
    title="The running average as a recurrence on the updates",
    question="Q3.1",
    givens=(
        Given(name="average", statement=sp.Eq(v(k), beta * v(k - 1) + (1 - beta) * g(k)), index=k,
              valid_from=1, text="running average, for every $k \\ge 1$"),
        Given(name="step", statement=sp.Eq(dtheta(k), -delta * v(k)), index=k,
              text="update rule, for every $k$"),
    ),
    assumptions=(beta < 1,),
    claim=sp.Eq(dtheta(t), beta * dtheta(t - 1) - delta * (1 - beta) * g(t)),
    chains=(
        Chain(start=dtheta(t), steps=(
            Step(R.EQ, -delta * v(t), "update rule", ("step",)),
            Step(R.EQ, -delta * (beta * v(t - 1) + (1 - beta) * g(t)), "running average at $t \\ge 1$",
                 ("average",)),
            Step(R.EQ, beta * (-delta * v(t - 1)) - delta * (1 - beta) * g(t), "distribute $-\\delta$"),
            Step(R.EQ, beta * dtheta(t - 1) - delta * (1 - beta) * g(t), "update rule at $t-1$", ("step",)),
        )),
    ),
)

coincide = Derivation(
    id="q3-coincide",
    title="When momentum and the running average coincide",
    question="Q3.1",
    text=(
        "Both updates are linear in the previous update and the gradient; they agree for every "
        "history exactly when the coefficients agree."
    ),
    assumptions=(beta < 1,),
    chains=(
        Chain(start=Identically(sp.Eq(alpha * D - eps * G, beta * D - delta * (1 - beta) * G), (D, G)),
              steps=(
            Step(R.IFF, (sp.Eq(alpha - beta, 0), sp.Eq(eps - delta * (1 - beta), 0)),
                 "compare the coefficients of $\\Delta\\theta_{t-1}$ and $g_t$"),
            Step(R.IFF, (sp.Eq(alpha, beta), sp.Eq(eps, delta * (1 - beta))), "rearrange"),
        )),
    ),
)

_closed = beta**n * v(0) + (1 - beta) * sp.Sum(beta ** (n - k) * g(k), (k, 1, n))

_AVERAGE = Given(name="average", statement=sp.Eq(v(k), beta * v(k - 1) + (1 - beta) * g(k)), index=k,
                 valid_from=1, text="running average, for every $k \\ge 1$")

unroll = Derivation(
    id="q3-unroll",
    title="Unrolling the running average",
    question="Q3.2",
    givens=(_AVERAGE,),
    assumptions=(beta < 1,),
    claim=sp.Eq(v(n), _closed),
    induction=Induction(variable=n, start=0),
    chains=(
        Chain(label="base case $t = 0$", start=v(0), steps=(
            Step(R.EQ, v(0) + (1 - beta) * sp.Sum(beta ** (-k) * g(k), (k, 1, 0)),
                 "the sum over $k = 1..0$ is empty and $\\beta^0 = 1$"),
        )),
        Chain(label="induction step $t \\to t+1$", start=v(n + 1), steps=(
            Step(R.EQ, beta * v(n) + (1 - beta) * g(n + 1), "running average at $t + 1 \\ge 1$",
                 ("average",)),
            Step(R.EQ, beta * _closed + (1 - beta) * g(n + 1), "induction hypothesis", ("IH",)),
            Step(R.EQ, beta ** (n + 1) * v(0)
                 + (1 - beta) * (sp.Sum(beta ** (n + 1 - k) * g(k), (k, 1, n)) + g(n + 1)),
                 "distribute $\\beta$ into the sum"),
            Step(R.EQ,
                 beta ** (n + 1) * v(0) + (1 - beta) * sp.Sum(beta ** (n + 1 - k) * g(k), (k, 1, n + 1)),
                 "$g_{t+1} = \\beta^{0} g_{t+1}$ is the term $k = t + 1$"),
        )),
    ),
)



# -- Q3.3 and Q3.4: bias of the running average and its correction -------------------------------
mu = sp.Symbol("mu", real=True)
m = sp.Symbol("m", integer=True)


def _gradient_space() -> ProbabilitySpace:
    """Gradients ``g(k)`` with mean ``mu`` (nothing else about their law is
    used); ``v(t)`` is a process: random, with no law of its own, known
    only through the unrolled formula."""
    space = ProbabilitySpace()
    space.family("g", Generic(mean=mu), members="dependent")
    space.process("v")
    return space


_space = _gradient_space()

UNROLLING = Lemma(
    name="unrolling",
    statement=unroll.claim,
    variables=(n,),
    proved_by="q3-unroll",
    text="for every integer $t \\ge 0$",
)

BIAS = Lemma(
    name="bias",
    statement=sp.Eq(E(v(t)), (1 - beta**t) * mu),
    variables=(t,),
    proved_by="q3-bias",
    text="for every integer $t \\ge 1$",
)

_START = Given(name="start", statement=sp.Eq(v(0), 0), text="the running average starts at 0")
_GRADIENTS = (
    "The gradients $g_k$ are random with $\\mathbb{E}[g_k] = \\mu$ for every $k$ (nothing else about "
    "their law, or how they depend on each other, is used); $v_0 = 0$; $0 < \\beta < 1$; $t \\ge 1$."
)

bias = Derivation(
    id="q3-bias",
    title="The running average is biased towards 0",
    question="Q3.3",
    text=_GRADIENTS,
    assumptions=(beta < 1,),
    givens=(_START, _AVERAGE),
    lemmas=(UNROLLING,),
    algebras=(_space,),
    claim=BIAS.statement,
    provides=(BIAS,),
    chains=(
        Chain(start=E(v(t)), steps=(
            Step(R.EQ, E(beta**t * v(0) + (1 - beta) * sp.Sum(beta ** (t - k) * g(k), (k, 1, t))),
                 "the unrolled running average (Q3.2)", ("unrolling",)),
            Step(R.EQ, E((1 - beta) * sp.Sum(beta ** (t - k) * g(k), (k, 1, t))), "$v_0 = 0$", ("start",)),
            Step(R.EQ, (1 - beta) * sp.Sum(beta ** (t - k) * E(g(k)), (k, 1, t)),
                 "linearity of $\\mathbb{E}$ over a finite sum; $\\beta$ is a constant"),
            Step(R.EQ, (1 - beta) * sp.Sum(beta ** (t - k) * mu, (k, 1, t)),
                 "$\\mathbb{E}[g_k] = \\mu$ for every $k$"),
            Step(R.EQ, (1 - beta) * mu * sp.Sum(beta ** (t - k), (k, 1, t)), "$\\mu$ does not depend on $k$"),
            Step(R.EQ, (1 - beta) * mu * sp.Sum(beta**m, (m, 0, t - 1)), "reindex with $m = t - k$"),
            Step(R.EQ, sp.Mul((1 - beta) * mu, 1 - beta**t, sp.Pow(1 - beta, -1), evaluate=False),
                 "geometric sum $\\sum_{m=0}^{t-1} \\beta^m = (1 - \\beta^t)/(1 - \\beta)$ "
                 "for $\\beta \\ne 1$"),
            Step(R.EQ, (1 - beta**t) * mu, "cancel $1 - \\beta \\ne 0$"),
        )),
    ),
)

bias_gap = Derivation(
    id="q3-bias-gap",
    title="How far the running average is from the mean",
    question="Q3.3",
    text=(
        "So $\\mathbb{E}[v_t] \\ne \\mu$ whenever $\\mu \\ne 0$: the average starts at $v_0 = 0$ and "
        "keeps the weight $\\beta^t > 0$ on that start, so it is biased towards 0 by the factor "
        "$1 - \\beta^t < 1$. The bias vanishes only as $t \\to \\infty$."
    ),
    assumptions=(beta < 1,),
    givens=(_START, _AVERAGE),
    lemmas=(BIAS,),
    algebras=(_space,),
    chains=(
        Chain(label="the gap", start=mu - E(v(t)), steps=(
            Step(R.EQ, mu - (1 - beta**t) * mu, "the bias (above)", ("bias",)),
            Step(R.EQ, beta**t * mu, "collect $\\mu$"),
        )),
        Chain(label="the weight on $v_0$", start=beta**t, steps=(
            Step(R.GT, sp.S(0), "$\\beta > 0$, so every power of $\\beta$ is positive"),
        )),
        Chain(label="the shrinking factor", start=1 - beta**t, steps=(
            Step(R.LT, sp.S(1), "$\\beta^t > 0$"),
        )),
    ),
)

bias_correction = Derivation(
    id="q3-bias-correction",
    title="The bias correction",
    question="Q3.4",
    text=(
        "Dividing by $1 - \\beta^t$ (nonzero for $0 < \\beta < 1$ and $t \\ge 1$) removes the bias: "
        "this is the correction Adam applies to its moment estimates."
    ),
    assumptions=(beta < 1,),
    givens=(_START, _AVERAGE),
    lemmas=(BIAS,),
    algebras=(_space,),
    claim=sp.Eq(E(v(t) / (1 - beta**t)), mu),
    chains=(
        Chain(start=E(v(t) / (1 - beta**t)), steps=(
            Step(R.EQ, E(v(t)) / (1 - beta**t), "linearity: $1 - \\beta^t$ is a nonzero constant"),
            Step(R.EQ, sp.Mul((1 - beta**t) * mu, sp.Pow(1 - beta**t, -1), evaluate=False),
                 "the bias (Q3.3)", ("bias",)),
            Step(R.EQ, mu, "cancel $1 - \\beta^t \\ne 0$"),
        )),
    ),
)

DERIVATIONS = (momentum, running, coincide, unroll, bias, bias_gap, bias_correction)
