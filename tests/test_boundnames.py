"""An index a sum (product, limit, derivative, indexed extremum) binds, read as part of a member's name:
never a constant of the sum, the step unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import Verdict
from symproofs.grading.report import Mark
from symproofs.latex.vocabulary import IndexedMax
from symproofs.verifier.boundnames import index_in_name, same_up_to_renaming
from symproofs.verifier.pipeline import check_goal

k, t, T, n = sp.symbols("k t T n", integer=True, positive=True)
x = sp.Symbol("x", real=True)
z_k, y_k = sp.MatrixSymbol("z_k", 3, 1), sp.MatrixSymbol("y_k", 3, 1)
z_t = sp.MatrixSymbol("z_t", 3, 1)
hb_k = sp.MatrixSymbol("h_b,k", 3, 1)  # h^{(b)}_k
h_prev = sp.MatrixSymbol("h_k-1", 3, 1)  # h_{k-1}


def _sq(m: sp.MatrixExpr) -> sp.Expr:
    return (m.T * m)[0, 0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("expr, name", [
    (sp.Sum(_sq(z_k - y_k), (k, 1, T)), "y_k"),
    (sp.Sum(_sq(hb_k), (k, 1, T)), "h_b,k"),
    (sp.Sum(_sq(h_prev), (k, 1, T)), "h_k-1"),
    (sp.Product(sp.Symbol("x_i", real=True), (sp.Symbol("i", integer=True), 1, n)), "x_i"),
    (sp.Sum(k * sp.Symbol("w_k", real=True), (k, 1, T)) + 1, "w_k"),
    (sp.Limit(sp.Symbol("a_t", real=True), t, sp.oo), "a_t"),
    (sp.Derivative(sp.Symbol("x_t", real=True) * t, t), "x_t"),
    (IndexedMax(sp.Symbol("x_k", real=True), k), "x_k"),
], ids=["norm", "labelled", "shifted", "product", "weighted", "limit", "derivative", "max"])
def test_an_index_bound_around_a_name_that_holds_it_is_found(expr: sp.Basic, name: str) -> None:
    assert index_in_name(expr) == name
    assert index_in_name((sp.S.One, expr)) == name


@pytest.mark.parametrize("expr", [
    sp.Sum(sp.Function("z", real=True)(k) ** 2, (k, 1, T)),  # a member as a function of its index
    sp.Sum(_sq(z_t), (k, 1, T)),  # another index: a constant of the sum indeed
    sp.Sum(sp.Symbol("c", real=True), (k, 1, T)),
    sp.Sum(sp.Symbol("W_hh", real=True), (k, 1, T)),  # a subscript that is no bound index
    sp.Derivative(sp.Symbol("x_t", real=True) * x, x),
    _sq(z_k),  # no sum: z_k is the member at k
], ids=["function", "other-index", "constant", "word", "other-variable", "free"])
def test_a_name_whose_subscript_no_binder_runs_over_is_no_finding(expr: sp.Basic) -> None:
    assert index_in_name(expr) is None


def test_the_step_is_unknown_never_proved() -> None:
    lhs = sp.Sum(sp.Symbol("w_k", real=True) ** 2, (k, 1, T))
    result = check_goal(Goal(lhs=lhs, rhs=T * sp.Symbol("w_k", real=True) ** 2, relation=Relation.EQ,
                             context=Context(facts=Facts(()))))
    assert result.verdict is Verdict.UNKNOWN
    assert "index is read as part of a name" in result.message


def test_sums_that_differ_only_in_their_index_are_one_sum() -> None:
    i, j = sp.symbols("i j", integer=True, positive=True)
    a = {name: sp.MatrixSymbol(name, 3, 1) for name in ("z_t", "a_i,j", "a_t,k", "a_j,i")}
    assert same_up_to_renaming(sp.Sum(_sq(z_k - y_k), (k, 1, T)),
                               sp.Sum(_sq(z_t - sp.MatrixSymbol("y_t", 3, 1)), (t, 1, T)))
    # nested, the inner range through the outer index
    assert same_up_to_renaming(sp.Sum(sp.Sum(_sq(a["a_i,j"]), (j, 1, i)), (i, 1, T)),
                               sp.Sum(sp.Sum(_sq(a["a_t,k"]), (k, 1, t)), (t, 1, T)))
    # the indices swapped are another sum; a member at another index is another summand
    assert not same_up_to_renaming(sp.Sum(sp.Sum(_sq(a["a_i,j"]), (j, 1, i)), (i, 1, T)),
                                   sp.Sum(sp.Sum(_sq(a["a_j,i"]), (j, 1, i)), (i, 1, T)))
    assert not same_up_to_renaming(sp.Sum(_sq(z_k), (k, 1, T)), sp.Sum(_sq(z_k), (t, 1, T)))
    assert not same_up_to_renaming(sp.Sum(_sq(z_k), (k, 1, T)), sp.Sum(_sq(z_t), (t, 0, T)))
    # a series written twice may have no value: not decided here
    assert not same_up_to_renaming(sp.Sum(_sq(z_k), (k, 1, sp.oo)), sp.Sum(_sq(z_t), (t, 1, sp.oo)))


def _checked(lhs: sp.Basic, rhs: sp.Basic, *facts: sp.Basic) -> Verdict:
    return check_goal(Goal(lhs=lhs, rhs=rhs, relation=Relation.EQ, context=Context(facts=Facts(facts)))).verdict


def test_sums_of_equal_summands_are_equal_whatever_the_names_hide() -> None:
    w_t, w_k = sp.Symbol("w_t", real=True), sp.Symbol("w_k", real=True)
    assert _checked(sp.Sum(2 * w_t + w_t, (t, 1, T)), sp.Sum(3 * w_t, (t, 1, T))) is Verdict.PROVED
    assert _checked(sp.Sum(2 * w_t + w_t, (t, 1, T)), sp.Sum(3 * w_k, (k, 1, T))) is Verdict.PROVED
    # other ranges, other summands: not decided by the summands (and never refuted by them)
    assert _checked(sp.Sum(w_t, (t, 1, T)), sp.Sum(w_t, (t, 0, T))) is Verdict.UNKNOWN
    assert _checked(sp.Sum(w_t, (t, 1, T)), sp.Sum(2 * w_t, (t, 1, T))) is Verdict.UNKNOWN
    # an assumption about a t of the same name says nothing of the sum's index
    assert _checked(sp.Sum(sp.Abs(t - 5) * w_t, (t, 1, T)), sp.Sum((t - 5) * w_t, (t, 1, T)),
                    t > 5) is Verdict.UNKNOWN


#: Q6's notation: the states and predictions are sequences, the targets inputs, a step loss per index
_Q6 = ('[indices]\nnames = ["t", "k"]\n[functions]\nnames = ["sigma"]\nelementwise = ["sigma"]\n'
       '[matrices]\nW = ["d", "d"]\nU = ["d", "m"]\nV = ["q", "d"]\nh = ["d"]\nx = ["m"]\ny = ["q"]\nz = ["q"]\n'
       '[sequences]\nnames = ["h", "y"]\ninputs = ["x", "z"]\n'
       "[definitions]\nunit = { latex = 'h_t = \\sigma(W h_{t-1} + U x_t)', for_all = \"t\" }\n"
       "output = { latex = 'y_t = V h_t', for_all = \"t\" }\n"
       "step = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\n"
       "loss = 'L = \\sum_{t=1}^{T} L_t'\n")

_FALSE = [
    r"$$\sum_{k=1}^{T} \|z_k - y_k\|^2 = T \|z_k - y_k\|^2$$",
    r"$$\sum_{t=1}^{T} L_t = T L_t$$",
    r"$$\prod_{k=1}^{T} h_k = h_k^T$$",
    r"$$\sum_{k=1}^{T} h_k = T h_k$$",
    r"$$\sum_{k=1}^{T} k \|z_k - y_k\|^2 = \frac{T(T+1)}{2} \|z_k - y_k\|^2$$",
    r"$$\sum_{k=1}^{T} \|z_k - y_k\|^2 \le T \|z_k - y_k\|^2$$",
]


@pytest.mark.parametrize("notation", [_Q6, None], ids=["course", "zero-config"])
def test_a_sum_of_members_is_never_a_multiple_of_one_member(tmp_path: Path, notation: str | None) -> None:
    sub = graded(tmp_path, "\n\n".join(_FALSE) + "\n", notation=notation, timeout=30)
    got = {s.line: s.verdict for s in steps(sub)}
    assert len(got) == len(_FALSE)
    assert Mark.PROVED not in got.values()


def test_a_renamed_sum_is_never_refuted_and_a_constant_summand_stays_proved(tmp_path: Path) -> None:
    sub = graded(tmp_path, r"$$\sum_{k=1}^{T} \|z_k - y_k\|^2 = \sum_{t=1}^{T} \|z_t - y_t\|^2$$" + "\n\n"
                 + r"$$\sum_{k=1}^{T} \|z_t - y_t\|^2 = T \|z_t - y_t\|^2$$" + "\n", notation=_Q6, timeout=30)
    got = {s.line: s.verdict for s in steps(sub)}
    # the constant summand: T c for T >= 0 only (T < 0: the empty sum 0), which nothing states
    assert got == {1: Mark.PROVED, 3: Mark.UNKNOWN}


def test_sums_over_members_are_compared_summand_by_summand(tmp_path: Path) -> None:
    sub = graded(tmp_path, r"$$\sum_{t=1}^{T} \|z_t - y_t\|^2 = \sum_{t=1}^{T} \|y_t - z_t\|^2$$" + "\n\n"
                 + r"$$\sum_{t=1}^{T} \|z_t - y_t\|^2 = \sum_{t=1}^{T} 2\|z_t - y_t\|^2$$" + "\n\n"
                 + r"$$\sum_{t=1}^{T} \sum_{k=1}^{t} \|z_k\|^2 = \sum_{t=1}^{T} \sum_{j=1}^{t} \|z_j\|^2$$" + "\n",
                 notation=_Q6, timeout=30)
    got = {s.line: s.verdict for s in steps(sub)}
    assert got == {1: Mark.PROVED, 3: Mark.UNKNOWN, 5: Mark.PROVED}
