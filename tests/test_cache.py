"""The result cache: hits for the same goal, misses for anything changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from symproofs.cli import main
from symproofs.core.model import Chain, Derivation, Given, Relation, Step
from symproofs.core.results import StepResult, Trust, Verdict
from symproofs.verifier.cache import StepCache, goal_key
from symproofs.verifier.pipeline import Options, goals_of, verify_all

R = Relation
OPTS = Options(isolate=False)


def _derivation(
    *,
    x: sp.Symbol | None = None,
    last: sp.Basic | None = None,
    given_rhs: sp.Basic | None = None,
    assumptions: tuple[sp.Basic, ...] = (),
) -> Derivation:
    x = x if x is not None else sp.Symbol("x", real=True)
    y = sp.Symbol("y", real=True)
    return Derivation(
        id="cached",
        title="A cached derivation",
        question="Q0",
        assumptions=assumptions,
        givens=(Given(name="def", statement=sp.Eq(y, given_rhs if given_rhs is not None else x + 1)),),
        chains=(
            Chain(
                start=(x + 1) ** 2,
                steps=(
                    Step(R.EQ, x**2 + 2 * x + 1, "expand"),
                    Step(R.EQ, last if last is not None else x**2 + x + y, "definition of y", ("def",)),
                ),
            ),
        ),
    )


def _run(d: Derivation, cache: StepCache) -> list[StepResult]:
    (res,) = verify_all([d], options=OPTS, cache=cache)
    return list(res.all_steps)


@pytest.fixture
def cache(tmp_path: Path) -> StepCache:
    return StepCache(tmp_path)


def test_same_input_is_served_from_cache(cache: StepCache) -> None:
    d = _derivation()
    first = _run(d, cache)
    assert [r.cached for r in first] == [False, False]
    assert [r.verdict for r in first] == [Verdict.PROVED, Verdict.PROVED]
    assert cache.count() == 2
    second = _run(d, cache)
    assert [r.cached for r in second] == [True, True]
    assert [(r.verdict, r.method) for r in second] == [(r.verdict, r.method) for r in first]


def test_a_fresh_cache_object_reads_the_same_folder(tmp_path: Path) -> None:
    d = _derivation()
    _run(d, StepCache(tmp_path))
    assert all(r.cached for r in _run(d, StepCache(tmp_path)))


@pytest.mark.parametrize(
    ("changed", "which"),
    [
        pytest.param({"last": sp.Symbol("x", real=True) ** 2 + sp.Symbol("y", real=True)}, [1], id="edited-step"),
        pytest.param({"x": sp.Symbol("x", positive=True)}, [0, 1], id="assumption-on-symbol"),
        pytest.param({"assumptions": (sp.Symbol("x", real=True) > 2,)}, [0, 1], id="relational-assumption"),
        pytest.param({"given_rhs": sp.Symbol("x", real=True) + 2}, [0, 1], id="edited-given"),
    ],
)
def test_a_change_is_checked_again(cache: StepCache, changed: dict[str, object], which: list[int]) -> None:
    _run(_derivation(), cache)
    again = _run(_derivation(**changed), cache)  # type: ignore[arg-type]
    assert [i for i, r in enumerate(again) if not r.cached] == which


def test_edited_given_changes_the_verdict(cache: StepCache) -> None:
    _run(_derivation(), cache)
    again = _run(_derivation(given_rhs=sp.Symbol("x", real=True) + 2), cache)
    assert again[1].verdict is Verdict.REFUTED


def test_every_context_field_enters_the_key() -> None:
    (ref, *_) = goals_of(_derivation())
    goal = ref.goal
    base = goal_key(goal)
    ctx = goal.context
    variants = [
        replace(goal, relation=R.LE),
        replace(goal, context=replace(ctx, seed=ctx.seed + 1)),
        replace(goal, context=replace(ctx, uses=("def",))),
        replace(goal, context=replace(ctx, givens=())),
        replace(goal, context=replace(ctx, givens=(replace(ctx.givens[0], valid_from=1),))),
    ]
    keys = {goal_key(v) for v in variants}
    assert base not in keys
    assert len(keys) == len(variants)


def test_function_assumptions_enter_the_key() -> None:
    k = sp.Symbol("k", integer=True)

    def goal_with(f: sp.FunctionClass) -> object:
        d = Derivation(
            id="f",
            title="f",
            question="Q0",
            chains=(Chain(start=f(k) ** 2, steps=(Step(R.GE, sp.S.Zero, "a square"),)),),
        )
        return goals_of(d)[0].goal

    assert goal_key(goal_with(sp.Function("f"))) != goal_key(goal_with(sp.Function("f", real=True)))  # type: ignore[arg-type]


def test_another_version_misses(tmp_path: Path) -> None:
    d = _derivation()
    _run(d, StepCache(tmp_path, version="0.0.1-test"))
    other = StepCache(tmp_path, version="0.0.2-test")
    assert other.count() == 0
    assert not any(r.cached for r in _run(d, other))
    assert all(r.cached for r in _run(d, StepCache(tmp_path, version="0.0.1-test")))


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"not json at all", id="garbage"),
        pytest.param(b"\x80\x05\x95", id="truncated"),
        pytest.param(b"\x80\x04K\x01.", id="wrong-type"),
        pytest.param(b"cbuiltins\nno_such_name\n.", id="missing-global"),
    ],
)
def test_a_corrupt_entry_is_a_miss(cache: StepCache, content: bytes) -> None:
    d = _derivation()
    _run(d, cache)
    files = sorted(cache.version_folder.glob("*/*.json"))
    assert len(files) == 2
    for f in files:
        f.write_bytes(content)
    again = _run(d, cache)
    assert [r.cached for r in again] == [False, False]
    assert [r.verdict for r in again] == [Verdict.PROVED, Verdict.PROVED]
    assert all(r.cached for r in _run(d, cache))  # rewritten by the second run


def test_an_entry_moved_to_another_key_is_a_miss(cache: StepCache) -> None:
    refs = goals_of(_derivation())
    a, b = refs[0].goal, refs[1].goal
    cache.put(a, StepResult(verdict=Verdict.PROVED, method="m", trust=Trust.SYMBOLIC))
    src, dst = cache._path(cache.key(a)), cache._path(cache.key(b))
    dst.parent.mkdir(parents=True, exist_ok=True)
    src.replace(dst)
    assert cache.get(b) is None


def test_put_into_an_unwritable_folder_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = StepCache(blocker / "cache")
    (ref, *_) = goals_of(_derivation())
    cache.put(ref.goal, StepResult(verdict=Verdict.PROVED, method="m", trust=Trust.SYMBOLIC))
    assert cache.get(ref.goal) is None
    assert cache.count() == 0


def test_clear_counts_and_removes_every_version(tmp_path: Path) -> None:
    d = _derivation()
    _run(d, StepCache(tmp_path, version="old"))
    current = StepCache(tmp_path)
    _run(d, current)
    assert current.count() == 2
    assert current.clear() == 4
    assert current.count() == 0
    assert current.clear() == 0


def test_default_folder_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYMPROOFS_CACHE_DIR", str(tmp_path / "env"))
    assert StepCache().folder == tmp_path / "env"


def test_cli_cache_info_and_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _derivation()
    _run(d, StepCache(tmp_path))
    assert main(["cache", "info", "--cache-dir", str(tmp_path)]) == 0
    assert "2 cached results" in capsys.readouterr().out
    assert main(["cache", "clear", "--cache-dir", str(tmp_path)]) == 0
    assert "removed 2 cached results" in capsys.readouterr().out
    assert main(["cache", "info", "--cache-dir", str(tmp_path)]) == 0
    assert "0 cached results" in capsys.readouterr().out


def test_cli_check_fills_and_reads_the_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "q3-momentum-update", "--cache-dir", str(tmp_path), "--no-progress", "--timeout", "30"]
    assert main(argv) == 0
    assert "cached" not in capsys.readouterr().out
    assert StepCache(tmp_path).count() > 0
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("cached") >= 4


def test_cli_no_cache_writes_nothing(tmp_path: Path) -> None:
    assert main(["check", "q3-momentum-update", "--cache-dir", str(tmp_path), "--no-cache", "--no-progress"]) == 0
    assert StepCache(tmp_path).count() == 0


def _dummy_goal(a: sp.Dummy, b: sp.Dummy) -> object:
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    lhs = sp.Sum(a * k, (k, 1, n)) + b
    d = Derivation(
        id="dummies",
        title="d",
        question="Q0",
        chains=(Chain(start=lhs, steps=(Step(R.EQ, a * n * (n + 1) / 2 + b, "sum"),)),),
    )
    return goals_of(d)[0].goal


def test_a_goal_with_fresh_dummies_has_the_same_key() -> None:
    """sympy numbers Dummy symbols per process; the key must not depend on it."""
    first = _dummy_goal(sp.Dummy("a", real=True), sp.Dummy("b", real=True))
    again = _dummy_goal(sp.Dummy("a", real=True), sp.Dummy("b", real=True))
    assert goal_key(first) == goal_key(again)  # type: ignore[arg-type]


def test_distinct_dummies_are_not_merged_in_the_key() -> None:
    a = sp.Dummy("a", real=True)
    two = _dummy_goal(a, sp.Dummy("a", real=True))
    one = _dummy_goal(a, a)
    assert goal_key(two) != goal_key(one)  # type: ignore[arg-type]


# -- entries are JSON: reading one never runs code -----------------------------------
def _round_trip_cases() -> list[object]:
    from symproofs.matrices.linalg import Grad
    from symproofs.probability.variables import E

    x = sp.Symbol("x", positive=True)
    n = sp.Symbol("n", integer=True)
    f = sp.Function("f", real=True)
    A = sp.MatrixSymbol("A", 2, 2)
    return [
        pytest.param(sp.Rational(-3, 7) * x**2 + sp.pi * x - sp.E, id="polynomial"),
        pytest.param(sp.Float("0.1", 30) + sp.oo, id="float"),
        pytest.param(sp.Eq(x, x, evaluate=False), id="unevaluated-equation"),
        pytest.param(sp.Sum(f(n) / n**2, (n, 1, sp.oo)), id="sum-of-function"),
        pytest.param(sp.ImmutableMatrix([[1, sp.Rational(1, 2)], [x, 0]]), id="matrix"),
        pytest.param(A.T * A + Grad(sp.Trace(A), A), id="matrix-expression"),
        pytest.param(E(sp.Symbol("X", real=True) * x), id="expectation"),
        pytest.param(sp.Dummy("u", nonnegative=True) + sp.I + sp.zoo, id="dummy"),
        pytest.param(sp.And(x > 1, sp.Ne(n, 2)), id="logic"),
    ]


@pytest.mark.parametrize("expr", _round_trip_cases())
def test_encode_decode_round_trip(expr: sp.Basic) -> None:
    import json

    from symproofs.verifier.cache import decode, encode

    back = decode(json.loads(json.dumps(encode(expr))))
    assert back == expr
    assert sp.srepr(back) == sp.srepr(expr)


def test_a_refutation_is_served_from_cache_with_its_counterexample(cache: StepCache) -> None:
    d = _derivation(last=sp.Symbol("x", real=True) ** 2 + 3)
    first = _run(d, cache)
    assert first[1].verdict is Verdict.REFUTED and first[1].counterexample is not None
    again = _run(d, cache)
    assert [r.cached for r in again] == [True, True]
    assert again[1].counterexample == first[1].counterexample
    assert again[1].replace(cached=False) == first[1]


def _entry_file(cache: StepCache) -> Path:
    d = _derivation()
    _run(d, cache)
    files = sorted(cache.version_folder.glob("*/*.json"))
    assert len(files) == 2
    return files[0]


def test_a_pickle_in_the_cache_folder_is_never_loaded(cache: StepCache, tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (open, (str(marker), "w"))

    path = _entry_file(cache)
    path.write_bytes(pickle.dumps({"format": 1, "result": Payload()}))
    path.with_suffix(".pkl").write_bytes(pickle.dumps(Payload()))
    results = _run(_derivation(), cache)
    assert not marker.exists()
    assert [r.verdict for r in results] == [Verdict.PROVED, Verdict.PROVED]


@pytest.mark.parametrize(
    "residual",
    [
        pytest.param({"class": "os:system", "args": []}, id="not-a-sympy-class"),
        pytest.param({"class": "sympy.core.containers:Tuple", "args": ["__import__('os').remove('x')"]},
                     id="string-argument"),
        pytest.param({"symbol": "x", "class": "sympy.core.add:Add", "assumptions": {}}, id="not-a-symbol-class"),
        pytest.param({"symbol": "x", "class": "sympy.core.symbol:Symbol", "assumptions": {"__class__": True}},
                     id="bad-assumption"),
        pytest.param({"class": "sympy.nosuchmodule:Thing", "args": []}, id="module-not-imported"),
    ],
)
def test_an_entry_with_a_foreign_expression_is_a_miss(cache: StepCache, residual: object) -> None:
    import json

    from symproofs.verifier.cache import Unreadable, decode

    with pytest.raises(Unreadable):
        decode(residual)
    path = _entry_file(cache)
    entry = json.loads(path.read_text())
    entry["result"]["residual"] = residual
    path.write_text(json.dumps(entry))
    results = _run(_derivation(), cache)
    assert sum(r.cached for r in results) == 1


def test_the_key_covers_the_assumptions_of_a_laws_parameters() -> None:
    from symproofs.probability.laws import Generic
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import E

    def goal(**assumptions: bool) -> object:
        m = sp.Symbol("m", **assumptions)
        space = ProbabilitySpace()
        X = space.variable("X", Generic(mean=m))
        d = Derivation(id="mean", title="mean", question="T", algebras=(space,),
                       chains=(Chain(start=E(X), steps=(Step(R.GT, sp.Integer(0), "m > 0"),)),))
        return goals_of(d)[0].goal

    assert goal_key(goal(positive=True)) != goal_key(goal(negative=True))  # type: ignore[arg-type]
    assert goal_key(goal(positive=True)) == goal_key(goal(positive=True))  # type: ignore[arg-type]


def test_an_edited_law_parameter_is_checked_again(tmp_path: Path) -> None:
    from symproofs.probability.laws import Generic
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import E

    cache = StepCache(tmp_path)

    def run(**assumptions: bool) -> Verdict:
        m = sp.Symbol("m", **assumptions)
        space = ProbabilitySpace()
        X = space.variable("X", Generic(mean=m))
        d = Derivation(id="mean", title="mean", question="T", algebras=(space,),
                       chains=(Chain(start=E(X), steps=(Step(R.GT, sp.Integer(0), "m > 0"),)),))
        (res,) = verify_all([d], options=OPTS, cache=cache)
        return res.status

    assert run(positive=True) is Verdict.PROVED
    assert run(negative=True) is Verdict.REFUTED


def _law_goal(law_of: object, **assumptions: bool) -> object:
    """The goal ``E[X] > 0`` for ``X`` with the law ``law_of(f(1))``, ``f`` with ``assumptions``."""
    from symproofs.probability.space import ProbabilitySpace
    from symproofs.probability.variables import E

    f = sp.Function("f", **assumptions)
    space = ProbabilitySpace()
    X = space.variable("X", law_of(f(1)))  # type: ignore[operator]
    d = Derivation(id="mean", title="mean", question="T", algebras=(space,),
                   chains=(Chain(start=E(X), steps=(Step(R.GT, sp.Integer(0), "f(1) > 0"),)),))
    return goals_of(d)[0].goal


def test_the_key_covers_the_assumptions_of_functions_in_a_laws_parameters() -> None:
    from symproofs.probability.laws import Generic, Normal

    for law in (lambda m: Generic(mean=m), lambda m: Normal(m, 1)):
        positive = goal_key(_law_goal(law, positive=True))  # type: ignore[arg-type]
        assert positive != goal_key(_law_goal(law, negative=True))  # type: ignore[arg-type]
        assert positive == goal_key(_law_goal(law, positive=True))  # type: ignore[arg-type]


def test_a_law_whose_functions_were_edited_is_checked_again(tmp_path: Path) -> None:
    from symproofs.probability.laws import Generic

    cache = StepCache(tmp_path)

    def run(**assumptions: bool) -> Verdict:
        from symproofs.probability.space import ProbabilitySpace
        from symproofs.probability.variables import E

        f = sp.Function("f", **assumptions)
        space = ProbabilitySpace()
        X = space.variable("X", Generic(mean=f(1)))
        d = Derivation(id="mean", title="mean", question="T", algebras=(space,),
                       chains=(Chain(start=E(X), steps=(Step(R.GT, sp.Integer(0), "f(1) > 0"),)),))
        (res,) = verify_all([d], options=OPTS, cache=cache)
        return res.status

    assert run(positive=True) is Verdict.PROVED
    assert run(negative=True) is Verdict.REFUTED  # not the positive f's cached proof


def test_the_key_covers_the_assumptions_of_declared_elementwise_functions() -> None:
    from symproofs.matrices.space import MatrixAlgebra

    n = sp.Symbol("n", integer=True, positive=True)
    v = sp.MatrixSymbol("v", n, 1)

    def goal(**assumptions: bool) -> object:
        sigma = sp.Function("sigma", real=True)
        dsigma = sp.Function("dsigma", **assumptions)
        d = Derivation(id="j", title="j", question="T", algebras=(MatrixAlgebra(derivatives={sigma: dsigma}),),
                       chains=(Chain(start=v.T * v, steps=(Step(R.EQ, v.T * v, "same"),)),))
        return goals_of(d)[0].goal

    assert goal_key(goal(positive=True)) != goal_key(goal(negative=True))  # type: ignore[arg-type]


def test_a_counterexample_keeps_the_functions_it_gives_whole(cache: StepCache) -> None:
    """A refutation served from the cache still says which functions its
    point gives whole (checked against every fact about them), so the
    grader honours those facts for a cached result as for a fresh one."""
    from symproofs.core.results import Counterexample

    goal = goals_of(_derivation())[0].goal
    cx = Counterexample(assignment=((sp.Symbol("x", real=True), sp.Integer(2)),), lhs=sp.Integer(1), rhs=sp.Integer(0),
                        model="sigma(x) = 1/(1 + exp(-x))", whole=("sigma", "sigma'"))
    cache.put(goal, StepResult(verdict=Verdict.REFUTED, method="m", trust=Trust.NONE, counterexample=cx))
    back = cache.get(goal)
    assert back is not None and back.counterexample is not None
    assert back.counterexample.whole == ("sigma", "sigma'")
