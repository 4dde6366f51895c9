"""The verifier: turn a derivation into goals and check each one.

:func:`check_goal` runs the strategy tables of :mod:`symproofs.verifier.strategies`
in order, cheapest first, and falls back on the refutation probe of :mod:`symproofs.verifier.probe`.
:func:`verify` checks a whole derivation, each step in a worker process with a time
limit and memory cap (:mod:`symproofs.verifier.worker`).

>>> import sympy as sp
>>> from symproofs.core.model import Chain, Derivation, Relation, Step
>>> x = sp.Symbol("x", real=True)
>>> d = Derivation(id="sq", title="Square", question="Q0", chains=(
...     Chain(start=(x + 1)**2, steps=(Step(Relation.EQ, x**2 + 2*x + 1, "expand"),)),))
>>> verify(d, isolate=False).status
<Verdict.PROVED: 'proved'>
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, cast

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts, contradiction, values_given
from symproofs.core.goals import BUDGET, RANDOM_ELSEWHERE, Context, Goal, Outcome, random_heads_of
from symproofs.core.model import Derivation, Given, Identically, Relation, flatten_side
from symproofs.core.results import ChainResult, Counterexample, DerivationResult, StepResult, Trust, Verdict
from symproofs.verifier.binders import goal_binder_problem
from symproofs.verifier.boundnames import index_in_name_result, summands
from symproofs.verifier.claims import conclusion_checks, relation_result, settle_conclusion
from symproofs.verifier.definedness import derivative_at, kinked_points, may_be_infinite, point_problem
from symproofs.verifier.differentiation import has_unevaluated, prepare, refute_entrywise
from symproofs.verifier.existence import bound_problem, goal_existence_problem
from symproofs.verifier.explicit import entrywise
from symproofs.verifier.givens import bound_definition, exposed, into_moments, oriented, tied_to_chance
from symproofs.verifier.integrals import antiderivatives
from symproofs.verifier.limits import generic_limit, read_limits
from symproofs.verifier.names import name_clash
from symproofs.verifier.probe import EDGES, Probe
from symproofs.verifier.provenance import checked_lemmas, library, provers_to_check, settle_trust
from symproofs.verifier.reasons import readable
from symproofs.verifier.recheck import rechecked
from symproofs.verifier.search import Search
from symproofs.verifier.strategies import EQUALITY, LOGICAL, ORDER, State, Strategy, failure_note
from symproofs.verifier.sums import delta_congruence, read_sums
from symproofs.verifier.worker import run_tasks

__all__ = ["CONTRADICTION", "UNCACHEABLE", "GoalRef", "Options", "ResultCache", "check_goal", "check_goals", "goals_of",
           "run_isolated", "verify", "verify_all"]


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to verify: per-step time limit (s), memory cap (MiB), workers."""

    timeout: float = 60.0
    memory_mb: int = 2048
    jobs: int = 1
    isolate: bool = True
    seed: int = 20261125


@dataclass(frozen=True, kw_only=True)
class GoalRef:
    """Where a goal comes from: chain index (or -1 for a conclusion check)
    and step index."""

    chain: int
    step: int
    goal: Goal


def _kind(side: object) -> str:
    parts = flatten_side(side)
    if isinstance(side, tuple) or any(isinstance(p, (sp.Rel, sp.And, Identically)) for p in parts):
        return "statement"
    return "expression"


def _table(goal: Goal) -> Sequence[tuple[str, Strategy]]:
    algebras = goal.context.algebras
    if goal.relation.is_logical:
        extra = [s for alg in algebras for s in alg.logical_strategies()]
        return [*LOGICAL, *cast(list[tuple[str, Strategy]], extra)]
    if goal.relation.is_order:
        table, before = list(ORDER), "sign after simplification"
        extra = [s for alg in algebras for s in alg.order_strategies()]
    else:
        table, before = list(EQUALITY), "assumption-aware simplification"
        extra = [s for alg in algebras for s in alg.strategies()]
    if extra:
        at = next(i for i, (name, _) in enumerate(table) if name == before)
        table[at:at] = cast(list[tuple[str, Strategy]], extra)
    if goal.relation is Relation.EQ or goal.relation.is_order:
        # Right after the strategies no point can contradict: a false step
        # is refuted before any expensive strategy runs, and a step proved
        # later has been evaluated at the cross-examination's points already.
        at = next(i for i, (name, _) in enumerate(table) if name == "given hypothesis") + 1
        table[at:at] = [("quick refutation", _quick_refutation)]
        at = next(i for i, (name, _) in enumerate(table) if name == before)
        table[at:at] = [("full refutation", _probed_further)]
    return table


def _difference(goal: Goal) -> sp.Basic:
    if goal.relation in (Relation.EQ, Relation.TENDS) or goal.relation.is_logical:
        if _kind(goal.lhs) == "expression" and _kind(goal.rhs) == "expression":
            return goal.lhs - goal.rhs  # type: ignore[operator]
        return sp.S.Zero
    if goal.relation in (Relation.LE, Relation.LT):
        return goal.rhs - goal.lhs  # type: ignore[operator]
    return goal.lhs - goal.rhs  # type: ignore[operator]


def _validate(goal: Goal) -> None:
    lk, rk = _kind(goal.lhs), _kind(goal.rhs)
    if goal.relation.is_logical and (lk != "statement" or rk != "statement"):
        raise InputError(
            f"'{goal.relation.value}' relates statements (equations or systems); "
            "use '=' or an inequality between expressions"
        )
    if not goal.relation.is_logical and (lk != "expression" or rk != "expression"):
        raise InputError(
            f"'{goal.relation.value}' relates expressions; between equations use '=>' or '<=>'"
        )
    clash = contradiction([*goal.context.facts.constraints, *values_given(goal.context.givens)])
    if clash is not None:  # x > 0 and x < 0 assumed, or c = 0 given beside the c != 0 of a written x/c: vacuous
        raise InputError(f"the assumptions contradict each other (no value of '{clash}' meets them): nothing follows")
    twins = name_clash(goal)  # over the step, its assumptions, givens, lemmas and the algebras' declarations
    if twins is not None:
        raise InputError(twins)
    unbounded = sorted(may_be_infinite((goal.lhs, goal.rhs)), key=sp.default_sort_key)
    if unbounded:
        names = ", ".join(f"'{s}'" for s in unbounded)
        raise InputError(f"{names} may be infinite (declared infinite or extended real); steps are checked "
                         "for finite values only: declare the symbol real, positive, ... instead")
    for alg in goal.context.algebras:
        problem = alg.ill_formed(goal)
        if problem is not None:
            raise InputError(problem)


class _MayNotExist(Exception):
    """A series or an integral of the step may not exist."""


def _derivatives(goal: Goal) -> tuple[Goal, tuple[str, ...]]:
    """The goal with derivatives by entries evaluated and those whose value
    is not certain made opaque (:func:`symproofs.verifier.differentiation.prepare`),
    so that no strategy and no probe point evaluates them by syntax; and the
    reasons for the opaque ones."""
    # statements (y = x^2 => dy/dx = 2x) too: sympy's dy/dx = 0 must not refute them
    lhs, rhs = (sp.Tuple(*s) if isinstance(s, tuple) and all(isinstance(x, sp.Basic) for x in s) else s
                for s in (goal.lhs, goal.rhs))
    if not all(isinstance(s, sp.Basic) and not isinstance(s, sp.MatrixExpr) for s in (lhs, rhs)) \
            or not (lhs.has(sp.Derivative) or rhs.has(sp.Derivative)):  # type: ignore[union-attr]
        return goal, ()
    new_lhs, new_rhs, refused = prepare(lhs, rhs, goal.context.facts, goal.context.givens, goal.context.lemmas)
    if new_lhs == lhs and new_rhs == rhs:
        return goal, refused
    back = [tuple(n.args) if isinstance(o, tuple) else n for o, n in ((goal.lhs, new_lhs), (goal.rhs, new_rhs))]
    return replace(goal, lhs=back[0], rhs=back[1]), refused


def _generic(goal: Goal) -> str | None:
    """Why no strategy but the self-evident ones may decide the goal: a limit
    with a parameter, or a derivative at a kink, in the sides as written or
    once the givens are rewritten into them (y = |x|, then y' at 0)."""
    sides = (goal.lhs, goal.rhs, *exposed(goal))
    reason = generic_limit(sides) or delta_congruence(sides)
    if reason is not None:
        return reason
    unsettled = [k for side in sides[2:] for k in kinked_points(side) if derivative_at(k) is None]
    if unsettled:
        return point_problem(unsettled[0])
    return None


def _blind(outcome: Outcome, refused: tuple[str, ...], goal: Goal) -> Outcome:
    """A refutation through an opaque derivative refutes nothing: it stands
    only when the difference of the sides does not involve one."""
    if outcome.verdict is not Verdict.REFUTED or not refused:
        return outcome
    sides = (goal.lhs, goal.rhs)
    if all(isinstance(s, sp.Expr) for s in sides) and not has_unevaluated(
            sp.expand(goal.lhs - goal.rhs)):  # type: ignore[operator]
        return outcome
    return Outcome(verdict=Verdict.UNKNOWN, method="derivative not evaluated", trust=Trust.NONE,
                   message="; ".join(refused))


def _up_to_constant(outcome: Outcome, x: sp.Symbol) -> Outcome:
    """``outcome`` of a goal between the derivatives in ``x`` of sides with
    an indefinite integral (:func:`~symproofs.verifier.integrals.antiderivatives`),
    saying so: refuted where they differ, else *unknown*, the sides
    differing at most by a constant (never *proved*)."""
    what = f"the derivatives in {x} of both sides (an indefinite integral is known only up to a constant)"
    cx = outcome.counterexample
    if outcome.verdict is Verdict.REFUTED and cx is not None:
        return replace(outcome, method=f"{outcome.method}, between {what}",
                       counterexample=replace(cx, model=f"{cx.model}; {what}" if cx.model else what))
    if outcome.verdict is Verdict.PROVED:
        return Outcome(verdict=Verdict.UNKNOWN, method="up to a constant", trust=Trust.NONE,
                       message=f"holds up to a constant of integration: the derivatives in {x} of the two "
                               "sides agree, and an indefinite integral says no more")
    return replace(outcome, message=f"{outcome.message}; compared between {what}")


def check_goal(goal: Goal) -> StepResult:
    """Check one goal in this process. Never raises for a wrong step."""
    try:  # before any shortcut: one name for two objects, a bound variable declared against its range
        twins = name_clash(goal) or goal_binder_problem(goal)
    except Exception:  # _validate meets the same goal again, inside _check_goal's guard
        twins = None
    if twins is not None:
        return StepResult(verdict=Verdict.UNKNOWN, method="invalid step", trust=Trust.NONE, message=twins)
    named = index_in_name_result(goal)  # z_k under a sum over k: a constant of the sum to sympy
    if named is not None:
        inner = summands(goal) if named.verdict is Verdict.UNKNOWN else None
        result = check_goal(inner) if inner is not None else None
        if result is not None and result.verdict is Verdict.PROVED:
            return replace(result, method=f"summand by summand: {result.method}")
        return named
    token = RANDOM_ELSEWHERE.set(random_heads_of(goal.context.algebras))
    try:
        return entrywise(goal, _check_goal) or _check_goal(goal)
    finally:
        RANDOM_ELSEWHERE.reset(token)


def _check_goal(goal: Goal) -> StepResult:
    started = time.perf_counter()
    refused: tuple[str, ...] = ()
    try:
        if (odd := bound_problem(goal)) is not None:  # \sum_{k=1}^{n/2}, n odd: no range to read
            raise _MayNotExist(odd)
        goal, integrated = antiderivatives(read_limits(read_sums(goal)))
        goal, refused = _derivatives(goal)
        _validate(goal)
        heads = random_heads_of(goal.context.algebras)  # every goal, a derivation's or a grader's
        goal = into_moments(replace(goal, context=replace(goal.context, givens=oriented(goal.context.givens, heads))))
        false = next((g.name for g in goal.context.givens if g.statement is sp.false), None)
        if false is not None:  # Eq(b, 1) for a negative b is False as soon as it is built
            raise InputError(f"the given {false!r} is false under the symbols' assumptions: nothing follows")
        tied = tied_to_chance(goal) or bound_definition(goal)
        if tied is not None:
            raise InputError(tied)
        missing = goal_existence_problem(goal)
        if missing is not None:
            raise _MayNotExist(missing)
        state = State(diff=_difference(goal))
        outcome: Outcome | None = None
        failures: list[str] = []
        tried: list[str] = []
        generic = _generic(goal)  # only points may decide it: they can only refute
        for name, strategy in _table(goal):
            if generic is not None and name not in _SELF_EVIDENT:
                continue
            tried.append(name)
            try:
                outcome = strategy(goal, state)
            except (MemoryError, RecursionError):
                raise
            except Exception as exc:  # a strategy that cannot handle the goal decides nothing
                failures.append(failure_note(name, exc))
                outcome = None
            if outcome is not None:
                break
        if outcome is not None and outcome.method not in _PROBED and goal.relation is not Relation.TENDS:
            outcome = rechecked(goal, outcome)  # a refutation made outside the probe: the probe's re-check
        if outcome is not None and outcome.verdict is Verdict.PROVED and tried[-1] not in _SELF_EVIDENT:
            outcome = _cross_examine(goal, outcome, probed="quick refutation" in tried)
        if outcome is None:
            outcome = _refute(goal, state)
            stopped = [n for n in state.notes if n.startswith(BUDGET)]
            if stopped and outcome.verdict is Verdict.UNKNOWN:
                outcome = replace(outcome, method=BUDGET, message=f"{outcome.message}; {stopped[0]}")
            if generic is not None and outcome.verdict is Verdict.UNKNOWN:
                outcome = replace(outcome, message=f"{outcome.message}; {generic}")
            if refused and outcome.verdict is Verdict.UNKNOWN:
                outcome = replace(outcome, message=f"{outcome.message}; derivative not evaluated: "
                                                   f"{'; '.join(refused)}")
            if failures and outcome.verdict is Verdict.UNKNOWN:
                outcome = replace(outcome, message=f"{outcome.message}; could not apply: {', '.join(failures)}")
        outcome = _blind(outcome, refused, goal)
        if integrated is not None:
            outcome = _up_to_constant(outcome, integrated)
    except InputError as exc:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="invalid step", trust=Trust.NONE, message=str(exc))
    except _MayNotExist as exc:  # neither proved nor refuted: a side may have no value at all
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="may not exist", trust=Trust.NONE, message=str(exc))
    except MemoryError:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="memory limit", trust=Trust.NONE,
                          message="exceeded the memory cap")
    except RecursionError:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="recursion limit", trust=Trust.NONE,
                          message="expression too deep")
    except Exception as exc:  # sides that cannot be compared at all (a matrix and a scalar)
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="invalid step", trust=Trust.NONE,
                          message=f"cannot compare the two sides: {readable(exc)}")
    return StepResult(
        verdict=outcome.verdict,
        method=outcome.method,
        trust=outcome.trust if outcome.verdict is Verdict.PROVED else Trust.NONE,
        seconds=time.perf_counter() - started,
        residual=outcome.residual,
        counterexample=outcome.counterexample,
        instances=outcome.instances,
        message=outcome.message,
    )


def _probe(goal: Goal, trials: int = 24, *, sweep: bool = False) -> Probe:
    ctx = goal.context
    return Probe(facts=ctx.facts, givens=ctx.givens, algebras=ctx.algebras, seed=ctx.seed, trials=trials,
                 lemmas=ctx.lemmas, sweep=sweep)


#: The comparison the probe makes for each relation (``>=`` and ``>`` with swapped sides).
_PROBE_KIND = {Relation.EQ: "eq", Relation.LE: "le", Relation.LT: "lt", Relation.GE: "le", Relation.GT: "lt"}


def _search(goal: Goal, probe: Probe) -> Search | None:
    """The probe's search for a point where an (in)equality between scalar
    expressions fails (``None`` where the probe has none to make)."""
    if goal.relation.is_logical or goal.relation is Relation.TENDS:
        return None
    # >= or >: the probe checks rhs <= lhs (or <)
    lhs, rhs = (goal.rhs, goal.lhs) if goal.relation in (Relation.GE, Relation.GT) else (goal.lhs, goal.rhs)
    if any(isinstance(x, sp.MatrixExpr) for x in (lhs, rhs)) or (  # an opaque derivative refutes nothing
            has_unevaluated((lhs, rhs)) and has_unevaluated(sp.expand(lhs - rhs))):  # type: ignore[operator]
        return None
    return Search(probe, lhs, rhs, _PROBE_KIND[goal.relation])


def _as_written(goal: Goal, cx: Counterexample | None) -> Counterexample | None:
    """``cx`` with each side's own value (the probe compares ``>=`` and ``>`` swapped)."""
    if cx is not None and goal.relation in (Relation.GE, Relation.GT):
        return replace(cx, lhs=cx.rhs, rhs=cx.lhs)
    return cx


def _refute_expressions(goal: Goal, probe: Probe) -> Counterexample | None:
    """A point where an (in)equality between scalar expressions fails."""
    return None if (search := _search(goal, probe)) is None else _as_written(goal, search.run(probe.trials))


def _quick_refutation(goal: Goal, state: State) -> Outcome | None:
    """A few points before any expensive strategy: a false step is refuted
    without waiting for closed forms that may not finish, and these are the
    points a later proof is cross-examined at: the full probe's first ones
    (:func:`_refute` goes on with the search kept in ``state``)."""
    search = _search(goal, _probe(goal))
    cx = None if search is None else _as_written(goal, search.run(_QUICK_TRIALS))
    if cx is None:
        state.quick = search
        return None
    return Outcome(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE, counterexample=cx)


def _probed_further(goal: Goal, state: State) -> Outcome | None:
    """The full probe's points before ``simplify``, which may run for long on
    a false step (:func:`_refute` then finds them evaluated already)."""
    cx = None if state.quick is None else _as_written(goal, state.quick.run(_probe(goal).trials))
    return None if cx is None else Outcome(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE,
                                           counterexample=cx)


#: Refutations the probe makes, re-checked there (a limit's is re-checked where it is found).
_PROBED = frozenset({"refutation probe", "entrywise refutation"})

#: Points the quick refutation evaluates (the full probe, last, takes 24).
_QUICK_TRIALS = 3

#: Points a proof is cross-examined at (the quick refutation's points).
_CROSS_TRIALS = _QUICK_TRIALS

#: Strategies whose proofs no point can contradict: the two sides are the
#: same expression, or the step restates a given, which holds at every point
#: the probe draws.
_SELF_EVIDENT = frozenset({"structural identity", "given hypothesis"})

#: Proofs by exact algebra alone (a normal form, the givens substituted, which
#: the probe does too): no closed form of sympy's that may fail at a few
#: integers, so the integers' small values are not swept.
_EXACT = frozenset({"polynomial normal form", "rational normal form", "rewriting with givens"})

#: The method of a proof that the probe contradicted (never cached).
CONTRADICTION = "internal contradiction"


def _cross_examine(goal: Goal, outcome: Outcome, *, probed: bool = False) -> Outcome:
    """Before a step is reported proved, the probe looks for a point where it
    fails (admissible exact points, interval endpoints, small integers). A
    proof and a counterexample cannot both be right: such a step is
    *unknown*, with both named, and the result is never cached.

    ``probed``: the quick refutation already evaluated the sides at these
    same points (same goal, seed and number of trials) and found nothing."""
    probe = _probe(goal, trials=_CROSS_TRIALS)
    try:
        cx = None if probed else _refute_expressions(goal, probe)
        if cx is None and goal.relation is Relation.EQ and not any(
                isinstance(s, (tuple, sp.MatrixExpr)) for s in (goal.lhs, goal.rhs)):
            cx = refute_entrywise(goal)  # entries of matrices, which the probe cannot draw
        if cx is None and goal.relation.is_logical:
            from symproofs.verifier.ideals import refute_statements

            cx = refute_statements(goal, probe)
        if cx is None and outcome.method not in _EXACT and (swept := _sweep(goal)) is not None:
            cx = _refute_expressions(goal, swept) if not goal.relation.is_logical else refute_statements(goal, swept)
        if cx is None and any(isinstance(s, sp.MatrixExpr) for s in (goal.lhs, goal.rhs)):
            cx = next((c for alg in goal.context.algebras if (c := alg.cross_examine(goal)) is not None), None)
    except (MemoryError, RecursionError):
        raise
    except Exception:  # the probe cannot evaluate this goal: nothing contradicts the proof
        return outcome
    if cx is None:
        return outcome
    return Outcome(verdict=Verdict.UNKNOWN, method=CONTRADICTION, trust=Trust.NONE, counterexample=cx,
                   message=f"{outcome.method} proved it, but the probe refutes it {cx.describe()}; "
                           "please report this")


def _sweep(goal: Goal) -> Probe | None:
    """For a goal without algebras that speaks of integer symbols (up to
    three of them swept), a probe that gives each its small values in turn."""
    if goal.context.algebras:
        return None
    count = len({s for side in (*flatten_side(goal.lhs), *flatten_side(goal.rhs)) if isinstance(side, sp.Basic)
                 for s in side.free_symbols if s.is_integer})
    return _probe(goal, len(EDGES) * min(count, 3), sweep=True) if count else None


def _refute(goal: Goal, state: State) -> Outcome:
    probe = _probe(goal)
    # the quick refutation's points are this probe's first ones: its search goes on from there
    cx = _as_written(goal, state.quick.run(probe.trials)) if state.quick is not None \
        else _refute_expressions(goal, probe)
    if cx is None and (swept := _sweep(goal)) is not None:
        cx = _refute_expressions(goal, swept)
    if goal.relation.is_logical:
        from symproofs.verifier.ideals import refute_statements

        cx = refute_statements(goal, probe, polynomials=True)
    if cx is not None:
        return Outcome(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE, counterexample=cx)
    residual = state.diff if state.diff != 0 else None
    if residual is not None and goal.relation.is_order and isinstance(residual, sp.Expr):
        # what an inequality leaves: the difference (larger side minus smaller) is nonnegative / positive
        strict = goal.relation in (Relation.LT, Relation.GT)
        residual = (sp.Gt if strict else sp.Ge)(residual, 0, evaluate=False)
    limit = goal.relation is Relation.TENDS  # 1/n \to 0: a limit, never the equation 1/n = 0 left to show
    return Outcome(
        verdict=Verdict.UNKNOWN,
        method="no strategy decided",
        trust=Trust.NONE,
        residual=None if limit else residual,
        message="not proved; a limit statement (\\to), not an equation: the limit it is taken in is not read"
        if limit else "not proved; the probe found no counterexample",
    )


# -- derivations ------------------------------------------------------------------
def _context(d: Derivation, uses: tuple[str, ...], extra_givens: tuple[Given, ...] = (),
             extra_assumptions: tuple[sp.Basic, ...] = (), seed: int = 0) -> Context:
    return Context(
        facts=Facts(d.assumptions + extra_assumptions),
        givens=d.givens + extra_givens,
        lemmas=d.lemmas,
        algebras=d.algebras,
        uses=uses,
        seed=seed,
    )


def goals_of(d: Derivation, *, seed: int = 0) -> list[GoalRef]:
    """Every goal of a derivation: each step, then the conclusion checks
    (the chains that establish the claim start and end at its sides; for
    an induction, the base chain at P(start) and the step chain at P(t+1):
    :func:`~symproofs.verifier.claims.conclusion_checks`)."""
    refs: list[GoalRef] = []
    chain_contexts: list[tuple[tuple[Given, ...], tuple[sp.Basic, ...]]] = [((), ())] * len(d.chains)
    if d.induction is not None and d.claim is not None:
        ind = d.induction
        hypothesis = Given(name=ind.hypothesis, statement=d.claim, text="induction hypothesis")
        chain_contexts = [((), ()), ((hypothesis,), (sp.Ge(ind.variable, ind.start),))]
    for ci, chain in enumerate(d.chains):
        givens, assumptions = chain_contexts[ci]
        for si, (prev, step) in enumerate(chain.sides()):
            ctx = _context(d, step.uses, givens, assumptions, seed=seed + 1000 * ci + si)
            refs.append(GoalRef(chain=ci, step=si, goal=Goal(relation=step.relation, lhs=prev, rhs=step.expr,
                                                              context=ctx, label=step.why)))
    for k, check in enumerate(conclusion_checks(d)):
        givens, assumptions = chain_contexts[check.chain]
        ctx = _context(d, (), givens, assumptions, seed=seed + 1000 * check.chain + 999)
        refs.append(GoalRef(chain=-1, step=k, goal=Goal(relation=check.relation, lhs=check.lhs, rhs=check.rhs,
                                                         context=ctx, label=check.label)))
    return refs


Runner = Callable[[Sequence[Goal]], list[StepResult]]


def verify(d: Derivation, *, options: Options | None = None, isolate: bool | None = None,
           runner: Runner | None = None) -> DerivationResult:
    """Check every step of ``d`` and whether its chains establish its claim."""
    opts = options or Options()
    if isolate is not None:
        opts = replace(opts, isolate=isolate)
    # The derivations its lemmas name in proved_by are checked in this run too.
    known = library()
    ds = [d, *provers_to_check([d], known)]
    ds = [checked_lemmas(x, {**known, d.id: d}) for x in ds]
    refs_per = [goals_of(x, seed=opts.seed) for x in ds]
    goals = [r.goal for refs in refs_per for r in refs]
    if runner is not None:
        results = runner(goals)
    elif opts.isolate:
        results = run_isolated(goals, options=opts)
    else:
        results = [check_goal(g) for g in goals]
    return _assemble_all(ds, refs_per, results, opts)[0]


def run_isolated(
    goals: Sequence[Goal],
    *,
    options: Options,
    on_result: Callable[[int, StepResult], None] | None = None,
    check: Callable[[Goal], StepResult] | None = None,
) -> list[StepResult]:
    """Check goals (with ``check``, default :func:`check_goal`) in forked
    workers (:func:`~symproofs.verifier.worker.run_tasks`): a goal over the
    time limit or the memory cap, or whose worker dies, is *unknown* with
    what happened."""
    checker = check or check_goal

    def task(i: int) -> StepResult:
        return _sendable(checker(goals[i]))

    def failed(i: int, kind: str, message: str) -> StepResult:
        return StepResult(
            verdict=Verdict.UNKNOWN,
            method={"timeout": "time limit", "memory": "memory limit"}.get(kind, "worker failure"),
            trust=Trust.NONE,
            seconds=options.timeout if kind == "timeout" else 0.0,
            message=message,
        )

    results: list[StepResult] = run_tasks(
        len(goals),
        task,
        jobs=options.jobs,
        timeout=options.timeout,
        memory_mb=options.memory_mb,
        on_failure=failed,
        on_result=on_result,
    )
    return results


def _sendable(result: StepResult) -> StepResult:
    """``result`` as the parent can read it: a residual that does not load
    again (a relation between 1 x 1 matrices re-evaluates when unpickled) is
    left out rather than losing the verdict."""
    if result.residual is None:
        return result
    try:
        pickle.loads(pickle.dumps(result.residual))
    except Exception:  # what is left to show cannot travel: the verdict does
        return result.replace(residual=None)
    return result


def assemble(d: Derivation, refs: Sequence[GoalRef], results: Sequence[StepResult],
             options: Options | None = None) -> DerivationResult:
    limits = (options.timeout, options.memory_mb) if options is not None and options.isolate else None  # (claims)
    per_chain: list[list[StepResult]] = [[] for _ in d.chains]
    conclusion: list[StepResult] = []
    for ref, res in zip(refs, results, strict=True):
        if ref.chain >= 0:
            per_chain[ref.chain].append(res)
        else:
            labelled = res.replace(method=f"conclusion: {ref.goal.label} ({res.method})")
            conclusion.append(settle_conclusion(d, labelled, ref.goal.label, limits=limits))
    conclusion.extend(relation_result(d))
    labels = [c.label or (("base case", "induction step")[i] if d.induction else f"chain {i + 1}")
              for i, c in enumerate(d.chains)]
    return DerivationResult(
        id=d.id,
        title=d.title,
        question=d.question,
        chains=tuple(ChainResult(label=lab, steps=tuple(s)) for lab, s in zip(labels, per_chain, strict=True)),
        conclusion=tuple(conclusion),
    )


class ResultCache(Protocol):
    """Where step results are kept between runs (see :mod:`symproofs.verifier.cache`)."""

    def get(self, goal: Goal) -> StepResult | None: ...

    def put(self, goal: Goal, result: StepResult) -> None: ...


def verify_all(
    derivations: Sequence[Derivation],
    *,
    options: Options | None = None,
    cache: ResultCache | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> list[DerivationResult]:
    """Check many derivations: every step becomes a goal, the goals are
    checked (from the cache, or spread over ``options.jobs`` workers), and
    the results are put back together per derivation, in order.

    ``on_step(done, total)`` reports progress.
    """
    opts = options or Options()
    provers = {**library(), **{d.id: d for d in derivations}}
    ds = [checked_lemmas(d, provers) for d in (*derivations, *provers_to_check(derivations, provers))]
    refs = [goals_of(d, seed=opts.seed) for d in ds]
    results = check_goals([ref.goal for rs in refs for ref in rs], options=opts, cache=cache, on_step=on_step)
    return _assemble_all(ds, refs, results, opts)[:len(derivations)]


def _assemble_all(ds: Sequence[Derivation], refs: Sequence[Sequence[GoalRef]],
                  results: Sequence[StepResult], options: Options) -> list[DerivationResult]:
    out: list[DerivationResult] = []
    at = 0
    for d, rs in zip(ds, refs, strict=True):
        out.append(assemble(d, rs, results[at:at + len(rs)], options))
        at += len(rs)
    uses = [[r.goal.context.uses for r in rs if r.chain >= 0] for rs in refs]
    return settle_trust(ds, out, uses)


def check_goals(
    goals: Sequence[Goal],
    *,
    options: Options,
    cache: ResultCache | None = None,
    on_step: Callable[[int, int], None] | None = None,
    check: Callable[[Goal], StepResult] | None = None,
) -> list[StepResult]:
    """Results of ``goals`` in order: those in ``cache`` from it (marked
    cached), the others checked with ``check`` (default :func:`check_goal`;
    in workers when ``options.isolate``) and stored in it, except a run
    stopped by a limit, a failed worker or an internal contradiction."""
    results: list[StepResult | None] = [None] * len(goals)
    todo: list[int] = []
    for i, goal in enumerate(goals):
        hit = cache.get(goal) if cache is not None else None
        if hit is not None:
            results[i] = hit.replace(cached=True)
        else:
            todo.append(i)
    total = len(goals)
    done = total - len(todo)
    if on_step is not None:
        on_step(done, total)

    def record(j: int, res: StepResult) -> None:
        nonlocal done
        results[todo[j]] = res
        if cache is not None and res.method not in UNCACHEABLE:
            cache.put(goals[todo[j]], res)
        done += 1
        if on_step is not None:
            on_step(done, total)

    todo.sort(key=lambda i: -_weight(goals[i]))  # the long goals first: the workers end together
    pending = [goals[i] for i in todo]
    if options.isolate:
        run_isolated(pending, options=options, on_result=record, check=check)
    else:
        for j, goal in enumerate(pending):
            record(j, (check or check_goal)(goal))
    lost = StepResult(verdict=Verdict.UNKNOWN, method="worker failure", trust=Trust.NONE, message="no result")
    return [r if r is not None else lost for r in results]


def _weight(goal: Goal) -> int:
    """A rough rank of how long a goal takes: between matrices or between
    statements about random variables, then with random or matrix laws,
    then with sums, integrals, limits or derivatives, then the rest."""
    if goal.context.algebras:
        return 3 if goal.relation.is_logical or any(isinstance(s, sp.MatrixExpr) for s in (goal.lhs, goal.rhs)) \
            else 2
    return int(any(isinstance(s, sp.Basic) and s.has(sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative)
                   for s in (goal.lhs, goal.rhs)))


#: Methods whose results depend on the run (limits, a contradicted proof): never cached.
UNCACHEABLE = frozenset({"time limit", "memory limit", "worker failure", CONTRADICTION, BUDGET})
