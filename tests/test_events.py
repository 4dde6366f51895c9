r"""Probabilities of events and conditional expectations: read from LaTeX,
decided where the declared law decides them (proved when right, refuted
with the laws' exact values when wrong), and *unknown* with the reason
otherwise -- never refuted for lack of a rule."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.latex.parser import parse_relation_chain
from symproofs.probability.events import probability, tail
from symproofs.probability.laws import Bernoulli, Generic, Normal, Uniform
from symproofs.probability.space import ProbabilitySpace
from symproofs.probability.variables import CondE, Prob


def space() -> ProbabilitySpace:
    s = ProbabilitySpace()
    s.variable("a", Generic(mean=0, var=1, symmetric=True, continuous=True))
    s.variable("b", Generic(mean=0, var=1, symmetric=True))
    s.variable("z", Normal(0, 1))
    s.variable("u", Uniform(0, 2))
    s.variable("r", Bernoulli(sp.Rational(1, 3)))
    return s


def check(text: str) -> StepResult:
    parts = parse_relation_chain(text)
    assert [p.error for p in parts] == [None, None]
    return check_goal_in(parts[0].expr, parts[1].expr)


def check_goal_in(lhs: sp.Basic, rhs: sp.Basic) -> StepResult:
    from symproofs.verifier.pipeline import check_goal

    return check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs,
                           context=Context(facts=Facts(()), algebras=(space(),), seed=5)))


def test_events_read_as_probabilities_and_conditional_expectations() -> None:
    a = sp.Symbol("a", real=True)
    p = parse_relation_chain(r"\mathbb{P}(a \ge 0) = \frac12")[0].expr
    q = parse_relation_chain(r"\mathbb{E}[a \mid a \ge 0] = 1")[0].expr
    assert p == Prob(sp.Ge(a, 0))
    assert q == CondE(a, sp.Ge(a, 0))


@pytest.mark.parametrize("text, verdict", [
    (r"\mathbb{P}(a \ge 0) = \frac12", Verdict.PROVED),       # symmetric, no atom at 0
    (r"\mathbb{P}(a > 0) = \frac12", Verdict.PROVED),
    (r"\mathbb{P}(a \ge 0) = \frac13", Verdict.REFUTED),
    (r"\mathbb{P}(z \le 0) = \frac12", Verdict.PROVED),       # N(0, 1)
    (r"\mathbb{P}(u \ge \frac12) = \frac34", Verdict.PROVED),  # U(0, 2)
    (r"\mathbb{P}(u \ge \frac12) = \frac14", Verdict.REFUTED),
    (r"\mathbb{P}(r \ge 1) = \frac13", Verdict.PROVED),       # Bernoulli(1/3)
    (r"\mathbb{P}(r \ge 1) = \frac23", Verdict.REFUTED),
    (r"\mathbb{E}[z \mid z \ge 0] = \sqrt{\frac{2}{\pi}}", Verdict.PROVED),
    (r"\mathbb{E}[z \mid z \ge 0] = 1", Verdict.REFUTED),
])
def test_an_event_the_declared_law_decides(text: str, verdict: Verdict) -> None:
    res = check(text)
    assert res.verdict is verdict, res
    if verdict is Verdict.PROVED:
        assert res.trust is Trust.SYMBOLIC
    else:
        assert res.counterexample is not None and res.counterexample.lhs != res.counterexample.rhs


@pytest.mark.parametrize("text, reason", [
    (r"\mathbb{P}(b \ge 0) = \frac12", "may put mass at 0"),
    (r"\mathbb{P}(a \ge 0, b \ge 0) = \frac14", "joint law"),
    (r"\mathbb{E}[a \mid a \ge 0] = 1", "no density"),
])
def test_an_event_the_law_does_not_decide_is_unknown_with_the_reason(text: str, reason: str) -> None:
    res = check(text)
    assert res.verdict is Verdict.UNKNOWN
    assert reason in res.message


def test_tails_of_laws() -> None:
    assert tail(Normal(0, 4), sp.S.Zero, upper=True) == sp.Rational(1, 2)
    assert tail(Uniform(0, 2), sp.S.One, upper=False) == sp.Rational(1, 2)
    assert tail(Generic(var=1, symmetric=True), sp.S.Zero, upper=True) is None
    x = sp.Symbol("x", real=True)
    assert probability(sp.Ge(x, 0), lambda v: None) is None  # not a random variable


def test_a_normal_law_that_may_be_a_point_mass_gives_no_half() -> None:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.core.results import Verdict
    from symproofs.probability.laws import Normal
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import Prob
    from symproofs.verifier.pipeline import verify

    for s, expected in ((sp.Symbol("s", real=True), Verdict.UNKNOWN), (sp.Symbol("s", positive=True), Verdict.PROVED)):
        space = ProbabilitySpace()
        X = space.variable("X", Normal(0, s**2))  # s = 0 is allowed for a real s: X = 0 almost surely
        for event in (X >= 0, X > 0):
            d = Derivation(id="half", title="half", question="T", algebras=(space,),
                           chains=(Chain(start=Prob(event), steps=(Step(R.EQ, sp.Rational(1, 2), "symmetry"),)),))
            assert verify(d, isolate=False).chains[0].steps[0].verdict is expected


def test_the_probability_of_a_value() -> None:
    # P(R = 1) = p for a keep-mask entry, P(R = 0) = 1 - p; no atom for a law with a density
    p, s = sp.Symbol("p", positive=True), sp.Symbol("s", positive=True)
    r, x, g = (sp.Symbol(n, real=True) for n in "rxg")
    laws = {r: Bernoulli(p), x: Normal(0, s**2), g: Generic()}
    assert probability(sp.Eq(r, 1), laws.get) == p
    assert probability(sp.Eq(0, r), laws.get) == 1 - p
    assert probability(sp.Ne(r, 1), laws.get) == 1 - p
    assert probability(sp.Eq(x, 3), laws.get) == 0 and probability(sp.Ne(x, 3), laws.get) == 1
    assert probability(sp.Eq(g, 0), laws.get) is None  # a law that may have atoms decides nothing
    assert probability(sp.Eq(r, x), laws.get) is None  # two random sides
