"""An order step decided through the bounds that known facts give.

A cited lemma ``|g(z)| \\le c``, ``g(z) \\le c`` or ``g(z) \\ge c`` (over its
variables ``z``) bounds each instance ``g(e)`` that a step holds: where ``g(e)``
is a real number (an entry of a real matrix is one,
:mod:`symproofs.core.realentries`), it is ``c s`` for some ``s`` in
``[-1, 1]``, ``c - u`` or ``c + u`` for some ``u >= 0``. The step is proved when
its difference, with each instance written that way through a fresh variable,
has the sign the step needs for every value of the fresh variables (under the
context's facts): ``\\sigma'(a)^2 \\le \\gamma^2`` from ``|\\sigma'(z)| \\le \\gamma``.
``[-1, 1]`` is covered by ``(1 - u)/(1 + u)`` and its negative (``u >= 0``), both
tried. A maximum over an index on the small side, ``\\max_i F(i) \\le B`` with
``B`` free of the index, is no bigger than ``B`` where every ``F(i)`` is not (and a
minimum on the big side alike): the index becomes a fresh one, for any value
it may take (an integer only where the index is one).
The spectral norm of a diagonal matrix is its largest absolute entry, and
``|x| <= B`` holds where ``x <= B`` and ``-x <= B`` do.
An assumption of the context that bounds a term (``\\lambda_1(W^\\top W) \\le
\\delta^2/\\gamma^2``) bounds it the same way, and ``\\sqrt{Y} \\le B`` follows from
``Y \\le B^2`` where ``Y`` and ``B`` are nonnegative.
Only ``<=``/``>=`` steps drop an extremum (a supremum need not be attained)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Lemma, Relation
from symproofs.core.realentries import entries_as_reals
from symproofs.core.results import Trust, Verdict
from symproofs.matrices.linalg import LargestEigenvalue, Norm
from symproofs.matrices.realness import complex_scalar
from symproofs.verifier.lemmamatch import hypotheses_hold, instances_in, replace_free, slopes_as_functions
from symproofs.verifier.spectral import gram_root

__all__ = ["lemma_bounds"]

#: at most this many distinct bounded instances in one step (2^n sign cases for the |g| <= c ones)
_MOST = 3
_SMALLER = (Relation.LE, Relation.LT)
_ORDER = (Relation.LE, Relation.LT, Relation.GE, Relation.GT)
#: each bounded term: its kind, its bound and the lemma that bounds it (None: an assumption of the context)
Found = dict[sp.Basic, tuple[str, sp.Basic, Lemma | None]]


def _bound_of(lemma: Lemma) -> tuple[str, sp.Basic, sp.Basic] | None:
    """(kind, pattern, bound) of a lemma that bounds a term: ``abs`` for
    ``|g| <= c``, ``upper`` for ``g <= c``, ``lower`` for ``g >= c``; the bound
    holds none of the lemma's variables and the term all of them."""
    st = lemma.statement
    if isinstance(st, (sp.GreaterThan, sp.StrictGreaterThan)):
        st = st.reversed
    if not isinstance(st, (sp.LessThan, sp.StrictLessThan)) or not lemma.variables:
        return None
    variables = set(lemma.variables)
    for term, bound, kind in ((st.lhs, st.rhs, "upper"), (st.rhs, st.lhs, "lower")):
        if bound.free_symbols & variables or not variables <= term.free_symbols:
            continue
        if kind == "upper" and isinstance(term, sp.Abs):
            return "abs", term.args[0], bound
        return kind, term, bound
    return None


def _without_extremum(e: sp.Basic, name: str, other: sp.Basic) -> sp.Basic:
    """``\\max_i F(i)`` (``name`` ``IndexedMax``) as ``F`` at a fresh variable, while
    ``other`` (the bound) does not hold the index. The fresh variable carries
    exactly the assumptions of the name the extremum ranges over (an integer
    only for an integer index: ``\\max_x \\sin(\\pi x)^2`` over a real ``x`` is 1,
    not 0), so it ranges over all the values that name may take; an extremum
    over anything but a plain name is kept."""
    while (
        type(e).__name__ == name
        and len(e.args) == 2
        and type(e.args[1]) is sp.Symbol
        and e.args[1] not in other.free_symbols
    ):
        body, index = e.args
        e = body.xreplace({index: sp.Dummy(index.name, **index.assumptions0)})
    return e


def _largest_entry(e: sp.Basic) -> sp.Basic:
    """The spectral norm of a diagonal matrix ``diag(v)`` (or the root of the
    largest eigenvalue of its square, :func:`~symproofs.verifier.spectral.gram_root`),
    the largest ``|v_j|``, as ``|v_j|`` at a fresh index ``j`` (any of them); else ``e``.
    An ``||M||`` whose kind the text leaves open (``UnsetNorm``) is not the spectral norm."""
    if isinstance(e, sp.Pow) and e.exp == sp.S.Half and isinstance(e.base, LargestEigenvalue):
        root = gram_root(e.base.args[0])
        if isinstance(root, DiagMatrix) and complex_scalar(root) is None:
            e = Norm(root)
    if type(e) is not Norm or not isinstance(e.args[0], DiagMatrix):
        return e
    v = e.args[0].args[0]
    j = sp.Dummy("j", integer=True)
    return sp.Abs(v[j, 0] if v.shape[1] == 1 else v[0, j])


def _without_root(goal: Goal, small: sp.Expr, big: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``sqrt(Y) <= B`` as ``Y <= B^2`` where ``Y >= 0`` and ``B >= 0`` (the root is increasing)."""
    facts = goal.context.facts
    if (
        isinstance(small, sp.Pow)
        and small.exp == sp.S.Half
        and facts.nonnegative(big) is True
        and (entries_as_reals(small.base).is_nonnegative is True or facts.nonnegative(small.base) is True)
    ):
        return small.base, big**2
    return small, big


def _stated_bounds(goal: Goal) -> dict[sp.Basic, tuple[str, sp.Basic]]:
    """The terms an assumption of the context bounds (``\\lambda_1(W^T W) <= \\delta^2/\\gamma^2``): a term that
    is no name nor number on one side of ``<=`` (``>=``), with its kind and bound."""
    out: dict[sp.Basic, tuple[str, sp.Basic]] = {}
    for c in goal.context.facts.constraints:
        if isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)):
            c = c.reversed
        if not isinstance(c, (sp.LessThan, sp.StrictLessThan)):
            continue
        for term, bound, kind in ((c.lhs, c.rhs, "upper"), (c.rhs, c.lhs, "lower")):
            if (
                isinstance(term, sp.Expr)
                and not isinstance(term, sp.Symbol)
                and not term.is_number
                and not bound.has(term)
            ):
                out.setdefault(term, (kind, bound))
    return out


def lemma_bounds(goal: Goal, state: object) -> Outcome | None:
    """An order step proved through the bounds cited lemmas give its terms (see the module)."""
    if goal.relation not in _ORDER or not isinstance(goal.lhs, sp.Expr) or not isinstance(goal.rhs, sp.Expr):
        return None
    lemmas = [
        (lem, slope, b)
        for lem in goal.context.cited_lemmas()
        if (b := _bound_of(slope := _with_slopes(lem))) is not None
    ]
    if not lemmas and not _stated_bounds(goal):
        return None
    small, big = (goal.lhs, goal.rhs) if goal.relation in _SMALLER else (goal.rhs, goal.lhs)
    small, big = slopes_as_functions(small), slopes_as_functions(big)
    strict = goal.relation in (Relation.LT, Relation.GT)
    if not strict:
        small = slopes_as_functions(_largest_entry(_without_extremum(small, "IndexedMax", big)))
        big = _without_extremum(big, "IndexedMin", small)
        small, big = _without_root(goal, small, big)
    # |x| <= B where x <= B and -x <= B, for a real x
    smalls = (
        [small.args[0], -small.args[0]]
        if isinstance(small, sp.Abs) and entries_as_reals(small.args[0]).is_real is True
        else [small]
    )
    diffs = [big - s for s in smalls]
    found: Found = {}
    for lemma, lem, (kind, pattern, bound) in lemmas:
        for inst, sub in instances_in(diffs[0], lem, pattern):
            if inst in found or not hypotheses_hold(goal, lem, sub):
                continue
            if entries_as_reals(inst).is_real is not True:
                continue
            found[inst] = (kind, bound.xreplace(sub), lemma)
    for term, (kind, bound) in _stated_bounds(goal).items():
        if term not in found and diffs[0].has(term) and entries_as_reals(term).is_real is True:
            found[term] = (kind, bound, None)
    if not found or len(found) > _MOST:
        return None
    if not all(_holds_for_all(goal, d, found, strict) for d in diffs):
        return None
    used = [lem for _, _, lem in found.values()]
    names = ", ".join(dict.fromkeys(f"lemma '{lem.name}'" if lem else "the assumptions" for lem in used))
    trust = Trust.GIVEN if any(lem is None or lem.proved_by is None for lem in used) else Trust.SYMBOLIC
    return Outcome(verdict=Verdict.PROVED, method=f"bounds from {names}", trust=trust)


def _with_slopes(lemma: Lemma) -> Lemma:
    """The lemma with each derivative at a point written ``f'(p)``, as the steps are."""
    return replace(lemma, statement=slopes_as_functions(lemma.statement))


def _holds_for_all(
    goal: Goal, diff: sp.Expr, found: dict[sp.Basic, tuple[str, sp.Basic, Lemma | None]], strict: bool
) -> bool:
    """Whether ``diff`` has the needed sign with each instance written through
    a fresh variable, for every value it may take (every sign case)."""
    facts = goal.context.facts
    insts = sorted(found, key=lambda x: -sp.count_ops(x))  # outer instances first
    cases: list[list[sp.Expr]] = []
    for inst in insts:
        kind, bound, _ = found[inst]
        u = sp.Dummy("u", nonnegative=True)
        if kind == "abs":
            s = (1 - u) / (1 + u)
            cases.append([bound * s, -bound * s])
        else:
            cases.append([bound - u if kind == "upper" else bound + u])
    for values in itertools.product(*cases):
        e: sp.Basic = diff
        for inst, value in zip(insts, values, strict=True):
            e = replace_free(e, inst, value)
        if any(e.has(inst) for inst in insts):
            return False
        form = sp.factor(sp.together(e))
        ok = facts.positive(form) if strict else facts.nonnegative(form)
        if ok is not True:
            return False
    return True
