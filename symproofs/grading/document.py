r"""Reading one submission: its parts by question, its chains, and what the
document itself states.

A file is cut into parts by question (:mod:`symproofs.latex.questions`, or the
patterns of an assignment's notation file); each part is read with the
notation of its question. Parts that quote a problem statement are not
graded, but with no notation file for that question the statement is read
for what it defines and assumes:

* a display equation ``name = expression`` (``v_t = \beta v_{t-1} + (1-\beta) g_t``,
  ``v_0 = 0``) is a definition; an indexed one is a recurrence from its
  first index (the smallest shift it uses); a name defined twice differently
  in one question is ambiguous and left undefined;
* text math such as ``$\epsilon > 0$``, ``$\alpha \in (0, 1)$``,
  ``$0 \le \delta < 1$`` is an assumption.

Everything here runs in a worker process (the parser may be slow or fail on
hostile input) and returns plain data.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.model import Given, Relation, compose
from symproofs.grading.cues import DEFINING, cue_tail
from symproofs.grading.densities import named_densities, with_densities
from symproofs.grading.files import refuse_part
from symproofs.grading.statementtext import DEFINING_WORDS, TEXT_MATH, THROUGHOUT, let_names, lettered_part, letters
from symproofs.latex.after import AFTER
from symproofs.latex.between import open_intertext
from symproofs.latex.conditions import opens_reason
from symproofs.latex.conventions import log_base
from symproofs.latex.declarations import Notation
from symproofs.latex.defined import function_names, notation_in_words
from symproofs.latex.extract import ChainSource, extract_chains
from symproofs.latex.hidden import unseen
from symproofs.latex.kinds import KINDS
from symproofs.latex.laws import laws_in_text
from symproofs.latex.lexer import DECIMAL_COMMA, decimal_comma_in
from symproofs.latex.macros import expand_macros
from symproofs.latex.naming import definitions_in_words
from symproofs.latex.notation import GradingNotation, RandomVariable, for_algebras
from symproofs.latex.parser import LineSource, parse_math
from symproofs.latex.questions import UNCLEAR, Part, derives, mapping_notes, split_questions
from symproofs.latex.unicode import inline_ascii

__all__ = ["ReadChain", "ReadLink", "ReadSide", "Statement", "own_math", "read_file", "reading"]

_MAX_FILE_BYTES = 8 * 1024 * 1024
_INTERVAL = re.compile(r"^\s*(?P<x>\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*\\in\s*(?P<lo>[\(\[\]])\s*(?P<a>[^,]+?)\s*,"
                       r"\s*(?P<b>[^,]+?)\s*(?P<hi>[\)\]\[])\s*$")


_NAME = re.compile(r"\\?([A-Za-z]+)")
_NOT_EQUAL = re.compile(r"^\s*(?P<x>\\?[A-Za-z]+)\s*\\(?:neq|ne)\s*(?P<n>-?\d+)\s*$")


@dataclass(frozen=True)
class ReadSide:
    line: int
    column: int
    relation: Relation | None
    relation_text: str
    text: str
    expr: sp.Basic | None
    error: str | None
    ambiguous: bool = False  # the text has several readings a TA would accept
    condition: str = ""  # the condition the row is stated under, as written
    assumed: tuple[sp.Basic, ...] | None = ()  # its relations (None: it could not be read)
    condition_error: str = ""
    domain: tuple[sp.Basic, ...] = ()  # where the side as written is defined (LineSource.domain)
    reason: bool = False  # the condition is a reason given ("since"), a claim, not a hypothesis


@dataclass(frozen=True)
class ReadLink:
    at: int
    line: int
    column: int
    relation: Relation | None
    relation_text: str
    text: str
    premise: tuple[sp.Basic, ...] | None
    conclusion: tuple[sp.Basic, ...] | None
    error: str


@dataclass(frozen=True)
class ReadChain:
    line: int
    sides: tuple[ReadSide, ...]
    links: tuple[ReadLink, ...]
    kind: str
    lead: str
    question: str | None
    continues: bool = False  # a part of a chain after words, from the side they follow (ChainSource.continues)
    goes_on: bool = False  # a part another continues
    unread_after: str = ""  # a condition the sentence after the display states, which is not read

    @property
    def cut(self) -> bool:
        """A part of a chain that words cut: no equation or inequality on its own, however few its sides."""
        return self.continues or self.goes_on


def own_math(chain: ReadChain) -> str:
    """The text math a chain read from text math stands for, as it follows
    the chain's lead (`` $t > 0$``); ``""`` for a display."""
    if chain.kind not in ("inline1", "inline", "range", "asked"):
        return ""
    return " $" + " ".join(f"{s.relation_text} {s.text}".strip() for s in chain.sides) + "$"


@dataclass(frozen=True)
class Statement:
    """What the problem statements of one question define and assume."""

    question: str | None
    givens: tuple[Given, ...] = ()
    facts: tuple[sp.Basic, ...] = ()
    inputs: frozenset[str] = frozenset()  # names the definitions take as free inputs
    #: laws the text gives random variables ("$X \sim \mathcal{N}(0, 1)$"), and the groups it says are independent
    laws: tuple[RandomVariable, ...] = ()
    independent: tuple[tuple[str, ...], ...] = ()
    #: the conditions of the claims it sets ("show that ... whenever $x \ge 1$"): cases the answer works in
    conditions: tuple[sp.Basic, ...] = ()
    #: names its words describe without a formula ("let $m$ denote the second moment of $X$")
    named: frozenset[str] = frozenset()


def reading(text: str, spec: GradingNotation) -> tuple[Part, ...]:
    """The parts of a document by question. Where no notation names the questions, a quoted statement's
    lettered parts ("(a) For $\\beta > 1$ ... (b) For ...") name sub-questions: the answer's "(a)", "(b)"
    are read under each part's own statement (:func:`_lettered_part`), never one part's range in another."""
    if spec.answer_pattern is not None or spec.statement_pattern is not None:
        return split_questions(text, answer=spec.answer_pattern, statement=spec.statement_pattern)
    parts = split_questions(text, subquestions=[q for q, _ in spec.questions if "." in q])
    if spec.questions:
        return parts
    lettered = [f"{p.question}.{k}" for p in parts if p.statement and p.question and "." not in p.question
                for k in range(1, len(letters(text[p.start:p.end])) + 1)]
    return split_questions(text, subquestions=lettered) if lettered else parts


def read_file(path: Path, spec: GradingNotation) -> tuple[list[ReadChain], list[Statement], tuple[str, ...]]:
    """The graded chains of a file (by question), for questions the
    notation does not cover what their statements define and assume, and
    notes on how its parts map to questions (:func:`mapping_notes`)."""
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise InputError(f"file larger than {_MAX_FILE_BYTES // (1024 * 1024)} MiB")
    # One line ending (CRLF and a lone CR, as TeX and editors read them, are
    # a newline) and no byte-order mark, so that lines and columns count alike.
    text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    text = inline_ascii(text)  # "Let $x ≥ 0$": the hypothesis as its ASCII spelling ("Let $x \ge 0$")
    kind: Literal["tex", "markdown"] = "markdown" if path.suffix.lower() in (".md", ".markdown") else "tex"
    if kind == "tex":
        refuse_part(path)  # \input{q1} in main.tex: q1.tex is not graded without main.tex's macros
    # The student's macros apply from where they are defined (the preamble
    # too) to every question after: expanded once in the whole document,
    # which keeps its lines, before it is cut into questions.
    text = open_intertext(unseen(expand_macros(text, source=str(path), kind=kind).text, kind))[0]  # words between
    token = DECIMAL_COMMA.set(decimal_comma_in(text))  # 0{,}5 somewhere: 3{,}142 is no longer read as 3142
    try:
        return _read_text(text, kind, path, spec)
    finally:
        DECIMAL_COMMA.reset(token)


def _read_text(text: str, kind: Literal["tex", "markdown"], path: Path, spec: GradingNotation
               ) -> tuple[list[ReadChain], list[Statement], tuple[str, ...]]:
    """:func:`read_file` once the document's text is read and its macros expanded."""
    chains: list[ReadChain] = []
    statements: dict[str | None, list[ChainSource]] = {}
    inline_facts: dict[str | None, list[str]] = {}
    roles: dict[str | None, list[str]] = {}  # per question: what each text math of its statement is
    named: dict[str | None, list[str]] = {}  # per question: what its statement defines in words or text math
    said: dict[str | None, list[str]] = {}  # per question: its statement and answer, read for laws together
    parts = reading(text, spec)
    logs = log_base(text) is not None  # a base for \log spoken of somewhere in the document
    worded: dict[str | None, Notation | None] = {}  # per question: its notation with what its words say of it
    for part in parts:
        note = spec.for_question(part.question)
        if note.notation is None and not note.random:  # "let $X \sim \mathcal{N}(0, 1)$", where no notation says
            said.setdefault(part.question, []).append(text[part.start:part.end])
        blanked = _only(text, part.start, part.end)
        if part.question not in worded:  # "let $e$ be the number of edges", "$\log$ denotes the logarithm to base 2"
            asked = _question_text(text, parts, part.question)
            worded[part.question] = _functions_defined(asked, notation_in_words(asked, note.notation, elsewhere=logs))
        words = worded[part.question]
        found = extract_chains(blanked, source=str(path), kind=kind, notation=words,
                               inline=not part.statement, shown=True)
        declared = _student_matrices(found, note.notation) if not part.statement else {}
        if declared:
            base = words if words is not None else Notation()
            grown = replace(base, matrices={**base.matrices, **declared})
            found = extract_chains(blanked, source=str(path), kind=kind, notation=grown, inline=True, shown=True)
        if part.statement:
            chains += [_plain(c, part.question) for c in found if c.kind in KINDS]  # "$A$ is a matrix" holds on
            statements.setdefault(part.question, []).extend(found)
            question_text = text[part.start:part.end]
            maths = [m for m in re.finditer(r"(?<![\\$])\$(?!\$)([^$\n]{1,200}?)(?<![\\$])\$(?!\$)", question_text)
                     if len(m.group(1).strip()) >= 3]  # short math such as $^3$ still pairs its dollars
            for m in maths:  # "(a) For $\beta > 1$ ... (b) For $0 < \beta < 1$": each part's range its own
                asked_in = lettered_part(question_text, m.start(), part.question)
                at = max((x for x in letters(question_text) if x <= m.start()), default=0)  # its part's words
                inline_facts.setdefault(asked_in, []).append(m.group(1))
                roles.setdefault(asked_in, []).append(_role(question_text[at:], m.start() - at, m.end() - at))
            named.setdefault(part.question, []).extend(_named_in(question_text, maths))
            continue
        # What an answer assumes ("we assume $x > 0$") is a case it takes from there on (see
        # symproofs.grading.cases), never a fact of the whole question: the lines before it, and after
        # "in general", are checked for every value.
        densities = named_densities(blanked, words)  # "let $f_i$ be the density of $a_i$": one from there on
        chains += with_densities([_plain(c, part.question, _constants(note)) for c in found], densities)
    context: dict[str | None, Statement] = {}
    for question in dict.fromkeys([*statements, *inline_facts]):
        stated = statements.get(question, [])
        if spec.for_question(question).notation is not None:
            continue  # the course's notation wins
        context[question] = _statement(question, stated, inline_facts.get(question, []), worded.get(question),
                                       roles.get(question, []), named.get(question, []))
    for question, pieces in said.items():
        # one reading of the whole question: a law the answer changes, or a name it defines, has none
        found_laws, groups = laws_in_text("\n\n".join(pieces))
        if found_laws:
            st = context.get(question) or Statement(question=question)
            context[question] = replace(st, laws=tuple(found_laws), independent=tuple(groups))
    for question, st in list(context.items()):
        parent = context.get(question.partition(".")[0]) if question and "." in question else None
        if parent is not None:
            context[question] = Statement(question=question, givens=(*parent.givens, *st.givens),
                                          facts=(*parent.facts, *st.facts), inputs=parent.inputs | st.inputs,
                                          laws=(*parent.laws, *(v for v in st.laws if v not in parent.laws)),
                                          independent=(*parent.independent, *st.independent),
                                          named=parent.named | st.named)
    _hold_throughout(text, parts, context, spec, worded.get(None))
    return chains, list(context.values()), mapping_notes(text, parts, assignment=bool(spec.questions))



def _hold_throughout(text: str, parts: Sequence[Part], context: dict[str | None, Statement],
                     spec: GradingNotation, note: Notation | None) -> None:
    """Add to ``context`` what the text before the first question assumes for every question ("Throughout,
    $0 < \beta < 1$."), in each question the course's notation does not cover, but never on a name that
    question's statement gives anew ("Let $\beta$ be the shift, any real number"): there its own reading wins."""
    first = next((p for p in parts if p.question is not None), None)
    if first is None or derives(text[:first.start]):
        return
    standing: list[sp.Basic] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n[ \t]*\n", text[:first.start]):
        if THROUGHOUT.search(TEXT_MATH.sub(" ", sentence)):
            standing += [f for m in TEXT_MATH.finditer(sentence) for f in _facts(m.group(1), note)]
    tops = {p.question.partition(".")[0] for p in parts if p.question not in (None, UNCLEAR)}
    for question in sorted(set(context) - {None} | tops, key=str):
        if question is None or spec.for_question(question).notation is not None:
            continue
        st = context.get(question) or Statement(question=question)
        own = set(st.named | st.inputs) | {n for f in st.facts for n in map(str, f.free_symbols)} | {
            g.name.removeprefix("statement ").rpartition("-")[0] for g in st.givens} | let_names(text, parts, question)
        kept = tuple(f for f in standing if not {str(x) for x in f.free_symbols} & own)
        if kept:
            context[question] = replace(st, facts=(*kept, *st.facts))



def _functions_defined(text: str, notation: Notation | None) -> Notation | None:
    """``notation`` with the functions a question's text defines by a formula
    at the start of a display row (``f(x) = x^2 + 1`` in its statement: ``f(2)``
    in its answer is ``f`` applied); a name the notation declares keeps its
    declaration."""
    base = notation if notation is not None else Notation()
    new = function_names(text) - base.functions - set(base.symbols) - set(base.matrices)
    return replace(base, functions=base.functions | new) if new else notation


def _student_matrices(chains: Sequence[ChainSource], notation: Notation | None) -> dict[str, tuple[str | int, ...]]:
    r"""Names an answer defines as a matrix of the declared ones, or as a matrix
    written out (``A = \begin{pmatrix} ... \end{pmatrix}``), in an equation of
    its own (``H = X^\top X + \lambda I_d``): the shape of the
    right side, so that ``u^\top H u`` is read as the product it is, not as a
    scalar ``H`` times ``u^\top u``. A name the notation declares, or one
    defined with two shapes, is left as it is."""
    shapes: dict[str, set[tuple[str | int, ...]]] = {}
    for chain in chains:
        sides = chain.sides
        if chain.kind not in ("display", "inline", "inline1") or chain.links or len(sides) != 2 or chain.goes_on \
                or sides[1].relation is not Relation.EQ:
            continue
        lhs, rhs = sides[0].expr, sides[1].expr
        if not isinstance(lhs, sp.Symbol) or not isinstance(rhs, sp.MatrixExpr):
            continue
        if not (notation is not None and notation.matrices) and not isinstance(rhs, sp.ImmutableMatrix):
            continue  # without declared matrices, only one written out (A = \begin{pmatrix} ...) makes a matrix
        if notation is not None and (lhs.name in notation.symbols or lhs.name in notation.matrices
                                     or lhs.name in notation.functions):
            continue
        shape: list[str | int] = []
        for dim in rhs.shape:
            if isinstance(dim, sp.Symbol):
                shape.append(dim.name)
            elif isinstance(dim, (int, sp.Integer)) and dim > 0:  # an explicit matrix's shape is plain ints
                shape.append(int(dim))
            else:
                break
        else:
            if shape[-1:] == [1]:
                shape = shape[:-1]
            if shape and shape != [1]:  # y = v^T h is a number, not a vector of one entry
                shapes.setdefault(lhs.name, set()).add(tuple(shape))
    return {name: next(iter(found)) for name, found in shapes.items() if len(found) == 1}


def _question_text(text: str, parts: Sequence[Part], question: str | None) -> str:
    """The text of every part of the question ``question`` belongs to (its
    sub-questions' too), and the text before the first question: where the
    words on its notation are read."""
    top = question.partition(".")[0] if question is not None else None
    return "\n\n".join(text[p.start:p.end] for p in parts
                       if p.question is None or p.question.partition(".")[0] == top)


def _only(text: str, start: int, end: int) -> str:
    """``text`` with everything outside ``[start, end)`` blanked (lines kept)."""
    def blank(s: str) -> str:
        return re.sub(r"[^\n]", " ", s)

    return blank(text[:start]) + text[start:end] + blank(text[end:])


def _constants(spec: GradingNotation) -> frozenset[str]:
    """Scalars the notation declares where it says what is random (a
    question with random variables) and does not call random: their
    expectation is themselves. Where the notation declares nothing random it
    may have left a random quantity among the symbols, so nothing is taken
    for a constant there; nor is a name the notation defines (``y = u^\\top
    x`` with ``x`` random)."""
    note = spec.notation
    if note is None or not spec.random:
        return frozenset()
    names = set(note.symbols) | set(note.indices)
    defined = {m.group(1) for d in spec.definitions
               for m in _NAME.finditer(re.split(r"=|\\le|\\ge|<|>", d.latex, maxsplit=1)[0])}
    return frozenset(names - {v.name for v in spec.random} - defined)


#: words that state a condition or a reason for a row, which a line may be checked without
_CONDITION_CUE = re.compile(r"\W*(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:\\forall|for\b|where|if\b|when|since|as\b"
                            r"|provided|with\b|assuming|given|by\b|using|from\b|because)", re.I)
_DENIES = re.compile(r"\b(?:false|wrong|incorrect|impossible|not|never|fails?|contradict\w*|suppose|absurd|untrue)\b",
                     re.I)


def _ordered(chain: ChainSource, i: int) -> bool:
    """Whether the ``i``-th side is compared by an order (``<``, ``\\ge``) with its neighbour in the chain."""
    return any(r is not None and r.is_order for r in (s.relation for s in chain.sides[i:i + 2]))


def _plain(chain: ChainSource, question: str | None, constants: frozenset[str] = frozenset()) -> ReadChain:
    sides = []
    unread_after = ""
    for i, s in enumerate(chain.sides):
        error = None
        if s.error is not None:
            e = s.error
            error = f"line {e.line}, column {e.column}: {e.message}" if e.line else e.message
        expr = _everywhere(s.expr, constants) if s.expr is not None else None
        if expr is not None and (sp.false in s.domain or (  # \sqrt{-1 - x^2}: real nowhere, nothing to check
                isinstance(expr, sp.Expr) and not isinstance(expr, sp.MatrixExpr) and expr.is_extended_real is False
                and _ordered(chain, i))):  # (an equation between complex numbers is still checked)
            error, expr = (f"line {s.line}, column {s.column}: no real value at any point (a root, logarithm or "
                           "quotient as written is undefined everywhere)"
                           + ("" if sp.false in s.domain else ", so no order holds for it")), None
        cond = s.condition
        if cond is not None and cond.facts is None and s.expr is not None and (
                cond.text.endswith(AFTER) or (_CONDITION_CUE.match(cond.text) and not _DENIES.search(cond.text))):
            # "since $k$ is an integer." after the display, "\quad \forall t \geq" (cut short) in it: the line
            # holds for all values or is stated under a condition not read; its refutations held back, its proofs kept
            # (not words that take the row back: "\text{ is false}")
            unread_after, cond = cond.text.removesuffix(AFTER), None
        elif cond is not None and cond.facts is not None and sp.false in cond.facts:
            # a condition that can never hold ("for x^2 < 0"): nothing is checked under it, and a line it would
            # prove vacuously is checked without it (its refutations held back, its proofs kept)
            unread_after, cond = cond.text, None
        assumed = _props(cond.facts, constants) if cond is not None else ()
        sides.append(ReadSide(s.line, s.column, s.relation, s.relation_text, s.text[:2000], expr, error,
                              s.ambiguous, condition=cond.text[:200] if cond is not None else "",
                              assumed=assumed, condition_error=cond.error if cond is not None else "",
                              domain=_props(s.domain, constants) or (),
                              reason=cond is not None and (cond.reason or opens_reason(cond.text))))
    links = tuple(ReadLink(link.at, link.line, link.column, link.relation, link.relation_text, link.text,
                           _props(link.premise, constants), _props(link.conclusion, constants), link.error)
                  for link in chain.links)
    return ReadChain(chain.line, tuple(sides), links, chain.kind, chain.lead[-120:], question,
                     continues=chain.continues, goes_on=chain.goes_on, unread_after=unread_after)


def _props(props: tuple[sp.Basic, ...] | None, constants: frozenset[str]) -> tuple[sp.Basic, ...] | None:
    if props is None:
        return None
    return tuple(type(p)(_everywhere(p.lhs, constants), _everywhere(p.rhs, constants), evaluate=False)
                 for p in props if isinstance(p, sp.Rel))  # (a side real nowhere is an error: _plain)


_NORM = "norm"


def _everywhere(expr: sp.Basic, constants: frozenset[str] = frozenset()) -> sp.Basic:
    r"""What holds in every model: the algebras' forms (:func:`for_algebras`),
    a norm is nonnegative (a generic norm ``f`` is read as ``|f|``, which takes
    exactly the nonnegative values), and the expectation of a number, or of an
    expression in names the notation declares and does not call random
    (``constants``), is that number or expression (its variance is 0)."""
    expr = for_algebras(expr)
    expr = expr.replace(
        lambda e: isinstance(e, AppliedUndef) and e.func.__name__ == _NORM and len(e.args) == 1,
        lambda e: sp.Abs(e))
    from symproofs.probability.space import E, Var

    def fixed(arg: sp.Basic) -> bool:
        if arg.is_number:
            return True
        if not constants or arg.atoms(AppliedUndef) or any(
                isinstance(f, (E, Var)) for f in sp.preorder_traversal(arg)):
            return False
        return all(str(getattr(s, "name", "")) in constants for s in arg.free_symbols)

    expr = expr.replace(lambda e: isinstance(e, E) and len(e.args) == 1 and fixed(e.args[0]),
                        lambda e: e.args[0])
    return expr.replace(lambda e: isinstance(e, Var) and len(e.args) == 1 and fixed(e.args[0]),
                        lambda e: sp.Integer(0))


def _statement(question: str | None, chains: list[ChainSource], inline: list[str],
               note: Notation | None, roles: Sequence[str] = (), named: Sequence[str] = ()) -> Statement:
    """What a question's statement defines and assumes, its text math read with ``note`` (the
    question's notation with what its words say of it: the base of ``\\log``, a name ``e``), and what its
    words or its text math after "let", "where", "define" define (``named``: ``S = \\int_0^1 x^2 dx``, or a
    name alone, described in words)."""
    defined: dict[sp.Basic, list[sp.Basic]] = {}
    conditions: dict[int, tuple[sp.Basic, ...]] = {}  # per equation: the condition its row states
    described: set[str] = set()
    for piece in named:
        lhs, rhs = _definition(piece, note)
        if isinstance(lhs, (sp.Symbol, AppliedUndef)) and rhs is not None:
            defined.setdefault(lhs.func if isinstance(lhs, AppliedUndef) else lhs, []).append(sp.Eq(lhs, rhs))
        elif isinstance(lhs, (sp.Symbol, AppliedUndef)):
            described.add(lhs.func.__name__ if isinstance(lhs, AppliedUndef) else lhs.name)
    for chain in chains:
        sides = [s for s in chain.sides if s.expr is not None]
        if len(chain.sides) != 2 or len(sides) != 2 or chain.links or sides[1].relation is not Relation.EQ:
            continue
        lhs, rhs = (_everywhere(s.expr) for s in sides if s.expr is not None)
        if isinstance(lhs, sp.Symbol) or isinstance(lhs, AppliedUndef):
            eq = sp.Eq(lhs, rhs)
            if not isinstance(eq, sp.Eq):
                continue  # a name for a matrix written out (\Sigma = \begin{pmatrix} ... \end{pmatrix}): not a number
            defined.setdefault(lhs.func if isinstance(lhs, AppliedUndef) else lhs, []).append(eq)
            condition = sides[1].condition
            if condition is not None:  # an unread condition is a range nothing reads (False)
                conditions[id(eq)] = condition.facts if condition.facts is not None else (sp.false,)
    givens: list[Given] = []
    inputs: set[str] = set()
    for head, eqs in defined.items():
        if _twice(eqs):
            continue  # defined twice, differently: ambiguous
        for n, eq in enumerate(eqs):
            name = f"{getattr(head, '__name__', str(head))}-{n}"
            lhs = eq.lhs
            index = None
            start = None
            if isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(lhs.args[0], sp.Symbol) \
                    and lhs.args[0].is_integer:
                index = lhs.args[0]
                shifts = [index - a.args[0] for a in eq.rhs.atoms(AppliedUndef)
                          if a.func == lhs.func and len(a.args) == 1]
                lags = [int(s) for s in shifts if s.is_Integer and s > 0]
                start = sp.Integer(max(lags)) if lags else None
                if lags and any(not (s.is_Integer and s > 0) for s in shifts):
                    continue
                # the range the statement gives it ("a_n = 2a_{n-1}, \quad n \ge 2", "for $n \ge 2$"): from there on
                ranged = _range_start(index, [*conditions.get(id(eq), ()), *itertools.chain.from_iterable(
                    _facts(piece, note) for piece in inline)])
                # and where the statement says more of the index than a lower bound ("n = 2, 3, \ldots",
                # "n \in \{2, 3, \ldots\}"), a range it cannot read: no recurrence to unfold
                rows = [" ".join(f"{x.relation_text} {x.text}" for x in c.sides) for c in chains
                        if any(x.expr is None for x in c.sides)]  # n = 2, 3, \ldots beside the recurrence
                said = [t for t in (*inline, *rows) if _ranges_over(t, index.name)]
                if ranged is False or any(not isinstance(_range_start(index, _facts(t, note)), sp.Integer)
                                          for t in said):
                    continue
                if start is not None and ranged is not None:
                    start = max(start, ranged)
            if eq.rhs.has(lhs) and index is None:
                continue
            givens.append(Given(name=f"statement {name}", statement=eq, index=index, valid_from=start,
                                text=sp.sstr(eq)))
            inputs |= {f.func.__name__ for f in eq.rhs.atoms(AppliedUndef)}
            inputs |= {s.name for s in eq.rhs.free_symbols if isinstance(s, sp.Symbol)}
    facts: list[sp.Basic] = []
    cases: list[sp.Basic] = []
    for piece, role in itertools.zip_longest(inline, roles, fillvalue="fact"):
        if role == "fact":
            facts += _facts(piece, note)
        elif role == "condition":  # "show that ... whenever $x \ge 1$": the case the answer works in
            cases += _facts(piece, note)
    return Statement(question=question, givens=tuple(givens), facts=tuple(facts), inputs=frozenset(inputs),
                     conditions=tuple(cases), named=frozenset(described))


def _named_in(text: str, maths: Sequence[re.Match[str]]) -> list[str]:
    r"""What a statement defines in words ("write $m$ for $\mathbb{E}[X^2]$",
    "let $m$ denote the second moment of $X$") or in text math after "let",
    "where", "define", "denote" ("Let $S = \int_0^1 x^2 \, dx$."): ``m =
    \mathbb{E}[X^2]``, ``m``, ``S = \int_0^1 x^2 \, dx``."""
    out = [said for _, _, said in definitions_in_words(text)]
    for m in maths:
        # "let $a = 2$ and $b = 3$", "where $a = 2$, $b = 3$": every math joined to the cue is defined
        if DEFINING_WORDS.search(cue_tail(text[:m.start()])) and "=" in m.group(1):  # name = formula
            out.append(m.group(1))
    return out


def _definition(piece: str, note: Notation | None) -> tuple[sp.Basic | None, sp.Basic | None]:
    """The two sides of ``name = formula`` (the formula None for a name alone), each None where it does not read."""
    from symproofs.latex.parser import parse_relation_chain

    try:
        parts = parse_relation_chain(piece, notation=note)
    except InputError:
        return None, None
    if len(parts) == 1:
        return parts[0].expr, None
    if len(parts) == 2 and (parts[1].relation is Relation.EQ or parts[1].relation_text.strip() in DEFINING) \
            and parts[1].expr is not None:
        return _everywhere(parts[0].expr) if parts[0].expr is not None else None, _everywhere(parts[1].expr)
    return None, None


#: the words before a text math that defines its name ("let $S = ...$", "where $S_n = ...$")



def _ranges_over(text: str, name: str) -> bool:
    r"""Whether ``text`` says where the index ``name`` ranges: the index alone
    beside a relation or a set (``n \ge 2``, ``1 \le n``, ``n = 2, 3,
    \ldots``, ``n \in \{2, 3, \ldots\}``). A mention of it in an expression
    (``S_n + n``, "compute $S_n + n$") says nothing of its range, nor does a
    sum's own index (``\sum_{k=1}^{n} a_k``)."""
    alone = rf"(?<![A-Za-z\\_^])(?<![_^]\{{)(?<![_^]\{{ ){re.escape(name)}(?![A-Za-z_^(])"
    return re.search(rf"{alone}\s*{_RANGE_RELATION}|{_RANGE_RELATION}\s*{alone}\s*(?:$|[,;.]|{_RANGE_RELATION})",
                     text) is not None


#: a relation that bounds an index or places it in a set
_RANGE_RELATION = r"(?:=|<|>|\\(?:le|ge|leq|geq|leqslant|geqslant|lt|gt|in|ne|neq)(?![A-Za-z]))"


def _range_start(index: sp.Symbol, facts: list[sp.Basic]) -> sp.Integer | bool | None:
    """The first index a range about ``index`` among ``facts`` allows (``n \\ge
    2``, ``n > 1``: 2), None if none is about it, False if one about it is
    not such a lower bound."""
    found: sp.Integer | None = None
    for fact in facts:
        if fact is sp.false:
            return False
        if not isinstance(fact, sp.Basic) or index.name not in {x.name for x in fact.free_symbols}:
            continue
        fact = fact.reversed if isinstance(fact, (sp.StrictLessThan, sp.LessThan)) else fact
        if not isinstance(fact, (sp.StrictGreaterThan, sp.GreaterThan)) or getattr(fact.lhs, "name", None) \
                != index.name or not fact.rhs.is_number:
            return False
        first = sp.floor(fact.rhs) + 1 if isinstance(fact, sp.StrictGreaterThan) else sp.ceiling(fact.rhs)
        found = first if found is None else max(found, first)
    return found


def _twice(eqs: list[sp.Basic]) -> bool:
    """Whether ``eqs`` define one name twice, differently: two formulas, or
    two values of one member. Plain values of members (``v_0 = 0``, ``v_1 =
    1``) beside one rule (``v_n = 2 v_{n-1}``) define it once."""
    def point(e: sp.Basic) -> bool:
        return isinstance(e.lhs, AppliedUndef) and all(a.is_Integer for a in e.lhs.args)

    rules = {sp.srepr(e) for e in eqs if not point(e)}
    values: dict[str, set[str]] = {}
    for e in eqs:
        if point(e):
            values.setdefault(sp.srepr(e.lhs), set()).add(sp.srepr(e.rhs))
    return len(rules) > 1 or any(len(v) > 1 for v in values.values())


#: words that make text math of a statement part of a question, of a claim to show, or the condition of one
_QUESTION = re.compile(r"\b(?:whether|is\s+it|are\s+there|does|do|can|could)\b", re.I)
_CONDITION = re.compile(r"\b(?:whenever|if|when|unless|provided|where|for|given|assuming)\b", re.I)
_CLAIM = re.compile(r"\b(?:show|prove|disprove|verify|check|deduce|derive|explain|justify|find|compute|establish"
                    r"|demonstrate|argue|conclude|refute|claim|true\s+or\s+false|following)\b", re.I)


def _role(text: str, start: int, end: int) -> str:
    """What the text math at ``start:end`` of a statement is: part of a
    question ("is it true that $x > 2$?"), the condition of a claim or a
    question ("... whenever $x \\ge 1$", "for $x > 0$, what is ...?"), part of
    the claim ("show that $x^2 \\ge x$", "disprove", "true or false:"), or
    else a fact the question assumes ("where $\\epsilon > 0$")."""
    begin = max(text.rfind(c, 0, start) for c in (".", "?", "!", "\n\n")) + 1
    stop = min((i for i in (text.find(c, end) for c in (".", "?", "!")) if i >= 0), default=len(text))
    before = re.sub(r"\$[^$]*\$", " ", text[begin:start])
    asked = text[stop:stop + 1] == "?" or _QUESTION.search(before) is not None
    if (asked or _CLAIM.search(before)) and _CONDITION.search(before):
        return "condition"  # "for $x > 0$, what is ...?", "show that ..., where $x > 0$": a case, never a fact
    if asked:
        return "question"
    # a claim, also one set out in a paragraph of its own after "prove the following:"
    claimed = _CLAIM.search(before) or _CLAIM.search(text[max(0, begin - 80):begin].rsplit("\n\n", 1)[-1])
    return "claim" if claimed else "fact"


def _facts(piece: str, notation: object) -> list[sp.Basic]:
    r"""Assumptions stated in text math: ``\epsilon > 0``, ``0 \le \delta < 1``,
    ``\alpha \in (0, 1)``; anything else gives none."""
    m = _INTERVAL.match(piece)
    ne = _NOT_EQUAL.match(piece)
    try:
        if ne is not None:
            x = parse_math(ne.group("x"), notation=notation)  # type: ignore[arg-type]
            fact = sp.Ne(x, sp.Integer(ne.group("n")))
            return [fact] if isinstance(x, sp.Symbol) and fact not in (sp.true, sp.false) else []
        if m is not None:
            x = parse_math(m.group("x"), notation=notation)  # type: ignore[arg-type]
            a = parse_math(m.group("a"), notation=notation)  # type: ignore[arg-type]
            b = parse_math(m.group("b"), notation=notation)  # type: ignore[arg-type]
            if not (a.is_number and b.is_number) or not isinstance(x, sp.Symbol):
                return []
            low = sp.Ge(x, a) if m.group("lo") == "[" else sp.Gt(x, a)
            high = sp.Le(x, b) if m.group("hi") == "]" else sp.Lt(x, b)
            return [r for r in (low, high) if r not in (sp.true, sp.false)]
        from symproofs.latex.parser import parse_relation_chain

        parts = parse_relation_chain(piece, notation=notation)  # type: ignore[arg-type]
    except InputError:
        return []
    out: list[sp.Basic] = []
    build = {Relation.LE: sp.Le, Relation.LT: sp.Lt, Relation.GE: sp.Ge, Relation.GT: sp.Gt}
    # names and numbers, and between them members of a sequence or an ellipsis the relations pass through
    # (0 < \mu = \lambda_1 \le \dots \le \lambda_m = L: 0 < mu and mu <= L)
    if len(parts) < 2 or not all(isinstance(p.expr, (sp.Symbol, sp.Number)) or _member_or_gap(p) for p in parts):
        return []
    anchors = [k for k, p in enumerate(parts) if isinstance(p.expr, (sp.Symbol, sp.Number))]
    for i, j in itertools.pairwise(anchors):
        relation: Relation | None = Relation.EQ
        for p in parts[i + 1:j + 1]:
            relation = compose(relation, p.relation) if relation is not None and p.relation is not None else None
        rel = build.get(relation) if relation is not None else None
        if rel is None and relation is not Relation.EQ:
            return []
        fact = rel(parts[i].expr, parts[j].expr) if rel is not None else sp.true
        if fact not in (sp.true, sp.false):
            out.append(fact)
    return out


def _member_or_gap(part: LineSource) -> bool:
    r"""A member of a sequence (``\lambda_1``, ``\lambda_m``) or an ellipsis (``\dots``) between two sides."""
    e = part.expr
    if e is None:
        return re.fullmatch(r"\s*(?:\\[lc]?dots[cb]?|\.\.\.)\s*", part.text) is not None
    return isinstance(e, AppliedUndef) and all(isinstance(a, (sp.Symbol, sp.Integer)) for a in e.args)
