"""Entrywise proofs at symbolic shape: true identities proved for every
shape, false variants never proved."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.model import Chain, Derivation, Given, Relation, Step
from symproofs.core.results import Trust, Verdict
from symproofs.library import q2, q4
from symproofs.matrices.linalg import Expectation, Grad, Jacobian, Norm, ScalarFunction, SqNorm, hadamard
from symproofs.matrices.space import MatrixAlgebra
from symproofs.matrices.unfolding import EntrywiseAlgebra, entrywise_equal
from symproofs.verifier.pipeline import verify

n, d = sp.symbols("n d", integer=True, positive=True)
p = sp.Symbol("p", positive=True)
gamma = sp.Symbol("gamma", positive=True)
A, B = sp.MatrixSymbol("A", n, d), sp.MatrixSymbol("B", d, n)
X, R = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("R", n, d)
u, w, v = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("v", d, 1)
XR = hadamard(X, R)
MASK = {R: p}
L = ScalarFunction(sp.Symbol("L"), w)
W_DEF = {w: gamma * u / Norm(u)}


@pytest.mark.parametrize(("lhs", "rhs"), [
    ((A * B).T, B.T * A.T),
    (A * (B + B), 2 * A * B),
    (sp.Identity(n) * A, A),
    (SqNorm(2 * v), 4 * (v.T * v)[0, 0]),
    (sp.DiagonalMatrix(A * B).T, sp.DiagonalMatrix(A * B)),
], ids=["transpose", "distribute", "identity", "norm", "diagonal"])
def test_identities_hold_for_every_shape(lhs: sp.Basic, rhs: sp.Basic) -> None:
    assert entrywise_equal(lhs, rhs) is True


@pytest.mark.parametrize(("lhs", "rhs"), [
    ((A * B).T, A.T * B.T.T.T),
    (A * (B + B), A * B),
    (sp.DiagonalMatrix(A * B), A * B),
    (SqNorm(A * v), SqNorm(v)),
], ids=["transpose", "factor", "diagonal", "norm"])
def test_false_identities_are_not_proved(lhs: sp.Basic, rhs: sp.Basic) -> None:
    assert entrywise_equal(lhs, rhs) is not True


def test_mask_moments() -> None:
    gram = Expectation(XR.T * XR)
    assert entrywise_equal(Expectation(XR), p * X, masks=MASK) is True
    assert entrywise_equal(gram, p**2 * X.T * X + p * (1 - p) * sp.DiagonalMatrix(X.T * X), masks=MASK) is True
    # off the diagonal two independent entries (p^2), on it R^2 = R (p): each false variant fails
    assert entrywise_equal(gram, p**2 * X.T * X, masks=MASK) is not True
    assert entrywise_equal(gram, p * X.T * X, masks=MASK) is not True
    assert entrywise_equal(gram, p**2 * X.T * X + p * sp.DiagonalMatrix(X.T * X), masks=MASK) is not True
    # without the mask declared, R is a constant matrix: E[X ⊙ R] = X ⊙ R, not p X
    assert entrywise_equal(Expectation(XR), p * X) is not True


def test_three_mask_entries_are_not_guessed() -> None:
    # R^3 = R entrywise: one entry, E = p
    assert entrywise_equal(Expectation(hadamard(XR, R, R)), p * X, masks=MASK) is True
    # three different entries: not a rule this module knows
    cube = Expectation(XR * XR.T * XR)
    assert entrywise_equal(cube, p**3 * X * X.T * X, masks=MASK) is None


def test_jacobian_of_weight_normalization() -> None:
    s = gamma / Norm(u)
    chain = Jacobian(w, u).T * Grad(L, w)
    assert entrywise_equal(Grad(L, u), chain, definitions=W_DEF) is True
    right = s * (sp.Identity(n) - u * u.T / Norm(u) ** 2) * Grad(L, w)
    assert entrywise_equal(chain, right, definitions=W_DEF) is True
    for wrong in (s * (sp.Identity(n) - u * u.T) * Grad(L, w), s * Grad(L, w),
                  gamma * (sp.Identity(n) - u * u.T / Norm(u) ** 2) * Grad(L, w)):
        assert entrywise_equal(chain, wrong, definitions=W_DEF) is not True
    # without the definition of w, nothing is known about dw/du
    assert entrywise_equal(chain, right) is None


def test_a_delta_collapses_only_inside_its_range() -> None:
    k = sp.Symbol("k", integer=True)
    m = sp.Symbol("m", integer=True)  # no range known: may lie outside 0..n-1
    x = sp.MatrixSymbol("x", n + 5, 1)
    lhs = sp.Sum(sp.KroneckerDelta(k, m) * x[k, 0], (k, 0, n - 1))
    assert entrywise_equal(lhs, x[m, 0]) is not True


def _steps(d: Derivation) -> list[tuple[str, str]]:
    r = verify(d, isolate=False)
    return [(s.verdict.value, s.trust.value) for c in r.chains for s in c.steps]


@pytest.mark.parametrize("derivation", [q2.loss, q2.moments, q4.gradient], ids=lambda d: d.id)
def test_library_steps_are_symbolic(derivation: Derivation) -> None:
    assert set(_steps(derivation)) == {("proved", "symbolic")}


def test_a_false_step_in_a_derivation_is_not_proved() -> None:
    wrong = Derivation(
        id="wrong-gram", title="A wrong second moment", question="Q0",
        algebras=(EntrywiseAlgebra(masks=MASK), MatrixAlgebra(masks=MASK, max_dim=2)),
        assumptions=(sp.Le(p, 1),),
        chains=(Chain(start=Expectation(XR.T * XR), steps=(
            Step(Relation.EQ, p**2 * X.T * X + p * sp.DiagonalMatrix(X.T * X), "a wrong coefficient"),)),),
    )
    result = verify(wrong, isolate=False).chains[0].steps[0]
    assert result.verdict is not Verdict.PROVED
    assert result.trust is not Trust.SYMBOLIC


def test_definitions_come_from_givens_only() -> None:
    d = Derivation(
        id="jac", title="Jacobian", question="Q0", algebras=(EntrywiseAlgebra(), MatrixAlgebra()),
        givens=(Given(name="w", statement=sp.Eq(w, gamma * u / Norm(u))),),
        chains=(Chain(start=Grad(L, u), steps=(Step(Relation.EQ, Jacobian(w, u).T * Grad(L, w), "chain rule",
                                                     ("w",)),)),),
    )
    assert _steps(d) == [("proved", "symbolic")]


def test_fingerprint_names_the_masks() -> None:
    assert "R" in EntrywiseAlgebra(masks=MASK).fingerprint()
    assert EntrywiseAlgebra().fingerprint() != EntrywiseAlgebra(masks=MASK).fingerprint()


# -- gradients through the unrolled network of Q6 -----------------------------------------------
def _q6_check(lhs: sp.Basic, rhs: sp.Basic, assumptions: tuple[sp.Basic, ...] | None = None) -> bool | None:
    from symproofs.library import q6
    from symproofs.matrices.timegraph import TimeGraph, bounds_from
    from symproofs.matrices.unfolding import chain_rule

    facts = q6.TIME if assumptions is None else assumptions
    symbols = lhs.free_symbols | rhs.free_symbols | {q6.T}
    graph = TimeGraph(q6.GIVENS, bounds_from(symbols, facts))
    return chain_rule(lhs, rhs, graph) or entrywise_equal(lhs, rhs, graph=graph)


@pytest.mark.parametrize("derivation", ["forward", "backward", "weights"])
def test_q6_steps_are_symbolic(derivation: str) -> None:
    from symproofs.library import q6

    assert set(_steps(getattr(q6, derivation))) == {("proved", "symbolic")}


def _q6_false_variants() -> dict[str, tuple[sp.Basic, sp.Basic]]:
    from symproofs.library.q6 import L as loss
    from symproofs.library.q6 import T, Ub, Uf, Vf, Wf, ds, forward, hb, hf, k, t, x, y, z
    from symproofs.matrices.linalg import MatSum

    def G(node: sp.Basic) -> sp.Basic:
        return Grad(loss, node)

    s1 = forward.chains[0].steps[0].expr
    return {
        "missing child": (G(hf[t]), Jacobian(y[t], hf[t]).T * G(y[t])),
        "earlier state": (G(hf[t]), Jacobian(y[t], hf[t]).T * G(y[t])
                          + Jacobian(hf[t - 1], hf[t]).T * G(hf[t - 1])),
        "extra child": (G(hf[t]), s1 + Jacobian(hb[t], hf[t]).T * G(hb[t])),
        "no transpose": (s1, Vf.T * (2 * (y[t] - z[t])) + ds(hf[t + 1]) * Uf * G(hf[t + 1])),
        "factor 2": (s1, Vf.T * (y[t] - z[t]) + (ds(hf[t + 1]) * Uf).T * G(hf[t + 1])),
        "sign": (s1, Vf.T * (2 * (z[t] - y[t])) + (ds(hf[t + 1]) * Uf).T * G(hf[t + 1])),
        "derivative at t": (s1, Vf.T * (2 * (y[t] - z[t])) + (ds(hf[t]) * Uf).T * G(hf[t + 1])),
        "sum to T - 1": (G(Wf), MatSum(ds(hf[k]) * G(hf[k]) * x[k].T, (k, 1, T - 1))),
        "sum from 0": (G(Wf), MatSum(ds(hf[k]) * G(hf[k]) * x[k].T, (k, 0, T))),
        "next input": (G(Wf), MatSum(ds(hf[k]) * G(hf[k]) * x[k + 1].T, (k, 1, T))),
        "same state": (G(Ub), MatSum(ds(hb[k]) * G(hb[k]) * hb[k].T, (k, 1, T))),
        "sum to T + 1": (G(Ub), MatSum(ds(hb[k]) * G(hb[k]) * hb[k + 1].T, (k, 1, T + 1))),
        "output gradient": (G(y[t]), 2 * (y[t] + z[t])),
    }


@pytest.mark.parametrize("name", list(_q6_false_variants()))
def test_q6_false_variants_are_not_proved(name: str) -> None:
    lhs, rhs = _q6_false_variants()[name]
    assert _q6_check(lhs, rhs) is not True


def test_q6_output_gradient_needs_t_within_the_horizon() -> None:
    from symproofs.library.q6 import L as loss
    from symproofs.library.q6 import t, y, z

    assert _q6_check(Grad(loss, y[t]), 2 * (y[t] - z[t])) is True
    # without t <= T, y_t may lie past the horizon, where the loss does not read it
    assert _q6_check(Grad(loss, y[t]), 2 * (y[t] - z[t]), assumptions=()) is not True


def test_other_random_matrices_are_not_taken_for_constants() -> None:
    xv = sp.MatrixSymbol("x", n, 1)
    random_x = Derivation(
        id="random-x", title="A random vector", question="Q0",
        algebras=(EntrywiseAlgebra(), MatrixAlgebra(random=(xv,), max_dim=2)),
        chains=(Chain(start=Expectation(xv * xv.T), steps=(Step(Relation.EQ, xv * xv.T, "wrong"),)),),
    )
    assert _steps(random_x) != [("proved", "symbolic")]
    assert entrywise_equal(Expectation(xv * xv.T), xv * xv.T, random=[xv]) is None
    # a mask known only to the matrix algebra is random too, not a constant
    mask_elsewhere = Derivation(
        id="mask-elsewhere", title="A mask declared elsewhere", question="Q0",
        algebras=(EntrywiseAlgebra(), MatrixAlgebra(masks=MASK, max_dim=2)), assumptions=(sp.Le(p, 1),),
        chains=(Chain(start=Expectation(XR), steps=(Step(Relation.EQ, XR, "wrong"),)),),
    )
    assert _steps(mask_elsewhere) != [("proved", "symbolic")]


def test_no_derivative_with_respect_to_a_defined_vector() -> None:
    z = sp.MatrixSymbol("z", n, 1)
    defs = {w: gamma * u / Norm(u), u: 2 * z}
    # u = 2z is defined: dw/du cannot be read off w's definition written in z
    assert entrywise_equal(Jacobian(w, u), gamma / Norm(u) * sp.Identity(n), definitions=defs) is None


def test_a_given_outside_the_recurrences_blocks_the_graph() -> None:
    from symproofs.library import q6
    from symproofs.matrices.timegraph import TimeGraph, Undecided, bounds_from

    extra = Given(name="peek", statement=sp.Eq(sp.MatrixSymbol("P", q6.n, 1), q6.hf[3]))
    graph = TimeGraph((*q6.GIVENS, extra), bounds_from({q6.t, q6.T}, q6.TIME))
    with pytest.raises(Undecided):
        graph.children(q6.hf[q6.t])
    # the weight gradient of Q6.4, true without the extra given, is no longer unfolded
    rhs = q6.weights.chains[0].steps[0].expr
    assert entrywise_equal(Grad(q6.L, q6.Wf), rhs, graph=TimeGraph(q6.GIVENS, graph.bounds)) is True
    assert entrywise_equal(Grad(q6.L, q6.Wf), rhs, graph=graph) is None


def test_entries_of_a_jacobian_through_an_elementwise_function_at_every_shape() -> None:
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    m = sp.Symbol("m", integer=True, positive=True)
    h, x = sp.MatrixSymbol("h", d, 1), sp.MatrixSymbol("x", m, 1)
    W, U = sp.MatrixSymbol("W", d, d), sp.MatrixSymbol("U", d, m)
    s, ds = sp.Function("sigma", real=True), sp.Function("sigma'", real=True)
    e = sp.Dummy("e")
    f = W * ElementwiseApplyFunction(sp.Lambda(e, s(e)), h) + U * x
    i, j = sp.symbols("i j", integer=True)
    entry = Jacobian(f, h)[i - 1, j - 1]
    derivatives = {s: ds}
    assert entrywise_equal(entry, W[i - 1, j - 1] * ds(h[j - 1, 0]), derivatives=derivatives)
    assert not entrywise_equal(entry, W[j - 1, i - 1] * ds(h[j - 1, 0]), derivatives=derivatives)
    assert not entrywise_equal(entry, W[i - 1, j - 1] * ds(h[i - 1, 0]), derivatives=derivatives)
    # sigma' written as sympy writes it at an entry
    written = sp.Subs(sp.Derivative(s(e), e), e, h[j - 1, 0])
    assert entrywise_equal(entry, W[i - 1, j - 1] * written, derivatives=derivatives)


@pytest.mark.parametrize("rhs", [-SqNorm(u), SqNorm(u)])
def test_the_entrywise_algebra_alone_leaves_a_norm_of_complex_entries_undecided(rhs: sp.Basic) -> None:
    # ||(i u_k)_k||^2 is ||u||^2; the entrywise sum of x^2 would give -||u||^2
    a = sp.Symbol("a")
    iu = u.applyfunc(sp.Lambda(a, sp.I * a))
    d = Derivation(id="c", title="c", question="Q", algebras=(EntrywiseAlgebra(),),
                   chains=(Chain(start=SqNorm(iu), steps=(Step(Relation.EQ, rhs, "norm"),)),))
    step = verify(d, isolate=False).chains[0].steps[0]
    assert step.verdict is Verdict.UNKNOWN and "not known to be real" in (step.message or "")
