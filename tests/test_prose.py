"""Math in hand-written prose is set in bold where the formulas are."""

from __future__ import annotations

import sympy as sp

from symproofs.matrices.linalg import Sequence
from symproofs.render.prose import Boldface, embolden

n = sp.Symbol("n", integer=True, positive=True)
X, G = sp.MatrixSymbol("X", n, n), sp.MatrixSymbol(r"\Gamma", n, n)
W_f, w = sp.MatrixSymbol("W_f", n, n), sp.MatrixSymbol("w", n, 1)
h = Sequence("h^f", n)
t = sp.Symbol("t", integer=True)
NAMES = Boldface.of([X * W_f * G * w + h[t], sp.Identity(n)])


def test_names_are_collected_by_kind() -> None:
    assert NAMES.matrices == {"X", "W_f", r"\Gamma", "w", "I"}
    assert NAMES.sequences == {"h^f"}


def test_matrices_and_vectors_are_bold() -> None:
    assert embolden(r"$X^\top w$", NAMES) == r"$\mathbf{X}^\top \mathbf{w}$"
    assert embolden(r"$\Gamma^2$", NAMES) == r"$\boldsymbol{\Gamma}^2$"
    assert embolden(r"$W_f x$ and $W_{f}$", NAMES) == r"$\mathbf{W}_f x$ and $\mathbf{W}_{f}$"
    assert embolden(r"$I - P$", NAMES) == r"$\mathbf{I} - P$"


def test_entries_stay_plain() -> None:
    assert embolden(r"$X_{ij} w_j$", NAMES) == r"$X_{ij} w_j$"


def test_sequence_terms_are_bold_and_the_bare_letter_is_not() -> None:
    assert embolden(r"$h^f_{t+1}$", NAMES) == r"$\mathbf{h}^f_{t+1}$"
    assert embolden(r"$h$", NAMES) == "$h$"


def test_prose_commands_and_words_are_left_alone() -> None:
    text = r"X is $\mathbb{X}$, $\operatorname{Xw}(X)$, $\text{w}$ and $Xw$ and \$X\$"
    assert embolden(text, NAMES) == r"X is $\mathbb{X}$, $\operatorname{Xw}(\mathbf{X})$, $\text{w}$ and $Xw$ and \$X\$"


def test_nothing_to_bold() -> None:
    assert embolden("$X$", Boldface()) == "$X$"
