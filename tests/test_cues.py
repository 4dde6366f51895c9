"""The prose around a displayed equation: a consequence ("so", "hence",
\\implies), an equation set up to be solved ("setting ... to zero"), the
words that end the cases taken ("in general") and the quantifiers that take
one ("for any $t > 0$")."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.cues import (
    ASSUMING,
    CUES,
    EXPLICIT,
    GOAL_CUES,
    OTHERWISE,
    chosen,
    consequence,
    declared_right_after,
    defines,
    general_cue,
    general_words,
    named_equation,
    requiring,
    retracting,
    right_after_display,
    solving,
)
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade


@pytest.mark.parametrize(("lead", "drawn"), [
    ("and so", True), ("Hence,", True), ("which gives", True), ("we get", True),
    (r"x^2 = 4 \quad\text{so}\quad", True), (r"\implies", True),
    ("We also", False), ("Let", False), ("so that the sum is finite. Now", False),
])
def test_a_consequence_is_drawn_at_the_end_of_the_lead(lead: str, drawn: bool) -> None:
    assert consequence(lead) is drawn


@pytest.mark.parametrize(("lead", "solved"), [
    ("Setting the gradient to zero,", True), ("Equating the two expressions:", True),
    ("At a stationary point", True), ("Solving for w:", True),
    (r"Setting it to zero gives \[ 2ax = 2b \] hence", False),  # the cue belongs to the display before
    ("We expand", False),
])
def test_an_equation_to_solve_is_set_up_since_the_last_display(lead: str, solved: bool) -> None:
    assert solving(lead) is solved


def test_the_claim_an_answer_sets_out_to_show() -> None:
    assert GOAL_CUES.search("We show that") and not GOAL_CUES.search("We showed that. Then")


@pytest.mark.parametrize(("lead", "assumed"), [
    ("Assume", True), ("Suppose", True), ("Assuming that", True), ("If", True), ("for all", True),
    (r"\forall", True), ("whenever", True),
    ("Then", False), ("We get", False), ("Notice that", False), ("the gift", False),
    # a supposition made to reach a contradiction is a hypothesis too
    ("Suppose for contradiction that", True), ("Assume, towards a contradiction, that", True),
    ("Suppose to the contrary that", True), ("Assume by contradiction", True),
])
def test_a_hypothesis_is_made_at_the_end_of_the_lead(lead: str, assumed: bool) -> None:
    assert (ASSUMING.search(lead) is not None) is assumed


@pytest.mark.parametrize(("lead", "ahead", "general"), [
    ("In general,", "", True), ("Now the general case:", "", True), ("Let $f$ be arbitrary. Then", "", True),
    ("Take any real $x$.", "", True), ("For any $t$,", "", True), ("$p$ and $q$ arbitrary:", "", True),
    ("It does not hold in general, but", "", False),
    # a quantifier whose own math is a relation or a domain takes that case
    ("For any $t > 0$,", "", False), ("Let $t > 0$ be arbitrary. Then", "", False),
    ("Take any $t>0$. Then", "", False), ("Consider an arbitrary $t > 0$.", "", False),
    ("For every value $t > 0$,", "", False), ("In all cases with $t > 0$,", "", False),
    ("For any $t \\in (0, \\infty)$,", "", False), ("With $t \\ge 0$ arbitrary,", "", False),
    ("Let $t$ be an arbitrary positive number.", "", False), ("For any $t$ with $t > 0$,", "", False),
    # read at the math itself: "for every value" of a relation is a case, "in general" before one ends the others
    ("For every value", " $t > 0$", False), ("In general, for", " $x > 0$", True),
    # and at the display after it, the case "in general" opened stands
    ("Suppose $x < -3$. In general, for $x > 0$,", "", False),
])
def test_general_words_end_the_cases_and_a_quantified_case_does_not(lead: str, ahead: str, general: bool) -> None:
    assert general_words(lead, ahead) is general


def test_the_sentence_of_a_general_cue_is_where_its_own_cases_are_stated() -> None:
    cue = general_cue("Suppose $x > 3$. Let $y > 0$ and let $f$ be arbitrary. Then")
    assert cue is not None and cue.strip() == "Let $y > 0$ and let $f$ be arbitrary. Then"


def _answers(tmp_path: Path, *bodies: str) -> list[list[tuple[Mark, str]]]:
    """Each body graded as its own answer (no notation file): the verdict and message of each of its steps."""
    text, starts = "", []
    for k, body in enumerate(bodies, 1):
        starts.append(text.count("\n") + 1)
        text += f"## Answer {k}\n\n{body}\n\n"
    path = tmp_path / "answer.md"
    path.write_text(text, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    got: list[list[tuple[Mark, str]]] = [[] for _ in bodies]
    for chain in sub.chains:
        got[max(k for k, start in enumerate(starts) if start <= chain.line)] += [(s.verdict, s.message)
                                                                               for s in chain.steps]
    return got


_CHAIN = "$$\\frac{t^2 + t}{t} = t + 1 \\le t + \\frac{1}{t} + 1$$"


@pytest.mark.parametrize("opening", [
    "For any $t > 0$,", "Let $t > 0$ be arbitrary. Then", "Take any $t>0$. Then", "Consider an arbitrary $t > 0$.",
    "For arbitrary $t>0$,", "For any $t \\in (0, \\infty)$,", "For every value $t > 0$,", "In all cases with $t > 0$,",
    "For each $t > 0$,", "Given any $t > 0$,", "Pick an arbitrary $t > 0$.", "For any real $t > 0$,",
    "Let $t$ be an arbitrary positive number.", "For any $t$ with $t > 0$,", "In general, for $t > 0$,",
])
def test_a_quantified_case_is_never_dropped_by_its_quantifier(tmp_path: Path, opening: str) -> None:
    # true for t > 0 (the difference is 1/t): a counterexample must respect the case (it was t = -23/2)
    (steps,) = _answers(tmp_path, f"{opening}\n{_CHAIN}")
    # (proved in the case where the sentence states it for the display: "let $t$ be an arbitrary positive number")
    assert steps[0][0] == Mark.PROVED and steps[1][0] in (Mark.PROVED, Mark.UNKNOWN)
    assert "holds in the case" in steps[1][1] and "t > 0" in steps[1][1].replace("0 < t", "t > 0")


def test_general_words_still_end_the_cases_and_values_before_them(tmp_path: Path) -> None:
    got = _answers(
        tmp_path,
        f"Suppose $t > 0$. In general,\n{_CHAIN}",  # refuted at a negative t
        f"Let $t$ be arbitrary. Then\n{_CHAIN}",
        # a value the student fixed stands under a quantified case of another name (it was refuted at c = 3)
        "Let $c = 2$. For any $t > 0$,\n$$c t > 0$$",
        # a case stated in the sentence of the cue stands, while the cue ends the cases before it
        "Suppose $x < -3$. Let $x > 0$ and let $f$ be an arbitrary function. Then\n$$\\sqrt{x^2} = x$$",
    )
    assert [v for v, _ in got[0]] == [Mark.PROVED, Mark.REFUTED]
    assert [v for v, _ in got[1]] == [Mark.PROVED, Mark.REFUTED]
    assert [v for v, _ in got[2]] == [Mark.UNKNOWN] and "c = 2, t > 0" in got[2][0][1]
    assert [v for v, _ in got[3]] == [Mark.UNKNOWN] and "x > 0" in got[3][0][1]


@pytest.mark.parametrize(("lead", "explicit"), [
    ("Let", True), ("1. We fix the step size", True), ("(a) We set", True), ("Now set the learning rate to", True),
    ("We choose the step size", True), ("Define", True),
    # after a label or a list marker, as at the start of a sentence
    ("**Solution.** Set", True), ("*Answer:* Fix", True), ("(a) Set", True), ("- Set", True), ("1. Choose", True),
    ("__Proof.__ Define", True), ("### Part 2\nSet", True), ("> **Step.** Set", True),
    # a value the answer finds, or words that only mention a set: no explicit definition
    ("we get", False), ("Then", False), ("hence", False), ("in the set", False), ("The step size is", False),
])
def test_an_explicit_definition_is_made_at_the_end_of_the_lead(lead: str, explicit: bool) -> None:
    assert (EXPLICIT.search(lead) is not None) is explicit


@pytest.mark.parametrize(("lead", "defining"), [
    ("Let", True), ("where", True), ("with", True), ("**Solution.** Let", True), ("**Solution.** Set", True),
    ("*Answer:* Take", True), ("(b) Fix", True), ("- Take", True), ("Set $n = 10$ and", True),
    ("Let $a = 2$, and", True), ("where $a = 2$, $b = 3$;", True),
    # a value the answer finds, a word in passing, or "take" in the middle of a sentence
    ("we get", False), ("Then", False), ("in the set", False), ("we can take the limit, so", False),
])
def test_the_words_that_define_a_name_in_text_math(lead: str, defining: bool) -> None:
    assert defines(lead) is defining


@pytest.mark.parametrize("label", [
    "**Solution.** Let", "**Solution.** Set", "*Answer:* Set", "(a) Define", "1. Set", "**Proof.** Take",
    "__Proof.__ Fix", "### Solution. Let", "**Solution:** Let",
])
def test_a_definition_after_a_label_is_read(tmp_path: Path, label: str) -> None:
    # "**Solution.** Let $n = 10$." then a display using n: the value proves the true line and refutes the slip
    (true_line, slip) = _answers(tmp_path, f"{label} $n = 10$.\n\n$$ n^2 = 100 $$",
                                 f"{label} $n = 10$.\n\n$$ n^2 = 99 $$")
    assert true_line == [(Mark.PROVED, "")], true_line
    assert [v for v, _ in slip] == [Mark.REFUTED], slip


def test_a_definition_in_a_list_item_after_a_label_is_read(tmp_path: Path) -> None:
    (steps,) = _answers(tmp_path, "- **Step.** Set $q = 7$.\n\n  $$ 2 q = 14 $$")
    assert steps == [(Mark.PROVED, "")], steps


@pytest.mark.parametrize("sentence", [
    "**Solution.** Let $n = 10$ and let $m = n + 1$.\n\n$$ m^2 = 121 $$",  # n's value stays once m is defined
    "**Solution.** Set $n = 10$ and $m = 2n$.\n\n$$ m = 20 $$",  # m = 2n is defined too, not a case
])
def test_several_definitions_in_one_sentence_are_all_read(tmp_path: Path, sentence: str) -> None:
    (steps,) = _answers(tmp_path, sentence)
    assert [v for v, _ in steps] == [Mark.PROVED], steps


@pytest.mark.parametrize(("lead", "named"), [
    ("For $a < 0$ the equation", True), ("Consider the quadratic equation:", True), ("Solve this equation", True),
    ("We use the equation above, so", False), ("Hence", False),
])
def test_an_equation_the_text_names(lead: str, named: bool) -> None:
    assert named_equation(lead) is named


def test_an_equation_the_text_names_is_no_identity_to_refute(tmp_path: Path) -> None:
    (lone, chain) = _answers(tmp_path, "For $a<0$ the equation\n$$ x^2 + a = 0 $$\nhas two real roots.",
                             "For $a<0$ the equation $x^2 + a = 0 = x^2 - |a|$ has two real roots.")
    assert [v for v, _ in lone] == [Mark.UNKNOWN] and "an equation the text names" in lone[0][1], lone
    assert [v for v, _ in chain] == [Mark.UNKNOWN] * 2 and all("the text names" in m for _, m in chain), chain


@pytest.mark.parametrize(("lead", "after"), [
    ("$$ n^2 + m = 103 $$ where", True), ("$$ n^2 + m = 103 $$ where $n = 10$ and", True),
    ("$$ n^2 + m + k = 104 $$ where $n = 10$, $m = 3$ and", True),
    ("$$ x = 1 $$ Now we see that", False), ("where", False),
])
def test_text_math_right_after_a_display(lead: str, after: bool) -> None:
    assert right_after_display(lead) is after


def test_every_value_given_right_after_a_display_is_its_case(tmp_path: Path) -> None:
    # "where $n = 10$ and $m = 3$": both values are the display's (it was refuted at m = -17)
    (true_line, slip) = _answers(tmp_path, "We have $$ n^2 + m = 103 $$ where $n = 10$ and $m = 3$.",
                                 "We have $$ n^2 + m = 104 $$ where $n = 10$ and $m = 3$.")
    assert [v for v, _ in true_line] == [Mark.UNKNOWN] and "n = 10, m = 3" in true_line[0][1], true_line
    assert [v for v, _ in slip] == [Mark.REFUTED], slip


@pytest.mark.parametrize(("lead", "expected"), [
    ("We show $n^2 \\ge n$ for every integer ", True),
    ("We show $n^2 \\ge n$ for all positive integers ", True),
    ("We show $n^2 \\ge n$ where ", True),
    ("$$n^2 \\ge n$$ for ", True),
    ("We show $n^2 \\ge n$. Let ", False),
    ("We show $n^2 \\ge n$ and conclude for every integer ", False),
    ("for every integer ", False),
])
def test_a_declaration_right_after_math_states_it_for_that_math(lead: str, expected: bool) -> None:
    assert declared_right_after(lead) is expected


def test_case_headings_state_the_case_the_math_after_them_works_in() -> None:
    """"**Base case.** $t = 1$" and "**Case 2:** $z < 0$" take a case (the arithmetic after it is checked)."""
    assert ASSUMING.search("We show it for all $n$.\n\n**Base case.**") is not None
    assert ASSUMING.search("Base case: ") is not None
    assert ASSUMING.search("**Case 2:** ") is not None
    assert ASSUMING.search("Case (ii): ") is not None


@pytest.mark.parametrize(("lead", "cued"), [
    ("We can rescale $v_t$ and consider a new update rule:", True),
    ("we introduce the new estimate", True),
    ("Consider a new", True),
    ("consider the case:", False),  # a case, not a name the answer makes
    ("using the new bound, we get", False),
])
def test_a_new_rule_the_answer_considers_is_a_definition_cue(lead: str, cued: bool) -> None:
    assert (CUES.search(lead) is not None) is cued


@pytest.mark.parametrize(("lead", "names"), [
    ("We pick $\\eta$ with", {"<eta"}),
    ("Take the learning rate $\\eta$ small, say", {"<eta"}),
    ("Let $\\epsilon > 0$ be small enough that", {"<epsilon"}),
    ("Choose $\\epsilon$ such that", {"<epsilon"}),
    ("Fix $\\delta_0$ and $M$ large enough so that", {"<delta_0", "<M"}),
    ("Let $x > 1$. Then", set()),  # no choice before the display
    ("Take $x = 2$, so that", set()),  # a value, not a condition
    ("Suppose $x > 1$, then we see that", set()),
])
def test_chosen_names_the_names_the_words_choose_by_the_display(lead: str, names: set[str]) -> None:
    assert chosen(lead) == names


@pytest.mark.parametrize(("lead", "expected"), [
    ("1. We want zero mean, so", True),
    ("We want zero mean, so\n\n$$\\mathbb{E}[a_i] = c = 0$$\n\nand unit variance:", True),  # the same sentence
    ("The density $p(x) = c x^2$ on $[0,1]$ must integrate to one:", True),
    ("We choose the scale so that the variance is one:", True),
    ("For an unbiased estimate we want", True),
    ("We need to show that", False),  # a claim to show
    ("We want zero mean. Hence", False),  # the requirement was another sentence
    ("Solving gives $$x = 1$$ for $\\mu = 0$, and therefore", False),
    ("We want zero mean, so\n\n$$c = 0$$\n\nand hence", False),  # drawn from it: no longer the requirement
    ("We want zero mean, so\n\n$$c = 0$$\n\nwhich gives", False),
    ("Under the condition $x > 0$,", False),  # a hypothesis, not a requirement
    ("We need not", False),  # denied
    ("It does not have to hold that", False),
])
def test_a_requirement_is_read_in_the_sentence_a_display_ends(lead: str, expected: bool) -> None:
    assert requiring(lead) is expected
@pytest.mark.parametrize(("lead", "retracted"), [
    ("It is *not* true that", True), ("and it is **not** true that", True), ("It is \\emph{not} true that", True),
    ("**Wrong:**", True), ("Incorrect:", True), ("One cannot conclude that", True), ("We may not write", True),
    ("It is true that", False), ("**Right:**", False), ("We cannot stop here:", False), ("Hence", False),
])
def test_words_that_take_a_row_back_are_read_through_emphasis(lead: str, retracted: bool) -> None:
    assert retracting(lead) is retracted


#: the names of the rows below, all real (as a course's notation file declares them)
_REAL = '[symbols]\nx = "real"\na = "real"\nb = "real"\n'


def test_denied_or_qualified_rows_are_never_refuted_and_slips_beside_neutral_words_are(tmp_path: Path) -> None:
    # R12: the student's own denial, in words around the display (emphasis, after it, a label)
    square = "$$ (a + b)^2 = a^2 + b^2 $$"
    denied = [f"It is *not* true that\n{square}", f"{square}\ndoes not hold in general.", f"**Wrong:**\n{square}",
              "One cannot conclude that\n$$ \\sqrt{a^2 + b^2} = a + b $$", f"The claim\n{square}\nis false."]
    # R3: a row restricted to a point, a case, an approximation, or an equation solved
    qualified = ["$$ x^2 = 4x - 4 \\quad \\text{evaluated at } x = 2 $$",
                 "$$ x^2 = 4x - 4 \\text{ in the case } x = 2 $$", "$$ (x+1)^2 = x^2 + 1 \\text{ only when } x = 0 $$",
                 "$$ x^2 = 4x - 4 \\text{ gives } x = 2 $$",
                 "$$ \\sin x = x - \\frac{x^3}{6} \\quad \\text{up to } O(x^5) $$",
                 "$$ e^x = 1 + x \\quad \\text{at } x = 0 \\text{ only} $$"]
    # genuine slips next to neutral words, or qualified at a point where they fail
    slips = [f"It is true that\n{square}", "$$ (a + b)^2 = a^2 + b^2 \\quad \\text{by expanding} $$",
             f"{square}\nThe previous answer is wrong.", "$$ x^2 = 4x - 3 \\text{ at } x = 2 $$",
             "$$ x^2 = 4x - 3 \\text{ is solved by } x = 2 $$"]
    (tmp_path / "n.toml").write_text(_REAL, encoding="utf-8")
    bodies = [*denied, *qualified, *slips]
    answer = tmp_path / "answer.md"
    answer.write_text("".join(f"## Answer {k}\n\n{b}\n\n" for k, b in enumerate(bodies, 1)), encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    got: dict[str, list[tuple[Mark, str]]] = {}
    for chain in sub.chains:
        got.setdefault(chain.question or "", []).extend((s.verdict, s.message) for s in chain.steps)
    for k, body in enumerate(bodies, 1):
        steps = got.get(str(k), [])
        if k <= len(denied) + len(qualified):
            assert steps and all(mark is not Mark.REFUTED for mark, _ in steps), (body, steps)
        else:
            assert steps and steps[0][0] is Mark.REFUTED, (body, steps)
    assert any("denies" in message for _, message in got["1"])


@pytest.mark.parametrize(("row", "marks"), [
    ("2x + 1 = 5 \\text{ so } x = 3", [Mark.UNKNOWN, Mark.REFUTED]),  # the value drawn is still checked
    ("x^2 = 4x - 4 \\text{ gives } x = 3", [Mark.UNKNOWN, Mark.REFUTED]),
    ("x^2 = 4x - 4 \\text{ gives } x = 2", [Mark.UNKNOWN, Mark.UNKNOWN]),  # never refuted as an identity
])
def test_a_row_a_value_is_drawn_from_is_an_equation_to_solve(tmp_path: Path, row: str, marks: list[Mark]) -> None:
    (tmp_path / "n.toml").write_text(_REAL, encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text(f"## Answer 1\n\n$$ {row} $$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, jobs=1, notation=tmp_path / "n.toml"))
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == marks
    assert "equation to solve" in steps[0].message


@pytest.mark.parametrize("lead", [
    "**Case 2:** otherwise. Then\n", "- Case 2 (otherwise): ", "*Case (b):* the opposite sign, so\n",
    "Case 2: otherwise, hence ", "In the other case we get ", "**Case 2** (the remaining case): ",
])
def test_the_other_case_is_opened_by_more_wordings(lead: str) -> None:
    assert OTHERWISE.search(lead) is not None


@pytest.mark.parametrize("lead", ["and nothing else. Then ", "the opposite sign of $x$ gives "])
def test_words_that_open_no_other_case_are_not_otherwise(lead: str) -> None:
    assert OTHERWISE.search(lead) is None


@pytest.mark.parametrize("second", [
    "**Case 2:** otherwise. Then\n$$|x| = -x.$$\n", "- Case 2 (otherwise): $$|x| = -x.$$\n",
    "*Case (b):* the opposite sign, so\n$$|x| = -x.$$\n",
])
def test_the_other_case_in_words_is_the_complement_of_the_first(tmp_path: Path, second: str) -> None:
    first = "**Case 1:** $x \\ge 0$. Then $$|x| = x.$$\n\n" if second.startswith("**") else (
        "- Case 1 ($x \\ge 0$): $$|x| = x.$$\n" if second.startswith("-")
        else "*Case (a):* $x \\geq 0$, so $$|x| = x.$$\n")
    graded_steps = steps(graded(tmp_path, f"# Q1\n\n{first}{second}"))
    assert len(graded_steps) == 2 and graded_steps[-1].verdict is Mark.PROVED
    assert "x < 0" in graded_steps[-1].message and Mark.REFUTED not in [s.verdict for s in graded_steps]
    wrong = second.replace("|x| = -x", "|x| = x")  # a slip in the other case: refuted at a point of that case
    graded_steps = steps(graded(tmp_path, f"# Q1\n\n{first}{wrong}"))
    assert graded_steps[-1].verdict is Mark.REFUTED and "x = -" in graded_steps[-1].counterexample


@pytest.mark.parametrize("cue", ["Consider instead", "From now on,", "Henceforth", "Take instead"])
def test_words_that_define_a_name_anew_define_it(tmp_path: Path, cue: str) -> None:
    assert defines(f"{cue} ")
    body = f"# Q1\n\nLet $h(x) = x^2$. Then $$h(2) = 4.$$\n{cue} $h(x) = x^3$, so\n$$h(2) = 8.$$\n"
    assert [s.verdict for s in steps(graded(tmp_path, body))] == [Mark.PROVED, Mark.PROVED]
    wrong = body.replace("h(2) = 8", "h(2) = 4")
    assert steps(graded(tmp_path, wrong))[-1].verdict is Mark.REFUTED
