r"""Laws and independence a text states in words and text math.

A TA reads ``Let $X \sim \mathcal{N}(\mu, \sigma^2)$``, ``$B \sim
\mathrm{Bernoulli}(p)$`` or ``$U \sim \mathcal{U}(a, b)$`` as the law of a
random variable, and "$X$ and $Y$ are independent" (or a sentence that
declares several laws and says "independent") as independence. Only plain
names (``X``, ``Z``, ``\xi``) with a normal, Bernoulli or uniform law whose
parameters are written out are read (a normal's variance as a square or 1:
``\mathcal{N}(0, \sigma)`` and ``\mathcal{N}(0, 4)`` read two ways); anything
else (families ``X_i``, vectors, ``\mathcal{N}(0, I)``) is left to a
notation file.

>>> [(v.name, v.law, v.params) for v in laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.")[0]]
[('X', 'normal', (('mean', '0'), ('var', '1')))]
"""

from __future__ import annotations

import re

from symproofs.latex.notation import RandomVariable
from symproofs.latex.scan import comma_spans

__all__ = ["laws_in_text"]

_NAME = r"\\?[A-Za-z]+"
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]{1,200}?)(?<![\\$])\$(?!\$)")
_LAW = re.compile(
    rf"^\s*(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*\\sim\s*(?P<law>"
    r"\\mathcal\s*\{?\s*[NU]\s*\}?|\\(?:mathrm|operatorname|text|textrm)\s*\{\s*(?:N|Normal|Gaussian|Bern|Bernoulli"
    r"|Ber|U|Unif|Uniform)\s*\}|N|Normal|Bern|Bernoulli|Ber|Unif|Uniform|U)\s*"
    r"(?:\\left\s*)?(?P<open>[(\[])(?P<args>[^()\[\]$]*(?:\([^()]*\)[^()\[\]$]*)*)(?:\\right\s*)?(?P<close>[)\]])\s*$")
_KIND = {"N": "normal", "Normal": "normal", "Gaussian": "normal", "Bern": "bernoulli", "Bernoulli": "bernoulli",
         "Ber": "bernoulli", "U": "uniform", "Unif": "uniform", "Uniform": "uniform"}
_PARAMS = {"normal": ("mean", "var"), "bernoulli": ("p",), "uniform": ("low", "high")}
#: a parameter that is no number of this reading (a matrix, a vector, a set)
_NOT_SCALAR = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbb|Sigma)|\bI\b|\\dots|\\ldots|;")
#: a variance written so that no reader takes it for a standard deviation: a square, or 1
_VARIANCE = re.compile(r"\s*(?:1|.*\^\s*\{?\s*2\s*\}?)\s*")
#: words that make a sentence no declaration: hypotheses, negations, examples, doubt
_HEDGED = re.compile(r"\b(?:not|no|never|nor|were|would|could|might|whether|example|instance|e\.g|such\s+as|cannot"
                     r"|\w+n't|unless|if|false|wrong|instead|suppose\s+instead|later|otherwise)\b", re.I)
#: independence of another kind, or of something else: "conditionally", "pairwise", "independent of $W$"
_NOT_MUTUAL = re.compile(r"\b(?:conditionally|pairwise|given)\b|\bindependent\s+of\b", re.I)
#: a name the text defines by a formula ("$X = \mu + \sigma Z$"): no law of its own
_DEFINED = re.compile(r"(?<![\\$])\$\$?\s*(\\?[A-Za-z]+)\s*(?::=|=|\\coloneqq|\\triangleq)", re.I)
_INDEPENDENT = re.compile(r"\b(?<!not\s)(?<!in)independent\b", re.I)
_PAIR = re.compile(rf"\$\s*(?P<a>{_NAME})\s*\$\s*and\s*\$\s*(?P<b>{_NAME})\s*\$\s*(?:are|be)\s+independent\b"
                   rf"|independent\s+(?:random\s+variables\s+)?\$\s*(?P<c>{_NAME})\s*\$\s*and\s*\$\s*(?P<d>{_NAME})\s*\$"
                   rf"|\$\s*(?P<e>{_NAME})\s*,\s*(?P<f>{_NAME})\s*\$\s*(?:are|be)\s+independent\b", re.I)


def laws_in_text(text: str) -> tuple[list[RandomVariable], list[tuple[str, ...]]]:
    """The random variables ``text`` gives a law, and the groups of them it
    says are independent (see the module)."""
    found: dict[str, RandomVariable] = {}
    dropped: set[str] = set()  # names given two laws, or defined by a formula too
    dropped |= {m.group(1).lstrip("\\") for m in _DEFINED.finditer(text)}
    # a name given two laws anywhere, read or not ("if $X \sim \mathcal{U}(0, 2)$", "$X \sim \mathrm{Exp}(1)$"): none
    said: dict[str, set[str]] = {}
    for m in _MATH.finditer(text):
        stated = re.match(r"\s*([^~]*?)\\sim\s*(.*)", m.group(1))
        if stated is not None:
            for name in stated.group(1).split(","):
                said.setdefault(name.strip().lstrip("\\"), set()).add(re.sub(r"\s+", "", stated.group(2)))
    dropped |= {name for name, laws in said.items() if len(laws) > 1}
    groups: list[tuple[str, ...]] = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        named: list[str] = []
        words = _MATH.sub(" ", sentence)
        if sentence.rstrip().endswith("?"):
            words += " whether"  # "Are $X$ and $Y$ independent?": a question, which declares nothing
        if re.search(r"independen", words, re.I) and (_HEDGED.search(words) or _NOT_MUTUAL.search(words)):
            # "we do not know whether $X$ and $Y$ are independent", "pairwise independent": an independence
            # (or its absence) no law here says; the names it speaks of get none
            dropped |= {m.group(1).strip().lstrip("\\") for m in _MATH.finditer(sentence)
                        if re.fullmatch(r"\s*\\?[A-Za-z]+\s*", m.group(1))}
            dropped |= {n.strip().lstrip("\\") for m in _MATH.finditer(sentence) if (law := _LAW.match(m.group(1)))
                        for n in law.group("names").split(",")}
            continue
        if _HEDGED.search(words):
            continue  # "if $X \sim ...$ were", "we do not assume", "for example"
        for m in _MATH.finditer(sentence):
            law = _LAW.match(m.group(1))
            if law is None:
                continue
            word = re.sub(r"\\[A-Za-z]+|[\s{}]", "", law.group("law"))
            kind = _KIND.get(word)
            args = law.group("args")
            spans = comma_spans(args)
            if kind is None or _NOT_SCALAR.search(args) or len(spans) != len(_PARAMS[kind]) \
                    or (kind != "uniform" and (law.group("open"), law.group("close")) != ("(", ")")):
                continue
            params = tuple((key, args[a:b].strip()) for key, (a, b) in zip(_PARAMS[kind], spans, strict=True))
            if any(not value for _, value in params) or (kind == "normal" and not _VARIANCE.fullmatch(params[1][1])):
                continue  # \mathcal{N}(0, \sigma): a standard deviation to some, a variance to others
            for name in (n.strip().lstrip("\\") for n in law.group("names").split(",")):
                found[name] = RandomVariable(name=name, law=kind, params=params)  # (two laws: dropped above)
                named.append(name)
        if len(named) >= 2 and _INDEPENDENT.search(words) and not _NOT_MUTUAL.search(words):
            groups.append(tuple(dict.fromkeys(named)))
        for m in _PAIR.finditer(sentence):
            if not _NOT_MUTUAL.search(sentence[m.end():m.end() + 30] + " " + _MATH.sub(" ", sentence)):
                pair = tuple(n for n in m.groupdict().values() if n is not None)
                groups.append(tuple(n.lstrip("\\") for n in pair))
    return ([v for v in found.values() if v.name not in dropped],
            [g for g in groups if not set(g) & dropped])
