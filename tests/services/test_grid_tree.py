"""Counts per node of the grid tree after assignment, reassignment and retirement."""

from __future__ import annotations

import datetime as dt

from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids
from govdesk.services.grid_tree import UNASSIGNED, GridTree, place_rows
from tests.services.grid_world import linked_world

D1 = dt.date(2026, 1, 1)
D2 = dt.date(2026, 3, 1)


def _by_name(nodes):
    return {n.name: n for n in nodes}


def test_counts_roll_up_and_the_unassigned_bucket_holds_the_rest(db):
    places = linked_world(db)  # 7 households of 2 residents; 建设路5号 has no place
    with db.session() as s:
        top = grids.create_grid(s, name="第一网格")
        sub = grids.create_grid(s, name="东片", parent_id=top.id)
        other = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=sub.id, on=D1)
        grids.assign_places(s, place_ids=[places["幸福里小区12号楼"]], grid_id=top.id, on=D1)
        grids.assign_places(s, place_ids=[places["前进村第一村民小组"]], grid_id=other.id, on=D1)
        staff = grid_staff.add_staff(s, name="王芳")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=sub.id, role="full_time", start_on=D1)
    tree = GridTree(db)
    nodes = tree.load(D1)
    assert [n.name for n in nodes] == ["第一网格", "东片", "第二网格", "未划分"]
    by = _by_name(nodes)
    assert (by["东片"].households, by["东片"].residents, by["东片"].staff) == (2, 4, 1)
    assert (by["第一网格"].own_households, by["第一网格"].households) == (1, 3)
    assert by["第一网格"].residents == 6 and by["第一网格"].staff == 1
    assert by["东片"].depth == 1 and by["东片"].parent_id == by["第一网格"].id
    assert by["第二网格"].households == 2
    unassigned = nodes[-1]
    assert unassigned.id == UNASSIGNED
    # 和平家园1号楼 is in no grid, and 建设路5号 has no place at all
    assert (unassigned.places, unassigned.households, unassigned.residents) == (1, 2, 4)
    assert by["东片"].care == 0

    # Reassigned on D2: the counts of D1 stay, those of D2 move.
    with db.session() as s:
        grids.assign_places(s, place_ids=[places["幸福里小区3号楼"]], grid_id=other.id, on=D2)
    by = _by_name(tree.load(D2))
    assert (by["东片"].households, by["第一网格"].households, by["第二网格"].households) == (
        0,
        1,
        4,
    )
    assert _by_name(tree.load(D1))["东片"].households == 2

    rows = place_rows(db, other.id, D2)
    assert [(r.address, r.households) for r in rows] == [
        ("前进村第一村民小组", 0),
        ("前进村第一村民小组12号", 1),
        ("前进村第一村民小组15号", 1),
        ("幸福里小区3号楼", 2),
    ]
    assert [r.address for r in place_rows(db, UNASSIGNED, D2)] == ["和平家园1号楼"]


def test_retired_grids_leave_the_tree_but_not_the_past(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        b = grids.create_grid(s, name="第二网格")
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=a.id, on=D1)
        grids.merge_grids(s, source_id=a.id, target_id=b.id, on=D2)
    tree = GridTree(db)
    assert [n.name for n in tree.load(D2)] == ["第二网格", "未划分"]
    assert _by_name(tree.load(D2))["第二网格"].households == 1
    assert _by_name(tree.load(D1))["第一网格"].households == 1
    retired = _by_name(tree.load(D2, include_retired=True))["第一网格"]
    assert retired.retired and retired.households == 0


def test_care_counts_only_for_roles_that_may_see_them(db):
    linked_world(db)
    db.actor = Actor(username="c", role=Role.CLERK)
    nodes = GridTree(db).load(D1)
    assert all(n.care is None for n in nodes)


def test_one_tree_sees_register_changes_between_loads(db):
    places = linked_world(db)
    with db.session() as s:
        a = grids.create_grid(s, name="第一网格")
        grids.assign_places(s, place_ids=[places["和平家园1号楼"]], grid_id=a.id, on=D1)
    tree = GridTree(db)
    assert _by_name(tree.load(D1))["第一网格"].residents == 2
    # A new member of the household in 和平家园1号楼, registered through the register.
    with db.connect() as conn:
        household_id = conn.exec_driver_sql(
            "SELECT id FROM household WHERE place_id = ?", (places["和平家园1号楼"],)
        ).scalar()
    from govdesk.services import registry

    with db.session() as s:
        registry.create_person(
            s,
            data={"name": "新成员", "sex": "female", "relation_to_head": "daughter"},
            household_id=household_id,
        )
    assert _by_name(tree.load(D1))["第一网格"].residents == 3


def test_a_person_serving_two_sub_grids_counts_once_in_their_parent(db):
    linked_world(db)
    with db.session() as s:
        top = grids.create_grid(s, name="第一网格")
        east = grids.create_grid(s, name="东片", parent_id=top.id)
        west = grids.create_grid(s, name="西片", parent_id=top.id)
        wang = grid_staff.add_staff(s, name="王芳")
        li = grid_staff.add_staff(s, name="李强")
        grid_staff.add_post(s, staff_id=wang.id, grid_id=east.id, role="full_time", start_on=D1)
        grid_staff.add_post(s, staff_id=wang.id, grid_id=west.id, role="mediator", start_on=D1)
        grid_staff.add_post(s, staff_id=li.id, grid_id=west.id, role="part_time", start_on=D1)
        grid_staff.add_post(s, staff_id=li.id, grid_id=top.id, role="grid_leader", start_on=D1)
    by = _by_name(GridTree(db).load(D1))
    assert (by["东片"].staff, by["西片"].staff) == (1, 2)
    assert (by["第一网格"].own_staff, by["第一网格"].staff) == (1, 2)
