"""Operator and function names spelled in plain letters (symproofs.latex.spelled)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.errors import InputError
from symproofs.grading.report import Mark
from symproofs.latex import parser as latex
from symproofs.latex.spelled import SPELLED
from symproofs.latex.vocabulary import FUNCS, OPERATORS
from symproofs.probability.variables import Cov, Var

X, Y, x, y = sp.symbols("X Y x y")


def test_every_spelled_name_is_one_the_parser_builds() -> None:
    assert set(SPELLED) <= set(FUNCS) | set(OPERATORS)


@pytest.mark.parametrize(("text", "expected"), [
    ("Var(X)", Var(X)),
    ("Var[X]", Var(X)),
    ("\\text{Var}(X)", Var(X)),
    ("\\mathrm{Var}[X]", Var(X)),
    ("Cov(X,Y)", Cov(X, Y)),
    ("2Cov(X, Y)", 2 * Cov(X, Y)),
    ("log(x) + exp(y)", sp.log(x) + sp.exp(y)),
    ("sin(x)", sp.sin(x)),
])
def test_a_known_name_in_plain_letters_before_a_bracket_is_that_name(text: str, expected: sp.Basic) -> None:
    assert sp.sstr(latex.parse_math(text)) == sp.sstr(expected)  # (the parser's names carry assumptions)


def test_the_variance_of_a_sum_in_plain_letters() -> None:
    parsed = latex.parse_math("Var(X+Y) = Var(X) + Var(Y) + 2Cov(X,Y)")
    assert sp.sstr(parsed) == sp.sstr(sp.Eq(Var(X + Y), Var(X) + Var(Y) + 2 * Cov(X, Y)))


@pytest.mark.parametrize("text", ["Var X", "Var", "Var2(x) + 1"])
def test_the_letters_of_an_operator_are_never_multiplied(text: str) -> None:
    with pytest.raises(InputError, match="without brackets"):
        latex.parse_math(text)


@pytest.mark.parametrize("text", ["xlog(y)", "ab(x)", "Vary(x)"])
def test_letters_that_only_contain_a_name_are_not_read_as_it(text: str) -> None:
    # letters glued before or after it: not the name (read as before)
    parsed = latex.parse_math(text)
    assert not parsed.atoms(sp.log, Var), sp.sstr(parsed)


def test_the_variance_spelled_plainly_is_graded_as_the_variance(tmp_path: Path) -> None:
    notation = '[random.variables]\nX = { law = "generic" }\nY = { law = "generic" }\n'
    body = "# Q1\n\n$$Var(X) = E[X^2] - E[X]^2$$\n\n$$Cov(X,Y) = E[XY] - E[X]E[Y]$$\n\n$$Var(X) = E[X^2]$$\n"
    marks = [s.verdict for s in steps(graded(tmp_path, body, notation=notation))]
    assert marks[:2] == [Mark.PROVED, Mark.PROVED] and marks[2] is not Mark.PROVED
