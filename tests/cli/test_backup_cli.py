"""`govdesk backup` and `govdesk restore`: a round trip from the command line, passphrases
from the environment, refusals, and restoring a database that cannot be opened any more."""

from __future__ import annotations

import sqlite3

import pytest

from govdesk.cli import main
from govdesk.domain.permissions import Role
from govdesk.services import accounts, backups, registry
from govdesk.store import backup_file
from govdesk.store.database import Database

PASSPHRASE = "a long backup passphrase"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    # Each key record stores its own cost; the real one takes a second per key on purpose.
    monkeypatch.setattr(backup_file, "SCRYPT_N", 2**12)


@pytest.fixture
def office_db(db: Database, admin: str) -> Database:
    with db.session() as s:
        registry.create_person(s, data={"name": "王芳"})
    return db


def names(path) -> list[str]:
    with sqlite3.connect(path) as con:
        return sorted(r[0] for r in con.execute("SELECT name FROM resident"))


def set_passphrase(db: Database, monkeypatch) -> None:
    monkeypatch.setenv("GOVDESK_NEW_BACKUP_PASSPHRASE", PASSPHRASE)
    assert main(["backup", "--db", str(db.path), "--user", "admin", "--set-passphrase"]) == 0


def test_round_trip(office_db, monkeypatch, tmp_path, capsys):
    db = office_db
    set_passphrase(db, monkeypatch)
    out = tmp_path / "stick" / "office.gdbak"
    assert main(["backup", "--db", str(db.path), "--out", str(out), "--user", "admin"]) == 0
    printed = capsys.readouterr()
    assert printed.out.strip().endswith(str(out)) and "没有加密" not in printed.err
    assert backup_file.is_encrypted_backup(out)
    with db.session() as s:
        registry.create_person(s, data={"name": "李娜"})  # after the backup
    old_instance = db.instance_id
    db.close()

    monkeypatch.setenv("GOVDESK_BACKUP_PASSPHRASE", PASSPHRASE)
    assert main(["restore", str(out), "--db", str(db.path), "--user", "admin"]) == 0
    printed = capsys.readouterr().out
    assert f"已恢复到 {db.path}" in printed and "office-replaced-" in printed
    assert names(db.path) == ["王芳"]
    [aside] = list(tmp_path.glob("office-replaced-*.db"))
    assert names(aside) == ["李娜", "王芳"]
    again = Database.open(db.path)
    assert again.instance_id != old_instance
    again.close()


def test_backup_without_a_passphrase_warns_that_it_is_plain(office_db, tmp_path, capsys):
    out = tmp_path / "plain.db"
    assert main(["backup", "--db", str(office_db.path), "--out", str(out), "--user", "admin"]) == 0
    assert "没有加密" in capsys.readouterr().err
    assert out.read_bytes()[:16] == b"SQLite format 3\x00"


def test_backup_needs_a_signed_in_user(office_db, tmp_path, capsys):
    assert main(["backup", "--db", str(office_db.path), "--out", str(tmp_path / "b.gdbak")]) == 2
    assert "--user" in capsys.readouterr().err
    assert not (tmp_path / "b.gdbak").exists()


def test_wrong_passphrase_is_refused_and_nothing_changes(office_db, monkeypatch, tmp_path, capsys):
    db = office_db
    set_passphrase(db, monkeypatch)
    out = tmp_path / "b.gdbak"
    assert main(["backup", "--db", str(db.path), "--out", str(out), "--user", "admin"]) == 0
    with db.session() as s:
        registry.create_person(s, data={"name": "李娜"})
    db.close()
    capsys.readouterr()
    monkeypatch.setenv("GOVDESK_BACKUP_PASSPHRASE", "not the passphrase")
    assert main(["restore", str(out), "--db", str(db.path), "--user", "admin"]) == 2
    assert "备份口令不正确" in capsys.readouterr().err
    # Signing in is recorded in the file; nothing else changed and nothing was replaced.
    assert names(db.path) == ["李娜", "王芳"]
    assert list(tmp_path.glob("office-replaced-*")) == []
    assert [p.name for p in tmp_path.glob("*.restore")] == []


def test_clerk_may_back_up_but_not_restore_or_set_the_passphrase(
    office_db, monkeypatch, tmp_path, capsys
):
    db = office_db
    set_passphrase(db, monkeypatch)
    accounts.create_account(db, username="clerk", password="clerk-pass-1", role=Role.CLERK)
    monkeypatch.setenv("GOVDESK_PASSWORD", "clerk-pass-1")
    out = tmp_path / "b.gdbak"
    assert main(["backup", "--db", str(db.path), "--out", str(out), "--user", "clerk"]) == 0
    assert main(["backup", "--db", str(db.path), "--user", "clerk", "--set-passphrase"]) == 2
    assert "修改设置" in capsys.readouterr().err
    with db.session() as s:
        registry.create_person(s, data={"name": "李娜"})
    db.close()
    monkeypatch.setenv("GOVDESK_BACKUP_PASSPHRASE", PASSPHRASE)
    assert main(["restore", str(out), "--db", str(db.path), "--user", "clerk"]) == 2
    assert "恢复备份" in capsys.readouterr().err
    assert names(db.path) == ["李娜", "王芳"]
    assert list(tmp_path.glob("office-replaced-*")) == []


def test_restore_over_a_damaged_file_needs_only_the_passphrase(
    office_db, monkeypatch, tmp_path, capsys
):
    db = office_db
    set_passphrase(db, monkeypatch)
    assert main(["backup", "--db", str(db.path), "--user", "admin"]) == 0
    [made] = backups.list_backups(db.path)
    db.close()
    damaged = db.path.read_bytes()[:4096]
    db.path.write_bytes(damaged)
    monkeypatch.setenv("GOVDESK_BACKUP_PASSPHRASE", PASSPHRASE)
    assert main(["restore", str(made.path), "--db", str(db.path)]) == 0
    assert names(db.path) == ["王芳"]
    [aside] = list(tmp_path.glob("office-replaced-*.db"))
    assert aside.read_bytes() == damaged


def test_restore_of_something_that_is_not_a_backup(office_db, tmp_path, capsys):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert main(["restore", str(other), "--db", str(office_db.path), "--user", "admin"]) == 2
    assert "不是 govdesk 备份文件" in capsys.readouterr().err


def test_restore_is_refused_while_a_window_holds_the_file(office_db, tmp_path, capsys):
    from PySide6.QtCore import QLockFile

    db = office_db
    out = tmp_path / "plain.db"
    assert main(["backup", "--db", str(db.path), "--out", str(out), "--user", "admin"]) == 0
    db.close()
    before = db.path.read_bytes()
    lock = QLockFile(f"{db.path}.lock")
    assert lock.tryLock(0)
    try:
        capsys.readouterr()
        assert main(["restore", str(out), "--db", str(db.path)]) == 2
        assert "govdesk窗口中使用" in capsys.readouterr().err
    finally:
        lock.unlock()
    assert db.path.read_bytes() == before
