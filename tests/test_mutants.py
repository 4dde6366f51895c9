"""The mutation harness (bench/mutants.py): its operators, its screening, a
deterministic slice of library mutants (none may be proved), and the
mutants that once exposed a soundness bug."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Identically, Relation
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal

R = Relation


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "mutants.py"
    spec = importlib.util.spec_from_file_location("symproofs_bench_mutants", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


M = _load()

x, y = sp.symbols("x y", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
f = sp.Function("f", real=True)
A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
C = sp.MatrixSymbol("C", 3, 2)


@pytest.mark.parametrize(
    ("side", "category", "expected"),
    [
        pytest.param(3 * x + 1, "constant", 4 * x + 1, id="constant"),
        pytest.param((x + 1) ** 2, "exponent", (x + 1) ** 3, id="exponent"),
        pytest.param(x**2 - y, "sign", x**2 + y, id="sign"),
        pytest.param(x**2 - y, "drop-term", x**2, id="drop-term"),
        pytest.param(2 * x * y, "drop-factor", 2 * y, id="drop-factor"),
        pytest.param(f(n) + x, "index-shift", f(n + 1) + x, id="index-shift"),
        pytest.param(sp.Sum(f(k), (k, 1, n)), "sum-bound", sp.Sum(f(k), (k, 1, n - 1)), id="sum-bound"),
        pytest.param(A * B, "swap-factors", B * A, id="swap-factors"),
        pytest.param(A.T * B, "transpose", A * B, id="transpose"),
        pytest.param(x + 2 * y, "neighbour-symbol", x + 2 * x, id="neighbour-symbol"),
    ],
)
def test_each_operator_produces_its_mutant(side: sp.Basic, category: str, expected: sp.Basic) -> None:
    pool = sorted(side.free_symbols - {k}, key=sp.default_sort_key)
    produced = [new for cat, _, new in M.mutations(side, pool) if cat == category]
    assert expected in produced


def test_bound_variables_are_not_replaced_by_neighbours() -> None:
    side = sp.Sum(x * f(k), (k, 1, n))
    replaced = [new for cat, _, new in M.mutations(side, [k, n, x]) if cat == "neighbour-symbol"]
    assert replaced and all(new.limits[0][0] == k for new in replaced)


def test_mutants_of_another_shape_are_discarded() -> None:
    side = C.T * C
    for _, _, new in M.mutations(side, []):
        if M._well_formed(side, new):
            assert new.shape == (2, 2)


def test_ill_formed_mutants_are_left_out_with_the_reason() -> None:
    d = sp.Symbol("d", integer=True, positive=True)
    X = sp.MatrixSymbol("X", n, d)
    from symproofs.matrices.space import MatrixAlgebra

    def goal(rhs: sp.Basic) -> Goal:
        return Goal(relation=R.EQ, lhs=X.T * X, rhs=rhs,
                    context=Context(facts=Facts(), algebras=(MatrixAlgebra(),), seed=3))

    assert M.ill_formed(goal(X.T * X + X.T * X)) == ""
    assert "ill-shaped" in M.ill_formed(goal(X * X.T))  # n x n against d x d, whatever n and d
    y = sp.MatrixSymbol("y", n, 1)
    assert "index out of range" in M.ill_formed(goal(sp.Sum(y[k + 1, 0], (k, 0, n - 1)) * sp.Identity(d)))
    fine = M.Mutant(id="t/1.1#0", derivation="t", chain=0, step=0, category="sign", description="",
                    goal=goal(2 * X.T * X), original=goal(X.T * X))
    bad = replace(fine, id="t/1.1#1", goal=goal(X * X.T), problem=M.ill_formed(goal(X * X.T)))
    report = M.run([bad], jobs=1, timeout=5.0, check_set_aside=False)
    assert [m.id for m in report.ill_formed] == ["t/1.1#1"] and report.verified == []
    assert report.summary()["ill_formed"] == 1 and report.summary()["mutants"] == 0


def test_shapes_and_bound_variables_are_not_mutated() -> None:
    from symproofs.matrices.linalg import MatSum, Sequence

    h = Sequence("h", n)
    T = sp.Symbol("T", integer=True, positive=True)
    side = MatSum(A * h[k], (k, 1, T))
    produced = [(cat, new) for cat, _, new in M.mutations(side, [k, T, n]) if M._well_formed(side, new)]
    assert len(produced) >= 5 and all(isinstance(new, MatSum) for _, new in produced)
    assert all(new.args[1][0] == k for _, new in produced)  # the summation index stays
    assert all(term.shape == (n, 1) for _, new in produced for term in new.atoms(type(h[k])))
    assert ("sum-bound", MatSum(A * h[k], (k, 1, T - 1))) in produced


def test_systems_and_identities_are_mutated_inside() -> None:
    a, b = sp.symbols("a b", real=True)
    system = (sp.Eq(a - b, 0), sp.Eq(x, 2 * y))
    assert any(isinstance(new, tuple) and new[1] == sp.Eq(x, 3 * y) for _, _, new in M.mutations(system))
    ident = Identically(sp.Eq(a * x, b * x), (x,))
    assert any(isinstance(new, Identically) for _, _, new in M.mutations(ident))


def _goal(
    lhs: object,
    rhs: object,
    relation: Relation = R.EQ,
    *,
    assumptions: tuple[sp.Basic, ...] = (),
    givens: tuple[Given, ...] = (),
) -> Goal:
    return Goal(relation=relation, lhs=lhs, rhs=rhs, context=Context(facts=Facts(assumptions), givens=givens, seed=3))


@pytest.mark.parametrize(
    ("goal", "status"),
    [
        pytest.param(_goal((x + 1) ** 2, x**2 + 2 * x + 1), "holds", id="true-equation"),
        pytest.param(_goal((x + 1) ** 2, x**2 + 2 * x + 2), "fails", id="false-equation"),
        pytest.param(_goal(x**2, sp.Integer(-1), R.GE), "holds", id="weaker-bound-still-true"),
        pytest.param(_goal(sp.Abs(x), x, R.GE), "holds", id="true-inequality"),
        pytest.param(_goal(x, sp.Abs(x), R.GE), "fails", id="false-inequality"),
        pytest.param(
            _goal(
                f(n),
                2 * f(n - 1),
                givens=(Given(name="rec", statement=sp.Eq(f(k), 2 * f(k - 1)), index=k, valid_from=1),),
            ),
            "holds",
            id="recurrence",
        ),
        pytest.param(_goal((sp.Eq(x - y, 0),), (sp.Eq(y - x, 0),), R.IFF), "holds", id="equivalent-systems"),
        pytest.param(_goal((sp.Eq(x - y, 0),), (sp.Eq(x + y, 0),), R.IFF), "fails", id="different-systems"),
        pytest.param(_goal((sp.Eq(x, 0), sp.Eq(n * (x**2 + y**2), 1)), (sp.Eq(-x, 0), sp.Eq(n * (y**2 + x**2), 1)),
                           R.IFF), "holds", id="equivalent-systems-with-an-integer-to-keep"),
        pytest.param(_goal(A * B, B * A), "inconclusive", id="matrices-without-a-model"),
    ],
)
def test_screening(goal: Goal, status: str) -> None:
    assert M.screen(goal, seed=11).status == status


@pytest.mark.parametrize(
    ("mutant_id", "status"),
    [
        pytest.param("q3-bias/1.1#9", "holds", id="term-that-the-start-value-zeroes"),
        pytest.param("q3-bias/1.2#30", "holds", id="shifted-member-of-a-family-with-one-mean"),
    ],
)
def test_screening_samples_the_parameters_of_the_laws(mutant_id: str, status: str) -> None:
    """A mutant of an expectation step is screened with the law's symbolic
    mean drawn like any symbol, so a true one is set aside (not counted as a
    proved mutant) and a false one is witnessed."""
    from symproofs.library.q3 import bias

    by_id = {m.id: m for m in M.mutants_of(bias)}
    assert M.screen(by_id[mutant_id].goal, seed=11).status == status
    wrong = [m for m in by_id.values() if m.category == "constant" and not m.problem]
    assert wrong and any(M.screen(m.goal, seed=11).status == "fails" for m in wrong)


def test_a_deterministic_slice_of_library_mutants_is_never_proved() -> None:
    mutants = M.library_mutants(seed=1, limit=20)
    assert len(mutants) == 20
    report = M.run(mutants, jobs=2, timeout=3.0, seed=1, check_set_aside=False)
    proved = [m.describe() for m, _, r in report.verified if r.verdict is Verdict.PROVED]
    assert proved == []
    assert report.count(Verdict.REFUTED) >= len(report.verified) // 2


def test_the_sample_is_deterministic_and_balanced() -> None:
    from symproofs.library.q3 import DERIVATIONS

    first = M.library_mutants(seed=5, limit=30, derivations=DERIVATIONS)
    again = M.library_mutants(seed=5, limit=30, derivations=DERIVATIONS)
    assert [m.id for m in first] == [m.id for m in again]
    counts = Counter(m.category for m in first)
    assert max(counts.values()) - min(counts.values()) <= 1 or len(counts) < 3


def test_mutants_keep_the_real_context() -> None:
    (m, *_) = [m for m in M.library_mutants() if m.goal.context.givens]
    assert m.goal.context == m.original.context
    assert m.goal.lhs == m.original.lhs
    assert m.goal.rhs != m.original.rhs


# Mutants that were once proved. Each is a wrong step: the verifier must
# never prove it again. Found by the harness on Q2 (the squared loss written
# with entries): the sum normal form renamed the index of a sum and of the
# sum nested in it to the same symbol, so ``R[i, j]`` inside became
# ``R[iota, iota]`` and different sides met in one (wrong) normal form.
_i, _j = sp.symbols("i j", integer=True)
_d = sp.Symbol("d", integer=True, positive=True)
_p = sp.Symbol("p", positive=True)
_X, _R = sp.MatrixSymbol("X", n, _d), sp.MatrixSymbol("R", n, _d)
_w, _y = sp.MatrixSymbol("w", _d, 1), sp.MatrixSymbol("y", n, 1)


def _loss(entry: sp.Basic) -> sp.Basic:
    return sp.Sum((-_y[_i, 0] + sp.Sum(entry * _X[_i, _j] * _w[_j, 0], (_j, 0, _d - 1))) ** 2, (_i, 0, n - 1))


_g = sp.Function("g", real=True)
_m = sp.Symbol("m", integer=True, positive=True)

REGRESSIONS = [
    pytest.param(
        _goal(_loss(_R[_i, _j]), _loss(_R.T[_i, _j]), assumptions=(_p <= 1,)),
        id="q2-loss-transpose-R",
        marks=pytest.mark.slow,
    ),
    pytest.param(
        _goal(_loss(_R[_i, _j]), _loss(_R[_j, _i]), assumptions=(_p <= 1,)),
        id="q2-loss-swapped-indices",
        marks=pytest.mark.slow,
    ),
    pytest.param(
        _goal(
            sp.Sum(_g(_i) * sp.Sum(f(_i, _j), (_j, 1, _m)), (_i, 1, n)),
            sp.Sum(_g(_i) * sp.Sum(f(_j, _j), (_j, 1, _m)), (_i, 1, n)),
        ),
        id="nested-sum-index-capture",
    ),
]


@pytest.mark.parametrize("goal", REGRESSIONS)
def test_regression_mutant_is_not_proved(goal: Goal) -> None:
    assert check_goal(goal).verdict is not Verdict.PROVED


@pytest.mark.parametrize("goal", REGRESSIONS)
def test_sum_normal_form_keeps_nested_indices_apart(goal: Goal) -> None:
    from symproofs.verifier.sums import normalize_sums

    assert normalize_sums(goal.lhs - goal.rhs, goal.context.facts) != 0  # type: ignore[operator]


@pytest.mark.parametrize("vector", [pytest.param("y", id="y"), pytest.param("w", id="w")])
def test_a_transposed_vector_read_down_its_sum_is_not_proved_at_size_one(vector: str) -> None:
    # Once proved "on instances": y.T[i, 0] exists only at n = 1, where it is y[i, 0].
    from symproofs.matrices.space import MatrixAlgebra

    y_, w_ = (_y.T, _w) if vector == "y" else (_y, _w.T)
    wrong = sp.Sum((-y_[_i, 0] + sp.Sum(_R[_i, _j] * _X[_i, _j] * w_[_j, 0], (_j, 0, _d - 1))) ** 2, (_i, 0, n - 1))
    goal = Goal(relation=R.EQ, lhs=_loss(_R[_i, _j]), rhs=wrong,
                context=Context(facts=Facts((_p <= 1,)), algebras=(MatrixAlgebra(),), seed=3))
    result = check_goal(goal)
    assert result.verdict is Verdict.UNKNOWN and "index out of range" in result.message
    assert "index out of range" in M.ill_formed(goal)


def test_nested_sum_with_a_wrong_index_is_refuted() -> None:
    goal = REGRESSIONS[2].values[0]
    assert isinstance(goal, Goal)
    assert check_goal(goal).verdict is Verdict.REFUTED


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        pytest.param(
            sp.Sum(sp.Sum(f(_i) * f(_j), (_j, 1, _m)), (_i, 1, n)),
            sp.Sum(f(_i), (_i, 1, n)) * sp.Sum(f(_j), (_j, 1, _m)),
            id="product-of-sums",
        ),
        pytest.param(
            sp.Sum(_g(_i) * sp.Sum(f(_j), (_j, 1, _m)), (_i, 1, n)),
            sp.Sum(_g(_i), (_i, 1, n)) * sp.Sum(f(_j), (_j, 1, _m)),
            id="inner-sum-is-a-constant",
        ),
    ],
)
def test_nested_sums_that_are_equal_are_still_proved(lhs: sp.Basic, rhs: sp.Basic) -> None:
    assert check_goal(_goal(lhs, rhs)).verdict is Verdict.PROVED


def test_a_double_sum_whose_body_is_a_sum_does_not_recurse() -> None:
    double = sp.Sum(sp.Sum(f(_i, _j), (_j, 1, _m)), (_i, 1, n))
    wrong = sp.Sum(sp.Sum(f(_j, _i), (_j, 1, _m)), (_i, 1, n))
    assert check_goal(_goal(double, wrong)).verdict is Verdict.REFUTED


def test_a_true_step_is_not_refuted_by_a_model_that_breaks_a_hypothesis() -> None:
    """Found by cross-checking the harness's evaluator on the library: with
    ``E[U]`` and ``E[U^2]`` given by the uniform density but ``U`` of a
    generic law, the probe rewrote each hypothesis with itself before
    checking it, so every model passed, and ``Var(U) = (beta - alpha)^2/12``
    (true) was refuted at a model whose mean is not the given one."""
    from symproofs.library.q1 import U, alpha, beta, uniform_moments
    from symproofs.probability.space import Var
    from symproofs.verifier.pipeline import goals_of

    (ref,) = [r for r in goals_of(uniform_moments) if r.chain == 1 and r.step == 0]
    true_step = replace(ref.goal, rhs=(beta - alpha) ** 2 / 12)
    assert ref.goal.lhs == Var(U)
    assert check_goal(true_step).verdict is not Verdict.REFUTED
