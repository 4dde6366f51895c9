"""A sum's index used outside its sum on the next side (symproofs.grading.escaped)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.escaped import escaped_indices, flag_escaped
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
