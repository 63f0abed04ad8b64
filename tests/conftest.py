import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


# What `python -m generator build` writes into content/ (see .gitignore).
GENERATED_IN_CONTENT = ("archive", "index.md", ".generated.json", "data", "feed.xml")


def copy_project(dest: Path) -> Path:
    """Copy the project's inputs and MkDocs set-up (not generated pages) into `dest`."""
    for name in ("seeds", "content", "site_overrides", "hooks"):
        src = ROOT / name
        if src.exists():
            ignore = shutil.ignore_patterns("__pycache__", *(GENERATED_IN_CONTENT if name == "content" else ()))
            shutil.copytree(src, dest / name, ignore=ignore)
    for name in ("mkdocs.yml", "register.yml"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's inputs and MkDocs set-up, to build into."""
    return copy_project(tmp_path)
