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

#: what a TeX file hides, found left to right: \verb|...| is skipped first (its text is printed,
#: never read as TeX: \verb|\iffalse| hides nothing), an escaped backslash or percent is text
_TEX = re.compile(r"\\verb\*?(?P<delim>[^A-Za-z\s*])|\\\\|\\%|(?P<comment>%[^\n]*)"
                  r"|(?P<iffalse>\\iffalse(?![A-Za-z]).*?(?:\\fi(?![A-Za-z])|\Z))"
                  r"|(?P<env>\\begin\s*\{comment\}.*?(?:\\end\s*\{comment\}|\Z))", re.S)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))(?:( {1,4})|\s*$)")
#: what Markdown hides inline, found left to right: a code span's backticks, or an HTML comment
_INLINE = re.compile(r"(?P<ticks>`+)|(?P<comment><!--.*?(?:-->|\Z))", re.S)


def _blanked(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def unseen(text: str, kind: Literal["tex", "markdown"]) -> str:
    """``text`` with what its page does not show blanked (see the module)."""
    if kind == "tex":
        return _tex(text)
    return _inline(_code_blocks(text))


def _tex(text: str) -> str:
    out: list[str] = []
    pos = 0
    while (m := _TEX.search(text, pos)) is not None:
        if m.group("delim"):  # \verb|...|: kept as written, to its closing delimiter
            close = text.find(m.group("delim"), m.end())
            end = len(text) if close < 0 else close + 1
            out.append(text[pos:end])
            pos = end
            continue
        hidden = m.group("comment") or m.group("iffalse") or m.group("env")
        out += [text[pos:m.start()], _blanked(m.group()) if hidden else m.group()]
        pos = m.end()
    return "".join(out) + text[pos:]


def _code_blocks(text: str) -> str:
    """Fenced and indented code blanked, line by line (an HTML comment that
    opens a line hides its lines too, fences inside it included)."""
    lines = text.split("\n")
    fence: str | None = None
    in_comment = False
    content: int | None = None  # the column a list item's text starts at, inside a list
    after_blank = True
    for i, line in enumerate(lines):
        if in_comment:
            if "-->" in line:  # the rest of the line after the comment is shown
                in_comment = False
                end = line.index("-->") + 3
                lines[i] = _blanked(line[:end]) + line[end:]
            else:
                lines[i] = _blanked(line)
            continue
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
        if re.match(r" {0,3}<!--", line) and "-->" not in line:
            in_comment = True
            lines[i] = _blanked(line)
            continue
        blank = not line.strip()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        # indented code: four spaces past the margin, or past the text of the list item it is in
        if not blank and after_blank and indent >= (0 if content is None else content) + 4:
            lines[i] = _blanked(line)  # after_blank stays set for its next line
            continue
        if not blank:
            item = _LIST_ITEM.match(line)
            if item is not None:
                content = len(item.group(1)) + len(item.group(2) or " ")
            elif indent == 0 and after_blank:
                content = None  # a paragraph at the margin ends the list
        after_blank = blank
    return "\n".join(lines)


def _inline(text: str) -> str:
    """Code spans (a run of backticks to the next run of the same length)
    and HTML comments, whichever opens first."""
    out: list[str] = []
    pos = 0
    while (m := _INLINE.search(text, pos)) is not None:
        if m.group("comment"):
            out += [text[pos:m.start()], _blanked(m.group())]
            pos = m.end()
            continue
        run = m.group("ticks")
        close = re.compile(rf"(?<!`){run}(?!`)").search(text, m.end())
        if close is None:
            out.append(text[pos:m.end()])
            pos = m.end()
            continue
        out += [text[pos:m.start()], _blanked(text[m.start():close.end()])]
        pos = close.end()
    return "".join(out) + text[pos:]
