"""Editing a household's own fields: the household follows the building its new address names."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.models import Household, Place, Resident
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grids, registry
from govdesk.store import place_tally
from govdesk.store.database import Database
from govdesk.store.errors import StorageError
from tests.services.grid_world import linked_world, make_households

OLD_HOME = "幸福里小区3号楼2单元301室"
NEW_HOME = "和平家园1号楼3单元502室"
DAY = dt.date(2026, 3, 1)
LATER = dt.date(2026, 6, 1)


def _two_grids(db) -> dict[str, str]:
    """Grid 一 holds 幸福里小区3号楼 and grid 二 holds 和平家园1号楼, both from DAY."""
    by_address = linked_world(db)
    with db.session() as s:
        one = grids.create_grid(s, name="第一网格")
        two = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[by_address["幸福里小区3号楼"]], grid_id=one.id, on=DAY)
        grids.assign_places(s, place_ids=[by_address["和平家园1号楼"]], grid_id=two.id, on=DAY)
        ids = {"one": one.id, "two": two.id}
    with db.session() as s:
        hh = registry.find_household(s, household_number="H0001")
        assert hh is not None and hh.address == OLD_HOME
        ids["household"] = hh.id
        ids["old_building"] = by_address["幸福里小区3号楼"]
        ids["new_building"] = by_address["和平家园1号楼"]
    return ids


def _state(db, household_id: str) -> tuple:
    """Everything an edit could touch, to compare before and after a refusal."""
    with db.session() as s:
        hh = s.get(Household, household_id)
        members = sorted(
            (m.name, m.current_address)
            for m in registry.household_members(s, household_id=household_id)
        )
        row = (hh.household_number, hh.household_type, hh.address, hh.place_id, hh.version)
    with db.connect() as conn:
        n_places = conn.exec_driver_sql("SELECT count(*) FROM place").scalar()
        n_audit = conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar()
    return row, members, n_places, n_audit


def test_a_new_address_moves_the_household_into_the_new_buildings_grid(db):
    ids = _two_grids(db)
    with db.session() as s:
        assert grids.grid_of_household(s, ids["household"], LATER).id == ids["one"]
    with db.session() as s:
        result = registry.update_household(
            s, household_id=ids["household"], changes={"address": f" {NEW_HOME} "}
        )
        assert result.changed == {"address": (OLD_HOME, NEW_HOME)}
        assert (result.old_place_id, result.place_id) == (ids["old_building"], ids["new_building"])
        assert result.warnings == []
    with db.session() as s:
        hh = s.get(Household, ids["household"])
        assert (hh.address, hh.place_id) == (NEW_HOME, ids["new_building"])
        # At once, with no re-link run: the household's grid follows its building.
        assert grids.grid_of_household(s, ids["household"], LATER).id == ids["two"]
        # Grids are assigned places, so the old building still answers the old grid,
        # on any day; the household itself has no dated history of buildings.
        assert grids.grid_of_place(s, ids["old_building"], LATER).id == ids["one"]
        assert grids.grid_of_place(s, ids["old_building"], DAY).id == ids["one"]
        assert grids.grid_of_household(s, ids["household"], DAY - dt.timedelta(days=1)) is None
    # The grid tree's per-building figures moved with it (kept by the register's triggers).
    with db.connect() as conn:
        tally = place_tally.read(conn)
        assert place_tally.differences(conn) == {}
    assert tally[ids["old_building"]][:2] == (1, 2)  # the other household of 3号楼 stays
    assert tally[ids["new_building"]][:2] == (2, 4)


def test_members_living_at_the_old_address_move_with_the_household(db):
    ids = _two_grids(db)
    with db.session() as s:
        members = registry.household_members(s, household_id=ids["household"])
        away = members[1]
        registry.update_person(s, person_id=away.id, changes={"current_address": "建设路9号"})
        stays_id, away_id = members[0].id, away.id
    with db.session() as s:
        result = registry.update_household(
            s, household_id=ids["household"], changes={"address": NEW_HOME}
        )
        assert result.members_followed == [stays_id]
    with db.session() as s:
        assert s.get(Resident, stays_id).current_address == NEW_HOME
        assert s.get(Resident, away_id).current_address == "建设路9号"


def test_members_stay_put_when_asked_or_when_the_address_is_cleared(db):
    ids = _two_grids(db)
    with db.session() as s:
        result = registry.update_household(
            s, household_id=ids["household"], changes={"address": ""}
        )
        assert result.members_followed == [] and result.place_id is None
        [warning] = result.warnings
        assert warning.field == "address" and "未划分" in warning.message
    with db.session() as s:
        homes = {
            m.current_address for m in registry.household_members(s, household_id=ids["household"])
        }
        assert homes == {OLD_HOME}
        registry.update_household(
            s, household_id=ids["household"], changes={"address": NEW_HOME}, members_follow=False
        )
    with db.session() as s:
        homes = {
            m.current_address for m in registry.household_members(s, household_id=ids["household"])
        }
        assert homes == {OLD_HOME}
        assert s.get(Household, ids["household"]).place_id == ids["new_building"]


def test_an_address_naming_no_building_leaves_the_household_unlinked_with_a_warning(db):
    ids = _two_grids(db)
    with db.session() as s:
        result = registry.update_household(
            s, household_id=ids["household"], changes={"address": "建设路7号院"}
        )
        assert result.place_id is None and result.old_place_id == ids["old_building"]
        [warning] = result.warnings
        assert warning.key == "household.address_no_place" and warning.warning
        assert "建设路7号院" in warning.message
    with db.session() as s:
        assert s.get(Household, ids["household"]).place_id is None
        assert grids.grid_of_household(s, ids["household"], LATER) is None


def test_an_address_in_a_new_building_makes_the_places_and_audits_them(db):
    ids = _two_grids(db)
    with db.session() as s:
        result = registry.update_household(
            s, household_id=ids["household"], changes={"address": "新兴小区2号楼1单元101室"}
        )
        building = s.get(Place, result.place_id)
        assert (building.kind, building.address) == ("building", "新兴小区2号楼")
        assert s.get(Place, building.parent_id).address == "新兴小区"
        # A building nobody assigned yet: the household is in no grid (未划分) until it is.
        assert grids.grid_of_household(s, ids["household"], LATER) is None
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, record_type, record_id, detail, username FROM audit_log "
            "WHERE record_type IN ('place', 'household') ORDER BY seq DESC LIMIT 3"
        ).all()
    by_type = {(r[0], r[1]): r for r in rows}
    update = by_type[("update", "household")]
    assert update[2] == ids["household"] and update[4] == "admin"
    detail = json.loads(update[3])
    assert detail["address"] == [OLD_HOME, "新兴小区2号楼1单元101室"]
    assert detail["place_id"] == [ids["old_building"], result.place_id]
    made = {json.loads(r[3])["address"] for r in rows if r[0] == "create"}
    assert made == {"新兴小区", "新兴小区2号楼"}


def test_number_and_type_change_and_no_change_writes_nothing(db):
    ids = _two_grids(db)
    before = _state(db, ids["household"])
    with db.session() as s:
        same = registry.update_household(
            s,
            household_id=ids["household"],
            changes={"address": OLD_HOME, "household_number": "H0001", "household_type": "家庭户"},
        )
        assert same.changed == {}
    assert _state(db, ids["household"]) == before
    with db.session() as s:
        result = registry.update_household(
            s,
            household_id=ids["household"],
            changes={"household_number": " H9001 ", "household_type": "集体户"},
        )
        assert result.changed == {
            "household_number": ("H0001", "H9001"),
            "household_type": ("family", "collective"),
        }
        assert result.place_id == ids["old_building"]
    with db.session() as s:
        hh = s.get(Household, ids["household"])
        assert (hh.household_number, hh.household_type) == ("H9001", "collective")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"household_number": "  "}, "household_number", "户号不能为空"),
        ({"household_number": "H0002"}, "household_number", "H0002 已被使用"),
        ({"household_number": "H" * 41}, "household_number", "40"),
        ({"household_type": "大户"}, "household_type", "户别"),
        ({"address": "幸福里小区" + "长" * 200}, "address", "200"),
        # One bad field refuses the good one beside it.
        ({"address": NEW_HOME, "household_type": "x"}, "household_type", "户别"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(db, changes, field, words):
    ids = _two_grids(db)
    before = _state(db, ids["household"])
    with pytest.raises(DomainError) as caught, db.session() as s:
        registry.update_household(s, household_id=ids["household"], changes=changes)
    [issue] = caught.value.issues
    assert issue.field == field and words in issue.message
    assert _state(db, ids["household"]) == before


def test_check_household_reports_without_storing(db):
    ids = _two_grids(db)
    before = _state(db, ids["household"])
    with db.session() as s:
        values, issues = registry.check_household(
            s, {"household_number": "H0002", "address": " 新址 "}, household_id=ids["household"]
        )
    assert values == {"household_number": "H0002", "address": "新址"}
    assert [i.field for i in issues] == ["household_number"]
    assert _state(db, ids["household"]) == before
    with pytest.raises(ValueError, match="phone"), db.session() as s:
        registry.update_household(s, household_id=ids["household"], changes={"phone": "1"})


@pytest.mark.parametrize("role", [Role.VIEWER, Role.GRID, Role.VOLUNTEERS])
def test_roles_that_may_not_edit_the_register_are_refused(db, role):
    ids = _two_grids(db)
    before = _state(db, ids["household"])
    db.actor = Actor(role.value, role)
    with pytest.raises(PermissionDenied), db.session() as s:
        registry.update_household(s, household_id=ids["household"], changes={"address": NEW_HOME})
    db.actor = Actor("admin", Role.ADMIN)
    row, members, n_places, _ = _state(db, ids["household"])
    assert (row, members, n_places) == before[:3]  # the refusal itself is on the trail


def test_a_clerk_may_edit(db):
    ids = _two_grids(db)
    db.actor = Actor("clerk", Role.CLERK)
    with db.session() as s:
        registry.update_household(s, household_id=ids["household"], changes={"address": NEW_HOME})
    with db.session() as s:
        assert s.get(Household, ids["household"]).place_id == ids["new_building"]


def test_a_read_only_file_refuses_the_edit(db):
    made = make_households(db)
    household_id = made[OLD_HOME]
    db.close()
    ro = Database.open(db.path, read_only=True)
    ro.actor = Actor("admin", Role.ADMIN)
    try:
        with pytest.raises(StorageError, match="只读"), ro.session() as s:
            registry.update_household(s, household_id=household_id, changes={"address": NEW_HOME})
        with ro.session() as s:
            assert s.get(Household, household_id).address == OLD_HOME
    finally:
        ro.close()
