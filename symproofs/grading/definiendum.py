r"""What the left side of a student's definition may be: a new name.

A line ``name = expression`` the grader takes for the student's definition
is not checked, and the lines after it may rest on it. Only a new name can be
defined so: a plain name or matrix, or a function (a sequence) at distinct
variables, indices or whole numbers (``f(x)``, ``L(w)``, ``v_{t+1}``,
``v_0``). An operation written on something (``\nabla^2(x^3)``, ``\nabla
L``, ``f^{-1}(y)``), a function at an expression (``\sigma(a + b)``,
``f(x^2)``, ``f(x, x)``), or a function its own right side applies elsewhere
than at another member of a sequence (``D(p, q) = D(q, p)``, ``f(x) =
f(-x)``; ``a_n = a_{n-1} + 2`` is a recurrence) names nothing new: the line
is a claim, and taking it for a definition would let a false line prove the
later ones that rest on it."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.grading.context import head
from symproofs.grading.cues import NAME_LHS
from symproofs.latex.notation import Setting

__all__ = ["DESCRIBED", "NOT_READ", "NO_NEW_NAME", "described", "is_name", "new_name"]

#: how a line written as a definition (``:=``) of no new name reads
NO_NEW_NAME = (
    "written as a definition, but of no new name (an operation or a function at an expression, "
    "or a name its right side uses): a claim (not checked)"
)

#: the mark (in ``Known.unread``) of a name whose definition is stated under a condition not read
#: (:mod:`symproofs.grading.clauses`): a display giving it a value is a claim about it, never its definition
NOT_READ = "?!"

#: names the reading gives an operation written on a name or an expression (``\nabla L``: ``grad_L``,
#: ``\nabla^2``: ``hess``, ``f^{-1}``: ``f_inv``): what the operation gives, never a new name to define
_OPERATION = re.compile(r"^(?:grad|hess)(?:_|$)|_inv$")


def new_name(lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether ``lhs = rhs`` can define ``lhs`` as a new name (see the module): a name or a function at
    distinct variables, indices or whole numbers, that the right side does not use (a sequence's earlier
    members aside)."""
    if isinstance(lhs, sp.MatrixSymbol):
        return not rhs.has(lhs)
    if isinstance(lhs, sp.Symbol):
        return _OPERATION.search(lhs.name) is None and not rhs.has(lhs)
    if not isinstance(lhs, AppliedUndef) or _OPERATION.search(head(lhs)) is not None or rhs.has(lhs):
        return False
    args = lhs.args
    if len(set(args)) != len(args) or not all(_fresh_argument(a) for a in args):
        return False
    return all(_other_member(lhs, call) for call in sp.sympify(rhs).atoms(AppliedUndef) if call.func == lhs.func)


def _fresh_argument(arg: sp.Basic) -> bool:
    """A variable, a whole number or an index shifted by a whole number (``x``, ``0``, ``t + 1``): what the
    left side of a definition may apply a new function to."""
    if isinstance(arg, (sp.Symbol, sp.MatrixSymbol, sp.Integer)):
        return True
    shift, index = arg.as_coeff_Add()
    return isinstance(index, sp.Symbol) and index.is_integer is True and shift.is_integer is True


def _other_member(lhs: AppliedUndef, call: AppliedUndef) -> bool:
    """Whether ``call`` (the function of ``lhs`` applied on the right side) is another member of a sequence
    (``a_{n-1}``, ``a_0`` or ``a_k`` for ``a_n``): its arguments those of ``lhs``, or whole numbers where
    those are whole-number indices."""
    if len(call.args) != len(lhs.args):
        return False
    for mine, theirs in zip(lhs.args, call.args, strict=True):
        if theirs == mine:
            continue
        if isinstance(theirs, sp.MatrixExpr) or isinstance(mine, sp.MatrixExpr):
            return False
        if not (mine.is_integer is True and theirs.is_integer is True):
            return False
    return True


def is_name(expr: sp.Basic) -> bool:
    """A name, a term of a sequence, a function applied, a matrix or an
    entry: what a definition or a result names. Not a power or a number
    (``y^{(a+b)}``, ``e^{\\ln 3}``)."""
    return isinstance(expr, (sp.Symbol, AppliedUndef, sp.Indexed, sp.MatrixSymbol, MatrixElement))


def described(
    lhs: sp.Basic, text: str, rhs: sp.Basic, setting: Setting, known: AbstractSet[str], lead: str = ""
) -> bool:
    """Whether ``lhs = rhs`` (``lhs`` written ``text``) gives a value to a name
    the words of the question describe and nothing defines by a formula: the
    problem statement ("let $m$ denote the second moment of $X$": ``^m`` in
    ``known``), or the answer's own words (``&m``: "let $S$ denote the sum of
    the first $n$ integers", "write $S_n$ for ..."; or the sentence right
    before, ``lead``: "the area $A$ of a disc is"). The name has its meaning
    already: the equation, a number or a formula (``S = n(n-1)/2``), is a
    claim about it, which nothing here checks, never the student's
    definition (taking it for one would prove the lines after it from a
    false closed form)."""
    if (
        not is_name(lhs)
        or NAME_LHS.match(text) is None
        or any(isinstance(g.statement, sp.Eq) and head(g.statement.lhs) == head(lhs) for g in setting.givens)
    ):
        return False
    return "^" + head(lhs) in known or "&" + head(lhs) in known or _named_before(lead, text)


#: "the area $A$ of a disc ... is", "the sample mean $\bar{x}$ is": a name the words before a display describe
_THE = r"\b(?i:the|its|our|their)\s+(?:[A-Za-z-]+\s+){1,3}\$\s*"


def _named_before(lead: str, text: str) -> bool:
    """Whether the sentence ``lead`` ends (up to the display) names ``text`` as what its words describe ("the
    area $A$ of a disc of radius $r$ is"), not where it defines it ("given by", "defined as", "where")."""
    sentence = re.split(r"[.!?]\s|\$\$|\n\s*\n", lead)[-1]
    if not text.strip() or _DEFINING_TAIL.search(sentence) is not None:
        return False
    return re.search(_THE + re.escape(text.strip()) + r"\s*\$", sentence) is not None


#: words that make the display right after them a definition ("given by", "defined as", "where", ":=", "can be
#: expressed as follows:", "we write")
_DEFINING_TAIL = re.compile(
    r"(?:given\s+by|defined\s+(?:by|as)|where|let|define|denote[sd]?|:=|set\s+to|as\s+follows|(?:written|expressed)"
    r"(?:\s+[a-z]+){0,3}\s+as|we\s+(?:can\s+)?write)\W*$",
    re.I,
)


#: why an equation that gives a value to a name the words describe is not checked
DESCRIBED = "a claim about {}, which the text describes in words (not read): not a definition (not checked)"
