"""Names the text declares matrices, vectors or complex numbers
(symproofs.latex.kinds), and the steps about them (symproofs.grading.kinds):
never proved nor refuted as if they were real numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradehelp import graded, steps

from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.latex.kinds import kind_declarations


@pytest.mark.parametrize(("text", "expected"), [
    ("Let $A, B \\in \\mathbb{R}^{n \\times n}$ be invertible.", [("A", "matrix"), ("B", "matrix")]),
    ("Let $z \\in \\mathbb{C}$.", [("z", "complex number")]),
    ("$z \\in ℂ$", [("z", "complex number")]),
    ("Let $u, v \\in \\mathbb{R}^n$.", [("u", "vector"), ("v", "vector")]),
    ("$x \\in \\mathbb{R}^{d}$", [("x", "vector")]),
    ("$x \\in \\mathbb{R}^{n \\times 1}$", [("x", "vector")]),
    # vectors of integers or rationals, points of a sphere, tuples; but Z, N alone are numbers
    ("Let $u, v \\in \\mathbb{Z}^3$ be lattice points.", [("u", "vector"), ("v", "vector")]),
    ("$q \\in \\mathbb{Q}^n$", [("q", "vector")]),
    ("Let $u \\in S^{2}$ be a point of the sphere.", [("u", "vector")]),
    ("Let $u = (u_1, u_2, u_3)$.", [("u", "vector")]),
    ("Let $k \\in \\mathbb{Z}$ and $n \\in \\mathbb{N}_0$.", []),
    ("Let $u, v \\in {\\mathbb Z}^3$.", [("u", "vector"), ("v", "vector")]),
    ("Let $u = (u_1, u_2, u_3)^\\top$.", [("u", "vector")]),
    ("Let $u = [u_1, u_2, u_3]$.", [("u", "vector")]),
    ("Let $u, v$ be elements of $\\mathbb{R}^3$.", [("u", "vector"), ("v", "vector")]),
    ("Take $u, v$ in $\\mathbb{R}^3$.", [("u", "vector"), ("v", "vector")]),
    ("Let $u \\in \\mathbb{Z} \\times \\mathbb{Z}$.", [("u", "vector")]),
    ("Take $x$ in $\\mathbb{R}$.", []),
    ("$X \\in \\mathbb{R}^{m\\times n}$", [("X", "matrix")]),
    ("$\\mathbf{x} \\in \\mathbb{R}^{d_{in}}$", [("\\mathbf{x}", "vector")]),
    ("$z\\in\\mathbb{C}^n$", [("z", "complex vector")]),
    ("$A \\in M_n(\\mathbb{R})$", [("A", "matrix")]),
    ("$x_1, \\dots, x_n \\in \\mathbb{R}^d$", [("x_1", "vector"), ("x_n", "vector")]),
    ("$$A, B \\in \\mathbb{R}^{n\\times n}$$", [("A", "matrix"), ("B", "matrix")]),
    ("Let $A$ be an $n\\times n$ matrix", [("A", "matrix")]),
    ("$A$ and $B$ are square matrices", [("A", "matrix"), ("B", "matrix")]),
    ("let $x$ be a vector", [("x", "vector")]),
    ("$z$ is a complex number", [("z", "complex number")]),
    ("for any vectors $u$ and $v$,", [("u", "vector"), ("v", "vector")]),
    ("where $w$ is the weight vector and $b$ the bias", [("w", "vector")]),
    # an eigenvalue of a matrix not said symmetric may be complex (a rotation's are)
    ("$\\lambda$ is an eigenvalue of the matrix $A$", [("\\lambda", "complex number"), ("A", "matrix")]),
    ("Let $A$ be symmetric and $\\lambda$ an eigenvalue of $A$.", []),
    ("an eigenvalue $\\lambda$ of $W$", [("\\lambda", "complex number")]),
    ("$\\lambda$ for an eigenvalue of the rotation matrix", [("\\lambda", "complex number")]),
    # a name set equal to an expression with the imaginary unit, a root of unity
    ("and $w = e^{i\\theta}$ a point of the unit circle", [("w", "complex number")]),
    ("Write $u = a + ib$ with $a, b$ real", [("u", "complex number")]),
    ("$$ z = x + \\mathrm{i} y $$", [("z", "complex number")]),
    ("$w = \\cos\\theta + i \\sin\\theta$", [("w", "complex number")]),
    ("$z_k = e^{2\\pi i k/n}$", [("z_k", "complex number")]),
    ("Let $\\omega$ be the complex root of unity, $\\omega \\ne 1$.", [("\\omega", "complex number")]),
    ("the roots of unity $\\omega_1, \\omega_2$", [("\\omega_1", "complex number"), ("\\omega_2", "complex number")]),
    ("$y = \\sum_i x_i$, $k = i + 1$, $p = \\pi r^2$, $a = \\frac{i}{n}$", []),
    ("$f = x \\text{ if } x \\ge 0$", []),
    # sets of real numbers, integers, and words that declare nothing
    ("Let $x \\in \\mathbb{R}$.", []),
    ("$n \\in \\mathbb{N}$", []),
    ("$x \\in [0,1]$", []),
    ("$x \\in (0, \\infty)$", []),
    ("$x \\in \\mathbb{R}^+$", []),
    ("$x \\in \\mathbb{R}^{+}$", []),
    ("$x \\in \\mathbb{R}^*$", []),
    ("$x \\in \\mathbb{R}_{>0}$", []),
    ("$x \\in \\mathbb{R}^{\\geq 0}$", []),
    ("$x \\in \\mathbb{R}^1$", []),
    ("$(x, y) \\in \\mathbb{R}^2$", []),
    ("$x_1, \\dots, x_n \\in \\mathbb{R}$", []),
    ("$x \\in C$, a convex set", []),
    ("$f: \\mathbb{R}^n \\to \\mathbb{R}$", []),
    ("$m$ is the matrix size", []),
    ("$n$ is the dimension of the vector", []),
    ("the matrix $A^\\top A$ is symmetric", []),
    ("$v$ is a vector-valued function", []),
])
def test_the_names_a_text_declares_not_real_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((text[a:b], kind) for a, b, kind in kind_declarations(text)) == sorted(expected)


def _steps(tmp_path: Path, body: str, notation: str | None = None) -> list[tuple[int, Mark, str]]:
    """The line, verdict and message of every step of ``body``, graded without a notation file or under ``notation``."""
    return [(s.line, s.verdict, s.message) for s in steps(graded(tmp_path, body, notation=notation))]


@pytest.mark.parametrize(("body", "names", "what"), [
    ("Let $A, B \\in \\mathbb{R}^{n \\times n}$ be invertible matrices.\n\n$$(AB)^{-1} = A^{-1} B^{-1}$$\n",
     "A, B", "matrices"),
    ("Let $z \\in \\mathbb{C}$.\n\n$$|z|^2 = z^2$$\n", "z", "a complex number"),
    ("Let $u, v \\in \\mathbb{R}^n$.\n\n$$(u \\cdot v)^2 = (u \\cdot u)(v \\cdot v)$$\n", "u, v", "vectors"),
    ("Let $A$ be an $n\\times n$ matrix.\n\n$$(A+1)^2 = A^2 + 2A + 1$$\n", "A", "a matrix"),
    ("$A$ and $B$ are square matrices.\n\n$$AB = BA$$\n", "A, B", "matrices"),
    ("let $x$ be a vector.\n\n$$x^2 = x \\cdot x$$\n", "x", "a vector"),
])
def test_a_step_about_a_declared_matrix_vector_or_complex_number_is_not_checked(
        tmp_path: Path, body: str, names: str, what: str) -> None:
    ((_, verdict, message),) = _steps(tmp_path, body)
    assert verdict is Mark.UNKNOWN
    assert message.startswith("needs: ") and f"of {names} in a notation file" in message
    assert f"the text declares {'them' if ',' in names else 'it'} {what}" in message


def test_a_refutation_about_a_declared_name_is_not_given_either(tmp_path: Path) -> None:
    # |z|^2 = z \bar z holds for complex numbers; for real z and z_bar it would be refuted
    steps = _steps(tmp_path, "Let $z \\in \\mathbb{C}$.\n\n$$|z|^2 = |z| |z| = z \\bar{z}$$\n")
    assert [(v, m.startswith("needs: the type of z in a notation file")) for _, v, m in steps] == [
        (Mark.UNKNOWN, True), (Mark.UNKNOWN, True)]


def test_a_name_defined_through_a_declared_one_is_not_checked_as_a_number(tmp_path: Path) -> None:
    steps = _steps(tmp_path, "Let $A, B$ be square matrices and $C = AB$.\n\n$$C^2 = A^2 B^2$$\n")
    assert [(v, m.split(";")[0]) for _, v, m in steps] == [(Mark.UNKNOWN, "needs: the shape of A, B in a notation "
                                                                         "file ([matrices])")]


def test_scalar_domains_still_check_as_before(tmp_path: Path) -> None:
    body = ("Let $x \\in \\mathbb{R}$, $n \\in \\mathbb{N}$, $t \\in (0, 1)$, $y \\in \\mathbb{R}^+$, "
            "$s \\in \\mathbb{R}_{>0}$ and $p \\in [0, 1]$.\n\n"
            "$$(x+1)^2 = x^2+2x+1$$\n\n$$(t + y)^2 = t^2 + 2ty + y^2 = t^2 + y^2$$\n\n$$s p + s = s(p+1)$$\n")
    assert [v for _, v, _ in _steps(tmp_path, body)] == [Mark.PROVED, Mark.PROVED, Mark.REFUTED, Mark.PROVED]


def test_a_declaration_holds_in_its_question_only(tmp_path: Path) -> None:
    # (a step that holds for matrices too: only the declaration makes it unknown)
    body = ("## 1.\nLet $A, B$ be square matrices.\n\n$$2A + 3B - A = A + 3B$$\n\n"
            "## 2.\nHere $A$ is an area and $B$ a length.\n\n$$2A + 3B - A = A + 3B$$\n")
    assert [(line, v) for line, v, _ in _steps(tmp_path, body)] == [(4, Mark.UNKNOWN), (9, Mark.PROVED)]


def test_a_problem_statement_declares_for_its_answer(tmp_path: Path) -> None:
    body = "Question 1. Let $z \\in \\mathbb{C}$. Show it.\n\nAnswer 1.\n\n$$|z|^2 = z^2$$\n"
    ((_, verdict, message),) = _steps(tmp_path, body)
    assert verdict is Mark.UNKNOWN and "the text declares it a complex number" in message


def test_a_name_the_notation_file_declares_is_read_as_declared(tmp_path: Path) -> None:
    body = "Let $A, B \\in \\mathbb{R}^{n \\times n}$ be invertible matrices.\n\n$$(AB)^{-1} = A^{-1} B^{-1}$$\n"
    ((_, verdict, _),) = _steps(tmp_path, body, notation='[matrices]\nA = ["n", "n"]\nB = ["n", "n"]\n')
    assert verdict is Mark.REFUTED  # as matrices: they need not commute
    ((_, verdict, _),) = _steps(tmp_path, "Let $z \\in \\mathbb{C}$.\n\n$$|z|^2 = z^2$$\n",
                                notation='[symbols]\nz = "real"\n')
    assert verdict is Mark.PROVED  # the course says z is real


def test_the_same_step_in_another_submission_keeps_its_own_reading(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("$$2A + 3B - A = A + 3B$$\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Let $A, B$ be matrices.\n\n$$2A + 3B - A = A + 3B$$\n", encoding="utf-8")
    subs = {Path(s.path).name: s for s in grade([tmp_path / "a.md", tmp_path / "b.md"], GradeOptions(timeout=20))}
    assert [s.verdict for c in subs["a.md"].chains for s in c.steps] == [Mark.PROVED]
    assert [s.verdict for c in subs["b.md"].chains for s in c.steps] == [Mark.UNKNOWN]


@pytest.mark.parametrize(("row", "verdicts"), [
    ("AB = BA", [Mark.UNKNOWN]),
    ("(A+B)(A-B) = A^2 - B^2", [Mark.UNKNOWN]),
    ("(AB)^{-1} = A^{-1} B^{-1}", [Mark.UNKNOWN]),
    ("\\mathbf{A}\\mathbf{B} = \\mathbf{B}\\mathbf{A}", [Mark.UNKNOWN]),
    ("(\\Sigma + \\Lambda)^2 = \\Sigma^2 + 2\\Sigma\\Lambda + \\Lambda^2", [Mark.UNKNOWN]),
    # true for matrices as well: still proved
    ("(A+B)^2 = A^2 + AB + BA + B^2", [Mark.PROVED]),
    ("(AB)^{-1} = B^{-1} A^{-1} = (AB)^{-1}", [Mark.PROVED, Mark.PROVED]),
    ("2N + 3N = 5N", [Mark.PROVED]),
    ("(a+b)(a-b) = a^2 - b^2", [Mark.PROVED]),
])
def test_a_proof_that_commutes_undeclared_capitals_is_left_to_the_ta(tmp_path: Path, row: str,
                                                                      verdicts: list[Mark]) -> None:
    got = [step for step in _steps(tmp_path, f"$$x = 1 = 1$$\n\n$${row}$$\n") if step[0] == 3]
    assert [v for _, v, _ in got] == verdicts, got
    assert all("commute" in m for _, v, m in got if v is Mark.UNKNOWN)


def test_capitals_the_notation_declares_scalars_commute(tmp_path: Path) -> None:
    (tmp_path / "n.toml").write_text('[symbols]\nA = "real"\nB = "real"\n', encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("$$AB = BA$$\n", encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, notation=tmp_path / "n.toml"))
    assert [s.verdict for c in sub.chains for s in c.steps] == [Mark.PROVED]


def test_numbers_a_questions_notation_defines_commute_in_that_question_only(tmp_path: Path) -> None:
    # L_t = ||z_t - y_t||^2 defines numbers in question 2; in question 1 nothing says what L is
    (tmp_path / "n.toml").write_text(
        '[assignment]\ntitle = "t"\n[questions.2.matrices]\ny = ["q"]\nz = ["q"]\n'
        '[questions.2.sequences]\nnames = ["y"]\ninputs = ["z"]\n'
        "[questions.2.definitions]\nstep = { latex = 'L_t = \\|z_t - y_t\\|^2', for_all = \"t\" }\n",
        encoding="utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("#### Answer 1.\n\n$$L_1 L_2 = L_2 L_1$$\n\n#### Answer 2.\n\n$$L_1 L_2 = L_2 L_1$$\n",
                      encoding="utf-8")
    (sub,) = grade([answer], GradeOptions(timeout=20, notation=tmp_path / "n.toml"))
    got = {s.line: s.verdict for c in sub.chains for s in c.steps}
    assert got == {3: Mark.UNKNOWN, 7: Mark.PROVED}


@pytest.mark.parametrize("row", ["A B A^{-1} = B", "AB - BA = 0", "\\mathcal{A}\\mathcal{B} = \\mathcal{B}\\mathcal{A}",
                                 "e^{A} e^{B} = e^{A+B}", "2^{A} 2^{B} = 2^{A+B}",
                                 "W_2 W_1 x = W_1 W_2 x", "\\Sigma_1 \\Sigma_2 = \\Sigma_2 \\Sigma_1"])
def test_capitals_are_read_as_written_even_where_the_numbers_cancel_them(tmp_path: Path, row: str) -> None:
    got = [step for step in _steps(tmp_path, f"$$x = 1 = 1$$\n\n$${row}$$\n") if step[0] == 3]
    assert [v for _, v, _ in got] == [Mark.UNKNOWN] and "commute" in got[0][2], got


@pytest.mark.parametrize("body", [
    "$$AB = 0 \\implies BA = 0$$\n",  # a logical step between equations that commuting makes the same
    "$$AB = C \\iff BA = C$$\n",
    "$$AB = \\oint = BA$$\n",  # checked against the side before the unread one
    "$$(A+B)^2 = \\oint = A^2 + 2AB + B^2$$\n",
    "$$ABc = BcA$$\n",  # a capital before a small letter is still a capital
    "$$\\|AB\\| = \\|BA\\|$$\n",  # beyond the algebra the check reads: proved only as numbers
    "$$f(AB) = f(BA)$$\n",
    "Let $$m := AB$$\n\nThen $$m = BA$$\n",  # through the student's definition
])
def test_no_proof_that_commutes_undeclared_capitals_stands(tmp_path: Path, body: str) -> None:
    got = _steps(tmp_path, body)
    assert not any(v is Mark.PROVED for _, v, _ in got), got
    assert any(v is Mark.UNKNOWN and "commute" in m for _, v, m in got), got


@pytest.mark.parametrize("row", ["AB = 0 \\implies AB + B = B", "\\|A + B\\| = \\|B + A\\|", "A(B + C) = AB + AC"])
def test_steps_that_hold_for_matrices_too_stay_proved(tmp_path: Path, row: str) -> None:
    got = _steps(tmp_path, f"$${row}$$\n")
    assert got and all(v is Mark.PROVED for _, v, _ in got), got


def test_the_identity_commutes_with_every_matrix(tmp_path: Path) -> None:
    # with shapes declared, I_n is the identity, not an undeclared capital with members
    ((_, verdict, message),) = _steps(tmp_path, "$$\n(A + I_n)^2 = A^2 + 2A + I_n\n$$\n",
                                      notation='[matrices]\nA = ["n", "n"]\n')
    assert verdict is Mark.PROVED, message


@pytest.mark.parametrize("body", [
    "Let $w = e^{i\\theta}$ be a point of the unit circle.\n\n$$|w|^2 = w^2$$\n",
    "Write $u = a + ib$ with $a, b$ real.\n\n$$|u|^2 = u^2$$\n",
    "Let $\\omega$ be the complex root of unity, $\\omega \\ne 1$.\n\n$$|\\omega|^2 = \\omega^2$$\n",
    "Let $\\lambda$ be an eigenvalue of the rotation matrix $R$.\n\n"
    "$$\\max(\\lambda, 0) + \\min(\\lambda, 0) = \\lambda$$\n",
])
def test_a_name_the_text_makes_complex_is_not_checked_as_a_real_number(tmp_path: Path, body: str) -> None:
    ((_, verdict, message),) = _steps(tmp_path, body)  # |w|^2 = w^2 holds for real w only
    assert verdict is Mark.UNKNOWN and "the text declares it a complex number" in message


def test_real_names_beside_a_complex_one_are_checked_as_before(tmp_path: Path) -> None:
    body = ("Write $u = a + ib$ with $a, b$ real, and let $\\lambda$ be an eigenvalue of the symmetric matrix $S$."
            "\n\n$$(a+b)^2 = a^2 + 2ab + b^2$$\n\n$$(a+b)^2 = a^2 + b^2$$\n\n"
            "$$\\max(\\lambda, 0) + \\min(\\lambda, 0) = \\lambda$$\n")
    assert [v for _, v, _ in _steps(tmp_path, body)] == [Mark.PROVED, Mark.REFUTED, Mark.PROVED]
