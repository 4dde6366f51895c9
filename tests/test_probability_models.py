"""Concrete models of random variables (symproofs.probability.models)."""

from __future__ import annotations

import sympy as sp

from symproofs.probability.models import Coordinate, Flavour, Realization


def _world() -> Realization:
    return Realization((), lambda a, b: False, Flavour(name="test", order=(), skew=False, mean=sp.S.Zero,
                                                       scale=sp.S.One))


def test_products_over_coordinates_of_equal_laws_are_evaluated_once() -> None:
    world = _world()
    t1, t2, t3 = (world._coord(Coordinate.spread, "T") for _ in range(3))
    # spread: -2, -1/2, 1/2, 2 with 1/10, 2/5, 2/5, 1/10: variance 1, fourth moment 13/4
    assert world.evaluate(t1**2 * t2**2) == 1
    assert world.evaluate(t2**2 * t3**2) == 1
    assert len(world._expectations) == 1  # the second is the first with other coordinates of the same law
    assert world.evaluate(t1**4 * t3**2) == sp.Rational(13, 4)
    assert world.evaluate(t1**2 * t3**4) == sp.Rational(13, 4)


def test_coordinates_of_different_laws_are_never_taken_for_each_other() -> None:
    world = _world()
    t = world._coord(Coordinate.spread, "T")
    z = world._coord(Coordinate.skewed, "Z")  # -1, 0, 2 with 1/3, 1/2, 1/6
    assert world.evaluate(t**3) == 0
    assert world.evaluate(z**3) == 1  # -1/3 + 8/6
    assert world.evaluate(t**2 * z**3) == 1
    assert world.evaluate(t**3 * z**2) == 0
    p = sp.Symbol("p", positive=True)
    b = world._coord(lambda n: Coordinate.finite_law(n, (sp.S.One, sp.S.Zero), (p, 1 - p)), "B")
    q = world._coord(lambda n: Coordinate.finite_law(n, (sp.S.One, sp.S.Zero), (1 - p, p)), "Q")
    assert world.evaluate(b) == p
    assert world.evaluate(q) == 1 - p  # same values, other probabilities: another law


def test_products_with_a_maximum_share_one_evaluation_without_building_the_renamed_product() -> None:
    world = _world()
    t1, t2, t3 = (world._coord(Coordinate.spread, "T") for _ in range(3))
    z = world._coord(Coordinate.skewed, "Z")  # -1, 0, 2 with 1/3, 1/2, 1/6
    # E[max(0, T)] = 1/2 * 2/5 + 2 * 1/10 = 2/5, E[T^2] = 1
    assert world.evaluate(sp.Max(0, t1) * t2**2) == sp.Rational(2, 5)
    key = world._canonical(sp.Max(0, t2) * t3**2)
    assert not isinstance(key, sp.Basic)  # a form, not an expression built (and evaluated) anew
    assert world.evaluate(sp.Max(0, t2) * t3**2) == sp.Rational(2, 5)
    assert len(world._expectations) == 1
    assert world.evaluate(sp.Max(0, z) * t1**2) == sp.Rational(1, 3)  # another law: its own evaluation
    assert len(world._expectations) == 2
    assert world.evaluate(sp.Max(0, t1) * t2) == 0
    assert world.evaluate(sp.Max(0, t1) * t1) == sp.Rational(1, 2)  # 1/4 * 2/5 + 4 * 1/10
    assert len(world._expectations) == 4
