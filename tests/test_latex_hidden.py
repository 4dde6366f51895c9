"""What the page does not show is blanked before a document is read, every
other character keeping its position: TeX comments, ``\\iffalse`` and the
``comment`` environment; Markdown comments, code fences, indented code and
code spans as CommonMark renders them."""

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

