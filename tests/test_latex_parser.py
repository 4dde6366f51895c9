"""Tests of the LaTeX front end: conventions of the sympy output, safety, positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from symproofs.core.errors import InputError
from symproofs.core.model import Relation
from symproofs.latex.parser import (
    KNOWN_SECTIONS,
    AmbiguousReading,
    Notation,
    parse_math,
    parse_relation_chain,
    sequence_names,
    unify_indices,
)
from symproofs.latex.vocabulary import IndexedMax, IndexedMin
from symproofs.matrices.linalg import Grad, Jacobian, Scalar
from symproofs.probability.variables import CondE, Cov, E, Independent, Prob, Var


def r(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


def i(name: str) -> sp.Symbol:
    return sp.Symbol(name, integer=True)


def f(name: str) -> sp.FunctionClass:
    return sp.Function(name, real=True)


a, b, c, x, y, z = (r(n) for n in "abcxyz")
beta, mu, theta, eta = r("beta"), r("mu"), r("theta"), r("lambda")
t, k = i("t"), i("k")
norm = f("norm")

EXPRESSIONS = [
    ("implicit", r"ab", a * b),
    ("frac", r"\frac{a}{b}", a / b),
    ("frac-digits", r"\frac12", sp.Rational(1, 2)),
    ("dfrac-tfrac", r"\dfrac{1}{x} + \tfrac{x}{2}", 1 / x + x / 2),
    ("sqrt", r"\sqrt{x}", sp.sqrt(x)),
    ("sqrt-index-real-root", r"\sqrt[3]{x}", sp.real_root(x, 3)),
    ("sqrt-even-index", r"\sqrt[4]{x}", x ** sp.Rational(1, 4)),
    ("decimal-exact", r"0.9x + 1.25", sp.Rational(9, 10) * x + sp.Rational(5, 4)),
    ("cdot-times", r"a \cdot b \times c", a * b * c),
    ("slash", r"a / b \cdot c", a * c / b),
    ("unary-minus", r"-x^2", -(x**2)),
    ("minus-after-cdot", r"a \cdot -b", -a * b),
    ("parentheses", r"(a + b)(a - b)", (a + b) * (a - b)),
    ("brackets-braces", r"[a + b] \{c\}", (a + b) * c),
    ("left-right", r"\left( a + b \right)^2", (a + b) ** 2),
    ("big-sizes", r"\Big( a \Big) \bigl[ b \bigr] \biggl( c \biggr)", a * b * c),
    ("tex-group", r"{a + b}^2", (a + b) ** 2),
    ("greek", r"\alpha + \beta", r("alpha") + beta),
    ("varepsilon", r"\varepsilon + \epsilon", 2 * r("epsilon")),
    ("lambda-ell", r"\lambda \ell", eta * r("ell")),
    ("pi-constant", r"2\pi", 2 * sp.pi),
    ("bold-typographic", r"\mathbf{x} + \boldsymbol{x} + \bm{x}", 3 * x),
    ("mathrm-word", r"\mathrm{lr} \cdot x", r("lr") * x),
    ("euler-e", r"\mathrm{e}^{x}", sp.exp(x)),
    ("plain-e-euler", r"e^x", sp.exp(x)),
    ("e-subscripted-is-a-name", r"e_i", f("e")(i("i"))),
    ("subscript-index", r"g_{t-1}", f("g")(t - 1)),
    ("subscript-pair", r"W_{ij} + W_{i,j}", 2 * f("W")(i("i"), i("j"))),
    ("subscript-digit", r"x_1", f("x")(1)),
    ("subscript-greek", r"\theta_t", f("theta")(t)),
    ("index-only-in-subscripts", r"\beta^{t-k} g_k", beta ** (r("t") - k) * f("g")(k)),
    ("index-shared", r"\beta^{t-k} g_k + v_t", beta ** (t - k) * f("g")(k) + f("v")(t)),
    ("sub-then-sup", r"\beta_1^t", f("beta")(1) ** r("t")),
    ("sup-then-sub", r"\beta^t_1", f("beta")(1) ** r("t")),
    ("text-subscript-name", r"L_{\text{train}}", r("L_train")),
    ("hat-accent", r"\hat{m}_t", f("m_hat")(t)),
    ("hat-around-subscript", r"\hat{m_t}", f("m_hat")(t)),
    ("bar-tilde", r"\bar{x} + \tilde{x}", r("x_bar") + r("x_tilde")),
    ("mathcal", r"\mathcal{L}", r("calL")),
    ("delta-name", r"\Delta\theta_t", f("Delta_theta")(t)),
    ("delta-spaced", r"\Delta\,x", r("Delta") * x),
    ("nabla", r"\nabla_{w} L", r("grad_w_L")),
    ("nabla-greek-call", r"\nabla_\theta L(\theta_t)", f("grad_theta_L")(f("theta")(t))),
    ("nabla-plain", r"\nabla f", r("grad_f")),
    ("hessian", r"\nabla^2 f", r("hess_f")),
    ("sum", r"\sum_{k=1}^{t} \beta^{t-k} g_k", sp.Sum(beta ** (t - k) * f("g")(k), (k, 1, t))),
    ("sum-extent", r"\sum_{k=1}^{n} a_k b_k + c",
     sp.Sum(f("a")(k) * f("b")(k), (k, 1, i("n"))) + c),
    ("sum-after-factor", r"(1-\beta)\sum_{k=1}^{t} g_k", (1 - beta) * sp.Sum(f("g")(k), (k, 1, t))),
    ("sum-infinity", r"\sum_{k=0}^{\infty} x^k", sp.Sum(x**k, (k, 0, sp.oo))),
    ("prod", r"\prod_{k=1}^{t} x_k", sp.Product(f("x")(k), (k, 1, t))),
    ("expectation-bb", r"\mathbb{E}[X]", E(r("X"))),
    ("expectation-left", r"\mathbb{E}\left[ X \right]", E(r("X"))),
    ("expectation-plain", r"E[X]", E(r("X"))),
    ("expectation-operatorname", r"\operatorname{E}[X]", E(r("X"))),
    ("expectation-squared", r"\mathbb{E}[X]^2", E(r("X")) ** 2),
    ("variance-forms", r"\operatorname{Var}(X) + \mathrm{Var}[X] + \text{Var}(X) + \mathbb{V}[X]",
     4 * Var(r("X"))),
    ("covariance", r"\operatorname{Cov}(X, Y)", Cov(r("X"), r("Y"))),
    ("functions", r"\exp(x) + \log x + \ln(y) + \tanh(z)",
     sp.exp(x) + sp.log(x) + sp.log(y) + sp.tanh(z)),
    ("log-base", r"\log_2 x", sp.log(x, 2)),
    ("sin-squared", r"\sin^2 x", sp.sin(x) ** 2),
    ("max-braces", r"\max\{0, x\}", sp.Max(0, x)),
    ("max-parens", r"\max(0, x) + \min(a, b)", sp.Max(0, x) + sp.Min(a, b)),
    ("abs", r"|x| + \left| y \right| + \lvert z \rvert", sp.Abs(x) + sp.Abs(y) + sp.Abs(z)),
    ("abs-product", r"|x| |y|", sp.Abs(x) * sp.Abs(y)),
    ("norm", r"\|x\| + ||y||", norm(x) + norm(y)),
    ("norm-2", r"\|x\|_2^2", norm(x) ** 2),
    ("T-is-power-when-T-is-a-variable", r"\beta^T + T", beta ** r("T") + r("T")),
    ("odot-scalar", r"a \odot b", a * b),
    ("sigma-call", r"\sigma(h)", f("sigma")(r("h"))),
    ("sigma-prime", r"\sigma'(h)", sp.Derivative(f("sigma")(r("h")), r("h"))),
    ("sigma-power", r"\sigma^2", r("sigma") ** 2),
    ("product-not-call", r"a(b+c)", a * (b + c)),
    ("word-call", r"\text{softmax}(z)", f("softmax")(z)),
    ("prime-symbol", r"x'", r("x_prime")),
    ("binomial", r"\binom{n}{2}", sp.binomial(r("n"), 2)),
    ("factorial", r"n!", sp.factorial(r("n"))),
    ("power-of-ten", r"10^{3}", sp.Integer(1000)),
    ("floor", r"\lfloor x \rfloor", sp.floor(x)),
    ("ceiling", r"\lceil x + y \rceil", sp.ceiling(x + y)),
    ("sized-floor", r"\left\lfloor \frac{x}{2} \right\rfloor + 1", sp.floor(x / 2) + 1),
    ("floor-times", r"2\lfloor x \rfloor \lceil y \rceil", 2 * sp.floor(x) * sp.ceiling(y)),
    ("floor-power", r"\lfloor x \rfloor^2", sp.floor(x) ** 2),
    ("floor-number", r"\lfloor 7/2 \rfloor + \lceil 7/2 \rceil", sp.Integer(7)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EXPRESSIONS],
                         ids=[c[0] for c in EXPRESSIONS])
def test_parse_math_builds_the_documented_sympy_tree(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


IGNORED = [
    ("text-remark", r"x \text{ (linearity)}", x),
    ("quad-remark", r"x \quad \text{by linearity}", x),
    ("quad-paren-remark", r"x \qquad (\text{by Jensen's inequality})", x),
    ("mathrm-remark", r"x \quad \mathrm{(by\ independence)}", x),
    ("remark-in-parens", r"x (\text{by } 3)", x),
    ("leading-remark", r"\text{hence } x", x),
    ("tag-label", r"x \tag{3} \label{eq:x}", x),
    ("nonumber", r"x \nonumber \notag", x),
    ("trailing-punctuation", r"x + y ,", x + y),
    ("trailing-period", r"(1 - \beta^t)\mu .", (1 - beta ** r("t")) * mu),
    ("spacing", r"a\,b\;c\!x \quad", a * b * c * x),
    ("alignment", r"&x && + y", x + y),
    ("displaystyle", r"\displaystyle \frac{1}{2}", sp.Rational(1, 2)),
    ("comment", "x % + y", x),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in IGNORED], ids=[c[0] for c in IGNORED])
def test_remarks_labels_and_spacing_are_set_aside(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


ERRORS = [
    ("huge-power", r"x^{10^{10}}", "exponent 10000000000 is too large"),
    ("huge-number-power", r"{2^{1000}}^{1000}", "number too large"),
    ("long-literal", "1" * 101, "more than 100 digits"),
    ("huge-factorial", r"5000!", "number too large"),
    ("deep-parens", "(" * 60 + "x" + ")" * 60, "nested more than 50 levels"),
    ("deep-braces", "{" * 5000 + "x" + "}" * 5000, "nested more than 50 levels"),
    ("deep-frac", r"\frac" * 200 + "12" * 200, "nested more than 50 levels"),
    ("deep-accents", r"\hat{" * 300 + "x" + "}" * 300, "nested more than 50 levels"),
    ("megabyte-line", "x+" * 500_000 + "x", "longer than 20000 characters"),
    ("input", r"\input{/etc/passwd}", r"\\input: TeX programming is not allowed"),
    ("def", r"\def\x{1} \x", r"\\def: TeX programming is not allowed"),
    ("catcode", r"\catcode`\^=12", r"\\catcode: TeX programming is not allowed"),
    ("write", r"\write18{rm -rf /}", r"\\write: TeX programming is not allowed"),
    ("unknown-command", r"\foo x", r"unsupported command \\foo"),
    # digits after a space: 1\;000 was the product 1 * 0 (so "1\;000 = 0" proved), 0.000\,1 the number 0
    ("digits-after-a-thick-space", r"1\;000", "digits after a space"),
    ("digits-after-a-tie", r"2~500", "digits after a space"),
    ("decimals-after-a-thin-space", r"0.000\,1", "digits after a space"),
    ("digits-after-a-blank", r"2 3", "digits after a space"),
    ("four-digits-after-a-thin-space", r"2\,0000", "digits after a space"),  # was 2000 * 0
    ("digits-after-an-hspace", r"5\hspace{1pt}250", "digits after a space"),  # was 5 * 250
    ("digits-after-a-space-after-a-fraction", r"y + 1 2", "digits after a space"),
    ("endless-series", r"a_1 + a_2 + \cdots", "for a series without end"),
    ("ellipsis-of-unlike-terms", r"a_1 + \cdots + b_n", "cannot read the ellipsis"),
    ("sum-over-a-set", r"\sum_{k \in S} a_k", "unsupported index range"),
    ("unclosed-paren", r"(a + b", "expected '\\)'"),
    ("stray-close", r"a + b)", "unexpected '\\)'"),
    ("division-by-zero", r"\frac{1}{0}", "division by zero"),
    ("double-superscript", r"x^2^3", "double superscript"),
    ("double-subscript", r"x_1_2", "double subscript"),
    ("unicode", "x ≤ y", "unexpected '≤'"),
    ("mathbb-R", r"\mathbb{R}", r"unsupported \\mathbb\{R\}"),
    ("cov-arity", r"\operatorname{Cov}(X)", "Cov takes 2 argument"),
    ("empty", "   ", "missing expression"),
    ("left-without-delimiter", r"\left x \right)", r"\\left needs a delimiter"),
    ("unbalanced-text", r"x \text{abc", r"unbalanced braces after \\text"),
    ("derivative-orders", r"\frac{d^2}{dx} x^2", "orders of the derivative"),
    ("integral-without-differential", r"\int_0^1 x", "needs its differential"),
    ("conditional-variance", r"\operatorname{Var}[X \mid Y]", "conditional Var"),
    ("plus-minus", r"x \pm y", r"unsupported command \\pm"),
    ("floor-closed-by-ceiling", r"\lfloor x \rceil", "expected"),
    ("norm-subscript-1", r"\|x\|_1", "a norm takes only _2"),
    ("entry-of-undeclared-product", r"(XR)_{ij}", "shape is not declared"),
    ("chain", r"a = b = c", "use parse_relation_chain"),
    ("unchecked-relation", r"a \approx b", "use parse_relation_chain"),
]


@pytest.mark.parametrize(("text", "match"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_bad_or_hostile_input_is_an_input_error(text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        parse_math(text, source="answer.tex")


def test_errors_carry_file_positions_from_the_offset() -> None:
    with pytest.raises(InputError, match=r"^answer\.tex:12:9: unsupported command") as info:
        parse_math(r"a + \foo", source="answer.tex", line=12, column=5)
    assert (info.value.line, info.value.column) == (12, 9)


def test_positions_on_later_lines_of_a_fragment_are_columns_of_that_line() -> None:
    with pytest.raises(InputError, match="unsupported command") as info:
        parse_math("a +\n  b + \\foo", source="answer.tex", line=12, column=5)
    assert (info.value.line, info.value.column) == (13, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(r"a = b", sp.Eq(a, b, evaluate=False)), (r"a \le 2", sp.Le(a, 2, evaluate=False)),
     (r"x > 0", sp.Gt(x, 0, evaluate=False)), (r"x = x", sp.Eq(x, x, evaluate=False))],
    ids=["eq", "le", "gt", "eq-unevaluated"],
)
def test_parse_math_reads_one_relation(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


def test_indices_are_integer_in_every_part_of_a_relation() -> None:
    eq = parse_math(r"v_t = \beta^t")
    assert eq == sp.Eq(f("v")(t), beta**t, evaluate=False)


def test_extra_indices_are_integers() -> None:
    assert parse_math("n + m", indices=["n"]) == i("n") + r("m")


def relations(text: str) -> list[tuple[str, Relation | None, int, sp.Basic | None]]:
    return [(p.relation_text, p.relation, p.column, p.expr) for p in parse_relation_chain(text)]


CHAINS = [
    ("chain", r"a = b \le c", [("", None, 1, a), ("=", Relation.EQ, 5, b), (r"\le", Relation.LE, 11, c)]),
    ("continuation", r"&= b", [("=", Relation.EQ, 4, b)]),
    ("inequalities", r"a < b \geq c", [("", None, 1, a), ("<", Relation.LT, 5, b),
                                      (r"\geq", Relation.GE, 12, c)]),
    ("implies", r"x = 1 \implies y = 2", [("", None, 1, x), ("=", Relation.EQ, 5, 1),
                                          (r"\implies", Relation.IMPLIES, 16, y),
                                          ("=", Relation.EQ, 20, 2)]),
    ("quad-around-implies", r"x \quad\Longrightarrow\quad y",
     [("", None, 1, x), (r"\Longrightarrow", Relation.IMPLIES, 29, y)]),
    ("iff-arrows", r"a \Leftrightarrow b \Rightarrow c",
     [("", None, 1, a), (r"\Leftrightarrow", Relation.IFF, 19, b),
      (r"\Rightarrow", Relation.IMPLIES, 33, c)]),
    ("tends", r"a \to b", [("", None, 1, a), (r"\to", Relation.TENDS, 7, b)]),
    ("approx-unchecked", r"a \approx b", [("", None, 1, a), (r"\approx", None, 11, b)]),
    ("definition-unchecked", r"a := b", [("", None, 1, a), (":=", None, 6, b)]),
    ("overset", r"a \overset{(i)}{=} b", [("", None, 1, a), ("=", Relation.EQ, 20, b)]),
    ("stackrel", r"a \stackrel{\text{Jensen}}{\le} b", [("", None, 1, a), (r"\le", Relation.LE, 33, b)]),
    ("relation-inside-braces", r"\sum_{k=1}^{n} k = s",
     [("", None, 1, sp.Sum(k, (k, 1, i("n")))), ("=", Relation.EQ, 20, r("s"))]),
    ("remark-with-relation", r"a = b \quad \text{for } k \ge 1",
     [("", None, 1, a), ("=", Relation.EQ, 5, b)]),
    ("shared-indices", r"g_t = t", [("", None, 1, f("g")(t)), ("=", Relation.EQ, 7, t)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CHAINS], ids=[c[0] for c in CHAINS])
def test_parse_relation_chain_splits_at_top_level_relations(text: str, expected: list[object]) -> None:
    assert relations(text) == expected


def test_a_bad_part_keeps_its_error_and_the_others_are_read() -> None:
    parts = parse_relation_chain(r"a = \foo b = c", source="s.tex", line=4, column=3)
    assert [p.expr for p in parts] == [a, None, c]
    error = parts[1].error
    assert error is not None and (error.line, error.column) == (4, 7)
    assert "unsupported command" in error.message
    assert [p.checkable for p in parts] == [True, False, True]


def test_an_unchecked_relation_is_not_checkable() -> None:
    assert [p.checkable for p in parse_relation_chain(r"a \approx b")] == [True, False]


def test_missing_side_after_a_relation_is_an_error_part() -> None:
    (_, second) = parse_relation_chain(r"a = ")
    assert second.error is not None and "missing expression" in second.error.message


def test_every_checked_relation_spelling_is_known_to_the_model() -> None:
    spellings = ["=", "<", ">", "<=", ">=", r"\le", r"\leq", r"\leqslant", r"\ge", r"\geq", r"\lt",
                 r"\gt", r"\implies", r"\iff", r"\Rightarrow", r"\Leftrightarrow", r"\Longrightarrow",
                 r"\Longleftrightarrow", r"\to", r"\rightarrow"]
    for spelling in spellings:
        (_, part) = parse_relation_chain(f"a {spelling} b")
        assert part.relation is Relation.parse(spelling), spelling


def test_unify_indices_shares_integer_indices() -> None:
    _, second = unify_indices([parse_math("g_t"), parse_math(r"(1-\beta^t)\mu")])
    assert second == (1 - beta**t) * mu


NOTATION = Notation(
    symbols={"beta": "positive", "n": "positive integer", "s": "nonnegative", "x": "real"},
    matrices={"W": ("n", "m"), "v": ("n",), "A": (2, 2), "B": (2, 3)},
    functions={"f"},
    macros={"E": r"\mathbb{E}", "R": r"\mathbb{R}", "half": r"\frac{1}{2}"},
    indices={"j"},
)
DIM_N, DIM_M = sp.symbols("n m", integer=True, positive=True)
W, V = sp.MatrixSymbol("W", DIM_N, DIM_M), sp.MatrixSymbol("v", DIM_N, 1)

WITH_NOTATION = [
    ("domain", r"\beta", sp.Symbol("beta", positive=True)),
    ("domain-wins-over-index", r"x_n + n", f("x")(sp.Symbol("n", integer=True, positive=True))
     + sp.Symbol("n", integer=True, positive=True)),
    ("declared-index", r"j", i("j")),
    ("matrix", r"W", W),
    ("vector-transpose", r"v^\top W", V.T * W),
    ("vector-T", r"v^T v", V.T * V),
    ("inverse", r"A^{-1}", sp.MatrixSymbol("A", 2, 2) ** -1),
    ("hadamard", r"A \odot A", sp.HadamardProduct(sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("A", 2, 2))),
    ("matrix-family", r"W_1", sp.MatrixSymbol("W_1", W.shape[0], W.shape[1])),
    ("declared-function", r"f(x)", f("f")(r("x"))),
    ("declared-function-prime", r"f'(x)", sp.Derivative(f("f")(r("x")), r("x"))),
    ("macro", r"\E[X] \half", E(r("X")) / 2),
    ("norm-of-vector", r"\|v\|", norm(V)),
    ("norm-of-declared-scalar", r"\|\beta x\|", sp.Abs(sp.Symbol("beta", positive=True) * r("x"))),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in WITH_NOTATION],
                         ids=[c[0] for c in WITH_NOTATION])
def test_notation_gives_domains_shapes_functions_and_macros(text: str, expected: sp.Basic) -> None:
    assert parse_math(text, notation=NOTATION) == expected


@pytest.mark.parametrize(
    ("text", "match"),
    [(r"W + 1", r"cannot add W \(a matrix, n x m\) and 1 \(a number\)"), (r"B B", "cannot build"),
     (r"\frac{1}{W}", "divide by a matrix"),
     (r"\R", r"unsupported \\mathbb\{R\}")],
    ids=["matrix-plus-scalar", "shape-mismatch", "divide-by-matrix", "macro-to-unsupported"],
)
def test_shape_errors_are_input_errors(text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        parse_math(text, notation=NOTATION)


def test_recursive_macros_stop() -> None:
    looping = Notation(macros={"a": r"\b + \b", "b": r"\a"})
    with pytest.raises(InputError, match=r"macro \\[ab]: expansion too deep"):
        parse_math(r"\a", notation=looping)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"symbols": {"x": "complex"}}, "unknown domain 'complex'"),
     ({"matrices": {"W": ("n", "m", "k")}}, "shape must be 1 or 2"),
     ({"matrices": {"W": (0, 2)}}, "shape must be"),
     ({"symbols": {"W": "real"}, "matrices": {"W": (2, 2)}}, "both as a symbol and as a matrix"),
     ({"functions": {"f(x)"}}, "not an identifier"),
     ({"functions": "sigma"}, "not a string"),
     ({"symbols": {"x": ["real"]}}, "unknown domain"),
     ({"matrices": {"W": ("n", 1.5)}}, "shape must be"),
     ({"macros": {"a b": "x"}}, "macro 'a b'"),
     ({"log_base": 1}, "log base must be a whole number from 2")],
    ids=["domain", "shape-length", "shape-zero", "symbol-and-matrix", "function-name", "functions-string",
         "domain-not-a-string", "shape-float", "macro-name", "log-base"],
)
def test_notation_rejects_bad_declarations(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InputError, match=match):
        Notation(**kwargs)  # type: ignore[arg-type]


def test_a_log_without_a_base_takes_the_one_the_text_states() -> None:
    x = sp.Symbol("x", real=True)
    assert parse_math(r"\log x + \log_3 x", notation=Notation(log_base=2)) == sp.log(x, 2) + sp.log(x, 3)
    assert parse_math(r"\log 8", notation=Notation(log_base=2)) == 3
    with pytest.raises(InputError, match=r"ambiguous reading: \\log: the text speaks of a base"):
        parse_math(r"\log x", notation=Notation(ambiguous={"log"}))
    assert parse_math(r"\log_2 x + \ln x", notation=Notation(ambiguous={"log"})) == sp.log(x, 2) + sp.log(x)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notation.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_notation_from_toml_reads_every_section_and_keeps_others(tmp_path: Path) -> None:
    path = write(tmp_path, r"""
[symbols]
beta = "positive"
[matrices]
W = ["n", 3]
[functions]
names = ["f"]
[indices]
names = ["j"]
[macros]
"\\E" = "\\mathbb{E}"
[random]
X = "bernoulli"
""")
    notation = Notation.from_toml(path)
    assert notation.symbols == {"beta": "positive"}
    assert notation.matrices == {"W": ("n", 3)}
    assert notation.functions == {"f"} and notation.indices == {"j"}
    assert notation.macros == {"E": r"\mathbb{E}"}
    assert notation.sections == {"random": {"X": "bernoulli"}}
    assert "random" in KNOWN_SECTIONS


@pytest.mark.parametrize(
    ("text", "match"),
    [("[symbol]\nx = 'real'\n", r"unknown section \[symbol\]"),
     ("[functions]\nname = ['f']\n", "unknown key 'name'"),
     ("[symbols]\nx = 'realz'\n", "unknown domain 'realz'"),
     ("symbols = 1\n", r"\[symbols\] must be a table"),
     ("[symbols\n", "invalid TOML")],
    ids=["misspelled-section", "misspelled-key", "bad-domain", "not-a-table", "syntax"],
)
def test_notation_from_toml_rejects_mistakes_loudly(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(InputError, match=match) as info:
        Notation.from_toml(write(tmp_path, text))
    assert info.value.source == str(tmp_path / "notation.toml")


def test_notation_from_toml_accepts_sections_added_by_others(tmp_path: Path) -> None:
    path = write(tmp_path, "[hints]\nq1 = 'use linearity'\n")
    notation = Notation.from_toml(path, known_sections=(*KNOWN_SECTIONS, "hints"))
    assert notation.sections == {"hints": {"q1": "use linearity"}}


PIECES = [
    "x", "y", "k", "1", "12", "0.5", "+", "-", "=", "^", "_", "{", "}", "(", ")", "[", "]", "|", "||",
    ",", "'", "!", "&", r"\\", "%", " ", "\n", r"\frac", r"\sqrt", r"\sum", r"\prod", r"\left(",
    r"\right)", r"\left[", r"\right]", r"\left|", r"\right|", r"\|", r"\{", r"\}", r"\mathbb{E}",
    r"\operatorname{Var}", r"\text{by}", r"\mathrm{Cov}", r"\beta", r"\Delta", r"\theta", r"\nabla",
    r"\hat", r"\mathbf", r"\cdot", r"\odot", r"\top", r"\le", r"\approx", r"\quad", r"\label{a}",
    r"\overset", r"\max", r"\log", r"\sigma", r"\infty", r"\input", r"\def", r"\big", r"\binom",
    "T", "E", "W", "v", "f", "10^{", "0", r"\,", "~", "é", "\\",
]
fragments = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=40)


def check_parses_or_fails_cleanly(text: str) -> None:
    for notation in (None, NOTATION):
        try:
            result = parse_math(text, notation=notation, source="fuzz.tex", line=3, column=2)
        except InputError as exc:
            assert exc.line is not None and exc.line >= 3 and exc.column is not None and exc.column >= 1
        else:
            assert isinstance(result, sp.Basic)
        for part in parse_relation_chain(text, notation=notation, source="fuzz.tex", line=3, column=2):
            assert (part.expr is None) != (part.error is None)
            assert part.line >= 3 and part.column >= 1


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_fuzzed_input_gives_an_expression_or_a_clean_input_error(text: str) -> None:
    check_parses_or_fails_cleanly(text)


LEAVES = ["x", "y", "k", "t", "2", "0", "0.5", r"\beta", r"\theta_t", "g_k", "W", "v", "A", r"\mathbf{x}",
          r"\hat{m}_t", r"\infty", "E", "T", r"\sigma", "f", r"\Delta\theta", r"\nabla_w L", r"\mathrm{e}"]
WRAPPERS = ["({})", r"\left[{}\right]", "|{}|", r"\|{}\|", r"\sqrt{{{}}}", r"\mathbb{{E}}[{}]",
            r"\operatorname{{Var}}({})", r"\sum_{{k=1}}^{{t}} {}", r"\exp({})", r"\max\{{0, {}\}}",
            r"{}^\top", "{}^T", "{}!", "{}^{{-1}}", r"\sigma({})", "f({})", r"{} \quad \text{{(by {})}}"]
BINARY = ["{} + {}", "{} - {}", r"{} \cdot {}", "{}/{}", r"{} \odot {}", "{} {}", r"\frac{{{}}}{{{}}}",
          "{{{}}}^{{{}}}", "x_{{{}}}^{{{}}}", r"\operatorname{{Cov}}({}, {})", r"{} \le {}", "{} = {}"]
formulas = st.recursive(
    st.sampled_from(LEAVES),
    lambda inner: st.builds(lambda w, a: w.format(a, a), st.sampled_from(WRAPPERS), inner)
    | st.builds(lambda w, a, b: w.format(a, b), st.sampled_from(BINARY), inner, inner),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas)
def test_fuzzed_formulas_give_an_expression_or_a_clean_input_error(text: str) -> None:
    check_parses_or_fails_cleanly(text)


# -- readings a TA expects ---------------------------------------------------------------
N = sp.Symbol("n", integer=True, positive=True)
U = sp.MatrixSymbol("u", N, 1)
X_MAT = sp.MatrixSymbol("X", N, N)
SHAPES = Notation(matrices={"u": ("n",), "X": ("n", "n"), "A": ("n", "n"), "B": ("n", "n")},
                  functions={"ell"})
TA_READINGS = [
    ("arcsin", r"\sin^{-1} x", sp.asin(x)),
    ("arccos", r"\cos^{-1}(x)", sp.acos(x)),
    ("arctan-number", r"\tan^{-1} 1", sp.pi / 4),
    ("sin-squared-is-a-power", r"\sin^2 x", sp.sin(x) ** 2),
    ("sin-of-product", r"\sin 2x", sp.sin(2 * x)),
    ("log-of-product", r"\log 2\pi\sigma^2", sp.log(2 * sp.pi * r("sigma") ** 2)),
    ("ln-xy", r"\ln xy", sp.log(x * y)),
    ("operand-stops-at-plus", r"\sin x + y", sp.sin(x) + y),
    ("operand-stops-at-function", r"\sin x \cos x", sp.sin(x) * sp.cos(x)),
    ("operand-stops-at-cdot", r"\sin x \cdot y", sp.sin(x) * y),
    ("operand-stops-at-space", r"\log x \, y", sp.log(x) * y),
    ("operand-stops-at-bracket", r"\log x (y+1)", sp.log(x) * (y + 1)),
    ("real-cube-root", r"\sqrt[3]{-8}", sp.Integer(-2)),
    ("power-parenthesised", r"x^{(a+b)}", x ** (a + b)),
    ("e-power-parenthesised", r"e^{(x+y)}", sp.exp(x + y)),
    ("e-is-euler", r"e^{\ln 2}", sp.Integer(2)),
    ("sigma-squared-of-x", r"\sigma^2(x)", f("sigma")(x) ** 2),
    ("sigma-inverse", r"\sigma^{-1}(y)", f("sigma_inv")(y)),
    ("sigma-inverse-of-sigma", r"\sigma^{-1}(\sigma(x))", x),
    ("sigma-of-sigma-inverse", r"\sigma(\sigma^{-1}(y))", y),
    ("sec-csc-cot", r"\sec x + \csc x + \cot x", sp.sec(x) + sp.csc(x) + sp.cot(x)),
    ("lbrack", r"\lbrack a + b \rbrack c", (a + b) * c),
    ("choose", r"{n \choose 2}", sp.binomial(r("n"), 2)),
    ("log-natural", r"\log e", sp.Integer(1)),
    ("sequence-index-evident", r"h^{(t)} + h^{(t-1)}", f("h")(t) + f("h")(t - 1)),
    ("sequence-index-subscripted", r"h^{(t)} + h_0", f("h")(t) + f("h")(0)),
    ("f-of-a-name", r"f(x)", f("f")(x)),
    ("p-of-a-name-and-a-product", r"p(x) + p(1-p)", f("p")(x) + r("p") * (1 - r("p"))),
    ("letter-times-bracket", r"a(b+c)", a * (b + c)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TA_READINGS],
                         ids=[c[0] for c in TA_READINGS])
def test_a_ta_reading(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


AMBIGUOUS = [
    ("index-or-power", r"x^{(2)}", None),
    ("layer-index-unmarked", r"W^{(l)}", None),
    ("function-or-product", r"\ell(a+b)", None),
    ("f-of-a-sum", r"f(a+b)", None),
    ("transpose-undeclared", r"x^\top y", None),
    ("T-undeclared", r"\mathbf{x}\mathbf{y}^T", None),
    ("X-T-undeclared", r"(X^T X)^{-1} X^T y", None),
    ("ones-next-to-vectors", r"\mathbf{1}^\top \mathbf{x}", None),
    ("ones-next-to-bold", r"\mathbf{1} \mathbf{x}", None),
    ("log-inverse", r"\log^{-1} x", None),
    ("bars-of-a-matrix", r"|2A|", SHAPES),  # a determinant or a norm, never entrywise
    ("bars-of-a-product", r"|A B|", SHAPES),
    ("bars-of-a-vector", r"|\mathbf{u}|", SHAPES),
    ("identity-several-sizes", r"I + W", Notation(matrices={"W": ("n", "m")})),
    ("ones-several-lengths", r"\mathbf{1}", Notation(matrices={"u": ("n",), "v": ("m",)})),
    ("ones-several-lengths-transposed", r"\mathbf{1}^\top u", Notation(matrices={"u": ("n",), "v": ("m",)})),
    ("ones-several-lengths-scaled", r"u^\top (2 \cdot \mathbf{1})", Notation(matrices={"u": ("n",), "v": ("m",)})),
]


def test_the_sum_it_stands_in_gives_the_all_ones_vector_its_length() -> None:
    # two lengths declared: 1 - u is the all-ones vector of u's length, as a TA reads it
    note = Notation(matrices={"u": ("n",), "v": ("m",)})
    n = sp.Symbol("n", integer=True, positive=True)
    u = sp.MatrixSymbol("u", n, 1)
    assert parse_math(r"\mathbf{1} - \mathbf{u}", notation=note) == sp.OneMatrix(n, 1) - u
    assert parse_math(r"\operatorname{diag}(\mathbf{u} - \boldsymbol{1})", notation=note) == \
        sp.DiagMatrix(u - sp.OneMatrix(n, 1))
    assert parse_math(r"\mathbf{u} + 2 \cdot \mathbf{1}", notation=note) == u + 2 * sp.OneMatrix(n, 1)


@pytest.mark.parametrize(("text", "notation"), [c[1:] for c in AMBIGUOUS],
                         ids=[c[0] for c in AMBIGUOUS])
def test_an_ambiguous_reading_is_reported_as_such(text: str, notation: Notation | None) -> None:
    with pytest.raises(AmbiguousReading, match=r"^ambiguous reading: "):
        parse_math(text, notation=notation)
    (part,) = parse_relation_chain(text, notation=notation)
    assert part.ambiguous and part.expr is None


def test_a_marked_index_is_an_index() -> None:
    assert parse_math(r"W^{(l)}", notation=Notation(sequences={"W"})) == f("W")(i("l"))
    assert parse_math(r"W^{(l)}", notation=Notation(indices={"l"})) == f("W")(i("l"))
    assert parse_math(r"h^{(t-1)}", sequences=["h"]) == f("h")(t - 1)
    assert parse_math(r"\ell(a+b)", notation=SHAPES) == f("ell")(a + b)


def test_an_unambiguous_error_is_not_ambiguous() -> None:
    (part,) = parse_relation_chain(r"\foo")
    assert part.error is not None and not part.ambiguous


# -- constructs ----------------------------------------------------------------------------
DUMMY = sp.Symbol("u", real=True)
CONSTRUCTS = [
    ("d-dx-operator", r"\frac{d}{dx} x^2", None, sp.Derivative(x**2, x)),
    ("d-dx-bracket", r"\frac{d}{dx}\left(x^2 + y\right)", None, sp.Derivative(x**2 + y, x)),
    ("dy-dx", r"\frac{dy}{dx}", None, sp.Derivative(y, x)),
    ("mathrm-d", r"\frac{\mathrm{d} y}{\mathrm{d} x}", None, sp.Derivative(y, x)),
    ("second-order", r"\frac{d^2 f}{dx^2}", None, sp.Derivative(r("f"), (x, 2))),
    ("mixed-partial", r"\frac{\partial^2 f}{\partial x \partial y}", None,
     sp.Derivative(r("f"), x, y)),
    ("partial-wrt-entry", r"\frac{\partial L}{\partial u_i}", None,
     sp.Derivative(r("L"), f("u")(i("i")))),
    ("partial-wrt-declared-entry", r"\frac{\partial L}{\partial u_i}", SHAPES,
     sp.Derivative(r("L"), U[i("i") - 1, 0])),
    ("partial-operator-sum", r"\frac{\partial}{\partial u_i} \sum_{k=1}^{n} u_k^2", None,
     sp.Derivative(sp.Sum(f("u")(k) ** 2, (k, 1, i("n"))), f("u")(i("i")))),
    ("jacobian", r"\frac{\partial X u}{\partial u}", SHAPES, Jacobian(X_MAT * U, U)),
    ("f-prime", r"f'(x)", None, sp.Derivative(f("f")(x), x)),
    ("f-double-prime", r"f''(x)", None, sp.Derivative(f("f")(x), (x, 2))),
    ("sigma-prime-at-expression", r"\sigma'(2z)", None,
     sp.Subs(sp.Derivative(f("sigma")(DUMMY), DUMMY), DUMMY, 2 * z)),
    ("gradient", r"\nabla_{u} L", SHAPES, Grad(r("L"), U)),
    ("gradient-bold", r"\nabla_{\boldsymbol{u}} u^\top X u", SHAPES, Grad(Scalar(U.T * X_MAT * U), U)),
    ("integral-limits", r"\int_0^1 x^2\,dx", None, sp.Integral(x**2, (x, 0, 1))),
    ("integral-mathrm-d", r"\int_{-\infty}^{0} x^2 f(x) \mathrm{d}x", None,
     sp.Integral(x**2 * f("f")(x), (x, -sp.oo, 0))),
    ("integral-real-line", r"\int_{\mathbb{R}} \max(0, x)^2 f_i(x)\,dx", None,
     sp.Integral(sp.Max(0, x) ** 2 * f("f")(i("i"), x), (x, -sp.oo, sp.oo))),
    ("integral-indefinite", r"\int \sin x \, dx", None, sp.Integral(sp.sin(x), x)),
    ("entry-of-product", r"(AB)_{ij}", SHAPES,
     MatrixElement(sp.MatrixSymbol("A", N, N) * sp.MatrixSymbol("B", N, N), i("i") - 1, i("j") - 1)),
    ("entry-declared", r"A_{ij}", SHAPES, sp.MatrixSymbol("A", N, N)[i("i") - 1, i("j") - 1]),
    ("entry-of-gram", r"(X^\top X)_{ij}", SHAPES, MatrixElement(X_MAT.T * X_MAT, i("i") - 1, i("j") - 1)),
    ("entry-of-transposed-hadamard", r"((X \odot A)^\top)_{ik}", SHAPES,
     MatrixElement(sp.HadamardProduct(X_MAT, sp.MatrixSymbol("A", N, N)).T, i("i") - 1, k - 1)),
    ("sum-of-entries", r"\sum_k A_{ik} B_{kj}", SHAPES,
     sp.Sum(sp.MatrixSymbol("A", N, N)[i("i") - 1, k - 1] * sp.MatrixSymbol("B", N, N)[k - 1, i("j") - 1],
            (k, 1, N))),
    ("kronecker", r"\delta_{ij}", None, sp.KroneckerDelta(i("i"), i("j"))),
    ("identity-sized", r"\mathbb{I}_d", None, sp.Identity(sp.Symbol("d", integer=True, positive=True))),
    ("identity-declared", r"X + I", SHAPES, X_MAT + sp.Identity(N)),
    ("identity-subscript", r"X + I_n", SHAPES, X_MAT + sp.Identity(N)),
    ("ones", r"\mathbf{1}^\top u", SHAPES, sp.OneMatrix(N, 1).T * U),
    ("ones-scalar-alone", r"2\mathbf{1}", None, sp.Integer(2)),
    ("diag", r"\operatorname{diag}(u)", SHAPES, sp.DiagMatrix(U)),
    ("diag-letters", r"diag(u)", SHAPES, sp.DiagMatrix(U)),
    ("boxed", r"\boxed{x + 1}", None, x + 1),
    ("max-over-index", r"\max_i x_i", None, IndexedMax(f("x")(i("i")), i("i"))),
    ("min-over-variable", r"\min_{x} (x^2)", None, IndexedMin(x**2, x)),
    ("sum-implicit", r"\sum_t \beta^t", None,
     sp.Sum(beta**t, (t, i("t_lo"), i("t_hi")))),
    ("sum-one-sided", r"\sum_{k \ge t} g_k", None, sp.Sum(f("g")(k), (k, t, i("k_hi")))),
    ("sum-strict-both", r"\sum_{1 \le k < n} g_k", None, sp.Sum(f("g")(k), (k, 1, i("n") - 1))),
    ("sum-upper", r"\sum_{k=t}^{T} g_k", None, sp.Sum(f("g")(k), (k, t, i("T")))),
    ("conditional-expectation", r"\mathbb{E}[h \mid a \ge 0]", None, CondE(r("h"), sp.Ge(a, 0))),
    ("conditional-bar", r"\mathbb{E}\left[h | a > 0\right]", None, CondE(r("h"), sp.Gt(a, 0))),
    ("probability", r"\mathbb{P}(a \ge 0)", None, Prob(sp.Ge(a, 0))),
    ("probability-plain-P", r"P(0 \le a \le 1)", None, Prob(sp.And(sp.Le(0, a), sp.Le(a, 1)))),
    ("probability-conditional", r"\Pr[a > 0 \mid b > 0]", None, Prob(sp.Gt(a, 0), sp.Gt(b, 0))),
    ("independence", r"X \perp Y", None, Independent(r("X"), r("Y"))),
]


@pytest.mark.parametrize(("text", "notation", "expected"), [c[1:] for c in CONSTRUCTS],
                         ids=[c[0] for c in CONSTRUCTS])
def test_a_construct_becomes_a_standard_sympy_object(text: str, notation: Notation | None,
                                                    expected: sp.Basic) -> None:
    value = parse_math(text, notation=notation)
    if isinstance(expected, sp.Subs):
        assert isinstance(value, sp.Subs) and value.point == expected.point
        assert value.expr.func == sp.Derivative
    else:
        assert value == expected


def test_the_question_mark_relation_is_not_checked() -> None:
    _, second = parse_relation_chain(r"x \stackrel{?}{=} x + 1")
    assert second.relation is None and second.relation_text == "?="
    assert not second.checkable


# -- what the grader makes of these readings ---------------------------------------------------
READ_AS_A_TA = [
    ("inverse-trig-is-not-a-reciprocal", r"\cos^{-1} x = \frac{1}{\cos x}", {"refuted"}),
    ("arctan-value", r"\tan^{-1} 1 = \frac{\pi}{4}", {"proved"}),
    ("function-takes-the-product", r"\sin 2x = 2 \sin x \cos x", {"proved"}),
    ("function-does-not-take-one-factor", r"\log 3x = x \log 3", {"refuted"}),
    ("real-cube-root", r"\sqrt[3]{-27} = -3", {"proved"}),
    ("parenthesised-exponent-is-a-power", r"y^{(a+b)} = y^{a} y^{b}", {"proved"}),
    ("parenthesised-number-is-ambiguous", r"y^{(3)} = y \cdot y \cdot y", {"unparsed", "unknown"}),
    # sigma(x)^2, never sigma^2 x (which would make it true); sigma is undeclared
    ("function-power", r"\sigma^2(x) = x\sigma^2", {"refuted", "unknown"}),
    ("inverse-function", r"\sigma^{-1}(\sigma(y)) = y", {"proved"}),
    ("euler", r"e^{\ln 3} = 3", {"proved"}),
    ("loss-applied-is-ambiguous", r"\ell(x+y) = \ell(x) + \ell(y)", {"unparsed", "unknown"}),
    ("outer-product-is-ambiguous", r"\mathbf{u}\mathbf{v}^T = \mathbf{v}\mathbf{u}^T",
     {"unparsed", "unknown"}),
    ("normal-equations-are-ambiguous", r"(A^T A)^{-1} A^T b = A^{-1} b", {"unparsed", "unknown"}),
    ("question-is-not-a-claim", r"y \stackrel{?}{=} y + 2", {"unknown", "unparsed"}),
]


@pytest.mark.parametrize(("line", "allowed"), [c[1:] for c in READ_AS_A_TA],
                         ids=[c[0] for c in READ_AS_A_TA])
def test_the_grader_reads_what_a_ta_reads(tmp_path: Path, line: str, allowed: set[str]) -> None:
    from symproofs.grading.run import GradeOptions, grade

    left, _, right = line.partition(" = ") if " = " in line else line.partition(r" \stackrel")
    body = f"{left} &= {right}" if " = " in line else f"{left} &\\stackrel{right}"
    answer = tmp_path / "answer.tex"
    answer.write_text(f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n", encoding="utf-8")
    # A course's notation declares the letters: a lone equation over undeclared
    # symbols is a result that may rest on context, never refuted.
    notation = tmp_path / "notation.toml"
    notation.write_text('[symbols]\nx = "real"\ny = "positive"\na = "real"\nb = "real"\n', encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=notation))
    verdicts = {s.verdict.value for c in sub.chains for s in c.steps}
    assert sub.error is None and verdicts and verdicts <= allowed, verdicts


def test_the_grader_honours_a_redefined_relation(tmp_path: Path) -> None:
    from symproofs.grading.run import GradeOptions, grade

    answer = tmp_path / "answer.tex"
    answer.write_text("\\documentclass{article}\n\\renewcommand{\\le}{\\ge}\n\\begin{document}\n"
                      "\\begin{align*}\n1 &\\le y^2 + 2\n\\end{align*}\n\\end{document}\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1))
    ((step,),) = [c.steps for c in sub.chains]
    assert step.verdict.value == "refuted" and step.relation == "\\ge"


def test_the_all_ones_vector_with_declared_shapes(tmp_path: Path) -> None:
    from symproofs.grading.run import GradeOptions, grade

    notation = tmp_path / "course.toml"
    notation.write_text('[matrices]\nv = ["n"]\n', encoding="utf-8")
    answer = tmp_path / "answer.tex"
    answer.write_text("\\begin{align*}\n\\mathbf{1}\\mathbf{1}^\\top v &= v\n\\end{align*}\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=notation))
    verdicts = {s.verdict.value for c in sub.chains for s in c.steps}
    assert verdicts and "proved" not in verdicts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"$h^{(t)} = W h^{(t-1)}$", {"h"}, id="two-layer-indices"),
        pytest.param(r"$\boldsymbol{W}_{ij}^{(t)}$ and $\mathbf{W}^{(s)}$", {"W"}, id="bold-subscripted"),
        pytest.param(r"$W^{(f)}$, $W^{(b)}$", {"W"}, id="labels"),
        pytest.param(r"$x^{(2)} = x^{(3)}$", set(), id="numbers-are-not-evidence"),
        pytest.param(r"$x^{(a+b)}$ and $x^{(c)}$", set(), id="sums-are-not-evidence"),
        pytest.param(r"$h_t$ and $h^{(t)}$", set(), id="a-subscript-elsewhere-is-not-evidence"),
    ],
)
def test_sequence_names_of_a_document(text: str, expected: set[str]) -> None:
    assert sequence_names(text) == expected


def test_document_sequences_make_a_lone_superscript_an_index() -> None:
    (side,) = parse_relation_chain(r"h^{(t)}", sequences=sequence_names(r"$h^{(t)}, h^{(t-1)}$"))
    assert side.expr == f("h")(t)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"(h_{t-1})_j", f("h")(t - 1, i("j")), id="entry-of-a-sequence-member"),
        pytest.param(r"\nabla_{W^{(f)}} L", sp.Derivative(r("L"), f("W")(i("f"))),
                     id="nabla-with-scripts"),
        pytest.param(r"\frac{\partial L}{\partial h^{(t)}}", sp.Derivative(r("L"), f("h")(t)),
                     id="partial-wrt-a-member"),
    ],
)
def test_members_and_entries_of_undeclared_sequences(text: str, expected: sp.Basic) -> None:
    assert parse_math(text, sequences=["h", "W"]) == expected


def test_e_is_a_variable_where_the_first_side_is_e_alone() -> None:
    first, second = parse_relation_chain(r"e = y - x")
    assert first.expr == r("e") and second.expr == y - x
    # a chain that arrives at e arrives at Euler's number
    *_, last = parse_relation_chain(r"\sum_{k=0}^{\infty} \frac{1}{k!} = \exp(1) = e")
    assert last.expr == sp.E
    assert parse_math(r"e^{x}", notation=Notation(symbols={"e": "real"})) == r("e") ** x


def test_double_perp_is_one_independence() -> None:
    assert parse_math(r"X \perp\!\!\!\perp Y") == Independent(r("X"), r("Y"))


def test_a_lone_e_is_euler() -> None:
    assert parse_math("e") == sp.E


# -- expectations over a named variable, entries of a name, 1 x 1 products -------------------------
def test_e_with_a_subscript_before_a_bracket_is_the_expectation() -> None:
    masked = Notation(sections={"random": {"variables": {"R": {"law": "bernoulli", "p": "p"}}}})
    assert parse_math(r"E_{\mathbf{R}}[x y]", notation=masked) == E(
        sp.Symbol("x", real=True) * sp.Symbol("y", real=True))
    with pytest.raises(InputError, match="named law or over a named variable"):
        parse_math(r"E_{\mathbf{R}}[x y]")  # nothing declared random: R's role is unknown, never dropped
    assert parse_math(r"E_1 x") != E(sp.Symbol("x", real=True))  # no bracket: a name E_1


def test_an_entry_of_a_parenthesised_name_is_its_entry() -> None:
    assert parse_math(r"(\mathbf{R})_{ij}") == parse_math(r"R_{ij}")


def test_a_one_by_one_product_added_to_a_scalar_is_a_scalar() -> None:
    from symproofs.matrices.linalg import Scalar

    note = Notation(matrices={"u": ("n",), "x": ("n",)})
    value = parse_math(r"u^\top x + \beta", notation=note)
    assert value.atoms(Scalar) and not isinstance(value, sp.MatrixExpr)
    with pytest.raises(InputError):
        parse_math(r"u + \beta", notation=note)  # a vector plus a scalar stays refused


def test_a_label_and_an_index_are_a_member_of_the_labelled_sequence() -> None:
    assert parse_math(r"v_t_{\mathrm{new}}") == parse_math(r"v_{\text{new}}_t")
    assert str(parse_math(r"v_{\text{new}}_t")) == "v_new(t)"
    with pytest.raises(InputError, match="double subscript"):
        parse_math("x_i_j")


def test_a_declared_dimension_is_one_symbol_in_bounds_and_in_formulas() -> None:
    notation = Notation(matrices={"X": ("n", "d")})
    first, _ = parse_relation_chain(r"\frac{1}{n} \sum_{i=1}^{n} 1 = 1", notation=notation)
    names = [s for s in first.expr.free_symbols if s.name == "n"]
    assert len(names) == 1 and names[0].is_positive and names[0].is_integer


@pytest.mark.parametrize(("text", "expected"), [
    (r"\frac{d}{dx} \frac{1}{2} x^2", "Derivative(x**2/2, x)"),
    (r"\nabla_w \frac{1}{2}\|Xw - y\|^2", "Grad(norm(X*w - y)**2/2, w)"),  # a constant factor first
    (r"\frac{d}{dx} 3 x^2 + x", "x + Derivative(3*x**2, x)"),  # up to the next term only
])
def test_an_operator_without_parentheses_reaches_over_the_product(text: str, expected: str) -> None:
    notation = Notation(symbols={"x": "real"}, matrices={"X": ("n", "d"), "w": ("d",), "y": ("n",)})
    assert sp.sstr(parse_math(text, notation=notation)) == expected


def test_an_operator_whose_reach_two_readings_disagree_on_is_ambiguous() -> None:
    with pytest.raises(AmbiguousReading):
        parse_math(r"\frac{d}{dx} \sin x \cos x", notation=Notation(symbols={"x": "real"}))


def test_an_operator_whose_rest_does_not_mention_the_variable_takes_the_operand_alone() -> None:
    # (\nabla_h L) x^T: the whole product would differentiate a constant
    notation = Notation(matrices={"h": ("n",), "x": ("m",), "D": ("n", "n")})
    got = parse_math(r"D \nabla_{h} L \, x^{\top}", notation=notation)
    n, m = (sp.Symbol(d, integer=True, positive=True) for d in "nm")
    h, x, D = sp.MatrixSymbol("h", n, 1), sp.MatrixSymbol("x", m, 1), sp.MatrixSymbol("D", n, n)
    assert got == D * Grad(r("L"), h) * x.T


def test_an_operator_whose_rest_holds_a_member_of_a_recurrence_is_ambiguous() -> None:
    # h_{t+1} may depend on h_t through the recurrence: the reach matters
    notation = Notation(matrices={"h": ("n",), "x": ("m",)}, sequences={"h", "x"}, inputs={"x"})
    with pytest.raises(AmbiguousReading, match="how far"):
        parse_math(r"\nabla_{h_t} L \, h_{t+1}", notation=notation)
    assert "Grad" in sp.sstr(parse_math(r"\nabla_{h_t} L \, x_t^{\top}", notation=notation))


RECURRENT = Notation(matrices={"h": ("d",), "x": ("m",), "W": ("d", "d"), "U": ("d", "m")},
                     sequences={"h", "x"})


@pytest.mark.parametrize("text", [
    r"\frac{\partial \boldsymbol{h}_t}{\partial \boldsymbol{x}_t}",  # h_t = W s(h_{t-1}) + U x_t: not 0
    r"\frac{\partial \boldsymbol{h}_t}{\partial \boldsymbol{h}_{t-1}}",
    r"\nabla_{\boldsymbol{h}_{t-1}} (\boldsymbol{h}_t^\top \boldsymbol{h}_t)",
    r"\frac{\partial (\boldsymbol{h}_t)_i}{\partial (\boldsymbol{h}_{t-1})_j}",
])
def test_a_sequence_member_differentiated_by_another_quantity_is_ambiguous(text) -> None:
    # A declared matrix is a constant for a derivative; a member of a declared
    # sequence may be defined by a recurrence the notation does not write.
    with pytest.raises(AmbiguousReading, match="depends on"):
        parse_math(text, notation=RECURRENT)


def test_a_sequence_member_differentiated_by_itself_or_through_parameters_is_read() -> None:
    h = sp.MatrixSymbol("h_t-1", sp.Symbol("d", integer=True, positive=True), 1)
    W = sp.MatrixSymbol("W", *h.shape[:1] * 2)
    assert parse_math(r"\frac{\partial W h_{t-1}}{\partial h_{t-1}}", notation=RECURRENT) == Jacobian(W * h, h)


@pytest.mark.parametrize("text", [r"g^{(t)}(x)", r"d^{(t-1)} (\sigma^2 + \mu^2)", r"\sigma^{(2)}(z)"])
def test_a_function_with_a_parenthesised_superscript_before_its_argument_is_ambiguous(text) -> None:
    # g^{(t)}(x): the layer-t member applied, the t-th derivative, or a power;
    # d^{(t-1)}(a + b) is read by a TA as a width times a + b. Never a power.
    with pytest.raises(AmbiguousReading, match="derivative of that order"):
        parse_math(text, notation=Notation(functions={"g", "d"}, indices={"t"}))
    assert parse_math(r"\sigma^2(x)") == sp.Function("sigma", real=True)(r("x")) ** 2


@pytest.mark.parametrize(("text", "value"), [
    (r"50\%", sp.Rational(1, 2)), (r"12.5 \%", sp.Rational(1, 8)), (r"(50\%)^2", sp.Rational(1, 4)),
    (r"1\,000", sp.Integer(1000)), (r"1{,}000{,}000.5", sp.Rational(2000001, 2)), (r"1{,}5", sp.Rational(3, 2)),
    (r"1{,}0000", sp.Integer(1)), (r"2\,500 - 1", sp.Integer(2499)),
    # a group of exactly three digits after {,} is one of thousands, as in 1{,}000{,}000; others are decimals
    (r"1{,}000", sp.Integer(1000)), (r"2 \times 500", sp.Integer(1000)), (r"3{,}142", sp.Integer(3142)),
    (r"999{,}999", sp.Integer(999999)), (r"0{,}125", sp.Rational(1, 8)), (r"1000{,}000", sp.Integer(1000)),
])
def test_percentages_and_thousands_separators_are_numbers(text: str, value: sp.Basic) -> None:
    assert parse_math(text) == value


def test_a_bare_comma_between_digits_is_not_guessed() -> None:
    with pytest.raises(InputError):
        parse_math("1,000")  # a list or a number: not read


def test_a_thousands_separator_reads_the_same_with_one_group_or_several() -> None:
    (_, million), (_, thousand) = (parse_relation_chain(t) for t in (r"10^6 = 1{,}000{,}000",
                                                                       r"2 \times 500 = 1{,}000"))
    assert (million.expr, thousand.expr) == (sp.Integer(10**6), sp.Integer(1000))
    assert million.error is None and thousand.error is None


_VECTORS = Notation(matrices={"x": ("n",), "y": ("n",), "z": ("m",), "A": ("n", "n")})
_XV, _YV, _ZV = (sp.MatrixSymbol(v, sp.Symbol(d, integer=True, positive=True), 1) for v, d in (("x", "n"), ("y", "n"),
                                                                                               ("z", "m")))
_AM = sp.MatrixSymbol("A", sp.Symbol("n", integer=True, positive=True), sp.Symbol("n", integer=True, positive=True))


@pytest.mark.parametrize(("text", "expected"), [
    # two column vectors of one length: the dot product x^T y, a 1 x 1 product as x^\top y is
    (r"x \cdot y", _XV.T * _YV),
    (r"2x \cdot y", 2 * _XV.T * _YV),
    (r"A x \cdot y", (_AM * _XV).T * _YV),
    (r"x \cdot y + 1", Scalar(_XV.T * _YV) + 1),
    # anything else is a product, as before: a scalar and a vector, a vector and a matrix, two lengths
    (r"2 \cdot x", 2 * _XV),
    (r"A \cdot x", _AM * _XV),
    (r"x \cdot z", _XV * _ZV),
], ids=["vectors", "scaled", "matrix-times-vector", "in-a-sum", "scalar", "matrix", "two-lengths"])
def test_a_dot_between_two_vectors_of_one_length_is_their_dot_product(text: str, expected: sp.Basic) -> None:
    assert parse_math(text, notation=_VECTORS) == expected


def test_a_dot_between_undeclared_names_is_a_product() -> None:
    assert parse_math(r"x \cdot y") == r("x") * r("y")


@pytest.mark.parametrize(("text", "expected"), [
    # a label is part of the name: one symbol, to which the text can give a value
    (r"d_{in}", r("d_in")), (r"d_{out}", r("d_out")), (r"x_{max}", r("x_max")), (r"L_{train}", r("L_train")),
    (r"\lambda_{\max}", r("lambda_max")), (r"\lambda_\min", r("lambda_min")), (r"w_{\text{opt}}", r("w_opt")),
    (r"x_{abc}", r("x_abc")), (r"d_{in} d_{out} + d_{out}", r("d_in") * r("d_out") + r("d_out")),
    # letters that are indices stay indices: a double or triple index, two letters that are no word
    (r"W_{ij}", f("W")(i("i"), i("j"))), (r"a_{kl}", f("a")(i("k"), i("l"))), (r"x_{ab}", f("x")(i("a"), i("b"))),
    (r"T_{ijk}", f("T")(i("i"), i("j"), i("k"))), (r"h_{t-1}", f("h")(i("t") - 1)),
], ids=["in", "out", "max", "train", "lambda-max", "lambda-min-bare", "text", "three-letters", "product",
        "double-index", "kl", "two-letters", "triple-index", "expression"])
def test_a_subscript_that_is_a_word_is_part_of_the_name(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


def test_letters_the_notation_declares_indices_are_indices_even_as_a_word() -> None:
    assert parse_math(r"d_{in}", notation=Notation(indices={"i", "n"})) == f("d")(i("i"), i("n"))
    # a declared matrix's subscript is its entry, never a label
    entry = parse_math(r"W_{in}", notation=Notation(matrices={"W": ("n", "n")}))
    assert isinstance(entry, MatrixElement)


@pytest.mark.parametrize("text", ["1e-3", "2e3", "1.5E+2", "x + 3e-2"])
def test_scientific_notation_is_not_guessed(text: str) -> None:
    # 0.001 in a program, 1*e - 3 in mathematics: a TA cannot tell from the page
    with pytest.raises(InputError, match="scientific notation"):
        parse_math(text)
    assert parse_math("2e - 3") == 2 * sp.E - 3 and parse_math("2e-x") == 2 * sp.E - r("x")


@pytest.mark.parametrize("text", ["1/2x", "a/bc", "1/2 x", r"1/2\pi", "1/2(x+1)", r"1/\sigma^2 x", r"a/b\mathbf{x}"])
def test_a_product_after_a_slash_is_not_guessed(text: str) -> None:
    # (1/2)x or 1/(2x): the page does not say how far the divisor reaches
    with pytest.raises(AmbiguousReading, match="divides by"):
        parse_math(text)


@pytest.mark.parametrize(("text", "value"), [
    (r"1/2 \log x", sp.log(r("x")) / 2), (r"x/2 \cdot y", r("x") * r("y") / 2), ("a/b + c", r("a") / r("b") + r("c")),
    ("a/(bc)", r("a") / (r("b") * r("c"))),
])
def test_an_operator_after_a_slash_is_a_factor_outside(text: str, value: sp.Basic) -> None:
    assert sp.simplify(parse_math(text) - value) == 0
    mean = parse_math(r"1/n \sum_{i=1}^{n} x_i")
    assert isinstance(mean, sp.Mul) and any(isinstance(f, sp.Sum) for f in mean.args)


@pytest.mark.parametrize("text", ["|x|y|a|", "|x| y |a|", "|x| 2 |y|", r"\|u\|v\|w\|"])
def test_a_product_between_bars_is_not_guessed(text: str) -> None:
    # |x| y |a| or |x |y| a|: which bar closes which is not on the page
    with pytest.raises(AmbiguousReading, match="closes which"):
        parse_math(text)


@pytest.mark.parametrize(("text", "value"), [
    ("|a| b + |c|", r("b") * sp.Abs(r("a")) + sp.Abs(r("c"))), ("|x||y|", sp.Abs(r("x")) * sp.Abs(r("y"))),
    (r"|x| \cdot |y|", sp.Abs(r("x")) * sp.Abs(r("y"))), ("|x|^2 y |z|", r("x") ** 2 * r("y") * sp.Abs(r("z"))),
])
def test_bars_with_one_reading_are_read(text: str, value: sp.Basic) -> None:
    assert parse_math(text) == value


@pytest.mark.parametrize("text", [r"e^{i\pi} = -1", "i^2", r"\lg 8", r"2\lg x"])
def test_the_imaginary_unit_and_lg_are_not_guessed(text: str) -> None:
    # i outside an index: the imaginary unit or a number i; lg: base 10 (ISO) or base 2 (computer science)
    with pytest.raises(AmbiguousReading):
        parse_math(text)
    assert parse_math(r"\sum_{i=1}^{n} i") == sp.Sum(sp.Symbol("i", integer=True), (sp.Symbol("i", integer=True), 1,
                                                                                        sp.Symbol("n", integer=True)))
    assert parse_math("i^2", notation=Notation(symbols={"i": "real"})) == sp.Symbol("i", real=True) ** 2


def test_a_letter_declared_a_number_is_never_a_function() -> None:
    # sigma is the sigmoid by convention, but where the notation declares it a number
    # (a standard deviation), sigma^2(1 + mu^2) is a product
    note = Notation(symbols={"sigma": "positive", "mu": "real"})
    sigma, mu = sp.Symbol("sigma", positive=True), r("mu")
    assert parse_math(r"\sigma^2(1 + \mu^2)", notation=note) == sigma**2 * (1 + mu**2)
    assert parse_math(r"\sigma(1 + \mu)", notation=note) == sigma * (1 + mu)
    assert isinstance(parse_math(r"\sigma(1 + \mu)"), AppliedUndef)  # undeclared: the function


def test_a_member_of_a_declared_family_has_the_familys_domain() -> None:
    # d^{(t-1)} is the width of a layer: a sum up to it runs over a whole number of terms
    note = Notation(symbols={"d": "positive integer"}, sequences=frozenset({"d"}))
    width = parse_math("d^{(t-1)}", notation=note)
    assert width.is_integer and width.is_positive
    assert parse_math("d^{(t-1)}", notation=Notation(sequences=frozenset({"d"}))).is_integer is None


def test_a_declared_number_before_parentheses_multiplies() -> None:
    # p is declared a number: p(X)_{ij} is p times an entry, not a function p applied
    note = Notation(symbols={"p": "positive"}, matrices={"X": ("n", "d")})
    value = parse_math(r"p(\mathbf{X})_{ij}", notation=note)
    assert isinstance(value, sp.Mul) and sp.Symbol("p", positive=True) in value.args
    assert any(isinstance(a, MatrixElement) for a in value.args)
    assert parse_math("p(x)").func.__name__ == "p"  # undeclared, p(x) stays an application


def test_calligraphic_p_perp_names_and_elementwise_functions() -> None:
    note = Notation(matrices={"W_perp": ("n", "n"), "h": ("n",), "W": ("n", "n")}, functions=frozenset({"f"}),
                    elementwise=frozenset({"sigma"}))
    assert isinstance(parse_math(r"\mathcal{P}(x = 0)"), Prob)
    assert isinstance(parse_math(r"W^{\perp} h", notation=note), sp.MatMul)  # the declared matrix W_perp
    with pytest.raises(AmbiguousReading):
        parse_math(r"V^{\perp}", notation=note)  # not declared: a matrix or a number
    with pytest.raises(AmbiguousReading):
        parse_math(r"(W h)^{(t)}", notation=note)  # at step t, or a power
    from symproofs.matrices.linalg import Elementwise

    activation = parse_math(r"\sigma(W h)", notation=note)
    assert isinstance(activation, Elementwise) and activation.shape == (sp.Symbol("n", integer=True, positive=True), 1)
    slope = parse_math(r"\operatorname{diag}(\sigma'(h))", notation=note)
    assert isinstance(slope, sp.DiagMatrix) and slope.args[0].function.expr.has(sp.Derivative)
    assert "sigma" in note.functions and not isinstance(parse_math("f(h)", notation=note), Elementwise)


def test_index_ranges_written_as_sets_and_entries_counted_in_integers() -> None:
    k, n = sp.Symbol("k", integer=True), sp.Symbol("n", integer=True)
    assert parse_math(r"\sum_{k \in \{1, \ldots, n\}} k") == sp.Sum(k, (k, 1, n))
    assert isinstance(parse_math(r"\max_{k \in \{1, \dots, n\}} x_k"), IndexedMax)
    note = Notation(matrices={"h": ("d",)}, functions=frozenset({"f"}))
    inner = parse_math(r"f((\mathbf{h})_i)", notation=note)  # the position i of an entry is an integer
    assert {s.name: s.is_integer for s in inner.free_symbols if isinstance(s, sp.Symbol)}["i"] is True


def test_an_equation_in_a_box_is_read_as_the_equation() -> None:
    sides = parse_relation_chain(r"\boxed{a = b + 1}")
    assert [s.relation_text for s in sides] == ["", "="] and all(s.error is None for s in sides)
    assert parse_math(r"x + \boxed{a}") == parse_math("x + a")


@pytest.mark.parametrize(("text", "domain"), [
    (r"\frac{(x-1)^2}{x-1}", "(Ne(x - 1, 0),)"),  # sympy cancels the factor as it builds the quotient
    (r"\sqrt{x}\sqrt{x}", "(x >= 0,)"),
    (r"x^{1/2} x^{1/2}", "(x >= 0,)"),
    (r"e^{\ln x}", "(x > 0,)"),
    (r"\frac{a}{b} \cdot \frac{b}{c}", "(Ne(b, 0),)"),
    (r"\frac{x}{x^2 - 1}", "()"),  # still undefined where x^2 = 1: nothing lost
    (r"\sqrt{x^2}", "()"),
    (r"\frac{1}{2}", "()"),
    (r"\sin(\arcsin x)", "(x >= -1, x <= 1)"),  # inverse functions undone as they are built
    (r"\cosh(\operatorname{arccosh} x)", "(x >= 1,)"),
    (r"\tan(\arctan x)", "()"),  # defined everywhere
    (r"x^{-1} x", "(Ne(x, 0),)"),  # a negative power is a denominator
    (r"(x^{-1})^{-1}", "(Ne(x, 0),)"),
])
def test_a_side_keeps_where_it_is_defined_when_its_value_forgets_it(text: str, domain: str) -> None:
    (side,) = parse_relation_chain(text)
    assert str(side.domain) == domain


def test_the_variance_of_a_random_vector_is_its_covariance_matrix() -> None:
    from symproofs.matrices.linalg import Expectation
    notation = Notation(matrices={"x": ("n",), "u": ("n",)})
    n = sp.Symbol("n", integer=True, positive=True)
    x, u = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("u", n, 1)
    covariance = Expectation(x * x.T) - Expectation(x) * Expectation(x).T
    assert parse_math(r"u^\top \operatorname{Var}(x) u", notation=notation) == u.T * covariance * u
    assert parse_math(r"\operatorname{Var}(u^\top x)", notation=notation) == Var(Scalar(u.T * x))  # a number
    with pytest.raises(InputError, match="column vector"):
        parse_math(r"\operatorname{Var}(x^\top)", notation=notation)


@pytest.mark.parametrize("text", [r"w^*", r"w^{*}", r"w^\star", r"w^{\ast}"])
def test_a_starred_name_is_a_name_of_its_own(text: str) -> None:
    # the optimum w^*: a name, not a power or a product
    assert parse_math(f"{text} + w") == r("w_star") + r("w")


@pytest.mark.parametrize(("text", "expected"), [
    (r"\lim_{x \to 0} \frac{\sin x}{x}", "Limit(sin(x)/x, x, 0, dir='+-')"),  # two-sided at a finite point
    (r"\lim_{x \to 0^+} \frac{1}{x}", "Limit(1/x, x, 0, dir='+')"),
    (r"\lim_{x \to 0^-} x \ln x + 1", "1 + Limit(x*log(x), x, 0, dir='-')"),  # the body is the product, as a sum's
    (r"\lim\limits_{n \rightarrow \infty} (1 - \frac{1}{n})^n", "Limit((1 - 1/n)**n, n, oo, dir='-')"),
])
def test_a_limit_is_read_with_its_side(text: str, expected: str) -> None:
    assert sp.srepr(parse_math(text)) == sp.srepr(sp.sympify(expected, locals={"x": r("x"), "n": r("n")}))


def test_a_limit_needs_its_variable_and_point() -> None:
    with pytest.raises(InputError, match="lim"):
        parse_math(r"\lim f(x)")


@pytest.mark.parametrize(("text", "value"), [
    (r"\left[ \frac{x^3}{3} \right]_0^1", sp.Rational(1, 3)),
    (r"\Big[-\cos x\Big]_0^\pi", sp.Integer(2)),
    (r"\left[ \frac{x^3}{3} \right]^1_0", sp.Rational(1, 3)),
    (r"\frac{x^2}{2}\Big|_0^1", sp.Rational(1, 2)),
    (r"\left. -\frac12 e^{-x^2} \right|_0^1", (1 - sp.exp(-1)) / 2),
    (r"\left. \frac{d}{dx} x^3 \right|_{x=2}", sp.Integer(12)),
    (r"[a x^2]_{x=0}^{x=1}", sp.Symbol("a")),
])
def test_an_evaluation_bar_is_the_difference_of_the_values_at_its_ends(text: str, value: sp.Basic) -> None:
    e = parse_math(text)
    assert e.has(sp.Subs) and sp.simplify(e.doit() - value.xreplace({sp.Symbol("a"): r("a")})) == 0


@pytest.mark.parametrize(("text", "expected"), [
    (r"[x+1]^2", (x + 1) ** 2),                     # a power, not an evaluation
    (r"\mathbb{E}[X]^2", E(r("X")) ** 2),           # a moment's bracket
    (r"\left| x \right|_2", sp.Abs(x)),             # an absolute value's bar
])
def test_brackets_and_bars_that_are_no_evaluation(text: str, expected: sp.Basic) -> None:
    assert parse_math(text) == expected


def test_an_evaluation_bar_with_two_names_and_none_written_is_refused() -> None:
    with pytest.raises(InputError, match="evaluation bar"):
        parse_math(r"[a x]_0^1")


@pytest.mark.parametrize(("text", "expected"), [
    (r"\lim_{h \to 0} 2 + h", "Limit(h + 2, h, 0, dir='+-')"),           # h is the limit's: it goes on
    (r"\sum_{i=1}^{3} i + i", "Sum(2*i, (i, 1, 3))"),
    (r"\sum_{k=1}^n k + n", "n + Sum(k, (k, 1, n))"),                    # n is free: the sum ends
    (r"\sum_{i=1}^n x_i + \sum_{i=1}^n y_i", "Sum(x(i), (i, 1, n)) + Sum(y(i), (i, 1, n))"),  # bound anew
])
def test_a_body_goes_on_while_its_variable_does(text: str, expected: str) -> None:
    assert sp.sstr(parse_math(text)) == expected


_NORMED = Notation(matrices={"A": ("n", "n"), "u": ("n",), "v": ("n",)})


@pytest.mark.parametrize(("text", "expected"), [
    (r"\|A\|_F", "FrobeniusNorm(A)"),
    (r"\|A\|_{F}", "FrobeniusNorm(A)"),
    (r"\|A\|_{\mathrm{F}}", "FrobeniusNorm(A)"),
    (r"\|A\|_{\text{Fro}}", "FrobeniusNorm(A)"),
    (r"\|A\|_F^2", "FrobeniusNorm(A)**2"),
    (r"\|A\|^2_F", "FrobeniusNorm(A)**2"),
    (r"\|A\|_2", "Norm(A)"),
    (r"\|u\|_2", "norm(u)"),
    (r"\|u\|_F", "norm(u)"),
    (r"\|A\|", "norm(A)"),
    (r"|u^\top v|", "Abs(Scalar(u.T*v))"),
], ids=["F", "F-braced", "mathrm-F", "text-Fro", "F-squared", "squared-F", "spectral", "vector-2", "vector-F",
        "bare", "abs-of-inner-product"])
def test_norm_subscripts_name_the_norm(text: str, expected: str) -> None:
    assert sp.sstr(parse_math(text, notation=_NORMED)) == expected


@pytest.mark.parametrize(("kind", "expected"), [("frobenius", "FrobeniusNorm(A)"), ("spectral", "Norm(A)")])
def test_the_notation_fixes_the_norm_of_a_matrix(kind: str, expected: str) -> None:
    note = Notation(matrices={"A": ("n", "n"), "u": ("n",)}, matrix_norm=kind)
    assert sp.sstr(parse_math(r"\|A\|", notation=note)) == expected
    assert sp.sstr(parse_math(r"\|u\|", notation=note)) == "norm(u)"  # a vector's norm is Euclidean


@pytest.mark.parametrize("text", [r"\|A\|_1", r"\|u\|_\infty", r"\|A\|_3"])
def test_other_norm_subscripts_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="a norm takes only _2 or _F"):
        parse_math(text, notation=_NORMED)


def test_an_unknown_matrix_norm_kind_is_refused() -> None:
    with pytest.raises(InputError, match=r"\[norms\] matrix = 'nuclear'"):
        Notation(matrix_norm="nuclear")


# -- names the notation declares with their subscript, eigenvalues, divergences ----------------------
MLP = Notation(matrices={"x": ("d",), "W": ("m", "d"), "b_1": ("m",), "w_2": ("m",), "W_hh": ("m", "m"),
                         "h": ("m",)}, functions={"sigma"}, elementwise={"sigma"})


@pytest.mark.parametrize(("text", "name", "shape"), [
    ("b_1", "b_1", (sp.Symbol("m", integer=True, positive=True), 1)),
    ("b_{1}", "b_1", (sp.Symbol("m", integer=True, positive=True), 1)),
    ("w_2", "w_2", (sp.Symbol("m", integer=True, positive=True), 1)),
    ("W_{hh}", "W_hh", (sp.Symbol("m", integer=True, positive=True),) * 2),
])
def test_a_subscripted_name_declared_as_a_matrix_is_that_matrix(text: str, name: str,
                                                                 shape: tuple[sp.Basic, ...]) -> None:
    value = parse_math(text, notation=MLP)
    assert isinstance(value, sp.MatrixSymbol) and value.name == name and value.shape == shape


def test_a_two_layer_network_reads_with_its_subscripted_parameters() -> None:
    value = parse_math(r"\sigma(W x + b_1)", notation=MLP)
    assert isinstance(value, sp.MatrixExpr) and value.has(sp.MatrixSymbol("b_1", *MLP_M))
    assert parse_math(r"w_2^\top h", notation=MLP) is not None


MLP_M = (sp.Symbol("m", integer=True, positive=True), 1)


def test_a_sum_of_a_matrix_and_a_number_says_which_terms_in_the_students_words() -> None:
    with pytest.raises(InputError, match=r"cannot add W x \(a matrix, m x 1\) and b \(a number\): "
                                         r"the notation declares b_1"):
        parse_math(r"\sigma(W x + b)", notation=MLP)


def test_the_largest_eigenvalue_of_a_symmetric_matrix_is_a_number() -> None:
    from symproofs.matrices.linalg import LargestEigenvalue

    note = Notation(matrices={"W": ("n", "n"), "U": ("n", "m")})
    w = parse_math("W", notation=note)
    for text in (r"\lambda_1(W^\top W)", r"\lambda_{\max}(W^\top W)", r"\lambda_{max}(W^T W)"):
        assert parse_math(text, notation=note) == LargestEigenvalue(w.T * w)
    chain = parse_relation_chain(r"\|W\| \le \sqrt{\lambda_1(W^\top W)} \le \frac{\delta}{\gamma}", notation=note)
    assert all(side.error is None for side in chain)
    with pytest.raises(InputError, match=r"\\lambda_\{\\min\}\(\.\.\.\) of a matrix: only the largest"):
        parse_math(r"\lambda_{\min}(W^\top W)", notation=note)
    with pytest.raises(InputError, match="not known to be symmetric"):
        parse_math(r"\lambda_1(U)", notation=note)
    assert parse_math(r"\lambda_1 (a + b)") == f("lambda")(1) * (r("a") + r("b"))  # no matrix: as before


@pytest.mark.parametrize(("text", "name"), [
    (r"KL(p\|q)", "KL"),
    (r"D_{KL}(p \| q)", "D_KL"),
    (r"D_{\mathrm{KL}}(p \,\|\, q)", "D_KL"),
    (r"\mathrm{KL}(p\,\|\,q)", "KL"),
    (r"KL(p||q)", "KL"),
    (r"KL(p \parallel q)", "KL"),
    (r"D_\text{KL}(p \Vert q)", "D_KL"),
])
def test_a_divergence_with_a_bar_between_its_arguments_is_a_function_of_two(text: str, name: str) -> None:
    assert parse_math(text) == f(name)(r("p"), r("q"))


def test_a_divergence_reads_next_to_its_definition_and_norms_stay_norms() -> None:
    chain = parse_relation_chain(r"D_{KL}(p\|q) = \sum_x p(x)\log\frac{p(x)}{q(x)}")
    assert all(side.error is None for side in chain)
    assert parse_math(r"\|x\|") == parse_math(r"\left\|x\right\|")
    assert parse_math(r"\mathrm{KL}(\|x\|)") == f("KL")(parse_math(r"\|x\|"))  # two bars: a norm


def test_a_chain_the_same_in_every_base_is_read_where_log_is_ambiguous() -> None:
    from symproofs.latex.declarations import Notation
    from symproofs.latex.parser import parse_relation_chain

    note = Notation(ambiguous=frozenset({"log"}))
    agreed = parse_relation_chain(r"\log 8 = 3\log 2 = \log 2 + \log 4", notation=note)
    assert [p.expr for p in agreed] == [sp.log(8), 3 * sp.log(2), sp.log(2) + sp.log(4)]
    for text in (r"\log 8 = 3", r"H = \log 8", r"\log 8 = 3 \ln 2", r"(\log 8)^2 = 9 (\log 2)^2"):
        assert any(p.ambiguous for p in parse_relation_chain(text, notation=note)), text


RIDGE = Notation(matrices={"X": ("n", "d"), "w": ("d",), "y": ("n",), "R": ("n", "d")})
ND, DD = sp.Symbol("n", integer=True, positive=True), sp.Symbol("d", integer=True, positive=True)
X_ND, R_ND = sp.MatrixSymbol("X", ND, DD), sp.MatrixSymbol("R", ND, DD)


def test_the_sum_or_product_it_stands_in_gives_the_identity_its_size() -> None:
    lam = sp.Symbol("lambda", real=True)
    assert parse_math(r"X^\top X + \lambda I", notation=RIDGE) == X_ND.T * X_ND + lam * sp.Identity(DD)
    assert parse_math(r"X X^\top - I", notation=RIDGE) == X_ND * X_ND.T - sp.Identity(ND)
    assert parse_math(r"I + X^\top X", notation=RIDGE) == sp.Identity(DD) + X_ND.T * X_ND
    assert parse_math(r"X I", notation=RIDGE) == X_ND
    for text in (r"\operatorname{tr}(I)", r"\lambda I", r"I + X"):  # nothing tells its size (X is not square)
        with pytest.raises(AmbiguousReading, match="identity matrix of unstated size"):
            parse_math(text, notation=RIDGE)


def test_an_entry_written_in_digits_is_an_entry() -> None:
    assert parse_math(r"R_{11}", notation=RIDGE) == MatrixElement(R_ND, 0, 0)
    assert parse_math(r"R_{12} + R_{2,1}", notation=RIDGE) == MatrixElement(R_ND, 0, 1) + MatrixElement(R_ND, 1, 0)
    assert parse_math(r"(R)_{21}", notation=RIDGE) == MatrixElement(R_ND, 1, 0)
    assert parse_math(r"R_1", notation=RIDGE) == sp.MatrixSymbol("R_1", ND, DD)  # a member, not an entry
    assert parse_math(r"R_{10}", notation=RIDGE) == sp.MatrixSymbol("R_10", ND, DD)


def test_a_subscript_of_a_letter_and_a_digit_is_two_indices_never_a_product() -> None:
    assert str(parse_math("a_{i2}")) == "a(i, 2)"
    assert parse_math("a_{i2}") != parse_math("a_{2i}")  # (i, 2) and the even member 2i: never one member
    assert parse_math("a_{i1}") != parse_math("a_{1i}")
    with pytest.raises(AmbiguousReading):
        parse_math("x_{i12}")  # (i, 12) or (i, 1, 2)
    entry = parse_math("W_{i2}", notation=NOTATION)
    assert isinstance(entry, MatrixElement) and entry.args[2] == 1  # the entry (i, 2), zero-based
    assert parse_math("W_{2i}", notation=NOTATION) != entry
