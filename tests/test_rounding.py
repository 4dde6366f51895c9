"""A decimal the student rounded is a rounded value, not a refuted equality."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade


@pytest.mark.parametrize(("line", "expected"), [
    ("\\sqrt{0.0021} = 0.0458", Mark.UNKNOWN),  # 0.045826...: rounded to 4 decimals
    ("\\pi = 3.14", Mark.UNKNOWN),
    ("\\frac{1}{3} = 0.333", Mark.UNKNOWN),  # cut short
    ("\\frac{2}{3} = 0.666", Mark.UNKNOWN),  # cut short, not rounded
    ("\\frac{2}{3} = 0.667", Mark.UNKNOWN),
    ("\\sqrt{0.0021} = 0.0485", Mark.REFUTED),  # digits swapped
    ("\\frac{1}{3} = 0.34", Mark.REFUTED),  # neither rounded nor cut
    ("\\frac{1}{4} = 0.25", Mark.PROVED),
    ("\\frac{1}{4} = \\frac{1}{5}", Mark.REFUTED),  # no decimal written: an equality
    ("e^{-10} = 4.54 \\times 10^{-5}", Mark.UNKNOWN),  # scientific notation: the last place is 10^{-7}
    ("e^{-10} = 4.6 \\times 10^{-5}", Mark.REFUTED),
    ("\\frac{1}{1+e^{-2}} = 88\\%", Mark.UNKNOWN),  # a percentage: 0.8808...
    ("\\frac{1}{1+e^{-2}} = 89\\%", Mark.REFUTED),
    ("e^{10} = 22026", Mark.REFUTED),  # a whole number on its own is no rounding
    ("\\frac{1}{6} = 0.1", Mark.REFUTED),  # one digit cut short: not a value a TA accepts
    ("\\frac{2}{3} = 0.6", Mark.REFUTED),
    ("\\frac{9}{100} = 0.0", Mark.REFUTED),
])
def test_a_decimal_that_rounds_the_exact_value_is_no_refuted_equality(tmp_path: Path, line: str,
                                                                      expected: Mark) -> None:
    path = tmp_path / "answer.md"
    path.write_text(f"The standard error is\n\n$$ {line} $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict is expected, (line, step.message)
    if expected is Mark.UNKNOWN:
        assert step.method == "rounded" and "exact value is" in step.message
