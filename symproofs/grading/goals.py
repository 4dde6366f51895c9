"""The goals of a batch of submissions: each distinct check once, in the
setting of its question, with the cases the text takes and the conditions
a row states (:class:`GoalSet`). :mod:`symproofs.grading.plan` adds them,
:mod:`symproofs.grading.run` has them checked."""

from __future__ import annotations

import itertools
import zlib
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal
from symproofs.core.model import Relation
from symproofs.grading.cases import one_line
from symproofs.grading.context import context_of as _context
from symproofs.grading.context import defined_from, flat, head, index_floors, into_moments
from symproofs.grading.contrary import holds_nowhere
from symproofs.grading.counting import TermCount, term_counts
from symproofs.grading.cues import DEFINING
from symproofs.grading.definitions import assuming, through_definitions, through_functions, where_defined
from symproofs.grading.kinds import PREFIX
from symproofs.grading.tied import tied_names
from symproofs.latex.backstep import unfolded
from symproofs.latex.notation import Setting
from symproofs.latex.sequences import through_recurrences
from symproofs.probability.declarations import Declarations
from symproofs.verifier.definedness import REAL_DOMAIN, denominators

__all__ = ["GoalSet", "chain_domain", "equation_between", "stated_equations", "zero_of"]


def _scalar_sides(sides: list[sp.Basic]) -> list[sp.Expr]:
    """The sides of a chain a domain is read from: scalar expressions, not
    under a limit or a derivative (whose variable is bound there)."""
    return [s for s in sides if isinstance(s, sp.Expr) and not isinstance(s, sp.MatrixExpr)
            and not s.has(sp.MatrixExpr, sp.Limit, sp.Derivative)]


def chain_domain(sides: list[sp.Basic]) -> tuple[sp.Basic, ...]:
    r"""Where every side of a chain is defined, as a TA reads ``A = B \le C``:
    one statement on the domain of all its sides. Each denominator with a free
    name is nonzero (``\frac{1}{T}\sum_t t = \frac{T+1}{2} \le T``: T \ne 0
    for the last step too), and each logarithm's argument positive, ... A
    step refuted only where an earlier side of its own chain is undefined is
    refuted at no point of what the chain says."""
    out: list[sp.Basic] = []
    for side in _scalar_sides(sides):
        for d in denominators(side):
            if _elementary(d) and (rel := sp.Ne(d, 0)) is not sp.true and isinstance(rel, sp.Rel) and rel not in out:
                out.append(rel)
        for f in side.atoms(*REAL_DOMAIN):
            if _elementary(f.args[0]):
                out.extend(r for r in REAL_DOMAIN[type(f)](f.args[0]) if isinstance(r, sp.Rel) and r not in out)
    return tuple(out)


def _elementary(e: sp.Basic) -> bool:
    """Whether ``e`` is a plain name (``T`` in ``\\frac{1}{T}``, ``n`` in ``\\log n``):
    the conditions read from the other sides of a chain are kept to those (a
    condition on a formula, ``1 - \\beta \\ne 0``, is left to the strategies
    that read the formula)."""
    return isinstance(e, sp.Symbol)


def zero_of(relation: Relation, side: Any, other: Any) -> Any:
    r"""``side`` as the course's TAs read it beside ``other``: a plain ``0``
    equated with a matrix or vector (``W^\perp u = 0``, ``u^\top W^\perp =
    0``) is the zero matrix of its shape; anything else is left as written."""
    if relation is Relation.EQ and isinstance(other, sp.MatrixExpr) and isinstance(side, sp.Expr) \
            and not isinstance(side, sp.MatrixExpr) and side.is_zero is True and side.is_number:
        return sp.ZeroMatrix(*other.shape)
    return side


class GoalSet:
    """The goals of a whole batch, each distinct goal once."""

    def __init__(self, seed: int) -> None:
        self.goals: list[Goal] = []
        self.keys: dict[tuple[object, ...], int] = {}
        self.seed = seed
        self.known: list[frozenset[str]] = []  # per goal: names whose values are determined or free
        self.known_now: frozenset[str] = frozenset()
        self.cases: list[tuple[sp.Basic, ...]] = []  # per goal: the case the text states before it
        self.cases_now: tuple[sp.Basic, ...] = ()
        self.ties_now: tuple[sp.Basic, ...] = ()  # the equations the part has stated so far (Known.ties)
        self.names_now: set[str] = set()  # the names the lines so far have used
        #: per goal: the cases about its names, when a hypothesis states each right before its display
        self.stated_for: list[tuple[sp.Basic, ...]] = []
        self.stated_for_now: tuple[sp.Basic, ...] = ()
        #: per goal: a hypothesis in words stated right before its display, which no case was read from
        self.unread: list[str] = []
        self.unread_now = ""
        self.chain_now: list[sp.Basic] = []  # the sides of the chain at hand
        #: per goal: the counts its chain writes (a sum's number of terms), never negative at a refutation's point
        self.counts: list[tuple[TermCount, ...]] = []
        self.lone: set[int] = set()  # goals of an equation displayed on its own
        self.twins: dict[int, int] = {}  # a goal under a case -> the same goal with the case assumed
        self.impossible: dict[int, tuple[sp.Basic, ...]] = {}  # a goal under a case no value meets -> that case
        #: a goal under a case only the conditions its written sides need exclude -> those conditions
        self.undefined: dict[int, tuple[sp.Basic, ...]] = {}
        self.linked: dict[int, frozenset[Any]] = {}  # families of its cases that the givens tie to the step
        self.primary: set[int] = set()  # goals a step asks for (a twin is checked only where its goal is not proved)
        self.written: list[tuple[Setting, Relation, Any, Any, tuple[sp.Basic, ...], bool]] = []  # add's arguments
        #: per goal whose case ties variables declared independent (B = A): why their independence is not used
        self.tied: dict[int, str] = {}
        self._untied: dict[tuple[int, str], Setting] = {}  # (a setting, the names tied) -> its setting without
        #: the numbers the answer gave plain names so far, each with its line (see :meth:`_earlier`)
        self.stated_now: dict[str, tuple[sp.Eq, int]] = {}
        #: per goal: those its names had, which no longer hold in its setting; and the goal checked at them
        self.stated: dict[int, tuple[tuple[sp.Eq, int], ...]] = {}
        self.stated_twins: dict[int, int] = {}
        #: a goal about gradients through time -> the same with one step of backpropagation written out
        #: (:mod:`symproofs.latex.backstep`), checked where the goal is not decided; only its proof counts
        self.unfolded: dict[int, int] = {}

    def add(self, setting: Setting, relation: Relation, lhs: Any, rhs: Any, *,
            definitions: bool = True, assumed: tuple[sp.Basic, ...] = (), twin: bool = False) -> int:
        """The index of the goal ``lhs relation rhs`` in ``setting``, with the
        relations of a condition the student states for the line (``assumed``)
        as assumptions of this goal alone."""
        # a condition on a defined name (\qquad (\Delta = 0)) is one on what defines it
        assumed = tuple(through_definitions(a, setting.givens) for a in assumed)
        lhs, rhs = zero_of(relation, lhs, rhs), zero_of(relation, rhs, lhs)  # W u = 0: the zero vector
        written = (lhs, rhs, assumed)
        base = setting
        setting, tied = self._untie(setting, (*self.cases_now, *self.ties_now, *assumed), lhs, rhs)
        if definitions:
            # v_t exists from t = 0 on: the step is read there, before v_t gives way to its closed form
            floors = tuple(defined_from(setting.givens, flat(lhs) + flat(rhs)))
            floors += tuple(f for f in index_floors(setting.givens, flat(lhs) + flat(rhs)) if f not in floors)
            # and where the functions the student defines exist, for the whole chain (f(x) = x log x: x > 0)
            floors += tuple(where_defined(setting, [*flat(lhs), *flat(rhs), *self.chain_now]))
            # and where the chain's other sides are defined (1/T on its first side: T \ne 0 for its last step too;
            # the step's own sides bring where they are defined with them, as the reader reads them)
            own = (*flat(lhs), *flat(rhs))
            floors += chain_domain([x for x in self.chain_now if x not in own])
            assumed = (*assumed, *(f for f in floors if f not in assumed))
            lhs, rhs = through_functions(setting, lhs), through_functions(setting, rhs)
            lhs, rhs = into_moments(setting, lhs), into_moments(setting, rhs)
            lhs, rhs = through_recurrences(setting.notation, lhs), through_recurrences(setting.notation, rhs)
        earlier = () if twin or relation.is_logical else self._earlier(base, lhs, rhs)
        counts = term_counts([*written[0:2], *self.chain_now])
        key = (id(setting), definitions, relation, sp.srepr(lhs), sp.srepr(rhs), sp.srepr(assumed),
               sp.srepr(self.cases_now), frozenset(k for k in self.known_now if k.startswith((PREFIX, *"~?^<!"))),
               self.unread_now, self._stated(setting, lhs, rhs), sp.srepr(earlier), counts)
        if key not in self.keys:
            seed = self.seed + zlib.crc32(repr(key[2:5]).encode()) % 1_000_000
            context = _context(assuming(setting, assumed), lhs, rhs, seed, definitions, assumed)
            self.keys[key] = len(self.goals)
            self.goals.append(Goal(relation=relation, lhs=lhs, rhs=rhs, context=context))
            self.known.append(self.known_now)
            self.cases.append(())
            self.counts.append(counts)
            self.stated_for.append(key[-3])  # (the cases stated for the display)
            self.unread.append(self.unread_now)
            self.written.append((base, relation, *written, definitions))
            if tied:
                self.tied[self.keys[key]] = tied
            self.take_case(self.keys[key], self.cases_now)
            if earlier:  # "c := 3" in part (a), c = -1 at the point in part (b): checked at c = 3 too
                g = self.keys[key]
                self.stated[g] = earlier
                saved = self.stated_now, self.cases_now
                case = tuple(c for c in self.cases_now if isinstance(c, sp.Rel))
                self.stated_now, self.cases_now = {}, ()
                try:
                    self.stated_twins[g] = self.add(base, relation, lhs, rhs, definitions=definitions, twin=True,
                                                    assumed=(*assumed, *case, *(eq for eq, _ in earlier)))
                finally:
                    self.stated_now, self.cases_now = saved
            sides = unfolded(setting.notation, *written[0:2], setting.lemmas) if definitions and not twin else None
            if sides is not None:
                g = self.keys[key]
                self.unfolded[g] = self.add(base, relation, *sides, assumed=written[2], twin=True)
        if not twin:
            self.primary.add(self.keys[key])
        return self.keys[key]

    @staticmethod
    def tying(setting: Setting, relations: tuple[sp.Basic, ...]) -> tuple[sp.Basic, ...] | None:
        """Those of ``relations`` (the equations of a text math, whatever the
        words before it: "consider the special choice $Y = -X$") that tie random
        variables the setting declares independent: a case the lines after it
        work in, where a refutation must meet it; None if none does."""
        eqs = tuple(e for e in relations if isinstance(e, sp.Eq) and any(
            isinstance(alg, Declarations) and alg.tied_by((e,)) is not None for alg in setting.algebras))
        return eqs or None

    def _untie(self, setting: Setting, case: tuple[sp.Basic, ...], lhs: Any, rhs: Any) -> tuple[Setting, str]:
        """``setting`` where the ``case`` a step is stated in, or an equation
        the part states before it whatever the words around it ("take", "consider
        the special choice", "set", a value in passing), ties random variables
        it declares independent (or uncorrelated): $B = A$ with $A$ and $B$
        independent. In the case they are not (independence there
        would hold only for a constant), so their independence is not used:
        ``Var(A + B)`` is ``Var(2A) = 4 Var(A)``, never ``Var(A) + Var(B)``.
        The setting without it, and why (where the step speaks of them);
        ``setting`` and ``""`` otherwise."""
        for k, alg in enumerate(setting.algebras):
            found = alg.tied_by(case) if isinstance(alg, Declarations) else None
            if found is None:
                continue
            space, names = found
            key = (id(setting), ",".join(names))
            if key not in self._untied:
                self._untied[key] = replace(setting, algebras=(*setting.algebras[:k], space,
                                                               *setting.algebras[k + 1:]))
            ties = ", ".join(dict.fromkeys(one_line(c) for c in case if isinstance(c, sp.Eq)
                                           and isinstance(alg, Declarations) and alg.tied_by((c,)) is not None))
            spoken = {str(x) for side in (*flat(lhs), *flat(rhs)) if isinstance(side, sp.Basic)
                      for x in side.free_symbols}
            return self._untied[key], (f"the equation {ties} stated before ties {' and '.join(names)}, declared "
                                       "independent: their independence is not used") if spoken & set(names) else ""
        return setting, ""

    def _earlier(self, setting: Setting, lhs: Any, rhs: Any) -> tuple[tuple[sp.Eq, int], ...]:
        """The numbers the answer gave the step's plain names earlier (``\\eta
        := 1/10``, a value found in an earlier part) that its setting no longer
        holds and no case the text takes now speaks of: a refutation at a point
        that gives one of them another value contradicts what the answer
        stated, and is held back unless the step fails at the value too."""
        if not self.stated_now:
            return ()
        # and those the course's equations and the student's definitions tie to them (mu = (alpha + beta)/2)
        names = tied_names([side for side in (*flat(lhs), *flat(rhs)) if isinstance(side, sp.Basic)],
                           (*setting.facts, *(g.statement for g in setting.givens)))
        names -= {head(g.statement.lhs) for g in setting.givens if isinstance(g.statement, sp.Eq)}
        names -= {x.name for c in self.cases_now for x in c.free_symbols if isinstance(x, sp.Symbol)}
        return tuple(self.stated_now[n] for n in sorted(names) if n in self.stated_now)

    def taken(self, setting: Setting) -> set[str]:
        """Names with a meaning already: valued, used by a line so far, or
        bounded by a case the text takes (no name for a solution, ``w^*``)."""
        return self.valued(setting) | self.names_now | {str(x) for c in self.cases_now for x in c.free_symbols}

    def valued(self, setting: Setting) -> set[str]:
        """Names with a value: defined (``c := 3``) or fixed by the case the text takes ("for $c = 3$")."""
        return {head(g.statement.lhs) for g in setting.givens if isinstance(g.statement, sp.Eq)} | {
            x.name for c in self.cases_now if isinstance(c, sp.Eq) for x in c.free_symbols if isinstance(x, sp.Symbol)}

    def _stated(self, setting: Setting, lhs: Any, rhs: Any) -> tuple[sp.Basic, ...]:
        """The cases taken now that are about the names of ``lhs`` and ``rhs``,
        if a hypothesis states every one of them right before the display at
        hand ("for $x > 0$,"); ``()`` otherwise."""
        if not self.stated_for_now:
            return ()
        names = {x for side in (*flat(lhs), *flat(rhs)) if isinstance(side, sp.Basic) for x in side.free_symbols}
        about: tuple[sp.Basic, ...] = ()
        while True:  # and the cases about those cases' names (p = q, q = 1/2 for a step about p)
            more = tuple(c for c in self.cases_now if c not in about
                         and through_definitions(c, setting.givens).free_symbols & names)
            if not more:
                break
            about += more
            names |= {x for c in more for x in c.free_symbols}
        return about if about and all(c in self.stated_for_now for c in about) else ()

    def take_case(self, g: int, case: tuple[sp.Basic, ...], replacing: bool = False) -> None:
        """Goal ``g`` is stated in ``case`` too (a case the text takes before
        it, or states right after it): with it, the same goal with the case
        assumed, which refutes inside the case or holds only there. ``replacing``:
        a value of a name in ``case`` replaces the one the goal had ("$$n^2 = 4$$ where $n = 2$")."""
        setting, relation, lhs, rhs, assumed, definitions = self.written[g]
        valued = {c.lhs for c in case if isinstance(c, sp.Eq)} if replacing else set()
        self.cases[g] = (*(c for c in self.cases[g] if not (isinstance(c, sp.Eq) and c.lhs in valued)),
                         *(through_definitions(c, setting.givens) for c in case))
        # v_1 = 5 with v_t = beta v_{t-1} + (1 - beta) g_t, for a step about g: a point that gives g values
        # derives v_1, which the case may not meet
        names = {x for side in (*flat(lhs), *flat(rhs)) if isinstance(side, sp.Basic)  # (no index links)
                 for x in (*(y for y in side.free_symbols if not y.is_integer),
                           *(f.func for f in side.atoms(AppliedUndef)))}
        for c in case:
            for family in {m.func for m in c.atoms(AppliedUndef)}:
                if any(family in {f.func for f in st.atoms(AppliedUndef)} and names & {
                        *(x for x in st.free_symbols if x != given.index and not x.is_integer),
                        *(f.func for f in st.atoms(AppliedUndef) if f.func != family)}
                       for given in setting.givens if isinstance(st := given.statement, sp.Basic)):
                    self.linked[g] = self.linked.get(g, frozenset()) | {family}
        # a case stated for the display: with the cases about the step's names alone (what it claims in them)
        relations = tuple(c for c in (tuple(through_definitions(c, setting.givens) for c in self.stated_for[g])
                                      or self.cases[g]) if isinstance(c, sp.Rel))
        if not relations:
            return
        known = self.goals[g].context.facts.constraints
        if holds_nowhere(relations, known):
            self.impossible[g] = relations  # a case no value meets under the question's facts ("for $\beta > 2$")
            if not holds_nowhere(relations, setting.facts):  # only what the written step needs (x/c: c != 0)
                self.undefined[g] = tuple(c for c in known if c not in setting.facts)
            return
        saved, self.cases_now = self.cases_now, ()
        try:
            self.twins[g] = self.add(setting, relation, lhs, rhs, definitions=definitions,
                                     assumed=(*assumed, *relations), twin=True)
        finally:
            self.cases_now = saved


def stated_equations(sides: Any) -> tuple[sp.Basic, ...]:
    """The equations a row states between its neighbouring sides with a plain
    name alone on a side (``Y = -X``, ``Y := -X``), each read as it stands:
    what may tie random variables. Not one about a member of a family
    (``a_i^{(t)} = \\sum_j W_{ij} h_j^{(t-1)}``), whose declarations speak of
    some members only."""
    out: list[sp.Basic] = []
    for a, b in itertools.pairwise(sides):
        if not isinstance(a.expr, sp.Expr) or not isinstance(b.expr, sp.Expr) \
                or isinstance(a.expr, sp.MatrixExpr) or isinstance(b.expr, sp.MatrixExpr) \
                or (b.relation is not Relation.EQ and b.relation_text.strip() not in DEFINING):
            continue
        if not any(isinstance(x, sp.Symbol) for x in (a.expr, b.expr)) or a.expr == b.expr:
            continue
        out.append(sp.Eq(a.expr, b.expr, evaluate=False))  # (never evaluated: 100000! = ... is read as it stands)
    return tuple(out)


def equation_between(a: sp.Basic, b: sp.Basic) -> sp.Basic | None:
    """``a = b`` as sympy builds it, or None where it is no equation (it
    evaluates to true or false, or the sides cannot be compared)."""
    try:
        rel = sp.Eq(a, b)
    except (TypeError, ValueError):
        return None
    return rel if isinstance(rel, sp.Eq) else None
