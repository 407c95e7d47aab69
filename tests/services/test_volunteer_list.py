"""The volunteer list: search, filters, sorting, keyset pages, rows with hours; period totals."""

from __future__ import annotations

import datetime as dt

import pytest

from govdesk.domain.models import HourEntry
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import registry, volunteer_teams, volunteers
from govdesk.services.office import current_office
from govdesk.services.volunteer_list import CURRENT, VolunteerFilter, VolunteerList, total
from tests.ui.residents_helpers import make_id

DAY = dt.date(2026, 3, 2)
OUTSIDER_ID = make_id("19850505", 15)


def hours(db, volunteer_id, minutes, *, on=DAY, state="confirmed", kind="service", reason=""):
    """One ledger line written directly (the ledger service is another module's)."""
    with db.session() as s:
        s.add(
            HourEntry(
                office_id=current_office(s).id,
                volunteer_id=volunteer_id,
                served_on=on,
                minutes=minutes,
                state=state,
                kind=kind,
                reason=reason,
            )
        )


@pytest.fixture
def world(db):
    with db.session() as s:
        hh = registry.create_household(s, household_number="1001", address="幸福路1号")
        person = registry.create_person(
            s,
            data={
                "name": "张伟",
                "id_number": make_id("19800101", 11),
                "phone": "13912345678",
                "relation_to_head": "head",
            },
            household_id=hh.id,
        ).person
        ids = {
            "zhang": volunteers.add_volunteer(
                s, resident_id=person.id, data={"skills": "patrol", "joined_on": DAY}
            ).id,
            "zhao": volunteers.add_volunteer(
                s,
                data={
                    "name": "赵敏",
                    "id_number": OUTSIDER_ID,
                    "phone": "13800001111",
                    "skills": "health,patrol",
                    "dual_report": True,
                    "joined_on": DAY - dt.timedelta(days=100),
                },
            ).id,
            "qian": volunteers.add_volunteer(
                s, data={"name": "钱多", "skills": "repairs", "joined_on": DAY}
            ).id,
            "sun": volunteers.add_volunteer(s, data={"name": "孙立", "joined_on": DAY}).id,
        }
        team = volunteer_teams.create_team(s, name="平安巡逻队", founded_on=DAY)
        for key in ("zhang", "zhao"):
            volunteer_teams.add_member(s, team_id=team.id, volunteer_id=ids[key], joined_on=DAY)
        ids["team"] = team.id
    with db.session() as s:
        volunteers.set_status(s, ids["sun"], "left", DAY)
    hours(db, ids["zhao"], 300 * 60)  # ★★ exactly
    hours(db, ids["zhang"], 100 * 60 - 1)  # one minute short of ★
    hours(db, ids["zhang"], 500, state="pending")
    hours(db, ids["qian"], 120)
    return ids


def _names(lst, f, **kw):
    ids = [vid for _, vid in lst.page(f, **kw)]
    rows = lst.rows(ids)
    return [rows[i]["name"] for i in ids]


def test_filters_and_search(db, world):
    lst = VolunteerList(db)
    everyone = VolunteerFilter()
    assert _names(lst, everyone) == ["张伟", "赵敏", "钱多", "孙立"]  # by number
    assert lst.count(everyone) == 4
    assert _names(lst, VolunteerFilter(status=CURRENT)) == ["张伟", "赵敏", "钱多"]
    assert _names(lst, VolunteerFilter(status="已退出")) == ["孙立"]
    assert _names(lst, VolunteerFilter(skill="patrol")) == ["张伟", "赵敏"]
    assert _names(lst, VolunteerFilter(team_id=world["team"], on=DAY)) == ["张伟", "赵敏"]
    assert _names(lst, VolunteerFilter(team_id=world["team"], on=DAY - dt.timedelta(1))) == []
    assert _names(lst, VolunteerFilter(min_stars=1)) == ["赵敏"]
    assert _names(lst, VolunteerFilter(min_stars=3)) == []
    assert _names(lst, VolunteerFilter(dual_report=True)) == ["赵敏"]
    assert _names(lst, VolunteerFilter(dual_report=False)) == ["张伟", "钱多", "孙立"]
    searches = {
        "敏": ["赵敏"],
        "zhao": ["赵敏"],
        "ZM": ["赵敏"],
        "qd": ["钱多"],
        "V0003": ["钱多"],
        "3": ["钱多"],  # the number's end (no phone or ID ends in 3)
        "5678": ["张伟"],  # a resident's phone
        make_id("19800101", 11)[-4:]: ["张伟"],  # a resident's ID from the register
        OUTSIDER_ID[-4:]: ["赵敏"],
        "%": [],
    }
    for typed, expected in searches.items():
        assert _names(lst, VolunteerFilter(text=typed)) == expected, typed
        assert lst.count(VolunteerFilter(text=typed)) == len(expected), typed


def test_rows_show_masked_phone_skills_teams_hours_and_stars(db, world):
    rows = VolunteerList(db).rows([world["zhao"], world["zhang"], world["sun"]], on=DAY)
    zhao, zhang, sun = rows[world["zhao"]], rows[world["zhang"]], rows[world["sun"]]
    assert zhao["number"] == "V0002"
    assert zhao["phone"] == "138****1111"
    assert zhang["phone"] == "139****5678"  # from the register
    assert zhao["skill_labels"] == "医疗健康、治安巡逻"
    assert zhao["teams"] == "平安巡逻队"
    assert (zhao["party_member"], zhao["dual_report"]) == (True, True)
    assert (zhao["minutes"], zhao["hours"], zhao["stars"], zhao["stars_text"]) == (
        18000,
        "300",
        2,
        "★★☆☆☆",
    )
    # the pending line is not counted
    assert (zhang["minutes"], zhang["stars"]) == (5999, 0)
    assert (sun["minutes"], sun["stars"], sun["status_label"], sun["teams"]) == (0, 0, "已退出", "")


def test_sorting_and_keyset_pages(db, world):
    lst = VolunteerList(db)
    f = VolunteerFilter()
    assert _names(lst, f, sort="hours", descending=True) == ["赵敏", "张伟", "钱多", "孙立"]
    assert _names(lst, f, sort="name") == ["钱多", "孙立", "张伟", "赵敏"]  # qian sun zhang zhao
    assert _names(lst, f, sort="joined")[0] == "赵敏"
    for sort in ("number", "name", "hours", "joined"):
        for descending in (False, True):
            whole = lst.page(f, sort=sort, descending=descending)
            paged: list = []
            after = None
            while True:
                page = lst.page(f, sort=sort, descending=descending, after=after, limit=3)
                if not page:
                    break
                paged += page
                after = page[-1]
            assert paged == whole, (sort, descending)


def test_totals_with_adjusting_lines_and_periods(db, world):
    vid = world["qian"]
    hours(db, vid, 90, on=DAY + dt.timedelta(days=10))
    hours(db, vid, -30, on=DAY + dt.timedelta(days=12), kind="adjustment", reason="签退时间有误")
    hours(db, vid, 45, on=DAY + dt.timedelta(days=12), state="pending")
    t = total(db, vid)
    # 120 + 90 - 30 confirmed; the adjusting line counts, the pending line does not
    assert (t.confirmed, t.pending, t.adjustments, t.service) == (180, 45, -30, 210)
    in_period = total(db, vid, DAY + dt.timedelta(days=10), DAY + dt.timedelta(days=12))
    assert (in_period.confirmed, in_period.pending, in_period.adjustments) == (60, 45, -30)
    assert total(db, vid, end=DAY) == total(db, vid, DAY, DAY)
    assert total(db, vid, end=DAY).confirmed == 120
    assert total(db, vid, start=DAY + dt.timedelta(days=11)).confirmed == -30
    assert total(db, world["sun"]) == total(db, world["sun"], DAY, DAY)
    assert total(db, world["sun"]).confirmed == 0


def test_counts_and_permission(db, world):
    assert VolunteerList(db).totals() == {
        "volunteers": 4,
        "active": 3,
        "paused": 0,
        "left": 1,
        "dual_report": 1,
    }
    db.actor = Actor("clerk", Role.GRID)
    with pytest.raises(PermissionDenied):
        VolunteerList(db).page(VolunteerFilter())
