"""The derivation model: relations compose as mathematicians read them, and
malformed derivations are rejected with messages that say what to do."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.model import Chain, Derivation, Given, Induction, Relation, Step, compose, symbols, within
from symproofs.core.results import Trust, Verdict

R = Relation
x = sp.Symbol("x", real=True)

COMPOSE = [
    pytest.param(R.EQ, R.LE, R.LE, id="eq-then-le"),
    pytest.param(R.LE, R.EQ, R.LE, id="le-then-eq"),
    pytest.param(R.LE, R.LT, R.LT, id="le-then-lt"),
    pytest.param(R.GE, R.GT, R.GT, id="ge-then-gt"),
    pytest.param(R.LE, R.GE, None, id="le-then-ge"),
    pytest.param(R.IMPLIES, R.IFF, R.IMPLIES, id="implies-then-iff"),
    pytest.param(R.IFF, R.IFF, R.IFF, id="iff-then-iff"),
    pytest.param(R.LE, R.IMPLIES, None, id="order-then-logic"),
    pytest.param(R.EQ, R.EQ, R.EQ, id="eq-then-eq"),
]


@pytest.mark.parametrize(("first", "second", "expected"), COMPOSE)
def test_compose(first: Relation, second: Relation, expected: Relation | None) -> None:
    assert compose(first, second) is expected


@pytest.mark.parametrize(("text", "relation"), [
    ("=", R.EQ), (r"\le", R.LE), (r"\leq", R.LE), (r"\geq", R.GE), (r"\implies", R.IMPLIES),
    (r"\Rightarrow", R.IMPLIES), (r"\iff", R.IFF), (r"\Leftrightarrow", R.IFF), ("<", R.LT),
])
def test_relation_spellings(text: str, relation: Relation) -> None:
    assert Relation.parse(text) is relation


def test_unknown_relation_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown relation"):
        Relation.parse(r"\approx")


def test_verdict_and_trust_have_no_truth_value() -> None:
    with pytest.raises(TypeError, match="no truth value"):
        bool(Verdict.PROVED)
    with pytest.raises(TypeError, match="no truth value"):
        bool(Trust.SYMBOLIC)


def test_chain_relation_composes_steps() -> None:
    chain = Chain(start=x, steps=(Step(R.EQ, x, "same"), Step(R.LE, x + 1, "add one"), Step(R.LT, x + 2, "again")))
    assert chain.relation is R.LT


@pytest.mark.parametrize(("build", "message"), [
    pytest.param(lambda: Step(R.EQ, x, "  "), "needs a justification", id="empty-why"),
    pytest.param(lambda: Step("=", x, "why"), "must be a Relation", id="relation-as-text"),
    pytest.param(lambda: Step(R.EQ, x, "why", "given"), "tuple of names", id="uses-as-string"),
    pytest.param(lambda: Chain(start=x, steps=()), "at least one step", id="empty-chain"),
    pytest.param(lambda: Derivation(id="bad id!", title="t", question="Q", chains=(
        Chain(start=x, steps=(Step(R.EQ, x, "same"),)),)), "use letters", id="bad-id"),
    pytest.param(lambda: Derivation(id="d", title="t", question="Q", chains=(
        Chain(start=x, steps=(Step(R.EQ, x, "same", ("nope",)),)),)), "unknown given or lemma 'nope'",
        id="unknown-citation"),
    pytest.param(lambda: Derivation(id="d", title="t", question="Q", induction=Induction(variable=x),
                                    claim=sp.Eq(x, x, evaluate=False),
                                    chains=(Chain(start=x, steps=(Step(R.EQ, x, "same"),)),)),
                 "exactly two chains", id="induction-one-chain"),
    pytest.param(lambda: Derivation(id="d", title="t", question="Q", claim=sp.Eq(1, 2),
                                    chains=(Chain(start=x, steps=(Step(R.EQ, x, "same"),)),)),
                 "evaluated to False", id="claim-evaluates"),
    pytest.param(lambda: Derivation(id="d", title="t", question="Q", givens=(
        Given(name="a", statement=sp.Eq(x, 1)), Given(name="a", statement=sp.Eq(x, 2))),
        chains=(Chain(start=x, steps=(Step(R.EQ, x, "same"),)),)), "duplicate", id="duplicate-given"),
])
def test_malformed_input_is_rejected(build, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build()


def test_symbols_are_real_by_default() -> None:
    a, b = symbols("a b")
    assert a.is_real and b.is_real
    (c,) = symbols("c,", positive=True)
    assert c.is_positive


def test_within_builds_interval() -> None:
    b = sp.Symbol("b", real=True)
    assert within(b, 0, 1) == (b > 0, b < 1)
    assert within(b, 0, 1, closed=True) == (b >= 0, b <= 1)
