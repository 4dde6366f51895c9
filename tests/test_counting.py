"""Refutations at a non-integer value of a letter that counts (symproofs.grading.counting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import LineGrade, Mark


def _steps(tmp_path: Path, body: str) -> list[LineGrade]:
    return steps(graded(tmp_path, "# Q1\n\n" + body))


@pytest.mark.parametrize("words", ["for all $n \\ge 0$", "for every $n \\ge 0$", ""])
def test_a_counting_letter_is_not_refuted_at_a_fraction(tmp_path: Path, words: str) -> None:
    # n^2 >= n holds for every whole n; it fails only between 0 and 1
    (first, *_) = _steps(tmp_path, f"We show $n^2 \\ge n \\ge n - 1$ {words}.\n")
    assert first.verdict is Mark.UNKNOWN
    assert "needs: is n an integer?" in first.message


def test_a_display_for_all_n_is_not_refuted_at_a_fraction(tmp_path: Path) -> None:
    (step,) = _steps(tmp_path, "We show that\n\n$$2^n \\ge n+1$$\n\nfor all $n \\ge 0$.\n")
    assert step.verdict is Mark.UNKNOWN and "is n an integer?" in step.message


def test_a_false_step_is_refuted_at_a_whole_value(tmp_path: Path) -> None:
    # 2^n >= n + 2 fails at n = 0 (and n = 1): the point moves there from a fraction
    (first, second) = _steps(tmp_path, "We show $2^n \\ge n+2 \\ge 2$ for all $n \\ge 0$.\n")
    assert first.verdict is Mark.REFUTED and first.counterexample is not None
    assert "n = 0" in first.counterexample or "n = 1" in first.counterexample
    assert second.verdict is Mark.PROVED


def test_a_letter_that_does_not_count_is_refuted_at_a_fraction(tmp_path: Path) -> None:
    (first, _) = _steps(tmp_path, "We show $x^2 \\ge x \\ge 0$ for all $x \\ge 0$.\n")
    assert first.verdict is Mark.REFUTED


@pytest.mark.parametrize("domain", ["positive", "nonnegative"])
def test_a_counting_letter_is_never_moved_outside_its_declared_domain(tmp_path: Path, domain: str) -> None:
    # n^3 >= n^2 holds for every whole n >= 0; -1 breaks the declaration, the only counterexamples are fractions
    sub = graded(tmp_path, "# Q1\n\nAlso $$ n^3 \\ge n^2 $$\n", notation=f'[symbols]\nn = "{domain}"\n')
    (step,) = steps(sub)
    assert step.verdict is Mark.UNKNOWN and "is n an integer?" in step.message


def test_a_counting_letter_at_a_positive_fraction_is_not_moved_to_a_negative_whole_value(tmp_path: Path) -> None:
    # "for all positive $n$" after the display: n > 0, so n = -1 is none of the text's points
    (step,) = _steps(tmp_path, "We show that $$ n^3 \\ge n^2 $$ for all positive $n$.\n")
    assert step.verdict is not Mark.REFUTED


@pytest.mark.parametrize(
    "display",
    [
        "\\sum_{t=1}^{T} \\frac{1}{t(t+1)} = 1 - \\frac{1}{T+1} \\le 1",
        "\\sum_{t=1}^{T} \\frac{1}{t(t+1)} = 1 - \\frac{1}{T+1} < 1",
        "\\binom{n}{2} = \\frac{n(n-1)}{2} \\le \\frac{n^2}{2}",
    ],
)
def test_a_bound_is_not_refuted_where_a_count_of_its_chain_is_negative(tmp_path: Path, display: str) -> None:
    # true for every count T, n >= 0; false only at T = -2 (a sum of -2 terms), n = -1 (\binom{-1}{2} = 1)
    *_, last = _steps(tmp_path, f"$${display}$$\n")
    assert last.verdict is Mark.UNKNOWN, (last.verdict, last.counterexample)
    assert "refuted only where" in last.message and "negative" in last.message


@pytest.mark.parametrize(
    ("display", "at"),
    [
        ("\\sum_{t=1}^{T} \\frac{1}{t(t+1)} = 1 - \\frac{1}{T+1} \\le \\frac{1}{2}", "T = 2"),
        ("\\binom{n}{2} = \\frac{n(n-1)}{2} \\le \\frac{n}{2}", "n = 3"),
    ],
)
def test_a_slip_after_a_count_is_refuted_where_the_count_is_not_negative(tmp_path: Path, display: str, at: str) -> None:
    *_, last = _steps(tmp_path, f"$${display}$$\n")
    assert last.verdict is Mark.REFUTED and last.counterexample is not None
    assert at in last.counterexample


def test_the_counts_of_a_chain_are_its_ranges_and_arguments() -> None:
    import sympy as sp

    from symproofs.grading.counting import term_counts

    t, T, n = sp.symbols("t T n", integer=True)
    k = sp.Symbol("k", integer=True)
    counts = term_counts(
        [
            sp.Sum(1 / t, (t, 1, T)),
            sp.binomial(n, 2),
            sp.Sum(k, (k, 1, 5)),
            sp.Sum(k, (k, sp.Symbol("k_lo", integer=True), sp.Symbol("k_hi", integer=True))),
        ]
    )
    assert [c.condition for c in counts] == [sp.Ge(T, 0), sp.Ge(n, 0)]
    assert "the sum over t = 1..T has a negative number of terms" in counts[0].what
