r"""The expression grammar: recursive descent over the tokens of one side.

Sums of terms, terms of factors (explicit and implicit multiplication),
postfix scripts (powers, transposes, factorials, entries), and atoms: numbers,
names with their subscripts and calls, brackets, functions and the
constructs of :mod:`symproofs.latex.calculus`. The readings a TA expects are
documented in :mod:`symproofs.latex.parser`; where two readings are possible
and disagree, an :class:`~symproofs.latex.tokens.AmbiguousReading` is raised.
"""

from __future__ import annotations

import itertools
import operator

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.latex import vocabulary
from symproofs.latex.calculus import Calculus
from symproofs.latex.declarations import DOMAINS
from symproofs.latex.ellipsis import read_series
from symproofs.latex.environments import Environments
from symproofs.latex.labels import MIXED_AMBIGUOUS, index_list, label_of
from symproofs.latex.placeholders import ONES_PENDING, entry_digits, identity_factors, identity_terms, same_columns
from symproofs.latex.readings import FUNCTION_LETTERS, OPERAND_CMDS, QUANTITY_LETTERS, Name, Readings, function_like
from symproofs.latex.recurrences import declared_whole, member_name
from symproofs.latex.specials import Specials, mixed_sum
from symproofs.latex.tokens import (
    ACCENTS,
    BOLD,
    CALLIGRAPHIC,
    FORBIDDEN,
    GREEK,
    IDENT,
    MULOPS,
    OPENERS,
    Tok,
    group_end,
    index_shaped,
    is_d,
    strip_braces,
)
from symproofs.latex.vocabulary import CONSTANTS, FUNCS, INVERSES, NORM, OPERATORS, fold, scalars_of_products
from symproofs.matrices.linalg import Scalar, derivative_of, elementwise

__all__ = ["Parser"]

_MAX_DIGITS = 100  # integer literals
_ENTRY_LETTERS = {"i", "j", "k"}
#: The variable of ``f'(a)`` = ``Subs(Derivative(f(x), x), x, a)`` when ``a`` is not a
#: name: one Dummy for every prime, so that equal readings are equal trees.
_POINT = sp.Dummy("x", real=True)  # a vector's subscript i, j or k is an entry
_ELLIPSES = ("cdots", "ldots", "dots", "dotsb", "dotsm", "dotsc")
_STOP_CMDS = {"mid", "perp", "choose", "sum", "prod", "int", "nabla", "mathbb", "Pr", *MULOPS}


class Parser(Calculus, Specials, Readings, Environments):
    """Reads one side into a sympy tree (see :mod:`symproofs.latex.parser`)."""

    def parse(self) -> sp.Basic:
        try:
            value = self.expr()
            if (t := self.peek()) is not None:
                raise self.unexpected(t)
            if value.has(sp.zoo, sp.nan):
                raise self.error("division by zero", self.toks[0])
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError,
                RecursionError, IndexError) as exc:
            raise self.failed(exc) from None
        self.unresolved(value)  # \mathbf{1} or I whose size nothing told
        if self.ones_at is not None and self.vector_seen:
            raise self.ambiguous("\\mathbf{1} next to vectors whose shapes are not declared",
                                 self.ones_at, "all-ones vector", "the number 1")
        names = (self.indices | self.notation.indices) - set(self.notation.symbols)
        integers = {sp.Symbol(n, real=True): sp.Symbol(n, integer=True) for n in names}
        self.domain = tuple(c.xreplace(integers) for c in self.lost_domain(value))
        return value.xreplace(integers)

    def expr(self) -> sp.Basic:
        first = begin = self.i
        terms = [self.term()]
        written = [self.written(begin)]
        dots: list[tuple[int, Tok]] = []
        while self.at("+", "-"):
            minus = self.take().text == "-"
            if self.at(*_ELLIPSES, kind="cmd"):  # x_1 + x_2 + \dots + x_n
                dot = self.take()
                if not self.at("-" if minus else "+"):
                    raise self.error("an ellipsis stands between two terms joined by the same sign "
                                     "(for a series without end, write \\sum)", dot)
                self.take()
                dots.append((len(terms), dot))
            begin, term = self.i, self.term()
            terms.append(vocabulary.negated(term) if minus else term)
            written.append(("-" if minus else "") + self.written(begin))
        terms = identity_terms(read_series(terms, dots, sp.Add, self.error, self.indices))
        shapes = {t.shape for t in terms if isinstance(t, sp.MatrixExpr)}
        if len(shapes) == 1 and (shape := shapes.pop())[1] == 1 and shape[0] != 1:  # 1 - h: the all-ones vector
            terms = [t * sp.OneMatrix(*shape) if isinstance(t, sp.Expr) and t.is_number else
                     (t / ONES_PENDING) * sp.OneMatrix(*shape) if isinstance(t, sp.Expr) and not isinstance(
                         t, sp.MatrixExpr) and (t / ONES_PENDING).is_number else t for t in terms]
        try:
            return fold(scalars_of_products(terms), sp.Add, operator.add)
        except TypeError:
            if dots:
                raise
            raise self.failed(mixed_sum(terms, written, self.notation), self.toks[first]) from None

    def term(self) -> sp.Basic:
        """Factors, joined by explicit or implicit multiplication (built at once:
        a sympy Add or Mul grown one operand at a time costs quadratic time)."""
        factors = [self.factor()]
        dots: list[tuple[int, Tok]] = []
        while (t := self.peek()) is not None:
            if (t.kind == "cmd" and t.text in _ELLIPSES) or (
                t.kind == "cmd" and t.text in ("cdot", "times") and (e := self.peek(1)) is not None
                and e.kind == "cmd" and e.text in _ELLIPSES
            ):  # a_1 a_2 \cdots a_n, a_1 \times \dots \times a_n
                self.i += 1 + (t.text not in _ELLIPSES)
                if self.at("cdot", "times", kind="cmd"):
                    self.take()
                if (nxt := self.peek()) is None or not self.starts_factor(nxt):
                    raise self.error("an ellipsis stands between two factors "
                                     "(for a product without end, write \\prod)", t)
                dots.append((len(factors), t))
                factors.append(self.factor())
            elif (t.kind == "cmd" and t.text in MULOPS) or (t.kind == "sym" and t.text in ("*", "/")):
                self.i += 1
                rhs = self.factor()
                if t.text in ("/", "div"):
                    if (nxt := self.peek()) is not None and self.continues_divisor(nxt):
                        raise self.ambiguous(f"what {t.text!r} divides by: a product follows it", t,
                                             "(a/b)c", "a/(bc)")
                    factors.append(self.inverse(rhs, t))
                elif t.text == "odot" and isinstance(rhs, sp.MatrixExpr) and isinstance(
                    lhs := fold(factors, sp.Mul, operator.mul), sp.MatrixExpr
                ):
                    factors = [sp.HadamardProduct(lhs, rhs)]
                elif t.text == "cdot" and not dots and same_columns(lhs := fold(factors, sp.Mul, operator.mul), rhs):
                    factors = [lhs.T * rhs]  # x \cdot y of two vectors of one length: the dot product x^T y
                elif t.text == "circ":
                    raise self.error("unsupported \\circ (composition or Hadamard product?)", t)
                else:
                    factors.append(rhs)
            elif self.starts_factor(t):
                if t.text == "{" and (sign := self.peek(1)) is not None and sign.text in ("+", "-"):
                    raise self.ambiguous("a group that starts with a sign after a factor: 2{-3} shows as 2-3",
                                         t, "2 - 3", "2 (-3)")
                if self.mixed_number_follows(t):
                    raise self.ambiguous("a number before a fraction of numbers: a mixed number "
                                         "(2 1/2 = 5/2) or a product", t, "mixed number", "product")
                factors.append(self.factor())
            else:
                break
        return fold(read_series(identity_factors(factors), dots, sp.Mul, self.error, self.indices), sp.Mul,
                    operator.mul)

    def starts_factor(self, t: Tok) -> bool:
        if t.kind == "cmd":
            return t.text not in ("mid", "perp", "choose", "end")
        return t.kind in ("num", "letter", "raw", "bad") or (t.kind == "sym" and (
            t.text in OPENERS or (t.text in ("|", "‖") and t.text not in self.bars)))

    def operand(self) -> sp.Basic:
        """A function's argument without parentheses, as a TA reads it: the
        product of the factors that follow (``\\sin 2x``, ``\\log 2\\pi\\sigma^2``),
        up to ``+``/``-``, a relation, an explicit product, a bracket, another
        function or operator, or an explicit space."""
        factors = [self.factor()]
        while (t := self.peek()) is not None and not t.spaced and self.starts_factor(t):
            if t.kind == "sym" or (t.kind == "cmd" and (t.text in _STOP_CMDS or t.text in FUNCS
                                                        or t.text not in OPERAND_CMDS)):
                break
            if t.kind == "raw" and (t.arg in FUNCS or t.arg in OPERATORS or t.arg in ("P", "Pr")):
                break
            if t.kind == "letter" and t.text == "E" and self.peek(1) is not None and self.toks[self.i + 1].text == "[":
                break
            factors.append(self.postfix())
        return fold(factors, sp.Mul, operator.mul)

    def factor(self) -> sp.Basic:
        minus = False
        while self.at("+", "-"):
            minus ^= self.take().text == "-"
        value = self.postfix()
        return vocabulary.negated(value) if minus else value

    def postfix(self) -> sp.Basic:
        opener = self.peek()
        value, bold = self.atom()
        if self.evaluated(opener, value):
            value = self.evaluation(value, self.toks[self.i - 1])  # [x^3/3]_0^1, not [x + 1]^2
        while self.at("^", "!", "_"):
            op = self.take()
            self.one_digit_script(op)
            if op.text == "_" and isinstance(value, sp.MatrixExpr):
                value = self.entry(value, self.subscript()[0], op)
            elif op.text == "_" and isinstance(value, AppliedUndef) and value.func != NORM:
                value = value.func(*value.args, *self.subscript()[0])  # (h_{t-1})_j is h(t-1, j)
            elif op.text == "_" and isinstance(value, sp.Symbol) and value.name not in self.notation.symbols:
                value = sp.Function(value.name, real=True)(*self.subscript()[0])  # (R)_{ij} is R_{ij}
            elif op.text == "_":  # \|x\|_2, \|A\|_F
                value = self.norm_subscript(value, op)
            elif op.text == "!":
                if self.at("!"):  # "3! !" shows as 3!! too: TeX drops the space
                    raise self.ambiguous("n!!: a double factorial, or the factorial of n!", op,
                                         "double factorial", "(n!)!")
                value = self.guarded(sp.factorial, op, value)
            elif (transposed := self.transpose(value, bold, op)) is not None:
                value = transposed
            elif op.text == "^" and self.bracket_script():
                raise self.error("a superscript in square brackets (a layer index) on something other than a name", op)
            elif isinstance(value, sp.MatrixExpr) and self.parenthesised_script() \
                    and not self.toks[self.i + 2].kind == "num":
                raise self.ambiguous("(M)^{(t)}: a matrix at step t, or a matrix power", op,
                                     "member", "power")
            else:
                value = self.power(value, self.argument(), op)
            if op.text == "^" and self.at("^"):
                raise self.error("double superscript: use braces")
        return value

    def argument(self) -> sp.Basic:
        """A command argument: a brace group or a single token (one digit of a number)."""
        t = self.peek()
        if t is not None and t.kind == "num" and len(t.text) > 1 and t.text[0] != ".":
            self.toks[self.i] = t._replace(text=t.text[1:], start=t.start + 1)
            return sp.Integer(int(t.text[0]))
        if t is not None and t.kind == "letter" and not (t.text == "e" and self.euler()):
            self.i += 1
            return self.symbol(t.text)
        return self.atom()[0]

    def euler(self) -> bool:
        """A plain ``e`` is Euler's number unless declared, subscripted, or the whole first side of the chain
        (``e = y - \\hat{y}`` names ``e``; ``= \\exp(1) = e`` arrives at it); *ambiguous* where the document names e."""
        declared, nxt = self.notation, self.peek(1)
        if "e" in declared.ambiguous and "e" not in self.alone and (nxt is None or nxt.text != "_"):
            raise self.ambiguous("e: Euler's number, or the e the document names", self.toks[self.i], "exp(1)", "e")
        return not ("e" in declared.symbols or "e" in declared.matrices or "e" in declared.functions
                    or "e" in self.alone or (nxt is not None and nxt.text == "_"))

    def atom(self) -> tuple[sp.Basic, bool]:
        """One operand and whether it is bold; every nesting passes here."""
        self.enter()
        try:
            t = self.peek()
            if t is not None and t.kind == "letter" and t.text == "e" and self.euler():
                self.i += 1
                return sp.E, False
            if self.word_ahead("diag"):
                self.i += 4
                return self.diag(self.toks[self.i - 4]), False
            if t is not None and t.kind == "letter" and t.text == "P" and self.event_follows():
                self.i += 1
                return self.probability(t), False
            name = self.name()
            return self.named(name) if name is not None else self.construct(self.take())
        finally:
            self.depth -= 1

    def word_ahead(self, word: str) -> bool:
        toks = self.toks[self.i : self.i + len(word) + 1]
        return len(toks) == len(word) + 1 and toks[-1].text == "(" and all(
            t.kind == "letter" and t.text == c for t, c in zip(toks, word, strict=False)
        ) and all(a.end == b.start for a, b in itertools.pairwise(toks[: len(word)]))

    def event_follows(self, at: int = 1) -> bool:
        """``P(a \\ge 0)``: a letter P whose parentheses (``at`` tokens ahead)
        hold a relation or ``\\mid``."""
        if self.peek(at) is None or self.toks[self.i + at].text != "(":
            return False
        close = self.closing(self.i + at)
        return any(t.kind == "rel" or (t.kind == "cmd" and t.text == "mid")
                   for t in self.toks[self.i + at + 1 : close])

    def construct(self, t: Tok) -> tuple[sp.Basic, bool]:
        if t.kind == "bad":
            raise self.error(t.arg, t)
        if t.kind == "num":
            digits = t.text.removesuffix("%")
            whole, _, frac = digits.partition(".")
            if len(whole) + len(frac) > _MAX_DIGITS:
                raise self.error(f"number with more than {_MAX_DIGITS} digits", t)
            scale = 100 if digits != t.text else 1  # 50\% is 1/2
            return sp.Rational(int(whole or "0") * 10 ** len(frac) + int(frac or "0"),
                               10 ** len(frac) * scale), False
        if t.kind == "raw":
            if t.arg in ("e", "i"):  # \mathrm{e}, \mathrm{i} (and \imath): Euler's number, the imaginary unit
                return (sp.E if t.arg == "e" else sp.I), False
            if t.arg == "diag":
                return self.diag(t), False
            if t.arg in ("P", "Pr"):
                return self.probability(t), False
            return (self.function if t.arg in FUNCS else self.expectation)(t.arg, t), False
        if t.kind == "sym" and (t.text in OPENERS or t.text in ("|", "‖")):
            return self.bracket(t), False
        if t.kind != "cmd":
            raise self.unexpected(t)
        return self.command(t)

    def command(self, t: Tok) -> tuple[sp.Basic, bool]:
        c = t.text
        if c == "pi" and self.named_pi(t):  # "let $\pi = 0.3$ be the mixing weight", \pi_i, \pi^{(k)}
            return self.named(Name("pi"))
        if c in CONSTANTS:
            return CONSTANTS[c], False
        if c in FUNCS:
            return self.function(c, t), False
        if c == "Pr":
            return self.probability(t), False
        if c in ("frac", "dfrac", "tfrac", "cfrac"):
            mid = group_end(self.toks, self.i)
            end = group_end(self.toks, mid)
            top, bottom = strip_braces(self.toks[self.i : mid]), strip_braces(self.toks[mid:end])
            if top and len(bottom) > 1 and is_d(top[0]) and is_d(bottom[0]):
                self.i = end
                return self.derivative(t, top, bottom), False
            num = self.argument()
            return vocabulary.times(num, self.inverse(self.argument(), t)), False
        if c in ("binom", "dbinom", "tbinom"):
            return self.guarded(sp.binomial, t, self.argument(), self.argument()), False
        if c == "sqrt" and self.at("["):
            (index,) = self.group_list(self.take(), 1)
            radicand = self.argument()
            if isinstance(index, sp.Integer) and index.is_odd and index > 0:
                return sp.real_root(radicand, index), False  # the real root, as a TA reads it
            return self.power(radicand, 1 / index, t), False
        if c == "sqrt":
            self.one_digit_script(t)  # \sqrt 16 shows the root of 1, then 6
            return self.power(self.argument(), sp.Rational(1, 2), t), False
        if c in ("sum", "prod"):
            return self.big_operator(t), False
        if c == "int":
            return self.integral(t), False
        if c == "nabla":
            return self.nabla(t), False
        if c == "boxed":
            return self.argument(), False
        if c == "lim":
            return self.limit(t), False
        if c in BOLD:
            if [x.text for x in self.bold_group()] == ["1"]:
                self.i = group_end(self.toks, self.i)
                return self.ones(t), False
            return self.argument(), True
        if c == "mathbb":
            return self.blackboard(t), False
        if c in (*_ELLIPSES, "vdots"):
            raise self.error("an ellipsis stands between two terms of a sum or two factors of a product", t)
        if c == "begin":
            return self.environment(t), False
        raise self.error(f"unsupported command \\{c}" + ": TeX programming is not allowed" * (c in FORBIDDEN), t)

    def bracket(self, t: Tok) -> sp.Basic:
        if t.text in ("L|", "L‖"):
            value = self.expr()
            self.expect(OPENERS[t.text])
            return self.absolute(value, t) if t.text == "L|" else self.norm(value)
        if t.text in ("⌊", "⌈"):  # \lfloor x \rfloor, \lceil x \rceil: the integer below or above x
            (value,) = self.group_list(t, 1)
            if not isinstance(value, sp.Expr) or isinstance(value, sp.MatrixExpr):
                raise self.error("the floor or ceiling of something other than a number", t)
            return (sp.floor if t.text == "⌊" else sp.ceiling)(value)
        if t.text in OPENERS:
            return self.group_list(t, 1)[0]
        after = self.peek()
        double = t.text == "|" and after is not None and after.text == "|" and after.start == t.end
        self.i += double
        self.bars.append(t.text)
        try:
            value = self.expr()
        finally:
            self.bars.pop()
        self.expect(t.text)
        if double:
            self.expect("|")
        self.bar_after_product(t)
        return self.norm(value) if double or t.text == "‖" else self.absolute(value, t)

    def absolute(self, value: sp.Basic, t: Tok) -> sp.Basic:
        """``|x|``: the absolute value of a number. Of a matrix or a vector
        it reads two ways (a determinant, a norm), and neither is sympy's
        entrywise ``Abs``: refused. Of a ``1 x 1`` product (``|u^T v|``) it is
        the absolute value of its scalar."""
        if isinstance(value, sp.MatrixExpr) and tuple(value.shape) != (1, 1):
            raise self.ambiguous("|...| of a matrix or a vector", t, "its determinant", "its norm")
        if isinstance(value, sp.MatrixExpr):  # |u^T v|: the absolute value of the scalar
            return sp.Abs(Scalar(value))
        return sp.Abs(value)

    def group_list(self, opener: Tok, count: int | None = None) -> list[sp.Basic]:
        """Comma-separated expressions up to the closing bracket of ``opener``."""
        saved, self.bars = self.bars, []
        try:
            values = [self.expr()]
            if self.at("choose", kind="cmd"):  # {n \choose k}
                self.take()
                values = [self.guarded(sp.binomial, opener, values[0], self.expr())]
            while self.at(","):
                self.take()
                values.append(self.expr())
        finally:
            self.bars = saved
        self.expect(OPENERS[opener.text])
        if count is not None and len(values) != count:
            raise self.error(f"expected {count} expression(s) in brackets", opener)
        return values

    def call_args(self) -> list[sp.Basic]:
        return self.group_list(self.take()) if self.at("(", "[", "\\{") else [self.operand()]

    def function(self, name: str, tok: Tok) -> sp.Basic:
        if name == "lg":  # base 10 in ISO 80000-2, base 2 in much of computer science
            raise self.ambiguous("\\lg: the logarithm in base 10 or in base 2", tok, "log_10", "log_2")
        exponent = base = None
        if name in ("max", "min") and self.at("_"):
            self.take()
            return self.extremum(name, tok)
        while self.at("^", "_"):
            op = self.take()
            if (exponent if op.text == "^" else base) is not None or (op.text == "^" and self.bracket_script()):
                raise self.error(f"unsupported script on \\{name}: a double script, or a layer index", tok)
            if op.text == "^":
                exponent = self.argument()
            elif name == "log":
                base = self.argument()
            else:
                raise self.error(f"unsupported subscript on \\{name}", tok)
        args = self.call_args()
        if name not in ("max", "min") and len(args) != 1:
            raise self.error(f"{name} takes one argument", tok)
        if exponent == -1 and base is None:
            if name not in INVERSES:
                raise self.ambiguous(f"\\{name}^{{-1}}", tok, "inverse function", "reciprocal")
            return self.note_function(INVERSES[name](args[0]))
        value = sp.log(args[0], self.log_base(tok) if base is None else base) if name == "log" else FUNCS[name](*args)
        self.note_function(sp.log(args[0]) if name in ("log", "ln", "lg") else value)  # any base: a positive argument
        return value if exponent is None else self.power(value, exponent, tok)

    # -- names ------------------------------------------------------------------------
    def nabla(self, tok: Tok) -> sp.Basic:
        prefix = "grad"
        while self.at("_", "^"):
            op, end = self.take(), group_end(self.toks, self.i)
            if op.text == "_" and (var := self.nabla_variable(self.toks[self.i : end])) is not None:
                self.i = end
                return self.gradient(tok, var)
            group = [t for t in self.toks[self.i : end] if t.text not in ("{", "}", *BOLD)]
            self.i = end
            parts = [GREEK.get(t.text, t.arg or t.text) for t in group]
            if op.text == "^" and parts == ["2"]:
                prefix = "hess" + prefix.removeprefix("grad")  # \nabla_x^2: the variable kept
            elif op.text == "_" and all(IDENT.fullmatch(p) or p.isdigit() for p in parts):
                prefix += "_" + "".join(parts)
            else:
                raise self.error("unsupported script on \\nabla", op)
        if self.at("("):
            return sp.Function(prefix, real=True)(*self.group_list(self.take()))
        name = self.name()
        if name is None:
            raise self.error("\\nabla must be followed by a name or by parentheses")
        return self.named(Name(f"{prefix}_{name.text}"), callable_=True)[0]

    def read_index(self) -> sp.Symbol:
        """The variable under a sum, a max or a min (a name, no scripts)."""
        name = self.name()
        if name is None or name.text in self.notation.matrices:
            raise self.error("expected the name of an index")
        return self.symbol(name.text)

    def name(self) -> Name | None:
        """Read a name (letter, Greek, word, bold or accented name) if one starts here."""
        t = self.peek()
        if t is None or (t.kind == "raw" and (t.arg in OPERATORS or t.arg in FUNCS
                                              or t.arg in ("e", "i", "diag", "P", "Pr"))):
            return None
        if t.kind in ("letter", "raw"):
            self.i += 1
            return Name(t.arg, word=len(t.arg) > 1) if t.kind == "raw" else Name(t.text)
        if t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            after = self.peek()
            if t.text == "Delta" and after is not None and not after.spaced and (
                after.kind == "letter" or (after.kind == "cmd" and after.text in GREEK)
            ):
                self.i += 1
                return Name(f"Delta_{GREEK.get(after.text, after.text)}")
            return Name(GREEK[t.text])
        if t.kind == "cmd" and (t.text in BOLD or t.text in ACCENTS or t.text in CALLIGRAPHIC):
            return self.wrapped_name(t)
        return None

    def wrapped_name(self, t: Tok) -> Name | None:
        start = self.i
        self.i += 1
        end = group_end(self.toks, self.i)
        braced = self.at("{")
        self.i += braced
        self.enter()
        try:
            inner = self.name()
        finally:
            self.depth -= 1
        if inner is not None and braced and self.i < end - 1 and self.at("_", "'"):
            self.toks.insert(self.i, self.toks.pop(end - 1))  # \hat{m_t} is read as \hat{m}_t
        elif inner is None or (braced and self.i != end - 1):
            self.i = start
            return None
        self.i += braced
        if t.text in ACCENTS:
            return Name(f"{inner.text}_{ACCENTS[t.text]}", inner.bold)
        return inner._replace(bold=True) if t.text in BOLD else Name("cal" + inner.text)

    def named(self, nm: Name, *, callable_: bool = False) -> tuple[sp.Basic, bool]:
        """A name with its subscripts, primes, call arguments and function powers."""
        if self.expectation_follows(nm.text, nm.bold):  # E[X], E_{R}[...], E^2[X]
            return self.expectation("E", self.toks[self.i - 1]), False
        if nm.text == "calP" and "calP" not in self.notation.functions and self.event_follows(0):
            return self.probability(self.toks[self.i - 1]), False  # \mathcal{P}(R_{ki} = 0)
        if not nm.bold and (eigenvalue := self.eigenvalue(nm.text)) is not None:
            return eigenvalue, False  # \lambda_1(W^T W): a number
        if nm.bold:
            self.vector_seen = True
        text, suffix, subscripted, primes, labels = nm.text, "", False, 0, 0
        indices: list[sp.Basic] = []
        fpower: tuple[sp.Basic, Tok] | None = None
        while self.at("_", "'", "^"):
            t = self.take()
            self.one_digit_script(t)
            if t.text == "'":
                primes += 1
            elif t.text == "_":
                values, more = self.subscript(None if nm.text in self.notation.matrices else nm.text)
                if (subscripted and (indices or values) and (suffix or more) == "") or (suffix and more):
                    raise self.error("double subscript", t)  # v_t^{new} (v_t_{new}) is the member t of v_new
                indices, suffix, subscripted = indices + values, suffix + more, True
            elif self.label_script("star", "ast", symbol="*"):  # w^*, \theta^\star: the optimum, a name of its own
                suffix += "_star"
            elif self.label_script("perp"):  # W^{\perp}: a name of its own (the orthogonal part), not a power
                suffix += "_perp"
                declared = self.notation.matrices.keys() | self.notation.symbols.keys()
                if f"{text}{suffix}" not in declared:
                    raise self.ambiguous(f"{text}^\\perp: a name the notation does not declare (a matrix "
                                         f"{text}_perp, or a number)", t, "matrix", "number")
            elif not self.bracket_script() and self.function_power_follows(nm, callable_):
                if self.parenthesised_script():
                    raise self.ambiguous(f"{nm.text}^{{(...)}}(...): a member of a family of functions applied, "
                                         "a derivative of that order, or a power of the value", t,
                                         "member", "derivative", "power")
                fpower = (self.argument(), t)
                break
            else:
                end = group_end(self.toks, self.i)
                script = [x.text for x in self.toks[self.i : end] if x.text not in ("{", "}")]
                if script == ["-", "1"] and end < len(self.toks) and self.toks[end].text == "(" and (
                        nm.text in FUNCTION_LETTERS or nm.text in QUANTITY_LETTERS or function_like(nm.text)) \
                        and not (nm.text in self.notation.symbols or nm.text in self.notation.matrices):
                    raise self.ambiguous(f"{nm.text}^{{-1}}(...)", t, "inverse function", "reciprocal")
                before = len(indices)
                if not self.superscript(nm.text, t, indices, subscripted):
                    self.i -= 1
                    break
                labels += len(indices) - before
        text += suffix
        primed = text + "_prime" * primes
        applied = self.at("(") and (self.callable_name(nm, callable_) or nm.text in FUNCTION_LETTERS
                                    or nm.text in QUANTITY_LETTERS or function_like(nm.text))
        if primes and (not applied or primed in self.notation.matrices
                       or f"{text}_prime" in self.notation.functions):
            text, primes = primed, 0  # u' is a name of its own (or the course's f_prime)
        special = self.special_name(text, indices, nm)
        if special is not None:
            return special, nm.bold
        if (whole := declared_whole(text, indices, self.notation.matrices)) is not None and not labels:
            return self.matrix(whole, whole), True  # b_1 declared itself: one vector, no member of a family b
        if text in self.notation.matrices or nm.text in self.notation.matrices:
            base = text if text in self.notation.matrices else nm.text
            return self.matrix_name(base, text, indices, labels), True
        if self.at("(") and self.applies(nm, callable_, subscripted, primes):
            return self.application(text, indices, self.group_list(self.take()), primes, fpower), False
        if indices:  # a member of a family: of the family's declared domain (d^{(t-1)} a width)
            domain = DOMAINS.get(self.notation.symbols.get(text, ""), {"real": True})
            return sp.Function(text, **domain)(*indices), nm.bold
        return self.symbol(text), nm.bold

    def application(self, text: str, indices: list[sp.Basic], args: list[sp.Basic], primes: int,
                    fpower: tuple[sp.Basic, Tok] | None) -> sp.Basic:
        """``f(x)``, ``f_t(x)`` (indices first), ``f'(x)``, ``\\sigma^2(x)``, ``\\sigma^{-1}(y)``."""
        func = sp.Function(text, real=True)
        if text in self.notation.elementwise and len(args) == 1 and isinstance(args[0], sp.MatrixExpr) \
                and not indices and fpower is None and primes <= 1:
            self.vector_seen = True
            return elementwise(func if not primes else derivative_of(func), args[0])  # sigma(h), sigma'(h)
        if fpower is not None and fpower[0] == -1 and not primes and not indices and len(args) == 1:
            arg = args[0]
            if isinstance(arg, AppliedUndef) and arg.func == func and len(arg.args) == 1:
                return arg.args[0]  # f^{-1}(f(x)) = x
            return sp.Function(f"{text}_inv", real=True)(arg)
        if len(args) == 1 and isinstance(args[0], AppliedUndef) and (
                args[0].func.__name__ == f"{text}_inv") and not indices and not primes:
            value: sp.Basic = args[0].args[0]  # f(f^{-1}(y)) = y
        elif primes:
            if len(args) != 1:
                raise self.error(f"{text}': a derivative of a function of one argument")
            arg = args[0]
            if isinstance(arg, (sp.Symbol, AppliedUndef)):  # sympy's own form of f'(x), f'(h(t))
                value = sp.Derivative(func(*indices, arg), (arg, primes))
            else:
                derivative = sp.Derivative(func(*indices, _POINT), (_POINT, primes))
                value = sp.Subs(derivative, _POINT, arg)
        else:
            value = func(*indices, *args)
        if fpower is None:
            return value
        exponent, tok = fpower
        if exponent == -1:
            raise self.ambiguous(f"{text}^{{-1}}(...)", tok, "inverse function", "reciprocal")
        return self.power(value, exponent, tok)

    def matrix_name(self, base: str, text: str, indices: list[sp.Basic], labels: int = 0) -> sp.Basic:
        """A declared matrix: an entry ``W_{ij}``/``u_i``, or a member of a family
        (``W_1``, ``h_t`` for a sequence ``h``); ``labels`` indices come from a
        superscript: ``W^{(f)}_{ij}`` is the entry ``(i, j)`` of ``W^{(f)}``."""
        shape = self.notation.matrices[base]
        if labels and base not in self.notation.sequences and len(indices) - labels == len(shape) and all(
                i.free_symbols for i in indices[labels:]):
            member = self.matrix(base, member_name(text, indices[:labels]))
            return self.entry(member, indices[labels:], self.toks[self.i - 1])
        if labels and len(shape) == 2 and len(indices) - labels == 1 and base not in self.notation.sequences:
            raise self.ambiguous(f"one index of {member_name(text, indices[:labels])}", self.toks[self.i - 1],
                                 "a column", "a row")  # W_j^{(f)}: the label is no row index
        if not labels and base not in self.notation.sequences and (pair := entry_digits(indices, shape)):
            return self.entry(self.matrix(base, base), pair, self.toks[self.i - 1])  # R_{11}, R_{1,2}
        if indices and not labels and base not in self.notation.sequences and any(i.free_symbols for i in indices) and (
            len(indices) == len(shape) == 2
            or (len(shape) == 1 and len(indices) == 1 and indices[0].free_symbols <= {
                sp.Symbol(n, real=True) for n in _ENTRY_LETTERS} | {
                sp.Symbol(n, integer=True) for n in _ENTRY_LETTERS})
        ):
            return self.entry(self.matrix(base, base), indices, self.toks[self.i - 1])
        member = self.matrix(base, member_name(text, indices))
        if indices and base in self.sequences:
            self.members[member] = (base, tuple(indices))
        return member

    def superscript(self, base: str, caret: Tok, indices: list[sp.Basic], has_sub: bool) -> bool:
        """A parenthesised superscript is an index when marked (``W^{(l)}``); ``x^2_t``
        is read as ``x_t^2``; False: a power."""
        end = group_end(self.toks, self.i)
        inner = self.toks[self.i : end]
        if self.bracket_script() or (len(inner) >= 4 and inner[1].text == "(" and inner[-2].text == ")" and (
            self.closing(self.i + 1) == end - 2
        )):
            content = inner[2:-2]
            names = {GREEK.get(t.text, t.text) for t in content if t.kind in ("letter", "cmd")}
            marked = base in self.sequences or base in self.notation.matrices or (  # a^{[l]}: always an index
                base in self.notation.functions) or (names and names <= self.notation.indices) or inner[1].text == "["
            if not marked and index_shaped(content):
                raise self.ambiguous(f"{base}^{{(...)}}: a power, or a member of a sequence {base}",
                                     caret, "power", "sequence index")
            if not marked:
                return False
            self.i += 1
            values = self.group_list(self.take())
            self.expect("}")
            indices[:0] = values
            self.indices.update(s.name for v in values for s in v.atoms(sp.Symbol))
            return True
        if end < len(self.toks) and self.toks[end].text == "_" and not has_sub:
            sub_end = group_end(self.toks, end + 1)
            self.toks[self.i - 1 : sub_end] = [*self.toks[end:sub_end], caret, *inner]
            self.i -= 1
            return True
        return False

    def subscript(self, base: str | None = None) -> tuple[list[sp.Basic], str]:
        """The indices of a subscript, or a name suffix for a label of ``base`` (:mod:`symproofs.latex.labels`)."""
        end = group_end(self.toks, self.i)
        inner = [t for t in self.toks[self.i : end] if t.kind != "sym" or t.text not in ("{", "}")]
        if self.at("{") and self.toks[self.i + 1].text in ("(", "[") and self.closing(self.i + 1) == end - 2:
            raise self.ambiguous("x_{(i)}: an order statistic, or the member i", inner[0], "order statistic", "member")
        if (label := label_of(inner, base, self.notation.indices)) is not None:
            self.i = end
            return [], "_" + self.unbound_label(label, inner, base)
        mixed = index_list(inner, base is None or bool({t.text for t in inner} & self.notation.indices))
        if mixed == MIXED_AMBIGUOUS:
            raise self.ambiguous("a subscript of letters and a number", inner[0], "indices", "a product")
        if self.at("{") and mixed:  # W_{ij}, a_{i2}: one index each
            self.i, values = end, [sp.Integer(c) if c.isdigit() else self.symbol(c) for c in mixed]
        elif self.at("{"):
            values = self.group_list(self.take())
        else:
            values = [self.argument()]
        self.indices.update(s.name for v in values for s in v.atoms(sp.Symbol))
        return values, ""

