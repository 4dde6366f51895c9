r"""Opaque values: derivatives whose value is not certain, kept as what they
are, functions of the names they are written in.

A derivative such as ``dL/du_k`` (how ``L`` depends on ``u`` is not written)
must not be evaluated by syntax, but it still depends on ``k``: inside
``\sum_k`` it is a different number for each ``k``. A single opaque
number for it would let a sum pull it out (``\sum_k k\, dL/du_k`` would equal
``\sum_k (n + 1 - k)\, dL/du_k``). :func:`opaque` gives instead an opaque
*function* of the derivative's free names: ``dL/du_k`` is ``D(L, k)`` and
``dL/du_i`` is ``D(L, i)`` for one unknown ``D``, so a Kronecker delta sums
``\sum_k \delta_{ik} dL/du_k`` to ``dL/du_i`` and nothing else is decided.
An identity proved with ``D`` unknown holds for every ``D``, the true one too.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

__all__ = ["OpaqueLabel", "Unevaluated", "UnevaluatedAt", "has_opaque", "opaque"]


class Unevaluated(sp.Dummy):  # type: ignore[misc]
    """A derivative that is not evaluated (how something in it depends on the
    variable is not written) and holds no free name: an opaque real number
    named after it. Nothing may evaluate it, and a value drawn for it
    refutes nothing."""


class OpaqueLabel(sp.Symbol):  # type: ignore[misc]
    """The label of an :class:`UnevaluatedAt`: named after the expression it
    stands for, with ``#0``, ``#1``, ... at the places of its free names; equal
    to another label only of the same name (never to a symbol of the step)."""


#: the places of the free names in a template (``#0``, ``#1``, ...), printed back as the names
_SLOT = "#{}"
#: each template read so far, by its label: equal labels for equal templates only
_LABELS: dict[sp.Basic, str] = {}
_TAKEN: set[str] = set()


class UnevaluatedAt(sp.Function):  # type: ignore[misc]
    """An opaque real value that depends on names: ``UnevaluatedAt(label,
    x_0, ..., x_m)`` stands for the expression the label names with its free
    names ``x_0, ..., x_m`` put back (at places ``#0``, ..., ``#m``). One
    label, one expression: two applications with equal arguments are equal,
    and nothing else is known of them."""

    is_real = True

    @classmethod
    def eval(cls, *args: Any) -> None:
        return None

    def _sympystr(self, printer: Any) -> str:
        label, *names = self.args
        text = str(label.name) if isinstance(label, sp.Symbol) else printer._print(label)
        for k in range(len(names) - 1, -1, -1):  # #10 before #1
            text = text.replace(_SLOT.format(k), printer._print(names[k]))
        return f"_{text}"


def _slot(k: int) -> sp.Symbol:
    return sp.Symbol(_SLOT.format(k))


def _label(template: sp.Basic) -> str:
    """The label of ``template``: its text, made unique among the templates
    read in this process (two templates never share one)."""
    found = _LABELS.get(template)
    if found is not None:
        return found
    written: str = sp.sstr(template)
    text, k = written, 1
    while text in _TAKEN:
        k += 1
        text = f"{written} [{k}]"
    _LABELS[template] = text
    _TAKEN.add(text)
    return text


def _names(e: sp.Basic) -> set[sp.Basic]:
    """The names ``e`` depends on: its free names, and those of the variables
    of its derivatives (for sympy, ``k`` is no free name of ``dL/du_k`` nor
    ``x`` of ``dL/dx``: a variable is bound; here it is the point the
    derivative is taken at), never the names a sum, an integral, a
    substitution or a function binds."""
    if isinstance(e, sp.Symbol):
        return {e}
    if isinstance(e, sp.Derivative):
        return _names(e.expr).union(*(_names(v) | _names(c) for v, c in e.variable_count))
    if isinstance(e, sp.Subs):
        return (_names(e.expr) - set(e.variables)).union(*(_names(p) for p in e.point))
    if isinstance(e, (sp.Sum, sp.Product, sp.Integral)):
        bound = {lim[0] for lim in e.limits}
        return (_names(e.function) - bound).union(*(_names(b) for lim in e.limits for b in lim[1:]))
    if isinstance(e, sp.Lambda):
        return _names(e.expr) - set(e.variables)
    return set().union(*(_names(a) for a in e.args if isinstance(a, sp.Basic)))


def opaque(e: sp.Basic) -> sp.Basic:
    """The opaque value of ``e``: an :class:`Unevaluated` number if ``e``
    depends on no name, else an :class:`UnevaluatedAt` of the names it
    depends on (:func:`_names`), in the order they first appear (so
    ``dL/du_k`` and ``dL/du_i`` share a label): a sum over ``k`` cannot take
    ``dL/du_k`` out."""
    free = _names(e)
    if not free:
        return Unevaluated(sp.sstr(e), real=True)
    names = list(dict.fromkeys(x for x in sp.preorder_traversal(e) if x in free))
    names += sorted(free - set(names), key=sp.default_sort_key)
    template = e.xreplace({x: _slot(k) for k, x in enumerate(names)})
    return UnevaluatedAt(OpaqueLabel(_label(template), real=True), *names)


def has_opaque(e: object) -> bool:
    """Whether ``e`` (a side, a tuple of sides, a counterexample's values)
    holds an opaque value."""
    if isinstance(e, tuple):
        return any(has_opaque(x) for x in e)
    return isinstance(e, sp.Basic) and any(isinstance(s, (Unevaluated, OpaqueLabel)) for s in e.free_symbols)
