"""Rows of one display that solve an equation or an inequality, read as a TA
reads them.

``z^2 - 2z + 1 = 0``, ``(z - 1)^2 = 0``, ``z = 1`` on three rows are not three
identities in ``z``: the first row is the equation solved, and each later
row follows from the row before it; the rows that solve an inequality
(``2x + 3 \\le 7``, ``2x \\le 4``, ``x \\le 2``) are each equivalent to the row
before it: no solution is lost or gained on the way. :func:`solving_runs`
joins such rows into one chain of statements linked by implications (by
equivalences for an inequality); a system (a name of the first row other
than the one solved missing from the value) is left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Given, Relation
from symproofs.core.statements import RELATIONAL
from symproofs.grading.cues import requiring, since_display, solving
from symproofs.grading.document import ReadChain, ReadLink, ReadSide
from symproofs.matrices.linalg import Grad, Jacobian

__all__ = ["arrived_at", "condition_at", "labelled_points", "named_in", "named_solutions", "one_unknown", "requirement",
           "row_systems", "solutions",
           "solving_runs", "stationary", "to_solve"]


def solving_runs(chains: list[ReadChain]) -> list[ReadChain]:
    """``chains`` with each run of rows of one display that solve an equation
    (``z^2 - 2z + 1 = 0``, ``(z - 1)^2 = 0``, ``z = 1``: equations one per
    row, the last a value of a name the first has) joined into one chain of
    statements, each row implied by the row before it, as a TA reads them,
    rather than identities in ``z``."""
    out: list[ReadChain] = []
    i = 0
    while i < len(chains):
        j = i + 1
        while j < len(chains) and _row_of(chains[j - 1], chains[j]):
            j += 1
        joined = _solving(chains[i:j]) if j - i >= 2 else None
        if joined is None:
            out.append(chains[i])
            i += 1
        else:
            out.append(joined)
            i = j
    return out


def _row_of(before: ReadChain, row: ReadChain) -> bool:
    """Whether ``row`` is the row after ``before`` in the same display (on the
    next source line, or on the same one: ``a &= b \\\\ c &= d``)."""
    return before.kind == row.kind == "display" and before.lead == row.lead \
        and before.line <= row.line <= before.line + 1 and before.question == row.question


_NAME = re.compile(r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?")


def _row(chain: ReadChain) -> tuple[sp.Basic, sp.Basic | None, sp.Basic] | None:
    """The statement a row makes (an equation or an inequality, or a double
    inequality ``-1 < x < 3``), the name it isolates (the middle of a
    double inequality, else its left side when that is a name) and the
    value it gives it (the other sides); None for anything else."""
    if chain.links or chain.cut or len(chain.sides) not in (2, 3) or any(s.condition for s in chain.sides):
        return None
    exprs = [s.expr for s in chain.sides]
    if not all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in exprs):
        return None
    rels = [s.relation for s in chain.sides[1:]]
    if any(r not in RELATIONAL for r in rels) or (
            rels[0] is Relation.EQ and chain.sides[1].relation_text.strip() != "="):
        return None
    domain = [c for side in chain.sides for c in side.domain]  # where the row as written is defined
    # a name as written (\frac{2x}{2} is read x, but it isolates nothing)
    named = [isinstance(e, sp.Symbol) and _NAME.fullmatch(side.text.strip()) is not None
             for e, side in zip(exprs, chain.sides, strict=True)]
    if len(exprs) == 2:
        statement = RELATIONAL[rels[0]](exprs[0], exprs[1], evaluate=False)  # type: ignore[index]
        if domain:
            statement = sp.And(statement, *domain, evaluate=False)
        if named[1] and not named[0]:
            return statement, exprs[1], exprs[0]  # 2 \ge x: the value on the left
        return statement, exprs[0] if named[0] else None, exprs[1]
    if Relation.EQ in rels or not named[1]:
        return None
    both = sp.And(RELATIONAL[rels[0]](exprs[0], exprs[1], evaluate=False),  # type: ignore[index]
                  RELATIONAL[rels[1]](exprs[1], exprs[2], evaluate=False), *domain, evaluate=False)  # type: ignore[index]
    return both, exprs[1], sp.Tuple(exprs[0], exprs[2])


def _solving(run: list[ReadChain]) -> ReadChain | None:
    rows = [_row(c) for c in run]
    if any(r is None for r in rows) or any(len(c.sides) != 2 for c in run[:-1]):
        return None
    read = [r for r in rows if r is not None]
    name, value = read[-1][1], read[-1][2]
    first = read[0][0].free_symbols
    if any(r[1] is not None and (r[1] == name or c.sides[1].relation is Relation.EQ)
           for r, c in zip(read[:-1], run, strict=False)):
        # x = 2, then x = 3: two values; y = 2x, then x = 3y: a system (b \ge 2x, then x \le b/2 isolates b first)
        return None
    # after "solving for x": rows in the one unknown, each from the row before, whatever the last one isolates
    announced = solving(run[0].lead) and (
        (len(first) == 1 and all(r[0].free_symbols == first for r in read))
        # "solving for w": (a^2 + 1) w \le (a^2 + 1) b, then w \le b; the parameters may be divided out
        or (isinstance(name, sp.Symbol) and all(name in r[0].free_symbols for r in read)
            and not any(s.relation is Relation.EQ for c in run for s in c.sides[1:])))  # a system of equations
    if not announced and (not isinstance(name, sp.Symbol) or name in value.free_symbols or name not in first):
        return None
    if not announced and first - {name} - value.free_symbols:
        return None  # x + y = 3, x - y = 1, x = 2: a system (y is eliminated by another row), not one equation
    sides = tuple(side for c in run for side in c.sides)
    # an inequality solved keeps its set of solutions from row to row (x^2 < 4 then x < 2 gains -5);
    # an equation's rows may gain roots (squaring), which the value's check against the first row catches
    link = Relation.IMPLIES if all(s.relation is Relation.EQ for c in run for s in c.sides[1:]) else Relation.IFF
    starts = [0, *itertools.accumulate(len(c.sides) for c in run)]
    links = tuple(
        ReadLink(at=starts[k], line=row.line, column=row.sides[0].column, relation=link, relation_text="",
                 text=" ".join(f"{s.relation_text.strip()} {s.text}".strip() for s in row.sides),
                 premise=(read[k - 1][0],), conclusion=(read[k][0],), error="")
        for k, row in enumerate(run) if k > 0)
    return replace(run[0], sides=sides, links=links, kind="solving")


def one_unknown(sides: Sequence[sp.Basic], valued: set[str]) -> sp.Symbol | None:
    """The one unknown of an equation between ``sides`` in elementary
    functions (``\\sqrt{x} = x - 2``, ``\\cos x = 1``), or ``None``: another
    name, a name with a value (``valued``), a function nothing defines, a
    moment or a sum."""
    if not all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in sides):
        return None
    names = set().union(*(x.free_symbols for x in sides))
    if len(names) != 1 or any(sp.count_ops(x) > 40 for x in sides):
        return None
    (x,) = names
    foreign = any(isinstance(f, AppliedUndef) or not (type(f).__module__ or "").startswith("sympy")
                  for side in sides for f in side.atoms(sp.Function))
    if foreign or any(side.has(sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit) for side in sides) \
            or not isinstance(x, sp.Symbol) or x.name in valued:
        return None
    return x


def solutions(statement: sp.Basic, x: sp.Symbol, facts: Sequence[sp.Basic]) -> sp.Set | None:
    """Where ``statement`` (an equation, with where its sides are written
    defined) holds for the real ``x`` that the ``facts`` about ``x`` and its
    assumptions allow; ``None`` when sympy cannot say."""
    domain = sp.Interval.open(0, sp.oo) if x.is_positive else sp.Interval(0, sp.oo) if x.is_nonnegative \
        else sp.S.Reals
    if x.is_integer:  # n^2 = 4 for a positive integer n: n = 2
        domain = domain.intersect(sp.S.Integers)
    parts = list(statement.args) if isinstance(statement, sp.And) else [statement]
    parts += [c for f in facts for c in (f.args if isinstance(f, sp.And) else (f,))
              if isinstance(c, sp.Rel) and {str(s) for s in c.free_symbols} == {x.name}]
    try:
        out = domain
        for part in parts:
            same = part.xreplace({s: x for s in part.free_symbols if isinstance(s, sp.Symbol) and s.name == x.name})
            out = out.intersect(sp.solveset(same, x, sp.S.Reals))
    except (NotImplementedError, ValueError, TypeError):
        return None
    return out


def to_solve(lhs: sp.Basic, rhs: sp.Basic, valued: set[str], facts: Sequence[sp.Basic],
             domain: Sequence[sp.Basic] = (), relation: Relation = Relation.EQ) -> bool:
    """``x^2 + 1 = 5`` on its own: a number on one side, one unknown (with no
    value ``valued`` gives it) on the other, solutions where the ``facts``
    allow, and not every value (an identity such as ``(x+1)^2 - x^2 - 2x = 1``
    is checked): an equation to solve, which no TA reads as an identity
    (``\\beta^2 = 4`` with ``0 < \\beta < 1`` is a claim, and false). With an
    order ``relation``, an inequality to solve (``2x + 3 \\le 7``, and ``x \\le 2``
    too: a condition on ``x``, where ``x = 2`` would be its value)."""
    x = one_unknown((lhs, rhs), valued)
    if x is None or sum(1 for side in (lhs, rhs) if side.is_number) != 1 or (
            relation is Relation.EQ and (isinstance(lhs, sp.Symbol) or isinstance(rhs, sp.Symbol))):
        return False
    found = solutions(sp.And(RELATIONAL[relation](lhs, rhs), *domain), x, facts)
    if found is None:  # sympy cannot solve it ((-1)^n = 1): a number on one side still reads as an equation
        return not _holds_at_every_probe(lhs - rhs, x)
    if found is sp.S.EmptySet:
        return False
    everywhere = solutions(sp.And(*domain) if domain else sp.true, x, facts)
    return bool(found != everywhere)


def _holds_at_every_probe(difference: sp.Expr, x: sp.Symbol) -> bool:
    """Whether ``difference`` is 0 at a few small values of ``x`` (an identity
    sympy cannot solve for is checked as one; the others read as equations)."""
    points = range(1, 6) if x.is_positive else range(-2, 4)
    try:
        return all(sp.simplify(difference.xreplace({x: sp.Integer(k)})) == 0 for k in points)
    except (TypeError, ValueError, ZeroDivisionError):
        return False


_SOLUTION_NAME = re.compile(r"(?P<base>.+)_(?:hat|star|tilde)")


def named_solutions(premise: Sequence[sp.Basic], conclusion: Sequence[sp.Basic],
                    valued: set[str]) -> dict[sp.Basic, sp.Basic]:
    """``k = n \\theta \\implies \\hat\\theta = k / n``: a conclusion that names the
    solution for an unknown of the premise with a hat, a star or a tilde (a
    name the premise does not have, nor a value: not in ``valued``) says
    what that unknown is there. Each such name, with the unknown it stands
    for."""
    names: dict[str, sp.Basic] = {x.name: x for p in premise for x in (*p.free_symbols, *p.atoms(sp.MatrixSymbol))
                                  if isinstance(x, (sp.Symbol, sp.MatrixSymbol))}
    out: dict[sp.Basic, sp.Basic] = {}
    for c in conclusion:
        if isinstance(c, sp.Eq) and isinstance(c.lhs, (sp.Symbol, sp.MatrixSymbol)) and c.lhs.name not in names \
                and c.lhs.name not in valued and (m := _SOLUTION_NAME.fullmatch(c.lhs.name)) is not None \
                and m.group("base") in names and type(names[m.group("base")]) is type(c.lhs) \
                and getattr(names[m.group("base")], "shape", None) == getattr(c.lhs, "shape", None) \
                and not c.rhs.has(c.lhs):  # X^T X w = X^T y \iff w^* = (X^T X)^{-1} X^T y: w, of its shape
            out[c.lhs] = names[m.group("base")]
    return out


def named_in(link: ReadLink, valued: set[str]) -> list[tuple[sp.Basic, sp.Basic]]:
    """The solutions a logical step names (``\\iff \\hat\\theta = k/n``), each
    with the value its conclusion gives it."""
    if not link.premise or not link.conclusion:
        return []
    named = named_solutions(link.premise, link.conclusion, valued)
    return [(c.lhs, c.rhs) for c in link.conclusion if isinstance(c, sp.Eq) and c.lhs in named]


def labelled_points(chain: ReadChain, valued: set[str]) -> list[sp.Basic]:
    r"""The labelled copies of a matrix that a chain of logical steps states
    equations about (``\nabla_w L(w^{L_2}) = 0 \implies (X^T X + \lambda I)
    w^{L_2} = X^T y``): ``w^{L_2}`` (read ``w_L2``) is a point of the space of
    ``w`` (written in the chain too, with its shape) that the steps suppose
    something of (where the gradient vanishes), which a later line rests on:
    no value the check draws for it refutes that line. A name with a value
    (``valued``) is no such point."""
    if not chain.links:
        return []
    parts = [*(s.expr for s in chain.sides),
             *(x for link in chain.links for x in (*(link.premise or ()), *(link.conclusion or ())))]
    named = {m.name: m for p in parts if isinstance(p, sp.Basic) for m in p.atoms(sp.MatrixSymbol)}
    return sorted((m for name, m in named.items() if name not in valued and "_" in name
                   and (base := named.get(name.split("_")[0])) is not None and base.shape == m.shape),
                  key=sp.default_sort_key)


def stationary(first: sp.Basic | None, before: sp.Basic | None, last: sp.Basic | None) -> str:
    """``\\frac{\\partial L}{\\partial x} = y - \\lambda = 0``: a chain from a
    derivative or a gradient that ends at 0 after a side that is not 0 sets
    it to zero (a first-order condition), as a TA reads it: why, or ``""``."""
    derivative = isinstance(first, sp.Basic) and first.has(sp.Derivative, Grad, Jacobian)
    if last == 0 and isinstance(before, sp.Expr) and not before.is_number and derivative:  # 1 = 0 is no condition
        return "a first-order condition: the derivative set to zero, not an identity (not checked)"
    return ""


def condition_at(first: sp.Basic | None, before: ReadSide, last: ReadSide, at: int, lead: str, valued: set[str],
                 facts: Sequence[sp.Basic], after: ReadChain | None = None) -> str:
    """Why the last relation of a chain (``before = last``, the side at
    ``at``; ``first`` the chain's first side) is a condition the answer sets,
    not an identity: a first-order condition (:func:`stationary`) or a
    requirement (:func:`requirement`; ``after``: the chain the text reads
    next); ``""`` if it is neither."""
    return stationary(first, before.expr, last.expr) or requirement(before, last, at, lead, valued, facts, after)


REQUIREMENT_MESSAGE = ("a requirement the answer sets (its last relation, an equation in its unknowns "
                       "{}), not an identity (not checked)")
#: the words between a display and the value it is solved for: "so $c = 3$", "hence $Z = 1 - \\beta^t$"
_SO = re.compile(r"\W*(?:and\s+)?(?:so|hence|thus|therefore|i\.\s?e\.?|that is|which gives|this gives|giving"
                 r"|we (?:get|obtain|find))\W*", re.I)


def _solved_after(after: ReadChain | None, last: ReadSide, unknowns: Sequence[sp.Symbol]) \
        -> tuple[sp.Symbol, sp.Basic] | None:
    """The value the text math right after a display gives one of its
    ``unknowns`` ("... $$ so $c = 3$"): what the display is solved for."""
    if after is None or after.kind != "inline1" or not 0 <= after.line - last.line <= 2 or len(after.sides) != 2 \
            or after.sides[1].relation is not Relation.EQ or after.sides[1].relation_text.strip() != "=" \
            or _SO.fullmatch(since_display(after.lead)) is None:
        return None
    name, value = after.sides[0].expr, after.sides[1].expr
    if name not in unknowns or not isinstance(name, sp.Symbol) or not isinstance(value, sp.Expr) or value.has(name):
        return None
    return name, value


def requirement(before: ReadSide, last: ReadSide, at: int, lead: str, valued: set[str],
                facts: Sequence[sp.Basic], after: ReadChain | None = None) -> str:
    """``\\mathbb{E}[a_i] = c = 0`` after "we want zero mean", ``\\int_0^1 c x^2\\,dx
    = \\frac{c}{3} = 1`` after "must integrate to one": the last relation of a
    chain (``before = last``, at ``at`` > 1: an earlier link is checked as
    written) that sets an expression in unknowns (names with no value in
    ``valued``) equal to a number or a name, where the sentence states a
    requirement (:func:`~symproofs.grading.cues.requiring`), or the text
    right after it gives an unknown its value ("$$...$$ so $c = 3$": the
    chain is there to determine c), is an equation to solve for them: a
    condition, as a TA reads it. Only one that has solutions and is no
    identity in an unknown (one that holds for every value is checked, and
    proved). Why, or ``""``."""
    lhs, rhs = before.expr, last.expr
    if at < 2 or last.relation is not Relation.EQ or last.relation_text.strip() != "=" or last.condition \
            or not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr) or lhs.is_number \
            or isinstance(lhs, sp.MatrixExpr) or isinstance(rhs, sp.MatrixExpr) \
            or not (rhs.is_number or isinstance(rhs, sp.Symbol)):
        return ""
    unknowns = sorted((x for x in (lhs.free_symbols | rhs.free_symbols)
                       if isinstance(x, sp.Symbol) and x.name not in valued), key=sp.default_sort_key)
    solved = _solved_after(after, last, unknowns)
    if solved is None and not requiring(lead):
        return ""
    if not any(x in lhs.free_symbols for x in unknowns) or sp.count_ops(lhs) > 60 \
            or lhs.has(sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit, AppliedUndef):
        return ""
    try:
        if sp.simplify(lhs - rhs) == 0:
            return ""
    except (TypeError, ValueError, NotImplementedError):
        return ""
    for x in unknowns:
        found = solutions(sp.Eq(lhs, rhs), x, facts)
        if found is not None and found is not sp.S.EmptySet and found != solutions(sp.true, x, facts):
            break
    else:
        return ""
    if solved is None:
        return REQUIREMENT_MESSAGE.format(", ".join(str(u) for u in unknowns))
    name, value = solved
    try:
        solves = sp.simplify((lhs - rhs).xreplace({name: value})) == 0
    except (TypeError, ValueError, NotImplementedError, ZeroDivisionError):
        solves = False
    return (f"an equation the answer solves for {name}: the value {name} = {value} stated right after it "
            f"{'solves' if solves else 'does not solve'} it; not an identity (not checked)")


def arrived_at(chain: ReadChain) -> tuple[Given, sp.Basic, sp.Basic] | None:
    """The value the last row of a solving run arrives at (``x = 3``), as a
    given, with the two sides of the first row it must solve where that row
    is defined (``x = 3`` from ``x/(x-3) + 2 = 3/(x-3)`` follows from it only
    because no ``x`` satisfies it). ``None`` when the run ends in a set of
    values (``x \\le 2``)."""
    first, second, last = chain.sides[0].expr, chain.sides[1].expr, chain.sides[-2:]
    name, value = last[0].expr, last[1].expr
    if not isinstance(name, sp.Symbol) or first is None or second is None or value is None \
            or last[1].relation is not Relation.EQ:
        return None
    given = Given(name="stated condition 0", statement=sp.Eq(name, value, evaluate=False), text=f"{name} = {value}")
    return given, first, second


def row_systems(chains: Sequence[ReadChain]) -> set[int]:
    """The ids of equations written side by side on one row of a display
    that share a name (``y = 2 \\lambda x, \\qquad x = 2 \\lambda y``): a
    system, which holds as a whole; none of them defines a name for the
    others, nor follows from them."""
    out: set[int] = set()
    group: list[ReadChain] = []

    def close() -> None:
        names = [{s for side in c.sides if isinstance(side.expr, sp.Basic) for s in side.expr.free_symbols}
                 for c in group]
        for k, c in enumerate(group):
            if any(names[k] & other for j, other in enumerate(names) if j != k):
                out.add(id(c))

    for chain in chains:
        equation = chain.kind == "display" and not chain.links and not chain.cut and len(chain.sides) == 2 \
            and chain.sides[1].relation is Relation.EQ and all(
                isinstance(s.expr, sp.Expr) and not isinstance(s.expr, sp.MatrixExpr) for s in chain.sides)
        if group and not (equation and chain.line == group[-1].line and chain.lead == group[-1].lead):
            close()
            group = []
        if equation:
            group.append(chain)
    close()
    return out
