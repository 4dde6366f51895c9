r"""Laws and independence a text states in words and text math.

A TA reads ``Let $X \sim \mathcal{N}(\mu, \sigma^2)$``, ``$B \sim
\mathrm{Bernoulli}(p)$`` or ``$U \sim \mathcal{U}(a, b)$`` as the law of a
random variable, and "$X$ and $Y$ are independent", "independent $X$ and
$Y$", "$X, Y \sim \mathcal{N}(0, 1)$ i.i.d." (independence said of the
names themselves) as independence. Only plain names (``X``, ``Z``,
``\xi``) with a normal, Bernoulli or uniform law whose parameters are
written out are read (a normal's variance as a square or 1:
``\mathcal{N}(0, \sigma)`` and ``\mathcal{N}(0, 4)`` read two ways);
anything else (families ``X_i``, vectors, ``\mathcal{N}(0, I)``) is left to
a notation file. A law said to hold approximately ("by the CLT", "for large
$n$") is no law; a name the text describes again ("let $X$ denote the
number of heads", "we replace $B$ by a die roll") has none; an independence
a later sentence takes back ("that was a mistake", "they are correlated")
is none.

A name the text calls a random variable ("let $X$ and $Y$ be random
variables") is random with no law of its own (``generic``): linearity and
the independence stated hold for it, nothing else.

>>> [(v.name, v.law, v.params) for v in laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.")[0]]
[('X', 'normal', (('mean', '0'), ('var', '1')))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from symproofs.latex.givenmoments import DRAWN, Moments, inline_displays, merged, said
from symproofs.latex.lawfacts import stated_alone
from symproofs.latex.notation import RandomVariable
from symproofs.latex.scan import comma_spans

__all__ = ["laws_in_text"]

_NAME = r"\\?[A-Za-z]+"
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]{1,200}?)(?<![\\$])\$(?!\$)")
_LAW = re.compile(
    rf"^\s*(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*\\sim\s*(?P<law>"
    r"\\mathcal\s*\{?\s*[NU]\s*\}?|\\(?:mathrm|operatorname|text|textrm|mathsf|textsf)\s*\{\s*(?:N|Normal|Gaussian"
    r"|Bern|Bernoulli|Ber|U|Unif|Uniform|Exp|Expo|Exponential|Poisson|Pois|Poi)\s*\}"
    r"|N|Normal|Bern|Bernoulli|Ber|Unif|Uniform|U|Exp|Exponential|Poisson|Pois)\s*"
    r"(?:\\left\s*)?(?P<open>[(\[])(?P<args>[^()\[\]$]*(?:\([^()]*\)[^()\[\]$]*)*)(?:\\right\s*)?(?P<close>[)\]])\s*$")
_KIND = {"N": "normal", "Normal": "normal", "Gaussian": "normal", "Bern": "bernoulli", "Bernoulli": "bernoulli",
         "Ber": "bernoulli", "U": "uniform", "Unif": "uniform", "Uniform": "uniform", "Exp": "exponential",
         "Expo": "exponential", "Exponential": "exponential", "Poisson": "poisson", "Pois": "poisson",
         "Poi": "poisson"}
_PARAMS = {"normal": ("mean", "var"), "bernoulli": ("p",), "uniform": ("low", "high"), "exponential": ("rate",),
           "poisson": ("rate",)}
#: a parameter that is no number of this reading (a matrix, a vector, a set)
_NOT_SCALAR = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbb|Sigma)|\bI\b|\\dots|\\ldots|;")
#: a variance written so that no reader takes it for a standard deviation: a square, or 1
_VARIANCE = re.compile(r"\s*(?:1|.*\^\s*\{?\s*2\s*\}?)\s*")
#: words that make a sentence no declaration: hypotheses, negations, examples, doubt
_HEDGED = re.compile(r"\b(?:not|no|never|nor|were|would|could|might|whether|example|instance|e\.g|such\s+as|cannot"
                     r"|\w+n't|unless|if|false|wrong|instead|suppose\s+instead|later|otherwise)\b", re.I)
#: a law that holds only approximately or in a limit ("by the CLT", "for large $n$", ``\approx``): no law
_APPROXIMATE = re.compile(r"\b(?:approx\w*|asymptotic\w*|roughly|nearly|essentially|heuristic\w*|limit\w*|large"
                          r"|tends?|tending|converg\w*|CLT)\b|\\(?:approx|simeq|to|rightarrow|longrightarrow"
                          r"|xrightarrow)(?![A-Za-z])", re.I)
#: words that deny, doubt or report an independence rather than state it ("far from independent")
_NOT_STATED = re.compile(r"\b(?:far|hardly|barely|rather|dependent|correlated|mistake\w*|incorrect\w*|erroneous"
                         r"|wrote|draft|claimed|thought|believed|seems?|appears?|perhaps|maybe|probably)\b", re.I)
#: independence of another kind, or of something else: "conditionally", "pairwise", "independent of $W$"
_NOT_MUTUAL = re.compile(r"\b(?:conditionally|pairwise|given)\b|\bindependent\s+of\b", re.I)
#: a sentence that takes back what the text said before it ("That was a mistake.")
_RETRACTED = re.compile(r"\b(?:mistake\w*|wrong|incorrect\w*|erroneous\w*|untrue|false|not\s+true"
                        r"|not\s+the\s+case|retract\w*|scratch\s+that|take\s+(?:that|it)\s+back|oops|sorry"
                        r"|correction|actually|wait|on\s+(?:second\s+thought|reflection))\b|^\W*no\b", re.I)
#: a sentence that opens by taking something back ("No, ...", "Actually, ..."); not "common mistakes:"
_OPENS_RETRACTION = re.compile(r"\W*(?:no|oops|sorry|actually|wait|correction|scratch\s+that)\b", re.I)
#: a retraction that points back at the sentence before it ("That was a mistake", "the above is wrong")
_BACK = re.compile(r"\b(?:that|this|above|previous|earlier|before|wrote|said)\b", re.I)
#: a sentence that says names depend on each other ("they are correlated", "not independent")
_DEPENDENT = re.compile(r"\b(?:dependent|dependence|correlated|not\s+independent|no\s+longer\s+independent)\b", re.I)
#: the variables a sentence on dependence speaks of without text math ("they are correlated", "X and Y")
_THEY = re.compile(r"\b(?:they|them|these|those|both|the\s+(?:two|variables|random))\b|(?<![\\\w])(?-i:[A-Z])(?!\w)",
                   re.I)
#: a name the text defines by a formula ("$X = \mu + \sigma Z$"), or ties to one ("take $B = A$"): no law of its own
_DEFINED = re.compile(r"(?<![\\$])\$\$?\s*(\\?[A-Za-z]+)\s*(?::=|=|\\coloneqq|\\triangleq)(?P<formula>[^$]*)",
                      re.I)
#: a name the text describes again in words: "let $X$ denote", "$X$ now counts", "we replace $B$ by"
_AGAIN = re.compile(
    rf"\blet\s+\$\s*(?P<a>{_NAME})\s*\$\s+(?:now\s+|instead\s+)?(?:denote|be|represent|stand|count|mean|equal)\b"
    rf"|\$\s*(?P<b>{_NAME})\s*\$\s+(?:now\s+|instead\s+)?(?:denotes|represents|stands\s+for|counts|means"
    r"|becomes|will\s+(?:now\s+)?(?:denote|be|represent))\b"
    rf"|\$\s*(?P<c>{_NAME})\s*\$\s+(?:is|be)\s+(?:now|instead|the)\b"
    rf"|\b(?:replac|redefin|re-defin|reus|renam|chang|swap|substitut)\w*\s+\$\s*(?P<d>{_NAME})\s*\$"
    rf"|\b(?:take|set|define)\s+\$\s*(?P<f>{_NAME})\s*\$\s+(?:to\s+be|as|be|equal)\b"
    rf"|\b(?:now|instead)\s*,?\s+(?:let\s+|take\s+|set\s+)?\$\s*(?P<e>{_NAME})\s*\$\s+(?:be|denote|is|to\s+be)\b",
    re.I)
#: a run of text math (marked ``@0@``, ``@1@``, ...) and the independence the words around it state of it
_SUBJECT = r"@\d+@(?:\s*(?:,\s*(?:and\s+)?|and\s+)@\d+@)*"
_STATED = re.compile(
    rf"(?P<s1>{_SUBJECT})\s*,?\s*(?:(?:which|that)\s+)?(?:are|be)\s+(?:all\s+|both\s+|mutually\s+|jointly\s+)?"
    rf"independent\b|(?P<s2>{_SUBJECT})\s*,?\s*(?:i\.i\.d\b|iid\b|independent(?:ly)?\b(?!\s+of\b))"
    rf"|\b(?:independent|i\.i\.d\.?|iid)\s+(?:(?:random\s+)?(?:variables|draws|copies|samples)\s+)?(?P<s3>{_SUBJECT})",
    re.I)
#: names the text calls random variables, with no law of their own: "let $X$ and $Y$ be random variables"
#: (and "zero-mean", "centred", "unit-variance", "standardized", which state moments: symproofs.latex.givenmoments)
_MOMENT_ADJECTIVE = r"(?:(?:zero|0)[- ]mean|mean[- ]zero|cent(?:red|ered)|unit[- ]variance|standardi[sz]ed),?\s+"
_RANDOM = re.compile(
    rf"(?P<s1>{_SUBJECT})\s*,?\s*(?:are|be|is|denote)\s+(?:two\s+|both\s+|all\s+)?(?:an?\s+)?"
    rf"(?:(?:mutually\s+)?independent,?\s+|real(?:[- ]valued)?\s+|scalar\s+|{_MOMENT_ADJECTIVE})*random\s+variables?\b"
    rf"|\b(?:{_MOMENT_ADJECTIVE})*random\s+variables?\s+(?P<s2>{_SUBJECT})", re.I)
#: a sentence that goes on about the names the one before declared: "It has mean $0$.", "Their variances are"
_GOING_ON = re.compile(
    r"^\W*(?:(?P<one>it\s+has|its\s+(?:means?|variances?|expect\w*|standard|second))\b"
    r"|(?P<all>(?:they|both|all|each(?:\s+of\s+them)?)\s+(?:has|have)|their\s+(?:means?|variances?|expect\w*|standard"
    r"|second))\b|(?P<named>@\d+@(?:\s*(?:,\s*(?:and\s+)?|and\s+)@\d+@)*)\s*(?:has|have)\b"
    r"|(?:the\s+)?(?:mean|variance|expect\w*)s?\s+of\s+(?P<of>@\d+@)\s+(?:is|equals)\b)", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@dataclass
class _Reading:
    """What the sentences of a text said so far."""

    found: dict[str, RandomVariable] = field(default_factory=dict)
    #: names given two laws, defined by a formula or described again, or whose independence is doubted
    dropped: set[str] = field(default_factory=set)
    #: each group stated independent, with the index of its sentence
    groups: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    #: the names whose law each sentence gave
    named: list[list[str]] = field(default_factory=list)
    #: the names each sentence calls random variables, and the moments the text states of them
    declared: list[list[str]] = field(default_factory=list)
    moments: dict[str, Moments] = field(default_factory=dict)


def laws_in_text(text: str) -> tuple[list[RandomVariable], list[tuple[str, ...]]]:
    """The random variables ``text`` gives a law, and the groups of them it
    says are independent (see the module)."""
    defined: dict[str, list[str]] = {}
    for m in _DEFINED.finditer(text):
        defined.setdefault(m.group(1).lstrip("\\"), []).append(m.group("formula"))
    text = inline_displays(text)  # "random variables with $$E[X] = 2, \quad E[Y] = 3.$$": as in text math
    seen = _Reading(dropped=_two_laws(text))
    sentences = _sentences(text)
    for k, (_, sentence) in enumerate(sentences):
        seen.named.append([])
        seen.declared.append([])
        words = _MATH.sub(" ", sentence)
        if _RETRACTED.search(words) and k and (_BACK.search(words) or _OPENS_RETRACTION.match(words)):
            # "That was a mistake.": no independence said before, and no law of the sentence it points at
            seen.groups = [(at, g) for at, g in seen.groups if at >= k]
            seen.dropped |= set(seen.named[k - 1]) if _BACK.search(words) else set()
        if _APPROXIMATE.search(words) and _BACK.search(words) and k:
            seen.dropped |= set(seen.named[k - 1])  # "$S \sim \mathcal{N}(0, 1)$. This is an approximation."
        _read_sentence(sentence, k, seen)
    dependent = [names for _, s in sentences if (names := _dependent(s)) is not None]
    groups = [g for _, g in seen.groups if not any(not names or set(g) & names for names in dependent)]
    seen.dropped |= _described_again(text, sentences, seen.found)
    tied = _tied(defined, seen)
    for name in tied:  # "take $B = A$": B stays random, with no law of its own
        seen.found[name] = RandomVariable(name=name, law="generic", params=())
    seen.dropped |= set(defined) - tied
    for name, moments in seen.moments.items():  # "a random variable with mean $2$": a law with that mean
        v = seen.found.get(name)
        if v is not None and v.law == "generic" and not v.params and name not in tied:  # (B = A: A's law)
            params = moments.params()
            seen.found[name] = replace(v, unread=True) if params is None or any(
                _NOT_SCALAR.search(p) for _, p in params) else replace(v, params=params)
    alone = stated_alone(text)  # "$\sigma \in \mathbb{R}$": the text says what sigma is, not the law
    return ([replace(v, stated=alone & {n for p in (*(p for _, p in v.params), *v.positive)
                                        for n in re.findall(_NAME, p)})
             for v in seen.found.values() if v.name not in seen.dropped],
            [g for g in groups if not set(g) & seen.dropped])


def _tied(defined: dict[str, list[str]], seen: _Reading) -> set[str]:
    """The random variables the text equates to formulas in other random
    variables ("take $B = A$", "$Y = 2X + 1$", "$Y = f(X)$") and to nothing
    else, which no other reading dropped: they stay random, with no law of
    their own (the case or definition that ties them is the grader's to read:
    there the names are not independent)."""
    others = set(seen.found) - seen.dropped
    return {name for name, formulas in defined.items() if name in others and all(
        any(n != name and re.search(rf"(?<![A-Za-z\\])\\?{re.escape(n)}(?![A-Za-z])", f) for n in others)
        for f in formulas)}


def _sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` (and paragraphs), each with where it starts."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    return [*out, (start, text[start:])]


def _two_laws(text: str) -> set[str]:
    r"""The names given two laws anywhere, read or not ("if $X \sim \mathcal{U}(0, 2)$",
    "$X \sim \mathrm{Exp}(1)$")."""
    said: dict[str, set[str]] = {}
    for m in _MATH.finditer(text):
        stated = re.match(r"\s*([^~]*?)\\sim\s*(.*)", m.group(1))
        if stated is not None:
            for name in stated.group(1).split(","):
                said.setdefault(name.strip().lstrip("\\"), set()).add(re.sub(r"\s+", "", stated.group(2)))
    return {name for name, laws in said.items() if len(laws) > 1}


def _names_in(sentence: str) -> set[str]:
    """The plain names a sentence's text math speaks of, and those it gives a law."""
    names = {m.group(1).strip().lstrip("\\") for m in _MATH.finditer(sentence)
             if re.fullmatch(r"\s*\\?[A-Za-z]+\s*", m.group(1))}
    return names | {n.strip().lstrip("\\") for m in _MATH.finditer(sentence) if (law := _LAW.match(m.group(1)))
                    for n in law.group("names").split(",")}


def _dependent(sentence: str) -> set[str] | None:
    """The names a sentence says depend on others ("$X$ and $Z$ are dependent"), the empty set where it
    names none ("they are correlated", "the estimates are correlated": any of them), ``None`` where it
    says nothing of dependence ("the bound is dependent on a constant": a quantity, not a variable)."""
    words = _MATH.sub(" ", sentence)
    if not _DEPENDENT.search(words):
        return None
    of_variables = any(not re.match(r"\s+(?:up)?on\b", words[m.end():], re.I) for m in _DEPENDENT.finditer(words))
    names = _names_in(sentence)
    return names if names else set() if of_variables or _THEY.search(words) else None


def _read_sentence(sentence: str, k: int, seen: _Reading) -> None:
    """The laws and the independence one sentence states (see the module)."""
    words = _MATH.sub(" ", sentence)
    if sentence.rstrip().endswith("?"):
        words += " whether"  # "Are $X$ and $Y$ independent?": a question, which declares nothing
    if _APPROXIMATE.search(sentence):
        seen.dropped |= {n for n in _names_in(sentence) if _law_named(sentence, n)}  # "approximately normal"
        return
    if re.search(r"independen|i\.i\.d|\biid\b", words, re.I) and (
            _HEDGED.search(words) or _NOT_MUTUAL.search(words) or _NOT_STATED.search(words)):
        # "we do not know whether $X$ and $Y$ are independent", "pairwise independent", "far from
        # independent": an independence (or its absence) no law here says; the names it speaks of get none
        seen.dropped |= _names_in(sentence)
        return
    if _HEDGED.search(words):
        return  # "if $X \sim ...$ were", "we do not assume", "for example"
    maths = [m.group(1) for m in _MATH.finditer(sentence)]
    for math in maths:
        read = _law(math)
        for v in read:
            seen.found[v.name] = v  # (two laws: dropped above)
        seen.named[k] += [v.name for v in read]
    counter = iter(range(len(maths)))
    marked = _MATH.sub(lambda _: f"@{next(counter)}@", sentence)
    for v in _in_words(marked, maths):  # "$X$ is Gaussian with mean $\mu$ and variance $\sigma^2$"
        seen.found.setdefault(v.name, v)
        seen.named[k].append(v.name)
    declared = [(m, names) for m in _RANDOM.finditer(marked) if (names := _subject_names(
        [maths[int(i)] for i in re.findall(r"@(\d+)@", m.group("s1") or m.group("s2"))]))]
    for at, (m, names) in enumerate(declared):  # random, any law: E is linear in it, and it is no constant
        for name in names:
            seen.found.setdefault(name, RandomVariable(name=name, law="generic", params=()))
        seen.declared[k] += names
        # what the words up to the next declaration state of its moments: "with mean $2$"; not a law where the
        # words draw it ("so $Y$ is a random variable with mean $3$": a claim, which a refutation may break)
        end = declared[at + 1][0].start() if at + 1 < len(declared) else len(marked)
        stated = said(marked[m.start():end], maths, list(names))
        drawn = DRAWN.search(_MATH.sub(" ", marked[:m.start()])) is not None
        _state(seen, {name: Moments(unread=True) for name in stated} if drawn else stated)
    if not declared and k and seen.declared[k - 1]:
        _going_on(marked, maths, seen.declared[k - 1], seen)
    for m in _STATED.finditer(marked):
        subject = m.group("s1") or m.group("s2") or m.group("s3")
        group = _subject_names([maths[int(i)] for i in re.findall(r"@(\d+)@", subject)])
        if group is not None and len(group) >= 2:
            seen.groups.append((k, group))


def _state(seen: _Reading, stated: dict[str, Moments]) -> None:
    for name, moments in stated.items():
        seen.moments[name] = merged(seen.moments.get(name), moments)


def _going_on(marked: str, maths: list[str], before: list[str], seen: _Reading) -> None:
    """The moments a sentence states of names the sentence before it
    declared, where it opens with them ("It has mean $0$.", "$X$ has variance
    $1$.", "Their means are $0$."); "it" for two names is any of them: unread."""
    m = _GOING_ON.match(marked)
    if m is None:
        return
    subject = m.group("named") or m.group("of")
    names = list(before) if subject is None else list(_subject_names(
        [maths[int(i)] for i in re.findall(r"@(\d+)@", subject)]) or ())
    if not names or not set(names) <= set(before):
        return
    stated = said(marked, maths, names)
    if m.group("one") and len(names) > 1:
        stated = {name: Moments(unread=True) for name in stated}
    _state(seen, stated)


def _law_named(sentence: str, name: str) -> bool:
    """Whether a text math of ``sentence`` gives ``name`` a law (any law, read or not)."""
    return any(name in (n.strip().lstrip("\\") for n in stated.group(1).split(","))
               for m in _MATH.finditer(sentence) if (stated := re.match(r"\s*([^~]*?)\\sim", m.group(1))))


def _law(math: str) -> list[RandomVariable]:
    """The random variables one text math gives a law it reads (see the module)."""
    law = _LAW.match(math)
    if law is None:
        return []
    word = re.sub(r"\\[A-Za-z]+|[\s{}]", "", law.group("law"))
    kind = _KIND.get(word)
    args = law.group("args")
    spans = comma_spans(args)
    if kind is None or _NOT_SCALAR.search(args) or len(spans) != len(_PARAMS[kind]) \
            or (kind != "uniform" and (law.group("open"), law.group("close")) != ("(", ")")):
        return []
    params = tuple((key, args[a:b].strip()) for key, (a, b) in zip(_PARAMS[kind], spans, strict=True))
    if any(not value for _, value in params) or (kind == "normal" and not _VARIANCE.fullmatch(params[1][1])):
        return []  # \mathcal{N}(0, \sigma): a standard deviation to some, a variance to others
    return [_variable(n.strip().lstrip("\\"), kind, params) for n in law.group("names").split(",")]


def _variable(name: str, kind: str, params: tuple[tuple[str, str], ...]) -> RandomVariable:
    """The random variable ``name`` of law ``kind``. An exponential or a
    Poisson law is read for its parameter alone, which is positive (a rate or
    a scale, as conventions differ): ``law = "parameters"``, no random
    variable of the setting, whose moments nothing here gives."""
    if kind in ("exponential", "poisson"):
        return RandomVariable(name=name, law="parameters", positive=(params[0][1],))
    return RandomVariable(name=name, law=kind, params=params)


#: a law in words after a name: "$X$ is Gaussian with mean $\mu$ and variance $\sigma^2$", "$T$ is exponential
#: with rate $\lambda$", "$N$ follows a Poisson distribution with parameter $\lambda$"
_WORDED = re.compile(
    r"(?P<name>@\d+@)\s*,?\s*(?:is|be|being|follows|has|having)\s+(?:an?\s+|the\s+)?(?:random\s+variable\s+)?"
    r"(?P<kind>gaussian|normal|exponential|poisson)(?:ly)?(?:\s+(?:distributed|random\s+variable|variable|distribution"
    r"|law))?\s*,?\s+(?:with|of)\s+(?P<said>(?:(?:the\s+)?(?:mean|expectation|variance|standard\s+deviation|rate"
    r"|parameter|intensity|scale)\s+(?:\w+\s+)?@\d+@\s*(?:,\s*)?(?:and\s+)?)+)", re.I)
_SAID = re.compile(r"(?P<what>mean|expectation|variance|standard\s+deviation|rate|parameter|intensity|scale)"
                   r"\s+(?:\w+\s+)?@(?P<at>\d+)@", re.I)


def _in_words(marked: str, maths: list[str]) -> list[RandomVariable]:
    """The laws a sentence gives in words (:data:`_WORDED`): a normal law needs
    its mean and its variance (or standard deviation); an exponential or a
    Poisson law its one parameter."""
    out = []
    for m in _WORDED.finditer(marked):
        name = maths[int(m.group("name").strip("@"))].strip()
        if not re.fullmatch(_NAME, name):
            continue
        said = {re.sub(r"\s+", " ", p.group("what").lower()): maths[int(p.group("at"))].strip()
                for p in _SAID.finditer(m.group("said"))}
        kind = {"gaussian": "normal"}.get(m.group("kind").lower(), m.group("kind").lower())
        if kind == "normal":
            mean = said.get("mean", said.get("expectation"))
            var = said.get("variance") or (f"({sd})^2" if (sd := said.get("standard deviation")) else None)
            if mean and var and not _NOT_SCALAR.search(mean + var):
                out.append(_variable(name.lstrip("\\"), kind, (("mean", mean), ("var", var))))
        elif len(said) == 1 and not _NOT_SCALAR.search(rate := next(iter(said.values()))):
            out.append(_variable(name.lstrip("\\"), kind, (("rate", rate),)))
    return out


def _subject_names(maths: list[str]) -> tuple[str, ...] | None:
    r"""The names a run of text math speaks of (``$X \sim ...$``, ``$X$``, ``$X, Y$``); ``None``
    where one of them is no name nor law (``$X + Y$``)."""
    names: list[str] = []
    for math in maths:
        law = _LAW.match(math)
        listed = law.group("names") if law is not None else math
        if not re.fullmatch(rf"\s*{_NAME}(?:\s*,\s*{_NAME})*\s*", listed):
            return None
        names += [n.strip().lstrip("\\") for n in listed.split(",")]
    return tuple(dict.fromkeys(names))


def _described_again(text: str, sentences: list[tuple[int, str]], found: dict[str, RandomVariable]) -> set[str]:
    """The names given a law that a later sentence describes again in words ("let $X$ denote the
    number of heads", "we replace $B$ by a fair die roll"): another meaning, or the same one, a
    reader cannot tell which, so none."""
    first = {name: min((start + len(s) for start, s in sentences if _law_named(s, name)), default=len(text))
             for name in found}
    return {name for m in _AGAIN.finditer(text)
            for name in [next(g for g in m.groups() if g is not None).lstrip("\\")]
            if name in first and m.start() >= first[name]}
