"""The matrix questions of the library (Q2, Q4, Q5, Q6): every step proved,
at the trust level each derivation honestly reaches."""

from __future__ import annotations

import pytest

from symproofs.core.model import Derivation
from symproofs.core.results import Trust, Verdict
from symproofs.library import q2, q4, q5, q6
from symproofs.verifier.pipeline import verify

S, N, G = Trust.SYMBOLIC, Trust.INSTANCES, Trust.GIVEN
EXPECTED = {
    "q2-loss": S,
    "q2-mask-moments": S,
    "q2-expected-loss": S,
    "q2-dropout-minimizer": S,
    "q2-ridge": S,
    "q2-comparison": S,
    "q4-batch-normalization": S,
    "q4-gradient": S,
    "q4-norm-growth": S,
    "q5-post-activation": S,
    "q5-jacobian": S,
    "q5-one-step-bound": G,
    "q5-vanishing": G,
    "q5-explosion": S,
    "q6-forward-states": S,
    "q6-backward-states": S,
    "q6-weights": S,
}
MODULES = (q2, q4, q5, q6)
DERIVATIONS: list[Derivation] = [d for mod in MODULES for d in mod.DERIVATIONS]


def test_every_matrix_derivation_has_an_expected_trust() -> None:
    assert sorted(d.id for d in DERIVATIONS) == sorted(EXPECTED)


@pytest.mark.parametrize("mod", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_setting_is_stated_once_per_question(mod: object) -> None:
    derivations = mod.DERIVATIONS  # type: ignore[attr-defined]
    assert [bool(d.setting) for d in derivations].count(True) == 1
    assert derivations[0].setting


@pytest.mark.parametrize(
    "derivation",
    [pytest.param(d, id=d.id, marks=[pytest.mark.slow] if d.id.startswith("q6") else []) for d in DERIVATIONS],
)
def test_every_step_is_proved_at_the_expected_trust(derivation: Derivation) -> None:
    result = verify(derivation, isolate=False)
    steps = result.all_steps
    assert all(s.verdict is Verdict.PROVED for s in steps), [s.describe() for s in steps]
    assert result.trust is EXPECTED[derivation.id]
    for s in steps:
        if s.trust is Trust.INSTANCES:
            assert s.instances.startswith("all shapes with ")


def test_the_one_step_bound_is_applied_at_every_k_only_where_the_activation_bound_holds_at_every_k() -> None:
    # "one step" rests on |sigma'(h_{t-1})| <= gamma at its own t: applied at every k it needs
    # the bound at every h_{k-1}, which q5-vanishing states as a family; at t alone it is not enough
    from dataclasses import replace

    from symproofs.verifier.pipeline import Options, verify_all

    at_t = replace(q5.vanishing, givens=(q5.H_DEF, q5.ACTIVATION, q5.WEIGHTS))
    bounded, _ = verify_all([at_t, q5.one_step], options=Options(isolate=False))
    assert bounded.chains[0].steps[1].verdict is not Verdict.PROVED
    full, _ = verify_all([q5.vanishing, q5.one_step], options=Options(isolate=False))
    assert full.chains[0].steps[1].verdict is Verdict.PROVED and full.chains[0].steps[1].trust is S


def test_a_slip_under_a_bound_given_for_every_step_is_refuted_on_a_concrete_model() -> None:
    # the activation bound holds at every k: a model checks it once with k symbolic (the same number at
    # every k), so a slip in the bound over T steps is still refuted there
    from dataclasses import replace

    import sympy as sp

    from symproofs.core.model import Chain

    chain = q5.vanishing.chains[0]
    slips = (sp.Product(q5.delta, (q5.k, 0, q5.T)), q5.delta ** (q5.T - 1))
    for at, slip in zip((1, 2), slips, strict=True):
        steps = tuple(replace(s, expr=slip) if i == at else s for i, s in enumerate(chain.steps))
        d = replace(q5.vanishing, chains=(Chain(start=chain.start, steps=steps, label=chain.label),))
        assert verify(d, isolate=False).chains[0].steps[at].verdict is Verdict.REFUTED, slip
