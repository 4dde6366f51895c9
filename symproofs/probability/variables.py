"""Random expressions: the operators ``E``, ``Var`` and ``Cov``, the
hypotheses ``Independent`` and ``Uncorrelated``, and indexed families.

These are plain, unevaluated sympy objects; what they are worth is decided
by a :class:`~symproofs.probability.space.ProbabilitySpace` (its rewrite engine
is :mod:`symproofs.probability.moments`).

>>> X = sp.Symbol("X", real=True)
>>> definitions(Var(2 * X))
-E(2*X)**2 + E(4*X**2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.function import UndefinedFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.core.printing import powered
from symproofs.probability.laws import Distribution

__all__ = ["MEMBERS", "MOMENTS", "OPERATORS", "OWN", "CondE", "Cov", "E", "Family", "Independent", "Prob",
           "Uncorrelated", "Var", "definitions", "foreign"]


class E(sp.Function):  # type: ignore[misc]
    """Expectation ``E[X]`` (unevaluated).

    It has no numeric value of its own: sympy's ``evalf`` looks a function
    up in mpmath by its class name, and ``E`` would find Euler's number."""

    nargs = 1
    is_real = True

    def _eval_evalf(self, prec: int) -> None:
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\mathbb{E}\left[" + str(printer._print(self.args[0])) + r"\right]", exp)


class Var(sp.Function):  # type: ignore[misc]
    """Variance ``Var(X)`` (unevaluated)."""

    nargs = 1
    is_real = True

    def _eval_evalf(self, prec: int) -> None:  # no numeric value without a model
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\operatorname{Var}\left(" + str(printer._print(self.args[0])) + r"\right)", exp)


class Cov(sp.Function):  # type: ignore[misc]
    """Covariance ``Cov(X, Y)`` (unevaluated)."""

    nargs = 2
    is_real = True

    def _eval_evalf(self, prec: int) -> None:  # no numeric value without a model
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        x, y = (str(printer._print(a)) for a in self.args)
        return powered(r"\operatorname{Cov}\left(" + x + ", " + y + r"\right)", exp)


class CondE(sp.Function):  # type: ignore[misc]
    """Conditional expectation ``E[X | A]`` of ``X`` given the event ``A`` (a
    relational or a boolean of relationals), unevaluated. No rewrite rule
    knows it yet: a step that needs its value is *unknown*."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        x, a = (str(printer._print(v)) for v in self.args)
        return powered(r"\mathbb{E}\left[" + x + r" \mid " + a + r"\right]", exp)


class Prob(sp.Function):  # type: ignore[misc]
    """Probability ``P(A)`` of an event ``A`` (a relational or a boolean of
    relationals); with two arguments, ``P(A | B)``. Unevaluated."""

    nargs = (1, 2)
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        parts = [str(printer._print(v)) for v in self.args]
        return powered(r"\mathbb{P}\left(" + r" \mid ".join(parts) + r"\right)", exp)


class Independent(sp.Function):  # type: ignore[misc]
    """The statement that its arguments are mutually independent (a lemma
    hypothesis, decided by :meth:`ProbabilitySpace.holds`)."""

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r" \perp ".join(str(printer._print(a)) for a in self.args), exp, wrap=True)


class Uncorrelated(sp.Function):  # type: ignore[misc]
    """The statement ``Cov(X, Y) = 0`` (a lemma hypothesis)."""

    nargs = 2

    def _latex(self, printer: Any, exp: Any = None) -> str:
        x, y = (str(printer._print(a)) for a in self.args)
        return powered(r"\operatorname{Cov}\left(" + x + ", " + y + r"\right) = 0", exp, wrap=True)


#: The operators whose value a probability space decides.
OPERATORS = (E, Var, Cov)
#: Every operator whose value is a number about random variables (inside one, a name is not a constant).
MOMENTS = (*OPERATORS, CondE, Prob)
#: Every construct of the expectation algebra.
OWN = (*MOMENTS, Independent, Uncorrelated)
#: How the members of a family relate, by the spellings an author may use.
MEMBERS = {"iid": "independent", "independent": "independent", "uncorrelated": "uncorrelated",
           "dependent": "dependent"}


@dataclass(frozen=True, eq=False)
class Family:
    """An indexed family of identically distributed random variables.

    Call it to get a member (``W(i, j)``, a sympy applied function);
    ``generic`` is the symbol for a generic member, used in normal forms
    (``E(W**2)``). ``members`` says how distinct members relate:
    ``"independent"`` (i.i.d.), ``"uncorrelated"`` or ``"dependent"``
    (nothing is known). A family that is not ``identical`` is a random
    sequence known only through givens and lemmas (see
    :meth:`ProbabilitySpace.process`).
    """

    name: str
    func: UndefinedFunction
    generic: sp.Symbol
    distribution: Distribution
    members: str
    identical: bool = True

    def __call__(self, *indices: Any) -> sp.Expr:
        return self.func(*indices)

    def _sympy_(self) -> sp.Symbol:
        return self.generic

    # Arithmetic on a family means arithmetic on its generic member: Var(W*h).
    def __mul__(self, other: Any) -> Any:
        return self.generic * other

    def __rmul__(self, other: Any) -> Any:
        return other * self.generic

    def __add__(self, other: Any) -> Any:
        return self.generic + other

    def __radd__(self, other: Any) -> Any:
        return other + self.generic

    def __sub__(self, other: Any) -> Any:
        return self.generic - other

    def __rsub__(self, other: Any) -> Any:
        return other - self.generic

    def __pow__(self, other: Any) -> Any:
        return self.generic**other

    def __neg__(self) -> Any:
        return -self.generic


def foreign(e: sp.Basic) -> bool:
    """Whether ``e`` holds matrices or constructs of another algebra (whose
    ``E`` this algebra must leave alone)."""
    for node in sp.preorder_traversal(e):
        if isinstance(node, MatrixExpr):
            return True
        module = type(node).__module__
        if module is not None and not module.startswith("sympy") and not isinstance(node, OWN):
            return True
    return False


def definitions(e: sp.Basic) -> sp.Basic:
    """``Var`` and ``Cov`` replaced by their definitions in terms of ``E``."""
    if not e.has(Var, Cov):
        return e
    return e.replace(
        lambda x: isinstance(x, (Var, Cov)),
        lambda x: E(x.args[0] ** 2) - E(x.args[0]) ** 2 if isinstance(x, Var)
        else E(x.args[0] * x.args[1]) - E(x.args[0]) * E(x.args[1]),
    )
