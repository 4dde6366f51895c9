"""symproofs: machine-checked derivations for teaching machine-learning theory.

Write a derivation as a chain of sympy steps, each with a justification;
:func:`check` says per step *proved* (and how), *refuted* (with an exact
counterexample) or *unknown* (with what is left).

>>> import sympy as sp
>>> from symproofs import Chain, Derivation, Relation, Step, check, symbols
>>> a, b = symbols("a b")
>>> d = Derivation(id="square", title="Square of a sum", question="Q0.1", chains=(
...     Chain(start=(a + b)**2, steps=(
...         Step(Relation.EQ, a**2 + 2*a*b + b**2, "expand"),)),))
>>> check(d, isolate=False).status
<Verdict.PROVED: 'proved'>
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

import symproofs.render.notebook  # noqa: F401  (the notebook representations of the model)
from symproofs.core import sympy_fixes

# sympy's wrong signs of binomial coefficients are corrected before any
# expression is built (see symproofs.core.sympy_fixes); sympy is not imported here.
sympy_fixes.install()

if TYPE_CHECKING:
    from symproofs.core.errors import InputError, NotSupportedError, SymproofsError
    from symproofs.core.model import (
        Chain,
        Derivation,
        Given,
        Identically,
        Induction,
        Lemma,
        Relation,
        Step,
        symbols,
        within,
    )
    from symproofs.core.results import Counterexample, DerivationResult, StepResult, Trust, Verdict
    from symproofs.verifier.pipeline import Options
    from symproofs.verifier.pipeline import verify as check
    from symproofs.verifier.pipeline import verify_all as check_all

# Names are imported on first use, so that ``symproofs --help`` does not
# import sympy.
_HOME = {
    "InputError": "core.errors", "NotSupportedError": "core.errors", "SymproofsError": "core.errors",
    "Chain": "core.model", "Derivation": "core.model", "Given": "core.model", "Identically": "core.model",
    "Induction": "core.model", "Lemma": "core.model", "Relation": "core.model", "Step": "core.model",
    "symbols": "core.model", "within": "core.model",
    "Counterexample": "core.results", "DerivationResult": "core.results", "StepResult": "core.results",
    "Trust": "core.results", "Verdict": "core.results",
    "Options": "verifier.pipeline", "check": "verifier.pipeline:verify",
    "check_all": "verifier.pipeline:verify_all",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'symproofs' has no attribute {name!r}")
    module, _, attr = home.partition(":")
    value = getattr(import_module(f"symproofs.{module}"), attr or name)
    globals()[name] = value
    return value


__all__ = [
    "Chain",
    "Counterexample",
    "Derivation",
    "DerivationResult",
    "Given",
    "Identically",
    "Induction",
    "InputError",
    "Lemma",
    "NotSupportedError",
    "Options",
    "Relation",
    "Step",
    "StepResult",
    "SymproofsError",
    "Trust",
    "Verdict",
    "check",
    "check_all",
    "symbols",
    "within",
]
