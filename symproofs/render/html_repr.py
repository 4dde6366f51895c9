"""Notebook displays of derivations and results: HTML (sides typeset as
MathML, notes escaped) for ``_repr_html_``, and text that is safe inside LaTeX math
(``\\text{...}`` chunks with every special character set in math mode), so
that the LaTeX repr of a result compiles for every verdict.

>>> text_in_math("at x_1 = 1/2: left = a**2 & 50%")
'\\\\text{at x}\\\\_\\\\text{1 = 1/2: left = a**2 }\\\\&\\\\text{ 50}\\\\%'
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import sympy as sp

from symproofs.core.results import StepResult, Verdict

if TYPE_CHECKING:
    from symproofs.core.model import Derivation
    from symproofs.core.results import DerivationResult

__all__ = ["derivation_repr_html", "result_repr_html", "step_latex", "text_in_math"]

_MATH_ESCAPES = {"_": r"\_", "^": r"\hat{}", "&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "{": r"\{",
                 "}": r"\}", "\\": r"\backslash", "~": r"\sim"}
_SPECIAL = re.compile(r"[_^&%#${}\\~]")


def text_in_math(text: str) -> str:
    """Plain text for a math context, in LaTeX and in MathJax alike: runs of
    ordinary characters in ``\\text{}``, special characters as math symbols."""
    out: list[str] = []
    last = 0
    for m in _SPECIAL.finditer(text):
        if m.start() > last:
            out.append(rf"\text{{{text[last:m.start()]}}}")
        out.append(_MATH_ESCAPES[m.group(0)])
        last = m.end()
    if last < len(text):
        out.append(rf"\text{{{text[last:]}}}")
    return "".join(out)


def step_latex(result: StepResult, *sides: sp.Basic) -> str:
    """How a step fared, for a math context: a refuted step's counterexample
    typeset (only the values the step mentions), anything else as text."""
    if result.verdict is Verdict.REFUTED and result.counterexample is not None:
        from symproofs.render.counterexample import present

        view = present(result.counterexample, *sides)
        parts = [text_in_math("refuted" + (" at " if view.values else ""))]
        for i, (_, name, _, value) in enumerate(view.values):
            parts.append((r",\ " if i else "") + f"{name} = {value}")
        parts.append(text_in_math(": left ") + view.left[1] + text_in_math(", right ") + view.right[1])
        if view.model:  # the laws of the random variables, in the step's own names
            parts.append(text_in_math("; where "))
            parts += [p if kind == "math" else text_in_math(p) for kind, p in view.model_pieces()]
        return "".join(parts)
    return text_in_math(result.describe())


def _math(latex: str) -> str:
    from symproofs.render.mathml import mathml

    rendered = mathml(latex)
    return rendered if rendered is not None else f"<code>{html.escape(latex)}</code>"


def derivation_repr_html(d: Derivation) -> str:
    """A table per chain: relation, side (MathML) and justification."""
    out = [f"<div class='symproofs'><p><b>{html.escape(d.question)} {html.escape(d.title)}</b> "
           f"(<code>{html.escape(d.id)}</code>)</p>"]
    for chain in d.chains:
        if chain.label:
            out.append(f"<p><i>{html.escape(chain.label)}</i></p>")
        rows = [f"<tr><td></td><td>{_math(sp.latex(chain.start))}</td><td></td></tr>"]
        rows += [f"<tr><td>{_math(step.relation.latex)}</td><td>{_math(sp.latex(step.expr))}</td>"
                 f"<td>{html.escape(step.why)}</td></tr>" for step in chain.steps]
        out.append("<table>" + "".join(rows) + "</table>")
    return "".join(out) + "</div>"


def _how_html(result: StepResult) -> str:
    """How a step was decided; a counterexample as a sentence with its
    values typeset (MathML)."""
    if result.verdict is Verdict.REFUTED and result.counterexample is not None:
        from symproofs.render.counterexample import present

        pieces = present(result.counterexample).pieces()
        return "refuted " + "".join(_math(p) if kind == "math" else html.escape(p) for kind, p in pieces)
    return html.escape(result.describe())


def result_repr_html(r: DerivationResult) -> str:
    """A row per step: its mark, verdict and how it was decided."""
    colour = {Verdict.PROVED: "#176117", Verdict.REFUTED: "#a40000", Verdict.UNKNOWN: "#8a6100"}
    rows = []
    for chain in r.chains:
        for k, s in enumerate(chain.steps, start=1):
            rows.append(f"<tr><td>{html.escape(chain.label)}</td><td>{k}</td>"
                        f"<td style='color:{colour[s.verdict]}'>{s.verdict.symbol} {s.verdict.value}</td>"
                        f"<td>{_how_html(s)}</td></tr>")
    for k, s in enumerate(r.conclusion, start=1):
        rows.append(f"<tr><td>conclusion</td><td>{k}</td><td style='color:{colour[s.verdict]}'>"
                    f"{s.verdict.symbol} {s.verdict.value}</td><td>{_how_html(s)}</td></tr>")
    head = (f"<p><b>{html.escape(r.question)} {html.escape(r.title)}</b> (<code>{html.escape(r.id)}</code>): "
            f"<span style='color:{colour[r.status]}'>{r.status.symbol} {r.status.value}</span>, "
            f"trust {r.trust.value}</p>")
    return (f"<div class='symproofs'>{head}<table><tr><th>chain</th><th>step</th><th>verdict</th><th>how</th></tr>"
            + "".join(rows) + "</table></div>")
