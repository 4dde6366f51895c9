r"""The relations a statement or a stated condition asserts.

A statement ``a = b \le c`` asserts ``a = b`` and ``b <= c``
(:func:`propositions`). A condition a row is stated under
(:func:`read_condition`) is read when its relations say all it says:
``x \ge 1``, ``0 < x < 1``, ``i \in \{1, \dots, d\}``, an interval
(``x \in (0, \infty)``, ``x \in [0, 1]``, ``x \in \mathbb{R}^+``) or a sign in
words (``\text{for positive } c``, ``\text{for all nonnegative } s``), for
each name listed (``a, b > 0``); a name alone, or ``x \in \mathbb{R}``, adds
nothing. Words that say more than relations can (``or``, ``for some``,
``integer``, ``even``, ``prime``) leave the condition unread, and so the
line unchecked: never a refutation at a point the student excluded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import sympy as sp

from symproofs.core.model import Relation
from symproofs.core.statements import RELATIONAL
from symproofs.latex.parser import Condition, LineSource
from symproofs.latex.remarks import EXAMPLE, EXCEPT_WORDS, IN_INTERVAL, LISTED, NOT_A_CONDITION, REALS, RETRACTED
from symproofs.latex.scan import RELATION_TEXT, comma_spans

__all__ = ["DOMAIN_CUE", "REASON_WORDS", "as_reason", "as_relations", "domain_words", "opens_reason",
           "propositions", "read_condition", "says_more", "signs_in_words", "unread_in_words"]


#: a sign in words, and the relation to 0 it states
_SIGNS = {"positive": sp.Gt, "strictly positive": sp.Gt, "negative": sp.Lt, "strictly negative": sp.Lt,
          "nonnegative": sp.Ge, "non-negative": sp.Ge, "non negative": sp.Ge,
          "nonpositive": sp.Le, "non-positive": sp.Le, "non positive": sp.Le}
_SIGN = re.compile(r"\b(strictly positive|strictly negative|non[- ]?negative|non[- ]?positive|positive|negative)\b",
                   re.I)
#: a domain in words that no relation states
_KINDS = re.compile(r"\b(integers?|natural|even|odd|primes?|rationals?|irrationals?|complex|whole|nonzero|"
                    r"non-zero|distinct|different|small|large|sufficiently|enough)\b", re.I)
#: x \in (a, b), [a, b), (0, \infty), \mathbb{R}^+, \mathbb{R}_{\ge 0}
_INTERVAL = re.compile(r"^\s*(?P<var>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\in\s*"
                       r"(?:\\left)?(?P<open>[(\[])\s*(?P<lo>[^,]+?)\s*,\s*(?P<hi>[^,]+?)\s*(?:\\right)?(?P<close>[)\]])"
                       r"\s*$")
_HALF_LINE = re.compile(r"^\s*(?P<var>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*"
                        r"(?:\^\s*\{?\s*(?P<sup>[+*]|>\s*0|\\geq?\s*0)\s*\}?|_\s*\{?\s*(?P<sub>[+*]|>\s*0|\\geq?\s*0)"
                        r"\s*\}?)\s*$")
_TEXT = re.compile(r"\\(?:text|mathrm|textrm|textit|mbox)\s*\{([^{}]*)\}")
_NAME = re.compile(r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?")

Parse = Callable[[int, int], list[LineSource]]

#: words that state the domain a row holds on ("on", "over", "in the region", "on the interval", "throughout"):
#: the set after them is where the row is claimed, a condition like "for"
DOMAIN_CUE = (r"(?:(?:on|over|throughout|across)(?:\s+(?:all\s+of\s+)?(?:the|an?)\s+(?:(?:open|closed|half[- ]open"
              r"|whole|entire|positive|negative)\s+)?(?:region|interval|domain|range|set|half[- ]?line|line|segment"
              r"|half|axis))?|in\s+(?:the|an?)\s+(?:(?:open|closed|half[- ]open|whole|entire|positive|negative)\s+)?"
              r"(?:region|interval|domain|range|set|half[- ]?line|segment))")
_DOMAIN_WORDS = re.compile(rf"\s*[,;]?\s*\(?\s*(?:{DOMAIN_CUE}|recall(?:\s+that)?|(?:as|so)\s+long\s+as)\s*[,:]?\s*",
                           re.I)


def domain_words(words: str) -> bool:
    r"""Whether ``words`` (all of them, from a ``\text`` beside a row) say
    where the row holds, as "for" would: "on", "over", "in the region",
    "on the interval", "(recall", "as long as" (``\quad \text{on } s \ge 0``)."""
    return _DOMAIN_WORDS.fullmatch(words) is not None


#: the orders a list of names is said to satisfy (``a, b > 0``)
_ORDER = re.compile(r"\s*(?:<|>|\\(?:le|leq|ge|geq|lt|gt|ne|neq)(?![A-Za-z]))")


def as_relations(body: str) -> list[str]:
    r"""Text math as the relations it states: ``\gamma \in (0, 1)`` is the
    range ``0 < \gamma < 1``, ``c \in \{1, \dots, K\}`` is ``1 \le c``
    and ``c \le K``; ``a, b > 0`` is ``a > 0, b > 0`` (each name
    listed satisfies what the last one is said to), each relation apart;
    anything else as written."""
    half = _HALF_LINE.match(body)
    if half is not None and (sign := _half_line(half)) is not None:
        return [f"{half.group('var')} {sign} 0"]  # as read_condition reads it
    listed = LISTED.match(body)
    if listed is not None:  # c \in \{1, \dots, K\}: as read_condition reads it
        return [f"{listed.group(2)} \\le {listed.group(1)}", f"{listed.group(1)} \\le {listed.group(3)}"]
    interval = IN_INTERVAL.fullmatch(body)
    if interval is not None:
        lo = "<" if interval.group("open") in ("(", "]") else "\\le"
        hi = "<" if interval.group("close") in (")", "[") else "\\le"
        return [f"{interval.group('a')} {lo} {interval.group('x')} {hi} {interval.group('b')}"]
    if (parts := componentwise(body)) is not None:  # (a, b) = (3, 4), a, b = 3, 4: a = 3 and b = 4
        return parts
    items = comma_spans(body)
    if len(items) < 2:
        return [body]
    last = body[items[-1][0]:items[-1][1]]
    order = _ORDER.search(last)
    names = [body[a:b].strip() for a, b in items[:-1]] + [last[:order.start()].strip() if order else ""]
    said = last[order.start():] if order else ""
    if order is None or len(RELATION_TEXT.findall(said)) != 1 or not all(_NAME.fullmatch(n) for n in names):
        return [body]
    return [f"{name} {said.strip()}" for name in names]


#: a top-level "=" (not ":=", "\\le", ...), and the letters that count (``i, j = 1, 2`` may range, not give values)
_EQUALS = re.compile(r"(?<![:<>!\\])=(?!=)")
_INDEX_LETTERS = frozenset("ijklmnt")
#: the name of a point before its coordinates (``\mathbf{p} = (a, b) = (3, 4)``)
_POINT = re.compile(r"\s*\\?[A-Za-z]+(?:\{\\?[A-Za-z]+\})?(?:_\{?\w+\}?)?\s*")


def _tuple_items(text: str) -> list[str] | None:
    """The items of a tuple written in parentheses (``(a, b)``, ``\\left(3, 4\\right)``), if two or more."""
    inner = re.fullmatch(r"\s*(?:\\left\s*)?\((.*?)(?:\\right\s*)?\)\s*", text, re.S)
    if inner is None or _depth_ends(inner.group(1)) != 0:
        return None
    items = [inner.group(1)[a:b].strip() for a, b in comma_spans(inner.group(1))]
    return items if len(items) >= 2 else None


def _depth_ends(text: str) -> int | None:
    """Where the brackets of ``text`` end up (0: balanced), None if one closes before it opens."""
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0:
            return None
    return depth


def componentwise(body: str) -> list[str] | None:
    r"""Text math giving names values component by component: ``(a, b) = (3, 4)``, ``\mathbf{p} = (a, b) =
    (3, 4)`` (the point named too) and ``a, b = 3, 4``: ``a = 3`` and ``b = 4``, as "$a = 3, b = 4$" is read;
    None for anything else (a value that names a name of the tuple, ``(a, b) = (b, a)``; ``i, j = 1, \dots, n``)."""
    cuts, depth = [], 0
    for k, ch in enumerate(body):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "=" and depth == 0 and _EQUALS.match(body, k):
            cuts.append(k)
    sides = [body[a:b] for a, b in zip([0, *(c + 1 for c in cuts)], [*cuts, len(body)], strict=True)]
    if len(sides) == 2 and _tuple_items(sides[0]) is None:  # a, b = 3, 4
        names = [sides[0][a:b].strip() for a, b in comma_spans(sides[0])]
        values = [sides[1][a:b].strip() for a, b in comma_spans(sides[1])]
        if any(n.lstrip("\\") in _INDEX_LETTERS for n in names):
            return None
    elif len(sides) == 2 or (len(sides) == 3 and _POINT.fullmatch(sides[0])):
        names, values = _tuple_items(sides[-2]) or [], _tuple_items(sides[-1]) or []
    else:
        return None
    if len(names) < 2 or len(names) != len(values) or not all(_NAME.fullmatch(n) for n in names) \
            or len(set(names)) != len(names) or any(
                not v or RELATION_TEXT.search(v) or re.search(r"\\[lcv]?dots|\.\.\.", v) for v in values):
        return None
    if any(re.search(rf"(?<![A-Za-z\\]){re.escape(n)}(?![A-Za-z])", v) for n in names for v in values):
        return None
    return [f"{n} = {v}" for n, v in zip(names, values, strict=True)]


_ONE = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?"
#: names in one piece of math ("$a, b$") or several joined by "and" ("$a$ and $b$")
_NAMES = (rf"\$\s*(?P<names>{_ONE}(?:\s*,\s*{_ONE})*(?:\s*\$\s*(?:,|,?\s*and)\s*\$\s*{_ONE})*)\s*\$")
_SIGN_WORDS = r"(?P<sign>strictly positive|strictly negative|non[- ]?negative|non[- ]?positive|positive|negative)"
#: "$b$ is positive", "let $a, b$ be negative", "let $t$ be an arbitrary (any) positive number" (not "positive
#: definite"); "for positive $y$"
_SIGN_AFTER = re.compile(_NAMES + r"\s+(?:is|be|are)\s+(?:both\s+|all\s+|an?\s+|any\s+|some\s+)?"
                         r"(?:(?:arbitrary|given|fixed)\s+)?"
                         + _SIGN_WORDS
                         + r"\b(?!\s*(?:-|semi|definite))", re.I)
_SIGN_BEFORE = re.compile(r"\b" + _SIGN_WORDS + r"\s+(?:reals?\s+|numbers?\s+)?" + _NAMES, re.I)
#: a case heading that gives names a sign in words, with no verb: "Case (ii): $q$ negative.", "Case B ($z$
#: negative):", "**Case 2:** $s$ nonnegative", ``\paragraph{Case 2: $q$ negative.}``
_SIGN_CASE = re.compile(r"\bcase\s*(?:\(?[a-z0-9]{1,4}\)?)?\s*[:.]?\s*(?:\*\*|__|\*|_)?\s*[:.]?\s*\(?\s*(?P<math>"
                        + _NAMES + r")\s+" + _SIGN_WORDS + r"\b(?!\s*(?:-|semi|definite|or|and))(?=\s*[).,:;*_}]|\s*$)",
                        re.I)


#: "$x$ is greater than $0$", "$t$ is at least $1$": a bound in words, read only where the sentence or its clause
#: ends at the number (punctuation, a blank line, "then", "by assumption", "and $y$ ..."): words after it may make
#: it a bound on something else ("at most $1$ away from $3$", "at least $2$ more than $s$", "less than $1$ in
#: absolute value", "at least $2$ and at most $5$")
_BOUND_WORDS = re.compile(_NAMES.replace("<names>", "<bounded>") + r"\s+(?:is|be|are)\s+(?P<word>(?:strictly\s+)?"
                          r"(?:greater|larger|bigger|less|smaller)\s+than|at\s+least|at\s+most)\s+\$\s*"
                          r"(?P<bound>-?\d+(?:\.\d+)?)\s*\$(?=[ \t]*(?:[.;:!?)]|,(?![ \t]*(?:in|away|apart|more|less"
                          r"|above|below|off|from)\b)|\n\s*\n|\s*$|\s+(?:then|so|hence|thus|therefore|here|now|too|also"
                          r"|again|throughout|we|one|and\s+(?:so|then|hence|thus|we|let|assume|suppose|if|since)"
                          r"|by\s+(?:assumption|hypothesis|construction|definition)|as\s+(?:assumed|given|stated)"
                          r"|in\s+this\s+(?:case|part|question))\b|\s+and\s+\$))", re.I)
#: words right before names that make them part of a noun phrase, which the sign or bound is said of ("the
#: difference of $x$ and $y$", "between", "$1$ over $x$", "neither ... nor $y$"; not "of course", "because of",
#: "each of"), with at most three words between them ("the ratio of $x$ to"), none that opens a clause of its own
_OF = re.compile(r"(?:(?<!because\s)(?<!view\s)(?<!virtue\s)(?<!instead\s)(?<!each\s)(?<!both\s)(?<!\ball\s)"
                 r"\b(?:of(?!\s+course\b)|between|than|times|plus|minus|over|per|nor|neither|divided|multiplied)"
                 r"(?:\s+(?!(?:that|if|let|when|where|since|because|suppose|assume|and|so|then|hence|thus)\b)"
                 r"[A-Za-z'-]+){0,3}|[-+*/^_=<>|])\s*$", re.I)
#: a bound in words, wherever it ends ("$x$ is at most $1$ away from $3$")
_BOUND_PHRASE = re.compile(_NAMES.replace("<names>", "<bounded>") + r"\s+(?:is|be|are)\s+(?:strictly\s+)?"
                           r"(?:(?:greater|larger|bigger|less|smaller)\s+than|at\s+least|at\s+most)\s+\$", re.I)
_BOUND_RELATIONS = {"greater": ">", "larger": ">", "bigger": ">", "less": "<", "smaller": "<", "least": "\\ge",
                    "most": "\\le"}


_SO_IS = re.compile(rf"\s*,?\s*and\s+so\s+(?:is|are|does|do)\s+\$\s*(?P<also>{_ONE})\s*\$", re.I)


def signs_in_words(text: str) -> list[tuple[int, str]]:
    """The signs prose gives names (``let $b$ be positive``, ``for negative
    $y$``) and the bounds (``$t$ is at least $1$.``): where each is stated
    (the name, or the sign word before it, so that the words before it lead
    it) and the relation it states (``b > 0``). Not one said of a noun
    phrase the names are part of ("the product of $x$ and $y$ is negative"),
    nor a bound the words after its number go on ("at most $1$ away from
    $3$"): :func:`unread_in_words` finds those."""
    found = []
    for pattern in (_SIGN_AFTER, _SIGN_BEFORE, _SIGN_CASE):
        for m in pattern.finditer(text):
            if re.search(r"\bor\s*$", text[max(0, m.start() - 12):m.start()]) \
                    or re.match(r"\s*(?:or|and\s+zero)\b", text[m.end("sign"):]):
                continue  # "positive or negative", "negative or zero": no sign the name keeps
            if pattern is _SIGN_AFTER and _said_of_more(text, m.start(), m.end("names")):
                continue  # "the difference of $x$ and $y$ is positive": a sign of the difference
            word = re.sub(r"[\s-]+", " ", m.group("sign").lower()).replace("non ", "non")
            relation = {"positive": ">", "negative": "<", "nonnegative": "\\ge", "nonpositive": "\\le"}[
                word.removeprefix("strictly ")]
            at = m.start() if pattern is _SIGN_AFTER else m.start("math") if pattern is _SIGN_CASE else m.start("sign")
            found.append((at, f"{_listed(m.group('names'))} {relation} 0"))
            also = _SO_IS.match(text, m.end())  # "$x$ is negative and so is $y$": y too
            if also is not None:
                found.append((also.start("also"), f"{also.group('also')} {relation} 0"))
    for m in _BOUND_WORDS.finditer(text):
        if _said_of_more(text, m.start(), m.end("bounded")):
            continue  # "the sum of $x$ and $y$ is at least $2$": a bound on the sum
        word = next(w for w in _BOUND_RELATIONS if w in m.group("word").lower())
        found.append((m.start(), f"{_listed(m.group('bounded'))} {_BOUND_RELATIONS[word]} {m.group('bound')}"))
    return sorted(found)


def unread_in_words(text: str) -> bool:
    """Whether ``text`` gives names a sign or a bound in words that is not
    read (:func:`signs_in_words`): one said of more than them ("the
    difference of $x$ and $y$ is positive", "$t$ is at least $2$ more than
    $s$"), or of no sign they keep ("positive or negative")."""
    read = {at for at, _ in signs_in_words(text)}
    return any(m.start() not in read for pattern in (_SIGN_AFTER, _BOUND_PHRASE) for m in pattern.finditer(text))


def _said_of_more(text: str, start: int, end: int) -> bool:
    """Whether what the words after the names ``text[start:end]`` say (a
    sign, a bound) is said of more than the names: of a noun phrase they are
    part of ("the difference of $x$ and $y$", "$1$ over $x$"), or of several
    names with a verb for one ("$x$ and $y$ is positive", as "the sum of")."""
    clause = re.sub(r"\$[^$]*\$", " MATH ", re.split(r"[.;:!?(\n]", text[max(0, start - 80):start])[-1])
    several = re.search(r",|\$", text[start + 1:end]) is not None
    return _OF.search(clause) is not None or (several and re.match(r"\s*\$\s+is\b", text[end:]) is not None)


def _listed(names: str) -> str:
    """Names listed over pieces of math (``a$ and $b``) as one list (``a, b``)."""
    return re.sub(r"\s*\$\s*(?:,|,?\s*and)\s*\$\s*", ", ", names)


def propositions(sides: Sequence[LineSource]) -> tuple[tuple[sp.Basic, ...] | None, str]:
    """A statement ``a = b \\le c`` as the relations it asserts, or why not."""
    if not sides:
        return None, "no statement"
    bad = next((s for s in sides if s.error is not None), None)
    if bad is not None:
        return None, f"a part of the statement did not parse (line {bad.line}, column {bad.column})"
    out: list[sp.Basic] = []
    for prev, side in itertools.pairwise(sides):
        build = RELATIONAL.get(side.relation) if side.relation is not None else None
        if build is None or prev.expr is None or side.expr is None:
            return None, f"the relation {side.relation_text} is not an (in)equality"
        if side.relation is not Relation.EQ and any(
                isinstance(x, sp.MatrixExpr) for x in (prev.expr, side.expr)):
            return None, "matrices have no order"  # sympy cannot even rebuild such a relation
        try:
            rel = build(prev.expr, side.expr, evaluate=False)
        except (TypeError, ValueError):
            return None, "the sides cannot be compared"
        out.append(rel)
    if not out:
        return None, "not a relation"
    return (*out, *(c for s in sides for c in s.domain if c not in out)), ""  # where the sides are defined


def read_condition(body: str, start: int, end: int, parse: Parse) -> Condition:
    r"""The relations of the condition ``body[start:end]`` (``parse(a, b)``
    reads ``body[a:b]`` as a chain of sides), or why they cannot be read."""
    said = body[start:end]
    words = " ".join(_TEXT.findall(said))
    unread = Condition(text=said.strip(), facts=None,
                       error=f"the condition '{said.strip()[:60]}' is in words that are not read")
    if said.count("$") > 2 or NOT_A_CONDITION.search(words) or EXCEPT_WORDS.search(words) or _KINDS.search(words) \
            or RETRACTED.search(words) or EXAMPLE.search(words):
        return unread  # "or", "iff", "for some", "integer", a second $...$, "is violated", "for example"
    inside = re.search(r"\$([^$]+)\$", said)  # \text{for all $x \ge 1$}
    if inside is not None:
        start, end = start + inside.start(1), start + inside.end(1)
    else:
        last = list(_TEXT.finditer(said))[-1:]
        if last and said[last[0].end():].strip(" \n\t.,;"):
            start = start + last[0].end()  # \text{for positive } c: the math after the words
    text = body[start:end].strip(" \n\t.,;")
    math = re.sub(r"^\\forall\s*", "", text)
    lead = start + len(body[start:end]) - len(body[start:end].lstrip(" \n\t")) + len(text) - len(math)
    sign = _SIGN.search(words)
    if sign is not None:
        word = re.sub(r"\s+", " ", sign.group(1).lower())
        return _signed(f"{word} {text}", math, lead, parse, _SIGNS[word]) or unread
    if REALS.match(math):
        return Condition(text=text, facts=())
    ranged = _ranges(text, math, lead, parse)
    if ranged is not None:
        return ranged
    items = comma_spans(math)
    named = len(items) > 1 and not any(RELATION_TEXT.search(math[a:b]) for a, b in items[:-1]) and all(
        _NAME.fullmatch(math[a:b].strip()) for a, b in items[:-1])
    if named and RELATION_TEXT.search(math[items[-1][0]:items[-1][1]]):
        # a, b > 0: what the last name is said to satisfy, each name listed satisfies
        listed = read_condition(body, lead + items[-1][0], lead + items[-1][1], parse)
        facts: tuple[sp.Basic, ...] = listed.facts or ()
        names = [_one(parse, lead + a, lead + b) for a, b in items[:-1]]
        said_of = facts[0] if len(facts) == 1 and isinstance(facts[0], sp.Rel) else None
        if said_of is None or not all(isinstance(x, sp.Symbol) for x in (*names, said_of.lhs)):
            return Condition(text=text, facts=None, error=f"the condition '{text[:60]}' could not be read")
        return Condition(text=text, facts=tuple(said_of.func(x, said_of.rhs) for x in (*names, said_of.lhs)))
    if len(items) > 1 and all(RELATION_TEXT.search(math[a:b]) for a, b in items):
        # t \ge 1, 0 < \epsilon < 1: every item a condition of its own, all of them holding
        parts = [read_condition(body, lead + a, lead + b, parse) for a, b in items]
        if all(part.facts is not None for part in parts):
            return Condition(text=text, facts=tuple(f for part in parts for f in part.facts or ()))
        return Condition(text=text, facts=None, error=next(part.error for part in parts if part.facts is None))
    sides = parse(lead, lead + len(math))
    props, error = propositions(sides)
    ne = [s for s in sides[1:] if s.relation_text in ("\\ne", "\\neq")]
    if props is None and ne and len(sides) == 2 and all(s.expr is not None for s in sides):
        props, error = (sp.Ne(sides[0].expr, sides[1].expr),), ""
    if props is None or not all(isinstance(p, sp.Rel) for p in props):
        return Condition(text=text, facts=None, error=f"the condition '{text[:60]}' could not be read ({error})")
    return Condition(text=text, facts=props)


#: the words that open a reason, not a condition: "since", "because", "as", ``\because`` (not "as long as")
REASON_WORDS = re.compile(r"(?:\\because(?![A-Za-z])|\b(?:since|because|as)\b(?<!as long as)(?<!as soon as))"
                          r"[\s(]*\}?[\s(]*$", re.I)
_REASON_OPENS = re.compile(r"^[\s(]*(?:\\(?:text|textrm|mathrm|mbox)\s*\{[\s(]*)?(?:\\because(?![A-Za-z])"
                           r"|(?:since|because|as)\b(?!\s+(?:long|soon)\b))", re.I)


def as_reason(body: str, start: int, condition: Condition) -> Condition:
    r"""``condition`` (``body[start:]``) marked as a reason where the words that open it give one
    (``\text{since } \mu = 0``, ``\text{(because } y = 0)``, ``\because``): a claim the row rests on."""
    if REASON_WORDS.search(body[max(0, start - 40):start]) or _REASON_OPENS.match(body, start):
        return replace(condition, reason=True)
    return condition


def opens_reason(text: str) -> bool:
    """Whether a condition's text opens with the word of a reason ("since $\\mu = 0$" after a display)."""
    return _REASON_OPENS.match(text) is not None


def says_more(words: str) -> bool:
    """Whether the words of a condition carry part of it (a sign, a kind of number)."""
    return bool(_SIGN.search(words) or _KINDS.search(words))


def _one(parse: Parse, a: int, b: int) -> sp.Basic | None:
    sides = parse(a, b)
    return sides[0].expr if len(sides) == 1 and sides[0].error is None else None


def _signed(text: str, math: str, at: int, parse: Parse, relation: type) -> Condition | None:
    """``\\text{for positive } c`` (names listed: ``a, b``): each name against 0."""
    if not REALS.match(math) or "\\in" in math:
        return None
    names = []
    for m in re.finditer(r"\\?[A-Za-z]+", math):
        value = _one(parse, at + m.start(), at + m.end())
        if not isinstance(value, sp.Symbol):
            return None
        names.append(value)
    if not names:
        return None
    return Condition(text=text, facts=tuple(relation(n, 0) for n in names))


def _half_line(half: re.Match[str]) -> str | None:
    """The order to 0 a half line of the reals states: ``>`` for
    ``\\mathbb{R}_{>0}``; ``\\ge`` for ``\\mathbb{R}_{\\ge 0}`` and for
    ``\\mathbb{R}^+``, ``\\mathbb{R}_+`` (positive to some readers, nonnegative
    to others: the weaker); None for ``\\mathbb{R}^*`` (the nonzero reals to
    some readers, the positive ones to others)."""
    mark = (half.group("sup") or half.group("sub") or "").replace(" ", "")
    return None if mark == "*" else ">" if mark == ">0" else "\\ge"


def _ranges(text: str, math: str, at: int, parse: Parse) -> Condition | None:
    """``i \\in \\{1, \\dots, d\\}``, ``x \\in (0, 1]``, ``x \\in \\mathbb{R}^+``: bounds on one name."""
    listed = LISTED.match(math)
    if listed is not None:  # i \in \{1, \dots, d\}: 1 <= i <= d
        values = [_one(parse, at + listed.start(g), at + listed.end(g)) for g in (1, 2, 3)]
        if all(v is not None for v in values):
            var, low, high = values
            return Condition(text=text, facts=(sp.Ge(var, low), sp.Le(var, high)))
        return None
    half = _HALF_LINE.match(math)
    if half is not None:
        var = _one(parse, at + half.start("var"), at + half.end("var"))
        order = _half_line(half)
        if var is None or order is None:
            return None
        return Condition(text=text, facts=(sp.Gt(var, 0) if order == ">" else sp.Ge(var, 0),))
    interval = _INTERVAL.match(math)
    if interval is None:
        return None
    var = _one(parse, at + interval.start("var"), at + interval.end("var"))
    facts: list[sp.Basic] = []
    for bound, edge, below in (("lo", "open", True), ("hi", "close", False)):
        raw = interval.group(bound)
        if re.fullmatch(r"[+-]?\\infty", raw):
            if (raw.startswith("-")) != below:
                return None  # (\infty, 0): not an interval a TA writes
            continue
        value = _one(parse, at + interval.start(bound), at + interval.end(bound))
        if var is None or value is None:
            return None
        closed = interval.group(edge) in "[]"
        facts.append((sp.Ge if closed else sp.Gt)(var, value) if below else (sp.Le if closed else sp.Lt)(var, value))
    return Condition(text=text, facts=tuple(facts))
