"""Rendering: derivations and their results as LaTeX, and notebook display.

The only module that imports jinja2. Python prepares *views* (plain data:
rows of math already printed by :mod:`symproofs.render.tex`, free text still
raw); the templates in ``templates/`` lay them out. Every piece of free
text passes through the ``tex`` filter, which escapes it outside ``$...$``.

>>> from symproofs.library.q3 import momentum
>>> from symproofs.verifier.pipeline import verify
>>> tex = render_derivation(momentum, verify(momentum, isolate=False))
>>> r"\\spDerivation{Q3.1}" in tex
True
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import sympy as sp

from symproofs.core.errors import InputError, SymproofsError
from symproofs.core.model import Chain, Derivation, Given, Lemma, Step, free_symbols
from symproofs.core.results import DerivationResult, StepResult, Trust, Verdict
from symproofs.render.graph import Graph, to_tikz
from symproofs.render.prose import Boldface, boldface, embolden, masks
from symproofs.render.tex import break_side, notation, tex, tex_width
from symproofs.render.text import SEGMENT, Tex, label_tex, tex_escape
from symproofs.render.written import written_as

__all__ = [
    "Tex",
    "derivation_repr_latex",
    "derivation_repr_markdown",
    "environment",
    "label_tex",
    "library_titles",
    "parts",
    "render_derivation",
    "render_document",
    "result_repr_latex",
    "result_repr_markdown",
    "tex_escape",
    "write_build",
]

Pair = tuple[Derivation, DerivationResult]

#: Width of the text block in em of the body font (A4, 2.5 cm margins, 11 pt).
LINE_WIDTH = 40.0
#: Justifications longer than this (em) wrap in a paragraph box.
WHY_WIDTH = 13.0


def _finalize(value: object) -> str:
    """What ``\\VAR{...}`` prints: LaTeX as is, any other text escaped."""
    if isinstance(value, jinja2.Undefined):
        return str(value)  # a StrictUndefined raises here, naming the variable
    if isinstance(value, Tex):
        return value
    if isinstance(value, str):
        return tex_escape(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise SymproofsError(f"a template printed {type(value).__name__} {value!r}; print text or numbers")


def _texjoin(items: Iterable[object], sep: str = ", ") -> Tex:
    """Join, escaping each item as ``\\VAR`` would (the separator is template text)."""
    return Tex(sep.join(_finalize(x) for x in items))


# -- templates --------------------------------------------------------------------
def builtin_templates() -> Path:
    """The built-in templates: package data when installed, else the
    repository's ``templates/`` (editable install)."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "templates", package.parent / "templates"):
        if (folder / "derivation.tex.j2").is_file():
            return folder
    raise SymproofsError(f"the built-in templates are missing (looked in {package / 'templates'} and "
                         f"{package.parent / 'templates'}); reinstall symproofs")


@jinja2.pass_context
def _label_filter(context: jinja2.runtime.Context, name: str) -> Tex:
    """A given's or lemma's name as a label (:func:`label_tex`), its letter
    in bold when it names a vector or matrix of the derivation (``bold`` in
    the template's context), as in the formulas: the label of ``w`` is the
    bold vector the given defines."""
    out = label_tex(name)
    bold = context.get("bold")
    if not isinstance(bold, Boldface) or "$" not in out:
        return out
    # a label names the whole vector: a sequence (g, for g_t) is bold like a matrix
    return Tex(embolden(out, Boldface(matrices=bold.matrices | bold.sequences)))


def environment(templates: Path | None = None) -> jinja2.Environment:
    """A Jinja environment with LaTeX-safe delimiters: ``\\VAR{x}``,
    ``\\BLOCK{for ...}`` and ``\\#{comment}``.

    Files in ``templates`` (a folder) override built-in ones of the same name.
    """
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise InputError(f"templates folder {str(templates)!r} does not exist")
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        block_start_string=r"\BLOCK{",
        block_end_string="}",
        variable_start_string=r"\VAR{",
        variable_end_string="}",
        comment_start_string=r"\#{",
        comment_end_string="}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters["tex"] = tex_escape
    env.filters["label"] = _label_filter
    env.filters["texjoin"] = _texjoin
    return env


# -- views: what the templates see ----------------------------------------------------
@dataclass(frozen=True)
class Cite:
    """A given, lemma or hypothesis a step uses; ``ref`` labels where a lemma
    is proved (``None`` when not in this document); ``where`` names it otherwise."""

    name: str
    kind: str
    ref: Tex | None = None
    where: str = ""


@dataclass(frozen=True)
class Row:
    """One line of a chain. ``hang``: the justification is taller than the
    row and may hang into the continuation lines below it."""

    math: Tex
    why: str = ""
    cites: tuple[Cite, ...] = ()
    mark: str = ""
    flag: str = ""
    hang: bool = False


@dataclass(frozen=True)
class Note:
    mark: str
    kind: str
    text: str


@dataclass(frozen=True)
class ChainView:
    label: str
    rows: tuple[Row, ...]
    notes: tuple[Note, ...]
    why_width: float


@dataclass(frozen=True)
class Item:
    """A given or lemma listed before the chains."""

    name: str
    math: Tex
    text: str
    ref: Tex | None = None
    where: str = ""


@dataclass(frozen=True)
class DerivationView:
    id: str
    label: Tex
    question: str
    part: str
    title: str
    setting: str
    symbols: tuple[Tex, ...]
    givens: tuple[Item, ...]
    lemmas: tuple[Item, ...]
    provides: tuple[str, ...]
    claim: tuple[Tex, ...]
    induction: Tex | None
    chains: tuple[ChainView, ...]
    notes: tuple[Note, ...]
    text: str
    checked: bool


def _label(derivation_id: str) -> Tex:
    return Tex(f"sp:{derivation_id}")


def _mark(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else _mark(n // 26 - 1) + letters[n % 26]


def _instances(text: str) -> str:
    return re.sub(r"(\d+) ?x ?(\d+)", r"$\1 \\times \2$", text) if "$" not in text else text


def _note_text(res: StepResult, cited: Sequence[str]) -> tuple[str, str] | None:
    if res.verdict is Verdict.PROVED:
        if res.trust is Trust.SYMBOLIC:
            return None
        if res.trust is Trust.INSTANCES:
            return "instances", f"Checked on {_instances(res.instances or 'finite instances')}, " \
                                "not proved for all values."
        if res.trust is Trust.GIVEN:
            what = f": {', '.join(cited)}" if cited else ""
            return "given", f"Taken as given{what}."
    if res.verdict is Verdict.REFUTED:
        return "refuted", f"Refuted {res.describe().removeprefix('refuted ')}."
    return "unknown", f"Not proved: {res.describe()}."


def _cites(d: Derivation, step: Step, known: Collection[str] | None) -> tuple[Cite, ...]:
    lemmas = {lem.name: lem for lem in d.lemmas}
    out: list[Cite] = []
    for name in step.uses:
        lem = lemmas.get(name)
        if lem is None:
            kind = "hypothesis" if d.induction is not None and name == d.induction.hypothesis else "given"
            out.append(Cite(name=name, kind=kind))
        elif lem.proved_by is None:
            out.append(Cite(name=name, kind="lemma"))
        elif known is None or lem.proved_by in known:
            out.append(Cite(name=name, kind="lemma", ref=_label(lem.proved_by)))
        else:
            out.append(Cite(name=name, kind="lemma", where=lem.proved_by))
    return tuple(out)


def _why_width(row: Row) -> float:
    text = row.why + "".join(f" [{c.name}, Q0.0]" for c in row.cites) + row.mark
    text += " refuted " if row.flag else ""
    return 0.45 * len(re.sub(r"\\[A-Za-z]+|[{}$^_]", "x", text)) + 0.5


def _lines_width(lines: Sequence[str], relation: str = "") -> float:
    """Estimated width (em) of a side broken into ``lines``: the first after
    its relation, the others after a ``\\qquad``."""
    first = tex_width(f"{relation} {lines[0]}") + 0.5 if relation else tex_width(lines[0])
    return max([first] + [tex_width(line) + 2.0 for line in lines[1:]])


def _chain_view(d: Derivation, chain: Chain, label: str, results: Sequence[StepResult] | None,
                known: Collection[str] | None, counter: list[int], width: float, bold: Boldface) -> ChainView:
    pending: list[tuple[Step, Row]] = []
    notes: list[Note] = []
    for k, step in enumerate(chain.steps):
        cites = _cites(d, step, known)
        mark = flag = ""
        if results is not None:
            note = _note_text(results[k], [c.name for c in cites if c.kind == "lemma"])
            if note is not None:
                mark = _mark(counter[0])
                counter[0] += 1
                notes.append(Note(mark=mark, kind=note[0], text=note[1]))
                flag = note[0] if note[0] in ("refuted", "unknown") else ""
        pending.append((step, Row(math=Tex(""), why=embolden(step.why, bold), cites=cites, mark=mark,
                                          flag=flag)))
    # The justifications get the room the widest side leaves, at least WHY_WIDTH
    # (if they need it); sides wider than what remains are broken.
    need = max((_why_width(r) for _, r in pending), default=0.0)
    widest = max([tex_width(tex(chain.start))] + [tex_width(f"{s.relation.latex} {tex(s.expr)}") + 0.5
                                                   for s in chain.steps])
    why_width = min(need, max(WHY_WIDTH, width - widest - 2.5))
    budget = width - why_width - 2.5
    start = break_side(chain.start, budget)
    broken = [(step, row, break_side(step.expr, budget - tex_width(step.relation.latex) - 0.5))
              for step, row in pending]
    # what the broken sides leave over goes to the justifications too
    used = max([_lines_width(start)] + [_lines_width(lines, step.relation.latex) for step, _, lines in broken])
    why_width = min(need, max(why_width, width - used - 2.5))
    rows: list[Row] = []
    for k, line in enumerate(start):
        rows.append(Row(math=Tex(line if k == 0 else rf"\qquad {line}")))
    for step, row, lines in broken:
        rel = step.relation.latex
        why_lines = -(-_why_width(row) // why_width) if why_width else 1
        rows.append(Row(math=Tex(f"{rel} {lines[0]}"), why=row.why, cites=row.cites, mark=row.mark,
                        flag=row.flag, hang=why_lines > 1 and len(lines) >= why_lines))
        rows += [Row(math=Tex(rf"\qquad {line}")) for line in lines[1:]]
    return ChainView(label=label, rows=tuple(rows), notes=tuple(notes), why_width=round(why_width, 1))


def _domain(s: sp.Symbol, bounds: dict[sp.Basic, list[tuple[str, sp.Basic]]]) -> str | None:
    if s.is_integer:
        return r"\in \mathbb{Z}_{>0}" if s.is_positive else r"\in \mathbb{Z}_{\ge 0}" if s.is_nonnegative \
            else r"\in \mathbb{Z}"
    if not s.is_real:
        return None
    low = "0 <" if s.is_positive else r"0 \le" if s.is_nonnegative else ""
    high = " ".join(f"{op} {tex(v)}" for op, v in bounds.get(s, []))
    if low and not high:
        return "% > 0" if s.is_positive else r"% \ge 0"
    if low or high:
        return f"{low} % {high}".strip()
    return r"\in \mathbb{R}"


def _symbols(d: Derivation) -> tuple[list[Tex], list[sp.Basic]]:
    """Each symbol's domain (grouped), and the assumptions not folded into one."""
    sides = [c.start for c in d.chains] + [s.expr for c in d.chains for s in c.steps]
    syms = free_symbols(sides) | free_symbols([g.statement for g in d.givens])
    if d.claim is not None:
        syms |= d.claim.free_symbols
    for a in d.assumptions:
        syms |= a.free_symbols
    syms -= {g.index for g in d.givens if g.index is not None}
    bounds: dict[sp.Basic, list[tuple[str, sp.Basic]]] = {}
    rest: list[sp.Basic] = []
    for a in d.assumptions:
        if isinstance(a, (sp.StrictLessThan, sp.LessThan)) and a.lhs.is_Symbol and not a.rhs.free_symbols:
            bounds.setdefault(a.lhs, []).append(("<" if isinstance(a, sp.StrictLessThan) else r"\le", a.rhs))
        else:
            rest.append(a)
    groups: dict[str, list[str]] = {}
    for s in sorted(syms, key=sp.default_sort_key):
        domain: str | None = None
        if isinstance(s, sp.MatrixSymbol):
            rows, cols = s.shape
            shape = tex(rows) if cols == 1 else rf"{tex(rows)} \times {tex(cols)}"
            domain = rf"\in \mathbb{{R}}^{{{shape}}}"
        elif isinstance(s, sp.Symbol):
            domain = _domain(s, bounds)
            if domain is None or s.is_integer:  # bounds not folded into the domain
                rest += [sp.Lt(s, v) if op == "<" else sp.Le(s, v) for op, v in bounds.get(s, [])]
        if domain is None:
            continue
        groups.setdefault(domain, []).append(tex(s))
    out: list[Tex] = []
    for domain, names in sorted(groups.items(), key=lambda kv: sorted(map(_natural, kv[1]))):
        names.sort(key=_natural)
        if "%" in domain:
            out += [Tex(domain.replace("%", name)) for name in names]
        else:
            out.append(Tex(",\\allowbreak ".join(names) + f" {domain}"))
    return out, rest


def _natural(name: str) -> tuple[object, ...]:
    """Sort key putting ``x_{2}`` before ``x_{10}``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def _given_item(g: Given, bold: Boldface) -> Item:
    text = embolden(g.text, bold)
    if not text and g.index is not None:
        text = f"for every integer ${tex(g.index)}"
        text += f" \\ge {tex(g.valid_from)}" if g.valid_from is not None else ""
        text += f" \\le {tex(g.valid_to)}" if g.valid_to is not None else ""
        text += "$"
    with written_as(g.text):  # the terms in the order the author's own statement writes them
        math = tex(g.statement)
    return Item(name=g.name, math=Tex(math), text=text)


def _lemma_item(lem: Lemma, known: Collection[str] | None, bold: Boldface) -> Item:
    ref = None
    if lem.proved_by is not None and (known is None or lem.proved_by in known):
        ref = _label(lem.proved_by)
    return Item(name=lem.name, math=Tex(tex(lem.statement)), text=embolden(lem.text, bold), ref=ref,
                where=lem.proved_by or "")


def _view(d: Derivation, result: DerivationResult | None, known: Collection[str] | None,
          width: float, bold: Boldface | None = None, part: str = "") -> DerivationView:
    with notation(last=masks(d)):
        return _view_in_notation(d, result, known, width, boldface([d]) if bold is None else bold, part)


def parts(ds: Iterable[Derivation]) -> dict[str, str]:
    """The part letter of each derivation (by id) that shares its question
    with others: ``a``, ``b``, ... in the order given; a derivation alone
    in its question has none (``Q1.5 (a)``, ``Q1.5 (b)``, but ``Q2.1``)."""
    by_question: dict[str, list[str]] = {}
    for d in ds:
        by_question.setdefault(d.question, []).append(d.id)
    return {i: _mark(k) for ids in by_question.values() if len(ids) > 1 for k, i in enumerate(ids)}


def _view_in_notation(d: Derivation, result: DerivationResult | None, known: Collection[str] | None,
                      width: float, bold: Boldface, part: str = "") -> DerivationView:
    if result is not None:
        _check_match(d, result)
    counter = [0]
    chains = []
    for i, chain in enumerate(d.chains):
        label = chain.label
        if not label and d.induction is not None:
            label = ("base case", "induction step")[i]
        steps = result.chains[i].steps if result is not None else None
        chains.append(_chain_view(d, chain, label, steps, known, counter, width, bold))
    notes: list[Note] = []
    for res in result.conclusion if result is not None else ():
        if res.verdict is not Verdict.PROVED:
            kind = "refuted" if res.verdict is Verdict.REFUTED else "unknown"
            text = f"The conclusion is not established: {res.describe()} {res.message}".strip()
            notes.append(Note(mark=_mark(counter[0]), kind=kind, text=text))
            counter[0] += 1
    symbols, rest = _symbols(d)
    symbols += [Tex(tex(a)) for a in rest]
    givens = tuple(_given_item(g, bold) for g in d.givens)
    lemmas = tuple(_lemma_item(lem, known, bold) for lem in d.lemmas)
    claim: tuple[Tex, ...] = ()
    if d.claim is not None:
        claim = tuple(Tex(line if k == 0 else rf"\qquad {line}")
                      for k, line in enumerate(break_side(d.claim, width - 4.0)))
    induction = None
    if d.induction is not None:
        induction = Tex(f"{tex(d.induction.variable)} \\ge {tex(d.induction.start)}")
    return DerivationView(
        id=d.id, label=_label(d.id), question=d.question, part=part, title=d.title, setting=embolden(d.setting, bold),
        symbols=tuple(symbols), givens=givens, lemmas=lemmas, provides=tuple(lem.name for lem in d.provides),
        claim=claim, induction=induction, chains=tuple(chains), notes=tuple(notes), text=embolden(d.text, bold),
        checked=result is not None,
    )


def _check_match(d: Derivation, result: DerivationResult) -> None:
    shape = [len(c.steps) for c in d.chains]
    got = [len(c.steps) for c in result.chains]
    if result.id != d.id or shape != got:
        raise InputError(f"derivation {d.id!r}: the result given is for {result.id!r} with chains of "
                         f"{got} steps, not {shape}; verify this derivation again")


# -- public API -----------------------------------------------------------------------
def render_derivation(d: Derivation, result: DerivationResult | None, *, templates: Path | None = None,
                      known: Collection[str] | None = None, setting: bool = True, macros: bool = True,
                      width: float = LINE_WIDTH, bold: Boldface | None = None, part: str = "") -> str:
    """One derivation as a LaTeX fragment a course can ``\\input``.

    ``known`` are the derivation ids labelled in the same document (lemma
    citations to others are named, not referenced; ``None``: reference all).
    ``setting=False`` leaves out the setting (stated once per question);
    ``macros=False`` leaves out the ``\\providecommand`` block; ``bold``: the
    letters to set in bold in the prose (default: the vectors and matrices of ``d``);
    ``part``: its letter among the derivations of its question (:func:`parts`).
    """
    names = boldface([d]) if bold is None else bold
    view = _view(d, result, known, width, names, part)
    template = environment(templates).get_template("derivation.tex.j2")
    return template.render(d=view, show_setting=setting, macros=macros, bold=names)


@dataclass(frozen=True)
class _Figure:
    tikz: Tex
    caption: str
    label: Tex


@dataclass(frozen=True)
class _Section:
    key: str
    title: str
    setting: str
    figures: tuple[_Figure, ...]
    items: tuple[Tex, ...]
    summary: tuple[int, int, str]


def _question(d: Derivation) -> str:
    return d.question.split(".")[0].strip() or d.question


def _order(key: str) -> tuple[int, str]:
    m = re.match(r"^[A-Za-z]*(\d+)", key)
    return (int(m.group(1)) if m else 10**6, key)


def library_titles() -> dict[str, str]:
    """Question titles from the library modules' docstrings (``"Q3. Momentum ..."``)."""
    import importlib

    from symproofs.library import MODULES

    out: dict[str, str] = {}
    for name in MODULES:
        doc = (importlib.import_module(f"symproofs.library.{name}").__doc__ or "").strip().splitlines()
        m = re.match(r"^(Q\d+)\.?\s+(.*?)\.?$", doc[0]) if doc else None
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _status(results: Iterable[DerivationResult]) -> str:
    steps = [s for r in results for s in r.all_steps]
    bad = sum(s.verdict is not Verdict.PROVED for s in steps)
    if bad:
        return f"{bad} not proved"
    weak = {t: sum(s.trust is t for s in steps) for t in (Trust.INSTANCES, Trust.GIVEN)}
    parts = [f"{n} on instances" if t is Trust.INSTANCES else f"{n} given" for t, n in weak.items() if n]
    return "all proved" + (f" ({', '.join(parts)})" if parts else "")


def render_document(pairs: Sequence[Pair], *, templates: Path | None = None, preamble: Path | None = None,
                    figures: Mapping[str, Graph] | None = None, titles: Mapping[str, str] | None = None,
                    title: str = "Answer key", width: float = LINE_WIDTH) -> str:
    """The whole answer key: a title page, then one section per question
    (grouped by the prefix of ``Derivation.question``) with its setting
    stated once, its figures and its derivations.

    ``preamble`` is a course's own file of packages and macros, read after
    the built-in preamble; ``figures`` maps a question (``"Q6"``) to a graph;
    ``titles`` maps a question to its title (default: the library's).
    """
    if titles is None:
        titles = library_titles()
    env = environment(templates)
    known = {d.id for d, _ in pairs}
    lettered = parts(d for d, _ in pairs)
    groups: dict[str, list[Pair]] = {}
    for d, r in pairs:
        groups.setdefault(_question(d), []).append((d, r))
    for key in figures or {}:
        groups.setdefault(key.split(".")[0], [])
    sections = []
    for key in sorted(groups, key=_order):
        members = groups[key]
        setting = next((d.setting for d, _ in members if d.setting), "")
        bold = boldface(d for d, _ in members)
        items = tuple(Tex(render_derivation(d, r, templates=templates, known=known, macros=False,
                                            setting=d.setting not in ("", setting), width=width, bold=bold,
                                            part=lettered.get(d.id, "")))
                      for d, r in members)
        graphs = [g for k, g in sorted((figures or {}).items()) if k.split(".")[0] == key]
        sections.append(_Section(
            key=key, title=titles.get(key, ""), setting=embolden(setting, bold),
            figures=tuple(_Figure(tikz=Tex(to_tikz(g)), caption=g.title, label=Tex(f"sp:figure:{key}:{n}"))
                          for n, g in enumerate(graphs, start=1)), items=items,
            summary=(len(members), sum(d.step_count for d, _ in members), _status(r for _, r in members)),
        ))
    if preamble is not None and not Path(preamble).is_file():
        raise InputError(f"preamble {str(preamble)!r} is not a file")
    course = Tex(Path(preamble).read_text(encoding="utf-8")) if preamble is not None else None
    return env.get_template("document.tex.j2").render(sections=sections, course_preamble=course, title=title,
                                                      status=_status(r for _, r in pairs))


def write_build(pairs: Sequence[Pair], out_dir: Path, *, templates: Path | None = None,
                preamble: Path | None = None, figures: Mapping[str, Graph] | None = None,
                titles: Mapping[str, str] | None = None) -> list[Path]:
    """Write ``out_dir/proofs.tex`` and ``out_dir/derivations/<id>.tex``;
    returns the paths written. Same input, same bytes (no timestamps)."""
    out = Path(out_dir)
    (out / "derivations").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    known = {d.id for d, _ in pairs}
    lettered = parts(d for d, _ in pairs)
    for d, r in pairs:
        path = out / "derivations" / f"{d.id}.tex"
        _write(path, render_derivation(d, r, templates=templates, known=known, part=lettered.get(d.id, "")))
        written.append(path)
    path = out / "proofs.tex"
    _write(path, render_document(pairs, templates=templates, preamble=preamble, figures=figures,
                                 titles=titles))
    written.append(path)
    return written


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


# -- notebook display -------------------------------------------------------------------
_MD = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Escape Markdown outside ``$...$``."""
    parts = SEGMENT.split(text)
    return "".join(p if k % 2 else _MD.sub(r"\\\1", p) for k, p in enumerate(parts))


def _mj_text(text: str) -> str:
    """Text for ``\\text{...}`` in MathJax: braces balanced, math kept."""
    return text.replace("{", "(").replace("}", ")") if "$" not in text else text


def _aligned(d: Derivation) -> str:
    rows: list[str] = []
    for i, chain in enumerate(d.chains):
        label = chain.label or (("base case", "induction step")[i] if d.induction is not None else "")
        if label:
            rows.append(rf"&\text{{{_mj_text(label)}:}}")
        rows.append(f"&{tex(chain.start)}")
        for step in chain.steps:
            why = _mj_text(step.why) + (f" [{', '.join(step.uses)}]" if step.uses else "")
            rows.append(rf"&{step.relation.latex} {tex(step.expr)} &&\text{{{why}}}")
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def derivation_repr_latex(d: Derivation) -> str:
    """``Derivation._repr_latex_``: the chains as one ``aligned`` block."""
    return f"$$\n{_aligned(d)}\n$$"


def derivation_repr_markdown(d: Derivation) -> str:
    """``Derivation._repr_markdown_``: title, setting, givens, claim, chains."""
    out = [f"**{_md(d.question)} {_md(d.title)}** (`{d.id}`)", ""]
    if d.setting:
        out += [_md(d.setting), ""]
    for g in d.givens:
        out.append(f"- *{_md(g.name)}*: ${tex(g.statement)}$" + (f" ({_md(g.text)})" if g.text else ""))
    for lem in d.lemmas:
        where = f", proved in `{lem.proved_by}`" if lem.proved_by else ""
        out.append(f"- lemma *{_md(lem.name)}*: ${tex(lem.statement)}${where}")
    if d.givens or d.lemmas:
        out.append("")
    if d.claim is not None:
        how = f" (by induction on ${tex(d.induction.variable)}$)" if d.induction is not None else ""
        out += [f"Claim{how}: ${tex(d.claim)}$", ""]
    out += [derivation_repr_latex(d)]
    if d.text:
        out += ["", _md(d.text)]
    return "\n".join(out)


def _result_rows(r: DerivationResult) -> list[tuple[str, str, StepResult]]:
    rows = [(c.label, str(k), s) for c in r.chains for k, s in enumerate(c.steps, start=1)]
    return rows + [("conclusion", str(k), s) for k, s in enumerate(r.conclusion, start=1)]


def result_repr_markdown(r: DerivationResult) -> str:
    """``DerivationResult._repr_markdown_``: a table, one row per step."""
    head = f"**{_md(r.question)} {_md(r.title)}** (`{r.id}`): {r.status.symbol} {r.status.value}, " \
           f"trust {r.trust.value}"
    lines = [head, "", "| chain | step | | how |", "|---|---:|:-:|---|"]
    lines += [f"| {_md(label)} | {k} | {s.verdict.symbol} | {_md(s.describe())} |"
              for label, k, s in _result_rows(r)]
    return "\n".join(lines)


def result_repr_latex(r: DerivationResult) -> str:
    """``DerivationResult._repr_latex_``: the same table as a MathJax array."""
    symbol = {Verdict.PROVED: r"\checkmark", Verdict.REFUTED: r"\times", Verdict.UNKNOWN: "?"}
    from symproofs.render.html_repr import step_latex, text_in_math

    rows = [rf"{text_in_math(label)} & {k} & {symbol[s.verdict]} & {step_latex(s)}"
            for label, k, s in _result_rows(r)]
    head = rf"{text_in_math(r.question + ' ' + r.title + ': ' + r.status.value)} & & & \\ \hline"
    return "$$\n\\begin{array}{lrcl}\n" + head + "\n" + " \\\\\n".join(rows) + "\n\\end{array}\n$$"

