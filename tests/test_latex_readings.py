"""Readings a TA could take two ways are refused, never guessed; their
neighbours with one reading are still read."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.latex.parser import AmbiguousReading, Notation, parse_math


@pytest.mark.parametrize(("text", "why"), [
    ("n!!", "double factorial"),
    ("2^10", "takes the digit"), ("x^23", "takes the digit"), ("x_12", "takes the digit"),
    (r"2\frac{1}{2}", "mixed number"), (r"3\frac12", "mixed number"),
    (r"\hat{f}(x+1)", "applied, or a product"), (r"\tilde{g}(a+b)", "applied, or a product"),
    (r"\mathcal{L}(\theta+1)", "applied, or a product"), (r"\Gamma(3)", "applied, or a product"),
    (r"\Phi(0)", "applied, or a product"), (r"h^{-1}(y+1)", r"\^\{-1\}"),
    ("3! !", "double factorial"), (r"\sqrt 16", "takes the digit"), ("2{-3}", "starts with a sign"),
    ("x^2 {-1}", "starts with a sign"),
], ids=["double-factorial", "power-10", "power-23", "subscript-12", "mixed-number", "mixed-number-digits",
        "hat-f", "tilde-g", "calligraphic", "gamma", "phi", "inverse-or-reciprocal", "spaced-double-factorial",
        "root-of-16", "signed-group", "signed-group-after-power"])
def test_a_reading_that_goes_two_ways_is_refused(text: str, why: str) -> None:
    with pytest.raises(AmbiguousReading, match=why):
        parse_math(text)


x, y = sp.symbols("x y", real=True)


@pytest.mark.parametrize(("text", "value"), [
    ("3!", sp.Integer(6)), ("x^{10}", x**10), ("x^2", x**2), (r"\frac12", sp.Rational(1, 2)),
    (r"2 \cdot \frac{1}{2}", sp.Integer(1)), (r"2\frac{x}{2}", x), (r"x^{-1}(1 + x)", (1 + x) / x),
    (r"\hat{y}(1 - \hat{y})", sp.Symbol("y_hat", real=True) * (1 - sp.Symbol("y_hat", real=True))),
    (r"\hat{f}(x)", sp.Function("f_hat", real=True)(x)), (r"\Gamma(x)", sp.Function("Gamma", real=True)(x)),
], ids=["factorial", "braced-power", "power", "frac-digits", "product-with-a-fraction", "fraction-of-a-name",
        "reciprocal-of-a-variable", "accented-quantity", "hat-f-at-a-name", "gamma-at-a-name"])
def test_a_reading_that_goes_one_way_is_read(text: str, value: sp.Basic) -> None:
    assert sp.simplify(parse_math(text) - value) == 0


@pytest.mark.parametrize("text", [r"H(x)", r"K(x - y)", r"\frac{d}{dx} \max(0, x) = H(x)"])
def test_an_undeclared_capital_before_parentheses_is_neither_applied_nor_multiplied(text: str) -> None:
    # H(x): Heaviside's step function as readily as H times x; a refutation at H = 0 would be none
    with pytest.raises(AmbiguousReading, match=r"applied, or a product"):
        parse_math(text)


def test_a_declared_capital_before_parentheses_is_read_as_declared() -> None:
    c = sp.Symbol("C", real=True)
    assert sp.expand(parse_math("C(x + 1)", notation=Notation(symbols={"C": "real"})) - c * (x + 1)) == 0
    assert parse_math("H(x)", notation=Notation(functions=frozenset({"H"}))) == sp.Function("H", real=True)(x)
    n = sp.Symbol("N", real=True)
    assert sp.expand(parse_math("N(N+1)") - n * (n + 1)) == 0  # the letter a number inside: a product


def test_a_member_of_a_family_of_functions_applied_elsewhere_is_applied_to_any_argument() -> None:
    # f_i(x) in the same text: f_i(-x) is f_i at -x, not f_i times -x
    both = parse_math(r"\int_0^{\infty} x^2 f_i(x) dx + \int_0^{\infty} x^2 p_i(x) p_i(-x) f_i(-x) dx")
    applied = {g for g in both.atoms(sp.core.function.AppliedUndef) if len(g.args) == 2}
    assert {str(g) for g in applied} == {"f(i, x)", "f(i, -x)", "p(i, x)", "p(i, -x)"}
    assert str(parse_math(r"g_k(t) = g_k(2t + 1)").rhs) == "g(k, 2*t + 1)"


def test_a_member_also_written_as_a_quantity_is_no_evidence() -> None:
    # f_t alone is a number: f_t(1 - f_t) stays a product, as without the other term
    assert str(parse_math(r"f_t(x) + f_t(1-f_t)")) == "(1 - f(t))*f(t) + f(t, x)"
