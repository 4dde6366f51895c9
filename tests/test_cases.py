"""Tests of the cases a text takes before its displays (symproofs.grading.cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.core.facts import Facts
from symproofs.core.goals import Context, Goal
from symproofs.core.model import Relation
from symproofs.core.results import Counterexample, StepResult, Trust, Verdict
from symproofs.grading.cases import (
    case_of,
    denials,
    denied_after,
    excepting,
    outside_case,
    range_case,
    spared,
    stated_as_hypothesis,
    stated_for,
    unread_exception,
    unread_hypothesis,
)
from symproofs.grading.document import ReadChain, ReadSide
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

i, j, k = sp.symbols("i j k", integer=True)
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
f = sp.Function("f", real=True)


def _refuted(**values: int) -> StepResult:
    cx = Counterexample(assignment=tuple((sp.Symbol(n, integer=True), sp.Integer(v)) for n, v in values.items()),
                        lhs=sp.Integer(1), rhs=sp.Integer(2))
    return StepResult(verdict=Verdict.REFUTED, method="refutation probe", trust=Trust.NONE, counterexample=cx)


def _goal(lhs: sp.Basic, rhs: sp.Basic) -> Goal:
    return Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(())))


def test_a_point_outside_the_case_is_no_refutation() -> None:
    goal = _goal(f(i) * f(j), f(i) ** 2)
    kept = outside_case(_refuted(i=1, j=2), goal, (sp.Ne(i, j),))
    assert kept.verdict is Verdict.REFUTED  # i != j holds there
    dropped = outside_case(_refuted(i=1, j=1), goal, (sp.Ne(i, j),))
    assert dropped.verdict is Verdict.UNKNOWN and dropped.counterexample is None
    assert dropped.message.startswith("not refuted: the text takes the case i ≠ j")  # the reason first


def test_a_case_about_a_name_the_step_does_not_use_can_be_met() -> None:
    # the step mentions i only: j can be chosen with j != i (or j = i + 1, or j > 5)
    goal = _goal(f(i), f(i) ** 2)
    for case in (sp.Ne(i, j), sp.Eq(j, i + 1), sp.Gt(j, 5)):
        assert outside_case(_refuted(i=1), goal, (case,)).verdict is Verdict.REFUTED
    # 2j = i + 2 at i = 1 has no integer j: the point may be outside the case
    assert outside_case(_refuted(i=1), goal, (sp.Eq(2 * j, i + 2),)).verdict is Verdict.UNKNOWN
    # about something else entirely: the step is refuted whatever the case
    assert outside_case(_refuted(i=1), goal, (sp.Ne(k, 3),)).verdict is Verdict.REFUTED


def test_a_case_never_proves() -> None:
    goal = _goal(x, x + 1)
    unknown = StepResult(verdict=Verdict.UNKNOWN, method="no strategy decided", trust=Trust.NONE)
    assert outside_case(unknown, goal, (sp.Eq(x, 0),)) is unknown


def _inline(lead: str, lhs: sp.Basic, rel: str, rhs: sp.Basic) -> tuple[ReadChain, list[ReadSide]]:
    sides = [ReadSide(line=1, column=1, relation=None, relation_text="", text=str(lhs), expr=lhs, error=None),
             ReadSide(line=1, column=9, relation=None, relation_text=rel, text=str(rhs), expr=rhs, error=None)]
    return ReadChain(line=1, sides=tuple(sides), links=(), kind="inline1", lead=lead, question=None), sides


def test_a_case_is_a_relation_between_names_after_an_if() -> None:
    assert case_of(*_inline("if ", i, "\\neq", j)) == (sp.Ne(i, j),)
    assert case_of(*_inline("for all ", x, ">", sp.Integer(0))) == (sp.Gt(x, 0),)
    assert case_of(*_inline("we get ", i, "\\neq", j)) is None  # no hypothesis cue
    # a hypothesis no value meets is kept, as written: the lines after it are vacuous, never refuted
    (supposed,) = case_of(*_inline("Suppose ", sp.sqrt(2), "=", sp.Rational(3, 2))) or ()
    assert isinstance(supposed, sp.Eq) and supposed.rhs == sp.Rational(3, 2)
    assert case_of(*_inline("we have ", sp.Integer(2), "<", sp.Integer(1))) is None  # a false fact is no case
    # "we assume E[h_i] = 0": about a moment, stated by the question, not a case of the names
    assert case_of(*_inline("we assume ", sp.Function("E")(f(i)), "=", sp.Integer(0))) is None


def test_independent_members_are_distinct() -> None:
    from symproofs.grading.cases import independence_case
    from symproofs.probability.variables import Independent

    h = sp.Function("h", real=True)
    m = sp.Symbol("m", integer=True)
    assert independence_case(Independent(h(k, j), h(k, m))) == (sp.Ne(j, m),)
    assert independence_case(Independent(h(i, j), h(k, m))) == (sp.Or(sp.Ne(i, k), sp.Ne(j, m)),)
    assert independence_case(Independent(h(j), f(m))) is None  # two families: nothing taken


def test_independent_entries_of_one_matrix_are_distinct() -> None:
    from symproofs.grading.cases import independence_case
    from symproofs.probability.variables import Independent

    n = sp.Symbol("n", integer=True, positive=True)
    mask = sp.MatrixSymbol("R", n, n)
    assert independence_case(Independent(mask[k - 1, i - 1], mask[k - 1, j - 1])) == (sp.Ne(i, j),)
    assert independence_case(Independent(mask[k - 1, i - 1], sp.MatrixSymbol("X", n, n)[k - 1, j - 1])) is None


@pytest.mark.parametrize(("lead", "hypothesis"), [
    ("If $\\sigma$ is the identity,\n\n", True),
    ("Suppose the data are centred. Then", True),
    ("Hence, when the model is linear we have:", True),
    ("If nothing changes, then", True),
    ("Assuming the line passes through the origin,", True),
    ("Given that the graph goes through the origin,", True),
    ("In the special case of a line through the origin,", True),
    ("Under the assumption that the noise vanishes,", True),
    # a procedure, not a hypothesis
    ("If we expand the square, we get", False),
    ("When differentiating, we get", False),
    ("If needed, we write", False),
    ("When expanded, the square is", False),
    ("If memory serves,", False),
    ("When all is said and done,", False),
    # a case in math: the cases read it (or find it unreadable) themselves
    ("Suppose now that $h = 4$.", False),
    ("If $x \\ge 0$ then", False),
    ("We have", False),
    # a sign or a bound in words that is not read, as a fact too
    ("Here the product of $x$ and $y$ is negative, so", True),
    ("Here $t$ is at least $2$ more than $s$. Hence", True),
    ("By assumption $x$ is positive, so", False),  # read: a case
    # a relation in plain text, not math: after "for", a case heading, a label, or as a sentence of its own
    ("For a<0,", True), ("for all x >= 1 we have", True), ("**(a)** For a<0,", True),
    ("**Case 1:** x > 0. Then", True), ("*Case 2:* x<0. Then", True), ("Case 1: x > 0. Then", True),
    ("*Answer:* If the data are centred,", True),
    ("For this reason,", False), ("In case you wonder,", False), ("Hence for all x, we have", False),
    ("$$S_n = \\frac{n(n-1)}{2}.$$\nHence", False),  # a display before: no words of a hypothesis
])
def test_a_hypothesis_in_words_is_found_before_its_display(lead: str, hypothesis: bool) -> None:
    assert (unread_hypothesis(lead) is not None) is hypothesis


def test_a_refutation_under_a_hypothesis_in_plain_text_is_held_back(tmp_path: Path) -> None:
    path = tmp_path / "answer.md"
    path.write_text("## Answer 1\n\nFor a<0,\n$$ |a| + a = -a + a = 0 $$\n\n## Answer 2\n\n"
                    "Case 1: x > 0. Then $$ |x| + 1 = x + 1 \\le 2x + 1 $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    steps = [(s.verdict, s.message) for c in sub.chains for s in c.steps]
    assert [v for v, _ in steps] == [Mark.UNKNOWN, Mark.PROVED, Mark.UNKNOWN, Mark.UNKNOWN], steps
    assert "'For a<0,'" in steps[0][1] and all("'x > 0'" in m for _, m in steps[2:]), steps


def test_a_hypothesis_in_words_reaches_past_the_math_after_its_comma() -> None:
    # "if sigma is the identity, $y = v^T W x$, and": the hypothesis is the words before the comma
    assert unread_hypothesis("If $\\sigma$ is the identity, $\\hat y = v^\\top W x$, and") is not None
    assert unread_hypothesis("If $x = 2$, then $y = 4$ and") is None


@pytest.mark.parametrize(("text", "denied"), [
    # a plain denial: the other case
    ("Here $x > 0$ does not hold. Hence", True),
    ("$x > 0$ is false. Hence", True),  # the case opens the text
    ("In this part $x > 0$ is false, so", True),
    ("If $x > 0$ does not hold, then", True),
    ("We cannot have $x > 0$. Hence", True),
    # a denial inside a negation, a question or a hedge: neither case
    ("It is not the case that $x > 0$ does not hold. Hence", None),
    ("Could it be that $x > 0$ fails? No: the data rule that out. Hence", None),
    ("The claim that $x > 0$ is false would be a mistake. Hence", None),
    ("Perhaps $x > 0$ fails. Then", None),
    ("It is wrong that we cannot have $x > 0$. Hence", None),
    # a question or a denial in other words, without a plain denial: neither case either
    ("Is $x > 0$? No. Hence", None),
    ("It is false that $x > 0$. Hence", None),
    ("In this part $x > 0$ never holds, so", None),
    # the case stated
    ("Assume $x > 0$. Then", False),
    ("If $y$ is not zero and $x > 0$, then", False),
    ("For $x > 0$ and $y$ not zero, we have", False),
    ("For $x > 0$ we do not need the absolute value:", False),
    ("Assume $x > 0$, since otherwise the bound is wrong. Then", False),  # about something else
])
def test_the_words_around_a_case_deny_it_plainly_or_in_a_way_not_read(text: str, denied: bool | None) -> None:
    before = text[:text.index("$x > 0$")].rstrip("$ \n")
    assert denied_after(text, before) is denied


def test_a_case_denied_in_a_way_not_read_is_never_the_other_case() -> None:
    y = sp.Symbol("y", real=True)
    lead = "It is not the case that $x > 0$ does not hold. Here $y > 0$ is false. Hence"
    taken = [(sp.Gt(x, 0), "It is not the case that"), (sp.Gt(y, 0), lead[:lead.index("$y")].rstrip("$ "))]
    denied, unclear = denials(lead, [], taken)
    assert denied == {sp.Gt(y, 0): sp.Le(y, 0)}
    assert list(unclear) == [sp.Gt(x, 0)] and unclear[sp.Gt(x, 0)].startswith("It is not the case that $x > 0$")


def test_a_hypothesis_in_words_beside_a_case_is_found_too() -> None:
    from symproofs.grading.cases import partly_unread
    assert partly_unread("If $f$ is linear and $b = 1$, then") is not None
    assert partly_unread("If $x$ is positive and $b = 1$, then") is None  # a sign: the cases read it
    assert partly_unread("If $b = 1$, then") is None


@pytest.mark.parametrize(("lead", "case"), [
    ("Unless ", sp.Gt(x, 0)), ("Except when ", sp.Gt(x, 0)), ("Excluding ", sp.Gt(x, 0)),
    ("Excluding the case ", sp.Gt(x, 0)), ("Apart from ", sp.Gt(x, 0)), ("Other than when ", sp.Gt(x, 0)),
    ("For all $x$ except ", sp.Gt(x, 0)), ("The identity holds unless ", sp.Gt(x, 0)),
    # the other case of one read further on in such a sentence is not read ("unless $y < 0$ or $x \le 0$")
    ("Unless $y < 0$ or ", None),
])
def test_a_case_set_aside_is_its_other_side(lead: str, case: sp.Basic | None) -> None:
    got = case_of(*_inline(lead, x, "\\le", sp.Integer(0)))
    assert got == ((case,) if case is not None else None)


def test_what_sets_a_case_aside() -> None:
    assert excepting("Unless") is True and excepting("Except for the case") is True
    assert excepting("Unless $y < 0$ or") is False and excepting("For $t$ not in") is True
    assert excepting("If") is None and excepting("For all") is None
    assert excepting("The division is invalid unless") is False  # turned round: not read


def test_an_exception_not_read_holds_the_refutation_back() -> None:
    read = [(sp.Gt(x, 0), "## Answer 1\n\nUnless")]
    assert unread_exception("## Answer 1\n\nUnless $x \\le 0$, we get", read) is None
    for lead in ("Unless $x \\le 0$, we get", "Except when $f$ is odd,", "For $t$ not in $(-\\infty, 0]$,",
                 "Unless $x < 0$ or $y < 0$, we get"):
        assert unread_exception(lead, []) is not None, lead
    assert unread_exception("If $x > 0$, then", []) is None  # no exception at all


def test_a_cue_that_ends_the_cases_spares_those_of_its_own_sentence() -> None:
    lead = "Suppose $x < -3$. Let $y > 0$ and let $f$ be arbitrary. Then"
    y = sp.Symbol("y", real=True)
    taken = [(sp.Lt(x, -3), "Suppose"), (sp.Gt(y, 0), "Suppose $x < -3$. Let")]
    assert spared(lead, "Let $y > 0$ and let $f$ be arbitrary. Then", (sp.Lt(x, -3), sp.Gt(y, 0)), taken) == (
        sp.Gt(y, 0),)


_CHAIN = "$$\\frac{t^2 + t}{t} = t + 1 \\le t + \\frac{1}{t} + 1$$"
_ROOT = "$$\\sqrt{z^2} = |z| = z$$"


@pytest.mark.parametrize(("body", "expected", "said"), [
    # the other side of the exception is the case: true there, never refuted in the excluded region
    (f"Unless $t \\le 0$, we get\n{_CHAIN}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case t > 0"),
    (f"Except when $z < 0$, we have\n{_ROOT}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case z ≥ 0"),
    (f"Excluding $z < 0$,\n{_ROOT}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case z ≥ 0"),
    (f"Excluding the case $z < 0$,\n{_ROOT}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case z ≥ 0"),
    (f"Apart from $z < 0$,\n{_ROOT}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case z ≥ 0"),
    (f"For all $z$ except $z < 0$,\n{_ROOT}", [Mark.PROVED, Mark.UNKNOWN], "holds in the case z ≥ 0"),
    # and a step false on that side is still refuted there
    (f"Apart from $z \\ge 0$,\n{_ROOT}", [Mark.PROVED, Mark.REFUTED], "at z = -"),
    (f"Unless $z \\ge 0$,\n{_ROOT}", [Mark.PROVED, Mark.REFUTED], "at z = -"),
    # an exception whose other side is not read holds the refutation back, saying so
    (f"Unless $t \\in (-\\infty, 0]$, we get\n{_CHAIN}", [Mark.PROVED, Mark.UNKNOWN], "not refuted: the text"),
    (f"Except when $f$ is odd,\n{_CHAIN}", [Mark.PROVED, Mark.UNKNOWN], "'Except when $f$ is odd,'"),
    (f"For $t$ not in $(-\\infty, 0]$,\n{_CHAIN}", [Mark.PROVED, Mark.UNKNOWN], "not refuted: the text"),
    (f"Unless $t < 0$ or $t = 0$, we get\n{_CHAIN}", [Mark.PROVED, Mark.UNKNOWN], ""),
], ids=["unless", "except-when", "excluding", "excluding-the-case", "apart-from", "for-all-except",
        "apart-from-false", "unless-false", "unless-interval", "except-in-words", "not-in", "unless-or"])
def test_a_case_set_aside_before_a_display(tmp_path: Path, body: str, expected: list[Mark], said: str) -> None:
    path = tmp_path / "answer.md"
    path.write_text(f"## Answer 1\n\n{body}\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == expected, [(s.verdict, s.message) for s in steps]
    last = steps[-1]
    assert said in (last.message or "") + (last.counterexample or "")


_SETTING = "the setting the text works in: a case, not a claim (not checked)"


@pytest.mark.parametrize(("body", "expected"), [
    # a chain of bounds and names after "with": the case, never a claim (0 < mu was refuted at mu = -6)
    ("Let $f(x) = x^2$ with $0 < \\mu = a \\le b = L$. Then\n$$\\frac{L}{\\mu} - 1 \\ge 0$$\n",
     [Mark.UNKNOWN, Mark.UNKNOWN]),
    ("Let $f(x) = x^2$ with $0 < \\mu = \\lambda_1 \\le \\dots \\le \\lambda_m = L$.\n", [Mark.UNKNOWN]),
    ("The bound holds where $0 < \\mu = a \\le L$.\n", [Mark.UNKNOWN]),
    ("For $0 < s = t < 1$ we get\n$$s^2 < 1$$\n", [Mark.UNKNOWN, Mark.PROVED]),
    ("Take $u$ such that $1 < u = v$.\n", [Mark.UNKNOWN]),
    ("Assume $0 < x = y^2 \\le 1$.\n", [Mark.UNKNOWN]),
    ("Given $0 \\le p = q \\le 1$, the weights are fine.\n", [Mark.UNKNOWN]),
    # a step false inside the case is still refuted there (a = b, 0 < a <= 1: a^2 = 2b fails at a = 1)
    ("Let $0 < a = b \\le 1$, and\n$$a^2 = 2b$$\n", [Mark.UNKNOWN, Mark.REFUTED]),
    # compound sides after "with" are a claim in passing, checked as written
    ("with $x^2 + 1 = (x + 1)^2 - 2x \\le 0$\n", [Mark.PROVED, Mark.REFUTED]),
], ids=["with", "with-ellipsis", "where", "for", "such-that", "assume", "given", "refuted-inside",
        "compound-claim"])
def test_a_chain_of_bounds_and_names_that_states_the_setting_is_a_case(
        tmp_path: Path, body: str, expected: list[Mark]) -> None:
    path = tmp_path / "answer.md"
    path.write_text(f"## Answer 1\n\n{body}", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    steps = [s for c in sub.chains for s in c.steps]
    assert [s.verdict for s in steps] == expected, [(s.verdict, s.message) for s in steps]
    if expected[0] is Mark.UNKNOWN:
        assert steps[0].message == _SETTING


@pytest.mark.parametrize(("name", "text"), [
    # a problem statement the document does not number: its setting is a case, never refuted
    ("answer.tex", "\\section{Gradient descent}\n\\textbf{Problem.} Let $f(x) = \\frac12 \\sum_{i=1}^{m} \\lambda_i "
                   "x_i^2$ with $0 < \\mu = \\lambda_1 \\le \\lambda_m = L$. Find the best step.\n\n"
                   "\\textbf{Solution.} The best step is $\\eta^* = \\frac{2}{\\mu + L}$.\n"),
    # a numbered one: a statement, whose bounds are the question's facts (L/mu - 1 >= 0 was refuted)
    ("answer.md", "## Question 1\n\nLet $0 < \\mu = \\lambda_1 \\le \\dots \\le \\lambda_m = L$. Show the bound.\n\n"
                  "## Answer 1\n\n$$\\frac{L}{\\mu} - 1 = \\frac{L - \\mu}{\\mu} \\ge 0$$\n"),
    ("answer.md", "**Problem 1.** Let $0 < \\mu = \\lambda_1 \\le \\lambda_m = L$. Show the bound.\n\n"
                  "**Solution.** We have\n$$\\frac{L}{\\mu} - 1 = \\frac{L - \\mu}{\\mu} \\ge 0$$\n"),
], ids=["unnumbered-problem", "numbered-question", "problem-and-solution"])
def test_the_setting_a_problem_states_is_never_refuted(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    steps = [s for c in sub.chains for s in c.steps]
    # (the unnumbered problem's statement is read as a statement: nothing in it is graded at all)
    assert steps or name.endswith(".tex"), "nothing graded"
    assert all(s.verdict is not Mark.REFUTED for s in steps), [(s.line, s.verdict, s.message) for s in steps]
    assert not any(s.line == 1 or (name.endswith(".md") and s.line == 3) for s in steps if s.message != _SETTING)


def _graded_steps(tmp_path: Path, body: str) -> list[tuple[Mark, str]]:
    return [(s.verdict, s.message) for s in steps(graded(tmp_path, "# Q\n\n" + body))]


def test_an_equation_between_constants_is_refuted_whatever_case_the_text_takes(tmp_path: Path) -> None:
    # a law and a value of its parameter: 2 + 2 = 5 and 0.21 = 0.25 fail at p = 3/10 too (no point "at p = ...")
    law = "Let $B \\sim \\mathrm{Bernoulli}(p)$ and take $p = 0.3$. Then\n\n"
    steps = _graded_steps(tmp_path, law + "$$ 2 + 2 = 5 $$\n")
    assert [v for v, _ in steps] == [Mark.REFUTED]
    steps = _graded_steps(tmp_path, law + "$$ \\operatorname{Var}(B) = 0.3 \\cdot 0.7 = 0.21 = 0.25 $$\n")
    assert [v for v, _ in steps] == [Mark.UNKNOWN, Mark.PROVED, Mark.REFUTED]
    assert "holds in the case" in steps[0][1]  # a step about B: its truth rests on p, the case still counts


def test_a_step_about_the_cases_name_is_still_held_in_the_case(tmp_path: Path) -> None:
    # (p + 1)^2 = p^2 + 1.6 holds at p = 3/10 only: not refuted there, and a plain name the case does not fix
    # beside it changes nothing
    law = "Let $B \\sim \\mathrm{Bernoulli}(p)$ and take $p = 0.3$. Then\n\n"
    steps = _graded_steps(tmp_path, law + "$$ (p + 1)^2 + u - u = p^2 + 1.6 $$\n")
    assert [v for v, _ in steps] == [Mark.UNKNOWN]


def test_a_point_is_not_set_aside_for_a_case_on_names_a_plain_step_does_not_use() -> None:
    p = sp.Symbol("p", real=True)
    result = StepResult(verdict=Verdict.REFUTED, method="probe", trust=Trust.NONE, counterexample=Counterexample(
        assignment=((x, sp.Integer(1)), (p, sp.Rational(2, 5))), lhs=sp.Integer(2), rhs=sp.Integer(3)))
    kept = outside_case(result, _goal(x + 1, x + 2), (sp.Eq(p, sp.Rational(3, 10)),))
    assert kept.verdict is Verdict.REFUTED
    assert kept.counterexample is not None and dict(kept.counterexample.assignment) == {x: 1}  # p: no part of it
    held = outside_case(result, _goal(x + p, 2 * x), (sp.Eq(p, sp.Rational(3, 10)),))
    assert held.verdict is Verdict.UNKNOWN  # the step speaks of p: the point p = 2/5 is outside the case


def _range(lead: str, *sides: tuple[str, sp.Basic]) -> ReadChain:
    relations = {"": None, ">": Relation.GT, "<": Relation.LT, "\\le": Relation.LE, "\\ge": Relation.GE}
    read = tuple(ReadSide(line=1, column=4 * k + 1, relation=relations[rel], relation_text=rel, text=str(e), expr=e,
                          error=None) for k, (rel, e) in enumerate(sides))
    return ReadChain(line=1, sides=read, links=(), kind="range", lead=lead, question=None)


@pytest.mark.parametrize(("lead", "sides", "taken"), [
    # every link of a chain, and what the chain states between its ends: a > b > 0 makes a positive too
    ("Suppose", (("", x), (">", y), (">", sp.S.Zero)), {sp.Gt(x, y), sp.Gt(y, 0), sp.Gt(x, 0)}),
    ("Suppose", (("", sp.S.Zero), ("<", y), ("\\le", x)), {sp.Lt(0, y), sp.Le(y, x), sp.Lt(0, x)}),
    ("for", (("", sp.S.Zero), ("<", x), ("<", sp.S.One)), {sp.Lt(0, x), sp.Lt(x, 1)}),  # (0 < 1: nothing to take)
    ("for", (("", -sp.oo), ("<", x), ("<", sp.S.Zero)), {sp.Lt(x, 0)}),  # an infinite end bounds nothing
], ids=["chain-down", "chain-up", "interval", "infinite-end"])
def test_a_chained_range_takes_every_link_and_what_they_compose_to(
        lead: str, sides: tuple[tuple[str, sp.Basic], ...], taken: set[sp.Basic]) -> None:
    case = range_case(_range(lead, *sides))
    assert case is not None and set(case) == taken


def test_a_chained_hypothesis_proves_what_holds_only_with_every_link(tmp_path: Path) -> None:
    # 1/a < 1/b needs both a > b and b > 0; sqrt(a^2) = a needs a > 0, which only the chain as a whole states
    for claim in ("\\frac{1}{a} < \\frac{1}{b}", "\\sqrt{a^2} = a"):
        steps = _graded_steps(tmp_path, f"Suppose $a > b > 0$. Then\n\n$$ {claim} $$\n")
        assert [v for v, _ in steps] == [Mark.PROVED], steps
    steps = _graded_steps(tmp_path, "Suppose $a > b > 0$. Then\n\n$$ \\frac{1}{a} > \\frac{1}{b} $$\n")
    assert [v for v, _ in steps] == [Mark.REFUTED], steps  # refuted inside the case


def test_a_hypothesis_no_value_meets_shows_no_point_outside_it(tmp_path: Path) -> None:
    # a^2 < 0 holds nowhere: no counterexample "at a = 7" breaking the answer's own assumption
    steps = _graded_steps(tmp_path, "We assume $a^2 < 0$. Then\n\n$$ a + 1 = a $$\n")
    assert [v for v, _ in steps] == [Mark.UNKNOWN], steps
    assert "no value meets" in steps[0][1]


@pytest.mark.parametrize("words", ["for every integer $x \\ge 0$", "where $x$ is a nonnegative integer",
                                   "for all natural numbers $x$"])
def test_a_declaration_after_the_math_on_its_line_is_its_case(tmp_path: Path, words: str) -> None:
    # x^2 >= x holds for every integer x: the fraction x = 1/2 is outside what the line states
    steps = _graded_steps(tmp_path, f"We show $x^2 \\ge x \\ge -x^2$ {words}.\n")
    assert steps[0][0] is Mark.UNKNOWN and ("x ∈ ℕ" in steps[0][1] or "x ∈ ℤ" in steps[0][1])
    assert all(mark is not Mark.REFUTED for mark, _ in steps)


def test_a_declaration_of_another_name_after_the_math_is_not_its_case(tmp_path: Path) -> None:
    steps = _graded_steps(tmp_path, "We show $x^2 \\ge x \\ge -x^2$ for every integer $n$.\n")
    assert steps[0][0] is Mark.REFUTED


_TWO_CASES = "we need to examine two cases that decide whether the variables are independent or not:\n\n"


@pytest.mark.parametrize(("gap", "stated"), [
    # the display is a part of the consequence the case's sentence draws
    (", then $R_{ki}$ and $R_{kj}$ are independent (as different entries) and we have that:", True),
    (", then $f$ is odd and we get", True),
    # a finished sentence, or another quantifier, between: not stated for the display
    (", then $R_{ki}$ and $R_{kj}$ are independent. So we have:", False),
    (", then for all $k$ we have:", False),
])
def test_a_case_is_stated_for_a_display_its_consequence_leads_to(gap: str, stated: bool) -> None:
    opening = _TWO_CASES + "\u2022 if"
    before = stated_as_hypothesis(opening)
    assert before is not None  # after a bullet too
    assert stated_for(opening + "  $i \\neq j$" + gap, before) is stated


def test_a_range_with_an_expression_bound_is_the_case_after_a_setting_word() -> None:
    # "with $0 < \eta \le \frac{1}{L}$", "a step $0 < \delta \le \frac{1}{1-\beta}$": a name between bounds is the
    # case whatever its ends (F6); one bound the declarations already make hold (delta > 0) drops, the rest stands
    eta, big_l = sp.Symbol("eta", real=True), sp.Symbol("L", real=True)
    case = range_case(_range("We use gradient descent with", ("", sp.S.Zero), ("<", eta), ("\\le", 1 / big_l)))
    assert case is not None and {sp.Lt(0, eta), sp.Le(eta, 1 / big_l)} <= set(case)
    delta, beta = sp.Symbol("delta", positive=True), sp.Symbol("beta", real=True)
    case = range_case(_range("with a step", ("", sp.S.Zero), ("<", delta), ("\\le", 1 / (1 - beta))))
    assert case is not None and sp.Le(delta, 1 / (1 - beta)) in case
    # an expression in the middle is no range of a name: a claim, no case (x^2 >= 2x >= 3)
    assert range_case(_range("with", ("", x**2), ("\\ge", 2 * x), ("\\ge", sp.Integer(3)))) is None


@pytest.mark.parametrize("body", [
    "Let $L > 0$. We use gradient descent with $0 < \\eta \\le \\frac{1}{L}$, so\n\n$$\\eta L \\le 1$$\n",
    "For $L > 0$ and $0 < \\eta \\le \\frac{1}{L}$,\n\n$$1 - \\frac{\\eta L}{2} \\ge \\frac{1}{2}$$\n",
    "With $0 < \\beta < 1$, we take a step $0 < \\delta \\le \\frac{1}{1-\\beta}$, so\n\n"
    "$$\\delta(1-\\beta) \\le 1$$\n",
], ids=["with-so", "for-and", "a-step"])
def test_a_consequence_of_a_range_with_an_expression_bound_is_not_refuted_outside_it(tmp_path: Path,
                                                                                     body: str) -> None:
    steps = _graded_steps(tmp_path, body)
    assert steps and all(v is not Mark.REFUTED for v, _ in steps), steps


def test_a_false_consequence_of_a_range_with_an_expression_bound_is_refuted_inside_it(tmp_path: Path) -> None:
    # eta L <= 1/2 fails at eta = 1/L, inside the range the text states
    steps = _graded_steps(tmp_path, "Let $L > 0$. We use gradient descent with $0 < \\eta \\le \\frac{1}{L}$, so\n\n"
                                    "$$\\eta L \\le \\frac{1}{2}$$\n")
    assert [v for v, _ in steps] == [Mark.REFUTED], steps


def test_a_name_bounded_by_a_formula_in_passing_is_a_case() -> None:
    # "a step size $\eta \le \frac{1}{L}$": a name bounded in passing by a formula of other names, as by a number
    eta, big_l, big_t = sp.Symbol("eta", real=True), sp.Symbol("L", real=True), sp.Symbol("T", real=True)
    assert case_of(*_inline("We use a step size ", eta, "\\le", 1 / big_l)) == (sp.Le(eta, 1 / big_l),)
    assert case_of(*_inline("a learning rate ", 1 / sp.sqrt(big_t), "\\ge", eta)) == (sp.Ge(1 / sp.sqrt(big_t), eta),)
    assert case_of(*_inline("hence ", eta, "\\le", 1 / big_l)) is None  # drawn: no case
    assert case_of(*_inline("the value ", x, "\\le", x**2)) is None  # the name on both sides: no bound of it


def test_a_consequence_of_a_one_sided_formula_bound_in_passing_is_refuted_only_inside_it(tmp_path: Path) -> None:
    lead = "Let $L > 0$. We use a step size $\\eta \\le \\frac{1}{L}$, so\n\n"
    assert all(v is not Mark.REFUTED for v, _ in _graded_steps(tmp_path, lead + "$$\\eta L \\le 1$$\n"))
    assert [v for v, _ in _graded_steps(tmp_path, lead + "$$\\eta L \\le \\frac{1}{2}$$\n")] == [Mark.REFUTED]
_Q4 = ('[matrices]\nu = ["n"]\nw = ["n"]\n[symbols]\ngamma = "real"\nn = "positive integer"\n'
       "[definitions]\nweight = 'w = \\gamma \\frac{u}{\\|u\\|}'\n")


def test_a_case_on_a_vectors_norm_keeps_a_refutation_outside_it_away(tmp_path: Path) -> None:
    # "assume ||u|| = 1": w = gamma u / ||u|| is gamma u there; a point with ||u|| = 2 is no counterexample
    body = "Assume $\\|u\\| = 1$. Then\n$$ w = \\gamma u $$\n"
    graded_steps = steps(graded(tmp_path, "# Q1\n\n" + body, notation=_Q4))
    assert graded_steps and all(s.verdict is not Mark.REFUTED for s in graded_steps)
    assert any("Norm(u) = 1" in s.message or "‖u‖" in s.message for s in graded_steps), [
        s.message for s in graded_steps]


@pytest.mark.parametrize(("lead", "display", "mark"), [
    ("Plugging in $\\mu = 1$, $\\sigma^2 = 4$:", "\\mu^2 + \\sigma^2 = 5", Mark.PROVED),
    ("Plugging in $\\mu = 1$, $\\sigma^2 = 4$:", "\\mu^2 + \\sigma^2 = 6", Mark.REFUTED),
    ("Let $\\sigma^2 = 4$ and $\\mu = 1$. Then", "\\mu \\sigma = 2", Mark.REFUTED),  # sigma = -2: no sign taken
    ("Let $a^2 = 4$ and $b = 1$. Then", "a^2 + b = 5", Mark.PROVED),
])
def test_a_value_given_to_a_power_beside_another_is_a_case(tmp_path: Path, lead: str, display: str,
                                                          mark: Mark) -> None:
    """"$\\sigma^2 = 4$" beside "$\\mu = 1$": the case sigma^2 = 4 (a constraint, sigma's sign not taken): the line
    is proved only at the value, never refuted at sigma = 0; a slip in the case is refuted."""
    found = [(v, m) for v, m in _graded_steps(tmp_path, f"{lead}\n$$ {display} $$\n")]
    assert [v for v, _ in found] == [mark], found
    if mark is Mark.PROVED:
        assert "the text states for it" in found[0][1]


@pytest.mark.parametrize(("lead", "display", "mark"), [
    ("Take $(a, b) = (3, 4)$. Then", "\\sqrt{a^2 + b^2} = 5", Mark.PROVED),
    ("At the point $(x, y) = (1, 2)$ we have", "x + y = 3", Mark.UNKNOWN),  # held in the case
    ("Take $(a, b) = (3, 4)$. Then", "\\sqrt{a^2 + b^2} = 6", Mark.REFUTED),
])
def test_a_point_given_by_a_tuple_is_the_case_after_it(tmp_path: Path, lead: str, display: str, mark: Mark) -> None:
    """``(a, b) = (3, 4)``: the case a = 3, b = 4 (read as "$a = 3, b = 4$"): never refuted at another point."""
    notation = '[symbols]\na = "real"\nb = "real"\nx = "real"\ny = "real"\n'
    found = [(s.verdict, s.message) for s in steps(graded(tmp_path, f"# Q\n\n{lead}\n$$ {display} $$\n",
                                                          notation=notation))]
    assert [v for v, _ in found] == [mark], found
