"""Imported rows get proper random UUIDs, made in bulk."""

from __future__ import annotations

import uuid

import openpyxl
from sqlalchemy import text

from govdesk.services.residents_import import _new_ids, plan_import, run_import


def test_bulk_ids_are_distinct_version_4_uuids_in_canonical_form():
    ids = _new_ids(5000)
    assert len(ids) == 5000
    assert len(set(ids)) == 5000
    for value in ids:
        parsed = uuid.UUID(value)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == value


def test_every_variant_digit_occurs():
    # The variant digit takes the two random bits left over: all four values appear.
    assert {value[19] for value in _new_ids(400)} == set("89ab")


def test_no_ids_asked_none_made():
    assert _new_ids(0) == []


def test_imported_people_and_care_links_carry_such_ids(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "关爱类别"])
    for i in range(30):
        ws.append([f"居民{i}", "低保户" if i % 2 else ""])
    wb.save(tmp_path / "a.xlsx")
    assert run_import(db, plan_import(tmp_path / "a.xlsx")).imported == 30
    with db.connect() as conn:
        people = conn.execute(text("SELECT id FROM resident")).scalars().all()
        links = conn.execute(text("SELECT id, resident_id FROM resident_care")).all()
    assert len(people) == 30
    assert len(links) == 15
    for value in [*people, *(link.id for link in links)]:
        assert uuid.UUID(value).version == 4
    assert {link.resident_id for link in links} <= set(people)
