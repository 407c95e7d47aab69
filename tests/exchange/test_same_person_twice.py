"""The office PC and its laptop copy each make a record the other already made: the
township refuses the second package in words the office can act on, and takes it once the
office has done what the words say."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.exchange.apply import import_package
from govdesk.exchange.export import export_package
from govdesk.services import registry
from govdesk.store import file_identity
from tests.exchange.conftest import laptop_copy, register, trust

ID_NUMBER = "11010519491231002X"


@pytest.fixture(autouse=True)
def office_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")


def record_tables(db) -> dict[str, list[tuple]]:
    with db.connect() as conn:
        return {
            t: [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1, 2, 3")]
            for t in ("resident", "household", "record_conflict", "record_tombstone")
        }


def logged_text(db) -> str:
    with db.connect() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM exchange_package").all()
        audit = conn.exec_driver_sql("SELECT detail FROM audit_log").all()
    return repr(rows) + repr(audit)


@pytest.fixture
def two_computers(office_side, township, tmp_path, monkeypatch):
    trust(office_side, township)
    ids = register(office_side.db)
    pc, laptop = laptop_copy(office_side.db, tmp_path, monkeypatch)
    stick = tmp_path / "stick"
    stick.mkdir()
    yield pc, laptop, ids, stick
    pc.close()
    laptop.close()


def test_one_person_registered_on_both_computers(two_computers, township):
    pc, laptop, _, stick = two_computers
    packages = []
    for db in (pc, laptop):
        with db.session() as s:
            registry.create_person(
                s, data={"name": "王秀兰", "sex": "female", "id_number": ID_NUMBER}
            )
        packages.append(export_package(db, stick).path)
    import_package(township.db, packages[0])
    before = record_tables(township.db)

    refused = import_package(township.db, packages[1])
    assert refused.outcome == "refused"
    message = refused.reason
    assert "公民身份号码都是“110105********002X”" in message
    assert "两台电脑" in message and "重复登记" in message and "重新导出" in message
    assert record_tables(township.db) == before
    logged = logged_text(township.db)
    assert "110105********002X" in logged  # the refusal is logged and audited, masked
    assert ID_NUMBER not in message and ID_NUMBER not in logged

    # What the message asks of the office: on the laptop, clear the number and deregister.
    with laptop.session() as s:
        twin = registry.find_by_id_number(s, id_number=ID_NUMBER)
        registry.update_person(s, person_id=twin.id, changes={"id_number": None})
        registry.change_status(
            s, person_id=twin.id, new_status="deregistered", date=dt.date.today(), reason="重复登记"
        )
    report = import_package(township.db, export_package(laptop, stick).path)
    assert report.outcome == "applied"
    with township.db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id_number, status FROM resident WHERE name = '王秀兰' ORDER BY status"
        ).all()
    assert [tuple(r) for r in rows] == [(None, "deregistered"), (ID_NUMBER, "on_register")]


def test_each_computer_makes_someone_else_head(two_computers, township):
    pc, laptop, ids, stick = two_computers
    with pc.session() as s:
        registry.set_head(
            s, household_id=ids["household"], person_id=ids["司马建国"], old_head_relation="spouse"
        )
    first = export_package(pc, stick).path
    with laptop.session() as s:
        child = registry.create_person(
            s,
            data={"name": "司马小文", "sex": "male", "relation_to_head": "son"},
            household_id=ids["household"],
        ).person.id
        registry.set_head(
            s, household_id=ids["household"], person_id=child, old_head_relation="parent"
        )
    second = export_package(laptop, stick).path
    import_package(township.db, first)
    before = record_tables(township.db)

    refused = import_package(township.db, second)
    assert refused.outcome == "refused"
    assert "户“H0001”" in refused.reason and "户主" in refused.reason
    assert record_tables(township.db) == before

    # The laptop makes the head the PC's choice; its package then goes in.
    with laptop.session() as s:
        registry.set_head(
            s, household_id=ids["household"], person_id=ids["司马建国"], old_head_relation="son"
        )
    report = import_package(township.db, export_package(laptop, stick).path)
    assert report.outcome == "applied"
    with township.db.connect() as conn:
        heads = conn.exec_driver_sql(
            "SELECT name FROM resident WHERE relation_to_head = 'head' AND household_id = ?",
            (ids["household"],),
        ).all()
    assert [h[0] for h in heads] == ["司马建国"]
