"""Names a document defines for itself (symproofs.latex.defined)."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.latex.declarations import Notation
from symproofs.latex.defined import defined_names, e_named, function_names


def test_the_functions_a_document_defines_are_found() -> None:
    doc = ("\\begin{align}\nf(x) &:= x^2 + 1 \\\\\ng(t) &= e^{-t}\n\\end{align}\n"
           "$$ \\ell(w) = w^2 $$\nand in prose p(x) = 2, h(x) := 3\n")
    assert function_names(doc) == {"f", "g", "ell"}


@pytest.mark.parametrize(("doc", "named"), [
    ("$$ e = y - \\hat y $$", True),
    ("then $e = mc^2$ holds", True),
    ("$$ e = \\sum_{k=0}^{\\infty} \\frac{1}{k!} $$", False),  # a value of Euler's number
    ("$$ e = 2.718 $$", False),
    ("$$ y = e^x $$", False),
    ("$$ e = \\lim_{n \\to \\infty} (1 + 1/n)^n $$", False),  # n is the limit's own
    ("$$ e = \\int_0^1 t \\, dt + c $$", True),  # t is bound, c is free
])
def test_e_names_a_quantity_only_where_a_row_opens_with_it(doc: str, named: bool) -> None:
    assert e_named(doc) is named
    notation = defined_names(doc, None)
    assert (notation is not None and "e" in notation.ambiguous) is named


def test_a_declared_name_keeps_its_declaration() -> None:
    notation = defined_names("$$ e = y - x $$", Notation(symbols={"e": "positive"}))
    assert notation is not None and notation.symbols["e"] == "positive" and not notation.ambiguous


def test_beside_a_quantity_named_e_every_other_e_is_ambiguous(tmp_path: Path) -> None:
    from symproofs.grading.run import GradeOptions, grade

    path = tmp_path / "answer.md"
    path.write_text("$$ e = y - \\hat y $$\n\n$$ e^2 = (y - \\hat y)^2 $$\n\n"
                    "$$ \\frac{d}{dz} \\frac{1}{1 + e^{-z}} = \\frac{e^{-z}}{(1+e^{-z})^2} $$\n", encoding="utf-8")
    (sub,) = grade([path], GradeOptions(timeout=20, jobs=1))
    # e^2 was read as exp(2), or the sigmoid's e as the residual: either way a true line refuted
    verdicts = [s.verdict.value for c in sub.chains for s in c.steps]
    assert verdicts[0] == "unknown" and "refuted" not in verdicts and "ambiguous" in " ".join(
        s.message for c in sub.chains for s in c.steps)
