r"""A decimal the student rounded: ``\sqrt{0.0021} = 0.0458``.

A step whose new side is written as a decimal (``0.0458``, ``3.14``; also in
scientific notation, ``4.54 \times 10^{-5}``, or as a percentage, ``88\%``) that
rounds the other side's exact value (within half a unit of its last place,
with two significant digits at least) or cuts it short (towards 0, with three
digits or marked with dots: ``2/3 = 0.666``) states a rounded value, as a TA
reads it: not an equality to refute. It is *unknown*, with the exact value
shown; a decimal further off stays refuted (``\sqrt{0.0021} = 0.0485``,
``1/3 = 0.34``, ``1/6 = 0.1``, ``9/100 = 0.0``).

>>> line = LineGrade(line=1, column=1, relation="=", source="0.0458", verdict=Mark.REFUTED)
>>> rounded(line, sp.sqrt(sp.Rational(21, 10000)), sp.Rational(458, 10000)).verdict.value
'unknown'
>>> rounded(line, sp.sqrt(sp.Rational(21, 10000)), sp.Rational(485, 10000)).verdict.value
'refuted'
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from symproofs.grading.report import LineGrade, Mark

__all__ = ["rounded"]

_DECIMAL = re.compile(r"\s*[-+]?\s*(?P<whole>\d*)(?:\.(?P<digits>\d+))?\s*(?P<dots>\\[lc]?dots|\.\.\.)?\s*"
                      r"(?:(?:\\times|\\cdot)\s*10\s*\^\s*\{?\s*(?P<power>[-+]?\d+)\s*\}?|(?P<percent>\\%))?\s*")


def rounded(line: LineGrade, exact: sp.Basic, written: sp.Basic) -> LineGrade:
    """``line`` (a refuted ``exact = written`` step) as a rounded value when
    its new side is a decimal that rounds or cuts ``exact`` short."""
    m = _DECIMAL.fullmatch(line.source)
    if line.verdict is not Mark.REFUTED or line.relation.strip() != "=" or m is None or not (
            m.group("digits") or m.group("power") or m.group("percent")):
        return line  # (a whole number on its own is no rounding: e^{10} = 22026 is refuted)
    if not all(isinstance(e, sp.Expr) and e.is_number for e in (exact, written)):
        return line
    # the last place written: 4.54 \times 10^{-5} has it at 10^{-7}, 88\% at 10^{-2}
    places = len(m.group("digits") or "") - int(m.group("power") or 0) + (2 if m.group("percent") else 0)
    value, ulp = sp.N(exact, max(places, 0) + 15), sp.Integer(10) ** -places
    if value.is_real is not True:
        return line
    # rounded to the nearest (within half a unit of the last place) with two significant digits at least, or
    # cut short (towards 0, within one) with three or marked with dots: 0.0458 and 0.666, never 0.1 for 1/6
    significant = len((m.group("whole") + (m.group("digits") or "")).lstrip("0"))
    near = significant >= 2 and abs(value - written) <= ulp / 2
    cut = (significant >= 3 or m.group("dots") is not None) and value * written >= 0 \
        and 0 <= abs(value) - abs(written) < ulp
    if not (near or cut):
        return line
    shown = sp.N(exact, significant + 3)
    return replace(line, verdict=Mark.UNKNOWN, method="rounded", counterexample=None, explanation=(),
                   explanation_text="", message=f"a rounded value: the exact value is {shown}..., which the line "
                                                f"gives to {significant} significant digits (not an equality)")
