"""Rendering: the notation printer, line breaking, escaping, templates, the
answer-key document and notebook display.

Golden files: ``tests/golden/*.tex`` hold the expected LaTeX of the Q3
derivations and of a small document. After a deliberate change to the
templates, the printer or the Q3 content, regenerate them with

    SYMPROOFS_UPDATE_GOLDEN=1 pytest tests/test_render.py

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest
import sympy as sp

from symproofs.core.errors import InputError, SymproofsError
from symproofs.core.model import Chain, Derivation, Given, Identically, Induction, Lemma, Relation, Step
from symproofs.core.results import ChainResult, Counterexample, DerivationResult, StepResult, Trust, Verdict
from symproofs.library import q3
from symproofs.matrices.linalg import Grad, Jacobian, Scalar
from symproofs.render.document import (
    Tex,
    builtin_templates,
    derivation_repr_latex,
    derivation_repr_markdown,
    environment,
    label_tex,
    parts,
    render_derivation,
    render_document,
    result_repr_latex,
    result_repr_markdown,
    tex_escape,
    write_build,
)
from symproofs.render.graph import bidirectional_rnn
from symproofs.render.tex import break_side, tex, tex_width
from symproofs.verifier.pipeline import verify

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SYMPROOFS_UPDATE_GOLDEN") == "1"
R = Relation

t = sp.Symbol("t", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True)
x, y = sp.symbols("x y", real=True)
beta = sp.Symbol("beta", positive=True)
g = sp.Function("g", real=True)
X = sp.MatrixSymbol("X", 3, 2)
W = sp.MatrixSymbol("W_f", 3, 3)
V = sp.MatrixSymbol("v", 3, 1)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with SYMPROOFS_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; rerun with SYMPROOFS_UPDATE_GOLDEN=1"


def proved(d: Derivation, trust: Trust = Trust.SYMBOLIC, **changes: StepResult) -> DerivationResult:
    """A result marking every step proved; ``changes`` maps ``"c<chain>s<step>"`` to a step result."""
    ok = StepResult(verdict=Verdict.PROVED, method="test", trust=trust)
    return DerivationResult(id=d.id, title=d.title, question=d.question, chains=tuple(
        ChainResult(label=c.label or f"chain {ci + 1}",
                    steps=tuple(changes.get(f"c{ci}s{si}", ok) for si in range(len(c.steps))))
        for ci, c in enumerate(d.chains)))


def simple(why: str = "expand", **kw: object) -> Derivation:
    return Derivation(id="sq", title="Square", question="Q0.1",
                      chains=(Chain(start=(x + 1) ** 2, steps=(Step(R.EQ, x**2 + 2 * x + 1, why),)),),
                      **kw)  # type: ignore[arg-type]


# -- the notation printer -------------------------------------------------------------
NOTATION = [
    pytest.param(X, r"\mathbf{X}", id="matrix-bold"),
    pytest.param(W, r"\mathbf{W}_{f}", id="matrix-subscript"),
    pytest.param(sp.MatrixSymbol("Gamma", 2, 2), r"\boldsymbol{\Gamma}", id="matrix-greek"),
    pytest.param(X.T, r"\mathbf{X}^{\top}", id="transpose"),
    pytest.param(sp.Transpose(X.T * W), r"(\mathbf{X}^{\top} \mathbf{W}_{f})^{\top}",
                 id="transpose-product"),
    pytest.param(sp.HadamardProduct(X, X), r"\mathbf{X} \odot \mathbf{X}", id="hadamard"),
    pytest.param(sp.Identity(3), r"\mathbf{I}", id="identity"),
    pytest.param(g(t - 1), r"g_{t - 1}", id="sequence"),
    pytest.param(g(t) ** 2, r"g_{t}^{2}", id="sequence-power"),
    pytest.param(sp.Function("W")(i, j), r"W_{ij}", id="double-index"),
    pytest.param(sp.Function("W")(i, j + 1), r"W_{i, j + 1}", id="double-index-long"),
    pytest.param(sp.Function("h_f")(t), r"h_{f, t}", id="sequence-with-subscript"),
    pytest.param(sp.Function("h")(x), r"h{(x )}", id="function-of-real"),
    pytest.param(sp.Function(r"\Delta\theta")(t), r"\Delta\theta_{t}", id="command-name-sequence"),
    pytest.param(sp.Symbol(r"\Delta\theta_{t-1}"), r"\Delta\theta_{t-1}", id="verbatim-symbol"),
    pytest.param(sp.Function("E")(x), r"\mathbb{E}[x]", id="expectation"),
    pytest.param(sp.Function("Var")(x * y), r"\operatorname{Var}(x y)", id="variance"),
    pytest.param(sp.Sum(beta ** (t - i) * g(i), (i, 1, t)), r"\sum_{i=1}^{t} \beta^{t - i} g_{i}", id="sum"),
    pytest.param(1 - beta, r"1 - \beta", id="positive-term-first"),
    pytest.param(beta ** (-i), r"\beta^{-i}", id="negative-exponent"),
    pytest.param(sp.Symbol(r"\Delta\theta_{t-1}") * sp.Symbol("alpha"), r"\alpha \Delta\theta_{t-1}",
                 id="parameter-first"),
    # delimiters are sized only around something tall; a gradient before more factors is bracketed, as are
    # the partial of a sum, a transposed Jacobian and a squared scalar product
    pytest.param(sp.Function("E")(x / y), r"\mathbb{E}\left[\frac{x}{y}\right]", id="sized-around-fraction"),
    pytest.param(Grad(sp.Symbol("L"), V) * V.T, r"(\nabla_{\mathbf{v}} L) \mathbf{v}^{\top}",
                 id="gradient-then-factor"),
    pytest.param(Jacobian(W * V + V, V), r"\frac{\partial (\mathbf{W}_{f} \mathbf{v} + \mathbf{v})}"
                 r"{\partial \mathbf{v}}", id="partial-of-a-sum"),
    pytest.param(Jacobian(W * V, V).T, r"\left(\frac{\partial (\mathbf{W}_{f} \mathbf{v})}"
                 r"{\partial \mathbf{v}}\right)^{\top}", id="transposed-jacobian"),
    pytest.param(V - beta * W * V, r"\mathbf{v} - \beta \mathbf{W}_{f} \mathbf{v}", id="matrix-positive-term-first"),
    pytest.param((1 - beta) * W * V - V, r"(1 - \beta) \mathbf{W}_{f} \mathbf{v} - \mathbf{v}",
                 id="matrix-coefficient-kept"),
    pytest.param(Scalar(V.T * V) ** 2, r"(\mathbf{v}^{\top} \mathbf{v})^{2}", id="squared-scalar-product"),
    # values under an evaluation bar are slashed fractions on one line
    pytest.param(sp.Subs(x * beta ** 2 + y, (beta, y), (-sp.sqrt(3) / sp.sqrt(x), (x + 1) / (2 * x))),
                 r"\left. \beta^{2} x + y \right|_{\beta = -\sqrt{3}/\sqrt{x},\ y = (x + 1)/(2 x)}",
                 id="evaluation-bar"),
]


@pytest.mark.parametrize(("expr", "expected"), NOTATION)
def test_notation(expr: sp.Basic, expected: str) -> None:
    assert tex(expr) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Gamma", r"$\Gamma$"), ("W_perp", r"$W_{\perp}$"), ("x_1", r"$x_{1}$"), ("Sigma_out", r"$\Sigma_{\text{out}}$"),
    ("mean", "mean"), ("expected-loss", "expected-loss"), ("IH", "IH"), ("a_b_c", r"a\_b\_c"),
])
def test_label_names_a_symbol_in_math_and_anything_else_as_text(name: str, expected: str) -> None:
    assert label_tex(name) == expected


def _course_notation() -> list[tuple[sp.Basic, str]]:
    from sympy.matrices.expressions.matexpr import MatrixElement

    from symproofs.matrices.linalg import Sequence, Sigmoid, diag, elementwise

    n, d = sp.symbols("n d", integer=True, positive=True)
    A, B = sp.MatrixSymbol("A", n, d), sp.MatrixSymbol("B", n, d)
    v, h = sp.MatrixSymbol("v", d, 1), Sequence("h^f", n)
    dsigma = sp.Function("sigma'", real=True)
    k = sp.Dummy("i_1", integer=True)
    return [
        (elementwise(Sigmoid, h[t]), r"s(\mathbf{h}^{f}_{t})"),
        (diag(elementwise(dsigma, h[t - 1])),
         r"\operatorname{diag}(\sigma'(\mathbf{h}^{f}_{t - 1}))"),
        (sp.DiagonalMatrix(A.T * A), r"\operatorname{diag}(\mathbf{A}^{\top} \mathbf{A})"),
        (sp.HadamardProduct(A, B).T * B,
         r"(\mathbf{A} \odot \mathbf{B})^{\top} \mathbf{B}"),
        (A[i - 1, j - 1] * v[j - 1, 0], "A_{ij} v_{j}"),
        (MatrixElement(A * v, i - 1, 0), r"(\mathbf{A} \mathbf{v})_{i}"),
        (sp.Sum(A[i, k] * v[k, 0], (k, 0, d - 1)), r"\sum_{j=1}^{d} A_{i + 1, j} v_{j}"),
        (sp.Sum(beta**j, (j, 0, t - 1)), r"\sum_{j=0}^{t - 1} \beta^{j}"),
    ]


@pytest.mark.parametrize("case", range(8))
def test_course_notation_not_sympy_names(case: int) -> None:
    expr, expected = _course_notation()[case]
    assert tex(expr) == expected


def test_a_mask_is_the_last_factor_of_an_entrywise_product() -> None:
    from symproofs.render.tex import notation

    A, M = sp.MatrixSymbol("X", 3, 2), sp.MatrixSymbol("M", 3, 2)
    # sympy reorders the factors when it simplifies a product: M ⊙ X
    assert tex(sp.HadamardProduct(M, A)) == r"\mathbf{M} \odot \mathbf{X}"
    with notation(last=[M]):
        assert tex(sp.HadamardProduct(M, A)) == r"\mathbf{X} \odot \mathbf{M}"
        assert tex(sp.HadamardProduct(M, A).T) == r"(\mathbf{X} \odot \mathbf{M})^{\top}"
    assert tex(sp.HadamardProduct(M, A)) == r"\mathbf{M} \odot \mathbf{X}"


def _sympy_names() -> set[str]:
    """Class and function names of sympy and of the matrix library: none of
    them may appear in typeset math."""
    import inspect

    import symproofs.matrices.linalg as linalg
    import symproofs.probability.space as space

    names = {name for mod in (sp, linalg, space) for name, obj in vars(mod).items()
             if (inspect.isclass(obj) or callable(obj)) and len(name) > 2 and name[0].isupper()}
    return names | {"sigma'", "Sigmoid", "DiagonalMatrix", "HadamardProduct", "MatrixElement"}


def _math_of(tex_text: str) -> list[str]:
    """The math of a generated fragment: inline ``$...$`` and the rows of the
    displayed chains (justifications are prose and may say "Jacobian")."""
    math = re.findall(r"(?<!\\)\$((?:[^$\\]|\\.)+)\$", tex_text)
    for block in re.findall(r"\\begin\{flalign\*\}(.*?)\\end\{flalign\*\}", tex_text, re.S):
        math += [row.split("&&")[0] for row in block.split("\\\\")]
    return math


def test_the_answer_key_has_no_sympy_names(tmp_path: Path) -> None:
    from symproofs.library import derivations, figures

    ok = StepResult(verdict=Verdict.PROVED, method="not checked here", trust=Trust.SYMBOLIC)
    pairs = [(d, DerivationResult(id=d.id, title=d.title, question=d.question, chains=tuple(
        ChainResult(label=c.label, steps=(ok,) * len(c.steps)) for c in d.chains))) for d in derivations()]
    written = write_build(pairs, tmp_path, figures=figures())
    names = _sympy_names()
    word = re.compile(r"(?<![A-Za-z\\])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                      + r")(?![A-Za-z])")
    found: dict[str, set[str]] = {}
    for path in written:
        if path.suffix != ".tex":
            continue
        for math in _math_of(path.read_text(encoding="utf-8")):
            math = re.sub(r"\\operatorname\{(?:diag|Var|Cov)\}", "", math)  # the course's operators
            for m in word.finditer(math):
                found.setdefault(path.name, set()).add(m.group(1))
            for m in re.finditer(r"\\(?:operatorname|mathrm)\{([^{}]*)\}", math):
                found.setdefault(path.name, set()).add(m.group(1))
    assert not found, f"sympy names in the typeset key: {found}"
    key = "".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".tex")
    assert "X} \\odot \\mathbf{R}" in key and "R} \\odot \\mathbf{X}" not in key
    assert r"\sum_{i=0}" not in key and "_{i_{1}" not in key


def test_the_names_check_catches_a_sympy_name() -> None:
    dsigma = sp.Function("sigma'")
    names = _sympy_names()
    leaked = tex(sp.Function("DiagonalMatrix")(x)) + " " + sp.latex(dsigma(x))
    assert any(n in leaked for n in names)
    assert "DiagonalMatrix" in _math_of(f"text ${leaked}$ more")[0]


def test_library_operators_print_with_powers() -> None:
    from symproofs.probability.space import E, Var

    assert tex(E(x) ** 2 + Var(x)) == r"\mathbb{E}[x]^{2} + \operatorname{Var}(x)"


# -- line breaking ----------------------------------------------------------------------
def test_width_estimate_is_monotone() -> None:
    assert tex_width("a") < tex_width("a + b") < tex_width(r"a + b + \sum_{k=1}^{t} c_{k}")
    assert tex_width(r"\frac{a + b + c}{2}") < tex_width("a + b + c + 2")


def test_long_sum_breaks_before_plus_and_each_line_fits() -> None:
    terms = sp.symbols("a1:25")
    lines = break_side(sum(terms), 20)
    assert len(lines) > 1
    assert all(line.startswith("+") for line in lines[1:])
    assert all(tex_width(line) <= 20 for line in lines)


def test_long_product_breaks_inside_balanced_parentheses() -> None:
    inner = sum(sp.symbols("b1:20"))
    lines = break_side(-beta * inner, 20)
    assert len(lines) > 1
    assert lines[0].startswith(r"- \beta \left(")
    for line in lines:
        assert line.count(r"\left") == line.count(r"\right")


def test_matrix_product_keeps_factor_order_when_broken() -> None:
    A, B = sp.MatrixSymbol("A", 3, 3), sp.MatrixSymbol("B", 3, 3)
    mats = [sp.MatrixSymbol(f"M{k}", 3, 3) for k in range(12)]
    lines = break_side(A * sp.MatAdd(*mats) * B, 15)
    assert lines[0].startswith(r"\mathbf{A} \left(")
    assert lines[-1].endswith(r"\right) \mathbf{B}")


def test_short_side_is_one_line() -> None:
    assert break_side(x + y, 40) == ["x + y"]


def test_system_and_identity() -> None:
    assert break_side((sp.Eq(x, 1), sp.Eq(y, 2)), 40) == [r"x = 1,\quad y = 2"]
    assert break_side(Identically(sp.Eq(x * y, 2 * y), (y,)), 40) == [r"x y = 2 y\quad \text{for all } y"]


# -- escaping ---------------------------------------------------------------------------------
ESCAPES = [
    pytest.param("50% off", r"50\% off", id="percent"),
    pytest.param("A & B", r"A \& B", id="ampersand"),
    pytest.param("w_old", r"w\_old", id="underscore"),
    pytest.param("item #3", r"item \#3", id="hash"),
    pytest.param(r"a\b", r"a\textbackslash{}b", id="backslash"),
    pytest.param("{x}", r"\{x\}", id="braces"),
    pytest.param("~^", r"\textasciitilde{}\^{}", id="tilde-caret"),
    pytest.param("a_1 and $x_1 % y$", r"a\_1 and $x_1 % y$", id="math-kept"),
    pytest.param("costs $5", r"costs \$5", id="unbalanced-dollar"),
    pytest.param(r"costs \$5 or $x$", r"costs \$5 or $x$", id="escaped-dollar"),
    pytest.param("t ≥ 1", r"t \ensuremath{\ge} 1", id="unicode-text"),
    pytest.param("$β$", r"$\beta $", id="unicode-math"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPES)
def test_tex_escape(text: str, expected: str) -> None:
    assert tex_escape(text) == expected


@pytest.mark.parametrize("why", ["50% & more", "uses w_1 # 2", "a_b & c%d#e"])
def test_justification_is_escaped_in_the_chain(why: str) -> None:
    d = simple(why)
    out = render_derivation(d, proved(d), macros=False)
    assert "{" + str(tex_escape(why)) + "}" in out
    row = next(line for line in out.splitlines() if r"\spWhy" in line)
    assert re.search(r"(?<!\\)[%#]", row) is None


def test_title_and_setting_are_escaped() -> None:
    d = Derivation(id="sq", title="50% of R&D", question="Q0.1", setting="cost_1 is $c_1$",
                   chains=simple().chains)
    out = render_derivation(d, proved(d), macros=False)
    assert r"\spDerivation{Q0.1}{50\% of R\&D}{sp:sq}" in out
    assert r"\spSetting{cost\_1 is $c_1$}" in out


# -- templates ------------------------------------------------------------------------------------
def test_plain_text_is_escaped_and_latex_is_not() -> None:
    env = environment()
    template = env.from_string(r"\VAR{a} \VAR{b} \VAR{n}")
    assert template.render(a="a_b", b=Tex(r"\alpha_b"), n=3) == r"a\_b \alpha_b 3"


def test_printing_none_fails_loudly() -> None:
    with pytest.raises(SymproofsError, match="printed NoneType"):
        environment().from_string(r"\VAR{a}").render(a=None)


def test_missing_variable_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "derivation.tex.j2").write_text(r"\VAR{d.title} \VAR{d.no_such_field}")
    with pytest.raises(jinja2.UndefinedError, match="no_such_field"):
        render_derivation(simple(), None, templates=tmp_path)


def test_user_template_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "derivation.tex.j2").write_text(r"CUSTOM{\VAR{d.title}}" + "\n")
    d = simple()
    assert render_derivation(d, proved(d), templates=tmp_path) == "CUSTOM{Square}\n"
    doc = render_document([(d, proved(d))], templates=tmp_path, titles={})
    assert "CUSTOM{Square}" in doc
    assert r"\usepackage{amsmath,amssymb}" in doc  # the built-in preamble is still used


def test_missing_templates_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        environment(tmp_path / "nowhere")


def test_builtin_templates_are_found() -> None:
    folder = builtin_templates()
    names = {p.name for p in folder.glob("*.j2")}
    expected = {"derivation.tex.j2", "document.tex.j2", "preamble.tex.j2", "macros.tex.j2", "figure.tex.j2"}
    assert expected <= names


# -- derivation fragments ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def q3_pairs() -> list[tuple[Derivation, DerivationResult]]:
    return [(d, verify(d, isolate=False)) for d in q3.DERIVATIONS]


def test_q3_fragments_match_golden(q3_pairs: list[tuple[Derivation, DerivationResult]]) -> None:
    for d, r in q3_pairs:
        check_golden(f"{d.id}.tex", render_derivation(d, r))


def test_q3_document_matches_golden(q3_pairs: list[tuple[Derivation, DerivationResult]]) -> None:
    doc = render_document(q3_pairs, figures={"Q6": bidirectional_rnn()},
                          titles={"Q3": "Momentum and the running average", "Q6": "Bidirectional RNN"})
    check_golden("q3-document.tex", doc)


def test_setting_symbols_and_givens() -> None:
    out = render_derivation(q3.unroll, None, macros=False)
    assert r"\spSymbols{$0 < \beta < 1$, $t \in \mathbb{Z}_{\ge 0}$}" in out
    assert r"\spGiven{average}{$v_{k} = \beta v_{k - 1} + (1 - \beta) g_{k}$" in out
    assert r"\spClaim{, by induction on $t \ge 0$}" in out
    assert r"\spUnchecked" in out


def test_relation_at_the_left_margin_and_why_on_the_right() -> None:
    d = simple()
    out = render_derivation(d, proved(d), macros=False)
    assert r"&(x + 1)^{2} &&" in out
    assert re.search(r"&= x\^\{2\} \+ 2 x \+ 1 && \\spWhy\{[\d.]+em\}\{expand\}", out)


def test_induction_chains_are_labelled() -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)
    d = Derivation(id="ind", title="Induction", question="Q0.2", claim=sp.Eq(g(n), n),
                   induction=Induction(variable=n),
                   chains=(Chain(start=g(0), steps=(Step(R.EQ, sp.S.Zero, "base"),)),
                           Chain(start=g(n + 1), steps=(Step(R.EQ, n + 1, "step", ("IH",)),))))
    out = render_derivation(d, None, macros=False)
    assert r"\spChain{base case}" in out
    assert r"\spChain{induction step}" in out
    assert r"\spUses{IH}" in out


def _with_lemma(proved_by: str | None) -> Derivation:
    X_, Y_ = sp.symbols("X Y", real=True)
    V = sp.Function("Var")
    lemma = Lemma(name="product variance", statement=sp.Eq(V(X_ * Y_), V(X_) * V(Y_)), variables=(X_, Y_),
                  proved_by=proved_by)
    return Derivation(id="uses-lemma", title="Uses a lemma", question="Q1.4", lemmas=(lemma,),
                      chains=(Chain(start=V(x * y), steps=(Step(R.EQ, V(x) * V(y), "product rule",
                                                                ("product variance",)),)),))


def test_lemma_citation_references_its_proof() -> None:
    d = _with_lemma("q1-product-variance")
    out = render_derivation(d, proved(d), known={"q1-product-variance", "uses-lemma"})
    assert r"\spCite{product variance}{\ref{sp:q1-product-variance}}" in out
    assert r"proved in \ref{sp:q1-product-variance}" in out


def test_lemma_proved_elsewhere_is_named_not_referenced() -> None:
    d = _with_lemma("q1-product-variance")
    out = render_derivation(d, proved(d), known={"uses-lemma"})
    assert r"\ref{" not in out
    assert r"\spCite{product variance}{q1-product-variance}" in out


def test_trust_marks() -> None:
    d = q3.momentum
    cx = Counterexample(assignment=((x, sp.Integer(1)),), lhs=sp.Integer(1), rhs=sp.Integer(2))
    res = proved(d, c0s1=StepResult(verdict=Verdict.PROVED, method="instances", trust=Trust.INSTANCES,
                                    instances="all shapes up to 3 x 3"),
                 c0s2=StepResult(verdict=Verdict.PROVED, method="lemma", trust=Trust.GIVEN),
                 c0s3=StepResult(verdict=Verdict.REFUTED, method="probe", trust=Trust.NONE,
                                 counterexample=cx))
    out = render_derivation(d, res, macros=False)
    first = out.index(r"\spMark{a}")
    assert r"\spMark{b}" in out[first:]
    assert r"\spNote{a}{Checked on all shapes up to $3 \times 3$, not proved for all values.}" in out
    assert r"\spNote{b}{Taken as given.}" in out
    assert r"\spRefuted" in out
    assert r"\spNoteBad{c}{Refuted at x = 1: left = 1, right = 2.}" in out
    assert out.count(r"\spMark") == 3  # the symbolic first step has no mark


def test_result_for_another_derivation_is_rejected() -> None:
    with pytest.raises(InputError, match="verify this derivation again"):
        render_derivation(q3.momentum, proved(q3.running))


# -- the document ---------------------------------------------------------------------------
def test_document_groups_by_question_and_states_the_setting_once(
        q3_pairs: list[tuple[Derivation, DerivationResult]]) -> None:
    doc = render_document(q3_pairs, titles={"Q3": "Momentum"})
    assert doc.count(r"\spQuestion{Q3}{Momentum}") == 1
    assert doc.count(r"\spSetting{") == 1
    assert doc.index(r"\spSetting{") < doc.index(r"\spDerivation{Q3.1(a)}")
    assert doc.count(r"\spDerivation{") == len(q3_pairs)
    assert r"\providecommand{\spWhy}" in doc and doc.count(r"\providecommand{\spWhy}") == 1


def test_derivations_of_one_question_are_its_parts_and_no_heading_repeats() -> None:
    a = Derivation(id="a", title="A", question="Q1.5", chains=simple().chains)
    b = Derivation(id="b", title="B", question="Q1.5", chains=simple().chains)
    c = Derivation(id="c", title="C", question="Q1.6", chains=simple().chains)
    doc = render_document([(x, proved(x)) for x in (a, b, c)], titles={})
    heads = re.findall(r"\\spDerivation\{([^{}]*)\}", doc)
    assert heads == ["Q1.5(a)", "Q1.5(b)", "Q1.6"]
    assert parts([a, b, c]) == {"a": "a", "b": "b"}
    assert r"\spDerivation{Q1.5(b)}{B}" in render_derivation(b, proved(b), part="b")


def test_the_answer_key_numbers_every_derivation_once() -> None:
    import importlib

    from symproofs.library import MODULES

    ds = [d for name in MODULES for d in importlib.import_module(f"symproofs.library.{name}").DERIVATIONS]
    lettered = parts(ds)
    heads = [d.question + (f"({lettered[d.id]})" if d.id in lettered else "") for d in ds]
    assert len(heads) == len(set(heads))


def test_a_given_prints_its_terms_in_the_order_its_author_wrote() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    W, U = sp.MatrixSymbol("W", n, n), sp.MatrixSymbol("U", n, n)
    x, y, h = (sp.MatrixSymbol(v, n, 1) for v in "xyh")
    chains = (Chain(start=W * x, steps=(Step(Relation.EQ, W * x, "same"),)),)
    written = Given(name="rec", statement=sp.Eq(h, U * y + W * x), text=r"$h = W x + U y$")
    d = Derivation(id="o", title="O", question="Q0.1", givens=(written,), chains=chains)
    out = render_derivation(d, None, macros=False)
    given = next(line for line in out.splitlines() if line.startswith(r"\spGiven{"))
    assert given.index(r"\mathbf{W}") < given.index(r"\mathbf{U}")
    silent = Given(name="rec", statement=sp.Eq(h, U * y + W * x))  # no text: sympy's order stays
    plain = render_derivation(Derivation(id="o", title="O", question="Q0.1", givens=(silent,), chains=chains),
                              None, macros=False)
    given = next(line for line in plain.splitlines() if line.startswith(r"\spGiven{"))
    assert given.index(r"\mathbf{U}") < given.index(r"\mathbf{W}")


def test_the_label_of_a_given_about_a_vector_is_bold_like_the_vector() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    u, w = sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("w", n, 1)
    s = sp.Symbol("s", positive=True)
    givens = (Given(name="w", statement=sp.Eq(w, 2 * u)), Given(name="s", statement=sp.Eq(s, 2)))
    chains = (Chain(start=s * w, steps=(Step(Relation.EQ, 2 * s * u, "definition of $w$", uses=("w",)),)),)
    out = render_derivation(Derivation(id="v", title="V", question="Q0.1", givens=givens, chains=chains),
                            None, macros=False)
    assert r"\spGiven{$\mathbf{w}$}" in out and r"\spUses{$\mathbf{w}$}" in out
    assert r"\spGiven{$s$}" in out  # a scalar stays plain
    assert "definition of $\\mathbf{w}$" in out
    from symproofs.library import q5

    key = render_derivation(q5.DERIVATIONS[0], None, macros=False)
    assert r"\spGiven{$\mathbf{g}$}" in key  # the name of a sequence of vectors g_t


def test_document_sections_in_question_order() -> None:
    a = Derivation(id="a", title="A", question="Q10.1", chains=simple().chains)
    b = Derivation(id="b", title="B", question="Q2.1", chains=simple().chains)
    doc = render_document([(a, proved(a)), (b, proved(b))], titles={})
    assert doc.index(r"\spQuestion{Q2}") < doc.index(r"\spQuestion{Q10}")


def test_figure_gets_its_own_section_when_needed() -> None:
    doc = render_document([], figures={"Q6": bidirectional_rnn()}, titles={"Q6": "Bidirectional RNN"})
    assert r"\spQuestion{Q6}{Bidirectional RNN}" in doc
    assert r"\begin{tikzpicture}" in doc
    assert r"\caption{The bidirectional RNN unrolled for $t = 1, \dots, 3$" in doc


def test_course_preamble_is_read_after_the_builtin_one(tmp_path: Path) -> None:
    pre = tmp_path / "course.tex"
    pre.write_text(r"\newcommand{\course}{DL}" + "\n")
    d = simple()
    doc = render_document([(d, proved(d))], preamble=pre, titles={})
    assert doc.index(r"\usepackage{amsmath,amssymb}") < doc.index(r"\newcommand{\course}{DL}")
    assert doc.index(r"\newcommand{\course}{DL}") < doc.index(r"\begin{document}")
    with pytest.raises(InputError, match="is not a file"):
        render_document([(d, proved(d))], preamble=tmp_path / "missing.tex")


def test_write_build_is_byte_identical(tmp_path: Path) -> None:
    d = simple()
    pairs = [(d, proved(d))]
    first = write_build(pairs, tmp_path / "a", titles={})
    second = write_build(pairs, tmp_path / "b", titles={})
    assert [p.relative_to(tmp_path / "a") for p in first] == [Path("derivations/sq.tex"), Path("proofs.tex")]
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes() == q.read_bytes()
    assert not re.search(r"\\today|20\d\d-\d\d-\d\d", (tmp_path / "a" / "proofs.tex").read_text())


# -- notebook display ------------------------------------------------------------------------
def test_derivation_reprs() -> None:
    latex = derivation_repr_latex(q3.unroll)
    assert latex.startswith("$$\n\\begin{aligned}") and latex.endswith("\\end{aligned}\n$$")
    assert r"&\text{base case $t = 0$:}" in latex
    md = derivation_repr_markdown(q3.momentum)
    assert md.startswith("**Q3.1 Momentum as a recurrence on the updates** (`q3-momentum-update`)")
    assert "- *momentum*: $v_{k} = " in md


def test_result_reprs() -> None:
    d = q3.momentum
    r = proved(d)
    md = result_repr_markdown(r)
    assert md.count("| ✓ |") == d.step_count
    latex = result_repr_latex(r)
    assert latex.count(r"\checkmark") == d.step_count


def test_given_without_text_says_where_it_holds() -> None:
    k = sp.Symbol("k", integer=True)
    d = Derivation(id="gv", title="G", question="Q0.3",
                   givens=(Given(name="rec", statement=sp.Eq(g(k), 2 * g(k - 1)), index=k, valid_from=1),),
                   chains=(Chain(start=g(t), steps=(Step(R.EQ, 2 * g(t - 1), "recurrence", ("rec",)),)),))
    out = render_derivation(d, None, macros=False)
    assert r"(for every integer $k \ge 1$)" in out
