r"""Names a document defines for itself, in the whole document: a function
of one name opening a display row (``f(x) := x^2 + 1``), and ``e`` when a row
opens with it equal to a quantity (``e = y - \hat y``, ``e = mc^2``): there
every other ``e`` is *ambiguous*, that name or Euler's number (the sigmoid's
``e^{-z}`` beside a residual ``e``), and never refuted (``e = \sum_k 1/k!``,
which names no quantity, leaves it Euler's number).

What the words of a question say of its notation (:func:`notation_in_words`):
a letter they declare a function or a number (:mod:`symproofs.latex.letters`)
is one there; ``e`` declared a quantity in words ("let $e$ be the number of edges",
"where $e$ denotes the error", "a graph with $e$ edges", "for every edge $e
\in E$") is a plain name there, or *ambiguous* where the question also
writes an exponential ``e^{x}`` or speaks of Euler's number (also in the
declaring sentence: "let $e$ be the constant with $\ln e = 1$"); a text
math that bounds a lone ``e`` (``$e \ge 0$``) makes it *ambiguous*. The
base the text states for ``\log`` (:mod:`symproofs.latex.conventions`) is
the base of every ``\log`` written without one; a base spoken of in a way
the reader cannot tell, or in another question only, makes ``\log``
*ambiguous*."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from symproofs.latex.conventions import log_base
from symproofs.latex.declarations import Notation
from symproofs.latex.letters import functions_in_words, numbers_in_words
from symproofs.latex.tokens import GREEK

__all__ = ["defined_names", "e_declared", "function_names", "notation_in_words", "pi_applied", "pi_named"]

#: ``f(x) :=``, ``p(x) =`` opening a display row or a text math: the document defines the function
_FUNCTION_DEFINED = re.compile(r"(?:^|\$\$|\$|\\\[|\\\\|\\begin\{[a-z*]+\})[ \t]*(?:&[ \t]*)?"
                               r"(?P<name>[A-Za-z]|\\[A-Za-z]+)[ \t]*"
                               r"\([ \t]*\\?[A-Za-z]+[ \t]*\)[ \t]*(?:&[ \t]*)?"
                               r"(?::=|=|\\coloneqq|\\triangleq|\\equiv|\\doteq)", re.M)


def function_names(text: str) -> frozenset[str]:
    r"""The letters a document defines as functions of one name at the start of
    a display row or a text math (``f(x) := x^2 + 1``, ``g(t) = e^{-t}``,
    ``\gamma(x) = ...``, a Greek letter too): there ``f(2)``
    and ``f(x + 1)`` are applications, not products a TA could also read."""
    names = (m.group("name") for m in _FUNCTION_DEFINED.finditer(text))
    return frozenset(n if not n.startswith("\\") else GREEK[n[1:]] for n in names
                     if not n.startswith("\\") or n[1:] in GREEK)


#: ``e = y - \hat y`` opening a display row or a text math; the rest of the row up to its end
_E_DEFINED = re.compile(r"(?:^|\$\$|\$|\\\[|\\\\|\\begin\{[a-z*]+\})[ \t]*(?:&[ \t]*)?e[ \t]*(?:&[ \t]*)?"
                        r"(?::=|=|\\coloneqq|\\triangleq)(?P<rest>[^$\n\\]*(?:\\(?!\\|\])[^$\n\\]*)*)", re.M)
_SCRIPT = re.compile(r"[_^]\s*(?:\{(?P<group>[^{}]*)\}|(?P<one>\\?[A-Za-z0-9]+))")
_DIFFERENTIAL = re.compile(r"(?<![A-Za-z\\])d(?:\\,|\s)*(?P<var>[A-Za-z])(?![A-Za-z])")


def e_named(text: str) -> bool:
    """Whether the document opens a row with ``e`` equal to an expression in
    other names that are free there (a quantity, not a value of Euler's
    number: the index of a sum, the variable of a limit or an integral are
    bound)."""
    for m in _E_DEFINED.finditer(text):
        rest = m.group("rest")
        bound = {v for g in _SCRIPT.finditer(rest)
                 for v in re.findall(r"([A-Za-z])\s*(?:=|\\to)", g.group("group") or "")}
        bound |= {d.group("var") for d in _DIFFERENTIAL.finditer(rest)}
        free = re.sub(r"\\[A-Za-z]+", " ", _DIFFERENTIAL.sub(" ", _SCRIPT.sub(" ", rest)))
        if set(re.findall(r"[A-Za-z]", free)) - bound - {"e"}:
            return True
    return False


#: ``e`` declared a quantity in words: "let $e$ be", "where $e$ denotes", "$e$ is the error", "denote by $e$",
#: "and $e$ the number of edges", "a graph with $e$ edges"
_E_WORDS = re.compile(r"\b(?i:let)\s+\$\s*e\s*\$\s+(?i:be|denote|represent|stand|count)\b"
                      r"|\$\s*e\s*\$\s+(?i:denotes|represents|stands\s+for|counts|(?:is|be)\s+(?:the|an?)\s+\w+"
                      r"|the\s+(?:number|count|total|size)\b)"
                      r"|\b(?i:denote\s+by|write|call|define)\s+\$\s*e\s*\$"
                      r"|\$\s*e\s*\$\s+(?i:(?:\w+\s+)?(?:edges|elements|entries|errors|events|items|nodes|vertices"
                      r"|points|objects|steps|samples|trials|successes|failures|people|students|words|tokens))\b")
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$]{1,200}?)(?<![\\$])\$(?!\$)")
#: a text math that declares ``e`` a member of a set: ``$e \in E$``, ``$e \in \mathbb{N}$``
_E_MEMBER = re.compile(r"\s*e\s*\\in\s*(?:\\mathbb\s*\{?\s*[NZ]\s*\}?|\\mathcal\s*\{\s*[A-Z]\s*\}|[A-Z])\s*")
_RELATION = r"(?:<|>|\\(?:le|ge|leq|geq|lt|gt|ne|neq|in|notin|leqslant|geqslant)(?![A-Za-z]))"
#: a text math that bounds a lone ``e`` (``$e \ge 0$``, ``$n > e$``): a condition on a name, or a fact of
#: Euler's number (``$e > 2$``), a reader takes it two ways
_E_BOUNDED = re.compile(rf"\s*e\s*{_RELATION}.*|.*{_RELATION}\s*e\s*", re.S)
#: words on Euler's number: "Euler", "exponential", "the natural logarithm"
_EULER_WORDS = r"\b(?:Euler\w*|2\.71\d*|natural\s+log\w*|exponential|irrational|transcendental)\b"
_EULER = re.compile(_EULER_WORDS, re.I)
#: a sentence on Euler's number, not a name ("let $e$ be the constant with $\ln e = 1$")
_EULER_SENTENCE = re.compile(rf"{_EULER_WORDS}|\b(?:constant|limit|series|sum|base\s+of|unique|famous|special"
                             r"|approximately|about)\b|\\(?:ln|log|exp|lim|sum|approx)(?![A-Za-z])|\d\.\d", re.I)
#: an exponential ``e^{x}``, ``e^{-z}``: there ``e`` is Euler's number to a reader
_EXPONENTIAL = re.compile(r"(?<![A-Za-z\\])e\s*\^\s*(?:\{[^{}]*[A-Za-z\\][^{}]*\}|[A-Za-z\\])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def e_declared(text: str) -> Literal["name", "ambiguous"] | None:
    """What ``text`` says ``e`` is (see the module): a plain name, *ambiguous*,
    or nothing (Euler's number)."""
    text = re.sub(r"\\[()]", "$", text)  # \(e\) is $e$
    declared = doubted = bounded = False
    for sentence in _SENTENCE_END.split(text):
        maths = [m.group(1) for m in _MATH.finditer(sentence)]
        if _E_WORDS.search(sentence) or any(_E_MEMBER.fullmatch(m) for m in maths):
            # "let $e$ be the constant with $\ln e = 1$": Euler's number, or a name
            doubted = doubted or bool(_EULER_SENTENCE.search(sentence))
            declared = True
        bounded = bounded or any(_E_BOUNDED.fullmatch(m) for m in maths)
    if not declared:
        return "ambiguous" if bounded else None
    euler = doubted or _EXPONENTIAL.search(text) or _EULER.search(_MATH.sub(" ", text))
    return "ambiguous" if euler else "name"


#: text math that gives ``\pi`` a value or a range, or applies it to one name: ``\pi = 0.3``, ``\pi \in (0, 1)``,
#: ``\pi(a) = \frac12``, ``\pi(a \mid s)`` (not the number's own value, ``\pi = 3.14``)
_PI_MATH = re.compile(r"^\s*\\pi\s*(?:\(\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*(?:(?:\\mid|\||;|,)[^()]*)?\)\s*)?"
                      r"(?::=|=(?!\s*3\.1)|\\coloneqq|\\in(?![A-Za-z])|\\sim|\\[lg]eq?(?![A-Za-z])|<|>)")
#: ``\pi`` applied to one name, in any math: ``\pi(a)``, ``\pi(a \mid s)``
_PI_APPLIED = re.compile(r"\\pi\s*\(\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*(?:(?:\\mid|\|)[^()$]*)?\)")
#: nouns a document's own ``\pi`` goes with: "the prior $\pi$", "mixing coefficient $\pi$", "the stationary vector
#: $\pi$", "the softmax policy $\pi_\theta$", "$\pi$ the weight vector"
_PI_NOUNS = (r"(?:polic(?:y|ies)|priors?|posteriors?|weights?|parameters?|proportions?|probabilit(?:y|ies)"
             r"|distributions?|permutations?|mixtures?|mixing|coefficients?|vectors?|stationary|invariant|estimates?"
             r"|estimators?|fractions?|shares?|strateg(?:y|ies)|measures?|densit(?:y|ies)|mass(?:es)?|functions?"
             r"|maps?|mappings?|allocations?|proposals?|laws?|prevalences?|rates?|masks?|matri(?:x|ces)|labels?"
             r"|assignments?|orderings?)")
#: a text math of ``\pi`` alone, or with scripts (``$\pi_\theta$``, ``$\pi^{(k)}$``), not a product (``$\pi r^2$``)
_PI_TEXT = r"\$\s*\\pi(?![A-Za-z])\s*(?:[_^']\s*(?:\{[^{}$]{0,20}\}|\\?[A-Za-z0-9*]+)?\s*){0,3}\$"
#: words that name ``\pi``: "let $\pi$ be", "$\pi$ denotes", "denote by $\pi$", "the prior $\pi$", a noun
#: right before or after it
_PI_WORDS = re.compile(rf"{_PI_TEXT}\s*,?\s*(?:be|denotes?|is\s+(?:the|a|an|our|some)|stands?\s+for|represents?"
                       rf"|refers?\s+to|(?:the|a|an|our)?\s*{_PI_NOUNS})\b"
                       rf"|\b(?:by|{_PI_NOUNS})\s+{_PI_TEXT}", re.I)
#: a script only a name takes, in any math: a subscript (``\pi_i``, ``\pi_\theta``, so a sum over its entries
#: ``\sum_i \pi_i``), an index ``\pi^{(k)}``, an optimum ``\pi^*``, a prime, a transpose ``\pi^\top``
_PI_SCRIPT = re.compile(r"\\pi\s*(?:_|'|\^\s*\{?\s*(?:\(|\*|\\(?:star|ast|prime|top|intercal|dagger)(?![A-Za-z])"
                        r"|T(?![A-Za-z])|\\mathsf\s*\{\s*T\s*\}))")
#: a range a text math states for ``\pi`` between two bounds: ``0 \le \pi \le 1``, ``0 < \pi < 1``
_PI_BETWEEN = re.compile(rf"{_RELATION}\s*\\pi(?![A-Za-z])\s*{_RELATION}")


#: signs of the number pi in a question: a trigonometric function, ``2\pi``, ``\pi/2``, ``\sqrt{2\pi}``, ``e^{i\pi}``,
#: radians, a circle, 3.14
_PI_NUMBER = re.compile(r"\\(?:sin|cos|tan|cot|sec|csc|arcsin|arccos|arctan|sinh|cosh|tanh)(?![A-Za-z])"
                        r"|\d\s*\\pi(?![A-Za-z])|\\pi\s*/|\\frac\s*\{\s*\d*\s*\\pi\s*\}\s*\{\s*\d+\s*\}"
                        r"|\\sqrt\s*\{[^{}]*\\pi|\^\s*\{[^{}]*\\pi|\\pi\s*r\s*\^|\bradians?\b|\bcircles?\b|\b3\.14",
                        re.I)


def pi_named(text: str) -> bool:
    r"""Whether ``text`` (a question) uses ``\pi`` as a name of its own: any
    sign of one is enough, since the number takes none of them. It gives it
    a value or a range ("let $\pi = 0.3$ be the mixing weight", "$\pi \in
    (0, 1)$", "$0 \le \pi \le 1$"), applies it ("the policy $\pi(a)$"),
    puts a script on it only a name takes (``\pi_i``, ``\sum_k \pi_k``,
    ``\pi^{(k)}``, ``\pi^*``, ``\pi^\top``), or names it in words ("denote
    by $\pi$ the prior", "the mixing coefficient $\pi$", "the stationary
    vector $\pi$"). There ``\pi`` is that name (or *ambiguous*, see the
    module), never the number."""
    text = re.sub(r"\\[()]", "$", text)  # \(\pi\) is $\pi$
    return _PI_WORDS.search(text) is not None or pi_applied(text) or _PI_SCRIPT.search(text) is not None \
        or any(_PI_MATH.search(m.group(1)) or _PI_BETWEEN.search(m.group(1)) for m in _MATH.finditer(text))


def pi_applied(text: str) -> bool:
    r"""Whether ``text`` applies ``\pi`` to one name (``\pi(a)``, ``\pi(a \mid s)``):
    a function of the document's (a policy, a distribution), not the number
    times a name."""
    return _PI_APPLIED.search(re.sub(r"\\[()]", "$", text)) is not None


def notation_in_words(text: str, notation: Notation | None, *, elsewhere: bool = False) -> Notation | None:
    """``notation`` with what the words of ``text`` (a question: its
    statement and answers) say of ``e`` and ``\\log`` (see the module);
    ``elsewhere``: another question of the document speaks of a base for
    ``\\log``. A name the notation declares keeps its declaration."""
    base = notation if notation is not None else Notation()
    changes: dict[str, Any] = {}
    e = e_declared(text) if not ({"e"} & (base.symbols.keys() | base.matrices.keys() | base.functions
                                          | base.ambiguous)) else None
    declared = set(base.symbols) | set(base.matrices) | base.functions
    functions = functions_in_words(text) - declared
    numbers = numbers_in_words(text) - declared - functions - function_names(text)
    if e == "name":
        numbers |= {"e"}
    if "pi" not in declared and pi_named(text) and not _PI_NUMBER.search(text):
        if pi_applied(text):  # "the policy $\pi(a \mid s)$": pi(a) is the policy applied, not a product
            functions |= {"pi"}
        else:
            numbers |= {"pi"}
    if numbers:  # "$\sigma > 0$", "$\sigma$ is the standard deviation": never applied in this question
        changes["symbols"] = {**base.symbols, **dict.fromkeys(sorted(numbers), "real")}
    if functions:  # "let $g$ be an arbitrary differentiable function": g(x + h) is g applied
        changes["functions"] = base.functions | functions
    said = log_base(text) if base.log_base is None and "log" not in base.ambiguous else None
    if said is None and elsewhere and base.log_base is None:
        said = "unclear"  # "log is base 2" in another question: this one's \log is that base or the natural one
    if isinstance(said, int):
        changes["log_base"] = said
    ambiguous = {"e"} if e == "ambiguous" else set()
    ambiguous |= {"log"} if said == "unclear" else set()
    if "pi" not in declared and pi_named(text):  # "let $\pi = 0.3$ be the weight": that name, or ambiguous
        ambiguous |= {"pi"} if _PI_NUMBER.search(text) else set()
    if ambiguous:
        changes["ambiguous"] = base.ambiguous | ambiguous
    return replace(base, **changes) if changes else notation


def defined_names(text: str, notation: Notation | None) -> Notation | None:
    """``notation`` with what the document defines for itself and says of its
    notation in words (see the module); a name the notation declares keeps its
    declaration."""
    notation = notation_in_words(text, notation)
    functions = function_names(text)
    base = notation if notation is not None else Notation()
    named = {"e"} if e_named(text) and "e" not in base.symbols else set()
    if not (functions - base.functions or named):
        return notation
    return replace(base, functions=base.functions | functions, ambiguous=base.ambiguous | named)
