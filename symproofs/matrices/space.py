"""The matrix algebra: vectors and matrices with symbolic shapes.

:class:`MatrixAlgebra` checks a step between matrix expressions (or scalars
built from them) with three strategies, cheapest first:

1. **symbolic dimension**: normal forms (:mod:`symproofs.matrices.forms`),
   rewriting with the givens, and gradients by sympy's matrix calculus
   (:mod:`symproofs.matrices.calculus`); a proof here holds for every shape
   (trust ``symbolic``);
2. **instances**: every shape with each dimension in ``1..max_dim``, matrices
   of symbolic entries, compared entry by entry by exact algebra
   (:mod:`symproofs.matrices.instances`); the step is proved for exactly
   those shapes (trust ``instances``, listing them);
3. **refutation**: where an entry differs, concrete rational matrices are
   drawn and the step re-evaluated from scratch; a difference there is an
   exact counterexample.

Inequalities, limits and logical steps between matrix equations are in
:mod:`symproofs.matrices.bounds`; the configuration and the symbolic forms
that the strategies share in :mod:`symproofs.matrices.setting`.

>>> import sympy as sp
>>> from symproofs.core.model import Chain, Derivation, Relation, Step
>>> from symproofs.verifier.pipeline import verify
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
>>> d = Derivation(id="t", title="Transpose", question="Q0", algebras=(MatrixAlgebra(),),
...     chains=(Chain(start=(A*B).T, steps=(Step(Relation.EQ, A.T*B.T, "transpose"),)),))
>>> r = verify(d, isolate=False).chains[0].steps[0]
>>> r.verdict, r.counterexample.assignment[0][0]
(<Verdict.REFUTED: 'refuted'>, n)
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.core.goals import BUDGET, Algebra, Goal, Outcome
from symproofs.core.model import Relation, flatten_side
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.matrices.bounds import lemma_rewriting, limit
from symproofs.matrices.bounds import logical_strategies as equation_strategies
from symproofs.matrices.bounds import order_strategies as bound_strategies
from symproofs.matrices.calculus import IllShaped, Unsupported
from symproofs.matrices.definitions import definitions_of, with_definitions
from symproofs.matrices.degree import sizes_needed as degree_sizes
from symproofs.matrices.degree import symbol_top, value_degree
from symproofs.matrices.dimensions import as_number, exponent_in, marked_indices, size_dependent, step_parts, tied_names
from symproofs.matrices.domain import definitions_used, undefined_at
from symproofs.matrices.forms import contains_matrix, quick_diag
from symproofs.matrices.functions import X, respecting_model
from symproofs.matrices.implications import logical_model_strategies
from symproofs.matrices.instances import Explicit, OpaqueCall, PartialSymbol, entry_zero, sigmoid_numeric
from symproofs.matrices.linalg import SeqTerm, is_matrix, shape_problem, sides_problem
from symproofs.matrices.models import model_strategies, refute_on_models
from symproofs.matrices.polynomials import entry_degree, poly_equal
from symproofs.matrices.realness import norm_problem
from symproofs.matrices.setting import MatrixSetting, Unroll, with_assumed_givens

__all__ = ["MatrixAlgebra", "Unroll"]

#: The instances above ``max_dim`` checked exactly (symbolic entries) when a
#: step's degree asks for them: sizes up to this, at most that many shapes.
_EXACT_TOP = 4
_EXACT_SHAPES = 24
#: The largest size at which random integer matrices try to refute it.
_NUMERIC_TOP = 12

#: Models drawn to cross-examine a proved matrix step.
_CROSS_MODELS = 2


def _default_model(f: Any) -> sp.Lambda:
    return sp.Lambda(X, X**3 / 3 + X / 2 + 1)


class MatrixAlgebra(MatrixSetting, Algebra):
    """Matrices with symbolic shapes.

    ``dims``: the dimension symbols checked on instances (by default every
    positive integer symbol in a shape); ``max_dim``: instances use each
    dimension in ``1..max_dim``; ``masks``: Bernoulli keep-masks and their
    keep-probability (``{R: p}``); ``random``: other random matrices
    (expectation is linear in them; their moments come from the givens);
    ``derivatives``: elementwise functions and their derivatives
    (``{sigma: dsigma}``); ``unroll``: how to check steps about sequences;
    ``budget``: seconds the instance check may take before giving up.
    """

    name = "matrices"

    # -- Algebra hooks -------------------------------------------------------
    def owns(self, expr: sp.Basic) -> bool:
        return isinstance(expr, sp.Basic) and contains_matrix(expr)

    def lawful_matrices(self) -> frozenset[sp.Basic]:
        return frozenset(m for m, _ in self.config.masks)

    def reduce(self, expr: sp.Basic) -> sp.Basic:
        if not self.owns(expr):
            return expr
        try:
            return self.forms.normal(expr)
        except (Unsupported, TypeError, ValueError, AttributeError, NotImplementedError):
            return expr

    def ill_formed(self, goal: Goal) -> str | None:
        sides = (*flatten_side(goal.lhs), *flatten_side(goal.rhs))
        for e in (*sides, *(g.statement for g in goal.context.givens)):
            problem = shape_problem(e)
            if problem is not None:
                return problem
        return None if goal.relation.is_logical else sides_problem(goal.lhs, goal.rhs)

    def existence_problem(self, goal: Goal) -> str | None:
        """The inverse of a product whose rank is provably below its size
        (``(X X^T)^{-1}`` for ``X`` of shape ``m x d`` with ``d < m``): it never
        exists, and a step through it has no instance."""
        facts = goal.context.facts
        sides = (*flatten_side(goal.lhs), *flatten_side(goal.rhs))
        unreal = norm_problem(goal)
        if unreal is not None:
            return unreal
        for side in sides:
            if not isinstance(side, sp.Basic):
                continue
            for inv in side.atoms(sp.Inverse, sp.MatPow):
                if isinstance(inv, sp.MatPow) and inv.exp.is_negative is not True:
                    continue
                m = inv.args[0]
                if not isinstance(m, sp.MatMul):
                    continue
                dims = [d for f in m.args if isinstance(f, MatrixExpr) for d in f.shape]
                narrow = next((d for d in dims if facts.decide(sp.Lt(d, m.rows)) is True), None)
                if narrow is not None:
                    return (f"the inverse of {sp.sstr(m)} never exists: its rank is at most {sp.sstr(narrow)}, "
                            f"below its size {sp.sstr(m.rows)}")
        return None

    def strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (
            ("matrix normal form", self.symbolic),
            ("limit", limit),
            ("matrix instances", self.on_instances),
            *model_strategies(self),
        )

    def order_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (*bound_strategies(self), *model_strategies(self))

    def logical_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (*equation_strategies(self), *logical_model_strategies(self))

    def cross_examine(self, goal: Goal) -> Counterexample | None:
        """A few concrete models (the refutation's machinery, fewer draws)."""
        out = refute_on_models(self, goal, attempts=_CROSS_MODELS)
        return None if out is None else out.counterexample

    def declared_symbols(self) -> frozenset[sp.Basic]:
        c = self.config
        found: set[sp.Basic] = set(c.dims)
        for item in (*(x for pair in c.masks for x in pair), *c.random):
            found |= sp.sympify(item, strict=True).free_symbols
        if c.unroll is not None:
            found |= {c.unroll.horizon} | {s for s, _, _ in c.unroll.ranges}
        return frozenset(x for x in found if isinstance(x, sp.Symbol))

    def declared_terms(self) -> frozenset[object]:
        """The declared names, the masks, random matrices and their laws as
        written, and the elementwise functions with their derivatives."""
        c = self.config
        written: set[object] = {x for pair in (*c.masks, *c.derivatives) for x in pair} | set(c.random)
        return super().declared_terms() | frozenset(written)

    def fingerprint(self) -> str:
        c = self.config
        return "matrices:" + str(sp.sstr((c.dims, c.max_dim, c.masks, c.random, c.derivatives,
                                          c.unroll, c.budget)))

    # -- strategy 1: symbolic dimension -----------------------------------------------
    def symbolic(self, goal: Goal, state: object) -> Outcome | None:
        if goal.relation is not Relation.EQ or not (self.owns(goal.lhs) or self.owns(goal.rhs)):
            return None
        diff = _difference(goal.lhs, goal.rhs)
        if diff is None:
            return None
        with quick_diag():
            for method, form in self.symbolic_forms(goal, diff):
                if self.forms.is_zero(form):
                    return Outcome(verdict=Verdict.PROVED, method=method, trust=Trust.SYMBOLIC)
        return lemma_rewriting(self, goal)

    # -- strategies 2 and 3: instances and refutation -------------------------------------
    def index_assignments(self, goal: Goal) -> list[dict[sp.Basic, sp.Basic]]:
        u = self.config.unroll
        if u is None:
            return [{}]
        free = _free(goal.lhs) | _free(goal.rhs)
        choices: list[list[tuple[sp.Symbol, int]]] = [[(u.horizon, u.length)]]
        for sym, lo, hi in u.ranges:
            if sym in free:
                a = int(sp.sympify(lo, strict=True).xreplace({u.horizon: u.length}))
                b = int(sp.sympify(hi, strict=True).xreplace({u.horizon: u.length}))
                choices.append([(sym, v) for v in range(a, b + 1)])
        return [dict(c) for c in itertools.product(*choices)]

    def describe(self, dims: tuple[sp.Symbol, ...], goal: Goal, top: int | None = None,
                 checked: Sequence[tuple[int, ...]] | None = None) -> str:
        """The shapes checked: every value of ``dims`` in ``1..top``, or the
        ``checked`` ones (those the assumptions admit) when fewer."""
        names = ", ".join(str(d) for d in dims)
        top = top or self.config.max_dim
        text = f"all shapes with {names} in 1..{top}" if dims else "the stated shapes"
        if dims and checked is not None and len(checked) < top ** len(dims):
            shown = ", ".join(str(v[0]) if len(v) == 1 else str(v) for v in checked)
            text = f"the shapes with {names if len(dims) == 1 else '(' + names + ')'} in {{{shown}}}"
        u = self.config.unroll
        if u is not None:
            free = _free(goal.lhs) | _free(goal.rhs)
            idx = [f"{s} = {sp.sstr(lo)}..{sp.sstr(hi)}" for s, lo, hi in u.ranges if s in free]
            text += f"; unrolled for {u.horizon} = {u.length}" + (f", {', '.join(idx)}" if idx else "")
        return text

    def on_instances(self, goal: Goal, state: object) -> Outcome | None:
        if goal.relation is not Relation.EQ or not (self.owns(goal.lhs) or self.owns(goal.rhs)):
            return None
        goal = with_assumed_givens(goal)  # A^T = A assumed constrains the instances as the same given does
        started = time.perf_counter()
        dims = self.dims_of(goal)
        # A dimension used as a number ((n - 1)(n - 2)(n - 3) A) makes the
        # sides polynomials in it: finitely many sizes prove nothing, so the
        # instances (a few sizes more) can only refute.
        numeric = as_number(goal, dims)
        # an exponent or an elementwise function in the dimension (A^{n(n - 1)}): symbolic entries above
        # max_dim would take too long, random integer matrices try to refute there
        heavy = numeric and exponent_in(goal, dims)
        top = self.config.max_dim + (3 if numeric else 0)
        shapes = sorted(itertools.product(range(1, top + 1), repeat=len(dims)),
                        key=lambda v: (sum(v), v))
        skipped: list[str] = []
        count = 0
        # the sizes must satisfy what the step assumes of them (n >= 5) and the givens that fix them (n = 7)
        told = self._told(goal, dims)
        admitted: list[tuple[int, ...]] = []
        for values in shapes:
            at_size = dict(zip(dims, map(sp.Integer, values), strict=True))
            if any(c.xreplace(at_size) is sp.false for c in told):
                continue
            admitted.append(values)
            for index in self.index_assignments(goal):
                subs: dict[sp.Basic, Any] = {d: sp.Integer(v) for d, v in zip(dims, values)}
                subs.update(index)
                if heavy and max(values) > self.config.max_dim:
                    if (cx := self._numeric_refutation(goal, subs)) is not None:
                        return Outcome(verdict=Verdict.REFUTED, method="matrix instance", trust=Trust.NONE,
                                       counterexample=cx)
                    continue
                try:
                    checked = self.check_instance(goal, subs)
                except IllShaped as exc:  # no value at this shape: not a checked instance
                    skipped.append(", ".join(f"{k} = {v}" for k, v in subs.items()) + f" ({exc})")
                    continue
                if checked is None:
                    return None
                count += 1
                ok, ev, a, b = checked
                if not ok:
                    if (refuted := self._refuted(goal, subs, ev, a, b)) is not None:
                        return refuted
                    where = ", ".join(f"{k} = {v}" for k, v in subs.items())
                    notes = getattr(state, "notes", None)
                    if isinstance(notes, list):
                        notes.append(f"matrix instances: the sides differ symbolically at {where}, "
                                     "but no concrete counterexample was found")
                    return None
            if time.perf_counter() - started > self.config.budget:
                notes = getattr(state, "notes", None)
                if isinstance(notes, list):  # a verdict that depends on the machine's speed is never kept
                    notes.append(f"{BUDGET}: the matrix instances stopped after {self.config.budget:g} s")
                return None
        if numeric:
            return None
        if not count:
            return Outcome(verdict=Verdict.UNKNOWN, method="matrix instances", trust=Trust.NONE,
                           message=f"no value at any instance (ill-shaped): at {skipped[0] if skipped else '?'}")
        top = self.config.max_dim
        parts = step_parts(goal)
        marks = marked_indices(parts, tied_names(parts, dims)) if dims else 0
        if marks is None:
            return None  # an index the degree argument cannot follow: the named shapes decide nothing
        need = self.sizes_needed(goal, dims, shapes[-1]) if dims else None
        bounded = need is not None and not size_dependent(parts)
        need = None if need is None else need + marks
        reach = None if need is None else reaching(goal, dims, need, told)
        if need is not None and reach is None:
            return Outcome(verdict=Verdict.UNKNOWN, method="matrix instances", trust=Trust.NONE,
                           message=f"holds on {self.describe(dims, goal, top, admitted)}; its degree "
                                   f"needs every matrix dimension up to {need}, which no admitted shape reaches")
        if dims and not bounded:
            # no degree bounds the sizes: at least as many admitted shapes as 1..max_dim has
            reach = max(reach or 0, _enough(dims, told, len(shapes), top))
        if reach is not None and reach > top:
            larger = self.larger_sizes(goal, dims, reach, state, started, sizes=need)
            if larger is not None:
                return larger
            top = reach
        text = self.describe(dims, goal, top, _admitted(dims, told, top))
        text += f"; not at {'; '.join(skipped)}" if skipped else ""
        return Outcome(verdict=Verdict.PROVED, method="entrywise on instances", trust=Trust.INSTANCES,
                       instances=text)

    def sizes_needed(self, goal: Goal, dims: tuple[sp.Symbol, ...], values: tuple[int, ...]) -> int | None:
        """The largest size that decides the step when its sides are
        polynomials in the entries (:mod:`symproofs.matrices.degree`),
        measured at the largest shape checked; ``None`` when they are not
        (inverses, norms, functions of entries) or random matrices are in
        the step: those keep the named shapes."""
        if self.config.masks or self.config.random:
            return None
        need = 0
        for index in self.index_assignments(goal):
            subs: dict[sp.Basic, Any] = {d: sp.Integer(v) for d, v in zip(dims, values, strict=True)}
            subs.update(index)
            try:
                lhs, rhs = goal.lhs.xreplace(subs), goal.rhs.xreplace(subs)  # type: ignore[union-attr]
                ev = self.explicit(goal, subs)
                deg = entry_degree(ev.defs, self.derivatives, lhs, rhs)
                if deg is None:
                    a, b = ev.value(lhs), ev.value(rhs)
                    if ev.opaque:
                        return None
                    entries = set().union(*(set(m) for m in ev.leaves.values())) if ev.leaves else set()
                    deg = value_degree([a, b], entries)
            except (Unsupported, IllShaped, TypeError, ValueError, NotImplementedError, ZeroDivisionError,
                    IndexError):
                return None
            if deg is None:
                return None
            need = max(need, degree_sizes(deg, is_matrix(goal.lhs)))
        return need

    def larger_sizes(self, goal: Goal, dims: tuple[sp.Symbol, ...], need: int, state: object,
                     started: float, sizes: int | None = None) -> Outcome | None:
        """The values of the dimension symbols above ``max_dim`` up to
        ``need`` (where every matrix dimension reaches ``sizes``, the size
        the degree asks for): exactly (symbolic entries) when few and small,
        ``None`` when all hold; otherwise random integer matrices at those
        sizes can only refute, and the step stays unknown."""
        base = self.config.max_dim
        names = ", ".join(str(d) for d in dims)
        told = self._told(goal, dims)
        extra = sorted((v for v in itertools.product(range(1, need + 1), repeat=len(dims)) if max(v) > base),
                       key=lambda v: (sum(v), v))
        exact = need <= _EXACT_TOP and len(extra) <= _EXACT_SHAPES
        for values in extra if exact else ():
            at_size = dict(zip(dims, map(sp.Integer, values), strict=True))
            if any(c.xreplace(at_size) is sp.false for c in told):
                continue
            for index in self.index_assignments(goal):
                subs: dict[sp.Basic, Any] = {**at_size, **index}
                try:
                    checked = self.check_instance(goal, subs)
                except IllShaped:
                    continue
                if checked is None:
                    exact = False
                    break
                ok, ev, a, b = checked
                if not ok:
                    if (refuted := self._refuted(goal, subs, ev, a, b)) is not None:
                        return refuted
                    exact = False
                    break
            if not exact or time.perf_counter() - started > self.config.budget:
                exact = False
                break
        else:
            if exact:
                return None
        for size in range(base + 1, min(need, _NUMERIC_TOP) + 1):
            at_size = {d: sp.Integer(size) for d in dims}
            if any(c.xreplace(at_size) is sp.false for c in told):
                continue
            for index in self.index_assignments(goal):
                cx = self._numeric_refutation(goal, {**at_size, **index})
                if cx is not None:
                    return Outcome(verdict=Verdict.REFUTED, method="matrix instance", trust=Trust.NONE,
                                   counterexample=cx)
        return Outcome(verdict=Verdict.UNKNOWN, method="matrix instances", trust=Trust.NONE,
                       message=f"holds for {names} in 1..{base}; its sides are polynomials in the matrix entries "
                               f"whose degree needs matrices up to size {sizes or need} ({names} up to {need}) to "
                               "decide it (random integer matrices of those sizes found no counterexample)")

    def _told(self, goal: Goal, dims: tuple[sp.Symbol, ...]) -> list[sp.Basic]:
        """What the step assumes of the sizes and the givens that fix them."""
        return [*goal.context.facts.constraints, *(g.statement for g in goal.context.givens if g.index is None
                                                   and isinstance(g.statement, sp.Eq) and g.statement.lhs in dims)]

    def _numeric_refutation(self, goal: Goal, subs: Mapping[sp.Basic, Any]) -> Counterexample | None:
        """Random integer values of the matrix symbols at one size (no
        symbolic entries: cheap at any size), re-checked from scratch."""
        defs = self.definitions(goal, subs)
        try:
            lhs, rhs = goal.lhs.xreplace(dict(subs)), goal.rhs.xreplace(dict(subs))  # type: ignore[union-attr]
        except IndexError:
            return None
        leaves = lhs.atoms(sp.MatrixSymbol) | rhs.atoms(sp.MatrixSymbol)
        scalars = {s for s in lhs.free_symbols | rhs.free_symbols if isinstance(s, sp.Symbol)}
        if (leaves | scalars) & defs.constrained or defs.families:
            return None
        if any(not (r.is_Integer and c.is_Integer) for r, c in (x.shape for x in leaves)):
            return None
        rng = random.Random(goal.context.seed + 29)
        for _ in range(3):
            point = _sample_scalars(scalars, goal, rng)
            if point is None:
                return None
            concrete = {x: sp.ImmutableMatrix(int(x.rows), int(x.cols),
                                              lambda i, j: sp.Integer(rng.randint(-3, 3))) for x in leaves}
            cx = self._recheck(goal, dict(subs), point, concrete, rng)
            if cx is not None:
                return cx
        return None

    def explicit(self, goal: Goal, subs: Mapping[sp.Basic, Any],
                 concrete: Mapping[sp.Basic, Any] | None = None) -> Explicit:
        masks = {m.xreplace(dict(subs)): p.xreplace(dict(subs)) for m, p in self.config.masks}
        random_ = tuple(r.xreplace(dict(subs)) for r in self.config.random)
        return Explicit(self.definitions(goal, subs), masks=masks, random=random_,
                        derivatives=self.derivatives, concrete=concrete)

    def check_instance(
        self, goal: Goal, subs: Mapping[sp.Basic, Any]
    ) -> tuple[bool, Explicit, Any, Any] | None:
        ev = self.explicit(goal, subs)
        try:
            lhs, rhs = goal.lhs.xreplace(dict(subs)), goal.rhs.xreplace(dict(subs))  # type: ignore[union-attr]
        except IndexError:  # sympy refuses an entry outside the concrete shape
            raise IllShaped("an index is out of range") from None
        problem = shape_problem(lhs) or shape_problem(rhs) or sides_problem(lhs, rhs) or _empty(lhs, rhs)
        if problem is not None:
            raise IllShaped(problem)
        if not (self.config.masks or self.config.random) and poly_equal(ev.defs, self.derivatives, lhs, rhs):
            return True, ev, lhs, rhs  # every entry of the difference is the zero polynomial
        try:
            a = ev.value(lhs)
            b = ev.value(rhs)
        except IllShaped:
            raise
        except (Unsupported, TypeError, ValueError, NotImplementedError,
                ZeroDivisionError, sp.PolynomialError):
            return None
        defined = definitions_of(goal.context.lemmas)  # sigma(z) = 1/(1 + e^{-z}) for all z
        a, b = with_definitions(a, defined), with_definitions(b, defined)
        if isinstance(a, sp.MatrixBase) != isinstance(b, sp.MatrixBase):
            return None
        if isinstance(a, sp.MatrixBase) and a.shape != b.shape:
            return None
        calls = [c for v in (a, b) for c in (v.atoms(OpaqueCall) if isinstance(v, sp.Basic) else ())]
        names = [c.args[0] for c in set(calls)]
        if len(names) != len(set(names)):
            return None  # one unknown function at two points: its gradients would be conflated
        masks = set(ev.mask_entries)
        diffs = list(a - b) if isinstance(a, sp.MatrixBase) else [a - b]
        ok = all(entry_zero(x, masks) for x in diffs)
        if not ok and ev.opaque:
            return None  # norms and eigenvalues of explicit matrices are compared only structurally
        return ok, ev, a, b

    def _refuted(self, goal: Goal, subs: Mapping[sp.Basic, Any], ev: Explicit, a: Any, b: Any) -> Outcome | None:
        """The step refuted at the instance ``subs`` where it failed, with a re-checked counterexample."""
        cx = self.refute(goal, subs, ev, a, b)
        return None if cx is None else Outcome(verdict=Verdict.REFUTED, method="matrix instance",
                                               trust=Trust.NONE, counterexample=cx)

    def refute(self, goal: Goal, subs: Mapping[sp.Basic, Any], ev: Explicit, a: Any, b: Any
               ) -> Counterexample | None:
        """Concrete rational matrices at which the sides differ, re-checked by
        evaluating the step again with those values."""
        defs = ev.defs
        if ev.opaque:
            return None
        leaves = [n for n in ev.leaves if n not in ev.masks]
        for node in leaves:
            if node in defs.constrained or (isinstance(node, SeqTerm) and node.label in defs.families
                                            and node not in defs.boundary):
                return None
        entries = set().union(*(set(m) for m in ev.leaves.values())) if ev.leaves else set()
        scalars = {s for s in _free(a) | _free(b) if isinstance(s, sp.Symbol) and s not in entries
                   and not isinstance(s, PartialSymbol)}
        if scalars & defs.constrained or any(f in defs.constrained for f, _ in self.config.derivatives):
            return None
        rng = random.Random(goal.context.seed + 17)
        for _ in range(12):
            point = _sample_scalars(scalars, goal, rng)
            if point is None:
                return None
            concrete = {n: sp.ImmutableMatrix(*ev.leaves[n].shape, lambda i, j: sp.Integer(rng.randint(-3, 3)))
                        for n in leaves}
            cx = self._recheck(goal, subs, point, concrete, rng)
            if cx is not None:
                return cx
        return None

    def _recheck(self, goal: Goal, subs: Mapping[sp.Basic, Any], point: dict[sp.Basic, sp.Basic],
                 concrete: dict[sp.Basic, Any], rng: random.Random) -> Counterexample | None:
        full = {**subs, **point}
        ev = self.explicit(goal, full, concrete)
        try:
            a = ev.value(goal.lhs.xreplace(full))  # type: ignore[union-attr]
            b = ev.value(goal.rhs.xreplace(full))  # type: ignore[union-attr]
        except (Unsupported, TypeError, ValueError, NotImplementedError, ZeroDivisionError):
            return None
        masks = {}
        left = _free(a) | _free(b) | (a.atoms(sp.Function) if isinstance(a, sp.Basic) else set()) | \
            (b.atoms(sp.Function) if isinstance(b, sp.Basic) else set())
        for node in ev.masks:
            if node in ev.leaves and set(ev.leaves[node]) & left:
                masks[node] = sp.ImmutableMatrix(*ev.leaves[node].shape, lambda i, j: sp.Integer(rng.randint(0, 1)))
        fixed: dict[sp.Basic, sp.Basic] = {}
        for node, m in masks.items():
            fixed.update(zip(ev.leaves[node], m))
        models: dict[Any, sp.Lambda] = {}
        described = []
        for f, df in self.config.derivatives:  # whole functions that respect what is known of them
            chosen = respecting_model(f, df, [_default_model(f).expr], goal.context.lemmas)
            if chosen is None:
                return None
            models.update(chosen)
            described.append(f"{f}(x) = {sp.sstr(chosen[f](sp.Symbol('x')).rewrite(sp.exp))}")

        defined = definitions_of(goal.context.lemmas)

        def finish(v: Any) -> Any:
            v = with_definitions(v, defined).xreplace(fixed)
            for f, lam in models.items():
                v = v.replace(lambda x, f=f: isinstance(x, sp.Function) and x.func == f,
                              lambda x, lam=lam: lam(*x.args))
            v = sigmoid_numeric(v)
            opaque = sorted(v.atoms(OpaqueCall, PartialSymbol), key=sp.default_sort_key)
            return v.xreplace({o: fixed.setdefault(o, sp.Rational(rng.randint(-6, 6), 2)) for o in opaque})

        try:
            a, b = finish(a), finish(b)
            # the point must be in the step's domain: no denominator of a side or of a definition it uses is 0
            sides = [goal.lhs.xreplace(full), goal.rhs.xreplace(full)]  # type: ignore[union-attr]
            givens = [replace(g, statement=g.statement.xreplace(full)) for g in goal.context.givens]
            random_ = [r.xreplace(full) for r in (*self.config.random, *(m for m, _ in self.config.masks))]
            if undefined_at([*sides, *definitions_used(sides, givens)], lambda e: finish(ev.value(e)), random_):
                return None
        except (TypeError, ValueError, AttributeError):
            return None
        pairs = zip(a, b) if isinstance(a, sp.MatrixBase) else [(a, b)]
        if not any(_differs(x, y) for x, y in pairs):
            return None
        assignment = [*subs.items(), *sorted(point.items(), key=lambda kv: sp.default_sort_key(kv[0]))]
        assignment += [(n, concrete[n]) for n in sorted(concrete, key=sp.default_sort_key)]
        assignment += [(n, masks[n]) for n in sorted(masks, key=sp.default_sort_key)]
        extra = [(o, val) for o, val in fixed.items() if isinstance(o, (OpaqueCall, PartialSymbol))]
        assignment += sorted(extra, key=lambda kv: sp.default_sort_key(kv[0]))
        return Counterexample(assignment=tuple(assignment), lhs=a, rhs=b, model="; ".join(described),
                              whole=tuple(sorted(str(f) for f in models)))


def reaching(goal: Goal, dims: tuple[sp.Symbol, ...], need: int, told: Sequence[sp.Basic]) -> int | None:
    """The largest value of the dimension symbols to check so that every
    dimension of the step's matrices reaches the size ``need``
    (:func:`symproofs.matrices.degree.symbol_top`)."""
    exprs = (*flatten_side(goal.lhs), *flatten_side(goal.rhs), *(g.statement for g in goal.context.givens))
    shapes = [d for e in exprs if isinstance(e, sp.Basic) for x in sp.preorder_traversal(e)
              if isinstance(x, MatrixExpr) for d in x.shape]
    return symbol_top(shapes, dims, need, told)


def _admitted(dims: tuple[sp.Symbol, ...], told: Sequence[sp.Basic], top: int) -> list[tuple[int, ...]]:
    """The values of ``dims`` in ``1..top`` that ``told`` admits."""
    out = []
    for values in itertools.product(range(1, top + 1), repeat=len(dims)):
        at = dict(zip(dims, map(sp.Integer, values), strict=True))
        if not any(c.xreplace(at) is sp.false for c in told):
            out.append(values)
    return out


def _enough(dims: tuple[sp.Symbol, ...], told: Sequence[sp.Basic], count: int, top: int) -> int:
    """The smallest ``top`` (at least the given one) below which ``told``
    admits ``count`` values of ``dims``; ``top + 3`` when none does so soon
    (``top`` when none is admitted above ``top``: the named shapes are all
    there is to check nearby)."""
    for t in range(top, top + 4):
        if len(_admitted(dims, told, t)) >= count:
            return t
    return top + 3 if len(_admitted(dims, told, top + 3)) > len(_admitted(dims, told, top)) else top


def _empty(*sides: Any) -> str | None:
    """A matrix of size 0 at this instance (``n - 1`` at ``n = 1``): no
    instance of what the step is about."""
    found = [x for side in sides if isinstance(side, sp.Basic) for x in sp.preorder_traversal(side)
             if isinstance(x, MatrixExpr) and any(d.is_Integer and d < 1 for d in map(sp.sympify, x.shape))]
    leaves = [x for x in found if isinstance(x, sp.MatrixSymbol)] or found  # A, rather than A A^T
    return f"{sp.sstr(leaves[0])} has no entries" if leaves else None


def _free(v: Any) -> set[sp.Basic]:
    return set(v.free_symbols) if isinstance(v, sp.Basic) else set()


def _difference(lhs: Any, rhs: Any) -> sp.Basic | None:
    if isinstance(lhs, tuple) or isinstance(rhs, tuple) or is_matrix(lhs) != is_matrix(rhs):
        return None
    if is_matrix(lhs) and lhs.shape != rhs.shape:
        return None
    if is_matrix(lhs):  # unevaluated: the normal form does the rest (sympy's doit on the sum is slow)
        return sp.MatAdd(lhs, sp.MatMul(sp.S.NegativeOne, rhs))
    try:
        return lhs - rhs
    except (TypeError, ValueError):
        return None


_CANDIDATES = [sp.Rational(1, 2), sp.Rational(1, 3), sp.S(2), sp.Rational(3, 4), sp.S(3), sp.Rational(5, 2),
               sp.S.One, sp.Rational(-1, 2), sp.S(-2), sp.Rational(1, 5), sp.S(-3), sp.Rational(7, 3)]


def _sample_scalars(symbols: set[sp.Basic], goal: Goal, rng: random.Random) -> dict[sp.Basic, sp.Basic] | None:
    constraints = goal.context.facts.constraints
    for _ in range(200):
        point: dict[sp.Basic, sp.Basic] = {}
        for s in sorted(symbols, key=sp.default_sort_key):
            choice = sp.Integer(rng.randint(1, 4)) if s.is_integer else rng.choice(_CANDIDATES)
            point[s] = choice
        if all(_admissible(s, v) for s, v in point.items()) and all(
            c.xreplace(point) is sp.true for c in constraints if c.free_symbols & set(point)
        ):
            return point
    return None


def _admissible(s: sp.Basic, v: sp.Basic) -> bool:
    a = s.assumptions0
    checks = (("positive", v > 0), ("nonnegative", v >= 0), ("negative", v < 0), ("nonpositive", v <= 0),
              ("nonzero", v != 0), ("integer", v.is_Integer))
    return all(bool(ok) for name, ok in checks if a.get(name))


def _differs(x: sp.Basic, y: sp.Basic) -> bool:
    """Whether ``x != y``, decided rigorously (exact, or 50 digits with
    guaranteed precision); undecided counts as not different."""
    d = x - y
    if d.is_Rational:
        return bool(d != 0)
    if d.free_symbols or d.has(sp.nan, sp.zoo, sp.oo):
        return False
    try:
        v = sp.N(d, 50, strict=True)
    except Exception:  # precision exhausted or not a number
        return False
    return bool(v.is_real and abs(v) > sp.Float("1e-30"))
