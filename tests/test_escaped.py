"""A sum's index used outside its sum on the next side (symproofs.grading.escaped)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Relation
from symproofs.grading.document import ReadSide
from symproofs.grading.escaped import anchored, escaped_indices, flag_escaped
from symproofs.grading.report import LineGrade, Mark

i, j, k, n = sp.symbols("i j k n", integer=True)
W = sp.IndexedBase("W")
s = sp.Function("sigma")
g = sp.Function("g")
b = sp.Symbol("beta")


def test_a_factor_taken_out_of_a_sum_with_its_index_escapes() -> None:
    before = sp.Sum(W[i, k] * s(k), (k, 1, n))
    after = W[i, k] * sp.Sum(s(k), (k, 1, n))
    assert escaped_indices(before, after) == ("k",)
    closed = (1 - b) * sp.Sum(b ** (n - k) * g(k), (k, 1, n))
    assert escaped_indices(closed, (1 - b**n) * g(k)) == ("k",)


def test_an_index_bound_on_both_sides_or_already_free_does_not_escape() -> None:
    assert escaped_indices(sp.Sum(W[i, k], (k, 1, n)), sp.Sum(W[i, j], (j, 1, n))) == ()
    assert escaped_indices(W[i, k] * sp.Sum(s(k), (k, 1, n)), W[i, k] * s(j)) == ()  # k free before it
    x = sp.Symbol("x")
    assert escaped_indices(sp.Integral(x, x), x**2 / 2) == ()  # an antiderivative: x is no index
    assert escaped_indices(1, k) == ()


def test_the_flag_adds_a_note_and_keeps_the_verdict() -> None:
    grade = LineGrade(line=3, column=1, relation="=", source="W_{ik}", verdict=Mark.PROVED, message="m")
    flagged = flag_escaped(grade, sp.Sum(W[i, k] * s(k), (k, 1, n)), W[i, k] * sp.Sum(s(k), (k, 1, n)))
    assert flagged.verdict is Mark.PROVED
    assert flagged.message.startswith("m; the index k of a sum on the side before is used here outside any sum")
    assert flag_escaped(grade, W[i, k], W[i, k]) is grade


def test_a_graded_step_that_takes_an_index_out_of_its_sum_is_flagged(tmp_path: Path) -> None:
    sub = graded(tmp_path, "# Answer 1\n\n$$\\sum_{k=1}^{n} x_k = x_k + \\sum_{k=2}^{n} x_k$$\n")
    (step,) = [st for st in steps(sub) if st.relation]
    assert "the index k of a sum on the side before is used here outside any sum" in step.message, step.message
    fine = graded(tmp_path, "# Answer 1\n\n$$\\sum_{k=1}^{n} x_k = x_1 + \\sum_{k=2}^{n} x_k$$\n", name="b.md")
    assert all("outside any sum" not in st.message for st in steps(fine))


_VECTORS = '[matrices]\nx = ["n"]\na = ["n"]\n'
_SLIP = ("# Answer 1\n\n$$\\frac{\\partial}{\\partial x_j} \\sum_{k=1}^{n} a_k x_k"
         " = a_k \\frac{\\partial}{\\partial x_j} \\sum_{k=1}^{n} x_k = a_k \\cdot 1 = {last}$$\n")


def _side(line: int, expr: sp.Basic | None, relation: Relation | None = Relation.EQ) -> ReadSide:
    return ReadSide(line=line, column=1, relation=relation, relation_text="=", text=str(expr), expr=expr,
                    error=None)


def test_a_side_that_drops_the_loose_index_is_checked_against_the_side_before_the_slip() -> None:
    sides = [_side(1, sp.Sum(W[i, k] * s(k), (k, 1, n)), None), _side(2, W[i, k] * sp.Sum(s(k), (k, 1, n))),
             _side(3, W[i, k] * s(j)), _side(4, W[i, j] * s(j))]
    base, note = anchored(sides, 2, 3)
    assert base is sides[0]
    assert note.startswith("checked against the side on line 1") and "index k" in note
    assert anchored(sides, 1, 2) == (sides[1], "")  # still inside the slip: the side before, as written
    joined = [*sides[:2], _side(3, W[i, k] * s(j), Relation.LE), sides[3]]
    assert anchored(joined, 2, 3)[0] is joined[2]  # a run joined by another relation: no restart


def test_no_slip_keeps_the_side_before() -> None:
    plain = [_side(1, W[i, k] + 1, None), _side(2, W[i, k]), _side(3, W[i, j])]  # k free from the start
    assert anchored(plain, 1, 2) == (plain[1], "")
    bound = [_side(1, sp.Sum(W[i, k], (k, 1, n)), None), _side(2, sp.Sum(W[i, j], (j, 1, n))), _side(3, W[i, j])]
    assert anchored(bound, 1, 2) == (bound[1], "")  # nothing let loose before it


def test_a_correct_side_after_a_slip_of_scope_is_proved_against_the_side_before_it(tmp_path: Path) -> None:
    sub = graded(tmp_path, _SLIP.replace("{last}", "a_j"), notation=_VECTORS)
    last = steps(sub)[-1]
    assert last.verdict is Mark.PROVED, last.message
    assert "checked against the side on line 3 (the sides after it use the index k" in last.message


def test_a_wrong_side_after_a_slip_of_scope_is_refuted_against_the_side_before_it(tmp_path: Path) -> None:
    sub = graded(tmp_path, _SLIP.replace("{last}", "a_{j+1}"), notation=_VECTORS)
    last = steps(sub)[-1]
    assert last.verdict is Mark.REFUTED, last.message
