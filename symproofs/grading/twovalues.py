r"""A name the text gives two values: "$$y = 2z$$ where $z = 3$. Hence
$$y = 6$$ and, since $y = 2z$ with $z = 4$, $$y^2 = 36$$".

When a case the text takes gives a plain name a number (``z = 4``) while a
definition of the answer gave it another (``z = 3``, on an earlier line),
the case stands from there on (:func:`~symproofs.grading.definitions.forget_values`),
and so must not what the text found under the old value: a number the
answer gave a name after that line, where an equation the text states ties
that name to the one given two values (``y = 2z``, then ``y = 6``), rests
on the old value. Such a value is dropped, and a line that rests on it is
*unknown*, saying "z is given two values: 3 (line 8) and 4 (line 14)",
never proved (nor refuted) from one of them silently.

The mark a held-back name leaves among the names the checks know
(:data:`MARK`) carries the words: ``"@y|z is given two values: ..."`` (a prefix of its own: ``"^y"``
is a name a problem statement describes in words, :func:`symproofs.grading.context.known_heads`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.model import Given
from symproofs.latex.notation import Setting

__all__ = ["MARK", "held_by_two_values", "stale_values"]

#: the first character of a name held back because it rests on a name given two values
MARK = "@"
_DEFINED = re.compile(r"^defined on line (\d+)")


def _defined_line(given: Given) -> int | None:
    m = _DEFINED.match(given.name)
    return int(m.group(1)) if m else None


def _value_of(given: Given) -> tuple[sp.Symbol, sp.Basic] | None:
    """``name = number`` that a student's definition states, or None."""
    st = given.statement
    if isinstance(st, sp.Eq) and isinstance(st.lhs, sp.Symbol) and isinstance(st.rhs, sp.Expr) \
            and st.rhs.is_number and _defined_line(given) is not None:
        return st.lhs, st.rhs
    return None


def stale_values(setting: Setting, case: Iterable[sp.Basic], ties: Sequence[sp.Basic],
               stated: Mapping[str, tuple[sp.Eq, int]], line: int) -> tuple[Setting, tuple[str, ...]]:
    """``setting`` without the values that rest on the old value of a name
    ``case`` gives a new number (see the module), and the marks that hold
    back a line resting on them (empty where no name is given two values).
    ``stated``: the numbers the answer gave plain names so far, with their
    lines; ``ties``: the equations it stated."""
    marks: list[str] = []
    dropped: set[Given] = set()
    for rel in case:
        if not (isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol) and rel.rhs.is_number):
            continue
        name = rel.lhs
        old = stated.get(name.name)
        if old is None or sp.simplify(old[0].rhs - rel.rhs) == 0:
            continue
        since = old[1]
        said = f"{name} is given two values: {sp.sstr(old[0].rhs)} (line {since}) and {sp.sstr(rel.rhs)} (line {line})"
        tied = {s.name for t in ties if name in t.free_symbols for s in t.free_symbols if s != name}
        found = {n for n in tied if n in stated and since < stated[n][1] <= line}
        for g in setting.givens:
            value, at = _value_of(g), _defined_line(g)
            if value is not None and at is not None and since < at <= line and value[0].name in tied:
                dropped.add(g)
                found.add(value[0].name)
        marks += [f"{MARK}{n}|{said}" for n in sorted(found)]
    return replace(setting, givens=tuple(g for g in setting.givens if g not in dropped)), tuple(marks)


def held_by_two_values(names: Iterable[str], known: Iterable[str]) -> str | None:
    """Why a step on ``names`` is held back: one of them has a value found
    under a name's old value (:func:`stale_values`), else None."""
    wanted = set(names)
    for mark in known:
        if mark.startswith(MARK):
            name, _, said = mark[len(MARK):].partition("|")
            if name in wanted:
                return f"rests on the value of {name} found while {said}; which one the line uses is not clear"
    return None
