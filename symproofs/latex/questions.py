r"""Which question each part of a submission answers.

A whole assignment comes as one document; its notation differs from one
question to the next (``\beta`` is a bound in one question, a decay rate in
another). :func:`split_questions` cuts the text into :class:`Part` s, each
tagged with a question (``"3"``) or a sub-question (``"3.2"``), and tells
the problem statements (quoted in the document) from the answers.

The default rule, line by line (a marker stands at the start of a line, after
optional Markdown ``#`` and ``**``, LaTeX sectioning commands and ``\textbf``; without
them it must start a paragraph or a sentence and not run on with a comma, so that prose
wrapped before "Q3, which ..." switches nothing):

* ``Answer 3``, ``Solution 3``: the answer to question 3;
* ``Question 3``, ``Problem 3``, ``Exercise 3``: the statement of question 3
  when the document also has an answer marker for 3, else its answer;
* ``\section{Q3}``, ``\section{Question 3}``, ``\subsection{3.2}``,
  ``Q3.2``, ``Q3``: the answer to question 3 (sub-question 3.2);
* a Markdown heading ``## 3.`` or ``## 3.2``: the answer to 3 (3.2);
* a label with no number, set apart (``**Problem.**``, ``\textbf{Question:}``,
  ``\paragraph{Exercise}``) right before a ``Solution.`` or ``Answer.``
  label, after a numbered marker: the statement of that marker's question,
  the second label opening its answer (before any numbered marker such
  labels open no part). ``Problem 3`` right before a ``Solution.`` label
  states question 3 too;
* inside an answer, a numbered item at the start of a line (``1.``, ``2.``,
  also right after the answer's marker: ``**Answer 3.** 1. For ...``) opens
  sub-question ``3.1``, ``3.2``, ...; items must count up from 1, so a
  numbered list that restarts elsewhere is not taken for one.

Text before the first marker belongs to no question. A notation file may
replace the rule by its own patterns (``[assignment] answer = '...'`` and
``statement = '...'``, Python regular expressions with a group named ``q``
and optionally one named ``sub``), matched at line starts.

>>> text = "Question 1. Show x.\n\n**Answer 1.** 1. Easy.\n2. Also.\n\n## Answer 2\nDone."
>>> [(p.question, p.statement) for p in split_questions(text)]
[('1', True), ('1', False), ('1.1', False), ('1.2', False), ('2', False)]
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from symproofs.core.errors import InputError

__all__ = ["Part", "split_questions"]

_LEAD = r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*"
_SECTION = r"\\(?:sub){0,2}section\*?\{\s*"
_STATEMENT_WORDS = "Question|Problem|Exercise"
_ANSWER_WORDS = "Answer|Solution"
#: a LaTeX emphasis a label may stand in: ``\textbf{Problem 3.}``, ``\noindent\textbf{Solution.}``
_EMPHASIS = r"(?:\\noindent\s*)?(?:\\(?:textbf|textit|emph|textsc|underline|paragraph\*?|subparagraph\*?)\s*\{\s*)?"
_MARKERS = re.compile(
    rf"{_LEAD}(?:{_SECTION})?{_EMPHASIS}(?P<word>{_STATEMENT_WORDS}|{_ANSWER_WORDS})[ \t]+(?P<q>\d{{1,2}})"
    r"(?:\.(?P<sub>\d{1,2})(?!\d))?"
    rf"|{_LEAD}(?:{_SECTION})?Q(?P<q2>\d{{1,2}})(?:\.(?P<sub2>\d{{1,2}}))?(?![\w])"
    rf"|^[ \t]*{_SECTION}(?P<q3>\d{{1,2}})(?:\.(?P<sub3>\d{{1,2}}))?\s*\}}"
    r"|^[ \t]*#{1,6}[ \t]+(?P<q4>\d{1,2})(?:\.(?P<sub4>\d{1,2}))?\.?[ \t]*$",
    re.M | re.I,
)
#: a label with no number that opens a problem statement or its solution, set apart: ``**Problem.**``,
#: ``\textbf{Solution:}``, ``\paragraph{Problem}``, ``## Solution``, or the word alone on its line
_CLOSE = r"(?:\}|\*\*|__|\*|_)"
_LABELS = re.compile(
    rf"{_LEAD}(?:{_SECTION})?{_EMPHASIS}(?:\*|_)?(?P<label>{_STATEMENT_WORDS}|{_ANSWER_WORDS})"
    rf"(?:[ \t]*[.:][ \t]*{_CLOSE}?|[ \t]*{_CLOSE}[ \t]*[.:]?|[ \t]*$)",
    re.M | re.I,
)
_AFTER_MARKER = re.compile(r"[ \t]*[.:)]?[ \t]*(?:\*\*|__)?[ \t]*(?:\}[ \t]*)?(?P<item>\d{1,2})\.[ \t]")
_ITEM = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(?P<item>\d{1,2})\.[ \t]+\S", re.M)


@dataclass(frozen=True)
class Part:
    """``text[start:end]`` answers (or, with ``statement``, states) ``question``;
    ``line`` is the 1-based line where the part starts."""

    start: int
    end: int
    line: int
    question: str | None
    statement: bool = False


def split_questions(text: str, *, answer: str | None = None,
                    statement: str | None = None) -> tuple[Part, ...]:
    """The parts of ``text``, in order, covering it entirely (see the module
    docstring). ``answer`` and ``statement`` replace the default rule."""
    cuts: list[tuple[int, str | None, bool]] = []  # (offset, question, is statement)
    if answer is not None or statement is not None:
        for pattern, is_statement in ((answer, False), (statement, True)):
            if pattern is None:
                continue
            for m in _compile(pattern).finditer(text):
                q = m.group("q")
                sub = m.groupdict().get("sub")
                cuts.append((m.start(), f"{int(q)}.{int(sub)}" if sub else str(int(q)), is_statement))
        cuts.sort(key=lambda c: c[0])
    else:
        cuts = _default_cuts(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    bounds = [(0, None, False), *cuts]
    parts: list[Part] = []
    for i, (start, q, st) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end > start or (q is not None and end >= start):
            parts.append(Part(start=start, end=end, line=bisect.bisect_right(line_starts, start),
                              question=q, statement=st))
    return tuple(parts)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.M)
    except re.error as exc:
        raise InputError(f"[assignment]: bad pattern {pattern!r}: {exc}") from None
    if "q" not in compiled.groupindex:
        raise InputError(f"[assignment]: the pattern {pattern!r} needs a group named q")
    return compiled


#: a marker set apart: a Markdown heading, bold, or a LaTeX sectioning command
_DECORATED = re.compile(rf"[ \t]*(?:#|\*\*|__|{_SECTION}|\\(?:noindent|textbf|paragraph)\b)")


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    """A marker opens a part when it is set apart (a heading, bold, a
    section) or starts a paragraph or a sentence without running on as a
    clause: in
    "... the bound from\nQ3, which gives" the line only wraps."""
    if _DECORATED.match(text, m.start()):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)]
    # the line before ends a paragraph or a sentence (a heading on a line of its own)
    starts_paragraph = line_start == 0 or not previous.strip() or previous.rstrip().endswith(
        (".", ":", "!", "?", "$", "}", "*", "|"))
    # ... and is set off by punctuation, a title or the end of its line ("Question 3 (5 points).",
    # "Answer 3:", "Q3.2 The unrolling"), never a sentence about it ("Exercise 3 had a similar bound")
    after = text[m.end():m.end() + 3].lstrip(" \t")
    return starts_paragraph and (not after or after[0] in "\n.:)(-–—*_}" or after[0].isupper())


def _default_cuts(text: str) -> list[tuple[int, str | None, bool]]:
    found: list[Found] = []
    for m in _MARKERS.finditer(text):
        if not _stands_alone(text, m):
            continue
        q = m.group("q") or m.group("q2") or m.group("q3") or m.group("q4")
        sub = m.group("sub") or m.group("sub2") or m.group("sub3") or m.group("sub4")
        word = (m.group("word") or "").lower()
        found.append((m, str(int(q)), sub, word))
    labelled = _labelled(text, found)
    answered = {q for _, q, _, w in found if w in ("answer", "solution")} | {q for _, q, _, w in labelled
                                                                             if w == "solution" and q is not None}
    found += labelled
    found.sort(key=lambda f: f[0].start())
    cuts: list[tuple[int, str | None, bool]] = []
    for i, (m, q, sub, word) in enumerate(found):
        is_statement = word in ("question", "problem", "exercise") and q in answered
        cuts.append((m.start(), f"{q}.{int(sub)}" if sub else q, is_statement))
        if is_statement or sub or q is None:
            continue
        end = found[i + 1][0].start() if i + 1 < len(found) else len(text)
        cuts += _items(text, m.end(), end, q)
    cuts.sort(key=lambda c: c[0])
    return cuts


Found = tuple[re.Match[str], str | None, str | None, str]


def _labelled(text: str, numbered: list[Found]) -> list[Found]:
    """Statements and solutions marked by a label with no number: a
    "Problem." ("Question.", "Exercise.") label followed by a "Solution."
    or "Answer." label before anything else opens a part, or a numbered
    statement marker ("Problem 3") followed so by a "Solution." label,
    states the problem; the second label opens its answer. Both belong to
    the question of the numbered marker before them. Before any numbered
    marker such labels open no part: the problems of a document that numbers
    none are one question, read in order (a name one problem's answer
    defines is the one the next problem speaks of), and the math of their
    statements is read as an answer's, where words such as "let" and "with"
    make it a definition or a case, never a claim (see
    :mod:`symproofs.grading.cases`). A label that pairs with nothing opens
    no part."""
    # (match, question, word): a numbered marker's word, or "" with the label's word for a label
    events: list[tuple[re.Match[str], str | None, str, str]] = sorted(
        [(m, q, w, "") for m, q, _, w in numbered]
        + [(m, None, "", m.group("label").lower()) for m in _LABELS.finditer(text) if _stands_alone(text, m)],
        key=lambda e: e[0].start())
    out: list[Found] = []
    question: str | None = None
    for (m, q, word, label), after in itertools.zip_longest(events, events[1:]):
        if not label:
            question = q
        if after is None or after[3] not in _ANSWER_LABELS:
            continue
        if not label and word in ("question", "problem", "exercise") and after[3] == "solution":
            out.append((after[0], q, None, "solution"))  # "**Problem 1.** ... **Solution.** ..."
        elif label and label not in _ANSWER_LABELS and question is not None:
            out += [(m, question, None, label), (after[0], question, None, "solution")]
    return out


#: the labels that open a solution: "Solution." after a statement, "Answer." after an unnumbered statement label
#: only ("**Question 3.** ... **Answer:** $x = 3$" is the answer's last line, not its start)
_ANSWER_LABELS = ("solution", "answer")


def _items(text: str, start: int, end: int, q: str) -> list[tuple[int, str | None, bool]]:
    """Numbered items of an answer, counting up from 1: sub-questions."""
    out: list[tuple[int, str | None, bool]] = []
    expected = 1
    first = _AFTER_MARKER.match(text, start)
    if first is not None and int(first.group("item")) == 1:
        out.append((first.start("item"), f"{q}.1", False))
        expected = 2
    for m in _ITEM.finditer(text, start, end):
        if first is not None and m.start("item") <= first.start("item"):
            continue
        n = int(m.group("item"))
        if n == expected:
            out.append((m.start("item"), f"{q}.{n}", False))
            expected += 1
    return out
