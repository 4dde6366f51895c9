r"""Whether a numbered marker inside an answer switches the question.

A number that opens a line inside the answer to one question is not always
another question's marker: ``### 3 observations about the bounds`` under
``# Question 1`` is a titled sub-heading, ``**3.**`` under ``## Answer 4`` the
third of the student's remarks, ``\subsection*{III}`` under ``\section*{Answer 4}``
a step. Read as a marker, each would grade the lines after it under another
question's notation, whose facts can prove a line false in the question it
answers (``\beta^2 \le \beta`` with question 3's ``0 < \beta < 1`` in question 4).

:func:`settle` keeps a marker that switches the question only when it is
unambiguous:

* the document's first marker, and a marker of the question already open
  (its sub-questions, its answer after its statement);
* a worded marker at a line's start (``Question 3``, ``Answer 3``, ``Q3``,
  ``Exercise 3``), whatever came before;
* a marker of another form (a bare number in a heading, a bold number, a
  sub-question named in full, a word in a heading's title) where its number comes
  after the open question's and either its form (its pattern and heading level) opened
  a question before in the same document (``## 2.`` after ``## 1.``), or it names the
  next question and stands no lower than the open question's marker (``## 2)`` after
  ``## Answer 1``, ``**2.**`` after it; not ``### 2 observations`` under ``# Question 1``),
  or names it by a word in its title (``#### Dropout (Question 2)``).

Any other marker opens no question: if its number comes before the open question's
(``**3.**`` in the answer to 4), it is no question's marker and its lines stay where they
are, unless it has the form of the document's question markers (``## 2.`` after ``## 3.``);
then, or if its number comes after (``### 3 observations`` in the answer to 1, which may
also be the answer to 3), which question its lines answer is unclear: they are read under
no question's notation (:data:`UNCLEAR`) and graded *unknown*, never under the facts of
the wrong question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

__all__ = ["UNCLEAR", "Decision", "Marker", "settle"]

#: the question of a part whose question is unclear (see the module docstring)
UNCLEAR = "?"


class Decision(Enum):
    """What a marker does: opens its question, is no marker, or opens a part whose question is unclear."""

    KEEP = "keep"
    DROP = "drop"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Marker:
    """A numbered marker, in document order: its question's number (``"3"`` for ``3.2``), its pattern
    (``"word"`` for ``Answer 3``; ``"heading"``, ``"bold"``, ``"full"``, ``"lettered"``, ``"titled"``),
    its heading level (None for a paragraph's), and whether it names a sub-question."""

    question: str
    pattern: str
    level: int | None
    sub: bool = False


def settle(markers: Sequence[Marker]) -> tuple[Decision, ...]:
    """What each of ``markers`` does (see the module docstring)."""
    out: list[Decision] = []
    forms: set[tuple[str, int | None]] = set()  # the forms of the markers that opened a question
    levels: set[int] = set()  # the heading levels of the worded markers that opened one
    current: Marker | None = None  # the marker that opened the question open
    for mk in markers:
        decision = _decide(mk, current, forms, levels)
        out.append(decision)
        if decision is Decision.KEEP and (current is None or current.question != mk.question or not mk.sub):
            forms.add((mk.pattern, mk.level))
            if mk.pattern == "word" and mk.level is not None:
                levels.add(mk.level)
            if current is None or current.question != mk.question:
                current = mk
    return tuple(out)


def _decide(mk: Marker, current: Marker | None, forms: set[tuple[str, int | None]], levels: set[int]) -> Decision:
    if current is None or mk.question == current.question or mk.pattern == "word":
        return Decision.KEEP
    number, open_number = _number(mk.question), _number(current.question)
    # a heading with a word in its title ("## Dropout (Question 5)") at a level the worded markers use
    same = (mk.pattern, mk.level) in forms or (mk.pattern == "titled" and mk.level in levels)
    if number < open_number:  # "**3.**" in the answer to 4: a step of it; "## 2." after "## 3.": unclear
        return Decision.UNCLEAR if same else Decision.DROP
    # the next question, set no lower than the open one's marker ("## 2)" after "## Answer 1", "**2.**" after
    # "# Question 1"; not "### 2 observations" under it), or named by its word ("#### Title (Question 4)")
    following = number == open_number + 1 and (
        mk.pattern == "titled" or mk.level is None or current.level is None or mk.level <= current.level)
    return Decision.KEEP if same or following else Decision.UNCLEAR


def _number(question: str) -> int:
    head = question.partition(".")[0]
    return int(head) if head.isdigit() else 0
