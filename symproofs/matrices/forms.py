"""Normal forms of matrix expressions at symbolic dimension.

A matrix expression is expanded into a sum of ``coefficient * F_1 ... F_k``
with canonical factors; the difference of two sides is zero when every
coefficient vanishes. The rewrites are exact identities of matrix algebra:

* ``(AB)^T = B^T A^T``, ``A^{-1} A = I``, powers as repeated factors,
  diagonal matrices are symmetric, ``diag(M)^{1/2} diag(M)^{1/2} = diag(M)``;
* a ``1 x 1`` sub-product is a scalar, equal to its transpose: it becomes a
  commuting :class:`~symproofs.matrices.linalg.Scalar` in a fixed orientation, so
  ``w^T X^T y = y^T X w`` and ``u u^T u = (u^T u) u``;
* ``||v||^2 = v^T v``; the Euclidean norm of a vector is ``sqrt(v^T v)``;
* expectation is linear: deterministic factors leave ``E``, and an
  expression affine in a Bernoulli(p) mask ``R`` has ``E[f(R)] = f(p 1)``.

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
>>> Forms().is_zero((A*B).T - B.T*A.T)
True
>>> Forms().is_zero((A*B).T - A.T*B.T)
False
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from symproofs.core.goals import random_elsewhere
from symproofs.matrices.linalg import (
    ELT,
    DiagSqrt,
    Elementwise,
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
    SqNorm,
    is_matrix,
    is_vector,
    shape_problem,
)
from symproofs.matrices.realness import complex_scalar
from symproofs.probability.space import E, Var

__all__ = ["ELT", "CanonicalScalar", "Forms", "canonical_function", "contains_matrix", "declared_derivatives"]


Factors = tuple[sp.Basic, ...]
Terms = dict[Factors, sp.Expr]


class CanonicalScalar(Scalar):
    """A :class:`Scalar` already in normal form (never normalized again)."""

    def _eval_is_nonnegative(self) -> bool | None:
        """``g^T g`` written as a product that reads the same transposed
        and backwards, with an even number of factors, is ``||g||^2``."""
        m = self.args[0]
        fs = tuple(m.args) if isinstance(m, sp.MatMul) else (m,)
        if len(fs) % 2 or any(not is_matrix(f) for f in fs):
            return None
        half = len(fs) // 2
        back = tuple(_plain_transpose(f) for f in reversed(fs[:half]))
        return True if back == fs[half:] else None


def _plain_transpose(f: sp.Basic) -> sp.Basic:
    if isinstance(f, sp.Transpose):
        return f.arg
    if isinstance(f, (sp.DiagMatrix, sp.DiagonalMatrix, DiagSqrt, sp.Identity)):
        return f
    return sp.Transpose(f)


class _Zero(Exception):
    """A factor is the zero matrix."""


def contains_matrix(e: sp.Basic) -> bool:
    return any(isinstance(x, MatrixExpr) for x in sp.preorder_traversal(e))


def canonical_function(f: Any, derivatives: Mapping[Any, Any] | None = None) -> sp.Lambda:
    """``f`` as ``Lambda(_elt, body)`` with the fixed variable :data:`ELT`;
    ``Derivative(g(x), x)`` becomes the declared derivative of ``g``."""
    if not isinstance(f, sp.Lambda):
        f = sp.Lambda(ELT, f(ELT))
    (var,) = f.variables
    body = f.expr.xreplace({var: ELT})
    for g, dg in (derivatives or {}).items():
        body = body.replace(
            lambda e, g=g: isinstance(e, sp.Derivative) and e.expr.func == g and len(e.variables) == 1
            and e.expr.args == e.variables,
            lambda e, dg=dg: dg(*e.variables),
        )
    return sp.Lambda(ELT, body)


def declared_derivatives(e: sp.Basic, derivatives: Mapping[Any, Any]) -> sp.Basic:
    """``sigma'`` at a point written as sympy writes it (``Subs(Derivative(
    sigma(x), x), x, a)``, ``Derivative(sigma(a), a)``) in the declared
    form ``dsigma(a)``, as entries of ``sigma'(h)`` are."""
    if not derivatives or not e.has(sp.Derivative, sp.Subs):
        return e
    e = e.replace(lambda x: isinstance(x, sp.Subs), lambda x: x.doit())
    for g, dg in derivatives.items():
        e = e.replace(
            lambda x, g=g: isinstance(x, sp.Derivative) and x.expr.func == g and len(x.variables) == 1
            and x.expr.args == x.variables,
            lambda x, dg=dg: dg(*x.variables))
    return e


def _entry_of(m: sp.Basic, i: sp.Basic, j: sp.Basic) -> sp.Basic:
    """The entry ``(i, j)`` of ``m``, written out through scalar multiples,
    sums, transposes and entrywise products (``(pX)_{ij} = p X_{ij}``); kept
    as an entry of anything else (a product would need a sum)."""
    if isinstance(m, sp.MatMul):
        scalars = [a for a in m.args if not is_matrix(a)]
        matrices = [a for a in m.args if is_matrix(a)]
        if len(matrices) == 1:
            return sp.Mul(*scalars) * _entry_of(matrices[0], i, j)
        if all(isinstance(a, (sp.DiagMatrix, sp.DiagonalMatrix)) for a in matrices):  # diagonal factors
            return sp.Mul(*scalars) * sp.KroneckerDelta(i, j) * sp.Mul(*[_entry_of(a, i, i) for a in matrices])
        if len(matrices) == 2 and all(isinstance(a, (sp.MatrixSymbol, sp.Transpose)) for a in matrices):
            # (X^T X)_{ij} = sum_k X_{ki} X_{kj}: one sum over the inner dimension
            k = sp.Dummy("k", integer=True)
            a, b = matrices
            inner = _entry_of(a, i, k) * _entry_of(b, k, j)
            return sp.Mul(*scalars) * sp.Sum(inner, (k, 0, a.shape[1] - 1))
    if isinstance(m, sp.MatAdd):
        return sp.Add(*[_entry_of(a, i, j) for a in m.args])
    if isinstance(m, sp.HadamardProduct):
        return sp.Mul(*[_entry_of(a, i, j) for a in m.args])
    if isinstance(m, sp.Transpose):
        return _entry_of(m.arg, j, i)
    if isinstance(m, sp.DiagMatrix):  # diag(v)_{ij} = delta_ij v_i
        return sp.KroneckerDelta(i, j) * _entry_of(m.args[0], i, 0)
    if isinstance(m, sp.DiagonalMatrix):  # the diagonal part of a square matrix
        return sp.KroneckerDelta(i, j) * _entry_of(m.args[0], i, i)
    if isinstance(m, sp.MatPow) and isinstance(m.base, (sp.DiagMatrix, sp.DiagonalMatrix)) \
            and m.exp.is_number:  # a power of a diagonal matrix is entrywise
        return sp.KroneckerDelta(i, j) * _entry_of(m.base, i, i) ** m.exp
    if isinstance(m, ElementwiseApplyFunction):  # sigma(h)_i = sigma(h_i)
        return m.function(_entry_of(m.expr, i, j))
    return MatrixElement(m, i, j)


_SYMPY_DIAG_DOIT = sp.DiagMatrix.doit
_quick_depth = 0


def _could_be_diagonal(v: sp.Basic) -> bool:
    return isinstance(v, (sp.MatrixBase, sp.ZeroMatrix, sp.Identity, sp.OneMatrix)) or bool(v.shape[0] == v.shape[1])


def _quick_diag_doit(self: sp.DiagMatrix, **hints: Any) -> sp.Basic:
    """sympy's ``DiagMatrix.doit`` without its call to the assumptions system
    (a satisfiability check per node) when the vector's two dimensions differ
    structurally, where that call could only skip the rest; everything else is
    sympy's own code."""
    vector = self._vector
    if _could_be_diagonal(vector):
        return _SYMPY_DIAG_DOIT(self, **hints)
    if vector.is_MatMul:
        matrices = [arg for arg in vector.args if arg.is_Matrix]
        scalars = [arg for arg in vector.args if arg not in matrices]
        if scalars:
            return sp.Mul.fromiter(scalars) * sp.DiagMatrix(sp.MatMul.fromiter(matrices).doit()).doit()
    if isinstance(vector, sp.Transpose):
        vector = vector.arg
    return sp.DiagMatrix(vector)


@contextmanager
def quick_diag() -> Iterator[None]:
    """Within this block, ``DiagMatrix.doit`` skips the assumptions query on
    a vector that is not structurally square (the same result, faster)."""
    global _quick_depth
    if _quick_depth == 0:
        sp.DiagMatrix.doit = _quick_diag_doit
    _quick_depth += 1
    try:
        yield
    finally:
        _quick_depth -= 1
        if _quick_depth == 0:
            sp.DiagMatrix.doit = _SYMPY_DIAG_DOIT


def _shape_one(x: sp.Basic) -> bool:
    return bool(x == 1)


class Forms:
    """Normal forms under declared random matrices and Bernoulli masks.

    ``random`` are random matrices (expectation is taken over them);
    ``masks`` maps a mask to its keep-probability; ``derivatives`` maps an
    elementwise function to its derivative.
    """

    def __init__(
        self,
        *,
        random: tuple[sp.Basic, ...] = (),
        masks: Mapping[sp.Basic, sp.Expr] | None = None,
        derivatives: Mapping[Any, Any] | None = None,
    ) -> None:
        self.masks = dict(masks or {})
        self.random = frozenset(random) | frozenset(self.masks)
        self.derivatives = dict(derivatives or {})
        self._memo: dict[sp.Basic, Terms] = {}
        self._expecting: set[sp.Basic] = set()  # the random coefficients whose E[c] is being taken

    # -- entry points ------------------------------------------------------
    def normal(self, e: sp.Basic) -> sp.Basic:
        return self.matrix(e) if is_matrix(e) else self.scalar(e)

    def is_zero(self, e: sp.Basic) -> bool:
        if shape_problem(e) is not None:
            return False  # an ill-shaped expression has no value, zero or not
        if is_matrix(e):
            return not self.terms(e)
        return _scalar_zero(self.scalar(e))

    # -- matrices ----------------------------------------------------------
    def forget(self) -> None:
        """Forget the remembered normal forms."""
        self._memo.clear()

    def terms(self, m: sp.Basic) -> Terms:
        """``m`` as ``{factors: coefficient}`` with nonzero coefficients."""
        hit = self._memo.get(m)
        if hit is None:
            with quick_diag():
                hit = self._terms(m)
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[m] = hit
        return dict(hit)

    def _terms(self, m: sp.Basic) -> Terms:
        m = m.doit()
        if m.has(Expectation) and self.random:
            # With no random matrix declared, nothing says which matrices
            # are deterministic: an expectation stays as it is.
            m = m.replace(lambda x: isinstance(x, Expectation), lambda x: self._expect_matrix(x.args[0]))
            m = m.doit()
        out: Terms = {}
        work = _distribute(m)
        budget = 64
        while work:
            c0, mats = work.pop()
            try:
                coeff, factors = self._term_parts(c0, mats)
            except _Zero:
                continue
            if budget and any(isinstance(f, sp.MatAdd) for f in factors):
                budget -= 1
                work.extend(_distribute(sp.MatMul(coeff, *factors)))
                continue
            out[factors] = out.get(factors, sp.S.Zero) + coeff
        done: Terms = {}
        for k, c in out.items():
            c = self.scalar(c) if contains_matrix(c) else sp.expand(c)
            if not _scalar_zero(c):
                done[k] = c
        return done

    def matrix(self, m: sp.Basic) -> sp.Basic:
        """The canonical expression of ``m`` (same shape)."""
        terms = self.terms(m)
        return self.rebuild(terms, m.shape)

    @staticmethod
    def rebuild(terms: Terms, shape: tuple[Any, Any]) -> sp.Basic:
        if not terms:
            return sp.ZeroMatrix(*shape)
        parts = []
        for factors, c in sorted(terms.items(), key=lambda kv: [sp.default_sort_key(f) for f in kv[0]]):
            body = sp.MatMul(*factors) if len(factors) > 1 else (factors[0] if factors else sp.Identity(shape[0]))
            parts.append(body if c == 1 else sp.MatMul(c, body))
        return parts[0] if len(parts) == 1 else sp.MatAdd(*parts)

    def _term(self, t: sp.Basic) -> tuple[sp.Expr, Factors]:
        args = t.args if isinstance(t, sp.MatMul) else (t,)
        return self._term_parts(sp.Mul(*[a for a in args if not is_matrix(a)]),
                                tuple(a for a in args if is_matrix(a)))

    def _term_parts(self, coeff: sp.Expr, mats: Factors) -> tuple[sp.Expr, Factors]:
        """The canonical factors of ``coeff * mats[0] * mats[1] ...``."""
        fs: list[sp.Basic] = []
        for a in mats:
            c, more = self._factor(a)
            coeff *= c
            fs.extend(more)
        fs = self._cancel(fs)
        kept: list[sp.Basic] = []
        i = 0
        while i < len(fs):
            if _shape_one(fs[i].shape[0]):
                j = next((j for j in range(i, len(fs)) if _shape_one(fs[j].shape[1])), None)
                if j is not None:
                    coeff *= self._scalar_atom(fs[i:j + 1])
                    i = j + 1
                    continue
            kept.append(fs[i])
            i += 1
        return coeff, tuple(kept)

    def _factor(self, f: sp.Basic) -> tuple[sp.Expr, list[sp.Basic]]:
        """Canonical factors of one matrix factor, with a scalar pulled out."""
        one = sp.S.One
        if isinstance(f, sp.Identity):
            return one, []
        if isinstance(f, sp.ZeroMatrix):
            raise _Zero
        if isinstance(f, sp.Inverse):
            inner = self.matrix(f.arg)
            if isinstance(inner, sp.Identity):
                return one, []
            return one, [sp.Inverse(inner)]
        if isinstance(f, sp.MatPow):
            base, k = f.args
            if k.is_Integer and k > 0:
                c, fs = self._factor(base)
                return c**k, fs * int(k)
            if k.is_Integer and k < 0:
                return one, [sp.Inverse(self.matrix(base))] * int(-k)
            return one, [sp.MatPow(self.matrix(base), k)]
        if isinstance(f, sp.HadamardProduct):
            return self._hadamard([self.matrix(a) for a in f.args], f.shape)
        if isinstance(f, sp.HadamardPower):
            base = self.matrix(f.args[0])
            return self._hadamard([base] * int(f.args[1]), f.shape) if f.args[1].is_Integer and f.args[1] > 0 \
                else (one, [sp.HadamardPower(base, f.args[1])])
        if isinstance(f, sp.DiagMatrix):
            v = self.matrix(f.args[0])
            if isinstance(v, sp.ZeroMatrix):
                raise _Zero
            return one, [sp.DiagMatrix(v)]
        if isinstance(f, sp.DiagonalMatrix):
            return one, [sp.DiagonalMatrix(self.matrix(f.args[0]))]
        if isinstance(f, DiagSqrt):
            return one, [DiagSqrt(self.matrix(f.args[0]))]
        if isinstance(f, ElementwiseApplyFunction):
            fn = _expanded(canonical_function(f.function, self.derivatives))
            return one, [Elementwise(fn, self.matrix(f.expr))]
        if isinstance(f, Grad):
            return one, [Grad(self.scalar(f.args[0]), f.args[1])]
        if isinstance(f, Jacobian):
            return one, [Jacobian(self.matrix(f.args[0]), f.args[1])]
        if isinstance(f, MatSum):
            return one, [MatSum(self.matrix(f.args[0]), tuple(f.args[1]))]
        if isinstance(f, sp.Transpose):
            return self._transposed_atom(f.arg)
        return one, [f]

    def _transposed_atom(self, a: sp.Basic) -> tuple[sp.Expr, list[sp.Basic]]:
        if isinstance(a, (sp.DiagMatrix, sp.DiagonalMatrix, DiagSqrt, sp.Identity)):
            return self._factor(a)
        if isinstance(a, (sp.MatrixSymbol, Grad, Jacobian, MatSum)) or not is_matrix(a):
            return sp.S.One, [sp.Transpose(a)]
        if isinstance(a, sp.OneMatrix):
            return sp.S.One, [sp.OneMatrix(a.shape[1], a.shape[0])]
        if isinstance(a, Expectation):
            return sp.S.One, [Expectation(self.matrix(sp.Transpose(a.args[0]).doit()))]
        if isinstance(a, sp.Inverse):
            return sp.S.One, [sp.Inverse(self.matrix(sp.Transpose(a.arg).doit()))]
        if isinstance(a, ElementwiseApplyFunction):
            fn = _expanded(canonical_function(a.function, self.derivatives))
            return sp.S.One, [Elementwise(fn, self.matrix(sp.Transpose(a.expr).doit()))]
        if isinstance(a, sp.HadamardProduct):
            return self._hadamard([self.matrix(sp.Transpose(x).doit()) for x in a.args], a.shape[::-1])
        return sp.S.One, [sp.Transpose(a)]

    def _hadamard(self, args: list[sp.Basic], shape: tuple[Any, Any]) -> tuple[sp.Expr, list[sp.Basic]]:
        coeff = sp.S.One
        kept: list[sp.Basic] = []
        for a in args:
            if isinstance(a, sp.ZeroMatrix):
                raise _Zero
            c, body = _split_coeff(a)
            coeff *= c
            if isinstance(body, sp.OneMatrix):
                continue
            kept.append(body)
        if not kept:
            return coeff, [sp.OneMatrix(*shape)]
        if len(kept) == 1:
            c, fs = self._factor(kept[0])
            return coeff * c, fs
        kept.sort(key=sp.default_sort_key)
        return coeff, [sp.HadamardProduct(*kept)]

    @staticmethod
    def _cancel(fs: list[sp.Basic]) -> list[sp.Basic]:
        changed = True
        while changed:
            changed = False
            for i in range(len(fs) - 1):
                a, b = fs[i], fs[i + 1]
                if (isinstance(a, sp.Inverse) and a.arg == b) or (isinstance(b, sp.Inverse) and b.arg == a):
                    del fs[i:i + 2]
                    changed = True
                    break
                if isinstance(a, DiagSqrt) and a == b:
                    fs[i:i + 2] = [sp.DiagonalMatrix(a.args[0])]
                    changed = True
                    break
        return fs

    def transpose_factors(self, fs: Factors) -> Factors:
        out: list[sp.Basic] = []
        coeff = sp.S.One
        for f in reversed(fs):
            c, more = self._transposed_atom(f) if not isinstance(f, sp.Transpose) else (sp.S.One, [f.arg])
            coeff *= c
            out.extend(more)
        if coeff != 1:
            raise ValueError("transpose of a canonical factor changed its scale")
        return tuple(out)

    def _scalar_atom(self, seg: list[sp.Basic]) -> sp.Expr:
        fs = tuple(seg)
        try:
            ts = self.transpose_factors(fs)
        except ValueError:
            ts = fs
        key = [sp.default_sort_key(f) for f in fs]
        tkey = [sp.default_sort_key(f) for f in ts]
        chosen = ts if tkey < key else fs
        body = chosen[0] if len(chosen) == 1 else sp.MatMul(*chosen)
        return CanonicalScalar(body)

    # -- scalars ---------------------------------------------------------------
    def scalar(self, e: sp.Basic) -> sp.Expr:
        """The canonical form of a scalar expression that mentions matrices."""
        return sp.expand(self._declared_derivatives(self._scal(e)))

    def _declared_derivatives(self, e: sp.Basic) -> sp.Basic:
        return declared_derivatives(e, self.derivatives)

    def _scal(self, e: sp.Basic) -> sp.Basic:
        if is_matrix(e):
            raise TypeError("a matrix where a scalar was expected")
        if not e.args or isinstance(e, CanonicalScalar) or not contains_matrix(e):
            return e
        if isinstance(e, Scalar):
            return self._scalar_of(e.args[0])
        if isinstance(e, (SqNorm, Norm)) and is_vector(e.args[0]) and complex_scalar(e.args[0]) is None:
            v = e.args[0]  # v^T v is ||v||^2 for real entries only (realness.py)
            gram = self._scalar_of(v.T * v if v.shape[1] == 1 else v * v.T)
            return gram if isinstance(e, SqNorm) else sp.sqrt(gram)
        if isinstance(e, E):
            return self.expect_scalar(self.scalar(e.args[0]))
        if isinstance(e, Var):
            a = e.args[0]
            return self._scal(E(a**2) - E(a) ** 2)
        if isinstance(e, (SqNorm, Norm, FrobeniusNorm, LargestEigenvalue, MaxAbs)):
            return e.func(self.matrix(e.args[0]))
        if isinstance(e, ScalarFunction):
            return e
        if isinstance(e, (sp.Sum, sp.Product)):
            return e.func(self._scal(e.function), *e.limits)
        if isinstance(e, sp.Derivative):
            return self._derivative(e)
        if isinstance(e, MatrixElement):
            return _entry_of(self.matrix(e.parent), e.i, e.j)
        return e.func(*[self.matrix(a) if is_matrix(a) else self._scal(a) for a in e.args])

    def _derivative(self, e: sp.Derivative) -> sp.Basic:
        """A derivative in scalar variables of an expression whose matrix
        parts do not depend on them (they are constants)."""
        body = self.scalar(e.expr)
        variables = set(e.variables)
        # an entry h_j of a matrix as the variable: everything holding that matrix depends on it
        parents = {v.parent for v in variables if isinstance(v, MatrixElement)}
        atoms = {a for a in sp.preorder_traversal(body) if isinstance(a, sp.Function) and contains_matrix(a)}
        if any(a.free_symbols & variables or any(isinstance(x, MatrixExpr) and (x.free_symbols & variables
                                                                            or x in parents)
                                                  for x in sp.preorder_traversal(a)) for a in atoms):
            return e.func(body, *e.variable_count)
        consts = {a: sp.Dummy("c", real=True) for a in atoms}
        return sp.diff(body.xreplace(consts), *e.variable_count).xreplace({c: a for a, c in consts.items()})

    def _scalar_of(self, m: sp.Basic) -> sp.Expr:
        if m.shape != (1, 1):
            raise TypeError("Scalar of a matrix that is not 1 x 1")
        total = sp.S.Zero
        for fs, c in self.terms(m).items():
            total += c if not fs else c * CanonicalScalar(fs[0] if len(fs) == 1 else sp.MatMul(*fs))
        return total

    # -- expectation -----------------------------------------------------------
    def is_random(self, e: sp.Basic) -> bool:
        """Whether ``e`` holds a random matrix of this algebra, or a random
        variable another algebra of the goal declares (a scalar ``Y`` beside
        a mask ``R``: ``E[Y R]`` is not ``Y E[R]``)."""
        if self.random and any(x in self.random for x in sp.preorder_traversal(e) if isinstance(x, MatrixExpr)):
            return True
        return random_elsewhere(e)

    def expect_scalar(self, a: sp.Expr) -> sp.Expr:
        """``E[a]`` by linearity, for ``a`` in normal form."""
        total = sp.S.Zero
        for t in sp.Add.make_args(sp.expand(a)):
            det: list[sp.Basic] = []
            rnd: list[sp.Basic] = []
            for f in sp.Mul.make_args(t):
                # a value of a function this algebra does not know (a member R(i, j) of
                # another algebra's random family) may be random: its expectation stays
                (rnd if self.is_random(f) or f.atoms(AppliedUndef) or random_elsewhere(f) else det).append(f)
            if not rnd:
                total += t
                continue
            chain = self._merge(rnd)
            inner = self._expect_chain(chain) if chain is not None else None
            if inner is None:
                total += sp.Mul(*det) * E(sp.Mul(*rnd))
            else:
                total += sp.Mul(*det) * self._scalar_of(inner)
        return sp.expand(total)

    def _merge(self, rnd: list[sp.Basic]) -> list[sp.Basic] | None:
        atoms: list[sp.Basic] = []
        for f in rnd:
            base, k = (f.base, f.exp) if isinstance(f, sp.Pow) else (f, sp.S.One)
            if not isinstance(base, Scalar) or not (k.is_Integer and k > 0):
                return None
            atoms.extend([base.args[0]] * int(k))
        chains = [list(a.args) if isinstance(a, sp.MatMul) else [a] for a in atoms]
        if len(chains) == 1:
            return chains[0]
        if len(chains) != 2:
            return None
        for a in (chains[0], list(self.transpose_factors(tuple(chains[0])))):
            for b in (chains[1], list(self.transpose_factors(tuple(chains[1])))):
                if self._contiguous(a + b):
                    return a + b
        return None

    def _contiguous(self, chain: list[sp.Basic]) -> bool:
        idx = [i for i, f in enumerate(chain) if self.is_random(f)]
        return bool(idx) and idx[-1] - idx[0] + 1 == len(idx)

    def _expect_chain(self, chain: list[sp.Basic]) -> sp.Basic | None:
        idx = [i for i, f in enumerate(chain) if self.is_random(f)]
        if not idx or idx[-1] - idx[0] + 1 != len(idx):
            return None
        left, mid, right = chain[:idx[0]], chain[idx[0]:idx[-1] + 1], chain[idx[-1] + 1:]
        middle = self._expect_core(mid[0] if len(mid) == 1 else sp.MatMul(*mid))
        return sp.MatMul(*left, middle, *right) if left or right else middle

    def _expect_matrix(self, m: sp.Basic) -> sp.Basic:
        terms = self.terms(m)
        parts: list[sp.Basic] = []
        for fs, c in terms.items():
            body = sp.MatMul(*fs) if len(fs) > 1 else (fs[0] if fs else sp.Identity(m.shape[0]))
            if self.is_random(c):  # E[c B] = E[c] B for a deterministic B (u^T x I_1: E[u^T x] I_1)
                random_body = bool(fs) and self.is_random(body)
                if random_body or c in self._expecting:  # (E[x^T x] comes back here through E[c]: left as it is)
                    parts.append(Expectation(sp.MatMul(c, body)))
                    continue
                self._expecting.add(c)
                try:
                    parts.append(sp.MatMul(self.expect_scalar(c), body))
                finally:
                    self._expecting.discard(c)
                continue
            inner = self._expect_chain(list(fs)) if fs else body
            parts.append(sp.MatMul(c, inner if inner is not None else Expectation(body)))
        if not parts:
            return sp.ZeroMatrix(*m.shape)
        return parts[0] if len(parts) == 1 else sp.MatAdd(*parts)

    def _expect_core(self, mid: sp.Basic) -> sp.Basic:
        """``E[mid]``: substitute ``E[R] = p 1`` when ``mid`` is affine in
        a single mask ``R``; otherwise leave the expectation."""
        used = [r for r in self.random if any(x == r for x in sp.preorder_traversal(mid))]
        if len(used) == 1 and used[0] in self.masks and _affine(mid, used[0]):
            r = used[0]
            return mid.xreplace({r: sp.MatMul(self.masks[r], sp.OneMatrix(*r.shape))})
        return Expectation(mid)


def _expanded(fn: sp.Lambda) -> sp.Lambda:
    """An elementwise function with its body expanded (one form for ``s (1 - s)`` and ``s - s^2``)."""
    return sp.Lambda(fn.variables, sp.expand(fn.expr))


def _distribute(m: sp.Basic) -> list[tuple[sp.Expr, Factors]]:
    """``m`` as a sum of products ``coefficient * M_1 M_2 ...``: products are
    distributed over sums of matrices (nested products flattened); other
    matrix nodes are kept whole."""
    if isinstance(m, sp.MatAdd):
        return [t for a in m.args for t in _distribute(a)]
    if isinstance(m, sp.MatMul):
        out: list[tuple[sp.Expr, Factors]] = [(sp.Mul(*[a for a in m.args if not is_matrix(a)]), ())]
        for a in m.args:
            if is_matrix(a):
                parts = _distribute(a)
                out = [(c1 * c2, f1 + f2) for c1, f1 in out for c2, f2 in parts]
        return out
    return [(sp.S.One, (m,))]


def _split_coeff(m: sp.Basic) -> tuple[sp.Expr, sp.Basic]:
    if isinstance(m, sp.MatMul):
        sc = [a for a in m.args if not is_matrix(a)]
        mats = [a for a in m.args if is_matrix(a)]
        if sc and len(mats) == 1:
            return sp.Mul(*sc), mats[0]
    return sp.S.One, m


def _affine(e: sp.Basic, r: sp.Basic) -> bool:
    """Whether ``e`` is affine in the matrix ``r`` (built from ``r`` with
    sums, products by constants, transposes and Hadamard products by
    constants)."""
    def has(x: sp.Basic) -> bool:
        return any(y == r for y in sp.preorder_traversal(x))

    def linear(x: sp.Basic) -> bool:
        if x == r:
            return True
        if not has(x):
            return False
        if isinstance(x, sp.Transpose):
            return linear(x.arg)
        if isinstance(x, sp.MatAdd):
            return all(linear(a) or not has(a) for a in x.args)
        if isinstance(x, (sp.MatMul, sp.HadamardProduct)):
            hit = [a for a in x.args if has(a)]
            return len(hit) == 1 and linear(hit[0])
        return False

    return not has(e) or linear(e)


def _nonzero_at_a_point(c: sp.Expr) -> bool:
    """Whether ``c`` (built from symbols and function applications by
    ``+``, ``*`` and powers) takes a nonzero rational value at one exact
    point, every application an unknown of its own: then ``c`` is not zero
    as a rational function of those unknowns, and no cancellation can show
    it is. ``False`` means only that this test did not decide."""
    apps = sorted(c.atoms(sp.Function), key=sp.default_sort_key)
    unknowns = {a: sp.Dummy("a") for a in apps}
    body = c.xreplace(unknowns)
    for x in sp.preorder_traversal(body):
        if not isinstance(x, (sp.Add, sp.Mul, sp.Pow, sp.Symbol, sp.Rational)):
            return False
    names = sorted(body.free_symbols, key=sp.default_sort_key)
    point = {s: sp.Rational(2 * i + 3, 5 * i + 7) for i, s in enumerate(names)}
    value = body.xreplace(point)
    return bool(value.is_Rational and value != 0)


def _scalar_zero(c: sp.Expr) -> bool:
    if c == 0:
        return True
    c = sp.expand(c)
    if c == 0:
        return True
    if c.has(sp.Pow):
        if _nonzero_at_a_point(c):
            return False
        try:
            together = sp.together(c)
            if sp.expand(sp.fraction(together)[0]) == 0:  # the numerator over a common denominator vanishes
                return True
            return bool(sp.cancel(together) == 0)
        except (sp.PolynomialError, TypeError):
            return False
    return False

