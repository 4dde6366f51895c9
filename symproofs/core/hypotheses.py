"""What a lemma's instance needs: its variables' assumptions, and its
hypotheses stated by the context.

Both the scalar lemma matcher (:mod:`symproofs.verifier.strategies`) and
the matrix one (:mod:`symproofs.matrices.bounds`) ask these questions, so
they are answered once, here.

* :func:`shares`: a lemma variable stands only for a value that has every
  assumption the variable is declared with (``odd``, ``prime``,
  ``positive``, ``integer=False``, ... and what they imply);
* :func:`states`: a hypothesis instance holds by the givens when a given
  says it: a plain given word for word, a family (``index`` set) at an
  integer index its range covers.

>>> import sympy as sp
>>> k = sp.Symbol("k", integer=True, odd=True)
>>> m = sp.Symbol("m", integer=True)
>>> shares(k, 2 * m + 1), shares(k, m)
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import sympy as sp
from sympy.core.assumptions import _assume_defined

from symproofs.core.facts import Facts, surely_integer
from symproofs.core.realentries import entries_as_reals
from symproofs.core.statements import Given, Lemma

if TYPE_CHECKING:
    from symproofs.core.goals import Algebra

__all__ = ["declared", "holds", "pattern_symbols", "shares", "states"]

_SIGNS = {
    "positive": sp.StrictGreaterThan,
    "nonnegative": sp.GreaterThan,
    "negative": sp.StrictLessThan,
    "nonpositive": sp.LessThan,
}


def pattern_symbols(lemma: Lemma) -> frozenset[sp.Basic]:
    """The lemma's variables and the dimension symbols of its matrix
    variables: a lemma for every ``n x n`` matrix ``A`` is one for every
    ``n`` too, and ``n`` takes the size of the matrix ``A`` stands for (a
    matcher binds it once; a numeric dimension matches only itself)."""
    dims = {s for v in lemma.variables if isinstance(v, sp.MatrixExpr)
            for d in v.shape for s in sp.sympify(d, strict=True).free_symbols}
    return frozenset(lemma.variables) | frozenset(dims)


def declared(v: sp.Basic) -> tuple[tuple[str, bool], ...]:
    """Every sympy assumption of a lemma variable (``odd``, ``prime``,
    ``integer=False``, ... and everything they imply)."""
    if not isinstance(v, sp.Symbol):
        return ()
    return tuple(sorted((k, bool(b)) for k, b in v.assumptions0.items() if b is not None))


def _has_all(e: sp.Basic, kept: tuple[tuple[str, bool], ...]) -> bool:
    return all(getattr(e, f"is_{k}", None) is b for k, b in kept)


def shares(v: sp.Basic, e: sp.Basic, facts: Facts | None = None) -> bool:
    """Whether ``e`` has every assumption the lemma variable ``v`` is
    declared with: by sympy's word, or (with ``facts``) once the signs the
    facts decide for ``e`` are added to what sympy knows of it (``n - 1``
    is positive where ``n >= 2``). A lemma about an odd ``k`` says nothing
    about an integer ``m``; a lemma about every real ``z`` speaks of an
    entry of a real matrix (:func:`~symproofs.core.realentries.entries_as_reals`)."""
    kept = declared(v)
    if _has_all(e, kept):
        return True
    e = entries_as_reals(e)  # an entry of a real matrix is a real number (sympy does not know it)
    if _has_all(e, kept):
        return True
    if facts is None or not isinstance(e, sp.Expr):
        return False
    known = {k: b for k in _assume_defined if (b := getattr(e, f"is_{k}", None)) is not None}
    for name, rel in _SIGNS.items():
        if known.get(name) is None and facts.decide(rel(e, 0)) is True:
            known[name] = True
    try:
        proxy = sp.Dummy(**known)  # what is known of e, with sympy's implications drawn
    except ValueError:  # InconsistentAssumptions: the facts contradict sympy
        return False
    return _has_all(proxy, kept)


def states(givens: Iterable[Given], h: sp.Basic, nonnegative: Callable[[sp.Expr], bool | None]) -> bool:
    """Whether one of ``givens`` states ``h``: a plain given is ``h``
    itself; a family (``index`` set) states its statement at an integer
    value of the index that its range provably covers (``nonnegative``
    decides the sign of a difference). A given about one ``t`` says
    nothing at ``t + 1``."""
    for g in givens:
        if g.index is None:
            if g.statement == h:
                return True
            continue
        value = _index_of(g, h)
        if value is not None and surely_integer(value) and g.covers(value, nonnegative):
            return True
    return False


def holds(h: sp.Basic, givens: Sequence[Given], facts: Facts, algebras: Sequence[Algebra]) -> bool:
    """Whether the hypothesis instance ``h`` holds in a context: it is
    true, a given states it (:func:`states`), an algebra decides it (an
    independence), or the facts do."""
    if h is sp.true or states(givens, h, facts.nonnegative):
        return True
    if any(alg.holds(h) is True for alg in algebras):
        return True
    try:
        return facts.decide(h) is True
    except (TypeError, ValueError, AttributeError, NotImplementedError):  # a matrix relation, say
        return False


def _index_of(g: Given, h: sp.Basic) -> sp.Expr | None:
    """The value of the family's index at which its statement is ``h``."""
    index = g.index
    assert index is not None
    candidates: list[sp.Basic] = []
    found: list[sp.Basic] = []
    if _walk(g.statement, h, index, found) and found:
        candidates.append(found[0])
    w = sp.Wild("index_w")
    try:
        m = h.match(g.statement.xreplace({index: w}))
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        m = None
    if m is not None and w in m:
        candidates.append(m[w])
    for c in candidates:
        if isinstance(c, sp.Expr) and g.statement.xreplace({index: c}) == h:
            return c
    return None


def _walk(p: sp.Basic, t: sp.Basic, index: sp.Basic, found: list[sp.Basic]) -> bool:
    """Walk ``p`` and ``t`` in parallel, collecting what stands where ``p`` has ``index``."""
    if p == index:
        found.append(t)
        return True
    if p == t:
        return True
    if type(p) is not type(t) or len(p.args) != len(t.args):
        return False
    return all(_walk(a, b, index, found) for a, b in zip(p.args, t.args, strict=True))
