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

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Relation
from symproofs.grading.context import head
from symproofs.grading.cues import ASSUMING, CUES, VALUE_CUES, consequence, cue_tail
from symproofs.grading.definitions import a_parameter, course_defines, defines_function, is_formula, special_value
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.report import LineGrade
from symproofs.grading.solving import named_in
from symproofs.latex.notation import Setting

__all__ = ["NUMBER_SETS", "chained_case", "chosen_values", "renamed", "solved_equation", "stated_formula",
           "taken_value"]

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


#: words before a chained choice of values besides :data:`VALUE_CUES` and :data:`ASSUMING`: "for" anywhere ("the
#: sum vanishes for"), "iff", "exactly when", "(a) counterexample (is)", "example", "say"
_CHOOSING = re.compile(r"(?:\bfor|\biff|\bif\s+and\s+only\s+if|\b(?:exactly|precisely|only)\s+(?:when|if)"
                       r"|\bcounter-?examples?(?:\s+is)?|\bexamples?(?:\s+is)?|\bsay|\\iff|\\Leftrightarrow)\W*$", re.I)


def chosen_values(chain: ReadChain) -> bool:
    r"""Whether text math chaining equations between plain names that ends at a number or a name (``a = b = 1``,
    ``x = y = 0``, ``a = b = c``) is a choice of values after words that take one ("for", "take", "at", "with"
    a value, "iff", "counterexample:"): the case ``a = 1, b = 1`` the lines after it work in
    (:func:`chained_case`), never the claim "b = 1 for every b". Not after words that draw it ("so", "hence",
    "we get": a claim), nor after "let", "where", "we take" (:data:`CUES`: the student's definitions)."""
    sides = chain.sides
    if chain.kind != "inline" or len(sides) < 3 or chain.links or any(
            s.relation is not Relation.EQ for s in sides[1:]) or any(s.expr is None for s in sides):
        return False
    if not all(isinstance(s.expr, sp.Symbol) for s in sides[:-1]) or not isinstance(sides[-1].expr, sp.Expr) or not (
            isinstance(sides[-1].expr, sp.Symbol) or (sides[-1].expr.is_number and not sides[-1].expr.free_symbols)):
        return False
    tail = cue_tail(chain.lead)
    if consequence(chain.lead) or CUES.search(tail):
        return False
    return any(p.search(tail) for p in (VALUE_CUES, ASSUMING, _CHOOSING))


def chained_case(sides: Sequence[ReadSide]) -> tuple[sp.Basic, ...]:
    """The case a chain of equations takes (``a = b = 1``): each side given the last where that is a number
    (``a = 1, b = 1``), else each side equal to the next (``a = b, b = c``); none that holds or fails as written."""
    exprs = [s.expr for s in sides if s.expr is not None]
    last = exprs[-1] if exprs else None
    number = isinstance(last, sp.Expr) and last.is_number and not last.free_symbols
    pairs = [(x, last) for x in exprs[:-1]] if number else list(itertools.pairwise(exprs))
    out: list[sp.Basic] = []
    for a, b in pairs:
        try:
            rel = sp.Eq(a, b)
        except (TypeError, ValueError):
            continue
        if isinstance(rel, sp.Eq) and rel not in out:
            out.append(rel)
    return tuple(out)


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
