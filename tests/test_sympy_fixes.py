"""Tests of the corrections to sympy's assumptions (symproofs.core.sympy_fixes):
the corrected answers, the patch before and after sympy is loaded, and the
false steps they kept from being proved, through the API and the grader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

import symproofs
from symproofs.core.model import Chain, Derivation, Relation, Step
from symproofs.core.results import Verdict
from symproofs.core.sympy_fixes import binomial_is_nonnegative, install, product_is_extended_nonpositive
from symproofs.grading.report import Mark
from symproofs.grading.run import GradeOptions, grade
from symproofs.verifier.pipeline import verify

n = sp.Symbol("n", integer=True)
m = sp.Symbol("m", integer=True, negative=True)
p = sp.Symbol("p", integer=True, nonnegative=True)
j = sp.Symbol("j", integer=True)
x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(("expr", "nonnegative"), [
    pytest.param(sp.binomial(n, 3), None, id="odd-k-n-of-unknown-sign"),
    pytest.param(sp.binomial(2 * n, 5), None, id="odd-k-even-n"),
    pytest.param(sp.binomial(n + 1, 3), None, id="odd-k-shifted-n"),
    pytest.param(sp.binomial(n, 2 * j + 1), None, id="symbolic-odd-k"),
    pytest.param(sp.binomial(n, 4), True, id="even-k"),
    pytest.param(sp.binomial(p, 3), True, id="nonnegative-n"),
    pytest.param(sp.binomial(m, 3), False, id="negative-n-odd-k"),
    pytest.param(sp.binomial(m, 2), True, id="negative-n-even-k"),
    pytest.param(sp.binomial(n, -j**2 - 1, evaluate=False), True, id="negative-k-is-zero"),
    pytest.param(sp.binomial(x, 3), None, id="real-n"),
])
def test_the_sign_of_a_binomial_is_decided_only_when_proved(expr: sp.Expr, nonnegative: bool | None) -> None:
    assert binomial_is_nonnegative(expr) is nonnegative
    assert expr.is_nonnegative is nonnegative
    assert expr.is_negative is (None if nonnegative is None else not nonnegative)


@pytest.mark.parametrize(("n_value", "k"), [(a, b) for a in range(-6, 7) for b in range(-2, 6)])
def test_the_decided_signs_hold_at_every_small_point(n_value: int, k: int) -> None:
    value = sp.binomial(sp.Integer(n_value), k)
    for sym in (n, m, p):
        if (sym.is_negative and n_value >= 0) or (sym.is_nonnegative and n_value < 0):
            continue
        claimed = binomial_is_nonnegative(sp.binomial(sym, k, evaluate=False))
        assert claimed is None or claimed == (value >= 0), (sym, n_value, k, value)


@pytest.mark.parametrize(("expr", "integer"), [
    pytest.param(sp.rf(sp.Rational(1, 2), j), None, id="rising-half"),
    pytest.param(sp.ff(2, -j**2 - 1), None, id="falling-negative-k"),
    pytest.param(sp.rf(n, p), True, id="rising-natural-k"),
])
def test_the_factorial_powers_are_not_called_non_integers(expr: sp.Expr, integer: bool | None) -> None:
    assert expr.is_integer is integer


@pytest.mark.parametrize(("built", "unevaluated"), [
    pytest.param(sp.Abs(sp.binomial(n, 3)), sp.Abs, id="abs"),
    pytest.param(sp.sign(sp.binomial(n, 3)), sp.sign, id="sign"),
    pytest.param(sp.Max(sp.binomial(n, 3), 0), sp.Max, id="max"),
    pytest.param(sp.Min(sp.binomial(n, 3), 0), sp.Min, id="min"),
    pytest.param(sp.Heaviside(sp.binomial(n, 3)), sp.Heaviside, id="heaviside"),
    pytest.param(sp.sqrt(sp.binomial(n, 3) ** 2), sp.Abs, id="sqrt-of-square"),
])
def test_functions_of_a_binomial_do_not_collapse_when_built(built: sp.Expr, unevaluated: type) -> None:
    assert isinstance(built, unevaluated)


def test_install_is_idempotent() -> None:
    install()
    install()
    assert sp.binomial._eval_is_nonnegative is binomial_is_nonnegative
    assert sp.binomial._prop_handler["nonnegative"] is binomial_is_nonnegative


@pytest.mark.parametrize("order", ["import symproofs; import sympy as sp", "import sympy as sp; import symproofs"])
def test_the_patch_is_in_place_whichever_is_imported_first(order: str) -> None:
    code = (f"{order}\nimport sys\nn = sp.Symbol('n', integer=True)\n"
            "print(type(sp.Abs(sp.binomial(n, 3))).__name__, sp.binomial(n, 3).is_negative)\n"
            "print(sp.Product(n, (n, 1, 0)).is_positive, sp.Product(n, (n, 1, 0)).is_extended_nonpositive)")
    env = {**os.environ, "PYTHONPATH": str(Path(symproofs.__file__).parents[1])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["Abs", "None", "True", "False"]


@pytest.mark.parametrize("hash_seed", ["0", "1", "2", "3"])
def test_an_empty_product_is_positive_in_every_process(hash_seed: str) -> None:
    # sympy infers facts in an order it shuffles per process; an empty product
    # was "nonpositive" in some orders (then |P| = -P was built)
    code = ("import symproofs, sympy as sp\nt = sp.Symbol('t', integer=True)\nP = sp.Product(t, (t, 1, 0))\n"
            "print(P.is_positive, P.is_nonpositive, sp.Abs(P) == -P, sp.Max(P, 0) == 0)")
    env = {**os.environ, "PYTHONPATH": str(Path(symproofs.__file__).parents[1]), "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["True", "False", "False", "False"]


def test_a_product_keeps_sympys_answer_off_the_empty_range() -> None:
    t = sp.Symbol("t", integer=True)
    assert product_is_extended_nonpositive(sp.Product(t, (t, 1, 0))) is False
    assert product_is_extended_nonpositive(sp.Product(t, (t, 1, n))) is None
    assert sp.Product(-t, (t, 1, 3)).is_extended_nonpositive is None


def test_importing_symproofs_does_not_import_sympy() -> None:
    code = "import sys, symproofs; print('sympy' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(symproofs.__file__).parents[1])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("lhs", "rhs"), [
    pytest.param(sp.Abs(sp.binomial(n, 3)), -sp.binomial(n, 3), id="abs"),
    pytest.param(sp.Max(sp.binomial(n, 3), 0), sp.Integer(0), id="max"),
    pytest.param(sp.sign(sp.binomial(n, 3)), sp.Integer(-1), id="sign"),
    pytest.param(sp.sqrt(sp.binomial(n, 3) ** 2), -sp.binomial(n, 3), id="sqrt-of-square"),
])
def test_a_false_step_about_the_sign_of_a_binomial_is_refuted(lhs: sp.Expr, rhs: sp.Expr) -> None:
    d = Derivation(id="binomial-sign", title="sign of a binomial", question="T",
                   chains=(Chain(start=lhs, steps=(Step(Relation.EQ, rhs, "as written"),)),))
    (step,) = verify(d, isolate=False).all_steps
    assert step.verdict is Verdict.REFUTED
    assert step.counterexample is not None
    point = dict(step.counterexample.assignment)
    assert sp.simplify(lhs.subs(point) - rhs.subs(point)) != 0  # the sides differ there


def test_the_grader_refutes_a_false_absolute_value_of_a_binomial(tmp_path: Path) -> None:
    (tmp_path / "notation.toml").write_text('[symbols]\nn = "integer"\n', encoding="utf-8")
    path = tmp_path / "answer.tex"
    path.write_text("\\begin{align*}\n\\left|\\binom{n}{3}\\right| &= -\\binom{n}{3}\n\\end{align*}\n",
                    encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=10, jobs=1))
    (step,) = [s for c in sub.chains for s in c.steps]
    assert step.verdict is Mark.REFUTED, step.message
