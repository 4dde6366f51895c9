"""The pipeline: claims are always checked against the chains, cited lemmas
must be proved where ``proved_by`` says, counterexamples show each side's own
value, and every proof is cross-examined by the probe."""

from __future__ import annotations

import time

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Induction, Lemma, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.verifier.claims import settle_conclusion
from symproofs.verifier.pipeline import CONTRADICTION, Options, verify, verify_all

x, y = sp.symbols("x y", real=True)
OPTS = Options(isolate=False)


def _verify(d: Derivation) -> Verdict:
    return verify(d, isolate=False).status


def test_a_claim_is_checked_against_several_chains() -> None:
    d = Derivation(id="two", title="two chains", question="T", claim=sp.Eq(x, x + 1, evaluate=False), chains=(
        Chain(start=(x + 1) ** 2, steps=(Step(R.EQ, x**2 + 2 * x + 1, "expand"),)),
        Chain(start=x, steps=(Step(R.EQ, x, "nothing"),)),
    ))
    assert _verify(d) is not Verdict.PROVED


def test_a_claim_matching_one_of_several_chains_is_proved() -> None:
    d = Derivation(id="two", title="two chains", question="T", claim=sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1), chains=(
        Chain(start=x, steps=(Step(R.EQ, x, "nothing"),)),
        Chain(start=(x + 1) ** 2, steps=(Step(R.EQ, x**2 + 2 * x + 1, "expand"),)),
    ))
    assert _verify(d) is Verdict.PROVED


def test_an_implication_claim_is_checked() -> None:
    chain = Chain(start=sp.Eq(x, 1), steps=(Step(R.IMPLIES, sp.Eq(x**2, 1), "square"),))
    wrong = Derivation(id="imp", title="imp", question="T", claim=sp.Implies(sp.Eq(x, 1), sp.Eq(x, 2)),
                       chains=(chain,))
    assert _verify(wrong) is not Verdict.PROVED
    right = Derivation(id="imp", title="imp", question="T", claim=sp.Implies(sp.Eq(x, 1), sp.Eq(x**2, 1)),
                       chains=(chain,))
    assert _verify(right) is Verdict.PROVED
    iff = Derivation(id="imp", title="imp", question="T", claim=sp.Equivalent(sp.Eq(x, 1), sp.Eq(x**2, 1)),
                     chains=(chain,))
    assert _verify(iff) is not Verdict.PROVED  # the chain shows only '=>'


def test_an_inequality_claim_of_an_induction_is_compared_with_both_chains() -> None:
    t = sp.Symbol("t", integer=True, nonnegative=True)
    d = Derivation(id="ind", title="ind", question="T", claim=sp.Le(2**t, t), induction=Induction(variable=t),
                   chains=(Chain(start=sp.Integer(0), steps=(Step(R.LE, sp.Integer(1), "0 <= 1"),)),
                           Chain(start=t, steps=(Step(R.LE, t + 1, "t <= t + 1"),))))
    assert _verify(d) is not Verdict.PROVED


def test_a_true_inequality_induction_is_proved() -> None:
    t = sp.Symbol("t", integer=True, nonnegative=True)
    d = Derivation(id="ind", title="ind", question="T", claim=sp.Le(t, t**2 + 1), induction=Induction(variable=t),
                   chains=(Chain(start=sp.Integer(0), steps=(Step(R.LE, sp.Integer(1), "0 <= 1"),)),
                           Chain(start=t + 1, steps=(Step(R.LE, (t + 1) ** 2 + 1, "t^2 + t + 1 > 0"),))))
    assert _verify(d) is Verdict.PROVED


@pytest.mark.parametrize(("t", "start"), [
    (sp.Symbol("t", integer=True, nonnegative=True), 3), (sp.Symbol("n", integer=True), 0),
], ids=["nonnegative-from-3", "any-integer-from-0"])
def test_an_induction_proves_nothing_below_its_start(t: sp.Symbol, start: int) -> None:
    # max(t, start) = t holds from the start on, and fails below it, which the assumptions allow
    claim = sp.Eq(sp.Max(t, start), t)
    d = Derivation(id="ind", title="ind", question="T", claim=claim, induction=Induction(variable=t, start=start),
                   chains=(Chain(start=sp.Max(start, start), steps=(Step(R.EQ, sp.Integer(start), "max"),)),
                           Chain(start=sp.Max(t + 1, start), steps=(Step(R.EQ, t + 1, "t + 1 > start", ("IH",)),))))
    res = verify(d, isolate=False)
    assert res.status is not Verdict.PROVED
    assert any("assume" in c.message and ">=" in c.message for c in res.conclusion)
    bounded = sp.Symbol(t.name, integer=True, nonnegative=True)
    fine = Derivation(id="ind", title="ind", question="T", claim=sp.Eq(sp.Max(bounded, 0), bounded, evaluate=False),
                      induction=Induction(variable=bounded, start=0), chains=(
                          Chain(start=sp.Max(0, 0), steps=(Step(R.EQ, sp.Integer(0), "max"),)),
                          Chain(start=sp.Max(bounded + 1, 0), steps=(Step(R.EQ, bounded + 1, "positive"),))))
    assert verify(fine, isolate=False).status is Verdict.PROVED


def test_induction_over_a_real_variable_is_not_proved() -> None:
    t = sp.Symbol("t", real=True)
    d = Derivation(id="ind", title="ind", question="T", claim=sp.Eq(sp.sin(sp.pi * t), 0),
                   induction=Induction(variable=t), chains=(
        Chain(start=sp.sin(sp.pi * 0), steps=(Step(R.EQ, sp.Integer(0), "sin 0"),)),
        Chain(start=sp.sin(sp.pi * (t + 1)), steps=(
            Step(R.EQ, -sp.sin(sp.pi * t), "shift"),
            Step(R.EQ, sp.Integer(0), "hypothesis", ("IH",)))),
    ))
    res = verify(d, isolate=False)
    assert res.status is not Verdict.PROVED
    assert any("not declared an integer" in c.message for c in res.conclusion)


@pytest.mark.parametrize("step, claim, proved", [
    (Step(R.LE, x**2 + y**2, "a square"), sp.Lt(x**2, x**2 + y**2), False),
    (Step(R.LT, x**2 + y**2 + 1, "a square plus one"), sp.Le(x**2, x**2 + y**2 + 1, evaluate=False), True),
    (Step(R.EQ, (x + 1) ** 2, "factor"), sp.Le(x**2 + 2 * x + 1, (x + 1) ** 2, evaluate=False), True),
    (Step(R.GT, x**2 - 1, "minus one"), sp.Ge(x**2, x**2 - 1, evaluate=False), True),
    (Step(R.GE, x**2 - y**2, "minus a square"), sp.Gt(x**2, x**2 - y**2), False),
], ids=["le-chain-lt-claim", "lt-chain-le-claim", "eq-chain-le-claim", "gt-chain-ge-claim", "ge-chain-gt-claim"])
def test_strictness_of_claims(step: Step, claim: sp.Basic, proved: bool) -> None:
    d = Derivation(id="c", title="c", question="T", claim=claim, chains=(Chain(start=claim.lhs, steps=(step,)),))
    assert (_verify(d) is Verdict.PROVED) is proved


def test_proved_by_must_name_a_derivation_that_proves_the_lemma() -> None:
    bogus = Lemma(name="np", statement=sp.Le(x, 0), variables=(x,), proved_by="no-such-derivation")
    d = Derivation(id="use", title="use", question="T", lemmas=(bogus,),
                   chains=(Chain(start=x - 1, steps=(Step(R.LE, sp.Integer(-1), "lemma", ("np",)),)),))
    res = verify(d, isolate=False)
    assert all(s.trust is not Trust.SYMBOLIC for s in res.all_steps if s.verdict is Verdict.PROVED)


def test_proved_by_a_derivation_in_the_same_run_keeps_symbolic_trust() -> None:
    lemma = Lemma(name="amgm", statement=sp.Le(2 * x, x**2 + 1), variables=(x,), proved_by="amgm-proof")
    proof = Derivation(id="amgm-proof", title="amgm", question="T", claim=lemma.statement,
                       chains=(Chain(start=2 * x, steps=(Step(R.LE, x**2 + 1, "(x-1)^2 >= 0"),)),))
    use = Derivation(id="use", title="use", question="T", lemmas=(lemma,),
                     chains=(Chain(start=2 * x + 3, steps=(Step(R.LE, x**2 + 4, "amgm", ("amgm",)),)),))
    _, res = verify_all([proof, use], options=OPTS)
    assert res.status is Verdict.PROVED and res.trust is Trust.SYMBOLIC
    broken = Derivation(id="amgm-proof", title="amgm", question="T", claim=lemma.statement,
                        chains=(Chain(start=2 * x, steps=(Step(R.LE, x**2, "wrong"),)),))
    _, res = verify_all([broken, use], options=OPTS)
    assert res.trust is Trust.GIVEN  # the proof named does not establish the lemma


def test_a_counterexample_shows_each_sides_own_value() -> None:
    d = Derivation(id="ge", title="ge", question="T",
                   chains=(Chain(start=x**2 + 5, steps=(Step(R.GE, sp.Integer(10), "?"),)),))
    (step,) = verify(d, isolate=False).all_steps
    cx = step.counterexample
    assert step.verdict is Verdict.REFUTED and cx is not None
    value = dict(cx.assignment)[x]
    assert cx.lhs == value**2 + 5 and cx.rhs == 10


def test_a_proof_the_probe_contradicts_is_unknown_and_never_cached(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: object) -> None:
    from symproofs.core.goals import Outcome
    from symproofs.verifier import pipeline, strategies

    def wrong(goal: object, state: object) -> Outcome:  # a strategy that proves anything
        return Outcome(verdict=Verdict.PROVED, method="too eager", trust=Trust.SYMBOLIC)

    monkeypatch.setattr(pipeline, "EQUALITY", (("too eager", wrong), *strategies.EQUALITY))
    d = Derivation(id="bad", title="bad", question="T",
                   chains=(Chain(start=x + 1, steps=(Step(R.EQ, x + 2, "?"),)),))
    stored: list[object] = []

    class Cache:
        def get(self, goal: object) -> None:
            return None

        def put(self, goal: object, result: object) -> None:
            stored.append(result)

    (res,) = verify_all([d], options=OPTS, cache=Cache())
    (step,) = res.all_steps
    assert step.verdict is Verdict.UNKNOWN and step.method == CONTRADICTION
    assert step.counterexample is not None
    assert not stored


@pytest.mark.slow
def test_no_library_proof_is_contradicted() -> None:
    from symproofs.library import derivations

    results = verify_all(derivations(), options=Options(jobs=2))
    steps = [s for r in results for s in r.all_steps]
    assert not [s.describe() for s in steps if s.method == CONTRADICTION]
    assert all(r.status is Verdict.PROVED for r in results)


def test_a_matrix_proof_is_cross_examined_on_concrete_models(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.core.goals import Outcome
    from symproofs.matrices.space import MatrixAlgebra
    from symproofs.verifier import pipeline, strategies

    def wrong(goal: object, state: object) -> Outcome:  # a strategy that proves anything
        return Outcome(verdict=Verdict.PROVED, method="too eager", trust=Trust.SYMBOLIC)

    monkeypatch.setattr(pipeline, "EQUALITY", (("too eager", wrong), *strategies.EQUALITY))
    n = sp.Symbol("n", integer=True, positive=True)
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    commute = Derivation(id="commute", title="AB = BA", question="T", algebras=(MatrixAlgebra(),),
                         chains=(Chain(start=A * B, steps=(Step(R.EQ, B * A, "?"),)),))
    (step,) = verify(commute, isolate=False).all_steps
    assert step.verdict is Verdict.UNKNOWN and step.method == CONTRADICTION
    assert step.counterexample is not None and "A =" in step.counterexample.describe()
    transpose = Derivation(id="transpose", title="(AB)^T = B^T A^T", question="T", algebras=(MatrixAlgebra(),),
                           chains=(Chain(start=(A * B).T, steps=(Step(R.EQ, B.T * A.T, "?"),)),))
    (step,) = verify(transpose, isolate=False).all_steps
    assert step.verdict is Verdict.PROVED  # a true step survives the cross-examination


def test_a_symbol_that_may_be_infinite_is_never_decided() -> None:
    xi = sp.Symbol("xi", infinite=True, extended_positive=True)
    xe = sp.Symbol("xe", extended_real=True)
    for start, rel, target in ((xi + 1, R.GT, xi), (sp.exp(-xi), R.GT, sp.S.Zero), (xe + 1, R.GT, xe)):
        d = Derivation(id="inf", title="oo", question="T",
                       chains=(Chain(start=start, steps=(Step(rel, target, "?"),)),))
        step = verify(d, isolate=False).chains[0].steps[0]
        assert step.verdict is Verdict.UNKNOWN and "may be infinite" in (step.message or "")


def test_an_unknown_inequality_leaves_an_inequality_to_show() -> None:
    x = sp.Symbol("x", real=True)
    for rel, target, shown in ((R.GE, 1 + x, "-x + exp(x) - 1 >= 0"), (R.GT, x, "-x + exp(x) > 0")):
        d = Derivation(id="exp", title="exp", question="T",
                       chains=(Chain(start=sp.exp(x), steps=(Step(rel, target, "convexity"),)),))
        step = verify(d, isolate=False).chains[0].steps[0]
        assert step.verdict is Verdict.UNKNOWN and step.describe().endswith(f"left to show: {shown}")


def test_one_name_for_two_symbols_is_never_decided() -> None:
    n_dim, n_any = sp.Symbol("n", integer=True, positive=True), sp.Symbol("n", integer=True)
    i = sp.Symbol("i", integer=True)
    d = Derivation(id="twins", title="mean of ones", question="T", chains=(
        Chain(start=sp.Sum(1, (i, 1, n_any)) / n_dim, steps=(Step(R.EQ, sp.Integer(1), "?"),)),))
    step = verify(d, isolate=False).chains[0].steps[0]
    assert step.verdict is Verdict.UNKNOWN and "stands for different symbols" in (step.message or "")


def test_a_result_whose_residual_cannot_travel_keeps_its_verdict() -> None:
    # what is left to show, a relation between 1 x 1 matrices, does not load again in the parent
    from symproofs.matrices.space import MatrixAlgebra
    from symproofs.matrices.unfolding import EntrywiseAlgebra

    n = sp.Symbol("n", integer=True, positive=True)
    u, v = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("v", n, 1)
    d = Derivation(id="cs", title="cs", question="T", algebras=(EntrywiseAlgebra(), MatrixAlgebra()),
                   chains=(Chain(start=(u.T * u) * (v.T * v), steps=(Step(R.GE, (u.T * v) ** 2, "CS"),)),))
    (step,) = verify(d, isolate=True).chains[0].steps
    assert step.verdict is not Verdict.REFUTED and "could not be sent back" not in step.message


def test_a_name_a_given_ties_to_a_random_variable_is_not_a_constant() -> None:
    from symproofs.core.model import Given
    from symproofs.probability.space import E, Normal, ProbabilitySpace, Var

    space = ProbabilitySpace()
    X = space.variable("X", Normal(1, 1))
    Y = sp.Symbol("Y", real=True)
    for statement in (sp.Eq(X**2, Y), sp.Eq(Y - X**2, 0)):  # Y = X^2, written the other way round or implicitly
        given = Given(name="defY", statement=statement)
        for start, step in ((E(X * Y), Y * E(X)), (Var(Y), sp.Integer(0)), (E(Y), X**2)):
            d = Derivation(id="tied", title="tied", question="T", algebras=(space,), givens=(given,),
                           chains=(Chain(start=start, steps=(Step(R.EQ, step, "Y is a constant"),)),))
            assert verify(d, isolate=False).status is not Verdict.PROVED, (statement, start)


def test_a_result_cut_short_by_a_time_budget_is_never_cached() -> None:
    # a strategy that gives up on its own clock leaves a verdict that depends on the machine's speed
    from symproofs.core.goals import BUDGET, Algebra
    from symproofs.verifier.pipeline import check_goals

    class Slow(Algebra):
        name = "slow"

        def strategies(self):  # type: ignore[no-untyped-def]
            def out_of_time(goal, state):  # type: ignore[no-untyped-def]
                state.notes.append(f"{BUDGET}: stopped after 0 s")

            return (("slow", out_of_time),)

    u, s = sp.Function("u", real=True), sp.Symbol("s", real=True)
    whole = sp.Integral(u(s) ** 2, (s, 0, x))  # split at x/2: true, and nothing here decides it
    halves = sp.Integral(u(s) ** 2, (s, 0, x / 2)) + sp.Integral(u(s) ** 2, (s, x / 2, x))
    d = Derivation(id="budget", title="budget", question="T", algebras=(Slow(),),
                   chains=(Chain(start=whole, steps=(Step(R.EQ, halves, "split"),)),))
    stored: list[object] = []

    class Cache:
        def get(self, goal):  # type: ignore[no-untyped-def]
            return None

        def put(self, goal, result):  # type: ignore[no-untyped-def]
            stored.append(result)

    from symproofs.verifier.pipeline import goals_of

    (res,) = check_goals([r.goal for r in goals_of(d)], options=OPTS, cache=Cache())
    assert res.method == BUDGET and "stopped after" in res.message and not stored


def test_names_tied_to_a_random_variable_in_other_ways_are_not_constants() -> None:
    from symproofs.core.model import Given
    from symproofs.probability.space import E, Normal, ProbabilitySpace

    space = ProbabilitySpace()
    X = space.variable("X", Normal(0, 1))
    Y, Z = sp.Symbol("Y", real=True), sp.Symbol("Z", real=True)
    v, f = sp.Function("v", real=True), sp.Function("f", real=True)
    for givens, start, step in (
        ((sp.Eq(X, Y),), E(X * Y), Y * E(X)),  # the random variable on the left
        ((sp.Eq(v(1), X),), E(X * v(1)), v(1) * E(X)),  # a member defined from it
        ((sp.Eq(f(Y), X),), E(X * Y), Y * E(X)),  # through an undeclared function
        ((sp.Eq(Y, Z), sp.Eq(X, Z)), E(X * Y), Y * E(X)),  # through a middle name
        ((sp.Eq(Y, 2 * Y - X),), E(X * Y), Y * E(X)),  # an equation that only looks like a definition
    ):
        d = Derivation(id="ties", title="ties", question="T", algebras=(space,),
                       givens=tuple(Given(name=f"g{k}", statement=g) for k, g in enumerate(givens)),
                       chains=(Chain(start=start, steps=(Step(R.EQ, step, "a constant"),)),))
        assert verify(d, isolate=False).status is not Verdict.PROVED, givens


def test_an_induction_step_shown_only_above_a_later_bound_proves_nothing() -> None:
    t = sp.Symbol("t", integer=True, nonnegative=True)
    h = sp.Function("h", real=True)
    c = sp.Symbol("c", real=True)
    d = Derivation(id="gap", title="gap", question="T", claim=sp.Eq(h(t), c), assumptions=(sp.Ge(t, 10),),
                   induction=Induction(variable=t, start=0),
                   chains=(Chain(start=h(0), steps=(Step(R.EQ, c, "h(0) = c"),)),
                           Chain(start=h(t + 1), steps=(Step(R.EQ, h(t), "flat above 10"),
                                                        Step(R.EQ, c, "IH", ("IH",))))))
    res = verify(d, isolate=False)
    assert res.status is not Verdict.PROVED and any("stronger" in c_.message for c_ in res.conclusion)


def test_a_lemma_never_rewrites_under_a_limit() -> None:
    from symproofs.core.model import Lemma

    a = sp.Symbol("a", real=True)
    lemma = Lemma(name="abs", statement=sp.Eq(sp.Abs(a), a), variables=(a,), hypotheses=(sp.Ge(a, 0),))
    step = (sp.Abs(x) + sp.Limit(sp.Abs(x), x, -1), x + sp.Limit(x, x, -1))
    d = Derivation(id="lim", title="lim", question="T", assumptions=(sp.Ge(x, 1),), lemmas=(lemma,),
                   chains=(Chain(start=step[0], steps=(Step(R.EQ, step[1], "abs", ("abs",)),)),))
    assert verify(d, isolate=False).status is not Verdict.PROVED


def test_the_long_goals_run_first_and_results_come_back_in_order() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.core.results import StepResult
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.verifier.pipeline import check_goals

    x, k, n = sp.Symbol("x", real=True), sp.Symbol("k", integer=True), sp.Symbol("n", integer=True)
    plain = Context(facts=Facts(()))
    goals = [Goal(relation=R.EQ, lhs=x + x, rhs=2 * x, context=plain),
             Goal(relation=R.EQ, lhs=sp.Sum(k, (k, 1, n)), rhs=n * (n + 1) / 2, context=plain),
             Goal(relation=R.EQ, lhs=x, rhs=x, context=Context(facts=Facts(()), algebras=(ProbabilitySpace(),)))]
    seen: list[int] = []

    def check(goal: Goal) -> StepResult:
        seen.append(goals.index(goal))
        return StepResult(verdict=Verdict.UNKNOWN, method=f"goal {goals.index(goal)}", trust=Trust.NONE)

    results = check_goals(goals, options=Options(isolate=False), check=check)
    assert seen == [2, 1, 0]
    assert [r.method for r in results] == ["goal 0", "goal 1", "goal 2"]


@pytest.mark.parametrize("facts", [
    (sp.Gt(sp.Symbol("x", real=True), 1), sp.Lt(sp.Symbol("x", real=True), 0)),
    (sp.Gt(sp.Symbol("n", integer=True), 0), sp.Lt(sp.Symbol("n", integer=True), 1)),  # no integer in (0, 1)
])
def test_assumptions_that_leave_no_value_prove_nothing(facts: tuple[sp.Basic, ...]) -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.pipeline import check_goal

    (name,) = {x.name for f in facts for x in f.free_symbols}
    v = next(iter(facts[0].free_symbols))
    res = check_goal(Goal(relation=R.EQ, lhs=v, rhs=v + 1, context=Context(facts=Facts(facts))))
    assert res.verdict is Verdict.UNKNOWN and f"no value of '{name}'" in res.message


def test_a_bound_index_and_a_free_name_spelled_alike_are_refused() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.names import name_clash

    t_int, t_real, n = sp.Symbol("t", integer=True), sp.Symbol("t", real=True), sp.Symbol("n", integer=True)
    f = sp.Function("f")

    def clash(lhs: sp.Basic, rhs: sp.Basic) -> str | None:
        return name_clash(Goal(relation=R.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts())))

    # the body's t is not the index: the product would be f(t)^n, and equal to a side that writes f(t)^n
    assert "the name 't' stands for different symbols" in (clash(sp.Product(f(t_real), (t_int, 1, n)),
                                                                 f(t_real) ** n) or "")
    assert clash(sp.Product(f(t_int), (t_int, 1, n)), f(t_int) ** n) is None


def test_the_full_probe_goes_on_from_the_quick_refutations_points() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.pipeline import check_goal
    from symproofs.verifier.probe import Probe

    step = x * (x - 1) * (x + 1) * (x - 2) * (2 * x - 1)  # 0 at the boundary points 0, ±1, 2 and at 1/2
    late = 0
    for seed in range(8):
        goal = Goal(relation=R.EQ, lhs=step, rhs=sp.S.Zero, context=Context(facts=Facts(), seed=seed))
        fresh = Probe(facts=Facts(), givens=(), algebras=(), seed=seed)
        quick = Probe(facts=Facts(), givens=(), algebras=(), seed=seed, trials=3).refute(step, sp.S.Zero, "eq")
        late += quick is None
        res = check_goal(goal)
        assert res.verdict is Verdict.REFUTED and res.method == "refutation probe"
        assert res.counterexample == fresh.refute(step, sp.S.Zero, "eq")  # the point a fresh full probe finds
    assert late  # some were refuted only after the quick refutation's points


def test_a_proof_is_cross_examined_at_the_boundary_points(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.core.goals import Outcome
    from symproofs.verifier import pipeline, strategies

    def wrong(goal: object, state: object) -> Outcome:  # a strategy that proves anything
        return Outcome(verdict=Verdict.PROVED, method="too eager", trust=Trust.SYMBOLIC)

    monkeypatch.setattr(pipeline, "EQUALITY", (("too eager", wrong), *strategies.EQUALITY))
    for seed in range(4):  # false at x = 0 only: every seed finds it
        d = Derivation(id="sign", title="sign", question="T",
                       chains=(Chain(start=sp.sign(x) ** 2, steps=(Step(R.EQ, sp.S.One, "?"),)),))
        (res,) = verify_all([d], options=Options(isolate=False, seed=seed))
        (step,) = res.all_steps
        assert step.verdict is Verdict.UNKNOWN and step.method == CONTRADICTION
        assert step.counterexample is not None
        assert dict(step.counterexample.assignment) == {x: 0}
        assert (step.counterexample.lhs, step.counterexample.rhs) == (0, 1)


def test_a_refutation_made_outside_the_probe_is_rechecked(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.core.goals import Outcome
    from symproofs.core.results import Counterexample
    from symproofs.verifier import pipeline, strategies

    def wrong(goal: object, state: object) -> Outcome:  # a strategy that refutes with made-up values
        cx = Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.Integer(5), rhs=sp.Integer(2))
        return Outcome(verdict=Verdict.REFUTED, method="too hasty", trust=Trust.NONE, counterexample=cx)

    monkeypatch.setattr(pipeline, "EQUALITY", (("too hasty", wrong), *strategies.EQUALITY))
    true = Derivation(id="true", title="true", question="T",
                      chains=(Chain(start=(x + 1) ** 2, steps=(Step(R.EQ, x**2 + 2 * x + 1, "?"),)),))
    (step,) = verify(true, isolate=False).all_steps
    assert step.verdict is Verdict.UNKNOWN and step.method == "counterexample not confirmed"
    false = Derivation(id="false", title="false", question="T",
                       chains=(Chain(start=x**2 + 3, steps=(Step(R.EQ, x + 1, "?"),)),))
    (step,) = verify(false, isolate=False).all_steps  # the values are not the sides' at x = 1 either
    assert step.verdict is Verdict.UNKNOWN and step.method == "counterexample not confirmed"


def test_a_solution_set_refutation_is_rechecked_and_stands() -> None:
    d = Derivation(id="imp", title="imp", question="T",
                   chains=(Chain(start=sp.Gt(x**2, 4), steps=(Step(R.IMPLIES, sp.Gt(x, 2), "?"),)),))
    (step,) = verify(d, isolate=False).all_steps
    assert step.verdict is Verdict.REFUTED and step.method.startswith("solution sets")
    assert step.counterexample is not None
    (point,) = step.counterexample.assignment
    assert point[1] ** 2 > 4 and not point[1] > 2


def test_a_claims_counterexample_is_evaluated_from_the_inside_out() -> None:
    from symproofs.core.results import Counterexample
    from symproofs.verifier.claims import _claim_fails

    k, n = sp.Symbol("k", integer=True), sp.Symbol("n", integer=True, nonnegative=True)
    claim = sp.Eq(sp.Sum(k, (k, 1, n)), n**2 / 2)
    d = Derivation(id="sum", title="sum", question="T", claim=claim,
                   chains=(Chain(start=sp.Sum(k, (k, 1, n)), steps=(Step(R.EQ, n**2 / 2, "?"),)),))
    cx = _claim_fails(d, Counterexample(assignment=((n, sp.Integer(2)),), lhs=sp.S.Zero, rhs=sp.S.Zero))
    assert cx is not None and (cx.lhs, cx.rhs) == (3, 2)  # the claim's own values at n = 2
    assert _claim_fails(d, Counterexample(assignment=((n, sp.Integer(0)),), lhs=sp.S.Zero, rhs=sp.S.Zero)) is None


def _one_step(lhs: sp.Basic, rel: R, rhs: sp.Basic, **context: object) -> object:
    d = Derivation(id="twins", title="twins", question="T",
                   chains=(Chain(start=lhs, steps=(Step(rel, rhs, "?", tuple(context.pop("uses", ()))),)),),
                   **context)  # type: ignore[arg-type]
    return verify(d, isolate=False).chains[0].steps[0]


def _undecided_for(step: object, name: str, where: str) -> None:
    message = getattr(step, "message", "") or ""
    assert getattr(step, "verdict", None) is Verdict.UNKNOWN, getattr(step, "describe", lambda: step)()
    assert f"the name '{name}' stands for different" in message and where in message


def test_one_name_for_two_functions_is_never_decided() -> None:
    f_real, f_plain = sp.Function("f", real=True), sp.Function("f")
    # was refuted 'at x = 0, f(0) = 9, f(0) = -14' (one printed f(0), two values)
    _undecided_for(_one_step(f_real(x), R.EQ, f_plain(x)), "f", "in the step")
    _undecided_for(_one_step(f_real(x) * f_plain(x), R.EQ, sp.Abs(f_real(x)) ** 2), "f", "(real)")
    assert verify(Derivation(id="one", title="one", question="T", chains=(
        Chain(start=f_real(x) * f_real(x), steps=(Step(R.EQ, sp.Abs(f_real(x)) ** 2, "real"),)),)),
        isolate=False).status is Verdict.PROVED


def test_an_assumption_or_given_about_a_twin_symbol_is_never_ignored() -> None:
    from symproofs.core.model import Given
    from symproofs.core.statements import symbols

    x_fact = sp.Symbol("x", positive=True)
    _undecided_for(_one_step(x**2, R.GE, sp.Integer(1), assumptions=(x_fact >= 1,)), "x", "in the assumptions")
    y_given = sp.Symbol("y")
    _undecided_for(_one_step(y**2, R.EQ, sp.Integer(4), givens=(Given(name="g", statement=sp.Eq(y_given, 2)),),
                             uses=("g",)), "y", "in the given 'g'")
    beta = symbols("beta")  # real; the assumptions typed with a plain sp.Symbol
    _undecided_for(_one_step(beta**2, R.LT, sp.Integer(1), assumptions=(sp.Symbol("beta") > 0,
                                                                       sp.Symbol("beta") < 1)), "beta", "beta (real)")
    # the same facts about the step's own symbols still decide it
    assert _one_step(x**2, R.GE, sp.Integer(1), assumptions=(x >= 1,)).verdict is Verdict.PROVED  # type: ignore[attr-defined]


def test_a_lemma_about_a_twin_function_is_never_used_but_its_variables_are_its_own() -> None:
    h_pos, h_plain = sp.Function("h", positive=True), sp.Function("h")
    z_plain = sp.Symbol("z")
    lem = Lemma(name="h0", statement=sp.Ge(h_plain(z_plain), 0), variables=(z_plain,))
    _undecided_for(_one_step(h_pos(x), R.GE, sp.Integer(0), lemmas=(lem,), uses=("h0",)), "h", "in the lemma 'h0'")
    # a lemma's own variable (plain z) against a real z of the step: no twin, it is quantified
    z = sp.Symbol("z", real=True)
    lem = Lemma(name="sq", statement=sp.Ge(z_plain**2, 0), variables=(z_plain,))
    step = _one_step(z**2, R.GE, sp.Integer(0), lemmas=(lem,), uses=("sq",))
    assert step.verdict is Verdict.PROVED  # type: ignore[attr-defined]


def test_a_twin_of_what_a_probability_space_declares_is_never_decided() -> None:
    from symproofs.probability.laws import Normal
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import E, Var

    m_law, m = sp.Symbol("m"), sp.Symbol("m", real=True)
    space = ProbabilitySpace()
    X = space.variable("X", Normal(m_law, 1))
    space.family("g", Normal(0, 1), members="iid")
    X_plain, g_plain = sp.Symbol("X"), sp.Function("g")
    where = "in the declarations of the probability algebra"
    # E[X] = X and Var X = 0 were proved for a plain X; E[X] = m refuted at 'm = 0, m = 1'
    _undecided_for(_one_step(E(X_plain), R.EQ, X_plain, algebras=(space,)), "X", where)
    _undecided_for(_one_step(Var(X_plain), R.EQ, sp.Integer(0), algebras=(space,)), "X", where)
    _undecided_for(_one_step(E(X), R.EQ, m, algebras=(space,)), "m", where)
    _undecided_for(_one_step(E(g_plain(1) ** 2), R.EQ, g_plain(1) ** 2, algebras=(space,)), "g", where)
    assert _one_step(E(X), R.EQ, m_law, algebras=(space,)).verdict is Verdict.PROVED  # type: ignore[attr-defined]


def test_a_twin_in_a_batch_is_one_unknown_line_and_the_batch_goes_on() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.pipeline import check_goals

    x_pos = sp.Symbol("x", positive=True)
    twin = Goal(relation=R.GE, lhs=x**2, rhs=sp.Integer(1), context=Context(facts=Facts((x_pos >= 1,))))
    fine = Goal(relation=R.GE, lhs=x**2, rhs=sp.Integer(1), context=Context(facts=Facts((x >= 1,))))
    statement = Goal(relation=R.IMPLIES, lhs=(sp.Eq(x, 1),), rhs=(sp.Eq(x_pos**2, 1),), context=Context(facts=Facts()))
    results = check_goals([twin, statement, fine], options=OPTS)
    assert [r.verdict for r in results] == [Verdict.UNKNOWN, Verdict.UNKNOWN, Verdict.PROVED]
    assert all("the name 'x' stands for different symbols" in r.message for r in results[:2])


def test_a_limit_statement_is_never_left_as_an_equation() -> None:
    # 1/n \to 0: unknown (no limit variable read), never "left to show: 1/n = 0"
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier.pipeline import check_goal

    n = sp.Symbol("n", positive=True)
    result = check_goal(Goal(relation=R.TENDS, lhs=1 / n, rhs=sp.S.Zero, context=Context(facts=Facts(()))))
    assert result.verdict is Verdict.UNKNOWN
    assert result.residual is None and "limit" in result.message and "= 0" not in str(result)


def _slow_claim() -> tuple[Derivation, sp.Symbol]:
    """A claim whose right side is cheap to write and slow to value: an
    integral sympy does not finish at a number within a minute."""
    x, t = sp.Symbol("x", real=True), sp.Symbol("t", real=True)
    slow = sp.Integral(sp.exp(-t**2) * sp.sin(t + x + sp.Rational(1, 3))**5 / (1 + t**4), (t, 0, 1))
    d = Derivation(id="slow-claim", title="t", question="Q", claim=sp.Eq(x, slow),
                   chains=(Chain(start=x + 1, steps=(Step(R.EQ, slow, "why"),)),))
    return d, x


def test_the_claim_judged_after_a_refuted_conclusion_check_runs_under_the_time_limit() -> None:
    """The claim's sides are valued at the point a conclusion check was
    refuted at: that runs in a worker under the limit, and past it the claim
    is not established (unknown), never waited for."""
    d, x = _slow_claim()
    refuted = StepResult(verdict=Verdict.REFUTED, method="m", trust=Trust.NONE,
                         counterexample=Counterexample(assignment=((x, sp.Integer(0)),), lhs=sp.Integer(1),
                                                       rhs=sp.Integer(0)))
    t0 = time.monotonic()
    out = settle_conclusion(d, refuted, "chain 1 starts at the claim", limits=(1, 0))
    assert time.monotonic() - t0 < 20
    assert out.verdict is Verdict.UNKNOWN and "do not establish the claim" in out.message
    t0 = time.monotonic()
    res = verify(d, options=Options(timeout=1))
    assert time.monotonic() - t0 < 30
    assert res.status is Verdict.UNKNOWN
    assert all(s.verdict is not Verdict.REFUTED for s in res.all_steps)


@pytest.mark.parametrize(("lhs", "rhs"), [
    (sp.log(sp.Integer(0)), sp.log(sp.Integer(0)) + 1),  # zoo = zoo
    (sp.Integer(1) / 0, sp.Integer(-1) / 0),
    (sp.Symbol("x", real=True) / sp.Integer(0), 2 * sp.Symbol("x", real=True) / sp.Integer(0)),
    (sp.tan(sp.pi / 2), -sp.tan(sp.pi / 2)),
    (sp.Integer(0) / 0, sp.Integer(0) / 0),  # nan = nan
    (sp.factorial(-1), sp.factorial(-2)),
])
def test_sides_without_a_value_are_never_compared(lhs: sp.Basic, rhs: sp.Basic) -> None:
    d = Derivation(id="no-value", title="t", question="Q", chains=(Chain(start=lhs, steps=(Step(R.EQ, rhs, "same"),)),))
    (res,) = verify(d).all_steps
    assert res.verdict is Verdict.UNKNOWN and "no value" in res.message


def test_a_piecewise_definition_left_undefined_off_its_range_is_still_compared() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    f = sp.Piecewise((n**2, n >= 1), (sp.nan, True))
    d = Derivation(id="piecewise-nan", title="t", question="Q",
                   chains=(Chain(start=f, steps=(Step(R.EQ, f, "same"),)),))
    assert verify(d).all_steps[0].verdict is Verdict.PROVED


def test_a_derivative_of_a_bare_name_in_an_implication_is_not_sympys_zero() -> None:
    x, y = sp.symbols("x y", real=True)
    d = Derivation(id="implied-derivative", title="t", question="Q", chains=(Chain(
        start=sp.Eq(y, x**2), steps=(Step(R.IMPLIES, sp.Eq(sp.Derivative(y, x), 2 * x), "differentiate"),)),))
    (res,) = verify(d).all_steps
    assert res.verdict is Verdict.UNKNOWN and "how y depends on x" in res.message
    wrong = Derivation(id="implied-wrong", title="t", question="Q", chains=(Chain(
        start=sp.Eq(y, x**2), steps=(Step(R.IMPLIES, sp.Eq(y, x + 1), "wrong"),)),))
    assert verify(wrong).all_steps[0].verdict is Verdict.REFUTED


def test_the_full_probe_refutes_before_simplify_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.verifier import strategies
    from symproofs.verifier.pipeline import check_goal
    from symproofs.verifier.probe import Probe

    simplified: list[sp.Basic] = []
    monkeypatch.setattr(strategies, "simplified", lambda e: simplified.append(e) or e)
    step = x * (x - 1) * (x + 1) * (x - 2) * (2 * x - 1)  # 0 at the boundary points 0, ±1, 2 and at 1/2
    late = 0
    for seed in range(8):
        if Probe(facts=Facts(), givens=(), algebras=(), seed=seed, trials=3).refute(step, sp.S.Zero, "eq") is not None:
            continue
        late += 1
        res = check_goal(Goal(relation=R.EQ, lhs=step, rhs=sp.S.Zero, context=Context(facts=Facts(), seed=seed)))
        assert res.verdict is Verdict.REFUTED
    assert late and not simplified
