"""Text math, and signs and bounds in words, read as the relations they state (symproofs.latex.conditions)."""

from __future__ import annotations

import pytest

from symproofs.latex.conditions import as_relations, signs_in_words, unread_in_words


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


@pytest.mark.parametrize(("text", "expected"), [
    # a bound in words ends at the number: the sentence, its clause or a connective goes on
    ("If $x$ is at most $1$.", ["x \\le 1"]),
    ("If $x$ is at most $1$, then", ["x \\le 1"]),
    ("If $x$ is greater than $0$ then", ["x > 0"]),
    ("Suppose $t$ is at least $2$\n\nThen", ["t \\ge 2"]),
    ("$x$ is at least $1$ and $y$ is at most $2$.", ["x \\ge 1", "y \\le 2"]),
    ("$x$ is at least $1$ by assumption, so", ["x \\ge 1"]),
    ("By assumption $x$ is positive and $y$ is at most $2$ in this part.", ["x > 0", "y \\le 2"]),
    ("Let $n$ be at least $2$ and let $m$ be odd.", ["n \\ge 2"]),
    ("Let $n$ be at least $2$ and at most $5$.", []),  # x >= 2 alone would be a wider case than the text's
    # words after the number make it a bound on something else: not read
    ("If $x$ is at most $1$ away from $3$, then", []),
    ("Suppose $t$ is at least $2$ more than $s$. Then", []),
    ("Here $x$ is less than $1$ in absolute value, so", []),
    ("Here $x$ is at most $1$, in absolute value.", []),
    ("Here $x$ is less than $1$ apart from $y$.", []),
])
def test_a_bound_in_words_is_read_only_where_nothing_follows_the_number(text: str, expected: list[str]) -> None:
    assert [relation for _, relation in signs_in_words(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Let $x$ and $y$ be positive.", ["x, y > 0"]),
    ("Let $t$ be an arbitrary positive number.", ["t > 0"]),  # "arbitrary" quantifies, the sign stands
    ("If $x$ and $y$ are negative, then", ["x, y < 0"]),
    ("Let $a, b$ be nonnegative.", ["a, b \\ge 0"]),
    ("Since $y$ is negative,", ["y < 0"]),
    ("We know that $x$ is positive.", ["x > 0"]),
    ("Let each of $a$ and $b$ be positive.", ["a, b > 0"]),
    ("Of course $x$ is positive.", ["x > 0"]),
    # the names belong to a noun phrase: the sign or the bound is said of it, not of them
    ("If the difference of $x$ and $y$ is positive, then", []),
    ("Suppose the product of $x$ and $y$ is negative. Then", []),
    ("the difference between the numbers $x$ and $y$ is positive", []),
    ("the ratio $x$/$y$ is positive", []),
    ("neither $x$ nor $y$ is positive", []),
    ("none of $a$ and $b$ is positive", []),
    ("If the sum of $x$ and $y$ is at least $2$, then", []),
    ("$x$ and $y$ is positive", []),  # a verb for one: of something the names make up
])
def test_a_sign_in_words_is_given_to_names_that_are_the_whole_subject(text: str, expected: list[str]) -> None:
    assert [relation for _, relation in signs_in_words(text)] == expected


@pytest.mark.parametrize(("text", "unread"), [
    ("If the difference of $x$ and $y$ is positive, then", True),
    ("Here $t$ is at least $2$ more than $s$.", True),
    ("Here $x$ is positive or negative.", True),
    ("Let $x$ and $y$ be positive.", False),
    ("Here $x$ is at most $1$.", False),
    ("The sum $x + y$ is positive.", False),  # no names: nothing said of them
])
def test_a_sign_or_a_bound_in_words_not_read_is_found(text: str, unread: bool) -> None:
    assert unread_in_words(text) is unread


@pytest.mark.parametrize(("math", "expected"), [
    ("(a, b) = (3, 4)", ["a = 3", "b = 4"]),
    ("\\mathbf{p} = (a, b) = (3, 4)", ["a = 3", "b = 4"]),
    ("a, b = 3, 4", ["a = 3", "b = 4"]),
    ("(\\mu, \\sigma) = \\left(0, 1\\right)", ["\\mu = 0", "\\sigma = 1"]),
    ("(a, b) = (b, a)", ["(a, b) = (b, a)"]),  # a swap gives no values
    ("i, j = 1, 2", ["i, j = 1, 2"]),  # indices may range over the values
    ("a, b = 1, \\dots, n", ["a, b = 1, \\dots, n"]),
    ("(a, b) = (3, 4, 5)", ["(a, b) = (3, 4, 5)"]),
    ("f(a, b) = (3, 4)", ["f(a, b) = (3, 4)"]),
    ("(a + b, c) = (1, 2)", ["(a + b, c) = (1, 2)"]),
    ("x = 1, y = 2", ["x = 1, y = 2"]),  # cut by the list reader, not here
])
def test_a_tuple_of_names_given_a_tuple_of_values_gives_each_its_value(math: str, expected: list[str]) -> None:
    assert as_relations(math) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("\\paragraph{Case (ii): $q$ negative.}", ["q < 0"]),
    ("**Case 2:** $s$ nonnegative. Then", ["s \\ge 0"]),
    ("Case B ($z$ positive): we have", ["z > 0"]),
    ("Case 1: $x$ strictly negative,", ["x < 0"]),
])
def test_a_case_heading_gives_a_name_a_sign_in_words(text: str, expected: list[str]) -> None:
    assert [relation for _, relation in signs_in_words(text)] == expected


@pytest.mark.parametrize("text", ["Case 2: $q$ negative definite.", "Case 2: $q$ positive or zero.",
                                  "The value $q$ negative appears."])
def test_no_sign_is_read_from_other_words_after_a_name(text: str) -> None:
    assert signs_in_words(text) == []
