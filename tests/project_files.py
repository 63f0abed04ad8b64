"""Copy a project's inputs, never its generated pages, for tests that build a site in a temp dir."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUT_DIRS = ("seeds", "content", "site_overrides", "hooks")
INPUT_FILES = ("mkdocs.yml", "register.yml")
MANIFEST = ".generated.json"


def generated_in_content(root: Path = ROOT) -> set[str]:
    """Top-level names in content/ that the generator wrote (from its manifest)."""
    try:
        files = json.loads((root / "content" / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (FileNotFoundError, ValueError):
        files = {}
    return {path.split("/", 1)[0] for path in files} | {MANIFEST, ".generated-copy.json"}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    generated = generated_in_content(root)
    for name in INPUT_DIRS:
        src = root / name
        if src.exists():
            skip = generated if name == "content" else set()
            shutil.copytree(src, dest / name,
                            ignore=lambda d, names, skip=skip, top=src: (
                                {"__pycache__"} | ({n for n in names if n in skip} if Path(d) == top else set())))
    for name in INPUT_FILES:
        shutil.copy2(root / name, dest / name)
    return dest


HOSTILE = ROOT / "tests" / "hostile"


def use_synthetic_seeds(project: Path, n: int, seed: int = 2024) -> Path:
    """Replace the project's seeds with n articles from the benchmark's corpus (benchmarks/corpus.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import synthesise

    shutil.rmtree(project / "seeds", ignore_errors=True)
    synthesise(n, project / "seeds", seed=seed)
    return project


def use_hostile_inputs(project: Path) -> Path:
    """Replace the project's seeds and register with the hostile corpus (tests/hostile/)."""
    shutil.rmtree(project / "seeds")
    shutil.copytree(HOSTILE / "seeds", project / "seeds")
    shutil.copy2(HOSTILE / "register.yml", project / "register.yml")
    return project
