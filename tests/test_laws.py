"""Laws and independence a text states (symproofs.latex.laws)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from gradehelp import graded, steps

from symproofs.latex.laws import laws_in_text

_N = "\\mathcal{N}(0, 1)"
_TWO = f"Let $X \\sim {_N}$ and $Y \\sim {_N}$"


@pytest.mark.parametrize(("text", "expected"), [
    ("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.", [("X", "normal", (("mean", "\\mu"), ("var", "\\sigma^2")))]),
    ("$Z \\sim N(0,1)$", [("Z", "normal", (("mean", "0"), ("var", "1")))]),
    ("$B \\sim \\mathrm{Bernoulli}(p)$", [("B", "bernoulli", (("p", "p"),))]),
    ("$U \\sim \\mathcal{U}[a, b]$", [("U", "uniform", (("low", "a"), ("high", "b")))]),
    ("$X, Y \\sim \\mathcal{N}(0, 1)$", [("X", "normal", (("mean", "0"), ("var", "1"))),
                                         ("Y", "normal", (("mean", "0"), ("var", "1")))]),
    # in words: a normal law needs its mean and its variance (or standard deviation)
    ("Let $X$ be Gaussian with mean $\\mu$ and variance $\\sigma^2$.",
     [("X", "normal", (("mean", "\\mu"), ("var", "\\sigma^2")))]),
    ("$Z$ is normally distributed with standard deviation $s$ and mean $0$.",
     [("Z", "normal", (("mean", "0"), ("var", "(s)^2")))]),
    ("Let $X$ be Gaussian with variance $\\sigma^2$.", []),
    # an exponential or a Poisson law: its parameter's range alone, the name no random variable of the setting
    ("$X \\sim \\mathrm{Poisson}(\\lambda)$", [("X", "parameters", ())]),
    ("$T \\sim \\text{Exp}(\\lambda)$", [("T", "parameters", ())]),
    ("Let $T$ be exponential with rate $\\lambda$.", [("T", "parameters", ())]),
    # left to a notation file: vectors, families, laws it does not know, a name given two laws
    ("$x \\sim \\mathcal{N}(0, I)$", []),
    ("$x \\sim \\mathcal{N}(\\mu, \\Sigma)$", []),
    ("$X_i \\sim \\mathcal{N}(0, 1)$", []),
    ("$G \\sim \\mathrm{Geom}(p)$", []),
    ("$X \\sim \\mathcal{N}(0, \\sigma)$", []),  # a standard deviation to some readers
    ("$X \\sim \\mathcal{N}(0, 4)$", []),
    ("$X \\sim \\mathcal{N}(0, 1)$ and later $X \\sim \\mathcal{N}(1, 1)$", []),
])
def test_the_laws_a_text_gives(text: str, expected: list[tuple[str, str, tuple[tuple[str, str], ...]]]) -> None:
    assert [(v.name, v.law, v.params) for v in laws_in_text(text)[0]] == expected


@pytest.mark.parametrize(("text", "groups"), [
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $B \\sim \\mathrm{Bern}(p)$ be independent.", [("X", "B")]),
    ("$X$ and $Y$ are independent.", [("X", "Y")]),
    ("for independent random variables $X$ and $Y$", [("X", "Y")]),
    ("$X$ and $Y$ are not independent.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$. The variables $Y$, $Z$ are dependent.", []),
    # an independence of another kind, or doubted: none, and the names it speaks of get no law
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be conditionally independent given $Z$.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be pairwise independent.", []),
    ("Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$, where $X$ is independent of $W$.", []),
    ("We do not know whether $X$ and $Y$ are independent.", []),
    ("It is false that $X$ and $Y$ are independent.", []),
    ("Are $X$ and $Y$ independent?", []),
    # said of the names themselves, with or without a verb
    (f"{_TWO} be independent random variables.", [("X", "Y")]),
    (f"Let $X, Y \\sim {_N}$ i.i.d.", [("X", "Y")]),
    (f"Let $X, Y \\sim {_N}$ independent.", [("X", "Y")]),
    (f"Let $X$ and $Y$ be independent with $X \\sim {_N}$ and $Y \\sim {_N}$.", [("X", "Y")]),
    (f"{_TWO} be independent. Then they are uncorrelated.", [("X", "Y")]),
    (f"{_TWO} be independent. The bound is dependent on $n$.", [("X", "Y")]),
    (f"{_TWO} be independent. The bound is dependent on a constant.", [("X", "Y")]),
])
def test_the_independence_a_text_states(text: str, groups: list[tuple[str, ...]]) -> None:
    assert laws_in_text(text)[1] == groups


@pytest.mark.parametrize("text", [
    pytest.param(f"{_TWO}, which are far from independent: they are strongly correlated.", id="far-from"),
    pytest.param(f"{_TWO} have correlation $1/2$, and let the measurement noise be independent.",
                 id="of-something-else"),
    pytest.param(f"{_TWO}. In a first draft I wrote that $X$ and $Y$ are independent. That was a mistake.",
                 id="reported-and-retracted"),
    pytest.param(f"{_TWO}. $X$ and $Y$ are independent. That was a mistake: they are strongly correlated.",
                 id="retracted-next-sentence"),
    pytest.param(f"{_TWO}. $X$ and $Y$ are independent.\n\nIn fact they are not independent.", id="denied-later"),
    pytest.param(f"{_TWO} be independent. Later we see that $X$ and $Y$ are correlated.", id="correlated-later"),
    pytest.param(f"{_TWO}, hardly independent.", id="hardly"),
    pytest.param(f"{_TWO} be independent, except that they are no longer independent.", id="no-longer"),
    pytest.param(f"{_TWO} be independent.\n\nActually, no.", id="actually-no"),
    pytest.param(f"{_TWO} be independent. Note that the two estimates are correlated.", id="correlated-unnamed"),
])
def test_an_independence_the_text_denies_reports_or_takes_back_is_none(text: str) -> None:
    assert laws_in_text(text)[1] == []


@pytest.mark.parametrize("text", [
    pytest.param(f"By the central limit theorem, $S \\sim {_N}$ approximately for large $n$.", id="clt"),
    pytest.param(f"For large $n$, $S \\sim {_N}$.", id="large-n"),
    pytest.param(f"$S \\sim {_N}$ asymptotically.", id="asymptotically"),
    pytest.param(f"$S \\sim {_N}$ roughly, as $n \\to \\infty$.", id="roughly"),
    pytest.param(f"The standardized sum tends to $S \\sim {_N}$.", id="tends"),
    pytest.param(f"By the CLT $S \\sim {_N}$. We use $S \\sim {_N}$ below.", id="approximate-then-exact"),
    pytest.param(f"Let $S \\sim {_N}$. This is only an approximation.", id="approximation-next-sentence"),
])
def test_a_law_that_holds_only_approximately_is_none(text: str) -> None:
    assert laws_in_text(text)[0] == []


@pytest.mark.parametrize("text", [
    pytest.param(f"In part (a), let $X \\sim {_N}$. In part (b), we toss a fair coin three times and let $X$ "
                 "denote the number of heads.", id="let-denote"),
    pytest.param("Let $B \\sim \\mathrm{Bernoulli}(p)$ be the first coin. Later we replace $B$ by a fair die roll.",
                 id="replace"),
    pytest.param(f"Let $X \\sim {_N}$.\n\nNow $X$ is the number of heads.", id="now"),
    pytest.param(f"Let $X \\sim {_N}$. From here on, $X$ denotes the sample mean.", id="denotes"),
    pytest.param(f"Let $X \\sim {_N}$. We redefine $X$ as a sum.", id="redefine"),
    pytest.param(f"Let $X \\sim {_N}$. We take $X$ to be a die roll.", id="take-to-be"),
    pytest.param(f"Let $X \\sim {_N}$. From now on $X$ is the sample mean.", id="is-the"),
])
def test_a_name_the_text_describes_again_has_no_law(text: str) -> None:
    assert [v.name for v in laws_in_text(text)[0]] == []


@pytest.mark.parametrize("text", [
    f"Let $X$ be a random variable. Suppose $X \\sim {_N}$.",  # described before its law: the same X
    f"Let $X \\sim {_N}$, where $X$ is the noise.",  # in the sentence of the law
    f"Let $X \\sim {_N}$. A common mistake is to forget the square.",  # a mistake of no sentence before
    f"Let $X \\sim {_N}$. Then $X$ is a symmetric random variable.",  # a property, not another meaning
])
def test_a_law_the_text_keeps_stands(text: str) -> None:
    assert [v.name for v in laws_in_text(text)[0]] == ["X"]


@pytest.mark.parametrize("text", [
    "If $X \\sim \\mathcal{N}(0, 1)$ were true, we would get more.",
    "We do not assume $X \\sim \\mathcal{N}(0, 1)$.",
    "For example, $X \\sim \\mathcal{U}(0, 1)$.",
    "Let $X \\sim \\mathcal{N}(0, 1)$ and $X \\sim \\mathrm{Bernoulli}(p)$. Again $X \\sim \\mathrm{Bernoulli}(p)$.",
    "Let $X \\sim \\mathcal{N}(0, 1)$. We write $$X = \\mu + \\sigma Z$$",  # a formula of its own
    "Let $X \\sim \\mathcal{N}(0, 1)$ and $Y \\sim \\mathcal{N}(0, 1)$ be conditionally independent given $Z$.",
])
def test_a_law_the_text_only_supposes_or_contradicts_is_none(text: str) -> None:
    assert "X" not in [v.name for v in laws_in_text(text)[0]]


def test_the_statement_and_the_answer_are_read_together() -> None:
    # the answer's other law, or its formula for the name, leaves it no law at all
    assert laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.\n\nNow let $X \\sim \\mathrm{Bernoulli}(1/2)$.")[0] == []
    assert laws_in_text("Let $X \\sim \\mathcal{N}(0, 1)$.\n\nHere $X := 2$, so")[0] == []


@pytest.mark.parametrize("second", ["$X \\sim \\mathrm{Exp}(1)$", "$X \\sim \\mathcal{N}(0, 4)$",
                                    "If $X \\sim \\mathcal{U}(0, 2)$, then"])
def test_a_second_law_the_reader_cannot_use_still_leaves_the_name_none(second: str) -> None:
    assert laws_in_text(f"Let $X \\sim \\mathcal{{N}}(0, 1)$.\n\nNow {second}.")[0] == []


def _verdicts(tmp_path: Path, body: str) -> list[str]:
    return [s.verdict.value for s in steps(graded(tmp_path, body))]


_PRODUCT = "\n\n$$ \\mathbb{E}[XY] = \\mathbb{E}[X]\\,\\mathbb{E}[Y] $$\n"


@pytest.mark.parametrize("words", [
    pytest.param(f"{_TWO}, which are far from independent: they are strongly correlated.", id="far-from"),
    pytest.param(f"{_TWO} have correlation $1/2$, and let the measurement noise be independent.",
                 id="of-something-else"),
    pytest.param(f"{_TWO}. In a first draft I wrote that $X$ and $Y$ are independent. That was a mistake: "
                 "they are strongly correlated.", id="retracted"),
])
def test_no_independence_the_text_does_not_state_proves_a_product(tmp_path: Path, words: str) -> None:
    got = _verdicts(tmp_path, words + _PRODUCT)
    assert got and "proved" not in got, got


def test_laws_without_an_independence_refute_the_product(tmp_path: Path) -> None:
    words = f"{_TWO} have correlation $1/2$, and let the measurement noise be independent."
    assert _verdicts(tmp_path, words + _PRODUCT) == ["refuted"]


def test_independence_the_text_states_proves_the_product(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, f"{_TWO} be independent." + _PRODUCT) == ["proved"]


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(f"In part (a), let $X \\sim {_N}$. Then\n$$ \\mathbb{{E}}[X^2] = 1 $$\n\nIn part (b), we toss a "
                 "fair coin three times and let $X$ denote the number of heads. Then\n$$ \\mathbb{E}[X] = 0 $$\n",
                 ["unknown", "unknown"], id="described-again"),
    pytest.param(f"By the central limit theorem, $S \\sim {_N}$ approximately for large $n$, where $S$ is the "
                 "standardized number of heads in $n$ fair coin tosses. So\n$$ \\mathbb{P}(S = 0) = 0 $$\n",
                 ["unknown"], id="approximately"),
    pytest.param(f"Let $X \\sim {_N}$. Then\n$$ \\mathbb{{E}}[X^2] = 1 $$\n$$ \\mathbb{{E}}[X] = 1 $$\n",
                 ["proved", "refuted"], id="control"),
])
def test_a_law_no_longer_in_force_decides_nothing(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert _verdicts(tmp_path, body) == expected


@pytest.mark.parametrize(("text", "names"), [
    ("Let $X$ and $Y$ be random variables.", ["X", "Y"]),
    ("Let $X$ and $Y$ be independent random variables.", ["X", "Y"]),
    ("Consider random variables $U, V$.", ["U", "V"]),
    ("Here $Z$ is a real-valued random variable.", ["Z"]),
    # a law stays the law; a question, a hypothesis or a formula declares nothing
    ("Let $X \\sim \\mathcal{N}(0, 1)$. So $X$ is a random variable.", []),
    ("Is $X$ a random variable?", []),
    ("If $X$ were a random variable, then", []),
    ("Let $X$ be a random variable and $X = 2Z$.", []),
])
def test_a_name_called_a_random_variable_is_random_with_no_law(text: str, names: list[str]) -> None:
    found = [v for v in laws_in_text(text)[0] if v.law == "generic"]
    assert sorted(v.name for v in found) == names and all(v.params == () for v in found)


@pytest.mark.parametrize(("words", "expected"), [
    # linearity and the variance's definition hold for any law; a product needs the independence stated
    ("Let $X$ and $Y$ be random variables.",
     "proved refuted proved proved"),
    ("Let $X$ and $Y$ be independent random variables.",
     "proved proved proved proved"),
])
def test_random_variables_with_no_law_follow_linearity_and_what_is_stated(tmp_path: Path, words: str,
                                                                         expected: str) -> None:
    body = (f"{words}\n\n$$\\mathbb{{E}}[2X + Y] = 2\\mathbb{{E}}[X] + \\mathbb{{E}}[Y]$$\n\n"
            "$$\\mathbb{E}[XY] = \\mathbb{E}[X]\\mathbb{E}[Y]$$\n\n"
            "$$\\operatorname{Var}(X) = \\mathbb{E}[X^2] - \\mathbb{E}[X]^2$$\n\n"
            "$$\\mathbb{E}[(X+Y)^2] = \\mathbb{E}[X^2] + 2\\mathbb{E}[XY] + \\mathbb{E}[Y^2]$$\n")
    assert _verdicts(tmp_path, body) == expected.split()


def test_a_heading_that_speaks_of_mistakes_takes_nothing_back() -> None:
    text = ("Let $X$ and $Y$ be independent random variables. (c) Common mistakes: the variance of a "
            "difference. That was a mistake.")
    assert laws_in_text(text.rsplit(" That", 1)[0])[1] == [("X", "Y")]
    assert laws_in_text(text)[1] == []


@pytest.mark.parametrize(("text", "stated"), [
    ("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.", set()),
    ("Let $\\sigma \\in \\mathbb{R}$ and $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.", {"\\sigma"}),
    ("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ where $\\mu > 0$ and $\\tau < 0$.", {"\\mu"}),
])
def test_a_law_knows_which_of_its_names_the_text_states_something_of(text: str, stated: set[str]) -> None:
    # the text's word on sigma stands: no standard deviation read from the law (symproofs.latex.lawfacts)
    (law,), _ = laws_in_text(text)
    assert law.stated == stated


@pytest.mark.parametrize(("text", "found", "groups"), [
    # a variable the text equates to a formula in another ("take $B = A$") stays random, with no law of its own,
    # and the independence stated of it stands: the case that ties them is the grader's to read
    ("Let $A$ and $B$ be independent random variables. Now take $B = A$.", ["A", "B"], [("A", "B")]),
    (f"{_TWO} be independent. If $Y = 2X + 1$, then", ["X", "Y"], [("X", "Y")]),
    # a formula in names that are no random variables makes it none ("$X = 2Z$", Z not random)
    ("Let $X$ and $Y$ be independent random variables and $X = 2Z$.", ["Y"], []),
])
def test_a_variable_tied_to_another_stays_random(text: str, found: list[str], groups: list[tuple[str, ...]]) -> None:
    laws, independent = laws_in_text(text)
    assert sorted(v.name for v in laws) == found and independent == groups, (laws, independent)
    assert all(v.law == "generic" for v in laws if v.name in ("B", "Y"))


_TIED = "Let $A$ and $B$ be independent random variables."


@pytest.mark.parametrize(("body", "expected"), [
    # in a case that ties variables declared independent their independence does not hold: the classic slip
    # Var(A + A) = 2 Var(A) is refuted there, and what holds in the case is proved in it
    (f"{_TIED}\n$$\\operatorname{{Var}}(A + B) = \\operatorname{{Var}}(A) + \\operatorname{{Var}}(B)$$\n"
     "Now take $B = A$. Then\n$$\\operatorname{Var}(A + B) = \\operatorname{Var}(A) + \\operatorname{Var}(B)"
     " = 2\\operatorname{Var}(A)$$\n", ["proved", "refuted", "proved"]),
    (f"{_TIED} Now take $B = A$. Then\n$$\\operatorname{{Var}}(A + B) = 4\\operatorname{{Var}}(A)$$\n", ["proved"]),
    ("Let $X$ and $Y$ be independent random variables. If $Y = X$, then\n"
     "$$\\mathbb{E}[XY] = \\mathbb{E}[X]\\,\\mathbb{E}[Y]$$\n", ["refuted"]),
    ("Let $X$ and $Y$ be independent random variables. Now let $Y = 2X$. Then\n"
     "$$\\mathbb{E}[XY] = \\mathbb{E}[X]\\,\\mathbb{E}[Y]$$\n", ["refuted"]),
    ("Let $X$ and $Y$ be independent random variables. Take\n$$Y = X + 1.$$\nThen\n"
     "$$\\operatorname{Var}(X + Y) = \\operatorname{Var}(X) + \\operatorname{Var}(Y)$$\n", ["unknown", "refuted"]),
    (f"{_TWO} be independent. If $Y = X$, then\n$$\\mathbb{{E}}[XY] = \\mathbb{{E}}[X]\\,\\mathbb{{E}}[Y]$$\n",
     ["refuted"]),
    # a name defined from them (Z = XY) ties nothing, and a third variable stays independent of both
    ("Let $X$ and $Y$ be independent random variables and let $Z = XY$.\n"
     "$$\\mathbb{E}[Z] = \\mathbb{E}[X]\\,\\mathbb{E}[Y]$$\n", ["proved"]),
    ("Let $X$, $Y$ and $W$ be independent random variables. If $Y = X$, then\n"
     "$$\\mathbb{E}[XW] = \\mathbb{E}[X]\\,\\mathbb{E}[W]$$\n", ["proved"]),
])
def test_a_case_that_ties_independent_variables_ends_their_independence(tmp_path: Path, body: str,
                                                                       expected: list[str]) -> None:
    assert _verdicts(tmp_path, body) == expected


def test_the_line_says_the_case_ties_the_variables(tmp_path: Path) -> None:
    from symproofs.grading.run import grade

    path = tmp_path / "answer.md"
    path.write_text(f"{_TIED} Now take $B = A$. Then\n$$\\mathbb{{E}}[AB] = \\mathbb{{E}}[A]\\,\\mathbb{{E}}[B]$$\n",
                    encoding="utf-8")
    (step,) = [s for c in grade([path])[0].chains for s in c.steps]
    assert step.verdict.value == "refuted" and "B = A stated before ties A and B" in step.message, step


def test_an_exponential_or_poisson_law_makes_its_parameter_positive() -> None:
    (t,) = laws_in_text("Let $T \\sim \\mathrm{Exp}(\\lambda)$ and $N$ be Poisson with parameter $\\mu$.")[0][:1]
    assert t.positive == ("\\lambda",)
    (n,) = [v for v in laws_in_text("Let $N$ be Poisson with parameter $\\mu$.")[0]]
    assert (n.law, n.positive) == ("parameters", ("\\mu",))


@pytest.mark.parametrize(("text", "expected"), [
    # moments stated where the text declares a random variable: a law with those moments, however written
    ("Let $X$ be a random variable with mean $2$.", {"X": (("mean", "2"),)}),
    ("Let $X$ be a random variable with mean $0$ and variance $1$.", {"X": (("mean", "0"), ("var", "1"))}),
    ("Let $X$ be a random variable whose expected value is $2$.", {"X": (("mean", "2"),)}),
    ("Let $X$ be a zero-mean random variable with unit variance.", {"X": (("mean", "0"), ("var", "1"))}),
    ("Consider a centred random variable $X$ with variance $\\sigma^2$.", {"X": (("mean", "0"), ("var", "\\sigma^2"))}),
    ("Let $X$ be a random variable such that $\\mathbb{E}X = 2$.", {"X": (("mean", "2"),)}),
    ("Let $X$ and $Y$ be random variables with\n$$ \\mathbb{E}[X] = 2, \\quad \\mathbb{E}[Y] = 3. $$\nThen",
     {"X": (("mean", "2"),), "Y": (("mean", "3"),)}),
    ("Let $X$ and $Y$ be random variables satisfying\n\\[ \\mathbb{E}[X] = \\mathbb{E}[Y] = 0. \\]",
     {"X": (("mean", "0"),), "Y": (("mean", "0"),)}),
    ("Let $X$ be a random variable. It has mean $0$ and variance $1$.", {"X": (("mean", "0"), ("var", "1"))}),
    ("Let $X$ and $Y$ be random variables. Their means are $1$ and $2$.", {"X": (("mean", "1"),),
                                                                             "Y": (("mean", "2"),)}),
    ("Let $X$ be a random variable with mean $1$ and let $Y$ be a random variable with mean $2$.",
     {"X": (("mean", "1"),), "Y": (("mean", "2"),)}),
    # "finite variance" states no value; a later sentence that does not open with them says nothing of them
    ("Let $X$ be a random variable with finite variance.", {"X": ()}),
    ("Let $X$ be a random variable. Then $Y$ has mean $2$.", {"X": ()}),
])
def test_the_moments_a_declaration_states_are_the_law_s(text: str, expected: dict[str, tuple[tuple[str, str], ...]]
                                                       ) -> None:
    laws = laws_in_text(text)[0]
    assert {v.name: v.params for v in laws} == expected and not any(v.unread for v in laws), laws


@pytest.mark.parametrize("text", [
    # stated, but not so that a law here has it: the law stays open, and refutations resting on it are held back
    "Let $X$ be a random variable with mean $1$. The mean of $X$ is $2$.",
    "Let $X$ be a random variable with $\\mathbb{E}[X^2] = 1$ and $\\operatorname{Var}(X) = 1$.",
    "Let $X$ be a random variable with variance $-1$.",
    "Let $X$ be a random variable with mean $\\mathbf{1}$.",
    "Let $X$ and $Y$ be random variables. It has mean $1$.",
    # drawn, not declared: a claim a refutation may break, no law
    "Let $X$ be a random variable. So $Y$ is a random variable with mean $3$.",
])
def test_moments_no_law_here_honours_leave_the_law_open(text: str) -> None:
    laws = laws_in_text(text)[0]
    assert laws and all(v.params == () for v in laws) and any(v.unread for v in laws), laws


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("Let $X$ be a random variable with mean $2$. Then\n$$ \\mathbb{E}[3X + 1] = 7 $$\n"
                 "$$ \\mathbb{E}[X^2] = 4 $$\n", ["proved", "refuted"], id="mean-in-words"),
    pytest.param("Let $X$ be a random variable with mean $0$ and variance $1$. Then\n"
                 "$$ \\mathbb{E}[X^2] = \\operatorname{Var}(X) + \\mathbb{E}[X]^2 = 1 $$\n", ["proved", "proved"],
                 id="mean-and-variance"),
    pytest.param("Let $X$ be a zero-mean random variable with unit variance. Then\n$$ \\mathbb{E}[X^2] = 1 $$\n"
                 "$$ \\mathbb{E}[(X + 1)^2] = 1 $$\n", ["proved", "refuted"], id="adjectives"),
    pytest.param("Let $X$ be a random variable such that $\\mathbb{E}X = 2$. Then\n$$ \\mathbb{E}[3X + 1] = 7 $$\n",
                 ["proved"], id="E-without-brackets"),
    pytest.param("Let $X$ and $Y$ be independent random variables with means $1$ and $2$ and variances $1$ and $4$ "
                 "respectively. Then\n$$ \\operatorname{Var}(X + Y) = 5 $$\n$$ \\mathbb{E}[XY] = 2 $$\n"
                 "$$ \\mathbb{E}[Y^2] = 4 $$\n", ["proved", "proved", "refuted"], id="respectively"),
    # a moment stated that no law here has: never refuted at a law that breaks it, never proved with it
    pytest.param("Let $X$ be a random variable with $\\mathbb{E}[X^2] = -1$. Then\n$$ \\mathbb{E}[X] = 0 $$\n",
                 ["unknown"], id="no-law-has-it"),
    pytest.param("Let $X$ be a random variable with mean $1$. The mean of $X$ is $2$. Then\n"
                 "$$ \\mathbb{E}[X^2] = 1 $$\n", ["unknown"], id="two-means"),
])
def test_moments_in_words_are_those_of_the_law_the_probe_draws(tmp_path: Path, body: str,
                                                               expected: list[str]) -> None:
    assert _verdicts(tmp_path, body) == expected


def test_a_counterexample_keeps_the_mean_and_variance_the_words_state(tmp_path: Path) -> None:
    from symproofs.grading.run import grade

    path = tmp_path / "answer.md"
    path.write_text("Let $X$ be a random variable with mean $m$ and variance $s^2$. Then\n"
                    "$$ \\mathbb{E}[X^2] = s^2 + m^2 $$\n$$ \\mathbb{E}[X^2] = s^2 $$\n", encoding="utf-8")
    first, second = [s for c in grade([path])[0].chains for s in c.steps]
    assert first.verdict.value == "proved" and second.verdict.value == "refuted", (first, second)
    # the point has s >= 0 (a standard deviation) and X has mean m and variance s^2 there
    cx = second.counterexample or ""
    values = dict(part.split(" = ") for part in cx.split(";")[0].removeprefix("at ").split(", "))
    m, s = (sp.Rational(values[k]) for k in ("m", "s"))
    assert s >= 0 and m != 0, cx
    assert f"X = {m}" in cx if s == 0 else "X takes" in cx, cx
