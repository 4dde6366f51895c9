r"""The condition a display is stated under in the sentence right after it.

"$$\frac{\sqrt{t^2}}{t} = \frac{t}{t} = 1,$$ where $t > 0$." states the
display for $t > 0$, as "for $t > 0$," before it or ``\quad t > 0`` inside
it would. The sentence right after the display is read as such a condition
when it is nothing but one: optional words that say the display holds
("which holds", "valid", "this is true"), a cue ("where", "for", "for all",
"since", "as", "because", "valid for", "provided (that)", "if", "when",
"with", "assuming (that)", "given that", "as long as", "so long as", "(recall", a
domain ("on", "over", "in the region", "on the interval"), "holds for"; "assuming", "provided", "given that"
also after a clause of words, "which gives the claim, assuming $q \\ge 0$."), and either text math that is a
relation other than an equation (``t > 0``, ``x \in (0, 1)``, ``a, b \ne
0``), or names and a kind in words ("$s$ is positive", "$x$ is nonnegative",
"$a, b$ are nonzero", "$k$ is an integer", "for all positive $n$"), up to the end of the sentence.
Anything else in the sentence (another case, "or", more math, a display
after it) leaves it unread here: the lead of what follows, as before; but a
clause that turns to the other case ("when $x \ge 0$, while for $x < 0$")
ends the condition. A domain that names no variable ("on $(0, 1)$") is a
condition not read: the display's refutations are held back.

A condition whose relations cannot be read (or that no relation states: "is
an integer") is returned with ``facts`` None: the display's refutations are
held back with it as the reason, and nothing is proved with it. An equation
("where $x = 2$") is left to the case reading of the text math (a value the
text gives the display above and the lines after it). A sentence that calls
the display a contradiction reached ("$$2 = 9/4,$$ a contradiction.", "which
is absurd") is returned unread too: the display is drawn under a supposition
and expected to be false, never refuted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from symproofs.latex.conditions import DOMAIN_CUE, read_condition
from symproofs.latex.parser import Condition, LineSource
from symproofs.latex.remarks import RETRACTED
from symproofs.latex.scan import RELATION_TEXT

__all__ = ["AFTER", "condition_after", "reaches_contradiction", "right_after", "stated_after"]

#: how the text of a condition stated after its display ends (the line reports it so)
AFTER = " (after the display)"

Parse = Callable[[str, int, int, int], list[LineSource]]

_CLOSER = re.compile(r"[ \t]*(?:\$\$|\\\]|\\end\s*\{[A-Za-z]+\*?\})")
_CUE = re.compile(
    r"[ \t]*(?:\n[ \t]*)?[,;]?[ \t]*(?:\n[ \t]*)?"
    r"(?:(?:which|this|that|it|these|they)\s+(?:holds?|is|are)\s+(?:(?:true|valid)\s+)?|holds?\s+|valid\s+|true\s+)?"
    r"\(?(?P<cue>(?:as|so)\s+long\s+as|for\s+(?:all|every|each|any)|for|where|since|as|because|provided(?:\s+that)?"
    r"|if|when(?:ever)?|with|assuming(?:\s+that)?|given\s+that|recall(?:\s+that)?"
    rf"|{DOMAIN_CUE})\s+", re.I)
#: the end of the sentence: punctuation, a blank line, the end of the text
_END = r"[ \t]*(?:[.;!](?=\s|$)|\n[ \t]*\n|\n?[ \t]*\Z)"
#: a set that names no variable: an interval ``(0, 1)``, ``[0, \infty)``, ``\mathbb{R}_{>0}``
_NAMELESS = re.compile(r"\s*(?:\\left\s*)?(?:[(\[]|\\mathbb\s*\{?\s*[RNZQ]\b|\\[lr]?[Rr]eals)")
#: or a clause that turns to the other case ("$$|x| = x$$ when $x \ge 0$, while for $x < 0$ $$|x| = -x$$")
_TURN = r"|[ \t]*,?[ \t]*(?:while|whereas|but|otherwise|else)\b"
_MATH = re.compile(r"\$(?!\$)(?P<math>[^$\n]{1,80})\$\)?(?:" + _END + _TURN + ")")  # "(recall $w \ge 0$)."
_ONE = r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?"
_WORDS = re.compile(
    rf"\$(?P<names>{_ONE}(?:\s*,\s*{_ONE})*)\$\s+(?:is|are)\s+(?:both\s+|all\s+)?(?:(?:an?\s+)?(?P<kind>integers?)"
    r"|(?P<sign>strictly\s+positive|strictly\s+negative|non[- ]?negative|non[- ]?positive|non[- ]?zero|positive"
    r"|negative))" + _END, re.I)
_RELATION = {"positive": ">", "negative": "<", "nonnegative": "\\ge", "nonpositive": "\\le", "nonzero": "\\ne"}
#: a sign in words before the names, after "for all" ("for all positive $n$", "for every nonnegative $x$")
_SIGN_FIRST = re.compile(
    r"(?P<sign>strictly\s+positive|strictly\s+negative|non[- ]?negative|non[- ]?positive|non[- ]?zero|positive"
    rf"|negative)\s+(?:reals?\s+|real\s+numbers?\s+|numbers?\s+)?\$(?P<names>{_ONE}(?:\s*,\s*{_ONE})*)\$" + _END, re.I)
#: a clause between the display and a hypothesis ending its sentence ("which gives the claim, assuming $q \ge 0$."):
#: words only, no math, then a cue that makes a hypothesis
_CLAUSE = re.compile(r"[ \t]*(?:\n[ \t]*)?[,;]?[ \t]*(?:[^$.;!?\n]|\n(?![ \t]*\n)){1,120}?,[ \t]*(?:\n[ \t]*)?"
                     r"(?P<cue>assuming(?:\s+that)?|provided(?:\s+that)?|given\s+that)\s+", re.I)


#: words that say a contradiction is reached: "a contradiction", "contradicting", "which is absurd", "impossible"
_REACHED = re.compile(r"\b(?:contradict(?:ion|s|ing|ory)|absurd(?:ity)?|impossible)\b|\u21af|\\lightning", re.I)
#: the words before "contradiction" that seek it rather than reach it ("for", "towards a", "by", "to reach a")
_SOUGHT = re.compile(r"(?:\b(?:for|towards?|by|seeking|reach|get|derive|obtain|find|sake\s+of|argue\s+by)"
                     r"(?:\s+(?:a|an|the|some))?|\bproof\s+by|\bto)\s*$", re.I)
#: the first sentence after a display (its own punctuation aside)
_SENTENCE = re.compile(r"[\s,;:.!]*(?P<words>(?:[^.!?\n$]|\n(?![ \t]*\n))*)")


def reaches_contradiction(words: str) -> bool:
    """Whether ``words`` say a contradiction is reached ("..., a
    contradiction.", "which is absurd", "this contradicts the assumption",
    "impossible"); not words that seek one ("for contradiction", "towards a
    contradiction", "by contradiction")."""
    return any(_SOUGHT.search(words[:m.start()]) is None for m in _REACHED.finditer(words))


def condition_after(text: str, end: int, parse: Parse) -> Condition | None:
    """The condition the sentence after the display ending at ``end`` (its
    content; the closer follows) states, or None where it states none.
    ``parse(body, offset, a, b)`` reads ``body[a:b]`` as sides. A sentence
    that says the display is a contradiction reached ("$$2 = 9/4,$$ a
    contradiction.") is returned unread: the display is drawn under a
    supposition, and is expected to be false."""
    closer = _CLOSER.match(text, end)
    if closer is None:
        return None
    sentence = _SENTENCE.match(text, closer.end())
    if sentence is not None and reaches_contradiction(said := " ".join(sentence.group("words").split())):
        return Condition(text=said[:80] + AFTER, facts=None, error=f"the text calls it a contradiction: '{said[:60]}'")
    cue = _CUE.match(text, closer.end()) or _CLAUSE.match(text, closer.end())
    if cue is None or RETRACTED.search(text[closer.end():cue.start("cue")]):
        return None  # (not "which is wrong, assuming $x < 0$": the clause takes the display back)
    signed = _SIGN_FIRST.match(text, cue.end()) if cue.group("cue").lower().startswith("for") else None
    if signed is not None:  # "for all positive $n$": n > 0
        said = f"{cue.group('cue')} {text[cue.end():signed.end()].strip(' .;!')}"
        sign = re.sub(r"[\s-]+", "", signed.group("sign").lower()).removeprefix("strictly")
        return _read(said + AFTER, f"{signed.group('names')} {_RELATION[sign]} 0", -1, parse)
    words = _WORDS.match(text, cue.end())
    if words is not None:
        said = f"{cue.group('cue')} {text[cue.end():words.end()].strip(' .;!')}"
        if words.group("kind"):
            return Condition(text=said + AFTER, facts=None,
                             error=f"the condition '{said[:60]}' after the display is in words not read")
        sign = re.sub(r"[\s-]+", "", words.group("sign").lower()).removeprefix("strictly")
        math = f"{words.group('names')} {_RELATION[sign]} 0"
        return _read(said + AFTER, math, -1, parse)
    found = _MATH.match(text, cue.end())
    if found is not None and _NAMELESS.match(found.group("math")) and re.fullmatch(DOMAIN_CUE, cue.group("cue"), re.I):
        # "on $(0, 1)$", "over $[0, \infty)$": a domain that names no variable, which no relation here states
        said = f"{cue.group('cue')} ${found.group('math').strip()}$"
        return Condition(text=said + AFTER, facts=None,
                         error=f"the condition '{said[:60]}' after the display names no variable")
    if found is None or not (RELATION_TEXT.search(found.group("math")) or "\\in" in found.group("math")):
        return None
    said = f"{cue.group('cue')} ${found.group('math').strip()}$"
    return _read(said + AFTER, found.group("math"), found.start("math"), parse)


def _read(said: str, math: str, at: int, parse: Parse) -> Condition | None:
    """The condition ``math`` (at ``at`` in the text, -1: written in words)
    as relations; None for an equation (a value, read as a case)."""
    condition = read_condition(math, 0, len(math), lambda a, b: parse(math, max(at, 0), a, b))
    if condition.facts is None:
        return Condition(text=said, facts=None,
                         error=f"the condition '{said.removesuffix(AFTER)[:60]}' after the display could not be read")
    if not condition.facts or any(isinstance(f, sp.Eq) for f in condition.facts):
        return None  # a name alone, "x \in \mathbb{R}": nothing; "where $x = 2$": a value, read as a case
    return Condition(text=said, facts=condition.facts)


def stated_after(sides: list[LineSource], condition: Condition | None) -> list[LineSource]:
    """``sides`` (a chain the display holds) stated under ``condition`` too:
    with the relations of their own condition, if any (one neither reads
    leaves the side unread as before)."""
    if condition is None:
        return sides
    out = []
    for s in sides:
        own = s.condition
        if own is None:
            out.append(replace(s, condition=condition))
        elif own.facts is not None and condition.facts is not None:
            out.append(replace(s, condition=replace(own, text=f"{own.text}; {condition.text}",
                                                   facts=(*own.facts, *condition.facts))))
        else:
            out.append(s)
    return out


def right_after(lead: str) -> bool:
    """Whether text math with this lead opens the sentence right after a
    display with a cue ("$$...$$ where $t > 0$"): the condition of that
    display, not a hypothesis for the one after it."""
    closers = list(_CLOSER.finditer(lead))
    return bool(closers) and _CUE.fullmatch(lead + " ", closers[-1].end()) is not None
