r"""What a row's stated condition or reason may be used for.

A row may be stated under a condition (``\quad \text{for } x \ge 0``, "if",
"when", "assuming"): what it claims, it claims there, and the rows after it
in the same chain go on in it. A reason (``\text{since } \mu = 0``,
"because", "as", ``\because``) is something else: a claim the student relies
on, which is no hypothesis of the exercise. It may be used only where it is
established (the question's facts or the cases the text takes give it);
otherwise the row is checked in it as in a case, refuted only where the
reason holds and never proved from it, and the reason stays with its row
(the rows after it are read in it as in a case, never proved by it).

Either one that no value the question admits meets (``\text{since } \alpha
= \beta`` where the notation has ``\alpha < \beta``) makes the row claim
nothing about the question: it is neither proved nor refuted
(:func:`impossible`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.grading.contrary import holds_nowhere
from symproofs.grading.definitions import never_holds
from symproofs.grading.document import ReadSide

__all__ = ["UNPROVED_REASON", "carried_on", "impossible", "impossible_message", "reason_established", "unproved"]

#: why a row whose reason nothing establishes is not proved
UNPROVED_REASON = "rests on the reason {}, which is not proved: never proved from it, refuted only where it holds"


def reason_established(relations: Sequence[sp.Basic], facts: Sequence[sp.Basic],
                       cases: Sequence[sp.Basic] = ()) -> bool:
    """Whether every relation of a reason follows from the question's ``facts`` and the ``cases`` the text
    takes (``\\text{since } \\beta > 0`` where ``0 < \\beta < 1``): then it is no more than they say."""
    try:
        known = Facts((*facts, *cases))
        return all(r in cases or known.decide(r) is True for r in relations)
    except (TypeError, ValueError, NotImplementedError):
        return False


def impossible(relations: Sequence[sp.Basic], facts: Sequence[sp.Basic]) -> bool:
    """Whether no value the question admits meets the ``relations`` a row is stated under: false whatever the
    values (``x > x + 1``), or against the question's ``facts`` (``\\alpha = \\beta`` under ``\\alpha <
    \\beta``, ``\\beta = 1`` under ``\\beta < 1``)."""
    return any(never_holds(r) for r in relations) or holds_nowhere(tuple(relations), tuple(facts))


def impossible_message(condition: str, reason: bool) -> str:
    """The message for a row stated under a condition (a reason) no value the question admits meets."""
    what = "reason" if reason else "condition"
    return (f"the {what} stated ({condition}) contradicts the question's assumptions (or holds for no value): "
            "the line claims nothing")


def unproved(side: ReadSide, facts: Sequence[sp.Basic], cases: Sequence[sp.Basic]) -> bool:
    """Whether ``side`` gives a reason (``\\text{since } \\mu = 0``) that the question's ``facts`` and the
    ``cases`` the text takes do not establish: a claim, never a hypothesis of the row."""
    return side.reason and bool(side.assumed) and not reason_established(side.assumed or (), facts, cases)


#: what the rows after a row go on under: its condition's relations and text, and the reasons given not proved
Going = tuple[tuple[sp.Basic, ...], str, tuple[sp.Basic, ...]]


def carried_on(side: ReadSide, going: Going, facts: Sequence[sp.Basic], cases: Sequence[sp.Basic]) -> Going:
    """What the rows after ``side`` go on under (``going``: the conditions carried, their text, the reasons):
    its condition (``\\text{for } x > 0``) as one; its reason, not proved (``\\text{because } a = 3``), as a
    case only, which keeps refutations away from the value the text gives and proves nothing; a reason the
    facts establish is no more than they say, carried as a condition."""
    carried, text, reasons = going
    if not (side.condition and side.assumed):
        return going
    if unproved(side, facts, cases):
        return carried, text, (*reasons, *side.assumed)
    return (*carried, *side.assumed), side.condition, reasons

