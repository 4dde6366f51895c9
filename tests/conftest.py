"""Shared fixtures: goals built from expressions, with assumptions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Lemma, Relation

pytest_plugins = ["pytester"]

MakeGoal = Callable[..., Goal]


@pytest.fixture
def make_goal() -> MakeGoal:
    def build(
        lhs: object,
        rhs: object,
        relation: Relation = Relation.EQ,
        *,
        assumptions: Sequence[sp.Basic] = (),
        givens: Sequence[Given] = (),
        lemmas: Sequence[Lemma] = (),
        uses: Sequence[str] = (),
    ) -> Goal:
        return Goal(
            relation=relation,
            lhs=lhs,  # type: ignore[arg-type]
            rhs=rhs,  # type: ignore[arg-type]
            context=Context(facts=Facts(tuple(assumptions)), givens=tuple(givens), lemmas=tuple(lemmas),
                            uses=tuple(uses), seed=7),
        )

    return build
