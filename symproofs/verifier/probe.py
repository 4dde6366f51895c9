"""The refutation probe: exact random points that satisfy the assumptions.

A probe can only refute. Points are exact rationals (small integers for
integer symbols, so that sums with symbolic bounds expand), drawn from a
seeded generator so verdicts are reproducible, rejected unless every
declared assumption and hypothesis holds, and a refutation is re-checked
before it is returned: the sides are evaluated again from the step, from the
inside out (:func:`~symproofs.verifier.points.settled`), and must give the
same values, which must fail the relation.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import cast

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.facts import Facts, bounds_of
from symproofs.core.goals import Algebra, Model
from symproofs.core.model import Given, Lemma
from symproofs.core.results import Counterexample
from symproofs.verifier.boundary import assignments, near_roots, specials
from symproofs.verifier.definedness import complex_inside, vanishing_denominator
from symproofs.verifier.memo import finite
from symproofs.verifier.points import (
    Point,
    application,
    at_point,
    expand_finite,
    givens_at,
    index_range,
    instance,
    settled,
)
from symproofs.verifier.rewrite import apart_from, rewrite_with_givens
from symproofs.verifier.sampling import EDGES, draw
from symproofs.verifier.search import DRAWS_PER_POINT, Search
from symproofs.verifier.setup import Fitting, Setup, setup_for
from symproofs.verifier.values import (
    ORIENTED,
    Undecided,
    admissible,
    agree,
    bound_value,
    entries_at,
    exactly_zero,
    fails,
    function_value,
)

__all__ = ["EDGES", "Point", "Probe"]

_IMPLICATION_TRIALS = 24
_INSTANCE_ROUNDS = 6  # rounds of new applications an instance check may bring in


class Probe:
    """Draws points for one goal and evaluates sides at them."""

    def __init__(
        self,
        *,
        facts: Facts,
        givens: Sequence[Given],
        algebras: Sequence[Algebra],
        seed: int,
        trials: int = 24,
        lemmas: Sequence[Lemma] = (),
        sweep: bool = False,
    ) -> None:
        """``sweep``: each integer symbol in turn takes the small values of ``EDGES``
        while the others are drawn; ``trials`` should then be a multiple of ``len(EDGES)``."""
        self.sweep = sweep
        self._swept: list[sp.Basic] = []
        self.facts = facts
        self.givens = tuple(givens)
        self.lemmas = tuple(lemmas)
        self.algebras = tuple(algebras)
        self._lawful: frozenset[sp.Basic] = frozenset().union(*(a.lawful_matrices() for a in self.algebras))
        self.seed = seed
        self.trials = trials
        self._bounds = bounds_of(facts.constraints)
        self._rewritten: dict[tuple[sp.Basic, tuple[Given, ...]], sp.Basic] = {}
        self._setups: dict[frozenset[sp.Basic], Setup] = {}

    # -- sampling ---------------------------------------------------------
    def _value(self, sym: sp.Symbol, rng: random.Random, trial: int) -> sp.Basic:
        return draw(sym, self._bounds.get(sym, (None, False, None, False)), self._swept, rng, trial)

    def _admissible(self, sym: sp.Symbol, value: sp.Basic) -> bool:
        return admissible(sym, value)

    def points(self, symbols: set[sp.Basic]) -> Iterator[Point]:
        """The first ``trials`` admissible points among ``trials * 6`` draws."""
        drawn = self.draws(symbols, lambda: self.trials * DRAWS_PER_POINT)  # (never None: no limit is reached)
        return cast(Iterator[Point], itertools.islice(drawn, max(self.trials, 0)))

    def draws(self, symbols: set[sp.Basic], limit: Callable[[], int]) -> Iterator[Point | None]:
        """Every admissible point among the first ``trials * 6`` draws, in
        order; before a draw whose index reaches ``limit()`` it yields
        ``None`` and draws nothing, until the limit has been raised (the
        quick refutation's draws, which the full probe's continue: :mod:`.search`)."""
        rng = random.Random(self.seed)
        setup = self._setup(symbols)
        self._swept = [s for s in setup.syms if s.is_integer] if self.sweep else []
        for trial in range(self.trials * DRAWS_PER_POINT):
            while trial >= limit():
                yield None
            values: dict[sp.Basic, sp.Basic] = {}
            for s in setup.syms:
                v = self._value(s, rng, trial)
                if not self._admissible(s, v):
                    break
                values[s] = v
            else:
                point = self._completed(setup, values, trial)
                if point is not None:
                    yield point

    def boundary_points(self, symbols: set[sp.Basic], base: dict[sp.Basic, sp.Basic]) -> Iterator[Point]:
        """Admissible points at the boundary (:mod:`.boundary`): symbols at 0,
        at small integers and at the closed endpoints of their intervals, two
        symbols equal, from ``base`` (a drawn point's values); every
        assumption checked as for a drawn point."""
        setup = self._setup(symbols)
        special = {s: specials(s, self._bounds.get(s, (None, False, None, False))) for s in setup.syms}
        for k, values in enumerate(assignments(setup.syms, special, base)):
            if all(self._admissible(s, v) for s, v in values.items()):
                point = self._completed(setup, values, k)
                if point is not None:
                    yield point

    def _near_edges(self, symbols: set[sp.Basic], rels: Sequence[sp.Basic]) -> Iterator[Point]:
        """Admissible points with one symbol at rationals close to where a
        relation of ``rels`` changes truth (:func:`.boundary.near_roots`), the
        others at a drawn point's values; every assumption checked."""
        setup = self._setup(symbols)
        for k, base in enumerate(itertools.islice(self.points(symbols), 2)):
            drawn = {s: base.values[s] for s in setup.syms if s in base.values}
            for s in setup.syms:
                if not isinstance(s, sp.Symbol) or s.is_integer or s not in drawn:
                    continue
                for v in near_roots(rels, s, drawn):
                    if self._admissible(s, v) and (point := self._completed(setup, {**drawn, s: v}, k)) is not None:
                        yield point

    def _setup(self, symbols: set[sp.Basic]) -> Setup:
        key = frozenset(symbols)
        if key not in self._setups:
            self._setups[key] = setup_for(symbols, facts=self.facts, givens=self.givens, lemmas=self.lemmas,
                                          algebras=self.algebras, seed=self.seed)
        return self._setups[key]

    def _completed(self, setup: Setup, drawn: dict[sp.Basic, sp.Basic], trial: int) -> Point | None:
        """The point of the values ``drawn`` for the drawn symbols: the values
        the facts solve for and the givens define added, every assumption
        checked (``None`` where one fails), the model fitted."""
        values = dict(drawn)
        for s, value in setup.solved.items():  # mu = (alpha + beta)/2: computed, never drawn
            v = value.xreplace(values)
            if not (v.is_number and self._admissible(s, v)):
                return None
            values[s] = v
        for s, value in setup.checked.items():  # n = 2 defined, n >= 0 assumed: the fact is checked at 2
            v = value.xreplace(values)
            if v.is_number and self._admissible(s, v):
                values[s] = v
        if not self._constraints_hold(values):
            return None
        fitted = self._fitted(setup.pins, values) if setup.pins else []
        return Point(values, fitted[trial % len(fitted)] if fitted else setup.models[trial % len(setup.models)])

    def _fitted(self, pins: Sequence[tuple[Fitting, dict[sp.Basic, dict[str, sp.Expr]]]],
                values: dict[sp.Basic, sp.Basic]) -> list[Model | None]:
        """Models in which the moments that givens pin take their exact values
        at this point (none when a value is not decided). The givens are
        still checked against the model like any other."""
        models: list[Model | None] = []
        for alg, pinned in pins:
            at: dict[sp.Basic, dict[str, sp.Expr]] = {}
            for sym, moments in pinned.items():
                at[sym] = {}
                for what, expr in moments.items():
                    if isinstance(sym, sp.core.function.AppliedUndef):  # a process at dummies: its mean in them
                        at[sym][what] = expr.subs(values, simultaneous=True)
                        continue
                    functions: dict[sp.Basic, sp.Basic] = {}
                    try:
                        value = self.evaluate(expr, Point(values), functions, random.Random(0))
                    except MemoryError:
                        raise
                    except Exception:  # undefined at this point
                        return []
                    if functions or not isinstance(value, sp.Expr):
                        return []
                    at[sym][what] = value
            models.extend(alg.fitted_models(random.Random(self.seed + 7), at)[:6])
        return models

    def _constraints_hold(self, values: dict[sp.Basic, sp.Basic]) -> bool:
        for c in self.facts.constraints:
            try:
                truth = c.xreplace(values)
            except (TypeError, ValueError):
                return False
            if truth is not sp.true:
                return False
        return True

    # -- evaluation -------------------------------------------------------
    def evaluate(
        self,
        expr: sp.Basic,
        point: Point,
        functions: dict[sp.Basic, sp.Basic],
        rng: random.Random,
        *,
        givens: Sequence[Given] | None = None,
        whole: bool = True,
        fresh: bool = False,
    ) -> sp.Basic:
        """``expr`` at ``point``, rewritten with ``givens`` (default: all);
        ``whole``: a side, whose parts must be defined there too (a part is
        evaluated with ``whole=False``); ``fresh``: the re-check's evaluation,
        the givens rewritten anew and the point put in from the inside out."""
        e = self._prepared(expr, point, givens, functions, rng, fresh=fresh)
        if point.model is not None:
            _require_model(point.model, point.values)
            e = point.model.apply(e).xreplace(point.values)
        for _ in range(4):  # f(g(1)): the inner value first, then the outer application
            calls = [c for c in e.atoms(AppliedUndef) if all(a.is_number for a in c.args) and c not in functions]
            calls += [m for m in entries_at(e, self._lawful) if m not in functions]
            functions.update({c: function_value(c, rng) for c in sorted(calls, key=sp.default_sort_key)})
            e = e.xreplace(functions)
        if e.free_symbols:
            raise Undecided("free symbols remain")
        if not whole:
            return e
        at = functools.partial(self.evaluate, point=point, functions=functions, rng=rng, givens=givens, whole=False,
                               fresh=fresh)
        if vanishing_denominator(expr, at):  # 0/D with D zero but not syntactically: sympy folds it to 0
            raise Undecided("undefined at this point: a denominator vanishes")
        if isinstance(expr, sp.Expr) and complex_inside(expr, at):
            raise Undecided("not real at this point: a root or a logarithm of a negative number")
        return e

    def _prepared(self, expr: sp.Basic, point: Point, givens: Sequence[Given] | None = None,
                  functions: dict[sp.Basic, sp.Basic] | None = None, rng: random.Random | None = None,
                  *, fresh: bool = False) -> sp.Basic:
        """``expr`` at ``point``, givens applied, finite sums expanded: what the model evaluates.
        With ``functions`` and ``rng``, a bound that an undeclared function gives
        (``\\sum_{j=1}^{d(t-1)}``, ``d`` a width) gets its value first."""
        givens = self.givens if givens is None else tuple(givens)
        if givens:
            # Definitions and hypotheses about symbolic terms (lambda = (1-p)/p,
            # the induction hypothesis v(t) = ...) apply before the point does;
            # that does not depend on the point, so it is done once.
            key = (expr, givens)
            if key not in self._rewritten or fresh:
                self._rewritten[key] = rewrite_with_givens(expr, givens, self.facts)
            expr = self._rewritten[key]
        e = settled(expr, point.values, functions) if fresh else at_point(expr, point.values)
        e = self._with_givens(e, point, givens, fresh=fresh)
        if functions is not None and rng is not None and e.has(sp.Sum, sp.Product):
            calls = {c for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits for b in lim[1:]
                     for c in b.atoms(AppliedUndef) if all(a.is_number for a in c.args) and c not in functions}
            functions.update({c: bound_value(c, rng) for c in sorted(calls, key=sp.default_sort_key)})
            e = e.xreplace(functions)
        e = expand_finite(e) if fresh else finite(e)  # the re-check computes everything anew
        return self._with_givens(e, point, givens, fresh=fresh)

    def _model_text(self, point: Point, exprs: Sequence[sp.Basic]) -> tuple[str, str]:
        """The random variables of ``exprs`` in their own names (else those of
        the givens and lemmas, which the model had to satisfy) when the model
        can describe them exactly, as plain text and as LaTeX; else the
        whole model's description (plain text only)."""
        model = point.model
        if model is None:
            return "", ""
        context = [*(g.statement for g in self.givens), *(lem.statement for lem in self.lemmas)]
        told = ("", "")
        try:
            if model.explain is not None:
                told = model.explain(exprs, point.values)
                if not told[0]:
                    told = model.explain(context, point.values)
        except Exception:  # a variable the explanation cannot describe exactly
            told = ("", "")
        return told if told[0] else (model.describe(), "")

    def _with_givens(self, e: sp.Basic, point: Point, givens: Sequence[Given], *, fresh: bool = False) -> sp.Basic:
        """Apply the givens, then the point again (givens bring its symbols back)."""
        if not givens:
            return e
        place = settled if fresh else at_point
        e = rewrite_with_givens(e, givens_at(givens, point.values, place), self.facts, concrete=True)
        return place(e, point.values)

    def refute(self, lhs: sp.Basic, rhs: sp.Basic, kind: str) -> Counterexample | None:
        """Search for a point where ``lhs kind rhs`` fails.

        ``kind`` is ``"eq"`` (``lhs = rhs``), ``"le"``, ``"lt"``.
        """
        return Search(self, lhs, rhs, kind).run(self.trials)

    def comparison_symbols(self, lhs: sp.Basic, rhs: sp.Basic) -> set[sp.Basic]:
        """The symbols a point of :meth:`refute` gives values to."""
        symbols: set[sp.Basic] = lhs.free_symbols | rhs.free_symbols
        for g in self.givens:
            symbols |= g.statement.free_symbols - ({g.index} if g.index is not None else set())
        for lem in self.lemmas:  # a lemma about symbols constrains them like an assumption
            symbols |= (lem.statement.free_symbols | set().union(*(h.free_symbols for h in lem.hypotheses))) \
                - set(lem.variables)
        # The symbols the laws are written in (a symbolic mean), which a
        # model brings into a side (or a given's recurrence, unfolded into
        # g_1, ..., g_t, does): drawn whether or not this side needs them.
        symbols |= set().union(*(alg.law_parameters() for alg in self.algebras if isinstance(alg, Fitting)
                                 and any(alg.owns(s) for s in (lhs, rhs))))
        for m in lhs.atoms(MatrixElement) | rhs.atoms(MatrixElement):  # X[i-1, j-1]: X's size too
            if isinstance(m.parent, sp.MatrixSymbol):
                symbols |= set().union(*(sp.sympify(n, strict=True).free_symbols for n in m.parent.shape))
        return symbols

    def failing_at(self, point: Point, lhs: sp.Basic, rhs: sp.Basic, kind: str,
                   rng: random.Random) -> Counterexample | None:
        """The counterexample ``point`` gives to ``lhs kind rhs``, re-checked, else ``None``;
        ``rng`` draws the values of undeclared functions (from point to point)."""
        functions: dict[sp.Basic, sp.Basic] = {}
        try:
            # Values a lemma or indexed given fixes replace drawn ones;
            # then everything is evaluated again with them.
            for _ in range(_INSTANCE_ROUNDS):
                if not self._givens_hold(point, functions, rng):
                    status = "bad"
                    break
                a = self.evaluate(lhs, point, functions, rng)
                b = self.evaluate(rhs, point, functions, rng)
                status = self._instances_hold(point, functions, rng)
                if status != "changed":
                    break
            if status != "ok" or not fails(a, b, kind):
                return None
            # Re-check from the step, with the recorded values only and
            # nothing the first evaluation left behind: the same values, failing.
            a2 = self.evaluate(lhs, point, dict(functions), random.Random(0), fresh=True)
            b2 = self.evaluate(rhs, point, dict(functions), random.Random(0), fresh=True)
            if not (agree(a, a2) and agree(b, b2) and fails(a2, b2, kind)):
                return None
        except MemoryError:
            raise
        except Exception:  # undefined or undecidable at this point: try another
            return None
        assignment = tuple(sorted(point.values.items(), key=lambda kv: sp.default_sort_key(kv[0])))
        assignment += tuple(sorted(functions.items(), key=lambda kv: sp.default_sort_key(kv[0])))
        recorded = dict(functions)  # the bounds' values the check used
        text, latex = self._model_text(point, [self._prepared(side, point, None, recorded, random.Random(0))
                                               for side in (lhs, rhs)])
        return Counterexample(
            assignment=assignment,
            lhs=sp.nsimplify(a2) if a2.is_Float else a2,
            rhs=b2,
            model=text,
            model_latex=latex,
        )

    def refute_implication(self, premise: Sequence[sp.Expr], conclusion: Sequence[sp.Expr]) -> Counterexample | None:
        """A point where every ``premise`` expression vanishes and some
        ``conclusion`` expression does not (statements given as the
        expressions whose common zeros are their solutions).

        Expressions with constructs of an algebra (``E``, ``Var``) are
        evaluated in the point's model, before solving and again at the
        solution; the givens must hold there too."""
        if self.givens:  # definitions apply first; hypotheses are checked at the point below
            premise = [rewrite_with_givens(p, self.givens, self.facts) for p in premise]
            conclusion = [rewrite_with_givens(c, self.givens, self.facts) for c in conclusion]
        eqs = [p for p in premise if p != 0]
        # Applications at numbers (f(1)) are unknowns like symbols, unless a
        # lemma or an indexed given constrains the function.
        constrained = {a.func for st in [*(g.statement for g in self.givens if g.index is not None),
                                         *(lem.statement for lem in self.lemmas)]
                       for a in st.atoms(AppliedUndef)}
        calls = sorted({c for e in [*eqs, *conclusion] for c in e.atoms(AppliedUndef)
                        if application(c) and c.func not in constrained}, key=sp.default_sort_key)
        named = {c: sp.Dummy(str(c), **{k: b for k, b in (getattr(c.func, "_kwargs", None) or {}).items()
                                        if b is not None}) for c in calls}
        if named:
            eqs = [e.xreplace(named) for e in eqs]
            conclusion = [c.xreplace(named) for c in conclusion]
        back = {d: c for c, d in named.items()}
        symbols: set[sp.Basic] = set().union(*(e.free_symbols for e in [*eqs, *conclusion]))
        prem: set[sp.Basic] = set().union(*(e.free_symbols for e in eqs))
        for alg in self.algebras:  # the parameters of the laws that the premise's E and Var bring in
            if isinstance(alg, Fitting) and any(alg.owns(e) for e in eqs):
                prem |= alg.law_parameters()
                symbols |= alg.law_parameters()
        prem_syms = sorted(prem, key=sp.default_sort_key)
        rng = random.Random(self.seed + 1)
        for trial, point in enumerate(self.points(symbols)):
            if trial >= _IMPLICATION_TRIALS:
                return None
            if eqs and not prem_syms:
                return None
            k = min(len(eqs), len(prem_syms))
            # Solve for a few choices of unknowns, real ones before integers
            # (sum bounds), so that one of them can satisfy the premise.
            order = sorted(prem_syms, key=lambda s: (bool(s.is_integer), sp.default_sort_key(s)))
            choices = list(itertools.islice(itertools.combinations(order, k), 60)) if k else [()]
            picked = [choices[(trial * 3 + m) % len(choices)] for m in range(min(3, len(choices)))]
            sols: list[tuple[dict[sp.Basic, sp.Basic], dict[sp.Basic, sp.Basic]]] = []
            for unknowns in dict.fromkeys(picked):
                fixed = {s: v for s, v in point.values.items() if s not in unknowns}
                try:
                    # an equation the fixed values already meet (0 = 0) holds for every value of the unknowns
                    at_fixed = [a for e in eqs if (a := self._at(e, fixed, point.model)) != 0]
                    found = sp.solve(at_fixed, list(unknowns), dict=True) if at_fixed else [{}]
                except Exception:  # no closed-form solution at this point, or no value in the model
                    continue
                sols += [({**fixed, **{s: point.values[s] for s in unknowns if s not in sol and s in point.values}},
                          sol) for sol in found[:4]]
            for fixed, sol in sols:
                full = {**fixed, **{s: sp.nsimplify(v) if v.is_Float else v for s, v in sol.items()}}
                if any(v.free_symbols or v.has(sp.I) for v in full.values()):
                    continue
                if not all(self._admissible(s, v) for s, v in full.items() if isinstance(s, sp.Symbol)):
                    continue
                if not self._constraints_hold(full):
                    continue
                try:
                    if not all(exactly_zero(self._at(e, full, point.model, fresh=True)) for e in eqs):
                        continue  # re-check, from the inside out: the premise must hold exactly
                    failing = [c for c in conclusion
                               if fails(self._at(c, full, point.model, fresh=True), sp.S.Zero, "eq")]
                    if failing and (self.givens or self.lemmas) \
                            and not self._givens_hold(Point(full, point.model), {}, rng):  # lemmas on symbols too
                        continue
                except Exception:  # undefined at this point
                    continue
                if not failing:
                    continue
                value = sp.simplify(self._at(failing[0], full, point.model, fresh=True))
                owned = any(alg.owns(e) for alg in self.algebras for e in [*eqs, *conclusion])
                text, latex = self._model_text(Point(full, point.model), [failing[0]]) if owned else ("", "")
                broken = failing[0].xreplace(back)
                return Counterexample(
                    assignment=tuple(sorted(((back.get(k, k), v) for k, v in full.items()),
                                            key=lambda kv: sp.default_sort_key(kv[0]))),
                    lhs=value,
                    rhs=sp.S.Zero,
                    model=f"the premise holds there, but {sp.sstr(broken)} = 0 fails" + (f" [{text}]" if text else ""),
                    model_latex=f"the premise holds there, but ${sp.latex(broken)} = 0$ fails"
                                + (f" [{latex}]" if latex else "") if latex or not text else "",
                )
        return None

    def refute_relations(self, premise: Sequence[sp.Basic], conclusion: Sequence[sp.Basic]) -> Counterexample | None:
        """A drawn point where every ``premise`` relation holds and some
        ``conclusion`` relation fails: for statements with inequalities,
        whose points cannot be solved for as :meth:`refute_implication`'s
        equations are. Each relation is decided at the point exactly, the
        givens must hold there too, and the point is checked again with the
        values it recorded."""
        rels = [*premise, *conclusion]
        if not rels or not all(type(r) in ORIENTED for r in rels) or any(
                alg.owns(r) for alg in self.algebras for r in rels):
            return None
        symbols: set[sp.Basic] = set().union(*(r.free_symbols for r in rels))
        rng = random.Random(self.seed + 2)
        for point in itertools.chain(self.points(symbols), self._near_edges(symbols, rels)):
            functions: dict[sp.Basic, sp.Basic] = {}
            try:
                held = [self._holds(r, point, functions, rng, self.givens) for r in premise]
                if not all(h is True for h in held):
                    continue
                failing = [r for r in conclusion if self._holds(r, point, functions, rng, self.givens) is False]
                if not failing or not self._givens_hold(point, functions, rng):
                    continue
                again = dict(functions)
                if not all(self._holds(r, point, again, random.Random(0), self.givens, fresh=True) is True
                           for r in premise) or self._holds(
                        failing[0], point, again, random.Random(0), self.givens, fresh=True) is not False:
                    continue
            except MemoryError:
                raise
            except Exception:  # undefined at this point: try another
                continue
            assignment = tuple(sorted([*point.values.items(), *functions.items()],
                                      key=lambda kv: sp.default_sort_key(kv[0])))
            return Counterexample(assignment=assignment, lhs=sp.S.true, rhs=sp.S.false,
                                  model=f"the premise holds there, but {sp.sstr(failing[0])} fails",
                                  model_latex=f"the premise holds there, but ${sp.latex(failing[0])}$ fails")
        return None

    def _at(self, e: sp.Expr, values: dict[sp.Basic, sp.Basic], model: Model | None, *, fresh: bool = False) -> sp.Expr:
        """``e`` at ``values``; an expression with constructs of an algebra
        is evaluated in ``model`` (finite sums expanded first); ``fresh``: from the inside out."""
        out = settled(e, values) if fresh else at_point(e, values)
        if not any(alg.owns(e) for alg in self.algebras):
            return (expand_finite(out) if fresh else finite(out)) if out.has(sp.Sum, sp.Product) else out
        if model is None:
            raise Undecided("no model for the algebra's constructs")
        _require_model(model, values)
        out = model.apply(expand_finite(out) if fresh else finite(out)).xreplace(values)  # the model's parameters too
        if not isinstance(out, sp.Expr):
            raise Undecided("not a number")
        return out

    def _instances_hold(self, point: Point, functions: dict[sp.Basic, sp.Basic], rng: random.Random) -> str:
        """Whether the values drawn for applications of undeclared functions
        (``f(3) = 5/2``) respect every lemma and indexed given about those
        functions: each instance of such a statement at a drawn application
        is evaluated and must hold (applications it brings in are drawn and
        checked in turn). ``"ok"`` when they do; ``"changed"`` when an
        equation ``f(n) = r(n)`` gave a drawn application its value instead
        (everything must then be evaluated again); ``"bad"`` when an instance
        fails, cannot be formed (a variable the arguments leave free) or
        cannot be evaluated, or new applications keep coming. Equations that
        give applications no side uses their values are taken as satisfied
        by those applications (they are never drawn)."""
        quantified: list[tuple[sp.Basic, tuple[sp.Basic, ...], tuple[sp.Basic, ...], Given | None]] = [
            (g.statement, (g.index,), index_range(g), g)
            for g in self.givens
            if g.index is not None
        ]
        quantified += [(lem.statement, tuple(lem.variables), tuple(lem.hypotheses), None) for lem in self.lemmas]
        if not quantified:
            return "ok"
        checked: set[sp.Basic] = set()
        changed = False
        for _ in range(_INSTANCE_ROUNDS):
            pending = sorted((c for c in functions if c not in checked), key=sp.default_sort_key)
            if not pending:
                return "changed" if changed else "ok"
            for call in pending:
                checked.add(call)
                for statement, variables, hypotheses, given in quantified:
                    # An indexed given is checked without rewriting by itself.
                    others = tuple(g for g in self.givens if g is not given)
                    patterns = [a for a in statement.atoms(AppliedUndef) if a.func == call.func]
                    for pattern in sorted(patterns, key=sp.default_sort_key):
                        try:
                            at = instance(pattern, call, variables, self._admissible)
                            if at is None:
                                continue
                            applies = [self._holds(h.xreplace(at), point, functions, rng, others)
                                       for h in hypotheses]
                            if False in applies:
                                continue  # outside the statement's range: no constraint
                            if None in applies:
                                return "bad"
                            # (a name the point gives a value, or one the instance puts in, that the statement
                            # binds is renamed apart: lim_{n -> oo} k/(n + 1) at n = 1 is no 1/2)
                            put = {x for v in at.values() if isinstance(v, sp.Basic) for x in v.free_symbols} | {
                                x for x in point.values if isinstance(x, sp.Symbol)}
                            st = _put_in(apart_from(statement, put), at, point.values)
                            if isinstance(st, sp.Eq) and application(st.lhs) and not st.rhs.has(st.lhs):
                                # The equation gives that application its value;
                                # one the sides do not use can take it (not drawn).
                                if st.lhs not in functions:
                                    continue
                                value = self.evaluate(st.rhs, point, functions, rng, givens=others)
                                if not (isinstance(value, sp.Expr) and value.is_Rational):
                                    return "bad"
                                if st.lhs in functions and functions[st.lhs] != value:
                                    changed = True  # a value already used: evaluate everything again
                                functions[st.lhs] = value
                            elif self._holds(st, point, functions, rng, others) is not True:
                                return "bad"
                        except MemoryError:
                            raise
                        except Exception:  # cannot evaluate the instance: cannot vouch for the point
                            return "bad"
        return "bad"

    def _holds(
        self,
        statement: sp.Basic,
        point: Point,
        functions: dict[sp.Basic, sp.Basic],
        rng: random.Random,
        givens: Sequence[Given],
        *,
        fresh: bool = False,
    ) -> bool | None:
        """Whether the relation ``statement`` holds at ``point`` (applications
        not yet drawn are drawn into ``functions``); ``None`` when undecided."""
        statement = settled(statement, point.values) if fresh else statement.xreplace(point.values)
        if statement is sp.true or statement is sp.false:
            return statement is sp.true
        if type(statement) not in ORIENTED:
            return None
        a = self.evaluate(statement.lhs, point, functions, rng, givens=givens, fresh=fresh)
        b = self.evaluate(statement.rhs, point, functions, rng, givens=givens, fresh=fresh)
        swap, kind = ORIENTED[type(statement)]
        if swap:
            a, b = b, a
        try:
            return not fails(a, b, kind)
        except Undecided:
            return None

    def _givens_hold(self, point: Point, functions: dict[sp.Basic, sp.Basic], rng: random.Random) -> bool:
        for lem in self.lemmas:
            if lem.variables or not isinstance(lem.statement, sp.Rel):
                continue  # quantified lemmas are checked at applications (_instances_hold)
            # A lemma about symbols (``a <= 1``) holds at every admissible
            # point where its hypotheses do.
            try:
                applies = [self._holds(h, point, functions, rng, self.givens) for h in lem.hypotheses]
                if False in applies:
                    continue
                if None in applies or self._holds(lem.statement, point, functions, rng, self.givens) is not True:
                    return False
            except Undecided:
                return False
        defined = (sp.Symbol, sp.MatrixSymbol, sp.core.function.AppliedUndef)
        # a name two givens define (x = 1 and x = y): rewriting uses one, the point must meet the other
        twice = {lhs for lhs, n in Counter(g.statement.lhs for g in self.givens if g.index is None
                                           and isinstance(g.statement, sp.Eq)).items() if n > 1}
        for g in self.givens:
            if g.index is not None or not isinstance(g.statement, sp.Rel):
                continue
            st = g.statement
            others = tuple(h for h in self.givens if h is not g)
            if isinstance(st, sp.Eq) and isinstance(st.lhs, defined) and not self._determined(st.lhs, point, others) \
                    and st.lhs not in self._law_parameters() and st.lhs not in point.values and st.lhs not in twice:
                continue  # a definition: applied by rewriting (a law's parameter, mu in the model, or a name
                # the point gives a value, is checked there)
            # A hypothesis is checked against the model, never rewritten by
            # itself (that would make every point satisfy it); so is a
            # definition of a term the other givens already determine (the
            # induction hypothesis g(t) = 0 where a recurrence unfolds g(t)).
            try:
                if self._holds(st, point, functions, rng, others) is not True:
                    return False
            except Undecided:
                return False
        return True


    def _law_parameters(self) -> set[sp.Basic]:
        return set().union(*(alg.law_parameters() for alg in self.algebras if isinstance(alg, Fitting)))

    def _determined(self, term: sp.Basic, point: Point, others: Sequence[Given]) -> bool:
        """Whether ``others`` give the application ``term`` a value at
        ``point`` (rewrite it into something else)."""
        if not isinstance(term, AppliedUndef) or not others:
            return False
        at = at_point(term, point.values)
        try:
            return bool(self._with_givens(at, point, others) != at)
        except MemoryError:
            raise
        except Exception:  # cannot tell: the definition must then hold in the model
            return True


def _put_in(statement: sp.Basic, at: dict[sp.Basic, sp.Basic], values: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """``statement`` with the instance's values ``at`` (numbers), then the
    point's ``values``, put in: in one pass where every name put in is a
    symbol (nothing the first pass makes can then be a name of the second,
    and a variable of both keeps the instance's value), so the statement is
    built and evaluated once rather than twice."""
    if all(isinstance(k, sp.Symbol) for k in (*at, *values)) \
            and not any(v.free_symbols for v in at.values() if isinstance(v, sp.Basic)):
        return statement.xreplace({**values, **at})
    return statement.xreplace(at).xreplace(values)


def _require_model(model: Model, values: dict[sp.Basic, sp.Basic]) -> None:
    """Raise :class:`Undecided` when ``model`` is not made of real laws at
    ``values`` (a variance the point makes negative): it refutes nothing there."""
    if model.exists is not None and not model.exists(values):
        raise Undecided("the model's laws do not exist at this point")
