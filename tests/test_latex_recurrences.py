"""Recurrences of a notation file: members of a sequence written out for one step."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.notation import GradingNotation
from symproofs.latex.parser import parse_math
from symproofs.latex.recurrences import independent_of, instance_of
from symproofs.latex.sequences import recurrence_givens, recurrence_heads
from symproofs.latex.tokens import AmbiguousReading
from symproofs.matrices.linalg import Jacobian

_RNN = ('[indices]\nnames = ["t", "k", "i", "j"]\n[functions]\nnames = ["sigma"]\nelementwise = ["sigma"]\n'
        '[matrices]\nW = ["d", "d"]\nU = ["d", "m"]\nb = ["d"]\nh = ["d"]\nx = ["m"]\n'
        '[sequences]\nnames = ["h"]\ninputs = ["x"]\n'
        "[definitions]\nunit = { latex = 'h_t = W \\sigma(h_{t-1}) + U x_t + b', for_all = \"t\" }\n")


def _notation(tmp_path: Path, text: str = _RNN) -> GradingNotation:
    (tmp_path / "notation.toml").write_text(text, encoding="utf-8")
    return GradingNotation.load(tmp_path / "notation.toml")


def test_a_recurrence_for_every_index_is_read_from_the_definitions(tmp_path: Path) -> None:
    spec = _notation(tmp_path)
    assert spec.notation is not None
    (rec,) = spec.notation.recurrences
    assert rec.base == "h" and rec.name == "unit"
    found = rec.instance((sp.Symbol("T", integer=True),))
    assert found is not None
    value, held = found
    assert {m.name for m in value.atoms(sp.MatrixSymbol)} == {"W", "U", "b", "h_T-1", "x_T"}
    assert dict(held)["h"] == (sp.Symbol("T", integer=True) - 1,)
    spec.build()  # the recurrence is not also a given the builder chokes on
    with_start = _RNN.replace('for_all = "t" }', 'for_all = "t", from = 1 }')
    assert _notation(tmp_path, with_start).notation.recurrences == ()  # type: ignore[union-attr]


def test_a_derivative_through_one_step_is_the_jacobian_of_the_right_side(tmp_path: Path) -> None:
    note = _notation(tmp_path).notation
    step = parse_math(r"\frac{\partial \boldsymbol{h}_t}{\partial \boldsymbol{h}_{t-1}}", notation=note)
    assert isinstance(step, Jacobian)
    assert {m.name for m in step.args[0].atoms(sp.MatrixSymbol)} == {"W", "U", "b", "h_t-1", "x_t"}
    assert step.args[1].name == "h_t-1"


@pytest.mark.parametrize("text", [
    r"\frac{\partial h_T}{\partial h_0}",  # T steps of the recurrence
    r"\frac{\partial h_{t+1}}{\partial x_{t+1}}",  # through h_t, whose dependence on x_{t+1} is not written
    r"\frac{\partial h_t}{\partial W}",  # h_{t-1} depends on W too
])
def test_a_dependence_beyond_one_step_stays_ambiguous(tmp_path: Path, text: str) -> None:
    note = _notation(tmp_path).notation
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(text, notation=note)


def test_steps_through_the_recurrence_are_checked(tmp_path: Path) -> None:
    spec = _notation(tmp_path)
    answer = tmp_path / "answer.md"
    answer.write_text("\n\n".join([
        r"$$\frac{\partial h_t}{\partial h_{t-1}} = W \operatorname{diag}(\sigma'(h_{t-1}))$$",
        r"$$\left(\frac{\partial h_t}{\partial h_{t-1}}\right)_{ij} = W_{ij} \sigma'((h_{t-1})_j)$$",
        r"$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(\sigma'(h_{t-1})) W$$",
        r"$$\sigma(h_t) = \sigma(W\sigma(h_{t-1}) + U x_t + b)$$",
        r"$$h_{t+1} = W\sigma(h_{t}) + U x_{t} + b$$",
    ]) + "\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=30, jobs=1, notation=Path(spec.source)))
    got = {s.line: s.verdict for c in sub.chains for s in c.steps}
    assert got == {1: Mark.PROVED, 3: Mark.PROVED, 5: Mark.REFUTED, 7: Mark.PROVED, 9: Mark.REFUTED}


def _graded(tmp_path: Path, notation: str, *displays: str) -> dict[int, Mark]:
    sub = graded(tmp_path, "\n\n".join(displays) + "\n", notation=notation, timeout=30)
    return {s.line: s.verdict for s in steps(sub)}


def test_time_varying_weights_move_with_the_index(tmp_path: Path) -> None:
    notation = ('[indices]\nnames = ["t", "k", "i", "j"]\n[functions]\nnames = ["sigma"]\nelementwise = ["sigma"]\n'
                '[matrices]\nW = ["d", "d"]\nh = ["d"]\n[sequences]\nnames = ["h"]\n'
                "[definitions]\nunit = { latex = 'h_t = \\sigma(W_t h_{t-1})', for_all = \"t\" }\n")
    got = _graded(tmp_path, notation, r"$$h_{t+1} = \sigma(W_t h_t)$$", r"$$h_{t+1} = \sigma(W_{t+1} h_t)$$",
                  r"$$\frac{\partial h_{t+1}}{\partial h_t} = \operatorname{diag}(\sigma'(W_t h_t)) W_t$$",
                  r"$$\frac{\partial h_{t+1}}{\partial h_t} = \operatorname{diag}(\sigma'(W_{t+1} h_t)) W_{t+1}$$")
    assert got == {1: Mark.REFUTED, 3: Mark.PROVED, 5: Mark.REFUTED, 7: Mark.PROVED}


def test_members_between_the_written_ones_take_their_values(tmp_path: Path) -> None:
    got = _graded(tmp_path, _RNN,
                  r"$$h_t = W \sigma(W \sigma(h_{t-2}) + U x_{t-1} + b) + U x_t + b$$",
                  r"$$h_t = W \sigma(W \sigma(h_{t-2}) + U x_{t} + b) + U x_t + b$$",
                  r"$$\frac{\partial h_t}{\partial h_{t-1}} = W$$",
                  r"$$W_{ik} \frac{\partial}{\partial (h_{t-1})_j} \sum_{k=1}^{d} \sigma((h_{t-1})_k)"
                  r" = W_{ij} \sigma'((h_{t-1})_j)$$")
    assert got[1] is Mark.PROVED and got[3] is Mark.REFUTED and got[5] is Mark.REFUTED
    # k is free on the left: the variable h_{t-1} keeps no value that would make its derivatives vanish
    assert got[7] is not Mark.PROVED


def test_a_member_differentiated_by_is_also_the_value_its_recurrence_gives(tmp_path: Path) -> None:
    # the Jacobians are taken first; then h_t is W sigma(h_{t-1}) + U x_t + b wherever it stands
    got = _graded(tmp_path, _RNN,
                  r"$$\frac{\partial h_{t+1}}{\partial h_t}\frac{\partial h_t}{\partial h_{t-1}} = W "
                  r"\operatorname{diag}(\sigma'(W\sigma(h_{t-1}) + U x_t + b)) W "
                  r"\operatorname{diag}(\sigma'(h_{t-1}))$$",
                  r"$$\frac{\partial h_t}{\partial h_t} h_t = W \sigma(h_{t-1}) + U x_t + b$$",
                  r"$$\frac{\partial h_{t+1}}{\partial h_t} h_t = W \operatorname{diag}(\sigma'(h_t)) h_{t-1}$$")
    assert got == {1: Mark.PROVED, 3: Mark.PROVED, 5: Mark.REFUTED}


def test_a_student_does_not_redefine_a_course_matrix(tmp_path: Path) -> None:
    got = _graded(tmp_path, _RNN, "Let $W := I_d$.",
                  r"$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(\sigma'(h_{t-1}))$$")
    assert got[3] is Mark.REFUTED


def test_a_number_added_to_a_vector_is_the_all_ones_vector(tmp_path: Path) -> None:
    note = _notation(tmp_path).notation
    ones = parse_math(r"1 - \boldsymbol{h}_t", notation=note)
    h = sp.MatrixSymbol("h_t", sp.Symbol("d", integer=True, positive=True), 1)
    assert ones == sp.OneMatrix(*h.shape) - h
    with pytest.raises(Exception, match=r"cannot add W \(a matrix, d x d\) and 2 \(a number\)"):
        parse_math(r"2 + W", notation=note)  # a square matrix: 2I or all twos, not guessed


_A2 = Path(__file__).resolve().parents[1] / "examples" / "ift6135-h19-a2" / "notation.toml"


@pytest.mark.parametrize("text, read", [
    (r"\frac{\partial y_t}{\partial h_t^{(f)}}", True),  # h^{(b)}_t in y_t never reaches h^{(f)}
    (r"\frac{\partial h_t^{(b)}}{\partial h_t^{(f)}}", True),
    (r"\frac{\partial y_t}{\partial h_{t-1}^{(f)}}", True),  # through h^{(f)}_t, whose recurrence holds h^{(f)}_{t-1}
    (r"\frac{\partial h_t^{(b)}}{\partial h_{t+2}^{(b)}}", True),  # two steps of the backward recurrence, written out
    (r"\frac{\partial h_t^{(b)}}{\partial W^{(f)}}", False),  # W^{(b)} is a W too: not told apart
    (r"\frac{\partial h_t^{(b)}}{\partial x_t}", False),  # an input the backward recurrence reads
])
def test_a_member_another_recurrence_never_reaches_is_a_constant(text: str, read: bool) -> None:
    note = GradingNotation.load(_A2).for_question("6").notation
    if read:
        assert isinstance(parse_math(text, notation=note), Jacobian)
    else:
        with pytest.raises(AmbiguousReading, match="is not written in the notation"):
            parse_math(text, notation=note)


def test_time_varying_weights_are_never_told_apart_from_their_own_members(tmp_path: Path) -> None:
    notation = ('[indices]\nnames = ["t"]\n[functions]\nnames = ["sigma"]\nelementwise = ["sigma"]\n'
                '[matrices]\nW = ["d", "d"]\nh = ["d"]\ng = ["d"]\n[sequences]\nnames = ["h", "g"]\n'
                "[definitions]\nunit = { latex = 'h_t = \\sigma(W_t h_{t-1})', for_all = \"t\" }\n"
                "other = { latex = 'g_t = \\sigma(h_t)', for_all = \"t\" }\n")
    note = _notation(tmp_path, notation).notation
    with pytest.raises(AmbiguousReading):
        parse_math(r"\frac{\partial g_{t+1}}{\partial W_{t+1}}", notation=note)


@pytest.mark.parametrize("text, independent", [
    # V^{(f)}, V^{(b)}: labelled copies of the declared V, which no definition gives: parameters
    (r"\frac{\partial}{\partial h_t^{(f)}} (V^{(f)} h_t^{(f)} + V^{(b)} h_t^{(b)})", True),
    (r"\frac{\partial}{\partial (h_t^{(f)})_j} \sigma((W^{(f)} x_t + U^{(f)} h_t^{(f)})_i)", True),
    (r"\frac{\partial}{\partial W_{ij}^{(f)}} (U^{(f)} h_{t-1}^{(f)})_k", False),  # h_{t-1} holds W^{(f)}
    (r"\frac{\partial}{\partial W_{ij}^{(f)}} (W^{(b)} x_t)_k", False),  # another copy of the variable's W
])
def test_a_labelled_copy_of_a_declared_matrix_is_a_parameter(text: str, independent: bool) -> None:
    note = GradingNotation.load(_A2).for_question("6").notation
    if independent:
        parse_math(text, notation=note)
    else:
        with pytest.raises(AmbiguousReading, match="is not written in the notation"):
            parse_math(text, notation=note)


@pytest.mark.parametrize("defined", [True, False], ids=["defined", "declared-only"])
def test_a_matrix_a_definition_gives_is_no_parameter_under_a_label(tmp_path: Path, defined: bool) -> None:
    notation = '[matrices]\nu = ["n"]\nP = ["n", "n"]\n' + (
        "[definitions]\nprojection = 'P = I_n - \\frac{u u^\\top}{\\|u\\|^2}'\n" if defined else "")
    note = _notation(tmp_path, notation).notation
    text = r"\frac{\partial}{\partial u^{(a)}} (P^{(b)} u^{(a)})"  # P and u written as families in the text
    if defined:  # P^{(b)} is P at b, which the definition makes a function of u
        with pytest.raises(AmbiguousReading, match="how P_b depends on u_a is not written in the notation"):
            parse_math(text, notation=note, sequences=frozenset({"P", "u"}))
    else:
        assert isinstance(parse_math(text, notation=note, sequences=frozenset({"P", "u"})), Jacobian)


# -- families of numbers defined through members (L_t = ||z_t - y_t||^2) and names defined through them ----------
_LOSS = ('[indices]\nnames = ["t", "k"]\n[matrices]\nV = ["q", "d"]\nh = ["d"]\ny = ["q"]\nz = ["q"]\n'
         '[sequences]\nnames = ["h", "y"]\ninputs = ["z"]\n[definitions]\n'
         "output = { latex = 'y_t = V h_t', for_all = \"t\" }\n"
         "step = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\n"
         "loss = 'L = \\sum_{t=1}^{T} L_t'\n")


def test_a_family_of_numbers_through_members_is_a_recurrence_and_no_given(tmp_path: Path) -> None:
    spec = _notation(tmp_path, _LOSS + "decay = { latex = 'c_t = 2 c_{t-1}', for_all = \"t\" }\n")
    note = spec.notation
    assert note is not None
    assert [r.name for r in note.recurrences] == ["output", "step"]  # c_t holds no member: the verifier's given
    assert [d.name for d in note.defined] == ["loss"]
    k = sp.Symbol("k", integer=True)
    found = instance_of(note.recurrences, "L", (k + 1,))
    assert found is not None and {m.name for m in found[1].atoms(sp.MatrixSymbol)} == {"y_k+1", "z_k+1"}
    # a name written at another index renames the members it holds: no y_t is left for a rewriting to capture;
    # L = sum_t L_t holds the family's members L(t), which a rewriting moves with their index: a given
    assert {g.name for g in spec.build().givens} == {"decay", "loss"}


def test_a_sum_in_a_definition_is_renamed_apart_from_the_index_it_is_taken_at(tmp_path: Path) -> None:
    text = _LOSS + "running = { latex = 'G_t = \\sum_{k=1}^{t} \\|y_k\\|^2', for_all = \"t\" }\n"
    note = _notation(tmp_path, text).notation
    assert note is not None
    k = sp.Symbol("k", integer=True)
    found = instance_of(note.recurrences, "G", (k,))
    assert found is not None
    _, value, _ = found
    (total,) = value.atoms(sp.Sum)
    index, low, high = total.limits[0]
    assert low == 1
    assert index != k and high == k and {m.name for m in value.atoms(sp.MatrixSymbol)} == {"y_k'"}


def test_a_member_named_inside_and_outside_a_sum_over_its_index_is_not_read(tmp_path: Path) -> None:
    text = _LOSS.replace("loss = 'L = \\sum_{t=1}^{T} L_t'", "loss = 'L = \\|y_t\\|^2 + \\sum_{t=1}^{T} \\|y_t\\|^2'")
    note = _notation(tmp_path, text).notation
    assert note is not None and note.defined == ()


def test_a_member_through_a_family_of_numbers_is_no_constant(tmp_path: Path) -> None:
    text = _LOSS + "double = { latex = 'G_t = 2 L_t', for_all = \"t\" }\n"
    note = _notation(tmp_path, text).notation
    assert note is not None
    t = sp.Symbol("t", integer=True)
    assert not independent_of(note.recurrences, note.inputs, ("G", (t,)), [("h_t", ("h", (t,)))])
    assert independent_of(note.recurrences, note.inputs, ("G", (t,)), [("V_2", None)]) is False  # V in y_t
    with pytest.raises(AmbiguousReading, match="is not written in the notation"):
        parse_math(r"\frac{\partial}{\partial h_{t-1}} G_t", notation=note)
    value = parse_math(r"\frac{\partial}{\partial h_t} G_t", notation=note)
    assert {m.name for m in value.atoms(sp.MatrixSymbol)} == {"V", "h_t", "z_t"}


def test_the_values_of_a_loss_a_step_holds_are_given(tmp_path: Path) -> None:
    note = _notation(tmp_path, _LOSS).notation
    assert note is not None
    t, k = sp.Symbol("t", integer=True), sp.Symbol("k", integer=True)
    L = sp.Function("L", real=True)
    step = L(t) + sp.Sum(L(k), (k, 1, 3))
    givens = {g.name for g in recurrence_givens(note, [step], lambda e: e)}
    assert givens == {"step at L(t)", "output at y_t"}  # L(k) under the sum: its members' names hide k
    assert recurrence_heads(note, L(t)) == {"L"} and recurrence_heads(note, sp.Symbol("L")) == {"L"}
    assert recurrence_heads(note, L(t, k)) == set()


def test_a_member_given_its_value_is_built_once_and_stays_the_same(tmp_path: Path) -> None:
    # the steps of a document hold the same members: the equation member = value (slow to build between
    # matrices) is built once, and every step gets the same given as before
    from symproofs.latex.sequences import _value_built

    note = _notation(tmp_path).notation
    assert note is not None
    h = next(m for m in parse_math(r"\boldsymbol{h}_t", notation=note).atoms(sp.MatrixSymbol))
    _value_built.cache_clear()
    first = recurrence_givens(note, [h], lambda e: e)
    again = recurrence_givens(note, [h + h], lambda e: e)
    assert [g.statement for g in first] == [g.statement for g in again]
    (given,) = first
    assert given.name == "unit at h_t" and isinstance(given.statement, sp.Eq) and given.statement.lhs == h
    assert {m.name for m in given.statement.rhs.atoms(sp.MatrixSymbol)} == {"W", "U", "b", "h_t-1", "x_t"}
    info = _value_built.cache_info()
    assert info.misses == 1 and info.hits == 1
