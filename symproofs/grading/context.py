r"""The context of one step: which assumptions and definitions it is
checked with (what a refutation needs before it is reported is
:mod:`symproofs.grading.needs`).

A step is checked with the assumptions connected to it through shared
symbols (``0 < a < b < 1`` for a step about ``a``), each fact bound to the
step's own symbols by name (the ``t`` of ``t \ge 1`` is the integer ``t`` of
``g_t``). A sum or product the student writes with symbolic bounds
(``\sum_{k=1}^{t}``) is read where its range is not reversed (``t >= 0``):
the probe never refutes at a point where it runs backwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.capture import apart
from symproofs.core.facts import Facts, pinned
from symproofs.core.goals import Context
from symproofs.core.model import Given
from symproofs.grading.closure import through_names
from symproofs.grading.document import Statement
from symproofs.latex.notation import GradingNotation, Setting, for_algebras
from symproofs.latex.recurrences import defined_numbers
from symproofs.latex.sequences import recurrence_givens
from symproofs.matrices.linalg import Expectation
from symproofs.matrices.unfolding import entry_positions
from symproofs.probability.variables import E

__all__ = [
    "context_of",
    "defined_from",
    "elsewhere",
    "flat",
    "head",
    "index_floors",
    "into_moments",
    "known_heads",
    "lowest",
    "members_defined",
    "names_of",
    "ranges_written",
    "relevant_givens",
    "statement_of",
]


def names_of(expr: sp.Basic) -> set[str]:
    out = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return out | {f.func.__name__ for f in expr.atoms(sp.Function)}


def context_of(setting: Setting, lhs: Any, rhs: Any, seed: int, definitions: bool,
               assumed: Sequence[sp.Basic] = ()) -> Context:
    """The notation's context for one goal. The assumptions kept are those
    connected to the step through shared symbols (``0 < a < b < 1`` for a
    step about ``a``), or to the conditions ``assumed`` for the step alone
    (where its sides as written are defined: ``n \\ge m`` for an inverse of
    ``X X^T`` that sympy cancelled); a fact's symbol is the step's symbol of
    the same name (the ``t`` of ``t \\ge 1`` is the integer index ``t`` of ``g_t``)."""
    exprs = [*flat(lhs), *flat(rhs)]
    candidates = (*setting.givens, *recurrence_givens(setting.notation, exprs, for_algebras))
    # the parameters of the laws of the step's random variables: a definition of one (mu = (alpha + beta)/2)
    # holds in the model too
    present = set().union(*(names_of(e) for e in exprs)) if exprs else set()
    exprs = [*exprs, *(p for name, params in setting.parameters if name in present for p in params)]
    # the probe draws every law's parameters for a step with a random part (the model declares every
    # variable): the notation's facts about them (0 < p < 1) hold at its points too
    exprs += list(_drawn_parameters(setting, exprs))
    # a given's symbol is the step's symbol of the same name (the n of "let n = 2" is the integer n of a sum's bound)
    by_name = {x.name: x for e in exprs for x in e.free_symbols if isinstance(x, sp.Symbol)}
    candidates = tuple(_named_as(g, by_name) for g in candidates)
    givens = relevant_givens(candidates, exprs) if definitions else ()
    kept = _facts_reached(setting, exprs, givens, assumed)
    for _ in range(2):  # a fact can tie the step to a defined name (sigma^2 = (beta - alpha)^2/12, alpha := ...)
        wider = relevant_givens(candidates, [*exprs, *kept]) if definitions else ()
        if len(wider) == len(givens):
            break
        givens = wider
        kept = _facts_reached(setting, exprs, givens, assumed)
    givens = through_names(givens)
    kept = [f for f in kept if f not in (sp.true, sp.false)]
    stated = Facts(tuple(kept))
    ranges = ranges_written([*exprs, *members_defined(givens, exprs)], kept)
    presumed: list[sp.Basic] = []
    for low in [*defined_from(givens, exprs), *ranges, *_inside_masks(setting, exprs), *_inside_shapes(exprs)]:
        # what is presumed never contradicts what is stated, nor pins a name to one value with it (a range
        # read as not reversed, n >= 0, under the case n <= -2 or n <= 0): a proof would hold vacuously, or at
        # n = 0 only
        if low not in kept and low not in (sp.true, sp.false) and stated.decide(low) is not False \
                and not _pins(stated, low):
            kept.append(low)
            if low in ranges and stated.decide(low) is not True:  # no fact states it: a proof that needs it
                presumed.append(low)  # proves the step for such ranges only (see grading.presumed)
    lemmas = setting.lemmas if definitions else ()
    return Context(facts=Facts(tuple(kept)), givens=givens, lemmas=lemmas, algebras=setting.algebras,
                   uses=tuple(lem.name for lem in lemmas), seed=seed, presumed=tuple(presumed))


def _drawn_parameters(setting: Setting, exprs: list[sp.Basic]) -> set[sp.Basic]:
    """The symbols of every declared law, when an algebra that draws them
    (see :meth:`~symproofs.verifier.probe.Probe.refute`) owns a side."""
    out: set[sp.Basic] = set()
    for alg in setting.algebras:
        params = getattr(alg, "law_parameters", None)
        if params is not None and any(alg.owns(e) for e in exprs):
            out |= set(params())
    return out


def _pins(stated: Facts, low: sp.Basic) -> bool:
    """Whether ``low`` with the ``stated`` facts leaves one of its names a single value."""
    return any(pinned((*stated.constraints, low), x) for x in low.free_symbols)


def _named_as(g: Given, by_name: dict[str, sp.Symbol]) -> Given:
    """``g`` with each symbol that differs from the step's symbol of the same
    name only in its assumptions replaced by the step's."""
    swap = {x: by_name[x.name] for x in g.statement.free_symbols
            if isinstance(x, sp.Symbol) and x.name in by_name and by_name[x.name] != x and x != g.index}
    return replace(g, statement=g.statement.xreplace(swap)) if swap else g


def _facts_reached(setting: Setting, exprs: list[sp.Basic], givens: tuple[Given, ...],
                   assumed: Sequence[sp.Basic] = ()) -> list[sp.Basic]:
    """The assumptions connected to the step and its givens through shared
    symbols, or through the names of the conditions ``assumed`` for the step
    (a fact's symbol stays the step's symbol of that name)."""
    symbols: set[sp.Basic] = set().union(*(e.free_symbols for e in exprs)) if exprs else set()
    for g in givens:
        symbols |= g.statement.free_symbols - ({g.index} if g.index is not None else set())
    present = set().union(*(names_of(e) for e in exprs)) if exprs else set()
    for name, params in setting.parameters:
        if name in present:
            symbols |= params
    by_name = {s.name: s for s in symbols if isinstance(s, sp.Symbol)}
    facts = [f.xreplace({s: by_name[s.name] for s in f.free_symbols
                         if isinstance(s, sp.Symbol) and s.name in by_name and by_name[s.name] != s})
             for f in setting.facts]
    names = {s.name for s in symbols if isinstance(s, sp.Symbol)}
    names |= {s.name for c in assumed for s in c.free_symbols if isinstance(s, sp.Symbol)}
    # a member at a fixed index (\beta_1 is beta(1)) ties a fact to the step as a symbol does
    names |= {sp.srepr(a) for e in exprs for a in e.atoms(AppliedUndef) if not a.free_symbols}
    kept: list[sp.Basic] = []
    grew = True
    while grew:
        grew = False
        for f in facts:
            fnames = {s.name for s in f.free_symbols if isinstance(s, sp.Symbol)}
            fnames |= {sp.srepr(a) for a in f.atoms(AppliedUndef) if not a.free_symbols}
            if f not in kept and fnames & names:
                kept.append(f)
                names |= fnames
                grew = True
    return kept


def _inside_shapes(exprs: list[sp.Basic]) -> list[sp.Basic]:
    """``1 <= i <= d`` for an index that places an entry ``u_i`` of a vector of
    length ``d`` (also as the variable of a derivative, ``\\partial/\\partial
    W_{ij}``): a point outside the matrix is no counterexample."""
    out: list[sp.Basic] = []
    for k, (lo, hi) in entry_positions(exprs).items():
        out += [sp.Ge(k, lo), sp.Le(k, hi)]
    return [c for c in out if c is not sp.true]


def _inside_masks(setting: Setting, exprs: list[sp.Basic]) -> list[sp.Basic]:
    """``1 <= k <= n`` for a member ``R(k, i)`` of a keep-mask's family that
    stands for the entry ``(R)_{ki}`` of an ``n x d`` mask: a point outside
    the matrix is no counterexample (positions bound by a sum are left to it)."""
    out: list[sp.Basic] = []
    for matrix, family in setting.masks:
        for e in exprs:
            free = e.free_symbols
            for app in e.atoms(AppliedUndef):
                if app.func != family or len(app.args) != 2:
                    continue
                for arg, size in zip(app.args, matrix.shape, strict=True):
                    if arg.free_symbols <= free:
                        out += [sp.Ge(arg, 1), sp.Le(arg, size)]
    return out


def _all_names(expr: sp.Basic) -> set[str]:
    out = {str(s.name) for s in expr.free_symbols if isinstance(s, (sp.Symbol, sp.MatrixSymbol))}
    return out | {str(f.func.__name__) for f in expr.atoms(AppliedUndef)}


def relevant_givens(givens: tuple[Given, ...], exprs: list[sp.Basic]) -> tuple[Given, ...]:
    r"""The givens a step can depend on: a definition ``name = ...`` when the
    step (or another kept given) uses ``name``; any other given when it
    shares a name with them. Dropping the rest is sound (a definition or a
    constraint on names the step never reaches changes nothing about it) and
    keeps the probe from having to build values it does not need, such as
    ``\Gamma = \operatorname{diag}(X^\top X)^{1/2}`` for a step about ``X``
    alone."""
    names: set[str] = set().union(*(_all_names(e) for e in exprs if isinstance(e, sp.Basic))) if exprs else set()
    kept: list[Given] = []
    grew = True
    while grew:
        grew = False
        for g in givens:
            if g in kept:
                continue
            st = g.statement
            if isinstance(st, sp.Eq) and isinstance(st.lhs, (sp.Symbol, sp.MatrixSymbol, AppliedUndef)):
                hit = head(st.lhs) in names
            else:
                hit = bool(_all_names(st) & names)
            if hit:
                kept.append(g)
                names |= _all_names(st)
                grew = True
    return tuple(g for g in givens if g in kept)


def flat(side: Any) -> list[sp.Basic]:
    if isinstance(side, tuple):
        return [x for item in side for x in flat(item)]
    if isinstance(side, sp.Rel):
        return [side.lhs, side.rhs]
    return [side]


def lowest(givens: Any) -> dict[str, sp.Basic]:
    """The first index at which each indexed family has a value: the initial
    index of a recurrence, or the index of a plain value such as ``v_0``."""
    out: dict[str, sp.Basic] = {}
    for g in givens:
        st = g.statement
        if not isinstance(st, sp.Eq) or not isinstance(st.lhs, AppliedUndef):
            continue
        name = st.lhs.func.__name__
        if g.index is not None and g.valid_from is not None:
            # the members the recurrence writes and uses at its first index (w_{t+1} = c w_t from t = 0: w_0)
            at = {g.index: g.valid_from}
            used = [m.args[0].xreplace(at) for m in (st.lhs, *st.rhs.atoms(st.lhs.func)) if len(m.args) == 1]
            if not all(u.is_Integer for u in used):
                continue
            low = min(used)
        elif g.index is None and len(st.lhs.args) == 1 and st.lhs.args[0].is_Integer:
            low = st.lhs.args[0]
        else:
            continue
        out[name] = sp.Min(out[name], low) if name in out else low
    return out


def defined_from(givens: Any, exprs: list[sp.Basic]) -> list[sp.Basic]:
    """``t - 2 >= 0`` for a member ``v_{t-2}`` of a family that starts at
    ``v_0``: a step is read where all its terms exist."""
    firsts = lowest(givens)
    out: list[sp.Basic] = []
    for e in exprs:
        for app in e.atoms(AppliedUndef):
            low = firsts.get(app.func.__name__)
            if low is None or len(app.args) != 1:
                continue
            arg = app.args[0]
            free = [s for s in arg.free_symbols if isinstance(s, sp.Symbol)]
            if len(free) == 1 and free[0].is_integer and free[0] in e.free_symbols \
                    and not any(free[0] in lim[0].free_symbols for lim in _limits(e)) \
                    and sp.Poly(arg, free[0]).degree() == 1:
                out.append(sp.Ge(arg, low))
    return out


def index_floors(givens: Any, exprs: list[sp.Basic]) -> list[sp.Basic]:
    """``t >= 0`` for an index ``t`` the step writes (not under a sum) that
    the question's sequences run over (``v_t = \\beta v_{t-1} + ...`` with
    ``v_0`` given): the index keeps the question's range in a step that
    writes no member (``1/(1 - \\beta^t) \\ge 1``), as in those that do
    (:func:`defined_from`); never refuted at ``t = -1``."""
    firsts = lowest(givens)
    starts: dict[sp.Symbol, sp.Basic] = {}
    for g in givens:
        st = g.statement
        if isinstance(g.index, sp.Symbol) and isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef):
            low = firsts.get(st.lhs.func.__name__)
            if low is not None and low.is_Integer:
                starts[g.index] = min(starts[g.index], low) if g.index in starts else low
    free = {x for e in exprs for x in e.free_symbols if isinstance(x, sp.Symbol) and x.is_integer}
    return [sp.Ge(x, low) for x, low in starts.items() if x in free]


def ranges_written(exprs: list[sp.Basic], known: Sequence[sp.Basic] = ()) -> list[sp.Basic]:
    r"""``hi >= lo - 1`` for each sum or product ``\sum_{k=lo}^{hi}`` a
    student writes with bounds in the step's free integer indices: a range
    written with symbolic bounds presumes it is not reversed (at most empty),
    so ``\sum_{k=1}^{t}`` is read for ``t >= 0`` only. A point where a range
    runs backwards is no counterexample to what the student wrote. A symbol
    of the upper bound that no fact in ``known`` constrains counts from 0,
    as a TA reads a count: ``\sum_{k=0}^{n} \binom{n}{k} = 2^n`` says
    nothing about ``n = -1``, where the range is empty."""
    constrained = set().union(*(f.free_symbols for f in known)) if known else set()
    out: list[sp.Basic] = []
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        free = e.free_symbols
        for s in e.atoms(sp.Sum, sp.Product):
            for lim in s.limits:
                if len(lim) != 3:
                    continue
                _, lo, hi = lim
                syms = (lo.free_symbols | hi.free_symbols)
                if not syms or not syms <= free or lo.atoms(sp.Function) or hi.atoms(sp.Function) \
                        or not all(isinstance(x, sp.Symbol) and x.is_integer for x in syms):
                    continue
                conds = [sp.Ge(hi, lo - 1), *(sp.Ge(x, 0) for x in sorted(hi.free_symbols - constrained, key=str)
                                              if sp.diff(hi, x).is_positive)]  # a count: n, not -n
                out.extend(c for c in conds if c not in (sp.true, sp.false) and c not in out)
    return out


def members_defined(givens: Sequence[Given], exprs: list[sp.Basic]) -> list[sp.Basic]:
    r"""What each member ``S_m`` of the step is by a definition of its family
    at one index (``S_n = \sum_{k=1}^{n} k``, the problem statement's), at the
    step's own argument (``\sum_{k=1}^{m} k``): a range a definition writes is
    read where it is not reversed, as one the student writes."""
    out: list[sp.Basic] = []
    for g in givens:
        st = g.statement
        if not isinstance(st, sp.Eq) or not isinstance(st.lhs, AppliedUndef) or len(st.lhs.args) != 1 \
                or not st.rhs.has(sp.Sum, sp.Product):
            continue
        index = g.index if g.index is not None else st.lhs.args[0]
        if not isinstance(index, sp.Symbol) or not index.is_integer:
            continue
        for e in exprs:
            for app in e.atoms(AppliedUndef):
                if app.func == st.lhs.func and len(app.args) == 1 and app.args[0].free_symbols \
                        and all(x.is_integer for x in app.args[0].free_symbols):
                    out.append(apart(st.rhs, app.args[0].free_symbols).xreplace({index: app.args[0]}))
    return out


def _limits(e: sp.Basic) -> list[Any]:
    return [lim for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits]


def elsewhere(spec: GradingNotation, question: str | None = None) -> frozenset[str]:
    """Names an assignment's notation defines in some part of ``question``
    (``3.2`` for ``3.1``; any question when ``None``). Another question's
    names are not this one's: the same letter means different things in
    different questions."""
    top = question.split(".")[0] if question else None
    names: set[str] = set()
    for qid, q in spec.questions:
        if top is not None and qid.split(".")[0] != top:
            continue
        for d in q.definitions:
            head = re.match(r"\s*\\?(?:boldsymbol\{|mathbf\{)?\\?([A-Za-z]+)", d.latex)
            if head:
                names.add(head.group(1))
    return frozenset(names)


def known_heads(spec: GradingNotation, setting: Setting, statement: Statement | None,
                 elsewhere: frozenset[str] = frozenset()) -> frozenset[str]:
    """Names of functions and sequences whose values something determines or
    leaves free on purpose: declared functions and random variables,
    defined names and the inputs of the problem statement's definitions;
    ``%L``: a family of numbers or a name the notation defines through
    members of sequences (``L_t = \\|z_t - y_t\\|^2``), which no given writes
    at every index."""
    names: set[str] = set()
    if spec.notation is not None:
        names |= set(spec.notation.functions) | set(spec.notation.matrices) | set(spec.notation.symbols)
        names |= {d.__name__ for d in spec.notation.derivatives().values()}  # sigma', the declared derivative
        # the families of numbers and the names the notation defines through members (L_t, L), which no given
        # writes at every index: "%" marks them (a refutation resting on their values is held back)
        note = spec.notation
        names |= {"%" + n for n in defined_numbers(note.recurrences, note.defined, note.matrices)}
        names |= {s.name for e in (*(r.rhs for r in note.recurrences), *(d.rhs for d in note.defined))
                  for s in e.free_symbols if isinstance(s, sp.Symbol)}
    names |= {s.name for f in setting.facts for s in f.free_symbols if isinstance(s, sp.Symbol)}
    names |= {s.name for g in setting.givens for s in g.statement.free_symbols if isinstance(s, sp.Symbol)}
    names |= {v.name for v in spec.random}
    names |= {"~" + v.name for v in spec.random if v.law == "unspecified"}
    # "with $\mathbb{E}[X^2] = 1$": a moment the text states that no law here has, which a refutation may break
    names |= {"!" + v.name for v in spec.random if v.unread}
    names |= {head(g.statement.lhs) for g in setting.givens if isinstance(g.statement, sp.Rel)}
    names |= {f.func.__name__ for lem in setting.lemmas for f in lem.statement.atoms(AppliedUndef)}
    if statement is not None:
        names |= set(statement.inputs)
        names |= {"^" + n for n in statement.named}  # "let $m$ denote the second moment": no name to define
    if spec.notation is not None:
        # what the problem statement defines and the notation does not is not free
        stated = {head(g.statement.lhs) for g in statement.givens
                  if isinstance(g.statement, sp.Eq)} if statement is not None else set()
        names |= {"*"} | {"!" + n for n in (elsewhere | stated) - names}
    return frozenset(names)


def statement_of(statements: dict[str | None, Statement], question: str | None) -> Statement | None:
    while True:
        if question in statements:
            return statements[question]
        if not question:
            return None
        question = question.rpartition(".")[0] or None


def head(expr: sp.Basic) -> str:
    if isinstance(expr, AppliedUndef):
        return str(expr.func.__name__)
    if isinstance(expr, (sp.Symbol, sp.MatrixSymbol)):
        return str(expr.name)
    return ""


_MOMENTS = ("E", "Var", "Cov", "CondE", "Prob")


def into_moments(setting: Setting, side: Any) -> Any:
    r"""``side`` with the definitions of the notation and of the student
    written out inside expectations, variances, covariances and
    probabilities: ``\mathbb{E}[a_i]`` with ``a_i = \sum_j W_{ij} h_j + b_i``
    is the expectation of that sum. A name the notation does not call random
    is a constant to the probability space, so a defined name left inside a
    moment would be taken for one (``E[a_i] = a_i``). Only definitions of a
    name by something that does not use it are written out, at arguments
    where they provably apply."""
    if isinstance(side, tuple):
        return tuple(into_moments(setting, part) for part in side)
    if not isinstance(side, sp.Basic):
        return side
    rules = _unfolding_rules(setting)
    names = _named_values(setting)
    if not rules and not setting.masks and not names:
        return side
    if setting.masks:  # (E[M])_{ij} is E[M_{ij}]: the entry of an expectation, by linearity
        side = side.replace(lambda e: isinstance(e, MatrixElement) and isinstance(e.parent, Expectation),
                            lambda e: E(MatrixElement(e.parent.args[0], e.i, e.j)))
    moments = [m for m in side.atoms(sp.Function) if getattr(m.func, "__name__", "") in _MOMENTS]
    moments += [m for m in side.atoms(Expectation) if m.args[0].has(*names)]
    if not moments:
        return side
    swap = {}
    for m in moments:
        unfolded = m
        for _ in range(6):  # s = R_{ij} + 1, M = X \odot R: a defined name inside E is what it names
            step = unfolded.xreplace(names)
            if step == unfolded:
                break
            unfolded = step
        if isinstance(unfolded, Expectation):
            if unfolded != m:
                swap[m] = unfolded
            continue
        unfolded = _mask_entries(setting, unfolded)
        for _ in range(6):  # a definition may name another defined name
            step = unfolded.replace(lambda e: isinstance(e, AppliedUndef) and _rule_for(rules, e) is not None,
                                    lambda e: _rule_for(rules, e))
            if step == unfolded:
                break
            unfolded = step
        if unfolded != m:
            swap[m] = unfolded
    return side.xreplace(swap) if swap else side


def _named_values(setting: Setting) -> dict[sp.Basic, sp.Basic]:
    """Names (symbols and matrices) that a definition of the notation or of
    the student gives by an expression not using them, with that expression."""
    out: dict[sp.Basic, sp.Basic] = {}
    for g in setting.givens:
        st = g.statement
        if g.index is not None or not isinstance(st, sp.Eq) or not isinstance(st.lhs, (sp.Symbol, sp.MatrixSymbol)):
            continue
        if st.lhs in out or st.rhs.has(st.lhs) or (
                isinstance(st.lhs, sp.MatrixSymbol) != isinstance(st.rhs, sp.MatrixExpr)):
            continue
        out[st.lhs] = st.rhs
    return out


def _mask_entries(setting: Setting, moment: sp.Basic) -> sp.Basic:
    """The entries ``R[i-1, j-1]`` of a keep-mask inside a scalar moment as
    members ``R(i, j)`` of the mask's i.i.d. Bernoulli family."""
    if not setting.masks:
        return moment
    families = dict(setting.masks)

    def compound(e: sp.Basic) -> bool:  # (X \odot R)_{ij}, ((X \odot R)^T (X \odot R))_{ij}
        return isinstance(e, MatrixElement) and not isinstance(e.parent, sp.MatrixSymbol) \
            and any(m in families for m in e.parent.atoms(sp.MatrixSymbol))

    def written_out(e: MatrixElement) -> sp.Basic:
        try:
            return e.parent._entry(e.i, e.j, expand=False)
        except (AttributeError, NotImplementedError, TypeError, ValueError):
            return e

    def entry(e: sp.Basic) -> bool:
        return isinstance(e, MatrixElement) and e.parent in families

    for _ in range(4):  # entries of entries: a product of a transpose of a product
        wider = moment.replace(compound, written_out)
        if wider == moment:
            break
        moment = wider
    moment = moment.replace(entry, lambda e: families[e.parent](e.i + 1, e.j + 1))
    return _constants_out(moment) if isinstance(moment, E) else moment


def _constants_out(moment: sp.Basic) -> sp.Basic:
    """``E[X_{ij} R_{ij}] = X_{ij} E[R_{ij}]``: entries of the notation's other
    matrices are numbers (it names every random quantity), taken out of the
    expectation by linearity, through sums and finite sums whose bounds are
    numbers or names."""
    def out(arg: sp.Basic) -> sp.Basic:
        arg = sp.expand(arg)
        if isinstance(arg, sp.Add):
            return sp.Add(*[out(t) for t in arg.args])
        if isinstance(arg, sp.Sum) and not any(lim.atoms(AppliedUndef) for lim in arg.limits):
            return sp.Sum(out(arg.function), *arg.limits)
        constant = [f for f in sp.Mul.make_args(arg) if isinstance(f, MatrixElement)
                    and isinstance(f.parent, sp.MatrixSymbol)]
        rest = [f for f in sp.Mul.make_args(arg) if f not in constant]
        if any(r.has(MatrixElement) or r.atoms(sp.MatrixSymbol) for r in rest):
            return E(arg)  # a matrix left inside: the expectation as written
        return sp.Mul(*constant) * E(sp.Mul(*rest))

    return out(moment.args[0])


_Rule = tuple[AppliedUndef, sp.Basic, tuple[sp.Symbol, ...], tuple[sp.Basic, ...]]


def _unfolding_rules(setting: Setting) -> list[_Rule]:
    """``(lhs, rhs, variables, conditions)`` of every definition ``f(args) = rhs``
    whose right side does not use ``f``."""
    rules: list[_Rule] = []
    for g in setting.givens:
        st = g.statement
        if not (isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef)) or st.rhs.has(st.lhs.func):
            continue
        if g.index is None:
            rules.append((st.lhs, st.rhs, (), ()))
            continue
        conds: list[sp.Basic] = []
        if g.valid_from is not None:
            conds.append(sp.Ge(g.index, g.valid_from))
        if g.valid_to is not None:
            conds.append(sp.Le(g.index, g.valid_to))
        rules.append((st.lhs, st.rhs, (g.index,), tuple(conds)))
    for lem in setting.lemmas:
        st = lem.statement
        if isinstance(st, sp.Eq) and isinstance(st.lhs, AppliedUndef) and not st.rhs.has(st.lhs.func) \
                and all(isinstance(v, sp.Symbol) for v in lem.variables):
            rules.append((st.lhs, st.rhs, tuple(v for v in lem.variables if isinstance(v, sp.Symbol)),
                          tuple(lem.hypotheses)))
    return rules


def _rule_for(rules: list[_Rule], app: AppliedUndef) -> sp.Basic | None:
    """The right side of the first rule whose left side ``app`` is an instance
    of (its variables bound to integer arguments where they are integers, and
    its conditions true there), or None."""
    for lhs, rhs, variables, conds in rules:
        if app.func != lhs.func or len(app.args) != len(lhs.args):
            continue
        binding: dict[sp.Basic, sp.Basic] = {}
        for pattern, actual in zip(lhs.args, app.args, strict=True):
            if pattern in variables:
                if binding.setdefault(pattern, actual) != actual:
                    break
                if pattern.is_integer and actual.is_integer is not True:
                    break
            elif pattern != actual:
                break
        else:
            if all(c.xreplace(binding) is sp.true for c in conds):
                return apart(rhs, set().union(*(v.free_symbols for v in binding.values()))).xreplace(binding)
    return None
