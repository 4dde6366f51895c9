"""Text math whose relations are all inequalities: a range the text works in, or claims.

"let $0 < p < 1$", "for $1 \\le i \\le d$", "$0 < \\delta < 1$" state the case
the lines after them work in (:func:`symproofs.grading.cases.range_case`);
"so $1 < 2 < 1$", "hence $x^2 + 1 \\ge 2x \\ge 3x$" are claims, each relation a
step checked as in any text math with two relations or more. Which one the
text means is read from the words before the math and from its sides:

- after words that state a hypothesis, a setting or a value ("let",
  "assume", "if", "for", "where", "with", "such that", "on", "i.e.", "in
  particular", a case heading): a range, never a claim;
- after words that draw a consequence ("so", "hence", "thus", "then",
  "therefore", "we get", "we have"): a claim; but a bound on names
  between names and numbers ("hence $0 < p < 1$") is one the text draws on
  what came before, which nothing here checks: *unknown*, and still the case
  the lines after it work in (a refutation outside it would rest on the bound
  the text reached);
- with no such words, a name bounded by names and numbers (``0 < p < 1``) is
  a range; numbers alone (``1 < 2 < 3``), or an end that is an expression
  (``x^2 + 1 \\ge 2x \\ge 3x``), are claims; expressions bounded by names and
  numbers (``0 < |x - a| < \\delta``), or anything after "since", "because",
  "as" (a fact recalled, or a hypothesis recalled), are *unknown* with the
  reason: neither read is sure, and a range the text assumes is never refuted.
"""

from __future__ import annotations

import dataclasses
import enum
import re

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.grading.cases import excepting, name_range
from symproofs.grading.cues import ASSUMING, CUES, VALUE_CUES, consequence, cue_tail, defines
from symproofs.grading.document import ReadChain
from symproofs.grading.planned import line_grade
from symproofs.grading.report import LineGrade, Mark

__all__ = ["RangeReading", "as_claim", "range_grades", "range_reading"]


class RangeReading(enum.Enum):
    """What text math whose relations are all inequalities states."""

    CASE = "case"  # the range the text works in ("let $0 < p < 1$"): never checked
    DRAWN = "drawn"  # a bound on names the text draws ("hence $0 < p < 1$"): unknown, the case still taken
    CLAIM = "claim"  # claims, each relation a step checked ("so $1 < 2 < 1$")
    UNCLEAR = "unclear"  # a range or a claim, the words do not say which: unknown, never refuted

    def __bool__(self) -> bool:
        raise TypeError("a RangeReading is not a truth value: compare it with a member")


#: words that state a setting or a domain before a range: "where", "with", "such that", "on", "over", ...
_SETTING = re.compile(r"\b(?:with|where|for|such\s+that|so\s+that|satisf(?:y|ying|ies)|on|over|within|in\s+the"
                      r"\s+(?:range|region|interval|domain)|whenever|while)\W*$", re.I)
#: words that recall a fact or a hypothesis before it: "since", "because", "as", "recall that"
_RECALLING = re.compile(r"\b(?:since|because|as|recall(?:ing)?(?:\s+that)?)\W*$", re.I)


def _bounding(e: sp.Basic) -> bool:
    r"""A side a range bounds with or by: a name, a member of a sequence at a name or a number
    (``\lambda_1``, ``p_i``), a number."""
    return isinstance(e, (sp.Symbol, sp.Indexed)) or (isinstance(e, sp.Expr) and e.is_number) or (
        isinstance(e, AppliedUndef) and all(isinstance(a, (sp.Symbol, sp.Integer)) for a in e.args))


def _assumed(lead: str) -> bool:
    """Whether the words before the math state a hypothesis, a setting or a value ("let", "assume", "for",
    "where", "with", "at", a case heading), past text maths joined to it ("let $a > 0$ and")."""
    tail = cue_tail(lead)
    return ASSUMING.search(lead[-40:]) is not None or any(
        p.search(tail) is not None for p in (ASSUMING, CUES, _SETTING, VALUE_CUES)) or defines(lead)


def range_reading(chain: ReadChain) -> RangeReading:
    """How ``chain`` (text math, every relation an inequality: kind ``range``) is read; see the module."""
    if excepting(chain.lead) is not None or _assumed(chain.lead):
        return RangeReading.CASE  # "unless $0 < t < 1$" is read by the cases (or not at all)
    exprs = [s.expr for s in chain.sides]
    if any(e is None for e in exprs):
        return RangeReading.CASE  # a side not read (an ellipsis, "0 < x_1 \le \dots"): as before, never checked
    numbers = all(isinstance(e, sp.Expr) and e.is_number and e.is_finite for e in exprs)
    bounds = all(e is not None and _bounding(e) for e in exprs) and not numbers
    if consequence(chain.lead):
        return RangeReading.DRAWN if bounds else RangeReading.CLAIM
    if numbers:
        return RangeReading.CLAIM  # "$1 < 2 < 3$": no name to bound
    if bounds or name_range(chain.sides):
        # "$0 < p < 1$", "since $0 < x < 1$": a range of names; "a step size $0 < \eta < \frac{2}{L}$", "the rate
        # $\eta \in (0, 2/L)$": a name bounded, the setting the text states for it, whatever words come before
        return RangeReading.CASE
    if _RECALLING.search(cue_tail(chain.lead)) is not None:
        return RangeReading.UNCLEAR  # "since $0 < |x - a| < \delta$": a hypothesis recalled, or a fact
    ends = (exprs[0], exprs[-1])
    if all(e is not None and _bounding(e) for e in ends):
        return RangeReading.UNCLEAR  # "$0 < |x - a| < \delta$": an expression bounded, or claims
    return RangeReading.CLAIM


def as_claim(chain: ReadChain) -> ReadChain:
    """``chain`` as claims (kind ``inline``, checked step by step) where the text states it as such; else as it
    is."""
    if chain.kind == "range" and range_reading(chain) is RangeReading.CLAIM:
        return dataclasses.replace(chain, kind="inline")
    return chain


def range_grades(chain: ReadChain, case: tuple[sp.Basic, ...] | None) -> list[tuple[int, str, list[LineGrade]]]:
    """The report of a range chain that takes ``case`` (None: none read): nothing where the words make it a range
    (a case, read or not, as any hypothesis); else each relation *unknown*, with why (a bound the text draws, a
    range or a claim the words do not decide)."""
    note = _note(chain, case)
    if note is None:
        return []
    method, message = note
    return [(chain.line, chain.sides[0].text, [line_grade(s, Mark.UNKNOWN, method=method, message=message)
                                               for s in chain.sides[1:] if s.relation_text])]


def _note(chain: ReadChain, case: tuple[sp.Basic, ...] | None) -> tuple[str, str] | None:
    """The method and message each relation of a range chain is reported *unknown* with (:func:`range_grades`)."""
    reading = range_reading(chain)
    if reading is RangeReading.CASE:  # the words make it a range: a case if read, else nothing (as for any case)
        return None
    if reading is RangeReading.DRAWN:
        return "condition", ("a bound the text draws from what comes before it, which nothing here checks: "
                             + ("the case the lines after it work in" if case else "not read as a case")
                             + " (not checked)")
    if reading is RangeReading.UNCLEAR:
        return "not checked", ("a range the text works in or a claim? No word before it says which: after \"so\", "
                               "\"hence\", \"we get\" it is a claim, after \"let\", \"assume\", \"for\", \"where\" a "
                               "range (not checked)")
    return None
