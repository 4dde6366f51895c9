r"""The statements a row of a display is cut into (a part of :mod:`symproofs.latex.extract`):
a :class:`Segment` per statement, and lists of equations giving names values
(``c = 0, \mu = 0``) cut at their commas, or read as alternatives when they give
one name several values (``x = 1, \ x = -1``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from symproofs.latex.scan import RELATION_TEXT, Scanned, comma_spans, has_lhs, list_items, open_brackets, strip_groups
from symproofs.latex.spacing import LEADING

__all__ = ["LOGICAL", "Segment", "alternatives", "display_rows", "split_list"]

#: a logical relation between two statements of a row
LOGICAL = re.compile(r"\\(?:iff|implies|impliedby|Leftrightarrow|Longleftrightarrow|leftrightarrow"
                     r"|longleftrightarrow|Rightarrow|Longrightarrow|Leftarrow|Longleftarrow|leftarrow"
                     r"|longleftarrow)(?![A-Za-z])")


@dataclass(frozen=True)
class Segment:
    """A piece of a row read as one statement: where it stands in the display's body, and what the
    words and relations around it make of it."""

    start: int
    end: int
    link: tuple[int, str] | None = None  # (offset, relation) joining it to the statement before
    aside: bool = False  # a statement of its own beside the row's chain
    listed: bool = False  # one item of a list of equations (c = 0, \mu = 0)
    condition: tuple[int, int] | None = None  # where the condition the row is stated under stands
    disjunction: bool = False  # statements joined by "or": one statement, not checked
    logical: bool = False  # a statement of a row that \iff or \implies joins to another
    conjunct: tuple[int, int] | None = None  # where "and" stands between two statements, and the second starts
    unread: str = ""  # the words before it, between two statements, that are not read: never checked
    solved: str = ""  # the words after it that give a value it is solved for ("gives x = 2"): not an identity


_LIST_ITEM = re.compile(r"^\s*(?:\\[,;: ]\s*|\\q?quad\s*|~\s*)*(?:\\(?:boldsymbol|mathbf|bm)\s*\{\s*)?"
                        r"\\?[A-Za-z]+\s*\}?(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?\w))*\s*=(?!=)")


def split_list(body: str, seg: Segment) -> list[Segment]:
    """A list of equations giving names values, ``c = 0, \\mu = 0,
    \\sigma^2 = \\frac{1}{d}``, cut at its top-level commas into one statement
    per item (the first stays in the row's chain, the others stand aside).
    Only when every item is ``name = ...``: a comma in ``f(a, b) = c`` or
    ``x = 1, \\forall t`` cuts nothing. Items that give one name several
    values (``x = 1, \\ x = -1``) are alternatives, a disjunction; a row with
    ``\\iff`` or ``\\implies`` is cut there first, and its list read after."""
    if seg.link is not None:
        return [seg]
    text = body[seg.start:seg.end]
    if any(top and LOGICAL.fullmatch(tok) for _, _, tok, top in Scanned(text).tokens):
        return [seg]
    if alternatives(text):
        return [replace(seg, disjunction=True)]
    items = comma_spans(text)
    if len(items) < 2 or not all(_LIST_ITEM.match(text[a:b]) and has_lhs(text[a:b]) for a, b in items):
        return [seg]
    return [Segment(seg.start + a, seg.start + b, aside=seg.aside or k > 0, listed=True)
            for k, (a, b) in enumerate(items)]


def alternatives(text: str) -> bool:
    """Whether ``text`` lists several values of one name (``x = 1, \\ x = -1``)."""
    items = list_items(text)
    heads = set()
    for item in items:
        m = _LIST_ITEM.match(item)
        if m is None or not has_lhs(item):
            return False
        heads.add(re.sub(r"^(?:\s|\\[,;: ]|\\q?quad|~)*", "", m.group()).rstrip("= \t\n"))
    return len(items) >= 2 and len(heads) == 1


#: an operator that opens a row continuing the side above (``+``, ``-``, ``\\cdot``)
_SIDE_BREAK = re.compile(r"[+\-]|\\(?:cdot|times|pm|mp|div|ast|star|circ|bullet|oplus|otimes)(?![A-Za-z])")


def display_rows(body: str, single: bool) -> list[tuple[int, int]]:
    """The logical rows of a display's ``body`` (``single``: one row, a
    ``multline``): split at top-level ``\\\\``; a row that starts with
    ``+``/``-`` and has no relation continues the side above."""
    spans: list[tuple[int, int]] = []
    row = 0
    if not single:
        for a, b in Scanned(body).breaks():
            spans.append((row, a))
            row = b
    spans.append((row, len(body)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = LEADING.sub("", body[a:b])
        if not piece:
            continue
        if out and _SIDE_BREAK.match(piece) and (
                not RELATION_TEXT.search(strip_groups(piece)) or open_brackets(body[out[-1][0]:a])):
            out[-1] = (out[-1][0], b)  # continues the side above (or its open bracket)
        else:
            out.append((a, b))
    return out
