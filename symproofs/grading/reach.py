"""Whether a chain reaches an expected result of the notation file, and
whether it derives it or only states it (:class:`Reach`): the goals that
decide it, planned here with the chain's other goals
(:mod:`symproofs.grading.plan`) and read back by :mod:`symproofs.grading.run`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Relation
from symproofs.core.statements import RELATION_OF
from symproofs.grading.context import names_of as _names
from symproofs.grading.definitions import rearranged, result_names, through_definitions
from symproofs.grading.goals import GoalSet
from symproofs.latex.notation import Setting
from symproofs.verifier.provenance import ESTABLISHES

__all__ = ["Reach", "fixed_names", "plan_reach"]

_DETOUR = 2  # sides back to the left side before the result stated at once


@dataclass(frozen=True)
class Reach:
    """The goals for "chain ``chain`` reaches the expected result ``name``":
    its first side is the result's left side (``start``), its last side the
    right (``end``); the steps, from the first whose right side is the
    result's right side rearranged on, while they are (``forms``); the goals
    "each side before the first form is the left side once read"
    (``before``: ``E[2v] - E[v]``, or a name the student defines as it);
    and the goal "the step to the first form holds without the course's
    definitions" (``algebra``). When that step needs the definitions and the
    sides before it are the left side, the chain states the result without
    deriving it, and the
    steps that only rearrange it show nothing either (``(a+b)^2 = a^2 + b^2
    + 2ab = ...`` shows its algebra)."""

    chain: int
    name: str
    start: int
    end: int
    forms: tuple[int, ...] = ()
    algebra: int = -1
    before: tuple[int, ...] = ()  # "the left side is this side once read", each side before the first form
    detour: tuple[int, ...] = ()  # the steps to those sides



def fixed_names(relations: Sequence[sp.Basic], setting: Setting) -> set[str]:
    """The names a chain's cases and conditions fix, which keep it from
    reaching a result about them (``b = 0``, ``x > 5``). A lower bound on the
    index of one of the course's recurrences at or below its start (``t \\ge
    1`` for ``v_t = \\beta v_{t-1} + ...`` from ``t = 1``) only says where the
    sequence is defined: it fixes nothing."""
    starts = {g.index.name: sp.sympify(g.valid_from, strict=True) for g in setting.givens
              if g.index is not None and g.valid_from is not None and sp.sympify(g.valid_from, strict=True).is_number}
    out: set[str] = set()
    known = Facts(setting.facts)
    for rel in relations:
        if isinstance(rel, sp.Rel) and known.decide(rel) is True:
            continue  # "the decay satisfies $0 < \beta < 1$" where the course says so: it fixes nothing
        bound = _lower_bound(rel)
        if bound is not None and bound[0] in starts and (bound[1] - starts[bound[0]]).is_nonpositive:
            continue
        out |= {x.name for x in rel.free_symbols if isinstance(x, sp.Symbol)}
    return out


def _lower_bound(rel: sp.Basic) -> tuple[str, sp.Expr] | None:
    """``(t, c)`` for ``t >= c`` (or ``t > c - 1``, ``c <= t``) with ``t`` an
    integer symbol and ``c`` an integer."""
    if not isinstance(rel, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
        return None
    big, small = (rel.lhs, rel.rhs) if isinstance(rel, (sp.Ge, sp.Gt)) else (rel.rhs, rel.lhs)
    if not isinstance(big, sp.Symbol) or big.is_integer is not True or not small.is_integer:
        return None
    return big.name, small + 1 if isinstance(rel, (sp.Gt, sp.Lt)) else small


_FLIP: dict[type, type] = {sp.Eq: sp.Eq, sp.Le: sp.Ge, sp.Lt: sp.Gt, sp.Ge: sp.Le, sp.Gt: sp.Lt}


def plan_reach(reaches: list[Reach], ci: int, first: sp.Basic, last: sp.Basic, composed: Relation,
                setting: Setting, goals: GoalSet, avoid: set[str],
                later: Sequence[tuple[sp.Basic, int]] = (), earlier: Sequence[tuple[sp.Basic, int]] = ()) -> None:
    """Goals for "this chain reaches that expected result" (either orientation),
    for each result none of whose names the chain's cases and conditions fix
    (``avoid``); ``later`` are the right sides of the chain's steps from the
    first that changes the expression, with their steps' indices, each
    compared with the result's right side (:class:`Reach`), and ``earlier``
    the same read backwards from the last side (each side with the step out
    of it), for a chain that ends at the result's left side."""
    if isinstance(first, (sp.Rel, tuple)) or isinstance(last, (sp.Rel, tuple)):
        return
    # a value the course or the student gives (v_0 = 0) pads as a 0 does
    values = {g.statement.lhs: g.statement.rhs for g in setting.givens if isinstance(g.statement, sp.Eq)
              and g.statement.rhs.is_number and not g.statement.lhs.free_symbols}
    own = tuple(g for g in setting.givens if g.name.startswith("defined on line"))
    for name, result in setting.expected:
        if result_names(result, setting) & avoid:  # R = lambda w^2 with lambda = (1-p)/p: about p too
            continue
        for turn, (lhs, rhs, kind) in enumerate(((result.lhs, result.rhs, type(result)),
                                                 (result.rhs, result.lhs, _FLIP.get(type(result))))):
            wanted = RELATION_OF.get(kind)  # type: ignore[arg-type]
            if wanted is None or composed not in ESTABLISHES[wanted] or _names(first) != _names(lhs):
                continue
            a = goals.add(setting, Relation.EQ, first, lhs, definitions=False)
            b = goals.add(setting, Relation.EQ, last.xreplace(values), rhs, definitions=False)
            # from the result's left side (first, or last read backwards) towards its right side (the answer)
            anchor, seq, answer = (first, later, rhs) if turn == 0 else (last, earlier, lhs)
            forms: list[int] = []
            unfolded = through_definitions(anchor, setting.givens)  # S = (a+b)^2 = ...: S's definition, then algebra
            fresh = not seq or (unfolded != seq[0][0] and not rearranged(unfolded, seq[0][0]))
            # the first side that is the answer rearranged (among the first sides only: a detour is short,
            # and each costs a check); the sides before it must be the anchor itself once read (E[2v] - E[v],
            # or w := E[v]) for the jump to it to state the result
            landing = next((k for k, (side, _) in enumerate(seq[:_DETOUR + 1])
                            if rearranged(side.xreplace(values), answer, padded=True)), None) if fresh else None
            if landing is not None:
                forms.append(seq[landing][1])
                for side, step in seq[landing + 1:]:
                    if not rearranged(side.xreplace(values), answer, padded=True):
                        break
                    forms.append(step)
            before = tuple(goals.add(setting, Relation.EQ, anchor, through_definitions(side, own).xreplace(values),
                                     definitions=False) for side, _ in seq[:landing]) if forms else ()
            algebra = goals.add(setting, Relation.EQ, anchor, seq[landing][0], definitions=False) \
                if forms and landing is not None else -1
            detour = tuple(step for _, step in seq[:landing]) if before else ()
            reaches.append(Reach(ci, name, a, b, tuple(forms), algebra, before, detour))
            break
