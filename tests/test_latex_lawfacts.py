"""What a declared law says of the names of its parameters (symproofs.latex.lawfacts):
a variance written as a name squared makes the name a standard deviation, U(a, b) needs
a < b, Bernoulli(p) a probability p; never where the text or the notation says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.lawfacts import law_facts, stated_alone
from symproofs.latex.notation import RandomVariable
from symproofs.latex.parser import parse_math

sigma, s, a, b, p = sp.symbols("sigma s a b p", real=True)


@pytest.mark.parametrize(("text", "names"), [
    ("Let $\\sigma \\in \\mathbb{R}$.", {"\\sigma"}),
    ("for $\\sigma < 0$", {"\\sigma"}),
    ("with $0 < p < 1$", {"p"}),
    ("$a, b > 0$", {"a", "b"}),
    ("where $\\sigma$ may be negative", {"\\sigma"}),
    ("and $s$ is any real number", {"s"}),
    # not said of the name alone: a claim about it, a square, a law, another name beside it
    ("so $\\sqrt{\\sigma^2} = \\sigma$", set()),
    ("$\\sigma^2 > 0$", set()),
    ("$X \\sim \\mathcal{N}(0, \\sigma^2)$", set()),
    ("$a < b$", set()),
    ("where $\\sigma$ is the standard deviation", set()),
])
def test_the_names_a_text_states_something_of_alone(text: str, names: set[str]) -> None:
    assert stated_alone(text) == names


def _facts(*variables: RandomVariable, constraints: tuple[sp.Basic, ...] = (), declared: tuple[str, ...] = (),
           facts: tuple[sp.Basic, ...] = ()) -> tuple[sp.Basic, ...]:
    return law_facts(variables, constraints, parse_math, declared, facts)


def test_a_variance_as_a_name_squared_makes_the_name_a_standard_deviation() -> None:
    normal = RandomVariable(name="X", law="normal", params=(("mean", "\\mu"), ("var", "\\sigma^2")))
    assert _facts(normal) == (sp.Ge(sigma, 0),)
    generic = RandomVariable(name="W", law="generic", params=(("var", "s^2"),))
    assert _facts(generic) == (sp.Ge(s, 0),)
    for var in ("\\sigma", "4", "\\sigma^2 + 1", "(a - b)^2"):  # no name squared: nothing
        assert _facts(RandomVariable(name="X", law="normal", params=(("mean", "0"), ("var", var)))) == ()


def test_a_rate_the_law_needs_positive_is_positive() -> None:
    rate = RandomVariable(name="T", law="parameters", positive=("\\sigma",))
    assert _facts(rate) == (sp.Gt(sigma, 0),)
    assert _facts(rate, declared=("sigma",)) == ()  # the course's word stands
    assert _facts(RandomVariable(name="T", law="parameters", positive=("2\\sigma",))) == ()  # no plain name


def test_what_the_notation_or_the_text_declares_stands() -> None:
    normal = RandomVariable(name="X", law="normal", params=(("mean", "0"), ("var", "\\sigma^2")))
    uniform = (sp.Lt(a, b),)
    assert _facts(normal, declared=("sigma",)) == ()  # [symbols] sigma = "real": the course's word
    assert _facts(normal, facts=(sp.Lt(sigma, 3),)) == ()  # an assumption speaks of sigma
    assert _facts(RandomVariable(name="X", law="normal", params=(("mean", "0"), ("var", "\\sigma^2")),
                                 stated=frozenset({"\\sigma"}))) == ()  # "$\sigma \in \mathbb{R}$"
    assert _facts(constraints=uniform) == uniform
    assert _facts(constraints=uniform, facts=(sp.Lt(a, b),)) == ()  # already an assumption
    assert _facts(constraints=uniform, declared=("a",)) == ()


def _answers(tmp_path: Path, *answers: str, notation: str | None = None) -> dict[int, list[Mark]]:
    body = "".join(f"## Answer {k + 1}\n\n{text}\n\n" for k, text in enumerate(answers))
    (tmp_path / "answer.md").write_text(body, encoding="utf-8")
    if notation is not None:
        (tmp_path / "notation.toml").write_text(notation, encoding="utf-8")
    (sub,) = grade([tmp_path / "answer.md"], GradeOptions(timeout=10, jobs=1))
    out: dict[int, list[Mark]] = {}
    for c in sub.chains:
        for step in c.steps:
            if step.relation:
                out.setdefault(step.line, []).append(step.verdict)
    return out


def test_a_standard_deviation_from_the_text_is_never_negative(tmp_path: Path) -> None:
    # sqrt(sigma^2) = sigma was refuted at sigma = -25/11 under "Let $X \sim N(mu, sigma^2)$"
    got = _answers(tmp_path,
                   "Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$. Its standard deviation is\n"
                   "$$\\sqrt{\\operatorname{Var}(X)} = \\sqrt{\\sigma^2} = \\sigma$$",
                   "Let $W \\sim \\mathcal{N}(0, s^2)$. Then\n$$\\sqrt{\\mathbb{E}[W^2]} = \\sqrt{s^2} = s$$")
    assert got == {4: [Mark.PROVED, Mark.PROVED], 9: [Mark.PROVED, Mark.PROVED]}, got


def test_a_name_the_text_declares_real_is_no_standard_deviation(tmp_path: Path) -> None:
    got = _answers(tmp_path, "Let $\\sigma \\in \\mathbb{R}$ and $X \\sim \\mathcal{N}(0, \\sigma^2)$. Then\n"
                             "$$\\sqrt{\\operatorname{Var}(X)} = \\sqrt{\\sigma^2} = \\sigma$$")
    assert got == {4: [Mark.PROVED, Mark.REFUTED]}, got


def test_the_laws_of_the_text_bound_their_parameters_in_every_step(tmp_path: Path) -> None:
    # a counterexample meets a < b and 0 <= p <= 1, also in a step with no random variable
    got = _answers(tmp_path, "Let $U \\sim \\mathcal{U}(a, b)$. Then\n$$ \\frac{a + b}{2} < b + 3 - 3 $$",
                   "Let $B \\sim \\mathrm{Bernoulli}(p)$. Then\n$$ p^2 \\le p $$",
                   "Let $U \\sim \\mathcal{U}(a, b)$. Then\n$$ b - a \\le 0 $$")
    assert Mark.REFUTED not in got[4] + got[9] and got[14] == [Mark.REFUTED], got


@pytest.mark.parametrize(("declared", "verdict"), [("", Mark.PROVED), ('s = "real"\n', Mark.REFUTED)])
def test_a_law_of_the_notation_file_reads_alike_unless_it_declares_the_name(tmp_path: Path, declared: str,
                                                                           verdict: Mark) -> None:
    notation = (f"[symbols]\n{declared}[random.variables]\nW = {{ law = \"normal\", mean = '0', var = 's^2' }}\n")
    assert _answers(tmp_path, "$$ \\sqrt{s^2} = s $$", notation=notation) == {3: [verdict]}
