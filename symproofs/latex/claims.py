r"""Whether the sentence around a piece of text math claims it.

Text math is a claim (checked) or a case (the lines after it work in it)
only where its sentence states it. A question ("Is $\sqrt{x^2} = |x| =
x$? No, ...", "could it be that $x > 0$ fails?", "we check whether ..."),
a denial before it in its clause ("we cannot write $...$", "it is not true
that $...$", "a common mistake is to write") or words after it that take it
back ("$...$ is wrong", "$...$ would be a mistake") state nothing:
:func:`not_claimed` says so, and the math is neither checked nor taken
(:mod:`symproofs.latex.extract`, :mod:`symproofs.grading.cases`).

>>> not_claimed("Is", "? No, only when $x > 0$.")
True
>>> not_claimed("We cannot write", " in general.")
True
>>> not_claimed("Hence", ", as claimed.")
False
"""

from __future__ import annotations

import re

__all__ = ["NEGATION", "asked", "clause_after", "clause_before", "denied_display", "denying", "last_sentence",
           "not_claimed", "sentence_after", "sentence_before", "taken_back", "unasked", "unmarked"]

#: where a sentence starts: after its end mark, a blank line or a display
_SENTENCE_START = re.compile(r"[.!?](?:\$\$)?\s|\n\s*\n|\$\$|\\\]|\\end\s*\{[^{}]*\}")
#: where a sentence ends: its end mark (kept), a blank line or a display
_SENTENCE_END = re.compile(r"[.!?](?=[\s*_]|$)|\n\s*\n|\$\$|\\\[|\\begin\s*\{")
#: where a clause of its own starts within a sentence ("...; since", "but")
_CLAUSE_START = re.compile(r"[;:]\s|\b(?:since|because|so|hence|thus|therefore|but|whereas|while|although|though"
                           r"|and\s+so)\b", re.I)
_MATH = re.compile(r"\$[^$]*\$")
#: a sentence that opens with a verb ("Is $a = b$ in general", "Does ... hold") or asks whether
_ASKING = re.compile(r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\W*)?(?:is|are|was|were|does|do|did|can|could|would|should|will"
                     r"|shall|may|might|must|isn't|aren't|doesn't|don't|can't)\b|\bwhether\b"
                     r"|\b(?:could|can|might|may|would)\s+it\s+be\b|\bis\s+it\s+(?:true|possible|the\s+case|so)\b",
                     re.I)
#: words before math in its clause that deny or disclaim it ("we cannot write", "it is not true that", "it is
#: wrong to say", "a common mistake is to write", "one might wrongly conclude")
_DENYING = re.compile(
    r"\b(?:cannot|can't|can\s+not|could\s+not|couldn't|must\s+not|mustn't|should\s+not|shouldn't|do\s+not|don't"
    r"|does\s+not|doesn't|did\s+not|didn't|may\s+not|never|not)\s+(?:\w+ly\s+)?(?:write|say|claim|conclude|assume"
    r"|suppose|state|deduce|infer|have|get|expect|simplify|argue|think|believe|obtain|take|be)\b"
    r"|\b(?:it\s+is|it's|that\s+is|this\s+is|it\s+would\s+be)\s+(?:not\s+(?:true|the\s+case|correct|valid|right)"
    r"|false|wrong|incorrect|untrue|a\s+mistake|an\s+error)\b|\bnot\s+(?:true|the\s+case)\s+that\b"
    r"|\b(?:wrongly|mistakenly|incorrectly|erroneously|falsely)\b|\b(?:mistake|error|fallacy|pitfall)\s+(?:is\s+)?to\b",
    re.I)
#: words after math in its sentence that take it back ("is wrong", "is false", "would be a mistake")
_TAKEN_BACK = re.compile(
    r"\b(?:is|are|was|were|would\s+be|seems?)\s+(?:(?:\w+ly|in\s+general|always)\s+)?(?:false|wrong|incorrect"
    r"|untrue|invalid|impossible|a\s+mistake|an\s+error|not\s+(?:true|correct|valid|right))\b|\bisn't\s+true\b", re.I)
#: a negation or a hedge anywhere in a clause ("it is not the case that", "perhaps", "it may be that")
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|cannot|false|wrong|untrue|incorrect|mistaken|mistake|error"
                      r"|perhaps|maybe|possibly|probably|might|may|seems?|doubt\w*|den(?:y|ies|ied))\b|n't\b", re.I)


#: emphasis markup around words (``*not*``, ``**Wrong:**``, ``__not__``, ``\emph{not}``, ``\textbf{not}``,
#: ``{\bf not}``): the words are read through it
_EMPHASIS_COMMAND = re.compile(r"\\(?:emph|textit|textbf|textsl|textsc|underline|textup|textmd|uline)\s*\{([^{}$]*)\}"
                               r"|\{\s*\\(?:em|it|bf|sl|sc)\b\s*([^{}$]*)\}")
_EMPHASIS_MARK = re.compile(r"(?<![\w\\])[*_]+(?![{\\])|[*_]+(?![\w{\\^])")


def unmarked(text: str) -> str:
    r"""``text`` (words, maybe with math) without emphasis markup, so that the
    words are read as written: ``It is *not* true`` is ``It is not true``,
    ``**Wrong:**`` is ``Wrong:``, ``\emph{not}`` and ``{\bf not}`` are
    ``not``. Subscripts in math (``a_i``, ``x_{j}``) keep their marks.

    >>> unmarked(r"It is **not** true, \emph{not} {\bf not} $a_i$")
    'It is not true, not not $a_i$'
    """
    return _EMPHASIS_MARK.sub("", _EMPHASIS_COMMAND.sub(lambda m: m.group(1) or m.group(2) or "", text))


#: a label before a display that marks it as a mistake ("Wrong:", "**Incorrect.**", "False:", "✗", "(wrong)")
_WRONG_LABEL = re.compile(r"(?:^|[.!?;:)\n]\s*)\(?\s*(?:wrong|incorrect|false|invalid|not\s+true|mistake|error|"
                          "\u2717|\u2718|\u274c|\u00d7)\\s*\\)?\\s*[:.!]?\\s*$", re.I)
#: words right after a display that deny it ("does not hold in general", "is false", "fails", "is not an
#: identity", "which is wrong", "is a common mistake"): its falsity is what the student says
_DENIED_AFTER = re.compile(
    r"^[\s,.;:]{0,3}(?:(?:which|this|that|it|the\s+(?:identity|equality|claim|formula|equation|statement))\s+)?"
    r"(?:(?:is|are|was|were)\s+(?:(?:\w+ly|in\s+general|always|obviously|of\s+course)\s+)?(?:false|wrong|incorrect"
    r"|untrue|invalid|not\s+(?:true|correct|valid|right|an?\s+identity|the\s+case)|an?\s+(?:common\s+)?(?:mistake"
    r"|error|fallacy))|(?:does|do|did)\s*(?:not|n't)\s+hold|(?:doesn't|don't|does\s+not)\s+(?:hold|follow)"
    r"|fails?|(?:is|are)n't\s+(?:true|valid|correct))\b", re.I)


#: the end of a display, before the words after it
_CLOSER = re.compile(r"^\s*(?:\$\$|\\\]|\\end\s*\{[^{}]*\})")


def denied_display(before: str, after: str) -> bool:
    r"""Whether the words around a display deny it, emphasis markup aside:
    a label that marks it a mistake right before it ("**Wrong:**"), a
    denial in its clause before it ("It is *not* true that", "One cannot
    conclude that", "a common mistake is"), or words right after it that
    deny it ("does not hold in general", "is false", "fails"; ``after`` may
    open with the display's closer). Such a display is the student's
    denial: not a claim.

    >>> denied_display("It is *not* true that", ""), denied_display("", " does not hold in general.")
    (True, True)
    >>> denied_display("We have", " for all $x$."), denied_display("Hence", ", so the old bound is wrong.")
    (False, False)
    """
    words, then = unmarked(before[-120:]), unmarked(_CLOSER.sub("", after))
    return _WRONG_LABEL.search(words) is not None or denying(words) or _DENIED_AFTER.match(then) is not None


def last_sentence(text: str) -> str:
    """The sentence before a piece of math that ends ``text``, as written."""
    return _SENTENCE_START.split(text[-300:])[-1]


def sentence_before(text: str) -> str:
    """The words of the sentence before a piece of math that ends ``text``,
    earlier math in it one placeholder word (``MATH``: "$a$ is" opens with no
    verb)."""
    return _MATH.sub(" MATH ", last_sentence(text))


def clause_before(text: str) -> str:
    """The words of the clause before a piece of math that ends ``text``
    ("we cannot write" in "this holds since we cannot write")."""
    return _CLAUSE_START.split(sentence_before(text))[-1]


def sentence_after(text: str) -> str:
    """The words from a piece of math that ``text`` follows to the end of its
    sentence, the end mark kept ("? No" is "?")."""
    end = _SENTENCE_END.search(text)
    return text[:end.end() if end is not None and end.group() in ".!?" else end.start() if end else len(text)]


def clause_after(text: str) -> str:
    """The words from a piece of math that ``text`` follows to the end of its
    clause ("is wrong" in "$x > 0$ is wrong, since ...", not in "$x > 0$,
    since otherwise the bound is wrong")."""
    return _CLAUSE_START.split(sentence_after(text).replace(",", ";"))[0]


def asked(before: str, after: str) -> bool:
    """Whether the sentence of a piece of math asks it: it ends with "?"
    (``after``, the text after the math), it opens with a verb or asks
    "whether" (``before``, the text up to the math)."""
    return sentence_after(after).rstrip().endswith("?") or _ASKING.search(sentence_before(before)) is not None


def denying(before: str) -> bool:
    """Whether the words of its clause before a piece of math deny it ("we
    cannot write", "it is not true that")."""
    return _DENYING.search(clause_before(unmarked(before))) is not None


def taken_back(after: str) -> bool:
    """Whether the words after a piece of math in ``after`` take it back
    ("is wrong", "would be a mistake")."""
    return _TAKEN_BACK.search(_MATH.sub(" MATH ", unmarked(after))) is not None


def not_claimed(before: str, after: str) -> bool:
    """Whether the words around a piece of math, ``before`` it (the text up
    to it) and ``after`` it (to the end of its sentence), ask it or deny it
    instead of stating it (see the module documentation)."""
    return asked(before, after) or denying(before) or taken_back(sentence_after(after))


#: a display that ends with a question mark asks it: ``\log x \le x - 2 ?``, ``a = b \text{?}``
_ASKING_END = re.compile(r"(?:\\text\w*\{\s*\?\s*\}|(?<![{\\])\?)[\s.]*$")


def unasked(body: str) -> tuple[str, bool]:
    r"""The math of a display without the question mark that ends it
    (blanked, positions kept), and whether it had one: ``\log x \le x - 2 ?``
    asks (a problem statement's question), it claims nothing.

    >>> unasked(r"a \le b ?")
    ('a \\le b  ', True)
    """
    m = _ASKING_END.search(body)
    if m is None:
        return body, False
    return body[:m.start()] + " " * len(m.group()) + body[m.end():], True
