"""The Q1 derivations (and Q3.3, Q3.4): every step proved with the trust
expected of it, and wrong variants of their steps, checked in the same
context, refuted or at least not proved."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.model import Derivation, Relation, Side
from symproofs.core.results import DerivationResult, StepResult, Trust, Verdict
from symproofs.library import derivations, q1, q3
from symproofs.probability.laws import Generic, Normal
from symproofs.probability.space import E, ProbabilitySpace, Var
from symproofs.verifier.pipeline import check_goal, goals_of, verify

R = Relation
Q3_NEW = ("q3-bias", "q3-bias-gap", "q3-bias-correction")
UNDER_TEST = {d.id: d for d in (*q1.DERIVATIONS, *(d for d in q3.DERIVATIONS if d.id in Q3_NEW))}

#: Steps taken as given, by derivation: (chain, step) pairs. Every other step
#: must be proved symbolically.
GIVEN_STEPS: dict[str, set[tuple[int, int]]] = {
    "q1-uniform-moments": {(0, 0)},  # E[U] as an integral against the density is the definition
}

_results: dict[str, DerivationResult] = {}


def _result(d: Derivation) -> DerivationResult:
    if d.id not in _results:
        _results[d.id] = verify(d, isolate=False)
    return _results[d.id]


@pytest.mark.parametrize("ident", sorted(UNDER_TEST))
def test_every_step_is_proved_with_the_expected_trust(ident: str) -> None:
    res = _result(UNDER_TEST[ident])
    given = GIVEN_STEPS.get(ident, set())
    for ci, chain in enumerate(res.chains):
        for si, step in enumerate(chain.steps):
            where = f"{ident}, {chain.label}, step {si + 1}: {step.describe()}"
            assert step.verdict is Verdict.PROVED, where
            assert step.trust is (Trust.GIVEN if (ci, si) in given else Trust.SYMBOLIC), where
            assert "probe" not in step.method, where
    for step in res.conclusion:
        assert step.verdict is Verdict.PROVED, f"{ident}: {step.describe()}"
    assert res.status is Verdict.PROVED


def test_q1_is_first_in_the_library() -> None:
    ids = [d.id for d in derivations()]
    assert ids[0] == "q1-product-variance"
    assert set(UNDER_TEST) <= set(ids)


def test_the_setting_is_stated_once() -> None:
    assert [d.id for d in q1.DERIVATIONS if d.setting] == ["q1-product-variance"]


def test_the_why_of_he_initialization_is_prose() -> None:
    assert "halving" in q1.he_gaussian.text


@pytest.mark.parametrize(
    ("ident", "chain", "step", "lemma"),
    [
        pytest.param("q1-preactivation-variance", 0, 3, "product variance", id="glorot-product-variance"),
        pytest.param("q1-he-variance", 0, 3, "product variance", id="he-product-variance"),
        pytest.param("q3-bias", 0, 0, "unrolling", id="bias-unrolling"),
        pytest.param("q3-bias-gap", 0, 0, "bias", id="gap-bias"),
        pytest.param("q3-bias-correction", 0, 1, "bias", id="correction-bias"),
    ],
)
def test_cited_lemmas_are_checked_as_instances(ident: str, chain: int, step: int, lemma: str) -> None:
    res = _result(UNDER_TEST[ident]).chains[chain].steps[step]
    assert res.method.startswith(f"instance of lemma '{lemma}'"), res.method
    assert res.trust is Trust.SYMBOLIC


def test_every_proved_by_names_a_derivation_that_provides_the_lemma() -> None:
    library = {d.id: d for d in derivations()}
    for d in UNDER_TEST.values():
        for lem in d.lemmas:
            assert lem.proved_by in library, (d.id, lem.name)
            source = library[lem.proved_by]
            assert source.claim == lem.statement, (d.id, lem.name)
            provided = [p for p in source.provides if p.name == lem.name] or [lem]
            assert provided[0].statement == lem.statement
            assert lem.proved_by != d.id


# -- wrong variants, checked in the derivation's own context ---------------------------------------
def _goal(d: Derivation, lhs: Side, rhs: Side, relation: Relation = R.EQ,
          uses: tuple[str, ...] = ()) -> Goal:
    base = goals_of(d)[0].goal
    return replace(base, lhs=lhs, rhs=rhs, relation=relation, context=replace(base.context, uses=uses))


def _step_goal(d: Derivation, chain: int, step: int) -> Goal:
    return next(r.goal for r in goals_of(d) if r.chain == chain and r.step == step)


def _check(goal: Goal) -> StepResult:
    return check_goal(goal)


def test_factoring_without_declared_independence_is_refuted() -> None:
    space = ProbabilitySpace()
    space.family("W", Generic())  # nothing declared: not i.i.d., not independent of the inputs
    space.family("h", Generic())
    d = replace(q1.preactivation_mean, algebras=(space,))
    res = _check(_step_goal(d, 0, 2))  # E[W_ij h_j] = E[W_ij] E[h_j]
    assert res.verdict is Verdict.REFUTED, res.describe()
    assert res.counterexample is not None and res.counterexample.model


def test_factoring_iid_weights_without_independence_is_not_proved() -> None:
    space, _, _ = q1.layer_space(Generic(), Generic(), independent=False)
    d = replace(q1.preactivation_mean, algebras=(space,))
    assert _check(_step_goal(d, 0, 2)).verdict is not Verdict.PROVED


def test_the_lemma_needs_its_independence_hypothesis() -> None:
    space, _, _ = q1.layer_space(Generic(), Generic(mean=0, var=1), members="uncorrelated",
                                  independent=False)
    d = replace(q1.preactivation_variance, algebras=(space,))
    res = _check(_step_goal(d, 0, 3))
    assert res.verdict is not Verdict.PROVED, res.describe()


def test_variance_does_not_scale_linearly() -> None:
    res = _check(_goal(q1.product_variance, Var(q1.c * q1.X), q1.c * Var(q1.X)))
    assert res.verdict is Verdict.REFUTED, res.describe()


def test_the_square_of_the_mean_is_not_the_second_moment() -> None:
    res = _check(_goal(q1.product_variance, Var(q1.X * q1.Y), E(q1.X**2) * E(q1.Y**2) - E(q1.X) * E(q1.Y)))
    assert res.verdict is Verdict.REFUTED, res.describe()


def test_the_he_choice_with_one_over_d_is_not_proved() -> None:
    d, s2 = q1.d, q1.s2
    res = _check(_goal(q1.he_gaussian, sp.Subs(d * s2 / 2, s2, 1 / d), sp.S.One))
    assert res.verdict is Verdict.REFUTED  # the substitution is off by a nonzero constant
    assert res.counterexample is not None and res.counterexample.lhs != res.counterexample.rhs


def test_he_weights_with_variance_one_over_d_halve_the_variance() -> None:
    space, W, z = q1.layer_space(Normal(0, 1 / q1.d), Generic(var=1, symmetric=True), relu=True)
    a = q1.preactivation(W, q1.relu(z(q1.j)))
    d = replace(q1.he_gaussian, algebras=(space,))
    assert _check(_goal(d, Var(a), sp.S.One)).verdict is Verdict.REFUTED
    assert _check(_goal(d, Var(a), sp.Rational(1, 2))).verdict is Verdict.PROVED


def test_wrong_constraints_are_not_proved() -> None:
    chain = q1.he_gaussian.chains[2]
    wrong = (sp.Eq(q1.c, 0), sp.Eq(q1.d * q1.s2, 1))
    res = _check(_goal(q1.he_gaussian, chain.start, wrong, R.IFF))
    assert res.verdict is not Verdict.PROVED


def test_relu_moment_needs_a_symmetric_law() -> None:
    space = ProbabilitySpace()
    a = space.variable("a", Generic(mean=0, var=1))  # zero mean, not known to be symmetric
    d = replace(q1.relu_second_moment, algebras=(space,))
    res = _check(_goal(d, E(q1.relu(a) ** 2), Var(a) / 2))
    assert res.verdict is Verdict.REFUTED, res.describe()
    res = _check(_step_goal(d, 0, 0))  # E[max(0, a)^2] = E[max(0, -a)^2]
    assert res.verdict is not Verdict.PROVED


def test_a_uniform_choice_off_by_a_factor_is_not_proved() -> None:
    d, alpha, beta = q1.d, q1.alpha, q1.beta
    r = sp.sqrt(6 / d)
    start = sp.Subs(d * (alpha**2 + alpha * beta + beta**2), (alpha, beta), (-r, r))
    res = _check(_goal(q1.glorot_uniform, start, sp.S(3)))
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.rhs == 3


# -- Q3.3 and Q3.4 -----------------------------------------------------------------------------
def test_a_wrong_geometric_sum_is_refuted() -> None:
    beta, mu, t, m = q3.beta, q3.mu, q3.t, q3.m
    res = _check(_goal(q3.bias, (1 - beta) * mu * sp.Sum(beta**m, (m, 0, t - 1)), mu))
    assert res.verdict is Verdict.REFUTED, res.describe()


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        pytest.param(E(q3.v(q3.t)), q3.v(q3.t), id="expectation-of-a-process-is-not-itself"),
        pytest.param(E(q3.v(q3.t) ** 2), E(q3.v(q3.t)) ** 2, id="second-moment-of-a-process"),
        pytest.param(E(q3.v(q3.t)), E(q3.v(q3.t - 1)), id="members-of-a-process-differ"),
    ],
)
def test_the_running_average_is_a_random_process(lhs: sp.Basic, rhs: sp.Basic) -> None:
    assert _check(_goal(q3.bias, lhs, rhs)).verdict is not Verdict.PROVED


def test_the_unrolling_lemma_only_matches_integer_indices() -> None:
    t, beta, k = q3.t, q3.beta, q3.k
    half = t / 2
    unrolled = beta**half * q3.v(0) + (1 - beta) * sp.Sum(beta ** (half - k) * q3.g(k), (k, 1, half))
    res = _check(_goal(q3.bias, E(q3.v(half)), E(unrolled), uses=("unrolling",)))
    assert res.verdict is not Verdict.PROVED


def test_an_unbiased_claim_without_the_correction_is_not_proved() -> None:
    res = _check(_goal(q3.bias_correction, E(q3.v(q3.t)), q3.mu, uses=("bias",)))
    assert res.verdict is not Verdict.PROVED


@pytest.mark.parametrize(
    ("rhs", "verdict"),
    [
        pytest.param((q1.beta - q1.alpha) ** 2 / 12, Verdict.PROVED, id="right"),
        pytest.param((q1.beta - q1.alpha) ** 2 / 6, Verdict.REFUTED, id="wrong-constant"),
        pytest.param((q1.beta + q1.alpha) ** 2 / 12, Verdict.REFUTED, id="wrong-sign"),
    ],
)
def test_the_uniform_variance_in_one_step_from_both_densities(rhs: sp.Expr, verdict: Verdict) -> None:
    d = q1.uniform_moments
    chain = replace(d.chains[1], steps=(replace(d.chains[1].steps[1], expr=rhs),))
    chain = replace(chain, start=Var(q1.U))
    (ref,) = goals_of(replace(d, chains=(chain,)))
    assert check_goal(ref.goal).verdict is verdict
