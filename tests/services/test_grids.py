"""The grid tree and dated assignments: create, assign, reassign, undo, retire, merge, split."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids
from tests.services.grid_world import linked_world

D1 = dt.date(2026, 1, 1)
D2 = dt.date(2026, 3, 1)
D3 = dt.date(2026, 6, 1)


def test_codes_follow_the_division_and_the_tree(db):
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        sub = grids.create_grid(s, name="一号楼片", parent_id=a.id)
        own = grids.create_grid(s, name="第九网格", number="9")
    assert (a.code, b.code, sub.code, own.code) == (
        "11010500100101",
        "11010500100102",
        "1101050010010101",
        "11010500100109",
    )
    with pytest.raises(DomainError) as err, db.session() as s:
        grids.create_grid(s, name="重复", number=2)
    assert err.value.issues[0].key == "grids.number_taken"


def test_dated_assignment_answers_which_grid_on_a_day(db):
    places = linked_world(db)
    building = places["幸福里小区3号楼"]
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[building], grid_id=a.id, on=D1)
        grids.assign_places(s, place_ids=[building], grid_id=b.id, on=D2)
    with db.session() as s:
        from sqlmodel import select

        from govdesk.domain.models import Household

        household = s.exec(select(Household).where(Household.place_id == building)).first()
        assert grids.grid_of_household(s, household.id, D1 - dt.timedelta(days=1)) is None
        assert grids.grid_of_household(s, household.id, D1).id == a.id
        assert grids.grid_of_household(s, household.id, D2 - dt.timedelta(days=1)).id == a.id
        assert grids.grid_of_household(s, household.id, D2).id == b.id
        assert grids.grid_of_place(s, building, D3).id == b.id


def test_assigning_a_compound_brings_its_buildings(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        result = grids.assign_places(s, place_ids=[places["幸福里小区"]], grid_id=a.id, on=D1)
        assert result.moved == 3  # the compound and its two buildings
        assert sorted(grids.place_ids_of_grid(s, a.id, D1)) == sorted(
            [places["幸福里小区"], places["幸福里小区3号楼"], places["幸福里小区12号楼"]]
        )


def test_undo_restores_the_previous_assignment(db):
    places = linked_world(db)
    building = places["幸福里小区3号楼"]
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[building], grid_id=a.id, on=D1)
    with db.session() as s:
        result = grids.assign_places(s, place_ids=[building], grid_id=b.id, on=D2)
    with db.session() as s:
        grids.undo_assignment(s, result)
    with db.session() as s:
        assert grids.grid_of_place(s, building, D3).id == a.id
    with db.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM grid_assignment").scalar()
        assert count == 1
    with pytest.raises(DomainError) as err, db.session() as s:
        grids.undo_assignment(s, result)
    assert err.value.issues[0].key == "grids.undo_stale"


def test_same_day_reassignment_changes_the_grid_in_place(db):
    places = linked_world(db)
    building = places["幸福里小区3号楼"]
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[building], grid_id=a.id, on=D1)
        result = grids.assign_places(s, place_ids=[building], grid_id=b.id, on=D1)
        assert result.regridded and not result.created
        assert grids.grid_of_place(s, building, D1).id == b.id
        grids.undo_assignment(s, result)
        assert grids.grid_of_place(s, building, D1).id == a.id


def test_an_earlier_date_than_the_current_assignment_is_refused(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=a.id, on=D2)
    with pytest.raises(DomainError) as err, db.session() as s:
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=b.id, on=D1)
    assert err.value.issues[0].key == "grids.date_before"


def test_retire_is_refused_while_used_unless_moved(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=a.id, on=D1)
        staff = grid_staff.add_staff(s, name="王芳", phone="13800000001")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=a.id, role="full_time", start_on=D1)
    with pytest.raises(DomainError) as err, db.session() as s:
        grids.retire_grid(s, a.id, on=D2)
    assert err.value.issues[0].key == "grids.still_used"
    assert err.value.issues[0].params == {"grid": "第一网格", "places": 1, "posts": 1}
    with db.session() as s:
        grids.retire_grid(s, a.id, on=D2, move_to=b.id)
    with db.session() as s:
        assert grids.get_grid(s, a.id).retired_on == D2
        assert grids.grid_of_place(s, places["和平家园1号楼"], D1).id == a.id
        assert grids.grid_of_place(s, places["和平家园1号楼"], D2).id == b.id
        assert [p.grid_id for p in grid_staff.posts(s, on=D1)] == [a.id]
        assert [p.grid_id for p in grid_staff.posts(s, on=D2)] == [b.id]
    with pytest.raises(DomainError) as err, db.session() as s:
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=a.id, on=D3)
    assert err.value.issues[0].key == "grids.retired"


def test_merge_moves_places_and_posts_and_remembers_the_target(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["幸福里小区"]], grid_id=a.id, on=D1)
        staff = grid_staff.add_staff(s, name="李强")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=a.id, role="part_time", start_on=D1)
    with db.session() as s:
        source = grids.merge_grids(s, source_id=a.id, target_id=b.id, on=D2)
        assert (source.retired_on, source.merged_into_id) == (D2, b.id)
    with db.session() as s:
        assert len(grids.place_ids_of_grid(s, b.id, D2)) == 3
        assert grids.place_ids_of_grid(s, a.id, D2) == []
        assert len(grids.place_ids_of_grid(s, a.id, D1)) == 3
        assert [p.role for p in grid_staff.posts(s, b.id, on=D2)] == ["part_time"]


def test_split_makes_a_sibling_that_takes_the_places(db):
    places = linked_world(db)
    with db.session() as s:
        top = grids.create_grid(s, name="第一网格")
        a = grids.create_grid(s, name="东片", parent_id=top.id)
        grids.assign_places(s, place_ids=[places["幸福里小区"]], grid_id=a.id, on=D1)
        new = grids.split_grid(s, a.id, name="西片", place_ids=[places["幸福里小区12号楼"]], on=D2)
        assert new.parent_id == top.id
        assert new.code == "1101050010010102"
        assert grids.place_ids_of_grid(s, new.id, D2) == [places["幸福里小区12号楼"]]
        assert len(grids.place_ids_of_grid(s, a.id, D2)) == 2


def test_a_viewer_may_not_change_grids(db):
    db.actor = Actor(username="v", role=Role.VIEWER)
    with pytest.raises(Exception) as err, db.session() as s:
        grids.create_grid(s, name="第一网格")
    assert type(err.value).__name__ == "PermissionDenied"
