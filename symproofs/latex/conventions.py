r"""The base a text states for ``\log``.

``\log`` is natural unless a base is written (``\log_2``), but a text may
state another for the whole document: a TA reads "Throughout, $\log$
denotes the logarithm to base $2$", "all logarithms are base 2", "log base
2 throughout", "$\log = \log_2$", "$\log$ is the binary logarithm" or "with
natural logarithms" (also "$\ln$ denotes the natural log", "log is natural",
"log base $e$": the natural logarithm, the grader's own default) as the
base of every ``\log`` written without one. A text that speaks of a base
for the logarithm in any other way (two bases, a doubt, "in bits" alone, a
sentence the reader cannot read) leaves ``\log`` *ambiguous*: its lines are
unknown, never refuted by the natural logarithm.

>>> log_base("Throughout, $\\log$ denotes the logarithm to base $2$.")
2
>>> log_base("Logarithms are base $2$ or $e$, as convenient.")
'unclear'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, Protocol

import sympy as sp

__all__ = ["OTHER_BASES", "LogBase", "log_base", "same_in_every_base"]

#: the bases a chain is read in besides the natural one, to tell whether its sides are the same in every base
OTHER_BASES = (2, 10)

#: what a text says of the base of ``\log``: nothing (``None``), the natural logarithm, a base, or
#: something the reader cannot read
LogBase = int | Literal["natural", "unclear"] | None

#: text math, ``$...$`` or ``\(...\)``
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]{1,200}?)(?<![\\$])\$(?!\$)|\\\((.{1,200}?)\\\)", re.S)
#: display math, where nothing is said in words
_DISPLAY = re.compile(r"(?<!\\)\$\$.*?(?<!\\)\$\$|\\\[.*?\\\]"
                      r"|\\begin\{((?:equation|align|alignat|gather|multline|eqnarray|flalign|displaymath)\*?)\}"
                      r".*?\\end\{\1\}", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_BASE = r"(?P<b>\d+|e)\b"
#: text math as words: ``$\log$`` is "log", ``$\log_2$`` "log_2", ``$2$`` "2"; other math with a
#: ``\log`` and no base speaks of it too
_TEXT_MATH = ((re.compile(r"^\s*\\(?:log|operatorname\s*\{\s*log\s*\})\s*$"), "log"),
              (re.compile(r"^\s*\\log\s*_\s*\{?\s*(\d+|e)\s*\}?\s*$"), r"log_\1"),
              (re.compile(r"^\s*\\log\s*(=|:=|\\equiv|\\coloneqq)\s*\\log\s*_\s*\{?\s*(\d+|e)\s*\}?\s*$"),
               r"log = log_\2"),
              (re.compile(r"^\s*(\d+|e)\s*$"), r"\1"),
              (re.compile(r"^\s*\\ln\s*$"), "ln"))
#: a sentence that speaks of the logarithm, and of a base
_LOG = re.compile(r"(?<!\\)\b(?:log|logs|logarithms?)\b", re.I)
_BASE_TALK = re.compile(r"\bbase\b|\bbase-|\bbits?\b|\bnats?\b|(?<!\\)\blog_|(?<!\\)\bln\b"
                        r"|\b(?:binary|natural|decimal|common)\s+(?:log|logs|logarithms?)\b"
                        r"|\b(?:is|are)\s+(?:always\s+)?(?:binary|natural|decimal|common)\b", re.I)
#: the base a sentence states: "log denotes the logarithm to base 2", "logarithms are base 2", "log base
#: 2", "log = log_2", "log is the binary logarithm"
_VERB = r"(?:denotes?|is|are|means?|stands\s+for|will\s+denote|refers\s+to|=)"
_STATED = (
    re.compile(rf"\b(?:log|logs|logarithms?)\s+(?:\w+\s+){{0,2}}?{_VERB}\s+(?:(?:always|taken|the|a)\s+)*"
               rf"(?:(?:logarithms?|logs?)\s+)?(?:(?:to|in|with|of)\s+)?(?:the\s+)?base[\s-]*{_BASE}", re.I),
    re.compile(rf"\b(?:log|logs|logarithms?)\s+(?:to\s+|in\s+)?(?:the\s+)?base[\s-]*{_BASE}", re.I),
    re.compile(rf"\blog\s+(?:=|:=|{_VERB})\s+log_{_BASE}", re.I),
    re.compile(rf"\b(?:log|logs|logarithms?|ln)\s+(?:\w+\s+){{0,2}}?{_VERB}\s+(?:the\s+|a\s+)?"
               r"(?P<w>binary|natural|decimal|common)\s+(?:logarithms?|logs?)\b", re.I),
    # "with natural logarithms", "using the natural log", "in natural logs", "all logs are natural"
    re.compile(r"\b(?:with|in|using|uses?|take|taking|takes|throughout|by)\s+(?:the\s+|a\s+)?"
               r"(?P<w>binary|natural|decimal|common)\s+(?:logarithms?|logs?)\b", re.I),
    re.compile(rf"\b(?:log|logs|logarithms?)\s+(?:\w+\s+){{0,2}}?{_VERB}\s+(?:always\s+)?"
               r"(?P<w>binary|natural|decimal|common)\b(?!\s+(?:logarithms?|logs?)\b)", re.I),
)
_WORD_BASES = {"binary": "2", "bit": "2", "bits": "2", "decimal": "10", "common": "10", "natural": "e",
               "nat": "e", "nats": "e", "ln": "e"}
#: every base a sentence names
_NAMED = re.compile(r"\bbase[\s-]*(\d+|e)\b|\blog_(\d+|e)\b|\b(binary|decimal|common|natural)\s+log"
                    r"|\b(bits?|nats?|ln)\b", re.I)
#: words that make a sentence no statement of a convention: doubts, conditions, alternatives
_HEDGED = re.compile(r"\b(?:not|no|never|unless|if|whether|except|instead|other\w*|sometimes|some|may|might"
                     r"|could|would|or|any|either|rather|than)\b|\w+n't", re.I)


def log_base(text: str) -> LogBase:
    r"""What ``text`` says of the base of ``\log`` (see the module): ``None``
    where it says nothing, ``"natural"``, a base such as ``2``, or
    ``"unclear"``."""
    said: set[str] = set()
    for sentence in _SENTENCE_END.split(_DISPLAY.sub(" ", text)):
        words = _MATH.sub(_as_words, sentence)
        if not (_LOG.search(words) and _BASE_TALK.search(words)):
            continue
        said.add(_sentence_base(words))
    if not said:
        return None
    if len(said) > 1 or "?" in said:
        return "unclear"
    (base,) = said
    return "natural" if base == "e" else int(base)


def _as_words(m: re.Match[str]) -> str:
    math = m.group(1) if m.group(1) is not None else m.group(2)
    for pattern, words in _TEXT_MATH:
        if pattern.match(math):
            return " " + pattern.sub(words, math.strip()) + " "
    return " log M " if re.search(r"\\log(?!\s*_)", math) else " M "


def _sentence_base(words: str) -> str:
    """The base one sentence that speaks of a base for the logarithm states,
    or ``"?"``: none it states plainly, or a base beside another."""
    stated = set()
    for pattern in _STATED:
        for m in pattern.finditer(words):
            w = m.groupdict().get("w")
            stated.add(_WORD_BASES[w.lower()] if w else m.group("b").lower())
    named = {g if g == "e" or g.isdigit() else _WORD_BASES[g]
             for m in _NAMED.finditer(words) for g in (x.lower() for x in m.groups() if x is not None)}
    if len(stated) != 1 or named - stated or _HEDGED.search(words):
        return "?"
    (base,) = stated
    return base if base == "e" or int(base) >= 2 else "?"


class _Side(Protocol):
    @property
    def expr(self) -> sp.Basic | None: ...


def same_in_every_base(readings: Sequence[Sequence[_Side]]) -> bool:
    r"""Whether the sides of a chain read with the natural logarithm (the
    first of ``readings``) and in each of :data:`OTHER_BASES` (the others)
    are, side by side, the natural reading over ``ln b``: every side is a
    sum of multiples of logarithms without a base (``\log 8``, ``3\log
    2``, ``0``), and every relation between them holds or fails alike in
    every base ``b > 1``. A side that is not read, a matrix, or a side
    without such a logarithm (``3``, a name) gives ``False``."""
    natural, *others = readings
    for base, other in zip(OTHER_BASES, others, strict=True):
        if len(other) != len(natural):
            return False
        for first, then in zip(natural, other, strict=True):
            s, t = first.expr, then.expr
            if not isinstance(s, sp.Expr) or not isinstance(t, sp.Expr) or isinstance(s, sp.MatrixExpr) \
                    or isinstance(t, sp.MatrixExpr) or not _scaled(s, t, base):
                return False
    return True


def _scaled(natural: sp.Expr, other: sp.Expr, base: int) -> bool:
    """``other`` is ``natural / ln base`` (only where that is shown)."""
    try:
        difference = sp.expand(sp.expand_log(other * sp.log(base) - natural, force=True))
        return bool(difference == 0 or sp.simplify(difference) == 0)
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
        return False
