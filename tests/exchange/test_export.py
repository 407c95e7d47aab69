"""The upward package: this office's records with their histories, readable only by the township."""

from __future__ import annotations

import json
import threading

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.exchange import keys
from govdesk.exchange.export import export_package
from govdesk.exchange.package import read_package
from govdesk.services import registry
from govdesk.services.progress import Cancelled
from tests.exchange.conftest import Side


def _trust_each_other(office: Side, township: Side) -> None:
    with office.db.session() as s:
        keys.trust(s, township.card)
    with township.db.session() as s:
        keys.trust(s, office.card)


def _register(db) -> dict[str, str]:
    with db.session() as s:
        hh = registry.create_household(s, household_number="H0001", address="幸福里小区3号楼")
        ids = {
            name: registry.create_person(
                s,
                data={"name": name, "sex": sex, "relation_to_head": rel, "phone": phone},
                household_id=hh.id,
            ).person.id
            for name, sex, rel, phone in (
                ("欧阳秀英", "female", "head", "13912345678"),
                ("司马建国", "male", "spouse", "13887654321"),
            )
        }
    with db.session() as s:
        registry.update_person(s, person_id=ids["欧阳秀英"], changes={"phone": "13900001111"})
    return ids


def _members(path, township: Side) -> tuple[dict, dict[str, list[dict]]]:
    package = read_package(path, keyring=keys.keyring(township.db), own=township.own)
    tables = {}
    for name, data in package.members.items():
        document = json.loads(data.decode("utf-8"))
        assert name == document["table"] + ".json"
        columns = document["columns"]
        tables[document["table"]] = [
            {
                "id": row[columns.index("id")],
                "row": dict(zip(columns, row, strict=True)),
                "history": document["history"].get(row[columns.index("id")], []),
            }
            for row in document["rows"]
        ]
    return package.manifest, tables


def test_the_package_holds_every_record_with_its_history(office_side, township, tmp_path):
    _trust_each_other(office_side, township)
    ids = _register(office_side.db)
    stick = tmp_path / "stick"
    stick.mkdir()
    result = export_package(office_side.db, stick)
    assert result.path.parent == stick and result.path.suffix == ".gdx"
    assert result.path.name.startswith("110105001001-") and result.path.name.endswith(
        f"-0001-{office_side.db.instance_id[:4]}.gdx"
    )
    manifest, tables = _members(result.path, township)
    assert manifest["counts"]["resident"] == 2 and manifest["counts"]["household"] == 1
    assert manifest["full"] is True
    by_id = {line["id"]: line for line in tables["resident"]}
    edited = by_id[ids["欧阳秀英"]]
    assert edited["row"]["phone"] == "13900001111" and edited["row"]["name"] == "欧阳秀英"
    assert len(edited["history"]) == 1  # the version before the phone changed
    assert by_id[ids["司马建国"]]["history"] == []
    # The marks are the highest counter per instance, matching the rows sent.
    top = max(line["row"]["version"] for rows in tables.values() for line in rows)
    assert manifest["marks"] == {office_side.db.instance_id: top}
    # Nothing personal in the file's bytes.
    data = result.path.read_bytes()
    for text in ("欧阳秀英", "司马建国", "13900001111", "幸福里小区3号楼"):
        assert text.encode("utf-8") not in data
    # Logged, and the next package takes the next number.
    second = export_package(office_side.db, stick)
    assert second.sequence == 2 and "-0002-" in second.path.name
    with office_side.db.connect() as conn:
        logged = conn.exec_driver_sql(
            "SELECT direction, outcome, sequence FROM exchange_package ORDER BY sequence"
        ).all()
    assert [tuple(r) for r in logged] == [("out", "written", 1), ("out", "written", 2)]


def test_without_a_trusted_township_key_nothing_is_written(office_side, tmp_path):
    _register(office_side.db)
    with pytest.raises(DomainError, match="乡镇"):
        export_package(office_side.db, tmp_path)
    assert list(tmp_path.glob("*.gdx")) == []


def test_a_cancel_leaves_no_file(office_side, township, tmp_path):
    _trust_each_other(office_side, township)
    _register(office_side.db)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        export_package(office_side.db, tmp_path, cancel=cancel)
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".gdx", ".part")] == []


def test_a_clerk_may_not_export(office_side, township, tmp_path):
    _trust_each_other(office_side, township)
    office_side.db.actor = Actor("clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        export_package(office_side.db, tmp_path)


def test_after_an_acknowledgement_only_newer_rows_and_deletions_go(office_side, township, tmp_path):
    _trust_each_other(office_side, township)
    ids = _register(office_side.db)
    stick = tmp_path / "stick"
    stick.mkdir()
    first = export_package(office_side.db, stick)
    # The township acknowledged everything in the first package.
    with office_side.db.begin() as conn:
        for instance, counter in first.marks.items():
            conn.exec_driver_sql(
                "INSERT INTO exchange_ack (source_instance, instance, counter, office_code, "
                "acknowledged_at) VALUES (?, ?, ?, '110105001000', '2026-11-27 00:00:00')",
                (office_side.db.instance_id, instance, counter),
            )
    with office_side.db.session() as s:
        registry.update_person(s, person_id=ids["司马建国"], changes={"phone": "13800002222"})
    with office_side.db.begin() as conn:
        gone = conn.exec_driver_sql("SELECT id FROM care_category ORDER BY code LIMIT 1").scalar()
        conn.exec_driver_sql("DELETE FROM care_category WHERE id = ?", (gone,))
    second = export_package(office_side.db, stick)
    manifest, tables = _members(second.path, township)
    assert manifest["full"] is False and manifest["since"] == first.marks
    assert [line["id"] for line in tables["resident"]] == [ids["司马建国"]]
    # No other table has a newer row; care_category carries only its deletion.
    assert set(tables) == {"resident", "care_category"} and tables["care_category"] == []
    package = read_package(second.path, keyring=keys.keyring(township.db), own=township.own)
    care = json.loads(package.members["care_category.json"])
    assert care["rows"] == [] and [d[0] for d in care["deleted"]] == [gone]
    deleted_version = care["deleted"][0][2]
    assert deleted_version > first.marks[office_side.db.instance_id]
    assert care["history"][gone]  # the deleted row's last version is in its history
    assert manifest["marks"][office_side.db.instance_id] == deleted_version
    # --full ignores the acknowledgement.
    third = export_package(office_side.db, stick, full=True)
    manifest, tables = _members(third.path, township)
    assert manifest["full"] is True and len(tables["resident"]) == 2
