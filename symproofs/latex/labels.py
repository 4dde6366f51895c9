r"""Subscripts that are labels, part of a name: ``d_{in}``, ``d_{out}``, ``\lambda_{\max}``, ``L_{train}``.

A subscript of letters reads two ways: indices (``W_{ij}`` is the member or
entry ``(i, j)``, ``a_{kl}``) or a label, a word the name is made of
(``d_{in}`` the input width, one name ``d_in``, to which ``d_{in} = 784``
gives a value). The rule, for a name the notation does not declare a matrix
(a matrix's subscripts are its entries; a label of one is declared as a name
of its own, ``W_out``):

- ``\text{opt}``, ``\mathrm{in}``, ``\operatorname{tr}`` (a text subscript)
  and ``\max``, ``\min``, ``\sup``, ``\inf`` alone (``\lambda_{\max}``) are
  labels;
- two letters or more in braces, nothing else (no comma, digit or sign),
  are indices where every letter is an index the notation declares;
  otherwise a label where they spell a word of :data:`LABEL_WORDS` (``in``,
  ``out``, ``max``, ``train`` ...), or where there are three letters or
  more and one of them is no index letter (:data:`INDEX_LETTERS`: ``d_{out}``,
  ``x_{abc}``); else indices (``W_{ij}``, ``a_{kl}``, ``x_{ab}``, ``T_{ijk}``).

So two letters that are no word stay indices, as a TA reads ``W_{ab}``, and
a word of two letters is a label only if it is listed (``in``).

A subscript of letters and digits together (:func:`index_list`) is never a
product where a letter comes first: ``a_{i2}`` is the member ``(i, 2)``,
``x_{t1}`` the member ``(t, 1)``, one index per letter or digit; a number of
several digits after a letter (``x_{i12}``: ``(i, 12)`` or ``(i, 1, 2)``?) is
ambiguous. A digit first (``a_{2n}``) is the usual product ``2n`` (the even
members), unless the letters are declared indices or the name a declared matrix
(``A_{2i}``: the entry ``(2, i)``). So ``a_{i2}`` and ``a_{2i}`` are never the
same member.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from symproofs.latex.tokens import Tok

__all__ = ["INDEX_LETTERS", "LABEL_COMMANDS", "LABEL_WORDS", "MIXED_AMBIGUOUS", "index_list", "label_of"]

#: letters that stand for indices (``W_{ij}``, ``a_{kl}``, ``x_{nt}``, ``A_{pq}``, ``T_{ijk}``)
INDEX_LETTERS = frozenset("ijklmnpqrst")
#: subscripts that are words of a name, never indices
LABEL_WORDS = frozenset({
    "in", "out", "max", "min", "sup", "inf", "opt", "train", "test", "val", "valid", "dev", "tot", "total", "avg",
    "mean", "init", "new", "old", "prev", "next", "hid", "hidden", "enc", "dec", "emb", "obs", "pred", "true",
    "ref", "reg", "std", "eff", "lr", "batch", "data", "model", "loss", "err", "cls", "tgt", "src",
})
#: commands that are labels when they are the whole subscript (``\lambda_{\max}``)
LABEL_COMMANDS = frozenset({"max", "min", "sup", "inf"})


def label_of(inner: Sequence[Tok], base: str | None, indices: Collection[str]) -> str | None:
    """The label a subscript's tokens ``inner`` (braces left out) spell, or None where they are indices or an
    expression. ``base``: the name subscripted, None for a declared matrix or an expression (then only a text
    subscript is a label); ``indices``: the names the notation declares indices."""
    if len(inner) == 1 and inner[0].kind == "raw":
        return inner[0].arg  # w_{\text{opt}}: as before, whatever the base
    if base is None:
        return None
    if len(inner) == 1 and inner[0].kind == "cmd" and inner[0].text in LABEL_COMMANDS:
        return inner[0].text
    if len(inner) < 2 or not all(t.kind == "letter" and len(t.text) == 1 for t in inner):
        return None
    letters = "".join(t.text for t in inner)
    if all(c in indices for c in letters):
        return None  # products of declared index names: indices
    if letters in LABEL_WORDS or (len(letters) >= 3 and any(c not in INDEX_LETTERS for c in letters)):
        return letters
    return None


#: :func:`index_list`'s answer for a subscript it cannot split (``x_{i12}``)
MIXED_AMBIGUOUS = "ambiguous"


def index_list(inner: Sequence[Tok], entries: bool) -> list[str] | str | None:
    """One index per letter or digit of a subscript of letters (``{ij}``, not a label: :func:`label_of`
    first) or of letters and digits (``{i2}``, ``{t1}``, ``{ij2}``): their texts; None where the subscript
    is neither (digits only, an expression) or reads as a product (``{2n}``, a digit first, unless
    ``entries``: the name is a declared matrix or the letters declared indices); :data:`MIXED_AMBIGUOUS`
    where a number of several digits is in it."""
    if len(inner) > 1 and all(t.kind == "letter" for t in inner):
        return [t.text for t in inner]
    if len(inner) < 2 or not all((t.kind == "letter" and len(t.text) == 1) or (t.kind == "num" and t.text.isdigit())
                                 for t in inner):
        return None
    if {t.kind for t in inner} != {"letter", "num"} or (inner[0].kind == "num" and not entries):
        return None
    if any(t.kind == "num" and len(t.text) > 1 for t in inner):
        return MIXED_AMBIGUOUS
    return [t.text for t in inner]
