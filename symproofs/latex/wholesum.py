r"""A sum a student writes that is the definition of a number the notation
defines through members: ``\sum_k L_k`` where the question defines
``L = \sum_{t=1}^{T} L_t``.

A TA reads ``\frac{\partial}{\partial h_t} \sum_k L_k`` as
``\frac{\partial L}{\partial h_t}``: the sum over every step of the family the
definition sums is the defined number, whatever its index is called. The
reader reads a derivative of ``L`` (:mod:`symproofs.latex.dependence`), and
where a derivative of the sum cannot be written out it reads the derivative of
the number the sum is (:func:`folded`).

A sum matches a definition when its summand is the definition's, up to the
name of the index, and each bound is the definition's or is not written (the
reader's ``k_lo`` / ``k_hi``: the whole range). A sum with another bound
(``\sum_{k \ge t} L_k``) is a part of the number, not the number, and stays.

>>> t, k, T = (sp.Symbol(n, integer=True) for n in "tkT")
>>> L = sp.Function("L")
>>> d = Defined(name="loss", symbol="L", rhs=sp.Sum(L(t), (t, 1, T)))
>>> lo, hi = sp.Symbol("k_lo", integer=True), sp.Symbol("k_hi", integer=True)
>>> folded(2 * sp.Sum(L(k), (k, lo, hi)), (d,), sp.Symbol)
2*L
>>> folded(sp.Sum(L(k), (k, t, hi)), (d,), sp.Symbol)
Sum(L(k), (k, t, k_hi))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sympy as sp

from symproofs.latex.declarations import Notation
from symproofs.latex.dependence import NotWritten, Parts, Written, defined_names, written_out
from symproofs.latex.recurrences import Defined
from symproofs.latex.tailsum import tail_folded

__all__ = ["folded", "written_or_folded"]


def _unwritten(bound: sp.Basic, index: sp.Symbol, end: str) -> bool:
    """The bound the reader puts where a sum writes none (``k_lo``, ``k_hi``)."""
    return isinstance(bound, sp.Symbol) and bound.name == f"{index.name}_{end}"


def _is_definition(s: sp.Sum, rhs: sp.Basic) -> bool:
    """Whether the sum ``s`` is ``rhs``, a sum over one index, up to its index's
    name and the bounds it does not write."""
    if not isinstance(rhs, sp.Sum) or len(s.limits) != 1 or len(rhs.limits) != 1 or rhs.function.is_Matrix:
        return False
    (k, lo, hi), (t, low, high) = s.limits[0], rhs.limits[0]
    if k.name != t.name and t.name in {str(x) for x in s.function.free_symbols}:  # the definition's index free
        return False
    if _plain(s.function.xreplace({k: t})) != _plain(rhs.function):
        return False
    return (_plain(lo) == _plain(low) or _unwritten(lo, k, "lo")) and (
        _plain(hi) == _plain(high) or _unwritten(hi, k, "hi")
    )


def _plain(e: sp.Basic) -> sp.Basic:
    """``e`` with its names bare: a name a student writes is the notation's whatever the reader assumed of
    it where it read it (``T`` real in a derivative, an integer in the definition)."""
    return e.xreplace({x: sp.Symbol(x.name) for x in e.free_symbols if isinstance(x, sp.Symbol)})


def folded(f: sp.Basic, defined: Sequence[Defined], symbol: Callable[[str], sp.Symbol]) -> sp.Basic:
    """``f`` with every sum that is a defined number's definition (see the
    module) replaced by the number (``symbol``: the reader's symbol of a
    name); ``f`` itself when none is."""
    swap: dict[sp.Basic, sp.Basic] = {}
    for s in f.atoms(sp.Sum):
        for d in defined:
            if _is_definition(s, d.rhs):
                swap[s] = symbol(d.symbol)
                break
    return f.xreplace(swap) if swap else f


def written_or_folded(f: sp.Basic, variables: Sequence[sp.Basic], notation: Notation,
                      members: Mapping[sp.Basic, Parts], symbol: Callable[[str], sp.Symbol]) -> Written:
    """:func:`~symproofs.latex.dependence.written_out` of ``f``; where that raises, of ``f``
    with each sum that is a defined number's definition read as the number (:func:`folded`);
    else a part of such a sum by a member of a one-way recurrence, read as the number where the
    terms it leaves out hold no such member (:mod:`symproofs.latex.tailsum`); else the first failure."""
    names = defined_names(notation)
    try:
        return written_out(f, variables, notation, members, names)
    except NotWritten as first:
        whole = folded(f, notation.defined, symbol)
        if whole != f:
            try:
                return written_out(whole, variables, notation, members, names)
            except NotWritten:
                raise first from None
        try:
            tail = tail_folded(f, variables, notation, members, symbol)
        except NotWritten as exc:
            raise NotWritten(first.names, exc.why) from None
        if tail is None:
            raise first from None
        try:
            return written_out(tail.value, variables, notation, {**members, **tail.members}, names)
        except NotWritten:
            raise first from None
