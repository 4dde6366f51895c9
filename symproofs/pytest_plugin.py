"""The pytest plugin: every derivation becomes a test item.

Enable it with ``pytest --symproofs`` (or ``symproofs = true`` in the pytest
ini options). Items are the library's derivations plus the modules named with
``--symproofs-module`` or listed under ``[tool.symproofs] modules``. A
failure shows the derivation, the step, both sides, the verdict and the
counterexample, nothing else. The library is imported inside the hooks only,
so loading pytest does not import sympy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from symproofs.core.model import Derivation
    from symproofs.core.results import DerivationResult

_RESULT = pytest.StashKey["DerivationResult"]()
_ENABLED = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("symproofs", "verify symproofs derivations")
    group.addoption("--symproofs", action="store_true", default=None,
                    help="collect every derivation as a test item")
    group.addoption("--symproofs-module", action="append", default=[], metavar="MODULE",
                    help="also verify the derivations of MODULE (a module name or .py path)")
    group.addoption("--symproofs-timeout", type=float, default=120.0, metavar="S",
                    help="time limit per step in seconds (120)")
    parser.addini("symproofs", type="bool", default=False, help="collect derivations as test items")


def pytest_configure(config: pytest.Config) -> None:
    opt = config.getoption("symproofs")
    config.stash[_ENABLED] = bool(opt) if opt is not None else bool(config.getini("symproofs"))


class DerivationFailure(Exception):
    """Raised by an item whose derivation is not proved."""


class DerivationItem(pytest.Item):
    """One derivation, checked step by step in isolated workers."""

    def __init__(self, *, derivation: Derivation, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.derivation = derivation

    def runtest(self) -> None:
        from symproofs.core.results import Verdict
        from symproofs.verifier.pipeline import Options, verify

        timeout = float(self.config.getoption("symproofs_timeout"))
        result = verify(self.derivation, options=Options(timeout=timeout))
        self.stash[_RESULT] = result
        if result.status is not Verdict.PROVED:
            raise DerivationFailure(self.derivation.id)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if not isinstance(excinfo.value, DerivationFailure) or _RESULT not in self.stash:
            return str(super().repr_failure(excinfo))
        return failure_report(self.derivation, self.stash[_RESULT])

    def reportinfo(self) -> tuple[Path, int | None, str]:
        import inspect
        import sys

        module = sys.modules.get(type(self.derivation).__module__)
        path = Path(self.config.rootpath)
        for name, mod in list(sys.modules.items()):
            if name.startswith("symproofs.library.") or name.startswith("symproofs_user_"):
                if self.derivation in getattr(mod, "DERIVATIONS", ()):
                    module = mod
                    break
        if module is not None:
            try:
                path = Path(inspect.getfile(module))
            except TypeError:
                pass
        return path, None, f"derivation {self.derivation.id} ({self.derivation.question})"


def failure_report(d: Derivation, result: DerivationResult) -> str:
    """The step, both sides, the verdict and the counterexample."""
    import sympy as sp

    from symproofs.core.results import Verdict

    lines = [f"{d.question} {d.id}: {d.title}"]
    for chain, cres in zip(d.chains, result.chains, strict=True):
        prev = chain.start
        for i, (step, sres) in enumerate(zip(chain.steps, cres.steps, strict=True), start=1):
            if sres.verdict is not Verdict.PROVED:
                where = f"{cres.label}, step {i}" if len(d.chains) > 1 else f"step {i}"
                lines.append(f"{where}: {step.why}")
                lines.append(f"  left:  {sp.sstr(prev)}")
                lines.append(f"  {step.relation.value:<5}  {sp.sstr(step.expr)}")
                lines.append(f"  verdict: {sres.describe()}")
            prev = step.expr
    for c in result.conclusion:
        if c.verdict is not Verdict.PROVED:
            lines.append(f"claim: {c.method}: {c.describe()}")
    return "\n".join(lines)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.stash.get(_ENABLED, False):
        return
    from symproofs.loader import load

    targets = list(config.getoption("symproofs_module"))
    derivations = load(targets, start=config.rootpath) if targets else load(start=config.rootpath)
    for d in derivations:
        items.append(DerivationItem.from_parent(session, name=f"symproofs::{d.id}", derivation=d))
