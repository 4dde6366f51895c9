r"""Derivatives evaluated where their meaning is certain, entry by entry.

sympy differentiates by syntax: ``L`` does not contain ``u[i, 0]``, so
``dL/du_i`` is 0 for it, and ``h(k)`` is not ``h(j)``, so
``d h_k / d h_j`` is 0 even when ``k = j``. Proofs built on those values
would be wrong. This module evaluates a derivative only when every quantity
in it is known to depend (or not) on the variable:

* a derivative by a scalar symbol treats the other symbols and the declared
  matrices as constants (the usual partial derivative), applies the chain
  rule through functions (``sigma``, ``f``), and refuses an indexed
  quantity such as ``L_k`` or a bare name (``dL/dx``: how ``L`` depends on
  ``x`` is not written);
* a derivative by a matrix entry ``u[i, 0]`` first writes every matrix
  construct as entries (``(AB)_{ij}`` as a sum, ``u^T x`` as
  ``sum_k u_k x_k``, ``||u||`` as the square root of a sum) and then
  differentiates: ``d u_k / d u_i`` is the Kronecker delta ``delta_{ki}``,
  entries of other matrices are constants;
* a derivative by a member of an undeclared family (``(h_{t-1})_j``,
  ``h(t - 1, j)``) treats the members of that family as independent
  coordinates (``d h_k / d h_j = delta_{kj}``) and refuses members of any
  other family (``L_k``, whose dependence is not written).

Sums of Kronecker deltas are then summed out, and the result is refined
with the ranges that the entries of the step imply (``u_i`` exists, so
``1 <= i <= n``). A derivative that is refused is replaced by an opaque
symbol, so that no later simplification evaluates it by syntax.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.capture import apart, names_in
from symproofs.core.facts import Facts, surely_integer
from symproofs.core.goals import Goal, Outcome
from symproofs.core.model import Given, Lemma, Relation
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.matrices.entries import expect_monomials
from symproofs.matrices.forms import declared_derivatives
from symproofs.matrices.linalg import Expectation, Grad, Jacobian, Norm, Scalar, SqNorm
from symproofs.verifier.definedness import derivative_at, kinked_points, point_problem
from symproofs.verifier.exponentials import exponential_form
from symproofs.verifier.opaque import Unevaluated, has_opaque, opaque
from symproofs.verifier.probe import Probe
from symproofs.verifier.rewrite import held_variables, rewrite_with_givens
from symproofs.verifier.sums import canonical_deltas, delta_congruence, normalize_sums, pin_deltas

__all__ = ["Evaluated", "Unevaluated", "at_kinks", "derivatives", "entry_ranges", "evaluate_derivatives",
           "expand_entries", "has_unevaluated", "inputs", "prepare", "refute_entrywise", "related"]

_MAX_ROUNDS = 8
_LEAVES = (sp.MatrixSymbol, Expectation)
_NORM_NAME = "norm"


class Refused(Exception):
    """A derivative whose value depends on something the step does not say."""


@dataclass(frozen=True)
class Evaluated:
    """An expression with its derivatives evaluated: how many were, and why
    the others were not (each replaced by an opaque symbol)."""

    expr: sp.Basic
    evaluated: int
    refused: tuple[str, ...]


# -- matrix constructs as entries -----------------------------------------------------
def _is_vector(m: sp.Basic) -> bool:
    return isinstance(m, sp.MatrixExpr) and m.shape[1] == 1


def _square_sum(v: sp.MatrixExpr) -> sp.Basic:
    k = sp.Dummy("k", integer=True)
    return sp.Sum(_entry(v, k, sp.S.Zero) ** 2, (k, 0, v.shape[0] - 1))


def _entry(m: sp.MatrixExpr, a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """Entry ``(a, b)`` of ``m`` written in the entries of its leaves."""
    if isinstance(m, sp.MatrixSymbol):
        return MatrixElement(m, a, b)
    if isinstance(m, Grad):
        f, v = m.args
        return sp.Derivative(f, MatrixElement(v, a, b)) if isinstance(v, sp.MatrixSymbol) else MatrixElement(m, a, b)
    if isinstance(m, Jacobian):
        h, v = m.args
        if isinstance(v, sp.MatrixSymbol):
            return sp.Derivative(_entry(h, a, sp.S.Zero), MatrixElement(v, b, sp.S.Zero))
        return MatrixElement(m, a, b)
    return m[a, b]


def _expected_entry(x: MatrixElement, masks: Mapping[sp.Basic, sp.Expr]) -> sp.Basic:
    """An entry of ``E[M]`` as the expectation of the entry of ``M`` over
    the keep-masks (:func:`symproofs.matrices.entries.expect_monomials`)."""
    inner = x.parent.args[0]
    entry = expand_entries(_entry(inner, x.i, x.j), masks)
    if not masks or entry.has(Expectation):
        return x
    value = expect_monomials(entry, masks)
    return x if value is None else value


def expand_entries(e: sp.Basic, masks: Mapping[sp.Basic, sp.Expr] | None = None) -> sp.Basic:
    """``e`` with entries of matrix expressions, ``1 x 1`` products and norms
    of vectors written through the entries of the matrices they are built
    from (sums over fresh indices); with ``masks``, entries of expectations
    of matrices built from keep-masks too."""
    if isinstance(e, sp.MatrixExpr) and e.shape == (1, 1):  # u^T x, a number
        e = _entry(e, sp.S.Zero, sp.S.Zero)
    for _ in range(_MAX_ROUNDS):
        before = e
        e = e.replace(lambda x: isinstance(x, MatrixElement) and isinstance(x.parent, Expectation),
                      lambda x: _expected_entry(x, masks or {}))
        e = e.replace(lambda x: isinstance(x, MatrixElement) and not isinstance(x.parent, _LEAVES),
                      lambda x: _entry(x.parent, x.i, x.j))
        e = e.replace(lambda x: isinstance(x, Scalar), lambda x: _entry(x.args[0], sp.S.Zero, sp.S.Zero))
        e = e.replace(lambda x: isinstance(x, SqNorm) and _is_vector(x.args[0]), lambda x: _square_sum(x.args[0]))
        e = e.replace(lambda x: (isinstance(x, Norm) or (isinstance(x, AppliedUndef) and x.func.__name__ == _NORM_NAME
                                                          and len(x.args) == 1)) and _is_vector(x.args[0]),
                      lambda x: sp.sqrt(_square_sum(x.args[0])))
        if e == before:
            break
    return e


# -- the ranges entries imply -------------------------------------------------------
def entry_ranges(e: sp.Basic) -> tuple[sp.Basic, ...]:
    """``0 <= a <= rows - 1`` and ``0 <= b <= cols - 1`` for every entry
    ``M[a, b]`` of ``e`` whose indices are free (not a sum's own index): a
    step that speaks of ``u_i`` speaks of an ``i`` for which it exists."""
    found: list[sp.Basic] = []

    def walk(x: sp.Basic, bound: frozenset[sp.Basic]) -> None:
        if isinstance(x, MatrixElement):
            for index, size in ((x.i, x.parent.shape[0]), (x.j, x.parent.shape[1])):
                if index.free_symbols & bound or (index.is_number and size.is_number):
                    continue  # a sum's own index; or numbers (an entry outside the shape is ill-shaped)
                for rel in (sp.Ge(index, 0), sp.Le(index, size - 1)):
                    if rel not in (sp.true, sp.false) and rel not in found:
                        found.append(rel)
        if isinstance(x, (sp.Sum, sp.Product, sp.Integral)):
            inner = bound | frozenset(lim[0] for lim in x.limits)
            walk(x.function, inner)
            for lim in x.limits:
                for b in lim[1:]:
                    walk(b, bound)
            return
        for arg in x.args:
            if isinstance(arg, sp.Basic):
                walk(arg, bound)

    walk(e, frozenset())
    return tuple(found)


# -- one derivative ---------------------------------------------------------------------
def _indexed(a: sp.Basic) -> bool:
    """A member of an undeclared family (``h(t - 1, k)``, ``L(k)``): every
    argument an integer."""
    return isinstance(a, AppliedUndef) and bool(a.args) and all(x.is_integer for x in a.args)


def _base(v: sp.Basic) -> sp.Basic:
    """What a variable of differentiation is part of: the matrix of an
    entry, the family of a member, the symbol itself."""
    if isinstance(v, MatrixElement):
        return v.parent
    return v.func if isinstance(v, AppliedUndef) else v


def _names(st: sp.Basic) -> set[sp.Basic]:
    out: set[sp.Basic] = set(st.free_symbols)
    out.update(st.atoms(sp.MatrixSymbol))
    out.update(a.func for a in st.atoms(AppliedUndef))
    return out


def related(statements: Sequence[sp.Basic], v: sp.Basic) -> frozenset[sp.Basic]:
    """Names that a given or a lemma relates to ``v`` (``w = u / ||u||``
    relates ``w`` to ``u``): not constants when differentiating by ``v``."""
    base = _base(v)
    out: set[sp.Basic] = set()
    for st in statements:
        names = _names(st)
        if base not in names:
            continue
        defined = st.lhs if isinstance(st, sp.Eq) else None
        if isinstance(defined, AppliedUndef):
            defined = defined.func
        if isinstance(defined, (sp.Symbol, sp.MatrixSymbol, sp.core.function.UndefinedFunction)):
            out.add(defined)  # a definition: what it defines depends on v, its parameters do not
        else:
            out |= names - {base}
    return frozenset(out)


def _not_defining(givens: Sequence[Given], variables: Sequence[sp.Basic]) -> tuple[Given, ...]:
    """The givens without the definitions of the variables of a derivative
    (or of the matrices whose entries they are): ``dL(w)/dw_i`` with the
    definition ``w = gamma u / ||u||`` written in would lose its ``w`` and
    come out 0."""
    bases = {v.parent if isinstance(v, MatrixElement) else v for v in variables}
    return tuple(g for g in givens
                 if not (g.index is None and isinstance(g.statement, sp.Eq) and g.statement.lhs in bases))


def _unfold_once(f: sp.Basic, variables: Sequence[sp.Basic], givens: Sequence[Given], facts: Facts) -> sp.Basic:
    """Members of a family that an indexed given defines (``h_t = W
    sigma(h_{t-1}) + ...``) written once through their definition, where
    its index range covers them; the variables themselves are kept."""
    for g in givens:
        st = g.statement
        if g.index is None or not isinstance(st, sp.Eq) or not isinstance(st.lhs, AppliedUndef):
            continue
        head, arity = st.lhs.func, len(st.lhs.args)
        w = sp.Wild("w_", properties=[surely_integer])
        pattern = st.lhs.xreplace({g.index: w})
        targets: dict[sp.Basic, sp.Basic] = {}
        for a in f.atoms(AppliedUndef):
            if a.func != head or len(a.args) != arity or a in variables:
                continue
            m = a.match(pattern)
            if m is None or w not in m or sp.expand(pattern.xreplace({w: m[w]}) - a) != 0:
                continue
            if g.covers(m[w], facts.nonnegative):  # its sums' indices apart from every name here
                context = names_in(f) | {x for v in variables for x in v.free_symbols} | m[w].free_symbols
                targets[a] = apart(st.rhs, context).xreplace({g.index: m[w]})
        if targets:
            f = f.xreplace(targets)
    return f


def _recursive(statements: Sequence[sp.Basic]) -> frozenset[sp.Basic]:
    """Families defined by a recurrence: their members are not independent
    coordinates."""
    return frozenset(st.lhs.func for st in statements if isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef)
                     and any(a.func == st.lhs.func for a in st.rhs.atoms(AppliedUndef)))


def inputs(statements: Sequence[sp.Basic], v: sp.Basic) -> frozenset[sp.Basic]:
    """Families that a definition of ``v``'s own family is written in
    (``x`` in ``h_t = W sigma(h_{t-1}) + U x_t + b``): inputs, constants of
    differentiation by a member of that family unless a given ties them to it."""
    base = _base(v)
    out: set[sp.Basic] = set()
    for st in statements:
        if isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef) and st.lhs.func == base:
            out.update(a.func for a in st.rhs.atoms(AppliedUndef) if a.func != base)
    return frozenset(out)


def _check_dependencies(f: sp.Basic, v: sp.Basic, tied: frozenset[sp.Basic] = frozenset(),
                        given_inputs: frozenset[sp.Basic] = frozenset(),
                        recursive: frozenset[sp.Basic] = frozenset()) -> None:
    """Raise :class:`Refused` when ``f`` holds a quantity whose dependence
    on ``v`` is not written, or that a given ties to ``v``."""
    for name in sorted(_names(f) & tied, key=sp.default_sort_key):
        if name != _base(v) and not (isinstance(name, sp.Symbol) and name.is_integer):
            raise Refused(f"a given or lemma ties {name} to {_base(v)}")
    if f.is_Symbol and f != v:
        raise Refused(f"how {f} depends on {v} is not written")
    if isinstance(f, AppliedUndef) and _indexed(f) and f != v:
        raise Refused(f"how {f} depends on {v} is not written")
    family = v.func if _indexed(v) else None
    for a in f.atoms(AppliedUndef):
        if not _indexed(a) or a == v:
            continue
        if family is not None and a.func == family and len(a.args) == len(v.args):
            if family in recursive:
                raise Refused(f"{a} and {v} are related by a recurrence")
            continue
        if a.func in given_inputs and a.func not in tied:
            continue  # an input of the definition of v's family
        raise Refused(f"how {a} depends on {v} is not written")
    for m in f.atoms(sp.MatrixSymbol):
        if isinstance(v, MatrixElement) and m == v.parent and _bare(f, m):
            raise Refused(f"{m} appears as a whole matrix")
    for d in f.atoms(sp.Derivative):
        raise Refused(f"a derivative inside a derivative: {d}")
    if has_unevaluated(f):
        raise Refused("a derivative that is not evaluated inside another")


def _matrix_parts(f: sp.Basic) -> list[sp.Basic]:
    """The outermost parts of ``f`` built from matrices (entries, norms, ``u^T x``)."""
    if isinstance(f, (sp.MatrixExpr, MatrixElement)) or (
            isinstance(f, sp.Function) and any(isinstance(a, sp.MatrixExpr) for a in f.args)):
        return [f]
    return [p for a in f.args if isinstance(a, sp.Basic) for p in _matrix_parts(a)]


def _bare(f: sp.Basic, m: sp.MatrixSymbol) -> bool:
    """Whether ``m`` occurs in ``f`` other than through its entries."""
    if isinstance(f, MatrixElement):
        return False
    if f == m:
        return True
    return any(_bare(a, m) for a in f.args if isinstance(a, sp.Basic))


def _family_as_indexed(f: sp.Basic, v: sp.Basic) -> tuple[sp.Basic, sp.Basic, dict[sp.Basic, sp.Basic]]:
    """``f`` and ``v`` with the members of ``v``'s family written as
    ``IndexedBase`` entries (whose derivatives sympy takes entrywise)."""
    base = sp.IndexedBase(sp.Dummy(v.func.__name__))
    head, arity = v.func, len(v.args)
    members = {a for a in f.atoms(AppliedUndef) if a.func == head and len(a.args) == arity} | {v}
    forward = {a: base[a.args] for a in members}
    back = {base[a.args]: a for a in members}
    return f.xreplace(forward), forward[v], back


def _sum_deltas(e: sp.Basic) -> sp.Basic:
    """Sums over an index that a Kronecker delta pins, summed out."""
    def one(s: sp.Sum) -> sp.Basic:
        if not s.function.has(sp.KroneckerDelta) or delta_congruence((s,)) is not None:
            return s  # delta(i, 2k): sympy would take k = i/2 for an odd i too
        return s.doit(deep=False)

    for _ in range(_MAX_ROUNDS):
        new = e.replace(lambda x: isinstance(x, sp.Sum), one)
        if new == e:
            break
        e = new
    return e


def derivative_value(d: sp.Derivative, statements: Sequence[sp.Basic] = ()) -> sp.Basic:
    """The value of ``d``, or :class:`Refused`; ``statements`` (givens and
    lemmas) say which names are tied to the variables."""
    f = d.expr
    for v, count in d.variable_count:
        # a sum's own i is not the i of w_i (d/dw_i sum_i w_i^2 is 2 w_i): renamed apart first
        f = apart(f, v.free_symbols)
        if isinstance(v, sp.MatrixSymbol):
            raise Refused(f"a derivative by the whole matrix {v}")
        if isinstance(v, MatrixElement):
            f = expand_entries(f)  # through the entries of the matrices it is built from
        elif any(v in m.free_symbols for m in _matrix_parts(f)):
            raise Refused(f"a matrix expression that depends on {v}")
        _check_dependencies(f, v, related(statements, v), inputs(statements, v), _recursive(statements))
        if _indexed(v):
            g, w, back = _family_as_indexed(f, v)
            f = sp.diff(g, w, count).xreplace(back)
        elif isinstance(v, (sp.Symbol, MatrixElement)):
            f = sp.diff(f, v, count)
        else:
            raise Refused(f"a derivative by {v}")
        f = _sum_deltas(f)
    return f


def evaluate_derivatives(e: sp.Basic, facts: Facts, *, by_symbols: bool = True,
                         context: sp.Basic | None = None, givens: Sequence[Given] = (),
                         lemmas: Sequence[Lemma] = ()) -> Evaluated:
    """``e`` with every derivative evaluated (innermost first) or, where
    that is not certain, replaced by an :class:`Unevaluated` symbol. With
    ``by_symbols=False`` a derivative by plain symbols that can be evaluated
    is kept as it is (sympy's own rules are right for it). The ranges of
    the entries in ``context`` (default ``e``) refine the result."""
    evaluated = 0
    refused: list[str] = []
    opaques: dict[sp.Basic, sp.Basic] = {}
    statements = [*(g.statement for g in givens), *(lem.statement for lem in lemmas),
                  *(h for lem in lemmas for h in lem.hypotheses)]

    def blind(d: sp.Derivative, why: str) -> sp.Basic:
        refused.append(why)
        return opaques.setdefault(d, opaque(d))

    def one(d: sp.Derivative) -> sp.Basic:
        nonlocal evaluated
        try:
            kept = _not_defining(givens, d.variables)
            f = _unfold_once(rewrite_with_givens(d.expr, kept, facts, avoid=frozenset(names_in(d))),
                             d.variables, kept, facts) if kept else d.expr
            value = derivative_value(sp.Derivative(f, *d.variable_count), statements)
        except Refused as exc:
            return blind(d, str(exc))
        except (NotImplementedError, TypeError, ValueError, AttributeError) as exc:
            return blind(d, f"cannot differentiate {sp.sstr(d)}: {type(exc).__name__}")
        if not by_symbols and all(isinstance(v, sp.Symbol) for v in d.variables):
            return d
        evaluated += 1
        return value

    if not e.has(sp.Derivative):
        return Evaluated(e, 0, ())
    e = e.replace(lambda x: isinstance(x, sp.Derivative), one)
    if not evaluated:
        return Evaluated(e, 0, tuple(dict.fromkeys(refused)))
    ranges = entry_ranges(context if context is not None else e)
    known = Facts(facts.constraints + ranges) if ranges else facts
    e = known.refine_piecewise(canonical_deltas(e))
    return Evaluated(e, evaluated, tuple(dict.fromkeys(refused)))


def has_unevaluated(e: object) -> bool:
    """Whether ``e`` (a side, a counterexample's values) holds an
    :class:`Unevaluated` derivative."""
    if isinstance(e, tuple):
        return any(has_unevaluated(x) for x in e)
    return has_opaque(e)


# -- the strategy ---------------------------------------------------------------------
def _entrywise(e: sp.Basic) -> bool:
    """Whether ``e`` has something entry expansion can change."""
    if e.has(sp.Derivative, sp.KroneckerDelta):
        return True
    if not e.has(MatrixElement):
        return False
    return e.has(Norm, SqNorm, Scalar) or any(not isinstance(m.parent, sp.MatrixSymbol)
                                              for m in e.atoms(MatrixElement))


def derivatives(goal: Goal, state: object) -> Outcome | None:
    """An equation between scalars with derivatives or entries of matrix
    expressions: each derivative evaluated where that is certain (the
    others are opaque), the entries written through the leaves' entries
    with the ranges they imply, Kronecker deltas summed out, then the sum
    normal form. Proves when the difference is 0; otherwise leaves the
    difference as it was for the other strategies."""
    if goal.relation is not Relation.EQ:
        return None
    diff = getattr(state, "diff", None)
    if isinstance(goal.lhs, sp.MatrixExpr) and isinstance(goal.rhs, sp.MatrixExpr):
        return _matrices_entrywise(goal)
    if not isinstance(diff, sp.Basic) or isinstance(diff, sp.MatrixExpr):
        return None
    facts = goal.context.facts
    if goal.context.givens and diff.has(sp.Derivative):
        diff = rewrite_with_givens(diff, goal.context.givens, facts)
    if not _entrywise(diff):
        return None
    ev = evaluate_derivatives(diff, facts, givens=goal.context.givens, lemmas=goal.context.lemmas)
    e = ev.expr
    if goal.context.givens and e.has(*held_variables(diff, goal.context.givens)):
        e = rewrite_with_givens(e, goal.context.givens, facts)  # dL/d\hat y taken: now \hat y by its value
    e = expand_entries(e, _masks(goal))
    if e.has(sp.Derivative):  # an entry of a gradient, (nabla_u L)_i: the derivative dL/du_i
        e = evaluate_derivatives(e, facts, givens=goal.context.givens, lemmas=goal.context.lemmas).expr
    declared = _declared(goal)
    if declared and e.has(sp.Subs):  # sigma' at a point written one way, as entries of sigma'(h) are
        e = declared_derivatives(e, declared).replace(
            lambda x: isinstance(x, sp.Subs) and not x.expr.has(sp.Derivative), lambda x: x.doit())
    ranges = entry_ranges(e)
    known = Facts(facts.constraints + ranges) if ranges else facts
    e = known.refine_piecewise(pin_deltas(canonical_deltas(sp.expand(_sum_deltas(e)))))
    e = sp.expand(e)
    if e.has(sp.Sum):
        e = normalize_sums(e, known)
        if e != 0:
            e = normalize_sums(e, known, shift=True)
    if e == 0:
        return Outcome(verdict=Verdict.PROVED, method="entrywise: derivatives evaluated, entries expanded",
                       trust=Trust.SYMBOLIC)
    if exponential_form(e) == 0:  # (tanh a)' = 4/(e^a + e^{-a})^2
        return Outcome(verdict=Verdict.PROVED, method="derivatives evaluated, exponential normal form",
                       trust=Trust.SYMBOLIC)
    cx = refute_entrywise(goal, facts)
    if cx is not None:
        return Outcome(verdict=Verdict.REFUTED, method="entrywise refutation", trust=Trust.NONE, counterexample=cx)
    notes = getattr(state, "notes", None)
    if ev.refused and isinstance(notes, list):
        notes.extend(f"derivative not evaluated: {r}" for r in ev.refused)
    return None


def _scalar_zero(e: sp.Basic, facts: Facts, goal: Goal) -> tuple[bool, int]:
    """Whether the scalar ``e`` (entries, derivatives) is 0 after evaluating
    its derivatives and writing it entrywise; and how many derivatives were
    evaluated (0 when one was refused)."""
    ev = evaluate_derivatives(expand_entries(e), facts, givens=goal.context.givens, lemmas=goal.context.lemmas)
    if ev.refused:
        return False, 0
    e = expand_entries(ev.expr)
    ranges = entry_ranges(e)
    known = Facts(facts.constraints + ranges) if ranges else facts
    e = sp.expand(known.refine_piecewise(pin_deltas(canonical_deltas(sp.expand(_sum_deltas(e))))))
    if e.has(sp.Sum):
        e = normalize_sums(e, known)
        if e != 0:
            e = normalize_sums(e, known, shift=True)
    return sp.expand(e) == 0, ev.evaluated


def _matrices_entrywise(goal: Goal) -> Outcome | None:
    """A matrix equation with gradients, Jacobians or derivatives, compared
    entry ``(a, b)`` against entry ``(a, b)`` for symbolic ``a``, ``b`` in
    range: a proof for every shape."""
    lhs, rhs = goal.lhs, goal.rhs
    assert isinstance(lhs, sp.MatrixExpr) and isinstance(rhs, sp.MatrixExpr)
    if lhs.shape != rhs.shape or not sp.Tuple(lhs, rhs).has(Grad, Jacobian, sp.Derivative):
        return None
    rows, cols = lhs.shape
    a = sp.S.Zero if rows == 1 else sp.Dummy("a", integer=True)
    b = sp.S.Zero if cols == 1 else sp.Dummy("b", integer=True)
    ranges = [r for r in (sp.Ge(a, 0), sp.Le(a, rows - 1), sp.Ge(b, 0), sp.Le(b, cols - 1)) if r is not sp.true]
    facts = Facts(goal.context.facts.constraints + tuple(ranges))
    zero, evaluated = _scalar_zero(MatrixElement(lhs, a, b) - MatrixElement(rhs, a, b), facts, goal)
    if zero and evaluated:
        return Outcome(verdict=Verdict.PROVED, method="entrywise at symbolic dimension (derivatives evaluated)",
                       trust=Trust.SYMBOLIC)
    return None


def prepare(lhs: sp.Basic, rhs: sp.Basic, facts: Facts, givens: Sequence[Given] = (),
            lemmas: Sequence[Lemma] = ()) -> tuple[sp.Basic, sp.Basic, tuple[str, ...]]:
    """The sides of a scalar step with every derivative by an entry or a
    family member evaluated, and every derivative whose value is not
    certain made :class:`Unevaluated`; derivatives by plain symbols that
    can be evaluated are kept (sympy's rules are right for them, and the
    probe evaluates them at points). Returns the reasons for the opaque ones."""
    sides, kinks = at_kinks(sp.Tuple(lhs, rhs))
    both = evaluate_derivatives(sides, facts, by_symbols=False, givens=givens, lemmas=lemmas)
    a, b = both.expr.args  # one opaque symbol for one derivative on both sides
    return a, b, (*kinks, *both.refused)


def at_kinks(e: sp.Basic) -> tuple[sp.Basic, tuple[str, ...]]:
    """``e`` with each derivative at a point of a function with kinks or
    jumps (``|x|'`` at 0) replaced by its value where it provably exists
    (:func:`~symproofs.verifier.definedness.derivative_at`), else by an
    opaque symbol; and the reasons for the opaque ones."""
    values: dict[sp.Basic, sp.Basic] = {}
    refused: list[str] = []
    for s in kinked_points(e):
        value = derivative_at(s)
        if value is None:
            refused.append(point_problem(s))
            value = opaque(s)
        values[s] = value
    return (e.xreplace(values) if values else e), tuple(refused)


# -- refutation at exact points --------------------------------------------------------
def _as_numbers(e: sp.Basic) -> sp.Basic:
    """Entries ``M[a, b]`` as applications ``M(a + 1, b + 1)`` (``u(a + 1)``
    for a vector; counted from 1, as written), and the derivative of an
    unknown function at a point as an application of ``f'``: values the
    probe draws freely (the entries of a matrix are independent numbers, and
    values and slopes of a function at finitely many points can be chosen
    independently)."""
    def entry(m: MatrixElement) -> sp.Basic:
        f = sp.Function(str(m.parent.name), real=True)
        return f(m.i + 1) if m.parent.shape[1] == 1 else f(m.i + 1, m.j + 1)

    def slope(x: sp.Subs) -> sp.Basic:
        d = x.expr
        if not (isinstance(d, sp.Derivative) and isinstance(d.expr, AppliedUndef) and len(d.variables) == 1
                and d.expr.args == tuple(x.variables) and len(x.point) == 1):
            return x
        return sp.Function(f"{d.expr.func.__name__}'", real=True)(x.point[0])

    e = e.replace(lambda x: isinstance(x, sp.Subs), slope)
    return e.replace(lambda x: isinstance(x, MatrixElement) and isinstance(x.parent, sp.MatrixSymbol), entry)


def _masks(goal: Goal) -> dict[sp.Basic, sp.Expr]:
    """The keep-masks an algebra declares (``{R: p}``), unless another random
    matrix is declared too (whose entries these rules do not cover)."""
    out: dict[sp.Basic, sp.Expr] = {}
    for alg in goal.context.algebras:
        config = getattr(alg, "config", None)
        if getattr(config, "random", ()):
            return {}
        out.update(dict(getattr(config, "masks", ())))
    return out


def _declared(goal: Goal) -> dict[sp.Basic, sp.Basic]:
    """The elementwise functions an algebra declares, each with its derivative (``sigma``, ``sigma'``)."""
    return {f: df for alg in goal.context.algebras for f, df in getattr(getattr(alg, "config", None),
                                                                         "derivatives", ())}


def _constrained(goal: Goal) -> set[sp.Basic]:
    """Matrices and functions that a given, a lemma or an algebra says
    something about (their entries are not free)."""
    out: set[sp.Basic] = set()
    for st in [*(g.statement for g in goal.context.givens), *(lem.statement for lem in goal.context.lemmas)]:
        out |= st.atoms(sp.MatrixSymbol) | {a.func for a in st.atoms(AppliedUndef)}
    for alg in goal.context.algebras:
        config = getattr(alg, "config", None)
        for item in (*getattr(config, "masks", ()), *getattr(config, "random", ())):
            for x in (item if isinstance(item, tuple) else (item,)):
                if isinstance(x, sp.Basic):
                    out |= x.atoms(sp.MatrixSymbol)
        for f, df in getattr(config, "derivatives", ()):
            out |= {f, df}
    return out


def refute_entrywise(goal: Goal, known: Facts | None = None) -> Counterexample | None:
    """An exact point (dimensions, indices in range, entries, function
    values) where the scalar sides, written entrywise, differ; ``None`` when
    there is none or the sides are not entries of free matrices."""
    known = goal.context.facts if known is None else known
    lhs, rhs = goal.lhs, goal.rhs
    if not (isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)) or has_unevaluated((lhs, rhs)):
        return None
    if not any(isinstance(x, (MatrixElement, sp.MatrixExpr, sp.Derivative))
               for side in (lhs, rhs) for x in sp.preorder_traversal(side)):
        return None  # no entry, no matrix and no derivative that could yield one
    masks = _masks(goal)
    context = sp.Tuple(expand_entries(lhs, masks), expand_entries(rhs, masks))
    givens, lemmas = goal.context.givens, goal.context.lemmas
    a = evaluate_derivatives(context[0], known, context=context, givens=givens, lemmas=lemmas)
    b = evaluate_derivatives(context[1], known, context=context, givens=givens, lemmas=lemmas)
    if a.refused or b.refused:
        return None
    lhs, rhs = expand_entries(a.expr, masks), expand_entries(b.expr, masks)
    both = sp.Tuple(lhs, rhs)
    if not both.has(MatrixElement):
        return None
    lhs, rhs = _as_numbers(lhs), _as_numbers(rhs)
    if sp.Tuple(lhs, rhs).has(sp.Derivative, sp.Integral, sp.Subs):
        return None
    used = both.atoms(sp.MatrixSymbol) | {a.func for a in both.atoms(AppliedUndef)}
    if used & _constrained(goal) or any(alg.owns(both) for alg in goal.context.algebras
                                        if type(alg).__name__ != "MatrixAlgebra"):
        return None
    ranges = entry_ranges(both)
    probe = Probe(facts=Facts(known.constraints + ranges), givens=(), algebras=(), seed=goal.context.seed + 5,
                  trials=12)
    cx = probe.refute(lhs, rhs, "eq")
    if cx is not None and any(isinstance(m.parent, Expectation) for m in goal_elements(goal)):
        laws = ", ".join(f"{sp.sstr(m)} ~ Bernoulli({sp.sstr(q)})" for m, q in masks.items())
        cx = replace(cx, model=f"exact expectations over the entries of {laws}")
    return cx


def goal_elements(goal: Goal) -> set[MatrixElement]:
    """The entries the goal's sides name."""
    return {m for side in (goal.lhs, goal.rhs) if isinstance(side, sp.Basic) for m in side.atoms(MatrixElement)}
