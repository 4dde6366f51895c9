"""A lemma's ``proved_by`` lends symbolic trust only through a derivation
checked and proved in the same run (a library derivation is checked too),
never through a cycle."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Lemma, Step
from symproofs.core.model import Relation as R
from symproofs.core.results import Trust, Verdict
from symproofs.verifier import pipeline
from symproofs.verifier.pipeline import Options, verify, verify_all
from symproofs.verifier.provenance import provers_to_check, unsupported_lemmas

x = sp.Symbol("x", real=True)
OPTS = Options(isolate=False)

# 2x <= x^2 + 1 is (x - 1)^2 >= 0
AMGM = Lemma(name="amgm", statement=sp.Le(2 * x, x**2 + 1), variables=(x,), proved_by="amgm-proof")
GOOD = Derivation(id="amgm-proof", title="amgm", question="T", claim=AMGM.statement,
                  chains=(Chain(start=2 * x, steps=(Step(R.LE, x**2 + 1, "(x-1)^2 >= 0"),)),))
# the same statement, "shown" by a false step
BAD = Derivation(id="amgm-proof", title="amgm", question="T", claim=AMGM.statement,
                 chains=(Chain(start=2 * x, steps=(Step(R.LE, sp.Rational(1, 2) * x**2 + 1, "wrong"),)),))
USE = Derivation(id="use", title="use", question="T", lemmas=(AMGM,),
                 chains=(Chain(start=2 * x + 3, steps=(Step(R.LE, x**2 + 4, "amgm", ("amgm",)),)),))


def _as_library(monkeypatch: pytest.MonkeyPatch, *ds: Derivation) -> None:
    monkeypatch.setattr(pipeline, "library", lambda: {d.id: d for d in ds})


@pytest.mark.parametrize("prover, trust", [(GOOD, Trust.SYMBOLIC), (BAD, Trust.GIVEN)], ids=["proved", "not-proved"])
def test_verify_alone_checks_the_library_derivation_a_lemma_names(monkeypatch: pytest.MonkeyPatch,
                                                                 prover: Derivation, trust: Trust) -> None:
    _as_library(monkeypatch, prover)
    res = verify(USE, isolate=False)
    assert res.status is Verdict.PROVED and res.trust is trust


def test_verify_all_checks_a_library_prover_it_was_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    _as_library(monkeypatch, BAD)
    (res,) = verify_all([USE], options=OPTS)  # only the requested derivations come back
    assert res.trust is Trust.GIVEN
    _as_library(monkeypatch, GOOD)
    (res,) = verify_all([USE], options=OPTS)
    assert res.trust is Trust.SYMBOLIC


def test_lemmas_proved_by_each_other_ground_nothing() -> None:
    # each derivation proves the other's lemma from it: a circle, not a proof
    le_a = Lemma(name="a", statement=sp.Le(x, x**2 + 1), variables=(x,), proved_by="proof-a")
    le_b = Lemma(name="b", statement=sp.Le(2 * x, 2 * x**2 + 2), variables=(x,), proved_by="proof-b")
    proof_a = Derivation(id="proof-a", title="a", question="T", lemmas=(le_b,), claim=le_a.statement,
                         chains=(Chain(start=x, steps=(Step(R.LE, x**2 + 1, "b", ("b",)),)),))
    proof_b = Derivation(id="proof-b", title="b", question="T", lemmas=(le_a,), claim=le_b.statement,
                         chains=(Chain(start=2 * x, steps=(Step(R.LE, 2 * x**2 + 2, "a", ("a",)),)),))
    assert unsupported_lemmas([proof_a, proof_b], {"proof-a": Verdict.PROVED, "proof-b": Verdict.PROVED}) == {
        "proof-a": {"b"}, "proof-b": {"a"}}
    for res in verify_all([proof_a, proof_b], options=OPTS):
        assert res.trust is not Trust.SYMBOLIC


def test_a_chain_of_provers_is_grounded_at_its_end_only() -> None:
    le_top = Lemma(name="top", statement=sp.Le(x, 1), variables=(), proved_by="middle")
    middle = Derivation(id="middle", title="m", question="T",
                        lemmas=(Lemma(name="bottom", statement=sp.Le(x, 0), variables=(), proved_by="bottom"),),
                        chains=(Chain(start=x, steps=(Step(R.LE, sp.Integer(1), "bottom", ("bottom",)),)),))
    trivial = (Chain(start=x, steps=(Step(R.EQ, x, "same"),)),)
    bottom = Derivation(id="bottom", title="b", question="T", chains=trivial)
    user = Derivation(id="user", title="u", question="T", lemmas=(le_top,), chains=trivial)
    assert [d.id for d in provers_to_check([user], {"middle": middle, "bottom": bottom})] == ["middle", "bottom"]
    status = {"user": Verdict.PROVED, "middle": Verdict.PROVED, "bottom": Verdict.UNKNOWN}
    weak = unsupported_lemmas([user, middle, bottom], status)
    assert weak == {"user": {"top"}, "middle": {"bottom"}, "bottom": set()}
    status["bottom"] = Verdict.PROVED
    assert unsupported_lemmas([user, middle, bottom], status) == {"user": set(), "middle": set(), "bottom": set()}
    # a prover that was not checked in this run counts for nothing
    assert unsupported_lemmas([user], {"user": Verdict.PROVED}) == {"user": {"top"}}


def test_a_prover_that_assumes_more_than_the_lemma_lends_no_trust() -> None:
    # x^2 >= x is proved for x >= 1 only: it says nothing about y^2 >= y for every y (false at y = 1/2)
    y = sp.Symbol("y", real=True)
    square = Lemma(name="sq", statement=sp.Ge(x**2, x), variables=(x,), proved_by="sq-proof")
    narrow = Derivation(id="sq-proof", title="sq", question="T", claim=square.statement, assumptions=(sp.Ge(x, 1),),
                        chains=(Chain(start=x**2, steps=(Step(R.GE, x, "x >= 1"),)),))
    use = Derivation(id="use-sq", title="use", question="T", lemmas=(square,),
                     chains=(Chain(start=y**2, steps=(Step(R.GE, y, "sq", ("sq",)),)),))
    res = verify_all([use, narrow], options=OPTS)[0]
    assert all(s.trust is not Trust.SYMBOLIC for s in res.all_steps if s.verdict is Verdict.PROVED)
    hypothesis = Lemma(name="sq", statement=sp.Ge(x**2, x), variables=(x,), hypotheses=(sp.Ge(x, 1),),
                       proved_by="sq-proof")
    z = sp.Symbol("z", real=True)
    fine = Derivation(id="use-sq", title="use", question="T", lemmas=(hypothesis,), assumptions=(sp.Ge(z, 2),),
                      chains=(Chain(start=z**2, steps=(Step(R.GE, z, "sq", ("sq",)),)),))
    res = verify_all([fine, narrow], options=OPTS)[0]
    assert res.status is Verdict.PROVED and res.trust is Trust.SYMBOLIC  # the hypothesis carries the assumption


def test_a_prover_that_rests_on_a_given_lends_trust_only_where_it_is_given() -> None:
    c = sp.Symbol("c", real=True)
    from symproofs.core.model import Given

    two = Given(name="two", statement=sp.Eq(c, 2))
    fact = Lemma(name="c2", statement=sp.Eq(c**2, 4), variables=(), proved_by="c2-proof")
    prover = Derivation(id="c2-proof", title="c2", question="T", claim=fact.statement, givens=(two,),
                        chains=(Chain(start=c**2, steps=(Step(R.EQ, sp.Integer(4), "c = 2", ("two",)),)),))
    bare = Derivation(id="use-c2", title="use", question="T", lemmas=(fact,),
                      chains=(Chain(start=c**2 + 1, steps=(Step(R.EQ, sp.Integer(5), "c2", ("c2",)),)),))
    res = verify_all([bare, prover], options=OPTS)[0]
    assert all(s.trust is not Trust.SYMBOLIC for s in res.all_steps if s.verdict is Verdict.PROVED)
    stated = Derivation(id="use-c2", title="use", question="T", lemmas=(fact,), givens=(two,),
                        chains=(Chain(start=c**2 + 1, steps=(Step(R.EQ, sp.Integer(5), "c2", ("c2",)),)),))
    res = verify_all([stated, prover], options=OPTS)[0]
    assert res.status is Verdict.PROVED and res.trust is Trust.SYMBOLIC


def test_a_prover_resting_on_its_laws_lends_no_symbolic_trust() -> None:
    from symproofs.probability.space import Bernoulli, ProbabilitySpace

    p = sp.Symbol("p", real=True)
    space = ProbabilitySpace()
    space.variable("B", Bernoulli(p))  # 0 <= p <= 1, which the user does not assume
    lawful = Lemma(name="pp", statement=sp.Le(p**2, p), variables=(), proved_by="pp-proof")
    prover = Derivation(id="pp-proof", title="pp", question="T", claim=lawful.statement, algebras=(space,),
                        chains=(Chain(start=p**2, steps=(Step(R.LE, p, "0 <= p <= 1"),)),))
    plain = Derivation(id="use-pp", title="use", question="T", lemmas=(lawful,),
                       chains=(Chain(start=p**2 + 1, steps=(Step(R.LE, p + 1, "pp", ("pp",)),)),))
    res = verify_all([plain, prover], options=OPTS)[0]
    assert all(s.trust is not Trust.SYMBOLIC for s in res.all_steps if s.verdict is Verdict.PROVED)


def test_a_derivation_is_trusted_no_more_than_the_proofs_of_the_lemmas_it_cites() -> None:
    # 2|x| <= x^2 + 1 is proved from a cited (true, unproved) fact; the step that
    # applies it is symbolic, the derivations that rest on it, at any depth, are given
    cited = Lemma(name="square", statement=sp.Le(2 * sp.Abs(x), x**2 + 1), variables=(x,))
    amgm = Lemma(name="amgm", statement=sp.Le(2 * sp.Abs(x), x**2 + 1), variables=(x,), proved_by="amgm-proof")
    prover = Derivation(id="amgm-proof", title="amgm", question="T", claim=amgm.statement, lemmas=(cited,),
                        chains=(Chain(start=2 * sp.Abs(x), steps=(
                            Step(R.LE, x**2 + 1, "square", ("square",)),)),))
    middle_lemma = Lemma(name="m", statement=sp.Le(2 * sp.Abs(x) + 3, x**2 + 4), variables=(x,), proved_by="middle")
    middle = Derivation(id="middle", title="m", question="T", claim=middle_lemma.statement, lemmas=(amgm,),
                        chains=(Chain(start=2 * sp.Abs(x) + 3, steps=(Step(R.LE, x**2 + 4, "amgm", ("amgm",)),)),))
    y = sp.Symbol("y", real=True)
    top = Derivation(id="top", title="t", question="T", lemmas=(middle_lemma,),
                     chains=(Chain(start=2 * sp.Abs(y + 1) + 3, steps=(Step(R.LE, (y + 1)**2 + 4, "m", ("m",)),)),))
    results = verify_all([top, middle, prover], options=OPTS)
    assert [r.status for r in results] == [Verdict.PROVED] * 3
    assert [r.all_steps[0].trust for r in results] == [Trust.SYMBOLIC, Trust.SYMBOLIC, Trust.GIVEN]
    assert [r.trust for r in results] == [Trust.GIVEN] * 3
    assert [r.lent for r in results] == [Trust.GIVEN, Trust.GIVEN, Trust.SYMBOLIC]
    (alone,) = verify_all([top], options=OPTS)  # the provers are checked in the run even when not asked for
    assert alone.trust is Trust.GIVEN


def test_a_prover_with_more_laws_independence_or_given_range_lends_no_trust() -> None:
    from symproofs.core.model import Given
    from symproofs.probability.laws import Generic, Normal
    from symproofs.probability.space import E, ProbabilitySpace

    def lent(user: Derivation, prover: Derivation) -> bool:
        res = verify_all([user, prover], options=OPTS)[0]
        return any(s.trust is Trust.SYMBOLIC for s in res.all_steps if s.verdict is Verdict.PROVED)

    # independence the prover declares and the user does not
    s1 = ProbabilitySpace()
    x1, y1 = s1.variable("X", Generic()), s1.variable("Y", Generic())
    s1.independent(x1, y1)
    prover = Derivation(id="pv-indep", title="p", question="P", algebras=(s1,),
                        chains=(Chain(start=E(x1 * y1), steps=(Step(R.EQ, E(x1) * E(y1), "independence"),)),))
    s2 = ProbabilitySpace()
    x2, y2 = s2.variable("X", Generic()), s2.variable("Y", Generic())
    user = Derivation(id="use-indep", title="u", question="U", algebras=(s2,),
                      lemmas=(Lemma(name="prod", statement=sp.Eq(E(x1 * y1), E(x1) * E(y1)), variables=(),
                                    proved_by="pv-indep"),),
                      chains=(Chain(start=E(x2 * y2), steps=(Step(R.EQ, E(x2) * E(y2), "lemma", ("prod",)),)),))
    assert not lent(user, prover)
    # a law the prover declares (normal) and the user does not (mean 0, variance 1)
    s3, s4 = ProbabilitySpace(), ProbabilitySpace()
    x3, x4 = s3.variable("X", Normal(0, 1)), s4.variable("X", Generic(mean=0, var=1))
    prover = Derivation(id="pv-law", title="p", question="P", algebras=(s3,),
                        chains=(Chain(start=E(x3**4), steps=(Step(R.EQ, sp.Integer(3), "normal"),)),))
    user = Derivation(id="use-law", title="u", question="U", algebras=(s4,),
                      lemmas=(Lemma(name="m4", statement=sp.Eq(E(x3**4), 3), variables=(), proved_by="pv-law"),),
                      chains=(Chain(start=E(x4**4), steps=(Step(R.EQ, sp.Integer(3), "lemma", ("m4",)),)),))
    assert not lent(user, prover)
    # a recurrence the prover has from k = 1 and the user only from k = 3
    k = sp.Symbol("k", integer=True)
    f = sp.Function("f", real=True)
    base = Given(name="base", statement=sp.Eq(f(0), 1))

    def rec(start: int) -> Given:
        return Given(name="rec", index=k, valid_from=start, statement=sp.Eq(f(k), 2 * f(k - 1)))

    prover = Derivation(id="pv-rec", title="p", question="P", givens=(rec(1), base),
                        chains=(Chain(start=f(3), steps=(Step(R.EQ, 2 * f(2), "rec", ("rec",)),
                                                         Step(R.EQ, 4 * f(1), "rec", ("rec",)),
                                                         Step(R.EQ, 8 * f(0), "rec", ("rec",)),
                                                         Step(R.EQ, sp.Integer(8), "base", ("base",)))),))
    user = Derivation(id="use-rec", title="u", question="U", givens=(rec(3), base),
                      lemmas=(Lemma(name="f3", statement=sp.Eq(f(3), 8), variables=(), proved_by="pv-rec"),),
                      chains=(Chain(start=f(3), steps=(Step(R.EQ, sp.Integer(8), "lemma", ("f3",)),)),))
    assert not lent(user, prover)
    same = Derivation(id="use-rec", title="u", question="U", givens=(rec(1), base), lemmas=user.lemmas,
                      chains=user.chains)
    assert lent(same, prover)  # with the prover's own givens the lemma lends its trust


T_ = sp.Symbol("t", integer=True, positive=True)
F_ = sp.Function("f", real=True)
VANISH = Lemma(name="square vanishes", statement=sp.Eq(F_(T_)**2, 0), variables=(T_,), proved_by="vanish-proof")


def _vanish_proof() -> Derivation:
    from symproofs.core.model import Given

    at_t = Given(name="hyp", statement=sp.Eq(F_(T_), 0))
    return Derivation(id="vanish-proof", title="p", question="T", givens=(at_t,), provides=(VANISH,),
                      chains=(Chain(start=F_(T_)**2, steps=(Step(R.EQ, sp.Integer(0), "f(t) = 0", ("hyp",)),)),))


@pytest.mark.parametrize(("at", "family", "lends"), [
    pytest.param(T_ + 1, False, False, id="given-at-t-used-at-t+1"),
    pytest.param(T_, False, True, id="given-at-t-used-at-t"),
    pytest.param(T_ + 1, True, True, id="family-covers-t+1"),
])
def test_a_prover_given_about_the_lemma_variable_is_a_hypothesis_at_each_instance(at: sp.Expr, family: bool,
                                                                                   lends: bool) -> None:
    # the prover shows f(t) = 0 => f(t)^2 = 0 for one t: at t + 1 it needs f(t + 1) = 0
    # (f(1) = 0, f(2) = 1 refutes f(t + 1)^2 = 0 from f(t) = 0 alone)
    from symproofs.core.model import Given

    k = sp.Symbol("k", integer=True)
    given = (Given(name="hyp", statement=sp.Eq(F_(k), 0), index=k, valid_from=1) if family
             else Given(name="hyp", statement=sp.Eq(F_(T_), 0)))
    user = Derivation(id="vanish-use", title="u", question="T", givens=(given,), lemmas=(VANISH,),
                      chains=(Chain(start=F_(at)**2,
                                    steps=(Step(R.EQ, sp.Integer(0), "lemma", ("square vanishes",)),)),))
    res = verify_all([user, _vanish_proof()], options=OPTS)[0]
    if lends:
        assert res.status is Verdict.PROVED and res.trust is Trust.SYMBOLIC
    else:
        assert res.status is not Verdict.PROVED


def test_a_prover_given_about_the_lemma_variable_becomes_a_lemma_hypothesis() -> None:
    from symproofs.core.model import Given
    from symproofs.verifier.provenance import assumes_no_more, checked_lemmas, given_hypotheses

    prover = _vanish_proof()
    assert given_hypotheses(prover, VANISH) == (sp.Eq(F_(T_), 0),)
    bare = Derivation(id="bare", title="u", question="T", lemmas=(VANISH,),
                      chains=(Chain(start=F_(T_)**2, steps=(Step(R.EQ, sp.Integer(0), "l", ("square vanishes",)),)),))
    (lem,) = checked_lemmas(bare, {prover.id: prover}).lemmas
    assert lem.proved_by == "vanish-proof" and lem.hypotheses == (sp.Eq(F_(T_), 0),)
    # a family whose range depends on the lemma variable is no single instance: no trust
    k = sp.Symbol("k", integer=True)
    ranged = Given(name="hyp", statement=sp.Eq(F_(k), 0), index=k, valid_from=T_)
    from dataclasses import replace

    assert not assumes_no_more(replace(prover, givens=(ranged,)), VANISH, bare)


def test_matrix_declarations_of_the_prover_and_the_user_must_agree() -> None:
    from symproofs.matrices.linalg import Expectation, hadamard
    from symproofs.matrices.space import MatrixAlgebra
    from symproofs.matrices.unfolding import EntrywiseAlgebra
    from symproofs.verifier.provenance import assumes_no_more

    n, d = sp.symbols("n d", integer=True, positive=True)
    p, q = sp.Symbol("p", positive=True), sp.Symbol("q", positive=True)
    X, Rm, Z = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("R", n, d), sp.MatrixSymbol("Z", n, d)
    mean = Lemma(name="mask-mean", statement=sp.Eq(Expectation(hadamard(X, Rm)), p * X), variables=(),
                 proved_by="mask-proof")
    prover = Derivation(id="mask-proof", title="p", question="T", assumptions=(sp.Le(p, 1),), provides=(mean,),
                        algebras=(EntrywiseAlgebra(masks={Rm: p}), MatrixAlgebra(masks={Rm: p})),
                        chains=(Chain(start=Expectation(hadamard(X, Rm)), steps=(Step(R.EQ, p * X, "E R = p"),)),))

    def user(*algebras: object) -> Derivation:
        return Derivation(id="mask-use", title="u", question="T", assumptions=(sp.Le(p, 1), sp.Le(q, 1)),
                          algebras=algebras, lemmas=(mean,),  # type: ignore[arg-type]
                          chains=(Chain(start=p * X, steps=(Step(R.EQ, Expectation(hadamard(X, Rm)), "l",
                                                                 ("mask-mean",)),)),))

    assert assumes_no_more(prover, mean, user(MatrixAlgebra(masks={Rm: p})))  # the same law, another algebra
    assert assumes_no_more(prover, mean, user(MatrixAlgebra(masks={Rm: p, Z: q})))  # a mask it never mentions
    assert not assumes_no_more(prover, mean, user(MatrixAlgebra(masks={Rm: q})))  # Bernoulli(q), not (p)
    assert not assumes_no_more(prover, mean, user(MatrixAlgebra()))  # R not random at all
    constant = Derivation(id="mask-proof", title="p", question="T", provides=(mean,), algebras=(MatrixAlgebra(),),
                          chains=prover.chains)
    assert not assumes_no_more(constant, mean, user(MatrixAlgebra(random=(Rm,))))  # the prover's R is a constant
    # end to end: p X = E[X o R] = q X is not proved through the lemma
    res = verify_all([user(MatrixAlgebra(masks={Rm: q})), prover], options=OPTS)[0]
    assert res.all_steps[0].trust is not Trust.SYMBOLIC
