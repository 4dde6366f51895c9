"""Scanning LaTeX as text: display blocks found and blanked with positions
kept, and the top level of a row told from groups and nested environments."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.scan import COMMENT, Scanned, blank, blocks, has_lhs, open_brackets, strip_groups


def test_display_blocks_and_an_unclosed_one() -> None:
    text = r"a $$x = 1$$ b \[y\] c \begin{align*}z &= 2\end{align*} d \[ open"
    found = [(text[a:b], env) for a, b, env in blocks(text)]
    assert found[:3] == [("x = 1", "$$"), ("y", "\\["), ("z &= 2", "align*")]
    assert found[3][1] is None  # never closed: its opening is reported


def test_blanking_keeps_every_position() -> None:
    text = "x = 1 % a comment\n\\% kept \\\\% gone\n"
    out = blank(COMMENT, text)
    assert len(out) == len(text) and "comment" not in out and "\\% kept" in out and "gone" not in out


def test_the_top_level_of_a_row() -> None:
    row = r"\sum_{k=1}^{n} k \text{ if } a = b \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}"
    top = strip_groups(row)
    assert "=" in top and "k=1" not in top and "\\ge" not in top and "if" not in top
    breaks = Scanned(r"a &= b \\ & = c \begin{matrix} 1 \\ 2 \end{matrix}").breaks()
    assert len(breaks) == 1  # the matrix's row break is not the alignment's
    assert has_lhs(r"x^2 + 1 = y") and not has_lhs(r"= y") and not has_lhs(r"\text{a = b}")
    assert open_brackets(r"\Big( a + b") and not open_brackets(r"\{ a \}")


def test_a_row_break_takes_a_length_never_the_bracket_that_starts_the_next_row() -> None:
    # \\[2pt] spaces the rows; in "c = 0 \\ [a + b] m = 1" the bracket is the next row's first factor
    for text, row in ((r"c = 0 \\[2pt] x = 1", " x = 1"), (r"c = 0 \\ [-1.5ex] x = 1", " x = 1"),
                      (r"c = 0 \\[2\jot] x = 1", " x = 1"), (r"c = 0 \\[3mm plus 1mm] x = 1", " x = 1"),
                      (r"c = 0 \\ [a + b] m = 1", " [a + b] m = 1"), (r"c = 0 \\[a] m = 1", "[a] m = 1"),
                      (r"c = 0 \\ [\mu] m = 1", r" [\mu] m = 1"), (r"c = 0 \\[2] m = 1", "[2] m = 1")):
        ((_, end),) = Scanned(text).breaks()
        assert text[end:] == row, text


def test_a_system_whose_row_starts_with_a_bracket_is_read_whole(tmp_path: Path) -> None:
    # "\\ [s^2 + r^2] m = 1" was read as the row "m = 1" (the bracket taken for the break's spacing):
    # a true implication refuted, a false one left unknown
    notation = '[symbols]\nc = "real"\nm = "positive integer"\ns = "positive"\nr = "real"\n'
    premise = r"\begin{cases} c = 0 \\ (s^2 + r^2) m = 1 \end{cases} \implies "
    true = premise + r"\begin{cases} c = 0 \\ [s^2 + r^2] m = 1 \end{cases}"
    false = premise + r"\begin{cases} c = 0 \\ [s^2 + r^2] m = 2 \end{cases}"
    sub = graded(tmp_path, f"# Answer\n\n$${true}$$\n\n$${false}$$\n", notation=notation)
    assert [s.verdict for s in steps(sub)] == [Mark.PROVED, Mark.REFUTED], [(s.verdict, s.message) for s in steps(sub)]


def test_a_semicolon_is_a_token_of_its_own() -> None:
    # "(x-1)(x+1); \; 3 + 3 = 7": the semicolon that ends a statement is seen, not glued to the math before it
    toks = [tok for _, _, tok, _ in Scanned(r"(x-1)(x+1); \; 3 = 7").tokens]
    assert toks[:2] == ["(x-1)(x+1)", ";"]
