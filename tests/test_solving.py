"""Rows of one display that solve an equation become one chain of statements."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.core.model import Relation
from symproofs.grading.document import ReadSide, read_file
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.grading.solving import requirement, solving_runs
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


@pytest.mark.parametrize(("lead", "chain", "expected"), [
    # a requirement: its last relation is the equation the answer solves for c; the earlier link is checked
    ("The density $p(x) = c x^2$ on $[0,1]$ must integrate to one:", "\\int_0^1 c x^2\\,dx = \\frac{c}{3} = 1",
     [Mark.PROVED, Mark.UNKNOWN]),
    ("The density $p(x) = c x^2$ on $[0,1]$ must integrate to one:", "\\int_0^1 c x^2\\,dx = \\frac{c}{2} = 1",
     [Mark.REFUTED, Mark.UNKNOWN]),  # a slip in the earlier link: still refuted
    ("We choose $s$ so that the mean is one:", "\\int_0^1 2 s x\\,dx = s = 1", [Mark.PROVED, Mark.UNKNOWN]),
    # no requirement in the words: a claim, checked as written
    ("We need to show that", "\\int_0^1 c x^2\\,dx = \\frac{c}{3} = 1", [Mark.PROVED, Mark.REFUTED]),
    ("For the density $p(x) = c x^2$ on $[0,1]$,", "\\int_0^1 c x^2\\,dx = \\frac{c}{3} = 1",
     [Mark.PROVED, Mark.REFUTED]),
    # no value of c meets it (c^2 = -1): no condition, checked
    ("We need", "\\int_0^1 3 c^2 x^2\\,dx = c^2 = -1", [Mark.PROVED, Mark.REFUTED]),
])
def test_a_requirement_written_as_a_chain_ends_in_a_condition(tmp_path: Path, lead: str, chain: str,
                                                               expected: list[Mark]) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nc = "real"\ns = "real"\nx = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text(f"# Problem 1\n\n{lead}\n\n$${chain}$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    got = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in got] == expected, [(s.verdict, s.message) for s in got]
    if expected[-1] is Mark.UNKNOWN:
        assert got[-1].method == "condition" and got[-1].message.startswith("a requirement")


@pytest.mark.parametrize(("after", "expected"), [
    ("so $c = 3$.", "solves it"),  # the chain is there to determine c: the value after it says so
    ("hence $c = 2$.", "does not solve it"),  # a slip in the value, not in the line
    ("and $d = 3$.", None),  # no value of its unknown: a claim, checked
])
def test_a_chain_solved_for_its_unknown_right_after_it_ends_in_a_condition(tmp_path: Path, after: str,
                                                                           expected: str | None) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nc = "real"\nd = "real"\nx = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text(f"# Problem 1\n\nThe density $p(x) = c x^2$ on $[0,1]$:\n\n"
                      f"$$\\int_0^1 c x^2\\,dx = \\frac{{c}}{{3}} = 1$$\n\n{after}\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    first, last = [s for c in sub.chains for s in c.steps][:2]
    assert first.verdict is Mark.PROVED
    if expected is None:
        assert last.verdict is Mark.REFUTED
    else:
        assert last.verdict is Mark.UNKNOWN and last.method == "condition" and expected in last.message, last.message


def test_a_requirement_is_a_condition_only_when_it_has_a_solution_and_is_no_identity() -> None:
    c = sp.Symbol("c", real=True)

    def side(expr: sp.Basic) -> ReadSide:
        return ReadSide(line=1, column=1, relation=Relation.EQ, relation_text="=", text=str(expr), expr=expr,
                        error=None)

    assert requirement(side(c / 3), side(sp.Integer(1)), 2, "we want", set(), ()).startswith("a requirement")
    assert requirement(side(c / 3), side(sp.Integer(1)), 1, "we want", set(), ()) == ""  # a display on its own
    assert requirement(side(c / 3), side(sp.Integer(1)), 2, "hence", set(), ()) == ""
    assert requirement(side(c / 3), side(sp.Integer(1)), 2, "we want", {"c"}, ()) == ""  # c has a value
    assert requirement(side(c ** 2), side(sp.Integer(-1)), 2, "we want", set(), ()) == ""  # no solution
    assert requirement(side((c + 1) ** 2 - c ** 2 - 2 * c), side(sp.Integer(1)), 2, "we want", set(), ()) == ""
