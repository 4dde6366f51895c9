"""The pytest plugin, run in a separate pytest with pytester."""

from __future__ import annotations

import pytest

GOOD = '''
import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
x = sp.Symbol("x", real=True)
DERIVATIONS = (Derivation(id="good-square", title="Square", question="P.1", chains=(
    Chain(start=(x + 1)**2, steps=(Step(Relation.EQ, x**2 + 2*x + 1, "expand"),)),)),)
'''

BAD = '''
import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
a, b = sp.symbols("a b", real=True)
DERIVATIONS = (Derivation(id="bad-square", title="Bad square", question="P.2", chains=(
    Chain(start=(a + b)**2, steps=(
        Step(Relation.EQ, (a + b)*(a + b), "square"),
        Step(Relation.EQ, a**2 + b**2, "distribute (wrongly)"),)),)),)
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(good_mod=GOOD, bad_mod=BAD)
    pytester.makeini("[pytest]\n")
    return pytester


def test_each_derivation_is_an_item(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--symproofs-module", "good_mod.py", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*symproofs::good-square*"])


def test_proved_derivation_passes(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--symproofs-module", "good_mod.py")
    result.assert_outcomes(passed=1)


def test_failure_shows_step_sides_and_counterexample(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--symproofs-module", "bad_mod.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*P.2 bad-square: Bad square*",
        "*step 2: distribute (wrongly)*",
        "*left:  (a + b)**2*",
        "*=      a**2 + b**2*",
        "*verdict: refuted at a = *left = *right = *",
    ])
    assert "Traceback" not in result.stdout.str()


def test_plugin_is_off_by_default(project: pytest.Pytester) -> None:
    result = project.runpytest("--collect-only", "-q")
    assert "symproofs::" not in result.stdout.str()


def test_keyword_selection_applies(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--symproofs-module", "good_mod.py", "--symproofs-module",
                               "bad_mod.py", "-k", "good")
    result.assert_outcomes(passed=1, deselected=1)
