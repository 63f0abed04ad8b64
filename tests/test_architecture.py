"""The house rule: a module imports only from its own stage or an earlier one.

Stages run read → extract → index → render → write; the pipeline lists them; the speed-ups,
the MkDocs integration and the commands sit on top. Data flows forward, and so do imports: the
extract stage never needs the renderer, the renderer never needs the writer. The check reads
every module's import statements (function-level ones too; `if TYPE_CHECKING:` blocks are
annotations only and are skipped).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# In order: each layer may import from itself and the layers before it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("generator", "generator.models", "generator.problems", "generator.names",
                    "generator.datafile", "generator.settings", "generator.project", "generator.paths", "generator.labels",
                    "generator.plaintext", "generator.cores")),
    ("read", ("generator.read",)),
    ("extract", ("generator.extract",)),
    ("index", ("generator.index",)),
    ("render", ("generator.render",)),
    ("write", ("generator.write",)),
    ("pipeline", ("generator.pipeline",)),
    ("speed", ("generator.speed",)),
    ("build", ("generator.build",)),  # the pipeline with the speed-ups, then the writer: what the hook runs
    ("site", ("generator.site",)),
    ("commands", ("generator.review", "generator.fetch", "generator.cli", "generator.__main__")),
]


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the most specific prefix naming `module` (None: not placed)."""
    best, best_len = None, -1
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                if prefix == "generator" and module != "generator":
                    continue  # the package itself (its __init__), not everything under it
                best, best_len = rank, len(prefix)
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_module(name: str) -> bool:
    where = PACKAGE.parent / name.replace(".", "/")
    return where.with_suffix(".py").exists() or (where / "__init__.py").exists()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, imported generator module) for every import in `source` (relative ones resolved)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name) for a in child.names if a.name.split(".")[0] == "generator")
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = module.split(".") if is_package else module.split(".")[:-1]
                    package = package[: len(package) - (child.level - 1)]
                    base = ".".join(package + ([base] if base else []))
                if base.split(".")[0] != "generator":
                    continue
                for alias in child.names:  # `from generator.render import escape` names a module
                    candidate = f"{base}.{alias.name}"
                    found.append((child.lineno, candidate if _is_module(candidate) else base))
            visit(child)

    visit(ast.parse(source))
    return found


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    own = layer_of(module)
    out = []
    for line, target in imports(source, module, is_package):
        rank = layer_of(target)
        if rank is None:
            out.append(f"{module}:{line} imports {target}, which is in no layer")
        elif own is not None and rank > own:
            out.append(f"{module}:{line} imports {target} ({LAYERS[rank][0]}), a later stage than "
                       f"{LAYERS[own][0]}")
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_layer():
    unplaced = [module_name(p) for p in MODULES if layer_of(module_name(p)) is None]
    assert not unplaced, f"add these to LAYERS (and to the README's Architecture section): {unplaced}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_from_a_later_stage(path):
    assert violations(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py") == []


def test_the_stage_list_knows_nothing_of_the_speed_ups_or_mkdocs():
    source = (PACKAGE / "pipeline.py").read_text(encoding="utf-8")
    targets = {t for _, t in imports(source, "generator.pipeline", False)}
    assert not {t for t in targets if t.startswith(("generator.speed", "generator.site", "generator.write"))}


@pytest.mark.parametrize("module, source, expected", [
    ("generator.read.seeds", "from generator.render.pages import front_matter\n", "a later stage"),
    ("generator.extract.actors", "import generator.write.journal\n", "a later stage"),
    ("generator.index.archive", "def f():\n    from generator.speed import memo\n", "a later stage"),
    ("generator.render.pages", "from ..write import journal\n", "a later stage"),
    ("generator.models", "from generator.read.register import Register\n", "a later stage"),
    ("generator.read.seeds", "from generator.nowhere import x\n", "in no layer"),
])
def test_the_check_catches_an_import_against_the_flow(module, source, expected):
    found = violations(source, module)
    assert len(found) == 1 and expected in found[0]


@pytest.mark.parametrize("module, source", [
    ("generator.render.pages", "from generator.index.archive import build_archive\nfrom generator.models import Page\n"),
    ("generator.models", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.read.register import RegisterEntry\n"),
    ("generator.extract.cleaning", "from . import dates\nfrom .text import words\n"),
    ("generator.cli", "from generator import pipeline, speed\nfrom generator.site import pagefind\n"),
])
def test_imports_with_the_flow_pass(module, source):
    assert violations(source, module) == []


def test_a_module_imported_from_its_package_counts_as_that_module():
    assert violations("from generator import speed\n", "generator.pipeline") != []
    assert violations("from generator import settings\n", "generator.read.seeds") == []



def test_the_index_stage_returns_the_archive_complete_and_frozen(project_copy):
    """Rendering reads the archive and never fills it in: statements and related coverage are there
    when the index stage returns, and nothing can be set on it or its entities afterwards."""
    import dataclasses

    from generator import pipeline
    from generator.project import Project

    archive = pipeline.run(Project(root=project_copy), render=False).archive
    assert archive.statements and archive.statement_of and archive.related
    with pytest.raises(dataclasses.FrozenInstanceError):
        archive.related = {}
    entity = next(iter(archive.actors.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.mentions = ()
    assert isinstance(archive.articles, tuple) and isinstance(entity.mentions, tuple)
