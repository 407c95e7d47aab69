"""kill -9 in the middle of writes loses no committed change and leaves a sound file."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from govdesk.store.database import Database

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 5
SEED = 20261126


def _kill_during_writes(db_path: Path, round_no: int, writes: int, rng: random.Random) -> list[str]:
    """Start the writer, let it commit about `writes` changes, SIGKILL it; its report lines."""
    errors = db_path.with_name(f"writer-{round_no}.err")
    with errors.open("w", encoding="utf-8") as err:
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), str(round_no)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
        )
    # A writer that hangs instead of writing is killed too, so the test fails, not stalls.
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    assert child.stdout is not None
    lines: list[str] = []
    try:
        first = child.stdout.readline()
        assert first == "ready\n", errors.read_text(encoding="utf-8")
        while len(lines) < writes:
            line = child.stdout.readline()
            assert line, f"the writer stopped: {errors.read_text(encoding='utf-8')}"
            lines.append(line)
        # A random moment inside the next write or two, not just between them.
        time.sleep(rng.uniform(0, 0.006))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        watchdog.cancel()
    # Lines already in the pipe were written after their commit returned: they count too.
    lines.extend(child.stdout.read().splitlines(keepends=True))
    assert child.returncode == -signal.SIGKILL
    return [line for line in lines if line.endswith("\n")]  # a torn last line says nothing


def test_sigkill_during_thousands_of_writes_loses_no_committed_change(db):
    db.close()
    rng = random.Random(SEED)
    created: dict[str, str] = {}  # id -> name
    phones: dict[str, int] = {}  # id -> last counter reported committed
    total = 0
    for round_no in range(1, ROUNDS + 1):
        lines = _kill_during_writes(db.path, round_no, rng.randint(200, 700), rng)
        total += len(lines)
        for line in lines:
            kind, person_id, value = line.rstrip("\n").split(" ", 2)
            if kind == "c":
                created[person_id] = value
            else:
                phones[person_id] = int(value)

        # A plain SQLite connection, as any tool would open the file after the crash.
        con = sqlite3.connect(db.path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = dict(con.execute("SELECT id, name FROM resident").fetchall())
            stored_phones = dict(con.execute("SELECT id, phone FROM resident").fetchall())
        finally:
            con.close()
        missing = [pid for pid in created if stored.get(pid) != created[pid]]
        assert missing == [], f"round {round_no}: committed residents lost: {missing[:5]}"
        for person_id, counter in phones.items():
            phone = stored_phones[person_id]
            # The committed change, or a later one committed before the report got out.
            assert phone is not None and int(phone[3:]) >= counter, (person_id, phone, counter)

    print(f"{ROUNDS} kills, {total} committed writes checked ({len(created)} creates)")
    assert total >= 1500  # thousands of writes in all, each its own transaction
    assert len(phones) > 100
    # govdesk itself opens the file afterwards, with the full check, and sees every write.
    reopened = Database.open(db.path)
    try:
        assert reopened.quick_check() == "ok"
        with reopened.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM resident").scalar()
        assert count >= len(created)
    finally:
        reopened.close()


def test_every_connection_is_wal_with_full_sync(db):
    # Several connections at once: the pragmas are set per connection, not once per file.
    conns = [db.engine.connect() for _ in range(3)]
    try:
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        for conn in conns:
            conn.close()
    db.engine.dispose()  # fresh connections after the pool is emptied get them too
    with db.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
    with db.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
