r"""Conditions the words around a line state on its names, read only to hold a refutation back.

Students attach conditions to a line in more ways than the readers of cases
know: "for nonnegative $w$", "(recall $w \ge 0$)", "as long as $0 < \eta L <
1$", "on $(0, 1)$", "$r$ being a norm", "with $m$ odd", "Let y > 0." typed
without math, "$x ≥ 0$" in Unicode, "for $n$ large enough". A refutation at a
point that breaks such a condition is no refutation of what the student
wrote. :func:`qualifier` finds, in the sentences around a source line (the
sentence of the line and the one on each side, in its paragraph), a phrase
that states a condition on a name the point gives a value, and says whether
the point meets it.

The phrase must be condition-like, never a mere mention of the name: a
relation in math (or in plain text) after a cue word ("for", "when", "as
long as", "with", "where", "recall", "let", "on", ...), a sign, parity or
kind word applied to the name ("nonnegative $w$", "$m$ odd", "$u$ is a
probability"), an interval after "on"/"over"/"in", or an eventual statement
("sufficiently large $n$"). A condition read as numbers the point meets
holds nothing back: a slip inside the stated case is still refuted. The
text is only matched with regular expressions and numbers read by hand,
never evaluated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

__all__ = ["Qualifier", "qualifier"]

_GREEK = frozenset("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
                   "rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Sigma Phi Psi "
                   "Omega".split())
#: math in the source: displays, environments, text math
_MATH = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(?P<env>equation|align|gather|multline|eqnarray)(?P<star>\*?)\}"
                   r".*?\\end\{(?P=env)(?P=star)\}|\$[^$]*\$|\\\(.*?\\\)", re.S)
#: a paragraph ends at a blank line or at a heading
_HEADING = re.compile(r"\s*(?:#|\\(?:sub)*section\*?\{|\\paragraph\*?\{|\\(?:begin|end)\{(?:document|enumerate|"
                      r"itemize)\}|\*\*(?:Q|Question|Problem|Exercise|Part)\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
#: relations that bound a name
_REL = r"(?:<=?|>=?|≥|≤|≠|∈|∉|→|\\to(?![A-Za-z])|\\[gl]eq?(?:slant)?(?![A-Za-z])|\\[gl]t(?![A-Za-z])" \
       r"|\\neq?(?![A-Za-z])|\\(?:not)?in(?![A-Za-z])|\\notin(?![A-Za-z]))"
#: kind words: what each says of a value (None: a condition that no single value decides, "large enough")
_KINDS: dict[str, Callable[[sp.Basic], bool] | None] = {
    "positive": lambda v: bool(v > 0), "negative": lambda v: bool(v < 0),
    "nonnegative": lambda v: bool(v >= 0), "nonpositive": lambda v: bool(v <= 0),
    "nonzero": lambda v: bool(v != 0), "zero": lambda v: bool(v == 0),
    "odd": lambda v: bool(v.is_integer and v % 2 == 1), "even": lambda v: bool(v.is_integer and v % 2 == 0),
    "integer": lambda v: bool(v.is_integer), "integral": lambda v: bool(v.is_integer),
    "whole": lambda v: bool(v.is_integer), "natural": lambda v: bool(v.is_integer and v >= 0),
    "probability": lambda v: bool(0 <= v <= 1), "proportion": lambda v: bool(0 <= v <= 1),
    "fraction": lambda v: bool(0 <= v <= 1),
    "norm": lambda v: bool(v >= 0), "distance": lambda v: bool(v >= 0), "length": lambda v: bool(v >= 0),
    "variance": lambda v: bool(v >= 0), "deviation": lambda v: bool(v >= 0), "magnitude": lambda v: bool(v >= 0),
    "modulus": lambda v: bool(v >= 0), "radius": lambda v: bool(v >= 0), "count": lambda v: bool(v >= 0),
    "large": None, "small": None, "big": None,
}
_KIND = (r"(?:\b(?:strictly|sufficiently|very)\s+)?(?P<non>non[-\s]?)?(?P<kind>positive|negative|zero|odd|even|integer"
         r"|integral|whole|natural|probability|proportion|fraction|norm|distance"
         r"|length|variance|(?:standard\s+)?deviation|magnitude|modulus|radius|count|large|small|big)\b"
         r"(?:\s+enough)?")
#: a kind word right before the name: "for nonnegative $w$", "for every even $n$", "for odd integers $m$"
_KIND_BEFORE = re.compile(_KIND + r"(?:\s+(?:integers?|reals?|real\s+numbers?|numbers?|values?|naturals?))?"
                          r"[\s$(]*$", re.I)
#: a kind word right after the name: "$m$ odd", "$x$ is nonnegative", "$u$ is a probability", "$r$ being a norm"
_KIND_AFTER = re.compile(r"[\s$)]*(?:,\s*)?(?:(?:is|are|be|being|lies|stays|remains|must\s+be|is\s+assumed(?:\s+to"
                         r"\s+be)?|is\s+always|is\s+also)\s+)?(?:(?:a|an|the|some)\s+)?" + _KIND, re.I)
#: a cue word that makes the math or plain relation after it a condition
_CUE = re.compile(r"(?:\b(?:for(?:\s+(?:all|every|each|any))?|when(?:ever)?|while|if|iff|as\s+long\s+as|so\s+long\s+as"
                  r"|provided(?:\s+that)?|given(?:\s+that)?|assum(?:e|ing)(?:\s+that)?|suppos(?:e|ing)(?:\s+that)?"
                  r"|let|with|where|wherever|on|over|in|since|because|as|recall(?:\s+that)?|note(?:\s+that)?"
                  r"|remember(?:\s+that)?|fix|take|taking|under|such\s+that|s\.t\.|unless|except|only)"
                  r"|\()\s*\(?\s*(?:(?:the|all|every|each|any|some)\s+)*(?:(?:interval|region|domain|range|set|case"
                  r"|condition|assumption|hypothesis|half-line)\s+)?(?:" + _KIND + r"\s+)?"
                  r"(?:(?:integers?|reals?|real\s+numbers?|numbers?|values?)\s+)?$", re.I)
_IMPLIES = re.compile(r"\\(?:implies|impliedby|iff|Rightarrow|Longrightarrow|Leftrightarrow|Longleftrightarrow)"
                      r"(?![A-Za-z])|[⇒⟹⇔⟺]")
_ON = re.compile(r"\b(?:on|over|in)\s*(?:the\s+(?:interval|set|domain|range|region)\s*)?$", re.I)
_INTERVAL = re.compile(r"\s*(?:\\left)?(?P<open>[(\[\]])\s*(?P<a>[^,$]{1,24}?)\s*,\s*(?P<b>[^,$]{1,24}?)\s*(?:\\right)?"
                       r"(?P<close>[)\]\[])\s*$")
_PLAIN_NUMBER = r"(?:-\s*)?(?:\d+(?:\.\d+)?|∞|\\infty)"
_PLAIN_AFTER = re.compile(rf"\s*(?:{_REL}\s*{_PLAIN_NUMBER}|(?:∈|\\in)\s*[(\[][^)\]]{{1,20}}[)\]])")
_PLAIN_BEFORE = re.compile(rf"{_PLAIN_NUMBER}\s*{_REL}\s*$")
_NUMBER = re.compile(r"\s*(?P<neg>-\s*)?(?:(?P<dec>\d+(?:\.\d+)?)|\\[dt]?frac\s*\{\s*(?P<p>\d+)\s*\}\s*\{\s*(?P<q>\d+)"
                     r"\s*\}|(?P<inf>\\infty|∞))\s*$")


@dataclass(frozen=True)
class Qualifier:
    """A condition the words state on ``name`` (the ``phrase`` as written), and whether the point breaks it
    (``breaks`` is also true where no single value decides it: "for $n$ large enough")."""

    name: str
    phrase: str
    breaks: bool


def qualifier(text: str, line: int, point: Mapping[str, sp.Basic], column: int = 0) -> Qualifier | None:
    """The first condition the sentences around source ``line`` (1-based;
    at ``column``, 1-based, where the step stands in it, else the whole
    line) of ``text`` state on a name of ``point`` (names as sympy writes
    them, ``lambda``, ``x``) that the point's value breaks, or None."""
    window, at = _window(text, line, column)
    if not window:
        return None
    for name, value in point.items():
        for found in _about(window, name, value, at):
            if found.breaks:
                return found
    return None


def _window(text: str, line: int, column: int = 0) -> tuple[str, int]:
    """The sentence of ``line`` (of its ``column``) and the sentence on each side, in its paragraph, and
    where the step stands in it (-1: not known)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return "", -1
    masked = _masked(text)
    masked_lines = masked.split("\n")
    top, bottom = line - 1, line - 1
    while top > 0 and masked_lines[top - 1].strip() and not _HEADING.match(masked_lines[top - 1]) \
            and not _HEADING.match(masked_lines[top]):
        top -= 1
    while bottom + 1 < len(lines) and masked_lines[bottom + 1].strip() and not _HEADING.match(masked_lines[bottom + 1]):
        bottom += 1
    start = sum(len(x) + 1 for x in lines[:top])
    end = sum(len(x) + 1 for x in lines[:bottom + 1])
    here = sum(len(x) + 1 for x in lines[:line - 1])
    there = here + len(lines[line - 1])
    if 0 < column <= len(lines[line - 1]):
        here = there = here + column - 1
    ends = [start] + [m.end() for m in _SENTENCE_END.finditer(masked, start, end)] + [end]
    spans = list(itertools.pairwise(ends))
    hit = [i for i, (a, b) in enumerate(spans) if a <= there and b >= here]
    if not hit:
        return text[start:end], -1
    # a sentence beside the line that holds a display of its own speaks of that display ("For $x > 0$, we
    # have $$|x| = x$$" leads the next one): only a sentence of words and inline math qualifies this line
    before, after = max(hit[0] - 1, 0), min(hit[-1] + 1, len(spans) - 1)
    first = spans[before][0] if not _DISPLAY.search(text, *spans[before]) else spans[hit[0]][0]
    if _GENERAL.search(text, spans[hit[0]][0], here):  # "Suppose t > 0. In general, $$...$$": the case is lifted
        first = spans[hit[0]][0]
    last = spans[after][1] if not _DISPLAY.search(text, *spans[after]) else spans[hit[-1]][1]
    line_end = sum(len(x) + 1 for x in lines[:line])  # the words up to the next display, which they lead
    following = _DISPLAY.search(text, line_end, last) if line_end < last else None
    if following is not None:  # "For $x > 0$, we have" + display: the words lead that display, not this line
        last = line_end if _LEADS.search(text[line_end:following.start()]) else following.start()
    return text[first:last], (here - first if column > 0 else -1)


#: cue words that set the condition after them aside
_EXCEPT = re.compile(r"\s*(?:unless|except)\b", re.I)
#: words that lift the cases stated before them
_GENERAL = re.compile(r"\b(?:in general|general case|in every case|in all cases|arbitrary)\b", re.I)
#: words that end by leading into the display after them
_LEADS = re.compile(r"(?:[:,]|\b(?:have|get|gets|obtain|find|write|gives?|yields?|becomes?|reads?))\s*$")
#: the opening of a display
_DISPLAY = re.compile(r"\$\$|\\\[|\\begin\{")


def _masked(text: str) -> str:
    """``text`` with the inside of its math blanked (a period there ends no
    sentence), except a period that ends a display, which ends its sentence."""
    out = list(text)
    for m in _MATH.finditer(text):
        body = m.group()
        closes = body.rstrip("$").rstrip().endswith(".") and body.startswith(("$$", "\\[", "\\begin"))
        for k in range(m.start() + 1, m.end() - 1):
            if out[k] != "\n":
                out[k] = " "
        if closes:
            out[m.end() - 1] = "."
    return "".join(out)


def _token(name: str) -> re.Pattern[str] | None:
    """The name as the text writes it: ``w``, ``\\lambda`` (also as a plain word, never the article "a")."""
    base = name.split("_")[0].split("(")[0]
    if not base.isalpha():
        return None
    written = rf"\\{base}" if base in _GREEK else re.escape(base)
    if len(base) > 1 and base not in _GREEK:
        return None
    return re.compile(rf"(?<![A-Za-z\\]){written}(?![A-Za-z])")


def _about(window: str, name: str, value: sp.Basic, at: int = -1) -> Iterator[Qualifier]:
    """The conditions ``window`` states on ``name``, judged at ``value``;
    never the math the step itself stands in (at ``at``), nor an implication
    (``x > 1 \\implies x^2 > 1``: a claim, not a condition)."""
    token = _token(name)
    if token is None or not isinstance(value, sp.Basic) or not value.is_number:
        return
    real = bool(value.is_real)
    math = [(m.start(), m.end()) for m in _MATH.finditer(window)]
    for m in token.finditer(window):
        inside = next(((a, b) for a, b in math if a < m.start() < b), None)
        if inside is None and name in ("a", "A", "I"):
            continue  # the article, the pronoun
        before, after = window[max(0, m.start() - 60):m.start()], window[m.end():m.end() + 60]
        kind = _KIND_BEFORE.search(before)
        if kind is not None and (inside is None or not window[inside[0]:m.start()].strip("$ (").strip()):
            yield _kind(name, kind, value, real, _phrase(window, m.start() - len(before) + kind.start(), m.end() + 1))
        kind = _KIND_AFTER.match(after)
        if kind is not None and (inside is None or not window[m.end():inside[1]].strip("$ )").strip()):
            yield _kind(name, kind, value, real, _phrase(window, m.start() - 1, m.end() + kind.end()))
        span = inside or _plain_span(window, m.start(), m.end())
        if span is None:
            continue
        lead = window[max(0, span[0] - 80):span[0]]
        if _CUE.search(lead) is None:
            continue
        body = window[span[0]:span[1]].strip("$").strip()
        if inside is not None and body.startswith(("\\[", "\\(")):
            body = body[2:-2]
        if not _bounds(body, token) or _IMPLIES.search(body) or span[0] <= at < span[1]:
            continue
        meets = _meets(body, token, value) if real else None
        cue = _CUE.search(lead)
        if cue is not None and _EXCEPT.match(cue.group()):  # "unless $z \ge 0$": the case is where it fails
            meets = None if meets is None else not meets
        yield Qualifier(name, _phrase(window, span[0] - len(lead) + (cue or m).start(), span[1]), meets is not True)
    for m in _MATH.finditer(window):  # "on $(0, 1)$", "over $[0, \infty)$": a range for the step's one name
        interval = _INTERVAL.match(m.group().strip("$"))
        cue = _ON.search(window[max(0, m.start() - 30):m.start()])
        if interval is None or cue is None or token.search(m.group()):
            continue
        inside_it = _in_interval(interval, value) if real else None
        yield Qualifier(name, _phrase(window, max(0, m.start() - 30) + cue.start(), m.end()), inside_it is not True)


def _plain_span(window: str, at: int, end: int) -> tuple[int, int] | None:
    """A relation typed without math around the name at ``at`` ("y > 0", "s ≥ 0", "0 < k < 1", "v ∈ (0, 1)")."""
    after = _PLAIN_AFTER.match(window, end)
    before = _PLAIN_BEFORE.search(window[max(0, at - 30):at])
    if after is None and before is None:
        return None
    return (at - len(before.group()) if before is not None else at), (after.end() if after is not None else end)


def _bounds(body: str, token: re.Pattern[str]) -> bool:
    r"""Whether a relation in ``body`` bounds the name itself, or a product or list of plain names with it
    (``w \ge 0``, ``0 < \eta L < 1``, ``x, y > 0``), never a formula in it (``x^2 \ge 0``)."""
    parts = re.split(_REL, body)
    return len(parts) > 1 and any(token.search(p) and re.fullmatch(r"[\sA-Za-z,\\{}_0-9]*", p) for p in parts)


def _kind(name: str, kind: re.Match[str], value: sp.Basic, real: bool, phrase: str) -> Qualifier:
    """The condition a kind word states, judged at ``value``."""
    word = re.sub(r"\s+", "", kind.group("kind").lower()).replace("standard", "")
    if kind.group("non"):  # non-negative, non positive, nonzero; any other "non-" word is not read
        word = {"negative": "nonnegative", "positive": "nonpositive", "zero": "nonzero"}.get(word, "large")
    test = _KINDS.get(word)
    breaks = test is None or not real or not test(value)
    return Qualifier(name, phrase, breaks)


def _meets(body: str, token: re.Pattern[str], value: sp.Basic) -> bool | None:
    """Whether ``value`` of the name meets a condition written ``x \\ge 0``, ``0 < x < 1``, ``x ∈ (0, 1)``,
    ``x \\in [0, \\infty)``, ``x \\in \\mathbb{R}_{>0}``; None where the condition is not of these forms."""
    flat = body.replace("≥", "\\ge ").replace("≤", "\\le ").replace("∈", "\\in ").replace("≠", "\\ne ") \
        .replace("ℝ", "\\mathbb{R}").replace("\\left", "").replace("\\right", "").rstrip(" .,;")
    named = token.fullmatch(flat.split("\\in")[0].strip()) if "\\in" in flat else None
    if named is not None:
        rest = flat.split("\\in", 1)[1]
        interval = _INTERVAL.match(rest)
        if interval is not None:
            return _in_interval(interval, value)
        sign = re.fullmatch(r"\s*\\mathbb\s*\{?R\}?\s*_\s*\{?\s*(>|\\geq?|\\ge)\s*0\s*\}?\s*", rest)
        if sign is not None:
            return bool(value > 0) if sign.group(1) == ">" else bool(value >= 0)
        if re.fullmatch(r"\s*\\mathbb\s*\{?R\}?\s*", rest):  # "Let $\sigma \in \mathbb{R}$": any real value
            return bool(value.is_real)
        return None
    parts = re.split(r"(<=?|>=?|\\[gl]eq?(?:slant)?(?![A-Za-z])|\\[gl]t(?![A-Za-z])|\\neq?(?![A-Za-z]))", flat)
    if len(parts) < 3:
        return None
    terms = parts[::2]
    for left, rel, right in zip(terms, parts[1::2], terms[1:], strict=False):
        a, b = _side(left, token, value), _side(right, token, value)
        if a is None or b is None:
            return None
        if not _holds(a, rel, b):
            return False
    return True


def _side(text: str, token: re.Pattern[str], value: sp.Basic) -> sp.Basic | None:
    """A side of a condition: the name (its value) or a number."""
    if token.fullmatch(text.strip()):
        return value
    return _number(text)


def _number(text: str) -> sp.Basic | None:
    """A number written ``2``, ``-0.5``, ``\\frac{1}{2}``, ``\\infty``; None otherwise."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    if m["inf"]:
        got: sp.Basic = sp.oo
    elif m["dec"]:
        got = sp.Rational(Fraction(m["dec"]))
    else:
        if int(m["q"]) == 0:
            return None
        got = sp.Rational(int(m["p"]), int(m["q"]))
    return -got if m["neg"] else got


def _holds(a: sp.Basic, rel: str, b: sp.Basic) -> bool:
    """``a rel b`` for numbers."""
    rel = rel.replace("slant", "")
    if rel in ("<", "\\lt", "\\l"):
        return bool(a < b)
    if rel in ("<=", "\\le", "\\leq"):
        return bool(a <= b)
    if rel in (">", "\\gt", "\\g"):
        return bool(a > b)
    if rel in (">=", "\\ge", "\\geq"):
        return bool(a >= b)
    return bool(sp.simplify(a - b) != 0)


def _in_interval(m: re.Match[str], value: sp.Basic) -> bool | None:
    """Whether ``value`` lies in the interval ``m`` reads; None where its ends are not numbers."""
    a, b = _number(m["a"]), _number(m["b"])
    if a is None or b is None:
        return None
    low = bool(value > a) if m["open"] in "(]" else bool(value >= a)
    high = bool(value < b) if m["close"] in ")[" else bool(value <= b)
    return low and high


def _phrase(window: str, a: int, b: int) -> str:
    """The words of a condition, on one line and short."""
    text = re.sub(r"\s+", " ", window[max(a, 0):b]).strip(" ,;.")
    return text if len(text) <= 80 else text[:77] + "..."
