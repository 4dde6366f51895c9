"""Rows of one display that solve an equation become one chain of statements."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.core.model import Relation
from symproofs.grading.document import read_file
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.grading.solving import solving_runs
from symproofs.latex.notation import GradingNotation


def _chains(tmp_path: Path, *rows: str) -> list[object]:
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\ny = "real"\nz = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text("\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n", encoding="utf-8")
    chains, _, _ = read_file(answer, GradingNotation.load(tmp_path / "n.toml"))
    return list(solving_runs(chains))


def test_rows_solving_one_equation_are_one_chain_of_implications(tmp_path: Path) -> None:
    (chain,) = _chains(tmp_path, "z^2 - 2z + 1 &= 0", "(z - 1)^2 &= 0", "z &= 1")
    assert chain.kind == "solving"  # type: ignore[attr-defined]
    assert [link.relation for link in chain.links] == [Relation.IMPLIES] * 2  # type: ignore[attr-defined]


def test_rows_on_one_source_line_solve_one_equation_too(tmp_path: Path) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.tex"
    answer.write_text("Solving for $x$:\n\\begin{align*} 2x + 3 &\\le 7 \\\\ 2x &\\le 4 \\\\ x &\\le 2 \\end{align*}\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.PROVED, Mark.PROVED]


def test_a_system_and_rows_of_identities_stay_rows(tmp_path: Path) -> None:
    assert len(_chains(tmp_path, "x + y &= 3", "x - y &= 1", "x &= 2")) == 3
    assert len(_chains(tmp_path, "(x + y)^2 &= x^2 + 2xy + y^2", "(x - y)^2 &= x^2 - 2xy + y^2")) == 2


def test_rows_solving_an_inequality_are_one_chain_of_implications(tmp_path: Path) -> None:
    (chain,) = _chains(tmp_path, "2x + 3 &\\le 7", "2x &\\le 4", "x &\\le 2")
    assert chain.kind == "solving"  # type: ignore[attr-defined]
    links = chain.links  # type: ignore[attr-defined]
    assert [type(link.premise[0]) for link in links] == [sp.LessThan, sp.LessThan]
    assert [link.relation for link in links] == [Relation.IFF] * 2  # an inequality keeps its solutions
    # rows of inequalities that bound an expression, not a name, stay rows (each one a claim)
    assert len(_chains(tmp_path, "x^2 + y^2 &\\ge 2xy", "(x - y)^2 &\\ge 0")) == 2


@pytest.mark.parametrize(("rows", "expected"), [
    (("2x + 3 &\\le 7", "2x &\\le 4", "x &\\le 2"), [Mark.PROVED, Mark.PROVED]),
    (("-2x &\\le 4", "x &\\ge -2"), [Mark.PROVED]),
    (("-2x &\\le 4", "x &\\le -2"), [Mark.REFUTED]),  # the sign of the inequality is not flipped
    (("x^2 &< 4", "x &< 2"), [Mark.REFUTED]),  # solutions gained: x = -5 is no solution
    (("x^2 &\\le 4", "x &\\le -2"), [Mark.REFUTED]),  # solutions lost
    (("2x+3 &\\le 7", "2x &\\le 4", "x &\\le 5"), [Mark.PROVED, Mark.REFUTED]),
    (("x^2 - 3x + 2 &< 0", "(x-1)(x-2) &< 0", "x &> 1"), [Mark.PROVED, Mark.REFUTED]),  # the set is (1, 2)
    (("|x - 1| &< 2", "-1 &< x < 3"), [Mark.PROVED]),  # a double inequality as the answer
    (("x^2 &< 4", "-2 &< x < 3"), [Mark.REFUTED]),
    (("2x + 3 &\\le 7", "2 &\\ge x"), [Mark.PROVED]),  # the value on the left
    (("x^2 - 4 &< 0", "x^2 &< 4", "-2 < x &< 2"), [Mark.PROVED, Mark.PROVED]),
    # a factor cancelled as written leaves the point where the row is undefined out of its set
    ((r"\frac{(x-1)^2}{x-1} &\ge 0", "x &\\ge 1"), [Mark.REFUTED]),
    ((r"\frac{(x-1)^2}{x-1} &\ge 0", "x &> 1"), [Mark.PROVED]),
    ((r"\sqrt{x}\sqrt{x} + 1 &< 5", "x &< 4"), [Mark.REFUTED]),
    ((r"\sqrt{x}\sqrt{x} + 1 &< 5", "0 \\le x &< 4"), [Mark.PROVED]),
    ((r"\cos(\arccos x) + 1 &\le 5", "x &\\le 4"), [Mark.REFUTED]),  # row 1 holds only on [-1, 1]
    ((r"\frac{4x}{2} &\le 6", r"\frac{2x}{2} &\le 3", "x &\\le 3"), [Mark.PROVED, Mark.PROVED]),  # x as read
    (("x^2 + 1 &= 5", "x^2 &= 4"), [Mark.PROVED]),  # "solving for x": the last row need not isolate it
    (("x^2 + 1 &= 5", "x^2 &= 6"), [Mark.REFUTED]),
])
def test_an_inequality_solved_row_by_row_is_checked_row_from_row(tmp_path: Path, rows: tuple[str, ...],
                                                                  expected: list[Mark]) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text("Solving for $x$:\n\n\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == expected, [
        (s.verdict, s.message) for c in sub.chains for s in c.steps]


def test_a_labelled_point_a_logical_step_supposes_is_never_drawn_freely(tmp_path: Path) -> None:
    # w^{opt} is where the gradient vanishes: the line after rests on that, and a value the check draws
    # for w^{opt} refutes nothing; u is any vector, and the same line about it is false
    (tmp_path / "n.toml").write_text('[symbols]\nlambda = "positive"\nc = "positive"\n[matrices]\nX = ["n", "d"]\n'
                                     'y = ["n"]\nw = ["d"]\nu = ["d"]\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text(
        "# Answer 1\n\n$$\\nabla_{w} L(w^{\\text{opt}}) = 0 \\implies (X^\\top X + \\lambda I_d) w^{\\text{opt}}"
        " = X^\\top y$$\n\nHence:\n\n$$c\\, w^{\\text{opt}} = c\\,(X^\\top X + \\lambda I_d)^{-1} X^\\top y$$\n\n"
        "and for any vector $u$:\n\n$$c\\, u = c\\,(X^\\top X + \\lambda I_d)^{-1} X^\\top y$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    point, anything = [s for c in sub.chains[1:] for s in c.steps]
    assert point.verdict is Mark.UNKNOWN and point.message.startswith("rests on w_opt")
    assert anything.verdict is Mark.REFUTED
