"""The package's import structure, read from the source with ``ast``.

Every ``import`` counts, wherever it is: at the top of a module, inside a
function (a lazy import still ties two modules together) or under
``if TYPE_CHECKING:``. The tests fail on an import cycle between modules of
the package and on the core (:mod:`symproofs.core`) reaching a presentation
library, directly or through other modules of the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "symproofs"
PRESENTATION = frozenset({"jinja2", "latex2mathml", "pytest", "_pytest"})

Graph = dict[str, set[str]]


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterable[str]:
    """Every dotted name an import statement of ``tree`` may load, relative
    imports made absolute (``from . import x`` gives ``pkg`` and ``pkg.x``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(root: Path) -> tuple[Graph, dict[str, set[str]]]:
    """The modules under ``root`` (a package folder): for each, the modules of
    the package it imports, and the top-level names of the other libraries
    it imports. An import of a module's own ancestor package is not an edge
    (Python runs it first anyway; a package is not a dependency of its parts)."""
    files = {_module_name(root, f): f for f in sorted(root.rglob("*.py"))}
    edges: Graph = {m: set() for m in files}
    external: dict[str, set[str]] = {m: set() for m in files}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported_names(tree, module, path.name == "__init__.py"):
            if name.split(".")[0] != root.name:
                external[module].add(name.split(".")[0])
                continue
            parts = name.split(".")
            while parts and ".".join(parts) not in files:
                parts.pop()  # ``pkg.mod.func``: the module is the longest known prefix
            target = ".".join(parts)
            if target and target != module and not module.startswith(target + "."):
                edges[module].add(target)
    return edges, external


def find_cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``edges``: each strongly connected group of two or
    more modules (sorted), found by two depth-first passes (Kosaraju)."""
    order: list[str] = []
    seen: set[str] = set()
    for start in sorted(edges):
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(sorted(edges[start])))]
        while stack:
            node, todo = stack[-1]
            nxt = next((t for t in todo if t not in seen), None)
            if nxt is None:
                stack.pop()
                order.append(node)
            else:
                seen.add(nxt)
                stack.append((nxt, iter(sorted(edges.get(nxt, ())))))
    reverse: Graph = {m: set() for m in edges}
    for m, targets in edges.items():
        for t in targets:
            reverse.setdefault(t, set()).add(m)
    assigned: set[str] = set()
    groups: list[list[str]] = []
    for start in reversed(order):
        if start in assigned:
            continue
        group, todo = [], [start]
        assigned.add(start)
        while todo:
            node = todo.pop()
            group.append(node)
            for prev in reverse.get(node, ()):
                if prev not in assigned:
                    assigned.add(prev)
                    todo.append(prev)
        if len(group) > 1:
            groups.append(sorted(group))
    return sorted(groups)


def reach(edges: Mapping[str, set[str]], starts: Iterable[str]) -> set[str]:
    """Every module imported from ``starts``, directly or through others."""
    found: set[str] = set()
    todo = list(starts)
    while todo:
        m = todo.pop()
        if m not in found:
            found.add(m)
            todo.extend(edges.get(m, ()))
    return found


# -- the checks work (on small packages written for the purpose) -------------------
def _write_package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "pkg"
    for rel, text in {"__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "cycles"),
    [
        pytest.param({"a.py": "import pkg.b\n", "b.py": "from pkg.a import x\n"}, [["pkg.a", "pkg.b"]],
                     id="top-level"),
        pytest.param({"a.py": "import pkg.b\n", "b.py": "def f():\n    from pkg import a\n"}, [["pkg.a", "pkg.b"]],
                     id="lazy"),
        pytest.param({"a.py": "from pkg.b import f\n",
                      "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import A\n"},
                     [["pkg.a", "pkg.b"]], id="type-checking"),
        pytest.param({"s/__init__.py": "", "s/a.py": "from . import b\n", "s/b.py": "from .c import f\n",
                      "s/c.py": "from ..s import a\n"}, [["pkg.s.a", "pkg.s.b", "pkg.s.c"]], id="relative"),
        pytest.param({"a.py": "import pkg.b\n", "b.py": "import pkg.c\n", "c.py": "import json\n"}, [],
                     id="layered"),
        pytest.param({"s/__init__.py": "from pkg.s.a import f\n", "s/a.py": "import pkg.s\n"}, [],
                     id="ancestor-package"),
    ],
)
def test_find_cycles(tmp_path: Path, files: dict[str, str], cycles: list[list[str]]) -> None:
    edges, _ = import_graph(_write_package(tmp_path, files))
    assert find_cycles(edges) == cycles


def test_reach_follows_imports_through_other_modules(tmp_path: Path) -> None:
    root = _write_package(tmp_path, {"core/__init__.py": "", "core/m.py": "def f():\n    import pkg.view\n",
                                     "view.py": "import jinja2\n", "other.py": "import pytest\n"})
    edges, external = import_graph(root)
    reached = reach(edges, ["pkg.core.m"])
    assert reached == {"pkg.core.m", "pkg.view"}
    assert set().union(*(external[m] for m in reached)) == {"jinja2"}


# -- the package -------------------------------------------------------------------
EDGES, EXTERNAL = import_graph(PACKAGE)


def test_the_package_is_read() -> None:
    assert {"symproofs.core.model", "symproofs.verifier.pipeline", "symproofs.render.document"} <= set(EDGES)
    assert "symproofs.core.model" in EDGES["symproofs.verifier.pipeline"]


def test_no_import_cycles() -> None:
    assert find_cycles(EDGES) == []


def test_core_reaches_no_presentation_library() -> None:
    core = [m for m in EDGES if m == "symproofs.core" or m.startswith("symproofs.core.")]
    assert "symproofs.core.model" in core and "symproofs.core.results" in core
    reached = reach(EDGES, core)
    leaks = sorted(f"{m} imports {lib}" for m in reached for lib in EXTERNAL[m] & PRESENTATION)
    assert leaks == []
    assert not any(m.startswith(("symproofs.render", "symproofs.grading", "symproofs.latex")) for m in reached)
