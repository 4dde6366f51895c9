from __future__ import annotations

import pytest

from symproofs.latex.labels import index_list, label_of
from symproofs.latex.lexer import prepare
from symproofs.latex.parser import AmbiguousReading, parse_math
from symproofs.latex.tokens import Origin, Tok


def _inner(script: str) -> list[Tok]:
    """The tokens of a subscript of ``d``, braces left out (as the grammar hands them over)."""
    _, _, *toks = prepare(Origin("d_" + script, None, 1, 1))
    return [t for t in toks if t.kind != "sym" or t.text not in ("{", "}")]


@pytest.mark.parametrize(("script", "label"), [
    ("{in}", "in"), ("{out}", "out"), ("{max}", "max"), ("{train}", "train"), ("{abc}", "abc"),
    (r"{\max}", "max"), (r"\min", "min"), (r"{\text{opt}}", "opt"), (r"{\mathrm{test}}", "test"),
    # indices: index letters, two letters that are no word, an expression, one letter
    ("{ij}", None), ("{kl}", None), ("{ab}", None), ("{ijk}", None), ("{nmt}", None), ("{t-1}", None), ("{i}", None),
    ("{i,j}", None), ("{2}", None),
], ids=["in", "out", "max", "train", "three-letters", "max-command", "min-bare", "text", "mathrm",
        "ij", "kl", "ab", "ijk", "index-letters", "expression", "one-letter", "comma", "digit"])
def test_a_subscript_is_a_label_when_it_is_a_word(script: str, label: str | None) -> None:
    assert label_of(_inner(script), "d", frozenset()) == label


def test_letters_declared_indices_and_a_matrix_keep_their_indices() -> None:
    assert label_of(_inner("{in}"), "d", frozenset({"i", "n"})) is None
    assert label_of(_inner("{out}"), None, frozenset()) is None  # a declared matrix: its entry
    assert label_of(_inner(r"{\text{out}}"), None, frozenset()) == "out"  # a text subscript, whatever the base


@pytest.mark.parametrize(("script", "entries", "indices"), [
    ("{i2}", False, ["i", "2"]), ("{t1}", False, ["t", "1"]), ("{ij2}", False, ["i", "j", "2"]),
    ("{2i}", False, None), ("{2i}", True, ["2", "i"]), ("{ij}", False, ["i", "j"]), ("{12}", False, None),
    ("{i12}", False, "ambiguous"), ("{t-1}", False, None),
], ids=["i2", "t1", "ij2", "2i-product", "2i-entry", "letters", "digits", "several-digits", "expression"])
def test_a_subscript_of_letters_and_digits_is_a_list_of_indices(
        script: str, entries: bool, indices: list[str] | str | None) -> None:
    assert index_list(_inner(script), entries) == indices


@pytest.mark.parametrize("text", [
    r"\sum_{i=1}^{n} a_{in}", r"\prod_{i=1}^{n} a_{in}", r"\max_i a_{in}", r"\sum_{l=1}^{L} \sum_{r=1}^{R} w_{lr}",
    r"\frac{\partial}{\partial a_{in}} \sum_{i=1}^{n} a_{in}^2", r"\sum_{m=1}^{M} x_{min}",
], ids=["sum", "product", "max", "nested", "derivative", "min"])
def test_a_label_word_whose_letter_a_sum_binds_is_ambiguous(text: str) -> None:
    # a_{in} under \sum_{i=1}^{n}: the entry (i, n) as much as the name a_in; never silently the name
    with pytest.raises(AmbiguousReading, match="inside a sum, product or max over"):
        parse_math(text)


def test_a_label_word_outside_the_sums_over_its_letters_stays_a_label() -> None:
    assert "p_in" in {str(s) for s in parse_math(r"\sum_{k=1}^{n} p_{in}").free_symbols}
    assert "d_in" in str(parse_math(r"\sum_{i=1}^{d_{in}} x_i"))  # the upper bound is outside the sum's body
    assert "a_in" in str(parse_math(r"a_{in} + \sum_{i=1}^{n} x_i"))
