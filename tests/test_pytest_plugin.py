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
    result.stdout.fnmatch_lines(["good_mod.py::good-square"])


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
    assert "good-square" not in result.stdout.str()


def test_keyword_selection_applies(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--symproofs-module", "good_mod.py", "--symproofs-module",
                               "bad_mod.py", "-k", "good")
    result.assert_outcomes(passed=1, deselected=1)


def test_counts_node_ids_and_last_failed(project: pytest.Pytester) -> None:
    args = ("--symproofs-module", "good_mod.py", "--symproofs-module", "bad_mod.py", "-p", "cacheprovider")
    result = project.runpytest(*args, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["bad_mod.py::bad-square", "good_mod.py::good-square", "*2 tests collected*"])
    result = project.runpytest(*args, "-k", "good")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*collected 2 items / 1 deselected / 1 selected*"])
    result = project.runpytest(*args, "good_mod.py::good-square")  # a node id selects one derivation
    result.assert_outcomes(passed=1)
    result = project.runpytest_subprocess(*args)  # a fresh process, as a user runs pytest twice
    result.assert_outcomes(passed=1, failed=1)
    result = project.runpytest_subprocess(*args, "--lf")  # only the derivation that failed runs again
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*run-last-failure: rerun previous 1 failure*"])


def test_symproofs_module_implies_symproofs(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs-module", "good_mod.py")
    result.assert_outcomes(passed=1)


def test_a_failure_points_at_the_step(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs-module", "bad_mod.py")
    result.assert_outcomes(failed=1)
    source = (project.path / "bad_mod.py").read_text().splitlines()
    line = source.index('        Step(Relation.EQ, a**2 + b**2, "distribute (wrongly)"),)),)),)') + 1
    result.stdout.fnmatch_lines([f"at *bad_mod.py:{line}"])


def test_a_module_outside_the_collected_paths_is_collected(project: pytest.Pytester) -> None:
    (project.path / "tests").mkdir()
    (project.path / "tests" / "test_nothing.py").write_text("def test_ok():\n    pass\n")
    result = project.runpytest("tests", "--symproofs-module", "bad_mod.py")
    result.assert_outcomes(passed=1, failed=1)


def test_items_carry_an_xdist_group(project: pytest.Pytester) -> None:
    items, _ = project.inline_genitems("--symproofs-module", "good_mod.py")
    (item,) = items
    assert item.get_closest_marker("xdist_group").kwargs == {"name": "good_mod.py"}


def test_xdist_workers_give_the_serial_results(project: pytest.Pytester) -> None:
    args = ("--symproofs-module", "good_mod.py", "--symproofs-module", "bad_mod.py", "--symproofs-no-cache")
    serial = project.runpytest_subprocess(*args)
    serial.assert_outcomes(passed=1, failed=1)
    for dist in ("load", "loadgroup"):
        spread = project.runpytest_subprocess(*args, "-n", "2", "--dist", dist)
        spread.assert_outcomes(passed=1, failed=1)
        spread.stdout.fnmatch_lines(["*created: 2/2 workers*", "*verdict: refuted at a = *left = *right = *"])


def test_the_bundled_library_is_collected_when_the_project_lists_no_modules(project: pytest.Pytester) -> None:
    result = project.runpytest("--symproofs", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["q3.py::q3-unroll"])  # the node id of a file outside the rootdir
    assert "good-square" not in result.stdout.str()  # a module nobody listed is not a course module


def test_an_error_in_a_course_module_is_a_usage_error_with_its_line(project: pytest.Pytester) -> None:
    project.makepyfile(broken_mod=GOOD.replace("steps=(Step(Relation.EQ, x**2 + 2*x + 1, \"expand\"),)",
                                               "steps=Step(Relation.EQ, x**2 + 2*x + 1, \"expand\")"))
    result = project.runpytest("--symproofs-module", "broken_mod.py")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    line = (project.path / "broken_mod.py").read_text().splitlines().index(
        'DERIVATIONS = (Derivation(id="good-square", title="Square", question="P.1", chains=(') + 1
    result.stderr.fnmatch_lines([f"*broken_mod.py:{line}: TypeError*hint: *tuple*"])


def test_limits_and_cache_come_from_the_project_settings(project: pytest.Pytester) -> None:
    cache = project.path / "step-cache"
    project.makepyprojecttoml(f'[tool.symproofs]\nmodules = ["good_mod.py"]\ntimeout = 30\ncache-dir = "{cache}"\n')
    items, _ = project.inline_genitems("--symproofs")
    options, step_cache = items[0].config.stash[_settings_key()]
    assert options.timeout == 30.0 and step_cache.folder == cache
    project.runpytest("--symproofs").assert_outcomes(passed=1)
    assert any(cache.rglob("*.json"))  # results are cached as by symproofs check
    items, _ = project.inline_genitems("--symproofs", "--symproofs-no-cache", "--symproofs-timeout", "5")
    options, step_cache = items[0].config.stash[_settings_key()]
    assert options.timeout == 5.0 and step_cache is None


def _settings_key() -> object:
    from symproofs import pytest_plugin

    return pytest_plugin._SETTINGS


def test_a_failing_ge_step_reports_each_sides_own_value() -> None:
    import sympy as sp

    from symproofs.core.model import Chain, Derivation, Relation, Step
    from symproofs.pytest_plugin import failure_report
    from symproofs.verifier.pipeline import verify

    y = sp.Symbol("y", real=True)
    d = Derivation(id="ge", title="ge", question="P.3",
                   chains=(Chain(start=y**2 + 5, steps=(Step(Relation.GE, sp.Integer(10), "too big"),)),))
    result = verify(d, isolate=False)
    ((_, value),) = result.all_steps[0].counterexample.assignment  # type: ignore[union-attr]
    assert f"left = {value**2 + 5}, right = 10" in failure_report(d, result)
