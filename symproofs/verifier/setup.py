"""What a probe's points are made from, for one set of symbols.

The symbols drawn at each point (in a fixed order), those that an equation
among the facts solves for and those that a given defines (computed at each
point, never drawn), the moments that givens pin (fitted at each point) and
the models of the algebras. Computed once per probe and set of symbols
(:meth:`~symproofs.verifier.probe.Probe.draws` and
:meth:`~symproofs.verifier.probe.Probe.boundary_points` share it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Algebra, Model
from symproofs.core.model import Given, Lemma
from symproofs.verifier.values import solved_facts

__all__ = ["Fitting", "Setup", "defined_symbols", "setup_for"]


@runtime_checkable
class Fitting(Protocol):
    """An algebra whose models take the values equations pin (``E(U) = m``, the law declaring nothing)."""

    def pinned_moments(
        self, statements: Sequence[sp.Basic],
        quantified: Sequence[tuple[sp.Basic, tuple[sp.Basic, ...]]] = (),
    ) -> dict[sp.Basic, dict[str, sp.Expr]]: ...

    def fitted_models(self, rng: random.Random, pinned: dict[sp.Basic, dict[str, sp.Expr]]) -> list[Model]: ...

    def law_parameters(self) -> set[sp.Basic]: ...


@dataclass(frozen=True)
class Setup:
    """The symbols drawn (in order), those the facts solve for and the givens
    define (computed at each point), the moments givens pin, the models."""

    syms: tuple[sp.Symbol, ...]
    solved: dict[sp.Symbol, sp.Expr]
    checked: dict[sp.Basic, sp.Basic]
    pins: tuple[tuple[Fitting, dict[sp.Basic, dict[str, sp.Expr]]], ...]
    models: tuple[Model | None, ...]


def defined_symbols(givens: Sequence[Given]) -> set[sp.Basic]:
    """Symbols that a given defines (``lambda = (1-p)/p``)."""
    return {
        g.statement.lhs
        for g in givens
        if g.index is None and isinstance(g.statement, sp.Eq) and isinstance(g.statement.lhs, sp.Symbol)
    }


def setup_for(symbols: set[sp.Basic], *, facts: Facts, givens: Sequence[Given], lemmas: Sequence[Lemma],
              algebras: Sequence[Algebra], seed: int) -> Setup:
    """The setup of a probe's points that give values to ``symbols``."""
    modelled = frozenset().union(*(alg.random_symbols() for alg in algebras))
    # Every symbol an assumption mentions gets a value, so that each
    # assumption can be checked; defined symbols are rewritten away.
    symbols = set(symbols).union(*(c.free_symbols for c in facts.constraints))
    # Moments that hypotheses pin (E(U) = m, a process's mean) are fitted
    # at each point: the parameters they are written in get values too.
    statements = [g.statement for g in givens if g.index is None]
    quantified = [(g.statement, (g.index,)) for g in givens if g.index is not None]
    quantified += [(lem.statement, tuple(lem.variables)) for lem in lemmas]
    pins = [(alg, pinned) for alg in algebras
            if isinstance(alg, Fitting) and (pinned := alg.pinned_moments(statements, quantified))]
    for fitting, pinned in pins:
        symbols |= fitting.law_parameters()
        for key, moments in pinned.items():
            for expr in moments.values():
                symbols |= expr.free_symbols - key.free_symbols
    defined = defined_symbols(givens)
    solved = solved_facts(facts.constraints, modelled | defined)
    in_facts = set().union(*(c.free_symbols for c in facts.constraints))
    checked = {g.statement.lhs: g.statement.rhs for g in givens if g.index is None
               and isinstance(g.statement, sp.Eq) and g.statement.lhs in defined & in_facts}
    syms = sorted((s for s in symbols if isinstance(s, sp.Symbol) and s not in modelled and s not in defined
                   and s not in solved), key=sp.default_sort_key)
    models: list[Model | None] = []
    for alg in algebras:
        for i, model in enumerate(alg.models(random.Random(seed + 7))):
            models.append(model)
            if i >= 5:
                break
    return Setup(tuple(syms), solved, checked, tuple(pins), tuple(models) or (None,))
