"""Corrections to sympy's assumptions, installed once when symproofs is imported.

sympy decides some signs wrongly, and a wrong sign is used as soon as an
expression is *built*: ``Abs``, ``sign``, ``Max``, ``Min``, ``Heaviside``,
``sqrt(c**2)`` and ``Piecewise`` evaluate at construction. With sympy 1.14,
``binomial(n, 3)`` for an integer ``n`` of unknown sign is "never
nonnegative" (``binomial._eval_is_nonnegative`` answers ``False`` for every
odd ``k`` unless ``n`` is known nonnegative), so ``Abs(binomial(n, 3))``
becomes ``-binomial(n, 3)`` before symproofs sees the step, and the false
step ``|C(n, 3)| = -C(n, 3)`` is a structural identity (``C(5, 3) = 10``).
No check made afterwards can see the collapse, so the cause is corrected:

* ``binomial(n, k)`` with integer arguments is nonnegative when ``n >= 0``,
  when ``k < 0`` (its value is 0) or when ``k`` is even (for ``n < 0`` its
  value is ``(-1)^k C(k - n - 1, k)``); it is negative when ``n < 0`` and
  ``k`` is odd and nonnegative; otherwise the handler says nothing.
* ``RisingFactorial(x, k)`` and ``FallingFactorial(x, k)`` are integers when
  ``x`` is an integer and ``k`` a natural number; sympy also calls them
  "not integers" whenever one of those conditions fails, which is wrong
  (``rf(1/2, 0) = 1``, ``rf(2, -1) = 1``): the handler says nothing then.

* ``Product`` over an empty range is 1, but sympy calls it "extended
  nonpositive" (a rule that holds for an empty ``Sum``), so
  ``Product(t, (t, 1, 0)).is_positive`` is ``False``; which of its
  contradictory answers wins depends on the order in which sympy infers
  facts, which it shuffles per process. An empty product is not
  nonpositive; otherwise the handler says nothing, as sympy's did.

Every handler answers ``True`` or ``False`` only when the answer is proved,
and ``None`` otherwise. :func:`install` (called from ``symproofs/__init__``)
patches sympy at once if sympy is loaded, and otherwise when sympy loads its
combinatorial functions, so that ``import symproofs`` still does not import
sympy. Expressions built *before* the patch keep the assumptions they had
computed then.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sympy as sp

__all__ = ["binomial_is_nonnegative", "factorial_power_is_integer", "install", "product_is_extended_nonpositive"]


def binomial_is_nonnegative(self: sp.Basic) -> bool | None:
    """Whether ``binomial(n, k)`` is nonnegative, decided only when provable
    (sympy's own handler answers ``False`` for an odd ``k`` and an integer
    ``n`` of unknown sign, but ``C(5, 3) = 10``)."""
    n, k = self.args
    if n.is_integer is not True or k.is_integer is not True:
        return None
    if n.is_nonnegative or k.is_negative or k.is_even:
        return True
    if n.is_negative and k.is_nonnegative and k.is_odd:
        return False  # (-1)^k C(k - n - 1, k) with C(k - n - 1, k) >= 1
    return None


def factorial_power_is_integer(self: sp.Basic) -> bool | None:
    """Whether ``RisingFactorial(x, k)`` (or ``FallingFactorial``) is an
    integer: yes for an integer ``x`` and a natural ``k``; otherwise
    undecided (``rf(1/2, 0) = 1`` and ``rf(2, -1) = 1`` are integers)."""
    x, k = self.args
    if x.is_integer and k.is_integer and k.is_nonnegative:
        return True
    return None


def product_is_extended_nonpositive(self: sp.Basic) -> bool | None:
    """Whether a ``Product`` is extended nonpositive: not when its range is
    empty (its value is 1); otherwise undecided, as in sympy."""
    if self.has_empty_sequence:
        return False
    return None


#: sympy module -> (class name, assumption, corrected handler)
_FIXES: dict[str, tuple[tuple[str, str, Callable[[Any], bool | None]], ...]] = {
    "sympy.functions.combinatorial.factorials": (
        ("binomial", "nonnegative", binomial_is_nonnegative),
        ("RisingFactorial", "integer", factorial_power_is_integer),
        ("FallingFactorial", "integer", factorial_power_is_integer),
    ),
    "sympy.concrete.products": (
        ("Product", "extended_nonpositive", product_is_extended_nonpositive),
    ),
}


def _set_handler(cls: Any, fact: str, handler: Callable[[Any], bool | None]) -> None:
    """Give ``cls`` and its subclasses that inherit the handler the corrected
    one. sympy reads handlers from the class's ``_prop_handler`` table, built
    when the class was defined, so the table is updated too."""
    name = f"_eval_is_{fact}"
    setattr(cls, name, handler)
    cls._prop_handler = {**cls._prop_handler, fact: handler}
    for sub in cls.__subclasses__():
        if name not in sub.__dict__:
            _set_handler(sub, fact, handler)


def _apply(module: ModuleType) -> None:
    """Correct the classes of the loaded ``module`` (once)."""
    for cls_name, fact, handler in _FIXES[module.__name__]:
        cls = getattr(module, cls_name)
        if cls.__dict__.get(f"_eval_is_{fact}") is not handler:
            _set_handler(cls, fact, handler)


class _PatchingLoader(Loader):
    """Runs the real loader of sympy's module, then corrects its classes."""

    def __init__(self, inner: Loader) -> None:
        self._inner = inner

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        _apply(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_code, ... of the real loader
        if name == "_inner":  # not set yet (a copy): no recursion
            raise AttributeError(name)
        return getattr(self._inner, name)


class _Finder(MetaPathFinder):
    """Finds sympy's module with the other finders and wraps its loader;
    leaves ``sys.meta_path`` once it has done so."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in _FIXES or fullname in sys.modules:
            return None
        if all(name in sys.modules or name == fullname for name in _FIXES) and self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in [f for f in sys.meta_path if not isinstance(f, _Finder)]:
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """Correct sympy's assumptions now if sympy's combinatorial functions
    are loaded, or as soon as they are (idempotent)."""
    loaded = False
    for name, fixes in _FIXES.items():
        module = sys.modules.get(name)
        if module is not None and all(hasattr(module, cls) for cls, _, _ in fixes):
            _apply(module)
            loaded = True
    if loaded:
        from sympy.core.cache import clear_cache

        clear_cache()  # drop cached objects built with the old answers
    if not all(name in sys.modules for name in _FIXES) and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
