r"""Printing helpers shared by the project's own sympy classes.

sympy's LaTeX printer prints a power of a function by asking the function
to print itself with the printed exponent (``_latex(printer, exp="2")``):
every ``_latex`` of the project accepts it and hands it to :func:`powered`.

>>> powered(r"\left\| A \right\|", "2")
'\\left\\| A \\right\\|^{2}'
>>> powered(r"\left\| v \right\|^{2}", "3", wrap=True)
'\\left(\\left\\| v \\right\\|^{2}\\right)^{3}'
>>> powered("x", None)
'x'
"""

from __future__ import annotations

from typing import Any

__all__ = ["powered"]


def powered(tex: str, exp: Any = None, *, wrap: bool = False) -> str:
    """``tex`` raised to the printed exponent ``exp`` (``None``: not raised).
    ``wrap``: ``tex`` does not end in a delimiter of its own (a product, a
    fraction, a power already), so the power takes parentheses around it."""
    if exp is None:
        return tex
    base = r"\left(%s\right)" % tex if wrap else tex
    return "%s^{%s}" % (base, exp)
