"""Text math read as the relations it states (symproofs.latex.conditions)."""

from __future__ import annotations

import pytest

from symproofs.latex.conditions import as_relations


@pytest.mark.parametrize(("math", "expected"), [
    ("a, b > 0", ["a > 0", "b > 0"]),
    ("x_1, x_2 \\neq 0", ["x_1 \\neq 0", "x_2 \\neq 0"]),
    ("\\alpha,\\beta \\ge 0", ["\\alpha \\ge 0", "\\beta \\ge 0"]),
    ("\\gamma \\in (0, 1)", ["0 < \\gamma < 1"]),
    ("t \\in [1, T]", ["1 \\le t \\le T"]),
    # not a list of names said to satisfy one order: as written
    ("f(a, b) > 0", ["f(a, b) > 0"]),
    ("i, j = 1, \\dots, n", ["i, j = 1, \\dots, n"]),
    ("a, b > c > 0", ["a, b > c > 0"]),
    ("a + b, c > 0", ["a + b, c > 0"]),
    ("a, b, c", ["a, b, c"]),
    # a half line: strict only where written so; R^+ and R_+ are x >= 0 (the weaker of their readings)
    ("x \\in \\mathbb{R}_{>0}", ["x > 0"]),
    ("x \\in \\mathbb{R}^+", ["x \\ge 0"]),
    ("x \\in \\mathbb{R}_+", ["x \\ge 0"]),
    ("x \\in \\mathbb{R}^*", ["x \\in \\mathbb{R}^*"]),  # the nonzero reals to some readers
    # a range of indices: its two bounds
    ("c \\in \\{1, \\dots, K\\}", ["1 \\le c", "c \\le K"]),
])
def test_a_list_of_names_satisfies_what_the_last_is_said_to(math: str, expected: list[str]) -> None:
    assert as_relations(math) == expected
