"""Backups: encrypted round trips, refusals of wrong passphrases and altered files, a writer
running during the backup, rotation, the backup before a migration, and permissions."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from govdesk.domain.permissions import ROLE_PERMISSIONS, Actor, Permission, Role
from govdesk.services import backups, registry
from govdesk.services.authz import PermissionDenied
from govdesk.services.progress import Cancelled
from govdesk.store import backup_file, database, migrate
from govdesk.store.backup_file import BackupFileError
from govdesk.store.database import Database
from govdesk.store.engine import make_engine

PASSPHRASE = "门前大桥下 游过一群鸭"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    # The real cost (2**17) takes over a second per guess by design; the tests make many
    # keys, and the cost is read back from each key record, so a smaller one is honest here.
    monkeypatch.setattr(backup_file, "SCRYPT_N", 2**12)


def make_id(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def add_people(db: Database, n: int, start: int = 0) -> None:
    with db.session() as s:
        for i in range(start, start + n):
            registry.create_person(
                s,
                data={
                    "name": f"测试{i:04d}",
                    "id_number": make_id(f"110105198001{i % 28 + 1:02d}{i % 1000:03d}"[:17]),
                    "phone": f"1380013{i:04d}",
                    "current_address": f"幸福路{i}号",
                },
            )


def rows(path: Path, table: str = "resident") -> dict[str, tuple]:
    con = sqlite3.connect(path)
    try:
        return {str(r[0]): tuple(r) for r in con.execute(f"SELECT * FROM {table}")}  # noqa: S608
    finally:
        con.close()


def meta(path: Path, key: str) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])
    finally:
        con.close()


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*")}


@pytest.fixture
def keyed(db):
    """An office with residents and a backup passphrase."""
    add_people(db, 30)
    backups.set_backup_passphrase(db, PASSPHRASE)
    return db


# -- round trip -------------------------------------------------------------------------
def test_round_trip_restores_the_rows_with_a_new_instance(keyed, tmp_path):
    db = keyed
    out = tmp_path / "stick" / "office.gdbak"
    made = backups.make_backup(db, out)
    assert made == out and backup_file.is_encrypted_backup(out)
    at_backup = rows(db.path)
    old_instance = db.instance_id
    add_people(db, 1, start=500)  # after the backup: must not come back
    db.close()

    result = backups.restore_backup(out, db.path, PASSPHRASE)

    assert rows(db.path) == at_backup and len(at_backup) == 30
    assert integrity(db.path) == "ok"
    assert result.instance_id == meta(db.path, "instance_id") != old_instance
    assert result.counts["resident"] == 30
    # The replaced file is kept aside, whole, with the resident added after the backup.
    assert result.replaced is not None and result.replaced.name.startswith("office-replaced-")
    assert len(rows(result.replaced)) == 31
    # The restored file opens as a govdesk database and says it was restored, and by whom.
    again = Database.open(db.path)
    with again.connect() as conn:
        last = conn.execute(
            text("SELECT username, action, detail FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).one()
    again.close()
    assert last.action == "restore" and last.username == "govdesk"
    assert old_instance in last.detail and result.instance_id in last.detail


def test_backup_file_carries_no_plain_personal_data(keyed, tmp_path):
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    data = out.read_bytes()
    assert "测试0001".encode() not in data
    assert b"13800130001" not in data and b"SQLite format 3" not in data


def test_backup_is_audited(keyed, tmp_path):
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    with keyed.connect() as conn:
        entry = conn.execute(
            text("SELECT username, action, detail FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).one()
    assert (entry.username, entry.action) == ("admin", "backup")
    assert str(out) in entry.detail and '"encrypted": true' in entry.detail


def test_default_backup_goes_to_the_backups_folder(keyed):
    path = backups.make_backup(keyed)
    assert path.parent == keyed.path.parent / "backups"
    assert path.suffix == ".gdbak"
    [info] = backups.list_backups(keyed.path)
    assert (info.path, info.reason, info.encrypted) == (path, "manual", True)


def test_before_a_passphrase_backups_are_plain_and_still_restore(db, tmp_path):
    add_people(db, 3)
    assert not backups.has_backup_key(db)
    out = backups.make_backup(db, tmp_path / "plain.db")
    assert out.read_bytes()[:16] == b"SQLite format 3\x00"
    at_backup = rows(db.path)
    db.close()
    result = backups.restore_backup(out, db.path, "")
    assert rows(db.path) == at_backup
    assert result.made_at is None and integrity(db.path) == "ok"


def test_restore_to_a_missing_database(keyed, tmp_path):
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    at_backup = rows(keyed.path)
    keyed.close()
    target = tmp_path / "new-pc" / "office.db"
    result = backups.restore_backup(out, target, PASSPHRASE)
    assert result.replaced is None and rows(target) == at_backup


def test_a_backup_over_the_database_itself_is_refused(keyed):
    before = rows(keyed.path)
    with pytest.raises(Exception, match="不能写到数据库文件本身"):
        backups.make_backup(keyed, keyed.path)
    assert rows(keyed.path) == before and integrity(keyed.path) == "ok"


def test_cancelled_backup_leaves_nothing(keyed, tmp_path, monkeypatch):
    monkeypatch.setattr(database, "_BACKUP_STEP_PAGES", 4)
    before = folder_listing(tmp_path)
    cancel = threading.Event()
    with pytest.raises(Cancelled):
        backups.make_backup(
            keyed, tmp_path / "b.gdbak", progress=lambda d, t: cancel.set(), cancel=cancel
        )
    assert folder_listing(tmp_path) == before


# -- passphrases ------------------------------------------------------------------------
def test_wrong_passphrase_writes_nothing(keyed, tmp_path):
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    keyed.close()
    before, listing = digest(keyed.path), folder_listing(tmp_path)
    with pytest.raises(BackupFileError, match="备份口令不正确"):
        backups.restore_backup(out, keyed.path, "not the passphrase")
    assert digest(keyed.path) == before and folder_listing(tmp_path) == listing


def test_passphrase_rules_and_change(keyed, tmp_path):
    with pytest.raises(Exception, match="至少要有 10 个字符"):
        backups.set_backup_passphrase(keyed, "short")
    old_backup = backups.make_backup(keyed, tmp_path / "old.gdbak")
    with pytest.raises(Exception, match="原来的备份口令"):
        backups.set_backup_passphrase(keyed, "a brand new passphrase")
    with pytest.raises(BackupFileError):
        backups.set_backup_passphrase(
            keyed, "a brand new passphrase", old_passphrase="wrong wrong wrong"
        )
    backups.set_backup_passphrase(keyed, "a brand new passphrase", old_passphrase=PASSPHRASE)
    new_backup = backups.make_backup(keyed, tmp_path / "new.gdbak")
    keyed.close()
    # New backups need the new passphrase; the old one no longer opens them.
    with pytest.raises(BackupFileError):
        backups.restore_backup(new_backup, keyed.path, PASSPHRASE)
    backups.restore_backup(new_backup, keyed.path, "a brand new passphrase")
    # An older backup opens with its own passphrase, and with the new one while the
    # database holding the same key pair is at hand.
    backups.restore_backup(old_backup, keyed.path, "a brand new passphrase")
    backups.restore_backup(old_backup, keyed.path, PASSPHRASE)
    assert integrity(keyed.path) == "ok"
    # The restored database keeps the passphrase that opened the backup.
    record = backup_file.KeyRecord.from_json(meta(keyed.path, backup_file.KEY_META) or "")
    backup_file.unlock(record, PASSPHRASE)


def test_passphrase_is_never_stored_or_audited(keyed):
    con = sqlite3.connect(keyed.path)
    dump = "\n".join(con.iterdump())
    con.close()
    assert PASSPHRASE not in dump
    record = backup_file.KeyRecord.from_json(meta(keyed.path, backup_file.KEY_META) or "")
    assert len(record.public) == 32 and len(record.sealed_private) == 64 + 16


# -- altered files ----------------------------------------------------------------------
@pytest.fixture
def multi_chunk(keyed, tmp_path, monkeypatch):
    """A backup in 4 KiB chunks, so there are many to reorder and drop."""
    monkeypatch.setattr(backup_file, "CHUNK_SIZE", 4096)
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    keyed.close()
    header = backup_file.read_header(out)
    assert header.chunk_size == 4096 and header.size // 4096 > 10
    return keyed, out, header


def refused(db: Database, out: Path, tmp_path: Path, match: str = "已损坏或被改动") -> None:
    before, listing = digest(db.path), folder_listing(tmp_path)
    with pytest.raises(BackupFileError, match=match):
        backups.restore_backup(out, db.path, PASSPHRASE)
    assert digest(db.path) == before
    assert folder_listing(tmp_path) == listing


def test_intact_multi_chunk_backup_restores(multi_chunk, tmp_path):
    db, out, header = multi_chunk
    assert out.stat().st_size == backup_file.expected_length(header)
    backups.restore_backup(out, db.path, PASSPHRASE)
    assert integrity(db.path) == "ok"


def test_a_changed_byte_is_refused(multi_chunk, tmp_path):
    db, out, header = multi_chunk
    data = bytearray(out.read_bytes())
    data[header.data_offset + 5 * (4096 + 16) + 100] ^= 0x01
    out.write_bytes(bytes(data))
    refused(db, out, tmp_path)


def test_a_changed_header_is_refused(multi_chunk, tmp_path):
    db, out, _header = multi_chunk
    data = out.read_bytes().replace(b'"reason": "manual"', b'"reason": "daily!"', 1)
    out.write_bytes(data)
    refused(db, out, tmp_path)


def test_a_truncated_file_is_refused(multi_chunk, tmp_path):
    db, out, header = multi_chunk
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 1000])  # in the middle of a chunk
    refused(db, out, tmp_path)
    sealed = 4096 + 16
    out.write_bytes(data[: header.data_offset + 3 * sealed])  # at a chunk boundary
    refused(db, out, tmp_path)
    out.write_bytes(data[:-16])  # only the empty last chunk missing
    refused(db, out, tmp_path)


def test_swapped_and_appended_chunks_are_refused(multi_chunk, tmp_path):
    db, out, header = multi_chunk
    data = out.read_bytes()
    sealed = 4096 + 16
    start = header.data_offset
    chunk = [data[start + i * sealed : start + (i + 1) * sealed] for i in range(4)]
    swapped = data[:start] + chunk[0] + chunk[2] + chunk[1] + data[start + 3 * sealed :]
    assert len(swapped) == len(data)
    out.write_bytes(swapped)
    refused(db, out, tmp_path)
    out.write_bytes(data + chunk[3])
    refused(db, out, tmp_path)


def test_a_backup_forged_with_the_public_key_is_refused(keyed, tmp_path):
    """Anyone holding an old backup has the public key and could encrypt a database of
    their own for it; without the office's authentication key the file is refused."""
    genuine = backups.make_backup(keyed, tmp_path / "genuine.gdbak")
    public = backup_file.read_header(genuine).key
    from govdesk.services import office

    other = office.init_database(
        tmp_path / "other.db", name="别的社区", division_code="110105001002"
    )
    other.close()
    forged = tmp_path / "forged.gdbak"
    size = (tmp_path / "other.db").stat().st_size
    header, data_key = backup_file.new_header(
        public, reason="manual", source="office.db", schema="", size=size, counts={}
    )
    with (tmp_path / "other.db").open("rb") as plain, forged.open("wb") as out:
        backup_file.encrypt_stream(plain, out, header, data_key, b"\x00" * 32)
    keyed.close()
    refused(keyed, forged, tmp_path)
    # The secret that authenticates backups is in no backup header.
    auth = meta(keyed.path, backup_file.AUTH_META)
    assert auth is not None and auth.encode() not in genuine.read_bytes()


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    other = tmp_path / "notes.gdbak"
    other.write_bytes(b"GDBACKUP\x00\x01" + b"\xff" * 50)
    with pytest.raises(BackupFileError):
        backups.restore_backup(other, db.path, PASSPHRASE)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    with pytest.raises(BackupFileError, match="不是 govdesk 备份文件"):
        backups.describe(text_file)


# -- a writer during the backup ---------------------------------------------------------
def test_backup_under_a_concurrent_writer_is_the_database_as_it_was(keyed, tmp_path, monkeypatch):
    """Residents are committed by another thread between the copy's steps; the backup is
    the database as it was when the copy began, consistent and whole."""
    db = keyed
    # A few pages per step, so the writer's commits land in the middle of the copy.
    monkeypatch.setattr(database, "_BACKUP_STEP_PAGES", 4)
    go, written = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        go.wait(30)
        try:
            for i in range(20):
                add_people(db, 1, start=1000 + i)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        written.set()

    thread = threading.Thread(target=writer)
    thread.start()
    steps = []

    def progress(done: int, total: int) -> None:
        steps.append(done)
        if len(steps) == 2:  # the copy has begun: let the writer commit, and wait for it
            go.set()
            assert written.wait(30)

    out = backups.make_backup(db, tmp_path / "b.gdbak", progress=progress)
    thread.join(30)
    assert not errors and len(steps) > 5
    live = rows(db.path)
    assert len(live) == 50  # the writer really committed during the copy
    db.close()
    header = backup_file.read_header(out)
    target = tmp_path / "restored" / "office.db"
    backups.restore_backup(out, target, PASSPHRASE)

    assert integrity(target) == "ok"
    restored = rows(target)
    # Row counts equal those read in the copy's own read transaction (written in the header).
    assert len(restored) == header.counts["resident"] == 30
    with sqlite3.connect(target) as con:
        assert (
            con.execute("SELECT count(*) FROM household").fetchone()[0]
            == header.counts["household"]
        )
        audit_rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert audit_rows == header.counts["audit_log"] + 1  # plus the restore entry
    # Every row in the backup is the row as it was, unchanged.
    assert all(live[k] == v for k, v in restored.items())
    # The address index agrees with the table (a torn copy would not).
    with sqlite3.connect(target) as con:
        hits = con.execute(
            "SELECT count(*) FROM resident_address_fts WHERE resident_address_fts MATCH '幸福路'"
        ).fetchone()[0]
    assert hits == 30


def test_backup_in_a_child_process_writer(keyed, tmp_path, monkeypatch):
    """The same with the writer in another process, as a second program would be."""
    import subprocess
    import sys

    db = keyed
    monkeypatch.setattr(database, "_BACKUP_STEP_PAGES", 4)
    script = (
        "import sqlite3, sys, uuid\n"
        "con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
        "for i in range(50):\n"
        "    con.execute('BEGIN IMMEDIATE')\n"
        "    con.execute(\"INSERT INTO meta(key, value) VALUES (?, 'x')\", (str(uuid.uuid4()),))\n"
        "    con.execute('COMMIT')\n"
        "print('done')\n"
    )
    child: list[subprocess.CompletedProcess] = []

    def progress(done: int, total: int) -> None:
        if not child:
            child.append(
                subprocess.run(
                    [sys.executable, "-c", script, str(db.path)],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
            )

    with db.connect() as conn:
        meta_before = conn.execute(text("SELECT count(*) FROM meta")).scalar_one()
    out = backups.make_backup(db, tmp_path / "b.gdbak", progress=progress)
    assert child[0].stdout.strip() == "done", child[0].stderr
    db.close()
    target = tmp_path / "restored.db"
    backups.restore_backup(out, target, PASSPHRASE)
    assert integrity(target) == "ok"
    with sqlite3.connect(target) as con:
        # The restore itself adds one key: the instance id it replaced (file_identity).
        count = "SELECT count(*) FROM meta WHERE key != 'instance.previous'"
        assert con.execute(count).fetchone()[0] == meta_before
    with sqlite3.connect(db.path) as con:
        assert con.execute("SELECT count(*) FROM meta").fetchone()[0] == meta_before + 50


# -- rotation ---------------------------------------------------------------------------
def info(when: dt.datetime, reason: str = "daily") -> backups.BackupInfo:
    name = f"office-{when:%Y%m%d-%H%M%S}-{reason}.gdbak"
    return backups.BackupInfo(Path(name), when, reason, True)


def test_rotation_keeps_seven_days_and_four_weeks():
    start = dt.datetime(2026, 9, 1, 9, 30)  # a Tuesday
    daily = [info(start + dt.timedelta(days=d)) for d in range(60)]
    # A second automatic backup on the last day: only the newer one counts for that day.
    late = info(start + dt.timedelta(days=59, hours=5))
    manual = info(start + dt.timedelta(days=3), "manual")
    migration = info(start + dt.timedelta(days=4), "before-0004")
    kept, removed = backups.plan_rotation([*daily, late, manual, migration])
    kept_days = sorted(b.made_at for b in kept)
    last = start + dt.timedelta(days=59)  # 2026-10-30, a Friday
    seven = [last - dt.timedelta(days=d) for d in range(1, 7)] + [late.made_at]
    # Weekly: the newest of each of the last four ISO weeks. The newest two weeks are
    # already covered by the seven days; the two before end on Sundays 10-18 and 10-11.
    weeks = [dt.datetime(2026, 10, 18, 9, 30), dt.datetime(2026, 10, 11, 9, 30)]
    assert kept_days == sorted(seven + weeks)
    assert len(kept) == 9
    assert manual not in kept + removed and migration not in kept + removed
    assert len(removed) == 61 - 9
    assert {b.made_at.isocalendar().week for b in kept} == {41, 42, 43, 44}


def test_rotate_removes_only_old_automatic_files(tmp_path):
    db_path = tmp_path / "office.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 8, 0)
    for d in range(40):
        (folder / info(start + dt.timedelta(days=d)).path.name).write_bytes(b"x")
    keep_always = [
        folder / info(start, "manual").path.name,
        folder / info(start, "before-0004").path.name,
        folder / "office-replaced-20260101-080000.db",
        folder / "other-20260101-080000-daily.gdbak",  # another database's backup
    ]
    for p in keep_always:
        p.write_bytes(b"x")
    removed = backups.rotate(db_path)
    left = {p.name for p in folder.iterdir()}
    assert all(p.name in left for p in keep_always)
    daily_left = [b for b in backups.list_backups(db_path) if b.automatic]
    assert len(daily_left) == 9 and len(removed) == 31


def test_daily_backup_runs_once_a_day_and_rotates(keyed):
    day = dt.datetime(2026, 11, 26, 8, 0).astimezone()
    assert backups.daily_backup_due(keyed, day)
    made = backups.run_daily_backup(keyed, day)
    assert made is not None and "-20261126-080000-daily" in made.name
    assert not backups.daily_backup_due(keyed, day + dt.timedelta(hours=3))
    assert backups.run_daily_backup(keyed, day + dt.timedelta(hours=3)) is None
    assert backups.daily_backup_due(keyed, day + dt.timedelta(days=1))
    for d in range(1, 12):
        assert backups.run_daily_backup(keyed, day + dt.timedelta(days=d)) is not None
    auto = [b for b in backups.list_backups(keyed.path) if b.automatic]
    # 12 days, Thursday 11-26 to Monday 12-07: the last seven days, and the newest of each
    # ISO week: 12-07, 12-06 (both among the seven) and Sunday 11-29.
    assert [b.made_at.date() for b in auto] == [
        dt.date(2026, 12, d) for d in (7, 6, 5, 4, 3, 2, 1)
    ] + [dt.date(2026, 11, 29)]
    with keyed.connect() as conn:
        who = (
            conn.execute(text("SELECT DISTINCT username FROM audit_log WHERE action = 'backup'"))
            .scalars()
            .all()
        )
    assert who == ["govdesk"]


def test_newest_good_backup_skips_damaged_ones(keyed):
    first = backups.make_backup(
        keyed, keyed.backup_path("manual", encrypted=True, when=dt.datetime(2026, 1, 1, 9))
    )
    second = backups.make_backup(
        keyed, keyed.backup_path("manual", encrypted=True, when=dt.datetime(2026, 1, 2, 9))
    )
    assert backups.newest_good_backup(keyed.path).path == second
    second.write_bytes(second.read_bytes()[:-10])
    assert backups.newest_good_backup(keyed.path).path == first


# -- the backup before a migration ------------------------------------------------------
def _old_database(path: Path, keys: tuple[backup_file.KeyRecord, bytes] | None) -> None:
    previous = sorted(migrate.known_revisions() - {migrate.head_revision()})[-1]
    engine = make_engine(path)
    with engine.begin() as conn:
        migrate.upgrade(conn, previous)
        conn.execute(
            text(
                "INSERT INTO meta VALUES ('instance_id', 'old-instance'), ('version_counter', '0')"
            )
        )
        if keys is not None:
            for key, value in backup_file.meta_values(*keys).items():
                conn.execute(text("INSERT INTO meta VALUES (:k, :v)"), {"k": key, "v": value})
        conn.execute(
            text(
                "INSERT INTO office (id, office_id, created_at, updated_at, version, "
                "version_instance, name, division_code, kind) VALUES ('o1', 'o1', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, 'old-instance', "
                "'幸福社区居民委员会', '110105001001', 'community')"
            )
        )
    engine.dispose()


def test_backup_before_a_migration_is_encrypted_when_a_key_exists(db_path, tmp_path):
    _old_database(db_path, backup_file.new_key_record(PASSPHRASE))
    db = Database.open(db_path)
    made = db.backup_made
    db.close()
    assert made is not None and made.suffix == ".gdbak"
    assert backup_file.is_encrypted_backup(made)
    [listed] = backups.list_backups(db_path)
    assert listed.reason == f"before-{migrate.head_revision()}" and not listed.automatic
    # It is the database as it was, and restores (to the current schema) with the passphrase.
    header = backup_file.read_header(made)
    assert header.schema != migrate.head_revision()
    target = tmp_path / "restored.db"
    backups.restore_backup(made, target, PASSPHRASE)
    assert integrity(target) == "ok" and meta(target, "instance_id") != "old-instance"


def test_backup_before_a_migration_is_plain_without_a_key(db_path):
    _old_database(db_path, None)
    db = Database.open(db_path)
    db.close()
    assert db.backup_made is not None and db.backup_made.suffix == ".db"
    assert db.backup_made.read_bytes()[:16] == b"SQLite format 3\x00"


# -- permissions ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "role", [r for r in Role if Permission.BACKUP_MAKE not in ROLE_PERMISSIONS[r]]
)
def test_roles_without_backup_make_are_refused(keyed, tmp_path, role):
    keyed.actor = Actor("someone", role)
    with pytest.raises(PermissionDenied, match="备份"):
        backups.make_backup(keyed, tmp_path / "b.gdbak")
    assert not (tmp_path / "b.gdbak").exists()


@pytest.mark.parametrize(
    "role", [r for r in Role if Permission.BACKUP_RESTORE not in ROLE_PERMISSIONS[r]]
)
def test_roles_without_backup_restore_are_refused(keyed, tmp_path, role):
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    keyed.close()
    before, listing = digest(keyed.path), folder_listing(tmp_path)
    with pytest.raises(PermissionDenied, match="恢复备份"):
        backups.restore_backup(out, keyed.path, PASSPHRASE, actor=Actor("someone", role))
    assert digest(keyed.path) == before and folder_listing(tmp_path) == listing


def test_only_settings_managers_set_the_passphrase(db):
    db.actor = Actor("clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        backups.set_backup_passphrase(db, PASSPHRASE)
    assert not backups.has_backup_key(db)


def test_clerk_may_back_up_but_not_restore(keyed, tmp_path):
    keyed.actor = Actor("clerk", Role.CLERK)
    out = backups.make_backup(keyed, tmp_path / "b.gdbak")
    assert out.exists()
    with pytest.raises(PermissionDenied):
        backups.restore_backup(out, keyed.path, PASSPHRASE, actor=keyed.actor)


def test_nobody_signed_in_cannot_back_up(keyed, tmp_path):
    keyed.actor = None
    with pytest.raises(PermissionDenied, match="请先登录"):
        backups.make_backup(keyed, tmp_path / "b.gdbak")
