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
from symproofs.probability.variables import CondE, E, Prob


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
    # conditioned (P(a >= 0) = 1/2), but no declared moment gives E[max(0, a)]
    (r"\mathbb{E}[a \mid a \ge 0] = 1", "left to show: 2*E(Max(0, a)) - 1"),
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


# -- the law of total expectation (probability/conditioning.py) -------------------------------------
def relu_space() -> tuple[ProbabilitySpace, dict[str, sp.Basic]]:
    s = ProbabilitySpace()
    names = {
        "a": s.variable("a", Generic(mean=0, var=1, symmetric=True, continuous=True)),
        "b": s.variable("b", Generic(mean=0, var=1, symmetric=True)),  # may have an atom at 0
        "c": s.variable("c", Generic(mean=0, var=1)),                 # not symmetric
    }
    x = s.variable("X", Generic(mean=0, var=1, symmetric=True, continuous=True))
    y = s.variable("Y", Generic(mean=0, var=1, symmetric=True, continuous=True))
    u = s.variable("U", Generic(mean=0, var=1, symmetric=True, continuous=True))
    v = s.variable("V", Generic(mean=0, var=1, symmetric=True, continuous=True))
    s.independent(x, y)
    s.uncorrelated(u, v)
    names.update(X=x, Y=y, U=u, V=v)
    return s, names


def verdict_in(lhs: sp.Basic, rhs: sp.Basic) -> StepResult:
    from symproofs.verifier.pipeline import check_goal

    return check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs,
                           context=Context(facts=Facts(()), algebras=(relu_space()[0],), seed=5)))


def _sides(case: str) -> tuple[sp.Basic, sp.Basic]:
    _, v = relu_space()
    a, b, c, X, Y, U, V = (v[k] for k in "abcXYUV")

    def h(t: sp.Basic) -> sp.Basic:
        return sp.Max(0, t)

    def P(e: sp.Basic) -> sp.Basic:
        return Prob(e)

    def CE(g: sp.Basic, e: sp.Basic) -> sp.Basic:
        return CondE(g, e)

    half = sp.Rational(1, 2)
    cases = {
        # true
        "total": (E(h(a)), P(a >= 0) * CE(h(a), a >= 0) + P(a <= 0) * CE(h(a), a <= 0)),
        "zero-side": (P(a >= 0) * CE(h(a), a >= 0) + P(a <= 0) * CE(h(a), a <= 0), P(a >= 0) * CE(h(a), a >= 0)),
        "half": (E(h(a)), half * CE(a, a >= 0)),
        "refine-pos": (CE(h(a), a >= 0), CE(a, a >= 0)),
        "refine-neg": (CE(h(a), a <= 0), 0),
        "refine-abs": (CE(sp.Abs(a), a < 0), CE(-a, a < 0)),
        "constant": (CE(3, a >= 0), 3),
        "total-with-atom": (E(h(b)), P(b >= 0) * CE(h(b), b >= 0) + P(b <= 0) * CE(h(b), b <= 0)),
        "total-of-one": (P(a >= 0) * CE(1, a >= 0) + P(a <= 0) * CE(1, a <= 0), 1),
        "two-variables": (E(h(X) * h(Y)), P(X >= 0) * CE(X * h(Y), X >= 0)),
        "independent": (CE(X * Y, (X >= 0) & (Y >= 0)), CE(X, X >= 0) * CE(Y, Y >= 0)),
        "relu-square": (E(a * h(a)), half),
        # false or unprovable
        "wrong-refine": (CE(h(a), a <= 0), CE(a, a <= 0)),
        "atom-half": (E(h(b)), half * CE(b, b >= 0)),
        "atom-total-of-one": (P(b >= 0) * CE(1, b >= 0) + P(b <= 0) * CE(1, b <= 0), 1),
        "uncorrelated": (CE(U * V, (U >= 0) & (V >= 0)), CE(U, U >= 0) * CE(V, V >= 0)),
        "not-symmetric": (E(h(c)), P(c >= 0) * CE(h(c), c >= 0) + P(c <= 0) * CE(h(c), c <= 0)),
        "constant-maybe-null": (CE(3, c >= 0), 3),
        "strict-half": (E(h(b)), P(b > 0) * CE(h(b), b > 0)),
    }
    lhs, rhs = cases[case]
    return sp.sympify(lhs), sp.sympify(rhs)


@pytest.mark.parametrize("case", ["total", "zero-side", "half", "refine-pos", "refine-neg", "refine-abs", "constant",
                                  "total-with-atom", "total-of-one", "two-variables", "independent",
                                  "relu-square"])
def test_the_law_of_total_expectation_proves_right_steps(case: str) -> None:
    res = verdict_in(*_sides(case))
    assert res.verdict is Verdict.PROVED, res
    assert res.trust is Trust.SYMBOLIC


@pytest.mark.parametrize("case, reason", [
    ("wrong-refine", "left to show"),           # E[max(0,a) | a <= 0] = 0, not E[a | a <= 0]
    ("atom-half", "may put mass at 0"),         # P(b >= 0) = 1/2 needs no atom at 0
    ("atom-total-of-one", "left to show"),      # P(b >= 0) + P(b <= 0) = 1 + P(b = 0)
    ("uncorrelated", "independence"),           # uncorrelated is not independent
    ("not-symmetric", "positive P(event)"),     # P(c >= 0) > 0 is not known
    ("constant-maybe-null", "positive P(event)"),
    ("strict-half", "may put mass at 0"),       # P(b > 0) may be 0
])
def test_the_law_of_total_expectation_never_proves_wrong_steps(case: str, reason: str) -> None:
    res = verdict_in(*_sides(case))
    assert res.verdict is Verdict.UNKNOWN, res
    assert reason in (res.message or ""), res.message


def test_sign_cells_are_a_fixed_point() -> None:
    from symproofs.probability.conditioning import split_cells

    x = sp.Symbol("x", real=True)
    assert split_cells(sp.Max(0, x), {x}, lambda _: False) is None  # already canonical
    assert split_cells(x * sp.Max(0, x), {x}, lambda _: False) == sp.Max(0, x) ** 2
    assert split_cells(sp.Abs(x), {x}, lambda _: True) == sp.Max(0, x) - sp.Min(0, x)
    # the value at the threshold is kept where the law may put mass there
    kept = split_cells(sp.Piecewise((1, x >= 0), (0, True)), {x}, lambda _: False)
    assert kept is not None and kept.has(sp.Eq(x, 0))
    assert split_cells(sp.Max(0, x) * sp.Max(1, x), {x}, lambda _: True) is None  # two thresholds: not split


def test_a_refutation_by_the_declared_laws_is_decided_exactly() -> None:
    from symproofs.probability.space import _differ

    assert _differ(sp.Rational(1, 2), sp.Rational(1, 3))
    assert not _differ(sp.sqrt(2) / 2, 1 / sp.sqrt(2))  # the same number written two ways
    assert not _differ(sp.log(6) - sp.log(2), sp.log(3))  # too close to tell apart numerically: not refuted
    res = check(r"\mathbb{P}(u \ge \frac12) = \frac14")
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    assert (res.counterexample.lhs, res.counterexample.rhs) == (sp.Rational(3, 4), sp.Rational(1, 4))
