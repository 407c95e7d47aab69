"""Where a database file lives (its folder and computer), so that an opened copy becomes a new instance.

Version counters are per instance (EXCHANGE.md "Record versions"). A file copied to a laptop
or into another folder carries the counter of its original; if both went on stamping versions
under the same instance id, two different edits could share one (instance, version). So the
file remembers where it was made or last opened for writing, and a writable open somewhere
else gives it a new instance id first (Database.open). docs/instances.md explains the choices.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.permissions import SYSTEM
from govdesk.store import audit_log

# meta keys: where the file was (JSON), and the instance ids it had before (JSON list).
IDENTITY_META = "instance.identity"
PREVIOUS_META = "instance.previous"

# Why a file took a new instance id (Database.instance_changed, the history, the audit trail).
OTHER_MACHINE = "other_machine"
OTHER_FOLDER = "other_folder"
RESTORED = "restored"

# Tests, and an administrator whose PCs were cloned from one disk image (and so share
# /etc/machine-id), may name the machine here. Read on every call, never cached.
MACHINE_ENV = "GOVDESK_MACHINE_ID"

# Kept small: the history is for people reading it, not for the exchange, which needs
# only the current id; a file copied back and forth a thousand times keeps the newest.
HISTORY_KEPT = 200

messages.register(
    {
        "instance.other_machine": (
            "这个数据库文件是从另一台电脑复制来的，已作为一个新的副本使用（新的实例编号），"
            "以免两台电脑上的修改编号重复。",
            "This database file was copied from another computer; it is now used as a copy "
            "of its own (a new instance id), so that changes made on the two computers never "
            "share a number.",
        ),
        "instance.other_folder": (
            "这个数据库文件是从另一个文件夹复制或移动来的，已作为一个新的副本使用（新的实例编号），"
            "以免与原来的文件修改编号重复。",
            "This database file was copied or moved from another folder; it is now used as a "
            "copy of its own (a new instance id), so that its changes never share a number "
            "with the original's.",
        ),
        "instance.restored": (
            "这个数据库是从备份恢复的，已使用新的实例编号。",
            "This database was restored from a backup and has a new instance id.",
        ),
    }
)


@dataclass(frozen=True)
class FileIdentity:
    """Where a database file is: its resolved path and a hash naming the computer."""

    path: str
    machine: str

    def to_json(self) -> str:
        return json.dumps({"path": self.path, "machine": self.machine}, ensure_ascii=False)

    @classmethod
    def from_json(cls, value: str | None) -> FileIdentity | None:
        """The stored identity; None when there is none or it cannot be read (then the
        next writable open records a fresh one, and keeps the instance id)."""
        if not value:
            return None
        try:
            data = json.loads(value)
            return cls(path=str(data["path"]), machine=str(data["machine"]))
        except (ValueError, KeyError, TypeError):
            return None


def _hash(raw: str) -> str:
    # machine-id(5): "should be considered confidential"; only a keyed hash of it is stored.
    return hashlib.sha256(b"govdesk machine identity\0" + raw.encode("utf-8")).hexdigest()[:32]


def _read_text(path: str) -> str | None:
    try:
        value = Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeError):
        return None
    return value or None


def _windows_machine_guid() -> str | None:
    try:
        import winreg  # Windows only

        # mypy checks on Linux, where winreg's names do not exist: reach them through Any.
        reg: Any = winreg
        with reg.OpenKey(
            reg.HKEY_LOCAL_MACHINE,
            r"SOFTWARE\Microsoft\Cryptography",
            0,
            reg.KEY_READ | reg.KEY_WOW64_64KEY,
        ) as key:
            value, _kind = reg.QueryValueEx(key, "MachineGuid")
    except (ImportError, OSError):
        return None
    return str(value) or None


def _mac_platform_uuid() -> str | None:
    try:
        out = subprocess.run(
            ["/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        if "IOPlatformUUID" in line:
            return line.split("=", 1)[-1].strip().strip('"') or None
    return None


@functools.cache
def _system_machine_id() -> str:
    """The operating system's own name for this installation, stable across reboots."""
    if sys.platform == "win32":
        found = _windows_machine_guid()
    elif sys.platform == "darwin":
        found = _mac_platform_uuid()
    else:
        found = _read_text("/etc/machine-id") or _read_text("/var/lib/dbus/machine-id")
    if found:
        return found
    # No system id: the network card's address, unless uuid had to make one up (then it
    # sets the multicast bit, and the number would change on every start).
    node = uuid.getnode()
    if not (node >> 40) & 1:
        return f"mac:{node:012x}"
    return f"host:{socket.gethostname()}"


def machine_identity() -> str:
    """A hash naming this computer: the same on every run on one PC, never sent anywhere."""
    given = os.environ.get(MACHINE_ENV)
    return _hash(given if given else _system_machine_id())


def normalised_path(path: Path) -> str:
    """The file's absolute path with links resolved, in the case Windows ignores."""
    return os.path.normcase(str(Path(path).resolve()))


def current(path: Path) -> FileIdentity:
    return FileIdentity(path=normalised_path(path), machine=machine_identity())


def stored(conn: Connection) -> FileIdentity | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": IDENTITY_META}).first()
    return FileIdentity.from_json(None if row is None else str(row[0]))


def difference(was: FileIdentity | None, now: FileIdentity) -> str | None:
    """Why a file at `now` is not the file that was at `was` (OTHER_MACHINE, OTHER_FOLDER),
    or None when it is the same place, or when nothing was recorded (a file from before
    this was kept: it cannot be told apart from its copies, so it keeps its id)."""
    if was is None:
        return None
    if was.machine != now.machine:
        return OTHER_MACHINE
    if was.path != now.path:
        return OTHER_FOLDER
    return None


def describe(reason: str) -> str:
    """A sentence for the clerk about why the instance id changed."""
    return messages.text(f"instance.{reason}")


def _set(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"
        ),
        {"k": key, "v": value},
    )


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).first()
    return None if row is None else str(row[0])


def history(conn: Connection) -> list[dict[str, object]]:
    """The instance ids this file had before, oldest first, each with when and why it ended."""
    try:
        value = json.loads(_meta(conn, PREVIOUS_META) or "[]")
    except ValueError:
        return []
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def add_history(conn: Connection, old_id: str, reason: str) -> None:
    """Keep an instance id the file no longer uses in its history, with when and why."""
    past = history(conn)
    past.append({"instance": old_id, "until": audit_log.now_text(), "reason": reason})
    _set(conn, PREVIOUS_META, json.dumps(past[-HISTORY_KEPT:], ensure_ascii=False))


def remember(conn: Connection, identity: FileIdentity) -> None:
    """Record where the file is now, inside the caller's transaction."""
    _set(conn, IDENTITY_META, identity.to_json())


def new_instance(
    conn: Connection,
    *,
    reason: str,
    identity: FileIdentity,
    was: FileIdentity | None = None,
    username: str = SYSTEM.username,
    new_id: str | None = None,
) -> tuple[str, str | None]:
    """Give the file a new instance id, inside the caller's write transaction: the old id
    goes to the history, the new place is remembered, and the audit trail says why.

    Returns (new id, old id). The version counter is kept: numbers stay increasing, and
    (instance, version) pairs of the copy can never equal the original's.
    """
    old_id = _meta(conn, "instance_id")
    new_id = new_id or str(uuid.uuid4())
    if old_id:
        add_history(conn, old_id, reason)
    _set(conn, "instance_id", new_id)
    remember(conn, identity)
    detail: dict[str, object] = {"instance_id": [old_id, new_id], "reason": reason}
    if was is not None and was.path != identity.path:
        detail["path"] = [was.path, identity.path]
    audit_log.append(
        conn,
        username=username,
        action=AuditAction.UPDATE,
        record_type="database",
        record_id="instance_id",
        detail=detail,
    )
    return new_id, old_id


def _take_write_lock(conn: Connection) -> None:
    # As audit_log.append: take the lock before reading what decides the write, or a
    # second program opening the same file at once could act on a stale snapshot.
    conn.execute(text("UPDATE meta SET value = value WHERE key = 'instance_id'"))


def check(conn: Connection, path: Path) -> str | None:
    """On a writable open, inside a write transaction: record the file's place, and give it
    a new instance id when it was somewhere else before. Returns the reason, or None."""
    now = current(path)
    _take_write_lock(conn)
    was = stored(conn)
    reason = difference(was, now)
    if reason is not None:
        new_instance(conn, reason=reason, identity=now, was=was)
    elif was != now:  # first open since identities were kept
        remember(conn, now)
    return reason


def needs_check(conn: Connection, path: Path) -> bool:
    """Whether `check` would write anything: the usual open reads one row and writes nothing."""
    return stored(conn) != current(path)
