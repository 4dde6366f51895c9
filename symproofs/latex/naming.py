r"""Names the words of a text define (:func:`definitions_in_words`).

"write $m$ for $\mathbb{E}[X^2]$", "let $m$ denote $\mathbb{E}[X^2]$", "$m$
stands for the second moment $\mathbb{E}[X^2]$", "denote by $m$ the second
moment $\mathbb{E}[X^2]$", "denote $\mathbb{E}[X^2]$ by $m$" define ``m`` by
that formula, as "let $m = \mathbb{E}[X^2]$" does. "let $m$ denote the second
moment of $X$", "let $m$ be the mean", "where $m$ is the mean" bind ``m``
to a quantity described in words, which is not read. Either way the name is
no longer the student's to define: a display that gives it a value after
that is a claim about it. "let $x$ be a real number", "let $X$ denote a
random variable" declare a kind, and bind nothing; a formula the words go on
from ("the mean of $X$", "$f$ at $x$") is no formula of the name.
"""

from __future__ import annotations

import re

__all__ = ["definitions_in_words"]

#: a text math that holds one name: ``m``, ``\mu_2``, ``S_n``, ``\hat\theta``, ``w^*`` (in a group ``group``)
def _name(group: str) -> str:
    return (rf"\$\s*(?P<{group}>(?:\\(?:hat|bar|tilde|widehat|widetilde)\s*\{{?\s*)?\\?[A-Za-z]+\s*\}}?"
            r"(?:\s*[_^]\s*(?:\{[^{}$]{0,20}\}|\\?[A-Za-z0-9]+|\*))*)\s*\$")


#: the words that say the name after them names what follows, one alternative per group ``n0`` ... ``n4``
_OPENERS = re.compile(
    rf"\b(?:let|and)\s+{_name('n0')}\s+(?P<v0>denotes?|be|represents?|stands?\s+for|means?)\b"
    rf"|\b(?:we\s+)?(?:write|use)\s+{_name('n1')}\s+(?P<v1>for|to\s+denote|to\s+mean)\b"
    rf"|{_name('n2')}\s+(?P<v2>denotes|stands\s+for|represents|is\s+short(?:hand)?\s+for|will\s+denote)\b"
    rf"|\b(?:denote\s+by|define)\s+{_name('n3')}(?:\s+(?P<v3>as|to\s+be|by))?"
    rf"|\b(?:where|here|and)\s+{_name('n4')}\s+(?P<v4>is)\s+(?=(?:the|its|our)\b)", re.I)
#: "denote the second moment $\mathbb{E}[X^2]$ by $m$": the formula first
_FORMULA_FIRST = re.compile(r"\bdenote\s+(?:[A-Za-z'-]+\s+){0,4}?\$(?P<formula>[^$\n]{1,200}?)\$\s+by\s+"
                            + _name("last"), re.I)
#: the words between the name and its formula: a noun phrase of a few words
_TAIL = re.compile(r"\s*(?P<words>(?:[A-Za-z'-]+\s+){0,5}?)\$(?P<formula>[^$\n]{1,200}?)\$"
                   r"(?=\s*(?:[.,;:!?)]|$|\n|\b(?:and|where|then|so|which|with|since)\b))")
#: a word after which the math goes on the phrase ("the mean of $X$"): no formula of the name
_LINKING = frozenset({"of", "for", "in", "with", "to", "at", "on", "by", "from", "over", "under", "which", "that",
                      "where", "such", "when", "if", "and", "or", "given", "between", "among", "into", "than"})
#: a relation in the formula: a condition or a claim, not what the name names
_RELATION = re.compile(r"=|<|>|\\(?:le|ge|leq|geq|ne|neq|in|sim|approx|to|mid)(?![A-Za-z])")
#: the words of a kind ("a real number", "an integer", "any vector"): a declaration, not a quantity
_KIND = re.compile(r"\s*(?:a|an|any|some|arbitrary|every|each)\b", re.I)
#: the words of a quantity ("the number of heads", "its mean")
_QUANTITY = re.compile(r"\s*(?:the|its|our|their|his|her)\b", re.I)


def definitions_in_words(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` defines a name in words (see the module): the span of
    the name's text math and what it says, ``m = \\mathbb{E}[X^2]`` for a
    formula or ``m`` alone for a quantity described in words."""
    found: list[tuple[int, int, str]] = []
    for m in _OPENERS.finditer(text):
        k = next(i for i in range(5) if m.group(f"n{i}") is not None)
        name, verb = m.group(f"n{k}"), (m.group(f"v{k}") or "").lower()
        rest = text[m.end():m.end() + 300]
        tail = _TAIL.match(rest)
        words = tail.group("words").split() if tail is not None else []
        if tail is not None and (not words or words[-1].lower() not in _LINKING) \
                and not _RELATION.search(tail.group("formula")) and not _KIND.match(tail.group("words")):
            found.append((*m.span(f"n{k}"), f"{name} = {tail.group('formula')}"))
        elif _QUANTITY.match(rest) or (verb not in ("be", "as", "to be", "by", "") and not _KIND.match(rest)
                                       and re.match(r"\s*[A-Za-z]", rest)):
            found.append((*m.span(f"n{k}"), name))  # "let $m$ denote the second moment of $X$"
    for m in _FORMULA_FIRST.finditer(text):
        if not _RELATION.search(m.group("formula")):
            found.append((*m.span("last"), f"{m.group('last')} = {m.group('formula')}"))
    return sorted(found)
