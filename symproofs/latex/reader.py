"""The parser's state and its token-level tools (no grammar here).

:class:`Reader` holds the tokens of one side, the notation, the nesting
budget and what the reading learned (names used as indices, whether the
all-ones vector or a vector appeared); the grammar
(:mod:`symproofs.latex.grammar`) and the calculus constructs
(:mod:`symproofs.latex.calculus`) are built on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from typing import TypeVar

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.boundparts import Bound, bound_condition
from symproofs.latex.declarations import DOMAINS, Notation
from symproofs.latex.tokens import OPENERS, AmbiguousReading, Origin, Tok, group_end, index_shaped
from symproofs.verifier.definedness import REAL_DOMAIN

__all__ = ["Reader"]

MAX_DEPTH = 50  # nesting of groups, scripts and arguments
_MAX_EXPONENT = 1000  # numerator and denominator of a numeric exponent
_MAX_RESULT_DIGITS = 1000  # numbers computed from powers
_MAX_TOTAL_DIGITS = 10_000  # all the powers and factorials of one side together
_T = TypeVar("_T")


class Reader:
    """Tokens of one side with a cursor, the notation and the reading's state.

    ``sequences`` are names read as sequences in this chain (subscripted, or
    with two parenthesised superscripts); ``variables`` are letters used as
    plain variables somewhere in the chain (so ``x^T`` is a power when ``T``
    is one of them); ``applied`` the members of families of functions
    (``f_i``) the chain applies to a plain name.
    """

    def __init__(self, toks: list[Tok], origin: Origin, notation: Notation, *,
                 sequences: AbstractSet[str] = frozenset(),
                 variables: AbstractSet[str] = frozenset(),
                 alone: AbstractSet[str] = frozenset(),
                 applied: AbstractSet[tuple[str, ...]] = frozenset()) -> None:
        self.toks, self.origin, self.notation = toks, origin, notation
        self.applied = frozenset(applied)  # members of families of functions applied in the chain (f_i(x))
        self.i = self.depth = 0
        self.digits = 0.0  # digits of all the numbers built so far
        self.bars: list[str] = []  # bare bars |, ‖ currently open
        self.indices: set[str] = set()
        self.bound: list[str] = []  # the indices the sums, products and \max around the cursor bind
        self.sequences = frozenset(sequences) | notation.sequences
        self.variables = frozenset(variables)
        self.alone = frozenset(alone)  # letters that are a whole side of the chain
        self.ones_at: Tok | None = None  # where \mathbf{1} was read as the number 1
        self.ones_pending: Tok | None = None  # where \mathbf{1} waits for the sum it stands in to give its length
        self.identity_pending: Tok | None = None  # where I waits for the sum or product to give its size
        self.vector_seen = False  # a bold name, a transpose or a matrix appeared
        #: declared vectors read as members of a sequence (h_t): the sequence and the indices
        self.members: dict[sp.Basic, tuple[str, tuple[sp.Basic, ...]]] = {}
        #: where the parts written are defined (a denominator, a radicand, a logarithm's argument)
        self.written_domain: list[tuple[str, sp.Basic]] = []
        self.domain: tuple[sp.Basic, ...] = ()  # those the value read no longer says (set by parse)

    # -- cursor -----------------------------------------------------------
    def peek(self, ahead: int = 0) -> Tok | None:
        k = self.i + ahead
        return self.toks[k] if k < len(self.toks) else None

    def at(self, *texts: str, kind: str = "sym") -> bool:
        t = self.peek()
        return t is not None and t.kind == kind and (not texts or t.text in texts)

    def take(self) -> Tok:
        t = self.peek()
        if t is None:
            raise self.error("unexpected end of expression")
        self.i += 1
        return t

    def expect(self, text: str, kind: str = "sym") -> Tok:
        if not self.at(text, kind=kind):
            raise self.error(f"expected {text!r}")
        return self.take()

    def sub(self, toks: Sequence[Tok], read: Callable[[], _T]) -> _T:
        """Read all of ``toks`` (a part of this side) with ``read``."""
        saved = self.toks, self.i, self.bars
        self.toks, self.i, self.bars = list(toks), 0, []
        try:
            value = read()
            if (t := self.peek()) is not None:
                raise self.unexpected(t)
            return value
        finally:
            self.toks, self.i, self.bars = saved

    def closing(self, i: int) -> int:
        """Index of the bracket closing the one at ``toks[i]`` (or len)."""
        depth = 0
        for k in range(i, len(self.toks)):
            t = self.toks[k]
            if t.kind == "sym" and t.text in OPENERS:
                depth += 1
            elif t.kind == "sym" and t.text in OPENERS.values():
                depth -= 1
                if depth == 0:
                    return k
        return len(self.toks)

    def lost_domain(self, value: sp.Basic) -> tuple[sp.Basic, ...]:
        """Where the text as written is defined and ``value`` no longer says so:
        sympy cancels a factor (``\\frac{(x-1)^2}{x-1}`` is ``x - 1``, ``x^{-1} x``
        is 1), combines roots (``x^{1/2} x^{1/2}`` is ``x``) and inverse functions
        (``\\sin(\\arcsin x)`` is ``x``) as it builds them. The conditions (``x - 1
        \\ne 0``, ``x \\ge 0``, ``-1 \\le x \\le 1``) for the real symbols the part
        mentions; a statement about the side holds only there."""
        out: list[sp.Basic] = []
        negative = {b for b, e in (p.as_base_exp() for p in value.atoms(sp.Pow)) if e.is_negative}
        roots = {b for b, e in (p.as_base_exp() for p in value.atoms(sp.Pow))
                 if isinstance(e, sp.Rational) and e.q % 2 == 0}
        for kind, part in self.written_domain:
            inner = part.args[0] if kind == "function" else part
            if kind == "denominator" and isinstance(part, sp.MatMul):
                out += [c for c in self._rank_conditions(part, value) if c not in out]
                continue
            if isinstance(inner, sp.MatrixExpr) or not isinstance(inner, sp.Expr) or not inner.free_symbols \
                    or any(s.is_real is not True for s in inner.free_symbols):
                continue
            if kind == "denominator":
                factors = [f.as_base_exp()[0] for f in sp.Mul.make_args(part) if f.free_symbols]
                if all(f in negative for f in factors):
                    continue
                conditions: tuple[sp.Basic, ...] = (sp.Ne(part, 0),)
            elif kind == "root":
                if part in roots:
                    continue
                conditions = (sp.Ge(part, 0),)
            else:  # a function defined on part of the real line, applied
                if part in value.atoms(part.func):
                    continue
                conditions = REAL_DOMAIN[part.func](inner)
            out += [c for c in conditions if c is not sp.true and c not in out]
        out = [c for c in out if not self._over_range(c, value)]
        return tuple(out) if sp.false not in out else (sp.false,)

    def _rank_conditions(self, product: sp.MatMul, value: sp.Basic) -> tuple[sp.Basic, ...]:
        """Where the inverse of the matrix ``product`` written, cancelled in
        ``value`` (``(X X^T)^{-1} X X^T`` is ``I``), may exist: its rank is at
        most each dimension of its factors, so each must reach its size
        (``n \\ge m`` for ``X`` of shape ``m x n``); an error where the shapes
        alone forbid it."""
        if any(a.args[0] == product for a in value.atoms(sp.Inverse)) or any(
                a.args[0] == product and a.exp.is_negative for a in value.atoms(sp.MatPow)):
            return ()  # still written: the verifier's guard sees it
        dims = {d for f in product.args if isinstance(f, sp.MatrixExpr) for d in f.shape if d != product.rows}
        conditions = tuple(sp.Ge(d, product.rows) for d in sorted(dims, key=sp.default_sort_key))
        if sp.false in conditions:
            raise self.error(f"the inverse of {sp.sstr(product)} never exists: its rank is below its size "
                             f"{sp.sstr(product.rows)}")
        return tuple(c for c in conditions if c is not sp.true)

    def _over_range(self, condition: sp.Basic, value: sp.Basic) -> bool:
        """Whether ``condition`` is on the index of a sum or product of
        ``value`` (``k \\ne 0`` in ``\\sum_{k=0}^{3} k/k``), where it must hold at
        every index of the range, not at one value of a free name: checked
        there (an error if it fails at one), or an error where the range is
        not a short list of whole numbers. On the variable of an integral or a
        limit it must hold over the range or near the point
        (:func:`~symproofs.latex.boundparts.bound_condition`)."""
        bound_only = not condition.free_symbols & value.free_symbols  # not also a free name of the side
        for binder in value.atoms(sp.Integral, sp.Limit) if bound_only else ():
            found, where = bound_condition(condition, binder)
            if found is Bound.FAILS:
                raise self.error(f"a part of {sp.sstr(binder)} as written has no real value at {where} "
                                 f"(it needs {sp.sstr(condition)})")
            if found is Bound.HELD:
                return True
        for big in value.atoms(sp.Sum, sp.Product):
            for index, low, high in big.limits:
                if not {x.name for x in condition.free_symbols} & {index.name}:
                    continue
                at = next(x for x in condition.free_symbols if x.name == index.name)
                past = condition.subs(at, low + sp.Dummy("j", integer=True, nonnegative=True))
                if low.is_Integer and (past is sp.true or _holds_at_zero(past)):
                    return True  # \sum_{k=1}^{n} k^2/k: no k from 1 on is 0
                if not (low.is_Integer and high.is_Integer and high - low <= 1000):
                    raise self.error(f"a term of the sum or product over {index} may be undefined "
                                     f"(it needs {condition}) at an index of its range")
                for k in range(int(low), int(high) + 1):
                    if condition.subs(at, k) is sp.false:
                        raise self.error(f"a term of the sum or product is undefined at {index} = {k}")
                return True
        return False

    def note_function(self, value: sp.Basic) -> sp.Basic:
        """``value``, a function applied, noted if its real domain is not the
        whole line (``\\arcsin x`` needs ``|x| \\le 1``): sympy may simplify it away
        (``\\sin(\\arcsin x)`` is ``x``)."""
        if isinstance(value, tuple(REAL_DOMAIN)):
            self.written_domain.append(("function", value))
        return value

    # -- errors and budgets -------------------------------------------------
    def error(self, message: str, tok: Tok | None = None) -> InputError:
        tok = tok or self.peek()
        if tok is None:
            end = self.toks[-1].end if self.toks else 0
            return self.origin.error(message + " (at the end)", end)
        if message.startswith("expected"):
            message += f", found {self.origin.text[tok.start : tok.end]!r}"
        return self.origin.error(message, tok.start)

    def ambiguous(self, message: str, tok: Tok, *readings: str) -> AmbiguousReading:
        return self.origin.ambiguous(message, tok.start, readings)

    def unbound_label(self, label: str, inner: Sequence[Tok], base: str | None) -> str:
        r"""``label``, the word a subscript's letters ``inner`` spell, unless one
        of those letters is an index a sum, product or ``\max`` around binds and
        the notation names no ``base_label``: ``a_{in}`` under ``\sum_{i=1}^{n}``
        is the member ``(i, n)`` as much as the name ``a_in`` (ambiguous)."""
        letters = [t.text for t in inner if t.kind == "letter"]
        bound = sorted(set(letters) & set(self.bound))
        if len(letters) == len(inner) and bound and f"{base}_{label}" not in self.notation.symbols:
            raise self.ambiguous(f"{base}_{{{label}}} inside a sum, product or max over {', '.join(bound)}: the "
                                 f"member at the indices {', '.join(letters)}, or the name {base}_{label}",
                                 inner[0], "indices", "label")
        return label

    def unexpected(self, tok: Tok) -> InputError:
        return self.error(f"unexpected {self.origin.text[tok.start : tok.end]!r}", tok)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep")

    def count_digits(self, digits: float, tok: Tok) -> None:
        """Keep computed numbers small, so that no arithmetic on them is slow (literals
        need no budget: their product has at most as many digits as the text)."""
        self.digits += digits
        if self.digits > _MAX_TOTAL_DIGITS:
            raise self.error(f"numbers too large (more than {_MAX_TOTAL_DIGITS} digits in all)", tok)

    def power(self, base: sp.Basic, exp: sp.Basic, tok: Tok) -> sp.Basic:
        if isinstance(exp, sp.Rational):
            if abs(exp.p) > _MAX_EXPONENT or exp.q > _MAX_EXPONENT:
                raise self.error(f"exponent {exp} is too large (limit {_MAX_EXPONENT})", tok)
            if isinstance(base, sp.Rational) and base != 0:
                digits = max(abs(base.p).bit_length(), base.q.bit_length()) * 0.302
                if digits * abs(exp.p) / exp.q > _MAX_RESULT_DIGITS or (exp.q > 1 and digits > 120):
                    raise self.error("number too large", tok)
                self.count_digits(digits * abs(exp.p) / exp.q, tok)
            if exp.q % 2 == 0:
                self.written_domain.append(("root", base))
            if exp < 0:
                self.written_domain.append(("denominator", base))
        return base**exp

    def guarded(self, fn: Callable[..., sp.Basic], tok: Tok, *args: sp.Basic) -> sp.Basic:
        if any(isinstance(a, sp.Number) and abs(a) > 1000 for a in args):
            raise self.error("number too large", tok)
        value = fn(*args)
        if isinstance(value, sp.Integer):
            self.count_digits(int(value).bit_length() * 0.302, tok)
        return value

    def inverse(self, den: sp.Basic, tok: Tok) -> sp.Basic:
        if isinstance(den, sp.MatrixExpr):
            raise self.error("cannot divide by a matrix", tok)
        self.written_domain.append(("denominator", den))
        return den**-1

    def parenthesised_script(self) -> bool:
        """The script at the cursor is ``{(...)}``: ``g^{(t)}``, ``f^{(n)}``."""
        end = group_end(self.toks, self.i)
        inner = self.toks[self.i : end]
        return len(inner) >= 4 and inner[0].text == "{" and inner[1].text == "(" and inner[-2].text == ")" \
            and self.closing(self.i + 1) == end - 2

    # -- names --------------------------------------------------------------
    def symbol(self, name: str) -> sp.Symbol:
        if name not in self.notation.symbols and any(name in shape for shape in self.notation.matrices.values()):
            return sp.Symbol(name, integer=True, positive=True)  # a declared dimension: one symbol everywhere
        return sp.Symbol(name, **DOMAINS[self.notation.symbols.get(name, "real")])

    def named_pi(self, tok: Tok) -> bool:
        """Whether ``\\pi`` (``tok``) is the name the text gives it ("let $\\pi = 0.3$
        be the mixing weight", "the weights $\\pi^{(1)}, \\pi^{(2)}$"), read as any
        other name then; False for the number. A subscript (``\\pi_i``) always
        makes it a name: the number has no members. *Ambiguous* where the
        question also shows the number; and a script only a name takes
        (``\\pi^{(k)}``, ``\\pi^*``, ``\\pi'``, ``\\pi^\\top``) on the number is
        *ambiguous* too: a member or a transpose of a name, or the number."""
        if getattr(self.peek(), "text", "") == "_":
            return True
        if "pi" in self.notation.ambiguous:
            raise self.ambiguous("\\pi: the number pi, or the pi the document names", tok, "pi = 3.14159...", "pi")
        if "pi" in self.notation.symbols or "pi" in self.notation.matrices or "pi" in self.notation.functions:
            return True
        if self.name_script():
            raise self.ambiguous("\\pi with a script a name takes: the number pi, or a name pi (a member of a "
                                 "sequence, an optimum, a transpose)", tok, "pi = 3.14159...", "pi")
        return False

    def name_script(self) -> bool:
        """A script at the cursor that only a name takes: ``'``, ``^*``,
        ``^\\star``, ``^\\ast``, ``^\\prime``, ``^\\top``, ``^T``, ``^\\intercal``, or a
        parenthesised index ``^{(k)}``, ``^{(t-1)}``."""
        t = self.peek()
        if t is None or t.text != "^":
            return t is not None and t.text == "'"
        self.i += 1
        try:
            end = group_end(self.toks, self.i)
            inner = [x for x in self.toks[self.i : end] if x.text not in ("{", "}")]
            marks = {"*", "star", "ast", "prime", "top", "intercal", "T", "mathsf", "dagger"}
            if len(inner) == 1 and (inner[0].text in marks or (inner[0].kind == "raw" and inner[0].arg == "T")):
                return True
            return self.parenthesised_script() and index_shaped(self.toks[self.i + 2 : end - 2])
        finally:
            self.i -= 1

    def log_base(self, tok: Tok) -> sp.Basic:
        """The base of a ``\\log`` written without one: the one the text states, else ``e``;
        *ambiguous* where the text speaks of a base the reader cannot tell."""
        if "log" in self.notation.ambiguous:
            raise self.ambiguous("\\log: the text speaks of a base for it", tok, "natural", "the text's base")
        return sp.Integer(self.notation.log_base) if self.notation.log_base is not None else sp.E

    def dimension(self, d: str | int) -> sp.Basic:
        return sp.Symbol(d, integer=True, positive=True) if isinstance(d, str) else sp.Integer(d)

    def matrix(self, base: str, name: str) -> sp.MatrixSymbol:
        shape = [self.dimension(d) for d in self.notation.matrices[base]]
        self.vector_seen = True
        return sp.MatrixSymbol(name, shape[0], shape[1] if len(shape) > 1 else 1)

    def vector_size(self) -> sp.Basic | None:
        """The length of the declared vectors when they all have the same one."""
        sizes = {shape[0] for shape in self.notation.matrices.values()
                 if len(shape) == 1 or shape[1] == 1}
        return self.dimension(sizes.pop()) if len(sizes) == 1 else None

    def square_size(self) -> sp.Basic | None:
        """The one dimension every declared shape uses, if there is exactly one."""
        sizes = {d for shape in self.notation.matrices.values() for d in shape if d != 1}
        return self.dimension(sizes.pop()) if len(sizes) == 1 else None


def _holds_at_zero(condition: sp.Basic) -> bool:
    """Whether ``condition`` (``e != 0``, ``e > 0``, ``e >= 0``) holds by the
    assumptions of the symbols of ``e``."""
    if not isinstance(condition, (sp.Ne, sp.StrictGreaterThan, sp.GreaterThan)) or condition.rhs != 0:
        return False
    e = condition.lhs
    if isinstance(condition, sp.Ne):
        return e.is_zero is False
    return (e.is_positive if isinstance(condition, sp.StrictGreaterThan) else e.is_nonnegative) is True
