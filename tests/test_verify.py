"""The verifier: each strategy proves what it should, the probe refutes
classic false identities with exact, re-checkable counterexamples, and no
false identity is ever proved."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Identically, Induction, Lemma, Relation, Step
from symproofs.core.results import Trust, Verdict
from symproofs.verifier.pipeline import Options, check_goal, verify, verify_all

x, y, a, b, c = sp.symbols("x y a b c", real=True)
p = sp.Symbol("p", positive=True)
beta = sp.Symbol("beta", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
t = sp.Symbol("t", integer=True, nonnegative=True)
k, j = sp.symbols("k j", integer=True)
g = sp.Function("g", real=True)
v = sp.Function("v", real=True)
R = Relation

RECURRENCE = Given(name="avg", statement=sp.Eq(v(k), beta * v(k - 1) + (1 - beta) * g(k)), index=k, valid_from=1)

PROVED = [
    pytest.param((x + 1) ** 2, x**2 + 2 * x + 1, {}, "polynomial normal form", id="polynomial"),
    pytest.param(x, x, {}, "structural identity", id="structural"),
    pytest.param((x**2 - 1) / (x - 1), x + 1, {}, "rational normal form", id="rational"),
    pytest.param(sp.sqrt(p**2), p, {}, "structural identity", id="sqrt-positive"),
    pytest.param(sp.log(p * beta), sp.log(p) + sp.log(beta), {}, "polynomial normal form",
                 id="log-of-positive-product"),
    pytest.param(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, {}, "assumption-aware simplification", id="trigonometry"),
    pytest.param(sp.sqrt(beta**2 - 2 * beta + 1), 1 - beta, {"assumptions": (beta < 1,)},
                 "assumption-aware simplification", id="sqrt-under-interval"),
    pytest.param(v(t + 1), beta * v(t) + (1 - beta) * g(t + 1), {"givens": (RECURRENCE,)},
                 "rewriting with givens", id="recurrence"),
    pytest.param(sp.Sum(g(k), (k, 1, n + 1)), sp.Sum(g(j), (j, 1, n)) + g(n + 1), {},
                 "sum normal form", id="peel-last-term"),
    pytest.param(sp.Sum(g(k), (k, 0, n)), g(0) + sp.Sum(g(k), (k, 1, n)), {}, "sum normal form",
                 id="peel-first-term"),
    pytest.param(sp.Sum(3 * beta**k * g(k), (k, 1, n)), 3 * sp.Sum(beta**k * g(k), (k, 1, n)), {},
                 "rational normal form", id="pull-out-constant"),
    pytest.param(beta * sp.Sum(beta ** (n - k) * g(k), (k, 1, n)), sp.Sum(beta ** (n + 1 - k) * g(k), (k, 1, n)),
                 {}, "rational normal form", id="factor-into-sum"),
    pytest.param(sp.Sum(g(k + 1), (k, 0, n - 1)), sp.Sum(g(k), (k, 1, n)), {}, "sum normal form (index shift)",
                 id="shift-index"),
    pytest.param(sp.Sum(g(k) + x, (k, 1, n)), sp.Sum(g(k), (k, 1, n)) + n * x, {}, "sum normal form",
                 id="split-sum"),
    pytest.param((1 - beta) * sp.Sum(beta ** (n - k), (k, 1, n)), 1 - beta**n, {"assumptions": (beta < 1,)},
                 "closed forms (sums and integrals evaluated)", id="geometric-sum"),
]


@pytest.mark.parametrize(("lhs", "rhs", "ctx", "method"), PROVED)
def test_proves_identities(make_goal, lhs, rhs, ctx, method) -> None:
    res = check_goal(make_goal(lhs, rhs, **ctx))
    assert res.verdict is Verdict.PROVED, res.describe()
    assert res.method == method
    assert res.trust is Trust.SYMBOLIC


FALSE = [
    pytest.param(sp.sqrt(x**2), x, {}, id="sqrt-of-square"),
    pytest.param((a + b) ** 2, a**2 + b**2, {}, id="freshman-square"),
    pytest.param(sp.Sum(k, (k, 1, n)), n * (n - 1) / 2, {}, id="off-by-one-bound"),
    pytest.param(sp.Sum(g(k), (k, 1, n)), n * g(k), {}, id="index-leaks-out"),
    pytest.param(sp.exp(x + y), sp.exp(x) + sp.exp(y), {}, id="exp-of-sum"),
    pytest.param(sp.Abs(a + b), sp.Abs(a) + sp.Abs(b), {}, id="abs-of-sum"),
    pytest.param(1 / (a + b), 1 / a + 1 / b, {}, id="reciprocal-of-sum"),
    pytest.param(sp.Sum(x**k, (k, 0, n)), (1 - x**n) / (1 - x), {}, id="geometric-off-by-one"),
    pytest.param(sp.sin(2 * x), 2 * sp.sin(x), {}, id="sin-double-angle"),
    pytest.param(sp.sqrt(a + b), sp.sqrt(a) + sp.sqrt(b), {"assumptions": (a > 0, b > 0)}, id="sqrt-of-sum"),
    pytest.param(v(t + 1), beta * v(t) + beta * g(t + 1), {"givens": (RECURRENCE,)}, id="wrong-recurrence"),
    pytest.param(sp.Sum(g(k), (k, 1, n + 1)), sp.Sum(g(k), (k, 1, n)) + g(n), {}, id="peeled-wrong-term"),
]


@pytest.mark.parametrize(("lhs", "rhs"), [
    pytest.param(sp.log(a * b), sp.log(a) + sp.log(b), id="log-product-without-positivity"),
    pytest.param((x**a) ** b, x ** (a * b), id="power-of-power"),
])
def test_identities_false_only_off_the_reals_are_never_proved_nor_refuted_with_complex_values(
        make_goal, lhs, rhs) -> None:
    # Where both sides are real these agree (log(ab) for a, b > 0) or a real point is needed
    # (x = -1, a = 2, b = 1/2); a principal complex value is no counterexample for a reader.
    res = check_goal(make_goal(lhs, rhs))
    assert res.verdict is not Verdict.PROVED, res.describe()
    if res.verdict is Verdict.REFUTED:
        assert res.counterexample is not None
        assert res.counterexample.lhs.is_real and res.counterexample.rhs.is_real


@pytest.mark.parametrize(("lhs", "rhs", "ctx"), FALSE)
def test_false_identities_are_refuted(make_goal, lhs, rhs, ctx) -> None:
    goal = make_goal(lhs, rhs, **ctx)
    res = check_goal(goal)
    assert res.verdict is Verdict.REFUTED, res.describe()
    cx = res.counterexample
    assert cx is not None
    # Exact: every value is a rational number.
    assert all(val.is_Rational for _, val in cx.assignment)
    # Re-check by substitution: the two sides differ at the point.
    assert sp.simplify(cx.lhs - cx.rhs) != 0
    # The point respects the declared domains.
    for sym, val in cx.assignment:
        if isinstance(sym, sp.Symbol) and sym.is_positive:
            assert val > 0
        if isinstance(sym, sp.Symbol) and sym.is_integer:
            assert val.is_Integer


def test_counterexample_substitutes_back(make_goal) -> None:
    res = check_goal(make_goal((a + b) ** 2, a**2 + b**2))
    assert res.counterexample is not None
    point = dict(res.counterexample.assignment)
    assert ((a + b) ** 2).subs(point) == res.counterexample.lhs
    assert (a**2 + b**2).subs(point) == res.counterexample.rhs


def test_probe_respects_interval_assumptions(make_goal) -> None:
    # True on 0 < beta < 1, false for beta > 1: no counterexample may leave the interval.
    res = check_goal(make_goal(sp.Max(beta, beta**2), beta, assumptions=(beta < 1,)))
    assert res.verdict is not Verdict.REFUTED


def test_probe_is_reproducible(make_goal) -> None:
    first = check_goal(make_goal(sp.exp(x + y), sp.exp(x) * sp.exp(y) + x))
    second = check_goal(make_goal(sp.exp(x + y), sp.exp(x) * sp.exp(y) + x))
    assert first.counterexample == second.counterexample


def test_unknown_reports_residual(make_goal) -> None:
    f = sp.Function("f", real=True)
    res = check_goal(make_goal(f(x) ** 2, f(x) ** 2 + sp.Integral(sp.exp(-(x**4)) * sp.cos(x) ** 7, (x, 0, 0))
                               * f(x)))
    assert res.verdict is not Verdict.REFUTED


ORDER = [
    pytest.param(x**2 + 1, x**2 + 2, R.LE, {}, Verdict.PROVED, id="constant-gap"),
    pytest.param(2 * a * b, a**2 + b**2, R.LE, {}, Verdict.PROVED, id="am-gm-square"),
    pytest.param(beta**2, beta, R.LT, {"assumptions": (beta < 1,)}, Verdict.PROVED, id="interval-power"),
    pytest.param(x, x**2, R.LE, {}, Verdict.REFUTED, id="x-le-x-squared"),
    pytest.param(a + b, a, R.GE, {}, Verdict.REFUTED, id="dropped-term-of-unknown-sign"),
    pytest.param(p * x**2, 0, R.GE, {}, Verdict.PROVED, id="weighted-square"),
    pytest.param(x, x, R.LT, {}, Verdict.REFUTED, id="strict-equal"),
]


@pytest.mark.parametrize(("lhs", "rhs", "rel", "ctx", "verdict"), ORDER)
def test_inequalities(make_goal, lhs, rhs, rel, ctx, verdict) -> None:
    res = check_goal(make_goal(lhs, rhs, rel, **ctx))
    assert res.verdict is verdict, res.describe()


def test_lemma_instance_trust_given_when_cited(make_goal) -> None:
    u, w = sp.symbols("u w", real=True)
    norm = sp.Function("norm", real=True)
    lemma = Lemma(name="triangle", statement=sp.Le(norm(u + w), norm(u) + norm(w)), variables=(u, w))
    res = check_goal(make_goal(norm(a + b), norm(a) + norm(b), R.LE, lemmas=(lemma,), uses=("triangle",)))
    assert res.verdict is Verdict.PROVED
    assert res.trust is Trust.GIVEN
    proved = Lemma(name="triangle", statement=lemma.statement, variables=(u, w), proved_by="somewhere")
    res = check_goal(make_goal(norm(a + b), norm(a) + norm(b), R.LE, lemmas=(proved,), uses=("triangle",)))
    assert res.trust is Trust.SYMBOLIC


def test_lemma_in_monotone_context(make_goal) -> None:
    u, w = sp.symbols("u w", real=True)
    norm = sp.Function("norm", real=True)
    lemma = Lemma(name="sub", statement=sp.Le(norm(u * w), norm(u) * norm(w)), variables=(u, w))
    res = check_goal(make_goal(3 * norm(a * b) + 1, 3 * norm(a) * norm(b) + 1, R.LE, lemmas=(lemma,),
                               uses=("sub",)))
    assert res.verdict is Verdict.PROVED
    res = check_goal(make_goal(-3 * norm(a * b), -3 * norm(a) * norm(b), R.LE, lemmas=(lemma,), uses=("sub",)))
    assert res.verdict is not Verdict.PROVED


def test_lemma_needs_its_hypotheses(make_goal) -> None:
    u = sp.Symbol("u", real=True)
    lemma = Lemma(name="sqrt-square", statement=sp.Eq(sp.sqrt(u**2), u), variables=(u,), hypotheses=(u >= 0,))
    res = check_goal(make_goal(sp.sqrt(x**2), x, lemmas=(lemma,), uses=("sqrt-square",)))
    assert res.verdict is Verdict.REFUTED
    res = check_goal(make_goal(sp.sqrt(p**2 + 1), sp.sqrt(p**2 + 1), lemmas=(lemma,), uses=("sqrt-square",)))
    assert res.verdict is Verdict.PROVED


LOGICAL = [
    pytest.param(sp.Eq(2 * x, 4), sp.Eq(x, 2), R.IFF, Verdict.PROVED, id="scale-equation"),
    pytest.param((sp.Eq(x + y, 3), sp.Eq(x - y, 1)), (sp.Eq(x, 2), sp.Eq(y, 1)), R.IFF, Verdict.PROVED,
                 id="solve-system"),
    pytest.param(sp.Eq(x, 2), sp.Eq(x**2, 4), R.IMPLIES, Verdict.PROVED, id="square-both-sides"),
    pytest.param(sp.Eq(x**2, 4), sp.Eq(x, 2), R.IFF, Verdict.REFUTED, id="square-root-loses-a-root"),
    pytest.param(sp.Eq(x + y, 3), sp.Eq(x, 1), R.IMPLIES, Verdict.REFUTED, id="underdetermined-system"),
    pytest.param(sp.Eq(x, 2), sp.Eq(x**2, 4), R.IFF, Verdict.REFUTED, id="converse-fails"),
    pytest.param(sp.Eq(p * x, p), sp.Eq(x, 1), R.IFF, Verdict.PROVED, id="divide-by-positive"),
    pytest.param(Identically(sp.Eq(a * x + b, c * x), (x,)), (sp.Eq(a, c), sp.Eq(b, 0)), R.IFF, Verdict.PROVED,
                 id="compare-coefficients"),
    pytest.param((sp.Eq(c, 0), sp.Eq(p * (a**2 + x**2), 1)), (sp.Eq(c, 0), sp.Eq(p * (x**2 + a**-2), 1)), R.IFF,
                 Verdict.REFUTED, id="exponent-slip-with-a-denominator-that-may-vanish"),
]


@pytest.mark.parametrize(("lhs", "rhs", "rel", "verdict"), LOGICAL)
def test_logical_steps(make_goal, lhs, rhs, rel, verdict) -> None:
    res = check_goal(make_goal(lhs, rhs, rel))
    assert res.verdict is verdict, res.describe()


def test_a_counterexample_with_denominators_keeps_them_defined(make_goal) -> None:
    res = check_goal(make_goal(sp.Eq(x, a), sp.Eq(x / a, 2), R.IMPLIES))
    assert res.verdict is Verdict.REFUTED, res.describe()
    cx = res.counterexample
    assert cx is not None
    at = dict(cx.assignment)
    assert x.xreplace(at) == a.xreplace(at) != 0  # the premise holds and x/a is defined
    # x = a <=> x/a = 1 fails only at a = 0, where x/a has no value: not a counterexample
    assert check_goal(make_goal(sp.Eq(x, a), sp.Eq(x / a, 1), R.IFF)).verdict is not Verdict.REFUTED


def test_a_false_step_is_refuted_before_the_closed_forms(make_goal, monkeypatch) -> None:
    import symproofs.verifier.pipeline as V

    ran: list[str] = []

    def recording(goal, state):  # stands for an evaluation that would take minutes
        ran.append("closed forms")

    table = tuple((name, recording if name == "closed forms" else s) for name, s in V.EQUALITY)
    monkeypatch.setattr(V, "EQUALITY", table)
    res = check_goal(make_goal(sp.Sum(x**k, (k, 0, n)), sp.Sum(x**k, (k, 0, n)) + sp.Max(x, 1)))
    assert res.verdict is Verdict.REFUTED and ran == []
    # a true step that only closed forms can settle gets there (sum_{k=0}^{n} 2^{-k} = 2 - 2^{-n})
    res = check_goal(make_goal(sp.Sum(sp.Rational(1, 2) ** k, (k, 0, n)), 2 - sp.Rational(1, 2) ** n))
    assert res.verdict is not Verdict.REFUTED and ran == ["closed forms"]
    # (max(x, 0)^2 + max(-x, 0)^2 = x^2 no longer needs them: the kinks' cases settle it, exactly)
    assert check_goal(make_goal(sp.Max(x, 0) ** 2 + sp.Max(-x, 0) ** 2, x**2)).verdict is Verdict.PROVED


def test_relation_between_kinds_is_an_invalid_step(make_goal) -> None:
    res = check_goal(make_goal(x, sp.Eq(x, 1), R.EQ))
    assert res.verdict is Verdict.UNKNOWN
    assert "between equations use" in res.message


def _unroll(step_rhs: sp.Expr) -> Derivation:
    closed = beta**t * v(0) + (1 - beta) * sp.Sum(beta ** (t - k) * g(k), (k, 1, t))
    return Derivation(
        id="unroll", title="unroll", question="T.1", givens=(RECURRENCE,), assumptions=(beta < 1,),
        claim=sp.Eq(v(t), closed), induction=Induction(variable=t, start=0),
        chains=(
            Chain(start=v(0), steps=(Step(R.EQ, v(0) + (1 - beta) * sp.Sum(g(k), (k, 1, 0)), "empty sum"),)),
            Chain(start=v(t + 1), steps=(
                Step(R.EQ, beta * v(t) + (1 - beta) * g(t + 1), "recurrence", ("avg",)),
                Step(R.EQ, beta * closed + (1 - beta) * g(t + 1), "hypothesis", ("IH",)),
                Step(R.EQ, step_rhs, "merge"),
            )),
        ),
    )


def test_induction_closes_for_symbolic_t() -> None:
    good = beta ** (t + 1) * v(0) + (1 - beta) * sp.Sum(beta ** (t + 1 - k) * g(k), (k, 1, t + 1))
    res = verify(_unroll(good), isolate=False)
    assert res.status is Verdict.PROVED
    assert len(res.conclusion) == 4


def test_induction_with_a_wrong_claim_does_not_close() -> None:
    good = beta ** (t + 1) * v(0) + (1 - beta) * sp.Sum(beta ** (t + 1 - k) * g(k), (k, 1, t + 1))
    wrong = _unroll(good)
    claim = sp.Eq(v(t), beta**t * v(0) + sp.Sum(beta ** (t - k) * g(k), (k, 1, t)))
    from dataclasses import replace

    res = verify(replace(wrong, claim=claim), isolate=False)
    assert res.status is not Verdict.PROVED
    assert any(c.verdict is not Verdict.PROVED for c in res.conclusion)


def _flat_from_ten(*, as_lemma: bool) -> Derivation:
    """An induction from 0 whose step uses a family valid only from 10 on
    (false as a whole: the steps below 10 are not shown), with h(0) = 0."""
    a = sp.Symbol("a", integer=True)
    h = sp.Function("h", real=True)
    flat_lemma = Lemma(name="flat", statement=sp.Eq(h(a + 1), h(a)), variables=(a,), hypotheses=(a >= 10,))
    flat_given = Given(name="flat", statement=sp.Eq(h(a), h(a - 1)), index=a, valid_from=11)
    return Derivation(
        id="flat", title="flat", question="T.2", assumptions=(t >= 10,),
        givens=(Given(name="h0", statement=sp.Eq(h(0), 0)), *(() if as_lemma else (flat_given,))),
        lemmas=(flat_lemma,) if as_lemma else (), claim=sp.Eq(h(t), 0), induction=Induction(variable=t, start=0),
        chains=(Chain(start=h(0), steps=(Step(R.EQ, sp.Integer(0), "h0", ("h0",)),)),
                Chain(start=h(t + 1), steps=(Step(R.EQ, h(t), "flat", ("flat",)),
                                             Step(R.EQ, sp.Integer(0), "IH", ("IH",))))),
    )


@pytest.mark.parametrize("as_lemma", [False, True])
def test_a_true_step_is_not_refuted_where_the_induction_hypothesis_and_a_family_both_speak(as_lemma: bool) -> None:
    # The model must give h(t) one value: the hypothesis h(t) = 0 applies at
    # the point (h(10) = 0 at t = 10), and a point where the family unfolds
    # h(t) to a drawn value other than 0 does not satisfy the hypothesis.
    res = verify(_flat_from_ten(as_lemma=as_lemma), isolate=False)
    step = res.chains[1].steps[0]
    assert step.verdict is Verdict.PROVED, step.describe()
    assert res.status is not Verdict.PROVED  # the steps below 10 are missing


def test_chain_relation_must_support_claim() -> None:
    d = Derivation(id="le", title="le", question="T.2", claim=sp.Eq(x**2, x**2 + y**2),
                   chains=(Chain(start=x**2, steps=(Step(R.LE, x**2 + y**2, "add a square"),)),))
    res = verify(d, isolate=False)
    assert res.status is Verdict.UNKNOWN  # the chain does not establish it (it does not show it false)
    assert any("the claim needs '='" in c.message for c in res.conclusion)


def _claimed(claim: sp.Basic | None, *chains: Chain) -> Derivation:
    return Derivation(id="claim", title="claim", question="T.2", claim=claim, chains=chains)


def _up(start: sp.Expr, *ends: tuple[Relation, sp.Expr]) -> Chain:
    return Chain(start=start, steps=tuple(Step(rel, e, "shift") for rel, e in ends))


@pytest.mark.parametrize("d", [
    pytest.param(_claimed(sp.Le(x, x + 1, evaluate=False), _up(x + 1, (R.GE, x))), id="claim-written-the-other-way"),
    pytest.param(_claimed(sp.Eq(x**2 - 1, (x - 1) * (x + 1), evaluate=False),
                          _up((x - 1) * (x + 1), (R.EQ, x**2 - 1))),
                 id="equation-the-other-way"),
    pytest.param(_claimed(sp.Lt(x, x + 2, evaluate=False), _up(x, (R.LT, x + 1)), _up(x + 1, (R.LT, x + 2))),
                 id="two-chains"),
    pytest.param(_claimed(sp.Gt(x + 3, x, evaluate=False), _up(x, (R.LT, x + 1)), _up(x + 1, (R.LE, x + 3))),
                 id="two-chains-the-other-way"),
])
def test_chains_that_establish_the_claim_prove_it(d: Derivation) -> None:
    res = verify(d, isolate=False)
    assert res.status is Verdict.PROVED, [(c.method, c.message) for c in res.conclusion]


@pytest.mark.parametrize(("d", "message"), [
    pytest.param(_claimed(None, _up(x, (R.LE, x + 1), (R.GE, x - 5))), "mixes relations that do not compose",
                 id="relations-that-do-not-compose"),
    pytest.param(_claimed(sp.Lt(x, x + 2, evaluate=False), _up(x, (R.LT, x + 1)), _up(x + 5, (R.GT, x + 2))),
                 "the chains do not", id="chains-that-do-not-meet"),
    pytest.param(_claimed(sp.Le(x, x + 7, evaluate=False), _up(x + 1, (R.GE, x))), "the chains do not",
                 id="another-statement"),
    pytest.param(_claimed(sp.Lt(x, x + 2, evaluate=False), _up(x, (R.LE, x + 1)), _up(x + 1, (R.LT, x + 2))), None,
                 id="composed-non-strict-is-enough"),
])
def test_a_true_claim_the_chains_do_not_establish_is_never_refuted(d: Derivation, message: str | None) -> None:
    res = verify(d, isolate=False)
    assert all(s.verdict is Verdict.PROVED for c in res.chains for s in c.steps)
    if message is None:
        assert res.status is Verdict.PROVED
        return
    assert res.status is Verdict.UNKNOWN, [(c.verdict, c.method, c.message) for c in res.conclusion]
    assert any(message in c.message for c in res.conclusion)


def test_a_false_claim_is_refuted_at_a_point_where_it_fails() -> None:
    res = verify(_claimed(sp.Le(x + 2, x, evaluate=False), _up(x, (R.LE, x + 1))), isolate=False)
    assert res.status is Verdict.REFUTED
    refuting = [c for c in res.conclusion if c.verdict is Verdict.REFUTED]
    assert refuting and all(c.counterexample is not None for c in refuting)
    for c in refuting:
        assert c.counterexample is not None
        at = dict(c.counterexample.assignment)
        assert sp.Le(x + 2, x).xreplace(at) is sp.false


def test_a_claim_whose_sum_binds_a_letter_of_the_point_is_judged_without_a_crash() -> None:
    """A point that gives ``t`` a value leaves a sum over its own ``t`` alone
    (a plain replacement would put 2 in the sum's limits and crash)."""
    s = sp.Symbol("s", integer=True)
    empty = sp.Sum(1, (t, 3, -2))
    d = Derivation(id="bound", title="bound", question="T.2", assumptions=(sp.Ge(t, 1),),
                   claim=sp.Le(empty - 3, y**2 - 7, evaluate=False),
                   chains=(Chain(start=empty - 3, steps=(Step(relation=R.EQ, expr=y - 3, why="rewrite"),)),))
    res = verify(d, isolate=False)
    assert res.status is Verdict.REFUTED
    for c in res.conclusion:
        if c.counterexample is not None and c.verdict is Verdict.REFUTED:
            at = dict(c.counterexample.assignment)
            assert sp.Le(-3, y**2 - 7).xreplace(at) is sp.false  # the empty sum is 0 there
    own_limit = sp.Sum(s, (s, s + 1, 3))  # its variable in its own limits
    own = Derivation(id="own", title="own", question="T.2", claim=sp.Le(own_limit, x, evaluate=False),
                     chains=(Chain(start=own_limit, steps=(Step(relation=R.LE, expr=x - 1, why="bound"),)),))
    assert verify(own, isolate=False).status in (Verdict.REFUTED, Verdict.UNKNOWN)


def test_isolated_and_in_process_agree() -> None:
    from symproofs.library import derivations

    ds = derivations()[:3]
    inproc = verify_all(ds, options=Options(isolate=False))
    isolated = verify_all(ds, options=Options(jobs=2))
    assert [[s.verdict for s in r.all_steps] for r in inproc] == [[s.verdict for s in r.all_steps] for r in isolated]


def _space() -> tuple[object, sp.Symbol, sp.Symbol]:
    from symproofs.probability.laws import Generic
    from symproofs.probability.space import ProbabilitySpace

    m, s = sp.symbols("m s", positive=True)
    space = ProbabilitySpace()
    return space, space.variable("A", Generic(mean=m, var=s)), space.variable("B", Generic(mean=m, var=s))


def _expectation_slips() -> list[object]:
    from symproofs.probability.space import E, Var

    _, A, B = _space()
    return [
        pytest.param(E(A * B), E(A) * E(B), id="factor-without-independence"),
        pytest.param(Var(A + B), Var(A) + Var(B), id="variance-of-dependent-sum"),
        pytest.param(Var(3 * A), 3 * Var(A), id="variance-scales-linearly"),
        pytest.param(E(A**2), E(A) ** 2, id="second-moment-is-mean-squared"),
    ]


@pytest.mark.parametrize("index", range(4))
def test_expectation_slips_are_refuted_with_a_model(make_goal, index: int) -> None:
    from dataclasses import replace

    space, _, _ = _space()
    slip = _expectation_slips()[index].values  # type: ignore[attr-defined]
    # rebuild with this space's variables (same names, same symbols)
    goal = make_goal(*slip)
    goal = replace(goal, context=replace(goal.context, algebras=(space,)))
    res = check_goal(goal)
    assert res.verdict is Verdict.REFUTED, res.describe()
    assert res.counterexample is not None and res.counterexample.model


def test_logical_counterexample_satisfies_premise(make_goal) -> None:
    res = check_goal(make_goal(sp.Eq(x + y, 3), sp.Eq(x, 1), R.IMPLIES))
    assert res.counterexample is not None
    point = dict(res.counterexample.assignment)
    assert (x + y).subs(point) == 3
    assert x.subs(point) != 1


def test_probe_samples_symbols_of_unrelated_assumptions(make_goal) -> None:
    # beta appears only in an assumption; the wrong step must still be refuted.
    res = check_goal(make_goal((a + b) ** 2, a**2 + b**2, assumptions=(beta < 1,)))
    assert res.verdict is Verdict.REFUTED


def test_probe_applies_definitions_before_sampling(make_goal) -> None:
    lam = sp.Symbol("lambda", real=True)
    definition = Given(name="lambda", statement=sp.Eq(lam, (1 - p) / p))
    # True under the definition: never refuted by a point that ignores it.
    res = check_goal(make_goal(lam * p + p, sp.S.One, givens=(definition,)))
    assert res.verdict is Verdict.PROVED
    res = check_goal(make_goal(lam * p + p + x**2, sp.S.One + x**2 + sp.sin(lam) - sp.sin((1 - p) / p),
                               givens=(definition,)))
    assert res.verdict is not Verdict.REFUTED
    res = check_goal(make_goal(lam * p, sp.S.One, givens=(definition,)))
    assert res.verdict is Verdict.REFUTED
    assert lam not in dict(res.counterexample.assignment)


def test_matrix_against_scalar_is_an_invalid_step(make_goal) -> None:
    A = sp.MatrixSymbol("A", 2, 2)
    res = check_goal(make_goal(A, x))
    assert res.verdict is Verdict.UNKNOWN
    assert "cannot compare" in res.message


def test_a_sum_index_whose_sign_its_range_breaks_is_never_decided(make_goal) -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)  # declared nonnegative, but runs from -2
    m = sp.Symbol("m", integer=True)
    lhs = sp.Abs(sp.Sum(n * x, (n, -2, m)))
    rhs = sp.Abs(x * (m + 1) - sp.Sum(n * x, (n, -2, m + 1)))  # the same value: never refuted
    assert check_goal(make_goal(lhs, rhs)).verdict is not Verdict.REFUTED
    p = sp.Symbol("p", integer=True, positive=True)
    # -6 >= 0 is false, but sympy may have simplified the body with p > 0 already (|p| is p): a body read
    # against its declaration is neither proved nor refuted
    res = check_goal(make_goal(sp.Sum(p, (p, -3, -1)), sp.Integer(0), relation=R.GE))
    assert res.verdict is Verdict.UNKNOWN and "declared" in res.message


def test_renaming_a_sum_index_leaves_the_outer_name_in_its_own_bounds(make_goal) -> None:
    # In prod_{n=n-2}^{3} n the bound n - 2 is the outer n: renaming the index
    # must not capture it, or the counterexample shows values of a bound name.
    n = sp.Symbol("n", integer=True)  # (an index declared nonnegative would run against its declaration)
    prod = sp.Product(n, (n, n - 2, 3))
    res = check_goal(make_goal(prod, prod + 1))
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    names = [s.name for s, _ in res.counterexample.assignment]
    assert names.count("n") == 1 and "_n" not in names
    at = dict(res.counterexample.assignment)
    assert res.counterexample.lhs == prod.subs(at).doit()


def test_a_denominator_that_an_empty_sum_cancels_stays_a_condition(make_goal) -> None:
    # S is an empty sum (0): (x^2 - S^2)/(x - S) is x once S is written in,
    # but the written side has no value at x = 0, so no counterexample is there.
    n = sp.Symbol("n", integer=True, nonnegative=True)
    s = sp.Sum(n, (n, 3, 0))
    lhs = (x**2 - s**2) / (x - s)
    res = check_goal(make_goal(lhs, x + 1))  # false: the sides differ by 1
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    assert dict(res.counterexample.assignment)[x] != 0
    assert check_goal(make_goal(lhs, x)).verdict is Verdict.PROVED
    only_at_zero = x + sp.Piecewise((1, sp.Eq(x, 0)), (0, True))  # differs from lhs only where lhs is undefined
    assert check_goal(make_goal(lhs, only_at_zero)).verdict is not Verdict.REFUTED


def test_a_denominator_that_an_empty_sum_multiplies_away_is_still_shown(make_goal) -> None:
    # (x^2 - m^2)/(x - m) * S with S an empty sum is 0 once S is written in;
    # the counterexample still gives m a value, one where the side is defined.
    n = sp.Symbol("n", integer=True, nonnegative=True)
    m = sp.Symbol("m", integer=True)
    lhs = (x**2 - m**2) / (x - m) * sp.Sum(n, (n, 3, 0))
    res = check_goal(make_goal(lhs, sp.Abs(x) - x))  # false for x < 0
    assert res.verdict is Verdict.REFUTED and res.counterexample is not None
    at = dict(res.counterexample.assignment)
    assert m in at and at[m] != at[x]


def test_induction_on_an_even_variable_reaches_nothing() -> None:
    # f(0) = 0, f(k+1) = f(k) + (1 - (-1)^k)/2: the step below holds for even t only, and f(2) = 1
    te = sp.Symbol("t", even=True, nonnegative=True)
    kk = sp.Symbol("k", integer=True, nonnegative=True)
    f = sp.Function("f", real=True)
    step = Given(name="step", statement=sp.Eq(f(kk + 1), f(kk) + (1 - (-1) ** kk) / 2), index=kk, valid_from=0)
    d = Derivation(id="even", title="even", question="T", givens=(Given(name="f0", statement=sp.Eq(f(0), 0)), step),
                   claim=sp.Eq(f(te), 0), induction=Induction(variable=te, start=0),
                   chains=(Chain(start=f(0), steps=(Step(Relation.EQ, sp.Integer(0), "f0", ("f0",)),)),
                           Chain(start=f(te + 1), steps=(Step(Relation.EQ, f(te), "step", ("step",)),
                                                         Step(Relation.EQ, sp.Integer(0), "IH", ("IH",))))))
    res = verify(d, isolate=False)
    assert res.status is not Verdict.PROVED
    assert any("even" in c.message for c in res.conclusion)
