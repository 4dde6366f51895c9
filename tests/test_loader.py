"""Finding derivations: the modules of [tool.symproofs] are found from the
project's folder wherever the command runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproofs.loader import configured_modules, load_located

MODULE = '''
import sympy as sp
from symproofs import Chain, Derivation, Relation, Step
x = sp.Symbol("x", real=True)
DERIVATIONS = (Derivation(id="course-square", title="Square", question="C.1", chains=(
    Chain(start=(x + 1)**2, steps=(Step(Relation.EQ, x**2 + 2*x + 1, "expand"),)),)),)
'''


def test_a_relative_module_path_is_taken_from_the_projects_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "derivations.py").write_text(MODULE)
    (tmp_path / "pyproject.toml").write_text('[tool.symproofs]\nmodules = ["course/derivations.py", "pkg.mod"]\n')
    monkeypatch.chdir(tmp_path / "course")  # a command run from a subfolder
    assert configured_modules() == ["derivations.py", "pkg.mod"]  # module names are left as they are
    (tmp_path / "pyproject.toml").write_text('[tool.symproofs]\nmodules = ["course/derivations.py"]\n')
    ((d, origin),) = load_located()
    assert d.id == "course-square" and Path(origin).resolve() == (tmp_path / "course" / "derivations.py").resolve()
    monkeypatch.chdir(tmp_path.parent)  # from outside the project, found by its path
    ((d, _),) = load_located(start=tmp_path)
    assert d.id == "course-square"
