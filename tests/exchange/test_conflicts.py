"""A conflict shown field by field, merged by a person into a version that ends it everywhere."""

from __future__ import annotations

import csv
import io

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import conflicts
from govdesk.exchange.apply import import_package
from govdesk.exchange.export import export_package
from govdesk.services import registry
from govdesk.store import file_identity
from tests.exchange.conftest import laptop_copy, register, trust

ADMIN = Actor(username="admin", role=Role.ADMIN)


@pytest.fixture
def conflict(office_side, township, tmp_path, monkeypatch):
    """The office PC changes a person's phone, a laptop copy changes the phone and the
    address: the township holds one conflict."""
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")
    trust(office_side, township)
    ids = register(office_side.db)
    pc, laptop = laptop_copy(office_side.db, tmp_path, monkeypatch)
    packages = []
    for db, changes in (
        (pc, {"phone": "13911110000"}),
        (laptop, {"phone": "13922220000", "current_address": "幸福里5号楼"}),
    ):
        with db.session() as s:
            registry.update_person(s, person_id=ids["欧阳秀英"], changes=changes)
        folder = tmp_path / db.instance_id[:8]
        folder.mkdir()
        packages.append(export_package(db, folder).path)
    for p in packages:
        assert import_package(township.db, p).outcome == "applied"
    yield township.db, ids["欧阳秀英"], pc, laptop
    pc.close()
    laptop.close()


def test_the_conflict_is_listed_and_shown_field_by_field(conflict):
    db, person, _pc, laptop = conflict
    listed = conflicts.open_conflicts(db)
    assert [(c.table_name, c.record_id, c.heads) for c in listed] == [("resident", person, 2)]
    assert listed[0].record_label == "欧阳秀英" and listed[0].office_code == "110105001001"
    assert conflicts.open_count(db) == 1
    detail = conflicts.conflict_detail(db, "resident", person)
    differing = {f.column: f.values for f in detail.fields if f.differs}
    assert set(differing) == {"phone", "current_address"}
    assert sorted(differing["phone"]) == ["13911110000", "13922220000"]
    # The table's row is the provisional winner, shown first.
    with db.connect() as conn:
        shown = conn.exec_driver_sql("SELECT phone FROM resident WHERE id = ?", (person,)).scalar()
    assert differing["phone"][0] == shown
    # Yes/no fields read as words, not SQLite's 1/0.
    converted = next(f for f in detail.fields if f.column == "id_converted")
    assert converted.values == ["否", "否"]
    headings = {f.column: f.heading for f in detail.fields}
    assert headings["phone"] == "联系电话"
    lines = list(csv.reader(io.StringIO(conflicts.conflicts_csv(db))))
    assert lines[0][:4] == ["table", "record_id", "record", "field"]
    phone_line = next(line for line in lines[1:] if line[3] == "联系电话")
    assert sorted(phone_line[4:6]) == ["13911110000", "13922220000"]
    assert phone_line[6:8] == ["110105001001", "110105001001"]  # one office, two machines
    assert phone_line[8].split(":")[0] != phone_line[9].split(":")[0]


def test_a_merge_takes_each_field_from_the_chosen_version(conflict):
    db, person, _pc, _laptop = conflict
    detail = conflicts.conflict_detail(db, "resident", person)
    laptop_index = next(i for i, h in enumerate(detail.heads) if h.raw["phone"] == "13922220000")
    pc_index = 1 - laptop_index
    conflicts.resolve(db, "resident", person, {"phone": pc_index, "current_address": laptop_index})
    with db.connect() as conn:
        phone, address, instance = conn.exec_driver_sql(
            "SELECT phone, current_address, version_instance FROM resident WHERE id = ?",
            (person,),
        ).one()
        history = {
            (i, v)
            for i, v in conn.exec_driver_sql(
                "SELECT instance, version FROM record_history WHERE record_id = ?", (person,)
            )
        }
        audited = conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE action = 'conflict_merged'"
        ).scalar()
    assert (phone, address) == ("13911110000", "幸福里5号楼")
    assert instance == db.instance_id  # a new version of the township's instance
    assert {(h.instance, h.version) for h in detail.heads} <= history
    assert conflicts.open_conflicts(db) == [] and audited == 1
    with pytest.raises(DomainError):
        conflicts.resolve(db, "resident", person, {})


def test_a_bad_choice_changes_nothing(conflict):
    db, person, _pc, _laptop = conflict
    with pytest.raises(DomainError):
        conflicts.resolve(db, "resident", person, {"phone": 7})
    assert conflicts.open_count(db) == 1


def test_differing_numbers_are_shown_in_full_only_to_who_may_reveal_them(conflict):
    db, person, _pc, _laptop = conflict

    def reveals() -> int:
        with db.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT count(*) FROM audit_log WHERE action = 'reveal' AND record_id = ?",
                (person,),
            ).scalar()

    before = reveals()
    phone = next(
        f for f in conflicts.conflict_detail(db, "resident", person).fields if f.column == "phone"
    )
    assert sorted(phone.values) == ["13911110000", "13922220000"]
    assert reveals() == before + 1  # the administrator saw them: noted on the trail
    db.actor = Actor(username="viewer", role=Role.VIEWER)
    phone = next(
        f for f in conflicts.conflict_detail(db, "resident", person).fields if f.column == "phone"
    )
    assert phone.values == ["139****0000", "139****0000"] and phone.differs
    assert reveals() == before + 1
