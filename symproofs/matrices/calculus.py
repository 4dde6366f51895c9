"""Definitions, dependencies and derivatives of matrix expressions.

Givens of the form ``node = expression`` define a computational graph:
``node`` is a matrix symbol, a scalar symbol (a loss ``L``) or a term of a
sequence (``h_t``; a given with an ``index`` defines the whole family). A
gradient ``grad_v f`` or Jacobian ``dh/dv`` is the derivative of ``f`` with
``v`` free and every node that depends on ``v`` recomputed from it: the
total derivative backpropagation computes.

At symbolic dimension the derivative is taken by sympy's matrix calculus
after the nodes that depend on ``v`` are expanded; anything sympy's matrix
calculus does not model is refused (:class:`Unsupported`), never guessed.

>>> import sympy as sp
>>> from symproofs.core.model import Given
>>> from symproofs.matrices.linalg import grad, SqNorm
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> w, y = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("y", n, 1)
>>> L = sp.Symbol("L", real=True)
>>> defs = Definitions.from_givens((Given(name="loss", statement=sp.Eq(L, SqNorm(w - y))),))
>>> symbolic_derivative(grad(L, w), defs)
2*w - 2*y
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from symproofs.core.capture import apart
from symproofs.core.facts import Facts
from symproofs.core.model import Given
from symproofs.matrices.forms import canonical_function
from symproofs.matrices.linalg import Grad, Jacobian, Scalar, SeqTerm, SqNorm, is_matrix

__all__ = ["Definitions", "IllShaped", "Unsupported", "is_node", "symbolic_derivative"]


class Unsupported(Exception):
    """The expression uses something this checker does not model."""


class IllShaped(Unsupported):
    """The expression has no value at this shape (mismatched shapes, or an
    index outside the matrix)."""


def is_node(e: sp.Basic) -> bool:
    return isinstance(e, (sp.MatrixSymbol, SeqTerm)) or (isinstance(e, sp.Symbol) and not e.is_integer)


@dataclass
class Definitions:
    """The definitional givens of one goal, as a computational graph."""

    plain: dict[sp.Basic, sp.Basic] = field(default_factory=dict)
    families: dict[sp.Basic, list[tuple[Given, SeqTerm, sp.Basic, sp.Symbol]]] = field(default_factory=dict)
    rules: list[tuple[sp.Basic, sp.Basic]] = field(default_factory=list)
    boundary: frozenset[sp.Basic] = frozenset()
    facts: Facts | None = None
    constrained: set[sp.Basic] = field(default_factory=set)
    _looked_up: dict[sp.Basic, sp.Basic | None] = field(default_factory=dict, repr=False, compare=False)
    _looked_up_meta: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_givens(
        cls,
        givens: Iterable[Given],
        facts: Facts | None = None,
        *,
        boundary: Iterable[sp.Basic] = (),
        subs: Mapping[sp.Basic, Any] | None = None,
    ) -> Definitions:
        givens, boundary = tuple(givens), frozenset(boundary)
        if subs:  # only the symbols the givens mention matter (an unrolled network's time index does not)
            mentioned: set[sp.Basic] = set().union(*(g.statement.atoms(sp.Symbol) for g in givens), *(
                b.atoms(sp.Symbol) for b in boundary), *(  # atoms: the dimensions of matrix symbols too
                _symbols_of(end) for g in givens for end in (g.valid_from, g.valid_to)))
            subs = {k: v for k, v in subs.items() if k in mentioned}
        try:
            key: Any = (cls, givens, facts.constraints if facts is not None else None, boundary,
                        frozenset((subs or {}).items()))
            hash(key)
        except TypeError:
            return cls._build(givens, facts, boundary, subs)
        if key not in _BUILT:
            if len(_BUILT) > 256:
                _BUILT.clear()
            _BUILT[key] = cls._build(givens, facts, boundary, subs)
        return _BUILT[key]

    @classmethod
    def _build(
        cls,
        givens: tuple[Given, ...],
        facts: Facts | None,
        boundary: frozenset[sp.Basic],
        subs: Mapping[sp.Basic, Any] | None,
    ) -> Definitions:
        out = cls(boundary=boundary, facts=facts)
        for g in givens:
            st = g.statement
            if subs and isinstance(st, sp.Eq):  # each side alone: rebuilding the equation would evaluate it
                lhs, rhs = st.lhs.xreplace(dict(subs)), st.rhs.xreplace(dict(subs))
                if is_node(lhs) or isinstance(lhs, SeqTerm) or is_matrix(lhs):
                    st = sp.Eq(lhs, rhs, evaluate=False)
                else:
                    st = st.xreplace(dict(subs))
            elif subs:
                st = st.xreplace(dict(subs))
            if not isinstance(st, sp.Eq):
                out.constrained |= _mentioned(st)
                continue
            lhs, rhs = st.lhs, st.rhs
            if subs and (g.valid_from is not None or g.valid_to is not None):  # the range in the instance too
                g = replace(g, **{end: getattr(g, end).xreplace(dict(subs))
                                  for end in ("valid_from", "valid_to") if isinstance(getattr(g, end), sp.Basic)})
            if g.index is not None and isinstance(lhs, SeqTerm) and lhs.index.has(g.index):
                out.families.setdefault(lhs.label, []).append((g, lhs, rhs, g.index))
            elif g.index is None and is_node(lhs):
                out.plain.setdefault(lhs, rhs)
            else:
                out.rules.append((lhs, rhs))
                out.constrained |= _mentioned(st)
        return out

    def key(self) -> tuple[Any, ...]:
        """Everything the meaning of these definitions depends on, hashable
        (two goals with equal keys have the same definitions)."""
        if "key" not in self._looked_up_meta:
            self._looked_up_meta["key"] = self._key()
        return self._looked_up_meta["key"]  # type: ignore[no-any-return]

    def _key(self) -> tuple[Any, ...]:
        families = tuple(sorted(
            (str(label), tuple((lhs, rhs, k, g.valid_from, g.valid_to) for g, lhs, rhs, k in fams))
            for label, fams in self.families.items()
        ))
        facts = self.facts.constraints if self.facts is not None else None
        return (frozenset(self.plain.items()), families, tuple(self.rules), self.boundary, facts)

    # -- lookup ------------------------------------------------------------
    def lookup(self, node: sp.Basic) -> sp.Basic | None:
        """The defining expression of ``node``, or ``None`` for a leaf."""
        if node in self._looked_up:
            return self._looked_up[node]
        out = self._lookup(node)
        self._looked_up[node] = out
        return out

    def _lookup(self, node: sp.Basic) -> sp.Basic | None:
        if node in self.boundary:
            return None
        if node in self.plain:
            return self.plain[node]
        if not isinstance(node, SeqTerm):
            return None
        for g, lhs, rhs, k in self.families.get(node.label, ()):
            offset = sp.expand(lhs.index - k)
            if offset.has(k) or lhs.shape != node.shape:
                continue
            value = sp.expand(node.index - offset)
            if value.is_integer is not True:  # a family speaks of integer indices only
                continue
            if not g.covers(value, self._nonnegative):
                continue
            return apart(rhs, value.free_symbols).xreplace({k: value})  # its sums' indices apart from value's
        return None

    def _nonnegative(self, d: sp.Expr) -> bool | None:
        if d.is_Integer:
            return bool(d >= 0)
        return self.facts.nonnegative(d) if self.facts is not None else None

    # -- dependency structure ----------------------------------------------
    def _family_refs(self, label: sp.Basic) -> list[sp.Basic]:
        out: list[sp.Basic] = []
        for _, _, rhs, _ in self.families.get(label, ()):
            out.extend(x for x in sp.preorder_traversal(rhs) if is_node(x))
        return out

    def reach(self, label: sp.Basic) -> set[sp.Basic]:
        """Labels, matrix symbols and scalar symbols family ``label`` depends on."""
        seen: set[sp.Basic] = set()
        todo = [label]
        while todo:
            cur = todo.pop()
            refs = self._family_refs(cur) if cur in self.families else \
                [x for x in sp.preorder_traversal(self.plain.get(cur, sp.S.Zero)) if is_node(x)]
            for r in refs:
                key = r.label if isinstance(r, SeqTerm) else r
                if key not in seen:
                    seen.add(key)
                    todo.append(key)
        return seen

    def direction(self, label: sp.Basic) -> int | None:
        """+1 if the family refers to earlier terms of itself, -1 to later
        ones, 0 if not to itself, ``None`` if mixed."""
        offsets: list[sp.Expr] = []
        for _, lhs, rhs, _ in self.families.get(label, ()):
            for x in sp.preorder_traversal(rhs):
                if isinstance(x, SeqTerm) and x.label == label:
                    offsets.append(sp.expand(x.index - lhs.index))
        if not offsets:
            return 0
        if all(o.is_Integer and o < 0 for o in offsets):
            return 1
        if all(o.is_Integer and o > 0 for o in offsets):
            return -1
        return None

    def may_depend(self, node: sp.Basic, v: sp.Basic) -> bool | None:
        if node in self.plain:
            return True
        if not isinstance(node, SeqTerm):
            return False
        fam = node.label
        target = v.label if isinstance(v, SeqTerm) else v
        reach = self.reach(fam)
        if isinstance(v, SeqTerm) and v.label == fam:
            delta = sp.expand(node.index - v.index)
            way = self.direction(fam)
            if not delta.is_Integer or way is None:
                return None
            if way == 0:
                return False if fam not in reach else None
            return bool(delta * way > 0)
        if target not in reach:
            return False
        return True if fam not in reach else None

    def expand_for(self, e: sp.Basic, v: sp.Basic, depth: int = 0) -> sp.Basic:
        """``e`` with every node that may depend on ``v`` replaced by its
        definition (recursively); independent nodes stay."""
        if depth > 32:
            raise Unsupported("definitions nest too deeply")
        repl: dict[sp.Basic, sp.Basic] = {}
        for node in {x for x in sp.preorder_traversal(e) if is_node(x)}:
            if node == v:
                continue
            rhs = self.lookup(node)
            if rhs is None:
                continue
            dep = self.may_depend(node, v)
            if dep is None:
                raise Unsupported(f"cannot tell at symbolic index whether {node} depends on {v}")
            if dep:
                repl[node] = self.expand_for(rhs, v, depth + 1)
        return e.xreplace(repl) if repl else e


_BUILT: dict[Any, Definitions] = {}


def _symbols_of(end: Any) -> set[sp.Basic]:
    """The symbols of an end of an index range (``T`` in ``k <= T``)."""
    return set(end.free_symbols) if isinstance(end, sp.Basic) else set()


def _mentioned(st: sp.Basic) -> set[sp.Basic]:
    """The nodes and the unknown functions a statement constrains."""
    out: set[sp.Basic] = set()
    for x in sp.preorder_traversal(st):
        if is_node(x):
            out.add(x)
        elif isinstance(x, sp.core.function.AppliedUndef):
            out.add(x.func)
    return out


def undefined(f: sp.Basic, defs: Definitions) -> None:
    """Refuse the gradient of a bare symbol nothing defines (a loss that
    was never declared would otherwise look constant)."""
    if isinstance(f, sp.Symbol) and defs.lookup(f) is None:
        raise Unsupported(f"{f} is not defined: declare it with a given (or use ScalarFunction)")


def unfollowed(f: sp.Basic, v: sp.Basic, defs: Definitions) -> None:
    """Refuse a derivative of an expression that holds a name an equation
    among the givens defines in a form the definitions cannot write out
    (``J(k)`` of ``J_t = ||o_t - z_t||^2`` for every ``t``): taken for a
    constant, it would prove ``d(J + ||C s||^2)/ds = 2 C^T C s`` where ``J``
    sums such terms."""
    heads: set[sp.Basic] = set()
    for lhs, _ in defs.rules:
        if isinstance(lhs, sp.core.function.AppliedUndef):
            heads.add(lhs.func)
        elif is_node(lhs):
            heads.add(lhs)
    if not heads:
        return
    for x in sp.preorder_traversal(f):
        if (isinstance(x, sp.core.function.AppliedUndef) and x.func in heads) or (is_node(x) and x in heads):
            raise Unsupported(f"{x} is defined by a given the derivative does not write out: "
                              f"whether it depends on {v} is not known")


# -- symbolic derivatives ----------------------------------------------------------
_OPS = (sp.MatAdd, sp.MatMul, sp.Transpose, sp.Inverse, sp.DiagMatrix, ElementwiseApplyFunction)


def _freeze(e: sp.Basic, v: sp.Basic, var: sp.Basic, back: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """``e`` in terms sympy's matrix calculus understands: ``v`` becomes
    ``var``, subexpressions free of ``v`` become fresh constants."""
    if e == v:
        return var
    if not any(x == v for x in sp.preorder_traversal(e)):
        if isinstance(e, (sp.MatrixSymbol, sp.Identity, sp.ZeroMatrix, sp.OneMatrix)) or not e.free_symbols:
            return e
        if not is_matrix(e) and not any(isinstance(x, MatrixExpr) for x in sp.preorder_traversal(e)):
            return e
        k = len(back)
        tmp = sp.MatrixSymbol(f"_c{k}", *e.shape) if is_matrix(e) else sp.Symbol(f"_c{k}", real=True)
        back[tmp] = e
        return tmp
    if isinstance(e, sp.MatPow) and e.args[1].is_Integer:
        return sp.MatPow(_freeze(e.args[0], v, var, back), e.args[1])
    if isinstance(e, ElementwiseApplyFunction):
        return ElementwiseApplyFunction(e.function, _freeze(e.expr, v, var, back))
    if isinstance(e, _OPS):
        return e.func(*[_freeze(a, v, var, back) for a in e.args])
    raise Unsupported(f"no matrix calculus rule for {type(e).__name__} depending on {v}")


def _as_matrix(f: sp.Basic) -> sp.Basic:
    """A scalar built from ``Scalar``/``SqNorm`` as a ``1 x 1`` matrix expression."""
    if isinstance(f, Scalar):
        return f.args[0]
    if isinstance(f, SqNorm):
        v = f.args[0]
        return v.T * v if v.shape[1] == 1 else v * v.T
    if isinstance(f, sp.Add):
        return sp.MatAdd(*[_as_matrix(a) for a in f.args])
    if isinstance(f, sp.Mul):
        sc = [a for a in f.args if not _has_matrix(a)]
        mats = [_as_matrix(a) for a in f.args if _has_matrix(a)]
        return sp.MatMul(sp.Mul(*sc), *mats) if mats else sp.Mul(*sc) * sp.Identity(1)
    if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0:
        return sp.MatMul(*([_as_matrix(f.base)] * int(f.exp)))
    if not _has_matrix(f):
        return f * sp.Identity(1)
    raise Unsupported(f"no matrix form for {type(f).__name__}")


def _has_matrix(e: sp.Basic) -> bool:
    return any(isinstance(x, MatrixExpr) for x in sp.preorder_traversal(e))


_DERIVED: dict[Any, sp.Basic | Unsupported] = {}


def symbolic_derivative(
    obj: sp.Basic, defs: Definitions, derivatives: Mapping[Any, Any] | None = None
) -> sp.Basic:
    """The value of a :class:`Grad` or :class:`Jacobian` at symbolic
    dimension; raises :class:`Unsupported` when sympy cannot take it.
    Remembered for equal definitions (sympy's matrix calculus is slow)."""
    try:
        key: Any = (obj, defs.key(), tuple(sorted((derivatives or {}).items(), key=str)))
        hash(key)
    except TypeError:
        return _symbolic_derivative(obj, defs, derivatives)
    if key not in _DERIVED:
        if len(_DERIVED) > 512:
            _DERIVED.clear()
        try:
            _DERIVED[key] = _symbolic_derivative(obj, defs, derivatives)
        except Unsupported as exc:
            _DERIVED[key] = exc
    out = _DERIVED[key]
    if isinstance(out, Unsupported):
        raise Unsupported(*out.args)
    return out


def _symbolic_derivative(
    obj: sp.Basic, defs: Definitions, derivatives: Mapping[Any, Any] | None = None
) -> sp.Basic:
    f, v = obj.args
    if not isinstance(v, (sp.MatrixSymbol, SeqTerm)):
        raise Unsupported("derivatives are taken with respect to a matrix symbol or a sequence term")
    undefined(f, defs)
    f = defs.expand_for(f, v)
    unfollowed(f, v, defs)
    if not any(x == v for x in sp.preorder_traversal(f)):
        raise Unsupported(f"{f} does not depend on {v} at symbolic dimension")
    back: dict[sp.Basic, sp.Basic] = {}
    var = v if isinstance(v, sp.MatrixSymbol) else sp.MatrixSymbol("_v", *v.shape)
    try:
        if isinstance(obj, Grad):
            m = _freeze(_as_matrix(f), v, var, back)
            if v.shape[1] != 1:
                raise Unsupported("symbolic gradients with respect to a matrix are left to the instances")
            res = m.diff(var)
            shape = v.shape
        elif isinstance(obj, Jacobian):
            m = _freeze(f, v, var, back)
            res = sp.Transpose(m.diff(var)).doit()
            shape = (f.shape[0], v.shape[0])
        else:
            raise TypeError(obj)
    except RecursionError:
        raise Unsupported("sympy's matrix calculus recursed too deeply") from None
    if not is_matrix(res) or res.shape != shape:
        raise Unsupported("sympy's matrix calculus gave no matrix of the expected shape")
    back[var] = v
    res = res.xreplace(back).doit()
    res = res.replace(
        lambda x: isinstance(x, ElementwiseApplyFunction),
        lambda x: ElementwiseApplyFunction(canonical_function(x.function, derivatives), x.expr),
    )
    if any(isinstance(x, sp.Derivative) for x in sp.preorder_traversal(res)):
        raise Unsupported("a derivative of an undeclared function remains")
    return res
