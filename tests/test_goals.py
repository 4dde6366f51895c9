"""Tests of how the grader poses a step (symproofs.grading.goals): a plain 0 beside a vector is the zero vector."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Relation
from symproofs.grading.goals import chain_domain, zero_of
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


def test_a_chain_is_read_where_every_side_of_it_is_defined() -> None:
    t, big_t, x = sp.symbols("t T x")
    average = sp.Sum(t, (t, 1, big_t)) / big_t
    assert chain_domain([average, (big_t + 1) / 2, big_t]) == (sp.Ne(big_t, 0),)
    assert chain_domain([sp.log(x), x]) == (sp.Gt(x, 0),)
    assert chain_domain([1 / (1 - x), sp.log(x - 1)]) == ()  # (a formula: left to the strategies that read it)
    assert chain_domain([sp.Sum(1 / (t * (t + 1)), (t, 1, big_t))]) == ()  # (1/t: t is bound)
    assert chain_domain([sp.log(sp.Function("p")(x)), x]) == ()  # (a function nothing defines: left alone)


@pytest.mark.parametrize(("chain", "last"), [
    # the first side is 0/0 at T = 0, where the last step fails: refuted nowhere the chain says something
    ("After $T$ steps,\n\n$$\\frac{1}{T}\\sum_{t=1}^{T} t = \\frac{T+1}{2} \\le T$$", Mark.UNKNOWN),
    ("For $n$ samples,\n\n$$\\frac{1}{n}\\sum_{k=1}^{n}(2k-1) = \\frac{n^2}{n} = n \\ge 1$$", Mark.UNKNOWN),
    # false where the chain is defined and counts terms: still refuted
    ("After $T$ steps,\n\n$$\\frac{1}{T}\\sum_{t=1}^{T} t = \\frac{T+1}{2} \\le \\frac{T}{2}$$", Mark.REFUTED),
])
def test_a_later_step_is_refuted_only_where_the_whole_chain_is_defined(tmp_path: Path, chain: str,
                                                                        last: Mark) -> None:
    got = steps(graded(tmp_path, "# Problem 1\n\n" + chain + "\n"))
    *earlier, final = got
    assert final.verdict is last, [(s.verdict, s.message) for s in got]
    # a sum over 1..T closed for T >= 0 that nothing states is proved there only (a reversed range is empty)
    assert all(s.verdict is Mark.PROVED or (s.verdict is Mark.UNKNOWN and s.message.startswith("proved only where"))
               for s in earlier), [(s.verdict, s.message) for s in got]
