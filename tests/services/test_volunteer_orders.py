"""Service orders: the life cycle and its refusals, numbers per year, hours to the ledger, suggestions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import HourEntry, ServiceOrder, Volunteer
from govdesk.domain.names import pinyin_keys
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import volunteer_orders as orders
from govdesk.services.office import current_office

NOW = dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC)  # a Monday
DAY = dt.date(2026, 5, 4)


def add_volunteer(db, number: str, name: str, **values) -> str:
    with db.session() as s:
        pinyin, initials = pinyin_keys(name)
        v = Volunteer(
            office_id=current_office(s).id,
            number=number,
            name=name,
            name_pinyin=pinyin,
            name_initials=initials,
            joined_on=DAY - dt.timedelta(days=30),
            **values,
        )
        s.add(v)
    return v.id


def new_order(db, **values) -> ServiceOrder:
    values.setdefault("requester", "张大爷")
    values.setdefault("need", "更换水龙头")
    with db.session() as s:
        return orders.request(s, now=values.pop("now", NOW), **values)


def step(db, fn, *args, **kwargs):
    with db.session() as s:
        return fn(s, *args, **kwargs)


def test_the_whole_life_cycle_puts_pending_hours_in_the_ledger(db):
    helper = add_volunteer(db, "V0001", "王芳", skills="repairs")
    order = new_order(db, skill="repairs", phone="13800138000", place="幸福里3号楼")
    assert order.number == "2026-0001" and order.state == "requested"
    step(db, orders.dispatch, order.id, helper, NOW + dt.timedelta(hours=1))
    step(db, orders.accept, order.id, NOW + dt.timedelta(hours=2))
    finished = step(
        db, orders.done, order.id, minutes=75, now=NOW + dt.timedelta(days=1), feedback="满意"
    )
    assert (finished.state, finished.minutes, finished.feedback) == ("done", 75, "满意")
    with db.session() as s:
        lines = s.exec(select(HourEntry)).all()
    assert [(h.volunteer_id, h.minutes, h.state, h.order_id) for h in lines] == [
        (helper, 75, "pending", order.id)
    ]
    assert lines[0].served_on == dt.date(2026, 5, 5)
    # Pending hours do not count toward the confirmed total yet.
    with db.connect() as conn:
        tally = conn.exec_driver_sql("SELECT count(*) FROM volunteer_tally").scalar()
    assert tally == 0


@pytest.mark.parametrize(
    ("reached", "refused"),
    [
        ("requested", ["accept", "done"]),
        ("dispatched", ["done"]),
        ("accepted", ["dispatch", "accept"]),
        ("done", ["dispatch", "accept", "done", "cancel"]),
        ("cancelled", ["dispatch", "accept", "done", "cancel"]),
    ],
)
def test_steps_out_of_order_are_refused_and_change_nothing(db, reached, refused):
    helper = add_volunteer(db, "V0001", "王芳")
    order = new_order(db)
    path = {
        "dispatched": ["dispatch"],
        "accepted": ["dispatch", "accept"],
        "done": ["dispatch", "accept", "done"],
        "cancelled": ["cancel"],
    }.get(reached, [])
    calls = {
        "dispatch": lambda s: orders.dispatch(s, order.id, helper, NOW),
        "accept": lambda s: orders.accept(s, order.id, NOW),
        "done": lambda s: orders.done(s, order.id, minutes=30, now=NOW),
        "cancel": lambda s: orders.cancel(s, order.id, reason="不需要了", now=NOW),
    }
    for name in path:
        with db.session() as s:
            calls[name](s)
    for name in refused:
        with pytest.raises(DomainError, match="不能"), db.session() as s:
            calls[name](s)
    with db.session() as s:
        assert s.get(ServiceOrder, order.id).state == reached


def test_refusals_name_the_problem(db):
    left = add_volunteer(db, "V0001", "李强", status="left")
    order = new_order(db)
    with pytest.raises(DomainError, match="不是在岗"):
        step(db, orders.dispatch, order.id, left, NOW)
    with pytest.raises(DomainError, match="取消原因不能为空"):
        step(db, orders.cancel, order.id, reason="  ", now=NOW)
    with pytest.raises(DomainError) as caught:
        new_order(db, requester="", need="", phone="12ab", skill="juggling")
    fields = {i.field for i in caught.value.issues}
    assert fields == {"requester", "need", "phone", "skill"}
    helper = add_volunteer(db, "V0002", "王芳")
    step(db, orders.dispatch, order.id, helper, NOW)
    step(db, orders.accept, order.id, NOW)
    for minutes in (0, -5, 1441, 1.5):
        with pytest.raises(DomainError, match="1 至 1440"):
            step(db, orders.done, order.id, minutes=minutes, now=NOW)
    with db.session() as s:
        assert s.exec(select(HourEntry)).all() == []
        assert s.get(ServiceOrder, order.id).state == "accepted"


def test_numbers_run_per_year_and_a_refused_request_uses_none(db):
    first = new_order(db)
    with pytest.raises(DomainError):
        new_order(db, need="")
    second = new_order(db)
    next_year = new_order(db, now=dt.datetime(2027, 1, 2, 3, 0, tzinfo=dt.UTC))
    assert [first.number, second.number, next_year.number] == [
        "2026-0001",
        "2026-0002",
        "2027-0001",
    ]


def test_a_redispatch_goes_to_the_new_volunteer(db):
    a = add_volunteer(db, "V0001", "王芳")
    b = add_volunteer(db, "V0002", "李强")
    order = new_order(db)
    step(db, orders.dispatch, order.id, a, NOW)
    again = step(db, orders.dispatch, order.id, b, NOW + dt.timedelta(hours=1))
    assert (again.state, again.volunteer_id) == ("dispatched", b)


def test_open_orders_show_their_age_oldest_first(db):
    helper = add_volunteer(db, "V0001", "王芳")
    old = new_order(db, need="代买药品", now=NOW - dt.timedelta(days=6))
    new_order(db, need="理发", now=NOW - dt.timedelta(days=1))
    finished = new_order(db, need="修车", now=NOW - dt.timedelta(days=9))
    step(db, orders.dispatch, finished.id, helper, NOW)
    step(db, orders.accept, finished.id, NOW)
    step(db, orders.done, finished.id, minutes=40, now=NOW)
    step(db, orders.dispatch, old.id, helper, NOW)
    rows = orders.open_orders(db, NOW)
    assert [(r.order.need, r.age_days, r.volunteer_name) for r in rows] == [
        ("代买药品", 6, "王芳"),
        ("理发", 1, ""),
    ]
    assert rows[0].state_label == "已派单"


def test_orders_need_the_volunteer_permissions(db):
    order = new_order(db)
    db.actor = Actor("viewer", Role.VIEWER)
    assert [r.order.id for r in orders.open_orders(db, NOW)] == [order.id]
    with pytest.raises(PermissionDenied):
        new_order(db)
    db.actor = Actor("clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        step(db, orders.cancel, order.id, reason="x", now=NOW)


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("上午", "morning"),
        ("上午10点前", "morning"),
        ("下午3点", "afternoon"),
        ("14:00", "afternoon"),
        ("晚上7点", "evening"),
        ("19：30", "evening"),
        ("尽快", None),
        ("", None),
    ],
)
def test_wanted_time_of_day(typed, period):
    assert orders.wanted_period(typed) == period


def test_suggestions_rank_skill_day_time_grid_and_workload(db):
    # 2026-05-06 is a Wednesday (3); the order wants repairs in the morning.
    best = add_volunteer(
        db, "V0001", "王芳", skills="repairs", available_days="35", available_times="morning"
    )
    busy = add_volunteer(
        db, "V0002", "李强", skills="repairs", available_days="35", available_times="morning"
    )
    unstated = add_volunteer(db, "V0003", "赵敏", skills="repairs")
    wrong_day = add_volunteer(
        db, "V0004", "钱进", skills="repairs", available_days="67", available_times="morning"
    )
    no_skill = add_volunteer(
        db, "V0005", "孙丽", skills="cleaning", available_days="3", available_times="morning"
    )
    add_volunteer(db, "V0006", "周八", skills="repairs", status="paused")
    for _ in range(2):
        other = new_order(db)
        step(db, orders.dispatch, other.id, busy, NOW)
    order = new_order(db, skill="repairs", wanted_on=dt.date(2026, 5, 6), wanted_time="上午9点")
    found = orders.suggestions(db, order.id, on=DAY)
    ranked = [s.volunteer.id for s in found]
    assert ranked == [best, busy, unstated, wrong_day, no_skill]
    scores = {s.volunteer.id: s.score for s in found}
    assert scores[best] == orders.SCORE_SKILL + orders.SCORE_DAY + orders.SCORE_TIME
    assert scores[busy] == scores[best] - 2 * orders.PENALTY_OPEN
    assert scores[unstated] == orders.SCORE_SKILL + 2 * orders.SCORE_UNSTATED
    assert scores[wrong_day] == orders.SCORE_SKILL - orders.PENALTY_NOT_FREE + orders.SCORE_TIME
    assert scores[no_skill] == orders.SCORE_DAY + orders.SCORE_TIME
    reasons = {s.volunteer.id: s.reasons for s in found}
    assert reasons[best] == ["具备所需技能：维修", "周三有空", "上午有空", "手上没有未办结的点单"]
    assert "手上还有 2 单未办结" in reasons[busy]
    assert "缺少所需技能：维修" in reasons[no_skill]
    assert [s.volunteer.id for s in orders.suggestions(db, order.id, on=DAY, limit=2)] == [
        best,
        busy,
    ]


def test_a_residents_order_and_volunteer_follow_their_households_grid(db):
    from govdesk.services import grids
    from tests.services.grid_world import linked_world

    homes = linked_world(db)
    with db.session() as s:
        east = grids.create_grid(s, name="东片")
        west = grids.create_grid(s, name="西片")
        grids.assign_places(
            s, place_ids=[homes["幸福里小区3号楼"]], grid_id=east.id, on=DAY - dt.timedelta(days=9)
        )
        grids.assign_places(
            s, place_ids=[homes["和平家园1号楼"]], grid_id=west.id, on=DAY - dt.timedelta(days=9)
        )
        people = dict(
            s.connection()
            .exec_driver_sql(
                "SELECT current_address, id FROM resident WHERE relation_to_head = 'head'"
            )
            .all()
        )
    neighbour = add_volunteer(
        db, "V0001", "居民21", resident_id=people["幸福里小区3号楼1单元101室"]
    )
    outsider = add_volunteer(db, "V0002", "周建军", grid_id=east.id)
    elsewhere = add_volunteer(db, "V0003", "居民40", resident_id=people["和平家园1号楼1单元201室"])
    order = new_order(db, requester="", resident_id=people["幸福里小区3号楼2单元301室"])
    assert (order.grid_id, order.requester, order.place) == (
        east.id,
        "居民10",
        "幸福里小区3号楼2单元301室",
    )
    found = {s.volunteer.id: s for s in orders.suggestions(db, order.id, on=DAY)}
    assert found[neighbour].score == found[outsider].score == found[elsewhere].score + 20
    assert "同一网格" in found[neighbour].reasons
    assert found[elsewhere].grid_id == west.id
