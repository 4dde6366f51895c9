"""The README's examples for authors run as written and give the verdicts
the README states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from symproofs.core.results import Verdict
from symproofs.verifier.pipeline import verify

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def code_block(heading: str, language: str = "python") -> str:
    section = README[README.index(heading):]
    start = section.index(f"```{language}\n") + len(language) + 4
    return section[start:section.index("```\n", start)]


def test_the_random_variable_and_matrix_examples() -> None:
    namespace: dict[str, object] = {}
    exec(compile(code_block("### Random variables and matrices"), "README.md", "exec"), namespace)
    by_id = {d.id: d for d in namespace["DERIVATIONS"]}  # type: ignore[attr-defined]
    assert verify(by_id["course-sum-variance"], isolate=False).status is Verdict.PROVED
    assert verify(by_id["course-squared-norm"], isolate=False).status is Verdict.PROVED
    wrong = verify(by_id["course-wrong-transpose"], isolate=False)
    assert wrong.status is Verdict.REFUTED
    cx = wrong.chains[0].steps[0].counterexample
    assert cx is not None and cx.lhs != cx.rhs


def test_the_pyproject_example_lists_only_known_settings(tmp_path: Path) -> None:
    from symproofs.loader import read_config

    (tmp_path / "pyproject.toml").write_text(code_block("Check it with", "toml"))
    config = read_config(tmp_path)
    assert {"modules", "timeout", "memory-mb", "jobs", "cache-dir", "library"} == set(config)


def test_the_first_example_is_proved_and_its_project_settings_load_it_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from symproofs.cli import main

    source = code_block("## Writing a derivation")
    namespace: dict[str, object] = {}
    exec(compile(source, "README.md", "exec"), namespace)
    (unroll,) = namespace["DERIVATIONS"]  # type: ignore[misc]
    assert verify(unroll, isolate=False).status is Verdict.PROVED
    # As the README goes on: the module in a project, listed under [tool.symproofs].
    # The bundled library (which has its own q3-unroll) is then not loaded: no id clash.
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "derivations.py").write_text(source)
    (tmp_path / "pyproject.toml").write_text('[tool.symproofs]\nmodules = ["course/derivations.py"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["list", "--json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["q3-unroll"]
    assert main(["check", "--no-cache"]) == 0
    assert main(["list", "--library"]) == 2  # asking for the library too: the clash names both files
    err = capsys.readouterr().err
    assert "two derivations share the id 'q3-unroll'" in err and "library/q3.py" in err \
        and "course/derivations.py" in err


def test_the_pitfalls_hold_as_stated() -> None:
    import sympy as sp

    from symproofs import Chain, Derivation, Relation, Step
    from symproofs.probability.laws import Generic
    from symproofs.probability.space import E, ProbabilitySpace

    assert "`E = sp.Function(\"E\")` is not an expectation" in README
    X, Y = sp.symbols("X Y", real=True)
    fake_e = sp.Function("E")
    naive = Derivation(id="naive", title="", question="P.1", chains=(
        Chain(start=fake_e(X + Y), steps=(Step(Relation.EQ, fake_e(X) + fake_e(Y), "linearity"),)),))
    step = verify(naive, isolate=False).chains[0].steps[0]  # an arbitrary function is not linear
    assert step.verdict is Verdict.REFUTED and step.counterexample is not None
    assert any(isinstance(key, fake_e) for key, _ in step.counterexample.assignment)
    space = ProbabilitySpace()
    X2, Y2 = space.variable("X", Generic()), space.variable("Y", Generic())
    right = Derivation(id="right", title="", question="P.2", algebras=(space,), chains=(
        Chain(start=E(X2 + Y2), steps=(Step(Relation.EQ, E(X2) + E(Y2), "linearity"),)),))
    assert verify(right, isolate=False).status is Verdict.PROVED
    # Ne assumptions: a geometric sum's r != 1 branch
    assert "`assumptions=(sp.Ne(r, 1),)` is known to the fact base" in README
    r, k = sp.Symbol("r", real=True), sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    geometric = Derivation(id="geo", title="", question="P.3", assumptions=(sp.Ne(r, 1),), chains=(
        Chain(start=sp.Sum(r**k, (k, 0, n - 1)), steps=(Step(Relation.EQ, (1 - r**n) / (1 - r), "geometric sum"),)),))
    assert verify(geometric, isolate=False).status is Verdict.PROVED


def test_every_command_documents_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from symproofs.cli import main

    assert "| `130` | interrupted |" in README
    for command in ("list", "check", "render", "grade", "cache"):
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        text = capsys.readouterr().out
        assert "exit codes:" in text and "  0  " in text and "  2  " in text and "130  interrupted" in text, command
