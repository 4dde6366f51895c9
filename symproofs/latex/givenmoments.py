r"""The moments a text states of the random variables it declares.

A TA reads "let $X$ be a random variable with mean $2$", "with mean $0$ and
variance $1$", "whose expected value is $2$", "a zero-mean random variable
with unit variance", "such that $\mathbb{E}X = 2$", or a display of them
after "with", "where", "such that" or "satisfying" (``$$\mathbb{E}[X] = 2,
\quad \mathbb{E}[Y] = 3.$$``) as part of the declaration: the variable's law
is any law with those moments (a ``generic`` law with ``mean``, ``var`` and
``second``, LaTeX; a variance written as a name squared makes that name a standard
deviation, :mod:`symproofs.latex.lawfacts`; ``E[X^2]`` alone is the law's
second moment). A sentence right after the declaration that opens with "it
has", "its mean", "their variances", "each has", "$X$ has" or "the mean of
$X$ is" speaks of it too ("It has mean $0$."). The sentence is cut where it
declares another name ("... and let $Y$ be a random variable with mean
$3$"), and what it draws as a consequence ("so that $\mathbb{E}[X^2] = 5$")
is a claim, no law: unread.

What the declaration states of the moments in a way not read here leaves the
law open (:attr:`Moments.unread`): ``\mathbb{E}[XY] = 0``, ``\mathbb{E}X^2``
(which reads two ways), a mean given twice with two values, a negative
variance, "its mean is the median". A refutation that rests on the variable
is then held back; "finite variance" states no value and is no moment.

>>> said("Let @0@ be a random variable with mean @1@ and variance @2@.", ["X", "0", "s^2"], ["X"])
{'X': Moments(mean='0', var='s^2', second=None, unread=False)}
>>> said("Let @0@ be a zero-mean random variable with unit variance.", ["X"], ["X"])["X"].params()
(('mean', '0'), ('var', '1'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from symproofs.latex.scan import comma_spans

__all__ = ["DRAWN", "Moments", "inline_displays", "merged", "said"]


@dataclass(frozen=True)
class Moments:
    """The first two moments a text states of one random variable (LaTeX),
    and whether it states one this module does not read."""

    mean: str | None = None
    var: str | None = None
    second: str | None = None  # E[X^2]
    unread: bool = False

    def params(self) -> tuple[tuple[str, str], ...] | None:
        """The ``mean``, ``var`` and ``second`` moment of a generic law;
        ``None`` where the moments stated cannot all be honoured (unread, a
        negative variance, a second moment below the mean's square, or the
        second moment and the variance without the mean)."""
        if self.unread:
            return None
        var, second = self.var, self.second
        if second is not None and (number := _number(second)) is not None and number < 0:
            return None  # "E[X^2] = -1": no law has it
        if second is not None and self.mean is not None:
            if var is not None:
                return None  # the variance and the second moment may disagree: not read
            var, second = f"{_group(second)} - ({self.mean})^2", None
            if (number := _number(self.second or "")) is not None and (mean := _number(self.mean)) is not None \
                    and number < mean**2:
                return None
        elif second is not None and var is not None:
            return None  # the mean's square is their difference, its sign unknown: not read
        if var is not None and (value := _number(var)) is not None and value < 0:
            return None  # "variance $-1$": no law has it
        return tuple((k, v) for k, v in (("mean", self.mean), ("var", var), ("second", second)) if v is not None)


def merged(a: Moments | None, b: Moments) -> Moments:
    """What two readings state together: a moment stated twice with two
    values is unread."""
    if a is None:
        return b
    out = {}
    for key in ("mean", "var", "second"):
        x, y = getattr(a, key), getattr(b, key)
        if x is not None and y is not None and _plain(x) != _plain(y):
            return Moments(unread=True)
        out[key] = x if x is not None else y
    return Moments(mean=out["mean"], var=out["var"], second=out["second"], unread=a.unread or b.unread)


# -- moments in text math -------------------------------------------------------
_SPACING = re.compile(r"\\(?:left|right|bigl?|bigr?|Bigl?|Bigr?|biggl?|biggr?|Biggl?|Biggr?)(?![A-Za-z])"
                      r"|\\[,;:! ]|~|&|\s+")
_FONT = re.compile(r"\\(mathbb|mathbf|mathrm|operatorname|text|textrm|mathsf|mathcal)\s+([A-Za-z])")
_EXPECT = r"(?:\\(?:mathbb|mathbf|mathrm|operatorname|textrm|text|mathsf)\{E\}|\\operatorname\{\\mathbb\{E\}\}|E)"
_VARIANCE = (r"(?:\\(?:operatorname|mathrm|text|textrm|mathsf)\{(?:Var|var|V)\}|\\mathbb\{V\}(?:\\mathrm\{ar\}|ar)?"
             r"|Var|\\Var|\\var)")


def _arg(tag: str) -> str:
    """A plain name, with a power ``^2`` (or ``^{2}``), named by ``tag``."""
    return rf"(?P<name{tag}>\\?[A-Za-z]+)(?:\^(?:\{{(?P<k{tag}>\d)\}}|(?P<j{tag}>\d)))?"


#: a moment of a plain name: E[X], E(X^2), \mathbb{E}X (no power without brackets), Var(X)
_TERM = re.compile(rf"(?P<op>{_EXPECT}|{_VARIANCE})(?:\[{_arg('a')}\]|\({_arg('b')}\)|\\\{{{_arg('c')}\\\}}"
                   r"|(?P<named>\\?[A-Za-z]+))")
#: any moment operator in a math (read or not)
_ANY_MOMENT = re.compile(rf"{_EXPECT}\s*(?:\\left\s*)?[\[(]|\\(?:mathbb|mathbf|mathrm|operatorname|textrm|text|mathsf)"
                         r"\s*\{?\s*(?:E|Var|var|Cov|cov|V)\b|\\mathbb\s*\{?\s*[EV]\b|\b(?:Var|Cov)\b")
#: a plain name, as one an equation defines (``s``, ``\mu``, ``m_2``)
_NAMED = re.compile(r"\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*")
#: what a value may not hold: a relation, a law, a set
_NOT_VALUE = re.compile(r"[<>=]|\\(?:le|leq|ge|geq|lt|gt|ne|neq|sim|in|approx|pm|mp|to)(?![A-Za-z])")
#: what cuts the equations of one math apart: commas, \quad, "and", rows of an alignment
_CUTS = re.compile(r";|\\q?quad(?![A-Za-z])|\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:and|,)?\s*\}|\\text\s*\{\s*,?"
                   r"\s*and\s*\}|\\(?:begin|end)\s*\{[^{}]*\}")


def _terms(text: str) -> list[tuple[str, str, int]] | None:
    """``text``, one side of an equation, as a moment of a plain name:
    ``[(kind, name, order)]`` with kind ``E`` or ``Var``; ``[]`` for a
    side with no moment; ``None`` for one with a moment not read."""
    plain = _SPACING.sub("", _FONT.sub(r"\\\1{\2}", text))
    m = _TERM.fullmatch(plain)
    if m is None:
        return None if _ANY_MOMENT.search(text) else []
    found = {k: v for k, v in m.groupdict().items() if v and k != "op"}
    name = next(v for k, v in found.items() if k.startswith("name"))
    order = int(next((v for k, v in found.items() if k[0] in "kj"), "1"))
    kind = "Var" if re.fullmatch(_VARIANCE, m.group("op")) else "E"
    if kind == "Var" and order != 1:
        return None
    return [(kind, name.lstrip("\\"), order)]


def _equations(math: str) -> list[list[str]] | None:
    """The equations of a math that states moments (``\\mathbb{E}[X] = 2,
    \\quad \\mathbb{E}[Y] = 3``), each its sides; ``None`` where a piece is
    no equation with a moment on a side."""
    body = re.sub(r"\\[,;:! ]|&", " ", math.replace("\\\\", ","))  # rows apart; thin spaces and marks aside
    body = _CUTS.sub(",", body).strip().rstrip(".,; ")
    out = []
    for a, b in comma_spans(body):
        piece = body[a:b].strip()
        if not piece:
            continue
        sides = [s.strip() for s in _top_level_split(piece, "=")]
        if len(sides) < 2 or any(not s for s in sides):
            return None
        out.append(sides)
    return out or None


def _top_level_split(text: str, sep: str) -> list[str]:
    depth, start, out = 0, 0, []
    for k, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            out.append(text[start:k])
            start = k + 1
    return [*out, text[start:]]


def stated_in_math(math: str, names: list[str]) -> dict[str, Moments] | None:
    r"""The moments of ``names`` a math states (``\mathbb{E}[X] =
    \mathbb{E}[Y] = 0``); ``None`` where it states one that is not read (of
    another name, of a product, a second moment of order three, ...), ``{}``
    for a math with no moment."""
    if not _ANY_MOMENT.search(math):
        return {}
    equations = _equations(math)
    if equations is None:
        return None
    out: dict[str, Moments] = {}
    for sides in equations:
        read = [_terms(s) for s in sides]
        if any(r is None for r in read):
            return None
        if not read[0] and _NAMED.fullmatch(sides[0]):
            continue  # "$s = \mathbb{E}[Y^2]$": a name defined, nothing the law has to meet
        moments = [t for r in read if r for t in r]
        values = [s for s, r in zip(sides, read, strict=True) if not r]
        if not moments or len(values) != 1 or _NOT_VALUE.search(values[0]) or any(n not in names
                                                                                  for _, n, _ in moments):
            return None  # E[X] = E[Y] (no value), E[Y] = 2 of a name not declared here
        for kind, name, order in moments:
            what = "var" if kind == "Var" else {1: "mean", 2: "second"}.get(order, "")
            out[name] = merged(out.get(name), _one(what, values[0]) if what else Moments(unread=True))
    return out


def moment_math(math: str) -> bool:
    """Whether a math only states moments (``\\mathbb{E}[X] = 2, \\quad
    \\operatorname{Var}(X) = 1``), whatever names they are of, each on the left
    (``s = \\mathbb{E}[Y^2]`` defines ``s``)."""
    if not _ANY_MOMENT.search(math) or (equations := _equations(math)) is None:
        return False
    for sides in equations:
        read = [_terms(s) for s in sides]
        if any(r is None for r in read) or not read[0] or any(
                _NOT_VALUE.search(s) for s, r in zip(sides, read, strict=True) if not r):
            return False
    return True


#: a display block: $$...$$, \[...\], or an equation-like environment
_DISPLAY = re.compile(r"(?<!\\)\$\$(?P<a>[^$]{1,400}?)(?<!\\)\$\$|(?<!\\)\\\[(?P<b>.{1,400}?)(?<!\\)\\\]"
                      r"|\\begin\{(?P<env>equation|align|gather|multline|displaymath)(?P<star>\*?)\}"
                      r"(?P<c>.{1,400}?)\\end\{(?P=env)(?P=star)\}", re.S)


def inline_displays(text: str) -> str:
    r"""``text`` with each display that only states moments (``$$
    \mathbb{E}[X] = 2, \quad \mathbb{E}[Y] = 3. $$``) written as text math
    of its sentence, its closing stop after it: the same as ``$\mathbb{E}[X]
    = 2$, $\mathbb{E}[Y] = 3$``.

    >>> inline_displays("with\n$$ \\mathbb{E}[X] = 2. $$\nThen")
    'with\n$\\mathbb{E}[X] = 2$.\nThen'
    """
    def inline(m: re.Match[str]) -> str:
        body = m.group("a") or m.group("b") or m.group("c") or ""
        if not moment_math(body):
            return m.group()
        kept = re.sub(r"\\(?:begin|end)\s*\{[^{}]*\}", " ", body).strip()
        stop = kept[-1] if kept and kept[-1] in ".,;" else ""
        return f"${kept.rstrip('.,; ')}${stop}"
    return _DISPLAY.sub(inline, text)


# -- moments in words ----------------------------------------------------------
_WHAT = {"mean": "mean", "means": "mean", "expectation": "mean", "expectations": "mean", "expected value": "mean",
         "expected values": "mean", "variance": "var", "variances": "var", "standard deviation": "sd",
         "standard deviations": "sd", "second moment": "second", "second moments": "second"}
_NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
_VALUES = r"@\d+@(?:\s*(?:,\s*(?:and\s+)?|and\s+)@\d+@)*|zero|one|two|three|four|five"
_WHAT_WORDS = r"(?P<what>means?|expectations?|expected\s+values?|variances?|standard\s+deviations?|second\s+moments?)"
#: "the mean of $X$ is $2$": of one name
_OF = re.compile(rf"\b{_WHAT_WORDS}\s+of\s+(?P<subject>@\d+@)\s+(?:is|equals?|equal\s+to|=)\s+(?P<values>@\d+@|zero|one"
                 r"|two|three|four|five)(?!\w)", re.I)
_WORDED = re.compile(
    rf"\b{_WHAT_WORDS}\s+(?:(?:is|are|equals?|equal\s+to|of|given\s+by|=)\s+)?(?P<values>{_VALUES})(?!\w)"
    r"(?P<respectively>\s*,?\s*\(?respectively\)?)?", re.I)
_ADJECTIVES = {"mean": re.compile(r"\b(?:zero|0)[- ]mean\b|\bmean[- ]zero\b|\bcent(?:red|ered)\b(?!\s+(?:at|around"
                                  r"|about|on|in)\b)", re.I),
               "var": re.compile(r"\bunit[- ]variance\b|\bvariance[- ]one\b", re.I),
               "both": re.compile(r"\bstandardi[sz]ed\b", re.I)}
#: a moment spoken of without a value ("with finite variance"): no moment stated
_NO_VALUE = re.compile(r"\b(?:finite|bounded|well[- ]defined|existing|non-?zero|positive)\s+(?:(?:first|second|third"
                       r"|fourth)\s+)?(?:means?|variances?|moments?|expectations?)\b", re.I)
#: words that draw a consequence: what follows them is a claim
DRAWN = re.compile(r"\b(?:so|hence|thus|therefore|then|consequently|whence|implying|giving|which\s+(?:gives|means"
                    r"|implies|yields)|it\s+follows|we\s+(?:get|obtain|have|find|see))\b|\\(?:implies|Rightarrow)(?![A-Za-z])",
                    re.I)
#: words of a moment left over once the phrases above are read: a moment stated that is not read
_MOMENT_WORD = re.compile(r"\b(?:means?|expectations?|expected|variances?|deviations?|moments?|average"
                          r"|cent(?:red|ered))\b", re.I)


def said(marked: str, maths: list[str], names: list[str]) -> dict[str, Moments]:
    r"""The moments one stretch of a sentence (its text math marked ``@0@``,
    ``@1@``, ... as in :mod:`symproofs.latex.laws`) states of the random
    variables ``names`` it declares (see the module); a name it states
    something of that is not read is :attr:`Moments.unread`, and so is one
    it speaks of after words that draw a consequence ("with mean $2$, so
    $\mathbb{E}[X^2] = 5$": a claim, which no law is made of)."""
    drawn = DRAWN.search(marked)
    if drawn is None:
        return _stated(marked, maths, names)
    out = _stated(marked[:drawn.start()], maths, names)
    after = marked[drawn.end():]
    if _MOMENT_WORD.search(re.sub(r"@\d+@", " ", after)) or any(
            _ANY_MOMENT.search(maths[int(k)]) for k in re.findall(r"@(\d+)@", after)):
        out = {name: Moments(unread=True) for name in names}
    return out


def _stated(marked: str, maths: list[str], names: list[str]) -> dict[str, Moments]:
    """The moments a stretch with no consequence drawn states (:func:`said`)."""
    out: dict[str, Moments] = {}

    def put(name: str, moments: Moments) -> None:
        out[name] = merged(out.get(name), moments)

    rest = _NO_VALUE.sub(" ", marked)
    for key, pattern in _ADJECTIVES.items():  # "zero-mean", "unit variance", "standardized"
        if pattern.search(rest):
            for name in names:
                put(name, Moments(mean="0", var="1") if key == "both" else _one(key, "0" if key == "mean" else "1"))
            rest = pattern.sub(" ", rest)
    for m in [*_OF.finditer(rest), *_WORDED.finditer(_OF.sub(" ", rest))]:
        what = _WHAT[re.sub(r"\s+", " ", m.group("what").lower())]
        values = [_NUMBER_WORDS.get(v.lower()) or maths[int(v.strip("@"))].strip()
                  for v in re.findall(r"@\d+@|[A-Za-z]+", m.group("values")) if v.lower() != "and"]
        of = maths[int(m.group("subject").strip("@"))].strip().lstrip("\\") if m.re is _OF else None
        whose = names if of is None else [of] if of in names else []
        pairs = list(zip(whose, values, strict=True)) if len(values) == len(whose) else \
            [(n, values[0]) for n in whose] if len(values) == 1 else None
        if pairs is None or any(_NOT_VALUE.search(v) or _ANY_MOMENT.search(v) or v.lstrip("\\") in names
                                for v in values):  # "the mean of $X$ is ...": not read
            for name in names:
                put(name, Moments(unread=True))
            continue
        for name, value in pairs:
            put(name, _one("var", f"({value})^2") if what == "sd" else _one(what, value))
    rest = _WORDED.sub(" ", _OF.sub(" ", rest))
    for k, math in enumerate(maths):
        if f"@{k}@" not in rest or not _ANY_MOMENT.search(math):
            continue
        stated = stated_in_math(math, names)
        for name in names if stated is None else ():
            put(name, Moments(unread=True))
        for name, moments in (stated or {}).items():
            put(name, moments)
    if _MOMENT_WORD.search(re.sub(r"@\d+@", " ", rest)):
        for name in names:  # "its mean is the median", "with mean and variance $0$ and $1$": not read
            put(name, Moments(unread=True))
    return out


def _one(what: str, value: str) -> Moments:
    """One moment stated: ``what`` is ``mean``, ``var`` or ``second``."""
    return Moments(mean=value if what == "mean" else None, var=value if what == "var" else None,
                   second=value if what == "second" else None)


def _number(latex: str) -> Fraction | None:
    """A plain number written in LaTeX (``2``, ``-1``, ``0.5``, ``\\frac{1}{2}``, ``(2)^2``), or ``None``."""
    text = re.sub(r"\s+", "", latex)
    square = re.fullmatch(r"\((.*)\)\^\{?2\}?", text)
    if square is not None:
        base = _number(square.group(1))
        return None if base is None else base**2
    frac = re.fullmatch(r"(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}", text)
    if frac is not None and int(frac.group(3)):
        return Fraction(int(frac.group(2)), int(frac.group(3))) * (-1 if frac.group(1) else 1)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return Fraction(text)
    return None


def _group(latex: str) -> str:
    return latex if re.fullmatch(r"\s*[\w\\]+\s*", latex) else f"({latex})"


def _plain(latex: str) -> str:
    """A value as compared: spacing and braces aside."""
    return re.sub(r"[\s{}]|\\[,;:! ]", "", latex)
