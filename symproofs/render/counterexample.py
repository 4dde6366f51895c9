"""A counterexample in the student's terms.

:class:`~symproofs.core.results.Counterexample` keeps the exact point the
verifier found; this module presents it to a reader: only the symbols and
function values the step itself mentions (the verifier may have fixed
others), values typeset (a matrix as a small matrix), and one sentence.

>>> import sympy as sp
>>> from symproofs.core.results import Counterexample
>>> beta, t, k = sp.symbols("beta t k")
>>> cx = Counterexample(assignment=((beta, sp.Rational(1, 2)), (t, 3), (k, 7)),
...                     lhs=sp.Rational(7, 8), rhs=sp.Rational(15, 16))
>>> view = present(cx, beta**t + 1, 1 - beta**(t + 1))
>>> view.sentence()
'at beta = 1/2, t = 3 the left side is 7/8 and the right side is 15/16'
>>> view.latex()
'at $\\\\beta = \\\\frac{1}{2}$, $t = 3$ the left side is $\\\\frac{7}{8}$ and the right side is $\\\\frac{15}{16}$'

A step between statements (``=>``, ``<=>``) has no sides to compare: its
counterexample says which statement holds at the point and which fails
(:func:`present_statements`).

>>> x, y = sp.symbols("x y")
>>> cx = Counterexample(assignment=((x, 5), (y, -5)), lhs=sp.Integer(10), rhs=sp.Integer(0))
>>> present_statements(cx, (sp.Eq(x**2, y**2),), (sp.Eq(x, y),), converse=False).sentence()
'at x = 5, y = -5 the premise x**2 = y**2 holds but x = y fails'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.results import Counterexample

__all__ = ["CounterexampleView", "present", "present_statements"]


@dataclass(frozen=True)
class CounterexampleView:
    """The values that matter, as (plain text, LaTeX) pairs, and both sides."""

    values: tuple[tuple[str, str, str, str], ...]  # name text, name LaTeX, value text, value LaTeX
    left: tuple[str, str]
    right: tuple[str, str]
    model: str = ""
    model_latex: str = ""  # the model as LaTeX text (words, formulas in $...$), when it has one
    #: For a step between statements: (words before, text, LaTeX) of the statement
    #: that holds and of the one that fails; the sides' values then mean nothing.
    holds: tuple[str, str, str] | None = None
    fails: tuple[str, str, str] | None = None

    def sentence(self) -> str:
        """``at beta = 1/2, t = 3 the left side is 7/8 and the right side is 15/16``."""
        where = ", ".join(f"{n} = {v}" for n, _, v, _ in self.values)
        if self.holds is not None and self.fails is not None:
            text = f"{f'at {where} ' if where else ''}{self.holds[0]}{self.holds[1]} holds but " \
                f"{self.fails[0]}{self.fails[1]} fails"
        elif self.holds is not None:  # statements whose truth there is the model's to say
            return f"{f'at {where} ' if where else ''}{self.model}"
        else:
            text = f"{f'at {where} ' if where else ''}the left side is {self.left[0]} and the right side is " \
                f"{self.right[0]}"
        return f"{text}, where {self.model}" if self.model else text

    def latex(self) -> str:
        """The sentence with every name and value in ``$...$``."""
        where = ", ".join(f"${n} = {v}$" for _, n, _, v in self.values)
        if self.holds is not None and self.fails is not None:
            text = f"{f'at {where} ' if where else ''}{self.holds[0]}${self.holds[2]}$ holds but " \
                f"{self.fails[0]}${self.fails[2]}$ fails"
        elif self.holds is not None:
            return f"{f'at {where} ' if where else ''}{self.model_latex or _escape(self.model)}"
        else:
            text = f"{f'at {where} ' if where else ''}the left side is ${self.left[1]}$ and the right side is " \
                f"${self.right[1]}$"
        return f"{text}, where {self.model_latex or _escape(self.model)}" if self.model else text

    def pieces(self) -> list[tuple[str, str]]:
        """The sentence as ``("text", words)`` and ``("math", latex)`` pieces, for MathML."""
        out: list[tuple[str, str]] = [("text", "at ")] if self.values else []
        for i, (_, name, _, value) in enumerate(self.values):
            out += [("text", ", ")] if i else []
            out.append(("math", f"{name} = {value}"))
        gap = " " if self.values else ""
        if self.holds is not None and self.fails is not None:
            return [*out, ("text", gap + self.holds[0]), ("math", self.holds[2]), ("text", " holds but "
                                                                                   + self.fails[0]),
                    ("math", self.fails[2]), ("text", " fails")]
        if self.holds is not None:
            return [*out, ("text", gap), *self.model_pieces()]
        out += [("text", gap + "the left side is "), ("math", self.left[1]),
                ("text", " and the right side is "), ("math", self.right[1])]
        if self.model:
            out += [("text", ", where "), *self.model_pieces()]
        return out

    def model_pieces(self) -> list[tuple[str, str]]:
        """The model's sentence as ``("text", words)`` and ``("math", latex)`` pieces."""
        if not self.model_latex:
            return [("text", self.model)] if self.model else []
        return [("math", part) if i % 2 else ("text", _unescape(part))
                for i, part in enumerate(self.model_latex.split("$")) if part]


def _escape(text: str) -> str:
    table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    return "".join(table.get(c, c) for c in text)


def _unescape(text: str) -> str:
    for plain, escaped in (("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}")):
        text = text.replace(escaped, plain)
    return text


def _value(v: sp.Basic) -> tuple[str, str]:
    if isinstance(v, sp.MatrixBase):
        return _text(v.tolist()), _latex(v, mat_delim="(")
    return _text(v), _latex(v)


def _text(v: object) -> str:
    """``v`` as plain text; ``str`` when sympy cannot print it."""
    try:
        return str(sp.sstr(v))
    except Exception:  # presentation never stops a report
        return str(v)


def _latex(v: object, **settings: str) -> str:
    r"""``v`` as LaTeX; its plain text (``\text{...}``) when sympy cannot print it:
    a report is never lost to a construct the printer does not know.

    >>> class Odd(sp.Symbol):
    ...     def _latex(self, printer):
    ...         raise TypeError("cannot print")
    >>> _latex(Odd("q_1") ** 2)
    '\\text{q\\_1**2}'
    """
    try:
        return str(sp.latex(v, **settings))
    except Exception:  # presentation never stops a report
        return r"\text{%s}" % _escape(_text(v))


#: The model's own coordinates (``_U1``, ``_T2``), never shown to a student.
_INTERNAL = re.compile(r"(?<![A-Za-z0-9])_[A-Za-z]\d")


def _mentioned(cx: Counterexample, sides: tuple[sp.Basic, ...]) -> tuple[set[sp.Basic], set[str]]:
    """What the step mentions: its symbols and applied functions, also at
    the counterexample's values (``x(i)`` with ``i = -1`` mentions
    ``x(-1)``), and the names of its matrices with their dimensions (a model
    gives a matrix a concrete shape, so it is matched by name)."""
    at = {k: v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    mentioned: set[sp.Basic] = set()
    matrices: set[str] = set()
    for side in sides:
        if not isinstance(side, sp.Basic):
            continue
        forms = [side]
        try:  # only the free symbols (a sum's own index keeps its meaning)
            at_point = side.xreplace({k: v for k, v in at.items() if k in side.free_symbols})
            forms.append(sp.sympify(at_point, strict=True))
        except (TypeError, ValueError):  # a symbol that is also a bound index: the step's own terms only
            pass
        for form in forms:
            mentioned |= form.free_symbols | form.atoms(AppliedUndef)
        for m in side.atoms(sp.MatrixSymbol):
            matrices.add(str(m.name))
            mentioned |= set().union(*(sp.sympify(d, strict=True).free_symbols for d in m.shape))
    return mentioned, matrices


_SPELLED: dict[type, tuple[str, str]] = {sp.Eq: ("=", "="), sp.Ne: ("!=", "\\neq"), sp.Le: ("<=", "\\le"),
                                         sp.Lt: ("<", "<"), sp.Ge: (">=", "\\ge"), sp.Gt: (">", ">")}


def _spelled(statement: Sequence[sp.Basic]) -> tuple[str, str]:
    """A statement (relations, all asserted) as plain text and LaTeX."""
    spelled = [_spell(rel) for rel in statement]
    return " and ".join(t for t, _ in spelled), ", \\ ".join(x for _, x in spelled)


def _spell(rel: sp.Basic) -> tuple[str, str]:
    """One relation, or a conjunction, disjunction or negation of them
    (``x = 1 and y = 2``), as plain text and LaTeX; never sympy's ``Eq(...) & Eq(...)``."""
    if isinstance(rel, sp.Rel) and type(rel) in _SPELLED:
        text, latex = _SPELLED[type(rel)]
        return f"{_text(rel.lhs)} {text} {_text(rel.rhs)}", f"{_latex(rel.lhs)} {latex} {_latex(rel.rhs)}"
    if isinstance(rel, (sp.And, sp.Or)):
        word = "and" if isinstance(rel, sp.And) else "or"
        parts = [_spell(a) for a in rel.args]
        return (f" {word} ".join(t for t, _ in parts),
                f" \\text{{ {word} }} ".join(x for _, x in parts))
    if isinstance(rel, sp.Not):
        text, latex = _spell(rel.args[0])
        return f"not ({text})", f"\\neg ({latex})"
    return _text(rel), _latex(rel)


def _truth(statement: Sequence[sp.Basic], cx: Counterexample) -> bool | None:
    """Whether every relation of ``statement`` holds at the point (``None``:
    it cannot be told from the values alone)."""
    at = {k: v for k, v in cx.assignment}
    try:
        values = [rel.xreplace(at) for rel in statement]
        values = [type(v)(v.lhs, v.rhs) if isinstance(v, sp.Rel) else v for v in values]
    except (TypeError, ValueError):
        return None
    if any(v is sp.false for v in values):
        return False
    return True if all(v is sp.true for v in values) else None


def present_statements(cx: Counterexample, premise: Sequence[sp.Basic], conclusion: Sequence[sp.Basic], *,
                       converse: bool) -> CounterexampleView:
    """A counterexample to ``premise => conclusion`` (``converse``: ``<=>``, so
    it may be the conclusion that holds and the premise that fails): the
    values, the statement that holds there and the one that fails. When the
    values alone do not tell, the verifier's own sentence (its model) says it."""
    view = present(cx, *[r for st in (premise, conclusion) for rel in st
                         for r in ((rel.lhs, rel.rhs) if isinstance(rel, sp.Rel) else (rel,))])
    p, c = _truth(premise, cx), _truth(conclusion, cx)
    if p is True and c is False:
        return replace(view, model="", model_latex="", holds=("the premise ", *_spelled(premise)),
                       fails=("", *_spelled(conclusion)))
    if converse and p is False and c is True:
        return replace(view, model="", model_latex="", holds=("the conclusion ", *_spelled(conclusion)),
                       fails=("the premise ", *_spelled(premise)))
    model = cx.model or "one statement holds there and the other fails"
    return replace(view, model=model, model_latex="" if cx.model_latex is None else cx.model_latex,
                   holds=("", "", ""))


def present(cx: Counterexample, *sides: sp.Basic) -> CounterexampleView:
    """Keep the values of the symbols, matrices and applied functions that
    occur in ``sides`` (every value when no side is given), never the
    verifier's own variables (named with a leading underscore)."""
    mentioned, matrices = _mentioned(cx, sides)
    values = []
    for key, value in cx.assignment:
        used = key in mentioned or (isinstance(key, sp.MatrixSymbol) and str(key.name) in matrices)
        if (sides and not used) or str(key).startswith("_"):
            continue  # not in the step, or a variable the verifier introduced
        values.append((_text(key), _latex(key), *_value(value)))
    if _INTERNAL.search(cx.model) is not None:
        model, model_latex = "a choice of laws for the random variables that the step allows", ""
    else:
        model, model_latex = cx.model, cx.model_latex
    return CounterexampleView(values=tuple(values), left=_value(cx.lhs), right=_value(cx.rhs), model=model,
                              model_latex=model_latex)
