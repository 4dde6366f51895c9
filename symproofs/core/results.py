"""Check results: verdicts, trust levels, counterexamples, step and
derivation results. All immutable.

>>> Verdict.PROVED.symbol
'✓'
>>> bool(Verdict.PROVED)
Traceback (most recent call last):
...
TypeError: a Verdict has no truth value; compare with a member
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symproofs.core import reprs

__all__ = [
    "ChainResult",
    "Counterexample",
    "DerivationResult",
    "StepResult",
    "Trust",
    "Verdict",
    "left_to_show",
]


class StrictEnum(enum.Enum):
    """An enum without a truth value (``if verdict:`` is a ``TypeError``, as
    with a sympy relational): compare with a member instead."""

    def __bool__(self) -> bool:
        raise TypeError(f"a {type(self).__name__} has no truth value; compare with a member")


class Verdict(StrictEnum):
    """What the verifier concluded about one step."""

    PROVED = "proved"
    REFUTED = "refuted"
    UNKNOWN = "unknown"

    @property
    def symbol(self) -> str:
        return {"proved": "✓", "refuted": "✗", "unknown": "?"}[self.value]


class Trust(StrictEnum):
    """How far a result can be trusted.

    ``SYMBOLIC``: proved for all values satisfying the assumptions.
    ``INSTANCES``: checked exactly on finite instances (listed in the result).
    ``GIVEN``: taken as given (a hypothesis or a cited lemma).
    ``NONE``: nothing established (refuted or unknown).
    """

    SYMBOLIC = "symbolic"
    INSTANCES = "instances"
    GIVEN = "given"
    NONE = "none"

    @property
    def rank(self) -> int:
        return {"symbolic": 3, "given": 2, "instances": 1, "none": 0}[self.value]


def _text(value: sp.Basic) -> str:
    """A value on one line; a matrix by its rows (``[[1, 0], [1/2, 2]]``)."""
    if isinstance(value, sp.MatrixBase):
        return str(sp.sstr(value.tolist()))
    return str(sp.sstr(value))


@dataclass(frozen=True, kw_only=True)
class Counterexample:
    """An exact point at which a step fails, re-checked before it is reported.

    ``assignment`` pairs each symbol (or applied function such as ``g(2)``)
    with an exact value; ``model`` describes any other choice made (concrete
    distributions, concrete matrices), and ``model_latex``, when there is
    one, says the same as LaTeX text (words, formulas in ``$...$``); ``lhs``
    and ``rhs`` are the two sides' exact values there. ``whole`` names the
    functions the point gives as whole functions (``sigma(x) = s(x)``) that
    were checked to satisfy every lemma about them for every value of the
    lemma's variables, so a quantified fact about them needs no other check.
    """

    assignment: tuple[tuple[sp.Basic, sp.Basic], ...]
    lhs: sp.Basic
    rhs: sp.Basic
    model: str = ""
    model_latex: str = ""
    whole: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line a TA can paste: ``at beta = 1/2, t = 3: left = 1, right = 2``."""
        parts = [f"{sp.sstr(k)} = {_text(v)}" for k, v in self.assignment]
        where = ", ".join(parts) if parts else "any values"
        if self.model:
            where = f"{where}; {self.model}" if parts else self.model
        return f"at {where}: left = {_text(self.lhs)}, right = {_text(self.rhs)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": {sp.sstr(k): _text(v) for k, v in self.assignment},
            "model": self.model,
            "model_latex": self.model_latex,
            "left": _text(self.lhs),
            "right": _text(self.rhs),
            "text": self.describe(),
        }


def left_to_show(residual: sp.Basic) -> str:
    """What an unknown step leaves: ``d = 0`` for an equation's difference,
    the inequality itself (``d >= 0``) for an order step's."""
    if isinstance(residual, sp.core.relational.Relational):
        return str(sp.sstr(residual))
    return f"{sp.sstr(residual)} = 0"


@dataclass(frozen=True, kw_only=True)
class StepResult:
    """The verifier's answer for one step."""

    verdict: Verdict
    method: str
    trust: Trust
    seconds: float = 0.0
    residual: sp.Basic | None = None
    counterexample: Counterexample | None = None
    instances: str = ""
    message: str = ""
    cached: bool = False

    @property
    def proved(self) -> bool:
        return self.verdict is Verdict.PROVED

    def describe(self) -> str:
        """Human text: ``proved (polynomial normal form)``, ``refuted at ...``."""
        if self.verdict is Verdict.PROVED:
            text = f"proved ({self.method})"
            if self.trust is Trust.INSTANCES:
                text += f"; checked on {self.instances}"
            elif self.trust is Trust.GIVEN:
                text += "; taken as given"
            return text
        if self.verdict is Verdict.REFUTED:
            cx = self.counterexample.describe() if self.counterexample else self.message
            return f"refuted {cx}"
        text = "unknown"
        if self.message:
            text += f" ({self.message})"
        if self.residual is not None:
            text += f"; left to show: {left_to_show(self.residual)}"
        return text

    def replace(self, **changes: Any) -> StepResult:
        from dataclasses import replace

        return replace(self, **changes)


@dataclass(frozen=True, kw_only=True)
class ChainResult:
    label: str
    steps: tuple[StepResult, ...]


@dataclass(frozen=True, kw_only=True)
class DerivationResult:
    """Results for every step of every chain, plus the conclusion checks
    (that the chains establish the claim, or the induction closes)."""

    id: str
    title: str
    question: str
    chains: tuple[ChainResult, ...]
    conclusion: tuple[StepResult, ...] = field(default=())
    #: The weakest trust of the derivations that prove the lemmas it cites
    #: (through ``proved_by``, at any depth): a step that applies such a
    #: lemma is as trusted as its own argument, the derivation no more than
    #: what it rests on.
    lent: Trust = Trust.SYMBOLIC

    def _repr_latex_(self) -> str | None:
        return reprs.show(self, "latex")

    def _repr_markdown_(self) -> str | None:
        return reprs.show(self, "markdown")

    def _repr_html_(self) -> str | None:
        return reprs.show(self, "html")

    @property
    def all_steps(self) -> tuple[StepResult, ...]:
        return tuple(s for c in self.chains for s in c.steps) + self.conclusion

    @property
    def status(self) -> Verdict:
        verdicts = [s.verdict for s in self.all_steps]
        if any(v is Verdict.REFUTED for v in verdicts):
            return Verdict.REFUTED
        if all(v is Verdict.PROVED for v in verdicts):
            return Verdict.PROVED
        return Verdict.UNKNOWN

    @property
    def trust(self) -> Trust:
        """The weakest trust level among the steps and the proofs of the
        lemmas they cite."""
        return min((*(s.trust for s in self.all_steps), self.lent), key=lambda t: t.rank)
