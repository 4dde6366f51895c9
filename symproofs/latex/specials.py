r"""Names with a meaning of their own (a part of :mod:`symproofs.latex.grammar`'s parser):
Kronecker's ``\delta_{ij}``, the identity ``I``, labels in a superscript (``w^*``, ``W^\perp``),
and eigenvalues written by name.

``\lambda_1(M)``, ``\lambda_{\max}(M)`` and ``\lambda_{max}(M)`` of a
symmetric matrix ``M`` (``W^\top W``) are the scalar
:class:`~symproofs.matrices.linalg.LargestEigenvalue`, not ``\lambda_1``
times a matrix. Another eigenvalue of a matrix (``\lambda_{\min}(M)``,
``\lambda_2(M)``), or one of a matrix not known to be symmetric, is an
error that says which: never a product of a number and a matrix compared
with a number.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.latex.declarations import Notation
from symproofs.latex.placeholders import IDENTITY_PENDING
from symproofs.latex.reader import Reader
from symproofs.latex.readings import Name
from symproofs.latex.tokens import Tok, group_end
from symproofs.matrices.linalg import LargestEigenvalue

__all__ = ["Specials", "mixed_sum"]

#: subscripts of ``\lambda`` that name the largest eigenvalue
_LARGEST = ("1", "max", "\\max")
_NAMES = ("lambda",)


def mixed_sum(terms: Sequence[sp.Basic], written: Sequence[str], notation: Notation) -> str:
    """Why a sum of a matrix and a number cannot be built, in the student's terms (``W x + b``), naming
    the declared matrix a number's name may stand for (``b`` where the notation declares ``b_1``)."""
    matrices = [(w, t) for w, t in zip(written, terms, strict=True) if isinstance(t, sp.MatrixExpr)]
    numbers = [(w, t) for w, t in zip(written, terms, strict=True) if not isinstance(t, sp.MatrixExpr)]
    if not matrices or not numbers:
        return "cannot add these terms"
    (matrix_text, matrix), (number_text, number) = matrices[0], numbers[0]
    message = (f"cannot add {matrix_text} (a matrix, {matrix.shape[0]} x {matrix.shape[1]}) and {number_text} "
               "(a number)")
    names = {str(s) for s in number.free_symbols} | {type(f).__name__ for f in number.atoms(AppliedUndef)}
    near = sorted(m for m in notation.matrices for n in names if m.startswith(f"{n}_") or m == f"{n}")
    if near:
        message += f": the notation declares {', '.join(near)} as a vector or matrix"
    return message


class Specials(Reader):
    """Names read as something other than a symbol or a member of a family."""

    def group_list(self, opener: Tok, count: int | None = None) -> list[sp.Basic]:
        raise NotImplementedError

    def written(self, begin: int) -> str:
        """The source of the tokens from ``begin`` to the cursor, as written (a term of a sum)."""
        toks = self.toks[begin : self.i]
        text = self.origin.text[toks[0].start : toks[-1].end].strip() if toks else ""
        return text if 0 < len(text) <= 60 else (text[:57] + "..." if text else "a term")

    def eigenvalue(self, text: str) -> sp.Basic | None:
        """At ``_`` after an undeclared ``\\lambda``: the eigenvalue of the matrix in the parentheses that
        follow, taken; None (nothing taken) when no parenthesised matrix follows the subscript."""
        declared = self.notation
        if text not in _NAMES or not self.at("_") or any(
                text in names for names in (declared.symbols, declared.matrices, declared.functions,
                                            declared.sequences)):
            return None
        end = group_end(self.toks, self.i + 1)
        if end >= len(self.toks) or self.toks[end].text != "(":
            return None
        script = "".join(("\\" if t.kind == "cmd" else "") + t.text for t in self.toks[self.i + 1 : end]
                         if t.text not in ("{", "}"))
        start = self.i
        self.i = end
        args = self.group_list(self.take())
        if len(args) != 1 or not isinstance(args[0], sp.MatrixExpr) or args[0].shape == (1, 1):
            self.i = start  # \lambda_1 (a + b): a number times a bracket, read as before
            return None
        matrix = args[0]
        written = f"\\lambda_{{{script}}}"
        if script not in _LARGEST:
            raise self.error(f"{written}(...) of a matrix: only the largest eigenvalue (\\lambda_1, "
                             "\\lambda_{\\max}) of a symmetric matrix is understood", self.toks[start])
        if not matrix.is_square or sp.Transpose(matrix).doit() != matrix:
            raise self.error(f"{written}(...) of a matrix not known to be symmetric: only the largest "
                             "eigenvalue of a symmetric matrix (such as W^T W) is understood", self.toks[start])
        return LargestEigenvalue(matrix)

    def label_script(self, *commands: str, symbol: str = "") -> bool:
        """After ``^``: one of ``commands`` (``\\perp``) or ``symbol`` (``*``), braced or not, taken."""
        end = group_end(self.toks, self.i)
        inner = [t for t in self.toks[self.i : end] if t.text not in ("{", "}")]
        if len(inner) == 1 and ((inner[0].kind == "cmd" and inner[0].text in commands)
                                or (symbol and inner[0].kind == "sym" and inner[0].text == symbol)):
            self.i = end
            return True
        return False

    def special_name(self, text: str, indices: list[sp.Basic], nm: Name) -> sp.Basic | None:
        """Kronecker ``\\delta_{ij}``, the identity ``I``, ``I_d`` (with declared shapes), and ``\\beta_1``
        declared as the number ``beta_1``."""
        declared = self.notation
        if len(indices) == 1 and indices[0].is_Integer and f"{text}_{indices[0]}" in declared.symbols:
            return self.symbol(f"{text}_{indices[0]}")
        if text in declared.symbols or text in declared.matrices or text in declared.functions:
            return None
        if text == "delta" and len(indices) == 2:  # \delta_{ij}(1 - \delta_{ij}): a factor, not a function
            return sp.KroneckerDelta(*indices)
        if text == "I" and declared.matrices and len(indices) <= 1:
            size = self.square_size() if not indices else indices[0]
            if size is None:  # the sum or product it stands in may tell its size
                self.identity_pending = self.identity_pending or self.toks[self.i - 1]
                return IDENTITY_PENDING
            if isinstance(size, sp.Symbol):
                size = sp.Symbol(size.name, integer=True, positive=True)
                self.indices.discard(size.name)
            self.vector_seen = True
            return sp.Identity(size)
        return None

