"""The command line: exit codes, JSON shapes, errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from symproofs.cli import main

BAD_MODULE = '''
import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
a, b = sp.symbols("a b", real=True)
DERIVATIONS = (
    Derivation(id="wrong-square", title="A wrong square", question="X.1", chains=(
        Chain(start=(a + b)**2, steps=(Step(Relation.EQ, a**2 + b**2, "freshman's dream"),)),)),
)
'''


@pytest.fixture
def bad_module(tmp_path: Path) -> Path:
    path = tmp_path / "course_derivations.py"
    path.write_text(BAD_MODULE)
    return path


def test_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data and set(data[0]) == {"id", "title", "question", "steps"}
    assert any(d["id"] == "q3-unroll" for d in data)


def test_check_json_shape_and_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "Q3.2", "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    (d,) = data["derivations"]
    assert {"id", "title", "question", "status", "steps"} <= set(d)
    assert d["status"] == "proved"
    step = d["steps"][0]
    assert {"index", "relation", "verdict", "method", "trust", "counterexample", "seconds"} <= set(step)


def test_check_refuted_exits_one_with_counterexample(bad_module: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(bad_module), "--json", "--no-cache"]) == 1
    data = json.loads(capsys.readouterr().out)
    step = data["derivations"][0]["steps"][0]
    assert step["verdict"] == "refuted"
    assert step["counterexample"]["left"] != step["counterexample"]["right"]


def test_check_human_output_marks_steps(bad_module: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(bad_module), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "✗" in out and "refuted at" in out and "0 of 1 derivations proved" in out


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param(["check", "no-such-derivation", "--no-cache"], "no derivation, question, module or file",
                 id="unknown-target"),
    pytest.param(["check", "missing.py", "--no-cache"], "no such file", id="missing-file"),
    pytest.param(["check", "--jobs", "0", "--no-cache"], "--jobs must be at least 1", id="bad-jobs"),
])
def test_input_errors_exit_two(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_unknown_option_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--jbos", "2"])
    assert info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: symproofs" in capsys.readouterr().out


def test_help_does_not_import_sympy() -> None:
    code = "import sys, symproofs.cli as c; c.build_parser(); print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_pyproject_lists_modules(tmp_path: Path, bad_module: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.symproofs]\nmodules = ["{bad_module}"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["list", "--json"]) == 0
    assert any(d["id"] == "wrong-square" for d in json.loads(capsys.readouterr().out))


def test_pyproject_misspelled_setting_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.symproofs]\nmodule = ["x"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["list"]) == 2
    assert "unknown setting 'module'" in capsys.readouterr().err
