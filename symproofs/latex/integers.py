r"""Where the text says that names are integers.

A TA reads ``Let $n \in \mathbb{Z}$``, ``for every integer $k$``, ``$m$ is a
positive integer`` or ``$i, j \in \mathbb{N}$`` as the case the lines after it
work in: a display refuted only at a point where such a name is not an
integer is no refutation of what the student wrote there. Each declaration
found is a span of the text holding one name and the set it is declared in:
``"integers"`` (``\mathbb{Z}``, "integer"), ``"naturals"`` (``\mathbb{N}``,
``\mathbb{Z}^+``, ``\mathbb{N}^*``, "positive integer", "natural number":
from 1, the narrower reading, so that a point at 0 is set aside too) or
``"naturals0"`` (``\mathbb{Z}_{\ge 0}``, ``\mathbb{N}_0``, "nonnegative
integer").

>>> [(text[a:b], kind) for text in ["for every integer $k$, we have"]
...  for a, b, kind in integer_declarations(text)]
[('k', 'integers')]
"""

from __future__ import annotations

import re

__all__ = ["integer_declarations"]

_NAME = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?"
_NAMES = rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)"
_SET = (r"\\mathbb\s*\{?\s*(?P<set>[ZN])\s*\}?\s*"
        r"(?P<script>(?:\^\s*\{?\s*[+*]\s*\}?|_\s*\{?\s*(?:[+*0]|>\s*0|\\geq?\s*0|\\ge\s*1|\\geq\s*1)\s*\}?))?")
_IN_SET = re.compile(rf"(?<![\\$])\$\s*{_NAMES}\s*\\in\s*{_SET}\s*\$")
_KIND_WORDS = (r"(?P<sign>positive\s+|non-?negative\s+|strictly\s+positive\s+)?"
               r"(?P<word>integers?|natural\s+numbers?|whole\s+numbers?)")
_BOUND = r"(?:\s*(?:<|>|\\le|\\leq|\\ge|\\geq|\\lt|\\gt)(?![A-Za-z])[^$=]*)?"  # "integer $n \ge 0$"
_WORDS_BEFORE = re.compile(rf"\b{_KIND_WORDS}\s+\$\s*{_NAMES}{_BOUND}\s*\$", re.I)
_WORDS_AFTER = re.compile(rf"(?<![\\$])\$\s*{_NAMES}\s*\$\s+(?:is|are|be)\s+(?:an?\s+)?{_KIND_WORDS}\b", re.I)


#: a name that counts what the words after it name ("$k$ successes in $n$ trials", "$n$ i.i.d. samples",
#: "$d$ features"), or that a sentence calls "the number of": a whole number from 0
_COUNTED = re.compile(rf"(?<![\\$])\$\s*{_NAMES}\s*\$\s+(?:(?:i\.i\.d\.|iid|independent|binary|fair|coin|data|"
                      r"training|test|labell?ed|hidden|time|input|output|random|observed)\s+){0,2}"
                      r"(?P<counted>trials|samples|successes|failures|observations|data\s+points|examples|"
                      r"tosses|flips|draws|coins|heads|tails|features|classes|layers|steps|iterations|epochs|"
                      r"rounds|items|balls|people|students|words|tokens)\b"
                      r"|(?<![\\$])\$\s*" + _NAMES.replace("<names>", "<names2>")
                      + r"\s*\$\s+(?:is|be|denotes?)\s+the\s+number\s+of\b", re.I)


def _kind(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("counted") is not None or "number" in m.group(0).lower():
        return "naturals0"
    if groups.get("set") is not None:
        script = re.sub(r"[\s{}]", "", groups.get("script") or "")
        if groups["set"] == "Z":
            return "naturals" if script in ("^+", "^*", "_+", "_>0", "_\\ge1", "_\\geq1") else \
                "naturals0" if script in ("_\\ge0", "_\\geq0", "_0") else "integers"
        return "naturals0" if script in ("_0", "_\\ge0", "_\\geq0") else "naturals"
    sign = (groups.get("sign") or "").lower()
    word = groups["word"].lower()
    if sign.startswith("non"):
        return "naturals0"
    if sign or not word.startswith("integer"):
        return "naturals"
    return "integers"


def integer_declarations(text: str) -> list[tuple[int, int, str]]:
    """Each name the text declares an integer: its span and the set (see the module)."""
    out: list[tuple[int, int, str]] = []
    for pattern in (_IN_SET, _WORDS_BEFORE, _WORDS_AFTER, _COUNTED):
        for m in pattern.finditer(text):
            kind = _kind(m)
            group = "names" if m.groupdict().get("names") is not None else "names2"
            start = m.start(group)
            for name in re.finditer(_NAME, m.group(group)):
                out.append((start + name.start(), start + name.end(), kind))
    return sorted(set(out))
