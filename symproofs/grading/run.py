r"""Grading students' LaTeX derivations, line by line.

:func:`grade` reads submissions (``.tex`` and Markdown files, or folders of
them), finds their chains (:mod:`symproofs.latex.extract`), turns every step
``prev REL new`` into a :class:`~symproofs.core.goals.Goal` in the context the
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

import os
import random
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation, compose
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.report import ChainGrade, LineGrade, Mark, SubmissionGrade
from symproofs.latex.notation import GradingNotation, Setting, for_algebras
from symproofs.render.counterexample import present

__all__ = ["ChainGrade", "GradeOptions", "LineGrade", "Mark", "SubmissionGrade", "collect", "grade"]

SUFFIXES = (".tex", ".md")
NOTATION_FILE = "notation.toml"
_MAX_FILE_BYTES = 8 * 1024 * 1024
_MAX_MESSAGE = 400


@dataclass(frozen=True, kw_only=True)
class GradeOptions:
    """Limits per step (seconds, MiB), workers, the notation file to use
    for every submission (else ``notation.toml`` next to each), a result
    cache, and a progress callback ``(stage, done, total)``."""

    timeout: float = 20.0
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


# -- finding the files -----------------------------------------------------------------------
def collect(paths: Sequence[str | Path]) -> list[tuple[Path, Path]]:
    """``(file, root)`` for every submission: the files given, and the
    ``.tex`` and ``.md`` files under the folders given (recursively, hidden
    folders and symbolic links to folders skipped), in order."""
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [(Path(folder) / f, path) for f in sorted(files)
                        if Path(f).suffix.lower() in SUFFIXES and not f.startswith(".")]
        elif path.is_file():
            if path.suffix.lower() not in (*SUFFIXES, ".ltx", ".latex", ".markdown"):
                raise InputError("not a .tex or .md file", source=str(path))
            out.append((path, path.parent))
        else:
            raise InputError("no such file or folder", source=str(path))
    if not out:
        raise InputError("no .tex or .md files found in " + ", ".join(str(p) for p in paths))
    return list(dict.fromkeys(out))


def find_notation(file: Path, root: Path) -> Path | None:
    """``notation.toml`` in the file's folder or a parent, up to ``root``."""
    folder, top = file.parent.resolve(), root.resolve()
    while True:
        candidate = folder / NOTATION_FILE
        if candidate.is_file():
            return candidate
        if folder == top or folder.parent == folder or top not in folder.parents:
            return None
        folder = folder.parent


# -- stage 1: reading a file (in a worker) ----------------------------------------------------
@dataclass(frozen=True)
class _Side:
    line: int
    column: int
    relation: Relation | None
    relation_text: str
    text: str
    expr: sp.Basic | None
    error: str | None


def _read(path: Path, notation: GradingNotation) -> list[tuple[int, list[_Side]]]:
    from symproofs.latex.extract import extract_chains

    if path.stat().st_size > _MAX_FILE_BYTES:
        raise InputError(f"file larger than {_MAX_FILE_BYTES // (1024 * 1024)} MiB")
    text = path.read_bytes().decode("utf-8", errors="replace")
    kind: Literal["tex", "markdown"] = "markdown" if path.suffix.lower() in (".md", ".markdown") else "tex"
    chains = extract_chains(text, source=str(path), kind=kind, notation=notation.notation)
    out = []
    for chain in chains:
        sides = []
        for s in chain.sides:
            error = None
            if s.error is not None:
                e = s.error
                error = f"line {e.line}, column {e.column}: {e.message}" if e.line else e.message
            expr = for_algebras(s.expr) if s.expr is not None else None
            sides.append(_Side(s.line, s.column, s.relation, s.relation_text, s.text[:2000], expr, error))
        out.append((chain.line, sides))
    return out


# -- stage 2: the steps --------------------------------------------------------------------
@dataclass
class _Pending:
    """A step waiting for its result: where it goes and which goal decides it."""

    chain: int
    step: int
    goal: int


@dataclass
class _Plan:
    """Everything one submission asks the workers."""

    chains: list[tuple[int, str, list[LineGrade]]] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    reach: list[tuple[int, str, int, int]] = field(default_factory=list)  # chain, name, goal, goal


class _Goals:
    """The goals of a whole batch, each distinct goal once."""

    def __init__(self, seed: int) -> None:
        self.goals: list[Goal] = []
        self.keys: dict[tuple[object, ...], int] = {}
        self.seed = seed

    def add(self, setting: Setting, relation: Relation, lhs: sp.Basic, rhs: sp.Basic, *,
            definitions: bool = True) -> int:
        key = (id(setting), definitions, relation, sp.srepr(lhs), sp.srepr(rhs))
        if key not in self.keys:
            seed = self.seed + zlib.crc32(repr(key[2:]).encode()) % 1_000_000
            context = _context(setting, lhs, rhs, seed, definitions)
            self.keys[key] = len(self.goals)
            self.goals.append(Goal(relation=relation, lhs=lhs, rhs=rhs, context=context))
        return self.keys[key]


def _names(expr: sp.Basic) -> set[str]:
    out = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return out | {f.func.__name__ for f in expr.atoms(sp.Function)}


def _context(setting: Setting, lhs: sp.Basic, rhs: sp.Basic, seed: int, definitions: bool) -> Context:
    """The notation's context for one goal. Only the assumptions on symbols
    the step involves are kept: the probe cannot satisfy a constraint on a
    symbol it does not sample, and a constraint on an absent symbol says
    nothing about the step."""
    givens = setting.givens if definitions else ()
    symbols = set(lhs.free_symbols | rhs.free_symbols)
    for g in givens:
        symbols |= g.statement.free_symbols - ({g.index} if g.index is not None else set())
    present = _names(lhs) | _names(rhs)
    for name, params in setting.parameters:
        if name in present:
            symbols |= params
    facts = tuple(f for f in setting.facts if f.free_symbols <= symbols)
    lemmas = setting.lemmas if definitions else ()
    return Context(facts=Facts(facts), givens=givens, lemmas=lemmas, algebras=setting.algebras,
                   uses=tuple(lem.name for lem in lemmas), seed=seed)


def _line(side: _Side, verdict: Mark, *, method: str = "", message: str = "") -> LineGrade:
    return LineGrade(line=side.line, column=side.column, relation=side.relation_text, source=side.text,
                     verdict=verdict, method=method, message=message)


def _plan(chains: list[tuple[int, list[_Side]]], setting: Setting, goals: _Goals) -> _Plan:
    plan = _Plan()
    for ci, (line, sides) in enumerate(chains):
        steps: list[LineGrade] = []
        start = sides[0].text if sides else ""
        prev: _Side | None = None
        at = 0  # index of prev
        relation: Relation | None = Relation.EQ  # composed since prev
        composed: Relation | None = Relation.EQ  # of the whole chain
        for si, side in enumerate(sides):
            if si > 0:
                rel = side.relation
                relation = compose(relation, rel) if relation is not None and rel is not None else None
                composed = compose(composed, rel) if composed is not None and rel is not None else None
            if side.expr is None:
                if si > 0 or side.error:
                    steps.append(_line(side, Mark.UNPARSED, message=side.error or ""))
                continue
            if si == 0:
                prev, at, relation = side, si, Relation.EQ
                continue
            if prev is None or prev.expr is None or relation is None:
                why = ("nothing before it was parsed" if prev is None else
                       f"the relation {side.relation_text} is not checked" if side.relation is None
                       else "the relations since the last parsed side do not compose")
                steps.append(_line(side, Mark.UNKNOWN, method="not checked",
                                   message=f"{why}; the chain restarts here"))
            else:
                note = f"checked against the side on line {prev.line}" if si > at + 1 else ""
                steps.append(_line(side, Mark.UNKNOWN, message=note))
                plan.pending.append(_Pending(ci, len(steps) - 1,
                                             goals.add(setting, relation, prev.expr, side.expr)))
            prev, at, relation = side, si, Relation.EQ
        plan.chains.append((line, start, steps))
        first, last = sides[0] if sides else None, prev
        if first is not None and last is not None and first is not last and first.expr is not None \
                and last.expr is not None and composed is not None:
            _plan_reach(plan, ci, first.expr, last.expr, composed, setting, goals)
    return plan


_FLIP: dict[type, type] = {sp.Eq: sp.Eq, sp.Le: sp.Ge, sp.Lt: sp.Gt, sp.Ge: sp.Le, sp.Gt: sp.Lt}
_REL_OF: dict[type, Relation] = {sp.Eq: Relation.EQ, sp.Le: Relation.LE, sp.Lt: Relation.LT,
                                 sp.Ge: Relation.GE, sp.Gt: Relation.GT}


def _plan_reach(plan: _Plan, ci: int, first: sp.Basic, last: sp.Basic, composed: Relation,
                setting: Setting, goals: _Goals) -> None:
    """Goals for "this chain reaches that expected result" (either orientation)."""
    if isinstance(first, (sp.Rel, tuple)) or isinstance(last, (sp.Rel, tuple)):
        return
    for name, result in setting.expected:
        for lhs, rhs, kind in ((result.lhs, result.rhs, type(result)),
                               (result.rhs, result.lhs, _FLIP.get(type(result)))):
            wanted = _REL_OF.get(kind)  # type: ignore[arg-type]
            if wanted is None or not _implies(composed, wanted) or _names(first) != _names(lhs):
                continue
            a = goals.add(setting, Relation.EQ, first, lhs, definitions=False)
            b = goals.add(setting, Relation.EQ, last, rhs, definitions=False)
            plan.reach.append((ci, name, a, b))
            break


def _implies(have: Relation, want: Relation) -> bool:
    """Whether a chain showing ``have`` shows ``want``."""
    return have is want or (have is Relation.EQ and want in (Relation.LE, Relation.GE)) or (
        (have, want) in ((Relation.LT, Relation.LE), (Relation.GT, Relation.GE)))


# -- running -------------------------------------------------------------------------------
def _failed_step(kind: str, message: str, timeout: float) -> StepResult:
    return StepResult(verdict=Verdict.UNKNOWN,
                      method={"timeout": "time limit", "memory": "memory limit"}.get(kind, "worker failure"),
                      trust=Trust.NONE, seconds=timeout if kind == "timeout" else 0.0, message=message)


def _check(goals: Sequence[Goal], options: GradeOptions) -> list[StepResult]:
    from symproofs.verifier.pipeline import check_goal
    from symproofs.verifier.worker import run_tasks

    results: list[StepResult | None] = [None] * len(goals)
    todo = []
    for i, goal in enumerate(goals):
        hit = options.cache.get(goal) if options.cache is not None else None
        if hit is not None:
            results[i] = hit.replace(cached=True)
        else:
            todo.append(i)
    done = len(goals) - len(todo)
    _report(options, "checking", done, len(goals))

    def task(j: int) -> StepResult:
        goal = goals[todo[j]]
        return _confirm(goal, check_goal(goal))

    def finished(j: int, result: StepResult) -> None:
        nonlocal done
        results[todo[j]] = result
        if options.cache is not None and result.method not in ("time limit", "memory limit", "worker failure"):
            options.cache.put(goals[todo[j]], result)
        done += 1
        _report(options, "checking", done, len(goals))

    run_tasks(len(todo), task, jobs=options.jobs, timeout=options.timeout, memory_mb=options.memory_mb,
              on_failure=lambda j, kind, msg: _failed_step(kind, msg, options.timeout), on_result=finished)
    return [r if r is not None else _failed_step("crash", "no result", 0.0) for r in results]


def _report(options: GradeOptions, stage: str, done: int, total: int) -> None:
    if options.progress is not None:
        options.progress(stage, done, total)


def _line_result(pending: LineGrade, result: StepResult, goal: Goal) -> LineGrade:
    verdict = {Verdict.PROVED: Mark.PROVED, Verdict.REFUTED: Mark.REFUTED}.get(result.verdict, Mark.UNKNOWN)
    message = pending.message
    cx = None
    explanation: tuple[tuple[str, str], ...] = ()
    explanation_text = ""
    if result.counterexample is not None:
        found = result.counterexample
        if found.model and not any(a.owns(goal.lhs) or a.owns(goal.rhs) for a in goal.context.algebras):
            found = replace(found, model="")  # the step has no random or matrix part
        if result.method == "refutation probe" and goal.relation in (Relation.GE, Relation.GT):
            found = replace(found, lhs=found.rhs, rhs=found.lhs)  # the probe checked rhs <= lhs
        cx = found.describe()
        view = present(found, goal.lhs, goal.rhs)
        explanation, explanation_text = tuple(view.pieces()), view.sentence()
    if verdict is Mark.UNKNOWN:
        extra = result.message
        if result.residual is not None:
            extra = _join(extra, f"left to show: {sp.sstr(result.residual)} = 0")
        message = _join(message, extra)
    elif verdict is Mark.PROVED and result.trust is Trust.INSTANCES:
        message = _join(message, f"checked on {result.instances}")
    return LineGrade(line=pending.line, column=pending.column, relation=pending.relation,
                     source=pending.source, verdict=verdict, method=result.method, trust=result.trust.value,
                     counterexample=cx[:_MAX_MESSAGE * 2] if cx else None, message=message[:_MAX_MESSAGE],
                     explanation=explanation, explanation_text=explanation_text)


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


def _confirm(goal: Goal, result: StepResult) -> StepResult:
    """Keep a refutation only if its point honours every definition: the probe
    cannot honour a known fact for all values, nor a given such as an
    induction hypothesis ``v_t = ...`` once ``t`` has a value; such a given
    is evaluated at the point here, and a point that may violate one is
    no refutation."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None:
        return result
    doubt = "a known fact for all values" if _unchecked_facts(goal) else None
    loose = [g for g in _relevant(goal) if g.index is None and isinstance(g.statement, sp.Eq)
             and g.statement.lhs.free_symbols]
    if loose and doubt is None:
        from symproofs.verifier.probe import Point, Probe

        values = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
        functions = {k: v for k, v in cx.assignment if not isinstance(k, sp.Symbol)}
        probe = Probe(facts=goal.context.facts, givens=goal.context.givens, algebras=(), seed=0)
        for g in loose:
            try:
                known = dict(functions)
                a = probe.evaluate(g.statement.lhs, Point(values), known, random.Random(0))
                b = probe.evaluate(g.statement.rhs, Point(values), known, random.Random(0))
                holds = len(known) == len(functions) and sp.expand(a - b) == 0
            except Exception:  # not a number at this point: cannot tell
                holds = False
            if not holds:
                doubt = f"the definition '{g.name}'"
                break
    if doubt is None:
        return result
    return result.replace(verdict=Verdict.UNKNOWN, counterexample=None, method="refutation probe",
                          message=f"the sides differ {cx.describe()}, but that point may violate {doubt}")


def _relevant(goal: Goal) -> list[Any]:
    """The givens a goal's value depends on (directly or through other givens)."""
    names = _names(goal.lhs) | _names(goal.rhs)
    found: list[Any] = []
    grew = True
    while grew:
        grew = False
        for g in goal.context.givens:
            if g not in found and _names(g.statement.lhs) & names:
                found.append(g)
                names |= _names(g.statement.rhs)
                grew = True
    return found


def _unchecked_facts(goal: Goal) -> bool:
    """Whether a known fact for all values (which the probe cannot honour)
    is about something the step mentions."""
    names = _names(goal.lhs) | _names(goal.rhs)
    for lemma in goal.context.lemmas:
        if lemma.variables:
            heads = {f.func.__name__ for f in lemma.statement.atoms(AppliedUndef)}
            heads |= {s.name for s in lemma.statement.free_symbols if isinstance(s, sp.Symbol)}
            heads -= {v.name for v in lemma.variables if isinstance(v, sp.Symbol)}
            if heads & names:
                return True
    return False


# -- the whole flow ------------------------------------------------------------------------
def grade(paths: Sequence[str | Path], options: GradeOptions | None = None) -> list[SubmissionGrade]:
    """Grade every submission under ``paths``; see the module docstring.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "answer.md"
    >>> _ = path.write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2 $$")
    >>> [step.verdict.value for step in grade([path])[0].chains[0].steps]
    ['proved', 'refuted']
    """
    from symproofs.verifier.worker import run_tasks

    opts = options or GradeOptions()
    files = collect(paths)
    specs = _notations(files, opts)
    settings = {spec.source: spec.build() for spec in specs}

    def read(i: int) -> list[tuple[int, list[_Side]]]:
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
    goals = _Goals(opts.seed)
    plans = [_plan(p, settings[spec.source], goals) if not isinstance(p, str) else None
             for p, spec in zip(parsed, specs)]
    results = _check(goals.goals, opts)
    return [_assemble(path, spec, plan, parsed_i, goals.goals, results)
            for (path, _), spec, plan, parsed_i in zip(files, specs, plans, parsed)]


def _notations(files: Sequence[tuple[Path, Path]], opts: GradeOptions) -> list[GradingNotation]:
    cache: dict[Path | None, GradingNotation] = {}

    def load(path: Path | None) -> GradingNotation:
        if path not in cache:
            cache[path] = GradingNotation.load(path) if path is not None else GradingNotation()
        return cache[path]

    if opts.notation is not None:
        return [load(opts.notation)] * len(files)
    return [load(find_notation(f, root)) for f, root in files]


def _assemble(path: Path, spec: GradingNotation, plan: _Plan | None, parsed: object,
              goals: Sequence[Goal], results: Sequence[StepResult]) -> SubmissionGrade:
    notation = spec.source if spec.notation is not None else None
    if plan is None:
        return SubmissionGrade(path=str(path), notation=notation, error=str(parsed))
    chains = [(line, start, list(steps)) for line, start, steps in plan.chains]
    for p in plan.pending:
        steps = chains[p.chain][2]
        steps[p.step] = _line_result(steps[p.step], results[p.goal], goals[p.goal])
    reaches: dict[int, list[str]] = {}
    for ci, name, a, b in plan.reach:
        if all(results[g].verdict is Verdict.PROVED for g in (a, b)) and name not in reaches.get(ci, []):
            reaches.setdefault(ci, []).append(name)
    graded = tuple(ChainGrade(line=line, start=start, steps=tuple(steps), reaches=tuple(reaches.get(i, ())))
                   for i, (line, start, steps) in enumerate(chains))
    error = None if graded else "no derivation found (no display math with a relation)"
    score, top = _score(spec, graded)
    return SubmissionGrade(path=str(path), chains=graded, notation=notation, error=error, score=score,
                           max_score=top)


def _score(spec: GradingNotation, chains: Sequence[ChainGrade]) -> tuple[float | None, float | None]:
    r = spec.rubric
    if not (r.step or r.chain or any(p for _, p in r.expected)):
        return None, r.max
    total = r.step * sum(s.verdict is Mark.PROVED for c in chains for s in c.steps)
    total += r.chain * sum(c.proved for c in chains)
    reached = {name for c in chains if c.proved for name in c.reaches}
    total += sum(points for name, points in r.expected if name in reached)
    return (min(total, r.max) if r.max is not None else total), r.max

