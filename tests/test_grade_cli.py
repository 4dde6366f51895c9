"""Tests of ``symproofs grade``: exit codes, the JSON and CSV reports, the
text report, progress, and hostile submissions."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from symproofs.cli import main

CORPUS = Path(__file__).parent / "corpus"
BIAS = CORPUS / "q3-bias"
PROVED = CORPUS / "q3-correction/jade.md"
SLIPS = BIAS / "bob.md"

STEP_KEYS = {"line", "column", "relation", "source", "verdict", "method", "trust", "counterexample", "explanation",
             "message"}
VERDICTS = {"proved", "refuted", "unknown", "unparsed"}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Steps graded by one test are not checked again by the next."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], cache_dir: Path) -> Runner:
    def grade(*argv: str) -> tuple[int, str, str]:
        code = main(["grade", *argv, "--cache-dir", str(cache_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return grade


Runner = Callable[..., tuple[int, str, str]]


def test_help_lists_grade_with_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["grade", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--notation FILE" in out and "--format {text,json,csv,html,gradescope}" in out
    assert "0  every step of every submission proved" in out


def test_the_cli_starts_without_importing_sympy() -> None:
    code = ("import sys; from symproofs.cli import build_parser; build_parser(); "
            "import symproofs.grading.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'sympy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("argv", "code"), [
    ([str(PROVED)], 0),
    ([str(SLIPS)], 1),
    ([str(PROVED), str(SLIPS)], 1),
    (["missing.tex"], 2),
    ([str(PROVED), "--notation", "missing.toml"], 2),
    ([str(PROVED), "--jobs", "0"], 2),
    ([str(PROVED), "--timeout", "0"], 2),
    ([str(PROVED), "--format", "json", "--out", "report"], 2),
], ids=["proved", "slips", "both", "missing-file", "missing-notation", "jobs-0", "timeout-0", "out-with-json"])
def test_exit_codes(run: Runner, argv: list[str], code: int) -> None:
    assert run(*argv)[0] == code


def test_a_bad_notation_file_is_a_usage_error(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text("[rubric]\npoints = 1\n")
    (tmp_path / "a.tex").write_text("$$x = x$$")
    code, _, err = run(str(tmp_path))
    assert code == 2 and "notation.toml: [rubric]: unknown key 'points'" in err


def test_an_unknown_format_is_refused_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["grade", str(PROVED), "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_json_report_schema(run: Runner) -> None:
    code, out, _ = run(str(SLIPS), "--format", "json")
    data = json.loads(out)
    assert code == 1 and set(data) == {"version", "submissions"} and data["version"] == 1
    (sub,) = data["submissions"]
    assert set(sub) == {"path", "notation", "error", "warnings", "chains", "summary"} and sub["warnings"] == []
    assert sub["summary"] == {"proved": 4, "refuted": 1, "unknown": 0, "unparsed": 0, "chains": 1,
                              "chains_proved": 0, "reaches": [], "score": 1.5, "max_score": 5.0,
                              "passed": False}
    (chain,) = sub["chains"]
    assert set(chain) == {"line", "question", "start", "reaches", "states", "first_wrong_line", "steps"}
    assert chain["question"] == "3.3"  # "## Q3.3 (Bob)": the part of the document it is in
    assert chain["line"] == 6 and chain["first_wrong_line"] == 11
    assert all(set(step) == STEP_KEYS and step["verdict"] in VERDICTS for step in chain["steps"])
    wrong = chain["steps"][2]
    assert (wrong["line"], wrong["relation"], wrong["verdict"]) == (11, "=", "refuted")
    assert wrong["source"] == r"(1-\beta)\mu\sum_{m=0}^{t}\beta^{m}"
    assert wrong["counterexample"].startswith("at beta = ")
    text = SLIPS.read_text().splitlines()
    assert all(step["source"] in text[step["line"] - 1] for step in chain["steps"])  # 1-based file lines


def test_csv_gradebook_one_row_per_student(run: Runner) -> None:
    code, out, _ = run(str(BIAS / "alice.tex"), str(BIAS / "dan.tex"), str(CORPUS / "q4/olga.tex"),
                       "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and list(rows[0]) == ["student", "q3-bias", "q4", "total", "maximum"]
    alice, dan, olga = rows
    assert (alice["student"], alice["q3-bias"], alice["q4"], alice["total"]) == ("alice", "5", "", "5")
    assert (dan["student"], dan["q3-bias"], dan["total"], dan["maximum"]) == ("dan", "2", "2", "")
    assert olga["q3-bias"] == "" and olga["q4"] != ""


def test_csv_student_ids_from_the_path(run: Runner, tmp_path: Path) -> None:
    for sid, question in (("20261234", "q1"), ("20261234", "q2"), ("20265678", "q1")):
        folder = tmp_path / question / f"{sid}_x"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "answer.md").write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 $$")
        (tmp_path / question / "notation.toml").write_text("[rubric]\nstep = 1\nmax = 1\n")
    code, out, _ = run(str(tmp_path), "--format", "csv", "--id-pattern", r"/(?P<id>\d{8})_")
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and set(rows) == {"20261234", "20265678"}
    assert (rows["20261234"]["q1"], rows["20261234"]["q2"], rows["20261234"]["total"],
            rows["20261234"]["maximum"]) == ("1", "1", "2", "2")
    assert rows["20265678"]["q2"] == ""
    code, _, err = run(str(tmp_path), "--format", "csv")  # every file is answer.md: ids clash
    assert code == 2 and "two submissions of student 'answer'" in err and "--id-pattern" in err


def test_csv_cells_are_never_formulas(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "=HYPERLINK(1).tex"
    path.write_text("no math")
    _, out, _ = run(str(path), "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_text_report_marks_lines_and_flags_the_first_wrong_one(run: Runner) -> None:
    code, out, _ = run(str(SLIPS), "--no-color")
    assert code == 1
    assert "    11  ✗        =    (1-\\beta)\\mu\\sum_{m=0}^{t}\\beta^{m}  <- first wrong line" in out
    assert "at beta = " in out and "left = " in out
    assert "summary: 4 proved, 1 refuted, 0 unknown, 0 unparsed; score 1.5/5" in out
    assert "\033[" not in out


def test_progress_bar_on_stderr(run: Runner) -> None:
    _, out, err = run(str(PROVED), "--progress", "--format", "json")
    assert "reading" in err and "checking" in err and "1/1" in err
    json.loads(out)  # stdout stays clean


# -- hostile submissions -----------------------------------------------------------------------
def hostile(folder: Path, canary: Path) -> None:
    files = {
        "input.tex": "\\begin{align*}\nx &= \\input{/etc/passwd} \\\\\n&= \\include{/etc/passwd} \\\\\n"
                     "&= \\openin5=/etc/passwd \\read5 to \\x \\x\n\\end{align*}\n",
        "python.md": f"$$ x = __import__('os').system('touch {canary}') $$\n\n"
                     "$$ \\mathrm{eval}(open('/etc/passwd').read()) = 1 = exec('import os') $$\n",
        "tex.tex": "\\begin{align}\n\\def\\x{1} a &= \\catcode`\\^=11 b \\\\\n"
                   "&= \\csname x\\endcsname = \\expandafter\\x\\write18{touch /tmp/x}\n\\end{align}\n",
        "powers.tex": "\\[ x^{10^{10}} = 2^{2^{2^{2^{2^{2}}}}} = 9^{9^{9^{9}}} = (10^{99})^{999} "
                      "= \\sum_{k=1}^{10^{9}} k^{k} = 99!! ! \\]\n",
        "nested.tex": "\\[ " + "{" * 5000 + "x" + "}" * 5000 + " \\]\n\\[ y = " + "\\frac{" * 1000 + "1"
                      + "}{2}" * 1000 + " = " + "(" * 4000 + "y" + ")" * 4000 + " \\]\n",
        "long.md": "$$ x = " + "x + " * 300_000 + "1 $$\n",
        "macros.tex": "\\[ \\newcommand{\\a}{\\a\\a} \\a = \\a \\]\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_hostile_submissions_run_nothing_and_do_not_hang_the_batch(
        run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    canary = tmp_path / "CANARY"
    hostile(folder, canary)
    (folder / "honest.tex").write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 $$\n")
    started = time.monotonic()
    code, out, _ = run(str(folder), "--timeout", "2", "--jobs", "2", "--format", "json")
    assert time.monotonic() - started < 60
    assert code == 1 and not canary.exists() and not Path("/tmp/x").exists()
    assert "root:" not in out
    subs = {Path(s["path"]).name: s for s in json.loads(out)["submissions"]}
    assert len(subs) == 8 and subs["honest.tex"]["summary"]["passed"] is True
    for name, sub in subs.items():
        verdicts = [st["verdict"] for c in sub["chains"] for st in c["steps"]]
        if name != "honest.tex":
            assert "proved" not in verdicts or name == "powers.tex", name
        assert set(verdicts) <= VERDICTS
    messages = " ".join(st["message"] for s in subs.values() for c in s["chains"] for st in c["steps"])
    messages += " ".join(s.get("error") or "" for s in subs.values())  # a file refused as a whole
    for expected in ("TeX programming is not", "too large", "nested more than", "longer than"):
        assert expected in messages
    assert "input.tex:2:6: \\input: a document that reads in other files" in subs["input.tex"]["error"]


def test_a_submission_without_notation_is_graded_with_a_warning(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "loose.md"
    path.write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 $$")
    code, _, err = run(str(path), "--format", "json")
    assert code == 0 and "warning: no notation file for 1 submission(s)" in err and str(path) in err
    code, _, err = run(str(PROVED), "--format", "json")
    assert "no notation file" not in err
    assert f"symproofs: notation file {PROVED.parent / 'notation.toml'} for 1 submission(s)" in err


def test_only_a_refuted_line_is_the_first_wrong_line_of_the_text_report(run: Runner, tmp_path: Path) -> None:
    answer = tmp_path / "answer.tex"
    answer.write_text("\\begin{align*}\n(a+b)^2 &= \\frobnicate{a} \\\\\n&= a^2 + 2ab + b^2 \\\\\n"
                      "&= a^2 + b^2\n\\end{align*}\n", encoding="utf-8")
    code, out, _ = run(str(answer), "--no-color")
    assert code == 1
    unparsed = next(line for line in out.splitlines() if line.lstrip().startswith("2  unparsed"))
    assert "first wrong line" not in unparsed  # a construct the parser does not support is no mistake
    refuted = next(line for line in out.splitlines() if line.lstrip().startswith("4  ✗"))
    assert refuted.endswith("<- first wrong line")


def test_a_rubric_without_a_maximum_is_reported(run: Runner) -> None:
    _, out, err = run(str(CORPUS / "q4" / "olga.tex"), "--format", "gradescope")
    assert "warning: the rubric of q4 sets no max" in err
    assert json.loads(out)["tests"][0]["max_score"] == 1.0  # the score itself, as the warning says
    _, _, err = run(str(SLIPS), "--format", "gradescope")
    assert "sets no max" not in err
