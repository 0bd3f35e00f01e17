"""Layering rules of house-style.md, checked on the source."""

from __future__ import annotations

import ast

from core import paths


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_streamlit() -> None:
    offenders = [
        p.name for p in (paths.REPO_ROOT / "core").glob("*.py") if "streamlit" in _imports(p)
    ]
    assert offenders == []


def test_core_never_imports_components_or_pages() -> None:
    offenders = [
        p.name
        for p in (paths.REPO_ROOT / "core").glob("*.py")
        if _imports(p) & {"components", "pages"}
    ]
    assert offenders == []


def test_no_relative_imports() -> None:
    offenders = []
    for folder in ("core", "components", "pages"):
        for path in (paths.REPO_ROOT / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree)):
                offenders.append(path.name)
    assert offenders == []
