r"""The questions of the ``exam`` document class.

``\begin{questions} \question ... \begin{parts} \part ... \end{parts} \end{questions}``:
the n-th ``\question`` (``\titledquestion``) is question n, counting on across the
document, and its k-th ``\part`` sub-question n.k where the notation names it (else the
question). The counters are LaTeX's: ``\setcounter{question}{3}`` (a student who skipped
question 3 says so, and the next ``\question`` is typeset 4), ``\addtocounter{question}{1}``,
``\stepcounter{question}``, and the same for the parts' ``partno``. A counter set to
what is not a plain number (``\setcounter{question}{\value{saved}}``) loses the count:
the questions after it are of no known number (:data:`~symproofs.latex.switches.UNCLEAR`),
never taken for the ones the count would give without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from symproofs.latex.switches import UNCLEAR

__all__ = ["exam_cuts", "exam_spans"]

_EXAM = re.compile(r"\\begin\{questions\}.*?(?:\\end\{questions\}|\Z)", re.S)
_EXAM_EVENTS = re.compile(
    r"\\(?P<kind>question|titledquestion|part|begin\{solution\w*\}|end\{solution\w*\})(?![a-zA-Z])"
    r"|\\(?P<counter>setcounter|addtocounter|stepcounter|refstepcounter)\s*\{\s*(?P<name>question|partno)\s*\}"
    r"(?:\s*\{(?P<value>[^{}]*)\})?")

Cut = tuple[int, str | None, bool]


def exam_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the exam class's ``questions`` environments stand."""
    return tuple((m.start(), m.end()) for m in _EXAM.finditer(text))


def exam_cuts(text: str, spans: tuple[tuple[int, int], ...], subs: frozenset[str],
              hidden: Callable[[int], bool], derives: Callable[[str], bool]) -> list[Cut]:
    r"""The parts of the exam class's ``questions`` (see the module docstring). With ``solution``
    environments, the text outside them is the quoted statement unless it ``derives``; without, all
    of it is the answer. What follows a ``questions`` environment belongs to no question."""
    events = [(m, b) for a, b in spans for m in _EXAM_EVENTS.finditer(text, a, b)
              if not hidden(m.start()) and not _commented(text, m.start())]
    solutions = any((m.group("kind") or "").startswith("begin") for m, _ in events)
    cuts: list[Cut] = []
    counts: dict[str, int | None] = {"question": 0, "partno": 0}
    label: str | None = None
    for i, (m, span_end) in enumerate(events):
        kind = m.group("kind") or ""
        if m.group("counter"):
            counts[m.group("name")] = _counted(counts[m.group("name")], m.group("counter"), m.group("value"))
            continue
        if kind in ("question", "titledquestion"):
            number = counts["question"]
            counts["question"] = number + 1 if number is not None else None
            counts["partno"] = 0
            label = str(number + 1) if number is not None else UNCLEAR
        elif kind == "part" and label is not None and label != UNCLEAR:
            top = label.partition(".")[0]
            part = counts["partno"]
            counts["partno"] = part + 1 if part is not None else None
            sub = f"{top}.{part + 1}" if part is not None else ""
            label = sub if sub in subs else top if part is not None else UNCLEAR
        if label is None:
            continue  # a solution before any question
        end = min(events[i + 1][0].start(), span_end) if i + 1 < len(events) else span_end
        quoted = solutions and not kind.startswith("begin") and not derives(text[m.end():end])
        cuts.append((m.start(), label, quoted))
    cuts += [(b, None, False) for _, b in spans if b < len(text)]
    return cuts


def _counted(count: int | None, how: str, value: str | None) -> int | None:
    """A counter after ``\\setcounter`` (``\\addtocounter``, ``\\stepcounter``) with ``value``: None once
    it is set to what is not a plain number."""
    if how in ("stepcounter", "refstepcounter"):
        return count + 1 if count is not None else None
    number = re.fullmatch(r"\s*([+-]?\d{1,3})\s*", value or "")
    if number is None:
        return None
    return int(number.group(1)) if how == "setcounter" else (count + int(number.group(1)) if count is not None
                                                              else None)


def _commented(text: str, pos: int) -> bool:
    """Whether a LaTeX comment (``%``) hides ``pos``."""
    return re.search(r"(?<!\\)%", text[text.rfind("\n", 0, pos) + 1:pos]) is not None
