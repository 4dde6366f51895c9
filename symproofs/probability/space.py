"""Random variables: the operators E, Var and Cov, and the probability space
that gives them meaning.

Random variables are real sympy symbols (``X``) or applied functions for
indexed families (``W(i, j)``), declared in a :class:`ProbabilitySpace` with
a law (:mod:`symproofs.probability.laws`). Independence is declared, never
assumed. :meth:`ProbabilitySpace.reduce` rewrites E, Var and Cov into a
normal form (it is used to prove, so every rule is exact);
:meth:`ProbabilitySpace.models` yields concrete models that respect the
declarations (they are used only to refute).

>>> import sympy as sp
>>> mu, s2, a, b = sp.symbols("mu s2 alpha beta", real=True)
>>> space = ProbabilitySpace()
>>> X = space.variable("X", Normal(mu, s2))
>>> Y = space.variable("Y", Uniform(a, b))
>>> space.independent(X, Y)
>>> sp.factor(space.reduce(E(X * Y)))
mu*(alpha + beta)/2
>>> space.reduce(Var(2 * X + 1))
4*s2

The rewrite engine behind :meth:`~ProbabilitySpace.reduce` is
:mod:`symproofs.probability.moments`; the concrete models are in
:mod:`symproofs.probability.models`; the operators and families in
:mod:`symproofs.probability.variables`; what the declarations say about
the random atoms of an expression in :mod:`symproofs.probability.declarations`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.goals import Algebra, Model, Outcome
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.probability.conditioning import condition
from symproofs.probability.declarations import NO_CTX, Declarations, Groups
from symproofs.probability.events import decide_events, undecided
from symproofs.probability.explain import explain
from symproofs.probability.laws import (
    Bernoulli,
    Distribution,
    Generic,
    Laplace,
    Normal,
    Rademacher,
    TwoPoint,
    Uniform,
    density,
    moment_integral,
    support,
)
from symproofs.probability.models import Concrete, Flavour, ModelError, Realization, Unit
from symproofs.probability.moments import Symbolic
from symproofs.probability.variables import (
    MEMBERS,
    OPERATORS,
    CondE,
    Cov,
    E,
    Family,
    Independent,
    Prob,
    Uncorrelated,
    Var,
    foreign,
)

__all__ = [
    "Bernoulli",
    "Cov",
    "Distribution",
    "E",
    "Family",
    "Generic",
    "Independent",
    "Laplace",
    "ModelError",
    "Normal",
    "ProbabilitySpace",
    "Rademacher",
    "TwoPoint",
    "Uncorrelated",
    "Uniform",
    "Var",
    "density",
    "moment_integral",
    "support",
]

class ProbabilitySpace(Declarations, Algebra):
    """Declared random variables, families, independence and uncorrelation.

    >>> space = ProbabilitySpace()
    >>> X = space.variable("X", Generic(mean=0, var=1))
    >>> Y = space.variable("Y", Generic(mean=0, var=1))
    >>> space.reduce(Var(X + Y))
    2*E(X*Y) + 2
    >>> space.independent(X, Y)
    >>> space.reduce(Var(X + Y))
    2
    """

    name = "probability"

    def _reset(self) -> None:
        super()._reset()
        self._engine = Symbolic(self)

    # declarations ----------------------------------------------------------
    def variable(self, name: str, distribution: Distribution) -> sp.Symbol:
        """Declare the random variable ``name`` (a real symbol) with its law."""
        self._check_new(name, distribution)
        sym = sp.Symbol(name, real=True)
        self._variables[sym] = distribution
        self._order.append(name)
        self._reset()
        return sym

    def family(self, name: str, distribution: Distribution, *, members: str = "dependent") -> Family:
        """Declare an indexed family ``name(i, ...)`` of identically
        distributed variables; ``members`` is ``"iid"`` (or
        ``"independent"``), ``"uncorrelated"`` or ``"dependent"``."""
        self._check_new(name, distribution)
        if members not in MEMBERS:
            raise InputError(f"family {name!r}: members={members!r} is not one of {sorted(MEMBERS)}")
        fam = Family(name=name, func=sp.Function(name, real=True), generic=sp.Symbol(name, real=True),
                     distribution=distribution, members=MEMBERS[members])
        self._families[name] = fam
        self._by_func[fam.func] = fam
        self._by_generic[fam.generic] = fam
        self._order.append(name)
        self._reset()
        return fam

    def process(self, name: str) -> Family:
        """Declare ``name(t)`` a random sequence with no declared law (the
        state ``v(t)`` of an optimizer, a function of other variables):
        never a constant, its members not identically distributed. ``E`` is
        linear in it and keeps ``E(v(t))``, ``E(v(t)**2)``, ... as they are;
        what is known about it comes from givens and lemmas.

        >>> space = ProbabilitySpace()
        >>> v = space.process("v")
        >>> t = sp.Symbol("t", integer=True)
        >>> space.reduce(E(2 * v(t) + 1) - E(v(t - 1)))
        2*E(v(t)) - E(v(t - 1)) + 1
        """
        self._check_new(name, Generic())
        fam = Family(name=name, func=sp.Function(name, real=True), generic=sp.Symbol(name, real=True),
                     distribution=Generic(), members="dependent", identical=False)
        self._families[name] = fam
        self._by_func[fam.func] = fam
        self._by_generic[fam.generic] = fam
        self._order.append(name)
        self._reset()
        return fam

    def independent(self, *groups: Any) -> None:
        """Declare the groups mutually independent; a group is a variable, a
        family (all its members) or a tuple of them."""
        self._independent.append(self._groups(groups, "independent"))
        self._reset()

    def uncorrelated(self, *groups: Any) -> None:
        """Declare every variable of one group uncorrelated with every
        variable of another (``E[XY] = E[X]E[Y]``, nothing more)."""
        self._uncorrelated.append(self._groups(groups, "uncorrelated"))
        self._reset()

    def _check_new(self, name: str, distribution: Distribution) -> None:
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"a random variable needs a name, not {name!r}")
        if name in self._order:
            raise InputError(f"{name!r} is already declared in this probability space")
        if not isinstance(distribution, Distribution):
            raise InputError(f"{name!r}: the law must be a Distribution (Normal, Generic, ...), "
                             f"not {distribution!r}")
        random = {n for p in distribution.parameters if isinstance(p, sp.Basic)
                  for n in (*(str(s) for s in p.free_symbols), *(a.func.__name__ for a in p.atoms(AppliedUndef)))
                  if n in self._order}
        using = [n for n, dist in self._laws() if name in {str(x) for p in dist.parameters if isinstance(p, sp.Basic)
                                                            for x in p.free_symbols}]
        if using:  # Y ~ N(Z, 1) declared first, then Z random: the same conditional law
            raise InputError(f"{name!r}: the law of {using[0]!r} already uses {name!r} as a parameter; a law with "
                             "a random parameter is a conditional law, which is not supported")
        if random:  # X ~ N(Y, 1) with Y random: a law given a random parameter is a conditional law
            raise InputError(f"{name!r}: the law's parameters use the random variable(s) {sorted(random)}; "
                             "a law with a random parameter is a conditional law, which is not supported")

    def _laws(self) -> list[tuple[str, Distribution]]:
        """Every declared variable and family with its law."""
        return [*((str(sym), dist) for sym, dist in self._variables.items()),
                *((name, fam.distribution) for name, fam in self._families.items())]

    def _groups(self, groups: Sequence[Any], what: str) -> Groups:
        out = tuple(frozenset(self._unit_names(g)) for g in groups)
        if len(out) < 2:
            raise InputError(f"{what}(...) needs at least two variables or groups")
        seen: set[str] = set()
        for g in out:
            if seen & g:
                raise InputError(f"{what}(...): {sorted(seen & g)[0]!r} appears in two groups")
            seen |= g
        return out

    def _unit_names(self, item: Any) -> set[str]:
        if isinstance(item, (list, tuple, set, frozenset)):
            return set().union(*(self._unit_names(i) for i in item)) if item else set()
        if isinstance(item, Family) and self._families.get(item.name) is item:
            return {item.name}
        unit = self._unit(item) if isinstance(item, sp.Basic) else None
        if unit is not None:
            return {unit}
        if item in self._by_func:
            return {self._by_func[item].name}
        raise InputError(f"{item!r} is not a random variable of this space; declare it with "
                         "space.variable(...) or space.family(...) first")

    @property
    def families(self) -> dict[str, Family]:
        """The declared families, by name."""
        return dict(self._families)

    def law_of(self, x: sp.Basic) -> Distribution | None:
        """The law of a declared random variable or of a member of a declared
        family of identically distributed variables; ``None`` otherwise."""
        if isinstance(x, sp.Symbol):
            return self._variables.get(x)
        if isinstance(x, AppliedUndef):
            fam = self._by_func.get(x.func)
            if fam is not None and fam.identical:
                return fam.distribution
        return None

    # the Algebra hooks -------------------------------------------------------------
    def reduce(self, expr: sp.Basic) -> sp.Basic:
        """Probabilities and conditional expectations that the laws decide
        evaluated (:mod:`symproofs.probability.events`); E, Var and Cov
        rewritten into the normal form (exact)."""
        if not isinstance(expr, sp.Basic) or not expr.args:
            return expr
        decided = decide_events(expr, self.law_of)
        if decided.has(CondE):  # the law of total expectation (probability/conditioning.py)
            decided = decided.replace(lambda x: isinstance(x, CondE),
                                      lambda q: condition(q, self.law_of, self._all_independent))
        return self._engine.walk(decided)

    def _all_independent(self, xs: list[sp.Basic]) -> bool:
        return self.holds(Independent(*xs)) is True

    def existence_problem(self, goal: Any) -> str | None:
        """An expectation, variance or covariance in a side whose argument may
        have no value at an atom of a two-valued law (see
        :meth:`~symproofs.probability.declarations.Declarations.pole`)."""
        for side in (goal.lhs, goal.rhs):
            for part in side if isinstance(side, tuple) else (side,):
                if not isinstance(part, sp.Basic):
                    continue
                for op in part.atoms(*OPERATORS):
                    why = next(filter(None, (self.pole(a) for a in op.args)), None)
                    if why is not None:
                        return f"{sp.sstr(op)} may not exist: {why}"
        return None

    def strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (("probabilities of events", self._events),)

    def _events(self, goal: Any, state: Any) -> Any:
        """A step whose difference keeps a probability or a conditional
        expectation that no declared law decides is *unknown*, with the
        reason: no point can stand for a law nothing describes."""
        sides = (goal.lhs, goal.rhs)
        if not all(isinstance(x, sp.Expr) for x in sides) or not any(x.has(Prob, CondE) for x in sides):
            return None
        lhs, rhs = (self.reduce(x) for x in sides)
        diff = sp.expand(lhs - rhs)
        if diff.is_number and not diff.has(Prob, CondE, *OPERATORS) and _differ(lhs, rhs):
            # both sides are numbers the declared laws decide, decided apart exactly: no point to draw
            cx = Counterexample(assignment=(), lhs=lhs, rhs=rhs, model="the declared laws")
            return Outcome(verdict=Verdict.REFUTED, method="probabilities of events", trust=Trust.NONE,
                           counterexample=cx)
        reasons = undecided(diff, self.law_of)
        if not reasons and any(x.has(CondE) for x in sides) and not diff.has(Prob, CondE):
            if diff == 0:
                return Outcome(verdict=Verdict.PROVED, method="conditional expectations", trust=Trust.SYMBOLIC)
            if not any(decide_events(x, self.law_of).has(CondE) for x in sides):
                return None  # decided by densities: the models may refute
            # no concrete model stands for a conditional expectation: nothing to refute with
            return Outcome(verdict=Verdict.UNKNOWN, method="conditional expectations", trust=Trust.NONE,
                           message=f"not proved; left to show: {sp.sstr(diff)} = 0")
        if not reasons:
            return None
        return Outcome(verdict=Verdict.UNKNOWN, method="probability not decided", trust=Trust.NONE,
                       message="; ".join(reasons[:3]))

    def owns(self, expr: sp.Basic) -> bool:
        return isinstance(expr, sp.Basic) and bool(expr.has(*OPERATORS))

    def logical_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (("equations in the expectation normal form", self._equations_in_normal_form),)

    def _equations_in_normal_form(self, goal: Any, state: Any) -> Any:
        """``=>`` and ``<=>`` between systems that mention E, Var or Cov: every
        equation put in the normal form (exact), expectations left
        unevaluated abstracted as unknowns (what holds for every value of an
        unknown holds for its value), then ideal membership."""
        from dataclasses import replace

        from symproofs.core.model import flatten_side
        from symproofs.verifier.ideals import ideal

        sides = [flatten_side(goal.lhs), flatten_side(goal.rhs)]
        if not any(self.owns(p) for side in sides for p in side):
            return None
        if not all(isinstance(p, sp.Eq) for side in sides for p in side):
            return None
        reduced = [[(self.reduce(p.lhs), self.reduce(p.rhs)) for p in side] for side in sides]
        left = {a for side in reduced for pair in side for e in pair for a in e.atoms(*OPERATORS)}
        ordered = sorted(left, key=sp.default_sort_key)
        unknowns = {a: sp.Dummy(f"m{n}", real=True) for n, a in enumerate(ordered)}
        lhs, rhs = (tuple(sp.Eq(a.xreplace(unknowns), b.xreplace(unknowns), evaluate=False) for a, b in side)
                    for side in reduced)
        out = ideal(replace(goal, lhs=lhs, rhs=rhs), state)
        return None if out is None else replace(out, method=f"{out.method} in the expectation normal form")

    def holds(self, statement: sp.Basic) -> bool | None:
        """Decide ``Independent(A, B, ...)`` and ``Uncorrelated(A, B)`` from
        the declarations; ``None`` when they do not settle it."""
        if isinstance(statement, (Independent, Uncorrelated)):
            items = [(a, self._atoms(a)) for a in statement.args if self._atoms(a)]
            if len(items) < 2:
                return True if len(statement.args) >= 2 else None
            if len(self._independent_groups(items, NO_CTX)) == len(items):
                return True
            if isinstance(statement, Uncorrelated):
                (x, ax), (y, ay) = items
                if x in ax and y in ay and self._uncorrelated_pair(x, y, NO_CTX):
                    return True
        return None

    def fingerprint(self) -> str:
        parts = [self.name]
        for sym, dist in self._variables.items():
            parts.append(f"{sym.name}~{dist.describe()}")
        for fam in self._families.values():
            law = fam.distribution.describe() if fam.identical else "process"
            parts.append(f"{fam.name}(...)~{law},{fam.members}")
        for kind, decls in (("independent", self._independent), ("uncorrelated", self._uncorrelated)):
            for decl in decls:
                parts.append(kind + "(" + " | ".join(",".join(sorted(g)) for g in decl) + ")")
        return "; ".join(parts)

    def models(self, rng: random.Random) -> Iterator[Model]:
        """Concrete models that respect every declaration (see
        :class:`~symproofs.probability.laws.Realization`): a shared model, a
        skewed one, one where everything is independent, then three drawn
        with ``rng``. ``apply`` raises :class:`ModelError` (a
        ``ValueError``) when a model cannot evaluate an expression exactly."""
        return self._fitted(rng, {}, {})

    def _fitted(self, rng: random.Random, laws: dict[str, Distribution],
                processes: dict[str, tuple[tuple[sp.Basic, ...], sp.Expr, str]]) -> Iterator[Model]:
        """:meth:`models` with ``laws`` replacing the declared law of some
        variables (by name), and the processes in ``processes`` realized
        from their mean or value (dummies, the expression in them, which)."""
        order = tuple(self._order)
        flavours = [
            Flavour("shared", order, skew=False, mean=sp.S.One, scale=sp.S.One),
            Flavour("skewed", order[::-1], skew=True, mean=sp.Rational(-1, 2), scale=sp.S(2)),
            Flavour("independent", order, skew=True, mean=sp.S(2), scale=sp.Rational(1, 2), alone=True),
        ]
        for n in range(3):
            shuffled = list(order)
            rng.shuffle(shuffled)
            flavours.append(Flavour(f"random {n + 1}", tuple(shuffled), skew=rng.random() < 0.5,
                                    mean=sp.Rational(rng.randint(-4, 4), rng.randint(1, 3)),
                                    scale=sp.Rational(rng.randint(1, 5), rng.randint(1, 3))))
        units = [Unit(name=name, distribution=laws.get(name, dist), members=None if fam is None else fam.members,
                      signed=any(self._group_index(decl, name) is not None for decl in self._uncorrelated))
                 for name, dist, fam in self._units()]
        for flavour in flavours:
            world = Realization(units, self._separated, flavour, processes)
            engine = Concrete(self, world)
            yield Model(description=world.describe, apply=engine.apply,
                        explain=partial(explain, engine), exists=world.exists)

    def pinned_moments(
        self,
        statements: Sequence[sp.Basic],
        quantified: Sequence[tuple[sp.Basic, tuple[sp.Basic, ...]]] = (),
    ) -> dict[sp.Basic, dict[str, sp.Expr]]:
        """Moments that hypotheses pin for laws that declare nothing.

        For a variable ``X`` with law ``Generic()``: ``E(X) = m``,
        ``E(X**2) = q`` or ``Var(X) = v`` among ``statements`` (checked
        against every model by the caller), with a side free of random
        quantities, by what they pin (``"mean"``, ``"second"``, ``"var"``).
        For a process ``v``: its mean ``E(v(t)) = m(t)``, when that is the
        only thing any hypothesis says about it and it holds for every
        ``t`` (``quantified`` pairs a statement with the variables it holds
        for); the key is then ``v`` at dummies, which ``m`` is written in.
        A variable that a quantified statement mentions is not pinned (such
        statements are not checked against models)."""
        out: dict[sp.Basic, dict[str, sp.Expr]] = {}
        mentioned = set().union(*(self._atoms(st) | _inner_atoms(self, st) for st, _ in quantified))
        for st in statements:
            if not isinstance(st, sp.Eq):
                continue
            for side, other in ((st.lhs, st.rhs), (st.rhs, st.lhs)):
                if not self._deterministic(other):
                    continue
                found = self._pinned(side)
                if found is not None and found[0] not in mentioned:
                    out.setdefault(found[0], {}).setdefault(found[1], other)
        for fam in self._families.values():
            if not fam.identical:
                process = self._process_pin(fam, statements, quantified)
                if process is not None:
                    out[process[0]] = process[1]
        return out

    def declared_symbols(self) -> frozenset[sp.Basic]:
        return frozenset(self.law_parameters() | set(self.random_symbols()))

    def declared_terms(self) -> frozenset[object]:
        """The declared names and every law's parameters as written (a mean
        ``f(1)`` brings the function ``f`` and its assumptions)."""
        written = {p for _, dist, _ in self._units() for p in dist.parameters if isinstance(p, sp.Basic)}
        return super().declared_terms() | frozenset(written)

    def assumptions(self) -> tuple[sp.Basic, ...]:
        """What the declared laws need of their parameters (``0 <= p <= 1``
        for ``Bernoulli(p)``, ``v >= 0`` for ``Normal(0, v)``)."""
        laws = [*self._variables.values(), *(fam.distribution for fam in self._families.values())]
        return tuple(dict.fromkeys(c for law in laws for c in law.constraints()))

    def law_parameters(self) -> set[sp.Basic]:
        """The symbols the declared laws are written in (a symbolic mean)."""
        found: set[sp.Basic] = set()
        for _, dist, _ in self._units():
            for p in dist.parameters:
                found |= p.free_symbols
        return found - {sp.Symbol("?")}

    def _process_pin(
        self,
        fam: Family,
        statements: Sequence[sp.Basic],
        quantified: Sequence[tuple[sp.Basic, tuple[sp.Basic, ...]]],
    ) -> tuple[sp.Basic, dict[str, sp.Expr]] | None:
        """What the hypotheses say about process ``fam``, when it pins every
        member: one statement for every ``t``, either ``E(v(t)) = m(t)``
        (``"mean"``) or ``v(t) = r(t)`` (``"value"``, a random expression
        in which ``v`` occurs only at fixed indices that equations
        ``v(c) = r_c`` give, consistently with ``r(c)``)."""
        about = [(st, vs) for st, vs in [*((st, ()) for st in statements), *quantified]
                 if st.has(fam.func) or st.has(fam.generic)]
        general = [(st, vs) for st, vs in about if vs]
        if len(general) != 1 or not isinstance(general[0][0], sp.Eq):
            return None
        st, variables = general[0]
        kind = "mean" if isinstance(st.lhs, E) else "value"
        member = st.lhs.args[0] if kind == "mean" else st.lhs
        if not (isinstance(member, AppliedUndef) and member.func == fam.func and member.args
                and len(set(member.args)) == len(member.args) and set(member.args) == set(variables)):
            return None
        fixed: dict[sp.Basic, sp.Basic] = {}
        for other, _ in about:
            if other is st:
                continue
            if not (kind == "value" and isinstance(other, sp.Eq) and isinstance(other.lhs, AppliedUndef)
                    and other.lhs.func == fam.func and all(a.is_number for a in other.lhs.args)
                    and self._deterministic(other.rhs)):
                return None
            fixed[other.lhs] = other.rhs
        rhs = st.rhs
        if kind == "mean" and not self._deterministic(rhs):
            return None
        if kind == "value":
            if not isinstance(rhs, sp.Expr) or rhs.has(*OPERATORS):
                return None
            rhs = rhs.xreplace(fixed)
            inner = [a for a in rhs.atoms(AppliedUndef) if a.func == fam.func] + \
                [a for a in rhs.atoms(sp.Symbol) if a == fam.generic]
            if inner or any(self._opaque(a) for a in self._atoms(rhs)):
                return None
            units = {self._unit(a) for a in self._atoms(rhs)}
            if self._has_uncorrelated(fam.name) or any(u is not None and self._separated(fam.name, u) for u in units):
                return None  # declared independent of what its value is made of
            for at, value in fixed.items():  # the general statement at c agrees with v(c) = r_c
                instance = rhs.xreplace(dict(zip(member.args, at.args, strict=True))).doit()
                if sp.expand(instance - value) != 0:
                    return None
        dummies = tuple(sp.Dummy(f"{fam.name}{n}", integer=a.is_integer) for n, a in enumerate(member.args))
        rename = dict(zip(member.args, dummies, strict=True))
        return fam.func(*dummies), {kind: rhs.xreplace(rename)}

    def _deterministic(self, e: sp.Basic) -> bool:
        return isinstance(e, sp.Expr) and not e.has(*OPERATORS) and not self._atoms(e) and not e.atoms(AppliedUndef)

    def _pinned(self, side: sp.Basic) -> tuple[sp.Symbol, str] | None:
        if not isinstance(side, (E, Var)) or foreign(side) or len(side.args) != 1:
            return None
        base, k = side.args[0].as_base_exp()
        if not isinstance(base, sp.Symbol) or base not in self._variables:
            return None
        dist = self._variables[base]
        if not isinstance(dist, Generic) or dist.mean is not None or dist.var is not None or dist.table \
                or dist.symmetric_about_zero:
            return None
        if isinstance(side, Var):
            return (base, "var") if k == 1 else None
        return {1: (base, "mean"), 2: (base, "second")}.get(int(k)) if k.is_Integer else None

    def fitted_models(self, rng: random.Random, pinned: dict[sp.Basic, dict[str, sp.Expr]]) -> list[Model]:
        """The models of :meth:`models` with each pinned variable given a law
        with those moments (``pinned`` holds their exact values at one
        point, see :meth:`pinned_moments`) and each pinned process made of
        independent members, ``v(t) = m(t)`` plus noise of mean 0; no models
        when the values are not those of a real law (a negative variance)
        or cannot be decided."""
        laws: dict[str, Distribution] = {}
        processes: dict[str, tuple[tuple[sp.Basic, ...], sp.Expr, str]] = {}
        for key, moments in pinned.items():
            if isinstance(key, AppliedUndef):
                ((kind, value),) = moments.items()
                if value.free_symbols - set(key.args) - self.random_symbols() \
                        or (kind == "mean" and value.atoms(AppliedUndef)):
                    return []
                processes[str(key.func)] = (tuple(key.args), value, kind)
                continue
            mean, second, var = (moments.get(w) for w in ("mean", "second", "var"))
            if var is None and second is not None:
                var = second - (mean if mean is not None else sp.S.Zero) ** 2
                mean = sp.S.Zero if mean is None else mean
            elif var is not None and second is not None:
                if mean is None or sp.expand(mean**2 + var - second) != 0:
                    return []
            values = [v for v in (mean, var) if v is not None]
            if not all(isinstance(v, sp.Expr) and v.is_real is True and not v.free_symbols for v in values):
                return []
            if var is not None and var.is_nonnegative is not True:
                return []
            laws[str(key.name)] = Generic(mean=mean, var=var)
        return list(self._fitted(rng, laws, processes))

    # used by the plan --------------------------------------------------------------------
    def _units(self) -> list[tuple[str, Distribution, Family | None]]:
        out: list[tuple[str, Distribution, Family | None]] = []
        for name in self._order:
            fam = self._families.get(name)
            if fam is not None and not fam.identical:  # a process is never realized
                continue
            dist = fam.distribution if fam is not None else self._variables[sp.Symbol(name, real=True)]
            out.append((name, dist, fam))
        return out


def _inner_atoms(space: ProbabilitySpace, st: sp.Basic) -> frozenset[sp.Basic]:
    """The random variables inside E, Var and Cov in ``st``."""
    return frozenset().union(*(space._atoms(a) for op in st.atoms(*OPERATORS) for a in op.args))


def _differ(a: sp.Basic, b: sp.Basic) -> bool:
    """Whether two numbers differ, decided exactly (:func:`~symproofs.verifier.values.fails`),
    never from what sympy infers about their difference; ``False`` when undecided."""
    from symproofs.verifier.values import Undecided, fails

    try:
        return fails(a, b, "eq")
    except Undecided:
        return False
