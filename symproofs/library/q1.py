"""Q1. Initialization that keeps preactivations at zero mean, unit variance.

One probability space per setting: what is independent (or only
uncorrelated) is declared there, never assumed by a step. The product
variance of Q1.1 is proved once for laws known only by their first two
moments and cited afterwards as a lemma (an instance is checked as an
instance, its independence hypothesis decided by the space).
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.probability.laws import Generic, Normal, Uniform, moment_integral
from symproofs.probability.space import E, Family, Independent, ProbabilitySpace, Var

__all__ = ["DERIVATIONS", "PRODUCT_VARIANCE"]

R = Relation
d = sp.Symbol("d", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
c = sp.Symbol("c", real=True)
x = sp.Symbol("x", real=True)
mu = sp.Symbol("mu", real=True)
s2 = sp.Symbol("sigma^2", positive=True)
alpha, beta = sp.symbols("alpha beta", real=True)
b = sp.Symbol("beta", positive=True)  # the half-width of a symmetric uniform law

SETTING = (
    "Layer $a = W h + b$: $W$ is $d_{out} \\times d$ with i.i.d. entries, the bias is "
    "$b = c \\mathbf{1}$, and the weights are independent of the layer input $h$, so "
    "$a_i = \\sum_{j=1}^{d} W_{ij} h_j + c$. The goal is $\\mathbb{E}[a_i] = 0$ and "
    "$\\operatorname{Var}(a_i) = 1$."
)


# -- Q1.1 product variance ---------------------------------------------------------------
def _product_space() -> tuple[ProbabilitySpace, sp.Symbol, sp.Symbol]:
    space = ProbabilitySpace()
    X = space.variable("X", Generic())  # any law: its moments stay unknowns
    Y = space.variable("Y", Generic())
    space.independent(X, Y)
    return space, X, Y


_pv_space, X, Y = _product_space()
_pv_rhs = Var(X) * Var(Y) + Var(X) * E(Y) ** 2 + Var(Y) * E(X) ** 2

PRODUCT_VARIANCE = Lemma(
    name="product variance",
    statement=sp.Eq(Var(X * Y), _pv_rhs),
    variables=(X, Y),
    hypotheses=(Independent(X, Y),),
    proved_by="q1-product-variance",
    text="for independent $X, Y$ with finite second moments",
)

product_variance = Derivation(
    id="q1-product-variance",
    title="Variance of a product of independent variables",
    question="Q1.1",
    setting=SETTING,
    text=(
        "$X$ and $Y$ are independent, with any laws that have finite second moments: their "
        "means and second moments stay unknowns throughout, so no family of laws is assumed."
    ),
    algebras=(_pv_space,),
    claim=PRODUCT_VARIANCE.statement,
    provides=(PRODUCT_VARIANCE,),
    chains=(
        Chain(start=Var(X * Y), steps=(
            Step(R.EQ, E(X**2 * Y**2) - E(X * Y) ** 2,
                 "definition $\\operatorname{Var}(Z) = \\mathbb{E}[Z^2] - \\mathbb{E}[Z]^2$ with $Z = XY$"),
            Step(R.EQ, E(X**2) * E(Y**2) - E(X) ** 2 * E(Y) ** 2,
                 "$X \\perp Y$, hence $X^2 \\perp Y^2$: expectations of products factor"),
            Step(R.EQ, (Var(X) + E(X) ** 2) * (Var(Y) + E(Y) ** 2) - E(X) ** 2 * E(Y) ** 2,
                 "$\\mathbb{E}[Z^2] = \\operatorname{Var}(Z) + \\mathbb{E}[Z]^2$ for $Z = X$ and $Z = Y$"),
            Step(R.EQ, _pv_rhs,
                 "expand; the terms $\\mathbb{E}[X]^2 \\mathbb{E}[Y]^2$ cancel"),
        )),
    ),
)


# -- Q1.2 moments of the uniform law from its density -----------------------------------------
_u_space = ProbabilitySpace()
U = _u_space.variable("U", Generic())  # its law enters only through the density below
_f = 1 / (beta - alpha)

uniform_moments = Derivation(
    id="q1-uniform-moments",
    title="Mean and variance of the uniform law from its density",
    question="Q1.2",
    text=(
        "$U \\sim U(\\alpha, \\beta)$ has density $1/(\\beta - \\alpha)$ on $[\\alpha, \\beta]$ "
        "and $0$ elsewhere; its moments are integrals against that density."
    ),
    assumptions=(sp.Lt(alpha, beta),),
    algebras=(_u_space,),
    givens=(
        Given(name="mean by the density", statement=sp.Eq(E(U), moment_integral(Uniform(alpha, beta), x, 1)),
              text="$\\mathbb{E}[U] = \\int x f(x)\\,dx$ with the density $f$ of $U(\\alpha, \\beta)$"),
        Given(name="second moment by the density",
              statement=sp.Eq(E(U**2), moment_integral(Uniform(alpha, beta), x, 2)),
              text="$\\mathbb{E}[U^2] = \\int x^2 f(x)\\,dx$"),
    ),
    chains=(
        Chain(label="mean", start=E(U), steps=(
            Step(R.EQ, sp.Integral(x * _f, (x, alpha, beta)),
                 "expectation against the density, which vanishes outside $[\\alpha, \\beta]$",
                 ("mean by the density",)),
            Step(R.EQ, (beta**2 - alpha**2) / (2 * (beta - alpha)),
                 "antiderivative $x^2 / (2(\\beta - \\alpha))$ from $\\alpha$ to $\\beta$"),
            Step(R.EQ, (alpha + beta) / 2, "$\\beta^2 - \\alpha^2 = (\\beta - \\alpha)(\\beta + \\alpha)$"),
        )),
        Chain(label="variance", start=Var(U), steps=(
            Step(R.EQ, E(U**2) - E(U) ** 2, "definition of the variance"),
            Step(R.EQ, sp.Integral(x**2 * _f, (x, alpha, beta)) - sp.Integral(x * _f, (x, alpha, beta)) ** 2,
                 "both moments as integrals against the density",
                 ("second moment by the density", "mean by the density")),
            Step(R.EQ, (beta**3 - alpha**3) / (3 * (beta - alpha))
                 - ((beta**2 - alpha**2) / (2 * (beta - alpha))) ** 2,
                 "antiderivatives $x^3 / (3(\\beta - \\alpha))$ and $x^2 / (2(\\beta - \\alpha))$"),
            Step(R.EQ, (alpha**2 + alpha * beta + beta**2) / 3 - ((alpha + beta) / 2) ** 2,
                 "$\\beta^3 - \\alpha^3 = (\\beta - \\alpha)(\\alpha^2 + \\alpha\\beta + \\beta^2)$ and "
                 "$\\beta^2 - \\alpha^2 = (\\beta - \\alpha)(\\beta + \\alpha)$"),
            Step(R.EQ, (beta - alpha) ** 2 / 12,
                 "common denominator: $4(\\alpha^2 + \\alpha\\beta + \\beta^2) - 3(\\alpha + \\beta)^2 "
                 "= (\\beta - \\alpha)^2$"),
        )),
    ),
)


# -- the layer ---------------------------------------------------------------------------------
def layer_space(weights: Generic | Normal | Uniform, inputs: Generic, *, members: str = "dependent",
                relu: bool = False, independent: bool = True) -> tuple[ProbabilitySpace, Family, Family]:
    """The space of one layer: i.i.d. weights ``W(i, j)`` with law
    ``weights``; inputs ``h(j)`` with law ``inputs`` related to each other as
    ``members`` says (or, with ``relu``, previous preactivations ``z(j)``,
    the input being ``max(0, z(j))``); the weights independent of the
    inputs unless ``independent`` is false."""
    space = ProbabilitySpace()
    W = space.family("W", weights, members="iid")
    inp = space.family("z" if relu else "h", inputs, members=members)
    if independent:
        space.independent(W, inp)
    return space, W, inp


def preactivation(W: Family, h_j: sp.Expr) -> sp.Expr:
    """``a_i = sum_j W_ij h_j + c``."""
    return sp.Sum(W(i, j) * h_j, (j, 1, d)) + c


# -- Q1.3 the mean of a preactivation ---------------------------------------------------------
_m_space, _Wm, _hm = layer_space(Generic(), Generic())
_a_mean = preactivation(_Wm, _hm(j))

preactivation_mean = Derivation(
    id="q1-preactivation-mean",
    title="The mean of a preactivation",
    question="Q1.3",
    text="Nothing is assumed about the inputs $h_j$ but their independence from the weights.",
    algebras=(_m_space,),
    claim=sp.Eq(E(_a_mean), sp.Sum(E(_Wm(i, j)) * E(_hm(j)), (j, 1, d)) + c),
    chains=(
        Chain(start=E(_a_mean), steps=(
            Step(R.EQ, E(sp.Sum(_Wm(i, j) * _hm(j), (j, 1, d))) + c,
                 "linearity; $c$ is a constant"),
            Step(R.EQ, sp.Sum(E(_Wm(i, j) * _hm(j)), (j, 1, d)) + c,
                 "linearity over the $d$ terms of the sum"),
            Step(R.EQ, sp.Sum(E(_Wm(i, j)) * E(_hm(j)), (j, 1, d)) + c,
                 "$W_{ij}$ is independent of $h_j$: the expectation of the product factors"),
        )),
    ),
)


def _mean_chain(W: Family, h_j: sp.Expr, why_zero: str) -> Chain:
    return Chain(label="mean", start=E(preactivation(W, h_j)), steps=(
        Step(R.EQ, sp.Sum(E(W(i, j)) * E(h_j), (j, 1, d)) + c,
             "linearity, and $W_{ij}$ independent of the input (Q1.3)"),
        Step(R.EQ, c, why_zero),
    ))


_c_space, _Wc, _hc = layer_space(Generic(), Generic(mean=0))

preactivation_mean_centred = Derivation(
    id="q1-preactivation-mean-centred",
    title="The mean of a preactivation with centred inputs",
    question="Q1.3",
    text="Inputs with $\\mathbb{E}[h_j] = 0$ (and nothing else assumed about them).",
    algebras=(_c_space,),
    claim=sp.Eq(E(preactivation(_Wc, _hc(j))), c),
    chains=(_mean_chain(_Wc, _hc(j), "$\\mathbb{E}[h_j] = 0$: every term of the sum vanishes"),),
)


# -- Q1.4 the variance with centred, unit-variance, uncorrelated inputs ---------------------------
_UNIT = Generic(mean=0, var=1)


def _variance_chain(W: Family, h: Family) -> Chain:
    """``Var(a_i) = d (Var W + E[W]^2)`` for inputs of mean 0 and variance 1."""
    Wij, hj, Wg, hg = W(i, j), h(j), W.generic, h.generic
    return Chain(label="variance", start=Var(preactivation(W, hj)), steps=(
        Step(R.EQ, Var(sp.Sum(Wij * hj, (j, 1, d))), "adding the constant $c$ does not change the variance"),
        Step(R.EQ, sp.Sum(Var(Wij * hj), (j, 1, d)),
             "the terms are uncorrelated: for $j \\ne k$, "
             "$\\mathbb{E}[W_{ij} h_j W_{ik} h_k] = \\mathbb{E}[W_{ij} W_{ik}]\\,\\mathbb{E}[h_j h_k] = 0 "
             "= \\mathbb{E}[W_{ij} h_j]\\,\\mathbb{E}[W_{ik} h_k]$ (weights independent of inputs, "
             "inputs uncorrelated with mean 0)"),
        Step(R.EQ, d * Var(Wg * hg),
             "the pairs $(W_{ij}, h_j)$ all have the law of $(W, h)$: $d$ equal terms"),
        Step(R.EQ, d * (Var(Wg) * Var(hg) + Var(Wg) * E(hg) ** 2 + Var(hg) * E(Wg) ** 2),
             "product variance, $W \\perp h$", ("product variance",)),
        Step(R.EQ, d * (Var(Wg) + E(Wg) ** 2), "$\\operatorname{Var}(h) = 1$, $\\mathbb{E}[h] = 0$"),
    ))


_v_space, _Wv, _hv = layer_space(Generic(), _UNIT, members="uncorrelated")

preactivation_variance = Derivation(
    id="q1-preactivation-variance",
    title="The variance of a preactivation",
    question="Q1.4",
    text="Inputs $h_j$ with mean 0 and variance 1, pairwise uncorrelated; weights of any law.",
    algebras=(_v_space,),
    lemmas=(PRODUCT_VARIANCE,),
    claim=sp.Eq(Var(preactivation(_Wv, _hv(j))), d * (Var(_Wv.generic) + E(_Wv.generic) ** 2)),
    chains=(_variance_chain(_Wv, _hv),),
)


def _constraints(a: sp.Expr, mean: sp.Expr, variance_eq: sp.Basic, why: str) -> Chain:
    return Chain(label="constraints", start=(sp.Eq(E(a), 0), sp.Eq(Var(a), 1)), steps=(
        Step(R.IFF, (sp.Eq(mean, 0), variance_eq), why),
    ))


_g_space, _Wg, _hg = layer_space(Normal(mu, s2), _UNIT, members="uncorrelated")
_a_g = preactivation(_Wg, _hg(j))

glorot_gaussian = Derivation(
    id="q1-glorot-gaussian",
    title="Gaussian weights for centred, unit-variance inputs",
    question="Q1.4",
    text="Weights $W_{ij} \\sim N(\\mu, \\sigma^2)$; inputs as in the variance formula above.",
    algebras=(_g_space,),
    chains=(
        _mean_chain(_Wg, _hg(j), "$\\mathbb{E}[h_j] = 0$"),
        Chain(label="variance", start=Var(_a_g), steps=(
            Step(R.EQ, d * (Var(_Wg.generic) + E(_Wg.generic) ** 2),
                 "the variance of a preactivation (above)"),
            Step(R.EQ, d * (s2 + mu**2), "$N(\\mu, \\sigma^2)$ has mean $\\mu$ and variance $\\sigma^2$"),
        )),
        _constraints(_a_g, c, sp.Eq(d * (s2 + mu**2), 1),
                     "the mean is $c$ and the variance $d(\\sigma^2 + \\mu^2)$ (the chains above)"),
        Chain(label="the choice $c = 0$, $\\mu = 0$, $\\sigma^2 = 1/d$",
              start=sp.Subs(d * (s2 + mu**2), (mu, s2), (0, 1 / d)), steps=(
                  Step(R.EQ, sp.S(1),
                       "substitute: $d(1/d + 0^2) = 1$ for $d > 0$; $c = 0$ is the first constraint"),
              )),
    ),
)

_uu_space, _Wu, _hu = layer_space(Uniform(alpha, beta), _UNIT, members="uncorrelated")
_a_u = preactivation(_Wu, _hu(j))
_r3 = sp.sqrt(3 / d)
_third = sp.Mul(d, sp.Add(3 / d, -3 / d, 3 / d, evaluate=False), evaluate=False)

glorot_uniform = Derivation(
    id="q1-glorot-uniform",
    title="Uniform weights for centred, unit-variance inputs",
    question="Q1.4",
    text="Weights $W_{ij} \\sim U(\\alpha, \\beta)$; inputs as in the variance formula above.",
    assumptions=(sp.Lt(alpha, beta),),
    algebras=(_uu_space,),
    chains=(
        _mean_chain(_Wu, _hu(j), "$\\mathbb{E}[h_j] = 0$"),
        Chain(label="variance", start=Var(_a_u), steps=(
            Step(R.EQ, d * (Var(_Wu.generic) + E(_Wu.generic) ** 2),
                 "the variance of a preactivation (above)"),
            Step(R.EQ, d * E(_Wu.generic**2),
                 "$\\operatorname{Var}(W) + \\mathbb{E}[W]^2 = \\mathbb{E}[W^2]$"),
            Step(R.EQ, d * (alpha**2 + alpha * beta + beta**2) / 3,
                 "second moment of $U(\\alpha, \\beta)$: "
                 "$(\\beta^3 - \\alpha^3) / (3(\\beta - \\alpha))$ (Q1.2)"),
        )),
        _constraints(_a_u, c, sp.Eq(d * (alpha**2 + alpha * beta + beta**2), 3),
                     "the mean is $c$ and the variance $d(\\alpha^2 + \\alpha\\beta + \\beta^2)/3$ "
                     "(the chains above)"),
        Chain(label="the choice $\\alpha = -\\sqrt{3/d}$, $\\beta = \\sqrt{3/d}$",
              start=sp.Subs(d * (alpha**2 + alpha * beta + beta**2), (alpha, beta), (-_r3, _r3)), steps=(
                  Step(R.EQ, _third, "$\\alpha^2 = \\beta^2 = 3/d$ and $\\alpha\\beta = -3/d$"),
                  Step(R.EQ, sp.S(3), "add up"),
              )),
    ),
)


# -- Q1.5 ReLU inputs ----------------------------------------------------------------------------
_SYMMETRIC_UNIT = Generic(var=1, symmetric=True)

_r_space = ProbabilitySpace()
a = _r_space.variable("a", _SYMMETRIC_UNIT)


def relu(e: sp.Expr) -> sp.Expr:
    return sp.Max(0, e)


relu_second_moment = Derivation(
    id="q1-relu-second-moment",
    title="The second moment of a ReLU of a symmetric variable",
    question="Q1.5",
    text=(
        "$a$ has a law symmetric about 0 (so $-a$ has the law of $a$) with variance 1, and "
        "$h = \\max(0, a)$. Only the symmetry is used until the last step: "
        "$\\mathbb{E}[h^2] = \\operatorname{Var}(a)/2$ for every symmetric law."
    ),
    algebras=(_r_space,),
    claim=sp.Eq(E(relu(a) ** 2), sp.Rational(1, 2)),
    chains=(
        Chain(start=E(relu(a) ** 2), steps=(
            Step(R.EQ, E(relu(-a) ** 2), "$-a$ has the same law as $a$ (symmetry)"),
            Step(R.EQ, (E(relu(a) ** 2) + E(relu(-a) ** 2)) / 2, "the average of two equal numbers"),
            Step(R.EQ, E(relu(a) ** 2 + relu(-a) ** 2) / 2, "linearity"),
            Step(R.EQ, E(a**2) / 2,
                 "pointwise $\\max(0, a)^2 + \\max(0, -a)^2 = a^2$: one of the two terms is 0"),
            Step(R.EQ, Var(a) / 2, "$\\mathbb{E}[a] = 0$"),
            Step(R.EQ, sp.Rational(1, 2), "$\\operatorname{Var}(a) = 1$"),
        )),
    ),
)

relu_pointwise = Derivation(
    id="q1-relu-pointwise",
    title="Positive and negative parts of a square",
    question="Q1.5",
    claim=sp.Eq(relu(x) ** 2 + relu(-x) ** 2, x**2),
    chains=(
        Chain(start=relu(x) ** 2 + relu(-x) ** 2, steps=(
            Step(R.EQ, sp.Piecewise((x**2, x >= 0), (0, True)) + sp.Piecewise((0, x >= 0), ((-x) ** 2, True)),
                 "$\\max(0, x) = x$ for $x \\ge 0$ and $0$ otherwise; $\\max(0, -x) = -x$ for $x < 0$ "
                 "and $0$ otherwise"),
            Step(R.EQ, x**2, "for $x \\ge 0$ the sum is $x^2 + 0$, for $x < 0$ it is $0 + (-x)^2$"),
        )),
    ),
)

_He_space, _Wh, _zh = layer_space(Generic(mean=0), _SYMMETRIC_UNIT, relu=True)
_h = relu(_zh(j))
_a_h = preactivation(_Wh, _h)
_Wg_h = _Wh.generic
_hz = relu(_zh.generic)  # h = max(0, z) for a generic input

he_variance = Derivation(
    id="q1-he-variance",
    title="The variance of a preactivation with ReLU inputs",
    question="Q1.5",
    text=(
        "Inputs $h_j = \\max(0, z_j)$ of previous preactivations $z_j$ with a symmetric law of "
        "variance 1 (nothing is assumed about how the $z_j$ depend on each other); weights with "
        "$\\mathbb{E}[W] = 0$, independent of the $z_j$."
    ),
    algebras=(_He_space,),
    lemmas=(PRODUCT_VARIANCE,),
    claim=sp.Eq(Var(_a_h), d * Var(_Wg_h) / 2),
    chains=(
        Chain(start=Var(_a_h), steps=(
            Step(R.EQ, Var(sp.Sum(_Wh(i, j) * _h, (j, 1, d))),
                 "adding the constant $c$ does not change the variance"),
            Step(R.EQ, sp.Sum(Var(_Wh(i, j) * _h), (j, 1, d)),
                 "the terms are uncorrelated: for $j \\ne k$, "
                 "$\\mathbb{E}[W_{ij} h_j W_{ik} h_k] = \\mathbb{E}[W_{ij}]\\,\\mathbb{E}[W_{ik}]\\,"
                 "\\mathbb{E}[h_j h_k] = 0$ and $\\mathbb{E}[W_{ij} h_j] = 0$, since $\\mathbb{E}[W] = 0$"),
            Step(R.EQ, d * Var(_Wg_h * _hz),
                 "the pairs $(W_{ij}, z_j)$ all have the law of $(W, z)$: $d$ equal terms"),
            Step(R.EQ, d * Var(_Wg_h) * (Var(_hz) + E(_hz) ** 2),
                 "product variance, $W \\perp h$; its term $\\operatorname{Var}(h)\\,\\mathbb{E}[W]^2$ "
                 "vanishes as $\\mathbb{E}[W] = 0$", ("product variance",)),
            Step(R.EQ, d * Var(_Wg_h) * E(_hz**2),
                 "$\\operatorname{Var}(h) + \\mathbb{E}[h]^2 = \\mathbb{E}[h^2]$"),
            Step(R.EQ, d * Var(_Wg_h) / 2, "$\\mathbb{E}[h^2] = \\operatorname{Var}(z)/2 = 1/2$ (above)"),
        )),
    ),
)

WHY_HE = (
    "Why it works: a ReLU zeroes half of its (symmetric) input, so $\\mathbb{E}[h^2]$ is half "
    "the variance of the previous preactivation. Doubling the weight variance to $2/d$ "
    "compensates exactly, so the variance of the preactivations stays constant with depth "
    "instead of halving at every layer (which would make signals and gradients vanish "
    "geometrically). Item 4 (Glorot/LeCun style) is the same computation without the factor 1/2."
)

_hg_space, _Whg, _zg = layer_space(Normal(0, s2), _SYMMETRIC_UNIT, relu=True)
_a_hg = preactivation(_Whg, relu(_zg(j)))

he_gaussian = Derivation(
    id="q1-he-gaussian",
    title="He initialization with Gaussian weights",
    question="Q1.5",
    text=("Weights $W_{ij} \\sim N(0, \\sigma^2)$ ($\\mu = 0$ is the hypothesis "
          "$\\mathbb{E}[W] = 0$). " + WHY_HE),
    algebras=(_hg_space,),
    chains=(
        _mean_chain(_Whg, relu(_zg(j)), "$\\mathbb{E}[W_{ij}] = \\mu = 0$"),
        Chain(label="variance", start=Var(_a_hg), steps=(
            Step(R.EQ, d * Var(_Whg.generic) / 2, "the variance with ReLU inputs (above)"),
            Step(R.EQ, d * s2 / 2, "$\\operatorname{Var}(W) = \\sigma^2$"),
        )),
        _constraints(_a_hg, c, sp.Eq(d * s2, 2), "the mean is $c$ and the variance $d \\sigma^2 / 2$"),
        Chain(label="the choice $c = 0$, $\\mu = 0$, $\\sigma^2 = 2/d$",
              start=sp.Subs(d * s2 / 2, s2, 2 / d), steps=(
                  Step(R.EQ, sp.S(1),
                       "substitute: $d \\cdot (2/d) / 2 = 1$; $c = 0$ is the first constraint"),
              )),
    ),
)

_hu_space, _Whu, _zu = layer_space(Uniform(-b, b), _SYMMETRIC_UNIT, relu=True)
_a_hu = preactivation(_Whu, relu(_zu(j)))
_r6 = sp.sqrt(6 / d)

he_uniform = Derivation(
    id="q1-he-uniform",
    title="He initialization with uniform weights",
    question="Q1.5",
    text=("Weights $W_{ij} \\sim U(\\alpha, \\beta)$ with $\\alpha = -\\beta$, which is "
          "$\\mathbb{E}[W] = 0$."),
    algebras=(_hu_space,),
    chains=(
        _mean_chain(_Whu, relu(_zu(j)), "$\\mathbb{E}[W_{ij}] = (\\alpha + \\beta)/2 = 0$"),
        Chain(label="variance", start=Var(_a_hu), steps=(
            Step(R.EQ, d * Var(_Whu.generic) / 2, "the variance with ReLU inputs (above)"),
            Step(R.EQ, d * b**2 / 6,
                 "$\\operatorname{Var}(W) = (\\beta - \\alpha)^2 / 12 = (2\\beta)^2 / 12 "
                 "= \\beta^2 / 3$ (Q1.2)"),
        )),
        _constraints(_a_hu, c, sp.Eq(d * b**2, 6), "the mean is $c$ and the variance $d \\beta^2 / 6$"),
        Chain(label="the choice $\\alpha = -\\sqrt{6/d}$, $\\beta = \\sqrt{6/d}$",
              start=sp.Subs(d * b**2 / 6, b, _r6), steps=(
                  Step(R.EQ, sp.S(1), "substitute: $\\beta^2 = 6/d$, so $d \\cdot (6/d) / 6 = 1$"),
              )),
    ),
)

DERIVATIONS = (
    product_variance,
    uniform_moments,
    preactivation_mean,
    preactivation_mean_centred,
    preactivation_variance,
    glorot_gaussian,
    glorot_uniform,
    relu_second_moment,
    relu_pointwise,
    he_variance,
    he_gaussian,
    he_uniform,
)
