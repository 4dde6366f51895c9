"""Python and sympy exceptions as reasons a TA can read (symproofs.verifier.reasons)."""

from __future__ import annotations

import pytest

from symproofs.verifier.reasons import readable
from symproofs.verifier.strategies import failure_note


@pytest.mark.parametrize("exc", [
    TypeError("Mix of Matrix and Scalar symbols"),
    TypeError("unsupported operand type(s) for +: 'ImmutableDenseMatrix' and 'Mul'"),
    TypeError("unsupported operand type(s) for *: 'int' and 'NoneType'"),
    AttributeError("'Add' object has no attribute 'shape'"),
    TypeError(""),
])
def test_the_interpreters_messages_are_put_in_words(exc: Exception) -> None:
    text = readable(exc)
    assert text and "'" not in text and "Mix of" not in text and "operand type" not in text
    assert "'" not in failure_note("matrix instances", exc)


def test_a_message_written_for_people_is_kept() -> None:
    assert readable(ValueError("the sides have different shapes")) == "the sides have different shapes"


def test_a_checks_own_type_error_keeps_its_words() -> None:
    text = "Scalar takes a matrix expression, not 2*x"
    assert readable(TypeError(text)) == text
