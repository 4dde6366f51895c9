"""The matrix algebra: symbolic proofs, instance checks, exact refutations,
gradients, bounds, limits and logical steps between matrix equations."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.matrices.linalg import (
    DiagSqrt,
    Expectation,
    Grad,
    Jacobian,
    LargestEigenvalue,
    MatSum,
    MaxAbs,
    Norm,
    Scalar,
    Sequence,
    Sigmoid,
    SqNorm,
    diag,
    elementwise,
    hadamard,
    ones,
    shape_problem,
)
from symproofs.matrices.space import MatrixAlgebra, Unroll
from symproofs.probability.space import E
from symproofs.verifier.pipeline import goals_of, verify

n, d = sp.symbols("n d", integer=True, positive=True)
p = sp.Symbol("p", positive=True)
lam = sp.Symbol("lambda", positive=True)
A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
X, R = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("R", n, d)
w, v = sp.MatrixSymbol("w", d, 1), sp.MatrixSymbol("v", d, 1)
y, u, h = sp.MatrixSymbol("y", n, 1), sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("h", n, 1)
Gamma = sp.MatrixSymbol("Gamma", d, d)
L = sp.Symbol("L", real=True)
sigma, dsigma = sp.Function("sigma", real=True), sp.Function("dsigma", real=True)
XR = hadamard(X, R)
ALG = MatrixAlgebra(masks={R: p}, derivatives={sigma: dsigma})
KEEP = (sp.Le(p, 1),)
GAMMA = Given(name="Gamma", statement=sp.Eq(Gamma, DiagSqrt(X.T * X)))


def check(start: Any, rel: Relation, end: Any, *, givens: tuple[Given, ...] = (), lemmas: tuple[Lemma, ...] = (),
          uses: tuple[str, ...] = (), assumptions: tuple[Any, ...] = KEEP, algebra: MatrixAlgebra = ALG
          ) -> StepResult:
    deriv = Derivation(id="t", title="t", question="Q0", algebras=(algebra,), givens=givens, lemmas=lemmas,
                       assumptions=assumptions, chains=(Chain(start=start, steps=(Step(rel, end, "claim", uses),)),))
    return verify(deriv, isolate=False).chains[0].steps[0]


def assert_verdict(r: StepResult, verdict: Verdict) -> None:
    """``UNKNOWN`` in a table means *not proved*: a false step that a model
    refutes exactly is just as right."""
    if verdict is Verdict.UNKNOWN:
        assert r.verdict is not Verdict.PROVED, r.describe()
    else:
        assert r.verdict is verdict, r.describe()


LOSS = Given(name="loss", statement=sp.Eq(L, SqNorm(y - X * w) / 2 + lam * SqNorm(w) / 2))

SYMBOLIC = [
    pytest.param((A * B).T, B.T * A.T, (), id="transpose-of-product"),
    pytest.param(A.I * A * B, B, (), id="inverse-cancels"),
    pytest.param(Scalar(w.T * X.T * y), Scalar(y.T * X * w), (), id="scalar-is-its-transpose"),
    pytest.param(SqNorm(X * w - y), Scalar(w.T * X.T * X * w) - 2 * Scalar(y.T * X * w) + SqNorm(y), (),
                 id="expand-squared-norm"),
    pytest.param((sp.Identity(n) - u * u.T / Norm(u) ** 2) * u, sp.ZeroMatrix(n, 1), (), id="projection-kills-u"),
    pytest.param(Expectation(XR), p * X, (), id="mask-mean"),
    pytest.param(E(SqNorm(XR * w - y)), Scalar(w.T * Expectation(XR.T * XR) * w) - 2 * p * Scalar(y.T * X * w)
                 + SqNorm(y), (), id="linearity-of-expectation"),
    pytest.param(Scalar(w.T * Gamma**2 * w), SqNorm(Gamma * w), (GAMMA,), id="diagonal-is-symmetric"),
    pytest.param(Grad(L, w), -X.T * y + (X.T * X + lam * sp.Identity(d)) * w, (LOSS,), id="ridge-gradient"),
    pytest.param(Jacobian(A * elementwise(sigma, h) + y, h), A * diag(elementwise(dsigma, h)), (),
                 id="jacobian-of-elementwise"),
]


@pytest.mark.parametrize(("start", "end", "givens"), SYMBOLIC)
def test_proved_at_symbolic_dimension(start: Any, end: Any, givens: tuple[Given, ...]) -> None:
    r = check(start, Relation.EQ, end, givens=givens)
    assert r.verdict is Verdict.PROVED
    assert r.trust is Trust.SYMBOLIC, r.method


INSTANCES = [
    pytest.param(Expectation(XR.T * XR), p**2 * X.T * X + p * (1 - p) * sp.DiagonalMatrix(X.T * X),
                 "all shapes with d, n in 1..3", id="mask-second-moment"),
    pytest.param(diag(u) * y, hadamard(u, y), "all shapes with n in 1..3", id="diag-times-vector"),
    pytest.param(Scalar(u.T * diag(y) * u), Scalar(y.T * hadamard(u, u)), "all shapes with n in 1..3",
                 id="weighted-squares"),
]


@pytest.mark.parametrize(("start", "end", "shapes"), INSTANCES)
def test_proved_on_instances(start: Any, end: Any, shapes: str) -> None:
    r = check(start, Relation.EQ, end)
    assert (r.verdict, r.trust, r.method) == (Verdict.PROVED, Trust.INSTANCES, "entrywise on instances")
    assert r.instances == shapes


#: Gamma as students write it, diag(X^T X)^{1/2}: a power of a diagonal matrix, taken entrywise
ROOT = Given(name="Gamma", statement=sp.Eq(Gamma, sp.MatPow(sp.DiagonalMatrix(X.T * X), sp.Rational(1, 2))))


@pytest.mark.parametrize(("factor", "verdict"), [(p * (1 - p), Verdict.PROVED), (p, Verdict.REFUTED)],
                         ids=["second-moment", "variance-factor-missing"])
def test_a_power_of_a_diagonal_matrix_is_taken_entrywise_on_instances(factor: Any, verdict: Verdict) -> None:
    r = check(Expectation(XR.T * XR), Relation.EQ, p**2 * X.T * X + factor * Gamma**2, givens=(ROOT,))
    assert r.verdict is verdict, r.describe()
    assert r.method == ("entrywise on instances" if verdict is Verdict.PROVED else "matrix instance")


def _substitute(e: Any, assignment: tuple[tuple[Any, Any], ...]) -> Any:
    values = dict(assignment)
    dims = {k: v for k, v in values.items() if isinstance(k, sp.Symbol)}
    e = e.xreplace(dims)
    mats = {k.xreplace(dims) if hasattr(k, "xreplace") else k: v for k, v in values.items()
            if isinstance(k, sp.MatrixSymbol)}
    return e.xreplace(mats).doit()


WRONG = [
    pytest.param((A * B).T, A.T * B.T, id="transpose-of-product"),
    pytest.param((A + B).I, A.I + B.I, id="inverse-of-sum"),
    pytest.param(A * B, B * A, id="commuting-factors"),
    pytest.param(Scalar(u.T * A * y), Scalar(u.T * A.T * y), id="transpose-in-the-wrong-place"),
    pytest.param(Expectation(XR), X, id="missing-factor-p"),
    pytest.param(Expectation(XR.T * XR), p**2 * X.T * X + p * (1 - p) * DiagSqrt(X.T * X), id="Gamma-not-squared"),
]


@pytest.mark.parametrize(("start", "end"), WRONG)
def test_wrong_steps_are_refuted_with_exact_matrices(start: Any, end: Any) -> None:
    r = check(start, Relation.EQ, end)
    assert r.verdict is Verdict.REFUTED
    assert r.method == "matrix instance"
    cx = r.counterexample
    assert cx is not None
    assert any(isinstance(val, sp.MatrixBase) for _, val in cx.assignment)
    assert all(x.is_Rational for _, val in cx.assignment if isinstance(val, sp.MatrixBase) for x in val)
    if not start.has(Expectation):
        left, right = _substitute(start, cx.assignment), _substitute(end, cx.assignment)
        assert _matrix(left) != _matrix(right)
        assert _matrix(left) == _matrix(cx.lhs)


def _matrix(value: Any) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(value) if isinstance(value, sp.MatrixBase) else sp.ImmutableMatrix([[value]])


def test_counterexample_is_at_the_smallest_failing_shape() -> None:
    r = check(A * B, Relation.EQ, B * A)
    assert r.counterexample is not None
    assert dict(r.counterexample.assignment)[n] == 2


def test_a_mask_outside_an_expectation_takes_values_zero_or_one() -> None:
    r = check(SqNorm(XR * w), Relation.EQ, SqNorm(X * w))
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None
    masks = [val for key, val in r.counterexample.assignment if getattr(key, "name", "") == "R"]
    assert masks and set(masks[0]) <= {0, 1}


def test_gradient_of_an_undeclared_loss_is_not_taken_as_zero() -> None:
    r = check(Grad(L, w), Relation.EQ, sp.ZeroMatrix(d, 1))
    assert r.verdict is not Verdict.PROVED


def test_wrong_gradient_is_refuted() -> None:
    r = check(Grad(L, w), Relation.EQ, -X.T * y + X.T * X * w, givens=(LOSS,), assumptions=())
    assert r.verdict is Verdict.REFUTED


M_RIDGE = X.T * X + lam * sp.Identity(d)
LOGICAL = [
    pytest.param(sp.Eq(Grad(L, w), sp.ZeroMatrix(d, 1)), sp.Eq(M_RIDGE * w, X.T * y), Verdict.PROVED,
                 id="stationary-point"),
    pytest.param(sp.Eq(M_RIDGE * w, X.T * y), sp.Eq(w, M_RIDGE.I * X.T * y), Verdict.PROVED,
                 id="positive-definite-inverse"),
    pytest.param(sp.Eq(M_RIDGE * w, X.T * y), sp.Eq(X.T * X * w, X.T * y), Verdict.UNKNOWN, id="dropped-lambda"),
    pytest.param(sp.Eq((X.T * X - lam * sp.Identity(d)) * w, X.T * y),
                 sp.Eq(w, (X.T * X - lam * sp.Identity(d)).I * X.T * y), Verdict.UNKNOWN,
                 id="inverse-of-an-indefinite-matrix"),
]


@pytest.mark.parametrize(("start", "end", "verdict"), LOGICAL)
def test_equivalent_matrix_equations(start: Any, end: Any, verdict: Verdict) -> None:
    r = check(start, Relation.IFF, end, givens=(LOSS,), assumptions=())
    assert_verdict(r, verdict)


def test_nonnegative_combination_of_squared_norms() -> None:
    r = check(2 * p**2 * SqNorm(X * v) + 2 * p * (1 - p) * SqNorm(Gamma * v), Relation.GE, sp.S.Zero)
    assert (r.verdict, r.method) == (Verdict.PROVED, "nonnegative combination of squared norms")


def test_a_quadratic_form_of_an_arbitrary_matrix_is_not_nonnegative() -> None:
    r = check(Scalar(u.T * A * u), Relation.GE, sp.S.Zero)
    assert r.verdict is not Verdict.PROVED


def test_a_gram_form_is_nonnegative() -> None:
    r = check(Scalar(v.T * X.T * X * v) + lam * Scalar(v.T * v), Relation.GE, sp.S.Zero)
    assert r.verdict is Verdict.PROVED


SUBMULT = Lemma(name="submultiplicative", statement=sp.Le(Norm(A * B), Norm(A) * Norm(B)), variables=(A, B))
# lambda_1(A A^T) (not A^T A, which the spectral-norm strategy reads as ||A||^2 itself): the lemma does the work
SPECTRAL = Lemma(name="spectral", statement=sp.Eq(Norm(A), sp.sqrt(LargestEigenvalue(A * A.T))), variables=(A,))
C = sp.MatrixSymbol("C", n, n)


@pytest.mark.parametrize(("start", "rel", "end", "lemma", "verdict"), [
    pytest.param(Norm(C * B * A), Relation.LE, Norm(C) * Norm(B * A), SUBMULT, Verdict.PROVED, id="sub-product"),
    pytest.param(Norm(C) * Norm(B), Relation.LE, Norm(C * B), SUBMULT, Verdict.UNKNOWN, id="reversed"),
    pytest.param(Norm(C) * Norm(B), Relation.EQ, sp.sqrt(LargestEigenvalue(C * C.T)) * Norm(B), SPECTRAL,
                 Verdict.PROVED, id="rewrite-one-factor"),
])
def test_cited_matrix_lemmas(start: Any, rel: Relation, end: Any, lemma: Lemma, verdict: Verdict) -> None:
    r = check(start, rel, end, lemmas=(lemma,), uses=(lemma.name,))
    assert_verdict(r, verdict)
    if verdict is Verdict.PROVED:
        assert r.trust is Trust.GIVEN


gamma, delta = sp.Symbol("gamma", positive=True), sp.Symbol("delta", nonnegative=True)
T = sp.Symbol("T", integer=True, positive=True)
BOUNDS = (Given(name="eig", statement=sp.Le(LargestEigenvalue(A.T * A), delta**2 / gamma**2)),
          Given(name="act", statement=sp.Le(MaxAbs(u), gamma)))


@pytest.mark.parametrize(("end", "verdict"), [
    pytest.param(delta, Verdict.PROVED, id="monotone"),
    pytest.param(delta / 2, Verdict.UNKNOWN, id="bound-too-small"),
])
def test_bounds_from_hypotheses(end: Any, verdict: Verdict) -> None:
    r = check(sp.sqrt(LargestEigenvalue(A.T * A)) * MaxAbs(u), Relation.LE, end, givens=BOUNDS,
              uses=("eig", "act"), assumptions=(sp.Lt(delta, 1),))
    assert_verdict(r, verdict)


@pytest.mark.parametrize(("assumption", "verdict"), [
    pytest.param(sp.Lt(delta, 1), Verdict.PROVED, id="delta-below-one"),
    pytest.param(sp.Le(delta, 1), Verdict.UNKNOWN, id="delta-may-be-one"),
])
def test_geometric_limit(assumption: Any, verdict: Verdict) -> None:
    r = check(delta**T, Relation.TENDS, sp.S.Zero, assumptions=(assumption,))
    assert_verdict(r, verdict)


def test_a_limit_is_never_refuted_as_an_equation() -> None:
    r = check(delta**T, Relation.TENDS, sp.S.Zero, assumptions=())
    assert r.verdict is not Verdict.PROVED
    if r.verdict is Verdict.REFUTED:  # only as a limit: at a point where the sequence does not tend to 0
        assert r.method == "geometric sequence"


k, t = sp.Symbol("k", integer=True), sp.Symbol("t", integer=True, positive=True)
hs, xs = Sequence("h", n), Sequence("x", n)
U = sp.MatrixSymbol("U", n, n)
RNN = (Given(name="rnn", statement=sp.Eq(hs[k], elementwise(Sigmoid, U * hs[k - 1] + A * xs[k])), index=k,
             valid_from=1),
       Given(name="loss", statement=sp.Eq(L, sp.Sum(SqNorm(hs[k]), (k, 1, T)))))
UNROLLED = MatrixAlgebra(max_dim=1, unroll=Unroll(horizon=T, length=3, boundary=(hs[0],)))


@pytest.mark.parametrize(("term", "verdict"), [
    pytest.param(xs[k], Verdict.PROVED, id="input-at-k"),
    pytest.param(xs[k + 1], Verdict.REFUTED, id="input-at-k-plus-one"),
])
def test_gradients_through_time_on_the_unrolled_network(term: Any, verdict: Verdict) -> None:
    s_prime = diag(hadamard(hs[k], sp.OneMatrix(n, 1) - hs[k]))
    r = check(Grad(L, A), Relation.EQ, MatSum(s_prime * Grad(L, hs[k]) * term.T, (k, 1, T)), givens=RNN,
              assumptions=(), algebra=UNROLLED)
    assert r.verdict is verdict
    if verdict is Verdict.PROVED:
        assert r.trust is Trust.INSTANCES
        assert r.instances == "all shapes with n in 1..1; unrolled for T = 3"


def test_a_backward_recurrence_stops_at_its_last_index() -> None:
    from symproofs.core.facts import Facts
    from symproofs.matrices.calculus import Definitions

    back = Given(name="back", statement=sp.Eq(hs[k], elementwise(Sigmoid, U * hs[k + 1] + A * xs[k])), index=k,
                 valid_to=T)
    assert back.valid_to == T
    symbolic = Definitions.from_givens((back,), Facts((sp.Le(t, T),)))
    assert symbolic.lookup(hs[t]) is not None and symbolic.lookup(hs[T]) is not None
    assert symbolic.lookup(hs[T + 1]) is None and symbolic.lookup(hs[T + 2]) is None
    unrolled = Definitions.from_givens((back,), subs={T: 3, n: 1})
    assert unrolled.lookup(hs[3].xreplace({n: 1})) is not None
    assert unrolled.lookup(hs[4].xreplace({n: 1})) is None  # a free initial state


def test_symbolic_gradient_agrees_with_the_instances() -> None:
    f = Given(name="f", statement=sp.Eq(L, Scalar(v.T * X.T * X * v) + Scalar(y.T * X * v)))
    r = check(Grad(L, v), Relation.EQ, 2 * X.T * X * v + X.T * y, givens=(f,), assumptions=())
    assert (r.verdict, r.trust) == (Verdict.PROVED, Trust.SYMBOLIC)
    wrong = check(Grad(L, v), Relation.EQ, 2 * X.T * X * v + X.T * y + v, givens=(f,), assumptions=())
    assert wrong.verdict is Verdict.REFUTED


# -- ill-shaped steps -----------------------------------------------------------------
I = sp.Symbol("i", integer=True)  # noqa: E741
J = sp.Symbol("j", integer=True, nonnegative=True)
ILL_SHAPED = [
    pytest.param(hadamard(R.T, X), hadamard(X, R.T), "ill-shaped", id="hadamard-of-transposed-shapes"),
    pytest.param(hadamard(R.T, X), hadamard(R.T, X), "ill-shaped", id="ill-shaped-structural-identity"),
    pytest.param(R.T + X, X + R.T, "ill-shaped", id="sum-of-transposed-shapes"),
    pytest.param(X * X, X * X, "ill-shaped", id="misaligned-product"),
    pytest.param(A + X.T * X, X.T * X + A, "ill-shaped", id="sum-of-n-by-n-and-d-by-d"),
    pytest.param(X, R.T, "ill-shaped", id="sides-of-different-shapes"),
    pytest.param(y[0, -1], y[0, 0], "index out of range", id="negative-column-index"),
    pytest.param(u[0, 0] * y[0, -1], y[0, 0] * u[0, 0], "index out of range", id="negative-index-in-a-product"),
    pytest.param(sp.Sum(y[I + 1, 0], (I, 0, n - 1)), sp.Sum(y[I, 0], (I, 0, n - 1)), "index out of range",
                 id="summed-index-past-the-end"),
    pytest.param(sp.Sum(y[I, 0], (I, 1, n)), sp.Sum(y[I, 0], (I, 0, n - 1)), "index out of range",
                 id="one-based-sum-over-a-vector"),
    pytest.param(sp.Sum(y[I - 1, 0], (I, 0, n - 1)), sp.Sum(y[I, 0], (I, 0, n - 1)), "index out of range",
                 id="summed-index-below-zero"),
    pytest.param(sp.Sum(y[I + 1, 0], (I, 0, d - 1)), sp.Sum(y[I, 0], (I, 0, d - 1)), "index out of range",
                 id="in-range-for-some-dimensions-only"),
    pytest.param(sp.Sum(y.T[I, 0], (I, 0, n - 1)), sp.Sum(y[I, 0], (I, 0, n - 1)), "index out of range",
                 id="transposed-vector-read-down-a-column-of-width-one"),
    pytest.param(sp.Sum(y[I + 1, 0], (I, 0, J), (J, 0, n - 1)), sp.Sum(y[I, 0], (I, 0, J), (J, 0, n - 1)),
                 "index out of range", id="past-the-end-under-a-double-sum"),
]


@pytest.mark.parametrize(("start", "end", "message"), ILL_SHAPED)
def test_ill_shaped_steps_are_not_proved(start: Any, end: Any, message: str) -> None:
    r = check(start, Relation.EQ, end)
    assert r.verdict is Verdict.UNKNOWN
    assert message in r.message


@pytest.mark.parametrize("inside", [
    pytest.param(sp.Sum(y[I, 0], (I, 0, n - 1)), id="the-whole-vector"),
    pytest.param(sp.Sum(y[I + 1, 0], (I, 0, n - 2)), id="shifted-within-range"),
    pytest.param(sp.Sum(y[I + 5, 0], (I, 3, 2)), id="an-empty-sum-reads-nothing"),
    pytest.param(sp.Sum(y[I, 0], (I, 0, J), (J, 0, n - 1)), id="inner-bound-from-the-outer-index"),
])
def test_summed_indices_that_may_be_in_range_are_well_formed(inside: Any) -> None:
    assert shape_problem(inside) is None


def test_an_ill_shaped_given_makes_the_step_unchecked() -> None:
    bad = Given(name="bad", statement=sp.Eq(h, A * u + X * u))
    r = check(h, Relation.EQ, A * u + X * u, givens=(bad,), assumptions=())
    assert r.verdict is Verdict.UNKNOWN
    assert "ill-shaped" in r.message


def test_symbolic_index_never_wraps_around() -> None:
    i = sp.Symbol("i", integer=True)
    r = check(y[i, -1], Relation.EQ, y[i, 0], assumptions=())
    assert r.verdict is Verdict.UNKNOWN
    assert "index out of range" in r.message


@pytest.mark.parametrize(("max_dim", "verdict", "where"), [
    # the fixed row 1 marks indices 0 and 1: degree 2 + 2 marked indices asks for sizes up to 4
    pytest.param(3, Verdict.PROVED, "all shapes with n in 1..4; not at n = 1 (an index is out of range)",
                 id="skips-the-shape-without-that-entry"),
    pytest.param(1, Verdict.UNKNOWN, "", id="no-shape-has-that-entry"),
])
def test_an_entry_outside_a_shape_is_not_a_checked_instance(max_dim: int, verdict: Verdict, where: str) -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.strategies import State

    alg = MatrixAlgebra(max_dim=max_dim)
    lhs, rhs = (diag(u) * y)[1, 0], u[1, 0] * y[1, 0]
    goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(()), algebras=(alg,)))
    out = alg.on_instances(goal, State(diff=lhs - rhs))  # the instance check on its own
    if verdict is Verdict.PROVED:
        assert out is not None and out.verdict is verdict and out.instances == where
    else:
        assert out is not None and out.verdict is verdict
        assert "ill-shaped" in out.message and "index is out of range" in out.message
    # entrywise at symbolic n, the step holds wherever the entry it names exists (n >= 2)
    r = check(lhs, Relation.EQ, rhs, assumptions=(), algebra=alg)
    assert r.verdict is Verdict.PROVED and r.trust is Trust.SYMBOLIC


def test_a_wrong_entry_step_is_refuted_where_the_entry_exists() -> None:
    r = check((diag(u) * y)[1, 0], Relation.EQ, u[1, 0] * y[0, 0], assumptions=(), algebra=MatrixAlgebra())
    assert r.verdict is Verdict.REFUTED
    assert r.counterexample is not None and dict(r.counterexample.assignment)[n] >= 2  # u[1, 0] exists


# -- the exact polynomial check at one shape ----------------------------------------------
def _at(e: Any, size: int = 2) -> Any:
    return e.xreplace({n: size, d: size})


S_ = Sigmoid
POLY = [
    pytest.param(Jacobian(elementwise(S_, A * h), h), diag(hadamard(elementwise(S_, A * h),
                 sp.OneMatrix(n, 1) - elementwise(S_, A * h))) * A, True, id="sigmoid-jacobian"),
    pytest.param(Jacobian(elementwise(S_, A * h), h), diag(elementwise(S_, A * h)) * A, False,
                 id="sigmoid-jacobian-without-the-factor-one-minus-s"),
    pytest.param(elementwise(S_, A * (u + y)), elementwise(S_, A * u + A * y), True,
                 id="equal-arguments-share-an-activation"),
    pytest.param(elementwise(S_, A * u), elementwise(S_, A.T * u), False, id="different-arguments"),
    pytest.param(Jacobian(elementwise(sigma, B * elementwise(S_, A * h)), h),
                 diag(elementwise(dsigma, B * elementwise(S_, A * h))) * B
                 * diag(hadamard(elementwise(S_, A * h), sp.OneMatrix(n, 1) - elementwise(S_, A * h))) * A, True,
                 id="chain-rule-through-two-activations"),
    pytest.param(Grad(L, w), -X.T * y + (X.T * X + lam * sp.Identity(d)) * w, True, id="ridge-gradient"),
    pytest.param(Grad(L, w), -X.T * y + X.T * X * w, False, id="ridge-gradient-without-lambda"),
    pytest.param((A + B).I, A.I + B.I, False, id="inverse-is-not-modelled"),
]


@pytest.mark.parametrize(("lhs", "rhs", "equal"), POLY)
def test_polynomial_check_at_one_shape(lhs: Any, rhs: Any, equal: bool) -> None:
    from symproofs.matrices.calculus import Definitions
    from symproofs.matrices.instances import Explicit, entry_zero
    from symproofs.matrices.polynomials import poly_equal

    defs = Definitions.from_givens((LOSS,), subs={n: 2, d: 2})
    derivatives = {sigma: dsigma}
    assert poly_equal(defs, derivatives, _at(lhs), _at(rhs)) is equal
    if equal:  # the slower entrywise check by sympy agrees
        ev = Explicit(defs, derivatives=derivatives)
        a, b = ev.value(_at(lhs)), ev.value(_at(rhs))
        assert all(entry_zero(x) for x in a - b)


def test_an_exponent_past_the_packed_field_is_refused_not_wrapped() -> None:
    from symproofs.matrices.calculus import Unsupported
    from symproofs.matrices.polynomials import Generators, _p_mul

    p = Generators({}).leaf("x")
    with pytest.raises(Unsupported):
        for _ in range(70):  # x^(2^70) would carry into the next generator's exponent
            p = _p_mul(p, p)


@pytest.mark.parametrize(("c", "zero"), [
    pytest.param((p**2 - 1) / (p - 1) - (p + 1), True, id="cancels-only-after-clearing-denominators"),
    pytest.param((p**2 - 1) / (p - 1) - p, False, id="nonzero-rational-function"),
    pytest.param(Scalar(u.T * y) ** 2 / p + 1 / p, False, id="matrix-scalars-as-unknowns"),
    pytest.param(sp.sqrt(p) * sp.sqrt(p + 1) - sp.sqrt(p * (p + 1)), True, id="radicals-by-cancellation"),
    pytest.param(sp.sqrt(p) - p, False, id="radical-not-zero"),
])
def test_scalar_coefficient_zero_test(c: Any, zero: bool) -> None:
    from symproofs.matrices.forms import _scalar_zero

    assert _scalar_zero(c) is zero


# -- instances are not proofs of the general case
def test_a_dimension_used_as_a_number_is_not_proved_on_instances() -> None:
    A = sp.MatrixSymbol("A", n, n)
    d = Derivation(id="poly", title="poly", question="T", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=(n - 1) * (n - 2) * (n - 3) * A,
                                 steps=(Step(Relation.EQ, sp.ZeroMatrix(n, n), "vanishes"),)),))
    res = verify(d, isolate=False)
    assert res.status is Verdict.REFUTED  # at n = 4
    cx = res.all_steps[0].counterexample
    assert cx is not None and "n = 4" in cx.describe()


def _cubic(t: sp.Expr) -> sp.Expr:
    """Zero at t = 1, 2, 3 only."""
    return (t - 1) * (t - 2) * (t - 3)


_TR_I = sp.Trace(sp.Identity(n))
_ONES = sp.OneMatrix(n, 1)


@pytest.mark.parametrize("lhs", [
    pytest.param(_cubic(_TR_I) * sp.Trace(A), id="trace-of-identity"),
    pytest.param(_cubic(sp.Trace(sp.OneMatrix(n, n))) * sp.Trace(A), id="trace-of-ones"),
    pytest.param(_cubic(sp.Trace(A + sp.Identity(n)) - sp.Trace(A)) * sp.Trace(B), id="identity-inside-a-trace"),
    pytest.param(_cubic((_ONES.T * (A + sp.Identity(n)) * _ONES)[0, 0] - (_ONES.T * A * _ONES)[0, 0])
                 * sp.Trace(A), id="identity-read-through-an-entry"),
])
def test_a_dimension_hidden_in_a_scalar_of_matrices_is_not_proved_on_instances(lhs: sp.Expr) -> None:
    d = Derivation(id="hidden", title="hidden", question="T", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=lhs, steps=(Step(Relation.EQ, sp.S.Zero, "vanishes"),)),))
    step = verify(d, isolate=False).all_steps[0]
    assert step.verdict is not Verdict.PROVED, step.instances
    if step.verdict is Verdict.REFUTED:  # then at the first size where the cubic is not 0
        assert step.counterexample is not None and "n = 4" in step.counterexample.describe()


@pytest.mark.parametrize(("lhs", "rhs", "numeric"), [
    pytest.param(_TR_I, n, True, id="trace-of-identity"),
    pytest.param(sp.Trace(A + sp.Identity(n)), sp.Trace(A), True, id="identity-in-a-trace"),
    pytest.param((_ONES.T * (A + sp.Identity(n)) * _ONES)[0, 0], sp.S.Zero, True, id="identity-in-an-entry"),
    pytest.param(A * (B + sp.Identity(n)), A * B + A, False, id="identity-in-a-product"),
    pytest.param((sp.Identity(n) - A * B) * u, u - A * B * u, False, id="projection-of-a-vector"),
    pytest.param(_ONES.T * (A + sp.Identity(n)) * _ONES, _ONES.T * A * _ONES, True, id="ones-in-a-product"),
    pytest.param(sp.Trace(A * B), sp.Trace(B * A), False, id="matrix-symbols-only"),
    pytest.param(A + sp.Identity(n), A + sp.Identity(n), False, id="identity-as-a-term"),
    pytest.param(A - A, sp.ZeroMatrix(n, n), False, id="zero-matrix-side"),
    pytest.param(A[0, 1] + sp.Trace(A), sp.S.Zero, False, id="entry-indices"),
    pytest.param(diag(hadamard(u, sp.OneMatrix(n, 1) - u)) * A, A, False, id="ones-in-generic-entries"),
    pytest.param(sp.Trace(diag(hadamard(u, sp.OneMatrix(n, 1) - u))), sp.S.Zero, True, id="ones-in-a-trace"),
])
def test_where_a_dimension_counts_as_a_number(lhs: sp.Basic, rhs: sp.Basic, numeric: bool) -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.matrices.dimensions import as_number

    goal = Goal(lhs=lhs, rhs=rhs, relation=Relation.EQ, context=Context(facts=Facts(())))
    assert as_number(goal, (n,)) is numeric


def test_a_true_identity_with_a_numeric_dimension_is_not_refuted() -> None:
    A = sp.MatrixSymbol("A", n, n)
    d = Derivation(id="poly", title="poly", question="T", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=(n + 1) * A - A, steps=(Step(Relation.EQ, n * A, "collect"),)),))
    assert verify(d, isolate=False).status is not Verdict.REFUTED


def test_sign_squared_is_not_one_at_zero() -> None:
    u = sp.MatrixSymbol("u", n, 1)
    d = Derivation(id="sign", title="sign", question="T", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=hadamard(elementwise(sp.sign, u), elementwise(sp.sign, u)),
                                 steps=(Step(Relation.EQ, ones(n), "sign squared"),)),))
    res = verify(d, isolate=False)
    assert res.status is Verdict.REFUTED
    cx = res.all_steps[0].counterexample
    assert cx is not None and "0" in cx.describe()


def test_an_entry_with_sign_is_zero_only_if_it_also_vanishes_at_zero() -> None:
    from symproofs.matrices.instances import entry_zero

    a, b = sp.symbols("a b", real=True)
    assert entry_zero(sp.sign(a) * sp.Abs(a) - a)
    assert not entry_zero(sp.sign(a) ** 2 - 1)
    assert not entry_zero(sp.sign(a) * sp.sign(b) * sp.Abs(a) * sp.Abs(b) - a * b + sp.sign(b) ** 2 - 1)
    assert entry_zero(sp.sign(a + 1) ** 2 - 1) is False  # an argument that is not a symbol: not decided


def test_a_derivative_by_an_entry_sees_every_function_of_that_matrix() -> None:
    # d/dh_j sum_k W_ik sigma(h_k) is W_ij sigma'(h_j): sigma(h_k) depends on the entry h_j, so
    # the sum is no constant, and moving W_ik (k free) out of it is not an identity
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.pipeline import check_goal

    d = sp.Symbol("d", integer=True, positive=True)
    w, h = sp.MatrixSymbol("W", d, d), sp.MatrixSymbol("h", d, 1)
    i, j, k = sp.symbols("i j k", integer=True)
    sigma = sp.Function("sigma", real=True)
    lhs = sp.Derivative(sp.Sum(w[i - 1, k - 1] * sigma(h[k - 1, 0]), (k, 1, d)), h[j - 1, 0])
    rhs = w[i - 1, k - 1] * sp.Derivative(sp.Sum(sigma(h[k - 1, 0]), (k, 1, d)), h[j - 1, 0])
    goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs,
                context=Context(facts=Facts(()), algebras=(MatrixAlgebra(),), seed=1))
    assert check_goal(goal).verdict is not Verdict.PROVED


def test_entries_of_matrix_expressions_are_written_out() -> None:
    from symproofs.matrices.forms import _entry_of

    n, d = sp.symbols("n d", integer=True, positive=True)
    X, Y = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("Y", n, d)
    i, j, p = sp.symbols("i j p", integer=True)
    assert _entry_of(p * X, i, j) == p * X[i, j]
    assert _entry_of(sp.HadamardProduct(X, Y).T, i, j) == X[j, i] * Y[j, i]
    gram = _entry_of(X.T * X, i, j)
    (k,) = gram.variables
    assert gram == sp.Sum(X[k, i] * X[k, j], (k, 0, n - 1))
    assert isinstance(_entry_of(X.T * Y * X.T, i, j), sp.matrices.expressions.matexpr.MatrixElement)


def test_an_entry_of_a_mask_is_random_to_every_algebra() -> None:
    # with a scalar probability space beside the mask's algebra, E[R_11] is never R_11
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.probability.space import Normal, ProbabilitySpace
    from symproofs.verifier.pipeline import check_goal

    m = sp.Symbol("m", integer=True, positive=True)
    mask, p = sp.MatrixSymbol("R", m, m), sp.Symbol("p", positive=True)
    space = ProbabilitySpace()
    z = space.variable("Z", Normal(0, 1))
    for lhs, rhs in ((E(mask[0, 0]), mask[0, 0]), (E(mask[0, 0] ** 2), mask[0, 0] ** 2),
                     (E(mask[0, 0] * z), mask[0, 0] * E(z))):
        goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs,
                    context=Context(facts=Facts(()), algebras=(space, MatrixAlgebra(masks={mask: p})), seed=1))
        assert check_goal(goal).verdict is not Verdict.PROVED


def test_entries_of_diagonal_and_elementwise_matrices() -> None:
    from symproofs.matrices.forms import _entry_of

    v, m = sp.MatrixSymbol("v", n, 1), sp.MatrixSymbol("M", n, n)
    i, j = sp.symbols("i j", integer=True)
    assert _entry_of(sp.DiagMatrix(v), i, j) == sp.KroneckerDelta(i, j) * v[i, 0]
    assert _entry_of(sp.DiagonalMatrix(m), i, j) == sp.KroneckerDelta(i, j) * m[i, i]
    assert _entry_of(sp.DiagMatrix(v) * sp.DiagMatrix(v), i, j) == sp.KroneckerDelta(i, j) * v[i, 0] ** 2
    assert _entry_of(elementwise(sigma, v), i, 0) == sigma(v[i, 0])


def test_a_declared_derivative_reads_the_same_however_sympy_writes_it() -> None:
    # diag(sigma'(h))^T diag(sigma'(h)) has entry (i, i) sigma'(h_i)^2, with sigma'(h_i) written
    # as a Subs of a Derivative (the scalar reading) or in the algebra's own name
    alg = MatrixAlgebra(derivatives={sigma: dsigma})
    i = sp.Symbol("i", integer=True)
    slope = sp.DiagMatrix(elementwise(sp.Lambda(sp.Symbol("_x", real=True),
                                                sp.Derivative(sigma(sp.Symbol("_x", real=True)),
                                                              sp.Symbol("_x", real=True))), h))
    x = sp.Dummy("x", real=True)
    scalar = sp.Subs(sp.Derivative(sigma(x), x), x, h[i - 1, 0]) ** 2
    entry = sp.matrices.expressions.matexpr.MatrixElement(slope.T * slope, i - 1, i - 1)
    assert sp.expand(alg.reduce(entry) - alg.reduce(scalar)) == 0


@pytest.mark.parametrize("first", ["probability", "matrices"])
def test_an_expectation_over_another_algebras_variable_is_never_a_constant(first: str) -> None:
    # Z ~ N(0, 1) declared by a probability space beside a matrix algebra: E[Z u^T v] is 0,
    # never Z u^T v; Var(Z u^T v) is (u^T v)^2, never 0; a member W(i) of a family alike
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.probability.space import Normal, ProbabilitySpace, Var
    from symproofs.verifier.pipeline import check_goal

    space = ProbabilitySpace()
    z = space.variable("Z", Normal(0, 1))
    w = space.family("W", Normal(0, 1), members="iid")
    i = sp.Symbol("i", integer=True)
    s = Scalar(u.T * y)
    algebras = (space, MatrixAlgebra()) if first == "probability" else (MatrixAlgebra(), space)
    for lhs, rhs in ((E(z * s), z * s), (E(w(i) * s), w(i) * s), (Var(z * s), 0), (E(z * u[0, 0]), z * u[0, 0])):
        goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(()), algebras=algebras, seed=1))
        assert check_goal(goal).verdict is not Verdict.PROVED, (lhs, rhs)


def test_a_matrix_model_never_draws_another_algebras_random_variable() -> None:
    # E[Z X] = 0 and E[Z^2 X] = X are true for Z ~ N(0, 1): a concrete matrix model that drew Z
    # as a number refuted them
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.probability.space import Normal, ProbabilitySpace
    from symproofs.verifier.pipeline import check_goal

    space = ProbabilitySpace()
    z = space.variable("Z", Normal(0, 1))
    for lhs, rhs in ((Expectation(z * X), sp.ZeroMatrix(n, d)), (Expectation(z**2 * X), X)):
        goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs,
                    context=Context(facts=Facts(()), algebras=(space, MatrixAlgebra()), seed=1))
        assert check_goal(goal).verdict is not Verdict.REFUTED


def test_the_inverse_of_a_product_of_rank_below_its_size_never_exists() -> None:
    """``(X X^T)^{-1}`` for ``X`` of shape ``m x d`` with ``d < m``: rank at most d."""
    m, w = sp.symbols("m w", integer=True, positive=True)
    x = sp.MatrixSymbol("X", m, w)
    y = sp.MatrixSymbol("Y", m, m)
    g = (x * x.T).I
    for rel, proved in ((sp.Lt(w, m), False), (sp.Le(m, w), True)):
        d_ = Derivation(id="inv", title="t", question="T", assumptions=(rel,), algebras=(MatrixAlgebra(),),
                        chains=(Chain(start=(y * g).T, steps=(Step(Relation.EQ, g.T * y.T, "transpose"),)),))
        r = verify(d_, isolate=False).all_steps[0]
        assert_verdict(r, Verdict.PROVED if proved else Verdict.UNKNOWN)


M_RECT = sp.MatrixSymbol("M", n, d)
P_SQUARE = sp.MatrixSymbol("P", d, d)
DET_GRAM = Lemma(name="det gram", statement=sp.Eq(sp.Determinant(A.T * A), sp.Determinant(A * A.T)), variables=(A,))


def test_a_lemma_matrix_variable_binds_only_to_a_matrix_of_its_shape() -> None:
    from symproofs.core.hypotheses import pattern_symbols
    from symproofs.matrices.bounds import unify

    pattern, variables = sp.Determinant(A.T * A), pattern_symbols(DET_GRAM)
    assert variables == {A, n}
    # A is n x n: it stands for no n x d matrix, but for a d x d one (n bound to d, once)
    assert list(unify(pattern, sp.Determinant(M_RECT.T * M_RECT), variables, {})) == []
    assert list(unify(pattern, sp.Determinant(P_SQUARE.T * P_SQUARE), variables, {})) == [{A: P_SQUARE, n: d}]
    # a fixed numeric dimension matches only itself
    col = Lemma(name="col", statement=sp.Eq(Norm(v), Norm(v)), variables=(v,))
    assert list(unify(v, sp.MatrixSymbol("z", d, 2), pattern_symbols(col), {})) == []


@pytest.mark.parametrize(("start", "end", "verdict"), [
    pytest.param(sp.Determinant(M_RECT.T * M_RECT), sp.Determinant(M_RECT * M_RECT.T), None, id="rectangular"),
    pytest.param(sp.Determinant(P_SQUARE.T * P_SQUARE), sp.Determinant(P_SQUARE * P_SQUARE.T), Verdict.PROVED,
                 id="square-of-another-size"),
])
def test_a_square_matrix_lemma_is_not_applied_to_a_rectangular_matrix(start: Any, end: Any,
                                                                       verdict: Verdict | None) -> None:
    # det(M^T M) = det(M M^T) is false for M = [[1], [0]]
    r = check(start, Relation.EQ, end, lemmas=(DET_GRAM,), uses=(DET_GRAM.name,), algebra=MatrixAlgebra())
    if verdict is None:
        assert r.verdict is not Verdict.PROVED
    else:
        assert r.verdict is verdict and r.trust is Trust.GIVEN


def test_a_matrix_lemma_variable_keeps_every_assumption() -> None:
    from symproofs.core.facts import Facts
    from symproofs.matrices.bounds import _assumptions_hold

    k = sp.Symbol("k", integer=True, odd=True)
    m = sp.Symbol("m", integer=True)
    t = sp.Symbol("t", integer=True, positive=True)
    none = Facts(())
    assert not _assumptions_hold({k: m}, none)  # odd is not dropped
    assert _assumptions_hold({k: 2 * m + 1}, none)
    assert _assumptions_hold({t: n - 1}, Facts((sp.Ge(n, 2),)))  # a sign the facts decide still counts
    assert not _assumptions_hold({t: n - 1}, none)
    # (2 floor(m/2) + 1) B = m B for every integer m, from a lemma for odd k: false at m = 2
    odd = Lemma(name="odd", statement=sp.Eq((2 * sp.floor(k / 2) + 1) * A, k * A), variables=(k, A))
    r = check((2 * sp.floor(m / 2) + 1) * B, Relation.EQ, m * B, lemmas=(odd,), uses=("odd",), algebra=MatrixAlgebra())
    assert r.verdict is not Verdict.PROVED


# -- a random linear form times a fixed matrix: E[c B] = E[c] B -----------------------------------------------
_x = sp.MatrixSymbol("x", n, 1)
_RANDOM_X = MatrixAlgebra(random=(_x,))
_CENTRED = Given(name="centred", statement=sp.Eq(Expectation(_x), sp.ZeroMatrix(n, 1)))


@pytest.mark.parametrize(("start", "end", "givens", "verdict"), [
    pytest.param(Scalar(Expectation(u.T * _x)), Scalar(u.T * Expectation(_x)), (), Verdict.PROVED, id="linear-form"),
    pytest.param(Scalar(Expectation(_x.T * u)), Scalar(u.T * Expectation(_x)), (), Verdict.PROVED, id="transposed"),
    pytest.param(Scalar(Expectation(u.T * _x)), sp.S.Zero, (_CENTRED,), Verdict.PROVED, id="centred"),
    pytest.param(Scalar(Expectation(u.T * _x)), Scalar(u.T * _x), (), Verdict.UNKNOWN, id="expectation-dropped"),
    pytest.param(Scalar(Expectation(u.T * _x)), 2 * Scalar(u.T * Expectation(_x)), (), Verdict.UNKNOWN, id="factor"),
    pytest.param(Scalar(Expectation(u.T * _x * _x.T * u)), Scalar(u.T * Expectation(_x)) ** 2, (), Verdict.UNKNOWN,
                 id="second-moment-is-not-the-square-of-the-mean"),
])
def test_the_expectation_of_a_random_linear_form_is_the_form_of_the_mean(start: Any, end: Any, givens: Any,
                                                                         verdict: Verdict) -> None:
    r = check(start, Relation.EQ, end, givens=givens, assumptions=(), algebra=_RANDOM_X)
    assert_verdict(r, verdict)


def test_a_geometric_refutation_shows_the_steps_own_values() -> None:
    r = check(2 * delta**T, Relation.TENDS, sp.S.Zero, assumptions=())
    assert r.verdict is Verdict.REFUTED and r.method == "geometric sequence"
    assert r.counterexample is not None
    point = dict(r.counterexample.assignment)
    c, q = 2, point[delta]
    assert q >= 1 and r.counterexample.rhs == 0  # where 2 delta^T does not tend to 0
    assert r.counterexample.lhs == (c if q == 1 else sp.nan)


# -- the degree of a step in the entries decides the sizes the instances need ---------------------------
PLAIN = MatrixAlgebra()


def _tr(m: Any) -> Any:
    return sp.Trace(m)


#: 24 e_4 of the eigenvalues: zero for every n <= 3, not at n = 4 (A = I_4 gives 24)
NEWTON4 = _tr(A)**4 - 6*_tr(A)**2*_tr(A**2) + 3*_tr(A**2)**2 + 8*_tr(A)*_tr(A**3) - 6*_tr(A**4)


@pytest.mark.parametrize("start", [NEWTON4, NEWTON4 * _tr(A)**2], ids=["degree 4 (exact)", "degree 6 (numeric)"])
def test_a_trace_identity_of_small_sizes_only_is_not_proved(start: Any) -> None:
    r = check(start, Relation.EQ, sp.S.Zero, algebra=PLAIN, assumptions=())
    assert r.verdict is Verdict.REFUTED


def test_an_identity_whose_degree_exceeds_the_sizes_checked_is_unknown() -> None:
    r = check(sp.Determinant(A * B), Relation.EQ, sp.Determinant(A) * sp.Determinant(B), algebra=PLAIN,
              assumptions=())
    assert r.verdict is Verdict.UNKNOWN
    assert "holds for n in 1..3" in r.message and "up to 6" in r.message


def test_a_true_identity_of_degree_four_is_checked_up_to_size_four() -> None:
    r = check(sp.Trace(A * A.T * A * A.T), Relation.EQ, sp.Trace(A.T * A * A.T * A), algebra=PLAIN, assumptions=())
    assert r.verdict is Verdict.PROVED
    assert r.trust is Trust.INSTANCES and "n in 1..4" in (r.instances or "")


def test_the_determinant_is_evaluated_on_instances() -> None:
    r = check(sp.Determinant(2 * A), Relation.EQ, 2 * sp.Determinant(A), algebra=PLAIN, assumptions=())
    assert r.verdict is Verdict.REFUTED
    assert dict(r.counterexample.assignment)[n] == 2


# -- assumptions about matrices constrain the instances as givens do ----------------------------------
_UNIT_U = sp.MatrixSymbol("u", n, 1)


def _instance_outcome(start: Any, end: Any, assumption: Any) -> Any:
    alg = MatrixAlgebra()
    der = Derivation(id="a", title="a", question="Q", algebras=(alg,), assumptions=(assumption,),
                     chains=(Chain(start=start, steps=(Step(Relation.EQ, end, "by the assumption"),)),))
    return alg.on_instances(goals_of(der)[0].goal, None)


@pytest.mark.parametrize(("start", "end", "assumption"), [
    pytest.param((A * B).T, B.T * A, sp.Eq(A.T, A), id="symmetric"),
    pytest.param(SqNorm(_UNIT_U), sp.S.One, sp.Eq(SqNorm(_UNIT_U), 1), id="unit-vector"),
])
def test_matrix_assumptions_are_never_broken_by_an_instance(start: Any, end: Any, assumption: Any) -> None:
    out = _instance_outcome(start, end, assumption)
    assert out is None or out.verdict is not Verdict.REFUTED


def test_a_false_step_under_a_matrix_assumption_is_still_refuted() -> None:
    out = _instance_outcome(SqNorm(_UNIT_U), sp.S(2), sp.Eq(SqNorm(_UNIT_U), 1))
    assert out is not None and out.verdict is Verdict.REFUTED
    der = Derivation(id="a", title="a", question="Q", algebras=(MatrixAlgebra(),), assumptions=(sp.Eq(A.T, A),),
                     chains=(Chain(start=(A * B).T, steps=(Step(Relation.EQ, A * B.T, "wrong"),)),))
    step = verify(der).chains[0].steps[0]
    assert step.verdict is Verdict.REFUTED and step.counterexample is not None
    a = next(v for k, v in step.counterexample.assignment if isinstance(k, sp.MatrixSymbol) and k.name == "A")
    assert a == a.T


def test_a_name_defined_through_terms_the_derivative_cannot_write_out_is_no_constant() -> None:
    # J = sum_k J_k, J_t = ||C s_t - z||^2: J depends on s_t, so d(J + ||C s_t||^2)/ds_t is not 2 C^T C s_t
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.matrices.linalg import Sequence
    from symproofs.verifier.pipeline import check_goal

    d = sp.Symbol("d", integer=True, positive=True)
    t, k = sp.Symbol("t", integer=True), sp.Symbol("k", integer=True)
    big_t = sp.Symbol("T", integer=True, positive=True)
    c, z, s = sp.MatrixSymbol("C", d, d), sp.MatrixSymbol("z", d, 1), Sequence("s", d)
    j, j_of = sp.Symbol("J", real=True), sp.Function("J", real=True)
    step = Given(name="step", statement=sp.Eq(j_of(t), SqNorm(c * s[t] - z)), index=t)
    loss = Given(name="loss", statement=sp.Eq(j, sp.Sum(j_of(k), (k, 1, big_t))))
    ctx = Context(facts=Facts(()), givens=(step, loss), algebras=(MatrixAlgebra(),), uses=("step", "loss"), seed=3)
    goal = Goal(relation=Relation.EQ, lhs=Grad(j + SqNorm(c * s[t]), s[t]), rhs=2 * c.T * c * s[t], context=ctx)
    assert check_goal(goal).verdict is not Verdict.PROVED
    # the gradient of a sum is the sum of the gradients: J's stays a gradient of its own
    split = Goal(relation=Relation.EQ, lhs=goal.lhs, rhs=Grad(j, s[t]) + 2 * c.T * c * s[t], context=ctx)
    assert check_goal(split).verdict is Verdict.PROVED
    wrong = Goal(relation=Relation.EQ, lhs=goal.lhs, rhs=Grad(j, s[t]) + 3 * c.T * c * s[t], context=ctx)
    assert check_goal(wrong).verdict is not Verdict.PROVED
    # with nothing defining J it is a number of its own, and the step holds
    free = Context(facts=Facts(()), algebras=(MatrixAlgebra(),), seed=3)
    assert check_goal(Goal(relation=Relation.EQ, lhs=goal.lhs, rhs=goal.rhs, context=free)).verdict is Verdict.PROVED


_GAMMA = sp.Symbol("gamma", real=True)
_WEIGHT = sp.MatrixSymbol("w", n, 1)


@pytest.mark.parametrize(("given", "end", "refuted"), [
    pytest.param(True, _GAMMA**2, False, id="defined-name"),
    pytest.param(False, _GAMMA**2, False, id="definition-put-in"),
    pytest.param(True, 2 * _GAMMA**2, True, id="defined-name-doubled"),
    pytest.param(False, _GAMMA**2 + 1, True, id="definition-put-in-shifted"),
])
def test_an_instance_where_a_definition_divides_by_zero_refutes_nothing(given: bool, end: Any, refuted: bool) -> None:
    # w = gamma u / ||u|| has no value at u = 0 (0/0, not 0): ||w||^2 = gamma^2 holds wherever w exists
    normalised = _GAMMA / Norm(_UNIT_U) * _UNIT_U
    alg = MatrixAlgebra()
    givens = (Given(name="weight", statement=sp.Eq(_WEIGHT, normalised)),) if given else ()
    der = Derivation(id="a", title="a", question="Q", algebras=(alg,), givens=givens,
                     chains=(Chain(start=SqNorm(_WEIGHT if given else normalised),
                                   steps=(Step(Relation.EQ, end, "step"),)),))
    for seed in range(4):
        out = alg.on_instances(goals_of(der, seed=seed)[0].goal, None)
        assert (out is not None and out.verdict is Verdict.REFUTED) is refuted
        if out is not None and out.counterexample is not None:
            point = dict(out.counterexample.assignment)
            assert any(v != 0 for v in point[_UNIT_U.xreplace(point)])


# -- a scalar sum in a matrix step: its range read with the empty-range convention, its bound in n a number --
_K = sp.Symbol("k", integer=True)


@pytest.mark.parametrize(("start", "end", "assumptions"), [
    # sum_{k=4}^{n} 1 = n - 3 by sympy's reversed-range (Karr) value; the sum is 0 at n = 1, 2, 3
    pytest.param(sp.MatMul(sp.Sum(1, (_K, 4, n)), A), sp.MatMul(n - 3, A), (), id="karr-sum"),
    pytest.param(sp.MatMul(sp.Product(2, (_K, 4, n)), A), sp.MatMul(2 ** (n - 3), A), (), id="karr-product"),
    pytest.param(sp.MatAdd(sp.MatMul(sp.Sum(_K, (_K, 4, n)), y), y), sp.MatMul((n - 3) * (n + 4) / 2 + 1, y), (),
                 id="karr-sum-of-k"),
    # zero at n = 1..3 (the checked sizes), 6 A at n = 4: the dimension counted as a number through a bound
    pytest.param(sp.MatMul(sp.Sum((_K - 1) * (_K - 2) * (_K - 3), (_K, 1, n)), A), sp.ZeroMatrix(n, n), (),
                 id="bound-in-the-dimension"),
    pytest.param(sp.MatMul(sp.Sum(1, (_K, 4, n)), A), sp.ZeroMatrix(n, n), (), id="empty-only-up-to-3"),
])
def test_a_scalar_sum_in_a_matrix_step_is_never_valued_by_the_reversed_range_rule(
        start: Any, end: Any, assumptions: tuple[Any, ...]) -> None:
    r = check(start, Relation.EQ, end, assumptions=assumptions, algebra=MatrixAlgebra())
    assert r.verdict is not Verdict.PROVED, r.describe()


def test_a_refutation_shows_the_empty_sum_as_zero() -> None:
    r = check(sp.MatMul(sp.Sum(1, (_K, 4, n)), A), Relation.EQ, sp.MatMul(n - 3, A), assumptions=(),
              algebra=MatrixAlgebra())
    assert r.verdict is Verdict.REFUTED and r.counterexample is not None, r.describe()
    if dict(r.counterexample.assignment)[n] <= 3:
        assert r.counterexample.lhs == sp.zeros(*r.counterexample.lhs.shape)


@pytest.mark.parametrize(("start", "end", "assumptions"), [
    pytest.param(sp.MatMul(sp.Sum(1, (_K, 4, n)), A), sp.MatMul(sp.Max(n - 3, 0), A), (), id="max"),
    pytest.param(sp.MatMul(sp.Sum(1, (_K, 4, n)), A), sp.ZeroMatrix(n, n), (sp.Le(n, 3),), id="empty"),
    pytest.param(sp.MatMul(sp.Sum(_K, (_K, 4, n)), y), sp.ZeroMatrix(n, 1), (sp.Le(n, 3),), id="empty-k"),
    pytest.param(sp.MatMul(sp.Product(2, (_K, 4, n)), A), sp.MatMul(2 ** sp.Max(n - 3, 0), A), (), id="product"),
    pytest.param(sp.MatMul(sp.Sum(1, (_K, 1, n)), A), sp.MatMul(n, A), (), id="nonempty"),
])
def test_a_true_step_with_an_empty_range_in_a_matrix_factor_is_never_refuted(
        start: Any, end: Any, assumptions: tuple[Any, ...]) -> None:
    r = check(start, Relation.EQ, end, assumptions=assumptions, algebra=MatrixAlgebra())
    assert r.verdict is not Verdict.REFUTED, r.describe()
