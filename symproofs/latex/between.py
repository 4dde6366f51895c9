r"""The text between the rows of one chain (a part of :mod:`symproofs.latex.extract`).

A chain goes on across words: a display that opens with a relation after a
sentence (``$$ w^2 - 1 = (w-1)(w+1) $$ and since $w \ge 1$, so $$ \ge 0
$$``), or a row after ``\intertext{...}`` (mathtools' ``\shortintertext``
too), which amsmath typesets as a paragraph between two rows of one
alignment. A TA reads those words as the text between two displays: their
cases, hypotheses, values and retractions hold for the rows after them,
never for the rows before. So :func:`open_intertext` closes the display
before an ``\intertext`` and opens it again after it (the same environment;
lines kept), and the extractor reads the rows after words
(:func:`words_between`) as a part of the chain of their own, which
*continues* the part before it: its first side is the side the words follow
(no step into it). The grader joins the parts again where the words say
nothing it reads (:mod:`symproofs.grading.continued`).
"""

from __future__ import annotations

import re

from symproofs.latex.scan import COMMENT, blank, blocks

__all__ = ["open_intertext", "words_between"]

_INTERTEXT = re.compile(r"\\(?:short)?intertext\s*\{")
_OPENER = re.compile(r"\\begin\{[A-Za-z]+\*?\}(?:\{\d+\})?$|\\\[$|\$\$$")
#: what stands between two displays without being words: their delimiters, equation numbers, labels, spacing
_NOT_WORDS = re.compile(r"\\(?:begin|end)\{[A-Za-z]+\*?\}(?:\{\d+\})?|\$\$|\\\[|\\\]|\(\s*\d{1,3}\s*\)"
                        r"|\\(?:tag|label)\s*\{[^{}]*\}|\\(?:nonumber|notag|noindent|medskip|smallskip|bigskip|par)\b")


def open_intertext(masked: str, text: str | None = None) -> tuple[str, str]:
    r"""``masked`` (the document as the page shows it) and ``text`` (the same
    document, positions alike; ``masked`` itself when not given) with each
    ``\intertext{words}`` of a display written as the display closed, the
    words, and the display opened again: ``\end{align*}words\begin{align*}``.
    Lines are kept; an ``\intertext`` whose braces do not close inside its
    display is left alone.

    >>> open_intertext("\\[ a = b \\intertext{so} = c \\]")[0]
    '\\[ a = b \\]so\\[ = c \\]'
    """
    other = masked if text is None else text
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    for start, end, env in blocks(masked):
        if env is None:
            continue
        opener = _OPENER.search(masked, max(0, start - 40), start)
        if opener is None or opener.end() != start:
            continue
        closer = "\\]" if env == "\\[" else "$$" if env == "$$" else f"\\end{{{env}}}"
        for m in _INTERTEXT.finditer(masked, start, end):
            close = _group_end(masked, m.end() - 1, end)
            if close < 0 or (edits and m.start() < edits[-1][1]):
                continue  # an \intertext inside another one's words: read with them
            edits += [(m.start(), m.end(), closer), (close, close + 1, opener.group())]
    for a, b, new in reversed(edits):
        masked, other = masked[:a] + new + masked[b:], other[:a] + new + other[b:]
    return masked, (masked if text is None else other)


def _group_end(text: str, at: int, limit: int) -> int:
    """Where the brace group opening at ``at`` closes (before ``limit``), or -1."""
    depth = 0
    k = at
    while k < limit:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return k
        k += 1
    return -1


def words_between(text: str) -> bool:
    """Whether words stand in ``text``, the source between two display
    blocks (their delimiters, equation numbers such as ``(12)``, labels,
    comments and spacing aside): text math or a letter."""
    plain = _NOT_WORDS.sub(" ", blank(COMMENT, text))
    return re.search(r"[A-Za-z$]", plain) is not None
