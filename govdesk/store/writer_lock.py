"""Reads, without Qt, whether a govdesk window holds a database as its one writer."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

# The window takes a QLockFile at <db>.lock (ui/single_writer.py) and notes who it is in
# <db>.lock-owner. The command line must not become a second writer beside it, yet it
# cannot use Qt; QLockFile's file is plain text: pid, program, computer, one per line.


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        # os.kill on Windows would terminate the process; ask for a handle instead.
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process, but alive
        return True
    return True


def holder(db_path: Path) -> str | None:
    """Who holds the file for writing ("clerk@OFFICE-PC"), or None when nobody does.

    A lock of a process that has died on this computer is nobody's; a lock taken on
    another computer is believed, as the window believes it.
    """
    lock = Path(f"{db_path}.lock")
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if len(lines) < 3 or not lines[0].strip().isdigit():
        return None
    pid, host = int(lines[0]), lines[2].strip()
    if host == socket.gethostname() and not _alive(pid):
        return None
    account = ""
    try:
        note = json.loads(Path(f"{db_path}.lock-owner").read_text(encoding="utf-8"))
        if note.get("pid") == pid:
            account = str(note.get("account") or note.get("os_user") or "")
    except (OSError, ValueError, AttributeError):
        pass
    return f"{account}@{host}" if account else host
