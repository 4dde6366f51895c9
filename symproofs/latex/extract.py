r"""Finding derivation chains in a student's ``.tex`` or Markdown file.

Display math is read from ``align``, ``align*``, ``aligned``, ``split``,
``gather``, ``equation``, ``eqnarray``, ``multline`` (starred or not; also
``alignat``, ``flalign``, ``gathered``, ``displaymath``), ``\[ ... \]`` and
``$$ ... $$``, in both kinds of file; inline ``$...$`` is ignored, and so are
``%`` comments and, in Markdown, fenced code blocks.

The student's own macros are expanded first
(:func:`symproofs.latex.macros.expand_macros`: a file with TeX programming is
refused with an :class:`InputError`). Rows are split at ``\\``. A row that starts with a relation (after ``&``)
continues the current chain; a row with its own left-hand side starts a new
one (``a = b = c`` on one row is split at its relations). A row without a
relation that starts with ``+``, ``-``, ``\cdot`` or ``\times`` continues the
side above it (a long side broken over rows), and ``multline`` is one row. A
display block whose first row starts with a relation continues the chain of
the block before it. A side that does not parse keeps its
:class:`~symproofs.core.errors.InputError`; nothing here raises for a bad line.

>>> doc = "\\begin{align*}\n(a+b)^2 &= a^2 + 2ab + b^2 \\\\\n&\\ge 2ab\n\\end{align*}\n"
>>> (chain,) = extract_chains(doc, source="answer.tex")
>>> [(side.line, side.relation_text, side.expr) for side in chain.sides]
[(2, '', (a + b)**2), (2, '=', a**2 + 2*a*b + b**2), (3, '\\ge', 2*a*b)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Literal

from symproofs.core.errors import InputError
from symproofs.latex.macros import expand_macros
from symproofs.latex.parser import (
    LineSource,
    Notation,
    parse_relation_chain,
    sequence_names,
    unify_indices,
)

__all__ = ["ChainSource", "LineSource", "extract_chains"]

Kind = Literal["tex", "markdown"]

_SUFFIXES: dict[str, Kind] = {
    ".tex": "tex", ".ltx": "tex", ".latex": "tex",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".qmd": "markdown",
}
_ENVS = "align|alignat|flalign|equation|gather|multline|eqnarray|aligned|split|gathered|displaymath"
_OPEN = re.compile(
    rf"(?<!\\)\\begin\{{(?P<env>{_ENVS})(?P<star>\*?)\}}(?:\{{\d+\}})?"
    r"|(?P<bracket>(?<!\\)\\\[)|(?P<dollars>(?<!\\)\$\$)"
)
_CLOSE = {"bracket": re.compile(r"(?<!\\)\\\]"), "dollars": re.compile(r"(?<!\\)\$\$")}
_INNER = re.compile(r"\\(?:begin|end)\{(?:aligned|alignedat|split|gathered)\}(?:\[[a-z]\]|\{\d+\})?")
_ROW_SPLIT = re.compile(r"\\\\\*?(?:\[[^\]\n]{0,30}\])?|\\begin\{|\\end\{")
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%[^\n]*")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.M)
_SIDE_BREAK = ("+", "-", "\\cdot", "\\times")


@dataclass(frozen=True, kw_only=True)
class ChainSource:
    """One chain as written: its sides in order, each with its file line.

    ``sides[0]`` is the first side (``relation`` is ``None``); every later side
    carries the relation that joins it to the one before.
    """

    source: str
    line: int
    sides: tuple[LineSource, ...]


def extract_chains(
    text: str,
    *,
    source: str,
    kind: Kind | None = None,
    notation: Notation | None = None,
) -> tuple[ChainSource, ...]:
    """Every chain of the display math in ``text``, in file order.

    ``kind`` is guessed from the suffix of ``source`` when not given. Sides of
    one chain share their indices (see :func:`symproofs.latex.parser.unify_indices`).
    """
    if kind is None:
        kind = _SUFFIXES.get(PurePath(source).suffix.lower())
        if kind is None:
            raise InputError("cannot tell TeX from Markdown by the file name; pass kind=",
                             source=source)
    elif kind not in ("tex", "markdown"):
        raise InputError(f"kind must be 'tex' or 'markdown', not {kind!r}", source=source)
    text = expand_macros(text, source=source, kind=kind).text  # the student's own macros
    masked = _blank(_COMMENT, text) if kind == "tex" else _blank_fences(text)
    sequences = sequence_names(masked)  # h^{(t)}, h^{(t-1)}: a sequence h
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(index: int) -> tuple[int, int]:
        row = bisect.bisect_right(line_starts, index)
        return row, index - line_starts[row - 1] + 1

    def parse(body: str, offset: int, start: int, end: int) -> tuple[LineSource, ...]:
        line, column = where(offset + start)
        return parse_relation_chain(body[start:end], notation=notation, source=source,
                                    line=line, column=column, sequences=sequences)

    chains: list[list[LineSource]] = []
    current: list[LineSource] | None = None
    for start, end, env in _blocks(masked):
        if env is None:
            line, column = where(start)
            error = InputError("display math is not closed", source=source, line=line,
                               column=column)
            chains.append([LineSource(line=line, column=column, relation=None, relation_text="",
                                      text="", error=error)])
            current = None
            continue
        body = _blank(_INNER, _blank(_COMMENT, masked[start:end]))
        rows: list[tuple[int, tuple[LineSource, ...]]] = []  # (start, parts) per logical row
        for row_start, row_end in _rows(body, env.startswith("multline")):
            parts = parse(body, start, row_start, row_end)
            if rows and len(parts) == 1 and not parts[0].relation_text and (
                parts[0].text.startswith(_SIDE_BREAK)
            ):
                rows[-1] = (rows[-1][0], parse(body, start, rows[-1][0], row_end))
            elif parts:
                rows.append((row_start, parts))
        for _, parts in rows:
            if not parts[0].relation_text:
                current = list(parts)
                chains.append(current)
                continue
            if current is None:
                first = parts[0]
                error = InputError("this row starts with a relation but no chain comes before it",
                                   source=source, line=first.line, column=first.column)
                current = [LineSource(line=first.line, column=first.column, relation=None,
                                      relation_text="", text="", error=error)]
                chains.append(current)
            current.extend(parts)
    return tuple(_chain(source, sides) for sides in chains)


def _chain(source: str, sides: list[LineSource]) -> ChainSource:
    exprs = iter(unify_indices(s.expr for s in sides if s.expr is not None))
    shared = tuple(replace(s, expr=next(exprs)) if s.expr is not None else s for s in sides)
    return ChainSource(source=source, line=shared[0].line, sides=shared)


def _blocks(text: str) -> Iterator[tuple[int, int, str | None]]:
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


def _rows(text: str, single: bool) -> Iterator[tuple[int, int]]:
    """Spans of the rows of a block, split at ``\\\\`` outside nested environments."""
    depth, row = 0, 0
    for m in _ROW_SPLIT.finditer(text):
        token = m.group()
        if token.startswith("\\begin"):
            depth += 1
        elif token.startswith("\\end"):
            depth = max(depth - 1, 0)
        elif depth == 0 and not single:
            yield row, m.start()
            row = m.end()
    yield row, len(text)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """Replace matches by spaces (keeping group 1, the ``\\\\`` before a ``%``),
    so that every other character keeps its position."""

    def spaces(m: re.Match[str]) -> str:
        keep = m.group(1) if pattern.groups else ""
        return keep + " " * (len(m.group()) - len(keep))

    return pattern.sub(spaces, text)


def _blank_fences(text: str) -> str:
    """Blank fenced code blocks of a Markdown file (their math is not math)."""
    fences = [m.start() for m in _FENCE.finditer(text)]
    out: list[str] = []
    pos = 0
    for open_, close in zip(fences[::2], [*fences[1::2], len(text)], strict=False):
        end = text.find("\n", close)
        end = len(text) if end < 0 else end
        out += [text[pos:open_], re.sub(r"[^\n]", " ", text[open_:end])]
        pos = end
    return "".join(out) + text[pos:]
