r"""Case distinctions inside a side: ``\begin{cases} ... \end{cases}`` read as
a piecewise expression.

A ``cases`` environment on one side of a relation (``-|x| = \begin{cases}
-x & x \ge 0 \\ x & x < 0 \end{cases}``) is a value defined by cases: each
row is ``value & condition``, the condition a relation or a chain of them
(``0 \le x < 1``), optionally introduced by words in text (``\text{if }``,
``\text{for }``, ``\text{when }``), or ``\text{otherwise}`` / ``\text{else}``
in the last row. It is read as a sympy ``Piecewise``. When a row cannot be
read this way (no condition, a condition in words, a value that does not
parse), or two conditions visibly overlap with different values, the side
is not read at all: the reason is reported and nothing is checked, since
any other reading (the rows taken apart at their ``\\`` and ``&``, or at the
relations inside the conditions) would check something the student did
not write.

The environment's text is replaced, before the side is parsed, by a name of
the same length (:func:`hide`), and the name by the piecewise value once the
side is read (:func:`restore`), so that columns stay the file's.

>>> hidden = hide(r"|x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}")
>>> hidden.text[:6], len(hidden.text) == len(r"|x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}")
('|x| = ', True)
>>> hidden.cases[0].value
Piecewise((x, x >= 0), (-x, True))
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.statements import RELATIONAL
from symproofs.latex.conditions import propositions
from symproofs.latex.parser import LineSource, Notation, parse_relation_chain
from symproofs.latex.scan import RELATION_TEXT, Scanned, strip_groups

__all__ = ["Case", "Hidden", "claims_relation", "hide", "read_system", "whole_row"]

_BEGIN = re.compile(r"\\begin\s*\{(?P<env>[dr]?cases\*?)\}")
_WORDS_BEFORE = re.compile(r"^\s*\\(?:text|textrm|textnormal|mbox|mathrm)\s*\{\s*(?P<words>[^{}$]*?)\s*\}\s*", re.S)
_IN_TEXT = re.compile(r"^\s*\\(?:text|textrm|textnormal|mbox)\s*\{\s*(?P<words>[A-Za-z ,]*?)\s*\$(?P<math>[^$]+)\$"
                      r"\s*\}\s*$", re.S)
_LEADS = {"", "if", "for", "when", "whenever", "provided", "provided that", "where", "for all", "if and only if"}
_OTHERWISE = {"otherwise", "else", "elsewhere", "for all other x", "in all other cases", "otherwise,", "else,"}
_PUNCTUATION = " \t\n,.;:"


@dataclass(frozen=True)
class Case:
    """One ``cases`` environment: the name standing for it in the hidden
    text, the environment as written, and its value (``None`` when it could
    not be read, with ``error`` saying why)."""

    name: str
    source: str
    value: sp.Basic | None
    error: str = ""


@dataclass(frozen=True)
class Hidden:
    """A side's text with each ``cases`` environment replaced by a name of the same length."""

    text: str
    cases: tuple[Case, ...]

    def restore(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with each readable environment's name replaced by its value."""
        values = {c.name: c.value for c in self.cases if c.value is not None}
        return expr.xreplace({s: values[s.name] for s in expr.free_symbols
                              if isinstance(s, sp.Symbol) and s.name in values})

    def source(self, text: str) -> str:
        """The student's text of a side read from the hidden text."""
        for c in self.cases:
            text = text.replace(_placeholder(c.name), c.source)
        return text

    def unreadable(self, text: str) -> str:
        """Why a side (of the hidden text) cannot be read: an environment in it
        that could not be read; empty when there is none."""
        return next((c.error for c in self.cases if c.value is None and c.name in text), "")

    def put_back(self, side: LineSource, source: str) -> LineSource:
        """A side read from the hidden text: the values of its environments
        put back, or the side unread when one of them could not be read."""
        why = self.unreadable(side.text)
        text = self.source(side.text)
        if why:
            return replace(side, text=text, expr=None,
                           error=InputError(why, source=source, line=side.line, column=side.column))
        if side.expr is None:
            return replace(side, text=text)
        return replace(side, text=text, expr=self.restore(side.expr))


def hide(text: str, notation: Notation | None = None) -> Hidden:
    """Replace each top-level ``cases`` environment of ``text`` (see the module
    documentation); ``notation`` is the one the sides are parsed with."""
    out: list[str] = []
    cases: list[Case] = []
    pos = 0
    while (m := _BEGIN.search(text, pos)) is not None:
        end = _end_of(text, m.end(), m.group("env"))
        if end is None:
            break
        source = text[m.start():end]
        name = f"Qcases{chr(ord('a') + len(cases) % 26)}"
        name += "q" * (len(source) - len(name) - 9)  # \mathrm{name}: as long as the environment
        try:
            value, error = _piecewise(text[m.end():end - len(f"\\end{{{m.group('env')}}}")], notation), ""
        except InputError as exc:
            value, error = None, f"a case distinction that cannot be read ({exc.message})"
        cases.append(Case(name=name, source=source, value=value, error=error))
        out += [text[pos:m.start()], _placeholder(name)]
        pos = end
    out.append(text[pos:])
    return Hidden(text="".join(out), cases=tuple(cases))


def _placeholder(name: str) -> str:
    return "\\mathrm{" + name + "}"


def _end_of(text: str, pos: int, env: str) -> int | None:
    """Index just after the ``\\end{env}`` that closes the environment whose
    body starts at ``pos`` (the same environment nested inside counted)."""
    pattern = re.compile(r"\\(begin|end)\s*\{" + re.escape(env) + r"\}")
    depth = 1
    for m in pattern.finditer(text, pos):
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return m.end()
    return None


def _split(text: str, at: str) -> list[str]:
    """``text`` cut at ``at`` (``\\\\`` or ``&``) outside braces and nested environments."""
    parts: list[str] = []
    depth = envs = start = k = 0
    while k < len(text):
        if text.startswith("\\begin", k):
            envs += 1
        elif text.startswith("\\end", k):
            envs -= 1
        if depth == 0 and envs == 0 and text.startswith(at, k):
            parts.append(text[start:k])
            k += len(at)
            if at == "\\\\":
                m = re.compile(r"\*?(?:\s*\[[^\]\n]{0,30}\])?").match(text, k)
                k = m.end() if m else k
            start = k
            continue
        if text[k] == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        k += 1
    parts.append(text[start:])
    return parts


def _piecewise(body: str, notation: Notation | None) -> sp.Basic:
    rows = [r for r in _split(body, "\\\\") if r.strip()]
    if not rows:
        raise InputError("no rows")
    pieces: list[tuple[sp.Basic, sp.Basic]] = []
    for k, row in enumerate(rows):
        cells = _split(row, "&")
        if len(cells) != 2:
            raise InputError("each row must be a value & its condition")
        value = _expression(cells[0].strip(_PUNCTUATION), notation)
        condition = _condition(cells[1].strip(_PUNCTUATION), notation, last=k == len(rows) - 1)
        pieces.append((value, condition))
    _check_overlaps(pieces)
    return sp.Piecewise(*pieces)


def _expression(text: str, notation: Notation | None) -> sp.Basic:
    parts = parse_relation_chain(text, notation=notation)
    if len(parts) != 1 or parts[0].expr is None or not isinstance(parts[0].expr, sp.Expr):
        raise InputError(parts[0].error.message if parts and parts[0].error is not None
                         else f"the value {text.strip()[:40]!r} is not an expression")
    return parts[0].expr


def _condition(text: str, notation: Notation | None, *, last: bool) -> sp.Basic:
    inner = _IN_TEXT.match(text)
    if inner is not None:  # \text{if $x > 0$}
        words, math = inner.group("words").strip().lower(), inner.group("math")
    else:
        lead = _WORDS_BEFORE.match(text)
        words = lead.group("words").strip().lower() if lead else ""
        math = text[lead.end():] if lead else text
    if not math.strip():
        if last and words.rstrip(",.") in _OTHERWISE:
            return sp.true
        raise InputError(f"the condition {text.strip()[:40]!r} is in words")
    if words.rstrip(",") not in _LEADS or re.search(r"\\(?:text|mathrm|textrm|mbox)\b", math):
        raise InputError(f"the condition {text.strip()[:40]!r} is in words")  # "x > 0 \text{ is false}"
    parts = parse_relation_chain(math.strip(_PUNCTUATION), notation=notation)
    if len(parts) < 2 or any(p.expr is None for p in parts):
        raise InputError(f"the condition {text.strip()[:40]!r} is not a relation")
    out = []
    for prev, side in itertools.pairwise(parts):
        spelled = side.relation_text.removeprefix("\\")
        build = sp.Ne if spelled in ("ne", "neq") else RELATIONAL.get(side.relation) if side.relation else None
        if build is None:
            raise InputError(f"the condition {text.strip()[:40]!r} is not an (in)equality")
        try:
            out.append(build(prev.expr, side.expr))
        except (TypeError, ValueError):
            raise InputError(f"the condition {text.strip()[:40]!r} compares what cannot be compared") from None
    return sp.And(*out)


def _check_overlaps(pieces: list[tuple[sp.Basic, sp.Basic]]) -> None:
    """Refuse conditions that overlap where their values differ (the rows
    then define two values). Checked for conditions in one variable; others
    are taken as the student wrote them, in order."""
    for (v1, c1), (v2, c2) in itertools.combinations(pieces, 2):
        if c1 is sp.true or c2 is sp.true:
            continue
        both = sp.And(c1, c2)
        free = both.free_symbols
        if both is sp.false or len(free) != 1:
            continue
        try:
            common = both.as_set()
        except (NotImplementedError, TypeError, ValueError):
            continue
        if common is sp.EmptySet:
            continue
        if isinstance(common, sp.FiniteSet):
            (var,) = free
            if all(sp.simplify(v1.subs(var, p) - v2.subs(var, p)).is_zero for p in common):
                continue
        elif sp.simplify(v1 - v2).is_zero:
            continue
        raise InputError("two conditions overlap where the values differ")


#: what may close a row after its ``cases`` block (spacing, ``\right.``, punctuation, an alignment mark)
_CLOSED = re.compile(r"(?:\s|\\right\s*\.|[.,;}&])*")


def whole_row(text: str, end: int) -> bool:
    r"""Whether nothing but spacing, ``\right.`` or punctuation follows a
    ``cases`` block that ends at ``end`` in its row ``text``: the block is
    then the whole row (a system, or a case distinction on its own), else
    a value the row goes on with (``\begin{cases} ... \end{cases} = 5``).

    >>> whole_row(r"\begin{cases} x = 1 \end{cases} \right. .", 31), whole_row(r"\begin{cases} 1 \end{cases} = 5", 27)
    (True, False)
    """
    return _CLOSED.fullmatch(text, end) is not None


def claims_relation(body: str) -> bool:
    r"""Whether the body of a ``cases`` block claims a relation: one in a row's
    value (before its first ``&``), not in its case.

    >>> claims_relation(r"1 = 2 & x > 0 \\ 0 & x \le 0"), claims_relation(r"1 & x > 0 \\ 0 & x \le 0")
    (True, False)
    """
    return any(RELATION_TEXT.search(strip_groups(row.split("&")[0])) for row in re.split(r"\\\\", body))


def read_system(body: str, start: int, end: int, parse: Callable[[int, int], Sequence[LineSource]]
                ) -> tuple[tuple[sp.Basic, ...] | None, str]:
    """The relations of a ``cases`` system in ``body[start:end]`` (each row a
    statement, read with ``parse``), or None and why not (a case distinction)."""
    props: list[sp.Basic] = []
    row, spans = 0, []
    for a, b in Scanned(body[start:end]).breaks():
        spans.append((start + row, start + a))
        row = b
    spans.append((start + row, end))
    for a, b in spans:
        if "&" in body[a:b]:
            return None, "a case distinction (a row with &), not a system of equations"
        found, error = propositions(list(parse(a, b)))
        if found is None:
            return None, error
        props += found
    return (tuple(props) if props else None), ("" if props else "an empty system")
