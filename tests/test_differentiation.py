r"""Derivatives and matrix entries in students' steps: each construct is read
from LaTeX, the correct step is proved symbolically, a wrong variant is
refuted at an exact point (or left unknown with the reason), and a
derivative whose value the step does not determine is never evaluated by
syntax (sympy would say ``dL/du_i = 0``)."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Relation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.latex.notation import Notation, for_algebras
from symproofs.latex.parser import parse_relation_chain
from symproofs.matrices.space import MatrixAlgebra
from symproofs.verifier.differentiation import entry_ranges, evaluate_derivatives, expand_entries
from symproofs.verifier.pipeline import check_goal

NOTE = Notation(
    matrices={"u": ("n",), "x": ("n",), "A": ("n", "m"), "B": ("m", "q"), "X": ("n", "d"), "R": ("n", "d"),
              "W": ("d", "d"), "b": ("d",), "z": ("d",)},
    functions=frozenset({"sigma"}),
)


def sides(text: str) -> tuple[sp.Basic, sp.Basic]:
    parts = parse_relation_chain(text, notation=NOTE)
    assert [p.error for p in parts] == [None, None], [p.error for p in parts]
    assert parts[1].relation is Relation.EQ
    return for_algebras(parts[0].expr), for_algebras(parts[1].expr)


def check(text: str) -> StepResult:
    lhs, rhs = sides(text)
    matrices = any(s.has(sp.MatrixSymbol) for s in (lhs, rhs))
    ctx = Context(facts=Facts(()), algebras=(MatrixAlgebra(),) if matrices else (), seed=3)
    return check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=ctx))


# -- parsing: the forms the verifier relies on ----------------------------------------------
def test_a_partial_derivative_by_an_entry_reads_as_a_derivative_by_a_matrix_element() -> None:
    lhs, _ = sides(r"\frac{\partial}{\partial u_i}\sum_{k=1}^{n} u_k^2 = 2u_i")
    assert isinstance(lhs, sp.Derivative)
    n = sp.Symbol("n", integer=True, positive=True)
    # the sum's bound is the vector's length, not a new integer that could be 0
    assert lhs.expr.limits[0][2] == n
    assert str(lhs.variables[0]) == "u[i - 1, 0]"


def test_entry_ranges_come_from_the_entries_a_step_names() -> None:
    lhs, _ = sides(r"(AB)_{ij} = \sum_k A_{ik}B_{kj}")
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    ranges = entry_ranges(lhs)
    assert sp.Ge(i - 1, 0) in ranges and sp.Le(i - 1, n - 1) in ranges
    assert all(not (r.free_symbols & {sp.Symbol("k", integer=True)}) for r in ranges)
    assert j - 1 in {r.lhs for r in ranges}


# -- derivatives ----------------------------------------------------------------------------
@pytest.mark.parametrize("right, proved", [("2u_i", True), ("3u_i", False), ("2u_k", False)])
def test_derivative_of_a_sum_of_squares_with_symbolic_length(right: str, proved: bool) -> None:
    res = check(r"\frac{\partial}{\partial u_i}\sum_{k=1}^{n} u_k^2 = " + right)
    if proved:
        assert res.verdict is Verdict.PROVED and res.trust is Trust.SYMBOLIC
    else:
        assert res.verdict is not Verdict.PROVED


def test_the_wrong_factor_is_refuted_at_an_exact_point() -> None:
    res = check(r"\frac{\partial}{\partial u_i}\sum_{k=1}^{n} u_k^2 = 3u_i")
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.lhs != res.counterexample.rhs


@pytest.mark.parametrize("right, verdict", [
    (r"\frac{u_i}{\|u\|}", Verdict.PROVED),
    (r"\frac{u_i}{\|u\|^2}", Verdict.REFUTED),
])
def test_derivative_of_a_norm(right: str, verdict: Verdict) -> None:
    assert check(r"\frac{\partial}{\partial u_i} \|u\| = " + right).verdict is verdict


@pytest.mark.parametrize("right, verdict", [("x_i", Verdict.PROVED), ("u_i", Verdict.REFUTED)])
def test_derivative_of_an_inner_product_entrywise(right: str, verdict: Verdict) -> None:
    # sympy's own Derivative(u.T*x, u[i, 0]).doit() raises NotImplementedError
    assert check(r"\frac{\partial}{\partial u_i} u^\top x = " + right).verdict is verdict


@pytest.mark.parametrize("right, verdict", [
    (r"\sigma'((Wz+b)_i) W_{ij}", Verdict.PROVED),
    (r"\sigma'((Wz+b)_i) W_{ji}", Verdict.REFUTED),
])
def test_derivative_through_an_activation_of_an_affine_map(right: str, verdict: Verdict) -> None:
    res = check(r"\frac{\partial}{\partial z_j} \sigma((Wz+b)_i) = " + right)
    assert res.verdict is verdict
    if verdict is Verdict.REFUTED:
        assert res.counterexample is not None
        assert any(str(k).startswith("sigma'") for k, _ in res.counterexample.assignment)


def test_an_undeclared_dependency_is_never_evaluated_to_zero() -> None:
    # sympy says dL/du_i = 0 because the symbol L does not contain u[i - 1, 0]
    res = check(r"\frac{\partial L}{\partial u_i} = 0")
    assert res.verdict is Verdict.UNKNOWN
    assert "how L depends on" in res.message


def test_a_family_member_is_differentiated_as_a_coordinate() -> None:
    h = sp.Function("h", real=True)
    j, k = sp.Symbol("j", integer=True), sp.Symbol("k", integer=True)
    d = sp.Symbol("d", integer=True, positive=True)
    sigma = sp.Function("sigma", real=True)
    lhs = sp.Derivative(sp.Sum(sigma(h(k)), (k, 1, d)), h(j))
    facts = Facts((sp.Ge(j, 1), sp.Le(j, d)))
    value = evaluate_derivatives(lhs, facts).expr
    assert value.has(sigma) and not value.has(sp.Sum)
    ctx = Context(facts=facts, seed=1)
    good = Goal(relation=Relation.EQ, lhs=lhs, rhs=sp.Derivative(sigma(h(j)), h(j)), context=ctx)
    assert check_goal(good).verdict is Verdict.PROVED
    # pulling a factor W_{ik} with the summation index out of the sum is wrong
    W = sp.Function("W", real=True)
    i = sp.Symbol("i", integer=True)
    pulled = Goal(relation=Relation.EQ, lhs=sp.Derivative(sp.Sum(W(i, k) * sigma(h(k)), (k, 1, d)), h(j)),
                  rhs=W(i, k) * sp.Derivative(sp.Sum(sigma(h(k)), (k, 1, d)), h(j)), context=ctx)
    assert check_goal(pulled).verdict is not Verdict.PROVED


def test_a_member_of_another_family_is_not_a_constant() -> None:
    L, h = sp.Function("L", real=True), sp.Function("h", real=True)
    k, t = sp.Symbol("k", integer=True), sp.Symbol("t", integer=True)
    ev = evaluate_derivatives(sp.Derivative(sp.Sum(L(k), (k, t, 9)), h(t)), Facts(()))
    assert ev.evaluated == 0 and ev.refused and "how L(k) depends on h(t)" in ev.refused[0]
    goal = Goal(relation=Relation.EQ, lhs=sp.Derivative(L(t), h(t)), rhs=sp.S.Zero,
                context=Context(facts=Facts(()), seed=1))
    assert check_goal(goal).verdict is Verdict.UNKNOWN


def test_a_derivative_by_a_symbol_keeps_the_chain_rule_and_is_cross_examined() -> None:
    x = sp.Symbol("x", real=True)
    f = sp.Function("f", real=True)
    ctx = Context(facts=Facts(()), seed=2)
    good = Goal(relation=Relation.EQ, lhs=sp.Derivative(f(x) ** 2, x), rhs=2 * f(x) * sp.Derivative(f(x), x),
                context=ctx)
    assert check_goal(good).verdict is Verdict.PROVED
    bad = Goal(relation=Relation.EQ, lhs=sp.Derivative(x**3, x), rhs=3 * x, context=ctx)
    assert check_goal(bad).verdict is Verdict.REFUTED


# -- matrix entries -------------------------------------------------------------------------
@pytest.mark.parametrize("right, verdict", [
    (r"\sum_k A_{ik}B_{kj}", Verdict.PROVED),
    (r"\sum_k A_{ik}B_{kj} + 1", Verdict.REFUTED),
])
def test_entry_of_a_product(right: str, verdict: Verdict) -> None:
    assert check(r"(AB)_{ij} = " + right).verdict is verdict


@pytest.mark.parametrize("right, verdict", [
    (r"\sum_k X_{ki}R_{ki}X_{kj}R_{kj}", Verdict.PROVED),
    (r"\sum_k X_{ki}R_{ki}X_{kj}", Verdict.REFUTED),
])
def test_entry_of_a_gram_matrix_of_a_hadamard_product(right: str, verdict: Verdict) -> None:
    assert check(r"((X\odot R)^\top (X\odot R))_{ij} = " + right).verdict is verdict


def test_expand_entries_writes_norms_and_inner_products_as_sums() -> None:
    lhs, _ = sides(r"\|u\| = 1")
    e = expand_entries(lhs)
    assert isinstance(e, sp.Pow) and isinstance(e.base, sp.Sum)


# -- gradients and Jacobians ----------------------------------------------------------------
def test_a_gradient_and_a_jacobian_read_as_matrices() -> None:
    from symproofs.matrices.linalg import Grad, Jacobian

    grad, _ = sides(r"\nabla_u \|u\|^2 = 2u")
    jac, _ = sides(r"\frac{\partial (W z + b)}{\partial z} = W")
    assert isinstance(grad, Grad) and grad.shape == sides(r"u = u")[0].shape
    assert isinstance(jac, Jacobian) and jac.shape == (sp.Symbol("d", integer=True, positive=True),) * 2


@pytest.mark.parametrize("text, verdict", [
    (r"\nabla_u \|u\| = \frac{u}{\|u\|}", Verdict.PROVED),
    (r"\nabla_u \|u\| = \frac{u}{\|u\|^2}", Verdict.REFUTED),
    (r"\nabla_u (u^\top x) = x", Verdict.PROVED),
    (r"\nabla_u (u^\top x) = u", Verdict.REFUTED),
    (r"\frac{\partial (W z + b)}{\partial z} = W", Verdict.PROVED),
    (r"\frac{\partial (W z + b)}{\partial z} = W^\top", Verdict.REFUTED),
    (r"\left(\frac{\partial (W z + b)}{\partial z}\right)_{ij} = W_{ij}", Verdict.PROVED),
    (r"\left(\frac{\partial (W z + b)}{\partial z}\right)_{ij} = W_{ji}", Verdict.REFUTED),
])
def test_gradients_and_jacobians_at_symbolic_dimension(text: str, verdict: Verdict) -> None:
    res = check(text)
    assert res.verdict is verdict, res
    if verdict is Verdict.PROVED:
        assert res.trust is Trust.SYMBOLIC  # for every shape, not on instances


def test_a_result_with_an_opaque_derivative_crosses_a_process_boundary() -> None:
    import pickle

    x = sp.Symbol("x", real=True)
    goal = Goal(relation=Relation.EQ, lhs=sp.Derivative(sp.Symbol("L", real=True), x) + x, rhs=x + 1,
                context=Context(facts=Facts(()), seed=1))
    res = check_goal(goal)
    assert res.verdict is Verdict.UNKNOWN and "how L depends on x" in res.message
    assert pickle.loads(pickle.dumps(res)) == res


def test_cross_examination_reaches_entries_of_matrices(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproofs.core.goals import Outcome
    from symproofs.verifier import pipeline, strategies

    def wrong(goal: object, state: object) -> Outcome:  # a strategy that proves anything
        return Outcome(verdict=Verdict.PROVED, method="too eager", trust=Trust.SYMBOLIC)

    monkeypatch.setattr(pipeline, "EQUALITY", (("too eager", wrong), *strategies.EQUALITY))
    res = check(r"(AB)_{ij} = \sum_k A_{ik}B_{kj} + 1")
    assert res.verdict is Verdict.UNKNOWN and res.method == pipeline.CONTRADICTION
    assert res.counterexample is not None
    assert check(r"(AB)_{ij} = \sum_k A_{ik}B_{kj}").verdict is Verdict.PROVED


def test_a_matrix_a_given_defines_is_differentiated_through_its_definition() -> None:
    from symproofs.core.model import Given
    from symproofs.matrices.linalg import Norm

    n = sp.Symbol("n", integer=True, positive=True)
    u, w = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("w", n, 1)
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    gamma = sp.Symbol("gamma", real=True)
    weight = Given(name="weight", statement=sp.Eq(w, gamma * u / Norm(u)))
    ctx = Context(facts=Facts(()), givens=(weight,), algebras=(MatrixAlgebra(),), seed=1)
    lhs = sp.Derivative(w[j - 1, 0], u[i - 1, 0])
    # sympy alone says 0: w is another matrix
    zero = check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=sp.S.Zero, context=ctx))
    assert zero.verdict is not Verdict.PROVED
    right = gamma * (sp.KroneckerDelta(i, j) / Norm(u) - u[i - 1, 0] * u[j - 1, 0] / Norm(u) ** 3)
    assert check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=right, context=ctx)).verdict is Verdict.PROVED
    # a hypothesis that ties w to u without defining it: not a constant either
    tied = Given(name="unit", statement=sp.Eq(sp.Transpose(w) * u, sp.ZeroMatrix(1, 1)))
    ctx2 = Context(facts=Facts(()), givens=(tied,), algebras=(MatrixAlgebra(),), seed=1)
    res = check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=sp.S.Zero, context=ctx2))
    assert res.verdict is Verdict.UNKNOWN and "ties w to u" in res.message


def test_a_derivative_of_an_opaque_derivative_stays_opaque() -> None:
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    inner = sp.Derivative(sp.Symbol("L", real=True), x)
    ev = evaluate_derivatives(sp.Derivative(2 * inner + y, y), Facts(()))
    assert ev.evaluated == 0 and len(ev.refused) == 2
    goal = Goal(relation=Relation.EQ, lhs=sp.Derivative(2 * inner + y, x), rhs=sp.S.Zero,
                context=Context(facts=Facts(()), seed=1))
    assert check_goal(goal).verdict is Verdict.UNKNOWN


def test_a_numeric_entry_of_a_symbolic_shape_implies_the_shape_is_large_enough() -> None:
    from symproofs.verifier.differentiation import refute_entrywise

    n = sp.Symbol("n", integer=True, positive=True)
    u, y = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("y", n, 1)
    lhs, rhs = (sp.DiagMatrix(u) * y)[1, 0], u[1, 0] * y[1, 0]
    assert sp.Le(1, n - 1) in entry_ranges(lhs)
    goal = Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(()), seed=0))
    assert refute_entrywise(goal) is None  # true wherever u_2 exists: no counterexample at n = 1


def test_a_refutation_stands_only_where_the_opaque_derivative_cancels() -> None:
    x = sp.Symbol("x", real=True)
    opaque = sp.Derivative(sp.Symbol("L", real=True), x)
    ctx = Context(facts=Facts(()), seed=1)
    assert check_goal(Goal(relation=Relation.EQ, lhs=opaque + x, rhs=opaque + x + 1,
                           context=ctx)).verdict is Verdict.REFUTED  # false whatever dL/dx is
    assert check_goal(Goal(relation=Relation.EQ, lhs=opaque, rhs=2 * x, context=ctx)).verdict is Verdict.UNKNOWN


def test_a_recurrence_is_differentiated_through_its_definition() -> None:
    from symproofs.core.model import Given

    h, x, sigma = (sp.Function(n, real=True) for n in ("h", "x", "sigma"))
    t = sp.Symbol("t", integer=True, positive=True)
    W, U, b = sp.symbols("W U b", real=True)
    state = Given(name="state", statement=sp.Eq(h(t), W * sigma(h(t - 1)) + U * x(t) + b), index=t,
                  valid_from=sp.S.One)
    ctx = Context(facts=Facts(()), givens=(state,), seed=1)
    lhs = sp.Derivative(h(t), h(t - 1))
    right = W * sp.Derivative(sigma(h(t - 1)), h(t - 1))
    assert check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=right, context=ctx)).verdict is Verdict.PROVED
    # members of a family defined by a recurrence are not independent coordinates:
    # d(h_t + h_{t-1})/dh_{t-1} is not 1 (h_t depends on h_{t-1})
    ev = evaluate_derivatives(sp.Derivative(h(t + 1) + h(t - 1), h(t - 1)), Facts(()), givens=())
    assert ev.evaluated == 1  # with nothing declared, members are coordinates
    refused = evaluate_derivatives(sp.Derivative(h(t - 2) + h(t - 1), h(t - 1)), Facts(()), givens=(state,))
    assert refused.evaluated == 0 and "recurrence" in refused.refused[0]


def test_the_definition_of_the_variable_is_not_written_into_what_is_differentiated() -> None:
    # w = gamma u / ||u||: dL(w)/dw_i is an entry of the gradient, never 0 because w was
    # replaced by its definition; a wrong sign in the projection must not be proved.
    from symproofs.core.model import Given
    from symproofs.matrices.linalg import Grad, Jacobian, Norm, ScalarFunction

    n = sp.Symbol("n", integer=True, positive=True)
    gamma = sp.Symbol("gamma", positive=True)
    u, w = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("w", n, 1)
    L = ScalarFunction(sp.Symbol("L"), w)
    given = Given(name="w", statement=sp.Eq(w, gamma / Norm(u) * u))
    lhs = Jacobian(w, u).T * Grad(L, w)
    context = Context(facts=Facts(), givens=(given,), algebras=(MatrixAlgebra(),), uses=("w",))
    for sign, verdict in ((-1, Verdict.PROVED), (1, Verdict.REFUTED)):
        rhs = gamma / Norm(u) * (sp.Identity(n) + sign * u * u.T / Norm(u) ** 2) * Grad(L, w)
        assert check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=context)).verdict is verdict


# -- derivatives whose value is not written: opaque, but functions of their index ----------------
@pytest.mark.parametrize("text, proved", [
    (r"\sum_{k=1}^{n} \delta_{i,k} x_k \frac{\partial L}{\partial u_k} = x_i \frac{\partial L}{\partial u_i}", True),
    (r"(\nabla_u L)_i = \frac{\partial L}{\partial u_i}", True),
    (r"\frac{\partial L}{\partial u_i} x_j = (\nabla_u L \, x^\top)_{ij}", True),
    (r"(\nabla_u L)_i = \frac{\partial L}{\partial u_j}", False),
    (r"\sum_{k=1}^{n} \delta_{i,k} x_k \frac{\partial L}{\partial u_k} = x_i \frac{\partial L}{\partial u_k}", False),
], ids=["delta-summed-out", "gradient-entry", "outer-product-entry", "other-index", "index-outside-its-sum"])
def test_an_opaque_derivative_is_a_function_of_its_entry(text: str, proved: bool) -> None:
    res = check(text)
    assert (res.verdict is Verdict.PROVED) is proved, res
    if not proved:
        assert res.verdict is Verdict.UNKNOWN  # what L is is not written: nothing refutes it either


def test_a_sum_never_takes_out_an_opaque_derivative_of_its_index() -> None:
    # one opaque number for dL/du_k made both sides (n(n+1)/2) c: proved, though false at n = 2
    term = r"\frac{\partial L}{\partial u_k}"
    res = check(rf"\sum_{{k=1}}^{{n}} k {term} = \sum_{{k=1}}^{{n}} (n+1-k) {term}")
    assert res.verdict is Verdict.UNKNOWN
    renamed = rf"\sum_{{k=1}}^{{n}} x_k {term} = \sum_{{j=1}}^{{n}} x_j \frac{{\partial L}}{{\partial u_j}}"
    assert check(renamed).verdict is Verdict.PROVED


@pytest.mark.parametrize("transposed", [False, True], ids=["entry", "transposed"])
def test_a_declared_derivative_at_a_point_is_one_function_however_it_is_written(transposed: bool) -> None:
    from symproofs.matrices.linalg import elementwise

    sigma, dsigma = sp.Function("sigma", real=True), sp.Function("sigma'", real=True)
    d = sp.Symbol("d", integer=True, positive=True)
    W, z, x = sp.MatrixSymbol("W", d, d), sp.MatrixSymbol("z", d, 1), sp.Symbol("x", real=True)
    i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
    ctx = Context(facts=Facts(()), algebras=(MatrixAlgebra(derivatives={sigma: dsigma}),), seed=3)
    # an entry of the Jacobian diag(sigma'(Wz)) W, against sigma' at (Wz)_i as sympy writes it (a Subs)
    jacobian = (sp.DiagMatrix(elementwise(dsigma, W * z)) * W)[i - 1, j - 1]
    entry = W[j - 1, i - 1] if transposed else W[i - 1, j - 1]
    rhs = entry * sp.Subs(sp.Derivative(sigma(x), x), x, (W * z)[i - 1, 0])
    res = check_goal(Goal(relation=Relation.EQ, lhs=jacobian, rhs=rhs, context=ctx))
    assert (res.verdict is Verdict.PROVED) is not transposed, res


def _sum_definition() -> tuple[sp.Symbol, sp.Symbol, sp.Function, sp.Symbol, sp.Symbol, Given]:
    i, k, n = sp.symbols("i k n", integer=True)
    w, big_j = sp.Function("w", real=True), sp.Symbol("J", real=True)
    return i, k, w, n, big_j, Given(name="defined on line 4", statement=sp.Eq(big_j, sp.Sum(w(i) ** 2, (i, 1, n))))


def test_a_derivative_by_a_member_is_not_captured_by_the_definitions_sum_index() -> None:
    # dJ/dw_i with J = sum_i w_i^2 is 2 w_i for 1 <= i <= n, never 2 sum_i w_i
    i, _, w, n, big_j, given = _sum_definition()
    value = evaluate_derivatives(sp.Derivative(big_j, w(i)), Facts(), givens=(given,)).expr
    assert value == sp.Piecewise((2 * w(i), (i >= 1) & (i <= n)), (0, True))
    # the sloppy inline form d/dw_i sum_i w_i^2 reads the same way
    inline = evaluate_derivatives(sp.Derivative(sp.Sum(w(i) ** 2, (i, 1, n)), w(i)), Facts()).expr
    assert inline == value


def test_the_captured_derivative_is_not_proved_and_the_right_one_is_inside_the_range() -> None:
    i, k, w, n, big_j, given = _sum_definition()

    def goal(rhs: sp.Basic, facts: tuple[sp.Basic, ...] = ()) -> Goal:
        return Goal(relation=Relation.EQ, lhs=sp.Derivative(big_j, w(i)), rhs=rhs,
                    context=Context(facts=Facts(facts), givens=(given,), seed=7))

    assert check_goal(goal(2 * sp.Sum(w(k), (k, 1, n)))).verdict is not Verdict.PROVED
    inside = (sp.Ge(i, 1), sp.Le(i, n))
    assert check_goal(goal(2 * sp.Sum(w(k), (k, 1, n)), inside)).verdict is Verdict.REFUTED
    assert check_goal(goal(2 * w(i), inside)).verdict is Verdict.PROVED
