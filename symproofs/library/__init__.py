"""The built-in derivation library: the six questions of the assignment."""

from __future__ import annotations

import importlib

from symproofs.core.model import Derivation

__all__ = ["MODULES", "derivations", "figures"]

#: Library modules in document order.
MODULES = ("q1", "q2", "q3", "q4", "q5", "q6")


def derivations() -> tuple[Derivation, ...]:
    """Every library derivation, in document order."""
    out: list[Derivation] = []
    for name in MODULES:
        mod = importlib.import_module(f"symproofs.library.{name}")
        out.extend(mod.DERIVATIONS)
    return tuple(out)


def figures() -> dict[str, object]:
    """Figures drawn with the derivations, by question (``"Q6"``)."""
    try:
        from symproofs.render.graph import bidirectional_rnn
    except ImportError:  # the figure module is optional for checking
        return {}
    return {"Q6": bidirectional_rnn()}
