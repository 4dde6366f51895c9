r"""An index that a sum binds, read as part of a name in its summand.

The reader names a member of a declared sequence or matrix family after
its index (``z_k`` is one matrix symbol named ``z_k``, ``h^{(b)}_t`` one
named ``h_b,t``): sympy sees no ``k`` in it. Under ``\sum_{k=1}^{T}`` such a
summand is a constant of the sum, and ``\sum_{k=1}^{T} \|z_k - y_k\|^2 =
T \|z_k - y_k\|^2`` would be *proved* (``Sum(c, (k, 1, T)) = T c``), while
the true renaming ``\sum_k \|z_k - y_k\|^2 = \sum_t \|z_t - y_t\|^2`` would be
*refuted* (``z_k`` and ``z_t`` two unrelated matrices).

:func:`index_in_name` finds such an index: a variable that a sum, a
product, an integral, a limit, a derivative or an indexed maximum or minimum
(``\max_i``) binds, which appears in the subscript of a symbol's name in the
expression it binds. The step is then *unknown*: what the expression says
about that index is not in it.

>>> k, T = sp.symbols("k T", integer=True)
>>> z_k = sp.MatrixSymbol("z_k", 3, 1)
>>> index_in_name(sp.Sum((z_k.T * z_k)[0, 0], (k, 1, T)))
'z_k'
>>> index_in_name(sp.Sum(sp.Function("z")(k) ** 2, (k, 1, T))) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import cast

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Goal
from symproofs.core.model import Relation
from symproofs.core.results import StepResult, Trust, Verdict

__all__ = ["index_in_name", "index_in_name_result", "same_up_to_renaming", "summands"]

#: the words of a subscript: ``t-1`` holds ``t``, ``b,t`` holds ``b`` and ``t``
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: functions of the reader that bind their second argument (``\max_i x_i``, ``\min_i x_i``)
_INDEXED_EXTREMA = frozenset({"IndexedMax", "IndexedMin"})


def _bound(node: sp.Basic) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Basic, ...]]:
    """The variables ``node`` binds (if any) and the parts of it they are bound in."""
    if isinstance(node, (sp.Sum, sp.Product, sp.Integral)):
        return tuple(lim[0] for lim in node.limits if isinstance(lim[0], sp.Symbol)), (node.function,)
    if isinstance(node, sp.Limit):
        var = node.args[1]
        return ((var,) if isinstance(var, sp.Symbol) else ()), (node.args[0],)
    if isinstance(node, sp.Derivative):
        return tuple(v for v in node.variables if isinstance(v, sp.Symbol)), (node.expr,)
    if type(node).__name__ in _INDEXED_EXTREMA and len(node.args) == 2 and isinstance(node.args[1], sp.Symbol):
        return (node.args[1],), (node.args[0],)
    return (), ()


def _named(body: sp.Basic) -> Iterable[str]:
    """The names in ``body`` that may carry an index as text: symbols and matrix symbols."""
    for atom in sp.preorder_traversal(body):
        if isinstance(atom, sp.MatrixSymbol):
            yield str(atom.name)
        elif isinstance(atom, sp.Symbol) and not isinstance(atom, sp.Dummy):
            yield atom.name
        elif isinstance(atom, MatrixElement) and isinstance(atom.parent, sp.MatrixSymbol):
            yield str(atom.parent.name)


def _subscript_words(name: str) -> frozenset[str]:
    """The words of the subscript of ``name`` (after its first ``_``), empty for a name without one."""
    _, sep, rest = name.partition("_")
    return frozenset(_WORD.findall(rest.replace("_", " "))) if sep else frozenset()


def index_in_name(expr: object) -> str | None:
    """The first name (in sorted order, under the first binder met) in
    ``expr`` whose subscript holds, as text, a variable that a sum, product,
    integral, limit, derivative or indexed extremum around it binds (``z_k``
    under ``\\sum_k``); ``None`` when there is none."""
    if isinstance(expr, (tuple, list)):
        return next((n for e in expr if (n := index_in_name(e)) is not None), None)
    if not isinstance(expr, sp.Basic):
        return None
    for node in sp.preorder_traversal(expr):
        variables, bodies = _bound(node)
        if not variables:
            continue
        names = {v.name for v in variables}
        for body in bodies:
            found = sorted({n for n in _named(body) if n not in names and _subscript_words(n) & names})
            if found:
                return found[0]
    return None


def _renamed(name: str, old: str, new: str) -> str:
    """``name`` with the word ``old`` of its subscript made ``new`` (``z_k``: ``z_new``)."""
    head, sep, rest = name.partition("_")
    return head + sep + re.sub(rf"(?<![A-Za-z0-9]){re.escape(old)}(?![A-Za-z0-9])", new, rest)


def _canonical(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """``expr`` with the index of every sum and product (and every name in its
    summand that holds that index) named after the binder's depth and place:
    two sums that differ only in their index's name become one expression."""
    if not expr.args or isinstance(expr, (sp.Symbol, sp.MatrixSymbol)):
        return expr
    if isinstance(expr, (sp.Sum, sp.Product)):
        body = expr.function
        variables: dict[sp.Basic, sp.Basic] = {}
        for place, (var, *_) in enumerate(expr.limits):
            new = sp.Symbol(f"bnd{depth}x{place}", **var.assumptions0)
            variables[var] = new
            body = _rename_index(body, var, new)
        # a bound of one limit may hold the index of another (j from 1 to i)
        limits = [(variables[var], *(b.xreplace(variables) for b in bounds)) for var, *bounds in expr.limits]
        return type(expr)(_canonical(body, depth + 1), *limits)
    return expr.func(*(_canonical(a, depth) if isinstance(a, sp.Basic) else a for a in expr.args))


def same_up_to_renaming(lhs: object, rhs: object) -> bool:
    r"""Whether ``lhs`` and ``rhs`` are one expression once the indices of their
    sums and products are renamed alike, with the names in the summands that
    hold them (``\sum_k \|z_k\|^2`` and ``\sum_t \|z_t\|^2``)."""
    if not isinstance(lhs, sp.Basic) or not isinstance(rhs, sp.Basic):
        return False
    words = {w for e in (lhs, rhs) for a in e.atoms(sp.Symbol, sp.MatrixSymbol)
             for w in {str(a.name), *_subscript_words(str(a.name))}}
    if any(re.fullmatch(r"bnd\d+x\d+", w) for w in words):
        return False  # a name of the renaming already in the step
    if any(b.has(sp.oo, -sp.oo, sp.zoo) for e in (lhs, rhs) for node in sp.preorder_traversal(e)
           if isinstance(node, (sp.Sum, sp.Product)) for lim in node.limits for b in lim[1:]):
        return False  # a series: one written twice may still have no value
    try:
        return bool(_canonical(lhs) == _canonical(rhs))
    except Exception:  # an expression that cannot be rebuilt is not known to be the other
        return False


def index_in_name_result(goal: Goal) -> StepResult | None:
    """The result of a goal whose sides hold an index read as part of a name
    (:func:`index_in_name`): *proved* when the sides are one expression up to
    the names of their sums' indices, else *unknown*; ``None`` for any other goal."""
    named = index_in_name((goal.lhs, goal.rhs))
    if named is None:
        return None
    if goal.relation is Relation.EQ and same_up_to_renaming(goal.lhs, goal.rhs):
        return StepResult(verdict=Verdict.PROVED, method="one sum, its index renamed", trust=Trust.SYMBOLIC,
                          message="the sides differ only in the name of a sum's index (and of the members at it)")
    return StepResult(verdict=Verdict.UNKNOWN, method="index read as part of a name", trust=Trust.NONE,
                      message=(f"the summand's index is read as part of a name: '{named}' is one symbol whose "
                               "name holds the index a sum, product, limit or derivative around it runs over, so "
                               "the step cannot be checked (write the member as a function of its index)"))


def _rename_index(body: sp.Basic, old: sp.Symbol, new: sp.Symbol) -> sp.Basic:
    """``body`` with the index ``old`` named ``new``, in the names that hold it too."""
    swap: dict[sp.Basic, sp.Basic] = {old: new}
    for atom in body.atoms(sp.Symbol, sp.MatrixSymbol):
        name = str(atom.name)
        if old.name in _subscript_words(name) and atom != old:
            renamed = _renamed(name, old.name, new.name)
            swap[atom] = sp.MatrixSymbol(renamed, *atom.shape) if isinstance(atom, sp.MatrixSymbol) \
                else sp.Symbol(renamed, **atom.assumptions0)
    return body.xreplace(swap)


def _peeled(e: sp.Sum) -> tuple[sp.Basic, tuple[sp.Basic, ...]]:
    """A sum (or product) as the sum over its outermost index of what it sums
    over the others: its inner expression and that index's limit."""
    *inner, outer = e.limits
    return (type(e)(e.function, *inner) if inner else e.function), tuple(outer)


def summands(goal: Goal) -> Goal | None:
    """For an equation between two sums (or two products) over the same
    range, the equation between their summands over the outermost index,
    the index free (its name in the right side's summand made the left
    side's): where it holds for every index and every value of the members
    at it, the sums are equal whatever the members, however the names hide
    the index. ``None`` for any other goal (a sum and no sum, other ranges,
    an index the other side also uses for something else, a series, an
    assumption or a given about a name the index has)."""
    if goal.relation is not Relation.EQ or not isinstance(goal.lhs, (sp.Sum, sp.Product)) \
            or type(goal.lhs) is not type(goal.rhs):
        return None
    (left, (new, *lo_hi)), (right, (old, *bounds)) = _peeled(cast(sp.Sum, goal.lhs)), _peeled(cast(sp.Sum, goal.rhs))
    if not isinstance(new, sp.Symbol) or not isinstance(old, sp.Symbol) or new.assumptions0 != old.assumptions0 \
            or list(bounds) != list(lo_hi) or any(b.has(sp.oo, -sp.oo, sp.zoo) for b in lo_hi):
        return None  # other ranges; a series, which equal terms do not make exist
    if old != new:
        words = {w for a in right.atoms(sp.Symbol, sp.MatrixSymbol)
                 for w in {str(a.name), *_subscript_words(str(a.name))}}
        if new.name in words:
            return None  # the left side's index names something else on the right
        right = _rename_index(right, old, new)
    ctx = goal.context
    held = {x for c in ctx.facts.constraints for x in c.free_symbols} | {
        x for g in ctx.givens if isinstance(g.statement, sp.Basic) for x in g.statement.free_symbols}
    if new in held or any(new in b.free_symbols for b in lo_hi):
        return None  # an assumption or a given about a t of that name would hold of the index set free
    return replace(goal, lhs=left, rhs=right)
