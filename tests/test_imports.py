"""The library's import graph, read from the source with ast (imports inside functions included).

Three rules keep the folders honest about the flow (articles → extract → store → speakers →
queries → views, tooling apart):
- no import cycles among `analysis` modules, except those listed in ALLOWED_CYCLES (the goal is
  an empty set; a cycle hidden by an import inside a function is still a cycle);
- spaCy is imported only under `analysis/extract/`, and by the tooling under `analysis/dev/`
  that trains the extractor's models and times its pipeline;
- `analysis/store` imports nothing above it in the flow.

Imports under `if TYPE_CHECKING:` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "analysis"

# Strongly connected groups of modules that import one another. Each entry is a cycle to
# break; none may be added. runs ↔ corrections: a run's cleanup applies the corrections again,
# and recording a correction is itself a write run (corrections.record imports runs inside the
# function); breaking it means moving corrections.record into runs.
ALLOWED_CYCLES: set[frozenset[str]] = {
    frozenset({"analysis.runs", "analysis.corrections"}),
}

# Where spaCy may be imported: extraction, and the tooling that trains its models on spaCy
# docs (dev.training) and times its components (dev.perf).
SPACY_MAY_BE_IMPORTED_UNDER = ("analysis.extract.", "analysis.dev.")

# What the store may import from the library: the records it writes, settings, and data-only
# parts of extraction (the topic taxonomy). Everything else sits above it in the flow.
STORE_MAY_IMPORT = ("analysis.records", "analysis.settings", "analysis.series", "analysis.extract")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(LIBRARY.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth, skipping `if TYPE_CHECKING:` bodies."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _imported_names(module: str, path: Path) -> set[str]:
    """Absolute dotted names a module imports (`from a import b` gives a.b if it is a module)."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            parts = parts[: len(parts) - (node.level - 1)]
            base = ".".join([*parts, base] if base else parts)
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    """Edges between library modules. `from pkg import sub` is an edge to pkg.sub, not to pkg."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        names = _imported_names(module, path)
        targets = {n for n in names if n in modules}
        # `from analysis import store` names both analysis and analysis.store; keep the module
        targets = {t for t in targets if not any(o.startswith(t + ".") for o in targets)}
        graph[module] = targets - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: set[frozenset[str]] = set()

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.add(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = _graph()
    assert graph, "no modules found"
    # analysis.store imports the topic taxonomy inside a function
    store = {
        m: t for m, t in graph.items() if m == "analysis.store" or m.startswith("analysis.store.")
    }
    assert any("analysis.extract.topics" in targets for targets in store.values())


def test_no_import_cycles_beyond_the_listed_ones() -> None:
    cycles = _cycles(_graph())
    for group in sorted(cycles, key=sorted):
        print("cycle:", " ↔ ".join(sorted(group)))
    new = cycles - ALLOWED_CYCLES
    assert not new, f"new import cycles: {[sorted(g) for g in new]}"
    gone = ALLOWED_CYCLES - cycles
    assert not gone, f"these cycles are gone; remove them from ALLOWED_CYCLES: {gone}"


def test_spacy_is_imported_only_under_extract() -> None:
    importers = {
        module
        for module, path in _modules().items()
        if any(n == "spacy" or n.startswith("spacy.") for n in _imported_names(module, path))
    }
    assert importers, "no module imports spaCy: is the graph reading imports?"
    outside = {m for m in importers if not m.startswith(SPACY_MAY_BE_IMPORTED_UNDER)}
    assert not outside, sorted(outside)


def test_the_store_imports_nothing_above_it() -> None:
    graph = _graph()
    above: set[str] = set()
    for module, targets in graph.items():
        if module != "analysis.store" and not module.startswith("analysis.store."):
            continue
        for target in targets:
            inside = target == "analysis.store" or target.startswith("analysis.store.")
            allowed = any(target == a or target.startswith(a + ".") for a in STORE_MAY_IMPORT)
            if not (inside or allowed):
                above.add(target)
    assert not above, sorted(above)


def test_speaker_resolution_is_pure() -> None:
    """identity.py resolves speakers from records; runs.apply_speakers reads and writes them."""
    graph = _graph()
    for module in ("analysis.names", "analysis.identity"):
        targets = graph[module]
        assert not {t for t in targets if t == "analysis.store" or t.startswith("analysis.store.")}
