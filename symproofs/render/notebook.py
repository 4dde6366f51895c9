"""Notebook representations (``_repr_latex_``, ``_repr_markdown_``, ``_repr_html_``) of
derivations and results, registered with :mod:`symproofs.core.reprs`.

Importing this module registers them and imports nothing heavy: the
renderer (:mod:`symproofs.render.document`) is loaded on the first
representation. ``import symproofs`` imports this module.
"""

from __future__ import annotations

from typing import Any

from symproofs.core import reprs

__all__: list[str] = []


def _derivation_latex(d: Any) -> str:
    from symproofs.render.document import derivation_repr_latex

    return derivation_repr_latex(d)


def _derivation_markdown(d: Any) -> str:
    from symproofs.render.document import derivation_repr_markdown

    return derivation_repr_markdown(d)


def _result_latex(r: Any) -> str:
    from symproofs.render.document import result_repr_latex

    return result_repr_latex(r)


def _result_markdown(r: Any) -> str:
    from symproofs.render.document import result_repr_markdown

    return result_repr_markdown(r)


def _derivation_html(d: Any) -> str:
    from symproofs.render.html_repr import derivation_repr_html

    return derivation_repr_html(d)


def _result_html(r: Any) -> str:
    from symproofs.render.html_repr import result_repr_html

    return result_repr_html(r)


reprs.register("symproofs.core.model.Derivation", "html", _derivation_html)
reprs.register("symproofs.core.results.DerivationResult", "html", _result_html)
reprs.register("symproofs.core.model.Derivation", "latex", _derivation_latex)
reprs.register("symproofs.core.model.Derivation", "markdown", _derivation_markdown)
reprs.register("symproofs.core.results.DerivationResult", "latex", _result_latex)
reprs.register("symproofs.core.results.DerivationResult", "markdown", _result_markdown)
