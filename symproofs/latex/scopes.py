"""How far an operator the grammar reads reaches (a part of
:mod:`symproofs.latex.calculus`): the body of a sum or a limit, which goes on
past a ``+`` or ``-`` while its variable does, and an evaluation bar
(``[F]_a^b``, ``F \\Big|_a^b``), which reaches back over the bracket or the
side before it."""

from __future__ import annotations

import sympy as sp

from symproofs.latex.reader import Reader
from symproofs.latex.tokens import GREEK, OPENERS, Tok, group_end, strip_braces

__all__ = ["Scopes"]

#: commands that bind a name of their own
_BINDERS = frozenset({"sum", "prod", "lim", "int", "iint", "oint", "max", "min", "sup", "inf", "argmax", "argmin"})


class Scopes(Reader):
    """The reach of sums, limits and evaluation bars."""

    # -- provided by the grammar -----------------------------------------------
    def expr(self) -> sp.Basic:
        raise NotImplementedError

    def read_index_symbol(self) -> sp.Symbol:
        raise NotImplementedError

    def extended(self, body: sp.Basic, var: sp.Symbol) -> sp.Basic:
        """The body of a sum or limit, which ends at the next ``+`` or ``-``
        unless what follows still has its variable (``\\lim_{h \\to 0} 2 + h``,
        ``\\sum_i i + i``): a variable bound there is not free after it, so the
        body goes on to the end of the expression."""
        depth, k = 0, self.i
        while self.at("+", "-") and k < len(self.toks):
            t = self.toks[k]
            if t.kind == "sym" and t.text in OPENERS:
                depth += 1
            elif t.kind == "sym" and t.text in OPENERS.values():
                if depth == 0:
                    return body
                depth -= 1
            elif (t.kind == "rel" and depth == 0) or (t.kind == "cmd" and t.text in _BINDERS):
                return body  # the end of the side, or a sum, product, limit or integral binding names anew
            elif t.kind in ("letter", "cmd") and GREEK.get(t.text, t.text) == var.name:
                return body + self.expr()
            k += 1
        return body

    def evaluated(self, opener: Tok | None, value: sp.Basic) -> bool:
        """Whether the bracket just read (opened by ``opener``) is an
        evaluation bar: ``[F]`` followed by a lower end (``[F]_0^1``,
        ``[F]^1_0``); ``[x + 1]^2`` is a power, ``E[X]^2`` a moment's."""
        if opener is None or opener.text != "[" or self.toks[self.i - 1].text != "]" \
                or isinstance(value, sp.MatrixExpr):
            return False
        if self.at("_"):
            return True
        after = group_end(self.toks, self.i + 1) if self.at("^") else len(self.toks)
        return after < len(self.toks) and self.toks[after].text == "_"

    def evaluation(self, value: sp.Basic, tok: Tok) -> sp.Basic:
        """``[F]_a^b``, ``F \\Big|_0^1``, ``\\left. F \\right|_{x=a}^{x=b}``: ``F``
        at ``b`` minus ``F`` at ``a`` (at ``a`` alone without an upper end), in
        the variable the scripts name, else the one name ``F`` has; with
        several and none named, refused rather than guessed."""
        ends: dict[str, tuple[sp.Symbol | None, sp.Basic]] = {}
        while self.at("_", "^") and len(ends) < 2:
            which = self.take().text
            if which in ends:  # [F]_0_1: TeX refuses a double script; never an end replaced
                raise self.error("double script on an evaluation bar", tok)
            end = group_end(self.toks, self.i)
            group = list(strip_braces(self.toks[self.i : end]))
            self.i = end
            cut = next((k for k, t in enumerate(group) if t.kind == "rel" and t.text == "="), None)
            if cut is not None:
                ends[which] = (self.sub(group[:cut], self.read_index_symbol), self.sub(group[cut + 1:], self.expr))
            else:
                ends[which] = (None, self.sub(group, self.expr))
        named = {v for v, _ in ends.values() if v is not None}
        free = {x for x in value.free_symbols if isinstance(x, sp.Symbol)}
        var = next(iter(named)) if len(named) == 1 else next(iter(free)) if len(free) == 1 and not named else None
        if var is None or "_" not in ends:
            raise self.error("an evaluation bar: write the variable, [F]_{x=a}^{x=b}", tok)
        var = next((x for x in free if x.name == var.name), var)
        at = sp.Subs(value, var, ends["_"][1])
        return sp.Subs(value, var, ends["^"][1]) - at if "^" in ends else at
