"""The rows of the statement a logical step starts from (symproofs.grading.premises)."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade


def _steps(tmp_path: Path, body: str, name: str = "answer.md") -> list[tuple[Mark, str]]:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    return [(s.verdict, s.source.strip()) for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("Let $g(t) = t^2 + 3t$. Setting the derivative to zero,\n\n$$g'(t) = 2t - 3 = 0 \\implies t = "
                 "\\frac{3}{2}$$\n", [(Mark.REFUTED, "2t - 3"), (Mark.PROVED, "t = \\frac{3}{2}")],
                 id="a-wrong-derivative-refuted-the-step-checked-from-what-it-solves"),
    pytest.param("Let $g(t) = t^2 + 3t$. Then\n\n$$g'(t) = 2t + 3 = 0 \\implies t = -\\frac{3}{2}$$\n",
                 [(Mark.PROVED, "2t + 3"), (Mark.PROVED, "t = -\\frac{3}{2}")], id="a-right-derivative-proved"),
    pytest.param("Then\n\n$$u^2 - 9 = (u - 3)(u + 2) = 0 \\iff u = 3$$\n",
                 [(Mark.REFUTED, "(u - 3)(u + 2)"), (Mark.REFUTED, "u = 3")],
                 id="a-wrong-factoring-no-longer-makes-the-step-hold"),
    pytest.param("Then\n\\begin{align*}\n(z + 1)^2 - 1 &= z^2 + 2z \\\\\n&= z(z + 2) \\\\\n&= 0 \\\\\n"
                 "\\Rightarrow z &= 0 \\text{ or } z = -2\n\\end{align*}\n",
                 [(Mark.PROVED, "z^2 + 2z"), (Mark.PROVED, "z(z + 2)"), (Mark.UNKNOWN, "z &= 0 \\text{ or } z = -2")],
                 id="rows-of-an-alignment"),
])
def test_the_rows_a_premise_rewrites_are_steps(tmp_path: Path, body: str, expected: list[tuple[Mark, str]]) -> None:
    assert _steps(tmp_path, body) == expected


@pytest.mark.parametrize("body", [
    pytest.param("Then\n\n$$p = q = 2 \\implies p + q = 4$$\n", id="names-set-equal"),
    pytest.param("Let $X, Y$ be random variables.\n\n$$\\mathbb{E}[X] = \\mathbb{E}[Y] = 0 \\implies "
                 "\\mathbb{E}[X + Y] = 0$$\n", id="moments-set-equal"),
    pytest.param("Suppose\n\n$$a + b = c + d = 0 \\implies a = -b$$\n", id="supposed"),
])
def test_what_a_premise_names_or_supposes_stays_its_condition(tmp_path: Path, body: str) -> None:
    assert [v for v, _ in _steps(tmp_path, body)] == [Mark.PROVED]
