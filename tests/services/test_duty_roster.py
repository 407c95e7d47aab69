"""Weekly duty rosters: shifts, dated assignments, the week view and scheduling a week."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.services import duty_roster as dr
from govdesk.services import volunteer_activities as va
from tests.services.test_volunteer_activities import T, make_volunteer

MONDAY = dt.date(2026, 5, 4)
START = dt.date(2026, 4, 1)


def add_shift(db, weekday=2, title="夜间巡逻", start=None, end=None, **extra):
    with db.session() as s:
        return dr.add_shift(
            s,
            duty=extra.pop("duty", "治安巡逻"),
            title=title,
            weekday=weekday,
            start_time=start or T(19),
            end_time=end or T(21),
            start_on=extra.pop("start_on", START),
            **extra,
        ).id


def assign(db, shift_id, volunteer_id, start_on=START):
    with db.session() as s:
        return dr.assign(s, shift_id=shift_id, volunteer_id=volunteer_id, start_on=start_on).id


def names(view):
    return [p.name for p in view.volunteers]


def test_add_shift_validates_and_reads_duty_labels(db):
    shift_id = add_shift(db, place="幸福里", headcount=2)
    with db.session() as s:
        shift = dr.get_shift(s, shift_id)
        assert (shift.duty, shift.weekday, shift.headcount) == ("patrol", 2, 2)
    [info] = dr.shifts(db)
    assert (info.duty_label, info.times) == ("治安巡逻", "19:00–21:00")
    with pytest.raises(DomainError) as refused, db.session() as s:
        dr.add_shift(
            s,
            duty=" ",
            title="",
            weekday=8,
            start_time=T(10),
            end_time=T(9),
            start_on=START,
            end_on=START - dt.timedelta(days=1),
            headcount=-1,
        )
    assert [i.field for i in refused.value.issues] == [
        "duty",
        "title",
        "weekday",
        "end_time",
        "headcount",
        "end_on",
    ]
    assert len(dr.shifts(db)) == 1


def test_week_view_days_shifts_and_people_on_each_day(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    zhao = make_volunteer(db, "赵强", "V0003")
    patrol = add_shift(db, weekday=2)
    visit = add_shift(db, weekday=2, title="探访独居老人", duty="探访老人", start=T(9), end=T(11))
    weekend = add_shift(db, weekday=6, title="周末清洁", duty="环境清洁", start=T(8), end=T(10))
    later = add_shift(db, weekday=4, title="新班次", start_on=MONDAY + dt.timedelta(days=7))
    assign(db, patrol, wang)
    assign(db, patrol, li, start_on=MONDAY + dt.timedelta(days=2))  # from Wednesday
    assign(db, visit, zhao)
    week = dr.week(db, MONDAY + dt.timedelta(days=3))  # any day of the week
    assert week.monday == MONDAY
    assert [len(day) for day in week.days] == [0, 2, 0, 0, 0, 1, 0]
    tuesday = week.days[1]
    assert [(v.shift.title, names(v)) for v in tuesday] == [
        ("探访独居老人", ["赵强"]),
        ("夜间巡逻", ["王芳"]),
    ]
    assert tuesday[1].short == 0 and week.days[5][0].short == 1
    assert [s.id for s in week.shifts()] == [visit, patrol, weekend]
    # Li joins the patrol on Wednesday: he is on next Tuesday's patrol, not this one.
    following = dr.week(db, MONDAY + dt.timedelta(days=7))
    assert names(following.days[1][1]) == ["王芳", "李明"]
    assert [v.shift.id for v in following.days[3]] == [later]


def test_unassign_and_end_shift_are_dated(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    patrol = add_shift(db, weekday=2)
    off = assign(db, patrol, wang)
    assign(db, patrol, li)
    with db.session() as s:
        dr.unassign(s, off, on=MONDAY + dt.timedelta(days=2))
    assert names(dr.week(db, MONDAY).days[1][0]) == ["王芳", "李明"]
    assert names(dr.week(db, MONDAY + dt.timedelta(days=7)).days[1][0]) == ["李明"]
    with pytest.raises(DomainError, match="已于2026-05-06结束"), db.session() as s:
        dr.unassign(s, off, on=MONDAY + dt.timedelta(days=9))
    with db.session() as s:
        dr.end_shift(s, patrol, on=MONDAY + dt.timedelta(days=14))
    assert len(dr.week(db, MONDAY + dt.timedelta(days=7)).days[1]) == 1
    assert dr.week(db, MONDAY + dt.timedelta(days=14)).days[1] == []
    assert [p.end_on for p in dr.assignments(db, patrol)] == [
        MONDAY + dt.timedelta(days=2),
        MONDAY + dt.timedelta(days=14),
    ]
    with pytest.raises(DomainError, match="该班次已于2026-05-18停止"), db.session() as s:
        dr.end_shift(s, patrol, on=MONDAY + dt.timedelta(days=20))


def test_assign_refuses_twice_inactive_and_days_the_shift_does_not_run(db):
    wang = make_volunteer(db, "王芳", "V0001")
    left = make_volunteer(db, "孙丽", "V0002", status="left")
    patrol = add_shift(db, weekday=2, end_on=dt.date(2026, 6, 1))
    assign(db, patrol, wang)
    with pytest.raises(DomainError, match="王芳已在这个班次中"):
        assign(db, patrol, wang, start_on=MONDAY)
    with pytest.raises(DomainError, match="孙丽不是在册的志愿者（状态：已退出）"):
        assign(db, patrol, left)
    with pytest.raises(DomainError, match="该班次在2026-03-01没有安排"):
        assign(db, patrol, wang, start_on=dt.date(2026, 3, 1))
    assert len(dr.assignments(db, patrol)) == 1


def test_schedule_week_makes_each_shift_day_once_with_people_signed_up(db):
    wang = make_volunteer(db, "王芳", "V0001", skills="patrol")
    li = make_volunteer(db, "李明", "V0002")
    patrol = add_shift(db, weekday=2, place="幸福里", headcount=3)
    add_shift(db, weekday=5, title="探访", duty="探访老人", start=T(9), end=T(10))
    assign(db, patrol, wang)
    assign(db, patrol, li)
    with db.session() as s:
        made = dr.schedule_week(s, MONDAY)
        summary = [(a.title, a.held_on, a.duty_id == patrol, a.project) for a in made]
    assert summary == [
        ("夜间巡逻", MONDAY + dt.timedelta(days=1), True, "治安巡逻"),
        ("探访", MONDAY + dt.timedelta(days=4), False, "探访老人"),
    ]
    week = dr.week(db, MONDAY)
    tuesday = week.days[1][0]
    assert tuesday.activity_id == made[0].id
    people = [(r.volunteer_name, r.state) for r in va.signups(db, tuesday.activity_id)]
    assert people == [("王芳", "signed_up"), ("李明", "signed_up")]
    with db.session() as s:
        assert dr.schedule_week(s, MONDAY + dt.timedelta(days=6)) == []
    with db.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM volunteer_activity")).scalar_one()
    assert count == 2


def test_schedule_week_skips_volunteers_no_longer_active(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    patrol = add_shift(db, weekday=2)
    assign(db, patrol, wang)
    assign(db, patrol, li)
    with db.begin() as conn:
        conn.execute(text("UPDATE volunteer SET status = 'paused' WHERE id = :v"), {"v": li})
    with db.session() as s:
        [activity] = dr.schedule_week(s, MONDAY)
        activity_id = activity.id
    assert [r.volunteer_name for r in va.signups(db, activity_id)] == ["王芳"]
    assert [(p.name, p.status) for p in dr.week(db, MONDAY).days[1][0].volunteers] == [
        ("王芳", "active"),
        ("李明", "paused"),
    ]


def test_release_ends_duties_and_cancels_coming_sign_ups_only(db):
    wang = make_volunteer(db, "王芳", "V0001")
    patrol = add_shift(db, weekday=2)
    assign(db, patrol, wang)
    with db.session() as s:
        made = dr.schedule_week(s, MONDAY)
        made += dr.schedule_week(s, MONDAY + dt.timedelta(days=7))
        this_week, next_week = (a.id for a in made)
    with db.session() as s:
        released = dr.release(s, wang, on=MONDAY + dt.timedelta(days=3))
    assert (released.signups, released.assignments) == (1, 1)
    assert [r.state for r in va.signups(db, this_week)] == ["signed_up"]
    assert [r.state for r in va.signups(db, next_week)] == ["cancelled"]
    assert [p.end_on for p in dr.assignments(db, patrol)] == [MONDAY + dt.timedelta(days=3)]
    assert dr.week(db, MONDAY + dt.timedelta(days=7)).days[1][0].volunteers == []


def test_a_volunteer_who_leaves_leaves_the_roster_and_coming_activities(db):
    from govdesk.services import volunteers

    wang = make_volunteer(db, "王芳", "V0001")
    patrol = add_shift(db, weekday=2)
    assign(db, patrol, wang)
    with db.session() as s:
        next_week = dr.schedule_week(s, MONDAY + dt.timedelta(days=7))[0].id
    with db.session() as s:
        volunteers.set_status(s, wang, "left", MONDAY + dt.timedelta(days=3))
    assert [r.state for r in va.signups(db, next_week)] == ["cancelled"]
    assert [p.end_on for p in dr.assignments(db, patrol)] == [MONDAY + dt.timedelta(days=3)]
