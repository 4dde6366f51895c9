"""Math inside prose in the notation the typeset formulas use.

The formulas of the answer key are printed with bold vectors and matrices
(:mod:`symproofs.render.tex`); the justifications, givens and settings are
written by hand, with plain letters. :func:`embolden` puts the same letters
in bold inside the ``$...$`` segments of such text, so that a vector looks
the same in a formula and in the sentence that explains it.

What is bold: a matrix or vector symbol of the derivation (``X``,
``\\Gamma``, ``W_f``) when it stands alone, not as an entry (``X_{ij}``,
``w_j`` stay plain: an entry is a scalar), and a term of a sequence of
vectors (``h^f_t``, ``x_{t-1}``). Arguments of ``\\mathbb``,
``\\operatorname``, ``\\text`` and the like are left alone.

>>> import sympy as sp
>>> X, w = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("w", 2, 1)
>>> names = Boldface.of([X * w])
>>> embolden(r"row $i$ of $X w$, entry $w_j$, in $\\mathbb{R}^n$ and $X^\\top$", names)
'row $i$ of $\\\\mathbf{X} \\\\mathbf{w}$, entry $w_j$, in $\\\\mathbb{R}^n$ and $\\\\mathbf{X}^\\\\top$'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy as sp

from symproofs.core.model import Derivation

__all__ = ["Boldface", "boldface", "embolden", "masks"]

_MATH = re.compile(r"(?<!\\)\$(?:[^$\\]|\\.)+\$", re.S)
_PROTECTED = re.compile(r"\\(?:mathbb|mathrm|mathcal|mathbf|boldsymbol|operatorname|text[a-z]*|label|ref)"
                        r"\s*\{[^{}]*\}")
_SPLIT_NAME = re.compile(r"^(\\?[A-Za-z]+?)(?:_\{?([^{}]*)\}?)?(?:\^\{?([^{}]*)\}?)?$")


@dataclass(frozen=True)
class Boldface:
    """The names to set in bold: ``matrices`` (bold unless indexed as an
    entry) and ``sequences`` (bold when indexed by time), as LaTeX bases
    with an optional fixed subscript or superscript."""

    matrices: frozenset[str] = frozenset()
    sequences: frozenset[str] = frozenset()

    @classmethod
    def of(cls, exprs: Iterable[object]) -> Boldface:
        """The matrix symbols, identity matrices and sequence terms in ``exprs``."""
        matrices: set[str] = set()
        sequences: set[str] = set()
        for e in exprs:
            if not isinstance(e, sp.Basic):
                continue
            for node in sp.preorder_traversal(e):
                if isinstance(node, sp.MatrixSymbol) and node.shape != (1, 1):
                    matrices.add(str(node.name))
                elif isinstance(node, sp.Identity):
                    matrices.add("I")
                elif type(node).__name__ == "SeqTerm" and getattr(node, "shape", (1, 1)) != (1, 1):
                    sequences.add(str(node.args[0]))
        return cls(frozenset(matrices), frozenset(sequences))


def _pattern(name: str) -> tuple[str, str] | None:
    """A regex for ``name`` as an author writes it (``W_f``, ``W_{f}``,
    ``h^f``) and the bold replacement of its base letter."""
    m = _SPLIT_NAME.match(name)
    if m is None:
        return None
    base, sub, sup = m.groups()
    bold = rf"\boldsymbol{{{base}}}" if base.startswith("\\") else rf"\mathbf{{{base}}}"
    pat = re.escape(base)
    if sub:
        pat += r"_(?:\{" + re.escape(sub) + r"\}|" + re.escape(sub) + r"(?![A-Za-z]))"
    if sup:
        pat += r"\^(?:\{" + re.escape(sup) + r"\}|" + re.escape(sup) + r"(?![A-Za-z]))"
    return pat, bold


def _bold_math(math: str, names: Boldface) -> str:
    protected: list[str] = []

    def keep(m: re.Match[str]) -> str:
        protected.append(m.group(0))
        return f"\x00{len(protected) - 1}\x00"

    body = _PROTECTED.sub(keep, math)
    rules: list[tuple[str, str, bool]] = []
    for name in names.matrices | names.sequences:
        found = _pattern(name)
        if found is not None:
            rules.append((found[0], found[1], name in names.sequences))
    # longer names first: W_f before W
    rules.sort(key=lambda r: -len(r[0]))
    combined = "|".join(f"(?P<r{k}>{pat})" for k, (pat, _, _) in enumerate(rules))
    if not combined:
        return math
    token = re.compile(rf"(?<![\\A-Za-z])(?:{combined})(?![A-Za-z])")

    def replace(m: re.Match[str]) -> str:
        k = next(int(g[1:]) for g, v in m.groupdict().items() if v is not None)
        _, bold, sequence = rules[k]
        text = m.group(0)
        after = body[m.end():m.end() + 1]
        base = _SPLIT_NAME.match(text.replace("{", "").replace("}", ""))
        fixed = text[len(base.group(1)):] if base else ""
        if sequence:
            return bold + fixed if after in ("_", "^") else text
        return text if after == "_" else bold + fixed

    body = token.sub(replace, body)
    return re.sub("\x00(\\d+)\x00", lambda m: protected[int(m.group(1))], body)


def embolden(text: str, names: Boldface) -> str:
    """``text`` with its inline math in bold where the formulas are."""
    if not text or not (names.matrices or names.sequences):
        return text
    return _MATH.sub(lambda m: _bold_math(m.group(0), names), text)


def masks(d: Derivation) -> tuple[sp.Basic, ...]:
    """The dropout masks of ``d``'s algebras (written last in ``X \\odot R``)."""
    return tuple(m for alg in d.algebras for m, _ in getattr(getattr(alg, "config", None), "masks", ()))


def boldface(ds: Iterable[Derivation]) -> Boldface:
    """The vectors and matrices of ``ds``, to be set in bold in their prose."""
    exprs: list[object] = []
    for d in ds:
        exprs += [c.start for c in d.chains] + [s.expr for c in d.chains for s in c.steps]
        exprs += [g.statement for g in d.givens] + [lem.statement for lem in d.lemmas]
    flat: list[object] = []
    for e in exprs:
        flat += list(e) if isinstance(e, tuple) else [getattr(e, "equation", e)]
    return Boldface.of(flat)
