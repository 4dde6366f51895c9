"""The README's examples for authors run as written and give the verdicts
the README states."""

from __future__ import annotations

from pathlib import Path

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
