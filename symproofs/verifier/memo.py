"""Bounded memos of pure computations that the goals of one worker repeat.

The students of a question write the same steps, so after the cheap
strategies the goals of a batch often leave one difference to simplify
(:func:`simplified`); the probe evaluates the same construct at the same
point in its quick pass, its full pass and again for each part of a side
whose definedness it checks (:func:`finite`). Both depend on their argument
alone: sympy expressions are immutable and compare equal only with the same
symbols, assumptions included, and the same numbers (a ``Float`` never
equals a ``Rational``, nor a ``Float`` of another precision). A result
computed once is therefore the result, and a memo changes no verdict, only
the time. An exception is not remembered: the computation runs again.

Each worker process has its own memos (a forked worker inherits the
parent's, which checks nothing); they are bounded, the least recently used
entry going first.
"""

from __future__ import annotations

import functools

import sympy as sp

from symproofs.verifier.points import expand_finite

__all__ = ["finite", "simplified"]


@functools.lru_cache(maxsize=256)
def simplified(e: sp.Basic) -> sp.Basic:
    """``sympy.simplify(e)``, computed once per expression."""
    return sp.simplify(e)


@functools.lru_cache(maxsize=2048)
def finite(e: sp.Basic) -> sp.Basic:
    """:func:`~symproofs.verifier.points.expand_finite` of ``e``, computed once per expression."""
    return expand_finite(e)
