"""Tests of chain extraction from .tex and Markdown submissions."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symproofs.core.errors import InputError
from symproofs.core.model import Relation
from symproofs.latex.extract import ChainSource, extract_chains
from symproofs.probability.space import E

beta, mu = sp.Symbol("beta", real=True), sp.Symbol("mu", real=True)
t, k = sp.Symbol("t", integer=True), sp.Symbol("k", integer=True)
g, v = sp.Function("g", real=True), sp.Function("v", real=True)
x, y, z = sp.symbols("x y z", real=True)

BIAS = r"""\documentclass{article}
\begin{document}
% \begin{align} a = b \end{align}
The first moment is unbiased up to a factor:
\begin{align*}
\mathbb{E}[v_t] &= \mathbb{E}\left[(1-\beta)\sum_{k=1}^{t} \beta^{t-k} g_k\right] \\
&= (1-\beta)\sum_{k=1}^{t}\beta^{t-k}\,\mathbb{E}[g_k] \quad \text{(linearity)}\\
&= (1 - \beta^t)\mu . \label{eq:bias}
\end{align*}
\end{document}
"""


def summary(chain: ChainSource) -> list[tuple[int, int, Relation | None, object]]:
    return [(s.line, s.column, s.relation, s.expr if s.error is None else s.error.message)
            for s in chain.sides]


def test_align_star_chain_with_file_lines_columns_and_shared_indices() -> None:
    (chain,) = extract_chains(BIAS, source="hw.tex")
    assert chain.line == 6 and chain.source == "hw.tex"
    assert summary(chain) == [
        (6, 1, None, E(v(t))),
        (6, 20, Relation.EQ, E((1 - beta) * sp.Sum(beta ** (t - k) * g(k), (k, 1, t)))),
        (7, 4, Relation.EQ, (1 - beta) * sp.Sum(beta ** (t - k) * E(g(k)), (k, 1, t))),
        (8, 4, Relation.EQ, (1 - beta**t) * mu),
    ]
    assert chain.sides[3].text == r"(1 - \beta^t)\mu"


MARKDOWN = """# Question 2

We use $\\beta < 1$ inline, at most a case the text takes.

$$
\\mathbb{E}[v_t] = (1-\\beta)\\sum_{k=1}^{t}\\beta^{t-k}\\mu
$$

Summing the geometric series,

$$
= (1 - \\beta^t)\\mu
$$

```latex
$$ x = y $$
```

$$ a = b $$
"""


def test_markdown_blocks_continue_the_chain_and_code_is_not_math() -> None:
    inline, first, rest, second = extract_chains(MARKDOWN, source="answer.md")
    assert inline.kind == "inline1" and [s.text for s in inline.sides] == ["\\beta", "1"]
    assert summary(first) == [
        (6, 1, None, E(v(t))),
        (6, 19, Relation.EQ, (1 - beta) * sp.Sum(beta ** (t - k) * mu, (k, 1, t))),
    ]
    # after words, the chain goes on in a part of its own, from the side the words follow
    assert first.goes_on and rest.continues and not rest.goes_on
    assert summary(rest) == [(6, 19, None, (1 - beta) * sp.Sum(beta ** (t - k) * mu, (k, 1, t))),
                             (12, 3, Relation.EQ, (1 - beta**t) * mu)]
    assert [s.text for s in second.sides] == ["a", "b"] and second.line == 19 and not second.continues


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("\\begin{equation}\n x = y\n\\end{equation}", [[(2, 2, None, x), (2, 6, Relation.EQ, y)]]),
        ("\\[ x \\le y \\]", [[(1, 4, None, x), (1, 10, Relation.LE, y)]]),
        ("$$x$$", [[(1, 3, None, x)]]),
        ("\\begin{gather*}\nx = y \\\\\nz\n\\end{gather*}",
         [[(2, 1, None, x), (2, 5, Relation.EQ, y)], [(3, 1, None, z)]]),
        ("\\begin{multline*}\nx = y \\\\\n + z\n\\end{multline*}",
         [[(2, 1, None, x), (2, 5, Relation.EQ, y + z)]]),
        ("\\begin{align}\nx &= y \\\\\n &\\quad + z \\\\\n &= z\n\\end{align}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y + z), (4, 5, Relation.EQ, z)]]),
        ("\\begin{eqnarray*}\nx &=& y \\\\\n &\\le& z\n\\end{eqnarray*}",
         [[(2, 1, None, x), (2, 7, Relation.EQ, y), (3, 8, Relation.LE, z)]]),
        ("\\begin{equation}\\begin{aligned}[t]\nx &= y\\\\ &= z\n\\end{aligned}\\end{equation}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y), (2, 13, Relation.EQ, z)]]),
        ("\\begin{align*}\nx &= y \\\\[2pt]\n &= z\n\\end{align*}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y), (3, 5, Relation.EQ, z)]]),
        ("\\begin{align*}\nx &= y \\\\\nz &= x\n\\end{align*}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y)], [(3, 1, None, z), (3, 6, Relation.EQ, x)]]),
        ("\\begin{align*}\nx = y = z \\\\ \\\\\n\\end{align*}",
         [[(2, 1, None, x), (2, 5, Relation.EQ, y), (2, 9, Relation.EQ, z)]]),
        ("\\begin{align*}\nx &= y % &= nothing\n \\\\ &= z\n\\end{align*}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y), (3, 8, Relation.EQ, z)]]),
        ("\\begin{align*}\nx &= \\left[ y \\right] \\\\ &\\approx z\n\\end{align*}",
         [[(2, 1, None, x), (2, 6, Relation.EQ, y), (2, 35, None, z)]]),
    ],
    ids=["equation", "display-brackets", "dollars-inline-line", "gather-rows", "multline-one-row",
         "side-broken-over-rows", "eqnarray", "aligned-inside-equation", "row-break-with-spacing",
         "new-left-hand-side", "several-relations-one-row", "comment-in-block", "left-right-and-approx"],
)
def test_environments_rows_and_continuations(doc: str, expected: list[list[object]]) -> None:
    assert [summary(chain) for chain in extract_chains(doc, source="a.tex")] == expected


@pytest.mark.parametrize(
    "lead",
    ["&{}", "& {} ", "&\\phantom{=}", "&\\hphantom{{}={}}", "&\\mathrel{\\phantom{=}}", "&\\qquad",
     "&\\quad{}", "&\\vphantom{\\frac{1}{2}}\\,", "&~"],
    ids=["empty-group", "spaced-empty-group", "phantom", "hphantom", "mathrel-phantom", "qquad",
         "quad-and-empty-group", "vphantom-and-space", "tie"],
)
@pytest.mark.parametrize("operator, joined", [("+", y + z), ("-", y - z), ("\\cdot", y * z),
                                              ("\\pm", None)], ids=["plus", "minus", "cdot", "pm"])
def test_a_row_that_starts_with_an_aligned_operator_continues_the_side(
        lead: str, operator: str, joined: object) -> None:
    doc = f"\\begin{{align*}}\nx &= y \\\\\n{lead}{operator} z\n\\end{{align*}}"
    (chain,) = extract_chains(doc, source="a.tex")
    assert [(s.line, s.relation) for s in chain.sides] == [(2, None), (2, Relation.EQ)]
    if joined is not None:
        assert chain.sides[1].expr == joined


def test_a_phantom_is_read_as_nothing() -> None:
    (chain,) = extract_chains("\\[ x + \\phantom{y} 1 = \\vphantom{\\sum} z \\]", source="a.tex")
    assert [s.expr for s in chain.sides] == [x + 1, z]


def test_a_bad_side_keeps_its_error_and_the_chain_goes_on() -> None:
    doc = "intro\n\\begin{align*}\nx &= \\foo{y} \\\\\n  &= z\n\\end{align*}\n"
    (chain,) = extract_chains(doc, source="a.tex")
    bad = chain.sides[1]
    assert bad.expr is None and bad.error is not None
    assert (bad.error.line, bad.error.column, bad.error.source) == (3, 6, "a.tex")
    assert "unsupported command \\foo" in bad.error.message
    assert summary(chain)[2] == (4, 6, Relation.EQ, z)


def test_a_continuation_without_a_chain_before_it_is_reported() -> None:
    (chain,) = extract_chains("$$ = x $$", source="a.md")
    first = chain.sides[0]
    assert first.error is not None and "no chain comes before it" in first.error.message
    assert summary(chain)[1] == (1, 6, Relation.EQ, x)


def test_an_unclosed_environment_is_reported_and_the_rest_is_read() -> None:
    doc = "\\begin{align*}\nx &= y\n\n$$ z = x $$\n"
    first, second = extract_chains(doc, source="a.tex")
    assert first.sides[0].error is not None
    assert first.sides[0].error.message == "display math is not closed"
    assert summary(second) == [(4, 4, None, z), (4, 8, Relation.EQ, x)]


def test_escaped_percent_is_not_a_comment() -> None:
    (chain,) = extract_chains("$$ x = 50\\% y $$", source="a.tex")
    assert chain.sides[1].expr == y / 2  # the y after \% is read: 50\% y is y/2


@pytest.mark.parametrize(
    ("source", "kind", "match"),
    [("answer.txt", None, "pass kind="), ("answer.tex", "html", "kind must be 'tex' or 'markdown'")],
    ids=["unknown-suffix", "unknown-kind"],
)
def test_the_kind_of_file_must_be_known(source: str, kind: str | None, match: str) -> None:
    with pytest.raises(InputError, match=match):
        extract_chains("$$x$$", source=source, kind=kind)  # type: ignore[arg-type]


def test_kind_can_be_given_for_any_file_name() -> None:
    (chain,) = extract_chains("$$x$$", source="stdin", kind="markdown")
    assert chain.sides[0].expr == x


def test_a_megabyte_line_is_reported_not_parsed() -> None:
    doc = "$$ x = " + "y + " * 300_000 + "y $$"
    (chain,) = extract_chains(doc, source="a.md")
    assert chain.sides[0].error is not None and "longer than" in chain.sides[0].error.message


PIECES = ["$$", "$", "\\[", "\\]", "\\begin{align*}", "\\end{align*}", "\\begin{equation}", "\\end{equation}",
          "\\\\", "&", "=", "\\le", "x", "y", "+", "%", "\n", " ", "```", "\\text{a}", "{", "}", "\\frac"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.sampled_from(["a.tex", "a.md"]))
def test_fuzzed_files_never_raise_and_lines_are_file_lines(doc: str, source: str) -> None:
    lines = doc.count("\n") + 1
    for chain in extract_chains(doc, source=source):
        assert chain.sides and chain.sides[0].relation is None and not chain.sides[0].relation_text
        for side in chain.sides:
            assert 1 <= side.line <= lines and side.column >= 1
            assert (side.expr is None) != (side.error is None)


# -- statements, logical steps, systems, remarks, columns, text math ----------------------------
def links(doc: str, source: str = "a.tex") -> list[tuple[object, ...]]:
    return [(link.relation, link.premise, link.conclusion) for c in extract_chains(doc, source=source)
            for link in c.links]


def test_an_iff_joins_two_equations_not_their_inner_sides() -> None:
    a, b, c, d = sp.symbols("a b c d", real=True)
    assert links("$$ a = b \\iff c = d $$", "a.md") == [(Relation.IFF, (sp.Eq(a, b),), (sp.Eq(c, d),))]
    (chain,) = extract_chains("\\begin{align*} a &= b \\\\ &\\iff c = d \\end{align*}", source="a.tex")
    assert [s.relation_text for s in chain.sides] == ["", "=", "", "="]  # c starts a new statement
    assert chain.links[0].at == 2 and chain.links[0].premise == (sp.Eq(a, b),)


@pytest.mark.parametrize(("text", "relation"), [
    ("$$ a = b => c = d $$", Relation.IMPLIES),  # arrows typed in ASCII
    ("$$ a = b ==> c = d $$", Relation.IMPLIES),
    ("$$ a = b <=> c = d $$", Relation.IFF),
    ("$$ a = b \\to c = d $$", Relation.IMPLIES),  # an arrow between two statements
    ("$$ a = b \\rightarrow c = d $$", Relation.IMPLIES),
    ("$$ a = b -> c = d $$", Relation.IMPLIES),
    ("$$ a = b <-> c = d $$", Relation.IFF),
    ("$$ a = b \\leftrightarrow c = d $$", Relation.IFF),
    ("$$ a = b \\longleftrightarrow c = d $$", Relation.IFF),
])
def test_arrows_between_statements_are_logical_steps(text: str, relation: Relation) -> None:
    a, b, c, d = sp.symbols("a b c d", real=True)
    assert links(text, "a.md") == [(relation, (sp.Eq(a, b),), (sp.Eq(c, d),))]


def test_an_arrow_inside_a_statement_is_no_logical_step() -> None:
    # a_n \to 0 (a limit) and a <= b (no arrow) stay one statement
    assert links("$$ a_n = 1/n \\to 0 $$", "a.md") == []
    assert links("$$ a <= b $$", "a.md") == []
    assert links("$$ a < -1 $$", "a.md") == [] and links("$$ x-1 > 0 $$", "a.md") == []


def test_a_sum_equation_iff_another_is_one_step() -> None:
    doc = ("$$\\sum_{j=1}^{d} \\left[ \\frac{1}{12} (\\beta - \\alpha)^2 + 0 + \\frac{(\\alpha + \\beta)^2}{4}"
           " \\right] = 1 \\iff [\\alpha^2 + \\beta^2 + \\alpha \\beta] d = 3$$")
    ((relation, premise, conclusion),) = links(doc, "a.md")
    assert relation is Relation.IFF and len(premise) == 1 and len(conclusion) == 1  # type: ignore[arg-type]
    d_sum = next(iter(premise[0].lhs.atoms(sp.Sum))).limits[0][2]  # type: ignore[index]
    assert d_sum in conclusion[0].free_symbols  # type: ignore[index]  # the same d on both sides


def test_cases_systems_joined_by_implies() -> None:
    c, s, m, d = sp.symbols("c s m d", real=True)
    doc = ("$$\\begin{cases} c = 0 \\\\ s + m = 1 \\end{cases} \\implies "
           "\\begin{cases} c = 0 \\\\ d = 1 \\end{cases}$$")
    ((relation, premise, conclusion),) = links(doc, "a.md")
    assert relation is Relation.IMPLIES
    assert premise == (sp.Eq(c, 0), sp.Eq(s + m, 1))
    assert conclusion == (sp.Eq(c, 0), sp.Eq(d, 1))


def test_a_remark_between_two_statements_does_not_hide_the_second() -> None:
    doc = "$$ x^2-1 = (x-1)(x+1) \\quad\\text{so}\\quad x^2-1 = x^2+1 $$"
    first, second = extract_chains(doc, source="a.md")
    assert [s.text for s in first.sides] == ["x^2-1", "(x-1)(x+1)"]
    assert [s.text for s in second.sides] == ["x^2-1", "x^2+1"]
    # a condition after a remark is no statement of its own
    (only,) = extract_chains("$$ a = b \\quad\\text{for all}\\quad t \\ge 1 $$", source="a.md")
    assert [s.text for s in only.sides] == ["a", "b"]


@pytest.mark.parametrize("words", [
    "\\quad\\text{i.e.}\\quad", ", \\text{ i.e. }", "\\quad\\text{that is}\\quad", "\\quad\\text{equivalently}\\quad",
    "\\quad\\text{or equivalently}\\quad", "\\quad\\text{meaning}\\quad", "\\quad\\text{namely}\\quad",
    "\\quad\\text{in other words}\\quad", "\\quad\\text{as a result}\\quad", "\\quad\\textit{that is,}\\quad",
    "\\quad\\emph{i.e.}\\quad", "\\quad\\text{and}\\quad", "\\quad\\text{note that}\\quad"])
def test_a_statement_after_a_connective_is_a_statement_of_its_own(words: str) -> None:
    # (b-1)^2 >= 0 \quad\text{i.e.}\quad b^2 + 1 >= 4b: the second statement was never read, and the row passed
    first, second = extract_chains(f"$$ (b-1)^2 \\ge 0 {words} b^2 + 1 \\ge 4b $$", source="a.md")
    assert [s.text for s in first.sides] == ["(b-1)^2", "0"]
    assert [s.text for s in second.sides] == ["b^2 + 1", "4b"] and second.sides[1].condition is None


@pytest.mark.parametrize("words", ["rather than", "banana", "see", "but not", "vs", "compare"])
def test_a_statement_after_words_not_read_is_never_dropped(words: str) -> None:
    # unknown words between two statements: the second is kept, under a condition that is not read
    first, second = extract_chains(f"$$ (b-1)^2 \\ge 0 \\quad\\text{{{words}}}\\quad b^2 + 1 \\ge 4b $$",
                                   source="a.md")
    assert [s.text for s in first.sides] == ["(b-1)^2", "0"] and first.sides[1].condition is None
    assert [s.text for s in second.sides] == ["b^2 + 1", "4b"]
    condition = second.sides[1].condition
    assert condition is not None and condition.facts is None and words in condition.error


@pytest.mark.parametrize("words", ["by", "using", "from", "since"])
def test_a_reason_after_a_statement_is_the_condition_it_holds_under(words: str) -> None:
    (only,) = extract_chains(f"$$ x^2 \\ge 0 \\quad\\text{{{words}}}\\quad x \\ge 0 $$", source="a.md")
    condition = only.sides[1].condition
    assert condition is not None and condition.facts == (sp.Ge(x, 0),)


def test_a_reason_in_words_between_the_sides_of_a_chain_cuts_nothing() -> None:
    # "(by definition)" before "= ..." is a remark inside the chain; before a statement of its own, with
    # more words than "by", that statement is kept and not read
    doc = ("\\begin{align*} g &= a + 0 \\quad \\text{(by definition)} \\\\ &= a \\quad \\text{(by)} \\\\"
           " &= a + 1 - 1 \\quad \\text{(by definition of the bias } b = c) \\end{align*}")
    first, second = extract_chains(doc, source="a.tex")
    a, b, g = sp.symbols("a b g", real=True)
    assert [s.expr for s in first.sides] == [g, a, a, a] and first.sides[3].condition is None
    assert second.sides[0].expr == b and second.sides[1].condition is not None
    # the seed's own layout: one display, a remark before each "=" on the next line
    (only,) = extract_chains("$$g = a + 0 \\quad \\text{(by definition)}\n= a \\quad \\text{(assumption)}\n"
                             "= a \\quad \\text{(by definition)}$$", source="a.md")
    assert [s.expr for s in only.sides] == [g, a, a, a] and all(s.condition is None for s in only.sides)


def test_intertext_is_the_text_between_two_displays() -> None:
    # \intertext{...} was dropped: its case (w >= 1) lost, and the row after it refuted outside it
    doc = ("\\begin{align*}\nw^2 - 1 &= (w-1)(w+1) \\\\\n\\intertext{and since $w \\ge 1$, {\\em both} are, so}\n"
           "&\\ge 0 \\\\\n\\shortintertext{hence} &= |0|\n\\end{align*}")
    first, case, rest, last = extract_chains(doc, source="a.tex")
    w = sp.Symbol("w", real=True)
    assert [s.text for s in first.sides] == ["w^2 - 1", "(w-1)(w+1)"] and first.goes_on and not first.continues
    assert case.kind == "inline1" and [s.expr for s in case.sides] == [w, 1]
    # the rows after the words: a part of the chain of their own, from the side the words follow
    assert rest.continues and rest.goes_on and [(s.line, s.text) for s in rest.sides] == [(2, "(w-1)(w+1)"),
                                                                                          (4, "0")]
    assert "since $w \\ge 1$" in rest.lead and last.continues and [s.text for s in last.sides] == ["0", "|0|"]


def test_a_display_that_opens_with_a_relation_after_words_continues_the_chain() -> None:
    doc = "$$ a = b $$\n(12)\n\n$$ = c $$\n\nso that\n\n$$ = d $$\n"
    first, rest = extract_chains(doc, source="a.md")
    assert [s.text for s in first.sides] == ["a", "b", "c"]  # an equation number is no words
    assert rest.continues and [s.text for s in rest.sides] == ["c", "d"] and rest.lead.endswith("so that")


@pytest.mark.parametrize("operator", ["\\mathrm{Var}", "\\text{Var}", "\\mathrm{log}", "\\textrm{tr}"])
@pytest.mark.parametrize("gap", [", \\qquad", ", \\quad", " \\qquad"])
def test_an_operator_after_a_gap_is_math_not_words(gap: str, operator: str) -> None:
    # "\\qquad \\mathrm{Var}(X + Y) = 7" was read as X + Y = 7: the operator taken for a remark
    *_, last = extract_chains(f"$$ a = 1{gap} {operator}(X + Y) = 7 $$", source="a.md")
    assert [s.text for s in last.sides] == [f"{operator}(X + Y)", "7"]


@pytest.mark.parametrize("gap", [", \\qquad", ", \\quad", " \\qquad"])
def test_two_statements_with_matrices_written_out_after_a_gap_are_two(gap: str) -> None:
    m = "\\begin{pmatrix} 2 & 1 \\\\ 1 & 2 \\end{pmatrix}"
    doc = (f"$$ {m}\\begin{{pmatrix}} 1 \\\\ 1 \\end{{pmatrix}} = \\begin{{pmatrix}} 3 \\\\ 3 \\end{{pmatrix}}{gap}\n"
           f"{m}\\begin{{pmatrix}} 1 \\\\ -1 \\end{{pmatrix}} = \\begin{{pmatrix}} 1 \\\\ -1 \\end{{pmatrix}} $$")
    first, second = extract_chains(doc, source="a.md")
    # the second was a step from the first's left side (its own left side lost with the environment)
    assert len(first.sides) == len(second.sides) == 2
    assert all(s.error is None for s in (*first.sides, *second.sides))
    assert second.sides[0].text.startswith("\\begin{pmatrix} 2")


@pytest.mark.parametrize("row", ["x = 1 \\quad &\\text{or} \\quad x = 2", "x = 1 &\\text{ or } x = 2",
                                 "x &= 1 \\quad \\text{or} \\quad x = 2", "x = 1, \\qquad x = 2"])
def test_an_alignment_mark_before_or_keeps_the_disjunction_whole(row: str) -> None:
    doc = f"\\begin{{align*}}\n(x - 1)(x - 2) &= 0 \\\\\n{row}\n\\end{{align*}}"
    *_, last = extract_chains(doc, source="a.tex")
    assert len(last.sides) == 1 and last.sides[0].error is not None
    assert "disjunction" in last.sides[0].error.message


def test_short_text_math_pairs_its_own_dollars() -> None:
    # "$x$" (too short to hold a chain) once left its closing $ to open " we have ", and the chain was lost
    (chain,) = extract_chains("For every $x$ we have $x^2 + 1 = (x+1)^2 = x^2 + 2x + 1$.", source="a.md")
    assert [s.text for s in chain.sides] == ["x^2 + 1", "(x+1)^2", "x^2 + 2x + 1"]


@pytest.mark.parametrize("column", ["&& (y \\ge 0)", "&& y \\ge 0", "&&, y \\ge 0", "&& \\text{if } y \\ge 0",
                                    "&& \\text{for } y \\ge 0", "& \\text{when } y \\ge 0"])
def test_a_condition_in_a_column_of_its_own_is_the_rows(column: str) -> None:
    # "(x \ge 0)" in its own alignment column was a statement of its own, and the row refuted outside it
    (chain,) = extract_chains(f"\\begin{{align*}} \\sqrt{{y^2}} &= y {column} \\end{{align*}}", source="a.tex")
    assert [s.text for s in chain.sides] == ["\\sqrt{y^2}", "y"]
    condition = chain.sides[1].condition
    assert condition is not None and condition.facts == (y >= 0,)


@pytest.mark.parametrize("column", [
    "&\\quad& \\text{if } y \\ge 0", "&&\\quad \\text{if } y \\ge 0", "& \\qquad & \\text{if } y \\ge 0",
    "&\\hspace{1em}&\\text{when } y \\ge 0", "&~&\\text{for } y \\ge 0", "&\\;&\\text{where } y \\ge 0",
    "&\\,&&\\text{for all } y \\ge 0", "&\\quad&(y \\ge 0)", "&\\quad& y \\ge 0,"])
@pytest.mark.parametrize("env", ["align*", "alignat*}{2", "flalign*"])
def test_a_condition_after_a_column_of_spacing_is_the_rows(env: str, column: str) -> None:
    # alignat's spacer column (&\quad&) once made "\text{if } y \ge 0" a statement of its own: the row lost
    # its condition and was refuted at y < 0
    name = env.partition("}")[0]
    doc = f"\\begin{{{env}}} \\sqrt{{y^2}} + 0 &= \\sqrt{{y^2}} = y {column} \\end{{{name}}}"
    (chain,) = extract_chains(doc, source="a.tex")
    assert [s.text for s in chain.sides] == ["\\sqrt{y^2} + 0", "\\sqrt{y^2}", "y"]
    assert all(s.condition is not None and s.condition.facts == (y >= 0,) for s in chain.sides[1:])


def test_a_column_of_spacing_between_two_equations_keeps_them_two() -> None:
    first, second = extract_chains("\\begin{alignat*}{2} x &= 1 &\\quad& y &= 2 &\\quad& \\text{if } y \\ge 0"
                                   "\\end{alignat*}", source="a.tex")
    assert [s.expr for s in first.sides] == [x, 1] and first.sides[1].condition is None
    assert [s.expr for s in second.sides] == [y, 2]
    assert second.sides[1].condition is not None and second.sides[1].condition.facts == (y >= 0,)


@pytest.mark.parametrize("rows", [
    "(y+1)^3 = {} & y^3 + 3y^2 \\\\ & + 3y + 1", "(y+1)^3 ={}& y^3 + 3y^2 \\\\ &{}+ 3y + 1",
    "(y+1)^3 &= {} y^3 + 3y^2 \\\\ &\\quad + 3y + 1", "(y+1)^3 = \\mathrel{} & y^3 + 3y^2 \\\\ & + 3y + 1"],
    ids=["before-the-mark", "tight", "after-the-relation", "mathrel"])
def test_an_empty_group_that_spaces_an_operator_is_nothing(rows: str) -> None:
    # "= {} &" (the space of a relation kept before the alignment mark) was "unexpected '}'"
    (chain,) = extract_chains(f"\\begin{{aligned}} {rows} \\end{{aligned}}", source="a.tex")
    assert [(s.relation, s.expr) for s in chain.sides] == [(None, (y + 1) ** 3),
                                                           (Relation.EQ, y**3 + 3 * y**2 + 3 * y + 1)]


@pytest.mark.parametrize("side", ["y^{} + 1", "\\frac{}{2}", "\\sqrt[3]{}"])
def test_an_empty_argument_is_not_read_as_nothing(side: str) -> None:
    (chain,) = extract_chains(f"\\[ x = {side} \\]", source="a.tex")
    assert chain.sides[1].error is not None and "unexpected '}'" in chain.sides[1].error.message


def test_two_columns_of_an_alignment_are_two_statements() -> None:
    x, y = sp.symbols("x y", real=True)
    first, second = extract_chains("\\begin{align*} x &= 1 & y &= 2 \\end{align*}", source="a.tex")
    assert [s.expr for s in first.sides] == [x, 1] and [s.expr for s in second.sides] == [y, 2]


def test_a_row_break_inside_text_does_not_split_the_row() -> None:
    (chain,) = extract_chains("\\begin{align*} z &= 3 \\text{a \\\\ b} \\\\ &= 4 \\end{align*}", source="a.tex")
    assert [s.relation_text for s in chain.sides] == ["", "=", "="]


def test_a_question_mark_over_a_relation_is_not_a_claim() -> None:
    (chain,) = extract_chains("$$ x \\stackrel{?}{=} x+1 $$", source="a.md")
    assert chain.sides[1].relation is None and chain.sides[1].relation_text == "\\stackrel{?}{=}"


@pytest.mark.parametrize(("math", "spelled"), [
    ("a + b \\overset{!}{=} 1", "\\overset{!}{=}"), ("a + b \\stackrel{!}{=} 1", "\\overset{!}{=}"),
    ("a + b \\overset{\\text{!}}{\\le} 1", "\\overset{!}{\\le}"), ("a + b \\overset{?}{=} 1", "\\stackrel{?}{=}"),
], ids=["overset-bang", "stackrel-bang", "text-bang-le", "overset-question"])
def test_a_requirement_over_a_relation_is_not_a_claim(math: str, spelled: str) -> None:
    (chain,) = extract_chains(f"$$ a + b \\doteq b + a = {math} $$", source="a.md")
    assert [(s.relation, s.relation_text) for s in chain.sides[1:]] == [
        (None, "\\doteq"), (Relation.EQ, "="), (None, spelled)]


def test_a_justification_over_a_relation_is_still_a_claim() -> None:
    (chain,) = extract_chains("$$ a \\overset{(3)}{=} b \\stackrel{\\text{Jensen}}{\\le} c $$", source="a.md")
    assert [s.relation for s in chain.sides[1:]] == [Relation.EQ, Relation.LE]


def test_text_math_with_two_relations_is_a_chain_with_its_position() -> None:
    doc = "Line one.\nSo $u^\\top u = a + b \\ge 0$ holds, and $1 \\le i \\le n$ is a range; $a = b$ is not.\n"
    chain, ranged, single = extract_chains(doc, source="a.md")
    # one relation: read for definitions only; a range: at most the case the text takes
    assert (chain.kind, ranged.kind, single.kind) == ("inline", "range", "inline1")
    assert [(s.line, s.column, s.relation_text) for s in chain.sides] == [(2, 5, ""), (2, 16, "="), (2, 26, "\\ge")]


def test_an_equation_number_alone_is_no_math() -> None:
    doc = "$$ a = b $$\n\n$$(30)$$\n\n$$ = c $$\n"
    (chain,) = extract_chains(doc, source="a.md")
    assert [s.text for s in chain.sides] == ["a", "b", "c"]


# -- lists of equations, labels, rows broken inside a bracket -------------------------------------
def test_a_list_of_equations_is_one_statement_per_item() -> None:
    chains = extract_chains(r"We choose $c = 0, \mu = 0, \sigma = 2$ here.", source="a.md", kind="markdown")
    assert [[str(s.expr) for s in c.sides] for c in chains] == [["c", "0"], ["mu", "0"], ["sigma", "2"]]
    assert all(c.lead.rstrip().endswith("We choose") for c in chains)
    (kept,) = extract_chains(r"$$f(a, b) = c = d$$", source="a.md", kind="markdown")
    assert len(kept.sides) == 3  # a comma inside brackets cuts nothing


def test_a_regularizer_name_as_a_superscript_is_a_label() -> None:
    (chain,) = extract_chains(r"$$x = \lambda^{L_2} y$$", source="a.md", kind="markdown")
    assert "lambda_L2" in {s.name for s in chain.sides[1].expr.free_symbols}


def test_a_row_broken_inside_a_bracket_continues_the_side() -> None:
    text = "$$\\begin{split} a &= \\Big( b \\\\ &+ \\mathbb{P}(x \\le 0) \\Big) \\\\ &= c \\end{split}$$"
    (chain,) = extract_chains(text, source="a.md", kind="markdown")
    assert [s.relation_text for s in chain.sides] == ["", "=", "="]
    assert all(s.error is None for s in chain.sides)


def test_a_case_distinction_on_one_side_is_one_piecewise_side() -> None:
    doc = ("\\begin{align*}\n-|x| &= \\begin{cases} -x & x \\ge 0 \\\\ x & x < 0 \\end{cases} \\\\\n"
           "&\\le 0\n\\end{align*}")
    (chain,) = extract_chains(doc, source="a.tex")
    assert summary(chain) == [(2, 1, None, -sp.Abs(x)), (2, 9, Relation.EQ, sp.Piecewise((-x, x >= 0), (x, x < 0))),
                              (3, 6, Relation.LE, 0)]
    assert chain.sides[1].text.startswith("\\begin{cases} -x & x \\ge 0")


def test_an_unreadable_case_distinction_leaves_its_side_unread() -> None:
    doc = "\\[ g = \\begin{cases} 1 & \\text{$x$ is even} \\\\ 0 & x < 0 \\end{cases} \\]"
    (chain,) = extract_chains(doc, source="a.tex")
    assert [s.relation_text for s in chain.sides] == ["", "="]
    assert chain.sides[1].error is not None and "case distinction" in chain.sides[1].error.message


def test_relations_inside_a_nested_environment_do_not_split_the_side() -> None:
    doc = "\\begin{align*}\n\\begin{pmatrix} x \\le 1 & 2 \\\\ 3 & 4 \\end{pmatrix} &= y\n\\end{align*}"
    (chain,) = extract_chains(doc, source="a.tex")
    assert [(s.relation_text, s.expr is None) for s in chain.sides] == [("", True), ("=", False)]


@pytest.mark.parametrize(
    ("remark", "text", "facts"),
    [
        pytest.param("\\quad\\text{for all } y > 2", "y > 2", (y > 2,), id="for-all"),
        pytest.param("\\qquad \\text{if } 0 < y \\le 1", "0 < y \\le 1", (sp.Lt(0, y), y <= 1), id="if-chain"),
        pytest.param("\\quad\\text{whenever $y \\ne 3$.}", "y \\ne 3", (sp.Ne(y, 3),), id="math-in-text"),
        pytest.param("\\quad \\forall y \\ge 0", "\\forall y \\ge 0", (y >= 0,), id="forall"),
        pytest.param("\\quad\\text{for all real } y", "y", (), id="a-name-alone"),
        pytest.param("\\quad\\text{provided } y \\in [0, 1]", "y \\in [0, 1]", (y >= 0, y <= 1), id="closed-interval"),
        pytest.param("\\quad\\text{for } y \\in (2, \\infty)", "y \\in (2, \\infty)", (y > 2,), id="half-line"),
        # R^+ is the positive or the nonnegative reals, by the reader: the weaker, y >= 0
        pytest.param("\\quad (y \\in \\mathbb{R}^+)", "y \\in \\mathbb{R}^+", (y >= 0,), id="positive-reals"),
        pytest.param("\\quad (y \\in \\mathbb{R}_{>0})", "y \\in \\mathbb{R}_{>0}", (y > 0,),
                     id="positive-reals-strict"),
        pytest.param("\\quad\\text{for positive } y", "positive y", (y > 0,), id="a-sign-in-words"),
        pytest.param("\\quad\\text{for all nonnegative } y", "nonnegative y", (y >= 0,), id="all-nonnegative"),
        pytest.param("\\quad\\text{for integer } y", "\\quad\\text{for integer } y", None, id="a-kind-in-words"),
        pytest.param("\\quad (y \\ne 3)", "y \\ne 3", (sp.Ne(y, 3),), id="bare-parentheses"),
        pytest.param("\\qquad (y > 2).", "y > 2", (y > 2,), id="bare-parentheses-period"),
        pytest.param("\\quad \\forall y \\in \\{1, \\dots, 9\\}", "\\forall y \\in \\{1, \\dots, 9\\}",
                     (y >= 1, y <= 9), id="listed-range"),
        pytest.param(", \\; y > 2", "y > 2", (y > 2,), id="comma-domain"),
        pytest.param(",\\quad y > 2", "y > 2", (y > 2,), id="comma-quad-domain"),
        pytest.param("\\qquad y \\ge 2", "y \\ge 2", (y >= 2,), id="gap-domain"),
        pytest.param("\\hspace{1cm} y > 2", "y > 2", (y > 2,), id="hspace-domain"),
        pytest.param("~~~~ y > 2", "y > 2", (y > 2,), id="tilde-gap-domain"),
        pytest.param("\\text{, with } y > 2", "y > 2", (y > 2,), id="comma-with"),
        pytest.param(", \\quad y, z > 2", "y, z > 2", (y > 2, z > 2), id="names-listed"),
        pytest.param(", \\qquad y > 2,\\ z > 0", "y > 2,\\ z > 0", (y > 2, z > 0),
                     id="two-domains"),
        pytest.param(", \\quad y z > 0", "y z > 0", (y * z > 0,), id="a-product-of-names"),
        pytest.param(", \\qquad y + z \\ge 0", "y + z \\ge 0", (y + z >= 0,), id="a-sum-of-names"),
    ],
)
def test_a_condition_after_a_row_is_kept_with_it(remark: str, text: str, facts: object) -> None:
    (chain,) = extract_chains(f"\\[ y^3 \\ge y {remark} \\]", source="a.tex")
    assert [s.expr for s in chain.sides] == [y**3, y]
    condition = chain.sides[1].condition
    assert condition is not None and condition.text == text and condition.facts == facts
    assert (condition.facts is None) == bool(condition.error)


def test_math_after_a_wide_gap_is_never_guessed() -> None:
    # \\hspace{1cm}, ~~~~ and \\quad separate what stands beside the row: "y^2 \\quad y" is neither
    # the product y^3 nor y^2 with the rest dropped; a thin \\hspace{1pt} is spacing inside a product
    for gap in ("\\hspace{1cm}", "~~~~", "\\quad"):
        (chain,) = extract_chains(f"\\[ y^3 = y^2 {gap} y \\]", source="a.tex")
        assert chain.sides[1].expr is None and "gap" in str(chain.sides[1].error)
    (chain,) = extract_chains("\\[ y^3 = y^2 \\hspace{1pt} y \\]", source="a.tex")
    assert [s.expr for s in chain.sides] == [y**3, y**3]


def test_a_reference_after_a_row_is_no_condition() -> None:
    (chain,) = extract_chains("\\[ y^3 = y \\cdot y^2 \\quad\\text{(by (3))} \\]", source="a.tex")
    assert [s.condition for s in chain.sides] == [None, None]


@pytest.mark.parametrize(
    "conclusion",
    ["y = 2 \\text{ or } y = -2", "y = 2 \\quad\\text{or}\\quad y = -2", "y = 2 \\lor y = -2",
     "y = 2 \\vee y = -2", "y = 2, \\ y = -2"],
    ids=["text-or", "spaced-or", "lor", "vee", "list-of-values"],
)
def test_a_disjunction_after_a_logical_relation_is_one_unchecked_statement(conclusion: str) -> None:
    (chain,) = extract_chains(f"\\begin{{align*}}\ny^2 = 4 &\\iff {conclusion}\n\\end{{align*}}", source="a.tex")
    (link,) = chain.links
    assert link.premise == (sp.Eq(y**2, 4, evaluate=False),)
    assert link.conclusion is None and "disjunction" in link.error
    assert [s.expr for s in chain.sides] == [y**2, 4]  # no disjunct stands as a side of its own


@pytest.mark.parametrize("row", ["y = 2 \\text{ or } y = -2", "y = 2, \\quad y = -2", "y = 0 \\lor z = 0"],
                         ids=["text-or", "list-of-values", "lor"])
def test_a_disjunction_on_its_own_is_one_unread_side(row: str) -> None:
    (chain,) = extract_chains(f"\\[ {row} \\]", source="a.tex")
    (side,) = chain.sides
    assert side.expr is None and side.error is not None and "disjunction" in side.error.message


def test_and_in_a_logical_step_joins_two_statements_into_one() -> None:
    doc = "\\[ t = 1 \\implies t^2 = 1 \\text{ and } s = 3 \\]\n\\[ x = 1 \\text{ and } y = 2 \\implies x + y = 3 \\]"
    first, second = extract_chains(doc, source="a.tex")
    t, s_, x_, y_ = sp.symbols("t s x y", real=True)
    (link,) = first.links
    assert link.conclusion == (sp.Eq(t**2, 1, evaluate=False), sp.Eq(s_, 3, evaluate=False))
    assert all(side.expr != s_ for side in first.sides)  # s = 3 is no definition beside the step
    (link,) = second.links
    assert link.premise == (sp.Eq(x_, 1, evaluate=False), sp.Eq(y_, 2, evaluate=False))


def test_an_unreadable_conjunct_leaves_the_step_unread() -> None:
    (chain,) = extract_chains("\\[ t = 1 \\implies t^2 = 1 \\text{ and } s = \\bad{3} \\]", source="a.tex")
    (link,) = chain.links
    assert link.conclusion is None and "'and'" in link.error


def test_a_list_of_different_names_is_still_one_statement_per_item() -> None:
    chains = extract_chains("\\[ y = 2, \\quad z = 3 \\]", source="a.tex")
    assert [[s.expr for s in c.sides] for c in chains] == [[y, 2], [z, 3]]




def test_an_interval_in_text_math_is_a_range() -> None:
    (chain,) = extract_chains("Assume $\\gamma \\in (0, 1]$.", source="a.md")
    assert chain.kind == "range" and [s.relation_text for s in chain.sides] == ["", "<", "\\le"]
    assert [s.text for s in chain.sides] == ["0", "\\gamma", "1"]


def test_a_condition_after_text_math_is_the_condition_it_is_stated_under() -> None:
    (chain,) = extract_chains("Then $a^t = a a^{t-1} \\le a$ for $t \\ge 1$.", source="a.md")  # no chain of its own
    assert chain.kind == "inline" and [s.condition.text if s.condition else None for s in chain.sides] == [
        "t \\ge 1"] * 3


@pytest.mark.parametrize("word", ["since", "because", "given that", "provided that"])
def test_a_reason_after_text_math_is_the_condition_it_is_stated_under_and_a_case_after_it(word: str) -> None:
    # as after a display: "we get $x^3 = x^2 x < x$ since $0 < x < 1$" claims it only there (refuted at x = 2)
    chain, case = extract_chains(f"So $x^3 = x^2 x < x$ {word} $0 < x < 1$.", source="a.md")
    assert chain.kind == "inline" and {s.condition.text if s.condition else None for s in chain.sides} == {
        "0 < x < 1"}
    assert case.kind == "range" and [s.text for s in case.sides] == ["0", "x", "1"]  # for the lines after it too


def test_a_range_its_sentence_asks_is_no_claim_nor_a_range() -> None:
    (asked,) = extract_chains("Is it true that $1 < 2 < 1$? No.", source="a.md")
    assert asked.kind == "asked"


@pytest.mark.parametrize("after", ["when $x < 0$ or $x > 5$", "for $x < 0$, and for $x > 5$",
                                   "except when $x > 0$", "unless $x > 0$", "for $x < 0$ as well as for $x > 5$",
                                   "for $x < 0$, and similarly for $x > 5$", "for $x < 0$ (and for $x > 5$)",
                                   "for $x < 0$, $x > 5$", "for $x < 0$ and at $x = 7$",
                                   "for $x < 0$; the same holds for $x = 7$", "for $x < 0$ including $x = 7$"])
def test_a_condition_after_text_math_with_another_case_or_an_exception_is_not_read(after: str) -> None:
    # only "x < 0" was kept, and the line proved where the student also claimed x > 5
    (chain,) = extract_chains(f"Note $\\sqrt{{x^2}} = -x = |x|$ {after}.", source="a.md")
    conditions = {s.condition for s in chain.sides[1:]}
    assert len(conditions) == 1 and all(c is not None and c.facts is None for c in conditions)


def test_a_domain_is_read_in_time_linear_in_its_length() -> None:
    from symproofs.latex.remarks import is_domain

    # one pattern for a list of relations backtracked exponentially on a long row that was not one
    assert not is_domain("x > 0, " * 3000 + "= 1")
    assert is_domain("x > 0, " * 3000 + "y \\le 1")


@pytest.mark.parametrize("after", ["when $x > 0$ is violated", "when $x > 0$ does not hold", "for $x > 0$ is false",
                                   "when $x > 0$ is excluded", "if $x > 0$ fails"])
def test_a_condition_after_text_math_that_words_take_back_is_not_read(after: str) -> None:
    # "x > 0" was kept without the words, and the line refuted where it claims nothing
    (chain,) = extract_chains(f"Note $\\sqrt{{x^2}} = |x| = -x$ {after}.", source="a.md")
    conditions = {s.condition for s in chain.sides}
    assert len(conditions) == 1 and all(c is not None and c.facts is None for c in conditions)


@pytest.mark.parametrize("remark", ["\\qquad \\text{when } y > 2 \\text{ is violated}",
                                    "\\qquad \\text{when } y > 2 \\text{ is untrue}",
                                    "\\qquad \\text{when } y > 2 \\text{ ceases to hold}",
                                    "\\qquad \\text{when } y > 2 \\text{ is ruled out}",
                                    "\\qquad (y > 2 \\text{ excluded})", "\\qquad (y > 2 \\text{ fails})"])
def test_a_condition_of_a_row_that_words_take_back_is_not_read(remark: str) -> None:
    (chain,) = extract_chains(f"\\[ y^3 \\ge y {remark} \\]", source="a.tex")
    condition = chain.sides[1].condition
    assert condition is not None and condition.facts is None and condition.error


@pytest.mark.parametrize(("text", "kind"), [
    ("Is $\\sqrt{x^2} = |x| = x$? No, only when $x \\ge 0$.", "asked"),
    ("We cannot write $\\sqrt{x^2} = |x| = x$ in general.", "asked"),
    ("It is not true that $\\sqrt{x^2} = |x| = x$.", "asked"),
    ("Then $\\sqrt{x^2} = |x| = x$ is wrong.", "asked"),
    ("Hence $\\sqrt{x^2} = |x| = x$ here.", "inline"),
    ("We can write $\\sqrt{x^2} = |x| = x$ here. Is that clear?", "inline"),
])
def test_text_math_its_sentence_asks_or_denies_is_no_claim(text: str, kind: str) -> None:
    (chain,) = [c for c in extract_chains(text, source="a.md") if len(c.sides) == 3]
    assert chain.kind == kind


def test_an_arg_max_keeps_its_operator_name_in_the_span_and_is_not_read() -> None:
    (chain,) = extract_chains("$$ \\operatorname*{arg\\,max}_{x \\in [0,1]} x(1-x) = \\frac12 $$", source="a.md")
    first = chain.sides[0]
    assert (first.text, first.column, first.expr) == ("\\operatorname*{arg\\,max}_{x \\in [0,1]} x(1-x)", 4, None)
    assert first.error is not None and "arg max" in str(first.error)


CASES_FIRST = r"""$$ (x+1)^2 = x^2 + 2x + 1 $$

The indicator of the open and of the closed half-line agree:

$$ \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases} $$

$$ \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} + 1 = 5 $$
"""


def test_a_display_that_opens_with_a_cases_value_is_read_as_a_piecewise_value() -> None:
    _, first, second = extract_chains(CASES_FIRST, source="answer.md")
    open_, closed = sp.Piecewise((1, x > 0), (0, True)), sp.Piecewise((1, x >= 0), (0, True))
    assert [(s.line, s.relation, sp.piecewise_fold(s.expr)) for s in first.sides] == [
        (5, None, open_), (5, Relation.EQ, closed)]
    assert [(s.line, s.relation, s.expr) for s in second.sides] == [(7, None, open_ + 1), (7, Relation.EQ, 5)]


def test_a_row_opening_with_a_relation_after_a_new_sentence_is_not_joined_to_the_chain_before() -> None:
    doc = "$$ (x-1)(x+1) = x^2 - 1 $$\n\nNext, the square:\n\n$$ = x^2 - 1 $$\n"
    first, second = extract_chains(doc, source="answer.md")
    assert [s.line for s in first.sides] == [1, 1] and not first.goes_on and not second.continues
    assert second.sides[0].error is not None and second.sides[0].error.message == (
        "this row starts with a relation; the chain before it ended at line 1, and a new sentence stands between them")


@pytest.mark.parametrize(
    "display",
    [
        pytest.param(r"x + 1 = 2", id="a-relation"),
        pytest.param(r"\mathrm{(x+1)^2} = x^2 - 1", id="a-math-font-first"),
        pytest.param(r"x^2 + 2x + 1 = (x+1)^2 \mathrm{- 2x}", id="a-math-font-last"),
        pytest.param(r"x^2 + 2x + 1 = (x+1)^2 \text{$-2x$}", id="text-math-last"),
        pytest.param(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} = 5", id="cases-equals-a-number"),
        pytest.param(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} + 1 = 5", id="cases-plus-one"),
        pytest.param(r"\left\{ \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} \right. = 5", id="left-brace"),
        pytest.param(r"\begin{cases} 1 = 2 & x > 0 \\ 0 & x \le 0 \end{cases}", id="a-relation-in-a-case-value"),
        pytest.param(r"x = 1 \text{ or } x = -1", id="a-disjunction"),
        pytest.param(r"x > 1 \implies x^2 > 1", id="an-implication"),
        pytest.param(r"= x^2 - 1", id="a-relation-first"),
    ],
)
def test_no_display_with_a_relation_is_silently_dropped(display: str) -> None:
    doc = f"$$ (x-1)(x+1) = x^2 - 1 $$\n\nNext, the square:\n\n$$ {display} $$\n"
    chains = extract_chains(doc, source="answer.md")
    read = [s for c in chains for s in c.sides if s.line == 5] + [k for c in chains for k in c.links if k.line == 5]
    assert read, f"the display {display!r} yields nothing"


def test_text_math_joined_by_an_implication_is_a_chain_of_statements_not_a_range() -> None:
    r"""``$x > 1 \implies x^2 > 1$``: two statements and the step between them, as in a display (never a range
    whose ends are odd steps)."""
    for arrow in ("\\implies", "\\iff", "\\Rightarrow", "\\Leftrightarrow"):
        (chain,) = extract_chains(f"Note that $x > 1 {arrow} x^2 > 1$.\n", source="a.md")
        assert chain.kind == "inline" and len(chain.links) == 1
        (link,) = chain.links
        assert link.premise == (sp.Gt(x, 1),) and link.conclusion == (sp.Gt(x**2, 1),)
    (ranged,) = extract_chains("Note that $0 < x < 1$.\n", source="a.md")
    assert ranged.kind == "range"


@pytest.mark.parametrize("gap", ["; \\;", ";", "; \\quad", ";\\,"])
def test_a_semicolon_between_two_statements_ends_the_first(gap: str) -> None:
    # "x^2-1 = (x-1)(x+1); \; 3 + 3 = 7": the second statement was a step from x^2 - 1 (3 + 3 silently dropped)
    first, second = extract_chains(f"$$ x^2-1 = (x-1)(x+1){gap} 3 + 3 = 7 $$", source="a.md")
    assert [s.text for s in first.sides] == ["x^2-1", "(x-1)(x+1)"]
    assert [s.text for s in second.sides] == ["3 + 3", "7"]
    assert all(s.error is None for s in (*first.sides, *second.sides))


def test_a_semicolon_inside_brackets_separates_arguments() -> None:
    (chain,) = extract_chains("$$ L(w; \\lambda) = w^2 + \\lambda $$", source="a.md")
    assert len(chain.sides) == 2 and chain.sides[0].text.startswith("L(w;")


def _first_condition(doc: str) -> object:
    chain = next(c for c in extract_chains(doc, source="t.md", kind="markdown") if c.sides)
    return chain.sides[0].condition


@pytest.mark.parametrize("words", [
    "\\quad \\text{evaluated at } x = 2", "\\text{ at } x = 2", "\\quad \\text{at the point } x = 2",
    "\\text{ in the case } x = 2", "\\text{ is solved by } x = 2",
])
def test_a_row_restricted_to_a_point_in_words_is_read_under_it(words: str) -> None:
    condition = _first_condition(f"$$ x^2 = 4x - 4 {words} $$\n")
    assert condition is not None and [str(f) for f in condition.facts or ()] == ["Eq(x, 2)"]


@pytest.mark.parametrize(("row", "said"), [
    ("(x+1)^2 = x^2 + 1 \\text{ only when } x = 0", "only when"),
    ("(x+1)^2 = x^2 + 1 \\quad \\text{precisely for } x = 0", "precisely for"),
    ("x^2 = x \\quad \\text{holds for } x = 0 \\text{ and } x = 1", "holds for"),
    ("x^2 = 4x - 4 \\text{ has the double root } x = 2", "double root"),
    ("\\sin x = x - \\frac{x^3}{6} \\quad \\text{up to } O(x^5)", "up to"),
    ("x^2 = 4x - 4 \\text{ gives } x = 2", "gives x = 2"),
])
def test_a_row_qualified_in_words_not_read_is_stated_under_them(row: str, said: str) -> None:
    condition = _first_condition(f"$$ {row} $$\n")
    assert condition is not None and condition.facts is None and said in condition.text + condition.error


@pytest.mark.parametrize("row", [
    "(a + b)^2 = a^2 + b^2 \\quad \\text{by expanding}", "(a + b)^2 = a^2 + b^2 \\quad \\text{at most}",
    "(x + 1)^2 = x^2 + 2x + 2 \\text{ gives } (x+1)^2 - 1 = x^2 + 2x + 1",
])
def test_neutral_words_after_a_row_leave_it_claimed_for_every_value(row: str) -> None:
    assert _first_condition(f"$$ {row} $$\n") is None


@pytest.mark.parametrize(("before", "after", "denied"), [
    ("It is *not* true that", "", True), ("**Wrong:**", "", True), ("One cannot conclude that", "", True),
    ("", "does not hold in general.", True), ("The claim", "is false: with $a = 1$ it fails.", True),
    ("It is true that", "", False), ("**Right:**", "", False), ("", "holds for all $a, b$.", False),
])
def test_a_display_the_words_deny_is_not_a_claim(before: str, after: str, denied: bool) -> None:
    chains = [c for c in extract_chains(f"{before}\n$$ (a + b)^2 = a^2 + b^2 $$\n{after}\n", source="t.md",
                                        kind="markdown", inline=False) if c.sides]
    assert (chains[0].kind == "asked") is denied


def _conditions(doc: str, source: str = "answer.tex") -> list[tuple[str, tuple[sp.Basic, ...] | None]]:
    """Each chain's first side text with the facts of the condition its last side is stated under."""
    return [(c.sides[0].text, None if c.sides[-1].condition is None else c.sides[-1].condition.facts)
            for c in extract_chains(doc, source=source)]


def test_a_condition_in_an_alignment_column_of_its_own_is_the_rows() -> None:
    doc = ("\\begin{align*}\n\\sqrt{u^2} &= u, & u &\\ge 0, \\\\\n\\sqrt{u^2} &= -u, & u &< 0.\n\\end{align*}\n")
    u = sp.Symbol("u", real=True)
    found = _conditions(doc)
    assert [text for text, _ in found] == ["\\sqrt{u^2}", "\\sqrt{u^2}"]
    assert [tuple(str(f) for f in facts or ()) for _, facts in found] == [(str(u >= 0),), (str(u < 0),)]


def test_two_statements_in_two_columns_stay_two_statements() -> None:
    doc = "\\begin{align*}\na &= 1, & b &= 2\n\\end{align*}\n"
    assert [(text, facts) for text, facts in _conditions(doc)] == [("a", None), ("b", None)]


@pytest.mark.parametrize("remark", [
    "\\quad \\text{on } s \\ge 0", "\\quad \\text{over } s \\ge 0", "\\qquad \\text{(recall } s \\geq 0\\text{)}",
    "\\quad \\text{on the interval } s \\ge 0", "\\quad (s \\in [0, \\infty))",
])
def test_a_domain_in_words_beside_the_row_is_its_condition(remark: str) -> None:
    (chain,) = extract_chains(f"$$\\sqrt{{s^2}} = s {remark}$$\n", source="answer.md")
    assert [side.text for side in chain.sides] == ["\\sqrt{s^2}", "s"]
    condition = chain.sides[-1].condition
    assert condition is not None and condition.facts is not None and condition.facts
