"""Steps read two ways (a letter i that may be the imaginary unit, a matrix norm of unset kind): both
readings must agree."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.readings import AMBIGUOUS_I, both_readings, frobenius_reading, imaginary_unit
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.declarations import Notation
from symproofs.matrices.linalg import FrobeniusNorm, Norm, UnsetNorm

i = sp.Symbol("i", real=True)


@pytest.mark.parametrize(("exprs", "notation", "expected"), [
    ((3 + 4 * i,), None, {i: sp.I}),
    ((sp.Symbol("i", integer=True) + 1,), None, None),
    ((i + 1,), Notation(symbols={"i": "real"}), None),
    ((i + 1,), Notation(indices=frozenset({"i"})), None),
    ((sp.Symbol("x", real=True),), None, None),
], ids=["free-real-i", "integer-index", "declared", "declared-index", "no-i"])
def test_which_i_may_be_the_imaginary_unit(exprs: tuple[sp.Basic, ...], notation: Notation | None,
                                           expected: dict[sp.Basic, sp.Basic] | None) -> None:
    assert imaginary_unit(exprs, notation, ()) == expected


@pytest.mark.parametrize(("real", "imaginary", "expected"), [
    (Mark.PROVED, Verdict.PROVED, Mark.PROVED), (Mark.REFUTED, Verdict.REFUTED, Mark.REFUTED),
    (Mark.REFUTED, Verdict.PROVED, Mark.UNKNOWN), (Mark.REFUTED, Verdict.UNKNOWN, Mark.UNKNOWN),
    (Mark.PROVED, Verdict.REFUTED, Mark.UNKNOWN), (Mark.UNKNOWN, Verdict.REFUTED, Mark.UNKNOWN),
], ids=["both-proved", "both-refuted", "true-as-imaginary", "undecided-as-imaginary", "false-as-imaginary",
        "unknown-stays"])
def test_a_verdict_stands_only_where_both_readings_agree(real: Mark, imaginary: Verdict, expected: Mark) -> None:
    line = LineGrade(line=1, column=1, relation="=", source="5", verdict=real, counterexample="at i = 5")
    out = both_readings(line, StepResult(verdict=imaginary, method="m", trust=Trust.NONE), AMBIGUOUS_I)
    assert out.verdict is expected
    if expected is Mark.UNKNOWN and real is not Mark.UNKNOWN:
        assert out.counterexample is None and out.message.startswith("i may be the imaginary unit")


@pytest.mark.parametrize(("body", "expected"), [
    ("$$ |3 + 4i| = \\sqrt{9 + 16} = 5 $$", ["unknown", "proved"]),
    ("Let $z = 1 + 2i$ be a complex number.\n$$ (1+2i)(1-2i) = 1 + 4 = 5 $$", ["unknown", "proved"]),
    ("$$ (2 + i)(2 - i) = 4 - i^2 = 5 $$", ["unknown", "unknown"]),
    ("$$ (1+i) + (1-i) = 3 $$", ["refuted"]),  # false under both readings
    ("$$ (1+\\mathrm{i})(1-\\mathrm{i}) = 2 $$", ["proved"]),
    ("$$ |\\imath| = 1 $$", ["proved"]),
    ("$$ \\sum_{i=1}^n x_i + i = \\sum_{i=1}^n x_i + 2 $$", ["refuted"]),
], ids=["modulus", "conjugates", "power-in-between", "false-both", "mathrm-i", "imath", "index-elsewhere"])
def test_a_step_with_a_free_i_is_refuted_only_under_both_readings(tmp_path: Path, body: str,
                                                                    expected: list[str]) -> None:
    path = tmp_path / "answer.md"
    path.write_text("# Question 1\n\n" + body + "\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=10, jobs=1))
    got = [s.verdict.value for c in sub.chains for s in c.steps if s.relation]
    assert got == expected, [(s.verdict.value, s.message) for c in sub.chains for s in c.steps]


_MATRICES = '[matrices]\nA = ["n", "n"]\nB = ["n", "n"]\nu = ["n"]\nv = ["n"]\n'


@pytest.mark.parametrize(("body", "norms", "expected"), [
    (r"$$ \|I_n\| = \sqrt{n} $$", "", ["unknown"]),  # true as Frobenius, false as spectral
    (r"$$ \|2 I_n\| = 2\sqrt{n} $$", "", ["unknown"]),
    (r"$$ \|A\| = 1 $$", "", ["refuted"]),  # false under both
    (r"$$ \|2 A\| = 2\|A\| $$", "", ["proved"]),  # true under both
    (r"$$ \|I_n\|_F = n $$", "", ["refuted"]),
    (r"$$ \|I_n\|_F = \sqrt{n} $$", "", ["proved"]),
    (r"$$ \|I_n\|_2 = 1 $$", "", ["proved"]),
    (r"$$ \|A\|_2 = \|A\|_F $$", "", ["refuted"]),
    (r"$$ \|A\|_F^2 = \operatorname{tr}(A^\top A) $$", "", ["proved"]),
    (r"$$ \|A\|_F \le \|A\|_2 $$", "", ["refuted"]),
    (r"$$ \|I_n\| = \sqrt{n} $$", '[norms]\nmatrix = "frobenius"\n', ["proved"]),
    (r"$$ \|A\| = \|A\|_F $$", '[norms]\nmatrix = "spectral"\n', ["refuted"]),
    (r"$$ |u^\top v| \le \|u\| \|v\| $$", "", ["unknown"]),
], ids=["identity-unset", "scaled-identity-unset", "false-both", "true-both", "frobenius-wrong", "frobenius-right",
        "spectral-right", "spectral-wrong", "frobenius-trace", "frobenius-below-spectral", "notation-frobenius",
        "notation-spectral", "cauchy-schwarz"])
def test_a_matrix_norm_of_unset_kind_is_refuted_only_under_both_readings(
        tmp_path: Path, body: str, norms: str, expected: list[str]) -> None:
    (tmp_path / "notation.toml").write_text(_MATRICES + norms, encoding="utf-8")
    path = tmp_path / "answer.md"
    path.write_text(body + "\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=10, jobs=1, notation=tmp_path / "notation.toml"))
    steps = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in steps] == expected, [(s.verdict.value, s.message) for s in steps]
    if expected == ["unknown"] and "I_n" in body:
        assert steps[0].message.startswith("||M|| of a matrix: the spectral and the Frobenius norm")
    if expected == ["refuted"]:
        assert "Norm(" not in (steps[0].counterexample or "")  # numbers, not an unevaluated norm
    if "u^\\top v" in body:
        assert "ill-shaped" not in steps[0].message


def test_a_frobenius_reading_replaces_only_unset_norms() -> None:
    a = sp.MatrixSymbol("A", 2, 2)
    assert frobenius_reading(UnsetNorm(a) + Norm(a)) == FrobeniusNorm(a) + Norm(a)
