"""Tests of the Gradescope results: a corpus submission graded with
``--format gradescope`` validates against the schema of Gradescope's
autograder ``results.json`` (written from its documentation), and the shipped
example autograder is complete."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from symproofs.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "corpus"
EXAMPLE = ROOT / "examples" / "gradescope"

VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
#: Gradescope's results.json: a score (or test scores), text output, visibility and tests.
SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "score": {"type": "number"},
                    "max_score": {"type": "number"},
                    "status": {"enum": ["passed", "failed"]},
                    "name": {"type": "string"},
                    "number": {"type": "string"},
                    "output": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": VISIBILITY,
                    "extra_data": {"type": "object"},
                },
                "required": ["name", "score", "max_score", "output", "visibility"],
                "additionalProperties": False,
            },
        },
        "leaderboard": {"type": "array"},
    },
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
    "additionalProperties": False,
}


def gradescope(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(["grade", *argv, "--format", "gradescope", "--no-cache", "--timeout", "30"])
    return code, json.loads(capsys.readouterr().out)


def test_a_corpus_submission_gives_valid_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, results = gradescope(capsys, str(CORPUS / "q3-bias" / "bob.md"))
    jsonschema.validate(results, SCHEMA)
    assert code == 1
    (test,) = results["tests"]  # type: ignore[misc]
    assert (test["name"], test["score"], test["max_score"], test["status"]) == ("q3-bias", 1.5, 5.0, "failed")
    assert results["score"] == 1.5
    assert "line 11: ✗ [first wrong line]" in test["output"] and "at beta = " in test["output"]
    assert str(CORPUS) not in json.dumps(results)  # no paths of the grader's machine


def test_the_example_notation_grades_a_proof(capsys: pytest.CaptureFixture[str]) -> None:
    code, results = gradescope(capsys, str(CORPUS / "q3-bias" / "alice.tex"),
                               "--notation", str(EXAMPLE / "bias.toml"), "--visibility", "after_published")
    jsonschema.validate(results, SCHEMA)
    (test,) = results["tests"]  # type: ignore[misc]
    assert code == 0 and (test["name"], test["score"], test["max_score"]) == ("bias", 5.0, 5.0)
    assert test["visibility"] == "after_published" and results["score"] == 5.0


def test_the_schema_rejects_what_gradescope_rejects() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tests": [{"name": "q", "score": 1, "max_score": 1, "output": "",
                                        "visibility": "sometimes"}]}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"score": "1"}, SCHEMA)


def test_the_example_autograder_is_complete() -> None:
    for name in ("setup.sh", "run_autograder"):
        path = EXAMPLE / name
        assert os.access(path, os.X_OK), name
        subprocess.run(["bash", "-n", str(path)], check=True)
    run = (EXAMPLE / "run_autograder").read_text()
    assert "--format gradescope" in run and "/autograder/results/results.json" in run
    assert "bias.toml" in run and (EXAMPLE / "bias.toml").is_file()
