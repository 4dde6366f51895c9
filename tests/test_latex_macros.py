"""The student's own macros: definitions read, uses expanded, TeX programming refused."""

from __future__ import annotations

import pytest

from symproofs.core.errors import InputError
from symproofs.latex.extract import extract_chains
from symproofs.latex.macros import expand_macros


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param(r"\newcommand{\E}{\mathbb{E}}" "\n" r"$\E[X]$", r"$\mathbb{E}[X]$",
                     id="newcommand-no-argument"),
        pytest.param(r"\newcommand\R{\mathbb{R}}" "\n" r"$x \in \R$", r"$x \in \mathbb{R}$",
                     id="newcommand-without-braces"),
        pytest.param(r"\newcommand{\Var}[1]{\operatorname{Var}(#1)}" "\n" r"$\Var{X}$",
                     r"$\operatorname{Var}(X)$", id="one-argument"),
        pytest.param(r"\newcommand{\ip}[2]{\langle #1, #2 \rangle}" "\n" r"$\ip{u}{v}$",
                     r"$\langle u, v \rangle$", id="two-arguments"),
        pytest.param(r"\newcommand{\nrm}[2][2]{\|#2\|_{#1}}" "\n" r"$\nrm{x} + \nrm[1]{y}$",
                     r"$\|x\|_{2} + \|y\|_{1}$", id="optional-default-argument"),
        pytest.param(r"\renewcommand{\le}{\ge}" "\n" r"$0 \le x$", r"$0 \ge x$",
                     id="redefined-standard-command-is-honoured"),
        pytest.param(r"\DeclareMathOperator{\diag}{diag}" "\n" r"$\diag(v)$",
                     r"$\operatorname{diag}(v)$", id="declare-math-operator"),
        pytest.param(r"\DeclareMathOperator*{\argmin}{arg\,min}" "\n" r"$\argmin_x$",
                     r"$\operatorname{arg\,min}_x$", id="declare-math-operator-star"),
        pytest.param(r"\def\half{\frac12}" "\n" r"$\half x$", r"$\frac12 x$", id="def-no-parameter"),
        pytest.param(r"\def\sq#1{#1^2}" "\n" r"$\sq{x}$", r"$x^2$", id="def-undelimited-parameter"),
        pytest.param(r"\newcommand{\a}{\b}\newcommand{\b}{y}" "\n" r"$\a$", r"$y$",
                     id="nested-expansion-at-use"),
        pytest.param(r"\newcommand{\x}{z}" "\n" r"$\xi + \x$", r"$\xi + z$",
                     id="longer-names-untouched"),
        pytest.param(r"\newcommand{\op}{\alpha}" "\n" r"$\op x$", r"$\alpha x$",
                     id="control-word-keeps-its-space"),
        pytest.param(r"$\E$" "\n" r"\newcommand{\E}{\mathbb{E}}", r"$\E$",
                     id="use-before-definition-unchanged"),
        pytest.param("% \\def\\x a#1{}\n\\newcommand{\\y}{1}\n$\\y$", "$1$",
                     id="comments-ignored"),
    ],
)
def test_definitions_are_expanded_and_lines_kept(document: str, expected: str) -> None:
    out = expand_macros(document, source="answer.tex")
    assert out.text.count("\n") == document.count("\n")
    assert expected in out.text
    assert not any(f"\\{c}" in out.text for c in ("newcommand", "renewcommand", "def\\",
                                                 "DeclareMathOperator"))


def test_an_expansion_over_several_lines_keeps_the_line_count() -> None:
    document = "\\newcommand{\\p}[1]{(#1)}\n$\\p{a\n+ b} = c$\n$x$"
    out = expand_macros(document, source="answer.tex")
    assert out.text.splitlines()[3] == "$x$"
    assert "(a + b)" in out.text


def test_a_redefinition_is_noted() -> None:
    out = expand_macros(r"\renewcommand{\le}{\ge}", source="answer.tex")
    assert out.macros["le"].body == r"\ge"
    assert any("\\le redefined" in d for d in out.diagnostics)


def test_providecommand_never_overrides() -> None:
    out = expand_macros("\\providecommand{\\le}{\\ge}\n$a \\le b$", source="answer.tex")
    assert "\\le b" in out.text


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param("\\newcommand{\\k}{1}{\\renewcommand{\\k}{2}}\n$\\k$", "$1$", id="brace-group"),
        pytest.param("\\newcommand{\\k}{1}\n\\begin{itemize}\\renewcommand{\\k}{2}\\item $\\k$"
                     "\\end{itemize}\n$\\k$", "$2$\\end{itemize}\n$1$", id="environment"),
        pytest.param("{\\newcommand{\\k}{3}}\n$\\k$", "$\\k$", id="new-in-group-ends-with-it"),
        pytest.param("\\begingroup\\def\\k{3}\\endgroup\n\\bgroup\\def\\k{4}\\egroup $\\k$", "$\\k$",
                     id="begingroup-bgroup"),
        pytest.param("\\def\\k{1}{{\\gdef\\k{5}}}\n$\\k$", "$5$", id="gdef-is-global"),
        pytest.param("\\def\\k{1}{\\global\\def\\k{6}}\n$\\k$", "$6$", id="global-def"),
        pytest.param("\\def\\k{1}{\\def\\k{2}{$\\k$}}\n$\\k$", "{$2$}}\n$1$", id="nested-groups"),
        pytest.param("\\def\\k{1}\\[\\def\\k{2}\\k\\]\n$\\k$", "2\\]\n$1$", id="display-math"),
        pytest.param("\\def\\k{1}}\\def\\k{2}\n$\\k$", "$2$", id="stray-closing-brace"),
        pytest.param("\\newcommand{\\k}{1}\nInline $\\renewcommand{\\k}{2}$ text.\n$\\k$", "$1$",
                     id="inline-math-is-a-group"),
        pytest.param("\\newcommand{\\k}{1}\n$$\\renewcommand{\\k}{2} x$$\n$$\\k$$", "$$1$$",
                     id="display-dollars-are-a-group"),
        pytest.param("\\newcommand{\\k}{1}\n\\begin{align*}\\renewcommand{\\k}{2} x &= \\k \\\\\n"
                     "\\k &= 1\\end{align*}", "x &= 1 \\\\\n1 &= 1", id="each-cell-is-a-group"),
        pytest.param("\\newcommand{\\k}{1}\n\\renewcommand{\\k}{2}\\\\\nText \\\\ $\\k$", "$2$",
                     id="a-line-break-in-text-ends-nothing"),
    ],
)
def test_a_definition_lasts_to_the_end_of_its_group(document: str, expected: str) -> None:
    out = expand_macros(document, source="answer.tex")
    assert expected in out.text, out.text
    assert out.text.count("\n") == document.count("\n")


def test_markdown_definitions_are_not_scoped() -> None:
    out = expand_macros("${\\newcommand{\\k}{2}}$ $\\k$", source="a.md", kind="markdown")
    assert "$2$" in out.text


def test_percent_in_markdown_is_text() -> None:
    out = expand_macros("50% of $\\newcommand{\\x}{1}$ $\\x$", source="a.md", kind="markdown")
    assert "$1$" in out.text


@pytest.mark.parametrize("document", [
    pytest.param("$$\\newcommand{\\k}{1}$$\nText \\renewcommand{\\k}{2}\n$$\\k$$", id="prose"),
    pytest.param("$$\\newcommand{\\k}{1}$$\n<!-- $$\\renewcommand{\\k}{2}$$ -->\n$$\\k$$", id="html-comment"),
    pytest.param("$$\\newcommand{\\k}{1}$$\n```\n$$\\renewcommand{\\k}{2}$$\n```\n$$\\k$$", id="code-fence"),
    pytest.param("$$\\newcommand{\\k}{1}$$\nSee `$\\renewcommand{\\k}{2}$`.\n$$\\k$$", id="code-span"),
    pytest.param("$$\\newcommand{\\k}{1}$$\n\n    $\\renewcommand{\\k}{2}$\n\n$$\\k$$", id="indented-code"),
    pytest.param("$$\\newcommand{\\k}{1}$$\n````\n```\n$\\renewcommand{\\k}{2}$\n````\n$$\\k$$", id="longer-fence"),
    # raw HTML MathJax skips, and a footnote definition (shown at the end of the page, if at all)
    pytest.param("$$\\newcommand{\\k}{1}$$\n<pre>\n$\\renewcommand{\\k}{2}$\n</pre>\n$$\\k$$", id="pre-block"),
    pytest.param("$$\\newcommand{\\k}{1}$$\nSee <code>$\\renewcommand{\\k}{2}$</code>.\n$$\\k$$", id="code-element"),
    pytest.param("$$\\newcommand{\\k}{1}$$\n[^1]: $\\renewcommand{\\k}{2}$\n\n$$\\k$$", id="footnote"),
])
def test_markdown_reads_definitions_where_mathjax_does(document: str) -> None:
    """Only inside math, and never in what the page does not show."""
    out = expand_macros(document, source="a.md", kind="markdown")
    assert out.text.rstrip().endswith("$$1$$"), out.text
    assert out.text.count("\n") == document.count("\n")


def test_a_definition_the_page_shows_after_raw_html_applies() -> None:
    # the control of the cases above: the same definition outside the <pre> element is read
    out = expand_macros("<pre>text</pre>\n$\\renewcommand{\\ge}{\\le}$\n$$x \\ge 0$$", source="a.md", kind="markdown")
    assert out.text.rstrip().endswith("$$x \\le 0$$"), out.text


def test_a_chain_in_an_html_comment_is_not_read() -> None:
    chains = extract_chains("<!-- $$1 = 2$$ -->\n$$1 = 1$$\n", source="a.md", kind="markdown")
    assert [c.line for c in chains] == [2]


def test_what_the_comment_environment_hides_defines_nothing_and_is_not_graded() -> None:
    document = "\\newcommand{\\k}{1}\n\\begin{comment}\\gdef\\k{2}\n\\[ y = 2 = 3 \\]\n\\end{comment}\n\\[ \\k = 1 \\]"
    assert "\\[ 1 = 1 \\]" in expand_macros(document, source="a.tex").text
    assert [c.line for c in extract_chains(document, source="a.tex")] == [5]


def test_what_tex_skips_or_prints_verbatim_defines_nothing() -> None:
    skipped = expand_macros("\\newcommand{\\k}{1}\n\\iffalse \\renewcommand{\\k}{2} \\fi\n$\\k$", source="a.tex")
    assert "$1$" in skipped.text and skipped.text.count("\n") == 2
    verbatim = expand_macros("\\newcommand{\\k}{1}\n\\verb|{|\\renewcommand{\\k}{2}\\verb|}|\n$\\k$",
                             source="a.tex")
    assert "$2$" in verbatim.text


@pytest.mark.parametrize(
    ("document", "message", "column"),
    [
        pytest.param("x\n  \\let\\a=b", r"\\let\\a: only", 3, id="let-not-a-command"),
        pytest.param("x\n\\let\\nc\\newcommand", r"\\let\\nc\\newcommand: TeX programming", 1, id="let-a-definer"),
        pytest.param("x\n\\def\\x a#1{}", "delimited parameters", 1, id="def-delimited"),
        pytest.param("x\n\\catcode`\\@=11", r"\\catcode", 1, id="catcode"),
        pytest.param("x\n\\csname foo\\endcsname", r"\\csname", 1, id="csname"),
        pytest.param("x\n\\expandafter\\a", r"\\expandafter", 1, id="expandafter"),
        pytest.param("x\n\\edef\\a{b}", r"\\edef", 1, id="edef"),
        pytest.param("x\n\\renewcommand{\\begin}{x}", r"redefining \\begin", 1, id="structure"),
        pytest.param("x\n\\newcommand{\\a}{\\a}\\a", "too deep or too long", 20, id="recursion"),
        pytest.param("x\n\\newcommand{\\a}{\\a\\a\\a\\a}\\a", "too", 26, id="explosion"),
        pytest.param("x\n\\newcommand{\\a}[1]{#1}\\a", "missing argument", 23, id="missing-argument"),
        pytest.param("x\n\\newcommand{\\a}{{}", "unbalanced", 1, id="unbalanced"),
        pytest.param("x\n\\newcommand{\\a@b}{1}", r"internal name \(with @\)", 1, id="name-not-letters"),
        pytest.param("x\n{\\global\\long\\def\\a{2}}", r"\\long", 9, id="long"),
        pytest.param("x\n{\\globaldefs=1 \\renewcommand{\\a}{2}}", r"\\globaldefs", 2, id="globaldefs"),
        pytest.param("x\n\\mathchardef\\le=\"313E", r"\\mathchardef", 1, id="mathchardef"),
        pytest.param("x\n\\RenewDocumentCommand{\\le}{o m}{\\ge}", r"\\RenewDocumentCommand\{\\le\}\{o m\}: only "
                     "mandatory", 1, id="xparse-optional-argument"),
        pytest.param("x\n\\def\\@x{1}", r"\\def\\@x: an internal name \(with @\) outside \\makeatletter", 1,
                     id="at-name-outside-makeatletter"),
        pytest.param("x\n\\input{q1}", r"\\input: a document that reads in other files", 1, id="input"),
        pytest.param("x\n \\include{q1}", r"\\include: a document that reads in other files", 2, id="include"),
        pytest.param("x\n\\subfile{q1}", r"\\subfile: a document that reads in other files", 1, id="subfile"),
        pytest.param("x\n\\ifnum1<2 a\\fi", r"\\ifnum", 1, id="conditional"),
    ],
)
def test_tex_programming_is_refused_with_its_position(document: str, message: str,
                                                     column: int) -> None:
    with pytest.raises(InputError, match=message) as info:
        expand_macros(document, source="answer.tex")
    assert (info.value.source, info.value.line, info.value.column) == ("answer.tex", 2, column)


def test_extraction_reads_the_typeset_meaning() -> None:
    document = ("\\documentclass{article}\n\\renewcommand{\\le}{\\ge}\n"
                "\\newcommand{\\sq}[1]{#1^2}\n\\begin{document}\n"
                "\\begin{align*}\n0 &\\le \\sq{x} + 1\n\\end{align*}\n\\end{document}\n")
    (chain,) = extract_chains(document, source="answer.tex")
    assert [s.relation_text for s in chain.sides] == ["", "\\ge"]
    assert chain.sides[1].line == 6
    assert str(chain.sides[1].expr) == "x**2 + 1"


def test_extraction_refuses_a_file_with_tex_programming() -> None:
    with pytest.raises(InputError, match=r"answer\.tex:3:1: \\catcode"):
        extract_chains("a\nb\n\\catcode`\\@=11\n", source="answer.tex")


def test_extraction_reads_a_macro_redefined_in_a_list_as_outside_it() -> None:
    document = ("\\newcommand{\\w}{3}\n\\begin{document}\n\\begin{enumerate}\\renewcommand{\\w}{5}"
                "\\item first\\end{enumerate}\n\\begin{align*}\n\\w + y &= 8\n\\end{align*}\n"
                "\\end{document}\n")
    (chain,) = extract_chains(document, source="answer.tex")
    assert [str(s.expr) for s in chain.sides] == ["y + 3", "8"]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # \let: an alias of a command, honoured even when it changes a relation
        pytest.param("\\let\\epsilon\\varepsilon\n$\\epsilon$", "$\\varepsilon$", id="let-alias"),
        pytest.param("\\let\\le = \\ge\n$0 \\le x$", "$0 \\ge x$", id="let-equals-changes-a-relation"),
        pytest.param("\\newcommand{\\k}{1}\\let\\j\\k\\renewcommand{\\k}{2}\n$\\j + \\k$", "$1 + 2$",
                     id="let-copies-a-macro-as-it-is-then"),
        pytest.param("\\let\\oldsqrt\\sqrt\\renewcommand{\\sqrt}[1]{\\oldsqrt{#1}}\n$\\sqrt{x}$", "$\\sqrt{x}$",
                     id="let-keeps-the-command-redefined-later"),
        pytest.param("\\DeclareRobustCommand{\\sq}[1]{#1^2}\n$\\sq{x}$", "$x^2$", id="declare-robust-command"),
        pytest.param("\\DeclareRobustCommand\\le{\\ge}\n$0 \\le x$", "$0 \\ge x$", id="robust-changes-a-relation"),
        pytest.param("\\NewDocumentCommand{\\ip}{m m}{\\langle #1, #2 \\rangle}\n$\\ip{u}{v}$",
                     "$\\langle u, v \\rangle$", id="new-document-command"),
        pytest.param("\\RenewDocumentCommand\\le{}{\\ge}\n$0 \\le x$", "$0 \\ge x$", id="renew-document-command"),
        # mathtools' paired delimiters, starred or sized
        pytest.param("\\DeclarePairedDelimiter\\abs{\\lvert}{\\rvert}\n$\\abs{x} + \\abs*{y} + \\abs[\\big]{z}$",
                     "$\\left\\lvert x \\right\\rvert + \\left\\lvert y \\right\\rvert"
                     " + \\left\\lvert z \\right\\rvert$", id="paired-delimiter"),
        # \makeatletter ... \makeatother: the class's internal definitions are not the student's math
        pytest.param("\\makeatletter\\def\\@maketitle#1\\@nil{\\if@x x\\fi}\\let\\@a\\@b"
                     "\\renewcommand\\@seccntformat[1]{}\\makeatother\n$\\le$", "$\\le$", id="makeatletter"),
        pytest.param("\\makeatletter\\renewcommand{\\le}{\\ge}\\makeatother\n$0 \\le x$", "$0 \\ge x$",
                     id="makeatletter-still-honours-a-relation"),
    ],
)
def test_common_preamble_definitions_are_read(document: str, expected: str) -> None:
    out = expand_macros(document, source="answer.tex")
    assert expected in out.text, out.text
    assert out.text.count("\n") == document.count("\n")


def test_a_paired_delimiter_is_parsed() -> None:
    document = "\\DeclarePairedDelimiter{\\abs}{\\lvert}{\\rvert}\n\\[ \\abs{-3} + \\abs*{2} = 5 \\]\n"
    (chain,) = extract_chains(document, source="answer.tex")
    assert [str(s.expr) for s in chain.sides] == ["5", "5"]
