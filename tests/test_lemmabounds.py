"""Order steps decided through the bounds a known fact gives its terms: a bounded function at an entry
of a real matrix, squared, at two points, under a maximum over an index, in the spectral norm of a
diagonal matrix; a step the bound does not give is never proved."""

from __future__ import annotations

from pathlib import Path

from gradehelp import graded, steps

from symproofs.grading.report import Mark

#: phi bounded by M everywhere (a clipped activation), a real n x n matrix A and a vector a
_NOTATION = (
    '[indices]\nnames = ["j", "k"]\n[symbols]\nM = "positive"\n'
    '[functions]\nnames = ["phi"]\nelementwise = ["phi"]\n'
    '[matrices]\nA = ["n", "n"]\na = ["n"]\n[norms]\nmatrix = "spectral"\n'
    "[definitions]\nclipped = { latex = '|\\phi(s)| \\le M', for_all = \"s\" }\n"
)

_RIGHT = [
    r"\phi((A a)_j)^2 \le M^2",  # at an entry of a product of real matrices
    r"\phi(a_j) \phi(a_k) \le M^2",  # two bounded values
    r"\max_{j} |\phi(a_j)| \le M",
    r"M^2 \ge \max_{j} \phi((A^\top a)_j)^2",
    r"\left\|\operatorname{diag}(\phi(A a))\right\| \le M",  # spectral norm of a diagonal matrix
    r"\sqrt{\lambda_1(\operatorname{diag}(\phi(a))^2)} \le M",
]
_WRONG = [
    r"\phi(a_j)^2 \le \frac{M^2}{2}",  # the bound is M^2, not half of it
    r"\max_{j} \phi(a_j) \le -M",
    r"\phi(a_j) \phi(a_k) < M^2",  # equality where both are M
    r"\left\|\operatorname{diag}(\phi(A a))\right\| \le \frac{M}{3}",
]


def test_bounds_from_a_known_fact(tmp_path: Path) -> None:
    text = "\n\n".join(f"$${s}$$" for s in (*_RIGHT, *_WRONG)) + "\n"
    sub = graded(tmp_path, text, notation=_NOTATION, timeout=30)
    got = steps(sub)
    assert len(got) == len(_RIGHT) + len(_WRONG), got
    right, wrong = got[: len(_RIGHT)], got[len(_RIGHT) :]
    assert all(s.verdict is Mark.PROVED for s in right), [(s.line, s.verdict, s.message) for s in right]
    assert all(s.verdict is not Mark.PROVED for s in wrong), [(s.line, s.verdict, s.method) for s in wrong]


def test_a_bound_on_one_side_bounds_that_side_only(tmp_path: Path) -> None:
    notation = _NOTATION.replace("|\\phi(s)| \\le M", "\\phi(s) \\le M")  # phi may be as negative as it likes
    text = "$$2 \\phi(a_j) - M \\le M$$\n\n$$\\phi(a_j)^2 \\le M^2$$\n\n$$M \\ge \\max_j \\phi((A a)_j)$$\n"
    sub = graded(tmp_path, text, notation=notation, timeout=30)
    got = {s.line: s for s in steps(sub)}
    assert got[1].verdict is Mark.PROVED, got[1]
    assert got[3].verdict is not Mark.PROVED, got[3]
    assert got[5].verdict is Mark.PROVED, got[5]


def test_an_assumption_bounds_a_term_and_a_root_follows_its_square(tmp_path: Path) -> None:
    notation = (
        '[symbols]\nc = "positive"\n[matrices]\nA = ["m", "m"]\n[norms]\nmatrix = "spectral"\n'
        "[assumptions]\nfacts = ['\\lambda_1(A^\\top A) \\le c^2']\n"
    )
    right = [r"\sqrt{\lambda_1(A^\top A)} \le c", r"2 \lambda_1(A^\top A) - c^2 \le c^2"]
    wrong = [r"\sqrt{\lambda_1(A^\top A)} \le \frac{c}{2}", r"\lambda_1(A^\top A) \ge c^2"]
    text = "\n\n".join(f"$${s}$$" for s in (*right, *wrong)) + "\n"
    got = steps(graded(tmp_path, text, notation=notation, timeout=30))
    assert [s.verdict is Mark.PROVED for s in got] == [True, True, False, False], got
    assert "assumptions" in got[0].method


def test_an_extremum_over_a_real_variable_is_dropped_over_the_reals(tmp_path: Path) -> None:
    # the fresh variable keeps the assumptions of the one the max ranges over: an integer only for an
    # index (cos(2 pi k) = 1 there), never for a real x (max_x -cos(2 pi x) is 1, not -1)
    notation = _NOTATION.replace('M = "positive"', 'M = "positive"\nx = "real"')
    right = [
        r"\max_{x} \phi(x) \le M",
        r"\max_{k} \left(\phi(a_k) - \cos(2 \pi k)\right) \le M - 1",
    ]
    wrong = [
        r"\max_{x} \left(\phi(a_j) - \cos(2 \pi x)\right) \le M - 1",  # M + 1 at phi = M, x = 1/2
        r"-M \le \min_{x} \left(\phi(a_j) - \sin(\pi x)^2\right)",  # -M - 1 at phi = -M, x = 1/2
        r"\max_{y} \left(\sin(\pi y)^2 + \phi(a_j)\right) \le M",  # y undeclared: not an integer either
    ]
    text = "\n\n".join(f"$${s}$$" for s in (*right, *wrong)) + "\n"
    got = steps(graded(tmp_path, text, notation=notation, timeout=30))
    assert [s.verdict is Mark.PROVED for s in got] == [True, True, False, False, False], [
        (s.line, s.verdict, s.method) for s in got
    ]
