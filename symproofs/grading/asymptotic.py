r"""Asymptotic notation: ``O(n^3)``, ``\Theta(n)``, ``\Omega(n)``, ``\mathcal{O}(n)``.

``\sum_k k^2 = \frac{n(n+1)(2n+1)}{6} = O(n^3)`` is read by the parser as a
name ``O`` times ``n^3``; ``O(n) - O(n) = 0`` would then be an identity. A
step either of whose sides is written with such notation states a growth
rate (a set of functions), not an equality of numbers: it is *unknown*,
never proved or refuted.

>>> line = LineGrade(line=1, column=1, relation="=", source="O(n^3)", verdict=Mark.REFUTED)
>>> asymptotic(line, "n^3 + n").verdict.value
'unknown'
>>> plain = LineGrade(line=1, column=1, relation="=", source="n^3", verdict=Mark.PROVED)
>>> asymptotic(plain, "n \\cdot n^2").verdict.value
'proved'
"""

from __future__ import annotations

import re
from dataclasses import replace

from symproofs.grading.report import LineGrade, Mark

__all__ = ["ASYMPTOTIC", "asymptotic"]

#: big-O, Theta, Omega (plain, calligraphic or upright), applied to something
ASYMPTOTIC = re.compile(r"(?<![A-Za-z\\])(?:O|\\(?:mathcal|mathrm|operatorname)\s*\{\s*O\s*\}|\\Theta|\\Omega)\s*"
                        r"(?:\\left\s*)?[(\[]")


def asymptotic(line: LineGrade, before: str) -> LineGrade:
    """``line`` as *unknown* when its side or the side before it (``before``)
    is written with asymptotic notation."""
    if line.verdict not in (Mark.PROVED, Mark.REFUTED) or not (ASYMPTOTIC.search(line.source)
                                                               or ASYMPTOTIC.search(before)):
        return line
    return replace(line, verdict=Mark.UNKNOWN, method="asymptotic", trust="none", counterexample=None,
                   explanation=(), explanation_text="",
                   message="asymptotic notation (O, \u0398, \u03a9) states a growth rate, not an equality of "
                           "numbers: not checked")
