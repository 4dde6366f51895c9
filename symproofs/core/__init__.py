"""The core: what a step states (statements), derivations and steps (model),
verdicts and results, facts, goals and the interface of a domain algebra
(goals), errors, and the registry of notebook representations (reprs).

Nothing here reaches a presentation library (jinja2, latex2mathml, pytest).
"""
