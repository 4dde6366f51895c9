"""Tests of the context of one graded step (symproofs.grading.context)."""

from __future__ import annotations

import sympy as sp

from symproofs.core.model import Given
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.core.statements import Lemma
from symproofs.grading.context import _impossible_value, into_moments, ranges_written, relevant_givens
from symproofs.latex.notation import Setting
from symproofs.probability.variables import E

t = sp.Symbol("t", integer=True)
k = sp.Symbol("k", integer=True)
x = sp.Symbol("x", real=True)


def test_a_written_range_is_not_reversed() -> None:
    s = sp.Sum(x**k, (k, 1, t)) + sp.Sum(x**k, (k, 1, t + 1))
    assert set(ranges_written([s])) == {sp.Ge(t, 0), sp.Ge(t + 1, 0)}
    assert ranges_written([sp.Sum(x**k, (k, 1, 5))]) == []  # numbers: nothing presumed
    assert ranges_written([sp.Sum(x**k, (k, 1, x))]) == []  # a real bound is rounded, not presumed


def test_only_the_definitions_a_step_reaches_are_kept() -> None:
    a, b, c = sp.symbols("a b c", real=True)
    defs = (Given(name="a", statement=sp.Eq(a, b + 1), text="a"),
            Given(name="b", statement=sp.Eq(b, 2), text="b"),
            Given(name="c", statement=sp.Eq(c, x), text="c"))
    assert [g.name for g in relevant_givens(defs, [a + x])] == ["a", "b"]  # c = x: x does not reach c
    assert relevant_givens(defs, [x]) == ()


def test_a_probability_outside_the_unit_interval_is_no_counterexample() -> None:
    prob = sp.Function("Prob")(sp.Gt(x, 0))
    for value, impossible in ((sp.Integer(2), True), (sp.Rational(1, 2), False)):
        cx = Counterexample(assignment=((prob, value),), lhs=sp.Integer(0), rhs=sp.Integer(1))
        result = StepResult(verdict=Verdict.REFUTED, method="probe", trust=Trust.NONE, counterexample=cx)
        assert bool(_impossible_value(result)) is impossible


def _setting(givens: tuple[Given, ...] = (), lemmas: tuple[Lemma, ...] = ()) -> Setting:
    return Setting(facts=(), givens=givens, lemmas=lemmas, algebras=(), expected=())


def test_definitions_are_written_out_inside_moments_only() -> None:
    i = sp.Symbol("i", integer=True)
    a, w, b, v = (sp.Function(n, real=True) for n in "awbv")
    c = sp.Symbol("c", real=True)
    pre = Given(name="pre", statement=sp.Eq(a(i), w(i) + b(i)), index=i, text="a_i = w_i + b_i")
    bias = Lemma(name="bias", statement=sp.Eq(b(i), c), variables=(i,), text="b_i = c")
    rec = Given(name="rec", statement=sp.Eq(v(t), v(t - 1) + 1), index=t, valid_from=1, text="v_t = v_{t-1} + 1")
    setting = _setting((pre, rec), (bias,))
    # E[a_2] is E[w_2 + b_2], with b_2 = c written in too; a outside E is left to the verifier
    assert into_moments(setting, E(a(2)) + a(3)) == E(w(2) + c) + a(3)
    assert into_moments(setting, E(a(x))) == E(a(x))  # a is defined at integer indices only
    assert into_moments(setting, E(v(t))) == E(v(t))  # a recurrence is not unfolded
    late = Given(name="late", statement=sp.Eq(a(i), c), index=i, valid_from=1, text="a_i = c")
    assert into_moments(_setting((late,)), E(a(0)) + E(a(1))) == E(a(0)) + E(c)
    assert into_moments(setting, (E(a(1)), x)) == (E(w(1) + c), x)
