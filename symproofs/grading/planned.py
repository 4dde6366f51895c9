"""What the planner builds (:mod:`symproofs.grading.plan`): the steps waiting
for a goal's result, the lines that restate an earlier result, and the
results a document has stated so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from symproofs.grading.context import head, names_of
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.reach import Reach
from symproofs.grading.readings import Reading
from symproofs.grading.report import LineGrade, Mark
from symproofs.latex.notation import Setting

__all__ = ["Known", "Pending", "Plan", "Restated", "Result", "line_grade", "unread_grade"]


@dataclass
class Pending:
    """A step waiting for its result: where it goes and which goal decides it.
    ``differs``: the step compares a name's new value with the one the answer
    gave it before; if they differ, the step is *unknown* with this message
    (a new quantity under the old name, or a slip), never refuted."""

    chain: int
    step: int
    goal: int
    differs: str = ""
    readings: tuple[Reading, ...] = ()  # the step's other readings (grading.readings): all must agree


@dataclass
class Restated:
    """A line that restates an earlier result: ``goal`` checks it against that
    result, ``written`` checks it as written. The comparison counts only if
    the earlier result was itself shown (every step of chain ``basis``
    proved, or a definition, ``basis`` None and not ``claim``)."""

    chain: int
    step: int
    goal: int
    written: int
    basis: int | None
    line: int
    claim: bool = False
    differs: str = ""  # as in :class:`Pending`
    #: a line that is mathematics of its own (a left side that is no name): ``written`` is graded as any
    #: step (:class:`Pending`), and ``goal`` decides it only where it does not (unknown) and the basis was shown
    compared: bool = False


@dataclass
class Plan:
    """Everything one submission asks the workers."""

    chains: list[tuple[int, str, list[LineGrade]]] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    reach: list[Reach] = field(default_factory=list)
    #: the last row of rows that solve an equation: chain, step, the goal "its value solves the first row", line
    solutions: list[tuple[int, int, int, int]] = field(default_factory=list)
    restated: list[Restated] = field(default_factory=list)
    #: the question each chain was graded under (its notation's), in the order of ``chains``
    questions: list[str | None] = field(default_factory=list)

    def add(self, chain: ReadChain, start: str, steps: list[LineGrade]) -> None:
        """Report ``chain`` (from the side ``start``) with ``steps``, under its question."""
        self.chains.append((chain.line, start, steps))
        self.questions.append(chain.question)


def unread_grade(side: ReadSide) -> LineGrade:
    """A side not turned into mathematics: *unknown* when the text has several readings (the TA
    decides which one the student meant), *unparsed* otherwise."""
    if side.ambiguous:
        return line_grade(side, Mark.UNKNOWN, method="ambiguous reading", message=side.error or "")
    return line_grade(side, Mark.UNPARSED, message=side.error or "")


def line_grade(side: ReadSide, verdict: Mark, *, method: str = "", message: str = "") -> LineGrade:
    return LineGrade(line=side.line, column=side.column, relation=side.relation_text, source=side.text,
                     verdict=verdict, method=method, message=message)




@dataclass(frozen=True)
class Result:
    """A result a document states: its right side and line, and what it rests
    on: the chain whose steps derive it, or nothing for a definition (given,
    not shown) and for the claim an answer sets out to show (``claim``), and
    the question it is stated in (``None`` also where that is not recorded)."""

    value: sp.Basic
    line: int
    chain: int | None = None
    claim: bool = False
    question: str | None = None


@dataclass
class Known:
    """Results a document has stated so far (left side -> result)."""

    results: dict[str, Result] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    definitions: dict[str, str | None] = field(default_factory=dict)  # left side -> its sub-question
    #: "?name": defined in a line that did not parse; "~name": given a value in passing
    unread: set[str] = field(default_factory=set)
    #: the last equation on its own: line, question, and the chain that states it
    last: tuple[sp.Basic, int, str | None, int] | None = None
    #: names the text quantifies over ("for every real $c$"): free, as a notation's names are
    free: set[str] = field(default_factory=set)
    #: the student's explicit definitions (``c := 3``, "let $c = 3$", "we fix $$\eta = 1/10$$"): left side -> the
    #: name of its given. They hold for the rest of the question, in its later parts too, until defined anew
    fixed: dict[str, str] = field(default_factory=dict)
    #: the numbers the answer gives plain names (``c := 3``, ``x = 2`` found), each with its line, which a
    #: refutation in a later line or part may not contradict unless something gives the name another meaning
    stated: dict[str, tuple[sp.Eq, int]] = field(default_factory=dict)
    #: every equation the part states so far, whatever the words around it ("consider the special choice $Y =
    #: -X$", "set", a case, a value in passing): where one ties random variables declared independent, their
    #: independence is not used from there on in the part (:meth:`GoalSet._untie`)
    ties: list[sp.Basic] = field(default_factory=list)
    part: str = ""  # the words that open the part at hand, up to its label
    #: the row (line, question) the words draw as a consequence ("so $$\hat w = ..., \qquad \lambda = ...$$")
    drawn: tuple[int, str | None] | None = None
    #: the last displayed equation in one unknown read as a condition: its chain and sides ("$$n^2 = 100$$"), which
    #: a value the sentence right after it gives ("where $n = 10$") makes a claim to check
    condition: tuple[int, sp.Basic, sp.Basic] | None = None

    def state(self, lhs: sp.Basic, rhs: sp.Basic, line: int) -> None:
        """The answer gives the plain name ``lhs`` the number ``rhs`` on ``line``."""
        if isinstance(lhs, sp.Symbol) and isinstance(rhs, sp.Expr) and rhs.is_number and rhs.is_real:
            self.stated[lhs.name] = (sp.Eq(lhs, rhs, evaluate=False), line)

    def holds(self, setting: Setting, lhs: sp.Basic, rhs: sp.Basic, line: int) -> bool:
        """Whether ``setting`` holds ``lhs = rhs`` as the student's definition of ``line``; a number it gives a
        plain name is then one the answer states (no refutation in a later part contradicts it)."""
        if any(g.name == f"defined on line {line}" and isinstance(g.statement, sp.Eq)
               and head(g.statement.lhs) == head(lhs) for g in setting.givens):
            self.state(lhs, rhs, line)
            return True
        return False

    def new_part(self, question: str | None = None) -> None:
        """A new part of the answer (a sub-question ``question``, a label such
        as "(b)"): the values found for plain names belong to the part before
        (``x = 2`` in 1.1, ``x = 3`` in 1.2), as do the values given them in
        passing and the names quantified ("for every real $c$"); the names the
        student defines explicitly keep their values."""
        for key in self.fixed:  # c := 3 in 1.1 is still c's definition in 1.2 (a function may be defined anew)
            if key in self.definitions and key.startswith("Symbol("):
                self.definitions[key] = question
        values = {k for k in self.results if k.startswith("Symbol(") and k not in self.fixed}
        names = {n for k in values for n in re.findall(r"Symbol\('([^']+)'", k)[:1]}
        self.results = {k: r for k, r in self.results.items() if k not in values}
        self.definitions = {k: q for k, q in self.definitions.items() if k not in values}
        self.names -= names
        self.unread = {m for m in self.unread if not m.startswith("~")}
        self.last = None
        self.free = set()  # "for every real $c$" in (a) says nothing of c in (b)

    def forget(self, *names: str) -> None:
        """Drop the results stated about ``names`` or through them: they have new values."""
        quoted = [f"'{name}'" for name in names]
        self.results = {k: r for k, r in self.results.items()
                        if not any(q in k for q in quoted) and not set(names) & names_of(r.value)}
        self.fixed = {k: g for k, g in self.fixed.items() if not any(q in k for q in quoted)}
        self.stated = {k: v for k, v in self.stated.items() if k not in names}
        if self.last is not None and set(names) & names_of(self.last[0]):
            self.last = None  # "then" no longer draws on an equation about the old value
