"""What a student's definition may define (symproofs.grading.definiendum): a
new name, never an operation or a function applied to an expression, whose
"definition" would let a false claim prove the lines after it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.grading.definiendum import new_name
from symproofs.grading.definitions import can_define
from symproofs.grading.report import Mark

x, a, b, p, q = sp.symbols("x a b p q", real=True)
n, t = sp.symbols("n t", integer=True)
f, v, sigma, hess, kl = (sp.Function(s, real=True) for s in ("f", "v", "sigma", "hess", "D_KL"))
W = sp.MatrixSymbol("W", 2, 2)


@pytest.mark.parametrize(
    ("lhs", "rhs", "defines"),
    [
        (sp.Symbol("c", real=True), sp.Integer(3), True),
        (W, sp.Identity(2), True),
        (f(x), x**2 + 3 * x, True),  # f(x) = x^2 + 3x
        (f(x, a), x + a, True),
        (v(t + 1), sp.Symbol("beta") * v(t) + 1, True),  # a recurrence at a shifted index
        (v(n), v(n - 1) + v(n - 2), True),
        (v(0), sp.Integer(0), True),  # a sequence's first member
        (v(t), b**t * v(0) + sp.Sum(v(n), (n, 1, t)), True),  # other members: the start, a sum over members
        (sp.Symbol("x"), sp.Symbol("x") + 1, False),  # an equation about x
        (kl(p, q), kl(q, p), False),  # D_KL(p||q) = D_KL(q||p): the same function elsewhere
        (f(x), f(-x), False),
        (f(x), f(x - 1) + 1, False),  # a real variable: a functional equation, no recurrence
        (hess(x**3), 3 * x**2, False),  # \nabla^2(x^3): an operation on an expression
        (sp.Function("hess")(x), sp.Integer(0), False),  # \nabla^2 applied to x: an operation still
        (sp.Symbol("grad_L"), 2 * x, False),  # \nabla L
        (sp.Function("f_inv")(x), x**2, False),  # f^{-1}(x)
        (sigma(a + b), sigma(a) + sigma(b), False),  # a function at an expression
        (f(x**2), x, False),
        (f(x, x), x, False),  # repeated arguments
        (x**2, sp.Integer(4), False),
    ],
)
def test_only_a_new_name_is_defined(lhs: sp.Basic, rhs: sp.Basic, defines: bool) -> None:
    assert new_name(lhs, rhs) is defines
    assert can_define(lhs, rhs) is defines


_FALSE_CLAIMS = r"""## Question 1

$$ D_{KL}(p \| q) = D_{KL}(q \| p) $$

Hence KL is symmetric:

$$ D_{KL}(p \| q) - D_{KL}(q \| p) = 0 $$

## Question 2

$$ \nabla^2 (x^3) = 3x^2 $$

so

$$ \nabla_x^2 (x^3) = 3x^2 $$

$$ \nabla^2 (x^3) + 1 = 3x^2 + 1 $$

## Question 3

$$ \sigma(a + b) = \sigma(a) + \sigma(b) $$

$$ \sigma(a + b) - \sigma(a) = \sigma(b) $$

## Question 4

Let $$ \sigma(a + b) := \sigma(a) + \sigma(b) $$
then
$$ \sigma(a + b) - \sigma(a) = \sigma(b) $$
"""


def test_a_false_claim_about_an_operation_is_no_definition_that_proves_later_lines(tmp_path: Path) -> None:
    # KL is not symmetric, the Laplacian of x^3 is 6x, the sigmoid is not additive: every line is false as a TA
    # reads it; none may be taken for the student's definition, and none proved by resting on one
    graded_steps = steps(graded(tmp_path, _FALSE_CLAIMS))
    assert len(graded_steps) == 9
    assert all(s.verdict is Mark.UNKNOWN for s in graded_steps), [(s.line, s.verdict) for s in graded_steps]
    assert not any("the student defines" in (s.message or "") for s in graded_steps)
    assert "no new name" in (graded_steps[7].message or "")


def test_a_definition_of_a_new_function_still_proves_what_follows(tmp_path: Path) -> None:
    body = "## Question 1\n\nLet\n$$ f(x) = x^2 + 3x $$\nThen\n$$ f(2) = 10 $$\n\n$$ f(1) = 5 $$\n"
    first, second, third = steps(graded(tmp_path, body))
    assert first.method == "definition"
    assert second.verdict is Mark.PROVED
    assert third.verdict is Mark.REFUTED
