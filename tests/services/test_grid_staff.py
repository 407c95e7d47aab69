"""Grid staff: posts with dates, masked phones, workload shares and coverage."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_staff, grids, places, registry
from tests.services.grid_world import linked_world, make_households

D1 = dt.date(2026, 1, 1)
D2 = dt.date(2026, 3, 1)


def test_posts_hold_between_their_dates(db):
    with db.session() as s:
        g = grids.create_grid(s, name="第一网格")
        h = grids.create_grid(s, name="第二网格")
        staff = grid_staff.add_staff(s, name="王芳", phone="13812345678")
        first = grid_staff.add_post(
            s, staff_id=staff.id, grid_id=g.id, role="专职网格员", start_on=D1
        )
        grid_staff.add_post(s, staff_id=staff.id, grid_id=h.id, role="mediator", start_on=D1)
        grid_staff.end_post(s, first.id, on=D2)
    with db.session() as s:
        assert {p.grid_id for p in grid_staff.posts(s, on=D1)} == {g.id, h.id}
        assert [p.grid_id for p in grid_staff.posts(s, on=D2)] == [h.id]
        assert first.role == "full_time"
        views = grid_staff.post_views(s, on=D1)
        assert [(v.grid_name, v.role_label, v.phone) for v in views] == [
            ("第一网格", "专职网格员", "138****5678"),
            ("第二网格", "调解员", "138****5678"),
        ]
        assert grid_staff.post_views(s, g.id, D1, reveal=True)[0].phone == "13812345678"
    with pytest.raises(DomainError) as err, db.session() as s:
        grid_staff.end_post(s, first.id, on=D2)
    assert err.value.issues[0].key == "grids.post_ended"
    with pytest.raises(DomainError) as err, db.session() as s:
        grid_staff.add_post(s, staff_id=staff.id, grid_id=g.id, role="队长", start_on=D1)
    assert err.value.issues[0].key == "grids.unknown_role"


def test_a_viewer_sees_masked_phones_even_when_asking_to_reveal(db):
    with db.session() as s:
        g = grids.create_grid(s, name="第一网格")
        staff = grid_staff.add_staff(s, name="王芳", phone="13812345678")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=g.id, role="full_time", start_on=D1)
    db.actor = Actor(username="v", role=Role.VIEWER)
    with db.session() as s:
        assert grid_staff.post_views(s, on=D1, reveal=True)[0].phone == "138****5678"


def test_staff_from_the_register_take_name_and_phone(db):
    with db.session() as s:
        person = registry.create_person(
            s, data={"name": "赵敏", "sex": "female", "phone": "13900001111"}
        ).person
        staff = grid_staff.add_staff(s, name="", resident_id=person.id)
        assert (staff.name, staff.phone, staff.resident_id) == ("赵敏", "13900001111", person.id)


def _workload_world(db):
    """Grid A: 12 households, two workers; grid B: 2 households, one worker who also
    works part-time in A; grid C: 2 households, one worker."""
    addresses = [f"甲小区1号楼1单元{i}室" for i in range(1, 13)]
    addresses += ["乙小区1号楼1单元1室", "乙小区1号楼1单元2室"]
    addresses += ["丙小区1号楼1单元1室", "丙小区1号楼1单元2室"]
    make_households(db, addresses, members=1)
    with db.session() as s:
        places.link_households(s)
        ids = {p.address: p.id for p in places.places(s, None)}
        a = grids.create_grid(s, name="甲网格")
        b = grids.create_grid(s, name="乙网格")
        c = grids.create_grid(s, name="丙网格")
        for grid, compound in ((a, "甲小区"), (b, "乙小区"), (c, "丙小区")):
            grids.assign_places(s, place_ids=[ids[compound]], grid_id=grid.id, on=D1)
        people = {n: grid_staff.add_staff(s, name=n) for n in ("张一", "李二", "王三", "赵四")}
        for name, grid, role in (
            ("张一", a, "full_time"),
            ("李二", a, "part_time"),
            ("李二", b, "full_time"),
            ("王三", c, "full_time"),
            ("赵四", c, "building_leader"),  # not a grid worker: carries no share
        ):
            grid_staff.add_post(
                s, staff_id=people[name].id, grid_id=grid.id, role=role, start_on=D1
            )
    return a, b, c


def test_workload_shares_households_and_flags_the_heavy(db):
    _workload_world(db)
    with db.session() as s:
        rows = grid_staff.workload(s, D1)
    # 张一 6 (half of A), 李二 6 + 2 = 8, 王三 2; median 6, so above 9 is flagged: nobody.
    assert [(r.name, r.households, r.warning) for r in rows] == [
        ("李二", 8.0, False),
        ("张一", 6.0, False),
        ("王三", 2.0, False),
    ]
    with db.session() as s:
        p = grid_staff.posts(s, on=D1)
        li_in_a = next(x for x in p if x.role == "part_time")
        grid_staff.end_post(s, li_in_a.id, on=D2)
        rows = grid_staff.workload(s, D2)
    # 张一 12, 李二 2, 王三 2: median 2, 12 > 3 is flagged.
    assert [(r.name, r.households, r.warning) for r in rows] == [
        ("张一", 12.0, True),
        ("李二", 2.0, False),
        ("王三", 2.0, False),
    ]


def test_coverage_lists_unassigned_places_and_grids_without_full_time_workers(db):
    places_by_address = linked_world(db)
    with db.session() as s:
        top = grids.create_grid(s, name="第一网格")
        sub = grids.create_grid(s, name="东片", parent_id=top.id)
        grids.assign_places(s, place_ids=[places_by_address["幸福里小区"]], grid_id=sub.id, on=D1)
        staff = grid_staff.add_staff(s, name="王芳")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=sub.id, role="part_time", start_on=D1)
        report = grid_staff.coverage(s, D1)
    assert [p.address for p in report.unassigned_places] == [
        "前进村第一村民小组12号",
        "前进村第一村民小组15号",
        "和平家园1号楼",
    ]
    assert [p.households for p in report.unassigned_places] == [1, 1, 1]
    assert (report.unassigned_households, report.unlinked_households) == (4, 1)
    # The parent grid is not asked for a worker of its own; the sub-grid has a part-timer only.
    assert [g.name for g in report.grids_without_full_time] == ["东片"]
    assert not report.complete
