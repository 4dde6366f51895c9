"""Where a dimension enters a step as a number (symproofs.matrices.dimensions):
such a step is never proved on instances, and the sizes checked are the ones
the degree argument needs among those the assumptions admit."""

from __future__ import annotations

import sympy as sp

from symproofs import Chain, Derivation, Given, Relation, Step, check
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.matrices.dimensions import marked_indices, size_dependent, tied_names, uses_as_number
from symproofs.matrices.space import MatrixAlgebra

n = sp.Symbol("n", integer=True, positive=True)
c = sp.Symbol("c", real=True)
m = sp.Symbol("m", integer=True, positive=True)
i = sp.Symbol("i", integer=True)
A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", n, n)
x = sp.MatrixSymbol("x", n, 1)
T = sp.Trace
#: 0 at n = 1, 2, 3; 24 at n = 4
e = n * (n - 1) * (n - 2) * (n - 3)


def _step(
    lhs: object, rhs: object, givens: tuple[Given, ...] = (), assumptions: tuple[sp.Basic, ...] = ()
) -> StepResult:
    d = Derivation(
        id="d",
        title="d",
        question="Q",
        algebras=(MatrixAlgebra(),),
        givens=givens,
        assumptions=assumptions,
        chains=(Chain(start=lhs, steps=(Step(Relation.EQ, rhs, "why", tuple(g.name for g in givens)),)),),
    )
    return check(d, isolate=False).chains[0].steps[0]


def test_a_dimension_in_an_exponent_or_a_function_of_a_matrix_node_is_a_number() -> None:
    a = sp.Symbol("a", real=True)
    assert uses_as_number(sp.MatPow(A, e), {n})
    assert uses_as_number(sp.HadamardPower(A, e), {n})
    assert uses_as_number(A.applyfunc(sp.Lambda(a, a ** (e + 1))), {n})
    assert uses_as_number(sp.Determinant(sp.MatPow(A, e)), {n})
    assert not uses_as_number(sp.MatPow(A, 3) * x, {n})
    assert not uses_as_number(T(A * B.T), {n})


def test_an_entry_index_or_a_partial_range_in_the_dimension_is_a_number() -> None:
    assert uses_as_number(A[n - 1, n - 1] * T(A), {n})
    assert uses_as_number(sp.Sum(A[i - 1, i - 1], (i, 1, n - 1)), {n})
    assert not uses_as_number(sp.Sum(A[i - 1, i - 1], (i, 1, n)), {n})  # the whole diagonal: tr(A)
    assert uses_as_number(sp.Sum(i * A[i - 1, i - 1], (i, 1, n)), {n})  # i as a factor


def test_a_given_or_an_assumption_ties_names_to_the_dimension() -> None:
    assert c in tied_names([sp.Eq(c, n)], (n,))
    assert m in tied_names([sp.Eq(n, m)], (n,))
    assert B in tied_names([sp.Eq(B, n * A)], (n,))
    assert c in tied_names([c <= n], (n,))
    assert A not in tied_names([sp.Eq(B, n * A)], (n,))
    assert c not in tied_names([sp.Eq(c, 2), n >= 3], (n,))


def test_fixed_indices_add_sizes_and_determinants_have_no_degree() -> None:
    assert marked_indices([A[0, 0] * T(A)], {n}) == 1
    assert marked_indices([A[2, 1]], {n}) == 3
    assert marked_indices([sp.Sum(A[i - 1, i - 1], (i, 1, n))], {n}) == 0
    assert marked_indices([sp.Sum(A[i - 1, i - 1], (i, 1, 2))], {n}) == 2
    assert marked_indices([A[2 * i, 0] + sp.Sum(A[2 * i, 0], (i, 0, 1))], {n}) is None
    assert size_dependent([sp.Determinant(A) + 1]) and not size_dependent([T(A)])


def test_a_dimension_named_by_a_given_is_not_proved_on_instances() -> None:
    """(c - 1)(c - 2)(c - 3) A = 0 with c = n holds for n <= 3 only (A = I_4: 6 I)."""
    r = _step((c - 1) * (c - 2) * (c - 3) * A, sp.ZeroMatrix(n, n), givens=(Given(name="cn", statement=sp.Eq(c, n)),))
    assert r.verdict is not Verdict.PROVED
    r = _step((m - 1) * (m - 2) * (m - 3) * T(A), sp.S.Zero, givens=(Given(name="mn", statement=sp.Eq(m, n)),))
    assert r.verdict is not Verdict.PROVED
    r = _step(
        (B - A) * (B - 2 * A) * (B - 3 * A), sp.ZeroMatrix(n, n), givens=(Given(name="b", statement=sp.Eq(B, n * A)),)
    )
    assert r.verdict is not Verdict.PROVED


def test_a_dimension_in_an_exponent_is_not_proved_on_instances() -> None:
    """A^e = I for e = n(n - 1)(n - 2)(n - 3): A = 2 I_4 gives 2^24 I."""
    a = sp.Symbol("a", real=True)
    for lhs, rhs in [
        (sp.MatPow(A, e), sp.Identity(n)),
        (sp.HadamardPower(A, e), sp.OneMatrix(n, n)),
        (A.applyfunc(sp.Lambda(a, a ** (e + 1))), A),
        (T(sp.MatPow(A, e + 1)), T(A)),
    ]:
        assert _step(lhs, rhs).verdict is not Verdict.PROVED, lhs


def test_an_entry_index_in_the_dimension_or_a_fixed_index_is_not_proved_on_three_sizes() -> None:
    """False at n = 4 (A = diag(1, 2, 3, 4)); the degree argument needs the fixed indices too."""
    idx = (n - 1) - (n - 1) * (n - 2) * (n - 3) / 2
    assert _step(A[idx, idx] * T(A), A[n - 1, n - 1] * T(A)).verdict is not Verdict.PROVED
    assert _step(A[n - 1, n - 1] * T(A), A[2, 2] * T(A)).verdict is not Verdict.PROVED
    r = _step(A[0, 0] * T(A), A[0, 0] * (A[0, 0] + A[1, 1] + A[2, 2]))
    assert r.verdict is Verdict.REFUTED


def test_a_lower_bound_on_the_dimension_does_not_leave_one_size_for_a_determinant() -> None:
    """det(A) = the 3 x 3 Newton formula only at n = 3: with n >= 3 it is refuted at n = 4."""
    newton3 = (T(A) ** 3 - 3 * T(A) * T(A**2) + 2 * T(A**3)) / 6
    r = _step(sp.Determinant(A), newton3, assumptions=(n >= 3,))
    assert r.verdict is Verdict.REFUTED


def test_true_identities_are_still_proved_and_the_checked_sizes_named() -> None:
    r = _step(T(A * B * A), T(A * A * B), assumptions=(n >= 3,))
    assert r.verdict is Verdict.PROVED and r.trust is Trust.INSTANCES
    assert "n in {3}" in (r.instances or "")  # degree 3: size 3 decides every n >= 3
    r = _step(sp.Sum(A[i - 1, i - 1], (i, 1, n)) * T(B), T(A) * T(B))
    assert r.verdict is Verdict.PROVED and "1..3" in (r.instances or "")
    r = _step((c - 2) * A * B, c * A * B - 2 * A * B, givens=(Given(name="c2", statement=sp.Eq(c, 2)),))
    assert r.verdict is Verdict.PROVED


def test_a_name_is_tied_back_through_a_definition_only_when_tied_elsewhere() -> None:
    assert A in tied_names([sp.Eq(B, n * A), sp.Eq(B, n * sp.Identity(n))], (n,))
    assert A in tied_names([sp.Eq(B, n * sp.Identity(n)), sp.Eq(B, n * A)], (n,))
