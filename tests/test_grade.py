"""Tests of grading: the corpus of student chains, the rules for unparsed
lines, notation files, isolation of bad submissions, and a fuzz test."""

from __future__ import annotations

import json
import os
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symproofs.core.errors import InputError
from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Given, Relation
from symproofs.core.results import StepResult, Verdict
from symproofs.grading.files import collect, find_notation
from symproofs.grading.report import LineGrade, Mark, SubmissionGrade, json_report, text_report
from symproofs.grading.roster import csv_gradebook, gradebook
from symproofs.grading.run import GradeOptions, grade
from symproofs.grading.verdicts import confirm
from symproofs.latex.notation import GradingNotation
from symproofs.probability.space import ProbabilitySpace
from symproofs.verifier.pipeline import check_goal

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
FAST = GradeOptions(timeout=10, jobs=2)


def where(step: object) -> str:
    return f"{step.line}:{step.column}"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def corpus() -> dict[str, SubmissionGrade]:
    grades = grade([CORPUS], GradeOptions(timeout=20, jobs=2))
    return {Path(g.path).relative_to(CORPUS).as_posix(): g for g in grades}


# -- the corpus --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(EXPECTED["verdicts"]))
def test_corpus_verdicts_match_the_expected_file(corpus: dict[str, SubmissionGrade], name: str) -> None:
    sub = corpus[name]
    assert sub.error is None
    got = {str(c.line): [s.verdict.value for s in c.steps] for c in sub.chains}
    assert got == EXPECTED["verdicts"][name]


def test_every_corpus_file_has_expected_verdicts(corpus: dict[str, SubmissionGrade]) -> None:
    assert sorted(corpus) == sorted(EXPECTED["verdicts"])


def test_no_wrong_line_is_proved(corpus: dict[str, SubmissionGrade]) -> None:
    for name, lines in EXPECTED["wrong"].items():
        steps = {where(s): s for c in corpus[name].chains for s in c.steps}
        assert set(lines) <= set(steps), f"{name}: a listed line is not a step"
        proved = [line for line in lines if steps[line].verdict is Mark.PROVED]
        assert not proved, f"{name}: wrong lines proved: {proved}"


def test_every_correct_line_is_proved_or_explained(corpus: dict[str, SubmissionGrade]) -> None:
    explained = set(EXPECTED["correct_not_proved"])
    missing = []
    for name, sub in corpus.items():
        wrong = set(EXPECTED["wrong"].get(name, ()))
        for chain in sub.chains:
            for step in chain.steps:
                key = f"{name} {where(step)}"
                if where(step) in wrong:
                    continue
                if step.verdict is Mark.PROVED:
                    assert key not in explained, f"{key} is proved now: remove it from correct_not_proved"
                elif key not in explained:
                    missing.append(key)
    assert not missing, f"correct lines neither proved nor explained: {missing}"


def test_the_corpus_covers_the_six_questions_in_tex_and_markdown() -> None:
    chains = [c for chains in EXPECTED["verdicts"].values() for c in chains]
    assert len(chains) >= 30
    questions = {name.split("/")[0].split("-")[0] for name in EXPECTED["verdicts"]}
    assert questions == {"q1", "q2", "q3", "q4", "q5", "q6"}
    assert {Path(n).suffix for n in EXPECTED["verdicts"]} == {".tex", ".md"}


def test_refutations_carry_counterexamples(corpus: dict[str, SubmissionGrade]) -> None:
    (step,) = [s for c in corpus["q3-momentum/finn.tex"].chains for s in c.steps if where(s) == "3:4"]
    assert step.verdict is Mark.REFUTED and step.counterexample is not None
    assert step.counterexample.startswith("at ") and "left = " in step.counterexample
    assert "t = " in step.counterexample


def test_reaching_expected_results_and_scores(corpus: dict[str, SubmissionGrade]) -> None:
    alice, bob, kai = corpus["q3-bias/alice.tex"], corpus["q3-bias/bob.md"], corpus["q3-correction/kai.md"]
    assert alice.chains[0].reaches == ("bias",) and alice.score == 5  # capped by [rubric] max
    assert bob.chains[0].reaches == () and bob.score == 1.5  # three of the four proved steps at 0.5: the
    # fourth, (1-beta) mu (1 - beta^{t+1}) / (1-beta) = (1 - beta^{t+1}) mu, is one expression once read
    assert kai.chains[0].reaches == () and kai.chains[0].states == ("unbiased",)  # stated, not by a proved chain:
    assert kai.score == 0.0
    assert corpus["q2-matrix/nora.tex"].score is None  # no rubric


def test_first_wrong_line(corpus: dict[str, SubmissionGrade]) -> None:
    chain = corpus["q3-bias/bob.md"].chains[0]
    assert chain.first_wrong is not None and where(chain.first_wrong) == "11:3"
    assert corpus["q3-bias/alice.tex"].chains[0].first_wrong is None


# -- the rules of a chain -----------------------------------------------------------------------
def graded(tmp_path: Path, body: str, name: str = "answer.tex") -> SubmissionGrade:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    (sub,) = grade([path], FAST)
    return sub


def answer_steps(tmp_path: Path, body: str) -> list[LineGrade]:
    """Every step of ``body`` graded as the answer to question 1 (no notation file)."""
    return [s for c in graded(tmp_path, "# Answer 1\n\n" + body, "answer.md").chains for s in c.steps]


def assert_answer_verdicts(tmp_path: Path, body: str, expected: list[str]) -> None:
    """``body`` graded as the answer to question 1 (no notation file) gives these verdicts, step by step."""
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [s.verdict.value for c in sub.chains for s in c.steps if s.relation]
    assert got == expected, [(s.verdict.value, s.message) for c in sub.chains for s in c.steps]


def steps_of(sub: SubmissionGrade) -> list[tuple[str, str, str]]:
    return [(s.relation, s.verdict.value, s.message) for c in sub.chains for s in c.steps]


def test_an_unparsed_side_is_skipped_and_the_relations_around_it_compose(tmp_path: Path) -> None:
    sub = graded(tmp_path, "\\begin{align*}\n(x+1)^2 &= x^2 \\pm 2x + 1 \\\\\n&\\ge 2x\n\\end{align*}\n")
    (unparsed, step) = sub.chains[0].steps
    assert (unparsed.verdict, unparsed.line, unparsed.column) == (Mark.UNPARSED, 2, 12)
    assert "unsupported command \\pm" in unparsed.message
    assert step.verdict is Mark.PROVED  # (x+1)^2 >= 2x, checked across the unparsed line
    assert step.message == "checked against the side on line 2"


@pytest.mark.parametrize(("body", "message"), [
    ("$$x^2 \\le \\int f \\ge -1 = -1$$", "the relations since the last parsed side do not compose"),
    ("$$\\int f = x \\le x + 1$$", "nothing before it was parsed"),
    ("$$x \\approx 1 = 1$$", "the relation \\approx is not checked"),
], ids=["le-then-ge", "first-side-unparsed", "approx"])
def test_the_chain_restarts_where_nothing_can_be_checked(tmp_path: Path, body: str, message: str) -> None:
    sub = graded(tmp_path, body, "answer.md")
    restarts = [s for c in sub.chains for s in c.steps if s.method == "not checked"]
    assert len(restarts) == 1 and restarts[0].verdict is Mark.UNKNOWN
    assert restarts[0].message == f"{message}; the chain restarts here"
    assert [s.verdict for c in sub.chains for s in c.steps][-1] is Mark.PROVED


@pytest.mark.parametrize(("end", "bom", "name"), [
    ("\r", b"", "cr.tex"), ("\r\n", b"", "crlf.tex"), ("\n", b"", "lf.tex"),
    ("\r", b"\xef\xbb\xbf", "cr.md"), ("\r\n", b"\xef\xbb\xbf", "bom.tex"),
], ids=["cr-tex", "crlf-tex", "lf-tex", "cr-md-bom", "crlf-tex-bom"])
def test_lines_and_columns_are_the_same_for_every_line_ending(tmp_path: Path, end: str, bom: bytes,
                                                               name: str) -> None:
    lines = ["# Question 1" if name.endswith(".md") else "\\section{Question 1}", "\\begin{align*}",
             "(y+1)^2 &= y^2 + 2y + 1 \\\\", "\t&= y^2 + 2y + 3", "\\end{align*}", ""]
    path = tmp_path / name
    path.write_bytes(bom + end.join(lines).encode())
    (sub,) = grade([path], FAST)
    assert [(s.line, s.column, s.verdict) for c in sub.chains for s in c.steps] == [
        (3, 12, Mark.PROVED), (4, 5, Mark.REFUTED)]


@pytest.mark.parametrize("mark", ["\\overset{!}{=}", "\\stackrel{!}{=}", "\\overset{\\text{set}}{=}"],
                         ids=["overset", "stackrel", "set"])
def test_a_requirement_the_student_sets_is_never_refuted(tmp_path: Path, mark: str) -> None:
    steps = answer_steps(tmp_path, f"The probabilities must sum to one:\n$$ a + 2b + a = 2a + 2b {mark} 1, $$\n"
                                   "so $a + b = \\frac12$.\n")
    assert [(s.verdict, s.message) for s in steps if s.relation] == [
        (Mark.PROVED, ""),
        (Mark.UNKNOWN, "a requirement the student sets (it must hold), not a claim; the chain restarts here")]


def test_an_arg_max_is_unparsed_where_it_is_written(tmp_path: Path) -> None:
    steps = answer_steps(tmp_path, "$$ \\operatorname*{arg\\,max}_{x \\in [0,1]} x(1-x) = \\frac12 $$\n")
    assert [(s.line, s.column, s.verdict) for s in steps] == [(3, 4, Mark.UNPARSED), (3, 52, Mark.UNKNOWN)]
    assert "arg max" in steps[0].message


def _graded_displays(tmp_path: Path, bodies: list[str]) -> list[list[tuple[str, str, str]]]:
    """Each display graded in a file of its own (one run): the verdict, method and message of its steps."""
    paths = []
    for k, body in enumerate(bodies):
        paths.append(tmp_path / f"answer{k:02}.md")
        paths[-1].write_text(f"# Answer 1\n\n$${body}$$\n", encoding="utf-8")
    subs = {Path(sub.path).name: sub for sub in grade(paths, FAST)}
    return [[(s.verdict.value, s.method, s.message) for c in subs[p.name].chains for s in c.steps] for p in paths]


_TYPESET = [("⇒", "\\Rightarrow"), ("⟹", "\\Longrightarrow"), ("⇔", "\\Leftrightarrow"),
            ("⟺", "\\Longleftrightarrow"), ("⇐", "\\Leftarrow"), ("⟸", "\\Longleftarrow"), ("→", "\\to"),
            ("←", "\\leftarrow"), ("↔", "\\leftrightarrow"), ("⟶", "\\longrightarrow"),
            ("⟵", "\\longleftarrow"), ("⟷", "\\longleftrightarrow"), ("↦", "\\mapsto"), ("\\gets", "\\leftarrow")]


def test_a_unicode_arrow_is_graded_as_the_command_it_typesets(tmp_path: Path) -> None:
    lines = (("x^2 = 4", "x = 2"), ("x^2 = 1", "x = x^2"), ("x = 2", "x^2 = 4"))
    typed = [f"{before} {arrow} {after}" for arrow, _ in _TYPESET for before, after in lines]
    written = [f"{before} {command} {after}" for _, command in _TYPESET for before, after in lines]
    *got, implies = _graded_displays(tmp_path, [*typed, *written, "x = 2 \\implies x^2 = 4"])
    assert dict(zip(typed, got[: len(typed)], strict=True)) == dict(zip(typed, got[len(typed):], strict=True))
    # the red team's lines: never checked straight across the arrow (x^2 against 2, x^2 against x^2)
    assert got[typed.index("x^2 = 4 ⇐ x = 2")] == [("unknown", "not checked",
                                                   "the relation \\Leftarrow is not checked")]
    assert got[typed.index("x^2 = 4 \\gets x = 2")] == [("unknown", "not checked",
                                                           "the relation \\leftarrow is not checked")]
    assert got[typed.index("x^2 = 1 ⇒ x = x^2")] == [("refuted", "refutation probe", "")]  # false at x = -1
    assert got[typed.index("x = 2 ⟹ x^2 = 4")] == implies and [v for v, _, _ in implies] == ["proved"]


def test_no_step_is_checked_across_an_unread_side_that_holds_an_arrow(tmp_path: Path) -> None:
    unread = ["↯", "⤳", "⇝", "↑", "⬄", "➔", "{⇒}", "{⟸}", "{\\to}", "{\\gets}", "\\curvearrowright",
              "\\rightleftharpoons", "{=>}"]
    got = _graded_displays(tmp_path, [f"x^2 = 1 {arrow} x = x^2" for arrow in unread])  # x^2 = x^2 across it
    for arrow, steps in zip(unread, got, strict=True):
        assert [v for v, _, _ in steps] == ["unparsed", "unknown"], (arrow, steps)
        assert steps[1][2].startswith("an unread side holds "), (arrow, steps)


def test_a_file_without_display_math_is_an_error(tmp_path: Path) -> None:
    sub = graded(tmp_path, "Only prose and $x = 1$ inline.\n")
    assert sub.error is not None and "no derivation found" in sub.error and not sub.passed


def test_refutations_honour_the_definitions() -> None:
    """The probe applies a definition before it picks a point, so a refutation
    it reports holds with the definition in force."""
    t = sp.Symbol("t", integer=True)
    x = sp.Function("x", real=True)
    hypothesis = Given(name="hypothesis", statement=sp.Eq(x(t), 2 * t))
    wrong = Goal(relation=Relation.EQ, lhs=x(t), rhs=2 * t + 1, context=Context(facts=Facts(), givens=(hypothesis,)))
    res = confirm(wrong, check_goal(wrong))
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample is not None and res.counterexample.lhs == 2 * dict(res.counterexample.assignment)[t]
    right = Goal(relation=Relation.EQ, lhs=x(t), rhs=2 * t, context=Context(facts=Facts(), givens=(hypothesis,)))
    assert confirm(right, check_goal(right)).verdict is Verdict.PROVED


# -- files and notation files ------------------------------------------------------------------
def test_collect_walks_folders_and_skips_hidden_ones(tmp_path: Path) -> None:
    for name in ("a/x.tex", "a/b/y.md", "a/.git/z.tex", "a/notes.txt", "a/.hidden.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("$$x = x$$")
    found = [f.relative_to(tmp_path).as_posix() for f, _ in collect([tmp_path / "a"])]
    assert found == ["a/x.tex", "a/b/y.md"]
    with pytest.raises(InputError, match="no such file or folder"):
        collect([tmp_path / "missing"])
    with pytest.raises(InputError, match=r"not a \.tex or \.md file"):
        collect([tmp_path / "a/notes.txt"])


def test_a_part_another_file_reads_in_is_refused_with_it(tmp_path: Path) -> None:
    """``\\input{q1}`` is never followed: main.tex is refused where it reads q1 in, and q1.tex, which
    would lose main.tex's ``\\renewcommand{\\le}{\\geq}``, is not graded alone."""
    (tmp_path / "ada" / "parts").mkdir(parents=True)
    (tmp_path / "ada" / "main.tex").write_text("\\renewcommand{\\le}{\\geq}\n% \\input{other}\n"
                                                "\\section{Question 1}\n  \\input{q1}\n\\include{parts/q2.tex}\n")
    (tmp_path / "ada" / "q1.tex").write_text("\\[ 0 \\le a^2 + 1 \\]\n")
    (tmp_path / "ada" / "parts" / "q2.tex").write_text("\\[ 0 \\le a^2 + 1 \\]\n")
    (tmp_path / "ada" / "other.tex").write_text("\\[ 0 \\le a^2 + 1 \\]\n")
    subs = {Path(s.path).name: s for s in grade([tmp_path / "ada"], FAST)}
    assert subs["main.tex"].error is not None
    assert "main.tex:4:3: \\input: a document that reads in" in subs["main.tex"].error
    assert subs["q1.tex"].error is not None and "read in at" in subs["q1.tex"].error
    assert "main.tex:4:3" in subs["q1.tex"].error
    assert subs["q2.tex"].error is not None and "main.tex:5:1" in subs["q2.tex"].error
    assert subs["other.tex"].error is None  # in a comment: not read in
    assert [s.verdict for c in subs["other.tex"].chains for s in c.steps] == [Mark.PROVED]


def test_the_nearest_notation_file_up_to_the_root(tmp_path: Path) -> None:
    (tmp_path / "class/q3/alice").mkdir(parents=True)
    (tmp_path / "notation.toml").write_text("")
    (tmp_path / "class/q3/notation.toml").write_text("")
    file = tmp_path / "class/q3/alice/answer.tex"
    assert find_notation(file, tmp_path / "class") == tmp_path / "class/q3/notation.toml"
    (tmp_path / "class/q3/notation.toml").unlink()
    assert find_notation(file, tmp_path / "class") is None  # not above the root


NOTATION_ERRORS = [
    ("[sybols]\nx = 'real'\n", "unknown section [sybols]"),
    ("[rubric]\npoints = 3\n", "[rubric]: unknown key 'points'; known keys: chain, expected, max, step"),
    ("[random.variables]\nX = { law = 'gauss' }\n", "[random.variables.X]: law must be one of"),
    ("[random.variables]\nX = { law = 'normal', mean = '0' }\n", "a normal law needs 'var'"),
    ("[random.variables]\nX = { law = 'generic', mu = '0' }\n", "[random.variables.X]: unknown key 'mu'"),
    ("[random.variables]\nX = { law = 'generic', continuous = 'yes' }\n", "continuous must be true or false"),
    ("[random]\nindependent = [['X', 'Y']]\n[random.variables]\nX = { law = 'generic' }\n",
     "'Y' is not in [random.variables]"),
    ("[symbols]\nX = 'positive'\n[random.variables]\nX = { law = 'generic' }\n", "a random variable is a real"),
    ("[definitions]\nd = { latex = 'v_t = 2', for_all = 'k' }\n", "for_all 'k' does not appear"),
    ("[definitions]\nd = { latex = 'v_t = 2', from = 1 }\n", "from needs exactly one for_all index"),
    ("[definitions]\nd = 'v_t = \\pm x'\n", "[definitions.d]: unsupported command \\pm"),
    ("[expected]\nbias = 'x + 1'\n", "[expected] bias: expected a relation"),
    ("[expected]\nbias = 'x = 1'\n[rubric.expected]\nbas = 2\n", "'bas' is not a result of [expected]"),
    ("[rubric]\nchain = -1\n", "[rubric] chain: points are a non-negative number"),
    ("[assumptions]\nfacts = ['x']\n", "[assumptions] facts[0]: expected a relation"),
    ("[symbols]\nb = 'positive'\n[assumptions]\nfacts = ['b < 0']\n", "contradicts the declared domains"),
    ("[matrices]\nx = ['d']\nW = ['m', 'd']\nb_1 = ['m']\n[definitions]\nhid = 'h = W x + b'\n",
     "[definitions.hid]: cannot add W x (a matrix, m x 1) and b (a number): the notation declares b_1"),
    ("[matrices]\nh = ['m']\nb_1 = ['m']\n[definitions]\nd = 'h^\\top h = b_1'\n",
     "[definitions.d]: the sides cannot be equal: h.T*h is a number, b_1 a matrix, m x 1"),
]


@pytest.mark.parametrize(("text", "message"), NOTATION_ERRORS, ids=[m[:30] for _, m in NOTATION_ERRORS])
def test_bad_notation_files_are_rejected_with_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "notation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"notation\.toml: ") as info:
        GradingNotation.load(path).build()
    assert message in str(info.value)


def test_a_generic_law_declared_continuous_has_no_atoms(tmp_path: Path) -> None:
    from symproofs.probability.laws import Generic

    path = tmp_path / "notation.toml"
    path.write_text("[random.variables]\na = { law = 'generic', var = '1', symmetric = true, continuous = true }\n"
                    "b = { law = 'generic', var = '1', symmetric = true }\n", encoding="utf-8")
    space = next(a for a in GradingNotation.load(path).build().algebras if hasattr(a, "law_of"))
    laws = {name: space.law_of(sp.Symbol(name, real=True)) for name in "ab"}
    assert all(isinstance(law, Generic) for law in laws.values())
    assert [getattr(laws[n], "continuous", None) for n in "ab"] == [True, False]


def test_a_notation_file_becomes_a_context() -> None:
    setting = GradingNotation.load(CORPUS / "q3-bias/notation.toml").build()
    assert [str(f) for f in setting.facts] == ["beta < 1", "t >= 1"]  # 0 < beta is the domain
    unrolled = next(g for g in setting.givens if g.name == "unrolled")
    assert unrolled.index is not None and unrolled.valid_from == 0
    assert "v" not in str(unrolled.statement.rhs)  # v_0 = 0 put into the closed form
    assert [name for name, _ in setting.expected] == ["bias"]
    (space,) = setting.algebras
    assert isinstance(space, ProbabilitySpace)
    assert {"g", "v"} <= set(space.families)  # v is random: it is defined from g


# -- isolation ----------------------------------------------------------------------------------
def test_a_parser_that_hangs_crashes_or_exhausts_memory_does_not_stop_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import symproofs.grading.run as grading

    original = grading._read

    def sabotaged(path: Path, notation: GradingNotation) -> object:
        if path.stem == "hang":
            time.sleep(60)
        if path.stem == "crash":
            os._exit(3)
        if path.stem == "memory":
            raise MemoryError
        return original(path, notation)

    monkeypatch.setattr(grading, "_read", sabotaged)
    for stem in ("crash", "good", "hang", "memory"):
        (tmp_path / f"{stem}.tex").write_text("$$ (a+b)^2 = a^2 + 2ab + b^2 $$")
    started = time.monotonic()
    grades = {Path(g.path).stem: g for g in grade([tmp_path], GradeOptions(timeout=1, jobs=2))}
    assert time.monotonic() - started < 30
    assert grades["good"].passed
    assert "the parser crashed" in (grades["crash"].error or "")
    assert "took more than 3 s" in (grades["hang"].error or "")
    assert "memory cap" in (grades["memory"].error or "")


def test_a_step_that_hangs_is_unknown_and_the_others_are_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import symproofs.verifier.pipeline as verify

    original = verify.check_goal

    def slow(goal: Goal) -> StepResult:
        if goal.rhs == sp.Symbol("z", real=True):
            time.sleep(60)
        return original(goal)

    monkeypatch.setattr(verify, "check_goal", slow)
    path = tmp_path / "answer.md"
    path.write_text("$$ a = a = z = a + 0 $$")
    (sub,) = grade([path], GradeOptions(timeout=2))
    assert [(s.verdict, s.method) for s in sub.chains[0].steps][:2] == [
        (Mark.PROVED, "structural identity"), (Mark.UNKNOWN, "time limit")]


def _matrix_class(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "notation.toml").write_text('[matrices]\nA = ["n", "n"]\nB = ["n", "n"]\n')
    (folder / "ada.md").write_text("$$ \\|A\\|^2 = \\|A^2\\| $$\n")
    (folder / "bob.md").write_text("$$ (AB)^\\top = B^\\top A^\\top $$\n")
    return folder


def test_a_refuted_power_of_a_matrix_norm_is_reported_with_the_rest_of_the_class(tmp_path: Path) -> None:
    # the counterexample's ||A||^2 once crashed the LaTeX printer, and the whole class had no report
    grades = {Path(g.path).stem: g for g in grade([_matrix_class(tmp_path)], GradeOptions(timeout=10, jobs=1))}
    (ada,) = grades["ada"].chains[0].steps
    assert ada.verdict is Mark.REFUTED and ada.explanation, ada
    assert grades["bob"].passed
    text_report(list(grades.values()))
    json_report(list(grades.values()))


def test_a_failure_to_report_one_step_or_one_file_does_not_stop_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import symproofs.grading.run as grading
    import symproofs.grading.verdicts as verdicts

    def broken(*args: object) -> object:
        raise TypeError("cannot present")

    monkeypatch.setattr(verdicts, "present", broken)
    folder = _matrix_class(tmp_path)
    grades = {Path(g.path).stem: g for g in grade([folder], GradeOptions(timeout=10, jobs=1))}
    (ada,) = grades["ada"].chains[0].steps  # still refuted, with the verifier's own words
    assert ada.verdict is Mark.REFUTED and ada.explanation_text.startswith("at ") and ada.counterexample
    assert grades["bob"].passed

    def broken_line(*args: object) -> object:
        raise RuntimeError("boom")

    own = verdicts._line_result
    monkeypatch.setattr(verdicts, "_line_result", broken_line)
    grades = {Path(g.path).stem: g for g in grade([folder], GradeOptions(timeout=10, jobs=1))}
    for sub in grades.values():  # every line unknown, saying why; no line lost
        (step,) = sub.chains[0].steps
        assert step.verdict is Mark.UNKNOWN and "could not be reported (RuntimeError: boom)" in step.message

    original = grading._assemble

    def broken_file(path: Path, *args: Any) -> SubmissionGrade:
        if path.stem == "ada":
            raise RuntimeError("boom")
        return original(path, *args)

    monkeypatch.setattr(grading, "_assemble", broken_file)
    monkeypatch.setattr(verdicts, "_line_result", own)
    grades = {Path(g.path).stem: g for g in grade([folder], GradeOptions(timeout=10, jobs=1))}
    assert "internal error" in (grades["ada"].error or "") and not grades["ada"].chains
    assert grades["bob"].chains


def test_a_counterexample_honours_the_notation_facts_about_a_law_parameter_the_step_does_not_use(
        tmp_path: Path) -> None:
    # the probe draws every law's parameters (p of R ~ Bernoulli(p)); 0 < p < 1 holds there too, not only p in [0, 1]
    import re

    (tmp_path / "notation.toml").write_text(
        '[symbols]\nmu = "real"\np = "real"\n[assumptions]\nfacts = [\'0 < p < 1\']\n[random.variables]\n'
        'X = { law = "normal", mean = \'\\mu\', var = \'1\' }\nR = { law = "bernoulli", p = \'p\' }\n')
    sub = graded(tmp_path, "$$ \\operatorname{Var}(2X) = 2\\operatorname{Var}(X) $$\n\n"
                           "$$ \\mathbb{E}[X^2] = \\mu^2 $$\n\n$$ \\mathbb{E}[X] + 1 = \\mu $$\n", "answer.md")
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == [Mark.REFUTED] * 3, steps
    for step in steps:
        for text in (step.counterexample or "", step.explanation_text):
            for value in re.findall(r"\bp = (-?[0-9/]+)", text):
                assert 0 < sp.Rational(value) < 1, text


# -- fuzzing ------------------------------------------------------------------------------------
PIECES = ["x", "y", "2", "0.5", "+", "-", "=", "\\le", "<", "^", "_", "{", "}", "(", ")", "[", "]",
          "\\frac{", "\\sqrt{", "\\sum_{k=1}^{n}", "\\mathbb{E}[", "\\operatorname{Var}(", "|",
          "\\|", "\\\\", "&", "\\text{", "\\left(", "\\right)", "\\beta", "g_t", "v_{t-1}", " ",
          "\n", "$$", "\\[", "\\]", "\\begin{align*}", "\\end{align*}", "%", "\\input{", "\\def",
          "__import__('os')", "\\catcode", "\\int", "\\cdots", "!", "'", "\\infty", "\\Delta\\theta"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), min_size=1, max_size=3))
def test_grading_random_text_gives_only_clean_results(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / f"fuzz{time.monotonic_ns()}"
    folder.mkdir()
    for i, text in enumerate(texts):
        body = text if i % 2 else f"\\begin{{align*}}\n{text}\n\\end{{align*}}\n"
        (folder / f"s{i}.{'md' if i % 2 else 'tex'}").write_text(body, encoding="utf-8")
    grades = grade([folder], GradeOptions(timeout=2, jobs=2))
    assert len(grades) == len(texts)
    for sub in grades:
        assert sub.error is None or isinstance(sub.error, str)
        for chain in sub.chains:
            for step in chain.steps:
                assert isinstance(step.verdict, Mark) and step.line >= 1 and step.column >= 1
    text_report(grades)
    json_report(grades)
    csv_gradebook(gradebook(grades))


def test_the_readme_notation_example_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The notation file"):]
    example = section[section.index("```toml") + len("```toml"):section.index("```\n", section.index("```toml") + 7)]
    path = tmp_path / "notation.toml"
    path.write_text(example, encoding="utf-8")
    setting = GradingNotation.load(path).build()
    assert [g.name for g in setting.givens] == ["start", "average", "unrolled"]
    assert [name for name, _ in setting.expected] == ["bias"]


# -- soundness of graded lines under a notation file
@pytest.mark.parametrize("body, notation, wanted", [
    # a known fact |sigma'(x)| <= gamma never proves a strict step
    ("\\begin{align*}\n2|\\sigma'(h)| + 1 &< 2\\gamma + 1\n\\end{align*}\n",
     '[symbols]\ngamma = "positive"\nh = "real"\n\n[definitions]\n'
     'slope = { latex = "|\\\\sigma\'(x)| \\\\le \\\\gamma", for_all = "x" }\n', {Mark.UNKNOWN, Mark.REFUTED}),
    # a fact t >= 0 never renames the index of a sum over t
    ("\\begin{align*}\ng_t + \\sum_{t=-2}^{0} t &\\ge g_t\n\\end{align*}\n",
     "[indices]\nnames = [\"t\", \"k\"]\n\n[assumptions]\nfacts = ['t \\ge 0']\n", {Mark.REFUTED}),
    # 0 < a < b < 1 keeps a < 1 for a step about a alone
    ("\\begin{align*}\na^2 &\\le a\n\\end{align*}\n",
     "[assumptions]\nfacts = ['0 < a', 'a < b', 'b < 1']\n", {Mark.UNKNOWN, Mark.PROVED}),
], ids=["known-fact-strict", "fact-and-sum-index", "facts-through-another-symbol"])
def test_graded_lines_keep_the_meaning_of_the_notation(tmp_path: Path, body: str, notation: str,
                                                        wanted: set[Mark]) -> None:
    (tmp_path / "notation.toml").write_text(notation, encoding="utf-8")
    sub = graded(tmp_path, body)
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict in wanted, where(step)


def test_a_correct_line_that_restates_a_wrong_one_is_checked_as_written(tmp_path: Path) -> None:
    # The second display restates the first (same left side) and corrects it:
    # the correction is proved on its own, the first line stays refuted.
    answer = tmp_path / "answer.md"
    answer.write_text("$$ \\sum_{k=3}^{1} k = -2 $$\n\n$$ \\sum_{k=3}^{1} k = 0 $$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1))
    verdicts = {s.line: s.verdict for c in sub.chains for s in c.steps}
    assert verdicts == {1: Mark.REFUTED, 3: Mark.PROVED}


@pytest.mark.parametrize("body, wanted", [
    # an equation whose name occurs on its right is no definition: checked
    # as written, and repeating it later proves nothing
    ("\\[ u = u + 2 \\]\nHence\n\\[ u = u + 2 \\]\n",
     [("refuted", ""), ("unknown", "restates line 1, which was refuted")]),
    # a value claimed after a refuted equation is not compared with it
    ("\\[ u = 3u \\]\nthus\n\\[ u = 7 \\]\n",
     [("refuted", ""), ("unknown", "restates line 1, which was refuted")]),
    # a cue makes it an equation the name must satisfy, still not a definition
    ("We set\n\\[ s = 3s - 2 \\]\nand so\n\\[ s = 3s - 2 \\]\n",
     [("unknown", "an equation s must satisfy"), ("unknown", "restates line 2, which was not proved")]),
    # a refuted side of a line does not make its restatement proved (u^2 = 9 is an equation, no identity)
    ("\\begin{align*}\nu^2 &= 9 \\quad\\text{so}\\quad u = 3\n\\end{align*}\n\\[ u = 3 \\]\n",
     [("unknown", "not an identity"), ("refuted", ""), ("unknown", "restates line 2, which was refuted")]),
    # a definition is given, not shown: restating it is compared with it
    ("Let\n\\[ w = (u+1)^2 - u^2 \\]\nThen\n\\[ w = 2u + 1 \\]\nand\n\\[ w = 2u \\]\n",
     [("unknown", "defines"), ("proved", "restates"), ("refuted", "restates")]),
], ids=["self-reference", "value-after-refuted", "cued-self-reference", "refuted-part-of-a-row",
        "definition"])
def test_a_restated_line_counts_only_where_what_it_restates_was_shown(
        tmp_path: Path, body: str, wanted: list[tuple[str, str]]) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\ns = "real"\nw = "real"\n',
                                            encoding="utf-8")
    got = [(verdict, message) for _, verdict, message in steps_of(graded(tmp_path, body))]
    assert [v for v, _ in got] == [v for v, _ in wanted], got
    assert all(m in message for (_, m), (_, message) in zip(wanted, got, strict=True)), got


@pytest.mark.parametrize("body, wanted", [
    # each paragraph works out a new output width under the same name: the new value is no claim that 16 is 32
    ("Conv1: $o = \\frac{32 + 2 \\cdot 2 - 5}{1} + 1 = 31 + 1 = 32$.\n\nPool: $o = \\frac{32 - 2}{2} + 1 = 16$.\n",
     [("unknown", "defines o"), ("proved", ""), ("proved", ""),
      ("unknown", "o was 32 on line 1; here it is 16: a new quantity or a slip?"), ("proved", "")]),
    # displayed, with a side that does not parse between the name and its value
    # (a floor closed by a ceiling)
    ("$$o = 5 + 27 = 32$$\n\nConv2:\n$$o = \\lfloor \\frac{16 - 3}{2} \\rceil + 1 = 6 + 1 = 7$$\n",
     [("unknown", "defines o"), ("proved", ""), ("unparsed", ""),
      ("unknown", "o was 32 on line 1; here it is 7"), ("proved", "")]),
    # a display of one equation: a number for the name again
    ("$$o = 5 + 27 = 32$$\n\nPool:\n$$o = \\frac{32 - 2}{2} + 1$$\n",
     [("unknown", "defines o"), ("proved", ""), ("unknown", "o was 32 on line 1; here it is 16")]),
    # the same value again is the old one restated, and proved
    ("$$o = 5 + 27 = 32$$\n\nso\n$$o = \\frac{64}{2} = 32$$\n",
     [("unknown", "defines o"), ("proved", ""), ("proved", "compared with the value on line 1"), ("proved", "")]),
    # a value the answer arrived at, then another one
    ("We solve\n$$2x - 6 = 0$$\nhence\n$$x = 3$$\nNext,\n$$x = \\frac{10}{2} = 5$$\n",
     [("unknown", "solves"), ("proved", ""), ("unknown", "x was 3 on line 4; here it is 5"), ("proved", "")]),
    # the name has its new value from here on
    ("$$o = 5 + 27 = 32$$\n\nPool: $o = \\frac{32 - 2}{2} + 1 = 16$, so\n$$o^2 + 1 = 257$$\n",
     [("unknown", "defines o"), ("proved", ""), ("unknown", "o was 32"), ("proved", ""), ("proved", "")]),
], ids=["text-math", "unparsed-side", "one-equation", "same-value", "value-arrived-at", "new-value-holds"])
def test_a_name_given_another_value_is_a_new_quantity_never_refuted_by_the_old(
        tmp_path: Path, body: str, wanted: list[tuple[str, str]]) -> None:
    got = [(verdict, message) for _, verdict, message in steps_of(graded(tmp_path, body, "answer.md"))]
    assert [v for v, _ in got] == [v for v, _ in wanted], got
    assert all(m in message for (_, m), (_, message) in zip(wanted, got, strict=True)), got


@pytest.mark.parametrize("body, wanted", [
    # a condition stated after the row is assumed for that line
    ("\\begin{align*}\nu^2 &\\ge u \\quad\\text{for all } u \\ge 1\n\\end{align*}\n", ("proved", "")),
    ("\\[ \\frac{u}{u} = 1 \\quad\\text{for $u \\ne 0$} \\]\n", ("proved", "")),
    ("\\[ u^3 = 8 \\quad\\text{when } u = 2 \\]\n", ("proved", "")),
    # false under the condition: refuted at a point that satisfies it
    ("\\begin{align*}\nu^2 &\\le u \\quad\\text{if } u \\ge 0\n\\end{align*}\n", ("refuted", "")),
    # a condition that cannot be read, or that nothing satisfies, leaves the line unknown
    ("\\[ u^2 \\le u \\quad\\text{for integer } u \\]\n", ("unknown", "not read")),
    ("\\[ u^2 \\le u \\quad\\text{for } u \\in [0, 1] \\]\n", ("proved", "")),
    ("\\[ u = u + 1 \\quad\\text{for all } u > u + 1 \\]\n", ("unknown", "holds for no value")),
    # a case distinction is one value, never rows of the alignment
    ("\\begin{align*}\n-|u| &= \\begin{cases} -u & u \\ge 0 \\\\ u & u < 0 \\end{cases}\n\\end{align*}\n",
     ("proved|unknown", "")),
    ("\\begin{align*}\n|u| &= \\begin{cases} u & u \\ge 0 \\\\ u & u < 0 \\end{cases}\n\\end{align*}\n",
     ("refuted", "")),
], ids=["for-all", "nonzero", "when-equal", "false-under-it", "unreadable", "interval", "vacuous", "cases-true",
        "cases-false"])
def test_a_line_is_checked_under_the_condition_it_states(tmp_path: Path, body: str,
                                                          wanted: tuple[str, str]) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\n', encoding="utf-8")
    sub = graded(tmp_path, body)
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict.value in wanted[0].split("|") and wanted[1] in step.message, (step.verdict, step.message)
    if step.verdict is Mark.REFUTED and "text{if " in body:
        assert "u = -" not in (step.counterexample or "")  # never where the condition fails


@pytest.mark.parametrize("body", [
    "\\begin{align*}\nu^2 = 9 &\\iff u = 3 \\text{ or } u = -3\n\\end{align*}\n",
    "\\begin{align*}\nu^2 = 9 &\\implies u = 3 \\lor u = -3\n\\end{align*}\n",
    "\\begin{align*}\nu^2 = 9 &\\iff u = 3, \\ u = -3\n\\end{align*}\n",
], ids=["text-or", "lor", "list-of-values"])
def test_no_disjunct_is_refuted_on_its_own(tmp_path: Path, body: str) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\n', encoding="utf-8")
    steps = [s for c in graded(tmp_path, body).chains for s in c.steps]
    assert [(s.verdict, "disjunction" in s.message) for s in steps] == [(Mark.UNKNOWN, True)]


def test_a_refuted_implication_names_the_statement_that_holds_and_the_one_that_fails(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\nw = "real"\n', encoding="utf-8")
    sub = graded(tmp_path, "\\begin{align*}\nu^2 = w^2 &\\implies u = w\n\\end{align*}\n")
    (chain,) = sub.chains
    (step,) = chain.steps
    assert chain.start == "u^2 = w^2"
    assert step.verdict is Mark.REFUTED
    assert "the premise u**2 = w**2 holds but u = w fails" in step.explanation_text
    assert "left" not in (step.counterexample or "") and "left" not in step.explanation_text


@pytest.mark.parametrize("body, wanted", [
    # the value of a variable the answer solves for: never refuted as an identity in it
    ("The stationary point satisfies\n\\[ 2a u - 2b = 0 \\]\nhence\n\\[ u = \\frac{b}{a} \\]\n",
     ("proved", "follows from line 2")),
    ("\\[ 2a u - 2b = 0 \\]\nso\n\\[ u = \\frac{a}{b} \\]\n", ("refuted", "follows from line 1")),
    ("\\[ (u+1)^2 = u^2 + 2u + 1 \\]\nThe answer is\n\\[ u = \\frac{b}{a} \\]\n", ("unknown", "a value of u")),
    # an equation set up to be solved is a condition, and the value found from it follows from it
    ("Setting the derivative to zero:\n\\[ 2a u - 2b = 0 \\]\nhence\n\\[ u = \\frac{b}{a} \\]\n",
     ("proved", "follows from line 2")),
], ids=["solved", "solved-wrongly", "a-value-alone", "set-to-zero"])
def test_a_value_found_for_a_variable_is_checked_against_the_equation_it_comes_from(
        tmp_path: Path, body: str, wanted: tuple[str, str]) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\na = "positive"\nb = "positive"\n',
                                            encoding="utf-8")
    verdict, message = [(v, m) for _, v, m in steps_of(graded(tmp_path, body))][-1]
    assert verdict == wanted[0] and wanted[1] in message, (verdict, message)


def test_an_equation_set_up_to_be_solved_is_not_refuted_as_an_identity(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\na = "positive"\nb = "real"\n',
                                            encoding="utf-8")
    for lead in ("Setting the gradient to zero,", "Equating the two derivatives:", "At a stationary point"):
        got = [(v, m) for _, v, m in steps_of(graded(tmp_path, f"{lead}\n\\[ 2a u = 2b \\]\n"))]
        assert got == [("unknown", got[0][1])] and "an equation the answer solves" in got[0][1], (lead, got)
    got = [v for _, v, _ in steps_of(graded(tmp_path, "We expand\n\\[ (a+b)^2 = a^2 + b^2 \\]\n"))]
    assert got == ["refuted"]  # without such words an identity is still checked


def test_a_function_the_student_defines_by_a_formula_holds_at_every_argument(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nz = "real"\n[functions]\nnames = ["sigma"]\n',
                                            encoding="utf-8")
    body = ("\\[ \\sigma(z) = \\frac{1}{1 + e^{-z}} \\]\n\\begin{align*}\n1 - \\sigma(z) &= \\frac{e^{-z}}{1 + e^{-z}}"
            " \\\\\n&= \\sigma(-z) \\\\\n&= \\sigma(z)\n\\end{align*}\n")
    got = [v for _, v, _ in steps_of(graded(tmp_path, body))]
    assert got == ["unknown", "proved", "proved", "refuted"], got  # sigma(-z) = 1/(1 + e^z), not a free value


def test_macros_of_the_preamble_reach_every_question(tmp_path: Path) -> None:
    # The document is cut into questions after its macros are expanded: a
    # \newcommand in the preamble applies in \section{Question 2} too.
    doc = ("\\documentclass{article}\n\\newcommand{\\norm}[1]{\\left\\|#1\\right\\|}\n\\newcommand{\\E}{\\mathbb{E}}\n"
           "\\begin{document}\n\\section{Question 1}\n\\[ \\norm{x}^2 = \\norm{x}\\norm{x} \\]\n"
           "\\section{Question 2}\n\\[ 2\\E[x] = \\E[x] + \\E[x] \\]\n\\end{document}\n")
    path = tmp_path / "answer.tex"
    path.write_text(doc, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    got = [(s.line, s.verdict.value) for c in sub.chains for s in c.steps if s.relation]
    assert got == [(6, "proved"), (8, "proved")], got


def test_a_function_defined_with_colon_equals_is_applied_at_every_argument(tmp_path: Path) -> None:
    # f(x) := ... defines f: f(2) is an application (not a product a TA could
    # also read), checked through the definition; a slip at f(3) is refuted.
    body = ("$$f(x) := x^2 + 1$$\n\n$$f(2) = 5$$\n\n$$f(x+1) = x^2 + 2x + 2$$\n\n$$f(3) = 9$$\n\n"
            "$$c \\coloneqq 3$$\n\n$$c^2 = 9$$\n")
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [(s.verdict.value, s.method) for c in sub.chains for s in c.steps if s.relation]
    assert got == [("unknown", "definition"), ("proved", got[1][1]), ("proved", got[2][1]),
                   ("refuted", got[3][1]), ("unknown", "definition"), ("proved", got[5][1])], got


@pytest.mark.parametrize(("body", "expected"), [
    ("$$b := 3$$\n\n$$b^2 = 9$$\n\n$$b := 4$$\n\n$$b^2 + 1 = 10$$\n\n$$b^2 + 1 = 17$$\n",
     ["unknown", "proved", "unknown", "refuted", "proved"]),
    ("$$f(x) := x^2 + 1$$\n\n$$f(2) = 5$$\n\n$$f(x) := x^3$$\n\n$$f(2) = 5$$\n\n$$f(2) = 8$$\n",
     ["unknown", "proved", "unknown", "refuted", "proved"]),
], ids=["name", "function"])
def test_a_name_defined_anew_has_its_new_value_from_there_on(tmp_path: Path, body: str, expected: list[str]) -> None:
    # neither the first value nor a result shown with it carries over the new definition
    assert_answer_verdicts(tmp_path, body, expected)


def test_a_name_given_its_value_in_a_chain_is_defined_by_the_first_step(tmp_path: Path) -> None:
    # N is named here: N = 1,000 = 10^3 (the middle unread) must not compare N,
    # a free name, with 10^3; the steps after the first are checked as usual.
    body = "$$N = 1,000 = 10^3$$\n\n$$x = (a + b)^2 = a^2 + 2ab + b^2 = a^2 + b^2$$\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [(s.line, s.verdict.value, s.method) for c in sub.chains for s in c.steps if s.relation]
    assert [v for _, v, _ in got] == ["unparsed", "unknown", "unknown", "proved", "refuted"], got
    assert got[2][2] == "definition"


def test_text_math_after_suppose_is_a_hypothesis_that_the_next_lines_use(tmp_path: Path) -> None:
    body = "Assume $a = b = 0$. Suppose $p = q = 1/2$. Then $p + q = 1 = 2p$ but $p = 1 = q$ fails.\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [(s.verdict.value, s.method) for c in sub.chains for s in c.steps if s.relation]
    assert [v for v, _ in got] == ["unknown", "unknown", "proved", "proved", "refuted", "refuted"], got
    assert got[0][1] == got[1][1] == "assumption"


# -- what a row says in words around its mathematics ------------------------------------------------
def _row_verdicts(tmp_path: Path, *displays: str, name: str = "answer.md") -> dict[int, list[Mark]]:
    (tmp_path / "notation.toml").write_text('[symbols]\nx = "real"\ny = "real"\n', encoding="utf-8")
    sub = graded(tmp_path, "\n\n".join(displays) + "\n", name=name)
    out: dict[int, list[Mark]] = {}
    for c in sub.chains:
        for s in c.steps:
            out.setdefault(s.line, []).append(s.verdict)
    return out


def test_math_after_a_remark_in_words_is_not_dropped(tmp_path: Path) -> None:
    got = _row_verdicts(tmp_path, r"$$ (y+1)^2 = y^2 + 2y + 1 \text{ (exactly)} + 5 $$",
                        r"$$ x + x = 2x \text{, i.e. } = 3x $$", r"$$ x + x = 2x \text{ since } y > 0 $$")
    assert Mark.PROVED not in got[1] and Mark.REFUTED in got[3] and got[5] == [Mark.PROVED]


def test_a_statement_after_a_connective_is_checked_never_dropped(tmp_path: Path) -> None:
    # (b-1)^2 >= 0 \quad\text{i.e.}\quad b^2 + 1 >= 4b passed: the false statement after "i.e." was never read
    got = _row_verdicts(tmp_path, r"$$ (x-1)^2 \ge 0 \quad\text{i.e.}\quad x^2 + 1 \ge 4x $$",
                        r"$$ (x-1)^2 \ge 0 , \text{ i.e. } x^2 + 1 \ge 2x $$",
                        r"$$ (y-1)^2 \ge 0 \quad\text{equivalently}\quad y^2 + 1 \ge 3y $$",
                        r"$$ (y-1)^2 \ge 0 \quad\text{rather than}\quad y^2 + 1 \ge 4y $$")
    assert got == {1: [Mark.PROVED, Mark.REFUTED], 3: [Mark.PROVED, Mark.PROVED], 5: [Mark.PROVED, Mark.REFUTED],
                   7: [Mark.PROVED, Mark.UNKNOWN]}, got
    unread = [s for c in graded(tmp_path, r"$$ (y-1)^2 \ge 0 \quad\text{rather than}\quad y^2 + 1 \ge 4y $$",
                                "answer.md").chains for s in c.steps][-1]
    assert "'rather than'" in unread.message and "not read" in unread.message


@pytest.mark.parametrize(("words", "verdict"), [("i.e.", Mark.REFUTED), ("that is,", Mark.REFUTED),
                                                ("namely", Mark.REFUTED), ("so", Mark.REFUTED)])
def test_a_connective_of_consequence_draws_the_statement_from_the_one_before(tmp_path: Path, words: str,
                                                                             verdict: Mark) -> None:
    # 2x + 3 <= 7 is a condition; what "i.e." says after it must follow from it: x <= 1 does not
    got = _row_verdicts(tmp_path, f"$$ 2x + 3 \\le 7 \\quad\\text{{{words}}}\\quad x \\le 1 $$",
                        f"$$ 2y + 3 \\le 7 \\quad\\text{{{words}}}\\quad y \\le 2 $$")
    assert got == {1: [Mark.UNKNOWN, verdict], 3: [Mark.UNKNOWN, Mark.PROVED]}, got


@pytest.mark.parametrize("words", ["so", "i.e.", "that is"])
def test_a_statement_drawn_from_an_identity_never_follows_from_an_older_line(tmp_path: Path, words: str) -> None:
    # x^2 >= 0 "i.e." x^2 >= 4 was "proved: follows from line 1", the condition x^2 = 4 two displays up
    got = _row_verdicts(tmp_path, "$$ x^2 = 4 $$", f"$$ x^2 \\ge 0 \\quad\\text{{{words}}}\\quad x^2 \\ge 4 $$")
    assert got[1] == [Mark.UNKNOWN] and got[3][0] is Mark.PROVED and got[3][1] is not Mark.PROVED, got


def test_a_counterexample_names_the_outcome_of_a_random_variable_it_used(tmp_path: Path) -> None:
    # "at mu = 38/5: left = 81/10, right = 38/5" hid the value 1/2 the probe drew for Y
    body = "Let $Y \\sim \\mathcal{N}(0, 1)$. Then\n$$\\mu + Y + 0 = \\mu + Y = \\mu$$\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    last = sub.chains[0].steps[-1]
    assert last.verdict is Mark.REFUTED and last.counterexample is not None
    for told in (last.counterexample, last.explanation_text, json.dumps(json_report([sub]))):
        assert "Y ~ N(0, 1)" in told and "at the outcome Y = " in told, told


def test_a_continuation_row_after_horizontal_space_is_joined(tmp_path: Path) -> None:
    body = "\\begin{align*}\n(x+1)^2 &= x^2 + 2x + 1 \\\\\n        &\\hspace{2em} + 7\n\\end{align*}\n"
    (tmp_path / "notation.toml").write_text('[symbols]\nx = "real"\n', encoding="utf-8")
    sub = graded(tmp_path, body)
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.REFUTED]


def test_a_condition_in_more_words_than_its_relation_is_not_read(tmp_path: Path) -> None:
    got = _row_verdicts(tmp_path, r"$$ x^2 \ge 1 \quad \text{if } x \ge 1 \text{ or } x \ge -5 $$",
                        r"$$ x^2 = 1 \quad \text{if and only if } x = 1 $$",
                        r"$$ (x+1)^2 = x^2 + 1 \quad \text{iff } x = 0 $$",
                        r"$$ x^2 = 4 \quad \text{for some } x > 0 $$",
                        r"$$ x^2 \ge 1 \quad \text{for all $x \ge 1$ and $x = 0$} $$",
                        r"$$ x^2 \ge 1 \quad \text{if } x \ge 1 $$")
    assert all(v == [Mark.UNKNOWN] for line, v in got.items() if line < 11), got
    assert got[11] == [Mark.PROVED]


def test_digit_groups_are_one_number(tmp_path: Path) -> None:
    got = _row_verdicts(tmp_path, r"$$ 1\,000 + 1 = 1001 $$", r"$$ 1\,000 + 1 = 1 $$")
    assert got == {1: [Mark.PROVED], 3: [Mark.REFUTED]}


def test_a_sub_question_that_starts_inside_a_line_is_read(tmp_path: Path) -> None:
    # the part 1.1 starts at "1." after the marker: blanked around, its line must not look like indented code
    body = "Intro.\n\n**Answer 1.** 1. We get $x + x = 2x = 3x$ at once.\n\n2. And $$y + y = 2y$$\n"
    got = [(s.line, s.verdict.value) for c in graded(tmp_path, body, "answer.md").chains for s in c.steps if s.relation]
    assert got == [(3, "proved"), (3, "refuted"), (5, "proved")], got


def test_a_condition_stated_for_a_row_holds_for_the_rows_after_it(tmp_path: Path) -> None:
    # "2a = 6" rests on the reason the student gives a row above, which nothing proves: held in it as a case
    # (no refutation at a = -1), never proved by it; a condition (b > 0) goes on as one
    body = ("\\begin{align*}\na + a &= 2a \\because a = 3 \\\\\n&= 6\n\\end{align*}\n"
            "\\begin{align*}\nb + b &= 2b \\quad (b > 0) \\\\\n&= 2|b|\n\\end{align*}\n"
            "\\begin{align*}\nc + c &= 2c \\\\\n&= 6\n\\end{align*}\n")
    steps = [(s.line, s.verdict.value, s.message) for c in graded(tmp_path, body).chains for s in c.steps]
    assert [(line, v) for line, v, _ in steps] == [(2, "proved"), (3, "unknown"), (6, "proved"), (7, "proved"),
                                                  (10, "proved"), (11, "refuted")], steps
    assert "a = 3" in steps[1][2] and "stated above" in steps[3][2] and "b > 0" in steps[3][2]


@pytest.mark.parametrize(("body", "expected"), [
    # the condition of the third row is not the second row's, though all stand on one source line
    ("$$\\begin{aligned} z^2 &= 4 \\\\ &\\implies z = 2 \\\\ &\\implies z^3 = 8 \\quad (z > 0) \\end{aligned}$$\n",
     ["refuted", "proved"]),
    # a condition in words that is not read leaves the step unchecked, never refuted at the other root
    ("$$ c^2 = 9 \\iff c = 3 \\quad\\text{since } c \\text{ is an integer} $$\n", ["unknown"]),
    ("$$ c^2 = 9 \\iff c = 3 \\quad\\text{for positive } c $$\n", ["proved"]),
    ("$$ y^2 = 9 \\iff y = 3 \\quad (y \\in \\mathbb{R}^+) $$\n", ["proved"]),
    # a name given a value under a condition is still the student's definition
    ("$$ s = \\sqrt{q^2} \\quad (q > 0) $$\n", ["unknown"]),
    # the case the text takes replaces the student's earlier value: 2h = 6 is no longer proved with h = 3,
    # and it is refuted in the case (h = 4)
    ("$$ h := 3 $$\n\nSuppose now that $h = 4$.\n\n$$ 2h = 6 $$\n", ["unknown", "refuted"]),
    # a range is presumed not reversed, unless the case says it is: there the sum is empty
    ("Let $n \\le -2$. Then\n\n$$ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} $$\n", ["refuted"]),
    ("For $n \\le 0$ we have\n\n$$ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} $$\n", ["refuted"]),  # empty at n = -2
    ("Let $n < 1$.\n\n$$ \\sum_{k=1}^{n} 1 = n $$\n", ["refuted"]),  # an integer below 1 is at most 0: empty at -1
], ids=["row-conditions", "unread-condition", "sign-in-words", "positive-reals", "conditioned-definition",
        "suppose-after-definition", "reversed-range-case", "reversed-range-in-a-wider-case",
        "reversed-range-below-one"])
def test_conditions_and_cases_belong_to_what_they_are_written_for(tmp_path: Path, body: str,
                                                                   expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("\\hat\\theta", "\\frac{k}{n}", "proved"), ("\\theta^*", "\\frac{k}{n}", "proved"),
    ("\\hat\\theta", "\\frac{k}{2n}", "refuted"), ("\\tilde\\theta", "\\frac{2k}{n}", "refuted"),
])
def test_a_conclusion_that_names_the_solution_says_what_the_unknown_is(tmp_path: Path, name: str, value: str,
                                                                        expected: str) -> None:
    # theta_hat was a fresh name the premise said nothing about: the true line was refuted
    body = f"Setting the derivative to zero,\n\n$$ k = n\\theta \\implies {name} = {value}, \\quad n > 0 $$\n"
    assert_answer_verdicts(tmp_path, body, [expected])


@pytest.mark.parametrize(("value", "expected"), [("a = 2", "proved"), ("a = 3", "refuted")])
def test_hence_after_a_system_on_one_row_follows_from_all_of_it(tmp_path: Path, value: str, expected: str) -> None:
    # only the last equation of the row was the premise: a = 2 was refuted at a = 0, b = -1
    body = f"Matching the moments gives\n\n$$ a + b = 3, \\qquad a - b = 1 $$\n\nhence\n\n$$ {value} $$\n"
    assert_answer_verdicts(tmp_path, body, ["unknown", "unknown", expected])


@pytest.mark.parametrize(("body", "expected"), [
    ("$$ \\frac{d}{dx}(x^2 - 2x) = 2x - 2 = 0 $$\n", ["proved", "unknown"]),
    ("$$ \\frac{d}{dx}(x^2 - 2x) = 2x + 2 = 0 $$\n", ["refuted", "unknown"]),  # the derivative is wrong
    ("$$ \\frac{d}{dx}(x^2 + 5 - x^2) = 1 = 0 $$\n", ["refuted", "refuted"]),  # a number set to 0: no condition
])
def test_a_derivative_set_to_zero_is_a_first_order_condition(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # every value of a list after "take" or "we use" is taken, not only the first: the line holds at them
    ("Take $x = 1$, $w = 2$, $b = -1$.\n\n$$ w x + b = 2 \\cdot 1 - 1 $$\n", ["proved"]),
    ("Take $x = 1$, $w = 2$, $b = -1$.\n\n$$ w x + b = 2 \\cdot 1 + 1 $$\n", ["refuted"]),
    ("We use $x = 1$, $w = 2$.\n\n$$ w x = 2 \\cdot 1 $$\n", ["proved"]),
    # words after "with": a value the text mentions, not a hypothesis it opens the sentence with
    ("With fan-in $n = 256$,\n\n$$ \\frac{2}{n} = \\frac{2}{256} $$\n", ["unknown"]),
    # a name given a new value: what was stated about the old one is no result any more (the display after the
    # first "let" is a claim about y, checked against it)
    ("Let $y = (x+1)^2$.\n\n$$ y = x^2 + 2x + 1 $$\n\nLet $y = x$.\n\n$$ y = x^2 + 2x + 1 $$\n",
     ["proved", "unknown"]),
])
def test_values_the_text_takes_and_takes_anew(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


def test_rows_under_conditions_that_contradict_prove_nothing(tmp_path: Path) -> None:
    # the second row's x < 0 was added to the first row's x > 0: no value left, and "= 0" proved
    body = ("\\begin{align*}\n\\sqrt{x^2} &= x \\quad \\text{if } x > 0 \\\\\n"
            " &= 0 \\quad \\text{if } x < 0\n\\end{align*}\n")
    assert_answer_verdicts(tmp_path, body, ["proved", "unknown"])


def test_a_hatted_name_with_a_value_is_not_the_solution(tmp_path: Path) -> None:
    # \hat x = 5 above: "x + 1 = 3 => \hat x = 2" contradicts it, and was proved as x = 2
    assert_answer_verdicts(tmp_path, "$$ \\hat x = 5 $$\n\n$$ x + 1 = 3 \\implies \\hat x = 2 $$\n",
                           ["unknown", "refuted"])


@pytest.mark.parametrize(("body", "expected"), [
    ("**Case $x < 0$.** Then $|x| = -x > 0 > x$.\n", ["proved"] * 3),  # in the case the heading states
    ("*Case 2:* $z < 0$. Then\n\n$$ \\max(0, z) = 0 $$\n", ["unknown"]),
    ("*Case (ii):* $z < 0$.\n\n$$ \\max(0, z) = 0 $$\n", ["unknown"]),
    ("Let $z \\in (-\\infty, 0)$.\n\n$$ \\max(0, z) = 0 $$\n", ["unknown"]),  # an infinite end bounds nothing
    ("*Case 2:* $z < 0$. Then\n\n$$ \\max(0, z) = z $$\n", ["refuted"]),  # false inside the case
    # a hypothesis bounding an expression of names, after "if" (epsilon-delta): proved in it (3(delta - |x - 2|) is
    # a positive multiple of what the hypothesis makes positive)
    ("If $|x - 2| < \\delta$ then\n\n$$ 3|x - 2| < 3\\delta $$\n", ["proved"]),
    ("If $0 < |x - 2| < \\delta$ then\n\n$$ 3|x - 2| < 3\\delta $$\n", ["proved"]),
    ("If $|x - 2| < \\delta$ then\n\n$$ 3|x - 2| < 2\\delta $$\n", ["refuted"]),
    # a sub-case narrows a standing assumption, it does not replace it
    # (the standing "let" is not stated for the display: the case heading stands between them)
    ("Let $x > 0$ throughout.\n\n**Case $x < 1$.**\n\n$$ |x| + y = x + y $$\n", ["unknown"]),
    # and the cases on a name the step does not use are met together: here no delta is both > 15 and <= 1
    ("Let $0 < \\delta \\le 1$. If $|z - 2| < \\delta$, then\n\n$$ |z-2| \\, |z+2| = |z - 2| (z + 2) $$\n",
     ["unknown"]),
])
def test_a_case_heading_is_the_case_taken(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize("lead", ["We show $2^n \\ge n + 1$ for all $n \\ge 0$.",
                                  "We prove that $2^n \\ge n + 1$ for every integer $n \\ge 0$. Assume it for $n$."])
def test_the_range_a_claim_is_stated_for_is_the_case_of_the_lines_after_it(tmp_path: Path, lead: str) -> None:
    # 2n + 2 >= n + 2 holds for n >= 0: it was refuted at n = -1 (and is proved in the case, where it is stated)
    assert_answer_verdicts(tmp_path, f"{lead}\n\n$$ 2n + 2 \\ge n + 2 $$\n", ["unknown"])
    # 2^n >= n + 1 holds for every whole n >= 0 (not at n = 1/2): "for all" counts with n
    assert_answer_verdicts(tmp_path, f"{lead}\n\n$$ 2^{{n+1}} \\ge 2(n+1) $$\n", ["unknown"])


@pytest.mark.parametrize(("lead", "expected"), [
    ("Let $n \\in \\mathbb{Z}$. Then", ["unknown", "proved"]),
    ("For every integer $n$,", ["unknown", "proved"]),
    ("", ["unknown", "proved"]),  # nothing says n is an integer, but n counts (symproofs.grading.counting)
])
def test_a_display_is_not_refuted_where_a_declared_integer_is_not_one(tmp_path: Path, lead: str,
                                                                       expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, f"{lead}\n\n$$ x\\sin(\\pi n) = x \\cdot 0 = 0 $$\n", expected)


@pytest.mark.parametrize(("body", "expected"), [
    ("From the constraint we get\n\n$$ 2x + 3 \\le 7 $$\n\nhence\n\n$$ x \\le 2 $$\n", ["unknown", "proved"]),
    ("We are given\n\n$$ y^2 \\le 9 $$\n\nhence\n\n$$ y \\le 3 $$\n\nso\n\n$$ y < 2 $$\n",
     ["unknown", "proved", "refuted"]),  # each "hence" from the row above
    ("$$ x^2 + 1 > 0 $$\n", ["proved"]),  # every value: an identity, checked
    ("$$ x^2 < -1 $$\n", ["refuted"]),  # no value: a claim, and false
    ("For all $x$,\n\n$$ x^2 \\ge x $$\n", ["refuted"]),  # "for all": checked as written
    ("$$x^2 \\le 4, \\quad x > 0$$\n\nhence\n\n$$ x \\le 2 $$\n", ["unknown", "proved"]),  # its own condition
    # a longer chain after it works in it, as in a case the text takes: never refuted outside it
    ("$$x \\ge 3$$\n\nhence\n\n$$|x - 1| = x - 1 \\ge 2$$\n", ["unknown", "unknown", "unknown"]),
], ids=["hence", "hence-twice", "identity", "no-solution", "for-all", "own-condition", "chain-after"])
def test_an_inequality_in_one_unknown_is_a_condition_and_hence_follows_from_it(tmp_path: Path, body: str,
                                                                               expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # x > 0 opens the chain: the steps after it are stated under it, as a TA reads them
    ("$$x > 0 \\implies x^2 = 4 \\iff x = 2$$\n", ["unknown", "proved"]),
    ("$$x > 0 \\implies x^2 = 4 \\iff x = -2$$\n", ["unknown", "refuted"]),
    ("$$x > 0 \\implies x^2 > 0$$\n", ["proved"]),  # one step: an implication of its own
    ("$$x^2 = 4 \\implies x = 2 \\implies x^3 = 8$$\n", ["refuted", "proved"]),  # an equation is no hypothesis
    # under x > 1 no x has x < 0: what follows from it holds vacuously and proves nothing
    ("$$x > 1 \\implies x < 0 \\implies x = 7$$\n", ["unknown", "unknown"]),
    # an unread side that holds an arrow: no step across it
    ("$$x^3 = 8 \\leftharpoonup x = 2 = 2$$\n", ["unparsed", "unknown", "proved"]),
], ids=["hypothesis", "hypothesis-slip", "one-step", "chain", "vacuous", "hidden-arrow"])
def test_a_condition_opening_logical_steps_is_their_hypothesis(tmp_path: Path, body: str,
                                                               expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


def test_a_name_the_notation_defines_from_random_variables_is_no_constant(tmp_path: Path) -> None:
    # y = u^T x with x random: Var(y) was read as the variance of a constant, 0, and a true line refuted
    got = _graded_under(
        tmp_path, '[symbols]\ny = "real"\n[matrices]\nu = ["n"]\nx = ["n"]\n'
        '[random.variables]\nx = { law = "generic" }\n'
        "[definitions]\ncentred = '\\mathbb{E}[x] = 0'\nwhitened = '\\mathbb{E}[x x^\\top] = I_n'\n"
        "preactivation = 'y = u^\\top x'\n",
        "$$\\operatorname{Var}(y) = \\operatorname{Var}(u^\\top x) = u^\\top \\operatorname{Var}(x) u "
        "= u^\\top u$$\n\n$$\\operatorname{Var}(y) = 2 u^\\top u$$\n")
    assert [v for v, _ in got[:3]] == [Mark.PROVED] * 3 and got[3][0] is not Mark.PROVED, got


def _graded_under(tmp_path: Path, notation: str, body: str) -> list[tuple[Mark, str]]:
    """The verdict and message of every step of ``body`` graded under ``notation``."""
    (tmp_path / "n.toml").write_text(notation, encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text(body, encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    return [(s.verdict, s.message) for c in sub.chains for s in c.steps]


@pytest.mark.parametrize("label", ["**(b)** ", "(b) ", "**Claim.** ", "**Part 2.** "])
def test_a_case_after_a_label_is_still_the_case_taken(tmp_path: Path, label: str) -> None:
    assert_answer_verdicts(tmp_path, f"{label}For $y > 0$, $y + \\frac1y - 2 = \\frac{{(y-1)^2}}{{y}} \\ge 0$.\n",
                           ["proved", "proved"])  # the bound holds in the case stated for it


def test_a_geometric_sum_holds_where_its_closed_form_is_defined(tmp_path: Path) -> None:
    # sympy's sum has a case g = 1, where the closed form is 0/0; T in the sum's bound makes g^T a power
    assert_answer_verdicts(tmp_path, "$$\\sum_{t=0}^{T-1}\\gamma^t = \\frac{1-\\gamma^T}{1-\\gamma}$$\n\n"
                                     "$$\\sum_{t=0}^{T-1}\\gamma^t = \\frac{1-\\gamma^{T+1}}{1-\\gamma}$$\n",
                           ["unknown", "unknown"])  # T of unknown sign: T < 0 empties the range (not stated)


@pytest.mark.parametrize(("body", "expected"), [
    # a range keeps the student's definition (b = 3 was forgotten, and a true line refuted at b = 39/10)
    ("$$b := 3$$\n\nClearly $2 < b < 4$.\n\n$$b^2 + 1 = 10$$\n", ["unknown", "proved"]),
    # the condition of text math is not a case for what follows, nor a claim of its own
    ("Note that $x^2 - x = x(x-1) \\ge 0$ for $1 \\le x \\le 2$.\n\n$$x^3 \\ge x^2$$\n",
     ["proved", "proved", "refuted"]),
    ("Then $a^2 + b^2 = 2 = 2ab$ for $a = b = 1$.\n", ["proved", "proved"]),  # a = b and b = 1 put in
    # several conditions, with a comma or "and": all of them hold
    ("Then $x^2 + y^2 = 2 = 2xy$ for $x = 1$ and $y = 1$.\n", ["proved", "proved"]),
    ("$$x^2 + y^2 = 2 = 3xy \\quad \\text{for } x = 1, y = 1$$\n", ["proved", "refuted"]),
    # a new range on the same name replaces the one before
    ("Suppose $0 < x < 1$. Then\n\n$$x^2 \\le x$$\n\nNow suppose $1 < x < 2$. Then\n\n$$x^2 \\le x$$\n",
     ["proved", "refuted"]),
    # a chain of bounds on expressions is no range of a name: no case; after "hence", claims, each checked
    ("Hence $x^2 \\ge 2x \\ge 3$.\n\n$$x^3 \\ge x^2$$\n", ["refuted", "refuted", "refuted"]),
], ids=["keeps-definition", "condition-no-case", "condition-no-claim", "conditions-and", "conditions-comma",
        "replaces", "no-range"])
def test_ranges_and_conditions_in_text_math_stay_where_they_belong(tmp_path: Path, body: str,
                                                                   expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("notation", "body", "expected"), [
    # a member nothing defines, alone on a side, names the other side (refuted at p(2) = 4/3)
    ('[symbols]\nq = "real"\n', "$$\\frac{e^{z_2}}{e^{z_1} + e^{z_2}} = p_2$$\n", ["unknown"]),
    # an accented new name opens its definition
    ('[symbols]\ng = "real"\n', "With $m_t = (1 - b^t) g$, we get\n\n$$\\hat m_t = \\frac{m_t}{1 - b^t} = g$$\n",
     ["unknown", "proved"]),
    # a fact about \beta_1 binds the probe; declared as beta_1 it is a number of its own
    ("[assumptions]\nfacts = ['0 < \\beta_1 < 1']\n", "$$(1 - \\beta_1)(1 + \\beta_1) = 1 - \\beta_1^2 > 0$$\n",
     ["proved", "unknown"]),
    ('[symbols]\nbeta_1 = "positive"\n[assumptions]\nfacts = [\'\\beta_1 < 1\']\n',
     "$$(1 - \\beta_1)(1 + \\beta_1) = 1 - \\beta_1^2 > 0$$\n", ["proved", "proved"]),
    # w_{t+1} = c w_t from t = 0: w_{-1} is below its first member
    ('[symbols]\nc = "real"\n[indices]\nnames = ["t"]\n[sequences]\nnames = ["w"]\n[definitions]\n'
     "gd = { latex = 'w_{t+1} = c w_t', for_all = \"t\", from = 0 }\n", "$$w_t^2 = c^{2t} w_0^2$$\n", ["unknown"]),
], ids=["named-member", "accented-name", "member-fact", "declared-member", "below-first-member"])
def test_no_false_alarm_on_what_the_notation_leaves_open(tmp_path: Path, notation: str, body: str,
                                                          expected: list[str]) -> None:
    assert [v.value for v, _ in _graded_under(tmp_path, notation, body)] == expected


@pytest.mark.parametrize(("body", "expected"), [
    # nothing follows from an equation with no real solution (x = 1 came out proved)
    ("We solve\n$$x^2 + 1 = 0$$\nhence\n$$x = 1$$\n", ["unknown", "unknown"]),
    # the line that follows holds only where it is written defined
    ("We solve\n$$x - 2 = 0$$\nhence\n$$\\sin(\\arcsin x) = 2$$\n", ["unknown", "refuted"]),
    # solved along a chain, and through functions: never an identity refuted at another x
    ("We solve\n$$3x - 1 = 5$$\nhence\n$$3x = 5 + 1 = 6$$\n", ["unknown", "unknown", "proved"]),
    ("We solve\n$$\\cos x = 1$$\nhence\n$$\\cos^2 x = 1$$\n", ["unknown", "proved"]),
    # a value arrived at must solve the equation above, and every solution must be it
    ("We solve\n$$x^2 = 4$$\nhence\n$$x = 2$$\n", ["unknown", "refuted"]),
    # an identity with a number on one side is still checked
    ("$$(x+1)^2 - x^2 - 2x = 1$$\n", ["proved"]),
    # limits: a slip in the base refuted, the two-sided limit of |x|/x never proved
    ("$$\\lim_{n \\to \\infty} (1 - \\frac{1}{n})^n = e^{-1}$$\n\n"
     "$$\\lim_{n \\to \\infty} (1 - \\frac{2}{n})^n = e^{-1}$$\n\n$$\\lim_{x \\to 0} \\frac{|x|}{x} = 1$$\n",
     ["proved", "refuted", "unknown"]),
    # an inequality after "hence" follows from the equation above
    ("We solve\n$$x^2 = 4$$\nhence\n$$|x| \\le 2$$\n\nWe solve\n$$x^2 = 9$$\nhence\n$$x \\le 1$$\n",
     ["unknown", "proved", "unknown", "refuted"]),
    # solved under a condition of its own
    ("$$x^2 = 4, \\quad x > 0$$\n", ["unknown"]),
    # no inequality follows from an equation with no solution; a bound after "since" is the case taken
    ("We solve\n$$x^2 + 1 = 0$$\nhence\n$$x > 5$$\n", ["unknown", "unknown"]),
    ("We solve\n$$x^2 = 9$$\nSince $x > 0$, we get\n$$x^3 = 27$$\n", ["unknown", "unknown"]),
    ("We have $x > 2$ and\n$$x^2 - 5x + 6 = 0$$\nthus\n$$x = 3$$\n", ["unknown", "unknown"]),  # not at x = 2
    # a definition that goes on with a bound is still the name's value: "x-bar = 0" restates it, wrongly
    ("Let\n$$\\bar x = x^2 + 1 \\ge 1$$\nThen\n$$\\bar x = 0$$\nso\n$$\\bar x^2 + 5 = 5$$\n",
     ["unknown", "proved", "refuted", "refuted"]),
], ids=["no-solution", "defined", "chain", "functions", "value", "identity", "limits", "inequality", "condition",
        "inequality-no-solution", "since-case", "we-have-case", "definition-with-bound"])
def test_lines_that_solve_an_equation_follow_from_it(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert [v.value for v, _ in _graded_under(tmp_path, '[symbols]\nx = "real"\n', body)] == expected


def test_an_equation_sympy_cannot_solve_is_still_an_equation(tmp_path: Path) -> None:
    # (-1)^n = 1 for an integer n was refuted at n = 1 as an identity; (-1)^{2n} = 1 is one, and proved
    got = _graded_under(tmp_path, '[symbols]\nn = "integer"\n', "$$(-1)^n = 1$$\n\n$$(-1)^{2n} = 1$$\n")
    assert [v.value for v, _ in got] == ["unknown", "proved"], got


def test_an_integer_unknown_solves_in_the_integers(tmp_path: Path) -> None:
    # n^2 = 9 for a positive integer n is n = 3: n + 1 = 4 follows (it was refuted at n = 1)
    got = _graded_under(tmp_path, '[symbols]\nn = "positive integer"\n',
                        "We solve\n$$n^2 = 9$$\nhence\n$$n + 1 = 4$$\n")
    assert [v.value for v, _ in got] == ["unknown", "proved"], got


def test_an_operator_in_roman_type_inside_a_chain_is_no_remark(tmp_path: Path) -> None:
    # \mathrm{Var} in the middle of a chain cut it in two, and both pieces were refuted
    got = _graded_under(
        tmp_path, '[symbols]\nsigma = "positive"\nn = "positive integer"\n[indices]\nnames = ["i"]\n'
        "[random.variables]\nX = { law = \"generic\", mean = '0', var = '\\sigma^2', members = \"iid\" }\n",
        "$$\\mathrm{Var}\\left(\\frac1n\\sum_{i=1}^n X_i\\right) = \\frac{1}{n^2}\\mathrm{Var}\\left("
        "\\sum_{i=1}^n X_i\\right) = \\frac{\\sigma^2}{n}$$\n\n"
        "$$\\frac{d}{dx}\\tanh x = 1 - \\tanh^2 x = \\operatorname{sech}^2 x$$\n")
    assert [v for v, _ in got] == [Mark.PROVED] * 4, got


@pytest.mark.parametrize("body", [
    "Assume $0 < \\delta < 1$.\n\n$$\\delta^t = \\delta\\delta^{t-1} \\le \\delta \\quad \\text{for } t \\ge 1.$$\n",
    "Assume $\\delta \\in (0, 1)$.\n\n$$\\delta^t = \\delta\\delta^{t-1} \\le \\delta \\quad \\text{for } t \\ge 1$$\n",
    "Since $0<\\delta<1$, we get $\\delta^t = \\delta\\delta^{t-1} \\le \\delta$ for $t \\ge 1$.\n",
])
def test_a_range_the_text_states_is_the_case_it_works_in(tmp_path: Path, body: str) -> None:
    # zero-config: delta^t <= delta was refuted at delta = 17/4 or at t = -1
    answer = tmp_path / "answer.md"
    answer.write_text(body, encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    got = [s.verdict for c in sub.chains for s in c.steps]
    assert Mark.REFUTED not in got and got[0] is Mark.PROVED, [(s.verdict, s.message) for c in sub.chains
                                                              for s in c.steps]


def test_a_new_name_on_an_index_used_before_is_the_students_definition(tmp_path: Path) -> None:
    # b_n is new: that n was mentioned (a_n = 1/n) does not make b_n = 1/n an identity about data b
    (tmp_path / "n.toml").write_text('[symbols]\nn = "positive integer"\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$a_n = 1/n$$\n\n$$b_n = 1/n \\le 1$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    got = [(s.verdict, s.method) for c in sub.chains for s in c.steps]
    assert got == [(Mark.UNKNOWN, "definition"), (Mark.UNKNOWN, "definition"), (Mark.PROVED, got[2][1])], got


@pytest.mark.parametrize(("body", "expected"), [
    # sympy cancels x - 1 as it builds the quotient; the equation as written has no solution at x = 1
    ("$$\\frac{(x-1)^2}{x-1} = 0 \\iff x = 1$$\n", ["refuted"]),
    ("$$x = 1 \\implies \\frac{(x-1)^2}{x-1} = 0$$\n", ["refuted"]),
    ("$$\\frac{x^2}{x} \\ge 0 \\iff x > 0$$\n", ["proved"]),
    ("$$x^{1/2} x^{1/2} < 4 \\iff x < 4$$\n", ["refuted"]),  # not real at x = -1
    ("$$e^{\\ln x} = 2 \\iff x = 2$$\n", ["proved"]),
    ("$$\\frac{x^2}{x} = x$$\n", ["proved"]),  # an identity holds where both sides are defined
], ids=["cancelled-iff", "cancelled-implied", "cancelled-set", "roots-combined", "log-kept", "identity"])
def test_a_statement_holds_only_where_it_is_written_defined(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


def test_the_start_of_a_recurrence_given_in_words_is_not_a_free_value(tmp_path: Path) -> None:
    # "initialize v_0 to zeros" is in words: the unrolled form, true from v_0 = 0, is not refuted at v_0 = 17;
    # a slip that fails whatever v_0 is still is
    body = ("Question 3. Initialize $v_0$ to be a vector of zeros. For $t \\ge 1$ consider\n\n"
            "$$v_t = \\beta v_{t-1} + (1 - \\beta) g_t$$\n\n**Answer 3.**\n\n"
            "$$v_t = (1-\\beta)\\sum_{k=1}^{t}\\beta^{t-k} g_k$$\n\n"
            "$$v_2 = \\beta v_1 + (1 - \\beta) g_2 = \\beta^2 v_0 + (1 - \\beta) g_2$$\n")
    steps = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in steps] == ["unknown", "proved", "refuted"], [(s.verdict, s.message) for s in steps]
    assert "v(0)" in steps[0].message


def test_reordering_the_side_before_earns_no_points(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nk = "real"\nx = "real"\n[rubric]\nstep = 1\nchain = 1\n',
                                            encoding="utf-8")
    padding = "".join(f"$$ x^2 + {n} = {n} + x^2 $$\n\n" for n in range(5))
    work = "$$ (x + 1)^2 = x^2 + 2x + 1 $$\n"
    pad, real = graded(tmp_path, padding, "pad.md"), graded(tmp_path, work, "work.md")
    assert all(s.verdict is Mark.PROVED for c in pad.chains for s in c.steps) and pad.score == 0
    assert real.score == 2  # a step and its chain


@pytest.mark.parametrize(("body", "expected"), [
    # two cases in one sentence are both taken, a bound after "let" is a case: the line holds in them
    ("We assume $a > 0$ and $b < 0$.\n\n$$ x = |b| + |a| = a - b $$\n", ["unknown", "proved"]),
    ("Let $m > 0$.\n\n$$ w = |m| = m $$\n", ["unknown", "proved"]),
    # a case the text mentions without taking it never proves, and "in general" ends it
    ("Note that if $h = 0$ the cross term vanishes. In general\n\n$$ s = (x+h)^2 = x^2 + 2xh + h^2 = x^2 $$\n",
     ["unknown", "proved", "refuted"]),
    ("Note that if $h = 0$ the cross term vanishes. So\n\n$$ s = (x+h)^2 = x^2 + 2xh + h^2 = x^2 $$\n",
     ["unknown", "proved", "unknown"]),
    # an exception is no condition to check under, and no claim
    ("$$ y = |c| = -c \\quad \\text{except if } c > 0 $$\n", ["unknown", "unknown"]),
    # a function the text defines in text math is applied, whatever its letter
    ("Let $p(x) := x^2$.\n\n$$ s = p(x+1) = px + p $$\n", ["unknown", "unknown", "refuted"]),
], ids=["two-cases", "let-bound", "case-ended", "case-mentioned", "except-if", "inline-function"])
def test_what_the_text_takes_and_what_it_only_mentions(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


def test_a_step_that_shows_nothing_earns_nothing(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text(
        '[symbols]\nx = "real"\nc = "real"\n[definitions]\ncc = \'c = x^2 + 1\'\n[rubric]\nstep = 1\nchain = 1\n',
        encoding="utf-8")
    nothing = "$$ x^2 + 0 = 1 \\cdot x^2 $$\n\n$$ c = x^2 + 1 $$\n"  # one expression once read; a given restated
    sub = graded(tmp_path, nothing, "nothing.md")
    assert all(s.verdict is Mark.PROVED for c in sub.chains for s in c.steps) and sub.score == 0


def test_a_thin_space_is_not_a_comma_between_equations(tmp_path: Path) -> None:
    # \, before dx once cut the display in two and refuted "dx = 2 * 1/2" at d = -5
    assert_answer_verdicts(tmp_path, "$$ I = \\int_0^1 2x\\,dx = 2 \\cdot \\frac12 = 1 $$\n\n"
                                     "$$ s = 2\\,x = x+x $$\n\n$$ F = \\int 2x\\,dx = x^2 + C $$\n",
                           ["unknown", "proved", "proved", "unknown", "proved", "unknown", "unknown"])


@pytest.mark.parametrize(("body", "expected"), [
    # \not\ge once vanished and the bare relation was checked: (x-1)^2 >= 0 "proved"
    ("$$ (x-1)^2 = x^2 - 2x + 1 \\not\\ge 0 $$", ["proved", "unknown"]),
    ("$$ x^2 + 2 = x^2 + 2 \\not\\le 1 $$", ["proved", "unknown"]),
    ("$$ a = a \\not= 2a $$", ["proved", "unknown"]),
    ("$$ x^2 + 1 \\nleq 0 $$", ["unknown"]),
    # words that take the row back are not a claim to check
    ("$$ x^2 + 1 > 0 \\text{ is false} $$", ["unknown"]),
    ("$$ x^2 + 1 \\le 0 \\text{ is impossible} $$", ["unknown"]),
    ("$$ x^2 + 1 > 0 \\quad\\text{(false)} $$", ["unknown"]),
    ("$$ x^2 + 1 > 0 \\text{ as required} $$", ["proved"]),
])
def test_a_negated_or_retracted_relation_is_never_checked_as_written(tmp_path: Path, body: str,
                                                                     expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body + "\n", expected)


def test_a_count_in_a_sum_bound_is_read_from_zero(tmp_path: Path) -> None:
    # refuted at n = -1, where the range from 0 is empty: no TA reads n = -1 there
    assert_answer_verdicts(tmp_path, "$$ \\sum_{k=0}^{n} \\binom{n}{k} = 2^n $$\n\n"
                                     "$$ \\sum_{k=0}^{n} \\binom{n}{k} = 2^{n+1} $$\n",
                           ["unknown", "refuted"])


@pytest.mark.parametrize(("body", "reached"), [
    # the result stated at once (the course's definitions do the work), then rearranged: nothing shown
    ("\\mathbb{E}[v_t] = \\mu - \\mu\\beta^t = (1-\\beta^t)\\mu", False),
    ("\\mathbb{E}[v_t] = \\mathbb{E}[v_t] + 0 = (1-\\beta^t)\\mu + 0 = (1-\\beta^t)\\mu", False),
    ("\\mathbb{E}[v_t] = \\mu(1-\\beta^t)", False),
    ("(1-\\beta^t)\\mu = \\mu - \\beta^t\\mu = \\mathbb{E}[v_t]", False),  # backwards: it scored 4 of 5
    # padded with a factor 1 or a term 0 in other atoms: still the result stated at once
    ("\\mathbb{E}[v_t] = (1-\\beta^t)\\mu(\\sin^2\\beta + \\cos^2\\beta) = (1-\\beta^t)\\mu", False),
    ("\\mathbb{E}[v_t] = (1-\\beta^t)\\mu + \\sum_{k=1}^{0} k = (1-\\beta^t)\\mu", False),
    ("\\mathbb{E}[v_t] = (1-\\beta^t)\\mu + \\beta v_0 = (1-\\beta^t)\\mu", False),  # v_0 = 0 pads too
    ("\\mathbb{E}[v_t] = \\mathbb{E}[v_t + v_0] = (1-\\beta^t)\\mu", False),
    # evaluating a sum up to t is the derivation, no padding
    ("\\mathbb{E}[v_t] = (1-\\beta)\\sum_{k=1}^{t}\\beta^{t-k}\\mu = (1-\\beta^t)\\mu", True),
    # a derivation: the first step does not land on the result
    ("\\mathbb{E}[v_t] = (1-\\beta)\\sum_{k=1}^{t} \\beta^{t-k} \\mathbb{E}[g_k] "
     "= (1-\\beta)\\mu \\frac{1-\\beta^t}{1-\\beta} = (1-\\beta^t)\\mu", True),
])
def test_an_expected_result_stated_without_a_derivation_earns_nothing(tmp_path: Path, body: str,
                                                                      reached: bool) -> None:
    sub = _graded_bias(tmp_path, f"$$\n{body}\n$$")
    assert any("bias" in c.reaches for c in sub.chains) is reached
    assert bool(sub.score) is reached, (sub.score, [(s.verdict, s.method, s.message) for c in sub.chains
                                                    for s in c.steps])


def test_a_chain_with_refuted_steps_only_states_the_expected_result(tmp_path: Path) -> None:
    # its sides are the result's, but its steps are false: not "reaches" anywhere (text, JSON, Gradescope)
    from symproofs.grading.gradescope import _output

    sub = _graded_bias(tmp_path, "$$ \\mathbb{E}[v_t] = (1-\\beta^{t+1})\\mu = (1-\\beta^t)\\mu $$")
    (chain,) = sub.chains
    assert [s.verdict for s in chain.steps] == [Mark.REFUTED, Mark.REFUTED]
    assert chain.reaches == () and chain.states == ("bias",) and not sub.score
    text = text_report([sub])
    assert "reaches" not in text and "states: bias (not proved)" in text
    (out,) = json_report([sub])["submissions"]
    assert out["chains"][0]["reaches"] == [] and out["chains"][0]["states"] == ["bias"]
    assert out["summary"]["reaches"] == []
    assert "(states bias, not proved)" in _output(sub) and "reaches" not in _output(sub)
    proved = _graded_bias(tmp_path, "$$ \\mathbb{E}[v_t] = (1-\\beta)\\sum_{k=1}^{t}\\beta^{t-k}\\mu "
                                    "= (1-\\beta^t)\\mu $$")
    assert proved.chains[0].reaches == ("bias",) and proved.chains[0].states == ()
    assert "reaches: bias" in text_report([proved])


@pytest.mark.parametrize("body", [
    # a detour that is the left side again once read, then the result at once
    "$$\\mathbb{E}[v_t] = \\mathbb{E}[2 v_t] - \\mathbb{E}[v_t] = (1-\\beta^t)\\mu$$",
    "$$\\mathbb{E}[v_t] = 3\\mathbb{E}[v_t] - 2\\mathbb{E}[v_t] = \\mu - \\beta^t\\mu = (1-\\beta^t)\\mu$$",
    # a name the student defines as the left side
    "Let $w := \\mathbb{E}[v_t]$.\n\n$$\\mathbb{E}[v_t] = w = (1-\\beta^t)\\mu$$",
    "$$\\mathbb{E}[v_t] = \\mathbb{E}[v_t](1 - \\beta) + \\beta\\mathbb{E}[v_t] = (1-\\beta^t)\\mu$$",
    "$$\\mathbb{E}[v_t] = \\mathbb{E}[v_t - g_t] + \\mu = (1-\\beta^t)\\mu$$",
])
def test_a_detour_back_to_the_left_side_does_not_reach_the_expected_result(tmp_path: Path, body: str) -> None:
    sub = _graded_bias(tmp_path, body)
    assert not any("bias" in c.reaches for c in sub.chains), [(s.verdict, s.method, s.message)
                                                             for c in sub.chains for s in c.steps]
    assert not sub.score  # nor does the detour earn step or chain points


def test_a_result_whose_algebra_is_shown_still_counts(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text(
        '[symbols]\na = "real"\nb = "real"\n[expected]\nsquare = \'(a+b)^2 = a^2 + 2ab + b^2\'\n'
        '[rubric]\nstep = 0.5\nchain = 1\nmax = 5\n[rubric.expected]\nsquare = 2\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$(a+b)^2 = a^2 + b^2 + 2ab = a^2 + 2ab + b^2$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    assert sub.chains[0].reaches == ("square",) and sub.score == 3.5  # the second step is the same once read


def test_the_gradient_of_a_name_nothing_defines_is_not_zero_on_a_model(tmp_path: Path) -> None:
    # a matrix model gave L a number, so grad_h L was 0 and "grad_h L = g" was refuted
    (tmp_path / "notation.toml").write_text('[matrices]\nh = ["n"]\ng = ["n"]\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$\\nabla_{\\boldsymbol{h}} L = \\boldsymbol{g}$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "notation.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.UNKNOWN]


def test_a_name_the_notation_defines_as_a_function_is_one(tmp_path: Path) -> None:
    # w was not a default function letter: w'(0) read as w' * 0 and "w'(0) = 0" was proved
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\n\n[definitions]\n'
                                     'w = { latex = \'w(x) = x + 1\', for_all = "x" }\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$w'(0) = 0$$\n\n$$w(3) = 4$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    got = [s.verdict for c in sub.chains for s in c.steps]
    assert got[0] is not Mark.PROVED and got[1] is Mark.PROVED, [(s.verdict, s.message) for c in sub.chains
                                                                 for s in c.steps]


@pytest.mark.parametrize("lead", ["The following claim is false:", "Suppose for contradiction that",
                                  "A common mistake is to write", "It is not true that"])
def test_a_row_the_text_before_it_takes_back_is_not_a_claim(tmp_path: Path, lead: str) -> None:
    assert_answer_verdicts(tmp_path, f"{lead}\n\n$$ x + 1 = x + 2 $$\n", ["unknown"])


def test_a_row_after_words_that_do_not_take_it_back_is_checked(tmp_path: Path) -> None:
    assert_answer_verdicts(tmp_path, "This is not obvious, but\n\n$$ (x+1)^2 = x^2 + 2x + 1 = x^2 + 1 $$\n",
                           ["proved", "refuted"])


@pytest.mark.parametrize("body", [
    "$$\\mathbb{E}[v_t] - (1-\\beta^t)\\mu = 0$$",  # the result moved to one side
    "$$\\mathbb{E}[v_t] = \\mathbb{E}[v_t]$$\n\n$$(1-\\beta^t)\\mu = \\mu - \\beta^t \\mu$$\n\n"
    "$$\\mathbb{E}[v_t] = (1-\\beta^t)\\mu$$",  # the answer rearranged, and stated
])
def test_the_expected_result_restated_in_another_form_earns_nothing(tmp_path: Path, body: str) -> None:
    sub = _graded_bias(tmp_path, body)
    assert not sub.score, [(s.verdict, s.method, s.message) for c in sub.chains for s in c.steps]


def test_a_function_the_notation_defines_is_not_the_students_to_define(tmp_path: Path) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\n\n[definitions]\n'
                                     'w = { latex = \'w(x) = x + 1\', for_all = "x" }\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$w(2) = 2$$\n", encoding="utf-8")  # w(2) is 3: once read as the student's definition
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.REFUTED]


@pytest.mark.parametrize("lead", ["Whether it holds or not", "We need not", "We show the claim is not false:",
                                  "The following claim is false for matrices but true for reals:"])
def test_words_that_do_not_take_a_row_back_leave_it_checked(tmp_path: Path, lead: str) -> None:
    assert_answer_verdicts(tmp_path, f"{lead}\n\n$$ (x+1)^2 = x^2 + 2x + 1 = x^2 + 1 $$\n", ["proved", "refuted"])


def _graded_bias(tmp_path: Path, body: str) -> SubmissionGrade:
    """``body`` graded as an answer to Q3.3 under the corpus's notation for it (with its expected result)."""
    (tmp_path / "notation.toml").write_text(
        (Path(__file__).parent / "corpus" / "q3-bias" / "notation.toml").read_text(encoding="utf-8"), encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text(f"## Q3.3\n\n{body}\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1))
    return sub


@pytest.mark.parametrize(("body", "expected"), [
    # what an answer assumes is a case from there on: "in general" ends it, it is no fact of the question
    ("We assume $x > 0$.\n\nIn the general case:\n\n$$\\sqrt{x^2} = x = 0 + x$$\n", ["refuted", "proved"]),
    ("We assume $x > 0$ in this part only.\n\n$$\\sqrt{x^2} = x = 0 + x$$\n\nFrom now on $x$ is arbitrary.\n\n"
     "$$\\sqrt{x^2} + 1 = x + 1 = 1 + x$$\n", ["proved", "proved", "refuted", "proved"]),
    ("(a) We assume $x > 0$.\n\n$$\\sqrt{x^2} = x = 0 + x$$\n\n(b) Now $x$ is an arbitrary real number.\n\n"
     "$$\\sqrt{x^2} + 2 = x + 2 = 2 + x$$\n", ["proved", "proved", "refuted", "proved"]),
    # a line before the assumption is not under it
    ("$$\\sqrt{x^2} + 3 = x + 3 = 3 + x$$\n\nWe assume $x > 0$.\n\n$$\\sqrt{x^2} = x = 0 + x$$\n",
     ["refuted", "proved", "proved", "proved"]),
], ids=["general-case", "arbitrary", "label-arbitrary", "before"])
def test_an_assumption_of_the_answer_holds_only_where_the_text_takes_it(tmp_path: Path, body: str,
                                                                          expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize("name", ["w^*", "w^{*}", "\\theta^\\star", "\\hat c"])
def test_a_starred_or_hatted_name_opening_a_chain_is_defined_there(tmp_path: Path, name: str) -> None:
    # not an identity w* = a + b to refute at w* = 5; the rest of the chain is checked
    assert_answer_verdicts(tmp_path, f"$$\n{name} = a + b = b + a = a - b\n$$\n", ["unknown", "proved", "refuted"])


@pytest.mark.parametrize(("body", "expected"), [
    # f exists for x > 0 only: the chain about it is read there (1/x > 0 was refuted at x = -12/5)
    ("Let $f(x) = x\\log x$. Then\n\n$$\nf''(x) = \\frac{1}{x} > 0\n$$\n", ["proved", "proved"]),
    ("Let $f(x) = \\sqrt{x} + 1$. Then\n\n$$\nf(x) = \\sqrt{x} + 1 \\ge 1\n$$\n", ["proved", "proved"]),
    # a slip inside the domain is still refuted, and the domain stays with the chains about f
    ("Let $f(x) = x\\log x$. Then\n\n$$\nf''(x) = \\frac{1}{x} > 1\n$$\n\n$$\\sqrt{x^2} = x = 0 + x$$\n",
     ["proved", "refuted", "refuted", "proved"]),
], ids=["log", "root", "slip-and-scope"])
def test_a_chain_about_a_function_the_student_defines_is_read_where_it_exists(tmp_path: Path, body: str,
                                                                                expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("rows", "expected"), [
    ("2 x &\\le b \\\\\nx &\\le \\frac{b}{2}", ["proved"]),   # each row from the row before, not identities
    ("b &\\ge 2 x \\\\\nx &\\le \\frac{b}{2}", ["proved"]),
    ("(a^2 + 1) x &\\le (a^2 + 1) b \\\\\nx &\\le b", ["proved"]),  # a parameter divided out
])
def test_rows_that_solve_an_inequality_with_a_parameter_follow_from_each_other(tmp_path: Path, rows: str,
                                                                              expected: list[str]) -> None:
    body = f"# Answer 1\n\nSolving for $x$:\n\n$$\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n$$\n"
    sub = graded(tmp_path, body, "answer.md")
    assert [s.verdict.value for c in sub.chains for s in c.steps] == expected


def test_rows_that_solve_an_inequality_wrongly_are_not_proved(tmp_path: Path) -> None:
    body = "# Answer 1\n\n$$\n\\begin{aligned}\n3 x &\\le b \\\\\nx &\\le \\frac{b}{2}\n\\end{aligned}\n$$\n"
    sub = graded(tmp_path, body, "answer.md")
    assert all(s.verdict is not Mark.PROVED for c in sub.chains for s in c.steps)


@pytest.mark.parametrize("cue", ["Let", "Now let", "We define"])
def test_a_function_defined_anew_in_a_display_replaces_the_old_formula(tmp_path: Path, cue: str) -> None:
    # the second definition was refuted as a restatement, and f(2) proved with the old formula
    body = (f"Let\n\n$$f(x) = x \\log x$$\n\n{cue}\n\n$$f(x) = x^2$$\n\n$$f(2) = 2 \\log 2 = \\log 4$$\n\n"
            "$$f(3) = 9 = 3^2$$\n")
    assert_answer_verdicts(tmp_path, body, ["unknown", "unknown", "refuted", "proved", "proved", "proved"])


@pytest.mark.parametrize("word", ["Otherwise,", "In the other case,", "Else"])
def test_otherwise_takes_the_other_case(tmp_path: Path, word: str) -> None:
    # |x| = x was refuted at x = -3/2 as a restatement of the first case's |x| = -x
    body = f"Suppose $x < 0$. Then\n\n$$|x| = -x = 0 - x$$\n\n{word}\n\n$$|x| = x = 0 + x$$\n\n$$|x| = -x = 0 - x$$\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [(s.verdict.value, s.message) for c in sub.chains for s in c.steps]
    assert [v for v, _ in got] == ["proved", "proved", "proved", "proved", "refuted", "proved"], got
    assert "x < 0" in got[0][1] and "x ≥ 0" in got[2][1]


def test_members_of_a_sequence_the_notation_gives_one_value_of_are_not_determined(tmp_path: Path) -> None:
    # only v_0 = 3 is given: v_2 and v_3 are free, and v_3 = 2 v_2 + 1 was refuted through them
    notation = "[indices]\nnames = [\"t\"]\n\n[definitions]\nstart = { latex = 'v_0 = 3' }\n"
    got = _graded_under(tmp_path, notation, "$$v_3 = 2 v_2 + 1$$\n\n$$v_0 + 1 = 4 = 2^2$$\n\n$$v_0 = 5 - 1$$\n")
    assert [v.value for v, _ in got] == ["unknown", "proved", "proved", "refuted"], got
    assert "needs: the definition or law of v(2), v(3)" in got[0][1]


@pytest.mark.parametrize(("line", "expected"), [
    ("\\frac{dJ}{dw} = 2w - 6 = 2(w - 3)", ["proved", "proved"]),
    ("\\frac{dJ}{dw} = 2w - 5 = 2(w - 3)", ["refuted", "refuted"]),
    ("\\frac{d^2 J}{dw^2} = 2 = 1 + 1", ["proved", "proved"]),
    ("\\frac{dJ}{dx} = 2w - 6 = 2(w - 3)", ["unknown", "proved"]),  # J is a function of w: d/dx is not written
])
def test_the_derivative_of_a_function_named_alone_uses_its_formula(tmp_path: Path, line: str,
                                                                   expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, f"Let $J(w) = (w - 3)^2 + 1$. Then\n\n$${line}$$\n", expected)


@pytest.mark.parametrize("joined", [". Let ", " and "])
def test_matrices_written_out_in_the_text_are_matrices_in_the_lines_after(tmp_path: Path, joined: str) -> None:
    # AB = BA was proved (A and B read as numbers), and BC = its value refuted (C read as a number)
    body = (f"Let $A = \\begin{{pmatrix}} 1 & 1 \\\\ 0 & 1 \\end{{pmatrix}}${joined}"
            "$B = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1 \\end{pmatrix}$.\n\n"
            "$$AB = BA$$\n\n$$AB = \\begin{pmatrix} 2 & 1 \\\\ 1 & 1 \\end{pmatrix} = "
            "\\begin{pmatrix} 2 & 1 \\\\ 1 & 1 \\end{pmatrix}$$\n\n$$(A+B)(A-B) = A^2 - B^2$$\n\n"
            "$$\\det(A) = 1 = 2 - 1$$\n")
    assert_answer_verdicts(tmp_path, body, ["refuted", "proved", "proved", "refuted", "proved", "proved"])


def test_a_matrix_the_problem_statement_writes_out_is_never_a_number_in_the_answer(tmp_path: Path) -> None:
    body = ("# Question 1\n\nLet $A = \\begin{pmatrix} 1 & 1 \\\\ 0 & 1 \\end{pmatrix}$ and "
            "$B = \\begin{pmatrix} 1 & 0 \\\\ 1 & 1 \\end{pmatrix}$.\n\n# Answer 1\n\n$$AB = BA$$\n")
    sub = graded(tmp_path, body, "answer.md")
    assert all(s.verdict is not Mark.PROVED for c in sub.chains for s in c.steps)


def test_a_chain_the_planner_cannot_handle_loses_no_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import symproofs.grading.plan as planning

    real = planning.plan_inequality

    def failing(plan: Any, ci: int, steps: Any, sides: Any, chain: Any, *rest: Any) -> bool:
        if any("99" in s.text for s in sides):
            raise TypeError("a chain nobody foresaw")
        return bool(real(plan, ci, steps, sides, chain, *rest))

    monkeypatch.setattr(planning, "plan_inequality", failing)
    sub = graded(tmp_path, "$$(a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2$$\n\n$$x + 99 \\le 100$$\n\n"
                    "$$(a-b)^2 = a^2 - 2ab + b^2$$\n", "answer.md")
    got = sorted((s.line, s.verdict.value, s.method) for c in sub.chains for s in c.steps)
    assert [g[:2] for g in got] == [(1, "proved"), (1, "refuted"), (3, "unknown"), (5, "proved")]
    assert got[2][2] == "internal error" and sub.error is None


def test_an_order_between_matrices_is_not_read_and_stops_nothing(tmp_path: Path) -> None:
    # it crashed the whole run (sympy cannot build x <= y for matrices, nor send one back from a worker)
    sub = graded(tmp_path, "$$\\begin{pmatrix} x & y \\end{pmatrix} \\le \\begin{pmatrix} 1 & 2 \\end{pmatrix}$$\n\n"
                    "$$\\begin{pmatrix} x & y\\end{pmatrix} < \\begin{pmatrix} 1 & 2\\end{pmatrix} \\iff x < 1$$\n\n"
                    "$$(a+b)^2 = a^2 + 2ab + b^2$$\n", "answer.md")
    got = [(s.line, s.verdict.value) for c in sub.chains for s in c.steps]
    assert sub.error is None and (5, "proved") in got and all(v != "proved" for line, v in got if line < 5)


@pytest.mark.parametrize("row", ["y = 2\\lambda x, \\qquad x = 2\\lambda y.", "y = 2 x, \\quad x = 3 y"])
def test_equations_side_by_side_that_share_names_are_a_system(tmp_path: Path, row: str) -> None:
    # the first was taken for a definition of y (or a row solved for x), and the second refuted through it
    sub = graded(tmp_path, f"# Answer 1\n\n$${row}$$\n", "answer.md")
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.UNKNOWN, Mark.UNKNOWN]


@pytest.mark.parametrize(("lead", "expected"), [
    # n >= 1 taken in passing: never refuted at n = -3/2
    ("Let $x_1, \\dots, x_n$ be a sample of size $n \\ge 1$ and let $\\lambda > 0$.\nSince", "unknown"),
    ("The sum is not empty, hence $n \\ge 1$. Let $\\lambda > 0$.\nSince", "refuted"),  # drawn, not taken
])
def test_a_name_bounded_in_passing_is_a_case_the_text_takes(tmp_path: Path, lead: str, expected: str) -> None:
    body = f"{lead} $\\ell''(\\lambda) = -\\frac{{n}}{{\\lambda^2}} < 0$, this is a maximum.\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    last = [s for c in sub.chains for s in c.steps][-1]
    assert last.verdict.value == expected, last.message


def test_a_start_that_may_rest_on_members_at_its_own_index_is_not_a_free_value(tmp_path: Path) -> None:
    # the rule starts at t = 2, so v_1 is a start nothing fixes: v_1 = (1 - beta) g_1 may be how the text gives it
    notation = ('[symbols]\nbeta = "positive"\n[indices]\nnames = ["t", "k"]\n[sequences]\nnames = ["v", "g"]\n'
                "[definitions]\nstart = 'v_0 = 0'\n"
                "average = { latex = 'v_t = \\beta v_{t-1} + (1-\\beta) g_t', for_all = \"t\", from = 2 }\n")
    got = _graded_under(tmp_path, notation, "Next.\n$$v_1 = (1-\\beta) g_1$$\n")
    assert [v for v, _ in got] == [Mark.UNKNOWN] and "v(1), which no definition fixes" in got[0][1]


def test_a_function_defined_in_text_and_again_in_a_display_after_let_takes_the_new_formula(tmp_path: Path) -> None:
    # f(2) = 4 was proved with the first formula, and f(2) = 8 refuted
    body = "Let $f(x) = x^2$.\n\nNow let\n$$f(x) = x^3$$\nThen\n$$f(2) = 4$$\n\n$$f(2) = 8 = 2^3$$\n"
    assert_answer_verdicts(tmp_path, body, ["unknown", "refuted", "proved", "proved"])


def test_an_equation_about_a_function_the_answer_defines_is_an_identity_in_its_variable(tmp_path: Path) -> None:
    # g'(x) = 4x^3 + 3x - 2 was "a result stated on its own; needs the definition of x", and the slip hidden
    body = "Let $g(x) = x^4 + 3x^2 - 2x$.\n\n$$g'(x) = 4x^3 + 3x - 2.$$\n\nLet $h(x) = x^2$.\n\n$$h'(x) = 2x.$$\n"
    assert_answer_verdicts(tmp_path, body, ["refuted", "proved"])


def test_otherwise_after_several_cases_is_none_of_them(tmp_path: Path) -> None:
    # |x| = x was refuted at x = -3/2, a point of the first case, not of "otherwise" (0 <= x <= 5)
    body = "If $x < 0$, we are done. If $x > 5$, we are also done. Otherwise,\n\n$$|x| = x = 0 + x$$\n"
    steps = answer_steps(tmp_path, body)
    assert [s.verdict for s in steps] == [Mark.UNKNOWN, Mark.PROVED]


def test_then_never_draws_on_an_equation_about_a_name_defined_anew_since(tmp_path: Path) -> None:
    # f(x) = x, then f redefined as x^2: "then f(x) <= x" was proved from x^2 = x read with the new f
    body = "Let $f(x) = x$. Then\n\n$$f(x) = x$$\n\nLet $f(x) = x^2$. Then\n\n$$f(x) \\le x$$\n"
    assert_answer_verdicts(tmp_path, body, ["proved", "refuted"])


@pytest.mark.parametrize("side", ["\\sqrt{x}^{2}", "x^{1/2} x^{1/2}", "\\sqrt{x}\\sqrt{x}"])
def test_a_step_is_read_where_both_sides_as_written_are_defined(tmp_path: Path, side: str) -> None:
    # \sqrt{x}\sqrt{x} is read x, for x >= 0 only: |x| was refuted at x = -11/6 through a square root of it
    assert_answer_verdicts(tmp_path, f"$${side} = |x| = |x|$$\n\n$${side} = -x = -x$$\n",
                           ["proved", "proved", "refuted", "proved"])


@pytest.mark.parametrize(("body", "expected"), [
    # a hypothesis stated right before a display is what the display claims: proved in it
    ("For $a, b > 0$, $$\\log(ab) = \\log a + \\log b.$$\n", ["proved"]),
    ("For $a > 0$ and $b > 0$ we have $$\\sqrt{a^2 b^2} = ab.$$\n", ["proved"]),
    ("Assume $x \\geq 1$. Then\n\n$$x^2 \\geq x.$$\n", ["proved"]),
    ("Assume $u \\ge 1$. Then $$u^2 \\geq 2u.$$\n", ["refuted"]),  # false at u = 1, inside the case
    ("If $x \\ge 0$, then $$|x| = x,$$ otherwise $$|x| = -x.$$\n", ["proved", "proved"]),
    # a bound the text recalls, a case it only mentions, a display further on: not what the line claims
    ("Since $y > 0$, $$\\sqrt{y^2} = y.$$\n", ["unknown"]),
    ("Note that if $h = 0$ the cross term vanishes. So\n\n$$(x+h)^2 = x^2$$\n", ["unknown"]),
    ("For $x > 0$, $$\\sqrt{x^2} = x.$$ Another identity:\n\n$$|x| + 1 = x + 1$$\n", ["proved", "unknown"]),
    # a footnote definition is shown at the end of the page (or not at all): no case for the display after it,
    # and a display typed in it is not read (it is in no case here)
    ("For $x > 0$,\n\n$$\\sqrt{x^2} = x.$$\n", ["proved"]),
    ("[^1]: For $x > 0$,\n\n$$\\sqrt{x^2} = x.$$\n", ["unknown"]),
    ("[^1]: For $x > 0$,\n$$\\sqrt{x^2} = x.$$\n", []),
], ids=["listed", "and", "assume-then", "assume-slip", "otherwise-same-line", "since", "mentioned", "further-on",
        "paragraph", "footnote", "display-in-footnote"])
def test_a_hypothesis_stated_for_a_display_proves_it_in_that_case(tmp_path: Path, body: str,
                                                                  expected: list[str]) -> None:
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in got] == expected, [(s.verdict.value, s.message) for s in got]
    assert all("the text states for it" in s.message for s in got if s.verdict is Mark.PROVED)


@pytest.mark.parametrize(("body", "name", "expected"), [
    # alignat's spacer column before the condition: the row holds under it (it was refuted at x = -3/2)
    ("\\begin{alignat*}{2}\n\\sqrt{x^2} + 0 &= \\sqrt{x^2} = x &\\quad& \\text{if } x \\ge 0 \\\\\n"
     "\\sqrt{x^2} + 0 &= \\sqrt{x^2} = -x &\\quad& \\text{if } x < 0\n\\end{alignat*}\n", "a.tex", ["proved"] * 4),
    ("\\begin{align*}\n\\sqrt{x^2} + 0 &= \\sqrt{x^2} = x &\\qquad& \\text{if } x \\ge 0\n\\end{align*}\n", "a.tex",
     ["proved"] * 2),
    # and without a condition, the row is checked for every x
    ("\\begin{alignat*}{2}\n\\sqrt{x^2} + 0 &= \\sqrt{x^2} = x &\\quad& \\text{by definition}\n\\end{alignat*}\n",
     "a.tex", ["proved", "refuted"]),
    # a definition inside raw HTML MathJax skips is not applied; one the page shows is
    ("<pre>\n$\\renewcommand{\\ge}{\\le}$\n</pre>\n\n$$ (x - 1)^2 + 0 = (x-1)^2 \\ge 0 $$\n", "a.md",
     ["proved", "proved"]),
    ("$\\renewcommand{\\ge}{\\le}$\n\n$$ (x - 1)^2 + 0 = (x-1)^2 \\ge 0 $$\n", "a.md", ["proved", "refuted"]),
    # "= {} &" and a row that goes on with "& + ...": one side
    ("$$\n\\begin{aligned}\n(x+1)^3 = {} & x^3 + 3x^2 \\\\\n& + 3x + 1\n\\end{aligned}\n$$\n", "a.md", ["proved"]),
], ids=["alignat-spacer-column", "align-spacer-column", "spacer-column-no-condition", "pre-element",
        "visible-definition", "empty-group-before-mark"])
def test_what_the_page_shows_is_what_is_graded(tmp_path: Path, body: str, name: str, expected: list[str]) -> None:
    sub = graded(tmp_path, body, name)
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in got] == expected, [(s.verdict.value, s.message) for s in got]


def test_a_line_proved_only_at_a_value_the_text_takes_earns_nothing(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nx = "real"\n[rubric]\nstep = 1\n', encoding="utf-8")
    at_value = graded(tmp_path, "Substituting $x = 2$ we get\n\n$$x^2 + 1 = 5$$\n", "value.md")
    in_case = graded(tmp_path, "For $x > 0$,\n\n$$\\sqrt{x^2} = x$$\n", "case.md")
    assert at_value.chains[0].steps[0].verdict is Mark.PROVED and at_value.score == 0
    assert in_case.chains[0].steps[0].verdict is Mark.PROVED and in_case.score == 1


@pytest.mark.parametrize(("body", "expected"), [
    # a term of the sum is 0/0 at k = 0: no value, whatever sympy cancels as it builds k/k
    ("$$\\sum_{k=0}^{3} \\frac{k}{k} = 4$$\n", "unparsed"),
    ("$$\\sum_{k=-2}^{2} \\frac{k^3}{k} = 10$$\n", "unparsed"),
    ("$$\\sum_{k=1}^{3} \\frac{k^2}{k} = 6$$\n", "proved"),  # no k of the range is 0
    ("$$\\sum_{k=1}^{n} \\frac{k^2}{k} = \\sum_{k=1}^{n} k$$\n", "proved"),
])
def test_a_sum_whose_term_is_undefined_in_its_range_has_no_value(tmp_path: Path, body: str, expected: str) -> None:
    sub = graded(tmp_path, body, "answer.md")
    assert sub.chains[0].steps[0].verdict.value == expected, sub.chains[0].steps[0]


@pytest.mark.parametrize("range_", ["$$a_n = 2 a_{n-1}, \\quad n \\ge 2$$", "$$a_n = 2 a_{n-1}$$\n\nfor $n \\ge 2$."])
def test_a_recurrence_the_statement_gives_a_range_is_not_unfolded_below_it(tmp_path: Path, range_: str) -> None:
    body = (f"## Question 1\n\nLet $a_1 = 1$. The sequence satisfies\n\n{range_}\n\nCompute $a_3$.\n\n"
            "## Answer 1\n\n$$a_3 = 2 a_2 = 4 a_1 = 8 a_0$$\n")
    got = [s.verdict for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert got[:2] == [Mark.PROVED, Mark.PROVED] and got[2] is not Mark.PROVED, got  # a_1 = 2a_0 is not given


_REALS = '[symbols]\nx = "real"\ny = "real"\nb = "real"\nc = "real"\nu = "real"\n'


@pytest.mark.parametrize(("body", "expected"), [
    # a sign in words is a case: never refuted outside it, proved where a hypothesis states it
    ("Let $b$ be positive. Then\n\n$$|b| = b$$\n", ["proved"]),
    ("For nonnegative $c$,\n\n$$\\sqrt{c^2} = c$$\n", ["proved"]),
    ("Since $y$ is negative,\n\n$$|y| = -y$$\n", ["unknown"]),
    ("Let $b$ be positive. Then\n\n$$|b| = -b$$\n", ["refuted"]),
    # a left side that only reads as a name is checked as written, not against the result with that name
    ("$$(\\sqrt{x})^2 = |x|$$\n\n$$\\log(e^x) = x$$\n\n$$e^{\\ln x} = x$$\n", ["proved", "proved", "proved"]),
    # "take" gives a name a new value, as "let" does
    ("Let $$u = x + 1$$\n\nNow take $$u = x - 1$$\n\n$$u^2 = x^2 - 2x + 1$$\n", ["unknown", "unknown", "proved"]),
], ids=["let-positive", "for-nonnegative", "since-negative", "sign-slip", "reads-as-a-name", "take-anew"])
def test_what_the_text_says_in_words_and_writes_anew(tmp_path: Path, body: str, expected: list[str]) -> None:
    (tmp_path / "notation.toml").write_text(_REALS, encoding="utf-8")
    got = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert [s.verdict.value for s in got] == expected, [(s.verdict.value, s.message) for s in got]


def test_a_case_on_a_member_a_recurrence_determines_keeps_refutations_outside_it_away(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text(
        "[symbols]\nbeta = \"positive\"\n[indices]\nnames = [\"t\"]\n[sequences]\nnames = [\"v\", \"g\"]\n"
        "[assumptions]\nfacts = ['0 < \\beta < 1']\n[definitions]\nstart = 'v_0 = 0'\n"
        "average = { latex = 'v_t = \\beta v_{t-1} + (1-\\beta) g_t', for_all = \"t\", from = 1 }\n",
        encoding="utf-8")
    body = "Suppose that $v_1 = 5$. Then\n\n$$(1-\\beta) g_1 = 5$$\n\n$$v_2 = 5\\beta + (1-\\beta) g_2$$\n"
    got = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert [s.verdict for s in got] == [Mark.UNKNOWN, Mark.UNKNOWN], [(s.verdict, s.message) for s in got]
    assert all("v(1) = 5" in s.message for s in got)


def test_a_solution_named_in_a_logical_step_is_the_unknown_and_defines_its_name(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[matrices]\nX = ["n", "d"]\ny = ["n"]\nw = ["d"]\n', encoding="utf-8")
    body = ("# Answer 1\n\n$$X^\\top X w = X^\\top y \\iff w^* = (X^\\top X)^{-1} X^\\top y$$\n\n"
            "$$X^\\top (y - X w^*) = X^\\top y - X^\\top X (X^\\top X)^{-1} X^\\top y$$\n\n"
            "$$X^\\top (y - X w^*) = X^\\top y + X^\\top X (X^\\top X)^{-1} X^\\top y$$\n")
    got = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    # w^* is the solution for w, not a vector of its own (refuted at an unrelated w^*); the lines after rest on
    # it: never refuted at a value the check gives it, nor proved with the student's (which may be a slip)
    assert [s.verdict for s in got] == [Mark.UNKNOWN] * 3, [(s.verdict, s.message) for s in got]
    assert all("solution a step names" in s.message for s in got[1:])


def test_moments_a_hypothesis_supposes_keep_refutations_that_rest_on_them_away(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[random.variables]\nX = { law = "generic" }\nY = { law = "generic" }\n'
                                            '[random]\nindependent = [["X", "Y"]]\n', encoding="utf-8")
    body = ("With $\\mathbb{E}[X] = \\mathbb{E}[Y] = 0$ this gives\n\n"
            "$$\\operatorname{Var}(XY) = \\mathbb{E}[X^2]\\mathbb{E}[Y^2]$$\n\n"
            "$$\\mathbb{E}[XY] = \\mathbb{E}[X]\\mathbb{E}[Y]$$\n")
    got = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert got[-2].verdict is Mark.UNKNOWN and "supposes" in got[-2].message, got[-2]
    # declared random variables and the expectation are no capitals that may be matrices
    assert got[-1].verdict is Mark.PROVED, got[-1]


def test_moments_in_words_no_law_can_take_keep_the_laws_and_hold_refutations_back(tmp_path: Path) -> None:
    # a mean the notation cannot read: the laws stand without the moments read from words, and what rests on
    # the variables is unknown (never refuted at a law that breaks what the text states)
    body = ("Let $X$ be a random variable with mean $\\qqfoo$ and let $Y$ be a random variable with mean $1$. Then\n"
            "$$ \\mathbb{E}[X] = 3 $$\n$$ \\mathbb{E}[2Y] = 2\\mathbb{E}[Y] $$\n")
    got = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert [s.verdict for s in got] == [Mark.UNKNOWN, Mark.PROVED], got
    assert "supposes" in got[0].message, got[0]


@pytest.mark.parametrize("body", [
    # the case is not what the display claims: other words stand between them, or a finished sentence
    "For $x > 0$ this is easy; for all real $x$ we have\n$$\\sqrt{x^2} = x$$\n",
    "For $x > 0$ this is clear. For the other values of $x$,\n$$\\sqrt{x^2} = x.$$\n",
    "If $x > 0$, then $|x| = x$. If $y < 0$, then\n$$|x| + |y| = x - y.$$\n",
    "Substituting $x = 2$ into the identity\n$$x^2 + x = 3x$$\ngives $6 = 6$.\n",
    "The claim holds, e.g. at $x = 0$. Moreover, at every real point,\n$$\\cos x + x^2 = 1 + x^2.$$\n",
    "(For $x > 0$ see part (a).) We now show, for every real $x$,\n$$\\sqrt{x^2} + 1 = x + 1$$\n",
    "Assume $x > 0$.\n\n**(b)** Now let $x$ be any real number. We show\n$$\\sqrt{x^2} = x.$$\n",
    "**Case 1:** $x > 0$. This case is trivial.\n\n**Case 2:** all remaining $x$. Here\n$$\\sqrt{x^2} = x.$$\n",
    "For $x > 0$,\n$$\\sqrt{x^2} = x \\quad \\text{for all } x \\in \\mathbb{R}.$$\n",
    # the case is set aside, or one of several: no case to prove with
    "Without assuming $x > 0$,\n$$\\sqrt{x^2} = x.$$\n",
    "Not only if $x > 0$ but for every real $x$,\n$$\\sqrt{x^2} = x.$$\n",
    "If $x > 0$ or if $y > 0$, then\n$$|x| + |y| = x + y.$$\n",
    "If $x < -1$ or if $x > 1$, then\n$$\\sqrt{x^2} = x.$$\n",
    "If $x$ is positive or negative, then\n$$\\sqrt{x^2} = x.$$\n",
    "If $x$ is negative or zero, then\n$$x^2 > 0.$$\n",
    "If $x > 0$ and $y > 0$, then\n$$|x+y| = x+y.$$\nOtherwise,\n$$|x+y| = -x-y.$$\n",
    "If $x < 0$ does not hold, then\n$$\\sqrt{x^2} = -x.$$\n",
    # a sentence that only opens with the hypothesis states it: not one that rejects, widens or delays it
    "Before assuming $x > 0$, we have\n$$\\sqrt{x^2} = x.$$\n",
    "We cannot assume $x > 0$, so\n$$\\sqrt{x^2} = x.$$\n",
    "Other than when $x > 0$,\n$$\\sqrt{x^2} = x.$$\n",
    "Excluding the case $x > 0$,\n$$\\sqrt{x^2} = x.$$\n",
    "Drop the assumption $x > 0$. Then\n$$\\sqrt{x^2} = x.$$\n",
    "No matter if $x > 0$,\n$$\\sqrt{x^2} = x.$$\n",
    "We do not, at any point of the argument that follows below, assume $x > 0$; hence\n$$\\sqrt{x^2} = x.$$\n",
    "We don't assume $x > 0$. Then\n$$\\sqrt{x^2} = x.$$\n",
    "There is no need to suppose $x > 0$:\n$$\\sqrt{x^2} = x.$$\n",
    # two cases for one display, the second in place of the first
    "For $x > 0$ and for $x < 0$ we have\n$$\\sqrt{x^2} = -x.$$\n",
    "If $x > 0$, and also if $x < 0$, then\n$$\\sqrt{x^2} = -x.$$\n",
    "We do not (at this point) assume $x > 0$, so we have\n$$\\sqrt{x^2} = x.$$\n",
    "$$\\frac{\\sqrt{x^2}}{x} + y = 1 + y \\quad \\text{for } x \\in \\mathbb{R}^*$$\n",
    "For $x \\in \\mathbb{R}_+$, we have\n$$x + y > y$$\n",
    # words inside the case's math, and "else" that opens no clause
    "If $\\text{not } x > 0$, then\n$$|x| = x$$\n",
    "For $x > 0 \\text{ fails}$,\n$$|x| = x$$\n",
    "Let $x > 0$ and $y$ real. Multiplying by $y$ and nothing else,\n$$y|x| = -xy$$\n",
    # a denial of two cases joined: one of them fails, which states nothing
    "If $x > 0$ and $y > 0$ does not hold, then\n$$|y| = -y.$$\n",
    # "otherwise" sets aside the branch about the same names, not a standing bound nor a case on another name
    "The penalty is only defined for $\\lambda > 0$. If $w > 0$, then\n$$|\\lambda w| = \\lambda w.$$\n"
    "Otherwise,\n$$|\\lambda w| = \\lambda w.$$\n",
    "For $y > 0$ we have\n$$|y| = y.$$\nIf $x > 0$, then\n$$|x| = x.$$\nOtherwise,\n$$|x| + |y| = -x - y.$$\n",
])
def test_no_false_line_is_proved_in_a_case_it_does_not_state(tmp_path: Path, body: str) -> None:
    steps = answer_steps(tmp_path, body)
    assert steps[-1].verdict is not Mark.PROVED, [(s.line, s.verdict.value, s.method, s.message) for s in steps]


@pytest.mark.parametrize(("body", "expected"), [
    ("If $x > 0$ does not hold, then\n$$\\sqrt{x^2} = -x.$$\n", "proved"),  # in the other case, x <= 0
    ("For $x < 0$ the identity fails:\n$$\\sqrt{x^2} = x.$$\n", "unknown"),  # not claimed
    ("Assume $y > 2$. For the series to converge we also require\n$$y > 3.$$\n", "unknown"),  # a condition
    # "otherwise" sets aside the case just taken, not the standing "let" nor the case around it: true lines
    # are never refuted at a point outside them
    ("Let $y > 0$. If $x > 0$, then\n$$|xy| = xy.$$\nOtherwise,\n$$|xy| = -xy.$$\n", "unknown"),
    ("If $x > 0$, then\n$$|x| = x.$$\nIf moreover $y > 0$, then\n$$|x| + |y| = x + y.$$\nOtherwise,\n"
     "$$|x| + |y| = x - y.$$\n", "unknown"),
    # "otherwise" after branches with displays between them is none of them; a bound in passing is no branch
    ("If $x < 0$, then\n$$|x| = -x$$\nIf $x > 5$, then\n$$\\min(x, 5) = 5$$\nOtherwise,\n$$|x| = x$$\n",
     "unknown"),
    ("If $x > 0$, then\n$$|x| = x.$$\nThe step size is $h > 0$. Otherwise,\n$$|x| = -x$$\n", "proved"),
])
def test_what_the_words_around_a_case_say_of_it(tmp_path: Path, body: str, expected: str) -> None:
    steps = answer_steps(tmp_path, body)
    assert steps[-1].verdict.value == expected, [(s.verdict.value, s.message) for s in steps]


@pytest.mark.parametrize(("body", "expected", "said"), [
    # a bound in words that goes on after its number is no bound on the name: no case, and a true line is not
    # refuted outside the one misread; the bound alone is still the case taken, and a line false in it refuted
    ("If $x$ is at most $1$ away from $3$, then\n$$ |x - 3| \\, y^2 \\le y^2 $$\n", "unknown", "hypothesis"),
    ("Suppose $t$ is at least $2$ more than $s$. Then\n$$ (t - s)^2 + u^2 \\ge 4 + u^2 $$\n", "unknown",
     "hypothesis"),
    ("If $x$ is at most $1$, then\n$$\\sqrt{(x - 1)^2} = 1 - x$$\n", "unknown", "x ≤ 1"),
    ("If $x$ is at most $1$, then\n$$\\sqrt{(x - 1)^2} = x - 1$$\n", "refuted", ""),
    # a sign in words of a noun phrase the names are part of is no sign of the names; of the names, it is one
    ("If the difference of $x$ and $y$ is positive, then\n$$ |x - y| = x - y $$\n", "unknown", ""),
    ("Suppose the product of $x$ and $y$ is negative. Then\n$$ |x y| + x y = 0 $$\n", "unknown", ""),
    ("If $x$ and $y$ are positive, then\n$$ |x| + |y| = x + y $$\n", "proved", "x > 0, y > 0"),
    # a row condition the words after it take back is not read: the row claims it where the condition fails
    ("$$ \\sqrt{x^2} = -x \\qquad \\text{when } x > 0 \\text{ is violated} $$\n", "unknown", "not read"),
    ("$$ \\sqrt{x^2} = -x \\qquad (x > 0 \\text{ excluded}) $$\n", "unknown", "not read"),
    ("$$ \\sqrt{x^2} = x \\qquad \\text{when } x > 0 $$\n", "proved", "x > 0"),
    # a denial inside a negation, a question or a hedge: never the other case, nor a case stated for the display
    # after it, which is not refuted (the case as written keeps a refutation outside it away, as where the text
    # takes it); a plain denial is the other case
    ("It is not the case that $x > 0$ does not hold. Hence\n$$ \\sqrt{x^2} + 0 = \\sqrt{x^2} = x $$\n", "unknown",
     "x > 0 the text takes"),
    ("Could it be that $x > 0$ fails? No: the data rule that out. Hence\n$$ \\sqrt{x^2} + 0 = \\sqrt{x^2} = x $$\n",
     "unknown", "x > 0 the text takes"),
    ("The claim that $x > 0$ is false would be a mistake. Hence\n$$ \\sqrt{x^2} + 0 = \\sqrt{x^2} = x $$\n",
     "unknown", "x > 0 the text takes"),
    ("Could it be that $x > 0$ fails? Yes. Hence\n$$ \\sqrt{x^2} = -x $$\n", "unknown",
     "hypothesis 'Could it be that $x > 0$ fails?'"),
    ("It is false that $x > 0$. Hence\n$$ \\sqrt{x^2} = -x $$\n", "unknown", ""),
    ("Here $x > 0$ does not hold. Hence\n$$ \\sqrt{x^2} + 0 = \\sqrt{x^2} = x $$\n", "refuted", ""),
    ("Here $x > 0$ does not hold. Hence\n$$ \\sqrt{x^2} = -x $$\n", "unknown", "x ≤ 0"),
    # text math a question asks or a sentence denies is not a claim; stated, it is one
    ("Is $\\sqrt{x^2} = |x| = x$? No, only when $x \\ge 0$.\n", "unknown", "a question"),
    ("We cannot write $\\sqrt{x^2} = |x| = x$ in general.\n", "unknown", "not a claim"),
    ("We have $\\sqrt{x^2} = |x| = x$ here.\n", "refuted", ""),
], ids=["bound-away-from", "bound-more-than", "bound", "bound-slip", "sign-of-difference", "sign-of-product",
        "signs", "condition-violated", "condition-excluded", "condition", "not-the-case-not", "question-answered",
        "denial-a-mistake", "question-yes", "false-that", "denial", "denial-other-case", "asked", "cannot-write",
        "claimed"])
def test_words_around_a_case_or_a_claim_never_refute_a_true_line(tmp_path: Path, body: str, expected: str,
                                                                  said: str) -> None:
    steps = answer_steps(tmp_path, body)
    assert steps[-1].verdict.value == expected and said in steps[-1].message, [
        (s.verdict.value, s.message) for s in steps]


def test_a_case_no_value_of_the_question_meets_proves_nothing(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text("[symbols]\nbeta = \"real\"\n[assumptions]\nfacts = ['0 < \\beta < 1']\n",
                                            encoding="utf-8")
    sub = graded(tmp_path, "# Answer 1\n\nFor $\\beta > 2$,\n$$\\sqrt{(\\beta - 1)^2} = 1 - \\beta.$$\n", "answer.md")
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict is Mark.UNKNOWN and "no value meets" in step.message, step


def test_laws_the_text_states_are_the_laws_of_its_random_variables(tmp_path: Path) -> None:
    body = ("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ and $B \\sim \\mathrm{Bernoulli}(p)$ be independent.\n\n"
            "$$\\mathbb{E}[2X + 3] = 2\\mathbb{E}[X] + 3 = 2\\mu + 3$$\n\n"
            "$$\\operatorname{Var}(2X + 3) = 4\\sigma^2$$\n\n$$\\mathbb{E}[XB] = \\mu p$$\n\n"
            "$$\\operatorname{Var}(B) = p(1-p) = p - p$$\n")
    got = [s.verdict for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert got == [Mark.PROVED] * 5 + [Mark.REFUTED], got


def test_a_case_on_a_member_of_another_sequence_keeps_no_refutation_away(tmp_path: Path) -> None:
    # m_0 = 0 taken for the recurrence of m; the sum of squares after it has nothing to do with m
    body = ("Let $m_0 = 0$ and $m_t = \\gamma m_{t-1} + \\eta g$.\n\n$$m_1 = \\eta g$$\n\n"
            "$$\\frac{1}{t}\\sum_{i=1}^{t} i^2 = \\frac{(t+1)(2t+1)}{3}$$\n")
    got = [s.verdict for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert got[-1] is Mark.REFUTED, got


@pytest.mark.parametrize("body", [
    "For $x \\geqslant 0$,\n$$\\sqrt{x^2} + y = x + y$$\n",
    "Let $x$ be a positive real.\n$$\\sqrt{x^2} + y = x + y$$\n",
    "For $x \\in \\mathbb{R}^+$,\n$$\\sqrt{x^2} + y = x + y$$\n",
    "If $x$ is greater than $0$, then\n$$\\sqrt{x^2} + y = x + y$$\n",
    "Let $a$ and $b$ be positive.\n$$|a| + |b| + z = a + b + z$$\n",
    "If $x$ is negative and so is $y$, then\n$$|x| + |y| = -x - y$$\n",
    "Here $x$ is less than $1$ in absolute value, so\n$$|x + 1| = x + 1$$\n",  # not x < 1
    # a case the words after it deny is the other case; "if not", "otherwise we get" take it too
    "In this part $x > 0$ is false, so\n$$|x| = -x.$$\n",
    "If $x > 0$, then\n$$|x| = x.$$\nIf not, then\n$$|x| = -x.$$\n",
    "If $x > 0$, then\n$$|x| = x.$$\nOtherwise we get\n$$|x| = -x.$$\n",
])
def test_a_bound_the_text_states_keeps_a_true_line_from_being_refuted(tmp_path: Path, body: str) -> None:
    steps = answer_steps(tmp_path, body)
    assert steps and all(s.verdict is not Mark.REFUTED for s in steps), [(s.verdict.value, s.message) for s in steps]


@pytest.mark.parametrize(("range_", "unfolded"), [
    ("$$a_n = 2 a_{n-1}, \\quad n = 2, 3, \\ldots$$", False),
    ("$$a_n = 2 a_{n-1}$$\n\nfor $n = 2, 3, \\dots$.", False),
    ("$$a_n = 2 a_{n-1}$$\n\nfor $n \\in \\{2, 3, \\ldots\\}$.", False),
    ("$$a_n = 2 a_{n-1}$$\n\nfor $n \\ge 1$.", True),
])
def test_a_recurrence_with_a_range_the_reader_cannot_read_is_not_unfolded(tmp_path: Path, range_: str,
                                                                       unfolded: bool) -> None:
    body = (f"## Question 1\n\nLet $a_0 = 1$. The sequence satisfies\n\n{range_}\n\nCompute $a_3$.\n\n"
            "## Answer 1\n\n$$a_3 = 2 a_2 = 4 a_1 = 8 a_0$$\n")
    got = [s.verdict for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert (got[-1] is Mark.PROVED) == unfolded, got


def test_a_sum_of_logarithms_undefined_at_an_index_of_its_range_has_no_value(tmp_path: Path) -> None:
    sub = graded(tmp_path, "$$\\sum_{k=0}^{3} (\\ln k - \\ln k) = 0$$\n", "answer.md")
    assert sub.chains[0].steps[0].verdict is Mark.UNPARSED, sub.chains[0].steps[0]


_OUTPUT = """
[matrices]
W = ["m", "n"]
x = ["n"]
v = ["m"]
h = ["m"]

[symbols]
y = "real"

[functions]
names = ["sigma"]
elementwise = ["sigma"]

[definitions]
hidden = 'h = W x'
output = '\\hat y = v^\\top \\sigma(h)'
loss = 'L = \\frac12 (\\hat y - y)^2'
"""


def test_a_number_restated_as_a_product_stays_a_number(tmp_path: Path) -> None:
    # "$\hat y = v^T \sigma(h)$" restates the course's definition: y-hat is still a number, not a
    # vector of one entry free of v (which refuted the true gradient)
    got = _graded_under(tmp_path, _OUTPUT, "Let $h = Wx$, $\\hat y = v^\\top \\sigma(h)$ and "
                        "$L = \\frac12(\\hat y - y)^2$.\n\n$$\\nabla_{v} L = (\\hat y - y)\\,\\sigma(h)$$\n\n"
                        "$$\\nabla_{v} L = (\\hat y + y)\\,\\sigma(h)$$\n")
    assert [v for v, _ in got] == [Mark.PROVED, Mark.REFUTED]


def test_a_display_under_a_hypothesis_in_words_is_not_refuted(tmp_path: Path) -> None:
    # "if sigma is the identity" is not read: what the display claims there is not checked against it
    got = _graded_under(tmp_path, _OUTPUT, "If $\\sigma$ is the identity,\n\n$$\\hat y = v^\\top W x$$\n\n"
                        "Otherwise we only know\n\n$$h = 2 W x$$\n")
    assert [v for v, _ in got] == [Mark.UNKNOWN, Mark.REFUTED]
    assert "hypothesis 'If $\\sigma$ is the identity,'" in got[0][1]


@pytest.mark.parametrize(("body", "expected"), [
    # a hypothesis of two equations is a case, not values: "otherwise" and "the general case" leave it
    ("If $a = b = 0$, there is nothing to show. Otherwise,\n$$ a^2 + b^2 + 0 = a^2 + b^2 = 0 $$\n",
     ["unknown", "proved", "refuted"]),
    ("Suppose $p = q = 1/2$. Then the claim is obvious. Now the general case, with $p$ and $q$ arbitrary:\n"
     "$$ p + q + 0 = p + q = 1 $$\n", ["unknown", "proved", "refuted"]),
    # "otherwise" in part (b) sets aside the branch of (b), not that of (a) too: x <= 5, where |x| = -x fails
    ("**(a)** If $x > 0$, then\n$$ |x| = x. $$\n\n**(b)** If $x > 5$, then\n$$ |x - 5| = x - 5, $$\n"
     "otherwise\n$$ |x| = -x. $$\n", ["proved", "unknown", "refuted"]),
    # a function defined for x >= 0 only has no value at -2 to prove with
    ("Define\n$$ f(x) = x^3 \\qquad \\text{for } x \\ge 0, $$\nThen\n$$ f(-2) + 8 = 0 $$\n",
     ["unknown", "unknown"]),
    ("Define\n$$ f(x) = x^3 \\qquad \\text{for } x \\ge 0, $$\nThen\n$$ f(2) = 8 $$\n", ["unknown", "proved"]),
    # "where" defines y through f's own argument: f(x) = 3x
    ("Let $f(x) := x + y$ where $y := 2x$. Then\n$$ f(2) = 6 $$\n", ["unknown", "unknown", "proved"]),
], ids=["if-two-equations", "general-case-arbitrary", "otherwise-in-a-part", "outside-the-domain",
        "inside-the-domain", "where-through-the-argument"])
def test_what_a_hypothesis_or_definition_covers(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # text math that gives a name a value with no cue word is no definition: an example, a root, an
    # event, a rejected guess say nothing of the name in the lines after them
    ("One root of the polynomial is $x = 2$.\n\nFor all $x \\in \\mathbb{R}$ we then have\n"
     "$$x^3 - 4x = 2x^2 - 4x$$\n", ["unknown"]),  # (a result on its own: never proved with x = 2)
    ("The probability that $X = 1$ is $p$. Therefore\n$$p \\, X = p$$\n", ["unknown"]),
    ("The naive choice $w = 0$ is wrong. The right value is\n$$w = \\frac{b}{a} = \\frac{2b}{2a}$$\n",
     ["unknown", "proved"]),
])
def test_text_math_with_no_cue_defines_nothing(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # an example function is no longer f once the text makes f arbitrary
    ("For example take $f(x) = x^2$. Then\n$$f(3) = 9$$\n\nNow let $f$ be an arbitrary function. In general,\n"
     "$$f(3) + f(-3) = 18$$\n", ["unknown", "unknown"]),
    # a hypothesis in words beside a case in math: the display is not refuted by a point the words exclude
    ("Let\n$$f(x) = ax^2 + bx.$$\n\nIf $f$ is linear and $b = 1$, then\n$$f(2) = 2$$\n", ["unknown", "unknown"]),
    ("Let\n$$f(x) = ax + b.$$\n\nAssuming the line passes through the origin,\n$$f(2) = 2a$$\n",
     ["unknown", "unknown"]),
])
def test_what_words_around_definitions_and_hypotheses_leave_open(tmp_path: Path, body: str,
                                                                   expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("statement", "answer", "expected"), [
    # the condition of a claim to show is a case the answer works in, never a fact that proves (its part (b)'s
    # condition does not prove part (a)'s line): the lettered parts are sub-questions 1.1 and 1.2, and the line
    # of (a) is refuted in (a)'s own case (at x = 1)
    ("(a) Show that $x^2 \\ge x$ whenever $x \\ge 1$.\n\n(b) Show that $x^2 \\ge 2x$ whenever $x \\ge 2$.\n",
     "(a) Since $x$ is at least one,\n$$x^2 \\ge 2x$$\n", ["refuted"]),
    # a question of the statement is no fact at all
    ("Is it true that $x > 2$ whenever $x^2 > 4$? Justify.\n",
     "For every real $x$, we have\n$$\\sqrt{x^2} + 0 = \\sqrt{x^2} = x$$\n", ["proved", "refuted"]),
])
def test_what_a_statement_asks_is_no_assumption(tmp_path: Path, statement: str, answer: str,
                                                expected: list[str]) -> None:
    sub = graded(tmp_path, f"## Question 1\n\n{statement}\n## Answer 1\n\n{answer}", "answer.md")
    assert [s.verdict.value for c in sub.chains for s in c.steps if s.relation] == expected


def test_a_function_of_an_earlier_part_gives_way(tmp_path: Path) -> None:
    notation = '[questions.1.symbols]\na = "real"\n\n[questions.1.functions]\nnames = ["f"]\n'
    got = _graded_under(tmp_path, notation, "#### Answer 1.\n\n1. Here\n$$f(x) = x^2$$\nso\n$$f(3) = 9$$\n\n"
                        "2. In this part $f(x) = x^3$, so\n$$f(2) + 1 = 9$$\n")
    assert [v for v, _ in got] == [Mark.UNKNOWN, Mark.PROVED, Mark.UNKNOWN]
    course = ('[questions.1.functions]\nnames = ["f"]\n\n[questions."1.2".definitions]\n'
              "above = { latex = 'f(x) \\ge 1', for_all = \"x\" }\n")
    got = _graded_under(tmp_path, course, "#### Answer 1.\n\n1. We take\n$$f(x) = x^2$$\nso that\n$$f(3) = 9$$\n\n"
                        "2. Here $f$ is any function with $f \\ge 1$ everywhere. Then\n$$f(0) + 1 = 1$$\n")
    assert got[-1][0] is not Mark.PROVED


@pytest.mark.parametrize(("statement", "answer", "expected"), [
    # a claim to disprove or establish is no assumption; the hypothesis of a question or claim is a case
    ("Disprove: $x > 2$ for every real $x$.\n", "We have\n$$\\sqrt{(x-2)^2} = x - 2$$\n", ["unknown"]),
    ("For $x > 0$, what is $\\sqrt{x^2}$?\n", "$$\\sqrt{x^2} + 0 = \\sqrt{x^2} = x$$\n", ["proved", "unknown"]),
    ("Show that $\\sqrt{x^2} = x$, where $x > 0$.\n", "$$\\sqrt{x^2} + 0 = \\sqrt{x^2} = x$$\n",
     ["proved", "unknown"]),
])
def test_the_words_of_a_statement_around_its_math(tmp_path: Path, statement: str, answer: str,
                                                  expected: list[str]) -> None:
    sub = graded(tmp_path, f"## Question 1\n\n{statement}\n## Answer 1\n\n{answer}", "answer.md")
    assert [s.verdict.value for c in sub.chains for s in c.steps if s.relation] == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Let\n\n$$f(t) = 5$$\n\nLet $f$ be an arbitrary function. Then\n\n$$f(x) + 0 = f(x) = f(y)$$\n",
     ["unknown", "proved", "unknown"]),
    ("Solving, we find $x = 2$ and $y = 3$.\n\nThis does not hold in general, but here\n\n"
     "$$x^2 + y^2 = 4 + 9 = 13$$\n", ["unknown", "proved"]),
    ("Hence $x = 2$.\n\nNow take any real $x$:\n\n$$(x+1)^2 = x^2 + 2x + 1 = x^2 + 1$$\n", ["proved", "refuted"]),
    ("Since $n$ is even,\n\n$$(-1)^n + 1 = 1 + 1 = 2$$\n", ["unknown", "proved"]),
])
def test_words_that_end_values_or_recall_facts(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # values found in one part are not results of the next: (b) names s anew, 1.2 finds its own x
    ("**(a)** The total is\n$$s = 1 + 2 + 3 = 6$$\n\n**(b)** This time the total is\n$$s = 2 + 3 + 4 = 9$$\n",
     ["unknown", "proved", "unknown", "proved"]),
    ("#### Answer 1.\n\n1. We solve\n$$2x - 4 = 0$$\nhence\n$$x = 2$$\n\n2. Now we solve\n$$3x - 9 = 0$$\n"
     "hence\n$$x = 3$$\n", ["unknown", "proved", "unknown", "proved"]),
    # a function carried from part 1 is defined anew by a display in part 2
    ("#### Answer 1.\n\n1. Let\n\n$$f(x) = x^2$$\n\nso $$f(x) + f(x) = x^2 + x^2$$\n\n2. Now consider the cubic\n\n"
     "$$f(x) = x^3$$\n\nso $$f(x) + f(x) = x^3 + x^3$$\n", ["unknown", "proved", "unknown", "proved"]),
])
def test_each_part_has_its_own_values(tmp_path: Path, body: str, expected: list[str]) -> None:
    sub = graded(tmp_path, body if body.startswith("####") else "# Answer 1\n\n" + body, "answer.md")
    assert [s.verdict.value for c in sub.chains for s in c.steps if s.relation] == expected


@pytest.mark.parametrize(("body", "expected"), [
    # an explicit definition (":=", "let", "we fix", "we choose the step size") holds in the later parts of the
    # question: numbered items (sub-questions) and labels alike
    ("#### Answer 1.\n\n1. We fix the step size $$\\eta := \\frac{1}{10}.$$\n2. One gradient step gives\n"
     "$$w - \\eta \\cdot 2w = w - \\frac{2w}{10} = \\frac45 w$$\n", ["unknown", "proved", "proved"]),
    ("**(a)** Let $$c := 3.$$\n\n**(b)** Then\n$$c^2 + c = 9 + c = 12$$\n", ["unknown", "proved", "proved"]),
    ("(a) We fix $\\eta = 1/10$.\n\n(b) Then\n$$w - \\eta \\cdot 2w = \\frac45 w$$\n", ["proved"]),
    ("(a) Let $$c \\equiv 3.$$\n\n(b) Then\n$$c^2 + c = 9 + c$$\n", ["unknown", "proved"]),
    ("#### Answer 1.\n\n1. We choose the step size $$\\eta = \\frac{1}{10}.$$\n2. Then\n"
     "$$w - \\eta \\cdot 2w = \\frac45 w$$\n", ["unknown", "proved"]),
    # and a display about the name there is a claim checked against it, not a new definition
    ("**(a)** Let $$c := 3.$$\n\n**(b)** Then\n$$c = 4$$\n", ["unknown", "refuted"]),
    # a value found in one part is that part's: a point that gives it another value in the next part refutes
    # only where the step fails at the value too, else the step is unknown, saying so
    ("#### Answer 1.\n\n1. The step size is $$\\eta = \\frac{1}{10}.$$\n2. Then\n"
     "$$w - \\eta \\cdot 2w = \\frac45 w$$\n", ["unknown", "unknown"]),
    ("#### Answer 1.\n\n1. The root is $$x = 2$$\n2. Then\n$$(x + 1)^2 = x^2 + 1$$\n", ["unknown", "refuted"]),
])
def test_an_explicit_definition_holds_in_the_later_parts(tmp_path: Path, body: str, expected: list[str]) -> None:
    sub = graded(tmp_path, body if body.startswith("####") else "# Answer 1\n\n" + body, "answer.md")
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in got] == expected, [(s.verdict.value, s.message) for s in got]
    if "The step size is" in body:  # held back: the point gives eta another value than the answer did
        assert got[-1].message.startswith("needs: eta, to which the answer gave a value earlier"), got[-1].message
    if "The root is" in body:  # refuted at the value the answer gave x
        assert "refuted at the value the answer gave: x = 2 on line 3" in got[-1].message, got[-1].message


@pytest.mark.parametrize(("statement", "answer", "expected"), [
    # the statement's indexed definition is read (a mention of its index in the question is no range of it):
    # the student's wrong closed form is a claim, refuted, and so is the step drawn from it
    ("Let\n$$S_n = \\sum_{k=1}^{n} k.$$\nCompute $S_n + n$.",
     "$$S_n = \\frac{n(n-1)}{2}.$$\nHence\n$$S_n + n = \\frac{n(n-1)}{2} + n$$", ["refuted", "refuted"]),
    ("Let\n$$S_n = \\sum_{k=1}^{n} k.$$\nCompute $S_n + n$.",
     # (the first step holds for n >= 0 only: n < 0 empties the sum, and nothing states n >= 0)
     "$$S_n + n = \\frac{n(n+1)}{2} + n = \\frac{n^2 + 3n}{2}$$", ["unknown", "proved"]),
    ("Let $S_n = \\sum_{k=1}^{n} k$ for $n \\ge 1$. Compute $S_n + n$.",
     "$$S_n = \\frac{n(n-1)}{2}$$", ["refuted"]),
    # nor by ":=": a claim checked against the statement's definition, and nothing restates it as shown
    ("Let\n$$S_n = \\sum_{k=1}^{n} k.$$\nCompute $S_n + n$.",
     "$$S_n := \\frac{n(n-1)}{2}$$\nso\n$$S_n = \\frac{n(n-1)}{2}$$", ["refuted", "refuted"]),
    # a function and a sequence the statement defines in a display, at any argument
    ("Let\n$$f(x) = x^2 + 1.$$\nCompute $f(2)$.", "$$f(2) = 4 + 1 = 5$$\nand\n$$f(3) = 9$$",
     ["proved", "proved", "refuted"]),
    ("Let\n$$a_k = \\frac{1}{k}$$\nand compute $a_1 + a_2$.", "$$a_k = \\frac{1}{k^2}$$\nso\n$$a_1 + a_2 = \\frac32$$",
     ["refuted", "proved"]),
    # text math after "let" defines its name too
    ("Let $S = \\int_0^1 x^2 \\, dx$. Compute $S + 1$.", "$$S = \\frac12$$\nso\n$$S + 1 = \\frac32$$",
     ["refuted", "refuted"]),
    # a name the statement describes in words only: a claim about it, never the student's definition, and
    # nothing drawn from its value is proved
    ("Let $X \\sim \\mathcal{U}(0, 1)$ and let $m$ denote the second moment of $X$. Compute $m + 1$.",
     "$$m = \\frac12$$\nhence\n$$m + 1 = \\frac12 + 1$$", ["unknown", "unknown"]),
])
def test_a_name_the_statement_defines_is_not_the_students_to_define(tmp_path: Path, statement: str, answer: str,
                                                                     expected: list[str]) -> None:
    sub = graded(tmp_path, f"## Question 1\n\n{statement}\n\n## Answer 1\n\n{answer}\n", "answer.md")
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in got] == expected, [(s.verdict.value, s.message) for s in got]
    assert not any(s.message.startswith("the student defines") for s in got)


@pytest.mark.parametrize(("body", "expected"), [
    # a name the answer defines in text math or in words: a display about it after is a claim checked against
    # that definition, and the true line after it is proved with the definition, not with the slip
    ("Let $Y \\sim \\mathcal{U}(0, 1)$ and let $s = \\mathbb{E}[Y^2]$.\n$$s = \\frac12$$\nTherefore\n"
     "$$\\operatorname{Var}(Y) = s - \\mathbb{E}[Y]^2$$\n", ["refuted", "proved"]),
    ("Let $X \\sim \\mathcal{U}(0, 1)$ and write $m$ for the second moment $\\mathbb{E}[X^2]$.\nWe find\n"
     "$$m = \\frac12$$\nTherefore\n$$\\operatorname{Var}(X) = m - \\mathbb{E}[X]^2$$\n", ["refuted", "proved"]),
    ("Let $X \\sim \\mathcal{U}(0, 1)$. Denote $\\mathbb{E}[X^2]$ by $m$.\n$$m = \\frac12$$\n", ["refuted"]),
    ("Let $c = 3$.\n$$c = 4$$\nso\n$$c + 1 = 5$$\n", ["refuted", "refuted"]),
    # described in words only: the display is a claim nobody checks, and what rests on its value proves nothing
    ("Let $m$ denote the number of heads.\n$$m = 2$$\nso\n$$m + 1 = 3$$\n", ["unknown", "unknown"]),
])
def test_a_name_the_answer_already_defines_is_not_defined_again(tmp_path: Path, body: str,
                                                                expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize("words", ["for example", "for instance", "e.g.", "say", "as in", "as at",
                                   "(for example at", "such as"])
def test_an_example_after_a_row_is_a_spot_check_never_its_condition(tmp_path: Path, words: str) -> None:
    # "for example x = 1" was the row's condition: the false identity proved at x = 1
    sub = graded(tmp_path, f"$$(x+1)^2 = x^2 + 2x + 1 = x^2 + 3 \\qquad\\text{{{words} }} x = 1$$", "answer.md")
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps[:2]] == [Mark.PROVED, Mark.REFUTED]
    assert all(s.verdict is not Mark.PROVED for s in steps[2:])


def test_an_example_case_after_a_row_is_a_condition_not_read(tmp_path: Path) -> None:
    sub = graded(tmp_path, "$$\\sqrt{t^2} = |t| = t \\qquad\\text{for instance when } t > 0$$", "answer.md")
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == [Mark.UNKNOWN, Mark.UNKNOWN] and "not read" in steps[1].message


@pytest.mark.parametrize("symbol", ["\\therefore", "\\;\\therefore\\;", "\\,\\therefore", "\\ \\therefore\\ ",
                                    "~\\therefore~", "\\quad\\therefore\\quad"])
def test_the_statement_after_therefore_is_read_whatever_the_spacing(tmp_path: Path, symbol: str) -> None:
    sub = graded(tmp_path, f"For every real $b$,\n$$(b-1)^2 \\ge 0 {symbol} b^2 + 1 \\ge 4b.$$", "answer.md")
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.PROVED, Mark.REFUTED]


@pytest.mark.parametrize("reason", ["\\text{because } w \\ge 1", "\\text{since } w \\ge 1", "\\text{as } w \\ge 1",
                                    "\\text{given } w \\ge 1", "\\because w \\ge 1",
                                    "\\text{(since } w \\ge 1\\text{)}"])
def test_a_reason_in_a_column_of_its_own_is_the_rows_condition(tmp_path: Path, reason: str) -> None:
    # a condition ("given") proves the row under it; a reason ("since", "because", "as") nothing establishes is a
    # claim: the row holds in it, never proved by it, never refuted outside it
    sub = graded(tmp_path, f"\\begin{{align*}}\nw^2 - 1 &= (w-1)(w+1) \\\\\n&\\ge 0 && {reason}\n\\end{{align*}}\n")
    steps = [s for c in sub.chains for s in c.steps]
    second = Mark.PROVED if "given" in reason else Mark.UNKNOWN
    assert [s.verdict for s in steps[:2]] == [Mark.PROVED, second] and "w \\ge 1" in steps[1].message
    assert all(s.verdict is not Mark.REFUTED for s in steps)


@pytest.mark.parametrize("row", ["\\text{and since } w \\ge 1: \\quad &\\ge 0", "\\mbox{as $w \\ge 1$,}\\quad &\\ge 0",
                                 "\\text{so, as } w \\ge 1\\text{,} \\quad & \\ge 0"])
def test_words_opening_an_align_row_are_read_as_intertext(tmp_path: Path, row: str) -> None:
    # the words were parsed into the chain (w >= 1: a side) or dropped: the row refuted outside the case
    sub = graded(tmp_path, f"\\begin{{align*}}\nw^2 - 1 &= (w-1)(w+1) \\\\\n{row}\n\\end{{align*}}\n")
    steps = [s for c in sub.chains for s in c.steps]
    assert steps[0].verdict is Mark.PROVED and all(s.verdict is not Mark.REFUTED for s in steps)
    assert "w ≥ 1" in steps[-1].message and all(s.relation != "\\ge" or s.source != "1" for s in steps)


def test_words_opening_a_gather_row_are_read_as_intertext(tmp_path: Path) -> None:
    sub = graded(tmp_path, "\\begin{gather*}\nw^2 - 1 = (w-1)(w+1) \\\\\n"
                           "\\text{and as } w \\ge 1\\text{, } (w-1)(w+1) \\ge 0\n\\end{gather*}\n")
    steps = [s for c in sub.chains for s in c.steps]
    assert steps[0].verdict is Mark.PROVED and all(s.verdict is not Mark.REFUTED for s in steps)


@pytest.mark.parametrize(("arrow", "after", "verdict"), [
    ("\\Longrightarrow", "b^2 + 1 \\ge 4b", Mark.REFUTED), ("\\implies", "b^2 + 1 \\ge 4b", Mark.REFUTED),
    ("\\Rightarrow", "b^2 + 1 \\ge 2b", Mark.PROVED), ("\\iff", "b^2 + 1 \\ge 4b", Mark.REFUTED)])
def test_a_premise_that_always_holds_claims_its_conclusion_for_every_value(
        tmp_path: Path, arrow: str, after: str, verdict: Mark) -> None:
    sub = graded(tmp_path, f"For every real $b$,\n$$(b-1)^2 \\ge 0 \\quad {arrow} \\quad {after}$$", "answer.md")
    assert [s.verdict for c in sub.chains for s in c.steps] == [verdict]


_INDEPENDENT = "Let $X$ and $Y$ be independent random variables.\n\n"
_VAR_DIFF = "$$\\operatorname{Var}(X - Y) = \\operatorname{Var}(X) + \\operatorname{Var}(Y)$$\n"


@pytest.mark.parametrize(("body", "expected"), [
    # any equation the answer states between variables declared independent ties them from there on in its part,
    # whatever the words before it: their independence is never used there, and a refutation meets the equation
    (_INDEPENDENT + "**(a)** " + _VAR_DIFF + "\n**(b)** Consider the special choice $Y = -X$:\n" + _VAR_DIFF,
     ["proved", "refuted"]),
    (_INDEPENDENT + "**(a)** " + _VAR_DIFF + "\n**(b)** Now we look at $Y = -X$. Then\n" + _VAR_DIFF,
     ["proved", "refuted"]),
    (_INDEPENDENT + "**(a)** Here $Y = 2X$, so\n"
     "$$\\operatorname{Var}(X + Y) = \\operatorname{Var}(X) + \\operatorname{Var}(Y)$$\n", ["refuted"]),
    # a true step there is never refuted at a point that breaks the equation; the next part is general again
    (_INDEPENDENT + "**(a)** Consider the special choice $Y = -X$:\n$$\\operatorname{Var}(X + Y) = 0$$\n\n"
     "**(b)** " + _VAR_DIFF, ["unknown", "proved"]),
    # a variable defined by the others ties nothing: X and Y stay independent
    (_INDEPENDENT + "Let $Z = X + Y$. Then\n"
     "$$\\operatorname{Var}(Z) = \\operatorname{Var}(X) + \\operatorname{Var}(Y)$$\n", ["proved"]),
])
def test_a_stated_equation_between_independent_variables_unties_them(tmp_path: Path, body: str,
                                                                     expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


_STEP = "$$\\frac{t^2 + t}{t} = t + 1 \\le t + \\frac{1}{t} + 1$$\n"


@pytest.mark.parametrize("lead", [
    # a negated or excluded case: the other side is taken (t \not\le 0 is t > 0)
    "If not $t \\le 0$,", "Ignoring the case $t \\le 0$,", "Not for $t \\le 0$, but for the rest:",
    "Assuming $t \\not\\le 0$,", "Disregarding $t \\le 0$,",
    # quantifiers in math, a nameless domain, "any positive real"
    "$\\forall t > 0$:", "On $(0,\\infty)$ we have", "Now let $t$ be any positive real.",
])
def test_a_step_true_in_the_case_the_words_take_is_not_refuted_outside_it(tmp_path: Path, lead: str) -> None:
    sub = graded(tmp_path, f"# Answer 1\n\n{lead}\n{_STEP}", "answer.md")
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert got[0].verdict.value == "proved" and got[1].verdict.value in ("proved", "unknown"), \
        [(s.verdict.value, s.message) for s in got]
    assert "t > 0" in got[1].message or "(0,\\infty)" in got[1].message, got[1].message


@pytest.mark.parametrize("other", ["In the remaining case,", "In all other cases,", "For the opposite sign,",
                                   "If, on the other hand, $z < 0$,", "In the complementary case,"])
def test_other_case_phrasings_open_the_other_case(tmp_path: Path, other: str) -> None:
    body = f"If $z \\ge 0$, then $$\\sqrt{{z^2}} = |z| = z.$$\n{other}\n$$\\sqrt{{z^2}} = |z| = -z$$\n"
    sub = graded(tmp_path, "# Answer 1\n\n" + body, "answer.md")
    got = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict.value for s in got][2:] in (["proved", "proved"], ["proved", "unknown"]), \
        [(s.verdict.value, s.message) for s in got]
    assert "z < 0" in got[-1].message or "z &lt; 0" in got[-1].message, got[-1].message


@pytest.mark.parametrize(("body", "expected"), [
    # a case on a function the student defines by a formula is one on that formula
    ("Let $$f(x) := x^2 - 1.$$ If $f(x) = 0$, then\n$$x^4 = x^2$$\n", ["unknown", "proved"]),
    ("Let $$g(s) := s - 2.$$ If $g(s) > 0$, then\n$$\\sqrt{(s-2)^2} = |s-2| = s - 2$$\n",
     ["unknown", "proved", "unknown"]),
    # a law in words or an exponential law gives its parameters their range
    ("Let $X$ be Gaussian with mean $\\mu$ and variance $\\sigma^2$. Then\n$$\\sqrt{\\sigma^2} = \\sigma$$\n",
     ["proved"]),
    ("Let $T \\sim \\mathrm{Exp}(\\lambda)$. Then\n$$\\sqrt{1/\\lambda^2} = 1/\\lambda$$\n", ["proved"]),
    ("Let $T$ be exponential with rate $\\lambda$. Then\n$$\\sqrt{\\lambda^2} = \\lambda$$\n", ["proved"]),
    ("Let $K \\sim \\text{Poisson}(\\lambda)$. Then\n$$\\sqrt{\\lambda^2} = \\lambda$$\n", ["proved"]),
    # and nothing of the exponential law's moments is made up: a claim about them is not refuted
    ("Let $T \\sim \\mathrm{Exp}(\\lambda)$. Then\n$$\\operatorname{Var}(T) = \\frac{1}{\\lambda^2}$$\n",
     ["unknown"]),
])
def test_cases_on_functions_and_law_parameters_in_words(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


@pytest.mark.parametrize(("body", "expected"), [
    # a condition in the display that cannot be read (cut short by a conversion): a line that holds for
    # every value is proved, one that fails is held back (the condition may exclude the point), never refuted
    ("$$ (t+1)^2 = t^2 + 2t + 1, \\quad \\forall t \\geq $$\n", ["proved"]),
    ("$$ (t+1)^2 = t^2 + 2t + 2, \\quad \\forall t \\geq $$\n", ["unknown"]),
], ids=["identity", "slip-held-back"])
def test_a_condition_in_a_display_that_cannot_be_read_keeps_proofs_and_holds_refutations(
        tmp_path: Path, body: str, expected: list[str]) -> None:
    assert_answer_verdicts(tmp_path, body, expected)


_DATA = ("For the data $x = (1, 2, 3)$, $y = (2, 4, 7)$:\n\n"
         "$$ w = \\frac{1\\cdot 2 + 2 \\cdot 4 + 3 \\cdot 7}{1 + 4 + 9} = \\frac{31}{14} $$\n")


@pytest.mark.parametrize("before", ["", "$$ w \\sum_{i=1}^{n} x_i^2 = \\sum_{i=1}^{n} x_i y_i $$\n\n"])
def test_a_value_worked_out_for_a_declared_name_is_no_identity_in_it(tmp_path: Path, before: str) -> None:
    # w declared (or used in an earlier display) and nothing defines it: w = (numbers) is its value, never
    # refuted "at w = 0"; the arithmetic after it is checked
    (tmp_path / "notation.toml").write_text('[symbols]\nw = "real"\n', encoding="utf-8")
    steps = [s for s in answer_steps(tmp_path, before + _DATA) if s.line == len(before.splitlines()) + 5]
    assert [(s.verdict, s.method) for s in steps] == [(Mark.UNKNOWN, "value"), (Mark.PROVED, steps[1].method)]
    assert "a value of w the answer arrives at" in steps[0].message


@pytest.mark.parametrize(("value", "expected"), [("\\frac{25}{12}", Mark.REFUTED), ("\\frac{25}{14}", Mark.PROVED)])
def test_a_value_is_checked_against_an_equation_above_in_its_name_alone(tmp_path: Path, value: str,
                                                                        expected: Mark) -> None:
    # 14w = 25, then "dividing by the coefficient" w = 25/12: the line above determines w, so the value follows
    # from it or not (no "so" needed); an equation above with other names (data) would not decide it
    steps = answer_steps(tmp_path, f"$$ 14 w = 25. $$\n\nDividing by the coefficient,\n\n$$ w = {value} $$\n")
    assert [s.verdict for s in steps if s.line == 7] == [expected]


def test_the_arithmetic_after_a_value_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nz = "real"\n', encoding="utf-8")
    steps = answer_steps(tmp_path, "$$ z = 2 + 3 = 6 $$\n")
    assert [s.verdict for s in steps] == [Mark.UNKNOWN, Mark.REFUTED]


def test_a_value_drawn_with_so_is_checked_against_the_line_above(tmp_path: Path) -> None:
    # u = b/a follows from 2au - 2b = 0 (a > 0); v = b/(2a) does not: refuted where the premise holds
    (tmp_path / "notation.toml").write_text('[symbols]\nu = "real"\nv = "real"\na = "positive"\nb = "real"\n',
                                            encoding="utf-8")
    steps = answer_steps(tmp_path, "Setting the derivative to zero,\n\n$$ 2 a u - 2 b = 0 $$\n\nso\n\n"
                                   "$$ u = \\frac{2b}{2a} = \\frac{b}{a} $$\n")
    assert [s.verdict for s in steps] == [Mark.UNKNOWN, Mark.PROVED, Mark.PROVED]
    steps = answer_steps(tmp_path, "Setting the derivative to zero,\n\n$$ 2 a v - 2 b = 0 $$\n\nso\n\n"
                                   "$$ v = \\frac{b}{2a} = \\frac{b}{2a} $$\n")
    assert [s.verdict for s in steps] == [Mark.UNKNOWN, Mark.REFUTED, Mark.PROVED]


def test_a_chain_for_a_defined_name_is_still_checked_against_its_definition(tmp_path: Path) -> None:
    # the course defines w, the student's "let" defines c: a chain that starts with either is a claim
    (tmp_path / "notation.toml").write_text("[symbols]\nw = \"real\"\na = \"real\"\nb = \"real\"\n"
                                            "[definitions]\nwdef = 'w = a + b'\n", encoding="utf-8")
    steps = answer_steps(tmp_path, "$$ w = a - b = a - b $$\n\nLet $c = 3$.\n\n$$ c = 1 + 1 = 2 $$\n")
    assert [s.verdict for s in steps] == [Mark.REFUTED, Mark.PROVED, Mark.REFUTED, Mark.PROVED]


def test_a_value_on_a_row_drawn_from_the_line_above_says_it_is_not_compared_with_it(tmp_path: Path) -> None:
    # (d7: the slip lambda = tau^2/sigma^2 for sigma^2/tau^2 is not caught, but not passed over in silence)
    body = ("Setting to zero,\n\n$$ 0 = -\\sum_{i=1}^n x_i y_i + w \\sum_{i=1}^n x_i^2 "
            "+ \\frac{\\sigma^2}{\\tau^2} w $$\n\nso\n\n"
            "$$ \\hat w = \\frac{\\sum_{i=1}^n x_i y_i}{\\sum_{i=1}^n x_i^2 + \\lambda}, \\qquad "
            "\\lambda = \\frac{\\tau^2}{\\sigma^2} $$\n")
    steps = answer_steps(tmp_path, body)
    assert steps[-1].verdict is Mark.UNKNOWN and "not compared with the line above" in steps[-1].message
    alone = answer_steps(tmp_path, "Here\n\n$$ \\lambda = \\frac{\\tau^2}{\\sigma^2} $$\n")
    assert "not compared" not in alone[-1].message


MLP_NOTATION = """
[matrices]
x = ["d"]
W = ["m", "d"]
b_1 = ["m"]
w_2 = ["m"]
h = ["m"]
[functions]
names = ["sigma"]
elementwise = ["sigma"]
[definitions]
hid = 'h = \\sigma(W x + b_1)'
out = '\\hat y = w_2^\\top h'
loss = 'L = \\frac{1}{2}(\\hat y - y)^2'
"""


def test_a_network_declared_with_subscripted_vectors_is_graded(tmp_path: Path) -> None:
    """``b_1``, ``w_2`` declared in [matrices] are vectors (not members of families b, w): the file loads
    and the gradient with respect to ``w_2`` is proved (it was "ill-shaped", or the run aborted)."""
    body = ("# Q\n\n$$ h = \\sigma(W x + b_1) $$\n\n$$ \\nabla_{w_2} L = (\\hat y - y)\\, h $$\n\n"
            "$$ \\nabla_{w_2} L = (\\hat y + y)\\, h $$\n")
    got = _graded_under(tmp_path, MLP_NOTATION, body)
    assert [m for m, _ in got][:2] == [Mark.PROVED, Mark.PROVED], got
    assert got[2][0] is not Mark.PROVED and "Error" not in got[2][1], got


def test_a_derivative_in_a_defined_name_is_taken_before_the_name_is_replaced(tmp_path: Path) -> None:
    notation = ("[symbols]\nw = 'real'\nb = 'real'\n[definitions]\nout = '\\hat y = w h + b'\n"
                "loss = 'L = \\frac{1}{2}(\\hat y - y)^2'\n")
    body = ("# Q\n\n$$ \\frac{\\partial L}{\\partial \\hat y} = \\hat y - y $$\n\n"
            "$$ \\frac{\\partial L}{\\partial \\hat y} = 0 $$\n")
    got = _graded_under(tmp_path, notation, body)
    assert [m for m, _ in got] == [Mark.PROVED, Mark.REFUTED], got
    assert not any("ValueError" in message for _, message in got)


def test_a_divergence_written_with_a_bar_is_read(tmp_path: Path) -> None:
    body = ("# Q\n\n$$ KL(p\\|q) = \\log\\frac{s}{r} $$\n\n"
            "$$ D_{\\mathrm{KL}}(p \\,\\|\\, q) = \\sum_x p(x)\\log\\frac{p(x)}{q(x)} $$\n")
    steps = [s for c in graded(tmp_path, body, "answer.md").chains for s in c.steps if s.relation]
    assert len(steps) == 2 and all(s.verdict is Mark.UNKNOWN for s in steps), [(s.verdict, s.message) for s in steps]


FONTS_AND_CASES = r"""$$ (x-1)(x+1) = x^2 - 1 $$

Next, the square:

$$ \mathrm{(x+1)^2} = x^2 - 1 $$

$$ x^2 + 2x + 1 = (x+1)^2 \mathrm{- 2x} $$

$$ (x+1)^2 = x^2 + 1 \mathrm{+ 2x} $$

$$ x^2 + 2x + 1 = (x+1)^2 \text{$-2x$} $$

$$ \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases} = 5 $$

Next, the sum:

$$ = x^2 - 1 $$
"""


def test_math_in_a_font_or_a_cases_value_is_graded_never_dropped(tmp_path: Path) -> None:
    # upright type does not change the math; a display that opens with a cases value is a value;
    # a row opening with a relation after a sentence of its own has no left side (never the display before)
    sub = graded(tmp_path, FONTS_AND_CASES, "answer.md")
    got = {(s.line, s.verdict.value) for c in sub.chains for s in c.steps if s.relation or s.verdict is Mark.UNPARSED}
    lines = {line for line, _ in got}
    assert {1, 5, 7, 9, 11, 13, 17} <= lines and (17, "unparsed") in got, got
    assert not any(v == "proved" for line, v in got if line in (5, 7, 11, 13, 17)), got  # false, or not read
    assert not any(v == "refuted" for line, v in got if line in (1, 9)), got  # true as written



def test_an_implication_in_text_math_is_checked(tmp_path: Path) -> None:
    r"""``$x > 1 \implies x^2 > 1$`` is proved; its converse is refuted (at x = -2)."""
    got = _graded_under(tmp_path, '[symbols]\nx = "real"\n', "# Q1\n\nNote that $x > 1 \\implies x^2 > 1$ and "
                                                                  "$x^2 > 1 \\implies x > 1$.\n")
    assert [v for v, _ in got] == [Mark.PROVED, Mark.REFUTED]


def test_every_relation_of_a_base_case_in_text_math_is_checked(tmp_path: Path) -> None:
    """"**Base case.** $a_1 = 3 = 2^1 + 2$": the case it works in, then its arithmetic, checked (refuted)."""
    got = answer_steps(tmp_path, "Let $a_1 = 3$. We show $a_n = 2^n + 1$ for all $n \\ge 1$.\n\n"
                                 "**Base case.** $a_1 = 3 = 2^1 + 2$.\n")
    assert [(s.source, s.verdict) for s in got][-2:] == [("3", Mark.UNKNOWN), ("2^1 + 2", Mark.REFUTED)]


def test_a_side_real_nowhere_is_reported_and_the_rest_of_the_file_is_graded(tmp_path: Path) -> None:
    path = tmp_path / "answer.md"
    path.write_text("$$x^2 + 1 > 0$$\n\n$$\\left(\\sqrt{-1-x^2}\\right)^2 \\le 0$$\n\n"
                    "$$\\sqrt{-1-x^2} \\ge 0$$\n\n$$x^2 + 2 > 1$$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    assert sub.error is None
    by_line = {s.line: s for c in sub.chains for s in c.steps if s.verdict is not Mark.UNKNOWN}
    assert by_line[1].verdict is Mark.PROVED and by_line[7].verdict is Mark.PROVED
    for line in (3, 5):
        assert by_line[line].verdict is Mark.UNPARSED and "no real value" in by_line[line].message


def test_a_french_document_never_reads_a_decimal_comma_as_thousands(tmp_path: Path) -> None:
    body = ("# Réponse 1\n\nLa probabilité vaut $p = 0{,}5$ ; $\\pi \\approx 3{,}142$.\n\n"
            "$$ 3{,}142 \\times 2 = 6284 $$\n\n$$ 0{,}5 + 0{,}5 = 2 $$\n\n$$ 0{,}25 \\times 2 = 0{,}5 $$\n")
    got = [(s.verdict, s.message) for c in graded(tmp_path, body, "answer.md").chains for s in c.steps]
    assert got[0][0] is Mark.UNPARSED and "ambiguous reading" in got[0][1], got
    assert [v for v, _ in got[2:]] == [Mark.REFUTED, Mark.PROVED], got
    english = [s.verdict for c in graded(tmp_path, "# Answer 1\n\n$$ 1{,}000 + 1 = 1001 $$\n", "a.md").chains
               for s in c.steps]
    assert english == [Mark.PROVED]
