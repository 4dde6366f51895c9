r"""A definition in text math stated under a condition: one clause of a
piecewise definition ("let $g(t) = t^2 - 1$ for $t \ge 0$ and $g(t) = 0$
otherwise", "$a_n = 2^n$ for $n \ge 1$, and $a_0 = 5$").

A clause whose condition is read holds where it holds only: the function is
the clauses read so far, each under its condition ("otherwise": where none of
the earlier ones holds), and has no value elsewhere (``nan``: nothing is
proved or refuted with it there). A value at a point (``a_0 = 5``) beside a
formula under a condition is one more clause. A clause whose condition is not
read ("for even $k$", "on $[0, 1]$", "when $x$ is positive") or is about other
names than the function's variables is no definition at all: the lines that
need it are left unknown, never proved from the formula outside its
condition."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.model import Given
from symproofs.grading.context import head
from symproofs.grading.definiendum import NOT_READ
from symproofs.grading.definitions import AT_A_POINT, is_formula
from symproofs.grading.document import ReadChain
from symproofs.latex.notation import Setting

__all__ = ["clause", "next_clause"]


#: the condition of the last clause of a piecewise definition, in words: where no earlier clause holds
_OTHERWISE = re.compile(r"\\text\{\s*(?:otherwise|elsewhere|else|in\s+(?:all\s+)?other\s+cases)\s*\}", re.I)


def clause(before: Setting, after: Setting, chain: ReadChain, unread: set[str]) -> Setting:
    """The setting after the student's definition in the text math
    ``chain`` (``after``, made from ``before``), read with the condition it
    is stated under: a clause of a piecewise definition (see the module); or,
    where the condition is not read (also one before it in its sentence, "for
    $x > 0$ let $f(x) = x$"), the setting without it (the name stays
    undefined, marked ``?name`` in ``unread``: what needs it is held back)."""
    sides, line = chain.sides, chain.line
    new = next(
        (
            g
            for g in reversed(after.givens)
            if g.name.startswith(f"defined on line {line}")
            and isinstance(g.statement, sp.Eq)
            and isinstance(g.statement.lhs, AppliedUndef)
        ),
        None,
    )
    if new is None or new in before.givens:
        return after
    lhs, rhs = new.statement.lhs, new.statement.rhs
    if _conditioned_before(chain.lead, lhs):
        return _without(after, new, unread)
    side, written = sides[-1], sides[0].expr
    # a_{n+1} = 3 a_n for n >= 1, kept as a_n = 3 a_{n-1}: its condition is on the index written, n - 1 now
    shift = (
        {x: x - (w - x) for w, x in zip(written.args, lhs.args, strict=True) if isinstance(x, sp.Symbol)}
        if isinstance(written, AppliedUndef) and written.func == lhs.func and len(written.args) == len(lhs.args)
        else {}
    )
    earlier = [
        g
        for g in before.givens
        if g.name.startswith("defined on line")
        and isinstance(g.statement, sp.Eq)
        and isinstance(g.statement.lhs, AppliedUndef)
        and g.statement.lhs.func == lhs.func
    ]
    pieces = next(
        (_pieces(g.statement.rhs) for g in earlier if is_formula(g.statement.lhs) and _pieces(g.statement.rhs)), []
    )
    if not side.condition:
        if is_formula(lhs) or not pieces:
            return after
        # a_0 = 5 after "a_n = 2^n for n >= 1": one more clause of the formula, which stays
        formula = next(g for g in earlier if is_formula(g.statement.lhs) and _pieces(g.statement.rhs))
        return _with(after, formula, _at_point(formula.statement.lhs, lhs, rhs, pieces))
    if not is_formula(lhs):
        return _without(after, new, unread)
    variables = {x.name: x for x in lhs.args if isinstance(x, sp.Symbol)}
    if _OTHERWISE.search(side.condition) and pieces:
        where: sp.Basic = sp.true
    elif (
        side.assumed is None
        or not side.assumed
        or not all(isinstance(c, sp.Rel) or c is sp.true for c in side.assumed)
        or not {x.name for c in side.assumed for x in c.free_symbols} <= set(variables)
    ):
        return _without(after, new, unread)
    else:  # (n >= 1 for a positive n holds wherever n is declared: there, and not at a_0)
        said = [
            c.xreplace({x: variables[x.name] for x in c.free_symbols}).xreplace(shift)
            for c in side.assumed
            if c is not sp.true
        ]
        if len(said) < len(side.assumed):
            said += [d for x in lhs.args if (d := _declared(x)) is not None]
        where = sp.And(*said, evaluate=False) if len(said) > 1 else said[0] if said else sp.true
    old = [g for g in earlier if is_formula(g.statement.lhs) and _pieces(g.statement.rhs)]
    pieces = [
        (
            v.xreplace(dict(zip(g.statement.lhs.args, lhs.args, strict=True))),
            c.xreplace(dict(zip(g.statement.lhs.args, lhs.args, strict=True))),
        )
        for g in old[:1]
        for v, c in _pieces(g.statement.rhs)
    ]
    points = [
        (
            g.statement.rhs,
            sp.And(*(sp.Eq(a, b, evaluate=False) for a, b in zip(lhs.args, g.statement.lhs.args, strict=True))),
        )
        for g in earlier
        if not is_formula(g.statement.lhs)
        and len(g.statement.lhs.args) == len(lhs.args)
        and all(isinstance(a, sp.Integer) for a in g.statement.lhs.args)
    ]
    tail = () if _OTHERWISE.search(side.condition) else ((sp.nan, True),)
    body = sp.Piecewise(*points, *pieces, (rhs, where), *tail, evaluate=False)
    kept = replace(after, givens=tuple(g for g in after.givens if g not in old))
    return _with(kept, replace(new, name=new.name.removesuffix(AT_A_POINT)), body, new)


def next_clause(setting: Setting, lhs: sp.Basic | None, lead: str, line: int) -> bool:
    """Whether ``lhs = ...``, text math on ``line`` after ``lead``, is the next clause of a definition under a
    condition in the same sentence ("$h(x) = x$ if $x > 0$, and $h(x) = -x$ if $x \\le 0$")."""
    return (
        isinstance(lhs, AppliedUndef)
        and re.search(r"[.!?:]\s", lead.rsplit("$", 1)[-1]) is None
        and any(
            g.name == f"defined on line {line}"
            and isinstance(g.statement, sp.Eq)
            and isinstance(g.statement.lhs, AppliedUndef)
            and g.statement.lhs.func == lhs.func
            and _pieces(g.statement.rhs)
            for g in setting.givens
        )
    )


#: a condition in the sentence before a definition ("for $x > 0$ let", "if $x \\ge 0$, define"), not "for all"
_BEFORE = re.compile(
    r"\b(?:for(?!\s+(?:all|every|each|any)\b)|if|when(?:ever)?|assum(?:e|ing)|suppose|provided)\b"
    r"[^$]{0,30}\$(?P<math>[^$]+)\$",
    re.I,
)


def _conditioned_before(lead: str, lhs: AppliedUndef) -> bool:
    """Whether the sentence ``lead`` ends states a condition on a variable of ``lhs``'s formula before it."""
    sentence = re.split(r"[.!?]\s|\n\s*\n|\$\$", lead)[-1]
    if re.search(r"\$[^$]*=[^$]*\$", sentence):  # "$h(x) = x$ if $x > 0$, and": the clause before's condition
        return False
    names = [x.name for x in lhs.args if isinstance(x, sp.Symbol)]
    return any(
        re.search(rf"(?<![A-Za-z])\\?{re.escape(n)}(?![A-Za-z])", m["math"])
        for m in _BEFORE.finditer(sentence)
        for n in names
    )


def _declared(x: sp.Basic) -> sp.Basic | None:
    """Where the notation lets a variable range, as a relation (``n > 0`` for a positive ``n``), or None."""
    for holds, rel in (
        (x.is_positive, sp.Gt),
        (x.is_nonnegative, sp.Ge),
        (x.is_negative, sp.Lt),
        (x.is_nonpositive, sp.Le),
    ):
        if holds:
            return rel(x, 0, evaluate=False)
    return None


def _pieces(body: sp.Basic) -> list[tuple[sp.Basic, sp.Basic]]:
    """The clauses of a function defined under conditions (a ``Piecewise`` ending with no value, ``nan``)."""
    if not isinstance(body, sp.Piecewise) or body.args[-1].expr is not sp.nan:
        return []
    return [(p.expr, p.cond) for p in body.args[:-1]]


def _at_point(
    formula: AppliedUndef, lhs: AppliedUndef, value: sp.Basic, pieces: list[tuple[sp.Basic, sp.Basic]]
) -> sp.Basic:
    """The clauses with the value ``lhs = value`` at a point before them, and no value elsewhere."""
    at = sp.And(*(sp.Eq(a, b, evaluate=False) for a, b in zip(formula.args, lhs.args, strict=True)))
    return sp.Piecewise((value, at), *pieces, (sp.nan, True), evaluate=False)


def _with(setting: Setting, given: Given, body: sp.Basic, was: Given | None = None) -> Setting:
    """``setting`` with ``given`` (in the place of ``was``) whose right side is now ``body``."""
    eq = sp.Eq(given.statement.lhs, body)
    new = Given(name=given.name, statement=eq, text=sp.sstr(eq))
    return replace(setting, givens=tuple(new if g == (was or given) else g for g in setting.givens))


def _without(setting: Setting, given: Given, unread: set[str]) -> Setting:
    """``setting`` without the student's definitions of ``given``'s name (the clause not read, and the others:
    the name is not defined by them alone), the name marked in ``unread``."""
    name = head(given.statement.lhs)
    unread |= {"?" + name, NOT_READ + name}
    return replace(
        setting,
        givens=tuple(
            g
            for g in setting.givens
            if not (
                g.name.startswith("defined on line")
                and isinstance(g.statement, sp.Eq)
                and head(g.statement.lhs) == name
            )
        ),
    )
