"""The HTML grading report: a page per submission that is safe to send to
its student, and a class page for the course staff.

Both are rendered from Jinja templates (``grade-student.html.j2`` and
``grade-class.html.j2`` among the built-in templates) with autoescaping on;
the only markup that is not escaped is MathML rebuilt from a whitelist
(:func:`~symproofs.render.mathml.mathml`) and SVG plots built here from
numbers. A student page names the student and the question only: no path of
the grader's machine, no link to the class page or to other students; the
score is shown out of its maximum, and a line the tool could not check (a
parser limit, a time or memory limit) is marked *not checked*, not wrong.

The class page has the score distribution and the per-question scores as
inline SVG (readable offline), the most common first wrong lines of each
question with an example, the steps the tool could not decide (where a TA
must look), and a link to every student's page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from symproofs.grading.feedback import feedback_rows, not_checked, private
from symproofs.grading.report import Mark, SubmissionGrade, summary
from symproofs.grading.roster import Gradebook, gradebook, question_of, student_id
from symproofs.render.mathml import mathml

__all__ = ["page_name", "student_page", "write_html"]

_MAX_MATH = 3000


def _environment() -> jinja2.Environment:
    from symproofs.render.document import builtin_templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(builtin_templates())),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["math"] = _math
    return env


def _math(latex: str) -> Markup:
    """Typeset MathML (whitelisted), else the escaped source in ``<code>``."""
    rendered = mathml(latex)
    if rendered is not None:
        return Markup(rendered)  # rebuilt from a whitelist, every text node escaped
    text = latex if len(latex) <= _MAX_MATH else latex[:_MAX_MATH] + " …"
    return Markup("<code>{}</code>").format(text)


def page_name(sub: SubmissionGrade, who: str, question: str) -> str:
    """The file of a student's page: their id and the question, nothing else."""
    parts = [re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-")[:40] for part in (who, question)]
    safe = "-".join(p for p in parts if p) or "submission"
    return f"{safe}.html"


def student_page(sub: SubmissionGrade, *, who: str | None = None) -> str:
    """The page of one submission, safe to send to its student."""
    who = who if who is not None else student_id(sub.path)
    s = summary(sub)
    chains = [{"line": c.line, "start": c.start, "reaches": c.reaches, "states": c.states,
               "rows": feedback_rows(sub, c.steps)}
              for c in sub.chains]
    undecided = sum(not_checked(st) for c in sub.chains for st in c.steps)
    return _environment().get_template("grade-student.html.j2").render(
        student=who, question=question_of(sub), score=sub.score, max_score=sub.max_score,
        counts={m.value: s[m.value] for m in Mark}, not_checked=undecided, chains=chains,
        error=private(sub.error, sub) if sub.error else None)


# -- plots -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: str


def _histogram(values: Sequence[float], top: float, bins: int = 10) -> dict[str, Any]:
    """Bars of a histogram of ``values`` on ``[0, top]`` for an SVG 400x160."""
    top = top or max(values, default=1.0) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(bins * v / top)))] += 1
    tallest = max(counts, default=0) or 1
    width, height = 360.0 / bins, 120.0
    bars = [_Bar(x=30 + i * width, y=10 + height - height * c / tallest, width=width - 2,
                 height=height * c / tallest, label=f"{top * i / bins:g}", count=str(c))
            for i, c in enumerate(counts)]
    return {"bars": bars, "top": f"{top:g}", "n": len(values), "tallest": tallest}


def _plots(book: Gradebook) -> dict[str, Any]:
    totals = [r.total for r in book.students if r.scored]
    top = max((r.maximum or 0.0 for r in book.students), default=0.0)
    per_question = []
    for q in book.questions:
        scores = [v for r in book.students if (v := r.scores.get(q)) is not None]
        maximum = book.maxima.get(q)
        mean = sum(scores) / len(scores) if scores else 0.0
        per_question.append({"question": q, "max": maximum, "mean": mean, "n": len(scores),
                             "fraction": (mean / maximum) if maximum else 0.0,
                             "histogram": _histogram(scores, maximum or 0.0, bins=5)})
    return {"distribution": _histogram(totals, top), "questions": per_question}


def _normal(latex: str) -> str:
    return " ".join(latex.split())


def _common_wrong(entries: Sequence[tuple[SubmissionGrade, str, str]]) -> list[dict[str, Any]]:
    """Per question, the first wrong lines (refuted) by how many chains have them."""
    found: dict[str, Counter[str]] = {}
    example: dict[tuple[str, str], dict[str, Any]] = {}
    for sub, who, page in entries:
        q = question_of(sub)
        for chain in sub.chains:
            wrong = next((s for s in chain.steps if s.verdict is Mark.REFUTED), None)
            if wrong is None:
                continue
            key = f"{wrong.relation} {_normal(wrong.source)}"
            found.setdefault(q, Counter())[key] += 1
            example.setdefault((q, key), {"student": who, "page": page, "line": wrong.line,
                                          "relation": wrong.relation, "source": wrong.source,
                                          "note": private(wrong.explanation_text or wrong.counterexample
                                                          or wrong.message, sub),
                                          "explanation": wrong.explanation})
    return [{"question": q, "lines": [{"count": n, **example[q, key]} for key, n in counter.most_common(5)]}
            for q, counter in found.items()]


def write_html(grades: Sequence[SubmissionGrade], out: Path, *,
               pattern: re.Pattern[str] | None = None) -> list[Path]:
    """Write a page per submission and the class page ``index.html`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    book = gradebook(grades, pattern)
    env = _environment()
    entries: list[tuple[SubmissionGrade, str, str]] = []
    written: list[Path] = []
    for sub in grades:
        who = student_id(sub.path, pattern)
        name = page_name(sub, who, question_of(sub))
        taken = {n for _, _, n in entries}
        stem, n = name.removesuffix(".html"), 2
        while name in taken:  # two ids that differ only in characters a file name drops
            name, n = f"{stem}-{n}.html", n + 1
        (out / name).write_text(student_page(sub, who=who), encoding="utf-8")
        entries.append((sub, who, name))
        written.append(out / name)
    pages: dict[str, dict[str, str]] = {}
    for sub, who, name in entries:
        pages.setdefault(who, {})[question_of(sub)] = name
    undecided = [{"student": who, "page": page, "question": question_of(sub), "line": st.line,
                  "relation": st.relation, "source": st.source, "why": private(st.message or st.method, sub)}
                 for sub, who, page in entries for c in sub.chains for st in c.steps
                 if st.verdict is not Mark.PROVED and st.verdict is not Mark.REFUTED]
    errors = [{"student": who, "page": page, "question": question_of(sub), "error": sub.error}
              for sub, who, page in entries if sub.error]
    index = env.get_template("grade-class.html.j2").render(
        book=book, pages=pages, plots=_plots(book), common=_common_wrong(entries), undecided=undecided,
        errors=errors)
    (out / "index.html").write_text(index, encoding="utf-8")
    return [out / "index.html", *written]
