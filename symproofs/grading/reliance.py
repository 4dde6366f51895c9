"""What a step's truth at a point rests on (:mod:`symproofs.grading.cases`).

A refutation at a point outside the case the text takes ("take $p = 0.3$")
is set aside only if the point's value of the case's names can matter to
the step: a step whose sides speak of plain names alone (no random
variable, no function or family, no matrix, nothing a given ties to other
names) is true or false at a point through its own names only, so a case
about other names never holds its refutation back (``2 + 2 = 5``,
``0.21 = 0.25`` are false whatever ``p`` is).
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal, holds_random, random_heads_of
from symproofs.grading.context import flat

__all__ = ["own_names"]


def own_names(goal: Goal) -> frozenset[str] | None:
    """The names the step's truth at a point rests on when its sides speak of
    plain names alone (none a given of its context mentions); None when it
    may rest on more (a random variable, whose law speaks of a parameter, a
    function, a matrix, a name a definition or a relation given ties to
    others)."""
    exprs = [*flat(goal.lhs), *flat(goal.rhs)]
    if not all(isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) for e in exprs):
        return None
    if any(e.atoms(AppliedUndef) or e.has(sp.MatrixExpr) for e in exprs):
        return None
    context = goal.context
    if any(alg.owns(e) for alg in context.algebras for e in exprs) \
            or any(holds_random(e, random_heads_of(context.algebras)) for e in exprs):
        return None
    names = frozenset(str(x.name) for e in exprs for x in e.free_symbols if isinstance(x, sp.Symbol))
    told = {str(x.name) for g in context.givens if isinstance(g.statement, sp.Basic)
            for x in g.statement.free_symbols if isinstance(x, sp.Symbol)}
    if names & told:
        return None
    for fact in context.facts.constraints:  # x < p: the step's names bound by others
        mentioned = {str(x.name) for x in getattr(fact, "free_symbols", ()) if isinstance(x, sp.Symbol)}
        if mentioned & names and mentioned - names:
            return None
    return names
