r"""What the symbols of a submission mean: the :class:`Notation` of a course.

Read by the parser (domains, shapes, functions, macros, indices, sequences)
and by the grading stage (the other sections, kept raw).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.recurrences import Defined, Recurrence
from symproofs.latex.tokens import IDENT

__all__ = ["DOMAINS", "KNOWN_SECTIONS", "MATRIX_NORMS", "Notation", "own_sections"]

#: Top-level sections of a notation file. The first six belong to
#: :class:`Notation`; the others are kept raw in ``Notation.sections``.
#: Extend it (or pass ``known_sections=``) to accept new sections.
KNOWN_SECTIONS: tuple[str, ...] = (
    "symbols", "matrices", "functions", "macros", "indices", "sequences", "norms",
    "random", "definitions", "rubric", "expected",
)
_OWN_SECTIONS = ("symbols", "matrices", "functions", "macros", "indices", "sequences", "norms")
#: the kinds ``[norms] matrix`` may give a bare ``\|M\|`` of a matrix
MATRIX_NORMS = ("spectral", "frobenius")
DOMAINS: dict[str, dict[str, bool]] = {
    "real": {"real": True},
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "integer": {"integer": True},
    "positive integer": {"integer": True, "positive": True},
    "nonnegative integer": {"integer": True, "nonnegative": True},
}


@dataclass(frozen=True, kw_only=True)
class Notation:
    r"""What the symbols of a submission mean (every field optional).

    ``symbols`` maps names to a domain (``real``, ``positive``,
    ``nonnegative``, ``integer``, ``positive integer``, ``nonnegative
    integer``); ``matrices`` maps names to shapes (``("n", "m")``, ``("n",)``
    for a column vector; names are positive integer symbols); ``functions``
    are names applied with parentheses (``elementwise`` ones entry by entry
    to a vector or matrix: ``sigma(h)``); ``macros`` map a command name (no
    backslash, no arguments) to LaTeX; ``indices`` are names that are
    integer indices; ``sequences`` are names whose subscript or parenthesised
    superscript is a member index (``h_t``, ``h^{(t-1)}``, ``W^{(l)}``), not
    an entry or a power; ``inputs`` are sequences whose members are
    independent variables (a network's inputs ``x_t``), and ``recurrences``
    define members of the others for every index (the reader differentiates
    through them), or of families of numbers through such members
    (``L_t = \\|z_t - y_t\\|^2``); ``defined`` are names defined through
    members (``L = \\sum_t L_t``), written out in a derivative by a member. ``matrix_norm`` (``[norms] matrix =
    "spectral"`` or ``"frobenius"``) is what a bare ``\|M\|`` of a matrix
    (not a vector) means; unset, a step with one is checked under both and
    its verdict kept only where they agree. ``sections`` keeps other sections
    of a notation file.

    >>> Notation(symbols={"beta": "positive"}, matrices={"W": ("n", "m")}).matrices["W"]
    ('n', 'm')
    """

    symbols: Mapping[str, str] = field(default_factory=dict)
    matrices: Mapping[str, tuple[str | int, ...]] = field(default_factory=dict)
    functions: AbstractSet[str] = frozenset()
    #: functions applied entrywise to a vector or matrix (``\sigma(h)``, ``\sigma'(h)``)
    elementwise: AbstractSet[str] = frozenset()
    macros: Mapping[str, str] = field(default_factory=dict)
    indices: AbstractSet[str] = frozenset()
    sequences: AbstractSet[str] = frozenset()
    #: sequences whose members are independent inputs (``x_t``): a derivative of one by anything else is 0
    inputs: AbstractSet[str] = frozenset()
    #: sequences defined by a recurrence for every index (built from ``[definitions]``)
    recurrences: tuple[Recurrence, ...] = ()
    #: names defined for no index through members of sequences or of defined families (built from ``[definitions]``)
    defined: tuple[Defined, ...] = ()
    #: ``[sequences] steps``: the range of the time index of the steps a question speaks of (``'1 \\le t \\le
    #: T'``, LaTeX), and its relations as read where there are recurrences (``index_facts``): which terms of a
    #: sum a derivative by a member reaches (latex/tailsum.py)
    steps: tuple[str, ...] = ()
    index_facts: tuple[sp.Basic, ...] = ()
    sections: Mapping[str, Any] = field(default_factory=dict)
    #: letters a TA reads two ways here (``e``: Euler's number, or the quantity the document names ``e``;
    #: ``log``: a ``\log`` without a base where the text speaks of one the reader cannot tell)
    ambiguous: AbstractSet[str] = frozenset()
    #: the base of a ``\log`` written without one, where the text states it ("$\log$ denotes the
    #: logarithm to base 2"); ``None``: natural
    log_base: int | None = None
    #: the norm a bare ``\|M\|`` of a matrix is (``[norms] matrix``); ``None``: either
    matrix_norm: str | None = None

    def __post_init__(self) -> None:
        for name, domain in self.symbols.items():
            _check_name(name, "symbol")
            if not isinstance(domain, str) or domain not in DOMAINS:
                raise InputError(f"symbol {name!r}: unknown domain {domain!r}; use one of "
                                 + ", ".join(repr(d) for d in DOMAINS))
        shapes = {}
        for name, shape in self.matrices.items():
            _check_name(name, "matrix")
            shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
            if not 1 <= len(shape) <= 2 or not all(
                (isinstance(d, int) and not isinstance(d, bool) and d > 0)
                or (isinstance(d, str) and IDENT.fullmatch(d)) for d in shape
            ):
                raise InputError(f"matrix {name!r}: shape must be 1 or 2 dimension names or "
                                 f"positive integers, not {shape!r}")
            shapes[name] = shape
        if self.log_base is not None and (isinstance(self.log_base, bool) or not isinstance(self.log_base, int)
                                          or self.log_base < 2):
            raise InputError(f"log base must be a whole number from 2, not {self.log_base!r}")
        if self.matrix_norm is not None and self.matrix_norm not in MATRIX_NORMS:
            raise InputError(f"[norms] matrix = {self.matrix_norm!r}: use one of "
                             + ", ".join(repr(k) for k in MATRIX_NORMS))
        both = sorted(set(self.symbols) & set(shapes))
        if both:
            raise InputError(f"{both[0]!r} is declared both as a symbol and as a matrix")
        if any(isinstance(v, str) for v in (self.functions, self.elementwise, self.indices, self.sequences,
                                            self.inputs)):
            raise InputError("functions, indices and sequences are sets of names, not a string")
        for name in [*self.functions, *self.elementwise, *self.indices, *self.sequences, *self.inputs]:
            _check_name(name, "function or index")
        macros = {}
        for name, body in self.macros.items():
            key = name.removeprefix("\\")
            if not re.fullmatch(r"[A-Za-z]+", key) or not isinstance(body, str) or len(body) > 2000:
                raise InputError(f"macro {name!r}: a name of letters and a LaTeX string "
                                 "of at most 2000 characters")
            macros[key] = body
        object.__setattr__(self, "symbols", MappingProxyType(dict(self.symbols)))
        object.__setattr__(self, "matrices", MappingProxyType(shapes))
        object.__setattr__(self, "elementwise", frozenset(self.elementwise))
        object.__setattr__(self, "functions", frozenset(self.functions) | self.elementwise)
        object.__setattr__(self, "macros", MappingProxyType(macros))
        object.__setattr__(self, "indices", frozenset(self.indices))
        object.__setattr__(self, "inputs", frozenset(self.inputs))
        object.__setattr__(self, "sequences", frozenset(self.sequences) | self.inputs)
        object.__setattr__(self, "recurrences", tuple(self.recurrences))
        object.__setattr__(self, "defined", tuple(self.defined))
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "index_facts", tuple(self.index_facts))
        object.__setattr__(self, "sections", MappingProxyType(dict(self.sections)))

    def derivatives(self) -> dict[sp.Function, sp.Function]:
        """Each elementwise function with its derivative, named as the reader
        names it (``sigma`` and ``sigma'``)."""
        return {sp.Function(f, real=True): sp.Function(f"{f}'", real=True) for f in sorted(self.elementwise)}

    @classmethod
    def from_toml(cls, path: str | Path, *, known_sections: Sequence[str] = KNOWN_SECTIONS
                  ) -> Notation:
        """Read a notation file: ``[symbols]`` (name = domain), ``[matrices]``
        (name = shape list), ``[functions]``, ``[indices]`` and ``[sequences]``
        (``names = [...]``),
        ``[macros]`` (name = LaTeX). Unknown sections or keys are an error."""
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read notation file: {exc.strerror}", source=where) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", source=where) from None
        for key, value in data.items():
            if key not in known_sections:
                raise InputError(f"unknown section [{key}]; known sections: "
                                 + ", ".join(known_sections), source=where)
            if key in _OWN_SECTIONS and not isinstance(value, dict):
                raise InputError(f"[{key}] must be a table", source=where)
        try:
            return cls(**own_sections(data), sections={k: v for k, v in data.items() if k not in _OWN_SECTIONS})
        except InputError as exc:
            raise InputError(exc.message, source=where) from None


def own_sections(data: Mapping[str, Any]) -> dict[str, Any]:
    """The parser's sections of a notation file's tables, validated, as
    :class:`Notation` arguments: ``names = [...]`` lists (and ``elementwise
    = [...]`` in ``[functions]``), shapes as tuples."""
    lists: dict[str, frozenset[str]] = {}
    for key, allowed in (("functions", ("names", "elementwise")), ("indices", ("names",)),
                         ("sequences", ("names", "inputs"))):
        table = data.get(key, {})
        extra = sorted(set(table) - set(allowed) - ({"steps"} if key == "sequences" else set()))
        if extra:
            raise InputError(f"[{key}] takes " + " and ".join(f"{a} = [list of names]" for a in allowed)
                             + f"; unknown key {extra[0]!r}")
        for name in allowed:
            names = table.get(name, [])
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(f"[{key}] {name} = [list of names]")
            lists[key if name == "names" else name] = frozenset(names)
    steps = data.get("sequences", {}).get("steps", [])
    steps = [steps] if isinstance(steps, str) else steps
    if not isinstance(steps, list) or not all(isinstance(x, str) and len(x) <= 500 for x in steps):
        raise InputError("[sequences] steps = ['1 \\le t \\le T'] (LaTeX relations)")
    norms = data.get("norms", {})
    if not isinstance(norms, dict) or set(norms) - {"matrix"}:
        raise InputError("[norms] takes matrix = " + " or ".join(f'"{k}"' for k in MATRIX_NORMS))
    return {
        "symbols": data.get("symbols", {}),
        "matrices": {k: tuple(v) if isinstance(v, list) else v for k, v in data.get("matrices", {}).items()},
        "functions": lists["functions"], "elementwise": lists["elementwise"],
        "macros": data.get("macros", {}), "indices": lists["indices"], "sequences": lists["sequences"],
        "inputs": lists["inputs"], "matrix_norm": norms.get("matrix"), "steps": tuple(steps),
    }


def _check_name(name: object, what: str) -> None:
    if not isinstance(name, str) or not IDENT.fullmatch(name):
        raise InputError(f"{what} name {name!r} is not an identifier")


