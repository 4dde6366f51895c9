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
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.errors import InputError
from symproofs.core.goals import Goal
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.grading.context import flat, head, relevant_givens
from symproofs.grading.document import ReadChain
from symproofs.grading.report import LineGrade, Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.kinds import KINDS
from symproofs.latex.parser import parse_math
from symproofs.latex.scan import RELATION_TEXT

__all__ = ["PREFIX", "commuting", "declared_in", "not_real", "split_declared"]

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


#: a name a TA may read as a matrix, as written: a capital letter, Latin (also bold or calligraphic) or Greek
_GREEK_CAPITAL = re.compile(r"\\(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega)(?![A-Za-z])")
_CALLIGRAPHIC = re.compile(r"\\mathcal\s*\{\s*([A-Z])\s*\}")
_WORDS = re.compile(r"\\(?:text|textrm|mathrm|operatorname|mbox|mathbb)\s*\{[^{}]*\}|\\[A-Za-z]+")
_LATIN_CAPITAL = re.compile(r"[A-Z](?![a-z])")
_LOOSE_CAPITAL = re.compile(r"[A-Z]")


def _capitals_written(text: str) -> set[str]:
    """The names of the capitals in ``text`` as the reader names them (``A``,
    ``Sigma``, ``calA``); words (``\\operatorname{Var}``, ``\\text{Cov}``) and
    command names are not capitals."""
    found = {m.group(1) for m in _GREEK_CAPITAL.finditer(text)} | {"cal" + m.group(1)
                                                                    for m in _CALLIGRAPHIC.finditer(text)}
    plain = _WORDS.sub(" ", _CALLIGRAPHIC.sub(" ", text))
    return found | set(_LATIN_CAPITAL.findall(plain))


_PLAIN = set(sp.Symbol("x", real=True).assumptions0)  # a name nothing is declared about
_STILL_TRUE = "holds only if {names} commute: true for numbers, not for matrices; declare them in a notation file " \
    "([symbols] or [matrices])"


def commuting(chains: list[tuple[int, str, list[LineGrade]]], notation: Notation | None,
              scalars: frozenset[str] = frozenset()) -> None:
    """Each proved equation between two sides whose undeclared capitals
    (``A``, ``B``, ``\\Sigma``: matrices as often as numbers) stop it holding
    once they are read as square matrices (``AB = BA``, ``(A+B)(A-B) = A^2 -
    B^2``, ``(AB)^{-1} = A^{-1}B^{-1}``), and each proved logical step between
    two such equations (``AB = 0 \\implies BA = 0``), made *unknown*, saying
    so: the reading as numbers commuted them before any check could see it.
    ``scalars``: capitals the notation declares numbers otherwise (random variables)."""
    for _, start, steps in chains:
        before = start
        for k, step in enumerate(steps):
            relation = step.relation.strip()
            if step.verdict is Mark.PROVED and before and (relation == "=" or relation in _LOGICAL):
                pairs = [(before, step.source)] if relation == "=" else [_equation(before), _equation(step.source)]
                names = _commuted(pairs, notation, scalars) if all(pairs) else []  # type: ignore[arg-type]
                if names:
                    steps[k] = replace(step, verdict=Mark.UNKNOWN, method="rests on commuting", trust="none",
                                       message=_STILL_TRUE.format(names=", ".join(names)))
            if step.verdict is not Mark.UNPARSED and step.method != "ambiguous reading":
                before = step.source  # the side the next step is checked against: the last one read


#: the relations of a logical step between two statements
_LOGICAL = frozenset({"\\implies", "\\iff", "\\Rightarrow", "\\Leftrightarrow", "\\Longrightarrow",
                      "\\Longleftrightarrow", "\\impliedby", "\\Leftarrow", "⟹", "⇒", "⇔", "⟺"})


def _equation(text: str) -> tuple[str, str] | None:
    """The two sides of an equation written with one ``=`` and no other relation."""
    parts = text.split("=")
    return (parts[0], parts[1]) if len(parts) == 2 and not RELATION_TEXT.search(parts[0] + " " + parts[1]) else None


def _commuted(pairs: list[tuple[str, str]], notation: Notation | None, scalars: frozenset[str]) -> list[str]:
    """The capitals that must commute for the equation ``a = b`` (one pair)
    to hold, or for the equations of two pairs to say the same (none: it
    holds for matrices too, or it has no reading with matrices)."""
    base = notation if notation is not None else Notation()
    texts = [t for pair in pairs for t in pair]
    # the capitals as written: the reading as numbers may have cancelled them already (A B A^{-1} is B)
    written = set().union(*(_capitals_written(t) for t in texts))
    if len(written | set().union(*(_LOOSE_CAPITAL.findall(_WORDS.sub(" ", t)) for t in texts))) < 2 \
            and "_" not in "".join(texts):
        return []  # (cheaply: most steps have no two capitals to commute)
    try:
        sides = [parse_math(t, notation=base) for t in texts]
    except InputError:
        return []
    names = {x.name: x for e in sides if isinstance(e, sp.Basic) for x in e.free_symbols if isinstance(x, sp.Symbol)}
    written |= {n for n in names if _LOOSE_CAPITAL.fullmatch(n)}  # ABc: B before a small letter is B times c
    # with shapes declared, I (I_n) is the identity (:mod:`symproofs.latex.specials`): it commutes with all
    identity = {"I"} if base.matrices else set()
    capitals = sorted(c for c in written - identity if c not in base.symbols and c not in base.matrices
                      and c not in scalars and (c not in names or set(names[c].assumptions0) <= _PLAIN))
    # W_1, \Sigma_2: members of a sequence of matrices (two of them can fail to commute)
    members = {c for c in capitals if re.search(rf"(?<![A-Za-z]){re.escape(c)}\s*_", _WORDS.sub(lambda m: (
        m.group()[1:] if _GREEK_CAPITAL.fullmatch(m.group()) else " "), " ".join(texts)))}
    if len(capitals) < 2 and not members:
        return []
    size = next(n for n in ("q", "r", "s", "p", "m") if n not in names)
    grown = replace(base, matrices={**base.matrices, **{c: (size, size) for c in capitals}},
                    sequences=base.sequences | members)
    named = [f"the members of {c}" if c in members else c for c in capitals]
    try:
        read = [parse_math(t, notation=grown) for t in texts]
        inside = [x for e in read if isinstance(e, sp.Basic) for x in sp.preorder_traversal(e)]
        if any(isinstance(e, sp.MatrixBase) or (isinstance(e, sp.Basic) and e.atoms(sp.ImmutableMatrix))
               for e in read) \
                or not any(isinstance(x, sp.MatrixExpr) for x in inside):
            return []  # not matrices, or written out: their shapes are known and the check saw them
        if not any(isinstance(e, sp.MatrixExpr) for e in read):
            # \|AB\| = \|BA\|, f(AB) = f(BA): numbers of matrices, whose products must be written the same
            return _products_differ(read, named)
        if not all(isinstance(e, sp.MatrixExpr) or e == 0 for e in read):
            # m = BA after m := AB: a matrix said equal to a number, which only a definition (or nothing) makes one
            return _products_differ(read, named) if any(
                e.free_symbols for e in read if not isinstance(e, sp.MatrixExpr)) else []
        differences = [sp.expand(_algebra(lhs) - _algebra(rhs)) for lhs, rhs in zip(read[::2], read[1::2])]
    except InputError as exc:
        # e^{A} e^{B} = e^{A+B}: an exponential of matrices, which no check here reads; it holds when they commute
        return capitals if len(capitals) >= 2 and "Matrix Power not defined" in str(exc) else []
    except _NoAlgebra:
        return _products_differ(read, named)  # beyond the algebra read here, and proved only as numbers
    except (TypeError, ValueError, AttributeError, NotImplementedError, sp.ShapeError):
        return []
    if len(differences) == 1:
        return [] if differences[0] == 0 else named
    return [] if sp.expand(differences[0] - differences[1]) == 0 or sp.expand(differences[0] + differences[1]) == 0 \
        else named


def _products_differ(read: list[sp.Basic], named: list[str]) -> list[str]:
    """``named`` if the products of several matrices in the two sides (of
    each pair) are not the same, in the same order (``\\|AB\\|`` and
    ``\\|BA\\|``); none if they are, or if no side has such a product."""
    def products(e: sp.Basic) -> list[str]:
        return sorted(sp.srepr(m) for m in e.atoms(sp.MatMul)
                      if sum(isinstance(f, sp.MatrixExpr) for f in m.args) >= 2) if isinstance(e, sp.Basic) else []

    pairs = list(zip(read[::2], read[1::2]))
    if not any(products(e) for e in read):
        return []
    return [] if len(pairs) == 1 and products(pairs[0][0]) == products(pairs[0][1]) else named


class _NoAlgebra(Exception):
    """A matrix expression beyond sums, products, powers and inverses."""


def _algebra(e: sp.Basic) -> sp.Basic:
    """A matrix expression as noncommuting symbols, products in their order."""
    if isinstance(e, sp.MatrixSymbol):
        return sp.Symbol(e.name, commutative=False)
    if isinstance(e, sp.Identity):
        return sp.S.One
    if isinstance(e, sp.ZeroMatrix):
        return sp.S.Zero
    if isinstance(e, sp.MatAdd):
        return sp.Add(*(_algebra(a) for a in e.args))
    if isinstance(e, sp.MatMul):
        return sp.Mul(*(_algebra(a) for a in e.args))
    if isinstance(e, sp.MatPow):
        return sp.Pow(_algebra(e.base), e.exp)
    if isinstance(e, sp.Inverse):
        return sp.Pow(_algebra(e.arg), -1)
    if isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and not e.has(sp.MatrixExpr):
        return e  # a scalar factor
    raise _NoAlgebra(type(e).__name__)
