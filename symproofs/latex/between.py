r"""The text between the rows of one chain (a part of :mod:`symproofs.latex.extract`).

A chain goes on across words: a display that opens with a relation after a
sentence (``$$ w^2 - 1 = (w-1)(w+1) $$ and since $w \ge 1$, so $$ \ge 0
$$``), or a row after ``\intertext{...}`` (mathtools' ``\shortintertext``
too), which amsmath typesets as a paragraph between two rows of one
alignment. Words that open a row (``\\ \text{and since } w \ge 1: \quad &\ge 0``,
``\mbox{as $w \ge 1$,}``), written by students who do not know ``\intertext``,
are read the same way: up to the row's first ``&``, else to the end of the
first text group (or math ``:``) that closes with punctuation. A TA reads
those words as the text between two displays: their
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

from symproofs.latex.lexer import MAX_LENGTH
from symproofs.latex.scan import COMMENT, Scanned, blank, blocks
from symproofs.latex.spacing import gap

__all__ = ["new_sentence", "open_intertext", "words_between"]

_INTERTEXT = re.compile(r"\\(?:short)?intertext\s*\{")
_OPENER = re.compile(r"\\begin\{[A-Za-z]+\*?\}(?:\{\d+\})?$|\\\[$|\$\$$")
#: what stands between two displays without being words: their delimiters, equation numbers, labels, spacing
_NOT_WORDS = re.compile(r"\\(?:begin|end)\{[A-Za-z]+\*?\}(?:\{\d+\})?|\$\$|\\\[|\\\]|\(\s*\d{1,3}\s*\)"
                        r"|\\(?:tag|label)\s*\{[^{}]*\}|\\(?:nonumber|notag|noindent|medskip|smallskip|bigskip|par)\b")


def open_intertext(masked: str, text: str | None = None) -> tuple[str, str]:
    r"""``masked`` (the document as the page shows it) and ``text`` (the same
    document, positions alike; ``masked`` itself when not given) with each
    ``\intertext{words}`` of a display written as the display closed, the
    words, and the display opened again: ``\end{align*}words\begin{align*}``;
    a ``\tag`` that states a condition (``\tag{for $v < 0$}``) as the
    remark ``\quad\text{for } v < 0`` beside its row. Lines are kept; an
    ``\intertext`` whose braces do not close inside its
    display is left alone.

    >>> open_intertext("\\[ a = b \\intertext{so} = c \\]")[0]
    '\\[ a = b \\]so\\[ = c \\]'
    """
    other = masked if text is None else text
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    for start, end, env in blocks(masked):
        if env is None or end - start > MAX_LENGTH:  # a display too long to be read: no rows to open
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
        for m in _TAG.finditer(masked, start, end):  # \tag{for $v < 0$}: the row's condition, beside it
            close = _group_end(masked, m.end() - 1, end)
            words = masked[m.end():close] if close > 0 else ""
            if _TAG_CONDITION.match(words) and words.count("$") % 2 == 0 and "\n" not in words \
                    and not any(x < close + 1 and m.start() < y for x, y, _ in edits):
                edits.append((m.start(), close + 1, _beside(words)))
        for a, b, words in _row_words(masked, start, end):
            if not any(x < b and a < y for x, y, _ in edits):
                edits.append((a, b, closer + words + opener.group()))
    edits.sort()
    for a, b, new in reversed(edits):
        masked, other = masked[:a] + new + masked[b:], other[:a] + new + other[b:]
    return masked, (masked if text is None else other)


_TAG = re.compile(r"\\tag\*?\s*\{")
#: an equation "number" that is the condition its row holds under (``\tag{for $v < 0$}``, ``\tag{if $x \ge 0$}``)
_TAG_CONDITION = re.compile(r"\s*\(?\s*(?:for|if|when(?:ever)?|where|provided|assuming|given|with|on|over"
                            r"|as\s+long\s+as|so\s+long\s+as)\b[^$]*\$", re.I)


def _beside(words: str) -> str:
    r"""The words of a ``\tag`` (``for $v < 0$``) as a remark beside its row:
    ``\quad\text{for } v < 0``, its text math set as math."""
    pieces = words.split("$")
    return "\\quad" + "".join(f"\\text{{{p}}}" if k % 2 == 0 and p.strip() else p if k % 2 else " "
                              for k, p in enumerate(pieces))


_ROW_TEXT = re.compile(r"\\(?:text|textrm|textit|textbf|textnormal|mbox|hbox)\s*\{")
#: the words that open a row between two of a chain's: a connective, a reason or a condition
_OPENING_WORDS = re.compile(r"\s*\(?\s*(?:and|but|so|hence|thus|then|therefore|since|as|because|for|if|when|where"
                            r"|given|using|by|with|now|which|whence|assuming|provided|in\s+particular|finally|next"
                            r"|moreover|also|similarly|i\.\s?e|that\s+is|note)\b", re.I)
_ENDS_WORDS = re.compile(r"[,:;.]\s*\)?\s*$")


def _row_words(masked: str, start: int, end: int) -> list[tuple[int, int, str]]:
    r"""The words opening each row after the first of the display ``masked[start:end]``, as
    (start, end, the words as prose: math in ``$...$``), lines kept."""
    breaks = Scanned(masked[start:end]).breaks()
    out = []
    for k, (_, b) in enumerate(breaks):
        row, stop = start + b, start + breaks[k + 1][0] if k + 1 < len(breaks) else end
        m = _ROW_TEXT.match(masked, row + gap(masked[row:stop]), stop)
        close = _group_end(masked, m.end() - 1, stop) if m is not None else -1
        if m is None or close < 0 or not _OPENING_WORDS.match(masked, m.end(), close):
            continue
        words_end = _words_end(masked, m.start(), close, stop)
        if words_end < 0 or not masked[words_end:stop].strip(" \n\t&"):
            continue  # words alone on the last row: nothing after them
        out.append((m.start(), words_end, _as_prose(masked[m.start():words_end])))
    return out


def _words_end(masked: str, at: int, close: int, stop: int) -> int:
    """Where the words opening a row at ``at`` (its first text group closing at ``close``) end."""
    toks = [(at + a, tok) for a, _, tok, top in Scanned(masked[at:stop]).tokens if top]
    amp = next((a for a, tok in toks if tok == "&"), -1)
    if amp >= 0:
        return amp
    if _ENDS_WORDS.search(masked, at, close):
        return close + 1
    for a, tok in toks:
        if a > close and _ROW_TEXT.match(tok + "{"):
            group = _group_end(masked, masked.find("{", a), stop)
            if group > 0 and _ENDS_WORDS.search(masked, a, group):
                return group + 1
        elif a > close and tok.strip().startswith(":"):
            return a + 1
    return close + 1


def _as_prose(words: str) -> str:
    r"""``\text{and since } w \ge 1:`` as the prose ``and since $w \ge 1$:`` (as many lines)."""
    out, pos = [], 0
    for m in _ROW_TEXT.finditer(words):
        close = _group_end(words, m.end() - 1, len(words))
        if close < 0:
            break
        out += [_math(words[pos:m.start()]), words[m.end():close]]
        pos = close + 1
    out.append(_math(words[pos:]))
    prose = re.sub(r"[ \t]{2,}", " ", " ".join(p for p in out if p.strip()))
    return prose + "\n" * (words.count("\n") - prose.count("\n"))


def _math(text: str) -> str:
    math = re.sub(r"\\(?:q?quad|[,;:! ])(?![A-Za-z])|\s+", " ", text).strip()
    body = math.rstrip(",:;. ")
    return f"${body}${math[len(body):]}" if body else math


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


_MARKUP = re.compile(r"\\[A-Za-z]+\*?|[{}*_~`>|\s]")  # commands, braces and Markdown emphasis around the words
# "... holds. Next", a Markdown heading (a "#" after a newline and spacing: written without a newline in the
# spacing, which matches the same texts, so that the search stays linear in the blanked-out parts of a document)
_BOUNDARY = re.compile(r"[.!?]\s+[A-Z#]|^\s*#|\n[^\S\n]*#")


def new_sentence(text: str) -> bool:
    """Whether the words in ``text``, the source between two display blocks,
    are a sentence of their own (a capital letter first and a full stop or a
    colon last, "Next, the square:"; a sentence that ends and another that
    starts; a Markdown heading): a display after them that opens with a
    relation starts a new statement with no left side, never one that goes
    on from the display before. Words that go on with the sentence of the
    display ("and since $w \\ge 1$, so", "Summing the geometric series,")
    do not.

    >>> [new_sentence(t) for t in ("Next, the square:", "and since $w > 1$, so", "Summing the series,",
    ...                            "holds. Hence", "", "(3)")]
    [True, False, False, True, False, False]
    """
    plain = _NOT_WORDS.sub(" ", blank(COMMENT, text))
    if re.search(r"[A-Za-z$]", plain) is None:
        return False
    if _BOUNDARY.search(plain) is not None:
        return True
    words = _MARKUP.sub(" ", plain).strip()
    first = re.search(r"[A-Za-z$#]", words)
    return first is not None and first.group().isupper() and words[-1:] in (".", ":", "!", "?")
