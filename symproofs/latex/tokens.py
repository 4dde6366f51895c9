r"""Tokens of student LaTeX and the vocabulary shared by the lexer and the parser.

A :class:`Tok` is one lexical item (number, letter, command, symbol,
relation, raw ``\text`` argument, remark, row break, or a ``bad`` token that
carries its error message). :class:`Origin` locates a fragment in its file so
that every error names the file, line and column. :class:`AmbiguousReading`
is the error for text that a TA could read in two ways that disagree: the
grader reports such a step *unknown* (ambiguous reading), never refuted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from symproofs.core.errors import InputError

__all__ = [
    "ACCENTS",
    "ARROW_ALIASES",
    "ARROW_LIKE",
    "BOLD",
    "CALLABLE",
    "CALLIGRAPHIC",
    "FORBIDDEN",
    "GREEK",
    "IDENT",
    "MULOPS",
    "OPENERS",
    "ROW_SPACING",
    "UNCHECKED_RELS",
    "UNICODE_ARROWS",
    "WORDS",
    "AmbiguousReading",
    "Origin",
    "Tok",
    "group_end",
    "index_shaped",
    "is_d",
    "marked_relation",
    "over_mark",
    "strip_braces",
    "unmark_relations",
]

IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_LENGTH = (r"[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)?\s*(?:(?:pt|em|ex|mm|cm|in|bp|pc|dd|cc|sp|mu|px|fil{1,3})(?![A-Za-z])"
           r"|\\(?:jot|baselineskip|normalbaselineskip|lineskip|parskip|smallskipamount|medskipamount"
           r"|bigskipamount|fill)(?![A-Za-z]))")
#: the optional argument of a row break, ``\\[2pt]``: a length (``[3mm]``, ``[-1ex]``, ``[\jot]``,
#: ``[2pt plus 1pt]``), never a bracketed expression that starts the next row (``\\ [a + b] c = 1``)
ROW_SPACING = rf"\[\s*{_LENGTH}(?:\s*(?:plus|minus)\s*{_LENGTH})*\s*\]"
#: Names the parser reads as functions or operators (``\operatorname{Var}``).
WORDS = frozenset({
    "exp", "log", "ln", "lg", "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh",
    "coth", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "arsinh", "arcosh",
    "artanh", "sgn", "sign", "max", "min", "tr", "Tr", "det", "diag", "E", "Var", "Cov", "P", "Pr",
    "sech", "csch",
})
GREEK = {g: g for g in (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau "
    "upsilon phi chi psi omega ell Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split()}
GREEK.update(varepsilon="epsilon", vartheta="theta", varphi="phi", varrho="rho", varsigma="sigma")
CALLIGRAPHIC = {"mathcal", "mathscr"}
#: Greek letters that are functions when applied to parentheses (``\sigma(x)``).
CALLABLE = {"sigma", "phi", "psi"}
BOLD = {"mathbf", "boldsymbol", "bm", "vec", "pmb", "mathbfit"}
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
           "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "check": "check"}
MULOPS = {"cdot", "times", "ast", "div", "odot", "circ"}
OPENERS = {"(": ")", "[": "]", "\\{": "\\}", "{": "}", "L|": "R|", "L‖": "R‖", "⌊": "⌋", "⌈": "⌉"}
#: Relations that are read but never checked (their side is still parsed).
UNCHECKED_RELS = {"approx", "neq", "ne", "sim", "simeq", "propto", "equiv", "coloneqq",
                  "triangleq", "doteq", "cong", "ll", "gg", "in", "notin", "subset", "subseteq",
                  "Leftarrow", "impliedby", "Longleftarrow", "mapsto", "nleq", "ngeq", "nless", "ngtr",
                  "nleqslant", "ngeqslant", "nsim", "ncong", "nequiv", "lneq", "gneq"}
#: Arrows typed as Unicode characters, read as the commands that typeset them.
UNICODE_ARROWS = {
    "⇒": "Rightarrow", "⟹": "Longrightarrow", "⇔": "Leftrightarrow", "⟺": "Longleftrightarrow",
    "⇐": "Leftarrow", "⟸": "Longleftarrow", "→": "rightarrow", "⟶": "longrightarrow", "←": "leftarrow",
    "⟵": "longleftarrow", "↔": "leftrightarrow", "⟷": "longleftrightarrow", "↦": "mapsto",
    "⟼": "longmapsto", "↑": "uparrow", "↓": "downarrow", "⇑": "Uparrow", "⇓": "Downarrow",
    "↗": "nearrow", "↘": "searrow", "↪": "hookrightarrow", "↩": "hookleftarrow", "⇝": "leadsto",
    "↠": "twoheadrightarrow", "⇏": "nRightarrow", "⇍": "nLeftarrow", "⇎": "nLeftrightarrow",
    "↛": "nrightarrow", "↚": "nleftarrow", "↮": "nleftrightarrow",
}
#: Other names of an arrow command (``\gets`` is ``\leftarrow``).
ARROW_ALIASES = {"gets": "leftarrow"}
#: What may be an arrow, a relation between statements: a command that names one (``\implies``,
#: ``\curvearrowright``, ``\gets``, ``\to``), an ASCII arrow, any character of the Unicode arrow blocks.
ARROW_LIKE = re.compile(
    r"\\[A-Za-z]*(?:arrow|harpoon|mapsto|leadsto|implies|impliedby|iff|multimap|[LR]sh)[A-Za-z]*"
    r"|\\(?:to|gets)(?![A-Za-z])|<-|->|=>"
    "|[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2b00-\u2bff\u2794-\u27bf\u22b8\uffe9-\uffee\U0001f800-\U0001f8ff]"
)
#: TeX programming: refused wherever it appears in a formula.
FORBIDDEN = {"input", "include", "def", "edef", "gdef", "xdef", "let", "catcode", "write",
             "immediate", "openout", "openin", "read", "newcommand", "renewcommand", "csname",
             "expandafter", "usepackage", "DeclareMathOperator", "special", "providecommand"}


class Tok(NamedTuple):
    kind: str  # num letter cmd sym rel raw remark brk bad
    text: str
    start: int
    end: int
    spaced: bool = False  # after an explicit spacing command
    arg: str = ""  # raw argument of \text-like commands, message of a bad token


class AmbiguousReading(InputError):
    """Text that a TA could read in two ways that disagree (``h^{(t)}``: a
    power or the t-th member of a sequence). The grader reports the step
    *unknown* with this message, never *refuted*. ``readings`` names them."""

    def __init__(self, message: str, *, readings: tuple[str, ...] = (), source: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, source=source, line=line, column=column)
        self.readings = readings


@dataclass(frozen=True)
class Origin:
    """A fragment of a file: its text and where it starts (1-based)."""

    text: str
    source: str | None
    line: int
    column: int

    def where(self, index: int) -> tuple[int, int]:
        newline = self.text.rfind("\n", 0, index)
        line = self.line + self.text.count("\n", 0, index)
        return line, (self.column + index if newline < 0 else index - newline)

    def error(self, message: str, index: int) -> InputError:
        line, column = self.where(index)
        return InputError(message, source=self.source, line=line, column=column)

    def ambiguous(self, message: str, index: int, readings: tuple[str, ...]) -> AmbiguousReading:
        line, column = self.where(index)
        return AmbiguousReading("ambiguous reading: " + message, readings=readings,
                                source=self.source, line=line, column=column)


def group_end(toks: Sequence[Tok], i: int) -> int:
    """Index after the argument starting at ``toks[i]`` (a brace group or one token)."""
    if i >= len(toks) or toks[i].text != "{":
        return min(i + 1, len(toks))
    depth = 0
    for k in range(i, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[k].text, 0) if toks[k].kind == "sym" else 0
        if depth == 0:
            return k + 1
    return len(toks)


def strip_braces(toks: Sequence[Tok]) -> Sequence[Tok]:
    return toks[1:-1] if toks and toks[0].text == "{" else toks


def is_d(tok: Tok) -> bool:
    """The d of a derivative or a differential (d, \\mathrm{d}, \\partial)."""
    return (tok.kind == "letter" and tok.text == "d") or (tok.kind == "cmd" and tok.text == "partial") or (
        tok.kind == "raw" and tok.arg == "d")


def index_shaped(content: list[Tok]) -> bool:
    """``(t)``, ``(l)``, ``(t-1)``, ``(2)``: what a sequence index looks like."""
    kinds = [t.kind if t.kind != "cmd" else ("letter" if t.text in GREEK else "cmd")
             for t in content]
    return kinds in (["letter"], ["num"]) or (
        kinds == ["letter", "sym", "num"] and content[1].text in ("+", "-"))


_OVER_NOISE = re.compile(r"\\(?:text|textrm|textnormal|mathrm|mbox|textbf|mathbf|textit|mathit)\b|\\[,;:! ]|[{}\s~]")
#: words over a relation that set a requirement (``\overset{\text{set}}{=}``, "must equal")
_REQUIRING = frozenset({"set", "need", "must", "want", "req", "required"})


def over_mark(over: str) -> Literal["?", "!", ""]:
    r"""What the mark over a relation (``\overset{over}{=}``) makes of it:
    ``"?"`` a question, ``"!"`` a requirement or condition the student sets
    ("must equal"), neither claimed; ``""`` a reference to its justification
    (``(3)``, ``\text{Jensen}``, ``*``, ``\text{def}``), a claim checked as the
    relation under it.

    >>> over_mark("!"), over_mark(r"\text{?}"), over_mark("(3)"), over_mark(r"\text{set}")
    ('!', '?', '', '!')
    """
    bare = _OVER_NOISE.sub("", over)
    if bare and set(bare) <= {"?", "!"}:
        return "?" if "?" in bare else "!"
    return "!" if bare.lower().rstrip(".") in _REQUIRING else ""


def marked_relation(over: str, relation: str) -> str | None:
    r"""How the report spells a relation with a question or a requirement
    over it (``\stackrel{?}{=}``, ``\overset{!}{\le}``); None when the mark
    over it names a justification and the relation is a claim."""
    mark = over_mark(over)
    return None if not mark else ("\\stackrel{?}{=}" if mark == "?" and relation == "=" else
                                  f"\\{'stackrel' if mark == '?' else 'overset'}{{{mark}}}{{{relation}}}")


_MARKED = re.compile(r"\\(?:stackrel|overset)\s*\{((?:[^{}]|\{[^{}]*\})*)\}\s*\{\s*(=|\\[a-z]+)\s*\}")


def unmark_relations(piece: str) -> tuple[str, list[str]]:
    r"""``piece`` with each relation that carries a question or a requirement
    (:func:`marked_relation`) written ``\doteq``, padded so that columns stay
    right, and how the report spells each ``\doteq`` of the result in order
    (one the student wrote stays ``\doteq``); no spellings when none is marked.

    >>> unmark_relations(r"a \overset{!}{=} b")
    ('a \\doteq         b', ['\\overset{!}{=}'])
    """
    marked = {m.start(): (m.end(), said) for m in _MARKED.finditer(piece)
              if (said := marked_relation(m.group(1), m.group(2)))}
    for a, (b, _) in marked.items():
        piece = piece[:a] + "\\doteq" + " " * (b - a - 6) + piece[b:]
    if not marked:
        return piece, []
    return piece, [marked.get(k.start(), (0, "\\doteq"))[1] for k in re.finditer(r"\\doteq", piece)]
