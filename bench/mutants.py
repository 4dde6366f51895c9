"""Mutation harness: is the verifier sound on the mistakes people make?

Every step of the library is mutated the way students (and authors) get
steps wrong: a constant or an exponent changed, a sign flipped, a term or a
factor dropped, an index or a sum bound shifted by one, the factors of a
non-commuting product swapped, a transpose moved, a symbol replaced by a
neighbour. Only the new side of a step is mutated; the previous side and
the context (assumptions, givens, lemmas, algebras) are the real ones, built
by :func:`symproofs.verifier.pipeline.goals_of` from the mutated derivation.

A mutant that the verifier would reject as ill-formed before checking it
(matrices of shapes that do not fit for every value of the dimensions, an
entry read outside its matrix) is neither true nor false; it is left out
and counted as ``ill_formed``.

A mutant may be a true step after all (``x - x`` mutated to ``x + x`` is
still right when the other side is ``0`` times something). Each mutant is
first evaluated exactly at random admissible points (24 of them, with a seed
independent of the verifier's); a mutant whose step holds at every point is
*set aside*. The rest are checked by the full verifier in worker processes
with a time limit. Each must come out refuted or unknown: a proved mutant is
a soundness bug.

    python bench/mutants.py --json            # everything; JSON summary last
    python bench/mutants.py --limit 200 --jobs 2 --seed 1

The last line of ``--json`` output is one JSON object with ``mutants`` (the
number verified), ``false_proved``, ``refuted``, ``unknown``, ``set_aside``, ``ill_formed``,
``seconds`` and breakdowns by category.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import random
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Goal
from symproofs.core.model import Derivation, Given, Identically, Relation
from symproofs.core.results import StepResult, Verdict
from symproofs.matrices.linalg import MatSum, SeqTerm
from symproofs.verifier.pipeline import Options, check_goal, goals_of
from symproofs.verifier.probe import Probe
from symproofs.verifier.worker import run_tasks

__all__ = ["CATEGORIES", "Mutant", "Screen", "library_mutants", "mutants_of", "mutations", "screen"]

CATEGORIES = (
    "constant",
    "exponent",
    "sign",
    "drop-term",
    "drop-factor",
    "index-shift",
    "sum-bound",
    "swap-factors",
    "transpose",
    "neighbour-symbol",
)

#: The seed the verifier uses by default (``symproofs check``).
VERIFIER_SEED = Options().seed
POINTS = 24
MIN_POINTS = 20

Path = tuple[int, ...]


# -- mutation operators -------------------------------------------------------
def _leaf(node: sp.Basic) -> bool:
    return bool(
        node.is_Atom
        or isinstance(node, (sp.Symbol, sp.MatrixSymbol, sp.Identity, sp.ZeroMatrix, sp.OneMatrix))
        or isinstance(node, (sp.Lambda, sp.Indexed, sp.IndexedBase))
    )


def _children(node: sp.Basic) -> Sequence[int]:
    """The argument positions the mutator walks into."""
    if _leaf(node) or isinstance(node, AppliedUndef):
        return ()
    if isinstance(node, (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit, MatSum)):
        return (0,)
    if isinstance(node, SeqTerm):
        return (1,)  # the index; the label and the shape are not something one writes
    return range(len(node.args))


def _nodes(
    expr: sp.Basic, path: Path = (), bound: frozenset[sp.Basic] = frozenset()
) -> Iterator[tuple[Path, sp.Basic, frozenset[sp.Basic]]]:
    """Every node with its path and the symbols bound around it."""
    yield path, expr, bound
    inner = bound
    if isinstance(expr, (sp.Sum, sp.Product, sp.Integral)):
        inner = bound | {lim[0] for lim in expr.limits}
    elif isinstance(expr, MatSum):
        inner = bound | {expr.args[1][0]}
    elif isinstance(expr, sp.Derivative):
        inner = bound | {v for v, _ in expr.variable_count}
    for i in _children(expr):
        yield from _nodes(expr.args[i], (*path, i), inner)


def _replace_at(expr: sp.Basic, path: Path, new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace_at(args[path[0]], path[1:], new)
    return expr.func(*args)


def _numbers(c: sp.Rational) -> list[sp.Rational]:
    out = [c + 1, c - 1]
    if c not in (0, 1, -1):
        out.append(2 * c)
    if not c.is_Integer:
        out.append(1 / c)
    return out


def _in_exponent(expr: sp.Basic, path: Path) -> bool:
    if not path:
        return False
    parent = expr
    for i in path[:-1]:
        parent = parent.args[i]
    return isinstance(parent, (sp.Pow, sp.MatPow)) and path[-1] == 1


Thunk = Callable[[], sp.Basic]


def _build(func: Any, *args: Any) -> Thunk:
    """``func(*args)`` later; a product or sum of one argument is that argument."""
    if len(args) == 1 and func in (sp.Add, sp.Mul, sp.MatAdd, sp.MatMul, sp.HadamardProduct):
        return functools.partial(lambda a: a, args[0])
    return functools.partial(func, *args)


def _local(
    node: sp.Basic, bound: frozenset[sp.Basic], neighbours: Sequence[sp.Symbol], parent: sp.Basic | None
) -> Iterator[tuple[str, str, Thunk]]:
    """(category, description, replacement) for one node; the replacement is
    built lazily, as building it may fail (a shape error)."""
    s = sp.sstr
    if isinstance(node, sp.Rational) and not isinstance(node, sp.Float):
        for c in _numbers(node):
            yield "constant", f"{s(node)} -> {s(c)}", _build(sp.sympify, c)
    if isinstance(node, (sp.Pow, sp.MatPow)):
        base, e = node.args
        power = sp.MatPow if isinstance(node, sp.MatPow) else sp.Pow
        for new in (e + 1, e - 1, -e):
            if new != e:
                yield "exponent", f"exponent of {s(node)}: {s(e)} -> {s(new)}", _build(power, base, new)
        if isinstance(node, sp.MatPow) and e == -1:
            yield "exponent", f"drop the inverse in {s(node)}", _build(sp.sympify, base)
    if isinstance(node, (sp.Add, sp.MatAdd)):
        terms = node.args
        for i, term in enumerate(terms):
            rest = terms[:i] + terms[i + 1 :]
            yield "drop-term", f"drop {s(term)}", _build(node.func, *rest)
            yield "sign", f"flip the sign of {s(term)}", _build(node.func, *rest, -term)
    if isinstance(node, (sp.Mul, sp.MatMul, sp.HadamardProduct)):
        factors = node.args
        for i, f in enumerate(factors):
            rest = factors[:i] + factors[i + 1 :]
            if f != -1 and rest:
                yield "drop-factor", f"drop the factor {s(f)}", _build(node.func, *rest)
        ordered = isinstance(node, sp.MatMul) or (isinstance(node, sp.Mul) and not node.is_commutative)
        if ordered:
            nc = [i for i, f in enumerate(factors) if not f.is_commutative or isinstance(f, sp.MatrixExpr)]
            for a, b in itertools.pairwise(nc):
                if factors[a] != factors[b]:
                    swapped = list(factors)
                    swapped[a], swapped[b] = swapped[b], swapped[a]
                    yield (
                        "swap-factors",
                        f"swap {s(factors[a])} and {s(factors[b])}",
                        _build(node.func, *swapped),
                    )
    negatable = isinstance(node, (sp.Mul, sp.Add, sp.Pow, AppliedUndef, sp.Sum)) or (
        isinstance(node, sp.Symbol) and node not in bound
    )
    if negatable and not isinstance(node, sp.MatrixExpr):
        yield "sign", f"negate {s(node)}", _build(sp.Mul, -1, node)
    if isinstance(node, AppliedUndef):
        for i, a in enumerate(node.args):
            for d in (1, -1):
                args = (*node.args[:i], a + d, *node.args[i + 1 :])
                yield "index-shift", f"{s(node)}: argument {s(a)} -> {s(a + d)}", _build(node.func, *args)
    if isinstance(node, sp.Indexed):
        for i, a in enumerate(node.indices):
            for d in (1, -1):
                idx = (*node.indices[:i], a + d, *node.indices[i + 1 :])
                yield (
                    "index-shift",
                    f"{s(node)}: index {s(a)} -> {s(a + d)}",
                    _build(sp.Indexed, node.base, *idx),
                )
    if isinstance(node, MatrixElement):
        parent_matrix, *indices = node.args
        for i, a in enumerate(indices):
            for d in (1, -1):
                idx = (*indices[:i], a + d, *indices[i + 1 :])
                what = f"{s(node)}: index {s(a)} -> {s(a + d)}"
                yield "index-shift", what, _build(MatrixElement, parent_matrix, *idx)
    if isinstance(node, (sp.Sum, sp.Product)):
        for j, limit in enumerate(node.limits):
            for which, old, new, shifted in _shifted_bounds(limit):
                limits = [*node.limits[:j], shifted, *node.limits[j + 1 :]]
                what = f"{which} bound of {s(node)}: {s(old)} -> {s(new)}"
                yield "sum-bound", what, _build(node.func, node.function, *limits)
    if isinstance(node, MatSum):
        for which, old, new, shifted in _shifted_bounds(node.args[1]):
            what = f"{which} bound of {s(node)}: {s(old)} -> {s(new)}"
            yield "sum-bound", what, _build(MatSum, node.args[0], shifted)
    if isinstance(node, sp.Transpose):
        inner = node.arg
        yield "transpose", f"drop the transpose in {s(node)}", _build(sp.sympify, inner)
        if isinstance(inner, sp.MatMul):
            same_order = [sp.Transpose(f) for f in inner.args]
            yield "transpose", f"{s(node)} -> transposes in the same order", _build(sp.MatMul, *same_order)
    if isinstance(node, sp.MatrixSymbol) and not isinstance(parent, sp.Transpose):
        yield "transpose", f"transpose {s(node)}", _build(sp.Transpose, node)
    if isinstance(node, sp.Symbol) and node not in bound:
        for other in neighbours:
            if other != node and other.is_commutative == node.is_commutative:
                yield "neighbour-symbol", f"{s(node)} -> {s(other)}", _build(sp.sympify, other)


def _shifted_bounds(
    limit: Sequence[sp.Basic],
) -> Iterator[tuple[str, sp.Basic, sp.Basic, tuple[sp.Basic, ...]]]:
    """Each bound of ``(var, lo, hi)`` moved by one either way: which bound,
    its old and new value, and the new limit."""
    var, lo, hi = limit
    for which, value in (("lower", lo), ("upper", hi)):
        for d in (1, -1):
            shifted = (var, lo + d, hi) if which == "lower" else (var, lo, hi + d)
            yield which, value, value + d, shifted


def mutations(side: Any, neighbours: Sequence[sp.Symbol] = ()) -> Iterator[tuple[str, str, Any]]:
    """Every single-point mutation of a side (an expression, a relation, a
    system, or an identity), as (category, description, new side)."""
    if isinstance(side, tuple):
        for i, part in enumerate(side):
            for cat, what, new in mutations(part, neighbours):
                yield cat, what, (*side[:i], new, *side[i + 1 :])
        return
    if isinstance(side, Identically):
        for cat, what, new in mutations(side.equation, neighbours):
            if isinstance(new, sp.Eq):
                yield cat, what, Identically(new, side.variables)
        return
    for path, node, bound in _nodes(side):
        if path and isinstance(node, sp.Rational) and _in_exponent(side, path):
            continue  # exponents are changed at their power
        near = _near(node, neighbours) if isinstance(node, sp.Symbol) else ()
        parent = _at(side, path[:-1]) if path else None
        for cat, what, build in _local(node, bound, near, parent):
            try:
                new = _replace_at(side, path, build())
            except Exception:  # a shape error, an invalid construction
                continue
            yield cat, what, new


def _at(expr: sp.Basic, path: Path) -> sp.Basic:
    for i in path:
        expr = expr.args[i]
    return expr


def _near(sym: sp.Symbol, pool: Sequence[sp.Symbol]) -> tuple[sp.Symbol, ...]:
    """Up to two neighbours of ``sym`` in the (sorted) pool of free symbols."""
    others = [p for p in pool if p != sym]
    if not others:
        return ()
    at = sum(1 for p in others if sp.default_sort_key(p) < sp.default_sort_key(sym))
    picks = {others[at % len(others)], others[(at - 1) % len(others)]}
    return tuple(sorted(picks, key=sp.default_sort_key))


def _well_formed(original: Any, new: Any) -> bool:
    if isinstance(original, tuple):
        return isinstance(new, tuple) and all(_well_formed(a, b) for a, b in zip(original, new, strict=False))
    if isinstance(original, Identically):
        return isinstance(new, Identically) and _well_formed(original.equation, new.equation)
    if isinstance(original, sp.Rel):
        return isinstance(new, sp.Rel) and not isinstance(new, sp.logic.boolalg.BooleanAtom)
    if isinstance(new, (sp.Rel, sp.logic.boolalg.Boolean)) or not isinstance(new, sp.Basic):
        return False
    if isinstance(original, sp.MatrixExpr) != isinstance(new, sp.MatrixExpr):
        return False
    if isinstance(new, sp.MatrixExpr):
        try:
            if new.shape != original.shape:
                return False
            new.doit(deep=False)
        except Exception:
            return False
    return not new.has(sp.nan, sp.zoo)


def ill_formed(goal: Goal) -> str:
    """Why the verifier rejects ``goal`` as ill-formed before checking it
    (an ill-shaped matrix expression, an entry out of range), or ``""``.
    Such a mutant is neither true nor false, so it is not counted."""
    for alg in goal.context.algebras:
        problem = alg.ill_formed(goal)
        if problem is not None:
            return problem
    return ""


def _canon(side: Any) -> str:
    if isinstance(side, tuple):
        return "(" + ",".join(_canon(p) for p in side) + ")"
    if isinstance(side, Identically):
        return f"Identically({sp.srepr(side.equation)},{sp.srepr(side.variables)})"
    return str(sp.srepr(side))


# -- mutants of the library ---------------------------------------------------
@dataclass(frozen=True)
class Mutant:
    id: str
    derivation: str
    chain: int
    step: int
    category: str
    description: str
    goal: Goal
    original: Goal
    #: why the mutant is ill-formed (see :func:`ill_formed`), or ``""``
    problem: str = ""

    def describe(self) -> str:
        g = self.goal
        givens = [(v.name, sp.sstr(v.statement), v.index, v.valid_from, v.valid_to) for v in g.context.givens]
        return (
            f"{self.id} [{self.category}] {self.description}\n"
            f"    lhs: {sp.sstr(g.lhs)}\n    {g.relation.value}\n    rhs: {sp.sstr(g.rhs)}\n"
            f"    assumptions: {sp.sstr(g.context.facts.constraints)}\n"
            f"    givens: {givens}\n"
            f"    uses: {g.context.uses}"
        )


def _with_step(d: Derivation, ci: int, si: int, expr: Any) -> Derivation:
    chain = d.chains[ci]
    steps = list(chain.steps)
    steps[si] = replace(steps[si], expr=expr)
    chains = list(d.chains)
    chains[ci] = replace(chain, steps=tuple(steps))
    return replace(d, chains=tuple(chains))


def _goal_of(d: Derivation, ci: int, si: int) -> Goal:
    for ref in goals_of(d, seed=VERIFIER_SEED):
        if ref.chain == ci and ref.step == si:
            return ref.goal
    raise LookupError(f"{d.id}: no goal for chain {ci}, step {si}")


def _symbols_of(*sides: Any) -> list[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for side in sides:
        parts = side if isinstance(side, tuple) else (side,)
        for p in parts:
            e = p.equation if isinstance(p, Identically) else p
            out |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
    return sorted(out, key=sp.default_sort_key)


def mutants_of(d: Derivation) -> list[Mutant]:
    """Every distinct, well-formed mutant of every step of ``d``."""
    out: list[Mutant] = []
    for ci, chain in enumerate(d.chains):
        prev: Any = chain.start
        for si, step in enumerate(chain.steps):
            original = _goal_of(d, ci, si)
            pool = _symbols_of(prev, step.expr)
            seen = {_canon(step.expr), _canon(prev)}
            n = 0
            for cat, what, new in mutations(step.expr, pool):
                key = _canon(new)
                if key in seen or not _well_formed(step.expr, new):
                    continue
                seen.add(key)
                goal = _goal_of(_with_step(d, ci, si, new), ci, si)
                out.append(
                    Mutant(
                        id=f"{d.id}/{ci + 1}.{si + 1}#{n}",
                        derivation=d.id,
                        chain=ci,
                        step=si,
                        category=cat,
                        description=what,
                        goal=goal,
                        original=original,
                        problem=ill_formed(goal),
                    )
                )
                n += 1
            prev = step.expr
    return out


def library_mutants(
    *, seed: int = 0, limit: int | None = None, derivations: Sequence[Derivation] | None = None
) -> list[Mutant]:
    """Mutants of the library; with ``limit``, a sample balanced over the
    categories (deterministic for a seed), in a stable order."""
    if derivations is None:
        from symproofs.library import derivations as library

        derivations = library()
    every = [m for d in derivations for m in mutants_of(d)]
    if limit is None or limit >= len(every):
        return every
    rng = random.Random(seed)
    by_cat: dict[str, list[Mutant]] = defaultdict(list)
    for m in every:
        by_cat[m.category].append(m)
    for ms in by_cat.values():
        rng.shuffle(ms)
    picked: list[Mutant] = []
    cats = sorted(by_cat)
    while len(picked) < limit:
        for c in cats:
            if by_cat[c] and len(picked) < limit:
                picked.append(by_cat[c].pop())
    order = {m.id: i for i, m in enumerate(every)}
    return sorted(picked, key=lambda m: order[m.id])


# -- screening: may the mutant be a true step? -------------------------------
@dataclass(frozen=True)
class Screen:
    """``holds``: the step held at every point (set aside); ``fails``: a point
    where it fails (``witness``); ``inconclusive``: too few points."""

    status: str
    points: int
    witness: str = ""


def _compare(a: sp.Basic, b: sp.Basic, relation: Relation) -> bool | None:
    """Whether ``a relation b`` holds (exactly where possible), None if the
    values cannot be compared."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if relation is not Relation.EQ or not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)):
            return None
        if a.shape != b.shape:
            return False
        verdicts = [_compare(x, y, relation) for x, y in zip(a, b, strict=False)]
        if any(v is False for v in verdicts):
            return False
        return None if any(v is None for v in verdicts) else True
    if not isinstance(a, sp.Expr) or not isinstance(b, sp.Expr):
        return None
    if a.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or b.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    if a.free_symbols or b.free_symbols:
        return None
    d = a - b if (a.is_Rational and b.is_Rational) else sp.nsimplify(sp.expand(a - b), rational=False)
    if not d.is_Rational:
        try:
            d = d.evalf(60, strict=True)
        except Exception:
            return None
        if relation is not Relation.EQ and not d.is_real:
            return None
        if abs(d) < sp.Float("1e-40"):
            d = sp.S.Zero  # treat as equal: only ever sets a mutant aside
    if relation is Relation.EQ:
        return bool(d == 0)
    if not d.is_real:
        return None
    return bool({Relation.LE: d <= 0, Relation.LT: d < 0, Relation.GE: d >= 0, Relation.GT: d > 0}[relation])


def _relevant_givens(goal: Goal) -> tuple[Given, ...]:
    """The givens connected to the step: an equation whose left side shares a
    symbol or function with the step (or with a given already connected),
    any other relation sharing one. A given about other quantities, or a
    matrix definition in a scalar step, cannot change the step's truth and
    must not veto every point."""

    def names(e: sp.Basic) -> set[sp.Basic]:
        return (
            set(e.free_symbols)
            | {f.func for f in e.atoms(AppliedUndef)}
            | {f.func for f in e.atoms(sp.Function) if not isinstance(f, AppliedUndef)}
            - {sp.Abs, sp.Max, sp.Min, sp.exp, sp.log, sp.sqrt}
        )

    seen = names(goal.lhs) | names(goal.rhs)
    pending = [g for g in goal.context.givens if not g.statement.has(sp.MatrixExpr)]
    chosen: list[Given] = []
    grew = True
    while grew:
        grew = False
        for g in list(pending):
            own = names(g.statement) - ({g.index} if g.index is not None else set())
            # An equation is about its left side (E[U] = an integral in alpha and
            # beta says nothing about a step in alpha and beta alone).
            subject = names(g.statement.lhs) if isinstance(g.statement, sp.Eq) else own
            if subject & seen:
                chosen.append(g)
                pending.remove(g)
                seen |= own
                grew = True
    return tuple(g for g in goal.context.givens if g in chosen)


def _givens_hold(probe: Probe, point: Any, functions: dict[sp.Basic, sp.Basic], rng: random.Random) -> bool:
    for g in probe.givens:
        st = g.statement
        if g.index is not None or not isinstance(st, sp.Rel):
            continue
        if isinstance(st, sp.Eq) and isinstance(st.lhs, (sp.Symbol, sp.MatrixSymbol, AppliedUndef)):
            continue  # a definition, applied by rewriting
        others = tuple(h for h in probe.givens if h is not g)  # never the hypothesis itself
        rel = {
            sp.Eq: Relation.EQ,
            sp.LessThan: Relation.LE,
            sp.StrictLessThan: Relation.LT,
            sp.GreaterThan: Relation.GE,
            sp.StrictGreaterThan: Relation.GT,
        }.get(type(st))
        if rel is None:
            return False
        try:
            ok = _compare(
                probe.evaluate(st.lhs, point, functions, rng, givens=others),
                probe.evaluate(st.rhs, point, functions, rng, givens=others),
                rel,
            )
        except Exception:
            return False
        if ok is not True:
            return False
    return True


def _statement_equations(side: Any) -> list[sp.Expr] | None:
    out: list[sp.Expr] = []
    for part in side if isinstance(side, tuple) else (side,):
        if isinstance(part, Identically):
            poly = sp.Poly(sp.expand(part.equation.lhs - part.equation.rhs), *part.variables)
            out.extend(poly.coeffs())
        elif isinstance(part, sp.And):
            sub = _statement_equations(tuple(part.args))
            if sub is None:
                return None
            out.extend(sub)
        elif isinstance(part, sp.Eq):
            out.append(sp.together(part.lhs - part.rhs))
        else:
            return None
    return out


def _opaque_atoms(goal: Goal, *systems: list[sp.Expr]) -> list[list[sp.Expr]]:
    """The systems in the algebras' normal form (``E[c + X]`` is ``c + E[X]``),
    with each remaining domain atom (``E[W]``, ``Var(W)``) a fresh unknown."""
    atoms: dict[sp.Basic, sp.Symbol] = {}

    def opaque(e: sp.Expr) -> sp.Expr:
        for alg in goal.context.algebras:
            e = alg.reduce(e)
        for f in sorted(e.atoms(sp.Function), key=sp.default_sort_key):
            if f.free_symbols and not isinstance(f, (sp.Abs, sp.exp, sp.log, sp.Pow)):
                atoms.setdefault(f, sp.Symbol(f"atom{len(atoms)}_", real=True))
        return sp.expand(e.xreplace(atoms))

    return [[opaque(e) for e in system] for system in systems]


def _screen_statements(goal: Goal, rng: random.Random) -> Screen:
    """``lhs => rhs`` (or ``<=>``) between systems of equations: sample the
    solutions of one side (by solving it) and test the other there."""
    lhs, rhs = _statement_equations(goal.lhs), _statement_equations(goal.rhs)
    if lhs is None or rhs is None:
        return Screen("inconclusive", 0)
    if goal.context.algebras:
        try:
            lhs, rhs = _opaque_atoms(goal, lhs, rhs)
        except Exception:
            return Screen("inconclusive", 0)
    directions = [(lhs, rhs)] + ([(rhs, lhs)] if goal.relation is Relation.IFF else [])
    least = POINTS
    for premise, conclusion in directions:
        checked = 0
        syms = sorted(set().union(*(e.free_symbols for e in premise + conclusion)), key=sp.default_sort_key)
        solutions: list[dict[sp.Basic, sp.Basic]] = []
        reals = [x for x in syms if not x.is_integer]  # solved for first: an integer rarely solves
        for unknowns in dict.fromkeys((tuple(reals), tuple(syms))):
            try:
                solutions = sp.solve(premise, list(unknowns), dict=True) if unknowns else []
            except Exception:
                solutions = []
            if solutions:
                break
        if not solutions:
            return Screen("inconclusive", 0)
        for trial in range(POINTS * 10):
            if checked >= POINTS:
                break
            sol = solutions[trial % len(solutions)]
            free = sorted(set(syms) - set(sol), key=sp.default_sort_key)
            wide = trial % 3 == 0  # two points in three near 0 (premises such as d (mu^2 + s2) = 1)
            values = {s: sp.Integer(rng.randint(1 if s.is_positive else -6, 6)) if s.is_integer
                      else sp.Rational(rng.randint(-30, 30), rng.randint(1, 7)) if wide
                      else sp.Rational(rng.randint(-4, 4), rng.randint(2, 12)) for s in free}
            point = {s: sp.sympify(v).xreplace(values) for s, v in sol.items()} | values
            try:
                if any(not _admissible(s, v) for s, v in point.items()):
                    continue
                if any(c.xreplace(point) is not sp.true for c in goal.context.facts.constraints):
                    continue
                vals = [sp.simplify(e.xreplace(point)) for e in conclusion]
            except Exception:
                continue
            if any(v.has(sp.nan, sp.zoo) for v in vals):
                continue
            checked += 1
            if any(v != 0 and v.is_zero is False for v in vals):
                return Screen("fails", checked, f"at {point}")
        least = min(least, checked)
    return Screen("holds" if least >= MIN_POINTS else "inconclusive", least)


def _admissible(sym: sp.Basic, value: sp.Basic) -> bool:
    for name, ok in (
        ("positive", value.is_positive),
        ("nonnegative", value.is_nonnegative),
        ("negative", value.is_negative),
        ("integer", value.is_integer),
        ("real", value.is_real),
        ("nonzero", value.is_nonzero),
    ):
        if sym.assumptions0.get(name) and ok is not True:
            return False
    return True


def _has_matrices(goal: Goal) -> bool:
    for side in (goal.lhs, goal.rhs):
        for part in side if isinstance(side, tuple) else (side,):
            e = part.equation if isinstance(part, Identically) else part
            if isinstance(e, sp.Basic) and any(isinstance(x, sp.MatrixExpr) for x in sp.preorder_traversal(e)):
                return True
    return False


#: Matrix steps are compared at every shape with each dimension in 1..MATRIX_DIM
#: (one more than the matrix algebra's own instances).
MATRIX_DIM = 4
#: ... within this many seconds (the larger shapes are skipped after it).
MATRIX_SECONDS = 6.0


def _shapes(count: int) -> list[tuple[int, ...]]:
    """Every shape with each of ``count`` dimensions in 1..MATRIX_DIM, those
    with the smallest largest dimension first."""
    return sorted(
        itertools.product(range(1, MATRIX_DIM + 1), repeat=count), key=lambda v: (max(v, default=0), sum(v), v)
    )


def _matrix_algebra(goal: Goal) -> Any:
    """The goal's matrix algebra (the one that checks instances), if any."""
    return next((a for a in goal.context.algebras if hasattr(a, "check_instance")), None)


def _screen_matrices(goal: Goal, rng: random.Random) -> Screen:
    """A step between matrix expressions (or scalars built from them), at
    concrete shapes with the matrix algebra's explicit evaluator (entries are
    symbols): an equation is compared entry by entry, exactly, at every
    shape with each dimension in ``1..MATRIX_DIM``; an inequality at random
    rational entries; a logical step as the systems of its entries."""
    alg = _matrix_algebra(goal)
    if alg is None:
        return Screen("inconclusive", 0)
    dims = alg.dims_of(goal)
    if goal.relation is Relation.EQ:
        checked = 0
        started = time.perf_counter()
        for values in _shapes(len(dims))[:24]:
            if time.perf_counter() - started > MATRIX_SECONDS:
                # Out of time: enough only if every shape the verifier tries was covered.
                return Screen("holds" if max(values, default=0) > MATRIX_DIM - 1 else "inconclusive", checked)
            for index in alg.index_assignments(goal):
                subs: dict[sp.Basic, Any] = {d: sp.Integer(v) for d, v in zip(dims, values, strict=True)}
                subs.update(index)
                try:
                    result = alg.check_instance(goal, subs)
                except Exception:
                    result = None
                if result is None:
                    return Screen("inconclusive", checked)
                checked += 1
                if not result[0]:
                    # Entries not shown equal: a failure only with concrete matrices that differ.
                    where = ", ".join(f"{k} = {v}" for k, v in subs.items())
                    try:
                        cx = alg.refute(goal, subs, *result[1:])
                    except Exception:
                        cx = None
                    if cx is None:
                        return Screen("inconclusive", checked, f"entries not shown equal at {where}")
                    return Screen("fails", checked, f"at {where}: {cx.describe()[:300]}")
        return Screen("holds", checked) if checked else Screen("inconclusive", 0)
    shapes = [v for v in _shapes(len(dims)) if min(v, default=2) >= 2][:3] or [()]
    if goal.relation.is_logical:
        return _screen_matrix_statements(goal, alg, dims, rng)
    if goal.relation.is_order:
        return _screen_matrix_order(goal, alg, dims, shapes, rng)
    return Screen("inconclusive", 0)


def _explicit(goal: Goal, alg: Any, dims: Sequence[sp.Symbol], values: Sequence[int], side: Any) -> Any:
    subs = {d: sp.Integer(v) for d, v in zip(dims, values, strict=True)}
    return alg.explicit(goal, subs).value(side.xreplace(subs))


def _random_value(sym: sp.Basic, rng: random.Random) -> sp.Rational:
    if sym.is_integer:
        return sp.Integer(rng.randint(1, 4) if sym.is_positive else rng.randint(-3, 4))
    value = sp.Rational(rng.randint(1, 40), rng.randint(1, 8))
    if sym.is_positive or sym.is_nonnegative:
        return value
    return value if rng.random() < 0.5 else -value


def _screen_matrix_order(
    goal: Goal, alg: Any, dims: Sequence[sp.Symbol], shapes: list[tuple[int, ...]], rng: random.Random
) -> Screen:
    checked = 0
    for values in shapes:
        try:
            a = _explicit(goal, alg, dims, values, goal.lhs)
            b = _explicit(goal, alg, dims, values, goal.rhs)
        except Exception:
            return Screen("inconclusive", checked)
        if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
            return Screen("inconclusive", checked)
        a, b = sp.sympify(a), sp.sympify(b)
        if (a.atoms(sp.Function) | b.atoms(sp.Function)) - (a.atoms(sp.Abs) | b.atoms(sp.Abs)):
            return Screen("inconclusive", checked)
        symbols = sorted(a.free_symbols | b.free_symbols, key=sp.default_sort_key)
        here = 0
        for _ in range(POINTS * 4):
            if here >= -(-POINTS // len(shapes)):
                break
            point = {x: _random_value(x, rng) for x in symbols}
            if any(c.xreplace(point) is not sp.true for c in goal.context.facts.constraints):
                continue
            ok = _compare(a.xreplace(point), b.xreplace(point), goal.relation)
            if ok is None:
                continue
            checked += 1
            here += 1
            if ok is False:
                return Screen("fails", checked, f"at shape {values}: {point}")
    return Screen("holds" if checked >= MIN_POINTS else "inconclusive", checked)


def _screen_matrix_statements(goal: Goal, alg: Any, dims: Sequence[sp.Symbol], rng: random.Random) -> Screen:
    """Each matrix equation becomes the equations of its entries at the
    shape with every dimension 1 (larger shapes make systems too large to
    solve), then as :func:`_screen_statements`. Agreement at one shape is
    too weak to set a mutant aside: it is then ``inconclusive``."""
    ones = tuple(1 for _ in dims)

    def entries(side: Any) -> tuple[sp.Basic, ...] | None:
        out: list[sp.Basic] = []
        for part in side if isinstance(side, tuple) else (side,):
            if not isinstance(part, sp.Eq):
                return None
            diff = _explicit(goal, alg, dims, ones, part.lhs - part.rhs)
            cells = list(diff) if isinstance(diff, sp.MatrixBase) else [diff]
            out.extend(sp.Eq(sp.expand(c), 0) for c in cells)
        return tuple(out)

    try:
        lhs, rhs = entries(goal.lhs), entries(goal.rhs)
    except Exception:
        return Screen("inconclusive", 0)
    if lhs is None or rhs is None:
        return Screen("inconclusive", 0)
    sc = _screen_statements(replace(goal, lhs=lhs, rhs=rhs), rng)
    if sc.status == "fails":
        return sc
    return _screen_implications(goal, alg) or Screen("inconclusive", sc.points, "agrees at the 1x1 shape")


def _screen_implications(goal: Goal, alg: Any) -> Screen | None:
    """A logical step between matrix equations on concrete models (larger
    shapes) where its premise holds, each direction of ``<=>`` on its own."""
    from symproofs.matrices.implications import implications_on_models

    try:
        found = implications_on_models(alg, goal, POINTS * 2)
    except Exception:
        return None
    if any(not holds for _, holds in found):
        return Screen("fails", len(found), "fails on a concrete model where the premise holds")
    directions = (False, True) if goal.relation is Relation.IFF else (False,)
    least = min(sum(converse == d for converse, _ in found) for d in directions)
    return Screen("holds", least, "holds on every concrete model") if least >= MIN_POINTS else None


def _screen_matrix_models(goal: Goal, seed: int, earlier: Screen) -> Screen:
    """A matrix step the explicit evaluation could not decide (expectations
    of random matrices, norms, Jacobians of a recurrence), evaluated on
    concrete models in which every hypothesis holds (the matrix algebra's
    models: small shapes, rational matrices, polynomial activations,
    Rademacher entries for random matrices known by their moments)."""
    from symproofs.matrices.models import holds_on_models

    alg = _matrix_algebra(goal)
    if alg is None:
        return earlier
    verdicts: list[bool] = []
    for count in (POINTS * 2, POINTS * 20):  # more models when the hypotheses leave few
        try:
            verdicts = holds_on_models(alg, goal, count, seed=seed)
        except Exception:
            return earlier
        if False in verdicts or len(verdicts) >= MIN_POINTS or not verdicts:
            break
    if False in verdicts:
        return Screen("fails", len(verdicts), "fails on a concrete model that satisfies the hypotheses")
    if len(verdicts) >= MIN_POINTS:
        return Screen("holds", len(verdicts), "holds on every concrete model")
    return earlier


def screen(goal: Goal, *, seed: int) -> Screen:
    """Evaluate the step ``goal`` exactly at random admissible points (for
    matrix equations: entrywise at every small shape; then, when that is
    inconclusive, on concrete models that satisfy the hypotheses)."""
    rng = random.Random(seed)
    if _has_matrices(goal):
        found = _screen_matrices(goal, rng)
        return found if found.status != "inconclusive" else _screen_matrix_models(goal, seed, found)
    if goal.relation.is_logical:
        return _screen_statements(goal, rng)
    if goal.relation is Relation.TENDS:
        return Screen("inconclusive", 0)
    ctx = goal.context
    givens = _relevant_givens(goal)
    probe = Probe(facts=ctx.facts, givens=givens, algebras=ctx.algebras, seed=seed, trials=POINTS * 2,
                  lemmas=ctx.lemmas)
    # The probe's own choice: the step's symbols, the givens' and lemmas', and
    # the parameters of the laws a side's expectations bring in (a symbolic mean).
    symbols = probe.comparison_symbols(goal.lhs, goal.rhs)
    checked = 0
    for point in probe.points(symbols):
        functions: dict[sp.Basic, sp.Basic] = {}
        try:
            if not _givens_hold(probe, point, functions, rng):
                continue
            a = probe.evaluate(goal.lhs, point, functions, rng)
            b = probe.evaluate(goal.rhs, point, functions, rng)
            ok = _compare(a, b, goal.relation)
        except Exception:
            continue
        if ok is None:
            continue
        checked += 1
        if ok is False:
            where = ", ".join(f"{sp.sstr(k)}={sp.sstr(v)}" for k, v in point.values.items())
            return Screen("fails", checked, f"at {where}: left = {sp.sstr(a)}, right = {sp.sstr(b)}")
        if checked >= POINTS:
            break
    return Screen("holds" if checked >= MIN_POINTS else "inconclusive", checked)


# -- the run ------------------------------------------------------------------
@dataclass
class Report:
    candidates: int = 0
    set_aside: int = 0
    ill_formed: list[Mutant] = field(default_factory=list)
    verified: list[tuple[Mutant, Screen, StepResult]] = field(default_factory=list)
    aside_results: list[tuple[Mutant, Screen, StepResult]] = field(default_factory=list)
    original_disagrees: list[str] = field(default_factory=list)
    screen_seconds: float = 0.0
    verify_seconds: float = 0.0

    def count(self, verdict: Verdict) -> int:
        return sum(r.verdict is verdict for _, _, r in self.verified)

    def summary(self) -> dict[str, Any]:
        by_cat: dict[str, Counter[str]] = defaultdict(Counter)
        by_derivation: dict[str, Counter[str]] = defaultdict(Counter)
        unknown_why: Counter[str] = Counter()
        for m, sc, r in self.verified:
            by_cat[m.category][r.verdict.value] += 1
            by_derivation[m.derivation][r.verdict.value] += 1
            if r.verdict is Verdict.UNKNOWN:
                unknown_why[f"{m.category}: {r.method} (screen {sc.status})"] += 1
        n = len(self.verified)
        refuted = self.count(Verdict.REFUTED)
        return {
            "mutants": n,
            "false_proved": self.count(Verdict.PROVED),
            "refuted": refuted,
            "unknown": self.count(Verdict.UNKNOWN),
            "refuted_pct": round(100.0 * refuted / n, 2) if n else None,
            "set_aside": self.set_aside,
            "ill_formed": len(self.ill_formed),
            "candidates": self.candidates,
            "seconds": round(self.screen_seconds + self.verify_seconds, 2),
            "verify_seconds": round(self.verify_seconds, 2),
            "screen_seconds": round(self.screen_seconds, 2),
            "by_category": {c: dict(v) for c, v in sorted(by_cat.items())},
            "by_derivation": {c: dict(v) for c, v in sorted(by_derivation.items())},
            "set_aside_verdicts": dict(Counter(r.verdict.value for _, _, r in self.aside_results)),
            "set_aside_refuted": [m.id for m, _, r in self.aside_results if r.verdict is Verdict.REFUTED],
            "unknown_reasons": dict(unknown_why.most_common()),
            "screen_inconclusive": sum(sc.status == "inconclusive" for _, sc, _ in self.verified),
            "original_disagrees": self.original_disagrees,
            "proved": [m.id for m, _, r in self.verified if r.verdict is Verdict.PROVED],
            "false_proved_witnessed": sum(
                r.verdict is Verdict.PROVED and sc.status == "fails" for _, sc, r in self.verified
            ),
        }


def _seed_of(m: Mutant, seed: int) -> int:
    return zlib.crc32(f"{seed}:{m.id}".encode()) & 0x7FFFFFFF


def run(
    mutants: Sequence[Mutant],
    *,
    jobs: int = 2,
    timeout: float = 20.0,
    memory_mb: int = 2048,
    seed: int = 0,
    check_set_aside: bool = True,
    log: Any = None,
) -> Report:
    """Screen every mutant, then verify those that are not set aside (and,
    with ``check_set_aside``, the set-aside ones too, as a cross-check: a
    step that held at every point should never be refuted)."""
    report = Report(candidates=len(mutants))
    started = time.perf_counter()
    report.ill_formed = [m for m in mutants if m.problem]
    mutants = [m for m in mutants if not m.problem]
    originals = {(m.derivation, m.chain, m.step): m.original for m in mutants}
    keys = list(originals)

    def screen_task(i: int) -> Screen:
        if i < len(keys):
            return screen(originals[keys[i]], seed=seed + 17)
        m = mutants[i - len(keys)]
        return screen(m.goal, seed=_seed_of(m, seed))

    screens: list[Screen] = run_tasks(
        len(keys) + len(mutants),
        screen_task,
        jobs=jobs,
        timeout=timeout,
        memory_mb=memory_mb,
        on_failure=lambda i, kind, msg: Screen("inconclusive", 0, f"{kind}: {msg}"),
    )
    bad_originals = {k for k, sc in zip(keys, screens, strict=False) if sc.status == "fails"}
    report.original_disagrees = [
        f"{k[0]} chain {k[1] + 1} step {k[2] + 1}: {sc.witness}"
        for k, sc in zip(keys, screens, strict=False)
        if sc.status == "fails"
    ]
    todo: list[tuple[Mutant, Screen]] = []
    aside: list[tuple[Mutant, Screen]] = []
    for m, sc in zip(mutants, screens[len(keys) :], strict=False):
        if (m.derivation, m.chain, m.step) in bad_originals:
            sc = Screen("inconclusive", sc.points, "the evaluator disagrees with the original step")
        (aside if sc.status == "holds" else todo).append((m, sc))
    report.set_aside = len(aside)
    if check_set_aside:
        todo.extend(aside)
    report.screen_seconds = time.perf_counter() - started
    if log is not None:
        print(
            f"screened {len(mutants)} mutants in {report.screen_seconds:.1f} s: "
            f"{report.set_aside} set aside, {len(todo)} to verify",
            file=log,
            flush=True,
        )

    def verify_task(i: int) -> StepResult:
        return check_goal(todo[i][0].goal)

    def failed(i: int, kind: str, message: str) -> StepResult:
        from symproofs.core.results import Trust

        method = {"timeout": "time limit", "memory": "memory limit"}.get(kind, "worker failure")
        return StepResult(verdict=Verdict.UNKNOWN, method=method, trust=Trust.NONE, message=message)

    done = [0]

    def progress(i: int, r: StepResult) -> None:
        done[0] += 1
        if log is not None and r.verdict is Verdict.PROVED:
            print(
                f"PROVED MUTANT {todo[i][0].describe()}\n    screen: {todo[i][1]}\n    by: {r.method}",
                file=log,
                flush=True,
            )
        if log is not None and done[0] % 100 == 0:
            print(f"verified {done[0]}/{len(todo)}", file=log, flush=True)

    started = time.perf_counter()
    results = run_tasks(
        len(todo),
        verify_task,
        jobs=jobs,
        timeout=timeout,
        memory_mb=memory_mb,
        on_failure=failed,
        on_result=progress,
    )
    report.verify_seconds = time.perf_counter() - started
    report.verified = [(m, sc, r) for (m, sc), r in zip(todo, results, strict=False) if sc.status != "holds"]
    report.aside_results = [(m, sc, r) for (m, sc), r in zip(todo, results, strict=False) if sc.status == "holds"]
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TARGET",
        help="derivation ids, questions or modules (default: the library)",
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N mutants (balanced sample)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample and of the screening points")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="worker processes (2)")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="S", help="time limit per mutant (20 s)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--show-unknown", action="store_true", help="print every unknown mutant")
    parser.add_argument(
        "--skip-set-aside",
        action="store_true",
        help="do not cross-check the set-aside mutants with the verifier",
    )
    args = parser.parse_args(argv)
    from symproofs.loader import load

    mutants = library_mutants(seed=args.seed, limit=args.limit, derivations=load(args.targets))
    if args.list:
        for m in mutants:
            print(f"{m.id} [{m.category}] {m.description}")
        return 0
    report = run(
        mutants,
        jobs=args.jobs,
        timeout=args.timeout,
        seed=args.seed,
        check_set_aside=not args.skip_set_aside,
        log=sys.stderr,
    )
    summary = report.summary()
    for m, sc, r in report.aside_results:
        if r.verdict is Verdict.REFUTED:
            print(f"REFUTED, yet held at every screening point {m.describe()}\n    screen: {sc}\n    {r.describe()}")
    if args.show_unknown:
        for m in report.ill_formed:
            print(f"ill-formed {m.id} [{m.category}] {m.description}: {m.problem}")
    for m, sc, r in report.verified:
        if r.verdict is Verdict.PROVED:
            print(f"PROVED (soundness bug?) {m.describe()}\n    screen: {sc}\n    method: {r.method}")
        elif args.show_unknown and r.verdict is Verdict.UNKNOWN:
            print(f"unknown {m.describe()}\n    screen: {sc}\n    method: {r.method} {r.message}")
    n = summary["mutants"]
    print(
        f"{n} mutants verified ({summary['ill_formed']} of {summary['candidates']} left out as ill-formed, "
        f"{summary['set_aside']} set aside as true): "
        f"{summary['refuted']} refuted ({summary['refuted_pct']}%), {summary['unknown']} unknown, "
        f"{summary['false_proved']} proved; {summary['seconds']} s"
    )
    for cat, counts in summary["by_category"].items():
        print(f"  {cat:<17} {dict(counts)}")
    for did, counts in summary["by_derivation"].items():
        print(f"  {did:<32} {dict(counts)}")
    print(f"set aside, cross-checked: {summary['set_aside_verdicts']}")
    if summary["original_disagrees"]:
        print("the evaluator disagrees with these library steps:", *summary["original_disagrees"], sep="\n  ")
    if args.json:
        print(json.dumps(summary, sort_keys=True))
    return 1 if summary["false_proved"] else 0


if __name__ == "__main__":
    sys.exit(main())
