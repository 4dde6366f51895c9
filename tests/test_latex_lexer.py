"""The lexing stage of the LaTeX front end: tokens, macros, limits, splitting."""

from __future__ import annotations

import pytest

from symproofs.core.errors import InputError
from symproofs.latex import parser as latex
from symproofs.latex.lexer import WORDS, Origin, prepare, split_relations
from symproofs.latex.parser import Notation


def _tokens(text: str, notation: Notation | None = None) -> list[tuple[str, str]]:
    origin = Origin(text, None, 1, 1)
    return [(t.kind, t.text) for t in prepare(origin, notation or Notation())]


def test_the_lexer_knows_every_function_and_operator_the_parser_builds() -> None:
    assert set(latex._FUNCS) | set(latex._OPS) == WORDS


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
    toks = prepare(Origin(text, None, 1, 1), Notation())
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
