"""The expectation algebra: laws, reduce rules, dependence, models."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest
import sympy as sp

from symproofs.core.errors import InputError, NotSupportedError
from symproofs.probability.laws import moment_integral
from symproofs.probability.space import (
    Bernoulli,
    Cov,
    E,
    Generic,
    Independent,
    Laplace,
    ModelError,
    Normal,
    ProbabilitySpace,
    Rademacher,
    TwoPoint,
    Uncorrelated,
    Uniform,
    Var,
    density,
    support,
)

mu, s2, alpha, beta, m, v, c, b = sp.symbols("mu s2 alpha beta m v c b", real=True)
p = sp.Symbol("p", positive=True)
d = sp.Symbol("d", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
x = sp.Function("x", real=True)
t = sp.Symbol("t", real=True)


def _space() -> ProbabilitySpace:
    """One space with a variable or family for every behaviour under test
    (``A`` and ``B``: nothing declared; ``T``: zero mean, not symmetric)."""
    space = ProbabilitySpace()
    laws = {
        "X": Normal(mu, s2), "Y": Uniform(alpha, beta), "A": Generic(), "B": Generic(),
        "U1": Generic(mean=m, var=v), "U2": Generic(mean=m, var=v), "R": Bernoulli(p), "Z": Generic(mean=m),
        "S": Generic(var=1, symmetric=True), "T": Generic(mean=0, var=1), "P": Generic(), "Q": Generic(),
        "L": Laplace(0, b), "D": Rademacher(),
    }
    rv = {name: space.variable(name, law) for name, law in laws.items()}
    weights = space.family("W", Generic(), members="iid")
    inputs = space.family("h", Generic(mean=0, var=1), members="uncorrelated")
    space.family("G", Generic(), members="dependent")
    space.family("M", Bernoulli(p), members="iid")
    space.independent(rv["X"], rv["Y"])
    space.independent(rv["P"], rv["Q"])
    space.independent(rv["R"], rv["Z"])
    space.independent(weights, inputs)
    space.uncorrelated(rv["U1"], rv["U2"])
    return space


SPACE = _space()
# A random variable is a real symbol: these are the symbols declared above.
X, Y, A, B, U1, U2, R, Z, S, T, P, Q, L, D = sp.symbols("X Y A B U1 U2 R Z S T P Q L D", real=True)
W, h, G, M = (SPACE.families[name] for name in ("W", "h", "G", "M"))


def same(a: sp.Basic, b: sp.Basic) -> bool:
    return bool(sp.expand(SPACE.reduce(a) - SPACE.reduce(b)) == 0)


# -- laws ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("dist", "order", "expected"),
    [
        pytest.param(Normal(mu, s2), 1, mu, id="normal-1"),
        pytest.param(Normal(mu, s2), 2, mu**2 + s2, id="normal-2"),
        pytest.param(Normal(mu, s2), 3, mu**3 + 3 * mu * s2, id="normal-3"),
        pytest.param(Normal(0, s2), 6, 15 * s2**3, id="normal-6"),
        pytest.param(Uniform(alpha, beta), 1, (alpha + beta) / 2, id="uniform-1"),
        pytest.param(Uniform(alpha, beta), 2, (alpha**2 + alpha * beta + beta**2) / 3, id="uniform-2"),
        pytest.param(Uniform(-1, 1), 4, sp.Rational(1, 5), id="uniform-4"),
        pytest.param(Bernoulli(p), 5, p, id="bernoulli"),
        pytest.param(Rademacher(), 3, 0, id="rademacher-odd"),
        pytest.param(Rademacher(), 4, 1, id="rademacher-even"),
        pytest.param(TwoPoint(alpha, beta, p), 2, p * alpha**2 + (1 - p) * beta**2, id="two-point"),
        pytest.param(Laplace(0, b), 2, 2 * b**2, id="laplace-2"),
        pytest.param(Laplace(0, b), 4, 24 * b**4, id="laplace-4"),
        pytest.param(Generic(mean=m, var=v), 2, m**2 + v, id="generic-var"),
        pytest.param(Generic(moments={3: c}), 3, c, id="generic-declared"),
        pytest.param(Generic(moments={6: v}, symmetric=True), 5, 0, id="generic-symmetric-odd"),
    ],
)
def test_moment(dist: object, order: int, expected: sp.Expr) -> None:
    assert sp.expand(dist.moment(order) - expected) == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("order", [1, 2, 3], ids=["mean", "second", "third"])
def test_uniform_moments_follow_from_the_density(order: int) -> None:
    u = Uniform(alpha, beta)
    integral = moment_integral(u, t, order)
    assert integral.args[0] == t**order / (beta - alpha)
    assert sp.cancel(integral.doit() - u.moment(order)) == 0


def test_uniform_variance_from_the_density() -> None:
    u = Uniform(alpha, beta)
    lo, hi = support(u)
    first = sp.integrate(t * density(u, t), (t, lo, hi))
    second = sp.integrate(t**2 * density(u, t), (t, lo, hi))
    assert sp.factor(second - first**2) == (alpha - beta) ** 2 / 12


def test_normal_density_integrates_to_its_moments() -> None:
    z = Normal(0, 1)
    assert sp.integrate(t**2 * density(z, t), (t, *support(z))) == 1


@pytest.mark.parametrize("dist", [Bernoulli(p), Generic(var=1)], ids=["discrete", "moments-only"])
def test_density_needs_a_continuous_family(dist: object) -> None:
    with pytest.raises(NotSupportedError, match="no density"):
        density(dist, t)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: Generic(mean=1, symmetric=True), "symmetric about 0 has mean 0",
                     id="symmetric-mean"),
        pytest.param(lambda: Generic(moments={3: 1}, symmetric=True), r"E\[X\^3\] = 0", id="symmetric-odd"),
        pytest.param(lambda: Generic(var=1, moments={2: 3}), "variance or the second moment", id="var-twice"),
        pytest.param(lambda: Generic(moments={0: 1}), "integers >= 1", id="order-zero"),
        pytest.param(lambda: Normal(0, -1), "non-negative", id="negative-variance"),
        pytest.param(lambda: Uniform(1, 1), "alpha != beta", id="empty-uniform"),
        pytest.param(lambda: Bernoulli(2), r"lie in \[0, 1\]", id="probability"),
        pytest.param(lambda: Normal("x + ", 1), "number or a sympy expression", id="text"),
    ],
)
def test_bad_laws_are_rejected(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        make()


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        pytest.param(lambda s, x: s.family("F", Generic(), members="idd"), "members='idd'", id="misspelled"),
        pytest.param(lambda s, x: s.variable("X", Generic()), "already declared", id="duplicate"),
        pytest.param(lambda s, x: s.independent(x), "at least two", id="one-group"),
        pytest.param(lambda s, x: s.independent(x, (x,)), "appears in two groups", id="overlap"),
        pytest.param(lambda s, x: s.independent(x, sp.Symbol("Y")), "not a random variable", id="undeclared"),
        pytest.param(lambda s, x: s.variable("V", sp.Symbol("v")), "must be a Distribution", id="no-law"),
    ],
)
def test_bad_declarations_are_rejected(declare: Callable[[ProbabilitySpace, sp.Symbol], object],
                                       message: str) -> None:
    space = ProbabilitySpace()
    x0 = space.variable("X", Generic())
    with pytest.raises(InputError, match=message):
        declare(space, x0)


# -- reduce: one behaviour per row ---------------------------------------------------------
RULES = [
    pytest.param(E(3 * X + 2 * Y + c), 3 * mu + (alpha + beta) + c, id="linearity"),
    pytest.param(E(c * A), c * E(A), id="constant-out"),
    pytest.param(E(c), c, id="constant"),
    pytest.param(E(E(A) * B), E(A) * E(B), id="nested-E-is-a-constant"),
    pytest.param(Var(A), E(A**2) - E(A) ** 2, id="variance-definition"),
    pytest.param(Cov(A, B), E(A * B) - E(A) * E(B), id="covariance-definition"),
    pytest.param(Var(c * A + 1), c**2 * Var(A), id="variance-affine"),
    pytest.param(E((A + 1) ** 2), E(A**2) + 2 * E(A) + 1, id="expand-polynomial"),
    pytest.param(E(X * Y), mu * (alpha + beta) / 2, id="independent-factor"),
    pytest.param(E(X**2 * Y**3), (mu**2 + s2) * (alpha**3 + alpha**2 * beta + alpha * beta**2 + beta**3) / 4,
                 id="independent-powers"),
    pytest.param(E(P**2 * Q), E(P**2) * E(Q), id="generic-unknown-moments"),
    pytest.param(E(U1 * U2), m**2, id="uncorrelated-pair"),
    pytest.param(E(R**3 * Z), p * m, id="bernoulli-power"),
    pytest.param(R**2 + 1, R + 1, id="bernoulli-power-outside-E"),
    pytest.param(D**4 * A, A, id="sign-squared"),
    pytest.param(E(sp.exp(t * X)), sp.exp(t * mu + t**2 * s2 / 2), id="normal-mgf"),
    pytest.param(E(sp.Max(0, R - 1 / sp.S(2))), p / 2, id="finite-law-any-function"),
    pytest.param(E(sp.Max(0, S) ** 2), sp.Rational(1, 2), id="positive-part-symmetric"),
    pytest.param(E(sp.Max(0, -3 * S) ** 2), sp.Rational(9, 2), id="positive-part-scaled"),
    pytest.param(E(sp.Min(0, S) ** 4), E(S**4) / 2, id="negative-part-fourth"),
    pytest.param(E(sp.Max(0, L) ** 2), b**2, id="positive-part-laplace"),
    pytest.param(E(sp.Max(0, 2 * (X - mu)) ** 2), 2 * s2, id="positive-part-centred-normal"),
    pytest.param(E(sp.Max(Y - (alpha + beta) / 2, 0) ** 2), (beta - alpha) ** 2 / 24,
                 id="positive-part-uniform"),
    pytest.param(E(W(i, j)), E(W.generic), id="family-member-moment"),
    pytest.param(E(W(1, 2) * W(1, 3)), E(W.generic) ** 2, id="iid-distinct-members"),
    pytest.param(E(W(1, 2) ** 2 * h(2) ** 2), E(W.generic**2), id="families-independent"),
    pytest.param(E(h(1) * h(2)), 0, id="uncorrelated-family-pair"),
    pytest.param(E(sp.exp(G(3))), E(sp.exp(G.generic)), id="single-member-is-generic"),
    pytest.param(E(M(i, j) ** 2), p, id="bernoulli-family-mask"),
    pytest.param(E(sp.Sum(x(k) * W(i, k), (k, 1, d))), E(W.generic) * sp.Sum(x(k), (k, 1, d)),
                 id="sum-linearity"),
    pytest.param(sp.Sum(Var(W(i, j) * h(j)), (j, 1, d)), d * Var(W * h), id="sum-identically-distributed"),
    pytest.param(E(sp.Sum(W(i, j), (j, 1, d)) ** 2), d * E(W.generic**2) + d * (d - 1) * E(W.generic) ** 2,
                 id="square-of-sum"),
    pytest.param(sp.Sum(sp.Sum(E(W(i, j) * W(i, k)), (j, 1, d)), (k, 1, d)),
                 d * E(W.generic**2) + d * (d - 1) * E(W.generic) ** 2, id="double-sum-of-expectations"),
]


@pytest.mark.parametrize(("expr", "expected"), RULES)
def test_reduce_rule(expr: sp.Basic, expected: sp.Basic) -> None:
    assert same(expr, expected)


def test_reduce_is_idempotent_and_leaves_plain_expressions_alone() -> None:
    once = SPACE.reduce(Var(A * B) + E(sp.Sum(G(j) ** 2, (j, 1, d))))
    assert SPACE.reduce(once) == once
    plain = sp.sin(c) + x(k)
    assert SPACE.reduce(plain) is plain


def test_another_algebras_expectation_is_left_alone() -> None:
    w = sp.MatrixSymbol("w", d, 1)
    foreign = E(sp.Trace(w * w.T))
    assert SPACE.reduce(foreign + E(2 * A)) == foreign + 2 * E(A)


def test_undeclared_symbols_and_functions_are_constants() -> None:
    assert SPACE.reduce(E(x(k) * A + c)) == x(k) * E(A) + c


def test_sum_over_identically_distributed_terms_loses_its_index() -> None:
    reduced = SPACE.reduce(sp.Sum(Var(W(i, j) * h(j)), (j, 1, d)))
    assert not reduced.has(sp.Sum)
    assert sp.expand(reduced - d * SPACE.reduce(Var(W * h))) == 0


# -- dependence: what reduce must not do ---------------------------------------------------
NOT_FACTORED = [
    pytest.param(E(A * B), E(A * B), id="no-declaration"),
    pytest.param(E(X * A), E(A * X), id="independent-of-someone-else"),
    pytest.param(E(U1**2 * U2**2), E(U1**2 * U2**2), id="uncorrelated-is-not-independent"),
    pytest.param(E(P * Q * A), E(A * P * Q), id="pairwise-is-not-mutual"),
    pytest.param(E(G(1) * G(2)), E(G(1) * G(2)), id="dependent-family"),
    pytest.param(E(h(1) ** 2 * h(2) ** 2), E(h(1) ** 2 * h(2) ** 2), id="uncorrelated-family-squares"),
    pytest.param(E(sp.Max(0, T) ** 2), E(sp.Max(0, T) ** 2), id="positive-part-not-symmetric"),
    pytest.param(E(sp.Max(0, S + 1) ** 2), E(sp.Max(0, S + 1) ** 2), id="positive-part-shifted"),
    pytest.param(E(sp.Max(0, S) ** 3), E(sp.Max(0, S) ** 3), id="positive-part-odd-power"),
    pytest.param(E(sp.Max(0, X) ** 2), E(sp.Max(0, X) ** 2), id="normal-not-centred"),
]


@pytest.mark.parametrize(("expr", "expected"), NOT_FACTORED)
def test_reduce_keeps_dependence(expr: sp.Basic, expected: sp.Basic) -> None:
    assert SPACE.reduce(expr) == expected


def test_variance_of_a_dependent_sum_keeps_the_covariance() -> None:
    residual = sp.expand(SPACE.reduce(Var(A + B) - Var(A) - Var(B)))
    assert residual != 0
    assert sp.expand(residual - SPACE.reduce(2 * Cov(A, B))) == 0


def test_declaring_independence_changes_the_normal_form() -> None:
    space = ProbabilitySpace()
    a = space.variable("a", Generic())
    e = space.variable("e", Generic())
    before = space.fingerprint()
    assert space.reduce(E(a * e)) == E(a * e)
    space.independent(a, e)
    assert space.reduce(E(a * e)) == E(a) * E(e)
    assert space.fingerprint() != before


def test_an_equation_that_ties_independent_variables_ends_their_independence() -> None:
    space = ProbabilitySpace()
    a, b, c = (space.variable(n, Generic()) for n in "abc")
    z = sp.Symbol("z", real=True)
    space.independent(a, b, c)
    found = space.tied_by([sp.Eq(b, 2 * a + 1)])
    assert found is not None
    tied, names = found
    assert names == ("a", "b")
    assert tied.reduce(E(a * b)) == E(a * b)  # no longer independent of each other
    assert tied.reduce(E(a * c)) == E(a) * E(c) and tied.reduce(E(b * c)) == E(b) * E(c)  # c still is
    assert space.reduce(E(a * b)) == E(a) * E(b) and tied.fingerprint() != space.fingerprint()  # a copy
    # a name defined from them (z = ab), a constant, or a relation that is no equation ties nothing
    assert space.tied_by([sp.Eq(z, a * b), sp.Eq(a, 3), sp.Gt(a, b)]) is None


# -- true identities ---------------------------------------------------------------------------
def _product_variance(x0: sp.Basic, y0: sp.Basic) -> tuple[sp.Basic, sp.Basic]:
    return Var(x0 * y0), Var(x0) * Var(y0) + Var(x0) * E(y0) ** 2 + Var(y0) * E(x0) ** 2


IDENTITIES = [
    pytest.param(*_product_variance(P, Q), id="product-variance-generic"),
    pytest.param(*_product_variance(X, Y), id="product-variance-normal-uniform"),
    pytest.param(*_product_variance(R, Z), id="product-variance-bernoulli-generic"),
    pytest.param(*_product_variance(W, h), id="product-variance-families"),
    pytest.param(Var(X + Y), Var(X) + Var(Y), id="variance-of-independent-sum"),
    pytest.param(Cov(X + Y, X - Y), Var(X) - Var(Y), id="covariance-of-sum-and-difference"),
    pytest.param(Var(U1 + U2), 2 * v, id="uncorrelated-variances-add"),
    pytest.param(Var(c * A), c**2 * Var(A), id="variance-scales-quadratically"),
    pytest.param(E(sp.Sum(W(i, j) * h(j), (j, 1, d)) + c), sp.Sum(E(W(i, j)) * E(h(j)), (j, 1, d)) + c,
                 id="preactivation-mean"),
    pytest.param(Var(sp.Sum(W(i, j) * h(j), (j, 1, d)) + c), sp.Sum(Var(W(i, j) * h(j)), (j, 1, d)),
                 id="preactivation-variance"),
    pytest.param(Var(sp.Sum(W(i, j) * h(j), (j, 1, d))), d * (Var(W) + E(W) ** 2),
                 id="preactivation-closed-form"),
    pytest.param(E(sp.Max(0, S) ** 2), Var(S) / 2, id="relu-second-moment"),
]


@pytest.mark.parametrize(("lhs", "rhs"), IDENTITIES)
def test_true_identity_reduces_to_zero(lhs: sp.Basic, rhs: sp.Basic) -> None:
    assert sp.expand(SPACE.reduce(lhs) - SPACE.reduce(rhs)) == 0


@pytest.mark.parametrize(
    ("body", "power"),
    [
        pytest.param(W(1, j), 3, id="iid-cube"),
        pytest.param(W(1, j), 4, id="iid-fourth"),
        pytest.param(x(j) * W(1, j), 3, id="weighted-cube"),
        pytest.param(h(j), 2, id="uncorrelated-square"),
        pytest.param(G(j), 2, id="dependent-square"),
        pytest.param(x(j) * W(1, j) + h(j), 2, id="mixed"),
        pytest.param(M(1, j) * x(j), 2, id="dropout-mask"),
    ],
)
def test_symbolic_sum_agrees_with_every_small_dimension(body: sp.Expr, power: int) -> None:
    symbolic = SPACE.reduce(E(sp.Sum(body, (j, 1, d)) ** power))
    for n in range(1, 5):
        concrete = SPACE.reduce(E(sp.Add(*[body.subs(j, q) for q in range(1, n + 1)]) ** power))
        assert sp.expand(symbolic.subs(d, n).doit() - concrete) == 0, n


# -- hypotheses ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        pytest.param(Independent(X, Y), True, id="declared"),
        pytest.param(Independent(X**2, sp.exp(Y)), True, id="functions-of-independent"),
        pytest.param(Independent(A, B), None, id="undeclared"),
        pytest.param(Independent(P, Q, A), None, id="not-mutual"),
        pytest.param(Independent(W(i, 1), h(2)), True, id="families"),
        pytest.param(Independent(W(i, 1), W(i, 2)), True, id="iid-members"),
        pytest.param(Independent(W(i, j), W(i, k)), None, id="members-may-coincide"),
        pytest.param(Uncorrelated(U1, U2), True, id="uncorrelated"),
        pytest.param(Uncorrelated(X, Y), True, id="independent-is-uncorrelated"),
        pytest.param(Uncorrelated(A, B), None, id="uncorrelated-undeclared"),
        pytest.param(sp.Eq(A, B), None, id="not-a-hypothesis"),
    ],
)
def test_holds(statement: sp.Basic, expected: bool | None) -> None:
    assert SPACE.holds(statement) is expected


def test_owns_and_fingerprint() -> None:
    assert SPACE.owns(E(A) + 1) and SPACE.owns(Var(c)) and not SPACE.owns(A + 1)
    assert "independent(P | Q)" in SPACE.fingerprint()
    assert _space().fingerprint() == SPACE.fingerprint()


# -- models ---------------------------------------------------------------------------------------
VALUES = {sym: sp.S(value) for sym, value in
          {mu: sp.Rational(1, 3), s2: 2, alpha: -1, beta: 2, m: sp.Rational(1, 2), v: 3, c: 5, b: 2,
           p: sp.Rational(1, 4), d: 3}.items()}


def _value(model_apply: Callable[[sp.Basic], sp.Basic], expr: sp.Basic) -> sp.Basic | None:
    try:
        out = model_apply(expr)
    except ModelError:
        return None
    assert not out.has(E, Var, Cov)
    return sp.nsimplify(sp.expand(sp.sympify(out).xreplace(VALUES).doit()))


SLIPS = [
    pytest.param(E(A * B), E(A) * E(B), id="factor-without-independence"),
    pytest.param(E(X * A), E(X) * E(A), id="normal-times-generic-without-independence"),
    pytest.param(Var(A + B), Var(A) + Var(B), id="variance-of-dependent-sum"),
    pytest.param(Var(c * A), c * Var(A), id="variance-scales-linearly"),
    pytest.param(E(A**2), E(A) ** 2, id="square-of-mean"),
    pytest.param(E(X**2), E(X) ** 2, id="square-of-mean-normal"),
    pytest.param(E(U1**2 * U2**2), E(U1**2) * E(U2**2), id="uncorrelated-treated-as-independent"),
    pytest.param(E(sp.Max(0, T) ** 2), Var(T) / 2, id="relu-without-symmetry"),
    pytest.param(E(G(1) * G(2)), E(G(1)) * E(G(2)), id="dependent-family-members"),
    pytest.param(E(R**2), p**2, id="mask-squared"),
]


@pytest.mark.parametrize(("lhs", "rhs"), SLIPS)
def test_a_slip_is_refuted_by_an_early_model(lhs: sp.Basic, rhs: sp.Basic) -> None:
    models = list(SPACE.models(random.Random(0)))[:3]
    refuting = [mod for mod in models if _value(mod.apply, lhs - rhs) not in (None, 0)]
    assert refuting, "no model among the first three refutes the slip"
    assert "takes" in refuting[0].describe()


TRUE_IN_EVERY_MODEL = [
    *IDENTITIES,
    pytest.param(E(U1 * U2), E(U1) * E(U2), id="uncorrelated-pair"),
    pytest.param(E(W(1, 1) * W(1, 2)), E(W(1, 1)) * E(W(1, 2)), id="iid-members"),
    pytest.param(E(h(1) * h(2)), 0, id="uncorrelated-members"),
    pytest.param(E(R**2 * Z), p * m, id="mask"),
    pytest.param(R**2 - R, 0, id="mask-pointwise"),
    pytest.param(E(sp.Max(0, X - mu) ** 2), s2 / 2, id="centred-normal-positive-part"),
    pytest.param(E(Y), (alpha + beta) / 2, id="uniform-mean"),
    pytest.param(E(P * Q), E(P) * E(Q), id="declared-independence"),
]


@pytest.mark.parametrize(("lhs", "rhs"), TRUE_IN_EVERY_MODEL)
def test_models_respect_the_declarations(lhs: sp.Basic, rhs: sp.Basic) -> None:
    decided = 0
    for mod in SPACE.models(random.Random(1)):
        value = _value(mod.apply, lhs - rhs)
        if value is not None:
            assert value == 0, mod.describe()
            decided += 1
    assert decided >= 1


def test_models_keep_symbolic_parameters() -> None:
    first = next(SPACE.models(random.Random(0)))
    assert sp.expand(first.apply(E(R)) - p) == 0
    assert sp.expand(first.apply(Var(X)) - s2) == 0
    assert sp.expand(first.apply(Var(U1)) - v) == 0


def test_model_shares_coordinates_unless_declared_independent() -> None:
    space = ProbabilitySpace()
    a = space.variable("a", TwoPoint(-1, 2, sp.Rational(1, 3)))
    e = space.variable("e", TwoPoint(-1, 2, sp.Rational(1, 3)))
    first = next(space.models(random.Random(0)))
    assert first.apply(E(a * e) - E(a) * E(e)) == 2
    assert "takes -1, 2 with probabilities 1/3, 2/3" in first.describe()
    space.independent(a, e)
    for mod in space.models(random.Random(0)):
        assert mod.apply(E(a * e) - E(a) * E(e)) == 0


def test_model_reports_what_it_cannot_evaluate() -> None:
    first = next(SPACE.models(random.Random(0)))
    with pytest.raises(ModelError):
        first.apply(E(W(1, j) * W(1, k)))
    with pytest.raises(ValueError, match="cannot"):
        first.apply(E(sp.exp(sp.Max(0, X))))


def test_two_members_whose_indices_may_coincide() -> None:
    # E[R_ki R_kj] = p^2 + delta_ij p (1 - p) for an i.i.d. Bernoulli family: the case i = j
    # is the second moment, told apart by a Kronecker delta
    space = ProbabilitySpace()
    p = sp.Symbol("p", positive=True)
    R = space.family("R", Bernoulli(p), members="iid")
    W = space.family("W", Generic(), members="dependent")
    k, i, j, m = sp.symbols("k i j m", integer=True)
    got = space.reduce(E(R(k, i) * R(k, j)))
    assert sp.simplify(got - (p**2 + sp.KroneckerDelta(i, j) * p * (1 - p))) == 0
    assert sp.simplify(space.reduce(E(R(k, i) * R(m, j))) - (p**2 + sp.KroneckerDelta(k, m)
                       * sp.KroneckerDelta(i, j) * p * (1 - p))) == 0
    assert space.reduce(E(W(i) * W(j))).has(E)  # members that may depend on each other: left alone
    V = space.family("V", Generic(), members="iid")
    coincide = space.reduce(E(V(i, j) * V(i, k)))  # never E[V]^2: the case j = k is the second moment
    mean, second = E(sp.Symbol("V", real=True)), E(sp.Symbol("V", real=True) ** 2)
    assert sp.expand(coincide - (mean**2 + sp.KroneckerDelta(j, k) * (second - mean**2))) == 0


def test_a_symmetric_law_known_by_its_variance_has_no_third_moment_to_give() -> None:
    """E[X^3] exists only if E|X|^3 does: symmetry about 0 with a finite
    variance does not make it 0 (a Student t with 3 degrees of freedom)."""
    law = Generic(var=1, symmetric=True)
    assert law.moment(1) == 0
    with pytest.raises(NotSupportedError):
        law.moment(3)



def test_a_law_with_a_random_parameter_is_refused() -> None:
    # X ~ N(Y, 1) with Y random is a conditional law: E[X] = Y would equate a number and a variable
    space = ProbabilitySpace()
    space.variable("Y", Normal(0, 1))
    with pytest.raises(InputError, match="random parameter"):
        space.variable("X", Normal(sp.Symbol("Y", real=True), 1))


def test_a_continuous_law_is_never_refuted_with_a_finite_model(make_goal) -> None:
    # E[sign(X)^2] = 1 for a continuous X (P(X = 0) = 0); a law with an atom at 0 is not one
    from symproofs.core.model import Relation
    from symproofs.core.results import Verdict
    from symproofs.verifier.pipeline import check_goal

    space = ProbabilitySpace()
    x = space.variable("X", Generic(mean=1, var=4, continuous=True))
    goal = make_goal(E(sp.sign(x) ** 2), sp.Integer(1), Relation.EQ)
    goal = type(goal)(relation=goal.relation, lhs=goal.lhs, rhs=goal.rhs,
                      context=type(goal.context)(facts=goal.context.facts, algebras=(space,), seed=3))
    assert check_goal(goal).verdict is not Verdict.REFUTED


def test_a_conditional_law_is_refused_in_either_order() -> None:
    space = ProbabilitySpace()
    space.variable("Y", Normal(sp.Symbol("Z", real=True), 1))
    with pytest.raises(InputError, match="random parameter"):
        space.variable("Z", Normal(0, 1))


# -- declared moments: only those of a real law --------------------------------------
def _moment_step(law: Generic, start: Callable[[sp.Symbol], sp.Expr], relation: str,
                 rhs: Callable[[sp.Symbol], sp.Expr]) -> object:
    from symproofs import Chain, Derivation, Step, check
    from symproofs.core.model import Relation

    space = ProbabilitySpace()
    X = space.variable("X", law)
    chain = Chain(start=start(X), steps=(Step(Relation.parse(relation), rhs(X), "j"),))
    return check(Derivation(id="t", title="t", question="Q9.9", algebras=(space,), chains=(chain,))).chains[0].steps[0]


@pytest.mark.parametrize(
    ("law", "start", "rhs"),
    [
        pytest.param(Generic(moments={2: v}, symmetric=True), lambda X: E(X**2), lambda X: 0, id="second-moment"),
        pytest.param(Generic(mean=m, moments={2: v}), lambda X: Var(X), lambda X: 0, id="variance"),
        pytest.param(Generic(mean=0, var=1, moments={4: b}), lambda X: E(X**4), lambda X: 1, id="fourth-moment"),
        pytest.param(Generic(moments={2: v, 4: b}), lambda X: E(X**4), lambda X: E(X**2) ** 2, id="m4-m2-squared"),
        pytest.param(Generic(mean=m, moments={2: v, 3: c, 4: b}), lambda X: E(X**2) * E(X**4),
                     lambda X: E(X**3) ** 2, id="hankel-minor"),
    ],
)
def test_true_moment_inequalities_are_not_refuted(law: Generic, start: Callable[[sp.Symbol], sp.Expr],
                                                  rhs: Callable[[sp.Symbol], sp.Expr]) -> None:
    # no law has E[X^2] = -13/2: the parameters of declared moments are those of a real law
    step = _moment_step(law, start, ">=", rhs)
    assert step.verdict.value == "proved", step.describe()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("law", "start", "relation", "rhs"),
    [
        pytest.param(Generic(moments={2: v}), lambda X: E(X**2), ">=", lambda X: 1, id="second-moment"),
        pytest.param(Generic(mean=0, var=1, moments={4: b}), lambda X: E(X**4), ">=", lambda X: 4, id="fourth"),
        pytest.param(Generic(moments={2: v, 4: b}), lambda X: E(X**4), "<=", lambda X: 3 * E(X**2) ** 2,
                     id="kurtosis"),
    ],
)
def test_false_moment_steps_are_refuted_by_a_real_law(law: Generic, start: Callable[[sp.Symbol], sp.Expr],
                                                      relation: str, rhs: Callable[[sp.Symbol], sp.Expr]) -> None:
    step = _moment_step(law, start, relation, rhs)
    assert step.verdict.value == "refuted", step.describe()  # type: ignore[attr-defined]
    cx = step.counterexample  # type: ignore[attr-defined]
    at = dict(cx.assignment)
    assert all(cond.xreplace(at) is sp.true for cond in law.constraints())
    assert "I" not in cx.model and "sqrt(-" not in cx.model


def test_generic_constraints_are_the_conditions_of_a_moment_sequence() -> None:
    assert Generic(moments={2: v}, symmetric=True).constraints() == (sp.Ge(v, 0),)
    assert set(Generic(mean=m, moments={2: v, 4: b}).constraints()) == {
        sp.Ge(v, 0), sp.Ge(b, 0), sp.Ge(v, m**2), sp.Ge(b, v**2)}
    assert sp.Ge(v * b, c**2) in Generic(moments={2: v, 3: c, 4: b}).constraints()
    assert Generic(mean=m, var=v).constraints() == (sp.Ge(v, 0),)  # E[X^2] = v + m^2 adds nothing
    assert sp.Ge(b, 1) in Generic(mean=0, var=1, moments={4: b}).constraints()
    with pytest.raises(InputError, match="no law has these moments"):
        Generic(mean=0, var=1, moments={4: sp.Rational(1, 2)})
    with pytest.raises(InputError, match="no law has these moments"):
        Generic(moments={2: -1})


def test_moments_realizable() -> None:
    from symproofs.probability.laws import moments_realizable

    r = sp.Rational
    assert moments_realizable({2: 1, 4: 3}) and moments_realizable({1: 0, 3: 5})
    assert moments_realizable({2: 1, 6: r(3, 2)})  # E[X^4] between 1 and sqrt(3/2)
    assert not moments_realizable({2: -1}) and not moments_realizable({2: 1, 4: r(1, 2)})
    assert not moments_realizable({2: 1, 6: r(1, 2)})  # E[X^6] >= E[X^2]^3


def test_a_model_does_not_exist_where_its_law_does_not() -> None:
    space = ProbabilitySpace()
    space.variable("X", Generic(mean=m, moments={2: v}))
    space.variable("Y", Generic(mean=0, var=1, moments={4: b}))
    for mod in itertools.islice(space.models(random.Random(0)), 3):
        assert mod.exists is not None
        assert mod.exists({m: 1, v: 2, b: 3})
        assert not mod.exists({m: 1, v: sp.Rational(-13, 2), b: 3})  # X = m + sqrt(v - m^2) T is not real
        assert not mod.exists({m: 1, v: 2, b: sp.Rational(1, 2)})  # no law has E[X^2] = 1, E[X^4] = 1/2


def _expectation_step(space: ProbabilitySpace, lhs: sp.Basic, rhs: sp.Basic) -> object:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.verifier.pipeline import verify
    d = Derivation(id="pole", title="t", question="T", algebras=(space,),
                   chains=(Chain(start=lhs, steps=(Step(R.EQ, rhs, "?"),)),))
    return verify(d, isolate=False).all_steps[0]


def test_an_expectation_with_a_pole_at_an_atom_may_not_exist() -> None:
    """The powers of a two-valued variable collapse only after the 0/0 at
    an atom is seen: never E[(X^2-1)/(X-1)] = 0 for a random sign X."""
    from symproofs.core.results import Verdict
    from symproofs.probability.laws import Bernoulli, Rademacher
    space = ProbabilitySpace()
    s = space.variable("S", Rademacher())
    b = space.variable("B", Bernoulli(sp.Rational(1, 2)))
    assert space.pole((s**2 - 1) / (s - 1)) is not None
    assert space.pole(sp.Mul(b**2, 1 / b, evaluate=False)) is not None
    assert space.pole(1 / (b + 1)) is None
    for lhs, rhs in ((E((s**2 - 1) / (s - 1)), sp.Integer(0)), (E(s + 1), E((s**2 - 1) / (s - 1))),
                     (E(sp.Mul(b**2, 1 / b, evaluate=False)), sp.Rational(1, 2)), (E((b**2 + b) / b), E(b + 1))):
        step = _expectation_step(space, lhs, rhs)
        assert step.verdict is Verdict.UNKNOWN, step.describe()  # type: ignore[attr-defined]
        assert step.method == "may not exist"  # type: ignore[attr-defined]
    step = _expectation_step(space, E(1 / (b + 1)), sp.Rational(3, 4))
    assert step.verdict is Verdict.PROVED, step.describe()  # type: ignore[attr-defined]


def test_a_polynomial_in_many_two_valued_variables_has_a_value_everywhere() -> None:
    """However many masks a product holds (a 3 x 3 dropout mask has 9), a
    polynomial in them has no pole: its expectation is computed."""
    from symproofs.probability.laws import Bernoulli
    space = ProbabilitySpace()
    p = sp.Symbol("p", positive=True)
    r = space.family("R", Bernoulli(p), members="iid")
    entries = [r.func(i, j) for i in range(1, 4) for j in range(1, 4)]
    assert space.pole(sp.Add(*entries) ** 2) is None
    assert space.pole(sp.Add(*entries[:3]) / entries[0]) is not None  # a denominator that is 0 at R(1, 1) = 0
    assert sp.expand(space.reduce(E(sp.Add(*entries) ** 2)) - (9 * p + 72 * p**2)) == 0


def test_a_continuous_law_is_no_point_mass() -> None:
    # variance 0 is a point mass: an atom, which a law declared continuous has not
    with pytest.raises(InputError, match="no law has these moments"):
        Generic(var=0, symmetric=True, continuous=True)
    s = sp.Symbol("s", nonnegative=True)
    assert sp.Gt(s, 0) in Generic(var=s, continuous=True).constraints()
    assert Generic(var=s).constraints() == ()


# -- one member written two ways ---------------------------------------------------------
ONE = sp.sin(1) ** 2 + sp.cos(1) ** 2  # the index 1, in another form


@pytest.mark.parametrize("index", [
    pytest.param(ONE, id="pythagoras"),
    pytest.param(sp.GoldenRatio**2 - sp.GoldenRatio, id="golden-ratio"),
])
def test_a_member_written_two_ways_is_one_member(index: sp.Expr) -> None:
    from symproofs.core.results import Verdict
    space = ProbabilitySpace()
    fam = space.family("F", Generic(mean=m, var=v), members="iid")
    assert sp.expand(space.reduce(E(fam(index) * fam(1))) - (m**2 + v)) == 0
    for mod in space.models(random.Random(0)):  # the models draw it once, not as two copies
        assert sp.expand(mod.apply(E(fam(index) * fam(1)) - E(fam(1) ** 2))) == 0
    step = _expectation_step(space, E(fam(index) * fam(1)), m**2)
    assert step.verdict is Verdict.REFUTED, step.describe()  # type: ignore[attr-defined]


def test_members_whose_indices_are_not_known_to_differ_are_not_independent() -> None:
    from symproofs.core.results import Verdict
    space = ProbabilitySpace()
    fam = space.family("F", Generic(mean=m, var=v), members="iid")
    k = sp.Symbol("k", integer=True)
    step = _expectation_step(space, E(fam(k) * fam(k**2)), m**2)  # the same member at k = 0 and k = 1
    assert step.verdict is not Verdict.PROVED, step.describe()  # type: ignore[attr-defined]


def test_a_model_is_described_as_it_was_made_and_checked_as_it_grows() -> None:
    space = ProbabilitySpace()
    family = space.family("F", Generic(mean=m, moments={2: v}), members="iid")
    mod = next(space.models(random.Random(0)))
    made = mod.describe()
    assert "F(...) = " in made
    assert mod.exists({m: 1, v: 2})
    mod.apply(E(family(1) * family(2)))  # each member its own coordinates, made after the model
    assert mod.describe() == made
    assert mod.exists({m: 1, v: 2}) and not mod.exists({m: 1, v: sp.Rational(1, 2)})  # the members' root too
