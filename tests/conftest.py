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


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's inputs and MkDocs set-up, to build into."""
    for name in ("seeds", "content", "site_overrides", "hooks"):
        src = ROOT / name
        if src.exists():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns(
                "archive", "index.md", ".generated.json", "__pycache__"))
    for name in ("mkdocs.yml", "register.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path
