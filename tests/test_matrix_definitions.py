"""Functions the notation defines, inside explicit matrix values (symproofs.matrices.definitions)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from gradehelp import graded, steps

from symproofs.core.model import Lemma
from symproofs.grading.report import Mark
from symproofs.matrices.definitions import definitions_of, with_definitions

z = sp.Symbol("z", real=True)
t = sp.Symbol("t", positive=True)
f, g = sp.Function("f"), sp.Function("g")


def test_a_definition_for_every_real_argument_is_applied_with_its_derivatives() -> None:
    defined = definitions_of((Lemma(name="f", statement=sp.Eq(f(z), sp.exp(-z)), variables=(z,)),))
    s = sp.Symbol("s", real=True)
    assert with_definitions(sp.Derivative(f(s), s) + f(s), defined) == 0


def test_a_definition_on_part_of_the_line_or_under_hypotheses_is_not() -> None:
    assert definitions_of((Lemma(name="g", statement=sp.Eq(g(t), sp.log(t)), variables=(t,)),)) == {}
    assert definitions_of((Lemma(name="f", statement=sp.Eq(f(z), z), variables=(z,), hypotheses=(z > 0,)),)) == {}


LOGREG = r"""## Question 1

$$
\nabla_w \log(1 - \sigma(w^\top x)) = -\sigma(w^\top x)\, x
$$

$$
\nabla_w \log(1 - \sigma(w^\top x)) = \sigma(w^\top x)\, x
$$
"""

NOTATION = """[symbols]
y = "real"

[matrices]
w = ["d"]
x = ["d"]

[functions]
names = ["sigma"]

[definitions]
sigmoid = { latex = '\\sigma(z) = \\frac{1}{1 + e^{-z}}', for_all = "z" }
"""


def test_a_gradient_through_a_defined_function_is_proved_and_its_sign_slip_refuted(tmp_path: Path) -> None:
    found = steps(graded(tmp_path, LOGREG, notation=NOTATION, timeout=60))
    assert [s.verdict for s in found] == [Mark.PROVED, Mark.REFUTED]
    assert all("operand" not in s.message and "Mix of" not in s.message for s in found)
