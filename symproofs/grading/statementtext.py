r"""The words of a problem statement around its text math, as plain text.

Three readings of a statement's words that :mod:`symproofs.grading.document`
uses to say which question (or part) an assumption belongs to:

* :func:`letters`, :func:`lettered_part`: a statement set out in lettered parts
  ("(a) For $\beta > 1$, show ... (b) For $0 < \beta < 1$, show ...") states each
  part's range for that part only;
* :data:`THROUGHOUT`: words that state an assumption for every question ("Throughout,
  $0 < \beta < 1$"), before the first question;
* :func:`let_names`: the names a statement introduces anew ("Let $\beta$ be the shift"),
  where an assumption stated for every question gives way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from symproofs.grading.cues import cue_tail
from symproofs.latex.questions import Part

__all__ = ["DEFINING_WORDS", "TEXT_MATH", "THROUGHOUT", "let_names", "lettered_part", "letters"]

#: words that state an assumption for every question: "Throughout, $0 < \beta < 1$", "in all questions"
THROUGHOUT = re.compile(r"\b(?:throughout|everywhere|henceforth|from\s+now\s+on|unless\s+(?:stated|said)\s+"
                        r"otherwise|in\s+(?:all|every|each)\s+(?:of\s+the\s+)?(?:the\s+)?(?:questions?|exercises?"
                        r"|problems?|parts?))\b", re.I)
#: text math: ``$...$`` on one line
TEXT_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]{1,200}?)(?<![\\$])\$(?!\$)")
#: the words before a math that defines what it names: "let $a = 2$", "where $S = ...$"
DEFINING_WORDS = re.compile(r"\b(?:let|where|define|denote|set|we\s+write)\s*$", re.I)
#: a lettered part of a statement in its text: "(a) For ...", "**(b)** Show ..."
_LETTER_LABEL = re.compile(r"(?:^|(?<=[\s.:;*]))\((?P<l>[a-h])\)(?:\*\*)?[ \t]")


def letters(text: str) -> list[int]:
    """Where a statement's lettered parts start, when it has at least two, "(a)", "(b)", ... in order."""
    marks = list(_LETTER_LABEL.finditer(TEXT_MATH.sub(lambda m: " " * len(m.group()), text)))
    starts = []
    for k, m in enumerate(marks, start=1):
        if ord(m.group("l")) - ord("a") + 1 != k:
            break
        starts.append(m.start())
    return starts if len(starts) >= 2 else []


def lettered_part(text: str, pos: int, question: str | None) -> str | None:
    """The sub-question of the statement ``text`` of ``question`` whose lettered part holds ``pos``
    (``"3.2"`` in "(b)"), else ``question``."""
    starts = letters(text)
    if not starts or question is None or "." in question or pos < starts[0]:
        return question
    return f"{question}.{sum(1 for s in starts if s <= pos)}"


def let_names(text: str, parts: Sequence[Part], question: str) -> set[str]:
    """The names a question's statement introduces ("Let $\\beta$ be the shift"), as LaTeX names (``beta``)."""
    top = question.partition(".")[0]
    out: set[str] = set()
    for p in parts:
        if p.statement and p.question is not None and p.question.partition(".")[0] == top:
            body = text[p.start:p.end]
            for m in TEXT_MATH.finditer(body):
                if DEFINING_WORDS.search(cue_tail(body[:m.start()])) or re.match(r"\s*(?:be|is|are|denotes?)\b",
                                                                              body[m.end():]):
                    out |= set(re.findall(r"\\?([A-Za-z]+)", m.group(1)))
    return out
