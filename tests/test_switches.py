"""Tests of whether a numbered marker inside an answer switches the question."""

from __future__ import annotations

from symproofs.latex.switches import Decision, Marker, settle

KEEP, DROP, UNCLEAR = Decision.KEEP, Decision.DROP, Decision.UNCLEAR


def test_a_deeper_numbered_heading_after_the_open_question_is_unclear() -> None:
    # "# Question 1" then "### 3 observations": may be question 3, may be a titled sub-heading
    assert settle([Marker("1", "word", 1), Marker("3", "heading", 3)]) == (KEEP, UNCLEAR)
    assert settle([Marker("1", "word", 1), Marker("2", "heading", 3)]) == (KEEP, UNCLEAR)


def test_a_number_before_the_open_question_in_another_form_is_no_marker() -> None:
    # "**3.**", "\subsection*{III}", "### Remark (Question 3)" in the answer to 4: its own steps
    for pattern, level in (("bold", None), ("heading", 2), ("titled", 3), ("full", None)):
        assert settle([Marker("4", "word", 2), Marker("3", pattern, level)]) == (KEEP, DROP)


def test_the_documents_own_form_in_sequence_switches() -> None:
    marks = [Marker("1", "heading", 2), Marker("1", "heading", 3, sub=True), Marker("2", "heading", 2),
             Marker("4", "heading", 2)]
    assert settle(marks) == (KEEP, KEEP, KEEP, KEEP)
    # the same form going back: which question is unclear
    assert settle([Marker("3", "heading", 2), Marker("2", "heading", 2)]) == (KEEP, UNCLEAR)


def test_the_next_question_no_lower_than_the_open_ones_marker_switches() -> None:
    assert settle([Marker("1", "word", 2), Marker("2", "heading", 2)]) == (KEEP, KEEP)
    assert settle([Marker("1", "word", 2), Marker("2", "bold", None)]) == (KEEP, KEEP)
    assert settle([Marker("3", "word", 2), Marker("4", "titled", 4)]) == (KEEP, KEEP)
    # but not a skip in another form
    assert settle([Marker("1", "word", 2), Marker("3", "bold", None)]) == (KEEP, UNCLEAR)


def test_worded_markers_and_the_open_questions_own_markers_always_count() -> None:
    marks = [Marker("4", "word", 2), Marker("4", "full", None, sub=True), Marker("3", "word", 2),
             Marker("5", "word", None)]
    assert settle(marks) == (KEEP, KEEP, KEEP, KEEP)


def test_an_unclear_marker_leaves_the_open_question_as_it_was() -> None:
    # "\section*{Answer 4}", "\subsection*{V}" (unclear), "\subsection*{III}" (no marker: stays unclear)
    marks = [Marker("4", "word", 1), Marker("5", "heading", 2), Marker("3", "heading", 2)]
    assert settle(marks) == (KEEP, UNCLEAR, DROP)
