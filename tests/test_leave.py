"""`python -m generator` ends at once after its output is flushed (generator/speed/leave.py): with the
exit status, output, exit functions and threads Python's own shutdown would give."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.speed.leave import exit_status

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (256, 0), (-1, 255), ("why", 1)])
def test_the_exit_status_is_the_one_sys_exit_gives(code, status):
    assert exit_status(code) == status


PROGRAM = """
import atexit, sys, threading, time
from generator.speed.leave import run

def late():
    time.sleep(0.3)
    print("thread done", flush=True)

def main():
    atexit.register(lambda: print("atexit ran"))
    threading.Thread(target=late).start()  # not a daemon: Python waits for it
    print("main", end="")  # unflushed when main returns
    sys.stderr.write("to stderr")
    raise SystemExit({code!r})

run(main)
"""


@pytest.mark.parametrize("code", [None, 0, 3, "a message"])
def test_fast_or_not_the_process_ends_as_python_would_end_it(code):
    def run(fast: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", PROGRAM.format(code=code)], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_FAST_EXIT": fast})

    fast, slow = run("1"), run("0")
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.stdout == "mainthread done\natexit ran\n"
    assert fast.returncode == {None: 0, 0: 0, 3: 3, "a message": 1}[code]


def test_the_command_line_reports_and_exits_as_before(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(tmp_path)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert "seeds" in done.stderr and done.stderr.count("\n") == 1


def test_under_a_profiler_the_process_ends_as_python_ends_it_and_the_profile_is_printed(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cProfile", "-m", "generator", "--help"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "function calls" in done.stdout
