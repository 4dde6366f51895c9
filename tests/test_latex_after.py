"""A condition in the sentence right after a display states the display
under it (symproofs.latex.after): its steps are checked under it, as under
one written before the display or inside it, and it reaches no other display."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.after import AFTER, reaches_contradiction, right_after
from symproofs.latex.extract import extract_chains


def _graded(tmp_path: Path, body: str, name: str = "answer.md") -> list[tuple[int, Mark, str]]:
    return [(s.line, s.verdict, s.message) for s in steps(graded(tmp_path, body, name=name))]


@pytest.mark.parametrize("sentence", [
    "where $x > 0$.", "for $x \\ge 0$.", "for all $x \\ge 0$.",
    "valid for $x \\geq 0$.", "provided $x > 0$.",
    "if $x > 0$.", "when $x \\in (0, 1)$.", "with $x > 0$.", "assuming $x \\ge 0$.", "assuming that $x > 0$.",
    "for all positive $x$.", "for every nonnegative $x$.", "which gives the claim, assuming $x \\ge 0$.",
    "which is what we want, provided that $x > 0$.",
])
def test_a_condition_after_the_display_proves_its_steps_under_it(tmp_path: Path, sentence: str) -> None:
    # sqrt(x^2) + 1 = x + 1 is false at x < 0 only: refuted there before
    steps = _graded(tmp_path, f"# Q1\n\nSo\n$$ \\sqrt{{x^2}} + 1 = x + 1 $$\n$$ = 1 + x, $$\n{sentence}\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED, Mark.PROVED]
    assert "under the condition stated" in steps[0][2] and AFTER.strip() in steps[0][2]


@pytest.mark.parametrize("sentence", ["which holds since $x \\ge 0$.", "as $x$ is nonnegative.",
                                      "since $x$ is positive."])
def test_a_reason_after_the_display_is_a_claim_that_proves_nothing(tmp_path: Path, sentence: str) -> None:
    # "since $x \ge 0$" with nothing establishing it: the line rests on it, refuted only where it holds
    steps = _graded(tmp_path, f"# Q1\n\nSo\n$$ \\sqrt{{x^2}} + 1 = x + 1 $$\n$$ = 1 + x, $$\n{sentence}\n")
    assert [v for _, v, _ in steps] == [Mark.UNKNOWN, Mark.PROVED] and "rests on the reason" in steps[0][2], steps
    wrong = _graded(tmp_path, f"# Q1\n\nSo\n$$ \\sqrt{{x^2}} + 1 = x + 2 $$\n{sentence}\n")
    assert [v for _, v, _ in wrong] == [Mark.REFUTED], wrong


def test_a_condition_after_an_environment_is_read_in_latex(tmp_path: Path) -> None:
    body = ("\\section{Question 1}\n\\begin{align*}\n\\frac{\\sqrt{t^2}}{t} &= \\frac{t}{t} \\\\\n&= 1,\n"
            "\\end{align*}\nwhere $t > 0$.\n")
    assert [v for _, v, _ in _graded(tmp_path, body, "answer.tex")] == [Mark.PROVED, Mark.PROVED]
    body = ("\\section{Question 1}\n\\begin{align*}\n\\ln(e^{2s}) + |s| &= 2s + s \\\\\n&= 3s\n\\end{align*}\n"
            "provided $s$ is positive.\n")
    assert [v for _, v, _ in _graded(tmp_path, body, "answer.tex")] == [Mark.PROVED, Mark.PROVED]


@pytest.mark.parametrize(("sentence", "name"), [
    ("provided $v$ is nonzero.", "v"), ("if $v$ is negative.", "v"), ("with $v, w > 0$.", "v"),
])
def test_signs_in_words_after_the_display(tmp_path: Path, sentence: str, name: str) -> None:
    body = {"provided $v$ is nonzero.": "$$ \\frac{v w}{v} = w $$",
            "if $v$ is negative.": "$$ |v| \\cdot w = -v w $$",
            "with $v, w > 0$.": "$$ |v| w = v |w| $$"}[sentence]
    steps = _graded(tmp_path, f"# Q1\n\n{body}\n{sentence}\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED] and name in steps[0][2]


def test_a_slip_inside_the_condition_stays_refuted(tmp_path: Path) -> None:
    steps = _graded(tmp_path, "# Q1\n\n$$ \\sqrt{x^2} + y = x + y = x + 2y $$\nwhere $x > 0$.\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED, Mark.REFUTED]


def test_the_condition_reaches_no_other_display(tmp_path: Path) -> None:
    # the display after it, on other names, is refuted as before; on the same names it is at most held back
    # (the case the text takes), never proved by it
    body = ("# Q1\n\n$$ \\sqrt{x^2} + y = x + y $$\nwhere $x > 0$.\n\n$$ \\sqrt{z^2} + y = z + y $$\n\n"
            "$$ |x| + y = x + y $$\n")
    steps = _graded(tmp_path, body)
    assert [v for _, v, _ in steps][:2] == [Mark.PROVED, Mark.REFUTED]
    assert steps[2][1] is not Mark.PROVED
    # and a condition after a display in one question is none in the next
    body = ("# Q1\n\n$$ \\sqrt{x^2} + y = x + y $$\nwhere $x > 0$.\n\n# Q2\n\n"
            "$$ \\sqrt{x^2} + y = x + y = y + x $$\n")
    assert [v for _, v, _ in _graded(tmp_path, body)] == [Mark.PROVED, Mark.REFUTED, Mark.PROVED]


def test_a_condition_after_the_display_is_no_hypothesis_for_the_next(tmp_path: Path) -> None:
    # "when $p \in (0, 1)$." qualifies the display above: the same line again below is not proved by it
    body = "# Q1\n\n$$ |p| q = p q $$\nwhen $p \\in (0, 1)$.\n\n$$ |p| q = p q $$\n"
    assert [v for _, v, _ in _graded(tmp_path, body)] == [Mark.PROVED, Mark.UNKNOWN]


@pytest.mark.parametrize("sentence", [
    "where $\\sigma$ is the sigmoid.",  # no condition
    "For $x > 0$, we have\n$$ |x| = x $$",  # the lead of the display after it
])
def test_a_sentence_that_is_not_only_a_condition_is_not_read_as_one(tmp_path: Path, sentence: str) -> None:
    steps = _graded(tmp_path, f"# Q1\n\n$$ \\sqrt{{x^2}} + y = x + y = y + x $$\n{sentence}\n")
    assert steps[0][1] is Mark.REFUTED


@pytest.mark.parametrize("sentence", [
    "valid for $x \\ge 0$, and we go on.",  # the sentence says more
    "for $x > 0$ or $x < -1$.",  # another case
    "and this shows $w > 0$, assuming $x > 0$.",  # the hypothesis of other math in the sentence
])
def test_a_condition_in_a_sentence_not_read_as_a_case_still_holds_a_refutation_back(tmp_path: Path,
                                                                                     sentence: str) -> None:
    # not the step's case (nothing is proved under it), but the point x < 0 breaks what the words say near the
    # line: the refutation waits for a TA, saying which condition
    steps = _graded(tmp_path, f"# Q1\n\n$$ \\sqrt{{x^2}} + y = x + y = y + x $$\n{sentence}\n")
    assert steps[0][1] is Mark.UNKNOWN and "needs: the condition on x" in steps[0][2], steps


def test_a_clause_that_takes_the_display_back_is_no_condition_and_no_claim(tmp_path: Path) -> None:
    # "which is wrong, assuming x >= 0": the student denies the display; its falsity is what they say
    steps = _graded(tmp_path, "# Q1\n\n$$ \\sqrt{x^2} + y = x + y = y + x $$\nwhich is wrong, assuming $x \\ge 0$.\n")
    assert steps[0][1] is Mark.UNKNOWN and "not a claim" in steps[0][2], steps


def test_a_condition_not_read_holds_refutations_back_and_keeps_proofs(tmp_path: Path) -> None:
    # "is an integer" states no relation: the refutation at a non-integer k is held back, saying why
    steps = _graded(tmp_path, "# Q1\n\n$$ \\cos(2 \\pi k) m = m = m + 0 $$\nsince $k$ is an integer.\n")
    assert [v for _, v, _ in steps] == [Mark.UNKNOWN, Mark.PROVED]
    assert "since $k$ is an integer" in steps[0][2] and "not read" in steps[0][2]


def test_an_equation_to_solve_stays_one_under_a_condition_after_it(tmp_path: Path) -> None:
    steps = _graded(tmp_path, "# Q1\n\n$$ x^2 = 4 $$\nfor $x > 0$.\n")
    assert [v for _, v, _ in steps] == [Mark.UNKNOWN]
    assert "condition" in steps[0][2]


def test_the_reader_gives_the_sides_the_condition_after_the_display() -> None:
    text = "So\n$$ \\sqrt{x^2} = x $$\nwhere $x > 0$.\n\n$$ y = y $$\n"
    chains = [c for c in extract_chains(text, source="a.md") if c.kind == "display"]
    first, second = chains
    assert all(s.condition is not None and [str(f) for f in s.condition.facts or ()] == ["x > 0"]
               for s in first.sides)
    assert all(s.condition is None for s in second.sides)


@pytest.mark.parametrize(("lead", "expected"), [
    ("$$ a = b $$\nwhere", True), ("\\end{align*}\nsince", True), ("$$ a = b $$ which holds for", True),
    ("$$ a = b $$\nNow assume", False), ("we have, for", False),
])
def test_math_right_after_a_display_with_a_cue(lead: str, expected: bool) -> None:
    assert right_after(lead) is expected


@pytest.mark.parametrize(("words", "reached"), [
    (", a contradiction.", True), ("which is absurd.", True), ("This contradicts the assumption.", True),
    ("which is impossible", True), ("contradicting the choice of $N$", True), ("Contradiction!", True),
    # words that seek a contradiction, or say nothing of one
    ("for contradiction", False), ("towards a contradiction", False), ("the proof by contradiction", False),
    ("which is what we wanted.", False),
])
def test_the_words_that_say_a_contradiction_is_reached(words: str, reached: bool) -> None:
    assert reaches_contradiction(words) is reached


@pytest.mark.parametrize("sentence", [", a contradiction.", " which is absurd.", "\nThis contradicts our choice."])
def test_a_display_the_text_calls_a_contradiction_is_never_refuted(tmp_path: Path, sentence: str) -> None:
    # the supposition is not read as a case ("a largest integer" in words): the sentence after the display says the
    # line is the contradiction reached, false as expected
    body = f"# Q1\n\nSuppose there is a largest integer $N$. Consider $N+1$. We have\n$$ N + 1 \\le N $${sentence}\n"
    steps = _graded(tmp_path, body)
    assert [v for _, v, _ in steps] == [Mark.UNKNOWN] and "calls it a contradiction" in steps[0][2], steps


def test_a_display_the_text_does_not_call_a_contradiction_is_still_refuted(tmp_path: Path) -> None:
    steps = _graded(tmp_path, "# Q1\n\nWe have\n$$ (x + 1)^2 = x^2 + 2x + 1 = x^2 + 1 $$\nby contradiction.\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED, Mark.REFUTED], steps


@pytest.mark.parametrize("sentence", [
    "as long as $x \\ge 0$.", "so long as $x \\geq 0$.", "on the interval $x \\ge 0$.", "in the region $x > 0$.",
    "(recall $x \\ge 0$).", "holds for every nonnegative $x$.", "over the half-line $x \\ge 0$.",
])
def test_more_wordings_of_a_condition_after_the_display_are_read(tmp_path: Path, sentence: str) -> None:
    # sqrt(x^2) + 1 = x + 1 is false at x < 0 only: refuted there when the sentence was not read
    steps = _graded(tmp_path, f"# Q1\n\nSo\n$$ \\sqrt{{x^2}} + 1 = x + 1 $$\n$$ = 1 + x, $$\n{sentence}\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED, Mark.PROVED]
    assert "under the condition stated" in steps[0][2]


def test_a_wrong_display_under_a_condition_in_new_words_is_still_refuted(tmp_path: Path) -> None:
    steps = _graded(tmp_path, "# Q1\n\nSo\n$$ \\sqrt{x^2} + 1 = x + 1 $$\n$$ = 1 - x, $$\nas long as $x \\ge 0$.\n")
    assert [v for _, v, _ in steps] == [Mark.PROVED, Mark.REFUTED]
    assert "under the condition stated" in steps[1][2]


@pytest.mark.parametrize("sentence", ["on $(0, 1)$.", "over $[0, 1)$.", "on $\\mathbb{R}_{>0}$."])
def test_a_domain_after_the_display_that_names_no_variable_holds_refutations_back(tmp_path: Path,
                                                                                  sentence: str) -> None:
    # k^3 < k^2 < 1 on (0, 1) is true; the set names no variable, so it is not read: never refuted
    steps = _graded(tmp_path, f"# Q1\n\n$$ k^3 < k^2 < 1 $$\n{sentence}\n")
    assert steps and all(v is Mark.UNKNOWN for _, v, _ in steps)


def test_a_condition_before_a_turn_to_the_other_case_is_read(tmp_path: Path) -> None:
    # "when $x \ge 0$, while for $x < 0$": the first display's condition, the second's hypothesis
    body = ("\\section{Question 1}\n\\begin{align*}\n|x| &= x \\\\\n\\intertext{when $x \\geq 0$, while for $x < 0$}\n"
            "|x| &= -x\n\\end{align*}\n")
    steps = _graded(tmp_path, body, "answer.tex")
    assert steps[0][1] is Mark.PROVED and "when $x \\geq 0$" in steps[0][2]
    assert all(v is not Mark.REFUTED for _, v, _ in steps)
    wrong = body.replace("\\begin{align*}\n|x| &= x \\\\",
                         "So\n\\begin{align*}\n\\sqrt{x^2} + 1 &= 1 - x \\\\\n&= 1 - x")
    assert _graded(tmp_path, wrong, "answer.tex")[0][1] is Mark.REFUTED  # a slip under the condition: refuted
