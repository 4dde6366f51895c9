"""The random variables of a counterexample in the step's own names: only
the variables the step uses, laws in words and symbols, ties between them,
no name of the model's own."""

from __future__ import annotations

import random

import sympy as sp

from symproofs.core.goals import Model
from symproofs.probability.laws import Bernoulli, Generic, Normal, Uniform
from symproofs.probability.space import E, ProbabilitySpace

mu = sp.Symbol("mu", real=True)


def first_model(space: ProbabilitySpace) -> Model:
    return next(iter(space.models(random.Random(0))))


def told(model: Model, *exprs: sp.Basic, values: dict[sp.Basic, sp.Basic] | None = None) -> tuple[str, str]:
    assert model.explain is not None
    return model.explain(exprs, values or {})


def explained(model: Model, *exprs: sp.Basic, values: dict[sp.Basic, sp.Basic] | None = None) -> str:
    return told(model, *exprs, values=values)[0]


def test_only_the_variables_of_the_step_and_their_ties() -> None:
    space = ProbabilitySpace()
    X = space.variable("X", Generic())
    Y = space.variable("Y", Generic())
    space.variable("Z", Uniform(-1, 1))
    space.variable("B", Bernoulli(sp.Rational(1, 2)))
    model = first_model(space)
    assert "_" in model.describe()  # the model's own coordinates...
    text = explained(model, E(X * Y), E(X) * E(Y))
    assert "_" not in text and "Z" not in text and "B" not in text  # ...never reach the reader
    assert text.startswith("X ") and text.endswith("Y = X")  # undeclared independence: tied in the shared model
    # the law stated is the one the model evaluates: E[XY] = E[X^2] there
    assert sp.simplify(model.apply(E(X * Y)) - model.apply(E(X**2))) == 0


def test_declared_independence_is_stated_and_parameters_take_their_values() -> None:
    space = ProbabilitySpace()
    X = space.variable("X", Normal(mu, 4))
    B = space.variable("B", Bernoulli(sp.Rational(1, 3)))
    space.independent(X, B)
    text = explained(first_model(space), E(X * B), values={mu: sp.Rational(1, 2)})
    assert "X ~ N(1/2, 4)" in text
    assert "B ~ Bernoulli(1/3), independent of X" in text or "X ~ N(1/2, 4), independent of B" in text


def test_the_sentence_is_typeset_from_the_same_description() -> None:
    space = ProbabilitySpace()
    alpha = space.variable("alpha", Normal(mu, 4))
    B = space.variable("B", Bernoulli(sp.Rational(1, 3)))
    space.independent(alpha, B)
    text, latex = told(first_model(space), E(alpha * B), values={mu: sp.Rational(1, 2)})
    assert "alpha ~ N(1/2, 4)" in text
    assert r"$\alpha \sim \mathcal{N}\left(\frac{1}{2}, 4\right)$" in latex
    assert r"$B \sim \operatorname{Bernoulli}\left(\frac{1}{3}\right)$" in latex
    assert ("independent of $B$" in latex) != ("independent of $\\alpha$" in latex)
    assert "~" not in latex and "/" not in latex


def test_a_listed_law_and_an_outcome_are_typeset() -> None:
    space = ProbabilitySpace()
    X = space.variable("X", Generic())
    model = first_model(space)
    text, latex = told(model, X, E(X))
    assert text.startswith("X takes ") and "with probabilities" in text and "; at the outcome X = " in text
    assert latex.startswith("$X$ takes $") and " with probabilities $" in latex
    assert f"; at the outcome $X = {sp.latex(model.apply(X))}$" in latex


def test_independent_copies_of_a_family_are_told_together() -> None:
    space = ProbabilitySpace()
    W = space.family("W", Generic(mean=1), members="iid")
    text = explained(first_model(space), E(W(1) * W(2)))
    assert text.startswith("W(1) and W(2) are independent and each ")
    assert "_" not in text


def test_a_variable_outside_an_expectation_is_taken_at_a_stated_outcome() -> None:
    space = ProbabilitySpace()
    X = space.variable("X", Normal(0, 1))
    model = first_model(space)
    text = explained(model, X, E(X))
    value = model.apply(X)
    assert text == f"X ~ N(0, 1); at the outcome X = {sp.sstr(value)}"


def test_a_source_with_no_name_in_the_step_gets_one_that_the_step_does_not_use() -> None:
    space = ProbabilitySpace()
    U = space.variable("U", Generic())
    V = space.variable("V", Generic())
    space.uncorrelated(U, V)
    S = sp.Symbol("S", real=True)  # the step uses S: the explanation must not
    text = explained(first_model(space), E(S * U**2 * V**2))
    assert "_" not in text and "S ~" not in text and "S is" not in text
    assert "U = " in text and "V = " in text  # each a function of named, described sources


def test_no_random_variable_no_explanation() -> None:
    space = ProbabilitySpace()
    space.variable("X", Normal(0, 1))
    assert explained(first_model(space), mu + 1) == ""


def test_a_refutation_through_check_names_the_outcome_it_used() -> None:
    # the verifier's own API: the counterexample of mu + Y = mu says what Y was
    from symproofs import Chain, Derivation, Relation, Step, check

    space = ProbabilitySpace()
    Y = space.variable("Y", Normal(0, 1))
    chain = Chain(start=mu + Y, steps=(Step(Relation.EQ, mu, "Y is centred"),))
    (step,) = check(Derivation(id="t", title="t", question="Q", algebras=(space,), chains=(chain,)),
                    isolate=False).chains[0].steps
    assert step.counterexample is not None and "at the outcome Y = " in step.describe()
    assert "Y ~ N(0, 1)" in step.counterexample.model


def test_one_member_written_two_ways_is_described_as_one() -> None:
    space = ProbabilitySpace()
    W = space.family("W", Generic(mean=mu, var=1), members="iid")
    twice = W(sp.log(4) / sp.log(2))  # W(2)
    text = explained(first_model(space), E(twice * W(2)))
    assert "independent" not in text
    assert text.endswith(f"{sp.sstr(twice)} = W(2)")
