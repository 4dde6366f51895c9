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

The sentence is built of words and :class:`Math` pieces, so that it reads
as plain text (``X ~ N(1, 3)``) and typesets as LaTeX (``$X \\sim
\\mathcal{N}(1, 3)$``) from the same description.
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


@dataclass(frozen=True)
class Math:
    """A formula of the sentence: as plain text and as LaTeX."""

    text: str
    latex: str


Words = list["str | Math"]


def _m(e: sp.Basic) -> Math:
    return Math(str(sp.sstr(e)), sp.latex(e))


def _op(op_text: str, op_latex: str, *args: sp.Basic) -> Math:
    """``op(a, b)`` (a law's name and its parameters)."""
    return Math(f"{op_text}({', '.join(sp.sstr(a) for a in args)})",
                f"{op_latex}\\left({', '.join(sp.latex(a) for a in args)}\\right)")


def _listed(items: Sequence[sp.Basic]) -> Math:
    return Math(", ".join(str(sp.sstr(v)) for v in items), ", ".join(sp.latex(v) for v in items))


def _eq(name: Math, value: sp.Basic) -> Math:
    return Math(f"{name.text} = {sp.sstr(value)}", f"{name.latex} = {sp.latex(value)}")


def plain(words: Sequence[str | Math]) -> str:
    """The sentence as plain text."""
    return "".join(w if isinstance(w, str) else w.text for w in words)


_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex(words: Sequence[str | Math]) -> str:
    """The sentence as LaTeX text: words escaped, formulas in ``$...$`` (a
    name and its law, separated by a space, are one formula)."""
    items = list(words)
    out: list[str] = []
    i = 0
    while i < len(items):
        w = items[i]
        if isinstance(w, Math):
            span = [w.latex]
            while i + 2 < len(items) and items[i + 1] == " " and isinstance(nxt := items[i + 2], Math):
                span.append(nxt.latex)
                i += 2
            out.append(f"${' '.join(span)}$")
        else:
            out.append("".join(_SPECIAL.get(c, c) for c in w))
        i += 1
    return "".join(out)


def _names(names: Sequence[Math]) -> Words:
    if len(names) <= 2:
        return _joined(names, " and ")
    return [*_joined(names[:-1], ", "), " and ", names[-1]]


def _joined(items: Sequence[str | Math], sep: str) -> Words:
    out: Words = []
    for i, item in enumerate(items):
        out += [sep, item] if i else [item]
    return out


def _law(coord: Coordinate, shift: sp.Expr, scale: sp.Expr, at: Mapping[sp.Basic, sp.Basic]) -> Words:
    """The law of ``shift + scale * coord`` as a predicate (``~ N(0, 1)``,
    ``takes 1, 2 with probabilities 1/2, 1/2``), with the values ``at`` put
    in for the law's parameters."""
    if coord.finite:
        values = [sp.simplify(sp.sympify(shift + scale * v, strict=True).xreplace(dict(at))) for v in coord.values]
        probs = [sp.simplify(sp.sympify(p, strict=True).xreplace(dict(at))) for p in coord.probs]
        if len(values) == 2 and sorted(values, key=sp.default_sort_key) == [0, 1]:
            p = probs[values.index(sp.S.One)]
            return [Math(f"~ Bernoulli({sp.sstr(p)})", rf"\sim \operatorname{{Bernoulli}}\left({sp.latex(p)}\right)")]
        if len(values) == 2 and probs[0] == probs[1]:
            return ["is ", _m(values[0]), " or ", _m(values[1]), " with probability ", _m(probs[0]), " each"]
        if all(v.is_number for v in values):
            pairs = sorted(zip(values, probs, strict=True), key=lambda vp: float(vp[0]))
            values, probs = [v for v, _ in pairs], [p for _, p in pairs]
        return ["takes ", _listed(values), " with probabilities ", _listed(probs)]
    shift = sp.simplify(sp.sympify(shift, strict=True).xreplace(dict(at)))
    scale = sp.simplify(sp.sympify(scale, strict=True).xreplace(dict(at)))
    spread = sp.Abs(scale)
    if coord.law == "standard normal":
        return [_op("~ N", r"\sim \mathcal{N}", shift, sp.simplify(scale**2))]
    if coord.law == "uniform on [-1, 1]":
        return [_op("~ Uniform", r"\sim \operatorname{Uniform}", sp.simplify(shift - spread),
                    sp.simplify(shift + spread))]
    if coord.law == "standard Laplace":
        return [_op("~ Laplace", r"\sim \operatorname{Laplace}", shift, spread)]
    if shift == 0 and scale == 1:
        return [f"has {coord.law}"]
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

    names: list[Math]
    law: Words
    after: tuple[Math, ...] = ()
    text: Words | None = None

    def words(self) -> Words:
        if self.text is not None:
            return self.text
        tail: Words = [", independent of ", *_names(list(self.after))] if self.after else []
        if len(self.names) == 1:
            return [self.names[0], " ", *self.law, *tail]
        return [*_names(self.names), " are independent and each ", *self.law, *tail]


class _Story:
    def __init__(self, world_coords: Mapping[sp.Basic, Coordinate], taken: set[str],
                 at: Mapping[sp.Basic, sp.Basic]) -> None:
        self.coords = world_coords
        self.at = at
        self.known: dict[sp.Basic, sp.Expr] = {}  # coordinate -> the same randomness in named terms
        self.named: list[Math] = []  # the variables and sources described so far
        self.taken = taken
        self.clauses: list[_Clause] = []

    def _fresh(self) -> sp.Symbol:
        name = next((n for n in _FRESH if n not in self.taken), None) or \
            next(f"S{i}" for i in range(1, 1000) if f"S{i}" not in self.taken)
        self.taken.add(name)
        return sp.Symbol(name, real=True)

    def _law_clause(self, name: Math, law: Words) -> None:
        last = self.clauses[-1] if self.clauses else None
        if last is not None and last.text is None and last.law == law \
                and tuple(self.named[:len(last.after)]) == last.after \
                and self.named[len(last.after):] == last.names:
            last.names.append(name)  # one more independent copy of the same law
        else:
            self.clauses.append(_Clause([name], law, tuple(self.named)))
        self.named.append(name)

    def _defined(self, name: Math, value: sp.Expr) -> None:
        self.clauses.append(_Clause([name], [], text=[_eq(name, sp.simplify(value.xreplace(self.known)))]))
        self.named.append(name)

    def tell(self, atom: sp.Basic, value: sp.Expr) -> None:
        name = _m(atom)
        used = sorted(value.free_symbols & self.coords.keys(), key=sp.default_sort_key)
        new = [c for c in used if c not in self.known]
        if not new:
            self._defined(name, value)
            return
        parts = _affine(value, new[0]) if len(new) == len(used) == 1 else None
        if parts is not None:
            a, b = parts
            self._law_clause(name, _law(self.coords[new[0]], a, b, self.at))
            self.known[new[0]] = (sp.Symbol(name.text, real=True) - a) / b
            return
        for c in new:  # sources of randomness that no name of the step stands for
            letter = self._fresh()
            self._law_clause(_m(letter), _law(self.coords[c], sp.S.Zero, sp.S.One, self.at))
            self.known[c] = letter
        self._defined(name, value)


def _process(engine: Concrete, atom: sp.Basic, story: _Story, values: Mapping[sp.Basic, sp.Basic]) -> Words | None:
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
    noise = sp.Function(str(story._fresh()))(*atom.args)
    law = _law(Coordinate.spread("n"), sp.S.Zero, engine.world.flavour.scale, values)
    name = _m(atom)
    return [Math(f"{name.text} = {sp.sstr(at)} + {sp.sstr(noise)}",
                 f"{name.latex} = {sp.latex(at)} + {sp.latex(noise)}"),
            "; the ", _m(noise), " for distinct indices are independent and each ", *law]


def explain(engine: Concrete, exprs: Sequence[sp.Basic], values: Mapping[sp.Basic, sp.Basic]) -> tuple[str, str]:
    """The random variables of ``exprs`` (as the model evaluates them),
    described in their own names with ``values`` put in for the symbols, as
    plain text and as LaTeX; ``("", "")`` when there are none. Raises
    :class:`ModelError` when a variable cannot be described exactly (the
    caller then shows the whole model)."""
    words = _told(engine, exprs, values)
    return plain(words), latex(words)


def _told(engine: Concrete, exprs: Sequence[sp.Basic], values: Mapping[sp.Basic, sp.Basic]) -> Words:
    atoms, bare = _random_atoms(engine, exprs)
    if not atoms:
        return []
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
            story.clauses.append(_Clause([_m(atom)], [], text=text))
            story.named.append(_m(atom))
            continue
        story.tell(atom, realized[atom])
    words: Words = []
    for i, clause in enumerate(story.clauses):
        words += ["; ", *clause.words()] if i else clause.words()
    if bare:
        outcome = [_eq(_m(a), sp.simplify(engine.world.outcome(realized[a]))) for a in bare]
        words += ["; at the outcome ", *_joined(outcome, ", ")]
    return words
