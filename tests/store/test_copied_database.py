"""A database file copied to another folder or computer takes a new instance id when opened."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from govdesk.domain.permissions import Actor, Role
from govdesk.services import backups, office, registry
from govdesk.store import file_identity
from govdesk.store.database import Database

ADMIN = Actor(username="admin", role=Role.ADMIN)


@pytest.fixture(autouse=True)
def this_machine(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test starts on one named computer; a test moves to another by setting the env."""
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")
    return "office-pc"


def make_office(path: Path) -> None:
    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.close()


def open_as_admin(path: Path, **kwargs: object) -> Database:
    db = Database.open(path, **kwargs)  # type: ignore[arg-type]
    db.actor = ADMIN
    return db


def add_household(db: Database, number: str) -> tuple[str, int]:
    """A new record's (version_instance, version)."""
    with db.session() as s:
        hh = registry.create_household(s, household_number=number, address="幸福路1号")
        return hh.version_instance, hh.version


def meta(path: Path, key: str) -> str | None:
    db = Database.open(path, read_only=True)
    try:
        return db.meta(key)
    finally:
        db.close()


def audit_rows(db: Database) -> list[tuple[str, str | None, dict[str, object]]]:
    with db.connect() as conn:
        rows = conn.execute(
            text("SELECT action, record_id, detail FROM audit_log WHERE record_type = 'database'")
        ).all()
    return [(r.action, r.record_id, json.loads(r.detail)) for r in rows]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_records_where_it_is(tmp_path):
    path = tmp_path / "office.db"
    make_office(path)
    stored = file_identity.FileIdentity.from_json(meta(path, file_identity.IDENTITY_META))
    assert stored == file_identity.current(path)
    assert stored is not None and stored.path == str(path.resolve())


def test_same_file_at_the_same_place_keeps_its_id(tmp_path):
    path = tmp_path / "office.db"
    make_office(path)
    first = meta(path, "instance_id")
    for _ in range(3):
        db = open_as_admin(path)
        assert db.instance_id == first and db.instance_changed is None
        assert audit_rows(db) == []
        db.close()
    assert meta(path, file_identity.PREVIOUS_META) is None


def test_copy_in_another_folder_becomes_a_new_instance(tmp_path):
    original = tmp_path / "office" / "office.db"
    make_office(original)
    original_id = meta(original, "instance_id")
    copy = tmp_path / "laptop" / "office.db"
    copy.parent.mkdir()
    shutil.copy2(original, copy)

    laptop = open_as_admin(copy)
    assert laptop.instance_changed == file_identity.OTHER_FOLDER
    assert laptop.instance_id not in ("", original_id)
    assert meta(copy, "instance_id") == laptop.instance_id
    # The old id is kept in the history, with why it ended.
    (past,) = json.loads(meta(copy, file_identity.PREVIOUS_META) or "[]")
    assert past["instance"] == original_id and past["reason"] == file_identity.OTHER_FOLDER
    assert past["until"]
    # The audit trail of the copy says what happened, and from where.
    ((action, record_id, detail),) = audit_rows(laptop)
    assert (action, record_id) == ("update", "instance_id")
    assert detail["instance_id"] == [original_id, laptop.instance_id]
    assert detail["reason"] == "other_folder"
    assert detail["path"] == [str(original.resolve()), str(copy.resolve())]

    # The original, opened again where it was, keeps its id.
    office_pc = open_as_admin(original)
    assert office_pc.instance_id == original_id and office_pc.instance_changed is None

    # Both carry the same counter, yet their versions never collide.
    made = {add_household(office_pc, "1001"), add_household(laptop, "2001")}
    made |= {add_household(office_pc, "1002"), add_household(laptop, "2002")}
    assert len(made) == 4
    assert {instance for instance, _ in made} == {original_id, laptop.instance_id}
    office_pc.close()
    laptop.close()

    # The copy, opened again at its own place, stays the instance it became.
    again = open_as_admin(copy)
    assert again.instance_id == meta(copy, "instance_id") and again.instance_changed is None
    again.close()


def test_a_second_open_of_a_copy_keeps_the_first_opens_new_id(tmp_path):
    original = tmp_path / "office.db"
    make_office(original)
    copy = tmp_path / "laptop" / "office.db"
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    first = open_as_admin(copy)
    second = open_as_admin(copy)  # while the first is still open, as a second program would
    assert first.instance_changed == file_identity.OTHER_FOLDER
    assert second.instance_changed is None and second.instance_id == first.instance_id
    assert len(audit_rows(second)) == 1
    first.close()
    second.close()


def test_a_file_moved_within_one_computer_becomes_a_new_instance(tmp_path):
    # A move cannot be told from a copy whose original is still somewhere: a new id is safe.
    before = tmp_path / "a" / "office.db"
    make_office(before)
    old_id = meta(before, "instance_id")
    after = tmp_path / "b" / "renamed.db"
    after.parent.mkdir()
    before.rename(after)
    db = open_as_admin(after)
    assert db.instance_changed == file_identity.OTHER_FOLDER and db.instance_id != old_id
    db.close()


def test_the_same_path_on_another_computer_becomes_a_new_instance(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    make_office(path)
    old_id = meta(path, "instance_id")
    monkeypatch.setenv(file_identity.MACHINE_ENV, "township-laptop")
    db = open_as_admin(path)
    assert db.instance_changed == file_identity.OTHER_MACHINE
    assert db.instance_id != old_id
    ((_action, _record, detail),) = audit_rows(db)
    assert detail["reason"] == "other_machine" and "path" not in detail
    version_instance, _version = add_household(db, "1001")
    assert version_instance == db.instance_id
    db.close()
    # Back on the first computer it is a copy again: one more new id, both old ones kept.
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")
    back = open_as_admin(path)
    assert back.instance_changed == file_identity.OTHER_MACHINE
    past = json.loads(meta(path, file_identity.PREVIOUS_META) or "[]")
    assert [p["instance"] for p in past] == [old_id, db.instance_id]
    back.close()


def test_read_only_open_of_a_copy_changes_nothing(tmp_path):
    original = tmp_path / "office.db"
    make_office(original)
    copy = tmp_path / "stick" / "office.db"
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    before = digest(copy)

    db = Database.open(copy, read_only=True)
    assert db.instance_changed is None
    assert db.instance_id == meta(original, "instance_id")
    db.close()
    assert digest(copy) == before
    assert meta(copy, file_identity.PREVIOUS_META) is None


def test_a_file_from_before_identities_keeps_its_id(tmp_path):
    path = tmp_path / "office.db"
    make_office(path)
    db = Database.open(path)
    with db.begin() as conn:
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": file_identity.IDENTITY_META})
    old_id = db.instance_id
    db.close()
    again = Database.open(path)
    assert again.instance_id == old_id and again.instance_changed is None
    assert audit_rows(again) == []
    again.close()
    assert file_identity.FileIdentity.from_json(
        meta(path, file_identity.IDENTITY_META)
    ) == file_identity.current(path)


def test_a_restored_file_gets_one_new_id_not_two(tmp_path):
    path = tmp_path / "office.db"
    make_office(path)
    db = open_as_admin(path)
    old_id = db.instance_id
    out = backups.make_backup(db, tmp_path / "stick" / "office.db")
    db.close()

    result = backups.restore_backup(out, path, "")

    restored = open_as_admin(path)
    assert restored.instance_id == result.instance_id != old_id
    assert restored.instance_changed is None
    # The only database entry is the restore itself, not a second change on opening.
    assert [a for a, _r, _d in audit_rows(restored)] == ["restore"]
    past = json.loads(restored.meta(file_identity.PREVIOUS_META) or "[]")
    assert past[-1]["instance"] == old_id and past[-1]["reason"] == file_identity.RESTORED
    restored.close()


def test_machine_identity_is_a_hash_and_stable(monkeypatch):
    monkeypatch.delenv(file_identity.MACHINE_ENV)
    first = file_identity.machine_identity()
    assert first == file_identity.machine_identity()
    assert len(first) == 32 and int(first, 16) >= 0
    raw = Path("/etc/machine-id")
    if raw.is_file():
        assert raw.read_text().strip() not in first
    monkeypatch.setenv(file_identity.MACHINE_ENV, "pc-1")
    assert file_identity.machine_identity() != first
    assert file_identity.machine_identity() != "pc-1"


def test_messages_for_the_window():
    assert "另一台电脑" in file_identity.describe(file_identity.OTHER_MACHINE)
    assert "另一个文件夹" in file_identity.describe(file_identity.OTHER_FOLDER)
