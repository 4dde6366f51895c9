"""Rendering: TeX printing of expressions, the Jinja documents, dependency graphs."""
