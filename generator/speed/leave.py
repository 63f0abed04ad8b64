"""`python -m generator` ends without freeing its objects one by one (BRIEFING_FAST_EXIT).

When a Python process ends, the interpreter collects and frees every object it still holds: after
a build of 10,000 articles, millions of them and about 0.9 s in which nothing is written (0.1 s
when the process ends at once). The command line instead does what that shutdown does that
anyone could tell from outside: it waits for the threads Python waits for, runs the exit
functions (atexit), flushes standard output and error, and then ends with the same exit status.
Every file a command writes is written and closed by the command itself (atomic writes), never
by the shutdown. Under a profiler or a debugger (which report when the program ends) it ends as
Python does; a tool that runs the command line some other way can set BRIEFING_FAST_EXIT=0.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading

from generator import settings


def exit_status(code) -> int:
    """The status `sys.exit(code)` ends with (printing a message code to stderr as it does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code % 256
    print(code, file=sys.stderr)
    return 1


def run(main) -> None:
    """Run the command line `main` (which ends by raising SystemExit, as click's does) and end the
    process at once after it; with BRIEFING_FAST_EXIT off, or without the means, as Python would."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    try:
        fast = settings.current().fast_exit
    except settings.SettingError:  # main() said so, in one line
        fast = False
    shutdown, exit_functions = getattr(threading, "_shutdown", None), getattr(atexit, "_run_exitfuncs", None)
    watched = sys.getprofile() is not None or sys.gettrace() is not None  # cProfile, pdb, coverage: they
    if not fast or watched or shutdown is None or exit_functions is None:  # report after the program ends
        sys.exit(code)
    status = exit_status(code)
    shutdown()  # joins the threads Python's shutdown joins, as it would
    exit_functions()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: Python's shutdown ends with 120 then
            status = 120
    os._exit(status)
