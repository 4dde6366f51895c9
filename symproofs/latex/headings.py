r"""A heading line as the question markers read it: layout and spacing set aside.

Students put layout before a heading on its line (``\newpage \section*{Question 4}``,
``\bigskip\noindent\textbf{Question 4.}``, ``<a name="q4"></a>## Question 4``), keep a
word and its number together with a tie or a control space (``Question~4``,
``Question\ 4``, ``Question&nbsp;4``, ``Question \#4``), set a label in an old font
switch (``{\bf Question 4.}``, ``{\large\textbf{Question 4}}``) or decorate it
(``## ➤ Question 4``, ``## [Question 4](#q4)``). :func:`plain` returns the text with
all of this blanked to spaces, every other character at its place (so that what the
markers find in it are offsets into the text itself):

* layout commands (``\newpage``, ``\clearpage``, ``\pagebreak``, ``\vspace{1em}``,
  ``\bigskip``, ``\medskip``, ``\smallskip``, ``\noindent``, ``\par``, ``\hrule``,
  ``\centering``, ``\label{..}``, ``\phantomsection``, a size switch ``\large``,
  with the brace that opens its group) and HTML tags (an anchor, a ``span``, not a
  footnote's ``<sup>``) are blanked;
* a tie ``~``, a control space ``\ ``, a thin space ``\,``, ``&nbsp;`` and the
  Unicode no-break and thin spaces are spaces; ``\#`` and ``№`` are ``#``;
* an old bold or italic switch opening a group (``{\bf``, ``{\bfseries``, ``{\it``,
  ``{\em``, ``{\sc``) is ``**``, as a Markdown label's emphasis;
* a Markdown link's brackets and target (``[Question 4](#q4)``) and a symbol
  before a heading's words (``➤``, ``►``, ``•``, ``→``) are blanked.

>>> plain(r"\newpage \section*{Question~4}")
'         \\section*{Question 4}'
>>> plain(r"\medskip {\bf Question 4.}")
'            **Question 4.}'
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable

__all__ = ["plain", "unplaced"]

#: layout that typesets no words: blanked
_LAYOUT = re.compile(
    r"\{?\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge"
    r"|newpage|clearpage|cleardoublepage|pagebreak|newline|linebreak|bigskip|medskip|smallskip"
    r"|noindent|indent|par|hrule|hline|centering|raggedright|raggedleft|phantomsection|break"
    r"|normalfont|upshape|mdseries)(?![A-Za-z@])\*?"
    r"|\\(?:vspace|hspace|vskip|label|addvspace|setlength)\*?\s*\{[^{}\n]*\}"
    r"|</?(?:a|span|div|br|p|b|i|u|em|strong|center|font|hr)(?![\w-])[^<>\n]*>"
    r"|&nbsp;|&#160;"
)
#: spacing that joins a word to its number: one space each
_SPACES = re.compile(r"(?<!\\)\\[ ,;:!]|~|[\u00a0\u2007\u2009\u202f\u2002\u2003]")
#: an old font switch opening a group: read as Markdown emphasis
_SWITCH = re.compile(r"\{\\(?:bf|bfseries|it|itshape|em|sl|sc|scshape|textbf)(?![A-Za-z])[ \t]?")
#: a Markdown link around a label: "[Question 4](#q4)"
_LINK = re.compile(r"(?<![\\\w\]])\[(?P<words>[^\[\]\n]{1,80})\]\([^()\s]{0,200}\)")


def plain(text: str) -> str:
    """``text`` with layout, spacing, font switches and decoration blanked (see the module docstring); as long
    as ``text``, every other character at its place."""
    out = _LAYOUT.sub(lambda m: " " * len(m.group()), text)
    out = _SPACES.sub(lambda m: " " * len(m.group()), out)
    out = out.replace("\\#", " #").replace("№", "#")
    out = _SWITCH.sub(lambda m: " " * (len(m.group()) - 2) + "**", out)
    out = _LINK.sub(lambda m: " " + m.group("words") + " " * (len(m.group()) - len(m.group("words")) - 1), out)
    if out.isascii():
        return out
    return "".join(
        " " if ord(ch) > 127 and unicodedata.category(ch) in ("So", "Sm", "Po") and ch != "°" else ch for ch in out
    )


#: a heading (Markdown, a LaTeX section, a line in bold) that names a number: "### Aufgabe 4", "**Item 4.**"
_HEADING = re.compile(
    r"^[ \t]*(?P<open>#{1,6}[ \t]+|\\(?:sub){0,2}section\*?\{|\\(?:textbf|paragraph)\{|\*\*|__)"
    r"(?P<title>[^\n$=<>^\\]{0,60}?)(?<![\w.])(?P<n>\d{1,2})(?![\w.]*\d)(?![ \t]*[=<>^+*/])",
    re.M,
)
#: the words of a heading inside an answer that numbers its own steps ("Case 2", "Step 3", "Lemma 4"): such a
#: heading is only noted, it ends no question
_INSIDE = re.compile(
    r"[\s*_#]*(?:case|sub-?case|step|stage|phase|lemma|claim|proof|theorem|proposition|corollary"
    r"|definition|property|remark|note|observation|fact|example|equation|eq|figure|fig|table|method"
    r"|approach|option|attempt|hint|item|part|partie|line|round|iteration|epoch|layer|point|condition"
    r"|assumption|rule|appendix)\b",
    re.I,
)
_LETTERS = re.compile(r"[A-Za-zÀ-ÿ]")
#: what closes a label in bold right after its number ("**Aufgabe 4.**"): a bold line that goes on in prose
#: ("**Hence** the 3 terms ...") is no heading
_CLOSED = re.compile(r"[ \t]*[.:)]?[ \t]*(?:\*\*|__|\})")


def unplaced(
    view: str, marks: list[tuple[int, str | None]], hidden: Callable[[int], bool]
) -> list[tuple[re.Match[str], str, bool]]:
    """Headings (in ``view``, the text as :func:`plain` gives it) that name a number beyond the question they
    stand in and that no marker reads ("### Aufgabe 4" in question 3), with that question and whether the
    heading ends it. Set apart (a Markdown heading, a section, or a label whose bold closes after its number),
    and unless its words number the answer's own steps ("**Case 2.**"), its text may be the next question's,
    whose notation is not known: it is not left under the question before (whose assumptions could prove a
    false line of the next question) but read with the shared notation only. ``marks``: where the parts start,
    with their question (None for none); ``hidden``: where no heading stands (display math)."""
    out: list[tuple[re.Match[str], str, bool]] = []
    ordered = sorted(marks, key=lambda mark: mark[0])
    starts = [s for s, _ in ordered]
    for m in _HEADING.finditer(view):
        line_end = view.find("\n", m.start())
        line_end = len(view) if line_end < 0 else line_end
        title = m.group("title") or ""
        if hidden(m.start()) or not _LETTERS.search(title):
            continue
        if any(m.start() <= s < line_end and q is not None for s, q in ordered):
            continue  # a marker reads it
        k = bisect.bisect_left(starts, m.start()) - 1
        question = ordered[k][1] if k >= 0 else None
        if question is None or not question.split(".")[0].isdigit() \
                or int(m.group("n")) <= int(question.split(".")[0]):
            continue  # "Step 2", "Lemma 1" inside question 3: its own headings
        apart = m.group("open").startswith(("#", "\\s")) or (
            _CLOSED.match(view, m.end()) is not None and not any(c in title for c in ("**", "__", "}"))
        )
        out.append((m, question, apart and _INSIDE.match(title) is None))
    return out
