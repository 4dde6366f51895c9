"""The command line: exit codes, JSON shapes, errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

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


# -- one vocabulary, author errors, pipes, colour ----------------------------------------------
SYNTAX_ERROR = "import sympy as sp\nx = sp.Symbol('x'\n"
STEP_NOT_TUPLE = '''import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
a = sp.Symbol("a")
D = Derivation(id="one", title="One", question="X.1",
               chains=(Chain(start=a, steps=Step(Relation.EQ, a, "same")),))
'''
NO_QUESTION = '''import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
a = sp.Symbol("a")
D = Derivation(id="one", title="One", chains=(Chain(start=a, steps=(Step(Relation.EQ, a, "same"),)),))
'''


@pytest.mark.parametrize(("source", "line", "hint"), [
    pytest.param(SYNTAX_ERROR, 2, "syntax", id="syntax-error"),
    pytest.param(STEP_NOT_TUPLE, 4, "tuple", id="step-not-a-tuple"),
    pytest.param(NO_QUESTION, 4, "question=", id="missing-question"),
])
def test_author_errors_exit_two_with_file_line_and_hint(source: str, line: int, hint: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "course.py"
    path.write_text(source)
    assert main(["check", str(path), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}" in err and "hint:" in err and hint in err
    assert "Traceback" not in err


def test_json_is_an_alias_of_format_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--format", "json"]) == 0
    a = capsys.readouterr().out
    assert main(["list", "--json"]) == 0
    assert json.loads(a) == json.loads(capsys.readouterr().out)
    assert main(["cache", "info", "--format", "json"]) == 0
    assert {"folder", "results"} <= set(json.loads(capsys.readouterr().out))


def test_the_shared_options_are_on_check_render_and_grade(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "render", "grade"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        for option in ("--timeout S", "--memory MB", "--jobs N", "--cache-dir DIR", "--no-cache", "--color",
                       "--progress"):
            assert option in out, (command, option)
        assert "default 60" in out and "NO_COLOR" in out and "exit codes" in out


def test_list_into_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.run(f"{sys.executable} -m symproofs list | head -n 1", shell=True, capture_output=True,
                          text=True, timeout=300)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_colour_follows_no_color_and_the_option(bad_module: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(bad_module), "--no-cache", "--color", "always"]) == 1
    assert "\033[31m" in capsys.readouterr().out  # refuted in red
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["check", str(bad_module), "--no-cache"]) == 1
    assert "\033[" not in capsys.readouterr().out
    assert main(["check", str(bad_module), "--no-cache", "--color", "always"]) == 1  # the option wins
    assert "\033[" in capsys.readouterr().out


def test_the_library_loads_only_when_asked(tmp_path: Path, bad_module: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.symproofs]\nmodules = ["{bad_module}"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["list", "--json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["wrong-square"]
    assert main(["list", "--json", "--library"]) == 0
    ids = [d["id"] for d in json.loads(capsys.readouterr().out)]
    assert "wrong-square" in ids and "q3-unroll" in ids


def test_an_id_clash_names_both_files(tmp_path: Path, bad_module: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.py"
    other.write_text(BAD_MODULE)
    (tmp_path / "pyproject.toml").write_text(f'[tool.symproofs]\nmodules = ["{bad_module}", "{other}"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "'wrong-square'" in err and str(bad_module) in err and str(other) in err


def test_pyproject_settings_are_honoured(tmp_path: Path, bad_module: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.symproofs]\nmodules = ["{bad_module}"]\ntimeout = 0\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache"]) == 2  # the setting reached the limits: 0 is rejected
    assert "--timeout must be positive" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.symproofs]\nmodules = ["{bad_module}"]\ntimeout = "fast"\n')
    assert main(["check", "--no-cache"]) == 2
    assert "timeout must be a number" in capsys.readouterr().err
    cache = tmp_path / "shared-cache"
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.symproofs]\nmodules = ["{bad_module}"]\ncache-dir = "{cache}"\njobs = 1\nmemory-mb = 1024\n')
    assert main(["check"]) == 1
    capsys.readouterr()
    assert main(["cache", "info", "--json"]) == 0  # the cache command reads the setting too
    assert json.loads(capsys.readouterr().out)["results"] >= 1


def test_a_refuted_ge_step_shows_its_sides_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ge.py"
    path.write_text('import sympy as sp\nfrom symproofs import Chain, Derivation, Relation as R, Step\n'
                    'x = sp.Symbol("x", real=True)\n'
                    'D = Derivation(id="ge", title="ge", question="G.1", chains=(Chain(start=x**2, steps=('
                    'Step(R.GE, x**2 + 1, "wrong"),)),))\n')
    assert main(["check", str(path), "--no-cache", "--json"]) == 1
    cx = json.loads(capsys.readouterr().out)["derivations"][0]["steps"][0]["counterexample"]
    x = sp.Rational(cx["assignment"]["x"])
    assert (sp.Rational(cx["left"]), sp.Rational(cx["right"])) == (x**2, x**2 + 1)
    assert main(["check", str(path), "--no-cache"]) == 1
    assert f"left = {x**2}, right = {x**2 + 1}" in capsys.readouterr().out
