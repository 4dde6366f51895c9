"""Tests of the logical steps of a chain (symproofs.grading.links)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark


def _last(tmp_path: Path, row: str) -> tuple[list[Mark], str]:
    found = steps(graded(tmp_path, f"## Question 1\n\n$$\n{row}\n$$\n"))
    return [s.verdict for s in found], (found[-1].counterexample or "") + found[-1].message


def test_a_step_is_taken_where_the_chain_before_it_holds(tmp_path: Path) -> None:
    # y > -1 => y^2 < 1 fails at y = 5, which |y| < 1 (the chain's start) excludes: not refuted
    verdicts, said = _last(tmp_path, r"|y| < 1 \iff -1 < y < 1 \implies y > -1 \implies y^2 < 1")
    assert verdicts[-1] is Mark.UNKNOWN, (verdicts, said)
    assert "y = 5" not in said


def test_a_step_false_where_the_chain_holds_is_refuted_there(tmp_path: Path) -> None:
    # y > -1 => y > 0 fails at some y in (-1, 0], which the chain allows: refuted at such a point
    verdicts, said = _last(tmp_path, r"|y| < 1 \iff -1 < y < 1 \implies y > -1 \implies y > 0")
    assert verdicts[-1] is Mark.REFUTED, (verdicts, said)
    point = sp.Rational(said.split("y = ")[1].split()[0].rstrip(":,;"))
    assert -1 < point <= 0


def test_a_step_after_a_statement_of_its_own_is_checked_alone(tmp_path: Path) -> None:
    # two logical steps side by side on a row share nothing: y > -1 => y^2 < 1 is refuted as written
    found = steps(graded(tmp_path, "## Question 1\n\n$$\n|y| < 1 \\implies y < 1\n$$\n\n$$\n"
                                   "y > -1 \\implies y^2 < 1\n$$\n"))
    assert found[-1].verdict is Mark.REFUTED, found
