"""Where a side as written is defined, when sympy cancelled the part that
says so: an inverse of a matrix product (symproofs.latex.reader)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.parser import parse_relation_chain

m = sp.Symbol("m", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
_SHAPES = Notation(matrices={"X": ("m", "n"), "y": ("m",), "w": ("n",)})


def test_a_cancelled_inverse_of_a_product_keeps_its_rank_condition() -> None:
    left, right = parse_relation_chain(r"(X X^\top)^{-1} X X^\top y = y", notation=_SHAPES)
    assert left.expr == right.expr  # sympy cancelled the inverse
    assert left.domain == (sp.Ge(n, m),)
    (gram, _) = parse_relation_chain(r"(X^\top X)^{-1} X^\top X w = w", notation=_SHAPES)
    assert gram.domain == (sp.Ge(m, n),)


def test_an_inverse_still_written_needs_no_condition() -> None:
    (side,) = parse_relation_chain(r"(X X^\top)^{-1} y", notation=_SHAPES)
    assert side.domain == ()


def test_an_inverse_the_shapes_forbid_is_an_error() -> None:
    (side, _) = parse_relation_chain(r"(X X^\top)^{-1} X X^\top y = y",
                                     notation=Notation(matrices={"X": (3, 2), "y": (3,)}))
    assert side.error is not None and "never exists" in str(side.error)


_COURSE = '[matrices]\nX = ["m", "n"]\ny = ["m"]\nw = ["n"]\n\n[assumptions]\nfacts = [\'m > n\']\n'


def test_the_inverse_of_a_singular_product_is_not_proved_through_its_cancellation(tmp_path: Path) -> None:
    found = steps(graded(tmp_path, "$$(X X^\\top)^{-1} X X^\\top y = y$$\n", notation=_COURSE))
    assert found and all(s.verdict is not Mark.PROVED for s in found), found


def test_the_inverse_of_a_full_rank_product_is_still_cancelled(tmp_path: Path) -> None:
    (step,) = steps(graded(tmp_path, "$$(X^\\top X)^{-1} X^\\top X w = w$$\n", notation=_COURSE))
    assert step.verdict is Mark.PROVED, step
