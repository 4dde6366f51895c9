"""Asymptotic notation states a growth rate: a step with it is never proved or refuted."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.grading.presumed import METHOD
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade


@pytest.mark.parametrize(("display", "expected"), [
    # n of unknown sign: the closed form holds for n >= 0 only (a reversed range is an empty sum)
    ("\\sum_{k=1}^n k^2 = \\frac{n(n+1)(2n+1)}{6} = O(n^3)", [Mark.UNKNOWN, Mark.UNKNOWN]),
    ("O(n) - O(n) = 0", [Mark.UNKNOWN]),  # O(n) - O(n) is O(n), not 0: never proved
    ("O(n) + O(n) = 2\\,O(n) = O(n)", [Mark.UNKNOWN, Mark.UNKNOWN]),
    ("n \\cdot n \\cdot n = n^3 = \\Theta(n^3)", [Mark.PROVED, Mark.UNKNOWN]),
    ("\\frac{n^2+1}{n} = n + \\frac{1}{n} = \\Omega(n)", [Mark.PROVED, Mark.UNKNOWN]),
    ("\\mathcal{O}(n) + 1 = \\mathcal{O}(n)", [Mark.UNKNOWN]),
    ("n^2 + n = n(n+1) = n^2 + 2n", [Mark.PROVED, Mark.REFUTED]),  # no asymptotic notation: checked
])
def test_a_step_written_with_asymptotic_notation_is_not_checked(tmp_path: Path, display: str,
                                                                 expected: list[Mark]) -> None:
    path = tmp_path / "answer.md"
    path.write_text(f"The running time is\n\n$$ {display} $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == expected, [(s.source, s.message) for s in steps]
    # (an unknown for another reason, such as a name nothing defines, keeps that reason)
    assert all(s.method in ("asymptotic", "refutation probe", METHOD) for s in steps if s.verdict is Mark.UNKNOWN)
