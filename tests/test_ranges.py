"""Text math whose relations are all inequalities: a range the text works in, or claims to check."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.ranges import RangeReading, as_claim, range_grades, range_reading
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

x, p, d = (sp.Symbol(n, real=True) for n in "xpd")
_REL = {"<": sp.Lt, "\\le": sp.Le, ">": sp.Gt, "\\ge": sp.Ge}


def _range(lead: str, *parts: sp.Basic | str) -> ReadChain:
    """A chain of text math ``a rel b rel c ...`` (kind ``range``) after the words ``lead``."""
    sides = [ReadSide(line=1, column=1, relation=None, relation_text="", text=str(parts[0]), expr=parts[0],
                      error=None)]
    for rel, e in zip(parts[1::2], parts[2::2], strict=True):
        assert isinstance(rel, str) and isinstance(e, sp.Basic)
        sides.append(ReadSide(line=1, column=1, relation=None, relation_text=rel, text=str(e), expr=e, error=None))
    return ReadChain(line=1, sides=tuple(sides), links=(), kind="range", lead=lead, question=None)


_ONE, _TWO, _ZERO = sp.Integer(1), sp.Integer(2), sp.Integer(0)


@pytest.mark.parametrize(("lead", "parts", "reading"), [
    # after a hypothesis or a setting: a range, whatever its sides
    ("Let ", (_ZERO, "<", p, "<", _ONE), RangeReading.CASE),
    ("Assume ", (_ZERO, "<", abs(x - 2), "<", d), RangeReading.CASE),
    ("the bound holds for ", (_ZERO, "<", abs(x - 2), "<", d), RangeReading.CASE),
    ("Unless ", (_ZERO, "<", p, "<", _ONE), RangeReading.CASE),
    # no word: a name bounded by names and numbers is a range; numbers alone, or an expression at an end, claims
    ("The probability ", (_ZERO, "<", p, "<", _ONE), RangeReading.CASE),
    ("Since ", (_ZERO, "<", x, "<", _ONE), RangeReading.CASE),
    ("Note ", (_ONE, "<", _TWO, "<", _ONE), RangeReading.CLAIM),
    ("", (x**2 + 1, "\\ge", 2 * x, "\\ge", 3 * x), RangeReading.CLAIM),
    # after words that draw a consequence: claims; a bound on names drawn so is unknown (and still the case)
    ("So ", (_ONE, "<", _TWO, "<", _ONE), RangeReading.CLAIM),
    ("Hence ", (x**2 + 1, "\\ge", 2 * x, "\\ge", 3 * x), RangeReading.CLAIM),
    ("Since $0 < x < 1$, we get ", (x**3, ">", x**2, ">", x), RangeReading.CLAIM),
    ("Hence ", (_ZERO, "<", p, "<", _ONE), RangeReading.DRAWN),
    # an expression bounded by names and numbers with no word, or after "since": a range or a claim, unknown
    ("The point ", (_ZERO, "<", abs(x - 2), "<", d), RangeReading.UNCLEAR),
    ("Since ", (_ZERO, "<", abs(x - 2), "<", d), RangeReading.UNCLEAR),
], ids=["let", "assume-expression", "for-expression", "unless", "name-bounded", "since-name", "numbers",
        "expression-ends", "so-numbers", "hence-expressions", "we-get", "hence-name", "bounded-expression",
        "since-expression"])
def test_a_range_is_read_from_the_words_before_it_and_its_sides(lead: str, parts: tuple[sp.Basic | str, ...],
                                                                reading: RangeReading) -> None:
    assert range_reading(_range(lead, *parts)) is reading


def test_only_claims_become_checked_chains() -> None:
    assert as_claim(_range("So ", _ONE, "<", _TWO, "<", _ONE)).kind == "inline"
    assert as_claim(_range("Let ", _ZERO, "<", p, "<", _ONE)).kind == "range"


def test_a_range_neither_read_is_reported_unknown_never_dropped() -> None:
    taken = (sp.Gt(p, 0), sp.Lt(p, 1))
    assert range_grades(_range("Let ", _ZERO, "<", p, "<", _ONE), taken) == []  # a case taken, as before
    ((_, _, drawn),) = range_grades(_range("Hence ", _ZERO, "<", p, "<", _ONE), taken)
    assert [g.verdict for g in drawn] == [Mark.UNKNOWN, Mark.UNKNOWN] and "the case" in drawn[0].message
    ((_, _, unclear),) = range_grades(_range("The point ", _ZERO, "<", abs(x - 2), "<", d), None)
    assert [g.verdict for g in unclear] == [Mark.UNKNOWN, Mark.UNKNOWN] and "No word" in unclear[0].message


def _graded(tmp_path: Path, body: str) -> list[tuple[int, Mark, str]]:
    path = tmp_path / "answer.md"
    path.write_text(f"## Answer 1\n\n{body}\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    return [(s.line, s.verdict, (s.message or "") + (s.counterexample or "")) for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("body", "expected"), [
    # claims in text math, each relation a step: the false one refuted
    ("So $2 < 3 < 2$. Also\n$$ x + 1 = 1 + x $$", [Mark.PROVED, Mark.REFUTED, Mark.PROVED]),
    ("Hence $x^2 + 4 \\ge 4x \\ge 5x$ and\n$$ x + 1 = 1 + x $$", [Mark.PROVED, Mark.REFUTED, Mark.PROVED]),
    # refuted inside the case the same sentence takes (x^4 > x^2 fails at every 0 < x < 1)
    ("Since $0 < x < 1$, we get $x^4 > x^2 \\ge 0$.", [Mark.REFUTED, Mark.PROVED]),
    # a range the text assumes is never checked, nor refuted: it is the case of the lines after it
    ("Let $0 < p < 1$. Then\n$$ p^2 < p $$", [Mark.PROVED]),
    ("Hence $0 < p < 1$. So\n$$ p^2 < p $$", [Mark.UNKNOWN, Mark.UNKNOWN, Mark.UNKNOWN]),
    ("$0 < |x - 2| < d$ gives the bound.", [Mark.UNKNOWN, Mark.UNKNOWN]),
    # a question is no claim
    ("Is it true that $2 < 3 < 2$? No.", [Mark.UNKNOWN, Mark.UNKNOWN]),
    # a reason after the text math ("since $...$") that nothing establishes: rested on, never proved from
    ("So $x^3 < x^2 < x$ since $0 < x < 1$.", [Mark.UNKNOWN, Mark.UNKNOWN]),
], ids=["so-numbers", "hence-expressions", "refuted-in-the-case", "let-range", "drawn-bound", "unclear",
        "asked", "since-after"])
def test_an_inequality_chain_in_text_math_is_checked_only_where_it_is_claimed(
        tmp_path: Path, body: str, expected: list[Mark]) -> None:
    steps = _graded(tmp_path, body)
    assert [v for _, v, _ in steps] == expected, steps
    if Mark.REFUTED in expected and "Since" in body:
        assert "x = " in next(m for _, v, m in steps if v is Mark.REFUTED)  # a point inside 0 < x < 1


def test_a_range_chain_is_reported_under_its_question(tmp_path: Path) -> None:
    # the report of a range chain carries its question like any other chain (it once broke the report)
    path = tmp_path / "answer.md"
    path.write_text("## Answer 2\n\n$0 < |x - 2| < d$ gives the bound.\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    assert sub.error is None and [c.question for c in sub.chains] == ["2"]


L, eta, gamma = (sp.Symbol(n, real=True) for n in ("L", "eta", "gamma"))


@pytest.mark.parametrize(("lead", "parts", "reading"), [
    # a name bounded on both sides after a noun phrase: the setting stated for it, whatever its ends (F1)
    ("We use a step size ", (_ZERO, "<", eta, "<", _TWO / L), RangeReading.CASE),
    ("Take the learning rate ", (_ZERO, "<", eta, "\\le", _ONE / L), RangeReading.CASE),
    ("Consider a margin ", (_ZERO, "<", gamma, "\\le", abs(x)), RangeReading.CASE),
    ("A learning rate ", (_ONE / L, ">", eta, ">", _ZERO), RangeReading.CASE),
    # still claims: after a consequence word, an end that uses the name, relations pointing both ways
    ("Hence ", (_ZERO, "<", eta, "<", _TWO / L), RangeReading.CLAIM),
    ("The value ", (_ZERO, "<", x, "<", x**2), RangeReading.CLAIM),
    ("The value ", (_ONE / L, "<", eta, ">", _ZERO), RangeReading.CLAIM),
], ids=["step-size", "learning-rate", "margin", "reversed", "hence", "name-in-an-end", "both-ways"])
def test_a_name_bounded_by_expressions_after_a_noun_phrase_is_a_range(
        lead: str, parts: tuple[sp.Basic | str, ...], reading: RangeReading) -> None:
    assert range_reading(_range(lead, *parts)) is reading


@pytest.mark.parametrize("body", [
    "We use a step size $0 < \\eta < \\frac{2}{L}$ where $L > 0$ is the smoothness constant.",
    "We run gradient descent with a step size $0 < \\eta \\le 1/L$.",
    "Consider a margin $0 < \\gamma \\le \\|w\\|$.",
    "The learning rate $\\eta_t = \\frac{c}{\\sqrt t}$ uses a constant $0 < c < \\frac{1}{L}$.",
    "Take the learning rate $\\eta \\in (0, 2/L)$ with $L > 0$; then $0 < \\eta L < 2$.",
], ids=["step-size-where", "with-a-step-size", "margin", "a-constant", "interval-then-consequence"])
def test_a_stated_range_of_a_hyper_parameter_is_never_refuted_nor_what_is_drawn_in_it(tmp_path: Path,
                                                                                      body: str) -> None:
    steps = _graded(tmp_path, body)
    assert all(v is not Mark.REFUTED for _, v, _ in steps), steps


def test_a_false_consequence_of_a_stated_range_is_still_refuted_inside_it(tmp_path: Path) -> None:
    # eta L < 1 fails inside 0 < eta < 2/L, L > 0 (eta = 3/(2L)): refuted at a point of the stated range
    steps = _graded(tmp_path, "Take the learning rate $\\eta \\in (0, 2/L)$ with $L > 0$; then $0 < \\eta L < 1$.")
    assert [v for _, v, _ in steps][-1] is Mark.REFUTED, steps
