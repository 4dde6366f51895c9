"""The operators of the probability algebra, and the names every sympy
function class of the package uses: none may be found by sympy's numeric
evaluation, which looks a function up in mpmath by its class name (an
operator named ``E`` would evaluate to Euler's number)."""

from __future__ import annotations

import importlib
import pkgutil

import mpmath
import pytest
import sympy as sp
from sympy.utilities.lambdify import MPMATH_TRANSLATIONS

import symproofs
from symproofs.probability.variables import Cov, E, Var


def _package_functions() -> list[type]:
    for info in pkgutil.walk_packages(symproofs.__path__, "symproofs."):
        if info.name.endswith(("pytest_plugin", "__main__")):
            continue
        importlib.import_module(info.name)
    seen: set[type] = set()
    todo = [sp.Function]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted((c for c in seen if (c.__module__ or "").startswith("symproofs.")), key=lambda c: c.__qualname__)


def _collides(name: str) -> bool:
    return hasattr(mpmath, name) or name in MPMATH_TRANSLATIONS or hasattr(sp, name)


def test_the_package_defines_function_classes() -> None:
    names = {c.__name__ for c in _package_functions()}
    assert {"E", "Var", "Cov"} <= names


@pytest.mark.parametrize("cls", _package_functions(), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_no_function_class_is_evaluated_through_a_namesake(cls: type) -> None:
    if not _collides(cls.__name__):
        return
    own = [k for k in cls.__mro__ if (k.__module__ or "").startswith("symproofs.") and "_eval_evalf" in vars(k)]
    assert own, f"{cls.__name__} shares its name with sympy or mpmath and has no _eval_evalf of its own"


@pytest.mark.parametrize("op, args", [(E, (2,)), (Var, (2,)), (Cov, (1, 2))], ids=["E", "Var", "Cov"])
def test_an_operator_at_a_number_has_no_numeric_value(op: type, args: tuple[int, ...]) -> None:
    value = op(*args).evalf(30)
    assert not value.is_Number
    assert value.is_positive is None  # no sign from a namesake's number either


def test_linearity_of_an_unevaluated_expectation_is_not_refuted() -> None:
    from symproofs.core.facts import Facts
    from symproofs.core.goals import Context, Goal
    from symproofs.core.model import Relation
    from symproofs.verifier.pipeline import check_goal

    X, Y = sp.symbols("X Y", real=True)
    for lhs, rhs in ((E(2 * X), 2 * E(X)), (E(X + Y), E(X) + E(Y))):
        res = check_goal(Goal(relation=Relation.EQ, lhs=lhs, rhs=rhs, context=Context(facts=Facts(), seed=20261125)))
        assert res.verdict.value != "refuted", res.describe()


def test_law_parameters_keep_their_range_in_proofs_and_in_counterexamples() -> None:
    from symproofs.core.model import Chain, Derivation, Step
    from symproofs.core.model import Relation as R
    from symproofs.core.results import Verdict
    from symproofs.probability.laws import Bernoulli, Normal, Uniform
    from symproofs.probability.space import E, ProbabilitySpace, Var
    from symproofs.verifier.pipeline import verify

    p, v, a, b = sp.symbols("p v a b", real=True)
    space = ProbabilitySpace()
    B = space.variable("B", Bernoulli(p))
    Y = space.variable("Y", Normal(0, v))
    U = space.variable("U", Uniform(a, b))
    assert set(space.assumptions()) == {sp.Ge(p, 0), sp.Le(p, 1), sp.Ge(v, 0), sp.Lt(a, b)}

    def step(start: sp.Expr, rel: R, target: sp.Expr) -> object:
        d = Derivation(id="law", title="law", question="T", algebras=(space,),
                       chains=(Chain(start=start, steps=(Step(rel, target, "?"),)),))
        return verify(d, isolate=False).chains[0].steps[0]

    assert step(E(B), R.GE, sp.S.Zero).verdict is Verdict.PROVED  # a probability is >= 0
    assert step(E(B**2), R.LE, sp.S.One).verdict is Verdict.PROVED
    assert step(Var(Y), R.GE, sp.S.Zero).verdict is Verdict.PROVED
    wrong = step(E(B), R.LE, sp.Rational(1, 2))  # false: p may be 3/4
    assert wrong.verdict is Verdict.REFUTED
    at = dict(wrong.counterexample.assignment)
    assert 0 <= at[p] <= 1 and wrong.counterexample.lhs == at[p]
    wrong = step(E(U), R.LE, b - 1)  # false when b - a < 2
    assert wrong.verdict is Verdict.REFUTED
    at = dict(wrong.counterexample.assignment)
    assert at[a] < at[b]


def _printing_classes() -> list[type]:
    """Every class of the package that prints itself in LaTeX (``_latex``)."""
    _package_functions()  # imports every module
    import inspect
    import sys

    found = {cls for name, module in list(sys.modules.items()) if name.startswith("symproofs.")
             for _, cls in inspect.getmembers(module, inspect.isclass)
             if cls.__module__ == name and "_latex" in vars(cls)}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_the_package_has_classes_that_print_themselves() -> None:
    names = {c.__name__ for c in _printing_classes()}
    assert {"E", "Var", "Norm", "SqNorm", "Sigmoid"} <= names


@pytest.mark.parametrize("cls", _printing_classes(), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_latex_method_takes_the_exponent_of_a_power(cls: type) -> None:
    # sympy prints f(x)**2 as f._latex(printer, exp="2"): a method without it crashes the printer
    import inspect

    assert "exp" in inspect.signature(vars(cls)["_latex"]).parameters


def test_a_power_of_a_printed_function_keeps_its_exponent() -> None:
    from symproofs.matrices.linalg import Norm, Scalar, Sigmoid, SqNorm
    from symproofs.render.tex import tex

    A, v, u = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("v", 2, 1), sp.MatrixSymbol("u", 2, 1)
    X, x = sp.symbols("X x", real=True)
    assert sp.latex(Norm(A) ** 2) == r"\left\| A \right\|^{2}"
    assert sp.latex(Norm(A ** 2)) == r"\left\| A^{2} \right\|"
    assert sp.latex(SqNorm(v) ** 3) == r"\left(\left\| v \right\|^{2}\right)^{3}"  # never x^{2}^{3}
    assert sp.latex(E(X) ** 2) == r"\mathbb{E}\left[X\right]^{2}"
    assert sp.latex(Var(X) ** 2) == r"\operatorname{Var}\left(X\right)^{2}"
    assert sp.latex(Scalar(u.T * v) ** 2) == r"\left(u^{T} v\right)^{2}"
    assert tex(Norm(A) ** 2) == r"\| \mathbf{A} \|^{2}"
    assert tex(Sigmoid(x) ** 2) == r"s(x)^{2}"
    assert "^{2}^" not in tex(SqNorm(v) ** 2)
    assert tex(Scalar(u.T * v) ** 2).endswith(")^{2}")
