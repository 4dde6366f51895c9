"""The core: derivations and steps (model), verdicts and results, facts, goals, errors.

Nothing here reaches a presentation library (jinja2, latex2mathml, pytest).
"""
