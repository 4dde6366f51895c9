"""The random variables of a counterexample, told in the step's own names.

A concrete model (:mod:`symproofs.probability.models`) makes every random
variable a function of independent coordinates that only the model knows
(``_U1``, ``_T2``). A reader needs the opposite: the laws of the variables
the step uses, in the step's notation, and how they relate. :func:`explain`
describes each variable that occurs in the evaluated expressions, in order:

- by its law, when it depends on randomness not described yet
  (``X ~ N(1, 3)``, ``B ~ Bernoulli(1/2)``, ``W(1) takes -1, 0, 2 with
  probabilities 1/3, 1/2, 1/6``), saying that it is independent of the
  variables described before it;
- as a function of the variables described before it when the model ties
  it to them (``Y = X``, ``Y = 2*X + 1``);
- otherwise as such a function of those variables and of new independent
  sources of randomness, each named and described first (``S is 1 or -1
  with probability 1/2 each, independent of X; Y = S*X``).

Independent copies of one law are told together (``W(1) and W(2) are
independent and each takes -1, 1/2, 3/2, 3 with probabilities ...``).

Variables that occur outside an expectation are evaluated at one outcome,
which is stated too. The description is exact: it fixes the joint law of
the variables it names, which is all the two sides depend on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.probability.models import Concrete, Coordinate, ModelError
from symproofs.probability.variables import OPERATORS

__all__ = ["explain"]

_FRESH = ("S", "T", "V", "Z", "R", "Q")


def _random_atoms(engine: Concrete, exprs: Sequence[sp.Basic]) -> tuple[list[sp.Basic], list[sp.Basic]]:
    """The random variables in ``exprs`` in order of appearance, and those
    among them that occur outside E, Var and Cov."""
    seen: list[sp.Basic] = []
    bare: list[sp.Basic] = []

    def walk(e: sp.Basic, inside: bool) -> None:
        if isinstance(e, (sp.Symbol, AppliedUndef)) and engine.space._unit(e) is not None:
            if e not in seen:
                seen.append(e)
            if not inside and e not in bare:
                bare.append(e)
            return
        inner = inside or isinstance(e, OPERATORS)
        for arg in e.args:
            if isinstance(arg, sp.Basic):
                walk(arg, inner)

    for expr in exprs:
        walk(sp.sympify(expr, strict=True), False)
    return seen, bare


def _names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _law(coord: Coordinate, shift: sp.Expr, scale: sp.Expr, at: Mapping[sp.Basic, sp.Basic]) -> str:
    """The law of ``shift + scale * coord`` as a predicate (``~ N(0, 1)``,
    ``takes 1, 2 with probabilities 1/2, 1/2``), with the values ``at`` put
    in for the law's parameters."""
    if coord.finite:
        values = [sp.simplify(sp.sympify(shift + scale * v, strict=True).xreplace(dict(at))) for v in coord.values]
        probs = [sp.simplify(sp.sympify(p, strict=True).xreplace(dict(at))) for p in coord.probs]
        if len(values) == 2 and sorted(values, key=sp.default_sort_key) == [0, 1]:
            return f"~ Bernoulli({sp.sstr(probs[values.index(sp.S.One)])})"
        if len(values) == 2 and probs[0] == probs[1]:
            return f"is {sp.sstr(values[0])} or {sp.sstr(values[1])} with probability {sp.sstr(probs[0])} each"
        if all(v.is_number for v in values):
            pairs = sorted(zip(values, probs, strict=True), key=lambda vp: float(vp[0]))
            values, probs = [v for v, _ in pairs], [p for _, p in pairs]
        return (f"takes {', '.join(sp.sstr(v) for v in values)} "
                f"with probabilities {', '.join(sp.sstr(p) for p in probs)}")
    shift = sp.simplify(sp.sympify(shift, strict=True).xreplace(dict(at)))
    scale = sp.simplify(sp.sympify(scale, strict=True).xreplace(dict(at)))
    spread = sp.Abs(scale)
    if coord.law == "standard normal":
        return f"~ N({sp.sstr(shift)}, {sp.sstr(sp.simplify(scale**2))})"
    if coord.law == "uniform on [-1, 1]":
        return f"~ Uniform({sp.sstr(sp.simplify(shift - spread))}, {sp.sstr(sp.simplify(shift + spread))})"
    if coord.law == "standard Laplace":
        return f"~ Laplace({sp.sstr(shift)}, {sp.sstr(spread)})"
    if shift == 0 and scale == 1:
        return f"has {coord.law}"
    raise ModelError("no description of this law")


def _affine(expr: sp.Expr, c: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """``(a, b)`` with ``expr = a + b*c`` and neither depending on ``c``."""
    poly = sp.expand(expr)
    b = poly.coeff(c, 1)
    a = sp.expand(poly - b * c)
    if b == 0 or a.has(c) or b.has(c):
        return None
    return a, b


@dataclass
class _Clause:
    """``names`` (independent of each other and of ``after``) each following
    ``law``; or, with ``law`` empty, the sentence ``text``."""

    names: list[str]
    law: str = ""
    after: tuple[str, ...] = ()
    text: str = ""

    def __str__(self) -> str:
        if not self.law:
            return self.text
        tail = f", independent of {_names(list(self.after))}" if self.after else ""
        if len(self.names) == 1:
            return f"{self.names[0]} {self.law}{tail}"
        return f"{_names(self.names)} are independent and each {self.law}{tail}"


class _Story:
    def __init__(self, world_coords: Mapping[sp.Basic, Coordinate], taken: set[str],
                 at: Mapping[sp.Basic, sp.Basic]) -> None:
        self.coords = world_coords
        self.at = at
        self.known: dict[sp.Basic, sp.Expr] = {}  # coordinate -> the same randomness in named terms
        self.named: list[str] = []  # the variables and sources described so far
        self.taken = taken
        self.clauses: list[_Clause] = []

    def _fresh(self) -> sp.Symbol:
        name = next((n for n in _FRESH if n not in self.taken), None) or \
            next(f"S{i}" for i in range(1, 1000) if f"S{i}" not in self.taken)
        self.taken.add(name)
        return sp.Symbol(name, real=True)

    def _law_clause(self, name: str, law: str) -> None:
        last = self.clauses[-1] if self.clauses else None
        if last is not None and last.law == law and tuple(self.named[:len(last.after)]) == last.after \
                and self.named[len(last.after):] == last.names:
            last.names.append(name)  # one more independent copy of the same law
        else:
            self.clauses.append(_Clause([name], law, tuple(self.named)))
        self.named.append(name)

    def tell(self, name: str, value: sp.Expr) -> None:
        used = sorted(value.free_symbols & self.coords.keys(), key=sp.default_sort_key)
        new = [c for c in used if c not in self.known]
        if not new:
            self.clauses.append(_Clause([name], text=f"{name} = {sp.sstr(sp.simplify(value.xreplace(self.known)))}"))
            self.named.append(name)
            return
        parts = _affine(value, new[0]) if len(new) == len(used) == 1 else None
        if parts is not None:
            a, b = parts
            self._law_clause(name, _law(self.coords[new[0]], a, b, self.at))
            self.known[new[0]] = (sp.Symbol(name, real=True) - a) / b
            return
        letters = []
        for c in new:  # sources of randomness that no name of the step stands for
            letter = self._fresh()
            self._law_clause(str(letter), _law(self.coords[c], sp.S.Zero, sp.S.One, self.at))
            self.known[c] = letter
            letters.append(letter)
        self.clauses.append(_Clause([name], text=f"{name} = {sp.sstr(sp.simplify(value.xreplace(self.known)))}"))
        self.named.append(name)


def _process(engine: Concrete, atom: sp.Basic, story: _Story, values: Mapping[sp.Basic, sp.Basic]) -> str | None:
    """A member of a process known by its mean, at a symbolic index (the
    model realizes members at numbers only): its mean plus noise of its own."""
    if not isinstance(atom, AppliedUndef) or not engine.space._opaque(atom):
        return None
    process = engine.world.processes.get(engine.space._family_of(atom).name)
    if process is None or process[2] != "mean" or len(process[0]) != len(atom.args):
        return None
    params, mean, _ = process
    index = set().union(*(sp.sympify(a, strict=True).free_symbols for a in atom.args))  # for every index, not one value
    fixed = {k: v for k, v in values.items() if k not in index}
    at = mean.xreplace(dict(zip(params, atom.args, strict=True))).xreplace(fixed)
    noise = f"{story._fresh()}({', '.join(sp.sstr(a) for a in atom.args)})"
    law = _law(Coordinate.spread("n"), sp.S.Zero, engine.world.flavour.scale, values)
    return (f"{sp.sstr(atom)} = {sp.sstr(at)} + {noise}; the {noise} for distinct indices are "
            f"independent and each {law}")


def explain(engine: Concrete, exprs: Sequence[sp.Basic], values: Mapping[sp.Basic, sp.Basic]) -> str:
    """The random variables of ``exprs`` (as the model evaluates them),
    described in their own names with ``values`` put in for the symbols;
    ``""`` when there are none. Raises :class:`ModelError` when a variable
    cannot be described exactly (the caller then shows the whole model)."""
    atoms, bare = _random_atoms(engine, exprs)
    if not atoms:
        return ""
    taken = {str(s) for e in exprs for s in sp.sympify(e, strict=True).free_symbols}
    taken |= {str(sp.sstr(a)) for a in atoms}
    story = _Story(engine.world.coords, taken, values)
    realized: dict[sp.Basic, sp.Expr] = {}
    for atom in atoms:
        try:
            realized[atom] = sp.sympify(engine.realize(atom), strict=True).xreplace(dict(values))
        except ModelError:
            text = _process(engine, atom, story, values)
            if text is None or atom in bare:
                raise
            story.clauses.append(_Clause([str(sp.sstr(atom))], text=text))
            story.named.append(str(sp.sstr(atom)))
            continue
        story.tell(str(sp.sstr(atom)), realized[atom])
    text = "; ".join(str(c) for c in story.clauses)
    if bare:
        at = ", ".join(f"{sp.sstr(a)} = {sp.sstr(sp.simplify(engine.world.outcome(realized[a])))}" for a in bare)
        text += f"; at the outcome {at}"
    return text
