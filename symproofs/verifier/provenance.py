"""Where a cited lemma's proof comes from, and whether it counts.

A lemma with ``proved_by="some-id"`` lends trust ``symbolic`` to the steps
that cite it only when the derivation ``some-id``

* exists (in the run, or in the library, whose derivations are then checked
  in the same run: nothing is taken as proved on its reputation),
* is not the citing derivation and states the lemma (:func:`proves`), and
* is proved in this run, itself resting only on lemmas that meet these
  conditions: a cycle of ``proved_by`` (A's lemma proved by B, B's by A)
  grounds nothing.

Otherwise the lemma is merely cited and the steps that use it are trusted
as *given*. The relation tables here also say which chain relations
establish a claimed one.

>>> import sympy as sp
>>> from symproofs.core.model import Chain, Derivation, Lemma, Relation, Step
>>> x = sp.Symbol("x", real=True)
>>> lem = Lemma(name="sq", statement=sp.Ge(x**2, 0), variables=(x,), proved_by="elsewhere")
>>> d = Derivation(id="d", title="d", question="Q", lemmas=(lem,),
...     chains=(Chain(start=x**2 + 1, steps=(Step(Relation.GE, sp.Integer(1), "sq", ("sq",)),)),))
>>> checked_lemmas(d, {}).lemmas[0].proved_by is None
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.hypotheses import pattern_symbols
from symproofs.core.model import Derivation, Given, Lemma, Relation, flatten_side
from symproofs.core.results import ChainResult, DerivationResult, Trust, Verdict
from symproofs.core.statements import RELATION_OF
from symproofs.probability.variables import Independent, Uncorrelated

__all__ = [
    "ESTABLISHES",
    "checked_lemmas",
    "claim_parts",
    "given_hypotheses",
    "library",
    "provers_to_check",
    "proves",
    "settle_trust",
    "unsupported_lemmas",
]


#: For each claimed relation, the composed chain relations that establish it:
#: ``<`` gives ``<=``, never the other way round; ``<=>`` gives ``=>``.
ESTABLISHES: dict[Relation, frozenset[Relation]] = {
    Relation.EQ: frozenset({Relation.EQ}),
    Relation.LE: frozenset({Relation.EQ, Relation.LE, Relation.LT}),
    Relation.LT: frozenset({Relation.LT}),
    Relation.GE: frozenset({Relation.EQ, Relation.GE, Relation.GT}),
    Relation.GT: frozenset({Relation.GT}),
    Relation.IMPLIES: frozenset({Relation.IMPLIES, Relation.IFF}),
    Relation.IFF: frozenset({Relation.IFF}),
}


def claim_parts(claim: sp.Basic | None) -> tuple[Relation, sp.Basic, sp.Basic] | None:
    """A claim as (relation, left, right): a relation between expressions,
    or an implication or equivalence between statements; ``None`` otherwise."""
    if claim is None:
        return None
    rel = RELATION_OF.get(type(claim))
    if rel is not None:
        return rel, claim.lhs, claim.rhs
    if isinstance(claim, sp.Implies):
        return Relation.IMPLIES, claim.args[0], claim.args[1]
    if isinstance(claim, sp.Equivalent) and len(claim.args) == 2:
        return Relation.IFF, claim.args[0], claim.args[1]
    return None


def proves(prover: Derivation, statement: sp.Basic) -> bool:
    """Whether ``prover`` states ``statement``: as its claim, or as the
    start and end of one of its chains with a relation that gives it."""
    if prover.claim is not None and prover.claim == statement:
        return True
    parts = claim_parts(statement)
    if parts is None:
        return False
    rel, lhs, rhs = parts
    return any(c.start == lhs and c.end == rhs and c.relation in ESTABLISHES[rel] for c in prover.chains)


def assumes_no_more(prover: Derivation, lemma: Lemma, user: Derivation) -> bool:
    """Whether what ``prover`` assumes holds wherever ``user`` applies
    ``lemma``: each assumption about a lemma variable (or a dimension of a
    matrix variable, :func:`~symproofs.core.hypotheses.pattern_symbols`) is
    one of the lemma's hypotheses (the variable takes any value they allow),
    each other assumption (those its laws impose too), each law, family and
    independence of its probability spaces (:func:`_laws_hold`), each
    declaration of its matrix algebras (:func:`_declarations_hold`) and each
    given (with its index range) that is not about a lemma variable is also
    ``user``'s. A given about a lemma variable (``f(t) = 0``) is a
    hypothesis of the lemma, checked at each instance
    (:func:`given_hypotheses`). (What the prover itself cites shows in the
    trust it lends, :func:`settle_trust`.) A proof of ``x^2 >= x`` under
    ``x >= 1`` proves nothing about ``y^2 >= y`` for every ``y``."""
    variables = pattern_symbols(lemma)
    implied = {c for alg in user.algebras for c in alg.assumptions()}
    for fact in (*prover.assumptions, *(c for alg in prover.algebras for c in alg.assumptions())):
        if fact in implied:
            continue
        if fact.free_symbols & variables:
            if fact not in lemma.hypotheses:
                return False
        elif fact not in user.assumptions:
            return False  # an assumption the prover makes (or its laws impose, 0 <= p <= 1) the user does not
    if not _laws_hold(prover, lemma, user) or not _declarations_hold(prover, user):
        return False
    told = set(user.givens)  # each given with its index range (a recurrence from k = 1 is not one from k = 3)
    for g in prover.givens:
        about = _about(g)
        if about & variables:
            if g.index is not None:
                return False  # a family whose statement or range depends on a lemma variable: no one instance
        elif g not in told:
            return False
    return True


def _about(g: Given) -> set[sp.Basic]:
    """The symbols a given speaks of, apart from its own index."""
    bounds = (b for b in (g.valid_from, g.valid_to) if isinstance(b, sp.Basic))
    about: set[sp.Basic] = set(g.statement.free_symbols) - {g.index}
    return about | {s for b in bounds for s in b.free_symbols}


def given_hypotheses(prover: Derivation, lemma: Lemma) -> tuple[sp.Basic, ...]:
    """The statements of the prover's (plain) givens about a lemma variable:
    hypotheses of the lemma, which hold at an instance only when the user's
    context states them there (``f(t) = 0`` proves nothing at ``t + 1``)."""
    variables = pattern_symbols(lemma)
    return tuple(g.statement for g in prover.givens
                 if g.index is None and _about(g) & variables and g.statement not in lemma.hypotheses)


def _declarations_hold(prover: Derivation, user: Derivation) -> bool:
    """Whether the prover's matrix declarations (masks and their laws,
    random matrices, derivatives: :meth:`~symproofs.core.goals.Algebra.declarations`)
    are the user's, and the user declares no other law for a matrix the
    prover mentions (the prover took it for a constant). A lemma proved for
    a Bernoulli(``p``) mask says nothing of a Bernoulli(``q``) one."""
    ours = frozenset().union(*(alg.declarations() for alg in prover.algebras))
    theirs = frozenset().union(*(alg.declarations() for alg in user.algebras))
    if not ours <= theirs:
        return False
    said = _expressions(prover)
    return not any(item[0] in ("mask", "random") and any(e.has(item[1]) for e in said)
                   for item in theirs - ours)


def _expressions(d: Derivation) -> list[sp.Basic]:
    """Every expression ``d`` states: claim, chain sides, givens, lemmas, provided lemmas."""
    out: list[sp.Basic] = [*d.assumptions, *(g.statement for g in d.givens),
                           *(lem.statement for lem in (*d.lemmas, *d.provides))]
    if d.claim is not None:
        out.append(d.claim)
    for c in d.chains:
        for side in (c.start, *(st.expr for st in c.steps)):
            out.extend(x for x in flatten_side(side) if isinstance(x, sp.Basic))
    return out


def _laws_hold(prover: Derivation, lemma: Lemma, user: Derivation) -> bool:
    """Whether each declaration of the prover's probability spaces (a law,
    a family, independence) is also the user's, or is about the lemma's
    variables only and the lemma says as much: a law that assumes nothing
    (``Generic()``), independence its hypotheses state."""
    names = {str(v) for v in lemma.variables}
    stated = [{str(a) for a in h.args} for h in lemma.hypotheses if isinstance(h, (Independent, Uncorrelated))]
    theirs = {item for alg in user.algebras for item in alg.fingerprint().split("; ")}
    for alg in prover.algebras:
        kind, *items = alg.fingerprint().split("; ")
        if kind != "probability":
            continue
        for item in items:
            if item in theirs:
                continue
            if "~" in item:
                if item.partition("~")[0] not in names or item.partition("~")[2] != "Generic()":
                    return False
                continue
            inside = item[item.index("(") + 1:-1]
            group = {n for part in inside.split(" | ") for n in part.split(",")}
            if not group <= names or not any(group <= h for h in stated):
                return False
    return True


def checked_lemmas(d: Derivation, provers: Mapping[str, Derivation]) -> Derivation:
    """``d`` with ``proved_by`` kept only on lemmas whose named derivation
    exists among ``provers``, is not ``d`` itself, states the lemma and
    assumes no more than holds where ``d`` uses it (:func:`assumes_no_more`);
    any other lemma is cited (steps that use it are trusted as given). A
    counted lemma gains as hypotheses the prover's givens about its
    variables (:func:`given_hypotheses`)."""
    lemmas = tuple(_checked(lem, d, provers) for lem in d.lemmas)
    return d if lemmas == d.lemmas else replace(d, lemmas=lemmas)


def _checked(lem: Lemma, d: Derivation, provers: Mapping[str, Derivation]) -> Lemma:
    if lem.proved_by is None:
        return lem
    prover = provers.get(lem.proved_by)
    if lem.proved_by == d.id or prover is None or not proves(prover, lem.statement) \
            or not assumes_no_more(prover, lem, d):
        return replace(lem, proved_by=None)
    extra = given_hypotheses(prover, lem)
    return replace(lem, hypotheses=(*lem.hypotheses, *extra)) if extra else lem


def library() -> dict[str, Derivation]:
    """The built-in derivations, which library lemmas name in ``proved_by``."""
    try:
        from symproofs.library import derivations
    except ImportError:  # a stripped install: nothing proved elsewhere
        return {}
    return {x.id: x for x in derivations()}


def provers_to_check(ds: Sequence[Derivation], provers: Mapping[str, Derivation]) -> list[Derivation]:
    """The derivations that ``ds`` name in ``proved_by`` (directly or
    through the lemmas of those), found in ``provers`` and not among ``ds``:
    they are checked in the same run."""
    seen = {d.id for d in ds}
    todo = [lem.proved_by for d in ds for lem in d.lemmas if lem.proved_by is not None]
    extra: list[Derivation] = []
    while todo:
        name = todo.pop()
        if name in seen or name not in provers:
            continue
        seen.add(name)
        extra.append(provers[name])
        todo.extend(lem.proved_by for lem in provers[name].lemmas if lem.proved_by is not None)
    return extra


def unsupported_lemmas(ds: Sequence[Derivation], status: Mapping[str, Verdict]) -> dict[str, set[str]]:
    """Per derivation id, the names of its lemmas whose ``proved_by`` does
    not count: the derivation named was not checked in this run, is not
    proved, or rests (through ``proved_by``, at any depth) on one of those
    or on itself."""
    by_id = {d.id: d for d in ds}
    grounded: dict[str, bool] = {}

    def ground(name: str, path: frozenset[str]) -> bool:
        if name in grounded:
            return grounded[name]
        d = by_id.get(name)
        if d is None or name in path or status.get(name) is not Verdict.PROVED:
            return False  # not checked here, not proved, or a cycle
        ok = all(ground(lem.proved_by, path | {name}) for lem in d.lemmas if lem.proved_by is not None)
        grounded[name] = ok
        return ok

    return {d.id: {lem.name for lem in d.lemmas
                   if lem.proved_by is not None and not ground(lem.proved_by, frozenset({d.id}))}
            for d in ds}


def settle_trust(ds: Sequence[Derivation], out: Sequence[DerivationResult],
                 uses: Sequence[Sequence[Sequence[str]]]) -> list[DerivationResult]:
    """``out`` (the results of ``ds``; ``uses[i][j]``: what step ``j`` of
    ``ds[i]`` cites) with the trust its lemmas lend. A step that cites a
    lemma whose ``proved_by`` does not count (:func:`unsupported_lemmas`)
    is trusted as given, not as symbolic; a derivation is trusted no more
    than the derivations that prove the lemmas it cites (``lent``), so a
    proof that rests on a cited fact at any depth says so."""
    weak_of = unsupported_lemmas(ds, {d.id: r.status for d, r in zip(ds, out, strict=True)})
    fixed = {d.id: _downgraded(r, weak_of[d.id], u) for d, r, u in zip(ds, out, uses, strict=True)}
    by_id = {d.id: d for d in ds}
    done: set[str] = set()

    def settled(name: str) -> DerivationResult:
        # grounded provers form no cycle (unsupported_lemmas), so this ends; each is settled once
        if name not in done:
            res = fixed[name]
            provers = [lem.proved_by for lem in by_id[name].lemmas
                       if lem.proved_by is not None and lem.name not in weak_of[name]]
            lent = min((settled(p).trust for p in provers), key=lambda t: t.rank, default=Trust.SYMBOLIC)
            fixed[name] = res if lent is res.lent else replace(res, lent=lent)
            done.add(name)
        return fixed[name]

    return [settled(d.id) for d in ds]


def _downgraded(res: DerivationResult, weak: set[str], uses: Sequence[Sequence[str]]) -> DerivationResult:
    if not weak:
        return res
    steps = iter(s.replace(trust=Trust.GIVEN) if s.trust is Trust.SYMBOLIC and weak & set(u) else s
                 for s, u in zip((s for c in res.chains for s in c.steps), uses, strict=True))
    chains = tuple(ChainResult(label=c.label, steps=tuple(next(steps) for _ in c.steps)) for c in res.chains)
    return replace(res, chains=chains)
