"""One step of backpropagation through time (symproofs.latex.backstep)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.backstep import unfolded
from symproofs.latex.notation import GradingNotation, Setting
from symproofs.latex.parser import parse_math
from symproofs.matrices.linalg import Grad

A2 = Path(__file__).resolve().parents[1] / "examples" / "ift6135-h19-a2" / "notation.toml"

_H = r"\boldsymbol{h}_{%s}^{(%s)}"
_BOXED = (r"2(\boldsymbol{V}^{(%(d)s)})^{\top} (\boldsymbol{y}_{t} - \boldsymbol{z}_{t}) + "
          r"(\boldsymbol{U}^{(%(d)s)})^{\top} diag(\boldsymbol{h}_{%(n)s}^{(%(d)s)}) "
          r"diag(\boldsymbol{1} - \boldsymbol{h}_{%(n)s}^{(%(d)s)}) \nabla_{\boldsymbol{h}_{%(n)s}^{(%(d)s)}} L")


def _setting() -> Setting:
    return GradingNotation.load(A2).for_question("6.2").build()


def _grad(at: str, way: str = "f") -> str:
    return r"\nabla_{" + _H % (at, way) + "} L"


@pytest.mark.parametrize(("later", "way", "written"), [
    ("t+1", "f", True),   # the forward state h_{t+1} is the one defined from h_t
    ("t-1", "b", True),   # the backward state h_{t-1} is
    ("t-1", "f", False),  # h_{t-1}^{(f)} is not defined from h_t^{(f)}
    ("t+2", "f", False),  # two steps ahead: not the next member
    ("t+1", "b", False),
], ids=["forward", "backward", "forward-behind", "two-ahead", "backward-ahead"])
def test_a_gradient_is_written_through_the_next_member_only(later: str, way: str, written: bool) -> None:
    setting = _setting()
    note = setting.notation
    lhs = parse_math(_grad("t", way), notation=note)
    rhs = parse_math(_grad(later, way), notation=note)
    sides = unfolded(note, lhs, rhs, setting.lemmas)
    assert (sides is not None) is written
    if sides is not None:
        new_lhs, new_rhs = sides
        # the next member's gradient is one opaque vector on both sides, the first one written out
        assert not new_lhs.atoms(Grad) and not new_rhs.atoms(Grad)
        (opaque,) = new_rhs.atoms(sp.MatrixSymbol)
        assert opaque in new_lhs.atoms(sp.MatrixSymbol)


def test_the_last_step_is_not_written_out_where_the_range_does_not_put_its_term_in_the_sum() -> None:
    # nabla_{h_{t+1}} L by nabla_{h_{t+2}} L: L_{t+1} is a term of the sum only for t + 1 <= T, which 1 <= t <= T
    # does not give
    setting = _setting()
    note = setting.notation
    sides = unfolded(note, parse_math(_grad("t+1"), notation=note), parse_math(_grad("t+2"), notation=note),
                     setting.lemmas)
    assert sides is None


def _graded(tmp_path: Path, *rows: str) -> list[Mark]:
    path = tmp_path / "answer.md"
    body = "#### Answer 6.\n\n2. We have\n\n" + "\n\n".join(f"$${r}$$" for r in rows) + "\n"
    path.write_text(body, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=30, jobs=1, notation=A2))
    return [s.verdict for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("way", "later"), [("f", "t+1"), ("b", "t-1")], ids=["forward", "backward"])
def test_the_recursion_of_the_gradient_through_time_is_proved(tmp_path: Path, way: str, later: str) -> None:
    row = _grad("t", way) + " = " + _BOXED % {"d": way, "n": later}
    assert _graded(tmp_path, row) == [Mark.PROVED]


@pytest.mark.parametrize("slip", [
    (r"(\boldsymbol{U}^{(f)})^{\top}", r"\boldsymbol{U}^{(f)}"),   # the Jacobian not transposed
    (r"2(\boldsymbol{V}^{(f)})", r"2(\boldsymbol{V}^{(b)})"),      # the other network's output weights
    (r"2(\boldsymbol{V}^{(f)})", r"(\boldsymbol{V}^{(f)})"),       # the factor 2 of the square lost
    (r"h}_{t+1}^{(f)}) diag", r"h}_{t}^{(f)}) diag"),             # the state itself for the next one
], ids=["no-transpose", "other-weights", "no-factor", "this-state"])
def test_a_slip_in_the_recursion_is_never_proved(tmp_path: Path, slip: tuple[str, str]) -> None:
    row = _grad("t") + " = " + (_BOXED % {"d": "f", "n": "t+1"}).replace(*slip)
    assert row != _grad("t") + " = " + _BOXED % {"d": "f", "n": "t+1"}
    assert _graded(tmp_path, row) == [Mark.UNKNOWN]


def test_the_chain_rule_through_the_next_state_is_proved_and_without_its_transpose_is_not(tmp_path: Path) -> None:
    jacobian = r"\frac{\partial " + _H % ("t+1", "f") + r"}{\partial " + _H % ("t", "f") + "}"
    local = r"\nabla_{" + _H % ("t", "f") + "} L_t"
    rows = (_grad("t") + " = " + local + r" + \left(" + jacobian + r"\right)^{\top} " + _grad("t+1"),
            _grad("t") + " = " + local + " + " + jacobian + " " + _grad("t+1"))
    assert _graded(tmp_path, *rows) == [Mark.PROVED, Mark.UNKNOWN]
