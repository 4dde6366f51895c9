r"""Steps about names the text declares not to be real numbers.

Without a shape in the notation file, the reader takes every letter for a
real number, also one the document declares a matrix, a vector or a complex
number (:mod:`symproofs.latex.kinds`): ``(AB)^{-1} = A^{-1} B^{-1}`` after
``Let $A, B \in \mathbb{R}^{n \times n}$``, or ``|z|^2 = z^2`` after ``Let
$z \in \mathbb{C}$``, would be proved for real numbers, which they are not.
A step that mentions such a name, or a definition that reaches one, is
therefore never proved nor refuted: *unknown*, saying that the notation file
must give the name its shape (``[matrices]``) or its type. A name the
notation file declares is read as it declares it, as before.

The declarations of a question hold in all of it (its sub-questions too,
and a declaration before the first question everywhere); they ride with the
names a goal knows (:attr:`~symproofs.grading.goals.GoalSet.known`) as
entries ``"#kind:name"`` (``"#kind:name()"`` for members such as ``x_i``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.context import flat, head, relevant_givens
from symproofs.grading.document import ReadChain
from symproofs.latex.declarations import Notation
from symproofs.latex.kinds import KINDS

__all__ = ["PREFIX", "declared_in", "not_real", "split_declared"]

#: the first character of a declared kind among a goal's known names
PREFIX = "#"

_PLURALS = {"matrix": "matrices", "vector": "vectors", "complex number": "complex numbers",
            "complex matrix": "complex matrices", "complex vector": "complex vectors"}


def split_declared(chains: Sequence[ReadChain]) -> tuple[list[ReadChain], list[ReadChain]]:
    """The chains to grade, and the declarations of kinds among ``chains``."""
    return [c for c in chains if c.kind not in KINDS], [c for c in chains if c.kind in KINDS]


def declared_in(declared: Sequence[ReadChain], question: str | None, notation: Notation | None) -> frozenset[str]:
    """The entries (see the module) of the names declared for ``question``:
    in its question or before the first one, and not declared by the
    notation file (a symbol, a matrix, a function or an index)."""
    top = (question or "").partition(".")[0]
    out: set[str] = set()
    for chain in declared:
        if chain.question is not None and chain.question.partition(".")[0] != top:
            continue
        expr = chain.sides[0].expr if chain.sides else None
        name = head(expr) if isinstance(expr, sp.Basic) else ""
        if not name or (notation is not None and (
                name in notation.symbols or name in notation.matrices or name in notation.functions
                or name in notation.indices)):
            continue
        out.add(f"{PREFIX}{chain.kind}:{name}" + ("()" if isinstance(expr, AppliedUndef) else ""))
    return frozenset(out)


def _mentions(name: str, member: bool, kind: str, symbols: set[str], heads: set[str]) -> bool:
    """Whether a step with these names mentions the declared ``name``: itself or
    a decorated form (``\\bar z``, ``\\hat x``); its members (``z_k``, ``x_i``)
    when they are what was declared or are complex (an entry of a real
    vector is a real number)."""
    if member or kind.startswith("complex"):
        if name in heads:
            return True
    return not member and any(s == name or re.fullmatch(re.escape(name) + r"_[A-Za-z]+", s) for s in symbols)


def not_real(result: StepResult, goal: Goal, known: frozenset[str]) -> StepResult:
    """``result`` of a step, *unknown* where the step rests on a name the text
    declares a matrix, a vector or a complex number (see the module)."""
    if result.verdict not in (Verdict.PROVED, Verdict.REFUTED) or not any(k.startswith(PREFIX) for k in known):
        return result
    exprs = [e for e in flat(goal.lhs) + flat(goal.rhs) if isinstance(e, sp.Basic)]
    exprs += [g.statement for g in relevant_givens(goal.context.givens, exprs)]
    symbols = {s.name for e in exprs for s in e.free_symbols if isinstance(s, sp.Symbol)}
    heads = {str(f.func.__name__) for e in exprs for f in e.atoms(AppliedUndef)}
    found: dict[str, list[str]] = {}
    for entry in sorted(known):
        if not entry.startswith(PREFIX):
            continue
        kind, _, name = entry[len(PREFIX):].partition(":")
        member = name.endswith("()")
        name = name.removesuffix("()")
        if _mentions(name, member, kind, symbols, heads) and name not in found.get(kind, []):
            found.setdefault(kind, []).append(name)
    if not found:
        return result
    reasons = []
    for kind, names in sorted(found.items()):
        many = len(names) > 1
        noun = _PLURALS.get(kind, kind) if many else f"a {kind}"
        what = "the shape" if kind in ("matrix", "vector") else "the type"
        where = " ([matrices])" if kind in ("matrix", "vector") else ""
        reasons.append(f"{what} of {', '.join(names)} in a notation file{where}; the text declares "
                       f"{'them' if many else 'it'} {noun}")
    return result.replace(verdict=Verdict.UNKNOWN, trust=Trust.NONE, counterexample=None, residual=None,
                          method="not a real number",
                          message="needs: " + "; and ".join(reasons)
                          + ", which a check with real numbers does not cover")
