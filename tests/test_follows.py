"""Lines checked against the line before them (symproofs.grading.follows):
an inequality the text draws is a claim, never a condition the answer works
with, and a restatement follows from the line it restates only where that
line was shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark


def _steps(tmp_path: Path, body: str) -> list[tuple[Mark, str, str]]:
    """Every step of ``body`` graded as the answer to question 1 (no notation file): verdict, method, message."""
    return [(s.verdict, s.method, s.message) for s in steps(graded(tmp_path, "## Answer 1\n\n" + body))]


def test_a_false_bound_drawn_for_every_value_is_refuted_and_so_is_its_restatement(tmp_path: Path) -> None:
    # false at c = 0 (1 >= 2); line 6 was proved "follows from line 4", line 4 read as a condition
    steps = _steps(tmp_path, "For every real $c$,\n$$c^2 \\ge 0 \\quad\\text{so}\\quad c^2 + 1 \\ge 2.$$\n"
                             "Thus\n$$c^2 + 1 \\ge 2$$\n")
    assert [v for v, _, _ in steps] == [Mark.PROVED, Mark.REFUTED, Mark.REFUTED]


@pytest.mark.parametrize("word", ["hence", "thus", "therefore", "that is", "whence", "consequently",
                                  "in particular", "or equivalently", "which gives"])
def test_a_bound_drawn_after_any_consequence_is_a_claim(tmp_path: Path, word: str) -> None:
    steps = _steps(tmp_path, f"For all real $a$:\n\n$$a^2 \\ge 0 \\quad\\text{{{word}}}\\quad a^2 + 1 \\ge 2$$\n")
    assert [v for v, _, _ in steps] == [Mark.PROVED, Mark.REFUTED]


def test_a_bound_drawn_with_nothing_to_follow_from_is_never_a_condition_nor_refuted(tmp_path: Path) -> None:
    # the text may have fixed x in words, or state a requirement: not checked, and not proved when restated
    steps = _steps(tmp_path, "$$x^2 \\ge 0 \\quad\\text{hence}\\quad x^2 + 1 \\ge 2.$$\nThus\n$$x^2 + 1 \\ge 2$$\n\n"
                             "Since $e$ is a probability, we get\n$$e \\le 1$$\n")
    assert [(v, m) for v, m, _ in steps] == [(Mark.PROVED, "sign of the difference"), (Mark.UNKNOWN, "not checked"),
                                             (Mark.UNKNOWN, "restated"), (Mark.UNKNOWN, "not checked")]
    assert steps[2][2] == "restates line 3, which was not proved"


@pytest.mark.parametrize(("body", "expected", "said"), [
    # a condition the reader took without checking grounds no proof of a line that restates it
    ("$$u^2 + 1 = 5$$\nhence\n$$u^2 + 1 = 5$$\n", [Mark.UNKNOWN, Mark.UNKNOWN],
     "restates line 3, a condition the answer works with, not a result it shows"),
    ("Suppose\n$$p \\ge 1.$$\nThen\n$$p \\ge 1$$\n", [Mark.UNKNOWN, Mark.UNKNOWN],
     "restates line 4, a condition the answer works with, not a result it shows"),
    # a line shown, and what follows from a condition, still ground it
    ("$$2x + 3 \\le 7$$\nhence\n$$x \\le 2$$\nso\n$$x \\le 2$$\n", [Mark.UNKNOWN, Mark.PROVED, Mark.PROVED],
     "follows from line 5"),
    ("$$u^2 + 1 = 5$$\nhence\n$$u^2 = 4$$\n", [Mark.UNKNOWN, Mark.PROVED], "follows from line 3"),
    # a case the text takes, restated: true in it
    ("Suppose $x \\ge 1$. Then\n$$x \\ge 1$$\n", [Mark.PROVED], "holds in the case x ≥ 1 the text states for it"),
], ids=["condition-restated", "displayed-hypothesis-restated", "shown-restated", "drawn-from-condition",
        "case-restated"])
def test_what_a_restatement_follows_from(tmp_path: Path, body: str, expected: list[Mark], said: str) -> None:
    steps = _steps(tmp_path, body)
    assert [v for v, _, _ in steps] == expected, steps
    assert steps[-1][2] == said
