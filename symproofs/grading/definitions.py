"""A student's own definitions and conditions, and what they make of the
setting: ``name = expression`` lines the rest of a question may use (a
matrix, a function by its formula), a value that contradicts the course's
assumptions left out, and the condition a line is stated under."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.capture import apart, names_in, substituted
from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import random_heads_of
from symproofs.core.model import Given
from symproofs.grading.context import head
from symproofs.grading.cues import NAME_LHS
from symproofs.grading.definiendum import DESCRIBED, NOT_READ, described, is_name, new_name
from symproofs.latex.notation import Setting
from symproofs.latex.sequences import recurrence_heads
from symproofs.matrices.linalg import Expectation
from symproofs.probability.variables import E
from symproofs.verifier.sums import empty_ranges

__all__ = ["AT_A_POINT", "DESCRIBED", "EARLIER_PART", "a_parameter", "assuming", "can_define", "carried_over",
           "condition_point", "contradicts", "course_defines", "course_parameter", "define_name", "defined_already",
           "defines_function", "defining_message",
           "described", "forget_values", "formula_of", "is_formula", "is_name", "laws_give", "names_anew",
           "never_holds", "rearranged", "restricted", "result_names", "special_value",
           "student_formulas", "through_definitions", "through_functions", "ties_random", "unfolded_sides",
           "where_defined"]


def can_define(lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether ``lhs = rhs`` can be read as a definition of ``lhs``: a name
    that its right side does not use. ``x = x + 1`` or ``s = 2s + 1`` is an
    equation about ``x`` (true for some values or none), never a value given
    to it: taking it for one would let a later line that restates it count
    as shown, and would put ``x + 1`` in the place of ``x``. Nor is an
    operation or a function applied to an expression a new name
    (:func:`symproofs.grading.definiendum.new_name`)."""
    return new_name(lhs, rhs)


#: the end of the name of a definition carried over from an earlier part of the question
EARLIER_PART = " (an earlier part)"


def carried_over(fresh: Setting, earlier: Mapping[str, Setting], question: str | None,
                 fixed: AbstractSet[str] = frozenset()) -> Setting:
    """The setting of a sub-question (``2.2``) with the functions the student
    defines by a formula in the latest earlier part of the same question
    (``L(w) = ...`` in 2.1 still defines ``L`` in 2.2), as a TA reads on, and
    the names it defines explicitly there (the givens named in ``fixed``: ``\\eta
    := 1/10``, "let $c = 3$"). A value found for a name (``c = 0`` in 1.1)
    belongs to its part, and a name the sub-question's notation defines keeps
    the notation's definition."""
    top = (question or "").partition(".")[0]
    if not top:
        return fresh
    before = [s for q, s in earlier.items() if q != question and q.partition(".")[0] == top]
    if not before:
        return fresh
    defined = {head(g.statement.lhs) for g in fresh.givens if isinstance(g.statement, sp.Eq)} - {""}
    defined |= {head(g.statement.lhs) for g in before[-1].givens if isinstance(g.statement, sp.Eq)
                and _the_courses(fresh, g.statement.lhs)}  # a function the course speaks of is the course's
    mine = tuple(g for g in before[-1].givens if g.name.startswith("defined on line") and g not in fresh.givens
                 and isinstance(g.statement, sp.Eq) and head(g.statement.lhs) not in defined
                 and (_function_of(g.statement.lhs) or g.name.removesuffix(EARLIER_PART) in fixed))
    mine = tuple(replace(g, name=g.name + EARLIER_PART) for g in mine if not g.name.endswith(EARLIER_PART)) + tuple(
        g for g in mine if g.name.endswith(EARLIER_PART))
    return replace(fresh, givens=(*fresh.givens, *mine)) if mine else fresh


def restricted(setting: Setting, case: Sequence[sp.Basic], line: int) -> Setting | None:
    """The setting with the function the student defines by a formula on
    ``line`` defined only where ``case`` holds ("let $f(x) = x^3$ for $x \\ge
    0$", a row's ``\\text{for } x \\ge 0``): elsewhere it has no value to
    prove or refute with. None if ``case`` is not about its variables."""
    for k in range(len(setting.givens) - 1, -1, -1):
        g = setting.givens[k]
        st = g.statement
        if g.name != f"defined on line {line}" or not isinstance(st, sp.Eq) or not is_formula(st.lhs):
            continue
        variables = {x.name: x for x in st.lhs.args if isinstance(x, sp.Symbol)}
        names = {x.name for c in case for x in c.free_symbols if isinstance(x, sp.Symbol)}
        if not names or not names <= set(variables) or not all(isinstance(c, sp.Rel) for c in case):
            return None
        where = sp.And(*case).xreplace({x: variables[x.name] for c in case for x in c.free_symbols
                                       if isinstance(x, sp.Symbol)})
        body = sp.Piecewise((st.rhs, where), (sp.nan, True))
        new = Given(name=g.name, statement=sp.Eq(st.lhs, body), text=sp.sstr(sp.Eq(st.lhs, body)))
        return replace(setting, givens=(*setting.givens[:k], new, *setting.givens[k + 1:]))
    return None


def _function_of(lhs: sp.Basic) -> bool:
    """``f(x)`` or ``L(w)`` with distinct names (numbers or vectors) for its variables."""
    return isinstance(lhs, AppliedUndef) and bool(lhs.args) and len(set(lhs.args)) == len(lhs.args) \
        and all(isinstance(a, (sp.Symbol, sp.MatrixSymbol)) for a in lhs.args)


def assuming(setting: Setting, assumed: tuple[sp.Basic, ...]) -> Setting:
    """``setting`` with a line's stated condition: ``name = value`` (also
    ``p = q``) as a given (the value put in), any other relation as a fact."""
    if not assumed:
        return setting
    givens, facts = list(setting.givens), list(setting.facts)
    valued: dict[sp.Basic, sp.Basic] = {}
    for k, rel in enumerate(assumed):
        # p = q too (not q = p after it, nor p = 2p): the case's value put in, as the probe cannot draw it
        if isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol) and not rel.rhs.has(rel.lhs) \
                and not isinstance(rel.rhs, sp.MatrixExpr) and rel.lhs not in valued \
                and not any(v.has(rel.lhs) and x in rel.rhs.free_symbols for x, v in valued.items()):
            valued[rel.lhs] = rel.rhs
            givens.append(Given(name=f"stated condition {k + 1}", statement=rel, text=sp.sstr(rel)))
        elif rel is not sp.true:
            facts.append(rel)
    return replace(setting, givens=tuple(givens), facts=tuple(facts))


def define_name(setting: Setting, lhs: sp.Basic, rhs: sp.Basic, line: int, *, explicit: bool = False) -> Setting:
    """The setting with a student's definition ``name = expression`` (the
    rest of the question may use it as the student does). ``explicit``: the
    text defines it as such (``:=``, "let", "define"), which makes ``f(x) =
    3`` the constant function; otherwise a function's value that does not
    use its arguments is its value there only (:func:`defines_function`)."""
    if not can_define(lhs, rhs):
        return setting
    lhs, rhs = unshifted(lhs, rhs)  # a_{n+1} = 3 a_n: a_n = 3 a_{n-1}, the recurrence for every n
    if _the_courses(setting, lhs):
        return setting  # "let W := I_d", "g_t = mu": the course's W, g, sigma stay what it declares
    # a name defined anew (b := 3, later b := 4; f(x) := x^3 after f(x) := x^2) has its new value
    # from here on, not both: its old value neither stays nor counts against the new one
    formula = defines_function(setting, lhs, rhs, explicit=explicit)
    kept = tuple(g for g in setting.givens if not (g.name.startswith("defined on line") and isinstance(
        g.statement, sp.Eq) and _same_definiendum(g, lhs, formula)))
    if isinstance(lhs, sp.Symbol) and contradicts(replace(setting, givens=kept), lhs, rhs):
        return setting  # "we note beta = 2" under 0 < beta < 1: the course's assumption stands
    if isinstance(lhs, sp.Symbol) and isinstance(rhs, sp.MatrixExpr):  # M := X \odot R: M names a matrix
        lhs = sp.MatrixSymbol(lhs.name, *rhs.shape)
    if isinstance(lhs, sp.MatrixSymbol) != isinstance(rhs, sp.MatrixExpr) or (
            isinstance(lhs, sp.MatrixSymbol) and lhs.shape != rhs.shape):
        return setting
    if not formula:  # p := sigma(wx) after sigma(z) := 1/(1 + e^{-z}): p is 1/(1 + e^{-wx})
        rhs = through_functions(replace(setting, givens=kept), rhs)
        kept = _into_formulas(kept, lhs, rhs, line)
    name = f"defined on line {line}" + (AT_A_POINT if is_formula(lhs) and not formula else "")
    given = Given(name=name, statement=sp.Eq(lhs, rhs), text=sp.sstr(sp.Eq(lhs, rhs)))
    starts = _starts(kept, lhs, rhs) if formula else {}
    if starts:  # "let $a_1 = 3$ and $a_{n+1} = 3 a_n$": the recurrence gives the members after the start
        n = lhs.args[0]
        rhs = sp.Piecewise(*((v, sp.Eq(n, k)) for k, v in starts.items()), (rhs, n > max(starts)), (sp.nan, True))
        given = Given(name=name, statement=sp.Eq(lhs, rhs), text=sp.sstr(sp.Eq(lhs, rhs)))
    return replace(setting, givens=(*kept, given))


def _starts(givens: Sequence[Given], lhs: sp.Basic, rhs: sp.Basic) -> dict[sp.Integer, sp.Basic]:
    """The starting values the student gives a recurrence ``lhs = rhs``
    (``a_n = 3 a_{n-1}``, one integer index) before it (``a_1 = 3``), by index."""
    if not (isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and lhs.args[0].is_integer
            and isinstance(rhs, sp.Basic) and rhs.has(lhs.func)):
        return {}
    return {st.lhs.args[0]: st.rhs for g in givens if g.name.startswith("defined on line")
            and isinstance(st := g.statement, sp.Eq) and isinstance(st.lhs, AppliedUndef)
            and st.lhs.func == lhs.func and len(st.lhs.args) == 1 and isinstance(st.lhs.args[0], sp.Integer)}


def _into_formulas(givens: tuple[Given, ...], lhs: sp.Basic, rhs: sp.Basic, line: int) -> tuple[Given, ...]:
    """``givens`` with ``lhs := rhs`` put into a formula defined on the same
    line whose variables ``rhs`` speaks of ("$f(x) := x + y$ where $y :=
    2x$": the ``x`` of ``y`` is ``f``'s own, so ``f(x) = 3x``)."""
    out = []
    for g in givens:
        st = g.statement
        if g.name == f"defined on line {line}" and isinstance(st, sp.Eq) and is_formula(st.lhs) \
                and st.rhs.has(lhs) and rhs.free_symbols & set(st.lhs.args):
            body = substituted(st.rhs, {lhs: rhs})
            g = Given(name=g.name, statement=sp.Eq(st.lhs, body), text=sp.sstr(sp.Eq(st.lhs, body)))
        out.append(g)
    return tuple(out)


def a_parameter(setting: Setting, lhs: sp.Basic, used: AbstractSet[str] = frozenset()) -> bool:
    """Whether ``lhs`` is a plain name the question already has: one the
    notation declares with a domain, one the course's assumptions, laws,
    definitions or expected results speak of, or one the text used before (``used``) without the student
    defining it. A value the text gives it ("let $x = 0$", "we take $\\mu =
    0$", "without loss of generality $b = 0$") is a case the text takes, not
    a definition: it never proves the lines after it, which claim what they
    claim for every value."""
    if not isinstance(lhs, sp.Symbol):
        return False
    name = lhs.name
    note = setting.notation
    if note is not None and name in note.symbols:
        return True
    if any(name == s.name for f in setting.facts for s in f.free_symbols if isinstance(s, sp.Symbol)):
        return True
    if any(name == getattr(s, "name", None) for _, params in setting.parameters for s in params):
        return True
    course = [*(r for _, r in setting.expected),
              *(g.statement for g in setting.givens if not g.name.startswith(("defined on line", "stated condition")))]
    if any(name == s.name for st in course for s in st.free_symbols if isinstance(s, sp.Symbol)):
        return True  # a name the course's definitions or expected results speak of (S = (a+b)^2)
    return name in used


def course_parameter(setting: Setting, lhs: sp.Basic) -> bool:
    """Whether ``lhs`` is a parameter of the course: a plain name its facts,
    definitions, laws or expected results speak of (``\\alpha`` with ``\\alpha <
    \\beta``, ``\\gamma`` in ``w = \\gamma u/\\|u\\|``, the mean of a law), not one
    the notation only declares a sign for, which the answer names (``\\lambda =
    (1-p)/p``). It has its meaning already: an equation
    giving it a formula (``\\alpha = -\\beta``, ``\\gamma = \\|u\\|``) is a
    claim about it, or a case the text chooses, never a definition that
    overrides the course's (which would prove false lines after it)."""
    if not isinstance(lhs, sp.Symbol):
        return False
    course = (*setting.facts, *(g.statement for g in setting.givens if not g.name.startswith(
        ("defined on line", "stated condition"))), *(r for _, r in setting.expected))
    return any(lhs.name == getattr(s, "name", None) for st in course for s in st.free_symbols) or any(
        lhs.name == getattr(s, "name", None) for _, params in setting.parameters for s in params)


def defining_message(setting: Setting, lhs: sp.Basic) -> str:
    """What a line ``lhs := ...`` is: a definition, or, for a parameter of the course
    (:func:`course_parameter`), a case the text chooses."""
    if course_parameter(setting, lhs):
        return (f"a choice of {sp.sstr(lhs)}, which the course already has: a case the text takes, the lines "
                "after it never proved by it (not checked)")
    return "a definition (:=), not checked"


def forget_values(setting: Setting, case: tuple[sp.Basic, ...]) -> Setting:
    """``setting`` without the student's values of the names a case the text
    takes speaks of ("suppose $h = 4$" after ``h := 3``): the case decides
    which points count as refutations (it never helps to prove), and the old
    value no longer holds."""
    # a name given a value ("let $m = n + 1$") loses its old one, not the names the value is written in (n)
    names = {s.name for rel in case
             for s in ((rel.lhs,) if _values_a_name(rel) else rel.free_symbols) if isinstance(s, sp.Symbol)}
    # a value is replaced; a formula stays (a case Delta = 0 on Delta := b^2 - 4ac is a condition on a, b, c)
    kept = tuple(g for g in setting.givens if not (g.name.startswith("defined on line") and isinstance(
        g.statement, sp.Eq) and head(g.statement.lhs) in names and not g.statement.rhs.free_symbols))
    return replace(setting, givens=kept)


def _values_a_name(rel: sp.Basic) -> bool:
    """``name = value`` with the name not in the value: what it gives a value (``m = n + 1``)."""
    return isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol) and not rel.rhs.has(rel.lhs)


def is_formula(lhs: sp.Basic) -> bool:
    """``f(x, y)`` with distinct variables: the left side of a function's
    formula, for every value of its arguments (``f(2)`` is one value)."""
    return isinstance(lhs, AppliedUndef) and bool(lhs.args) and all(isinstance(a, sp.Symbol) for a in lhs.args) \
        and len(set(lhs.args)) == len(lhs.args)


def unshifted(lhs: sp.Basic, rhs: sp.Basic) -> tuple[sp.Basic, sp.Basic]:
    """A recurrence written at a shifted index, ``a_{n+1} = 3 a_n``, as the
    formula at the plain index, ``a_n = 3 a_{n-1}`` (an integer index and
    an integer shift; anything else as written)."""
    if not (isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(lhs.args[0], sp.Add)):
        return lhs, rhs
    shift, index = lhs.args[0].as_coeff_Add()
    if not (isinstance(index, sp.Symbol) and index.is_integer and shift.is_integer and shift != 0):
        return lhs, rhs
    return lhs.func(index), sp.sympify(rhs).xreplace({index: index - shift})


#: the end of the name of a student's equation that gives a function its value at the point its
#: arguments name ("with $P(A) = 0.3$", "with $g(x) = 3$"), never a formula for every argument
AT_A_POINT = " (a value at a point)"
#: the functionals of probability written as plain functions (``P(A)``, ``E(X)``, ``Var(X)``): applied to an
#: event or a random variable, an equation states their value there; the text never defines them so
PROBABILITY_HEADS = frozenset({"P", "Pr", "Prob", "E", "Var", "Cov", "Corr"})


def defines_function(setting: Setting, lhs: sp.Basic, rhs: sp.Basic, *, explicit: bool = False) -> bool:
    """Whether ``lhs = rhs`` defines a function for every value of its
    arguments (``f(x) = x^2``), not its value at the point they name: ``lhs``
    a function at distinct plain names that the answer gives no number and
    that are no random variables, with a body that uses them, or one the text defines
    ``explicitly`` (``f(x) := 3``, "define $f(x) = 3$": the constant
    function). "With $g(x) = 3$" gives g's value at x, and "with $P(A) =
    0.3$", even after "let", P's value at the event A: nothing about P(B)."""
    if not is_formula(lhs):
        return False
    args = set(lhs.args)
    random = random_heads_of(setting.algebras)
    if any(a in random for a in args) or any(
            isinstance(st := g.statement, sp.Eq) and st.lhs in args and st.rhs.is_number
            and g.name.startswith(("defined on line", "stated condition")) for g in setting.givens):
        return False  # f(X) for a random X, f(a) after "let $a = 2$": a point
    if isinstance(rhs, sp.Basic) and rhs.free_symbols & args:
        return True
    return explicit and head(lhs) not in PROBABILITY_HEADS


def formula_of(given: Given) -> bool:
    """Whether ``given`` is a function's formula for every value of its
    arguments: not a value the student gives it at a point (:data:`AT_A_POINT`),
    nor a probability's or an expectation's value (``P(A) = 0.3`` in a
    problem statement)."""
    st = given.statement
    return isinstance(st, sp.Eq) and is_formula(st.lhs) and AT_A_POINT not in given.name and not (
        head(st.lhs) in PROBABILITY_HEADS and not st.rhs.free_symbols & set(st.lhs.args))


def _same_definiendum(old: Given, new: sp.Basic, formula: bool) -> bool:
    """Whether the student's ``new`` definition (a ``formula`` or not) takes the place of ``old``: the same
    name or value, or a formula of the same function."""
    lhs = old.statement.lhs
    return lhs == new or (formula and formula_of(old) and head(lhs) == head(new))


def _the_courses(setting: Setting, lhs: sp.Basic) -> bool:
    """Whether ``lhs`` names what the notation declares other than a plain
    parameter: a matrix, an elementwise function or one its definitions and
    known facts speak of, a random variable or family, or a name one of its
    definitions or recurrences gives. A parameter (``c``, ``\\alpha``) may be
    chosen, within the assumptions, and a function named only for reading
    (``[functions] names``) may be defined."""
    name = head(lhs)
    note = setting.notation
    if note is not None and (name in note.matrices or name in note.elementwise
                             or name in {r.base for r in note.recurrences} or name in {d.symbol for d in note.defined}):
        return True
    told = [g.statement for g in setting.givens if not g.name.startswith(("defined on line", "stated condition"))]
    if any(name == a.func.__name__ for st in [*told, *(lem.statement for lem in setting.lemmas)]
           for a in st.atoms(AppliedUndef)):
        return True  # a function the course says something about (sigma' = sigma (1 - sigma))
    random = random_heads_of(setting.algebras)
    if any(getattr(h, "name", getattr(h, "__name__", None)) == name for h in random):
        return True
    return any(head(g.statement.lhs) == name for g in setting.givens
               if isinstance(g.statement, sp.Eq) and not g.name.startswith(("defined on line", "stated condition")))


def course_defines(setting: Setting, lhs: sp.Basic) -> bool:
    """Whether the course's notation or the problem statement defines ``lhs``
    (a given ``S_n = \\sum_{k=1}^{n} k``): the student's "definition" of it is
    a claim about it, checked against that definition."""
    # or a number the notation defines through members (L_t = ||z_t - y_t||^2, L = sum_t L_t), which no given holds
    numbers = not isinstance(lhs, sp.MatrixSymbol) and bool(recurrence_heads(setting.notation, lhs))
    return bool(head(lhs)) and (numbers or any(
        isinstance(g.statement, sp.Eq) and head(g.statement.lhs) == head(lhs) for g in setting.givens
        if not g.name.startswith(("defined on line", "stated condition"))))


def defined_already(setting: Setting, lhs: sp.Basic) -> bool:
    """Whether ``lhs`` is defined already: by the course (:func:`course_defines`), or a value at a point
    (``g(0)``) of a function the student defines by a formula (``g(x) := x + 1``), a claim about it."""
    return course_defines(setting, lhs) or (isinstance(lhs, AppliedUndef) and not is_formula(lhs) and any(
        head(st.lhs) == head(lhs) and len(st.lhs.args) == len(lhs.args) for st in student_formulas(setting)))


def ties_random(setting: Setting, lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether ``lhs = rhs`` equates a random variable of the setting to a
    formula in others ("take $$Y = X + 1$$"): not a definition the course's
    variable yields to, but a case that ties them (where their independence
    no longer holds)."""
    heads = random_heads_of(setting.algebras)
    return lhs in heads and isinstance(rhs, sp.Basic) and bool((rhs.free_symbols | {
        a.func for a in rhs.atoms(AppliedUndef)}) & (heads - {lhs}))


def contradicts(setting: Setting, name: sp.Symbol, value: sp.Basic) -> bool:
    """Whether giving ``name`` this value, with the student's other values
    (``\\epsilon := 2`` and ``\\beta := \\epsilon``), falsifies an assumption of the
    notation, alone or with the others about one symbol, or the domain it
    declares: a definition that does would make every later step provable."""
    if isinstance(value, sp.MatrixExpr):
        return False
    values = {head(g.statement.lhs): g.statement.rhs for g in setting.givens
              if g.name.startswith("defined on line") and isinstance(g.statement, sp.Eq)
              and isinstance(g.statement.lhs, sp.Symbol)}
    values[name.name] = value
    for _ in range(6):  # each value through the others
        values = {k: v.xreplace({s: values[s.name] for s in v.free_symbols
                                 if isinstance(s, sp.Symbol) and s.name in values and s.name != k})
                  for k, v in values.items()}
    placed = [f.xreplace({s: values[s.name] for s in f.free_symbols if isinstance(s, sp.Symbol) and s.name in values})
              for f in setting.facts]
    if any(f is sp.false for f in placed) or _no_solution(placed):
        return True
    value = values[name.name]
    domain = {k: v for k, v in name.assumptions0.items() if k in ("positive", "nonnegative", "negative", "integer")}
    checks = {"positive": value.is_positive, "nonnegative": value.is_nonnegative,
              "negative": value.is_negative, "integer": value.is_integer} if isinstance(value, sp.Expr) else {}
    return any(want and checks.get(k) is False for k, want in domain.items())


def _no_solution(facts: list[sp.Basic]) -> bool:
    """Whether the facts about some one symbol (``1 < alpha`` and ``alpha < 1``,
    once ``beta := 2 - alpha`` is put in) hold together for no real value of
    it; ``False`` when that is not decided."""
    by_symbol: dict[sp.Basic, list[sp.Basic]] = {}
    for fact in facts:
        if isinstance(fact, sp.Rel) and not isinstance(fact, sp.Ne) and len(fact.free_symbols) == 1:
            by_symbol.setdefault(next(iter(fact.free_symbols)), []).append(fact)
    try:
        for x, rels in by_symbol.items():
            found: sp.Set = sp.S.Reals
            for rel in rels:
                found = found.intersect(sp.solveset(rel, x, sp.S.Reals))
            if found is sp.S.EmptySet:
                return True
    except (NotImplementedError, TypeError, ValueError):
        return False
    return False


def through_functions(setting: Setting, side: Any) -> Any:
    """``side`` with every application of a function the student defined by a
    formula (``\\sigma(z) = 1/(1 + e^{-z})``) written through that formula at
    its own arguments: the definition is for every value of ``z``, so that
    ``\\sigma(-z)`` is ``1/(1 + e^{z})``, not a free value to refute with."""
    if isinstance(side, tuple):
        return tuple(through_functions(setting, part) for part in side)
    if not isinstance(side, sp.Basic):
        return side
    side = _as_matrices(setting, side)
    formulas = student_formulas(setting)
    side = _named_derivatives(side, {str(st.lhs.func): st.lhs for st in formulas})
    for st in formulas:
        side = _unfold_function(side, st.lhs, st.rhs)
    return side


def unfolded_sides(setting: Setting, sides: Sequence[Any]) -> list[Any] | None:
    """The sides of a text math with the functions the student defines by a
    formula written through it ("if $f(x) = 0$" after ``f(x) := x^2 - 1``:
    ``x^2 - 1 = 0``), so that a case on a function's value is one on its
    formula; None where no side changes."""
    out = [replace(x, expr=through_functions(setting, x.expr)) if isinstance(x.expr, sp.Basic) else x for x in sides]
    return out if any(a.expr != b.expr for a, b in zip(out, sides, strict=True)) else None


def student_formulas(setting: Setting) -> list[sp.Eq]:
    """The functions the student, or the problem statement read for want of a
    notation file, defines by a formula (``f(x) = x \\log x``), as equations:
    each is that formula at every argument."""
    return [st for g in setting.givens if g.index is None and g.name.startswith(("defined on line", "statement "))
            and isinstance(st := g.statement, sp.Eq) and formula_of(g)]


def _named_derivatives(side: sp.Basic, calls: dict[str, AppliedUndef]) -> sp.Basic:
    """``d\\ell/dz`` after ``\\ell(z) = ...``: the name alone, differentiated by
    the variable of its formula, is the function at that variable."""
    def named(e: sp.Basic) -> bool:
        return isinstance(e, sp.Derivative) and isinstance(e.expr, sp.Symbol) and e.expr.name in calls \
            and all(v in calls[e.expr.name].args for v in e.variables)

    return side.replace(named, lambda e: sp.Derivative(calls[e.expr.name], *e.variable_count)) if calls else side


def _as_matrices(setting: Setting, side: sp.Basic) -> sp.Basic:
    """A name the student defined as a matrix (``M := X \\odot R``), which the
    reader took for a number where it had no declaration, as that matrix;
    ``E[M]`` as the expectation of a matrix."""
    names = {sp.Symbol(st.lhs.name, real=True): st.lhs for g in setting.givens
             if g.name.startswith("defined on line") and isinstance(st := g.statement, sp.Eq)
             and isinstance(st.lhs, sp.MatrixSymbol)}
    names = {k: v for k, v in names.items() if side.has(k)}
    if not names:
        return side

    def expectation(e: sp.Basic) -> sp.Basic:
        inner = e.args[0].xreplace(names)
        return Expectation(inner) if isinstance(inner, sp.MatrixExpr) else E(inner)

    side = side.replace(lambda e: isinstance(e, E) and e.args[0].has(*names), expectation)
    return side.xreplace(names)


def _unfold_function(side: sp.Basic, call: AppliedUndef, body: sp.Basic) -> sp.Basic:
    """Every application of ``call``'s function in ``side`` replaced by ``body`` at its arguments."""
    head, params = call.func, call.args

    def applied(e: sp.Basic) -> bool:
        return isinstance(e, AppliedUndef) and e.func == head and len(e.args) == len(params)

    around = names_in(side)

    def at(e: sp.Basic) -> sp.Basic:
        # f(k) for f(x) = sum_k x^k: the sum's k is another k, as is the k of d/dw_k f(w)
        taken = set().union(*(a.free_symbols for a in e.args)) | around
        return apart(body, taken).xreplace(dict(zip(params, e.args, strict=True)))

    return side.replace(applied, at)


def names_anew(lhs: sp.Basic, text: str, rhs: sp.Basic, setting: Setting, mentioned: set[str] | frozenset[str],
               known: frozenset[str]) -> bool:
    """``lhs`` (written ``text``) is a name the answer gives the value ``rhs``
    for the first time: nothing defines it, it is not among the ``known``
    heads, and no earlier line of the question ``mentioned`` it (its
    arguments may have been: ``b_n = 1/n`` after ``a_n = 1/n``)."""
    if not is_name(lhs) or NAME_LHS.match(text) is None:
        return False
    defined = {head(g.statement.lhs) for g in setting.givens if isinstance(g.statement, sp.Eq)}
    name = head(lhs)
    return name not in defined and name not in known and name not in mentioned and NOT_READ + name not in known \
        and can_define(lhs, rhs) and not course_parameter(setting, lhs)  # (not "$b_k = k^2$ for even $k$")


def through_definitions(case: sp.Basic, givens: Sequence[Given]) -> sp.Basic:
    """A case on a name the student or the course defines by a formula
    (``\\Delta = 0`` after ``\\Delta := b^2 - 4ac``) as a case on what
    defines it, which a point can be checked against."""
    defined = {st.lhs: st.rhs for g in givens if g.index is None and isinstance(st := g.statement, sp.Eq)
               and isinstance(st.lhs, sp.Symbol) and not st.rhs.is_number}
    for _ in range(4):
        expanded = substituted(case, defined)
        if expanded == case:
            break
        case = expanded
    return case


def laws_give(setting: Setting, lhs: sp.Basic | None, rhs: sp.Basic | None) -> bool:
    """Whether the course's laws already give ``lhs = rhs`` (a hypothesis that
    restates the assignment's: "we assume $E[h_i] = 0$" where ``h`` is
    declared with mean 0)."""
    if not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr) or sp.count_ops(lhs - rhs) > 200:
        return False
    for alg in setting.algebras:
        reduce = getattr(alg, "reduce", None)
        if reduce is None or not (alg.owns(lhs) or alg.owns(rhs)):
            continue
        try:
            if sp.expand(reduce(lhs - rhs)) == 0:
                return True
        except Exception:  # a moment the laws cannot rewrite: not given by them
            continue
    return False


def special_value(setting: Setting, name: sp.Basic, value: sp.Basic) -> bool:
    """Whether giving ``name`` (a name the question has) this value takes a
    special case: a number (``0``, ``1/2``), or any value of a name an
    expected result speaks of (that result holds for every value of it: ``b
    = a`` shows ``(a + b)^2`` only on the diagonal). A formula for another
    name (``\\lambda = (1-p)/p``) names what the answer goes on with."""
    if isinstance(value, sp.Expr) and not isinstance(value, sp.MatrixExpr) and not value.free_symbols:
        return True
    return any(name.name in result_names(result, setting) for _, result in setting.expected
               if isinstance(name, sp.Symbol))


def result_names(result: sp.Basic, setting: Setting) -> set[str]:
    """The names an expected result speaks of, directly or through the
    course's definitions (``S^2 = T`` with ``S = x + y``), never through the
    student's own."""
    course = replace(setting, givens=tuple(g for g in setting.givens
                                           if not g.name.startswith(("defined on line", "stated condition"))))
    expanded = [result, *(side for side in (getattr(result, "lhs", None), getattr(result, "rhs", None))
                          if side is not None)]
    return {x.name for e in expanded for part in (e, through_definitions(e, course.givens))
            for x in part.free_symbols if isinstance(x, sp.Symbol)}


def rearranged(a: sp.Basic, b: sp.Basic, *, padded: bool = False) -> bool:
    """Whether ``a`` is ``b`` rearranged: the same atoms (no sum, integral,
    expectation or function the other lacks) and equal by rational algebra
    alone (``\\mu - \\mu\\beta^t`` and ``(1 - \\beta^t)\\mu``). Small expressions
    only; anything else is not a rearrangement. ``padded``: also ``b`` with a
    factor 1 or a term 0 written out in other atoms (``\\sin^2 x + \\cos^2 x``,
    an empty sum), equal once simplified; a sum up to a symbol is no padding
    (evaluating it is the derivation)."""
    if padded and not rearranged(a, b) and isinstance(a, sp.Expr) and isinstance(b, sp.Expr) \
            and not isinstance(a, sp.MatrixExpr) and not isinstance(b, sp.MatrixExpr) \
            and not a.has(sp.Integral, sp.Derivative, sp.Limit) and sp.count_ops(a) + sp.count_ops(b) <= 60 \
            and all(all(x.is_number for lim in s.limits for x in lim[1:]) for s in a.atoms(sp.Sum, sp.Product)) \
            and a.atoms(AppliedUndef) <= b.atoms(AppliedUndef) \
            and {f for f in a.atoms(sp.Function) if not (type(f).__module__ or "").startswith("sympy")} \
            <= b.atoms(sp.Function):
        try:
            return bool(sp.simplify(empty_ranges(a - b, Facts()).doit()) == 0)  # a reversed range is empty
        except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, InputError):
            return False
    if not (isinstance(a, sp.Expr) and isinstance(b, sp.Expr)) or isinstance(a, sp.MatrixExpr) \
            or isinstance(b, sp.MatrixExpr) or a.has(sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit):
        return False
    if a.atoms(sp.Function) != b.atoms(sp.Function) or a.free_symbols != b.free_symbols:
        return False
    gap = a - b
    if sp.count_ops(gap) > 80 or any(not (p.exp.is_Integer and abs(p.exp) <= 12) for p in gap.atoms(sp.Pow)
                                     if p.base.free_symbols and not p.exp.free_symbols):
        return False
    try:
        return bool(sp.cancel(gap) == 0)
    except (sp.PolynomialError, TypeError, ValueError):
        return False


def never_holds(rel: sp.Basic) -> bool:
    """Whether a stated relation is false whatever the values (``x > x + 1``;
    ``n^2 = 2`` for an integer ``n``: :func:`_no_integer_solution`)."""
    try:
        if isinstance(rel, sp.Rel):
            return bool(type(rel)(rel.lhs, rel.rhs) is sp.false) or _no_integer_solution(rel)
        return rel is sp.false
    except (TypeError, ValueError):
        return False


def _no_integer_solution(rel: sp.Rel) -> bool:
    """Whether an equation in one integer name, a polynomial of small degree
    with rational coefficients (``n^2 = 2``), has no solution the name's
    assumptions admit (its sign: ``n^2 + n = 0`` has none for a positive n)."""
    solutions = _solutions(rel)
    return solutions is not None and next(iter(solutions[1]), None) is None and solutions[0].is_integer is True


def condition_point(rel: sp.Basic) -> tuple[sp.Symbol, sp.Basic] | None:
    """A value the name of a stated equation in one name (a polynomial of
    small degree: ``n^2 = 4``) takes where it holds, admitted by the name's
    assumptions (``n = 2`` for a positive n), or None."""
    solutions = _solutions(rel)
    return None if solutions is None or not solutions[1] else (solutions[0], solutions[1][0])


def _solutions(rel: sp.Basic) -> tuple[sp.Symbol, list[sp.Basic]] | None:
    """The name of an equation in one name, a polynomial of small degree with rational coefficients, and its
    solutions (integers for an integer name, else reals) that the name's sign admits; None if not such."""
    if not isinstance(rel, sp.Eq) or len(rel.free_symbols) != 1:
        return None
    (x,) = rel.free_symbols
    expr = rel.lhs - rel.rhs
    if not (isinstance(x, sp.Symbol) and isinstance(expr, sp.Expr) and expr.is_polynomial(x)):
        return None
    poly = sp.Poly(expr, x)
    if not 0 < poly.degree() <= 8 or not all(c.is_Rational for c in poly.all_coeffs()):
        return None
    roots = sp.solveset(poly.as_expr(), x, sp.S.Integers if x.is_integer else sp.S.Reals)
    if not isinstance(roots, sp.FiniteSet) and roots is not sp.S.EmptySet:
        return None
    return x, sorted((r for r in roots if _admits(x, r)), key=sp.default_sort_key)


def _admits(x: sp.Symbol, value: sp.Basic) -> bool:
    """Whether the sign ``x`` is declared with admits ``value`` (a number)."""
    return not ((x.is_positive and value <= 0) or (x.is_nonnegative and value < 0)
                or (x.is_negative and value >= 0) or (x.is_nonpositive and value > 0))


def _domain(rhs: sp.Basic) -> list[sp.Basic]:
    """Where a formula is defined over the reals: the argument of a logarithm
    positive, the radicand of an even root nonnegative (positive when the
    root divides)."""
    out: list[sp.Basic] = []
    for node in sp.preorder_traversal(rhs):
        if isinstance(node, (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative)):
            return []  # a bound variable inside: not a condition on the arguments alone
        if isinstance(node, sp.log):
            out.append(sp.Gt(node.args[0], 0))
        elif isinstance(node, sp.Pow) and node.exp.is_Rational and not node.exp.is_Integer and node.exp.q % 2 == 0:
            out.append(sp.Gt(node.base, 0) if node.exp.is_negative else sp.Ge(node.base, 0))
    return out


def where_defined(setting: Setting, exprs: Sequence[sp.Basic]) -> list[sp.Basic]:
    """The conditions under which each function the student defines by a
    formula (``f(x) = x \\log x``) is defined at the arguments ``exprs``
    apply it to (``x > 0``): a chain about ``f`` is read where ``f`` exists,
    as a TA reads it, and never refuted outside."""
    formulas = {st.lhs.func: st for st in student_formulas(setting)}
    extra: list[sp.Basic] = []
    if not formulas:
        return extra
    for e in exprs:
        for app in e.atoms(AppliedUndef):
            st = formulas.get(app.func)
            if st is None or len(app.args) != len(st.lhs.args):
                continue
            at = dict(zip(st.lhs.args, app.args, strict=True))
            for cond in _domain(st.rhs):
                if cond.free_symbols <= set(st.lhs.args):
                    c = cond.xreplace(at)
                    if c not in (sp.true, sp.false) and c not in extra:
                        extra.append(c)
    return extra
