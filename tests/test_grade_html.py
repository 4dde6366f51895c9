"""Tests of the HTML grading report: MathML rebuilt from a whitelist,
escaping of every piece of student text, student pages safe to send, the
class page, and both in a real headless browser (Debian's chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from symproofs.grading.pages import write_html
from symproofs.grading.run import GradeOptions, grade
from symproofs.render.mathml import mathml

CORPUS = Path(__file__).parent / "corpus"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = r"""Student text that tries to become HTML: <img src=x onerror="document.title='pwned'">

$$
\text{<script>document.title='pwned'</script>} = x
= \href{javascript:alert(1)}{y} = \style{color:red}{z} = \mathrm{"&} = 1
$$

\[ a = a + 0 \]

\[ y = \foo{<script>document.title='pwned'</script>} = \mathrm{<b>}(y) \]
"""


@pytest.mark.parametrize(("latex", "present", "absent"), [
    (r"\frac{1}{2} + \beta^t", ["<mfrac>", "<msup>", "β"], []),
    (r"\text{<script>alert(1)</script>}", ["&lt;script&gt;alert(1)&lt;/script&gt;"], ["<script"]),
    (r"\href{javascript:alert(1)}{x}", ["<mi>x</mi>"], ["href", "javascript"]),
    (r"\style{color:red}{x}", ["<mi>x</mi>"], ["style", "color"]),
], ids=["math", "script-in-text", "href", "style"])
def test_mathml_is_rebuilt_from_a_whitelist(latex: str, present: list[str], absent: list[str]) -> None:
    out = mathml(latex)
    assert out is not None and out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    for text in present:
        assert text in out
    for text in absent:
        assert text not in out


@pytest.mark.parametrize("latex", ["", r"\mathrm{\"&}", "x" * 5000, "{" * 3000 + "}" * 3000],
                         ids=["empty", "raw-ampersand", "too-long", "deep"])
def test_mathml_gives_up_cleanly(latex: str) -> None:
    assert mathml(latex) is None


@pytest.fixture(scope="module")
def report() -> Path:
    folder = Path(tempfile.mkdtemp())
    work = folder / "class"
    work.mkdir()
    for name in ("q3-bias/bob.md", "q3-bias/notation.toml", "q4/pete.tex", "q4/notation.toml"):
        (work / name).parent.mkdir(exist_ok=True)
        shutil.copy(CORPUS / name, work / name)
    pete = work / "q4" / "pete.tex"  # with a line first that the parser cannot read
    pete.write_text("\\begin{align*}\n\\|u\\|^2 &= \\frobnicate{u}\n\\end{align*}\n" + pete.read_text(encoding="utf-8"),
                    encoding="utf-8")
    (work / "<b>eve<i>.md").write_text(HOSTILE, encoding="utf-8")
    grades = grade([work], GradeOptions(timeout=10, jobs=2))
    out = folder / "report"
    write_html(grades, out)
    return out


def pages(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


STUDENT_PAGES = ["b-eve-i-class.html", "bob-q3-bias.html", "pete-q4.html"]


def test_one_page_per_student_and_question_and_a_class_page(report: Path) -> None:
    names = sorted(pages(report))
    assert names == sorted([*STUDENT_PAGES, "index.html"])
    index = pages(report)["index.html"]
    assert all(f'href="{name}"' in index for name in STUDENT_PAGES)
    assert "&lt;b&gt;eve&lt;i&gt;" in index


def test_student_text_is_escaped_everywhere(report: Path) -> None:
    for name, html in pages(report).items():
        assert not re.search(r"<\s*script|<img|onerror=|javascript:|<b>", html, re.I), name
        assert "Content-Security-Policy" in html
    eve = pages(report)["b-eve-i-class.html"]
    assert "<mo>&lt;</mo><mi>s</mi><mi>c</mi>" in eve  # typeset as the letters it is


def test_messages_lose_folders_but_not_fractions() -> None:
    from symproofs.grading.feedback import private
    from symproofs.grading.report import SubmissionGrade

    sub = SubmissionGrade(path="/home/ta/class/q4/pete.tex")
    assert private("at g = [[-1/2], [1/2]] in /home/ta/class/q4/pete.tex", sub) == "at g = [[-1/2], [1/2]] in pete.tex"


def test_student_pages_are_safe_to_send(report: Path) -> None:
    for name in STUDENT_PAGES:
        html = pages(report)[name]
        assert str(report.parent) not in html and "/class/" not in html, name  # no grader paths
        assert "<a " not in html, name  # no link to the class page or to other students
        assert "index.html" not in html
    bob = pages(report)["bob-q3-bias.html"]
    assert re.search(r"Score: 1.5\s*/\s*5", bob)  # out of the maximum


def test_pages_mark_lines_and_show_counterexamples(report: Path) -> None:
    bob = pages(report)["bob-q3-bias.html"]
    assert bob.count("<tr class=\"refuted first-wrong\">") == 1 and "the left side is" in bob
    pete = pages(report)["pete-q4.html"]
    # a line the parser cannot build is a limit of the tool, not the first wrong line
    row = re.search(r'<tr class="not-checked"><td>2</td>.*?</tr>', pete, re.S)
    assert row is not None and "not checked" in row.group(0) and "unsupported command" in row.group(0)
    assert 'class="not-checked first-wrong"' not in pete


def test_counterexamples_are_a_typeset_sentence_with_the_steps_values(report: Path) -> None:
    bob = pages(report)["bob-q3-bias.html"]
    row = re.search(r'<tr class="refuted first-wrong">.*?</tr>', bob, re.S)
    assert row is not None
    note = row.group(0)[row.group(0).index('class="note"'):]
    assert note.startswith('class="note">at <math') and "the left side is <math" in note
    assert "<mi>β</mi>" in note and "_T" not in note and "left = " not in note


def test_the_class_page_has_plots_common_mistakes_and_undecided_steps(report: Path) -> None:
    index = pages(report)["index.html"]
    assert index.count("<svg") >= 3 and 'class="bar"' in index
    common = index[index.index("Most common first wrong lines"):index.index("Undecided steps")]
    assert "q3-bias" in common and 'href="bob-q3-bias.html"' in common and "the left side is" in common
    undecided = index[index.index("Undecided steps"):]
    assert 'href="pete-q4.html"' in undecided and "unsupported command" in undecided


def test_scores_without_a_maximum_or_without_a_rubric_say_so(report: Path) -> None:
    pete = pages(report)["pete-q4.html"]  # q4's rubric gives points but no max
    assert re.search(r"Score: 1 point \(no maximum is set for this question\)", pete)
    assert re.search(r'<p id="counts">2 lines proved, 2 wrong', pete)
    index = pages(report)["index.html"]
    eve_row = re.search(r"<tr><td>&lt;b&gt;eve&lt;i&gt;</td>.*?</tr>", index, re.S)
    assert eve_row is not None and eve_row.group(0).endswith("<td>no score</td></tr>")  # not a total of 0
    assert "Scores on class" not in index  # no histogram for a question nobody has a score on
    assert re.search(r"Distribution of total scores \(2 students\)", index)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.fail("CI is set but chromium is not installed")
    profile = tempfile.mkdtemp()
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


browser = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                             reason="chromium is not installed (apt-get install chromium); CI installs it")


@browser
def test_the_browser_renders_the_math_and_runs_no_student_code(report: Path) -> None:
    dom = chromium("--dump-dom", (report / "b-eve-i-class.html").as_uri()).stdout
    assert "<title>class: &lt;b&gt;eve&lt;i&gt;</title>" in dom
    assert "pwned" not in dom.split("</title>")[0]  # no student script changed the title
    assert not re.search(r"<script|<img", dom, re.I)
    assert dom.count("<math") >= 4


@browser
def test_the_browser_shows_the_first_wrong_line(report: Path, tmp_path: Path) -> None:
    page = (report / "bob-q3-bias.html").as_uri()
    dom = chromium("--dump-dom", page).stdout
    # the first side, five relations and sides, and the counterexample's three values and two sides
    assert dom.count("<math") == 16
    assert re.search(r'<tr class="refuted first-wrong"><td>11</td>', dom)
    assert re.search(r'<p class="score" id="score">\s*Score: 1.5 / 5', dom)
    shot = tmp_path / "bob.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,700", page)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a page with content, not blank


@browser
def test_the_browser_draws_the_class_page(report: Path, tmp_path: Path) -> None:
    page = (report / "index.html").as_uri()
    dom = chromium("--dump-dom", page).stdout
    assert re.search(r'<figure id="distribution">\s*<svg', dom) and re.search(r'<figure id="per-question">', dom)
    bars = re.findall(r'<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', dom)
    assert sum(float(h) > 0 for h in bars) >= 3  # bars drawn with a height, not empty plots
    students = dom[dom.index('<table id="students">'):]
    assert all(f'href="{name}"' in students for name in STUDENT_PAGES)
    shot = tmp_path / "class.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,1400", page)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
