r"""Divergences written with a bar between their arguments: ``KL(p\|q)``,
``D_{KL}(p \| q)``, ``D_{\mathrm{KL}}(P \,\|\, Q)``, ``\mathrm{KL}(p \parallel q)``,
``KL(p||q)``.

The one bar at the top level of the parentheses that follow a name of two
letters or more separates the two arguments: the tokens are rewritten into
the application of that name (``KL``, ``D_KL``) to the two arguments, an
undeclared function of two arguments that is never evaluated. A norm
``\|x\|`` (two bars) is left as it is.

>>> from symproofs.latex.tokens import Origin
>>> from symproofs.latex.lexer import prepare
>>> [t.arg or t.text for t in prepare(Origin(r"D_{KL}(p \| q)", None, 1, 1))]
['D_KL', '(', 'p', ',', 'q', ')']
"""

from __future__ import annotations

from symproofs.latex.tokens import OPENERS, Tok, group_end

__all__ = ["separate_divergences"]

_BARS = ("‖", "|", "L|", "R|", "L‖", "R‖")


def separate_divergences(toks: list[Tok]) -> list[Tok]:
    """``toks`` with each ``name(a \\| b)`` rewritten as ``name(a, b)`` (see the module)."""
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "sym" and t.text == "(" and (name := _name_before(toks, k)) is not None:
            close = _closing(toks, k)
            split = _separator(toks, k + 1, close) if close is not None else None
            if close is not None and split is not None:
                first, last, word = name
                bar_at, bar_len = split
                head = Tok("raw", "mathrm", toks[first].start, toks[last].end, arg=word)
                comma = Tok("sym", ",", toks[bar_at].start, toks[bar_at + bar_len - 1].end)
                toks = [*toks[:first], head, *toks[last + 1 : bar_at], comma, *toks[bar_at + bar_len :]]
                k = first + 1
                continue
        k += 1
    return toks


def _name_before(toks: list[Tok], k: int) -> tuple[int, int, str] | None:
    """The name that ends right before ``toks[k]``: its first and last token and its text, when it has two
    letters or more (``KL``, ``\\mathrm{KL}``, ``D_{KL}``, ``D_\\text{KL}``)."""
    if k == 0:
        return None
    last = toks[k - 1]
    if last.kind == "raw" and last.arg.isidentifier() and len(last.arg) > 1 and (
            k < 2 or toks[k - 2].text != "_"):
        return k - 1, k - 1, last.arg
    if last.kind == "letter":  # a run of capitals written together: KL, JS
        first = k - 1
        while first > 0 and toks[first - 1].kind == "letter" and toks[first - 1].end == toks[first].start:
            first -= 1
        letters = "".join(t.text for t in toks[first:k])
        if len(letters) > 1 and letters.isupper():
            return first, k - 1, letters
        return None
    # D_{KL}, D_{\mathrm{KL}}, D_\text{KL}: a letter with a subscript of letters or a word
    start = _subscript_before(toks, k)
    if start is None or toks[start - 1].kind != "letter":
        return None
    inner = [t for t in toks[start + 1 : k] if t.text not in ("{", "}")]
    if not inner or not all(t.kind == "letter" or (t.kind == "raw" and t.arg.isidentifier()) for t in inner):
        return None
    script = "".join(t.arg if t.kind == "raw" else t.text for t in inner)
    return start - 1, k - 1, f"{toks[start - 1].text}_{script}"


def _subscript_before(toks: list[Tok], k: int) -> int | None:
    """The ``_`` whose argument (one token, or a brace group) ends right
    before ``toks[k]``; found from the end, in the length of that argument
    (not by trying every ``_`` before it: a long formula is read in linear time)."""
    if k >= len(toks):  # a brace group left open runs to the end: the one case read by trying each _
        return next((j for j in range(k - 1, 0, -1) if toks[j].text == "_" and group_end(toks, j + 1) == k), None)
    candidates = [k - 2]  # a one-token argument
    j, depth = k - 1, 0
    while j >= 1 and toks[k - 1].kind == "sym" and toks[k - 1].text == "}":  # a brace group: its opening
        if toks[j].kind == "sym" and toks[j].text in ("{", "}"):
            depth += 1 if toks[j].text == "}" else -1
            if depth == 0:
                candidates.append(j - 1)
                break
        j -= 1
    found = [c for c in candidates if c >= 1 and toks[c].text == "_" and group_end(toks, c + 1) == k]
    return max(found) if found else None


def _closing(toks: list[Tok], k: int) -> int | None:
    depth = 0
    for j in range(k, len(toks)):
        if toks[j].kind == "sym" and toks[j].text in OPENERS:
            depth += 1
        elif toks[j].kind == "sym" and toks[j].text in OPENERS.values():
            depth -= 1
            if depth == 0:
                return j if toks[j].text == ")" else None
    return None


def _separator(toks: list[Tok], begin: int, end: int) -> tuple[int, int] | None:
    """The one separating bar at the top level of ``toks[begin:end]`` (``\\|``, ``\\parallel``, ``||``):
    its position and its number of tokens; None when there is none, or other bars (a norm)."""
    depth, bars = 0, []
    for j in range(begin, end):
        t = toks[j]
        if t.kind == "sym" and t.text in OPENERS:
            depth += 1
        elif t.kind == "sym" and t.text in OPENERS.values():
            depth -= 1
        elif depth == 0 and ((t.kind == "sym" and t.text in _BARS) or (t.kind == "cmd" and t.text == "parallel")):
            bars.append(j)
    if len(bars) == 1 and toks[bars[0]].text in ("‖", "parallel"):
        at, size = bars[0], 1
    elif len(bars) == 2 and bars[1] == bars[0] + 1 and toks[bars[0]].text == toks[bars[1]].text == "|" and (
            toks[bars[0]].end == toks[bars[1]].start):
        at, size = bars[0], 2
    else:
        return None
    return (at, size) if begin < at and at + size < end else None
