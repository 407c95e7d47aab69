"""Opening files safely: clear refusals that leave the file untouched, pragmas, versions."""

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from govdesk.domain.models import Resident
from govdesk.services import registry
from govdesk.store.database import Database, DatabaseError


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "居民.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        Database.open(path)
    assert "居民.db" in str(err.value) and "不是govdesk数据库文件" in str(err.value)
    assert path.read_bytes() == before


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DatabaseError, match="不存在"):
        Database.open(tmp_path / "nowhere.db")


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError):
        Database.open(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(db):
    with db.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(db.path)


def test_create_refuses_an_existing_file(db_path):
    db_path.write_bytes(b"")
    with pytest.raises(DatabaseError, match="已存在"):
        Database.create(db_path)


def test_pragmas_on_every_connection(db):
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_every_change_takes_the_next_version_of_this_instance(db):
    with db.session() as s:
        first = registry.create_person(s, data={"name": "李雷"}).person
    with db.session() as s:
        second = registry.create_person(s, data={"name": "韩梅梅"}).person
    assert second.version == first.version + 1
    assert first.version_instance == db.instance_id
    with db.session() as s:
        edited = registry.update_person(
            s, person_id=first.id, changes={"phone": "13800138000"}
        ).person
    assert edited.version == second.version + 1
    assert edited.updated_at >= edited.created_at
    assert int(db.meta("version_counter")) == edited.version


def test_a_failed_transaction_stores_nothing_and_takes_no_version(db):
    counter = db.meta("version_counter")
    with pytest.raises(RuntimeError), db.session() as s:
        registry.create_person(s, data={"name": "李雷"})
        raise RuntimeError("power cut")
    with db.session() as s:
        assert s.exec(select(Resident)).all() == []
    assert db.meta("version_counter") == counter


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO resident (id, office_id, created_at, updated_at, version, version_instance, name, "
                "person_type, status, id_converted, name_pinyin, name_initials, household_id) VALUES "
                "('x', 'o', '2026-01-01', '2026-01-01', 1, 'i', '某', 'registered', 'on_register', 0, '', '', 'no-such')"
            )
        )


def test_quick_check_reports_ok_on_a_sound_file(db):
    assert db.quick_check() == "ok"


def test_skipping_the_check_still_refuses_a_non_database(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(DatabaseError):
        Database.open(path, check=False)


def test_quick_check_finds_damage_that_the_fast_open_lets_through(db):
    with db.session() as s:
        for i in range(400):
            registry.create_person(s, data={"name": f"测试{i}", "current_address": "幸福路" * 20})
    db.close()
    data = bytearray(db.path.read_bytes())
    page = 4096
    # Scribble over pages written last (resident rows and their indexes), not over meta.
    for offset in range(len(data) * 6 // 10 // page * page, len(data) * 9 // 10, page * 2):
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    db.path.write_bytes(bytes(data))
    damaged = Database.open(db.path, check=False)
    assert damaged.quick_check() != "ok"
    damaged.close()
    with pytest.raises(DatabaseError):
        Database.open(db.path)
