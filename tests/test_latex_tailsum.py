"""A part of the summed loss differentiated by a state of a one-way recurrence (``\\partial / \\partial s_t
\\sum_{k \\ge t} J_k``): read from the unrolled graph as the loss, less the terms that may hold the state,
where the notation's facts give the range of the steps; unread, with the reason, where they don't, where
another definition couples the states both ways or where an input is defined from a later state."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.notation import GradingNotation
from symproofs.latex.parser import parse_math
from symproofs.latex.tokens import AmbiguousReading

_HEAD = (
    '[indices]\nnames = ["t", "k"]\n[functions]\nnames = ["tanh"]\nelementwise = ["tanh"]\n'
    '[matrices]\nA = ["d", "d"]\nB = ["d", "m"]\nC = ["q", "d"]\nD = ["d", "d"]\ns = ["d"]\nr = ["d"]\n'
    'u = ["m"]\no = ["q"]\nz = ["q"]\n[sequences]\nnames = ["s", "r", "o"]\ninputs = ["u", "z"]\n'
)
_RANGE = "steps = '1 \\le t \\le T'\n"  # in [sequences], which _HEAD ends with
#: a plain forward network s_t = tanh(A s_{t-1} + B u_t), an output o_t = C s_t, J = sum_t J_t
_FORWARD = (
    "[definitions]\nunit = { latex = 's_t = \\tanh(A s_{t-1} + B u_t)', for_all = \"t\" }\n"
    "output = { latex = 'o_t = C s_t', for_all = \"t\" }\n"
    "step = { latex = 'J_t = \\|o_t - z_t\\|^2', for_all = \"t\" }\n"
    "loss = 'J = \\sum_{t=1}^{T} J_t'\n"
)
#: a backward network r_t = tanh(A r_{t+1} + B u_t)
_BACKWARD = (
    "[definitions]\nunit = { latex = 'r_t = \\tanh(A r_{t+1} + B u_t)', for_all = \"t\" }\n"
    "output = { latex = 'o_t = C r_t', for_all = \"t\" }\n"
    "step = { latex = 'J_t = \\|o_t - z_t\\|^2', for_all = \"t\" }\n"
    "loss = 'J = \\sum_{t=1}^{T} J_t'\n"
)


def _note(tmp_path: Path, text: str) -> Notation:
    (tmp_path / "notation.toml").write_text(text, encoding="utf-8")
    return GradingNotation.load(tmp_path / "notation.toml").notation


@pytest.mark.parametrize(
    "text",
    [
        r"\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k",
        r"\nabla_{s_t} \sum_{k=t}^{T} J_k",
        r"\nabla_{s_t} \sum_{k \ge t-2} J_k",  # the earlier terms hold no s_t: the same number
    ],
    ids=["from-t", "to-T", "earlier"],
)
def test_the_steps_from_t_on_are_the_whole_loss_by_a_forward_state(tmp_path: Path, text: str) -> None:
    note = _note(tmp_path, _HEAD + _RANGE + _FORWARD)
    assert parse_math(text, notation=note) == parse_math(r"\frac{\partial J}{\partial s_t}", notation=note)


def test_the_next_state_reads_the_same_way(tmp_path: Path) -> None:
    note = _note(tmp_path, _HEAD + _RANGE + _FORWARD)
    assert parse_math(r"\nabla_{s_{t+1}} \sum_{k \ge t+1} J_k", notation=note) == parse_math(
        r"\nabla_{s_{t+1}} J", notation=note
    )


def test_the_steps_up_to_t_are_the_whole_loss_by_a_backward_state(tmp_path: Path) -> None:
    note = _note(tmp_path, _HEAD + _RANGE + _BACKWARD)
    assert parse_math(r"\nabla_{r_t} \sum_{k \le t} J_k", notation=note) == parse_math(r"\nabla_{r_t} J", notation=note)
    # the forward form of the sum is no such part for a backward state: it leaves out the later steps
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(r"\nabla_{r_t} \sum_{k \ge t} J_k", notation=note)


def test_a_sum_that_leaves_out_the_step_of_the_state_stays_unread(tmp_path: Path) -> None:
    # J less J_t would be an expression around the opaque J, which the verifier differentiates as a constant
    note = _note(tmp_path, _HEAD + _RANGE + _FORWARD)
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(r"\nabla_{s_t} \sum_{k \ge t+1} J_k", notation=note)


def test_without_the_range_of_the_steps_the_derivative_is_not_read(tmp_path: Path) -> None:
    note = _note(tmp_path, _HEAD + _FORWARD)
    with pytest.raises(AmbiguousReading, match=r"only where 1 <= t.*no \[sequences\] steps range"):
        parse_math(r"\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k", notation=note)
    note = _note(tmp_path, _HEAD + _BACKWARD)
    with pytest.raises(AmbiguousReading, match=r"only where t <= T"):
        parse_math(r"\nabla_{r_t} \sum_{k \le t} J_k", notation=note)


@pytest.mark.parametrize(
    "definitions",
    [
        # the backward network reads the forward one: J_k for k < t reaches s_t through r_k
        _FORWARD.replace("o_t = C s_t", "o_t = C r_t") + "back = { latex = 'r_t = \\tanh(A r_{t+1} + D s_t)', "
        'for_all = "t" }\n',
        # the forward network reads a later backward state
        _FORWARD.replace("B u_t)", "B u_t + D r_{t+1})") + "back = { latex = 'r_t = \\tanh(A r_{t+1} + B u_t)', "
        'for_all = "t" }\n',
        # a value at one index makes an earlier state read a later one (s_1 reads s_0 = D s_5)
        _FORWARD + "start = 's_0 = D s_5'\n",
        # an input defined from a later state is no variable of its own
        _FORWARD + "input = { latex = 'u_t = B^\\top s_{t+1}', for_all = \"t\" }\n",
    ],
    ids=["backward-reads-forward", "forward-reads-backward", "value-at-one-index", "input-from-later-state"],
)
def test_a_coupled_graph_leaves_the_part_unread(tmp_path: Path, definitions: str) -> None:
    note = _note(tmp_path, _HEAD + _RANGE + definitions)
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(r"\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k", notation=note)


def test_steps_through_time_are_graded(tmp_path: Path) -> None:
    text = (
        "\n\n".join(
            [
                r"$$\nabla_{s_t} J = \frac{\partial}{\partial s_t} \sum_{k \ge t} J_k$$",
                r"$$\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k = \frac{\partial J_t}{\partial s_t}"
                r" + \frac{\partial}{\partial s_t} \sum_{k \ge t+1} J_k$$",
                # the step of the state dropped: the sum from t+1 on is not the gradient of J
                r"$$\nabla_{s_t} J = \frac{\partial}{\partial s_t} \sum_{k \ge t+1} J_k$$",
                # wrong: the part is no constant, nor only the loss of step t (the later steps reach s_t)
                r"$$\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k = 0$$",
                r"$$\frac{\partial}{\partial s_t} \sum_{k \ge t} J_k = \frac{\partial J_t}{\partial s_t}$$",
                r"$$\frac{\partial}{\partial s_t} \sum_{k \ge t+1} J_k = - \frac{\partial J_t}{\partial s_t}$$",
                r"$$\nabla_{s_{t+1}} \sum_{k \ge t+1} J_k = \nabla_{s_{t+1}} J$$",
            ]
        )
        + "\n"
    )
    sub = graded(tmp_path, text, notation=_HEAD + _RANGE + _FORWARD, timeout=30)
    got = {s.line: s for s in steps(sub)}
    assert got[1].verdict is Mark.PROVED
    # true (J = J_t + the steps after it): never refuted (the verifier does not split a gradient of a sum yet)
    assert got[3].verdict is not Mark.REFUTED
    assert got[5].verdict is not Mark.PROVED, got[5]
    assert all(got[line].verdict is not Mark.PROVED for line in (7, 9, 11)), [got[line] for line in (7, 9, 11)]
    assert got[13].verdict is Mark.PROVED


def test_the_range_of_the_steps_is_read_from_the_sequences_section(tmp_path: Path) -> None:
    note = _note(tmp_path, _HEAD + _RANGE + _FORWARD)
    assert [str(f) for f in note.index_facts] == ["1 <= t", "t <= T"]
    assert note.steps == ("1 \\le t \\le T",)
    with pytest.raises(Exception, match=r"\[sequences\] steps"):
        _note(tmp_path, _HEAD + "steps = [1]\n" + _FORWARD)
