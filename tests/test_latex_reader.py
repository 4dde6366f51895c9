"""Where a side as written is defined, when sympy cancelled the part that
says so: an inverse of a matrix product (symproofs.latex.reader)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.parser import parse_math, parse_relation_chain
from symproofs.latex.tokens import AmbiguousReading

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


@pytest.mark.parametrize("text", [r"\pi^{(1)}", r"\pi^{(k)} + 1", r"\pi^*", r"\pi^\star", r"\pi^{\top}", r"\pi^T P",
                                  r"\pi'"])
def test_a_script_only_a_name_takes_makes_pi_ambiguous_unless_named(text: str) -> None:
    # the number pi to the power (1) is pi, its transpose pi: a TA reads the member, optimum or vector pi
    with pytest.raises(AmbiguousReading):
        parse_math(text)


def test_pi_with_a_subscript_is_a_member_and_the_number_keeps_its_powers() -> None:
    member = parse_math(r"\pi_i")
    assert member.func.__name__ == "pi" and str(member) == "pi(i)" and sp.pi not in member.atoms()
    assert parse_math(r"\pi^2 + \pi^{2}") == 2 * sp.pi**2


def test_a_named_pi_reads_like_any_other_name() -> None:
    named = Notation(symbols={"pi": "real"})
    with pytest.raises(AmbiguousReading):  # pi^{(1)}: a power of the name, or its first member
        parse_math(r"\pi^{(1)}", notation=named)
    members = parse_math(r"\pi^{(t)} + \pi^{(t-1)}", notation=named)  # two members: the sequence pi
    assert str(members) == "pi(t) + pi(t - 1)" and sp.pi not in members.atoms()
    assert parse_math(r"\pi^*", notation=named) == sp.Symbol("pi_star", real=True)
