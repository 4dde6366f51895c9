"""Grading students' LaTeX: the grading run, its reports, its command."""
