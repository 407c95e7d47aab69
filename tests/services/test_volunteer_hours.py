"""The hours ledger: check-in/out, whole-activity hours, confirmation, adjusting entries, totals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from govdesk.domain.messages import DomainError
from govdesk.domain.models import HourEntry, VolunteerSignup
from govdesk.services import registry
from govdesk.services import volunteer_activities as va
from govdesk.services import volunteer_hours as vh
from tests.services.test_volunteer_activities import DAY, T, make_activity, make_volunteer, sign

UTC = dt.UTC


def at(hour, minute=0, second=0, day=DAY):
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


def tally(db, volunteer_id):
    with db.connect() as conn:
        row = conn.execute(
            text("SELECT minutes FROM volunteer_tally WHERE volunteer_id = :v"), {"v": volunteer_id}
        ).one_or_none()
    return None if row is None else row[0]


def checked_out(db, volunteer_id, activity_id, start, end):
    signup_id, _ = sign(db, activity_id, volunteer_id)
    with db.session() as s:
        vh.check_in(s, signup_id, start)
    with db.session() as s:
        return vh.check_out(s, signup_id, end).id


def confirm(db, *ids):
    with db.session() as s:
        return [e.id for e in vh.confirm(s, ids, by="李主任")]


def test_check_in_and_out_gives_a_pending_line_of_whole_minutes(db):
    wang = make_volunteer(db, "王芳", "V0001")
    activity = make_activity(db)
    signup_id, _ = sign(db, activity, wang)
    # Check-in given in local time (UTC+8) is kept in UTC.
    east8 = dt.timezone(dt.timedelta(hours=8))
    with db.session() as s:
        vh.check_in(s, signup_id, dt.datetime(2026, 5, 6, 9, 0, 10, tzinfo=east8))
    with db.session() as s:
        entry = vh.check_out(s, signup_id, at(2, 31, 9))  # 10:31:09 local: 90 min 59 s
        assert (entry.minutes, entry.state, entry.kind, entry.served_on) == (
            90,
            "pending",
            "service",
            DAY,
        )
        assert entry.recorded_by == "admin"
    [row] = va.signups(db, activity)
    assert row.state == "checked_out"
    assert row.check_in_at == at(1, 0, 10)
    assert (row.minutes, row.hours_state) == (90, "pending")
    # Pending minutes are not in the confirmed total.
    assert tally(db, wang) is None
    confirm(db, entry.id)
    assert tally(db, wang) == 90
    assert va.signups(db, activity)[0].hours_state == "confirmed"


def test_check_out_before_or_at_check_in_is_refused(db):
    wang = make_volunteer(db, "王芳", "V0001")
    activity = make_activity(db)
    signup_id, _ = sign(db, activity, wang)
    with pytest.raises(DomainError, match="须先签到"), db.session() as s:
        vh.check_out(s, signup_id, at(3))
    with db.session() as s:
        vh.check_in(s, signup_id, at(1))
    for when in (at(0, 30), at(1), at(1, 0, 59)):
        with pytest.raises(DomainError, match="应晚于签到时间.*至少一分钟"), db.session() as s:
            vh.check_out(s, signup_id, when)
    with pytest.raises(DomainError, match="不能超过24小时"), db.session() as s:
        vh.check_out(s, signup_id, at(1, 1, day=DAY + dt.timedelta(days=1)))
    with pytest.raises(DomainError, match="不能签到"), db.session() as s:
        vh.check_in(s, signup_id, at(2))
    with db.session() as s:
        assert s.get(VolunteerSignup, signup_id).state == "checked_in"
    assert vh.pending(db) == []


def test_hours_for_the_whole_activity_skip_those_with_a_line(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    zhao = make_volunteer(db, "赵强", "V0003")
    stranger = make_volunteer(db, "孙丽", "V0004")
    activity = make_activity(db)
    checked_out(db, wang, activity, at(1), at(2))
    sign(db, activity, li)
    cancelled, _ = sign(db, activity, zhao)
    with db.session() as s:
        va.cancel_signup(s, cancelled)
    with pytest.raises(DomainError, match="孙丽没有报名这次活动"), db.session() as s:
        vh.record_hours(s, activity_id=activity, minutes=120, volunteer_ids=[li, stranger])
    with pytest.raises(DomainError, match="1至1440分钟"), db.session() as s:
        vh.record_hours(s, activity_id=activity, minutes=0)
    with db.session() as s:
        made = vh.record_hours(s, activity_id=activity, minutes=120)
        assert [(e.volunteer_id, e.minutes) for e in made] == [(li, 120)]
    with db.session() as s:
        assert vh.record_hours(s, activity_id=activity, minutes=120) == []
    lines = {(p.volunteer_id, p.minutes, p.activity_title) for p in vh.pending(db)}
    assert lines == {(wang, 60, "社区清洁"), (li, 120, "社区清洁")}
    # A sign-up with hours already recorded cannot be checked in again.
    with pytest.raises(DomainError, match="李明在这次活动已有时长记录"), db.session() as s:
        vh.check_in(s, va.signups(db, activity)[1].id, at(1))


def test_a_confirmed_line_is_never_changed_or_removed(db):
    wang = make_volunteer(db, "王芳", "V0001")
    entry = checked_out(db, wang, make_activity(db), at(1), at(3))
    assert confirm(db, entry) == [entry]
    # Confirming again changes nothing.
    assert confirm(db, entry) == []
    with pytest.raises(DomainError, match="已确认的服务时长不能修改或删除"), db.session() as s:
        vh.remove_pending(s, entry)
    # The database itself refuses too (the service's check is the first guard).
    with (
        pytest.raises(IntegrityError, match="confirmed hours are never changed"),
        db.session() as s,
    ):
        s.get(HourEntry, entry).minutes = 1
    with db.session() as s:
        kept = s.get(HourEntry, entry)
        assert (kept.minutes, kept.state, kept.confirmed_by) == (120, "confirmed", "李主任")
    assert tally(db, wang) == 120


def test_remove_pending_reopens_the_check_out_and_is_audited(db):
    wang = make_volunteer(db, "王芳", "V0001")
    activity = make_activity(db)
    entry = checked_out(db, wang, activity, at(1), at(5))
    with db.session() as s:
        vh.remove_pending(s, entry)
    [row] = va.signups(db, activity)
    assert (row.state, row.check_out_at, row.minutes) == ("checked_in", None, None)
    with db.connect() as conn:
        detail = conn.execute(
            text("SELECT detail FROM audit_log WHERE record_id = :id AND action = 'update'"),
            {"id": entry},
        ).scalar_one()
    assert "240 min" in detail
    with db.session() as s:
        again = vh.check_out(s, row.id, at(3)).minutes
    assert again == 120


def test_totals_with_adjusting_entries_by_hand(db):
    """120 + 90 confirmed, 30 pending; −30 corrects the 120 line, +45 for a lost record:
    confirmed 120 + 90 − 30 + 45 = 225 minutes."""
    wang = make_volunteer(db, "王芳", "V0001")
    first = checked_out(db, wang, make_activity(db, "清洁"), at(1), at(3))
    second = checked_out(db, wang, make_activity(db, "读报", T(14), T(16)), at(6), at(7, 30))
    waiting = checked_out(db, wang, make_activity(db, "晚会", T(19), T(20)), at(11), at(11, 30))
    confirm(db, first, second)
    assert tally(db, wang) == 210
    with db.session() as s:
        fix = vh.adjust(
            s,
            volunteer_id=wang,
            minutes=-30,
            reason="签退时间记错",
            served_on=DAY,
            adjusts_id=first,
        )
        assert (fix.state, fix.kind, fix.confirmed_by) == ("confirmed", "adjustment", "admin")
        fix_id = fix.id
    with db.session() as s:
        lost = vh.adjust(
            s,
            volunteer_id=wang,
            minutes=45,
            reason="纸质签到表补录",
            served_on=DAY - dt.timedelta(days=30),
        ).id
    assert tally(db, wang) == 225
    lines = vh.ledger(db, wang)
    shown = [(line.id, line.minutes, line.adjusting, line.net_minutes) for line in lines]
    # Date order, each adjusting line right under the line it corrects.
    assert shown == [
        (lost, 45, False, 45),
        (first, 120, False, 90),
        (fix_id, -30, True, -30),
        (second, 90, False, 90),
        (waiting, 30, False, 30),
    ]
    assert lines[2].what == "签退时间记错" and lines[2].kind_label == "调整"
    assert lines[3].what == "读报" and lines[4].state_label == "待确认"
    totals = vh.ledger_totals(lines)
    assert (totals.confirmed, totals.service, totals.adjustments, totals.pending) == (
        225,
        210,
        15,
        30,
    )
    # A period: the adjustment dated a month earlier falls outside.
    in_may = vh.ledger(db, wang, start=DAY, end=DAY)
    assert vh.ledger_totals(in_may).confirmed == 180


def test_adjustments_are_refused_without_reason_on_pending_or_below_zero(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    line = checked_out(db, wang, make_activity(db), at(1), at(2))
    pending_line = checked_out(db, li, make_activity(db, "读报"), at(1), at(2))
    confirm(db, line)

    def adjust(**kw):
        args = {"volunteer_id": wang, "minutes": -10, "reason": "更正", "served_on": DAY}
        args.update(kw)
        with db.session() as s:
            vh.adjust(s, **args)

    with pytest.raises(DomainError) as refused:
        adjust(reason=" ", minutes=0)
    assert [i.key for i in refused.value.issues] == [
        "volunteer_hours.reason",
        "volunteer_hours.zero",
    ]
    with pytest.raises(DomainError, match="只能调整已确认的记录"):
        adjust(volunteer_id=li, adjusts_id=pending_line)
    with pytest.raises(DomainError, match="不属于该志愿者"):
        adjust(adjusts_id=pending_line)
    with pytest.raises(DomainError, match="现有60分钟"):
        adjust(minutes=-61, adjusts_id=line)
    with pytest.raises(DomainError, match="不能早于被调整的记录（2026-05-06）"):
        adjust(minutes=-5, adjusts_id=line, served_on=DAY - dt.timedelta(days=1))
    adjust(minutes=-40, adjusts_id=line)
    with pytest.raises(DomainError, match="现有20分钟"):
        adjust(minutes=-21, adjusts_id=line)
    with pytest.raises(DomainError, match="现有20分钟"):
        adjust(minutes=-25)
    assert tally(db, wang) == 20


def test_hours_rows_are_confirmed_lines_of_the_period_with_the_register_id(db):
    with db.session() as s:
        resident = registry.create_person(
            s, data={"name": "张叁", "id_number": "11010519491231002X", "phone": "13812345678"}
        ).person
    wang = make_volunteer(db, "王芳", "V0002")
    zhang = make_volunteer(db, "张叁", "V0001")
    with db.begin() as conn:
        conn.execute(
            text("UPDATE volunteer SET resident_id = :r WHERE id = :v"),
            {"r": resident.id, "v": zhang},
        )
    a1 = make_activity(db, "清洁", project="美丽家园")
    a2 = make_activity(db, "读报", T(14), T(15), held_on=DAY + dt.timedelta(days=40))
    l1 = checked_out(db, zhang, a1, at(1), at(3))
    l2 = checked_out(db, wang, a1, at(1), at(2))
    later = dt.date(2026, 6, 15)
    l3 = checked_out(db, wang, a2, at(6, day=later), at(7, day=later))
    checked_out(db, zhang, a2, at(6, day=later), at(7, day=later))  # stays pending
    confirm(db, l1, l2, l3)
    rows = vh.hours_rows(db, start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31))
    assert [(r.number, r.minutes, r.activity, r.project) for r in rows] == [
        ("V0001", 120, "清洁", "美丽家园"),
        ("V0002", 60, "清洁", "美丽家园"),
    ]
    assert (rows[0].id_number, rows[0].phone) == ("11010519491231002X", "13812345678")
    assert rows[0].confirmed_by == "李主任" and rows[0].confirmed_at.tzinfo is not None
    assert next(vh.iter_hours_rows(db, start=later)).entry_id == l3
    everything = vh.hours_rows(db)
    assert [r.entry_id for r in everything] == [l1, l2, l3]
    with pytest.raises(DomainError, match="开始日期不能晚于结束日期"):
        vh.hours_rows(db, start=later, end=DAY)


def test_order_hours_go_to_the_ledger_pending(db):
    wang = make_volunteer(db, "王芳", "V0001")
    with db.session() as s:
        entry = vh.add_pending(s, volunteer_id=wang, served_on=DAY, minutes=45)
        assert (entry.state, entry.order_id, entry.activity_id) == ("pending", None, None)
    with pytest.raises(DomainError, match="找不到该记录"), db.session() as s:
        vh.add_pending(s, volunteer_id=wang, served_on=DAY, minutes=45, order_id="nope")
    activity = make_activity(db)
    with (
        pytest.raises(DomainError, match="服务日期不能早于活动日期（2026-05-06）"),
        db.session() as s,
    ):
        vh.add_pending(
            s,
            volunteer_id=wang,
            served_on=DAY - dt.timedelta(days=1),
            minutes=45,
            activity_id=activity,
        )


def test_a_viewer_reads_the_ledger_but_cannot_confirm_or_adjust(db):
    from govdesk.domain.permissions import Actor, PermissionDenied, Role

    wang = make_volunteer(db, "王芳", "V0001")
    line = checked_out(db, wang, make_activity(db), at(1), at(2))
    db.actor = Actor(username="guest", role=Role.VIEWER)
    assert [entry.id for entry in vh.ledger(db, wang)] == [line]
    with pytest.raises(PermissionDenied), db.session() as s:
        vh.confirm(s, [line])
    with pytest.raises(PermissionDenied), db.session() as s:
        vh.adjust(s, volunteer_id=wang, minutes=30, reason="补录", served_on=DAY)
    db.actor = Actor(username="coordinator", role=Role.VOLUNTEERS)
    with db.session() as s:
        [done] = vh.confirm(s, [line])
        assert done.confirmed_by == "coordinator"
    assert tally(db, wang) == 60
