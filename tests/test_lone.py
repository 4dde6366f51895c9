"""Equations displayed on their own that restate an earlier result (symproofs.grading.lone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

_BASEL = "$$ \\sum_{k=1}^{\\infty} \\frac{1}{k^2} = %s $$"
_GEOMETRIC = "$$ \\sum_{k=0}^{n} 2^k = %s $$"


def _steps(tmp_path: Path, *rows: str) -> list[tuple[Mark, str, str]]:
    path = tmp_path / "answer.md"
    path.write_text("## Answer 1\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=30, jobs=1))
    return [(s.verdict, s.message or "", s.counterexample or "") for c in sub.chains for s in c.steps]


@pytest.mark.parametrize(("rows", "said"), [
    ((_BASEL % "\\frac{\\pi^2}{6}", _BASEL % "\\frac{\\pi^2}{8}"), "left = pi**2/6, right = pi**2/8"),
    ((_GEOMETRIC % "2^{n+1} - 1", _GEOMETRIC % "2^{n+1}"), "right = "),
], ids=["basel", "geometric"])
def test_a_restatement_apart_by_a_constant_from_a_shown_result_is_refuted(tmp_path: Path, rows: tuple[str, ...],
                                                                         said: str) -> None:
    (first, *_), (verdict, message, cx) = _steps(tmp_path, *rows)
    # the geometric closed form holds for n >= -1 only (n < -1 empties the sum), which nothing states
    assert first is (Mark.PROVED if "pi" in said else Mark.UNKNOWN)
    assert verdict is Mark.REFUTED, message
    assert "checked as written (it restates line 3)" in message
    assert said in cx


def test_a_restatement_of_a_result_not_shown_is_checked_as_written(tmp_path: Path) -> None:
    # line 1 is false (refuted): the true line 2 is proved as written, never refuted by comparison with it
    (first, _, _), (verdict, message, _) = _steps(tmp_path, _BASEL % "\\frac{\\pi^2}{5}", _BASEL % "\\frac{\\pi^2}{6}")
    assert first is Mark.REFUTED
    assert verdict is Mark.PROVED and "checked as written" in message


def test_a_restatement_that_agrees_is_proved(tmp_path: Path) -> None:
    steps = _steps(tmp_path, _BASEL % "\\frac{\\pi^2}{6}", _BASEL % "\\frac{\\pi^{2}}{6}")
    assert [v for v, _, _ in steps] == [Mark.PROVED, Mark.PROVED]


def _graded(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    path = tmp_path / "answer.md"
    path.write_text(body, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    return [(s.verdict, s.message) for c in sub.chains for s in c.steps]


def test_a_restatement_of_an_unproved_line_is_held_back_as_a_line_on_its_own(tmp_path: Path) -> None:
    # the first line is not shown (nothing says b > 0): the second, true for b < 0, is never refuted against it
    body = ("Simplify $|b|$ for $b > 0$.\n\n$$\\sqrt{b^2} = b$$\n\n"
            "Simplify $|b|$ for $b < 0$.\n\n$$\\sqrt{b^2} = -b$$\n")
    (first, _), (second, why) = _graded(tmp_path, body)
    assert first is Mark.UNKNOWN and second is Mark.UNKNOWN
    assert "checked as written (it restates line 3)" in why and "stated on its own" in why


@pytest.mark.parametrize(("restated", "expected"), [
    pytest.param("u^2 + (k - d)^2", Mark.PROVED, id="the-same-value"),
    pytest.param("u^2 + (k + d)^2", Mark.REFUTED, id="another-value"),
])
def test_a_restatement_of_a_proved_line_is_compared_with_it(tmp_path: Path, restated: str, expected: Mark) -> None:
    body = ("Let $Z$ be a random variable with mean $k$ and variance $u^2$.\n\n"
            "$$\\mathbb{E}[(Z-d)^2] = u^2 + (k - d)^2$$\n\nSo\n\n"
            f"$$\\mathbb{{E}}[(Z-d)^2] = {restated}$$\n")
    (first, _), (second, why) = _graded(tmp_path, body)
    assert first is Mark.PROVED and second is expected
    # proved as written; where that leaves it unknown (no law of Z), the proved line decides it
    assert expected is Mark.PROVED or "compared with the result of line 3" in why


def test_a_restatement_is_not_compared_with_a_line_of_another_question(tmp_path: Path) -> None:
    body = ("## Answer 1\n\nLet $Z$ be a random variable with mean $k$ and variance $u^2$.\n\n"
            "$$\\mathbb{E}[(Z-d)^2] = u^2 + (k - d)^2$$\n\n## Answer 2\n\n"
            "$$\\mathbb{E}[(Z-d)^2] = u^2 + (k + d)^2$$\n")
    (first, _), (second, why) = _graded(tmp_path, body)
    assert first is Mark.PROVED and second is not Mark.REFUTED
    assert "compared" not in why


@pytest.mark.parametrize(("display", "value", "verdict"), [
    ("n^2 = 100", "n = 10", Mark.PROVED),
    ("m^2 = 99", "m = 10", Mark.REFUTED),
    ("x^2 - 5x + 6 = 0", "x = 2", Mark.PROVED),
])
def test_an_equation_in_one_unknown_is_checked_at_the_value_where_gives(tmp_path: Path, display: str, value: str,
                                                                         verdict: Mark) -> None:
    # "$$n^2 = 100$$ where $n = 10$": a claim about n = 10, not a condition to solve
    ((mark, message),) = _graded(tmp_path, f"# Q1\n\n$${display}$$ where ${value}$.\n")
    assert mark is verdict and "value the text gives" in message


def test_an_equation_in_one_unknown_with_no_value_after_it_stays_a_condition(tmp_path: Path) -> None:
    ((mark, message),) = _graded(tmp_path, "# Q1\n\n$$n^2 = 100$$ where $m = 10$.\n")
    assert mark is Mark.UNKNOWN and "condition" in message


def test_a_value_given_right_after_a_display_holds_for_that_display_alone(tmp_path: Path) -> None:
    # two "where" values of n: each display is checked with its own (n = 2 alone for the second, not n = 10 and
    # n = 2, which no value meets), and the line after both rests on neither
    body = ("# Q1\n\nWe have $$ n^2 = 100 $$ where $n = 10$.\n\nNow $$ n^2 = 4 $$ where $n = 2$.\n\n"
            "Then $$ n + 1 = 11 $$\n")
    (first, second, third) = _graded(tmp_path, body)
    assert first[0] is Mark.PROVED
    assert second[0] is not Mark.REFUTED and "n = 2" in second[1] and "n = 10" not in second[1]
    assert third[0] is Mark.UNKNOWN


@pytest.mark.parametrize(
    ("row", "verdict"),
    [
        pytest.param("a < b", Mark.UNKNOWN, id="names-defined-in-words"),
        pytest.param("a \\ge 1", Mark.UNKNOWN, id="a-claim-in-words"),
        pytest.param("x^2 < x", Mark.REFUTED, id="free-names-checked-as-written"),
        pytest.param("x^2 + 1 < 0", Mark.REFUTED, id="false-for-every-value"),
        pytest.param("y^2 + 2 \\ge 1", Mark.PROVED, id="true-for-every-value"),
    ],
)
def test_an_inequality_on_its_own_is_held_back_like_an_equation(tmp_path: Path, row: str, verdict: Mark) -> None:
    # names the text defines in words: no counterexample at values the words exclude (a = b = 0 for b = a + 1);
    # refuted only where no definition of the names could make the line hold
    body = f"Let $a$ be the norm of the gradient and $b$ the same norm plus one. Then\n\n$$ {row} $$\n"
    ((mark, why),) = _graded(tmp_path, body)
    assert mark is verdict, why
    if verdict is Mark.UNKNOWN:
        assert "stated on its own" in why or "not checked" in why


def test_a_number_of_the_same_value_restates_nothing(tmp_path: Path) -> None:
    # 3! = 3 after \binom{4}{2} = 4 (both left sides are 6): checked as written, no "restates line 3"
    sub = graded(tmp_path, "# Q1\n\n$$\\binom{4}{2} = 4$$\n\n$$3! = 3$$\n\n$$3! = 6$$\n")
    got = [(s.verdict, s.message) for s in steps(sub)]
    assert [v for v, _ in got] == [Mark.REFUTED, Mark.REFUTED, Mark.PROVED]
    assert not any("restates" in m for _, m in got)


def test_a_function_formula_after_a_display_using_its_variable_is_a_definition(tmp_path: Path) -> None:
    # f(x) = x^2 + 3x right after a display about x still defines f: f(2) = 11 and f'(x) = 2x are slips
    got = _steps(tmp_path, "$$ \\exp(x)^2 = \\exp(x^2) $$", "", "$$ f(x) = x^2 + 3x $$", "",
                 "$$ f'(x) = 2x $$", "", "$$ f(2) = 11 $$", "", "$$ f(2) = 10 $$")
    assert [v for v, _, _ in got[1:]] == [Mark.UNKNOWN, Mark.REFUTED, Mark.REFUTED, Mark.PROVED]
    assert "defines f(x)" in got[1][1]


@pytest.mark.parametrize("body", [
    # g described in words (g = f'), then a wrong formula for it and a value resting on it: never proved
    "Let $$f(x) = x^2$$ and let $g$ be the derivative of $f$. Then $$g(x) = 3x$$ so $$g(1) = 3$$",
    "Let $$f(x) = x^2$$ We have $$f(2) = 4$$ Let $g = f'$. Then $$g(x) = 3x$$ and $$g(1) = 3$$",
    "Let $$f(x) = 2x$$ We have $$f(1) = 2$$ and let $h$ be the inverse of $f$: $$h(y) = 3y$$ so $$h(2) = 6$$",
], ids=["derivative-in-words", "derivative-in-text-math", "inverse-in-words"])
def test_a_formula_for_a_function_the_words_fix_is_a_claim_not_a_definition(tmp_path: Path, body: str) -> None:
    got = _steps(tmp_path, body)
    assert all(v is not Mark.PROVED for v, _, _ in got[2:]), got
    assert not any("the student defines g" in m or "the student defines h" in m for _, m, _ in got), got


_FACTORED = ("We expand:", "", "$$(a+b)^2 - b^2 = a^2 + 2ab$$", "", "$$= a(a + s b)$$", "(3)", "")


@pytest.mark.parametrize(("value", "verdict"), [("2", Mark.PROVED), ("3", Mark.REFUTED)], ids=["right", "wrong"])
def test_a_value_displayed_right_after_a_display_is_the_one_it_used(tmp_path: Path, value: str,
                                                                    verdict: Mark) -> None:
    # "... = a(a + s b)  (3)  where $$s = 2$$": the line is a claim with s = 2 (the equation number is no word)
    got = _steps(tmp_path, *_FACTORED, "where", f"$$s = {value}$$", "and we are done.")
    assert [v for v, _, _ in got[:2]] == [Mark.PROVED, verdict], got
    assert "checked with the value the text gives right after it" in got[1][1]


def test_a_value_displayed_later_in_other_words_is_not_the_one_the_display_used(tmp_path: Path) -> None:
    # "Then we compute $$s = 2$$": a value arrived at after the line, not the one it was written with
    got = _steps(tmp_path, *_FACTORED, "Then we compute", "$$s = 2$$", "and we are done.")
    assert got[1][0] is not Mark.PROVED, got
    assert "checked with the value" not in got[1][1]


def test_a_name_valued_before_the_display_keeps_its_value(tmp_path: Path) -> None:
    # s = 3 from the start: "where $$s = 2$$" after the display is no second value of it to check the line with
    got = _steps(tmp_path, "Let", "$$s = 3$$", "", *_FACTORED, "where", "$$s = 2$$", "and we are done.")
    assert all(v is not Mark.PROVED for v, m, _ in got if "a(a + s b)" in m or "checked with the value" in m), got
    assert not any("checked with the value" in m for _, m, _ in got), got


def test_another_number_for_a_name_the_course_defines_is_a_slip_not_a_new_quantity(tmp_path: Path) -> None:
    # the course defines c = 3: "c = 4" after "c = 1 + 2 = 3" is refuted (against the course's c), never
    # "a new quantity or a slip?"; "c = 2 + 1" restates the shown result and is proved
    course = "[symbols]\nc = \"real\"\n[definitions]\nthree = 'c = 3'\n"
    sub = graded(tmp_path, "## Answer 1\n\n$$c = 1 + 2 = 3$$\n\n$$c = 4$$\n\n$$c = 2 + 1$$\n", notation=course)
    got = {s.line: s for s in steps(sub)}
    assert got[5].verdict is Mark.REFUTED and got[5].method != "two values", got[5].message
    assert got[7].verdict is Mark.PROVED, got[7].message
