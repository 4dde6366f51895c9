"""One name, one object: the twin check over a goal and its whole context.

Two sympy symbols of one name with different assumptions (``x`` real and
``x`` positive) are different symbols, and so are two undefined functions of
one name (``f`` and ``f`` real) or two matrix symbols of one name and other
shapes. A reader sees one ``x``: a point that gives the two ``x`` two values
is no counterexample, a fact about one says nothing of the other, and an
algebra that declares a random ``X`` takes a plain ``X`` of the step for a
constant. :func:`name_clash` looks for such twins over the step's sides, the
assumptions, the givens, the lemmas and what every algebra declares
(:meth:`~symproofs.core.goals.Algebra.declared_terms`), and says where each
one comes from.

>>> from symproofs.core.facts import Facts
>>> from symproofs.core.goals import Context
>>> from symproofs.core.model import Relation
>>> x, x_pos = sp.Symbol("x", real=True), sp.Symbol("x", positive=True)
>>> g = Goal(relation=Relation.GE, lhs=x**2, rhs=sp.S.One, context=Context(facts=Facts((x_pos >= 1,))))
>>> print(name_clash(g).split("; ")[0])
the name 'x' stands for different symbols: x (real) in the step and x (positive) in the assumptions
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sympy as sp
from sympy.core.assumptions import _assume_defined
from sympy.core.function import AppliedUndef, UndefinedFunction

from symproofs.core.goals import Goal
from symproofs.core.model import Identically

__all__ = ["name_clash", "named_objects"]


#: The order in which :func:`_assumed` names a function's assumptions: the strongest first.
_ORDER = (
    "positive",
    "negative",
    "zero",
    "nonnegative",
    "nonpositive",
    "nonzero",
    "prime",
    "even",
    "odd",
    "integer",
    "rational",
    "irrational",
    "real",
    "extended_real",
    "imaginary",
    "complex",
    "finite",
    "infinite",
    "commutative",
)


def _assumed(obj: object) -> dict[str, object]:
    if isinstance(obj, UndefinedFunction):  # it keeps every derived assumption: name the fewest that imply them
        full = {k: v for k, v in getattr(obj, "_kwargs", {}).items() if k in _assume_defined and isinstance(v, bool)}
        chosen: dict[str, bool] = {}
        keys = (*_ORDER, *sorted(set(full) - set(_ORDER)))
        for key in sorted(keys, key=lambda k: full.get(k) is not True):  # what holds first, then what fails
            if key in full and sp.Symbol("_", **chosen).assumptions0.get(key) != full[key]:
                chosen[key] = full[key]
        return dict(chosen)
    orig = getattr(obj, "_assumptions_orig", None)
    if isinstance(orig, dict):
        return {k: v for k, v in orig.items() if v is not None}
    return dict(getattr(obj, "assumptions0", {}))


def _describe(obj: object) -> str:
    if isinstance(obj, sp.MatrixSymbol):
        rows, cols = obj.shape
        return f"{obj.name} ({rows} x {cols})"
    name = obj.__name__ if isinstance(obj, UndefinedFunction) else str(getattr(obj, "name", obj))
    told = ", ".join(f"{k}" if v is True else f"{k}={v}" for k, v in sorted(_assumed(obj).items()))
    return f"{name} ({told or 'no assumptions'})"


def _flat(item: object) -> Iterator[object]:
    if isinstance(item, (tuple, list, frozenset, set)):
        for part in item:
            yield from _flat(part)
    elif isinstance(item, Identically):
        yield item.equation
        yield from item.variables
    else:
        yield item


def named_objects(item: object, *, bound: bool, skip: frozenset[object] = frozenset()) -> Iterator[tuple[str, object]]:
    """``(kind, object)`` for every named object of ``item``: its free symbols
    (and, with ``bound``, the variables its sums, products, integrals and
    limits bind), its undefined functions and its matrix symbols; ``skip``
    leaves out the variables a lemma or a given quantifies over. An
    undefined function itself (a family's head) is one object."""
    for part in _flat(item):
        if isinstance(part, UndefinedFunction):
            yield "function", part
            continue
        if not isinstance(part, sp.Basic):
            continue
        symbols: set[sp.Basic] = set(part.free_symbols)
        if bound:
            symbols |= {v for b in part.atoms(sp.Sum, sp.Product, sp.Integral) for v in b.variables}
            symbols |= {lim.args[1] for lim in part.atoms(sp.Limit)}
        for x in symbols:
            if isinstance(x, sp.Dummy) or x in skip:
                continue
            if isinstance(x, sp.Symbol):
                yield "symbol", x
            elif isinstance(x, sp.MatrixSymbol) and isinstance(x.name, str):
                yield "matrix", x
        for m in part.atoms(sp.MatrixSymbol):
            if m not in skip and isinstance(m.name, str):
                yield "matrix", m
        for a in part.atoms(AppliedUndef):
            yield "function", a.func


def _places(goal: Goal) -> Iterator[tuple[str, object, frozenset[object]]]:
    """``(where, item, quantified)`` for every part of ``goal`` that speaks
    of named objects."""
    ctx = goal.context
    yield "the step", (goal.lhs, goal.rhs), frozenset()
    yield "the assumptions", ctx.facts.constraints, frozenset()
    for g in ctx.givens:
        index = frozenset() if g.index is None else frozenset({g.index})
        yield f"the given '{g.name}'", (g.statement, g.valid_from, g.valid_to), index
    for lem in ctx.lemmas:
        yield f"the lemma '{lem.name}'", (lem.statement, *lem.hypotheses), frozenset(lem.variables)
    for alg in ctx.algebras:
        yield f"the declarations of the {alg.name} algebra", tuple(alg.declared_terms()), frozenset()


def _first_clash(places: Iterable[tuple[str, object, frozenset[object]]], *, bound: bool) -> str | None:
    seen: dict[tuple[str, str], tuple[object, str]] = {}
    for where, item, skip in places:
        found = sorted(named_objects(item, bound=bound, skip=skip), key=lambda ko: (ko[0], _describe(ko[1])))
        for kind, obj in found:
            name = obj.__name__ if isinstance(obj, UndefinedFunction) else str(getattr(obj, "name", obj))
            first = seen.setdefault((kind, name), (obj, where))
            if first[0] != obj:
                what = {"symbol": "symbols", "function": "functions", "matrix": "matrices"}[kind]
                return (
                    f"the name '{name}' stands for different {what}: {_describe(first[0])} in {first[1]} and "
                    f"{_describe(obj)} in {where}; a value drawn for one is not a value of the other, and a "
                    "fact about one says nothing of the other"
                )
    return None


def name_clash(goal: Goal) -> str | None:
    """Why one name of ``goal`` stands for two different symbols, functions
    or matrices; ``None`` when each name stands for one. Within the step,
    the variables its sums, products, integrals and limits bind count too (a
    body's real ``t`` under an integer index ``t`` is constant in it); across
    the step, the assumptions, givens, lemmas and the algebras' declarations,
    the free names do (a bound ``i`` of the step is no twin of a free ``i``
    of a fact)."""
    places = list(_places(goal))
    return _first_clash(places[:1], bound=True) or _first_clash(places, bound=False)
