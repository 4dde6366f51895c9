"""Norms of matrices whose entries may not be real.

Matrix symbols stand for real matrices. A norm is ``sqrt(sum_i |v_i|^2)``
(the conjugate, not ``v^T v``): the two agree on real entries only, and
every symbolic form of this package (``||v||^2 = v^T v``, ``||M||_F^2 =
tr(M^T M)``, the entrywise sums) is written for real entries. A norm of an
expression whose entries are not known to be real is therefore left
undecided: :func:`complex_norm` says why, and the step is neither proved nor
refuted; explicit values use :func:`sum_of_squares` (``|x|^2`` per entry).

Realness is decided conservatively, node by node (:func:`complex_scalar`):
a scalar factor or an explicit entry must be known to be real (under the
goal's facts, if given); an elementwise function must be real at every real
entry (or at every nonnegative one, for a matrix whose entries are known to
be nonnegative); an entrywise power needs an integer exponent, or a real
nonnegative one on nonnegative entries; a matrix power an integer exponent
(or a real nonnegative one of a diagonal matrix with nonnegative diagonal);
a matrix kind not listed here is not known to be real at all.

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> v = sp.MatrixSymbol("v", n, 1)
>>> sum_of_squares(sp.Matrix([[1, sp.I]]))
2
>>> a, b = sp.symbols("a b", real=True)
>>> sum_of_squares([-a - b, sp.I * a])
a**2 + (a + b)**2
>>> complex_scalar(2 * v) is None, complex_scalar(sp.I * v)
(True, I)
>>> complex_scalar(sp.HadamardPower(v, sp.Rational(1, 2)))
HadamardPower(v, 1/2)
>>> complex_scalar(sp.HadamardPower(sp.HadamardProduct(v, v), sp.Rational(1, 2))) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr
from sympy.matrices.expressions.slice import MatrixSlice

from symproofs.core.facts import Facts
from symproofs.core.goals import Goal
from symproofs.core.realentries import CLOSED, PLAIN, entries_as_reals
from symproofs.matrices.linalg import (
    DiagSqrt,
    Expectation,
    FrobeniusNorm,
    Grad,
    Jacobian,
    LargestEigenvalue,
    MatSum,
    Norm,
    SeqTerm,
    SqNorm,
)

__all__ = ["complex_norm", "complex_scalar", "nonnegative_entries", "norm_problem", "sum_of_squares"]

#: matrices whose entries are real by convention (matrix symbols are real matrices)
_PLAIN = (*PLAIN, SeqTerm)
#: matrices whose entries are real when their matrix and scalar arguments are
#: (a shape or a range, a ``Tuple``, is no value)
_CLOSED = (*CLOSED, MatrixSlice, Expectation, Grad, Jacobian, MatSum)


def sum_of_squares(m: Iterable[sp.Basic]) -> sp.Expr:
    """``sum |x|^2`` over the entries (``x^2`` for a real entry)."""
    return sp.Add(*[_squared_modulus(x) for x in m])


def _squared_modulus(x: sp.Basic) -> sp.Expr:
    """``|x|^2``: ``x^2`` when ``x`` is known to be real, written without the
    modulus. Exactly sympy's ``Abs(x)**2`` in value, without building
    ``Abs(x)`` first: for a large entry (a model's gradient, whose entries
    are long sums) ``Abs`` asks its sign, splits it into numerator and
    denominator and normalizes its signs, all to be squared away. The sign
    is still taken out (``(-a - b)^2`` as ``(a + b)^2``), as ``Abs`` does."""
    if isinstance(x, sp.Expr) and x.is_extended_real is True:
        return (-x if x.could_extract_minus_sign() else x) ** 2
    return sp.Abs(x) ** 2


def _is_matrix(x: sp.Basic) -> bool:
    return isinstance(x, (MatrixExpr, sp.MatrixBase))


def _known(x: sp.Basic, facts: Facts | None, question: str) -> bool:
    """Whether the scalar ``x`` is surely real (``question = "real"``) or
    real and nonnegative (``"nonnegative"``), the entries of real matrices
    taken as real numbers and the facts' bounds used."""
    if not isinstance(x, sp.Expr):
        return False
    y = entries_as_reals(x)
    if facts is not None:
        y = facts.reparametrize(y)
    if question == "real":
        return _real_where_defined(y)
    if getattr(y, "is_extended_nonnegative", None) is True:
        return True
    return facts is not None and isinstance(x, sp.Expr) and y.is_extended_real is True and facts.nonnegative(x) is True


def _real_where_defined(y: sp.Basic) -> bool:
    """Whether ``y`` is real wherever it has a value: sympy says so, or it
    is a sum, product or integer power of such (``gamma / ||u||`` with
    ``||u||`` possibly 0 has no value there, but no complex one), or a
    derivative of such in real variables (``sigma'(x)``)."""
    if getattr(y, "is_extended_real", None) is True:
        return True
    if isinstance(y, sp.Pow):
        return y.exp.is_integer is True and _real_where_defined(y.base)
    if isinstance(y, (sp.Add, sp.Mul)):
        return all(_real_where_defined(a) for a in y.args)
    if isinstance(y, sp.Derivative):  # a limit of real difference quotients, where it exists
        return all(getattr(x, "is_extended_real", None) is True for x in y.variables) and _real_where_defined(y.expr)
    return False


def _function_known(m: ElementwiseApplyFunction, facts: Facts | None, question: str, nonnegative: bool) -> bool:
    """Whether the elementwise function of ``m`` is real (nonnegative) at
    every real entry (every nonnegative one)."""
    x = sp.Dummy("x", nonnegative=True) if nonnegative else sp.Dummy("x", real=True)
    try:
        value = m.function(x)
    except (TypeError, ValueError):
        return False
    return _known(value, facts, question)


def _gram(m: sp.Basic) -> bool:
    """``B^T B`` or ``B B^T`` of a real ``B``: its diagonal entries are sums of squares."""
    if not isinstance(m, sp.MatMul) or len(m.args) != 2:
        return False
    a, b = m.args
    return (
        _is_matrix(a)
        and _is_matrix(b)
        and (a == sp.Transpose(b).doit() or b == sp.Transpose(a).doit())
        and complex_scalar(a) is None
    )


def nonnegative_entries(m: sp.Basic, facts: Facts | None = None) -> bool:
    """Whether every entry of the matrix ``m`` is surely a real number ``>= 0``."""
    if isinstance(m, (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)):
        return True
    if isinstance(m, sp.MatrixBase):
        return all(_known(x, facts, "nonnegative") for x in m)
    if isinstance(m, sp.HadamardProduct):
        args = list(m.args)
        if len(args) == 2 and args[0] == args[1] and complex_scalar(args[0], facts) is None:
            return True  # x o x
        return all(nonnegative_entries(a, facts) for a in args)
    if isinstance(m, sp.HadamardPower):
        base, e = m.args
        if e.is_integer and e.is_even and complex_scalar(base, facts) is None:
            return True
        return complex_scalar(m, facts) is None and nonnegative_entries(base, facts)
    if isinstance(m, ElementwiseApplyFunction):
        if complex_scalar(m.expr, facts) is None and _function_known(m, facts, "nonnegative", nonnegative=False):
            return True
        return nonnegative_entries(m.expr, facts) and _function_known(m, facts, "nonnegative", nonnegative=True)
    if isinstance(m, (sp.MatAdd, sp.MatMul, sp.Transpose, sp.DiagMatrix, sp.KroneckerProduct)):
        return all(nonnegative_entries(a, facts) if _is_matrix(a) else _known(a, facts, "nonnegative") for a in m.args)
    return False


def _nonnegative_diagonal(m: sp.Basic, facts: Facts | None) -> bool:
    """A diagonal matrix (by its form) whose diagonal entries are surely ``>= 0``."""
    if isinstance(m, sp.DiagMatrix):
        return nonnegative_entries(m.args[0], facts)
    if isinstance(m, (sp.DiagonalMatrix, DiagSqrt)):
        inner = m.args[0]
        return (_gram(inner) or nonnegative_entries(inner, facts)) and _obstacle(inner, facts) is None
    return isinstance(m, (sp.Identity, sp.ZeroMatrix))


def _real_power(base: sp.Basic, e: sp.Basic, facts: Facts | None) -> bool:
    """Whether an exponent ``e`` keeps the entries (or the matrix) real:
    an integer, or a real ``e >= 0`` (the caller checks the base)."""
    return bool(getattr(e, "is_integer", None)) or _known(e, facts, "nonnegative")


def _obstacle(m: sp.Basic, facts: Facts | None) -> sp.Basic | None:
    """The first part of the matrix ``m`` that keeps its entries from being
    known to be real: a scalar, an elementwise function, a power, or a
    matrix of a kind not known here; ``None`` when they are surely real."""
    if isinstance(m, _PLAIN):
        return None
    if isinstance(m, sp.MatrixBase):
        for x in m:
            found = _obstacle(x, facts) if _is_matrix(x) else (None if _known(x, facts, "real") else x)
            if found is not None:
                return found
        return None
    if isinstance(m, sp.MatPow):
        base, e = m.args
        if getattr(e, "is_integer", None) is True or (
            _real_power(base, e, facts) and _nonnegative_diagonal(base, facts)
        ):
            return _obstacle(base, facts)
        return m
    if isinstance(m, sp.HadamardPower):
        base, e = m.args
        if getattr(e, "is_integer", None) is True or (_real_power(base, e, facts) and nonnegative_entries(base, facts)):
            return _obstacle(base, facts)
        return m
    if isinstance(m, ElementwiseApplyFunction):
        inner = _obstacle(m.expr, facts)
        if inner is not None:
            return inner
        if _function_known(m, facts, "real", nonnegative=False):
            return None
        if nonnegative_entries(m.expr, facts) and _function_known(m, facts, "real", nonnegative=True):
            return None
        return m.function
    if isinstance(m, DiagSqrt):
        return None if _nonnegative_diagonal(m, facts) else m
    if isinstance(m, _CLOSED):
        for a in m.args:
            if isinstance(a, sp.Tuple):
                continue
            found = _obstacle(a, facts) if _is_matrix(a) else (None if _known(a, facts, "real") else a)
            if found is not None:
                return found
        return None
    return m


def complex_scalar(m: sp.Basic, facts: Facts | None = None) -> sp.Basic | None:
    """The first part of the matrix expression ``m`` (a scalar factor, an
    explicit entry, an elementwise function, an entrywise or matrix power,
    a matrix of an unknown kind) that keeps its entries from being known to
    be real, or ``None`` when every entry is surely real."""
    return _obstacle(m, facts)


def _why(part: sp.Basic) -> str:
    if isinstance(part, sp.Lambda) or isinstance(part, type):
        return f"the elementwise function {sp.sstr(part)}, not known to be real at every entry"
    if isinstance(part, sp.HadamardPower):
        return f"the entrywise power {sp.sstr(part)}, whose entries are not known to be real"
    if isinstance(part, sp.MatPow):
        return f"the matrix power {sp.sstr(part)}, whose entries are not known to be real"
    if _is_matrix(part):
        return f"{sp.sstr(part)}, whose entries are not known to be real"
    return f"{sp.sstr(part)}, which is not known to be real"


_NORMS = (SqNorm, Norm, FrobeniusNorm, LargestEigenvalue)


def complex_norm(exprs: Iterable[object], facts: Facts | None = None) -> str | None:
    """Why a norm (or a largest eigenvalue) in ``exprs`` is not decided: its
    argument's entries are not known to be real; else ``None``."""
    for e in exprs:
        if isinstance(e, tuple):  # a side written as several parts
            found = complex_norm(e, facts)
            if found is not None:
                return found
            continue
        if not isinstance(e, sp.Basic):
            continue
        for x in sp.preorder_traversal(e):
            if isinstance(x, _NORMS):
                z = complex_scalar(x.args[0], facts)
                if z is not None:
                    return (
                        f"the {'eigenvalue' if isinstance(x, LargestEigenvalue) else 'norm'} {sp.sstr(x)} holds "
                        f"{_why(z)}: matrices are real here (a norm takes |x|^2 of each entry, not x^2)"
                    )
    return None


def norm_problem(goal: Goal) -> str | None:
    """Why a step about norms is not decided: a norm (or a largest
    eigenvalue) in a side, a given or a lemma of ``goal`` whose argument's
    entries are not known to be real, or, with any norm there, a given that
    sets a matrix equal to such an expression (``w = i v``: the norm of
    ``w`` is then taken as if ``w`` were real); else ``None``."""
    ctx = goal.context
    exprs = (goal.lhs, goal.rhs, *(g.statement for g in ctx.givens), *(m.statement for m in ctx.lemmas))
    found = complex_norm(exprs, ctx.facts)
    if found is not None:
        return found
    parts = [p for e in exprs for p in (e if isinstance(e, tuple) else (e,)) if isinstance(p, sp.Basic)]
    if not any(p.has(*_NORMS) for p in parts):
        return None
    for g in ctx.givens:
        st = g.statement
        if not isinstance(st, sp.Eq):
            continue
        for side in st.args:
            z = complex_scalar(side, ctx.facts) if _is_matrix(side) else None
            if z is not None:
                return (
                    f"the given {g.name!r} sets a matrix equal to {sp.sstr(side)}, which holds {_why(z)}: "
                    "matrices are real here (a norm takes |x|^2 of each entry, not x^2)"
                )
    return None
