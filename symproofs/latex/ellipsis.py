r"""Sums and products written with an ellipsis, read as a TA reads them.

``x_1 + x_2 + \dots + x_n`` is ``\sum_{k=0}^{n-1} x_{1+k}``, and
``\frac{\partial h_T}{\partial h_{T-1}} \cdots \frac{\partial h_1}{\partial h_0}``
the product of the factors from ``t = T`` down to ``t = 1``. The terms on
either side of the ellipsis must have the same form and differ only in
integer positions (indices, exponents) that move by the same number of
steps from the term before the ellipsis to the term after it; the step is
read from the two terms before the ellipsis when they have that form
(``x_1 + x_3 + \dots + x_{2n-1}`` steps by 2), otherwise it is 1 or -1.
Earlier terms that continue the pattern (``1 + x + x^2 + \dots + x^n``)
join the series. Anything else is refused with :class:`Unreadable`: an
ellipsis is never guessed at.

>>> import sympy as sp
>>> x = sp.Function("x", real=True)
>>> n = sp.Symbol("n", real=True)
>>> series([x(1), x(2)], x(n), sp.Add)
(0, Sum(x(k + 1), (k, 0, n - 1)))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import cast

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.tokens import Tok

__all__ = ["Unreadable", "read_series", "series"]

_NAMES = ("k", "l", "r", "s", "q")
_LARGE = 10**6  # symbols in a range's length are read as large counts


class Unreadable(ValueError):
    """The terms around an ellipsis do not show one pattern."""


def _positions(a: sp.Basic, b: sp.Basic) -> list[tuple[tuple[int, ...], sp.Expr, sp.Expr]]:
    """Where ``a`` and ``b`` differ: (path, part of a, part of b), the
    parts integer-like. ``x`` against ``x^3`` is ``x^1`` against ``x^3``."""
    out: list[tuple[tuple[int, ...], sp.Expr, sp.Expr]] = []

    def walk(u: sp.Basic, v: sp.Basic, path: tuple[int, ...]) -> None:
        if u == v:
            return
        if isinstance(v, sp.Pow) and not isinstance(u, sp.Pow) and v.base == u:
            u = sp.Pow(u, 1, evaluate=False)
        elif isinstance(u, sp.Pow) and not isinstance(v, sp.Pow) and u.base == v:
            v = sp.Pow(v, 1, evaluate=False)
        counting = _counting(u) and _counting(v)
        if u.func == v.func and len(u.args) == len(v.args) and u.args and not counting:
            for i, (p, q) in enumerate(zip(u.args, v.args, strict=True)):
                walk(p, q, (*path, i))
            return
        if not counting:
            raise Unreadable("the terms around the ellipsis differ in more than their indices")
        out.append((path, cast(sp.Expr, u), cast(sp.Expr, v)))  # _counting: both are expressions

    walk(a, b, ())
    return out


def _counting(e: sp.Basic) -> bool:
    """An index-like expression: a linear polynomial with integer
    coefficients in plain symbols (``T - 1``, ``2n``, ``3``; not ``y^2``,
    whose exponent is the position)."""
    if not isinstance(e, sp.Expr) or not all(isinstance(s, sp.Symbol) for s in e.free_symbols):
        return False
    if e.has(sp.Function, sp.Derivative, sp.MatrixExpr):
        return False
    try:
        poly = sp.Poly(e, *sorted(e.free_symbols, key=str)) if e.free_symbols else None
    except sp.PolynomialError:
        return False
    if poly is None:
        return bool(e.is_Integer)
    return poly.total_degree() <= 1 and all(c.is_Integer for c in poly.coeffs())


def _at(template: sp.Basic, k: sp.Symbol, value: sp.Expr) -> sp.Basic:
    return template.xreplace({k: value})


def _rebuilt(a: sp.Basic, values: dict[tuple[int, ...], sp.Expr]) -> sp.Basic:
    """``a`` with the parts at the given paths replaced."""
    if () in values:
        return values[()]
    args = list(a.args)
    for i in range(len(args)):
        sub = {p[1:]: v for p, v in values.items() if p and p[0] == i}
        if sub:
            args[i] = _rebuilt(args[i], sub)
    return a.func(*args)


def _lift(a: sp.Basic, paths: Sequence[tuple[int, ...]]) -> sp.Basic:
    """``a`` written so that every path exists (``x`` as ``x^1``)."""
    for path in paths:
        node = a
        for depth, i in enumerate(path):
            if len(node.args) <= i:
                if depth == len(path) - 1 and i == 1 and not isinstance(node, sp.Pow):
                    return _lift(_replace_at(a, path[:-1], sp.Pow(node, 1, evaluate=False)), paths)
                raise Unreadable("the terms around the ellipsis differ in more than their indices")
            node = node.args[i]
    return a


def _replace_at(a: sp.Basic, path: tuple[int, ...], new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    args = list(a.args)
    args[path[0]] = _replace_at(args[path[0]], path[1:], new)
    return a.func(*args, evaluate=False) if isinstance(a, (sp.Add, sp.Mul, sp.Pow)) else a.func(*args)


def _steps(prev: sp.Basic | None, first: sp.Basic, diffs: Sequence[tuple[tuple[int, ...], sp.Expr, sp.Expr]]
           ) -> dict[tuple[int, ...], sp.Expr] | None:
    """The step of each position, read from the term before ``first`` when
    it has the same form and differs at the same positions."""
    if prev is None:
        return None
    try:
        back = _positions(prev, first)
    except Unreadable:
        return None
    if {p for p, _, _ in back} != {p for p, _, _ in diffs}:
        return None
    steps = {p: sp.expand(b - a) for p, a, b in back}
    return steps if all(s.is_Integer and s != 0 for s in steps.values()) else None


def _length(diffs: Sequence[tuple[tuple[int, ...], sp.Expr, sp.Expr]],
            steps: dict[tuple[int, ...], sp.Expr] | None) -> tuple[dict[tuple[int, ...], sp.Expr], sp.Expr]:
    """The step of each position and the number of steps from the first
    term to the last, the same at every position."""
    chosen: dict[tuple[int, ...], sp.Expr] = {}
    lengths = set()
    for path, a, b in diffs:
        gap = sp.expand(b - a)
        if steps is not None:
            step = steps[path]
        else:
            large = gap.xreplace({s: _LARGE for s in gap.free_symbols})
            if large == 0:
                raise Unreadable("which way the ellipsis runs is unclear")
            step = sp.Integer(1 if large > 0 else -1)
        count = sp.expand(gap / step)
        backwards = (count.is_Integer and count < 0) or (
            steps is None and count.xreplace({s: _LARGE for s in count.free_symbols}) < 0)
        if not _counting(count) or backwards:
            raise Unreadable("the terms around the ellipsis are not a whole number of steps apart")
        chosen[path] = step
        lengths.add(count)
    if len(lengths) != 1:
        raise Unreadable("the positions around the ellipsis move by different numbers of steps")
    return chosen, lengths.pop()


def _variable(terms: Sequence[sp.Basic]) -> sp.Symbol:
    used = {s.name for t in terms for s in t.free_symbols if isinstance(s, sp.Symbol)}
    used |= {f.func.__name__ for t in terms for f in t.atoms(sp.Function)}
    for name in (*_NAMES, *(f"k_{i}" for i in range(1, 10))):
        if name not in used:
            return sp.Symbol(name, integer=True)
    raise Unreadable("no name is free for the index of the series")


def _numbers(before: Sequence[sp.Basic], last: sp.Basic) -> tuple[sp.Expr, tuple[sp.Symbol, int, int]] | None:
    """Numbers around an ellipsis: every term before it must follow one
    pattern, adding a step (``2 + 4 + \\dots + 16``) or multiplying by a ratio
    (``1 + 2 + 4 + \\dots + 16``), and the last term must end it. The body and
    range of the geometric reading, or ``None`` for an arithmetic one (read
    like any other series); refused when both fit (``2 + 4 + \\dots + 16`` is
    2, 4, 6, ..., 16 or 2, 4, 8, 16) or neither does."""
    terms = [sp.Rational(t) for t in (*before, last)]
    head, tail = terms[:-1], terms[-1]

    def fits(count: sp.Basic) -> bool:
        return bool(count.is_Integer and count >= 1)

    step = head[-1] - head[-2]
    adding = step != 0 and all(b - a == step for a, b in itertools.pairwise(head)) \
        and fits((tail - head[-1]) / step)
    ratio = head[-1] / head[-2] if head[-2] != 0 else None
    power = None
    if ratio is not None and ratio not in (0, 1) and all(a != 0 and b / a == ratio
                                                          for a, b in itertools.pairwise(head)):
        m = 0
        value = head[-1]
        while abs(value) <= abs(tail) * 2 + 2 and m <= 64 and value != tail:
            value, m = value * ratio, m + 1
        power = m if value == tail and m >= 1 else None
    # 1 + 1/2 + \dots + 1/4: the denominators may add a step (1, 2, 3, 4) as well
    flipped = all(t != 0 for t in terms) and not adding
    if flipped:
        inverse = [1 / t for t in terms]
        gap = inverse[len(head) - 1] - inverse[len(head) - 2]
        flipped = gap != 0 and all(b - a == gap for a, b in itertools.pairwise(inverse[:-1])) \
            and fits((inverse[-1] - inverse[len(head) - 1]) / gap)
    if (adding or flipped) and power is not None:
        raise Unreadable("the ellipsis may add a step or multiply by a ratio: write one more term before it")
    if flipped:
        k = _variable(terms)
        return 1 / (1 / head[0] + gap * k), (k, 0, len(head) - 1 + int((1 / tail - 1 / head[-1]) / gap))
    if power is not None and ratio is not None:
        k = _variable(terms)
        return head[0] * ratio**k, (k, 0, len(head) - 1 + power)
    if adding:
        return None
    raise Unreadable("the numbers around the ellipsis do not follow one pattern")


def series(before: Sequence[sp.Basic], last: sp.Basic, op: type[sp.Add] | type[sp.Mul]
           ) -> tuple[int, sp.Basic]:
    """The terms ``before`` an ellipsis (at least one) and the ``last`` term
    after it, read as one sum (``op`` is ``sp.Add``) or product: how many
    of ``before`` stay as they are (they do not continue the pattern), and
    the series."""
    if not before:
        raise Unreadable("an ellipsis needs a term before it")
    if len(before) > 1 and all(isinstance(t, sp.Rational) for t in (*before, last)):
        geometric = _numbers(before, last)  # 1 + 2 + 4 + \dots + 16: adding, or multiplying?
        if geometric is not None:
            return 0, (sp.Sum if op is sp.Add else sp.Product)(*geometric)
    first = before[-1]
    if any(isinstance(t, sp.MatrixExpr) for t in (*before, last)):
        raise Unreadable("an ellipsis between matrices: write the product or sum with \\prod or \\sum")
    diffs = _positions(first, last)
    if not diffs:
        raise Unreadable("the terms around the ellipsis are equal")
    steps = _steps(before[-2] if len(before) > 1 else None, first, diffs)
    chosen, count = _length(diffs, steps)
    k = _variable((*before, last))
    lifted = _lift(first, [p for p, _, _ in diffs])
    template = _rebuilt(lifted, {p: a + chosen[p] * k for p, a, _ in diffs})
    if steps is None and not (len(before) > 1 and _at(template, k, sp.S.NegativeOne) == before[-2]):
        # 1 + y^2 + \dots + y^{2n}: the term before is the pattern's, further back (y^0): the step is that far
        far = next((j for j in range(2, 7) if len(before) > 1 and _at(template, k, sp.Integer(-j)) == before[-2]),
                   None)
        if far is not None:
            chosen, count = _length(diffs, {p: chosen[p] * far for p in chosen})
            template = _rebuilt(lifted, {p: a + chosen[p] * k for p, a, _ in diffs})
        elif any(sp.Poly(g, *sorted(g.free_symbols, key=str)).content() != 1
                 for g in (sp.expand(b - a) for _, a, b in diffs) if g.free_symbols):
            # 2 + \dots + 2n: by 1 or by 2? nothing before the ellipsis tells
            raise Unreadable("the step of the ellipsis is unclear: write two terms before it")
    if _at(template, k, sp.Integer(0)) != first or _at(template, k, count) != last:
        raise Unreadable("the terms around the ellipsis do not follow one pattern")
    if len(before) > 1 and all(isinstance(t, sp.Rational) for t in before[-2:]) and before[-1] != before[-2] \
            and sp.expand(_at(template, k, sp.Integer(1)) - (2 * first - before[-2])) != 0:
        # 1 + 2 + \dots + 2^n: 1, 2, 3, ..., 2^n adds a step, 1, 2, 4, ..., 2^n doubles; nothing tells which
        raise Unreadable("the ellipsis may add a step or follow the last term's pattern: write one more term "
                         "before it")
    low = 0
    rest = list(before[:-1])
    while rest and _at(template, k, sp.Integer(low - 1)) == rest[-1]:
        rest.pop()
        low -= 1
    body = template.xreplace({k: k + low})  # from 0, whatever joined the series
    return len(rest), (sp.Sum if op is sp.Add else sp.Product)(body, (k, 0, count - low))


def read_series(items: list[sp.Basic], dots: Sequence[tuple[int, Tok]], op: type[sp.Add] | type[sp.Mul],
                error: Callable[[str, Tok], InputError], indices: set[str]) -> list[sp.Basic]:
    """``items`` (terms or factors) with each ellipsis, standing before the
    item at its index, read as a sum or product (:func:`series`); an
    ellipsis that cannot be read is ``error(message, its token)``. The names
    that count the terms (``n`` of ``x_1 + \\dots + x_n``) join ``indices``:
    they are integers."""
    out: list[sp.Basic] = []
    at = 0
    for index, dot in dots:
        out.extend(items[at:index])
        try:
            keep, whole = series(out, items[index], op)
        except Unreadable as exc:
            raise error(f"cannot read the ellipsis: {exc}", dot) from None
        out[keep:] = [whole]
        indices.update(str(x.name) for x in whole.limits[0][2].free_symbols if isinstance(x, sp.Symbol))
        at = index + 1
    return out + items[at:]
