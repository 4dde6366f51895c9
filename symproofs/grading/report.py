"""The results of a grading run (a verdict per line, per chain, per
submission) and their reports: text for the terminal and JSON here; the
gradebook CSV in :mod:`symproofs.grading.roster`, the HTML pages in
:mod:`symproofs.grading.pages`, Gradescope's results in
:mod:`symproofs.grading.gradescope`.

Student text is untrusted everywhere: in HTML it is escaped and its MathML
rebuilt from a whitelist (:func:`symproofs.render.mathml.mathml`, re-exported
here); in CSV a cell that a spreadsheet would read as a formula is quoted
(:func:`csv_cell`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from symproofs.core.results import StrictEnum
from symproofs.render.mathml import mathml
from symproofs.render.terminal import Style, paint

__all__ = [
    "JSON_VERSION",
    "ChainGrade",
    "LineGrade",
    "Mark",
    "SubmissionGrade",
    "csv_cell",
    "json_report",
    "mathml",
    "text_report",
]

# -- the results ----------------------------------------------------------------------------
class Mark(StrictEnum):
    """The verdict on one line of a submission."""

    PROVED = "proved"
    REFUTED = "refuted"
    UNKNOWN = "unknown"
    UNPARSED = "unparsed"

    @property
    def symbol(self) -> str:
        return {"proved": "✓", "refuted": "✗", "unknown": "?", "unparsed": "unparsed"}[self.value]


@dataclass(frozen=True, kw_only=True)
class LineGrade:
    """One step: ``line`` and ``column`` locate its new side (the side the
    student wrote), ``relation`` as written (empty for an unparsed first
    side), ``source`` the student's LaTeX of that side."""

    line: int
    column: int
    relation: str
    source: str
    verdict: Mark
    method: str = ""
    trust: str = "none"
    counterexample: str | None = None
    message: str = ""
    #: The counterexample for the student: one sentence as ("text", words) and
    #: ("math", LaTeX) pieces, with only the values the step mentions.
    explanation: tuple[tuple[str, str], ...] = ()
    #: The same sentence in plain text.
    explanation_text: str = ""


@dataclass(frozen=True, kw_only=True)
class ChainGrade:
    """A chain: the line and LaTeX of its first side, its steps, the
    expected results it reaches (its first and last sides are the result's,
    and every step is proved), and those it only ``states`` (the same sides,
    some step not proved: the result is not shown)."""

    line: int
    start: str
    steps: tuple[LineGrade, ...]
    reaches: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    #: the question (``"3"``, ``"3.2"``) whose notation the chain was graded under; ``None`` for the shared part
    question: str | None = None

    @property
    def first_wrong(self) -> LineGrade | None:
        """The first refuted step: a line the verifier showed false. A line
        it could not read or decide is not called wrong."""
        return next((s for s in self.steps if s.verdict is Mark.REFUTED), None)

    @property
    def proved(self) -> bool:
        return bool(self.steps) and all(s.verdict is Mark.PROVED for s in self.steps)


@dataclass(frozen=True, kw_only=True)
class SubmissionGrade:
    """One file: its chains, or the ``error`` that kept it from being graded."""

    path: str
    chains: tuple[ChainGrade, ...] = ()
    notation: str | None = None
    error: str | None = None
    score: float | None = None
    max_score: float | None = None
    #: what a TA should know of how the file was read: no question marker, lines taken for a quoted statement
    warnings: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        out = {m.value: 0 for m in Mark}
        for chain in self.chains:
            for step in chain.steps:
                out[step.verdict.value] += 1
        return out

    @property
    def passed(self) -> bool:
        """Graded, with at least one chain, and every step proved."""
        return self.error is None and bool(self.chains) and all(c.proved for c in self.chains)



#: Bumped when a key of the JSON report changes meaning or disappears.
JSON_VERSION = 1

_STYLE: dict[Mark, Style] = {Mark.PROVED: "proved", Mark.REFUTED: "refuted", Mark.UNKNOWN: "unknown",
                             Mark.UNPARSED: "refuted"}


# -- text ----------------------------------------------------------------------------------
def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def text_report(grades: Sequence[SubmissionGrade], *, color: bool = False) -> str:
    """Each chain with a mark per line, the first wrong line flagged, and
    what the verifier found."""

    def _paint(style: Style, text: str) -> str:
        return paint(text, style, color)

    out: list[str] = []
    for sub in grades:
        head = sub.path + (f"  (notation: {sub.notation})" if sub.notation else "")
        out.append(_paint("bold", head))
        if sub.error is not None:
            out.append(f"  error: {sub.error}")
        out += [f"  warning: {w}" for w in sub.warnings]
        for chain in sub.chains:
            reaches = f"  reaches: {', '.join(chain.reaches)}" if chain.reaches else ""
            reaches += f"  states: {', '.join(chain.states)} (not proved)" if chain.states else ""
            question = f" (question {chain.question})" if chain.question else ""
            out.append(f"  chain at line {chain.line}{question}{reaches}")
            out.append(f"    {'':>4}  {'':<8}    {_short(chain.start)}")
            wrong = chain.first_wrong
            for step in chain.steps:
                mark = _paint(_STYLE[step.verdict], f"{step.verdict.symbol:<8}")
                flag = _paint("flag", "  <- first wrong line") if step is wrong else ""
                rel = step.relation or ""
                out.append(f"    {step.line:>4}  {mark} {rel:<4} {_short(step.source)}{flag}")
                for note in _notes(step):
                    out.append(f"    {'':>4}  {'':<8}      {note}")
        counts = sub.counts()
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        if sub.score is not None:
            summary += f"; score {sub.score:g}" + (f"/{sub.max_score:g}" if sub.max_score is not None else "")
        out.append(f"  summary: {summary}")
        out.append("")
    passed = sum(s.passed for s in grades)
    out.append(f"{passed} of {len(grades)} submissions fully proved")
    return "\n".join(out)


def _notes(step: LineGrade) -> list[str]:
    if step.verdict is Mark.PROVED:
        return [f"proved ({step.method})" + (f"; {step.message}" if step.message else "")] \
            if step.trust != "symbolic" else []
    if step.verdict is Mark.REFUTED:
        return [step.counterexample or step.message]
    return [step.message] if step.message else []


# -- JSON -----------------------------------------------------------------------------------
def _step_json(step: LineGrade) -> dict[str, Any]:
    return {
        "line": step.line,
        "column": step.column,
        "relation": step.relation,
        "source": step.source,
        "verdict": step.verdict.value,
        "method": step.method,
        "trust": step.trust,
        "counterexample": step.counterexample,
        "explanation": step.explanation_text or None,
        "message": step.message,
    }


def _chain_json(chain: ChainGrade) -> dict[str, Any]:
    wrong = chain.first_wrong
    return {
        "line": chain.line,
        "question": chain.question,
        "start": chain.start,
        "reaches": list(chain.reaches),
        "states": list(chain.states),
        "first_wrong_line": wrong.line if wrong is not None else None,
        "steps": [_step_json(s) for s in chain.steps],
    }


def summary(sub: SubmissionGrade) -> dict[str, Any]:
    """Counts per verdict, chains, expected results reached and the score."""
    return {
        **sub.counts(),
        "chains": len(sub.chains),
        "chains_proved": sum(c.proved for c in sub.chains),
        "reaches": sorted({n for c in sub.chains if c.proved for n in c.reaches}),
        "score": sub.score,
        "max_score": sub.max_score,
        "passed": sub.passed,
    }


def json_report(grades: Sequence[SubmissionGrade]) -> dict[str, Any]:
    """The stable JSON form (see the README for the schema)."""
    return {
        "version": JSON_VERSION,
        "submissions": [
            {"path": s.path, "notation": s.notation, "error": s.error, "warnings": list(s.warnings),
             "chains": [_chain_json(c) for c in s.chains], "summary": summary(s)}
            for s in grades
        ],
    }


# -- CSV cells ------------------------------------------------------------------------------
def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet never reads as a formula."""
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
