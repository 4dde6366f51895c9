"""The interface a domain algebra implements: :class:`Algebra`, with the
concrete :class:`Model` s and exact :class:`Instance` s it yields.

They are defined in :mod:`symproofs.core.goals`, next to the goals their
hooks receive; this module names them for code that imports them from here.
"""

from __future__ import annotations

from symproofs.core.goals import Algebra, Instance, Model

__all__ = ["Algebra", "Instance", "Model"]
