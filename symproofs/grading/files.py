"""Finding the submissions of a class and the notation file that applies
to each: the ``.tex`` and ``.md`` files under the folders given, and the
``notation.toml`` nearest to the top of the class folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from symproofs.core.errors import InputError

__all__ = ["NOTATION_FILE", "SUFFIXES", "collect", "find_notation"]

SUFFIXES = (".tex", ".md")
NOTATION_FILE = "notation.toml"


def collect(paths: Sequence[str | Path]) -> list[tuple[Path, Path]]:
    """``(file, root)`` for every submission: the files given, and the
    ``.tex`` and ``.md`` files under the folders given (recursively, hidden
    folders and symbolic links to folders skipped), in order."""
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [(Path(folder) / f, path) for f in sorted(files)
                        if Path(f).suffix.lower() in SUFFIXES and not f.startswith(".")]
        elif path.is_file():
            if path.suffix.lower() not in (*SUFFIXES, ".ltx", ".latex", ".markdown"):
                raise InputError("not a .tex or .md file", source=str(path))
            out.append((path, path.parent))
        else:
            raise InputError("no such file or folder", source=str(path))
    if not out:
        raise InputError("no .tex or .md files found in " + ", ".join(str(p) for p in paths))
    return list(dict.fromkeys(out))


def find_notation(file: Path, root: Path) -> Path | None:
    """The ``notation.toml`` nearest to ``root`` on the way from ``root`` down
    to the file's folder: the course's file at the top of a class folder wins
    over any file placed further down, next to a student's answer, which is
    then never read."""
    folder, top = file.parent.resolve(), root.resolve()
    chain = [folder]
    if folder != top and top in folder.parents:
        while folder != top:
            folder = folder.parent
            chain.append(folder)
    for candidate in (f / NOTATION_FILE for f in reversed(chain)):
        if candidate.is_file():
            return candidate
    return None
