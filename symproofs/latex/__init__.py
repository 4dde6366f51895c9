"""The LaTeX front end: lexer, parser, extraction of chains from a document,
and the notation that gives them meaning."""
