"""Exceptions raised by symproofs.

A refuted step is a verdict, never an exception: these are for input that
cannot be checked at all.
"""

from __future__ import annotations

__all__ = ["InputError", "NotSupportedError", "SymproofsError"]


class SymproofsError(Exception):
    """Base class of every error symproofs raises on purpose."""


class InputError(SymproofsError):
    """Malformed input: a derivation, a submission or a setting.

    ``source``, ``line`` and ``column`` locate the problem when known
    (1-based), and are part of the message.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        where = ""
        if source is not None:
            where = source
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message)


class NotSupportedError(SymproofsError):
    """Input that is well formed but uses something symproofs cannot check yet."""
