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
relation that starts with a binary operator (``+``, ``-``, ``\cdot``, ``\times``,
``\pm``, ...) continues the side above it (a long side broken over rows),
whatever stands before the operator only to align it: spacing, an empty
group ``{}``, a ``\phantom{=}`` (phantoms and empty groups are read as
nothing everywhere: :mod:`symproofs.latex.spacing`); ``multline`` is one
row. Empty columns (spacing only: alignat's ``&\quad&``) are skipped, so a
condition after them (``\text{if } x \ge 0``) is the row's. A
display block whose first row starts with a relation continues the chain of
the block before it, unless a sentence of its own stands between them
(:func:`~symproofs.latex.between.new_sentence`: the row is then not read). A side that does not parse keeps its
:class:`~symproofs.core.errors.InputError`; nothing here raises for a bad line.

>>> doc = "\\begin{align*}\n(a+b)^2 &= a^2 + 2ab + b^2 \\\\\n&\\ge 2ab\n\\end{align*}\n"
>>> (chain,) = extract_chains(doc, source="answer.tex")
>>> [(side.line, side.relation_text, side.expr) for side in chain.sides]
[(2, '', (a + b)**2), (2, '=', a**2 + 2*a*b + b**2), (3, '\\ge', 2*a*b)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Literal

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.model import Relation
from symproofs.latex.after import condition_after, stated_after
from symproofs.latex.between import new_sentence, open_intertext, words_between
from symproofs.latex.cases import claims_relation, hide, read_system, whole_row
from symproofs.latex.claims import denied_display, not_claimed, unasked
from symproofs.latex.conditions import (
    as_reason,
    as_relations,
    domain_words,
    propositions,
    read_condition,
    says_more,
    signs_in_words,
)
from symproofs.latex.defined import defined_names
from symproofs.latex.hidden import unseen
from symproofs.latex.integers import integer_declarations
from symproofs.latex.kinds import KINDS, kind_declarations
from symproofs.latex.lexer import MAX_LENGTH
from symproofs.latex.macros import expand_macros
from symproofs.latex.naming import definitions_in_words
from symproofs.latex.parser import Condition, LineSource, Notation, parse_relation_chain, sequence_names, unify_indices
from symproofs.latex.remarks import (
    AND_WORDS,
    ASSUMING,
    BARE_CONDITION,
    COLUMN_WORDS,
    EXCEPT_WORDS,
    GAPS,
    NOT_A_CONDITION,
    OR,
    OR_WORDS,
    RETRACTED,
    STANDING,
    SYMBOL_WORDS,
    between_statements,
    drawn_aside,
    is_domain,
    qualifying,
    solved_for,
    spot_check,
    trailing_condition,
)
from symproofs.latex.scan import (
    COMMENT,
    RELATION_TEXT,
    Scanned,
    blank,
    blocks,
    group_after,
    has_lhs,
    names_operator,
    open_brackets,
    strip_groups,
)
from symproofs.latex.segments import LOGICAL, Segment, alternatives, display_rows, split_list
from symproofs.latex.spacing import gap, invisible
from symproofs.latex.tokens import unmark_relations
from symproofs.probability.variables import Independent

__all__ = ["ChainSource", "LineSource", "Link", "extract_chains"]

Kind = Literal["tex", "markdown"]

_SUFFIXES: dict[str, Kind] = {
    ".tex": "tex", ".ltx": "tex", ".latex": "tex",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".qmd": "markdown",
}
_INNER = re.compile(r"\\(?:begin|end)\{(?:aligned|alignedat|split|gathered)\}(?:\[[a-z]\]|\{\d+\})?")
_ROW_SPLIT = re.compile(r"\\\\\*?(?:\[[^\]\n]{0,30}\])?|\\begin\{|\\end\{")


@dataclass(frozen=True, kw_only=True)
class Link:
    r"""A logical step between two statements of a chain: the premise (the
    statement before, as a tuple of relations) ``=>`` or ``<=>`` the
    conclusion (the statement after). ``at`` is the index in
    :attr:`ChainSource.sides` of the conclusion's first side (the length of
    ``sides`` when the conclusion is a system with no sides of its own);
    ``premise`` or ``conclusion`` is ``None`` when a part of it did not
    parse, and ``relation`` is ``None`` for a relation that is not checked
    (``\Leftarrow``)."""

    at: int
    line: int
    column: int
    relation: Relation | None
    relation_text: str
    text: str
    premise: tuple[sp.Basic, ...] | None
    conclusion: tuple[sp.Basic, ...] | None
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class ChainSource:
    r"""One chain as written: its sides in order, each with its file line.

    ``sides[0]`` is the first side (``relation`` is ``None``); every later side
    carries the relation that joins it to the one before, except the first
    side of a new statement (``relation_text`` empty), which the chain's
    :attr:`links` join to the statement before it. ``kind`` is ``display``
    or ``inline`` (text math ``$...$``; ``asked`` where its sentence asks or
    denies it, :mod:`symproofs.latex.claims`); ``lead`` is the prose just
    before the math (for cue words such as "where" or "we choose").
    A chain that words cut (``\intertext``, a sentence before a display that
    opens with a relation) is read in parts (:mod:`symproofs.latex.between`):
    ``continues`` marks a part whose first side is the last side of the part
    before it, ``goes_on`` a part that another continues.
    """

    source: str
    line: int
    sides: tuple[LineSource, ...]
    links: tuple[Link, ...] = ()
    kind: str = "display"
    lead: str = ""
    offset: int = 0
    continues: bool = False
    goes_on: bool = False


def extract_chains(
    text: str,
    *,
    source: str,
    kind: Kind | None = None,
    notation: Notation | None = None,
    inline: bool = True,
    shown: bool = False,
) -> tuple[ChainSource, ...]:
    """Every chain of the display math in ``text`` (and, with ``inline``,
    every text math ``$...$`` with two relations or more), in file order.
    With ``shown``, ``text`` is already what the page shows, macros expanded
    (:func:`~symproofs.latex.macros.expand_macros` and
    :func:`~symproofs.latex.hidden.unseen` applied to the whole document:
    one part of it, blanked around, would look like indented code).

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
    if not shown:
        text = expand_macros(text, source=source, kind=kind).text  # the student's own macros
    masked, text = open_intertext(text if shown else unseen(text, kind), text)  # \intertext{}: words between
    displays = list(blocks(masked))
    scanned = masked
    for start, end, env in displays:  # a display too long to read is not scanned at all
        if env is not None and end - start > MAX_LENGTH:
            scanned = scanned[:start] + " " * (end - start) + scanned[end:]
    notation = defined_names(scanned, notation)  # f(x) := x^2 + 1: f is a function in the whole document
    reader = _Reader(text, source, notation, sequence_names(scanned))  # h^{(t)}, h^{(t-1)}: a sequence h
    for start, end, env in displays:
        if env is None:
            reader.unclosed(start)
            continue
        if end - start > MAX_LENGTH:
            reader.too_long(start, end - start)
            continue
        body = blank(_INNER, blank(COMMENT, masked[start:end]))
        reader.block(body, start, env.startswith("multline"))
    if inline:
        outside = masked
        for start, end, env in displays:
            stop = end if env is not None else start
            outside = outside[: max(start - 2, 0)] + " " * (stop + 2 - max(start - 2, 0)) + outside[stop + 2:]
        taken = -1  # the end of the last condition read with the text math before it
        for m in _INLINE.finditer(outside):  # paired in order: "$x$ we have $...$" is two pieces of math
            if len(m.group(1).strip()) < 3 or (
                    m.start() < taken and not STANDING.search(outside, max(0, m.start() - 80), m.start())):
                # "for $t \ge 1$" (and "$y = 1$"): the condition of the text math before, not a claim; after
                # "for all", also the case the lines after it work in ("we show ... for all $n \ge 0$"), and after
                # "since", "because" a fact they work with ("we get $x^2 \le 1$ since $0 < x < 1$")
                continue
            condition, end = trailing_condition(outside, m.end(), m.group(1))
            taken = max(taken, end)
            # "Is $a = b = c$? No", "we cannot write $a = b = c$": asked or denied, not a claim
            asked = not_claimed(masked[max(0, m.start() - 300):m.start()], masked[max(m.end(), end):][:300])
            reader.inline(m.group(1) + condition, m.start(1), asked)
        for start, relation in signs_in_words(outside):  # "let $b$ be positive": b > 0
            reader.inline(relation, start)
        for start, end, declared in integer_declarations(outside):  # "for every integer $k$"
            reader.declared(start, end, declared)
        for start, end, said in definitions_in_words(outside):  # "write $m$ for $\mathbb{E}[X^2]$": m = E[X^2]
            reader.declared(start, end, "named", said)
    for start, end, declared in kind_declarations(scanned):  # "$A, B \in \mathbb{R}^{n \times n}$", in any part
        reader.declared(start, end, declared)
    return tuple(sorted(reader.done(), key=lambda c: (c.offset, c.line)))


_LABEL_SUP = re.compile(r"\^\s*\{\s*\\(?:text|mathrm|textrm|operatorname)\s*\{[A-Za-z]{2,}\}\s*\}")
# ``\lambda^{L_2}``, ``w^{\ell_1}``: the name of a regularizer as a label, not a power
_NORM_LABEL = re.compile(r"\^\s*\{\s*(?:L|\\ell)\s*(?:_\s*)?\{?\s*([12])\s*\}?\s*\}")
_TAG_ONLY = re.compile(r"\s*\(\s*\d{1,3}\s*\)\s*")
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]{1,2000}?)(?<![\\$])\$(?!\$)")
_ARROWS = frozenset({"\\to", "\\rightarrow", "\\longrightarrow"})
_OPENING = re.compile(r"(?:\\begin\{[A-Za-z]+\*?\}(?:\{\d+\})?|\\\[)\s*$")
_REMARK_TEXT = re.compile(r"\\(?:text|textrm|textit|textbf|textsf|textnormal|textup|emph|mbox|mathrm"
                          r"|(?:short)?intertext)\s*$")


class _Reader:
    """Builds the chains of a file, block by block."""

    def __init__(self, text: str, source: str, notation: Notation | None,
                 sequences: frozenset[str] = frozenset()) -> None:
        self.text, self.source, self.notation = text, source, notation
        self.sequences = sequences
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.chains: list[_Building] = []
        self.current: _Building | None = None
        self.after = 0  # where the last display ended
        self.resumed = False  # words stand between the display at hand and the one before
        self.sentence = False  # and they open a new sentence

    def where(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.line_starts, index)
        return row, index - self.line_starts[row - 1] + 1

    def lead(self, offset: int) -> str:  # the words before a display, up to its opening (\begin{align*}, $$)
        return _OPENING.sub("", self.text[max(0, offset - 140):offset]).rstrip("$ \n")[-120:]

    def parse(self, body: str, offset: int, start: int, end: int) -> list[LineSource]:
        piece = body[start:end]
        piece = _LABEL_SUP.sub(lambda m: "_" + m.group()[1:], piece)  # w^{\text{dropout}}: a label
        piece = _NORM_LABEL.sub(lambda m: "_{\\text{L" + m.group(1) + "}}", piece)
        piece, spellings = unmark_relations(piece)  # \stackrel{?}{=}, \overset{!}{=}: read, never checked
        line, column = self.where(offset + start)
        hidden = hide(piece, self.notation)  # a case distinction is one value, its rows never sides
        parts = list(parse_relation_chain(hidden.text, notation=self.notation, source=self.source,
                                          line=line, column=column, sequences=self.sequences))
        if hidden.cases:
            parts = [hidden.put_back(p, self.source) for p in parts]
        if spellings:  # each \doteq in order: one written so, or one that stands for a marked relation
            said = iter(spellings)
            parts = [replace(p, relation_text=next(said, p.relation_text)) if p.relation_text == "\\doteq"
                     else p for p in parts]
        return parts

    def unclosed(self, start: int) -> None:
        line, column = self.where(start)
        error = InputError("display math is not closed", source=self.source, line=line, column=column)
        chain = _Building(offset=start, lead=self.lead(start))
        chain.add_sides([LineSource(line=line, column=column, relation=None, relation_text="", text="",
                                    error=error)])
        self.chains.append(chain)
        self.current = None

    def too_long(self, start: int, length: int) -> None:
        line, column = self.where(start)
        error = InputError(f"display math longer than {MAX_LENGTH} characters ({length}); not read",
                           source=self.source, line=line, column=column)
        chain = _Building(offset=start, lead=self.lead(start))
        chain.add_sides([LineSource(line=line, column=column, relation=None, relation_text="", text="",
                                    error=error)])
        self.chains.append(chain)
        self.current = None

    def block(self, body: str, offset: int, single: bool) -> None:
        if _TAG_ONLY.fullmatch(body):
            return  # an equation number on its own (a PDF converted to Markdown): no math
        body, asking = unasked(invisible(body))  # nothing typeset (phantoms, ...), positions kept; "x \le 2 ?"
        asking = asking or denied_display(self.lead(offset), self.text[offset + len(body):][:200])  # "**Wrong:**"
        rows = display_rows(body, single)
        resumed, sizes = words_between(self.text[self.after:offset]), {id(c): len(c.sides) for c in self.chains}
        sentence = resumed and new_sentence(self.text[self.after:offset])
        for k, seg in enumerate(s for row in rows for s in self.segments(body, row)):
            self.resumed, self.sentence = resumed and k == 0, sentence and k == 0
            self.segment(body, offset, seg, kind="asked" if asking else "display")
        for c in (c for c in self.chains if len(c.sides) != sizes.get(id(c), -1)):  # "$$...$$ where $t > 0$."
            c.sides = stated_after(c.sides, condition_after(self.text, offset + len(body), self.parse))
        self.resumed, self.sentence, self.after = False, False, offset + len(body)

    def inline(self, text: str, offset: int, asked: bool = False) -> None:
        # "$\forall t > 0$:": the quantifier is words before the case (blanked, positions kept)
        text = re.sub(r"^\s*\\forall(?![A-Za-z])", lambda m: " " * len(m.group()), text)
        for body in as_relations(text):  # "$\gamma \in (0, 1)$": 0 < \gamma < 1; "$a, b > 0$": a > 0 and b > 0
            self.inline_relations(body, offset, asked)

    def inline_relations(self, body: str, offset: int, asked: bool = False) -> None:
        segs = self.segments(body, (0, len(body)))
        probe = [p for seg in segs for p in self.parse(body, offset, seg.start, seg.end)]
        relations = sum(1 for p in probe if p.relation_text)
        if relations == 0 and len(segs) == 1 and len(probe) == 1 and isinstance(probe[0].expr, Independent) \
                and len(probe[0].expr.args) == 2:
            saved = self.current
            self.current = None  # "we have $h_j \perp h_l$": the text takes j != l
            self.segment(body, offset, segs[0], kind="independence")
            self.current = saved
            return
        if relations == 0 or any(p.error is not None and not p.ambiguous for p in probe[:1]):
            return
        # a range such as 1 \le i \le d: no claim to check, at most the case the text takes
        # ("assume $0 < \delta < 1$"); one relation: at most a definition or such a case ("if $i \neq j$")
        # (not statements joined by \implies or \iff: a chain of statements, each link checked, as in a display)
        ranged = relations >= 2 and not any(p.relation is Relation.EQ for p in probe) \
            and not any(seg.link is not None for seg in segs)
        # a claim its sentence asks or denies ("Is $a = b = c$?", "is $1 < 2 < 1$?"): kind "asked", never checked
        kind = ("asked" if asked else "range" if ranged else "inline") if relations >= 2 else "inline1"
        saved = self.current
        self.current = None
        for seg in segs:
            self.segment(body, offset, seg, kind="inline1" if seg.listed else kind)
        self.current = saved

    def declared(self, start: int, end: int, kind: str, said: str | None = None) -> None:
        """A name the text declares an integer (``kind``: the set) or not a number (a kind of
        :mod:`symproofs.latex.kinds`, also members ``x_i``), or defines in words (``named``: what it ``said``,
        ``m = \\mathbb{E}[X^2]`` or the name alone), as a chain of that kind."""
        sides = self.parse(self.text, 0, start, end) if said is None else self.parse(said, start, 0, len(said))
        formula = said is not None and len(sides) == 2 and sides[1].relation is Relation.EQ \
            and sides[1].expr is not None
        if (len(sides) == 1 or formula) and (isinstance(sides[0].expr, sp.Symbol) or (
                kind in (*KINDS, "named") and isinstance(sides[0].expr, AppliedUndef))):
            self.chains.append(_Building(offset=start, lead=self.lead(start), kind=kind, sides=sides, starts=[0]))

    def segments(self, body: str, row: tuple[int, int]) -> list[Segment]:
        """A row cut into statements: at top-level logical relations, at a
        remark between two relations (``\\quad\\text{so}\\quad``), at the
        columns of a multi-column alignment (``x &= 1 & y &= 2``)."""
        start, end = row
        scan = Scanned(body[start:end])
        out: list[Segment] = [Segment(start, end)]
        amps = [a for a, _, tok, top in scan.tokens if top and tok == "&"
                and not body[start:start + a].rstrip().endswith("\\\\")]  # not a row continued
        for k in range(1, len(amps), 2):  # every second & may start a new column
            cut = start + amps[k]
            last = out[-1]
            after = body[cut + 1:last.end]
            rest = after[gap(after):]  # past empty columns: x &= y &\quad& \text{if } y \ge 0
            at = last.end - len(rest)
            if (bare := BARE_CONDITION.match(rest)) is not None or is_domain(rest.replace("&", " ")):
                # x + y &= z && (x \ge 0), x &= y, & y &\ge 0: the row's condition in a column of its own, not a
                # statement
                span = (at + bare.start("inner"), at + bare.end("inner")) if bare is not None else (at, last.end)
                out[-1] = replace(last, end=cut, condition=span)
                break
            if COLUMN_WORDS.match(rest) or ASSUMING.match(rest) or qualifying(rest, column=True):
                break  # x &= y && \text{if } y \ge 0: the row's condition, read with the row's remarks
            if has_lhs(after):
                out[-1] = replace(last, end=cut)
                out.append(Segment(cut + 1, last.end, aside=True))
        final: list[Segment] = []
        for seg in (piece for whole in out for piece in split_list(body, whole)):
            final += self.split_logical(body, seg)
        result: list[Segment] = []
        for seg in final:
            result += self.split_remarks(body, seg)
        return result

    def split_logical(self, body: str, seg: Segment) -> list[Segment]:
        scan = Scanned(body[seg.start:seg.end])
        marks = [(seg.start + a, seg.start + b, tok) for a, b, tok, top in scan.tokens
                 if top and (LOGICAL.fullmatch(tok) or tok in _ARROWS)]
        # an arrow between two statements is an implication (x^2 = 4 \to x = \pm 2); in a_n \to 0
        # it is a limit, part of the statement
        cuts = [(a, b, "\\implies" if tok in _ARROWS else tok) for k, (a, b, tok) in enumerate(marks)
                if tok not in _ARROWS or (
                    RELATION_TEXT.search(body[marks[k - 1][1] if k else seg.start : a]) is not None
                    and RELATION_TEXT.search(body[b : marks[k + 1][0] if k + 1 < len(marks) else seg.end])
                    is not None)]
        out: list[Segment] = []
        pos, link = seg.start, seg.link
        for a, b, tok in cuts:
            if body[pos:a].strip(" &\n\t"):
                out.append(replace(seg, start=pos, end=a, link=link, logical=True))
            link = (a, tok)  # of two relations in a row, the last one joins
            pos = b
        out.append(replace(seg, start=pos, end=seg.end, link=link, logical=bool(cuts) or seg.logical))
        return [s for s in out if body[s.start:s.end].strip(" &\n\t") or s.link is not None]

    def split_remarks(self, body: str, seg: Segment) -> list[Segment]:
        if seg.disjunction:
            return [seg]
        scan = Scanned(body[seg.start:seg.end])
        toks = scan.tokens
        for i, (a, _, tok, top) in enumerate(toks):
            # a comma or a thin space only ends the row before a domain (", a > 0")
            weak = tok in (",", "\\;", "\\:", "\\ ")
            if not top or not (weak or tok in GAPS or tok == ";" or tok in SYMBOL_WORDS or _REMARK_TEXT.match(tok)
                               or (len(tok) > 1 and not tok.strip("~"))):
                continue
            if _REMARK_TEXT.match(tok) and names_operator(toks, i):
                continue  # \mathrm{Var}(X), \text{tr}(A): an operator, not words
            if tok == ";" and open_brackets(body[seg.start:seg.start + a]):
                continue  # f(x; \theta): a semicolon inside brackets separates arguments, not statements
            j, words = i, ""
            while j < len(toks):  # the whole remark: spacing, words, spacing
                t = toks[j][2]
                if _REMARK_TEXT.match(t) and names_operator(toks, j):
                    break  # \qquad \mathrm{Var}(X): the math goes on
                if _REMARK_TEXT.match(t) or t in ("\\hspace", "\\hspace*", "\\hskip"):
                    end = group_after(toks, j)
                    if _REMARK_TEXT.match(t):
                        words += " " + body[seg.start + toks[j][1]:seg.start + toks[end - 1][1]].strip("{} ")
                    j = end
                elif t in SYMBOL_WORDS:  # \because, \therefore: the symbol for the word, whatever the spacing
                    words, j = words + " " + SYMBOL_WORDS[t], j + 1
                elif t in GAPS or t in (",", ";", "\\,", "\\;", "\\:", "\\ ", "&") or t.isspace() or not t.strip("~"):
                    j += 1  # spacing, a semicolon, an alignment mark: x = 1 \quad &\text{or} \quad x = 2
                else:
                    break
            words = words.strip()
            before = body[seg.start:seg.start + a]
            claim = RELATION_TEXT.search(strip_groups(before)) is not None
            if claim and OR_WORDS.fullmatch(words) and j < len(toks):
                return [replace(seg, disjunction=True)]  # x = 1 \text{ or } x = -1: one statement
            if claim and seg.logical and AND_WORDS.fullmatch(words) and j < len(toks):
                # ... \implies a = 1 \text{ and } b = 2: one conclusion
                return [replace(seg, conjunct=(seg.start + a, seg.start + toks[j][0]))]
            if claim and EXCEPT_WORDS.search(words) and j < len(toks):  # "except if c > 0": never a claim
                return [replace(seg, end=seg.start + a, condition=(seg.start + a, seg.end))]
            if claim and j >= len(toks) and RETRACTED.search(words):  # x > 0 \text{ is false}: not a claim
                return [replace(seg, end=seg.start + a, condition=(seg.start + a, seg.end))]
            example = spot_check(words, body[seg.start + toks[j][0]:seg.end] if j < len(toks) else "")
            if claim and example == "case":  # \text{for instance when } x > 0: a condition not read
                return [replace(seg, end=seg.start + a, condition=(seg.start + a, seg.end))]
            if claim and example:  # \text{for example } x = 1: a spot check, the row claimed for every value
                rest = self.split_remarks(body, Segment(seg.start + toks[j][0], seg.end, aside=True))
                unread = words.strip(" ,;:()")
                return [replace(seg, end=seg.start + a), *(replace(r, unread=r.unread or unread) for r in rest)]
            if claim and (ASSUMING.match(words) or qualifying(words) or domain_words(words)) \
                    and ("$" in words or j < len(toks)) \
                    and between_statements(words) != "follows":  # not "as a result"
                # a condition the row holds under ("if", "at", "in the case", "is solved by"): kept with the row
                named = j < len(toks) and qualifying(words) and NOT_A_CONDITION.search(body[seg.start + toks[j][0]:])
                at = seg.start + (a if "$" in words or NOT_A_CONDITION.search(words) or says_more(words) or named
                                  else toks[j][0])  # (the words named where the condition is not read)
                return [replace(seg, end=seg.start + a, condition=(at, seg.end))]
            if j >= len(toks):
                break
            after = body[seg.start + toks[j][0]:seg.end]
            if claim and not words and is_domain(after):  # \quad a > 0, ", x \ge 0": the domain
                return [replace(seg, end=seg.start + a, condition=(seg.start + toks[j][0], seg.end))]
            if weak:
                continue
            bare = BARE_CONDITION.match(after)
            if claim and not words and (drawn := drawn_aside(after)) is not None:
                # (\text{thus } x + 1 = x): a consequence in parentheses, claimed and checked, never a condition
                at = seg.start + toks[j][0]
                return [replace(seg, end=seg.start + a), *self.split_remarks(body, Segment(
                    at + drawn[0], at + drawn[1], aside=True))]
            if claim and not words and bare is not None:  # \quad (j \ne k)
                at = seg.start + toks[j][0]
                return [replace(seg, end=seg.start + a, condition=(at + bare.start("inner"), at + bare.end("inner")))]
            if claim and ASSUMING.match(after):  # \quad \forall x > 0
                return [replace(seg, end=seg.start + a, condition=(seg.start + toks[j][0], seg.end))]
            if not claim or not has_lhs(after):
                continue
            # a second statement after the words: checked ("so", "i.e.", "and"), the first's reason ("by"),
            # or not read and saying so
            role = between_statements(words, after)
            if role == "reason":
                return [replace(seg, end=seg.start + a, condition=(seg.start + toks[j][0], seg.end))]
            end = seg.end  # "\text{(by the bias } b = c)": the parenthesis the words open closes after the math
            if words.count("(") > words.count(")") and after.rstrip(" .,;").endswith(")") \
                    and after.count(")") > after.count("("):
                end = seg.start + toks[j][0] + after.rstrip(" .,;").rfind(")")
            rest = self.split_remarks(body, Segment(seg.start + toks[j][0], end, aside=True))
            if not role:
                rest = [replace(r, unread=r.unread or words.strip(" ,;:()") or after[:30].strip()) for r in rest]
            if role == "follows" and solved_for(before, after):  # x^2 = 4x - 4 \text{ gives } x = 2: solved
                said = f"{words.strip(' ,;:()')} {after.strip(' .,;')}"[:60]
                return [replace(seg, end=seg.start + a, solved=said), *rest]
            return [replace(seg, end=seg.start + a), *rest]
        return [seg]

    def segment(self, body: str, offset: int, seg: Segment, kind: str = "display") -> None:
        text = body[seg.start:seg.end]
        system = _CASES.search(text)
        if system is not None and not text[:system.start()].strip(" &\n\t\\left.{") \
                and whole_row(text, system.end()):  # "\begin{cases}..\end{cases} = 5": a value, read with hide()
            props, error = self.system(body, offset, seg.start + system.start("body"),
                                       seg.start + system.end("body"))
            sides: list[LineSource] = []
            if props is None and seg.link is None and claims_relation(system.group("body")):
                line, column = self.where(offset + seg.start + len(text) - len(text.lstrip(" &\n\t")))
                sides = [LineSource(line=line, column=column, relation=None, relation_text="",  # said, never dropped
                                    text=text.strip(" &\n\t")[:2000], error=InputError(
                                        f"not read: {error}", source=self.source, line=line, column=column))]
        elif seg.conjunct is not None:
            sides, props, error = self.conjunction(body, offset, seg, *seg.conjunct)
        elif seg.disjunction or OR.search(strip_groups(text)) or (seg.link is not None and alternatives(text)):
            sides, props, error = self.disjunction(body, offset, seg)
        else:
            sides = self.parse(body, offset, seg.start, seg.end) if text.strip(" &\n\t") else []
            props, error = propositions(sides)
        if seg.condition is not None and sides:
            condition = self.condition(body, offset, *seg.condition)
            sides = [replace(s, condition=condition) for s in sides]
        if (seg.unread or seg.solved) and sides:  # x \ge 0 \quad\text{rather than}\quad x > 0: not checked
            unread = Condition(text=seg.unread or seg.solved, facts=None, error=(
                f"the words '{seg.solved}' after it make it an equation to solve, not an identity" if seg.solved
                else f"the words '{seg.unread[:40]}' before this statement are not read"))
            sides = [replace(s, condition=unread) for s in sides]
        if seg.link is not None:
            a, tok = seg.link
            line, column = self.where(offset + a)
            chain = self.current
            if chain is None:
                chain = _Building(offset=offset + seg.start, lead=self.lead(offset), kind=kind)
                self.chains.append(chain)
            try:
                relation: Relation | None = Relation.parse(tok)
            except InputError:
                relation = None
            chain.links.append(Link(at=len(chain.sides), line=line, column=column, relation=relation,
                            relation_text=tok, text=text.strip(" &\n\t")[:2000],
                            premise=chain.last_prop, conclusion=props, error=error))
            chain.add_sides(sides, new_statement=True)
            chain.last_prop = props
            self.current = chain
            return
        ended = self.current.sides[-1].line if self.current is not None and self.current.sides else 0
        if sides and sides[0].relation_text and not seg.aside and self.current is not None and not (
                self.sentence and ended):  # "Next, the square: $$ = x^2 - 1 $$": no left side, not read
            last = self.current.sides[-1] if self.current.sides else None
            if self.resumed and last is not None and last.expr is not None:  # words between: the chain
                # goes on from the side they follow, in a part of its own read after them
                before, self.current = self.current, _Building(offset=offset + seg.start, lead=self.lead(offset),
                                                               before=self.current)
                before.goes_on = True
                self.chains.append(self.current)
                self.current.add_sides([replace(last, relation=None, relation_text="", condition=None), *sides])
            else:
                self.current.add_sides(sides)
            self.current.last_prop = propositions(self.current.statement())[0]
            return
        lead = self.lead(offset)
        if seg.aside and not seg.listed:  # beside the row's chain: the remark before it ("so") leads it too
            lead = f"{lead} {self.text[offset + max(0, seg.start - 60):offset + seg.start]}"
        chain = _Building(offset=offset + seg.start, lead=lead, kind=kind)
        self.chains.append(chain)
        if sides and sides[0].relation_text:
            first = sides[0]
            said = (f"this row starts with a relation; the chain before it ended at line {ended}, and a new "
                    "sentence stands between them" if self.sentence and ended
                    else "this row starts with a relation but no chain comes before it")
            why = InputError(said, source=self.source, line=first.line, column=first.column)
            chain.add_sides([LineSource(line=first.line, column=first.column, relation=None,
                                        relation_text="", text="", error=why)])
        chain.add_sides(sides)
        if not sides:
            line, column = self.where(offset + seg.start)
            chain.line = line
        chain.last_prop = props
        if not seg.aside:
            self.current = chain

    def disjunction(self, body: str, offset: int, seg: Segment
                    ) -> tuple[list[LineSource], tuple[sp.Basic, ...] | None, str]:
        r"""A statement that is a disjunction (``x = 1 \text{ or } x = -1``,
        ``x = 0 \lor y = 0``): not checked, and none of its parts on its own.
        After ``\iff`` or ``\implies`` it has no sides (the logical step says
        why it is not checked); elsewhere it is one side that is not read."""
        text = body[seg.start:seg.end]
        why = "a disjunction of statements (one or the other) is not checked"
        if seg.link is not None:
            return [], None, why
        lead = len(text) - len(text.lstrip(" &\n\t"))
        line, column = self.where(offset + seg.start + lead)
        side = LineSource(line=line, column=column, relation=None, relation_text="", text=text.strip(" &\n\t")[:2000],
                          error=InputError(why, source=self.source, line=line, column=column))
        return [side], None, why

    def conjunction(self, body: str, offset: int, seg: Segment, word: int, second: int
                    ) -> tuple[list[LineSource], tuple[sp.Basic, ...] | None, str]:
        r"""Two statements joined by "and" in a logical step (``t = 1 \implies
        t^2 = 1 \text{ and } s = 3``): the step's premise or conclusion is
        both, never the first with the second a definition beside it."""
        first = self.parse(body, offset, seg.start, word)
        props1, error1 = propositions(first)
        props2, error2 = propositions(self.parse(body, offset, second, seg.end))
        if props1 is None or props2 is None:
            return [], None, f"a statement joined by 'and' is not read: {error1 or error2}"
        return (first if seg.link is None else []), (*props1, *props2), ""

    def condition(self, body: str, offset: int, start: int, end: int) -> Condition:
        r"""The relations of a stated condition (:func:`~symproofs.latex.conditions.read_condition`)."""
        return as_reason(body, start, read_condition(body, start, end, lambda a, b: self.parse(body, offset, a, b)))

    def system(self, body: str, offset: int, start: int, end: int
               ) -> tuple[tuple[sp.Basic, ...] | None, str]:
        """The relations of a ``cases`` system (each row a statement)."""
        return read_system(body, start, end, lambda a, b: self.parse(body, offset, a, b))

    def done(self) -> list[ChainSource]:
        groups: dict[int, list[sp.Basic]] = {}  # the parts of one chain share their indices
        for c in self.chains:
            if c.before is not None or c.goes_on:
                groups.setdefault(id(c.root()), []).extend(c.exprs())
        return [c.build(self.source, groups.get(id(c.root()), ())) for c in self.chains if c.sides or c.links]


_CASES = re.compile(r"\\begin\{cases\}(?P<body>.*?)\\end\{cases\}", re.S)


@dataclass
class _Building:
    offset: int
    lead: str = ""
    kind: str = "display"
    line: int = 0
    sides: list[LineSource] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # index of each statement's first side
    last_prop: tuple[sp.Basic, ...] | None = None
    before: _Building | None = None  # the part of the chain this one continues, past words
    goes_on: bool = False  # a part another continues

    def root(self) -> _Building:
        return self if self.before is None else self.before.root()

    def exprs(self) -> list[sp.Basic]:
        return [*(s.expr for s in self.sides if s.expr is not None),
                *(p for link in self.links for p in (*(link.premise or ()), *(link.conclusion or ())))]

    def add_sides(self, sides: Sequence[LineSource], *, new_statement: bool = False) -> None:
        if new_statement or not self.sides:
            self.starts.append(len(self.sides))
            if sides and self.sides:
                first = sides[0]
                sides = [replace(first, relation=None, relation_text=""), *sides[1:]]
        self.sides += sides

    def statement(self) -> list[LineSource]:
        return self.sides[self.starts[-1]:] if self.starts else list(self.sides)

    def build(self, source: str, group: Sequence[sp.Basic] = ()) -> ChainSource:
        """The chain, its indices shared with ``group`` (the other parts of a chain words cut)."""
        exprs = [s.expr for s in self.sides if s.expr is not None]
        props = [p for link in self.links for p in (*(link.premise or ()), *(link.conclusion or ()))]
        unified = list(unify_indices([*exprs, *props, *group]))
        it = iter(unified[:len(exprs)])
        sides = tuple(replace(s, expr=next(it)) if s.expr is not None else s for s in self.sides)
        pit = iter(unified[len(exprs):])
        links = []
        for link in self.links:
            premise = tuple(next(pit) for _ in link.premise) if link.premise is not None else None
            conclusion = tuple(next(pit) for _ in link.conclusion) if link.conclusion is not None else None
            links.append(replace(link, premise=premise, conclusion=conclusion))
        line = sides[0].line if sides else (links[0].line if links else self.line)
        return ChainSource(source=source, line=line, sides=sides, links=tuple(links), kind=self.kind,
                           lead=self.lead, offset=self.offset, continues=self.before is not None,
                           goes_on=self.goes_on)
