"""The core: what a step states (statements), derivations and steps (model),
verdicts and results, facts, goals and the interface of a domain algebra
(goals), errors, whether a constant is zero (exact), the corrections to
sympy's assumptions installed on import (sympy_fixes), and the registry of
notebook representations (reprs).

Nothing here reaches a presentation library (jinja2, latex2mathml, pytest).
"""
