"""The verifier: turn a derivation into goals and check each one.

:func:`check_goal` runs the strategy tables of :mod:`symproofs.verifier.strategies`
in order, cheapest first, and falls back on the refutation probe of
:mod:`symproofs.verifier.probe`. :func:`verify` checks a whole derivation, each step
in a worker process with a time limit and memory cap
(:mod:`symproofs.verifier.worker`).

>>> import sympy as sp
>>> from symproofs.core.model import Chain, Derivation, Relation, Step
>>> x = sp.Symbol("x", real=True)
>>> d = Derivation(id="sq", title="Square", question="Q0", chains=(
...     Chain(start=(x + 1)**2, steps=(Step(Relation.EQ, x**2 + 2*x + 1, "expand"),)),))
>>> verify(d, isolate=False).status
<Verdict.PROVED: 'proved'>
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal, Outcome
from symproofs.core.model import Derivation, Given, Identically, Relation, compose, flatten_side
from symproofs.core.results import ChainResult, Counterexample, DerivationResult, StepResult, Trust, Verdict
from symproofs.verifier.probe import Probe
from symproofs.verifier.strategies import EQUALITY, LOGICAL, ORDER, State, Strategy
from symproofs.verifier.worker import run_tasks

__all__ = ["GoalRef", "Options", "ResultCache", "check_goal", "check_goals", "goals_of", "run_isolated", "verify",
           "verify_all"]


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
    if goal.relation is Relation.EQ:
        at = next(i for i, (name, _) in enumerate(table) if name == "closed forms")
        table[at:at] = [("quick refutation", _quick_refutation)]
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
    for alg in goal.context.algebras:
        problem = alg.ill_formed(goal)
        if problem is not None:
            raise InputError(problem)


def check_goal(goal: Goal) -> StepResult:
    """Check one goal in this process. Never raises for a wrong step."""
    started = time.perf_counter()
    try:
        _validate(goal)
        state = State(diff=_difference(goal))
        outcome: Outcome | None = None
        failures: list[str] = []
        for name, strategy in _table(goal):
            try:
                outcome = strategy(goal, state)
            except (MemoryError, RecursionError):
                raise
            except Exception as exc:  # a strategy that cannot handle the goal decides nothing
                failures.append(f"{name}: {type(exc).__name__}")
                outcome = None
            if outcome is not None:
                break
        if outcome is None:
            outcome = _refute(goal, state)
            if failures and outcome.verdict is Verdict.UNKNOWN:
                from dataclasses import replace

                outcome = replace(outcome, message=f"{outcome.message}; could not apply: {', '.join(failures)}")
    except InputError as exc:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="invalid step", trust=Trust.NONE, message=str(exc))
    except MemoryError:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="memory limit", trust=Trust.NONE,
                          message="exceeded the memory cap")
    except RecursionError:
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="recursion limit", trust=Trust.NONE,
                          message="expression too deep")
    except Exception as exc:  # sides that cannot be compared at all (a matrix and a scalar)
        outcome = Outcome(verdict=Verdict.UNKNOWN, method="invalid step", trust=Trust.NONE,
                          message=f"cannot compare the two sides: {type(exc).__name__}: {exc}")
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


def _probe(goal: Goal, trials: int = 24) -> Probe:
    ctx = goal.context
    return Probe(facts=ctx.facts, givens=ctx.givens, algebras=ctx.algebras, seed=ctx.seed, trials=trials,
                 lemmas=ctx.lemmas)


def _refute_expressions(goal: Goal, probe: Probe) -> Counterexample | None:
    """A point where an (in)equality between scalar expressions fails."""
    if goal.relation.is_logical or goal.relation is Relation.TENDS:
        return None
    lhs, rhs = goal.lhs, goal.rhs
    kind = {Relation.EQ: "eq", Relation.LE: "le", Relation.LT: "lt"}.get(goal.relation)
    if kind is None:  # >= or >: swap sides
        lhs, rhs = rhs, lhs
        kind = "le" if goal.relation is Relation.GE else "lt"
    if any(isinstance(x, sp.MatrixExpr) for x in (lhs, rhs)):
        return None
    return probe.refute(lhs, rhs, kind)


def _quick_refutation(goal: Goal, state: State) -> Outcome | None:
    """A few points before the most expensive strategy: a false step is
    refuted without waiting for closed forms that may not finish."""
    cx = _refute_expressions(goal, _probe(goal, trials=_QUICK_TRIALS))
    if cx is None:
        return None
    return Outcome(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE, counterexample=cx)


#: Points the quick refutation evaluates (the full probe, last, takes 24).
_QUICK_TRIALS = 6


def _refute(goal: Goal, state: State) -> Outcome:
    probe = _probe(goal)
    cx = _refute_expressions(goal, probe)
    if goal.relation.is_logical:
        from symproofs.verifier.strategies import statement_differences, statement_polynomials

        prem, concl = statement_polynomials(goal, goal.lhs), statement_polynomials(goal, goal.rhs)
        if prem is None or concl is None:  # a denominator that may vanish: keep it, points decide
            prem, concl = statement_differences(goal.lhs), statement_differences(goal.rhs)
        if prem is not None and concl is not None:
            cx = probe.refute_implication(prem, concl)
            if cx is None and goal.relation is Relation.IFF:
                cx = probe.refute_implication(concl, prem)
                if cx is not None:
                    from dataclasses import replace

                    cx = replace(cx, model=f"the converse fails: {cx.model}")
    if cx is not None:
        return Outcome(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE, counterexample=cx)
    residual = state.diff if state.diff != 0 else None
    return Outcome(
        verdict=Verdict.UNKNOWN,
        method="no strategy decided",
        trust=Trust.NONE,
        residual=residual,
        message="not proved; the probe found no counterexample",
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
    """Every goal of a derivation: each step, then the conclusion checks."""
    refs: list[GoalRef] = []
    chain_contexts: list[tuple[tuple[Given, ...], tuple[sp.Basic, ...]]] = [((), ())] * len(d.chains)
    targets: list[tuple[sp.Basic, sp.Basic] | None] = [None] * len(d.chains)
    if d.induction is not None and d.claim is not None:
        ind = d.induction
        t = ind.variable
        claim = d.claim
        hypothesis = Given(name=ind.hypothesis, statement=claim, text="induction hypothesis")
        chain_contexts = [((), ()), ((hypothesis,), (sp.Ge(t, ind.start),))]
        if isinstance(claim, sp.Eq):
            targets = [
                (claim.lhs.xreplace({t: ind.start}), claim.rhs.xreplace({t: ind.start})),
                (claim.lhs.xreplace({t: t + 1}), claim.rhs.xreplace({t: t + 1})),
            ]
    elif d.claim is not None and isinstance(d.claim, sp.Rel) and len(d.chains) == 1:
        targets = [(d.claim.lhs, d.claim.rhs)]
    for ci, chain in enumerate(d.chains):
        givens, assumptions = chain_contexts[ci]
        for si, (prev, step) in enumerate(chain.sides()):
            ctx = _context(d, step.uses, givens, assumptions, seed=seed + 1000 * ci + si)
            refs.append(GoalRef(chain=ci, step=si, goal=Goal(relation=step.relation, lhs=prev, rhs=step.expr,
                                                              context=ctx, label=step.why)))
        target = targets[ci]
        if target is not None:
            ctx = _context(d, (), givens, assumptions, seed=seed + 1000 * ci + 999)
            refs.append(GoalRef(chain=-1, step=2 * ci, goal=Goal(relation=Relation.EQ, lhs=chain.start,
                                                                  rhs=target[0], context=ctx,
                                                                  label=f"chain {ci + 1} starts at the claim")))
            refs.append(GoalRef(chain=-1, step=2 * ci + 1, goal=Goal(relation=Relation.EQ, lhs=chain.end,
                                                                      rhs=target[1], context=ctx,
                                                                      label=f"chain {ci + 1} ends at the claim")))
    return refs


def _relation_result(d: Derivation) -> list[StepResult]:
    """Whether the chains' composed relations give the claimed relation."""
    out: list[StepResult] = []
    for ci, chain in enumerate(d.chains):
        rel = chain.relation
        if rel is None:
            out.append(StepResult(verdict=Verdict.REFUTED, method="relations do not compose",
                                  trust=Trust.NONE, message=f"chain {ci + 1} mixes relations that do not compose"))
            continue
        if d.claim is None:
            continue
        claim_rel = {sp.Eq: Relation.EQ, sp.LessThan: Relation.LE, sp.StrictLessThan: Relation.LT,
                     sp.GreaterThan: Relation.GE, sp.StrictGreaterThan: Relation.GT}.get(type(d.claim))
        if claim_rel is None:
            continue
        ok = compose(rel, claim_rel) == claim_rel and (claim_rel is not Relation.EQ or rel is Relation.EQ)
        if not ok:
            out.append(StepResult(verdict=Verdict.REFUTED, method="relations do not compose", trust=Trust.NONE,
                                  message=f"chain {ci + 1} shows '{rel.value}', the claim needs '{claim_rel.value}'"))
    return out


Runner = Callable[[Sequence[Goal]], list[StepResult]]


def verify(d: Derivation, *, options: Options | None = None, isolate: bool | None = None,
           runner: Runner | None = None) -> DerivationResult:
    """Check every step of ``d`` and whether its chains establish its claim."""
    opts = options or Options()
    if isolate is not None:
        from dataclasses import replace

        opts = replace(opts, isolate=isolate)
    refs = goals_of(d, seed=opts.seed)
    goals = [r.goal for r in refs]
    if runner is not None:
        results = runner(goals)
    elif opts.isolate:
        results = run_isolated(goals, options=opts)
    else:
        results = [check_goal(g) for g in goals]
    return assemble(d, refs, results)


def run_isolated(
    goals: Sequence[Goal],
    *,
    options: Options,
    on_result: Callable[[int, StepResult], None] | None = None,
) -> list[StepResult]:
    """Check goals in forked workers (:func:`~symproofs.verifier.worker.run_tasks`):
    a goal over the time limit or the memory cap, or whose worker dies, is
    *unknown* with what happened."""

    def task(i: int) -> StepResult:
        return check_goal(goals[i])

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


def assemble(d: Derivation, refs: Sequence[GoalRef], results: Sequence[StepResult]) -> DerivationResult:
    per_chain: list[list[StepResult]] = [[] for _ in d.chains]
    conclusion: list[StepResult] = []
    for ref, res in zip(refs, results, strict=True):
        if ref.chain >= 0:
            per_chain[ref.chain].append(res)
        else:
            conclusion.append(res.replace(method=f"conclusion: {ref.goal.label} ({res.method})"))
    conclusion.extend(_relation_result(d))
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
    refs = [goals_of(d, seed=opts.seed) for d in derivations]
    results = check_goals([ref.goal for rs in refs for ref in rs], options=opts, cache=cache, on_step=on_step)
    out: list[DerivationResult] = []
    at = 0
    for d, rs in zip(derivations, refs, strict=True):
        out.append(assemble(d, rs, results[at:at + len(rs)]))
        at += len(rs)
    return out


def check_goals(
    goals: Sequence[Goal],
    *,
    options: Options,
    cache: ResultCache | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> list[StepResult]:
    """Results of ``goals`` in order: those in ``cache`` from it (marked
    cached), the others checked (in workers when ``options.isolate``) and
    stored in it, except a run stopped by a limit or a failed worker."""
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
        if cache is not None and res.method not in _UNCACHEABLE:
            cache.put(goals[todo[j]], res)
        done += 1
        if on_step is not None:
            on_step(done, total)

    pending = [goals[i] for i in todo]
    if options.isolate:
        run_isolated(pending, options=options, on_result=record)
    else:
        for j, goal in enumerate(pending):
            record(j, check_goal(goal))
    return [r for r in results if r is not None]


_UNCACHEABLE = {"time limit", "memory limit", "worker failure"}
