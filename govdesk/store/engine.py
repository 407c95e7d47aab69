"""Opens SQLite files with the pragmas govdesk relies on, on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

SQLITE_HEADER = b"SQLite format 3\x00"


def is_network_path(path: Path) -> bool:
    # WAL needs shared memory that network file systems do not provide reliably.
    s = str(path)
    return s.startswith("\\\\") or s.startswith("//")


def looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(16) == SQLITE_HEADER


def _set_pragmas(dbapi_conn: sqlite3.Connection, wal: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
    # FULL: a committed change survives a power cut, which matters more here than speed.
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA cache_size = -32768")  # 32 MiB page cache
    cur.close()


def make_engine(path: Path) -> Engine:
    path = Path(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    wal = not is_network_path(path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_conn.isolation_level = None
        _set_pragmas(dbapi_conn, wal)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")

    return engine
