"""The derivative of a function of one variable as a function, with a value
at every point (:class:`Slope`)."""

from __future__ import annotations

from typing import Any

import sympy as sp

__all__ = ["Slope"]


class Slope(sp.Lambda):  # type: ignore[misc]
    """``Lambda(_elt, Derivative(f(_elt), _elt))`` whose value at a point that
    is no variable to differentiate by (a sum, ``a + b``) is ``f'`` there,
    ``Subs(Derivative(f(x), x), x, p)``: sympy's own call would differentiate
    by the point itself, which it cannot (``Derivative(f(a + b), a + b)``)."""

    def __call__(self, *args: Any) -> Any:
        d = self.expr
        if len(args) == 1 and isinstance(d, sp.Derivative) and d.variables == self.variables:
            try:
                return super().__call__(*args)
            except ValueError:
                x = sp.Dummy("xi", real=True)
                return sp.Subs(d.xreplace({self.variables[0]: x}), x, args[0])
        return super().__call__(*args)
