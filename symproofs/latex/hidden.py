r"""What the page does not show: blanked before a document is read, every
other character keeping its position.

In a ``.tex`` file: ``%`` comments, ``\iffalse ... \fi`` and the ``comment``
environment (the ``comment`` and ``verbatim`` packages' ``\begin{comment}``).
In Markdown, as CommonMark renders it: HTML comments ``<!-- ... -->``, fenced
code (three or more backticks or tildes, indented up to three spaces, closed
by a fence of the same character at least as long, or else running to the
end), indented code (four spaces or a tab after a blank line, outside a list)
and inline code spans (a run of backticks up to the next run of the same
length). Mathematics, macro definitions included, inside any of these is
text a reader never sees, so it is neither graded nor defined.

>>> unseen("a `$x = 1$` b $y$", "markdown")
'a           b $y$'
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["unseen"]

_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*")
_IFFALSE = re.compile(r"\\iffalse(?![A-Za-z]).*?\\fi(?![A-Za-z])", re.S)
_COMMENT_ENV = re.compile(r"\\begin\s*\{comment\}.*?(?:\\end\s*\{comment\}|\Z)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_TICKS = re.compile(r"`+")


def _blanked(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _sub(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: _blanked(m.group()), text)


def unseen(text: str, kind: Literal["tex", "markdown"]) -> str:
    """``text`` with what its page does not show blanked (see the module)."""
    if kind == "tex":
        text = _COMMENT.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)
        return _sub(_COMMENT_ENV, _sub(_IFFALSE, text))
    return _code_spans(_code_blocks(_sub(_HTML_COMMENT, text)))


def _code_blocks(text: str) -> str:
    """Fenced and indented code blanked, line by line."""
    lines = text.split("\n")
    fence: str | None = None
    in_list, after_blank = False, True
    for i, line in enumerate(lines):
        if fence is not None:
            close = _FENCE_OPEN.match(line)
            if close is not None and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence) \
                    and not line[close.end():].strip():
                fence = None
            lines[i] = _blanked(line)
            continue
        opening = _FENCE_OPEN.match(line)
        if opening is not None and not (opening.group(1)[0] == "`" and "`" in line[opening.end():]):
            fence = opening.group(1)
            lines[i] = _blanked(line)
            continue
        blank = not line.strip()
        code = line.startswith(("    ", "\t"))
        if not blank and code and after_blank and not in_list:
            lines[i] = _blanked(line)  # an indented code block: after_blank stays set for its next line
            continue
        if not blank:
            if _LIST_ITEM.match(line):
                in_list = True
            elif not line.startswith((" ", "\t")) and after_blank:
                in_list = False  # a paragraph at the margin ends the list
        after_blank = blank
    return "\n".join(lines)


def _code_spans(text: str) -> str:
    """Inline code: a run of backticks to the next run of the same length."""
    out: list[str] = []
    pos = 0
    while (m := _TICKS.search(text, pos)) is not None:
        run = m.group()
        close = re.compile(rf"(?<!`){run}(?!`)").search(text, m.end())
        if close is None:
            out.append(text[pos:m.end()])
            pos = m.end()
            continue
        out += [text[pos:m.start()], _blanked(text[m.start():close.end()])]
        pos = close.end()
    return "".join(out) + text[pos:]
