"""Laws of random variables, described by what the expectation algebra needs.

A :class:`Distribution` knows its raw moments ``E[X^k]`` (symbolic in its
parameters), whether it is symmetric about 0, and, for the continuous
families, its density. The finite models of :mod:`symproofs.expectations`
realize a law from a standard :class:`Coordinate` (a finite law with exact
probabilities, or a standard continuous law known by its moments).

>>> import sympy as sp
>>> a, b = sp.symbols("alpha beta", real=True)
>>> Uniform(a, b).moment(2)
alpha**2/3 + alpha*beta/3 + beta**2/3
>>> x = sp.Symbol("x", real=True)
>>> sp.factor(sp.integrate(x * density(Uniform(a, b), x), (x, *support(Uniform(a, b)))))
(alpha + beta)/2
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symproofs.errors import InputError, NotSupportedError

__all__ = [
    "Bernoulli",
    "Coordinate",
    "Distribution",
    "Generic",
    "Laplace",
    "Normal",
    "Rademacher",
    "TwoPoint",
    "Uniform",
    "density",
    "moment_integral",
    "support",
]

#: Builds the unevaluated moment ``E(X**k)`` of the variable at hand, for
#: moments a law leaves unspecified.
Unknown = Callable[[int], sp.Expr]


def _expr(value: Any, what: str) -> sp.Expr:
    try:
        out = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError) as exc:
        raise InputError(f"{what} must be a number or a sympy expression, not {value!r}") from exc
    if not isinstance(out, sp.Expr):
        raise InputError(f"{what} must be a sympy expression, not {value!r}")
    return out


def _is_zero(e: sp.Expr) -> bool:
    return bool(e == 0) or sp.expand(e) == 0


def _double_factorial_odd(j: int) -> int:
    """(j-1)!! for even j: the j-th moment of a standard normal."""
    return math.prod(range(j - 1, 0, -2)) if j > 0 else 1


class Distribution:
    """Base class of the laws. Subclasses are frozen dataclasses.

    ``kind`` says how a finite model realizes the law: ``"binary"`` (a
    two-valued law, used as it is), ``"normal"``, ``"uniform"``,
    ``"laplace"`` (an affine image of a standard symmetric coordinate),
    ``"flexible"`` (any law with the declared mean and variance will do),
    ``"moments"`` (only the declared moments are known).
    """

    kind = "moments"

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        """The raw moment ``E[X^k]`` for an integer ``k >= 0``."""
        raise NotImplementedError

    @property
    def symmetric(self) -> bool:
        """Whether the law is (provably) symmetric about 0."""
        return False

    @property
    def center(self) -> sp.Expr | None:
        """A point ``c`` such that ``X - c`` and ``c - X`` have the same law
        (``None`` when the law is not known to be symmetric)."""
        return sp.S.Zero if self.symmetric else None

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return ()

    def describe(self) -> str:
        return f"{type(self).__name__}({', '.join(sp.sstr(p) for p in self.parameters)})"

    # -- realization in a model ------------------------------------------
    def values(self) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
        """Support and probabilities of a ``"binary"`` law."""
        raise NotSupportedError(f"{self.describe()} is not a finite law")

    def from_standard(self, w: sp.Expr) -> sp.Expr:
        """The variable as an affine image of a standard symmetric coordinate
        ``w`` of the matching kind (:meth:`Coordinate.standard`)."""
        raise NotSupportedError(f"{self.describe()} has no standard form")

    def _check_k(self, k: int) -> None:
        if not isinstance(k, int) or k < 0:
            raise InputError(f"moment order must be a non-negative integer, not {k!r}")


@dataclass(frozen=True)
class Normal(Distribution):
    """Normal law with mean ``mu`` and variance ``s2``.

    >>> mu, s2 = sp.symbols("mu s2", real=True)
    >>> Normal(mu, s2).moment(4)
    mu**4 + 6*mu**2*s2 + 3*s2**2
    """

    mu: sp.Expr
    s2: sp.Expr
    kind = "normal"

    def __post_init__(self) -> None:
        object.__setattr__(self, "mu", _expr(self.mu, "Normal mean"))
        object.__setattr__(self, "s2", _expr(self.s2, "Normal variance"))
        if self.s2.is_negative:
            raise InputError(f"Normal variance must be non-negative, not {self.s2}")

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        return sp.Add(*[
            sp.binomial(k, j) * self.mu ** (k - j) * self.s2 ** (j // 2) * _double_factorial_odd(j)
            for j in range(0, k + 1, 2)
        ])

    @property
    def symmetric(self) -> bool:
        return _is_zero(self.mu)

    @property
    def center(self) -> sp.Expr | None:
        return self.mu

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return (self.mu, self.s2)

    def from_standard(self, w: sp.Expr) -> sp.Expr:
        return self.mu + sp.sqrt(self.s2) * w


@dataclass(frozen=True)
class Uniform(Distribution):
    """Uniform law on ``[alpha, beta]``; moments as polynomials:
    ``E[X^k] = (alpha^k + alpha^(k-1) beta + ... + beta^k) / (k+1)``."""

    alpha: sp.Expr
    beta: sp.Expr
    kind = "uniform"

    def __post_init__(self) -> None:
        object.__setattr__(self, "alpha", _expr(self.alpha, "Uniform lower end"))
        object.__setattr__(self, "beta", _expr(self.beta, "Uniform upper end"))
        if _is_zero(self.beta - self.alpha):
            raise InputError("Uniform needs alpha != beta")

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        a, b = self.alpha, self.beta
        return sp.Add(*[a**i * b ** (k - i) for i in range(k + 1)]) / (k + 1)

    @property
    def symmetric(self) -> bool:
        return _is_zero(self.alpha + self.beta)

    @property
    def center(self) -> sp.Expr | None:
        return (self.alpha + self.beta) / 2

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return (self.alpha, self.beta)

    def from_standard(self, w: sp.Expr) -> sp.Expr:
        return (self.alpha + self.beta) / 2 + (self.beta - self.alpha) / 2 * w


@dataclass(frozen=True)
class Laplace(Distribution):
    """Laplace law with location ``mu`` and scale ``b`` (variance ``2 b^2``)."""

    mu: sp.Expr
    b: sp.Expr
    kind = "laplace"

    def __post_init__(self) -> None:
        object.__setattr__(self, "mu", _expr(self.mu, "Laplace location"))
        object.__setattr__(self, "b", _expr(self.b, "Laplace scale"))
        if self.b.is_nonpositive:
            raise InputError(f"Laplace scale must be positive, not {self.b}")

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        return sp.Add(*[
            sp.binomial(k, j) * self.mu ** (k - j) * self.b**j * sp.factorial(j)
            for j in range(0, k + 1, 2)
        ])

    @property
    def symmetric(self) -> bool:
        return _is_zero(self.mu)

    @property
    def center(self) -> sp.Expr | None:
        return self.mu

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return (self.mu, self.b)

    def from_standard(self, w: sp.Expr) -> sp.Expr:
        return self.mu + self.b * w


@dataclass(frozen=True)
class TwoPoint(Distribution):
    """``X = a`` with probability ``p``, ``X = b`` otherwise."""

    a: sp.Expr
    b: sp.Expr
    p: sp.Expr
    kind = "binary"

    def __post_init__(self) -> None:
        for name in ("a", "b", "p"):
            object.__setattr__(self, name, _expr(getattr(self, name), f"TwoPoint {name}"))
        if self.p.is_number and not (0 <= self.p <= 1):
            raise InputError(f"a probability must lie in [0, 1], not {self.p}")

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        return self.p * self.a**k + (1 - self.p) * self.b**k

    @property
    def symmetric(self) -> bool:
        return _is_zero(self.a + self.b) and _is_zero(self.p - sp.Rational(1, 2))

    @property
    def center(self) -> sp.Expr | None:
        return (self.a + self.b) / 2 if _is_zero(self.p - sp.Rational(1, 2)) else None

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return (self.a, self.b, self.p)

    def values(self) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
        return (self.a, self.b), (self.p, 1 - self.p)


class Bernoulli(TwoPoint):
    """``Bernoulli(p)``: 1 with probability ``p``, else 0 (a dropout mask
    keeps with probability ``p``). Powers collapse: ``R**k = R``.

    >>> Bernoulli(sp.Symbol("p")).moment(3)
    p
    """

    def __init__(self, p: Any) -> None:
        super().__init__(sp.S.One, sp.S.Zero, p)

    def __repr__(self) -> str:
        return f"Bernoulli({sp.sstr(self.p)})"

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        return self.p if k > 0 else sp.S.One

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return (self.p,)


class Rademacher(TwoPoint):
    """A random sign: ``+1`` or ``-1`` with probability 1/2 each."""

    def __init__(self) -> None:
        super().__init__(sp.S.One, -sp.S.One, sp.Rational(1, 2))

    def __repr__(self) -> str:
        return "Rademacher()"

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        return ()


@dataclass(frozen=True, init=False)
class Generic(Distribution):
    """Any law, known only by the moments declared for it.

    ``mean`` and ``var`` give the first two moments; ``moments`` maps an
    order ``k`` to ``E[X^k]``; ``symmetric=True`` means symmetric about 0
    (the mean and every odd moment vanish). Undeclared moments stay
    unevaluated, as ``E(X**k)``.

    >>> m, v = sp.symbols("m v", real=True)
    >>> Generic(mean=m, var=v).moment(2)
    m**2 + v
    >>> Generic(var=1, symmetric=True).moment(3)
    0
    """

    mean: sp.Expr | None
    var: sp.Expr | None
    table: tuple[tuple[int, sp.Expr], ...]
    symmetric_about_zero: bool

    def __init__(
        self,
        mean: Any = None,
        var: Any = None,
        moments: Mapping[int, Any] | None = None,
        symmetric: bool = False,
    ) -> None:
        table: dict[int, sp.Expr] = {}
        for k, value in (moments or {}).items():
            if not isinstance(k, int) or isinstance(k, bool) or k < 1:
                raise InputError(f"Generic moments: orders are integers >= 1, not {k!r}")
            table[k] = _expr(value, f"Generic moment {k}")
        mean_e = None if mean is None else _expr(mean, "Generic mean")
        var_e = None if var is None else _expr(var, "Generic variance")
        if mean_e is not None and 1 in table:
            raise InputError("Generic: give the mean or moments[1], not both")
        if var_e is not None and 2 in table:
            raise InputError("Generic: give the variance or the second moment moments[2], not both")
        if mean_e is None and 1 in table:
            mean_e = table.pop(1)
        if symmetric:
            if mean_e is not None and not _is_zero(mean_e):
                raise InputError(f"Generic: a law symmetric about 0 has mean 0, not {mean_e}")
            odd = [k for k, v in table.items() if k % 2 and not _is_zero(v)]
            if odd:
                raise InputError(f"Generic: a law symmetric about 0 has E[X^{odd[0]}] = 0")
            mean_e = sp.S.Zero
            table = {k: v for k, v in table.items() if k % 2 == 0}
        if var_e is not None and var_e.is_negative:
            raise InputError(f"Generic: a variance is non-negative, not {var_e}")
        object.__setattr__(self, "mean", mean_e)
        object.__setattr__(self, "var", var_e)
        object.__setattr__(self, "table", tuple(sorted(table.items())))
        object.__setattr__(self, "symmetric_about_zero", bool(symmetric))

    @property
    def moments(self) -> dict[int, sp.Expr]:
        return dict(self.table)

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "moments" if any(k >= 3 for k, _ in self.table) else "flexible"

    def moment(self, k: int, unknown: Unknown | None = None) -> sp.Expr:
        self._check_k(k)
        if k == 0:
            return sp.S.One
        if self.symmetric_about_zero and k % 2:
            return sp.S.Zero
        declared = self.moments
        if k in declared:
            return declared[k]
        if k == 1 and self.mean is not None:
            return self.mean
        if k == 2 and self.var is not None:
            return self.var + self.moment(1, unknown) ** 2
        if unknown is None:
            raise NotSupportedError(f"E[X^{k}] is not declared for {self.describe()}")
        return unknown(k)

    @property
    def symmetric(self) -> bool:
        return self.symmetric_about_zero

    @property
    def parameters(self) -> tuple[sp.Expr, ...]:
        out: list[sp.Expr] = [sp.Symbol("?") if v is None else v for v in (self.mean, self.var)]
        return (*out, *(sp.Tuple(k, v) for k, v in self.table))

    def describe(self) -> str:
        parts = []
        if self.mean is not None and not self.symmetric_about_zero:
            parts.append(f"mean={sp.sstr(self.mean)}")
        if self.var is not None:
            parts.append(f"var={sp.sstr(self.var)}")
        parts += [f"E[X^{k}]={sp.sstr(v)}" for k, v in self.table]
        if self.symmetric_about_zero:
            parts.append("symmetric")
        return f"Generic({', '.join(parts)})"


# -- densities ----------------------------------------------------------------
def density(dist: Distribution, x: sp.Expr) -> sp.Expr:
    """The density of a continuous law at ``x``, valid on :func:`support`.

    >>> a, b, x = sp.symbols("a b x", real=True)
    >>> density(Uniform(a, b), x)
    1/(-a + b)
    """
    if isinstance(dist, Normal):
        return sp.exp(-((x - dist.mu) ** 2) / (2 * dist.s2)) / sp.sqrt(2 * sp.pi * dist.s2)
    if isinstance(dist, Uniform):
        return 1 / (dist.beta - dist.alpha)
    if isinstance(dist, Laplace):
        return sp.exp(-sp.Abs(x - dist.mu) / dist.b) / (2 * dist.b)
    raise NotSupportedError(f"{dist.describe()} has no density here (discrete, or known only by moments)")


def support(dist: Distribution) -> tuple[sp.Expr, sp.Expr]:
    """The interval ``(low, high)`` outside which the density vanishes."""
    if isinstance(dist, Uniform):
        return dist.alpha, dist.beta
    if isinstance(dist, (Normal, Laplace)):
        return -sp.oo, sp.oo
    raise NotSupportedError(f"{dist.describe()} has no density here")


def moment_integral(dist: Distribution, x: sp.Symbol, k: int = 1) -> sp.Integral:
    """``E[X^k]`` written as an unevaluated integral against the density.

    >>> a, b, x = sp.symbols("a b x", real=True)
    >>> moment_integral(Uniform(a, b), x)
    Integral(x/(-a + b), (x, a, b))
    """
    lo, hi = support(dist)
    return sp.Integral(x**k * density(dist, x), (x, lo, hi))


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
                       raw=lambda k: sp.S.Zero if k % 2 else sp.Integer(_double_factorial_odd(k)),
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
                   or dist.mean is not None else sp.S.Zero)

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
        self, units: Sequence[Unit], separated: Callable[[str, str], bool], flavour: Flavour
    ) -> None:
        self.units = {u.name: u for u in units}
        self.flavour = flavour
        self.coords: dict[sp.Basic, Coordinate] = {}
        self.private = frozenset(u.name for u in units if u.members in ("independent", "uncorrelated"))
        self._shared: dict[tuple[Any, ...], Coordinate] = {}
        self._cluster: dict[str, int] = {}
        self._anchor: dict[int, str] = {}
        self._cache: dict[tuple[str, Any], sp.Expr] = {}
        self._lines: list[str] = []
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
            self._lines.append(f"{label} = {sp.sstr(value)}{how[u.members]}")

    # the variables ----------------------------------------------------------------
    def variable(self, name: str) -> sp.Expr:
        return self._get(name, None)

    def member(self, name: str, args: tuple[sp.Basic, ...] | None) -> sp.Expr:
        """A member of family ``name`` (``None``: the generic member)."""
        return self._get(name, None if self.units[name].members == "dependent" else ("member", args))

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
        u = self._shape(cid, skewed=self.flavour.skew and not symmetric and not signed, own=own)
        if signed and not own:
            u = self._coord(Coordinate.sign, "e") * u
        return m + s * u

    # evaluation ---------------------------------------------------------------------
    def describe(self) -> str:
        coords = [c.describe() for c in self.coords.values()]
        return "; ".join([*coords, *self._lines]) + f" [{self.flavour.name} model]"

    def outcome(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` at one outcome: every coordinate at its sample value."""
        return expr.xreplace({s: c.sample for s, c in self.coords.items()})

    def evaluate(self, q: sp.Expr) -> sp.Expr:
        """``E[q]`` for an expression in the coordinates, exactly."""
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
