"""Tests of grading a whole assignment: one notation file with a section per
question, the parts of a document mapped to questions, statements joined by
=> and <=>, restated results, the document's own definitions and
assumptions, and no refutation without the context it needs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from symproofs.core.errors import InputError
from symproofs.grading.report import Mark, SubmissionGrade, json_report, text_report
from symproofs.grading.run import GradeOptions, find_notation, grade
from symproofs.latex.notation import GradingNotation

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "solution.md"
REDTEAM = SHARED / "redteam" / "round1"
HW = HERE / "submissions" / "linear-algebra-hw"
A2 = ROOT / "examples" / "ift6135-h19-a2" / "notation.toml"
FAST = GradeOptions(timeout=10, jobs=2)


def verdicts(sub: SubmissionGrade) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for chain in sub.chains:
        for step in chain.steps:
            out.setdefault(step.line, []).append(step.verdict.value)
    return out


def refuted_lines(sub: SubmissionGrade) -> set[int]:
    return {s.line for c in sub.chains for s in c.steps if s.verdict is Mark.REFUTED}


def graded_answer(tmp_path: Path, question: int, *displays: str, timeout: float = 10) -> SubmissionGrade:
    """An answer to ``question`` of the assignment, its displays on lines 5, 7, 9, ..., graded
    with the assignment's notation file."""
    answer = tmp_path / "answer.md"
    answer.write_text(f"#### Answer {question}.\n\n{question}. We have\n\n" + "\n\n".join(displays) + "\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=timeout, jobs=1, notation=A2))
    return sub


# -- the notation file of an assignment ----------------------------------------------------------
def test_one_letter_means_different_things_in_different_questions() -> None:
    spec = GradingNotation.load(A2)
    assert spec.is_assignment
    q1, q3, q4 = (spec.for_question(q) for q in ("1.1", "3.2", "4.1"))
    assert q1.notation is not None and q3.notation is not None and q4.notation is not None
    assert q1.notation.symbols["beta"] == "real" and q3.notation.symbols["beta"] == "positive"
    assert [d.name for d in q3.definitions] == ["start", "average"]
    assert spec.for_question("3.1").definitions == ()  # two update rules there: v is not defined
    assert "t" in q4.notation.indices  # shared sections reach every question
    assert spec.for_question("9") is spec
    q5 = spec.for_question("5")
    assert q5.notation is not None and q5.notation.sequences == {"h", "g", "x"}


def test_the_weights_moments_are_the_parameters_the_question_names(tmp_path: Path) -> None:
    # Q1 (a): W ~ N(mu, sigma^2). A Gaussian-case result in mu and sigma^2 is
    # never refuted by a model in which W's moments are unrelated to them.
    answer = tmp_path / "answer.md"
    answer.write_text("#### Answer 1.\n\n1. (a) Gaussian:\n\n$$\\operatorname{Var}(a_i^{(t)}) = "
                      "(\\sigma^2 + \\mu^2) d^{(t-1)}$$\n\n$$\\mathbb{E}[W_{ij}^{(t)}] = \\mu$$\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=A2))
    steps = [s for c in sub.chains for s in c.steps if s.relation]
    assert len(steps) == 2 and not refuted_lines(sub)
    assert steps[1].verdict is Mark.PROVED  # the mean the notation gives W


def test_a_defined_quantity_inside_an_expectation_is_its_definition(tmp_path: Path) -> None:
    # Q1 states a^(t) = W^(t) h^(t-1) + b^(t): E[a_i] is the expectation of that sum (not the
    # constant a_i), summed up to the layer's width d^(t-1); b_i = c for all i and t, so a
    # point with b = c is a counterexample that honours the definition.
    sub = graded_answer(
        tmp_path, 1,
        "$$\\mathbb{E}[a_i^{(t)}] = \\mathbb{E}[\\sum_{j=1}^{d^{(t-1)}} W_{ij}^{(t)} h_j^{(t-1)} + b_i^{(t)}]"
        " = \\sum_{j=1}^{d^{(t-1)}} \\mathbb{E}[W_{ij}^{(t)}] \\mathbb{E}[h_j^{(t-1)}] + c = c$$",
        "$$\\mathbb{E}[b_i^{(t)}] = 2c$$")
    got = verdicts(sub)
    assert got[5] == ["proved", "proved", "proved"]
    assert got[7] == ["refuted"]


def test_a_wrong_moment_of_the_weights_is_refuted_where_their_parameters_are_pinned(tmp_path: Path) -> None:
    # Q1's notation pins W's mean and variance to the uniform law's bounds (mu = (alpha + beta)/2,
    # sigma^2 = (beta - alpha)^2/12): points meet those equations exactly, so forgetting mu^2 is refuted
    sub = graded_answer(
        tmp_path, 1,
        "$$\\operatorname{Var}[W_{ij}^{(t)} h_j^{(t-1)}] = \\operatorname{Var}[W_{ij}^{(t)}] "
        "\\operatorname{Var}[h_j^{(t-1)}]$$",
        "$$\\mathbb{E}[(W_{ij}^{(t)})^2] = \\sigma^2$$",
        "$$\\mathbb{E}[(W_{ij}^{(t)})^2] = \\sigma^2 + \\mu^2$$")
    got = verdicts(sub)
    assert got[5] == ["refuted"] and got[7] == ["refuted"] and got[9] == ["proved"]


def test_the_data_is_a_centred_whitened_random_vector(tmp_path: Path) -> None:
    # Q4's notation declares x random with no law of its own, E[x] = 0 and E[x x^T] = I
    sub = graded_answer(
        tmp_path, 4,
        "$$\\boldsymbol{u}^{\\top}\\mathbb{E}[\\boldsymbol{x}] = 0$$",
        "$$\\mathbb{E}[\\boldsymbol{x}^{\\top}\\boldsymbol{x}] = 1$$")
    got = verdicts(sub)
    assert got[5] == ["proved"] and got[7] == ["refuted"]  # E[x^T x] is the trace of I, n


def test_the_dropout_mask_is_a_bernoulli_matrix(tmp_path: Path) -> None:
    # Q2 declares R (n x d) with i.i.d. Bernoulli(p) entries: entries inside E are members
    # of that family, a wrong moment is refuted by a Bernoulli point, and a case the text
    # takes ("if i != j") keeps a point outside it from counting as a refutation.
    sub = graded_answer(
        tmp_path, 2,
        "$$E_{\\mathbf{R}}[(\\mathbf{X})_{ij}(\\mathbf{R})_{ij}] = "
        "(\\mathbf{X})_{ij}E_{\\mathbf{R}}[(\\mathbf{R})_{ij}] = p(\\mathbf{X})_{ij}$$",
        "$$E_{\\mathbf{R}}[(\\mathbf{R})_{ij}] = p^2$$",
        "$$E_{\\mathbf{R}}[(\\mathbf{R})_{ki}(\\mathbf{R})_{kj}] = p^2$$",
        "- if $i \\neq j$, then:",
        "$$E_{\\mathbf{R}}[(\\mathbf{R})_{ki}(\\mathbf{R})_{kj}] = p^2$$")
    got = verdicts(sub)
    assert got[5] == ["proved", "proved"]
    assert got[7] == ["refuted"] and got[9] == ["refuted"]  # E[R_ij] = p; E[R_ki R_kj] = p at i = j
    steps = {s.line: s for c in sub.chains for s in c.steps}
    assert "Bernoulli" in (steps[7].counterexample or "") and "Bernoulli" in (steps[9].counterexample or "")
    # the entry lies inside the n x d mask: its size is part of the point
    assert all(f"{dim} = " in (steps[line].counterexample or "") for line in (7, 9) for dim in "nd")
    assert got[13] == ["unknown"] and "case i \u2260 j" in steps[13].message


def test_entries_of_the_masked_design_are_checked_entrywise(tmp_path: Path) -> None:
    # Q2.2 written entry by entry: (E[X o R])_ij, ((X o R)^T (X o R))_ij as a sum over k,
    # E[R_ki R_kj] with the case i = j told apart; a wrong entry is refuted at an exact point
    sub = graded_answer(
        tmp_path, 2,
        "$$(E_{\\mathbf{R}}[\\mathbf{X} \\odot \\mathbf{R}])_{ij} = E_{\\mathbf{R}}[(\\mathbf{X} \\odot "
        "\\mathbf{R})_{ij}] = p(\\mathbf{X})_{ij}$$",
        "$$(E_{\\mathbf{R}}[(\\mathbf{X} \\odot \\mathbf{R})^{\\top} (\\mathbf{X} \\odot \\mathbf{R})])_{ij}"
        " = \\sum_{k=1}^{n} (\\mathbf{X})_{ki} (\\mathbf{X})_{kj} E_{\\mathbf{R}}[(\\mathbf{R})_{ki} "
        "(\\mathbf{R})_{kj}] = \\delta_{ij} p(\\mathbf{X}^{\\top} \\mathbf{X})_{ij} + (1 - \\delta_{ij}) "
        "p^{2} (\\mathbf{X}^{\\top} \\mathbf{X})_{ij}$$",
        "$$E_{\\mathbf{R}}[(\\mathbf{X} \\odot \\mathbf{R})_{ij}] = (\\mathbf{X})_{ij}$$", timeout=20)
    got = verdicts(sub)
    assert got[5] == ["proved", "proved"] and got[7] == ["proved", "proved"]
    assert got[9] == ["refuted"]
    (slip,) = [s for c in sub.chains for s in c.steps if s.line == 9]
    assert slip.counterexample is not None and "Bernoulli" in slip.counterexample


def test_a_function_defined_in_one_part_stays_defined_in_the_next(tmp_path: Path) -> None:
    # L(w) defined in 2.1 is what E[L(w)] expands in 2.2 (a slip there is refuted); a value
    # found for a name in 1.1 (c = 0) belongs to 1.1 and does not pin c in 1.2
    L = r"((\mathbf{X} \odot \mathbf{R})\mathbf{w} - \mathbf{y})"
    expanded = (r"\mathbf{w}^{\top} (\mathbf{X} \odot \mathbf{R})^{\top} (\mathbf{X} \odot \mathbf{R}) \mathbf{w}"
                r" + \mathbf{y}^{\top} \mathbf{y} - {k}\mathbf{y}^{\top} (\mathbf{X} \odot \mathbf{R}) \mathbf{w}"
                r" - \mathbf{w}^{\top} (\mathbf{X} \odot \mathbf{R})^{\top} \mathbf{y}")
    answer = tmp_path / "answer.md"
    answer.write_text("\n".join([
        "#### Answer 1.", "", "1. We find", "", "$$c = 0$$", "",
        "2. Then", "", "$$c + 1 = 1$$", "",
        "#### Answer 2.", "", "1. The loss is", "", f"$$L(\\mathbf{{w}}) = {L}^\\top {L}$$", "",
        "2. In fact", "", "$$\\mathbb{E}[L(\\mathbf{w})] = \\mathbb{E}[" + expanded.replace("{k}", "") + "]$$", "",
        "$$\\mathbb{E}[L(\\mathbf{w})] = \\mathbb{E}[" + expanded.replace("{k}", "3") + "]$$", ""]),
        encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=A2))
    got = verdicts(sub)
    assert got[9] != ["proved"]  # c + 1 = 1 only for the c of 1.1
    assert got[19] == ["proved"] and got[21] == ["refuted"]


def test_a_matrix_model_leaves_a_scalar_moment_to_its_law() -> None:
    # a concrete matrix model does not draw the members of a declared law: it never refutes
    # E[R_ki R_kj] = p^2 with values such as R = 3 (the probability space refutes it at i = j)
    import sympy as sp

    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.core.model import Relation
    from symproofs.probability.variables import E
    from symproofs.verifier.pipeline import check_goal

    setting = GradingNotation.load(A2).for_question("2.2").build()
    ((_, mask),) = setting.masks
    k, i, j = sp.symbols("k i j", integer=True)
    p = sp.Symbol("p", positive=True)
    found = []
    for seed in range(1, 8):
        goal = Goal(relation=Relation.EQ, lhs=E(mask(k, i) * mask(k, j)), rhs=p**2,
                    context=Context(facts=Facts(()), algebras=setting.algebras, seed=seed))
        result = check_goal(goal)
        assert result.verdict.value != "proved"
        if result.counterexample is not None:
            found.append(result.counterexample.describe())
    assert found and all("Bernoulli" in cx for cx in found)
    # with an entry of a declared matrix inside, E is still over the mask: never E[R X] = R X
    x = sp.MatrixSymbol("X", *setting.masks[0][0].shape)[i - 1, j - 1]
    goal = Goal(relation=Relation.EQ, lhs=E(x * mask(i, j)), rhs=mask(i, j) * x,
                context=Context(facts=Facts(()), algebras=setting.algebras, seed=1))
    assert check_goal(goal).verdict.value != "proved"


def test_a_state_of_a_declared_sequence_is_not_a_constant_of_its_inputs(tmp_path: Path) -> None:
    # Q5's h_t = W sigma(h_{t-1}) + U x_t + b: dh_t/dx_t is U, not 0; the
    # notation declares h a sequence and does not define it, so the step is
    # unknown (ambiguous), never refuted.
    answer = tmp_path / "answer.md"
    answer.write_text("#### Answer 5.\n\n$$\\frac{\\partial \\boldsymbol{h}_t}{\\partial \\boldsymbol{x}_t} "
                      "= \\boldsymbol{U}$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=A2))
    steps = [s for c in sub.chains for s in c.steps]
    assert steps and all(s.verdict is not Mark.REFUTED and s.verdict is not Mark.PROVED for s in steps)
    assert any("h_t depends on x_t" in s.message for s in steps)


def test_assignment_files_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "notation.toml"
    bad.write_text("[questions.one.symbols]\nx = 'real'\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"questions\.one"):
        GradingNotation.load(bad)
    bad.write_text("[assignment]\nanswer = '^Ex (\\\\d+)'\n", encoding="utf-8")
    with pytest.raises(InputError, match="group named q"):
        GradingNotation.load(bad)
    bad.write_text("[questions.2.symbols]\nx = 'weird'\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"questions\.2"):
        GradingNotation.load(bad)


# -- a third assignment, in the exam class ---------------------------------------------------------
EXAM = HERE / "submissions" / "exam-class-hw"


def test_the_exam_class_assignment_is_graded_under_each_questions_notation() -> None:
    (sub,) = grade([EXAM / "answer.tex"], GradeOptions(timeout=10, jobs=1, notation=EXAM / "notation.toml"))
    chains = json_report([sub])["submissions"][0]["chains"]
    by_line = {step["line"]: (chain["question"], step["verdict"]) for chain in chains for step in chain["steps"]}
    # the same line, sqrt(beta^2) = beta, under two notations: beta is a step size (positive) in question 1
    # and a shift (real) in question 2, whose part (a) the notation does not name
    # ("one would like to write ... which fails for a negative shift": the student's own denial, not a claim)
    assert by_line[16] == ("1", "proved") and by_line[26] == ("2", "unknown")
    assert by_line[18] == ("1", "proved")  # (1 + beta)^2 >= 1 holds for a positive beta only
    assert by_line[28] == ("2", "proved")
    assert by_line[33] == ("2.2", "proved")  # the second \part: gamma is positive there
    # "As in Question 1 above" (line 24) and "See Q1" (line 41) switch nothing; the student's macro \sq is read
    assert [s["verdict"] for c in chains for s in c["steps"] if s["line"] == 42] == ["proved", "refuted"]
    assert {c["question"] for c in chains} == {"1", "2", "2.2", "3"}
    assert not sub.warnings


# -- a second assignment, in LaTeX with sections ------------------------------------------------
@pytest.fixture(scope="module")
def homework() -> SubmissionGrade:
    (sub,) = grade([HW / "answer.tex"], GradeOptions(timeout=10, jobs=2, notation=HW / "notation.toml"))
    return sub


def test_the_tex_assignment_is_graded_question_by_question(homework: SubmissionGrade) -> None:
    got = verdicts(homework)
    assert got[12] == got[13] == got[14] == ["proved"]  # the recurrence of question 1
    assert got[18] == ["refuted"]  # the index slip, flagged against the result of line 12
    assert got[25] == ["proved"] and got[26] == ["refuted"]  # <=> steps between equations
    assert got[28] == ["proved", "refuted"]  # the statement after "so" is read, not hidden
    assert got[30] == ["unknown", "unknown"]  # two columns, two definitions
    assert got[32] == ["proved", "proved"] and got[33] == ["proved", "refuted"]  # text math
    assert got[37] == ["proved"] and got[40] == ["refuted"]  # systems of equations
    reached = [name for c in homework.chains for name in c.reaches]
    assert reached == ["two_steps"]


def test_the_tex_assignment_reads_the_students_macros_and_definitions(homework: SubmissionGrade) -> None:
    got = verdicts(homework)
    # a written sum presumes its range is not reversed: no counterexample at t = -1
    assert got[48] == ["proved"] and got[51] == ["refuted"]
    assert 52 not in got  # "we choose a = 1, b = 2": two definitions, not a chain cut at the comma
    assert got[54] == ["unknown"]  # H = A^T A + lambda I_n, the student's definition of a matrix
    # \norm{...} is the student's macro; u^T H u uses the definition of H, as a matrix
    assert got[55] == ["proved", "proved"] and got[56] == ["refuted"]
    (slip,) = [s for c in homework.chains for s in c.steps if s.line == 56]
    assert slip.counterexample is not None and "lambda" in slip.counterexample and "H =" not in slip.counterexample
    assert got[57] == ["proved", "proved"]  # \E of a number that nothing makes random
    assert Mark.UNPARSED.value not in {v for vs in got.values() for v in vs}


# -- the seed: a real student's whole solution ----------------------------------------------------
# Lines of the seed with a slip a TA marks that the parser reads: 151 h_i h_i for h_i h_j;
# 394 X X^T for X^T X; 454 g_{t-2} for g_{t-1}; 457 does not follow from the line above it
# (which carries the slip of 454); 472 (1 - beta g_1) for (1 - beta) g_1; 390 u^T H u for the
# Hessian H = X^T X + lambda I of weight decay is ||Xu||^2 + lambda ||u||^2, not ||Xu||^2 + ||u||^2
# (the lambda is dropped; the counterexample takes H from its definition on the line above);
# 52 E[v b_i] for E[b_i] (a stray v: as written the expectation is v c, not c); 751 and 819 the input
# x_t inside sigma for x_{t+1} (x_{t-1} backward) in the Jacobian of the next state, refuted on a model
# whose activation is the logistic function the lemma sigma' = sigma(1 - sigma) describes; 770 and 838
# carry that slip, checked against the Jacobian on the line above; 772 and 840 do not follow from the
# line above them (which carries the slip), as 457.
SLIPS_WITH_NOTATION = {52, 151, 390, 454, 472, 751, 819}
ALSO_REFUTED = {394, 457, 770, 772, 838, 840}


@pytest.fixture(scope="module")
def seed_graded() -> tuple[SubmissionGrade, SubmissionGrade]:
    if not SEED.is_file():
        pytest.fail(f"the seed document is missing: {SEED}")
    (with_notation,) = grade([SEED], GradeOptions(timeout=10, jobs=2, notation=A2))
    (zero_config,) = grade([SEED], FAST)
    return with_notation, zero_config


def test_the_seed_refutes_only_slips(seed_graded: tuple[SubmissionGrade, SubmissionGrade]) -> None:
    with_notation, zero_config = seed_graded
    assert SLIPS_WITH_NOTATION <= refuted_lines(with_notation) <= SLIPS_WITH_NOTATION | ALSO_REFUTED
    assert refuted_lines(zero_config) <= SLIPS_WITH_NOTATION | ALSO_REFUTED


def test_the_seed_keeps_what_it_needs_to_say(seed_graded: tuple[SubmissionGrade, SubmissionGrade]) -> None:
    _, zero_config = seed_graded
    messages = [s.message for c in zero_config.chains for s in c.steps]
    assert any(m.startswith("needs:") for m in messages)
    assert any("defines" in m for m in messages)


# -- integrity and the red team's reproductions ---------------------------------------------------
def test_the_course_notation_wins_over_one_next_to_a_student(tmp_path: Path) -> None:
    source = REDTEAM / "b16_student_notation_overrides" / "class"
    if not source.is_dir():
        pytest.fail(f"missing reproduction: {source}")
    shutil.copytree(source, tmp_path / "class")
    alice = tmp_path / "class" / "alice" / "answer.tex"
    assert find_notation(alice, tmp_path / "class") == tmp_path / "class" / "notation.toml"
    grades = {Path(g.path).parent.name: g for g in grade([tmp_path / "class"], FAST)}
    assert verdicts(grades["alice"]) == verdicts(grades["bob"])
    assert all(g.notation == str(tmp_path / "class" / "notation.toml") for g in grades.values())


def test_a_file_given_alone_reads_the_course_notation_above_it(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``grade class/alice/a.md`` from above the class: the course's file, not one the student put beside it."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    (tmp_path / "class" / "notation.toml").write_text("[symbols]\nw = 'real'\n")
    (tmp_path / "class" / "alice" / "notation.toml").write_text("[symbols]\nw = 'positive'\n")
    (tmp_path / "class" / "alice" / "a.md").write_text("# Answer 1\n\n$$ \\sqrt{w^2} = w $$\n")
    monkeypatch.chdir(tmp_path)
    (sub,) = grade([Path("class/alice/a.md")], FAST)
    assert sub.notation is not None and Path(sub.notation).resolve() == (tmp_path / "class/notation.toml").resolve()
    assert refuted_lines(sub) == {3}


@pytest.mark.parametrize("words", ["Let $a = 2$ and $b = 3$.", "Let $a = 2$, $b = 3$.",
                                   "Let $a = 2$, and $b = 3$.", "where $a = 2$ and $b = 3$."])
def test_every_definition_joined_to_the_cue_in_a_statement_is_read(tmp_path: Path, words: str) -> None:
    path = tmp_path / "hw.md"
    path.write_text(f"## Question 1\n{words} Compute $a + b$.\n## Answer 1\n$$a + b = 2 + 3 = 5$$\n")
    (sub,) = grade([path], FAST)
    assert verdicts(sub) == {4: ["proved", "proved"]}
    path.write_text(f"## Question 1\n{words} Compute $a + b$.\n## Answer 1\n$$a + b = 2 + 4$$\n")
    (sub,) = grade([path], FAST)
    assert verdicts(sub) == {4: ["refuted"]}  # the values read are the statement's


@pytest.mark.parametrize("case", ["b09_norm_may_be_negative", "b11_assumption_chain_dropped",
                                  "b13_fact_index_not_declared"])
def test_true_steps_are_not_refuted(case: str) -> None:
    folder = REDTEAM / case
    if not folder.is_dir():
        pytest.fail(f"missing reproduction: {folder}")
    (sub,) = grade([folder / "answer.tex"], FAST)
    assert not refuted_lines(sub)
    assert sub.chains


def test_a_remark_does_not_hide_a_false_claim() -> None:
    folder = REDTEAM / "b12_remark_hides_false_claim"
    (sub,) = grade([folder / "answer.tex"], FAST)
    assert refuted_lines(sub) and not sub.passed


def test_minor_misreads() -> None:
    folder = REDTEAM / "b18_minor_misreads"
    (sub,) = grade([folder / "answer.tex"], FAST)
    steps = [s for c in sub.chains for s in c.steps]
    question = [s for s in steps if "?" in s.relation]
    assert question and all(s.verdict is Mark.UNKNOWN for s in question)
    assert not any(s.verdict is Mark.UNPARSED for s in steps)
    assert [c.start for c in sub.chains[1:3]] == ["x", "y"]  # two columns, two statements
    # a row break inside \text{...} does not end the row: the false step after it is refuted
    assert [s.verdict for s in steps if s.source == "a^2 + b^2"] == [Mark.REFUTED]


def test_a_random_matrix_is_a_mask_or_has_no_law_of_its_own(tmp_path: Path) -> None:
    note = tmp_path / "notation.toml"
    note.write_text('[matrices]\nx = ["n"]\n[random.variables]\nx = { law = "normal", mean = "0", var = "1" }\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"keep-mask .* or has no law of its own"):
        GradingNotation.load(note).build()


def test_the_preactivation_depends_on_u(tmp_path: Path) -> None:
    # y = u^T x: the derivative of y-hat in u has a term in x, so this line is false
    sub = graded_answer(tmp_path, 4,
                        "$$\\frac{\\partial \\hat{y}}{\\partial u_i} = -\\frac{\\gamma\\, y\\, u_i}{\\|u\\|^3}$$")
    assert all(s.verdict is not Mark.PROVED for c in sub.chains for s in c.steps)


# the answer's value of y-hat on line 7 misses 1/||u||: a slip about the name the notation defines
_HAT_SHOWN = "$$\\hat{y} = \\gamma \\cdot \\frac{y - 0}{||u||} + \\beta = w^{\\top} x + \\beta$$"
_HAT_SLIP = "$$\\hat{y} = \\gamma u^{\\top} x + \\beta = w^{\\top} x + \\beta$$"


@pytest.mark.parametrize(("last", "verdict"), [
    pytest.param("$$\\hat{y} = \\gamma x^{\\top} u + \\beta$$", Mark.REFUTED, id="the-slip-again"),
    pytest.param("$$\\hat{y} = x^{\\top} w + \\beta$$", Mark.PROVED, id="the-shown-value-again"),
])
def test_a_name_the_notation_defines_keeps_its_definition_after_a_slip(tmp_path: Path, last: str,
                                                                      verdict: Mark) -> None:
    # y-hat = gamma (y - mu_y)/sigma_y + beta: the slip on line 7 is no value of y-hat a later line is proved
    # from (restating it is refuted), nor one a counterexample may give it (the shown value again is proved)
    sub = graded_answer(tmp_path, 4, _HAT_SHOWN, _HAT_SLIP, last, timeout=30)
    got = verdicts(sub)
    assert got[5] == ["proved", "proved"]
    assert "proved" not in got[7] and "two values" not in [s.method for c in sub.chains for s in c.steps]
    assert got[9] == [verdict.value]


def test_a_sequence_the_student_brings_into_an_expectation_is_not_a_constant(tmp_path: Path) -> None:
    # v^{new}_t is the student's, defined in words or in a line not read: E[v^{new}_t] is no number to refute with
    path = tmp_path / "answer.md"
    path.write_text("**Answer 3.** 1. One.\n\n2. Two.\n\n3. Three.\n\n"
                    "$$\\mathbb{E}[w_t] = \\frac{1}{(1-\\beta^t)} \\, \\mathbb{E}[v_t]$$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=10, jobs=1, notation=A2))
    (step,) = [s for c in sub.chains for s in c.steps if s.relation]
    assert step.verdict is Mark.UNKNOWN and "needs" in step.message


def test_a_sequence_is_read_where_it_exists_and_a_case_holds_at_the_point(tmp_path: Path) -> None:
    path = tmp_path / "answer.md"
    path.write_text("**Answer 3.** 1. One.\n\n2. Two.\n\n3. Suppose $\\mu > 0$. Then\n\n"
                    "$$\\mathbb{E}[v_t] \\ge 0$$\n\n"  # false for mu < 0 only, which the case excludes
                    "$$\\mathbb{E}[v_t] = |1-\\beta^t|\\,\\mu$$\n\n"  # true where v_t exists (t >= 0)
                    "Suppose $g_1 = 2$. Then\n\n$$v_1 = 2(1-\\beta)$$\n", encoding="utf-8")  # true under it
    (sub,) = grade([path], GradeOptions(timeout=10, jobs=1, notation=A2))
    steps = [s for c in sub.chains for s in c.steps if s.relation]
    assert [s.verdict for s in steps] == [Mark.UNKNOWN] * 3, [(s.verdict, s.message) for s in steps]


def test_a_point_where_a_definition_divides_by_zero_is_no_counterexample(tmp_path: Path) -> None:
    # w = gamma u / ||u|| has no value at u = 0, where ||w|| = |gamma| would "fail"
    sub = graded_answer(tmp_path, 4, "$$\\|w\\| \\ge |\\gamma|$$", "$$\\|w\\| \\ge \\gamma$$")
    assert all(s.verdict is not Mark.REFUTED for c in sub.chains for s in c.steps)


def test_a_jacobian_through_the_sigmoid_is_not_refuted_with_another_function(tmp_path: Path) -> None:
    # sigma' = sigma (1 - sigma) is a fact about sigma; h^{(b)} is defined through sigma, so a point whose
    # sigma breaks that fact (a polynomial) refutes nothing, even on a line of its own
    jacobian = ("$$\\frac{\\partial h_{t-1}^{(b)}}{\\partial h_t^{(b)}} = "
                "\\operatorname{diag}(h_{t-1}^{(b)})\\operatorname{diag}(1 - h_{t-1}^{(b)}) U^{(b)}$$")
    sub = graded_answer(tmp_path, 6, jacobian)
    assert all(s.verdict is not Mark.REFUTED for c in sub.chains for s in c.steps)


@pytest.mark.parametrize(("bound", "reached"), [("1", True), ("0", True), ("5", False)])
def test_a_lower_bound_at_the_start_of_the_recurrence_does_not_keep_a_chain_from_its_result(
        tmp_path: Path, bound: str, reached: bool) -> None:
    # "let t >= 1" only says where v_t is defined (the recurrence runs from t = 1): the chain reaches the
    # course's result; "let t >= 5" shows it for some t only
    answer = tmp_path / "answer.md"
    answer.write_text("\n".join([
        "#### Answer 3.3", "", "Let $t \\ge " + bound + "$. Then", "",
        "$$\\mathbb{E}[v_t] = \\mathbb{E}[(1-\\beta)\\sum_{k=1}^t \\beta^{t-k} g_k]"
        " = (1-\\beta)\\sum_{k=1}^t \\beta^{t-k} \\mathbb{E}[g_k] = (1-\\beta^t)\\mu$$", ""]), encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=A2))
    assert all(s.verdict is Mark.PROVED for c in sub.chains for s in c.steps), verdicts(sub)
    assert ({n for c in sub.chains for n in c.reaches} == {"bias"}) is reached


# -- which question a part answers, as the report says it --------------------------------------------------------
SIGNS = "[questions.1.symbols]\na = \"positive\"\n[questions.2.assumptions]\nfacts = ['a < 0']\n"


@pytest.mark.parametrize("heading", ["## 2)", "## Task 2", "## Part 2", "## Q 2", "**2.**", "## Answer2"])
def test_a_common_heading_switches_to_its_question(tmp_path: Path, heading: str) -> None:
    (tmp_path / "n.toml").write_text(SIGNS, encoding="utf-8")
    answer = tmp_path / "hw.md"
    answer.write_text(f"## Answer 1\n$$\\sqrt{{a^2}} = a$$\n\n{heading}\n$$\\sqrt{{a^2}} = a$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=tmp_path / "n.toml"))
    # under question 2 (a < 0) the second line is false, never proved with question 1's a > 0
    assert verdicts(sub) == {2: ["proved"], 5: ["refuted"]}
    assert [c.question for c in sub.chains] == ["1", "2"] and sub.warnings == ()


def test_work_before_a_final_answer_label_is_graded_and_the_report_names_the_question(tmp_path: Path) -> None:
    answer = tmp_path / "hw.md"
    answer.write_text("## Question 1\n\n$$(a+b)^2 = a^2 + 2ab + b^2 = a^2 + b^2$$\n\n**Answer 1:** as above.\n",
                      encoding="utf-8")
    (sub,) = grade([answer], FAST)
    assert verdicts(sub) == {3: ["proved", "refuted"]} and sub.chains[0].question == "1"
    report = text_report([sub])
    assert "chain at line 3 (question 1)" in report
    assert json_report([sub])["submissions"][0]["chains"][0]["question"] == "1"


def test_no_question_marker_under_an_assignment_notation_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "n.toml").write_text(SIGNS, encoding="utf-8")
    answer = tmp_path / "hw.md"
    answer.write_text("Here:\n\n$$\\sqrt{a^2} = |a|$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=tmp_path / "n.toml"))
    (warning,) = sub.warnings
    assert warning.startswith("no question marker found") and sub.chains[0].question is None
    assert f"warning: {warning}" in text_report([sub])
    assert json_report([sub])["submissions"][0]["warnings"] == [warning]


def test_a_question_a_statement_asks_is_not_held_against_the_student(tmp_path: Path) -> None:
    answer = tmp_path / "hw.tex"
    answer.write_text("\\section{Question 1}\n\\emph{Is it also true that}\n\\[ \\log x \\le x - 2 ? \\]\n"
                      "\\textbf{Answer.} No: at $x = 1$,\n\\[ \\log 1 = 0 > -1 = 1 - 2 \\]\n", encoding="utf-8")
    (sub,) = grade([answer], FAST)
    first = sub.chains[0].steps[0]
    assert (first.line, first.verdict, first.method) == (3, Mark.UNKNOWN, "not a claim")
    assert verdicts(sub)[5] == ["proved"] * 3


# -- which question a line answers ---------------------------------------------------------------
def test_a_numbered_sub_heading_never_applies_another_questions_facts(tmp_path: Path) -> None:
    # "### 3 observations" in the answer to 1: question 3's 0 < beta < 1 would prove beta^2 < beta, false in 1
    answer = tmp_path / "answer.md"
    answer.write_text("# Question 1\n\nThe weights lie in $[\\alpha, \\beta]$.\n\n### 3 observations about the "
                      "bounds\n\n$$ \\beta^2 < \\beta $$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=A2))
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict is Mark.UNKNOWN and "which question this line answers is unclear" in step.message
    assert any("unclear" in w for w in sub.warnings)
    # a bold step number before the open question's stays in it: graded under question 4, where beta is any real
    answer.write_text("## Answer 4\n\nHere $\\beta$ is the shift.\n\n**3.** the shift only moves the mean.\n\n"
                      "$$ \\beta^2 \\le \\beta $$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=A2))
    assert [(c.question, s.verdict) for c in sub.chains for s in c.steps] == [("4", Mark.REFUTED)]


def test_the_exam_class_question_counter_numbers_the_answer(tmp_path: Path) -> None:
    answer = tmp_path / "answer.tex"
    answer.write_text("\\documentclass{exam}\n\\begin{document}\n\\begin{questions}\n\\question Init.\n"
                      "\\begin{solution}\n\\[ \\mathbb{E}[W_{ij}^2] = \\sigma^2 + \\mu^2 \\]\n\\end{solution}\n"
                      "\\setcounter{question}{3}\n\\question Weight normalisation.\n\\begin{solution}\n"
                      "\\[ \\beta^2 \\le \\beta \\]\n\\end{solution}\n\\end{questions}\n\\end{document}\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=10, jobs=1, notation=A2))
    assert [(c.question, s.verdict) for c in sub.chains for s in c.steps] == [("1", Mark.PROVED),
                                                                              ("4", Mark.REFUTED)]
