"""Concrete models of a probability space, used only to refute.

A :class:`Realization` makes every declared random variable an exact
function of independent :class:`Coordinate` s (finite laws with exact
probabilities, or standard continuous laws known by their moments) while
respecting every declaration; :class:`Concrete` is the expectation engine
of :mod:`symproofs.probability.moments` evaluating in one such model.

>>> c = Coordinate.sign("e")
>>> c.moment(2), c.moment(3)
(1, 0)
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, cast

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import NotSupportedError
from symproofs.probability.declarations import NO_CTX, Ctx, Declarations
from symproofs.probability.laws import Distribution, Generic, moments_realizable
from symproofs.probability.moments import Engine, positive_part

__all__ = ["Concrete", "Coordinate", "Flavour", "ModelError", "Realization", "Unit"]


# -- coordinates of finite models ----------------------------------------------
@dataclass(frozen=True, eq=False)
class Coordinate:
    """One independent source of randomness in a model.

    Either finite (``values`` with exact, possibly symbolic, ``probs``) or a
    standard continuous law known by its moments (``law`` names it). Every
    coordinate of a model is independent of the others.
    """

    symbol: sp.Dummy
    law: str
    values: tuple[sp.Expr, ...] = ()
    probs: tuple[sp.Expr, ...] = ()
    raw: Callable[[int], sp.Expr] | None = None
    sample: sp.Expr = sp.S.Zero
    distribution: Distribution | None = None  # the law a coordinate known by its moments stands for

    @property
    def finite(self) -> bool:
        return self.raw is None

    def moment(self, k: int) -> sp.Expr:
        if self.raw is not None:
            return self.raw(k)
        return sp.Add(*[p * v**k for v, p in zip(self.values, self.probs, strict=True)])

    def describe(self) -> str:
        if self.finite:
            vals = ", ".join(sp.sstr(v) for v in self.values)
            probs = ", ".join(sp.sstr(p) for p in self.probs)
            return f"{sp.sstr(self.symbol)} takes {vals} with probabilities {probs}"
        return f"{sp.sstr(self.symbol)} is {self.law}"

    # Constructors ----------------------------------------------------------
    @classmethod
    def finite_law(cls, name: str, values: tuple[sp.Expr, ...], probs: tuple[sp.Expr, ...]) -> Coordinate:
        return cls(sp.Dummy(name, real=True), "finite", tuple(values), tuple(probs), sample=values[0])

    @classmethod
    def sign(cls, name: str) -> Coordinate:
        half = sp.Rational(1, 2)
        return cls.finite_law(name, (sp.S.One, -sp.S.One), (half, half))

    @classmethod
    def spread(cls, name: str) -> Coordinate:
        """Symmetric, mean 0, variance 1, with heavy-ish tails:
        -2, -1/2, 1/2, 2 with probabilities 1/10, 2/5, 2/5, 1/10."""
        r = sp.Rational
        return cls.finite_law(name, (r(-2), r(-1, 2), r(1, 2), r(2)), (r(1, 10), r(2, 5), r(2, 5), r(1, 10)))

    @classmethod
    def skewed(cls, name: str) -> Coordinate:
        """Asymmetric, mean 0, variance 1: -1, 0, 2 with probabilities
        1/3, 1/2, 1/6."""
        r = sp.Rational
        return cls.finite_law(name, (r(-1), r(0), r(2)), (r(1, 3), r(1, 2), r(1, 6)))

    @classmethod
    def standard(cls, kind: str, name: str) -> Coordinate:
        """The standard symmetric coordinate of a continuous family:
        ``normal`` N(0, 1), ``uniform`` U(-1, 1), ``laplace`` Laplace(0, 1)."""
        if kind == "normal":
            return cls(sp.Dummy(name, real=True), "standard normal",
                       raw=lambda k: sp.S.Zero if k % 2 else sp.factorial2(k - 1),
                       sample=sp.Rational(1, 2))
        if kind == "uniform":
            return cls(sp.Dummy(name, real=True), "uniform on [-1, 1]",
                       raw=lambda k: sp.S.Zero if k % 2 else sp.Rational(1, k + 1), sample=sp.Rational(1, 3))
        if kind == "laplace":
            return cls(sp.Dummy(name, real=True), "standard Laplace",
                       raw=lambda k: sp.S.Zero if k % 2 else sp.factorial(k), sample=sp.Rational(1, 2))
        raise NotSupportedError(f"no standard coordinate for {kind!r}")

    @classmethod
    def of_moments(cls, name: str, dist: Distribution) -> Coordinate:
        """A variable known only by its declared moments (an undeclared one
        cannot be evaluated)."""
        return cls(sp.Dummy(name, real=True), f"a law with the declared moments of {dist.describe()}",
                   raw=lambda k: dist.moment(k), sample=dist.moment(1) if not isinstance(dist, Generic)
                   or dist.mean is not None else sp.S.Zero, distribution=dist)

    def exists(self, values: dict[sp.Basic, sp.Basic]) -> bool:
        """Whether this coordinate is a real law once the symbols take
        ``values``: real values with real probabilities in ``[0, 1]``, or
        declared moments that some law has (a coordinate known by
        its moments, certified by :func:`~symproofs.probability.laws.moments_realizable`)."""
        if self.finite:
            vals = [sp.sympify(v, strict=True).xreplace(values) for v in self.values]
            probs = [sp.sympify(p, strict=True).xreplace(values) for p in self.probs]
            return not any(v.is_extended_real is False for v in vals) \
                and not any(p.is_extended_real is False or p.is_negative or (1 - p).is_negative for p in probs)
        if isinstance(self.distribution, Generic):
            # A moment the values leave symbolic is one no assumption
            # mentions (an odd moment above the rest): any value will do.
            known = {k: v.xreplace(values) for k, v in self.distribution.known_moments().items()}
            return moments_realizable({k: v for k, v in known.items() if not v.free_symbols})
        return True

    def standardized(self) -> sp.Expr:
        """This coordinate scaled to variance 1 (all built-ins have mean 0)."""
        var = self.moment(2)
        return self.symbol if var == 1 else self.symbol / sp.sqrt(var)


# -- concrete models ------------------------------------------------------------------
class ModelError(NotSupportedError, ValueError):
    """A concrete model cannot evaluate an expression exactly (a continuous
    law inside a non-polynomial function, an undeclared moment, members
    that may or may not coincide). It is a ``ValueError`` so that a probe
    treating an undefined value as "no verdict at this point" moves on."""


#: Joint outcomes enumerated by a finite model for one expectation.
_MAX_OUTCOMES = 4096
_CONTINUOUS = ("normal", "uniform", "laplace")


@dataclass(frozen=True)
class Unit:
    """What a model needs to know about one declared variable or family:
    ``members`` is ``None`` for a single variable, else how distinct
    members relate (``"independent"``, ``"uncorrelated"``, ``"dependent"``);
    ``signed`` says it is declared uncorrelated with something."""

    name: str
    distribution: Distribution
    members: str | None = None
    signed: bool = False


@dataclass(frozen=True)
class Flavour:
    """The choices that distinguish one model from another: the order in
    which variables join clusters, whether flexible laws are skewed, the
    concrete mean and scale given to laws that leave them open, and
    whether every variable is on its own (``alone``)."""

    name: str
    order: tuple[str, ...]
    skew: bool
    mean: sp.Expr
    scale: sp.Expr
    alone: bool = False


class Realization:
    """One concrete model: every random variable an exact function of
    independent :class:`Coordinate` s.

    Variables that no declaration separates (``separated(u, v)`` is false)
    join one cluster and are driven by the cluster's shared coordinate, so
    that dependence is exercised; separated ones never share a coordinate,
    so every declared independence holds. A variable declared uncorrelated
    with others is multiplied by a sign of its own (uncorrelated with
    everything, yet dependent through the shared magnitude); members of an
    uncorrelated family each get their own sign, members of an independent
    family their own coordinates, members of a dependent family are all
    equal. A law of fixed shape (normal, uniform, Laplace) is an affine
    image of a standard coordinate; a ``Generic`` law gets its declared mean
    and variance (the flavour's values when undeclared); two-valued laws
    are used as they are, with their symbolic probabilities. Symbolic
    parameters stay symbolic: only the randomness is made concrete.
    """

    def __init__(
        self, units: Sequence[Unit], separated: Callable[[str, str], bool], flavour: Flavour,
        processes: dict[str, tuple[tuple[sp.Basic, ...], sp.Expr, str]] | None = None,
    ) -> None:
        self.units = {u.name: u for u in units}
        self.processes = dict(processes or {})
        self._members: dict[tuple[str, tuple[sp.Basic, ...]], sp.Expr] = {}
        self.flavour = flavour
        self.coords: dict[sp.Basic, Coordinate] = {}
        self.private = frozenset(u.name for u in units if u.members in ("independent", "uncorrelated"))
        self._shared: dict[tuple[Any, ...], Coordinate] = {}
        self._cluster: dict[str, int] = {}
        self._anchor: dict[int, str] = {}
        self._cache: dict[tuple[str, Any], sp.Expr] = {}
        self._exists: dict[tuple[tuple[sp.Basic, sp.Basic], ...], bool] = {}
        self._params: tuple[tuple[int, int], tuple[sp.Basic, ...]] = ((-1, -1), ())
        self._expectations: dict[Hashable, sp.Expr] = {}  # E of products, by their canonical form
        self._stand_ins: dict[tuple[tuple[Any, ...], int], sp.Dummy] = {}
        self._lines: list[tuple[_Part, ...]] = []  # the variables in words, printed when described
        clusters: list[list[str]] = []
        for name in flavour.order:
            home = None
            if not flavour.alone:
                home = next((c for c in clusters if not any(separated(name, o) for o in c)), None)
            if home is None:
                home = []
                clusters.append(home)
            home.append(name)
        for cid, names in enumerate(clusters):
            for name in names:
                self._cluster[name] = cid
            for u in units:  # the anchor: the first shared law of fixed shape
                if u.name in names and u.distribution.kind in _CONTINUOUS and u.members != "independent":
                    self._anchor[cid] = u.distribution.kind
                    break
        for u in units:
            how = {None: "", "independent": " (an independent copy for each member)",
                   "uncorrelated": " (its own sign for each member)", "dependent": " (all members equal)"}
            label = u.name if u.members is None else f"{u.name}(...)"
            value = self.variable(u.name) if u.members is None else self.member(u.name, None)
            self._lines.append((f"{label} = ", value, how[u.members]))
        for name, (args, expr, kind) in self.processes.items():
            self._lines.append((f"{name}(", tuple(args), ") = ", expr,
                                *((" + ", flavour.scale, "*T (its own T for each member)") if kind == "mean" else ())))
        self._made = tuple(self.coords.values())  # the coordinates the description names

    # the variables ----------------------------------------------------------------
    def variable(self, name: str) -> sp.Expr:
        return self._get(name, None)

    def member(self, name: str, args: tuple[sp.Basic, ...] | None) -> sp.Expr:
        """A member of family ``name`` (``None``: the generic member)."""
        return self._get(name, None if self.units[name].members == "dependent" else ("member", args))

    def process_member(self, name: str, args: tuple[sp.Basic, ...]) -> sp.Expr:
        """A member of a process known by its mean ``m(t)`` only: ``m(t)``
        plus centred noise of its own (members at distinct concrete
        indices independent). For a process known by its value ``r(t)``,
        that value (in the other random variables, realized by the caller)."""
        params, expr, kind = self.processes[name]
        if len(args) != len(params) or not all(a.is_number for a in args):
            raise ModelError(f"{name}{args}: a member at a symbolic index")
        if (name, args) not in self._members:
            at = expr.xreplace(dict(zip(params, args, strict=True))).doit()
            if kind == "mean":
                at += self.flavour.scale * self._coord(Coordinate.spread, "T")
            self._members[(name, args)] = at
        return self._members[(name, args)]

    def _get(self, name: str, key: Any) -> sp.Expr:
        if (name, key) not in self._cache:
            self._cache[(name, key)] = self._realize(self.units[name])
        return self._cache[(name, key)]

    def _coord(self, make: Callable[[str], Coordinate], label: str) -> sp.Expr:
        c = make(f"{label}{len(self.coords) + 1}")
        self.coords[c.symbol] = c
        return c.symbol

    def _shared_coord(self, key: tuple[Any, ...], make: Callable[[str], Coordinate], label: str) -> sp.Expr:
        if key not in self._shared:
            self._shared[key] = self.coords[self._coord(make, label)]
        return self._shared[key].symbol

    def _standard(self, cid: int, kind: str, *, own: bool) -> sp.Expr:
        label = {"normal": "N", "uniform": "U", "laplace": "L"}[kind]
        make: Callable[[str], Coordinate] = lambda n: Coordinate.standard(kind, n)  # noqa: E731
        return self._coord(make, label) if own else self._shared_coord((cid, kind), make, label)

    def _shape(self, cid: int, *, skewed: bool, own: bool) -> sp.Expr:
        """A standardized coordinate (mean 0, variance 1): the cluster's
        shared one, or a private copy."""
        if skewed:
            return self._coord(Coordinate.skewed, "Z") if own else \
                self._shared_coord((cid, "skewed"), Coordinate.skewed, "Z")
        kind = self._anchor.get(cid)
        if kind is not None and not own:
            return self.coords[self._standard(cid, kind, own=False)].standardized()
        return self._coord(Coordinate.spread, "T") if own else \
            self._shared_coord((cid, "spread"), Coordinate.spread, "T")

    def _realize(self, unit: Unit) -> sp.Expr:
        dist = unit.distribution
        cid = self._cluster[unit.name]
        own = unit.members == "independent"
        signed = unit.members == "uncorrelated" or unit.signed
        if dist.kind == "binary":
            values, probs = dist.values()
            make: Callable[[str], Coordinate] = lambda n: Coordinate.finite_law(n, values, probs)  # noqa: E731
            # Two-valued variables that are uncorrelated are independent.
            if own or signed:
                return self._coord(make, "B")
            return self._shared_coord((cid, "binary", dist), make, "B")
        if dist.kind in _CONTINUOUS:
            w = self._standard(cid, dist.kind, own=own)
            return dist.from_standard(self._coord(Coordinate.sign, "e") * w if signed and not own else w)
        if dist.kind == "moments" or not isinstance(dist, Generic):
            return self._coord(lambda n: Coordinate.of_moments(n, dist), "M")
        symmetric = dist.symmetric
        declared = dist.moments
        if dist.mean is not None:
            m = dist.mean
        elif symmetric or 2 in declared:
            m = sp.S.Zero
        else:
            m = self.flavour.mean
        if dist.var is not None:
            s = sp.sqrt(dist.var)
        elif 2 in declared:
            s = sp.sqrt(declared[2] - m**2)
        else:
            s = self.flavour.scale
        if dist.continuous:  # no finite law is continuous: a standard normal coordinate, if the moments allow
            if any(k > 2 for k in declared):
                raise ModelError(f"{unit.name}: a continuous law with declared higher moments has no model here")
            u = self._standard(cid, "normal", own=own)
        else:
            u = self._shape(cid, skewed=self.flavour.skew and not symmetric and not signed, own=own)
        if signed and not own:
            u = self._coord(Coordinate.sign, "e") * u
        return m + s * u

    def exists(self, values: Mapping[sp.Basic, sp.Basic]) -> bool:
        """Whether this model is made of real laws when the parameters take
        ``values``: each coordinate is a law (:meth:`Coordinate.exists`) and
        each variable a real function of the coordinates (no square root of
        a negative variance). A model that does not exist at a point must
        refute nothing there."""
        exprs = list(self._cache.values())
        key = tuple((p, values.get(p, p)) for p in self._parameters())
        if key not in self._exists:
            at = {k: sp.sympify(value, strict=True) for k, value in key}
            self._exists[key] = all(c.exists(at) for c in self.coords.values()) \
                and all(_real_in(e.xreplace(at), list(self.coords)) for e in exprs)
        return self._exists[key]

    def _parameters(self) -> tuple[sp.Basic, ...]:
        """The symbols the variables and coordinates made so far are written
        in, in order (computed again only when a variable or a coordinate
        has been added: neither is ever changed)."""
        made = (len(self._cache), len(self.coords))
        if self._params[0] != made:
            params = set().union(*(e.free_symbols for e in self._cache.values())) - set(self.coords)
            for c in self.coords.values():
                params |= set().union(*(sp.sympify(x, strict=True).free_symbols for x in (*c.values, *c.probs)))
                if c.distribution is not None:
                    params |= set().union(*(p.free_symbols for p in c.distribution.parameters))
            self._params = (made, tuple(sorted(params, key=sp.default_sort_key)))
        return self._params[1]

    # evaluation ---------------------------------------------------------------------
    def describe(self) -> str:
        """The model as it was made: its coordinates and variables (not the
        members evaluations added since)."""
        coords = [c.describe() for c in self._made]
        lines = ["".join(_printed(part) for part in line) for line in self._lines]
        return "; ".join([*coords, *lines]) + f" [{self.flavour.name} model]"

    def outcome(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` at one outcome: every coordinate at its sample value."""
        return expr.xreplace({s: c.sample for s, c in self.coords.items()})

    def evaluate(self, q: sp.Expr) -> sp.Expr:
        """``E[q]`` for an expression in the coordinates, exactly.

        Products that differ only by which coordinates of the same law they
        use (``E[T_3^2 T_7]`` and ``E[T_4^2 T_9]``, the terms of a sum over
        members) have the same expectation, the coordinates being
        independent: each is evaluated once (:meth:`_canonical`)."""
        key = self._canonical(q)
        hit = self._expectations.get(key)
        if hit is None:
            hit = self._expectations[key] = self._evaluate(q)
        return hit

    def _canonical(self, q: sp.Expr) -> Hashable:
        """The form of ``q`` with its coordinates renamed to stand-ins that
        depend only on their laws and their rank among the coordinates of
        that law in ``q``: two products with the same form have the same
        expectation (a bijection between independent coordinates of equal
        laws). The form is a tree of tuples (:func:`_form`), not an expression
        built anew: building one would evaluate it again (a ``Max`` of
        stand-ins compares them), which costs more than the expectation."""
        used = sorted(q.free_symbols & self.coords.keys(), key=sp.default_sort_key)
        rank: dict[tuple[Any, ...], int] = {}
        renamed: dict[sp.Basic, sp.Basic] = {}
        for s in used:
            law = self._law_key(self.coords[s])
            k = rank[law] = rank.get(law, -1) + 1
            if (law, k) not in self._stand_ins:
                self._stand_ins[(law, k)] = sp.Dummy(f"c{len(self._stand_ins)}", real=True)
            renamed[s] = self._stand_ins[(law, k)]
        return _form(q, renamed)

    @staticmethod
    def _law_key(c: Coordinate) -> tuple[Any, ...]:
        """What a coordinate's expectations depend on: its values and
        probabilities (finite), else its law (the standard ones are named
        by it; one known by declared moments, by its distribution object)."""
        if c.finite:
            return ("finite", c.values, c.probs)
        return ("moments", c.law, id(c.distribution) if c.distribution is not None else None)

    def _evaluate(self, q: sp.Expr) -> sp.Expr:
        total: list[sp.Expr] = []
        for term in sp.Add.make_args(sp.expand(q)):
            factors = sp.Mul.make_args(term)
            uses = [f.free_symbols & self.coords.keys() for f in factors]
            groups: list[tuple[list[sp.Expr], set[sp.Basic]]] = []
            for f, used in zip(factors, uses, strict=True):
                joined = [g for g in groups if g[1] & used]
                merged = ([f, *[x for g in joined for x in g[0]]], set(used).union(*(g[1] for g in joined)))
                groups = [g for g in groups if not (g[1] & used)] + [merged]
            value = sp.S.One
            for fs, used in groups:
                value *= self._joint(sp.Mul(*fs), used)
            total.append(value)
        return sp.Add(*total)

    def _joint(self, product: sp.Expr, used: set[sp.Basic]) -> sp.Expr:
        if not used:
            return product
        if len(used) == 1:
            c = self.coords[next(iter(used))]
            base, k = product.as_base_exp()
            if base == c.symbol and k.is_Integer and k >= 0:
                return c.moment(int(k))
        coords = [self.coords[s] for s in sorted(used, key=sp.default_sort_key)]
        if not all(c.finite for c in coords) or math.prod(len(c.values) for c in coords) > _MAX_OUTCOMES:
            raise ModelError("this model cannot evaluate the expectation exactly")
        out: list[sp.Expr] = []
        for outcome in itertools.product(*[zip(c.values, c.probs, strict=True) for c in coords]):
            prob = sp.Mul(*[p for _, p in outcome])
            point = {c.symbol: v for c, (v, _) in zip(coords, outcome, strict=True)}
            out.append(prob * product.xreplace(point))
        return sp.Add(*out)


#: A piece of a description: text, an expression, or the arguments of a member.
_Part: TypeAlias = "str | sp.Basic | tuple[sp.Basic, ...]"


def _printed(part: _Part) -> str:
    """A piece of a description as text (expressions in sympy's plain syntax)."""
    if isinstance(part, str):
        return part
    return ", ".join(map(sp.sstr, part)) if isinstance(part, tuple) else sp.sstr(part)


def _real_in(e: sp.Expr, coords: list[sp.Basic]) -> bool:
    """Whether ``e``, a polynomial in the (real) coordinates, is not
    decidedly complex: a coefficient that is not real (the square root of a
    negative variance) makes no random variable."""
    if _rational_polynomial(e, frozenset(coords)):  # the usual case at a point: its coefficients are rational
        return True
    try:
        coefficients = sp.Poly(e, *coords).coeffs() if coords else [e]
    except sp.PolynomialError:
        coefficients = [e]
    return not any(c.is_extended_real is False for c in coefficients)


def _rational_polynomial(e: sp.Basic, coords: frozenset[sp.Basic]) -> bool:
    """Whether ``e`` is a polynomial in ``coords`` with rational coefficients
    (sums, products and powers to natural exponents of rationals and coordinates)."""
    for x in sp.preorder_traversal(e):
        if isinstance(x, sp.Pow):
            if not (x.exp.is_Integer and x.exp >= 0):
                return False
        elif not (isinstance(x, (sp.Add, sp.Mul, sp.Rational)) or x in coords):
            return False
    return True


# -- the engine in one model -----------------------------------------------------------------
#: Operations whose value does not depend on the order of their arguments.
_SYMMETRIC = (sp.Add, sp.Mul, sp.Max, sp.Min)


def _form(e: Any, renamed: Mapping[sp.Basic, sp.Basic]) -> Hashable:
    """``e`` as a tree of tuples (head, arguments), with the names of
    ``renamed`` replaced: two expressions with the same form are the same
    expression once renamed (the arguments of a sum, a product, a maximum or
    a minimum as a multiset: their order changes no value).

    >>> x, y, c = sp.symbols("x y c")
    >>> _form(x * y + 1, {x: c}) == _form(1 + c * y, {})
    True
    >>> _form(x * y, {x: c}) == _form(x * y, {})
    False
    """
    if not isinstance(e, sp.Basic):
        return cast(Hashable, e)
    if e in renamed:
        return cast(Hashable, renamed[e])
    if not e.args:
        return cast(Hashable, e)
    parts = tuple(_form(a, renamed) for a in e.args)
    if isinstance(e, _SYMMETRIC) and e.is_commutative:
        return (e.func, frozenset(Counter(parts).items()))
    return (e.func, parts)


class Concrete(Engine):
    """The engine with one :class:`Realization` deciding each group."""

    def __init__(self, space: Declarations, world: Realization) -> None:
        super().__init__(space)
        self.world = world
        self._seen: dict[str, list[sp.Basic]] = {}  # per family, the members realized so far
        self._one_of: dict[sp.Basic, sp.Basic] = {}
        self._factors: dict[sp.Expr, sp.Expr] = {}  # factors of products with their variables realized

    def _representative(self, atom: sp.Basic) -> sp.Basic:
        """The member realized before that ``atom`` is proved to be
        (``W(log(4)/log(2))`` is ``W(2)``), else ``atom`` itself: one member
        written two ways gets one value."""
        if not isinstance(atom, AppliedUndef) or self.space._unit(atom) is None:
            return atom
        if atom not in self._one_of:
            seen = self._seen.setdefault(str(self.space._unit(atom)), [])
            self._one_of[atom] = next((b for b in seen if self.space._relation(atom, b, NO_CTX) == "same"), atom)
            if self._one_of[atom] is atom:
                seen.append(atom)
        return self._one_of[atom]

    def realize(self, atom: sp.Basic) -> sp.Expr:
        atom = self._representative(atom)
        if self.space._opaque(atom):
            fam = self.space._family_of(atom)
            if fam.name in self.world.processes and isinstance(atom, AppliedUndef):
                value = self.world.process_member(fam.name, tuple(atom.args))
                inner = self.space._atoms(value)
                if any(self.space._opaque(a) for a in inner):
                    raise ModelError(f"{atom} is given by another process")
                return value.xreplace({a: self.realize(a) for a in inner})
            raise ModelError(f"{atom} belongs to a process with no declared law")
        if isinstance(atom, sp.Symbol) and atom in self.space._variables:
            return self.world.variable(str(atom.name))
        fam = self.space._family_of(atom)
        return self.world.member(fam.name, tuple(atom.args) if isinstance(atom, AppliedUndef) else None)

    def leaf(self, factors: tuple[sp.Expr, ...], ctx: Ctx) -> sp.Expr:
        space = self.space
        product = space._collapse(sp.Mul(*factors))
        atoms = space._atoms(product)
        found = positive_part(space, product, atoms)
        if found is not None:  # a law-level fact; keeps continuous coordinates exact
            c, a, center, k = found
            return c**k * self.expect(sp.expand((a - center) ** k), ctx) / 2
        for a, b in itertools.combinations(atoms, 2):
            ua = space._unit(a)
            if ua == space._unit(b) and ua in self.world.private and space._relation(a, b, ctx) == "unknown":
                raise ModelError(f"cannot tell whether {a} and {b} are the same member")
        try:
            values = {a: self.realize(a) for a in atoms}
            # factor by factor, each realized once (an atom's value is fixed in this model)
            return self.world.evaluate(sp.Mul(*[self._realized(f, values) for f in sp.Mul.make_args(product)]))
        except ModelError:
            raise
        except NotSupportedError as exc:  # an undeclared moment
            raise ModelError(str(exc)) from exc

    def _realized(self, factor: sp.Expr, values: dict[sp.Basic, sp.Expr]) -> sp.Expr:
        """``factor`` with its random variables at their values in the model."""
        if factor not in self._factors:
            self._factors[factor] = factor.xreplace(values)
        return self._factors[factor]

    def give_up(self, arg: sp.Expr) -> sp.Expr:
        raise ModelError("too many cases of coinciding indices")

    def undefined(self, arg: sp.Basic, why: str) -> sp.Expr:
        raise ModelError(f"the expectation of {sp.sstr(arg)} may not exist: {why}")

    def apply(self, expr: sp.Basic) -> sp.Basic:
        out = self.walk(sp.sympify(expr, strict=True))
        bare = self.space._atoms(out)
        if bare:  # random variables outside E: their values at one outcome
            out = self.world.outcome(out.xreplace({a: self.realize(a) for a in bare}))
        return out
