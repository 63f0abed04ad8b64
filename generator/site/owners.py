"""Which process left a file or folder behind: its name carries its owner (`PID@HOST`), so a later run
can tell one whose process has ended (killed midway) from one still in use."""
from __future__ import annotations

import os
import re
import socket

_OWNER = re.compile(r"(\d+)@(.+)")


def owner() -> str:
    """This process, as a name gives it: its id and its host's name (a project folder shared with a
    container or over the network is shared with processes this one cannot see)."""
    return f"{os.getpid()}@{socket.gethostname()}"


def gone(name: str) -> bool:
    """Whether the owner `name` (as `owner` spells it) ran on this host and has ended. One of another
    host, or a name that gives no process (an older version's), is never taken for gone."""
    match = _OWNER.fullmatch(name)
    if not match or match.group(2) != socket.gethostname():
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's: alive
        return False
    return False
