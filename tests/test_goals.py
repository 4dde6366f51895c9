"""Tests of how the grader poses a step (symproofs.grading.goals): a plain 0 beside a vector is the zero vector."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Relation
from symproofs.grading.goals import zero_of
from symproofs.grading.report import Mark

n = sp.Symbol("n", positive=True, integer=True)
u = sp.MatrixSymbol("u", n, 1)


def test_a_plain_zero_equated_with_a_vector_is_the_zero_vector() -> None:
    assert zero_of(Relation.EQ, sp.Integer(0), u) == sp.ZeroMatrix(n, 1)
    assert zero_of(Relation.EQ, sp.Integer(0), u.T) == sp.ZeroMatrix(1, n)
    assert zero_of(Relation.EQ, sp.Integer(1), u) == sp.Integer(1)  # 1 is no vector: left as written
    assert zero_of(Relation.LE, sp.Integer(0), u) == sp.Integer(0)
    assert zero_of(Relation.EQ, sp.Integer(0), sp.Symbol("y")) == sp.Integer(0)


def test_a_projection_onto_the_orthogonal_complement_is_read_as_a_ta_reads_it(tmp_path: Path) -> None:
    notation = ('[matrices]\nu = ["n"]\nx = ["n"]\nW = ["n", "n"]\n'
                "[definitions]\nprojector = 'W = I_n - \\frac{u u^\\top}{\\|u\\|^2}'\n")
    body = ("# Q1\n\n$$W x = x - \\frac{u^\\top x}{\\|u\\|^2} u$$\n\n$$W u = 0$$\n\n$$u^\\top W = 0$$\n\n"
            "$$W x = 0$$\n\n$$W x = x - \\frac{u^\\top x}{\\|u\\|} u$$\n")
    got = [s.verdict for s in steps(graded(tmp_path, body, notation=notation))]
    assert got == [Mark.PROVED, Mark.PROVED, Mark.PROVED, Mark.REFUTED, Mark.REFUTED]
