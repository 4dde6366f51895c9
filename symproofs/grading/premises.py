r"""The rows of the statement a logical step starts from.

``f'(w) = w + 1 = 0 \implies w = -1``: the student claims ``f'(w) = w + 1``
(a step, checked as in any chain) and solves ``w + 1 = 0``, the last
relation, which is the condition the step starts from. The equations
before it are claims for every value (rewritings of one expression), never
conditions the conclusion may draw on: a wrong derivative is refuted where
it is written, and the step is checked from the equation it solves.

An equation with a bare name on one side (``x = y = 1 \implies x + y = 2``,
``\mathbb{E}[X] = \mu = 0 \implies``) names or supposes rather than
rewrites: it stays a condition of the step, as does every relation of a
statement the words before it suppose ("if", "assume") and of a run of
rows solved along (:func:`~symproofs.grading.solving.solving_runs`).
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Relation
from symproofs.grading.cues import ASSUMING
from symproofs.grading.document import ReadChain, ReadLink
from symproofs.probability.variables import MOMENTS

__all__ = ["premise_claims", "stated_links"]


def premise_claims(chain: ReadChain) -> dict[int, int]:
    """The sides of ``chain`` whose relation to the side before is a claim
    in the premise of a logical step: each side's index in ``chain.sides``
    mapped to the index in the step's premise of the relation it ends."""
    if chain.kind == "solving" or not chain.links or ASSUMING.search(chain.lead[-40:]) is not None:
        return {}
    sides = chain.sides
    out: dict[int, int] = {}
    for link in chain.links:
        if not link.relation_text.strip() or link.premise is None or link.at > len(sides):
            continue
        start = max((k for k in range(link.at) if not sides[k].relation_text), default=None)
        if start is None or link.at - start < 3:  # one relation: the condition only
            continue
        statement = sides[start:link.at]
        if any(s.expr is None or s.error for s in statement) \
                or any(s.relation is not Relation.EQ for s in statement[1:-1]) \
                or len(link.premise) < len(statement) - 1:
            continue
        for k in range(start + 1, link.at - 1):  # every relation but the last, which is solved
            a, b = sides[k - 1].expr, sides[k].expr
            if a is not None and b is not None and not _bare(a) and not _bare(b):
                out[k] = k - start - 1
    return out


def stated_links(chain: ReadChain, claims: dict[int, int]) -> dict[int, list[ReadLink]]:
    """The logical steps of ``chain`` by the index of the side they lead to,
    each with a premise (and a conclusion: ``A \\iff B = C = 0 \\implies D``)
    rid of the relations ``claims`` checks as steps."""
    sides = chain.sides
    starts = [k for k, s in enumerate(sides) if not s.relation_text]
    out: dict[int, list[ReadLink]] = {i: [] for i in range(len(sides) + 1)}
    for link in chain.links:
        start = max((k for k in starts if k < link.at), default=0)
        end = min((k for k in starts if k > link.at), default=len(sides))
        premise = _without(link.premise, {claims[k] for k in range(start + 1, link.at) if k in claims})
        conclusion = _without(link.conclusion, {claims[k] for k in range(link.at + 1, end) if k in claims})
        out.setdefault(link.at, []).append(replace(link, premise=premise, conclusion=conclusion))
    return out


def _without(statement: tuple[sp.Basic, ...] | None, dropped: set[int]) -> tuple[sp.Basic, ...] | None:
    """``statement`` without its relations at the indices ``dropped``."""
    if statement is None or not dropped:
        return statement
    return tuple(p for i, p in enumerate(statement) if i not in dropped)


def _bare(expr: sp.Basic) -> bool:
    """A name, a number, an undefined function's value or a moment: what a
    premise names or supposes (``x = y = 1``, ``\\mathbb{E}[X] = \\mathbb{E}[Y] = 0``),
    not an expression it rewrites."""
    return bool(expr.is_Atom) or isinstance(expr, (sp.MatrixSymbol, sp.Indexed, AppliedUndef, *MOMENTS))
