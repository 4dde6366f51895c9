"""LaTeX that is safe to emit: the type that marks it, free text escaped
outside its ``$...$``, and names of givens and lemmas as labels."""

from __future__ import annotations

import re

from sympy.printing.latex import greek_letters_set

__all__ = ["SEGMENT", "Tex", "label_tex", "tex_escape"]


class Tex(str):
    """LaTeX that is already safe to emit: printer output, escaped text."""

    __slots__ = ()


# -- escaping ---------------------------------------------------------------------
_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "%": r"\%", "&": r"\&", "_": r"\_",
    "^": r"\^{}", "~": r"\textasciitilde{}", "$": r"\$", "<": r"\textless{}", ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
#: Unicode an author may type, which pdflatex does not know in math.
_UNICODE = {
    "≤": r"\le", "≥": r"\ge", "≠": r"\neq", "→": r"\to", "⇒": r"\implies", "⇔": r"\iff", "⊙": r"\odot",
    "·": r"\cdot", "×": r"\times", "−": "-", "∑": r"\sum", "∈": r"\in", "∞": r"\infty", "α": r"\alpha",
    "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon", "η": r"\eta", "θ": r"\theta",
    "λ": r"\lambda", "μ": r"\mu", "σ": r"\sigma", "Γ": r"\Gamma", "Δ": r"\Delta", "∇": r"\nabla",
}
#: Inline math ``$...$`` (and an escaped dollar), kept as written by the escapes.
SEGMENT = re.compile(r"(\\\$|\$(?:[^$\\]|\\.)+\$)", re.S)


def _unicode(text: str, *, math: bool) -> str:
    for char, command in _UNICODE.items():
        if char in text:
            text = text.replace(char, f"{command} " if math else rf"\ensuremath{{{command}}}")
    return text


def tex_escape(text: str) -> Tex:
    """Escape free text for LaTeX, leaving inline math ``$...$`` as written.

    >>> print(tex_escape("50% of a_1 & $x_1$"))
    50\\% of a\\_1 \\& $x_1$
    """
    if isinstance(text, Tex):
        return text
    out: list[str] = []
    for k, part in enumerate(SEGMENT.split(str(text))):
        if k % 2 and part != r"\$":
            out.append(_unicode(part, math=True))
        elif k % 2:
            out.append(r"\$")
        else:
            out.append(_unicode("".join(_ESCAPES.get(c, c) for c in part), math=False))
    return Tex("".join(out))


#: Subscripts a label may spell as a word that LaTeX writes as a symbol.
_LABEL_SUBSCRIPTS = {"perp": r"\perp", "top": r"\top", "star": r"\star"}
_LABEL = re.compile(r"([A-Za-z]+)(?:_([A-Za-z0-9]+))?")


def label_tex(name: str) -> Tex:
    """A given's or lemma's name as a label: a name that spells a symbol is
    typeset as one (``Gamma`` is $\\Gamma$, ``W_perp`` is $W_{\\perp}$); any
    other name is text (``mean``, ``expected-loss``).

    >>> print(label_tex("W_perp"), label_tex("Gamma"), label_tex("mean"))
    $W_{\\perp}$ $\\Gamma$ mean
    """
    m = _LABEL.fullmatch(name)
    if m is None:
        return tex_escape(name)
    base, sub = m.groups()
    greek = {g.lower() for g in greek_letters_set}
    if base.lower() in greek:
        head = "\\" + base
    elif len(base) == 1:
        head = base
    else:
        return tex_escape(name)
    if sub is None:
        return Tex(f"${head}$")
    if sub in _LABEL_SUBSCRIPTS:
        low = _LABEL_SUBSCRIPTS[sub]
    elif sub.lower() in greek:
        low = "\\" + sub
    else:
        low = sub if sub.isdigit() or len(sub) == 1 else rf"\text{{{sub}}}"
    return Tex(f"${head}_{{{low}}}$")
