"""Laws of random variables, described by what the expectation algebra needs.

A :class:`Distribution` knows its raw moments ``E[X^k]`` (symbolic in its
parameters), whether it is symmetric about 0, and, for the continuous
families, its density. The finite models of :mod:`symproofs.probability.models`
realize a law from a standard coordinate (a finite law with exact
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

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symproofs.core.errors import InputError, NotSupportedError

__all__ = [
    "Bernoulli",
    "Distribution",
    "Generic",
    "Laplace",
    "Normal",
    "Rademacher",
    "TwoPoint",
    "Uniform",
    "density",
    "moment_integral",
    "moments_realizable",
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


def _open(relations: tuple[sp.Basic, ...]) -> tuple[sp.Basic, ...]:
    """The relations that are not already true (about numbers)."""
    return tuple(r for r in relations if r is not sp.true and r.free_symbols)


def _implied_nonnegative(e: sp.Expr, nonnegative: set[sp.Expr]) -> bool:
    """Whether ``e >= 0`` follows at once from ``x >= 0`` for each ``x`` in
    ``nonnegative`` (sums and products of those, even powers of real
    expressions, non-negative numbers)."""
    if e in nonnegative or (e.is_number and e.is_nonnegative is True):
        return True
    if isinstance(e, (sp.Add, sp.Mul)):
        return all(_implied_nonnegative(a, nonnegative) for a in e.args)
    if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp > 0:
        return bool(e.exp % 2 == 0 and e.base.is_extended_real) or _implied_nonnegative(e.base, nonnegative)
    return False


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

    def constraints(self) -> tuple[sp.Basic, ...]:
        """What the parameters must satisfy for the law to exist (a
        probability in ``[0, 1]``, a variance ``>= 0``): relations between
        the symbols they are written in, none that are already true."""
        return ()

    def describe(self) -> str:
        return f"{type(self).__name__}({', '.join(sp.sstr(p) for p in self.parameters)})"

    # -- realization in a model ------------------------------------------
    def values(self) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
        """Support and probabilities of a ``"binary"`` law."""
        raise NotSupportedError(f"{self.describe()} is not a finite law")

    def from_standard(self, w: sp.Expr) -> sp.Expr:
        """The variable as an affine image of a standard symmetric coordinate
        ``w`` of the matching kind (:meth:`symproofs.probability.models.Coordinate.standard`)."""
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

    def constraints(self) -> tuple[sp.Basic, ...]:
        return _open((sp.Ge(self.s2, 0),))

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

    def constraints(self) -> tuple[sp.Basic, ...]:
        return _open((sp.Lt(self.alpha, self.beta),))

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

    def constraints(self) -> tuple[sp.Basic, ...]:
        return _open((sp.Gt(self.b, 0),))

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

    def constraints(self) -> tuple[sp.Basic, ...]:
        return _open((sp.Ge(self.p, 0), sp.Le(self.p, 1)))

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
    (the mean and every odd moment up to the highest declared order
    vanish; a higher one may not exist); ``continuous=True`` that no
    single value has positive probability. Undeclared moments stay
    unevaluated, as ``E(X**k)``.

    >>> m, v = sp.symbols("m v", real=True)
    >>> Generic(mean=m, var=v).moment(2)
    m**2 + v
    >>> Generic(var=1, symmetric=True).moment(1), Generic(moments={4: 3}, symmetric=True).moment(3)
    (0, 0)
    """

    mean: sp.Expr | None
    var: sp.Expr | None
    table: tuple[tuple[int, sp.Expr], ...]
    symmetric_about_zero: bool
    continuous: bool

    def __init__(
        self,
        mean: Any = None,
        var: Any = None,
        moments: Mapping[int, Any] | None = None,
        symmetric: bool = False,
        continuous: bool = False,
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
        object.__setattr__(self, "continuous", bool(continuous))
        broken = next((c for c in self._moment_conditions() if c is sp.false), None)
        if broken is not None:
            raise InputError(f"Generic: no law has these moments ({self.describe()})")

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
        declared = self.moments
        finite = max([2 if self.var is not None else 1, *declared])  # E|X|^j exists for j up to this order
        if self.symmetric_about_zero and k % 2 and k <= finite:
            return sp.S.Zero  # an odd moment that exists; a higher one may not (no law is implied)
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

    def constraints(self) -> tuple[sp.Basic, ...]:
        """Necessary conditions on the declared moments of a real law: the
        variance and every even moment ``>= 0``, and the 2x2 minors of the
        Hankel matrix ``m_{2j} m_{2k} >= m_{j+k}^2`` (``m_0 = 1``: ``m_{2k} >=
        m_k^2``, so ``E[X^2] >= E[X]^2`` and ``E[X^4] >= E[X^2]^2``), over the
        moments the declarations give or imply. They hold for every law;
        they do not make a table of moments realizable (see
        :func:`moments_realizable`).

        >>> a, b, m = sp.symbols("a b m", real=True)
        >>> Generic(mean=m, moments={2: a, 4: b}).constraints()
        (a >= 0, b >= 0, a >= m**2, b >= a**2)
        """
        return _open(self._moment_conditions())

    def _moment_conditions(self) -> tuple[sp.Basic, ...]:
        known = self.known_moments()
        pairs: list[tuple[sp.Expr, sp.Expr]] = [] if self.var is None else [(self.var, sp.S.Zero)]
        pairs += [(v, sp.S.Zero) for k, v in sorted(known.items()) if k % 2 == 0 and k > 0]
        top = max(known, default=0) // 2
        for j in range(top + 1):
            for k in range(j + 1, top + 1):
                if 2 * k in known and 2 * j in known and j + k in known:
                    left = known[2 * k] if j == 0 else known[2 * j] * known[2 * k]
                    pairs.append((left, known[j + k] ** 2))
        out: list[sp.Basic] = []
        nonnegative: set[sp.Expr] = set()
        for left, right in pairs:
            gap = sp.expand(left - right)
            if _implied_nonnegative(gap, nonnegative):
                continue  # follows from the conditions already listed (or is true)
            nonnegative.add(gap)
            out.append(sp.Ge(left, right))
        spread = self.var if self.var is not None else (
            known[2] - known[1] ** 2 if 1 in known and 2 in known else None)
        if self.continuous and spread is not None:  # no atom at all: not a point mass, a positive variance
            out.append(sp.Gt(spread, 0))
        return tuple(out)

    def known_moments(self) -> dict[int, sp.Expr]:
        """The raw moments ``E[X^k]`` (``k >= 0``) that the declarations give
        or imply, up to the highest declared order."""
        top = max([2 if self.var is not None else 1 if self.mean is not None else 0, *self.moments])
        out: dict[int, sp.Expr] = {}
        for k in range(top + 1):
            try:
                out[k] = self.moment(k)
            except NotSupportedError:
                continue
        return out

    def describe(self) -> str:
        parts = []
        if self.mean is not None and not self.symmetric_about_zero:
            parts.append(f"mean={sp.sstr(self.mean)}")
        if self.var is not None:
            parts.append(f"var={sp.sstr(self.var)}")
        parts += [f"E[X^{k}]={sp.sstr(v)}" for k, v in self.table]
        if self.symmetric_about_zero:
            parts.append("symmetric")
        if self.continuous:
            parts.append("continuous")
        return f"Generic({', '.join(parts)})"


# -- realizability of moments ------------------------------------------------------
_SLACKS = (sp.S.One, sp.Rational(1, 16), sp.S(16))


def moments_realizable(known: Mapping[int, sp.Expr]) -> bool:
    """Whether some law has the raw moments ``known`` (order to real
    number; ``known[0]``, if given, is 1), certified by completing them to
    ``m_0, ..., m_{2n}`` with a positive definite Hankel matrix
    ``(m_{i+j})``, which a law always has. ``False`` also when that is not
    found (a degenerate table, a symbolic value): a conservative answer.

    >>> moments_realizable({2: 1, 4: 3}), moments_realizable({2: 1, 4: sp.Rational(1, 2)})
    (True, False)
    >>> moments_realizable({1: 0, 3: 5}), moments_realizable({2: -1})
    (True, False)
    """
    values = {k: sp.sympify(v, strict=True) for k, v in known.items()}
    if values.get(0, 1) != 1 or not all(isinstance(v, sp.Expr) and v.is_number and v.is_extended_real is True
                                        for v in values.values()):
        return False
    values[0] = sp.S.One
    top = max(values)
    return _complete(values, 1, (top + 1) // 2)


def _complete(m: dict[int, sp.Expr], j: int, last: int) -> bool:
    """Extend a table whose Hankel matrix of order ``j - 1`` is positive
    definite to order ``last``, choosing the missing moments."""
    if j > last:
        return True
    hankel = sp.Matrix(j, j, lambda r, c: m[r + c])
    inverse = hankel.inv()
    odd = 2 * j - 1
    v = [m.get(i) for i in range(j, 2 * j)]
    if v[-1] is None:  # the new odd moment: the value that leaves most room for m_{2j}
        rest = sp.Matrix(v[:-1])
        v[-1] = -(inverse[j - 1, :j - 1] * rest)[0, 0] / inverse[j - 1, j - 1] if j > 1 else sp.S.Zero
    vec = sp.Matrix(v)
    floor = sp.simplify((vec.T * inverse * vec)[0, 0])
    choices = [m[2 * j]] if 2 * j in m else [floor + t for t in _SLACKS]
    for even in choices:
        if not sp.simplify(even - floor).is_positive:
            continue
        trial = {**m, odd: v[-1], 2 * j: even}
        if _complete(trial, j + 1, last):
            return True
    return False


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

