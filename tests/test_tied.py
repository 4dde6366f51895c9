"""Tests of the names a step reaches through equations (symproofs.grading.tied): a value the text gives one of
them holds back a refutation at a point that gives it another value, whichever name the step writes."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.tied import tied_names

A2 = (Path(__file__).resolve().parent.parent / "examples" / "ift6135-h19-a2" / "notation.toml").read_text(
    encoding="utf-8")


def test_names_are_tied_through_the_equations_that_share_them() -> None:
    a, b, mu, o, n, s = sp.symbols("alpha beta mu o n sigma", real=True)
    facts = (sp.Eq(mu, (a + b) / 2), a < b, sp.Eq(s, b - a))
    assert tied_names([a + b], facts) == {"alpha", "beta", "mu", "sigma"}
    assert tied_names([o**2], (sp.Eq(o, (n + 1) / 2),)) == {"o", "n"}
    assert tied_names([o], (a < b,)) == {"o"}  # an inequality ties nothing


def test_a_value_arrived_at_holds_back_a_refutation_through_a_fact(tmp_path: Path) -> None:
    # Q1: mu = (alpha + beta)/2; after mu = 5, alpha + beta = 10 follows; alpha + beta = 12 fails there too
    got = [(s.verdict, s.message) for s in steps(graded(
        tmp_path, "# Question 1\n\n$$ \\mu = 5 $$\n\n$$ \\alpha + \\beta = 10 $$\n\n$$ \\alpha + \\beta = 12 $$\n",
        notation=A2)) if s.relation]
    assert [v for v, _ in got] == [Mark.UNKNOWN, Mark.UNKNOWN, Mark.REFUTED], got
    assert "needs: mu" in got[1][1] and "value the answer gave" in got[2][1]


def test_a_value_in_passing_holds_back_a_refutation_through_a_definition(tmp_path: Path) -> None:
    body = ("# Question 1\n\nThe layer has $n = 3$ units and we compute the output size:\n\n"
            "$$ o = \\frac{n + 1}{2} $$\n\n$$ o^2 = 4 $$\n\n$$ 2 o = 4 $$\n")
    got = [s for s in steps(graded(tmp_path, body)) if s.relation]
    assert not any(s.verdict is Mark.REFUTED for s in got), [(s.verdict, s.message) for s in got]
    assert all("needs: n" in s.message for s in got[1:])
