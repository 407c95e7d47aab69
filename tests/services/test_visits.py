"""Visit rules, visit records, follow-ups and the due list on a small office with two grids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import GridPost, GridStaff, Visit
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grids, places, registry, visits
from govdesk.services.office import current_office
from govdesk.store.database import Database

D = dt.date
CARE_SINCE = D(2026, 1, 1)
TODAY = D(2026, 3, 10)


@dataclass(frozen=True)
class Office:
    east: str  # grid 01, building 1号楼
    west: str  # grid 02, building 2号楼
    east_sub: str  # grid 01's sub-grid, building 3号楼
    b1: str
    b2: str
    b3: str
    alone: str  # 1号楼 household: 独居老人 (rule 7 days)
    correction: str  # 2号楼 household: 社区矫正对象 (30 days) and 低保户 (no rule)
    both: str  # 3号楼 household: 独居老人 and 残疾人 (7 and 30 days: 7 wins)
    plain: str  # 1号楼 household with no care category
    wang: str  # staff: full-time in grid 01
    zhao: str  # staff: part-time in grid 02, post ended before TODAY


def _household(s, number: str, address: str, place_id: str, care: list[str]) -> str:
    hh = registry.create_household(s, household_number=number, address=address)
    hh.place_id = place_id
    s.add(hh)
    person = registry.create_person(
        s, data={"name": f"户主{number}", "relation_to_head": "head"}, household_id=hh.id
    ).person
    if care:
        registry.set_care_categories(s, person_id=person.id, category_codes=care, today=CARE_SINCE)
    return hh.id


def build(db: Database) -> Office:
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        b1 = places.add_place(s, kind="building", name="1号楼", parent_id=compound.id)
        b2 = places.add_place(s, kind="building", name="2号楼", parent_id=compound.id)
        b3 = places.add_place(s, kind="building", name="3号楼", parent_id=compound.id)
        east = grids.create_grid(s, name="东区网格")
        west = grids.create_grid(s, name="西区网格")
        east_sub = grids.create_grid(s, name="东区三号楼", parent_id=east.id)
        grids.assign_places(s, place_ids=[b1.id], grid_id=east.id, on=D(2026, 1, 1))
        grids.assign_places(s, place_ids=[b2.id], grid_id=west.id, on=D(2026, 1, 1))
        grids.assign_places(s, place_ids=[b3.id], grid_id=east_sub.id, on=D(2026, 1, 1))
        alone = _household(s, "H1", "幸福里小区1号楼1单元101室", b1.id, ["elderly_alone"])
        correction = _household(
            s,
            "H2",
            "幸福里小区2号楼1单元101室",
            b2.id,
            ["community_correction", "subsistence"],
        )
        both = _household(
            s, "H3", "幸福里小区3号楼1单元101室", b3.id, ["elderly_alone", "disabled"]
        )
        plain = _household(s, "H4", "幸福里小区1号楼1单元102室", b1.id, [])
        office_id = current_office(s).id
        wang = GridStaff(office_id=office_id, name="王网格")
        zhao = GridStaff(office_id=office_id, name="赵兼职")
        s.add(wang)
        s.add(zhao)
        s.flush()
        s.add(
            GridPost(
                office_id=office_id,
                staff_id=wang.id,
                grid_id=east.id,
                role="full_time",
                start_on=D(2026, 1, 1),
            )
        )
        s.add(
            GridPost(
                office_id=office_id,
                staff_id=zhao.id,
                grid_id=west.id,
                role="part_time",
                start_on=D(2026, 1, 1),
                end_on=D(2026, 3, 1),
            )
        )
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=7)
        visits.set_visit_rule(s, category_code="community_correction", interval_days=30)
        visits.set_visit_rule(s, category_code="disabled", interval_days=30)
        return Office(
            east.id,
            west.id,
            east_sub.id,
            b1.id,
            b2.id,
            b3.id,
            alone,
            correction,
            both,
            plain,
            wang.id,
            zhao.id,
        )


@pytest.fixture
def office(db: Database) -> Office:
    return build(db)


def test_rules_are_replaced_and_checked(db, office):
    with db.session() as s:
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=5)
        rules = {r.category_code: r.interval_days for r in visits.visit_rules(s)}
    assert rules == {"elderly_alone": 5, "community_correction": 30, "disabled": 30}
    with db.session() as s:
        with pytest.raises(DomainError) as bad:
            visits.set_visit_rule(s, category_code="elderly_alone", interval_days=0)
        assert "1至366天" in str(bad.value)
        with pytest.raises(DomainError) as unknown:
            visits.set_visit_rule(s, category_code="nobody", interval_days=7)
        assert "nobody" in str(unknown.value)


def test_only_the_administrator_sets_rules(db, office):
    db.actor = Actor("grid1", Role.GRID)
    with db.session() as s, pytest.raises(PermissionDenied):
        visits.set_visit_rule(s, category_code="elderly_alone", interval_days=3)
    with db.session() as s:
        assert {r.interval_days for r in visits.visit_rules(s)} == {7, 30}


def test_sensitive_rules_are_named_only_with_care_sensitive(db, office):
    db.actor = Actor("viewer", Role.VIEWER)
    with db.session() as s:
        labels = {r.category_code: r.category_label for r in visits.visit_rules(s)}
    assert labels["community_correction"] == "重点关爱"
    assert labels["elderly_alone"] == "独居/空巢老人"
    db.actor = Actor("grid1", Role.GRID)
    with db.session() as s:
        labels = {r.category_code: r.category_label for r in visits.visit_rules(s)}
    assert labels["community_correction"] == "社区矫正对象"


def test_a_visit_keeps_the_grid_of_its_day(db, office):
    with db.session() as s:
        first = visits.record_visit(
            s,
            household_id=office.alone,
            visited_on=D(2026, 2, 1),
            staff_id=office.wang,
            kind="关爱走访",
            notes="  身体还好  ",
        ).id
        # 1号楼 moves to the west grid on 1 March; the February visit stays in the east.
        grids.assign_places(s, place_ids=[office.b1], grid_id=office.west, on=D(2026, 3, 1))
        second = visits.record_visit(s, household_id=office.alone, visited_on=D(2026, 3, 2)).id
    with db.session() as s:
        assert s.get(Visit, first).grid_id == office.east
        assert s.get(Visit, second).grid_id == office.west
        listed = visits.visits(s, office.alone)
    assert [v.id for v in listed] == [second, first]
    assert listed[1].kind == "care"
    assert listed[1].kind_label == "关爱走访"
    assert listed[1].notes == "身体还好"
    assert listed[1].staff_name == "王网格"
    assert listed[0].staff_name == ""


def test_an_unlinked_household_is_visited_without_a_grid(db, office):
    with db.session() as s:
        hh = registry.create_household(s, household_number="H9", address="别处")
        visit = visits.record_visit(s, household_id=hh.id, visited_on=D(2026, 3, 1))
        assert visit.grid_id is None


def test_bad_visits_are_refused(db, office):
    with db.session() as s:
        with pytest.raises(DomainError) as kind:
            visits.record_visit(s, household_id=office.alone, visited_on=TODAY, kind="聊天")
        assert "聊天" in str(kind.value)
        with pytest.raises(DomainError):
            visits.record_visit(s, household_id="nobody", visited_on=TODAY)
        with pytest.raises(DomainError):
            visits.record_visit(s, household_id=office.alone, visited_on=TODAY, staff_id="nobody")
    db.actor = Actor("viewer", Role.VIEWER)
    with db.session() as s, pytest.raises(PermissionDenied):
        visits.record_visit(s, household_id=office.alone, visited_on=TODAY)
    with db.session() as s:
        assert s.exec(select(Visit)).all() == []


def test_follow_up_is_done_once_and_not_before_the_visit(db, office):
    with db.session() as s:
        plain = visits.record_visit(s, household_id=office.plain, visited_on=D(2026, 3, 1)).id
        asked = visits.record_visit(
            s,
            household_id=office.alone,
            visited_on=D(2026, 3, 1),
            notes="水管漏水",
            follow_up_needed=True,
        ).id
    with db.session() as s:
        assert [v.id for v in visits.open_follow_ups(s)] == [asked]
        assert [v.id for v in visits.open_follow_ups(s, grid_id=office.west)] == []
        with pytest.raises(DomainError, match="没有标记"):
            visits.complete_follow_up(s, plain, on=D(2026, 3, 2))
        with pytest.raises(DomainError, match="不能早于"):
            visits.complete_follow_up(s, asked, on=D(2026, 2, 28))
    with db.session() as s:
        done = visits.complete_follow_up(s, asked, on=D(2026, 3, 3), note=" 已报物业 ")
        assert done.follow_up_done_on == D(2026, 3, 3)
        assert done.follow_up_note == "已报物业"
    with db.session() as s:
        with pytest.raises(DomainError, match="2026-03-03"):
            visits.complete_follow_up(s, asked, on=D(2026, 3, 4))
        assert visits.open_follow_ups(s) == []


def test_due_list_shortest_interval_wins_and_most_overdue_first(db, office):
    with db.session() as s:
        # alone: 7 days; last visit 1 March → due 8 March, 2 days overdue on 10 March.
        visits.record_visit(s, household_id=office.alone, visited_on=D(2026, 3, 1))
        # both: 独居老人 7 and 残疾人 30 → 7; last visit 20 February → 11 days overdue.
        visits.record_visit(s, household_id=office.both, visited_on=D(2026, 2, 20))
        # correction: 30 days, visited 1 March → not due until 31 March.
        visits.record_visit(s, household_id=office.correction, visited_on=D(2026, 3, 1))
        due = visits.due_visits(s, today=TODAY)
    assert [(d.household_number, d.interval_days, d.days_overdue) for d in due] == [
        ("H3", 7, 11),
        ("H1", 7, 2),
    ]
    h3 = due[0]
    assert h3.last_visited_on == D(2026, 2, 20)
    assert h3.due_on == D(2026, 2, 27)
    assert h3.categories == ("残疾人", "独居/空巢老人")
    assert h3.grid_id == office.east_sub
    assert h3.head_name == "户主H3"
    assert h3.address == "幸福里小区3号楼1单元101室"


def test_never_visited_come_first_and_due_today_counts(db, office):
    with db.session() as s:
        visits.record_visit(s, household_id=office.alone, visited_on=D(2026, 3, 3))
        visits.record_visit(s, household_id=office.both, visited_on=D(2026, 2, 1))
        due = visits.due_visits(s, today=TODAY)
    assert [(d.household_number, d.days_overdue) for d in due] == [
        ("H2", None),
        ("H3", 30),
        ("H1", 0),
    ]
    assert due[0].last_visited_on is None and due[0].due_on is None


def test_a_visit_after_today_does_not_count_for_an_earlier_day(db, office):
    with db.session() as s:
        visits.record_visit(s, household_id=office.alone, visited_on=D(2026, 3, 9))
        numbers = [d.household_number for d in visits.due_visits(s, today=D(2026, 3, 5))]
    assert "H1" in numbers


def test_due_list_of_a_grid_worker_and_of_a_grid(db, office):
    with db.session() as s:
        # Wang holds a post in the east grid: its own 1号楼 and its sub-grid's 3号楼.
        wang = visits.due_visits(s, today=TODAY, staff_id=office.wang)
        assert sorted(d.household_number for d in wang) == ["H1", "H3"]
        # Zhao's post in the west grid ended on 1 March (exclusive).
        assert visits.due_visits(s, today=TODAY, staff_id=office.zhao) == []
        assert [
            d.household_number
            for d in visits.due_visits(s, today=D(2026, 2, 28), staff_id=office.zhao)
        ] == ["H2"]
        sub = visits.due_visits(s, today=TODAY, grid_id=office.east_sub)
        assert [d.household_number for d in sub] == ["H3"]
        assert visits.due_visits(s, today=TODAY, staff_id=office.wang, grid_id=office.west) == []


def test_moving_a_building_moves_its_households_on_the_due_list(db, office):
    with db.session() as s:
        grids.assign_places(s, place_ids=[office.b3], grid_id=office.west, on=D(2026, 3, 5))
        west = visits.due_visits(s, today=TODAY, grid_id=office.west)
        before = visits.due_visits(s, today=D(2026, 3, 4), grid_id=office.west)
    assert sorted(d.household_number for d in west) == ["H2", "H3"]
    assert [d.household_number for d in before] == ["H2"]


def test_sensitive_categories_on_the_due_list(db, office):
    db.actor = Actor("clerk", Role.CLERK)
    with db.session() as s:
        h2 = next(d for d in visits.due_visits(s, today=TODAY) if d.household_number == "H2")
    assert h2.categories == ("重点关爱",)
    db.actor = Actor("grid1", Role.GRID)
    with db.session() as s:
        h2 = next(d for d in visits.due_visits(s, today=TODAY) if d.household_number == "H2")
    assert h2.categories == ("社区矫正对象",)


def test_a_resident_who_left_takes_the_household_off_the_list(db, office):
    with db.session() as s:
        head = registry.household_members(s, household_id=office.alone)[0]
        registry.change_status(
            s, person_id=head.id, new_status="moved_out", date=D(2026, 3, 1), reason="迁往外地"
        )
        numbers = [d.household_number for d in visits.due_visits(s, today=TODAY)]
    assert "H1" not in numbers
    assert "H3" in numbers


def test_visit_log_of_a_period_grid_and_worker(db, office):
    with db.session() as s:
        visits.record_visit(
            s, household_id=office.alone, visited_on=D(2026, 2, 27), staff_id=office.wang
        )
        march = visits.record_visit(
            s, household_id=office.alone, visited_on=D(2026, 3, 2), staff_id=office.wang
        ).id
        sub = visits.record_visit(s, household_id=office.both, visited_on=D(2026, 3, 3)).id
        west = visits.record_visit(
            s, household_id=office.correction, visited_on=D(2026, 3, 31), staff_id=office.zhao
        ).id
    with db.session() as s:
        whole = visits.visit_log(s, start=D(2026, 3, 1), end=D(2026, 3, 31))
        east = visits.visit_log(s, start=D(2026, 3, 1), end=D(2026, 3, 31), grid_id=office.east)
        wang = visits.visit_log(s, start=D(2026, 3, 1), end=D(2026, 3, 31), staff_id=office.wang)
    assert [v.id for v in whole] == [march, sub, west]
    assert [v.id for v in east] == [march, sub]  # the sub-grid's visit too
    assert [v.id for v in wang] == [march]
    assert (whole[2].household_number, whole[2].address) == ("H2", "幸福里小区2号楼1单元101室")
    assert whole[2].staff_name == "赵兼职"
