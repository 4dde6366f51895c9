"""The fact base: relations decided under the declared assumptions, and
``Ne`` assumptions (``r != 1``) that decide the branch of a geometric sum."""

from __future__ import annotations

import sympy as sp

from symproofs.core.facts import Facts
from symproofs.verifier.pipeline import check_goal

r, x = sp.symbols("r x", real=True)
n, k = sp.symbols("n k", integer=True, positive=True)


def test_ne_makes_the_difference_and_its_multiples_nonzero() -> None:
    facts = Facts((sp.Ne(r, 1),))
    assert facts.nonzero(r - 1) is True and facts.nonzero(2 - 2 * r) is True
    assert facts.decide(sp.Eq(r, 1)) is False and facts.decide(sp.Ne(1, r)) is True
    assert facts.nonzero(r - 2) is None  # r != 1 says nothing of r - 2
    assert Facts().decide(sp.Eq(r, 1)) is None  # without the assumption: undecided


def test_a_geometric_sum_with_r_not_one(make_goal) -> None:  # type: ignore[no-untyped-def]
    total = sp.Sum(r**k, (k, 0, n - 1)).doit()  # a Piecewise on Eq(r, 1)
    closed = (1 - r**n) / (1 - r)
    assert check_goal(make_goal(total, closed, assumptions=[sp.Ne(r, 1)])).verdict.value == "proved"
    assert check_goal(make_goal(total, closed)).verdict.value != "proved"  # r = 1 is allowed there
