"""Names a document defines for itself (symproofs.latex.defined)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.latex.declarations import Notation
from symproofs.latex.defined import (
    defined_names,
    e_declared,
    e_named,
    function_names,
    notation_in_words,
    pi_named,
)


def test_the_functions_a_document_defines_are_found() -> None:
    doc = ("\\begin{align}\nf(x) &:= x^2 + 1 \\\\\ng(t) &= e^{-t}\n\\end{align}\n"
           "$$ \\ell(w) = w^2 $$\nand in prose p(x) = 2, h(x) := 3\n")
    assert function_names(doc) == {"f", "g", "ell"}


def test_a_greek_letter_the_document_defines_as_a_function_is_one(tmp_path: Path) -> None:
    doc = ("The responsibility is $\\gamma(x) = \\frac{a(x)}{a(x) + b(x)}$, and $\\varphi(t) := t^2$.\n"
           "\\begin{align*}\n\\lambda(s) &= 2s\n\\end{align*}\n$$ \\log(x) = 1 $$\n")
    assert function_names(doc) == {"gamma", "phi", "lambda"}
    from symproofs.grading.run import GradeOptions, grade

    path = tmp_path / "answer.tex"
    path.write_text("The responsibility is $\\gamma(x) = \\frac{1}{1 + e^{x - 1}}$, so at $x = 2$\n"
                    "\\[\n\\gamma(2) = \\frac{1}{1 + e^{(4 - 2)/2}} = \\frac{1}{1 + e}\n\\]\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    # gamma(2) was read as 2*gamma and refuted at a drawn gamma
    verdicts = [s.verdict.value for c in sub.chains for s in c.steps]
    assert verdicts and "refuted" not in verdicts


@pytest.mark.parametrize(("doc", "named"), [
    ("$$ e = y - \\hat y $$", True),
    ("then $e = mc^2$ holds", True),
    ("$$ e = \\sum_{k=0}^{\\infty} \\frac{1}{k!} $$", False),  # a value of Euler's number
    ("$$ e = 2.718 $$", False),
    ("$$ y = e^x $$", False),
    ("$$ e = \\lim_{n \\to \\infty} (1 + 1/n)^n $$", False),  # n is the limit's own
    ("$$ e = \\int_0^1 t \\, dt + c $$", True),  # t is bound, c is free
])
def test_e_names_a_quantity_only_where_a_row_opens_with_it(doc: str, named: bool) -> None:
    assert e_named(doc) is named
    notation = defined_names(doc, None)
    assert (notation is not None and "e" in notation.ambiguous) is named


def test_a_declared_name_keeps_its_declaration() -> None:
    notation = defined_names("$$ e = y - x $$", Notation(symbols={"e": "positive"}))
    assert notation is not None and notation.symbols["e"] == "positive" and not notation.ambiguous


def test_beside_a_quantity_named_e_every_other_e_is_ambiguous(tmp_path: Path) -> None:
    from symproofs.grading.run import GradeOptions, grade

    path = tmp_path / "answer.md"
    path.write_text("$$ e = y - \\hat y $$\n\n$$ e^2 = (y - \\hat y)^2 $$\n\n"
                    "$$ \\frac{d}{dz} \\frac{1}{1 + e^{-z}} = \\frac{e^{-z}}{(1+e^{-z})^2} $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    # e^2 was read as exp(2), or the sigmoid's e as the residual: either way a true line refuted
    verdicts = [s.verdict.value for c in sub.chains for s in c.steps]
    assert verdicts[0] == "unknown" and "refuted" not in verdicts and "ambiguous" in " ".join(
        s.message for c in sub.chains for s in c.steps)


@pytest.mark.parametrize(("doc", "declared"), [
    ("Let $e$ be the number of edges of the graph, so $e \\ge 0$.\n$$ (e - 2)^2 + \\ln e = e^2 - 4e + 5 $$", "name"),
    ("Let $e$ denote the error of the estimate.", "name"),
    ("where $e$ is the number of edges", "name"),
    ("For every edge $e \\in E$, the weight is positive.", "name"),
    ("A graph with $v$ vertices and $e$ edges.", "name"),
    ("Let $v$ be the number of vertices and $e$ the number of edges.", "name"),
    ("Denote by $e$ the number of edges.", "name"),
    ("Let \\(e\\) be the number of edges.", "name"),
    # a name beside an exponential, or a sentence on Euler's number: two readings
    ("Let $e$ denote the error. Then $$ \\sigma(z) = \\frac{1}{1 + e^{-z}} $$", "ambiguous"),
    ("Let $e$ be the constant with $\\ln e = 1$.", "ambiguous"),
    ("where $e$ is the base of natural logarithms", "ambiguous"),
    ("Let $e$ be the number of edges. The growth is exponential.", "ambiguous"),
    ("Since $e \\ge 0$, we get", "ambiguous"),  # a bound on e: a name, or a fact of Euler's number
    ("Since $n > e$, we get", "ambiguous"),
    # nothing said of e: Euler's number
    ("where $e$ is Euler's number", None),
    ("Here $e$ is approximately $2.718$.", None),
    ("$e^x \\ge 1 + x$", None),
    ("$$ e^{i\\pi} = -1 $$", None),
    ("Let $E$ denote the event.", None),
])
def test_what_the_words_say_e_is(doc: str, declared: str | None) -> None:
    assert e_declared(doc) == declared


def test_the_words_of_a_question_give_its_notation() -> None:
    words = "Let $e$ be the number of edges. Throughout, $\\log$ denotes the logarithm to base $2$."
    notation = notation_in_words(words, None)
    assert notation is not None and notation.symbols == {"e": "real"} and notation.log_base == 2
    assert notation_in_words("Nothing here.", None) is None
    other = notation_in_words("Nothing here.", None, elsewhere=True)  # another question speaks of a base
    assert other is not None and other.ambiguous == {"log"}
    kept = notation_in_words(words, Notation(symbols={"e": "positive"}))  # the notation's declaration wins
    assert kept is not None and kept.symbols == {"e": "positive"}


def _verdicts(tmp_path: Path, body: str) -> list[str]:
    return [s.verdict.value for s in steps(graded(tmp_path, body)) if s.relation]


@pytest.mark.parametrize(("body", "expected"), [
    # e as Euler's number makes ln e = 1: the false line would be proved
    pytest.param("Let $e$ be the number of edges of the graph, so $e \\ge 0$.\n"
                 "$$ (e - 2)^2 + \\ln e = e^2 - 4e + 5 $$\n", ["unknown"], id="edges"),
    pytest.param("Let $e$ denote the error of the estimate.\n"
                 "$$ (e - 2)^2 + \\ln e = e^2 - 4e + 4 + \\ln e = e^2 - 4e + 5 $$\n", ["proved", "refuted"],
                 id="error"),
    pytest.param("Since $e \\ge 0$,\n$$ (e - 2)^2 + \\ln e = e^2 - 4e + 5 $$\n", ["unknown"], id="bounded"),
    pytest.param("We have\n$$ (e - 2)^2 + \\ln e = e^2 - 4e + 5 $$\n", ["proved"], id="euler"),
])
def test_an_e_the_words_declare_is_not_eulers_number(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert _verdicts(tmp_path, body) == expected


def test_a_function_defined_in_one_question_is_a_number_where_another_says_so(tmp_path: Path) -> None:
    # sigma is the sigmoid in question 1; question 2 says sigma > 0, a number: sigma^2(1 + mu^2) is a product
    # there, never sigma applied (nor a point sigma = -4/7 against sigma > 0)
    sub = graded(tmp_path, "## Question 1\n\nLet $\\sigma(z) = \\frac{1}{1 + e^{-z}}$ be the sigmoid.\n\n"
                           "$$\n\\sigma(0) = \\frac{1}{2}\n$$\n\n## Question 2\n\n"
                           "Let $X = \\mu + \\sigma Z$, with $\\sigma > 0$.\n\n"
                           "$$\n\\sigma^2(1 + \\mu^2) = \\sigma^2 + \\sigma^2\\mu^2\n$$\n\n"
                           "$$\n\\sigma^2(1 + \\mu^2) = \\sigma^2 + \\mu^2\n$$\n")
    got = [(s.source, s.verdict.value) for s in steps(sub)]
    assert got == [("\\frac{1}{2}", "proved"), ("\\sigma^2 + \\sigma^2\\mu^2", "proved"),
                   ("\\sigma^2 + \\mu^2", "refuted")]
    assert all("sigma(" not in s.message for s in steps(sub))


@pytest.mark.parametrize("said", [
    "Now let $g$ be an arbitrary differentiable function.",
    "For any function $g$, a Taylor expansion gives",
    "Here $g$ is a smooth function.",
    "Let $g: \\mathbb{R} \\to \\mathbb{R}$.",
])
def test_a_letter_the_words_call_a_function_is_applied(tmp_path: Path, said: str) -> None:
    sub = graded(tmp_path, f"{said}\n\n$$\ng(3) - g(1) = g(3) + g(1) - 2g(1)\n$$\n\n$$\ng(x + h) = g(x) + h\n$$\n")
    got = [(s.method, s.verdict.value) for s in steps(sub)]
    assert got[0][1] == "proved"
    assert all(m != "ambiguous reading" for m, _ in got)
    assert got[1][1] != "proved"  # g(x + h) = g(x) + h holds for no reason: g is any function


@pytest.mark.parametrize("text", [
    "Let $\\pi = 0.3$ be the mixing weight.", "Let $\\pi \\in (0,1)$ be the probability of heads.",
    "Denote by $\\pi$ the prior of class 1.", "the uniform policy, i.e. $\\pi(a) = \\frac12$ for each $a$",
    "$$\\sum_a \\pi(a \\mid s) = 1$$", "where $\\pi$ denotes the stationary distribution",
])
def test_pi_the_text_names_is_a_name(text: str) -> None:
    assert pi_named(text)
    note = notation_in_words(text, None)
    assert note is not None and ("pi" in note.functions if "\\pi(a" in text else "pi" in note.symbols)


@pytest.mark.parametrize("text", ["the area $\\pi r^2$", "$\\pi \\approx 3.14$", "$\\pi = 3.14159$",
                                  "$2\\pi(x + 1)$", "$\\int_0^1 \\pi x \\, dx$"])
def test_pi_the_number_is_not_a_name(text: str) -> None:
    assert not pi_named(text)


def test_pi_named_where_the_question_also_shows_the_number_is_ambiguous() -> None:
    note = notation_in_words("The density is $\\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$. Let $\\pi = 0.3$ be the prior.",
                             None)
    assert note is not None and "pi" in note.ambiguous and "pi" not in note.symbols


def test_pi_named_is_checked_as_that_name(tmp_path: Path) -> None:
    body = ("# Q1\n\nLet $\\pi = 0.3$ be the mixing weight. Then\n$$1 - \\pi = 0.7$$\nand\n"
            "$$\\pi \\mu_1 + (1 - \\pi)\\mu_1 = \\mu_1.$$\n\n# Q2\n\n$$\\sin(\\pi) = 0.$$\n")
    assert [s.verdict for s in steps(graded(tmp_path, body))] == [Mark.PROVED, Mark.PROVED, Mark.PROVED]
    wrong = body.replace("= 0.7", "= 0.6")  # a slip with the named pi is still refuted
    assert steps(graded(tmp_path, wrong))[0].verdict is Mark.REFUTED


def test_pi_named_beside_the_number_is_never_refuted_as_either(tmp_path: Path) -> None:
    body = ("# Q1\n\nThe density is $\\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$. Let $\\pi = 0.3$ be the prior. Then\n"
            "$$\\frac{\\pi}{1 - \\pi} = \\frac{3}{7}.$$\n")
    graded_steps = steps(graded(tmp_path, body))
    assert graded_steps and all(s.verdict is Mark.UNKNOWN for s in graded_steps)
    assert "ambiguous" in graded_steps[0].message


@pytest.mark.parametrize("text", [
    "a mixture of $p_1$ and $p_2$ with mixing coefficient $\\pi$",
    "The stationary vector $\\pi$ of the chain satisfies $\\pi^T P = \\pi^T$.",
    "the mixture weights $\\pi^{(1)}$ and $\\pi^{(2)}$", "$$\\pi^{(1)} + \\pi^{(2)} = 1$$",
    "Let the optimal policy be $\\pi^*$.", "its stationary vector is $\\pi^{\\top}$", "$$\\sum_k \\pi_k = 1$$",
    "the softmax policy $\\pi_\\theta$", "where $0 \\le \\pi \\le 1$", "$$\\pi' = \\pi P$$",
])
def test_every_sign_of_pi_as_a_name_makes_it_one(text: str) -> None:
    # a value, a range, a script only a name takes, an application or a noun beside it: the number has none
    assert pi_named(text)


@pytest.mark.parametrize("text", ["$\\pi r^2$ is the area of the disc", "divide both sides by $2\\pi$",
                                  "$$\\frac{\\pi}{4} = \\arctan 1$$", "$\\pi$ radians"])
def test_pi_written_as_the_number_is_still_the_number(text: str) -> None:
    assert not pi_named(text)


def test_pi_applied_is_a_function_not_the_number_times_its_argument(tmp_path: Path) -> None:
    body = ("Let the uniform policy be $\\pi(a \\mid s)$.\n\n$$\n\\pi(a) + \\pi(b) = \\pi(a + b)\n$$\n\n"
            "$$\n\\pi(a) + \\pi(b) = \\pi(b) + \\pi(a)\n$$\n")
    note = notation_in_words(body, None)
    assert note is not None and "pi" in note.functions
    first, second = steps(graded(tmp_path, body))
    assert first.verdict is not Mark.PROVED  # pi(a + b) is no pi times (a + b) for a policy
    assert second.verdict is Mark.PROVED


def test_pi_members_of_a_sequence_are_never_powers_of_the_number(tmp_path: Path) -> None:
    body = ("# Q1\n\nConsider the mixture weights $\\pi^{(1)}$ and $\\pi^{(2)}$, with $\\pi^{(1)} + \\pi^{(2)} = 1$."
            "\n\n$$\n\\pi^{(1)} + \\pi^{(2)} = \\pi + \\pi^2\n$$\n\n$$\n\\pi^{(2)} > 9\n$$\n\n"
            "# Q2\n\n$$\n\\sin(\\pi / 2) = 0\n$$\n\n$$\n\\cos(\\pi) + 1 = 0\n$$\n")
    got = [(s.line, s.verdict) for s in steps(graded(tmp_path, body))]
    assert all(v is not Mark.PROVED for line, v in got if line < 12)  # pi^{(k)} read as pi to the k: proved
    assert (16, Mark.REFUTED) in got and (20, Mark.PROVED) in got  # the number elsewhere, as before


def test_pi_the_words_name_is_never_the_number(tmp_path: Path) -> None:
    body = ("# Q1\n\nConsider a mixture with mixing coefficient $\\pi$, so that "
            "$p(x) = \\pi p_1(x) + (1-\\pi) p_2(x)$.\n\n$$\n1 - \\pi < 0\n$$\n\n"
            "$$\n\\pi q + (1 - \\pi) q = q\n$$\n\n$$\n(1 - \\pi)^2 = 1 - \\pi^2\n$$\n\n"
            "# Q2\n\nThe stationary vector $\\pi$ of the chain satisfies $\\pi^T P = \\pi^T$.\n\n"
            "$$\n\\pi > 3\n$$\n")
    got = {s.line: s.verdict for s in steps(graded(tmp_path, body))}
    assert got[6] is not Mark.PROVED and got[22] is not Mark.PROVED  # true of the number, not of the name
    assert got[10] is Mark.PROVED  # a true line about the name
    assert got[14] is Mark.REFUTED  # a slip with the name: at pi = 1 the sides are 0 and 0, at pi = 2, 1 and -3


def test_pi_named_and_the_number_in_one_question_leave_its_lines_unknown(tmp_path: Path) -> None:
    body = ("The density is $\\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2}$ and the weights are $\\pi_k$.\n\n"
            "$$\n\\pi^2 > 9\n$$\n\n$$\n\\pi - \\pi = 0\n$$\n")
    first = steps(graded(tmp_path, body))[0]
    assert first.verdict is Mark.UNKNOWN and "ambiguous" in first.message
