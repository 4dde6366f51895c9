r"""What the words of one question make a letter: a function, or a number.

A TA reads "let $g$ be an arbitrary differentiable function", "$f$ is a
smooth function", "for any function $f$", "the activation function
$\sigma$" and "$h: \mathbb{R} \to \mathbb{R}$" as declaring a function:
there ``g(x + h)`` and ``g(3) - g(1)`` are applications, not products
(:func:`functions_in_words`). A letter conventionally a function
(``\sigma``, ``f``, ``p``) that the question sets against numbers alone
(``$\sigma > 0$``, ``$p \in (0, 1)$``) or calls a number in words
("$\sigma$ is the standard deviation") is a number there: ``\sigma^2(1 +
\mu^2)`` is a product (:func:`numbers_in_words`). Both are read per
question, as the notation file's sections are: a definition in one question
says nothing of the same letter in another.

>>> sorted(functions_in_words("Now let $g$ be an arbitrary differentiable function."))
['g']
>>> sorted(numbers_in_words("Let $X = \\mu + \\sigma Z$, and $\\sigma > 0$."))
['sigma']
"""

from __future__ import annotations

import re

from symproofs.latex.lawfacts import stated_alone
from symproofs.latex.tokens import CALLABLE, GREEK

__all__ = ["functions_in_words", "numbers_in_words"]

#: a letter as text math writes it alone: ``g``, ``\sigma``, ``\phi``
_LETTER = r"\$\s*(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*\$"
#: words that describe, not a relation to something else ("the gradient of the function")
_DESCRIPTIVE = r"(?:(?!(?:of|at|on|in|to|for|with|and|or|from|by|than|as)\b)[A-Za-z-]+\s+){0,3}?"
#: a letter called a function in words: "$g$ be an arbitrary differentiable function", "$f$ is a smooth
#: function", "for any function $f$", "the activation function $\sigma$"
_FUNCTION_WORDS = (
    re.compile(rf"{_LETTER}\s*,?\s*(?:be|is|denotes?|represents?|stands\s+for)\s+"
               rf"(?:(?:a|an|any|some|the|our|every|arbitrary|given)\s+)?{_DESCRIPTIVE}functions?\b", re.I),
    re.compile(rf"\b(?:any|every|all|some|a|an|the|arbitrary|given)\s+{_DESCRIPTIVE}functions?\s+{_LETTER}", re.I),
)
#: a letter declared a map in text math: ``$h: \mathbb{R} \to \mathbb{R}$``, ``$f \colon X \rightarrow Y$``
_MAP = re.compile(r"(?<![\\$])\$(?!\$)\s*(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*(?::|\\colon)\s*[^$]{1,120}?"
                  r"\\(?:to|rightarrow|longrightarrow|mapsto)(?![A-Za-z])[^$]{0,120}?\$")
#: a letter called a number in words: "$\sigma$ is the standard deviation", "$p$ denotes a probability"
_NUMBER_WORDS = re.compile(
    rf"{_LETTER}\s*,?\s*(?:be|is|denotes?|represents?|stands\s+for)\s+(?:(?:a|an|the|some|any|our|given)\s+)?"
    r"(?:(?:fixed|positive|negative|non-?negative|real|small|large|constant|known|unknown|scalar)\s+)*"
    r"(?:standard\s+deviation|variance|scale|constant|number|scalar|parameter|probability|noise\s+level"
    r"|learning\s+rate|step\s+size|temperature|rate|real)\b", re.I)
#: letters a reader may apply to a bracket (a function conventionally, or a function or a quantity)
_APPLIED = {*CALLABLE, "f", "g", "F", "G", "ell", "h", "L", "p", "q", "Gamma", "Phi", "Psi"}


def _plain(name: str) -> str | None:
    """``\\sigma`` as the notation names it (``sigma``); ``None`` for a command that is no letter."""
    if not name.startswith("\\"):
        return name
    return GREEK[name[1:]] if name[1:] in GREEK else None


def functions_in_words(text: str) -> frozenset[str]:
    """The letters ``text`` declares functions in words or as a map (see the module)."""
    found = [m.group("name") for pattern in _FUNCTION_WORDS for m in pattern.finditer(text)]
    found += [m.group("name") for m in _MAP.finditer(text)]
    return frozenset(n for n in map(_plain, found) if n is not None)


def numbers_in_words(text: str) -> frozenset[str]:
    """The letters a reader may apply (``\\sigma``, ``f``, ``p``) that ``text``
    sets against numbers alone or calls a number in words (see the module)."""
    found = [*stated_alone(text), *(m.group("name") for m in _NUMBER_WORDS.finditer(text))]
    return frozenset(n for n in map(_plain, (f.strip() for f in found)) if n is not None and n in _APPLIED)
