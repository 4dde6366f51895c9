r"""What a step about functions of uncorrelated members needs, said.

A family declared with uncorrelated members (``a_j``, ``a_l``) gives
``E[a_j a_l] = E[a_j] E[a_l]`` for distinct members, and nothing more:
``\max(0, a_j)`` and ``\max(0, a_l)`` may be correlated. A step whose
difference is left with the expectation of such a product (the variance of a
sum of ReLUs of uncorrelated preactivations, as a sum of variances) stays
*unknown*; :func:`noted_needs` says what it needs, in place of the bare
normal form alone: that those functions are uncorrelated (or the members
independent), which nothing stated gives.
"""

from __future__ import annotations

import sympy as sp

from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Verdict
from symproofs.grading.needs import needs
from symproofs.probability.declarations import Declarations
from symproofs.probability.variables import OPERATORS, E

__all__ = ["functions_of_uncorrelated", "noted_needs"]


def _single_atom(space: Declarations, factor: sp.Basic) -> sp.Basic | None:
    """The one random variable a nonlinear factor is a function of (``max(0, a_j)``, ``|a_j|``, ``e^{a_j}``);
    None for a member itself, a power of one (uncorrelation speaks of those), or a factor of several."""
    base = factor.base if isinstance(factor, sp.Pow) and factor.exp.is_Integer else factor
    if base.has(*OPERATORS) or not space.is_random(base):
        return None
    atoms = {x for x in base.atoms(sp.Symbol, sp.Function) if space.members_of(x) is not None}
    if len(atoms) != 1:
        return None
    (atom,) = atoms
    if base == atom or (isinstance(base, sp.Expr) and base.is_polynomial(atom)):
        return None
    return atom


def functions_of_uncorrelated(space: Declarations, residual: sp.Basic) -> str | None:
    """The note for a ``residual`` holding ``E`` of a product of nonlinear functions of two distinct members
    of a family declared uncorrelated (not independent); None if it holds none."""
    for moment in sorted(residual.atoms(E), key=sp.default_sort_key):
        atoms: list[sp.Basic] = []
        for factor in sp.Mul.make_args(moment.args[0]):
            atom = _single_atom(space, factor)
            if atom is not None and space.members_of(atom) == "uncorrelated":
                atoms.append(atom)
        distinct = sorted({a for a in atoms}, key=sp.default_sort_key)
        if len(distinct) >= 2 and distinct[0].func == distinct[1].func:
            return (
                f"needs {sp.sstr(moment)} for distinct members, which their law does not give: the members "
                f"of {distinct[0].func} are declared uncorrelated only, and functions of uncorrelated variables "
                "may be correlated (nothing stated makes them uncorrelated, or the members independent)"
            )
    return None


def noted_needs(result: StepResult, goal: Goal, known: frozenset[str], lone: bool = False) -> StepResult:
    """:func:`~symproofs.grading.needs.needs`, and for a step left *unknown* whose difference keeps the moment
    of functions of uncorrelated members, what it needs (:func:`functions_of_uncorrelated`)."""
    result = needs(result, goal, known, lone)
    if result.verdict is not Verdict.UNKNOWN or not isinstance(result.residual, sp.Basic):
        return result
    for space in goal.context.algebras:
        if isinstance(space, Declarations):
            note = functions_of_uncorrelated(space, result.residual)
            if note is not None and note not in result.message:
                return result.replace(message=f"{result.message}; {note}" if result.message else note)
    return result
