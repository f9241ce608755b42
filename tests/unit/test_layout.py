"""The package's layout is its pipeline: record → site → outputs → adapters, imports running down only.

A newcomer reads the stages from the folder list; this keeps the folders honest. Every import is read
from the source (also those inside functions), so a module that reaches back up to a later stage,
or two modules that import each other, fail here with their names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "khartoum_site"
# Earlier stages first. escape.py is a leaf any stage may use; __main__ only starts the command line.
STAGES = ["escape", "record", "site", "outputs", "adapters", "__main__"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """The package's modules that ``path`` imports (``from khartoum_site.x import y`` names x.y if it is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("khartoum_site"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("khartoum_site"))
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_every_module_is_in_a_stage() -> None:
    loose = sorted(n for n in MODULES if stage_of(n) not in (*STAGES, "__init__"))
    assert loose == [], "each module belongs to a stage folder (record, site, outputs, adapters) or is escape.py"


def upward(graph: dict[str, set[str]], module: str) -> list[str]:
    """The imports of ``module`` that reach a later stage than its own."""
    here = STAGES.index(stage_of(module)) if stage_of(module) in STAGES else len(STAGES)
    return sorted(i for i in graph[module] if stage_of(i) in STAGES and STAGES.index(stage_of(i)) > here)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done
    found: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            walk(start, [start])
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_down_the_stages_only(module: str) -> None:
    assert upward(GRAPH, module) == [], f"{module} imports from a later stage"


def test_the_imports_have_no_cycle() -> None:
    assert cycles(GRAPH) == []


def test_a_planted_cycle_and_upward_import_are_found() -> None:
    """The two checks above can fail: a graph with the old circle and a climb back up is caught."""
    planted = {"khartoum_site.outputs.downloads": {"khartoum_site.outputs.datapackage"},
               "khartoum_site.outputs.datapackage": {"khartoum_site.outputs.downloads"},
               "khartoum_site.record.validate": {"khartoum_site.site.urls"}, "khartoum_site.site.urls": set()}
    assert cycles(planted) == [["khartoum_site.outputs.datapackage", "khartoum_site.outputs.downloads",
                                "khartoum_site.outputs.datapackage"]]
    assert upward(planted, "khartoum_site.record.validate") == ["khartoum_site.site.urls"]
    lazy = ast.parse("def f():\n    from khartoum_site.adapters import cli\n")
    assert {n.module for n in ast.walk(lazy) if isinstance(n, ast.ImportFrom)} == {"khartoum_site.adapters"}


@pytest.mark.parametrize("stage", ["record", "site", "outputs"])
def test_only_the_adapters_know_an_engine(stage: str) -> None:
    """The model, the pages and the outputs are plain Python: any generator can be fed from them."""
    for path in (PACKAGE / stage).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {n for n in names if n.split(".")[0] in ("mkdocs", "properdocs", "zensical")}, path
