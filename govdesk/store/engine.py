"""Opens SQLite files with the pragmas govdesk relies on, on every connection."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # a second writer waits this long for the lock, then fails clearly

# File systems reached over a network (or a host's shared folder). SQLite's WAL needs
# shared memory beside the file, which these do not provide reliably between computers,
# and their byte-range locks are often not honoured: a live database belongs on a local disk.
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ncpfs",
        "coda",
        "davfs",
        "webdav",
        "vboxsf",
        "afpfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.smbnetfs",
        "fuse.vmhgfs-fuse",
        "fuse.curlftpfs",
    }
)


@dataclass(frozen=True)
class Mount:
    """One line of the mount table: where a file system is mounted and what kind it is."""

    mount_point: str
    fs_type: str
    source: str = ""


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in paths as \040 \011 \012 \134.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts in Linux's /proc/self/mountinfo text (see proc(5))."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        sep = fields.index("-")
        # id, parent, major:minor, root, mount point, options, optional fields..., "-", type, source
        if sep < 6 or len(fields) < sep + 2:
            continue
        source = fields[sep + 2] if len(fields) > sep + 2 else ""
        mounts.append(Mount(_unescape(fields[4]), fields[sep + 1], _unescape(source)))
    return mounts


_BSD_MOUNT = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<type>[^,)]+)[,)]")


def parse_mount_output(text: str) -> list[Mount]:
    """The mounts in the output of macOS's (BSD's) `mount` command."""
    mounts = []
    for line in text.splitlines():
        m = _BSD_MOUNT.match(line.strip())
        if m:
            mounts.append(Mount(m.group("point"), m.group("type").strip(), m.group("source")))
    return mounts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding `path` (absolute, resolved): the longest mount point above it.

    A later line for the same mount point wins, as a later mount hides an earlier one.
    """
    target = PurePosixPath(path)
    best: Mount | None = None
    best_depth = -1
    for mount in mounts:
        point = PurePosixPath(mount.mount_point)
        if target == point or point in target.parents:
            depth = len(point.parts)
            if depth >= best_depth:
                best, best_depth = mount, depth
    return best


def is_network_file_system(fs_type: str) -> bool:
    fs_type = fs_type.lower()
    return fs_type in NETWORK_FILE_SYSTEMS or fs_type.startswith(("nfs", "smb", "cifs"))


def network_fs_type(path: str, mounts: list[Mount]) -> str | None:
    """The network file system type holding `path`, or None for a local disk."""
    mount = mount_of(path, mounts)
    if mount is None or not is_network_file_system(mount.fs_type):
        return None
    return mount.fs_type


def is_unc(path: str) -> bool:
    return path.startswith(("\\\\", "//"))


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes  # Windows only

    drive = os.path.splitdrive(str(path))[0]
    if not drive or is_unc(drive):
        return is_unc(str(path))
    drive_remote = 4  # GetDriveTypeW's DRIVE_REMOTE: a mapped network drive
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return int(kernel32.GetDriveTypeW(f"{drive}\\")) == drive_remote


def _mount_table() -> list[Mount]:
    if sys.platform.startswith("linux"):
        try:
            return parse_mountinfo(Path("/proc/self/mountinfo").read_text(encoding="utf-8"))
        except OSError:
            return []
    try:  # macOS and the BSDs: no /proc, but `mount` prints the table
        out = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_mount_output(out)


def is_network_path(path: Path) -> bool:
    """True when `path` lies on a network share (UNC, a mapped drive, NFS, SMB, sshfs...)."""
    if is_unc(str(path)):
        return True
    try:
        resolved = Path(path).resolve()
    except OSError:
        return False
    if is_unc(str(resolved)):  # a mapped drive resolves to its UNC path on some Pythons
        return True
    if sys.platform == "win32":
        try:
            return _windows_drive_is_remote(resolved)
        except (OSError, AttributeError):
            return False
    return network_fs_type(str(resolved), _mount_table()) is not None


def journal_mode_for(network: bool) -> str:
    # WAL needs shared memory beside the file; on a network share the old rollback journal
    # at least keeps the file consistent as long as only one computer writes.
    return "DELETE" if network else "WAL"


def looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == SQLITE_HEADER


def is_wal_file(path: Path) -> bool:
    """The header's read and write versions are 2 in a WAL-mode database."""
    try:
        with Path(path).open("rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _set_pragmas(dbapi_conn: sqlite3.Connection, journal_mode: str | None) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if journal_mode is None:  # read-only: change nothing about the file, refuse every write
        cur.execute("PRAGMA query_only = ON")
    else:
        cur.execute(f"PRAGMA journal_mode = {journal_mode}")
        # FULL: a committed change survives a power cut, which matters more here than speed.
        cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA cache_size = -32768")  # 32 MiB page cache
    cur.close()


def read_only_uri(path: Path) -> str:
    """A `mode=ro` URI for `path`; immutable when nobody can be writing beside us.

    A read-only connection to a WAL file needs the -shm file; in a folder we cannot write
    to, with no -wal present, no writer can be using the file, so it is read as immutable.
    """
    path = Path(path).resolve()
    uri = f"{path.as_uri()}?mode=ro"
    wal = Path(f"{path}-wal")
    if is_wal_file(path) and not wal.exists() and not os.access(path.parent, os.W_OK):
        uri += "&immutable=1"
    return uri


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    path = Path(path)
    if read_only:
        uri = read_only_uri(path)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
        )
        journal_mode: str | None = None
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
        journal_mode = journal_mode_for(is_network_path(path))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_conn.isolation_level = None
        _set_pragmas(dbapi_conn, journal_mode)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")

    return engine


def sqlite_of(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one, in the same transaction: for tens of
    thousands of plain rows (or SQLite-made JSON) the result layer costs as much as SQLite."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw
