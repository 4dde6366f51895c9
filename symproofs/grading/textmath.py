r"""What a piece of text math or a chain gives the lines after it, beyond its
own steps: a function's formula stated in passing ("the loss is $L(w) = w^2
- 4w + 7$"), the equation a chain ends by solving (``\frac{dL}{dw} = 2w - 4
= 0``, which a "so $$w = 3$$" after it is drawn from), and the solutions a
chain of logical steps names anew (``\implies \hat\theta = \frac{k}{n}``), and
the value a sentence arrives at for a name the question has ("we obtain
$\lambda = \frac{1-p}{p}$", "solving, we get $\sigma^2 = \frac{2}{d}$"),
the case the lines after it work in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Relation
from symproofs.grading.context import head
from symproofs.grading.definitions import a_parameter, course_defines, defines_function, is_formula, special_value
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.report import LineGrade
from symproofs.grading.solving import named_in
from symproofs.latex.notation import Setting

__all__ = ["NUMBER_SETS", "renamed", "solved_equation", "stated_formula", "taken_value"]

#: the sets the text declares names in ("for every integer $k$": symproofs.latex.integers)
NUMBER_SETS = {"integers": sp.S.Integers, "naturals": sp.S.Naturals, "naturals0": sp.S.Naturals0}


def stated_formula(setting: Setting, sides: Sequence[ReadSide], used: AbstractSet[str], lead: str) -> bool:
    """Whether one relation of text math, ``f(x) = body``, states the formula
    of a function nothing else gives: its variables plain distinct names the
    body uses, a function the question does not have (the notation, the
    course's facts) and the text did not write before (``used``). "The loss
    is $L(w) = w^2 - 4w + 7$" then defines L, as "let" would; not after
    words that make it an example or a supposition (``lead``: "for example
    take", "if", "suppose")."""
    if _EXAMPLE.search(lead[-80:]) or len(sides) != 2 or sides[1].relation_text.strip() != "=" or sides[1].condition:
        return False
    lhs, rhs = sides[0].expr, sides[1].expr
    if not (isinstance(lhs, AppliedUndef) and is_formula(lhs) and isinstance(rhs, sp.Expr)):
        return False
    if rhs.has(lhs.func) or head(lhs) in used or course_defines(setting, lhs):
        return False  # a recurrence, a function the text spoke of already, or the course's
    note = setting.notation
    if note is not None and (head(lhs) in note.symbols or head(lhs) in note.matrices):
        return False
    return defines_function(setting, lhs, rhs)


def taken_value(setting: Setting, sides: Sequence[ReadSide], used: AbstractSet[str],
                drawn: bool) -> tuple[sp.Symbol, sp.Basic, bool] | None:
    r"""The value one relation of text math gives a name the question has (:func:`a_parameter`), as the case the
    lines after it work in: its name, the case and whether it is a special case the text takes in place of
    any definition of the name (a number, not ``drawn`` as a consequence: "since $\mu = 0$ here"). Else a value
    the text arrives at, whatever its words ("we obtain $\lambda = \frac{1-p}{p}$", "solving, we get $\sigma^2 =
    \frac{2}{d}$", "the penalty weight is"): the student's claim, which nothing here checks, so it never proves
    a line after it (a case never does); a line refuted only at points that contradict it is held back. None for
    anything else (a name of its own value, ``x = 2x - 1``)."""
    lhs, rhs = sides[0].expr, sides[1].expr
    name = lhs.base if isinstance(lhs, sp.Pow) and lhs.exp.is_number and lhs.exp.is_positive else lhs
    if len(sides) != 2 or sides[1].relation is not Relation.EQ or not isinstance(name, sp.Symbol) \
            or not isinstance(rhs, sp.Expr) or isinstance(rhs, sp.MatrixExpr) or rhs.has(name) \
            or not a_parameter(setting, name, used):
        return None
    special = lhs == name and not drawn and special_value(setting, name, rhs)
    case = sp.Eq(lhs, rhs)
    return None if case in (sp.true, sp.false) else (name, case, special)


#: words before text math that make a formula an example or a supposition, never a definition
_EXAMPLE = re.compile(r"\b(?:examples?|instance|e\.\s?g\.|say|such\s+as|like|take|consider|suppose|assume|assuming"
                      r"|if|when|whenever|for\s+(?:all|every|any|some))\b[^.!?]*$", re.I)


def solved_equation(steps: Sequence[LineGrade], prev: ReadSide | None, side: ReadSide, question: str | None,
                    ci: int) -> tuple[sp.Basic, int, str | None, int] | None:
    r"""The equation a chain solves at ``side`` (``2w - 4 = 0`` at the end of
    ``\frac{dL}{dw} = 2w - 4 = 0``), read as a condition just now (the last
    of ``steps``, at ``side``): what "so", "hence" after it draw a value from
    (:attr:`symproofs.grading.planned.Known.last`). None otherwise."""
    if prev is None or not steps or steps[-1].method != "condition" \
            or (steps[-1].line, steps[-1].column) != (side.line, side.column):
        return None
    exprs = (prev.expr, side.expr)
    if not all(isinstance(x, sp.Expr) and not isinstance(x, sp.MatrixExpr) for x in exprs):
        return None
    statement = sp.And(sp.Eq(prev.expr, side.expr, evaluate=False), *prev.domain, *side.domain)
    return (statement, side.line, question, ci)


def renamed(chain: ReadChain, taken: set[str], marks: AbstractSet[str]) -> set[str]:
    r"""The marks (``=name``, among ``marks``) of the solutions an earlier
    chain named that the logical steps of ``chain`` name anew (``... = 0
    \implies \hat\theta = \frac{k}{n+1}`` after ``\implies \hat\theta = 3``):
    such a name is free to be named again (it is ``taken`` otherwise), and
    each step is checked on its own, whatever the earlier chain said of it."""
    named = {m[1:] for m in marks if m.startswith("=")}
    return {"=" + str(name) for link in chain.links for name, _ in named_in(link, taken - named)} & set(marks)
