r"""Grading students' LaTeX derivations, line by line.

:func:`grade` reads submissions (``.tex`` and Markdown files, or folders of
them), finds their chains (:mod:`symproofs.latex.extract`), turns every step
``prev REL new`` into a :class:`~symproofs.core.goals.Goal`
(:mod:`symproofs.grading.plan`) in the context the
question's notation file gives (:mod:`symproofs.latex.notation`) and checks it
with :func:`~symproofs.verifier.pipeline.check_goal`. Both stages run in worker
processes (:func:`~symproofs.verifier.worker.run_tasks`) with a time limit and a
memory cap: a file that crashes or hangs the parser is reported as such,
a step that exhausts its limits is *unknown*, and the batch goes on.

An unparsed side is reported *unparsed* (with its line and column). The
next side is checked against the last side that parsed, the relations in
between composed (``a = [unparsed] \le c`` checks ``a \le c``); when
nothing before it parsed, or the relations do not compose, or the side is
joined by a relation that is never checked (``\approx``), the chain
restarts at that side and the step is *unknown*.

A chain *reaches* an expected result of the notation file when its first
side equals the result's left side and its last side the right side (or the
other way round), each checked by the verifier with the assumptions and
random variables but without the definitions, and the chain's composed
relation gives the result's relation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.asymptotic import asymptotic
from symproofs.grading.cases import one_line, outside_case
from symproofs.grading.context import elsewhere as _elsewhere
from symproofs.grading.context import known_heads as _known_heads
from symproofs.grading.context import statement_of as _statement_of
from symproofs.grading.counting import integer_point, nonnegative_counts
from symproofs.grading.cues import CONTRARY_WORDS
from symproofs.grading.document import ReadChain, Statement
from symproofs.grading.escaped import flag_escaped
from symproofs.grading.files import collect, find_notation
from symproofs.grading.goals import GoalSet
from symproofs.grading.kinds import commuting, declared_in, not_real, split_declared
from symproofs.grading.needs import conditions_named, false_everywhere
from symproofs.grading.plan import Plan, Restated, plan_chains
from symproofs.grading.presumed import held_by_presumption
from symproofs.grading.qualified import qualified
from symproofs.grading.readings import both_readings
from symproofs.grading.report import ChainGrade, LineGrade, Mark, SubmissionGrade
from symproofs.grading.rounding import rounded
from symproofs.grading.uncorrelated import noted_needs as _needs
from symproofs.grading.verdicts import EVERY_VALUE, IN_A_CASE, confirm, join, line_result
from symproofs.latex.after import reaches_contradiction
from symproofs.latex.notation import GradingNotation, Setting
from symproofs.latex.recurrences import defined_numbers
from symproofs.latex.switches import UNCLEAR

__all__ = ["ChainGrade", "GradeOptions", "LineGrade", "Mark", "SubmissionGrade", "collect", "grade"]



@dataclass(frozen=True, kw_only=True)
class GradeOptions:
    """Limits per step (seconds, MiB), workers, the notation file to use
    for every submission (else ``notation.toml`` next to each), a result
    cache, and a progress callback ``(stage, done, total)``."""

    timeout: float = 60.0  # the one default of every command (symproofs.cli.DEFAULT_TIMEOUT)
    memory_mb: int = 2048
    jobs: int = 1
    seed: int = 20261125
    notation: Path | None = None
    cache: Any = None
    progress: Callable[[str, int, int], None] | None = None

    @property
    def parse_timeout(self) -> float:
        """Reading one file may take three step limits."""
        return 3 * self.timeout


# -- stage 1: reading a file (in a worker) ----------------------------------------------------
def _read(path: Path, notation: GradingNotation) -> tuple[list[ReadChain], list[Statement], tuple[str, ...]]:
    from symproofs.grading.document import read_file

    return read_file(path, notation)


# -- stage 3: running the steps (planned in symproofs.grading.plan) -----------------------------
def _check(goals: Sequence[Goal], options: GradeOptions) -> list[StepResult]:
    """Every goal's result, from the cache or checked in a worker (see
    :func:`~symproofs.verifier.pipeline.check_goals`), each confirmed
    against the grader's conventions (:func:`~symproofs.grading.verdicts.confirm`)."""
    from symproofs.verifier.pipeline import Options, check_goal, check_goals

    return check_goals(goals, options=Options(timeout=options.timeout, memory_mb=options.memory_mb,
                                              jobs=options.jobs, seed=options.seed),
                       cache=options.cache, on_step=lambda done, total: _report(options, "checking", done, total),
                       check=lambda goal: confirm(goal, check_goal(goal)))


def _check_twice(goals: GoalSet, options: GradeOptions) -> list[StepResult]:
    """The goals steps ask for, then the twin in its case of each that was
    refuted (the case may set that point aside) or that was not proved in a
    case stated for it (it may hold there); the others are never read."""
    asked = sorted(goals.primary)
    results = dict(zip(asked, _check([goals.goals[i] for i in asked], options), strict=True))
    # a step refuted at a point outside its case: refuted inside it, or holding only there; a step proved
    # under what a reader presumes (a range not reversed) where its case says otherwise: checked in the case
    # and a step not proved that the text states in its case ("for $a, b > 0$, $$\log(ab) = ...$$"): proved there
    twins = sorted({t for g, t in goals.twins.items() if g in results and (results[g].verdict is Verdict.REFUTED
                    or held_by_presumption(results[g])  # proved where no range is reversed: in the text's case?
                    or (results[g].verdict is Verdict.PROVED and _presumes_against(goals.goals[g], goals.goals[t]))
                    or (results[g].verdict is Verdict.UNKNOWN and goals.stated_for[g]))} - goals.primary)
    # and a step refuted where a name has another value than the answer gave it: checked at that value
    twins = sorted({*twins, *(t for g, t in goals.stated_twins.items()
                              if g in results and results[g].verdict is Verdict.REFUTED)} - goals.primary)
    if twins:
        results.update(zip(twins, _check([goals.goals[i] for i in twins], options), strict=True))
    results.update(_unfolded(goals, results, options))
    unasked = StepResult(verdict=Verdict.UNKNOWN, method="not needed", trust=Trust.NONE,
                         message="not checked: its goal was proved")
    return [results.get(i, unasked) for i in range(len(goals.goals))]


def _unfolded(goals: GoalSet, results: dict[int, StepResult], options: GradeOptions) -> dict[int, StepResult]:
    """The goals not proved that one step of backpropagation through time
    proves (:mod:`symproofs.latex.backstep`), each with that proof; its
    refutation would rest on an opaque gradient, so it is never taken. A goal
    refuted as written is asked too: a model of it leaves the loss terms
    free (how ``L_k`` depends on the state is not written), and a proof that
    holds for every gradient shows that such a point is no refutation."""
    asked = {g: u for g, u in goals.unfolded.items()
             if g in results and results[g].verdict in (Verdict.UNKNOWN, Verdict.REFUTED)}
    checked = dict(zip(sorted(set(asked.values())), _check([goals.goals[u] for u in sorted(set(asked.values()))],
                                                           options), strict=True))
    proved = {g: replace(checked[u], method=f"one step of backpropagation through time, then {checked[u].method}")
              for g, u in asked.items() if checked[u].verdict is Verdict.PROVED}
    # the goal in a case the text takes (its twin, checked after a refutation) holds there too
    return {**proved, **{t: proved[g] for g, t in goals.twins.items() if g in proved and t in results
                         and results[t].verdict is not Verdict.PROVED}}


def _presumes_against(goal: Goal, twin: Goal) -> bool:
    """Whether ``goal`` was checked under a presumption its case contradicts,
    which its ``twin`` (the goal in the case) therefore lacks."""
    return not set(goal.context.facts.constraints) <= set(twin.context.facts.constraints)


def _report(options: GradeOptions, stage: str, done: int, total: int) -> None:
    if options.progress is not None:
        options.progress(stage, done, total)


# -- the whole flow ------------------------------------------------------------------------
def grade(paths: Sequence[str | Path], options: GradeOptions | None = None) -> list[SubmissionGrade]:
    """Grade every submission under ``paths``; see the module docstring.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "answer.md"
    >>> _ = path.write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2 $$")
    >>> [step.verdict.value for step in grade([path])[0].chains[0].steps]
    ['proved', 'refuted']
    """
    opts = options or GradeOptions()
    files = collect(paths)
    specs = _notations(files, opts)
    settings = _Settings(specs)  # a bad notation file is an error before any work
    parsed = _read_all(files, specs, opts)
    goals = GoalSet(opts.seed)
    plans = [_plan_file(p, spec, settings, goals) for p, spec in zip(parsed, specs, strict=True)]
    results = _check_twice(goals, opts)
    # a step about a name the text declares a matrix, a vector or a complex number: not one about real numbers
    results = [not_real(r, g, k) for r, g, k in zip(results, goals.goals, goals.known, strict=True)]
    return [_assembled(path, spec, plan, parsed_i, goals, results)
            for (path, _), spec, plan, parsed_i in zip(files, specs, plans, parsed, strict=True)]


def _assembled(path: Path, spec: GradingNotation, plan: Plan | None, parsed: object,
               goal_set: GoalSet, results: Sequence[StepResult]) -> SubmissionGrade:
    """:func:`_assemble`, where a failure is this submission's error, never the batch's."""
    try:
        return _assemble(path, spec, plan, parsed, goal_set, results)
    except Exception as exc:
        notation = spec.source if spec.notation is not None else None
        return SubmissionGrade(path=str(path), notation=notation,
                               error=f"internal error while reporting this file ({type(exc).__name__}: {exc})")


class _Settings:
    """Each notation file's settings, built once per question."""

    def __init__(self, specs: Sequence[GradingNotation]) -> None:
        self.built: dict[tuple[str, int], Setting] = {}
        self.grown: dict[tuple[str, int], GradingNotation] = {}  # a notation with the laws a text states
        for spec in specs:
            self.base(spec, None)
            for qid, _ in spec.questions:
                self.base(spec, qid)

    def with_laws(self, q: GradingNotation, setting: Setting, statement: Statement) -> tuple[GradingNotation, Setting]:
        """``q`` with the laws and independence a text states, built once per
        distinct set of them; ``q`` itself where they do not build."""
        grown = replace(q, random=statement.laws,
                        independent=tuple(tuple((name,) for name in group) for group in statement.independent))
        key = (q.source, hash((id(q), statement.laws, statement.independent)))
        if key not in self.built:
            try:
                self.built[key] = grown.build()
            except InputError:
                # moments read from the words that no law has: the laws without them, refutations held back
                grown = replace(grown, random=tuple(replace(v, params=(), unread=True) if v.law == "generic"
                                                    and v.params else v for v in grown.random))
                try:
                    self.built[key] = grown.build()
                except InputError:
                    self.built[key] = setting
            self.grown[key] = grown
        return (self.grown[key] if self.built[key] is not setting else q), self.built[key]

    def base(self, spec: GradingNotation, question: str | None) -> tuple[GradingNotation, Setting]:
        q = spec.for_question(question)
        key = (spec.source, id(q))
        if key not in self.built:
            self.built[key] = q.build()
        return q, self.built[key]


def _plan_file(parsed: tuple[list[ReadChain], list[Statement], tuple[str, ...]] | str, spec: GradingNotation,
               settings: _Settings, goals: GoalSet) -> Plan | None:
    """The goals of one read file, each question with its notation and what
    the problem statements in the file declare; ``None`` for a file that
    could not be read."""
    if isinstance(parsed, str):
        return None
    chains, declared = split_declared(parsed[0])
    statements = parsed[1]
    by_question = {st.question: st for st in statements}
    local: dict[str | None, tuple[Setting, frozenset[str]]] = {}

    def setting_of(question: str | None) -> tuple[Setting, frozenset[str]]:
        if question not in local:
            q, setting = settings.base(spec, question)
            statement = _statement_of(by_question, question)
            if statement is not None and q.notation is None and statement.laws and not q.random:
                q, setting = settings.with_laws(q, setting, statement)  # "let $X \sim \mathcal{N}(0, 1)$"
            if statement is not None and q.notation is None:
                setting = replace(setting, givens=(*setting.givens, *statement.givens),
                                  facts=(*setting.facts, *statement.facts), cases=statement.conditions)
            local[question] = (setting, _known_heads(q, setting, statement, _elsewhere(spec, question))
                               | declared_in(declared, question, q.notation))
        return local[question]

    def setting_for(q: str | None) -> Setting:
        return setting_of(q)[0]

    def heads_for(q: str | None) -> frozenset[str]:
        return setting_of(q)[1]

    try:
        return plan_chains(chains, setting_for, goals, heads_for)
    except Exception:  # a chain the planner cannot handle: the others are graded all the same
        return _plan_around(chains, setting_for, goals, heads_for)


def _plan_around(chains: list[ReadChain], settings: Callable[[str | None], Setting], goals: GoalSet,
                 heads: Callable[[str | None], frozenset[str]]) -> Plan:
    """The plan of ``chains`` without each chain that makes planning fail,
    found by planning the chains one more at a time apart; each is reported
    *unknown* with the error."""
    kept: list[ReadChain] = []
    failed: list[tuple[ReadChain, str]] = []
    for chain in chains:
        try:
            plan_chains([*kept, chain], settings, GoalSet(goals.seed), heads)
            kept.append(chain)
        except Exception as exc:
            failed.append((chain, f"could not be planned ({type(exc).__name__}: {exc})"[:300]))
    plan = plan_chains(kept, settings, goals, heads)
    for chain, why in failed:
        grades = [LineGrade(line=s.line, column=s.column, relation=s.relation_text.strip(), source=s.text,
                            verdict=Mark.UNKNOWN, method="internal error", message=why) for s in chain.sides[1:]]
        plan.add(chain, chain.sides[0].text if chain.sides else "", grades)
    return plan


def _read_all(files: Sequence[tuple[Path, Path]], specs: Sequence[GradingNotation],
              opts: GradeOptions) -> list[Any]:
    """Each file's chains and problem statements, extracted and parsed in a
    worker (:func:`_read`), or why the file could not be read (a string)."""
    from symproofs.verifier.worker import run_tasks

    def read(i: int) -> tuple[list[ReadChain], list[Statement], tuple[str, ...]]:
        return _read(files[i][0], specs[i])

    def unreadable(i: int, kind: str, message: str) -> str:
        for prefix in ("InputError: ", "OSError: ", "UnicodeError: "):
            message = message.removeprefix(prefix)
        return {"timeout": f"reading the file took more than {opts.parse_timeout:g} s",
                "memory": f"reading the file exceeded the memory cap of {opts.memory_mb} MiB",
                "crash": f"the parser crashed ({message})"}.get(kind, f"could not read the file: {message}")

    count = 0

    def was_read(i: int, _: object) -> None:
        nonlocal count
        count += 1
        _report(opts, "reading", count, len(files))

    parsed: list[Any] = run_tasks(len(files), read, jobs=opts.jobs, timeout=opts.parse_timeout,
                                  memory_mb=opts.memory_mb, on_failure=unreadable, on_result=was_read)
    return parsed


def _notations(files: Sequence[tuple[Path, Path]], opts: GradeOptions) -> list[GradingNotation]:
    cache: dict[Path | None, GradingNotation] = {}

    def load(path: Path | None) -> GradingNotation:
        if path not in cache:
            cache[path] = GradingNotation.load(path) if path is not None else GradingNotation()
        return cache[path]

    if opts.notation is not None:
        return [load(opts.notation)] * len(files)
    return [load(find_notation(f, root)) for f, root in files]


def _assemble(path: Path, spec: GradingNotation, plan: Plan | None, parsed: object,
              goal_set: GoalSet, results: Sequence[StepResult]) -> SubmissionGrade:
    goals = goal_set.goals
    notation = spec.source if spec.notation is not None else None
    if plan is None:
        return SubmissionGrade(path=str(path), notation=notation, error=str(parsed))
    chains = [(line, start, list(steps)) for line, start, steps in plan.chains]
    text = _source(path)
    for p in plan.pending:
        steps = chains[p.chain][2]
        # (a point that contradicts a value the answer gave a name: checked at that value instead)
        result, at = _as_stated(results[p.goal], p.goal, goal_set, results)
        if result is results[p.goal]:
            result = _needs(result, goals[p.goal], goal_set.known[p.goal], p.goal in goal_set.lone)
            result = conditions_named(result, goals[p.goal], goal_set.written[p.goal][4])  # for n^2 = 4: n = 2
        result = qualified(_unread(_in_case(result, p.goal, goal_set, results), p.goal, goal_set), goals[p.goal],
                           text, steps[p.step].line, steps[p.step].column)
        # "take $B = A$" with A and B independent: the line says their independence was set aside in the case
        pending = replace(steps[p.step], message=join(join(steps[p.step].message, goal_set.tied.get(p.goal, "")),
                                                      at))
        steps[p.step] = _two_values(line_result(pending, result, goals[p.goal]), p.differs)
        for other in p.readings:  # i the imaginary unit, ||M|| the Frobenius norm: the verdict where all agree
            steps[p.step] = both_readings(steps[p.step], results[other.goal], other.ambiguity)
        steps[p.step] = rounded(steps[p.step], goals[p.goal].lhs, goals[p.goal].rhs)  # \sqrt{0.0021} = 0.0458
        steps[p.step] = asymptotic(steps[p.step], steps[p.step - 1].source if p.step else chains[p.chain][1])
        steps[p.step] = flag_escaped(steps[p.step], goals[p.goal].lhs, goals[p.goal].rhs)  # W_ik \sum_k: k outside
    for ci, step, g, line in plan.solutions:
        steps = chains[ci][2]
        steps[step] = _solves(steps[step], results[g], line)
    for r in plan.restated:
        steps = chains[r.chain][2]
        if r.compared:  # graded as written above; the earlier result decides only what that leaves unknown
            steps[r.step] = _compared(r, steps[r.step], chains, goal_set, results)
            continue
        steps[r.step] = _two_values(_restated(r, steps[r.step], chains, goal_set, results), r.differs)
    reaches: dict[int, list[str]] = {}
    for reach in plan.reach:
        ci, name = reach.chain, reach.name
        if not all(results[g].verdict is Verdict.PROVED for g in (reach.start, reach.end)):
            continue
        if reach.forms and results[reach.algebra].verdict is not Verdict.PROVED \
                and all(results[g].verdict is Verdict.PROVED for g in reach.before):
            # E[v] = mu - mu beta^t = (1 - beta^t) mu: the result stated at once, then rearranged
            steps = chains[ci][2]
            for k in reach.forms:
                steps[k] = replace(steps[k], method=f"restated ({steps[k].method})", message=join(
                    steps[k].message, f"the expected result {name}, stated without deriving it"))
            for k in reach.detour:  # E[v] = E[2v] - E[v]: the left side again, on the way to stating it
                steps[k] = replace(steps[k], method=f"restated ({steps[k].method})", message=join(
                    steps[k].message, f"the left side of {name} again, before stating it"))
            continue
        if name not in reaches.get(ci, []):
            reaches.setdefault(ci, []).append(name)
    # random variables the notation or the text declares are numbers ("$X \sim \mathcal{N}(0, 1)$")
    stated = [v.name for st in (parsed[1] if isinstance(parsed, tuple) else ()) for v in st.laws]
    # and the numbers a question's notation defines (L_t = ||z_t - y_t||^2, L = sum_t L_t)
    for question in sorted(set(plan.questions), key=str):
        q = spec.for_question(question).notation
        numbers = defined_numbers(q.recurrences, q.defined, q.matrices) if q is not None else frozenset()
        commuting([c for c, asked in zip(chains, plan.questions, strict=True) if asked == question], spec.notation,
                  frozenset((*(v.name for v in spec.random), *stated, *numbers)))
    graded = tuple(_placed(_chain(line, start, steps, tuple(reaches.get(i, ()))), question)
                   for i, ((line, start, steps), question) in enumerate(zip(chains, plan.questions, strict=True)))
    error = None if graded else "no derivation found (no display math with a relation)"
    score, top = _score(spec, graded)
    return SubmissionGrade(path=str(path), chains=graded, notation=notation, error=error, score=score,
                           max_score=top, warnings=parsed[2] if isinstance(parsed, tuple) else ())


def _source(path: Path) -> str:
    """The text of a submission, its lines as the reader counts them ("" where it cannot be read again)."""
    try:
        return path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    except OSError:
        return ""


def _placed(chain: ChainGrade, question: str | None) -> ChainGrade:
    """``chain`` of ``question``; of :data:`~symproofs.latex.questions.UNCLEAR`, every parsed step unknown: which
    question it answers is unclear, and no question's notation may prove or refute it (another's facts could
    prove a line false in its own)."""
    if question != UNCLEAR:
        return replace(chain, question=question)
    steps = tuple(s if s.verdict is Mark.UNPARSED else replace(
        s, verdict=Mark.UNKNOWN, method="question unclear", trust="none", counterexample=None, explanation=(),
        explanation_text="", message="which question this line answers is unclear (a number opens its part in a "
                                     "form the document's question markers do not use); check the mapping")
        for s in chain.steps)
    return replace(chain, steps=steps, question=None, reaches=(), states=(*chain.reaches, *chain.states))


def _chain(line: int, start: str, steps: Sequence[LineGrade], names: tuple[str, ...]) -> ChainGrade:
    """A chain whose sides are those of the expected results ``names``: it
    reaches them only when every step is proved (as the summary and the
    score count them); otherwise it only states them."""
    proved = bool(steps) and all(s.verdict is Mark.PROVED for s in steps)
    return ChainGrade(line=line, start=start, steps=tuple(steps), reaches=names if proved else (),
                      states=() if proved else names)


def _solves(grade: LineGrade, check: StepResult, line: int) -> LineGrade:
    """The last row of a solving run: proved only if its value also solves
    the equation of the first row (``line``) where that row is defined."""
    if grade.verdict is not Mark.PROVED or check.verdict is Verdict.PROVED:
        return grade
    if check.verdict is Verdict.REFUTED and check.counterexample is not None:
        cx = check.counterexample
        return replace(grade, verdict=Mark.REFUTED, method="not a solution",
                       message=f"this value does not solve the equation of line {line} "
                               f"(there: left = {sp.sstr(cx.lhs)}, right = {sp.sstr(cx.rhs)})")
    return replace(grade, verdict=Mark.UNKNOWN, method="not a solution",
                   message=f"it follows from the row above, but this value is not shown to solve the equation of "
                           f"line {line} (it may be undefined there)")


#: words that make a hypothesis one of induction: "Assume the claim holds for $n$", "by the induction hypothesis"
_INDUCTIVE = re.compile(r"\binduct|\b(?:claim|statement|formula|result|identity|equality|property|it)\s+"
                        r"(?:holds?|is\s+true|is\s+valid)\s+(?:for|at)\b", re.I)
_CONTRARY = re.compile(CONTRARY_WORDS + r"|\bnot\b|\bfails?\b|\bfalse\b", re.I)


def _unread(result: StepResult, g: int, goal_set: GoalSet) -> StepResult:
    """A refutation of a display the text states under a hypothesis in words
    that no case was read from ("if $\\sigma$ is the identity, $$...$$") is no
    refutation of what the student claims there: *unknown*, saying so. Any
    other refutation left at a fraction for a letter that counts (``n = 1/2``),
    or where a count the chain writes is negative (a sum from 1 to ``T = -2``),
    is moved to a whole value or held back (:mod:`symproofs.grading.counting`)."""
    if result.verdict is not Verdict.REFUTED:
        return result
    if not goal_set.unread[g]:  # the words' own reasons first; then a letter that counts, at a fraction
        goal, cases = goal_set.goals[g], goal_set.cases[g]
        return nonnegative_counts(integer_point(result, goal, cases), goal, goal_set.counts[g], cases)
    cx = result.counterexample.describe() if result.counterexample is not None else ""
    if reaches_contradiction(goal_set.unread[g]):  # "$$2 = 9/4,$$ a contradiction": drawn under a supposition
        return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                              message=f"not refuted: the text calls it a contradiction ('{goal_set.unread[g]}'), "
                                      f"drawn under a supposition and expected to be false (the sides differ {cx})")
    if _INDUCTIVE.search(goal_set.unread[g]) and not _CONTRARY.search(goal_set.unread[g]) \
            and false_everywhere(goal_set.goals[g]):
        # an induction hypothesis (a case of the claim, not a supposition made to reach a contradiction) cannot
        # make a line hold whose sides differ by a nonzero constant: false for every value, whatever it says
        return result.replace(message=f"{EVERY_VALUE} (their difference is a nonzero constant), whatever the "
                                      f"hypothesis '{goal_set.unread[g]}' says")
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"not refuted: the text states it under the hypothesis '{goal_set.unread[g]}', "
                                  f"which is not read (the sides differ {cx})")


def _in_case(result: StepResult, g: int, goal_set: GoalSet, results: Sequence[StepResult]) -> StepResult:
    """A step the text states in a case ("if $i \\ne j$", "let $x = 2$"):
    proved as written, else refuted at a point inside the case, else
    *unknown*, saying whether it holds in the case, and setting aside a
    refutation outside it. A case proves a line only where a hypothesis
    states it right before the line's display ("for $x > 0$,"): a case
    taken further back, or drawn as a fact ("since $x > 0$"), may not be
    what the line claims."""
    twin = goal_set.twins.get(g)
    linked = goal_set.linked.get(g, frozenset())
    if g in goal_set.impossible and result.method != "not needed":  # (an unknown too: this is why)
        case = ", ".join(one_line(c) for c in goal_set.impossible[g])
        if g in goal_set.undefined:  # x/c * c = x under "let $c = 0$": no value, never proved
            needed = ", ".join(one_line(c) for c in goal_set.undefined[g])
            return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="in the case",
                                  message=f"undefined at {case}: the sides as written need {needed}, which the "
                                          "case breaks (they have no value there)")
        return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="in the case",
                              message=f"stated in the case {case}, which no value meets under the question's "
                                      "assumptions (or the other cases taken)")
    if twin is not None and results[twin].method != "not needed" and result.verdict is Verdict.PROVED:
        # proved under a presumption the case contradicts (a range read as not reversed, under n <= -2)
        inside = outside_case(results[twin], goal_set.goals[twin], goal_set.cases[g], linked)
        if inside.verdict is Verdict.REFUTED:
            return inside
    if twin is not None and results[twin].method != "not needed" and result.verdict is not Verdict.PROVED:
        inside = _needs(results[twin], goal_set.goals[twin], goal_set.known[twin], twin in goal_set.lone)
        goal = goal_set.goals[g]
        names = {x.name for side in (goal.lhs, goal.rhs) if isinstance(side, sp.Basic)
                 for x in side.free_symbols if isinstance(x, sp.Symbol)}
        about = [c for c in goal_set.cases[g] if {x.name for x in c.free_symbols if isinstance(x, sp.Symbol)} & names]
        case = ", ".join(dict.fromkeys(one_line(c) for c in about or goal_set.cases[g]))  # (each once)
        inside = outside_case(inside, goal_set.goals[twin], goal_set.cases[g], linked)  # its own point, or none
        if inside.verdict is Verdict.REFUTED:
            return inside
        if inside.verdict is Verdict.PROVED and (goal_set.stated_for[g] or held_by_presumption(result)):
            # (or held back only where a range would run backwards, which the case rules out: for $t \ge 1$)
            # "for $x > 0$, $$\sqrt{x^2} = x$$": the claim the display makes, in the case stated for it
            # at a value the text takes ("substituting $x = 2$"), a check of that value: it earns nothing
            at = "at the value" if any(isinstance(c, sp.Eq) for c in about or goal_set.cases[g]) else "in the case"
            return inside.replace(method=f"{at} ({inside.method})",
                                  message=f"holds in the case {case} the text states for it")
        if inside.verdict is Verdict.PROVED:
            return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="in the case",
                                  message=f"holds in the case {case} the text takes, not shown for every value")
    return outside_case(result, goal_set.goals[g], goal_set.cases[g], linked)


def _as_stated(result: StepResult, g: int, goal_set: GoalSet,
               results: Sequence[StepResult]) -> tuple[StepResult, str]:
    """A refutation at a point that gives a plain name another number than
    the answer gave it earlier (``c := 3`` in part (a), ``c = -1`` at the
    point in part (b)) contradicts what the answer states: the step is
    refuted at the stated value if it fails there too (and the line says at
    which), else *unknown*, saying what it needs."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None or g not in goal_set.stated:
        return result, ""
    at = {str(k.name): v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    off = [(eq, line) for eq, line in goal_set.stated[g]
           if str(eq.lhs) in at and sp.simplify(at[str(eq.lhs)] - eq.rhs) != 0]
    if not off:
        return result, ""
    said = ", ".join(f"{one_line(eq)} on line {line}" for eq, line in off)
    twin = goal_set.stated_twins.get(g)
    if twin is not None:
        inside = _needs(results[twin], goal_set.goals[twin], goal_set.known[twin], twin in goal_set.lone)
        if inside.verdict is Verdict.REFUTED:
            return inside, f"refuted at the value the answer gave: {said}"
    names = ", ".join(str(eq.lhs) for eq, _ in off)
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"needs: {names}, to which the answer gave a value earlier ({said}); the sides "
                                  f"differ only at another value ({cx.describe()})"), ""


def _two_values(grade: LineGrade, differs: str) -> LineGrade:
    """A step that compares a name's new value with its old one: where they
    differ it says so, *unknown* (a new quantity or a slip), never refuted."""
    if not differs or grade.verdict is not Mark.REFUTED:
        return grade
    return replace(grade, verdict=Mark.UNKNOWN, method="two values", trust="none", counterexample=None,
                   explanation=(), explanation_text="", message=differs)


def _restated(r: Restated, pending: LineGrade, chains: Sequence[tuple[int, str, list[LineGrade]]],
              goal_set: GoalSet, results: Sequence[StepResult]) -> LineGrade:
    """A restated result counts as shown only where the earlier result was:
    otherwise the line is proved only as written, or else *unknown*, saying
    what the line it restates lacks (a restated slip is never proved by
    repeating it)."""
    # a result shown only in a case the text stated for it ("for $x \ge 0$, $$|x| = x$$") is no result outside it
    basis = [Mark.UNKNOWN if s.method.startswith(IN_A_CASE) else s.verdict
             for s in chains[r.basis][2]] if r.basis is not None else []
    if not r.claim and basis and all(v is Mark.PROVED for v in basis):
        goal = goal_set.goals[r.goal]
        result = _unread(_in_case(_needs(results[r.goal], goal, goal_set.known[r.goal]), r.goal, goal_set, results),
                         r.goal, goal_set)
        return line_result(pending, result, goal)
    written = results[r.written]
    if written.verdict is Verdict.PROVED:
        return line_result(replace(pending, message="checked as written"), written, goal_set.goals[r.written])
    taken = r.basis is not None and any(s.method in ("condition", "assumption") for s in chains[r.basis][2])
    why = ("the claim the answer sets out to show, not a result" if r.claim else
           "which was refuted" if Mark.REFUTED in basis else
           "a condition the answer works with, not a result it shows" if taken else "which was not proved")
    return replace(pending, verdict=Mark.UNKNOWN, method="restated",
                   message=f"restates line {r.line}, {why}" if not r.claim else f"restates {why} (line {r.line})")


def _compared(r: Restated, graded: LineGrade, chains: Sequence[tuple[int, str, list[LineGrade]]],
              goal_set: GoalSet, results: Sequence[StepResult]) -> LineGrade:
    """A line of its own that restates an earlier result (:func:`~symproofs.grading.lone.restate_own`),
    ``graded`` as written: where that leaves it *unknown* and every step of the earlier result's chain was
    proved (in no case the text took), the comparison with that result decides it, refuted only at an exact
    point where the two right sides differ; else it stays as written."""
    basis = [Mark.UNKNOWN if s.method.startswith(IN_A_CASE) else s.verdict
             for s in chains[r.basis][2]] if r.basis is not None else []
    if graded.verdict is not Mark.UNKNOWN or not basis or not all(v is Mark.PROVED for v in basis):
        return graded
    goal = goal_set.goals[r.goal]
    result, _ = _as_stated(results[r.goal], r.goal, goal_set, results)  # as a pending step is read (_assemble)
    if result is results[r.goal]:
        result = _needs(result, goal, goal_set.known[r.goal])
    result = _unread(_in_case(result, r.goal, goal_set, results), r.goal, goal_set)
    if result.verdict is not Verdict.PROVED and (result.verdict is not Verdict.REFUTED
                                                 or result.counterexample is None):
        return graded
    pending = replace(graded, verdict=Mark.UNKNOWN, method="", trust="none", counterexample=None, explanation=(),
                      explanation_text="", message=f"compared with the result of line {r.line}, which was shown")
    line = rounded(line_result(pending, result, goal), goal.lhs, goal.rhs)  # \sqrt{0.0021} = 0.0458
    return line if line.verdict is not Mark.UNKNOWN else graded


def _score(spec: GradingNotation, chains: Sequence[ChainGrade]) -> tuple[float | None, float | None]:
    r = spec.rubric
    if not (r.step or r.chain or any(p for _, p in r.expected)):
        return None, r.max
    # a step that shows nothing (its sides one expression once read, or a given restated) earns nothing,
    # and a chain of such steps earns no chain points
    earning = [[_earns(s) for s in c.steps] for c in chains]
    total = r.step * sum(sum(e) for e in earning)
    total += r.chain * sum(c.proved and any(e) for c, e in zip(chains, earning, strict=True))
    reached = {name for c in chains if c.proved for name in c.reaches}
    total += sum(points for name, points in r.expected if name in reached)
    return (min(total, r.max) if r.max is not None else total), r.max


def _earns(step: LineGrade) -> bool:
    """A proved step earns its points unless it shows nothing: its sides are
    one expression once read (``E[v] + 0 = 1 \\cdot E[v]``), it holds at a
    value the text takes for it ("substituting $x = 2$"), it restates a
    given (``v_k = \\beta v_{k-1} + ...`` at some ``k``), or it restates a
    result (an earlier one, or the expected one, in whatever form: ``E[v_t]
    = \\mu - \\mu\\beta^t`` where ``(1 - \\beta^t)\\mu`` is expected)."""
    return step.verdict is Mark.PROVED \
        and not step.method.startswith(("structural identity", "given", "restated", "at the value")) \
        and not step.message.startswith("restates")
