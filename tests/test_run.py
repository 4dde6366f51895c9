"""Stage 3 of grading, as the grader runs it (symproofs.grading.run): a
display under a hypothesis in words that is not read."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade

_STEP = "$$ \\frac{n(n+1)}{2} + n = \\frac{(n+1)(n+2)}{2} $$"
_RIGHT = "$$ \\frac{n(n+1)}{2} + n + 1 = \\frac{(n+1)(n+2)}{2} $$"


def _marks(tmp_path: Path, lead: str, display: str) -> list[tuple[Mark, str]]:
    sub = graded(tmp_path, f"## Question 1\n\nInductive step. {lead}\n\n{display}\n")
    return [(s.verdict, s.message) for s in steps(sub)]


def test_a_line_false_for_every_value_is_refuted_under_an_induction_hypothesis(tmp_path: Path) -> None:
    ((verdict, message),) = _marks(tmp_path, "Assume the claim holds for $n$. Then", _STEP)
    assert verdict is Mark.REFUTED and "differ for every value" in message


def test_the_right_induction_step_is_not_refuted(tmp_path: Path) -> None:
    assert all(v is not Mark.REFUTED for v, _ in _marks(tmp_path, "Assume the claim holds for $n$. Then", _RIGHT))


def test_a_supposition_made_for_a_contradiction_still_holds_the_line_back(tmp_path: Path) -> None:
    # a contradictory supposition may make any line follow: never refuted under it
    ((verdict, _),) = _marks(tmp_path, "Suppose for contradiction that the claim holds for $n$. Then", _STEP)
    assert verdict is Mark.UNKNOWN


def test_a_side_undefined_at_the_value_the_text_fixes_is_never_proved(tmp_path: Path) -> None:
    # "let $c = 0$": x/c * c, 1/c, c/c and log c have no value there, whatever sympy folds them to
    sub = graded(tmp_path, "## Question 1\n\nLet $c = 0$ and let $x$ be a real number.\n\n"
                           "$$ \\frac{x}{c} \\cdot c = x $$\n\n$$ \\frac{1}{c} - \\frac{1}{c} = 0 $$\n\n"
                           "$$ \\log(c) - \\log(c) = 0 $$\n")
    got = [(s.verdict, s.message) for s in steps(sub)]
    assert len(got) == 3 and all(v is Mark.UNKNOWN and "undefined at c = 0" in m for v, m in got), got


def test_a_side_defined_at_the_value_the_text_fixes_is_still_proved(tmp_path: Path) -> None:
    sub = graded(tmp_path, "## Question 1\n\nLet $c = 2$ and let $x$ be a real number.\n\n"
                           "$$ \\frac{x}{c} \\cdot c = x $$\n")
    assert [s.verdict for s in steps(sub)] == [Mark.PROVED]


_A2 = Path(__file__).resolve().parents[1] / "examples" / "ift6135-h19-a2" / "notation.toml"


def test_one_step_of_backpropagation_outweighs_a_model_that_leaves_the_loss_terms_free(tmp_path: Path) -> None:
    """The chain rule through the next state, after a sum over ``k >= t`` of
    loss terms: a concrete model (the logistic activation) of the step as
    written leaves how ``L_k`` depends on the state free and tells the sides
    apart, in the text's case too; the step holds for every gradient of the
    next state, so it is proved, never refuted."""
    h = r"\boldsymbol{h}_{%s}^{(f)}"
    rows = (r"\nabla_{" + h % "t" + r"} L = \frac{\partial}{\partial " + h % "t" + r"} \sum_{k \geq t} L_{k}",
            r"= \nabla_{" + h % "t" + r"} L_{t} + \left(\frac{\partial " + h % "t+1" + r"}{\partial " + h % "t"
            + r"}\right)^{\top} \frac{\partial}{\partial " + h % "t+1" + r"} \sum_{k \geq t+1} L_{k}")
    text = "#### Answer 6.\n\n2. We have\n\n$$" + rows[0] + "$$\n\n$$" + rows[1] + "$$\n"
    path = tmp_path / "answer.md"
    path.write_text(text, encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=30, jobs=1, notation=_A2))
    marks = [s.verdict for c in sub.chains for s in c.steps]
    assert Mark.REFUTED not in marks and marks[-1] is Mark.PROVED
