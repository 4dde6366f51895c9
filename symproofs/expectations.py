"""Random variables: the operators E, Var and Cov.

The operators are unevaluated sympy functions; what they mean for declared
random variables is the job of the probability-space algebra in this module.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

__all__ = ["E", "Var", "Cov"]


class E(sp.Function):
    """Expectation ``E[X]`` (unevaluated)."""

    nargs = 1
    is_real = True

    def _latex(self, printer: Any) -> str:
        return r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0])


class Var(sp.Function):
    """Variance ``Var(X)`` (unevaluated)."""

    nargs = 1
    is_real = True

    def _latex(self, printer: Any) -> str:
        return r"\operatorname{Var}\left(%s\right)" % printer._print(self.args[0])


class Cov(sp.Function):
    """Covariance ``Cov(X, Y)`` (unevaluated)."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any) -> str:
        return r"\operatorname{Cov}\left(%s, %s\right)" % (
            printer._print(self.args[0]),
            printer._print(self.args[1]),
        )
