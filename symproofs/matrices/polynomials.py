"""A fast exact check of matrix identities at a concrete shape: every entry
as a polynomial in generators, with exact rational coefficients.

:func:`poly_equal` evaluates both sides with :class:`PolyExplicit` (leaves,
definitions, elementwise functions and their derivatives as generators) and
says ``True`` only when every entry of the difference is the zero
polynomial. It is tried before the sympy evaluation of
:mod:`symproofs.matrices.instances`, which decides what it cannot.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.matrices.calculus import Definitions, IllShaped, Unsupported, is_node, undefined
from symproofs.matrices.forms import canonical_function
from symproofs.matrices.instances import OpaqueCall, _entry_name
from symproofs.matrices.linalg import (
    Grad,
    Jacobian,
    MatSum,
    Scalar,
    SeqTerm,
    Sigmoid,
    SqNorm,
    is_matrix,
)

__all__ = ["Generators", "PolyExplicit", "clear_caches", "poly_equal"]

#: A monomial is one integer: the exponent of generator ``g`` in bits
#: ``g * _BITS .. (g + 1) * _BITS - 1``, so that multiplying monomials is adding
#: integers. Every exponent stays below ``2**(_BITS - 1)``: the top bit of each
#: field is a guard, checked after every product (two exponents below
#: ``2**(_BITS - 1)`` add up to less than ``2**_BITS``, so no carry reaches the
#: next field before the guard catches it).
_BITS = 64
_FIELD = (1 << _BITS) - 1
_MAX_POWER = 1 << 12
Mono = int
Poly = dict[Mono, Any]  # monomial -> nonzero int or Fraction
PMat = tuple[int, int, list[Poly]]  # rows, columns, entries row by row
_DECODED: dict[int, tuple[tuple[int, int], ...]] = {}
_guard = 0
_guarded = 0  # generators covered by _guard


def _gen(g: int, e: int = 1) -> Mono:
    global _guard, _guarded
    while g >= _guarded:
        _guard |= sum(1 << (h * _BITS + _BITS - 1) for h in range(_guarded, 2 * _guarded + 64))
        _guarded = 2 * _guarded + 64
    return e << (g * _BITS)


def _checked(m: Mono) -> Mono:
    if m & _guard:
        raise Unsupported("an exponent too large for the polynomial check")
    return m


def _decode(m: Mono) -> tuple[tuple[int, int], ...]:
    """The generators of a monomial with their exponents."""
    out = _DECODED.get(m)
    if out is None:
        parts: list[tuple[int, int]] = []
        rest = m
        while rest:
            g = (rest.bit_length() - 1) // _BITS
            e = (rest >> (g * _BITS)) & _FIELD
            parts.append((g, e))
            rest -= e << (g * _BITS)
        out = tuple(parts)
        if len(_DECODED) > 200_000:
            _DECODED.clear()
        _DECODED[m] = out
    return out


def _p_const(c: Any) -> Poly:
    return {0: c} if c else {}


def _p_add(p: Poly, q: Poly, scale: Any = 1) -> Poly:
    out = dict(p)
    _p_iadd(out, q, scale)
    return out


def _p_iadd(out: Poly, q: Poly, scale: Any = 1) -> None:
    """``out += scale * q``, in place."""
    for m, c in q.items():
        v = out.get(m, 0) + scale * c
        if v:
            out[m] = v
        else:
            out.pop(m, None)


def _p_iadd_mono(out: Poly, q: Poly, mono: Mono, scale: Any) -> None:
    """``out += scale * mono * q``, in place."""
    for m, c in q.items():
        key = mono + m
        if key & _guard:
            _checked(key)
        v = out.get(key, 0) + scale * c
        if v:
            out[key] = v
        else:
            out.pop(key, None)


def _p_mul(p: Poly, q: Poly) -> Poly:
    if len(p) > len(q):
        p, q = q, p
    out: Poly = {}
    get = out.get
    for ma, ca in p.items():
        for mb, cb in q.items():
            m = ma + mb
            if m & _guard:
                _checked(m)
            v = get(m, 0) + ca * cb
            if v:
                out[m] = v
            else:
                del out[m]
    return out


def _p_pow(p: Poly, k: int) -> Poly:
    if k > _MAX_POWER:
        raise Unsupported("a power too large to expand")
    out: Poly = {0: 1}
    for _ in range(k):
        out = _p_mul(out, p)
    return out


def _p_key(p: Poly) -> frozenset[tuple[Mono, Any]]:
    return frozenset(p.items())


class Generators:
    """The generators of the polynomials: leaf symbols, and applications
    ``f(args)`` of a function to polynomials, interned by the function and the
    exact polynomial of every argument. Two applications share a generator
    only when their arguments are equal polynomials (so their values are
    equal); a polynomial in the generators that is identically zero is zero
    whatever values the generators take."""

    def __init__(self, derivatives: Mapping[Any, Any]) -> None:
        self.derivatives = dict(derivatives)
        self.leaves: dict[Any, int] = {}
        self.apps: dict[tuple[Any, tuple[frozenset[tuple[Mono, Any]], ...]], int] = {}
        self.info: list[tuple[Any, tuple[Poly, ...]] | None] = []  # None for a leaf
        self.support: list[frozenset[int]] = []
        self._dgen: dict[tuple[int, int], Poly] = {}

    def leaf(self, key: Any) -> Poly:
        g = self.leaves.get(key)
        if g is None:
            g = self.leaves[key] = len(self.info)
            self.info.append(None)
            self.support.append(frozenset({g}))
        return {_gen(g): 1}

    def apply(self, func: Any, args: tuple[Poly, ...]) -> Poly:
        key = (func, tuple(_p_key(a) for a in args))
        g = self.apps.get(key)
        if g is None:
            g = self.apps[key] = len(self.info)
            self.info.append((func, args))
            sup: frozenset[int] = frozenset()
            for a in args:
                for m in a:
                    for h, _ in _decode(m):
                        sup |= self.support[h]
            self.support.append(sup)
        return {_gen(g): 1}

    def diff(self, p: Poly, x: int) -> Poly:
        """The exact partial derivative in the leaf ``x`` (chain rule through
        every application)."""
        out: Poly = {}
        for m, c in p.items():
            for g, e in _decode(m):
                if x not in self.support[g]:
                    continue
                dg = self.dgen(g, x)
                if dg:
                    _p_iadd_mono(out, dg, m - _gen(g), c * e)
        return out

    def dgen(self, g: int, x: int) -> Poly:
        if g == x:
            return {0: 1}
        key = (g, x)
        if key in self._dgen:
            return self._dgen[key]
        info = self.info[g]
        if info is None:
            return {}
        func, args = info
        if len(args) != 1:
            raise Unsupported("the derivative of a function of several arguments")
        (arg,) = args
        inner = self.diff(arg, x)
        if not inner:
            out: Poly = {}
        elif func is Sigmoid:
            me: Poly = {_gen(g): 1}
            out = _p_mul(_p_mul(me, _p_add(_p_const(1), me, -1)), inner)
        elif func in self.derivatives:
            df = self.derivatives[func]
            if not isinstance(df, sp.FunctionClass):
                raise Unsupported("a declared derivative that is not a function symbol")
            out = _p_mul(self.apply(df, (arg,)), inner)
        else:
            raise Unsupported(f"no declared derivative of {func}")
        self._dgen[key] = out
        return out

    def subs(self, p: Poly, repl: Mapping[int, Poly], memo: dict[int, Poly]) -> Poly:
        """``p`` with the leaves in ``repl`` replaced (inside applications too)."""
        keys = frozenset(repl)
        out: Poly = {}
        for m, c in p.items():
            kept = m
            term: Poly | None = None
            for g, e in _decode(m):
                if not (self.support[g] & keys):
                    continue
                kept -= _gen(g, e)
                if g not in memo:
                    info = self.info[g]
                    if info is None:
                        memo[g] = repl[g]
                    else:
                        memo[g] = self.apply(info[0], tuple(self.subs(a, repl, memo) for a in info[1]))
                power = memo[g] if e == 1 else _p_pow(memo[g], e)
                term = power if term is None else _p_mul(term, power)
            if term is None:
                v = out.get(m, 0) + c
                if v:
                    out[m] = v
                else:
                    out.pop(m, None)
            else:
                _p_iadd_mono(out, term, kept, c)
        return out


def _number(e: sp.Basic) -> Any:
    if e.is_Integer:
        return int(e)
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    raise Unsupported(f"no exact polynomial for the number {e}")


class PolyExplicit:
    """The values of both sides at one concrete shape as matrices of exact
    polynomials, for steps built from matrix products, sums, transposes,
    elementwise and diagonal matrices, activations, sums over an index,
    gradients and Jacobians (no masks, random matrices, inverses or norms:
    those raise :class:`Unsupported` and are left to :class:`Explicit`)."""

    def __init__(self, defs: Definitions, derivatives: Mapping[Any, Any] | None = None) -> None:
        self.defs = defs
        self.derivatives = dict(derivatives or {})
        self.gens = Generators(self.derivatives)
        self.rules = dict(defs.rules)
        self._memo: dict[tuple[sp.Basic, Any], Any] = {}
        self._fresh = 0
        self._leaves: dict[sp.Basic, PMat] = {}
        self._bodies: dict[sp.Basic, sp.Basic] = {}
        self._functions: dict[sp.Basic, sp.Lambda] = {}
        self._owner: dict[int, sp.Basic] = {}
        self._shared: set[int] = set()

    # the override ``ov`` is a tuple of (node, value) pairs whose values are
    # matrices of fresh leaves, identified by ``id`` of the tuple's token
    def value(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...] = ()) -> Any:
        return self.mat(e, ov) if is_matrix(e) else self.scal(e, ov, {})

    def _leafmat(self, node: sp.Basic) -> PMat:
        if node not in self._leaves:
            self._leaves[node] = self._new_leafmat(node)
        return self._leaves[node]

    def _new_leafmat(self, node: sp.Basic) -> PMat:
        rows, cols = node.shape
        if not (isinstance(rows, (int, sp.Integer)) and isinstance(cols, (int, sp.Integer))):
            raise Unsupported(f"{node} has no concrete shape")
        r, c = int(rows), int(cols)
        ents = [self.gens.leaf(_entry_name(node, i, j, r, c)) for i in range(r) for j in range(c)]
        for x in ents:  # entries named alike by two nodes share a generator: never a leaf of one alone
            g = _decode(next(iter(x)))[0][0]
            if self._owner.setdefault(g, node) != node:
                self._shared.add(g)
        return r, c, ents

    def _node(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...]) -> Any:
        for node, given, _ in ov:
            if node == e:
                return given
        key = (e, tuple(tok for _, _, tok in ov))
        if key in self._memo:
            return self._memo[key]
        rhs = self.defs.lookup(e)
        val: Any
        if rhs is None:
            val = self._leafmat(e) if is_matrix(e) else self.gens.leaf(e)
        else:
            val = self.value(rhs, ov)
        self._memo[key] = val
        return val

    def mat(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...]) -> PMat:
        e = self.rules.get(e, e)
        m = self.mat
        if isinstance(e, (sp.MatrixSymbol, SeqTerm)):
            node = self._node(e, ov)
            if not isinstance(node, tuple):
                raise Unsupported("a matrix node with a scalar value")
            return node
        if isinstance(e, sp.MatAdd):
            parts = [m(a, ov) for a in e.args]
            r, c, acc = parts[0]
            acc = list(acc)
            for pr, pc, ents in parts[1:]:
                if (pr, pc) != (r, c):
                    raise IllShaped("a sum of matrices of different shapes")
                acc = [_p_add(x, y) for x, y in zip(acc, ents, strict=True)]
            return r, c, acc
        if isinstance(e, sp.MatMul):
            coeff: Poly = {0: 1}
            for a in e.args:
                if not is_matrix(a):
                    coeff = _p_mul(coeff, self.scal(a, ov, {}))
            mats = [m(a, ov) for a in e.args if is_matrix(a)]
            out = mats[0]
            for nxt in mats[1:]:
                out = _matmul(out, nxt)
            if coeff != {0: 1}:
                out = (out[0], out[1], [_p_mul(coeff, x) for x in out[2]])
            return out
        if isinstance(e, sp.Transpose):
            r, c, ents = m(e.arg, ov)
            return c, r, [ents[i * c + j] for j in range(c) for i in range(r)]
        if isinstance(e, sp.HadamardProduct):
            parts = [m(a, ov) for a in e.args]
            r, c, acc = parts[0]
            for pr, pc, ents in parts[1:]:
                if (pr, pc) != (r, c):
                    raise IllShaped("an elementwise product of matrices of different shapes")
                acc = [_p_mul(x, y) for x, y in zip(acc, ents, strict=True)]
            return r, c, acc
        if isinstance(e, (sp.Identity, sp.ZeroMatrix, sp.OneMatrix)):
            if not all(s.is_Integer for s in e.shape):
                raise Unsupported("a constant matrix without a concrete shape")
            r, c = (int(s) for s in e.shape)
            one: Poly = {0: 1}
            if isinstance(e, sp.Identity):
                return r, c, [dict(one) if i == j else {} for i in range(r) for j in range(c)]
            return r, c, [dict(one) if isinstance(e, sp.OneMatrix) else {} for _ in range(r * c)]
        if isinstance(e, sp.DiagMatrix):
            r, c, ents = m(e.args[0], ov)
            if 1 not in (r, c):
                raise IllShaped("diag of a matrix that is not a vector")
            k = len(ents)
            return k, k, [dict(ents[i]) if i == j else {} for i in range(k) for j in range(k)]
        if isinstance(e, ElementwiseApplyFunction):
            if e.function not in self._functions:
                self._functions[e.function] = canonical_function(e.function, self.derivatives)
            fn = self._functions[e.function]
            r, c, ents = m(e.expr, ov)
            return r, c, [self.scal(fn.expr, ov, {fn.variables[0]: x}) for x in ents]
        if isinstance(e, (Grad, Jacobian)):
            return self._derivative(e, ov)
        if isinstance(e, MatSum):
            body, (k, lo, hi) = e.args
            if not (lo.is_Integer and hi.is_Integer):
                raise Unsupported("a matrix sum with symbolic bounds")
            if not all(s.is_Integer for s in body.shape):
                raise Unsupported("a matrix sum without a concrete shape")
            r, c = (int(s) for s in body.shape)
            if e not in self._bodies:
                self._bodies[e] = sp.Tuple(*[body.xreplace({k: i}) for i in range(int(lo), int(hi) + 1)])
            acc = [{} for _ in range(r * c)]
            for term in self._bodies[e]:
                _, _, ents = m(term, ov)
                for x, y in zip(acc, ents, strict=True):
                    _p_iadd(x, y)
            return r, c, acc
        raise Unsupported(f"no polynomial value for {type(e).__name__}")

    def scal(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...], env: Mapping[sp.Basic, Poly]) -> Poly:
        e = self.rules.get(e, e)
        if e in env:
            return env[e]
        if e.is_Number:
            return _p_const(_number(e))
        if isinstance(e, sp.Symbol):
            return self._node(e, ov) if is_node(e) else self.gens.leaf(e)
        if isinstance(e, sp.Add):
            out: Poly = {}
            for a in e.args:
                _p_iadd(out, self.scal(a, ov, env))
            return out
        if isinstance(e, sp.Mul):
            out = {0: 1}
            for a in e.args:
                out = _p_mul(out, self.scal(a, ov, env))
            return out
        if isinstance(e, sp.Pow):
            if not (e.exp.is_Integer and e.exp >= 0):
                raise Unsupported("a power that is not a polynomial")
            return _p_pow(self.scal(e.base, ov, env), int(e.exp))
        if isinstance(e, Scalar):
            r, c, ents = self.mat(e.args[0], ov)
            if (r, c) != (1, 1):
                raise IllShaped("the scalar of a matrix that is not 1 x 1")
            return ents[0]
        if isinstance(e, SqNorm):
            out = {}
            for x in self.mat(e.args[0], ov)[2]:
                _p_iadd(out, _p_mul(x, x))
            return out
        if isinstance(e, MatrixElement):
            i, j = e.args[1:]
            if not (i.is_Integer and j.is_Integer):
                raise Unsupported("a matrix entry with a symbolic index")
            r, c, ents = self.mat(e.args[0], ov)
            if not (0 <= int(i) < r and 0 <= int(j) < c):
                raise IllShaped(f"index out of range: entry ({i}, {j}) of a {r} x {c} matrix")
            return ents[int(i) * c + int(j)]
        if isinstance(e, sp.Sum):
            if e not in self._bodies:
                body = e.function
                for k, lo, hi in reversed(e.limits):
                    if not (lo.is_Integer and hi.is_Integer):
                        raise Unsupported("a sum with symbolic bounds")
                    body = sp.Add(*[body.xreplace({k: i}) for i in range(int(lo), int(hi) + 1)])
                self._bodies[e] = body
            return self.scal(self._bodies[e], ov, env)
        if isinstance(e, Sigmoid) or (isinstance(e, AppliedUndef) and not isinstance(e, OpaqueCall)):
            return self.gens.apply(e.func, tuple(self.scal(a, ov, env) for a in e.args))
        raise Unsupported(f"no polynomial value for {type(e).__name__}")

    def _derivative(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...]) -> PMat:
        key = (e, tuple(tok for _, _, tok in ov))
        if key not in self._memo:
            self._memo[key] = self._new_derivative(e, ov)
        return self._memo[key]  # type: ignore[no-any-return]

    def _new_derivative(self, e: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...]) -> PMat:
        f, v = e.args
        if not isinstance(v, (sp.MatrixSymbol, SeqTerm)):
            raise Unsupported("derivatives are taken with respect to a matrix symbol or a sequence term")
        undefined(f, self.defs)
        r, c, at = self.mat(v, ov)
        own = self._own_leaves(v, ov, at)
        if own is not None:
            # ``v`` is a leaf: its entries are independent generators that reach
            # ``f`` only through ``v`` (checked after ``f`` is valued), so the
            # derivative is taken in them directly.
            fv = self.value(f, ov)
            if not set(own) & self._shared:
                return self._partials(e, fv, own, r, c)
        self._fresh += 1
        tok = self._fresh
        var = [self.gens.leaf(("_v", tok, i)) for i in range(r * c)]
        ids = [_decode(next(iter(x)))[0][0] for x in var]
        fv = self.value(f, ((*ov, (v, (r, c, var), tok))))
        rows, cols, raw = self._partials(e, fv, ids, r, c)
        repl = dict(zip(ids, at, strict=True))
        memo: dict[int, Poly] = {}
        return rows, cols, [self.gens.subs(p, repl, memo) for p in raw]

    def _partials(self, e: sp.Basic, fv: Any, ids: list[int], r: int, c: int) -> PMat:
        if isinstance(e, Grad):
            if isinstance(fv, tuple):
                raise Unsupported("the gradient of a matrix")
            return r, c, [self.gens.diff(fv, x) for x in ids]
        if not isinstance(fv, tuple) or fv[1] != 1 or c != 1:
            raise Unsupported("a Jacobian of a matrix that is not a column vector")
        return fv[0], r, [self.gens.diff(fv[2][i], x) for i in range(fv[0]) for x in ids]

    def _own_leaves(self, v: sp.Basic, ov: tuple[tuple[sp.Basic, PMat, int], ...], at: list[Poly]) -> list[int] | None:
        """The generators of the entries of ``v`` when ``v`` is a leaf
        (not defined, not rewritten, not overridden), else ``None``."""
        if v in self.rules or any(node == v for node, _, _ in ov) or self.defs.lookup(v) is not None:
            return None
        if v not in self._leaves or self._leaves[v][2] is not at:
            return None
        out: list[int] = []
        for x in at:
            (m, coeff), = x.items()
            parts = _decode(m)
            if coeff != 1 or len(parts) != 1 or parts[0][1] != 1 or self.gens.info[parts[0][0]] is not None:
                return None
            out.append(parts[0][0])
        return out


def _matmul(a: PMat, b: PMat) -> PMat:
    ar, ac, ae = a
    br, bc, be = b
    if ac != br:
        raise IllShaped("a product of misaligned matrices")
    out: list[Poly] = []
    for i in range(ar):
        for j in range(bc):
            acc: Poly = {}
            for k in range(ac):
                x, y = ae[i * ac + k], be[k * bc + j]
                if x and y:
                    _p_iadd(acc, _p_mul(x, y))
            out.append(acc)
    return ar, bc, out


_EVALUATORS: dict[Any, PolyExplicit] = {}


def clear_caches() -> None:
    """Forget every remembered evaluation (definitions, symbolic gradients,
    polynomial evaluators): for benchmarks that time a cold check."""
    from symproofs.matrices.calculus import _BUILT, _DERIVED

    _EVALUATORS.clear()
    _DECODED.clear()
    _BUILT.clear()
    _DERIVED.clear()


def _evaluator(defs: Definitions, derivatives: Mapping[Any, Any]) -> PolyExplicit:
    """One evaluator per set of definitions (the time indices of an unrolled
    network share it, and with it every node and gradient already valued)."""
    key = (defs.key(), tuple(derivatives.items()))
    ev = _EVALUATORS.get(key)
    if ev is None:
        if len(_EVALUATORS) >= 16:
            _EVALUATORS.clear()
        ev = _EVALUATORS[key] = PolyExplicit(defs, derivatives)
    return ev


def poly_equal(defs: Definitions, derivatives: Mapping[Any, Any], lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether ``lhs = rhs`` holds at this concrete shape, shown by exact
    polynomial arithmetic (:class:`PolyExplicit`): ``True`` only when every
    entry of the difference is the zero polynomial; ``False`` when that is
    not shown (or the expressions are outside what it models)."""
    try:
        ev = _evaluator(defs, derivatives)
    except TypeError:  # something unhashable in the definitions
        ev = PolyExplicit(defs, derivatives)
    try:
        a, b = ev.value(lhs), ev.value(rhs)
    except (Unsupported, TypeError, ValueError, NotImplementedError, ZeroDivisionError, IndexError):
        return False
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if not isinstance(a, tuple):
        return not _p_add(a, b, -1)
    if a[:2] != b[:2]:
        return False
    return all(not _p_add(x, y, -1) for x, y in zip(a[2], b[2], strict=True))


def entry_degree(defs: Definitions, derivatives: Mapping[Any, Any], lhs: sp.Basic, rhs: sp.Basic) -> int | None:
    """The largest total degree, in the entries of the matrices, of an entry
    of either side at this concrete shape (scalars such as ``lambda`` count
    as coefficients); ``None`` when a side is not a polynomial in the entries
    (a function of entries, an inverse, a norm) or is outside what
    :class:`PolyExplicit` models."""
    ev = _evaluator(defs, derivatives)
    try:
        values = [ev.value(lhs), ev.value(rhs)]
    except (Unsupported, TypeError, ValueError, NotImplementedError, ZeroDivisionError, IndexError):
        return None
    entries = {g for key, g in ev.gens.leaves.items() if isinstance(key, str)}
    best = 0
    for v in values:
        for p in (v[2] if isinstance(v, tuple) else [v]):
            for m in p:
                deg = 0
                for g, e in _decode(m):
                    if g in entries:
                        deg += e
                    elif ev.gens.info[g] is not None and ev.gens.support[g] & entries:
                        return None  # a function of entries: not a polynomial in them
                best = max(best, deg)
    return best
