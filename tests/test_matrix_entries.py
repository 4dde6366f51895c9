r"""Entries of expectations of matrices built from Bernoulli keep-masks
(:mod:`symproofs.matrices.entries`): read from LaTeX, a correct entrywise
step proved at symbolic shape and indices, a wrong one refuted."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.latex.notation import Notation, for_algebras
from symproofs.latex.parser import parse_relation_chain
from symproofs.matrices.entries import expect_monomials
from symproofs.matrices.linalg import Expectation
from symproofs.matrices.space import MatrixAlgebra
from symproofs.verifier.pipeline import check_goal

n, d = sp.Symbol("n", integer=True, positive=True), sp.Symbol("d", integer=True, positive=True)
p = sp.Symbol("p", positive=True)
R = sp.MatrixSymbol("R", n, d)
X = sp.MatrixSymbol("X", n, d)
NOTE = Notation(matrices={"X": ("n", "d"), "R": ("n", "d")}, symbols={"p": "positive"})


def check(text: str) -> StepResult:
    parts = parse_relation_chain(text, notation=NOTE)
    assert [x.error for x in parts] == [None, None]
    ctx = Context(facts=Facts((sp.Le(p, 1),)), algebras=(MatrixAlgebra(masks={R: p}),), seed=2)
    return check_goal(Goal(relation=Relation.EQ, lhs=for_algebras(parts[0].expr),
                           rhs=for_algebras(parts[1].expr), context=ctx))


def test_the_expectation_of_a_matrix_reads_as_a_matrix_with_entries() -> None:
    lhs = parse_relation_chain(r"(\mathbb{E}[X\odot R])_{ij} = p X_{ij}", notation=NOTE)[0].expr
    assert lhs.parent == Expectation(sp.HadamardProduct(X, R)) or lhs.parent.args[0].has(R)


def test_monomials_in_mask_entries() -> None:
    i, j, k = sp.symbols("i j k", integer=True)
    assert expect_monomials(X[k, i] * R[k, i] ** 2, {R: p}) == p * X[k, i]
    two = expect_monomials(R[k, i] * R[k, j], {R: p})
    assert two.xreplace({j: i}) == p and sp.expand(two.xreplace({j: i + 1})) == p**2
    assert expect_monomials(R[k, i] * R[k, j] * R[i, j], {R: p}) is None  # three entries: left alone


@pytest.mark.parametrize("text, verdict", [
    (r"(\mathbb{E}[X\odot R])_{ij} = p X_{ij}", Verdict.PROVED),
    (r"(\mathbb{E}[X\odot R])_{ij} = p^2 X_{ij}", Verdict.REFUTED),
    (r"(\mathbb{E}[(X\odot R)^\top (X\odot R)])_{ij} = p^2 (X^\top X)_{ij} + \delta_{ij} p (1-p) (X^\top X)_{ij}",
     Verdict.PROVED),
    # the delta's i = j put into the entry it multiplies
    (r"(\mathbb{E}[(X\odot R)^\top (X\odot R)])_{ij} = p^2 (X^\top X)_{ij} + \delta_{ij} p (1-p) (X^\top X)_{ii}",
     Verdict.PROVED),
    (r"(\mathbb{E}[(X\odot R)^\top (X\odot R)])_{ij} = p^2 (X^\top X)_{ij} + \delta_{ij} p (1-p) (X^\top X)_{jj}^2",
     Verdict.REFUTED),
    (r"(\mathbb{E}[(X\odot R)^\top (X\odot R)])_{ij} = p^2 (X^\top X)_{ij}", Verdict.REFUTED),
    (r"(\mathbb{E}[(X\odot R)^\top (X\odot R)])_{ij} = p (X^\top X)_{ij}", Verdict.REFUTED),
])
def test_entries_of_expectations_over_a_keep_mask(text: str, verdict: Verdict) -> None:
    res = check(text)
    assert res.verdict is verdict, res
    if verdict is Verdict.PROVED:
        assert res.trust is Trust.SYMBOLIC


@pytest.mark.parametrize("text", [r"\mathbb{E}[X] = X", r"(\mathbb{E}[X])_{ij} = X_{ij}"])
def test_with_no_random_matrix_declared_an_expectation_is_not_the_matrix(text: str) -> None:
    # nothing says X is deterministic: E[X] = X is not proved (nor refuted)
    parts = parse_relation_chain(text, notation=NOTE)
    ctx = Context(facts=Facts(()), algebras=(MatrixAlgebra(),), seed=2)
    res = check_goal(Goal(relation=Relation.EQ, lhs=for_algebras(parts[0].expr), rhs=for_algebras(parts[1].expr),
                          context=ctx))
    assert res.verdict is Verdict.UNKNOWN


def test_one_index_of_a_labelled_matrix_is_ambiguous_not_an_entry() -> None:
    from symproofs.latex.parser import parse_math
    from symproofs.latex.tokens import AmbiguousReading

    note = Notation(matrices={"W": ("n", "m")})
    # W_j^{(f)} was read as the entry (f, j) of W: the label taken for a row index
    with pytest.raises(AmbiguousReading, match="one index of W_f"):
        parse_math(r"\boldsymbol{W}_{j}^{(f)}", notation=note)
    assert sp.sstr(parse_math(r"W^{(f)}_{ij}", notation=note)) == "W_f[i - 1, j - 1]"
    assert sp.sstr(parse_math(r"W_{ij}", notation=note)) == "W[i - 1, j - 1]"
