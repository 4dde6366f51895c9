r"""What a display typesets as nothing, or as space only: read before its rows are.

* Phantoms (``\phantom{=}``, ``\hphantom{x}``, ``\vphantom{\sum}``,
  ``\mathstrut``) are invisible, and read as nothing everywhere.
* An empty group ``{}`` (also ``\mathrel{}``, ``\mathbin{}``, ...) is, as in
  TeX, an empty atom that only spaces the operator beside it: ``= {} & x``
  and ``&{} + y`` are ``= & x`` and ``& + y``. An empty argument stays (after
  a command that takes one, ``^``, ``_``, or another argument: ``\frac{}{1}``,
  ``x^{}``), for the parser to refuse.
* Spacing and alignment marks (``&``, ``\quad``, ``\hspace{1em}``, ``~``,
  ...) at the start of a row or column: :data:`LEADING` and :func:`gap` tell
  how far they run.

>>> invisible("(x+1)^3 ={}& x^3 \\\\ &\\phantom{=} + 1")
'(x+1)^3 =  & x^3 \\\\ &            + 1'
>>> gap("&\\quad& \\text{if } x > 0")
8
"""

from __future__ import annotations

import re

from symproofs.latex.scan import blank

__all__ = ["LEADING", "gap", "invisible"]

#: one piece of spacing: a space, a tie, an alignment mark, a spacing command or an explicit skip
_SPACE = (r"\s|~|&|\\(?:quad|qquad|enspace|thinspace|medspace|thickspace|enskip|hfill|indent|,|;|:|!| )(?![A-Za-z])"
          r"|\\(?:hspace\*?|mspace)\s*\{[^{}]*\}|\\(?:hskip|kern|mkern)\s*-?[\d.]+\s*(?:em|ex|pt|mu|cm|mm|in)\b")
#: the spacing at the start of a row
LEADING = re.compile(rf"^(?:{_SPACE})*")
_GAP = re.compile(rf"(?:{_SPACE}|,)*")
_PHANTOM = re.compile(r"\\(?:[hv]?phantom\s*\{(?:[^{}]|\{[^{}]*\})*\}|(?:math)?strut(?![A-Za-z]))")
_EMPTY = re.compile(r"\\math(?:rel|bin|ord|op|punct|open|close)\s*\{\s*\}|\{\s*\}")
#: commands that take no argument, after which an empty group is one of its own (``\quad{}``)
_NO_ARGUMENT = frozenset({"quad", "qquad", "enspace", "thinspace", "medspace", "thickspace", "enskip", "cdot",
                          "times", "pm", "mp", "div", "le", "leq", "ge", "geq", "ne", "neq", "approx", "equiv"})


def gap(text: str) -> int:
    """How many characters at the start of ``text`` are spacing, alignment
    marks and commas only (the empty columns before a column's content)."""
    found = _GAP.match(text)
    return found.end() if found is not None else 0


def invisible(body: str) -> str:
    """``body`` with its phantoms and empty groups blanked, every other
    character keeping its position."""
    return _EMPTY.sub(_empty, blank(_PHANTOM, body))


def _empty(m: re.Match[str]) -> str:
    if m.group().startswith("\\") or not _an_argument(m.string[:m.start()]):
        return " " * len(m.group())
    return m.group()


def _an_argument(before: str) -> bool:
    """Whether a group after ``before`` is an argument: of ``^`` or ``_``,
    of a command that may take one, after another argument, or an escaped
    brace ``\\{``."""
    backslashes = len(before) - len(before.rstrip("\\"))
    if backslashes % 2:
        return True  # \{: a brace printed, not a group
    if backslashes:
        return False  # \\{}: a row that starts with an empty group
    text = before.rstrip()
    if not text:
        return False
    if text[-1] in "^_}]":
        return True
    letters = re.search(r"(\\*)([A-Za-z]+)$", text)
    if letters is None:
        return False
    return len(letters.group(1)) % 2 == 1 and letters.group(2) not in _NO_ARGUMENT
