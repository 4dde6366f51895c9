"""The committed ``build/*.tex`` is what ``make proofs`` produces now.

When this fails, run ``make proofs`` and commit ``build/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.library import derivations, figures
from symproofs.render.document import write_build
from symproofs.verifier.pipeline import Options, verify_all

BUILD = Path(__file__).resolve().parent.parent / "build"


@pytest.mark.slow
def test_committed_build_is_fresh(tmp_path: Path) -> None:
    ds = derivations()
    results = verify_all(ds, options=Options(jobs=2, timeout=120))
    written = write_build(list(zip(ds, results, strict=True)), tmp_path, figures=figures())
    fresh = {p.relative_to(tmp_path) for p in written}
    committed = {p.relative_to(BUILD) for p in BUILD.rglob("*.tex")}
    assert committed == fresh, "build/ has stale or missing .tex files: run 'make proofs' and commit build/"
    stale = [str(rel) for rel in sorted(fresh) if (tmp_path / rel).read_bytes() != (BUILD / rel).read_bytes()]
    assert not stale, f"stale files in build/: {stale}; run 'make proofs' and commit build/"
