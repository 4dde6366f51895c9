"""Whether the sentence around text math claims it (symproofs.latex.claims)."""

from __future__ import annotations

import pytest

from symproofs.latex.claims import clause_after, denied_display, not_claimed, unasked, unmarked


@pytest.mark.parametrize(("before", "after"), [
    # a question: it ends with "?", or opens with a verb, or asks whether
    ("Is", "? No, only when $x \\ge 0$."),
    ("**(b)** Is", " in general. Yes."),
    ("We check whether", " holds."),
    ("Could it be that", " here?"),
    # a denial before it in its clause
    ("We cannot write", " in general."),
    ("It is not true that", "."),
    ("We cannot simply say", "."),
    ("A common mistake is to write", "."),
    ("One might wrongly conclude", "."),
    ("This holds since we cannot write", "."),  # its own clause
    # words after it that take it back
    ("We get", ", which is wrong."),
    ("Writing", " would be a mistake."),
    ("Then", " is false in general."),
])
def test_math_a_sentence_asks_or_denies_is_not_claimed(before: str, after: str) -> None:
    assert not_claimed(before, after)


@pytest.mark.parametrize(("before", "after"), [
    ("Hence", "."),
    ("We can write", " in general."),
    ("It is not hard to see that", "."),  # a negation that denies nothing
    ("We cannot use the rule. Instead,", "."),  # a denial in the sentence before
    ("We cannot cancel, since", "."),  # in another clause
    ("Then", " holds, as claimed. Is it clear?"),  # a question in the next sentence
    ("Is it clear? Then", "."),
    ("", " is the key step."),
])
def test_math_a_sentence_states_is_claimed(before: str, after: str) -> None:
    assert not not_claimed(before, after)


def test_the_clause_after_math_ends_at_a_comma_or_a_conjunction() -> None:
    assert clause_after(" is wrong, since the bound fails. Then") == " is wrong"
    assert clause_after(" since otherwise the bound is wrong.") == " "
    assert clause_after(" would be a mistake. Hence") == " would be a mistake."


@pytest.mark.parametrize(("body", "asks"), [
    ("\\log x \\le x - 2 ?", True), ("a = b \\text{?}", True), ("a = b?\n", True), ("x \\le 1 ? .", True),
    ("a \\stackrel{?}{=} b", False), ("a = b.", False), ("a = b", False),
])
def test_a_display_that_ends_with_a_question_mark_asks(body: str, asks: bool) -> None:
    rest, asked = unasked(body)
    assert asked is asks and len(rest) == len(body) and "?" not in rest[-3:]


@pytest.mark.parametrize(("before", "after"), [
    ("It is *not* true that", ""), ("and it is **not** true that", ""), ("It is \\emph{not} true that", ""),
    ("It is \\textbf{not} true that", ""), ("It is _not_ true that", ""), ("**Wrong:**", ""), ("Incorrect:", ""),
    ("*False.*", ""), ("One cannot conclude that", ""), ("One *cannot* conclude that", ""),
    ("A common mistake is to write", ""), ("The claim", " is false: with $a = b = 1$"),
    ("", " does not hold in general."), ("", "\nfails for $a = 1$."), ("", " which is wrong."),
    ("", " is **not** an identity."), ("", ", which is a common mistake."),
])
def test_a_display_the_words_deny_through_emphasis_and_after_it(before: str, after: str) -> None:
    assert denied_display(before, after)


@pytest.mark.parametrize(("before", "after"), [
    ("We have", "."), ("It is true that", ""), ("**Right:**", ""), ("Hence", " holds for all $a$ and $b$."),
    ("", "\nThe previous answer is wrong."), ("We cannot stop here:", ""), ("Note that", ", so the bound fails later."),
    ("It is *not* hard to see that", ""),
])
def test_a_display_the_words_state_is_not_denied(before: str, after: str) -> None:
    assert not denied_display(before, after)


def test_emphasis_markup_is_read_through_and_subscripts_are_kept() -> None:
    assert unmarked("It is **not** true") == "It is not true"
    assert unmarked("__Wrong:__ $a_i + x_{j}$") == "Wrong: $a_i + x_{j}$"
