r"""The notation file of a graded question: what the symbols of the students'
LaTeX mean, what may be used, and what the answer key expects.

A notation file is TOML. Besides the parser's own sections (``[symbols]``,
``[matrices]``, ``[functions]``, ``[indices]``, ``[macros]``, see
:class:`~symproofs.latex.parser.Notation`), grading reads:

* ``[assumptions]`` ``facts = ['0 < \beta < 1']``: relations between
  symbols (a chain ``0 < \beta < 1`` gives two).
* ``[random]`` ``independent = [["W", "h"]]`` and ``uncorrelated = [...]``
  (each entry lists names, or lists of names, that are mutually independent
  or uncorrelated), and ``[random.variables]`` ``name = { law = ..., ... }``
  with ``law`` one of ``generic`` (``mean``, ``var``, ``symmetric``),
  ``normal`` (``mean``, ``var``), ``uniform`` (``low``, ``high``),
  ``bernoulli`` (``p``), ``rademacher``, ``laplace`` (``mean``, ``scale``),
  ``process`` (random, with no law of its own: ``v_t``) or ``unspecified``
  (random, with a law the question leaves open, such as weights that are
  Gaussian in one part and uniform in another: a step that rests on its
  moments is *unknown*, never refuted); ``members =
  "iid" | "uncorrelated" | "dependent"`` makes it an indexed family
  (``W_{ij}``). Parameters are LaTeX. A matrix of ``[matrices]`` with
  ``law = "bernoulli"`` and ``members = "iid"`` is a keep-mask (dropout's
  ``R``): the matrix algebras know it, and its entries inside a moment are
  members of an i.i.d. Bernoulli family. A matrix with ``law = "generic"``
  and no parameters is random with no law of its own: its moments are the
  definitions' (``\mathbb{E}[x] = 0``, ``\mathbb{E}[x x^\top] = I_n``; a
  matrix equal to ``0`` is the zero matrix).
* ``[definitions]`` ``name = 'LaTeX'`` or ``name = { latex = '...', for_all =
  "t", from = 1 }``: definitions, recurrences and known facts a step may
  use without citing them. An equation for all values of one integer index
  is unfolded (``v_t = \beta v_{t-1} + (1-\beta) g_t`` for ``t >= 1``);
  any other statement with ``for_all`` variables is a known fact matched
  against steps; without ``for_all`` it holds as written.
* ``[expected]`` ``name = 'LaTeX relation'``: the answer key's results.
* ``[rubric]`` ``step``, ``chain`` (points per proved step, per chain whose
  every step is proved), ``max`` (a cap) and ``[rubric.expected]`` ``name =
  points`` (for reaching an expected result with every step proved).

Unknown sections and keys are errors naming the file and the key. LaTeX in
the file is read by the same safe parser as the submissions.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "notation.toml"
>>> _ = path.write_text('[symbols]\nbeta = "positive"\n[expected]\nbias = "x = \\\\beta"\n')
>>> spec = GradingNotation.load(path)
>>> spec.expected
(('bias', 'x = \\beta'),)
>>> _ = path.write_text('[rubric]\npoints = 3\n')
>>> GradingNotation.load(path)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
symproofs.core.errors.InputError: ...notation.toml: [rubric]: unknown key 'points'; known keys: ...
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.algebra import Algebra
from symproofs.core.errors import InputError
from symproofs.core.model import Given, Lemma
from symproofs.core.statements import RELATIONAL
from symproofs.latex.algebraic import for_algebras
from symproofs.latex.declarations import own_sections
from symproofs.latex.lawfacts import law_facts
from symproofs.latex.parser import KNOWN_SECTIONS, Notation, parse_math, parse_relation_chain
from symproofs.latex.sequences import close_forms, index_facts, read_defined, read_recurrences
from symproofs.probability.laws import (
    Bernoulli,
    Distribution,
    Generic,
    Laplace,
    Normal,
    Rademacher,
    Uniform,
)
from symproofs.probability.space import ProbabilitySpace

__all__ = ["Definition", "GradingNotation", "RandomVariable", "Rubric", "Setting", "for_algebras"]

_LAWS: dict[str, tuple[str, ...]] = {
    "generic": ("mean", "var", "symmetric", "continuous"),
    "normal": ("mean", "var"),
    "uniform": ("low", "high"),
    "bernoulli": ("p",),
    "rademacher": (),
    "laplace": ("mean", "scale"),
    "process": (),
    "unspecified": (),
}
_REQUIRED = {"normal": ("mean", "var"), "uniform": ("low", "high"), "bernoulli": ("p",),
             "laplace": ("mean", "scale")}
_MEMBERS = ("iid", "independent", "uncorrelated", "dependent")
_GRADING_SECTIONS = ("assumptions", "random", "definitions", "expected", "rubric")


@dataclass(frozen=True, kw_only=True)
class RandomVariable:
    """One declared random variable or family (parameters are LaTeX)."""

    name: str
    law: str
    params: tuple[tuple[str, str], ...] = ()
    symmetric: bool = False
    continuous: bool = False  # no single value has positive probability (a generic law)
    members: str | None = None
    stated: frozenset[str] = frozenset()  # names the text states something of alone (latex/lawfacts.py)
    positive: tuple[str, ...] = ()  # parameters the law needs positive (an exponential's rate), read from the text
    unread: bool = False  # the text states moments of it that its law does not honour (latex/givenmoments.py)


@dataclass(frozen=True, kw_only=True)
class Definition:
    """A definition, recurrence or known fact (``latex`` is a relation)."""

    name: str
    latex: str
    for_all: tuple[str, ...] = ()
    valid_from: int | str | None = None


@dataclass(frozen=True, kw_only=True)
class Rubric:
    """Points: per proved step, per fully proved chain, per expected result
    reached by a fully proved chain; ``max`` caps the total."""

    step: float = 0.0
    chain: float = 0.0
    expected: tuple[tuple[str, float], ...] = ()
    max: float | None = None


@dataclass(frozen=True, kw_only=True)
class Setting:
    """The sympy side of a notation file: what every goal's context holds."""

    facts: tuple[sp.Basic, ...]
    givens: tuple[Given, ...]
    lemmas: tuple[Lemma, ...]
    algebras: tuple[Algebra, ...]
    expected: tuple[tuple[str, sp.Basic], ...]
    #: law parameters (free symbols) per random variable name
    parameters: tuple[tuple[str, frozenset[sp.Basic]], ...] = ()
    #: keep-masks: the matrix and the i.i.d. family of its entries (``R[i-1, j-1]`` is ``R(i, j)``)
    masks: tuple[tuple[sp.MatrixSymbol, sp.Basic], ...] = ()
    #: the parser's notation, whose recurrences give the members of sequences (``h_t``)
    notation: Notation | None = None
    #: cases the answers work in from the start (the conditions of the claims a statement sets): they keep
    #: refutations outside them away and never prove
    cases: tuple[sp.Basic, ...] = ()


@dataclass(frozen=True, kw_only=True)
class GradingNotation:
    """A whole notation file, validated but not yet turned into sympy."""

    source: str = "<default>"
    notation: Notation | None = None
    assumptions: tuple[str, ...] = ()
    random: tuple[RandomVariable, ...] = ()
    independent: tuple[tuple[tuple[str, ...], ...], ...] = ()
    uncorrelated: tuple[tuple[tuple[str, ...], ...], ...] = ()
    definitions: tuple[Definition, ...] = ()
    expected: tuple[tuple[str, str], ...] = ()
    rubric: Rubric = field(default_factory=Rubric)

    #: per question (``"3"``) or sub-question (``"3.2"``) of a whole assignment
    questions: tuple[tuple[str, GradingNotation], ...] = ()
    #: ``[assignment]`` patterns that replace the rule mapping parts to questions
    answer_pattern: str | None = None
    statement_pattern: str | None = None

    @classmethod
    def load(cls, path: str | Path) -> GradingNotation:
        """Read and validate a notation file; errors name the file and key."""
        where = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read notation file: {exc.strerror}", source=where) from None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", source=where) from None
        try:
            if "questions" in data or "assignment" in data:
                return _assignment(data, where)
            return _from_data(data, where)
        except InputError as exc:
            raise InputError(exc.message, source=where) from None

    def for_question(self, question: str | None) -> GradingNotation:
        """The notation of a question or sub-question (``"3.2"`` falls back
        to ``"3"``, and a question the file does not name to the shared part)."""
        table = dict(self.questions)
        while question:
            if question in table:
                return table[question]
            question = question.rpartition(".")[0]
        return self

    @property
    def is_assignment(self) -> bool:
        """Whether the file describes several questions."""
        return bool(self.questions) or self.answer_pattern is not None

    def build(self) -> Setting:
        """Parse the LaTeX of the file and build facts, givens, known facts,
        the probability space (if any random variable is declared), the
        matrix algebra (if any matrix is) and the expected results."""
        try:
            return _Builder(self).build()
        except InputError as exc:
            raise InputError(exc.message, source=self.source) from None


_TOP_ONLY = ("questions", "assignment")
def _from_data(data: Mapping[str, Any], where: str) -> GradingNotation:
    """One question's notation from its (merged) TOML tables."""
    known = tuple(dict.fromkeys((*KNOWN_SECTIONS, *_GRADING_SECTIONS)))
    for key, value in data.items():
        if key not in known:
            raise InputError(f"unknown section [{key}]; known sections: " + ", ".join(known))
        if not isinstance(value, dict):
            raise InputError(f"[{key}] must be a table")
    notation = Notation(**own_sections(data),
                        sections={k: v for k, v in data.items() if k not in (*_OWN_PARSER_SECTIONS,)})
    raw = dict(notation.sections)
    definitions = _definitions(raw.get("definitions", {}))
    applied = {m.group(1).lstrip("\\") for d in definitions if d.for_all and (m := _APPLIED.match(d.latex))
               and [a.strip() for a in m.group(2).split(",")] == list(d.for_all)}
    if applied - notation.functions:  # w(x) = x + 1 for all x: w is a function, w(0) its value, w'(0) too
        notation = replace(notation, functions=notation.functions | frozenset(applied))
    recurrences = read_recurrences(notation, definitions)
    if recurrences:
        notation = replace(notation, recurrences=recurrences)
        defined = read_defined(notation, definitions)
        if defined:
            notation = replace(notation, defined=defined)
        notation = replace(notation, index_facts=index_facts(notation, notation.steps))
    return GradingNotation(
        source=where,
        notation=notation,
        assumptions=_assumptions(raw.get("assumptions", {})),
        random=_variables(_table(_table(raw.get("random", {}), "random", ("independent",
                          "uncorrelated", "variables")).get("variables", {}), "random.variables")),
        independent=_groups(raw.get("random", {}), "independent"),
        uncorrelated=_groups(raw.get("random", {}), "uncorrelated"),
        definitions=definitions,
        expected=_expected(raw.get("expected", {})),
        rubric=_rubric(raw.get("rubric", {}), raw.get("expected", {})),
    )


#: a definition's left side that applies a name to its for_all variables: ``w(x) =``, ``\phi(a, b) :=``
_APPLIED = re.compile(r"^\s*(\\?[A-Za-z]+)\s*\(([^()]*)\)\s*:?=")
_OWN_PARSER_SECTIONS = ("symbols", "matrices", "functions", "macros", "indices", "sequences", "norms")
_QUESTION_ID = re.compile(r"\d{1,2}(?:\.\d{1,2})?")


def _assignment(data: Mapping[str, Any], where: str) -> GradingNotation:
    """A notation file for a whole assignment: shared sections at the top,
    ``[questions.N]`` (and ``[questions."N.M"]``) sections merged over them,
    and ``[assignment]`` (``title``, and the patterns ``answer`` and
    ``statement`` that replace the default rule of
    :mod:`symproofs.latex.questions`)."""
    assignment = _table(data.get("assignment", {}), "assignment", ("title", "answer", "statement"))
    patterns = {}
    for key in ("answer", "statement"):
        value = assignment.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise InputError(f"[assignment] {key}: a regular expression with a group named q")
            from symproofs.latex.questions import split_questions

            split_questions("", **{key: value})  # validates the pattern
            patterns[key] = value
    shared = {k: v for k, v in data.items() if k not in _TOP_ONLY}
    questions = _table(data.get("questions", {}), "questions")
    for qid, table in questions.items():
        if not _QUESTION_ID.fullmatch(qid):
            raise InputError(f"[questions.{qid}]: a question is named like 3 or \"3.2\"")
        extra = [k for k in _table(table, f"questions.{qid}") if k in _TOP_ONLY]
        if extra:
            raise InputError(f"[questions.{qid}]: [{extra[0]}] belongs at the top of the file")
    built = []
    for qid in sorted(questions, key=lambda q: tuple(int(x) for x in q.split("."))):
        merged: dict[str, Any] = dict(shared)
        parent = qid.partition(".")[0]
        if "." in qid and parent in questions:
            merged = _merge(merged, questions[parent])
        merged = _merge(merged, questions[qid])
        try:
            built.append((qid, _from_data(merged, f"{where} [questions.{qid}]")))
        except InputError as exc:
            raise InputError(f"[questions.{qid}] {exc.message}") from None
    base = _from_data(shared, where)
    return replace(base, questions=tuple(built), answer_pattern=patterns.get("answer"),
                   statement_pattern=patterns.get("statement"))


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, lists add up,
    anything else is replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = [*old, *(v for v in value if v not in old)]
        else:
            out[key] = value
    return out


def _table(value: object, where: str, keys: Sequence[str] | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"[{where}] must be a table")
    if keys is not None:
        extra = sorted(set(value) - set(keys))
        if extra:
            raise InputError(f"[{where}]: unknown key {extra[0]!r}; known keys: " + ", ".join(sorted(keys)))
    return value


def _latex(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: expected a LaTeX string")
    if len(value) > 5000:
        raise InputError(f"{where}: LaTeX longer than 5000 characters")
    return value


def _assumptions(raw: object) -> tuple[str, ...]:
    facts = _table(raw, "assumptions", ("facts",)).get("facts", [])
    if not isinstance(facts, list):
        raise InputError("[assumptions] facts must be a list of LaTeX relations")
    return tuple(_latex(f, f"[assumptions] facts[{i}]") for i, f in enumerate(facts))


def _variables(raw: Mapping[str, object]) -> tuple[RandomVariable, ...]:
    out = []
    for name, spec in raw.items():
        where = f"random.variables.{name}"
        table = _table(spec, where)
        law = table.get("law")
        if law not in _LAWS:
            raise InputError(f"[{where}]: law must be one of " + ", ".join(_LAWS) + f", not {law!r}")
        _table(table, where, ("law", "members", *_LAWS[law]))
        missing = [p for p in _REQUIRED.get(law, ()) if p not in table]
        if missing:
            raise InputError(f"[{where}]: a {law} law needs {missing[0]!r}")
        members = table.get("members")
        if members is not None and (members not in _MEMBERS or law == "process"):
            raise InputError(f"[{where}]: members must be one of " + ", ".join(_MEMBERS)
                             + " (and a process has none)")
        flags = {k: table.get(k, False) for k in ("symmetric", "continuous")}
        if wrong := [k for k, v in flags.items() if not isinstance(v, bool)]:
            raise InputError(f"[{where}]: {wrong[0]} must be true or false")
        params = tuple((k, _latex(table[k], f"[{where}] {k}")) for k in _LAWS[law] if k in table and k not in flags)
        out.append(RandomVariable(name=name, law=law, params=params, members=members,
                                  symmetric=flags["symmetric"] is True, continuous=flags["continuous"] is True))
    return tuple(out)


def _groups(raw: object, key: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    entries = raw.get(key, []) if isinstance(raw, dict) else []
    where = f"[random] {key}"
    if not isinstance(entries, list):
        raise InputError(f"{where} must be a list of lists of names")
    out = []
    for entry in entries:
        if not isinstance(entry, list) or len(entry) < 2:
            raise InputError(f"{where}: each entry lists at least two names (or lists of names)")
        groups = []
        for item in entry:
            names = item if isinstance(item, list) else [item]
            if not names or not all(isinstance(n, str) for n in names):
                raise InputError(f"{where}: {item!r} is not a name or a list of names")
            groups.append(tuple(names))
        out.append(tuple(groups))
    return tuple(out)


def _definitions(raw: object) -> tuple[Definition, ...]:
    out = []
    for name, spec in _table(raw, "definitions").items():
        where = f"[definitions.{name}]"
        if isinstance(spec, str):
            out.append(Definition(name=name, latex=_latex(spec, where)))
            continue
        table = _table(spec, f"definitions.{name}", ("latex", "for_all", "from"))
        if "latex" not in table:
            raise InputError(f"{where}: needs latex = '...'")
        for_all = table.get("for_all", [])
        for_all = [for_all] if isinstance(for_all, str) else for_all
        if not isinstance(for_all, list) or not all(isinstance(v, str) for v in for_all):
            raise InputError(f"{where}: for_all is a name or a list of names")
        start = table.get("from")
        if start is not None and (isinstance(start, bool) or not isinstance(start, (int, str))):
            raise InputError(f"{where}: from is an integer or a LaTeX expression")
        if start is not None and len(for_all) != 1:
            raise InputError(f"{where}: from needs exactly one for_all index")
        out.append(Definition(name=name, latex=_latex(table["latex"], where), for_all=tuple(for_all),
                              valid_from=start))
    return tuple(out)


def _expected(raw: object) -> tuple[tuple[str, str], ...]:
    return tuple((name, _latex(value, f"[expected] {name}"))
                 for name, value in _table(raw, "expected").items())


def _points(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise InputError(f"{where}: points are a non-negative number, not {value!r}")
    return float(value)


def _rubric(raw: object, expected: object) -> Rubric:
    table = _table(raw, "rubric", ("step", "chain", "expected", "max"))
    per_expected = _table(table.get("expected", {}), "rubric.expected")
    names = set(expected) if isinstance(expected, dict) else set()
    for name in per_expected:
        if name not in names:
            raise InputError(f"[rubric.expected]: {name!r} is not a result of [expected]")
    return Rubric(
        step=_points(table.get("step", 0), "[rubric] step"),
        chain=_points(table.get("chain", 0), "[rubric] chain"),
        expected=tuple((k, _points(v, f"[rubric.expected] {k}")) for k, v in per_expected.items()),
        max=None if "max" not in table else _points(table["max"], "[rubric] max"),
    )


# -- from LaTeX to sympy -----------------------------------------------------------------
class _Builder:
    def __init__(self, spec: GradingNotation) -> None:
        self.spec = spec
        self.note = spec.notation or Notation()

    def parse(self, text: str, where: str) -> sp.Basic:
        try:
            return parse_math(text, notation=self.note)
        except InputError as exc:
            raise InputError(f"{where}: {exc.message}") from None

    def relation(self, text: str, where: str) -> sp.Basic:
        value = self.parse(text, where)
        if not isinstance(value, sp.Rel) or isinstance(value, sp.Ne):
            raise InputError(f"{where}: expected a relation (=, <, \\le, ...), not an expression")
        lhs, rhs = for_algebras(value.lhs), for_algebras(value.rhs)
        if isinstance(value, sp.Eq) and isinstance(lhs, sp.MatrixExpr) and rhs == 0:
            rhs = sp.ZeroMatrix(*lhs.shape)  # E[x] = 0: the zero vector
        if isinstance(value, sp.Eq) and (shapes := _shapes(lhs, rhs)) is not None:
            raise InputError(f"{where}: the sides cannot be equal: {value.lhs} is {shapes[0]}, {value.rhs} {shapes[1]}")
        return type(value)(lhs, rhs, evaluate=False)

    def build(self) -> Setting:
        facts = tuple(f for i, text in enumerate(self.spec.assumptions)
                      for f in self.chain(text, f"[assumptions] facts[{i}]"))
        masks = self.masks()
        space, params = self.space()
        families: list[tuple[sp.MatrixSymbol, sp.Basic]] = []
        if masks:
            space = space or ProbabilitySpace()
            for matrix, keep in masks.items():
                family = space.family(str(matrix.name), Bernoulli(keep), members="iid")
                families.append((matrix, family.func))
        givens, lemmas = self.definitions()
        if space is not None:
            _randomize_definitions(space, givens)
        facts = (*facts, *law_facts(self.spec.random, space.assumptions() if space else (), lambda t: self.parse(
            t, "[random]"), self.note.symbols, facts))  # U(a, b): a < b, Exp(lambda): lambda > 0, in every step
        algebras: list[Algebra] = [space] if space is not None else []
        if self.note.matrices:
            from symproofs.matrices.space import MatrixAlgebra

            derivatives = self.note.derivatives()
            algebras.append(MatrixAlgebra(masks=masks, derivatives=derivatives, random=self.random_matrices()))
            givens = _normal_forms(givens, algebras[-1])
            from symproofs.matrices.unfolding import EntrywiseAlgebra

            algebras.append(EntrywiseAlgebra(masks=masks, derivatives=derivatives))
        expected = tuple((name, self.relation(text, f"[expected] {name}"))
                         for name, text in self.spec.expected)
        return Setting(facts=facts, givens=givens, lemmas=lemmas, algebras=tuple(algebras),
                       expected=expected, parameters=params, masks=tuple(families), notation=self.note)

    def chain(self, text: str, where: str) -> list[sp.Basic]:
        sides = parse_relation_chain(text, notation=self.note)
        out: list[sp.Basic] = []
        for prev, side in itertools.pairwise(sides):
            for part in (prev, side):
                if part.error is not None:
                    raise InputError(f"{where}: {part.error.message}")
            build = RELATIONAL.get(side.relation) if side.relation is not None else None
            if build is None:
                raise InputError(f"{where}: {side.relation_text or 'a relation'} is not an (in)equality")
            out.append(build(prev.expr, side.expr))
        if not out:
            raise InputError(f"{where}: expected a relation such as 0 < \\beta < 1")
        if sp.false in out:
            raise InputError(f"{where}: the relation contradicts the declared domains")
        return [rel for rel in out if rel is not sp.true]  # implied by the domains

    def law(self, var: RandomVariable) -> Distribution:
        where = f"[random.variables.{var.name}]"
        p = {k: self.parse(v, f"{where} {k}") for k, v in var.params}
        try:
            if var.law == "unspecified":
                return Generic()
            if var.law == "generic":
                return Generic(mean=p.get("mean"), var=p.get("var"), symmetric=var.symmetric,
                               continuous=var.continuous, moments={2: p["second"]} if "second" in p else None)
            if var.law == "normal":
                return Normal(p["mean"], p["var"])
            if var.law == "uniform":
                return Uniform(p["low"], p["high"])
            if var.law == "bernoulli":
                return Bernoulli(p["p"])
            if var.law == "laplace":
                return Laplace(p["mean"], p["scale"])
            return Rademacher()
        except (TypeError, ValueError) as exc:
            raise InputError(f"{where}: {exc}") from None

    def masks(self) -> dict[sp.MatrixSymbol, sp.Basic]:
        """Declared matrices whose entries are i.i.d. Bernoulli(p) (dropout's
        keep-mask ``R``): the matrix algebras' masks, ``{R: p}``."""
        out: dict[sp.MatrixSymbol, sp.Basic] = {}
        for matrix, var in self._random_matrices():
            out[matrix] = self.parse(dict(var.params)["p"], f"[random.variables.{var.name}] p")
        return out

    def random_matrices(self) -> list[sp.MatrixSymbol]:
        """Declared random vectors and matrices with no law of their own (the
        data ``x`` of a question): their moments come from the definitions
        (``\\mathbb{E}[x] = 0``)."""
        return [m for m, var in self._random_matrices(generic=True)]

    def _random_matrices(self, *, generic: bool = False) -> list[tuple[sp.MatrixSymbol, RandomVariable]]:
        out = []
        for var in self.spec.random:
            shape = self.note.matrices.get(var.name)
            if shape is None:
                continue
            where = f"[random.variables.{var.name}]"
            plain = var.law == "generic" and not var.params and var.members is None and not var.symmetric \
                and not var.continuous
            mask = var.law == "bernoulli" and var.members == "iid" and len(shape) == 2
            if not (plain or mask):
                raise InputError(f"{where}: a random matrix is a keep-mask (law = \"bernoulli\", members = "
                                 "\"iid\", two dimensions in [matrices]) or has no law of its own "
                                 "(law = \"generic\", no parameters; its moments in [definitions])")
            matrix = parse_math(var.name, notation=self.note)
            assert isinstance(matrix, sp.MatrixSymbol)
            if plain == generic:
                out.append((matrix, var))
        return out

    def space(self) -> tuple[ProbabilitySpace | None, tuple[tuple[str, frozenset[sp.Basic]], ...]]:
        if all(v.name in self.note.matrices or v.law == "parameters" for v in self.spec.random):
            if self.spec.independent or self.spec.uncorrelated:
                raise InputError("[random]: independence needs [random.variables]")
            return None, ()
        space = ProbabilitySpace()
        objects: dict[str, Any] = {}
        params = []
        for var in self.spec.random:
            where = f"[random.variables.{var.name}]"
            if var.name in self.note.matrices or var.law == "parameters":
                continue  # a keep-mask, see masks(); a law read for its parameters' ranges alone (latex/laws.py)
            if self.note.symbols.get(var.name, "real") != "real":
                raise InputError(f"{where}: a random variable is a real scalar or a keep-mask; remove it "
                                 "from [symbols]")
            if var.law == "process":
                objects[var.name] = space.process(var.name)
                continue
            law = self.law(var)
            if var.members is None:
                objects[var.name] = space.variable(var.name, law)
            else:
                objects[var.name] = space.family(var.name, law, members=var.members)
            params.append((var.name, frozenset().union(
                *(self.parse(v, where).free_symbols for _, v in var.params))))
        for key, declare in (("independent", space.independent), ("uncorrelated", space.uncorrelated)):
            for entry in getattr(self.spec, key):
                groups = []
                for group in entry:
                    unknown = [n for n in group if n not in objects]
                    if unknown:
                        raise InputError(f"[random] {key}: {unknown[0]!r} is not in [random.variables]")
                    items = tuple(objects[n] for n in group)
                    groups.append(items[0] if len(items) == 1 else items)
                declare(*groups)
        return space, tuple(params)

    def definitions(self) -> tuple[tuple[Given, ...], tuple[Lemma, ...]]:
        givens: list[Given] = []
        lemmas: list[Lemma] = []
        # a recurrence, or a name defined through members (whose names hide their indices from a rewriting):
        # the reader and recurrence_givens use them (L = sum_t L_t, through members of a family, stays a given)
        defined = {r.name for r in self.note.recurrences} | {x.name for x in self.note.defined if x.members}
        for d in self.spec.definitions:
            if d.name in defined:
                continue
            where = f"[definitions.{d.name}]"
            statement = self.relation(d.latex, where)
            by_name = {s.name: s for s in statement.free_symbols if isinstance(s, sp.Symbol)}
            missing = [n for n in d.for_all if n not in by_name]
            if missing:
                raise InputError(f"{where}: for_all {missing[0]!r} does not appear in the statement")
            variables = tuple(by_name[n] for n in d.for_all)
            start = None
            if d.valid_from is not None:
                start = (sp.Integer(d.valid_from) if isinstance(d.valid_from, int)
                         else self.parse(d.valid_from, f"{where} from"))
            one_index = len(variables) == 1 and variables[0].is_integer
            if isinstance(statement, sp.Eq) and (not variables or one_index):
                givens.append(Given(name=d.name, statement=statement,
                                    index=variables[0] if variables else None, valid_from=start,
                                    text=d.latex))
                continue
            hypotheses = (sp.Ge(variables[0], start),) if start is not None else ()
            lemmas.append(Lemma(name=d.name, statement=statement, variables=variables,
                                hypotheses=hypotheses, text=d.latex))
            if not variables:  # holds as written: the probe keeps to points where it holds
                givens.append(Given(name=d.name, statement=statement, text=d.latex))
        return close_forms(givens), tuple(lemmas)


def _shapes(lhs: sp.Basic, rhs: sp.Basic) -> tuple[str, str] | None:
    """What the two sides of an equation are when they cannot be equal for their shapes: a matrix and a
    number, or matrices of two shapes; None when they fit."""
    def kind(e: sp.Basic) -> str:
        return f"a matrix, {e.shape[0]} x {e.shape[1]}" if isinstance(e, sp.MatrixExpr) else "a number"

    matrices = [isinstance(e, sp.MatrixExpr) for e in (lhs, rhs)]
    if (matrices == [True, True] and lhs.shape == rhs.shape) or matrices == [False, False]:
        return None
    return kind(lhs), kind(rhs)


def _normal_forms(givens: Sequence[Given], algebra: Algebra) -> tuple[Given, ...]:
    """``u^T g = 0`` also in the algebra's normal form of its left side (the
    form in which rewriting meets it)."""
    out = list(givens)
    for g in givens:
        st = g.statement
        if isinstance(st, sp.Eq) and algebra.owns(st.lhs) and not isinstance(st.lhs, sp.MatrixExpr):
            normal = algebra.reduce(st.lhs)
            if normal != st.lhs:
                out.append(replace(g, statement=sp.Eq(normal, st.rhs)))
    return tuple(out)


def _randomize_definitions(space: ProbabilitySpace, givens: Sequence[Given]) -> None:
    """A quantity defined from random variables is random: declare it (a
    process for ``v_t``, a variable of unknown law for a plain name), so that
    ``E`` does not treat it as a constant."""
    declared = set(space.families) | {s.name for s in space.random_symbols()}
    changed = True
    while changed:
        changed = False
        for g in givens:
            st = g.statement
            if not isinstance(st, sp.Eq):
                continue
            head = st.lhs.func.__name__ if isinstance(st.lhs, AppliedUndef) else (
                st.lhs.name if isinstance(st.lhs, sp.Symbol) else None)
            if head is None or head in declared or not _mentions(st.rhs, declared):
                continue
            if isinstance(st.lhs, AppliedUndef):
                space.process(head)
            else:
                space.variable(head, Generic())
            declared.add(head)
            changed = True


def _mentions(expr: sp.Basic, names: set[str]) -> bool:
    found = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    found |= {f.func.__name__ for f in expr.atoms(AppliedUndef)}
    return bool(found & names)

