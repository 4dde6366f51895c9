r"""What the page does not show: blanked before a document is read, every
other character keeping its position.

In a ``.tex`` file: ``%`` comments, ``\iffalse ... \fi``, the ``comment``
environment (the ``comment`` and ``verbatim`` packages' ``\begin{comment}``)
and code the page prints as it is written: the ``verbatim``, ``Verbatim``,
``BVerbatim``, ``LVerbatim``, ``lstlisting`` and ``minted`` environments and
``\verb|...|``, ``\lstinline|...|``, ``\mintinline{lang}{...}``.
In Markdown, as CommonMark renders it: HTML comments ``<!-- ... -->``, fenced
code (three or more backticks or tildes, indented up to three spaces, closed
by a fence of the same character at least as long, or else running to the
end), indented code (four spaces or a tab after a blank line, outside a list)
and inline code spans (a run of backticks up to the next run of the same
length). Mathematics, macro definitions included, inside any of these is
text a reader never sees, so it is neither graded nor defined. So is raw
HTML that MathJax leaves as it is: ``<pre>``, ``<code>``, ``<script>``,
``<style>`` and ``<textarea>`` elements, to their closing tag (or the end).
A GitHub footnote definition (``[^1]: ...`` at the start of a line, with its
continuation lines: those indented four columns, and the lines of its
paragraph) is shown at the end of the page, or not at all when nothing
refers to it: it is not running text, and "for $x > 0$," in it is no case
for the display after it, so it is blanked too (the math in it is not read).

Text math written ``\( ... \)`` (in one paragraph, in both kinds of file)
becomes ``$ ... $``, each delimiter padded to its two characters, and is
read as dollars are.

>>> unseen("a `$x = 1$` b $y$", "markdown")
'a           b $y$'
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["unseen"]

#: what a TeX file hides, found left to right: \verb|...| is blanked first (its text is printed,
#: never read as TeX: \verb|\iffalse| hides nothing), an escaped backslash or percent is text
_TEX = re.compile(r"\\(?:verb\*?|lstinline(?:\[[^\]\n]*\])?)(?P<delim>[^A-Za-z\s*\[{])"
                  r"|\\mintinline\s*(?:\[[^\]\n]*\])?\s*\{[^{}\n]*\}\s*(?:\{[^{}\n]*\}|(?P<mdelim>[^A-Za-z\s{]))"
                  r"|\\\\|\\%|(?P<comment>%[^\n]*)"
                  r"|(?P<iffalse>\\iffalse(?![A-Za-z]).*?(?:\\fi(?![A-Za-z])|\Z))"
                  r"|(?P<env>\\begin\s*\{(?P<name>comment|verbatim\*?|Verbatim\*?|[BL]Verbatim|lstlisting|minted)\}"
                  r".*?(?:\\end\s*\{(?P=name)\}|\Z))", re.S)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))(?:( {1,4})|\s*$)")
#: what Markdown hides inline, found left to right: a code span's backticks, an HTML comment, or raw
#: HTML that MathJax skips (a pre, code or textarea element to its closing tag; a script or style only
#: as a block that opens a line, since in math "\text{<script>}" is letters a reader sees)
_INLINE = re.compile(r"(?P<ticks>`+)|(?P<comment><!--.*?(?:-->|\Z))"
                     r"|(?P<raw><(?P<tag>pre|code|textarea)(?=[\s/>])[^<>$]*>.*?(?:</(?P=tag)\s*>|\Z))",
                     re.S | re.I)
#: a line that opens an HTML block CommonMark passes through raw: a comment, or an element MathJax skips
_RAW_OPEN = re.compile(r" {0,3}<(?:!--|(?P<tag>pre|script|style|textarea)(?=[\s>]|$))", re.I)
_FOOTNOTE = re.compile(r" {0,3}\[\^[^\]\s]{1,200}\]:")
#: a line that ends a paragraph (a footnote's) without a blank line: a heading, a quote, a fence, a rule,
#: a list item, an HTML block, another footnote
_INTERRUPTS = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|>|`{3}|~{3}|(?:[-*_][ \t]*){3,}$|[-*+][ \t]|\d{1,9}[.)][ \t]|<"
                         r"|\[\^[^\]\s]{1,200}\]:)")


def _blanked(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def unseen(text: str, kind: Literal["tex", "markdown"]) -> str:
    """``text`` with what its page does not show blanked (see the module)."""
    if kind == "tex":
        return _paren_math(_tex(text))
    return _paren_math(_inline(_footnotes(_code_blocks(text))))


#: text math written ``\( ... \)`` (not ``\\(``, a line break before a parenthesis), in one paragraph
_PAREN_MATH = re.compile(r"(?<!\\)\\\((?P<body>(?:[^$\n]|\n(?![ \t]*\n)){1,2000}?)(?<!\\)\\\)")


def _paren_math(text: str) -> str:
    r"""Text math ``\( ... \)`` written ``$ ... $`` (each delimiter padded to
    its two characters, so that every position stays), to be read as
    ``$...$`` is."""
    return _PAREN_MATH.sub(lambda m: f" ${m.group('body')}$ ", text)


def _tex(text: str) -> str:
    out: list[str] = []
    pos = 0
    while (m := _TEX.search(text, pos)) is not None:
        if m.group("delim") or m.group("mdelim"):  # \verb|...|: code the page prints, to its closing delimiter
            close = text.find(m.group("delim") or m.group("mdelim"), m.end())
            end = len(text) if close < 0 else close + 1
            out += [text[pos:m.start()], _blanked(text[m.start():end])]
            pos = end
            continue
        hidden = m.group("comment") or m.group("iffalse") or m.group("env") or m.group().startswith("\\mintinline")
        out += [text[pos:m.start()], _blanked(m.group()) if hidden else m.group()]
        pos = m.end()
    return "".join(out) + text[pos:]


def _closer(opening: re.Match[str]) -> re.Pattern[str]:
    """What ends the raw HTML block ``opening`` opens."""
    tag = opening.group("tag")
    return re.compile(rf"</{tag}\s*>" if tag else "-->", re.I)


def _code_blocks(text: str) -> str:
    """Fenced and indented code blanked, line by line (an HTML comment or
    a raw HTML element that opens a line hides its lines too, to its end,
    fences inside it included)."""
    lines = text.split("\n")
    fence: str | None = None
    raw: re.Pattern[str] | None = None  # the end of the raw HTML block the line is in
    content: int | None = None  # the column a list item's text starts at, inside a list
    after_blank = True
    for i, line in enumerate(lines):
        if raw is not None:
            if (close := raw.search(line)) is not None:  # the rest of the line after the block is shown
                raw = None
                lines[i] = _blanked(line[:close.end()]) + line[close.end():]
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
        if (html := _RAW_OPEN.match(line)) is not None and _closer(html).search(line) is None:
            raw = _closer(html)  # (closed on the line: blanked inline)
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


def _footnotes(text: str) -> str:
    """Footnote definitions blanked: the line that opens one, and the lines
    after it that continue it (indented four columns, or a line of its
    paragraph that no new block interrupts)."""
    lines = text.split("\n")
    inside = after_blank = False
    for i, line in enumerate(lines):
        blank = not line.strip()
        if _FOOTNOTE.match(line):
            inside = True
        elif inside and not blank:
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
            inside = indent >= 4 or not (after_blank or _INTERRUPTS.match(line))
        if inside:
            lines[i] = _blanked(line)
        after_blank = blank
    return "\n".join(lines)


def _inline(text: str) -> str:
    """Code spans (a run of backticks to the next run of the same length),
    HTML comments and raw HTML elements, whichever opens first."""
    out: list[str] = []
    pos = 0
    while (m := _INLINE.search(text, pos)) is not None:
        if m.group("comment") or m.group("raw"):
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
