"""Rows of one display that solve an equation become one chain of statements."""

from __future__ import annotations

from pathlib import Path

from symproofs.core.model import Relation
from symproofs.grading.document import read_file
from symproofs.grading.solving import solving_runs
from symproofs.latex.notation import GradingNotation


def _chains(tmp_path: Path, *rows: str) -> list[object]:
    (tmp_path / "n.toml").write_text('[symbols]\nx = "real"\ny = "real"\nz = "real"\n', encoding="utf-8")
    answer = tmp_path / "a.md"
    answer.write_text("\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n", encoding="utf-8")
    chains, _ = read_file(answer, GradingNotation.load(tmp_path / "n.toml"))
    return list(solving_runs(chains))


def test_rows_solving_one_equation_are_one_chain_of_implications(tmp_path: Path) -> None:
    (chain,) = _chains(tmp_path, "z^2 - 2z + 1 &= 0", "(z - 1)^2 &= 0", "z &= 1")
    assert chain.kind == "solving"  # type: ignore[attr-defined]
    assert [link.relation for link in chain.links] == [Relation.IMPLIES] * 2  # type: ignore[attr-defined]


def test_a_system_and_rows_of_identities_stay_rows(tmp_path: Path) -> None:
    assert len(_chains(tmp_path, "x + y &= 3", "x - y &= 1", "x &= 2")) == 3
    assert len(_chains(tmp_path, "(x + y)^2 &= x^2 + 2xy + y^2", "(x - y)^2 &= x^2 - 2xy + y^2")) == 2
