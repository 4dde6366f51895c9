"""A definition in text math stated under a condition (symproofs.grading.clauses): read as one clause of a
piecewise definition where its condition is read, and never used outside it; not used at all where it is not."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark


def _by_line(tmp_path: Path, text: str) -> dict[int, tuple[Mark, str]]:
    return {s.line: (s.verdict, s.message) for s in steps(graded(tmp_path, text))}


def test_otherwise_is_the_complement_of_the_clause_before(tmp_path: Path) -> None:
    got = _by_line(
        tmp_path,
        "## Answer 1\n\nLet $g$ be defined by $g(t) = t^2 - 1$ for $t \\ge 0$ and "
        "$g(t) = 0$ otherwise.\n$$ g(-2) = 3 $$\n$$ g(-2) = 0 $$\n$$ g(2) = 3 $$\n",
    )
    assert got[4][0] is Mark.REFUTED, got  # g(-2) is 0: the first formula does not hold there
    assert got[5][0] is Mark.PROVED, got
    assert got[6][0] is Mark.PROVED, got


def test_two_clauses_each_under_its_condition(tmp_path: Path) -> None:
    got = _by_line(
        tmp_path,
        "## Answer 1\n\nDefine $h(x) = x$ if $x > 0$, and $h(x) = -x$ if $x \\le 0$. Then\n"
        "$$ h(-3) = -3 $$\n$$ h(-3) = 3 $$\n$$ h(-3) + h(3) = 6 $$\n",
    )
    assert got[4][0] is Mark.REFUTED, got
    assert got[5][0] is Mark.PROVED, got
    assert got[6][0] is Mark.PROVED, got


def test_a_clause_is_never_applied_outside_its_condition(tmp_path: Path) -> None:
    got = _by_line(tmp_path, "## Answer 1\n\nLet $q(s) = s^2$ for $s \\ge 0$.\n$$ q(4) = 16 $$\n$$ q(-4) = 16 $$\n")
    assert got[4][0] is Mark.PROVED, got
    assert got[5][0] is Mark.UNKNOWN, got  # q has no value at -4: neither proved nor refuted


def test_a_condition_in_words_not_read_makes_no_definition(tmp_path: Path) -> None:
    got = _by_line(
        tmp_path,
        "## Answer 1\n\nLet $b_k = k^2$ for even $k$ and $b_k = 0$ for odd $k$.\n"
        "$$ b_3 = 9 $$\n\n## Answer 2\n\nLet $k(x) = x^2$ on $[0, 1]$ and $k(x) = 1$ elsewhere.\n"
        "$$ k(2) = 4 $$\n\n## Answer 3\n\nLet $f(x) = x$ when $x$ is positive. Then\n"
        "$$ f(-5) = -5 $$\n",
    )
    for line in (4, 9, 14):
        verdict, message = got[line]
        assert verdict is Mark.UNKNOWN and "needs" in message, (line, got)


def test_a_value_at_a_point_beside_a_rule_for_the_other_indices_is_kept(tmp_path: Path) -> None:
    got = _by_line(
        tmp_path,
        "## Answer 1\n\nLet $a_n = 2^n$ for $n \\ge 1$, and $a_0 = 5$.\n"
        "$$ a_0 = 1 $$\n$$ a_0 + a_1 = 7 $$\n$$ a_2 = 4 $$\n",
    )
    assert got[4][0] is Mark.REFUTED, got  # a_0 is 5, not 2^0
    assert got[5][0] is Mark.PROVED, got
    assert got[6][0] is Mark.PROVED, got


def test_a_plain_definition_and_a_list_of_them_are_still_used(tmp_path: Path) -> None:
    got = _by_line(
        tmp_path,
        "## Answer 1\n\nLet $f(x) = x^2$.\n$$ f(3) = 9 $$\n\n## Answer 2\n\n"
        "Let $f(x) = x^2$, $g(x) = x^3$.\n$$ f(2) + g(2) = 12 $$\n$$ f(2) = 5 $$\n",
    )
    assert got[4][0] is Mark.PROVED, got
    assert got[9][0] is Mark.PROVED, got
    assert got[10][0] is Mark.REFUTED, got


def test_a_condition_before_the_definition_in_its_sentence_makes_no_definition(tmp_path: Path) -> None:
    got = _by_line(tmp_path, "## Answer 1\n\nFor $x > 0$ let $f(x) = x$. Then\n$$ f(-1) = -1 $$\n")
    assert got[4][0] is Mark.UNKNOWN and "needs" in got[4][1], got
