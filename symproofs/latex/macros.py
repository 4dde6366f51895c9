r"""A student's own macros, read safely from the whole document.

``\newcommand``, ``\renewcommand``, ``\providecommand``,
``\DeclareRobustCommand`` (starred or not, with ``[n]`` arguments and an
optional ``[default]`` for the first), xparse's ``\NewDocumentCommand`` and
its kin with mandatory arguments only (``{m m}``), ``\DeclareMathOperator``
(``\operatorname{...}``), mathtools' ``\DeclarePairedDelimiter\abs{l}{r}``
(``\abs{x}``, ``\abs*{x}``, ``\abs[\big]{x}``: ``\left l x \right r``),
``\let\a\b`` (an alias: a macro copied as it is then, or a command kept
even if redefined later) and ``\def`` with
undelimited parameters (``\def\x#1{...}``) are read wherever they stand
(preamble or body, comments excepted); each applies from where it is
defined to the end of the TeX group it stands in, as TeX has it: a brace
group ``{...}``, an environment (``\begin{itemize} ... \end{itemize}``),
display or text math (``\[``, ``\(``, ``$``, ``$$``), a cell of an
alignment (ended by ``&`` or ``\\``), ``\begingroup`` or ``\bgroup``.
When the group ends, the definition the name had before it is back
(``{\renewcommand{\c}{2}} \c`` is the outer ``\c``). ``\gdef`` and
``\global\def`` define for the rest of the document; ``\iffalse ... \fi``
is blanked and ``\verb`` text is left alone. (In Markdown, where MathJax
keeps every definition, nothing is scoped, a definition counts only inside
math, and HTML comments and code fences are blanked: the page shows neither.)
Their uses are expanded in the text, which keeps its lines: a
definition is blanked (spaces, newlines kept) and an expansion that swallows
line breaks puts them back after itself, so the line numbers the extraction
reports are the file's. A redefinition of a standard command
(``\renewcommand{\le}{\ge}``) is honoured: what a TA reads is the typeset
text. Nothing is evaluated.

Between ``\makeatletter`` and ``\makeatother``, @-names and their
definitions (``\def\@maketitle...``) are the class's and blanked; other
definitions there are read as anywhere.

TeX programming is refused with an :class:`InputError` naming the file, line
and column: ``\let`` to anything but a command (or to a definer),
``\futurelet``, ``\catcode``, ``\csname``, ``\expandafter``, ``\edef``,
``\xdef``, ``\def`` with delimited parameters, an @-name outside
``\makeatletter``, and redefining the structure (``\begin``, ``\end``,
``\newcommand``, ...). A file that reads others in (``\input``,
``\include``, ``\subfile``, ``\import``) is refused the same way: they
are never followed. Expansion is bounded (nesting depth, number of
expansions, size of the result).

>>> out = expand_macros("\\newcommand{\\E}{\\mathbb{E}}\n$\\E[X]$", source="a.tex")
>>> out.text.splitlines()[1]
'$\\mathbb{E}[X]$'
>>> out.macros["E"].line
1
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from symproofs.core.errors import InputError
from symproofs.latex.hidden import unseen
from symproofs.latex.tokens import ACCENTS, BOLD, CALLIGRAPHIC, GREEK, WORDS

__all__ = ["Expansion", "Macro", "expand_macros"]

_MAX_DEPTH = 20  # a macro's expansion expanding others
_MAX_EXPANSIONS = 20_000
_MAX_GROWTH = 200_000  # characters the expansion may add to the document
_DEFINERS = {"newcommand", "renewcommand", "providecommand", "DeclareMathOperator", "def", "gdef", "let",
             "DeclareRobustCommand", "NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand",
             "DeclareDocumentCommand", "DeclarePairedDelimiter"}
#: xparse's definers: a signature of mandatory arguments only (``{m m}``) reads as ``[n]``
_DOCUMENT = {"NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand", "DeclareDocumentCommand"}
#: files a document reads in: never followed, so the document is refused (graded alone, a part
#: would lose the parent's macros, and the parent the part's lines)
_INCLUDES = {"input", "include", "subfile", "import", "subimport", "includefrom", "subincludefrom",
             "inputfrom", "subinputfrom", "InputIfFileExists"}
_REFUSED = {"futurelet", "catcode", "csname", "expandafter", "edef", "xdef",
            "uppercase", "lowercase", "afterassignment", "aftergroup", "long", "outer", "globaldefs",
            "mathchardef", "mathcode", "chardef", "countdef", "delcode", "DeclarePairedDelimiterX",
            "DeclarePairedDelimiterXPP", "DeclareMathSymbol", "DeclareMathDelimiter", "if", "ifx", "ifnum",
            "ifdim", "ifodd", "ifcase", "ifdefined", "ifcsname", "iftrue", "else", "fi"}
_OPEN = {"begin", "[", "(", "begingroup", "bgroup"}  # control sequences that open a group
_CLOSE = {"end": "begin", "]": "[", ")": "(", "endgroup": "begingroup", "egroup": "bgroup"}
_STRUCTURE = {"begin", "end", "newcommand", "renewcommand", "providecommand", "def", "gdef", "let",
              "DeclareMathOperator", "documentclass", "usepackage", "input", "include",
              "newenvironment", "renewenvironment", "item", "section", "subsection", "text"}
_CONTROL = re.compile(r"\\([A-Za-z]+|.)", re.S)
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}&]|\$\$?)", re.S)  # a control sequence, a brace, & or a math shift
#: environments whose cells (ended by & and \\) are TeX groups
_ALIGNED = re.compile(r"\{(align|alignat|aligned|alignedat|eqnarray|array|matrix|[pbBvV]matrix|cases|split|"
                      r"gather|gathered|tabular|flalign|multline)\*?\}")
_GLOBAL = re.compile(r"\s*\\g?def(?![A-Za-z])")
#: the part of a preamble where @ is a letter: definitions of internal names (\@maketitle) are the class's
_AT_LETTER = re.compile(r"\\makeatletter(?![A-Za-z]).*?(?:\\makeatother(?![A-Za-z])|\Z)", re.S)
#: commands \let may not alias: a definer or a group under another name would go unseen
_UNALIASED = _REFUSED | _DEFINERS | _INCLUDES | _OPEN | set(_CLOSE) | {"global", "makeatletter", "makeatother"}
_AT_NAME = re.compile(r"\\[A-Za-z@]+")


@dataclass(frozen=True)
class Macro:
    """One definition: ``params`` arguments, ``default`` for an optional first one."""

    name: str
    params: int
    default: str | None
    body: str
    line: int
    column: int
    command: str
    #: \let to a command the parser knows: its meaning then, kept even if the name is redefined later
    primitive: bool = False
    #: \DeclarePairedDelimiter: a star or a size (``\abs*{x}``, ``\abs[\big]{x}``) before the argument
    paired: bool = False


@dataclass(frozen=True)
class Expansion:
    """The document with definitions blanked and uses expanded (same lines),
    the macros read, and notes (a standard command redefined, ...)."""

    text: str
    macros: Mapping[str, Macro]
    diagnostics: tuple[str, ...]


@dataclass
class _Group:
    """An open TeX group: what opened it (``{``, ``begin``, ``[``, ...) and
    the definitions its names had before it changed them (``None``: none),
    restored when it ends (TeX's save stack)."""

    opener: str
    saved: dict[str, Macro | None]


class _Expander:
    def __init__(self, text: str, source: str | None, comments: bool, scoped: bool = True) -> None:
        self.text, self.source = text, source
        self.masked = unseen(text, "tex" if comments else "markdown")  # what the page does not show
        self.math = [] if scoped else _math_spans(self.masked)
        self.at_letter = [(m.start(), m.end()) for m in _AT_LETTER.finditer(self.masked)] if scoped else []
        self.macros: dict[str, Macro] = {}
        self.notes: list[str] = []
        self.count = 0
        self.growth = 0
        self.scoped = scoped
        self.groups: list[_Group] = []

    def error(self, message: str, index: int) -> InputError:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return InputError(message, source=self.source, line=line, column=column)

    def where(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        return line, index - (self.text.rfind("\n", 0, index) + 1) + 1

    def run(self) -> str:
        out: list[str] = []
        pos = 0
        text = self.masked
        tokens = _TOKEN if self.scoped else _CONTROL
        while (m := tokens.search(text, pos)) is not None:
            name = m.group(1)
            out.append(text[pos : m.start()])
            if name == "\\" or m.group() == "&":  # the end of a cell of an alignment
                self.cell()
                out.append(m.group())
                pos = m.end()
            elif name is None or ((name in _OPEN or name in _CLOSE) and name not in self.macros):
                self.group(name or m.group())
                if name == "begin" and self.scoped and _ALIGNED.match(text, m.end()):
                    self.groups.append(_Group(opener="cell", saved={}))
                out.append(m.group())
                pos = m.end()
            elif (internal := self.internal(m)) is not None:  # \makeatletter ... \def\@x...: the class's
                out.append(re.sub(r"[^\n]", " ", text[m.start() : internal]))
                pos = internal
            elif name in _REFUSED:
                raise self.error(f"\\{name}: TeX programming is not supported; "
                                 "use \\newcommand", m.start())
            elif name in _INCLUDES and self.scoped:
                raise self.error(f"\\{name}: a document that reads in other files is not graded (the files "
                                 "are never followed); put the whole answer in one file", m.start())
            elif name == "global" and (g := _GLOBAL.match(text, m.end())) is not None:
                end = self.define("gdef", m.start(), g.end())
                out.append(re.sub(r"[^\n]", " ", text[m.start() : end]))
                pos = end
            elif name == "verb" and self.scoped and m.end() < len(text):  # \verb|{|: its text is not TeX
                close = text.find(text[m.end()], m.end() + 1)
                pos = len(text) if close < 0 else close + 1
                out.append(text[m.start() : pos])
            elif name in _DEFINERS and not self.scoped and not any(a <= m.start() < b for a, b in self.math):
                out.append(m.group())  # Markdown: MathJax reads definitions only inside math
                pos = m.end()
            elif name in _DEFINERS:
                end = self.define(name, m.start(), m.end())
                out.append(re.sub(r"[^\n]", " ", text[m.start() : end]))
                pos = end
            elif name in self.macros:
                replacement, end = self.use(self.macros[name], text, m.end(), m.start(), 0)
                breaks = text.count("\n", m.start(), end)
                out.append(replacement.replace("\n", " ") + "\n" * breaks)
                pos = end
            else:
                out.append(m.group())
                pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    # -- groups -----------------------------------------------------------------------
    def group(self, token: str) -> None:
        """Open or close a group. A closer ends the innermost group of its
        kind and any left open inside it (a stray one, with none open, is
        ignored); each ended group gives its names back their definitions."""
        if not self.scoped:
            return
        if token in ("$", "$$"):  # math shifts: the same token opens and closes
            if self.groups and self.groups[-1].opener == token:
                self.close(self.groups.pop())
            else:
                self.groups.append(_Group(opener=token, saved={}))
            return
        if token == "{" or token in _OPEN:
            self.groups.append(_Group(opener=token, saved={}))
            return
        opener = "{" if token == "}" else _CLOSE[token]
        if not any(g.opener == opener for g in self.groups):
            return
        while self.groups:
            group = self.groups.pop()
            self.close(group)
            if group.opener == opener:
                return

    def close(self, group: _Group) -> None:
        """End ``group``: its names get their definitions back."""
        for name, before in group.saved.items():
            if before is None:
                self.macros.pop(name, None)
            else:
                self.macros[name] = before

    def cell(self) -> None:
        """``&`` or ``\\\\`` inside an alignment: the cell's group ends and the next one begins."""
        if not self.scoped or not self.groups or self.groups[-1].opener != "cell":
            return
        self.close(self.groups.pop())
        self.groups.append(_Group(opener="cell", saved={}))

    def store(self, macro: Macro, *, glob: bool) -> None:
        """Set a definition: in the innermost group (the old one saved for
        its end), or everywhere (``\\gdef``: no group gives the old one back)."""
        if glob:
            for group in self.groups:
                group.saved.pop(macro.name, None)
        elif self.groups and macro.name not in self.groups[-1].saved:
            self.groups[-1].saved[macro.name] = self.macros.get(macro.name)
        self.macros[macro.name] = macro

    # -- definitions ------------------------------------------------------------------
    def internal(self, m: re.Match[str]) -> int | None:
        r"""Where the internal matter at ``m`` ends, between ``\makeatletter``
        and ``\makeatother``: an @-name (``\@maketitle``, ``\if@twoside``),
        or the definition of one (``\def\@x#1\@nil{...}``,
        ``\renewcommand\@seccntformat[1]{...}``, ``\let\@x\@y``); None for
        anything else, read as everywhere (``\renewcommand{\le}{\ge}``
        there is honoured)."""
        if not any(a <= m.start() < b for a, b in self.at_letter):
            return None
        text = self.masked
        whole = _AT_NAME.match(text, m.start())
        if whole is not None and "@" in whole.group():
            return whole.end()
        if m.group(1) not in _DEFINERS:
            return None
        pos = _skip_space(text, _skip_star(text, m.end()))
        braced = text.startswith("{", pos)
        target = _AT_NAME.match(text, _skip_space(text, pos + 1) if braced else pos)
        if target is None or "@" not in target.group():
            return None
        if m.group(1) == "let":
            value = _CONTROL.match(text, _skip_space(text, _skip_equals(text, target.end())))
            return target.end() if value is None else value.end()
        opening = text.find("{", target.end() + (1 if braced else 0))  # the body, after any parameters
        end = _group_end(text, opening) if opening >= 0 else None
        if end is None:
            raise self.error(f"\\{m.group(1)}{target.group()}: unbalanced braces in a definition", m.start())
        return end

    def alias(self, start: int, pos: int) -> int:
        r"""``\let\a\b`` (or ``\let\a=\b``): ``\a`` means what ``\b`` means
        now (a macro of the document, copied; or a command the parser
        knows, kept even if ``\b`` is redefined later)."""
        text = self.masked
        name, pos = self.control_name(pos, start, braced=False, command="let")
        value = re.compile(r"\\([A-Za-z]+)").match(text, _skip_space(text, _skip_equals(text, pos)))
        if value is None:
            raise self.error(f"\\let\\{name}: only \\let\\name\\command (an alias of a command) is "
                             "supported", start)
        if name in _STRUCTURE or value.group(1) in _UNALIASED:
            raise self.error(f"\\let\\{name}\\{value.group(1)}: TeX programming is not supported", start)
        line, column = self.where(start)
        if name in _standard() or name in self.macros:
            self.notes.append(f"{self.source or ''}:{line}:{column}: \\{name} redefined by \\let; its later "
                              "uses are expanded")
        old = self.macros.get(value.group(1))
        macro = Macro(name=name, params=0, default=None, body=f"\\{value.group(1)}", line=line, column=column,
                      command="let", primitive=True) if old is None else \
            Macro(name=name, params=old.params, default=old.default, body=old.body, line=line, column=column,
                  command="let", primitive=old.primitive, paired=old.paired)
        if name != value.group(1):
            self.store(macro, glob=False)
        return value.end()

    def define(self, command: str, start: int, pos: int) -> int:
        text = self.masked
        if command == "let":
            return self.alias(start, pos)
        pos = _skip_star(text, pos)
        if command == "DeclarePairedDelimiter":
            name, pos = self.control_name(pos, start, braced=True, command=command)
            left, pos = self.braced(_skip_space(text, pos), start)
            right, pos = self.braced(_skip_space(text, pos), start)
            body = f"\\left{left} #1 \\right{right}" if left.strip() and right.strip() else f"{left} #1 {right}"
            return self.keep(Macro(name=name, params=1, default=None, body=body, line=0, column=0,
                                   command=command, paired=True), start, pos)
        if command in ("def", "gdef"):
            name, pos = self.control_name(pos, start, braced=False, command=command)
            params = 0
            while text.startswith(f"#{params + 1}", pos):
                params, pos = params + 1, pos + 2
            if not text.startswith("{", pos):
                raise self.error(f"\\def\\{name} with delimited parameters is TeX programming; "
                                 "use \\newcommand", start)
            body, pos = self.braced(pos, start)
            default = None
        else:
            name, pos = self.control_name(pos, start, braced=True, command=command)
            params, default = 0, None
            if command in _DOCUMENT:
                signature, pos = self.braced(_skip_space(text, pos), start)
                if re.fullmatch(r"[\sm]*", signature) is None:
                    raise self.error(f"\\{command}{{\\{name}}}{{{signature.strip()}}}: only mandatory "
                                     "arguments (m) are supported; use \\newcommand", start)
                params = signature.count("m")
                if params > 9:
                    raise self.error(f"\\{command}{{\\{name}}}: at most 9 arguments", start)
                body, pos = self.braced(_skip_space(text, pos), start)
            elif command == "DeclareMathOperator":
                word, pos = self.braced(_skip_space(text, pos), start)
                body = "\\operatorname{" + word + "}"
            else:
                pos = _skip_space(text, pos)
                if text.startswith("[", pos):
                    count, pos = self.bracketed(pos, start)
                    if not count.strip().isdigit() or not 0 <= int(count) <= 9:
                        raise self.error(f"\\{command}{{\\{name}}}: [n] must be 0 to 9", start)
                    params = int(count)
                    pos = _skip_space(text, pos)
                    if text.startswith("[", pos):
                        default, pos = self.bracketed(pos, start)
                body, pos = self.braced(_skip_space(text, pos), start)
        return self.keep(Macro(name=name, params=params, default=default, body=body, line=0, column=0,
                               command=command), start, pos)

    def keep(self, macro: Macro, start: int, pos: int) -> int:
        """Store ``macro``, defined at ``start`` and ending at ``pos``, with a note when it replaces a command."""
        name, command = macro.name, macro.command
        if name in _STRUCTURE:
            raise self.error(f"redefining \\{name} is not supported", start)
        if command in ("providecommand", "ProvideDocumentCommand") and (name in self.macros or name in _standard()):
            return pos
        line, column = self.where(start)
        if name in _standard() or name in self.macros:
            self.notes.append(f"{self.source or ''}:{line}:{column}: \\{name} redefined by "
                              f"\\{command}; its later uses are expanded")
        self.store(Macro(name=name, params=macro.params, default=macro.default, body=macro.body, line=line,
                         column=column, command=command, paired=macro.paired), glob=command == "gdef")
        return pos

    def control_name(self, pos: int, start: int, *, braced: bool, command: str) -> tuple[str, int]:
        text = self.masked
        pos = _skip_space(text, pos)
        inner = braced and text.startswith("{", pos)
        pos = _skip_space(text, pos + 1) if inner else pos
        m = re.compile(r"\\([A-Za-z]+)").match(text, pos)
        if m is None or text.startswith("@", m.end()) or text.startswith("\\@", pos):
            found = _AT_NAME.match(text, pos)
            if found is not None and "@" in found.group():
                raise self.error(f"\\{command}{found.group()}: an internal name (with @) outside "
                                 "\\makeatletter ... \\makeatother is TeX programming", start)
            raise self.error(f"\\{command}: expected the name of the macro (\\name) after it", start)
        pos = _skip_space(text, m.end())
        if inner:
            if not text.startswith("}", pos):
                raise self.error(f"\\{m.group(1)}: the macro's name must be letters only", start)
            pos += 1
        return m.group(1), pos

    def braced(self, pos: int, start: int) -> tuple[str, int]:
        text = self.masked
        if not text.startswith("{", pos):
            raise self.error("expected a {...} group", start)
        end = _group_end(text, pos)
        if end is None:
            raise self.error("unbalanced braces in a definition", start)
        return text[pos + 1 : end - 1], end

    def bracketed(self, pos: int, start: int) -> tuple[str, int]:
        end = self.masked.find("]", pos)
        if end < 0:
            raise self.error("unclosed [ in a definition", start)
        return self.masked[pos + 1 : end], end + 1

    # -- uses --------------------------------------------------------------------------
    def use(self, macro: Macro, text: str, pos: int, at: int, depth: int) -> tuple[str, int]:
        """The expansion of a use of ``macro`` whose name ends at ``pos`` in ``text``."""
        self.count += 1
        if depth > _MAX_DEPTH or self.count > _MAX_EXPANSIONS:
            raise self.error(f"macro \\{macro.name}: expansion too deep or too long", at)
        args: list[str] = []
        if macro.paired:  # \abs*{x}, \abs[\big]{x}: the delimiters stretch (or take a size) all the same
            pos = _skip_star(text, _skip_space(text, pos))
            if text.startswith("[", _skip_space(text, pos)) and (close := text.find("]", pos)) >= 0:
                pos = close + 1
        for k in range(macro.params):
            pos = _skip_space(text, pos)
            if k == 0 and macro.default is not None:
                if text.startswith("[", pos):
                    end = text.find("]", pos)
                    if end < 0:
                        raise self.error(f"macro \\{macro.name}: unclosed [", at)
                    args.append(text[pos + 1 : end])
                    pos = end + 1
                else:
                    args.append(macro.default)
                continue
            arg, pos = self.argument(text, pos, macro, at)
            args.append(arg)
        body = re.sub(r"#(#|[1-9])",
                      lambda m: "#" if m.group(1) == "#" else _arg(args, int(m.group(1))),
                      macro.body)
        expanded = body if macro.primitive else self.expand_inner(body, depth + 1, at)
        self.growth += len(expanded)
        if self.growth > _MAX_GROWTH:
            raise self.error(f"macro \\{macro.name}: the expansion is too large", at)
        if re.match(r"[A-Za-z]", text[pos : pos + 1]) and re.search(r"\\[A-Za-z]+$", expanded):
            expanded += " "  # \foo{}x must not become \barx
        return expanded, pos

    def argument(self, text: str, pos: int, macro: Macro, at: int) -> tuple[str, int]:
        if pos >= len(text):
            raise self.error(f"macro \\{macro.name}: missing argument", at)
        if text[pos] == "{":
            end = _group_end(text, pos)
            if end is None:
                raise self.error(f"macro \\{macro.name}: unbalanced braces in its argument", at)
            return text[pos + 1 : end - 1], end
        m = _CONTROL.match(text, pos)
        if m is not None:
            return m.group(), m.end()
        return text[pos], pos + 1

    def expand_inner(self, text: str, depth: int, at: int) -> str:
        out: list[str] = []
        pos = 0
        while (m := _CONTROL.search(text, pos)) is not None:
            out.append(text[pos : m.start()])
            name = m.group(1)
            if name in _REFUSED or name in _DEFINERS or name in _INCLUDES:
                raise self.error(f"\\{name} inside a macro is TeX programming", at)
            if name in self.macros:
                replacement, pos = self.use(self.macros[name], text, m.end(), at, depth)
                out.append(replacement)
            else:
                out.append(m.group())
                pos = m.end()
        out.append(text[pos:])
        return "".join(out)


_MATH = re.compile(r"(?<!\\)\$\$.*?(?<!\\)\$\$|(?<!\\)\$.*?(?<!\\)\$|\\\[.*?\\\]|\\\(.*?\\\)", re.S)


def _math_spans(text: str) -> list[tuple[int, int]]:
    """Where a Markdown document has math (``$...$``, ``$$...$$``, ``\\[...\\]``, ``\\(...\\)``)."""
    return [(m.start(), m.end()) for m in _MATH.finditer(text)]


def _arg(args: list[str], k: int) -> str:
    return args[k - 1] if k <= len(args) else ""


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _skip_equals(text: str, pos: int) -> int:
    """Past an optional ``=`` (``\\let\\a = \\b``)."""
    pos = _skip_space(text, pos)
    return pos + 1 if text.startswith("=", pos) else pos


def _skip_star(text: str, pos: int) -> int:
    return pos + 1 if text.startswith("*", pos) else pos


def _standard() -> frozenset[str]:
    """Commands a document may use without defining them (what the parser knows)."""
    return _STANDARD


_STANDARD = frozenset({*GREEK, *BOLD, *ACCENTS, *CALLIGRAPHIC, *WORDS, "le", "leq", "ge", "geq",
                      "lt", "gt", "neq", "ne", "frac", "dfrac", "tfrac", "sqrt", "sum", "prod",
                      "int", "partial", "nabla", "cdot", "times", "top", "mathbb", "infty", "pi",
                      "left", "right", "mid", "perp", "to", "implies", "iff", "binom", "operatorname",
                      "mathrm", "quad", "qquad"})


def expand_macros(text: str, *, source: str | None = None,
                  kind: Literal["tex", "markdown"] = "tex") -> Expansion:
    """Read the definitions of ``text`` (a whole ``.tex`` or Markdown document),
    blank them and expand their uses; see the module documentation. In a
    ``.tex`` file ``%`` comments are blanked too (in Markdown ``%`` is text).
    Raises :class:`InputError` for TeX programming."""
    expander = _Expander(text, source, comments=kind == "tex", scoped=kind == "tex")
    out = expander.run()
    return Expansion(text=out, macros=MappingProxyType(dict(expander.macros)),
                     diagnostics=tuple(expander.notes))


def _group_end(text: str, pos: int) -> int | None:
    """Index just after the ``}`` that closes the group opening at ``pos``
    (escaped braces skipped), or ``None`` when it is never closed."""
    depth, k = 0, pos
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth == 0:
            return k + 1
        k += 1
    return None
