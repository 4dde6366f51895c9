"""What the verifier checks, and how a domain algebra plugs into it.

A :class:`Goal` is ``lhs relation rhs`` with everything a strategy may use:
the assumptions (as :class:`~symproofs.core.facts.Facts`), the givens, the
lemmas, the domain algebras and the names the step cites. An
:class:`Outcome` is what a strategy concludes.

An :class:`Algebra` (random variables, matrices) plugs domain knowledge into
the verifier without the verifier knowing the domain:

* :meth:`Algebra.reduce` rewrites domain constructs into a canonical form
  the generic strategies understand (``E[X*Y]`` into ``E[X]*E[Y]`` when the
  author declared independence). It must preserve meaning exactly: it is
  used to *prove*.
* :meth:`Algebra.strategies` adds named strategies to the pipeline.
* :meth:`Algebra.models` yields concrete models for the refutation probe
  (a finite distribution for every random variable, concrete matrices). A
  model only ever refutes.
* :meth:`Algebra.cross_examine` looks for a model where a step just
  proved fails (a contradiction makes the step unknown).
* :meth:`Algebra.instances` yields exact finite instances (concrete
  shapes with symbolic entries). A step proved on every instance is
  reported with trust ``instances``, naming them.

The goal carries its algebras and an algebra's hooks receive goals, so the
two live in one module.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

from symproofs.core.facts import Facts
from symproofs.core.results import Counterexample, Trust, Verdict
from symproofs.core.statements import Given, Lemma, Relation, Side

__all__ = ["BUDGET", "RANDOM_ELSEWHERE", "Algebra", "Context", "Goal", "Instance", "Model", "Outcome", "holds_random",
           "random_elsewhere", "random_heads_of"]

#: The random variables (:meth:`Algebra.random_heads`) of every algebra of the
#: goal being checked, set by the pipeline for the duration of the check: an
#: algebra that evaluates an expectation asks :func:`random_elsewhere` before
#: it takes a factor for a constant.
RANDOM_ELSEWHERE: ContextVar[frozenset[object]] = ContextVar("random_elsewhere", default=frozenset())


#: The method of a result cut short by a strategy's own time budget: it
#: depends on the machine's speed, so it is never cached.
BUDGET = "time budget"


def random_heads_of(algebras: Sequence[Algebra]) -> frozenset[object]:
    """The random variables every one of ``algebras`` declares."""
    return frozenset().union(*(alg.random_heads() for alg in algebras))


def holds_random(expr: object, heads: frozenset[object]) -> bool:
    """Whether ``expr`` holds one of ``heads``: a random symbol, or a member of a
    random family (an application of its function)."""
    if not heads or not isinstance(expr, sp.Basic):
        return False
    return any(s in heads for s in expr.free_symbols) or any(a.func in heads for a in expr.atoms(AppliedUndef))


def random_elsewhere(expr: sp.Basic) -> bool:
    """Whether ``expr`` holds a random variable some algebra of the goal
    being checked declares (``Z`` of a probability space beside matrices)."""
    return holds_random(expr, RANDOM_ELSEWHERE.get())


@dataclass(frozen=True, kw_only=True)
class Context:
    facts: Facts
    givens: tuple[Given, ...] = ()
    lemmas: tuple[Lemma, ...] = ()
    algebras: tuple[Algebra, ...] = ()
    uses: tuple[str, ...] = ()
    seed: int = 0
    #: the facts among ``facts`` that a reader presumes rather than the text states (a sum's range
    #: read as not reversed, ``m >= 0`` for ``\sum_{i=1}^{m}``): a point outside them is no
    #: counterexample, but a proof that needs them proves the step only where they hold
    presumed: tuple[sp.Basic, ...] = ()

    def __post_init__(self) -> None:
        implied = [c for alg in self.algebras for c in alg.assumptions()]
        extra = tuple(dict.fromkeys(c for c in implied if c not in self.facts.constraints))
        if extra:  # the declarations' own conditions are assumptions of every step
            object.__setattr__(self, "facts", Facts(self.facts.constraints + extra))

    def cited_lemmas(self) -> tuple[Lemma, ...]:
        return tuple(lem for lem in self.lemmas if lem.name in self.uses)


@dataclass(frozen=True, kw_only=True)
class Goal:
    relation: Relation
    lhs: Side
    rhs: Side
    context: Context
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class Outcome:
    verdict: Verdict
    method: str
    trust: Trust = Trust.SYMBOLIC
    residual: sp.Basic | None = None
    counterexample: Counterexample | None = None
    instances: str = ""
    message: str = ""
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Model:
    """A concrete model: ``apply`` turns an expression into one without
    domain constructs (plain sympy over the remaining symbols).

    ``explain``, when the algebra has one, describes the part of the model
    that given expressions use, in their own names, with given values put
    in for symbols (a counterexample shows that instead of ``description``),
    as plain text and as LaTeX (words, with formulas in ``$...$``); it
    raises ``ValueError`` when it cannot."""

    #: The model in words, or what writes them (called only when a
    #: counterexample needs them: most models refute nothing): :meth:`describe`.
    description: str | Callable[[], str]
    apply: Callable[[sp.Basic], sp.Basic]
    explain: Callable[[Sequence[sp.Basic], Mapping[sp.Basic, sp.Basic]], tuple[str, str]] | None = None
    #: Whether the model is made of real laws when its parameters take the
    #: given values (no square root of a negative variance, declared moments
    #: that some law has); a model refutes nothing where it does not exist.
    exists: Callable[[Mapping[sp.Basic, sp.Basic]], bool] | None = None

    def describe(self) -> str:
        """The model in words."""
        return self.description if isinstance(self.description, str) else self.description()


@dataclass(frozen=True)
class Instance:
    """A finite instance on which a step is checked exactly."""

    description: str
    apply: Callable[[sp.Basic], sp.Basic]


class Algebra:
    """Base class: every hook is optional and does nothing by default."""

    name = "algebra"

    def reduce(self, expr: sp.Basic) -> sp.Basic:
        return expr

    def strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        return ()

    def order_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        """Strategies for inequalities, tried after the generic ones."""
        return ()

    def logical_strategies(self) -> Sequence[tuple[str, Callable[..., object]]]:
        """Strategies for ``=>`` and ``<=>`` between statements, tried after
        the generic ones."""
        return ()

    def ill_formed(self, goal: Goal) -> str | None:
        """Why a side or a given of ``goal`` is not a well-formed expression
        of this domain (a sum of matrices of different shapes), or ``None``.
        Such a step is not checked at all."""
        return None

    def existence_problem(self, goal: Goal) -> str | None:
        """Why a quantity of this domain in a side of ``goal`` may not exist
        (an expectation of a variable that may be ``0/0`` at an atom of its
        law), or ``None``. Such a step is neither proved nor refuted."""
        return None

    def models(self, rng: random.Random) -> Iterator[Model]:
        return iter(())

    def instances(self) -> Iterator[Instance]:
        return iter(())

    def cross_examine(self, goal: Goal) -> Counterexample | None:
        """A few cheap attempts at a concrete model where ``goal``, which a
        strategy proved, fails (exact and re-checked, as for a refutation).
        Used before a proof is reported for sides the scalar probe cannot
        evaluate (matrices); ``None`` when none is found or none is tried."""
        return None

    def holds(self, statement: sp.Basic) -> bool | None:
        """Decide a hypothesis of this domain (``Independent(X, Y)``);
        ``None`` when it is not one."""
        return None

    def assumptions(self) -> tuple[sp.Basic, ...]:
        """Relations the declarations impose on plain symbols (a law's
        probability in ``[0, 1]``): every step of the context assumes them,
        and the probe draws no point that breaks them."""
        return ()

    def random_symbols(self) -> frozenset[sp.Symbol]:
        """Symbols whose values the algebra's models choose (random
        variables); the probe does not sample them."""
        return frozenset()

    def lawful_matrices(self) -> frozenset[sp.Basic]:
        """Matrices whose entries follow a law the algebra declares (a
        keep-mask's entries are 0 or 1): the probe gives them no free values."""
        return frozenset()

    def random_heads(self) -> frozenset[object]:
        """The random variables the algebra declares, as symbols and as the
        functions of its indexed families (``W`` of ``W(i, j)``): no other
        algebra may take an expression holding one for a constant."""
        return frozenset()

    def owns(self, expr: sp.Basic) -> bool:
        """Whether ``expr`` contains constructs of this algebra."""
        return False

    def declared_symbols(self) -> frozenset[sp.Basic]:
        """Every symbol the declarations mention (a law's parameters, a
        mask's probability). Their assumptions can change a verdict without
        showing in :meth:`fingerprint`; cache keys include them."""
        return frozenset()

    def declared_terms(self) -> frozenset[object]:
        """Every symbol, undefined function (a family's head, a declared
        derivative) and expression (a law's parameter as written, ``f(1)``)
        the declarations are written in. Cache keys include the assumptions
        of each symbol and function in them, and no step may use one of
        their names for another symbol or function
        (:mod:`symproofs.verifier.names`)."""
        return frozenset(self.declared_symbols()) | self.random_symbols() | self.random_heads() \
            | self.lawful_matrices()

    def declarations(self) -> frozenset[tuple[object, ...]]:
        """The declarations of random matrices and derivatives that can
        change a verdict, as items comparable across algebras: ``("mask",
        R, p)`` (a Bernoulli(``p``) keep-mask ``R``), ``("random", W)``,
        ``("derivative", sigma, dsigma)``. A lemma proved under other
        ones lends no trust (:mod:`symproofs.verifier.provenance`)."""
        return frozenset()

    def fingerprint(self) -> str:
        """A stable text that changes whenever the declarations change
        (used in cache keys)."""
        return self.name
