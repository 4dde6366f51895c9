r"""An ellipsis between terms of a sum or factors of a product is read as
the series a TA sees, or refused: never guessed."""

from __future__ import annotations

import pytest
import sympy as sp

from symproofs.core.errors import InputError
from symproofs.latex.ellipsis import Unreadable, series
from symproofs.latex.parser import parse_math

x = sp.Function("x", real=True)
n = sp.Symbol("n", integer=True)
k = sp.Symbol("k", integer=True)
y = sp.Symbol("y", real=True)


def _value(e: sp.Basic, at: int) -> sp.Basic:
    """``e`` with ``n = at`` and every sum or product written out."""
    return e.subs(n, at).doit()


@pytest.mark.parametrize(("text", "terms"), [
    (r"x_1 + x_2 + \dots + x_n", lambda m: sum(x(i) for i in range(1, m + 1))),
    (r"x_1 + \cdots + x_n", lambda m: sum(x(i) for i in range(1, m + 1))),
    (r"x_1 + x_3 + \ldots + x_{2n-1}", lambda m: sum(x(2 * i - 1) for i in range(1, m + 1))),
    (r"1 + y + y^2 + \dots + y^n", lambda m: sum(y**i for i in range(m + 1))),
    (r"1 + 2 + \dots + n", lambda m: sp.Integer(m * (m + 1) // 2)),
    (r"5 + x_0 + x_1 + \dots + x_n", lambda m: 5 + sum(x(i) for i in range(m + 1))),
    (r"x_n + x_{n-1} + \dots + x_1", lambda m: sum(x(i) for i in range(1, m + 1))),
    (r"a - x_1 - x_2 - \dots - x_n", lambda m: sp.Symbol("a", real=True) - sum(x(i) for i in range(1, m + 1))),
    (r"x_1 x_2 \cdots x_n", lambda m: sp.Mul(*(x(i) for i in range(1, m + 1)))),
    (r"x_1 \cdot x_2 \cdot \ldots \cdot x_n", lambda m: sp.Mul(*(x(i) for i in range(1, m + 1)))),
    (r"x_1 \times \dots \times x_n", lambda m: sp.Mul(*(x(i) for i in range(1, m + 1)))),
])
def test_a_series_is_read_term_for_term(text: str, terms: object) -> None:
    e = parse_math(text, indices=("n",))
    assert e.has(sp.Sum, sp.Product)
    for m in (1, 2, 5):
        assert sp.expand(_value(e, m) - terms(m)) == 0, (text, m)  # type: ignore[operator]


def test_a_product_of_jacobians_runs_down_the_steps() -> None:
    h = sp.Function("h", real=True)
    e = parse_math(r"\frac{\partial h_T}{\partial h_{T-1}} \frac{\partial h_{T-1}}{\partial h_{T-2}} "
                   r"\cdots \frac{\partial h_1}{\partial h_0}")
    assert isinstance(e, sp.Product)
    (T,) = [s for s in e.free_symbols if s.name == "T"]
    (var, low, high), body = e.limits[0], e.function
    factors = [body.xreplace({var: j}) for j in range(int(low), int(high.subs(T, 3)) + 1)]
    assert [f.xreplace({T: 3}) for f in factors] == [
        sp.Derivative(h(3), h(2)), sp.Derivative(h(2), h(1)), sp.Derivative(h(1), h(0))]


@pytest.mark.parametrize(("text", "match"), [
    (r"x_1 + x_2 + \cdots", "for a series without end"),
    (r"x_1 x_2 \cdots", "for a product without end"),
    (r"x_1 + \dots + y_n", "differ in more than their indices"),
    (r"x_i + \dots + x_n", "which way the ellipsis runs"),  # one term: the direction is not shown
    (r"x_1 + x_2 + \dots + x_{n/2}", "cannot read the ellipsis"),
    (r"x_1 + x_2 - \dots - x_n", "differ in more than their indices"),
    (r"x_1 + x_2 + \dots + x_0", "whole number of steps"),
    (r"x_1 + \dots - x_n", "same sign"),
    (r"2 + \dots + 2n", "step of the ellipsis is unclear"),  # by 1 or by 2: read 2 + 3 + 4 at n = 2 once
    (r"1 + \dots + (2n-1)", "step of the ellipsis is unclear"),
    (r"1 + 2 + \dots + 2^n", "may add a step"),  # 1, 2, 3, ..., 2^n or 1, 2, 4, ..., 2^n
])
def test_an_ellipsis_without_one_reading_is_refused(text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        parse_math(text)


def test_two_terms_give_the_direction() -> None:
    i = sp.Symbol("i", integer=True)
    keep, whole = series([x(i), x(i + 1)], x(n), sp.Add)
    assert keep == 0 and whole.subs({i: 2, n: 4}).doit() == x(2) + x(3) + x(4)


def test_matrices_around_an_ellipsis_are_refused() -> None:
    a = sp.MatrixSymbol("A", 2, 2)
    with pytest.raises(Unreadable, match="between matrices"):
        series([a], 2 * a, sp.Mul)


@pytest.mark.parametrize(("text", "terms"), [
    # the exponent is the position: it steps by 2, read from the term before (1 is y^0)
    (r"1 + y^2 + \dots + y^{2n}", lambda m: sum(y**(2 * i) for i in range(m + 1))),
    (r"y + y^3 + \dots + y^{2n+1}", lambda m: sum(y**(2 * i + 1) for i in range(m + 1))),
    (r"y^2 + y^4 + \dots + y^{2n}", lambda m: sum(y**(2 * i) for i in range(1, m + 1))),
    (r"y^2 \cdot y^4 \cdots y^{2n}", lambda m: sp.Mul(*(y**(2 * i) for i in range(1, m + 1)))),
    (r"x + 2x + \dots + nx", lambda m: sum(i * sp.Symbol("x", real=True) for i in range(1, m + 1))),
])
def test_powers_step_as_their_exponents_show(text: str, terms: object) -> None:
    test_a_series_is_read_term_for_term(text, terms)


def test_the_names_that_count_the_terms_are_integers() -> None:
    e = parse_math(r"1 + y^2 + \dots + y^{2n}")
    (count,) = [s for s in e.free_symbols if s.name == "n"]
    assert count.is_integer


@pytest.mark.parametrize(("text", "value"), [
    (r"1 + 2 + 4 + \dots + 16", 31),  # every term before doubles: geometric
    (r"1 + 3 + 9 + \dots + 81", 121),
    (r"1 + 2 + 3 + \dots + 10", 55),
    (r"3 + 6 + \dots + 30", 165),  # 30 is no power of 2 times 3: only adding reaches it
    (r"1 \cdot 2 \cdot 4 \cdots 16", 1024),
    (r"1 + \frac12 + \frac13 + \dots + \frac15", sp.Rational(137, 60)),  # the denominators add one
    (r"1 + \frac12 + \frac14 + \dots + \frac1{16}", sp.Rational(31, 16)),
])
def test_numbers_around_an_ellipsis_follow_every_term_before_it(text: str, value: int) -> None:
    assert parse_math(text).doit() == value


@pytest.mark.parametrize("text", [
    r"2 + 4 + \dots + 16",  # 2, 4, 6, ..., 16 or 2, 4, 8, 16
    r"1 + 2 + \dots + 8",
    r"1 + 2 + 4 + \dots + 15",  # doubling never reaches 15, and 1, 2, 4 do not add one step
    r"1 + \frac12 + \dots + \frac18",  # halving, or the denominators adding one (the harmonic sum)
])
def test_numbers_that_two_patterns_or_none_fit_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="ellipsis"):
        parse_math(text)
