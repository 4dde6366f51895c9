r"""Matrices written out in a side (a part of :mod:`symproofs.latex.grammar`'s
parser): ``\begin{pmatrix} a & b \\ c & d \end{pmatrix}`` and its kin with
other brackets (``bmatrix``, ``Bmatrix``, ``matrix``, ``smallmatrix``) are an
explicit matrix of scalars; ``vmatrix`` is its determinant. Any other
environment inside a side is refused with its name."""

from __future__ import annotations

import sympy as sp

from symproofs.latex.reader import Reader
from symproofs.latex.tokens import Tok

__all__ = ["Environments"]

_MATRICES = frozenset({"pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "vmatrix"})
_MAX_ENTRIES = 100


class Environments(Reader):
    """``\\begin{...}`` ... ``\\end{...}`` inside a side."""

    # -- provided by the grammar -----------------------------------------------
    def expr(self) -> sp.Basic:
        raise NotImplementedError

    def environment_name(self, t: Tok) -> str:
        """The name in braces after ``\\begin`` or ``\\end`` (``t``)."""
        self.expect("{")
        letters = []
        while not self.at("}"):
            letters.append(self.take())
        self.take()
        name = "".join(x.text for x in letters)
        if not name.isalpha():
            raise self.error(f"\\{t.text} needs the name of an environment", t)
        return name

    def environment(self, t: Tok) -> sp.Basic:
        name = self.environment_name(t)
        if name not in _MATRICES:
            raise self.error(f"unsupported environment {name} inside a formula", t)
        rows: list[list[sp.Basic]] = [[]]
        while True:
            if self.at("end", kind="cmd"):
                end = self.take()
                if self.environment_name(end) != name:
                    raise self.error(f"\\begin{{{name}}} closed by another environment", end)
                break
            if self.peek() is None:
                raise self.error(f"\\begin{{{name}}} without \\end{{{name}}}", t)
            if (brk := self.peek()) is not None and brk.kind == "brk":
                self.take()
                rows.append([])
                continue
            rows[-1].append(self.expr())
            if self.at("&"):
                self.take()
                if self.at("end", kind="cmd") or ((nxt := self.peek()) is not None and nxt.kind == "brk"):
                    raise self.error("an empty entry in a matrix", t)
            elif not self.at("end", kind="cmd") and (nxt := self.peek()) is not None and nxt.kind != "brk":
                raise self.unexpected(nxt)
        if rows and not rows[-1]:
            rows.pop()  # a row break before \end
        if not rows or len({len(r) for r in rows}) != 1 or sum(len(r) for r in rows) > _MAX_ENTRIES:
            raise self.error(f"the rows of a {name} must have the same number of entries (at most "
                             f"{_MAX_ENTRIES} in all)", t)
        if any(not isinstance(x, sp.Expr) or isinstance(x, sp.MatrixExpr) for r in rows for x in r):
            raise self.error(f"the entries of a {name} must be numbers or scalars", t)
        self.vector_seen = True
        matrix = sp.ImmutableMatrix(rows)
        if name == "vmatrix":
            if matrix.rows != matrix.cols:
                raise self.error("a determinant of a matrix that is not square", t)
            return sp.expand(matrix.det())
        return matrix
