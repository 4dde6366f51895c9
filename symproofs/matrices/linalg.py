"""Vocabulary for derivations about vectors and matrices.

Matrices are sympy ``MatrixSymbol`` objects with symbolic dimensions; this
module adds the objects sympy lacks, all unevaluated (what they mean is the
job of :class:`symproofs.matrices.space.MatrixAlgebra`):

* scalars made from matrices: :class:`Scalar` (the entry of a ``1 x 1``
  product), :class:`SqNorm` (``||v||^2``), :class:`Norm` (Euclidean for
  vectors, spectral for matrices; :class:`UnsetNorm` where the text does not
  say which norm of a matrix it means), :class:`FrobeniusNorm`,
  :class:`LargestEigenvalue`,
  :class:`MaxAbs`, :class:`ScalarFunction` (an unknown differentiable
  function of a matrix, such as a loss);
* matrices: :class:`Expectation`, :class:`DiagSqrt` (``diag(M)^{1/2}``),
  :class:`Grad`, :class:`Jacobian`, :class:`SeqTerm` (a term ``h_t`` of a
  sequence of vectors), :class:`MatSum` (a sum of matrices over an index),
  :class:`Elementwise` (a function applied to every entry);
* :class:`Sigmoid`, the logistic function, with ``s' = s (1 - s)``.

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> v = sp.MatrixSymbol("v", n, 1)
>>> sqnorm(v)
SqNorm(v)
>>> h = Sequence("h", n)
>>> h[sp.Symbol("t") - 1].shape
(n, 1)
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from symproofs.core.printing import powered
from symproofs.matrices import diagonal
from symproofs.matrices.slope import Slope

diagonal.install()  # DiagMatrix.doit asks the assumptions system each question once (same results)

__all__ = [
    "DiagSqrt",
    "Elementwise",
    "Expectation",
    "FrobeniusNorm",
    "Grad",
    "Jacobian",
    "LargestEigenvalue",
    "MatSum",
    "MaxAbs",
    "Norm",
    "Scalar",
    "ScalarFunction",
    "SeqTerm",
    "Sequence",
    "Sigmoid",
    "SqNorm",
    "UnsetNorm",
    "diag",
    "elementwise",
    "expect",
    "frobenius",
    "grad",
    "hadamard",
    "is_matrix",
    "is_vector",
    "jacobian",
    "norm",
    "ones",
    "scalar",
    "shape_problem",
    "sides_problem",
    "sqnorm",
]


def is_matrix(e: object) -> bool:
    return isinstance(e, MatrixExpr)


def is_vector(e: object) -> bool:
    """A column or row vector (one literal dimension equal to 1)."""
    return is_matrix(e) and (e.shape[0] == 1 or e.shape[1] == 1)  # type: ignore[attr-defined]


def _matrix_arg(cls: str, arg: Any) -> sp.Basic:
    if not is_matrix(arg):
        raise TypeError(f"{cls} takes a matrix expression, not {arg!r}")
    return arg


def _variable(cls: str, v: Any) -> sp.Basic:
    """A differentiation variable: a matrix symbol or a sequence term."""
    if not isinstance(v, (sp.MatrixSymbol, SeqTerm)):
        raise TypeError(f"{cls} differentiates with respect to a matrix symbol or a sequence term, not {v!r}")
    return v


# -- scalars made from matrices ------------------------------------------------
class Scalar(sp.Function):  # type: ignore[misc]
    """The single entry of a ``1 x 1`` matrix expression (``w^T X^T y``)."""

    nargs = 1
    is_real = True

    @classmethod
    def eval(cls, m: sp.Basic) -> sp.Basic | None:
        _matrix_arg("Scalar", m)
        if m.shape != (1, 1):
            raise TypeError(f"Scalar needs a 1 x 1 matrix, got shape {m.shape}")
        if isinstance(m, sp.MatrixBase):
            return m[0, 0]
        if isinstance(m, sp.ZeroMatrix):
            return sp.S.Zero
        if isinstance(m, sp.Identity):
            return sp.S.One
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        # (u^T x)^2, not u^T x^2: a power of anything but a name takes parentheses
        return powered(str(printer._print(self.args[0])), exp, wrap=not isinstance(self.args[0], sp.MatrixSymbol))


class SqNorm(sp.Function):  # type: ignore[misc]
    """The squared Euclidean norm ``||v||^2 = v^T v`` of a vector."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    @classmethod
    def eval(cls, v: sp.Basic) -> sp.Basic | None:
        _matrix_arg("SqNorm", v)
        if not is_vector(v):
            raise TypeError("SqNorm takes a vector (one dimension equal to 1)")
        if isinstance(v, sp.ZeroMatrix):
            return sp.S.Zero
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\left\| %s \right\|^{2}" % printer._print(self.args[0]), exp, wrap=True)


def _scaled(norm: Any, m: sp.Basic) -> sp.Basic | None:
    """``norm(c M) = |c| norm(M)`` for a number ``c`` written in front of a
    product, the imaginary unit left aside (homogeneity holds for every norm)."""
    if isinstance(m, sp.MatMul):
        coeff, rest = m.as_coeff_mmul()
        if coeff != 1 and not coeff.has(sp.I):
            return sp.Abs(coeff) * norm(rest.doit() if isinstance(rest, sp.MatMul) else rest)
    return None


class Norm(sp.Function):  # type: ignore[misc]
    """``||M||``: the Euclidean norm of a vector, the spectral norm of a matrix."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    @classmethod
    def eval(cls, m: sp.Basic) -> sp.Basic | None:
        _matrix_arg("Norm", m)
        if isinstance(m, sp.ZeroMatrix):
            return sp.S.Zero
        if isinstance(m, sp.Identity) and cls is Norm:  # spectral (an unset norm may be Frobenius's sqrt(n))
            return sp.S.One
        return _scaled(cls, m)  # ||c M|| = |c| ||M||, whichever norm

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\left\| %s \right\|" % printer._print(self.args[0]), exp)


class UnsetNorm(Norm):
    """``||M||`` of a matrix (not a vector) whose kind neither the text nor the
    notation fixes: spectral or Frobenius (a TA may mean either). It is never
    evaluated as one of them: an instance compares it with itself only, an
    interval holds both values, and the grader checks the step with
    :class:`FrobeniusNorm` too."""


class FrobeniusNorm(sp.Function):  # type: ignore[misc]
    """``||M||_F = sqrt(sum_ij |M_ij|^2) = sqrt(tr(M^T M))``: evaluated on an
    explicit matrix, on ``I_n`` (``sqrt(n)``) and through a scalar factor
    (``||c M||_F = |c| ||M||_F``).

    >>> FrobeniusNorm(sp.Matrix([[1, 2], [2, 0]]))
    3
    >>> FrobeniusNorm(2 * sp.Identity(sp.Symbol("n", integer=True, positive=True)))
    2*sqrt(n)
    """

    nargs = 1
    is_real = True
    is_nonnegative = True

    @classmethod
    def eval(cls, m: sp.Basic) -> sp.Basic | None:
        _matrix_arg("FrobeniusNorm", m)
        if isinstance(m, sp.ZeroMatrix):
            return sp.S.Zero
        if isinstance(m, sp.MatrixBase):  # |x|^2: x^2 for a real entry, 1 for i
            return sp.sqrt(sp.Add(*[sp.Abs(x) ** 2 for x in m]))
        if isinstance(m, sp.Identity):
            return sp.sqrt(m.rows)
        return _scaled(cls, m)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        base = r"\left\| %s \right\|_{F}" % printer._print(self.args[0])
        return base if exp is None else r"%s^{%s}" % (base, exp)


def _is_gram(m: sp.Basic) -> bool:
    """``A^T A`` (positive semi-definite by construction)."""
    if isinstance(m, sp.MatMul):
        mats = [a for a in m.args if is_matrix(a)]
        scal = [a for a in m.args if not is_matrix(a)]
        if len(mats) == 2 and all(s.is_nonnegative for s in scal):
            return bool(mats[0] == sp.Transpose(mats[1]).doit())
    return False


class LargestEigenvalue(sp.Function):  # type: ignore[misc]
    """``lambda_1(M)``, the largest eigenvalue of a symmetric matrix."""

    nargs = 1
    is_real = True

    @classmethod
    def eval(cls, m: sp.Basic) -> sp.Basic | None:
        _matrix_arg("LargestEigenvalue", m)
        return None

    def _eval_is_nonnegative(self) -> bool | None:
        return True if _is_gram(self.args[0]) else None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\lambda_{1}\left(%s\right)" % printer._print(self.args[0]), exp)


class MaxAbs(sp.Function):  # type: ignore[misc]
    """``max_i |v_i|``, the largest absolute entry of a vector."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    @classmethod
    def eval(cls, v: sp.Basic) -> sp.Basic | None:
        _matrix_arg("MaxAbs", v)
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\max_i \left|\left(%s\right)_i\right|" % printer._print(self.args[0]), exp, wrap=True)


class ScalarFunction(sp.Function):  # type: ignore[misc]
    """An unknown differentiable scalar function ``name(M)`` of a matrix
    (a loss known only through its gradient)."""

    nargs = 2
    is_real = True

    @classmethod
    def eval(cls, name: sp.Basic, m: sp.Basic) -> sp.Basic | None:
        if not isinstance(name, sp.Symbol):
            raise TypeError("ScalarFunction(name, M): name is a Symbol")
        _matrix_arg("ScalarFunction", m)
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(str(printer._print(self.args[0])), exp)


# -- matrix-valued objects ----------------------------------------------------------
class _MatObj(MatrixExpr):  # type: ignore[misc]
    """Base of the unevaluated matrix objects below: ``doit`` keeps them."""

    def doit(self, **hints: Any) -> sp.Basic:
        return self

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> sp.Basic:
        return MatrixElement(self, i, j)


class Expectation(_MatObj):
    """``E[M]``, the entrywise expectation of a random matrix."""

    def __new__(cls, m: sp.Basic) -> Expectation:
        return super().__new__(cls, _matrix_arg("Expectation", m))  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.args[0].shape  # type: ignore[no-any-return]

    def _eval_transpose(self) -> sp.Basic:
        return Expectation(sp.Transpose(self.args[0]).doit())

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0]), exp)


class DiagSqrt(_MatObj):
    """``diag(M)^{1/2}``: the diagonal matrix of the square roots of the
    diagonal entries of ``M`` (``Gamma = diag(X^T X)^{1/2}``)."""

    def __new__(cls, m: sp.Basic) -> DiagSqrt:
        m = _matrix_arg("DiagSqrt", m)
        if m.shape[0] != m.shape[1]:
            raise TypeError("DiagSqrt takes a square matrix")
        return super().__new__(cls, m)  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.args[0].shape  # type: ignore[no-any-return]

    def _eval_transpose(self) -> sp.Basic:
        return self

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\operatorname{diag}\left(%s\right)^{1/2}" % printer._print(self.args[0]), exp, wrap=True)


class Grad(_MatObj):
    """``grad_v f``: the gradient of the scalar ``f`` with respect to ``v``
    (same shape as ``v``), with every dependency the givens declare."""

    def __new__(cls, f: sp.Basic, v: sp.Basic) -> Grad:
        f = sp.sympify(f, strict=True)
        if is_matrix(f):
            raise TypeError("grad(f, v) needs a scalar f; use jacobian for vectors")
        return super().__new__(cls, f, _variable("Grad", v))  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.args[1].shape  # type: ignore[no-any-return]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"\nabla_{%s} %s" % (printer._print(self.args[1]), printer._print(self.args[0])), exp, wrap=True)


class Jacobian(_MatObj):
    """``dh/dx``: the Jacobian (``rows(h) x rows(x)``) of a column vector
    ``h`` with respect to a column vector ``x``."""

    def __new__(cls, h: sp.Basic, x: sp.Basic) -> Jacobian:
        h, x = _matrix_arg("Jacobian", h), _variable("Jacobian", x)
        if h.shape[1] != 1 or x.shape[1] != 1:
            raise TypeError("jacobian(h, x) takes column vectors")
        return super().__new__(cls, h, x)  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return (self.args[0].shape[0], self.args[1].shape[0])

    def _latex(self, printer: Any, exp: Any = None) -> str:
        top = printer._print(self.args[0])
        if isinstance(self.args[0], (sp.MatAdd, sp.MatMul, sp.HadamardProduct)):
            top = r"\left(%s\right)" % top  # the partial of a whole sum or product
        return powered(r"\frac{\partial %s}{\partial %s}" % (top, printer._print(self.args[1])), exp, wrap=True)


class SeqTerm(_MatObj):
    """The term ``name_index`` of a sequence of matrices (``h_{t-1}``)."""

    def __new__(cls, name: str | sp.Basic, index: Any, rows: Any, cols: Any = 1) -> SeqTerm:
        label = sp.Symbol(name) if isinstance(name, str) else name
        index, rows, cols = (sp.sympify(x, strict=True) for x in (index, rows, cols))
        return super().__new__(cls, label, index, rows, cols)  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return (self.args[2], self.args[3])

    @property
    def label(self) -> sp.Symbol:
        return self.args[0]

    @property
    def index(self) -> sp.Expr:
        return self.args[1]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        out: set[sp.Basic] = {self}
        for part in (self.index, self.args[2], self.args[3]):
            out |= part.free_symbols
        return out

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"%s_{%s}" % (printer._print(self.label), printer._print(self.index)), exp)

    def _sympystr(self, printer: Any) -> str:
        index = printer._print(self.index)
        return f"{self.label}_{index}" if self.index.is_Atom else f"{self.label}_({index})"


class Sequence:
    """A sequence of matrices: ``h = Sequence("h", n)``, then ``h[t - 1]``."""

    def __init__(self, name: str, rows: Any, cols: Any = 1) -> None:
        self.name, self.rows, self.cols = name, rows, cols

    def __getitem__(self, index: Any) -> SeqTerm:
        return SeqTerm(self.name, index, self.rows, self.cols)

    def __repr__(self) -> str:
        return f"Sequence({self.name!r}, {self.rows}, {self.cols})"


class MatSum(_MatObj):
    """``sum_{k=lo}^{hi} M_k`` for a matrix-valued summand."""

    def __new__(cls, term: sp.Basic, limits: tuple[Any, Any, Any]) -> MatSum:
        k, lo, hi = (sp.sympify(a, strict=True) for a in limits)
        return super().__new__(cls, _matrix_arg("MatSum", term), sp.Tuple(k, lo, hi))  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.args[0].shape  # type: ignore[no-any-return]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        k, lo, hi = self.args[1]
        return (self.args[0].free_symbols - {k}) | lo.free_symbols | hi.free_symbols  # type: ignore[no-any-return]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        k, lo, hi = self.args[1]
        return powered(r"\sum_{%s=%s}^{%s} %s" % (
            printer._print(k), printer._print(lo), printer._print(hi), printer._print(self.args[0])), exp, wrap=True)


#: The bound variable of every elementwise function (so that two
#: constructions of ``sigma(h)`` are structurally equal).
ELT = sp.Symbol("_elt", real=True)


def bind(f: Any) -> sp.Lambda:
    """``f`` as ``Lambda(_elt, f(_elt))`` with the fixed variable :data:`ELT`."""
    if not isinstance(f, sp.Lambda):
        return sp.Lambda(ELT, f(ELT))
    (var,) = f.variables
    return f if var == ELT else sp.Lambda(ELT, f.expr.xreplace({var: ELT}))


class Elementwise(ElementwiseApplyFunction):  # type: ignore[misc]
    """``f(v)`` applied to every entry of ``v``, printed as ``f(v)``."""

    def __new__(cls, function: Any, expr: Any) -> Elementwise:
        return super().__new__(cls, bind(function), expr)  # type: ignore[no-any-return]

    def _latex(self, printer: Any, exp: Any = None) -> str:
        f = self.function
        name = printer._print(f.expr.func) if isinstance(f, sp.Lambda) and f.expr.args == f.variables \
            else printer._print(f)
        return powered(r"%s\left(%s\right)" % (name, printer._print(self.expr)), exp)


class Sigmoid(sp.Function):  # type: ignore[misc]
    """The logistic function ``s(x) = 1/(1 + exp(-x))``, with ``s' = s(1 - s)``."""

    nargs = 1
    is_real = True
    is_positive = True

    def fdiff(self, argindex: int = 1) -> sp.Basic:
        s = Sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x: sp.Basic, **kwargs: Any) -> sp.Basic:
        return 1 / (1 + sp.exp(-x))

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return powered(r"s\left(%s\right)" % printer._print(self.args[0]), exp)


# -- well-formedness -------------------------------------------------------------
def _same_dim(a: Any, b: Any) -> bool:
    """Whether two dimensions are equal for every value of their symbols."""
    a, b = sp.sympify(a, strict=True), sp.sympify(b, strict=True)
    return bool(a == b or sp.expand(a - b) == 0)


def _out_of_range(index: sp.Basic, size: sp.Basic) -> bool:
    """Whether ``index`` lies outside ``0 .. size - 1`` for every value of
    its symbols (a negative index never wraps around)."""
    index, size = sp.sympify(index, strict=True), sp.sympify(size, strict=True)
    if index.is_negative is True:
        return True
    return sp.expand(index - size).is_nonnegative is True


def _node_problem(node: sp.Basic) -> str | None:
    if isinstance(node, (sp.MatAdd, sp.HadamardProduct)):
        mats = [a for a in node.args if is_matrix(a)]
        for a in mats[1:]:
            if not (_same_dim(a.shape[0], mats[0].shape[0]) and _same_dim(a.shape[1], mats[0].shape[1])):
                what = "a sum" if isinstance(node, sp.MatAdd) else "an elementwise product"
                return (f"ill-shaped: {what} of matrices of shapes {sp.sstr(mats[0].shape)} and {sp.sstr(a.shape)} "
                        f"in {sp.sstr(node)}")
    elif isinstance(node, sp.MatMul):
        mats = [a for a in node.args if is_matrix(a)]
        for a, b in itertools.pairwise(mats):
            if not _same_dim(a.shape[1], b.shape[0]):
                return (f"ill-shaped: a product of a {sp.sstr(a.shape)} and a {sp.sstr(b.shape)} matrix "
                        f"in {sp.sstr(node)}")
    elif isinstance(node, (sp.Inverse, sp.MatPow, sp.Trace, sp.Determinant)):
        a = node.args[0]
        if not _same_dim(a.shape[0], a.shape[1]):
            return f"ill-shaped: {type(node).__name__} of a non-square {sp.sstr(a.shape)} matrix in {sp.sstr(node)}"
    elif isinstance(node, sp.DiagMatrix):
        a = node.args[0]
        if not (_same_dim(a.shape[0], 1) or _same_dim(a.shape[1], 1)):
            return f"ill-shaped: diag of a {sp.sstr(a.shape)} matrix, not a vector, in {sp.sstr(node)}"
    elif isinstance(node, sp.Eq) and is_matrix(node.lhs) and is_matrix(node.rhs):
        return sides_problem(node.lhs, node.rhs)
    elif isinstance(node, MatrixElement):
        for index, size in zip(node.args[1:], node.args[0].shape):
            if _out_of_range(index, size):
                return f"index out of range: {sp.sstr(node)} of a {sp.sstr(node.args[0].shape)} matrix"
    elif isinstance(node, Scalar):
        if not (_same_dim(node.args[0].shape[0], 1) and _same_dim(node.args[0].shape[1], 1)):
            return f"ill-shaped: the scalar of a {sp.sstr(node.args[0].shape)} matrix in {sp.sstr(node)}"
    elif isinstance(node, (SqNorm, Jacobian)):
        for a in node.args:
            if is_matrix(a) and not (_same_dim(a.shape[0], 1) or _same_dim(a.shape[1], 1)):
                return f"ill-shaped: {type(node).__name__} of a {sp.sstr(a.shape)} matrix in {sp.sstr(node)}"
    return None


def sides_problem(lhs: Any, rhs: Any) -> str | None:
    """Why two matrices cannot be compared (their shapes differ), or ``None``."""
    if not (is_matrix(lhs) and is_matrix(rhs)):
        return None
    if _same_dim(lhs.shape[0], rhs.shape[0]) and _same_dim(lhs.shape[1], rhs.shape[1]):
        return None
    return f"ill-shaped: a {sp.sstr(lhs.shape)} matrix compared with a {sp.sstr(rhs.shape)} matrix"


def shape_problem(e: Any) -> str | None:
    """Why ``e`` is ill-shaped, or ``None``: every sum and elementwise
    product of matrices must have operands of one shape, every product must
    be aligned, inverses and powers square, ``diag`` of a vector, and every
    entry ``A[i, j]`` in range. Shapes must agree for every value of the
    dimension symbols (``n x d`` and ``d x n`` do not); a numeric index
    that no shape admits (negative, or at least the size) is out of range.

    >>> n, d = sp.symbols("n d", integer=True, positive=True)
    >>> X, R = sp.MatrixSymbol("X", n, d), sp.MatrixSymbol("R", n, d)
    >>> shape_problem(sp.HadamardProduct(X, R)) is None
    True
    >>> shape_problem(sp.HadamardProduct(R.T, X))
    'ill-shaped: an elementwise product of matrices of shapes (d, n) and (n, d) in HadamardProduct(R.T, X)'
    """
    if not isinstance(e, sp.Basic):
        return None
    for node in sp.preorder_traversal(e):
        if isinstance(node, (MatrixExpr, MatrixElement, Scalar, SqNorm, sp.Eq)):
            try:
                problem = _node_problem(node)
            except (AttributeError, TypeError, ValueError):
                problem = f"ill-shaped: no shape for {sp.sstr(node)}"
            if problem is not None:
                return problem
    return _summed_index_problem(e, ())


def _summed_index_problem(e: sp.Basic, ranges: tuple[tuple[sp.Expr, sp.Expr, sp.Expr], ...]) -> str | None:
    """An entry ``A[i + 1]`` under ``sum_{i=0}^{n-1}`` (or ``A.T[i, 0]``
    for an ``n x 1`` matrix ``A``) that is not within ``A`` at both ends of
    the (nonempty) ranges of its summation indices for every value of the
    dimensions. A sum is written for every size: an index in range only for
    some sizes (``n = 1``) is out of range."""
    if isinstance(e, (sp.Sum, MatSum)):
        inner = ranges
        for k, lo, hi in (reversed(e.limits) if isinstance(e, sp.Sum) else (e.args[1],)):  # outermost first
            if sp.expand(hi - lo).is_nonnegative is not True:
                return None  # possibly empty: nothing is read
            inner = (*inner, (k, lo, hi))
        return _summed_index_problem(e.args[0], inner)
    if isinstance(e, MatrixElement) and ranges:
        for index, size in zip(e.args[1:], e.args[0].shape):
            if not index.has(*(k for k, _, _ in ranges)):
                continue  # not a summed index: in range for some size is enough (``u[1]`` needs n >= 2)
            low, high = _index_extremes(index, ranges)
            if (low is not None and low.is_nonnegative is not True) or (
                    high is not None and sp.expand(size - 1 - high).is_nonnegative is not True):
                return (f"index out of range: {sp.sstr(e)} of a {sp.sstr(e.args[0].shape)} matrix, "
                        f"for {', '.join(f'{sp.sstr(k)} from {sp.sstr(lo)} to {sp.sstr(hi)}' for k, lo, hi in ranges)}")
        return None
    for arg in e.args:
        problem = _summed_index_problem(arg, ranges) if isinstance(arg, sp.Basic) else None
        if problem is not None:
            return problem
    return None


def _index_extremes(index: sp.Expr, ranges: tuple[tuple[sp.Expr, sp.Expr, sp.Expr], ...]
                    ) -> tuple[sp.Expr | None, sp.Expr | None]:
    """The smallest and largest value of an index linear in the summation
    indices (innermost first, so that inner bounds may use outer indices),
    or ``None`` where a coefficient's sign is unknown."""
    low: sp.Expr | None = index
    high: sp.Expr | None = index
    for k, lo, hi in reversed(ranges):
        bounds = []
        for value, smallest in ((low, True), (high, False)):
            if value is None or not value.has(k):
                bounds.append(value)
                continue
            poly = sp.Poly(value, k) if value.is_polynomial(k) else None
            if poly is None or poly.degree() != 1:
                bounds.append(None)
                continue
            c = poly.coeffs()[0]
            if c.is_positive is True:
                bounds.append(value.subs(k, lo if smallest else hi))
            elif c.is_negative is True:
                bounds.append(value.subs(k, hi if smallest else lo))
            else:
                bounds.append(None)
        low, high = bounds
    return low, high


# -- helpers for authors -----------------------------------------------------------
def scalar(m: sp.Basic) -> sp.Basic:
    """The scalar a ``1 x 1`` matrix expression stands for."""
    return Scalar(m)


def sqnorm(v: sp.Basic) -> sp.Basic:
    return SqNorm(v)


def norm(m: sp.Basic) -> sp.Basic:
    return Norm(m)


def frobenius(m: sp.Basic) -> sp.Basic:
    """``||M||_F``, whose square is ``tr(M^T M)``, the sum of the squared entries."""
    return FrobeniusNorm(m)


def diag(v: sp.Basic) -> sp.Basic:
    """The diagonal matrix with the entries of the vector ``v``."""
    if not is_vector(v):
        raise TypeError("diag(v) takes a vector; use DiagSqrt or sympy.DiagonalMatrix for matrices")
    return sp.DiagMatrix(v)


def hadamard(*factors: sp.Basic) -> sp.Basic:
    """The entrywise (Hadamard) product."""
    return sp.HadamardProduct(*factors)


def ones(rows: Any, cols: Any = 1) -> sp.Basic:
    """The all-ones matrix (a vector by default)."""
    return sp.OneMatrix(rows, cols)


def derivative_of(f: Any) -> sp.Lambda:
    """The derivative of the function ``f`` of one variable, as a function:
    ``Lambda(_elt, Derivative(f(_elt), _elt))`` (``sigma'``, applied entrywise
    by :func:`elementwise`; a matrix algebra's ``derivatives`` name it), at a
    point that is no variable ``Subs(Derivative(f(x), x), x, p)`` (:class:`Slope`)."""
    return Slope(ELT, sp.Derivative(f(ELT), ELT))


def elementwise(f: Any, v: sp.Basic) -> sp.Basic:
    """``f`` applied to every entry of ``v`` (``sigma(h)``)."""
    return Elementwise(f, _matrix_arg("elementwise", v))


def expect(e: sp.Basic) -> sp.Basic:
    """``E[e]``: :class:`Expectation` for a matrix, the scalar operator
    :class:`symproofs.probability.space.E` for a scalar."""
    if is_matrix(e):
        return Expectation(e)
    from symproofs.probability.variables import E

    return E(e)


def grad(f: sp.Basic, v: sp.Basic) -> Grad:
    return Grad(f, v)


def jacobian(h: sp.Basic, x: sp.Basic) -> Jacobian:
    return Jacobian(h, x)
