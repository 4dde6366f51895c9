"""The lexing stage of the LaTeX front end: tokens, macros, limits, splitting."""

from __future__ import annotations

import pytest

from symproofs.core.errors import InputError
from symproofs.latex import parser as latex
from symproofs.latex.declarations import Notation
from symproofs.latex.lexer import prepare, split_relations
from symproofs.latex.tokens import WORDS, Origin
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
