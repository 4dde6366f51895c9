"""Scanning LaTeX source as text, every character keeping its position.

The document level: where the display blocks are (:func:`blocks`), and the
source with comments blanked (:func:`blank`; what else the page does not
show is :mod:`symproofs.latex.hidden`). The row level: the tokens of a row and whether each
stands at the top level, outside every ``{...}`` group and nested
``\\begin ... \\end`` (:class:`Scanned`), so that the relations, breaks and
alignment marks of a row are told from those inside a subscript, a
``\\text{}`` or a ``cases``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from symproofs.latex.tokens import ARROW_ALIASES, ROW_SPACING, UNICODE_ARROWS, WORDS

__all__ = ["COMMENT", "RELATION_TEXT", "Scanned", "blank", "blocks", "comma_spans", "group_after",
           "has_lhs", "list_items", "names_operator", "open_brackets", "strip_groups"]

_ENVS = "align|alignat|flalign|equation|gather|multline|eqnarray|aligned|split|gathered|displaymath"
_OPEN = re.compile(
    rf"(?<!\\)\\begin\{{(?P<env>{_ENVS})(?P<star>\*?)\}}(?:\{{\d+\}})?"
    r"|(?P<bracket>(?<!\\)\\\[)|(?P<dollars>(?<!\\)\$\$)"
)
_CLOSE = {"bracket": re.compile(r"(?<!\\)\\\]"), "dollars": re.compile(r"(?<!\\)\$\$")}
COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*")
_UNICODE = "".join(UNICODE_ARROWS)
_SCAN = re.compile(r"\\begin\{[^{}]*\}|\\end\{[^{}]*\}|\\[A-Za-z]+|\\.|[{}&;]|\s+|<==?>|==?>|<->|->"
                   rf"|[{_UNICODE}]|(?:[^\\{{}}&;\s<=\-{_UNICODE}]|<(?!==?>|->)|=(?!=?>)|-(?!>))+")
#: arrows typed in ASCII or Unicode or named otherwise, as the commands they stand for (-> and →
#: are arrows only between statements)
_ARROW_SPELLINGS = {"=>": "\\implies", "==>": "\\implies", "<=>": "\\iff", "<==>": "\\iff", "<->": "\\iff",
                    "->": "\\to", **{c: "\\" + name for c, name in UNICODE_ARROWS.items()},
                    **{"\\" + alias: "\\" + name for alias, name in ARROW_ALIASES.items()}}
_BREAK_TAIL = re.compile(rf"\*?(?:\s*{ROW_SPACING})?")
RELATION_TEXT = re.compile(r"(?<![\\<>])(?:=|<|>)|\\(?:le|leq|ge|geq|lt|gt|leqslant|geqslant|neq|ne"
                            r"|approx|iff|implies|Rightarrow|Leftrightarrow|Longrightarrow)(?![A-Za-z])|[⇒⟹⇔⟺]")


class Scanned:
    """Positions of a text at brace and environment depth 0 (outside every
    ``{...}`` and nested ``\\begin ... \\end``): row breaks, alignment
    marks, logical relations, remarks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[int, int, str, bool]] = []  # start, end, token, at top level
        braces = envs = 0
        for m in _SCAN.finditer(text):
            tok = m.group()
            top = braces == 0 and envs == 0
            if tok == "{":
                braces += 1
            elif tok == "}":
                braces = max(braces - 1, 0)
            elif tok.startswith("\\begin{"):
                envs += 1
                top = False
            elif tok.startswith("\\end{"):
                envs = max(envs - 1, 0)
                top = False
            self.tokens.append((m.start(), m.end(), _ARROW_SPELLINGS.get(tok, tok), top))

    def breaks(self) -> list[tuple[int, int]]:
        out = []
        for a, b, tok, top in self.tokens:
            if top and tok == "\\\\":
                m = _BREAK_TAIL.match(self.text, b)
                out.append((a, m.end() if m else b))
        return out


def names_operator(toks: Sequence[tuple[int, int, str, bool]], i: int) -> bool:
    """Whether the text command at ``toks[i]`` holds an operator's name
    (``\\mathrm{Var}``, ``\\text{tr}``), which is math, not words."""
    return "".join(t[2] for t in toks[i + 1:group_after(toks, i)]).strip("{} ") in WORDS


def group_after(toks: Sequence[tuple[int, int, str, bool]], i: int) -> int:
    """Index just after the braced group that follows token ``i``."""
    j = i + 1
    while j < len(toks) and toks[j][2].isspace():
        j += 1
    if j >= len(toks) or toks[j][2] != "{":
        return i + 1
    depth = 0
    for k in range(j, len(toks)):
        if toks[k][2] == "{":
            depth += 1
        elif toks[k][2] == "}":
            depth -= 1
            if depth == 0:
                return k + 1
    return len(toks)


def strip_groups(text: str) -> str:
    """``text`` with only what stands outside every ``{...}`` group and nested
    environment (a relation in ``\\sum_{k=1}`` or ``\\text{...}`` is none)."""
    out = [" "] * len(text)
    braces = 0
    for a, b, tok, top in Scanned(text).tokens:
        if top and tok != "{" and braces == 0:
            out[a:b] = tok
        braces += tok == "{"
        braces -= tok == "}" and braces > 0
    return "".join(out)


def open_brackets(text: str) -> bool:
    """Whether ``text`` leaves a parenthesis or bracket open (a row broken
    inside ``\\Big( ... \\Big)``)."""
    plain = re.sub(r"\\[{}]", "", text)
    return plain.count("(") + plain.count("[") > plain.count(")") + plain.count("]")


def has_lhs(text: str) -> bool:
    """Whether ``text`` is a statement with its own left side: some
    mathematics, then a top-level relation."""
    plain = strip_groups(text)
    m = RELATION_TEXT.search(plain)
    # an environment (a matrix written out) is mathematics too
    return m is not None and (bool(plain[:m.start()].strip(" &\n\t,.;:\\")) or "\\begin{" in text[:m.start()])


def blocks(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, environment) of each display block's content; environment
    ``None`` for a block that is never closed (start is then its opening)."""
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        if m["env"]:
            env = m["env"] + m["star"]
            end = text.find(f"\\end{{{env}}}", m.end())
            after = end + len(env) + 6
        else:
            env = "$$" if m["dollars"] else "\\["
            close = _CLOSE["dollars" if m["dollars"] else "bracket"].search(text, m.end())
            end, after = (close.start(), close.end()) if close else (-1, -1)
        if end < 0:
            yield m.start(), m.end(), None
            pos = m.end()
            continue
        yield m.end(), end, env
        pos = after


def blank(pattern: re.Pattern[str], text: str) -> str:
    """Replace matches by spaces (keeping group 1, the ``\\\\`` before a ``%``),
    so that every other character keeps its position."""

    def spaces(m: re.Match[str]) -> str:
        keep = m.group(1) if pattern.groups else ""
        return keep + " " * (len(m.group()) - len(keep))

    return pattern.sub(spaces, text)


def comma_spans(text: str) -> list[tuple[int, int]]:
    """Where the pieces of ``text`` cut at its top-level commas stand (a
    trailing comma cuts nothing)."""
    depth, cuts = 0, []
    for k, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0 and not _escaped(text, k):  # \, is a thin space
            cuts.append(k)
    spans = list(zip([0, *(c + 1 for c in cuts)], [*cuts, len(text)], strict=True))
    return spans[:-1] if len(spans) > 1 and not text[spans[-1][0]:spans[-1][1]].strip(" .\n\t") else spans


def _escaped(text: str, k: int) -> bool:
    """Whether the character at ``k`` is a control symbol (an odd run of
    backslashes before it)."""
    run = len(text[:k]) - len(text[:k].rstrip("\\"))
    return run % 2 == 1


def list_items(text: str) -> list[str]:
    """``text`` cut at its top-level commas (a trailing comma dropped)."""
    return [text[a:b] for a, b in comma_spans(text)]
