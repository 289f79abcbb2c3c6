"""The shape of the code: layers point one way, no module grows past a reader's reach.

Walks the app's own modules (app.py, core/, ui/, pages/; tests and migrations aside) as text, so it
catches an import placed inside a function as well as one at the top of a file.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("core", "ui", "pages")
MAX_LINES = 700
# `python -m core ...` answers at once because each command imports only what it uses.
LAZY_IMPORTS_ALLOWED = ("core/cli/",)


def _app_files() -> dict[str, Path]:
    files = {"app": ROOT / "app.py"}
    for package in APP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            files[name] = path
    return files


FILES = _app_files()


def _imports(name: str, path: Path) -> list[tuple[str, ast.AST, bool]]:
    """(imported app module, node, inside a function) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, ast.AST, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*parts, base] if base else parts)
                # `from package import module` imports that module; `from module import name`
                # imports the module that holds the name.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in FILES else base
                    for alias in child.names
                ]
            for target in targets:
                if target in FILES and target != name:
                    found.append((target, child, inner))
            visit(child, inner)

    visit(tree, False)
    return found


GRAPH = {name: _imports(name, path) for name, path in FILES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    edges = {name: {target for target, _, _ in found} for name, found in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in edges:
        if node not in index:
            connect(node)
    return components


def test_no_import_cycle_among_the_app_modules():
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle():
    GRAPH["core.errors"].append(("core.models", ast.Pass(), False))
    GRAPH["core.models"].append(("core.errors", ast.Pass(), False))
    try:
        assert ["core.errors", "core.models"] in _cycles()
    finally:
        GRAPH["core.errors"].pop()
        GRAPH["core.models"].pop()


def test_no_app_import_placed_inside_a_function():
    inside = [
        f"{FILES[name].relative_to(ROOT)}:{node.lineno} imports {target}"
        for name, found in GRAPH.items()
        for target, node, in_function in found
        if in_function and not str(FILES[name].relative_to(ROOT)).startswith(LAZY_IMPORTS_ALLOWED)
    ]
    assert inside == []


def test_core_imports_no_page_and_no_ui():
    upward = [
        f"{name} imports {target}"
        for name, found in GRAPH.items()
        if name.startswith("core")
        for target, _, _ in found
        if target.startswith(("ui", "pages")) or target == "app"
    ]
    assert upward == []


def test_no_module_over_700_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in FILES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
