r"""Lexing student LaTeX: tokens, macro expansion, clean-up and splitting.

The first stage of :mod:`symproofs.latex.parser`. Text becomes tokens (numbers,
letters, commands, symbols, relations, raw ``\text`` arguments, remarks,
line breaks); macros of the notation are expanded within a budget; spacing,
labels and sizing commands are dropped; delimiters and relations are
normalised; TeX programming is an :class:`InputError` at the line and column
where it stands. Nothing here evaluates anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextvars import ContextVar

from symproofs.latex.divergences import separate_divergences
from symproofs.latex.spelled import spelled_names
from symproofs.latex.tokens import (
    ARROW_ALIASES,
    IDENT,
    MULOPS,
    OPENERS,
    ROW_SPACING,
    UNCHECKED_RELS,
    UNICODE_ARROWS,
    WORDS,
    Origin,
    Tok,
    group_end,
    over_mark,
)

__all__ = ["DECIMAL_COMMA", "decimal_comma_in", "prepare", "scan", "split_relations"]

MAX_LENGTH = 20_000  # characters per fragment

#: whether the document read uses ``{,}`` as a decimal comma (``0{,}5``): then ``3{,}142`` may be 3.142 as well as
#: 3142, and is read as neither (:func:`_number`)
DECIMAL_COMMA: ContextVar[bool] = ContextVar("decimal_comma", default=False)
#: a number only a decimal comma makes sense of: a leading 0 (``0{,}5``), a group of other than three digits
#: (``1{,}5``, ``2{,}7183``), or more than three digits before it (``1234{,}5``)
_DECIMAL = re.compile(r"(?<![\d{},])(?:0\{,\}\d|\d+\{,\}(?:\d{1,2}|\d{4,})(?![\d{])|\d{4,}\{,\}\d)")


def decimal_comma_in(text: str) -> bool:
    """Whether ``text`` (a whole document) writes a number with ``{,}`` as a decimal comma (``0{,}5``)."""
    return _DECIMAL.search(text) is not None
_MAX_TOKENS = 20_000  # after macro expansion
_MAX_EXPANSIONS = 500
_RAW_ARG = {"text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "textup",
            "mbox", "hbox", "mathrm", "mathit", "mathsf", "mathtt", "operatorname", "tag",
            "label", "hspace", "vspace", "eqref", "ref", "intertext", "shortintertext"}
_MATH_NAMES = {"mathrm", "mathit", "mathsf", "mathtt", "operatorname"}
_DROPPED_RAW = {"tag", "label", "hspace", "vspace", "eqref", "ref", "intertext", "shortintertext"}
_SPACING = {",", ";", ":", "!", " ", "\n", "\t", ">", "enspace", "thinspace", "medspace",
            "thickspace", "negthinspace", "hfill"}
_IGNORED = {"displaystyle", "textstyle", "scriptstyle", "nonumber", "notag", "limits",
            "nolimits", "nobreak", "allowbreak", "relax"}
_REMARK_CMDS = {"quad", "qquad", "because", "therefore"}
_SIZE = re.compile(r"(?:big|Big|bigg|Bigg)[lrm]?")
_DELIMS = {"{": "\\{", "}": "\\}", "lbrace": "\\{", "rbrace": "\\}", "|": "‖", "Vert": "‖",
           "vert": "|", "lvert": "L|", "rvert": "R|", "lVert": "L‖", "rVert": "R‖",
           "lbrack": "[", "rbrack": "]", "lparen": "(", "rparen": ")", "lgroup": "(",
           "rgroup": ")", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉"}
#: ``\vertx`` is read as ``\vert x`` (TeX would stop at an undefined command).
_GLUED = re.compile(r"(lvert|rvert|lVert|rVert|vert|Vert)([A-Za-z]+)")
_CHECKED_RELS = {"le", "leq", "leqslant", "lt", "ge", "geq", "geqslant", "gt", "implies",
                 "Rightarrow", "Longrightarrow", "iff", "Leftrightarrow", "Longleftrightarrow",
                 "to", "rightarrow"}
_TOKEN_RE = re.compile(
    r"(?P<gap>~{3,})|(?P<space>\s+|~)|(?P<comment>%[^\n]*)|(?P<brk>\\\\\*?(?:" + ROW_SPACING + r")?)"
    r"|(?P<sci>\d+(?:\.\d+)?[eE][-+]?\d+)"
    r"|(?P<num>\d{1,3}(?:\\,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\{,\}\d+)+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<percent>\s*\\%)?"
    r"|(?P<cmd>\\(?:[A-Za-z]+|.))|(?P<letter>[A-Za-z])"
    r"|(?P<sym>[-+*/^_(){}\[\]|,=<>'!&.;:?])",
    re.S,
)


def _lex(text: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None and text[pos] in UNICODE_ARROWS:  # ⇒ is \Rightarrow, as typeset
            out.append(Tok("cmd", UNICODE_ARROWS[text[pos]], pos, pos + 1))
            pos += 1
            continue
        if m is None:
            out.append(Tok("bad", text[pos], pos, pos + 1, arg=f"unexpected {text[pos]!r}"))
            pos += 1
            continue
        kind, value = m.lastgroup or "", m.group()
        if kind == "cmd" and value[1:] in _RAW_ARG:
            tok = _raw_arg(text, pos, m.end(), value[1:])
            out.extend(_font_content(tok, out))
            pos = tok.end
            continue
        glued = _GLUED.fullmatch(value[1:]) if kind == "cmd" else None
        if glued is not None:
            cut = pos + 1 + len(glued.group(1))
            out.append(Tok("cmd", glued.group(1), pos, cut))
            out.extend(t._replace(start=t.start + cut, end=t.end + cut) for t in _lex(glued.group(2)))
        elif kind == "sci":  # 1e-3: a TA cannot tell 0.001 from 1*e - 3
            out.append(Tok("bad", value, pos, m.end(),
                           arg=f"{value}: scientific notation, or a product with Euler's number e?"))
        elif kind in ("num", "percent"):  # 50\% is the number 50/100
            tok = _number(m.group("num"), "%" if kind == "percent" else "", pos, m.end())
            out.append(_grouped(text, out, tok) or tok)
        elif kind == "gap":  # ~~~~: a wide gap, as \quad
            out.append(Tok("cmd", "quad", pos, m.end()))
        elif kind == "cmd" and value[1:] == "imath":  # the imaginary unit, as \mathrm{i}
            out.append(Tok("raw", "mathrm", pos, m.end(), arg="i"))
        elif kind == "cmd" and value[1:] in ARROW_ALIASES:  # \gets is \leftarrow
            out.append(Tok("cmd", ARROW_ALIASES[value[1:]], pos, m.end()))
        elif kind not in ("space", "comment"):
            out.append(Tok(kind, value[1:] if kind == "cmd" else value, pos, m.end()))
        pos = m.end()
    return out


_DIGIT_GAPS = {",", ";", ":", " ", "!", "thinspace", "medspace", "thickspace", "enspace", "nobreakspace"}


_SPACE_CMDS = {"hspace"}  # \hspace{1pt}, read with its argument: a space too


def _grouped(text: str, out: list[Tok], tok: Tok) -> Tok | None:
    """Digits after a number and a space (``1\\;000``, ``1~000``, ``0.000\\,1``,
    ``2 3``): one number with its digits grouped, or a product? Not read:
    the number is replaced by a bad token (and ``out`` loses what it joins)."""
    k = len(out)
    while k and ((out[k - 1].kind == "cmd" and out[k - 1].text in _DIGIT_GAPS)
                 or (out[k - 1].kind == "raw" and out[k - 1].text in _SPACE_CMDS)):
        k -= 1
    if not k or out[k - 1].kind != "num":
        return None
    if k > 1 and (out[k - 2].kind == "cmd" or out[k - 2].text in ("^", "_")):
        return None  # x^2 3, \int_0^1 2x, \frac12 3: TeX takes one digit, the rest stands apart
    if k == len(out) and out[-1].end == tok.start:
        return None  # no space between them
    first = out[k - 1]
    del out[k - 1:]
    written = text[first.start:tok.end]
    return Tok("bad", written, first.start, tok.end,
               arg=f"{written!r}: digits after a space, one number with its digits grouped or a product?")


def _number(text: str, percent: str, start: int, end: int) -> Tok:
    """A number as written: ``1\\,000`` (a thin space between groups of three)
    is 1000; ``1{,}000{,}000`` is a million; a group of exactly three digits
    after ``{,}``, after one to three leading digits (not starting with 0), is one of
    thousands: ``1{,}000`` is 1000 (not read in a document that writes a
    decimal comma elsewhere, ``0{,}5``: :data:`DECIMAL_COMMA`); any other group is decimals: ``1{,}5`` is 1.5,
    ``0{,}125`` is 0.125 (a decimal comma)."""
    if "{," not in text:
        return Tok("num", text.replace("\\,", "") + percent, start, end)
    parts = text.split("{,}")
    if len(parts) > 2 or "." in text:
        if all(len(p.split(".")[0]) == 3 for p in parts[1:]):
            return Tok("num", "".join(parts) + percent, start, end)
        return Tok("bad", text, start, end, arg=f"{text}: digit groups of other than three")
    if len(parts[1]) == 3 and 1 <= len(parts[0]) <= 3 and not parts[0].startswith("0"):
        if DECIMAL_COMMA.get():  # 3{,}142 where the document writes 0{,}5: 3.142 or 3142, read as neither
            return Tok("bad", text, start, end, arg=f"{text}: ambiguous reading: a decimal comma, as elsewhere in "
                                                      "the document, or a thousands separator")
        return Tok("num", "".join(parts) + percent, start, end)
    return Tok("num", f"{parts[0]}.{parts[1]}" + percent, start, end)


_UNIT_PT = {"pt": 1.0, "bp": 1.0, "mm": 2.85, "cm": 28.45, "in": 72.27, "em": 10.0, "ex": 4.3, "mu": 10.0 / 18,
            "pc": 12.0}


def _wide(width: str) -> bool:
    """Whether ``\\hspace{width}`` is a gap between things (a quad's worth,
    about 6pt or more) rather than a thin space inside a product."""
    m = re.fullmatch(r"\s*\*?\s*(-?\d*\.?\d+)\s*([a-z]{2})\s*", width or "")
    if m is None:
        return True  # \hspace{\fill}, \hspace{2\baselineskip}: no thin space
    return float(m.group(1)) * _UNIT_PT.get(m.group(2), 10.0) >= 6


_NAME_GAPS = re.compile(r"\\[,;:! ]|~|\s+")  # spaces inside an operator's name
#: an arg max or an arg min: a set of points, not a value the grader can check
_ARG_EXTREMA = frozenset({"argmax", "argmin", "arg", "argsup", "arginf"})
_ARG_WHY = "an arg max, arg min or argument is not supported: it is a point or a set, not a value the grader checks"


def _raw_arg(text: str, start: int, pos: int, name: str) -> Tok:
    pos += text.startswith("*", pos)
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    if not text.startswith("{", pos):
        return Tok("bad", name, start, pos, arg=f"\\{name} needs an argument in braces")
    depth, k = 0, pos
    while k < len(text):
        if text[k] == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            arg = text[pos + 1 : k]
            bare = _NAME_GAPS.sub("", arg) if name in _MATH_NAMES else arg  # \operatorname*{arg\,max}: argmax
            return Tok("raw", name, start, k + 1, arg=bare if IDENT.fullmatch(bare) else arg)
        k += 1
    return Tok("bad", name, start, len(text), arg=f"unbalanced braces after \\{name}")


#: the fonts of math (``\mathrm{(x+1)^2}`` is ``(x+1)^2`` in upright type); operator names apart
_FONTS = frozenset({"mathrm", "mathit", "mathsf", "mathtt"})
_UPRIGHT_CONSTANTS = frozenset({"e", "i"})  # \mathrm{e^{x}}: Euler's number, as \mathrm{e}
_TEXTS = frozenset({"text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "textup", "mbox", "hbox"})
_INLINE_MATH = re.compile(r"(?<!\\)\$(?P<math>[^$]*)(?<!\\)\$|\\\((?P<paren>.*?)\\\)", re.S)
#: English words of two letters (``\mathrm{by (3)}``): words, where ``xy`` would be a name
_SHORT_WORDS = frozenset({"by", "if", "so", "as", "at", "in", "on", "is", "of", "to", "or", "we", "be", "it", "an",
                          "no", "ie", "eg", "cf", "wp"})
_LABEL_ARG = re.compile(r"\s*\(\s*[A-Za-z0-9]{1,4}\s*\)\s*")  # \mathrm{(a)}, \mathrm{(3)}: a label
_MATH_MARK = re.compile(r"[-+*/^_=<>|!0-9()\[\]]|\\[A-Za-z]+")
_OPENS_MATH = re.compile(r"\s*(?:[-+*/=<>]|\\(?:cdot|times|pm|mp|div|le|leq|ge|geq|lt|gt|ne|neq|approx)(?![A-Za-z]))")


def font_reading(arg: str, functions: AbstractSet[str] = frozenset()) -> str:
    r"""How a TA reads the argument of ``\mathrm``, ``\mathsf``, ``\mathit``
    or ``\mathtt`` that is not a name: ``"math"`` (an expression in upright
    type: ``(x+1)^2``, ``- 2x``, ``\Delta x``), ``"words"`` (a remark set in
    a math font: ``(by Cauchy-Schwarz)``, ``i.e.``, a label ``(a)``), or
    ``"mixed"`` (math and words together, ``- 2x by (3)``, or text math
    inside: not read).

    >>> [font_reading(a) for a in ("(x+1)^2", "- 2x", "-", "i.e.", "(by CS)", "= 5 by (3)", "Var[X]", "(a)")]
    ['math', 'math', 'math', 'words', 'words', 'mixed', 'math', 'words']
    """
    if "$" in arg or "\\(" in arg:
        return "mixed"
    plain = re.sub(r"\\[A-Za-z]+|\\.", " ", arg)  # commands and control symbols aside
    runs = [w for w in re.findall(r"[A-Za-z]+", plain) if len(w) > 1 and w not in WORDS and w not in functions]
    if len(runs) > 1 or any(len(w) > 2 or w.lower() in _SHORT_WORDS for w in runs):
        return "mixed" if _OPENS_MATH.match(arg) else "words"
    if _LABEL_ARG.fullmatch(arg) or not _MATH_MARK.search(arg):
        return "words"
    return "math"


def _font_content(tok: Tok, before: Sequence[Tok]) -> list[Tok]:
    r"""The tokens a raw argument stands for: a math font around an expression
    (``\mathrm{(x+1)^2}``) is its content, read as math (runs of letters are
    upright names, as ``\mathrm{Var}``; a single upright ``e`` or ``i`` the
    constant); a text command holding only text math (``\text{$-2x$}``) is
    that math; math and words mixed in a math font are a bad token (never a
    remark dropped unread); anything else is the raw token itself."""
    if tok.kind != "raw" or IDENT.fullmatch(tok.arg):
        return [tok]
    at = tok.end - 1 - len(tok.arg)  # where the argument starts
    if tok.text in _TEXTS:
        spans = list(_INLINE_MATH.finditer(tok.arg))
        outside = _INLINE_MATH.sub(" ", tok.arg)
        if not spans or re.search(r"[A-Za-z0-9]", re.sub(r"\\[A-Za-z]+", " ", outside)):
            return [tok]
        inner = [t._replace(start=t.start + at + s, end=t.end + at + s)
                 for m in spans for s in [m.start(m.lastgroup or 0)] for t in _lex(m.group(m.lastgroup or 0))]
        return _braced(inner, before, tok)
    if tok.text not in _FONTS:
        return [tok]
    reading = font_reading(tok.arg)
    if reading == "words":
        return [tok]
    if reading == "mixed":
        why = f"\\{tok.text}{{{tok.arg[:40]}}}: math and words (or text math) in one font command are not read"
        return [Tok("bad", tok.text, tok.start, tok.end, arg=why)]
    inner = [t._replace(start=t.start + at, end=t.end + at) for t in _lex(tok.arg)]
    merged: list[Tok] = []
    for t in inner:  # a run of letters is one upright name
        last = merged[-1] if merged else None
        if t.kind == "letter" and last is not None and last.kind in ("letter", "raw") and last.end == t.start and (
                last.kind == "letter" or (last.text == tok.text and last.arg.isalpha())):
            merged[-1] = Tok("raw", tok.text, last.start, t.end, arg=(last.arg or last.text) + t.text)
        else:
            merged.append(t)
    upright = tok.text != "mathit"
    merged = [t._replace(kind="raw", text=tok.text, arg=t.text)
              if t.kind == "letter" and upright and t.text in _UPRIGHT_CONSTANTS else t for t in merged]
    return _braced(merged, before, tok)


def _braced(inner: list[Tok], before: Sequence[Tok], tok: Tok) -> list[Tok]:
    """``inner`` spanning the command ``tok`` as written, in braces after ``^``
    or ``_`` (``e^\\mathrm{x+1}``: the whole is the script)."""
    if not inner:
        return [tok]
    if before and before[-1].kind == "sym" and before[-1].text in ("^", "_"):
        inner = [Tok("sym", "{", tok.start, tok.start), *inner, Tok("sym", "}", tok.end, tok.end)]
    return [inner[0]._replace(start=tok.start), *inner[1:-1], inner[-1]._replace(end=tok.end)] if len(inner) > 1 \
        else [inner[0]._replace(start=tok.start, end=tok.end)]


def _expand(toks: list[Tok], macros: Mapping[str, str], origin: Origin) -> list[Tok]:
    out: list[Tok] = []
    stack, count = toks[::-1], 0
    while stack:
        t = stack.pop()
        if t.kind == "cmd" and t.text in macros:
            count += 1
            if count > _MAX_EXPANSIONS or len(out) + len(stack) > _MAX_TOKENS:
                raise origin.error(f"macro \\{t.text}: expansion too deep or too long", t.start)
            body = _lex(macros[t.text])
            stack.extend(b._replace(start=t.start, end=t.end) for b in reversed(body))
        else:
            out.append(t)
    if len(out) > _MAX_TOKENS:
        raise origin.error("expression too long", 0)
    return out


def _combine(toks: list[Tok]) -> list[Tok]:
    """Delimiters (\\left, \\big, \\{, \\|), relations, spacing, ignorable commands."""
    out: list[Tok] = []
    spaced, i = False, 0
    opened: list[int] = []  # where each \left. stands in out, for a \right| that closes it
    while i < len(toks):
        t, nxt = toks[i], (toks[i + 1] if i + 1 < len(toks) else None)
        i += 1
        if t.kind == "cmd" and t.text == "not" and nxt is not None and (
            (nxt.kind == "cmd" and (nxt.text in _CHECKED_RELS or nxt.text in UNCHECKED_RELS))
            or (nxt.kind == "sym" and nxt.text in "<>=")
        ):  # \not\ge, \not=: a negated relation, read and never checked
            negated = "\\not" + ("" if nxt.kind == "sym" else "\\") + nxt.text
            out.append(Tok("rel", negated, t.start, nxt.end, spaced=spaced))
            spaced, i = False, i + 1
            continue
        if t.kind == "cmd":
            name = t.text
            if name in _SPACING or name in _IGNORED:
                spaced = spaced or name in _SPACING
                continue
            if name in ("left", "right") or _SIZE.fullmatch(name):
                delim = None
                if nxt is not None and nxt.kind in ("sym", "cmd"):
                    delim = _DELIMS.get(nxt.text, nxt.text) if nxt.kind == "cmd" else nxt.text
                    if nxt.kind == "sym" and nxt.text in "{}":  # \left{ read as \left\{
                        delim = "\\" + nxt.text
                if delim not in ("(", ")", "[", "]", "|", "‖", "\\{", "\\}", ".", "L|", "R|",
                                 "L‖", "R‖", "⌊", "⌋", "⌈", "⌉") or nxt is None:
                    if name in ("left", "right"):
                        out.append(Tok("bad", name, t.start, t.end, arg=f"\\{name} needs a delimiter"))
                    continue
                i += 1
                side = "L" if name == "left" or name.endswith("l") else ""
                side = "R" if name == "right" or name.endswith("r") else side
                if delim == "." and name == "left":
                    opened.append(len(out))
                if delim in ("|", "R|") and side != "L" and _evaluated(toks, i, out, opened):
                    continue  # F \Big|_0^1, \left. F \right|_{x=0}: the bar of an evaluation, read as [F]_0^1
                if delim != ".":
                    text = side + delim if delim in ("|", "‖") else delim
                    if text in ("L|", "R|") and out and out[-1].kind == "sym" and out[-1].text == text:
                        # \left| \left| x \right| \right|: the norm's double bar, sized
                        out[-1] = out[-1]._replace(text=text[0] + "‖", end=nxt.end)
                        continue
                    out.append(Tok("sym", text, t.start, nxt.end))
                continue
            if name in _DELIMS:
                t = t._replace(kind="sym", text=_DELIMS[name])
            elif name in _CHECKED_RELS or name in UNCHECKED_RELS:
                t = t._replace(kind="rel", text="\\" + name)
            elif name == "prime":
                t = t._replace(kind="sym", text="'")
            elif name in _REMARK_CMDS:
                t = t._replace(kind="remark")
        elif t.kind == "sym" and t.text == "!" and nxt is not None and nxt.text == "=" and (
            nxt.start == t.end
        ):
            t, i = Tok("rel", "\\neq", t.start, nxt.end), i + 1
        elif t.kind == "sym" and t.text in "<>:=":
            if t.text != "=" and nxt is not None and nxt.text == "=" and nxt.start == t.end:
                t, i = Tok("rel", t.text + "=", t.start, nxt.end), i + 1
            elif t.text != ":":
                t = t._replace(kind="rel")
        out.append(t._replace(spaced=spaced))
        spaced = False
    return out


def _evaluated(toks: list[Tok], i: int, out: list[Tok], opened: list[int]) -> bool:
    """At a sized closing bar followed by a script (``\\Big|_0^1``,
    ``\\right|_{x=0}``): the evaluation bar of what stands before it, from the
    ``\\left.`` that opens it, else from the last relation (or the start).
    Brackets are put around it in ``out``; whether it was one."""
    if i >= len(toks) or toks[i].text not in ("_", "^"):
        return False
    if opened:
        start = opened.pop()
    else:
        bars = sum(1 for x in out if x.text == "L|") - sum(1 for x in out if x.text == "R|")
        if bars > 0:
            return False  # the closing bar of an absolute value: |x|_2 is no evaluation
        start = max((k + 1 for k, x in enumerate(out) if x.kind == "rel"), default=0)
    if start >= len(out):
        return False
    at = out[start].start
    out.insert(start, Tok("sym", "[", at, at))
    end = toks[i - 1].end
    out.append(Tok("sym", "]", end, end, arg="evaluation"))
    return True


def _is_name_raw(toks: Sequence[Tok], i: int, functions: AbstractSet[str]) -> bool:
    t = toks[i]
    word = t.arg
    if not IDENT.fullmatch(word):
        return False
    in_script = i >= 2 and toks[i - 1].text == "{" and toks[i - 2].text in ("_", "^")
    if t.text in _MATH_NAMES or in_script or word in WORDS:
        return True
    following = toks[i + 1].text if i + 1 < len(toks) else ""
    return word in functions or following == "("


def _clean(toks: list[Tok], functions: AbstractSet[str], text: str = "") -> list[Tok]:
    """Set aside labels, remarks, alignment, row breaks and trailing punctuation."""
    work: list[Tok] = []
    i = 0
    while i < len(toks):  # \overset{..}{=} and \stackrel{..}{=} are the relation under them
        t = toks[i]
        if t.kind == "cmd" and t.text in ("overset", "stackrel", "underset"):
            mid = group_end(toks, i + 1)
            end = group_end(toks, mid)
            inner = [x for x in toks[mid:end] if x.text not in ("{", "}")]
            over = "".join(x.arg if x.kind == "raw" else x.text for x in toks[i + 1 : mid])
            if len(inner) == 1 and inner[0].kind == "rel":
                mark = over_mark(over)  # a question or a requirement, not a claim: unchecked
                spelling = {"?": "?" + inner[0].text, "!": f"\\overset{{!}}{{{inner[0].text}}}"}
                work.append(inner[0]._replace(start=t.start, end=toks[end - 1].end,
                                              text=spelling.get(mark, inner[0].text)))
            else:
                work.append(t._replace(kind="bad", arg=f"\\{t.text} only over a relation"))
            i = end
            continue
        if t.kind == "cmd" and t.text == "boxed" and i + 1 < len(toks) and toks[i + 1].text == "{":
            end = group_end(toks, i + 1)  # \boxed{a = b}: the equation in the box
            if any(x.kind == "rel" for x in toks[i + 2 : end - 1]):
                toks = [*toks[:i], *toks[i + 2 : end - 1], *toks[end:]]
                continue
        if t.kind == "raw" and t.text == "hspace" and work and _wide(t.arg):  # a wide gap, as \quad
            work.append(Tok("remark", "quad", t.start, t.end))
            i += 1
            continue
        arg = t.arg.lower() if t.kind == "raw" and t.text in _MATH_NAMES else "arg" if t.text == "arg" else ""
        if t.kind in ("raw", "cmd") and arg in _ARG_EXTREMA:  # \operatorname*{arg\,max}_x, \arg\max_x, \arg z
            nxt = toks[i + 1] if arg == "arg" and i + 1 < len(toks) and toks[i + 1].kind == "cmd" else None
            word = nxt.text if nxt is not None and nxt.text in ("max", "min", "sup", "inf") else ""
            end = nxt.end if nxt is not None and word else t.end
            work.append(Tok("bad", "arg", t.start, end, arg=f"{_ARG_WHY} ({arg + word})"))
            i += 1 + bool(word)
            continue
        if t.kind == "raw" and t.text in _DROPPED_RAW:
            i += 1
            continue
        if t.kind == "raw" and not _is_name_raw(toks, i, functions):
            t = t._replace(kind="remark", text="text")
        work.append(t)
        i += 1
    keep = [True] * len(work)
    enclosing, match, stack = [-1] * len(work), {}, []
    for k, t in enumerate(work):
        if t.kind == "sym" and t.text in OPENERS:
            stack.append(k)
        elif t.kind == "sym" and t.text in OPENERS.values() and stack:
            match[stack.pop()] = k
        enclosing[k] = stack[-1] if stack else -1
    first: int | None = None  # first kept significant token of the current row
    k = 0
    while k < len(work):
        t = work[k]
        if t.kind == "brk":
            first = None
        elif t.kind == "remark" and keep[k]:
            near = [work[j] for j in (k - 1, k + 1) if 0 <= j < len(work) and keep[j]]
            if t.text in ("quad", "qquad") and any(
                x.kind == "rel" or x.text in ("+", "-", *MULOPS) for x in near
            ):
                keep[k] = False
                k += 1
                continue
            start = enclosing[k] if t.text == "text" and enclosing[k] >= 0 else k
            if first is not None and first < start:  # a remark after content: drop the row's rest
                end = next((j for j in range(k, len(work)) if work[j].kind == "brk"), len(work))
                rest = [x for x in work[match.get(start, start) + 1 : end]
                        if x.kind not in ("remark", "brk") and x.text not in (",", ".", ";", ":", "&", "{", "}")]
                words = " ".join(str(x.arg or x.text) for x in work[start : match.get(start, start) + 1]).lower()
                close = match.get(start, start)
                if rest and rest[0].kind == "rel" and "\n" in text[work[close].end : rest[0].start]:
                    # "= a \text{(by (3))}" then "= b" on the next line: a new row, as if after \\
                    work[start] = work[start]._replace(kind="brk", text="\\\\")
                    for j in range(start + 1, close + 1):
                        keep[j] = False
                    first = None
                    k = close + 1
                    continue
                after = next((x for x in work[k + 1 : end] if x.text not in ("{", "}")), None)
                gap = t.text in ("quad", "qquad") and after is not None and (
                    after.kind in ("letter", "num", "cmd") or after.text in ("|", "‖", "L|", "L‖", "-", "+"))
                # "(x+1)^2 \text{ minus $2x$}", "\text{- 2x}": math inside the remark; "\text{ by CS } 2x": after it
                inside = t.text == "text" and (_INLINE_MATH.search(t.arg) is not None or _OPENS_MATH.match(t.arg))
                if gap or inside or (rest and (rest[0].kind in (("rel", "num", "letter", "raw", "cmd")
                                                                 if t.text == "text" else ("rel",))
                                               or rest[0].text in ("+", "-", "*", "/", "^", "cdot", "times")
                                               or re.search(r"\b(plus|minus|times|over|divided)\b", words))):
                    # "(x+1) \quad x": a product spaced out, or a remark? Not guessed
                    # "\text{, i.e. } = 3x", "\text{ (exactly)} + 5": the expression goes on
                    work[start] = work[start]._replace(kind="bad", arg=(
                        "math after a wide gap is not read (a product spaced out, or a remark?)" if gap
                        else "math inside a remark is not read" if inside
                        else "math after a remark in words is not read"))
                    first = None
                    k = end
                    continue
            else:
                end = match.get(start, start) + 1
                first = None if first is not None and first >= start else first
            for j in range(start, end):
                keep[j] = False
            k = max(end, k + 1)
            continue
        elif first is None and keep[k] and t.text != "&":
            first = k
        k += 1
    out: list[Tok] = []
    envs = 0  # inside \begin{pmatrix} ... \end{pmatrix}, & and \\ are the matrix's
    for t, kept in zip([*work, Tok("brk", "", 0, 0)], [*keep, True], strict=True):
        if t.kind == "cmd" and t.text in ("begin", "end"):
            envs = envs + 1 if t.text == "begin" else max(envs - 1, 0)
        if envs and kept and (t.kind == "brk" or t.text == "&"):
            out.append(t)
        elif t.kind == "brk":
            while out and out[-1].kind == "sym" and out[-1].text in ",.;:":
                out.pop()
        elif kept and t.text != "&":
            out.append(t)
    return out


def scan(text: str) -> list[Tok]:
    """The tokens of a whole document, delimiters and relations normalised,
    nothing set aside (to find how names are used; never parsed)."""
    return _combine(_lex(text))


def prepare(origin: Origin, *, macros: Mapping[str, str] | None = None,
            functions: AbstractSet[str] = frozenset()) -> list[Tok]:
    """Tokens of one fragment, macros (argument-free, from the notation)
    expanded, cleaned up; ``functions`` are names applied with parentheses."""
    if len(origin.text) > MAX_LENGTH:
        raise origin.error(f"expression longer than {MAX_LENGTH} characters", 0)
    toks = _lex(origin.text)
    if macros:
        toks = _expand(toks, macros, origin)
    return separate_divergences(_clean(spelled_names(_combine(toks)), functions, origin.text))


def split_relations(toks: list[Tok]) -> list[tuple[Tok | None, list[Tok]]]:
    """Split at relations outside every bracket and every environment (the
    relations in the rows of a ``pmatrix`` or an ``array`` are the
    environment's, not the side's)."""
    parts: list[tuple[Tok | None, list[Tok]]] = [(None, [])]
    depth = envs = 0
    for t in toks:
        if t.kind == "sym" and t.text in OPENERS:
            depth += 1
        elif t.kind == "sym" and t.text in OPENERS.values():
            depth = max(depth - 1, 0)
        elif t.kind == "cmd" and t.text in ("begin", "end"):
            envs = envs + 1 if t.text == "begin" else max(envs - 1, 0)
        if t.kind == "rel" and depth == 0 and envs == 0:
            parts.append((t, []))
        else:
            parts[-1][1].append(t)
    return parts
