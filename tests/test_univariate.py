"""The sign of a polynomial in one variable on an interval: exact, never
claimed where a point of the interval contradicts it."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproofs.core.facts import Facts
from symproofs.core.model import Relation as R
from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import check_goal
from symproofs.verifier.univariate import domain_of, polynomial_sign

x = sp.Symbol("x", real=True)
ALL = (None, False, None, False)
Q = sp.Rational


@pytest.mark.parametrize(("e", "domain", "expected"), [
    (x**2 - x + 1, ALL, (True, True)),  # no real root, positive at 0
    (x**2, ALL, (True, False)),  # a double root
    (x**2 - 1, ALL, (False, False)),
    (x**2 - 1, (Q(1), False, None, False), (True, False)),  # a root at the closed end
    (x**2 - 1, (Q(1), True, None, False), (True, True)),  # ... open: no root inside
    ((x - 1) ** 2 * (x - 2), (Q(2), False, None, False), (True, False)),
    ((x - 1) ** 2 * (x - 2), ALL, (False, False)),
    (x * (1 - x), (Q(0), True, Q(1), True), (True, True)),
    (-(x - 1) ** 2, ALL, (False, False)),
    (x**3 - x, (Q(-1), False, Q(0), False), (True, False)),
])
def test_sign_on_an_interval(e, domain, expected) -> None:
    assert polynomial_sign(sp.expand(e), x, domain) == expected


def test_what_is_not_a_polynomial_proves_nothing() -> None:
    assert polynomial_sign(sp.exp(x) + 1, x, ALL) == (False, False)
    assert polynomial_sign(x**2 + sp.sqrt(2), x, ALL) == (False, False)  # irrational coefficient: not QQ


def test_never_claims_a_sign_that_a_point_contradicts() -> None:
    rng = random.Random(7)
    checked = 0
    for _ in range(300):
        roots = [Q(rng.randint(-6, 6), rng.randint(1, 3)) for _ in range(rng.randint(0, 3))]
        e = sp.Integer(rng.choice([-1, 1])) * sp.Mul(*[(x - r) ** rng.randint(1, 2) for r in roots])
        e = sp.expand(e + rng.choice([0, 0, Q(rng.randint(-3, 3), 4)]) * rng.choice([1, x**2]))
        lo = rng.choice([None, Q(rng.randint(-4, 2))])
        hi = rng.choice([None, Q(rng.randint(2, 6))])
        domain = (lo, rng.random() < 0.5, hi, rng.random() < 0.5)
        nonneg, pos = polynomial_sign(e, x, domain)
        if not nonneg:
            continue
        checked += 1
        # Every root of e and the rational points around them, inside the domain.
        points = [r for r in sp.Poly(e, x).real_roots() if r.is_Rational] + [Q(k, 8) for k in range(-80, 80)]
        for v in points:
            if (lo is not None and (v < lo or (domain[1] and v == lo))) or \
                    (hi is not None and (v > hi or (domain[3] and v == hi))):
                continue
            value = e.subs(x, v)
            assert value >= 0, (e, domain, v)
            assert not pos or value > 0, (e, domain, v)
    assert checked > 50


def test_the_domain_comes_from_facts_and_sign_assumptions() -> None:
    p = sp.Symbol("p")
    assert domain_of(p, Facts(())) is None  # not known to be real
    assert domain_of(p, Facts((p >= 0, p < 1))) == (0, False, 1, True)
    assert domain_of(sp.Symbol("s", positive=True), Facts(())) == (0, True, None, False)


@pytest.mark.parametrize(("relation", "lhs", "rhs", "facts", "verdict"), [
    (R.GT, x**2 + 1, x, (), Verdict.PROVED),
    (R.LE, x * (1 - x), Q(1, 4), (x >= 0, x <= 1), Verdict.PROVED),
    (R.LT, x * (1 - x), Q(1, 4), (x >= 0, x <= 1), None),  # equality at 1/2: never proved
    (R.GT, x**3, x, (x >= 1,), Verdict.REFUTED),  # equality at 1
    (R.GE, x**3 - 3 * x + 2, 0, (x >= 0,), Verdict.PROVED),  # (x - 1)^2 (x + 2)
])
def test_steps_between_polynomials_in_one_variable(make_goal, relation, lhs, rhs, facts, verdict) -> None:
    res = check_goal(make_goal(lhs, rhs, relation=relation, assumptions=facts))
    if verdict is None:
        assert res.verdict is not Verdict.PROVED, res
    else:
        assert res.verdict is verdict, res
