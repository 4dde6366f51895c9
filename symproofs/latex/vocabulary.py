r"""The functions, operators and constants the LaTeX parser knows, and the few
sympy objects it builds that sympy itself lacks.

``FUNCS`` maps a LaTeX name (``\sin``, ``\operatorname{sgn}``) to the sympy
function it denotes; ``INVERSES`` gives the function ``\sin^{-1}`` denotes
(arcsin, not a reciprocal); ``OPERATORS`` are the probability operators.
Every name here is also in :data:`symproofs.latex.tokens.WORDS`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

import sympy as sp

from symproofs.probability.variables import Cov, E, Var

__all__ = ["CONSTANTS", "FUNCS", "INVERSES", "NORM", "OPERATORS", "IndexedMax", "IndexedMin", "fold",
           "negated", "scalar_factors", "scalars_of_products", "times"]


def _trace(x: sp.Basic) -> sp.Basic:
    if isinstance(x, sp.ImmutableMatrix):  # written out: its trace
        return x.trace()
    return sp.Trace(x) if isinstance(x, sp.MatrixExpr) else _scalar(x, "trace")


def _scalar(x: sp.Basic, what: str) -> sp.Basic:
    """The trace or determinant of a scalar (a 1 x 1 matrix) is itself; of a
    scalar with names (``\\det(A - \\lambda I)``, ``A`` undeclared) the names
    are matrices whose shapes nobody declared: not read."""
    if isinstance(x, sp.Expr) and x.free_symbols:
        raise ValueError(f"the {what} of {sp.sstr(x)}, whose matrices have no declared shape")
    return x


def _det(x: sp.Basic) -> sp.Basic:
    if isinstance(x, sp.ImmutableMatrix) and x.rows == x.cols:
        return sp.expand(x.det())
    return sp.Determinant(x) if isinstance(x, sp.MatrixExpr) else _scalar(x, "determinant")


CONSTANTS: dict[str, sp.Basic] = {"pi": sp.pi, "infty": sp.oo}
FUNCS: dict[str, Callable[..., sp.Basic]] = {
    "exp": sp.exp, "log": sp.log, "ln": sp.log, "lg": lambda x: sp.log(x, 10),
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "sec": sp.sec, "csc": sp.csc, "cot": sp.cot,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "coth": sp.coth, "sech": sp.sech, "csch": sp.csch,
    "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan,
    "arcsinh": sp.asinh, "arccosh": sp.acosh, "arctanh": sp.atanh,
    "arsinh": sp.asinh, "arcosh": sp.acosh, "artanh": sp.atanh,
    "sgn": sp.sign, "sign": sp.sign, "max": sp.Max, "min": sp.Min,
    "tr": _trace, "Tr": _trace, "det": _det,
}
#: ``\sin^{-1} x`` is arcsin x (a TA's reading), likewise for every function here.
INVERSES: dict[str, Callable[..., sp.Basic]] = {
    "sin": sp.asin, "cos": sp.acos, "tan": sp.atan, "sec": sp.asec, "csc": sp.acsc,
    "cot": sp.acot, "sinh": sp.asinh, "cosh": sp.acosh, "tanh": sp.atanh, "coth": sp.acoth,
    "exp": sp.log,
}
#: Probability operators and their arity (``P``/``Pr`` are read by the parser).
OPERATORS: dict[str, tuple[Any, int]] = {"E": (E, 1), "Var": (Var, 1), "Cov": (Cov, 2)}
NORM = sp.Function("norm", real=True)


class IndexedMax(sp.Function):  # type: ignore[misc]
    r"""``\max_i x_i``: the maximum of ``args[0]`` over the integer index
    ``args[1]`` (range unstated). Unevaluated: no rule of the verifier knows it."""

    nargs = 2
    is_real = True


class IndexedMin(sp.Function):  # type: ignore[misc]
    r"""``\min_i x_i``, as :class:`IndexedMax`."""

    nargs = 2
    is_real = True


def scalars_of_products(terms: list[sp.Basic]) -> list[sp.Basic]:
    """``u^\\top x + \\beta``: a ``1 x 1`` product added to scalars is the
    scalar it stands for (a sum of matrices and scalars is otherwise refused)."""
    if len(terms) < 2 or all(isinstance(t, sp.MatrixExpr) for t in terms) \
            or not any(isinstance(t, sp.MatrixExpr) for t in terms):
        return terms
    if not all(t.shape == (1, 1) for t in terms if isinstance(t, sp.MatrixExpr)):
        return terms
    from symproofs.matrices.linalg import Scalar

    return [Scalar(t) if isinstance(t, sp.MatrixExpr) else t for t in terms]


def scalar_factors(factors: list[sp.Basic]) -> list[sp.Basic]:
    r"""``\frac{u^\top x}{\|u\|^2} u``, ``x^\top u \, u``: a run of factors
    whose product is ``1 x 1`` and whose shape does not fit the matrix after
    it (or a ``1 x 1`` factor that does not fit the one before) is the scalar
    it stands for, as a TA reads it; a product whose shapes fit is left as it
    is (``u u^\top u`` is a vector), and so is one no such reading fits."""
    mats = [k for k, f in enumerate(factors) if isinstance(f, sp.MatrixExpr)]
    runs: list[list[int]] = []
    scalar: set[int] = set()  # the runs read as scalars
    cur, shape = -1, None  # the run the next matrix may extend, and the shape of its product
    for k in mats:
        m = factors[k].shape
        if shape is not None and shape[1] == m[0]:
            runs[cur].append(k)
            shape = (shape[0], m[1])
        elif shape is None or shape == (1, 1):
            if shape is not None:
                scalar.add(cur)
            runs.append([k])
            cur, shape = len(runs) - 1, m
        elif m == (1, 1):  # u^T (x^T u): the 1 x 1 factor alone, the run before it goes on
            scalar.add(len(runs))
            runs.append([k])
        else:
            return factors
    if not scalar:
        return factors
    from symproofs.matrices.linalg import Scalar

    out = list(factors)
    for r in scalar:
        run = runs[r]
        product = reduce(operator.mul, [factors[k] for k in run])
        coeff, matrices = product.as_coeff_matrices() if isinstance(product, sp.MatMul) else (1, [product])
        out[run[0]] = coeff * Scalar(sp.MatMul(*matrices) if len(matrices) > 1 else matrices[0])
        for k in run[1:]:
            out[k] = sp.S.One
    return [f for f in out if f is not sp.S.One] or [sp.S.One]


def fold(items: list[sp.Basic], build: Callable[..., sp.Basic], op: Callable[..., sp.Basic]
         ) -> sp.Basic:
    r"""``items`` combined: by ``op`` when one is a matrix, else by ``build``
    (a product's ``1 x 1`` runs beside vectors read as scalars first). Where
    an item holds a sum or product (``(\sum_{k=4}^{n} k) x``), the matrix
    expression is built unevaluated: sympy's ``MatMul(...).doit()`` would
    close the sum with Karr's convention (``n^2/2 + n/2 - 6``, -5 at
    ``n = 1`` where the range is empty), and the verifier reads it with the
    empty-range convention (:mod:`symproofs.verifier.sums`)."""
    if len(items) == 1:
        return items[0]
    if build is sp.Mul:
        items = scalar_factors(items)
        if len(items) == 1:
            return items[0]
    if any(isinstance(v, sp.MatrixExpr) for v in items):
        built = reduce(op, items)  # (shapes checked, and sympy's canonical form)
        if not any(v.has(sp.Sum, sp.Product) for v in items) or not isinstance(built, sp.MatrixExpr):
            return built
        if build is sp.Mul:  # (flat, the numbers first, as sympy writes them)
            flat = [a for v in items for a in (v.args if isinstance(v, sp.MatMul) else (v,))]
            return sp.MatMul(*(v for v in flat if not isinstance(v, sp.MatrixExpr)),
                             *(v for v in flat if isinstance(v, sp.MatrixExpr)))
        return sp.MatAdd(*items) if all(isinstance(v, sp.MatrixExpr) for v in items) else built
    return build(*items)


def times(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """``a b``, as :func:`fold` builds a product."""
    return fold([a, b], sp.Mul, operator.mul)


def negated(e: sp.Basic) -> sp.Basic:
    """``-e``, as :func:`fold` builds a product."""
    return fold([sp.S.NegativeOne, e], sp.Mul, operator.mul) if isinstance(e, sp.MatrixExpr) else -e
