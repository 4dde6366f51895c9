"""The twin check: one name, one symbol, function or matrix over a step and its whole context."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Lemma, Relation
from symproofs.verifier.names import name_clash

x = sp.Symbol("x", real=True)


def _goal(lhs: sp.Basic, rhs: sp.Basic, **context: object) -> Goal:
    facts = Facts(tuple(context.pop("assumptions", ())))  # type: ignore[arg-type]
    return Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=facts, **context))  # type: ignore[arg-type]


def test_one_name_one_object_is_no_clash() -> None:
    f = sp.Function("f", real=True)
    k = sp.Symbol("k", integer=True)
    assert name_clash(_goal(f(x) + sp.Sum(f(k), (k, 1, 3)), f(x), assumptions=(x > 0,))) is None


def test_twin_functions_and_matrices_in_the_step_clash() -> None:
    clash = name_clash(_goal(sp.Function("f", positive=True)(x), sp.Function("f")(x)))
    assert clash is not None and "different functions" in clash and "f (positive) in the step" in clash
    n, m = sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True, positive=True)
    clash = name_clash(_goal(sp.Trace(sp.MatrixSymbol("A", n, n)), sp.Trace(sp.MatrixSymbol("A", m, m))))
    assert clash is not None and "different matrices" in clash and "A (n x n)" in clash and "A (m x m)" in clash


def test_the_context_is_checked_with_what_it_says_where() -> None:
    x_pos = sp.Symbol("x", positive=True)
    clash = name_clash(_goal(x, x, assumptions=(x_pos > 1,)))
    assert clash is not None and "x (real) in the step" in clash and "x (positive) in the assumptions" in clash
    given = Given(name="def", statement=sp.Eq(sp.Function("u")(1), 2))
    clash = name_clash(_goal(sp.Function("u", real=True)(1), sp.Integer(2), givens=(given,)))
    assert clash is not None and "in the given 'def'" in clash
    t = sp.Symbol("t")
    lemma = Lemma(name="L", statement=sp.Ge(sp.Symbol("x") ** 2 + t**2, 0), variables=(t,))
    clash = name_clash(_goal(x, x, lemmas=(lemma,)))
    assert clash is not None and "x (no assumptions) in the lemma 'L'" in clash


def test_what_a_lemma_or_a_family_of_givens_quantifies_is_its_own() -> None:
    t, k = sp.Symbol("t"), sp.Symbol("k", integer=True)
    v = sp.Function("v", real=True)
    lemma = Lemma(name="L", statement=sp.Ge(t**2, 0), variables=(t,))
    family = Given(name="rec", statement=sp.Eq(v(k), v(k - 1) + 1), index=k, valid_from=1)
    t_real, k_pos = sp.Symbol("t", real=True), sp.Symbol("k", integer=True, positive=True)
    assert name_clash(_goal(t_real**2 + v(k_pos), v(k_pos), lemmas=(lemma,), givens=(family,))) is None


def test_a_laws_parameter_and_a_familys_head_are_declared_names() -> None:
    from symproofs.probability.laws import Generic, Normal
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import E

    space = ProbabilitySpace()
    X = space.variable("X", Generic(mean=sp.Function("f", positive=True)(1)))
    space.family("g", Normal(0, 1), members="iid")
    clash = name_clash(_goal(E(X), sp.Function("f")(1), algebras=(space,)))
    assert clash is not None and "f (positive) in the declarations of the probability algebra" in clash
    clash = name_clash(_goal(sp.Function("g")(1), sp.Integer(0), algebras=(space,)))
    assert clash is not None and "g (real) in the declarations" in clash
    assert name_clash(_goal(E(X), sp.Function("f", positive=True)(1), algebras=(space,))) is None


def test_a_matrix_algebras_elementwise_functions_are_declared_names() -> None:
    from symproofs.matrices.space import MatrixAlgebra

    sigma, dsigma = sp.Function("sigma", real=True), sp.Function("dsigma", positive=True)
    alg = MatrixAlgebra(derivatives={sigma: dsigma})
    clash = name_clash(_goal(sp.Function("dsigma")(x), sp.Integer(1), algebras=(alg,)))
    assert clash is not None and "dsigma (positive) in the declarations of the matrices algebra" in clash


def test_a_bound_index_of_the_step_is_no_twin_of_a_free_name_of_the_context() -> None:
    i_int, i_real = sp.Symbol("i", integer=True), sp.Symbol("i", real=True)
    n = sp.Symbol("n", integer=True, positive=True)
    step = sp.Sum(i_int, (i_int, 1, n))
    assert name_clash(_goal(step, n * (n + 1) / 2, assumptions=(i_real > 0,))) is None
    clash = name_clash(_goal(step + i_real, n * (n + 1) / 2 + i_real))  # within the step it is one
    assert clash is not None and "the name 'i' stands for different symbols" in clash
