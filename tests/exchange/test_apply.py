"""The township imports office packages: new, updated, unchanged, conflicts kept, deletions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.apply import import_package
from govdesk.exchange.export import export_package, record_tables
from govdesk.services import registry
from govdesk.store import file_identity
from govdesk.store.database import Database
from tests.exchange.conftest import TOWNSHIP_CODE, Side, laptop_copy, make_side, register, trust

ADMIN = Actor(username="admin", role=Role.ADMIN)


@pytest.fixture(autouse=True)
def office_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")


def acknowledge(office: Side, result) -> None:
    """What the township's downward package does for the office: the marks come back."""
    with office.db.begin() as conn:
        for instance, counter in result.marks.items():
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO exchange_ack (source_instance, instance, counter, "
                "office_code, acknowledged_at) VALUES (?, ?, ?, ?, '2026-11-27 00:00:00')",
                (office.db.instance_id, instance, counter, TOWNSHIP_CODE),
            )


def table_rows(db: Database, table: str) -> list[tuple]:
    with db.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]


def phone_of(db: Database, person_id: str) -> str | None:
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT phone FROM resident WHERE id = ?", (person_id,)
        ).scalar()


def open_conflicts(db: Database) -> list[tuple]:
    with db.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT table_name, record_id, instance, version FROM record_conflict "
                "WHERE resolved_at IS NULL ORDER BY 1, 2, 3, 4"
            )
        ]


def test_first_package_then_a_change_then_the_same_file_again(office_side, township, tmp_path):
    trust(office_side, township)
    ids = register(office_side.db)
    stick = tmp_path / "stick"
    stick.mkdir()
    first = export_package(office_side.db, stick)
    report = import_package(township.db, first.path)
    assert report.outcome == "applied" and report.kind == "records"
    assert report.new == sum(first.counts.values()) and report.conflicts == 0
    for table in ("resident", "household", "office", "care_category"):
        office_rows = table_rows(office_side.db, table)
        assert set(office_rows) <= set(table_rows(township.db, table))
    # The township's own office is still its own.
    from govdesk.services.office import current_office

    with township.db.session() as s:
        assert current_office(s).division_code == TOWNSHIP_CODE
    # The same file again changes nothing and says so.
    again = import_package(township.db, first.path)
    assert again.outcome == "nothing_new" and again.new == 0
    assert "没有新内容" in again.text() or "Nothing new" in again.text()
    assert "新增" not in again.text()  # not opened again: no counts to give

    acknowledge(office_side, first)
    with office_side.db.session() as s:
        registry.update_person(s, person_id=ids["司马建国"], changes={"phone": "13800002222"})
    second = export_package(office_side.db, stick)
    report = import_package(township.db, second.path)
    assert report.outcome == "applied" and report.updated == 1 and report.new == 0
    assert phone_of(township.db, ids["司马建国"]) == "13800002222"
    # An older package after a newer one changes nothing.
    older = import_package(township.db, first.path)
    assert older.outcome == "nothing_new"
    assert phone_of(township.db, ids["司马建国"]) == "13800002222"
    # The township acknowledged the marks of what it applied.
    with township.db.connect() as conn:
        acks = dict(
            conn.exec_driver_sql(
                "SELECT instance, counter FROM exchange_ack WHERE source_instance = ?",
                (office_side.db.instance_id,),
            ).all()
        )
    assert acks == second.marks


def test_a_laptop_copy_and_the_office_pc_edit_one_person(
    office_side, township, tmp_path, monkeypatch
):
    trust(office_side, township)
    ids = register(office_side.db)
    pc, laptop = laptop_copy(office_side.db, tmp_path, monkeypatch)
    assert laptop.instance_id != pc.instance_id
    # A second township database with the same keys (a copy): it reads the same packages.
    township_path = Path(township.db.path)
    township.db.close()
    copy_path = tmp_path / "copy" / "township.db"
    copy_path.parent.mkdir()
    shutil.copy2(township_path, copy_path)
    townships = []
    for path in (township_path, copy_path):
        db = Database.open(path)
        db.actor = ADMIN
        townships.append(db)

    stick = tmp_path / "stick"
    stick.mkdir()
    packages = []
    for db, phone in ((pc, "13911110000"), (laptop, "13922220000")):
        with db.session() as s:
            registry.update_person(s, person_id=ids["欧阳秀英"], changes={"phone": phone})
        # Both into one folder: the copy counts its sequence on from the same number, and
        # the instance tag in the name keeps the two files apart.
        packages.append(export_package(db, stick).path)
    assert packages[0].name != packages[1].name
    # The two townships read the two packages in opposite orders.
    for t, order in zip(townships, (packages, packages[::-1]), strict=True):
        reports = [import_package(t, p) for p in order]
        assert [r.outcome for r in reports] == ["applied", "applied"]
        assert reports[1].conflicts == 1
    one, two = townships
    assert phone_of(one, ids["欧阳秀英"]) == phone_of(two, ids["欧阳秀英"])
    assert open_conflicts(one) == open_conflicts(two) and len(open_conflicts(one)) == 1
    for table in record_tables():
        assert table_rows(one, table) == table_rows(two, table), table
    # Both versions are kept: one in the table, one in the conflict list.
    with one.connect() as conn:
        kept = conn.exec_driver_sql(
            "SELECT json_extract(row, '$.phone') FROM record_conflict WHERE resolved_at IS NULL"
        ).scalar()
    assert {kept, phone_of(one, ids["欧阳秀英"])} == {"13911110000", "13922220000"}
    for db in (pc, laptop, one, two):
        db.close()


def test_a_deletion_travels_and_a_head_can_change_hands(office_side, township, tmp_path):
    trust(office_side, township)
    ids = register(office_side.db)
    stick = tmp_path / "stick"
    stick.mkdir()
    first = export_package(office_side.db, stick)
    assert import_package(township.db, first.path).outcome == "applied"
    acknowledge(office_side, first)
    with office_side.db.begin() as conn:
        gone = conn.exec_driver_sql("SELECT id FROM care_category ORDER BY code LIMIT 1").scalar()
        conn.exec_driver_sql("DELETE FROM care_category WHERE id = ?", (gone,))
    with office_side.db.session() as s:
        registry.set_head(s, household_id=ids["household"], person_id=ids["司马建国"])
    second = export_package(office_side.db, stick)
    report = import_package(township.db, second.path)
    assert report.outcome == "applied", report.reason
    with township.db.connect() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM care_category WHERE id = ?", (gone,)
            ).scalar()
            == 0
        )
        assert conn.exec_driver_sql(
            "SELECT record_id FROM record_tombstone WHERE table_name = 'care_category'"
        ).scalars().all() == [gone]
        heads = (
            conn.exec_driver_sql("SELECT id FROM resident WHERE relation_to_head = 'head'")
            .scalars()
            .all()
        )
    assert heads == [ids["司马建国"]]
    for table in ("resident", "care_category"):
        assert set(table_rows(office_side.db, table)) <= set(table_rows(township.db, table))


def test_an_office_database_refuses_another_offices_records(office_side, township, tmp_path):
    trust(office_side, township)
    register(office_side.db)
    other = make_side(tmp_path / "other.db", "光明社区居民委员会", "110105001002")
    with other.db.session() as s:
        keys.trust(s, township.card)
        keys.trust(s, office_side.card)
    with office_side.db.session() as s:
        keys.trust(s, other.card)
    before = table_rows(other.db, "resident")
    # An office package is addressed to the township: the other office cannot even open it.
    package = export_package(office_side.db, tmp_path).path
    report = import_package(other.db, package)
    assert report.outcome == "refused" and "不是发给本单位" in report.reason
    assert table_rows(other.db, "resident") == before
    with other.db.connect() as conn:
        logged = (
            conn.exec_driver_sql("SELECT outcome FROM exchange_package WHERE direction = 'in'")
            .scalars()
            .all()
        )
        audited = conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE action = 'exchange_package_refused'"
        ).scalar()
    assert logged == ["refused"] and audited == 1
    other.db.close()


def test_a_package_never_touches_another_offices_record(office_side, township, tmp_path):
    trust(office_side, township)
    register(office_side.db)
    other = make_side(tmp_path / "other.db", "光明社区居民委员会", "110105001002")
    trust(other, township)
    theirs = register(other.db)
    for side in (office_side, other):
        folder = tmp_path / side.db.instance_id[:8]
        folder.mkdir()
        assert import_package(township.db, export_package(side.db, folder).path).outcome == (
            "applied"
        )
    before = table_rows(township.db, "resident")
    # An office's package whose row takes the id of the other office's record.
    with office_side.db.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE resident SET id = ?, phone = '13700000000' WHERE name = '司马建国'",
            (theirs["司马建国"],),
        )
    crafted = export_package(office_side.db, tmp_path, full=True).path
    report = import_package(township.db, crafted)
    assert report.outcome == "refused" and "不属于" in report.reason
    assert table_rows(township.db, "resident") == before
    other.db.close()
