r"""What the words around a row's mathematics say (the vocabulary of
:mod:`symproofs.latex.extract`): "or" between two statements makes one
disjunction, "and" one conjunction; "for all", "if", "where" state the
condition a row holds under; a condition with words such as "or", "some"
or "not" says more than its relations and is not read."""

from __future__ import annotations

import re

from symproofs.latex.scan import comma_spans

__all__ = [
    "AND_WORDS",
    "ASSUMING",
    "BARE_CONDITION",
    "COLUMN_WORDS",
    "EXAMPLE",
    "EXCEPT_WORDS",
    "FOR_ALL",
    "GAPS",
    "IN_INTERVAL",
    "LISTED",
    "NOT_A_CONDITION",
    "OR",
    "OR_WORDS",
    "QUALIFYING",
    "REALS",
    "RETRACTED",
    "STANDING",
    "SYMBOL_WORDS",
    "between_statements",
    "drawn_aside",
    "is_domain",
    "solved_for",
    "spot_check",
    "trailing_condition",
]

#: ``\lor``, ``\vee`` or the word "or" between two statements: a disjunction
OR = re.compile(r"\\(?:lor|vee)(?![A-Za-z])")
OR_WORDS = re.compile(r"\s*(?:or|or else|either|,?\s*or)\s*[,.]?\s*$", re.I)
#: words that state the condition a row holds under (``\quad\text{for all } x \ge 1``)
ASSUMING = re.compile(r"\s*[,;]?\s*\(?\s*(?:iff|only\s+if|(?:exactly|precisely|just)\s+when|for\s+(?:some|no)|unless"
                      r"|for(?:\s+(?:all|every|each|any))?|if|when|whenever|provided(?:\s+that)?"
                      r"|where|with|since|because|as|given(?:\s+that)?|assuming(?:\s+that)?|supposing(?:\s+that)?"
                      r"|\\forall)\b", re.I)
#: words after a row's statement that restrict it to a point or a case, or present it as an equation with
#: the solution after them (``\text{at } x = 2``, "evaluated at", "at the point", "in the case", "equality
#: case", "holds for", "is true for", "only when", "precisely for", "has the double root", "is solved by",
#: "up to" ``O(x^5)``): never an identity claimed for every value. The math after them is the condition the
#: row is stated under, read where its relations say all the words say (``at x = 2``), and otherwise not read
#: (:data:`NOT_A_CONDITION`: "only", "double", "up to"), the row then never refuted outside it. ("if", "when",
#: "for", "iff" and the like: :data:`ASSUMING`.)
QUALIFYING = re.compile(
    r"\s*[,;]?\s*\(?\s*(?:"
    r"(?:only|precisely|exactly|just)\s+(?:when|for|if|at|in\s+the\s+case)"
    r"|(?:(?:which|this|that|it|and)\s+)?(?:holds?|is\s+(?:true|valid)|are\s+(?:true|valid))\s+"
    r"(?:(?:only|precisely|exactly|just)\s+)?(?:for|at|when|if|in\s+the\s+case)"
    r"|(?:(?:which|this|that|it|and)\s+)?(?:is\s+|are\s+)?(?:satisfied|solved|attained|reached)\s+"
    r"(?:only\s+)?(?:by|at|for|when|if|in\s+the\s+case)"
    r"|(?:(?:evaluated|taken|computed|considered|checked)\s+)?at(?:\s+the\s+(?:points?|values?))?"
    r"(?!\s+(?:most|least|once|first|all|any|every|each|random)\b)"
    r"|in\s+the\s+(?:special\s+|particular\s+)?case|(?:the\s+)?equality\s+case(?:\s+(?:at|for|when|if))?"
    r"|(?:(?:which|this|that|it|and)\s+)?(?:has|have|with|whose)\s+(?:(?:the|a|an|its|one|only|two)\s+)?"
    r"(?:(?:double|single|unique|only|repeated|real|distinct|two)\s+)*(?:roots?|solutions?|zeros?|zeroes)"
    r"(?:\s+(?:at|is|are))?"
    r"|up\s+to|to\s+(?:first|second|third|leading)\s+order|near|around|close\s+to)\s*[,:]?\s*", re.I)
#: words that make a stated condition more than the relations it writes (a disjunction,
#: a converse, an existential, a negation, a root's multiplicity, an approximation): such a condition is not read
NOT_A_CONDITION = re.compile(r"\b(or|and|iff|only|some|no|not|false|except|unless|exactly|precisely|just|"
                             r"nor|either|neither|also|otherwise|as\s+well\s+as|similarly|likewise|even"
                             r"|double|repeated|unique|distinct|up\s+to|order|near|around|close\s+to"
                             r"|approximately)\b"
                             r"|\bif\b.*\bif\b", re.I)
#: a value of one name after a row's statement (``x = 2``, ``t = -\frac{1}{2}``)
_VALUE = re.compile(r"\s*(?P<name>\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*=\s*[-+]?\s*(?:\d+(?:\.\d+)?"
                    r"|\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}|\d+\s*/\s*\d+)\s*[.,;]?\s*$")


#: the words a column opens with (``&& \text{at } x = 2``)
_COLUMN_TEXT = re.compile(r"\s*\\(?:text|textrm|mbox|mathrm)\s*\{([^{}]*)\}")


def qualifying(words: str, column: bool = False) -> bool:
    r"""Whether ``words`` (all of them) restrict a row (:data:`QUALIFYING`);
    ``column``: whether the column ``words`` opens with such words in
    ``\text`` (``&& \text{at } x = 2``)."""
    if column:
        said = _COLUMN_TEXT.match(words)
        return said is not None and QUALIFYING.fullmatch(said.group(1)) is not None
    return QUALIFYING.fullmatch(words) is not None


def solved_for(before: str, after: str) -> str | None:
    r"""The name a row's statement ``before`` is solved for where a
    consequence drawn from it (``after``: ``x^2 = 4x - 4 	ext{ gives } x =
    2``) gives that name a number: the statement is then an equation to solve,
    not an identity; None otherwise.

    >>> solved_for("x^2 = 4x - 4", "x = 2"), solved_for("(a+b)^2 = a^2 + 2ab + b^2", "x = 2")
    ('x', None)
    """
    found = _VALUE.match(after)
    if found is None:
        return None
    name = found.group("name")
    return name if re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", before) else None
#: words that make the value after them an example, a spot check (``\text{for example } x = 1``, "for
#: instance", "e.g.", "say", "such as", "like", "take", "as in", "as at"): never the condition the row holds
#: under, which is then claimed for every value
EXAMPLE = re.compile(r"\b(?:for\s+(?:example|instance)|e\.\s?g\b\.?|eg|say|such\s+as|like|take|taking|as\s+an?\s+"
                     r"(?:example|instance|check)|example|instance|as\s+(?:in|at)\s*$)", re.I)
#: a relation other than an equation after example words (``\text{for instance } x > 0``): a case, not a value
_EXAMPLE_CASE = re.compile(r"<|>|\\(?:le|leq|ge|geq|lt|gt|ne|neq|leqslant|geqslant|in|notin|subset|to)(?![A-Za-z])")
#: symbols that stand for words between two statements, read as those words whatever the spacing around them
SYMBOL_WORDS = {"\\because": "because", "\\therefore": "therefore"}


def spot_check(words: str, after: str) -> str:
    r"""What example words before the math ``after`` make of it: ``"value"``
    (``\text{for example } x = 1``: a spot check, never a hypothesis: the row
    is claimed for every value, the instance is not read), ``"case"`` (``\text{for
    instance when } x > 0``: a condition the words make more than its
    relations, not read), or ``""`` (no example words, or no math after them).

    >>> [spot_check(w, "x = 1") for w in ("for example", "e.g.", "as in", "as in (a),", "for")]
    ['value', 'value', 'value', '', '']
    """
    if not after.strip() or EXAMPLE.search(words) is None:
        return ""
    return "case" if _EXAMPLE_CASE.search(after) else "value"


#: a condition that binds names and constrains nothing (``x \in \mathbb{R}``, ``x, y``)
LISTED = re.compile(r"^\s*(\\?[A-Za-z]+)\s*\\in\s*\\\{\s*([^,]+?)\s*,\s*\\[lc]?dots\s*,\s*([^,]+?)\s*\\\}\s*$")
REALS = re.compile(r"^\s*\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*\s*(?:\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*)?$")
#: a relation alone in parentheses ending the row (``\quad (j \ne k)``): the condition it holds under
BARE_CONDITION = re.compile(r"\(\s*(?P<inner>[^()]*?(?:=|<|>|\\(?:le|leq|ge|geq|lt|gt|ne|neq|in)(?![A-Za-z]))"
                            # (an interval inside: ``(w \in [0, \infty))``)
                            r"(?:[^()\[\]]|[(\[][^()\[\]]*[)\]])*?)\s*\)\s*[.,;]?\s*$")
#: a column that opens with the words of a condition (``&& \text{if } y \ge 0``)
COLUMN_WORDS = re.compile(r"\\because(?![A-Za-z])|\\(?:text|textrm|mbox|mathrm)\s*\{\s*\(?\s*(?:if|for|when|whenever"
                          r"|provided|where|with|unless|since|because|as|given|assuming|as\s+long"
                          r"|for\s+(?:all|every|each|any))\b", re.I)
#: the word "and" between two statements: both hold (one conjunction)
AND_WORDS = re.compile(r"\s*,?\s*(?:and|and also|as well as)\s*[,.]?\s*$", re.I)
_DOMAIN_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{?[A-Za-z0-9]+\}?)?"
_DOMAIN_TERM = rf"{_DOMAIN_NAME}(?:\s*(?:\\cdot\s*)?{_DOMAIN_NAME})*"
#: one relation that states a domain (``a > 0``, ``0 < x < 1``, ``x \ge 0``, ``k \ne j``, ``x \in S``,
#: ``x y > 0``, ``x + y \ge 0``)
_DOMAIN_ONE = re.compile(r"\s*(?:[-+]?\d+(?:\.\d+)?\s*(?:<|\\le|\\leq|\\lt)\s*)?"
                         rf"{_DOMAIN_TERM}(?:\s*[-+]\s*{_DOMAIN_TERM})*\s*"
                         r"(?:>|<|\\ge|\\geq|\\geqslant|\\le|\\leq|\\leqslant|\\gt|\\lt|\\ne|\\neq|\\in|\\notin)"
                         r"(?![A-Za-z])[^=<>]*")
_DOMAIN_NAME_ALONE = re.compile(rf"\s*{_DOMAIN_NAME}\s*")
_DOMAIN_GAP = re.compile(r"\\q?quad(?![A-Za-z])|\\[,;:! ]")


def is_domain(text: str) -> bool:
    """Whether ``text``, after a comma or a wide gap ending a row, states the
    domain the row holds under: relations that each bound a name or a sum
    or product of names (``a > 0``, ``0 < x < 1``, ``x y > 0``), separated by
    commas or spacing, the names before the last listed with it (``a, b >
    0``). Read piece by piece, in time linear in the text."""
    flat = _DOMAIN_GAP.sub(lambda m: "," + " " * (len(m.group()) - 1), text.rstrip(" \n\t.;"))
    pieces = [flat[a:b] for a, b in comma_spans(flat) if flat[a:b].strip()]
    if not pieces or not _DOMAIN_ONE.fullmatch(pieces[-1]):
        return False
    return all(_DOMAIN_ONE.fullmatch(p) or _DOMAIN_NAME_ALONE.fullmatch(p) for p in pieces)


#: spacing that separates a row from what stands beside it, as ``\quad`` does
GAPS = frozenset({"\\quad", "\\qquad", "\\hspace", "\\hspace*", "\\hskip", "\\enspace", "\\hfill"})
#: words that make what follows an exception, a negation or a warning, not the row's condition
#: (``\text{except if } c > 0``, ``\text{(false if } c > 0)``): such a row is stated under a condition not read
EXCEPT_WORDS = re.compile(r"\b(?:except|unless|false|wrong|fails?|otherwise|never"
                          r"|(?:does\s+|doesn't\s+|is\s+)?not\s+(?:hold|for|when|if|true|valid))\b", re.I)
#: words after a row, or after the condition it is stated under, that take it back (``x > 0 \text{ is
#: false}``, ``\text{(impossible)}``, ``\text{when } x > 0 \text{ is violated}``, ``(x > 0 \text{ excluded})``):
#: the row or the condition says the opposite of its relations, and is not read
RETRACTED = re.compile(r"\b(?:false|wrong|incorrect|untrue|impossible|absurd|contradiction|contradicts|never"
                       r"|fails?|(?:does|do|is|are|can)\s*(?:not|n't)|doesn't|isn't|cannot|can't"
                       r"|violated|excluded|ruled\s+out|ceases?\s+to\s+hold|no\s+longer|invalid|unmet|dropped"
                       r"|not\s+(?:true|hold|valid|the\s+case|possible|always))\b|\bno\b|\bnot\b", re.I)


#: spaces, or one line break of the paragraph (a hard-wrapped line), never a blank line
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_CONDITION_MATH = _GAP + r"\$(?!\$)(?P<cond>[^$\n]{1,80})\$"  # " $t \ge 1$" after the word
#: a sign in words between the cue and the name ("for nonnegative $w$", "for all positive $x$")
_SIGN = r"(?P<sign>(?:strictly[ \t]+)?(?:non-?negative|non-?positive|positive|negative))"
#: (after "for all", the kind of number the names are is read apart: "for every integer $n \ge 0$" states n \ge 0 here,
#: and the declaration that n is an integer, symproofs.latex.integers, is the case of the math before it too)
#: (the cues after "|" state a condition only with an order or a range in it: "with $\lambda > 0$", "where $z \ge
#: 0$", "as long as $0 < \eta L < 1$", "(recall $w \ge 0$)", "in the region $w \ge 0$", never "with $b = 2$")
_TRAILING_CONDITION = re.compile(r"[ \t]*,?" + _GAP + r"?(?P<open>\([ \t]*)?(?P<word>for(?: all| every| each| any)?"
                                 r"|when(?:ever)?|whenever|if|since|because|provided(?: that)?|given(?: that)?"
                                 r"|assuming(?: that)?|supposing(?: that)?|except(?: when| if| for)?|unless"
                                 r"|(?P<bound>as long as|so long as|with|where|recall(?: that)?"
                                 r"|(?:in|on|over) the (?:region|interval|domain|half-line)))"
                                 r"(?:(?<=all|ery|ach|any)[ \t]+(?:non-?negative[ \t]+|positive[ \t]+)?"
                                 r"(?:integers?|natural[ \t]+numbers?))?(?:[ \t]+" + _SIGN + r"(?=[ \t]+\$))?"
                                 + _CONDITION_MATH + r"(?(open)[ \t]*\))")
#: ", $w$ being nonnegative": a sign said of a name after the math, with no cue word
_BEING = re.compile(r"[ \t]*,?" + _GAP + r"?(?P<word>)\$(?P<cond>\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*)\$"
                    r"[ \t]+being[ \t]+" + _SIGN + r"\b")
#: the sign said of a bare name after the cue ("if $w$ is nonnegative", "for $w$ nonnegative")
_SIGN_SAID = re.compile(r"[ \t]+(?:(?:is|are|be)[ \t]+)?" + _SIGN + r"\b")
#: other words said of a bare name after the cue ("if $m$ is odd", "as $u$ is a probability"): not read
_OTHER_SAID = re.compile(r"[ \t]+(?P<words>(?:is|are|being|be|lies|belongs|ranges)\b[^.;$]{0,30})", re.I)
_BARE_NAME = re.compile(r"\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*")
_ORDER = re.compile(r"[<>≤≥∈]|\\(?:[lg]eq?|[lg]t|in|leqslant|geqslant)(?![A-Za-z])")
_SIGN_RELATION = {"nonnegative": r"\ge 0", "nonpositive": r"\le 0", "positive": "> 0", "negative": "< 0"}
#: the word a cue is read as in the row's condition (:data:`ASSUMING` reads "when" and "since")
_AS_WORD = {"as long as": "when", "so long as": "when", "recall": "since", "recall that": "since"}
_MORE_CONDITION = re.compile(r"[ \t]*,?[ \t]*(?P<word>and)" + _CONDITION_MATH)
#: more math after the condition in the same sentence ("or $x > 5$", "and for $x > 5$", "and at $x = -1$",
#: "; the same holds for $x = -1$"): another case, so the condition is read with an "or" in it, that is, not read
_ANOTHER_CASE = re.compile(r"[ \t]*[,;(]?(?P<word>(?:[ \t]*(?!(?:then|so|hence|thus|therefore|gives?|get|obtain"
                           r"|implies|yields?)\b)[A-Za-z]+){0,7}?)" + _CONDITION_MATH)  # ("; then $...$": a claim)


#: words right after a condition that take it back ("when $x > 0$ is violated", "is excluded", "fails")
_TAKEN_BACK = re.compile(r"[ \t]*(?P<words>(?:(?:is|are)[ \t]+(?:then[ \t]+)?(?:violated|excluded|ruled[ \t]+out"
                         r"|false|untrue|wrong|not\b|no[ \t]+longer)|(?:does|do)[ \t]*(?:not|n't)[ \t]+hold|fails?\b"
                         r"|ceases?[ \t]+to|never[ \t]+holds?|cannot[ \t]+hold|can't[ \t]+hold|doesn't|don't|isn't"
                         r"|aren't|no[ \t]+longer)[^.;:,$]*)", re.I)


#: text math that defines one name (``g(t) = t^2 - 1``, ``a_n = 2^n``, ``b_{k} = 0``): the name, a single ``=``
_DEFINIENDUM = re.compile(r"\s*(?P<head>\\?[A-Za-z]+)\s*(?:_\s*(?:\{[^{}=]*\}|\\?[A-Za-z0-9]+)\s*)?"
                          r"(?:\([^()=]*\)\s*)?=(?P<rest>[^=<>]*)$")
#: words right after a definition in text math that restrict it otherwise than a relation in math does
#: ("otherwise", "elsewhere", "for even $k$", "on $[0, 1]$", "when $x$ is positive", ", $x \ge 0$")
_WORDED = re.compile(r"[ \t]*(?:,[ \t]*(?=\$)|,?[ \t]*(?P<words>otherwise|elsewhere|else|in[ \t]+(?:all[ \t]+)?other"
                     r"[ \t]+cases|for(?![ \t]+(?:all|every|each|any|real)\b)|if|when(?:ever)?|on|unless|except"
                     r"|provided|only)\b[^.;$]{0,20})", re.I)
_NEXT_MATH = re.compile(r"\$?([^$]{0,200})")
#: words after the condition of a definition that say more than its math ("when $x$ is positive")
_SAID_OF = re.compile(r"[ \t]+(?P<words>(?:is|are|lies|belongs|ranges)\b[^.;$]{0,30})", re.I)


def defined_in(math: str) -> str:
    """The name text math defines, ``g`` for ``g(t) = t^2 - 1``, ``a`` for ``a_0 = 5``; "" for other math."""
    m = _DEFINIENDUM.match(math)
    if m is None or not m["rest"].strip() or re.search(r"\\(?:[lg]eq?|neq?|[lg]t|in|subset)(?![A-Za-z])", m["rest"]):
        return ""
    return m.group("head")


def _read_trailing(text: str, found: re.Match[str]) -> tuple[str, str, int]:
    """The condition a match of :data:`_TRAILING_CONDITION` (or :data:`_BEING`) states, as math, the
    word it is read with, and where it ends: a sign in words made a relation ("for nonnegative $w$", "if $w$
    is positive", "$w$ being nonnegative": ``w \\ge 0``), a bare name with other words said of it made a
    condition not read ("if $m$ is odd"); ``""`` for a cue that states no condition here ("with $b = 2$")."""
    cond, word, end = found.group("cond"), found.group("word"), found.end()
    if found.re is _TRAILING_CONDITION and found.group("bound") and not _ORDER.search(cond):
        return "", word, end
    word = _AS_WORD.get(word, "for" if word.endswith(("region", "interval", "domain", "half-line")) else word)
    if not _BARE_NAME.fullmatch(cond):
        return cond, word or "for", end
    sign = found.group("sign") if "sign" in found.re.groupindex else None
    said = _SIGN_SAID.match(text, end) if sign is None else None
    if said is not None:
        sign, end = said.group("sign"), said.end()
    if sign is not None:
        kind = re.sub(r"strictly|[-\s]", "", sign.lower())
        return f"{cond.strip()} {_SIGN_RELATION[kind]}", word or "for", end
    other = _OTHER_SAID.match(text, end)
    if other is not None:  # "if $m$ is odd": the name alone is no condition, and the words are not read
        return rf"{cond} \text{{ {other.group('words').strip()} }}", word or "for", other.end()
    return cond, word, end


def trailing_condition(text: str, end: int, math: str = "") -> tuple[str, int]:
    """The condition text math ending at ``end`` is stated under ("$\\gamma^t \\le
    \\gamma$ for $t \\ge 1$", one more after "and": "and $y = 1$"; another case
    after it, "or $t = 0$", an exception, "except when $t = 0$", or words that
    take it back, "when $t > 0$ is violated", make it one the relations do
    not say), as math to append to it, and where the condition ends in
    ``text`` (-1: none). Where ``math`` defines a name, another definition of
    it after "and" is its next clause, never a condition ("$h(x) = x$ if $x >
    0$ and $h(x) = -x$ if ..."), and words that restrict it otherwise than
    math ("otherwise", "for even $k$", "on $[0, 1]$") are a condition not read."""
    name = defined_in(math)
    condition, taken = "", -1
    trailing = _TRAILING_CONDITION.match(text, end) or _BEING.match(text, end)
    if trailing is not None and name and (trailing.re is _BEING or trailing.group("bound")):
        trailing = None  # "let $f(w) = ...$ with $\lambda > 0$": an assumption beside the definition, not its case
    if trailing is not None:
        cond, word, taken_to = _read_trailing(text, trailing)
        if not cond:
            trailing = None
        elif (cond, word) != (trailing.group("cond"), trailing.group("word")):  # a sign in words, or words not read
            condition, taken = rf" \quad \text{{{word} }} " + cond, taken_to
            trailing = _MORE_CONDITION.match(text, taken)
    worded = _WORDED.match(text, end) if name and trailing is None else None
    after = _NEXT_MATH.match(text, worded.end()) if worded is not None else None
    if worded is not None and (worded.group("words") or not defined_in(after[1] if after is not None else "")):
        return rf" \quad \text{{unless }} {{\text{{ {(worded.group('words') or 'where').strip()} }}}}", -1  # not read
    while trailing is not None and not (name and defined_in(trailing.group("cond")) == name):
        condition += (rf" \quad \text{{{trailing.group('word')} }} " if not condition else ", ") \
            + trailing.group("cond")
        taken = trailing.end()
        trailing = _MORE_CONDITION.match(text, taken)
    back = _TAKEN_BACK.match(text, taken) if condition else None
    if back is not None:  # "when $x > 0$ is violated": the words go with the condition, which is then not read
        condition += rf" \text{{ {back.group('words').strip()} }}"
        taken = back.end()
    said = _SAID_OF.match(text, taken) if name and condition else None
    if said is not None:  # "when $x$ is positive": words about the condition's math, which is then not read
        condition += rf" \text{{ {said.group('words').strip()} }}"
        taken = said.end()
    while condition and (other := _ANOTHER_CASE.match(text, taken)) is not None \
            and not (name and defined_in(other.group("cond")) == name):
        condition += rf" \text{{ or }} {other.group('cond')}"
        taken = other.end()
    return condition, taken


#: "for all", "for every integer": the range after it holds for the lines after it too
FOR_ALL = re.compile(r"\bfor\s+(?:all|every|each|any)(?:\s+(?:strictly\s+)?(?:positive|negative|non-?negative))?"
                     r"(?:\s+(?:integers?|reals?|real\s+numbers?|natural\s+numbers?))?\s*$", re.I)
#: "for all", "since", "because", "given that": the condition text math before it is stated under holds for the
#: lines after it too (read as a case there, as before any text math)
STANDING = re.compile(rf"(?:{FOR_ALL.pattern}|\b(?:since|because|provided(?:\s+that)?|given(?:\s+that)?)\s*$)",
                      re.I)
#: ``x \in (0, 1)`` in text math: the range ``0 < x < 1``
IN_INTERVAL = re.compile(r"\s*(?P<x>\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*\\in\s*(?:\\left)?(?P<open>[\(\[\]])"
                         r"\s*(?P<a>[^,$]{1,20}?)\s*,\s*(?P<b>[^,$]{1,20}?)\s*(?:\\right)?(?P<close>[\)\]\[])\s*")


#: words between two statements of a row that draw the second from the first ("so", "i.e.", "that is",
#: "equivalently", "which gives", "as a result"): the second is claimed as a consequence of the first
_FOLLOWS = re.compile(
    r"(?:(?:and|or)\s+)?(?:so|hence|thus|therefore|then|consequently|accordingly|whence|thereby|thereupon"
    r"|i\.?\s?e|ie|viz|that\s+is(?:\s+to\s+say)?|equivalently|in\s+other\s+words|put\s+differently"
    r"|meaning(?:\s+that)?|which\s+(?:means|gives|yields|implies|is\s+to\s+say|shows)(?:\s+that)?|namely"
    r"|in\s+particular|as\s+a\s+(?:result|consequence)|giv(?:es|ing)|yield(?:s|ing)|impl(?:ies|ying)(?:\s+that)?"
    r"|(?:so\s+|and\s+|thus\s+|hence\s+)?(?:we|one)\s+(?:get|gets|obtain|obtains|find|finds|have|has|see\s+that)"
    r"|this\s+(?:gives|yields|shows|means|implies)(?:\s+that)?|it\s+follows(?:\s+that)?|(?:so|hence|thus)\s+that)",
    re.I)
#: a reason alone before the second statement ("by", "using"): the fact the first holds by, its condition
_REASON = re.compile(r"by|using|from|via|thanks\s+to|because\s+of", re.I)
#: a property named in an opened parenthesis, then spelled out ("(symmetry of the law, i.e.", "(by
#: linearity, that is"): the second statement is the reason the first holds by
_NAMED_REASON = re.compile(r"(?:by\s+|using\s+)?(?P<head>[a-z][a-z\s'-]{2,60}?)\s+(?:i\.?\s?e|ie|that\s+is|namely|viz)",
                           re.I)
_NOT_NAMED = re.compile(r"\b(?:so|hence|thus|therefore|then|we|one|it|this|which|gives?|yields?|implies|and|or|but)\b",
                        re.I)
#: words that claim the second statement beside the first ("and", "also", "moreover", "note that")
_ALSO = re.compile(r"and(?:\s+also)?|also|moreover|furthermore|further|but|note(?:\s+that)?|similarly|likewise"
                   r"|in\s+addition|additionally", re.I)


#: a remark's words typed as math after the gap (``\quad by\ x > 0``): not math to check
_WORDS_AS_MATH = re.compile(r"\s*\(?\s*(?:for|if|where|when|whenever|with|since|because|as|by|using|from"
                            r"|i\.?e\.?|see|note|provided|given|otherwise|so|hence|thus|and|or)\b", re.I)


#: a parenthesis after a row that opens with words (``(\text{thus } x + 1 = x)``), and the math after them
_WORDS_ASIDE = re.compile(r"\(\s*\\(?:text|textrm|textnormal|mbox|mathrm)\s*\{(?P<words>[^{}]*)\}\s*"
                          r"(?P<math>[^()]*?(?:\([^()]*\)[^()]*?)*)\s*\)\s*[.,;]?\s*$")


def drawn_aside(after: str) -> tuple[int, int] | None:
    r"""Where the math is in a parenthesis after a row that opens with words
    drawing it from the row (``(\text{thus } x + 1 = x)``, "hence", "so",
    "therefore", "i.e."): a consequence claimed, never the row's condition.
    None for any other parenthesis (``(\text{for } x > 0)``, ``(j \ne k)``)."""
    found = _WORDS_ASIDE.match(after)
    if found is None or not found.group("math").strip() or between_statements(found.group("words")) != "follows":
        return None
    return found.start("math"), found.end("math")


def between_statements(words: str, after: str = "") -> str:
    r"""What the words of a remark between two complete statements of a row
    (``(b-1)^2 \ge 0 \quad\text{i.e.}\quad b^2 + 1 \ge 2b``) make of the
    second: ``"follows"`` (a consequence of the first, checked: "so",
    "i.e.", "that is", "equivalently", "namely", ...), ``"also"`` (claimed
    beside it: "and", "moreover", "note that"; no words at all, only spacing
    or punctuation, too), ``"reason"`` (the fact the first holds by: "by",
    "using", alone; the first's condition, as after "since"), or ``""`` when
    the words are not read ("by definition of the bias"): the second
    statement is then not checked, and says why, never dropped. Conditions
    ("for", "since", "where") and alternatives ("or") are read before this
    (:data:`ASSUMING`, :data:`OR_WORDS`). ``after`` is the math that
    follows; one that opens with such words typed as math is not read.

    >>> [between_statements(w) for w in ("i.e.", ", that is,", "", "and", "(by)", "rather than")]
    ['follows', 'follows', 'also', 'also', 'reason', '']
    >>> [between_statements(w) for w in ("(symmetry of the law, i.e.", "(i.e.", "symmetry, i.e.")]
    ['reason', 'follows', '']
    """
    plain = re.sub(r"\s+", " ", re.sub(r"[,;:()!]", " ", words)).strip(" .").lower()
    if _WORDS_AS_MATH.match(after):
        return ""
    if not plain:
        return "also"
    named = _NAMED_REASON.fullmatch(plain)
    if named is not None and words.count("(") > words.count(")") and not _NOT_NAMED.search(named.group("head")):
        return "reason"  # (symmetry of the distribution, i.e. f(x) = f(-x)): the property the step holds by
    if _FOLLOWS.fullmatch(plain):
        return "follows"
    if _REASON.fullmatch(plain):
        return "reason"
    return "also" if _ALSO.fullmatch(plain) else ""
