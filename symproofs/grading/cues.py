"""What the prose around a displayed equation says it is.

A TA reads an equation differently after "let" (a definition), after "so"
(a consequence of the equation before), after "setting the gradient to
zero" (an equation to solve) and after "show that" (the claim, not a step).
These patterns are matched against the text that leads to the equation.
"""

from __future__ import annotations

import re

__all__ = ["ASSUMING", "CONSEQUENCE", "CUES", "DISPLAY_END", "GOAL_CUES", "NAME_LHS", "SOLVING", "consequence",
           "solving"]

#: a left side that is a name (with scripts or arguments): ``v_t``, ``\\mathbf{w}``, ``f(x)``
NAME_LHS = re.compile(r"^\s*(?:\\(?:boldsymbol|mathbf|bm|vec)\s*\{\s*)?\\?[A-Za-z]+\s*\}?"
                       r"(?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\?\w+))*\s*(?:\([^()]*\))?\s*$")
CUES = re.compile(r"(?:where|let|we (?:put|set|take|choose|define|denote|note|write)|choose|define|denote"
                   r"|defined (?:by|as)|given by|is given by|with|:=)\W*$", re.I)
#: words that make what follows a hypothesis: "assume", "suppose", "if", "for all", "whenever"
ASSUMING = re.compile(r"(?:\b(?:(?:assum|suppos)\w*(?:\s+(?:now|again|instead|further|also|here))?(?:\s+that)?"
                      r"|if|given(?:\s+that)?|for (?:all|every|each|any)"
                      r"|whenever|when|provided(?:\s+that)?)|\\forall)\W*$", re.I)
#: words that draw a consequence from the equation before (``so``, ``hence``, ``we get``, ``\implies``)
CONSEQUENCE = re.compile(r"(?:\b(?:so|hence|thus|therefore|then|gives?|giving|yields?|we (?:get|obtain|find|have))"
                          r"|\\(?:implies|Rightarrow|Longrightarrow|therefore))\W*$", re.I)
#: words that make the next equation one to solve: "setting the gradient to zero", "equating", ...
SOLVING = re.compile(r"(?:\bset(?:ting)?\b[^.$]{0,60}\b(?:to\s+)?(?:zero|0)\b|\bequat(?:e|ing)\b|\bsolv(?:e|ing)\b"
                      r"|\bstationary\b|\bcritical point|\bfirst[- ]order condition|\boptimality condition)"
                      r"[^.$]*$", re.I)
DISPLAY_END = re.compile(r"\\\]|\$\$|\\end\{[^{}]*\}")
GOAL_CUES = re.compile(r"(?:show|prove|verify|check) (?:that|the)\b[^.$]*$|satisf(?:y|ies)\W*$", re.I)


def consequence(lead: str) -> bool:
    """Whether ``lead`` ends by drawing a consequence (spacing, ``\\text`` and braces aside)."""
    plain = re.sub(r"\\(?:quad|qquad|text|textrm|mathrm|mbox|[,;:! ])(?![A-Za-z])|[{}&]", " ", lead[-80:])
    return CONSEQUENCE.search(plain) is not None


def solving(lead: str) -> bool:
    """Whether the prose since the last display sets up an equation to solve."""
    return SOLVING.search(DISPLAY_END.split(lead[-120:])[-1]) is not None
