"""Tests of givens about a defined name written through its definition (symproofs.grading.closure)."""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from symproofs.core.model import Given
from symproofs.grading.closure import through_names
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

A2 = Path(__file__).resolve().parent.parent / "examples" / "ift6135-h19-a2" / "notation.toml"
y, a, b, z = sp.symbols("y a b z", real=True)
mu = sp.Function("mu")


def test_a_given_about_a_defined_name_is_also_one_about_its_definition() -> None:
    defined = Given(name="preactivation", statement=sp.Eq(y, a * b))
    mean = Given(name="mean", statement=sp.Eq(mu(y), 0))
    out = through_names((defined, mean))
    assert out[:2] == (defined, mean)
    assert [g.statement for g in out[2:]] == [sp.Eq(mu(a * b), 0)] and out[2].name == "mean"


def test_only_plain_definitions_are_written_through() -> None:
    n = sp.Symbol("n", integer=True)
    recurrence = Given(name="r", statement=sp.Eq(sp.Function("v")(n), 2 * n), index=n)
    circular = Given(name="c", statement=sp.Eq(y, y**2 - 1))
    mean = Given(name="mean", statement=sp.Eq(mu(y), 0))
    assert through_names((recurrence, circular, mean)) == (recurrence, circular, mean)
    # the name itself on the left is the definition, not a given about it
    assert through_names((Given(name="d", statement=sp.Eq(y, a)),)) == (Given(name="d", statement=sp.Eq(y, a)),)
    # a given whose sum binds the name is left alone
    bound = Given(name="s", statement=sp.Eq(mu(sp.Sum(y, (y, 1, 3))), z))
    assert through_names((Given(name="d", statement=sp.Eq(y, a)), bound))[1:] == (bound,)


def test_the_mean_of_the_preactivation_is_its_given_mean(tmp_path: Path) -> None:
    # Q4: y = u^T x with x centred and whitened; the notation states mu_y = 0 and sigma_y = ||u||.
    # mu_y = E[y] writes y out on both sides (mu(u^T x)): the stated mean applies there too
    answer = tmp_path / "answer.md"
    answer.write_text(
        "#### Answer 4.\n\n1. We have\n\n$$\\mu_y = \\mathbb{E}[y]$$\n\n"
        "$$\\sigma_y^2 = \\operatorname{Var}(y)$$\n\n$$\\sigma_y^2 = 2\\|u\\|^2$$\n",
        encoding="utf-8",
    )
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=A2))
    got = [s.verdict for c in sub.chains for s in c.steps]
    assert got[:2] == [Mark.PROVED, Mark.PROVED] and got[2] is not Mark.PROVED
