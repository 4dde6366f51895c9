"""Scripts on E/Var/Cov/P and bracketed layer indices: read or refused, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.parser import AmbiguousReading, Notation, parse_math
from symproofs.probability.variables import E, Prob, Var
from tests.gradehelp import graded, steps

X = sp.Symbol("X", real=True)
MASKED = Notation(sections={"random": {"variables": {"R": {"law": "bernoulli", "p": "p"}}}})

_DROPOUT = """
[symbols]
p = "positive"

[random.variables]
R = { law = "bernoulli", p = 'p' }

[assumptions]
facts = ['p < 1']
"""


@pytest.mark.parametrize("text", [r"\mathbb{E}^2[X]", r"E^2[X]", r"\mathbb{E}^{2}[X]", r"\operatorname{E}^2[X]"])
def test_a_whole_superscript_on_e_is_a_power_of_the_value(text: str) -> None:
    assert parse_math(text) == E(X) ** 2  # as \sin^2 x: (E[X])^2, never E[X]


def test_a_whole_superscript_on_var_and_p_is_a_power() -> None:
    assert parse_math(r"\operatorname{Var}^2(X)") == Var(X) ** 2
    assert parse_math(r"\mathbb{E}^{3}[X]") == E(X) ** 3
    assert parse_math(r"\mathbb{P}^2(X > 0)") == Prob(sp.Gt(X, 0)) ** 2


@pytest.mark.parametrize("text", [r"\mathbb{E}^{\pi}[X]", r"\mathbb{E}^{p}[X]", r"\operatorname{Var}^{T}(X)"])
def test_another_superscript_on_an_operator_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="named law or over a named variable"):
        parse_math(text)


def test_an_inverse_superscript_on_e_is_ambiguous() -> None:
    with pytest.raises(AmbiguousReading):
        parse_math(r"\mathbb{E}^{-1}[X]")


@pytest.mark.parametrize(
    "text",
    [
        r"\mathbb{E}_{x \sim p}[x]",
        r"\mathbb{E}_{x}[x y]",
        r"\mathbb{E}_{p}[X]",
        r"E_x[x]",
        r"\operatorname{Var}_{p}(X)",
        r"\mathbb{P}_{p}(X > 0)",
        r"\Pr_{q}(X > 0)",
        r"\mathrm{Var}_x(x)",
    ],
)
def test_a_subscript_naming_a_law_or_a_variable_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="named law or over a named variable"):
        parse_math(text)


def test_a_subscript_naming_all_that_is_random_is_the_plain_operator() -> None:
    assert parse_math(r"\mathbb{E}_{\mathbf{R}}[X]", notation=MASKED) == E(X)
    assert parse_math(r"E_{\boldsymbol{R}}[X]", notation=MASKED) == E(X)
    assert parse_math(r"\mathbb{E}_R^2[X]", notation=MASKED) == E(X) ** 2
    with pytest.raises(InputError, match="named law"):
        parse_math(r"\mathbb{E}_{x}[X]", notation=MASKED)  # x is not the declared random R
    with pytest.raises(InputError, match="double"):
        parse_math(r"\mathbb{E}_R_R[X]", notation=MASKED)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (r"a^{[2]}", sp.Function("a", real=True)(2)),
        (r"(a^{[1]})^2", sp.Function("a", real=True)(1) ** 2),
        (r"a^{[l-1]}", sp.Function("a", real=True)(sp.Symbol("l", integer=True) - 1)),
        (r"W^{[l]}_{ij}", sp.Function("W", real=True)(*sp.symbols("l i j", integer=True))),
        (r"\sigma^{[l]}(z)", sp.Function("sigma", real=True)(sp.Symbol("l", integer=True), sp.Symbol("z", real=True))),
    ],
)
def test_a_bracketed_superscript_is_a_layer_index(text: str, value: sp.Basic) -> None:
    assert parse_math(text) == value  # a member of a family, never a power


def test_a_bracketed_superscript_on_a_declared_matrix_names_a_member() -> None:
    notation = Notation(matrices={"W": ("n", "n")})
    assert parse_math(r"W^{[2]}", notation=notation) != parse_math(r"W^2", notation=notation)


@pytest.mark.parametrize(
    "text", [r"(a + b)^{[2]}", r"a^[2]", r"\sin^{[2]} x", r"\mathbb{E}[X]^{[2]}", r"\log_2_3 x", r"\sin^2^3 x"]
)
def test_a_script_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_math(text)


def test_graded_e_squared_and_layer_index_steps(tmp_path: Path) -> None:
    sub = graded(
        tmp_path,
        "\n\n".join(
            [
                "## Question 1",
                r"$$\mathbb{E}^2[R] = p$$",  # false: p^2
                r"$$\mathbb{E}^{2}[R] + \operatorname{Var}(R) = \mathbb{E}[R^2]$$",  # true: p^2 + p(1-p) = p
                r"$$\mathbb{E}_{x \sim p}[x] = \mathbb{E}_{x \sim q}[x]$$",  # false in general: never proved
                r"$$ (a^{[1]})^2 = a^{[2]} $$",  # layers, not powers: never proved
                r"$$ a^{[2]} = a \cdot a $$",
            ]
        )
        + "\n",
        notation=_DROPOUT,
    )
    verdicts = {s.line: s.verdict.value for s in steps(sub)}
    assert verdicts[3] == "refuted"
    assert verdicts[5] == "proved"
    assert verdicts[7] != "proved"
    assert verdicts[9] != "proved" and verdicts[11] != "proved"


@pytest.mark.parametrize(
    "text",
    [
        r"\sum_{i=1}^{n}^{2} i",
        r"\sum_{i}_{j} i",
        r"\int_0^1^2 x \, dx",
        r"\left[ x^2 \right]_0_1",
        r"\prod_{k=1}^{n}^{m} k",
    ],
)
def test_a_second_script_never_replaces_a_bound(text: str) -> None:
    with pytest.raises(InputError, match="double"):
        parse_math(text)  # TeX refuses it; it was read with the first bound dropped


def test_the_variable_of_a_hessian_is_kept_whichever_script_comes_first() -> None:
    assert parse_math(r"\nabla_x^2 (x^3)") == parse_math(r"\nabla^2_x (x^3)")
    assert parse_math(r"\nabla_x^2 (x^3)") != parse_math(r"\nabla^2 (x^3)")


@pytest.mark.parametrize("text", [r"x_{(1)}", r"x_{[1]}", r"x_{(i)} + x_i"])
def test_a_bracketed_subscript_may_be_an_order_statistic(text: str) -> None:
    with pytest.raises(AmbiguousReading):
        parse_math(text)  # x_{(1)}: the smallest of the x_i, or x_1
