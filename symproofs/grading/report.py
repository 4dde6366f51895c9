"""The results of a grading run (a verdict per line, per chain, per
submission) and their reports: text for the terminal, JSON, CSV for a
gradebook, and HTML pages with the students' lines typeset as MathML.

Student text is untrusted everywhere: in HTML it is escaped, and the MathML
made from it is parsed and rebuilt from a whitelist of MathML elements and
attributes (latex2mathml copies ``\\text{...}`` and some attributes through
unescaped); in CSV a cell that a spreadsheet would read as a formula is
quoted.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from symproofs.core.results import StrictEnum

__all__ = [
    "JSON_VERSION",
    "ChainGrade",
    "LineGrade",
    "Mark",
    "SubmissionGrade",
    "csv_report",
    "json_report",
    "mathml",
    "text_report",
    "write_html",
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


@dataclass(frozen=True, kw_only=True)
class ChainGrade:
    """A chain: the line and LaTeX of its first side, its steps, and the
    expected results it reaches."""

    line: int
    start: str
    steps: tuple[LineGrade, ...]
    reaches: tuple[str, ...] = ()

    @property
    def first_wrong(self) -> LineGrade | None:
        """The first step that is not proved (refuted, unknown or unparsed)."""
        return next((s for s in self.steps if s.verdict is not Mark.PROVED), None)

    @property
    def proved(self) -> bool:
        return bool(self.steps) and self.first_wrong is None


@dataclass(frozen=True, kw_only=True)
class SubmissionGrade:
    """One file: its chains, or the ``error`` that kept it from being graded."""

    path: str
    chains: tuple[ChainGrade, ...] = ()
    notation: str | None = None
    error: str | None = None
    score: float | None = None
    max_score: float | None = None

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

_RED, _GREEN, _YELLOW, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[33m", "\033[1m", "\033[0m"
_COLOR = {Mark.PROVED: _GREEN, Mark.REFUTED: _RED, Mark.UNKNOWN: _YELLOW, Mark.UNPARSED: _RED}


# -- text ----------------------------------------------------------------------------------
def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def text_report(grades: Sequence[SubmissionGrade], *, color: bool = False) -> str:
    """Each chain with a mark per line, the first wrong line flagged, and
    what the verifier found."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    for sub in grades:
        head = sub.path + (f"  (notation: {sub.notation})" if sub.notation else "")
        out.append(paint(_BOLD, head))
        if sub.error is not None:
            out.append(f"  error: {sub.error}")
        for chain in sub.chains:
            reaches = f"  reaches: {', '.join(chain.reaches)}" if chain.reaches else ""
            out.append(f"  chain at line {chain.line}{reaches}")
            out.append(f"    {'':>4}  {'':<8}    {_short(chain.start)}")
            wrong = chain.first_wrong
            for step in chain.steps:
                mark = paint(_COLOR[step.verdict], f"{step.verdict.symbol:<8}")
                flag = paint(_RED + _BOLD, "  <- first wrong line") if step is wrong else ""
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
        "message": step.message,
    }


def _chain_json(chain: ChainGrade) -> dict[str, Any]:
    wrong = chain.first_wrong
    return {
        "line": chain.line,
        "start": chain.start,
        "reaches": list(chain.reaches),
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
            {"path": s.path, "notation": s.notation, "error": s.error,
             "chains": [_chain_json(c) for c in s.chains], "summary": summary(s)}
            for s in grades
        ],
    }


# -- CSV ------------------------------------------------------------------------------------
CSV_COLUMNS = ("path", "proved", "refuted", "unknown", "unparsed", "chains", "chains_proved",
               "first_wrong_lines", "reaches", "score", "max_score", "error")


def _cell(value: object) -> str:
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_report(grades: Sequence[SubmissionGrade]) -> str:
    """One row per submission; ``first_wrong_lines`` has one entry per
    chain (``-`` for a chain whose every step is proved)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for sub in grades:
        s = summary(sub)
        wrong = ";".join(str(w.line) if (w := c.first_wrong) is not None else "ok" for c in sub.chains)
        row = [sub.path, s["proved"], s["refuted"], s["unknown"], s["unparsed"], s["chains"],
               s["chains_proved"], wrong, ";".join(s["reaches"]), sub.score, sub.max_score, sub.error]
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


# -- MathML ---------------------------------------------------------------------------------
_MATHML_TAGS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mover munder "
    "munderover mtable mtr mtd mstyle mpadded mphantom menclose merror semantics annotation".split())
_MATHML_ATTRS = frozenset(
    "display mathvariant stretchy fence form separator accent accentunder lspace rspace "
    "columnalign rowspacing columnspacing linethickness minsize maxsize largeop movablelimits "
    "symmetric width height depth notation scriptlevel displaystyle".split())
_ATTR_VALUE = re.compile(r"[\w .%+\-#]{0,40}")
_NS = "{http://www.w3.org/1998/Math/MathML}"
_MAX_MATH = 3000


def mathml(latex: str) -> str | None:
    """Display MathML for a side, rebuilt from a whitelist (``None`` when it
    cannot be typeset; show the escaped source instead)."""
    if not latex.strip() or len(latex) > _MAX_MATH:
        return None
    try:
        from latex2mathml.converter import convert

        raw = convert(latex)
        root = ElementTree.fromstring(raw)
    except Exception:  # latex2mathml fails on much student LaTeX (and on deep nesting)
        return None
    return _rebuild(root, 0)


def _literal(node: ElementTree.Element) -> str:
    """The source of an element that is not MathML, as plain text."""
    tag = node.tag.rpartition("}")[2]
    attrs = "".join(f' {k.rpartition("}")[2]}="{v}"' for k, v in node.attrib.items())
    inner = (node.text or "") + "".join(_literal(c) + (c.tail or "") for c in node)
    return f"<{tag}{attrs}>{inner}</{tag}>"


_TOKENS = frozenset({"mi", "mn", "mo", "ms", "mtext"})


def _rebuild(node: ElementTree.Element, depth: int, in_token: bool = False) -> str:
    tag = node.tag.removeprefix(_NS)
    if tag not in _MATHML_TAGS or depth > 200:
        text = html.escape(_literal(node))
        return text if in_token else f"<mtext>{text}</mtext>"
    attrs = "".join(
        f' {k}="{html.escape(v)}"' for k, v in sorted(node.attrib.items())
        if k in _MATHML_ATTRS and _ATTR_VALUE.fullmatch(v))
    if tag == "math":
        attrs = ' xmlns="http://www.w3.org/1998/Math/MathML"' + attrs
    token = in_token or tag in _TOKENS
    inner = html.escape(node.text or "") + "".join(
        _rebuild(child, depth + 1, token) + html.escape(child.tail or "") for child in node)
    return f"<{tag}{attrs}>{inner}</{tag}>"


# -- HTML -----------------------------------------------------------------------------------
_CSS = """
body { font-family: sans-serif; margin: 2em; max-width: 70em; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
td, th { padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; text-align: left; }
.proved { color: #176117; } .refuted, .unparsed { color: #a40000; } .unknown { color: #8a6100; }
tr.first-wrong { background: #fde8e8; outline: 2px solid #a40000; }
.note { font-size: 0.9em; color: #333; } code { white-space: pre-wrap; word-break: break-all; }
td math { math-style: normal; font-size: 1.15em; } td { vertical-align: middle; }
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _math_cell(latex: str) -> str:
    rendered = mathml(latex)
    if rendered is not None:
        return rendered
    text = latex if len(latex) <= _MAX_MATH else latex[:_MAX_MATH] + " …"
    return f"<code>{html.escape(text)}</code>"


def _step_row(step: LineGrade, wrong: bool) -> str:
    v = step.verdict.value
    note = step.counterexample if step.verdict is Mark.REFUTED else step.message
    if step.verdict is Mark.PROVED:
        note = step.method + (f"; {step.message}" if step.message else "")
    cls = ' class="first-wrong"' if wrong else ""
    rel = _math_cell(step.relation) if step.relation else ""
    flag = " <strong>first wrong line</strong>" if wrong else ""
    return (f"<tr{cls}><td>{step.line}</td><td class=\"{v}\" title=\"{v}\">{html.escape(step.verdict.symbol)}"
            f"{flag}</td><td>{rel}</td><td class=\"side\">{_math_cell(step.source)}</td>"
            f"<td class=\"note\">{html.escape(note or '')}</td></tr>")


def submission_page(sub: SubmissionGrade) -> str:
    """One submission: every chain, each line typeset and marked."""
    parts = [f"<h1>{html.escape(sub.path)}</h1>", "<p><a href=\"index.html\">all submissions</a></p>"]
    if sub.notation:
        parts.append(f"<p>Notation: <code>{html.escape(sub.notation)}</code></p>")
    if sub.error:
        parts.append(f"<p class=\"refuted\">{html.escape(sub.error)}</p>")
    s = summary(sub)
    parts.append("<p>" + html.escape(", ".join(f"{s[m.value]} {m.value}" for m in Mark))
                 + (f"; score {sub.score:g}" if sub.score is not None else "") + "</p>")
    for chain in sub.chains:
        reaches = f" (reaches {html.escape(', '.join(chain.reaches))})" if chain.reaches else ""
        wrong = chain.first_wrong
        rows = [f"<tr><td>{chain.line}</td><td></td><td></td><td class=\"side\">{_math_cell(chain.start)}</td>"
                "<td></td></tr>"]
        rows += [_step_row(step, step is wrong) for step in chain.steps]
        parts.append(f"<h2>Chain at line {chain.line}{reaches}</h2><table><tr><th>line</th><th>verdict</th>"
                     "<th></th><th>student's line</th><th>verifier</th></tr>" + "".join(rows) + "</table>")
    return _page(sub.path, "\n".join(parts))


def _file_name(index: int, path: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(path).stem)[:40].strip("-") or "submission"
    return f"{index:04d}-{stem}.html"


def write_html(grades: Sequence[SubmissionGrade], out: Path) -> list[Path]:
    """Write one page per submission and ``index.html`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    rows = []
    for i, sub in enumerate(grades, start=1):
        name = _file_name(i, sub.path)
        (out / name).write_text(submission_page(sub), encoding="utf-8")
        written.append(out / name)
        s = summary(sub)
        score = "" if sub.score is None else f"{sub.score:g}"
        rows.append(f"<tr><td><a href=\"{name}\">{html.escape(sub.path)}</a></td>"
                    + "".join(f"<td>{s[m.value]}</td>" for m in Mark)
                    + f"<td>{score}</td><td>{html.escape(sub.error or '')}</td></tr>")
    head = "".join(f"<th>{m.value}</th>" for m in Mark)
    index = (f"<h1>Grading report</h1><table><tr><th>submission</th>{head}<th>score</th><th>error</th></tr>"
             + "".join(rows) + "</table>")
    (out / "index.html").write_text(_page("Grading report", index), encoding="utf-8")
    return [out / "index.html", *written]
