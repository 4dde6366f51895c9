r"""A proof by contradiction: the supposition it makes, and where it ends.

"Suppose $\sqrt{2} = 3/2$. Then $$2 = 9/4,$$ a contradiction." The lines
after a supposition claim what they claim under it alone, as after any case
the text takes (:mod:`symproofs.grading.cases`): one that no value meets
("$\sqrt{2} = 3/2$", "$x^2 < 0$", "$n = 3$ and $n^2 = 8$") makes them
vacuous, never refuted (:func:`holds_nowhere`). The words that conclude the
contradiction ("a contradiction", "which is absurd", "impossible", "this
contradicts") end the suppositions made for it (:func:`concluded`,
:func:`ended`): the lines after them claim what they claim outright.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.grading.cues import CONTRARY_WORDS, since_display
from symproofs.latex.after import reaches_contradiction
from symproofs.latex.claims import unmarked

__all__ = ["CONTRARY", "concluded", "contrary", "ended", "holds_nowhere"]

#: words that make the text math after them a supposition for contradiction ("suppose, towards a contradiction,
#: that"), in its sentence
CONTRARY = re.compile(rf"\b(?:{CONTRARY_WORDS})\b[^.$]*$", re.I)
#: text math that states a relation (a case, or a line): the words before it are no longer the last said
_RELATION_MATH = re.compile(r"\$[^$]*(?:[=<>]|\\(?:[lg]eq?|[lg]t|neq?|in|notin)(?![A-Za-z]))[^$]*\$")


def contrary(lead: str) -> bool:
    """Whether the words at the end of ``lead`` suppose what follows for a
    contradiction (:data:`CONTRARY`), emphasis markup read through ("*for
    contradiction*")."""
    return CONTRARY.search(unmarked(lead[-160:])) is not None


def concluded(lead: str) -> bool:
    """Whether the words before a chain, since the last display and the last
    text math that states a relation, conclude a contradiction: "..., a
    contradiction.", "which is absurd", "this contradicts the assumption";
    not words that seek one ("for contradiction", "towards a
    contradiction", "by contradiction")."""
    return reaches_contradiction(_RELATION_MATH.split(since_display(lead))[-1])


def holds_nowhere(relations: Sequence[sp.Basic], known: Sequence[sp.Basic] = ()) -> bool:
    """Whether no value meets ``relations`` together under the facts
    ``known``: one of them decided false after those before it (``x > 1``,
    ``x < 0``; ``\\sqrt{2} = 3/2`` alone), or false once the numbers the
    others give names are put in (``n = 3`` and ``n^2 = 8``)."""
    rels = [r for r in relations if isinstance(r, sp.Rel)]
    try:
        if any(Facts((*known, *rels[:i])).decide(r) is False for i, r in enumerate(rels)):
            return True
        values = {r.lhs: r.rhs for r in rels if isinstance(r, sp.Eq) and isinstance(r.lhs, sp.Symbol)
                  and r.rhs.is_number}
        return bool(values) and any(r.xreplace(values) is sp.false for r in rels)
    except (TypeError, ValueError):
        return False


def ended(cases: tuple[sp.Basic, ...], supposed: Sequence[sp.Basic],
          known: Sequence[sp.Basic] = ()) -> tuple[sp.Basic, ...]:
    """The ``cases`` that stand once a contradiction is concluded: not those
    ``supposed`` for it, nor those no value meets together with the cases
    before them (a supposition made without saying so: "suppose $x^2 <
    0$")."""
    out: list[sp.Basic] = []
    for c in cases:
        if c in supposed or holds_nowhere((*out, c), known):
            continue
        out.append(c)
    return tuple(out)
