"""Q3. Momentum and the running average."""

from __future__ import annotations

import sympy as sp

from symproofs.model import Chain, Derivation, Given, Identically, Induction, Relation, Step

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
            Step(R.EQ, -(alpha * v(t - 1) + eps * g(t)), "momentum recurrence at $t \\ge 1$", ("momentum",)),
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
        Given(name="step", statement=sp.Eq(dtheta(k), -delta * v(k)), index=k, text="update rule, for every $k$"),
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
        Chain(start=Identically(sp.Eq(alpha * D - eps * G, beta * D - delta * (1 - beta) * G), (D, G)), steps=(
            Step(R.IFF, (sp.Eq(alpha - beta, 0), sp.Eq(eps - delta * (1 - beta), 0)),
                 "compare the coefficients of $\\Delta\\theta_{t-1}$ and $g_t$"),
            Step(R.IFF, (sp.Eq(alpha, beta), sp.Eq(eps, delta * (1 - beta))), "rearrange"),
        )),
    ),
)

_closed = beta**n * v(0) + (1 - beta) * sp.Sum(beta ** (n - k) * g(k), (k, 1, n))

unroll = Derivation(
    id="q3-unroll",
    title="Unrolling the running average",
    question="Q3.2",
    givens=(
        Given(name="average", statement=sp.Eq(v(k), beta * v(k - 1) + (1 - beta) * g(k)), index=k,
              valid_from=1, text="running average, for every $k \\ge 1$"),
    ),
    assumptions=(beta < 1,),
    claim=sp.Eq(v(n), _closed),
    induction=Induction(variable=n, start=0),
    chains=(
        Chain(label="base case $t = 0$", start=v(0), steps=(
            Step(R.EQ, v(0) + (1 - beta) * sp.Sum(beta ** (-k) * g(k), (k, 1, 0)),
                 "the sum over $k = 1..0$ is empty and $\\beta^0 = 1$"),
        )),
        Chain(label="induction step $t \\to t+1$", start=v(n + 1), steps=(
            Step(R.EQ, beta * v(n) + (1 - beta) * g(n + 1), "running average at $t + 1 \\ge 1$", ("average",)),
            Step(R.EQ, beta * _closed + (1 - beta) * g(n + 1), "induction hypothesis", ("IH",)),
            Step(R.EQ, beta ** (n + 1) * v(0)
                 + (1 - beta) * (sp.Sum(beta ** (n + 1 - k) * g(k), (k, 1, n)) + g(n + 1)),
                 "distribute $\\beta$ into the sum"),
            Step(R.EQ, beta ** (n + 1) * v(0) + (1 - beta) * sp.Sum(beta ** (n + 1 - k) * g(k), (k, 1, n + 1)),
                 "$g_{t+1} = \\beta^{0} g_{t+1}$ is the term $k = t + 1$"),
        )),
    ),
)

DERIVATIONS = (momentum, running, coincide, unroll)
