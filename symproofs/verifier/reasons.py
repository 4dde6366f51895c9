"""Python and sympy exceptions as reasons a TA can read.

A strategy that fails on a step, or sides that cannot be compared, show
why; the exception's own text (``Mix of Matrix and Scalar symbols``,
``unsupported operand type(s) for +: 'ImmutableDenseMatrix' and 'Mul'``) is
for programmers. :func:`readable` keeps messages written for people (those
of :class:`~symproofs.core.errors.InputError` and the checks' own
exceptions) and turns the interpreter's into plain words.

>>> readable(TypeError("Mix of Matrix and Scalar symbols"))
'a matrix and a number added or compared where the shapes do not allow it'
>>> readable(TypeError("unsupported operand type(s) for +: 'ImmutableDenseMatrix' and 'Mul'"))
'a matrix and a number combined by + where the shapes do not allow it'
>>> readable(ValueError("the step is ill-shaped"))
'the step is ill-shaped'
"""

from __future__ import annotations

import re

__all__ = ["readable"]

_OPERAND = re.compile(r"unsupported operand type\(s\) for ([^:]+): '([^']+)' and '([^']+)'")
_MATRIX = re.compile(r"Matrix|MatrixExpr|MatAdd|MatMul|MatPow|Transpose|Identity")
#: fragments of the interpreter's messages: a message holding one is not for a TA
_INTERNAL = ("object has no attribute", "object is not", "positional argument", "NoneType",
             "unhashable", "object of type", "not supported between instances", "'", "__")


def readable(exc: BaseException) -> str:
    """What stopped a check, in words (one line, never a bare class name)."""
    text = " ".join(str(exc).split())
    if "Mix of Matrix and Scalar" in text:
        return "a matrix and a number added or compared where the shapes do not allow it"
    m = _OPERAND.search(text)
    if m is not None:
        op, a, b = m.groups()
        if _MATRIX.search(a) or _MATRIX.search(b):
            return f"a matrix and a number combined by {op} where the shapes do not allow it"
        return f"two values that {op} cannot combine"
    if isinstance(exc, (TypeError, AttributeError, KeyError, IndexError)) and (
            not text or any(f in text for f in _INTERNAL)):
        return "an expression of a form this check does not handle"
    return text
