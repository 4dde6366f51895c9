r"""A density an answer names in words: "let $f_i$ be the density of
$a_i$", "$f$ the pdf of $X$", "$X$ has density $p$".

From the line that names it on, the function is that density in the part of
the answer: ``f_i(x)`` is read as :class:`~symproofs.probability.densities.Density`
``(a_i, x)``, so that an integral against it can be an expectation
(``\int_{\mathbb{R}} x^2 f_i(x) dx = \mathbb{E}[a_i^2]``). A member of a
family (``f_i`` of ``a_i``) names the density of every member: ``f_j`` is
that of ``a_j``. Nothing else is taken from the words: the law of the
variable stays what the notation says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.latex.declarations import Notation
from symproofs.latex.parser import parse_math
from symproofs.probability.densities import Density

__all__ = ["NamedDensity", "named_densities", "with_densities"]

_PDF = r"(?:probability[ \t]{1,3})?(?:density(?:[ \t]{1,3}function)?|pdf|p\.d\.f\.?)"
#: text math on one line, its spaces taken off after (no unbounded space around it: blanked text is long)
_MATH = r"\$(?P<{}>[^$\n]{{1,80}})\$"
_GAP = r"[ \t\n]{1,4}"
#: "$f_i$ (is|be|denotes) the density of $a_i$", "the density $f$ of $X$", "$X$ has (a) density $f$"
_NAMING = (
    re.compile(
        _MATH.format("f")
        + r"[ \t]{0,3},?[ \t\n]{0,3}(?:(?:is|be|denotes?|as|for)"
        + _GAP
        + r")?(?:the|its)"
        + _GAP
        + _PDF
        + _GAP
        + "of"
        + _GAP
        + _MATH.format("x"),
        re.I,
    ),
    re.compile(
        r"\b(?:the|its)" + _GAP + _PDF + _GAP + _MATH.format("f") + _GAP + "of" + _GAP + _MATH.format("x"), re.I
    ),
    re.compile(
        _MATH.format("x")
        + _GAP
        + r"(?:has|have|admits?|with)"
        + _GAP
        + r"(?:(?:a|the)"
        + _GAP
        + ")?"
        + _PDF
        + _GAP
        + _MATH.format("f"),
        re.I,
    ),
)


class _Chain(Protocol):
    @property
    def line(self) -> int: ...

    @property
    def sides(self) -> tuple[Any, ...]: ...


_C = TypeVar("_C", bound=_Chain)


@dataclass(frozen=True)
class NamedDensity:
    """``name`` (with the indices it is written with) is the density of ``variable`` from ``line`` on."""

    line: int
    name: str
    indices: tuple[sp.Basic, ...]
    variable: sp.Basic


def named_densities(text: str, notation: Notation | None) -> tuple[NamedDensity, ...]:
    """The densities ``text`` names (its lines counted from 1), in the order it names them."""
    found = []
    for pattern in _NAMING:
        for m in pattern.finditer(text):
            try:
                f = parse_math(m.group("f").strip(), notation=notation)
                x = parse_math(m.group("x").strip(), notation=notation)
            except (InputError, ValueError, TypeError):
                continue
            if isinstance(f, sp.Symbol):
                name, indices = f.name, ()
            elif isinstance(f, AppliedUndef) and all(isinstance(a, (sp.Symbol, sp.Integer)) for a in f.args):
                name, indices = f.func.__name__, tuple(f.args)
            else:
                continue
            if not isinstance(x, sp.Expr) or isinstance(x, sp.MatrixExpr) or x.has(sp.Integral, Density):
                continue
            found.append(NamedDensity(text[: m.start()].count("\n") + 1, name, indices, x))
    return tuple(sorted(found, key=lambda d: d.line))


def _through(expr: sp.Basic, named: Sequence[NamedDensity]) -> sp.Basic:
    """``expr`` with each named density applied (``f_j(x)``) as the density of its variable."""

    def density(g: sp.Basic) -> sp.Basic:
        for d in named:
            if g.func.__name__ != d.name or len(g.args) != len(d.indices) + 1:
                continue
            renamed: dict[sp.Basic, sp.Basic] = {}
            for own, written in zip(d.indices, g.args[:-1], strict=True):
                if isinstance(own, sp.Symbol) and renamed.get(own, written) == written:
                    renamed[own] = written
                elif own != written:
                    break
            else:
                return Density(d.variable.xreplace(renamed), g.args[-1])
        return g

    return expr.replace(lambda g: isinstance(g, AppliedUndef), density)


def with_densities(chains: Sequence[_C], named: Sequence[NamedDensity]) -> list[_C]:
    """``chains`` (:class:`~symproofs.grading.document.ReadChain`) with the
    densities named before each (on an earlier line or its own) read as such."""
    out = []
    for chain in chains:
        now = [d for d in named if d.line <= chain.line]
        if not now:
            out.append(chain)
            continue
        sides = tuple(
            replace(
                s,
                expr=_through(s.expr, now) if s.expr is not None else None,
                assumed=tuple(_through(a, now) for a in s.assumed) if s.assumed else s.assumed,
            )
            for s in chain.sides
        )
        out.append(replace(chain, sides=sides))  # type: ignore[type-var]
    return out
