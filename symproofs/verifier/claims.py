"""Whether a derivation's chains establish its claim: the chains that must
(:func:`claim_route`), the goals that compare them with the claim's sides
(:func:`conclusion_checks`), what a failed comparison means
(:func:`settle_conclusion`), and the checks beyond the steps
(:func:`relation_result`): each chain's relations compose, the route's
composed relation gives the claim's, and an induction runs over integers
from a start its variable never lies below, with no stronger assumption on
the variable than that start.

A claim the chains do not establish is *unknown*, with what is missing;
it is *refuted* only where it is itself shown false at a point. A claim
written the other way round (``x <= x + 1`` for a chain ``x + 1 >= x``) is
the same statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts, rename_bound
from symproofs.core.model import Chain, Derivation, Relation, compose
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.verifier.points import expand_finite, settled
from symproofs.verifier.provenance import ESTABLISHES, claim_parts
from symproofs.verifier.values import Undecided, fails
from symproofs.verifier.worker import bounded

__all__ = ["Check", "Route", "claim_route", "conclusion_checks", "relation_result", "settle_conclusion"]

#: The same statement read from right to left: ``a <= b`` is ``b >= a``.
_CONVERSE = {Relation.EQ: Relation.EQ, Relation.LE: Relation.GE, Relation.LT: Relation.GT,
             Relation.GE: Relation.LE, Relation.GT: Relation.LT, Relation.IFF: Relation.IFF}

_METHOD = "claim not established"


@dataclass(frozen=True, kw_only=True)
class Route:
    """The chains that establish the claim, in order (each starts where the
    previous ends), and the claim as they read it (perhaps the other way round)."""

    chains: tuple[int, ...]
    relation: Relation
    lhs: sp.Basic
    rhs: sp.Basic

    def composed(self, chains: Sequence[Chain]) -> Relation | None:
        """The relation the route's chains give together (``None`` if they do not compose)."""
        rel: Relation | None = Relation.EQ
        for ci in self.chains:
            step = chains[ci].relation
            if rel is None or step is None:
                return None
            rel = compose(rel, step)
        return rel

    def names(self) -> str:
        return ("chain " if len(self.chains) == 1 else "chains ") + ", ".join(str(ci + 1) for ci in self.chains)


@dataclass(frozen=True, kw_only=True)
class Check:
    """A goal comparing a chain's start or end with a side of the claim;
    ``chain`` is the chain whose context it is checked in."""

    chain: int
    relation: Relation
    lhs: sp.Basic
    rhs: sp.Basic
    label: str


def _readings(rel: Relation, lhs: sp.Basic, rhs: sp.Basic) -> list[tuple[Relation, sp.Basic, sp.Basic]]:
    """The claim as written, then read from right to left when that is the same statement."""
    converse = _CONVERSE.get(rel)
    return [(rel, lhs, rhs), *(((converse, rhs, lhs),) if converse is not None else ())]


def _path(chains: Sequence[Chain], a: sp.Basic, b: sp.Basic) -> tuple[int, ...] | None:
    """The shortest sequence of chains from ``a`` to ``b``, each starting
    (as written) where the previous ends."""
    todo: list[tuple[int, ...]] = [(ci,) for ci, c in enumerate(chains) if c.start == a]
    while todo:
        nxt: list[tuple[int, ...]] = []
        for path in todo:
            if chains[path[-1]].end == b:
                return path
            nxt.extend((*path, cj) for cj, c in enumerate(chains)
                       if cj not in path and c.start == chains[path[-1]].end)
        todo = nxt
    return None


def claim_route(d: Derivation, rel: Relation, lhs: sp.Basic, rhs: sp.Basic) -> Route:
    """The chains that must establish the claim ``lhs rel rhs``: one chain
    from one of its sides to the other, else chains each starting where the
    previous ends from one side to the other (the claim read either way
    round when that is the same statement), else the last chain, with the
    claim read in the direction that chain's relation can give."""
    readings = _readings(rel, lhs, rhs)
    for r, a, b in readings:
        for ci, chain in enumerate(d.chains):
            if chain.start == a and chain.end == b:
                return Route(chains=(ci,), relation=r, lhs=a, rhs=b)
    for r, a, b in readings:
        path = _path(d.chains, a, b)
        if path is not None:
            return Route(chains=path, relation=r, lhs=a, rhs=b)
    last = len(d.chains) - 1
    shown = d.chains[last].relation
    r, a, b = next(((r, a, b) for r, a, b in readings if shown in ESTABLISHES.get(r, frozenset())), readings[0])
    return Route(chains=(last,), relation=r, lhs=a, rhs=b)


def _at(e: sp.Basic, t: sp.Basic, value: sp.Basic) -> sp.Basic:
    """``e`` with the free ``t`` replaced (a sum over its own ``t`` is kept)."""
    return rename_bound(e, {t}).xreplace({t: value})


def _ends(chain_start: sp.Basic, chain_end: sp.Basic, rel: Relation, lhs: sp.Basic, rhs: sp.Basic,
          first: int, last: int) -> list[Check]:
    """The checks that the route starts at ``lhs`` (in chain ``first``) and ends at ``rhs`` (in ``last``).
    Between statements, the claim's premise gives the start and the end gives the conclusion."""
    start = (Relation.IMPLIES, lhs, chain_start) if rel.is_logical else (Relation.EQ, chain_start, lhs)
    end = (Relation.IMPLIES, chain_end, rhs) if rel.is_logical else (Relation.EQ, chain_end, rhs)
    if rel is Relation.IFF:
        start, end = (Relation.IFF, lhs, chain_start), (Relation.IFF, chain_end, rhs)
    return [Check(chain=first, relation=start[0], lhs=start[1], rhs=start[2],
                  label=f"chain {first + 1} starts at the claim"),
            Check(chain=last, relation=end[0], lhs=end[1], rhs=end[2], label=f"chain {last + 1} ends at the claim")]


def conclusion_checks(d: Derivation) -> list[Check]:
    """The goals that compare the chains with the claim: the route's first
    start and last end with the claim's sides; for an induction, the base
    chain with ``P(start)`` and the step chain with ``P(t + 1)``."""
    parts = claim_parts(d.claim)
    if parts is None:
        return []
    rel, lhs, rhs = parts
    if d.induction is not None:
        t, start = d.induction.variable, d.induction.start
        out: list[Check] = []
        for ci, value in enumerate((start, t + 1)[:len(d.chains)]):
            chain = d.chains[ci]
            out += _ends(chain.start, chain.end, rel, _at(lhs, t, value), _at(rhs, t, value), ci, ci)
        return out
    route = claim_route(d, rel, lhs, rhs)
    first, last = route.chains[0], route.chains[-1]
    return _ends(d.chains[first].start, d.chains[last].end, route.relation, route.lhs, route.rhs, first, last)


def _claim_fails(d: Derivation, cx: Counterexample) -> Counterexample | None:
    """A counterexample to the claim itself at the point ``cx`` found for a
    conclusion check: the claim, a relation between plain expressions, is
    false there (decided exactly). ``None`` when it is not shown false."""
    parts = claim_parts(d.claim)
    if parts is None or parts[0] not in _KINDS or not cx.assignment:
        return None
    rel, lhs, rhs = parts
    if any(not isinstance(s, sp.Expr) or isinstance(s, sp.MatrixExpr) or s.atoms(AppliedUndef) for s in (lhs, rhs)):
        return None
    if not all(isinstance(k, sp.Symbol) for k, _ in cx.assignment):
        return None
    at: dict[sp.Basic, sp.Basic] = dict(cx.assignment)
    try:  # a bound variable keeps its name: the point's value reaches only the free one; from the inside out
        a, b = (expand_finite(settled(side, at)) for side in (lhs, rhs))
    except (ValueError, Undecided):  # a sum whose own variable is in its limits has no value there
        return None
    if not isinstance(a, sp.Expr) or not isinstance(b, sp.Expr) or a.free_symbols or b.free_symbols:
        return None
    kind, swap = _KINDS[rel]
    try:
        false = fails(b, a, kind) if swap else fails(a, b, kind)
    except Undecided:
        return None
    return Counterexample(assignment=cx.assignment, lhs=a, rhs=b) if false else None


#: For each relation of a claim, how :func:`fails` decides it (and whether the sides swap).
_KINDS = {Relation.EQ: ("eq", False), Relation.LE: ("le", False), Relation.LT: ("lt", False),
          Relation.GE: ("le", True), Relation.GT: ("lt", True)}


def settle_conclusion(d: Derivation, result: StepResult, label: str, *,
                      limits: tuple[float, int] | None = None) -> StepResult:
    """What a conclusion check's result says of the claim. A chain that
    does not start or end at the claim's side establishes nothing about
    it, and shows nothing false: the result is *unknown*, unless the claim
    itself is false at the point found (then *refuted* there). Whether it
    is false there is decided in a worker under ``limits`` (time in s,
    memory in MiB: the claim's sides are the user's, and their value may
    not end); past them it is not shown false (``None``: decided here, as
    the goals are when they are not isolated)."""
    if result.verdict is not Verdict.REFUTED:
        return result
    cx = result.counterexample
    refuting = None
    if cx is not None:
        point = cx
        refuting = bounded(lambda: _claim_fails(d, point), timeout=limits[0] if limits else None,
                           memory_mb=limits[1] if limits else 0, default=None)
    if refuting is not None:
        return result.replace(counterexample=refuting, message=f"the claim {sp.sstr(d.claim)} is false at this point")
    where = f" ({cx.describe()})" if cx is not None else ""
    return StepResult(verdict=Verdict.UNKNOWN, method=f"conclusion: {label} ({_METHOD})", trust=Trust.NONE,
                      message=f"not so{where}: the chains do not establish the claim {sp.sstr(d.claim)}, nor "
                              "show it false")


def _unknown(message: str) -> StepResult:
    return StepResult(verdict=Verdict.UNKNOWN, method=_METHOD, trust=Trust.NONE, message=message)


def relation_result(d: Derivation) -> list[StepResult]:
    """Whether the chains' composed relations give the claimed relation."""
    out: list[StepResult] = []
    for ci, chain in enumerate(d.chains):
        if chain.relation is None:  # each step may be true: the chain shows no relation from start to end
            out.append(StepResult(verdict=Verdict.UNKNOWN, method="relations do not compose", trust=Trust.NONE,
                                  message=f"chain {ci + 1} mixes relations that do not compose: it shows no "
                                          "relation between its start and its end"))
    if d.claim is None:
        return out
    parts = claim_parts(d.claim)
    if parts is None:
        out.append(_unknown(f"the claim {sp.sstr(d.claim)} is neither a relation nor an implication "
                            "or equivalence; it is not checked against the chains"))
        return out
    claim_rel, lhs, rhs = parts
    if d.induction is not None:
        out.extend(_induction_problems(d))
        routes = [Route(chains=(ci,), relation=claim_rel, lhs=lhs, rhs=rhs) for ci in range(len(d.chains))]
    else:
        routes = [claim_route(d, claim_rel, lhs, rhs)]
    for route in routes:
        if any(d.chains[ci].relation is None for ci in route.chains):
            continue  # said above
        rel = route.composed(d.chains)
        if rel is None:
            out.append(_unknown(f"{route.names()} do not compose into one relation"))
        elif rel not in ESTABLISHES.get(route.relation, frozenset()):
            out.append(_unknown(f"{route.names()} {'shows' if len(route.chains) == 1 else 'show'} "
                                f"'{rel.value}', the claim needs '{route.relation.value}'"))
    return out


def _induction_problems(d: Derivation) -> list[StepResult]:
    """Why an induction may not reach the claim: its variable or start is
    not an integer, or the assumptions let the variable lie below the start
    or bound it more tightly than the start does."""
    assert d.induction is not None
    out: list[StepResult] = []
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
    return out
