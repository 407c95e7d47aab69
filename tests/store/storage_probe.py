"""Runs inside a private mount namespace for the storage tests and prints what it saw as JSON.

`python storage_probe.py open DB`: open DB as govdesk does (writer, then read-only), on a
folder the test made read-only. `python storage_probe.py fill FOLDER`: create a database on
a small file system and add residents, one transaction each, until the disk is full.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import SYSTEM
from govdesk.services import office, registry
from govdesk.store.database import Database
from govdesk.store.errors import StorageError


def _refusal(fn) -> dict[str, object]:  # noqa: ANN001
    try:
        fn()
    except DomainError as exc:
        return {"error": str(exc), "kind": getattr(exc, "kind", None)}
    return {"error": None, "kind": None}


def probe_open(path: Path) -> dict[str, object]:
    result: dict[str, object] = {"writable": os.access(path.parent, os.W_OK)}
    new = path.with_name("new.db")
    result["create"] = _refusal(lambda: Database.create(new).close())
    result["create_left"] = sorted(
        p.name for p in path.parent.iterdir() if p.name.startswith("new")
    )
    result["open"] = _refusal(lambda: Database.open(path, check=False).close())
    result["open_checked"] = _refusal(lambda: Database.open(path).close())
    reader = Database.open(path, read_only=True)
    try:
        with reader.connect() as conn:
            result["residents"] = conn.exec_driver_sql("SELECT count(*) FROM resident").scalar()
        reader.actor = SYSTEM

        def write() -> None:
            with reader.session() as s:
                registry.create_person(s, data={"name": "不该写入"})

        result["read_only_write"] = _refusal(write)
    finally:
        reader.close()
    # The window: asked whether to open read-only, with the reason it cannot write.
    from govdesk.ui.app import _try_open

    asked: list[str] = []

    def answer(_path: Path, reason: str, _parent: object, take_over: bool) -> str:
        asked.append(reason)
        return "take_over" if take_over else "read_only"

    opened = _try_open(path, ask=answer)
    result["window_asked"] = asked
    result["window_read_only"] = getattr(opened, "read_only", None)
    if not isinstance(opened, str):
        opened.close()
    return result


def probe_fill(folder: Path) -> dict[str, object]:
    path = folder / "office.db"
    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.actor = SYSTEM
    committed: list[str] = []
    failure: StorageError | None = None
    try:
        for n in range(100_000):
            name = f"居民{n}"
            with db.session() as s:
                registry.create_person(s, data={"name": name, "notes": "备注" * 200})
            committed.append(name)
    except StorageError as exc:
        failure = exc
    # After the failure the same open database still reads, and holds exactly what was committed.
    with db.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM resident ORDER BY rowid")]
    db.close()
    con = sqlite3.connect(path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        stored = [r[0] for r in con.execute("SELECT name FROM resident ORDER BY rowid")]
    finally:
        con.close()
    return {
        "error": str(failure) if failure else None,
        "kind": failure.kind if failure else None,
        "committed": len(committed),
        "names_match_while_open": names == committed,
        "names_match_after": stored == committed,
        "integrity": integrity,
    }


if __name__ == "__main__":
    scenario, where = sys.argv[1], Path(sys.argv[2])
    result = probe_open(where) if scenario == "open" else probe_fill(where)
    print(json.dumps(result, ensure_ascii=False))
