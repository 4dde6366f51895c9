r"""Moments the text states as given, not as claims.

"Let $X$ and $Y$ be random variables with $$\mathbb{E}[X] = 2, \quad
\mathbb{E}[Y] = 3.$$" gives the question's data: the display after "with",
"where", "such that", "satisfying", "given that", "assume that" (and the rows
of the same display after it, or a display joined to it by "and") is read as
the same words in text math are, never checked as a claim. The laws the text
gives its random variables have those moments where the words declare them
(:mod:`symproofs.latex.givenmoments`); a moment no law here gives is one the
text supposes: a refutation that rests on its variables is held back
(:func:`suppose_moments`). So is one resting on a random vector or matrix
the notation knows only by its moments (``E[x] = 0``, ``E[x x^T] = I``)
when the text supposes a moment of it (``E[(u^T x)^4] = 3\|u\|^4``) or
names its law (``x \sim \mathcal{N}(0, I_n)``, :func:`suppose_law`): its
models draw independent signs, a law that need not meet either.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import sympy as sp

from symproofs.core.model import Relation
from symproofs.grading.context import names_of
from symproofs.grading.cues import right_after_display, since_display
from symproofs.grading.definitions import laws_give
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.goals import GoalSet
from symproofs.grading.planned import Known, Plan
from symproofs.latex.givenmoments import moment_math
from symproofs.latex.notation import Setting
from symproofs.matrices.linalg import Expectation, Scalar
from symproofs.probability.variables import MOMENTS, E, Var

__all__ = ["ANY_MOMENT", "GIVEN_MESSAGE", "given_moments", "laws_in_words", "states_given", "suppose_given",
           "suppose_law", "suppose_moments"]

#: a moment of a scalar random variable, or the expectation of a random vector or matrix
ANY_MOMENT = (*MOMENTS, Expectation)

#: words that state what follows as given ("with", "where", "such that", "satisfying", "assume that")
_CUE = (r"\b(?:with|where|such\s+that|satisf(?:y|ies|ying)|given(?:\s+that)?|provided(?:\s+that)?"
        r"|(?:assum(?:e|ing)|suppos(?:e|ing))(?:\s+(?:moreover|also|further(?:more)?|now|in\s+addition),?)?"
        r"(?:\s+that)?|we\s+(?:know|are\s+given)\s+that)\b")
#: words that make what follows the claim to show, whatever stands before it
_CLAIMED = re.compile(r"\b(?:show|prove|verify|check|claim|conclude|deduce|hence|thus|therefore|so|then)\b", re.I)
#: what stands between a cue and a row of the same display (its delimiters, "and", spacing)
_BETWEEN = re.compile(r"\$\$|\$|\\\[|\\\]|\\(?:begin|end)\s*\{[^{}]*\}|\\text\s*\{\s*and\s*\}|\band\b|\\q?quad", re.I)
GIVEN_MESSAGE = "moments the text states as given (not checked): the question's data, as in text math"


def states_given(lead: str) -> bool:
    """Whether ``lead`` ends by stating what follows as given, past the rows of
    moments of the same display or sentence before it ("with $$E[X] = 2,
    \\quad" leads the second row as "with" leads the first); never after words
    that draw or claim it ("show that", "hence") in the same sentence."""
    sentence = re.split(r"[.!?](?:\s|$)|\n\s*\n", lead)[-1]
    cues = list(re.finditer(_CUE, sentence, re.I))
    if not cues:
        return False
    cue = cues[-1]
    if _CLAIMED.search(since_display(sentence[:cue.start()])):  # "hence, with", not "Then $$...$$ where"
        return False
    after = _BETWEEN.sub(" ", sentence[cue.end():]).strip(" ,;:\n\t")
    return not after or moment_math(after)


def _given_moment(e: sp.Basic) -> bool:
    """A moment of one plain name: ``E(X)``, ``E(X**2)``, ``Var(X)``; or the
    expectation of a random vector or matrix (``E[(u^T x)^4]``, a scalar)."""
    if isinstance(e, Scalar) and isinstance(e.args[0], Expectation):
        return True
    if isinstance(e, Var):
        return isinstance(e.args[0], sp.Symbol)
    if isinstance(e, E):
        arg = e.args[0]
        return isinstance(arg, sp.Symbol) or (isinstance(arg, sp.Pow) and isinstance(arg.base, sp.Symbol)
                                              and arg.exp.is_Integer and arg.exp > 1)
    return False


def given_moments(chain: ReadChain, setting: Setting) -> list[tuple[sp.Basic, sp.Basic]] | None:
    """The equations a display states as given moments (see the module), or
    ``None`` where it is no such display: each row an equation between
    moments of plain names, one on its left (``s = \\mathbb{E}[Y^2]`` defines
    ``s``), and values with no moment. Not one the laws of
    ``setting`` contradict ("with mean $2$", then "where $$\\mathbb{E}[X] =
    3$$"): a claim, checked against them."""
    if chain.kind not in ("display", "inline") or chain.links or len(chain.sides) < 2 or not states_given(chain.lead):
        return None
    out: list[tuple[sp.Basic, sp.Basic]] = []
    rows: list[list[sp.Basic]] = []
    for side in chain.sides:
        if side.expr is None or (side.relation_text and side.relation is not Relation.EQ) or side.condition:
            return None
        if not side.relation_text:
            rows.append([])
        rows[-1].append(side.expr)
    for row in rows:
        if len(row) < 2 or not _given_moment(row[0]) \
                or any(not _given_moment(e) and e.has(*MOMENTS) for e in row):
            return None
        out += list(itertools.pairwise(row))
    return None if any(_contradicts(setting, a, b) for a, b in out) else out


def _contradicts(setting: Setting, lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether the laws of ``setting`` make ``lhs - rhs`` a nonzero number."""
    for alg in setting.algebras:
        reduce = getattr(alg, "reduce", None)
        if reduce is None or not (alg.owns(lhs) or alg.owns(rhs)):
            continue
        try:
            gap = sp.expand(reduce(lhs - rhs))
        except Exception:  # a moment the laws cannot rewrite: nothing they say
            continue
        if isinstance(gap, sp.Expr) and gap.is_number and gap.is_zero is False:
            return True
    return False


def suppose_given(plan: Plan, goals: GoalSet, seen: Known, setting: Setting, given: list[tuple[sp.Basic, sp.Basic]],
                  lead: str) -> None:
    r"""The moments a display states as given (:func:`given_moments`), supposed
    from here on, and for the display right before it where words such as
    "where" join them ("$$\mathbb{E}[3X + 1] = 7$$ where $$\mathbb{E}[X] =
    2$$"): a refutation there that rests on their variables is held back."""
    before = set(seen.unread)
    for a, b in given:
        suppose_moments(seen, setting, a, b)
    new = frozenset(seen.unread - before)
    if new and plan.chains and right_after_display(lead):
        for g in {p.goal for p in plan.pending if p.chain == len(plan.chains) - 1}:
            goals.known[g] = goals.known[g] | new


def suppose_moments(seen: Known, setting: Setting, lhs: sp.Basic, rhs: sp.Basic) -> None:
    """``lhs = rhs`` supposed about moments (``E[X] = 0``) that the laws do not
    give: a refutation that rests on their variables is no refutation of what
    the text claims under it."""
    if not any(e.has(*ANY_MOMENT) for e in (lhs, rhs)) or laws_give(setting, lhs, rhs):
        return
    for m in (m for e in (lhs, rhs) for m in e.atoms(*ANY_MOMENT)):
        indices = {s.name for s in m.free_symbols if isinstance(s, sp.Symbol) and s.is_integer}
        matrices = {s.name for s in m.free_symbols if isinstance(s, sp.MatrixSymbol)}  # E[(u^T x)^4]: u, x
        seen.unread |= {"!" + n for n in (names_of(m) | matrices) - indices}


#: words that name or speak of a law ("a standard Gaussian vector", "normally distributed", "drawn from")
_LAW_WORDS = (r"gaussian|normal(?:ly)?|uniform(?:ly)?|bernoulli|rademacher|laplace|exponential|poisson|binomial"
              r"|distributed|drawn|sampled|i\.?i\.?d\.?")


def laws_in_words(seen: Known, setting: Setting, lead: str) -> None:
    """A law the words give a random vector or matrix the notation knows by
    its moments alone ("let $x$ be a standard Gaussian vector", "$x$ is
    drawn uniformly"): as :func:`suppose_law`, its refutations by models are
    held back."""
    for name in _moment_only(setting):
        spelled = re.escape(name.name)
        if re.search(rf"\$\s*{spelled}\s*\$[^.$]{{0,60}}?\b(?:{_LAW_WORDS})\b", lead, re.I):
            seen.unread.add("!" + name.name)


def _moment_only(setting: Setting) -> list[sp.MatrixSymbol]:
    """The random vectors and matrices of ``setting`` known by their moments alone."""
    return [m for alg in setting.algebras for m in getattr(getattr(alg, "config", None), "random", ())
            if isinstance(m, sp.MatrixSymbol)]


def suppose_law(seen: Known, setting: Setting, sides: Sequence[ReadSide]) -> None:
    r"""``name \sim law`` ("let $x \sim \mathcal{N}(0, I_n)$", the two sides of a
    text math) said of a random vector or matrix the notation knows by its
    moments alone: its models draw another law (independent signs), so a
    refutation that rests on it is no refutation of what the text claims
    under the law it names."""
    if len(sides) != 2:
        return
    name, law = sides[0].expr, sides[1].relation_text
    if not isinstance(name, sp.MatrixSymbol) or law.strip() != "\\sim":
        return
    if name in _moment_only(setting):
        seen.unread.add("!" + name.name)
