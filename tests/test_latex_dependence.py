"""Derivatives by members of sequences: the dependences a notation gives written out, a loss through its
definitions (a sum of squared norms over a recurrence), or the step left unread."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.notation import GradingNotation
from symproofs.latex.parser import parse_math
from symproofs.latex.tokens import AmbiguousReading
from symproofs.matrices.linalg import Grad

_HEAD = ('[indices]\nnames = ["t", "k"]\n[functions]\nnames = ["sigma"]\nelementwise = ["sigma"]\n'
         '[matrices]\nW = ["d", "d"]\nU = ["d", "m"]\nV = ["q", "d"]\nh = ["d"]\nx = ["m"]\ny = ["q"]\nz = ["q"]\n'
         '[sequences]\nnames = ["h", "y"]\ninputs = ["x", "z"]\n'
         "[definitions]\nunit = { latex = 'h_t = \\sigma(W h_{t-1} + U x_t)', for_all = \"t\" }\n"
         "output = { latex = 'y_t = V h_t', for_all = \"t\" }\n")
#: a forward network with the sum of squared losses, as a question states it
_LOSS = _HEAD + ("step = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\n"
                 "loss = 'L = \\sum_{t=1}^{T} L_t'\n")


def _notation(tmp_path: Path, text: str = _LOSS) -> GradingNotation:
    (tmp_path / "notation.toml").write_text(text, encoding="utf-8")
    return GradingNotation.load(tmp_path / "notation.toml")


def _graded(tmp_path: Path, notation: str, *displays: str) -> dict[int, Mark]:
    sub = graded(tmp_path, "\n\n".join(displays) + "\n", notation=notation, timeout=30)
    return {s.line: s.verdict for s in steps(sub)}


def _names(e: sp.Basic) -> set[str]:
    return {str(m.name) for m in e.atoms(sp.MatrixSymbol)}


@pytest.mark.parametrize("text, names", [
    # L_t through y_t = V h_t: a function of h_t, z_t and V
    (r"\nabla_{h_t} L_t", {"V", "h_t", "z_t"}),
    (r"\frac{\partial L_t}{\partial h_t}", {"V", "h_t", "z_t"}),
    (r"\frac{\partial}{\partial h_t} \|z_t - y_t\|^2", {"V", "h_t", "z_t"}),
    # L_{t+1} through y_{t+1} and h_{t+1}, whose recurrence holds h_t
    (r"\frac{\partial L_{t+1}}{\partial h_t}", {"V", "W", "U", "h_t", "x_t+1", "z_t+1"}),
], ids=["gradient", "partial", "norm", "next-step"])
def test_a_loss_of_one_step_is_written_out_through_its_definition(tmp_path: Path, text: str,
                                                                   names: set[str]) -> None:
    note = _notation(tmp_path).notation
    value = parse_math(text, notation=note)
    assert isinstance(value, Grad)
    assert _names(value.args[0]) == names and not value.has(sp.Function("L"))


@pytest.mark.parametrize("text, reason", [
    # a part of the sum: the terms it leaves out hold no h_t only for t in the range of the steps, which this
    # notation does not state (latex/tailsum.py reads it with [sequences] steps)
    (r"\frac{\partial}{\partial h_t} \sum_{k \ge t} L_k", "the terms the sum leaves out .* only where 1 <= t, .*"),
    (r"\frac{\partial}{\partial h_{t+1}} \sum_{k=2}^{T} L_k", "the terms .* only where 2 <= t \\+ 1, .*"),
    # h_t is no function of h_{t+1}, but that takes every earlier step to see
    (r"\frac{\partial L_t}{\partial h_{t+1}}", "through y_t, h_t"),
], ids=["from-t", "bounded", "backwards"])
def test_a_dependence_through_the_recurrence_that_is_not_followed_stays_unread(
        tmp_path: Path, text: str, reason: str) -> None:
    note = _notation(tmp_path).notation
    with pytest.raises(AmbiguousReading, match=rf"is not written in the notation \({reason}\)"):
        parse_math(text, notation=note)


def test_the_total_loss_stays_what_it_is_when_its_sum_cannot_be_written_out(tmp_path: Path) -> None:
    note = _notation(tmp_path).notation
    total = Grad(sp.Symbol("L", real=True), sp.MatrixSymbol("h_t", sp.Symbol("d", integer=True, positive=True), 1))
    assert parse_math(r"\frac{\partial L}{\partial h_t}", notation=note) == total
    # the whole sum the definition writes (every k, or its bounds) is the loss it defines
    assert parse_math(r"\frac{\partial}{\partial h_t} \sum_k L_k", notation=note) == total
    assert parse_math(r"\frac{\partial}{\partial h_t} \sum_{k=1}^{T} L_k", notation=note) == total


def test_a_finite_loss_is_written_out_term_by_term(tmp_path: Path) -> None:
    note = _notation(tmp_path, _HEAD + ("step = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\n"
                                        "loss = 'L = L_1 + L_2'\n")).notation
    value = parse_math(r"\nabla_{h_1} L", notation=note)
    assert isinstance(value, Grad) and _names(value.args[0]) == {"V", "W", "U", "h_1", "x_2", "z_1", "z_2"}
    # h_1 holds h_0, h_{-1}, ...: never seen free of h_2; L stays the name it is, whose derivative is not evaluated
    assert parse_math(r"\nabla_{h_2} L", notation=note).args[0] == sp.Symbol("L", real=True)
    with pytest.raises(AmbiguousReading, match=r"how L\(1\), L\(2\) depends on h_2 .* \(through y_1, h_1\)"):
        parse_math(r"\nabla_{h_2} (L_1 + L_2)", notation=note)


def test_steps_through_the_loss_are_checked(tmp_path: Path) -> None:
    got = _graded(
        tmp_path, _LOSS,
        r"$$\nabla_{h_t} L_t = \frac{\partial}{\partial h_t} \|z_t - y_t\|^2 = "
        r"\left(\frac{\partial y_t}{\partial h_t}\right)^\top \frac{\partial}{\partial y_t} \|z_t - y_t\|^2"
        r" = 2 V^\top (y_t - z_t)$$",
        r"$$\nabla_{h_t} L_t = 2 V^\top (z_t - y_t)$$",  # the sign
        r"$$\frac{\partial L_{t+1}}{\partial h_t} = \left(\frac{\partial h_{t+1}}{\partial h_t}\right)^\top "
        r"2 V^\top (y_{t+1} - z_{t+1})$$",
        r"$$\frac{\partial L_{t+1}}{\partial h_t} = 2 V^\top (y_{t+1} - z_{t+1})$$",  # the step through h_{t+1}
        r"$$L_t = \|z_t - y_t\|^2$$",
    )
    assert got == {1: Mark.PROVED, 3: Mark.REFUTED, 5: Mark.PROVED, 7: Mark.REFUTED, 9: Mark.PROVED}


def test_the_total_loss_is_never_a_multiple_of_one_step(tmp_path: Path) -> None:
    # the sum's own t in L = sum_t L_t is not the t of h_t, and y_t's name hides its index: a rewriting of L
    # by the definitions once made the loss T ||z_t - y_t||^2 and proved its gradient by h_t zero
    got = _graded(
        tmp_path, _LOSS,
        r"$$\frac{\partial L}{\partial h_t} + h_t = h_t$$",
        r"$$\nabla_{h_t} L = 2 V^\top (y_t - z_t)$$",
        r"$$\nabla_{h_t} L = 2 T V^\top (y_t - z_t)$$",
        r"$$\nabla_{h_t} L = \frac{\partial L}{\partial h_t}$$",
    )
    assert got[1] is not Mark.PROVED and got[3] is not Mark.PROVED and got[5] is not Mark.PROVED
    assert got[7] is Mark.PROVED


def test_a_loss_written_as_a_sum_of_norms_is_no_multiple_of_one_step(tmp_path: Path) -> None:
    # y_t under the sum over t: its name hides the sum's index from sympy
    notation = _HEAD + "loss = 'L = \\sum_{t=1}^{T} \\|z_t - y_t\\|^2'\n"
    spec = _notation(tmp_path, notation)
    assert spec.notation is not None and [d.name for d in spec.notation.defined] == ["loss"]
    got = _graded(tmp_path, notation, r"$$\frac{\partial L}{\partial h_t} + h_t = h_t$$",
                  r"$$L = T \|z_t - y_t\|^2$$")
    assert got[1] is not Mark.PROVED and got[3] is not Mark.PROVED


def test_a_loss_through_members_is_no_given_the_verifier_rewrites(tmp_path: Path) -> None:
    spec = _notation(tmp_path)
    assert spec.notation is not None
    assert [r.name for r in spec.notation.recurrences] == ["unit", "output", "step"]
    assert [d.name for d in spec.notation.defined] == ["loss"]
    # L_t holds y_t, whose name hides t: no given; L = sum_t L_t holds no member's name: a given too
    assert {g.name for g in spec.build().givens} & {"step", "loss"} == {"loss"}
    members = _notation(tmp_path, _LOSS.replace("L = \\sum_{t=1}^{T} L_t", "L = \\sum_{t=1}^{T} \\|z_t - y_t\\|^2"))
    assert members.notation is not None and [d.name for d in members.notation.defined] == ["loss"]
    assert not {g.name for g in members.build().givens} & {"step", "loss"}


@pytest.mark.parametrize("text", [
    r"\frac{\partial}{\partial h_t} \left(L + \|y_t\|^2\right)",
    r"\frac{\partial}{\partial h_t} \left(\sum_{k} L_k + \|y_t\|^2\right)",  # the sum read as L (latex/wholesum.py)
    r"\nabla_{h_t} (2 L)",
], ids=["name", "whole-sum", "multiple"])
def test_a_defined_name_left_as_it_is_stands_alone_in_a_derivative(tmp_path: Path, text: str) -> None:
    # differentiated as written, L + ||y_t||^2 would count L as a constant: the gradient of the sum would be
    # that of ||y_t||^2 alone
    note = _notation(tmp_path).notation
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(text, notation=note)
