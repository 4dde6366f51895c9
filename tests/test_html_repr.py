"""Notebook displays: the HTML of derivations and results, and the LaTeX
of a result compiling with pdflatex for every verdict."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from symproofs import Chain, Derivation, Relation, Step
from symproofs.core.results import ChainResult, Counterexample, DerivationResult, StepResult, Trust, Verdict
from symproofs.render.document import result_repr_latex
from symproofs.render.html_repr import derivation_repr_html, result_repr_html, text_in_math

a, b = sp.symbols("a b", real=True)
T2 = sp.Symbol("_T2")
DERIVATION = Derivation(id="sq_1", title="A <square> & 50% of it", question="X.1", chains=(
    Chain(start=(a + b)**2, steps=(Step(Relation.EQ, a**2 + 2*a*b + b**2, "expand"),
                                   Step(Relation.LE, 2*a**2 + 2*b**2, "AM-GM: 2ab <= a^2 + b^2"))),))


def results() -> DerivationResult:
    proved = StepResult(verdict=Verdict.PROVED, method="polynomial normal form", trust=Trust.SYMBOLIC)
    refuted = StepResult(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE,
                         counterexample=Counterexample(assignment=((a, sp.Rational(1, 2)), (T2, 3),
                                                                   (sp.MatrixSymbol("M", 2, 2), sp.eye(2))),
                                                       lhs=sp.Rational(9, 4), rhs=sp.Integer(2),
                                                       model="_T2 takes -1, 1 [shared model] & 50% {x}"))
    unknown = StepResult(verdict=Verdict.UNKNOWN, method="none", trust=Trust.NONE, residual=a**2 - b**2,
                         message="needs E[X_1^2] & #facts ~ $x$ \\ {y}")
    return DerivationResult(id="sq_1", title=DERIVATION.title, question="X.1",
                            chains=(ChainResult(label="chain_1", steps=(proved, refuted, unknown)),))


def test_text_in_math_sets_every_special_character_in_math_mode() -> None:
    out = text_in_math(r"a_1 ^ & % # $ { } \ ~")
    assert "_1" not in out.replace(r"\_", "") and r"\backslash" in out and r"\&" in out


def test_html_of_a_derivation_types_its_sides_and_escapes_its_text() -> None:
    page = derivation_repr_html(DERIVATION)
    assert page.count("<math") == 5 and "A &lt;square&gt; &amp; 50% of it" in page
    assert "AM-GM: 2ab &lt;= a^2 + b^2" in page


def test_html_of_a_result_marks_each_verdict() -> None:
    page = result_repr_html(results())
    for verdict in ("proved", "refuted", "unknown"):
        assert f"{verdict}</td>" in page
    assert "<script" not in page and "&amp; #facts" in page
    # a counterexample is a sentence with its values typeset, never the model's own names
    assert "refuted at <math" in page and "the left side is <math" in page and "_T2" not in page


def pdflatex() -> str:
    exe = shutil.which("pdflatex")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdflatex is not installed, and CI is set")
        pytest.skip("pdflatex is not installed (with CI set this fails)")
    return exe


def _compile(body: str, tmp_path: Path) -> None:
    """A displayed result in an article, compiled by pdflatex (r.pdf in ``tmp_path``)."""
    doc = ("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
           + body.replace("$$", "\\[", 1).replace("$$", "\\]", 1) + "\n\\end{document}\n")
    (tmp_path / "r.tex").write_text(doc)
    proc = subprocess.run([pdflatex(), "-interaction=nonstopmode", "-halt-on-error", "r.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout[-2000:]


@pytest.mark.latex
def test_the_latex_of_a_result_compiles_for_every_verdict(tmp_path: Path) -> None:
    body = result_repr_latex(results())
    assert r"\frac{1}{2}" in body and "_T2" not in body.replace(r"\_", "")
    _compile(body, tmp_path)
    assert (tmp_path / "r.pdf").stat().st_size > 1000


def test_notebooks_get_the_html_displays() -> None:
    assert DERIVATION._repr_html_() == derivation_repr_html(DERIVATION)
    r = results()
    assert r._repr_html_() == result_repr_html(r)


@pytest.mark.latex
def test_a_verified_refutation_over_random_variables_compiles_and_names_them(tmp_path: Path) -> None:
    from symproofs.probability.laws import Generic
    from symproofs.probability.space import E, ProbabilitySpace
    from symproofs.verifier.pipeline import verify

    space = ProbabilitySpace()
    X, Y = space.variable("X", Generic()), space.variable("Y", Generic())
    wrong = Derivation(id="wrong", title="E[XY] factored without independence", question="R.1",
                       algebras=(space,),
                       chains=(Chain(start=E(X * Y), steps=(Step(Relation.EQ, E(X) * E(Y), "independence?"),)),))
    result = verify(wrong)
    assert result.chains[0].steps[0].verdict is Verdict.REFUTED
    body = result._repr_latex_()
    assert r"\text{; where }X\text{ takes }" in body and "Y = X" in body  # the step's own names, typeset...
    assert "_" not in body  # ...and no coordinate of the model
    _compile(body, tmp_path)
