"""The order in which an author wrote the terms of a sum of matrices.

sympy keeps the terms of a sum in its own canonical order (``U x + W h``);
a given's text says how its author wrote the same equation (``W h + U x``).
While :func:`written_as` is active, the printer of :mod:`symproofs.render.tex`
orders the terms of a sum of matrices as that text does
(:func:`written_position`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sympy as sp

__all__ = ["written_as", "written_position"]

_WRITTEN: ContextVar[str] = ContextVar("author_text", default="")


@contextmanager
def written_as(text: str) -> Iterator[None]:
    """Print the terms of a sum of matrices in the order the author's
    ``text`` (LaTeX) writes them: by where the first matrix of each term
    appears in it (terms it does not name keep sympy's order, after them).

    >>> import sympy as sp
    >>> from symproofs.render.tex import tex
    >>> W, U = sp.MatrixSymbol("W", 2, 2), sp.MatrixSymbol("U", 2, 2)
    >>> x = sp.MatrixSymbol("x", 2, 1)
    >>> with written_as("$W x + U x$"):
    ...     tex(U * x + W * x)
    '\\\\mathbf{W} \\\\mathbf{x} + \\\\mathbf{U} \\\\mathbf{x}'
    """
    token = _WRITTEN.set(text)
    try:
        yield
    finally:
        _WRITTEN.reset(token)


def _lead_name(term: sp.Basic) -> str | None:
    """The name of the first matrix (or sequence of vectors) of a term, as sympy writes it."""
    for node in sp.preorder_traversal(term):
        if isinstance(node, sp.MatrixSymbol) and node.shape != (1, 1):
            return str(node.name)
        if type(node).__name__ == "SeqTerm":
            return str(node.args[0])
    return None


def _written_at(name: str, text: str) -> int | None:
    """Where ``name`` (``W_f``, ``h^f``) first appears in ``text``, written
    ``W_f`` or ``W_{f}``; ``None`` when it does not."""
    m = re.match(r"^(\\?[A-Za-z]+?)(?:_\{?([^{}^]*)\}?)?(?:\^\{?([^{}]*)\}?)?$", name)
    if m is None:
        return None
    base, sub, sup = m.groups()
    pat = re.escape(base)
    if sub:
        pat += r"_(?:\{" + re.escape(sub) + r"\}|" + re.escape(sub) + r"(?![A-Za-z]))"
    if sup:
        pat += r"\^(?:\{" + re.escape(sup) + r"\}|" + re.escape(sup) + r"(?![A-Za-z]))"
    found = re.search(rf"(?<![\\A-Za-z]){pat}(?![A-Za-z])", text)
    return found.start() if found else None


def written_position(term: sp.Basic) -> float:
    """Where the author's text (:func:`written_as`) first names the first
    matrix of ``term``; infinity when it does not (or no text is set), so
    that a stable sort keeps sympy's order for those terms."""
    text = _WRITTEN.get()
    name = _lead_name(term) if text else None
    where = _written_at(name, text) if name is not None else None
    return float("inf") if where is None else float(where)
