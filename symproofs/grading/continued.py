r"""A chain that words cut, read as the document means it.

Rows after words (``\intertext{and since $w \ge 1$, so}``, or a sentence
before a display that opens with a relation) go on from the side the words
follow: the extractor gives them as a part of their own
(:mod:`symproofs.latex.between`), read after the words, so that a case, a
hypothesis, a value or a retraction the words state holds for the rows after
them and never for the rows before. Where the words say nothing the grader
reads ("Summing the geometric series,"), the parts are one chain again, as
before (:func:`rejoined`): one chain for the rubric, which can reach an
expected result from its first side to its last. A part kept apart still
works under the conditions its rows before the words state (``a + a = 2a
\because a = 3``, then words, then ``= 6``), as the rows of one chain do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from symproofs.grading.cases import partly_unread, unread_hypothesis
from symproofs.grading.cues import OTHERWISE, PART, general_words, retracting, since_display
from symproofs.grading.document import ReadChain, ReadSide

__all__ = ["rejoined"]

_OPENING = re.compile(r"(?:\\begin\s*\{[^{}]*\}|\\\[|\$\$)\s*$")


def rejoined(chains: Sequence[ReadChain]) -> list[ReadChain]:
    """``chains`` with each part of a chain that words cut joined to the part
    it continues where the words between say nothing the grader reads: no
    text math, no hypothesis, retraction, "in general", "otherwise"
    or label of a part (:func:`says_something`). A part kept apart gets the
    conditions the rows of the statement before the words state."""
    out: list[ReadChain] = []
    for chain in chains:
        k = _continued(out, chain) if chain.continues else None
        if k is None:
            out.append(chain)
        elif says_something(chain.lead):
            out.append(replace(chain, sides=_carried(out[k], chain.sides)))
        else:
            out[k] = _joined(out[k], chain)
    return out


def says_something(lead: str) -> bool:
    """Whether the words since the last display in ``lead`` state something
    the grader reads for the rows after them: text math, or words of a
    hypothesis, a retraction, "in general", "otherwise", a part (a value is
    text math: the rows after the words open with a relation, never a name)."""
    words = since_display(_OPENING.sub("", lead.rstrip()))
    return "$" in words or any((retracting(lead), general_words(lead), OTHERWISE.search(words),
                                PART.search(words), unread_hypothesis(lead), partly_unread(lead)))


def _continued(out: Sequence[ReadChain], chain: ReadChain) -> int | None:
    """The index in ``out`` of the part ``chain`` continues: the last part
    that goes on and ends at ``chain``'s first side."""
    first = chain.sides[0] if chain.sides else None
    for k in range(len(out) - 1, -1, -1):
        last = out[k].sides[-1] if out[k].sides else None
        if out[k].goes_on and first is not None and last is not None \
                and (last.line, last.column) == (first.line, first.column):
            return k
    return None


def _joined(before: ReadChain, after: ReadChain) -> ReadChain:
    """The two parts as one chain (the side ``after`` repeats dropped, its links moved along)."""
    shift = len(before.sides) - 1
    links = (*before.links, *(replace(link, at=link.at + shift) for link in after.links))
    return replace(before, sides=(*before.sides, *after.sides[1:]), links=links, goes_on=after.goes_on)


def _carried(before: ReadChain, sides: tuple[ReadSide, ...]) -> tuple[ReadSide, ...]:
    """``sides`` with the first step's side under the conditions the rows of
    ``before``'s last statement state and read, and its own."""
    start = max((k for k, s in enumerate(before.sides) if not s.relation_text), default=0)
    stated = [s for s in before.sides[start:] if s.condition and s.assumed]
    if len(sides) < 2 or not stated or sides[1].assumed is None:
        return sides
    own = sides[1]
    text = ", ".join(dict.fromkeys([*(s.condition for s in stated), *([own.condition] if own.condition else [])]))
    assumed = (*(c for s in stated for c in s.assumed or ()), *(own.assumed or ()))
    return (sides[0], replace(own, condition=text, assumed=assumed), *sides[2:])

