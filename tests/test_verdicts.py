"""A refutation kept only where its point honours the definitions
(symproofs.grading.verdicts.confirm): a name a course definition gives
(``y = u^T x``) is put in, so a slip against the definition is refuted
and the line that honours it is not."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark

_NOTATION = """
[symbols]
gamma = "real"
beta = "real"
y = "real"

[matrices]
u = ["n"]
x = ["n"]
w = ["n"]

[random.variables]
x = { law = "generic" }

[definitions]
centred = '\\mathbb{E}[x] = 0'
whitened = '\\mathbb{E}[x x^\\top] = I_n'
weight = 'w = \\gamma \\frac{u}{\\|u\\|}'
preactivation = 'y = u^\\top x'
"""


def _verdicts(tmp_path: Path, *rows: str) -> list[Mark]:
    text = "## Answer 1\n\n" + "\n\n".join(rows) + "\n"
    return [s.verdict for s in steps(graded(tmp_path, text, notation=_NOTATION))]


def test_a_slip_against_a_definition_is_refuted_with_the_defined_name_put_in(tmp_path: Path) -> None:
    # u.x = 2y with y = u^T x: 1 vs 2 at u = x = e_1, a point where y honours its definition
    assert _verdicts(tmp_path, "$$ u \\cdot x = 2 y $$") == [Mark.REFUTED]


def test_the_line_that_honours_the_definition_is_not_refuted(tmp_path: Path) -> None:
    assert Mark.REFUTED not in _verdicts(
        tmp_path, "$$ u \\cdot x = y $$", "$$ w^\\top x = \\gamma \\frac{y}{\\|u\\|} $$"
    )


def test_a_dropped_term_against_two_definitions_is_refuted(tmp_path: Path) -> None:
    # gamma y/||u|| + beta = w^T x drops beta: refuted only with both y and w put in
    assert _verdicts(tmp_path, "$$ \\gamma \\frac{y}{\\|u\\|} + \\beta = w^\\top x $$") == [Mark.REFUTED]


def test_a_slip_about_expectations_the_givens_determine_is_refuted(tmp_path: Path) -> None:
    # E[y^2] = u^T E[x x^T] u = ||u||^2 and E[y]^2 = (u^T E[x])^2 = 0: determined, so no free value
    assert _verdicts(tmp_path, "$$ \\mathbb{E}[y^2] = \\mathbb{E}[y]^2 $$") == [Mark.REFUTED]
    assert Mark.REFUTED not in _verdicts(tmp_path, "$$ \\mathbb{E}[y^2] = \\|u\\|^2 + \\mathbb{E}[y]^2 $$")


_RNN = """
[functions]
names = ["sigma"]
elementwise = ["sigma"]

[matrices]
W = ["n", "m"]
U = ["n", "n"]
h = ["n"]
x = ["m"]

[sequences]
names = ["h"]
inputs = ["x"]

[definitions]
forward = { latex = 'h_t = \\sigma(W x_t + U h_{t-1})', for_all = "t" }
sigmoid = { latex = "\\\\sigma'(a) = \\\\sigma(a)(1 - \\\\sigma(a))", for_all = "a" }
"""


def _rnn(tmp_path: Path, row: str) -> list[Mark]:
    text = "## Answer 1\n\n" + row + "\n"
    return [s.verdict for s in steps(graded(tmp_path, text, notation=_RNN))]


def test_a_wrong_input_under_a_logistic_activation_is_refuted(tmp_path: Path) -> None:
    """The activation known by s' = s (1 - s) is modelled by the logistic
    function (no polynomial is one), so x_t written for x_{t+1} in the
    Jacobian of the next state is refuted, the fact honoured by the model."""
    row = ("$$\\frac{\\partial h_{t+1}}{\\partial h_{t}} = "
           "\\frac{\\partial}{\\partial h_{t}} \\sigma(W x_{t} + U h_{t})$$")
    assert _rnn(tmp_path, row) == [Mark.REFUTED]


def test_the_right_input_under_a_logistic_activation_is_not_refuted(tmp_path: Path) -> None:
    row = ("$$\\frac{\\partial h_{t+1}}{\\partial h_{t}} = "
           "\\frac{\\partial}{\\partial h_{t}} \\sigma(W x_{t+1} + U h_{t})$$")
    assert Mark.REFUTED not in _rnn(tmp_path, row)
