"""Notebook representations of the model and the results, supplied from outside the core.

``Derivation._repr_latex_`` and its kin ask this registry for a formatter
by the object's class (its dotted name, so that registering imports
nothing) and a format (``"latex"``, ``"markdown"``); the
renderer registers its formatters here (:mod:`symproofs.render.notebook`),
so that the core never imports the renderer. Without a formatter the
representation is ``None`` and a notebook falls back to ``repr``.

>>> class Note:
...     pass
>>> show(Note(), "latex") is None
True
>>> register(f"{__name__}.Note", "latex", lambda note: "$n$")
>>> show(Note(), "latex")
'$n$'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register", "show"]

Formatter = Callable[[Any], str]

_FORMATTERS: dict[tuple[str, str], Formatter] = {}


def register(kind: str, fmt: str, formatter: Formatter) -> None:
    """Use ``formatter`` for instances of the class named ``kind``
    (``"symproofs.core.model.Derivation"``) and its subclasses in format ``fmt``."""
    _FORMATTERS[kind, fmt] = formatter


def show(value: object, fmt: str) -> str | None:
    """``value`` in format ``fmt`` by the most specific registered formatter, or ``None``."""
    for kind in type(value).__mro__:
        formatter = _FORMATTERS.get((f"{kind.__module__}.{kind.__qualname__}", fmt))
        if formatter is not None:
            return formatter(value)
    return None
