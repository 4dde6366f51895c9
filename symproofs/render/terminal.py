"""Colour and progress on the terminal, through rich.

One place decides whether to colour: ``--color always|never|auto``; with
``auto`` (the default) colour is used when the stream is a terminal and the
``NO_COLOR`` environment variable is unset or empty (https://no-color.org),
and ``FORCE_COLOR`` is ignored. Progress bars go to stderr and are shown
when stderr is a terminal, or when ``--progress`` asks.

>>> use_color("never", stream_is_tty=True)
False
>>> use_color("always", stream_is_tty=False)
True
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

__all__ = ["COLOR_CHOICES", "Progress", "paint", "use_color"]

COLOR_CHOICES = ("auto", "always", "never")
Style = Literal["proved", "refuted", "unknown", "bold", "flag"]
_STYLES = {"proved": "green", "refuted": "red", "unknown": "yellow", "bold": "bold", "flag": "bold red"}


def use_color(choice: str | None, *, stream_is_tty: bool | None = None, stream: IO[str] | None = None) -> bool:
    """Whether to colour a stream, from ``--color`` and ``NO_COLOR``."""
    if choice in ("always", True):
        return True
    if choice in ("never", False):
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if stream_is_tty is None:
        stream_is_tty = (stream or sys.stdout).isatty()
    return bool(stream_is_tty)


def paint(text: str, style: Style, enabled: bool) -> str:
    """``text`` in a style, as ANSI codes rendered by rich (plain when disabled)."""
    if not enabled:
        return text
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, color_system="standard", no_color=False, highlight=False,
                      width=10_000, legacy_windows=False)
    with console.capture() as capture:
        console.print(Text(text, style=_STYLES[style]), end="")
    return capture.get()


class Progress:
    """A progress bar per stage on stderr, called as ``(stage, done, total)``."""

    def __init__(self, enabled: bool, *, color: bool = True) -> None:
        self.enabled = enabled
        self.color = color
        self._bar: Bar | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> Callable[[str, int, int], None]:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichBar

            console = Console(stderr=True, no_color=not self.color, force_terminal=self.color or None)
            self._bar = RichBar(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console, transient=False)
            self._bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        task = self._tasks[stage]
        self._bar.update(task, completed=done, total=total)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
