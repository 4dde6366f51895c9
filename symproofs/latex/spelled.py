r"""Operator and function names spelled in plain letters: ``Var(X)``, ``log(x)``.

A student who writes ``Var(X)``, ``Cov(X, Y)`` or ``exp(-x)`` without a
backslash or ``\mathrm`` means the variance, the covariance, the exponential,
as ``\mathrm{Var}(X)`` would say; nobody means the product ``V a r X``. A
run of plain letters standing on its own (no letter glued before it, no
letter or digit after it: ``2Cov(X, Y)`` is twice the covariance) that
spells one of these names and is followed by a bracket is read as that
name (the token ``\operatorname{Var}`` gives). The letters of a probability
operator are never multiplied: ``Var X`` with no bracket (or a digit glued
to it) is not read (the variance of what?).

Two-letter names a product may spell (``tr``, ``lg``) are left to the
notation; ``E`` and ``P`` alone are the parser's own.
"""

from __future__ import annotations

from symproofs.latex.tokens import Tok

__all__ = ["OPERATOR_WORDS", "SPELLED", "spelled_names"]

#: the probability operators (symproofs.latex.vocabulary.OPERATORS) spelled out
OPERATOR_WORDS = frozenset({"Var", "Cov"})
#: the names read when spelled in plain letters before a bracket (keys of the vocabulary's FUNCS and OPERATORS)
SPELLED = OPERATOR_WORDS | frozenset({
    "exp", "log", "ln", "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "coth", "sech", "csch",
    "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "arsinh", "arcosh", "artanh",
    "sgn", "sign", "max", "min", "det"})
_BRACKETS = ("(", "[")


def _glued(a: Tok, b: Tok) -> bool:
    """Whether ``a`` and ``b`` are letters or digits written with nothing between them."""
    return a.kind in ("letter", "num") and b.kind in ("letter", "num") and a.end == b.start


def _in_script(toks: list[Tok], i: int) -> bool:
    """Whether the token at ``i`` opens a script (``\\sigma_{Var}``, ``x^{max}``)."""
    return i >= 1 and (toks[i - 1].text in ("_", "^") or (
        i >= 2 and toks[i - 1].text == "{" and toks[i - 2].text in ("_", "^")))


def spelled_names(toks: list[Tok]) -> list[Tok]:
    """``toks`` with each plain-letter spelling of a known name before a
    bracket made the name (as ``\\operatorname{...}`` lexes), and a spelled
    probability operator with no bracket a bad token (see the module)."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind != "letter" or (i and toks[i - 1].kind == "letter" and toks[i - 1].end == t.start):
            out.append(t)
            i += 1
            continue
        j = i + 1
        while j < len(toks) and toks[j].kind == "letter" and toks[j].start == toks[j - 1].end:
            j += 1
        word = "".join(x.text for x in toks[i:j])
        after = toks[j] if j < len(toks) else None
        glued = after is not None and _glued(toks[j - 1], after)
        if word not in SPELLED or (glued and word not in OPERATOR_WORDS):
            out.extend(toks[i:j])
        elif not glued and after is not None and after.kind == "sym" and after.text in _BRACKETS:
            out.append(Tok("raw", "operatorname", t.start, toks[j - 1].end, arg=word))
        elif word in OPERATOR_WORDS and not _in_script(toks, i):
            out.append(Tok("bad", word, t.start, toks[j - 1].end,
                           arg=f"{word} without brackets is not read: write {word}(X) (the {word} of what?)"))
        else:
            out.extend(toks[i:j])
        i = j
    return out
