"""Entrywise proofs at symbolic shape: both sides unfolded to sums of entries.

:class:`EntrywiseAlgebra` proves an equation between matrices (or scalars
built from them) for *every* shape: it takes a generic entry ``(a, b)`` of
each side, with ``a`` and ``b`` symbols ranging over the rows and columns,
and rewrites it by the definitions of the operations only:

- ``(A B)_{ab} = sum_c A_{ac} B_{cb}``, ``(A^T)_{ab} = A_{ba}``,
  ``(A ⊙ B)_{ab} = A_{ab} B_{ab}``, ``I_{ab} = δ_{ab}``,
  ``diag(M)_{ab} = δ_{ab} M_{ab}``, ``‖v‖² = sum_c v_c²``;
- a gradient through a defined vector by the chain rule
  (``(∇_u L(w))_b = sum_a (∇_w L)_a ∂w_a/∂u_b`` when a given defines ``w``
  from ``u``), a Jacobian by differentiating the entries;
- the expectation over Bernoulli(``p``) keep-masks with independent
  entries: ``E[R_{ab}] = p`` and ``E[R_{ab} R_{cd}] = p² + p(1-p) δ_{ac} δ_{bd}``
  (``R² = R``);
- through a network unrolled in time (:mod:`symproofs.matrices.timegraph`):
  a sequence term ``h_t`` is a vector of entries ``h[t, i]``; a gradient of
  the loss with respect to a node read only by the loss is the partial
  derivative of the loss's definition; a gradient with respect to a shared
  weight matrix sums, over the nodes whose definition uses it and that can
  reach the loss, the local derivative times the node's gradient (a leaf);
  a Jacobian between nodes differentiates the definition, with
  ``s'(A) = s(A)(1 - s(A)) = h (1 - h)`` for ``h = s(A)``.

A total gradient of a node written as the chain rule over the nodes defined
directly from it is checked against the graph (:func:`chain_rule`).

Then both sides are brought to one normal form: every sum starts at 0; a
Kronecker delta collapses a sum whose range provably contains the other
index; sums are split over their terms and constant factors leave them;
``δ_{xy} f(x, y) = δ_{xy} f(x, x)``; bound indices are renamed canonically.
When the difference of the normal forms expands to 0, the step is proved
for all shapes (trust ``symbolic``). Anything it does not know (another
random matrix, a product of three mask entries, an unknown operator) makes it
step aside (``None``), never prove. It proves nothing false: every rewrite is
an identity.

>>> n = sp.Symbol("n", integer=True, positive=True)
>>> A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
>>> entrywise_equal((A * B).T, B.T * A.T), entrywise_equal((A * B).T, A.T * B.T)
(True, False)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Algebra, Goal, Outcome
from symproofs.core.model import Relation
from symproofs.core.results import Trust, Verdict
from symproofs.matrices.forms import declared_derivatives
from symproofs.matrices.linalg import (
    DiagSqrt,
    Elementwise,
    Expectation,
    FrobeniusNorm,
    Grad,
    Jacobian,
    MatSum,
    Norm,
    Scalar,
    ScalarFunction,
    SeqTerm,
    Sigmoid,
    SqNorm,
)
from symproofs.matrices.realness import norm_problem
from symproofs.matrices.setting import matrix_declarations
from symproofs.matrices.timegraph import TimeGraph, Undecided, bounds_from, holds

__all__ = ["EntrywiseAlgebra", "Unsupported", "entry_positions", "entrywise_equal"]


class Unsupported(Exception):
    """An expression this module does not unfold; the step is left to others."""


Ranges = dict[sp.Symbol, tuple[sp.Expr, sp.Expr]]


class _Unfolder:
    """Unfolds matrix expressions into scalar expressions of entries."""

    def __init__(self, masks: Mapping[sp.Basic, sp.Expr], definitions: Mapping[sp.Basic, sp.Basic],
                 ranges: Ranges, graph: TimeGraph | None = None, random: Iterable[sp.Basic] = (),
                 derivatives: Mapping[Any, Any] | None = None) -> None:
        self.masks = dict(masks)
        self.derivatives = dict(derivatives or {})
        self.random = frozenset(random) - set(self.masks)
        self.definitions = dict(definitions)
        self.ranges = ranges
        self.graph = graph
        self.count = itertools.count()

    def index(self, size: sp.Expr) -> sp.Expr:
        if size == 1:
            return sp.S.Zero
        c = sp.Dummy(f"c{next(self.count)}", integer=True)
        self.ranges[c] = (sp.S.Zero, size - 1)
        return c

    # -- matrices: the (a, b) entry ------------------------------------------------------
    def entry(self, m: sp.Basic, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        if isinstance(m, sp.MatrixSymbol):
            if m in self.definitions:
                return self.entry(self.definitions[m], a, b)
            return MatrixElement(m, a, b)
        if isinstance(m, sp.MatAdd):
            return sp.Add(*(self.entry(x, a, b) for x in m.args))
        if isinstance(m, sp.MatMul):
            scalars = [self.scalar(x) for x in m.args if not isinstance(x, sp.MatrixExpr)]
            mats = [x for x in m.args if isinstance(x, sp.MatrixExpr)]
            return sp.Mul(*scalars) * self._product(mats, a, b)
        if isinstance(m, sp.Transpose):
            return self.entry(m.arg, b, a)
        if isinstance(m, sp.HadamardProduct):
            return sp.Mul(*(self.entry(x, a, b) for x in m.args))
        if isinstance(m, sp.Identity):
            return sp.KroneckerDelta(a, b)
        if isinstance(m, sp.ZeroMatrix):
            return sp.S.Zero
        if isinstance(m, sp.OneMatrix):
            return sp.S.One
        if isinstance(m, sp.DiagonalMatrix):
            return sp.KroneckerDelta(a, b) * self.entry(m.arg, a, b)
        if isinstance(m, sp.DiagMatrix):
            v = m.args[0]
            return sp.KroneckerDelta(a, b) * (self.entry(v, a, 0) if v.shape[1] == 1 else self.entry(v, 0, a))
        if isinstance(m, DiagSqrt):
            return sp.KroneckerDelta(a, b) * sp.sqrt(self.entry(m.args[0], a, a))
        if isinstance(m, Expectation):
            return self.expect(self.entry(m.args[0], a, b))
        if isinstance(m, Grad):
            return self._grad(m, a, b)
        if isinstance(m, Jacobian):
            return self._jacobian(m, a, b)
        if isinstance(m, SeqTerm):
            if m.shape[1] != 1:
                raise Unsupported("a sequence of matrices")
            return sp.Indexed(sp.IndexedBase(m.label), m.index, a)
        if isinstance(m, (Elementwise, ElementwiseApplyFunction)):
            f = m.function
            return f.expr.xreplace({f.variables[0]: self.entry(m.expr, a, b)})
        if isinstance(m, MatSum):
            k, lo, hi = m.args[1]
            fresh = sp.Dummy(str(k), integer=True)
            inner = self._bounded(fresh, lo, hi, lambda: self.entry(m.args[0].xreplace({k: fresh}), a, b))
            return sp.Sum(inner, (fresh, lo, hi))
        raise Unsupported(type(m).__name__)

    def _bounded(self, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr, make: Callable[[], sp.Expr]) -> sp.Expr:
        """``make()`` with ``lo <= k <= hi`` known to the time graph."""
        if self.graph is None:
            return make()
        self.graph.bounds[k] = (lo, hi)
        self.ranges[k] = (lo, hi)
        try:
            return make()
        finally:
            del self.graph.bounds[k]

    def _product(self, mats: Sequence[sp.Basic], a: sp.Expr, b: sp.Expr) -> sp.Expr:
        if len(mats) == 1:
            return self.entry(mats[0], a, b)
        head, rest = mats[0], mats[1:]
        c = self.index(head.shape[1])
        term = self.entry(head, a, c) * self._product(rest, c, b)
        return term if c == 0 else sp.Sum(term, (c, 0, head.shape[1] - 1))

    def _grad(self, g: Grad, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        f, v = g.args
        if self.graph is not None and f in self.graph.losses:
            return self._loss_grad(g, a, b)
        if isinstance(f, ScalarFunction):
            w = f.args[1]
            if w == v:
                return MatrixElement(g, a, b)  # an unknown gradient: a leaf
            if isinstance(w, sp.MatrixSymbol) and w in self.definitions and w.shape[1] == 1 \
                    and isinstance(v, sp.MatrixSymbol) and v.shape[1] == 1 and v not in self.definitions \
                    and not _has_sequence(self.definitions[w]):
                # chain rule: the loss depends on v only through w
                c = self.index(w.shape[0])
                inner = sp.diff(self.entry(self.definitions[w], c, 0), MatrixElement(v, a, b))
                term = MatrixElement(Grad(f, w), c, 0) * inner
                return term if c == 0 else sp.Sum(term, (c, 0, w.shape[0] - 1))
        raise Unsupported("gradient")

    # -- gradients through an unrolled network -------------------------------------------
    def _loss_grad(self, g: Grad, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        assert self.graph is not None
        loss, v = g.args
        if isinstance(v, SeqTerm):
            if self.graph.children(v) != [loss]:
                return MatrixElement(g, a, b)  # a gradient through later nodes: a leaf
            # only the loss reads v: the gradient is the partial derivative
            return sp.diff(self.scalar(self.graph.losses[loss]), self.entry(v, a, b))
        if isinstance(v, sp.MatrixSymbol) and not self.graph.losses[loss].has(v) and not self.graph.others \
                and not any(d.has(v) for d in self.definitions.values()):
            users = self.graph.users(v)
            if not users:
                raise Unsupported(f"{v} is used by no node")
            total = sp.S.Zero
            for d, lo, hi in users:
                k = sp.Dummy(str(d.index), integer=True)

                def term(d: Any = d, k: sp.Symbol = k) -> sp.Expr:
                    node = SeqTerm(d.label, k + d.offset, *d.shape)
                    i = self.index(d.shape[0])
                    local = self._node_derivative(node, d.rhs.xreplace({d.index: k}), i, MatrixElement(v, a, b))
                    item = local * MatrixElement(Grad(loss, node), i, 0)
                    return item if i == 0 else sp.Sum(item, (i, 0, d.shape[0] - 1))

                total += sp.Sum(self._bounded(k, lo, hi, term), (k, lo, hi))
            return total
        raise Unsupported("gradient")

    def _node_derivative(self, node: SeqTerm, definition: sp.Basic, i: sp.Expr, var: sp.Expr) -> sp.Expr:
        """``∂ node_i / ∂ var`` from the node's definition; for ``node = s(A)``
        with the logistic ``s``, ``s'(A_i) = s(A_i)(1 - s(A_i)) = node_i (1 - node_i)``."""
        f = definition.function if isinstance(definition, Elementwise) else None
        if f is not None and f.expr == Sigmoid(f.variables[0]):
            value = self.entry(node, i, 0)
            return value * (1 - value) * sp.diff(self.entry(definition.expr, i, 0), var)
        return sp.diff(self.entry(definition, i, 0), var)

    def _jacobian(self, j: Jacobian, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        h, x = j.args
        if self.graph is not None and isinstance(h, SeqTerm) and isinstance(x, SeqTerm):
            definition = self.graph.definition(h)
            if definition is None or not self.graph.direct_only(h, definition, x):
                raise Unsupported("a Jacobian through other nodes")
            return self._node_derivative(h, definition, a, self.entry(x, b, 0))
        if not isinstance(x, sp.MatrixSymbol) or x in self.definitions or _has_sequence(h):
            raise Unsupported("Jacobian")
        if isinstance(h, sp.MatrixSymbol) and h not in self.definitions and h != x:
            raise Unsupported("Jacobian of an undefined vector")
        return declared_derivatives(sp.diff(self.entry(h, a, 0), MatrixElement(x, b, 0)), self.derivatives)

    # -- scalars ---------------------------------------------------------------------------
    def scalar(self, e: sp.Basic) -> sp.Expr:
        if isinstance(e, MatrixElement):
            return self.entry(e.parent, e.i, e.j)
        if isinstance(e, SqNorm):
            v = e.args[0]
            col = v.shape[1] == 1
            size = v.shape[0] if col else v.shape[1]
            c = self.index(size)
            item = self.entry(v, c, 0) if col else self.entry(v, 0, c)
            return item**2 if c == 0 else sp.Sum(item**2, (c, 0, size - 1))
        if isinstance(e, Norm):
            if 1 not in e.args[0].shape:
                raise Unsupported("matrix norm")
            return sp.sqrt(self.scalar(SqNorm(e.args[0])))
        if isinstance(e, FrobeniusNorm):  # sqrt(sum_ij M_ij^2)
            m = e.args[0]
            r, c = self.index(m.shape[0]), self.index(m.shape[1])
            body = self.entry(m, r, c) ** 2
            for k in (c, r):
                body = body if k == 0 else sp.Sum(body, (k, 0, self.ranges[k][1]))
            return sp.sqrt(body)
        if isinstance(e, sp.Trace):  # sum_i M_ii
            m = e.args[0]
            i = self.index(m.shape[0])
            return self.entry(m, i, i) if i == 0 else sp.Sum(self.entry(m, i, i), (i, 0, m.shape[0] - 1))
        if isinstance(e, Scalar):
            return self.entry(e.args[0], sp.S.Zero, sp.S.Zero)
        if isinstance(e, sp.Sum):
            body, limits = e.function, []
            for k, lo, hi in e.limits:
                fresh = sp.Dummy(str(k), integer=True)
                body = body.xreplace({k: fresh})
                limits.append((fresh, lo, hi))
            return sp.Sum(self.scalar(body), *limits)
        if isinstance(e, (sp.Add, sp.Mul, sp.Pow)):
            return e.func(*(self.scalar(x) for x in e.args))
        if isinstance(e, (sp.Symbol, sp.Number, sp.NumberSymbol, sp.KroneckerDelta, sp.Indexed)):
            return e
        if isinstance(e, sp.Function) and not e.has(sp.MatrixExpr):
            return e  # a function of scalars only
        if isinstance(e, (AppliedUndef, sp.exp, sp.log, sp.Abs)) and not any(
                isinstance(x, sp.MatrixExpr) for x in e.args):
            return e.func(*(self.scalar(x) for x in e.args))  # sigma'(h_j): a function of entries
        raise Unsupported(type(e).__name__)

    # -- expectation over keep-masks -----------------------------------------------------
    def expect(self, e: sp.Expr) -> sp.Expr:
        e = sp.expand(e)
        if isinstance(e, sp.Sum):
            return sp.Sum(self.expect(e.function), *e.limits)
        if isinstance(e, sp.Add):
            return sp.Add(*(self.expect(t) for t in e.args))
        factors = sp.Mul.make_args(e)
        masked: list[MatrixElement] = []
        rest: list[sp.Expr] = []
        for f in factors:
            base, power = f.as_base_exp()
            if isinstance(base, MatrixElement) and base.parent in self.masks:
                if not (power.is_Integer and power > 0):
                    raise Unsupported("a power of a mask entry")
                if base not in masked:
                    masked.append(base)  # R^k = R for a 0/1 entry
            elif any(isinstance(x, MatrixElement) and x.parent in self.masks for x in sp.preorder_traversal(f)):
                raise Unsupported("a mask entry inside another operation")
            elif any(x in self.random or (isinstance(x, MatrixElement) and x.parent in self.random)
                     for x in sp.preorder_traversal(f)):
                raise Unsupported("a random matrix other than a keep-mask")
            else:
                rest.append(f)
        body = sp.Mul(*rest)
        if not masked:
            return body
        if len(masked) == 1:
            return self.masks[masked[0].parent] * body
        if len(masked) == 2 and masked[0].parent == masked[1].parent:
            p = self.masks[masked[0].parent]
            (r1, c1), (r2, c2) = (masked[0].i, masked[0].j), (masked[1].i, masked[1].j)
            return (p**2 + p * (1 - p) * sp.KroneckerDelta(r1, r2) * sp.KroneckerDelta(c1, c2)) * body
        raise Unsupported("a product of more than two mask entries")


def _has_sequence(e: sp.Basic) -> bool:
    return any(isinstance(x, SeqTerm) for x in sp.preorder_traversal(e))


# -- the normal form ---------------------------------------------------------------------------
def _plain_delta(e: sp.Expr) -> sp.Expr:
    return e.replace(lambda x: isinstance(x, sp.KroneckerDelta) and len(x.args) > 2,
                     lambda x: sp.KroneckerDelta(x.args[0], x.args[1]))


def _in_range(x: sp.Expr, hi: sp.Expr, ranges: Ranges) -> bool:
    """Whether ``0 <= x <= hi`` follows from the declared index ranges."""
    return holds(sp.S.Zero, x, ranges) is True and holds(x, hi, ranges) is True


def _solve(delta: sp.KroneckerDelta, k: sp.Symbol) -> sp.Expr | None:
    """The value of ``k`` where ``delta`` is 1, when it is ``k + c = e``."""
    diff = sp.expand(delta.args[0] - delta.args[1])
    a = diff.coeff(k)
    rest = sp.expand(diff - a * k)
    if a in (1, -1) and k not in rest.free_symbols:
        return sp.expand(-rest / a)
    return None


class _Normal:
    def __init__(self, ranges: Ranges) -> None:
        self.ranges = ranges

    def __call__(self, e: sp.Expr) -> sp.Expr:
        e = _plain_delta(e)
        return self.terms(sp.expand(self.inside(e)))

    def inside(self, e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.Sum):
            return self.sum(e)
        if e.is_Atom or isinstance(e, MatrixElement):
            return e
        return e.func(*(self.inside(x) for x in e.args))

    def sum(self, s: sp.Sum) -> sp.Expr:
        body = s.function
        for k, lo, hi in s.limits:  # the innermost first
            if lo != 0:
                body, hi = body.xreplace({k: k + lo}), hi - lo
            fresh = sp.Dummy(str(k), integer=True)
            self.ranges[fresh] = (sp.S.Zero, hi)
            body = self._one(fresh, hi, body.xreplace({k: fresh}))
        return body

    def _one(self, k: sp.Symbol, hi: sp.Expr, body: sp.Expr) -> sp.Expr:
        if (hi + 1).is_nonnegative is not True:
            # k from 0 to hi with hi possibly below -1 (a sum from n to 5 at n = 8): counting hi + 1 terms,
            # or sympy's reversed-range value, is not the empty sum's 0
            raise ValueError("a range that may be empty")
        body = sp.expand(self.inside(body))
        out = sp.S.Zero
        for term in sp.Add.make_args(body):
            term = self.delta_substitute(term)
            inner: list[sp.Expr] = []
            outer: list[sp.Expr] = []
            for f in sp.Mul.make_args(term):
                (inner if k in f.free_symbols else outer).append(f)
            coeff = sp.Mul(*outer)
            rest = sp.Mul(*inner)
            collapsed = self.collapse(k, hi, rest)
            if collapsed is not None:
                out += coeff * collapsed
            elif rest == 1:
                out += coeff * (hi + 1)
            else:
                out += coeff * sp.Sum(rest, (k, 0, hi))
        return out

    def collapse(self, k: sp.Symbol, hi: sp.Expr, term: sp.Expr) -> sp.Expr | None:
        for f in sp.Mul.make_args(term):
            if isinstance(f, sp.KroneckerDelta) and k in f.free_symbols:
                other = _solve(f, k)
                if other is not None and _in_range(other, hi, self.ranges):
                    return sp.expand((term / f).xreplace({k: other}))
        return None

    def delta_substitute(self, term: sp.Expr) -> sp.Expr:
        """``δ_{xy} f(x, y) = δ_{xy} f(x, x)`` for a plain index ``y``."""
        for _ in range(4):
            deltas = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.KroneckerDelta)]
            changed = False
            for d in deltas:
                x, y = sorted(d.args, key=sp.default_sort_key)
                if isinstance(y, sp.Symbol) and x != y:
                    rest = (term / d).xreplace({y: x})
                    new = d * rest
                    if new != term:
                        term, changed = new, True
                        break
            if not changed:
                break
        return term

    def terms(self, e: sp.Expr) -> sp.Expr:
        return sp.Add(*(self.delta_substitute(t) for t in sp.Add.make_args(e)))


def _canonical(e: sp.Expr) -> sp.Expr:
    """Bound indices renamed by nesting depth, so that equal sums compare equal."""
    def walk(x: sp.Basic, depth: int) -> sp.Basic:
        if isinstance(x, sp.Sum):
            names = {k: sp.Symbol(f"_k{depth + m}", integer=True) for m, (k, _, _) in enumerate(x.limits)}
            limits = [(names[k], lo, hi) for k, lo, hi in x.limits]
            return sp.Sum(walk(x.function.xreplace(names), depth + len(limits)), *limits)
        if x.is_Atom or isinstance(x, MatrixElement):
            return x
        return x.func(*(walk(a, depth) for a in x.args))

    return sp.expand(walk(e, 0))


def _zero(diff: sp.Expr) -> bool:
    if diff == 0:
        return True
    return bool(sp.expand(sp.together(diff)) == 0)


def entry_positions(sides: Iterable[sp.Basic]) -> Ranges:
    """The range of each free index that places an entry (``W[i - 1, j - 1]``
    of a ``d x d`` matrix: ``1 <= i <= d``): a step about ``(M)_{ij}`` is
    about the entries the matrix has."""
    out: Ranges = {}
    for side in sides:
        bound = {v for s in side.atoms(sp.Sum) for v, *_ in s.limits}
        for e in side.atoms(MatrixElement):
            for pos, size in zip((e.i, e.j), e.parent.shape, strict=True):
                free = [x for x in pos.free_symbols if x not in bound]
                if len(free) != 1 or not isinstance(free[0], sp.Symbol) or free[0] in out or not free[0].is_integer:
                    continue
                k = free[0]
                shift = sp.expand(pos - k)
                if k not in shift.free_symbols and not (shift.free_symbols & bound):
                    out[k] = (-shift, size - 1 - shift)
    return out


def entrywise_equal(lhs: sp.Basic, rhs: sp.Basic, *, masks: Mapping[sp.Basic, sp.Expr] | None = None,
                    definitions: Mapping[sp.Basic, sp.Basic] | None = None,
                    graph: TimeGraph | None = None, random: Iterable[sp.Basic] = (),
                    derivatives: Mapping[Any, Any] | None = None) -> bool | None:
    """``True`` when ``lhs == rhs`` is proved entrywise for every shape,
    ``False`` when the normal forms differ (which proves nothing either
    way: the sides may still be equal), ``None`` when unsupported.
    ``graph``: the unrolled network the gradients and Jacobians refer to;
    ``random``: random matrices and variables other than the masks (an
    expectation involving them is not unfolded); ``derivatives``: declared
    derivatives of functions (``sigma -> sigma'``)."""
    ranges: Ranges = dict(graph.bounds) if graph is not None else entry_positions((lhs, rhs))
    unfold = _Unfolder(masks or {}, definitions or {}, ranges, graph, random, derivatives)
    if derivatives:  # sigma'(h_j) as the reader writes it: Subs(Derivative(sigma(x), x), x, h_j)
        lhs, rhs = declared_derivatives(lhs, derivatives), declared_derivatives(rhs, derivatives)
    try:
        if isinstance(lhs, sp.MatrixExpr) and isinstance(rhs, sp.MatrixExpr):
            if lhs.shape != rhs.shape:
                return None
            a, b = unfold.index(lhs.shape[0]), unfold.index(lhs.shape[1])
            sides = [unfold.entry(lhs, a, b), unfold.entry(rhs, a, b)]
        elif not isinstance(lhs, sp.MatrixExpr) and not isinstance(rhs, sp.MatrixExpr):
            sides = [unfold.scalar(lhs), unfold.scalar(rhs)]
        else:
            return None
        normal = _Normal(ranges)
        left, right = (_canonical(normal(s)) for s in sides)
        return _zero(sp.expand(left - right))
    except (Unsupported, Undecided, TypeError, ValueError, AttributeError, NotImplementedError, RecursionError):
        return None


def chain_rule(lhs: sp.Basic, rhs: sp.Basic, graph: TimeGraph) -> bool:
    """Whether ``rhs`` is the chain rule for the total gradient ``lhs =
    ∇_v L``: one term ``(∂c/∂v)^T ∇_c L`` for every node ``c`` defined
    directly from ``v`` (each reached from ``v`` only directly), nothing else."""
    if not (isinstance(lhs, Grad) and isinstance(lhs.args[1], SeqTerm) and lhs.args[0] in graph.losses):
        return False
    loss, v = lhs.args
    terms = rhs.args if isinstance(rhs, sp.MatAdd) else (rhs,)
    found: list[sp.Basic] = []
    for term in terms:
        if not (isinstance(term, sp.MatMul) and len(term.args) == 2):
            return False
        jac, grad = term.args
        jac = jac.arg if isinstance(jac, sp.Transpose) else None
        if not (isinstance(jac, Jacobian) and isinstance(grad, Grad) and grad.args[0] == loss
                and jac.args[1] == v and jac.args[0] == grad.args[1]):
            return False
        found.append(jac.args[0])
    try:
        children = graph.children(v)
        if sorted(map(str, found)) != sorted(map(str, children)) or len(set(found)) != len(found):
            return False
        for c in children:
            definition = graph.definition(c) if isinstance(c, SeqTerm) else None
            if definition is None or not graph.direct_only(c, definition, v):
                return False
    except (Undecided, TypeError, ValueError, AttributeError):
        return False
    return True


class EntrywiseAlgebra(Algebra):
    """Entrywise proofs for every shape; ``masks`` maps each Bernoulli
    keep-mask (independent entries) to its keep-probability."""

    name = "entrywise"

    def __init__(self, masks: Mapping[sp.Basic, sp.Expr] | None = None,
                 derivatives: Mapping[Any, Any] | None = None) -> None:
        self.masks = dict(masks or {})
        self.derivatives = dict(derivatives or {})

    def owns(self, expr: sp.Basic) -> bool:
        return isinstance(expr, sp.Basic) and any(isinstance(x, sp.MatrixExpr) for x in sp.preorder_traversal(expr))

    def declared_symbols(self) -> frozenset[sp.Basic]:
        return frozenset(itertools.chain(self.masks, self.masks.values()))

    def declared_terms(self) -> frozenset[object]:
        """The masks and their laws, and the elementwise functions with their derivatives."""
        return super().declared_terms() | frozenset(itertools.chain(*self.derivatives.items()))

    def lawful_matrices(self) -> frozenset[sp.Basic]:
        return frozenset(self.masks)

    def declarations(self) -> frozenset[tuple[object, ...]]:
        return matrix_declarations(self.masks, (), self.derivatives)

    def fingerprint(self) -> str:
        return "entrywise:" + str(sp.sstr(sorted(self.masks.items(), key=lambda kv: sp.default_sort_key(kv[0])))) \
            + ":" + str(sp.sstr(sorted(self.derivatives.items(), key=lambda kv: str(kv[0]))))

    def strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return (("entrywise at symbolic shape", self.prove),)

    def existence_problem(self, goal: Goal) -> str | None:
        """A norm of a matrix whose entries are not known to be real
        (:mod:`symproofs.matrices.realness`): the entrywise sums take ``x^2``."""
        return norm_problem(goal)

    def prove(self, goal: Goal, state: object) -> Outcome | None:
        if goal.relation is not Relation.EQ:
            return None
        lhs, rhs = goal.lhs, goal.rhs
        if not isinstance(lhs, sp.Basic) or not isinstance(rhs, sp.Basic) or isinstance(lhs, sp.Rel) \
                or isinstance(rhs, sp.Rel):
            return None
        if not (self.owns(lhs) or self.owns(rhs)):
            return None
        graph = None
        if any(isinstance(x, SeqTerm) for side in (lhs, rhs) for x in sp.preorder_traversal(side)):
            symbols = lhs.free_symbols | rhs.free_symbols
            for c in goal.context.facts.constraints:
                symbols |= c.free_symbols
            try:
                graph = TimeGraph(goal.context.givens, bounds_from(symbols, goal.context.facts.constraints))
            except (TypeError, ValueError, AttributeError):
                return None
            if chain_rule(lhs, rhs, graph):
                return Outcome(verdict=Verdict.PROVED, method="chain rule through the unrolled graph",
                               trust=Trust.SYMBOLIC)
        random: set[sp.Basic] = set()
        for alg in goal.context.algebras:
            config = getattr(alg, "config", None)
            random |= set(getattr(config, "random", ())) | {m for m, _ in getattr(config, "masks", ())}
            random |= set(alg.random_symbols())
        if entrywise_equal(lhs, rhs, masks=self.masks, definitions=_definitions(goal.context.givens), graph=graph,
                           random=random, derivatives=self.derivatives):
            return Outcome(verdict=Verdict.PROVED, method="entrywise at symbolic shape", trust=Trust.SYMBOLIC)
        return None


def _definitions(givens: Iterable[Any]) -> dict[sp.Basic, sp.Basic]:
    """``w = f(u)`` givens that define a matrix symbol (not in terms of itself)."""
    out: dict[sp.Basic, sp.Basic] = {}
    for g in givens:
        st = g.statement
        if getattr(g, "index", None) is None and isinstance(st, sp.Eq) and isinstance(st.lhs, sp.MatrixSymbol) \
                and st.lhs not in st.rhs.free_symbols and isinstance(st.rhs, sp.MatrixExpr):
            out[st.lhs] = st.rhs
    return out
