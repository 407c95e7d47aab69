"""Every record keeps the versions it was superseded from (migration 0012), whoever wrote it."""

from __future__ import annotations

import datetime as dt

from sqlmodel import SQLModel

from govdesk.services import grids, places, registry
from tests.services.grid_world import linked_world


def _history(db, table, record_id):
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT instance, version FROM record_history WHERE table_name = ? "
            "AND record_id = ? ORDER BY version",
            (table, record_id),
        ).all()


def _version(db, table, record_id):
    with db.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                f"SELECT version_instance, version FROM {table} WHERE id = ?", (record_id,)
            ).one()
        )


def test_every_record_table_has_its_history_trigger(db):
    record_tables = {
        name for name, table in SQLModel.metadata.tables.items() if "version_instance" in table.c
    }
    with db.connect() as conn:
        triggers = {
            r[0].removeprefix("record_history_")
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'record_history_%'"
            )
        }
    # A new record table needs its trigger in the migration that makes it.
    assert record_tables == triggers


def test_an_edit_keeps_the_version_it_replaced_and_an_insert_keeps_none(db):
    with db.session() as s:
        person = registry.create_person(s, data={"name": "王芳", "sex": "female"}).person
    first = _version(db, "resident", person.id)
    assert _history(db, "resident", person.id) == []
    with db.session() as s:
        registry.update_person(s, person_id=person.id, changes={"phone": "13912345678"})
    second = _version(db, "resident", person.id)
    with db.session() as s:
        registry.update_person(s, person_id=person.id, changes={"phone": "13912345679"})
    assert second[1] > first[1]
    assert [tuple(r) for r in _history(db, "resident", person.id)] == [first, second]


def test_bulk_core_writes_keep_history_too(db):
    ids = linked_world(db)
    building = ids["幸福里小区3号楼"]
    with db.session() as s:
        one = grids.create_grid(s, name="第一网格")
        two = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[building], grid_id=one.id, on=dt.date(2026, 1, 1))
    with db.connect() as conn:
        first_id = conn.exec_driver_sql(
            "SELECT id FROM grid_assignment WHERE place_id = ?", (building,)
        ).scalar()
    before = _version(db, "grid_assignment", first_id)
    with db.session() as s:  # ends the first assignment with a Core UPDATE
        grids.assign_places(s, place_ids=[building], grid_id=two.id, on=dt.date(2026, 3, 1))
    assert [tuple(r) for r in _history(db, "grid_assignment", first_id)] == [before]
    # The households' re-linking is a Core bulk update as well.
    with db.connect() as conn:
        household = conn.exec_driver_sql(
            "SELECT id FROM household WHERE place_id = ?", (building,)
        ).scalar()
    was = _version(db, "household", household)
    # Linking it to its building (link_households) was a bulk update already.
    earlier = [tuple(r) for r in _history(db, "household", household)]
    assert len(earlier) == 1
    with db.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE household SET place_id = NULL, version = version + 1000 WHERE id = ?",
            (household,),
        )
    assert [tuple(r) for r in _history(db, "household", household)] == [*earlier, was]
    with db.session() as s:
        assert places.relink_household(s, household) == building
