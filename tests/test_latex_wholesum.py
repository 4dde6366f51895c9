"""A sum that is a defined number's definition, differentiated: ``\\nabla_{h_t} \\sum_s L_s`` is the gradient
of the loss ``L = \\sum_{t=1}^{T} L_t`` the notation defines; a part of the sum stays unread."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.notation import GradingNotation
from symproofs.latex.parser import parse_math
from symproofs.latex.recurrences import Defined
from symproofs.latex.tokens import AmbiguousReading
from symproofs.latex.wholesum import folded

#: a forward network with a squared loss summed over the steps (a tanh unit, another style than the seed's)
_NOTATION = (
    '[indices]\nnames = ["t", "s"]\n[functions]\nnames = ["tanh"]\nelementwise = ["tanh"]\n'
    '[matrices]\nA = ["d", "d"]\nB = ["d", "m"]\nC = ["q", "d"]\nh = ["d"]\nx = ["m"]\ny = ["q"]\n'
    'z = ["q"]\n[sequences]\nnames = ["h", "y"]\ninputs = ["x", "z"]\n'
    "[definitions]\nunit = { latex = 'h_t = \\tanh(A h_{t-1} + B x_t)', for_all = \"t\" }\n"
    "output = { latex = 'y_t = C h_t', for_all = \"t\" }\n"
    "step = { latex = 'L_t = \\|y_t - z_t\\|^2', for_all = \"t\" }\n"
    "loss = 'L = \\sum_{t=1}^{T} L_t'\n"
)


def _note(tmp_path: Path) -> object:
    (tmp_path / "notation.toml").write_text(_NOTATION, encoding="utf-8")
    return GradingNotation.load(tmp_path / "notation.toml").notation


@pytest.mark.parametrize(
    "text",
    [
        r"\nabla_{h_t} \sum_{s} L_s",  # no bounds: the whole range
        r"\frac{\partial}{\partial h_t} \sum_{j=1}^{T} L_j",  # the definition's bounds, another index name
        r"\frac{\partial}{\partial h_t} \left( \sum_{s \ge 1} L_s \right)",
    ],
    ids=["unbounded", "bounded", "lower-only"],
)
def test_the_sum_a_definition_gives_is_read_as_the_defined_number(tmp_path: Path, text: str) -> None:
    note = _note(tmp_path)
    assert parse_math(text, notation=note) == parse_math(r"\frac{\partial L}{\partial h_t}", notation=note)


@pytest.mark.parametrize(
    "text",
    [
        r"\nabla_{h_t} \sum_{s \ge t} L_s",  # a part of the loss: the steps from t on
        r"\nabla_{h_t} \sum_{s=1}^{T-1} L_s",  # another upper bound
        r"\nabla_{h_t} \sum_{s=2}^{T} L_s",  # another lower bound
        r"\nabla_{h_t} \sum_{s} L_s^2",  # another summand
    ],
    ids=["from-t", "upper", "lower", "summand"],
)
def test_a_sum_that_is_not_the_definition_stays_unread(tmp_path: Path, text: str) -> None:
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(text, notation=_note(tmp_path))


def test_a_summand_holding_the_definitions_index_free_is_not_the_definition() -> None:
    t, k, T = (sp.Symbol(n, integer=True) for n in "tkT")
    L = sp.Function("L")
    d = Defined(name="loss", symbol="L", rhs=sp.Sum(L(t), (t, 1, T)))
    lo, hi = sp.Symbol("k_lo", integer=True), sp.Symbol("k_hi", integer=True)
    assert folded(sp.Sum(L(k), (k, lo, hi)), (d,), sp.Symbol) == sp.Symbol("L")
    assert folded(sp.Sum(t * L(k), (k, lo, hi)), (d,), sp.Symbol) == sp.Sum(t * L(k), (k, lo, hi))
    assert folded(sp.Sum(L(k), (k, 1, T), (t, 1, T)), (d,), sp.Symbol) == sp.Sum(L(k), (k, 1, T), (t, 1, T))


def test_steps_through_the_summed_loss_are_graded(tmp_path: Path) -> None:
    text = (
        "\n\n".join(
            [
                r"$$\nabla_{h_t} L = \nabla_{h_t} \sum_{s} L_s$$",
                r"$$\frac{\partial L}{\partial h_t} = \frac{\partial}{\partial h_t} \sum_{j=1}^{T} L_j$$",
                # the loss of one step is not the whole loss's gradient
                r"$$\nabla_{h_t} \sum_{s} L_s = 2 C^\top (y_t - z_t)$$",
            ]
        )
        + "\n"
    )
    sub = graded(tmp_path, text, notation=_NOTATION, timeout=30)
    got = {s.line: s.verdict for s in steps(sub)}
    assert got[1] is Mark.PROVED and got[3] is Mark.PROVED
    assert got[5] is not Mark.PROVED
