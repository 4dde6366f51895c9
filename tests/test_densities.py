"""A density an answer names in words, read as the density of its variable
(symproofs.grading.densities)."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.densities import named_densities
from symproofs.grading.report import Mark
from symproofs.latex.declarations import Notation

#: a centred symmetric variable of variance 2, whose law the course does not say has a density
NOTATION = """
[random.variables]
X = { law = "generic", mean = '0', var = '2', symmetric = true }
"""


def test_the_ways_to_name_a_density_are_read() -> None:
    text = (
        "Let $p$ be the density of $X$.\n"
        "Here $Y$ has density $g$, and\n"
        "the probability density function $f_k$ of $Z_k$ is even.\n"
        "Let $f_i$ the density of $a_i$."
    )
    found = named_densities(text, Notation())
    assert [(d.line, d.name) for d in found] == [(1, "p"), (2, "g"), (3, "f"), (4, "f")]
    assert [str(i) for i in found[2].indices] == ["k"] and str(found[2].variable) == "Z(k)"


def test_words_that_name_no_density_are_not_read() -> None:
    assert named_densities("the density of $X$ is symmetric; $p$ is a probability", Notation()) == ()


def test_an_integral_against_a_named_density_is_an_expectation(tmp_path: Path) -> None:
    sub = graded(
        tmp_path,
        "Let $p$ be the density of $X$. Then\n\n"
        "$$\\int_{-\\infty}^{\\infty} t^2 p(t)\\, dt = \\mathbb{E}[X^2] = 2$$\n\n"
        "$$\\int_0^{\\infty} t^2 p(t)\\, dt = \\mathbb{E}[\\max(0, X)^2] = 1$$\n\n"
        "$$\\int_{-\\infty}^{\\infty} t^2 p(t)\\, dt = 3$$\n",
        notation=NOTATION,
        timeout=60,
    )
    got = {(s.line, s.source): s.verdict for s in steps(sub)}
    assert [v for (line, _), v in got.items() if line in (3, 5)] == [Mark.PROVED] * 4
    assert got[(7, "3")] is Mark.REFUTED  # 2, as the line above shows


def test_without_a_named_density_the_integral_is_no_expectation(tmp_path: Path) -> None:
    # nothing says p is the density of X: the step may be false, and is not proved
    sub = graded(
        tmp_path, "Then\n\n$$\\int_{-\\infty}^{\\infty} t^2 p(t)\\, dt = \\mathbb{E}[X^2]$$\n", notation=NOTATION
    )
    assert [s.verdict for s in steps(sub)] == [Mark.UNKNOWN]
