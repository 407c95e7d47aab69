"""Volunteer activities and sign-ups: validation, clash/skill/headcount warnings, cancelling."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.domain.models import Volunteer, VolunteerActivity, VolunteerSignup
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import volunteer_activities as va
from govdesk.services import volunteer_hours as vh
from govdesk.services.office import current_office

DAY = dt.date(2026, 5, 6)  # a Wednesday
T = dt.time
NOW = dt.datetime(2026, 5, 1, 2, 0, tzinfo=dt.UTC)
NINE, ELEVEN = T(9), T(11)


def make_volunteer(db, name, number, *, skills="", status="active"):
    with db.session() as s:
        v = Volunteer(
            office_id=current_office(s).id,
            number=number,
            name=name,
            skills=skills,
            status=status,
            joined_on=dt.date(2026, 1, 1),
        )
        s.add(v)
    return v.id


def make_activity(db, title="社区清洁", start=NINE, end=ELEVEN, **extra):
    with db.session() as s:
        return va.create_activity(
            s,
            title=title,
            held_on=extra.pop("held_on", DAY),
            start_time=start,
            end_time=end,
            **extra,
        ).id


def sign(db, activity_id, volunteer_id):
    with db.session() as s:
        result = va.sign_up(s, activity_id=activity_id, volunteer_id=volunteer_id, now=NOW)
        return result.signup.id, [(w.field, w.message) for w in result.warnings]


def _count(db, table):
    with db.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_create_activity_takes_skill_labels_and_refuses_bad_input(db):
    activity_id = make_activity(
        db,
        title=" 夜间巡逻 ",
        start=T(19),
        end=T(21),
        skills=["治安巡逻", "cleaning", "治安巡逻"],
        headcount=4,
        place="3号楼",
    )
    with db.session() as s:
        activity = va.get_activity(s, activity_id)
        assert (activity.title, activity.skills, activity.state) == (
            "夜间巡逻",
            "patrol,cleaning",
            "planned",
        )
    with pytest.raises(DomainError) as refused, db.session() as s:
        va.create_activity(
            s,
            title=" ",
            held_on=DAY,
            start_time=T(10),
            end_time=T(10),
            headcount=-1,
            skills=["杂技"],
        )
    fields = [i.field for i in refused.value.issues]
    assert fields == ["title", "end_time", "headcount", "skills"]
    assert "结束时间（10:00）应晚于开始时间（10:00）" in str(refused.value)
    assert "“杂技”不是技能列表中的技能" in str(refused.value)
    assert _count(db, "volunteer_activity") == 1


def test_update_only_while_planned_and_only_known_fields(db):
    activity_id = make_activity(db)
    with db.session() as s:
        va.update_activity(s, activity_id, place="活动室", end_time=T(12), skills="环境清洁")
    with db.session() as s:
        a = va.get_activity(s, activity_id)
        assert (a.place, a.end_time, a.skills) == ("活动室", T(12), "cleaning")
    with pytest.raises(DomainError, match="应晚于开始时间"), db.session() as s:
        va.update_activity(s, activity_id, start_time=T(13))
    with pytest.raises(DomainError, match="没有“state”"), db.session() as s:
        va.update_activity(s, activity_id, state="done")
    with db.session() as s:
        va.cancel_activity(s, activity_id)
    with pytest.raises(DomainError, match="活动状态为“已取消”，不能修改"), db.session() as s:
        va.update_activity(s, activity_id, place="别处")
    with db.session() as s:
        assert va.get_activity(s, activity_id).place == "活动室"


def test_clash_warns_on_overlap_but_not_on_touching_times(db):
    wang = make_volunteer(db, "王芳", "V0001")
    morning = make_activity(db, "清洁", T(9), T(11))
    touching = make_activity(db, "读报", T(11), T(12))
    overlapping = make_activity(db, "义诊", T(10, 30), T(12))
    next_day = make_activity(db, "义诊", T(9), T(11), held_on=DAY + dt.timedelta(days=1))
    assert sign(db, morning, wang)[1] == []
    assert sign(db, touching, wang)[1] == []
    signup_id, warnings = sign(db, overlapping, wang)
    # Both activities it overlaps are named: 9–11 and 11–12.
    assert warnings == [
        ("clash", "与同一天的“清洁”（09:00–11:00）时间冲突"),
        ("clash", "与同一天的“读报”（11:00–12:00）时间冲突"),
    ]
    assert sign(db, next_day, wang)[1] == []
    with db.session() as s:
        assert s.get(VolunteerSignup, signup_id).warnings == "clash"


def test_a_cancelled_signup_or_activity_is_no_clash(db):
    wang = make_volunteer(db, "王芳", "V0001")
    first = make_activity(db, "清洁", T(9), T(11))
    second = make_activity(db, "义诊", T(10), T(11))
    signup_id, _ = sign(db, first, wang)
    with db.session() as s:
        va.cancel_signup(s, signup_id)
    assert sign(db, second, wang)[1] == []


def test_missing_skill_and_full_headcount_warn_but_sign_up(db):
    li = make_volunteer(db, "李明", "V0001", skills="health")
    zhao = make_volunteer(db, "赵强", "V0002", skills="health,legal_advice")
    activity = make_activity(db, "义诊咨询", skills="health,legal_advice", headcount=1)
    li_signup, warnings = sign(db, activity, li)
    assert warnings == [("skill", "李明没有活动需要的技能：法律咨询")]
    zhao_signup, warnings = sign(db, activity, zhao)
    assert warnings == [("full", "报名人数已满（需要1人，已报名1人）")]
    with db.session() as s:
        assert s.get(VolunteerSignup, li_signup).warnings == "skill"
        assert s.get(VolunteerSignup, zhao_signup).state == "signed_up"
    [view] = va.activities(db, start=DAY, end=DAY)
    assert (view.signed_up, view.full, view.times) == (2, True, "09:00–11:00")


def test_refusals_paused_volunteer_twice_and_cancelled_activity(db):
    paused = make_volunteer(db, "孙丽", "V0001", status="paused")
    wang = make_volunteer(db, "王芳", "V0002")
    activity = make_activity(db)
    with pytest.raises(DomainError, match="孙丽的状态是“暂停”，不能报名"):
        sign(db, activity, paused)
    sign(db, activity, wang)
    with pytest.raises(DomainError, match="王芳已经报名了这个活动"):
        sign(db, activity, wang)
    other = make_activity(db, "读报")
    with db.session() as s:
        va.cancel_activity(s, other)
    with pytest.raises(DomainError, match="不能报名"):
        sign(db, other, wang)
    assert _count(db, "volunteer_signup") == 1


def test_signing_up_again_after_cancelling_reuses_the_row(db):
    wang = make_volunteer(db, "王芳", "V0001")
    activity = make_activity(db)
    first, _ = sign(db, activity, wang)
    with db.session() as s:
        va.cancel_signup(s, first)
    again, _ = sign(db, activity, wang)
    assert again == first
    [row] = va.signups(db, activity)
    assert (row.volunteer_name, row.state, row.state_label) == ("王芳", "signed_up", "已报名")


def test_cancel_activity_keeps_cancelled_signups_and_is_refused_after_check_in(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    activity = make_activity(db)
    sign(db, activity, wang)
    sign(db, activity, li)
    with db.session() as s:
        va.cancel_activity(s, activity)
    assert [r.state for r in va.signups(db, activity)] == ["cancelled", "cancelled"]
    assert va.activities(db, start=DAY, end=DAY, state="cancelled")[0].signed_up == 0

    second = make_activity(db, "读报")
    signup_id, _ = sign(db, second, wang)
    with db.session() as s:
        vh.check_in(s, signup_id, dt.datetime(2026, 5, 6, 1, 0, tzinfo=dt.UTC))
    with pytest.raises(DomainError, match="不能取消"), db.session() as s:
        va.cancel_activity(s, second)
    with pytest.raises(DomainError, match="已签到"), db.session() as s:
        va.cancel_signup(s, signup_id)
    with db.session() as s:
        assert s.get(VolunteerActivity, second).state == "planned"


def test_finish_marks_those_who_never_came_absent(db):
    wang = make_volunteer(db, "王芳", "V0001")
    li = make_volunteer(db, "李明", "V0002")
    zhao = make_volunteer(db, "赵强", "V0003")
    activity = make_activity(db)
    came, _ = sign(db, activity, wang)
    sign(db, activity, li)
    sign(db, activity, zhao)
    with db.session() as s:
        vh.check_in(s, came, dt.datetime(2026, 5, 6, 1, 0, tzinfo=dt.UTC))
        vh.check_out(s, came, dt.datetime(2026, 5, 6, 3, 0, tzinfo=dt.UTC))
        vh.record_hours(s, activity_id=activity, minutes=60, volunteer_ids=[zhao])
        va.finish_activity(s, activity)
    with pytest.raises(DomainError, match="已签退”，不能记为缺席"), db.session() as s:
        va.mark_absent(s, came)
    states = {r.volunteer_name: (r.state, r.minutes) for r in va.signups(db, activity)}
    assert states == {
        "王芳": ("checked_out", 120),
        "李明": ("absent", None),
        "赵强": ("signed_up", 60),
    }
    assert va.activities(db, start=DAY, end=DAY)[0].state_label == "已完成"


def test_activities_of_a_period_in_day_and_time_order(db):
    make_activity(db, "晚", T(19), T(21))
    make_activity(db, "早", T(8), T(9))
    make_activity(db, "下周", T(8), T(9), held_on=DAY + dt.timedelta(days=7))
    make_activity(db, "前一天", T(8), T(9), held_on=DAY - dt.timedelta(days=1))
    titles = [a.title for a in va.activities(db, start=DAY - dt.timedelta(days=1), end=DAY)]
    assert titles == ["前一天", "早", "晚"]


def test_a_viewer_reads_but_cannot_plan(db):
    make_activity(db)
    db.actor = Actor(username="guest", role=Role.VIEWER)
    assert [a.title for a in va.activities(db, start=DAY, end=DAY)] == ["社区清洁"]
    with pytest.raises(PermissionDenied), db.session() as s:
        va.create_activity(s, title="x", held_on=DAY, start_time=T(8), end_time=T(9))
    assert _count(db, "volunteer_activity") == 1


def test_changes_are_on_the_audit_trail(db):
    activity = make_activity(db)
    with db.connect() as conn:
        rows = conn.execute(
            text("SELECT action, record_type FROM audit_log WHERE record_id = :id"),
            {"id": activity},
        ).all()
    assert ("create", "volunteer_activity") in [tuple(r) for r in rows]
