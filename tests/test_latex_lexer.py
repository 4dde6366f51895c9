"""The lexing stage of the LaTeX front end: tokens, macros, limits, splitting."""

from __future__ import annotations

import pytest

from symproofs.core.errors import InputError
from symproofs.latex import parser as latex
from symproofs.latex.declarations import Notation
from symproofs.latex.lexer import DECIMAL_COMMA, decimal_comma_in, prepare, split_relations
from symproofs.latex.tokens import WORDS, Origin, marked_relation, over_mark
from symproofs.latex.vocabulary import FUNCS, OPERATORS


def _tokens(text: str, notation: Notation | None = None) -> list[tuple[str, str]]:
    origin = Origin(text, None, 1, 1)
    note = notation or Notation()
    return [(t.kind, t.text) for t in prepare(origin, macros=note.macros, functions=note.functions)]


def test_the_lexer_knows_every_function_and_operator_the_parser_builds() -> None:
    assert set(FUNCS) | set(OPERATORS) | {"P", "Pr", "diag"} == WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a=b", 2, id="one-relation"),
        pytest.param(r"a \le b = c", 3, id="two-relations"),
        pytest.param(r"\left( a = b \right) = c", 2, id="relation-inside-brackets-ignored"),
        pytest.param(r"f(a, b)", 1, id="no-relation"),
    ],
)
def test_split_relations_cuts_only_at_top_level(text: str, expected: int) -> None:
    toks = prepare(Origin(text, None, 1, 1))
    assert len(split_relations(toks)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(r"\def\x{1} x", "def", id="def"),
        pytest.param(r"\input{secret}", "input", id="input"),
        pytest.param(r"\catcode`\^=11", "catcode", id="catcode"),
    ],
)
def test_tex_programming_is_an_input_error_with_its_position(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        latex.parse_math(text, source="answer.tex", line=3, column=5)
    assert info.value.line == 3
    assert info.value.column is not None and info.value.column >= 5


def test_spacing_and_labels_are_dropped() -> None:
    assert _tokens(r"a \, + \label{eq:1} b") == _tokens("a + b")


def test_macros_expand_and_their_budget_is_enforced() -> None:
    notation = Notation(macros={"x": r"\x\x"})
    with pytest.raises(InputError, match="macro"):
        _tokens(r"\x", notation)
    assert _tokens(r"\half", Notation(macros={"half": r"\frac{1}{2}"})) == _tokens(r"\frac{1}{2}")


def test_overlong_text_is_refused_before_lexing() -> None:
    with pytest.raises(InputError, match="longer than"):
        _tokens("x + " * 6000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a != b", [("letter", "a"), ("rel", "\\neq"), ("letter", "b")], id="bang-equals"),
        pytest.param("3! = 6", [("num", "3"), ("sym", "!"), ("rel", "="), ("num", "6")],
                     id="factorial-then-equals"),
        pytest.param(r"\lbrack a \rbrack", [("sym", "["), ("letter", "a"), ("sym", "]")],
                     id="lbrack-rbrack"),
    ],
)
def test_spellings_are_normalised(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tokens(text) == expected


def test_two_sized_bars_in_a_row_are_a_norm() -> None:
    notation = Notation(matrices={"W": ("n", "n"), "x": ("n",)})
    double = latex.parse_math(r"\left| \left| W x \right| \right|", notation=notation)
    assert double == latex.parse_math(r"\|W x\|", notation=notation)
    with pytest.raises(InputError):  # nested absolute values sized this way: refused, never misread
        latex.parse_math(r"\left| \left| a \right| - 1 \right|")


@pytest.mark.parametrize(("typed", "command"), [
    ("⇒", r"\Rightarrow"), ("⟹", r"\Longrightarrow"), ("⇔", r"\Leftrightarrow"), ("⟺", r"\Longleftrightarrow"),
    ("⇐", r"\Leftarrow"), ("⟸", r"\Longleftarrow"), ("→", r"\rightarrow"), ("←", r"\leftarrow"),
    ("↔", r"\leftrightarrow"), ("⟶", r"\longrightarrow"), ("⟵", r"\longleftarrow"),
    ("⟷", r"\longleftrightarrow"), ("↦", r"\mapsto"), (r"\gets", r"\leftarrow"),
])
def test_an_arrow_typed_in_unicode_or_named_otherwise_is_the_command_it_typesets(typed: str, command: str) -> None:
    assert _tokens(f"x = 1 {typed} y") == _tokens(f"x = 1 {command} y")
    assert _tokens(f"x=1{typed} y") == _tokens(f"x = 1 {command} y")  # no space before it
    assert ("bad", typed) not in _tokens(f"x = 1 {typed} y")


@pytest.mark.parametrize(("over", "mark"), [
    ("?", "?"), ("!", "!"), (r"\text{!}", "!"), (r"\mathrm{?}", "?"), ("!?", "?"), (r"\text{set}", "!"),
    (r"\text{must}", "!"), ("(3)", ""), ("3", ""), (r"\text{def}", ""), (r"\text{Jensen}", ""), ("*", ""),
    (r"\ast", ""), ("(i)", ""), ("", ""),
], ids=["question", "bang", "text-bang", "mathrm-question", "interrobang", "set", "must", "equation-number",
        "number", "def", "named-result", "star", "ast", "roman", "empty"])
def test_a_mark_over_a_relation_is_a_question_a_requirement_or_a_justification(over: str, mark: str) -> None:
    assert over_mark(over) == mark
    assert (marked_relation(over, "=") is None) == (mark == "")


@pytest.mark.parametrize(("text", "relation"), [
    (r"a \overset{!}{=} 1", r"\overset{!}{=}"), (r"a \stackrel{!}{\le} 1", r"\overset{!}{\le}"),
    (r"a \stackrel{?}{=} 1", "?="), (r"a \overset{(3)}{=} 1", "="), (r"a \overset{\text{def}}{=} 1", "="),
], ids=["overset-bang", "stackrel-bang-le", "question", "reference", "def"])
def test_a_marked_relation_is_one_token_spelled_by_its_mark(text: str, relation: str) -> None:
    rels = [t for t in _tokens(text) if t[0] == "rel"]
    assert rels == [("rel", relation)]


@pytest.mark.parametrize("text", [
    r"\operatorname*{arg\,max}_{x \in [0,1]} x(1-x)", r"\operatorname{argmin}_x (x-1)^2", r"\arg\max_x f(x)",
    r"\arg\,\min_{x} x^2", r"\mathrm{arg\;max}_x x", r"\operatorname*{arg max}(x)",
], ids=["operatorname-star-thin-space", "operatorname", "arg-max", "arg-spaced-min", "mathrm", "space"])
def test_an_arg_max_is_one_unread_token_from_its_first_character(text: str) -> None:
    toks = prepare(Origin(text, None, 1, 1))
    assert toks[0].kind == "bad" and toks[0].start == 0 and "arg max" in toks[0].arg
    assert [t.text for t in toks[1:3]] != ["max", "_"]  # the max of \arg\max is not read on its own


@pytest.mark.parametrize(("text", "name"), [
    (r"\operatorname*{max}_x x", "max"), (r"\operatorname{Var}(X)", "Var"), (r"\operatorname*{tr}(A)", "tr"),
], ids=["max", "var", "tr"])
def test_a_starred_operator_name_is_the_operator(text: str, name: str) -> None:
    assert _tokens(text)[0] == ("raw", "operatorname") and prepare(Origin(text, None, 1, 1))[0].arg == name


@pytest.mark.parametrize(("text", "number"), [
    # a group of exactly three digits after {,} (after one to three leading digits) is one of thousands
    (r"1{,}000", "1000"), (r"12{,}345", "12345"), (r"1{,}000{,}000", "1000000"),
    # any other group is decimals (a decimal comma); a lone 0 before it too
    (r"1{,}5", "1.5"), (r"0{,}125", "0.125"), (r"1000{,}000", "1000.000"),
])
def test_a_comma_in_braces_before_three_digits_separates_thousands(text: str, number: str) -> None:
    (tok,) = prepare(Origin(text, None, 1, 1))
    assert (tok.kind, tok.text) == ("num", number)


@pytest.mark.parametrize(("document", "uses"), [
    (r"p = 0{,}5", True), (r"e \approx 2{,}7183", True), (r"1{,}5 x", True), (r"1234{,}5", True),
    (r"1{,}000 + 2{,}000", False), (r"1{,}000{,}000", False), (r"3{,}142", False),
])
def test_a_document_uses_a_decimal_comma_where_a_number_only_reads_as_a_decimal(document: str, uses: bool) -> None:
    assert decimal_comma_in(document) is uses


def test_three_digits_after_a_comma_are_no_thousands_in_a_document_with_a_decimal_comma() -> None:
    token = DECIMAL_COMMA.set(True)
    try:
        (ambiguous,) = prepare(Origin(r"3{,}142", None, 1, 1))
        (decimal,) = prepare(Origin(r"0{,}5", None, 1, 1))
        (grouped,) = prepare(Origin(r"1{,}000{,}000", None, 1, 1))
    finally:
        DECIMAL_COMMA.reset(token)
    assert ambiguous.kind == "bad" and "ambiguous reading" in str(ambiguous.arg)
    assert (decimal.kind, decimal.text) == ("num", "0.5")
    assert (grouped.kind, grouped.text) == ("num", "1000000")  # two groups: thousands only


@pytest.mark.parametrize(("text", "row"), [
    (r"\begin{cases} c = 0 \\[4pt] m = 1 \end{cases}", "m=1"),
    (r"\begin{cases} c = 0 \\[a+b] m = 1 \end{cases}", "[a+b]m=1"),  # an expression, not a length
    (r"\begin{cases} c = 0 \\[\mu] m = 1 \end{cases}", "[\\mu]m=1"),
])
def test_a_row_break_takes_only_a_length_as_its_spacing(text: str, row: str) -> None:
    toks = prepare(Origin(text=text, source="t", line=1, column=1))
    k = next(i for i, t in enumerate(toks) if t.kind == "brk")
    after = "".join("\\" + t.text if t.kind == "cmd" else t.text for t in toks[k + 1:])
    assert after.startswith(row), after


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.arg if t.kind == "raw" else t.text) for t in prepare(Origin(text, None, 1, 1))]


@pytest.mark.parametrize(
    ("font", "plain"),
    [
        pytest.param(r"\mathrm{(x+1)^2} = x^2 - 1", "(x+1)^2 = x^2 - 1", id="mathrm-around-a-power"),
        pytest.param(r"\mathsf{(x+1)^3} = 2", "(x+1)^3 = 2", id="mathsf"),
        pytest.param(r"\mathit{x + 1} = 2", "x + 1 = 2", id="mathit"),
        pytest.param(r"\mathtt{2 + 2} = 5", "2 + 2 = 5", id="mathtt"),
        pytest.param(r"a = (x+1)^2 \mathrm{- 2x}", "a = (x+1)^2 - 2x", id="trailing-mathrm"),
        pytest.param(r"a = (x+1)^2 \mathtt{-2x}", "a = (x+1)^2 - 2x", id="trailing-mathtt"),
        pytest.param(r"a = (x+1)^2 \, \mathrm{-} \, 2x", "a = (x+1)^2 - 2x", id="an-upright-minus"),
        pytest.param(r"a = (x+1)^2 \text{$-2x$}", "a = (x+1)^2 - 2x", id="text-math-in-text"),
        pytest.param(r"a = (x+1)^2 \mbox{$-2x$}", "a = (x+1)^2 - 2x", id="text-math-in-mbox"),
        pytest.param(r"e^\mathrm{x+1}", "e^{x+1}", id="a-script-keeps-the-whole"),
    ],
)
def test_a_math_font_around_an_expression_is_its_content(font: str, plain: str) -> None:
    assert [k[1] for k in _kinds(font)] == [k[1] for k in _kinds(plain)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"\mathrm{d}x", [("raw", "d"), ("letter", "x")], id="a-differential"),
        pytest.param(r"\mathrm{Var}(X)", [("raw", "Var"), ("sym", "("), ("letter", "X"), ("sym", ")")], id="var"),
        pytest.param(r"\mathrm{Var[X]}", [("raw", "Var"), ("sym", "["), ("letter", "X"), ("sym", "]")],
                     id="an-operator-inside"),
        pytest.param(r"\mathrm{e^{2}}", [("raw", "e"), ("sym", "^"), ("sym", "{"), ("num", "2"), ("sym", "}")],
                     id="upright-e-is-eulers-number"),
        pytest.param(r"\mathrm{tr}(A)", [("raw", "tr"), ("sym", "("), ("letter", "A"), ("sym", ")")], id="trace"),
    ],
)
def test_upright_names_stay_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(r"a = b \quad \mathrm{(by\ Cauchy-Schwarz)}", id="a-reason"),
        pytest.param(r"a = b \quad \text{(by Cauchy--Schwarz)}", id="a-reason-in-text"),
        pytest.param(r"a = b \mathrm{\ i.e.}", id="i-e"),
        pytest.param(r"a = b \quad \mathrm{(a)}", id="a-label"),
    ],
)
def test_words_in_a_font_stay_a_remark(text: str) -> None:
    assert _kinds(text) == [("letter", "a"), ("rel", "="), ("letter", "b")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(r"a = b \mathrm{- 2x by (3)}", "math and words", id="math-and-words-in-a-font"),
        pytest.param(r"a = b \text{ minus $2x$}", "math inside a remark", id="text-math-inside-words"),
        pytest.param(r"a = b \text{- 2x}", "math inside a remark", id="an-operator-opens-the-text"),
        pytest.param(r"a = b \text{ by CS } 2x", "math after a remark", id="math-after-words"),
    ],
)
def test_math_in_or_after_a_remark_is_never_dropped_unread(text: str, message: str) -> None:
    bad = [t for t in prepare(Origin(text, None, 1, 1)) if t.kind == "bad"]
    assert bad and message in bad[0].arg


def test_a_font_read_as_math_keeps_the_span_of_the_command() -> None:
    text = r"a = (x+1)^2 \mathrm{- 2x}"
    toks = prepare(Origin(text, None, 1, 1))
    assert toks[-1].end == len(text) and text[toks[-3].start:].startswith(r"\mathrm")
