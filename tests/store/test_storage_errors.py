"""Disk full, a busy file and SQLite's other refusals: a message a clerk can act on, nothing half-stored."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from govdesk.cli import main
from govdesk.domain import messages
from govdesk.services import accounts, registry
from govdesk.store import errors
from govdesk.store.errors import StorageError

PROBE = Path(__file__).with_name("storage_probe.py")


def _counts(path: Path) -> tuple[int, int, str, str]:
    con = sqlite3.connect(path)
    try:
        residents = con.execute("SELECT count(*) FROM resident").fetchone()[0]
        audit = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        version = con.execute("SELECT value FROM meta WHERE key='version_counter'").fetchone()[0]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return residents, audit, version, integrity


def test_disk_full_rolls_the_change_back_and_says_what_to_do(db):
    with db.session() as s:
        kept = registry.create_person(s, data={"name": "李雷", "phone": "13800138000"}).person.id
    before = _counts(db.path)

    # SQLite's own limit on the file's size gives the very error a full disk gives.
    def small_disk(dbapi_conn, _record):  # noqa: ANN001
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 3}")

    event.listen(db.engine, "connect", small_disk)
    db.engine.dispose()
    try:
        with pytest.raises(StorageError) as full, db.session() as s:
            for n in range(400):
                registry.create_person(s, data={"name": f"韩梅梅{n}", "notes": "备注" * 100})
        assert full.value.kind == errors.FULL
        assert str(full.value).startswith("磁盘已满")
        assert "之前保存的数据完好" in str(full.value) and str(db.path.parent) in str(full.value)
        # SQLite's error is kept for the log, chained.
        assert "full" in str(errors.sqlite_error(full.value.__cause__))
        with db.session() as s:
            assert registry.get_person(s, person_id=kept).phone == "13800138000"
    finally:
        event.remove(db.engine, "connect", small_disk)
        db.engine.dispose()
    # Nothing of the failed transaction: no resident, no audit entry, no version taken.
    assert _counts(db.path) == before
    assert before[3] == "ok"
    with db.session() as s:  # room again: work goes on
        registry.create_person(s, data={"name": "韩梅梅"})
    assert _counts(db.path)[0] == before[0] + 1


def test_disk_full_message_in_english(db):
    messages.set_language("en")
    issue = errors.issue_for(errors.FULL, db.path)
    assert issue.message.startswith("The disk is full")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for a small tmpfs")
def test_a_really_full_disk(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    script = f'mount -t tmpfs -o size=2m tmpfs "{folder}" && exec "$@"'
    run = subprocess.run(
        [
            "unshare",
            "-rm",
            "sh",
            "-c",
            script,
            "sh",
            sys.executable,
            str(PROBE),
            "fill",
            str(folder),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if run.returncode != 0 and "mount" in run.stderr:
        pytest.skip(f"no private tmpfs here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["kind"] == errors.FULL and result["error"].startswith("磁盘已满")
    assert result["committed"] > 0
    # Every committed resident, and nothing of the one that did not fit.
    assert result["names_match_while_open"] and result["names_match_after"]
    assert result["integrity"] == "ok"


def test_a_write_while_another_program_writes_waits_then_fails_clearly(db, monkeypatch, capsys):
    accounts.create_first_admin(db, username="admin", password="busy-test-pw")
    with db.session() as s:
        registry.create_person(s, data={"name": "李雷"})
    db.close()
    before = _counts(db.path)
    source = db.path.parent / "people.csv"
    source.write_text("姓名,性别\n韩梅梅,女\n", encoding="utf-8")

    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        monkeypatch.setenv("GOVDESK_PASSWORD", "busy-test-pw")
        code = main(["residents", "import", str(source), "--db", str(db.path), "--user", "admin"])
        err = capsys.readouterr().err
    finally:
        other.rollback()
        other.close()
    assert code == 2
    assert "正在被另一个程序" in err and f"{errors.BUSY_SECONDS}秒" in err
    assert _counts(db.path) == before


def test_sqlite_refusals_are_named(tmp_path, db):
    where = tmp_path / "x.db"

    def error_of(fn) -> sqlite3.Error:  # noqa: ANN001
        try:
            fn()
        except sqlite3.Error as exc:
            return exc
        raise AssertionError("SQLite did not refuse")

    cant_open = error_of(lambda: sqlite3.connect(tmp_path / "no such folder" / "x.db"))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x17" * 8192)
    not_db = error_of(lambda: sqlite3.connect(garbage).execute("SELECT * FROM sqlite_master"))
    guarded = sqlite3.connect(db.path)
    guarded.execute("PRAGMA query_only = ON")
    read_only = error_of(lambda: guarded.execute("DELETE FROM meta"))
    guarded.close()

    cases = [
        (cant_open, errors.CANT_OPEN, "无法打开数据库文件"),
        (not_db, errors.NOT_A_DATABASE, "不是数据库"),
        (read_only, errors.READ_ONLY_FOLDER, "不能写入"),
    ]
    for exc, kind, words in cases:
        clear = errors.translate(exc, where)
        assert clear is not None and clear.kind == kind and words in str(clear), exc
    # Opened read-only on purpose: the refusal says so instead of blaming the folder.
    clear = errors.translate(read_only, where, read_only=True, why="（李雷正在修改）")
    assert clear is not None and clear.kind == errors.READ_ONLY_OPEN
    assert str(clear) == "数据库是以只读方式打开的，不能保存修改。（李雷正在修改）"
    # A broken rule is the service's business, not a storage failure.
    with pytest.raises(IntegrityError) as rule, db.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meta(key, value) VALUES ('instance_id', 'x')")
    assert errors.translate(rule.value, where) is None
