"""Whether a derivation's chains establish its claim: the chain that must
(:func:`claim_chain`), and the checks beyond its steps
(:func:`relation_result`): each chain's relations compose, the chain's
composed relation gives the claim's, and an induction runs over integers
from a start its variable never lies below, with no stronger assumption on
the variable than that start."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Derivation
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.verifier.provenance import ESTABLISHES, claim_parts

__all__ = ["claim_chain", "relation_result"]


def claim_chain(d: Derivation, lhs: sp.Basic, rhs: sp.Basic) -> int:
    """The chain that must establish the claim: the only one, else the one
    that starts and ends at its sides, else the last."""
    for ci, chain in enumerate(d.chains):
        if chain.start == lhs and chain.end == rhs:
            return ci
    return len(d.chains) - 1


def _unknown(message: str) -> StepResult:
    return StepResult(verdict=Verdict.UNKNOWN, method="claim not established", trust=Trust.NONE, message=message)


def relation_result(d: Derivation) -> list[StepResult]:
    """Whether the chains' composed relations give the claimed relation."""
    out: list[StepResult] = []
    for ci, chain in enumerate(d.chains):
        if chain.relation is None:
            out.append(StepResult(verdict=Verdict.REFUTED, method="relations do not compose",
                                  trust=Trust.NONE, message=f"chain {ci + 1} mixes relations that do not compose"))
    if d.claim is None:
        return out
    parts = claim_parts(d.claim)
    if parts is None:
        out.append(_unknown(f"the claim {sp.sstr(d.claim)} is neither a relation nor an implication "
                            "or equivalence; it is not checked against the chains"))
        return out
    claim_rel, lhs, rhs = parts
    if d.induction is not None:
        t, start = d.induction.variable, d.induction.start
        if t.is_integer is not True:
            out.append(_unknown(f"induction on '{t}', which is not declared an integer"))
        elif (kind := next((k for k in ("even", "odd", "prime", "composite") if getattr(t, f"is_{k}") is not None),
                           None)) is not None:
            # the step from t to t + 1 is then checked only where t is even (or odd, ...): it reaches nothing
            out.append(_unknown(f"induction on '{t}', declared {kind if getattr(t, f'is_{kind}') else 'not ' + kind}"
                                f": the step from {t} to {t} + 1 is checked only for such {t}"))
        if getattr(start, "is_integer", None) is not True:
            out.append(_unknown(f"induction from {sp.sstr(start)}, which is not an integer"))
        elif Facts(constraints=tuple(d.assumptions)).nonnegative(t - start) is not True:
            out.append(_unknown(f"the induction shows the claim for {t} >= {sp.sstr(start)} only, and the "
                                f"assumptions let {t} be smaller: assume {t} >= {sp.sstr(start)}"))
        elif any(Facts(constraints=(sp.Ge(t, start),)).decide(a) is not True
                 for a in d.assumptions if t in a.free_symbols):
            out.append(_unknown(f"the induction step is checked under assumptions on {t} stronger than "
                                f"{t} >= {sp.sstr(start)}: the steps below them are not shown"))
        checked = list(range(len(d.chains)))
    else:
        checked = [claim_chain(d, lhs, rhs)]
    for ci in checked:
        rel = d.chains[ci].relation
        if rel is None:
            continue
        if rel not in ESTABLISHES.get(claim_rel, frozenset()):
            out.append(_unknown(f"chain {ci + 1} shows '{rel.value}', the claim needs '{claim_rel.value}'"))
    return out
