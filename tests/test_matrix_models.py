"""Refutation of matrix steps on concrete models: hypotheses honoured,
logical steps between matrix equations, limits, random matrices."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Lemma, Relation, Step
from symproofs.core.results import Verdict
from symproofs.matrices.implications import implications_on_models, refute_equations
from symproofs.matrices.linalg import (
    Expectation,
    FrobeniusNorm,
    Grad,
    Jacobian,
    LargestEigenvalue,
    MaxAbs,
    Norm,
    Scalar,
    ScalarFunction,
    Sequence,
    SqNorm,
    UnsetNorm,
    diag,
    elementwise,
)
from symproofs.matrices.models import holds_on_models, refute_on_models
from symproofs.matrices.space import MatrixAlgebra
from symproofs.probability.variables import E, Var
from symproofs.verifier.pipeline import goals_of, verify

n, m, d = sp.symbols("n m d", integer=True, positive=True)
t = sp.Symbol("t", integer=True, positive=True)
T = sp.Symbol("T", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
gamma = sp.Symbol("gamma", positive=True)
delta = sp.Symbol("delta", nonnegative=True)
lam = sp.Symbol("lambda", positive=True)
W = sp.MatrixSymbol("W", n, n)
U = sp.MatrixSymbol("U", n, m)
b = sp.MatrixSymbol("b", n, 1)
X = sp.MatrixSymbol("X", n, d)
w = sp.MatrixSymbol("w", d, 1)
y = sp.MatrixSymbol("y", n, 1)
L = sp.Symbol("L", real=True)
h, x = Sequence("h", n), Sequence("x", m)
sigma = sp.Function("sigma", real=True)
dsigma = sp.Function("dsigma", real=True)

ALG = MatrixAlgebra(derivatives={sigma: dsigma})
RECURRENCE = Given(name="recurrence", statement=sp.Eq(h[k], W * elementwise(sigma, h[k - 1]) + U * x[k] + b),
                   index=k, valid_from=1)
J = Jacobian(h[t], h[t - 1])
D = diag(elementwise(dsigma, h[t - 1]))
ACTIVATION = Given(name="activation", statement=sp.Le(MaxAbs(elementwise(dsigma, h[t - 1])), gamma))
WEIGHTS = Given(name="weights", statement=sp.Le(LargestEigenvalue(W.T * W), delta**2 / gamma**2))
SATURATED = Given(name="saturated", statement=sp.Eq(elementwise(dsigma, h[t - 1]), sp.ZeroMatrix(n, 1)))


def _goal(start: Any, rel: Relation, end: Any, givens: tuple[Given, ...], *, assumptions: tuple[Any, ...] = (),
          lemmas: tuple[Lemma, ...] = (), uses: tuple[str, ...] = ()) -> Any:
    der = Derivation(id="m", title="m", question="Q0", algebras=(ALG,), assumptions=assumptions, givens=givens,
                     lemmas=lemmas, chains=(Chain(start=start, steps=(Step(rel, end, "step", uses),)),))
    return goals_of(der)[0].goal


# -- steps ------------------------------------------------------------------------------
BOUND_GIVENS = (RECURRENCE, ACTIVATION, WEIGHTS)

WRONG_STEPS = [
    pytest.param(Norm(J), Relation.LE, Norm(W), BOUND_GIVENS, id="drop-the-activation-factor"),
    pytest.param(Norm(W * D), Relation.EQ, Norm(D * W), BOUND_GIVENS, id="swap-factors-in-a-norm"),
    pytest.param(Norm(W * D), Relation.EQ, Norm(W.T * D), BOUND_GIVENS, id="transpose-in-a-norm"),
    pytest.param(Norm(J), Relation.LE, delta**2, BOUND_GIVENS, id="wrong-exponent-of-the-bound"),
    pytest.param(Norm(J), Relation.EQ, Norm(W), (RECURRENCE, SATURATED), id="saturated-units"),
    pytest.param(J, Relation.EQ, D * W, (RECURRENCE,), id="jacobian-at-a-symbolic-time"),
]


@pytest.mark.parametrize(("start", "rel", "end", "givens"), WRONG_STEPS)
def test_wrong_steps_are_refuted_on_a_model_that_satisfies_the_givens(
        start: Any, rel: Relation, end: Any, givens: tuple[Given, ...]) -> None:
    goal = _goal(start, rel, end, givens, assumptions=(sp.Lt(delta, 1),))
    out = refute_on_models(ALG, goal)
    assert out is not None and out.verdict is Verdict.REFUTED
    cx = out.counterexample
    assert cx is not None
    values = dict(cx.assignment)
    assert values[delta] < 1
    assert all(v.is_Rational for v in values.values() if not isinstance(v, sp.MatrixBase))


RIGHT_STEPS = [
    pytest.param(Norm(J), Relation.EQ, Norm(W * D), BOUND_GIVENS, id="jacobian-of-one-step"),
    pytest.param(Norm(W * D), Relation.LE, Norm(W) * Norm(D), BOUND_GIVENS, id="submultiplicative"),
    pytest.param(sp.sqrt(LargestEigenvalue(W.T * W)) * MaxAbs(elementwise(dsigma, h[t - 1])), Relation.LE, delta,
                 BOUND_GIVENS, id="bounded-by-the-givens"),
    pytest.param(Norm(W * D), Relation.EQ, Norm(W.T * W * D) * 0 + Norm(D.T * W.T), BOUND_GIVENS,
                 id="norm-of-the-transpose"),
    pytest.param(Norm(J), Relation.EQ, sp.S.Zero, (RECURRENCE, SATURATED), id="true-only-under-a-given"),
    pytest.param(LargestEigenvalue(W * W.T), Relation.EQ, LargestEigenvalue(W.T * W), BOUND_GIVENS,
                 id="same-nonzero-spectrum"),
]


@pytest.mark.parametrize(("start", "rel", "end", "givens"), RIGHT_STEPS)
def test_right_steps_are_never_refuted(start: Any, rel: Relation, end: Any, givens: tuple[Given, ...]) -> None:
    goal = _goal(start, rel, end, givens, assumptions=(sp.Lt(delta, 1),))
    assert refute_on_models(ALG, goal) is None


@pytest.mark.parametrize(("start", "rel", "end", "givens"), RIGHT_STEPS[:3])
def test_right_steps_hold_on_every_model(start: Any, rel: Relation, end: Any, givens: tuple[Given, ...]) -> None:
    verdicts = holds_on_models(ALG, _goal(start, rel, end, givens, assumptions=(sp.Lt(delta, 1),)), 12)
    assert verdicts and all(verdicts)


def test_a_wrong_step_fails_on_some_model() -> None:
    goal = _goal(Norm(W * D), Relation.EQ, Norm(D * W), BOUND_GIVENS, assumptions=(sp.Lt(delta, 1),))
    assert False in holds_on_models(ALG, goal, 24)


ONE_STEP = Lemma(name="one step", statement=sp.Le(Norm(Jacobian(h[t], h[t - 1])), delta), variables=(t,),
                 hypotheses=(sp.Ge(t, 1),), proved_by="elsewhere")


def test_a_lemma_for_every_index_holds_in_the_model() -> None:
    # prod_k ||dh_k/dh_{k-1}|| <= delta^T follows from the lemma; a model
    # that broke the lemma at some k would refute it wrongly.
    right = _goal(sp.Product(Norm(Jacobian(h[k], h[k - 1])), (k, 1, T)), Relation.LE, delta**T, (RECURRENCE,),
                  assumptions=(sp.Lt(delta, 1),), lemmas=(ONE_STEP,), uses=("one step",))
    assert refute_on_models(ALG, right) is None
    wrong = _goal(sp.Product(Norm(Jacobian(h[k], h[k - 1])), (k, 1, T)), Relation.LE, delta ** (T + 1),
                  (RECURRENCE,), assumptions=(sp.Lt(delta, 1),), lemmas=(ONE_STEP,), uses=("one step",))
    out = refute_on_models(ALG, wrong)
    assert out is not None and out.verdict is Verdict.REFUTED


RIDGE = Given(name="ridge", statement=sp.Eq(L, SqNorm(y - X * w) / 2 + lam * SqNorm(w) / 2))
M_RIDGE = X.T * X + lam * sp.Identity(d)


@pytest.mark.parametrize(("end", "refuted"), [
    pytest.param(sp.Eq(M_RIDGE * w, X.T * y), False, id="normal-equations"),
    pytest.param(sp.Eq(w, M_RIDGE.I * X.T * y), False, id="closed-form"),
    pytest.param(sp.Eq(M_RIDGE * w, -X.T * y), True, id="wrong-sign"),
    pytest.param(sp.Eq((X.T * X + 2 * lam * sp.Identity(d)) * w, X.T * y), True, id="doubled-penalty"),
    pytest.param(sp.Eq(X.T * X * w, X.T * y), True, id="penalty-dropped"),
])
def test_equivalent_matrix_equations(end: Any, refuted: bool) -> None:
    goal = _goal(sp.Eq(Grad(L, w), sp.ZeroMatrix(d, 1)), Relation.IFF, end, (RIDGE,),
                 assumptions=(sp.Gt(lam, 0),))
    out = refute_equations(ALG, goal)
    assert (out is not None) is refuted
    if out is not None:
        assert out.counterexample is not None and "premise holds" in out.counterexample.model


@pytest.mark.parametrize(("end", "refuted"), [
    pytest.param(sp.Eq(M_RIDGE * w, X.T * y), False, id="normal-equations"),
    pytest.param(sp.Eq(M_RIDGE * w, -X.T * y), True, id="wrong-sign"),
])
def test_equivalences_screened_direction_by_direction(end: Any, refuted: bool) -> None:
    goal = _goal(sp.Eq(Grad(L, w), sp.ZeroMatrix(d, 1)), Relation.IFF, end, (RIDGE,),
                 assumptions=(sp.Gt(lam, 0),))
    found = implications_on_models(ALG, goal, 6)
    assert {converse for converse, _ in found} == {False, True}  # both directions were reached
    assert (False in {holds for _, holds in found}) is refuted


def test_verifier_reports_the_model_refutation() -> None:
    der = Derivation(id="m", title="m", question="Q0", algebras=(ALG,), assumptions=(sp.Lt(delta, 1),),
                     givens=BOUND_GIVENS,
                     chains=(Chain(start=Norm(J), steps=(Step(Relation.LE, Norm(W), "wrong"),)),))
    r = verify(der, isolate=False).chains[0].steps[0]
    assert r.verdict is Verdict.REFUTED and r.method == "concrete matrix model"


# -- limits -------------------------------------------------------------------------------
@pytest.mark.parametrize(("start", "end", "assumptions", "verdict"), [
    pytest.param(delta**T, sp.S.Zero, (sp.Lt(delta, 1),), Verdict.PROVED, id="geometric-to-zero"),
    pytest.param(delta**T, sp.S.One, (sp.Lt(delta, 1),), Verdict.REFUTED, id="wrong-limit"),
    pytest.param(3 * delta**T, sp.S(-1), (sp.Lt(delta, 1),), Verdict.REFUTED, id="wrong-negative-limit"),
    pytest.param(delta**T, sp.S.Zero, (), Verdict.REFUTED, id="no-bound-on-the-ratio"),
])
def test_geometric_limits(start: Any, end: Any, assumptions: tuple[Any, ...], verdict: Verdict) -> None:
    der = Derivation(id="m", title="m", question="Q0", algebras=(ALG,), assumptions=assumptions,
                     chains=(Chain(start=start, steps=(Step(Relation.TENDS, end, "limit"),)),))
    r = verify(der, isolate=False).chains[0].steps[0]
    assert r.verdict is verdict
    if verdict is Verdict.REFUTED:
        assert r.counterexample is not None
        point = dict(r.counterexample.assignment)
        assert all(a.xreplace(point) is sp.true for a in assumptions)


# -- random matrices known by their moments -------------------------------------------------
u_vec, x_rand = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("x", n, 1)
RANDOM = MatrixAlgebra(random=(x_rand,))
MOMENTS = (Given(name="mean", statement=sp.Eq(Expectation(x_rand), sp.ZeroMatrix(n, 1))),
           Given(name="covariance", statement=sp.Eq(Expectation(x_rand * x_rand.T), sp.Identity(n))))
Y = Scalar(u_vec.T * x_rand)


@pytest.mark.parametrize(("start", "end", "refuted"), [
    pytest.param(Var(Y), SqNorm(u_vec), False, id="variance-is-the-squared-norm"),
    pytest.param(Var(Y), E(Y**2), False, id="mean-zero"),
    pytest.param(Var(Y), E(Y**3) - E(Y) ** 2, True, id="wrong-moment"),
    pytest.param(Var(Y), 2 * SqNorm(u_vec), True, id="doubled"),
])
def test_random_matrices_have_a_model_with_the_given_moments(start: Any, end: Any, refuted: bool) -> None:
    der = Derivation(id="m", title="m", question="Q0", algebras=(RANDOM,), givens=MOMENTS,
                     chains=(Chain(start=start, steps=(Step(Relation.EQ, end, "step"),)),))
    goal = goals_of(der)[0].goal
    assert (refute_on_models(RANDOM, goal) is not None) is refuted



beta_real = sp.Symbol("beta", real=True)
STANDARDISED = gamma * (Y - E(Y)) / sp.sqrt(Var(Y)) + beta_real


@pytest.mark.parametrize(("end", "refuted"), [
    pytest.param(gamma * Y / Norm(u_vec) + beta_real, False, id="normalised-output"),
    pytest.param(gamma * Y / Norm(u_vec), True, id="shift-dropped"),
    pytest.param(gamma * Y / Norm(u_vec) ** 2 + beta_real, True, id="variance-for-the-deviation"),
    pytest.param(-gamma * Y / Norm(u_vec) + beta_real, True, id="sign-flipped"),
])
def test_a_side_divided_by_a_standard_deviation_is_defined_in_the_model(end: Any, refuted: bool) -> None:
    # sqrt(Var(u^T x)) is one number (x is averaged over inside Var), decided by its value in the model;
    # u^T x itself, outside the moment, takes the outcome the counterexample records
    der = Derivation(id="m", title="m", question="Q0", algebras=(RANDOM,), givens=MOMENTS,
                     chains=(Chain(start=STANDARDISED, steps=(Step(Relation.EQ, end, "step"),)),))
    out = refute_on_models(RANDOM, goals_of(der)[0].goal)
    assert (out is not None) is refuted
    if out is not None and out.counterexample is not None:
        cx = out.counterexample
        point = dict(cx.assignment)
        u_at = point[u_vec.xreplace(point)]
        x_at = sp.Matrix([point[s] for s in sorted((k for k in point if str(k).startswith("x[")), key=str)])
        sd = sp.sqrt(sum(c**2 for c in u_at))  # Var(u^T x) = ||u||^2 under E[x] = 0, E[x x^T] = I
        y_at = (u_at.T * x_at)[0, 0]
        assert sp.simplify(cx.lhs - (point[gamma] * y_at / sd + point[beta_real])) == 0
        assert sp.simplify(cx.lhs - cx.rhs) != 0
        assert "x has independent entries, +1 or -1" in cx.model


@pytest.mark.parametrize(("end", "refuted"), [
    pytest.param(E(Y**2) - E(Y) ** 2, False, id="second-moment"),
    pytest.param(E(Y**-2) - E(Y) ** 2, True, id="inverse-moment"),
])
def test_an_expectation_of_an_inverse_is_taken_where_it_exists(end: Any, refuted: bool) -> None:
    # E[1/(u^T x)^2] has a value in the model only where u^T x is 0 at no outcome of x
    der = Derivation(id="m", title="m", question="Q0", algebras=(RANDOM,), givens=MOMENTS,
                     chains=(Chain(start=Var(Y), steps=(Step(Relation.EQ, end, "step"),)),))
    out = refute_on_models(RANDOM, goals_of(der)[0].goal)
    assert (out is not None) is refuted
    if out is not None and out.counterexample is not None:
        point = dict(out.counterexample.assignment)
        u_at = point[u_vec.xreplace(point)]
        outcomes = [sp.Matrix(o) for o in itertools.product((1, -1), repeat=u_at.rows)]
        assert all((u_at.T * o)[0, 0] != 0 for o in outcomes)
        inverse = sum(1 / (u_at.T * o)[0, 0] ** 2 for o in outcomes) / len(outcomes)
        assert out.counterexample.rhs == inverse
        assert out.counterexample.lhs == sum(c**2 for c in u_at)

# -- unknown scalar functions and derivatives in a scalar --------------------------------------
eta = sp.Symbol("eta", positive=True)
v_dir = sp.MatrixSymbol("v", n, 1)
LOSS = ScalarFunction(sp.Symbol("L"), v_dir)


@pytest.mark.parametrize(("start", "end", "refuted"), [
    pytest.param(sp.Derivative(eta**2 * SqNorm(Grad(LOSS, v_dir)), eta), 2 * eta * SqNorm(Grad(LOSS, v_dir)), False,
                 id="derivative-in-the-step-size"),
    pytest.param(sp.Derivative(eta**2 * SqNorm(Grad(LOSS, v_dir)), eta), eta * SqNorm(Grad(LOSS, v_dir)), True,
                 id="factor-dropped"),
    pytest.param(SqNorm(v_dir - eta * Grad(LOSS, v_dir)),
                 SqNorm(v_dir) - 2 * eta * Scalar(v_dir.T * Grad(LOSS, v_dir)) + eta**2 * SqNorm(Grad(LOSS, v_dir)),
                 False, id="expand-the-square"),
    pytest.param(SqNorm(v_dir - eta * Grad(LOSS, v_dir)), SqNorm(v_dir) + eta**2 * SqNorm(Grad(LOSS, v_dir)), True,
                 id="cross-term-dropped"),
])
def test_unknown_functions_take_values_and_gradients(start: Any, end: Any, refuted: bool) -> None:
    der = Derivation(id="m", title="m", question="Q0", algebras=(ALG,),
                     chains=(Chain(start=start, steps=(Step(Relation.EQ, end, "step"),)),))
    goal = goals_of(der)[0].goal
    assert (refute_on_models(ALG, goal) is not None) is refuted


def test_a_term_off_the_integers_is_outside_the_recurrence() -> None:
    # h_{t + gamma - 1} with gamma = 1/2 is no term of the recurrence: a free
    # leaf, and the recurrence is not checked there.
    wrong = _goal(h[t], Relation.EQ, W * elementwise(sigma, h[t + gamma - 1]) + U * x[t] + b, (RECURRENCE,))
    out = refute_on_models(ALG, wrong)
    assert out is not None and out.verdict is Verdict.REFUTED
    right = _goal(h[t], Relation.EQ, W * elementwise(sigma, h[t - 1]) + U * x[t] + b, (RECURRENCE,))
    assert refute_on_models(ALG, right) is None


def test_a_recurrence_defines_terms_at_integer_indices_only() -> None:
    from symproofs.matrices.calculus import Definitions

    defs = Definitions.from_givens((RECURRENCE,))
    assert defs.lookup(h[2]) is not None
    assert defs.lookup(h[gamma + 1]) is None  # a real index: not a term of the family


def _matrix_step(start: Any, end: Any, *algebras: Any, assumptions: tuple[Any, ...] = (),
                 givens: tuple[Given, ...] = ()) -> Any:
    from symproofs.verifier.pipeline import verify

    d = Derivation(id="m", title="m", question="T", algebras=algebras or (MatrixAlgebra(),),
                   assumptions=assumptions, givens=givens,
                   chains=(Chain(start=start, steps=(Step(Relation.EQ, end, "?", tuple(g.name for g in givens)),)),))
    return verify(d, isolate=False).chains[0].steps[0]


def test_a_sum_of_matrices_over_a_range_that_may_be_empty_is_not_counted() -> None:
    from symproofs.matrices.linalg import MatSum
    from symproofs.matrices.unfolding import EntrywiseAlgebra

    n, k = sp.Symbol("n", integer=True, positive=True), sp.Symbol("k", integer=True)
    A = sp.MatrixSymbol("A", n, n)
    step = _matrix_step(MatSum(A, (k, n, 5)), (6 - n) * A, EntrywiseAlgebra(), MatrixAlgebra())  # 0 at n = 8
    assert step.verdict is not Verdict.PROVED


def test_a_random_scalar_stays_inside_a_matrix_expectation() -> None:
    from symproofs.matrices.linalg import expect
    from symproofs.probability.laws import Normal
    from symproofs.probability.space import ProbabilitySpace

    n, d, p = sp.Symbol("n", integer=True, positive=True), sp.Symbol("d", integer=True, positive=True), \
        sp.Symbol("p", positive=True)
    R = sp.MatrixSymbol("R", n, d)
    space = ProbabilitySpace()
    Y = space.variable("Y", Normal(0, 1))
    step = _matrix_step(expect(Y * R), p * Y * sp.OneMatrix(n, d), space, MatrixAlgebra(masks={R: p}))
    assert step.verdict is not Verdict.PROVED


def test_the_sizes_of_a_matrix_instance_respect_the_assumptions_and_givens() -> None:
    n, m = sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True, positive=True)
    v = sp.MatrixSymbol("v", n, 1)
    assert _matrix_step(sp.Abs(n - 5) * v, (n - 5) * v, assumptions=(n >= 5,)).verdict is not Verdict.REFUTED
    fixed = (Given(name="size", statement=sp.Eq(n, 7)),)
    assert _matrix_step(sp.Max(n, m) * v, n * v, assumptions=(m <= 7,), givens=fixed).verdict \
        is not Verdict.REFUTED


_I2 = sp.ImmutableMatrix([[1, 0], [0, 1]])
_B = sp.MatrixSymbol("B", 2, 2)


@pytest.mark.parametrize(("lhs", "rel", "rhs", "verdict"), [
    # true as the spectral norm, false as the Frobenius norm (at A = I_2): never proved
    (UnsetNorm(W), Relation.EQ, Norm(W), None),
    (UnsetNorm(_B), Relation.EQ, Norm(_B), None),
    # true as the Frobenius norm: never refuted
    (UnsetNorm(_I2), Relation.EQ, sp.sqrt(2), None),
    (FrobeniusNorm(W), Relation.LE, UnsetNorm(W), None),
    # false under both readings (1 and sqrt 2): refuted
    (UnsetNorm(_I2), Relation.EQ, sp.S(3), Verdict.REFUTED),
])
def test_a_norm_of_unset_kind_is_decided_only_where_both_kinds_agree(
    lhs: Any, rel: Relation, rhs: Any, verdict: Verdict | None
) -> None:
    d = Derivation(id="u", title="u", question="Q", algebras=(MatrixAlgebra(),),
                   chains=(Chain(start=lhs, steps=(Step(rel, rhs, "norm"),)),))
    got = verify(d, isolate=False).chains[0].steps[0].verdict
    if verdict is None:
        assert got not in (Verdict.PROVED, Verdict.REFUTED)
    else:
        assert got is verdict


# -- what is known of the functions and assumptions about matrices -----------------------
_U, _V = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("v", n, 1)
_Z = sp.Symbol("z", real=True)
_POS_SIGMA, _POS_DSIGMA = sp.Function("sigma", real=True), sp.Function("sigma'", positive=True)
_POS_F = sp.Function("f", positive=True)
_H, _S = sp.Function("h", real=True), sp.Function("s", real=True)
_NONNEG_H = Lemma(name="L", statement=sp.Ge(_H(_Z), 0), variables=(_Z,))
_SQUARE_S = Lemma(name="L", statement=sp.Eq(_S(_Z), _Z**2), variables=(_Z,))
_FN_ALG = MatrixAlgebra(derivatives={_POS_SIGMA: _POS_DSIGMA})


def _form(fn: Any, vec: Any) -> Any:
    return (_U.T * diag(elementwise(fn, vec)) * _U)[0, 0]


def _fn_goal(start: Any, rel: Relation, end: Any, alg: MatrixAlgebra, *, lemmas: tuple[Lemma, ...] = (),
             assumptions: tuple[Any, ...] = ()) -> Any:
    der = Derivation(id="m", title="m", question="Q0", algebras=(alg,), assumptions=assumptions, lemmas=lemmas,
                     chains=(Chain(start=start, steps=(Step(rel, end, "step", tuple(x.name for x in lemmas)),)),))
    return goals_of(der)[0].goal


FUNCTION_FORMS = [
    pytest.param((_U.T * Jacobian(elementwise(_POS_SIGMA, _V), _V) * _U)[0, 0], _FN_ALG, (),
                 id="jacobian-of-positive-slope"),
    pytest.param(_form(_POS_DSIGMA, _V), _FN_ALG, (), id="positive-derivative"),
    pytest.param(_form(_POS_F, _V), MatrixAlgebra(), (), id="positive-undeclared-function"),
    pytest.param(_form(_H, _U), MatrixAlgebra(), (_NONNEG_H,), id="lemma-nonnegative"),
    pytest.param(_form(_S, _U), MatrixAlgebra(), (_SQUARE_S,), id="definition-square"),
]


@pytest.mark.parametrize(("form", "alg", "lemmas"), FUNCTION_FORMS)
def test_models_respect_what_is_known_of_functions(form: Any, alg: MatrixAlgebra, lemmas: tuple[Lemma, ...]) -> None:
    # u^T diag(phi(.)) u >= 0 whenever phi >= 0 (its assumptions, a lemma, a definition): never refuted ...
    assert refute_on_models(alg, _fn_goal(form, Relation.GE, sp.S.Zero, alg, lemmas=lemmas)) is None
    # ... while the false u^T diag(phi(.)) u <= -1 is, with function values that respect those facts
    out = refute_on_models(alg, _fn_goal(form, Relation.LE, -sp.S.One, alg, lemmas=lemmas))
    assert out is not None and out.verdict is Verdict.REFUTED and out.counterexample is not None
    values = dict(out.counterexample.assignment)
    for call, value in values.items():
        if isinstance(call, sp.Function) and call.func in (_POS_F, _POS_DSIGMA, _H):
            assert value >= 0
        if isinstance(call, sp.Function) and call.func == _S:
            assert value == call.args[0] ** 2


def test_a_declared_derivative_bounded_by_a_lemma_is_respected() -> None:
    # sigma'(z) <= 0 for every z: sigma is nonincreasing; u^T diag(sigma'(v)) u <= 0 holds
    bounded = Lemma(name="L", statement=sp.Le(dsigma(_Z), 0), variables=(_Z,))
    goal = _fn_goal(_form(dsigma, _V), Relation.LE, sp.S.Zero, ALG, lemmas=(bounded,))
    assert refute_on_models(ALG, goal) is None
    wrong = _fn_goal(_form(dsigma, _V), Relation.GE, sp.S.One, ALG, lemmas=(bounded,))
    out = refute_on_models(ALG, wrong)
    assert out is not None and out.verdict is Verdict.REFUTED


def test_matrix_assumptions_constrain_the_models_like_givens() -> None:
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    symmetric = (sp.Eq(A.T, A),)
    alg = MatrixAlgebra()
    assert refute_on_models(alg, _fn_goal((A * B).T, Relation.EQ, B.T * A, alg, assumptions=symmetric)) is None
    out = refute_on_models(alg, _fn_goal((A * B).T, Relation.EQ, A * B.T, alg, assumptions=symmetric))
    assert out is not None and out.counterexample is not None
    a = next(v for k, v in out.counterexample.assignment if isinstance(k, sp.MatrixSymbol) and k.name == "A")
    assert a == a.T  # the counterexample satisfies the assumption
    unit = (sp.Eq(SqNorm(_U), 1),)
    assert refute_on_models(alg, _fn_goal(SqNorm(_U), Relation.LE, sp.S.One, alg, assumptions=unit)) is None


# -- a point where a definition has no value -----------------------------------------------------
gamma_real = sp.Symbol("gamma", real=True)
w_normal = sp.MatrixSymbol("w", n, 1)
NORMALISED = gamma_real / Norm(u_vec) * u_vec
WEIGHT = Given(name="weight", statement=sp.Eq(w_normal, NORMALISED))


@pytest.mark.parametrize(("start", "end", "givens", "refuted"), [
    pytest.param(E(Scalar(NORMALISED.T * x_rand) ** 2), gamma_real**2, MOMENTS, False, id="definition-put-in"),
    pytest.param(Scalar(Expectation(sp.MatPow(NORMALISED.T * x_rand, 2))), gamma_real**2, MOMENTS, False,
                 id="definition-put-in-matrix-moment"),
    pytest.param(SqNorm(w_normal), gamma_real**2, (*MOMENTS, WEIGHT), False, id="defined-name"),
    pytest.param(E(Scalar(NORMALISED.T * x_rand) ** 2), 2 * gamma_real**2, MOMENTS, True,
                 id="definition-put-in-doubled"),
    pytest.param(SqNorm(w_normal), 2 * gamma_real**2, (*MOMENTS, WEIGHT), True, id="defined-name-doubled"),
])
def test_a_model_where_a_side_or_a_definition_divides_by_zero_refutes_nothing(
        start: Any, end: Any, givens: tuple[Given, ...], refuted: bool) -> None:
    # w = gamma u / ||u|| has no value at u = 0 (0/0, not 0): no counterexample is drawn there,
    # whether the step writes w or its definition
    der = Derivation(id="m", title="m", question="Q0", algebras=(RANDOM,), givens=givens,
                     chains=(Chain(start=start, steps=(Step(Relation.EQ, end, "step"),)),))
    for seed in range(4):
        out = refute_on_models(RANDOM, goals_of(der, seed=seed)[0].goal)
        assert (out is not None) is refuted
        if out is not None and out.counterexample is not None:
            point = dict(out.counterexample.assignment)
            assert any(v != 0 for v in point[u_vec.xreplace(point)])


@pytest.mark.parametrize(("conclusion", "givens", "refuted"), [
    pytest.param(sp.Eq(SqNorm(NORMALISED), gamma_real**2), (), False, id="definition-put-in"),
    pytest.param(sp.Eq(SqNorm(w_normal), gamma_real**2), (WEIGHT,), False, id="defined-name"),
    pytest.param(sp.Eq(SqNorm(w_normal), 2 * gamma_real**2), (WEIGHT,), True, id="defined-name-doubled"),
])
def test_an_implication_is_not_refuted_where_a_definition_divides_by_zero(
        conclusion: Any, givens: tuple[Given, ...], refuted: bool) -> None:
    square = sp.MatrixSymbol("A", n, n)
    der = Derivation(id="m", title="m", question="Q0", algebras=(ALG,), givens=givens,
                     chains=(Chain(start=(sp.Eq(square * u_vec, y),),
                                   steps=(Step(Relation.IMPLIES, (conclusion,), "step"),)),))
    for seed in range(2):
        assert (refute_equations(ALG, goals_of(der, seed=seed)[0].goal) is not None) is refuted
