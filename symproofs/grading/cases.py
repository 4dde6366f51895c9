"""Cases a text takes before its displays: "if $i \\neq j$, then:".

A case never helps to prove a step (the step is checked as written); it only
keeps a refutation at a point outside it from counting: the student claims
the step in that case alone.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.goals import Goal
from symproofs.core.model import Relation, compose
from symproofs.core.results import StepResult, Verdict
from symproofs.core.statements import RELATIONAL, compose_all
from symproofs.grading.context import flat
from symproofs.grading.cues import ASSUMING, CUES, LABEL, PLAIN_CASE, PLAIN_FOR, VALUE_CUES, VALUE_WORDS, cue_tail
from symproofs.grading.definitions import through_definitions
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.matrixcases import NORMS, breaks_matrix_case, on_matrices, powered_name
from symproofs.grading.nesting import AND_TAIL
from symproofs.grading.reliance import own_names
from symproofs.grading.verdicts import not_in_case
from symproofs.latex.claims import (
    NEGATION,
    asked,
    clause_after,
    clause_before,
    denying,
    last_sentence,
    sentence_after,
    taken_back,
)
from symproofs.latex.conditions import unread_in_words
from symproofs.latex.remarks import FOR_ALL

__all__ = ["EXCEPTING", "case_of", "denials", "denied_after", "excepting", "independence_case", "name_range",
           "one_line", "opening_hypothesis", "outside_case", "partly_unread", "range_case", "setting_case", "spared",
           "stated_as_hypothesis", "stated_for", "takes_value", "unread_exception", "unread_hypothesis"]

_CASE_RELATIONS = {"=": sp.Eq, "\\ne": sp.Ne, "\\neq": sp.Ne, "<": sp.Lt, ">": sp.Gt, "\\le": sp.Le, "\\leq": sp.Le,
                   "\\ge": sp.Ge, "\\geq": sp.Ge, "\\lt": sp.Lt, "\\gt": sp.Gt, "\\leqslant": sp.Le, "\\geqslant":sp.Ge,
                   # a negated order is the reversed strict one: t \not\le 0 is t > 0 (the names are real)
                   "\\not\\le": sp.Gt, "\\not\\leq": sp.Gt, "\\nleq": sp.Gt, "\\nleqslant": sp.Gt, "\\not<": sp.Ge,
                   "\\nless": sp.Ge, "\\not\\ge": sp.Lt, "\\not\\geq": sp.Lt, "\\ngeq": sp.Lt, "\\ngeqslant": sp.Lt,
                   "\\not>": sp.Le, "\\ngtr": sp.Le, "\\not=": sp.Ne, "\\not\\lt": sp.Ge, "\\not\\gt": sp.Le}


def case_of(chain: ReadChain, sides: list[ReadSide], supposed: bool = False) -> tuple[sp.Basic, ...] | None:
    """The case a text states before its displays ("if $i \\neq j$, then:"):
    a relation between names and numbers, or the distinct members that an
    independence takes (``h_j \\perp h_l``); None for anything else.
    ``supposed``: the words suppose it, however long ("assume, for the sake
    of contradiction, that")."""
    if chain.kind == "independence":
        return independence_case(sides[0].expr) if len(sides) == 1 and sides[0].expr is not None else None
    if len(sides) != 2 or any(x.expr is None for x in sides):
        return None
    excepted = excepting(chain.lead)
    if excepted is not None:  # "unless $t \le 0$": the other side, t > 0; after "unless $x < 0$ or": none read
        found = _relation(sides) if excepted else None
        return tuple(c.negated for c in found) if found and all(isinstance(c, sp.Rel) for c in found) else None
    if not supposed and not _taken(chain, sides):
        return None
    # a hypothesis no value meets ("suppose $\sqrt{2} = 3/2$", "if $x^2 < 0$") is kept: what follows is vacuous
    return _counted(_relation(sides, kept=supposed or ASSUMING.search(chain.lead[-40:]) is not None), chain.lead)


#: words that set aside what follows them: "unless", "except when", "excluding the case", "apart from", "other
#: than", "outside (of)", "save for", "barring", "with the exception of", "aside from", "leaving aside"; and a
#: name the words after it deny something of ("for $t$ not in", "when $x$ is not")
EXCEPTING = re.compile(
    r"(?:\b(?:unless|except(?:ing)?|exclud(?:ing|e)|apart\s+from|other\s+than|outside(?:\s+of)?|save|barring"
    # "ignoring the case", "if not", "not for", "disregarding"
    r"|ignor(?:ing|e)|disregard(?:ing)?|neglect(?:ing)?|if\s+not(?=\s*(?:\$|$))|not\s+for|(?:if|when)\s+it\s+is\s+not\s+(?:true|the\s+case)\s+that"
    r"|with\s+the\s+exception\s+of|aside\s+from|(?:leaving|setting|putting)\s+aside|but\s+not)"
    r"|(?<=\$)(?:\s+(?:that|which))?(?:\s+(?:is|are|be))?\s+not)\b"
    r"(?:\s+(?:for|of|in|at|on))?(?:\s+(?:the|a)\s+(?:cases?|region|set|values?|points?))?"
    r"(?:\s+(?:when(?:ever)?|if|for|where|at|on|in(?:\s+which)?|that|of|with|equal\s+to))?\b", re.I)


#: words before an exception that turn it round ("the division is invalid unless $x \\ne 0$")
_FAILING = re.compile(r"\b(?:fail\w*|invalid|undefined|breaks?|impossible|wrong|false|not|no|never|cannot|can't)\b",
                      re.I)


def excepting(lead: str) -> bool | None:
    """Whether the case after ``lead`` is one its sentence sets aside: True
    right after the words that do ("unless $t \\le 0$", "except when $z <
    0$", "excluding the case $z = 0$"), whose other side the text takes;
    False further on in such a sentence ("unless $x < 0$ or $y < 0$": the
    second case is read with the first, which the cases do not read), or
    after words that turn the exception round ("is invalid unless $x \\ne
    0$"); None in a sentence without such words."""
    sentence = _SENTENCE_END.split(lead[-200:])[-1]
    found = list(EXCEPTING.finditer(sentence))
    if not found:
        return None
    rest = sentence[found[-1].end():]
    return re.fullmatch(r"[\s,:]*", rest) is not None and _FAILING.search(sentence[:found[-1].start()]) is None


#: letters that count: "for all $n \\ge 0$" ranges over the integers
_COUNTING = frozenset({"n", "m", "k", "i", "j", "N", "K"})


def _counted(case: tuple[sp.Basic, ...] | None, lead: str) -> tuple[sp.Basic, ...] | None:
    """``case`` and, after "for all", that a counting letter it bounds by a
    whole number is an integer ("for all $n \\ge 0$", as an induction reads)."""
    if not case or not FOR_ALL.search(lead[-60:]):
        return case
    counted = {x for c in case if isinstance(c, sp.Rel) for x, other in ((c.lhs, c.rhs), (c.rhs, c.lhs))
               if isinstance(x, sp.Symbol) and x.name in _COUNTING and other.is_Integer}
    return (*case, *(sp.Contains(x, sp.S.Integers) for x in sorted(counted, key=str)))


def range_case(chain: ReadChain) -> tuple[sp.Basic, ...] | None:
    """The case a range in the text takes (``$0 < \\delta < 1$``, after "assume",
    "since", "with" or nothing): a bound on a name is what the answer
    works under, never a claim it checks; None unless every part is one."""
    if excepting(chain.lead) is not None:
        return None  # "unless $0 < t < 1$": the other side is no range
    if not ASSUMING.search(chain.lead[-40:]) and not all(
            isinstance(s.expr, sp.Symbol) or (s.expr is not None and s.expr.is_number) for s in chain.sides) \
            and not name_range(chain.sides):
        # x^2 \ge 2x \ge 3: a claim, not a range of a name (unless "if" takes it: 0 < |x - 2| < d); a name between
        # two bounds is one whatever its ends ("a step size $0 < \eta \le \frac{1}{L}$")
        return None
    # each side with each later one, the relations between composed (a > b > 0 states a > b, b > 0 and a > 0), each
    # between neighbours read; an infinite end bounds nothing (-\infty < z < 0 is z < 0)
    found: list[sp.Basic] = []
    sides = chain.sides
    for i, j in itertools.combinations(range(len(sides)), 2):
        a, b, relation = sides[i].expr, sides[j].expr, compose_all(s.relation for s in sides[i + 1:j + 1])
        if any(e is not None and e.is_infinite for e in (a, b)):
            continue
        rel = _relation([sides[i], sides[j]]) if j == i + 1 else (_bound(a, relation, b),) if (
            relation is not None and relation in RELATIONAL and a is not None and b is not None) else ()
        if rel is None and not (a is not None and b is not None and relation in RELATIONAL
                                and _bound(a, relation, b) is sp.true):
            return None  # (not 0 < \delta where the notation makes delta positive: nothing to take, the rest stands)
        found += [c for c in rel or () if isinstance(c, sp.Rel) and c not in found]
    return _counted(tuple(found), chain.lead) if found else None


def name_range(sides: Sequence[ReadSide]) -> bool:
    r"""Whether text math bounds one name on both sides, whatever its ends are (``0 < \eta < \frac{2}{L}``,
    ``\eta \in (0, 2/L)``, ``0 < \gamma \le \|w\|``): three sides, the middle a name (a member of a sequence
    at a fixed index too) the ends do not use, the two relations pointing the same way."""
    low, name, high = (s.expr for s in sides) if len(sides) == 3 else (None, None, None)
    if low is None or name is None or high is None:
        return False
    ways = {_way(s.relation_text) for s in sides[1:]}
    return _plain(name) and not name.is_number and len(ways) == 1 and None not in ways and not any(
        isinstance(e, sp.MatrixExpr) or not isinstance(e, sp.Expr) or name in e.free_symbols or (
            isinstance(name, AppliedUndef) and e.has(name)) for e in (low, high))


def _way(relation_text: str) -> str | None:
    r"""Which way an order relation points: "<" (``<``, ``\le``) or ">" (``>``, ``\ge``); None for another."""
    build = _CASE_RELATIONS.get(re.sub(r"\s+", "", relation_text))
    return "<" if build in (sp.Lt, sp.Le) else ">" if build in (sp.Gt, sp.Ge) else None


#: words after which text math states the setting a text works in: "with", "where", "for", "such that", ...
_SETTING_WORDS = re.compile(r"\b(?:with|where|for|such\s+that|so\s+that|satisf(?:y|ying|ies))\W*$", re.I)
#: a side that only stands for the terms left out (``\lambda_1 \le \dots \le \lambda_m``)
_ELLIPSIS = re.compile(r"\s*\\(?:[lc]?dots|dotsc|dotsb)\s*|\s*\.\.\.\s*")


def setting_case(chain: ReadChain) -> tuple[sp.Basic, ...] | None:
    r"""The case text math after words that state a setting ("with", "where",
    "let", "for", "such that", or a hypothesis: "assume", "suppose", "given")
    takes when it chains bounds and names (``0 < \mu = \lambda_1 \le \dots \le
    \lambda_m = L``): each relation between neighbouring sides (across an
    ellipsis, composed), the case the text works in, never a claim to check.
    After a hypothesis any sides will do (``0 < x = y^2 \le 1``); after the
    other words each side is a name, a member of a sequence or a number.
    None if the words state no setting or a relation is not read."""
    tail = cue_tail(chain.lead)
    hypothesis = ASSUMING.search(chain.lead[-40:]) is not None or ASSUMING.search(tail) is not None
    if not (hypothesis or CUES.search(tail) or _SETTING_WORDS.search(tail)) or excepting(chain.lead) is not None:
        return None
    read: list[ReadSide] = []  # the sides read, and the relation from each to the next, across an ellipsis
    steps: list[Relation | None] = []
    for side in chain.sides:
        if side.expr is None:
            if not read or _ELLIPSIS.fullmatch(side.text) is None:
                return None
        elif not hypothesis and not _plain(side.expr):
            return None
        if read:
            steps[-1] = compose(steps[-1], side.relation) if steps[-1] is not None and side.relation is not None \
                else None
        if side.expr is not None:
            read.append(side)
            steps.append(Relation.EQ)
    # each side with each later one, the relations between composed (0 < mu = a <= b = L: also mu <= L, which
    # the point of a refutation is checked against even where a and b are not the step's names)
    case: list[sp.Basic] = []
    for i, j in itertools.combinations(range(len(read)), 2):
        relation, a, b = compose_all(steps[i:j]), read[i].expr, read[j].expr
        assert a is not None and b is not None
        if relation not in RELATIONAL:
            if j == i + 1:
                return None  # a relation between neighbours not read
            continue
        if a.is_infinite or b.is_infinite:  # -\infty < z bounds nothing
            continue
        rel = _bound(a, relation, b)
        if rel is None:
            return None
        if rel is not sp.true and rel not in case:  # 0 < \mu where the notation makes mu positive: nothing to take
            case.append(rel)
    return tuple(case) or None


def _bound(lhs: sp.Basic, relation: Relation, rhs: sp.Basic) -> sp.Basic | None:
    """``lhs relation rhs`` as a case: numbers and names, members of sequences and sympy's own
    functions of them (never a moment, "we assume $E[h_i] = 0$"), ``true`` if the declarations
    already make it hold; None otherwise (a relation that cannot hold is no setting)."""
    if not all(isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr)
               and all(_plain(f) or _elementary(f) for f in e.atoms(sp.Function)) for e in (lhs, rhs)):
        return None
    try:
        rel = RELATIONAL[relation](lhs, rhs)
    except (TypeError, ValueError):
        return None
    return rel if rel is not sp.false else None


def _plain(e: sp.Basic) -> bool:
    r"""A name, a member of a sequence at a fixed index (``\lambda_1``, ``\lambda_m``) or a number."""
    return isinstance(e, (sp.Symbol, sp.Indexed)) or (isinstance(e, sp.Expr) and e.is_number) or (
        isinstance(e, AppliedUndef) and all(isinstance(a, (sp.Symbol, sp.Integer)) for a in e.args))


def _relation(sides: list[ReadSide], kept: bool = False) -> tuple[sp.Basic, ...] | None:
    """The relation of two sides as a case; one false as written only if ``kept`` (unevaluated)."""
    if any(x.expr is None for x in sides):
        return None
    build = _CASE_RELATIONS.get(re.sub(r"\s+", "", sides[1].relation_text))
    lhs, rhs = sides[0].expr, sides[1].expr
    if build is None or not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr) \
            or isinstance(lhs, sp.MatrixExpr) or isinstance(rhs, sp.MatrixExpr):
        return None
    if not all(_member(f) or _elementary(f) or isinstance(f, NORMS) for f in sp.Tuple(lhs, rhs).atoms(sp.Function)):
        return None  # "we assume E[h_i] = 0": about moments or functions, not a case of the names (||u|| = 1 is one)
    try:
        rel = build(lhs, rhs)
        if rel is sp.false and kept:
            rel = build(lhs, rhs, evaluate=False)
    except (TypeError, ValueError):
        return None
    return (rel,) if rel not in (sp.true, sp.false) else None


#: a sentence that takes something: "we assume $a > 0$ and $b < 0$" takes both
_TAKING = re.compile(r"\b(?:assum|suppos|let|if|given|whenever|provided|take|use|choos|pick|fix)\w*", re.I)
_SINCE = re.compile(r"\b(?:since|because|as|given|we have|we know(?: that)?|note that|recall that)\W*$", re.I)
#: words that draw what follows as a consequence, not a case the text takes
_DRAWN = re.compile(r"\b(?:so|hence|thus|therefore|then|gives?|giving|yields?|get|obtain|find|means?|shows?"
                    r"|implies|proves?|conclude|follows?(?:\s+that)?|i\.e\.|that is|so that|must be)\W*$"
                    r"|\\(?:implies|Rightarrow|Longrightarrow|therefore)\W*$", re.I)


def takes_value(lead: str) -> bool:
    """Whether the sentence before a displayed value takes it ("take the
    usual decay", "for instance", "without loss of generality")."""
    sentence = re.split(r"[.!?]\s|\n\s*\n", lead[-200:])[-1]
    return VALUE_WORDS.search(sentence) is not None


def _taken(chain: ReadChain, sides: list[ReadSide]) -> bool:
    """Whether the text takes this relation as a case: after "assume", "if",
    ...; after "let" when it bounds a name or fixes a member (``m > 0``,
    ``v_0 = 0``); a value of a name after "substituting", "plugging in",
    "at", "for instance with", ...; or after "and" in a sentence that takes
    the one before."""
    tail = chain.lead[-40:]
    if ASSUMING.search(tail):
        return True
    if CUES.search(tail) and (_member(sides[0].expr) or sides[1].relation_text.strip() not in ("=", ":=")):
        return True
    if (VALUE_CUES.search(tail) or (isinstance(sides[0].expr, sp.Pow) and VALUE_CUES.search(cue_tail(chain.lead)))) \
            and (sides[1].relation_text.strip() != "=" or isinstance(powered_name(sides[0].expr), sp.Symbol)):
        return True  # "for $y > 0$", "at $x = 2$", "in the case $y < 0$", "plugging in $\mu = 1$, $\sigma^2 = 4$"
    if _SINCE.search(tail) and sides[1].relation_text.strip() not in ("=", ":="):
        return True  # "since $x > 0$", "we have $x > 2$": a bound the text works under
    sentence = re.split(r"[.!?]\s", chain.lead[-200:])[-1]
    if AND_TAIL.search(tail) and _TAKING.search(sentence):
        return True
    # "a sample of size $n \ge 1$", "with a step $\eta > 0$", "a step size $\eta \le \frac{1}{L}$": a name bounded
    # in passing by a number or a formula of other names, unless the text draws it as a consequence ("hence $n \ge 1$")
    return len(sides) == 2 and sides[1].relation_text.strip() not in ("=", ":=") and _DRAWN.search(tail) is None \
        and any(isinstance(a.expr, sp.Symbol) and isinstance(b.expr, sp.Expr) and not isinstance(b.expr, sp.MatrixExpr)
                and a.expr not in b.expr.free_symbols for a, b in (sides, sides[::-1]))


#: the whole of a sentence up to a hypothesis it opens, after a label ("(b)", "**Case 2:**", "\item") or a bullet
#: ("-", "•"): "for", "if", "when", "(we) assume (that)", "suppose", "let", "now let", "in the case", "given",
#: "at", "with",
#: "for instance with", "substituting", "setting", "taking"; anything else ("we cannot assume", "before assuming",
#: "excluding the case", "no matter if") states no hypothesis the display after it makes
_OPENER = re.compile(
    r"\s*(?:(?:\*\*|__|\*|_)?\s*(?:\([a-z0-9]+\)|[a-z0-9]+[.)]|[-\u2022\u00b7\u25e6\u25aa\u2023]|\\item|(?:part|claim|step|question|answer)\s*"
    r"[a-z0-9.]*\s*[.:)]?)\s*(?:\*\*|__|\*|_)?\s*)?(?:(?:and\s+)?now,?\s+|then,?\s+|next,?\s+)?"
    r"(?:for|if(?:\s+(?:moreover|also|further|in\s+addition|now|instead))?|when|whenever"
    r"|(?:we\s+)?(?:now\s+)?(?:assume|suppose)(?:\s+that)?|let|given|in\s+the\s+case|base\s+case,?"
    r"|(?:sub)?case\s*(?:\(?[a-z0-9]+\)?)?\s*:?|at|with|for\s+(?:instance|example),?\s+(?:with|at|take)"
    r"|(?:by\s+)?(?:substituting|setting|taking|plugging\s+in|putting|using)"
    r"|(?:we\s+)?(?:take|use|consider|choose|pick|fix|set|put|substitute|plug\s+in)"
    r"|(?:\*\*|__|\*|_)?\s*(?:sub)?case\s*(?:\(?[a-z0-9]+\)?)?\s*:?)\s*(?:\*\*|__|\*|_)?\s*", re.I)
#: what may stand between a hypothesis and the display it is stated for: punctuation, emphasis, "then", "we have"
_GAP = re.compile(r"[\s,.:;*_)]*(?:(?:then|so|hence|thus|therefore|we\s+(?:have|get|obtain|find)|one\s+(?:has|gets)"
                  r"|it\s+follows(?:\s+that)?|this\s+gives|throughout|here|for\s+now|in\s+this\s+part(?:\s+only)?"
                  r"|(?:but\s+)?(?:for|on|in)\s+(?:all\s+)?the\s+rest|(?:but\s+)?elsewhere)"
                  r"[\s,.:;*_]*)*", re.I)
#: the consequence of the case in one sentence, the display one of its parts: "if $i \\ne j$, then $R_{ki}$ and
#: $R_{kj}$ are independent (because ...) and we have that:" (no sentence end, no other quantifier between)
_THEN_CLAUSE = re.compile(r"[\s,]*then\b(?:(?![.!?;]\s|\n\s*\n|\b(?:for\s+(?:all|every|any|each)|unless|except)\b)"
                          r"[^.!?;])*\band\s+(?:so\s+|thus\s+|hence\s+)?(?:we\s+(?:have|get|obtain|find)|one\s+has)"
                          r"(?:\s+that)?\s*[:,]?\s*", re.I)
#: words that deny the case just before them ("if $x > 0$ does not hold")
_DENIED = re.compile(r"\s*(?:does\s+not|doesn't|do\s+not|fails\s+to)\s+hold|\s*is\s+(?:false|not\s+true|violated)"
                     r"|\s*fails\b", re.I)
#: a case joined to it ("and $b > 0$", ", $c \ne 0$")
_JOINED = re.compile(r"^\s*(?:,|\band\b)\s*\$[^$]*\$", re.I)
#: what a sign in words adds after its name ("$b$ be positive")
_SIGN_TAIL = re.compile(r"^\s*(?:is|be|are)\s+(?:both\s+|all\s+|an?\s+|any\s+|some\s+)?"
                        r"(?:(?:arbitrary|given|fixed)\s+)?"
                        r"(?:strictly\s+)?(?:non-?\s*)?"
                        r"(?:positive|negative)(?:\s+(?:real\s+)?numbers?|\s+reals?)?", re.I)


#: where a sentence ends: punctuation, a display, a blank line
_SENTENCE_END = re.compile(r"[.!?;:](?:\$\$)?\s|\$\$|\\\]|\\end\s*\{[^{}]*\}|\n\s*\n")
#: and a heading, a line that ends a command (``\\subsection*{...}``), an item
_SENTENCE_OR_HEADING_END = re.compile(_SENTENCE_END.pattern + r"|\n\s*#+\s[^\n]*\n|\}[ \t]*\n"
                                      r"|\\(?:sub)*section\*?\s*\{[^{}]*\}|\\item\b|\\par\b")
#: the opening of the display a lead ends with
_OPENING = re.compile(r"(?:\\begin\s*\{[^{}]*\}|\\\[|\$\$)\s*$")


def stated_as_hypothesis(lead: str) -> str | None:
    """Where the text takes the case after ``lead`` as a hypothesis for what
    follows ("for $x > 0$,", "if", "assume", "let", "in the case"), not as a
    fact it draws or recalls ("since", "we have", "hence"), nor one it sets
    aside ("without assuming", "or if"): the words right before it, by
    which the display it is stated for finds it (:func:`stated_for`); None
    if it is no hypothesis."""
    sentence = _SENTENCE_END.split(lead[-200:])[-1]
    return lead if _OPENER.fullmatch(sentence) is not None and lead.strip() else None


#: a hypothesis in words: "if $\\sigma$ is the identity,", "suppose the data are centred." (not "if we expand")
_CONDITIONAL = re.compile(  # (after a label too: "**(a)** If", "*Case 1:* for x<0"; "for" a relation in plain text)
    rf"\s*{LABEL}(?:(?:hence|thus|so|now|and|but|then|moreover|finally|next|also),?\s+)*(?:{PLAIN_FOR}|(?:if|when|whenever|provided(?:\s+that)?"
    r"|in\s+the\s+(?:special\s+)?case(?:\s+(?:where|that|of))?|assuming(?:\s+that)?|supposing(?:\s+that)?"
    r"|given\s+that|under\s+the\s+(?:assumption|hypothesis|condition)\s+that)\s+"
    r"(?!(?:we|you|one|i|so|needed|necessary|possible|desired|required|memory|all\s+is|(?!(?:no|some|any|every)thing\b)\w+ing|\w+ed)\b)|(?:now\s+)?(?:suppose|assume)(?:\s+that)?\s+)(?P<clause>\S.*?)"
    r"[\s,:;]*(?:then|we\s+(?:have|get|obtain|find))?[\s,:;.]*", re.I | re.S)


_RELATION_MATH = re.compile(r"\$[^$]*(?:[=<>]|\\(?:[lg]eq?|[lg]t|neq?|in|notin|subset\w*)(?![A-Za-z]))[^$]*\$")


#: a domain in math with no name before it, opening a line or sentence ("on $(0, \infty)$ we have"; not "let
#: $q$ be a density on $[0, 1]$")
_NAMELESS_DOMAIN = re.compile(r"(?:^|\n)[^\S\n]*(?:(?:now|and|then|so),?\s+)?(?:on|over|in|for|throughout|across|within"
                              r"|inside)\s+(?:the\s+(?:interval|set|domain"
                              r"|region|half-?line)\s+)?\$\s*(?:[(\[\]]\s*[^$,]*,[^$]*[)\[\]]|\\mathbb\s*\{?[RNZQ]\}?"
                              r"[^$]*|\\(?:mathbb|mathbf)\s*\{[RNZQ]\}[^$]*)\s*\$", re.I)


def _last_sentence(lead: str) -> str:
    """The last sentence of ``lead`` (past a heading or an item), the
    display's own opening aside, and past words that only lead into the
    display ("suppose the data are centred. Then")."""
    lead = _OPENING.sub("", lead.rstrip())
    sentences = _SENTENCE_OR_HEADING_END.split(lead.rstrip()[-300:])
    while len(sentences) > 1 and _GAP.fullmatch(sentences[-1]) is not None:
        sentences.pop()
    return sentences[-1]


def unread_hypothesis(lead: str) -> str | None:
    """The hypothesis in words right before a display ("if $\\sigma$ is the
    identity, $$...$$"), where no case could be read from it, or a sign or a
    bound in words there that is not read ("here the product of $x$ and $y$
    is negative, so"): what the display claims holds under it, which nothing
    checks. None if the words before the display are no such hypothesis."""
    last = _last_sentence(lead)
    found = _CONDITIONAL.fullmatch(last)
    if found is None and (_NAMELESS_DOMAIN.search(last) or PLAIN_CASE.search(lead[-200:])):
        # "on $(0, \infty)$ we have": a domain that names no variable, which the case cannot take; "Case 1: x > 0."
        return " ".join(last.split())[:80]
    if found is None and unread_in_words(last):
        # "here the product of $x$ and $y$ is negative, so": a sign or a bound in words not read
        return " ".join(last.split())[:80]
    if found is None or _RELATION_MATH.search(re.split(r",|\bthen\b", found.group("clause"))[0]):
        return None  # "suppose $h = 4$": a case, which the cases read (or find unreadable) themselves
    return " ".join(found.group(0).split())[:80]


def unread_exception(lead: str, taken: Sequence[tuple[sp.Basic, str]]) -> str | None:
    """The sentence right before a display that sets a case aside ("unless",
    "except when", "excluding", "apart from", "other than", "outside"), when
    its other side is not the case taken: read only where the words that set
    it aside come once, right before its math, which ends the sentence but
    for a connective ("unless $t \\le 0$, we get"), and the other case was
    taken from it (``taken``: the cases since the last display, each with the
    words before it). What the display claims holds outside something not
    read; None if nothing is set aside, or what is was read."""
    last = _last_sentence(lead)
    found = list(EXCEPTING.finditer(last))
    if not found:
        return None
    opener, rest = last[:found[-1].end()].rstrip()[-40:], last[found[-1].end():]
    math = re.match(r"[\s,:]*\$[^$]*\$", rest)
    if len(found) == 1 and math is not None and _GAP.fullmatch(rest[math.end():]) is not None \
            and any(before.rstrip().endswith(opener) and excepting(before) for _, before in taken):
        return None
    return " ".join(last.split())[:80]


#: a hypothesis about a name in words beside a case in math: "if $f$ is linear and $b = 1$"
_PREDICATE = re.compile(r"\$\s*\\?[A-Za-z]+\s*\$\s+(?:is|are)\s+(?:an?\s+)?(?!(?:not|false|true|positive|negative"
                        r"|non-?negative|non-?positive|zero|nonzero|integers?|real|defined|given)\b)[a-z]{3,}", re.I)


#: a fact the text recalls in words: "since $n$ is even,", "as $f$ is convex,"
_BECAUSE = re.compile(r"\s*(?:since|as|because)\s+(?P<clause>\S.*?)[\s,:;]*(?:we\s+(?:have|get))?[\s,:;.]*",
                      re.I | re.S)


def partly_unread(lead: str) -> str | None:
    """A conditional sentence right before a display that says something of a
    name in words beside the case its math states ("if $f$ is linear and $b =
    1$, then"), or a fact it recalls in words ("since $n$ is even,"): what
    the display claims holds under more than what is read. The sentence, or
    None."""
    lead = _OPENING.sub("", lead.rstrip())
    sentence = _SENTENCE_END.split(lead[-300:])[-1]
    found = _CONDITIONAL.fullmatch(sentence) or _BECAUSE.fullmatch(sentence)
    if found is None or not _PREDICATE.search(re.split(r"\bthen\b", found.group("clause"))[0]):
        return None
    return " ".join(found.group(0).split())[:80]


def stated_for(display_lead: str, before: str) -> bool | None:
    """Whether the hypothesis after the words ``before`` is stated for the
    display after ``display_lead``: nothing stands between them but cases
    joined to it and a connective ("for $x > 0$ and $y > 0$ we have",
    "assume $x \\ge 1$. Then"); not a finished sentence of its own ("if $h =
    0$ the cross term vanishes. So"), nor other words ("for all real $x$").
    None where the words after it deny it ("if $x > 0$ does not hold, then"):
    the other case is stated for the display."""
    found = _after_case(display_lead, before)
    if found is None or re.search(r"\\(?:text\w*|mbox|mathrm|operatorname)\s*\{", found[0]):
        return False  # words in the case's math may say anything of it ("$\text{not } x > 0$")
    gap = _SIGN_TAIL.sub("", found[1])
    denied = _DENIED.match(gap)
    if denied is not None:
        if re.search(r"(?:\band|,)\s*$", before):
            return False  # "if $x > 0$ and $y > 0$ does not hold": one of them fails, which states nothing
        return None if _GAP.fullmatch(gap[denied.end():]) is not None else False
    while (joined := _JOINED.match(gap)) is not None:
        gap = _SIGN_TAIL.sub("", gap[joined.end():])
    return _GAP.fullmatch(gap) is not None or _THEN_CLAUSE.fullmatch(gap) is not None


def denials(display_lead: str, found: Sequence[tuple[sp.Basic, bool | None]],
            taken: Sequence[tuple[sp.Basic, str]]) -> tuple[dict[sp.Basic, sp.Basic], dict[sp.Basic, str]]:
    """The cases taken since the last display (``taken``, each with the words
    before it, in order: the last words about a case count) that the words
    around them deny (:func:`denied_after`), as those among the hypotheses
    ``found`` stated for the display that :func:`stated_for` finds denied
    ("if $x > 0$ does not hold"), each with the other case; and those the
    words ask or deny in a way not read, each with its sentence: neither the
    other case nor one stated for the display."""
    said = {c: (denied_after(display_lead, before), before) for c, before in taken}
    unclear = {c: _sentence(display_lead, before) for c, (how, before) in said.items() if how is None}
    plain = [c for c, how in found if how is None] + [c for c, (how, _) in said.items() if how]
    return {c: c.negated for c in plain if isinstance(c, sp.Rel) and c not in unclear}, unclear


#: "we cannot have $x > 0$": a denial before the case
_CANNOT = re.compile(r"\b(?:cannot|can't|can\s+not)\s+(?:have|be)\s*$", re.I)
#: words right after a case that deny or hedge it in a way not read ("$x > 0$ never holds", "is not needed",
#: "is wrong", "may hold")
_NOT_READ_AFTER = re.compile(r"^\s*(?:(?:is|are|does|do|did|can|could|will|would|may|might|must|should)"
                             r"(?:\s*n't|\s+not)|never|no\s+longer|(?:is|are)\s+(?:wrong|untrue|incorrect|impossible|excluded|ruled\s+out"
                             r"|absurd)|may|might|could|perhaps|possibly)\b", re.I)


def denied_after(display_lead: str, before: str) -> bool | None:
    """Whether the words around the case after ``before`` deny it: True for a
    plain denial ("$x > 0$ is false", "the condition $x > 0$ fails", "we
    cannot have $x > 0$"); None where they ask or deny it in a way not read:
    a question ("could it be that $x > 0$ fails?"), a denial inside a
    negation or a hedge ("it is not the case that $x > 0$ does not hold",
    "the claim that $x > 0$ is false would be a mistake", "perhaps $x > 0$
    fails"), a denial in other words ("it is false that $x > 0$", "$x > 0$
    is wrong", "$x > 0$ never holds"); False where they state it."""
    found = _after_case(display_lead, before)
    after = sentence_after(_SIGN_TAIL.sub("", found[1])) if found is not None else ""
    denial, cannot = _DENIED.match(after), _CANNOT.search(before)
    rest = before[:cannot.start()] if cannot is not None else before
    if asked(rest, after) or denying(rest) or taken_back(clause_after(after[denial.end():] if denial else after)):
        return None
    if denial is None and cannot is None:  # "$x > 0$ never holds", "$x > 0$ may hold": words not read
        return None if _NOT_READ_AFTER.match(after) else False
    return None if NEGATION.search(clause_before(rest)) else True


def _sentence(display_lead: str, before: str) -> str:
    """The sentence of the case after ``before``, as written (shortened)."""
    found = _after_case(display_lead, before)
    said = last_sentence(before) + (found[0] + sentence_after(found[1]) if found is not None else " ...")
    return " ".join(said.split())[:80]


def _after_case(display_lead: str, before: str) -> tuple[str, str] | None:
    """The case after the words ``before`` in the text before a display (its
    math, with the words of a sign in words: "positive $y$"), and the text
    from it to the display; None where it is not found there for certain."""
    # a case that opens the text: where the display's words open with math
    at = _locate(display_lead, before) if before.strip() else 0 if re.match(r"\s*\$", display_lead) else -1
    math = re.match(r"[^$]{0,40}?\$[^$]*\$", display_lead[at:]) if at >= 0 else None
    return (math.group(), display_lead[at + math.end():]) if math is not None else None


def _locate(text: str, before: str) -> int:
    """Where the words ``before`` end in ``text``: the longest end of them
    found there (at least 30 characters of them, or all), if found once; -1
    otherwise (too far back, or nowhere certain)."""
    for k in range(len(before), min(len(before), 30) - 1, -1):
        piece = before[len(before) - k:]
        at = text.find(piece)
        if at >= 0:
            return at + k if text.find(piece, at + 1) < 0 else -1
    return -1


def spared(lead: str, sentence: str, cases: tuple[sp.Basic, ...],
           taken: Sequence[tuple[sp.Basic, str]]) -> tuple[sp.Basic, ...]:
    """The ``cases`` a cue that ends the cases leaves standing: those taken
    (``taken``: since the last display, each with the words before it) in
    the cue's own ``sentence``, the end of the words since the display of
    ``lead`` ("let $x > 0$ and let $f$ be arbitrary": x > 0 stands)."""
    start = len(lead) - len(sentence)
    return tuple(c for c in cases if any(c == t and _locate(lead, before) >= start for t, before in taken))


def _elementary(f: sp.Basic) -> bool:
    """A function of sympy's own (``|x - 2|``, ``\\sqrt{x}``): a case may bound it."""
    return not isinstance(f, AppliedUndef) and (type(f).__module__ or "").startswith("sympy.")


def _member(e: sp.Basic) -> bool:
    """A member of a sequence at a fixed index (``g_1``, ``v_0``): a case may take its value."""
    return isinstance(e, AppliedUndef) and bool(e.args) and all(a.is_number for a in e.args)


def independence_case(statement: sp.Basic) -> tuple[sp.Basic, ...] | None:
    """The case an independence the text states takes: two members of one
    family, or two entries of one matrix, said to be independent (``h_j
    \\perp h_l``, ``R_{ki} \\perp R_{kj}``) are distinct, so the text takes
    ``j != l``; None for anything else."""
    if len(statement.args) != 2:
        return None
    a, b = statement.args
    if isinstance(a, MatrixElement) and isinstance(b, MatrixElement) and a.parent == b.parent:
        pairs = [(a.i + 1, b.i + 1), (a.j + 1, b.j + 1)]  # two entries of one matrix, counted from 1
    elif isinstance(a, AppliedUndef) and isinstance(b, AppliedUndef) and a.func == b.func \
            and len(a.args) == len(b.args):
        pairs = list(zip(a.args, b.args, strict=True))
    else:
        return None
    differ = [sp.Ne(x, y) for x, y in pairs if x != y]
    if not differ or any(d in (sp.true, sp.false) for d in differ):
        return None
    return (sp.Or(*differ),)


def one_line(e: sp.Basic) -> str:
    """``e`` on one line, in Unicode where that fits on one."""
    text = str(sp.pretty(e, use_unicode=True))
    if "\n" not in text:
        return text
    return f"{sp.sstr(e.lhs)} = {sp.sstr(e.rhs)}" if isinstance(e, sp.Eq) else str(sp.sstr(e))


def outside_case(result: StepResult, goal: Goal, cases: tuple[sp.Basic, ...],
                 linked: frozenset[Any] = frozenset()) -> StepResult:
    """A refutation at a point outside the case the text states before the
    step ("if $i \\neq j$" and a point with ``i = j``) is no refutation of
    what the student wrote there: *unknown*. The case never helps to prove."""
    cx = result.counterexample
    if result.verdict is not Verdict.REFUTED or cx is None or not cases:
        return result
    values = {str(k.name): v for k, v in cx.assignment if isinstance(k, sp.Symbol)}
    members = {k: v for k, v in cx.assignment if _member(k)}  # g(1) = 1 at the point, where the case says 2
    for g in goal.context.givens:  # a value the step is checked with (the case's own, h = 4) is part of the point
        st = g.statement
        if g.index is None and isinstance(st, sp.Eq) and isinstance(st.lhs, sp.Symbol) and st.rhs.is_number:
            values.setdefault(st.lhs.name, st.rhs)
    # the step's names, and every name the point gives a value (a law's mean, mu, when the case is mu > 0)
    # (a step about plain names alone, 2 + 2 = 5 under "take $p = 0.3$": its own names only)
    own = own_names(goal)
    step_names = set(own) if own is not None else {str(x.name) for side in (goal.lhs, goal.rhs) for e in flat(side)
                                                   for x in e.free_symbols if isinstance(x, sp.Symbol)} | set(values)
    # the families of the step and of what it is checked with, which the point gives values (or derives them)
    families = {f.func for side in (goal.lhs, goal.rhs) for e in flat(side) for f in e.atoms(AppliedUndef)} | {
        f.func for g in goal.context.givens if isinstance(g.statement, sp.Basic)
        for f in g.statement.atoms(AppliedUndef)} | linked
    for case in cases:
        case = through_definitions(case, goal.context.givens)  # Delta = 0 with Delta := b^2 - 4ac
        if on_matrices(case):  # ||u|| = 1: the point's u must meet it (one it does not value may be chosen so)
            if breaks_matrix_case(case, cx.assignment):
                return not_in_case(result, one_line(case))
            continue
        names = {str(x.name) for x in case.free_symbols if isinstance(x, sp.Symbol)}
        if any(m not in members and m.func in families for m in case.atoms(AppliedUndef)):
            # v_1 = 5 with v from a recurrence (of g): the point gives v_1 no value of its own, which may not be 5
            return not_in_case(result, one_line(case), maybe=True)
        if not names & step_names and not (case.atoms(AppliedUndef) & members.keys()):
            continue  # about something else: the point can be taken inside it
        at = case.xreplace(members).xreplace({x: values[x.name] for x in case.free_symbols
                                              if isinstance(x, sp.Symbol) and x.name in values})
        if at is sp.true:
            continue
        if _satisfiable_apart(at, step_names) and _jointly(at, cases, values):
            continue  # one name the step does not use, which can be chosen inside the case (j != 1)
        return not_in_case(result, one_line(case))
    if own is not None and any(not (isinstance(k, sp.Symbol) and k.name in own) for k, _ in cx.assignment):
        # the values of other names are no part of why it fails (2 + 2 = 5 "at p = 2/5")
        return result.replace(counterexample=dataclasses.replace(cx, assignment=tuple(
            (k, v) for k, v in cx.assignment if isinstance(k, sp.Symbol) and k.name in own), model="",
            model_latex=""))
    return result


def _jointly(at: sp.Basic, cases: tuple[sp.Basic, ...], values: dict[str, sp.Basic]) -> bool:
    """Whether the one free name of ``at`` (a case at the point) can meet the
    other cases on it too: |x - 2| < d at x = -13 asks d > 15, which "0 < d
    <= 1" forbids (undecided counts as possible)."""
    (name,) = (x for x in at.free_symbols if isinstance(x, sp.Symbol))
    found: sp.Set = sp.S.Reals
    for c in (at, *cases):
        c = c.xreplace({x: values[x.name] for x in c.free_symbols if isinstance(x, sp.Symbol) and x.name in values})
        if not isinstance(c, sp.Rel) or {x.name for x in c.free_symbols if isinstance(x, sp.Symbol)} != {name.name}:
            continue
        try:
            found = found.intersect(sp.solveset(c.xreplace({x: name for x in c.free_symbols}), name, sp.S.Reals))
        except (NotImplementedError, ValueError, TypeError):
            return True
    return found is not sp.S.EmptySet


def _satisfiable_apart(case: sp.Basic, step_names: set[str]) -> bool:
    """Whether ``case`` is a relation in one name the step does not use whose
    side has slope 1 or -1 in it, so that some integer value satisfies it."""
    free = [x for x in case.free_symbols if isinstance(x, sp.Symbol)]
    if not isinstance(case, sp.Rel) or len(free) != 1 or free[0].name in step_names:
        return False
    try:
        slope = sp.Poly(case.lhs - case.rhs, free[0]).as_expr().diff(free[0])
    except sp.PolynomialError:
        return False
    return bool(slope in (1, -1) or (isinstance(case, sp.Ne) and slope != 0 and slope.is_number))


def opening_hypothesis(chain: ReadChain) -> tuple[sp.Basic, ...]:
    """``x > 0 \\implies x^2 = 4 \\iff x = 2``: a condition on names (each
    relation of the first statement bounds a name by a number) implying the
    start of more logical steps is the hypothesis they are stated under, as
    a TA reads it, not a step of its own; ``()`` otherwise."""
    if len(chain.links) < 2 or chain.links[0].relation is not Relation.IMPLIES or not chain.links[0].premise:
        return ()
    premise = chain.links[0].premise
    bounds = all(isinstance(r, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan))
                 and {type(r.lhs), type(r.rhs)} <= {sp.Symbol, *(type(x) for x in (r.lhs, r.rhs) if x.is_number)}
                 and any(isinstance(x, sp.Symbol) for x in (r.lhs, r.rhs)) for r in premise)
    return tuple(premise) if bounds else ()
