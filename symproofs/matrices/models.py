"""Refutation of matrix steps on concrete models, with exact comparison.

A *model* fixes every free quantity of a step: each dimension and time
index a small integer, each scalar an admissible rational, each leaf matrix
(and each initial state of a recurrence) a matrix of small rationals, and
each declared elementwise function a concrete polynomial (``sigma(x) =
x/2 + 1``, with its derivative for ``sigma'``). Everything the givens
define (``h_t`` from the recurrence, Jacobians) is computed from those
values by explicit evaluation.

A model refutes the step only when, exactly,

* every assumption holds at the scalars;
* every given holds: an equation or inequality without an index at the
  model, a recurrence at every index whose term the model uses (the terms
  it does not use are defined by the recurrence itself);
* every lemma about the problem's own objects holds: one without
  variables at the model; one for every index (a bound for every ``t``)
  only when its value in the model is a number that does not depend on the
  index or the state, so that checking it once checks it everywhere
  (otherwise the model refutes nothing); and
* the two sides compare the wrong way, decided exactly by
  :mod:`symproofs.matrices.intervals` (norms, largest eigenvalues, exponentials;
  equal irrational values are undecided, nothing is rounded). The
  counterexample is evaluated a second time from the recorded values alone
  before it is returned.

A random matrix known only through its first two moments (``E[x] = 0``,
``E[x x^T] = I`` as givens) has independent Rademacher entries in a model:
expectations are exact averages over its outcomes, and the givens about
its moments are checked like any other. A keep-mask outside an
expectation takes an outcome of positive probability. An unknown scalar
function (a loss known through its gradient) takes a value and a gradient
at the one point where it is used. Exponentials and the logistic function
are bounded by their Taylor series with the remainder bounded.

The same models refute ``=>`` and ``<=>`` between matrix equations
(:mod:`symproofs.matrices.implications`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal, Outcome, holds_random, random_heads_of
from symproofs.core.model import Relation, flatten_side
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.matrices.calculus import Unsupported
from symproofs.matrices.definitions import definitions_of
from symproofs.matrices.domain import undefined_at
from symproofs.matrices.draws import draw_scalars
from symproofs.matrices.functions import has_assumptions, instances_hold, preferred_model, respecting_model
from symproofs.matrices.instances import Explicit, OpaqueCall, PartialSymbol
from symproofs.matrices.intervals import Undecided, as_number, compare, exact, holds, interval
from symproofs.matrices.linalg import Grad, Jacobian, ScalarFunction, SeqTerm
from symproofs.matrices.setting import MatrixSetting, with_assumed_givens
from symproofs.probability.variables import Cov, E, Var
from symproofs.verifier.values import function_value

__all__ = ["ATTEMPTS", "holds_on_models", "model_strategies", "random_inside", "refute_on_models"]

#: Models drawn per step (at most). A count, not a time, so that verdicts do
#: not depend on the machine's load; the worker's time limit still applies.
ATTEMPTS = 60


# -- models -------------------------------------------------------------------------
_SCALES = [sp.S.One, sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(1, 8)]


class _Drawing(Explicit):
    """Explicit evaluation in a model: leaves take random rational values on
    first use (and keep them) when ``draw`` is given; a random matrix (one
    known only through its moments) has independent Rademacher entries,
    ``+1`` or ``-1`` with probability 1/2 each, so that ``E[x] = 0`` and
    ``E[x x^T] = I`` (the givens are checked in the model like any other)."""

    #: A random matrix with more entries has too many outcomes to average.
    MAX_RANDOM_ENTRIES = 8

    def __init__(self, *args: Any, draw: Callable[[sp.Basic, int, int], sp.ImmutableMatrix] | None = None,
                 keep: frozenset[sp.Basic] = frozenset(), **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._draw = draw
        self._keep = keep

    def leaf(self, node: sp.Basic) -> sp.ImmutableMatrix:
        if self._draw is not None and node not in self.leaves and node not in self.concrete \
                and node not in self.masks and node not in self._keep and node not in self.random:
            rows, cols = node.shape
            if not (isinstance(rows, (int, sp.Integer)) and isinstance(cols, (int, sp.Integer))):
                raise Unsupported(f"{node} has no concrete shape")
            self.concrete[node] = self._draw(node, int(rows), int(cols))
        return super().leaf(node)

    def expect(self, val: sp.Expr) -> sp.Expr:
        entries = sorted(val.free_symbols & self.random_entries, key=sp.default_sort_key)
        if entries:
            if len(entries) > self.MAX_RANDOM_ENTRIES:
                raise Unsupported("too many random entries")
            outcomes = itertools.product((sp.S.One, -sp.S.One), repeat=len(entries))
            val = sp.Add(*[val.xreplace(dict(zip(entries, o))) for o in outcomes]) / 2 ** len(entries)
        return super().expect(sp.expand(val))


@dataclass
class _Model:
    """One model: the values of the symbols, leaves, functions and unknowns."""

    subs: dict[sp.Basic, sp.Basic]
    functions: dict[Any, sp.Lambda]
    leaves: dict[sp.Basic, sp.ImmutableMatrix] = field(default_factory=dict)
    unknowns: dict[sp.Basic, sp.Basic] = field(default_factory=dict)


class _Checker:
    """Evaluates the step, the givens and the lemmas in one model."""

    def __init__(self, alg: MatrixSetting, goal: Goal, model: _Model, rng: random.Random | None,
                 keep: frozenset[sp.Basic] = frozenset()) -> None:
        self.alg, self.goal, self.model = alg, goal, model
        self.rng = rng
        self.open: set[sp.Basic] = set()
        self.failed: sp.Basic | None = None
        self.outcomes: set[sp.Basic] = set()
        subs = model.subs
        masks = {m.xreplace(subs): p.xreplace(subs) for m, p in alg.config.masks}
        random_ = tuple(r.xreplace(subs) for r in alg.config.random)
        defs = alg.definitions(goal, subs)
        kw: dict[str, Any] = {"masks": masks, "random": random_, "derivatives": alg.derivatives,
                              "concrete": dict(model.leaves)}
        self.ev: Explicit = _Drawing(defs, draw=self._draw if rng is not None else None, keep=keep, **kw)
        self.ev.rules = {}  # the other equations given are checked, never applied
        self.defs = defs
        # functions a lemma defines for every real argument (s(z) = z^2) take their definition
        self.defined = {f: lam for f, lam in definitions_of(goal.context.lemmas).items() if f not in model.functions}

    def _draw(self, node: sp.Basic, rows: int, cols: int) -> sp.ImmutableMatrix:
        assert self.rng is not None
        rng = self.rng
        if rng.random() < 0.15:  # a state at rest (where a derivative may vanish)
            return sp.ImmutableMatrix(sp.zeros(rows, cols))
        scale = rng.choice(_SCALES)
        return sp.ImmutableMatrix(rows, cols, lambda i, j: sp.Integer(rng.randint(-2, 2)) * scale)

    def _raw(self, e: sp.Basic) -> Any:
        """``e`` evaluated explicitly, before the unknowns are fixed."""
        e = e.replace(lambda x: isinstance(x, Var) and len(x.args) == 1,
                      lambda x: E(x.args[0] ** 2) - E(x.args[0]) ** 2)
        e = e.replace(lambda x: isinstance(x, Cov) and len(x.args) == 2,
                      lambda x: E(x.args[0] * x.args[1]) - E(x.args[0]) * E(x.args[1]))
        for d in e.atoms(sp.Derivative):
            # With its variable replaced by a number a derivative would be 0:
            # only a derivative by a whole matrix is evaluated in the model.
            if any(not isinstance(x, sp.MatrixSymbol) and x.xreplace(self.model.subs) != x for x in d.variables):
                raise Unsupported("a derivative by an entry or a scalar the model fixes")
        return self.ev.value(e.xreplace(self.model.subs))

    def value(self, e: sp.Basic) -> Any:
        return self.finish(self._raw(e))

    def at_every_outcome(self, e: sp.Basic) -> list[Any]:
        """The values of ``e`` at every outcome of its random entries: ``E[1/(u^T x)^2]``
        exists only where the denominator ``u^T x`` is 0 at none."""
        v = self._raw(e)
        if any(x in self.ev.mask_entries for x in _walk(v)):
            raise Unsupported("a keep-mask in a denominator")
        entries = sorted({x for x in _walk(v) if x in self.ev.random_entries}, key=sp.default_sort_key)
        if len(entries) > _Drawing.MAX_RANDOM_ENTRIES:
            raise Unsupported("too many random entries")
        signs = itertools.product((sp.S.One, -sp.S.One), repeat=len(entries))
        return [self.finish(_rebuild(v, dict(zip(entries, o, strict=True)).get)) for o in signs]

    def finish(self, v: Any) -> Any:
        """``v`` with the model's functions applied and every unknown value
        (an unknown function at a point, its partial derivatives) fixed."""
        nodes = list(_walk(v))
        if any(isinstance(x, (sp.Derivative, sp.Subs)) for x in nodes):
            raise Unsupported("a derivative left unevaluated")
        functions = {**self.defined, **self.model.functions}

        def apply(x: sp.Basic) -> sp.Basic | None:
            if isinstance(x, AppliedUndef) and x.func in functions:
                return functions[x.func](*[_rebuild(a, apply) for a in x.args])
            return None

        v = _rebuild(v, apply)
        masks = set(self.ev.mask_entries)
        nodes = list(_walk(v))
        calls = [x for x in nodes if isinstance(x, OpaqueCall)]
        if len({c.args[0] for c in calls}) != len(set(calls)):
            raise Unsupported("an unknown function at two points")
        unknowns = {x for x in nodes if isinstance(x, (AppliedUndef, OpaqueCall, PartialSymbol))}
        self.outcomes |= unknowns & masks  # a mask outside an expectation: one outcome
        for x in sorted(unknowns, key=sp.default_sort_key):
            if any(isinstance(y, sp.Symbol) and not isinstance(y, PartialSymbol) for y in _walk(x)) or x in self.open:
                raise Unsupported("an unknown function of a symbol")
            if x not in self.model.unknowns:
                if self.rng is None:
                    raise Unsupported("an unknown value not recorded")
                self.model.unknowns[x] = _mask_outcome(self.ev.mask_entries[x], self.rng) if x in masks else \
                    _point_value(x, self.rng)
        outcomes = {x for x in _walk(v) if x in self.ev.random_entries}  # a random matrix outside E
        self.outcomes |= outcomes
        for x in sorted(outcomes, key=sp.default_sort_key):
            if x not in self.model.unknowns:
                if self.rng is None:
                    raise Unsupported("an outcome not recorded")
                self.model.unknowns[x] = self.rng.choice((sp.S.One, -sp.S.One))
        known = self.model.unknowns
        v = _rebuild(v, lambda x: known.get(x))
        if any(isinstance(x, sp.Symbol) and x not in self.open for x in _walk(v)):
            raise Unsupported("free symbols remain")
        return v

    # -- hypotheses ---------------------------------------------------------
    def statement_holds(self, st: sp.Basic) -> bool | None:
        """Whether a hypothesis holds in the model; undecided when it speaks
        of a random matrix outside an expectation (one outcome would not do)."""
        before = set(self.outcomes)
        result = self._holds(st)
        if self.outcomes != before:
            return None
        return result

    def _holds(self, st: sp.Basic) -> bool | None:
        if st is sp.true:
            return True
        if isinstance(st, sp.And):
            parts = [self._holds(a) for a in st.args]
            return False if False in parts else (True if all(parts) else None)
        if not isinstance(st, (sp.Eq, sp.Le, sp.Lt, sp.Ge, sp.Gt)):
            return None
        return holds(type(st), self.value(st.lhs), self.value(st.rhs))

    def givens_hold(self) -> bool | None:
        deferred = []
        self.failed = None
        for g in self.goal.context.givens:
            if g.index is None:
                ok = self.statement_holds(g.statement)
                if ok is not True:
                    self.failed = g.statement if ok is False else None
                    return ok
            else:
                deferred.append(g)
        # Recurrences: at every index whose term the model used (the values
        # are complete once every other statement has been evaluated).
        for g in deferred:
            st = g.statement.xreplace(self.model.subs)
            if not (isinstance(st, sp.Eq) and isinstance(st.lhs, SeqTerm) and st.lhs.index.has(g.index)):
                # a hypothesis for every index (|sigma'(h_{k-1})| <= gamma for every k): it holds when its value
                # with the index symbolic is a number that satisfies it, the same at every index; else undecided
                ok = self._for_every(g.statement, (g.index,))
                if ok is not True:
                    self.failed = g.statement if ok is False else None
                    return ok
                continue
            offset = sp.expand(st.lhs.index - g.index)
            if offset.free_symbols:
                return None
            used = {n for n in self._used() if isinstance(n, SeqTerm) and n.label == st.lhs.label}
            for term in sorted(used, key=sp.default_sort_key):
                if not term.index.is_Integer:
                    if self._not_an_integer(term.index):
                        continue  # a term the family does not speak of
                    return None
                k0 = term.index - offset
                start = as_number(g.valid_from).xreplace(self.model.subs) if g.valid_from is not None else None
                if start is not None and (not start.is_Integer or k0 < start):
                    continue
                end = as_number(g.valid_to).xreplace(self.model.subs) if g.valid_to is not None else None
                if end is not None and not end.is_Integer:
                    return None
                if end is not None and k0 > end:
                    continue
                if term in self.defs.boundary:
                    continue
                ok = self.statement_holds(st.xreplace({g.index: k0}))
                if ok is not True:
                    return ok
        return True

    def _not_an_integer(self, index: sp.Expr) -> bool:
        """Whether an index with a symbol in it (``h_{L + 1}``) is, in the
        model, strictly between two integers."""
        try:
            lo, hi = interval(self.value(index))
        except Exception:  # an index without a value is not known to be off the integers
            return False
        return bool(sp.floor(lo) == sp.floor(hi) and lo > sp.floor(lo))

    def _used(self) -> set[sp.Basic]:
        keys = {k[0] for k in self.ev._memo}
        return keys | set(self.ev.leaves)

    def lemmas_hold(self) -> bool | None:
        """Whether every lemma holds in the model: one about the problem's
        objects as it says; one about functions drawn point by point at every
        drawn application (a lemma about a whole function of the model was
        checked when the function was chosen)."""
        drawn = {x.func for x in self.model.unknowns if isinstance(x, AppliedUndef)}
        pointwise = [lem for lem in self.goal.context.lemmas if not _about_problem(lem)
                     and any(a.func in drawn for a in lem.statement.atoms(AppliedUndef))]
        if pointwise and not instances_hold(pointwise, lambda: {x for x in self.model.unknowns
                                                                if isinstance(x, AppliedUndef)}, self.statement_holds):
            return None
        for lem in self.goal.context.lemmas:
            if not _about_problem(lem):
                continue
            if lem.variables:
                ok = self._for_every(lem.statement, lem.variables)
            else:
                hyps = [self.statement_holds(h) for h in lem.hypotheses]
                if any(h is None for h in hyps):
                    return None
                if not all(hyps):
                    continue
                ok = self.statement_holds(lem.statement)
            if ok is not True:
                self.failed = lem.statement if ok is False else None
                return ok
        return True

    def _for_every(self, statement: sp.Basic, variables: Sequence[sp.Basic]) -> bool | None:
        """A lemma or given for every value of its integer variables
        (``||dh_t/dh_{t-1}|| <= delta`` for every ``t``): evaluated with the
        variables symbolic and every term they reach free (a state ``h_{t-1}``
        of unknown entries); it holds when its value there is a number (the
        same for every index and state) that satisfies it. Undecided otherwise."""
        if not all(isinstance(v, sp.Symbol) and v.is_integer for v in variables):
            return None
        subs = {k: v for k, v in self.model.subs.items() if k not in variables}
        model = _Model(subs=subs, functions=self.model.functions, leaves=dict(self.ev.concrete),
                       unknowns=self.model.unknowns)
        try:
            other = _Checker(self.alg, self.goal, model, None)
            return other.statement_holds(statement)
        except (Unsupported, Undecided, TypeError, ValueError, AttributeError, NotImplementedError,
                ZeroDivisionError, KeyError, IndexError):
            return None

    def facts_hold(self) -> bool:
        for c in self.goal.context.facts.constraints:
            if c.xreplace(self.model.subs) is not sp.true:
                return False
        return True


def _mask_outcome(p: sp.Basic, rng: random.Random) -> sp.Basic:
    """An outcome of positive probability for a Bernoulli(``p``) entry of a
    keep-mask outside an expectation (a statement about the random matrix
    fails when it fails at such an outcome)."""
    if not p.is_Rational or not 0 <= p <= 1:
        raise Unsupported("a mask with an unknown keep-probability")
    support = [v for v in (sp.S.Zero, sp.S.One) if (v == 1 and p > 0) or (v == 0 and p < 1)]
    return rng.choice(support)


def _walk(v: Any) -> Iterator[sp.Basic]:
    """Every subexpression of ``v``, entries of explicit matrices included."""
    if isinstance(v, sp.MatrixBase):
        for x in v:
            yield from _walk(x)
        return
    if not isinstance(v, sp.Basic):
        return
    yield v
    for a in v.args:
        yield from _walk(a)


def _rebuild(v: Any, fn: Callable[[sp.Basic], sp.Basic | None]) -> Any:
    """``v`` with every subexpression ``x`` for which ``fn(x)`` is not
    ``None`` replaced by it (inside explicit matrices too)."""
    if isinstance(v, sp.MatrixBase):
        return sp.ImmutableMatrix(v.rows, v.cols, [_rebuild(x, fn) for x in v])
    if not isinstance(v, sp.Basic):
        return v
    out = fn(v)
    if out is not None:
        return out
    if not v.args or isinstance(v, (sp.Symbol, sp.Number)):
        return v
    args = [_rebuild(a, fn) for a in v.args]
    if all(x is y for x, y in zip(args, v.args)):
        return v
    return v.func(*args)


def _about_problem(lem: Any) -> bool:
    """Whether a lemma mentions objects other than its own variables."""
    variables = set(lem.variables)
    for x in sp.preorder_traversal(lem.statement):
        if x in variables:
            continue
        if isinstance(x, (sp.MatrixSymbol, SeqTerm)) and x not in variables:
            return True
        if isinstance(x, sp.Symbol) and x not in variables and not x.is_integer:
            return True
    bound = {lim[0] for x in sp.preorder_traversal(lem.statement) if isinstance(x, (sp.Sum, sp.Product))
             for lim in x.limits}
    return bool({s for s in lem.statement.free_symbols if isinstance(s, sp.Symbol)} - variables - bound)


# -- sampling -----------------------------------------------------------------------
def _symbols(alg: MatrixSetting, goal: Goal) -> tuple[list[sp.Symbol], list[sp.Symbol], list[sp.Symbol]]:
    """Dimensions, integer indices and real scalars a model must fix."""
    exprs: list[sp.Basic] = [*_parts(goal.lhs), *_parts(goal.rhs)]
    defined: set[sp.Basic] = set()
    for g in goal.context.givens:
        st = g.statement
        exprs.append(st)
        if g.index is None and isinstance(st, sp.Eq) and isinstance(st.lhs, sp.Symbol):
            defined.add(st.lhs)
    exprs += list(goal.context.facts.constraints)
    exprs += [lem.statement for lem in goal.context.lemmas if _about_problem(lem) and not lem.variables]
    indices = {g.index for g in goal.context.givens if g.index is not None}
    found: set[sp.Symbol] = set()
    for e in exprs:
        found |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
    found -= defined
    for e in exprs:  # names of unknown functions are labels
        found -= {x.args[0] for x in sp.preorder_traversal(e) if isinstance(x, ScalarFunction)}
    dims = list(alg.dims_of(goal))
    ints = sorted((s for s in found if s.is_integer and s not in dims and s not in indices), key=sp.default_sort_key)
    reals = sorted((s for s in found if not s.is_integer and s not in dims and not isinstance(s, PartialSymbol)),
                   key=sp.default_sort_key)
    return dims, ints, reals


def _parts(side: Any) -> list[sp.Basic]:
    out: list[sp.Basic] = []
    for p in flatten_side(side):
        if isinstance(p, sp.Basic):
            out.append(p)
    return out


# -- the strategy ---------------------------------------------------------------------
_FAILS: dict[Relation, Callable[[int], bool]] = {
    Relation.EQ: lambda c: c != 0,
    Relation.LE: lambda c: c > 0,
    Relation.LT: lambda c: c >= 0,
    Relation.GE: lambda c: c < 0,
    Relation.GT: lambda c: c <= 0,
}


def _fails(goal: Goal, a: Any, b: Any) -> bool:
    if goal.relation in _FAILS:
        c = compare(a, b)
        return c is not None and _FAILS[goal.relation](c)
    return False


def _evaluate(checker: _Checker, goal: Goal) -> tuple[Any, Any] | None:
    """The two sides, when the model satisfies every hypothesis and the step
    fails there; ``None`` otherwise."""
    a = checker.value(goal.lhs)
    b = checker.value(goal.rhs)
    if not _fails(goal, a, b):
        return None
    if not _definitions_exist(checker, goal):
        return None
    if checker.givens_hold() is not True or checker.lemmas_hold() is not True:
        return None
    if not checker.facts_hold():
        return None
    return a, b


def _definitions_exist(checker: _Checker, goal: Goal) -> bool:
    """Whether the sides and every quantity the givens define exist in the
    model: none divides by something that is 0 there (``w = \\gamma u /
    \\|u\\|`` at ``u = 0`` has no value, so no side that uses it can fail
    there, written with ``w`` or with its definition put in)."""
    defined = [g.statement.rhs for g in goal.context.givens if g.index is None and isinstance(g.statement, sp.Eq)]
    random_ = [*checker.alg.config.random, *(m for m, _ in checker.alg.config.masks)]
    return not undefined_at([goal.lhs, goal.rhs, *defined], checker.value, random_,
                            everywhere=checker.at_every_outcome)


def _describe(model: _Model, checker: _Checker | None = None) -> str:
    """The model's functions, and the law of each random matrix it used (the
    assignment gives the outcome drawn where one stands outside an expectation)."""
    parts = [f"{f}(x) = {sp.sstr(lam(sp.Symbol('x')).rewrite(sp.exp))}" for f, lam in model.functions.items()]
    used = sorted((x for x in checker.ev.leaves if x in checker.ev.random), key=sp.default_sort_key) if checker else []
    parts += [f"{sp.sstr(node)} has independent entries, +1 or -1 with probability 1/2 each" for node in used]
    return "; ".join(parts)


def random_inside(goal: Goal) -> bool:
    """Whether the goal holds a moment of a scalar probability space of its
    context, or one of its random variables (``E[Z X]`` with ``Z ~ N(0, 1)``):
    concrete matrix models would draw ``Z`` as a number, so they refute
    nothing there."""
    sides = [*_parts(goal.lhs), *_parts(goal.rhs)]
    if any(a.name == "probability" and any(a.owns(s) for s in sides) for a in goal.context.algebras):
        return True
    heads = random_heads_of(goal.context.algebras)
    return any(holds_random(s, heads) for s in sides)


def _applicable(goal: Goal) -> bool:
    """A step between two expressions whose every random part the models can
    draw: a moment of a scalar probability space in the context (``E[R_{ij}]``
    over a declared law) is not modelled here, so such a step is left to it."""
    sides = [*_parts(goal.lhs), *_parts(goal.rhs)]
    if random_inside(goal) or _opaque_derivative(goal, sides):
        return False
    return goal.relation in _FAILS and len(sides) == 2 and all(
        not isinstance(s, (sp.Rel, sp.And)) for s in sides)


def _opaque_derivative(goal: Goal, sides: list[Any]) -> bool:
    """Whether a side takes the gradient or Jacobian of a bare name (or a
    member of a family) that no given defines, such as a loss ``L``: how it
    depends on the variable is not written, and a model, which gives the
    name a number, would make the derivative 0."""
    defined = {g.statement.lhs for g in goal.context.givens if isinstance(g.statement, sp.Eq)}
    return any(isinstance(x, (Grad, Jacobian)) and isinstance(f := x.args[0], (sp.Symbol, AppliedUndef))
               and f not in defined and not (isinstance(f, AppliedUndef) and f.func in {
                   d.func for d in defined if isinstance(d, AppliedUndef)})
               for side in sides if isinstance(side, sp.Basic) for x in sp.preorder_traversal(side))


def _prepared(goal: Goal) -> Goal:
    """``goal`` with every unknown scalar function named by a fresh symbol
    (its name is a label, never a value to sample), and derivatives in a
    scalar that no hypothesis mentions taken by sympy (so that sampling the
    scalar does not freeze the variable of differentiation)."""
    names: dict[sp.Basic, sp.Basic] = {}
    mentioned: set[sp.Basic] = set()
    for g in goal.context.givens:
        mentioned |= g.statement.free_symbols
    for lem in goal.context.lemmas:
        mentioned |= lem.statement.free_symbols

    def rename(e: Any) -> Any:
        if not isinstance(e, sp.Basic):
            return e
        e = e.replace(lambda x: isinstance(x, ScalarFunction),
                      lambda x: ScalarFunction(names.setdefault(x.args[0], sp.Dummy(str(x.args[0]))), x.args[1]))
        return e.replace(
            lambda x: isinstance(x, sp.Derivative) and all(isinstance(v, sp.Symbol) and v not in mentioned
                                                           for v in x.variables),
            lambda x: x.doit())

    def side(sd: Any) -> Any:
        return tuple(rename(p) for p in sd) if isinstance(sd, tuple) else rename(sd)

    ctx = goal.context
    givens = tuple(replace(g, statement=rename(g.statement)) for g in ctx.givens)
    lemmas = tuple(replace(lem, statement=rename(lem.statement)) for lem in ctx.lemmas)
    return replace(goal, lhs=side(goal.lhs), rhs=side(goal.rhs), context=replace(ctx, givens=givens, lemmas=lemmas))


def _ready(goal: Goal) -> Goal | None:
    """The goal prepared for models, or ``None`` when models do not apply."""
    if not _applicable(goal):
        return None
    try:
        return _prepared(with_assumed_givens(goal))
    except Exception:  # a side that cannot be prepared is left alone
        return None


def _drawn(alg: MatrixSetting, goal: Goal, rng: random.Random, count: int) -> Iterator[_Model]:
    """Up to ``count`` models of the goal's scalars and functions (drawn one
    at a time, so that ``rng`` serves the model's own choices in between)."""
    dims, ints, reals = _symbols(alg, goal)
    functions = [f for f, _ in alg.config.derivatives]
    for attempt in range(count):
        subs = draw_scalars(alg, goal, dims, ints, reals, rng, attempt)
        if subs is None:
            return
        models = _functions(alg, goal, functions, rng, attempt)
        if models is not None:  # else no model of the functions respects what is known of them
            yield _Model(subs=subs, functions=models)


def refute_on_models(alg: MatrixSetting, goal: Goal, attempts: int = ATTEMPTS) -> Outcome | None:
    """A concrete model satisfying every hypothesis where the step fails
    (``attempts`` models are drawn)."""
    ready = _ready(goal)
    if ready is None:
        return None
    goal = ready
    rng = random.Random(goal.context.seed + 29)
    for model in _drawn(alg, goal, rng, attempts):
        subs = model.subs
        found = None
        for _ in range(4):
            try:
                checker = _Checker(alg, goal, model, rng)
                found = _evaluate(checker, goal)
            except Exception:  # a model that cannot be built or evaluated refutes nothing
                break
            if found is not None or checker.failed is None:
                break
            # A given bound failed: shrink the leaves it mentions and try again.
            model.leaves = dict(checker.ev.concrete)
            model.unknowns = {}
            shrink = {x for x in sp.preorder_traversal(checker.failed.xreplace(subs)) if x in model.leaves}
            if isinstance(checker.failed, sp.Eq):  # an equation: try its leaves at rest
                if not shrink:
                    break
                for x in shrink:
                    model.leaves[x] = sp.ImmutableMatrix(sp.zeros(*model.leaves[x].shape))
                continue
            if not shrink:  # bounded through defined quantities: shrink the matrices
                shrink = {x for x in model.leaves if isinstance(x, sp.MatrixSymbol)}
            for x in shrink:
                model.leaves[x] = sp.ImmutableMatrix(model.leaves[x] / 4)
        if found is None:
            continue
        model.leaves = dict(checker.ev.concrete)
        cx = _recheck(alg, goal, model)
        if cx is not None:
            return Outcome(verdict=Verdict.REFUTED, method="concrete matrix model", trust=Trust.NONE,
                           counterexample=cx)
    return None


def holds_on_models(alg: MatrixSetting, goal: Goal, count: int, *, seed: int = 0) -> list[bool]:
    """Whether the step holds, model by model, on up to ``count`` models in
    which every hypothesis holds (models where something is undecided are
    left out). For screening: agreement on models never proves a step."""
    ready = _ready(goal)
    if ready is None:
        return []
    goal = ready
    rng = random.Random(seed)
    out: list[bool] = []
    for model in _drawn(alg, goal, rng, count):
        try:
            checker = _Checker(alg, goal, model, rng)
            a, b = checker.value(goal.lhs), checker.value(goal.rhs)
            c = compare(a, b)
            if c is None or not checker.facts_hold():
                continue
            if checker.givens_hold() is not True or checker.lemmas_hold() is not True:
                continue
        except Exception:  # a model that cannot be built or evaluated says nothing
            continue
        out.append(not _FAILS[goal.relation](c))
    return out


def _functions(alg: MatrixSetting, goal: Goal, names: Sequence[Any], rng: random.Random,
               attempt: int) -> dict[Any, sp.Lambda] | None:
    """A whole function for each declared function (and its derivative) that
    respects its assumptions, its definition and the lemmas about it only
    (:func:`~symproofs.matrices.functions.respecting_model`); ``None`` when
    one has none."""
    out: dict[Any, sp.Lambda] = {}
    derivatives = alg.derivatives
    lemmas = [lem for lem in goal.context.lemmas if not _about_problem(lem)]
    for i, f in enumerate(names):
        models = respecting_model(f, derivatives.get(f), [preferred_model(rng, attempt + i)], lemmas)
        if models is None:
            return None
        out.update(models)
    return out


def _point_value(call: sp.Basic, rng: random.Random) -> sp.Basic:
    """A value for an unknown at one point; an application of a function with
    assumptions (``positive=True``) respects them, as in the scalar probe."""
    if isinstance(call, AppliedUndef) and has_assumptions(call.func):
        return function_value(call, rng)
    return sp.Rational(rng.randint(-6, 6), 2)


def _recheck(alg: MatrixSetting, goal: Goal, model: _Model) -> Counterexample | None:
    """Evaluate everything again from the recorded values only."""
    try:
        checker = _Checker(alg, goal, model, None)
        found = _evaluate(checker, goal)
    except Exception:  # a model that cannot be evaluated again refutes nothing
        return None
    if found is None:
        return None
    (a, b), whole = map(exact, found), tuple(sorted(str(f) for f in model.functions))  # checked against lemmas
    assignment: list[tuple[sp.Basic, sp.Basic]] = sorted(model.subs.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    assignment += sorted(model.leaves.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    assignment += sorted(model.unknowns.items(), key=lambda kv: sp.default_sort_key(kv[0]))
    return Counterexample(assignment=tuple(assignment), lhs=a, rhs=b, model=_describe(model, checker), whole=whole)


def model_strategies(alg: MatrixSetting) -> Sequence[tuple[str, Callable[..., object]]]:
    return (("concrete matrix model", lambda goal, state: refute_on_models(alg, goal)),)
