"""Explicit evaluation of matrix expressions at concrete shapes.

At a concrete shape every matrix symbol becomes a matrix of real symbols
(``A[1,2]``), every definition is expanded, gradients and Jacobians are
taken entry by entry with sympy, and expectations over a Bernoulli mask are
exact: mask entries are independent with ``r^2 = r`` and ``E[r] = p``. Two
sides are then equal at that shape exactly when every entry of their
difference is zero, which :func:`entry_zero` decides by exact algebra.
(:mod:`symproofs.matrices.polynomials` is a faster exact check tried first.)

>>> import sympy as sp
>>> from symproofs.matrices.calculus import Definitions
>>> A = sp.MatrixSymbol("A", 2, 2)
>>> ev = Explicit(Definitions())
>>> ev.value(A.T)
Matrix([
[A[1,1], A[2,1]],
[A[1,2], A[2,2]]])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from symproofs.core.goals import random_elsewhere
from symproofs.matrices.calculus import Definitions, IllShaped, Unsupported, is_node, undefined
from symproofs.matrices.forms import canonical_function
from symproofs.matrices.linalg import (
    DiagSqrt,
    Expectation,
    FrobeniusNorm,
    Grad,
    Jacobian,
    LargestEigenvalue,
    MatSum,
    MaxAbs,
    Norm,
    Scalar,
    ScalarFunction,
    SeqTerm,
    Sigmoid,
    SqNorm,
    is_matrix,
)
from symproofs.matrices.realness import sum_of_squares
from symproofs.probability.laws import Bernoulli
from symproofs.probability.space import E, ProbabilitySpace

__all__ = [
    "Explicit",
    "OpaqueCall",
    "PartialSymbol",
    "entry_zero",
    "resolve_derivatives",
    "sigmoid_numeric",
]

Value = Any  # an ImmutableMatrix or a scalar sympy expression


class OpaqueCall(sp.Function):  # type: ignore[misc]
    """``name(entries...)``: an unknown differentiable function at a point.
    Its partial derivatives are free symbols ``d name[i]`` (first order only)."""

    is_real = True

    def fdiff(self, argindex: int = 1) -> sp.Basic:
        if argindex == 1:
            return sp.S.Zero
        return gradient_symbol(self.args[0], argindex - 1)


class PartialSymbol(sp.Symbol):  # type: ignore[misc]
    """A partial derivative of an unknown function at the current point."""


def gradient_symbol(name: sp.Basic, i: int) -> sp.Symbol:
    return PartialSymbol(f"d{name}[{i}]", real=True)


def _entry_name(node: sp.Basic, i: int, j: int, rows: int, cols: int) -> str:
    base = f"{node.label}_{node.index}" if isinstance(node, SeqTerm) else str(node.name)
    if cols == 1:
        return f"{base}[{i + 1}]"
    if rows == 1:
        return f"{base}[{j + 1}]"
    return f"{base}[{i + 1},{j + 1}]"


def resolve_derivatives(e: sp.Basic, derivatives: Mapping[Any, Any]) -> sp.Basic:
    """Replace ``Derivative(g(x), x)`` (and its ``Subs`` form) by the
    declared derivative ``dg(x)``."""
    if not derivatives or not e.has(sp.Derivative):
        return e

    def subs_form(x: sp.Basic) -> bool:
        return isinstance(x, sp.Subs) and isinstance(x.expr, sp.Derivative) and x.expr.expr.func in derivatives \
            and len(x.variables) == 1 and x.expr.expr.args == x.variables and x.expr.variables == x.variables

    e = e.replace(subs_form, lambda x: derivatives[x.expr.expr.func](x.point[0]))
    return e.replace(
        lambda x: isinstance(x, sp.Derivative) and x.expr.func in derivatives and len(x.variables) == 1
        and x.expr.args == x.variables,
        lambda x: derivatives[x.expr.func](x.variables[0]),
    )


class Explicit:
    """Evaluates expressions at one concrete shape (dimension symbols
    already replaced by integers). ``concrete`` fixes leaf values (used to
    re-check a counterexample); otherwise leaves are matrices of symbols."""

    def __init__(
        self,
        defs: Definitions,
        *,
        masks: Mapping[sp.Basic, sp.Expr] | None = None,
        random: tuple[sp.Basic, ...] = (),
        derivatives: Mapping[Any, Any] | None = None,
        concrete: Mapping[sp.Basic, Any] | None = None,
    ) -> None:
        self.defs = defs
        self.masks = dict(masks or {})
        self.random = frozenset(random)
        self.derivatives = dict(derivatives or {})
        self.concrete = dict(concrete or {})
        self.leaves: dict[sp.Basic, sp.ImmutableMatrix] = {}
        self.mask_entries: dict[sp.Basic, sp.Expr] = {}
        self.random_entries: set[sp.Symbol] = set()
        self.opaque = False
        self._memo: dict[tuple[sp.Basic, frozenset[Any]], Value] = {}
        self._fresh = 0
        self.space = ProbabilitySpace()
        self.rules = dict(defs.rules)

    # -- leaves ------------------------------------------------------------
    def leaf(self, node: sp.Basic) -> sp.ImmutableMatrix:
        if node in self.leaves:
            return self.leaves[node]
        rows, cols = node.shape
        if not (isinstance(rows, (int, sp.Integer)) and isinstance(cols, (int, sp.Integer))):
            raise Unsupported(f"{node} has no concrete shape")
        rows, cols = int(rows), int(cols)
        if node in self.concrete:
            m = sp.ImmutableMatrix(self.concrete[node])
        elif node in self.masks:
            fam = self.space.family(str(node.name), Bernoulli(self.masks[node]), members="iid")
            m = sp.ImmutableMatrix(rows, cols, lambda i, j: fam(i + 1, j + 1))
            self.mask_entries.update({x: self.masks[node] for x in m})
        else:
            m = sp.ImmutableMatrix(rows, cols, lambda i, j: sp.Symbol(_entry_name(node, i, j, rows, cols), real=True))
            if node in self.random:
                self.random_entries.update(m)
        self.leaves[node] = m
        return m

    def _fresh_matrix(self, shape: tuple[int, int]) -> sp.ImmutableMatrix:
        self._fresh += 1
        k = self._fresh
        return sp.ImmutableMatrix(*shape, lambda i, j: sp.Symbol(f"_v{k}[{i},{j}]", real=True))

    # -- evaluation ----------------------------------------------------------
    def value(self, e: sp.Basic, ov: Mapping[sp.Basic, Value] | None = None) -> Value:
        """The explicit value of ``e``; a subexpression that is the left side
        of an equation given (other than a definition) takes the value of
        its right side."""
        ov = ov or {}
        return self._mat(e, ov) if is_matrix(e) else self._scal(e, ov)

    def _node(self, e: sp.Basic, ov: Mapping[sp.Basic, Value]) -> Value:
        if e in ov:
            return ov[e]
        key = (e, frozenset(ov.items()))
        if key in self._memo:
            return self._memo[key]
        rhs = self.defs.lookup(e)
        if rhs is None:
            val = self.leaf(e) if is_matrix(e) else self.concrete.get(e, e)
        else:
            val = self.value(rhs, ov)
        self._memo[key] = val
        return val

    def _mat(self, e: sp.Basic, ov: Mapping[sp.Basic, Value]) -> sp.ImmutableMatrix:
        e = self.rules.get(e, e)
        v = self._mat_raw(e, ov)
        if not isinstance(v, sp.MatrixBase):
            raise Unsupported(f"no explicit value for {type(e).__name__}")
        return sp.ImmutableMatrix(v)

    def _mat_raw(self, e: sp.Basic, ov: Mapping[sp.Basic, Value]) -> Value:
        m = self._mat
        if isinstance(e, sp.MatrixBase):
            return e
        if isinstance(e, (sp.MatrixSymbol, SeqTerm)):
            return self._node(e, ov)
        shape = tuple(int(s) for s in e.shape) if all(s.is_Integer for s in e.shape) else None
        if isinstance(e, sp.MatAdd):
            out = m(e.args[0], ov)
            for a in e.args[1:]:
                out = out + m(a, ov)
            return out
        if isinstance(e, sp.MatMul):
            coeff = sp.Mul(*[self._scal(a, ov) for a in e.args if not is_matrix(a)])
            mats = [m(a, ov) for a in e.args if is_matrix(a)]
            out = mats[0]
            for a in mats[1:]:
                out = out * a
            return out * coeff if coeff != 1 else out
        if isinstance(e, sp.Transpose):
            return m(e.arg, ov).T
        if isinstance(e, sp.Inverse):
            return m(e.arg, ov).inv(method="ADJ")
        if isinstance(e, sp.MatPow):
            base, k = m(e.args[0], ov), e.args[1]
            if not k.is_Integer and k.is_Rational and k > 0 and _diagonal(e.args[0]):
                # a power of a diagonal matrix is entrywise (Gamma = diag(X^T X)^{1/2})
                return sp.diag(*[base[i, i] ** k for i in range(base.rows)])
            if not k.is_Integer:
                raise Unsupported("non-integer matrix power")
            return base ** int(k) if k >= 0 else base.inv(method="ADJ") ** int(-k)
        if isinstance(e, sp.HadamardProduct):
            out = m(e.args[0], ov)
            for a in e.args[1:]:
                out = out.multiply_elementwise(m(a, ov))
            return out
        if isinstance(e, sp.HadamardPower):
            k = self._scal(e.args[1], ov)
            return m(e.args[0], ov).applyfunc(lambda x: x**k)
        if isinstance(e, sp.Identity) and shape:
            return sp.eye(shape[0])
        if isinstance(e, sp.ZeroMatrix) and shape:
            return sp.zeros(*shape)
        if isinstance(e, sp.OneMatrix) and shape:
            return sp.ones(*shape)
        if isinstance(e, sp.DiagMatrix):
            return sp.diag(*list(m(e.args[0], ov)))
        if isinstance(e, sp.DiagonalMatrix):
            a = m(e.args[0], ov)
            return sp.diag(*[a[i, i] for i in range(a.rows)])
        if isinstance(e, DiagSqrt):
            a = m(e.args[0], ov)
            return sp.diag(*[sp.sqrt(a[i, i]) for i in range(a.rows)])
        if isinstance(e, ElementwiseApplyFunction):
            fn = canonical_function(e.function, self.derivatives)
            return m(e.expr, ov).applyfunc(lambda x: fn(x))
        if isinstance(e, Expectation):
            if not (self.masks or self.random):
                raise Unsupported("an expectation, with no random matrix declared")
            return m(e.args[0], ov).applyfunc(self.expect)
        if isinstance(e, Grad):
            return self._derivative(e, ov)
        if isinstance(e, Jacobian):
            return self._derivative(e, ov)
        if isinstance(e, MatSum):
            body, (k, lo, hi) = e.args
            if not (lo.is_Integer and hi.is_Integer):
                raise Unsupported("a matrix sum with symbolic bounds")
            terms = [m(body.xreplace({k: i}), ov) for i in range(int(lo), int(hi) + 1)]
            if not terms:
                return sp.zeros(*[int(s) for s in body.shape])
            out = terms[0]
            for t in terms[1:]:
                out = out + t
            return out
        raise Unsupported(f"no explicit value for {type(e).__name__}")

    def _scal(self, e: sp.Basic, ov: Mapping[sp.Basic, Value]) -> sp.Expr:
        e = self.rules.get(e, e)
        if e.is_Number or (not e.args and not e.free_symbols):
            return e
        if isinstance(e, sp.Symbol):
            return self._node(e, ov) if is_node(e) else e
        if isinstance(e, Scalar):
            return self._mat(e.args[0], ov)[0, 0]
        if isinstance(e, MatrixElement):
            i, j = e.args[1:]
            if not (i.is_Integer and j.is_Integer):
                raise Unsupported("a matrix entry with a symbolic index")
            mat = self._mat(e.args[0], ov)
            if not (0 <= int(i) < mat.rows and 0 <= int(j) < mat.cols):
                raise IllShaped(f"index out of range: entry ({i}, {j}) of a {mat.rows} x {mat.cols} matrix")
            return mat[int(i), int(j)]
        if isinstance(e, SqNorm):
            return sum_of_squares(self._mat(e.args[0], ov))
        if isinstance(e, sp.Trace):
            return self._mat(e.args[0], ov).trace()
        if isinstance(e, sp.Determinant):
            a = self._mat(e.args[0], ov)
            if a.rows != a.cols:
                raise IllShaped(f"the determinant of a {a.rows} x {a.cols} matrix")
            return sp.expand(a.det(method="berkowitz"))
        if isinstance(e, FrobeniusNorm):
            return sp.sqrt(sum_of_squares(self._mat(e.args[0], ov)))
        if isinstance(e, Norm):
            a = self._mat(e.args[0], ov)
            if 1 in a.shape:  # of a vector every reading is the Euclidean norm
                return sp.sqrt(sum_of_squares(a))
            self.opaque = True
            # the same kind kept: an unset norm is compared with itself only, never taken for the spectral one
            return e.func(a.applyfunc(sp.expand))
        if isinstance(e, (LargestEigenvalue, MaxAbs)):
            self.opaque = True
            return e.func(self._mat(e.args[0], ov).applyfunc(sp.expand))
        if isinstance(e, E):
            inner = self._scal(e.args[0], ov)
            if not (self.masks or self.random) and any(s.name.endswith("]") for s in inner.free_symbols
                                                       if isinstance(s, sp.Symbol)):
                # entries of a matrix that has no law here (x random in the question's probability
                # space): read as fixed, Var(u^T x) would be 0
                raise Unsupported("an expectation of matrices, with no random matrix declared")
            return self.expect(inner)
        if isinstance(e, ScalarFunction):
            name, arg = e.args
            return OpaqueCall(name, *list(self._mat(arg, ov)))
        if isinstance(e, (sp.Sum, sp.Product)):
            body = e.function
            for k, lo, hi in reversed(e.limits):
                if not (lo.is_Integer and hi.is_Integer):
                    raise Unsupported("a sum with symbolic bounds")
                parts = [body.xreplace({k: i}) for i in range(int(lo), int(hi) + 1)]
                body = sp.Add(*parts) if isinstance(e, sp.Sum) else sp.Mul(*parts)
            return self._scal(body, ov)
        if isinstance(e, sp.Derivative):
            return sp.diff(self._scal(e.expr, ov), *e.variable_count)
        if isinstance(e, MatrixExpr):
            raise Unsupported("a matrix inside a scalar expression")
        args = [self.value(a, ov) if is_matrix(a) else self._scal(a, ov) for a in e.args]
        if isinstance(e, sp.Function):  # sigma(w^T x): a function of the number a 1 x 1 matrix holds
            args = [a[0, 0] if isinstance(a, sp.MatrixBase) and a.shape == (1, 1) else a for a in args]
        return e.func(*args)

    # -- expectation over masks -------------------------------------------------
    def expect(self, val: sp.Expr) -> sp.Expr:
        """``E[val]`` over the masks, by the probability space (entries
        i.i.d. Bernoulli(p): ``r^k = r``, ``E[r] = p``, independent)."""
        if val.free_symbols & self.random_entries:
            raise Unsupported("expectation over a random matrix without a declared distribution")
        if random_elsewhere(val.xreplace(dict.fromkeys(self.mask_entries, sp.S.One))):  # the masks' own entries aside
            raise Unsupported("an expectation over random variables another algebra declares")
        if not any(a in self.mask_entries for a in val.atoms(AppliedUndef)):
            return val
        out = self.space.reduce(E(sp.expand(val)))
        if out.has(E):
            raise Unsupported("an expectation the probability space left unevaluated")
        return out

    # -- derivatives ------------------------------------------------------------
    def _derivative(self, e: sp.Basic, ov: Mapping[sp.Basic, Value]) -> sp.ImmutableMatrix:
        f, v = e.args
        if not isinstance(v, (sp.MatrixSymbol, SeqTerm)):
            raise Unsupported("derivatives are taken with respect to a matrix symbol or a sequence term")
        undefined(f, self.defs)
        at = self._mat(v, ov)
        var = self._fresh_matrix(at.shape)
        inner = dict(ov)
        inner[v] = var
        fv = self.value(f, inner)
        if any(isinstance(s, PartialSymbol) for s in _free(fv)) and _free(fv) & set(var):
            raise Unsupported("second derivatives of an unknown function")
        if isinstance(e, Grad):
            out = sp.ImmutableMatrix(*at.shape, lambda i, j: sp.diff(fv, var[i, j]))
        else:
            out = sp.ImmutableMatrix(fv.rows, var.rows, lambda i, j: sp.diff(fv[i, 0], var[j, 0]))
        out = out.applyfunc(lambda x: resolve_derivatives(x, self.derivatives))
        return out.xreplace(dict(zip(var, at)))


def _diagonal(e: sp.Basic) -> bool:
    """Whether ``e`` is diagonal by its form: ``diag(v)``, the diagonal part of a matrix, ``diag(M)^{1/2}``."""
    return isinstance(e, (sp.DiagMatrix, sp.DiagonalMatrix, DiagSqrt, sp.Identity))


def _free(v: Value) -> set[sp.Basic]:
    return set(v.free_symbols)


# -- deciding that an entry is zero -----------------------------------------------
def multilinear(e: sp.Expr, masks: set[sp.Basic]) -> sp.Expr:
    """Reduce powers of mask entries (``r^k = r``: entries are 0 or 1)."""
    if not masks or not any(a in masks for a in e.atoms(AppliedUndef)):
        return e
    e = e.replace(lambda x: x.is_Pow and x.base in masks and x.exp.is_Integer and x.exp > 1, lambda x: x.base)
    return sp.expand(e)


def entry_zero(e: sp.Expr, masks: set[sp.Basic] | None = None) -> bool:
    """Whether ``e`` is identically zero, decided by exact algebra
    (expansion, rational normal form, square roots reduced)."""
    if e == 0:
        return True
    e = multilinear(sp.expand(e), masks or set())
    if e == 0:
        return True
    if not e.has(sp.Pow, sp.Abs):
        return False
    try:
        t = sp.cancel(sp.together(e))
    except (sp.PolynomialError, TypeError):
        return False
    if t == 0:
        return True
    if t.has(sp.sign) and not _zero_where_signs_vanish(t, masks):
        return False
    if t.has(sp.Abs, sp.sign):
        t = _without_abs(t)
        if t == 0 or sp.expand(t) == 0:
            return True
    return _radicals_zero(t)


def _zero_where_signs_vanish(e: sp.Expr, masks: set[sp.Basic] | None) -> bool:
    """``sign(a) = a/|a|`` (used below) is exact only where ``a != 0``: the
    entry must also vanish where each sign's argument does (``a`` a
    symbol, set to 0), unless ``a`` is provably nonzero. The numerator is
    what must vanish (where the denominator does, the entry is undefined)."""
    e, _ = sp.fraction(e)
    for s in sorted(e.atoms(sp.sign), key=sp.default_sort_key):
        a = s.args[0]
        if a.is_zero is False:
            continue
        if not isinstance(a, sp.Symbol) or not entry_zero(e.xreplace({a: sp.S.Zero}), masks):
            return False
    return True


def _without_abs(e: sp.Expr) -> sp.Expr:
    """``sign(a) = a/|a|`` and ``|a| = sqrt(a^2)`` (both exact for real ``a``
    with ``a != 0``; an ``a`` not known to be real keeps its ``|a|``:
    ``|z| = sqrt(z^2)`` fails at ``z = i``)."""
    e = e.replace(lambda x: isinstance(x, sp.sign) and x.args[0].is_extended_real is True,
                  lambda x: x.args[0] / sp.Abs(x.args[0]))
    return e.replace(lambda x: isinstance(x, sp.Abs) and x.args[0].is_extended_real is True,
                     lambda x: sp.Pow(sp.expand(x.args[0] ** 2), sp.S.Half))


def _radicals_zero(e: sp.Expr) -> bool:
    num, _ = sp.fraction(sp.together(e))
    num = sp.expand(num)
    if num == 0:
        return True
    roots = {p.base for p in num.atoms(sp.Pow) if p.exp.is_Rational and p.exp.q == 2}
    if not roots or len(roots) > 3:
        return False
    for b in roots:
        r = sp.Dummy("r", positive=True)
        num = num.replace(
            lambda x, b=b: x.is_Pow and x.base == b and x.exp.is_Rational and x.exp.q == 2,
            lambda x, r=r: r ** int(2 * x.exp),
        )
        num = sp.expand(num * r ** (2 * _max_neg(num, r)))
        try:
            num = sp.rem(num, r**2 - sp.expand(b), r)
        except (sp.PolynomialError, sp.GeneratorsNeeded):
            return False
        num = sp.expand(num)
        if num == 0:
            return True
    return bool(num == 0)


def _max_neg(e: sp.Expr, r: sp.Symbol) -> int:
    k = 0
    for p in e.atoms(sp.Pow):
        if p.base == r and p.exp.is_Integer and p.exp < 0:
            k = max(k, int(-p.exp + 1) // 2)
    return k


def sigmoid_numeric(e: sp.Basic) -> sp.Basic:
    return e.replace(lambda x: isinstance(x, Sigmoid), lambda x: 1 / (1 + sp.exp(-x.args[0])))
