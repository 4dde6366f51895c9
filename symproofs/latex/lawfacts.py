r"""What a declared law says of the names its parameters are written in.

A law exists only for some parameters (``U(a, b)`` needs ``a < b``,
``\mathrm{Bernoulli}(p)`` needs ``0 \le p \le 1``, a Laplace scale is
positive: :meth:`~symproofs.probability.laws.Distribution.constraints`), and
a variance written as the square of a plain name (``\mathcal{N}(\mu,
\sigma^2)``, ``var = 's^2'``) makes that name the law's standard deviation,
which a TA reads as ``\sigma \ge 0``: ``\sqrt{\sigma^2} = \sigma`` is no
mistake. The rate of an exponential or a Poisson law is positive (``\lambda
> 0``), read as either convention has it (a rate or a scale). Not ``\sigma >
0``: a normal law of variance 0 (a constant) is a law too. These are
assumptions of every step of the question, also one that mentions no random
variable (``(a + b)/2 \le b``), so a counterexample meets
them. Only where nothing else says what the name is: never for a name the
notation file declares in ``[symbols]`` or speaks of in ``[assumptions]``,
nor for one the text states something of on its own (``$\sigma \in
\mathbb{R}$``, ``$\sigma < 0$``, "$\sigma$ may be negative":
:func:`stated_alone`); the text's word or the course's stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import Protocol

import sympy as sp

__all__ = ["law_facts", "stated_alone"]

_NAME = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?"
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]{1,200}?)(?<![\\$])\$(?!\$)")
_REL = re.compile(r"<|>|=|\\(?:le|ge|leq|geq|lt|gt|ne|neq|in|notin|leqslant|geqslant|subset|subseteq)(?![A-Za-z])")
_NAMES = re.compile(rf"\s*{_NAME}(?:\s*,\s*{_NAME})*\s*")
#: what a name is set against in a statement of its domain or value: numbers, number sets, intervals
_CONSTANT = re.compile(r"(?:\\mathbb\s*\{?\s*[RNZQC]\s*\}?|\\infty|\\(?:left|right|[,;:! ])|[-+*/^_.\d\s{}()\[\],])*")
#: a sign or a domain said in words of a name alone: "$\sigma$ may be negative", "$a$ is any real"
_IN_WORDS = re.compile(
    rf"\$\s*(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*\$\s*,?\s*(?:is|are|be|being|(?:can|may|could|might)\s+be)\s+"
    r"(?:\w+\s+){0,2}?(?:negative|positive|non-?negative|non-?positive|non-?zero|zero|real|arbitrary|any|complex"
    r"|integers?|signed|of\s+(?:any|either)\s+sign)\b", re.I)


class _Declared(Protocol):
    """A declared random variable (:class:`~symproofs.latex.notation.RandomVariable`)."""

    @property
    def params(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def stated(self) -> frozenset[str]: ...

    @property
    def positive(self) -> tuple[str, ...]: ...


def stated_alone(text: str) -> frozenset[str]:
    r"""The names (LaTeX, ``\sigma``) ``text`` states something of on their
    own: a name set in text math against numbers or a set of numbers alone
    (``$\sigma < 0$``, ``$0 < p < 1$``, ``$a, b \in \mathbb{R}$``, ``$s =
    2$``; not ``$\sqrt{\sigma^2} = \sigma$`` nor ``$a < b$``), or given a
    sign or a domain in words ("$\sigma$ may be negative").

    >>> sorted(stated_alone("Let $\\sigma \\in \\mathbb{R}$ and $\\sqrt{s^2} = s$."))
    ['\\sigma']
    """
    out: set[str] = set()
    for m in _MATH.finditer(text):
        pieces = _REL.split(m.group(1))
        if len(pieces) < 2:
            continue
        names = [p for p in pieces if _NAMES.fullmatch(p)]
        if names and len(names) < len(pieces) and all(p in names or _CONSTANT.fullmatch(p) for p in pieces):
            out |= {n.strip() for p in names for n in p.split(",")}
    out |= {n.strip() for m in _IN_WORDS.finditer(text) for n in m.group("names").split(",")}
    return frozenset(out)


def law_facts(variables: Iterable[_Declared], constraints: Iterable[sp.Basic], parse: Callable[[str], sp.Basic],
              declared: Collection[str], facts: Iterable[sp.Basic]) -> tuple[sp.Basic, ...]:
    r"""The assumptions the laws of ``variables`` add (see the module): the
    laws' ``constraints``, for a variance written as a plain name
    squared, that name ``\ge 0``, and a plain name a law needs positive (the
    rate of ``\mathrm{Exp}(\lambda)`` or of a Poisson law) ``> 0``; none about a name the notation
    ``declared`` (its ``[symbols]``), the ``facts`` of its ``[assumptions]``
    speak of, or the text states something of (``stated``); none already
    among the ``facts``."""
    told = tuple(facts)
    mentioned = set(declared) | {s.name for f in told for s in f.free_symbols if isinstance(s, sp.Symbol)}
    stated: set[str] = set()
    implied = list(constraints)
    for var in variables:
        stated |= {_plain(n) for n in var.stated}
        for rate in var.positive:  # Exp(lambda), Poisson(lambda): lambda > 0
            value = parse(rate)
            if isinstance(value, sp.Symbol):
                implied.append(sp.Gt(value, 0))
        variance = dict(var.params).get("var")
        if variance is None:
            continue
        value = parse(variance)
        if isinstance(value, sp.Pow) and value.exp == 2 and isinstance(value.base, sp.Symbol):
            implied.append(sp.Ge(value.base, 0))  # sigma^2 a variance: sigma its standard deviation
    out = []
    for fact in implied:
        names = {s.name for s in fact.free_symbols if isinstance(s, sp.Symbol)}
        if fact in (sp.true, sp.false) or fact in told or not names or names & mentioned \
                or {_plain(n) for n in names} & stated:
            continue
        out.append(fact)
    return tuple(dict.fromkeys(out))


def _plain(name: str) -> str:
    """A name as LaTeX or sympy spell it, compared: ``\\sigma_{X}`` and ``sigma_X`` alike."""
    return re.sub(r"[\\{}\s]", "", name)
