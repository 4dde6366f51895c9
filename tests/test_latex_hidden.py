"""What the page does not show is blanked before a document is read, every
other character keeping its position: TeX comments, ``\\iffalse`` and the
``comment`` environment; Markdown comments, code fences, indented code and
code spans as CommonMark renders them, raw HTML MathJax skips (``<pre>``,
``<code>``, ...) and footnote definitions, shown elsewhere if at all."""

from __future__ import annotations

import pytest

from symproofs.latex.hidden import unseen


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("a % \\renewcommand{\\le}{\\ge}\n$x$", "renewcommand", "$x$"),
    ("\\iffalse \\[ x = 2 \\] \\fi \\[ y \\]", "x = 2", "\\[ y \\]"),
    ("\\begin{comment}\n\\gdef\\le{\\ge}\n\\[ x = 2 \\]\n\\end{comment}\n\\[ y \\]", "gdef", "\\[ y \\]"),
    ("\\begin{comment} never closed \\[ x \\]", "x", "begin" * 0),
], ids=["percent", "iffalse", "comment-env", "comment-env-unclosed"])
def test_what_tex_does_not_typeset(text: str, gone: str, kept: str) -> None:
    out = unseen(text, "tex")
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert gone not in out and kept in out


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("see `$\\renewcommand{\\le}{\\ge}$` here $$ y $$", "renewcommand", "$$ y $$"),
    ("a ``code with ` inside $x$`` b $$ y $$", "$x$", "$$ y $$"),
    ("text\n\n    $$ x = 2 $$\n\n$$ y $$", "x = 2", "$$ y $$"),
    ("  ```\n  $$ x = 2 $$\n  ```\n$$ y $$", "x = 2", "$$ y $$"),
    ("````\n```\n$$ x = 2 $$\n````\n$$ y $$", "x = 2", "$$ y $$"),
    ("~~~\n$$ x = 2 $$\n", "x = 2", "~" * 0),
    ("<!-- $$ x = 2 $$ -->\n$$ y $$", "x = 2", "$$ y $$"),
], ids=["code-span", "double-backticks", "indented-code", "indented-fence", "longer-fence", "unclosed-fence",
        "html-comment"])
def test_what_markdown_does_not_render_as_math(text: str, gone: str, kept: str) -> None:
    out = unseen(text, "markdown")
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert gone not in out and kept in out


@pytest.mark.parametrize("text", [
    "- an item\n\n    $$ x = 2 $$\n",  # the item's own paragraph, not code
    "1. first\n\n    $$ x = 2 $$\n",
    "a lone ` backtick and $$ x = 2 $$",
    "```python\nprint(1)\n```\n$$ x = 2 $$",
], ids=["list-item", "numbered-item", "lone-backtick", "closed-fence"])
def test_what_markdown_shows_is_kept(text: str) -> None:
    assert "x = 2" in unseen(text, "markdown")



@pytest.mark.parametrize(("text", "kind", "kept", "gone"), [
    # a comment opener inside a code span opens no comment: the heading after it is shown
    ("In HTML, `<!--` opens a comment.\n\n## Answer 4\n\n`-->` closes it.\n", "markdown", "## Answer 4", "<!--"),
    # \verb prints its text: \verb|\iffalse| hides nothing
    ("\\verb|\\iffalse| then \\section*{Answer 4} and \\verb|\\fi|\n", "tex", "\\section*{Answer 4}", "%"),
    ("\\verb|%| is a percent sign, and $x = 1$ follows\n", "tex", "$x = 1$", "@@"),
    # inside a list item, code is indented four columns past the item's text
    ("1. An item.\n\n        $\\renewcommand{\\cdot}{+}$\n\n    $$ y $$\n", "markdown", "$$ y $$", "renewcommand"),
    # a comment block that opens a line hides the fences inside it
    ("<!--\n```\n-->\n$$ y $$\n```\n", "markdown", "$$ y $$", "<!--"),
], ids=["comment-opener-in-code-span", "verb-iffalse", "verb-percent", "indented-code-in-a-list", "comment-block"])
def test_what_hides_what_is_read_in_order(text: str, kind: str, kept: str, gone: str) -> None:
    out = unseen(text, kind)  # type: ignore[arg-type]
    assert len(out) == len(text) and kept in out and gone not in out


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("<pre>\n$\\renewcommand{\\ge}{\\le}$\n</pre>\n\n$$ y $$", "renewcommand", "$$ y $$"),
    ("<PRE class=\"math\">\n$$ x = 2 $$\n</Pre> after $y$", "x = 2", "after $y$"),
    ("<pre>$$ x = 2 $$</pre>\n$$ y $$", "x = 2", "$$ y $$"),
    ("see <code>$x = 2$</code> and $y$", "x = 2", "and $y$"),
    ("<script>\nvar x = '$x = 2$';\n</script>\n$$ y $$", "x = 2", "$$ y $$"),
    ("<style>\n/* $x = 2$ */\n</style>\n$$ y $$", "x = 2", "$$ y $$"),
    ("<textarea>$$ x = 2 $$</textarea> $$ y $$", "x = 2", "$$ y $$"),
    ("<pre>\n$$ x = 2 $$\n", "x = 2", "pre" * 0),  # never closed: to the end, as CommonMark has it
], ids=["pre-block", "pre-attributes-case", "pre-one-line", "code-element", "script", "style", "textarea",
        "pre-unclosed"])
def test_raw_html_mathjax_skips_is_not_math(text: str, gone: str, kept: str) -> None:
    out = unseen(text, "markdown")
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert gone not in out and kept in out


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("[^1]: For $x > 0$,\n\n$$ \\sqrt{x^2} = x $$", "x > 0", "$$ \\sqrt{x^2} = x $$"),
    # a line of its paragraph (a display typed right under it is inside the footnote), an indented paragraph
    ("[^1]: For $x > 0$,\n$$ x = 2 $$\n\n$$ y $$", "x = 2", "$$ y $$"),
    ("[^note]: First.\n\n    For $x = 2$.\n\n$$ y $$", "x = 2", "$$ y $$"),
    # a heading or another block ends it without a blank line
    ("[^1]: For $x = 2$,\n## Answer 2\n$$ y $$", "x = 2", "## Answer 2"),
    ("[^1]: a note\n[^2]: For $x = 2$.\n\nFor $y > 0$,", "x = 2", "For $y > 0$,"),
], ids=["footnote", "lazy-line", "indented-paragraph", "heading-ends-it", "two-footnotes"])
def test_a_footnote_definition_is_not_running_text(text: str, gone: str, kept: str) -> None:
    out = unseen(text, "markdown")
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert gone not in out and kept in out


@pytest.mark.parametrize("text", [
    "<prefix>$$ x = 2 $$",  # not one of the elements
    "a $x<pre$ and $pre > 1$ $$ x = 2 $$",  # a relation, not a tag
    "A footnote mark[^1]: $$ x = 2 $$",  # a reference, not a definition at the start of a line
    "`<pre>` is a tag; $$ x = 2 $$",  # a tag in a code span opens nothing
    "For $y > 0$,\n\n$$ x = 2 $$",  # plain text
    "<pre>\n</pre>\n$$ x = 2 $$",
], ids=["other-tag", "less-than", "footnote-reference", "tag-in-code-span", "prose", "after-pre"])
def test_what_markdown_shows_beside_html_and_footnotes_is_kept(text: str) -> None:
    assert "x = 2" in unseen(text, "markdown")


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("\\begin{verbatim}\n\\[ 1 = 2 \\]\n\\end{verbatim}\n\\[ y \\]", "1 = 2", "\\[ y \\]"),
    ("\\begin{verbatim*}\n$$ 1 = 2 $$\n\\end{verbatim*}\n\\[ y \\]", "1 = 2", "\\[ y \\]"),
    ("\\begin{Verbatim}[numbers=left]\n\\[ 1 = 2 \\]\n\\end{Verbatim} \\[ y \\]", "1 = 2", "\\[ y \\]"),
    ("\\begin{lstlisting}[language=Python]\n# \\[ 3 = 4 \\] % not a comment\n\\end{lstlisting}\n\\[ y \\]",
     "3 = 4", "\\[ y \\]"),
    ("\\begin{minted}{python}\n# $$ 3 = 4 $$\n\\end{minted}\n\\[ y \\]", "3 = 4", "\\[ y \\]"),
    ("\\verb|$$ 9 = 10 $$| and \\verb*+\\[ 1 = 2 \\]+ then \\[ y \\]", "9 = 10", "\\[ y \\]"),
    ("\\lstinline|$x = 2$| and \\lstinline[language=C]!$x = 3$! then \\[ y \\]", "x = ", "\\[ y \\]"),
    ("\\mintinline{python}{$x = 2$} and \\mintinline{c}|$x = 3$| then \\[ y \\]", "x = ", "\\[ y \\]"),
    ("\\begin{verbatim}\n\\end{lstlisting} \\[ 1 = 2 \\]\n\\end{verbatim}\n\\[ y \\]", "1 = 2", "\\[ y \\]"),
], ids=["verbatim", "verbatim-star", "fancyvrb", "lstlisting", "minted", "verb", "lstinline", "mintinline",
        "closed-by-its-own-end"])
def test_code_the_page_prints_is_not_math(text: str, gone: str, kept: str) -> None:
    out = unseen(text, "tex")
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert gone not in out and kept in out


@pytest.mark.parametrize("kind", ["tex", "markdown"])
def test_paren_text_math_reads_as_dollars(kind: str) -> None:
    text = "Inline: \\( (p+q)^2 = p^2 \\) and \\\\(x) and `\\(a = b\\)`\n\n\\( y\n\n\\)"
    out = unseen(text, kind)  # type: ignore[arg-type]
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert " $ (p+q)^2 = p^2 $ " in out and "\\\\(x)" in out and "\\( y" in out  # not across a paragraph
    if kind == "markdown":
        assert "a = b" not in out  # a code span stays code
