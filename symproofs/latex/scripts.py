r"""Scripts on an operator, read or refused but never dropped (a part of
:mod:`symproofs.latex.grammar`'s parser).

On ``\mathbb{E}``, ``\operatorname{Var}``, ``\operatorname{Cov}`` and
``\mathbb{P}``:

* a superscript that is a whole number is a power of the value, as on
  ``\sin^2 x``: ``\mathbb{E}^2[X]`` is ``E(X)**2``; ``\mathbb{E}^{-1}[X]`` is
  ambiguous (a reciprocal or an inverse); any other (``\mathbb{E}^{\pi}``, a
  policy or a law) is refused;
* a subscript that names every random quantity the notation declares
  (``\mathbb{E}_{\mathbf{R}}[L]`` where the mask ``R`` is all that is random)
  is the plain operator; any other (``\mathbb{E}_{x \sim p}``, ``\mathbb{E}_x``
  with nothing declared random, ``\mathbb{E}_p``) names a law or a variable
  averaged over that changes the value: refused.

A superscript in square brackets (``a^{[l]}``, ``W^{[l]}``) is a layer index
(a member of a family), never a power; where it cannot be an index it is
refused.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from symproofs.latex.readings import Readings
from symproofs.latex.tokens import BOLD, GREEK, Tok, group_end

__all__ = ["Scripts"]

_UNDER_LAW = "expectation under a named law or over a named variable is not supported"


class Scripts(Readings):
    """The scripts of probability operators and bracketed layer indices."""

    def operator_scripts(self, name: str, tok: Tok) -> sp.Integer | None:
        """Read the scripts after ``E``/``Var``/``Cov``/``P`` (module doc): the
        whole power the superscript gives, or ``None``; a script that cannot be
        read so is an error."""
        exponent: sp.Integer | None = None
        seen: set[str] = set()
        while self.at("_", "^"):
            op = self.single_script(seen, self.take(), name)
            self.one_digit_script(op)
            end = group_end(self.toks, self.i)
            inner = [t for t in self.toks[self.i : end] if t.text not in ("{", "}")]
            if op.text == "^":
                texts = [t.text for t in inner]
                if len(inner) == 1 and inner[0].kind == "num" and inner[0].text.isdigit() and int(inner[0].text) > 0:
                    exponent = sp.Integer(int(inner[0].text))
                elif texts == ["-", "1"]:
                    raise self.ambiguous(f"{name}^{{-1}}", op, "reciprocal", "inverse")
                else:
                    raise self.error(
                        f"a superscript on {name} other than a whole power ({name}^2: the square of "
                        f"the value) is not supported: {_UNDER_LAW}",
                        op,
                    )
            elif not self.all_random(inner):
                raise self.error(
                    f"{name} with a subscript: {_UNDER_LAW} (a subscript is read only where it names "
                    "every random quantity the notation declares)",
                    op,
                )
            self.i = end
        return exponent

    def single_script(self, seen: set[str], op: Tok, name: str) -> Tok:
        """``op`` (``_`` or ``^``), added to ``seen``; a second one of a kind on one
        operator (``\\sum_{i=1}^{n}^{2}``, which TeX refuses) is an error, never a
        bound or a script silently replaced."""
        if op.text in seen:
            raise self.error(f"double {'sub' if op.text == '_' else 'super'}script on {name}: use braces", op)
        seen.add(op.text)
        return op

    def all_random(self, inner: list[Tok]) -> bool:
        """Whether a subscript (bold or not, comma-separated) names exactly the
        random quantities the notation declares, at least one."""
        names: set[str] = set()
        for t in inner:
            if (t.kind == "cmd" and t.text in BOLD) or (t.kind == "sym" and t.text == ","):
                continue
            if t.kind == "letter" or (t.kind == "cmd" and t.text in GREEK):
                names.add(GREEK.get(t.text, t.text))
            else:
                return False
        random = self.notation.sections.get("random", {})
        declared = random.get("variables", {}) if isinstance(random, Mapping) else {}
        return bool(names) and isinstance(declared, Mapping) and names == set(declared)

    def scripted_power(self, value: sp.Basic, exponent: sp.Integer | None, tok: Tok) -> sp.Basic:
        """``value`` to the power an operator's superscript gave (a number's only)."""
        if exponent is None:
            return value
        if isinstance(value, sp.MatrixExpr):
            raise self.error("a power of the expectation of a matrix or a vector is not supported", tok)
        return self.power(value, exponent, tok)

    def expectation_follows(self, text: str, bold: bool) -> bool:
        """A letter ``E`` (nothing declares it) then scripts then ``[``: ``E_{R}[...]``, ``E^2[X]``."""
        declared = self.notation
        if text != "E" or bold:
            return False
        k = self.i
        while k < len(self.toks) and self.toks[k].text in ("_", "^"):
            k = group_end(self.toks, k + 1)
        return (
            k < len(self.toks)
            and self.toks[k].text == "["
            and (k == self.i or ("E" not in declared.symbols and "E" not in declared.matrices))
        )

    def bracket_script(self) -> bool:
        """The superscript at the cursor is ``{[...]}`` (a layer index ``a^{[l]}``);
        ``^[`` without braces (TeX raises the bracket alone) is an error."""
        t = self.peek()
        if t is not None and t.kind == "sym" and t.text == "[":
            raise self.error("a superscript in square brackets needs braces (a^{[l]})", t)
        end = group_end(self.toks, self.i)
        inner = self.toks[self.i : end]
        return (
            len(inner) >= 4
            and inner[0].text == "{"
            and inner[1].text == "["
            and inner[-2].text == "]"
            and self.closing(self.i + 1) == end - 2
        )
