"""Refutation of ``=>`` and ``<=>`` between matrix equations on concrete models.

A premise linear in one unknown matrix (one that no given defines) is
solved exactly for it in a model of :mod:`symproofs.matrices.models`, the
other leaves drawn at random; the step is refuted when, with every value
recorded, the premise and every hypothesis hold and the conclusion fails.
For ``<=>`` both directions are tried. The same models screen such steps
for the mutation harness (:func:`implications_on_models`), never proving one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sympy as sp

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Relation, flatten_side
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.matrices.calculus import Unsupported
from symproofs.matrices.draws import draw_scalars
from symproofs.matrices.intervals import as_number
from symproofs.matrices.models import (
    ATTEMPTS,
    _Checker,
    _definitions_exist,
    _describe,
    _functions,
    _Model,
    _symbols,
    random_inside,
)
from symproofs.matrices.setting import MatrixSetting, with_assumed_givens

__all__ = ["implications_on_models", "logical_model_strategies", "refute_equations"]


def _equations(side: Any) -> list[sp.Eq] | None:
    parts = flatten_side(side)
    if not parts or not all(isinstance(p, sp.Eq) for p in parts):
        return None
    return list(parts)


def _system(checker: _Checker, eqs: Sequence[sp.Eq]) -> list[sp.Expr]:
    out: list[sp.Expr] = []
    for eq in eqs:
        a, b = checker.value(eq.lhs), checker.value(eq.rhs)
        if isinstance(a, sp.MatrixBase) != isinstance(b, sp.MatrixBase):
            raise Unsupported("a matrix equated with a scalar")
        if isinstance(a, sp.MatrixBase):
            if a.shape != b.shape:
                raise Unsupported("sides of different shapes")
            out.extend(sp.expand(x - y) for x, y in zip(a, b))
        else:
            out.append(sp.expand(a - b))
    return out


def _statements_hold(checker: _Checker, eqs: Sequence[sp.Eq]) -> bool | None:
    results = [checker.statement_holds(eq) for eq in eqs]
    if False in results:
        return False
    return True if all(r is True for r in results) else None


def _unknowns(alg: MatrixSetting, goal: Goal, eqs: Sequence[sp.Eq]) -> list[sp.Basic]:
    """Matrix symbols in the premise that no given defines (candidates to
    solve for)."""
    defs = alg.definitions(goal)
    found = {x for eq in eqs for x in sp.preorder_traversal(eq) if isinstance(x, sp.MatrixSymbol)}
    masks = {m for m, _ in alg.config.masks}
    return sorted((x for x in found if defs.lookup(x) is None and x not in masks and x not in defs.constrained),
                  key=sp.default_sort_key)


def _solve_premise(alg: MatrixSetting, goal: Goal, model: _Model, premise: Sequence[sp.Eq],
                   conclusion: Sequence[sp.Eq], unknown: sp.Basic, rng: random.Random) -> bool:
    """Fix ``unknown`` (its entries solve the premise, which must be linear
    in them) and the other leaves at random; ``False`` when impossible."""
    node = unknown.xreplace(model.subs)
    checker = _Checker(alg, goal, model, rng, keep=frozenset({node}))
    shape = tuple(int(s) for s in node.shape)
    entries = list(checker.ev.leaf(node))
    if len(shape) != 2 or not entries:
        return False
    checker.open = set(entries)
    system = _system(checker, premise)
    for eq in conclusion:  # draw every other leaf now
        _system(checker, [eq])
    for g in goal.context.givens:
        if g.index is None and isinstance(g.statement, sp.Rel):
            checker.value(g.statement.lhs)
            checker.value(g.statement.rhs)
    for e in system:
        if e.free_symbols - set(entries):
            return False
        if e != 0 and sp.Poly(e, *entries).total_degree() > 1:
            return False
    solutions = sp.linsolve(system, entries)
    if not isinstance(solutions, sp.FiniteSet) or len(solutions) != 1:
        return False
    (sol,) = solutions.args
    free = sorted(set().union(*(x.free_symbols for x in sol)) & set(entries), key=sp.default_sort_key)
    pick = {f: sp.Integer(rng.randint(-2, 2)) for f in free}
    values = [as_number(x).xreplace(pick) for x in sol]
    if not all(v.is_Rational for v in values):
        return False
    model.leaves = {k: v for k, v in checker.ev.concrete.items()}
    model.leaves[node] = sp.ImmutableMatrix(shape[0], shape[1], values)
    return True


def refute_equations(alg: MatrixSetting, goal: Goal) -> Outcome | None:
    """``P => Q`` (or ``P <=> Q``) between matrix equations, refuted by a
    model where ``P`` holds (solved for an unknown matrix) and ``Q`` fails."""
    goal = with_assumed_givens(goal)
    for model, premise, conclusion, note in _premise_models(alg, goal, ATTEMPTS // 2):
        try:
            cx = _recheck_implication(alg, goal, model, premise, conclusion, note)
        except Exception:  # a model that cannot be evaluated refutes nothing
            continue
        if cx is not None:
            return Outcome(verdict=Verdict.REFUTED, method="concrete matrix model", trust=Trust.NONE,
                           counterexample=cx)
    return None


def implications_on_models(alg: MatrixSetting, goal: Goal, count: int) -> list[tuple[bool, bool]]:
    """For screening ``P => Q`` (or ``<=>``) between matrix equations:
    (converse, holds) model by model, where ``holds`` says whether the
    conclusion holds on a model where the premise and every hypothesis hold
    (undecided models are left out), and ``converse`` whether the direction
    is ``Q => P``. Never a proof."""
    goal = with_assumed_givens(goal)
    out: list[tuple[bool, bool]] = []
    for model, premise, conclusion, note in _premise_models(alg, goal, count):
        try:
            holds = _conclusion_holds(alg, goal, model, premise, conclusion)
        except Exception:  # a model that cannot be evaluated says nothing
            continue
        if holds is not None:
            out.append((bool(note), holds))
    return out


def _premise_models(alg: MatrixSetting, goal: Goal, attempts: int
                    ) -> Iterator[tuple[_Model, Sequence[sp.Eq], Sequence[sp.Eq], str]]:
    """Models where the premise of a logical step between matrix equations
    was solved for one unknown matrix (each direction of ``<=>``), with the
    premise, the conclusion and a note naming the direction."""
    if not goal.relation.is_logical or random_inside(goal):
        return
    left, right = _equations(goal.lhs), _equations(goal.rhs)
    if left is None or right is None:
        return
    directions = [(left, right, "")]
    if goal.relation is Relation.IFF:
        directions.append((right, left, "the converse fails: "))
    dims, ints, reals = _symbols(alg, goal)
    rng = random.Random(goal.context.seed + 31)
    functions = [f for f, _ in alg.config.derivatives]
    for attempt in range(attempts):
        subs = draw_scalars(alg, goal, dims, ints, reals, rng, attempt)
        if subs is None:
            return
        for premise, conclusion, note in directions:
            for unknown in _unknowns(alg, goal, premise):
                models = _functions(alg, goal, functions, rng, attempt)
                if models is None:  # no model of the functions respects what is known of them
                    continue
                model = _Model(subs=dict(subs), functions=models)
                try:
                    solved = _solve_premise(alg, goal, model, premise, conclusion, unknown, rng)
                except Exception:  # a model that cannot be built
                    continue
                if solved:
                    yield model, premise, conclusion, note


def _recheck_implication(alg: MatrixSetting, goal: Goal, model: _Model, premise: Sequence[sp.Eq],
                         conclusion: Sequence[sp.Eq], note: str) -> Counterexample | None:
    """Every value recorded: the premise holds, the conclusion fails, and
    every hypothesis holds."""
    if _conclusion_holds(alg, goal, model, premise, conclusion) is not False:
        return None
    assignment: list[tuple[sp.Basic, sp.Basic]] = sorted(model.subs.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    assignment += sorted(model.leaves.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    assignment += sorted(model.unknowns.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    text = f"{note}the premise holds and the conclusion fails"
    described = _describe(model)
    return Counterexample(assignment=tuple(assignment), lhs=sp.true, rhs=sp.false,
                          model=f"{text}; {described}" if described else text)


def _conclusion_holds(alg: MatrixSetting, goal: Goal, model: _Model, premise: Sequence[sp.Eq],
                      conclusion: Sequence[sp.Eq]) -> bool | None:
    """Whether the conclusion holds on a model (every value recorded) where
    the premise and every hypothesis hold; ``None`` when the model is not
    one of those, or the conclusion is undecided. The conclusion is
    evaluated before the hypotheses, so that they are checked at every
    term it uses too."""
    checker = _Checker(alg, goal, model, None)
    if _statements_hold(checker, premise) is not True:
        return None
    holds = _statements_hold(checker, conclusion)
    if holds is None or not checker.facts_hold():
        return None
    if checker.lemmas_hold() is not True or checker.givens_hold() is not True:
        return None
    if not _definitions_exist(checker, goal):  # a point where a side or a definition has no value
        return None
    return holds


def logical_model_strategies(alg: MatrixSetting) -> Sequence[tuple[str, Callable[..., object]]]:
    return (("concrete matrix model", lambda goal, state: refute_equations(alg, goal)),)

