r"""Conditioning on events that fix signs: the law of total expectation as a
normal form.

An event ``A`` here is a comparison of a declared random variable with a
constant (``X >= c``, ``X > c``, ``X <= c``, ``X < c``) or a conjunction of
such comparisons about distinct variables. Two rewrites, both exact:

* :func:`condition`: ``E[g | A] = E[g 1_A] / P(A)`` when ``P(A) > 0`` is
  provable (``P(A)`` decided by the law of each variable and, for several
  variables, their declared independence: ``P(A) = prod P(A_k)``; for a law
  symmetric about 0, ``P(X >= 0) >= 1/2`` even with an atom at 0, its value
  then left as ``P(X >= 0)``). Then
  ``P(A) E[g | A]`` is ``E[g 1_A]`` and the law of total expectation
  ``E[g] = sum P(A_k) E[g | A_k]`` is linearity of ``E``. Where ``P(A) > 0``
  is not provable, ``E[g | A]`` stays, with its argument put in the normal
  form of ``g 1_A`` (equal arguments on the same event give equal sides
  wherever they are defined).
* :func:`split_cells`: the argument of ``E`` with ``Max``, ``Min``, ``Abs``,
  ``sign``, ``Heaviside`` or ``Piecewise`` of random variables, split over
  the cells ``X > c``, ``X = c``, ``X < c`` of each variable: on each cell
  ``X = c + y`` with ``y`` positive (negative, zero) and sympy's automatic
  evaluation settles every switch (a cell where it does not is not split:
  nothing is guessed). What is left is written canonically, one factor per
  variable: ``Max(0, X - c)^k``, ``Min(0, X - c)^k``, ``1_{X > c}``,
  ``1_{X < c}`` and ``1_{X = c}``. The cell ``X = c`` vanishes when the law
  of ``X`` has no atom (or the argument vanishes there); otherwise it is kept
  as ``E[g(c) 1_{X = c}]``, which nothing decides: ``E[g 1_{X >= 0}] +
  E[g 1_{X <= 0}]`` is ``E[g]`` only when ``P(X = 0) = 0`` or ``g(0) = 0``.

>>> X = sp.Symbol("X", real=True)
>>> split_cells(X * sp.Max(0, X), {X}, lambda x: False)
Max(0, X)**2
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection

import sympy as sp

from symproofs.probability.events import _no_atoms, _random_side, probability
from symproofs.probability.laws import Distribution
from symproofs.probability.variables import CondE, E, Prob

__all__ = ["condition", "event_sides", "split_cells"]

#: The functions whose value depends on the side of a threshold.
SWITCHES = (sp.Max, sp.Min, sp.Abs, sp.sign, sp.Heaviside, sp.Piecewise)
_RELATIONS = (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan, sp.Eq, sp.Ne)
#: Variables with a threshold split at once (3^n cells).
_MAX_VARIABLES = 3

Find = Callable[[sp.Basic], object]


def event_sides(event: sp.Basic, law_of: Find) -> list[tuple[sp.Basic, sp.Basic, sp.Basic]] | None:
    """``(X, c, conjunct)`` for each conjunct of an event that fixes the side
    of ``c`` on which distinct declared variables ``X`` lie; ``None`` otherwise."""
    parts = event.args if isinstance(event, sp.And) else (event,)
    out: list[tuple[sp.Basic, sp.Basic, sp.Basic]] = []
    for part in parts:
        found = _random_side(part, law_of)
        if found is None or any(found[0] == x for x, _, _ in out):
            return None
        out.append((found[0], found[2], part))
    return out


def condition(q: sp.Basic, law_of: Find, independent: Callable[[list[sp.Basic]], bool]) -> sp.Basic:
    """``E[g | A]`` as ``E[g 1_A] / P(A)`` when ``P(A) > 0`` is provable;
    otherwise with ``g`` replaced by the normal form of ``g 1_A``."""
    g, event = q.args
    sides = event_sides(event, law_of)
    if sides is None:
        return q
    inside = sp.Piecewise((g, event), (sp.S.Zero, True))
    p = _positive_probability(sides, law_of, independent)
    if p is not None:
        return E(inside) / p
    atomless = {x: isinstance(law, Distribution) and _no_atoms(law) for x, _, _ in sides if (law := law_of(x))}
    randoms = {a for a in g.free_symbols | g.atoms(sp.core.function.AppliedUndef) if law_of(a) is not None}
    split = split_cells(inside, randoms | set(atomless), lambda x: bool(atomless.get(x)))
    return q if split is None else CondE(split, event)


def _positive_probability(sides: list[tuple[sp.Basic, sp.Basic, sp.Basic]], law_of: Find,
                          independent: Callable[[list[sp.Basic]], bool]) -> sp.Expr | None:
    """``P(A)`` when it is decided and provably positive: one variable, or
    several declared independent (the product of the marginals)."""
    if len(sides) > 1 and not independent([x for x, _, _ in sides]):
        return None
    total = sp.S.One
    for x, c, part in sides:
        p = probability(part, law_of)
        if p is None and _half_or_more(x, c, part, law_of):
            p = Prob(part)  # positive, value undecided
        elif p is None or p.is_positive is not True:
            return None
        total *= p
    return total


def _half_or_more(x: sp.Basic, c: sp.Basic, part: sp.Basic, law_of: Find) -> bool:
    """``P(X >= 0) >= 1/2`` for ``X`` symmetric about 0, atoms or not:
    ``P(X >= 0) = P(X <= 0)`` and the two add up to ``1 + P(X = 0)``."""
    law = law_of(x)
    return (isinstance(law, Distribution) and bool(law.symmetric) and c == 0
            and isinstance(part, (sp.GreaterThan, sp.LessThan)))


# -- cells ----------------------------------------------------------------------------------
def _linear(d: sp.Expr, randoms: Collection[sp.Basic]) -> tuple[sp.Basic, sp.Expr] | bool | None:
    """``(X, c)`` when ``d = alpha (X - c)`` for one random ``X`` and constants
    ``alpha != 0``, ``c``; ``True`` when ``d`` is not random; ``None`` otherwise."""
    used = [a for a in randoms if d.has(a)]
    if not used:
        return True
    if len(used) > 1:
        return None
    x = used[0]
    d = sp.expand(d)
    alpha = d.diff(x)
    rest = sp.expand(d - alpha * x)
    if any(alpha.has(a) or rest.has(a) for a in randoms) or alpha.is_zero is not False:
        return None
    return x, sp.simplify(-rest / alpha)


def _thresholds(e: sp.Expr, randoms: Collection[sp.Basic]) -> dict[sp.Basic, sp.Expr] | None:
    """The one threshold of each variable that a switch in ``e`` depends on;
    ``None`` when a switch is not linear in one variable or a variable has two."""
    diffs: list[sp.Expr] = []
    for node in sp.preorder_traversal(e):
        if isinstance(node, (sp.Max, sp.Min)):
            diffs.extend(u - v for u, v in itertools.combinations(node.args, 2))
        elif isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
            diffs.append(node.args[0])
        elif isinstance(node, _RELATIONS):
            diffs.append(node.lhs - node.rhs)
    out: dict[sp.Basic, sp.Expr] = {}
    for d in diffs:
        found = _linear(d, randoms)
        if found is None:
            return None
        if found is True:
            continue
        assert isinstance(found, tuple)
        x, c = found
        if x in out and sp.simplify(out[x] - c) != 0:
            return None
        out.setdefault(x, c)
    return out


def _settle(e: sp.Basic) -> sp.Basic:
    """``e`` rebuilt bottom-up with the arguments of switches and the sides
    of comparisons expanded, so that sympy's own evaluation decides them."""
    if not e.args or isinstance(e, sp.core.function.AppliedUndef):
        return e
    args = [_settle(a) for a in e.args]
    if isinstance(e, _RELATIONS):
        return e.func(sp.expand(args[0] - args[1]), 0)
    if isinstance(e, (sp.Max, sp.Min, sp.Abs, sp.sign, sp.Heaviside)):
        return e.func(*[sp.expand(a) for a in args])
    return e.func(*args)


def _cell_factor(x: sp.Basic, c: sp.Expr, kind: int, part: sp.Expr, y: sp.Dummy) -> sp.Expr:
    """The canonical factor of ``part(y) 1_cell`` with ``X = c + y``:
    ``kind`` 1 (``y > 0``) or -1 (``y < 0``)."""
    box = sp.Max if kind > 0 else sp.Min
    base, k = part.as_base_exp()
    if part == 1:
        return sp.Piecewise((1, x > c if kind > 0 else x < c), (0, True))
    if base == y and k.is_Integer and k > 0:
        return box(0, x - c) ** k  # (x - c)^k 1_cell, 0 on the other side
    return sp.Piecewise((part.xreplace({y: x - c}), x > c if kind > 0 else x < c), (0, True))


def split_cells(e: sp.Expr, randoms: Collection[sp.Basic], atomless: Callable[[sp.Basic], bool]) -> sp.Expr | None:
    """``e`` written over the sign cells of its switched variables (see the
    module docstring); ``None`` when it has no switch, a switch is not
    settled exactly on some cell, or nothing changes."""
    if not any(n.has(*randoms) for n in e.atoms(*SWITCHES)):
        return None
    found = _thresholds(e, randoms)
    if not found or len(found) > _MAX_VARIABLES:
        return None
    names = sorted(found, key=sp.default_sort_key)
    dummies = {x: (sp.Dummy("y", positive=True), sp.Dummy("y", negative=True)) for x in names}
    total: list[sp.Expr] = []
    for kinds in itertools.product((1, 0, -1), repeat=len(names)):
        if any(k == 0 and atomless(x) for x, k in zip(names, kinds, strict=True)):
            continue  # P(X = c) = 0
        ys = {x: dummies[x][0] if k > 0 else dummies[x][1] for x, k in zip(names, kinds, strict=True) if k}
        at = {x: found[x] + ys[x] if k else found[x] for x, k in zip(names, kinds, strict=True)}
        value = sp.expand(_settle(e.xreplace(at)))
        cell_ys = set(ys.values())
        if any(n.free_symbols & cell_ys for n in value.atoms(*SWITCHES, *_RELATIONS)):
            return None
        for term in sp.Add.make_args(value):
            if term == 0:
                continue
            coeff, parts = sp.S.One, {y: sp.S.One for y in cell_ys}
            for f in sp.Mul.make_args(term):
                inside = f.free_symbols & cell_ys
                if len(inside) > 1:
                    return None
                if inside:
                    parts[next(iter(inside))] *= f
                else:
                    coeff *= f
            out = coeff
            for x, k in zip(names, kinds, strict=True):
                out *= (_cell_factor(x, found[x], k, parts[ys[x]], ys[x]) if k
                        else sp.Piecewise((1, sp.Eq(x, found[x])), (0, True)))
            total.append(out)
    result = sp.Add(*total)
    return None if result == sp.expand(e) else result
