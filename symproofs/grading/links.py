"""The logical steps of a chain: a statement joined to the one before it by
``=>`` or ``<=>`` (``x^2 = 4 \\iff x = 2 \\quad (x > 0)``), read with the
conditions of its own row, as the goal that decides it."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Relation
from symproofs.grading.contrary import holds_nowhere
from symproofs.grading.document import ReadChain, ReadLink, ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.report import LineGrade, Mark
from symproofs.grading.solving import named_solutions
from symproofs.latex.notation import Setting

__all__ = ["established", "link_sides", "link_step"]


def link_sides(chain: ReadChain, sides: list[ReadSide], link: ReadLink) -> list[ReadSide]:
    """The sides of the two statements a logical step joins, on its row:
    their conditions are the step's (not those of another row of the
    same source line)."""
    before = max((other.at for other in chain.links if other.at < link.at), default=0)
    after = min((other.at for other in chain.links if other.at > link.at), default=len(sides))
    return [s for s in sides[before:link.at] if s.line == link.line] + list(sides[link.at:after])


def established(chain: ReadChain, link: ReadLink) -> tuple[sp.Basic, ...] | None:
    """What a chain of logical steps has established before ``link``: the
    statements before its premise, each reached from the one before it by
    ``=>`` or ``<=>`` (``|x - 1| < 2 \\iff -1 < x < 3 \\implies x < 3
    \\implies x^2 < 9``: the last step is taken where the first holds); a
    ``<=`` or a statement of its own ends what is carried. None where one of
    those statements could not be read."""
    out: list[sp.Basic] = []
    before: ReadLink | None = None
    for other in sorted(chain.links, key=lambda k: k.at):
        if other.at >= link.at:
            break
        joined = before is not None and before.conclusion is not None and other.premise is not None and set(
            before.conclusion) == set(other.premise)
        if not joined:
            out = []
        if other.relation not in (Relation.IMPLIES, Relation.IFF):
            out, before = [], other
            continue
        if other.premise is None or not all(p is sp.true or _carried(p) for p in other.premise):
            return None  # (a matrix equation, a moment: not a case the checks can take)
        out += [p for p in other.premise if p is not sp.true and p not in out]
        before = other
    if before is None or before.conclusion is None or link.premise is None \
            or set(before.conclusion) != set(link.premise):
        return ()  # (the step starts a statement of its own)
    return tuple(out)


def _carried(statement: sp.Basic) -> bool:
    """Whether ``statement`` is a relation between numbers and names that a
    case can take: no matrix, no moment, no function but sympy's own."""
    return isinstance(statement, sp.Rel) and all(
        isinstance(side, sp.Expr) and not isinstance(side, sp.MatrixExpr) and not side.atoms(sp.MatrixSymbol)
        and all(not isinstance(f, AppliedUndef) and (type(f).__module__ or "").startswith("sympy.")
                for f in side.atoms(sp.Function)) for side in statement.args)


def link_step(link: ReadLink, setting: Setting, goals: GoalSet, sides: list[ReadSide],
              hypothesis: tuple[sp.Basic, ...] = (),
              before: tuple[sp.Basic, ...] | None = ()) -> tuple[LineGrade, int | None]:
    """A logical step between two statements (=> or <=>), under the condition
    its row states (``x^2 = 4 \\iff x = 2 \\quad (x > 0)``) and the
    ``hypothesis`` the chain opens with (:func:`~symproofs.grading.cases.opening_hypothesis`):
    the step's grade, and the goal that decides it (``None``: not checked).
    What the chain established ``before`` it (:func:`established`) is a case
    it is taken in: it never helps to prove it, but a refutation outside it
    is none (where it could not be read, None: no refutation counts)."""
    line = LineGrade(line=link.line, column=link.column, relation=link.relation_text, source=link.text,
                     verdict=Mark.UNKNOWN, method="not checked")
    if hypothesis and link.premise == hypothesis:
        return replace(line, message="the hypothesis the steps after it are stated under (not checked)"), None
    if link.relation is None:
        return replace(line, message=f"the relation {link.relation_text} is not checked"), None
    if link.premise is None or link.conclusion is None:
        why = link.error if link.conclusion is None else "the statement before it could not be read"
        return replace(line, message=why or "a statement could not be read"), None
    premise = tuple(p for p in link.premise if p is not sp.true)
    conclusion = tuple(p for p in link.conclusion if p is not sp.true)
    # (b-1)^2 >= 0 => b^2 + 1 >= 4b: a premise that holds for every value claims the conclusion for every value
    always = not premise and bool(link.premise) and len(conclusion) == 1 and type(conclusion[0]) in _CLAIMS
    if sp.false in premise or sp.false in conclusion or (not premise and not always) or not conclusion:
        return replace(line, message="a statement that holds or fails whatever the values "
                                     "(nothing to check between them)"), None
    # \hat\theta = k/n: theta, if k = n theta (a name with no meaning yet: not one a case or a line used)
    named = named_solutions(premise, conclusion, goals.taken(setting)) if premise else {}
    conclusion = tuple(c.xreplace(named) for c in conclusion)
    lhs = premise if len(premise) != 1 else premise[0]
    rhs = conclusion if len(conclusion) > 1 else conclusion[0]
    if any(side.assumed is None for side in sides):  # a condition in words: the step holds under it, unread
        bad = next(side for side in sides if side.assumed is None)
        return replace(line, message=f"{bad.condition_error}; the step is stated under it"), None
    assumed = (*(rel for side in sides for rel in side.assumed or ()), *hypothesis)
    saved = goals.cases_now, goals.unread_now
    if link.relation is Relation.IFF:  # (rows solved by equivalences: each claims the same set as the row before)
        before = ()
    carried = tuple(c for c in before or () if c not in goals.cases_now and c not in premise)
    if carried and holds_nowhere((*goals.cases_now, *carried), tuple(setting.facts)):
        # (x/(x-3) + 2 = 3/(x-3), solved row by row: no x meets it, yet each row still follows from the last)
        carried, before = (), None
    goals.cases_now = (*goals.cases_now, *carried)
    goals.unread_now = goals.unread_now or ("" if before is not None else "the statements before it in its chain")
    try:
        if always:
            claim = conclusion[0]
            return replace(line, method=""), goals.add(setting, _CLAIMS[type(claim)], claim.lhs, claim.rhs,
                                                       assumed=assumed)
        return replace(line, method=""), goals.add(setting, link.relation, lhs, rhs, assumed=assumed)
    finally:
        goals.cases_now, goals.unread_now = saved


#: the relations a conclusion claimed for every value is checked as
_CLAIMS: dict[type, Relation] = {sp.Eq: Relation.EQ, sp.Ge: Relation.GE, sp.Gt: Relation.GT, sp.Le: Relation.LE,
                                 sp.Lt: Relation.LT}
