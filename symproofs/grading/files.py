"""Finding the submissions of a class and the notation file that applies
to each: the ``.tex`` and ``.md`` files under the folders given, and the
``notation.toml`` nearest to the top of the class folder."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from symproofs.core.errors import InputError

__all__ = ["NOTATION_FILE", "SUFFIXES", "collect", "find_notation", "refuse_part"]

SUFFIXES = (".tex", ".md")
NOTATION_FILE = "notation.toml"


def collect(paths: Sequence[str | Path]) -> list[tuple[Path, Path]]:
    """``(file, root)`` for every submission: the files given, and the
    ``.tex`` and ``.md`` files under the folders given (recursively, hidden
    folders and symbolic links to folders skipped), in order. The root of a
    folder given is that folder; of a file given, the current folder when
    the file is below it (``grade class/alice/a.md`` reads
    ``class/notation.toml`` as ``grade class`` does, never the one a student
    put in ``class/alice/``), else the file's own folder."""
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
            out.append((path, _root_of(path)))
        else:
            raise InputError("no such file or folder", source=str(path))
    if not out:
        raise InputError("no .tex or .md files found in " + ", ".join(str(p) for p in paths))
    return list(dict.fromkeys(out))


def _root_of(file: Path) -> Path:
    """The folder a file given alone is graded from (see :func:`collect`)."""
    here, folder = Path.cwd().resolve(), file.parent.resolve()
    return Path.cwd() if folder == here or here in folder.parents else file.parent


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


#: a file read in: \input{q1}, \input q1, \include{q1}, \subfile{q1}, \import{dir/}{q1}
_READS_IN = re.compile(r"\\(?:input|include|subfile|inputfrom|subinputfrom|includefrom|subincludefrom"
                       r"|(?:sub)?import\*?)\s*(?:\{(?P<dir>[^{}\n]*)\}\s*(?=\{))?"
                       r"(?:\{(?P<name>[^{}\n]*)\}|\s(?P<bare>[^\s{}\\%]+))")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_MAX_SCANNED = 2 * 1024 * 1024


def refuse_part(file: Path) -> None:
    r"""Raise :class:`InputError` when a ``.tex`` file in the folder of
    ``file`` or the one above reads ``file`` in (``\input``, ``\include``,
    ``\subfile``, ``\import``): such a part is a piece of that document,
    whose macros (a ``\renewcommand{\le}{\ge}``) and questions it would be
    graded without. The parent is refused too (see
    :mod:`symproofs.latex.macros`): the student puts the answer in one file."""
    target = file.resolve()
    folders = dict.fromkeys([target.parent, target.parent.parent])
    for folder in folders:
        try:
            others = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".tex" and p.is_file())
        except OSError:
            continue
        for other in others:
            if other.resolve() == target or other.stat().st_size > _MAX_SCANNED:
                continue
            data = other.read_bytes()
            if target.stem.encode() not in data:  # (a class folder: each file reads the others)
                continue
            text = _COMMENT.sub("", data.decode("utf-8-sig", errors="replace"))
            for m in _READS_IN.finditer(text):
                name = (m.group("dir") or "") + (m.group("name") or m.group("bare") or "").strip()
                read = other.parent / name
                if read.suffix.lower() != ".tex":
                    read = read.with_name(read.name + ".tex")
                if read.resolve() == target:
                    line = text.count("\n", 0, m.start()) + 1
                    column = m.start() - text.rfind("\n", 0, m.start())
                    shown = file.parent / os.path.relpath(other, target.parent)
                    raise InputError(f"this file is read in at {shown}:{line}:{column}; a part of another "
                                     "document is not graded alone, and a document that reads in files is "
                                     "refused: put the whole answer in one file", source=str(file))
