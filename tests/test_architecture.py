"""Layering rules of house-style.md and the package boundaries of README's architecture, checked
on the source: who may import whom, no cycles, no relative imports, no streamlit in core."""

from __future__ import annotations

import ast
from pathlib import Path

from core import paths

ROOT = paths.REPO_ROOT
LAYERS = ("core", "components", "pages")

# Which part of the code may import which. The model (modules directly in core/) is the base;
# the packages of core/ build on it and on nothing that builds on them.
ALLOWED = {
    "core": {"core"},
    "core.build": {"core", "core.build", "core.ingest"},
    "core.ingest": {"core", "core.ingest"},
    "core.charts": {"core", "core.charts"},
    "core.outputs": {"core", "core.charts", "core.outputs"},
    # The team workspace: its tables, database and migrations rest on the model only.
    "core.workspace": {"core", "core.workspace"},
    "components": {
        "core",
        "core.build",
        "core.ingest",
        "core.charts",
        "core.outputs",
        "core.workspace",
        "components",
    },
    "pages": {"core", "core.charts", "core.outputs", "components"},
}
# Entry-point shims that only forward `python -m core.prepare` / `core.export` to their package.
SHIMS = {"core.prepare", "core.export"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            found[_module_name(path)] = path
    return found


def _imported_modules(path: Path, known: set[str]) -> set[str]:
    """Project modules that `path` imports, resolved to module names (functions' imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            candidates = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        names |= {name for name in candidates if name in known}
    return names


def _area(module: str) -> str:
    """The part of ALLOWED a module belongs to: core, core.<package>, components or pages."""
    parts = module.split(".")
    if parts[0] == "core" and len(parts) > 2:
        return ".".join(parts[:2])
    if parts[0] == "core" and len(parts) == 2 and (ROOT / "core" / parts[1]).is_dir():
        return module
    return parts[0]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imported_modules(path, known) - {name} for name, path in modules.items()}


def test_core_never_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "core").rglob("*.py")
        if "streamlit" in {n.split(".")[0] for n in _raw_imports(p)}
    ]
    assert offenders == []


def _raw_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_import_respects_the_package_boundaries() -> None:
    graph = _graph()
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if module not in SHIMS and _area(target) not in ALLOWED[_area(module)]
    )
    assert offenders == []


def test_the_boundaries_check_catches_a_forbidden_import() -> None:
    # The rule table itself: the model may not reach up into outputs, nor core into components.
    assert "core.outputs" not in ALLOWED[_area("core.ranking")]
    assert "components" not in ALLOWED[_area("core.outputs.export")]
    assert _area("core.ingest.table") == "core.ingest"
    assert _area("core.ingest") == "core.ingest"
    assert _area("core.bundle") == "core"


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    """Every import cycle found by a depth-first walk, as 'a -> b -> a'."""
    cycles = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == ["a -> b -> c -> a"]
    # And the real graph has edges to walk (maps reads the session's imported indicators).
    assert "components.imported" in _graph()["components.maps"]


def test_no_relative_imports() -> None:
    offenders = []
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


PAGE_FOLDERS = sorted(
    p.name for p in (ROOT / "components").iterdir() if p.is_dir() and p.name != "__pycache__"
)


def _page_folder(module: str) -> str | None:
    """The page a component module belongs to (components/<page>/...), or None when shared."""
    parts = module.split(".")
    if parts[0] == "components" and len(parts) > 2:
        return parts[1]
    return None


def test_components_mirror_the_pages() -> None:
    # Every folder under components/ is a page's own pieces and is named after that page.
    pages = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert PAGE_FOLDERS and set(PAGE_FOLDERS) <= pages
    assert not [p for p in (ROOT / "components").glob("*_ui.py") if _page_folder(p.stem)]


def test_a_pages_own_components_serve_only_that_page() -> None:
    # Shared components never reach into a page's folder, and a page's pieces are used by that
    # page (and its own folder) only: what two pages use belongs at the top of components/.
    graph = _graph()
    offenders = []
    for module, targets in graph.items():
        for target in targets:
            owner = _page_folder(target)
            if owner is None:
                continue
            user_page = module.split(".")[1] if module.startswith("pages.") else None
            if _page_folder(module) != owner and user_page != owner:
                offenders.append(f"{module} -> {target}")
    assert offenders == []


def test_the_page_folder_check_sees_a_foreign_import() -> None:
    assert _page_folder("components.kaart.controls") == "kaart"
    assert _page_folder("components.frame") is None
    assert "components.kaart.controls" in _graph()["pages.kaart"]


def test_core_modules_have_one_job_each() -> None:
    # A core module over 500 lines does several jobs (issue 24 split the last ones).
    offenders = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for path in (ROOT / "core").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    ]
    assert offenders == []


def test_component_modules_stay_small_or_say_why() -> None:
    offenders = []
    for path in (ROOT / "components").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        head = "\n".join(text.splitlines()[:15])
        if len(text.splitlines()) > 400 and "Longer than" not in head:
            offenders.append(f"{path.name}: {len(text.splitlines())} lines")
    assert offenders == []


def _read_through(path: Path, module: str, names: set[str]) -> list[str]:
    """Uses of `module.<name>` for names that live elsewhere (a facade's re-exports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno} {module}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == module
        and node.attr in names
    ]


def test_indicator_records_and_sources_have_one_home() -> None:
    """The record and the sources live in core/indicator_meta; nobody reads them through
    catalogue (which used to re-export them as a facade)."""
    from core import catalogue, indicator_meta

    moved = {n for n in vars(indicator_meta) if n.isupper() or n == "Indicator"}
    moved &= set(vars(catalogue))  # what catalogue holds only because it imports it
    test_files = sorted((ROOT / "tests").rglob("*.py"))
    found = [
        use
        for path in [*_modules().values(), *test_files, *sorted((ROOT / "bench").rglob("*.py"))]
        for use in _read_through(path, "catalogue", moved)
    ]
    assert found == []


def test_the_facade_check_sees_a_read_through(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from core import catalogue\nx = catalogue.Indicator\n", encoding="utf-8")
    assert _read_through(sample, "catalogue", {"Indicator"}) == ["sample.py:2 catalogue.Indicator"]
