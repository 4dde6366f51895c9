"""What a probability space has declared, and what follows from it about
the random variables in an expression.

:class:`Declarations` keeps the declared variables, families and processes
with their laws, and the declarations of independence and uncorrelation;
it answers what the expectation engine (:mod:`symproofs.probability.moments`)
and the concrete models (:mod:`symproofs.probability.models`) ask: which
atoms of an expression are random, their laws and moments, whether two
members of a family are the same, and which groups of factors the
declarations make independent. :class:`~symproofs.probability.space.ProbabilitySpace`
adds the methods that declare and the hooks of a domain algebra.

>>> classes(4, lambda i, j: i + j == 3)
[[0, 3], [1, 2]]
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.exact import constant_zero
from symproofs.probability.laws import Bernoulli, Distribution, Rademacher
from symproofs.probability.variables import OPERATORS, E, Family

__all__ = ["MAX_MEMO", "NO_CTX", "Ctx", "Declarations", "Groups", "classes", "overlap_classes"]

#: Memo entries kept before a cache is cleared.
MAX_MEMO = 50_000

#: Two-valued variables of one expression whose joint values :meth:`Declarations.pole` checks.
_MAX_JOINT = 6

#: Pairs of summation indices known to differ in the current case.
Ctx = frozenset[frozenset[sp.Basic]]
NO_CTX: Ctx = frozenset()

#: One declaration of independence or uncorrelation: groups of variable names.
Groups = tuple[frozenset[str], ...]


def classes(n: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of ``range(n)`` under ``linked``."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(n), 2):
        if linked(i, j):
            parent[find(i)] = find(j)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def overlap_classes(sets: Sequence[set[Any] | frozenset[Any]]) -> list[list[int]]:
    """Classes of indices whose sets are linked by overlaps."""
    return classes(len(sets), lambda i, j: bool(sets[i] & sets[j]))


class Declarations:
    """The declared random variables and how they relate (see the module)."""

    def __init__(self) -> None:
        self._variables: dict[sp.Symbol, Distribution] = {}
        self._families: dict[str, Family] = {}
        self._by_func: dict[Any, Family] = {}
        self._by_generic: dict[sp.Symbol, Family] = {}
        self._order: list[str] = []
        self._independent: list[Groups] = []
        self._uncorrelated: list[Groups] = []
        self._reset()

    def _reset(self) -> None:
        """Forget what was computed from the declarations (they changed)."""
        self._atom_cache: dict[sp.Basic, frozenset[sp.Basic]] = {}

    # what is random ------------------------------------------------------------
    def _unit(self, atom: sp.Basic) -> str | None:
        if isinstance(atom, sp.Symbol):
            if atom in self._variables:
                return str(atom.name)
            fam = self._by_generic.get(atom)
            return fam.name if fam is not None else None
        if isinstance(atom, AppliedUndef):
            fam = self._by_func.get(atom.func)
            return fam.name if fam is not None else None
        return None

    def _opaque(self, atom: sp.Basic) -> bool:
        """Whether ``atom`` is a member of a process (no law to use)."""
        fam = self._families.get(self._unit(atom) or "")
        return fam is not None and not fam.identical

    def _family_of(self, atom: sp.Basic) -> Family:
        if isinstance(atom, AppliedUndef):
            return self._by_func[atom.func]
        return self._by_generic[atom]

    def _law(self, atom: sp.Basic) -> tuple[Distribution, sp.Symbol]:
        """The law of a random atom and the symbol naming its unknown moments."""
        if isinstance(atom, sp.Symbol) and atom in self._variables:
            return self._variables[atom], atom
        fam = self._family_of(atom)
        return fam.distribution, fam.generic

    def _moment(self, atom: sp.Basic, k: int) -> sp.Expr:
        dist, canon = self._law(atom)
        return dist.moment(k, lambda j: E(canon**j))

    def _atoms(self, expr: sp.Basic) -> frozenset[sp.Basic]:
        """The random variables in ``expr``, outside any E, Var or Cov."""
        hit = self._atom_cache.get(expr)
        if hit is not None:
            return hit
        out: set[sp.Basic] = set()
        stack = [expr]
        while stack:
            e = stack.pop()
            if isinstance(e, OPERATORS):
                continue
            if isinstance(e, (sp.Symbol, AppliedUndef)) and self._unit(e) is not None:
                out.add(e)
                continue
            stack.extend(e.args)
        found = frozenset(out)
        if len(self._atom_cache) > MAX_MEMO:
            self._atom_cache.clear()
        self._atom_cache[expr] = found
        return found

    def random_symbols(self) -> frozenset[sp.Symbol]:
        """The declared random variables and generic family members."""
        return frozenset(self._variables) | frozenset(self._by_generic)

    def random_heads(self) -> frozenset[object]:
        """The declared random variables, generic members and families' functions."""
        return frozenset(self.random_symbols()) | frozenset(self._by_func)

    def members_of(self, atom: sp.Basic) -> str | None:
        """How the members of the family ``atom`` belongs to relate ("independent", "uncorrelated",
        "dependent"); None for a variable of its own or no random variable."""
        if not isinstance(atom, (sp.Symbol, AppliedUndef)):
            return None
        fam = self._families.get(self._unit(atom) or "")
        return fam.members if fam is not None else None

    def is_random(self, expr: sp.Basic) -> bool:
        """Whether ``expr`` involves a random variable outside E, Var, Cov."""
        return bool(self._atoms(sp.sympify(expr, strict=True)))

    def pole(self, expr: sp.Basic) -> str | None:
        """Why ``expr`` may have no value at some value of a two-valued
        variable in it (a denominator zero there, or not provably nonzero:
        ``(X^2 - 1)/(X - 1)`` at ``X = 1``), so that its expectation may not
        exist; ``None`` when it has a value at each. Checked on ``expr`` as
        written, before :meth:`_collapse` turns ``X^2`` into ``1`` and the
        ``0/0`` into ``0``."""
        if not isinstance(expr, sp.Basic) or not expr.args:
            return None
        binary = sorted((a for a in self._atoms(expr) if not self._opaque(a) and self._law(a)[0].kind == "binary"),
                        key=sp.default_sort_key)
        if not binary:
            return None
        bases = [p.base for p in expr.atoms(sp.Pow) if p.exp.is_nonnegative is not True and p.base.has(*binary)]
        if not bases and not any(f.has(*binary) for f in expr.atoms(sp.Function) if f not in binary):
            return None  # a polynomial in them: a value at every outcome, however many they are
        what = f"{sp.sstr(expr)} may have no value"
        if len(binary) > _MAX_JOINT:
            return (f"{what} at some values of {', '.join(sp.sstr(a) for a in binary)} (too many two-valued "
                    "variables to check)")
        for values in itertools.product(*(self._law(a)[0].values()[0] for a in binary)):
            at = dict(zip(binary, values, strict=True))
            if any(b.xreplace(at).is_zero is not False for b in bases) or expr.xreplace(at).has(sp.nan, sp.zoo):
                shown = ", ".join(f"{sp.sstr(a)} = {sp.sstr(v)}" for a, v in at.items())
                return f"{what} at {shown} (a denominator there is zero or not provably nonzero)"
        return None

    def _collapse(self, expr: sp.Basic) -> sp.Basic:
        """``R**k = R`` for a Bernoulli ``R`` and ``k >= 1``; ``S**2 = 1`` for a
        random sign."""
        if not isinstance(expr, sp.Basic) or not expr.has(sp.Pow):
            return expr
        subs: dict[sp.Basic, sp.Basic] = {}
        for p in expr.atoms(sp.Pow):
            if not (p.exp.is_Integer and p.exp > 0) or self._unit(p.base) is None:
                continue
            dist = self._law(p.base)[0]
            if isinstance(dist, Bernoulli):
                subs[p] = p.base
            elif isinstance(dist, Rademacher):
                subs[p] = p.base if p.exp % 2 else sp.S.One
        return expr.xreplace(subs) if subs else expr

    # relations between variables -------------------------------------------------
    @staticmethod
    def _index_relation(x: sp.Basic, y: sp.Basic, ctx: Ctx) -> str:
        """``"same"``, ``"distinct"`` or ``"unknown"`` for two indices: distinct
        when their difference is a constant *proved* nonzero or the current
        case says so, the same when it is proved zero. Forms do not decide:
        ``sin(1)^2 + cos(1)^2`` is the index 1."""
        if x == y:
            return "same"
        if frozenset((x, y)) in ctx:
            return "distinct"
        zero = constant_zero(x - y)
        return "unknown" if zero is None else "same" if zero else "distinct"

    def _relation(self, a: sp.Basic, b: sp.Basic, ctx: Ctx) -> str:
        """``"same"``, ``"distinct"`` or ``"unknown"`` for two members of one family."""
        if a == b:
            return "same"
        if not (isinstance(a, AppliedUndef) and isinstance(b, AppliedUndef)) or a.func != b.func \
                or len(a.args) != len(b.args):
            return "unknown"
        found = [self._index_relation(x, y, ctx) for x, y in zip(a.args, b.args, strict=True)]
        if "distinct" in found:
            return "distinct"
        return "same" if all(r == "same" for r in found) else "unknown"

    def same_members(self, atoms: frozenset[sp.Basic], ctx: Ctx) -> dict[sp.Basic, sp.Basic]:
        """Members among ``atoms`` written differently but proved to be one
        member (``W(log(4)/log(2))`` and ``W(2)``), each mapped to one of its
        kind (the first in sympy's order); an empty map when there are none."""
        members = sorted((a for a in atoms if isinstance(a, AppliedUndef) and self._unit(a) is not None),
                         key=sp.default_sort_key)
        out: dict[sp.Basic, sp.Basic] = {}
        for i, a in enumerate(members):
            if a in out:
                continue
            for b in members[i + 1:]:
                if b not in out and self._relation(a, b, ctx) == "same":
                    out[b] = a
        return out

    @staticmethod
    def _group_index(decl: Groups, unit: str) -> int | None:
        for i, g in enumerate(decl):
            if unit in g:
                return i
        return None

    def _independent_groups(
        self, items: list[tuple[sp.Expr, frozenset[sp.Basic]]], ctx: Ctx
    ) -> list[list[tuple[sp.Expr, frozenset[sp.Basic]]]]:
        """Split factors into groups that the declarations make mutually
        independent (recursively: a group may split again)."""
        out = []
        stack = [items]
        while stack:
            cur = stack.pop()
            parts = self._split(cur, ctx) if len(cur) > 1 else None
            if parts is None:
                out.append(cur)
            else:
                stack.extend(parts)
        return out

    def _split(
        self, items: list[tuple[sp.Expr, frozenset[sp.Basic]]], ctx: Ctx
    ) -> list[list[tuple[sp.Expr, frozenset[sp.Basic]]]] | None:
        units = [{self._unit(a) for a in atoms} for _, atoms in items]
        for decl in self._independent:
            labels: list[set[int | None]] = []
            for us in units:
                idx = {self._group_index(decl, u) for u in us if u is not None}
                if None in idx:
                    break
                labels.append(idx)
            else:
                parts = overlap_classes(labels)
                if len(parts) > 1:
                    return [[items[i] for i in p] for p in parts]
        names = set().union(*units)
        if len(names) == 1:
            fam = self._families.get(str(next(iter(names))))
            if fam is not None and fam.members == "independent":
                parts = classes(len(items), lambda i, j: any(
                    self._relation(a, b, ctx) != "distinct" for a in items[i][1] for b in items[j][1]))
                if len(parts) > 1:
                    return [[items[i] for i in p] for p in parts]
        return None

    def _uncorrelated_pair(self, a: sp.Basic, b: sp.Basic, ctx: Ctx) -> bool:
        ua, ub = self._unit(a), self._unit(b)
        if ua is None or ub is None:
            return False
        if ua == ub:
            fam = self._families.get(ua)
            return (fam is not None and fam.members in ("uncorrelated", "independent")
                    and self._relation(a, b, ctx) == "distinct")
        for decl in self._uncorrelated + self._independent:
            ga, gb = self._group_index(decl, ua), self._group_index(decl, ub)
            if ga is not None and gb is not None and ga != gb:
                return True
        return False

    def _separated(self, u: str, v: str) -> bool:
        """Whether some declaration puts ``u`` and ``v`` in different groups."""
        for decl in self._independent:
            gu, gv = self._group_index(decl, u), self._group_index(decl, v)
            if gu is not None and gv is not None and gu != gv:
                return True
        return False

    def tied_by(self, relations: Sequence[sp.Basic]) -> tuple[Any, tuple[str, ...]] | None:
        """A copy of the declarations under equations that tie variables the
        declarations separate (``B = A``, ``Y = 2X``, ``Y = f(X)``, where ``A``
        and ``B`` are declared independent), and the names tied: there they are
        one group, neither independent nor uncorrelated, each declaration
        keeping the rest. ``None`` when no equation ties such variables."""
        tied: set[str] = set()
        for rel in relations:  # a variable on one side, the others on the other (not Z = XY, which names XY)
            if not isinstance(rel, sp.Eq):
                continue
            for alone, other in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
                # the variable alone is tied to each it is set equal to a formula in, where the declarations
                # separate them; not those of the formula to each other (a = W h + b defines a, and W, h
                # stay independent), nor anything where it is in no declaration (Z = X + Y defines Z)
                unit = self._unit(alone)
                if unit is None or self._undeclared(alone):
                    continue
                units = {u for a in other.atoms(sp.Symbol, AppliedUndef) if (u := self._unit(a)) is not None}
                found = {v for v in units if self._separated(unit, v) or self._uncorrelated_units(unit, v)}
                tied |= {unit, *found} if found else set()
        if not tied:
            return None

        def merged(decls: list[Groups]) -> list[Groups]:
            out = []
            for decl in decls:
                joined = frozenset().union(*(g for g in decl if g & tied))
                groups = (*((joined,) if joined else ()), *(g for g in decl if not g & tied))
                if len(groups) >= 2:
                    out.append(groups)
            return out

        new = copy.copy(self)
        new._independent, new._uncorrelated = merged(self._independent), merged(self._uncorrelated)
        new._reset()
        return new, tuple(sorted(tied))

    def _undeclared(self, atom: sp.Basic) -> bool:
        """Whether no declaration of independence or uncorrelation speaks of the variable ``atom``."""
        unit = self._unit(atom)
        return unit is None or all(self._group_index(decl, unit) is None
                                   for decl in (*self._independent, *self._uncorrelated))

    def _uncorrelated_units(self, u: str, v: str) -> bool:
        return any((gu := self._group_index(decl, u)) is not None and (gv := self._group_index(decl, v)) is not None
                   and gu != gv for decl in self._uncorrelated)

    def _has_uncorrelated(self, u: str) -> bool:
        return any(self._group_index(decl, u) is not None for decl in self._uncorrelated)
