r"""Relations, symbols and sets typed as Unicode characters in text math, as the commands that typeset them.

Quick Markdown answers write hypotheses with the characters a keyboard or
an editor gives: "Let $x ≥ 0$", "for all $y ∈ [0, ∞)$", "$t ∈ ℝ_{>0}$",
"$q = 1 − p$". The readers of cases and conditions, and the parser, read
the commands (``\ge``, ``\in``, ``\infty``, ``\mathbb{R}``): in text math
(``$...$``, ``\(...\)``), where hypotheses are stated, each such character
becomes its command, so that the hypothesis is read as its ASCII spelling
would be. Displays keep their characters (a relation a display's readers
would not see as one is never half read), and so do the words.
"""

from __future__ import annotations

import re

__all__ = ["UNICODE_MATH", "inline_ascii"]

#: each character, as the command that typesets it (a space after a command, so that no letter glues to it)
UNICODE_MATH = {
    "≥": "\\ge ", "≤": "\\le ", "⩾": "\\geqslant ", "⩽": "\\leqslant ", "≠": "\\ne ", "∈": "\\in ",
    "∉": "\\notin ", "∞": "\\infty ", "−": "-", "ℝ": "\\mathbb{R}", "ℕ": "\\mathbb{N}", "ℤ": "\\mathbb{Z}",
    "ℚ": "\\mathbb{Q}", "ℂ": "\\mathbb{C}",
}
_CHARS = re.compile("[" + "".join(UNICODE_MATH) + "]")
#: text math: ``$...$`` (never ``$$``) on one line, or ``\(...\)``
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)[^$\n]{1,2000}?(?<![\\$])\$(?!\$)|\\\(.{1,2000}?\\\)", re.S)


def inline_ascii(text: str) -> str:
    """``text`` with the Unicode relations, symbols and sets of its text
    math written as commands; lines are kept (columns after such a
    character on its line move by the command's length).

    >>> inline_ascii("Let $x ≥ 0$ and $y ∈ ℝ$; ≥ in words stays.")
    'Let $x \\\\ge  0$ and $y \\\\in  \\\\mathbb{R}$; ≥ in words stays.'
    """
    if _CHARS.search(text) is None:
        return text
    return _INLINE.sub(lambda m: _CHARS.sub(lambda c: UNICODE_MATH[c.group()], m.group()), text)
