"""How a case the text takes sits among the ones taken before it.

A new case either replaces an earlier one ("for $t = 1$" ... "for some $t
\\ge 2$": the base case ends where the inductive step starts) or is taken
inside it ("assume $n \\ge 1$. If moreover $n \\le 0$"). A case replaces only
the earlier *cases* on its names that it contradicts; never a *standing*
assumption (the question's own, or one the text makes with "let", "given",
"for all"), nor anything when the words nest it ("moreover", "in addition",
"further") or join it ("and"). A case that contradicts what stands is added
all the same: no value meets the cases then, and the lines under them claim
nothing (reported as such, never refuted at a point outside an assumption).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.grading.contrary import holds_nowhere
from symproofs.grading.document import ReadChain

__all__ = ["AND_TAIL", "Standing", "joins", "nested", "standing_lead", "still_taken"]

#: "and" or a comma right before the text math of a case
AND_TAIL = re.compile(r"(?:\band|,)\s*(?:that\s*)?\W*$", re.I)
#: what joins a case to the text math right before it: "and", a comma, "as well as", "and also"
_JOINING = re.compile(r"\s*[,;]?\s*(?:(?:and|as\s+well\s+as)\b\s*)?(?:that\b\s*)?(?:(?:also|moreover)\b\s*)?", re.I)
#: where a sentence ends: punctuation, a display, a blank line
_SENTENCE_END = re.compile(r"[.!?;:](?:\$\$)?\s|\$\$|\\\]|\\end\s*\{[^{}]*\}|\n\s*\n")
#: words that take a case inside the ones before it: "if moreover", "suppose further that", "in addition, if"
_NESTING = re.compile(r"\b(?:moreover|furthermore|further|in\s+addition|additionally|on\s+top\s+of\s+that"
                      r"|within\s+(?:this|that|the\s+same)\s+case)\b", re.I)
#: words that state a standing assumption: "let", "given", "for all", "throughout" (not "now let", "let instead")
_STANDING = re.compile(r"\b(?:let|given(?:\s+that)?|for\s+(?:all|every|each|any)|throughout"
                       r"|assume\s+throughout(?:\s+that)?)\s*$", re.I)
#: words that take a case anew, in place of what stood before: "now let", "let instead", "on the other hand"
_ANEW = re.compile(r"\b(?:now|instead|next|otherwise|on\s+the\s+other\s+hand|conversely)\b", re.I)
#: words that state a new standing assumption, which replaces the one it contradicts ("let $a = 5$")
_RESTATING = re.compile(r"\b(?:let|given)\s*$", re.I)


def _sentence(lead: str) -> str:
    """The last sentence of ``lead``, up to the case's text math."""
    return _SENTENCE_END.split(lead[-200:])[-1]


def nested(lead: str) -> bool:
    """Whether the words before a case take it inside the ones before it
    ("if moreover", "assume further that", "in addition, let")."""
    return _NESTING.search(_sentence(lead)) is not None


def standing_lead(lead: str) -> bool:
    """Whether the words right before a case make it a standing assumption
    ("let $p \\in (0, 1)$", "given $n \\ge 1$", "for all $t \\ge 1$"), not a
    case taken for a while ("if", "for", "suppose", "in the case"), nor one
    taken anew ("now let", "let instead")."""
    sentence = _sentence(lead)
    return _STANDING.search(sentence) is not None and _ANEW.search(sentence) is None


def joins(chain: ReadChain) -> bool:
    """Whether this case is taken together with the one before it ("we assume
    $a > 0$ and $b < 0$"), not instead of it: the "and" or the comma
    follows that text math ("If, on the other hand, $z < 0$" after a display
    takes a new case, not one joined to the last)."""
    if not AND_TAIL.search(chain.lead[-40:]):
        return False
    before, dollar, after = chain.lead.rpartition("$")
    return bool(dollar) and not before.endswith("$") and _JOINING.fullmatch(after) is not None


def still_taken(earlier: tuple[sp.Basic, ...], case: tuple[sp.Basic, ...],
                standing: Iterable[sp.Basic] = ()) -> tuple[sp.Basic, ...]:
    """The cases taken before ``case`` that it leaves standing: it replaces
    those wholly about its names that it contradicts ("now for $y < 0$"
    after "for $y > 0$", "for some $t \\ge 2$" after "for $t = 1$"), not a
    ``standing`` assumption, nor one it narrows ("let $x > 0$", then "case
    $x < 1$"), one that says more (\\delta = \\epsilon/3 before "if $|x - 2|
    < \\delta$"), nor that a name is an integer."""
    names = {x for c in case for x in c.free_symbols}
    relations = tuple(c for c in case if isinstance(c, sp.Rel))
    kept = set(standing)

    def contradicted(c: sp.Basic) -> bool:
        try:
            return any(Facts((c,)).decide(r) is False or holds_nowhere((c, r)) for r in relations)
        except (TypeError, ValueError):
            return True

    return tuple(c for c in earlier if c in kept or isinstance(c, sp.Contains) or not c.free_symbols <= names
                 or not contradicted(c))


@dataclass
class Standing:
    """Per question, the cases that stand for the rest of it: its statement's,
    and those the text makes with "let", "given", "for all"."""

    held: dict[str, set[sp.Basic]] = field(default_factory=dict)

    def hold(self, question: str, case: Iterable[sp.Basic]) -> None:
        """``case`` stands in ``question`` from now on."""
        self.held.setdefault(question, set()).update(case)

    def of(self, question: str) -> frozenset[sp.Basic]:
        """The cases that stand in ``question``."""
        return frozenset(self.held.get(question, ()))

    def take(self, question: str, earlier: tuple[sp.Basic, ...], case: tuple[sp.Basic, ...],
             chain: ReadChain) -> tuple[sp.Basic, ...]:
        """The cases of ``question`` once ``case`` is taken after ``earlier``
        with the words of ``chain``: joined or nested, added to them; else in
        place of the cases it contradicts: never of what stands, unless the
        words take it anew ("now let", "let $a = 5$", "instead")."""
        sentence = _sentence(chain.lead)
        anew = _ANEW.search(sentence) is not None or _RESTATING.search(sentence) is not None  # "now let $a = 5$"
        kept = earlier if joins(chain) or nested(chain.lead) else still_taken(
            earlier, case, () if anew else self.of(question))
        self.held[question] = {c for c in self.held.get(question, set()) if c in kept}
        if standing_lead(chain.lead) or (joins(chain) and earlier and earlier[-1] in self.of(question)):
            self.hold(question, case)
        return (*kept, *(c for c in case if c not in kept))

    def valued(self, question: str, earlier: tuple[sp.Basic, ...], name: sp.Basic,
               value: sp.Basic) -> tuple[sp.Basic, ...]:
        """The cases of ``question`` once the text takes the value ``value``
        for ``name`` ("take $x = 2$", "base case, $t = 1$"): in place of the
        cases about the name, but for those that stand."""
        stand = self.of(question)
        return (*(c for c in earlier if name not in c.free_symbols or c in stand), value)

    def where(self, question: str, earlier: tuple[sp.Basic, ...], lhs: sp.Basic | None,
              assumed: tuple[sp.Basic, ...] | None, rhs: sp.Basic | None) -> tuple[sp.Basic, ...]:
        r"""The cases of ``question`` once a name is defined by ``lhs = rhs``
        under the condition ``assumed`` (``y = 2x + 1, \text{ where } x = 3``,
        ``\text{with } x = 3``, ``(x = 3)``): a value it gives a name the right
        side uses is a value the text takes for the lines after it too (they
        speak of y = 7, never of y at another x). Not for a function's formula,
        where the condition says where it is defined."""
        if lhs is None or rhs is None or not assumed or not isinstance(lhs, sp.Symbol):
            return earlier
        for rel in assumed:
            if isinstance(rel, sp.Eq) and isinstance(rel.lhs, sp.Symbol) and rel.lhs in rhs.free_symbols \
                    and rel.lhs != lhs and not rel.rhs.has(rel.lhs, lhs) and not isinstance(rel.rhs, sp.MatrixExpr):
                earlier = self.valued(question, earlier, rel.lhs, rel)
        return earlier
