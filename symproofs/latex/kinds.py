r"""Where the text says that names are not real numbers: matrices, vectors
and complex numbers.

Without a notation file every letter is read as a real number, which is not
what a TA reads after ``Let $A, B \in \mathbb{R}^{n \times n}$``, ``$z \in
\mathbb{C}$``, ``$u, v \in \mathbb{R}^n$``, "$A$ and $B$ are square
matrices" or "let $x$ be a vector": there ``(AB)^{-1} = A^{-1} B^{-1}``,
``|z|^2 = z^2`` and ``(u \cdot v)^2 = (u \cdot u)(v \cdot v)`` hold for real
numbers and are false as written. Each declaration found is a span of the
text holding one name and what it is declared: ``"matrix"`` (``\in
\mathbb{R}^{n \times m}``, ``\in M_n(\mathbb{R})``, "matrix", "matrices"),
``"vector"`` (``\in \mathbb{R}^n``, ``\in \mathbb{R}^{d}``, ``\in
\mathbb{C}^n``, "vector") or ``"complex number"`` (``\in \mathbb{C}``,
"complex number", "a root of unity", a name set equal to an expression with
the imaginary unit: ``w = e^{i\theta}``, ``u = a + ib``, ``\mathrm{i}``, and
an eigenvalue of a matrix the text does not say symmetric, Hermitian or
definite: a rotation's eigenvalues are not real). The sets of real numbers (``\mathbb{R}``,
``\mathbb{R}^+``, ``\mathbb{R}^*``, ``\mathbb{R}_{>0}``, intervals) and of
integers declare nothing here (:mod:`symproofs.latex.integers` reads the
latter).

>>> [(text[a:b], kind) for text in ["Let $A, B \\in \\mathbb{R}^{n \\times n}$ and $x \\in \\mathbb{R}$."]
...  for a, b, kind in kind_declarations(text)]
[('A', 'matrix'), ('B', 'matrix')]
"""

from __future__ import annotations

import re

__all__ = ["KINDS", "kind_declarations"]

#: what a name can be declared here, a noun a message can use after "a"
KINDS = ("matrix", "vector", "complex number", "complex matrix", "complex vector")

_BOLD = r"\\(?:mathbf|boldsymbol|bm|vec|mathbfit|pmb)\s*\{\s*\\?[A-Za-z]+\s*\}"
_NAME = rf"(?:{_BOLD}|\\?[A-Za-z]+)(?:_\{{?[A-Za-z0-9]+\}}?)?"
_DOTS = r"\\(?:dots|ldots|cdots|dotsc)"
_NAMES = rf"(?P<names>{_NAME}(?:\s*,\s*(?:{_DOTS}\s*,\s*)?{_NAME}){{0,20}})"
_FIELD = r"(?:\\(?:mathbb|mathbf|Bbb|mathbbm|mathrm)\s*\{?\s*(?P<field>[RCZQNFS])\s*\}?(?![A-Za-z])" \
    r"(?:\s*_\s*(?:\{[^{}$]{1,6}\}|[A-Za-z0-9]))?" \
    r"|\\(?P<short>[RCZQN])(?![A-Za-z])|(?P<uni>[ℝℂℤℚℕ])|(?<![A-Za-z\\])(?P<bare>[RZQS])(?=\s*\^))"
_SCRIPT = r"(?:\s*\^\s*(?:\{(?P<group>(?:[^{}$]|\{[^{}$]{1,10}\}){1,40})\}|(?P<one>[A-Za-z]|\d+|\\[A-Za-z]+)))?"
_MATRICES = r"(?:\\mathcal\s*\{\s*M\s*\}|\\mathrm\s*\{\s*(?:M|Mat|GL)\s*\}|\\operatorname\s*\{\s*(?:M|Mat|GL)\s*\}" \
    r"|M|GL)\s*_\s*(?:\{[^{}$]{1,20}\}|[A-Za-z0-9])\s*\(\s*(?:\\mathbb\s*\{?\s*[RC]\s*\}?|[ℝℂ])\s*\)"
#: ``\in`` a set that is not of real numbers (vectors of integers ``\mathbb{Z}^3``, points of a sphere
#: ``S^2`` too); the names before it are looked for back from it
_FIELD_PLAIN = re.sub(r"\?P<\w+>", "", _FIELD)
#: a product of sets of numbers (``\mathbb{Z} \times \mathbb{Z}``): pairs, vectors
_PRODUCT = rf"(?P<product>{_FIELD_PLAIN}(?:\s*(?:\\times|×)\s*{_FIELD_PLAIN})+)"
_IN_SET = re.compile(rf"\\in(?![A-Za-z])\s*\{{?\s*(?:{_PRODUCT}|(?P<matrices>{_MATRICES})|{_FIELD}{_SCRIPT})")
#: the same said in words: "$u, v$ are elements of $\mathbb{R}^3$", "take $u, v$ in $\mathbb{R}^3$"
_IN_WORDS = re.compile(r"(?P<list>\$[^$]{1,60}?\$)\s+(?:(?:be|are|is)\s+)?(?:(?:elements?|points?|members?|vectors?)"
                       rf"\s+(?:of|in)|in|from)\s+\$\s*\{{?\s*(?:{_PRODUCT}|(?P<matrices>{_MATRICES})|{_FIELD}{_SCRIPT})"
                       r"\s*\$", re.I)
_NAMES_BEFORE = re.compile(rf"(?<![\\A-Za-z0-9_{{}}^]){_NAMES}\s*$")
#: text maths joined by commas and "and" (each checked to hold names only; no spaces around their content
#: here, which would make a long blank run cost its square)
_MATH_NAMES = r"(?P<list>\$[^$]{1,60}?\$(?:\s*(?:,\s*(?:and\s+)?|and\s+)\$[^$]{1,60}?\$){0,8})"
_NOUN = r"(?P<noun>matri(?:x|ces)|(?:eigen)?vectors?|complex\s+(?:numbers?|scalars?|variables?|roots?)" \
    r"|roots?\s+of\s+unity)\b"
#: "$m$ is the matrix size": the noun names something else
_NOT_THE_NOUN = r"(?!-|\s+(?:size|sizes|dimensions?|norms?|entry|entries|elements?|products?|multiplication|ranks?" \
    r"|spaces?|fields?|form|notation|components?|length|index|indices|coordinates?|calculus|of)\b)"
#: words between "$A$ is" and the noun: adjectives and sizes, never "of", "and" ("$\lambda$ is an eigenvalue
#: of the matrix"), nor the end of a sentence
_BETWEEN = r"(?:(?!(?:of|in|on|with|for|from|to|by|that|which|where|whose|such|and|or|than|at|not)\b)" \
    r"(?:[A-Za-z-]+|\$[^$]{1,30}\$)\s+){0,4}?"
_WORDS_AFTER = re.compile(rf"(?<![\\$]){_MATH_NAMES}\s+(?:is|are|be|denotes?|being)\s+"
                          rf"(?:an?\s+|the\s+|two\s+|some\s+|any\s+|arbitrary\s+)?{_BETWEEN}{_NOUN}{_NOT_THE_NOUN}",
                          re.I)
_WORDS_BEFORE = re.compile(rf"\b{_NOUN}\s+{_MATH_NAMES}", re.I)
_COMPLEX_AFTER = re.compile(rf"(?<![\\$]){_MATH_NAMES}\s+(?:is|are|be)\s+complex\b(?!\s+conjugate)", re.I)
_ONLY_NAMES = re.compile(rf"\s*{_NAMES}\s*")
#: a name defined as a matrix written out (``A = \begin{pmatrix} ...``; a ``vmatrix`` is a determinant)
#: a name defined as a tuple in text math (``$u = (u_1, u_2, u_3)$``): a vector, of a shape to declare
_TUPLE = re.compile(rf"\$\s*(?P<name>{_NAME})\s*(?:=|:=)\s*(?:\\left\s*)?[(\[]\s*[^()\[\]$,]{{1,20}}"
                    r"(?:,\s*[^()\[\]$,]{1,20}){1,8}(?:\\right\s*)?[)\]]"
                    r"(?:\s*\^\s*\{?\s*(?:\\top|T|\\intercal|\\mathsf\s*\{\s*T\s*\})\s*\}?)?\s*\$")
_WRITTEN_OUT = re.compile(rf"(?<![\\A-Za-z0-9_{{}}^])(?P<name>{_NAME})\s*(?:=|:=|\\coloneqq)\s*(?:\\left\s*[(\[]\s*)?"
                          r"\\begin\s*\{\s*(?:[pbB]?matrix|smallmatrix|array)\s*\}")

#: a name set equal to an expression in a text math or a display row (the expression up to the end of the math)
_DEFINED = re.compile(rf"(?<![\\A-Za-z0-9_{{}}^])(?P<name>{_NAME})\s*(?:=|:=|\\coloneqq|\\triangleq)"
                      r"(?P<rhs>[^$=<>\n]{1,200})")
#: the imaginary unit in an expression: ``\mathrm{i}``, ``\imath``, ``\sqrt{-1}``, an exponential ``e^{i\theta}``,
#: or a lone ``i`` times something (``ib``, ``2i``, ``i\sin t``, ``a + i``); scripts (``x_i``) are left out first
_IMAGINARY = re.compile(r"\\(?:mathrm|textrm|text|operatorname|mathit)\s*\{\s*i\s*\}|\\imath(?![A-Za-z])"
                        r"|\\sqrt\s*\{\s*-\s*1\s*\}|(?<![A-Za-z\\])e\s*\^\s*\{[^{}]*(?<![A-Za-z\\])i(?![A-Za-z])"
                        r"|(?<![A-Za-z\\])i(?=\s*(?:[A-Za-z]|\\[A-Za-z]|\d|\())|(?<=[\dA-Za-z}])i(?![A-Za-z])"
                        r"|[+\-]\s*i\s*(?:$|[+\-)])")
_SUBSCRIPT = re.compile(r"_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9])")
_UNIT_COMMAND = re.compile(r"\\(?:mathrm|textrm|text|operatorname|mathit)\s*\{\s*i\s*\}")
_COMMAND = re.compile(r"\\[A-Za-z]+")
_WORD = re.compile(r"\\(?:text|textrm|textit|mathrm|mathit|operatorname|mbox)\s*\{[^{}]*\}")
#: "$\lambda$ be an eigenvalue", "an eigenvalue $\lambda$", "$\lambda$ for an eigenvalue"
_EIGEN_AFTER = re.compile(rf"(?<![\\$]){_MATH_NAMES}\s+(?:is|are|be|denotes?|being|for|as)\s+"
                          rf"(?:an?\s+|the\s+|some\s+|any\s+)?{_BETWEEN}eigenvalues?\b", re.I)
_EIGEN_BEFORE = re.compile(rf"\beigenvalues?\s+{_MATH_NAMES}", re.I)
#: words that make a matrix's eigenvalues real
_REAL_SPECTRUM = re.compile(r"\b(?:symmetric|hermitian|self-adjoint|(?:semi-?)?definite|covariance|hessian|gram"
                            r"|laplacian|real\s+eigenvalues?|orthogonal\s+projection|projection)\b", re.I)


def _imaginary(expr: str) -> bool:
    """Whether ``expr`` (a text of LaTeX) writes the imaginary unit."""
    if _UNIT_COMMAND.search(expr):
        return True
    plain = _WORD.sub(" ", _SUBSCRIPT.sub(" ", expr))  # \text{if }, x_i: no imaginary unit
    plain = _COMMAND.sub(lambda c: "\\C" if c.group() != "\\imath" else c.group(), plain)
    return _IMAGINARY.search(plain) is not None


def _complex_names(text: str) -> list[tuple[int, int, str]]:
    """The names ``text`` sets equal to an expression with the imaginary unit,
    and those it calls an eigenvalue without saying the matrix symmetric (or
    the like) anywhere: complex numbers (see the module)."""
    out = [(m.start("name"), m.end("name"), "complex number") for m in _DEFINED.finditer(text)
           if _imaginary(m.group("rhs")) and m.group("name") not in ("i", "e")]
    if _REAL_SPECTRUM.search(text):
        return out
    for pattern in (_EIGEN_AFTER, _EIGEN_BEFORE):
        for m in pattern.finditer(text):
            for math in re.finditer(r"\$([^$]*)\$", m.group("list")):
                if _ONLY_NAMES.fullmatch(math.group(1)):
                    out += [(a, b, "complex number")
                            for a, b in _spans(text, m.start("list") + math.start(1), math.group(1))]
    return out


def _set_kind(m: re.Match[str]) -> str | None:
    """What ``\\in`` declares: ``None`` for a set of real numbers."""
    complex_field = "C" in (m.group("field") or "", m.group("short") or "") or m.group("uni") == "ℂ"
    if m.group("product"):
        return "vector"
    if m.group("matrices"):
        return "complex matrix" if re.search(r"[Cℂ]\s*\}?\s*\)\s*$", m.group("matrices")) else "matrix"
    number = "complex number" if complex_field else None
    script = m.group("group") if m.group("group") is not None else m.group("one")
    if script is None:
        return number
    script = script.strip()
    if script == "1" or re.match(r"[+*<>\-]|\\(?:geq?|leq?|gt|lt|times|star|ast)(?![A-Za-z])", script):
        return number  # \mathbb{R}^+, \mathbb{R}^*, \mathbb{R}^{>0}, \mathbb{R}^{\ge 0}
    factors = [f.strip() for f in re.split(r"\\times|\\cdot|×", script)]
    if not all(re.fullmatch(r"[A-Za-z0-9_{}+\-\s]+|\\[A-Za-z]+(?:_\{?\w+\}?)?", f) for f in factors):
        return number
    sized = [f for f in factors if f != "1"]
    shape = "matrix" if len(sized) >= 2 else "vector" if sized else None
    if shape is None:
        return number
    return f"complex {shape}" if complex_field else shape


def _word_kind(m: re.Match[str]) -> str:
    noun = (m.groupdict().get("noun") or "complex").lower()
    return "matrix" if noun.startswith("matri") else "vector" if "vector" in noun else "complex number"


def _spans(text: str, start: int, names: str) -> list[tuple[int, int]]:
    """Each name of a comma-separated list (``\\dots`` left out)."""
    return [(start + n.start(), start + n.end()) for n in re.finditer(_NAME, names)
            if not re.fullmatch(_DOTS, n.group())]


def kind_declarations(text: str) -> list[tuple[int, int, str]]:
    """Each name the text declares a matrix, a vector or a complex number:
    its span and what it is (see the module)."""
    out: list[tuple[int, int, str]] = []
    for m in _IN_SET.finditer(text):
        kind = _set_kind(m)
        names = _NAMES_BEFORE.search(text, max(0, m.start() - 300), m.start()) if kind is not None else None
        if kind is not None and names is not None:
            out += [(a, b, kind) for a, b in _spans(text, names.start("names"), names.group("names"))]
    out += [(m.start("name"), m.end("name"), "matrix") for m in _WRITTEN_OUT.finditer(text)]
    out += [(m.start("name"), m.end("name"), "vector") for m in _TUPLE.finditer(text)]
    for m in _IN_WORDS.finditer(text):
        kind = _set_kind(m)
        math = re.fullmatch(r"\$([^$]*)\$", m.group("list"))
        if kind is not None and math is not None and _ONLY_NAMES.fullmatch(math.group(1)):
            out += [(a, b, kind) for a, b in _spans(text, m.start("list") + 1, math.group(1))]
    for pattern in (_WORDS_AFTER, _WORDS_BEFORE, _COMPLEX_AFTER):
        for m in pattern.finditer(text):
            kind = _word_kind(m)
            for math in re.finditer(r"\$([^$]*)\$", m.group("list")):
                if _ONLY_NAMES.fullmatch(math.group(1)):  # "$A$ is", not "$A^\top A$ is"
                    out += [(a, b, kind) for a, b in _spans(text, m.start("list") + math.start(1), math.group(1))]
    out += _complex_names(text)
    return sorted(set(out))
