import sys
from pathlib import Path

import pytest

from project_files import ROOT, copy_project  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's inputs and MkDocs set-up, to build into."""
    return copy_project(tmp_path)
