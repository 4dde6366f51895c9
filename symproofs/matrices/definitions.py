"""Functions the notation defines, applied inside explicit matrix values.

A definition ``sigma(z) = 1/(1 + e^{-z})`` for all real ``z`` (a lemma with
no hypothesis whose left side is the function at its variables) gives the
value of every application of ``sigma``; the instance check puts it in, so
that a gradient through ``sigma`` is compared with the function the text
means, and a counterexample never gives ``sigma`` a value its definition
forbids.

>>> import sympy as sp
>>> from symproofs.core.statements import Lemma
>>> z, s = sp.Symbol("z", real=True), sp.Symbol("s", real=True)
>>> f = sp.Function("f")
>>> lam = definitions_of((Lemma(name="f", statement=sp.Eq(f(z), z**2 + 1), variables=(z,)),))
>>> with_definitions(sp.Derivative(f(s), s) + f(2), lam)
2*s + 5
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.statements import Lemma

__all__ = ["definitions_of", "with_definitions"]

#: the assumptions of a variable that ranges over all real numbers
_REAL = frozenset(sp.Symbol("z", real=True).assumptions0.items())


def definitions_of(lemmas: Iterable[Lemma]) -> dict[Any, sp.Lambda]:
    """The functions that lemmas define for every real argument: ``f(v1, ...,
    vk) = rhs`` with distinct real variables and no hypothesis, ``f`` not in
    ``rhs``."""
    out: dict[Any, sp.Lambda] = {}
    for lemma in lemmas:
        st = lemma.statement
        if lemma.hypotheses or not isinstance(st, sp.Eq) or not isinstance(st.lhs, AppliedUndef):
            continue
        args = st.lhs.args
        if args != tuple(lemma.variables) or len(set(args)) != len(args) or st.rhs.has(st.lhs.func):
            continue
        if not all(isinstance(v, sp.Symbol) and frozenset(v.assumptions0.items()) <= _REAL for v in args):
            continue  # a variable restricted (positive, integer): the definition holds on part of the line only
        if st.lhs.func not in out:
            out[st.lhs.func] = sp.Lambda(args, st.rhs)
    return out


def with_definitions(value: Any, defined: Mapping[Any, sp.Lambda]) -> Any:
    """``value`` (a scalar or an explicit matrix) with every application of a
    defined function replaced by its definition, derivatives evaluated."""
    if not defined:
        return value
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(lambda x: with_definitions(x, defined))
    if not isinstance(value, sp.Basic) or not any(a.func in defined for a in value.atoms(AppliedUndef)):
        return value
    out = value.replace(lambda x: isinstance(x, AppliedUndef) and x.func in defined,
                        lambda x: defined[x.func](*x.args))
    return out.doit()
