"""The readings a TA could take two ways, refused rather than guessed (a
part of :mod:`symproofs.latex.grammar`'s parser): a product after a slash
(``1/2x``), a product between bars (``|x|y|a|``), a multi-digit script
without braces (``2^10``), a double factorial (``n!!``), a number before a
fraction of numbers (``2\\frac{1}{2}``), and a name that may be a function
applied or a number times a bracket (``f(a+b)``, ``\\hat{f}(x+1)``,
``\\Gamma(3)``, ``h^{-1}(y+1)``): each raises
:class:`~symproofs.latex.tokens.AmbiguousReading` with both readings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from symproofs.latex.reader import Reader
from symproofs.latex.tokens import ACCENTS, BOLD, CALLABLE, CALLIGRAPHIC, GREEK, Tok, group_end
from symproofs.latex.vocabulary import FUNCS, OPERATORS

__all__ = ["FUNCTION_LETTERS", "OPERAND_CMDS", "QUANTITY_LETTERS", "Name", "Readings", "applied_members",
           "function_like"]

#: Letters that conventionally name functions: ``f(x)`` is an application,
#: ``f(a+b)`` is ambiguous (a product or an application) unless declared.
FUNCTION_LETTERS = {"f", "g", "F", "G", "ell"}
#: Letters that name functions or quantities: ``p(x)`` is an application,
#: ``p(1-p)`` a product.
QUANTITY_LETTERS = {"h", "L", "p", "q"}
#: Greek capitals that name functions (the gamma function, a distribution function)
_FUNCTION_GREEK = {"Gamma", "Phi", "Psi"}


def function_like(text: str) -> bool:
    """A name a TA may read as a function: ``f`` and ``g`` with an accent
    (``\\hat{f}``), a calligraphic letter (``\\mathcal{L}``), ``\\Gamma``, ``\\Phi``."""
    base = text.split("_")[0]
    return (base in FUNCTION_LETTERS and base != text) or text.startswith("cal") or text in _FUNCTION_GREEK


def _simple(inside: Sequence[Tok]) -> bool:
    """An argument a TA reads as a function's: letters, numbers after a letter, Greek or bold names."""
    return bool(inside) and all(
        t.kind == "letter" or (t.kind == "cmd" and (t.text in GREEK or t.text in BOLD))
        or t.text in (",", "_", "{", "}", "'") or t.kind == "num" for t in inside
    ) and not any(t.kind == "num" for t in inside[:1])


def _member_spelling(toks: Sequence[Tok], k: int) -> tuple[str, ...] | None:
    """``f_i`` at ``toks[k]``: a function letter and its subscript, as written."""
    if toks[k].kind != "letter" or toks[k].text not in FUNCTION_LETTERS | QUANTITY_LETTERS or k + 2 >= len(toks) \
            or toks[k + 1].text != "_":
        return None
    return tuple(t.text for t in toks[k : group_end(toks, k + 2)])


def applied_members(toks: Sequence[Tok]) -> frozenset[tuple[str, ...]]:
    """The members of a family of functions (``f_i``) a text applies to a plain
    name somewhere (``f_i(x)``) and never writes without an argument: there
    ``f_i(-x)`` is the same function applied to ``-x``, not ``f_i`` times ``-x``
    (``f_t(x) + f_t(1 - f_t)`` uses ``f_t`` both ways: no evidence)."""
    applied, bare = set(), set()
    for k in range(len(toks)):
        spelled = _member_spelling(toks, k)
        if spelled is None:
            continue
        start = k + len(spelled)
        if start >= len(toks) or toks[start].text != "(":
            bare.add(spelled)
            continue
        depth, close = 0, len(toks)
        for j in range(start, len(toks)):
            depth += {"(": 1, ")": -1}.get(toks[j].text, 0) if toks[j].kind == "sym" else 0
            if depth == 0:
                close = j
                break
        if _simple(toks[start + 1 : close]):
            applied.add(spelled)
    return frozenset(applied - bare)


#: commands that go on a product (a fraction, a root, a letter): after ``a/b`` they may be in the divisor
OPERAND_CMDS = {"frac", "dfrac", "tfrac", "sqrt", "pi", "infty", *GREEK, *BOLD, *ACCENTS, *CALLIGRAPHIC}


class Name(NamedTuple):
    """A name as written: its letters, bold or not, a roman word or not."""

    text: str
    bold: bool = False
    word: bool = False  # a multi-letter roman name (\mathrm, \operatorname, \text)


class Readings(Reader):
    """Where a reading could go two ways."""

    def mixed_number_follows(self, t: Tok) -> bool:
        """``2\\frac{1}{2}``: a whole number written right before a fraction of whole numbers."""
        before = self.toks[self.i - 1] if self.i > 0 else None
        if t.kind != "cmd" or t.text not in ("frac", "dfrac", "tfrac") or before is None or before.kind != "num" \
                or "." in before.text:
            return False
        end = group_end(self.toks, group_end(self.toks, self.i + 1))
        inner = [x for x in self.toks[self.i + 1 : end] if x.text not in ("{", "}")]
        return bool(inner) and all(x.kind == "num" for x in inner)

    def continues_divisor(self, t: Tok) -> bool:
        """Whether ``t``, right after ``a/b``, is a factor a TA could read as
        part of the divisor (``1/2x``, ``a/bc``, ``1/2\\pi``, ``1/2(x+1)``);
        a sum, an integral, a function or an expectation after it is read as
        a factor outside (``1/n \\sum_i x_i``)."""
        if t.kind in ("num", "letter"):
            return not (t.kind == "letter" and t.text == "E" and self.peek(1) is not None
                        and self.toks[self.i + 1].text in ("[", "("))
        if t.kind == "raw":
            return not (t.arg in FUNCS or t.arg in OPERATORS or t.arg in ("P", "Pr", "E"))
        if t.kind == "cmd":
            return t.text in OPERAND_CMDS and t.text not in FUNCS
        return t.kind == "sym" and t.text == "("

    def one_digit_script(self, op: Tok) -> None:
        """``2^10`` shows as 2 to the 1 followed by 0, ``\\sqrt 16`` as the root
        of 1 followed by 6 (TeX takes one digit): never guessed."""
        t = self.peek()
        if op.text in ("^", "_", "sqrt") and t is not None and t.kind == "num" and len(t.text) > 1 \
                and t.text[0] != ".":
            written = ("\\sqrt " if op.text == "sqrt" else op.text) + t.text
            raise self.ambiguous(f"{written} without braces: TeX takes the digit {t.text[0]} alone", op,
                                 f"{{{t.text}}}", f"{{{t.text[0]}}} {t.text[1:]}")

    def bar_after_product(self, t: Tok) -> None:
        """``|x|y|a|`` is ``|x| y |a|`` or ``|x |y| a|``: after a closing bar,
        factors up to another bar (no ``+``, relation or explicit product
        between) could be inside either pair."""
        k = self.i
        while k < len(self.toks) and self.toks[k].kind in ("num", "letter", "raw", "cmd") and (
                self.toks[k].kind != "cmd" or self.toks[k].text in OPERAND_CMDS):
            k += 1
        if k > self.i and k < len(self.toks) and self.toks[k].text == t.text:
            raise self.ambiguous(f"which {t.text} closes which: a product between bars", t,
                                 "|x| y |a|", "|x |y| a|")

    def callable_name(self, nm: Name, callable_: bool) -> bool:
        """A function's name: an operator word, a declared function, or a
        letter conventionally one (``\\sigma``) unless the notation declares
        it a number (then ``\\sigma^2(1 + \\mu^2)`` is a product)."""
        if callable_ or nm.word or nm.text in self.notation.functions:
            return True
        return nm.text in CALLABLE and nm.text not in self.notation.symbols and nm.text not in self.notation.matrices

    def function_power_follows(self, nm: Name, callable_: bool) -> bool:
        """``\\sigma^2(x)``: a script on a function name followed by its argument."""
        end = group_end(self.toks, self.i)
        return self.callable_name(nm, callable_) and end < len(self.toks) and (
            self.toks[end].text == "(")

    def unknown_capital(self, nm: Name, subscripted: bool) -> bool:
        """``H(x)``: a capital letter nothing declares (no symbol, matrix or function of the notation, no
        bold, no subscript) before parentheses, which a TA reads as a function (Heaviside's ``H``) as
        readily as a number times them: neither reading is taken; not where the letter is inside them too
        (``N(N+1)``: used as a number there, a product)."""
        inside = self.toks[self.i + 1 : self.closing(self.i)]  # N(N+1): the letter a number inside, a product
        if any(t.kind == "letter" and t.text == nm.text and (k + 1 == len(self.toks) or self.toks[k + 1].text != "(")
               for k, t in enumerate(self.toks)):
            return False  # N(N + 1) = N^2 + N: a quantity elsewhere in the side, so a product here
        if any(t.kind == "letter" and len(t.text) == 1 and "A" <= t.text <= "Z" for t in inside):
            return False  # A(B + C): capitals inside, the product of matrices or numbers a TA reads
        capital = len(nm.text) == 1 and "A" <= nm.text <= "Z" and nm.text != "O"  # (O(n): asymptotic notation)
        return capital and not nm.bold and not subscripted and (
            nm.text not in self.notation.symbols and nm.text not in self.notation.matrices
            and nm.text not in self.notation.functions) and not any(
            t.kind == "letter" and t.text == nm.text for t in inside)

    def applies(self, nm: Name, callable_: bool, subscripted: bool, primes: int) -> bool:
        """Whether ``name(...)`` is an application (else a product); a
        subscripted name (``f_t(1-f_t)``) applies only to a plain name."""
        if self.callable_name(nm, callable_) or primes:
            return True
        named_so = nm.text in FUNCTION_LETTERS or function_like(nm.text)
        if (nm.bold and nm.text not in FUNCTION_LETTERS) or (not named_so and nm.text not in QUANTITY_LETTERS):
            if self.unknown_capital(nm, subscripted):
                raise self.ambiguous(f"{nm.text}(...): a function {nm.text} applied, or a product ({nm.text} is "
                                     "not declared)", self.toks[self.i], "application", "product")
            return False
        if nm.text in self.notation.symbols or nm.text in self.notation.matrices:
            return False  # declared a number (p(X)_{ij} is p times an entry), not a function
        if _simple(self.toks[self.i + 1 : self.closing(self.i)]):
            return True
        if subscripted and (named_so or nm.text in QUANTITY_LETTERS) and self._applied_elsewhere(nm):
            return True  # f_i(-x) where the text writes f_i(x): the function applied
        if named_so and not subscripted:
            raise self.ambiguous(f"{nm.text}(...): a function {nm.text} applied, or a product",
                                 self.toks[self.i], "application", "product")
        return False


    def _applied_elsewhere(self, nm: Name) -> bool:
        """Whether the member of a family of functions written right before the
        parenthesis here (``f_i``) is applied to a plain name in the chain."""
        k = self.i - 1
        while k >= 0 and not (self.toks[k].kind == "letter" and self.toks[k].text == nm.text):
            k -= 1
        spelled = _member_spelling(self.toks, k) if k >= 0 else None
        return spelled is not None and k + len(spelled) == self.i and spelled in self.applied
