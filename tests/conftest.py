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


@pytest.fixture(autouse=True)
def _collector_as_found():
    """A test that runs the generator as a serving process does (long-lived) sets its garbage aside
    (speed/collector.py): the server collects it when idle, the test session after each test. A test
    that drives a build's events by hand may leave the collector paused: resumed for the next one."""
    import gc

    enabled = gc.isenabled()
    yield
    from generator.speed.collector import collect_frozen, frozen_pauses

    if gc.get_freeze_count() or frozen_pauses():
        collect_frozen()
    if enabled and not gc.isenabled():
        gc.enable()
