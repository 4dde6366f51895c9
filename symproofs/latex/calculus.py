r"""Calculus, sums and probability in student LaTeX: the constructs built on
the grammar's operands.

Derivatives (``\frac{d}{dx}``, ``\frac{\partial L}{\partial u_i}``,
``\frac{\partial^2 f}{\partial x \partial y}``), gradients ``\nabla_x f``,
integrals (limits, ``\int_{\mathbb{R}}``, ``dx`` / ``\,dx`` /
``\mathrm{d}x``), sums and products with the bounds students write
(``\sum_{k=1}^{n}``, ``\sum_t``, ``\sum_{k \ge t}``, ``\sum_{1 \le i \le n}``),
``\max_i``, and the probability operators with conditions
(``\mathbb{E}[h \mid a \ge 0]``, ``\mathbb{P}(a \ge 0)``). The table of what
each becomes is in :mod:`symproofs.latex.parser`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.errors import InputError
from symproofs.latex.dependence import NotWritten
from symproofs.latex.placeholders import IDENTITY_PENDING, ONES_PENDING, entry_digits
from symproofs.latex.scopes import Scopes
from symproofs.latex.scripts import Scripts
from symproofs.latex.tokens import (
    BOLD,
    GREEK,
    IDENT,
    OPENERS,
    AmbiguousReading,
    Tok,
    group_end,
    is_d,
    strip_braces,
)
from symproofs.latex.vocabulary import NORM, OPERATORS, IndexedMax, IndexedMin
from symproofs.latex.wholesum import written_or_folded
from symproofs.matrices.linalg import Expectation, FrobeniusNorm, Grad, Jacobian, Norm, Scalar, is_vector
from symproofs.probability.variables import CondE, E, Prob, Var

__all__ = ["Calculus"]

_CONDITION_RELS = {"=": sp.Eq, "<": sp.Lt, ">": sp.Gt, "<=": sp.Le, ">=": sp.Ge, "\\le": sp.Le,
                   "\\leq": sp.Le, "\\leqslant": sp.Le, "\\lt": sp.Lt, "\\ge": sp.Ge,
                   "\\geq": sp.Ge, "\\geqslant": sp.Ge, "\\gt": sp.Gt, "\\neq": sp.Ne,
                   "\\ne": sp.Ne}
_DIFF_WRT = (sp.Symbol, sp.MatrixSymbol, MatrixElement, sp.Indexed)


def _by_matrix(f: sp.Basic, var: sp.Basic) -> sp.Basic:
    """A first derivative; by a declared matrix it is a matrix: the gradient
    (the shape of ``var``) of a scalar, the Jacobian (``rows(f) x rows(var)``,
    entry ``(i, j)`` the derivative of ``f_i`` by ``var_j``) of a column
    vector by a column vector."""
    if isinstance(var, sp.MatrixSymbol):
        try:
            if not isinstance(f, sp.MatrixExpr):
                return Grad(f, var)
            if f.shape == (1, 1):  # u^T x, a number
                return Grad(Scalar(f), var)
            if f.shape[1] == 1 and var.shape[1] == 1:
                return Jacobian(f, var)
        except TypeError:  # not a gradient or a Jacobian: the derivative as written
            pass
    return sp.Derivative(f, var)




class Calculus(Scopes, Scripts):
    """Constructs over operands the grammar reads (its methods below)."""

    # -- provided by the grammar -----------------------------------------------
    def expr(self) -> sp.Basic:
        raise NotImplementedError

    def postfix(self) -> sp.Basic:
        raise NotImplementedError

    def operand(self) -> sp.Basic:
        """The argument of a function written without parentheses."""
        raise NotImplementedError

    def argument(self) -> sp.Basic:
        raise NotImplementedError

    def term(self) -> sp.Basic:
        raise NotImplementedError

    def starts_factor(self, t: Tok) -> bool:
        raise NotImplementedError

    def read_index(self) -> sp.Symbol:
        raise NotImplementedError

    def group_list(self, opener: Tok, count: int | None = None) -> list[sp.Basic]:
        raise NotImplementedError

    # -- matrices written by name ---------------------------------------------
    def ones(self, t: Tok) -> sp.Basic:
        r"""``\mathbf{1}``: the all-ones vector when shapes are declared."""
        size = self.subscript_size()
        if size is None and self.notation.matrices:
            size = self.vector_size()
            if size is None:  # the sum it stands in may tell its length (1 - h); else it is ambiguous
                self.ones_pending = self.ones_pending or t
                return ONES_PENDING
        if size is None:
            self.ones_at = self.ones_at or t
            return sp.Integer(1)
        self.vector_seen = True
        return sp.OneMatrix(size, 1)

    def identity(self, t: Tok) -> sp.Basic:
        size = self.subscript_size() or self.square_size()
        if size is None and self.notation.matrices:  # the sum or product it stands in may tell its size
            self.identity_pending = self.identity_pending or t
            return IDENTITY_PENDING
        if size is None:
            raise self.ambiguous("identity matrix of unstated size", t, "identity", "a symbol I")
        self.vector_seen = True
        return sp.Identity(size)

    def failed(self, why: Exception | str, tok: Tok | None = None) -> InputError:
        """Why an expression could not be built: an identity matrix of
        unstated size read as a number first (``tr(I)``, ``I + W``), else
        ``why`` (a message, or the exception)."""
        if self.identity_pending is not None:
            return self.ambiguous("identity matrix of unstated size", self.identity_pending, "identity", "a symbol I")
        if isinstance(why, str):
            return self.error(why, tok)
        return self.error(f"cannot build this expression ({type(why).__name__}: {why})")

    def unresolved(self, value: sp.Basic) -> None:
        """An all-ones vector or identity matrix whose size no sum or product told."""
        if self.ones_pending is not None and value.has(ONES_PENDING):
            raise self.ambiguous("\\mathbf{1}: the declared vectors have several lengths", self.ones_pending,
                                 "all-ones vector", "the number 1")
        if self.identity_pending is not None and value.has(IDENTITY_PENDING):
            raise self.ambiguous("identity matrix of unstated size", self.identity_pending, "identity", "a symbol I")

    def entry(self, matrix: sp.MatrixExpr, indices: list[sp.Basic], tok: Tok) -> sp.Basic:
        """``(M)_{ij}`` is ``M[i-1, j-1]`` (a student counts from 1, sympy from 0)."""
        rows, cols = matrix.shape
        if rows != 1 and cols != 1:  # (R)_{11}: the entry (1, 1)
            indices = entry_digits(indices, (rows, cols)) or indices
        if len(indices) == 1 and cols == 1:
            indices = [indices[0], sp.Integer(1)]
        elif len(indices) == 1 and rows == 1:
            indices = [sp.Integer(1), indices[0]]
        if len(indices) != 2:
            raise self.error("an entry of a matrix takes two indices", tok)
        # the letters of an entry's position are integers (one symbol i with (M)_{ii} elsewhere)
        indices = [x.xreplace({v: sp.Symbol(v.name, integer=True) for v in x.free_symbols
                               if isinstance(v, sp.Symbol) and v.is_integer is not True}) for x in indices]
        self.indices.update(v.name for x in indices for v in x.free_symbols if isinstance(v, sp.Symbol))
        return MatrixElement(matrix, indices[0] - 1, indices[1] - 1)  # unevaluated

    def transpose(self, base: sp.Basic, bold: bool, caret: Tok) -> sp.Basic | None:
        """``^\\top``, ``^T``, ``^\\mathrm{T}``: the transpose of a matrix, nothing on a
        declared scalar (``^\\top``); ``^T`` is the power ``T`` on a declared scalar or
        number, or when ``T`` is a variable here."""
        if base == ONES_PENDING:  # \mathbf{1}^\top with several lengths declared: no sum to tell which
            raise self.ambiguous("\\mathbf{1}: the declared vectors have several lengths", self.ones_pending or caret,
                                 "all-ones vector", "the number 1")
        end = group_end(self.toks, self.i)
        inner = [t for t in self.toks[self.i : end] if t.text not in ("{", "}")]
        if len(inner) != 1:
            return None
        t = inner[0]
        top = (t.kind == "cmd" and t.text in ("top", "intercal", "mathsf")) or (
            t.kind == "raw" and t.arg == "T")
        letter = t.kind == "letter" and t.text == "T"
        if not top and not letter:
            return None
        if base == IDENTITY_PENDING:
            self.i = end
            return base  # I^T = I
        declared = self.notation.symbols
        scalar = not isinstance(base, sp.MatrixExpr) and (
            base.is_number or all(s.name in declared for s in base.free_symbols))
        if letter and not isinstance(base, sp.MatrixExpr) and (
                "T" in declared or "T" in self.variables or scalar):
            return None  # \delta^T: a power (a scalar has no transpose worth writing)
        self.i = end
        if isinstance(base, sp.MatrixExpr):
            self.vector_seen = True
            return sp.transpose(base)
        if scalar:
            return base
        raise self.ambiguous(f"transpose of {base}, whose shape is not declared", caret,
                             "transpose of a vector or matrix", "a scalar (or a power T)")

    def subscript_size(self) -> sp.Basic | None:
        if not self.at("_"):
            return None
        self.take()
        size = self.argument()
        if not (size.is_Symbol or (size.is_Integer and size > 0)):
            raise self.error("the size of a matrix is a name or a positive integer")
        return sp.Symbol(str(size), integer=True, positive=True) if size.is_Symbol else size

    def norm(self, value: sp.Basic) -> sp.Basic:
        """``\\|x\\|``: ``Abs`` of declared scalars; of a matrix (not a vector), the
        norm ``[norms] matrix`` names (else ``norm``, read by the grader both ways)."""
        declared = self.notation.symbols
        if not isinstance(value, sp.MatrixExpr) and declared and all(
            s.name in declared for s in value.free_symbols
        ):
            return sp.Abs(value)
        if isinstance(value, sp.MatrixExpr) and not is_vector(value) and self.notation.matrix_norm is not None:
            return FrobeniusNorm(value) if self.notation.matrix_norm == "frobenius" else Norm(value)
        return NORM(value)

    def norm_subscript(self, value: sp.Basic, op: Tok) -> sp.Basic:
        """``\\|x\\|_2`` (Euclidean of a vector, spectral of a matrix) and
        ``\\|A\\|_F`` (also ``_{\\mathrm{F}}``, ``_{\\text{Fro}}``: Frobenius; of a
        vector, Euclidean); the cursor is after the ``_``."""
        base, power = (value.base, value.exp) if value.is_Pow else (value, None)
        norm = base.func in (NORM, Norm, FrobeniusNorm) or (base.func == sp.Abs and power is None)
        kind = self.argument()
        name = "2" if kind == 2 else str(getattr(kind, "name", ""))
        if not norm or name not in ("2", "F", "Fro") or (base.func == sp.Abs and name != "2"):
            raise self.error("unexpected subscript (an entry of an expression whose shape is not declared; "
                             "a norm takes only _2 or _F)", op)
        m = base.args[0]
        if base.func == sp.Abs or not isinstance(m, sp.MatrixExpr) or is_vector(m):
            return value
        new = Norm(m) if name == "2" else FrobeniusNorm(m)
        return new if power is None else new**power

    def diag(self, t: Tok) -> sp.Basic:
        if not self.at("("):
            raise self.error("diag takes its argument in parentheses", t)
        (value,) = self.group_list(self.take(), 1)
        if isinstance(value, sp.MatrixExpr) and value.shape[1] == 1:
            return sp.DiagMatrix(value)
        if isinstance(value, sp.MatrixExpr) and value.shape[0] == value.shape[1]:
            return sp.DiagonalMatrix(value)
        raise self.error("diag needs a vector or a square matrix declared in the notation", t)

    # -- derivatives ----------------------------------------------------------
    def derivative(self, tok: Tok, top: Sequence[Tok], bottom: Sequence[Tok]) -> sp.Basic:
        """``\\frac{d^n f}{dx^n}``, ``\\frac{\\partial^2 f}{\\partial x \\partial y}`` and the
        operator forms ``\\frac{d}{dx}(...)``; the cursor is after the fraction."""
        variables: list[tuple[sp.Basic, int]] = []
        starts = [k for k, t in enumerate(bottom) if is_d(t) and self._depth_zero(bottom, k)]
        for a, b in zip(starts, [*starts[1:], len(bottom)], strict=True):
            seg, count = self._order(list(bottom[a + 1 : b]), tok)
            if not seg:
                raise self.error("a derivative needs a variable after d or \\partial", tok)
            var = self.sub(seg, self.postfix)
            if not isinstance(var, (*_DIFF_WRT, AppliedUndef)):
                raise self.error("a derivative is taken with respect to a variable", tok)
            variables.append((var, count))
        body, order = self._order(list(top[1:]), tok, leading=True)
        if order != sum(c for _, c in variables):
            raise self.error("the orders of the derivative do not match", tok)
        f = self.sub(body, self.expr) if body else self._applied_to(tuple(v for v, _ in variables))
        f = self._dependence_written(f, [v for v, _ in variables], tok)
        if len(variables) == 1 and variables[0][1] == 1:
            return _by_matrix(f, variables[0][0])
        return sp.Derivative(f, *variables)

    def _applied_to(self, variables: tuple[sp.Basic, ...]) -> sp.Basic:
        """What an operator without parentheses differentiates: its operand,
        or the whole product when factors follow it (``\\nabla_w \\frac12
        \\|Xw - y\\|^2``). When the operand alone already depends on the
        variable, the product and the operand are two readings a TA could
        make (``\\frac{d}{dx} f \\, g``): ambiguous. When only the operand may
        depend on it (``\\nabla_h L \\, x^\\top``, ``L`` a name), the operator
        takes the operand alone; a member of a declared sequence in the rest
        (``h_{t+1}``, which may depend on ``h_t``) leaves the reach ambiguous."""
        first = self.peek()
        if first is None:
            raise self.error("a derivative operator needs something to differentiate")
        f = self.postfix() if self.at("(", "[") else self.operand()
        nxt = self.peek()
        if nxt is None or not self.starts_factor(nxt):
            return f
        start = self.i
        rest = self.term()
        # \nabla_h L \, x^T: when the rest does not mention the variable, the whole product would be
        # a derivative of a constant; a TA reads (\nabla_h L) x^T
        alone = bool(f.free_symbols) and not any(_depends(rest, v) for v in variables)
        if any(_depends(f, v) for v in variables) or (alone and any(
                m in self.members and self.members[m][0] not in self.notation.inputs
                for m in rest.atoms(sp.MatrixSymbol))):
            raise self.ambiguous("how far a derivative without parentheses reaches", first,
                                 "the derivative of the whole product", "the derivative of the first factor")
        if alone:
            self.i = start
            return f
        return f * rest

    def _order(self, seg: list[Tok], tok: Tok, *, leading: bool = False) -> tuple[list[Tok], int]:
        """Split off ``^n`` (after the d of a numerator, or ending a variable)."""
        k = 0 if leading else None
        if leading and seg and seg[0].text == "^":
            k = 0
        elif not leading:  # \partial x^2 (an order), not \partial h^{(t)} (a name)
            for j in range(len(seg) - 1, -1, -1):
                if seg[j].text == "^" and group_end(seg, j + 1) == len(seg) and all(
                        t.kind == "num" or t.text in ("{", "}") for t in seg[j + 1 :]):
                    k = j
                    break
        if k is None or not seg or seg[k].text != "^":
            return seg, 1
        end = group_end(seg, k + 1)
        digits = "".join(t.text for t in strip_braces(seg[k + 1 : end]))
        if not digits.isdigit() or not 1 <= int(digits) <= 10:
            raise self.error("the order of a derivative is a small integer", tok)
        return (seg[end:] if leading else seg[:k]), int(digits)

    @staticmethod
    def _depth_zero(toks: Sequence[Tok], k: int) -> bool:
        depth = 0
        for t in toks[:k]:
            depth += {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}.get(t.text, 0) if (
                t.kind == "sym") else 0
        return depth == 0

    def gradient(self, tok: Tok, var: sp.Basic) -> sp.Basic:
        """``\\nabla_x f`` for a declared vector or matrix ``x``."""
        f = self._dependence_written(self._applied_to((var,)), [var], tok)
        return _by_matrix(f, var)

    def _dependence_written(self, f: sp.Basic, variables: Sequence[sp.Basic], tok: Tok) -> sp.Basic:
        """``f`` with the members of declared sequences it depends through
        written out (:mod:`symproofs.latex.dependence`): a member (``h_t``)
        differentiated by anything but itself stands for its recurrence
        (``h_t = W \\sigma(h_{t-1}) + U x_t + b``), followed while each step
        reaches only the variables, members no function of them and the
        declared inputs (``\\partial h_t / \\partial h_{t-1}``); by a vector, a
        number the notation defines through members (``L_t``, ``L``) stands
        for its definition, and a sum that is a definition (``\\sum_k L_k``) for the number it
        defines where the sum cannot be written out. Otherwise the dependence is not written
        (``\\partial h_T / \\partial h_0``): read as a constant or through the
        question's definition, the two readings disagree, so the step is
        ambiguous rather than checked."""
        try:
            found = written_or_folded(f, variables, self.notation, self.members, self.symbol)
        except NotWritten as exc:
            names = str(exc)
            wrt = ", ".join(f"the entries of {v.parent.name}" if isinstance(v, MatrixElement) else sp.sstr(v)
                            for v in variables)
            why = f" ({exc.why})" if exc.why else ""
            raise self.ambiguous(f"how {names} depends on {wrt} is not written in the notation{why}", tok,
                                 f"{names} as the question defines it", f"{names} as an independent variable"
                                 ) from None
        self.members.update(found.members)
        return found.value

    def nabla_variable(self, group: Sequence[Tok]) -> sp.Basic | None:
        """The variable of ``\\nabla_{x}`` when it is a declared vector or matrix, or a
        name with scripts (``\\nabla_{W^{(f)}}``); ``None`` for a plain name, which
        keeps its name spelling (``\\nabla_w L`` is ``grad_w_L``)."""
        inner = list(strip_braces(group))
        if not inner:
            return None
        try:
            var = self.sub(inner, self.postfix)
        except AmbiguousReading:
            raise
        except (InputError, ValueError, TypeError):  # not a variable: the name spelling applies
            return None
        if isinstance(var, (sp.MatrixSymbol, MatrixElement)):
            return var
        plain = len(inner) == 1 or all(t.kind == "letter" or t.text in ("{", "}", *BOLD, *GREEK)
                                       for t in inner)
        if not plain and isinstance(var, (sp.Symbol, AppliedUndef)):  # \nabla_{W^{(f)}} L
            return var
        return None

    # -- integrals --------------------------------------------------------------
    def integral(self, tok: Tok) -> sp.Basic:
        low: sp.Basic | None = None
        high: sp.Basic | None = None
        whole_line = False
        seen: set[str] = set()
        while self.at("_", "^"):
            op = self.single_script(seen, self.take(), "\\int")
            end = group_end(self.toks, self.i)
            group = [t for t in self.toks[self.i : end] if t.text not in ("{", "}")]
            if op.text == "_" and [t.text for t in group] == ["mathbb", "R"]:
                self.i, whole_line = end, True
            elif op.text == "_":
                low = self.argument()
            else:
                high = self.argument()
        k = self._differential()
        if k is None:
            raise self.error("an integral needs its differential (dx)", tok)
        body_toks = self.toks[self.i : k]
        body = self.sub(body_toks, self.expr) if body_toks else sp.Integer(1)
        self.i = k + 1
        var = self.read_index_symbol()
        if whole_line:
            return sp.Integral(body, (var, -sp.oo, sp.oo))
        if low is None and high is None:
            return sp.Integral(body, var)
        if low is None or high is None:
            raise self.error("write both limits of the integral, or none", tok)
        return sp.Integral(body, (var, low, high))

    def _differential(self) -> int | None:
        depth = 0
        for k in range(self.i, len(self.toks)):
            t = self.toks[k]
            if t.kind == "sym" and t.text in OPENERS:
                depth += 1
            elif t.kind == "sym" and t.text in OPENERS.values():
                depth -= 1
                if depth < 0:
                    return None
            elif t.kind == "rel" and depth == 0:
                return None
            nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
            if depth == 0 and is_d(t) and t.text != "partial" and nxt is not None and (
                nxt.kind == "letter" or (nxt.kind == "cmd" and nxt.text in GREEK)
            ) and (k + 2 >= len(self.toks) or self.toks[k + 2].kind not in ("letter", "num")):
                return k
        return None

    def read_index_symbol(self) -> sp.Symbol:
        t = self.take()
        name = GREEK.get(t.text, t.text) if t.kind in ("cmd", "letter") else ""
        if not IDENT.fullmatch(name):
            raise self.error("expected a variable", t)
        return self.symbol(name)

    # -- sums, products, max and min over an index ---------------------------------
    def big_operator(self, tok: Tok) -> sp.Basic:
        var: sp.Symbol | None = None
        low: sp.Basic | None = None
        high: sp.Basic | None = None
        seen: set[str] = set()
        while self.at("_", "^"):
            if self.single_script(seen, self.take(), f"\\{tok.text}").text == "^":
                high = self.argument()
                continue
            end = group_end(self.toks, self.i)
            group = list(strip_braces(self.toks[self.i : end]))
            self.i = end
            var, low, upper = self._range(group, tok)
            high = upper if upper is not None else high
        if var is None:
            raise self.error(f"write the index: \\{tok.text}_{{k=1}}^{{n}}", tok)
        self.indices.add(var.name)
        self.bound.append(var.name)
        try:
            body = self.extended(self.term(), var)
        finally:
            self.bound.pop()
        low, high = self._implicit_bounds(var, body, low, high)
        low, high = self._dimensions(low), self._dimensions(high)
        dims = self._dimension_names()
        self.indices.update(s.name for s in sp.Tuple(low, high).atoms(sp.Symbol) if s.name not in dims)
        return (sp.Sum if tok.text == "sum" else sp.Product)(body, (var, low, high))

    def _dimension_names(self) -> set[str]:
        return {d for shape in self.notation.matrices.values() for d in shape if isinstance(d, str)}

    def _dimensions(self, bound: sp.Basic) -> sp.Basic:
        """A bound named like a declared dimension (``\\sum_{k=1}^{n}`` with
        ``u`` of length ``n``) is that dimension, the same symbol as in the
        shapes, not a new integer ``n`` that could be 0 or negative."""
        dims = self._dimension_names()
        named = {s: self.dimension(s.name) for s in bound.atoms(sp.Symbol) if s.name in dims}
        return bound.xreplace(named) if named else bound

    def _range(self, group: list[Tok], tok: Tok) -> tuple[sp.Symbol, sp.Basic | None, sp.Basic | None]:
        """``k``, ``k=1``, ``k \\ge t``, ``k < n``, ``1 \\le k \\le n`` under a sum."""
        cuts = [k for k, t in enumerate(group) if t.kind == "rel" and self._depth_zero(group, k)]
        parts = [group[a + 1 if a >= 0 else 0 : b] for a, b in
                 zip([-1, *cuts], [*cuts, len(group)], strict=True)]
        rels = [group[k].text for k in cuts]
        if any(not p for p in parts):
            raise self.error(f"\\{tok.text}: unreadable index range", tok)
        lower = {"=": 0, "\\ge": 0, "\\geq": 0, ">=": 0, ">": 1, "\\gt": 1}
        upper = {"\\le": 0, "\\leq": 0, "<=": 0, "<": -1, "\\lt": -1}
        if len(parts) == 1:
            return self.sub(parts[0], self.read_index), None, None
        if len(parts) == 2 and (rels[0] in lower or rels[0] in upper):
            var = self.sub(parts[0], self.read_index)
            bound = self.sub(parts[1], self.expr)
            if rels[0] in lower:
                return var, bound + lower[rels[0]], None
            return var, None, bound + upper[rels[0]]
        if len(parts) == 2 and rels[0] == "\\in" and (listed := self._listed_range(parts[1], tok)):
            return self.sub(parts[0], self.read_index), *listed  # i \in \{1, \dots, d\}
        if len(parts) == 3 and rels[0] in upper and rels[1] in upper:
            var = self.sub(parts[1], self.read_index)
            low = self.sub(parts[0], self.expr) - upper[rels[0]]
            return var, low, self.sub(parts[2], self.expr) + upper[rels[1]]
        raise self.error(f"\\{tok.text}: unsupported index range (write k=1 and ^{{n}})", tok)

    def _listed_range(self, group: list[Tok], tok: Tok) -> tuple[sp.Basic, sp.Basic] | None:
        """``\\{a, \\dots, b\\}``: the integers from ``a`` to ``b``."""
        if len(group) < 7 or group[0].text != "\\{" or group[-1].text != "\\}":
            return None
        inner = group[1:-1]
        commas = [k for k, t in enumerate(inner) if t.text == "," and self._depth_zero(inner, k)]
        if len(commas) != 2 or commas[1] != commas[0] + 2 or not (
                inner[commas[0] + 1].kind == "cmd" and inner[commas[0] + 1].text in ("dots", "ldots", "cdots")):
            return None
        return self.sub(inner[: commas[0]], self.expr), self.sub(inner[commas[1] + 1 :], self.expr)

    def _implicit_bounds(self, var: sp.Symbol, body: sp.Basic, low: sp.Basic | None,
                         high: sp.Basic | None) -> tuple[sp.Basic, sp.Basic]:
        """Unwritten bounds: the range of the entries ``var`` indexes (1 to the
        dimension), else the integer symbols ``<k>_lo`` and ``<k>_hi``."""
        if low is None and high is None:
            for element in body.atoms(MatrixElement):
                for position, index in ((1, element.i), (2, element.j)):
                    if index in (var - 1, sp.Symbol(var.name, integer=True) - 1):  # entries count in integers
                        return sp.Integer(1), element.parent.shape[position - 1]
        lo = low if low is not None else sp.Symbol(f"{var.name}_lo", integer=True)
        hi = high if high is not None else sp.Symbol(f"{var.name}_hi", integer=True)
        return lo, hi

    def limit(self, tok: Tok) -> sp.Basic:
        """``\\lim_{x \\to a} f``: two-sided at a finite point unless written ``a^+``
        or ``a^-`` (sympy's own ``Limit`` is from the right). The body is the
        product that follows, as a sum's (``\\lim_{x \\to 0} x \\ln x``)."""
        if self.at("limits", "nolimits", kind="cmd"):  # \\lim\\limits_{...}
            self.take()
        if not self.at("_"):
            raise self.error("\\lim: write the variable and the point under it", tok)
        self.take()
        end = group_end(self.toks, self.i)
        group = list(strip_braces(self.toks[self.i : end]))
        self.i = end
        arrow = next((k for k, t in enumerate(group) if t.kind == "rel" and t.text in ("\\to", "\\rightarrow")), None)
        if arrow is None or arrow == 0 or arrow == len(group) - 1:
            raise self.error("\\lim: write the variable and the point under it (x \\to a)", tok)
        side = "+-"
        point_toks = group[arrow + 1:]
        if len(point_toks) >= 2 and point_toks[-2].text == "^" and point_toks[-1].text in ("+", "-"):
            side, point_toks = point_toks[-1].text, point_toks[:-2]
        var = self.sub(group[:arrow], self.postfix)
        point = self.sub(point_toks, self.expr)
        if not isinstance(var, sp.Symbol) or not isinstance(point, sp.Expr) or point.has(var):
            raise self.error("\\lim: the variable must be a name", tok)
        body = self.extended(self.term(), var)  # as a sum's: the product up to the next + or -, x ln x whole
        if not point.is_finite:
            side = "-" if point == sp.oo else "+"  # sympy's direction towards an infinite point
        return sp.Limit(body, var, point, side)

    def extremum(self, name: str, tok: Tok) -> sp.Basic:
        """``\\max_i x_i``, ``\\min_{x} f(x)``: over one index or variable."""
        end = group_end(self.toks, self.i)
        group = list(strip_braces(self.toks[self.i : end]))
        self.i = end
        var, _, _ = self._range(group, tok) if group and group[0].kind != "rel" else (None, 0, 0)
        if var is None:
            raise self.error(f"\\{name}: write the index under it", tok)
        self.bound.append(var.name)
        try:
            body = self.postfix() if self.at("(", "[") else self.operand()
        finally:
            self.bound.pop()
        return (IndexedMax if name == "max" else IndexedMin)(body, var)

    # -- probability ----------------------------------------------------------------
    def expectation(self, name: str, tok: Tok) -> sp.Basic:
        """``E``, ``Var``, ``Cov`` (scripts: :mod:`symproofs.latex.scripts`); ``E[X \\mid A]`` is conditional."""
        if name not in OPERATORS:
            raise self.error(f"unsupported operator {name!r}", tok)
        exponent = self.operator_scripts(name, tok)
        return self.scripted_power(self._operator(name, tok), exponent, tok)

    def _operator(self, name: str, tok: Tok) -> sp.Basic:
        cls, arity = OPERATORS[name]
        if not self.at("(", "[", "\\{"):
            if arity != 1:
                raise self.error(f"{name} takes {arity} arguments in brackets", tok)
            return cls(self.postfix()) if cls is E else self._moment(cls, [self.postfix()], tok)
        opener = self.take()
        saved, self.bars = self.bars, ["|"]
        try:
            args = [self.expr()]
            while self.at(","):
                self.take()
                args.append(self.expr())
            condition = self.condition() if self._mid() else None
        finally:
            self.bars = saved
        self.expect({"(": ")", "[": "]", "\\{": "\\}"}[opener.text])
        if len(args) != arity:
            raise self.error(f"{name} takes {arity} argument(s)", tok)
        if condition is not None:
            if cls is not E:
                raise self.error(f"conditional {name} is not supported", tok)
            return CondE(args[0], condition)
        if cls is E and isinstance(args[0], sp.MatrixExpr):  # entrywise: a matrix, with entries
            return Expectation(args[0])
        return self._moment(cls, args, tok)

    def _moment(self, cls: type[sp.Function], args: list[sp.Basic], tok: Tok) -> sp.Basic:
        """``Var`` or ``Cov`` of numbers (``u^T x`` is one); of random column
        vectors, the covariance matrix ``E[x y^T] - E[x] E[y]^T`` (a number
        would let ``u^T Var(x) u`` be ``Var(x) u^T u``)."""
        if all(isinstance(a, sp.MatrixExpr) and a.shape[1] == 1 and a.shape[0] != 1 for a in args):
            x, y = (args[0], args[0]) if cls is Var else (args[0], args[1])
            return Expectation(x * y.T) - Expectation(x) * Expectation(y).T  # the covariance matrix
        if any(isinstance(a, sp.MatrixExpr) and a.shape != (1, 1) for a in args):
            raise self.error(f"{cls.__name__} of a matrix that is not a column vector is not supported", tok)
        return cls(*(Scalar(a) if isinstance(a, sp.MatrixExpr) else a for a in args))  # Var(u^T x): a number

    def blackboard(self, t: Tok) -> sp.Basic:
        end = group_end(self.toks, self.i)
        letter = "".join(x.text for x in self.toks[self.i : end] if x.text not in ("{", "}"))
        self.i = end
        if letter in ("E", "V"):
            return self.expectation("E" if letter == "E" else "Var", t)
        if letter == "P":
            return self.probability(t)
        if letter == "1":
            return self.ones(t)
        if letter == "I":
            return self.identity(t)
        raise self.error(f"unsupported \\mathbb{{{letter}}}", t)

    def probability(self, tok: Tok) -> sp.Basic:
        """``\\mathbb{P}(A)``, ``\\Pr[A \\mid B]`` with events written as relations."""
        exponent = self.operator_scripts("P", tok)
        if not self.at("(", "[", "\\{"):
            raise self.error("a probability needs its event in brackets", tok)
        opener = self.take()
        saved, self.bars = self.bars, ["|"]
        try:
            event = self.condition()
            given = self.condition() if self._mid() else None
        finally:
            self.bars = saved
        self.expect({"(": ")", "[": "]", "\\{": "\\}"}[opener.text])
        return self.scripted_power(Prob(event) if given is None else Prob(event, given), exponent, tok)

    def _mid(self) -> bool:
        if self.at("mid", kind="cmd") or self.at("|"):
            self.take()
            return True
        return False

    def condition(self) -> sp.Basic:
        """An event: relations, possibly chained (``0 \\le a \\le 1``) or joined by commas."""
        parts: list[sp.Basic] = []
        left = self.expr()
        lone = True
        while True:
            t = self.peek()
            if t is not None and t.kind == "rel" and t.text in _CONDITION_RELS:
                self.take()
                right = self.expr()
                parts.append(_CONDITION_RELS[t.text](left, right))
                left, lone = right, False
            elif t is not None and t.kind == "sym" and t.text == "," and not lone:
                self.take()
                left, lone = self.expr(), True
            else:
                break
        if lone and parts:
            raise self.error("expected a relation in the event")
        return left if not parts else (parts[0] if len(parts) == 1 else sp.And(*parts))

    def bold_group(self) -> list[Tok]:
        end = group_end(self.toks, self.i)
        return [t for t in self.toks[self.i : end] if t.text not in ("{", "}", *BOLD)]


def _depends(f: sp.Basic, var: sp.Basic) -> bool:
    """Whether ``f`` mentions ``var`` (or the matrix it is an entry of)."""
    base = var.parent if isinstance(var, MatrixElement) else var
    return bool(f.has(var) or f.has(base))

