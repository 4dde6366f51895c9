r"""Names a document defines for itself, in the whole document: a function
of one name opening a display row (``f(x) := x^2 + 1``), and ``e`` when a row
opens with it equal to a quantity (``e = y - \hat y``, ``e = mc^2``): there
every other ``e`` is *ambiguous*, that name or Euler's number (the sigmoid's
``e^{-z}`` beside a residual ``e``), and never refuted (``e = \sum_k 1/k!``,
which names no quantity, leaves it Euler's number)."""

from __future__ import annotations

import re
from dataclasses import replace

from symproofs.latex.declarations import Notation

__all__ = ["defined_names", "function_names"]

#: ``f(x) :=``, ``p(x) =`` opening a display row or a text math: the document defines the function
_FUNCTION_DEFINED = re.compile(r"(?:^|\$\$|\$|\\\[|\\\\|\\begin\{[a-z*]+\})[ \t]*(?:&[ \t]*)?"
                               r"(?P<name>[A-Za-z]|\\ell)[ \t]*"
                               r"\([ \t]*\\?[A-Za-z]+[ \t]*\)[ \t]*(?:&[ \t]*)?"
                               r"(?::=|=|\\coloneqq|\\triangleq|\\equiv|\\doteq)", re.M)


def function_names(text: str) -> frozenset[str]:
    r"""The letters a document defines as functions of one name at the start of
    a display row (``f(x) := x^2 + 1``, ``g(t) = e^{-t}``): there ``f(2)``
    and ``f(x + 1)`` are applications, not products a TA could also read."""
    return frozenset(m.group("name").lstrip("\\") for m in _FUNCTION_DEFINED.finditer(text))


#: ``e = y - \hat y`` opening a display row or a text math; the rest of the row up to its end
_E_DEFINED = re.compile(r"(?:^|\$\$|\$|\\\[|\\\\|\\begin\{[a-z*]+\})[ \t]*(?:&[ \t]*)?e[ \t]*(?:&[ \t]*)?"
                        r"(?::=|=|\\coloneqq|\\triangleq)(?P<rest>[^$\n\\]*(?:\\(?!\\|\])[^$\n\\]*)*)", re.M)
_SCRIPT = re.compile(r"[_^]\s*(?:\{(?P<group>[^{}]*)\}|(?P<one>\\?[A-Za-z0-9]+))")
_DIFFERENTIAL = re.compile(r"(?<![A-Za-z\\])d(?:\\,|\s)*(?P<var>[A-Za-z])(?![A-Za-z])")


def e_named(text: str) -> bool:
    """Whether the document opens a row with ``e`` equal to an expression in
    other names that are free there (a quantity, not a value of Euler's
    number: the index of a sum, the variable of a limit or an integral are
    bound)."""
    for m in _E_DEFINED.finditer(text):
        rest = m.group("rest")
        bound = {v for g in _SCRIPT.finditer(rest)
                 for v in re.findall(r"([A-Za-z])\s*(?:=|\\to)", g.group("group") or "")}
        bound |= {d.group("var") for d in _DIFFERENTIAL.finditer(rest)}
        free = re.sub(r"\\[A-Za-z]+", " ", _DIFFERENTIAL.sub(" ", _SCRIPT.sub(" ", rest)))
        if set(re.findall(r"[A-Za-z]", free)) - bound - {"e"}:
            return True
    return False


def defined_names(text: str, notation: Notation | None) -> Notation | None:
    """``notation`` with what the document defines for itself (see the module);
    a name the notation declares keeps its declaration."""
    functions = function_names(text)
    base = notation if notation is not None else Notation()
    named = {"e"} if e_named(text) and "e" not in base.symbols else set()
    if not (functions - base.functions or named):
        return notation
    return replace(base, functions=base.functions | functions, ambiguous=base.ambiguous | named)
